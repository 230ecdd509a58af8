//! The summary table as open data: CSV (UTF-8 with BOM, for Excel), XLSX and JSON.
//!
//! Spreadsheets treat a cell starting with `=`, `+`, `-`, `@`, tab or CR as a formula, so
//! such cells are prefixed with `'` in CSV and written as plain strings in XLSX.

use serde::Serialize;

use crate::model::columns::HEADERS;
use crate::model::{Occupation, Site};

/// Excel needs the BOM to read UTF-8 CSV as UTF-8 rather than the locale's GBK.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn cells(o: &Occupation) -> [String; 5] {
    [o.seq.to_string(), o.name.clone(), o.code.to_string(), o.levels.to_string(), o.count.to_string()]
}

/// A cell made harmless for spreadsheets.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_owned() }
}

/// What a CSV copy of the table is for. Both have one shape: the notice's headings, then one
/// row per occupation in the notice's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvUse {
    /// The download, for Excel: a BOM, CRLF line ends, formula cells neutralised.
    Download,
    /// A release snapshot under `data/releases/`, read back by validation: the cells as they
    /// are, LF line ends.
    Snapshot,
}

/// The table as CSV.
pub fn table_csv(occupations: &[Occupation], purpose: CsvUse) -> Vec<u8> {
    let (start, terminator) = match purpose {
        CsvUse::Download => (BOM.to_vec(), csv::Terminator::CRLF),
        CsvUse::Snapshot => (Vec::new(), csv::Terminator::Any(b'\n')),
    };
    let mut writer = csv::WriterBuilder::new().terminator(terminator).from_writer(start);
    let rows = std::iter::once(HEADERS.map(str::to_owned)).chain(occupations.iter().map(cells));
    for row in rows {
        let written = match purpose {
            CsvUse::Download => writer.write_record(row.iter().map(|c| neutralise(c))),
            CsvUse::Snapshot => writer.write_record(&row),
        };
        written.expect("writing into a Vec cannot fail");
    }
    writer.into_inner().expect("flushing into a Vec cannot fail")
}

#[derive(Serialize)]
struct Dataset<'a> {
    title: &'a str,
    publisher: &'a str,
    publish_date: String,
    columns: [&'a str; 5],
    occupations: Vec<Record<'a>>,
}

#[derive(Serialize)]
struct Record<'a> {
    seq: u32,
    name: &'a str,
    code: String,
    /// Level numbers, lowest level (5) first, as the notice writes them.
    levels: Vec<u8>,
    levels_text: String,
    levels_label: String,
    count: u32,
    major: Category<'a>,
    middle: Category<'a>,
}

#[derive(Serialize)]
struct Category<'a> {
    code: String,
    name: &'a str,
}

pub fn json(site: &Site) -> Vec<u8> {
    let occupations = site
        .occupations
        .iter()
        .map(|o| Record {
            seq: o.seq,
            name: &o.name,
            code: o.code.to_string(),
            levels: o.levels.levels().map(|l| l.number()).collect(),
            levels_text: o.levels.to_string(),
            levels_label: o.levels.label(),
            count: o.count,
            major: Category { code: o.code.major().to_string(), name: site.category_name(o.code.major()) },
            middle: Category { code: o.code.middle().to_string(), name: site.category_name(o.code.middle()) },
        })
        .collect();
    let dataset = Dataset {
        title: &site.notice.title,
        publisher: &site.config.notice.authority,
        publish_date: site.publish_date.to_string(),
        columns: HEADERS,
        occupations,
    };
    // Compact, not pretty-printed: indentation was half the file (10,000 rows: 4.7 → 2.9 MB);
    // programs read it either way and browsers show JSON indented.
    let mut bytes = serde_json::to_vec(&dataset).expect("the dataset has only string keys");
    bytes.push(b'\n');
    bytes
}

pub fn xlsx(site: &Site) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};
    let mut workbook = Workbook::new();
    let date = site.publish_date;
    let created = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&site.notice.title)
            .set_author(&site.config.notice.authority)
            .set_creation_datetime(&created),
    );
    let sheet = workbook.add_worksheet();
    sheet.set_name("遴选职业（工种）汇总表")?;
    let header = Format::new().set_bold().set_border(FormatBorder::Thin).set_background_color("F2F2F2");
    let cell = Format::new().set_border(FormatBorder::Thin);
    // Widths in Excel character units; Chinese characters count about two.
    for (col, width) in [6.0, 28.0, 14.0, 14.0, 16.0].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    for (col, title) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &header)?;
    }
    for (i, o) in site.occupations.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number(row, 0, o.seq)?;
        // Strings, never formulas: write_string stores the text as it is.
        sheet.write_string(row, 1, &o.name)?;
        sheet.write_string(row, 2, o.code.to_string())?;
        sheet.write_string(row, 3, o.levels.to_string())?;
        sheet.write_number(row, 4, o.count)?;
    }
    // One format for the whole range: the writer looks a format up per cell it is given with
    // (a hash of the whole format): at 10,000 rows that was a fifth of the table's time.
    if let Some(last) = u32::try_from(site.occupations.len()).ok().filter(|&n| n > 0) {
        sheet.set_range_format(1, 0, last, 4, &cell)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, site.occupations.len() as u32, 4)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::load::TextFile;

    fn table() -> Vec<Occupation> {
        let text = "序号,职业（工种）,职业编码,等级范围,拟遴选机构数量\n1,保育师,4-10-01-03,5-3,1\n2,\"=HYPERLINK(1)\",4-10-01-06,3、2、1,2\n";
        let file = TextFile { path: "t.csv".into(), text: text.into() };
        let mut diags = Diagnostics::default();
        let occupations = crate::validate::table::occupations(&file, None, &mut diags);
        assert!(!diags.has_errors() && occupations.len() == 2, "{diags:?}");
        occupations
    }

    #[test]
    fn a_snapshot_reads_back_as_the_same_table() {
        let occupations = table();
        let snapshot = String::from_utf8(table_csv(&occupations, CsvUse::Snapshot)).expect("UTF-8");
        assert!(snapshot.starts_with("序号,") && !snapshot.contains('\r'), "{snapshot}");
        let file = TextFile { path: "s.csv".into(), text: snapshot };
        let mut diags = Diagnostics::default();
        assert_eq!(crate::validate::table::occupations(&file, None, &mut diags), occupations);
        assert!(diags.iter().next().is_none(), "the snapshot is in the notice's spelling: {diags:?}");
    }

    #[test]
    fn the_download_is_for_excel() {
        let download = table_csv(&table(), CsvUse::Download);
        let text = std::str::from_utf8(download.strip_prefix(BOM).expect("a BOM")).expect("UTF-8");
        assert!(text.contains("5、4、3,1\r\n") && text.contains(",'=HYPERLINK(1),"), "{text}");
    }

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("-3"), "'-3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("保育师"), "保育师");
        assert_eq!(neutralise("4-10-01-03"), "4-10-01-03");
    }
}
