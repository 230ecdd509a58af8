//! `search/table.json`: every row of a table too long for the notice page, for the notice's
//! filter script (`static/assets/filter.js`), which shows the matching rows from it.
//!
//! Rows are arrays in the order of `columns` (named once, not on every row), the same values
//! `partials/occupation_row.html` prints and the filter reads from a row's `data-*`.

use serde::Serialize;

use super::view::OccupationRow;

const COLUMNS: [&str; 11] =
    ["seq", "name", "code", "url", "levels_text", "levels_label", "levels", "count", "pinyin", "readings", "aliases"];

#[derive(Serialize)]
struct TableData<'a> {
    columns: [&'static str; 11],
    rows: Vec<DataRow<'a>>,
}

/// One row, in the order of `COLUMNS`; a tuple struct, so it is written as an array.
#[derive(Serialize)]
struct DataRow<'a>(u32, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, u32, &'a str, &'a str, &'a str);

pub fn json(rows: &[OccupationRow]) -> Vec<u8> {
    let data = TableData {
        columns: COLUMNS,
        rows: rows
            .iter()
            .map(|r| {
                DataRow(
                    r.seq,
                    r.name.as_str(),
                    r.code.as_str(),
                    r.url.as_str(),
                    r.levels_text.as_str(),
                    r.levels_label.as_str(),
                    r.levels_data.as_str(),
                    r.count,
                    r.pinyin.as_str(),
                    r.readings.as_str(),
                    r.aliases.as_str(),
                )
            })
            .collect(),
    };
    serde_json::to_vec(&data).expect("strings and numbers always serialise")
}
