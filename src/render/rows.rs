//! Each occupation's table row as HTML, rendered once by `partials/occupation_row.html` and
//! reused by every list and the notice.

use rayon::prelude::*;
use tera::{Context, Tera};

use super::view::{OccupationRow, SiteView};
use crate::domain::NOTICE_TABLE_ROWS;

/// The rows of a build: for the level and category lists (`plain`), and for the notice's own
/// table (at most [`NOTICE_TABLE_ROWS`]) with the data its filter reads (`filter`).
pub(super) struct RowHtml {
    pub plain: Vec<String>,
    pub filter: Vec<String>,
}

impl RowHtml {
    /// Renders every row; `site_view` in place of the templates' global `site` when given.
    pub fn render(tera: &Tera, rows: &[OccupationRow], site_view: Option<&SiteView>) -> Result<RowHtml, tera::Error> {
        let notice_rows = &rows[..rows.len().min(NOTICE_TABLE_ROWS)];
        let notice_data = if rows.len() > NOTICE_TABLE_ROWS { RowData::Code } else { RowData::Inline };
        let (plain, filter) = rayon::join(
            || row_html(tera, rows, RowData::None, site_view),
            || row_html(tera, notice_rows, notice_data, site_view),
        );
        Ok(RowHtml { plain: plain?, filter: filter? })
    }

    /// Whether any row holds `text`.
    pub fn holds(&self, text: &str) -> bool {
        self.plain.iter().chain(&self.filter).any(|row| row.contains(text))
    }
}

/// How a table row carries the data the notice's filter reads.
#[derive(Clone, Copy, PartialEq)]
enum RowData {
    /// Level and category lists: none.
    None,
    /// The notice of a short table: everything the filter reads, in `data-*` attributes.
    Inline,
    /// The notice of a long table: only the code, by which the filter finds the row again in
    /// the data it loads from [`crate::domain::Output::TableData`].
    Code,
}

fn row_html(
    tera: &Tera,
    rows: &[OccupationRow],
    data: RowData,
    site_view: Option<&SiteView>,
) -> Result<Vec<String>, tera::Error> {
    rows.par_iter()
        .map(|row| {
            let mut context = Context::new();
            if let Some(view) = site_view {
                context.insert("site", view);
            }
            context.insert("row", row);
            context.insert("filter", &(data != RowData::None));
            context.insert("inline_data", &(data == RowData::Inline));
            // Tera reserves kilobytes per render; 20,000 kept rows would hold them all.
            tera.render("partials/occupation_row.html", &context).map(|mut html| {
                html.shrink_to_fit();
                html
            })
        })
        .collect()
}
