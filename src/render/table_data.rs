//! `search/table.json`: every row of a table too long for the notice page, for the notice's
//! filter script (`static/assets/filter.js`), which shows the matching rows from it. Written
//! for every site: the fill pages' occupation pickers (`static/assets/fill.js`) read it too.
//!
//! Columnar: one array per field, in 序号 order, so the browser parses a few long arrays
//! rather than 10,000 small ones. What can be derived is not repeated on every row: the link
//! is `url` with the code in place of `{code}`, and a row's levels are an index into
//! `level_sets` (the range's numbers, as the notice writes it, in words; a table has at most
//! 31 distinct ranges). `spellings` is every pinyin spelling, spellings separated by `|`,
//! the preferred one first with its syllables separated by spaces, each other one as the
//! syllables where it differs (`xin xi tiao shi|2:diao`, see [`spellings`]): the filter derives
//! the sort key, the whole spellings and their initials from it, as search does.

use std::fmt::Write;

use serde::Serialize;

use super::view::OccupationRow;
use crate::model::PreparedOccupation;

/// Stands for a row's code in `url`.
const CODE: &str = "{code}";

#[derive(Serialize)]
struct TableData<'a> {
    url: String,
    /// `[numbers, text, label]`: `["5 4 3", "5、4、3", "五级/初级工 至 三级/高级工"]`.
    level_sets: Vec<[&'a str; 3]>,
    seq: Vec<u32>,
    name: Vec<&'a str>,
    code: Vec<&'a str>,
    levels: Vec<usize>,
    count: Vec<u32>,
    spellings: Vec<String>,
    aliases: Vec<&'a str>,
}

/// The data file of `rows`; `prepared` holds the same occupations in the same order.
pub fn json(rows: &[OccupationRow], prepared: &[PreparedOccupation]) -> Vec<u8> {
    let mut level_sets: Vec<[&str; 3]> = Vec::new();
    let levels = rows
        .iter()
        .map(|r| {
            let set = [r.levels_data.as_str(), r.levels_text.as_str(), r.levels_label.as_str()];
            level_sets.iter().position(|s| *s == set).unwrap_or_else(|| {
                level_sets.push(set);
                level_sets.len() - 1
            })
        })
        .collect();
    let data = TableData {
        url: url_template(rows),
        level_sets,
        seq: rows.iter().map(|r| r.seq).collect(),
        name: rows.iter().map(|r| r.name.as_str()).collect(),
        code: rows.iter().map(|r| r.code.as_str()).collect(),
        levels,
        count: rows.iter().map(|r| r.count).collect(),
        spellings: prepared.iter().map(|p| spellings(&p.spellings)).collect(),
        aliases: rows.iter().map(|r| r.aliases.as_str()).collect(),
    };
    serde_json::to_vec(&data).expect("strings and numbers always serialise")
}

/// A name's spellings (`xin xi tiao shi|xin xi diao shi`, preferred first) as the data file
/// writes them: the preferred one whole, then each other one as the syllables where it
/// differs from it, `index:syllable` separated by commas (`2:diao`), or whole after `=` when
/// that cannot be read back (another number of syllables, a comma in a syllable). Heteronym
/// spellings differ in a syllable or two, so this is a third of the whole spellings' size.
fn spellings(text: &str) -> String {
    let mut parts = text.split('|');
    let first = parts.next().unwrap_or_default();
    let preferred: Vec<&str> = first.split(' ').collect();
    let mut out = first.to_owned();
    for part in parts {
        out.push('|');
        let syllables: Vec<&str> = part.split(' ').collect();
        let mut changes = preferred.iter().zip(&syllables).enumerate().filter(|(_, (a, b))| a != b).peekable();
        if syllables.len() == preferred.len() && !part.contains(',') && changes.peek().is_some() {
            // Written into the line as they are found: a string per change was most of the
            // table data's time.
            for (n, (i, (_, b))) in changes.enumerate() {
                let _ = write!(out, "{}{i}:{b}", if n > 0 { "," } else { "" });
            }
        } else {
            out.push('=');
            out.push_str(part);
        }
    }
    out
}

/// Every row's link is made by `BaseUrl::occupation` the same way, so the first row's link
/// with its code replaced by `{code}` makes every link.
fn url_template(rows: &[OccupationRow]) -> String {
    rows.first()
        .and_then(|r| r.url.rsplit_once(r.code.as_str()).map(|(before, after)| format!("{before}{CODE}{after}")))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LevelSet, OccupationCode};
    use crate::model::Occupation;

    fn row(seq: u32, code: &str, levels: &str, text: &str, label: &str) -> OccupationRow {
        OccupationRow {
            seq,
            name: format!("职业{seq}"),
            code: code.to_owned(),
            url: format!("/rsj/occupations/{code}/"),
            levels_text: text.to_owned(),
            levels_label: label.to_owned(),
            levels_data: levels.to_owned(),
            count: seq,
            major: String::new(),
            middle: String::new(),
            pinyin: String::new(),
            readings: String::new(),
            aliases: String::new(),
        }
    }

    #[test]
    fn links_and_level_ranges_are_written_once_not_on_every_row() -> Result<(), Box<dyn std::error::Error>> {
        let rows = [
            row(1, "4-10-01-03", "5 4 3", "5、4、3", "五级 至 三级"),
            row(2, "4-03-02-07", "2 1", "2、1", "二级 至 一级"),
            row(3, "6-01-01-01", "5 4 3", "5、4、3", "五级 至 三级"),
        ];
        let occupations: Vec<Occupation> = rows
            .iter()
            .map(|r| -> Result<Occupation, Box<dyn std::error::Error>> {
                Ok(Occupation {
                    seq: r.seq,
                    name: r.name.clone(),
                    code: OccupationCode::parse(&r.code)?,
                    levels: LevelSet::parse(&r.levels_text)?,
                    count: r.count,
                    pinyin: None,
                })
            })
            .collect::<Result<_, _>>()?;
        let prepared: Vec<PreparedOccupation> = occupations.iter().map(PreparedOccupation::of).collect();
        let data: serde_json::Value = serde_json::from_slice(&json(&rows, &prepared))?;
        assert_eq!(data["url"], "/rsj/occupations/{code}/");
        for (i, r) in rows.iter().enumerate() {
            let code = data["code"][i].as_str().unwrap_or_default();
            assert_eq!(data["url"].as_str().map(|u| u.replace(CODE, code)), Some(r.url.clone()));
            let set = &data["level_sets"][data["levels"][i].as_u64().unwrap_or(99) as usize];
            assert_eq!(set, &serde_json::json!([r.levels_data, r.levels_text, r.levels_label]));
            assert_eq!(data["spellings"][i], spellings(&prepared[i].spellings).as_str());
        }
        assert_eq!(data["level_sets"].as_array().map(Vec::len), Some(2), "a range is written once");
        Ok(())
    }

    #[test]
    fn other_spellings_are_written_as_the_syllables_that_differ() {
        assert_eq!(spellings("bao yu shi"), "bao yu shi");
        assert_eq!(
            spellings("xin xi tiao shi|xin xi diao shi|xing xi diao shi"),
            "xin xi tiao shi|2:diao|0:xing,2:diao"
        );
        assert_eq!(spellings("tiao jiu shi|diao jiu"), "tiao jiu shi|=diao jiu", "another number of syllables");
        assert_eq!(spellings("a b|a,x b"), "a b|=a,x b", "a comma could not be read back");
        assert_eq!(spellings(""), "");
    }
}
