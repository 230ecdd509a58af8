//! `/forms/<name>/fill/`: a form to fill in, in the browser only. The page is the form's parsed
//! `Document` with an input for every field (`html.rs`); what `assets/fill.js` needs beside it
//! ships in the page as JSON (no request after load): the width of every blank, the parts
//! of the filled Word file with a marker in each field's place (`derive::docx::fill_parts`, the
//! writer of the blank `.docx`), and the title's size and the tables' sizes and column widths
//! in that file (`derive::docx::print_layout`), which the printed page follows. The occupation table for the picker is the notice filter's
//! data file ([`Output::TableData`], `derive/table_data.rs`), fetched as the page loads and read by the
//! filter's decoder (`assets/filter-data.js`): one copy of the table for the browser, not two.

mod html;

use serde::Serialize;

use super::view::{DownloadLink, FormHeading};
use crate::derive::docx::{self, DocxError};
use crate::domain::{Level, Output};
use crate::markdown::{Document, Inline};
use crate::model::{Form, Site};

pub use html::body;

/// Everything `fill.html` shows.
#[derive(Serialize)]
pub struct FillPage {
    #[serde(flatten)]
    pub form: FormHeading,
    pub body_html: String,
    /// The printable blank form and its Word copy, for readers without JavaScript.
    pub form_url: String,
    pub docx: Option<DownloadLink>,
    /// The JSON `fill.js` reads, safe inside `<script type="application/json">`.
    pub data_json: String,
    /// The table's data file, for a form with a table of occupations to pick: preloaded in the
    /// page's head, and the only request the page's policy lets it make.
    pub table_url: Option<String>,
    /// The field the title names (`（单位名称）…申报表`), which `fill.js` writes into the title
    /// as it is typed, and into the filled Word file's title at `marker`.
    pub title_field: Option<TitleField>,
}

/// The title around its field, and the field's shared key.
#[derive(Serialize)]
pub struct TitleField {
    pub before: String,
    pub placeholder: String,
    pub after: String,
    pub key: &'static str,
    pub marker: String,
}

/// What `fill.js` reads from the page.
#[derive(Serialize)]
struct Data<'a> {
    form: &'a str,
    /// The filled Word file's name: `附件2 社会评价组织再评估遴选申报表（已填写）.docx`.
    file_name: String,
    /// Every level's number and name, `[5, "五级"]`.
    levels: Vec<(u8, &'static str)>,
    /// Field id → the width in underscores of its blank: an empty blank stays a blank.
    blanks: std::collections::BTreeMap<String, usize>,
    /// The Word file's parts, markers in place.
    word: Vec<(String, String)>,
    /// How the Word file sets the title and the tables, which print follows.
    print: docx::PrintLayout,
    /// Where the occupations to pick come from ([`Output::TableData`]), for a form that picks them.
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<String>,
}

pub fn fill_page(site: &Site, form: &Form, docx: Option<DownloadLink>) -> Result<FillPage, DocxError> {
    let table_url =
        crate::markdown::fill::picks_occupations(&form.document).then(|| site.base_url.link_to(Output::TableData));
    let data = Data {
        form: &form.slug,
        file_name: format!("附件{} {}（已填写）.docx", form.attachment, form.title),
        levels: Level::ALL.iter().map(|l| (l.number(), l.name())).collect(),
        blanks: blanks(&form.document),
        word: docx::fill_parts(form, site.publish_date)?,
        print: docx::print_layout(form),
        table: table_url.clone(),
    };
    let json = serde_json::to_string(&data).map_err(|e| DocxError::Write(e.to_string()))?;
    Ok(FillPage {
        form: FormHeading::of(form),
        body_html: body(&form.document),
        form_url: site.base_url.form(&form.slug),
        docx,
        // `<` as an escape, so no `</script>` can end the block early.
        data_json: json.replace('<', "\\u003c"),
        table_url,
        title_field: crate::markdown::fill::title_field(&form.heading).map(|f| TitleField {
            before: f.before.to_owned(),
            placeholder: f.placeholder.to_owned(),
            after: f.after.to_owned(),
            key: f.key,
            marker: f.marker_id(),
        }),
    })
}

/// The blanks that are fields, with their widths.
fn blanks(document: &Document) -> std::collections::BTreeMap<String, usize> {
    fn walk(content: &[Inline], out: &mut std::collections::BTreeMap<String, usize>) {
        for inline in content {
            match inline {
                Inline::Blank(blank) => {
                    if let Some(field) = &blank.field {
                        out.insert(field.id.clone(), blank.width);
                    }
                }
                Inline::Strong(inner)
                | Inline::Emphasis(inner)
                | Inline::Link { content: inner, .. }
                | Inline::Image { alt: inner, .. } => walk(inner, out),
                _ => {}
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    for content in document.contents() {
        walk(content, &mut out);
    }
    out
}
