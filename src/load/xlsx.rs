//! `data/occupations.xlsx`, the sheet staff already keep, read as the same CSV text the table
//! validator reads: row N of the sheet is line N, so messages point at the right row.
//!
//! The sheet read is the first one staff can see: a hidden sheet before it (an old copy, a
//! lookup list) is passed over, with a warning naming both. Before calamine reads anything,
//! the sizes the file declares are checked against [`crate::limits`]: every XML part's
//! inflated size (the zip reader then refuses to inflate a part beyond what it declared), and
//! the shared strings' `uniqueCount`, which calamine reserves room for at once. The cells are
//! read one at a time, never as calamine's `Range`, whose grid spans the first to the last cell:
//! one cell at the sheet's far corner would ask for seventeen billion.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, SheetType, SheetVisible, Xlsx};

use crate::limits;
use crate::msg;

/// The sheet read, and what staff should know about which sheet it was.
pub struct Sheet {
    pub csv: String,
    pub notes: Vec<String>,
}

/// The first visible worksheet as CSV text.
pub fn to_csv(bytes: &[u8]) -> Result<Sheet, String> {
    check_parts(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| msg!("load.xlsx_unreadable", error = limits::cut(&e.to_string(), 200)))?;
    let worksheets: Vec<calamine::Sheet> =
        workbook.sheets_metadata().iter().filter(|s| s.typ == SheetType::WorkSheet).cloned().collect();
    let first = worksheets.first().ok_or_else(|| msg!("load.xlsx_no_sheet"))?;
    let visible: Vec<&calamine::Sheet> = worksheets.iter().filter(|s| s.visible == SheetVisible::Visible).collect();
    let chosen = visible.first().ok_or_else(|| msg!("limits.no_visible_sheet"))?;
    let name = chosen.name.clone();
    let mut notes = Vec::new();
    if chosen.name != first.name {
        let hidden: Vec<String> = worksheets.iter().take_while(|s| s.name != name).map(|s| quoted(&s.name)).collect();
        notes.push(msg!(
            "limits.hidden_sheets_skipped",
            sheet = name,
            hidden = hidden.join(&msg!("import.separator.list"))
        ));
    }
    // Enough to name: a workbook of thousands of sheets is not worth reading them all for.
    const LOOKED_AT: usize = 20;
    let mut filled = Vec::new();
    for other in visible.iter().skip(1).take(LOOKED_AT) {
        if has_content(&mut workbook, &other.name) {
            filled.push(quoted(&other.name));
        }
    }
    if !filled.is_empty() {
        notes.push(msg!("limits.other_sheets", sheet = name, others = filled.join(&msg!("import.separator.list"))));
    }
    let cells = cells(&mut workbook, &name)?;
    Ok(Sheet { csv: csv_text(&cells)?, notes })
}

/// A sheet's name as messages quote a value.
fn quoted(name: &str) -> String {
    msg!("limits.sheet_name", name = limits::excerpt(name))
}

/// Refuses a workbook an XML part of which inflates beyond [`limits::PART_BYTES`], all of
/// them together beyond [`limits::ARCHIVE_BYTES`], or whose shared strings declare more than
/// [`limits::SHARED_STRINGS`]. Other parts (pictures) are never read.
fn check_parts(bytes: &[u8]) -> Result<(), String> {
    let unreadable = |e: zip::result::ZipError| msg!("load.xlsx_unreadable", error = e);
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive.by_index(i).map_err(unreadable)?;
        let name = part.name().map_err(unreadable)?.into_owned();
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        if part.size() > limits::PART_BYTES {
            return Err(msg!("limits.part_too_large", part = name, limit = limits::megabytes(limits::PART_BYTES)));
        }
        total = total.saturating_add(part.size());
        if total > limits::ARCHIVE_BYTES {
            return Err(msg!("limits.archive_too_large", limit = limits::megabytes(limits::ARCHIVE_BYTES)));
        }
        if lower.ends_with("sharedstrings.xml") {
            let declared = unique_count(part.take(limits::PART_BYTES))
                .map_err(|e| msg!("load.xlsx_unreadable", error = format!("{name}: {e}")))?;
            if declared > limits::SHARED_STRINGS {
                let limit = limits::SHARED_STRINGS;
                return Err(msg!("limits.shared_strings", part = name, count = declared, limit = limit));
            }
        }
    }
    Ok(())
}

/// The `uniqueCount` of the shared-string table's `<sst>` element, as calamine reads it (0
/// when absent or not a number, which calamine ignores too).
fn unique_count(part: impl Read) -> Result<u64, quick_xml::Error> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sst" => {
                let Some(value) = e.try_get_attribute("uniqueCount").map_err(quick_xml::Error::from)? else {
                    return Ok(0);
                };
                let digits = value.value.as_ref();
                return Ok(match digits.parse::<u64>() {
                    Ok(n) => n,
                    // Digits too many for a number are more than the limit, whatever calamine
                    // makes of them.
                    Err(_) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => u64::MAX,
                    Err(_) => 0,
                });
            }
            Event::Eof => return Ok(0),
            _ => {}
        }
    }
}

/// Whether the sheet has a cell with a value.
fn has_content(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> bool {
    let Ok(mut reader) = workbook.worksheet_cells_reader(name) else { return false };
    while let Ok(Some(cell)) = reader.next_cell() {
        if !matches!(cell.get_value(), calamine::DataRef::Empty) {
            return true;
        }
    }
    false
}

/// The cells with a value: (row, column, text), in the order the sheet holds them.
struct Cells {
    cells: Vec<(u32, u32, String)>,
    rows: (u32, u32),
    columns: (u32, u32),
}

/// Reads the sheet's cells one by one, refusing as soon as the range they span holds more
/// than [`limits::SHEET_CELLS`]: the CSV text has a field for every cell of that range.
fn cells(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Cells, String> {
    let unreadable = |e: calamine::XlsxError| {
        msg!("load.xlsx_sheet_unreadable", sheet = name, error = limits::cut(&e.to_string(), 200))
    };
    let mut reader = workbook.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut out = Cells { cells: Vec::new(), rows: (u32::MAX, 0), columns: (u32::MAX, 0) };
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        out.rows = (out.rows.0.min(row), out.rows.1.max(row));
        out.columns = (out.columns.0.min(column), out.columns.1.max(column));
        let rows = u64::from(out.rows.1 - out.rows.0) + 1;
        let columns = u64::from(out.columns.1 - out.columns.0) + 1;
        if rows.saturating_mul(columns) > limits::SHEET_CELLS {
            let cell = reference(row, column);
            let limit = limits::SHEET_CELLS;
            return Err(msg!(
                "limits.sheet_too_large",
                sheet = name,
                rows = rows,
                columns = columns,
                cell = cell,
                limit = limit
            ));
        }
        if out.cells.len() as u64 >= limits::SHEET_CELLS {
            // The same cell written again and again spans no range, but is held all the same.
            return Err(msg!("limits.sheet_cells", sheet = name, limit = limits::SHEET_CELLS));
        }
        out.cells.push((row, column, cell_text(&value)));
    }
    Ok(out)
}

/// `XFD1048576` for the 0-based (1048575, 16383).
fn reference(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// The range the cells span as CSV: one line a row from the first row of the sheet (rows
/// before the first cell as empty lines), one field a column from the first column used.
fn csv_text(cells: &Cells) -> Result<String, String> {
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let mut sorted: Vec<&(u32, u32, String)> = cells.cells.iter().collect();
    // Stable: of two cells at one place, the later in the sheet wins, as in calamine's grid.
    sorted.sort_by_key(|(row, column, _)| (*row, *column));
    if !sorted.is_empty() {
        let (first_row, last_row) = cells.rows;
        let (first_column, last_column) = cells.columns;
        let width = (last_column - first_column) as usize + 1;
        for _ in 0..first_row {
            writer.write_record([""]).map_err(|e| e.to_string())?;
        }
        let mut next = sorted.iter().peekable();
        let mut record = vec![""; width];
        for row in first_row..=last_row {
            record.iter_mut().for_each(|field| *field = "");
            while let Some((_, column, text)) = next.next_if(|(r, _, _)| *r == row) {
                record[(column - first_column) as usize] = text;
            }
            writer.write_record(&record).map_err(|e| e.to_string())?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// A cell as staff see it: whole numbers without `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_as_excel_writes_them() {
        assert_eq!(reference(0, 0), "A1");
        assert_eq!(reference(9, 25), "Z10");
        assert_eq!(reference(0, 26), "AA1");
        assert_eq!(reference(1_048_575, 16_383), "XFD1048576");
    }
}
