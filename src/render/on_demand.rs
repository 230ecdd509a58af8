//! One build, rendered a file at a time: the preview renders the page a browser asks for
//! first and the rest later, from the same [`Prepared`] state and the same functions as
//! [`super::render`], so every file is byte for byte what a full build writes.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::job::{Failure, Job};
use super::memo::Memo;
use super::page::page_html;
use super::prepare::{Mode, PENDING_SIZE, Prepared, prepare, with_excel};
use super::rows::RowHtml;
use super::templates::report;
use crate::derive;
use crate::diagnostics::Diagnostics;
use crate::domain::{OpenData, Output};
use crate::load::Sources;
use crate::model::Site;
use crate::render::view::{self, SiteView};
use crate::write::{Sink, WriteError};

/// A build whose pages are rendered on request.
pub struct OnDemand<'a> {
    prepared: Prepared<'a>,
    /// Output path → the page rendered there.
    pages: HashMap<String, Job<'a>>,
    /// The templates' `site` once the Excel table is made, or why it could not be.
    with_excel: OnceLock<Result<SiteView, Diagnostics>>,
}

impl<'a> OnDemand<'a> {
    /// Does what [`super::render`] does before the pages, but for the Excel table and the rows'
    /// HTML ([`OnDemand::make_excel`], [`OnDemand::make_rows`]): checks the templates and static
    /// files, prepares the rows' data (reusing what `memo` kept from the previous build), and
    /// writes the other downloads and the static files into `sink`. `Ok(None)` when there is a
    /// problem (in `diags`).
    pub fn new(
        site: &'a Site,
        sources: &Sources,
        diags: &mut Diagnostics,
        sink: &dyn Sink,
        memo: &Memo,
    ) -> Result<Option<OnDemand<'a>>, WriteError> {
        let Some(prepared) = prepare(site, sources, diags, sink, memo, Mode::Preview)? else {
            return Ok(None);
        };
        let pages = prepared.jobs.iter().map(|&job| (job.path(), job)).collect();
        Ok(Some(OnDemand { prepared, pages, with_excel: OnceLock::new() }))
    }

    /// Makes the Excel table and writes it into `sink`; until then a page that shows its size
    /// waits. Call once, beside the page requests and [`OnDemand::make_rows`].
    pub fn make_excel(&self, sink: &dyn Sink) -> Result<(), Diagnostics> {
        if !self.prepared.later || self.with_excel.get().is_some() {
            return Ok(());
        }
        let shared = &self.prepared.shared;
        let mut diags = Diagnostics::default();
        let made = match derive::xlsx(shared.site) {
            Ok(mut excel) => match sink.put(&excel.path, std::mem::take(&mut excel.bytes)) {
                Ok(()) => Some(excel),
                Err(e) => {
                    diags.error("output", None, None, e.to_string());
                    None
                }
            },
            Err((file, message)) => {
                diags.error(&file, None, None, message);
                None
            }
        };
        let result = match made {
            Some(excel) => {
                let downloads = with_excel(shared.downloads.clone(), Some(excel));
                Ok(view::site_view(shared.site, &downloads, &shared.history, &shared.members))
            }
            None => Err(diags.clone()),
        };
        let _ = self.with_excel.set(result);
        if diags.has_errors() { Err(diags) } else { Ok(()) }
    }

    /// Renders every occupation's table row; until then a page that lists rows waits. Call
    /// once, beside the page requests and [`OnDemand::make_excel`] (a row template that shows
    /// the Excel table's size waits for it).
    pub fn make_rows(&self) -> Result<(), Diagnostics> {
        let (tera, shared) = (&self.prepared.tera, &self.prepared.shared);
        if shared.row_html.get().is_some() {
            return Ok(());
        }
        let mut made = RowHtml::render(tera, &shared.rows, None);
        if made.as_ref().is_ok_and(|rows| rows.holds(PENDING_SIZE)) {
            made = match self.with_excel.wait() {
                Ok(site_view) => RowHtml::render(tera, &shared.rows, Some(site_view)),
                Err(diags) => {
                    let _ = shared.row_html.set(Err(diags.clone()));
                    return Err(diags.clone());
                }
            };
        }
        let result = made.map_err(|e| {
            let mut diags = Diagnostics::default();
            report(&e, &self.prepared.origins, &mut diags);
            diags
        });
        let failed = result.as_ref().err().cloned();
        let _ = shared.row_html.set(result);
        failed.map_or(Ok(()), Err)
    }

    /// How many HTML pages the build has.
    pub fn page_count(&self) -> usize {
        self.prepared.jobs.len()
    }

    /// The output path of every page, in the order a full build renders them.
    pub fn page_paths(&self) -> impl Iterator<Item = String> + '_ {
        self.prepared.jobs.iter().map(|job| job.path())
    }

    /// Whether a page is rendered at `path` (or the Excel table is made there).
    pub fn has_page(&self, path: &str) -> bool {
        self.pages.contains_key(path) || (self.prepared.later && path == excel_path())
    }

    /// Renders the page at `path` into `sink`; `Ok(false)` when no page is there. A template or
    /// a file the page is made from that fails comes back as the diagnostics a full build gives.
    /// A page that shows the Excel table's size waits for [`OnDemand::make_excel`].
    pub fn render_page(&self, path: &str, sink: &dyn Sink) -> Result<bool, Diagnostics> {
        if self.prepared.later && path == excel_path() {
            // Written into the sink by `make_excel`.
            return self.with_excel.wait().as_ref().map(|_| true).map_err(Diagnostics::clone);
        }
        let Some(&job) = self.pages.get(path) else {
            return Ok(false);
        };
        let (tera, shared) = (&self.prepared.tera, &self.prepared.shared);
        let mut html = page_html(tera, shared, job, None);
        if self.prepared.later && html.as_ref().is_ok_and(|h| holds(h, PENDING_SIZE)) {
            html = match self.with_excel.wait() {
                Ok(site_view) => page_html(tera, shared, job, Some(site_view)),
                Err(diags) => return Err(diags.clone()),
            };
        }
        let mut diags = Diagnostics::default();
        match html.and_then(|html| sink.put(path, html).map_err(Failure::Write)) {
            Ok(()) => return Ok(true),
            Err(Failure::Write(e)) => diags.error("output", None, None, e.to_string()),
            Err(Failure::Derive(file, message)) => diags.error(&file, None, None, message),
            Err(Failure::Template(e)) => report(&e, &self.prepared.origins, &mut diags),
            Err(Failure::Reported(reported)) => diags.extend(reported),
        }
        Err(diags)
    }

    /// Writes the files made from the whole model (search index, tables, feed, sitemap).
    pub fn write_rest(&self, sink: &dyn Sink) -> Result<(), WriteError> {
        self.prepared.shared.write_rest(&self.prepared.jobs, sink)
    }
}

/// Where the Excel table goes.
fn excel_path() -> String {
    Output::OpenData(OpenData::Xlsx).path()
}

/// Whether `text` holds `part`.
fn holds(text: &[u8], part: &str) -> bool {
    memchr::memmem::find(text, part.as_bytes()).is_some()
}

#[cfg(test)]
#[path = "on_demand_tests.rs"]
mod tests;
