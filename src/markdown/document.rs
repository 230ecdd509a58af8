//! The typed document every writer reads: HTML pages, Word files and the search index.

/// Markdown whose quotes, lists, emphasis or links nest deeper than
/// [`crate::limits::MARKDOWN_DEPTH`]; `line` is where the limit is passed, from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::msg!("limits.markdown_too_deep", limit = crate::limits::MARKDOWN_DEPTH))]
pub struct TooDeep {
    pub line: usize,
}

/// A Markdown document, read once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        /// 1 to 6
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
        layout: Layout,
        role: Role,
    },
    List {
        /// The first number of an ordered list; `None` for a bulleted one.
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Table(Table),
    Rule,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A paragraph of its own.
    Wrapped,
    /// Text without a paragraph around it: a tight list item, or an HTML block shown as text.
    Bare,
    /// A code block: kept as typed, line breaks and all.
    Preformatted,
}

/// What a paragraph is for on a paper form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running text.
    Body,
    /// A line to fill in (`机构名称：____`) before any running text of its section.
    FillIn,
    /// A line to fill in after running text: signature, stamp and date lines.
    Signature,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    /// A run of underscores: room to write in.
    Blank(Blank),
    /// A line break in the source that is no break on the page (a space between Latin words).
    SoftBreak,
    /// A hard line break (two spaces or a backslash at the end of a line).
    HardBreak,
    /// `<br>`, the one HTML tag kept: a line break inside a table cell.
    LineBreak,
    Code(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Link {
        /// Already made safe: relative, http(s) or mailto.
        url: String,
        title: String,
        content: Vec<Inline>,
    },
    Image {
        url: String,
        title: String,
        alt: Vec<Inline>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Blank {
    /// How many underscores long.
    pub width: usize,
    /// The value written here, when the blank stands alone in running text or a label cell;
    /// `None` inside a cell that is itself the field.
    pub field: Option<Field>,
}

/// Something an applicant fills in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Unique in the document, derived from the label and the position (`拟申报等级-1`), so
    /// that a value can be placed in the same cell of the HTML page and of the Word file.
    pub id: String,
    /// The form's own words for it: `单位名称`, `拟申报等级 第1行`, `签订时间（年）`.
    pub label: String,
}

/// A pipe table, merge cells resolved into spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The text of the last heading between the previous table and this one.
    pub caption: String,
    pub alignments: Vec<Alignment>,
    /// Whether the first row is column headings (every cell filled in, nothing merged).
    pub header: bool,
    /// The rows as written; the first is the Markdown head row, headings or not.
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub content: Vec<Inline>,
    /// How many columns it spans: 1 plus the `<` cells merged into it.
    pub span: usize,
    pub kind: CellKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellKind {
    /// A column heading of a header row.
    Heading,
    /// Printed text: a label, a number, a note.
    Label,
    /// Nothing but room to write in.
    Entry(Field),
    /// Boxes to tick, such as `企业□ 行业协会□ 其他□`.
    Options { field: Field, options: Vec<String> },
}

impl Table {
    /// The number of grid columns: the widest row's spans.
    pub fn columns(&self) -> usize {
        self.rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0)
    }
}

/// Inline content flattened into what a page shows: text with its weight, blanks and breaks.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text { text: String, strong: bool, emphasis: bool },
    Blank(usize),
    Break,
}

/// Flattens `content`: links and images keep only their text, code is text, a soft break is a
/// space between two Latin words and nothing between Chinese characters, trailing breaks go.
pub fn spans(content: &[Inline]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut soft_break = false;
    flatten(content, false, false, &mut soft_break, &mut out);
    while matches!(out.last(), Some(Span::Break)) {
        out.pop();
    }
    out
}

fn flatten(content: &[Inline], strong: bool, emphasis: bool, soft_break: &mut bool, out: &mut Vec<Span>) {
    for inline in content {
        match inline {
            Inline::Text(text) | Inline::Code(text) => {
                push_text(out, text, strong, emphasis, *soft_break);
                *soft_break = false;
            }
            Inline::Blank(blank) => {
                out.push(Span::Blank(blank.width));
                *soft_break = false;
            }
            Inline::SoftBreak => *soft_break = true,
            Inline::HardBreak | Inline::LineBreak => {
                out.push(Span::Break);
                *soft_break = false;
            }
            Inline::Strong(inner) => flatten(inner, true, emphasis, soft_break, out),
            Inline::Emphasis(inner) => flatten(inner, strong, true, soft_break, out),
            Inline::Link { content: inner, .. } | Inline::Image { alt: inner, .. } => {
                flatten(inner, strong, emphasis, soft_break, out)
            }
        }
    }
}

fn push_text(out: &mut Vec<Span>, text: &str, strong: bool, emphasis: bool, soft_break: bool) {
    if soft_break {
        let before = match out.last() {
            Some(Span::Text { text, .. }) => text.chars().last(),
            _ => None,
        };
        let after = text.chars().next();
        if before.is_some_and(|c| c.is_ascii_alphanumeric()) && after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            push_plain(out, " ", strong, emphasis);
        }
    }
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        push_plain(out, &line.replace('\r', ""), strong, emphasis);
        if lines.peek().is_some() {
            out.push(Span::Break);
        }
    }
}

fn push_plain(out: &mut Vec<Span>, text: &str, strong: bool, emphasis: bool) {
    if text.is_empty() {
        return;
    }
    if let Some(Span::Text { text: prev, strong: s, emphasis: e }) = out.last_mut()
        && *s == strong
        && *e == emphasis
    {
        prev.push_str(text);
        return;
    }
    out.push(Span::Text { text: text.to_owned(), strong, emphasis });
}

/// The text of flattened spans, a blank as one `_`, a break as a newline.
pub fn plain_text(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text { text, .. } => text.as_str(),
            Span::Blank(_) => "_",
            Span::Break => "\n",
        })
        .collect()
}

/// The text of `content` as a heading or caption reads: text and code, no blanks or breaks.
pub fn text_of(content: &[Inline]) -> String {
    let mut out = String::new();
    collect_text(content, &mut out);
    out
}

fn collect_text(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Strong(inner)
            | Inline::Emphasis(inner)
            | Inline::Link { content: inner, .. }
            | Inline::Image { alt: inner, .. } => collect_text(inner, out),
            Inline::Blank(_) | Inline::SoftBreak | Inline::HardBreak | Inline::LineBreak => {}
        }
    }
}

/// Whether the content leaves room to write in: nothing in it but blanks and spaces.
pub fn is_blank(spans: &[Span]) -> bool {
    spans.iter().all(|s| match s {
        Span::Text { text, .. } => text.trim().is_empty(),
        Span::Blank(_) | Span::Break => true,
    })
}

/// Checkbox options such as `企业□ 行业协会□ 其他□`: two or more words, each with a box.
pub fn checkbox_options(spans: &[Span]) -> Option<Vec<String>> {
    if spans.iter().any(|s| matches!(s, Span::Blank(_))) {
        return None;
    }
    let text = plain_text(spans);
    let options: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    let boxed = |o: &String| o.ends_with(['□', '☐', '☑', '■']) || o.starts_with(['□', '☐', '☑', '■']);
    (options.len() >= 2 && options.iter().all(boxed)).then_some(options)
}
