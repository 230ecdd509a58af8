//! `linxuan release`: record the current table (and the forms' fingerprints) as a dated,
//! immutable snapshot under `data/releases/`, from which the change history is derived.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::build::render_for_release;
use crate::derive::open_data::{CsvUse, table_csv};
use crate::diagnostics::{Diagnostics, InvalidSources};
use crate::history::diff;
pub use crate::history::pending;
use crate::load::RELEASES_DIR;
use crate::model::{Occupation, Site};
use crate::validate::releases::ReleaseMeta;

#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error(transparent)]
    Invalid(#[from] InvalidSources),
    #[error("{0}")]
    BadDate(String),
    #[error("{}", crate::msg!("release.exists", date = .0))]
    Exists(String),
    #[error("{}", crate::msg!("release.older", latest = .latest, date = .date))]
    Older { latest: String, date: String },
    #[error("{}", crate::msg!("release.empty_note"))]
    EmptyNote,
    #[error("{}", crate::msg!("write.io", path = .path.display(), error = .source))]
    Io { path: PathBuf, source: std::io::Error },
}

/// What `release` did.
#[derive(Debug)]
pub enum Outcome {
    Recorded {
        csv: PathBuf,
        changes: usize,
    },
    /// Neither the table nor any form changed since the release of that date.
    Unchanged {
        since: String,
    },
}

/// Records a release; also returns the warnings the validation found, for the caller to show.
pub fn release(root: &Path, date: &str, note: &str) -> Result<(Outcome, Diagnostics), ReleaseError> {
    let (site, warnings) = validated(root, date, note)?;
    record(root, date, note, site).map(|outcome| (outcome, warnings))
}

fn validated(root: &Path, date: &str, note: &str) -> Result<(Site, Diagnostics), ReleaseError> {
    crate::config::parse_date(date.trim()).map_err(ReleaseError::BadDate)?;
    if note.trim().is_empty() {
        return Err(ReleaseError::EmptyNote);
    }
    // A release records what is published: placeholders are refused, as by `build --strict`.
    let (site, _, warnings) = render_for_release(root)?;
    Ok((site, warnings))
}

fn record(root: &Path, date: &str, note: &str, site: Site) -> Result<Outcome, ReleaseError> {
    let date = crate::config::parse_date(date.trim()).map_err(ReleaseError::BadDate)?;
    let dir = root.join(RELEASES_DIR);
    let csv = dir.join(format!("{date}.csv"));
    if csv.exists() {
        return Err(ReleaseError::Exists(date.to_string()));
    }
    let forms = site.forms.iter().map(|f| (f.slug.clone(), f.fingerprint.clone())).collect();
    if let Some(latest) = site.releases.last() {
        if latest.date >= date {
            return Err(ReleaseError::Older { latest: latest.date.to_string(), date: date.to_string() });
        }
        if diff(&latest.occupations, &site.occupations).is_empty()
            && same_table(&latest.occupations, &site.occupations)
            && latest.forms == forms
            && latest.essentials.as_ref().is_none_or(|old| *old == site.essentials())
        {
            return Ok(Outcome::Unchanged { since: latest.date.to_string() });
        }
    }
    let changes = if site.releases.is_empty() { site.occupations.len() } else { pending(&site).len() };
    let meta = ReleaseMeta { note: note.trim().to_owned(), forms, essentials: Some(site.essentials()) };
    let meta_text = toml::to_string(&meta).expect("a string and a table of strings are valid TOML");
    std::fs::create_dir_all(&dir).map_err(|source| ReleaseError::Io { path: dir.clone(), source })?;
    // The CSV is written last and never overwritten: its presence is what makes a release.
    let meta_path = dir.join(format!("{date}.toml"));
    std::fs::write(&meta_path, meta_text).map_err(|source| ReleaseError::Io { path: meta_path, source })?;
    write_new(&csv, &table_csv(&site.occupations, CsvUse::Snapshot))?;
    Ok(Outcome::Recorded { csv, changes })
}

/// Order and 序号 count too: a renumbered table is a new state worth recording. Only what a
/// snapshot holds is compared (not the optional 拼音 column).
fn same_table(a: &[Occupation], b: &[Occupation]) -> bool {
    crate::history::same_rows(a, b)
}

/// Creates `path`, failing if it exists: a release is never overwritten, even by a race.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), ReleaseError> {
    let io = |source| ReleaseError::Io { path: path.to_path_buf(), source };
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
}
