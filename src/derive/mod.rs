//! Stage 4b, derive: every file of the site but the HTML pages, computed from the model. The
//! downloads (the Word forms and the open-data table) are made before the pages so pages can
//! show their sizes; [`site_files`] (the search index, the table's data, the feed, the
//! sitemap, `robots.txt`) beside them. Each file's path comes from [`Output`].

pub mod calendar;
pub mod docx;
pub mod feed;
pub mod open_data;
pub mod search;
pub mod sitemap;
pub mod table_data;

use serde::Serialize;

use crate::domain::{OpenData, Output, Page};
use crate::history::History;
use crate::load::FORMS_DIR;
use crate::model::{PreparedOccupation, Site};
use open_data::CsvUse;

/// A downloadable file and what the attachment lists say about it.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    /// Path in the output, ASCII only: `downloads/application.docx`.
    pub path: String,
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// The Chinese file name offered by the link's `download` attribute.
    pub file_name: String,
    /// `Word 文档`, `CSV 表格`…
    pub format: &'static str,
    /// `.docx`
    pub extension: &'static str,
    /// `23 KB`
    pub size: String,
    /// The form this file is a copy of, if any.
    pub form: Option<String>,
}

impl Download {
    fn new(
        path: String,
        bytes: Vec<u8>,
        file_name: String,
        format: &'static str,
        extension: &'static str,
        form: Option<String>,
    ) -> Download {
        let size = human_size(bytes.len());
        Download { path, bytes, file_name, format, extension, size, form }
    }
}

/// A download that could not be made: the file to name in the message, and the message.
pub type DownloadError = (String, String);

/// The open data's files, as the attachment lists name them.
const TABLE_NAME: &str = "附件1 遴选职业（工种）汇总表";

/// Every download of the site, forms first (in attachment order), then the open data.
pub fn downloads(site: &Site) -> Vec<Result<Download, DownloadError>> {
    let (xlsx, others) = rayon::join(|| xlsx(site), || other_downloads(site));
    in_order(others, xlsx)
}

/// Every download but the Excel table, the slowest to make: the preview shows a page before
/// it is made when the page does not show its size.
pub fn other_downloads(site: &Site) -> Vec<Result<Download, DownloadError>> {
    let mut out = Vec::new();
    for form in &site.forms {
        out.push(match docx::form_docx(form, site.publish_date) {
            Ok(bytes) => Ok(Download::new(
                Output::FormDocx(&form.slug).path(),
                bytes,
                format!("附件{} {}.docx", form.attachment, form.title),
                "Word 文档",
                ".docx",
                Some(form.slug.clone()),
            )),
            Err(e) => Err((format!("{FORMS_DIR}/{}.md", form.slug), e.to_string())),
        });
    }
    let (csv, json) =
        rayon::join(|| open_data::table_csv(&site.occupations, CsvUse::Download), || open_data::json(site));
    out.push(Ok(Download::new(
        Output::OpenData(OpenData::Csv).path(),
        csv,
        format!("{TABLE_NAME}.csv"),
        "CSV 表格（UTF-8）",
        ".csv",
        None,
    )));
    out.push(Ok(Download::new(
        Output::OpenData(OpenData::Json).path(),
        json,
        format!("{TABLE_NAME}.json"),
        "JSON 数据",
        ".json",
        None,
    )));
    out
}

/// The table as an Excel file.
pub fn xlsx(site: &Site) -> Result<Download, DownloadError> {
    open_data::xlsx(site).map(xlsx_download).map_err(|e| (Output::OpenData(OpenData::Xlsx).path(), e.to_string()))
}

/// The Excel download holding `bytes` (the preview lists it with no bytes until it is made).
pub fn xlsx_download(bytes: Vec<u8>) -> Download {
    Download::new(
        Output::OpenData(OpenData::Xlsx).path(),
        bytes,
        format!("{TABLE_NAME}.xlsx"),
        "Excel 表格",
        ".xlsx",
        None,
    )
}

/// [`other_downloads`] with the Excel table where the lists show it: after the CSV.
pub fn in_order(
    mut others: Vec<Result<Download, DownloadError>>,
    xlsx: Result<Download, DownloadError>,
) -> Vec<Result<Download, DownloadError>> {
    let csv = Output::OpenData(OpenData::Csv).path();
    let at = others.iter().position(|d| matches!(d, Ok(d) if d.path == csv)).map_or(others.len(), |i| i + 1);
    others.insert(at, xlsx);
    others
}

/// The files made from the whole model rather than page by page, path and bytes, each made
/// when the iterator reaches it (so one is held at a time): the search index, the table's data
/// (for the notice's filter and the fill pages' pickers), the feed, the sitemap of `pages` and
/// `robots.txt`. `prepared` holds every occupation, in 序号 order.
pub fn site_files<'a>(
    site: &'a Site,
    history: &'a History,
    prepared: &'a [PreparedOccupation],
    pages: impl Iterator<Item = Page<'a>> + 'a,
) -> impl Iterator<Item = (String, Vec<u8>)> + 'a {
    use std::iter::once_with;
    let index = once_with(move || search::files(site, prepared)).flatten();
    let table = once_with(move || (Output::TableData.path(), table_data::json(site, prepared)));
    let atom = once_with(move || (Output::Feed.path(), feed::atom(site, history).into_bytes()));
    let calendar =
        once_with(move || calendar::deadline_ics(site, history).map(|ics| (Output::Calendar.path(), ics))).flatten();
    let sitemaps = once_with(move || sitemap::sitemaps(site, history, pages))
        .flatten()
        .map(|(file, xml)| (file.path(), xml.into_bytes()));
    let robots = once_with(move || (Output::Robots.path(), sitemap::robots(site).into_bytes()));
    index.chain(table).chain(atom).chain(calendar).chain(sitemaps).chain(robots)
}

/// The files [`site_files`] makes for a site of `pages` pages but the search shards, named by
/// a hash of their bytes: what a static file may not replace.
pub fn site_file_names(pages: usize) -> impl Iterator<Item = Output<'static>> {
    [Output::SearchIndex, Output::TableData, Output::Feed, Output::Calendar, Output::Sitemap, Output::Robots]
        .into_iter()
        .chain(sitemap::parts(pages))
}

/// Sizes as the attachment list shows them: `812 B`, `8.4 KB`, `23 KB`, `1.2 MB`.
pub fn human_size(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    match bytes {
        0..1024 => format!("{bytes} B"),
        _ if b < 10.0 * KB => format!("{:.1} KB", b / KB),
        _ if b < KB * KB => format!("{:.0} KB", b / KB),
        _ => format!("{:.1} MB", b / KB / KB),
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(8600), "8.4 KB");
        assert_eq!(human_size(23 * 1024 + 100), "23 KB");
        assert_eq!(human_size(1_300_000), "1.2 MB");
    }
}
