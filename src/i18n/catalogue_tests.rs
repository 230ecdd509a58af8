//! The catalogue is complete and speaks plainly: every key has both languages with the same
//! placeholders, every key the code names exists and every key exists for the code, and the
//! Chinese texts use no English word but names (files, commands, options, Excel, Word …).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Catalogue = BTreeMap<String, BTreeMap<String, String>>;

fn catalogue() -> Catalogue {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut all = Catalogue::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("locales/").flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "yml")) {
        let text = std::fs::read_to_string(path).expect("read a catalogue file");
        let map: BTreeMap<String, serde_norway::Value> = serde_norway::from_str(&text).expect("catalogue YAML");
        for (key, value) in map.into_iter().filter(|(k, _)| k != "_version") {
            let texts: BTreeMap<String, String> =
                serde_norway::from_value(value).unwrap_or_else(|e| panic!("{}: {key}: {e}", path.display()));
            assert!(all.insert(key.clone(), texts).is_none(), "{key} is in two files of locales/");
        }
    }
    all
}

/// Every string literal of `src/` that has a key's shape (`table.seq_gap`), with its file.
fn keys_in_code() -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let entry = entry.expect("walk src/");
        if entry.path().extension().is_none_or(|e| e != "rs") || entry.path().ends_with("catalogue_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read a source file");
        for literal in text.split('"').skip(1).step_by(2) {
            let shaped = literal.contains('.')
                && literal.split('.').all(|part| {
                    !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                });
            if shaped {
                found.entry(literal.to_owned()).or_insert_with(|| entry.path().display().to_string());
            }
        }
    }
    found
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split("%{").skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

#[test]
fn every_key_has_both_languages_with_the_same_placeholders() {
    let catalogue = catalogue();
    assert!(catalogue.len() > 50, "{} keys", catalogue.len());
    for (key, texts) in &catalogue {
        let languages: Vec<&str> = texts.keys().map(String::as_str).collect();
        assert_eq!(languages, ["en", "zh-CN"], "{key}");
        assert_eq!(placeholders(&texts["en"]), placeholders(&texts["zh-CN"]), "{key}: placeholders differ");
    }
}

#[test]
fn every_key_in_the_code_is_in_the_catalogue_and_every_key_is_used() {
    let catalogue = catalogue();
    let used = keys_in_code();
    let prefixes: BTreeSet<&str> = catalogue.keys().filter_map(|k| k.split('.').next()).collect();
    let missing: Vec<String> = used
        .iter()
        .filter(|(key, _)| prefixes.contains(key.split('.').next().unwrap_or("")) && !catalogue.contains_key(*key))
        .map(|(key, file)| format!("{key} ({file})"))
        .collect();
    assert!(missing.is_empty(), "keys named in src/ but missing from locales/: {missing:?}");
    let unused: Vec<&String> = catalogue.keys().filter(|k| !used.contains_key(*k)).collect();
    assert!(unused.is_empty(), "keys of locales/ no code names: {unused:?}");
}

/// Words a Chinese text may keep in Latin letters: names of programs, commands, options,
/// formats and placeholders' own spellings.
const NAMES: &[&str] = &[
    "linxuan",
    "build",
    "check",
    "serve",
    "init",
    "import",
    "release",
    "publish",
    "help",
    "Excel",
    "WPS",
    "Word",
    "URL",
    "DOCX",
    "KB",
    "MB",
    "zh",
    "en",
    "YYYY",
    "MM",
    "DD",
    "UTF",
    "GB",
    "BOM",
    "LINXUAN_LANG",
    "TOML",
    "YAML",
    "Markdown",
    // The key every front matter starts with: `title = "…"`.
    "title",
    "ID",
    // Excel's own name of a save format: 「CSV UTF-8（逗号分隔）」.
    "CSV",
    // The registration a site's footer names: ICP 备案号.
    "ICP",
];

#[test]
fn chinese_texts_use_no_english_words_but_names() {
    for (key, texts) in catalogue() {
        let text = &texts["zh-CN"];
        for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || "_-./{}%<>@=".contains(c))) {
            // Placeholders, paths, options, file names, addresses and template tokens are names.
            let is_name = word.contains(['%', '{', '.', '/', '-', '_', '<', '@', '='])
                || !word.bytes().any(|b| b.is_ascii_alphabetic())
                || NAMES.contains(&word);
            assert!(is_name, "{key}: the Chinese text has the English word `{word}`: {text}");
        }
    }
}
