//! Each attachment that is a form → `content/forms/<name>.md` in our conventions: horizontal
//! merges as `<` cells, underlined white space as `____`, □ kept, line breaks in cells as
//! `<br>`. Vertical merges have no Markdown form: the text of the first cell is repeated in
//! the cells below, and each is reported.

use std::collections::BTreeMap;

use super::docx::{Block, Paragraph, Piece, Table, VMerge};
use super::inline::{Place, markdown};
use super::notice::paragraph;
use super::text::is_blank_piece;

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The file name without `.md`: `application`.
    pub name: String,
    pub attachment: u32,
    pub title: String,
    /// The whole file, front matter and body.
    pub markdown: String,
}

/// The name of a form from its title: the two forms of the notice by their kind, any other
/// as `attachment-N`.
pub fn name_for(title: &str, attachment: u32) -> String {
    if title.contains("申报表") {
        "application".into()
    } else if title.contains("承诺书") {
        "commitment".into()
    } else {
        format!("attachment-{attachment}")
    }
}

/// Whether an attachment's blocks ask to be filled in: a table, a blank or a box to tick.
pub fn is_form(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Table(_) => true,
        Block::Paragraph(p) => {
            let text = p.text();
            p.pieces.iter().any(is_blank_piece) || text.contains("____") || text.contains(['□', '☐'])
        }
    })
}

/// Reads the form of 附件`attachment` from the blocks after its `附件N` line. `names` are
/// the names asked for on the command line, by attachment number.
pub fn form(attachment: u32, blocks: &[Block], names: &BTreeMap<u32, String>, notes: &mut Vec<String>) -> Option<Form> {
    let mut rest: Vec<&Block> =
        blocks.iter().filter(|b| !matches!(b, Block::Paragraph(p) if p.text().trim().is_empty())).collect();
    let Some(Block::Paragraph(first)) = rest.first().copied() else {
        notes.push(format!("附件{attachment}: no title line after 附件{attachment}; not imported"));
        return None;
    };
    let heading: String = first.text().split_whitespace().collect();
    rest.remove(0);
    let mut subtitle = None;
    if let Some(Block::Paragraph(p)) = rest.first().copied() {
        let text = p.text().trim().to_owned();
        if (text.starts_with('（') && text.ends_with('）') || text.starts_with('(') && text.ends_with(')'))
            && text.chars().count() <= 30
        {
            subtitle = Some(text);
            rest.remove(0);
        }
    }
    // A placeholder in front, （单位名称）…申报表, belongs to the printed heading only.
    let title = match heading.strip_prefix('（').and_then(|h| h.split_once('）')) {
        Some((_, after)) if !after.is_empty() => after.to_owned(),
        _ => heading.clone(),
    };
    let place = format!("附件{attachment}");
    let mut chunks = Vec::new();
    for block in rest {
        match block {
            Block::Paragraph(p) => chunks.push(paragraph(p).replace('☐', "□")),
            Block::Table(t) => chunks.push(table_markdown(t, notes, &place)),
        }
    }
    let mut front = format!("title = {}\nattachment = {attachment}\n", quoted(&title));
    if heading != title {
        front.push_str(&format!("heading = {}\n", quoted(&heading)));
    }
    if let Some(subtitle) = &subtitle {
        front.push_str(&format!("subtitle = {}\n", quoted(subtitle)));
    }
    let name = names.get(&attachment).cloned().unwrap_or_else(|| name_for(&title, attachment));
    Some(Form { name, attachment, title, markdown: format!("+++\n{front}+++\n\n{}\n", chunks.join("\n\n")) })
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

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
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
                notes.push(format!(
                    "{place}: table row {}, column {}: merged with the cell above (w:vMerge); Markdown tables cannot merge down, so {} here",
                    r + 1,
                    at + 1,
                    if text.is_empty() { "it stays empty".to_owned() } else { format!("`{text}` is repeated") }
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

#[cfg(test)]
mod tests {
    use super::super::docx::Cell;
    use super::*;

    fn paragraph(text: &str, bold: bool) -> Paragraph {
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
        let paragraphs = if text.is_empty() { Vec::new() } else { vec![paragraph(text, bold)] };
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
        assert!(notes[0].contains("row 3, column 1") && notes[0].contains("`地址` is repeated"), "{notes:?}");
    }

    #[test]
    fn names_come_from_the_title_or_are_given() {
        assert_eq!(name_for("社会评价组织再评估遴选申报表", 2), "application");
        assert_eq!(name_for("职业技能等级认定机构工作承诺书（试行）", 3), "commitment");
        assert_eq!(name_for("考评人员名册", 4), "attachment-4");
        let blocks = [
            Block::Paragraph(paragraph("（单位名称）考评人员名册", true)),
            Block::Paragraph(paragraph("姓名：________", false)),
        ];
        let names = BTreeMap::from([(4, "examiners".to_owned())]);
        let form = form(4, &blocks, &names, &mut Vec::new()).expect("a form");
        assert_eq!(form.name, "examiners");
        assert_eq!(
            form.markdown,
            "+++\ntitle = \"考评人员名册\"\nattachment = 4\nheading = \"（单位名称）考评人员名册\"\n+++\n\n姓名：________\n"
        );
    }
}
