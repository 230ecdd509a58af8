//! Stage 1, load: read every source file of a site root into memory.
//!
//! Nothing here interprets content beyond decoding bytes to text; a missing or undecodable
//! file becomes a diagnostic so that validation can still report everything else.

pub mod invisible;
pub mod sheet_rows;
pub mod text;
mod xlsx;

use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostics;
use crate::limits;
use crate::msg;
use sheet_rows::SheetRows;
use text::SourceEncoding;

/// A decoded text file and the path to show the user.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub path: String,
    pub text: String,
}

/// A file copied as it is into the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path inside the output, with `/` separators: `assets/site.css`.
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// Everything the site root holds, read but not yet understood.
#[derive(Debug, Default)]
pub struct Sources {
    pub config: Option<TextFile>,
    /// `data/occupations.csv`, or `data/occupations.xlsx` read as CSV text.
    pub occupations: Option<TextFile>,
    pub categories: Option<TextFile>,
    /// `data/aliases.csv`, optional.
    pub aliases: Option<TextFile>,
    pub notice: Option<TextFile>,
    /// `(name, file)` for `content/forms/<name>.md`, sorted by name.
    pub forms: Vec<(String, TextFile)>,
    /// `(name, file)` for `templates/<name>`, overriding the built-in templates.
    pub templates: Vec<(String, TextFile)>,
    /// Files under `static/`, overriding the built-in assets.
    pub statics: Vec<StaticFile>,
    /// Recorded releases, oldest first.
    pub releases: Vec<ReleaseFiles>,
    /// `content/updates/*.md`, dated update notes.
    pub updates: Vec<(String, TextFile)>,
}

/// One release under `data/releases/`: `<date>.csv` and its `<date>.toml`.
#[derive(Debug, Clone)]
pub struct ReleaseFiles {
    /// The file stem, expected to be a `YYYY-MM-DD` date.
    pub name: String,
    pub table: TextFile,
    pub meta: Option<TextFile>,
}

// Where a site root keeps its sources: every path that load, serve, build and init name.
pub const CONFIG: &str = "config.toml";
pub const DATA_DIR: &str = "data";
pub const CONTENT_DIR: &str = "content";
pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";
/// The folders that hold the sources besides `config.toml`: `serve` watches them, and `build`
/// refuses to write its output into them. Every path below lies in one of them.
pub const SOURCE_DIRS: [&str; 4] = [DATA_DIR, CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR];
pub const OCCUPATIONS: &str = "data/occupations.csv";
pub const OCCUPATIONS_XLSX: &str = "data/occupations.xlsx";
pub const CATEGORIES: &str = "data/categories.csv";
/// Optional: everyday names of occupations for search and the filter, `别名,职业编码`.
pub const ALIASES: &str = "data/aliases.csv";
pub const RELEASES_DIR: &str = "data/releases";
pub const NOTICE: &str = "content/_index.md";
pub const FORMS_DIR: &str = "content/forms";
pub const UPDATES_DIR: &str = "content/updates";

/// Reads the site at `root`. Problems are pushed to `diags`; what could be read is returned.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Sources {
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let loader = Loader { root, real_root };
    Sources {
        config: loader.required(CONFIG, diags),
        occupations: loader.table(diags),
        categories: loader.required(CATEGORIES, diags),
        aliases: loader.optional(ALIASES, diags),
        notice: loader.required(NOTICE, diags),
        forms: loader
            .tree(FORMS_DIR, diags)
            .into_iter()
            .filter_map(|(rel, path)| loader.markdown_form(&rel, &path, diags))
            .collect(),
        templates: loader
            .tree(TEMPLATES_DIR, diags)
            .into_iter()
            .filter_map(|(rel, path)| Some((rel, loader.text(&path, diags)?)))
            .collect(),
        statics: loader.statics(diags),
        releases: loader.releases(diags),
        updates: loader
            .tree(UPDATES_DIR, diags)
            .into_iter()
            .filter(|(rel, _)| rel.ends_with(".md"))
            .filter_map(|(rel, path)| Some((rel.trim_end_matches(".md").to_owned(), loader.text(&path, diags)?)))
            .collect(),
    }
}

/// The file with its invisible and control characters removed, each removal a warning naming
/// its line, or in a CSV file (`csv`: its delimiter) its row and column.
fn clean(path: String, text: String, csv: Option<u8>, diags: &mut Diagnostics) -> TextFile {
    let removed = invisible::find(&text);
    if removed.count == 0 {
        return TextFile { path, text };
    }
    let clean = invisible::remove(&text);
    let rows = csv.map(|delimiter| (SheetRows::new(&text, delimiter), header(&clean, delimiter)));
    for &(offset, c) in &removed.found {
        let (line, field) = match &rows {
            Some((rows, names)) => {
                let (row, column) = rows.cell(&text, offset);
                let name = names.get(column).filter(|n| !n.is_empty()).cloned();
                (row, Some(name.unwrap_or_else(|| msg!("limits.column_number", column = column + 1))))
            }
            None => (text[..offset].matches('\n').count() + 1, None),
        };
        let message = if invisible::is_invisible_control(c) {
            msg!("load.invisible_removed", character = invisible::describe(c))
        } else {
            msg!("limits.control_removed", character = invisible::describe(c))
        };
        diags.warning(&path, Some(line), field.as_deref(), message);
    }
    let more = removed.count - removed.found.len();
    if more > 0 {
        diags.warning(&path, None, None, msg!("limits.more_removed", count = more));
    }
    TextFile { path, text: clean }
}

/// The trimmed cells of a CSV text's first row.
fn header(text: &str, delimiter: u8) -> Vec<String> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    match reader.records().next() {
        Some(Ok(record)) => record.iter().map(|c| c.trim().to_owned()).collect(),
        _ => Vec::new(),
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}", msg!("limits.not_a_file"))]
    NotAFile,
    #[error("{}", msg!("limits.file_too_large", limit = limits::megabytes(*.0)))]
    TooLarge(u64),
    #[error("{}", msg!("load.unreadable", error = .0))]
    Io(#[from] std::io::Error),
}

/// The bytes of the regular file at `path`, refused when larger than `limit`. Its type and
/// size are asked before it is opened: opening a named pipe waits for a writer, and reading a
/// huge file asks for its size in memory at once.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may have grown since: the read is bounded all the same.
    std::fs::File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

struct Loader<'a> {
    root: &'a Path,
    /// The root with links resolved: every file read must resolve to a path inside it.
    real_root: PathBuf,
}

impl Loader<'_> {
    /// The path as the user should see it: relative to the current directory when the
    /// root is `.`, otherwise joined to the root they gave.
    fn display(&self, path: &Path) -> String {
        let shown = path.strip_prefix(".").unwrap_or(path);
        shown.display().to_string()
    }

    /// The table from the CSV or the XLSX file; exactly one of them must exist.
    fn table(&self, diags: &mut Diagnostics) -> Option<TextFile> {
        let xlsx = self.root.join(OCCUPATIONS_XLSX);
        if std::fs::metadata(&xlsx).is_err() {
            return self.required(OCCUPATIONS, diags);
        }
        let shown = self.display(&xlsx);
        if std::fs::metadata(self.root.join(OCCUPATIONS)).is_ok() {
            let message = msg!("load.table_twice", csv = OCCUPATIONS, xlsx = OCCUPATIONS_XLSX);
            diags.error(&shown, None, None, message);
            return None;
        }
        let bytes = self.read(&xlsx, limits::FILE_BYTES, diags)?;
        match xlsx::to_csv(&bytes) {
            Ok(sheet) => {
                for note in sheet.notes {
                    diags.warning(&shown, None, None, note);
                }
                Some(clean(shown, sheet.csv, Some(b','), diags))
            }
            Err(message) => {
                diags.error(&shown, None, None, message);
                None
            }
        }
    }

    fn releases(&self, diags: &mut Diagnostics) -> Vec<ReleaseFiles> {
        let files = self.tree(RELEASES_DIR, diags);
        let mut out = Vec::new();
        for (rel, path) in &files {
            let Some(name) = rel.strip_suffix(".csv") else { continue };
            let Some(table) = self.text(path, diags) else { continue };
            let meta_rel = format!("{name}.toml");
            let meta = files.iter().find(|(r, _)| *r == meta_rel).and_then(|(_, p)| self.text(p, diags));
            out.push(ReleaseFiles { name: name.to_owned(), table, meta });
        }
        out
    }

    fn optional(&self, rel: &str, diags: &mut Diagnostics) -> Option<TextFile> {
        let path = self.root.join(rel);
        if std::fs::metadata(&path).is_ok() { self.text(&path, diags) } else { None }
    }

    fn required(&self, rel: &str, diags: &mut Diagnostics) -> Option<TextFile> {
        let path = self.root.join(rel);
        if std::fs::metadata(&path).is_err() {
            diags.error(&self.display(&path), None, None, msg!("load.missing"));
            return None;
        }
        self.text(&path, diags)
    }

    /// Reads a file of the site, refusing one that a symbolic link takes outside the root:
    /// the build publishes what it reads, and must not publish the rest of the disk.
    fn read(&self, path: &Path, limit: u64, diags: &mut Diagnostics) -> Option<Vec<u8>> {
        let shown = self.display(path);
        match path.canonicalize() {
            Ok(real) if !real.starts_with(&self.real_root) => {
                let message = msg!("load.link_outside", target = real.display());
                diags.error(&shown, None, None, message);
                None
            }
            _ => read_file(path, limit).map_err(|e| diags.error(&shown, None, None, e.to_string())).ok(),
        }
    }

    fn text(&self, path: &Path, diags: &mut Diagnostics) -> Option<TextFile> {
        let shown = self.display(path);
        let bytes = self.read(path, limits::TEXT_BYTES, diags)?;
        match text::decode(&bytes) {
            Ok((text, encoding)) => {
                if matches!(encoding, SourceEncoding::Gb18030 | SourceEncoding::Utf16) {
                    diags.warning(&shown, None, None, msg!("load.read_as_encoding", encoding = encoding.describe()));
                }
                // A CSV file's characters are placed by row and column, as Excel shows them.
                let csv = path.extension().is_some_and(|e| e == "csv").then(|| sheet_rows::delimiter(&text));
                Some(clean(shown, text, csv, diags))
            }
            Err(text::UndecodableLines(lines)) => {
                for line in lines {
                    diags.error(&shown, Some(line), None, msg!("load.undecodable"));
                }
                None
            }
        }
    }

    /// `(relative name with / separators, path)` of every file under `dir`, sorted.
    fn tree(&self, dir: &str, diags: &mut Diagnostics) -> Vec<(String, PathBuf)> {
        let base = self.root.join(dir);
        if !base.is_dir() {
            return Vec::new();
        }
        let mut files = Vec::new();
        // Links are followed so that each file's target is checked by `read`.
        for entry in WalkDir::new(&base).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(&base).unwrap_or(e.path());
                    let rel: Vec<String> =
                        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                    files.push((rel.join("/"), e.path().to_path_buf()));
                }
                Ok(e) if !e.file_type().is_dir() => {
                    diags.warning(&self.display(e.path()), None, None, msg!("limits.not_a_file_skipped"))
                }
                Ok(_) => {}
                Err(e) => diags.error(&self.display(&base), None, None, format!("cannot be listed: {e}")),
            }
        }
        files
    }

    fn markdown_form(&self, rel: &str, path: &Path, diags: &mut Diagnostics) -> Option<(String, TextFile)> {
        let name = rel.strip_suffix(".md")?;
        let valid = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !valid {
            diags.error(
                &self.display(path),
                None,
                None,
                "a form's file name becomes its URL and download name: use a-z, 0-9, - and _ (e.g. application.md)",
            );
            return None;
        }
        Some((name.to_owned(), self.text(path, diags)?))
    }

    fn statics(&self, diags: &mut Diagnostics) -> Vec<StaticFile> {
        let mut out = Vec::new();
        for (rel, path) in self.tree(STATIC_DIR, diags) {
            if let Some(bytes) = self.read(&path, limits::FILE_BYTES, diags) {
                out.push(StaticFile { rel, bytes });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_path_lies_in_a_source_folder() {
        for path in [OCCUPATIONS, OCCUPATIONS_XLSX, CATEGORIES, ALIASES, RELEASES_DIR, NOTICE, FORMS_DIR, UPDATES_DIR] {
            let folder = path.split('/').next().expect("a first segment");
            assert!(SOURCE_DIRS.contains(&folder) && path.len() > folder.len(), "{path}");
        }
    }
}
