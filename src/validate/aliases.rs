//! `data/aliases.csv` (optional): the everyday words people type for an occupation,
//! `别名,职业编码`, one pair a row. An alias that names several occupations (保姆) takes one
//! row per code, so each row stays one checkable fact that staff can delete alone.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::Diagnostics;
use crate::domain::OccupationCode;
use crate::load::TextFile;
use crate::load::sheet_rows::SheetRows;
use crate::model::Occupation;
use crate::msg;

const ALIAS: &str = "别名";
const CODE: &str = "职业编码";
/// An alias is a word or two, not a sentence.
const MAX_ALIAS_CHARS: usize = 20;

/// Every occupation's aliases, in the file's order. Every problem is reported with the file,
/// line and column: an empty alias, a pair given twice (errors), a code that is not in the
/// table (a warning: the alias is left out).
pub fn aliases(
    file: &TextFile,
    occupations: &[Occupation],
    diags: &mut Diagnostics,
) -> BTreeMap<OccupationCode, Vec<String>> {
    let mut out: BTreeMap<OccupationCode, Vec<String>> = BTreeMap::new();
    let known: HashMap<OccupationCode, &str> = occupations.iter().map(|o| (o.code, o.name.as_str())).collect();
    let mut seen: HashMap<(String, OccupationCode), usize> = HashMap::new();
    let rows = SheetRows::new(&file.text, b',');
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(file.text.as_bytes());
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = rows.of(&file.text, e.position());
                diags.error(&file.path, line, None, msg!("table.bad_row", error = e));
                continue;
            }
        };
        let line = rows.of(&file.text, record.position()).unwrap_or(index + 1);
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if index == 0 {
            if cells != [ALIAS, CODE] {
                diags.error(&file.path, Some(line), None, msg!("validate.header", header = format!("{ALIAS},{CODE}")));
                return out;
            }
            continue;
        }
        let (alias, code) = match cells.as_slice() {
            [] | [""] | ["", ""] => continue,
            [alias, code] => (*alias, *code),
            _ => {
                let message = msg!("aliases.width", found = cells.len(), header = format!("{ALIAS},{CODE}"));
                diags.error(&file.path, Some(line), None, message);
                continue;
            }
        };
        if alias.is_empty() {
            diags.error(&file.path, Some(line), Some(ALIAS), msg!("aliases.empty"));
            continue;
        }
        if alias.chars().any(char::is_whitespace) || alias.chars().count() > MAX_ALIAS_CHARS {
            let message = msg!("aliases.not_a_word", alias = crate::limits::excerpt(alias), max = MAX_ALIAS_CHARS);
            diags.error(&file.path, Some(line), Some(ALIAS), message);
            continue;
        }
        let code = match OccupationCode::parse(code) {
            Ok(code) if known.contains_key(&code) => code,
            // A row the table no longer has (撤销) leaves its aliases behind: they are left
            // out with a warning rather than stopping the build the removal was made for.
            Ok(code) => {
                let message = msg!("aliases.code_unknown", code = code);
                diags.warning(&file.path, Some(line), Some(CODE), message);
                continue;
            }
            Err(e) => {
                diags.error(&file.path, Some(line), Some(CODE), e.to_string());
                continue;
            }
        };
        if known.get(&code).is_some_and(|name| *name == alias) {
            let message = msg!("aliases.own_name", alias = alias, code = code);
            diags.error(&file.path, Some(line), Some(ALIAS), message);
            continue;
        }
        if let Some(first) = seen.insert((alias.to_owned(), code), line) {
            let message = msg!("aliases.twice", alias = alias, code = code, first = first);
            diags.error(&file.path, Some(line), Some(ALIAS), message);
            continue;
        }
        out.entry(code).or_default().push(alias.to_owned());
    }
    out
}
