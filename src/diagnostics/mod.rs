//! Problems found in the sources, each pinned to a file, a line and a field.
//!
//! Every stage pushes into one [`Diagnostics`] and carries on, so a single run reports all
//! problems it can find, not only the first.

use std::fmt;

use crate::msg;

pub mod terminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user knows it, e.g. `data/occupations.csv`.
    pub file: String,
    /// 1-based line in `file`; `None` for problems of the whole file.
    pub line: Option<usize>,
    /// The column or key, e.g. `职业编码`.
    pub field: Option<String>,
    pub message: String,
}

/// One line: `错误：data/occupations.csv 第 7 行「等级范围」：…` (`error: data/occupations.csv:7:
/// 等级范围: …` in English), from the catalogue's `diagnostic.*` frame. `line` of a table is
/// the row as Excel shows it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => msg!("diagnostic.error"),
            Severity::Warning => msg!("diagnostic.warning"),
        };
        f.write_str(&msg!("diagnostic.severity", severity = severity, file = self.file))?;
        if let Some(line) = self.line {
            f.write_str(&msg!("diagnostic.line", line = line))?;
        }
        if let Some(field) = &self.field {
            f.write_str(&msg!("diagnostic.field", field = field))?;
        }
        f.write_str(&msg!("diagnostic.message", message = self.message))
    }
}

/// All problems found so far.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, file: &str, line: Option<usize>, field: Option<&str>, message: impl Into<String>) {
        self.push(Severity::Error, file, line, field, message.into());
    }

    pub fn warning(&mut self, file: &str, line: Option<usize>, field: Option<&str>, message: impl Into<String>) {
        self.push(Severity::Warning, file, line, field, message.into());
    }

    /// Adds every diagnostic of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    fn push(&mut self, severity: Severity, file: &str, line: Option<usize>, field: Option<&str>, message: String) {
        self.items.push(Diagnostic { severity, file: file.to_owned(), line, field: field.map(str::to_owned), message });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Errors first, then by file and line, so output is stable and reads top to bottom.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| (a.severity, &a.file, a.line).cmp(&(b.severity, &b.file, b.line)));
        items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// A build stopped by errors in the sources; carries every diagnostic found.
#[derive(Debug, thiserror::Error)]
#[error("{}", msg!("diagnostic.errors_in_sources", count = .0.error_count()))]
pub struct InvalidSources(pub Diagnostics);
