//! The Rust side of the shared search cases: the tokenizer gives the same tokens as the
//! browser's (tests/search/cases.json), and the index holds what the queries rely on.

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

#[test]
fn index_holds_pinyin_codes_levels_and_form_labels() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, output, _) = linxuan::build::render_site(root, None).expect("the shipped site builds");
    let json: serde_json::Value = serde_json::from_slice(&output.files["search/index.json"]).expect("index is JSON");
    let docs = json["docs"].as_array().expect("docs");
    assert_eq!(docs.len(), 42 + 2 + 1, "42 occupations, 2 forms, the notice");
    let first = &docs[0];
    assert_eq!(first["t"], "保育师");
    assert_eq!(first["c"], "4-10-01-03");
    assert_eq!(first["l"], "54321");
    assert!(first["p"].as_str().is_some_and(|p| p.starts_with("bao yu shi")), "preferred spelling first");
    // Only what results display is stored: kind, title, code, levels, 序号 — nothing else.
    let keys: Vec<&String> = first.as_object().expect("doc").keys().collect();
    assert_eq!(keys, ["c", "k", "l", "p", "t"]);
    let has_token = |field: &str, token: &str| json["terms"][field].get(token).is_some();
    assert!(json["terms"].get("pinyin").is_none(), "pinyin postings are derived in the browser");
    assert!(has_token("code", "4-10-01-03"));
    assert!(has_token("title", "保育") && has_token("title", "育师"));
    assert!(has_token("body", "信用"), "form labels are indexed");
    assert_eq!(json["levels"]["1"], "一级 高级技师");
    assert_eq!(json["categories"]["4-10"], "居民服务人员");
    let lengths = json["lengths"]["title"].as_array().expect("lengths");
    assert_eq!(lengths.len(), docs.len());
}
