//! The pipeline: load → validate → model → render → write, and the `check` dry run.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostics, InvalidSources, Severity};
use crate::load::Sources;
use crate::model::Site;
use crate::render::{self, Rendered};
use crate::write::{Counted, Memory, Precompressed, Staging, WriteError};
use crate::{load, validate};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: the folder holding `config.toml`.
    pub root: PathBuf,
    /// Where to publish; `<root>/public` when `None`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of `config.toml`, e.g. for a staging host.
    pub base_url: Option<String>,
    /// Placeholders (（示例）, ××, example.gov.cn) are errors, not warnings: for publishing.
    pub strict: bool,
    /// A look at the site before publishing: changes not yet recorded as a release are built
    /// (each page then says it is a preview, not to be uploaded) instead of refused.
    pub preview: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Invalid(#[from] InvalidSources),
    #[error("{}", crate::msg!("build.cannot_publish"))]
    Write(#[from] WriteError),
    /// The output folder and why it is unsafe, already in the staff's language.
    #[error("{}", crate::msg!("build.unsafe_output", path = .0.display(), reason = .1))]
    UnsafeOutput(PathBuf, String),
}

/// What a successful build did, for the one-line summary.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub elapsed: Duration,
    /// Warnings only; a build with errors returns [`BuildError::Invalid`].
    pub diagnostics: Diagnostics,
}

impl BuildReport {
    /// The one line a build ends with: pages, files, size, where, how long.
    pub fn summary(&self) -> String {
        crate::msg!(
            "cli.build.done",
            pages = self.pages,
            files = self.files,
            kb = self.bytes.div_ceil(1024),
            output = self.output.display(),
            ms = self.elapsed.as_millis()
        )
    }
}

/// What the sources are prepared for, which decides what a change not yet recorded as a
/// release is: an error when publishing (the site would show changed data as unchanged), a
/// warning when previewing or checking, and nothing when recording it as a release.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Publish,
    Preview,
    Release,
}

/// Loads and validates: everything a build needs before it writes a byte.
fn prepare(
    root: &Path,
    base_url: Option<&str>,
    strict: bool,
    purpose: Purpose,
) -> Result<(Site, Sources, Diagnostics), InvalidSources> {
    let mut diags = Diagnostics::default();
    let sources = load::load(root, &mut diags);
    validate::placeholders::check(&sources, strict, &mut diags);
    match validate::validate(&sources, base_url, &mut diags) {
        Some(site) if !diags.has_errors() => {
            let severity = match purpose {
                Purpose::Publish => Some(Severity::Error),
                Purpose::Preview => Some(Severity::Warning),
                Purpose::Release => None,
            };
            if let Some(severity) = severity {
                crate::history::unrecorded(&site, &sources, severity, &mut diags);
            }
            if diags.has_errors() {
                return Err(InvalidSources(diags));
            }
            // A preview holding unrecorded changes says so on every page, so that it is never
            // mistaken for, or uploaded as, the published site.
            let mut site = site;
            site.preview =
                purpose == Purpose::Preview && !site.releases.is_empty() && !crate::history::pending(&site).is_empty();
            Ok((site, sources, diags))
        }
        _ => Err(InvalidSources(diags)),
    }
}

/// Loads and validates for the preview, which renders the files itself, each when it is
/// needed (`render::OnDemand`). Placeholders are warnings.
pub fn load_site(root: &Path) -> Result<(Site, Sources, Diagnostics), InvalidSources> {
    prepare(root, None, false, Purpose::Preview)
}

/// Builds the site into memory without writing anything: the shared part of check and
/// release. Placeholders are warnings.
pub fn render_site(root: &Path, base_url: Option<&str>) -> Result<(Site, Rendered, Diagnostics), InvalidSources> {
    render_site_with(root, base_url, false)
}

/// [`render_site`], with placeholders as errors when `strict`.
pub fn render_site_with(
    root: &Path,
    base_url: Option<&str>,
    strict: bool,
) -> Result<(Site, Rendered, Diagnostics), InvalidSources> {
    render_in_memory(root, base_url, strict, Purpose::Preview)
}

/// What `linxuan release` checks before it records: the whole site renders, placeholders are
/// errors, and the differences from the last release are what it records, not a warning.
pub fn render_for_release(root: &Path) -> Result<(Site, Rendered, Diagnostics), InvalidSources> {
    render_in_memory(root, None, true, Purpose::Release)
}

fn render_in_memory(
    root: &Path,
    base_url: Option<&str>,
    strict: bool,
    purpose: Purpose,
) -> Result<(Site, Rendered, Diagnostics), InvalidSources> {
    let (site, sources, mut diags) = prepare(root, base_url, strict, purpose)?;
    let memory = Memory::default();
    match render::render(&site, &sources, &mut diags, &memory) {
        Ok(Some(pages)) if !diags.has_errors() => Ok((site, Rendered { files: memory.into_files(), pages }, diags)),
        Ok(_) => Err(InvalidSources(diags)),
        Err(e) => {
            diags.error("output", None, None, e.to_string());
            Err(InvalidSources(diags))
        }
    }
}

/// Validates, then renders straight into a staging folder that replaces the output whole
/// only once every file is written.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let output_dir = options.output.clone().unwrap_or_else(|| options.root.join("public"));
    check_output_is_safe(&options.root, &output_dir)?;
    let purpose = if options.preview { Purpose::Preview } else { Purpose::Publish };
    let (site, sources, mut diagnostics) =
        prepare(&options.root, options.base_url.as_deref(), options.strict, purpose)?;
    let staging = Staging::begin(&output_dir)?;
    let counted = Counted::new(&staging);
    let pages = render::render(&site, &sources, &mut diagnostics, &Precompressed { inner: &counted })?;
    let (files, bytes) = counted.totals();
    match pages {
        Some(pages) if !diagnostics.has_errors() => {
            staging.publish()?;
            Ok(BuildReport { output: output_dir, pages, files, bytes, elapsed: started.elapsed(), diagnostics })
        }
        _ => Err(BuildError::Invalid(InvalidSources(diagnostics))),
    }
}

/// Validates and renders everything, writes nothing.
pub fn check(root: &Path, base_url: Option<&str>, strict: bool) -> Result<(Rendered, Diagnostics), InvalidSources> {
    render_site_with(root, base_url, strict).map(|(_, output, diags)| (output, diags))
}

/// The output is replaced whole on every build, so it must never be, or contain, the sources.
fn check_output_is_safe(root: &Path, output: &Path) -> Result<(), BuildError> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root_abs, out_abs) = (absolute(root), absolute(output));
    let root_real = root_abs.canonicalize().unwrap_or(root_abs);
    let out_real = resolve_existing_prefix(&out_abs);
    if out_real == root_real {
        return Err(BuildError::UnsafeOutput(output.to_path_buf(), crate::msg!("build.output_is_root")));
    }
    if root_real.starts_with(&out_real) {
        return Err(BuildError::UnsafeOutput(output.to_path_buf(), crate::msg!("build.output_holds_sources")));
    }
    for source_dir in load::SOURCE_DIRS {
        if out_real.starts_with(root_real.join(source_dir)) {
            return Err(BuildError::UnsafeOutput(output.to_path_buf(), crate::msg!("build.output_in_sources")));
        }
    }
    Ok(())
}

/// Resolves `.` and `..` by the path's text, then canonicalises the longest existing
/// ancestor, so neither `x/../data` nor symlinks can hide the sources.
fn resolve_existing_prefix(path: &Path) -> PathBuf {
    let mut lexical = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    let path = lexical.as_path();
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    resolved
}
