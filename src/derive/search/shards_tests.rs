//! The shard writer on a generated index large enough to be split.
use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// Where the shard files go (the URL contract `search.js` reads them at).
const DIR: &str = "search/shards";
const CHARS: [&str; 12] = ["保", "育", "师", "电", "工", "焊", "茶", "艺", "员", "机", "器", "人"];
const SYLLABLES: [&str; 12] = ["bao", "yu", "shi", "dian", "gong", "han", "cha", "yi", "yuan", "ji", "qi", "ren"];

fn shown(k: &'static str, t: String, c: String, p: String) -> Shown {
    Shown { k, t, c, l: "543".into(), p, a: String::new(), n: Some(1), u: String::new() }
}

/// 3,000 occupations named from a few characters, a form and the notice.
fn index() -> Index {
    let mut docs = Vec::new();
    let mut texts = Vec::new();
    for i in 0..3000usize {
        let picks = [i % 12, (i / 12) % 12, (i / 144) % 12, (i * 7) % 12];
        let name: String = picks.iter().map(|&p| CHARS[p]).collect::<String>() + &format!("（{i}）");
        let spelling = picks.iter().map(|&p| SYLLABLES[p]).collect::<Vec<_>>().join(" ");
        let spellings = if i % 5 == 0 { format!("{spelling}|{spelling} ge") } else { spelling };
        let code = format!("{}-{:02}-{:02}-{:02}", 1 + i % 8, i % 40, (i / 40) % 100, i % 97);
        texts.push([name.clone(), String::new(), code.clone(), String::new()]);
        docs.push(shown("o", name, code, spellings));
    }
    texts.push(["申报表".into(), String::new(), String::new(), "单位名称 统一社会信用代码 ABC".into()]);
    docs.push(shown("f", "附件2 申报表".into(), String::new(), String::new()));
    texts.push(["通知".into(), String::new(), String::new(), "遴选 2026 年".into()]);
    docs.push(shown("n", "通知".into(), String::new(), String::new()));
    Index {
        docs,
        texts,
        occupations: 3000,
        levels: BTreeMap::new(),
        categories: BTreeMap::new(),
        ts: String::new(),
        sounds: BTreeMap::new(),
    }
}

fn parse(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("JSON")
}

#[test]
fn every_token_is_in_exactly_the_shard_its_first_character_names() {
    let index = index();
    let files: BTreeMap<String, Vec<u8>> = files(&index).into_iter().collect();
    let manifest = parse(&files["search/index.json"]);
    let listed = manifest["files"].as_object().expect("a large index is sharded");
    assert_eq!(files.len(), listed.len() + 1, "the manifest lists every shard file");
    let buckets = u32::try_from(manifest["buckets"].as_u64().expect("buckets")).expect("small");
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (id, name) in listed {
        let content = parse(&files[&format!("{DIR}/{}.json", name.as_str().expect("name"))]);
        assert!(name.as_str().expect("name").starts_with(&format!("{id}.")), "{name} is named by its id");
        if id.starts_with('t') {
            for (field, tokens) in content["terms"].as_object().expect("terms") {
                for token in tokens.as_object().expect("tokens").keys() {
                    assert_eq!(&token_shard(token, buckets), id, "{token}");
                    *seen.entry((field.clone(), token.clone())).or_default() += 1;
                }
            }
        }
    }
    // Every token of every title and body, once.
    let mut expected = BTreeSet::new();
    for text in &index.texts {
        for (f, field) in TOKEN_FIELDS {
            expected.extend(tokenize::tokenize(&text[f]).into_iter().map(|t| (field.to_owned(), t)));
        }
    }
    assert_eq!(seen.keys().cloned().collect::<BTreeSet<_>>(), expected);
    assert!(seen.values().all(|&n| n == 1), "no token in two shards");
}

#[test]
fn pinyin_shards_hold_each_key_under_its_letter_and_lengths_count_all_keys() {
    let index = index();
    let files: BTreeMap<String, Vec<u8>> = files(&index).into_iter().collect();
    let manifest = parse(&files["search/index.json"]);
    let mut keys: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    // The pairs of letters split by a third: the heaviest shards of this index are.
    let letter = |hex: &str| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).expect("a letter in hex");
    let split: BTreeSet<(char, char)> = manifest["files"]
        .as_object()
        .expect("files")
        .keys()
        .filter_map(|id| id.strip_prefix('p'))
        .filter_map(|hex| match hex.split('-').collect::<Vec<_>>()[..] {
            [a, b, _] => Some((letter(a), letter(b))),
            _ => None,
        })
        .collect();
    assert!(!split.is_empty(), "some pinyin shards are split");
    for (id, name) in manifest["files"].as_object().expect("files").iter().filter(|(id, _)| id.starts_with('p')) {
        let content = parse(&files[&format!("{DIR}/{}.json", name.as_str().expect("name"))]);
        let mut doc = 0;
        for entry in content.as_array().expect("entries") {
            doc += usize::try_from(entry[0].as_u64().expect("delta")).expect("small");
            let whole = entry[1].as_str().expect("whole").split(' ').filter(|k| !k.is_empty()).map(str::to_owned);
            let from =
                entry[2].as_str().expect("from").split('|').filter(|k| !k.is_empty()).map(|s| s.replace(' ', ""));
            for key in whole.chain(from) {
                assert_eq!(&pinyin_shard(&key, &split).id(), id, "{key}");
                let list = keys.entry(doc).or_default();
                if !list.contains(&key) {
                    list.push(key);
                }
            }
        }
    }
    let lengths = manifest["lengths"]["pinyin"].as_array().expect("pinyin lengths");
    for (doc, shown) in index.docs.iter().enumerate() {
        let spellings = tokenize::spellings(&shown.p);
        let mut expected = tokenize::pinyin_tokens(&spellings);
        expected.sort();
        let mut got = keys.get(&doc).cloned().unwrap_or_default();
        got.sort();
        assert_eq!(got, expected, "the keys of {}", shown.t);
        assert_eq!(lengths[doc].as_u64(), Some(expected.len() as u64));
    }
}

#[test]
fn blocks_and_manifest_describe_every_document() {
    let index = index();
    let files: BTreeMap<String, Vec<u8>> = files(&index).into_iter().collect();
    let manifest = parse(&files["search/index.json"]);
    assert_eq!(manifest["n"], 3002);
    assert_eq!(manifest["o"], 3000);
    assert_eq!(manifest["others"].as_array().map(Vec::len), Some(2));
    assert_eq!(manifest["l"].as_array().map(Vec::len), Some(3000));
    for field in ["title", "pinyin", "body"] {
        assert_eq!(manifest["lengths"][field].as_array().map(Vec::len), Some(3002), "{field}");
    }
    let mut titles = Vec::new();
    for n in 0..3000usize.div_ceil(BLOCK) {
        let name = manifest["files"][format!("d{n}")].as_str().expect("every block is listed");
        let block = parse(&files[&format!("{DIR}/{name}.json")]);
        titles.extend(block["t"].as_array().expect("titles").iter().map(|t| t.as_str().expect("title").to_owned()));
    }
    assert_eq!(titles, index.docs[..3000].iter().map(|d| d.t.clone()).collect::<Vec<_>>());
    // Every code again in a few larger shards, for the queries that scan them.
    assert_eq!(manifest["cblock"], CODE_BLOCK);
    let mut codes = Vec::new();
    for n in 0..3000usize.div_ceil(CODE_BLOCK) {
        let name = manifest["files"][format!("c{n}")].as_str().expect("every code shard is listed");
        let list = parse(&files[&format!("{DIR}/{name}.json")]);
        codes.extend(list.as_array().expect("codes").iter().map(|c| c.as_str().expect("code").to_owned()));
    }
    assert_eq!(codes, index.docs[..3000].iter().map(|d| d.c.clone()).collect::<Vec<_>>());
    // Names with characters other than Han are listed under them, folded (（ → `(`, x28).
    let x = parse(&files[&format!("{DIR}/{}.json", manifest["files"]["x28"].as_str().expect("x28"))]);
    assert_eq!(x.as_array().map(Vec::len), Some(3000));
}

#[test]
fn the_same_index_gives_the_same_bytes_and_a_small_one_stays_one_file() {
    assert_eq!(files(&index()), files(&index()));
    let mut small = index();
    small.docs.drain(10..3000);
    small.texts.drain(10..3000);
    small.occupations = 10;
    let one = files(&small);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].0, "search/index.json");
    let manifest = parse(&one[0].1);
    assert!(manifest.get("files").is_none());
    assert!(manifest["inline"]["d0"]["t"].as_array().is_some_and(|t| t.len() == 10));
    assert!(manifest["inline"]["s"].as_array().is_some_and(|s| s.len() == 10), "spellings, not pinyin shards");
}

#[test]
fn two_letter_sizes_are_the_bytes_of_the_unsplit_shards() {
    let mut index = index();
    // Spellings the generated names lack: a heteronym's three readings, a name of one syllable
    // (its initial is its whole key), characters JSON escapes.
    index.docs[1].p = "chong qing|zhong qing|tong qing".into();
    index.docs[2].p = "a".into();
    index.docs[3].p = "q\"u\\o\tte x".into();
    let names = Names::of(&index);
    let (two, _, _) = pinyin_shards_split(&names, &BTreeSet::new());
    let made: BTreeMap<PinyinShard, usize> = two.iter().map(|(id, entries)| (*id, json_bytes(entries).len())).collect();
    assert_eq!(two_letter_sizes(&names), made);
}

#[test]
fn json_string_lengths_are_serde_jsons() {
    for text in ["", "shi", "lü", "\"", "\\", "\u{1}\u{8}\u{c}\n\r\t\u{1f}", "汉字 \u{7f}"] {
        let json = serde_json::to_string(text).expect("a string serialises");
        assert_eq!(json_str_len(text), json.len() - 2, "{text:?}");
    }
}
