//! The search index: `search/index.json` and, for a large site, the shards beside it
//! ([`shards`] says which file holds what). It holds the postings lists of an elasticlunr
//! index of the occupations, the forms and the notice, with what each result shows beside
//! them; `search.js` builds an elasticlunr.js index from the postings a query needs, with
//! `addToken`.
//!
//! The postings are counted here by elasticlunr's rule (a token's frequency in a field is the
//! square root of its count; a field's length is its number of tokens); a test checks them
//! against elasticlunr-rs, which is not used in the build because its per-character trie can
//! only be read by serialising it, which took most of a 10,000-row build. The pinyin field
//! ships its keys from each occupation's spellings by [`tokenize::pinyin_tokens`]' rule.
//! Levels and categories are not indexed per document but matched as facets. Documents hold
//! only what a result shows: kind, title, code, levels, spellings, and the URL of a form or
//! the notice.

mod postings;
pub mod shards;
pub mod tables;
pub mod tokenize;

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{Level, Page};
use crate::markdown::{self, Block, Inline, Layout};
use crate::model::{Form, Occupation, PreparedOccupation, Site};
pub use postings::{FIELDS, Fields, Shown};

/// The search files (`search/index.json` and its shards, path → bytes) from every occupation,
/// prepared, in 序号 order.
pub fn files(site: &Site, occupations: &[PreparedOccupation]) -> Vec<(String, Vec<u8>)> {
    let (docs, texts) = documents(site, occupations);
    let (levels, categories) = facets(site);
    let ts = tables::traditional(&characters(site, &texts, &levels, &categories));
    let sounds = tables::sounds(&name_syllables(occupations));
    shards::files(&shards::Index { docs, texts, occupations: occupations.len(), levels, categories, ts, sounds })
}

/// Every document and its text per field, numbered in order: occupations by 序号, then forms,
/// then the notice; the browser breaks ties between equal scores by that number.
fn documents(site: &Site, occupations: &[PreparedOccupation]) -> (Vec<Shown>, Vec<Fields>) {
    let mut docs = Vec::new();
    let mut texts: Vec<Fields> = Vec::new();
    for prepared in occupations {
        texts.push(occupation_fields(prepared.occupation, &prepared.code));
        docs.push(Shown::occupation(site, prepared));
    }
    for form in &site.forms {
        texts.push(form_fields(form));
        docs.push(Shown::other("f", format!("附件{} {}", form.attachment, form.title), site.base_url.form(&form.slug)));
    }
    texts.push(notice_fields(site));
    docs.push(Shown::other("n", site.notice.title.clone(), site.base_url.page(Page::Notice)));
    (docs, texts)
}

impl Shown {
    fn occupation(site: &Site, prepared: &PreparedOccupation) -> Shown {
        let PreparedOccupation { occupation: o, code, spellings, .. } = prepared;
        Shown {
            k: "o",
            t: o.name.clone(),
            c: code.clone(),
            l: o.levels.levels().map(|l| l.number().to_string()).collect(),
            p: spellings.clone(),
            a: site.aliases.get(&o.code).map(|a| a.join(" ")).unwrap_or_default(),
            n: Some(o.count),
            u: String::new(),
        }
    }

    /// A form (`f`) or the notice (`n`): a title and a link.
    fn other(k: &'static str, t: String, u: String) -> Shown {
        Shown { k, t, c: String::new(), l: String::new(), p: String::new(), a: String::new(), n: None, u }
    }
}

/// What levels and categories are matched against: level number → `五级 初级工`, and each
/// category in use → its name.
fn facets(site: &Site) -> (BTreeMap<u8, String>, BTreeMap<String, String>) {
    let levels = Level::ALL.iter().map(|l| (l.number(), format!("{} {}", l.name(), l.title()))).collect();
    let categories =
        site.categories_in_use().into_iter().map(|k| (k.to_string(), site.category_name(k).to_owned())).collect();
    (levels, categories)
}

/// Every character a query can be matched against, for the traditional forms to ship.
fn characters(
    site: &Site,
    texts: &[Fields],
    levels: &BTreeMap<u8, String>,
    categories: &BTreeMap<String, String>,
) -> BTreeSet<char> {
    texts
        .iter()
        .flatten()
        .chain(levels.values())
        .chain(categories.values())
        .flat_map(|t| t.chars())
        .chain(site.aliases.values().flatten().flat_map(|a| a.chars()))
        .collect()
}

/// Each character of a name with the syllable it is read with there, for the homophones to
/// ship; a name whose reading does not align with its characters gives none.
fn name_syllables(occupations: &[PreparedOccupation]) -> BTreeSet<(char, String)> {
    occupations
        .iter()
        .flat_map(|o| {
            let chars: Vec<char> = o.occupation.name.chars().collect();
            let syllables: Vec<&str> = o.sort_key.split(' ').collect();
            let aligned = chars.len() == syllables.len();
            chars.into_iter().zip(syllables).filter(move |_| aligned).map(|(c, s)| (c, s.to_owned()))
        })
        .collect()
}

/// The pinyin field stays empty here: the browser derives its postings from the spellings.
fn occupation_fields(o: &Occupation, code: &str) -> Fields {
    [o.name.clone(), String::new(), code.to_owned(), String::new()]
}

/// A form is found by its title, headings, table labels and the label part of each line
/// (`法定代表人（签字）：____` → 法定代表人（签字））; long prose is left out to keep the index small.
fn form_fields(form: &Form) -> Fields {
    let mut labels = Vec::new();
    form_labels(&form.document.blocks, &mut labels);
    let title = [form.title.as_str(), form.heading.as_str(), form.subtitle.as_deref().unwrap_or("")].join(" ");
    [title, String::new(), String::new(), labels.join(" ")]
}

fn form_labels(blocks: &[Block], labels: &mut Vec<String>) {
    fn push(labels: &mut Vec<String>, text: &str) {
        let text = text.trim();
        if !text.is_empty() && text != markdown::MERGE_LEFT {
            labels.push(text.to_owned());
        }
    }
    for block in blocks {
        match block {
            Block::Heading { content, .. } => push(labels, &words(content)),
            Block::Paragraph { content, layout: Layout::Wrapped, .. } => {
                let text = words(content);
                if let Some((label, _)) = text.split_once('：').filter(|(l, _)| l.chars().count() <= 40) {
                    push(labels, label);
                }
            }
            Block::Paragraph { .. } | Block::Rule => {}
            Block::Table(table) => table.rows.iter().flatten().for_each(|cell| push(labels, &words(&cell.content))),
            Block::List { items, .. } => items.iter().for_each(|item| form_labels(item, labels)),
            Block::Quote(inner) => form_labels(inner, labels),
        }
    }
}

/// The words of inline content: its text, without code, blanks or breaks.
fn words(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Strong(inner)
            | Inline::Emphasis(inner)
            | Inline::Link { content: inner, .. }
            | Inline::Image { alt: inner, .. } => out.push_str(&words(inner)),
            _ => {}
        }
    }
    out
}

fn notice_fields(site: &Site) -> Fields {
    let mut texts = Vec::new();
    for content in site.notice.document.contents() {
        inline_texts(content, &mut texts);
    }
    [site.notice.title.clone(), String::new(), String::new(), texts.join(" ")]
}

/// Every text of inline content, code left out.
fn inline_texts(content: &[Inline], out: &mut Vec<String>) {
    for inline in content {
        match inline {
            Inline::Text(t) => out.push(t.clone()),
            Inline::Strong(inner)
            | Inline::Emphasis(inner)
            | Inline::Link { content: inner, .. }
            | Inline::Image { alt: inner, .. } => inline_texts(inner, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    //! elasticlunr-rs is the reference: the postings counted here must be the ones it stores.
    use super::*;

    struct Tokens;

    impl elasticlunr::Language for Tokens {
        fn name(&self) -> String {
            "linxuan".into()
        }
        fn code(&self) -> String {
            "zh".into()
        }
        fn tokenize(&self, text: &str) -> Vec<String> {
            tokenize::tokenize(text)
        }
        fn make_pipeline(&self) -> elasticlunr::Pipeline {
            elasticlunr::Pipeline { queue: Vec::new() }
        }
    }

    /// Walks elasticlunr-rs's serialised trie: every key but `docs` and `df` is a character.
    fn walk(node: &serde_json::Value, token: &mut String, out: &mut BTreeMap<String, BTreeMap<usize, f64>>) {
        let Some(map) = node.as_object() else { return };
        if let Some(docs) = map.get("docs").and_then(|d| d.as_object())
            && !docs.is_empty()
        {
            let entry = out.entry(token.clone()).or_default();
            for (reference, posting) in docs {
                let doc: usize = reference.parse().expect("numeric refs");
                entry.insert(doc, posting["tf"].as_f64().expect("tf"));
            }
        }
        for (key, child) in map.iter().filter(|(k, _)| *k != "docs" && *k != "df") {
            token.push_str(key);
            walk(child, token, out);
            token.truncate(token.len() - key.len());
        }
    }

    #[test]
    fn postings_equal_those_of_elasticlunr_rs() {
        let texts = [
            "保育师 保育师 育婴员",
            "4-10-01-03 4-10-01",
            "",
            "ＡＢＣ abc 电工 电子 电工",
            "社会评价组织再评估遴选 一级/高级技师",
        ];
        let mut index =
            elasticlunr::IndexBuilder::with_language(Box::new(Tokens)).save_docs(false).add_fields(&["body"]).build();
        for (i, text) in texts.iter().enumerate() {
            index.add_doc(&i.to_string(), [text]);
        }
        let json = serde_json::to_value(&index).expect("serialisable");
        let mut expected = BTreeMap::new();
        walk(&json["index"]["body"]["root"], &mut String::new(), &mut expected);
        let expected_lengths: Vec<u64> = (0..texts.len())
            .map(|i| json["documentStore"]["docInfo"][i.to_string()]["body"].as_u64().expect("length"))
            .collect();
        let (ours, lengths) = super::postings::postings(texts.iter().copied());
        assert_eq!(ours, expected);
        assert_eq!(lengths, expected_lengths);
        assert!(ours["保育"].get(&0).is_some_and(|tf| (tf - 2f64.sqrt()).abs() < 1e-12), "repeats count");
    }
}
