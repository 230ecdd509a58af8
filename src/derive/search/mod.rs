//! The search index: an elasticlunr index (elasticlunr-rs) of occupations, forms and the
//! notice, written with the display data of each result beside it in `search/index.json`.
//!
//! Documents are not stored inside the elasticlunr index (`save_docs(false)`); `docs` holds
//! only what a result shows: kind, title, code, levels, 序号.

pub mod tokenize;

use std::collections::BTreeMap;

use elasticlunr::{IndexBuilder, Language, Pipeline};
use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use crate::domain::{Level, Reading};
use crate::model::{Form, Occupation, Site};
use crate::render::markdown::{self, BLANK_MARK};
use crate::render::view::form_url;

/// Text fields of the elasticlunr index, in the order of [`Fields`]. Levels and categories
/// are few and shared by many occupations, so they are not indexed per document: the browser
/// matches them against `levels` and `categories` and keeps the occupations that have them.
pub const FIELDS: [&str; 4] = ["title", "pinyin", "code", "body"];

/// One document's text per field.
type Fields = [String; 4];

/// What a result shows; short keys because there is one per occupation.
#[derive(Serialize)]
struct Shown {
    /// Kind: `o` occupation (URL derived from the code), `f` form, `n` notice.
    k: &'static str,
    /// Title: the occupation's or form's name.
    t: String,
    /// Code, for occupations.
    #[serde(skip_serializing_if = "String::is_empty")]
    c: String,
    /// Level numbers, for occupations: `54321`.
    #[serde(skip_serializing_if = "String::is_empty")]
    l: String,
    /// Pinyin spellings, for occupations: syllables by spaces, spellings by `|`
    /// (`bao yu shi`). The browser derives the pinyin field's postings from them with
    /// `pinyin_tokens`' rule: shipping the postings would take several times the bytes.
    #[serde(skip_serializing_if = "String::is_empty")]
    p: String,
    /// URL, for anything but occupations.
    #[serde(skip_serializing_if = "String::is_empty")]
    u: String,
}

/// `search/index.json`. The elasticlunr index built by elasticlunr-rs is re-encoded from its
/// trie (a node object per character, several times the size) into postings lists, from which
/// `search.js` rebuilds the same elasticlunr index with `addToken`.
#[derive(Serialize)]
struct IndexFile<'a> {
    v: u32,
    fields: [&'a str; 4],
    docs: Vec<Shown>,
    /// field → token → document numbers, delta-encoded (ascending, each minus the previous).
    terms: BTreeMap<&'a str, BTreeMap<String, Vec<usize>>>,
    /// field → token → document number → term frequency, only where it is not 1.
    tf: BTreeMap<&'a str, BTreeMap<String, BTreeMap<usize, f64>>>,
    /// field → the number of tokens of each document in that field.
    lengths: BTreeMap<&'a str, Vec<u64>>,
    /// Level number → its words, `一级 高级技师`.
    levels: BTreeMap<u8, String>,
    /// 大类/中类 code → name, for categories in use.
    categories: BTreeMap<String, String>,
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
    let mut index = IndexBuilder::with_language(Box::new(Tokens)).save_docs(false).add_fields(&FIELDS).build();
    // Documents are numbered in order: occupations by 序号, then forms, then the notice;
    // the browser breaks ties between equal scores by that number.
    let mut docs = Vec::new();
    for o in &site.occupations {
        let reading = Reading::of(&o.name, o.pinyin.as_deref());
        index.add_doc(&docs.len().to_string(), occupation_fields(o, &reading));
        let levels: String = o.levels.levels().map(|l| l.number().to_string()).collect();
        let spellings: Vec<String> = reading.spellings.iter().map(|s| s.join(" ")).collect();
        docs.push(Shown {
            k: "o",
            t: o.name.clone(),
            c: o.code.to_string(),
            l: levels,
            p: spellings.join("|"),
            u: String::new(),
        });
    }
    for form in &site.forms {
        index.add_doc(&docs.len().to_string(), form_fields(form));
        let title = format!("附件{} {}", form.attachment, form.title);
        docs.push(Shown {
            k: "f",
            t: title,
            c: String::new(),
            l: String::new(),
            p: String::new(),
            u: form_url(site, form),
        });
    }
    index.add_doc(&docs.len().to_string(), notice_fields(site));
    docs.push(Shown {
        k: "n",
        t: site.notice.title.clone(),
        c: String::new(),
        l: String::new(),
        p: String::new(),
        u: site.base_url.link(""),
    });

    let elastic = serde_json::to_value(&index).unwrap_or_default();
    let mut file = IndexFile {
        v: 1,
        fields: FIELDS,
        docs,
        terms: BTreeMap::new(),
        tf: BTreeMap::new(),
        lengths: BTreeMap::new(),
        levels: Level::ALL.iter().map(|l| (l.number(), format!("{} {}", l.name(), l.title()))).collect(),
        categories: site
            .categories_in_use()
            .into_iter()
            .map(|k| (k.to_string(), site.category_name(k).to_owned()))
            .collect(),
    };
    let count = file.docs.len();
    for field in FIELDS.into_iter().filter(|f| *f != "pinyin") {
        let mut postings: BTreeMap<String, BTreeMap<usize, f64>> = BTreeMap::new();
        collect_postings(&elastic["index"][field]["root"], &mut String::new(), &mut postings);
        let (terms, tf) = file_postings(postings);
        file.terms.insert(field, terms);
        file.tf.insert(field, tf);
        let info = &elastic["documentStore"]["docInfo"];
        file.lengths.insert(field, (0..count).map(|i| info[i.to_string()][field].as_u64().unwrap_or(0)).collect());
    }
    let mut json = serde_json::to_vec(&file).unwrap_or_default();
    json.push(b'\n');
    json
}

/// Walks elasticlunr's trie: every key but `docs` and `df` is the next character.
fn collect_postings(node: &serde_json::Value, token: &mut String, out: &mut BTreeMap<String, BTreeMap<usize, f64>>) {
    let Some(map) = node.as_object() else { return };
    if let Some(docs) = map.get("docs").and_then(|d| d.as_object())
        && !docs.is_empty()
    {
        let entry = out.entry(token.clone()).or_default();
        for (reference, posting) in docs {
            if let Ok(doc) = reference.parse::<usize>() {
                entry.insert(doc, posting["tf"].as_f64().unwrap_or(1.0));
            }
        }
    }
    for (key, child) in map {
        if key != "docs" && key != "df" {
            token.push_str(key);
            collect_postings(child, token, out);
            token.truncate(token.len() - key.len());
        }
    }
}

type Postings = (BTreeMap<String, Vec<usize>>, BTreeMap<String, BTreeMap<usize, f64>>);

fn file_postings(postings: BTreeMap<String, BTreeMap<usize, f64>>) -> Postings {
    let mut terms = BTreeMap::new();
    let mut tf = BTreeMap::new();
    for (token, docs) in postings {
        let mut previous = 0;
        let deltas =
            docs.keys().map(|d| std::mem::replace(&mut previous, *d)).zip(docs.keys()).map(|(p, d)| d - p).collect();
        let unusual: BTreeMap<usize, f64> = docs.into_iter().filter(|(_, f)| (*f - 1.0).abs() > 1e-9).collect();
        if !unusual.is_empty() {
            tf.insert(token.clone(), unusual);
        }
        terms.insert(token, deltas);
    }
    (terms, tf)
}

fn occupation_fields(o: &Occupation, reading: &Reading) -> Fields {
    let pinyin = tokenize::pinyin_tokens(&reading.spellings);
    [o.name.clone(), pinyin.join(" "), o.code.to_string(), String::new()]
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
            Event::Start(Tag::Heading { .. } | Tag::TableCell) => (in_block, in_heading_or_cell) = (true, true),
            Event::Start(Tag::Paragraph) => (in_block, in_heading_or_cell) = (true, false),
            Event::Text(t) if in_block => text.push_str(&t),
            Event::End(TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Paragraph) => {
                let clean: String = text.chars().filter(|c| *c != BLANK_MARK).collect();
                let label = if in_heading_or_cell {
                    Some(clean.as_str())
                } else {
                    clean.split_once('：').map(|(label, _)| label).filter(|l| l.chars().count() <= 40)
                };
                if let Some(label) = label.map(str::trim).filter(|l| !l.is_empty() && *l != markdown::MERGE_LEFT) {
                    labels.push(label.to_owned());
                }
                text.clear();
                in_block = false;
            }
            _ => {}
        }
    }
    let title = [form.title.as_str(), form.heading.as_str(), form.subtitle.as_deref().unwrap_or("")].join(" ");
    [title, String::new(), String::new(), labels.join(" ")]
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
    [site.notice.title.clone(), String::new(), String::new(), body]
}
