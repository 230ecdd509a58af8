//! `linxuan import NOTICE.docx`: a site's sources from the bureau's own Word notice.
//!
//! `docx` reads the Word file into a small model; `table` finds the summary table by its
//! header row and writes `data/occupations.csv`; `notice` writes `content/_index.md` from the
//! text before the attachments; `forms` writes each attachment that is a form. Everything is
//! validated by the real validate stage before a byte is written; into an existing site,
//! import shows what would change and writes only when forced; `write` writes all the files
//! or none.

mod blocks;
pub mod docx;
mod forms;
mod inline;
mod notice;
mod table;
mod text;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Severity};
use crate::embedded::example_site;
use crate::history::diff;
use crate::load::{self, CATEGORIES, CONFIG, FORMS_DIR, NOTICE, OCCUPATIONS, Sources, TextFile};
use crate::model::columns::HEADERS;
use docx::Block;

pub struct ImportOptions {
    pub docx: PathBuf,
    /// The site to import into: new (missing or empty) or existing (holding `config.toml`).
    pub root: PathBuf,
    /// Write into an existing site even when files change.
    pub force: bool,
    /// Form names asked for, by attachment number; otherwise from the form's title.
    pub names: BTreeMap<u32, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Another format than `.docx`, with why it cannot be read (in the current language).
    #[error("{}", crate::msg!("import.not_docx", path = .0.display(), reason = .1))]
    NotDocx(PathBuf, String),
    /// The reason is part of the message rather than its source, so it is printed once.
    #[error("{}", io_message(path, error))]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{}", crate::msg!("import.docx.error", path = .0.display(), error = .1))]
    Docx(PathBuf, docx::DocxError),
    /// Not a regular file, or too large to be a notice.
    #[error("{}", crate::msg!("import.docx.error", path = .0.display(), error = .1))]
    File(PathBuf, load::ReadError),
    #[error(
        "{}",
        crate::msg!("import.no_table", path = .0.display(), count = .1, headers = HEADERS.join(" / "))
    )]
    NoTable(PathBuf, usize),
    #[error("{}", crate::msg!("import.no_notice", path = .0.display()))]
    NoNotice(PathBuf),
    #[error("{}", crate::msg!("import.not_a_site", path = .0.display()))]
    NotASite(PathBuf),
    #[error("{}", crate::msg!("import.xlsx_table", path = .0.display()))]
    XlsxTable(PathBuf),
    /// The validator's errors as shown (each starting with the word for an error, a few dozen
    /// of a file at most), a hint, and how many errors there are in all.
    #[error("{}", crate::msg!("import.invalid", errors = .0.join("\n")))]
    Invalid(Vec<String>, usize),
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// A file that cannot be read; one that is not there is said so first.
fn io_message(path: &Path, error: &std::io::Error) -> String {
    let key = if error.kind() == std::io::ErrorKind::NotFound { "import.not_found" } else { "import.unreadable" };
    crate::msg!(key, path = path.display(), error = error)
}

/// What import found, would change and did.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub new_site: bool,
    /// Files written (or that would be written), relative to the root.
    pub files: Vec<String>,
    /// Into an existing site: what the files change (table rows as releases describe them).
    pub changes: Vec<String>,
    /// `config.toml` values recognised in the notice: (`notice.authority`, value).
    pub suggestions: Vec<(String, String)>,
    /// Word constructs handled in a way worth knowing, and the validator's warnings.
    pub notes: Vec<String>,
    /// False when an existing site would change and `--force` was not given.
    pub written: bool,
}

/// The files a Word notice gives, before validation.
struct Imported {
    table: Option<table::Summary>,
    notice: Option<notice::Notice>,
    forms: Vec<forms::Form>,
    notes: Vec<String>,
    tables: usize,
}

pub fn import(options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let imported = read_notice(&options.docx, &options.names)?;
    let root = &options.root;
    let new_site = is_new_site(root)?;
    let mut report = first_report(&imported, &options.docx, root, new_site)?;
    let files = planned_files(&imported, new_site, &report.suggestions);
    validate_files(root, new_site, &files, imported.table.as_ref(), &mut report)?;
    let changed = changed_files(root, &files);
    if !new_site {
        report
            .changes
            .extend(changed.iter().map(|(rel, how)| crate::msg!("import.change.line", file = rel, how = how)));
    }
    report.files = changed.iter().map(|(rel, _)| (*rel).clone()).collect();
    if !new_site && !changed.is_empty() && !options.force {
        return Ok(report);
    }
    let changed: Vec<(&str, &str)> = changed.iter().map(|(rel, _)| (rel.as_str(), files[*rel].as_str())).collect();
    write::all_or_none(root, &changed)?;
    report.written = true;
    Ok(report)
}

/// Reads the Word file at `path` into the files it gives.
fn read_notice(path: &Path, names: &BTreeMap<u32, String>) -> Result<Imported, ImportError> {
    let bytes = load::read_file(path, crate::limits::FILE_BYTES).map_err(|e| match e {
        load::ReadError::Io(error) => ImportError::Io { path: path.to_path_buf(), error },
        e => ImportError::File(path.to_path_buf(), e),
    })?;
    refuse_other_formats(path, &bytes)?;
    let word = docx::read(&bytes).map_err(|e| ImportError::Docx(path.to_path_buf(), e))?;
    Ok(read_word(&word.blocks, names))
}

/// Whether `root` is a new site: it has no `config.toml`, and then it must be empty.
fn is_new_site(root: &Path) -> Result<bool, ImportError> {
    let new_site = !root.join(CONFIG).is_file();
    if new_site && std::fs::read_dir(root).is_ok_and(|mut d| d.next().is_some()) {
        return Err(ImportError::NotASite(root.to_path_buf()));
    }
    Ok(new_site)
}

/// The report before validation: the reading's notes and the notice's suggested values. What
/// the Word file lacks refuses the import when the site cannot do without it (a new site needs
/// the table and the notice); a table into a site that keeps its table as Excel is refused too.
fn first_report(imported: &Imported, path: &Path, root: &Path, new_site: bool) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport { new_site, notes: imported.notes.clone(), ..ImportReport::default() };
    let no_table = || ImportError::NoTable(path.to_path_buf(), imported.tables);
    if imported.table.is_none() {
        if new_site || imported.forms.is_empty() && imported.notice.is_none() {
            return Err(no_table());
        }
        report.notes.push(crate::msg!("import.no_table_kept", error = no_table()));
    }
    if !new_site && imported.table.is_some() && root.join(load::OCCUPATIONS_XLSX).is_file() {
        return Err(ImportError::XlsxTable(root.join(load::OCCUPATIONS_XLSX)));
    }
    if new_site && imported.notice.is_none() {
        return Err(ImportError::NoNotice(path.to_path_buf()));
    }
    if let Some(n) = &imported.notice {
        report.suggestions = n.suggestions.clone();
        report.notes.extend(n.notes.iter().cloned());
    }
    Ok(report)
}

/// Validates the site with `files` in place. Its errors refuse the import; otherwise the
/// report gains the warnings, what a new site's config still takes from the example (or, in
/// an existing site, loses the suggestions its config already holds) and the table's changes.
fn validate_files(
    root: &Path,
    new_site: bool,
    files: &BTreeMap<String, String>,
    table: Option<&table::Summary>,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let (sources, old_table) = sources_with(root, new_site, files);
    let mut diags = Diagnostics::default();
    let site = crate::validate::validate(&sources, None, &mut diags);
    let messages = explain(&diags, table);
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        return Err(refusal(messages, diags.error_count(), new_site, root));
    };
    report.notes.extend(messages.into_iter().map(|(_, m)| m));
    if new_site {
        report.notes.push(example_values_left(&report.suggestions));
    } else {
        report.suggestions.retain(|(key, value)| !config_says(&site.config.notice, key, value));
    }
    if let Some(old) = old_table {
        let mut scratch = Diagnostics::default();
        let old = crate::validate::table::occupations(&old, None, &mut scratch);
        report.changes.extend(diff(&old, &site.occupations).iter().map(|c| c.describe()));
    }
    Ok(())
}

/// The validator's errors as the reason nothing is written, with a hint when a new site's
/// category names are what fails.
fn refusal(messages: Vec<(Severity, String)>, count: usize, new_site: bool, root: &Path) -> ImportError {
    let mut errors: Vec<String> = messages.into_iter().filter(|(s, _)| *s == Severity::Error).map(|(_, m)| m).collect();
    if new_site && errors.iter().any(|m| m.contains(CATEGORIES)) {
        errors.push(crate::msg!("import.categories_hint", categories = CATEGORIES, dir = root.display()));
    }
    ImportError::Invalid(errors, count)
}

/// The files whose text differs from what `root` holds, each with how: new, changed, and for a
/// form the fields that came and went.
fn changed_files<'f>(root: &Path, files: &'f BTreeMap<String, String>) -> Vec<(&'f String, String)> {
    let mut changed = Vec::new();
    for (rel, text) in files {
        // Read as the loader reads: a named pipe in its place is not waited on.
        let old = load::read_file(&root.join(rel), crate::limits::TEXT_BYTES).map(String::from_utf8);
        match old {
            Ok(Ok(old)) if old == *text => {}
            Ok(Ok(old)) if rel.starts_with(FORMS_DIR) => changed.push((rel, field_changes(&old, text))),
            Ok(_) => changed.push((rel, crate::msg!("import.change.changed"))),
            Err(_) => changed.push((rel, crate::msg!("import.change.new"))),
        }
    }
    changed
}

/// How a form's text changed, with the places to write in that came and went:
/// `changed (1 field(s) added: 手机; 1 field(s) removed: 电话)`.
fn field_changes(old: &str, new: &str) -> String {
    let labels = |text: &str| -> Vec<String> {
        // A form nested too deep to read has no fields to compare; validation names it.
        let document = crate::markdown::parse(text).unwrap_or_default();
        document.fields().iter().map(|f| f.label.clone()).collect()
    };
    let (old, new) = (labels(old), labels(new));
    let added: Vec<&str> = new.iter().filter(|l| !old.contains(l)).map(String::as_str).collect();
    let removed: Vec<&str> = old.iter().filter(|l| !new.contains(l)).map(String::as_str).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(crate::msg!("import.change.fields_added", count = added.len(), labels = listing(&added)));
    }
    if !removed.is_empty() {
        parts.push(crate::msg!("import.change.fields_removed", count = removed.len(), labels = listing(&removed)));
    }
    if parts.is_empty() {
        crate::msg!("import.change.text_only")
    } else {
        crate::msg!("import.change.fields", fields = parts.join(&crate::msg!("import.separator.clause")))
    }
}

/// Labels for a reader: each once, with how many times it occurs (a table's cells share
/// labels such as `1`), the first few only.
fn listing(labels: &[&str]) -> String {
    const SHOWN: usize = 8;
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for label in labels {
        match counted.iter_mut().find(|(l, _)| l == label) {
            Some((_, n)) => *n += 1,
            None => counted.push((label, 1)),
        }
    }
    let mut shown: Vec<String> =
        counted.iter().take(SHOWN).map(|(l, n)| if *n > 1 { format!("{l} ×{n}") } else { (*l).to_owned() }).collect();
    if counted.len() > SHOWN {
        shown.push(crate::msg!("import.change.more", count = counted.len() - SHOWN));
    }
    shown.join("、")
}

/// Whether the site's config already holds `value` for `key`: then there is nothing to suggest.
fn config_says(notice: &crate::config::NoticeConfig, key: &str, value: &str) -> bool {
    match key {
        "notice.authority" => notice.authority == value,
        "notice.document_number" => notice.document_number.as_deref() == Some(value),
        "notice.publish_date" => notice.publish_date == value,
        "notice.addressee" => notice.addressee.as_deref() == Some(value),
        "notice.signature" => notice.signature.as_deref() == Some(value),
        "notice.signed_date" => notice.signed_date.as_deref() == Some(value),
        _ => false,
    }
}

/// What a new site's `config.toml` still takes from the example, to be set before publishing.
fn example_values_left(suggestions: &[(String, String)]) -> String {
    let mut left = vec!["base_url".to_owned()];
    let read = [
        "notice.authority",
        "notice.document_number",
        "notice.publish_date",
        "notice.addressee",
        "notice.signature",
        "notice.signed_date",
    ];
    for key in read {
        if !suggestions.iter().any(|(k, _)| k == key) {
            left.push(key.to_owned());
        }
    }
    // Not read from the text: the notice words them too freely.
    left.extend(
        ["notice.deadline", "notice.submission", "[[notice.contacts]]", "notice.audience", "[footer]"]
            .map(String::from),
    );
    crate::msg!("import.example_values_left", keys = left.join(&crate::msg!("import.separator.list")))
}

/// Word's older and other formats look like a Word file but are not one.
fn refuse_other_formats(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let refuse = |key: &str| Err(ImportError::NotDocx(path.to_path_buf(), crate::msg!(key)));
    match extension.as_str() {
        "doc" => return refuse("import.format.doc"),
        "wps" => return refuse("import.format.wps"),
        "pdf" => return refuse("import.format.pdf"),
        _ => {}
    }
    if bytes.starts_with(b"%PDF") {
        return refuse("import.format.pdf_inside");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return refuse("import.format.old_word");
    }
    Ok(())
}

/// The `附件N` line that starts an attachment: `附件2`, `附件 2：`.
fn attachment_number(block: &Block) -> Option<u32> {
    let Block::Paragraph(p) = block else { return None };
    let text: String = p.text().chars().filter(|c| !c.is_whitespace()).collect();
    let number = text.strip_prefix("附件")?.trim_end_matches(['：', ':']);
    number.parse().ok().or_else(|| text::chinese_number(number))
}

fn read_word(blocks: &[Block], names: &BTreeMap<u32, String>) -> Imported {
    let tables = blocks.iter().filter(|b| matches!(b, Block::Table(_))).count();
    let table = table::find(blocks);
    let mut notes: Vec<String> = table.as_ref().map(|t| t.notes.clone()).unwrap_or_default();
    let starts: Vec<(usize, u32)> =
        blocks.iter().enumerate().filter_map(|(i, b)| attachment_number(b).map(|n| (i, n))).collect();
    let notice_end = starts.first().map_or(blocks.len(), |s| s.0);
    let in_table = |i: usize| table.as_ref().is_some_and(|t| t.blocks.contains(&i));
    let notice_blocks: Vec<Block> =
        blocks[..notice_end].iter().enumerate().filter(|(i, _)| !in_table(*i)).map(|(_, b)| b.clone()).collect();
    let notice = notice::notice(&notice_blocks);
    let mut forms: Vec<forms::Form> = Vec::new();
    for (k, &(start, number)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(blocks.len(), |s| s.0);
        if (start..end).any(in_table) {
            continue;
        }
        if number == 1 {
            notes.push(crate::msg!("import.summary_not_recognised"));
            continue;
        }
        let section = &blocks[start + 1..end];
        if !forms::is_form(section) {
            notes.push(crate::msg!("import.not_a_form", number = number));
            continue;
        }
        if let Some(mut form) = forms::form(number, section, names, &mut notes) {
            let base = form.name.clone();
            let mut n = 2;
            while forms.iter().any(|f| f.name == form.name) {
                form.name = format!("{base}-{n}");
                n += 1;
            }
            forms.push(form);
        }
    }
    Imported { table, notice, forms, notes, tables }
}

/// Path (relative to the root) → text of every file the import writes.
fn planned_files(imported: &Imported, new_site: bool, suggestions: &[(String, String)]) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    if let Some(t) = &imported.table {
        files.insert(OCCUPATIONS.to_owned(), t.csv.clone());
    }
    if let Some(n) = &imported.notice {
        files.insert(NOTICE.to_owned(), n.markdown.clone());
    }
    for form in &imported.forms {
        files.insert(format!("{FORMS_DIR}/{}.md", form.name), form.markdown.clone());
    }
    if new_site {
        for (rel, text) in example_site() {
            if rel == CONFIG {
                files.insert(rel, with_suggestions(text, suggestions));
            } else if rel == CATEGORIES {
                files.insert(rel, text.to_owned());
            }
        }
    }
    files
}

/// The example `config.toml` with the values the notice gave in place of the examples.
fn with_suggestions(config: &str, suggestions: &[(String, String)]) -> String {
    let mut lines: Vec<String> = config.lines().map(str::to_owned).collect();
    for (key, value) in suggestions {
        let key = key.rsplit('.').next().unwrap_or(key);
        if let Some(line) = lines.iter_mut().find(|l| l.split('=').next().is_some_and(|k| k.trim() == key)) {
            *line = format!("{key} = {}", toml::Value::String(value.clone()));
        }
    }
    lines.join("\n") + "\n"
}

/// The sources validation reads: the site's own (or the example's config and category names
/// for a new site) with the imported files in place. Also the site's current table, if any.
fn sources_with(root: &Path, new_site: bool, files: &BTreeMap<String, String>) -> (Sources, Option<TextFile>) {
    let mut scratch = Diagnostics::default();
    let mut sources = if new_site { Sources::default() } else { load::load(root, &mut scratch) };
    let old_table = sources.occupations.clone();
    let file = |rel: &str, text: &str| TextFile { path: rel.to_owned(), text: text.to_owned() };
    for (rel, text) in files {
        match rel.as_str() {
            CONFIG => sources.config = Some(file(rel, text)),
            CATEGORIES => sources.categories = Some(file(rel, text)),
            OCCUPATIONS => sources.occupations = Some(file(rel, text)),
            NOTICE => sources.notice = Some(file(rel, text)),
            _ => {
                if let Some(name) = rel.strip_prefix(&format!("{FORMS_DIR}/")).and_then(|n| n.strip_suffix(".md")) {
                    sources.forms.retain(|(n, _)| n != name);
                    sources.forms.push((name.to_owned(), file(rel, text)));
                }
            }
        }
    }
    sources.forms.sort_by(|a, b| a.0.cmp(&b.0));
    (sources, old_table)
}

/// The diagnostics as messages with their severity, those of the table placed in the Word
/// file (`table 1, row 12`) in place of the CSV line, which follows on a line of its own.
fn explain(diags: &Diagnostics, table: Option<&table::Summary>) -> Vec<(Severity, String)> {
    let mut out = Vec::new();
    for d in diags.shown() {
        let origin = table.zip(d.line).filter(|_| d.file == OCCUPATIONS).and_then(|(t, line)| {
            let (table_no, row) = *t.origins.get(line.checked_sub(2)?)?;
            Some((table_no, row, t.csv.lines().nth(line - 1)?.to_owned()))
        });
        let text = match origin {
            Some((table_no, row, csv)) => {
                let file = crate::msg!("import.table_row", table = table_no, row = row);
                let placed = crate::diagnostics::Diagnostic { file, line: None, ..d.clone() };
                format!("{placed}\n    {csv}")
            }
            None => d.to_string(),
        };
        out.push((d.severity, text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_form_says_which_fields_came_and_went() {
        let old = "单位名称：____\n\n电话：____\n";
        assert_eq!(
            field_changes(old, "单位名称：____\n\n手机：____\n"),
            "有改动（新增 1 个填写项：手机；删去 1 个填写项：电话）"
        );
        let labels: Vec<String> = ["1", "1", "2"].into_iter().chain((0..10).map(|_| "x")).map(String::from).collect();
        let many: Vec<&str> = labels.iter().map(String::as_str).chain((0..9).map(|_| "y")).collect();
        assert_eq!(listing(&many), "1 ×2、2、x ×10、y ×9");
        let distinct: Vec<String> = (1..=10).map(|n| format!("第{n}行")).collect();
        let distinct: Vec<&str> = distinct.iter().map(String::as_str).collect();
        assert_eq!(listing(&distinct), "第1行、第2行、第3行、第4行、第5行、第6行、第7行、第8行、另有 2 项");
        assert_eq!(field_changes(old, "说明。\n\n单位名称：____\n\n电话：____\n"), "有改动（只改了文字，填写项不变）");
    }

    #[test]
    fn attachment_lines_in_digits_or_chinese_numerals() {
        let line = |t: &str| {
            Block::Paragraph(docx::Paragraph {
                pieces: vec![docx::Piece::Text { text: t.into(), bold: false, underline: false }],
                ..docx::Paragraph::default()
            })
        };
        assert_eq!(attachment_number(&line("附件 2：")), Some(2));
        assert_eq!(attachment_number(&line("附件三")), Some(3));
        assert_eq!(attachment_number(&line("附件：1. 汇总表")), None);
    }
}
