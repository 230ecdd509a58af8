//! The corpus of bad (and awkward) tables under `tests/corpus/occupations/`: each `<case>.csv`
//! replaces the shipped table, and `<case>.expected` holds the exit code (`exit 0|1`) and then
//! every line `linxuan check` prints about the table, in Chinese, exactly as staff read it.
//! One mistake gives one line: no line may be missing, repeated or added.
//!
//! Each case runs as it is and saved as each [`Variant`] (line ends, BOM, GB18030, UTF-16,
//! `.xlsx`), with the same rows named; a variant adds at most its encoding's own warning.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common;

use common::variants::{self, Variant};
use common::{Fixture, OCCUPATIONS_CSV, linxuan_zh};

/// Cases whose point is the bytes themselves (an encoding, line ends, a broken quote): saving
/// them again would lose it.
const AS_IS_ONLY: [&str; 7] = [
    "cr_line_ends",
    "crlf_line_ends",
    "gbk_from_excel",
    "unbalanced_quote",
    "undecodable_bytes",
    "utf16_unicode_text",
    "utf8_bom",
];

/// Mistakes only a text file can hold: a sheet's rows all have the header's width.
const NOT_IN_XLSX: [&str; 1] = ["ragged_row"];

struct Case {
    name: String,
    bytes: Vec<u8>,
    exit: i32,
    /// The lines about the table, naming `data/occupations.csv`.
    lines: Vec<String>,
}

/// One run: a case saved one way (`None`: its own bytes).
struct Job<'a> {
    case: &'a Case,
    variant: Option<Variant>,
}

#[test]
fn every_case_gives_its_expected_messages_in_every_variant() {
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let mut jobs = Vec::new();
    for case in &cases {
        jobs.push(Job { case, variant: None });
        if AS_IS_ONLY.contains(&case.name.as_str()) {
            continue;
        }
        let text = String::from_utf8(case.bytes.clone()).expect("a case saved again is UTF-8");
        let rows = variants::rows_of(&text);
        for variant in Variant::ALL {
            let same_bytes = variant.save(&rows) == case.bytes;
            let xlsx_apart = variant == Variant::Xlsx && NOT_IN_XLSX.contains(&case.name.as_str());
            if !same_bytes && !xlsx_apart {
                jobs.push(Job { case, variant: Some(variant) });
            }
        }
    }
    let failures = Mutex::new(Vec::new());
    let next = AtomicUsize::new(0);
    // `linxuan check` renders the whole site of each passing case: a few runs at a time.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 8);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(failure) = run(job) {
                        failures.lock().expect("no thread panicked holding the list").push(failure);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().expect("no thread panicked holding the list");
    assert!(failures.is_empty(), "{} of {} runs failed:\n\n{}", failures.len(), jobs.len(), failures.join("\n\n"));
}

fn cases() -> Vec<Case> {
    let dir = common::repo_root().join("tests/corpus/occupations");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("corpus folder").flatten().map(|e| e.path()).collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "csv"));
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let expected = std::fs::read_to_string(path.with_extension("expected"))
                .unwrap_or_else(|e| panic!("{name}: every case has its .expected: {e}"));
            let mut lines = expected.lines();
            let exit = lines
                .next()
                .and_then(|l| l.strip_prefix("exit "))
                .and_then(|c| c.parse().ok())
                .unwrap_or_else(|| panic!("{name}.expected: opens with `exit 0` or `exit 1`"));
            let lines: Vec<String> = lines.filter(|l| !l.is_empty()).map(str::to_owned).collect();
            for line in &lines {
                assert!(is_about(line, OCCUPATIONS_CSV), "{name}.expected: `{line}` is not about {OCCUPATIONS_CSV}");
            }
            Case { name, bytes: std::fs::read(path).expect("case bytes"), exit, lines }
        })
        .collect()
}

/// Whether a line of the output is a diagnostic about the file `path`.
fn is_about(line: &str, path: &str) -> bool {
    ["错误：", "警告："].iter().any(|severity| {
        line.strip_prefix(severity)
            .and_then(|rest| rest.strip_prefix(path))
            .is_some_and(|rest| rest.starts_with([' ', '：', '「']))
    })
}

fn run(job: &Job<'_>) -> Result<(), String> {
    let Job { case, variant } = job;
    let label = match variant {
        Some(v) => format!("{} ({v:?})", case.name),
        None => format!("{} (as is)", case.name),
    };
    let fixture = Fixture::shipped();
    // The cases are small tables of their own: the shipped release and aliases would only
    // add their differences from the shipped table.
    std::fs::remove_dir_all(fixture.path("data/releases")).expect("remove the releases");
    std::fs::remove_file(fixture.path("data/aliases.csv")).expect("remove the aliases");
    let path = match variant {
        Some(v) => {
            let text = String::from_utf8(case.bytes.clone()).expect("a case saved again is UTF-8");
            v.write_into(&fixture, &variants::rows_of(&text));
            v.path()
        }
        None => {
            fixture.write(OCCUPATIONS_CSV, &case.bytes);
            OCCUPATIONS_CSV
        }
    };
    let output = linxuan_zh()
        .current_dir(fixture.root())
        .arg("check")
        .output()
        .map_err(|e| format!("{label}: cannot run linxuan: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("panicked") {
        return Err(format!("{label}: panicked\n{stderr}"));
    }
    if output.status.code() != Some(case.exit) {
        return Err(format!("{label}: exit {:?}, expected {}\n{stderr}", output.status.code(), case.exit));
    }
    let notice = variant.and_then(Variant::encoding_notice);
    let (notices, mut found): (Vec<&str>, Vec<&str>) =
        stderr.lines().filter(|l| is_about(l, path)).partition(|l| notice.is_some_and(|n| l.contains(n)));
    if notices.len() > 1 {
        return Err(format!("{label}: the encoding is named {} times\n{stderr}", notices.len()));
    }
    let mut expected: Vec<String> = case.lines.iter().map(|l| l.replacen(OCCUPATIONS_CSV, path, 1)).collect();
    found.sort_unstable();
    expected.sort_unstable();
    if found != expected {
        let missing: Vec<&String> = expected.iter().filter(|l| !found.contains(&l.as_str())).collect();
        let extra: Vec<&&str> = found.iter().filter(|l| !expected.contains(&l.to_string())).collect();
        return Err(format!(
            "{label}: {} lines about the table, expected {}\nmissing: {missing:#?}\nnot expected: {extra:#?}\n{stderr}",
            found.len(),
            expected.len()
        ));
    }
    Ok(())
}
