//! Stage 4, render: the [`Site`] model → the bytes of every output file, in memory.

pub mod markdown;
mod sitemap;
mod updates;
pub mod view;

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Tera};

use crate::derive;
use crate::diagnostics::Diagnostics;
use crate::domain::Level;
use crate::embedded;
use crate::history::History;
use crate::load::Sources;
use crate::model::Site;

/// The rendered site: output path (with `/` separators) → bytes. A `BTreeMap` so that
/// everything downstream sees files in one stable order.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    pub pages: usize,
}

impl Output {
    fn page(&mut self, path: String, html: String) {
        self.files.insert(path, html.into_bytes());
        self.pages += 1;
    }
}

/// Renders every page of the URL contract. Template problems become diagnostics that name
/// the template file and line.
pub fn render(site: &Site, sources: &Sources, diags: &mut Diagnostics) -> Option<Output> {
    let templates = Templates::new(sources, diags)?;
    let mut tera = templates.tera;
    let downloads = derive::downloads(site, diags);
    let history = History::of(&site.releases);
    tera.global_context().insert("site", &view::site_view(site, &downloads, &history));
    let mut r = Renderer { tera: &tera, origins: &templates.origins, diags };
    let mut out = Output::default();
    // The many pages (one per occupation, level and category) render in parallel, beside the
    // search index; each page's data is built on the thread that renders it.
    let in_use = site.categories_in_use();
    let ((occupations, lists), search_index) = rayon::join(
        || {
            rayon::join(
                || {
                    let jobs: Vec<usize> = (0..site.occupations.len()).collect();
                    render_parallel(&tera, &jobs, |&i| {
                        let page = view::occupation_page(site, i, &history)?;
                        Some((format!("occupations/{}/index.html", page.row.code), "occupation.html", page))
                    })
                },
                || {
                    let mut jobs: Vec<Option<crate::domain::CategoryKey>> = vec![None; Level::ALL.len()];
                    jobs.extend(in_use.iter().map(|k| Some(*k)));
                    let levels = Level::ALL;
                    render_parallel(&tera, &(0..jobs.len()).collect::<Vec<_>>(), |&i| match jobs[i] {
                        None => {
                            let level = levels[i];
                            Some((
                                format!("levels/{}/index.html", level.number()),
                                "list.html",
                                view::level_page(site, level),
                            ))
                        }
                        Some(key) => Some((
                            format!("categories/{key}/index.html"),
                            "list.html",
                            view::category_page(site, key, &in_use),
                        )),
                    })
                },
            )
        },
        || derive::search::index_json(site),
    );
    r.page(&mut out, "index.html", "notice.html", "page", &NoticePage::new(site));
    for (path, result) in occupations.into_iter().chain(lists) {
        r.rendered(&mut out, path, result);
    }
    for form in &site.forms {
        let page = view::FormPage {
            slug: form.slug.clone(),
            attachment: form.attachment,
            title: form.title.clone(),
            heading: form.heading.clone(),
            subtitle: form.subtitle.clone(),
            body_html: markdown::to_html(&form.markdown),
            docx: downloads
                .iter()
                .find(|d| d.form.as_deref() == Some(&form.slug))
                .map(|d| view::download_link(site, d)),
            revised: history.form_revised(&form.slug).map(|d| d.to_string()),
        };
        r.page(&mut out, &format!("forms/{}/index.html", form.slug), "form.html", "page", &page);
    }
    r.page(&mut out, "search/index.html", "search.html", "page", &NoticePage::new(site));
    r.page(&mut out, "updates/index.html", "updates.html", "page", &updates::updates_page(site, &history));
    r.page(&mut out, "404.html", "404.html", "page", &());
    if r.diags.has_errors() {
        return None;
    }
    let sitemap = sitemap::sitemap(site, &history, out.files.keys().filter(|p| p.ends_with("index.html")));
    out.files.insert("atom.xml".into(), derive::feed::atom(site, &history).into_bytes());
    out.files.insert("sitemap.xml".into(), sitemap.into_bytes());
    out.files.insert("robots.txt".into(), sitemap::robots(site).into_bytes());
    copy_static(sources, &mut out);
    for d in downloads {
        out.files.insert(d.path, d.bytes);
    }
    out.files.insert("search/index.json".into(), search_index);
    Some(out)
}

/// The notice page: its body and the full table.
#[derive(Serialize)]
struct NoticePage {
    body_html: String,
    rows: Vec<view::OccupationRow>,
}

impl NoticePage {
    fn new(site: &Site) -> NoticePage {
        NoticePage {
            body_html: markdown::to_html(&site.notice.markdown),
            rows: site.occupations.iter().map(|o| view::row(site, o)).collect(),
        }
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

struct Renderer<'a> {
    tera: &'a Tera,
    origins: &'a BTreeMap<String, String>,
    diags: &'a mut Diagnostics,
}

impl Renderer<'_> {
    fn page<T: Serialize>(&mut self, out: &mut Output, path: &str, template: &str, key: &'static str, value: &T) {
        let mut context = Context::new();
        context.insert(key, value);
        let result = self.tera.render(template, &context);
        self.rendered(out, path.to_owned(), result);
    }

    fn rendered(&mut self, out: &mut Output, path: String, result: tera::TeraResult<String>) {
        match result {
            Ok(html) => out.page(path, html),
            // Rendering problems repeat on every page that uses the template; one is enough.
            Err(e) if self.diags.has_errors() => drop(e),
            Err(e) => report(&e, self.origins, self.diags),
        }
    }
}

/// Renders one page per job on all cores; `page` gives the output path, the template and
/// the page's data (as `page`), or `None` to skip. Results keep the jobs' order.
fn render_parallel<J, T, F>(tera: &Tera, jobs: &[J], page: F) -> Vec<(String, tera::TeraResult<String>)>
where
    J: Sync,
    T: Serialize,
    F: Fn(&J) -> Option<(String, &'static str, T)> + Sync,
{
    use rayon::prelude::*;
    jobs.par_iter()
        .filter_map(|job| {
            let (path, template, value) = page(job)?;
            let mut context = Context::new();
            context.insert("page", &value);
            Some((path, tera.render(template, &context)))
        })
        .collect()
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
        None => diags.error("templates", None, None, format!("template error: {error}")),
    }
}

/// Built-in assets, then the site's `static/` files on top (same path wins).
fn copy_static(sources: &Sources, out: &mut Output) {
    for (path, bytes) in embedded::assets() {
        out.files.insert(path, bytes.to_vec());
    }
    for file in &sources.statics {
        out.files.insert(file.rel.clone(), file.bytes.clone());
    }
}
