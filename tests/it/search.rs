//! The Rust side of the shared search cases: the tokenizer gives the same tokens as the
//! browser's (tests/search/cases.json), and the index holds what the queries rely on.

use crate::common;

use linxuan::derive::search::tokenize::{pinyin_tokens, tokenize};

fn cases() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/cases.json");
    let text = std::fs::read_to_string(path).expect("cases.json is readable");
    serde_json::from_str(&text).expect("cases.json is JSON")
}

#[test]
fn tokenizer_gives_the_shared_tokens() {
    let cases = cases();
    let list = cases["tokenize"].as_array().expect("tokenize cases");
    assert!(list.len() >= 10);
    for case in list {
        let text = case["text"].as_str().expect("text");
        let expected: Vec<&str> =
            case["tokens"].as_array().expect("tokens").iter().map(|t| t.as_str().expect("token")).collect();
        assert_eq!(tokenize(text), expected, "tokens of {text}");
    }
}

#[test]
fn pinyin_field_tokens_match_the_shared_cases() {
    let cases = cases();
    for case in cases["pinyin"].as_array().expect("pinyin cases") {
        let spellings: Vec<Vec<String>> = serde_json::from_value(case["spellings"].clone()).expect("spellings");
        let expected: Vec<String> = serde_json::from_value(case["tokens"].clone()).expect("tokens");
        assert_eq!(pinyin_tokens(&spellings), expected);
    }
}

/// A form's headings and the words of its table cells (merge markers `<` aside).
fn form_labels(markdown: &str) -> Vec<String> {
    let mut labels = Vec::new();
    for line in markdown.lines().map(str::trim) {
        if line.starts_with('#') {
            labels.push(line.trim_start_matches('#').trim().to_owned());
        } else if line.starts_with('|') {
            let is_label = |cell: &&str| *cell != "<" && !cell.chars().all(|c| matches!(c, '-' | ':'));
            let cells = line.trim_matches('|').split('|').map(str::trim).filter(is_label);
            labels.extend(cells.flat_map(str::split_whitespace).map(str::to_owned));
        }
    }
    labels
}

#[test]
fn index_holds_pinyin_codes_levels_and_form_labels() {
    let root = common::repo_root();
    let rows = common::rows_in(root);
    let forms = common::forms_in(root);
    let (_, output, _) = linxuan::build::render_site(root, None).expect("the shipped site builds");
    let json: serde_json::Value = serde_json::from_slice(&output.files["search/index.json"]).expect("index is JSON");
    let docs = json["docs"].as_array().expect("docs");
    assert_eq!(docs.len(), rows.len() + forms.len() + 1, "the occupations, the forms, the notice");
    let first = &docs[0];
    let row = &rows[0];
    assert_eq!(first["t"], row.name.as_str());
    assert_eq!(first["c"], row.code.as_str());
    let levels: String = row.levels.iter().rev().map(u8::to_string).collect();
    assert_eq!(first["l"], levels.as_str());
    // Only what results display is stored: kind, title, code, levels, 序号 — nothing else.
    let keys: Vec<&String> = first.as_object().expect("doc").keys().collect();
    assert_eq!(keys, ["c", "k", "l", "p", "t"]);
    let has_token = |field: &str, token: &str| json["terms"][field].get(token).is_some();
    assert!(json["terms"].get("pinyin").is_none(), "pinyin postings are derived in the browser");
    assert!(has_token("code", &row.code));
    for token in tokenize(&row.name) {
        assert!(has_token("title", &token), "{token} of {}", row.name);
    }
    // A form is found by its title, headings and table labels.
    for form in &forms {
        for token in tokenize(&form.title) {
            assert!(has_token("title", &token), "{token} of the title of {}", form.slug);
        }
        for label in form_labels(&form.markdown) {
            for token in tokenize(&label) {
                assert!(has_token("body", &token), "{token} of `{label}` in {}", form.slug);
            }
        }
    }
    assert_eq!(json["levels"]["1"], "一级 高级技师");
    let categories = common::categories_in(root);
    assert_eq!(json["categories"][row.middle()], categories[&row.middle()].as_str());
    let lengths = json["lengths"]["title"].as_array().expect("lengths");
    assert_eq!(lengths.len(), docs.len());
}

#[test]
fn seed_names_are_indexed_with_their_preferred_spelling_first() {
    let root = common::repo_root();
    let (_, output, _) = linxuan::build::render_site(root, None).expect("the shipped site builds");
    let json: serde_json::Value = serde_json::from_slice(&output.files["search/index.json"]).expect("index is JSON");
    let docs = json["docs"].as_array().expect("docs");
    let nursery = docs.iter().find(|d| d["t"] == "保育师").expect("the seed's 保育师 is indexed");
    assert!(nursery["p"].as_str().is_some_and(|p| p.starts_with("bao yu shi")), "preferred spelling first");
}
