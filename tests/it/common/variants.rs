//! One table, saved the ways staff's programs save it: LF, CRLF and lone-CR line ends, Excel's
//! "CSV UTF-8" (BOM), Excel's "CSV" in a Chinese locale (GB18030), Excel's "Unicode text"
//! (UTF-16 with tabs), and the workbook itself (`data/occupations.xlsx`). Each keeps the rows
//! where Excel shows them, so a message names the same row in every variant.

/// A way of saving the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Lf,
    Crlf,
    Cr,
    /// UTF-8 with a byte-order mark and CRLF, as Excel's "CSV UTF-8（逗号分隔）" writes it.
    Bom,
    /// GB18030 with CRLF, as Excel's "CSV（逗号分隔）" writes it in a Chinese locale.
    Gb18030,
    /// UTF-16LE with a byte-order mark, tabs and CRLF: Excel's "Unicode 文本".
    Utf16,
    /// `data/occupations.xlsx`, whole numbers as number cells.
    Xlsx,
}

impl Variant {
    pub const ALL: [Variant; 7] =
        [Variant::Lf, Variant::Crlf, Variant::Cr, Variant::Bom, Variant::Gb18030, Variant::Utf16, Variant::Xlsx];

    /// The file the table is saved as, relative to the site root.
    pub fn path(self) -> &'static str {
        match self {
            Variant::Xlsx => "data/occupations.xlsx",
            _ => super::OCCUPATIONS_CSV,
        }
    }

    /// The part of the warning the loader gives for this encoding (not a mistake of the table).
    pub fn encoding_notice(self) -> Option<&'static str> {
        match self {
            Variant::Gb18030 => Some("按 GB18030/GBK 编码读取"),
            Variant::Utf16 => Some("按 UTF-16 编码读取"),
            _ => None,
        }
    }

    /// The table's bytes. `rows` are the sheet's rows from row 1 (the header); an empty row is
    /// a blank line (an empty row of the sheet).
    pub fn save(self, rows: &[Vec<String>]) -> Vec<u8> {
        match self {
            Variant::Lf => text(rows, ',', "\n").into_bytes(),
            Variant::Crlf => text(rows, ',', "\r\n").into_bytes(),
            Variant::Cr => text(rows, ',', "\r").into_bytes(),
            Variant::Bom => [b"\xEF\xBB\xBF".as_slice(), text(rows, ',', "\r\n").as_bytes()].concat(),
            Variant::Gb18030 => encoding_rs::GB18030.encode(&text(rows, ',', "\r\n")).0.into_owned(),
            Variant::Utf16 => {
                let text = text(rows, '\t', "\r\n");
                [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
            }
            Variant::Xlsx => workbook(rows),
        }
    }

    /// Replaces the site's table (`data/occupations.csv`) with this variant of `rows`.
    pub fn write_into(self, fixture: &super::Fixture, rows: &[Vec<String>]) {
        if self == Variant::Xlsx {
            std::fs::remove_file(fixture.path(super::OCCUPATIONS_CSV)).expect("remove the CSV beside the workbook");
        }
        fixture.write(self.path(), self.save(rows));
    }
}

/// The rows of a CSV text with one record per line (no line break inside a quoted cell), as
/// Excel shows them: a blank line is an empty row.
pub fn rows_of(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                return Vec::new();
            }
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(line.as_bytes());
            let mut records = reader.records();
            let record = records.next().and_then(Result::ok).unwrap_or_else(|| panic!("one record in `{line}`"));
            assert!(records.next().is_none(), "one record in `{line}`");
            record.iter().map(str::to_owned).collect()
        })
        .collect()
}

/// CSV text: a cell is quoted when it holds the delimiter, a quote or a line break.
fn text(rows: &[Vec<String>], delimiter: char, line_end: &str) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| {
                if cell.contains([delimiter, '"', '\r', '\n']) {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(&delimiter.to_string()));
        out.push_str(line_end);
    }
    out
}

/// The rows as the first sheet of a workbook; whole numbers as number cells, as Excel keeps
/// what staff type, the rest as text; empty cells left out.
fn workbook(rows: &[Vec<String>]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).expect("a small sheet");
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).expect("a narrow sheet");
            let number = cell.strip_prefix('-').unwrap_or(cell);
            let whole = !number.is_empty() && number.len() < 10 && number.bytes().all(|b| b.is_ascii_digit());
            let written = match cell.parse::<f64>() {
                Ok(n) if whole => sheet.write_number(r, c, n).map(|_| ()),
                _ if cell.is_empty() => Ok(()),
                _ => sheet.write_string(r, c, cell).map(|_| ()),
            };
            written.expect("write a cell");
        }
    }
    workbook.save_to_buffer().expect("save the workbook")
}
