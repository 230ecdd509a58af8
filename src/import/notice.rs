//! The notice text before the attachments → `content/_index.md`: the title and the body with
//! its numbered headings, bold and lists. 文号, 发布机构 and the date are offered as
//! `config.toml` values, and so are 主送, 落款 and 成文日期, which the site prints from there
//! (above and below the body): they leave the body, or the page would print them twice.

use super::blocks::{paragraph, table_markdown};
use super::docx::Block;
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
    let (title, masthead) = title(&mut rest, &mut suggestions)?;
    drop_attachment_list(&mut rest, &mut notes);
    take_addressee(&mut rest, &mut suggestions, &mut notes);
    take_signature(&mut rest, &mut suggestions, &mut notes);
    // The 版头 names the authority only when the 落款 does not.
    if let Some(office) = masthead
        && !suggestions.iter().any(|(k, _)| k == "notice.authority")
    {
        suggestions.push(("notice.authority".to_owned(), office));
    }
    let body = body(&rest, &mut notes);
    let markdown = format!("+++\ntitle = {}\n+++\n\n{body}\n", toml::Value::String(title.clone()));
    Some(Notice { title, markdown, suggestions, notes })
}

/// Takes the lines above the body from `rest`: above the title the 版头 (`××局文件`) and the
/// 文号, in either order; the title, a long one set on two centred lines joined; below it the
/// 文号. Returns the title and the 版头's office, `None` when no line is a title; the 文号 is
/// a suggestion.
fn title(rest: &mut Vec<&Block>, suggestions: &mut Vec<(String, String)>) -> Option<(String, Option<String>)> {
    let mut title: Option<String> = None;
    let mut masthead = None;
    while !rest.is_empty() && title.is_none() {
        let Block::Paragraph(p) = rest.remove(0) else { continue };
        let text: String = p.text().split_whitespace().collect();
        if let Some(number) = document_number(&text) {
            suggestions.push(("notice.document_number".to_owned(), number));
        } else if let Some(office) =
            text.strip_suffix("文件").filter(|o| masthead.is_none() && !o.is_empty() && o.chars().count() <= 30)
        {
            masthead = Some(office.to_owned());
        } else {
            let mut joined = text;
            // A long title set on two centred lines is one title.
            while p.centered
                && let Some(Block::Paragraph(next)) = rest.first()
                && next.centered
                && document_number(&next.text()).is_none()
                && !next.text().trim_end().ends_with(['：', ':'])
            {
                joined.extend(next.text().split_whitespace());
                rest.remove(0);
            }
            title = Some(joined);
        }
    }
    let title = title?;
    if let Some(Block::Paragraph(p)) = rest.first()
        && let Some(number) = document_number(&p.text())
    {
        suggestions.push(("notice.document_number".to_owned(), number));
        rest.remove(0);
    }
    Some((title, masthead))
}

/// Drops the 附件说明 (`附件：1. …`) from `rest`: it lists what the site lists by itself, from
/// the table and the forms.
fn drop_attachment_list(rest: &mut Vec<&Block>, notes: &mut Vec<String>) {
    if let Some(at) =
        rest.iter().position(|b| paragraph_text(b).is_some_and(|t| t.starts_with("附件：") || t.starts_with("附件:")))
    {
        let mut end = at + 1;
        while rest.get(end).and_then(|b| paragraph_text(b)).is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        {
            end += 1;
        }
        notes.push(crate::msg!("import.attachment_list_left_out", count = end - at));
        rest.drain(at..end);
    }
}

/// Takes the 主送 from `rest` as a suggestion: a short first line ending in a colon
/// (`各有关单位：`), not a sentence that leads into the body (`现将有关事项通知如下：`).
fn take_addressee(rest: &mut Vec<&Block>, suggestions: &mut Vec<(String, String)>, notes: &mut Vec<String>) {
    if let Some(Block::Paragraph(p)) = rest.first()
        && heading_level(p).is_none()
        && let addressee = p.text().trim().to_owned()
        && addressee.ends_with(['：', ':'])
        && addressee.chars().count() <= 40
        && !addressee.contains(['，', '。', ','])
        && !addressee.contains("如下")
    {
        notes.push(crate::msg!("import.addressee_moved", value = addressee));
        suggestions.push(("notice.addressee".to_owned(), addressee));
        rest.remove(0);
    }
}

/// Takes the 落款 and 成文日期 from `rest` as suggestions ([`signature`]); the lines after the
/// date stay.
fn take_signature(rest: &mut Vec<&Block>, suggestions: &mut Vec<(String, String)>, notes: &mut Vec<String>) {
    let signed = signature(rest, suggestions);
    let lines: Vec<String> = signed.iter().filter_map(|&at| paragraph_text(rest[at])).collect();
    let moved = match lines.as_slice() {
        [date] => Some(crate::msg!("import.date_moved", date = date)),
        [signature, date] => Some(crate::msg!("import.signature_moved", signature = signature, date = date)),
        _ => None,
    };
    if let Some(mut note) = moved {
        let after = rest.len() - 1 - signed.iter().max().copied().unwrap_or(0);
        if after > 0 {
            note.push_str(&crate::msg!("import.lines_after_date", count = after));
        }
        notes.push(note);
    }
    for at in signed.into_iter().rev() {
        rest.remove(at);
    }
}

/// The body as Markdown blocks: headings and paragraphs, consecutive list paragraphs as one
/// list, tables.
fn body(rest: &[&Block], notes: &mut Vec<String>) -> String {
    let mut chunks: Vec<String> = Vec::new();
    let mut list_open = false;
    for block in rest {
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
            Block::Table(t) => chunks.push(table_markdown(t, notes, &crate::msg!("import.place.notice"))),
        }
        list_open = false;
    }
    chunks.join("\n\n")
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

/// The 落款 and 成文日期 near the end: a date line among the last three blocks and the name of
/// an office right above it. Returns their indices in `blocks` (ascending), empty when there
/// is no date; the lines after the date (a 附注) are not among them.
fn signature(blocks: &[&Block], suggestions: &mut Vec<(String, String)>) -> Vec<usize> {
    // The last three blocks, last first; a table among them ends the search.
    let texts: Vec<String> = blocks.iter().rev().take(3).map_while(|b| paragraph_text(b)).collect();
    let Some(at) = texts.iter().position(|t| date(t).is_some()) else { return Vec::new() };
    let index = |k: usize| blocks.len() - 1 - k;
    let mut signed = vec![index(at)];
    if let Some(day) = date(&texts[at]) {
        suggestions.push(("notice.publish_date".to_owned(), day.clone()));
        suggestions.push(("notice.signed_date".to_owned(), day));
    }
    if let Some(authority) = texts.get(at + 1)
        && is_office(authority)
    {
        suggestions.push(("notice.authority".to_owned(), authority.clone()));
        suggestions.push(("notice.signature".to_owned(), authority.clone()));
        signed.insert(0, index(at + 1));
    }
    signed
}

/// Whether a line is the name of an office (`甲市人力资源和社会保障局`): short, Chinese to its
/// end, no colon, digit or sentence punctuation (`联系电话：0591-87654321` is not).
fn is_office(line: &str) -> bool {
    line.chars().count() <= 30
        && !line.contains(['。', '：', ':', '；', '，', ','])
        && !line.chars().any(|c| c.is_ascii_digit())
        && line.chars().last().is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::super::docx::{Paragraph, Piece};
    use super::*;

    fn p(text: &str, centered: bool) -> Block {
        let pieces = vec![Piece::Text { text: text.into(), bold: false, underline: false }];
        Block::Paragraph(Paragraph { pieces, centered, ..Paragraph::default() })
    }

    #[test]
    fn masthead_number_two_line_title_and_signature() {
        let blocks = [
            p("福州市人力资源和社会保障局文件", true),
            p("榕人社〔2026〕3号", true),
            p("关于开展社会评价组织", true),
            p("再评估遴选工作的通知", true),
            p("各有关单位：", false),
            p("一、遴选范围", false),
            p("正文。", false),
            p("二〇二六年三月一日", false),
        ];
        let notice = notice(&blocks).expect("a notice");
        assert_eq!(notice.title, "关于开展社会评价组织再评估遴选工作的通知");
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(
            notice.suggestions,
            [
                pair("notice.document_number", "榕人社〔2026〕3号"),
                pair("notice.addressee", "各有关单位："),
                pair("notice.publish_date", "2026-03-01"),
                pair("notice.signed_date", "2026-03-01"),
                pair("notice.authority", "福州市人力资源和社会保障局"),
            ]
        );
        // 主送 and 成文日期 leave the body: the site prints them from config.toml.
        assert!(notice.markdown.ends_with("+++\n\n## 一、遴选范围\n\n正文。\n"), "{}", notice.markdown);
    }

    #[test]
    fn a_note_after_the_date_stays_and_a_line_that_is_no_office_is_kept() {
        let blocks = [
            p("关于开展遴选工作的通知", true),
            p("现将有关事项通知如下：", false),
            p("正文。", false),
            p("甲市人力资源和社会保障局", false),
            p("2026年1月5日", false),
            p("（此件主动公开）", false),
        ];
        let notice = notice(&blocks).expect("a notice");
        assert!(
            notice.markdown.ends_with("+++\n\n现将有关事项通知如下：\n\n正文。\n\n（此件主动公开）\n"),
            "{}",
            notice.markdown
        );
        assert!(notice.notes.iter().any(|n| n.contains("日期后面的 1 行留在正文末尾")), "{:?}", notice.notes);
        let blocks = [
            p("关于开展遴选工作的通知", true),
            p("正文。", false),
            p("联系电话：0591-87654321", false),
            p("2026年1月5日", false),
        ];
        let unsigned = super::notice(&blocks).expect("a notice");
        assert!(unsigned.markdown.ends_with("+++\n\n正文。\n\n联系电话：0591-87654321\n"), "{}", unsigned.markdown);
        assert!(!unsigned.suggestions.iter().any(|(k, _)| k == "notice.signature"), "{:?}", unsigned.suggestions);
    }

    #[test]
    fn the_signature_above_the_date_leaves_the_body_too() {
        let blocks = [
            p("关于开展遴选工作的通知", true),
            p("各区人社局：", false),
            p("正文。", false),
            p("甲市人力资源和社会保障局", false),
            p("2026年1月5日", false),
        ];
        let notice = notice(&blocks).expect("a notice");
        assert!(notice.markdown.ends_with("+++\n\n正文。\n"), "{}", notice.markdown);
        let keys: Vec<&str> = notice.suggestions.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["notice.addressee", "notice.publish_date", "notice.signed_date", "notice.authority", "notice.signature"]
        );
    }
}
