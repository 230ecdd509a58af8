//! Stage 4, render: the [`Site`] model → the bytes of every output file, handed to a
//! [`Sink`] page by page as they are ready, so the whole site is never held in memory.

mod compact;
mod essentials;
mod fill;
mod list;
mod memo;
mod on_demand;
mod prepare;
mod rows;
mod updates;
pub mod view;

pub use memo::Memo;
pub use on_demand::OnDemand;
use prepare::{Mode, PENDING_SIZE, Prepared, prepare, with_excel};
use rows::RowHtml;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::derive::{self, Download};
use crate::diagnostics::Diagnostics;
use crate::domain::{Browse, Level, List, NOTICE_TABLE_ROWS, Output, Page};
use crate::history::History;
use crate::load::{self, Sources};
use crate::model::{Form, Occupation, PreparedOccupation, Site};
use crate::write::{Sink, WriteError};

/// The rendered site in memory: output path (with `/` separators) → bytes, for `check`,
/// `serve` and tests. A `BTreeMap` so that everything downstream sees one stable order.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: BTreeMap<String, Vec<u8>>,
    pub pages: usize,
}

/// One HTML page to render.
#[derive(Clone, Copy)]
enum Job<'a> {
    Notice,
    Search,
    Updates,
    NotFound,
    Form(&'a Form),
    /// The form to fill in, in the browser.
    FormFill(&'a Form),
    /// The occupation and its place in 序号 order, where its row and its neighbours are.
    Occupation(usize, &'a Occupation),
    /// A level or category list, and which of its pages (from 1).
    List(List, usize),
    Browse(Browse),
}

impl<'a> Job<'a> {
    /// The page of the URL contract this job renders; the 404 page is none.
    fn page(self) -> Option<Page<'a>> {
        Some(match self {
            Job::Notice => Page::Notice,
            Job::Search => Page::Search,
            Job::Updates => Page::Updates,
            Job::NotFound => return None,
            Job::Form(form) => Page::Form(&form.slug),
            Job::FormFill(form) => Page::FormFill(&form.slug),
            Job::Occupation(_, o) => Page::Occupation(o.code),
            Job::List(list, number) => list.page(number),
            Job::Browse(browse) => Page::Browse(browse),
        })
    }

    /// The file the page is.
    fn output(self) -> Output<'a> {
        self.page().map_or(Output::NotFound, Output::Page)
    }

    /// Where the page goes in the output.
    fn path(self) -> String {
        self.output().path()
    }
}

/// Why a page is missing: its template failed, or the sink refused the file.
enum Failure {
    Template(tera::Error),
    Write(WriteError),
    /// A file the page is made from could not be made: the source to name, and why.
    Derive(String, String),
    /// What the page is made from failed, and said why.
    Reported(Diagnostics),
}

/// What every page may draw on, prepared once before the pages render.
struct Shared<'a> {
    site: &'a Site,
    history: History,
    downloads: Vec<Download>,
    members: view::Members,
    /// The occupations (indices, in 序号 order) whose range includes each level.
    level_members: BTreeMap<Level, Vec<usize>>,
    /// Each occupation's code and readings, for its row and the search index.
    prepared: Vec<PreparedOccupation<'a>>,
    rows: Vec<view::OccupationRow>,
    /// Each occupation's table row as HTML; made by [`prepare`] in a build and after it in the
    /// preview, where a page that lists rows waits for them.
    row_html: OnceLock<Result<RowHtml, Diagnostics>>,
}

impl Shared<'_> {
    fn list_members(&self, list: List) -> &[usize] {
        let members = match list {
            List::Level(level) => self.level_members.get(&level),
            List::Category(key) => self.members.get(&key),
        };
        members.map_or(&[], Vec::as_slice)
    }
}

/// Renders every page of the URL contract into `sink`, and the files derived from the model
/// beside them. Template problems become diagnostics that name the template file and line;
/// the result is then `Ok(None)`. `Ok(Some(n))` counts the HTML pages.
pub fn render(
    site: &Site,
    sources: &Sources,
    diags: &mut Diagnostics,
    sink: &dyn Sink,
) -> Result<Option<usize>, WriteError> {
    let Some(Prepared { tera, origins, shared, jobs, .. }) =
        prepare(site, sources, diags, sink, &Memo::default(), Mode::Build)?
    else {
        return Ok(None);
    };
    // Pages render and are written on all cores, beside the search index and the other files.
    let (results, rest_written) = rayon::join(
        || jobs.par_iter().map(|&job| render_job(&tera, &shared, job, sink)).collect::<Vec<_>>(),
        || write_rest(&shared, &jobs, sink),
    );
    rest_written?;
    for failure in results.into_iter().filter_map(Result::err) {
        match failure {
            Failure::Write(e) => return Err(e),
            Failure::Derive(file, message) => diags.error(&file, None, None, message),
            Failure::Reported(reported) => diags.extend(reported),
            // Rendering problems repeat on every page that uses the template; one is enough.
            Failure::Template(_) if diags.has_errors() => {}
            Failure::Template(e) => report(&e, &origins, diags),
        }
    }
    if diags.has_errors() {
        return Ok(None);
    }
    Ok(Some(jobs.len()))
}

/// Writes the files made from the whole model rather than page by page ([`derive::site_files`]).
fn write_rest(shared: &Shared, jobs: &[Job], sink: &dyn Sink) -> Result<(), WriteError> {
    let pages = jobs.iter().filter_map(|j| j.page());
    for (path, bytes) in derive::site_files(shared.site, &shared.history, &shared.prepared, pages) {
        sink.put(&path, bytes)?;
    }
    Ok(())
}

/// The rows' HTML, once made.
fn row_html<'s>(shared: &'s Shared) -> Result<&'s RowHtml, Failure> {
    shared.row_html.wait().as_ref().map_err(|reported| Failure::Reported(reported.clone()))
}

/// Renders one page and hands it to the sink.
fn render_job(tera: &Tera, shared: &Shared, job: Job<'_>, sink: &dyn Sink) -> Result<(), Failure> {
    let html = page_html(tera, shared, job, None)?;
    sink.put(&job.path(), html).map_err(Failure::Write)
}

/// One page's bytes; `site` in place of the templates' global `site` when given.
fn page_html(
    tera: &Tera,
    shared: &Shared,
    job: Job<'_>,
    site_view: Option<&view::SiteView>,
) -> Result<Vec<u8>, Failure> {
    let site = shared.site;
    let mut context = Context::new();
    if let Some(view) = site_view {
        context.insert("site", view);
    }
    // The page's size where it is large (its table), so the buffer is not regrown.
    let mut table = 0;
    let template = match job {
        Job::Notice => {
            let page = NoticePage::new(site, row_html(shared)?.filter.concat(), shared.rows.len());
            table = page.rows_html.len();
            context.insert("page", &page);
            "notice.html"
        }
        Job::Search => {
            context.insert("page", &());
            "search.html"
        }
        Job::Updates => {
            context.insert("page", &updates::updates_page(site, &shared.history));
            "updates.html"
        }
        Job::NotFound => {
            context.insert("page", &());
            "404.html"
        }
        Job::Form(form) => {
            let page = view::FormPage {
                form: view::FormHeading::of(form),
                body_html: crate::markdown::to_html(&form.document),
                docx: shared
                    .downloads
                    .iter()
                    .find(|d| d.form.as_deref() == Some(&form.slug))
                    .map(|d| view::download_link(site, d)),
                revised: shared.history.form_revised(&form.slug).map(|d| d.to_string()),
                fill_url: site.base_url.page(Page::FormFill(&form.slug)),
            };
            context.insert("page", &page);
            "form.html"
        }
        Job::FormFill(form) => {
            let docx = shared.downloads.iter().find(|d| d.form.as_deref() == Some(&form.slug));
            let page = fill::fill_page(site, form, docx.map(|d| view::download_link(site, d)))
                .map_err(|e| Failure::Derive(format!("{}/{}.md", load::FORMS_DIR, form.slug), e.to_string()))?;
            table = page.data_json.len() + page.body_html.len();
            context.insert("page", &page);
            "fill.html"
        }
        Job::Occupation(i, o) => {
            let page = view::occupation_page(site, o, i, &shared.history, &shared.rows);
            context.insert("page", &page);
            "occupation.html"
        }
        Job::List(list, number) => {
            let members = shared.list_members(list);
            let page = list::list_page(site, list, number, members, &shared.members, &row_html(shared)?.plain);
            table = page.rows_html.len();
            context.insert("page", &page);
            "list.html"
        }
        Job::Browse(browse) => {
            context.insert("page", &view::BrowsePage::new(site, browse));
            "browse.html"
        }
    };
    let mut html = Vec::with_capacity(table + 32 * 1024);
    tera.render_to(template, &context, &mut html).map_err(Failure::Template)?;
    drop(context);
    Ok(compact::strip_indentation(html))
}

/// The notice page: its body and the full table.
#[derive(Serialize)]
struct NoticePage {
    body_html: String,
    rows_html: String,
    /// When the table is too long for the page: the rows it shows and where the rest are.
    partial: Option<PartialTable>,
}

#[derive(Serialize)]
struct PartialTable {
    shown: usize,
    total: usize,
    data_url: String,
}

impl NoticePage {
    fn new(site: &Site, rows_html: String, total: usize) -> NoticePage {
        let partial = (total > NOTICE_TABLE_ROWS).then(|| PartialTable {
            shown: NOTICE_TABLE_ROWS,
            total,
            data_url: site.base_url.link_to(Output::TableData),
        });
        NoticePage { body_html: crate::markdown::to_html(&site.notice.document), rows_html, partial }
    }
}

/// Turns a Tera error into a diagnostic naming the template's file and line.
fn report(error: &tera::Error, origins: &BTreeMap<String, String>, diags: &mut Diagnostics) {
    let located = match error.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            Some((r.filename().to_owned(), r.span().start_line, r.message().to_owned()))
        }
        _ => None,
    };
    match located {
        Some((name, line, message)) => {
            let file = origins.get(&name).cloned().unwrap_or(name);
            diags.error(&file, Some(line), None, format!("template error: {message}"));
        }
        None => diags.error(load::TEMPLATES_DIR, None, None, format!("template error: {error}")),
    }
}
