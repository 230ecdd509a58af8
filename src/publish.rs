//! `linxuan publish` (发布): one step from the edited sources to a package to upload. It
//! refuses what `build --strict` refuses, records a release when the table or a form changed
//! since the last one (and only then, and only with a note saying what changed), builds the
//! site, and zips the output folder into `linxuan-发布-<date>.zip` beside it: the same input
//! gives the same bytes, so a package can be compared with the last one uploaded.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::build::{self, BuildError, BuildOptions, BuildReport, render_for_release};
use crate::diagnostics::{Diagnostics, InvalidSources};
use crate::msg;
use crate::release::{self, Outcome, ReleaseError};

#[derive(Debug, Clone)]
pub struct PublishOptions {
    pub root: PathBuf,
    /// Where the site is written; `<root>/public` when `None`. The package goes beside it.
    pub output: Option<PathBuf>,
    /// What this publication changes, for the release record; needed only when something did.
    pub note: Option<String>,
    /// The release date, `YYYY-MM-DD`; today in China when `None`.
    pub date: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Invalid(#[from] InvalidSources),
    #[error("{}", msg!("publish.note_needed", changes = .0.join("\n  ")))]
    NoteNeeded(Vec<String>),
    #[error(transparent)]
    Release(#[from] ReleaseError),
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error("{}", msg!("publish.package_failed", path = .path.display(), error = .error))]
    Package { path: PathBuf, error: String },
}

/// What `publish` did, for the summary staff read.
#[derive(Debug)]
pub struct PublishReport {
    /// The release recorded now (its date and what it changes), or `None` when nothing changed.
    pub recorded: Option<(String, Vec<String>)>,
    /// The date of the last release, when nothing changed since.
    pub unchanged_since: Option<String>,
    pub build: BuildReport,
    pub package: PathBuf,
    pub package_bytes: u64,
    /// Warnings of the validation, for the caller to show.
    pub warnings: Diagnostics,
}

/// A step of [`publish`], announced as it begins, for a caller that shows progress (the
/// preview's console).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Validating strictly and rendering into memory.
    Check,
    /// Deciding whether to record a release, and recording it.
    Record,
    /// Building into the output folder.
    Build,
    /// Zipping the output folder.
    Package,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::Check, Stage::Record, Stage::Build, Stage::Package];
}

pub fn publish(options: &PublishOptions) -> Result<PublishReport, PublishError> {
    publish_with_progress(options, |_| {})
}

/// [`publish`], telling `progress` each [`Stage`] as it begins.
pub fn publish_with_progress(
    options: &PublishOptions,
    mut progress: impl FnMut(Stage),
) -> Result<PublishReport, PublishError> {
    let root = &options.root;
    let date = options.date.clone().unwrap_or_else(today_in_china);
    progress(Stage::Check);
    // Strict, as a release is: nothing with placeholders goes public.
    let (site, _, warnings) = render_for_release(root)?;
    progress(Stage::Record);
    let changes = release::pending(&site);
    let note = options.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let (recorded, unchanged_since) = match (changes.is_empty(), note) {
        (true, _) => (None, site.releases.last().map(|r| r.date.to_string())),
        (false, None) => return Err(PublishError::NoteNeeded(changes)),
        (false, Some(note)) => match release::release(root, &date, note)?.0 {
            Outcome::Recorded { .. } => (Some((date.clone(), changes)), None),
            Outcome::Unchanged { since } => (None, Some(since)),
        },
    };
    progress(Stage::Build);
    let build = build::build(&BuildOptions {
        root: root.clone(),
        output: options.output.clone(),
        base_url: None,
        strict: true,
        preview: false,
    })?;
    progress(Stage::Package);
    let package = package_path(&build.output, &date);
    let package_bytes = package_folder(&build.output, &package)?;
    Ok(PublishReport { recorded, unchanged_since, build, package, package_bytes, warnings })
}

impl PublishReport {
    /// What staff read after publishing, a line each: what was recorded (and what the public
    /// sees), or since when nothing changed; the build's summary; where the package is.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        match (&self.recorded, &self.unchanged_since) {
            (Some((date, changes)), _) => {
                lines.push(msg!("cli.publish.recorded", date = date, count = changes.len()));
                lines.extend(changes.iter().map(|change| format!("  {change}")));
                lines.push(msg!("cli.publish.public_sees"));
            }
            (None, Some(since)) => lines.push(msg!("cli.publish.unchanged", since = since)),
            (None, None) => {}
        }
        lines.push(self.build.summary());
        lines.push(msg!(
            "cli.publish.package",
            path = self.package.display(),
            kb = self.package_bytes.div_ceil(1024),
            output = self.build.output.display()
        ));
        lines
    }
}

/// `linxuan-发布-2026-12-07.zip` in the output folder's parent.
pub fn package_path(output: &Path, date: &str) -> PathBuf {
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.join(format!("linxuan-发布-{date}.zip"))
}

/// Zips every file of `folder` into `package`, in path order, with a fixed time and mode, so
/// the same files give the same bytes; written under a temporary name, then renamed over the
/// package. Returns the package's size.
pub fn package_folder(folder: &Path, package: &Path) -> Result<u64, PublishError> {
    let failed = |error: String| PublishError::Package { path: package.to_path_buf(), error };
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.map_err(|e| failed(e.to_string()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(folder).map_err(|e| failed(e.to_string()))?;
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            files.push((name, entry.path().to_path_buf()));
        }
    }
    files.sort();
    let partial = package.with_extension("zip.partial");
    let file = std::fs::File::create(&partial).map_err(|e| failed(e.to_string()))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, path) in &files {
        let bytes = std::fs::read(path).map_err(|e| failed(format!("{}: {e}", path.display())))?;
        zip.start_file(name.as_str(), options).map_err(|e| failed(e.to_string()))?;
        zip.write_all(&bytes).map_err(|e| failed(e.to_string()))?;
    }
    let writer = zip.finish().map_err(|e| failed(e.to_string()))?;
    let file = writer.into_inner().map_err(|e| failed(e.to_string()))?;
    file.sync_all().map_err(|e| failed(e.to_string()))?;
    std::fs::rename(&partial, package).map_err(|e| failed(e.to_string()))?;
    std::fs::metadata(package).map(|m| m.len()).map_err(|e| failed(e.to_string()))
}

/// Today's date in China (UTC+8, no daylight saving), `YYYY-MM-DD`.
fn today_in_china() -> String {
    let offset = jiff::tz::Offset::constant(8);
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::fixed(offset)).date().to_string()
}
