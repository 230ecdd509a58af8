//! What comes before the pages render, shared by a build ([`super::render`]) and the preview
//! ([`super::OnDemand`]): the templates, the downloads, each occupation's row, the list of
//! pages, the static files (`copy_static`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use tera::Tera;

use super::job::{Job, Shared};
use super::memo::Memo;
use super::rows::RowHtml;
use super::templates::{Templates, report};
use super::{list, view};
use crate::derive::{self, Download};
use crate::diagnostics::Diagnostics;
use crate::domain::{Browse, Level, List, OpenData, Output};
use crate::embedded;
use crate::history::History;
use crate::load::{self, Sources};
use crate::model::{PreparedOccupation, Site};
use crate::write::{Sink, WriteError};

/// What every file of a build is made from, once the templates are read and the model's rows
/// prepared: the pages to render (`jobs`), and what they share.
pub(super) struct Prepared<'a> {
    pub(super) tera: Tera,
    /// Template name → the file to name in messages.
    pub(super) origins: BTreeMap<String, String>,
    pub(super) shared: Shared<'a>,
    pub(super) jobs: Vec<Job<'a>>,
    /// Whether the Excel table and the rows' HTML are still to be made ([`Mode::Preview`]).
    pub(super) later: bool,
}

/// How [`prepare`] treats the two slowest parts before the pages: the Excel table and the
/// rows' HTML.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Mode {
    /// Both are made first.
    Build,
    /// Both are left for [`OnDemand`] to make while the first page is served: pages see
    /// [`PENDING_SIZE`] as the Excel table's size (a page that shows it is rendered again once
    /// it is made), and a page that lists rows waits for them.
    Preview,
}

/// The Excel table's size until it is made; characters no text of a site holds.
pub(super) const PENDING_SIZE: &str = "\u{FDD0}pending\u{FDD1}";

/// Everything before the pages render: reads the templates, writes the downloads and the
/// static files, prepares the rows and lists the pages. `Ok(None)` when a template or a
/// static file has a problem (in `diags`). `memo` holds what an earlier build of the same
/// process worked out and this one may reuse (the preview's); a build keeps nothing.
pub(super) fn prepare<'a>(
    site: &'a Site,
    sources: &Sources,
    diags: &mut Diagnostics,
    sink: &dyn Sink,
    memo: &Memo,
    mode: Mode,
) -> Result<Option<Prepared<'a>>, WriteError> {
    let Some(templates) = Templates::new(sources, diags) else {
        return Ok(None);
    };
    let mut tera = templates.tera;
    let (downloads, (prepared, rows)) = rayon::join(
        || match mode {
            Mode::Build => derive::downloads(site),
            Mode::Preview => derive::in_order(derive::other_downloads(site), Ok(pending_excel())),
        },
        || {
            let prepared: Vec<PreparedOccupation> = memo.prepare_occupations(site);
            let rows: Vec<view::OccupationRow> = prepared.par_iter().map(|p| view::row(site, p)).collect();
            (prepared, rows)
        },
    );
    let downloads = write_downloads(downloads, sink, diags)?;
    let history = History::of(&site.releases);
    let members = view::members(site);
    tera.global_context().insert("site", &view::site_view(site, &downloads, &history, &members));
    let row_html = OnceLock::new();
    if mode == Mode::Build {
        match RowHtml::render(&tera, &rows, None) {
            Ok(made) => {
                let _ = row_html.set(Ok(made));
            }
            Err(e) => {
                report(&e, &templates.origins, diags);
                return Ok(None);
            }
        }
    }
    let level_members = list::level_members(site);
    let shared = Shared { site, history, downloads, members, level_members, prepared, rows, row_html };

    let mut jobs = vec![Job::Notice, Job::Search, Job::Updates, Job::NotFound];
    jobs.extend(site.forms.iter().map(Job::Form));
    jobs.extend(site.forms.iter().map(Job::FormFill));
    let lists = Level::ALL.iter().map(|&l| List::Level(l)).chain(shared.members.keys().map(|&k| List::Category(k)));
    for list in lists {
        let pages = list::pages(list, shared.list_members(list).len());
        jobs.extend((1..=pages).map(|number| Job::List(list, number)));
    }
    jobs.extend(site.occupations.iter().enumerate().map(|(i, o)| Job::Occupation(i, o)));
    jobs.extend([Browse::Occupations, Browse::Levels, Browse::Categories].map(Job::Browse));
    let site_files = derive::site_file_names(jobs.iter().filter(|j| j.page().is_some()).count());
    let generated = jobs
        .iter()
        .map(|j| j.path())
        .chain(shared.downloads.iter().map(|d| d.path.clone()))
        .chain(site_files.map(Output::path));
    if !static_collisions(sources, generated, diags) {
        return Ok(None);
    }
    copy_static(sources, sink)?;
    Ok(Some(Prepared { tera, origins: templates.origins, shared, jobs, later: mode == Mode::Preview }))
}

/// The Excel download before it is made.
fn pending_excel() -> Download {
    Download { size: PENDING_SIZE.to_owned(), ..derive::xlsx_download(Vec::new()) }
}

/// `downloads` with the Excel table made (none when it failed: the diagnostics say why) in
/// place of the pending one.
pub(super) fn with_excel(downloads: Vec<Download>, excel: Option<Download>) -> Vec<Download> {
    let others = downloads.into_iter().filter(|d| d.path != Output::OpenData(OpenData::Xlsx).path()).map(Ok).collect();
    match excel {
        Some(excel) => derive::in_order(others, Ok(excel)).into_iter().flatten().collect(),
        None => others.into_iter().flatten().collect(),
    }
}

/// Writes the downloads at once, so their bytes are not held while the pages render (the
/// pages need only their sizes), and reports those that could not be made.
fn write_downloads(
    downloads: Vec<Result<Download, derive::DownloadError>>,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> Result<Vec<Download>, WriteError> {
    let mut made = Vec::new();
    for download in downloads {
        match download {
            Ok(mut d) => {
                if d.size != PENDING_SIZE {
                    sink.put(&d.path, std::mem::take(&mut d.bytes))?;
                }
                made.push(d);
            }
            Err((file, message)) => diags.error(&file, None, None, message),
        }
    }
    Ok(made)
}

/// Reports every file of the site's `static/` that would silently replace a generated page or
/// download (`static/index.html` would replace the notice); true when there is none.
fn static_collisions(sources: &Sources, generated: impl Iterator<Item = String>, diags: &mut Diagnostics) -> bool {
    let generated: std::collections::BTreeSet<String> = generated.collect();
    let mut clear = true;
    for file in sources.statics.iter().filter(|f| generated.contains(&f.rel)) {
        let message = crate::msg!("build.static_collision", file = file.rel);
        diags.error(&format!("{}/{}", load::STATIC_DIR, file.rel), None, None, message);
        clear = false;
    }
    clear
}

/// Built-in assets, then the site's `static/` files on top (same path wins). READMEs document
/// a folder for the people who keep it and are not published.
fn copy_static(sources: &Sources, sink: &dyn Sink) -> Result<(), WriteError> {
    let mut files: BTreeMap<String, &[u8]> = embedded::assets().into_iter().collect();
    for file in sources.statics.iter().filter(|f| !f.rel.ends_with("README.md")) {
        files.insert(file.rel.clone(), &file.bytes);
    }
    for (path, bytes) in files {
        sink.put(&path, super::minify::published(&path, bytes))?;
    }
    Ok(())
}
