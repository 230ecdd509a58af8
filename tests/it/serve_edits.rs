//! The preview serves what a full build writes. After each kind of edit — a row's level range, its name, its 大类, a new row, a deleted
//! row, the notice's Markdown, a template, a form — every file a full build of the same
//! sources writes is served by the preview, byte for byte (HTML apart from the injected
//! live-reload script); a broken edit keeps serving the last good build, byte for byte.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{Fixture, OCCUPATIONS_CSV, Row, TestResult};
use crate::serve::server::{Server, poll};

/// A debug build of a 2,000-row site is slow on a loaded machine.
const EDIT_TIMEOUT: Duration = Duration::from_secs(300);

/// What an edit is called, and the edit.
type Edit<'a> = (&'a str, Box<dyn Fn() + 'a>);

/// Waits for a good build newer than `after`; returns its generation.
fn next_good_build(server: &Server, after: u64, what: &str) -> u64 {
    poll(EDIT_TIMEOUT, &format!("a good build after editing {what}"), || {
        let status = server.status();
        let generation = status["generation"].as_u64().unwrap_or(0);
        (status["problem"].is_null() && generation > after).then_some(generation)
    })
}

/// Builds the fixture afresh into `<tmp>/full-<step>` and returns that folder.
fn full_build(fixture: &Fixture, step: &str) -> PathBuf {
    let out = fixture.tmp().join(format!("full-{step}"));
    // A preview, as serve is: the edits are not recorded as a release.
    fixture.build_with(&out, &["--preview"]);
    out
}

/// Fetches every file of the build in `out` from the preview (pages by their folder URL) and
/// asserts the bytes are the same. Returns how many files were compared.
fn assert_serves(server: &Server, out: &Path, what: &str) -> usize {
    let tag = "<script src=\"/__linxuan/live.js\" data-base=\"/\"></script>";
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.expect("walk the full build");
        let rel = entry.path().strip_prefix(out).expect("under the output").to_string_lossy().replace('\\', "/");
        // The .gz copies and the marker of a folder linxuan publishes are made by `build` only.
        if !entry.file_type().is_file() || rel.ends_with(".gz") || rel == ".linxuan-output" {
            continue;
        }
        let url = match rel.strip_suffix("index.html") {
            Some(folder) if rel != "404.html" => format!("/{folder}"),
            _ => format!("/{rel}"),
        };
        let reply = server.get(&url);
        assert_eq!(reply.status, 200, "{what}: {url}");
        let mut served = reply.body;
        if rel.ends_with(".html") {
            let text = String::from_utf8(served).expect("HTML is UTF-8");
            assert_eq!(text.matches(tag).count(), 1, "{what}: {url} carries the live script once");
            served = text.replacen(tag, "", 1).into_bytes();
        }
        let built = std::fs::read(entry.path()).expect("read a built file");
        assert!(
            served == built,
            "{what}: {url} differs from the full build ({} vs {} bytes)",
            served.len(),
            built.len()
        );
        compared += 1;
    }
    assert!(compared > 0, "{what}: the build has files");
    compared
}

/// Replaces the line of `row` in the CSV with `line`, or removes it when `None`.
fn replace_row(fixture: &Fixture, row: &Row, line: Option<String>) {
    let csv = fixture.read(OCCUPATIONS_CSV);
    let prefix = format!("{},", row.seq);
    let lines: Vec<String> =
        csv.lines().filter_map(|l| if l.starts_with(&prefix) { line.clone() } else { Some(l.to_owned()) }).collect();
    fixture.write(OCCUPATIONS_CSV, lines.join("\n") + "\n");
}

/// The CSV line of a row.
fn csv_line(row: &Row, name: &str, code: &str, levels: &str) -> String {
    format!("{},{name},{code},{levels},{}", row.seq, row.count)
}

/// A level range other than the row's own: a single level it does not have, or only its first.
fn other_levels(row: &Row) -> String {
    match (1..=5u8).find(|l| !row.levels.contains(l)) {
        Some(level) => level.to_string(),
        None => "1".to_owned(),
    }
}

/// An unused code in a 中类 of another 大类 than `row`'s, which the categories file names.
fn code_in_another_major(rows: &[Row], row: &Row, small: &str) -> String {
    let other = rows.iter().find(|r| r.major() != row.major()).expect("the table spans two 大类");
    format!("{}-{small}", other.middle())
}

#[test]
fn after_each_kind_of_edit_the_preview_serves_the_full_build_byte_for_byte() -> TestResult {
    let fixture = Fixture::shipped();
    let server = Server::start(&fixture.root());
    let mut generation = server.generation();
    let rows = fixture.rows();

    let mut last_good = full_build(&fixture, "start");
    assert_serves(&server, &last_good, "before any edit");

    let template = fixture.read("templates/occupation.html");
    let form = fixture.read("content/forms/commitment.md");
    let notice = fixture.read("content/_index.md");
    let (r0, r1, r2, r3) = (&rows[0], &rows[1], &rows[2], &rows[3]);
    let added = Row { seq: rows.iter().map(|r| r.seq).max().unwrap_or(0) + 1, ..r0.clone() };
    let edits: Vec<Edit> = vec![
        (
            "a row's level range",
            Box::new(|| replace_row(&fixture, r0, Some(csv_line(r0, &r0.name, &r0.code, &other_levels(r0))))),
        ),
        (
            "a row's name",
            Box::new(|| {
                replace_row(
                    &fixture,
                    r1,
                    Some(csv_line(r1, &format!("{}（预览改名）", r1.name), &r1.code, &r1.levels_text)),
                )
            }),
        ),
        (
            "a row's 大类",
            Box::new(|| {
                let code = code_in_another_major(&rows, r2, "97-97");
                replace_row(&fixture, r2, Some(csv_line(r2, &r2.name, &code, &r2.levels_text)));
            }),
        ),
        (
            "a new row",
            Box::new(|| {
                let mut csv = fixture.read(OCCUPATIONS_CSV);
                csv.push_str(&csv_line(&added, "预览新增职业", &code_in_another_major(&rows, r3, "98-98"), "5、4"));
                csv.push('\n');
                fixture.write(OCCUPATIONS_CSV, csv);
            }),
        ),
        ("a deleted row", Box::new(|| replace_row(&fixture, r3, None))),
        (
            "the notice's Markdown",
            Box::new(|| fixture.write("content/_index.md", format!("{notice}\n\n预览正文修改的一段。\n"))),
        ),
        (
            "a template",
            Box::new(|| {
                let edited =
                    template.replacen("{% block content %}\n", "{% block content %}\n<p>预览模板修改</p>\n", 1);
                assert_ne!(edited, template, "the template has a content block");
                fixture.write("templates/occupation.html", edited);
            }),
        ),
        (
            "a form",
            Box::new(|| {
                let edited = form.replacen("\n签订时间", "\n预览表单修改的说明。\n\n签订时间", 1);
                assert_ne!(edited, form, "the form has a signing date");
                fixture.write("content/forms/commitment.md", edited);
            }),
        ),
    ];
    for (step, (what, edit)) in edits.iter().enumerate() {
        edit();
        generation = next_good_build(&server, generation, what);
        last_good = full_build(&fixture, &step.to_string());
        assert_serves(&server, &last_good, what);

        if step == 1 {
            // A broken table: the last good build is still served, whole and unchanged.
            let good = fixture.read(OCCUPATIONS_CSV);
            replace_row(&fixture, r2, Some(csv_line(r2, &r2.name, &r1.code, &r2.levels_text)));
            poll(EDIT_TIMEOUT, "the broken table to be reported", || {
                server.status()["problem"].as_str().filter(|p| p.contains(OCCUPATIONS_CSV)).map(str::to_owned)
            });
            assert_serves(&server, &last_good, "a broken table");
            fixture.write(OCCUPATIONS_CSV, good);
            generation = next_good_build(&server, generation, "the fixed table");
        }
    }
    Ok(())
}

#[test]
fn a_generated_2000_row_site_is_served_as_its_full_build_after_edits() -> TestResult {
    let fixture = Fixture::generated(2000);
    let server = Server::start(&fixture.root());
    let generation = server.generation();
    let rows = fixture.rows();
    assert_eq!(rows.len(), 2000);

    // Three edits in quick succession, as a person saves: a rename, a new level range, a deletion.
    let (a, b, c) = (&rows[10], &rows[1000], &rows[1999]);
    replace_row(&fixture, a, Some(csv_line(a, &format!("{}（预览改名）", a.name), &a.code, &a.levels_text)));
    replace_row(&fixture, b, Some(csv_line(b, &b.name, &b.code, &other_levels(b))));
    replace_row(&fixture, c, None);
    next_good_build(&server, generation, "three edits");
    poll(EDIT_TIMEOUT, "the last edit to be served", || {
        (server.get(&c.url()).status == 404 && server.status()["problem"].is_null()).then_some(())
    });
    let out = full_build(&fixture, "2000");
    let compared = assert_serves(&server, &out, "2,000 rows after three edits");
    assert!(compared > 2000, "every page, download and table was compared: {compared}");
    Ok(())
}
