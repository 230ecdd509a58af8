//! How the search index is laid out in files: `search/index.json`, a manifest that every
//! query reads first, and shards that a query fetches only when its tokens need them.
//!
//! - `t<n>`: the title and body postings of the tokens whose first character's code point is
//!   `n` modulo the manifest's `buckets` (a Han term's characters and pairs by character, an
//!   ASCII word by its first letter);
//! - `p<hex>-<hex>`: the pinyin keys of every occupation that has a key beginning with those
//!   two characters (`p62-61` for `ba`), so a prefix (`bao` → `baoyushi`) finds all its
//!   expansions in one shard; a one-letter term reads every shard of its letter, and `porder`
//!   says in which order elasticlunr's trie would list their second letters;
//! - `x<hex>`: the occupations whose names hold that character other than Han (`x28` for
//!   `(`; any character outside ASCII under `*`, `x2a`): the only names a term starting with it
//!   can be part of;
//! - `d<n>`: titles, codes and counts of occupations `n × block` to `(n + 1) × block − 1`,
//!   for the results shown (a page at a time) and the names a query's words may be part of;
//! - `c<n>`: the codes of occupations `n × cblock` to `(n + 1) × cblock − 1`, for code and
//!   category queries, which scan every code (only when the index is sharded: one file has
//!   them in its blocks).
//!
//! The manifest holds what scoring and matching need for every document: field lengths,
//! levels, aliases, the documents that are not occupations, and the character tables. A site
//! whose whole index is small keeps it in the manifest (`inline`): one request, as before.
//! Shard files are named by a hash of their bytes, so a host may cache them for good.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::postings::{Fields, Shown, file_postings, postings};
use super::tokenize;
use crate::domain::Output;

/// Below this many bytes in all, the index is one file: a second round trip would cost more
/// than the bytes it saves (the shipped 42-row site: about 36 KB, 12 KB gzipped).
pub const INLINE_BYTES: usize = 96 * 1024;
/// What a token shard should weigh, roughly: the bucket count is chosen for it.
const TOKEN_SHARD_BYTES: usize = 16 * 1024;
/// Occupations per document block: small, as a page of results reads the blocks of its
/// occupations, which lie anywhere in the table.
pub const BLOCK: usize = 100;
/// Occupations per code shard (`c<n>`): code queries read them all.
pub const CODE_BLOCK: usize = 2500;

/// Fields with postings in the token shards; `pinyin` is in its own shards, and `code` is
/// matched on the documents' codes instead.
const TOKEN_FIELDS: [(usize, &str); 2] = [(0, "title"), (3, "body")];

/// Everything the layout needs: documents in index order, occupations first.
pub struct Index {
    pub docs: Vec<Shown>,
    pub texts: Vec<Fields>,
    /// Number of occupations (the first `occupations` documents).
    pub occupations: usize,
    pub levels: BTreeMap<u8, String>,
    pub categories: BTreeMap<String, String>,
    pub ts: String,
    pub sounds: BTreeMap<String, String>,
}

/// What `LEVEL_WORDS` of `match.js` start or end with (`高级技师`: `高级`, `技师`; `中级工`:
/// `中级`, `级工`; `3级`: a digit, `级`).
const LEVEL_WORDS: [&str; 11] = ["技师", "级工", "级", "高级", "中级", "初级", "一级", "二级", "三级", "四级", "五级"];

/// `search/index.json`.
#[derive(Serialize)]
struct Manifest<'a> {
    v: u32,
    /// Number of documents.
    n: usize,
    /// Number of occupations: documents `0..o`.
    o: usize,
    block: usize,
    /// Occupations per code shard, when the index is sharded.
    #[serde(skip_serializing_if = "Option::is_none")]
    cblock: Option<usize>,
    buckets: u32,
    /// field → each document's number of tokens in it.
    lengths: BTreeMap<&'static str, Vec<u64>>,
    /// Each occupation's level numbers, `54321`.
    l: Vec<&'a str>,
    /// Occupation number → its aliases, `月嫂 保姆`.
    a: BTreeMap<usize, &'a str>,
    /// The forms and the notice, whole.
    others: Vec<&'a Shown>,
    /// Occupation names that may read as carrying a level (`保育师技师`): a query equal to
    /// one is not split into name and level.
    keep: Vec<&'a str>,
    /// First letter of pinyin keys → the letters that follow it, in the order the keys first
    /// appear (document by document): the order of its children in elasticlunr's trie.
    porder: BTreeMap<String, String>,
    levels: &'a BTreeMap<u8, String>,
    categories: &'a BTreeMap<String, String>,
    ts: &'a str,
    sounds: &'a BTreeMap<String, String>,
    /// Shard id → file name under `search/shards/`, without `.json`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    files: BTreeMap<String, String>,
    /// Shard id → its content, when the index is one file.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    inline: BTreeMap<String, Box<RawValue>>,
}

/// A token shard: postings as in the single index (delta-coded, frequencies only where not 1).
#[derive(Serialize, Default)]
struct TokenShard {
    terms: BTreeMap<&'static str, BTreeMap<String, Vec<usize>>>,
    #[serde(serialize_with = "documents_as_text")]
    tf: BTreeMap<&'static str, BTreeMap<String, BTreeMap<usize, f64>>>,
}

/// `tf` with each token's documents in the order of their numbers as text (`"12"` before
/// `"3"`), the order the files have always had (they were first made through
/// `serde_json::Value`, whose objects sort their keys); readers look them up by key.
fn documents_as_text<S: Serializer>(
    tf: &BTreeMap<&'static str, BTreeMap<String, BTreeMap<usize, f64>>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    struct AsText<'a>(&'a BTreeMap<usize, f64>);
    impl Serialize for AsText<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut docs: Vec<(String, f64)> = self.0.iter().map(|(doc, f)| (doc.to_string(), *f)).collect();
            docs.sort_by(|a, b| a.0.cmp(&b.0));
            serializer.collect_map(docs)
        }
    }
    serializer.collect_map(tf.iter().map(|(field, tokens)| {
        (*field, tokens.iter().map(|(token, docs)| (token.as_str(), AsText(docs))).collect::<BTreeMap<_, _>>())
    }))
}

/// A document block; its fields in the order of their names, as the files have always had them.
#[derive(Serialize, Default)]
struct Block<'a> {
    c: Vec<&'a str>,
    n: Vec<u32>,
    t: Vec<&'a str>,
}

/// The search files: path → bytes, sorted by path.
pub fn files(index: &Index) -> Vec<(String, Vec<u8>)> {
    let (token_postings, mut lengths) = field_postings(index);
    let buckets = bucket_count(&token_postings);
    let (pinyin, pinyin_lengths, porder) = pinyin_shards(index);
    lengths.insert("pinyin", pinyin_lengths);
    let mut shards = shards(index, token_postings, buckets);
    let mut manifest = manifest(index, buckets, lengths, porder);
    // One file holds each occupation's spellings (`s`), from which the browser derives the
    // pinyin shards' entries: a third of their bytes.
    let occupations = &index.docs[..index.occupations];
    let spellings = json_bytes(&occupations.iter().map(|d| d.p.as_str()).collect::<Vec<_>>());
    let total = shards.values().map(Vec::len).sum::<usize>() + spellings.len();
    if total + json_bytes(&manifest).len() <= INLINE_BYTES {
        shards.insert("s".to_owned(), spellings);
        manifest.inline = shards.into_iter().map(|(id, json)| (id, raw(json))).collect();
        return vec![(Output::SearchIndex.path(), json_bytes(&manifest))];
    }
    let mut bytes: Vec<(String, Vec<u8>)> = shards.into_iter().collect();
    bytes.extend(pinyin.iter().map(|(id, entries)| (id.clone(), json_bytes(entries))));
    // Codes apart from names: a code query reads every code but only its results' names.
    // Every code in a few shards: a code query reads them all, but only its results' blocks.
    for (n, chunk) in occupations.chunks(CODE_BLOCK).enumerate() {
        bytes.push((format!("c{n}"), json_bytes(&chunk.iter().map(|d| d.c.as_str()).collect::<Vec<_>>())));
    }
    manifest.cblock = Some(CODE_BLOCK);
    named(bytes, manifest)
}

/// The shards a small index inlines too, by id: title and body postings (`t`), the names that
/// hold a character other than Han (`x`), the document blocks (`d`).
fn shards(index: &Index, token_postings: TokenPostings, buckets: u32) -> BTreeMap<String, Vec<u8>> {
    // Written straight from the typed shards (through `serde_json::Value` they took a tree of
    // values each, a tenth of the index's time).
    let mut shards: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (id, shard) in token_shards(token_postings, buckets) {
        shards.insert(id, json_bytes(&shard));
    }
    let occupations = &index.docs[..index.occupations];
    for (c, docs) in non_han(occupations) {
        shards.insert(format!("x{:x}", u32::from(c)), json_bytes(&docs));
    }
    for (n, chunk) in occupations.chunks(BLOCK).enumerate() {
        let block = Block {
            t: chunk.iter().map(|d| d.t.as_str()).collect(),
            c: chunk.iter().map(|d| d.c.as_str()).collect(),
            n: chunk.iter().map(|d| d.n.unwrap_or(0)).collect(),
        };
        shards.insert(format!("d{n}"), json_bytes(&block));
    }
    shards
}

/// The manifest, without its shards: what every query reads first.
fn manifest<'a>(
    index: &'a Index,
    buckets: u32,
    lengths: BTreeMap<&'static str, Vec<u64>>,
    porder: BTreeMap<String, String>,
) -> Manifest<'a> {
    let occupations = &index.docs[..index.occupations];
    Manifest {
        v: 2,
        n: index.docs.len(),
        o: index.occupations,
        block: BLOCK,
        cblock: None,
        buckets,
        lengths,
        l: occupations.iter().map(|d| d.l.as_str()).collect(),
        a: occupations.iter().enumerate().filter(|(_, d)| !d.a.is_empty()).map(|(i, d)| (i, d.a.as_str())).collect(),
        others: index.docs[index.occupations..].iter().collect(),
        keep: occupations.iter().map(|d| d.t.as_str()).filter(|t| may_hold_level(t)).collect(),
        porder,
        levels: &index.levels,
        categories: &index.categories,
        ts: &index.ts,
        sounds: &index.sounds,
        files: BTreeMap::new(),
        inline: BTreeMap::new(),
    }
}

/// Each shard (id → bytes) in a file named by a hash of its bytes, listed in the manifest, and
/// the manifest; sorted by path.
fn named(shards: Vec<(String, Vec<u8>)>, mut manifest: Manifest) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (id, content) in shards {
        let hash = Sha256::digest(&content);
        let name = format!("{id}.{}", hex(&hash[..5]));
        out.push((Output::SearchShard(&name).path(), content));
        manifest.files.insert(id, name);
    }
    out.push((Output::SearchIndex.path(), json_bytes(&manifest)));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// `json` (as [`json_bytes`] wrote it) to be written as it is inside the manifest.
fn raw(mut json: Vec<u8>) -> Box<RawValue> {
    json.pop(); // the newline
    let text = String::from_utf8(json).expect("serde_json writes UTF-8");
    RawValue::from_string(text).expect("serde_json writes JSON")
}

fn json_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut json = serde_json::to_vec(value).expect("the index has only string and number keys");
    json.push(b'\n');
    json
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

type TokenPostings = BTreeMap<&'static str, BTreeMap<String, BTreeMap<usize, f64>>>;

/// The title and body postings, and every field's lengths but pinyin's.
fn field_postings(index: &Index) -> (TokenPostings, BTreeMap<&'static str, Vec<u64>>) {
    let mut all = BTreeMap::new();
    let mut lengths = BTreeMap::new();
    for (f, field) in TOKEN_FIELDS {
        let (p, l) = postings(index.texts.iter().map(|t| t[f].as_str()));
        all.insert(field, p);
        lengths.insert(field, l);
    }
    (all, lengths)
}

/// The shard of a title or body token: its first character's code point modulo `buckets`.
pub fn token_shard(token: &str, buckets: u32) -> String {
    let first = token.chars().next().map_or(0, u32::from);
    format!("t{}", first % buckets)
}

/// The shard of a pinyin key: its first two characters (`ba…`; `b` for the key `b`), or
/// three where the pair is `split` (`shi…`; the key `sh` itself stays in the pair's shard).
/// Worked out for every key of every name, so it is a value; [`PinyinShard::id`] names it.
pub fn pinyin_shard(key: &str, split: &BTreeSet<(char, char)>) -> PinyinShard {
    shard_of(key.chars(), split)
}

/// [`pinyin_shard`] of the key made of `chars`, which need not be joined into one first.
fn shard_of(mut chars: impl Iterator<Item = char>, split: &BTreeSet<(char, char)>) -> PinyinShard {
    let first = chars.next();
    let second = chars.next();
    let third = match (first, second) {
        (Some(a), Some(b)) if split.contains(&(a, b)) => chars.next(),
        _ => None,
    };
    PinyinShard([first, second, third])
}

/// A pinyin shard: the letters its keys begin with.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct PinyinShard([Option<char>; 3]);

impl PinyinShard {
    /// The id in the manifest: the letters in hex (`p62-61` for `ba`, `p73-68-69` for `shi`).
    pub fn id(self) -> String {
        let hex: Vec<String> = self.0.iter().flatten().map(|&c| format!("{:x}", u32::from(c))).collect();
        format!("p{}", hex.join("-"))
    }
}

/// Two-letter pinyin shards above this many bytes are split by the third letter: a term of
/// three letters or more then reads only its own part (`shi` of all `sh…`).
const PINYIN_SPLIT_BYTES: usize = 32 * 1024;

/// A power of two that gives token shards of about [`TOKEN_SHARD_BYTES`].
fn bucket_count(postings: &TokenPostings) -> u32 {
    let bytes: usize =
        postings.values().flat_map(|p| p.iter()).map(|(token, docs)| token.len() + 6 + docs.len() * 4).sum();
    let wanted = bytes.div_ceil(TOKEN_SHARD_BYTES).clamp(1, 1024);
    u32::try_from(wanted.next_power_of_two()).expect("at most 1024")
}

fn token_shards(postings: TokenPostings, buckets: u32) -> BTreeMap<String, TokenShard> {
    let mut split: BTreeMap<String, TokenPostings> = BTreeMap::new();
    for (field, tokens) in postings {
        for (token, docs) in tokens {
            split.entry(token_shard(&token, buckets)).or_default().entry(field).or_default().insert(token, docs);
        }
    }
    split
        .into_iter()
        .map(|(id, fields)| {
            let mut shard = TokenShard::default();
            for (field, tokens) in fields {
                let (terms, tf) = file_postings(tokens);
                shard.terms.insert(field, terms);
                if !tf.is_empty() {
                    shard.tf.insert(field, tf);
                }
            }
            (id, shard)
        })
        .collect()
}

/// One occupation in a pinyin shard: document number (minus the previous entry's), its keys
/// there that are a whole spelling or its initials (`baoyushi bys`), and the preferred
/// spelling from each syllable starting with the shard's letter on (`bao yu shi`), by `|`.
/// The browser's keys are the first list and the second joined, in order, without repeats:
/// `pinyin_tokens` restricted to the letter.
type PinyinEntry = (usize, String, String);

/// The pinyin shards by their key, every document's number of pinyin keys, and `porder`.
type ShardsBy<K> = (BTreeMap<K, Vec<PinyinEntry>>, Vec<u64>, BTreeMap<String, String>);
type PinyinShards = ShardsBy<String>;

/// The pinyin shards, every document's number of pinyin keys, and `porder`: split by three
/// letters where the two-letter shard would pass [`PINYIN_SPLIT_BYTES`].
fn pinyin_shards(index: &Index) -> PinyinShards {
    let names = Names::of(index);
    let split: BTreeSet<(char, char)> = two_letter_sizes(&names)
        .into_iter()
        .filter(|&(_, bytes)| bytes > PINYIN_SPLIT_BYTES)
        .filter_map(|(PinyinShard(letters), _)| Some((letters[0]?, letters[1]?)))
        .collect();
    let (shards, lengths, porder) = pinyin_shards_split(&names, &split);
    (shards.into_iter().map(|(shard, entries)| (shard.id(), entries)).collect(), lengths, porder)
}

/// Every document's preferred spelling and whole keys ([`tokenize::whole_keys`] of the
/// spellings [`tokenize::spellings`] reads from its `p`): all the passes over the pinyin keys
/// need, read once for both.
struct Names<'a> {
    preferred: Vec<Vec<&'a str>>,
    whole: Vec<Vec<String>>,
}

impl<'a> Names<'a> {
    fn of(index: &'a Index) -> Names<'a> {
        let (mut preferred, mut whole) = (Vec::with_capacity(index.docs.len()), Vec::with_capacity(index.docs.len()));
        for shown in &index.docs {
            let mut spellings = tokenize::spellings(&shown.p);
            whole.push(tokenize::whole_keys(&spellings));
            spellings.truncate(1);
            preferred.push(spellings.pop().unwrap_or_default());
        }
        Names { preferred, whole }
    }
}

/// The size `json_bytes` gives each two-letter pinyin shard, worked out from the lengths of
/// its entries' parts without making them (making them all twice was a fifth of the index's
/// time). The parts of an entry, and the rule for which shards a name is in, are those of
/// [`pinyin_shards_split`]; a test compares the sizes with the shards' bytes.
fn two_letter_sizes(names: &Names) -> BTreeMap<PinyinShard, usize> {
    let none = BTreeSet::new();
    // Bytes so far (the `[`, `]` and newline around the entries counted when first seen) and
    // the document of the shard's last entry, for the next entry's delta.
    let mut sizes: BTreeMap<PinyinShard, (usize, usize)> = BTreeMap::new();
    for (doc, (preferred, whole)) in names.preferred.iter().zip(&names.whole).enumerate() {
        // Per shard of this name: the JSON lengths of the keys (by ` `) and suffixes (by `|`).
        let mut parts: BTreeMap<PinyinShard, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for key in whole {
            parts.entry(pinyin_shard(key, &none)).or_default().0.push(json_str_len(key));
        }
        for i in 0..preferred.len() {
            let joined = preferred[i..].iter().map(|s| json_str_len(s)).sum::<usize>() + preferred.len() - i - 1;
            let shard = shard_of(preferred[i..].iter().flat_map(|s| s.chars()), &none);
            if shard == PinyinShard([None; 3]) {
                continue; // no key, so in no shard
            }
            parts.entry(shard).or_default().1.push(joined);
        }
        for (id, (w, s)) in parts {
            let joined = |lengths: &[usize]| lengths.iter().sum::<usize>() + lengths.len().saturating_sub(1);
            let (bytes, last) = sizes.entry(id).or_insert((3, usize::MAX));
            let delta = if *last == usize::MAX { doc } else { doc - *last };
            // `[delta,"w","s"]`, and a comma before every entry but the first.
            *bytes += usize::from(*last != usize::MAX) + delta.to_string().len() + 8 + joined(&w) + joined(&s);
            *last = doc;
        }
    }
    sizes.into_iter().map(|(id, (bytes, _))| (id, bytes)).collect()
}

/// The length of `text` as a JSON string's content, escaped as serde_json escapes it.
fn json_str_len(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
            c if u32::from(c) < 0x20 => 6,
            c => c.len_utf8(),
        })
        .sum()
}

/// The pinyin shards with the two-letter shards `split` by three letters. `porder` also says,
/// for each split pair of letters, the order of the letters that follow it.
fn pinyin_shards_split(names: &Names, split: &BTreeSet<(char, char)>) -> ShardsBy<PinyinShard> {
    let mut shards: BTreeMap<PinyinShard, Vec<PinyinEntry>> = BTreeMap::new();
    let mut previous: BTreeMap<PinyinShard, usize> = BTreeMap::new();
    let mut lengths = vec![0; names.whole.len()];
    // `porder` by one letter and by a split pair, kept by char (no string per key) until the end.
    let mut after_letter: BTreeMap<char, String> = BTreeMap::new();
    let mut after_pair: BTreeMap<(char, char), String> = BTreeMap::new();
    for (doc, (preferred, whole)) in names.preferred.iter().zip(&names.whole).enumerate() {
        let keys = tokenize::with_suffixes(whole.clone(), std::slice::from_ref(preferred));
        lengths[doc] = keys.len() as u64;
        for key in &keys {
            let mut chars = key.chars();
            if let (Some(first), Some(second)) = (chars.next(), chars.next()) {
                let order = after_letter.entry(first).or_default();
                if !order.contains(second) {
                    order.push(second);
                }
                if let Some(third) = chars.next().filter(|_| split.contains(&(first, second))) {
                    let order = after_pair.entry((first, second)).or_default();
                    if !order.contains(third) {
                        order.push(third);
                    }
                }
            }
        }
        // Each whole key's and each suffix's shard, worked out once. A name is in the shards of
        // its keys, which are these (the whole preferred spelling is the first suffix).
        let whole: Vec<(PinyinShard, &str)> = whole.iter().map(|k| (pinyin_shard(k, split), k.as_str())).collect();
        let suffixes: Vec<(PinyinShard, String)> = (0..preferred.len())
            .filter(|&i| preferred[i..].iter().any(|s| !s.is_empty()))
            .map(|i| (shard_of(preferred[i..].iter().flat_map(|s| s.chars()), split), preferred[i..].join(" ")))
            .collect();
        let mut letters: Vec<PinyinShard> =
            whole.iter().map(|(id, _)| *id).chain(suffixes.iter().map(|(id, _)| *id)).collect();
        letters.sort_unstable();
        letters.dedup();
        for id in letters {
            let w: Vec<&str> = whole.iter().filter(|(shard, _)| *shard == id).map(|(_, k)| *k).collect();
            let s: Vec<&str> = suffixes.iter().filter(|(shard, _)| *shard == id).map(|(_, k)| k.as_str()).collect();
            let last = previous.insert(id, doc).unwrap_or(0);
            shards.entry(id).or_default().push((doc - last, w.join(" "), s.join("|")));
        }
    }
    let porder = after_letter
        .into_iter()
        .map(|(first, order)| (first.to_string(), order))
        .chain(after_pair.into_iter().map(|((first, second), order)| (format!("{first}{second}"), order)))
        .collect();
    (shards, lengths, porder)
}

/// Whether a name may be read by `match.parseQuery` as a name and a level: it starts or ends
/// with a level word (`3级` ends with `级`) or ends with a digit 1–5 (full-width too). A
/// superset is harmless.
fn may_hold_level(name: &str) -> bool {
    let folded: String = name.chars().map(tokenize::fold).collect();
    let folded = folded.trim();
    LEVEL_WORDS.iter().any(|w| folded.starts_with(w) || folded.ends_with(w))
        || folded.chars().next().is_some_and(|c| c.is_ascii_digit())
        || folded.chars().last().is_some_and(|c| ('1'..='5').contains(&c))
}

/// Occupations by the non-Han characters of their names, folded as `match.normalize` folds
/// ASCII; any other character under `*`.
fn non_han(occupations: &[Shown]) -> BTreeMap<char, Vec<usize>> {
    let mut out: BTreeMap<char, Vec<usize>> = BTreeMap::new();
    for (doc, shown) in occupations.iter().enumerate() {
        for c in shown.t.chars().filter(|c| !tokenize::is_han(*c)).map(tokenize::fold) {
            let key = if c.is_ascii() { c } else { '*' };
            let list = out.entry(key).or_default();
            if list.last() != Some(&doc) {
                list.push(doc);
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "shards_tests.rs"]
mod tests;
