//! `data/occupations.xlsx`, the sheet staff already keep, read as the same CSV text the table
//! validator reads: row N of the sheet is line N, so messages point at the right row.

use calamine::{Data, Reader, Xlsx};

/// The first worksheet as CSV text.
pub fn to_csv(bytes: &[u8]) -> Result<String, String> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| crate::msg!("load.xlsx_unreadable", error = e))?;
    let Some(name) = workbook.sheet_names().first().cloned() else {
        return Err(crate::msg!("load.xlsx_no_sheet"));
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| crate::msg!("load.xlsx_sheet_unreadable", sheet = name, error = e))?;
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    // Rows before the range's start (empty leading rows) still count as lines.
    let (first_row, _) = range.start().unwrap_or((0, 0));
    for _ in 0..first_row {
        writer.write_record([""]).map_err(|e| e.to_string())?;
    }
    for row in range.rows() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        writer.write_record(&cells).map_err(|e| e.to_string())?;
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
