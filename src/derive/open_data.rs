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

pub fn csv(site: &Site) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
    let rows = std::iter::once(HEADERS.map(str::to_owned)).chain(site.occupations.iter().map(cells));
    for row in rows {
        writer.write_record(row.iter().map(|c| neutralise(c))).expect("writing into a Vec cannot fail");
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
    let mut bytes = serde_json::to_vec_pretty(&dataset).expect("the dataset has only string keys");
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
        sheet.write_number_with_format(row, 0, o.seq, &cell)?;
        // Strings, never formulas: write_string stores the text as it is.
        sheet.write_string_with_format(row, 1, &o.name, &cell)?;
        sheet.write_string_with_format(row, 2, o.code.to_string(), &cell)?;
        sheet.write_string_with_format(row, 3, o.levels.to_string(), &cell)?;
        sheet.write_number_with_format(row, 4, o.count, &cell)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, site.occupations.len() as u32, 4)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("-3"), "'-3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("保育师"), "保育师");
        assert_eq!(neutralise("4-10-01-03"), "4-10-01-03");
    }
}
