//! Property tests in place of coverage-guided fuzzing (cargo-fuzz needs a nightly toolchain,
//! which this project's machines do not have): the parsers of user input never panic, and
//! what they accept round-trips; and one bad cell in a table, however saved, gives exactly one
//! error, naming the row as Excel numbers it. `LINXUAN_FUZZ_CASES` sets the number of inputs per target
//! (default 2,000; `.ci/run` raises it within its time budget).

use linxuan::diagnostics::{Diagnostics, Severity};
use linxuan::domain::{LevelSet, OccupationCode};
use linxuan::load::TextFile;
use linxuan::validate::front_matter;
use linxuan::validate::table;
use proptest::prelude::*;

use crate::common;
use common::variants::Variant;

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

proptest! {
    // Each input saves and reads a whole table, a workbook one time in seven: a quarter as many.
    #![proptest_config(ProptestConfig { cases: config().cases.div_ceil(4), ..config() })]

    #[test]
    fn one_bad_cell_gives_one_error_naming_its_row(
        index in 0usize..1_000,
        (column, bad) in prop::sample::select(BAD_CELLS.to_vec()),
        variant in prop::sample::select(Variant::ALL.to_vec()),
        notes in prop::option::of(prop::collection::vec(note(), 60)),
    ) {
        let mut rows = shipped_rows();
        let row = 1 + index % (rows.len() - 1);
        rows[row][column] = bad.to_owned();
        if let Some(notes) = &notes {
            rows[0].push("备注".to_owned());
            for (cells, note) in rows.iter_mut().skip(1).zip(notes.iter().cycle()) {
                cells.push(note.clone());
            }
        }
        let read = read_table(variant, &rows);
        let table: Vec<_> = read.diags.iter().filter(|d| d.file.ends_with(variant.path())).collect();
        let errors: Vec<_> = table.iter().filter(|d| d.severity == Severity::Error).collect();
        let excel_row = row + 1;
        prop_assert_eq!(errors.len(), 1, "{:?}, row {}: {:#?}", variant, excel_row, table);
        prop_assert_eq!(errors[0].line, Some(excel_row), "{:?}: {}", variant, errors[0]);
        // Besides it, at most the unused 备注 column (row 1).
        let notices = usize::from(notes.is_some());
        let warnings: Vec<_> = table.iter().filter(|d| d.severity == Severity::Warning).collect();
        prop_assert_eq!(warnings.len(), notices, "{:?}: {:#?}", variant, warnings);
        prop_assert!(warnings.iter().all(|d| d.line == Some(1) && d.field.is_none()), "{:#?}", warnings);
        prop_assert_eq!(read.rows, rows.len() - 2, "every other row is read");
    }
}

/// One mistake in one cell, by column: 序号, 职业（工种）, 职业编码, 等级范围, 拟遴选机构数量.
const BAD_CELLS: [(usize, &str); 16] = [
    (0, "二"),
    (0, ""),
    (0, "0"),
    (1, ""),
    (1, " "),
    (2, "4-1O-01-03"),
    (2, "4-10-01"),
    (2, ""),
    (3, "6"),
    (3, "七级"),
    (3, "5.4.3"),
    (3, ""),
    (4, "0"),
    (4, "1.5"),
    (4, "1个"),
    (4, ""),
];

/// A cell of a column the site does not use: often empty, sometimes with commas, quotes and
/// line breaks (Alt+Enter in Excel), which the row numbers must not count.
fn note() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        1 => "[备注说明a-z ,，\"]{1,6}",
        1 => "[备注,\"]{0,4}(\n|\r\n)[说明,]{0,4}(\n[待定]{1,2})?",
    ]
}

/// The shipped table's rows, the header first.
fn shipped_rows() -> Vec<Vec<String>> {
    static ROWS: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| {
        let path = common::repo_root().join(common::OCCUPATIONS_CSV);
        common::variants::rows_of(&std::fs::read_to_string(path).expect("the shipped table"))
    })
    .clone()
}

struct Read {
    diags: Diagnostics,
    /// How many occupations the table gave.
    rows: usize,
}

/// Saves `rows` as `variant` and reads it as `check` does: decoded (a workbook through the
/// loader, which alone reads one), then checked with the shipped category names.
fn read_table(variant: Variant, rows: &[Vec<String>]) -> Read {
    let mut diags = Diagnostics::default();
    let bytes = variant.save(rows);
    let file = if variant == Variant::Xlsx {
        let root = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(root.path().join("data")).expect("create data/");
        std::fs::write(root.path().join(variant.path()), bytes).expect("write the workbook");
        linxuan::load::load(root.path(), &mut diags).occupations.expect("the workbook is read")
    } else {
        let (text, _) = linxuan::load::text::decode(&bytes).expect("the table decodes");
        TextFile { path: variant.path().to_owned(), text }
    };
    let rows = table::occupations(&file, Some(categories()), &mut diags).len();
    Read { diags, rows }
}

/// The shipped category names, read once.
fn categories() -> &'static linxuan::validate::categories::Categories {
    static CATEGORIES: std::sync::OnceLock<linxuan::validate::categories::Categories> = std::sync::OnceLock::new();
    CATEGORIES.get_or_init(|| {
        let path = common::repo_root().join("data/categories.csv");
        let text = std::fs::read_to_string(path).expect("the shipped category names");
        let file = TextFile { path: "data/categories.csv".to_owned(), text };
        linxuan::validate::categories::categories(&file, &mut Diagnostics::default())
    })
}
