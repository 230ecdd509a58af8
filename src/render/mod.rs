//! Stage 4, render: the [`Site`] model → the bytes of every output file, handed to a
//! [`Sink`] page by page as they are ready, so the whole site is never held in memory.

mod compact;
mod essentials;
mod fill;
mod list;
mod memo;
mod on_demand;
mod rows;
mod sitemap;
mod table_data;
mod updates;
pub mod view;

pub use memo::Memo;
pub use on_demand::OnDemand;
use rows::RowHtml;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::{List, NOTICE_TABLE_ROWS, Page, TABLE_DATA};
use crate::derive::{self, Download};
use crate::diagnostics::Diagnostics;
use crate::domain::Level;
use crate::embedded;
use crate::history::History;
use crate::load::{self, Sources};
use crate::model::{Form, Occupation, PreparedOccupation, Site};
use crate::write::{Sink, WriteError};

/// The rendered site in memory: output path (with `/` separators) → bytes, for `check`,
/// `serve` and tests. A `BTreeMap` so that everything downstream sees one stable order.
#[derive(Debug, Default)]
pub struct Output {
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
        })
    }

    /// Where the page goes in the output.
    fn path(self) -> String {
        match self.page() {
            Some(page) => format!("{}index.html", page.dir()),
            None => "404.html".into(),
        }
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

/// What every file of a build is made from, once the templates are read and the model's rows
/// prepared: the pages to render (`jobs`), and what they share.
struct Prepared<'a> {
    tera: Tera,
    /// Template name → the file to name in messages.
    origins: BTreeMap<String, String>,
    shared: Shared<'a>,
    jobs: Vec<Job<'a>>,
    /// Whether the Excel table and the rows' HTML are still to be made ([`Mode::Preview`]).
    later: bool,
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

/// How [`prepare`] treats the two slowest parts before the pages: the Excel table and the
/// rows' HTML.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Both are made first.
    Build,
    /// Both are left for [`OnDemand`] to make while the first page is served: pages see
    /// [`PENDING_SIZE`] as the Excel table's size (a page that shows it is rendered again once
    /// it is made), and a page that lists rows waits for them.
    Preview,
}

/// The Excel table's size until it is made; characters no text of a site holds.
const PENDING_SIZE: &str = "\u{FDD0}pending\u{FDD1}";

/// Everything before the pages render: reads the templates, writes the downloads and the
/// static files, prepares the rows and lists the pages. `Ok(None)` when a template or a
/// static file has a problem (in `diags`). `memo` holds what an earlier build of the same
/// process worked out and this one may reuse (the preview's); a build keeps nothing.
fn prepare<'a>(
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
    let generated = jobs.iter().map(|j| j.path()).chain(shared.downloads.iter().map(|d| d.path.clone()));
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
fn with_excel(downloads: Vec<Download>, excel: Option<Download>) -> Vec<Download> {
    let others = downloads.into_iter().filter(|d| d.path != derive::XLSX_PATH).map(Ok).collect();
    match excel {
        Some(excel) => derive::in_order(others, Ok(excel)).into_iter().flatten().collect(),
        None => others.into_iter().flatten().collect(),
    }
}

/// The files made from the whole model rather than page by page: the search index, the
/// pickers' and the filter's tables, the feed, the sitemap.
fn write_rest(shared: &Shared, jobs: &[Job], sink: &dyn Sink) -> Result<(), WriteError> {
    let site = shared.site;
    for (path, bytes) in derive::search::files(site, &shared.prepared) {
        sink.put(&path, bytes)?;
    }
    if site.forms.iter().any(|f| crate::derive::fill::picks_occupations(&f.document)) {
        sink.put(fill::OCCUPATIONS_JS, fill::occupations_js(&shared.prepared))?;
    }
    if shared.rows.len() > NOTICE_TABLE_ROWS {
        sink.put(TABLE_DATA, table_data::json(&shared.rows, &shared.prepared))?;
    }
    sink.put("atom.xml", derive::feed::atom(site, &shared.history).into_bytes())?;
    sink.put(
        "sitemap.xml",
        sitemap::sitemap(site, &shared.history, jobs.iter().filter_map(|j| j.page())).into_bytes(),
    )?;
    sink.put("robots.txt", sitemap::robots(site).into_bytes())?;
    Ok(())
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
            data_url: site.base_url.link(TABLE_DATA),
        });
        NoticePage { body_html: crate::markdown::to_html(&site.notice.document), rows_html, partial }
    }
}

/// Built-in templates with the site's own on top, and where each came from.
struct Templates {
    tera: Tera,
    /// Template name → the file to name in messages.
    origins: BTreeMap<String, String>,
}

impl Templates {
    fn new(sources: &Sources, diags: &mut Diagnostics) -> Option<Templates> {
        let mut texts: BTreeMap<String, (String, &str)> = embedded::templates()
            .into_iter()
            .map(|(name, text)| {
                let origin = format!("built-in template {name}");
                (name, (origin, text))
            })
            .collect();
        for (name, file) in &sources.templates {
            texts.insert(name.clone(), (file.path.clone(), file.text.as_str()));
        }
        let origins: BTreeMap<String, String> =
            texts.iter().map(|(name, (origin, _))| (name.clone(), origin.clone())).collect();
        let mut tera = Tera::new();
        // Autoescape everything we render; `| safe` is used only on HTML we produced.
        tera.autoescape_on([".html", ".xml"]);
        if let Err(e) = tera.add_raw_templates(texts.iter().map(|(name, (_, text))| (name.as_str(), *text))) {
            report(&e, &origins, diags);
            return None;
        }
        Some(Templates { tera, origins })
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

/// The files render makes besides the pages and downloads.
const GENERATED_FILES: [&str; 6] =
    ["search/index.json", TABLE_DATA, fill::OCCUPATIONS_JS, "atom.xml", "sitemap.xml", "robots.txt"];

/// Reports every file of the site's `static/` that would silently replace a generated page or
/// download (`static/index.html` would replace the notice); true when there is none.
fn static_collisions(sources: &Sources, generated: impl Iterator<Item = String>, diags: &mut Diagnostics) -> bool {
    let generated: std::collections::BTreeSet<String> =
        generated.chain(GENERATED_FILES.iter().map(|f| f.to_string())).collect();
    let mut clear = true;
    for file in sources.statics.iter().filter(|f| generated.contains(&f.rel)) {
        let message = format!(
            "would replace `{}`, which linxuan generates (a page or a download of the site); rename or remove the static file",
            file.rel
        );
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
        sink.put(&path, bytes.to_vec())?;
    }
    Ok(())
}
