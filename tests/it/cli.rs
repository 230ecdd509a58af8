//! The command line as staff use it: exit codes, the summary line, error messages that name
//! the file, the line and the field, other encodings, and output that is never lost.

use crate::common;

use std::path::Path;

use common::{Fixture, OCCUPATIONS_CSV, Row, TestResult, linxuan, snapshot, text};

/// Runs a build that must fail with exit code 1 and write nothing; returns its stderr.
fn rejected_build(fixture: &Fixture) -> String {
    let output = fixture.build_cmd().assert().code(1).get_output().clone();
    assert!(!fixture.out().exists(), "a failed build creates no output folder");
    String::from_utf8(output.stderr).expect("stderr is UTF-8")
}

/// Asserts that one line of `stderr` contains every part: one diagnostic naming the file and
/// line (`data/occupations.csv:31`), the field and whatever else is given.
fn assert_reported(stderr: &str, parts: &[&str]) {
    assert!(
        stderr.lines().any(|line| parts.iter().all(|p| line.contains(p))),
        "no line of stderr contains all of {parts:?}:\n{stderr}"
    );
}

/// The line of `data/occupations.csv` that holds the occupation with 序号 `seq`.
fn line_of_seq(seq: u32) -> usize {
    seq as usize + 1
}

const CODE: usize = 2;
const LEVELS: usize = 3;
const COUNT: usize = 4;

// ---------------------------------------------------------------------------------------------
// build, check, init
// ---------------------------------------------------------------------------------------------

/// The number written right before `word` in `line`: 76 in `built 76 pages`.
fn number_before(line: &str, word: &str) -> Option<usize> {
    line.match_indices(word).find_map(|(at, _)| {
        let before = line[..at].trim_end();
        // ASCII digits are one byte each.
        let digits = before.chars().rev().take_while(char::is_ascii_digit).count();
        before[before.len() - digits..].parse().ok()
    })
}

#[test]
fn build_prints_one_summary_line_and_writes_root_public() -> TestResult {
    let fixture = Fixture::shipped();
    let output = linxuan().arg("build").arg("--root").arg(fixture.root()).assert().success().get_output().clone();
    let stdout = String::from_utf8(output.stdout)?;
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one summary line: {stdout}");
    let summary = lines[0];

    let public = common::Built::at(fixture.path("public"));
    let html = public.html_files().len();
    let files = public.files().iter().filter(|f| !f.rsplit('/').next().unwrap_or(f).starts_with('.')).count();
    assert!(html > fixture.rows().len(), "the default output is <root>/public");
    assert_eq!(number_before(summary, "pages"), Some(html), "{summary}");
    assert_eq!(number_before(summary, "files"), Some(files), "{summary}");
    assert!(
        number_before(summary, "ms").is_some() || number_before(summary, "s").is_some(),
        "the summary gives the time: {summary}"
    );
    Ok(())
}

#[test]
fn check_validates_and_writes_nothing() {
    let fixture = Fixture::shipped();
    let before = snapshot(fixture.tmp());
    linxuan().arg("check").arg("--root").arg(fixture.root()).assert().success();
    assert!(!fixture.path("public").exists(), "check creates no public/");
    common::assert_same_files(&before, &snapshot(fixture.tmp()), "check");
}

#[test]
fn check_reports_errors_like_build() {
    let fixture = Fixture::shipped();
    fixture.set_csv_cell(line_of_seq(4), CODE, "4-1-01-03");
    let output = linxuan().arg("check").arg("--root").arg(fixture.root()).assert().code(1).get_output().clone();
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert_reported(&stderr, &["data/occupations.csv:5", "职业编码"]);
    assert!(!fixture.path("public").exists());
}

#[test]
fn init_writes_the_example_site() {
    let fixture = Fixture::empty();
    let dir = fixture.tmp().join("new-site");
    linxuan().arg("init").arg(&dir).assert().success();
    for file in [
        "config.toml",
        "data/occupations.csv",
        "data/categories.csv",
        "content/_index.md",
        "content/forms/application.md",
        "content/forms/commitment.md",
    ] {
        assert!(dir.join(file).is_file(), "init writes {file}");
    }
    assert_eq!(
        std::fs::read(dir.join(OCCUPATIONS_CSV)).expect("read the new table"),
        std::fs::read(common::repo_root().join(OCCUPATIONS_CSV)).expect("read the shipped table"),
        "the example is the shipped notice"
    );
}

#[test]
fn init_site_builds_with_its_assets() {
    let fixture = Fixture::empty();
    let dir = fixture.tmp().join("new-site");
    linxuan().arg("init").arg(&dir).assert().success();
    linxuan().arg("build").arg("--root").arg(&dir).assert().success();
    let public = common::Built::at(dir.join("public"));
    let page = public.page("/");
    let rows = common::body_rows(page.table_with_headers(&common::CSV_HEADERS));
    assert_eq!(rows.len(), common::rows_in(&dir).len(), "the example site shows its table");
    let missing: Vec<String> = common::url_attributes(&page.doc)
        .into_iter()
        .map(|(_, url)| url)
        .filter(|url| url.starts_with("/assets/"))
        .filter(|url| !public.file_for(url).is_file())
        .collect();
    assert!(missing.is_empty(), "assets the pages load: {missing:?}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() -> TestResult {
    let fixture = Fixture::empty();
    let dir = fixture.tmp().join("busy");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("notes.txt"), "keep me")?;
    linxuan().arg("init").arg(&dir).assert().failure();
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt"))?, "keep me");
    assert!(!dir.join("config.toml").exists(), "nothing written into it");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Bad input: exit code 1 and a message naming the file, the line and the field
// ---------------------------------------------------------------------------------------------

#[test]
fn duplicate_code_on_line_31_names_file_line_and_field() {
    let fixture = Fixture::shipped();
    let code_of_line_2 = fixture.rows()[0].code.clone();
    fixture.set_csv_cell(31, CODE, &code_of_line_2);
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["data/occupations.csv:31", "职业编码"]);
}

#[test]
fn wrong_header_names_the_missing_column() {
    let fixture = Fixture::shipped();
    fixture.edit_line(OCCUPATIONS_CSV, 1, |header| header.replace("序号", "编号"));
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["data/occupations.csv:1", "序号"]);
}

#[test]
fn missing_column_names_it() {
    let fixture = Fixture::shipped();
    let without_levels: Vec<String> = fixture
        .read(OCCUPATIONS_CSV)
        .lines()
        .map(|line| {
            let mut cells: Vec<&str> = line.split(',').collect();
            cells.remove(LEVELS);
            cells.join(",")
        })
        .collect();
    fixture.write(OCCUPATIONS_CSV, without_levels.join("\n") + "\n");
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["data/occupations.csv:1", "等级范围"]);
}

#[test]
fn bad_code_format_names_line_and_field() {
    let fixture = Fixture::shipped();
    fixture.set_csv_cell(line_of_seq(4), CODE, "4-1-01-03");
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["data/occupations.csv:5", "职业编码", "4-1-01-03"]);
}

#[test]
fn level_outside_1_to_5_names_line_and_field() {
    let fixture = Fixture::shipped();
    fixture.set_csv_cell(line_of_seq(7), LEVELS, "6、5");
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["data/occupations.csv:8", "等级范围", "6"]);
}

#[test]
fn unreadable_ranges_name_line_and_field() {
    for range in ["5-", "5至", "abc", "、"] {
        let fixture = Fixture::shipped();
        fixture.set_csv_cell(line_of_seq(12), LEVELS, range);
        let stderr = rejected_build(&fixture);
        assert_reported(&stderr, &["data/occupations.csv:13", "等级范围"]);
    }
}

#[test]
fn duplicate_seq_names_line_and_field() {
    let fixture = Fixture::shipped();
    fixture.edit_line(OCCUPATIONS_CSV, line_of_seq(6), |line| line.replacen("6,", "5,", 1));
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["data/occupations.csv:7", "序号"]);
}

#[test]
fn count_that_is_not_a_positive_integer_names_line_and_field() {
    for count in ["0", "1个", "-1", "1.5"] {
        let fixture = Fixture::shipped();
        fixture.set_csv_cell(line_of_seq(20), COUNT, count);
        let stderr = rejected_build(&fixture);
        assert_reported(&stderr, &["data/occupations.csv:21", "拟遴选机构数量"]);
    }
}

/// The fixture's table with the name on line `line` replaced by the byte 0xFF.
fn table_with_undecodable_line(fixture: &Fixture, line: usize) -> Vec<u8> {
    let text = fixture.read(OCCUPATIONS_CSV);
    let mut lines: Vec<Vec<u8>> = text.split('\n').map(|l| l.as_bytes().to_vec()).collect();
    let cells: Vec<&str> = text.split('\n').nth(line - 1).expect("the table has the line").split(',').collect();
    lines[line - 1] = [cells[0].as_bytes(), b",\xFF,", cells[2..].join(",").as_bytes()].concat();
    lines.join(&b'\n')
}

#[test]
fn undecodable_bytes_name_the_line() {
    let fixture = Fixture::shipped();
    fixture.write(OCCUPATIONS_CSV, table_with_undecodable_line(&fixture, 10));
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["data/occupations.csv:10"]);
}

#[test]
fn undecodable_bytes_name_only_the_bad_line() {
    let fixture = Fixture::shipped();
    fixture.write(OCCUPATIONS_CSV, table_with_undecodable_line(&fixture, 10));
    let stderr = rejected_build(&fixture);
    let reported: Vec<&str> = stderr.lines().filter(|l| l.contains("data/occupations.csv:")).collect();
    assert_eq!(reported.len(), 1, "only line 10 is undecodable: {stderr}");
    assert!(reported[0].contains("data/occupations.csv:10"));
}

#[test]
fn missing_categories_file_is_one_error() {
    let fixture = Fixture::shipped();
    std::fs::remove_file(fixture.path("data/categories.csv")).expect("remove categories.csv");
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["data/categories.csv"]);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "one missing file, one error: {errors:#?}");
}

#[test]
fn several_errors_are_all_reported() {
    let fixture = Fixture::shipped();
    let code_of_line_2 = fixture.rows()[0].code.clone();
    fixture.set_csv_cell(5, CODE, "4-1-01-03");
    fixture.set_csv_cell(10, COUNT, "0");
    fixture.set_csv_cell(20, LEVELS, "9");
    fixture.set_csv_cell(31, CODE, &code_of_line_2);
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["data/occupations.csv:5", "职业编码"]);
    assert_reported(&stderr, &["data/occupations.csv:10", "拟遴选机构数量"]);
    assert_reported(&stderr, &["data/occupations.csv:20", "等级范围"]);
    assert_reported(&stderr, &["data/occupations.csv:31", "职业编码"]);
}

#[test]
fn form_with_bad_front_matter_names_file_and_line() {
    let fixture = Fixture::shipped();
    let rel = "content/forms/application.md";
    fixture.edit_line(rel, 3, |line| {
        assert!(line.starts_with("attachment"), "line 3 is `{line}`");
        "attachment = = 2".to_owned()
    });
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["content/forms/application.md:3"]);
}

#[test]
fn config_with_unknown_key_suggests_the_nearest() {
    let fixture = Fixture::shipped();
    let config = fixture.read("config.toml");
    let line = config.lines().position(|l| l.starts_with("base_url")).expect("config.toml sets base_url") + 1;
    fixture.edit_line("config.toml", line, |l| l.replacen("base_url", "base_ulr", 1));
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &[&format!("config.toml:{line}"), "base_ulr", "did you mean `base_url`"]);
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let fixture = Fixture::shipped();
    let base = fixture.read("templates/base.html");
    let mut lines: Vec<&str> = base.lines().collect();
    lines.insert(4, "{% if %}");
    fixture.write("templates/base.html", lines.join("\n"));
    let stderr = rejected_build(&fixture);
    assert_reported(&stderr, &["templates/base.html:5"]);
}

// ---------------------------------------------------------------------------------------------
// Encodings staff save from Excel
// ---------------------------------------------------------------------------------------------

/// Builds `fixture` and checks that every occupation page shows the right Chinese name, as
/// `rows` (read before the table was re-encoded) give them.
fn assert_builds_with_right_names(fixture: &Fixture, rows: &[Row]) {
    let built = fixture.build();
    for row in rows {
        assert_eq!(built.page(&row.url()).text_of("h1"), row.name);
    }
    let names: Vec<String> = built.page("/").select("tbody > tr > th a").into_iter().map(text).collect();
    let expected: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
    assert_eq!(names, expected);
}

#[test]
fn gb18030_table_builds_with_the_right_names() {
    let fixture = Fixture::shipped();
    let rows = fixture.rows();
    let utf8 = fixture.read(OCCUPATIONS_CSV);
    let (bytes, _, had_errors) = encoding_rs::GB18030.encode(&utf8);
    assert!(!had_errors, "the table is representable in GB18030");
    assert!(std::str::from_utf8(&bytes).is_err(), "the file really is GB18030 now");
    fixture.write(OCCUPATIONS_CSV, &bytes);
    assert_builds_with_right_names(&fixture, &rows);
}

#[test]
fn utf8_table_with_bom_builds_with_the_right_names() {
    let fixture = Fixture::shipped();
    let rows = fixture.rows();
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), fixture.read(OCCUPATIONS_CSV).as_bytes()].concat();
    fixture.write(OCCUPATIONS_CSV, with_bom);
    assert_builds_with_right_names(&fixture, &rows);
}

// ---------------------------------------------------------------------------------------------
// Nothing lost
// ---------------------------------------------------------------------------------------------

#[test]
fn failed_build_leaves_the_previous_output_byte_for_byte() -> TestResult {
    let fixture = Fixture::shipped();
    let first = fixture.build();
    let before = snapshot(&first.dir);
    assert!(before.len() > 50);

    fixture.set_csv_cell(31, CODE, &fixture.rows()[0].code);
    let output = fixture.build_cmd().assert().code(1).get_output().clone();
    assert_reported(&String::from_utf8(output.stderr)?, &["data/occupations.csv:31", "职业编码"]);
    common::assert_same_files(&before, &snapshot(&first.dir), "output after a failed build");
    let mut beside: Vec<String> = std::fs::read_dir(fixture.tmp())?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    beside.sort();
    assert_eq!(beside, ["out", "site"], "no staging folder left behind");
    Ok(())
}

/// Runs `linxuan build --output <output>` from `cwd` (or with `--root <root>`), expects a
/// refusal, and checks that nothing in the temporary folder changed.
fn assert_output_refused(fixture: &Fixture, cwd: Option<&Path>, output: &Path) {
    let before = snapshot(fixture.tmp());
    let mut cmd = linxuan();
    cmd.arg("build");
    match cwd {
        Some(dir) => cmd.current_dir(dir),
        None => cmd.arg("--root").arg(fixture.root()),
    };
    cmd.arg("--output").arg(output).assert().failure();
    common::assert_same_files(&before, &snapshot(fixture.tmp()), &format!("after --output {}", output.display()));
}

#[test]
fn output_that_is_the_root_its_parent_or_a_source_folder_is_refused() {
    let fixture = Fixture::shipped();
    // A previous good build, so that something could be lost.
    fixture.build();
    let root = fixture.root();
    assert_output_refused(&fixture, None, &root);
    assert_output_refused(&fixture, None, fixture.tmp());
    assert_output_refused(&fixture, None, &root.join("data"));
    assert_output_refused(&fixture, None, &root.join("public/.."));
    assert_output_refused(&fixture, Some(&root), Path::new("."));
    assert_output_refused(&fixture, Some(&root), Path::new(".."));
    assert_output_refused(&fixture, Some(&root), Path::new("data"));
}

#[test]
fn output_through_dot_dot_is_refused_before_anything_is_created() {
    let fixture = Fixture::shipped();
    let root = fixture.root();
    let entries = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(fixture.root())
            .expect("list the root")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = entries();
    for output in [root.join("public/.."), root.join("nothing/../data")] {
        fixture.build_into_cmd(&output).assert().failure();
        assert_eq!(entries(), before, "--output {} created nothing", output.display());
    }
}

// ---------------------------------------------------------------------------------------------
// Placeholders: warnings by default, errors with --strict and in release
// ---------------------------------------------------------------------------------------------

/// The lines of the fixture's `config.toml` (comments aside) that hold an example value.
fn placeholder_lines(fixture: &Fixture) -> Vec<usize> {
    let lines: Vec<usize> = fixture
        .read("config.toml")
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#'))
        .filter(|(_, l)| ["（示例）", "××", "example.gov.cn"].iter().any(|m| l.contains(m)))
        .map(|(i, _)| i + 1)
        .collect();
    assert!(!lines.is_empty(), "the shipped config has example values");
    lines
}

#[test]
fn placeholders_are_warnings_by_default_naming_file_line_and_value() -> TestResult {
    let fixture = Fixture::unreleased();
    let line = line_of_seq(1);
    let name = fixture.rows()[0].name.clone();
    fixture.set_csv_cell(line, 1, &format!("{name}（示例）"));
    let output = fixture.build_cmd().assert().success().get_output().clone();
    let stderr = String::from_utf8(output.stderr)?;
    for n in placeholder_lines(&fixture) {
        assert_reported(&stderr, &["warning: ", &format!("config.toml:{n}:"), "placeholder"]);
    }
    assert_reported(&stderr, &["warning: ", &format!("data/occupations.csv:{line}:"), "（示例）", &name]);
    assert!(fixture.out().join("index.html").is_file(), "a build with warnings publishes");
    linxuan().arg("check").arg("--root").arg(fixture.root()).assert().success();
    Ok(())
}

#[test]
fn strict_build_refuses_placeholders_and_leaves_the_output_untouched() -> TestResult {
    let fixture = Fixture::shipped();
    let first = fixture.build();
    let before = snapshot(&first.dir);
    let output = fixture.build_cmd().arg("--strict").assert().code(1).get_output().clone();
    let stderr = String::from_utf8(output.stderr)?;
    for n in placeholder_lines(&fixture) {
        assert_reported(&stderr, &["error: ", &format!("config.toml:{n}:"), "placeholder"]);
    }
    assert!(!stderr.contains("warning: "), "in strict mode they are errors, not warnings");
    common::assert_same_files(&before, &snapshot(&first.dir), "output after a strict build was refused");

    let fresh = Fixture::shipped();
    fresh.build_cmd().arg("--strict").assert().code(1);
    assert!(!fresh.out().exists(), "nothing written");
    linxuan().args(["check", "--strict", "--root"]).arg(fresh.root()).assert().code(1);
    Ok(())
}

#[test]
fn strict_build_and_release_accept_a_site_without_placeholders() -> TestResult {
    let fixture = Fixture::publishable();
    let output = fixture.build_cmd().arg("--strict").assert().success().get_output().clone();
    assert!(!String::from_utf8(output.stderr)?.contains("placeholder"));
    linxuan().args(["check", "--strict", "--root"]).arg(fixture.root()).assert().success();

    let shipped = Fixture::shipped();
    let refused = linxuan()
        .args(["release", "--date", "2026-05-01", "--note", "试发布", "--root"])
        .arg(shipped.root())
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_reported(&String::from_utf8(refused.stderr)?, &["error: ", "config.toml:", "placeholder"]);
    assert!(!shipped.path("data/releases/2026-05-01.csv").exists(), "release is always strict");
    Ok(())
}

#[test]
fn a_broken_table_is_not_buried_under_alias_warnings() -> TestResult {
    let f = Fixture::shipped();
    let table = f.read("data/occupations.csv");
    f.write("data/occupations.csv", table.replacen("职业编码", "职业代码", 1));
    let out = linxuan().arg("check").arg("--root").arg(f.root()).assert().failure().get_output().clone();
    let stderr = String::from_utf8(out.stderr)?;
    assert!(stderr.contains("职业编码: missing column"), "{stderr}");
    assert!(!stderr.contains("aliases.csv"), "no alias is checked against a table that did not load: {stderr}");
    Ok(())
}
