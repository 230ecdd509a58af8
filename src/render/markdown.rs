//! Markdown → HTML for the notice and the forms.
//!
//! Two conventions serve the paper forms, both plain Markdown to any other reader:
//! - in a pipe table, a cell that holds only `<` merges into the cell on its left (colspan);
//! - a run of four or more `_` is a blank to write in by hand, drawn as an underline.
//!
//! Raw HTML is never passed through: it is shown as text, except `<br>`, which breaks a line
//! inside a table cell. The sources are edited by staff and pasted from Word; this keeps any
//! markup they carry inert.

use pulldown_cmark::{Alignment, CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// The smallest run of underscores that counts as a blank to fill in.
const MIN_BLANK: usize = 4;
/// The cell text that merges a cell into its left neighbour.
pub const MERGE_LEFT: &str = "<";

pub fn to_html(markdown: &str) -> String {
    let events: Vec<Event<'static>> = events(markdown).into_iter().flat_map(split_blanks).collect();
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut rest = events.as_slice();
    while let Some(start) = rest.iter().position(|e| matches!(e, Event::Start(Tag::Table(_)))) {
        html::push_html(&mut out, rest[..start].iter().cloned());
        let end = rest[start..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Table)))
            .map_or(rest.len(), |i| start + i + 1);
        table_html(&mut out, &rest[start..end], &last_heading(&rest[..start]));
        rest = &rest[end..];
    }
    html::push_html(&mut out, rest.iter().cloned());
    sanitize(&out)
}

/// A last, independent pass over the HTML with ammonia's allowlist: whatever the steps above
/// miss, no script, event handler or unknown URL scheme reaches a page.
fn sanitize(html: &str) -> String {
    use std::collections::{HashMap, HashSet};
    let tags: HashSet<&str> =
        "p h1 h2 h3 h4 h5 h6 a strong em del code pre blockquote hr br ul ol li img div span table caption thead tbody tr th td"
            .split(' ')
            .collect();
    let attributes: HashMap<&str, HashSet<&str>> = [
        ("a", ["href", "title"].into_iter().collect()),
        ("img", ["src", "alt", "title"].into_iter().collect()),
        ("th", ["colspan", "scope", "class"].into_iter().collect()),
        ("td", ["colspan", "class"].into_iter().collect()),
        ("span", ["class"].into_iter().collect()),
        ("div", ["class"].into_iter().collect()),
        ("caption", ["class"].into_iter().collect()),
        ("ol", ["start"].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .tag_attributes(attributes)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// Stands in for one `_` of a blank. Blanks are marked before parsing because CommonMark
/// would pair underscore runs between CJK punctuation (`：____；`) as emphasis.
pub const BLANK_MARK: char = '\u{E000}';

fn mark_blanks(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut run = 0;
    let flush = |out: &mut String, run: usize| {
        let c = if run >= MIN_BLANK { BLANK_MARK } else { '_' };
        out.extend(std::iter::repeat_n(c, run));
    };
    for c in markdown.chars() {
        if c == '_' {
            run += 1;
            continue;
        }
        flush(&mut out, run);
        run = 0;
        out.push(c);
    }
    flush(&mut out, run);
    out
}

/// The parsed document for any writer (HTML here, Word elsewhere): adjacent text merged,
/// raw HTML turned to text (but `<br>`), unsafe link targets replaced, and every blank to
/// fill in kept as a run of [`BLANK_MARK`] inside text, one mark per underscore.
pub fn events(markdown: &str) -> Vec<Event<'static>> {
    let marked = mark_blanks(markdown);
    normalise(Parser::new_ext(&marked, Options::ENABLE_TABLES))
}

fn normalise<'a>(parser: Parser<'a>) -> Vec<Event<'static>> {
    let mut merged: Vec<Event<'a>> = Vec::new();
    for event in parser {
        let event = match event {
            Event::Html(s) | Event::InlineHtml(s) if is_line_break(&s) => Event::Html("<br>".into()),
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
            }
            other => other,
        };
        match (merged.last_mut(), event) {
            (Some(Event::Text(prev)), Event::Text(next)) => *prev = CowStr::from(format!("{prev}{next}")),
            (_, event) => merged.push(event),
        }
    }
    merged.into_iter().map(Event::into_static).collect()
}

/// Keeps relative, http(s) and mailto links; anything else (`javascript:`, `data:`) becomes `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        None | Some("http" | "https" | "mailto") => url,
        Some(_) => "#".into(),
    }
}

fn is_line_break(html: &str) -> bool {
    matches!(html.trim().to_ascii_lowercase().as_str(), "<br>" | "<br/>" | "<br />")
}

/// Splits a text event around underscore runs, drawing each run as a blank of its length.
fn split_blanks(event: Event<'_>) -> Vec<Event<'_>> {
    let Event::Text(text) = &event else {
        return vec![event];
    };
    if !text.contains(BLANK_MARK) {
        return vec![event];
    }
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != BLANK_MARK {
            plain.push(c);
            continue;
        }
        let mut run = 1;
        while chars.next_if_eq(&BLANK_MARK).is_some() {
            run += 1;
        }
        if !plain.is_empty() {
            out.push(Event::Text(std::mem::take(&mut plain).into()));
        }
        out.push(Event::Html(format!("<span class=\"blank\">{}</span>", "\u{a0}".repeat(run)).into()));
    }
    if !plain.is_empty() {
        out.push(Event::Text(plain.into()));
    }
    out
}

/// A table cell: its inline events and how many columns it spans.
struct Cell<'a> {
    events: Vec<Event<'a>>,
    span: usize,
}

/// Renders one table (`events` from `Start(Table)` to `End(Table)`), honouring merge cells.
/// The text of the last heading before a table: the table's caption, so that a screen
/// reader announces which part of the form it is in.
fn last_heading(before: &[Event<'_>]) -> String {
    let Some(end) = before.iter().rposition(|e| matches!(e, Event::End(TagEnd::Heading(_)))) else {
        return String::new();
    };
    let start = before[..end].iter().rposition(|e| matches!(e, Event::Start(Tag::Heading { .. }))).unwrap_or(end);
    before[start..end]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

fn table_html(out: &mut String, events: &[Event<'_>], caption: &str) {
    let alignments: &[Alignment] = match events.first() {
        Some(Event::Start(Tag::Table(a))) => a,
        _ => &[],
    };
    let mut head: Vec<Cell> = Vec::new();
    let mut body: Vec<Vec<Cell>> = Vec::new();
    let mut in_head = false;
    for event in events {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => body.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                let row = if in_head { &mut head } else { body.last_mut().map_or(&mut head, |r| r) };
                row.push(Cell { events: Vec::new(), span: 1 });
            }
            Event::Start(Tag::Table(_)) | Event::End(TagEnd::Table | TagEnd::TableRow | TagEnd::TableCell) => {}
            inline => {
                let row = if in_head { &mut head } else { body.last_mut().map_or(&mut head, |r| r) };
                if let Some(cell) = row.last_mut() {
                    cell.events.push(inline.clone());
                }
            }
        }
    }
    // A head row that merges or leaves cells blank is the first row of a form, not headers.
    let head_is_headers = head.iter().all(|c| !c.events.is_empty() && !is_merge(c));
    out.push_str("<div class=\"table-wrap\"><table>\n");
    if !caption.is_empty() {
        out.push_str("<caption class=\"visually-hidden\">");
        html::push_html(out, std::iter::once(Event::Text(caption.into())));
        out.push_str("</caption>\n");
    }
    if head_is_headers {
        out.push_str("<thead>");
        row_html(out, merge_cells(head), "th scope=\"col\"", alignments);
        out.push_str("</thead>\n<tbody>\n");
    } else {
        out.push_str("<tbody>\n");
        row_html(out, merge_cells(head), "td", alignments);
    }
    for row in body {
        row_html(out, merge_cells(row), "td", alignments);
    }
    out.push_str("</tbody></table></div>\n");
}

fn is_merge(cell: &Cell<'_>) -> bool {
    is_merge_cell(&cell.events)
}

/// Whether a table cell's content is the merge-left marker `<`.
pub fn is_merge_cell(content: &[Event<'_>]) -> bool {
    matches!(content, [Event::Text(t)] if t.trim() == MERGE_LEFT)
}

fn merge_cells(row: Vec<Cell<'_>>) -> Vec<Cell<'_>> {
    let mut merged: Vec<Cell> = Vec::new();
    for cell in row {
        match merged.last_mut() {
            Some(left) if is_merge(&cell) => left.span += 1,
            _ => merged.push(cell),
        }
    }
    merged
}

fn row_html(out: &mut String, row: Vec<Cell<'_>>, tag: &str, alignments: &[Alignment]) {
    let name = tag.split(' ').next().unwrap_or(tag);
    out.push_str("<tr>");
    let mut column = 0;
    for cell in row {
        out.push('<');
        out.push_str(tag);
        if cell.span > 1 {
            out.push_str(&format!(" colspan=\"{}\"", cell.span));
        }
        match alignments.get(column) {
            Some(Alignment::Center) => out.push_str(" class=\"center\""),
            Some(Alignment::Right) => out.push_str(" class=\"right\""),
            _ => {}
        }
        out.push('>');
        html::push_html(out, cell.events.into_iter());
        out.push_str(&format!("</{name}>"));
        column += cell.span;
    }
    out.push_str("</tr>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_cells_become_colspans() {
        let html = to_html("| 单位名称 |  | < | < |\n| --- | --- | --- | --- |\n| 法定代表人 |  | 注册资金 |  |\n");
        assert!(html.contains("<tr><td>单位名称</td><td colspan=\"3\"></td></tr>"), "{html}");
        assert!(html.contains("<tr><td>法定代表人</td><td></td><td>注册资金</td><td></td></tr>"), "{html}");
        assert!(!html.contains("<thead>"));
    }

    #[test]
    fn a_full_head_row_is_headers() {
        let html = to_html("| 序号 | 职业编码 |\n| --- | --- |\n| 1 |  |\n");
        assert!(html.contains("<thead><tr><th scope=\"col\">序号</th><th scope=\"col\">职业编码</th></tr>"), "{html}");
    }

    #[test]
    fn underscores_become_blanks() {
        let html =
            to_html("法定代表人（签字）：________\n\n签订时间：____年____月____日\n\n负责人：______；电话：______。\n");
        assert!(html.contains("法定代表人（签字）：<span class=\"blank\">"), "{html}");
        assert_eq!(html.matches("class=\"blank\"").count(), 6, "{html}");
        assert!(!html.contains("<em>") && !html.contains("<strong>"), "{html}");
        assert!(to_html("a_b__c").contains("a_b__c"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("<script>alert(1)</script>\n\n名称<img src=x onerror=alert(1)>\n\n第一行<br>第二行\n");
        assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;") && html.contains("&lt;img"), "{html}");
        assert!(html.contains("第一行<br>第二行"), "{html}");
        let link = to_html("[点我](javascript:alert(1)) [好](https://example.gov.cn/) [相对](forms/)");
        assert!(link.contains("href=\"#\"") && !link.contains("javascript"), "{link}");
        assert!(link.contains("href=\"https://example.gov.cn/\"") && link.contains("href=\"forms/\""), "{link}");
    }
}
