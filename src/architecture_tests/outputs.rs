//! ARCHITECTURE.md's tables checked against the code, so that they cannot drift from it.
//!
//! "Where each output file is made": every output path in the first column is one
//! [`Output`] makes (placeholders such as `<code>` where the table writes them), or one of the
//! few files that are not built from the model ([`NOT_OUTPUT`]); every kind of [`Output`] is
//! listed; every file, folder and Rust item the second column names exists; and a source file
//! the row names spells what writes each of its paths (the `Output` variant, or for a page
//! the render `Job`). "Modules": the first column lists every top-level module and no other.

use std::path::{Path, PathBuf};

use crate::domain::{Browse, Level, List, OccupationCode, OpenData, Output, Page};

/// Files of the table that no [`Output`] names, and what the file that writes them spells.
const NOT_OUTPUT: [(&str, &str); 4] = [
    ("assets/*", "fn copy_static"),
    ("*.gz", "struct Precompressed"),
    ("data/releases/<date>.csv", "RELEASES_DIR"),
    ("data/releases/<date>.toml", "RELEASES_DIR"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The rows of the table under the heading `## {heading}`, each as its cells.
fn table(heading: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md is readable");
    let (_, after) = text.split_once(&format!("\n## {heading}\n")).expect("the heading is there");
    let rows: Vec<Vec<String>> = after
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| line.trim().trim_matches('|').split('|').map(|cell| cell.trim().to_owned()).collect())
        .collect();
    assert!(rows.len() > 5, "the table under `{heading}` has rows");
    for row in &rows {
        assert_eq!(row.len(), 2, "a row of two cells: {row:?}");
    }
    rows
}

/// The parts of `cell` between backticks.
fn spans(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// One file of every kind [`Output`] names.
fn samples() -> Vec<Output<'static>> {
    let code = OccupationCode::parse("4-10-01-03").expect("a valid code");
    let level = Level::new(3).expect("level 3");
    let pages = [
        Page::Notice,
        Page::Search,
        Page::Updates,
        Page::Form("<name>"),
        Page::FormFill("<name>"),
        Page::Occupation(code),
        Page::Level(level),
        Page::Category(code.middle()),
        Page::ListPart(List::Level(level), 2),
        Page::ListPart(List::Category(code.middle()), 2),
        Page::Browse(Browse::Occupations),
        Page::Browse(Browse::Levels),
        Page::Browse(Browse::Categories),
    ];
    let mut files: Vec<Output> = pages.into_iter().map(Output::Page).collect();
    files.extend([
        Output::NotFound,
        Output::FormDocx("<name>"),
        Output::OpenData(OpenData::Csv),
        Output::OpenData(OpenData::Xlsx),
        Output::OpenData(OpenData::Json),
        Output::SearchIndex,
        Output::SearchShard("<id>.<hash>"),
        Output::TableData,
        Output::Feed,
        Output::Calendar,
        Output::Sitemap,
        Output::SitemapPart(1),
        Output::SitemapPart(2),
        Output::Robots,
    ]);
    files
}

/// The file's path and address as the table writes them, placeholders in place of the
/// samples' values.
fn patterns(file: Output) -> [String; 2] {
    let placeholders = |text: String| {
        text.replace("4-10-01-03", "<code>")
            .replace("levels/3/", "levels/<n>/")
            .replace("categories/4-10/", "categories/<key>/")
            .replace("/page/2/", "/page/<p>/")
    };
    [placeholders(file.path()), placeholders(file.address())]
}

/// What the source that writes `file` spells: the `Output` variant, or for a page the render
/// job. A match without a catch-all, so a new kind of file must be given one here.
fn writer(file: Output) -> &'static str {
    match file {
        Output::Page(page) => match page {
            Page::Notice => "Job::Notice",
            Page::Search => "Job::Search",
            Page::Updates => "Job::Updates",
            Page::Form(_) => "Job::Form(",
            Page::FormFill(_) => "Job::FormFill",
            Page::Occupation(_) => "Job::Occupation",
            Page::Level(_) | Page::Category(_) | Page::ListPart(..) => "Job::List",
            Page::Browse(_) => "Job::Browse",
        },
        Output::NotFound => "Job::NotFound",
        Output::FormDocx(_) => "Output::FormDocx",
        Output::OpenData(_) => "Output::OpenData",
        Output::SearchIndex => "Output::SearchIndex",
        Output::SearchShard(_) => "Output::SearchShard",
        Output::TableData => "Output::TableData",
        Output::Feed => "Output::Feed",
        Output::Calendar => "Output::Calendar",
        Output::Sitemap => "Output::Sitemap",
        Output::SitemapPart(_) => "Output::SitemapPart",
        Output::Robots => "Output::Robots",
    }
}

/// Every `.rs` file at or under `path`.
fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return if path.extension().is_some_and(|e| e == "rs") { vec![path.to_owned()] } else { Vec::new() };
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
        files.extend(rust_files(&entry.path()));
    }
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether `text` defines `name`: a function, type, constant or module of that name, or an
/// enum variant (a line that starts with it).
fn defines(text: &str, name: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let keyword = ["fn ", "struct ", "enum ", "trait ", "type ", "const ", "static ", "mod "].iter().any(|kw| {
        text.match_indices(&format!("{kw}{name}")).any(|(at, found)| !text[at + found.len()..].starts_with(is_ident))
    });
    let variant = text
        .lines()
        .any(|line| line.trim_start().strip_prefix(name).is_some_and(|rest| rest.starts_with(['(', ',', ' ', '{'])));
    keyword || variant
}

/// Where a path the table names is: under `src/`, else under the repository root.
fn resolve(named: &str) -> Option<PathBuf> {
    [root().join("src").join(named), root().join(named)].into_iter().find(|p| p.exists())
}

/// Whether the Rust item `item` (`copy_static`, `Job::FormFill`, `markdown::to_html`) is
/// defined under `src/`: a path of modules narrows where, a type before the name says whose.
fn item_exists(item: &str) -> bool {
    let segments: Vec<&str> = item.split("::").collect();
    let (name, before) = segments.split_last().expect("a name");
    let mut dir = root().join("src");
    let mut owner = None;
    for segment in before {
        if segment.starts_with(char::is_uppercase) {
            owner = Some(*segment);
        } else if dir.join(segment).is_dir() {
            dir = dir.join(segment);
        } else if dir.join(format!("{segment}.rs")).is_file() {
            dir = dir.join(format!("{segment}.rs"));
        } else {
            return false;
        }
    }
    rust_files(&dir).iter().map(|f| read(f)).any(|text| {
        let owned = owner.is_none_or(|owner| {
            ["struct", "enum", "trait"]
                .iter()
                .any(|kw| defines(&text, owner) && text.contains(&format!("{kw} {owner}")))
        });
        owned && defines(&text, name)
    })
}

#[test]
fn the_output_table_names_the_files_the_code_makes_and_who_makes_them() {
    let rows = table("Where each output file is made");
    let samples = samples();
    let mut problems = Vec::new();
    let mut listed = vec![false; samples.len()];
    for row in &rows {
        let (outputs, made_by) = (&row[0], &row[1]);
        // The Rust sources the row names, where its writers must be; `Output` itself is not one.
        let mut sources = Vec::new();
        for named in spans(made_by) {
            let looks_like_path = named.contains('/') || named.contains('.');
            if looks_like_path {
                match resolve(named) {
                    Some(path) => sources.extend(rust_files(&path)),
                    None => problems.push(format!("`{named}` is named but does not exist")),
                }
            } else if !item_exists(named) {
                problems.push(format!("`{named}` is named but defined nowhere under src/"));
            }
        }
        sources.retain(|p| !p.ends_with("domain/output.rs"));
        let text: String = sources.iter().map(|p| read(p)).collect();
        for path in spans(outputs) {
            let writes = match samples.iter().position(|&s| patterns(s).contains(&path.to_owned())) {
                Some(i) => {
                    listed[i] = true;
                    writer(samples[i])
                }
                None => match NOT_OUTPUT.iter().find(|(p, _)| *p == path) {
                    Some((_, writes)) => writes,
                    None => {
                        problems.push(format!("`{path}` is no file `Output` makes"));
                        continue;
                    }
                },
            };
            if !text.contains(writes) {
                problems.push(format!("`{path}`: no file of its row ({made_by}) holds `{writes}`"));
            }
        }
    }
    for (sample, listed) in samples.iter().zip(listed) {
        if !listed {
            problems.push(format!("`{}` ({sample:?}) is missing from the table", patterns(*sample)[1]));
        }
    }
    assert!(problems.is_empty(), "ARCHITECTURE.md, Where each output file is made:\n{}", problems.join("\n"));
}

#[test]
fn the_modules_table_lists_every_top_level_module() {
    let mut listed: Vec<String> = table("Modules")
        .iter()
        .flat_map(|row| spans(&row[0]).into_iter().map(|m| m.trim_end_matches('/').trim_end_matches(".rs").to_owned()))
        .collect();
    listed.sort();
    listed.dedup();
    let mut modules: Vec<String> = std::fs::read_dir(root().join("src"))
        .expect("src/ is readable")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().trim_end_matches(".rs").to_owned())
        .filter(|m| m != "lib")
        .collect();
    modules.sort();
    modules.dedup();
    assert_eq!(listed, modules, "ARCHITECTURE.md, Modules: one row per top-level module of src/");
}

#[test]
fn a_name_is_found_where_it_is_defined() {
    assert!(item_exists("copy_static"));
    assert!(item_exists("Job::FormFill"));
    assert!(item_exists("markdown::to_html"));
    assert!(!item_exists("Job::Calendar"));
    assert!(!item_exists("derive::docx::to_html"));
    assert!(defines("pub fn site_files<'a>(", "site_files"));
    assert!(!defines("pub fn site_files_named(", "site_files"));
}
