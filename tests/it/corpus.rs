//! The corpus of bad (and awkward) tables under `tests/corpus/occupations/`: each `<case>.csv`
//! replaces the shipped table, and `<case>.expected` says the exit code (`exit 0|1`) and the
//! lines that must appear in the output, each naming file, line and field where it applies.

use crate::common;

use common::{Fixture, OCCUPATIONS_CSV, linxuan};

#[test]
fn every_case_gives_its_expected_messages() {
    let dir = common::repo_root().join("tests/corpus/occupations");
    let mut cases: Vec<_> = std::fs::read_dir(&dir).expect("corpus folder").flatten().map(|e| e.path()).collect();
    cases.retain(|p| p.extension().is_some_and(|e| e == "csv"));
    cases.sort();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let expected = std::fs::read_to_string(case.with_extension("expected")).expect("every case has .expected");
        let mut lines = expected.lines();
        let exit: i32 =
            lines.next().and_then(|l| l.strip_prefix("exit ")).and_then(|c| c.parse().ok()).expect("exit line");
        let fixture = Fixture::shipped();
        fixture.write(OCCUPATIONS_CSV, std::fs::read(case).expect("case bytes"));
        let output = linxuan().arg("check").arg("--root").arg(fixture.root()).output().expect("run linxuan");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let name = case.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if output.status.code() != Some(exit) {
            failures.push(format!("{name}: exit {:?}, expected {exit}\n{stderr}", output.status.code()));
            continue;
        }
        for line in lines.filter(|l| !l.is_empty()) {
            if !stderr.contains(line) {
                failures.push(format!("{name}: missing `{line}` in\n{stderr}"));
            }
        }
        if stderr.contains("panicked") {
            failures.push(format!("{name}: panicked\n{stderr}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}
