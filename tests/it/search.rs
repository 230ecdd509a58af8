//! The Rust side of the shared search cases: the tokenizer gives the same tokens as the
//! browser's (tests/search/cases.json), and the index holds what the queries rely on.

use crate::common;

use common::Fixture;

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
        let spellings: Vec<Vec<&str>> = spellings.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
        assert_eq!(pinyin_tokens(&spellings), expected);
    }
}

/// The search index of a built site as one JSON value, whether it is one file or sharded:
/// the manifest with `docs` (occupations from the blocks with levels, aliases and the
/// spellings, or the preferred one from the pinyin shards, then the others) and `terms`.
fn whole_index(read: impl Fn(&str) -> Vec<u8>) -> serde_json::Value {
    let mut manifest: serde_json::Value = serde_json::from_slice(&read("search/index.json")).expect("index is JSON");
    let mut shards: Vec<(String, serde_json::Value)> = Vec::new();
    if let Some(inline) = manifest["inline"].as_object() {
        shards.extend(inline.iter().map(|(id, v)| (id.clone(), v.clone())));
    }
    if let Some(files) = manifest["files"].as_object() {
        for (id, name) in files {
            let bytes = read(&format!("search/shards/{}.json", name.as_str().expect("name")));
            shards.push((id.clone(), serde_json::from_slice(&bytes).expect("shard is JSON")));
        }
    }
    let occupations = manifest["o"].as_u64().expect("o") as usize;
    let block = manifest["block"].as_u64().expect("block") as usize;
    let mut docs: Vec<serde_json::Value> = vec![serde_json::json!({}); occupations];
    let mut terms = serde_json::json!({ "title": {}, "body": {} });
    let mut preferred: Vec<String> = vec![String::new(); occupations];
    for (id, content) in &shards {
        if let Some(n) = id.strip_prefix('d') {
            let first = n.parse::<usize>().expect("block number") * block;
            for (j, title) in content["t"].as_array().expect("titles").iter().enumerate() {
                let doc = &mut docs[first + j];
                doc["k"] = "o".into();
                doc["t"] = title.clone();
                doc["c"] = content["c"][j].clone();
                doc["n"] = content["n"][j].clone();
                doc["l"] = manifest["l"][first + j].clone();
                if let Some(a) = manifest["a"].get((first + j).to_string()) {
                    doc["a"] = a.clone();
                }
            }
        } else if id.starts_with('t') {
            for (field, tokens) in content["terms"].as_object().expect("terms") {
                for (token, postings) in tokens.as_object().expect("tokens") {
                    terms[field][token] = postings.clone();
                }
            }
        } else if id == "s" {
            for (doc, spellings) in content.as_array().expect("spellings").iter().enumerate() {
                preferred[doc] = spellings.as_str().expect("spellings").to_owned();
            }
        } else if id.starts_with('p') {
            let mut doc = 0;
            for entry in content.as_array().expect("pinyin entries") {
                doc += entry[0].as_u64().expect("delta") as usize;
                for from in entry[2].as_str().expect("from").split('|') {
                    if from.len() > preferred[doc].len() {
                        preferred[doc] = from.to_owned();
                    }
                }
            }
        }
    }
    for (doc, spelling) in docs.iter_mut().zip(preferred) {
        doc["p"] = spelling.into();
    }
    docs.extend(manifest["others"].as_array().expect("others").iter().cloned());
    manifest["docs"] = docs.into();
    manifest["terms"] = terms;
    manifest
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
    let json = whole_index(|path| output.files[path].clone());
    let docs = json["docs"].as_array().expect("docs");
    assert_eq!(docs.len(), rows.len() + forms.len() + 1, "the occupations, the forms, the notice");
    let first = &docs[0];
    let row = &rows[0];
    assert_eq!(first["t"], row.name.as_str());
    assert_eq!(first["c"], row.code.as_str());
    let levels: String = row.levels.iter().rev().map(u8::to_string).collect();
    assert_eq!(first["l"], levels.as_str());
    assert_eq!(first["n"], row.count);
    let has_token = |field: &str, token: &str| json["terms"][field].get(token).is_some();
    assert!(json["terms"].get("pinyin").is_none(), "pinyin keys are in their own shards");
    assert!(json["terms"].get("code").is_none(), "codes are matched on the documents' codes");
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
    let json = whole_index(|path| output.files[path].clone());
    let docs = json["docs"].as_array().expect("docs");
    let nursery = docs.iter().find(|d| d["t"] == "保育师").expect("the seed's 保育师 is indexed");
    assert!(nursery["p"].as_str().is_some_and(|p| p.starts_with("bao yu shi")), "preferred spelling first");
}

/// `(别名, 职业编码)` of a site's `data/aliases.csv`, none when it has no such file.
fn aliases_in(root: &std::path::Path) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(root.join("data/aliases.csv")) else { return Vec::new() };
    text.lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .map(|(a, c)| (a.trim().to_owned(), c.trim().to_owned()))
        .collect()
}

#[test]
fn every_alias_reaches_the_index_and_the_filter_rows_of_its_occupations() {
    let root = common::repo_root();
    let aliases = aliases_in(root);
    assert!(!aliases.is_empty(), "the shipped site has aliases");
    let (_, output, _) = linxuan::build::render_site(root, None).expect("the shipped site builds");
    let json = whole_index(|path| output.files[path].clone());
    let home = String::from_utf8(output.files["index.html"].clone()).expect("UTF-8");
    for (alias, code) in &aliases {
        let doc = json["docs"].as_array().expect("docs").iter().find(|d| d["c"] == code.as_str()).expect("indexed");
        let shown = doc["a"].as_str().unwrap_or_default();
        assert!(shown.split(' ').any(|a| a == alias), "{alias} → {code}: {shown}");
        let row = home.split("<tr").find(|r| r.contains(&format!("data-code=\"{code}\""))).expect("a row");
        assert!(row.contains("data-aliases=\"") && row.contains(alias.as_str()), "{alias} on the row of {code}");
    }
}

#[test]
fn traditional_and_sound_tables_cover_the_names() {
    let root = common::repo_root();
    let (_, output, _) = linxuan::build::render_site(root, None).expect("the shipped site builds");
    let json = whole_index(|path| output.files[path].clone());
    let ts: Vec<char> = json["ts"].as_str().expect("ts").chars().collect();
    assert_eq!(ts.len() % 2, 0, "pairs of characters");
    let title_tokens = json["terms"]["title"].as_object().expect("title postings");
    let body_tokens = json["terms"]["body"].as_object().expect("body postings");
    let docs = json["docs"].as_array().expect("docs");
    let mut words = json["levels"].to_string() + &json["categories"].to_string();
    docs.iter().filter_map(|d| d["a"].as_str()).for_each(|a| words.push_str(a));
    for pair in ts.chunks(2) {
        let simplified = pair[1].to_string();
        assert!(pair[0] != pair[1], "{pair:?}");
        // Only traditional forms of characters the index holds are shipped.
        let known = title_tokens.contains_key(&simplified)
            || body_tokens.contains_key(&simplified)
            || words.contains(&simplified);
        assert!(known, "{simplified} is in the index");
    }
    // Every syllable of every name's preferred reading has its characters, the name's own among them.
    let sounds = json["sounds"].as_object().expect("sounds");
    for doc in docs.iter().filter(|d| d["k"] == "o") {
        let name: Vec<char> = doc["t"].as_str().expect("t").chars().collect();
        let preferred = doc["p"].as_str().expect("p").split('|').next().expect("a spelling");
        for (c, syllable) in name.iter().zip(preferred.split(' ')) {
            let chars = sounds[syllable].as_str().unwrap_or_else(|| panic!("{syllable} of {}", doc["t"]));
            assert!(chars.contains(*c), "{c} under {syllable}");
        }
    }
}

/// Runs a build that must fail, and returns its stderr.
fn rejected(fixture: &Fixture) -> String {
    let output = fixture.build_cmd().assert().code(1).get_output().clone();
    String::from_utf8(output.stderr).expect("stderr is UTF-8")
}

fn assert_reported(stderr: &str, parts: &[&str]) {
    assert!(
        stderr.lines().any(|line| parts.iter().all(|p| line.contains(p))),
        "no line of stderr contains all of {parts:?}:\n{stderr}"
    );
}

#[test]
fn aliases_are_validated_with_file_line_and_column() {
    let fixture = Fixture::shipped();
    let rows = fixture.rows();
    let (first, second) = (&rows[0], &rows[1]);
    let csv = format!(
        "别名,职业编码\n小名,{a}\n,{a}\n外号,8-99-99-99\n小名,{a}\n别称,4-10\n{name},{a}\n两个 词,{b}\n",
        a = first.code,
        b = second.code,
        name = first.name,
    );
    fixture.write("data/aliases.csv", csv);
    let stderr = rejected(&fixture);
    assert_reported(&stderr, &["data/aliases.csv:3", "别名", "is empty"]);
    assert_reported(&stderr, &["data/aliases.csv:4", "职业编码"]);
    // A code the table no longer has (a row 撤销) leaves the alias out with a warning.
    let unknown = stderr.lines().find(|l| l.contains("data/aliases.csv:4")).unwrap_or_default();
    assert!(unknown.starts_with("warning") && unknown.contains("not used"), "{unknown}");
    assert_reported(&stderr, &["data/aliases.csv:5", "别名", "line 2"]);
    assert_reported(&stderr, &["data/aliases.csv:6", "职业编码"]);
    assert_reported(&stderr, &["data/aliases.csv:7", "别名"]);
    assert_reported(&stderr, &["data/aliases.csv:8", "别名"]);
    assert!(!stderr.contains("aliases.csv:2"), "a good row is not reported:\n{stderr}");
}

#[test]
fn an_alias_may_name_several_occupations_and_the_file_is_optional() {
    let fixture = Fixture::shipped();
    let rows = fixture.rows();
    fixture.write("data/aliases.csv", format!("别名,职业编码\n多面手,{}\n多面手,{}\n", rows[0].code, rows[1].code));
    let built = fixture.build();
    let json = whole_index(|path| std::fs::read(built.dir.join(path)).expect("index"));
    let with: Vec<&str> = json["docs"]
        .as_array()
        .expect("docs")
        .iter()
        .filter(|d| d["a"] == "多面手")
        .map(|d| d["c"].as_str().expect("code"))
        .collect();
    assert_eq!(with, [rows[0].code.as_str(), rows[1].code.as_str()]);
    std::fs::remove_file(fixture.path("data/aliases.csv")).expect("remove");
    let out = fixture.tmp().join("without");
    let built = fixture.build_with(&out, &[]);
    let json = whole_index(|path| std::fs::read(built.dir.join(path)).expect("index"));
    assert!(json["docs"].as_array().expect("docs").iter().all(|d| d.get("a").is_none()));
}
