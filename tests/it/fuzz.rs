//! Property tests in place of coverage-guided fuzzing (cargo-fuzz needs a nightly toolchain,
//! which this project's machines do not have): the parsers of user input never panic, and
//! what they accept round-trips. `LINXUAN_FUZZ_CASES` sets the number of inputs per target
//! (default 2,000; `.ci/run` raises it within its time budget).

use linxuan::diagnostics::Diagnostics;
use linxuan::domain::{LevelSet, OccupationCode};
use linxuan::load::TextFile;
use linxuan::validate::front_matter;
use linxuan::validate::table;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("LINXUAN_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2_000);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Text drawn from what staff actually type, plus anything at all.
fn staff_text() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9五四三二一级至到、,，/ ~－-]{0,12}", "[0-9０-９\\-－ ]{0,16}", "\\PC{0,24}", any::<String>(),]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn level_ranges_never_panic_and_round_trip(text in staff_text()) {
        if let Ok(set) = LevelSet::parse(&text) {
            let canonical = set.to_string();
            prop_assert_eq!(LevelSet::parse(&canonical), Ok(set));
            prop_assert!(set.levels().count() >= 1);
        }
    }

    #[test]
    fn codes_never_panic_and_round_trip(text in staff_text()) {
        if let Ok(code) = OccupationCode::parse(&text) {
            prop_assert_eq!(code.to_string(), text);
        }
    }

    #[test]
    fn front_matter_splitter_never_panics(body in "\\PC{0,40}", fence in prop_oneof!["\\+\\+\\+", "---", "\\PC{0,4}"], inner in "\\PC{0,40}", close in any::<bool>()) {
        let text = if close { format!("{fence}\n{inner}\n{fence}\n{body}") } else { format!("{fence}\n{inner}\n{body}") };
        if let Ok(split) = front_matter::split(&text) {
            let _ = split.front_matter.parse::<std::collections::BTreeMap<String, String>>();
            prop_assert!(text.ends_with(split.body));
        }
    }

    #[test]
    fn table_validation_never_panics(rows in prop::collection::vec(prop::collection::vec(staff_text(), 0..7), 0..6), crlf in any::<bool>()) {
        let mut text = linxuan::model::columns::HEADERS.join(",");
        for row in rows {
            text.push_str(if crlf { "\r\n" } else { "\n" });
            text.push_str(&row.join(","));
        }
        let mut diags = Diagnostics::default();
        let file = TextFile { path: "data/occupations.csv".into(), text };
        let occupations = table::occupations(&file, None, &mut diags);
        // Every problem points at a line of the file.
        let lines = file.text.lines().count().max(1);
        for d in diags.iter() {
            prop_assert!(d.line.is_none_or(|l| l >= 1 && l <= lines + 1), "{}", d);
        }
        prop_assert!(diags.has_errors() || occupations.iter().all(|o| !o.name.is_empty()));
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = linxuan::load::text::decode(&bytes);
    }
}
