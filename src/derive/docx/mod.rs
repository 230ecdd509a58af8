//! A blank form as a Word document (.docx), for applicants who fill it in with Word, WPS or
//! LibreOffice, print, sign and stamp it.
//!
//! The form is read from its parsed [`Document`](crate::markdown::Document), the same one the
//! HTML page is made from, and laid out the way Chinese official documents are (GB/T 9704): A4, margins
//! 37/35/28/26 mm, 附件N in 黑体 at the top left, the title in bold 宋体 二号, headings in 黑体
//! 三号, body text in 仿宋 三号 on a fixed 28 pt line, page numbers "— N —" at the foot.
//!
//! - **Tables** have fixed layout, a `w:tblGrid` whose columns add up to the text width, and a
//!   width in twips on every cell: WPS ignores auto-fit. Label columns are as wide as their
//!   labels on one line (up to 8 characters); columns left blank to write in are at least
//!   1.8 cm and share the rest; column headings wrap into even lines, before a bracket where
//!   they can (拟申报职业 / （工种）). Rows with a cell to write in are at least 1 cm high. A
//!   cell holding only `<` merges into its left neighbour (`w:gridSpan`). Tables with more
//!   than four columns use 小四 or 五号 so their headings stay on three lines at most. No row
//!   breaks across pages (`w:cantSplit`), and a table's heading row is repeated at the top of
//!   every page it runs onto (`w:tblHeader`, which docx-rs lacks: [`header_rows`] writes it).
//! - **Blanks** (runs of underscores) become underlined non-breaking spaces half an em per
//!   underscore: Word does not underline ordinary spaces at the end of a line.
//! - **Fill-in lines** (paragraphs with a blank) are not indented; those after the body text
//!   (signature, stamp and date lines) are set flush right.
//! - **Checkbox options** in a cell (`企业□ 行业协会□ …`) are set on a tab grid so that no
//!   option is broken across lines.
//!
//! - **Word's reading order**: docx-rs writes some properties out of schema order (`w:rFonts`
//!   after `w:b`), which Word may ignore; [`schema_order`](schema_order::schema_order) sorts them
//!   (paragraph, run, row and section properties) after the build.
//!
//! The output is deterministic: paragraph ids are numbered here rather than by docx-rs's
//! thread-local counter, the core properties are written from the publication date, and
//! docx-rs stores every archive entry uncompressed with the fixed time 1980-01-01 00:00.

mod header_rows;
mod layout;
mod schema_order;
mod styles;
#[cfg(test)]
mod tests;
mod writer;

use docx_rs::PageMargin;

use styles::{FANGSONG, FONT_TABLE, SANHAO};
pub use styles::{MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH};

use crate::model::Form;

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("{}", crate::msg!("build.docx_failed", error = .0))]
    Write(String),
}

/// Writes `form` as a .docx; `date` is stamped as the document's creation date so that
/// rebuilding gives identical bytes.
pub fn form_docx(form: &Form, date: jiff::civil::Date) -> Result<Vec<u8>, DocxError> {
    let xml = parts(form, date, writer::Builder::new())?;
    let mut buffer = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buffer).map_err(|e| DocxError::Write(e.to_string()))?;
    Ok(buffer.into_inner())
}

/// The parts of the Word file the browser fills in: written by the same writer as
/// [`form_docx`], with a marker (`⟦单位名称⟧`) in each field's place, `⟦id#k⟧` for the k-th box
/// of an option group, one paragraph `⟦三、举办条件（一）⟧` under each outline item, and only the
/// first row of a repeating table, its 序号 as `⟦#⟧`; a title that names a field in brackets
/// (`（单位名称）…`) has `⟦title:单位名称⟧` in their place. Each entry is a path in the archive and
/// its text, in the order the blank file stores them.
pub fn fill_parts(form: &Form, date: jiff::civil::Date) -> Result<Vec<(String, String)>, DocxError> {
    let xml = parts(form, date, writer::Builder::filled())?;
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).map_err(|e| DocxError::Write(e.to_string()));
    if !xml.media.is_empty() || xml.taskpanes.is_some() || !xml.custom_items.is_empty() {
        return Err(DocxError::Write(crate::msg!("build.docx_unfillable")));
    }
    let mut out = vec![
        ("[Content_Types].xml".to_owned(), text(xml.content_type)?),
        ("_rels/.rels".to_owned(), text(xml.rels)?),
        ("docProps/app.xml".to_owned(), text(xml.doc_props.app)?),
        ("docProps/core.xml".to_owned(), text(xml.doc_props.core)?),
        ("docProps/custom.xml".to_owned(), text(xml.doc_props.custom)?),
        ("word/_rels/document.xml.rels".to_owned(), text(xml.document_rels)?),
        ("word/document.xml".to_owned(), text(xml.document)?),
        ("word/styles.xml".to_owned(), text(xml.styles)?),
        ("word/settings.xml".to_owned(), text(xml.settings)?),
        ("word/fontTable.xml".to_owned(), text(xml.font_table)?),
        ("word/comments.xml".to_owned(), text(xml.comments)?),
        ("word/numbering.xml".to_owned(), text(xml.numberings)?),
        ("word/commentsExtended.xml".to_owned(), text(xml.comments_extended)?),
        ("word/footnotes.xml".to_owned(), text(xml.footnotes)?),
    ];
    for (i, part) in xml.headers.into_iter().enumerate() {
        out.push((format!("word/header{}.xml", i + 1), text(part)?));
        if let Some(rels) = xml.header_rels.get(i) {
            out.push((format!("word/_rels/header{}.xml.rels", i + 1), text(rels.clone())?));
        }
    }
    for (i, part) in xml.footers.into_iter().enumerate() {
        out.push((format!("word/footer{}.xml", i + 1), text(part)?));
        if let Some(rels) = xml.footer_rels.get(i) {
            out.push((format!("word/_rels/footer{}.xml.rels", i + 1), text(rels.clone())?));
        }
    }
    Ok(out)
}

/// How the Word file sets what the fill page prints, for the page's print style to follow
/// (`static/assets/fill.js`): the title's size and each table's size, column widths and the
/// lines its headings are broken into.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PrintLayout {
    /// The title's size in half-points: 二号, or smaller for a long title.
    pub title: usize,
    /// Each table in document order.
    pub tables: Vec<TableLayout>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TableLayout {
    /// The size of its text in half-points.
    pub size: usize,
    /// Its column widths in twips, which add up to [`TEXT_WIDTH`].
    pub widths: Vec<usize>,
    /// The lines of each cell of its heading row (none where the cell is not broken into
    /// lines); empty for a table without one.
    pub heading: Vec<Vec<String>>,
}

pub fn print_layout(form: &Form) -> PrintLayout {
    let tables = writer::pieces(&form.document)
        .iter()
        .filter_map(|piece| match piece {
            writer::Piece::Table(grid) => Some(grid),
            _ => None,
        })
        .map(|grid| {
            let size = layout::table_size(grid.columns);
            let widths = writer::grid_widths(grid, &layout::column_needs(grid));
            let mut heading = Vec::new();
            if let Some(row) = grid.rows.first().filter(|_| grid.header) {
                let mut column = 0;
                for cell in row {
                    let end = (column + cell.span).min(widths.len());
                    let width = widths[column.min(end)..end].iter().sum();
                    heading.push(writer::cell_lines(cell, width, size, true).unwrap_or_default());
                    column = end;
                }
            }
            TableLayout { size, widths, heading }
        })
        .collect();
    PrintLayout { title: layout::title_size(&writer::clean_text(&form.heading)), tables }
}

/// The form's Word parts as `doc` writes them.
fn parts(form: &Form, date: jiff::civil::Date, mut doc: writer::Builder) -> Result<docx_rs::XMLDocx, DocxError> {
    let pieces = writer::pieces(&form.document);
    doc.front(form);
    doc.body(&pieces);
    let footer = doc.footer();
    let stamp = format!("{date}T00:00:00Z");
    let docx = doc
        .docx
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(851)
                .footer(992)
                .gutter(0),
        )
        .footer(footer)
        .default_fonts(FANGSONG.fonts())
        .default_size(SANHAO)
        .created_at(&stamp)
        .updated_at(&stamp);
    let mut xml = docx.build();
    xml.doc_props.core = core_properties(&form.title, &stamp).into_bytes();
    xml.font_table = font_table().into_bytes();
    let reordered = |part: &[u8]| {
        schema_order::reordered(part)
            .map_err(|e| DocxError::Write(format!("docx-rs wrote a part that is not UTF-8: {e}")))
    };
    let document = std::str::from_utf8(&xml.document)
        .map_err(|e| DocxError::Write(format!("docx-rs wrote a part that is not UTF-8: {e}")))?;
    let document = header_rows::mark_header_rows(document, &doc.header_rows);
    xml.document = reordered(document.as_bytes())?;
    xml.styles = reordered(&xml.styles)?;
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        *part = reordered(part)?;
    }
    Ok(xml)
}

/// `docProps/core.xml` with the title; docx-rs offers no setter for it.
fn core_properties(title: &str, stamp: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#,
            r#"</cp:coreProperties>"#
        ),
        title = crate::xml::escape(&writer::clean_text(title)),
        stamp = crate::xml::escape(stamp),
    )
}

/// `word/fontTable.xml` naming each Chinese font with its Latin name as the alternative, so
/// Word and WPS find 仿宋 as FangSong (and the reverse) on any system.
fn font_table() -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    for (name, alt, panose, charset, family, pitch) in FONT_TABLE {
        out.push_str(&format!(r#"<w:font w:name="{name}">"#));
        if !alt.is_empty() {
            out.push_str(&format!(r#"<w:altName w:val="{alt}"/>"#));
        }
        out.push_str(&format!(
            r#"<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        ));
    }
    out.push_str("</w:fonts>");
    out
}
