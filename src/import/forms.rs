//! Each attachment that is a form → `content/forms/<name>.md`: its title (and a subtitle in
//! brackets) as front matter, its paragraphs and tables as Markdown blocks in our conventions
//! (`blocks.rs`: horizontal merges as `<` cells, underlined white space as `____`, □ kept,
//! line breaks in cells as `<br>`; vertical merges have no Markdown form, so the text of the
//! first cell is repeated in the cells below, and each is reported).

use std::collections::BTreeMap;

use super::blocks::{paragraph, table_markdown};
use super::docx::Block;
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
        notes.push(crate::msg!("import.form_untitled", number = attachment));
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

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::super::docx::{Paragraph, Piece};
    use super::*;

    fn line(text: &str, bold: bool) -> Block {
        let pieces = vec![Piece::Text { text: text.into(), bold, underline: false }];
        Block::Paragraph(Paragraph { pieces, ..Paragraph::default() })
    }

    #[test]
    fn names_come_from_the_title_or_are_given() {
        assert_eq!(name_for("社会评价组织再评估遴选申报表", 2), "application");
        assert_eq!(name_for("职业技能等级认定机构工作承诺书（试行）", 3), "commitment");
        assert_eq!(name_for("考评人员名册", 4), "attachment-4");
        let blocks = [line("（单位名称）考评人员名册", true), line("姓名：________", false)];
        let names = BTreeMap::from([(4, "examiners".to_owned())]);
        let form = form(4, &blocks, &names, &mut Vec::new()).expect("a form");
        assert_eq!(form.name, "examiners");
        assert_eq!(
            form.markdown,
            "+++\ntitle = \"考评人员名册\"\nattachment = 4\nheading = \"（单位名称）考评人员名册\"\n+++\n\n姓名：________\n"
        );
    }
}
