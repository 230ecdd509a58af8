//! `data/occupations.csv` → [`Occupation`]s, with every problem pinned to line and column.

use std::collections::HashMap;

use crate::diagnostics::Diagnostics;
use crate::domain::{LevelRangeError, LevelSet, OccupationCode};
use crate::limits::excerpt;
use crate::load::TextFile;
use crate::load::sheet_rows::{SheetRows, delimiter};
use crate::model::Occupation;
use crate::model::columns::{CODE, COUNT, HEADERS, LEVELS, NAME, PINYIN, SEQ};
use crate::msg;
use crate::validate::categories::Categories;

const MAX_NAME_CHARS: usize = 100;

/// Column positions found in the header row.
struct Columns {
    required: [usize; 5],
    pinyin: Option<usize>,
    width: usize,
}

/// Reads the table. `categories` are the names from `data/categories.csv`: every 大类 and 中类
/// a code falls in must have one, or its pages would have no title. Past releases are read
/// without them (`None`): a withdrawn occupation's category may be gone; nor are their 序号
/// gaps reported, as a recorded release is never edited.
pub fn occupations(file: &TextFile, categories: Option<&Categories>, diags: &mut Diagnostics) -> Vec<Occupation> {
    let delimiter = delimiter(&file.text);
    let sheet_rows = SheetRows::new(&file.text, delimiter);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(file.text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(record)) => record,
        Some(Err(e)) => {
            diags.error(&file.path, Some(1), None, msg!("table.header_unreadable", error = e));
            return Vec::new();
        }
        None => {
            diags.error(&file.path, Some(1), None, msg!("table.empty", header = HEADERS.join(",")));
            return Vec::new();
        }
    };
    let Some(columns) = read_header(file, &header, diags) else {
        return Vec::new();
    };
    let mut rows = RowChecker {
        file,
        diags,
        columns,
        categories,
        seen_codes: HashMap::new(),
        seen_seqs: HashMap::new(),
        unnumbered: Vec::new(),
        out: Vec::new(),
    };
    for record in records {
        match record {
            Ok(record) => {
                let row = sheet_rows.of(&file.text, record.position()).unwrap_or(0);
                rows.check(&record, row)
            }
            Err(e) => {
                let line = sheet_rows.of(&file.text, e.position());
                rows.diags.error(&file.path, line, None, msg!("table.bad_row", error = e));
                rows.unnumbered.extend(line);
            }
        }
    }
    let RowChecker { out, diags, seen_seqs, unnumbered, .. } = rows;
    // A 序号 used twice has its own error; the two rows are not out of order for it.
    let in_order = out.windows(2).all(|w| w[0].0.seq <= w[1].0.seq);
    if !in_order {
        // A warning, not an error: the order is unambiguous once sorted, and staff often
        // insert a row at the end while renumbering later.
        diags.warning(&file.path, None, Some(SEQ), msg!("table.out_of_order"));
    }
    let mut rows: Vec<(Occupation, usize)> = out;
    rows.sort_by_key(|(o, _)| o.seq);
    if categories.is_some() {
        // Every 序号 read counts, also of rows left out for another mistake: that mistake has
        // its own message, and its row is not missing.
        let mut numbered: Vec<(u32, usize)> = seen_seqs.into_iter().collect();
        numbered.sort_unstable();
        gaps(&file.path, &numbered, &unnumbered, diags);
    }
    rows.into_iter().map(|(o, _)| o).collect()
}

/// Warns where 序号 skips numbers (a row deleted without renumbering, or by mistake): the
/// notice numbers its rows 1 to N, and a reader of the published table sees the hole. Not
/// where a row whose 序号 could not be read (`unnumbered`, each with its own error) stands
/// between the two: the missing number may well be in it.
fn gaps(path: &str, numbered: &[(u32, usize)], unnumbered: &[usize], diags: &mut Diagnostics) {
    let mut expected = 1;
    let mut previous_line = 1;
    for &(seq, line) in numbered {
        let (from, to) = (previous_line.min(line), previous_line.max(line));
        let unread_between = unnumbered.iter().any(|&u| from < u && u < to);
        previous_line = line;
        if seq > expected && !unread_between {
            let missing = if seq == expected + 1 { format!("{expected}") } else { format!("{expected}–{}", seq - 1) };
            diags.warning(path, Some(line), Some(SEQ), msg!("table.seq_gap", missing = missing, seq = seq));
        }
        expected = seq + 1;
    }
}

fn normalise_header(cell: &str) -> String {
    cell.trim().replace('(', "（").replace(')', "）")
}

fn read_header(file: &TextFile, header: &csv::StringRecord, diags: &mut Diagnostics) -> Option<Columns> {
    let expected = HEADERS.join(",");
    let mut positions: HashMap<String, usize> = HashMap::new();
    let mut ok = true;
    for (i, cell) in header.iter().enumerate() {
        let name = normalise_header(cell);
        if name != cell {
            diags.warning(
                &file.path,
                Some(1),
                Some(&name),
                msg!("table.header_read_as", cell = excerpt(cell), name = excerpt(&name)),
            );
        }
        if positions.insert(name.clone(), i).is_some() {
            diags.error(&file.path, Some(1), Some(&name), msg!("table.header_twice"));
            ok = false;
        }
    }
    let mut required = [0; 5];
    for (slot, name) in required.iter_mut().zip(HEADERS) {
        match positions.get(name) {
            Some(&i) => *slot = i,
            None => {
                diags.error(&file.path, Some(1), Some(name), msg!("table.column_missing", header = expected));
                ok = false;
            }
        }
    }
    if ok && !required.windows(2).all(|w| w[0] < w[1]) {
        diags.warning(&file.path, Some(1), None, msg!("table.columns_reordered", header = expected));
    }
    let pinyin = positions.get(PINYIN).copied();
    if !ok {
        // The rows are not read: a column the site would not use is beside the point, and a
        // renamed column is already named as missing.
        return None;
    }
    // In column order: the map's own order would change from run to run.
    let mut unused: Vec<(usize, &String)> = positions
        .iter()
        .filter(|(n, _)| !HEADERS.contains(&n.as_str()) && n.as_str() != PINYIN)
        .map(|(n, i)| (*i, n))
        .collect();
    unused.sort();
    for (_, name) in unused {
        let message = if name.is_empty() {
            msg!("table.unnamed_column_ignored")
        } else {
            msg!("table.column_ignored", name = excerpt(name))
        };
        diags.warning(&file.path, Some(1), None, message);
    }
    Some(Columns { required, pinyin, width: header.len() })
}

struct RowChecker<'a> {
    file: &'a TextFile,
    categories: Option<&'a Categories>,
    diags: &'a mut Diagnostics,
    columns: Columns,
    seen_codes: HashMap<OccupationCode, usize>,
    seen_seqs: HashMap<u32, usize>,
    /// Rows left out before their 序号 was read: their number is unknown, not missing.
    unnumbered: Vec<usize>,
    out: Vec<(Occupation, usize)>,
}

impl RowChecker<'_> {
    /// Checks one record; `line` is its row as Excel shows it.
    fn check(&mut self, record: &csv::StringRecord, line: usize) {
        if record.iter().all(|c| c.trim().is_empty()) {
            return; // blank lines and Excel's trailing empty rows carry nothing
        }
        if record.iter().zip(HEADERS).all(|(c, h)| normalise_header(c) == h) {
            self.error(line, None, msg!("table.header_repeated"));
            return;
        }
        if record.len() != self.columns.width {
            let message = msg!("table.width", found = record.len(), expected = self.columns.width);
            self.error(line, None, message);
            self.unnumbered.push(line);
            return;
        }
        let cell = |i: usize| record.get(i).expect("the row has the header's width, checked above");
        let [seq_col, name_col, code_col, levels_col, count_col] = self.columns.required;
        let seq = self.positive(line, SEQ, cell(seq_col));
        if seq.is_none() {
            self.unnumbered.push(line);
        }
        let name = self.name(line, cell(name_col));
        let code = self.code(line, cell(code_col));
        let levels = self.levels(line, cell(levels_col));
        let count = self.positive(line, COUNT, cell(count_col));
        let pinyin = self.columns.pinyin.map(|i| cell(i).trim().to_owned()).filter(|p| !p.is_empty());
        // The first row keeps the number: the gap check counts it there.
        if let Some(seq) = seq
            && let Some(&first) = self.seen_seqs.get(&seq)
        {
            self.error(line, Some(SEQ), msg!("table.seq_twice", seq = seq, first = first));
            // The number meant for this row is unknown too: likely the one that seems missing.
            self.unnumbered.push(line);
        } else if let Some(seq) = seq {
            self.seen_seqs.insert(seq, line);
        }
        if let Some(code) = code
            && let Some(first) = self.seen_codes.insert(code, line)
        {
            self.error(line, Some(CODE), msg!("table.code_twice", code = code, first = first));
        }
        if let (Some(seq), Some(name), Some(code), Some(levels), Some(count)) = (seq, name, code, levels, count) {
            self.out.push((Occupation { seq, name, code, levels, count, pinyin }, line));
        }
    }

    fn error(&mut self, line: usize, field: Option<&str>, message: String) {
        self.diags.error(&self.file.path, Some(line), field, message);
    }

    fn warning(&mut self, line: usize, field: &str, message: String) {
        self.diags.warning(&self.file.path, Some(line), Some(field), message);
    }

    /// A positive whole number; full-width digits and surrounding spaces are accepted.
    fn positive(&mut self, line: usize, field: &str, raw: &str) -> Option<u32> {
        let text = to_ascii_digits(raw.trim());
        if text != raw {
            self.warning(line, field, msg!("table.read_as", raw = excerpt(raw), text = excerpt(&text)));
        }
        match text.parse::<u32>() {
            Ok(0) => self.error(line, Some(field), msg!("table.number_zero")),
            Ok(n) if text.bytes().all(|b| b.is_ascii_digit()) => return Some(n),
            _ if text.is_empty() => self.error(line, Some(field), msg!("table.number_empty")),
            _ => self.error(line, Some(field), msg!("table.number_bad", raw = excerpt(raw))),
        }
        None
    }

    fn name(&mut self, line: usize, raw: &str) -> Option<String> {
        let name = raw.trim();
        let chars = name.chars().count();
        if name.is_empty() {
            self.error(line, Some(NAME), msg!("table.name_empty"));
        } else if chars > MAX_NAME_CHARS {
            self.error(line, Some(NAME), msg!("table.name_long", chars = chars, max = MAX_NAME_CHARS));
        } else if name.contains(['\n', '\r']) {
            self.error(line, Some(NAME), msg!("table.name_line_break"));
        } else {
            if self.categories.is_some() && name.starts_with(['=', '+', '@']) {
                // What Excel keeps as a formula is rarely a name: say so, and publish it as text
                // (not of a recorded release, which is never edited).
                self.warning(line, NAME, msg!("table.name_formula", name = excerpt(name)));
            }
            return Some(name.to_owned());
        }
        None
    }

    fn code(&mut self, line: usize, raw: &str) -> Option<OccupationCode> {
        let text: String = to_ascii_digits(raw)
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if matches!(c, '－' | '—' | '–' | '‐' | '‑') { '-' } else { c })
            .collect();
        if text != raw {
            self.warning(line, CODE, msg!("table.read_as", raw = excerpt(raw), text = excerpt(&text)));
        }
        match OccupationCode::parse(&text) {
            Ok(code) => {
                let categories = self.categories;
                for (kind, key) in [("大类", code.major()), ("中类", code.middle())] {
                    if let Some(names) = categories
                        && !names.names.contains_key(&key)
                    {
                        let message =
                            msg!("table.category_unnamed", kind = kind, key = key, code = code, file = names.path);
                        self.error(line, Some(CODE), message);
                    }
                }
                Some(code)
            }
            Err(e) => {
                self.error(line, Some(CODE), e.to_string());
                None
            }
        }
    }

    fn levels(&mut self, line: usize, raw: &str) -> Option<LevelSet> {
        match LevelSet::parse(raw) {
            Ok(levels) => {
                if levels.to_string() != raw {
                    self.warning(line, LEVELS, msg!("table.read_as", raw = excerpt(raw), text = levels));
                }
                Some(levels)
            }
            Err(e) => {
                let message = match &e {
                    _ if raw.trim().is_empty() => e.to_string(),
                    // The part that is wrong, shown inside the cell as typed.
                    LevelRangeError::UnknownLevel(part) if part.trim() != raw.trim() => {
                        msg!("table.level_unknown_in", raw = excerpt(raw.trim()), part = excerpt(part))
                    }
                    _ if e.to_string().contains(raw.trim()) => e.to_string(),
                    _ => msg!("table.cell_error", raw = excerpt(raw), error = e),
                };
                self.error(line, Some(LEVELS), message);
                None
            }
        }
    }
}

/// Full-width digits (０-９) to ASCII; Excel with a Chinese IME produces them often.
fn to_ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unused_columns_are_reported_in_column_order() {
        let text =
            "序号,职业（工种）,备注,职业编码,等级范围,拟遴选机构数量,来源,说明\n1,保育师,,4-10-01-03,5、4、3,1,,\n";
        let file = TextFile { path: "t.csv".into(), text: text.into() };
        let mut diags = Diagnostics::default();
        assert_eq!(occupations(&file, None, &mut diags).len(), 1);
        let named: Vec<&str> = diags.iter().filter_map(|d| d.message.split(['「', '」']).nth(1)).collect();
        assert_eq!(named, ["备注", "来源", "说明"]);
    }

    #[test]
    fn a_name_that_starts_like_a_formula_is_a_warning() {
        let text =
            "序号,职业（工种）,职业编码,等级范围,拟遴选机构数量\n1,=1+1,4-10-01-03,5,1\n2,保育师,4-10-01-02,5,1\n";
        let file = TextFile { path: "t.csv".into(), text: text.into() };
        let mut diags = Diagnostics::default();
        assert_eq!(occupations(&file, None, &mut diags).len(), 2, "a release's table: read without it");
        assert_eq!(diags.iter().count(), 0);
        let categories = crate::validate::categories::categories(
            &TextFile {
                path: "c.csv".into(), text: "编码,名称\n4,服务人员\n4-10,生活照护服务人员\n".into()
            },
            &mut diags,
        );
        assert_eq!(occupations(&file, Some(&categories), &mut diags).len(), 2, "published, as text");
        let found: Vec<(Option<usize>, &str)> = diags.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Some(2));
        assert!(found[0].1.contains("「=1+1」的开头像 Excel 公式"), "{}", found[0].1);
    }

    #[test]
    fn a_row_whose_序号_is_unread_sets_off_no_other_message() {
        let categories = crate::validate::categories::categories(
            &TextFile {
                path: "c.csv".into(), text: "编码,名称\n4,服务人员\n4-10,生活照护服务人员\n".into()
            },
            &mut Diagnostics::default(),
        );
        let header = "序号,职业（工种）,职业编码,等级范围,拟遴选机构数量\n1,保育师,4-10-01-03,5,1\n";
        for (row, line) in
            [("二,育婴员,4-10-01-02,5,1", 3), ("2,育婴员,4-10-01-02,5", 3), ("1,育婴员,4-10-01-02,5,1", 3)]
        {
            let text = format!("{header}{row}\n3,养老护理员,4-10-01-05,5,1\n");
            let file = TextFile { path: "t.csv".into(), text };
            let mut diags = Diagnostics::default();
            occupations(&file, Some(&categories), &mut diags);
            let found: Vec<String> = diags.iter().map(ToString::to_string).collect();
            assert_eq!(found.len(), 1, "{row}: {found:#?}");
            assert_eq!(diags.iter().next().and_then(|d| d.line), Some(line), "{row}");
        }
    }

    #[test]
    fn a_gap_in_序号_is_named_at_the_row_after_it_except_in_a_release() {
        let text = "序号,职业（工种）,职业编码,等级范围,拟遴选机构数量\n1,保育师,4-10-01-03,5、4、3,1\n2,育婴员,4-10-01-02,5,1\n\
                    5,茶艺师,4-03-02-07,5,1\n6,电工,6-31-01-03,5,1\n8,焊工,6-18-02-04,5,1\n";
        let file = TextFile { path: "t.csv".into(), text: text.into() };
        let mut diags = Diagnostics::default();
        let read = occupations(&file, None, &mut diags);
        assert_eq!(diags.iter().count(), 0, "a recorded release is read without the gap warning");
        let rows: Vec<(u32, usize)> = read.iter().map(|o| o.seq).zip(2..).collect();
        gaps(&file.path, &rows, &[], &mut diags);
        let found: Vec<(Option<usize>, &str)> = diags.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, Some(4));
        assert!(found[0].1.starts_with("序号 5 之前缺少序号 3–4"), "{}", found[0].1);
        assert_eq!(found[1].0, Some(6));
        assert!(found[1].1.starts_with("序号 8 之前缺少序号 7"), "{}", found[1].1);
    }
}
