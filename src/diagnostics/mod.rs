//! Problems found in the sources, each pinned to a file, a line and a field.
//!
//! Every stage pushes into one [`Diagnostics`] and carries on, so a single run reports all
//! problems it can find, not only the first.

use std::collections::BTreeMap;
use std::fmt;

use crate::limits;
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

/// All problems found so far. Of a file that has thousands (a table that is not a table),
/// the first [`limits::MESSAGES_KEPT`] of each severity are kept and the rest only counted.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Per file: how many of each severity were pushed, (errors, warnings).
    counts: BTreeMap<String, (usize, usize)>,
}

impl Diagnostics {
    pub fn error(&mut self, file: &str, line: Option<usize>, field: Option<&str>, message: impl Into<String>) {
        self.push(Severity::Error, file, line, field, message.into());
    }

    pub fn warning(&mut self, file: &str, line: Option<usize>, field: Option<&str>, message: impl Into<String>) {
        self.push(Severity::Warning, file, line, field, message.into());
    }

    /// Adds every diagnostic of `other`, and those it only counted.
    pub fn extend(&mut self, other: Diagnostics) {
        let mut unkept = other.counts;
        for d in &other.items {
            if let Some((errors, warnings)) = unkept.get_mut(&d.file) {
                let count = if d.severity == Severity::Error { errors } else { warnings };
                *count = count.saturating_sub(1);
            }
        }
        for d in other.items {
            self.push(d.severity, &d.file, d.line, d.field.as_deref(), d.message);
        }
        for (file, (errors, warnings)) in unkept {
            let count = self.counts.entry(file).or_default();
            (count.0, count.1) = (count.0 + errors, count.1 + warnings);
        }
    }

    fn push(&mut self, severity: Severity, file: &str, line: Option<usize>, field: Option<&str>, message: String) {
        let count = self.counts.entry(file.to_owned()).or_default();
        let of_severity = match severity {
            Severity::Error => &mut count.0,
            Severity::Warning => &mut count.1,
        };
        *of_severity += 1;
        if *of_severity > limits::MESSAGES_KEPT {
            return;
        }
        // A parser's own text may echo a whole line of the input.
        let message = limits::cut(&message, limits::MESSAGE_CHARS);
        self.items.push(Diagnostic { severity, file: file.to_owned(), line, field: field.map(str::to_owned), message });
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn error_count(&self) -> usize {
        self.counts.values().map(|(errors, _)| errors).sum()
    }

    /// Errors first, then by file and line, so output is stable and reads top to bottom.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| (a.severity, &a.file, a.line).cmp(&(b.severity, &b.file, b.line)));
        items
    }

    /// What a reader is shown: [`sorted`](Self::sorted), at most [`limits::MESSAGES_PER_FILE`]
    /// of each file, then for each file with more a line saying how many more there are.
    pub fn shown(&self) -> Vec<Diagnostic> {
        let mut shown_of: BTreeMap<&str, usize> = BTreeMap::new();
        let mut out = Vec::new();
        for d in self.sorted() {
            let shown = shown_of.entry(&d.file).or_default();
            if *shown < limits::MESSAGES_PER_FILE {
                *shown += 1;
                out.push(d.clone());
            }
        }
        for (file, (errors, warnings)) in &self.counts {
            let hidden = errors + warnings - shown_of.get(file.as_str()).copied().unwrap_or(0);
            if hidden > 0 {
                let severity = if *errors > 0 { Severity::Error } else { Severity::Warning };
                let message = msg!("limits.more_problems", count = hidden);
                out.push(Diagnostic { severity, file: file.clone(), line: None, field: None, message });
            }
        }
        out
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// A build stopped by errors in the sources; carries every diagnostic found.
#[derive(Debug, thiserror::Error)]
#[error("{}", msg!("diagnostic.errors_in_sources", count = .0.error_count()))]
pub struct InvalidSources(pub Diagnostics);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_of_messages_shows_a_few_dozen_of_each_file_and_counts_the_rest() {
        let mut diags = Diagnostics::default();
        let rows = limits::MESSAGES_KEPT * 3;
        for row in 1..=rows {
            diags.error("data/occupations.csv", Some(row), None, "x".repeat(limits::MESSAGE_CHARS * 2));
        }
        diags.warning("data/occupations.csv", Some(1), None, "w");
        diags.warning("content/_index.md", Some(3), None, "w");
        assert_eq!(diags.error_count(), rows, "every error counts");
        assert_eq!(diags.iter().count(), limits::MESSAGES_KEPT + 2, "a thousand are kept");
        let shown = diags.shown();
        let table: Vec<&Diagnostic> = shown.iter().filter(|d| d.file == "data/occupations.csv").collect();
        assert_eq!(table.len(), limits::MESSAGES_PER_FILE + 1);
        assert!(table[..limits::MESSAGES_PER_FILE].iter().all(|d| d.line.is_some()));
        assert_eq!(table[0].message.chars().count(), limits::MESSAGE_CHARS + 1, "cut, with …");
        let last = table[limits::MESSAGES_PER_FILE];
        assert_eq!((last.severity, last.line), (Severity::Error, None));
        assert!(last.message.contains(&(rows + 1 - limits::MESSAGES_PER_FILE).to_string()), "{}", last.message);
        assert_eq!(shown.iter().filter(|d| d.file == "content/_index.md").count(), 1);
        let mut merged = Diagnostics::default();
        merged.extend(diags);
        assert_eq!(merged.error_count(), rows);
        assert_eq!(merged.shown().len(), shown.len());
    }
}
