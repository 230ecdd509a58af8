//! A [`Document`] → HTML for the notice, the forms and the update notes.
//!
//! The document's blocks are written as pulldown-cmark events through its HTML writer; tables
//! are written here, with merged cells as `colspan`, a caption from the heading above, and
//! column headings only when the first row names the columns. Blanks are drawn as underlined
//! spans. A last pass with ammonia's allowlist keeps anything unsafe off the page.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd, html};

use super::document::{Alignment, Block, Cell, Document, Inline, Layout, Table};

pub fn to_html(document: &Document) -> String {
    let mut out = String::new();
    let mut pending: Vec<Event<'static>> = Vec::new();
    write_blocks(&document.blocks, &mut pending, &mut out);
    html::push_html(&mut out, pending.into_iter());
    sanitize(&out)
}

/// Appends the events of `blocks` to `pending`; a table first writes out what is pending,
/// then itself.
fn write_blocks(blocks: &[Block], pending: &mut Vec<Event<'static>>, out: &mut String) {
    for block in blocks {
        match block {
            Block::Heading { level, content } => {
                let level = heading_level(*level);
                pending.push(Event::Start(Tag::Heading { level, id: None, classes: Vec::new(), attrs: Vec::new() }));
                inline_events(content, pending);
                pending.push(Event::End(TagEnd::Heading(level)));
            }
            Block::Paragraph { content, layout: Layout::Wrapped, .. } => {
                pending.push(Event::Start(Tag::Paragraph));
                inline_events(content, pending);
                pending.push(Event::End(TagEnd::Paragraph));
            }
            Block::Paragraph { content, layout: Layout::Bare, .. } => inline_events(content, pending),
            Block::Paragraph { content, layout: Layout::Preformatted, .. } => {
                pending.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)));
                inline_events(content, pending);
                pending.push(Event::End(TagEnd::CodeBlock));
            }
            Block::List { start, items } => {
                pending.push(Event::Start(Tag::List(*start)));
                for item in items {
                    pending.push(Event::Start(Tag::Item));
                    write_blocks(item, pending, out);
                    pending.push(Event::End(TagEnd::Item));
                }
                pending.push(Event::End(TagEnd::List(start.is_some())));
            }
            Block::Quote(inner) => {
                pending.push(Event::Start(Tag::BlockQuote(None)));
                write_blocks(inner, pending, out);
                pending.push(Event::End(TagEnd::BlockQuote(None)));
            }
            Block::Rule => pending.push(Event::Rule),
            Block::Table(table) => {
                html::push_html(out, pending.drain(..));
                table_html(out, table);
            }
        }
    }
}

fn inline_events(content: &[Inline], out: &mut Vec<Event<'static>>) {
    for inline in content {
        match inline {
            Inline::Text(text) => out.push(Event::Text(text.clone().into())),
            Inline::Blank(blank) => {
                out.push(Event::Html(format!("<span class=\"blank\">{}</span>", "\u{a0}".repeat(blank.width)).into()))
            }
            Inline::SoftBreak => out.push(Event::SoftBreak),
            Inline::HardBreak => out.push(Event::HardBreak),
            Inline::LineBreak => out.push(Event::Html("<br>".into())),
            Inline::Code(code) => out.push(Event::Code(code.clone().into())),
            Inline::Strong(inner) => {
                out.push(Event::Start(Tag::Strong));
                inline_events(inner, out);
                out.push(Event::End(TagEnd::Strong));
            }
            Inline::Emphasis(inner) => {
                out.push(Event::Start(Tag::Emphasis));
                inline_events(inner, out);
                out.push(Event::End(TagEnd::Emphasis));
            }
            Inline::Link { url, title, content } => {
                out.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: url.clone().into(),
                    title: title.clone().into(),
                    id: CowStr::Borrowed(""),
                }));
                inline_events(content, out);
                out.push(Event::End(TagEnd::Link));
            }
            Inline::Image { url, title, alt } => {
                out.push(Event::Start(Tag::Image {
                    link_type: LinkType::Inline,
                    dest_url: url.clone().into(),
                    title: title.clone().into(),
                    id: CowStr::Borrowed(""),
                }));
                inline_events(alt, out);
                out.push(Event::End(TagEnd::Image));
            }
        }
    }
}

fn heading_level(level: u8) -> HeadingLevel {
    match level {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// One table; the caption lets a screen reader announce which part of the form it is in.
fn table_html(out: &mut String, table: &Table) {
    out.push_str("<div class=\"table-wrap\"><table>\n");
    if !table.caption.is_empty() {
        out.push_str("<caption class=\"visually-hidden\">");
        html::push_html(out, std::iter::once(Event::Text(table.caption.as_str().into())));
        out.push_str("</caption>\n");
    }
    let mut rows = table.rows.iter();
    if table.header {
        out.push_str("<thead>");
        if let Some(head) = rows.next() {
            row_html(out, head, "th scope=\"col\"", &table.alignments);
        }
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for row in rows {
        row_html(out, row, "td", &table.alignments);
    }
    out.push_str("</tbody></table></div>\n");
}

fn row_html(out: &mut String, row: &[Cell], tag: &str, alignments: &[Alignment]) {
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
        let mut events = Vec::new();
        inline_events(&cell.content, &mut events);
        html::push_html(out, events.into_iter());
        out.push_str(&format!("</{name}>"));
        column += cell.span;
    }
    out.push_str("</tr>\n");
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
