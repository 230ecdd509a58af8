//! The search index: an elasticlunr index (elasticlunr-rs) of occupations, forms and the
//! notice, written with the display data of each result beside it in `search/index.json`.
//!
//! Documents are not stored inside the elasticlunr index (`save_docs(false)`); the `docs`
//! map holds only what a result shows: title, URL, kind, code, levels.

pub mod tokenize;

use std::collections::BTreeMap;

use elasticlunr::{IndexBuilder, Language, Pipeline};
use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use crate::domain::{Level, Reading};
use crate::model::{Form, Occupation, Site};
use crate::render::markdown::{self, BLANK_MARK};
use crate::render::view::{describe_levels, form_url, occupation_url};

/// Index fields, in the order of [`Fields`]; the browser gives each its own boost.
pub const FIELDS: [&str; 6] = ["title", "pinyin", "code", "levels", "category", "body"];

/// One document's text per field.
type Fields = [String; 6];

/// What a result shows.
#[derive(Serialize)]
struct Shown {
    /// Title: the occupation's or form's name.
    t: String,
    /// URL.
    u: String,
    /// Kind: 职业, 附件, 通知.
    k: &'static str,
    /// Code, for occupations.
    #[serde(skip_serializing_if = "String::is_empty")]
    c: String,
    /// Levels in words, for occupations.
    #[serde(skip_serializing_if = "String::is_empty")]
    l: String,
    /// 序号, so equal scores keep the table's order.
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<u32>,
}

#[derive(Serialize)]
struct IndexFile<'a> {
    index: &'a elasticlunr::Index,
    docs: BTreeMap<String, Shown>,
}

/// Our tokenizer as an elasticlunr language, with no pipeline: no stemming, trimming or
/// stop words, so the browser, which runs the same tokenizer, meets the same tokens.
struct Tokens;

impl Language for Tokens {
    fn name(&self) -> String {
        "linxuan".into()
    }
    fn code(&self) -> String {
        "zh".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        tokenize::tokenize(text)
    }
    fn make_pipeline(&self) -> Pipeline {
        Pipeline { queue: Vec::new() }
    }
}

/// Builds `search/index.json`.
pub fn index_json(site: &Site) -> Vec<u8> {
    let mut index = IndexBuilder::with_language(Box::new(Tokens))
        .save_docs(false)
        .add_fields(&FIELDS)
        .build();
    let mut docs = BTreeMap::new();
    for o in &site.occupations {
        let reference = format!("o:{}", o.code);
        index.add_doc(&reference, occupation_fields(site, o));
        let shown = Shown {
            t: o.name.clone(),
            u: occupation_url(site, o),
            k: "职业",
            c: o.code.to_string(),
            l: describe_levels(o.levels),
            s: Some(o.seq),
        };
        docs.insert(reference, shown);
    }
    for form in &site.forms {
        let reference = format!("f:{}", form.slug);
        index.add_doc(&reference, form_fields(form));
        let shown = Shown {
            t: format!("附件{} {}", form.attachment, form.title),
            u: form_url(site, form),
            k: "附件",
            c: String::new(),
            l: String::new(),
            s: None,
        };
        docs.insert(reference, shown);
    }
    index.add_doc("n", notice_fields(site));
    docs.insert(
        "n".into(),
        Shown {
            t: site.notice.title.clone(),
            u: site.base_url.link(""),
            k: "通知",
            c: String::new(),
            l: String::new(),
            s: None,
        },
    );
    let mut json = serde_json::to_vec(&IndexFile {
        index: &index,
        docs,
    })
    .unwrap_or_default();
    json.push(b'\n');
    json
}

fn occupation_fields(site: &Site, o: &Occupation) -> Fields {
    let reading = Reading::of(&o.name, o.pinyin.as_deref());
    let mut pinyin: Vec<String> = reading.full.clone();
    pinyin.extend(reading.initials.iter().cloned());
    // Suffixes at syllable boundaries let `huli` find 养老护理员.
    for start in 1..reading.syllables.len() {
        pinyin.push(reading.syllables[start..].concat());
    }
    let levels: Vec<String> = Level::ALL
        .iter()
        .filter(|l| o.levels.contains(**l))
        .map(|l| format!("{} {}", l.name(), l.title()))
        .collect();
    let (major, middle) = (o.code.major(), o.code.middle());
    [
        o.name.clone(),
        pinyin.join(" "),
        o.code.to_string(),
        levels.join(" "),
        format!(
            "{} {} {} {}",
            site.category_name(middle),
            middle,
            site.category_name(major),
            major
        ),
        String::new(),
    ]
}

/// A form is found by its title, headings, table labels and the label part of each line
/// (`法定代表人（签字）：____` → 法定代表人（签字）); long prose is left out to keep the index small.
fn form_fields(form: &Form) -> Fields {
    let mut labels = Vec::new();
    let mut text = String::new();
    let mut in_block = false;
    let mut in_heading_or_cell = false;
    for event in markdown::events(&form.markdown) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::TableCell) => {
                (in_block, in_heading_or_cell) = (true, true)
            }
            Event::Start(Tag::Paragraph) => (in_block, in_heading_or_cell) = (true, false),
            Event::Text(t) if in_block => text.push_str(&t),
            Event::End(TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Paragraph) => {
                let clean: String = text.chars().filter(|c| *c != BLANK_MARK).collect();
                let label = if in_heading_or_cell {
                    Some(clean.as_str())
                } else {
                    clean
                        .split_once('：')
                        .map(|(label, _)| label)
                        .filter(|l| l.chars().count() <= 40)
                };
                if let Some(label) = label
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && *l != markdown::MERGE_LEFT)
                {
                    labels.push(label.to_owned());
                }
                text.clear();
                in_block = false;
            }
            _ => {}
        }
    }
    let title = [
        form.title.as_str(),
        form.heading.as_str(),
        form.subtitle.as_deref().unwrap_or(""),
    ]
    .join(" ");
    [
        title,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        labels.join(" "),
    ]
}

fn notice_fields(site: &Site) -> Fields {
    let body: String = markdown::events(&site.notice.markdown)
        .into_iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    [
        site.notice.title.clone(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        body,
    ]
}
