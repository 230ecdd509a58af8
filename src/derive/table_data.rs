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

use crate::domain::{LevelSet, Page};
use crate::model::{PreparedOccupation, Site};

/// Stands for a row's code in `url`.
const CODE: &str = "{code}";

#[derive(Serialize)]
struct TableData<'a> {
    url: String,
    /// `[numbers, text, label]`: `["5 4 3", "5、4、3", "五级/初级工 至 三级/高级工"]`.
    level_sets: Vec<[String; 3]>,
    seq: Vec<u32>,
    name: Vec<&'a str>,
    code: Vec<&'a str>,
    levels: Vec<usize>,
    count: Vec<u32>,
    spellings: Vec<String>,
    aliases: Vec<String>,
}

/// The data file of the table: `prepared` holds every occupation, in 序号 order. Each value
/// is written as the table's rows show it (`render/view.rs`, `row`), so that the rows the
/// filter makes from it look like the page's own.
pub fn json(site: &Site, prepared: &[PreparedOccupation]) -> Vec<u8> {
    // A table has at most 31 distinct ranges: each is put in words once.
    let mut sets: Vec<LevelSet> = Vec::new();
    let levels = prepared
        .iter()
        .map(|p| {
            let set = p.occupation.levels;
            sets.iter().position(|s| *s == set).unwrap_or_else(|| {
                sets.push(set);
                sets.len() - 1
            })
        })
        .collect();
    let data = TableData {
        url: url_template(site, prepared),
        level_sets: sets.into_iter().map(level_set).collect(),
        seq: prepared.iter().map(|p| p.occupation.seq).collect(),
        name: prepared.iter().map(|p| p.occupation.name.as_str()).collect(),
        code: prepared.iter().map(|p| p.code.as_str()).collect(),
        levels,
        count: prepared.iter().map(|p| p.occupation.count).collect(),
        spellings: prepared.iter().map(|p| spellings(&p.spellings)).collect(),
        aliases: prepared
            .iter()
            .map(|p| site.aliases.get(&p.occupation.code).map(|a| a.join(" ")).unwrap_or_default())
            .collect(),
    };
    serde_json::to_vec(&data).expect("strings and numbers always serialise")
}

/// A range as numbers (the filter's `data-levels`), as the notice writes it, and in words.
pub fn level_set(set: LevelSet) -> [String; 3] {
    let numbers: Vec<String> = set.levels().map(|l| l.number().to_string()).collect();
    [numbers.join(" "), set.to_string(), set.label()]
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

/// Every occupation's link is made by `BaseUrl::occupation` the same way, so the first one's
/// link with its code replaced by `{code}` makes every link.
fn url_template(site: &Site, prepared: &[PreparedOccupation]) -> String {
    prepared
        .first()
        .and_then(|p| {
            let url = site.base_url.page(Page::Occupation(p.occupation.code));
            url.rsplit_once(p.code.as_str()).map(|(before, after)| format!("{before}{CODE}{after}"))
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;

    #[test]
    fn links_and_level_ranges_are_written_once_not_on_every_row() -> Result<(), Box<dyn std::error::Error>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = Diagnostics::default();
        let site = crate::validate::validate(&crate::load::load(root, &mut diags), None, &mut diags)
            .ok_or("the shipped site validates")?;
        let prepared: Vec<PreparedOccupation> = site.occupations.iter().map(PreparedOccupation::of).collect();
        let data: serde_json::Value = serde_json::from_slice(&json(&site, &prepared))?;
        for (i, p) in prepared.iter().enumerate() {
            let code = data["code"][i].as_str().unwrap_or_default();
            let link = site.base_url.occupation(p.occupation.code);
            assert_eq!(data["url"].as_str().map(|u| u.replace(CODE, code)), Some(link));
            let set = &data["level_sets"][data["levels"][i].as_u64().unwrap_or(99) as usize];
            assert_eq!(set, &serde_json::json!(level_set(p.occupation.levels)));
            assert_eq!(data["spellings"][i], spellings(&p.spellings).as_str());
        }
        let mut ranges: Vec<String> = site.occupations.iter().map(|o| o.levels.to_string()).collect();
        ranges.sort();
        ranges.dedup();
        assert!(ranges.len() < prepared.len(), "the shipped table repeats a range");
        assert_eq!(data["level_sets"].as_array().map(Vec::len), Some(ranges.len()), "a range is written once");
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
