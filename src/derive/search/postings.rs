//! What the search index is made of: the fields of a document, what a result shows, and the
//! postings lists counted by elasticlunr's rule, for the whole index (`mod.rs`) and its shards
//! (`shards.rs`) alike.

use std::collections::BTreeMap;

use serde::Serialize;

use super::tokenize;

/// Text fields of the elasticlunr index, in the order of each document's `Fields`. Levels and categories
/// are few and shared by many occupations, so they are not indexed per document: the browser
/// matches them against `levels` and `categories` and keeps the occupations that have them.
pub const FIELDS: [&str; 4] = ["title", "pinyin", "code", "body"];

/// One document's text per field.
pub type Fields = [String; 4];

/// What a result shows; short keys because there is one per occupation.
#[derive(Serialize)]
pub struct Shown {
    /// Kind: `o` occupation (URL derived from the code), `f` form, `n` notice.
    pub k: &'static str,
    /// Title: the occupation's or form's name.
    pub t: String,
    /// Code, for occupations.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub c: String,
    /// Level numbers, for occupations: `54321`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub l: String,
    /// Pinyin spellings, for occupations: syllables by spaces, spellings by `|`
    /// (`bao yu shi`). The browser derives the pinyin field's postings from them with
    /// `pinyin_tokens`' rule: shipping the postings would take several times the bytes.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub p: String,
    /// Aliases (`data/aliases.csv`), for occupations that have some: `月嫂 保姆`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub a: String,
    /// 拟遴选机构数量, for occupations: the answer line says it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// URL, for anything but occupations.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub u: String,
}

/// token → document number → term frequency, and each document's number of tokens.
pub(super) type FieldPostings = (BTreeMap<String, BTreeMap<usize, f64>>, Vec<u64>);

/// One field's postings by elasticlunr's rule (`Index.addDoc` in elasticlunr.js and
/// elasticlunr-rs): tokens as the tokenizer gives them, no pipeline, frequency √count.
pub(super) fn postings<'a>(texts: impl Iterator<Item = &'a str>) -> FieldPostings {
    let mut postings: BTreeMap<String, BTreeMap<usize, f64>> = BTreeMap::new();
    let mut lengths = Vec::new();
    for (doc, text) in texts.enumerate() {
        let tokens = tokenize::tokenize(text);
        lengths.push(tokens.len() as u64);
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for token in tokens.into_iter().filter(|t| !t.is_empty()) {
            *counts.entry(token).or_default() += 1;
        }
        for (token, count) in counts {
            postings.entry(token).or_default().insert(doc, f64::from(count).sqrt());
        }
    }
    (postings, lengths)
}

pub(super) type Postings = (BTreeMap<String, Vec<usize>>, BTreeMap<String, BTreeMap<usize, f64>>);

/// Postings as the file stores them: document numbers delta-coded, and the frequencies
/// only where they are not 1.
pub(super) fn file_postings(postings: BTreeMap<String, BTreeMap<usize, f64>>) -> Postings {
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
