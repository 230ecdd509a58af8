//! Events → [`Document`]: the block and inline structure, merge cells resolved, blanks split
//! out of the text, each paragraph's role on a paper form.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::document::{
    Alignment, Blank, Block, Cell, CellKind, Document, Field, Inline, Layout, Role, Span, Table, checkbox_options,
    is_blank, spans, text_of,
};
use super::events::BLANK_MARK;

/// The cell text that merges a cell into its left neighbour.
pub const MERGE_LEFT: &str = "<";

pub(super) fn document(events: &[Event<'static>]) -> Document {
    let mut reader = Reader { events, at: 0, caption: String::new() };
    let mut blocks = reader.blocks(None);
    Roles::default().assign(&mut blocks);
    Document { blocks }
}

struct Reader<'e> {
    events: &'e [Event<'static>],
    at: usize,
    /// The text of the last heading since the last table: the next table's caption.
    caption: String,
}

impl Reader<'_> {
    /// Blocks up to the `End` that closes the container (or the end of the document).
    fn blocks(&mut self, until: Option<&TagEnd>) -> Vec<Block> {
        let mut out = Vec::new();
        while let Some(event) = self.events.get(self.at) {
            if let Event::End(end) = event
                && Some(end) == until
            {
                self.at += 1;
                break;
            }
            match event {
                Event::Start(Tag::Paragraph) => {
                    self.at += 1;
                    let content = self.inlines(&TagEnd::Paragraph);
                    out.push(paragraph(content, Layout::Wrapped));
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = TagEnd::Heading(*level);
                    let level = heading_number(*level);
                    self.at += 1;
                    let content = self.inlines(&end);
                    self.caption = text_of(&content);
                    out.push(Block::Heading { level, content });
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    self.at += 1;
                    let content = self.inlines(&TagEnd::CodeBlock);
                    out.push(paragraph(content, Layout::Preformatted));
                }
                Event::Start(Tag::HtmlBlock) => {
                    self.at += 1;
                    let content = self.inlines(&TagEnd::HtmlBlock);
                    out.push(paragraph(content, Layout::Bare));
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    let end = TagEnd::BlockQuote(*kind);
                    self.at += 1;
                    out.push(Block::Quote(self.blocks(Some(&end))));
                }
                Event::Start(Tag::List(start)) => {
                    let (start, ordered) = (*start, start.is_some());
                    self.at += 1;
                    let mut items = Vec::new();
                    while let Some(Event::Start(Tag::Item)) = self.events.get(self.at) {
                        self.at += 1;
                        items.push(self.blocks(Some(&TagEnd::Item)));
                    }
                    self.skip_end(&TagEnd::List(ordered));
                    out.push(Block::List { start, items });
                }
                Event::Start(Tag::Table(alignments)) => {
                    let alignments = alignments.iter().map(|a| alignment(*a)).collect();
                    self.at += 1;
                    let table = self.table(alignments);
                    out.push(Block::Table(table));
                }
                Event::Rule => {
                    self.at += 1;
                    out.push(Block::Rule);
                }
                // Text outside a paragraph: a tight list item.
                _ => {
                    let content = self.bare_inlines();
                    if content.is_empty() {
                        // An end tag that closes nothing open here, or a construct the
                        // parser options never produce: step over it.
                        self.at += 1;
                    } else {
                        out.push(paragraph(content, Layout::Bare));
                    }
                }
            }
        }
        out
    }

    fn skip_end(&mut self, end: &TagEnd) {
        if matches!(self.events.get(self.at), Some(Event::End(e)) if e == end) {
            self.at += 1;
        }
    }

    /// Inline content up to and including the given end tag.
    fn inlines(&mut self, end: &TagEnd) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some(event) = self.events.get(self.at) {
            self.at += 1;
            match event {
                Event::End(e) if e == end => break,
                event => self.inline(event, &mut out),
            }
        }
        out
    }

    /// Inline content with no container around it, up to the first block event.
    fn bare_inlines(&mut self) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some(event) = self.events.get(self.at) {
            if !is_inline(event) {
                break;
            }
            self.at += 1;
            self.inline(event, &mut out);
        }
        out
    }

    fn inline(&mut self, event: &Event<'static>, out: &mut Vec<Inline>) {
        match event {
            Event::Text(text) => push_text(out, text),
            Event::Code(code) => out.push(Inline::Code(code.to_string())),
            Event::Html(_) | Event::InlineHtml(_) => out.push(Inline::LineBreak),
            Event::SoftBreak => out.push(Inline::SoftBreak),
            Event::HardBreak => out.push(Inline::HardBreak),
            Event::Start(Tag::Strong) => {
                let inner = self.inlines(&TagEnd::Strong);
                out.push(Inline::Strong(inner));
            }
            Event::Start(Tag::Emphasis) => {
                let inner = self.inlines(&TagEnd::Emphasis);
                out.push(Inline::Emphasis(inner));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let content = self.inlines(&TagEnd::Link);
                let url = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                out.push(Inline::Link { url, title: title.to_string(), content });
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let alt = self.inlines(&TagEnd::Image);
                out.push(Inline::Image { url: dest_url.to_string(), title: title.to_string(), alt });
            }
            Event::Start(tag) => {
                // Not produced with the options in use; keep its text.
                let inner = self.inlines(&tag.to_end());
                out.extend(inner);
            }
            _ => {}
        }
    }

    /// A table from after `Start(Table)` to its end.
    fn table(&mut self, alignments: Vec<Alignment>) -> Table {
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        // Whether the head row has a cell left empty or merged: then it is the first row of a
        // form rather than column headings.
        let mut head_is_headers = true;
        while let Some(event) = self.events.get(self.at) {
            self.at += 1;
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let content = self.inlines(&TagEnd::TableCell);
                    if rows.is_empty() {
                        rows.push(Vec::new());
                    }
                    let merge = is_merge(&content);
                    if rows.len() == 1 {
                        // A `<` with nothing to its left merges nothing, but still marks a
                        // form row rather than headings.
                        head_is_headers &= !content.is_empty() && !merge;
                    }
                    let Some(row) = rows.last_mut() else { continue };
                    match row.last_mut() {
                        Some(left) if merge => left.span += 1,
                        _ => row.push(Cell { content, span: 1, kind: CellKind::Label }),
                    }
                }
                _ => {}
            }
        }
        let caption = std::mem::take(&mut self.caption);
        let mut table = Table { caption, alignments, header: !rows.is_empty() && head_is_headers, rows };
        classify_cells(&mut table);
        table
    }
}

fn paragraph(content: Vec<Inline>, layout: Layout) -> Block {
    Block::Paragraph { content, layout, role: Role::Body }
}

/// Appends text, splitting out each run of blank marks as a [`Blank`].
fn push_text(out: &mut Vec<Inline>, text: &str) {
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != BLANK_MARK {
            plain.push(c);
            continue;
        }
        let mut width = 1;
        while chars.next_if_eq(&BLANK_MARK).is_some() {
            width += 1;
        }
        if !plain.is_empty() {
            out.push(Inline::Text(std::mem::take(&mut plain)));
        }
        out.push(Inline::Blank(Blank { width, field: None }));
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
}

fn is_merge(content: &[Inline]) -> bool {
    matches!(content, [Inline::Text(t)] if t.trim() == MERGE_LEFT)
}

/// Headings, option groups, cells to write in and labels.
fn classify_cells(table: &mut Table) {
    for (r, row) in table.rows.iter_mut().enumerate() {
        for cell in row {
            let flat = spans(&cell.content);
            let placeholder = Field { id: String::new(), label: String::new() };
            cell.kind = if let Some(options) = checkbox_options(&flat) {
                CellKind::Options { field: placeholder, options }
            } else if table.header && r == 0 {
                CellKind::Heading
            } else if is_blank(&flat) {
                CellKind::Entry(placeholder)
            } else {
                CellKind::Label
            };
        }
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn alignment(a: pulldown_cmark::Alignment) -> Alignment {
    match a {
        pulldown_cmark::Alignment::None => Alignment::None,
        pulldown_cmark::Alignment::Left => Alignment::Left,
        pulldown_cmark::Alignment::Center => Alignment::Center,
        pulldown_cmark::Alignment::Right => Alignment::Right,
    }
}

fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::Html(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_)
        | Event::FootnoteReference(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        _ => false,
    }
}

/// Paragraph roles in reading order: a paragraph with a blank is a line to fill in, or a
/// signature line once running text has come since the last heading or table.
#[derive(Default)]
struct Roles {
    seen_body: bool,
}

impl Roles {
    fn assign(&mut self, blocks: &mut [Block]) {
        for block in blocks {
            match block {
                Block::Paragraph { content, role, .. } => {
                    if spans(content).iter().any(|s| matches!(s, Span::Blank(_))) {
                        *role = if self.seen_body { Role::Signature } else { Role::FillIn };
                    } else {
                        self.seen_body = true;
                    }
                }
                Block::Heading { .. } | Block::Table(_) => self.seen_body = false,
                Block::List { items, .. } => items.iter_mut().for_each(|item| self.assign(item)),
                Block::Quote(inner) => self.assign(inner),
                Block::Rule => {}
            }
        }
    }
}
