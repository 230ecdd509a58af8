//! Helpers shared by the integration tests: a copy of the shipped site as a fixture, the
//! `linxuan` binary, the expected table and forms read straight from a site's files, and
//! parsed output pages.
//!
//! Expectations come from the files of the site a test builds, so that a release that adds a
//! row or edits a form keeps the tests green. Only tests named `*seed*` compare the shipped
//! content with the notice as published (the seed), and only they may fail when it changes.
//!
//! Every test works on its own copy in a temporary folder, laid out as
//! `<tmp>/site` (the site root) and `<tmp>/out` (free for `--output`), so that nothing a
//! test does can touch the repository or another test.

// Each test file uses a different subset of these helpers.
#![allow(dead_code)]

pub mod variants;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scraper::{ElementRef, Html, Selector};

#[path = "../../fixtures/large_site.rs"]
pub mod large_site;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// What makes up a site root, copied from the repository into every fixture.
pub const SITE_PARTS: [&str; 5] = ["config.toml", "data", "content", "templates", "static"];

/// The notice's table, as `data/occupations.csv` names it.
pub const OCCUPATIONS_CSV: &str = "data/occupations.csv";
/// The shipped site's one recorded release, with the essentials it published.
pub const SHIPPED_RELEASE_META: &str = "data/releases/2026-01-01.toml";
pub const CSV_HEADERS: [&str; 5] = ["序号", "职业（工种）", "职业编码", "等级范围", "拟遴选机构数量"];

/// The five levels with their names, highest first, as the notice names them.
pub const LEVELS: [(u8, &str); 5] =
    [(1, "一级/高级技师"), (2, "二级/技师"), (3, "三级/高级工"), (4, "四级/中级工"), (5, "五级/初级工")];

pub fn level_label(level: u8) -> &'static str {
    LEVELS.iter().find(|(n, _)| *n == level).map(|(_, label)| *label).expect("levels are 1–5")
}

/// The repository's own copy of the site.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// cargo's target folder for this build (`$CARGO_TARGET_DIR`, else `target/`): the parent of
/// the folder cargo gives integration tests for their files.
pub fn target_dir() -> &'static Path {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp)
}

/// The `linxuan` binary built by cargo for this test run.
/// The binary, speaking English: these tests check behaviour (exit codes, files, rows and
/// fields named) in the developers' language; `staff.rs` and `corpus.rs` check the Chinese
/// staff read.
pub fn linxuan() -> Command {
    let mut command = Command::cargo_bin("linxuan").expect("cargo builds the linxuan binary for integration tests");
    command.env("LINXUAN_LANG", "en");
    command
}

/// The binary as staff run it: Chinese, whatever the environment says.
pub fn linxuan_zh() -> Command {
    let mut command = Command::cargo_bin("linxuan").expect("cargo builds the linxuan binary for integration tests");
    command.env_remove("LINXUAN_LANG");
    command
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/// A temporary folder holding a copy of the shipped site in `site/`.
pub struct Fixture {
    tmp: tempfile::TempDir,
}

impl Fixture {
    /// A copy of the shipped site (config.toml, data/, content/, templates/, static/).
    pub fn shipped() -> Fixture {
        let fixture = Fixture::empty();
        let root = fixture.root();
        std::fs::create_dir_all(&root).expect("create the fixture's site root");
        for part in SITE_PARTS {
            copy_tree(&repo_root().join(part), &root.join(part));
        }
        fixture
    }

    /// The shipped site before its first release (no `data/releases/`): a site whose pages
    /// claim no history, so any edit of the table or the notice builds as it is.
    pub fn unreleased() -> Fixture {
        let fixture = Fixture::shipped();
        std::fs::remove_dir_all(fixture.path("data/releases")).expect("remove the shipped releases");
        fixture
    }

    /// The shipped site with its example values (（示例）, ××, example.gov.cn) replaced, as a
    /// bureau publishes it: what `build --strict` and `release` accept.
    pub fn publishable() -> Fixture {
        let fixture = Fixture::shipped();
        let real = |text: String| {
            text.replace("（示例）", "")
                .replace("××", "某")
                .replace('×', "1")
                .replace("example.gov.cn", "linxuan.test")
                .replace("0000000", "8765432")
        };
        // The release records the essentials as published: with the same real values.
        for file in ["config.toml", SHIPPED_RELEASE_META] {
            fixture.write(file, real(fixture.read(file)));
        }
        fixture
    }

    /// A site with a generated table of `rows` rows (`large_site`): the shipped notice and
    /// forms, no recorded releases.
    pub fn generated(rows: usize) -> Fixture {
        let fixture = Fixture::empty();
        large_site::write_site(repo_root(), rows, large_site::DEFAULT_SEED, &fixture.root())
            .expect("write the generated site");
        fixture
    }

    /// A temporary folder with nothing in it (no `site/` either).
    pub fn empty() -> Fixture {
        Fixture { tmp: tempfile::tempdir().expect("create a temporary folder") }
    }

    /// The temporary folder: the site root's parent.
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// The site root.
    pub fn root(&self) -> PathBuf {
        self.tmp().join("site")
    }

    /// A folder beside the site root, free for `--output`.
    pub fn out(&self) -> PathBuf {
        self.tmp().join("out")
    }

    /// A file of the site, by its path relative to the root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("fixture file is readable UTF-8")
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the file's folder");
        }
        std::fs::write(path, contents).expect("write a fixture file");
    }

    /// Replaces line `line` (1-based, as error messages count) of a text file.
    pub fn edit_line(&self, rel: &str, line: usize, edit: impl FnOnce(&str) -> String) {
        let text = self.read(rel);
        let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let target = lines.get_mut(line - 1).unwrap_or_else(|| panic!("{rel} has no line {line}"));
        *target = edit(target);
        self.write(rel, lines.join("\n"));
    }

    /// Replaces the cell `column` (0-based) of CSV line `line` (1-based) of `occupations.csv`.
    /// The shipped CSV has no quoted cells, so splitting on `,` is exact.
    pub fn set_csv_cell(&self, line: usize, column: usize, value: &str) {
        self.edit_line(OCCUPATIONS_CSV, line, |text| {
            let mut cells: Vec<&str> = text.split(',').collect();
            cells[column] = value;
            cells.join(",")
        });
    }

    /// The rows of the fixture's table.
    pub fn rows(&self) -> Vec<Row> {
        rows_in(&self.root())
    }

    /// The fixture's category names.
    pub fn categories(&self) -> BTreeMap<String, String> {
        categories_in(&self.root())
    }

    /// A string value of the fixture's `config.toml`.
    pub fn config(&self, key: &str) -> String {
        config_in(&self.root(), key)
    }

    /// The fixture's forms, in 附件 order.
    pub fn forms(&self) -> Vec<FormSource> {
        forms_in(&self.root())
    }

    /// `linxuan build --root <root> --output <out>`, not yet run.
    pub fn build_cmd(&self) -> Command {
        self.build_into_cmd(&self.out())
    }

    /// `linxuan build --root <root> --output <output>`, not yet run.
    pub fn build_into_cmd(&self, output: &Path) -> Command {
        let mut cmd = linxuan();
        cmd.arg("build").arg("--root").arg(self.root()).arg("--output").arg(output);
        cmd
    }

    /// Builds into `<tmp>/out`, asserting success, and returns the output.
    pub fn build(&self) -> Built {
        self.build_into_cmd(&self.out()).assert().success();
        Built::at(self.out())
    }

    /// Builds into `output` with extra arguments, asserting success.
    pub fn build_with(&self, output: &Path, args: &[&str]) -> Built {
        self.build_into_cmd(output).args(args).assert().success();
        Built::at(output.to_path_buf())
    }
}

/// Copies a file or a folder recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).expect("copy a file of the shipped site");
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk the shipped site");
        let rel = entry.path().strip_prefix(from).expect("walkdir yields paths under its root");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder of the fixture");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file of the shipped site");
        }
    }
}

/// Every file under `dir` (hidden ones included) by relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk a folder"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("walkdir yields paths under its root").to_path_buf();
            let bytes = std::fs::read(e.path()).expect("read a file");
            (rel, bytes)
        })
        .collect()
}

/// Asserts two snapshots are identical, naming the first files that differ.
pub fn assert_same_files(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
    let names = |s: &BTreeMap<PathBuf, Vec<u8>>| s.keys().cloned().collect::<BTreeSet<_>>();
    let (b, a) = (names(before), names(after));
    let gone: Vec<_> = b.difference(&a).collect();
    let new: Vec<_> = a.difference(&b).collect();
    assert!(gone.is_empty() && new.is_empty(), "{what}: files removed {gone:?}, files added {new:?}");
    let changed: Vec<_> =
        before.iter().filter(|(path, bytes)| after.get(*path) != Some(*bytes)).map(|(path, _)| path).collect();
    assert!(changed.is_empty(), "{what}: files changed {changed:?}");
}

// ---------------------------------------------------------------------------------------------
// The table, read independently of linxuan
// ---------------------------------------------------------------------------------------------

/// One row of `data/occupations.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub seq: u32,
    pub name: String,
    pub code: String,
    /// The cell as written, `5、4、3`.
    pub levels_text: String,
    /// The level numbers in the cell.
    pub levels: BTreeSet<u8>,
    pub count: u32,
}

impl Row {
    /// The occupation's page, relative to the base path.
    pub fn url(&self) -> String {
        format!("/occupations/{}/", self.code)
    }

    /// `4` of `4-10-01-03`.
    pub fn major(&self) -> &str {
        self.code.split('-').next().expect("a code has parts")
    }

    /// `4-10` of `4-10-01-03`.
    pub fn middle(&self) -> String {
        self.code.split('-').take(2).collect::<Vec<_>>().join("-")
    }
}

/// The rows of the site's `data/occupations.csv`.
pub fn rows_in(root: &Path) -> Vec<Row> {
    rows_of_csv(&root.join(OCCUPATIONS_CSV))
}

/// The rows of a table in the notice's columns (UTF-8, the ranges written as digits and `、`):
/// a site's `data/occupations.csv` or a recorded release.
pub fn rows_of_csv(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{} is UTF-8: {e}", path.display()));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("the CSV has a header row").clone();
    assert_eq!(headers.iter().take(CSV_HEADERS.len()).collect::<Vec<_>>(), CSV_HEADERS);
    reader
        .records()
        .map(|record| {
            let r = record.expect("a CSV row");
            let levels_text = r[3].to_owned();
            let levels = levels_text
                .split('、')
                .map(|n| n.parse::<u8>().expect("the test reads ranges written as digits and 、"))
                .collect();
            Row {
                seq: r[0].parse().expect("序号 is a number"),
                name: r[1].to_owned(),
                code: r[2].to_owned(),
                levels_text,
                levels,
                count: r[4].parse().expect("拟遴选机构数量 is a number"),
            }
        })
        .collect()
}

/// The site's `data/categories.csv`: code → name.
pub fn categories_in(root: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root.join("data/categories.csv")).expect("the categories CSV is UTF-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            let r = record.expect("a CSV row");
            (r[0].to_owned(), r[1].to_owned())
        })
        .collect()
}

/// A string value of the site's `config.toml`, by dotted key (`notice.authority`).
pub fn config_in(root: &Path, key: &str) -> String {
    let text = std::fs::read_to_string(root.join("config.toml")).expect("config.toml is readable");
    let table: toml::Table = toml::from_str(&text).expect("config.toml is TOML");
    let mut value = &toml::Value::Table(table);
    for part in key.split('.') {
        value = value.get(part).unwrap_or_else(|| panic!("config.toml has {key}"));
    }
    value.as_str().unwrap_or_else(|| panic!("config.toml's {key} is a string")).to_owned()
}

/// The TOML front matter (`+++`) of a Markdown file, and its body.
pub fn front_matter(path: &Path) -> (toml::Table, String) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{} is readable: {e}", path.display()));
    let rest = text.strip_prefix("+++\n").unwrap_or_else(|| panic!("{} opens with +++", path.display()));
    let (front, body) = rest.split_once("\n+++\n").unwrap_or_else(|| panic!("{} closes its +++", path.display()));
    let table = toml::from_str(front).unwrap_or_else(|e| panic!("{}: front matter is TOML: {e}", path.display()));
    (table, body.to_owned())
}

/// The notice's title, from `content/_index.md`.
pub fn notice_title_in(root: &Path) -> String {
    let (front, _) = front_matter(&root.join("content/_index.md"));
    front["title"].as_str().expect("the notice's title is a string").to_owned()
}

/// A blank form as `content/forms/<slug>.md` writes it.
#[derive(Debug, Clone)]
pub struct FormSource {
    pub slug: String,
    pub title: String,
    pub attachment: i64,
    /// The printed title: `heading`, or the title when there is none.
    pub heading: String,
    pub subtitle: Option<String>,
    pub markdown: String,
}

impl FormSource {
    /// `附件2 社会评价组织再评估遴选申报表`, as the attachment list and the Word file name write it.
    pub fn attachment_title(&self) -> String {
        format!("附件{} {}", self.attachment, self.title)
    }

    pub fn url(&self) -> String {
        format!("/forms/{}/", self.slug)
    }
}

/// The text a reader must find in a form, from its Markdown, without white space: every
/// heading and paragraph split at its blanks (`____`), and every word of every table cell
/// (merge markers `<` and empty cells aside).
pub fn form_passages(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in markdown.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if block.starts_with('|') {
            for line in block.lines() {
                let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
                if cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':'))) {
                    continue; // the header separator
                }
                out.extend(
                    cells.into_iter().filter(|c| *c != "<").flat_map(str::split_whitespace).flat_map(blank_free_parts),
                );
            }
        } else {
            out.extend(blank_free_parts(block.trim_start_matches('#')));
        }
    }
    out
}

/// The parts of a text around its blanks (runs of `_`), without white space.
fn blank_free_parts(text: &str) -> Vec<String> {
    text.split("____").map(squash).map(|p| p.trim_matches('_').to_owned()).filter(|p| !p.is_empty()).collect()
}

/// The site's forms, in 附件 order.
pub fn forms_in(root: &Path) -> Vec<FormSource> {
    let dir = root.join("content/forms");
    let mut forms: Vec<FormSource> = std::fs::read_dir(&dir)
        .expect("content/forms is a folder")
        .map(|entry| entry.expect("a form file").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| {
            let (front, markdown) = front_matter(&path);
            let text = |key: &str| front.get(key).and_then(toml::Value::as_str).map(str::to_owned);
            let title = text("title").expect("a form has a title");
            FormSource {
                slug: path.file_stem().expect("a file name").to_string_lossy().into_owned(),
                heading: text("heading").unwrap_or_else(|| title.clone()),
                title,
                attachment: front["attachment"].as_integer().expect("attachment is a number"),
                subtitle: text("subtitle"),
                markdown,
            }
        })
        .collect();
    forms.sort_by_key(|f| f.attachment);
    forms
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

/// A built site on disk.
pub struct Built {
    pub dir: PathBuf,
}

impl Built {
    pub fn at(dir: PathBuf) -> Built {
        Built { dir }
    }

    /// The file for a URL path relative to the base path: `/levels/1/` → `levels/1/index.html`.
    pub fn file_for(&self, url: &str) -> PathBuf {
        let rel = url.trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') { self.dir.join(rel).join("index.html") } else { self.dir.join(rel) }
    }

    /// Parses the page at `url` (relative to the base path), which must exist.
    pub fn page(&self, url: &str) -> Page {
        let file = self.file_for(url);
        let html = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("page {url} ({}) is readable: {e}", file.display()));
        Page { url: url.to_owned(), doc: Html::parse_document(&html) }
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).unwrap_or_else(|e| panic!("{rel} is in the output: {e}"))
    }

    /// Every `.html` file, relative to the output folder, with `/` separators.
    pub fn html_files(&self) -> Vec<String> {
        self.files().into_iter().filter(|rel| rel.ends_with(".html")).collect()
    }

    /// Every file, relative to the output folder, with `/` separators.
    pub fn files(&self) -> Vec<String> {
        snapshot(&self.dir)
            .into_keys()
            .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"))
            .collect()
    }

    /// Parses an HTML file by its path relative to the output folder.
    pub fn html_file(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }
}

/// A parsed page.
pub struct Page {
    pub url: String,
    pub doc: Html,
}

impl Page {
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.doc.select(&selector(css)).collect()
    }

    /// The only element matching `css`.
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(found.len(), 1, "{}: expected exactly one `{css}`, found {}", self.url, found.len());
        found[0]
    }

    /// The text of the only `css` element, whitespace collapsed.
    pub fn text_of(&self, css: &str) -> String {
        text(self.one(css))
    }

    /// The whole page's visible text, whitespace collapsed.
    pub fn body_text(&self) -> String {
        text(self.one("body"))
    }

    /// The `<dd>` of the `<dt>` whose text is `term` (a definition list entry).
    pub fn definition(&self, term: &str) -> String {
        let dts: Vec<ElementRef<'_>> = self.select("dt").into_iter().filter(|dt| text(*dt) == term).collect();
        assert_eq!(dts.len(), 1, "{}: one <dt>{term}</dt>", self.url);
        let dd = dts[0]
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "dd")
            .unwrap_or_else(|| panic!("{}: <dt>{term}</dt> has a <dd>", self.url));
        text(dd)
    }

    /// `href` of every `<a>` matching `css`.
    pub fn hrefs(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().filter_map(|a| a.attr("href").map(str::to_owned)).collect()
    }

    /// The `<meta name=…>` content.
    pub fn meta(&self, name: &str) -> String {
        self.one(&format!("meta[name=\"{name}\"]")).attr("content").unwrap_or_default().to_owned()
    }

    /// The table whose column headers (`thead th`) are exactly `headers`.
    pub fn table_with_headers(&self, headers: &[&str]) -> ElementRef<'_> {
        let tables: Vec<ElementRef<'_>> = self
            .select("table")
            .into_iter()
            .filter(|t| {
                let ths: Vec<String> = t.select(&selector("thead th")).map(text).collect();
                ths == headers
            })
            .collect();
        assert_eq!(tables.len(), 1, "{}: one table with headers {headers:?}", self.url);
        tables[0]
    }
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("valid selector `{css}`: {e}"))
}

/// An element's text with runs of whitespace collapsed to one space, trimmed.
pub fn text(element: ElementRef<'_>) -> String {
    collapse(&element.text().collect::<String>())
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without any whitespace, for comparing with the seed whose lines break mid-label.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The cells (`td` and `th`) of a table row, in order.
pub fn cells(row: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    row.child_elements().filter(|c| matches!(c.value().name(), "td" | "th")).collect()
}

/// The body rows of a table.
pub fn body_rows(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    table.select(&selector("tbody > tr")).collect()
}

/// The hrefs of the links inside `element`.
pub fn links_in(element: ElementRef<'_>) -> Vec<String> {
    element.select(&selector("a[href]")).filter_map(|a| a.attr("href").map(str::to_owned)).collect()
}

/// Whether a URL leaves the site or stays on the page: a scheme (`https:`, `mailto:`),
/// a protocol-relative `//host`, or a bare `#fragment`.
pub fn is_external_or_anchor(url: &str) -> bool {
    let has_scheme =
        url.split_once(':').is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']));
    has_scheme || url.starts_with("//") || url.starts_with('#')
}

/// Every `href`, `src` and form `action` of a parsed document.
pub fn url_attributes(doc: &Html) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for attr in ["href", "src", "action"] {
        for element in doc.select(&selector(&format!("[{attr}]"))) {
            if let Some(value) = element.attr(attr) {
                out.push((attr.to_owned(), value.to_owned()));
            }
        }
    }
    out
}

/// Runs of decimal digits in `s`, as numbers.
pub fn numbers_in(s: &str) -> Vec<u64> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().expect("digits"))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Programs the tests run (scripts/setup.sh installs them)

/// Whether the test can go on: `program arg` runs and exits 0. When it does not, the test fails
/// naming `install`, since a test that checked nothing must not pass — unless
/// `LINXUAN_SKIP_MISSING=1` (`scripts/test.sh --skip-missing`) asks to skip: then the skip is
/// printed and appended to `$LINXUAN_SKIP_LOG`, for the summary of scripts/test.sh.
pub fn installed_or_skip(program: &str, arg: &str, install: &str) -> bool {
    let runs = std::process::Command::new(program).arg(arg).output().is_ok_and(|o| o.status.success());
    if runs {
        return true;
    }
    let reason = format!("`{program}` is not installed (install with: {install})");
    assert!(
        std::env::var("LINXUAN_SKIP_MISSING").is_ok_and(|v| v == "1"),
        "{reason}. scripts/test.sh installs it; LINXUAN_SKIP_MISSING=1 skips this test instead"
    );
    let test = format!("{}::{}", env!("CARGO_CRATE_NAME"), std::thread::current().name().unwrap_or("?"));
    eprintln!("SKIPPED: {test}: {reason}");
    if let Some(log) = std::env::var_os("LINXUAN_SKIP_LOG") {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .expect("LINXUAN_SKIP_LOG names a writable file");
        writeln!(file, "{test} — {reason}").expect("LINXUAN_SKIP_LOG names a writable file");
    }
    false
}

/// Everything `stream` receives, appended as it comes by a thread of its own: an open event
/// stream read as a page reads it.
pub fn read_in_background(mut stream: std::net::TcpStream) -> std::sync::Arc<std::sync::Mutex<String>> {
    use std::io::Read;
    let received = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let into = std::sync::Arc::clone(&received);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            if let Ok(mut all) = into.lock() {
                all.push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        }
    });
    received
}
