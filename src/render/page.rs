//! One page's bytes: the template each [`Job`] fills in and what it is given, the page's
//! indentation dropped last.

use serde::Serialize;
use tera::{Context, Tera};

use super::job::{Failure, Job, Shared};
use super::{compact, fill, list, updates, view};
use crate::domain::{NOTICE_TABLE_ROWS, Output, Page};
use crate::load;
use crate::model::Site;

/// One page's bytes; `site` in place of the templates' global `site` when given.
pub(super) fn page_html(
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
            let page = NoticePage::new(site, shared.row_html()?.filter.concat(), shared.rows.len());
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
            let page = list::list_page(site, list, number, members, &shared.members, &shared.row_html()?.plain);
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
