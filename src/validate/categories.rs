//! `data/categories.csv`: the names of the 大类 and 中类 in use, `编码,名称`.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::domain::CategoryKey;
use crate::load::TextFile;
use crate::load::sheet_rows::SheetRows;
use crate::msg;

const CODE: &str = "编码";
const NAME: &str = "名称";

/// Category names and the file they came from (for messages that point there).
#[derive(Debug, Default)]
pub struct Categories {
    pub path: String,
    pub names: BTreeMap<CategoryKey, String>,
}

pub fn categories(file: &TextFile, diags: &mut Diagnostics) -> Categories {
    let mut out = Categories { path: file.path.clone(), names: BTreeMap::new() };
    let rows = SheetRows::new(&file.text, b',');
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(file.text.as_bytes());
    let mut seen: BTreeMap<CategoryKey, usize> = BTreeMap::new();
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                diags.error(&file.path, rows.of(&file.text, e.position()), None, msg!("table.bad_row", error = e));
                continue;
            }
        };
        let line = rows.of(&file.text, record.position()).unwrap_or(index + 1);
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if index == 0 {
            if cells != [CODE, NAME] {
                diags.error(&file.path, Some(line), None, msg!("validate.header", header = format!("{CODE},{NAME}")));
                return out;
            }
            continue;
        }
        match cells.as_slice() {
            [] | [""] | ["", ""] => {}
            [code, name] => match CategoryKey::parse(code) {
                None => diags.error(
                    &file.path,
                    Some(line),
                    Some(CODE),
                    msg!("categories.not_a_key", code = crate::limits::excerpt(code)),
                ),
                Some(_) if name.is_empty() => {
                    diags.error(&file.path, Some(line), Some(NAME), msg!("categories.name_empty"))
                }
                Some(key) => {
                    if let Some(first) = seen.insert(key, line) {
                        diags.error(
                            &file.path,
                            Some(line),
                            Some(CODE),
                            msg!("categories.twice", key = key, first = first),
                        );
                    }
                    out.names.insert(key, (*name).to_owned());
                }
            },
            _ => diags.error(
                &file.path,
                Some(line),
                None,
                msg!("categories.width", found = cells.len(), header = format!("{CODE},{NAME}")),
            ),
        }
    }
    out
}
