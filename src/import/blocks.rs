//! A Word block as a Markdown block, for the notice and the forms alike: a paragraph as a
//! numbered heading or a line of text, a table as a pipe table in our conventions
//! (horizontal merges as `<` cells, line breaks in cells as `<br>`; a vertical merge repeats
//! the text of the first cell and is reported).

use super::docx::{Paragraph, Piece, Table, VMerge};
use super::inline::{Place, markdown};
use super::text::heading_level;

/// A paragraph as a Markdown block: `##`/`###` for numbered headings, else text.
pub fn paragraph(p: &Paragraph) -> String {
    match heading_level(p) {
        Some(level) => format!("{} {}", "#".repeat(level.into()), markdown(p, Place::Heading)),
        None => markdown(p, Place::Text),
    }
}

/// A Word table as a pipe table: the first row is the Markdown head row, `<` for each
/// further column a cell spans, rows padded on the right with `<`.
pub fn table_markdown(table: &Table, notes: &mut Vec<String>, place: &str) -> String {
    let width = table.rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(1).max(1);
    let mut above: Vec<String> = vec![String::new(); width];
    let mut lines = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let mut cells: Vec<String> = Vec::new();
        for cell in row {
            let at = cells.len();
            let text = if cell.merge == VMerge::Continue {
                let text = above.get(at).cloned().unwrap_or_default();
                let what = if text.is_empty() {
                    crate::msg!("import.merged_cell.empty")
                } else {
                    crate::msg!("import.merged_cell.repeated", text = text)
                };
                notes.push(crate::msg!(
                    "import.merged_cell.note",
                    place = place,
                    row = r + 1,
                    column = at + 1,
                    what = what
                ));
                text
            } else {
                // A cell bold throughout is a heading cell, which the page sets bold by itself.
                let bold = cell.paragraphs.iter().filter(|p| !p.text().trim().is_empty()).all(|p| p.all_bold());
                let parts: Vec<String> = cell
                    .paragraphs
                    .iter()
                    .map(|p| markdown(&if bold { unbold(p) } else { p.clone() }, Place::Cell))
                    .collect();
                unwrap_cell(&parts.join("<br>").replace('☐', "□"))
            };
            if let Some(slot) = above.get_mut(at) {
                slot.clone_from(&text);
            }
            cells.push(text);
            cells.extend(std::iter::repeat_n("<".to_owned(), cell.span - 1));
        }
        if cells.is_empty() {
            continue;
        }
        while cells.len() < width {
            cells.push("<".into());
        }
        lines.push(format!("| {} |", cells.join(" | ")));
        if lines.len() == 1 {
            lines.push(format!("|{}", " --- |".repeat(width)));
        }
    }
    lines.join("\n")
}

/// Longest cell (in characters) whose breaks inside a phrase are read as wrapping.
const WRAPPED_CELL_CHARS: usize = 24;

/// A short label or heading cell broken inside a phrase (`原备案有<br>效期限`) was wrapped to
/// fit a narrow column, by hand or by linxuan's own Word writer: the break is dropped, so the
/// label (and the field named after it) reads as one; a cell of boxes to tick is one line of
/// options. Other breaks are kept.
fn unwrap_cell(cell: &str) -> String {
    let is_han =
        |c: Option<char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || matches!(c, '（' | '）'));
    let parts: Vec<&str> = cell.split("<br>").collect();
    // Boxes to tick are laid out in lines by the writer: a cell of them is one line of options.
    let boxed = |w: &str| w.ends_with('□') || w.starts_with('□');
    let words: Vec<&str> = parts.iter().flat_map(|p| p.split_whitespace()).collect();
    if words.len() >= 2 && words.iter().all(|w| boxed(w)) {
        return words.join(" ");
    }
    if cell.replace("<br>", "").chars().count() > WRAPPED_CELL_CHARS {
        return cell.to_owned();
    }
    let mut out = parts[0].to_owned();
    for part in &parts[1..] {
        let joins = is_han(out.chars().last()) && is_han(part.chars().next());
        if !joins {
            out.push_str("<br>");
        }
        out.push_str(part);
    }
    out
}

fn unbold(p: &Paragraph) -> Paragraph {
    let mut p = p.clone();
    for piece in &mut p.pieces {
        if let Piece::Text { bold, .. } = piece {
            *bold = false;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::super::docx::Cell;
    use super::*;

    fn word_paragraph(text: &str, bold: bool) -> Paragraph {
        let mut pieces = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                pieces.push(Piece::Break);
            }
            pieces.push(Piece::Text { text: line.into(), bold, underline: false });
        }
        Paragraph { pieces, ..Paragraph::default() }
    }

    fn cell(text: &str, span: usize, merge: VMerge, bold: bool) -> Cell {
        let paragraphs = if text.is_empty() { Vec::new() } else { vec![word_paragraph(text, bold)] };
        Cell { span, merge, paragraphs }
    }

    #[test]
    fn merges_blanks_boxes_and_breaks_in_our_conventions() {
        let table = Table {
            rows: vec![
                vec![cell("单位名称", 1, VMerge::None, true), cell("", 3, VMerge::None, false)],
                vec![
                    cell("地址", 1, VMerge::Restart, false),
                    cell("", 1, VMerge::None, false),
                    cell("机构\n性质", 1, VMerge::None, false),
                    cell("企业☐\n其他☐", 1, VMerge::None, false),
                ],
                vec![cell("", 1, VMerge::Continue, false), cell("a|b\nc", 2, VMerge::None, false)],
            ],
        };
        let mut notes = Vec::new();
        assert_eq!(
            table_markdown(&table, &mut notes, "附件2"),
            "| 单位名称 |  | < | < |\n| --- | --- | --- | --- |\n| 地址 |  | 机构性质 | 企业□ 其他□ |\n| 地址 | a\\|b<br>c | < | < |"
        );
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("第 3 行第 1 列") && notes[0].contains("重复写上「地址」"), "{notes:?}");
    }
}
