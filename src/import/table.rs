//! The summary table (附件1) found among the Word tables by its header row, written as the
//! CSV staff would type: the notice's header row, one line per occupation, LF line ends.

use crate::model::columns::HEADERS;

use super::docx::{Block, Table, VMerge};

/// The table as CSV, with where each line came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub csv: String,
    /// For CSV line `n + 2` (after the header): the Word table (1-based, counting every table
    /// of the document) and its row (1-based, header rows included).
    pub origins: Vec<(usize, usize)>,
    /// Block indexes the table occupies, continuation tables and the paragraphs between them.
    pub blocks: std::ops::Range<usize>,
    /// Things worth a word: merged cells filled in, repeated header rows skipped.
    pub notes: Vec<String>,
}

/// How the header cells are compared: no white space or line breaks, brackets full-width.
pub fn normalise_header(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// Where the notice's header cells are in `row` (grid columns), if it is the header row.
fn header_columns(row: &[String]) -> Option<[usize; 5]> {
    let cells: Vec<String> = row.iter().map(|c| normalise_header(c)).collect();
    let mut out = [0; 5];
    for (slot, name) in out.iter_mut().zip(HEADERS) {
        *slot = cells.iter().position(|c| c == name)?;
    }
    Some(out)
}

/// A row spread over the table's grid: a cell's text at the column it starts in, `None` in
/// the columns a horizontal merge covers, and the text above repeated in a vertical merge.
fn grid_rows(table: &Table) -> Vec<Vec<(String, VMerge)>> {
    let width = table.rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0);
    let mut out: Vec<Vec<(String, VMerge)>> = Vec::new();
    for row in &table.rows {
        let mut cells = vec![(String::new(), VMerge::None); width];
        let mut at = 0;
        for cell in row {
            if at < width {
                let text = match (cell.merge, out.last()) {
                    (VMerge::Continue, Some(above)) => above[at].0.clone(),
                    _ => cell.text(),
                };
                cells[at] = (text, cell.merge);
            }
            at += cell.span;
        }
        out.push(cells);
    }
    out
}

/// The header row's index in the first rows of `table` (a title row may sit above it).
fn header_in(rows: &[Vec<(String, VMerge)>]) -> Option<(usize, [usize; 5])> {
    rows.iter().take(3).enumerate().find_map(|(i, row)| {
        let texts: Vec<String> = row.iter().map(|(t, _)| t.clone()).collect();
        header_columns(&texts).map(|cols| (i, cols))
    })
}

/// A data cell as typed: line breaks and white space inside gone, except single spaces
/// between Latin words.
fn clean(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if i > 0 && latin(words[i - 1].chars().last()) && latin(word.chars().next()) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Finds the summary table among `blocks`; `None` when no table has the header row.
pub fn find(blocks: &[Block]) -> Option<Summary> {
    let mut table_no = 0;
    let mut start = None;
    for (i, block) in blocks.iter().enumerate() {
        if let Block::Table(t) = block {
            table_no += 1;
            if let Some(found) = header_in(&grid_rows(t)) {
                start = Some((i, table_no, found));
                break;
            }
        }
    }
    let (first, mut table_no, (header_row, columns)) = start?;
    // The first data row of the table being read.
    let mut data_row = header_row + 1;
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    writer.write_record(HEADERS).expect("writing to memory cannot fail");
    let mut origins = Vec::new();
    let mut notes = Vec::new();
    let mut i = first;
    while let Block::Table(table) = &blocks[i] {
        let rows = grid_rows(table);
        for (r, row) in rows.iter().enumerate().skip(data_row) {
            let texts: Vec<String> = row.iter().map(|(t, _)| t.clone()).collect();
            if header_columns(&texts).is_some() {
                notes.push(crate::msg!("import.repeated_header", table = table_no, row = r + 1));
                continue;
            }
            let cells: Vec<String> = columns.iter().map(|&c| clean(&texts[c])).collect();
            if cells.iter().all(String::is_empty) {
                continue;
            }
            if ["合计", "总计", "小计", "共计"].contains(&cells[0].as_str()) {
                notes.push(crate::msg!("import.total_row", table = table_no, row = r + 1, label = cells[0]));
                continue;
            }
            for &c in &columns {
                if row[c].1 == VMerge::Continue {
                    notes.push(crate::msg!(
                        "import.merged_summary_cell",
                        table = table_no,
                        row = r + 1,
                        column = c + 1,
                        value = clean(&texts[c])
                    ));
                }
            }
            writer.write_record(&cells).expect("writing to memory cannot fail");
            origins.push((table_no, r + 1));
        }
        // The table goes on in the next Word table after a page break, with or without a
        // repeated header row; empty paragraphs may lie between.
        let mut next = i + 1;
        while let Some(Block::Paragraph(p)) = blocks.get(next)
            && p.text().trim().is_empty()
        {
            next += 1;
        }
        let Some(Block::Table(t)) = blocks.get(next) else { break };
        let rows = grid_rows(t);
        data_row = match header_in(&rows) {
            Some((h, cols)) if cols == columns => h + 1,
            Some(_) => break,
            // No header row: every row is data.
            None if continues(&rows, &columns) => 0,
            None => break,
        };
        table_no += 1;
        i = next;
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    let csv = String::from_utf8(bytes).expect("the cells are text");
    Some(Summary { csv, origins, blocks: first..i + 1, notes })
}

/// Whether a table without the header row carries on the summary: as many grid columns, and
/// a number where 序号 stands.
fn continues(rows: &[Vec<(String, VMerge)>], columns: &[usize; 5]) -> bool {
    let width = columns.iter().max().map_or(0, |m| m + 1);
    rows.first().is_some_and(|row| {
        let seq = clean(row.get(columns[0]).map_or("", |c| c.0.as_str()));
        row.len() >= width && !seq.is_empty() && seq.chars().all(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::super::docx::{Cell, Paragraph, Piece};
    use super::*;

    fn cell(text: &str, span: usize, merge: VMerge) -> Cell {
        let paragraphs = text
            .split('\n')
            .map(|t| Paragraph {
                pieces: vec![Piece::Text { text: t.into(), bold: false, underline: false }],
                ..Paragraph::default()
            })
            .collect();
        Cell { span, merge, paragraphs }
    }

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|t| cell(t, 1, VMerge::None)).collect()
    }

    const HEADER: [&str; 5] = ["序\n号", "职业(工种)", "职业\n编码", "等级范围", "拟遴选机构 数量"];

    #[test]
    fn repeated_headers_and_cells_merged_down() {
        let mut merged = row(&["2", "养老护理员", "4-10-01-05", "5、4、3", "1"]);
        merged[4] = cell("", 1, VMerge::Continue);
        let mut first = row(&["1", "保育师", "4-10-01-03", "5、4、3", "1"]);
        first[4].merge = VMerge::Restart;
        let table = Table {
            rows: vec![
                vec![cell("遴选职业（工种）汇总表", 5, VMerge::None)],
                row(&HEADER),
                first,
                merged,
                row(&HEADER),
                row(&["3", "家政服务员", "4-10-01-06", "5-3", "2"]),
                row(&["", "", "", "", ""]),
                row(&["合计", "", "", "", "4"]),
            ],
        };
        let found = find(&[Block::Table(table)]).expect("the header row is found under the title row");
        assert_eq!(
            found.csv,
            "序号,职业（工种）,职业编码,等级范围,拟遴选机构数量\n1,保育师,4-10-01-03,5、4、3,1\n2,养老护理员,4-10-01-05,5、4、3,1\n3,家政服务员,4-10-01-06,5-3,2\n"
        );
        assert_eq!(found.origins, [(1, 3), (1, 4), (1, 6)]);
        assert_eq!(found.notes.len(), 3, "{:?}", found.notes);
    }

    #[test]
    fn a_table_without_the_header_row_is_not_the_summary() {
        let table = Table { rows: vec![row(&["序号", "名称"]), row(&["1", "保育师"])] };
        assert_eq!(find(&[Block::Table(table)]), None);
    }
}
