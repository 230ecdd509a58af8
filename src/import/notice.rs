//! The notice text before the attachments → `content/_index.md`: the title, 主送, the body
//! with its numbered headings, bold and lists, and the 落款 and 成文日期; 文号, 发布机构 and the
//! date are also offered as `config.toml` values.

use super::docx::{Block, Paragraph};
use super::forms::table_markdown;
use super::inline::{Place, markdown};
use super::text::{date, document_number, heading_level};

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub title: String,
    /// The whole file, front matter and body.
    pub markdown: String,
    /// `config.toml` keys and values recognised in the text: `notice.document_number`, …
    pub suggestions: Vec<(String, String)>,
    pub notes: Vec<String>,
}

/// Reads the notice from the blocks before the first attachment; `None` when they hold no text.
pub fn notice(blocks: &[Block]) -> Option<Notice> {
    let mut suggestions = Vec::new();
    let mut notes = Vec::new();
    let mut rest: Vec<&Block> = blocks.iter().filter(|b| !is_empty(b)).collect();
    // The 文号 may stand above or below the title.
    let mut title = None;
    while !rest.is_empty() && title.is_none() {
        let Block::Paragraph(p) = rest.remove(0) else { continue };
        let text = p.text();
        if let Some(number) = document_number(&text) {
            suggestions.push(("notice.document_number".to_owned(), number));
        } else {
            title = Some(text.split_whitespace().collect::<Vec<_>>().join(""));
        }
    }
    let title = title?;
    if let Some(Block::Paragraph(p)) = rest.first()
        && let Some(number) = document_number(&p.text())
    {
        suggestions.push(("notice.document_number".to_owned(), number));
        rest.remove(0);
    }
    // The 附件说明 lists what the site lists by itself, from the table and the forms.
    if let Some(at) =
        rest.iter().position(|b| paragraph_text(b).is_some_and(|t| t.starts_with("附件：") || t.starts_with("附件:")))
    {
        let mut end = at + 1;
        while rest.get(end).and_then(|b| paragraph_text(b)).is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        {
            end += 1;
        }
        notes.push(format!("the 附件说明 ({} line(s)) is left out: the site lists the attachments itself", end - at));
        rest.drain(at..end);
    }
    signature(&rest, &mut suggestions);
    let mut chunks: Vec<String> = Vec::new();
    let mut list_open = false;
    for block in &rest {
        match block {
            Block::Paragraph(p) if p.list => {
                let item = format!("- {}", markdown(p, Place::Text));
                match chunks.last_mut() {
                    Some(last) if list_open => {
                        last.push('\n');
                        last.push_str(&item);
                    }
                    _ => chunks.push(item),
                }
                list_open = true;
                continue;
            }
            Block::Paragraph(p) => chunks.push(paragraph(p)),
            Block::Table(t) => chunks.push(table_markdown(t, &mut notes, "the notice")),
        }
        list_open = false;
    }
    let body = chunks.join("\n\n");
    let markdown = format!("+++\ntitle = {}\n+++\n\n{body}\n", toml::Value::String(title.clone()));
    Some(Notice { title, markdown, suggestions, notes })
}

fn is_empty(block: &Block) -> bool {
    matches!(block, Block::Paragraph(p) if p.text().trim().is_empty())
}

fn paragraph_text(block: &Block) -> Option<String> {
    match block {
        Block::Paragraph(p) => Some(p.text().trim().to_owned()),
        Block::Table(_) => None,
    }
}

/// A paragraph as a Markdown block: `##`/`###` for numbered headings, else text.
pub fn paragraph(p: &Paragraph) -> String {
    match heading_level(p) {
        Some(level) => format!("{} {}", "#".repeat(level.into()), markdown(p, Place::Heading)),
        None => markdown(p, Place::Text),
    }
}

/// The 落款 and 成文日期 at the end: the date line and the short line above it.
fn signature(blocks: &[&Block], suggestions: &mut Vec<(String, String)>) {
    let texts: Vec<String> = blocks.iter().rev().take(3).filter_map(|b| paragraph_text(b)).collect();
    let Some(at) = texts.iter().position(|t| date(t).is_some()) else { return };
    if let Some(day) = date(&texts[at]) {
        suggestions.push(("notice.publish_date".to_owned(), day));
    }
    if let Some(authority) = texts.get(at + 1)
        && authority.chars().count() <= 30
        && !authority.ends_with(['。', '：', ':', '；'])
    {
        suggestions.push(("notice.authority".to_owned(), authority.clone()));
    }
}
