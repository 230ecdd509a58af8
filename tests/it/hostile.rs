//! Hostile files never crash: crafted Word and Excel files, Markdown, front matter and tables,
//! each given to the real binary under a memory cap (1 GiB of address space, `prlimit`) and a
//! time limit (killed after 20 s). A file refused ends the run with exit code 1 (never a
//! signal) and a message naming the file, the part and the limit; the site built before is
//! left as it was, and nothing is written anywhere. A file read with a warning publishes only
//! what staff can see. The files are made by `hostile/crafted.rs` rather than kept.

#[path = "hostile/crafted.rs"]
mod crafted;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::common::{self, Fixture, OCCUPATIONS_CSV, variants};
use crafted::{Sheet, declare_size, docx, paragraph, word_body, workbook, workbook_with_cell};

const MEMORY: u64 = 1 << 30;
const TIME: Duration = Duration::from_secs(20);
const XLSX: &str = "data/occupations.xlsx";

/// The binary under the memory cap and the time limit, in English or, for staff, in Chinese.
fn capped(english: bool) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new("prlimit");
    cmd.arg(format!("--as={MEMORY}")).arg("--").arg(assert_cmd::cargo::cargo_bin("linxuan"));
    cmd.timeout(TIME);
    if english {
        cmd.env("LINXUAN_LANG", "en");
    } else {
        cmd.env_remove("LINXUAN_LANG");
    }
    cmd
}

/// A copy of the shipped site, built once into its output folder.
struct Site {
    fixture: Fixture,
}

impl Site {
    fn built() -> Site {
        let site = Site { fixture: Fixture::shipped() };
        site.build(true).success();
        site
    }

    fn build(&self, english: bool) -> assert_cmd::assert::Assert {
        let mut cmd = capped(english);
        cmd.arg("build").arg("--root").arg(self.fixture.root()).arg("--output").arg(self.fixture.out());
        cmd.assert()
    }

    fn check(&self) -> assert_cmd::assert::Assert {
        capped(true).arg("check").arg("--root").arg(self.fixture.root()).assert()
    }

    /// The table's rows as the sheet has them, header first.
    fn rows(&self) -> Vec<Vec<String>> {
        variants::rows_of(&self.fixture.read(OCCUPATIONS_CSV))
    }

    /// Replaces the CSV table with the workbook `bytes`.
    fn use_workbook(&self, bytes: Vec<u8>) {
        let _ = std::fs::remove_file(self.fixture.path(OCCUPATIONS_CSV));
        self.fixture.write(XLSX, bytes);
    }

    /// Builds (and checks) in `english` or Chinese, expecting a refusal: exit code 1, nothing
    /// changed anywhere in the temporary folder (the built site included). Returns stderr.
    fn refused(&self, english: bool) -> String {
        let before = common::snapshot(self.fixture.tmp());
        let output = self.build(english).code(1).get_output().clone();
        common::assert_same_files(&before, &common::snapshot(self.fixture.tmp()), "a refused build");
        self.check().code(1);
        common::assert_same_files(&before, &common::snapshot(self.fixture.tmp()), "a refused check");
        String::from_utf8(output.stderr).expect("UTF-8 messages")
    }

    /// Builds, expecting success with a warning; only the output folder changes. Returns stderr.
    fn built_with_warnings(&self) -> String {
        let site_before = common::snapshot(&self.fixture.root());
        let output = self.build(true).success().get_output().clone();
        common::assert_same_files(&site_before, &common::snapshot(&self.fixture.root()), "the sources");
        let outside: Vec<PathBuf> = std::fs::read_dir(self.fixture.tmp())
            .expect("the temporary folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| !p.ends_with("site") && !p.ends_with("out"))
            .collect();
        assert!(outside.is_empty(), "written beside the output: {outside:?}");
        String::from_utf8(output.stderr).expect("UTF-8 messages")
    }

    /// Every text file of the output, by path.
    fn published(&self) -> BTreeMap<PathBuf, String> {
        common::snapshot(&self.fixture.out())
            .into_iter()
            .filter(|(p, _)| {
                p.extension().is_some_and(|e| ["html", "json", "xml", "csv", "txt"].contains(&&*e.to_string_lossy()))
            })
            .map(|(p, bytes)| (p, String::from_utf8(bytes).expect("UTF-8 output")))
            .collect()
    }
}

/// Imports `bytes` as a Word notice into a new site, expecting a refusal; returns stderr.
fn import_refused(bytes: &[u8], english: bool) -> String {
    let fixture = Fixture::empty();
    let notice = fixture.tmp().join("notice.docx");
    std::fs::write(&notice, bytes).expect("write the Word file");
    let before = common::snapshot(fixture.tmp());
    let mut cmd = capped(english);
    cmd.arg("import").arg(&notice).arg("--root").arg(fixture.root());
    let output = cmd.assert().code(1).get_output().clone();
    common::assert_same_files(&before, &common::snapshot(fixture.tmp()), "a refused import");
    assert!(!fixture.root().exists(), "no site is made");
    String::from_utf8(output.stderr).expect("UTF-8 messages")
}

fn assert_names(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "`{part}` is named: {stderr}");
    }
}

// ---------------------------------------------------------------------------------------------
// Word files to import
// ---------------------------------------------------------------------------------------------

#[test]
fn a_word_zip_bomb_is_named_as_one() {
    // Declared: a document of 2 GB, refused before a byte is inflated.
    let mut bomb = docx(&word_body(&paragraph("通知")));
    declare_size(&mut bomb, "word/document.xml", 2_000_000_000);
    let stderr = import_refused(&bomb, false);
    assert_names(&stderr, &["notice.docx", "word/document.xml", "解压后超过 64 MB"]);
    assert!(!stderr.contains("缺少") && !stderr.contains("missing"), "{stderr}");
    // Inflating past what the header declared: stopped there, named as unreadable.
    let text = paragraph(&"遴选".repeat(200_000));
    let mut lying = docx(&word_body(&text));
    declare_size(&mut lying, "word/document.xml", 1_000);
    let stderr = import_refused(&lying, true);
    assert_names(&stderr, &["notice.docx", "word/document.xml", "cannot be inflated or read"]);
}

#[test]
fn a_span_of_billions_of_columns_is_refused() {
    let cell =
        |span: &str| format!("<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/></w:tcPr>{}</w:tc>", paragraph("序号"));
    for span in ["4000000000", "99999999999999999999999"] {
        let body = format!("{}\n<w:tbl><w:tr>{}</w:tr></w:tbl>", paragraph("通知"), cell(span));
        let stderr = import_refused(&docx(&word_body(&body)), true);
        assert_names(&stderr, &["notice.docx", "word/document.xml", "line 4", "1000"]);
    }
    // Many cells of a legal span add up past the limit too.
    let row: String = (0..40).map(|_| cell("60")).collect();
    let body = format!("<w:tbl><w:tr>{row}</w:tr></w:tbl>");
    let stderr = import_refused(&docx(&word_body(&body)), true);
    assert_names(&stderr, &["word/document.xml", "spans 1020 columns", "1000"]);
}

#[test]
fn deep_content_controls_are_refused_at_their_line() {
    let depth = 100_000;
    let body = format!(
        "{}{}{}",
        "<w:sdt><w:sdtContent>\n".repeat(depth),
        paragraph("通知"),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    let stderr = import_refused(&docx(&word_body(&body)), false);
    assert_names(&stderr, &["notice.docx", "word/document.xml", "第 130 行", "嵌套超过 256 层"]);
}

#[test]
fn a_named_pipe_or_a_folder_in_place_of_the_notice_is_named_as_such() {
    let fixture = Fixture::empty();
    let pipe = fixture.tmp().join("notice.docx");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status().expect("mkfifo runs");
    assert!(made.success());
    let mut cmd = capped(true);
    cmd.arg("import").arg(&pipe).arg("--root").arg(fixture.root());
    let output = cmd.assert().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_names(&stderr, &["notice.docx", "not a regular file"]);
}

#[test]
fn import_into_an_existing_site_without_force_exits_non_zero_and_writes_nothing() {
    let site = Site::built();
    let word = site.fixture.tmp().join("commitment.docx");
    std::fs::copy(site.fixture.out().join("downloads/commitment.docx"), &word).expect("the form's Word file");
    let form = "content/forms/commitment.md";
    site.fixture.write(form, format!("{}\n补充的一段。\n", site.fixture.read(form)));
    let before = common::snapshot(site.fixture.tmp());
    let mut cmd = capped(true);
    cmd.arg("import").arg(&word).arg("--root").arg(site.fixture.root());
    let output = cmd.assert().code(1).get_output().clone();
    assert!(String::from_utf8_lossy(&output.stdout).contains("--force"));
    common::assert_same_files(&before, &common::snapshot(site.fixture.tmp()), "import without --force");
}

// ---------------------------------------------------------------------------------------------
// The Excel table
// ---------------------------------------------------------------------------------------------

#[test]
fn a_cell_at_the_far_corner_of_the_sheet_is_refused() {
    let site = Site::built();
    site.use_workbook(workbook_with_cell(&site.rows(), (1_048_575, 16_383, "x")));
    let stderr = site.refused(true);
    assert_names(&stderr, &[XLSX, "1048576 rows × 16384 columns", "XFD1048576", "5000000"]);
}

#[test]
fn a_shared_string_count_of_trillions_is_refused() {
    let site = Site::built();
    let bytes = workbook(&[Sheet { name: "Sheet1", hidden: false, rows: &site.rows() }]);
    let bytes = crafted::rezip(&bytes, |name, data| {
        if name != "xl/sharedStrings.xml" {
            return data;
        }
        let text = String::from_utf8(data).expect("XML");
        let start = text.find("uniqueCount=\"").expect("a count") + "uniqueCount=\"".len();
        let end = start + text[start..].find('"').expect("its end");
        format!("{}4000000000000{}", &text[..start], &text[end..]).into_bytes()
    });
    site.use_workbook(bytes);
    let stderr = site.refused(true);
    assert_names(&stderr, &[XLSX, "xl/sharedStrings.xml", "4000000000000", "5000000"]);
}

#[test]
fn a_sheet_that_inflates_to_gigabytes_is_refused() {
    let site = Site::built();
    let sheet = "xl/worksheets/sheet1.xml";
    let rows = site.rows();
    let mut bytes = workbook(&[Sheet { name: "Sheet1", hidden: false, rows: &rows }]);
    declare_size(&mut bytes, sheet, 3_000_000_000);
    site.use_workbook(bytes);
    let stderr = site.refused(false);
    assert_names(&stderr, &[XLSX, sheet, "解压后超过 64 MB"]);
    // A header that declares less than follows: the reading stops where it said.
    let mut bytes = workbook(&[Sheet { name: "Sheet1", hidden: false, rows: &rows }]);
    declare_size(&mut bytes, sheet, 100);
    site.use_workbook(bytes);
    let stderr = site.refused(true);
    assert_names(&stderr, &[XLSX, "Sheet1"]);
}

#[test]
fn the_first_visible_sheet_is_published_and_named() {
    let site = Site::built();
    let rows = site.rows();
    let mut old = rows.clone();
    old[1][1] = "已撤销的旧名称".to_owned();
    let sheets =
        [Sheet { name: "旧表", hidden: true, rows: &old }, Sheet { name: "汇总表", hidden: false, rows: &rows }];
    site.use_workbook(workbook(&sheets));
    let stderr = site.built_with_warnings();
    assert_names(&stderr, &[XLSX, "`汇总表`", "`旧表`"]);
    let published = site.published();
    assert!(published.values().any(|text| text.contains(&rows[1][1])), "the visible sheet's rows are published");
    assert!(!published.values().any(|text| text.contains("已撤销的旧名称")), "the hidden sheet is not");
}

#[test]
fn several_visible_sheets_are_named() {
    let site = Site::built();
    let rows = site.rows();
    let notes = vec![vec!["说明".to_owned()], vec!["草稿".to_owned()]];
    let empty: Vec<Vec<String>> = Vec::new();
    let sheets = [
        Sheet { name: "汇总表", hidden: false, rows: &rows },
        Sheet { name: "备注", hidden: false, rows: &notes },
        Sheet { name: "Sheet3", hidden: false, rows: &empty },
    ];
    site.use_workbook(workbook(&sheets));
    let stderr = site.built_with_warnings();
    assert_names(&stderr, &[XLSX, "`汇总表`", "`备注`"]);
    assert!(!stderr.contains("Sheet3"), "an empty sheet is not worth a word: {stderr}");
}

// ---------------------------------------------------------------------------------------------
// Markdown and front matter
// ---------------------------------------------------------------------------------------------

/// The shipped notice with `body` after its text.
fn notice_with(site: &Site, body: &str) {
    let notice = site.fixture.read("content/_index.md");
    site.fixture.write("content/_index.md", format!("{notice}\n{body}\n"));
}

#[test]
fn deep_markdown_is_refused_at_its_line() {
    let n = 100_000;
    let cases = [
        format!("{} 引用", ">".repeat(n)),
        format!("{}项", "- ".repeat(n)),
        format!("{}字{}", "*a ".repeat(n), " a*".repeat(n)),
        format!("{}图{}", "![".repeat(n), "](x)".repeat(n)),
    ];
    for (i, case) in cases.iter().enumerate() {
        let site = Site::built();
        let line = site.fixture.read("content/_index.md").matches('\n').count() + 2;
        notice_with(&site, case);
        let stderr = site.refused(i != 0);
        let at =
            if i == 0 { format!("content/_index.md 第 {line} 行") } else { format!("content/_index.md:{line}:") };
        let limit = if i == 0 { "嵌套超过 64 层" } else { "64 levels" };
        assert_names(&stderr, &[&at, limit]);
    }
}

#[test]
fn deep_front_matter_is_refused_at_its_line_at_once() {
    let n = 100_000;
    let yaml: String = (0..n).map(|i| format!("{}a:\n", " ".repeat(i % 200))).collect();
    let toml = format!("b = {}{}", "[".repeat(n), "]".repeat(n));
    let cases = [
        format!("---\ntitle: 说明\ndate: 2026-03-01\n{yaml}---\n正文\n"),
        format!("+++\ntitle = \"说明\"\ndate = \"2026-03-01\"\n{toml}\n+++\n正文\n"),
    ];
    for case in cases {
        let site = Site::built();
        site.fixture.write("content/updates/2026-03-01.md", case);
        let stderr = site.refused(true);
        assert_names(&stderr, &["content/updates/2026-03-01.md:", "32 levels"]);
    }
    let site = Site::built();
    let config = site.fixture.read("config.toml");
    let line = config.matches('\n').count() + 1;
    site.fixture.write("config.toml", format!("{config}{toml}\n"));
    let stderr = site.refused(false);
    assert_names(&stderr, &[&format!("config.toml 第 {line} 行"), "嵌套超过 32 层"]);
}

// ---------------------------------------------------------------------------------------------
// The CSV table
// ---------------------------------------------------------------------------------------------

#[test]
fn control_characters_in_a_cell_are_removed_and_never_published() {
    let site = Site::built();
    let row = site.fixture.rows()[2].clone();
    let line = row.seq as usize + 1;
    let chars: Vec<char> = row.name.chars().collect();
    let dirty = format!("{}\u{1}{}\u{1B}\u{7F}", chars[0], chars[1..].iter().collect::<String>());
    site.fixture.set_csv_cell(line, 1, &dirty);
    let stderr = site.built_with_warnings();
    let at = format!("data/occupations.csv:{line}: 职业（工种）: U+0001 control character removed");
    assert_names(&stderr, &[&at, "U+001B", "U+007F"]);
    let published = site.published();
    assert!(published.values().any(|text| text.contains(&row.name)), "the name is published clean");
    for (path, text) in published {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        let control = text.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        assert!(control.is_none(), "{} carries {control:?}", path.display());
    }
}

#[test]
fn a_megabyte_cell_is_echoed_short() {
    let site = Site::built();
    site.fixture.set_csv_cell(3, 3, &"五级".repeat(500_000));
    let stderr = site.refused(true);
    assert_names(&stderr, &["data/occupations.csv:3: 等级范围", "…"]);
    let about_the_table: usize = stderr.lines().filter(|l| l.contains(OCCUPATIONS_CSV)).map(str::len).sum();
    assert!(about_the_table < 1_000, "{about_the_table} bytes of messages about the table: {stderr}");
}

#[test]
fn a_garbage_table_prints_a_few_dozen_lines() {
    let site = Site::built();
    let header = site.fixture.read(OCCUPATIONS_CSV).lines().next().expect("a header").to_owned();
    let garbage: String = (0..100_000).map(|i| format!("{i},x\n")).collect();
    site.fixture.write(OCCUPATIONS_CSV, format!("{header}\n{garbage}"));
    let stderr = site.refused(true);
    let lines = stderr.lines().filter(|l| l.contains(OCCUPATIONS_CSV)).count();
    assert!(lines <= 51, "{lines} lines about the table");
    assert_names(&stderr, &["more problems not listed", ": 100000 error(s)"]);
}

#[test]
fn a_named_pipe_in_place_of_the_table_is_named_as_such() {
    let site = Site::built();
    std::fs::remove_file(site.fixture.path(OCCUPATIONS_CSV)).expect("remove the CSV");
    let made = std::process::Command::new("mkfifo").arg(site.fixture.path(OCCUPATIONS_CSV)).status();
    assert!(made.expect("mkfifo runs").success());
    let stderr = site.refused(false);
    assert_names(&stderr, &["data/occupations.csv", "不是普通文件"]);
    assert!(!stderr.contains("文件不存在"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// Any depth renders or is refused, never crashes
// ---------------------------------------------------------------------------------------------

mod any_depth {
    use linxuan::limits::{FRONT_MATTER_DEPTH, MARKDOWN_DEPTH};
    use linxuan::validate::front_matter;
    use proptest::prelude::*;

    fn config() -> ProptestConfig {
        let cases = std::env::var("LINXUAN_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(500);
        ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
    }

    /// Block containers opened on one line: a quote, a list item, a numbered item.
    const BLOCKS: [&str; 3] = ["> ", "- ", "1. "];
    /// Inline containers, opened and closed around the text.
    const INLINES: [(&str, &str); 4] = [("*a ", " a*"), ("**a ", " a**"), ("![", "](x)"), ("[", "](y)")];

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn markdown_of_any_depth_renders_or_names_its_line(
            blocks in prop::collection::vec(0..BLOCKS.len(), 0..120),
            inlines in prop::collection::vec(0..INLINES.len(), 0..120),
            text in "[\\p{Han}a-z0-9 ]{0,6}",
            before in 0usize..4,
        ) {
            let open: String = inlines.iter().map(|&i| INLINES[i].0).collect();
            let close: String = inlines.iter().rev().map(|&i| INLINES[i].1).collect();
            let prefix: String = blocks.iter().map(|&b| BLOCKS[b]).collect();
            let markdown = format!("{}{prefix}{open}字{text}{close}\n", "段落\n\n".repeat(before));
            // Each block opens at most two containers (a list and its item), each inline one,
            // and the paragraph one more.
            let most = 2 * blocks.len() + inlines.len() + 1;
            match linxuan::markdown::parse(&markdown) {
                Ok(document) => {
                    let _ = linxuan::markdown::to_html(&document);
                    // Each block opens one container at least, and the paragraph one more.
                    prop_assert!(blocks.len() < MARKDOWN_DEPTH, "{} blocks rendered", blocks.len());
                }
                Err(e) => {
                    prop_assert!(most > MARKDOWN_DEPTH, "{} levels at most, refused: {}", most, e);
                    prop_assert_eq!(e.line, 2 * before + 1);
                }
            }
        }

        #[test]
        fn front_matter_of_any_depth_reads_or_names_its_line(depth in 0usize..100, kind in 0usize..4, spaces in 1usize..3) {
            let inner = match kind {
                0 => (0..depth).map(|i| format!("{}a:\n", " ".repeat(i * spaces))).collect::<String>() + &" ".repeat(depth * spaces) + "b: 1\n",
                1 => format!("a: {}1{}\n", "[".repeat(depth), "]".repeat(depth)),
                2 => format!("a = {}1{}\n", "[".repeat(depth), "]".repeat(depth)),
                _ => format!("a = {}1{}\n", "{b = ".repeat(depth), "}".repeat(depth)),
            };
            let fence = if kind < 2 { "---" } else { "+++" };
            let text = format!("{fence}\n{inner}{fence}\n正文\n");
            let split = front_matter::split(&text).expect("fenced");
            match split.front_matter.parse::<serde_json::Value>() {
                Ok(_) => prop_assert!(depth < FRONT_MATTER_DEPTH + 1),
                Err(e) if e.message.contains("嵌套超过") => {
                    prop_assert!(depth + 1 > FRONT_MATTER_DEPTH - 1, "depth {} refused", depth);
                    prop_assert!((2..=depth + 3).contains(&e.line), "line {}", e.line);
                }
                Err(e) => prop_assert!(false, "depth {}: {}", depth, e.message),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The preview
// ---------------------------------------------------------------------------------------------

#[test]
fn the_preview_reports_hostile_files_and_keeps_serving() {
    use crate::serve::server::{Server, poll};
    let fixture = Fixture::shipped();
    let rows = variants::rows_of(&fixture.read(OCCUPATIONS_CSV));
    let server = Server::start(&fixture.root());
    let problem = |text: &'static str| {
        poll(TIME, text, || server.status()["problem"].as_str().filter(|p| p.contains(text)).map(str::to_owned))
    };
    std::fs::remove_file(fixture.path(OCCUPATIONS_CSV)).expect("remove the CSV");
    fixture.write(XLSX, workbook_with_cell(&rows, (1_048_575, 16_383, "x")));
    let reported = problem("XFD1048576");
    assert!(reported.contains(XLSX), "{reported}");
    std::fs::remove_file(fixture.path(XLSX)).expect("remove the workbook");
    fixture.write(OCCUPATIONS_CSV, variants::Variant::Lf.save(&rows));
    let notice = fixture.read("content/_index.md");
    fixture.write("content/_index.md", format!("{notice}\n{}引用\n", ">".repeat(100_000)));
    let reported = problem("64 levels");
    assert!(reported.contains("content/_index.md"), "{reported}");
    assert_eq!(server.get("/").status, 200, "the last good site is still served");
}
