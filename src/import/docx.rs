//! A `.docx` read into a small typed model of what import needs: paragraphs of runs (text,
//! bold, underline, line breaks) and tables of rows and cells (`w:gridSpan`, `w:vMerge`).
//!
//! Read with `zip` and `roxmltree` rather than docx-rs's reader: docx-rs 0.4 keeps a table
//! cell's `gridSpan` and `vMerge` in private fields (its types are made for writing), so they
//! could only be read back through its JSON serialisation; the few parts of WordprocessingML
//! used here are read directly instead, with the crates the Word form tests already use.
//!
//! What the file declares is checked before it is trusted ([`crate::limits`]): each part's
//! inflated size before it is inflated (and the inflating bounded all the same), the XML's
//! nesting before it is parsed (roxmltree recurses into each element), its nodes as it is
//! parsed, and a table row's grid columns before they are counted.

use std::collections::HashMap;
use std::io::Read;

use roxmltree::Node;

use crate::limits;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("{}", crate::msg!("import.docx.zip", error = .0))]
    Zip(String),
    #[error("{}", crate::msg!("import.docx.no_body"))]
    NoBody,
    #[error("{}", crate::msg!("import.docx.xml", part = .part, error = .message))]
    Xml { part: String, message: String },
    #[error("{}", crate::msg!("limits.part_too_large", part = .0, limit = limits::megabytes(limits::PART_BYTES)))]
    TooLarge(String),
    #[error("{}", crate::msg!("limits.part_unreadable", part = .part, error = .message))]
    Unreadable { part: String, message: String },
    #[error("{}", crate::msg!("limits.xml_nodes", part = .0, limit = limits::XML_NODES))]
    TooManyNodes(String),
    #[error("{}", crate::msg!("limits.xml_too_deep", part = .part, line = .line, limit = limits::XML_DEPTH))]
    TooDeep { part: String, line: u32 },
    #[error(
        "{}",
        crate::msg!("limits.table_too_wide", part = .part, line = .line, columns = .columns, limit = limits::TABLE_COLUMNS)
    )]
    TooWide { part: String, line: u32, columns: String },
}

const BODY: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";

/// The document body in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub pieces: Vec<Piece>,
    /// A heading style (`Heading 1`, `Title`) or an outline level.
    pub heading: bool,
    /// `keepNext`: Word's sign of a line that belongs to what follows (titles, headings).
    pub keep_next: bool,
    pub centered: bool,
    pub right: bool,
    /// A list item (`w:numPr`).
    pub list: bool,
    /// A page break inside or before the paragraph.
    pub page_break: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text {
        text: String,
        bold: bool,
        underline: bool,
    },
    /// A line break inside the paragraph (`w:br`, `w:cr`).
    Break,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// Grid columns covered (`w:gridSpan`), at least 1.
    pub span: usize,
    pub merge: VMerge,
    pub paragraphs: Vec<Paragraph>,
}

/// Vertical merging: the first cell of a merged column restarts it, the cells below continue it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

impl Paragraph {
    /// The text with line breaks as `\n`.
    pub fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text { text, .. } => text.as_str(),
                Piece::Break => "\n",
            })
            .collect()
    }

    /// Whether every visible character is bold.
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for piece in &self.pieces {
            if let Piece::Text { text, bold, .. } = piece
                && !text.trim().is_empty()
            {
                if !bold {
                    return false;
                }
                any = true;
            }
        }
        any
    }
}

impl Cell {
    /// The cell's text, its paragraphs and line breaks as `\n`.
    pub fn text(&self) -> String {
        self.paragraphs.iter().map(Paragraph::text).collect::<Vec<_>>().join("\n")
    }
}

/// Reads the body of the `.docx` in `bytes`.
pub fn read(bytes: &[u8]) -> Result<Word, DocxError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| DocxError::Zip(e.to_string()))?;
    let body = part(&mut archive, BODY)?.ok_or(DocxError::NoBody)?;
    let styles_xml = part(&mut archive, STYLES)?;
    let styles = match &styles_xml {
        Some(text) => Styles::read(&parse(text, STYLES)?),
        None => Styles::default(),
    };
    let doc = parse(&body, BODY)?;
    let mut blocks = Vec::new();
    if let Some(body) = doc.root_element().children().find(|n| is(n, "body")) {
        read_blocks(body, &styles, &mut blocks)?;
    }
    Ok(Word { blocks })
}

/// The text of the part `name`, or `None` when the file has no such part. Its declared size is
/// checked first, and the zip reader refuses to inflate beyond it; the read is bounded too.
fn part(archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Result<Option<String>, DocxError> {
    let unreadable = |e: &dyn std::fmt::Display| DocxError::Unreadable { part: name.into(), message: e.to_string() };
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(unreadable(&e)),
    };
    if file.size() > limits::PART_BYTES {
        return Err(DocxError::TooLarge(name.into()));
    }
    let mut text = String::new();
    file.take(limits::PART_BYTES + 1).read_to_string(&mut text).map_err(|e| unreadable(&e))?;
    if text.len() as u64 > limits::PART_BYTES {
        return Err(DocxError::TooLarge(name.into()));
    }
    Ok(Some(text))
}

/// The part's XML, refused when its elements nest deeper than [`limits::XML_DEPTH`] (the XML
/// parser recurses into every element, and so do the readers below) or hold more nodes than
/// [`limits::XML_NODES`].
fn parse<'i>(text: &'i str, part: &str) -> Result<roxmltree::Document<'i>, DocxError> {
    check_depth(text, part)?;
    let options = roxmltree::ParsingOptions { nodes_limit: limits::XML_NODES, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => DocxError::TooManyNodes(part.into()),
        e => DocxError::Xml { part: part.into(), message: e.to_string() },
    })
}

/// Streams through the XML, which keeps no stack, to find how deep its elements nest.
fn check_depth(text: &str, part: &str) -> Result<(), DocxError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0;
    // The line and column of a byte offset, as the XML parser's own messages give them.
    let position = |at: u64| {
        let before = text.get(..usize::try_from(at).unwrap_or(text.len()).min(text.len())).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        (line, before.rsplit('\n').next().unwrap_or("").chars().count() + 1)
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            let (line, column) = position(reader.error_position());
            DocxError::Xml { part: part.into(), message: format!("{e} at {line}:{column}") }
        })?;
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Eof => return Ok(()),
            _ => {}
        }
        if depth > limits::XML_DEPTH {
            let (line, _) = position(reader.buffer_position());
            return Err(DocxError::TooDeep { part: part.into(), line: u32::try_from(line).unwrap_or(u32::MAX) });
        }
    }
}

/// The line of the part where `node` starts.
fn line(node: &Node) -> u32 {
    node.document().text_pos_at(node.range().start).row
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

fn val<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((W, "val"))
}

/// An on/off property such as `<w:b/>`: on unless its value says off.
fn on(node: Node) -> bool {
    !matches!(val(node), Some("0" | "false" | "off"))
}

/// Paragraphs and tables of `parent`, looking through content controls (`w:sdt`). The
/// recursion is as deep as the XML, which [`parse`] has bounded.
fn read_blocks(parent: Node, styles: &Styles, out: &mut Vec<Block>) -> Result<(), DocxError> {
    for node in parent.children() {
        if is(&node, "p") {
            out.push(Block::Paragraph(paragraph(node, styles)));
        } else if is(&node, "tbl") {
            out.push(Block::Table(table(node, styles)?));
        } else if is(&node, "sdt")
            && let Some(content) = child(node, "sdtContent")
        {
            read_blocks(content, styles, out)?;
        }
    }
    Ok(())
}

/// The grid columns a row's `w:gridBefore` or a cell's `w:gridSpan` gives, at most
/// [`limits::TABLE_COLUMNS`]; a value that is no number counts as none.
fn grid_columns(node: Node, value: Option<&str>) -> Result<Option<usize>, DocxError> {
    let Some(value) = value else { return Ok(None) };
    let too_wide = || DocxError::TooWide { part: BODY.into(), line: line(&node), columns: limits::excerpt(value) };
    match value.trim().parse::<u64>() {
        Ok(n) if n > limits::TABLE_COLUMNS as u64 => Err(too_wide()),
        Ok(n) => Ok(usize::try_from(n).ok()),
        // Digits too many for a number are more than the limit too.
        Err(_) if !value.trim().is_empty() && value.trim().bytes().all(|b| b.is_ascii_digit()) => Err(too_wide()),
        Err(_) => Ok(None),
    }
}

fn table(node: Node, styles: &Styles) -> Result<Table, DocxError> {
    let mut rows = Vec::new();
    for tr in row_nodes(node) {
        let mut cells = Vec::new();
        // Grid columns a row leaves out at its start (`w:gridBefore`) keep the others in place.
        let before = child(tr, "trPr").and_then(|p| child(p, "gridBefore"));
        let before = match before {
            Some(b) => grid_columns(b, val(b))?,
            None => None,
        };
        if let Some(span) = before.filter(|n: &usize| *n > 0) {
            cells.push(Cell { span, merge: VMerge::None, paragraphs: Vec::new() });
        }
        let mut width = before.unwrap_or(0);
        for tc in tr.children().filter(|n| is(n, "tc")) {
            let props = child(tc, "tcPr");
            let span = match props.and_then(|p| child(p, "gridSpan")) {
                Some(g) => grid_columns(g, val(g))?.unwrap_or(1).max(1),
                None => 1,
            };
            width += span;
            if width > limits::TABLE_COLUMNS {
                return Err(DocxError::TooWide { part: BODY.into(), line: line(&tc), columns: width.to_string() });
            }
            let merge = match props.and_then(|p| child(p, "vMerge")) {
                None => VMerge::None,
                Some(m) if val(m) == Some("restart") => VMerge::Restart,
                Some(_) => VMerge::Continue,
            };
            let mut blocks = Vec::new();
            read_blocks(tc, styles, &mut blocks)?;
            // A table nested in a cell is read as its cells' paragraphs.
            let paragraphs = blocks
                .into_iter()
                .flat_map(|b| match b {
                    Block::Paragraph(p) => vec![p],
                    Block::Table(t) => t.rows.into_iter().flatten().flat_map(|c| c.paragraphs).collect(),
                })
                .collect();
            cells.push(Cell { span, merge, paragraphs });
        }
        rows.push(cells);
    }
    Ok(Table { rows })
}

fn row_nodes<'a, 'i>(table: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut rows = Vec::new();
    for n in table.children() {
        if is(&n, "tr") {
            rows.push(n);
        } else if is(&n, "sdt")
            && let Some(content) = child(n, "sdtContent")
        {
            rows.extend(row_nodes(content));
        }
    }
    rows
}

fn paragraph(node: Node, styles: &Styles) -> Paragraph {
    let props = child(node, "pPr");
    let style = props.and_then(|p| child(p, "pStyle")).and_then(val);
    let style_bold = style.is_some_and(|s| styles.bold(s));
    let jc = props.and_then(|p| child(p, "jc")).and_then(val);
    let mut out = Paragraph {
        heading: style.is_some_and(|s| styles.heading(s)) || props.and_then(|p| child(p, "outlineLvl")).is_some(),
        keep_next: props.and_then(|p| child(p, "keepNext")).is_some_and(on),
        centered: jc == Some("center"),
        right: matches!(jc, Some("right" | "end")),
        list: props.and_then(|p| child(p, "numPr")).is_some(),
        page_break: props.and_then(|p| child(p, "pageBreakBefore")).is_some_and(on),
        pieces: Vec::new(),
    };
    for run in node.descendants().filter(|n| is(n, "r")) {
        // Runs of a nested paragraph (a text box) and deleted text are not this paragraph's.
        let owner = run.ancestors().skip(1).find(|a| is(a, "p") || is(a, "del"));
        if owner != Some(node) {
            continue;
        }
        let rprops = child(run, "rPr");
        let prop = |name: &str| rprops.and_then(|p| child(p, name));
        let bold = match prop("b") {
            Some(b) => on(b),
            None => prop("rStyle").and_then(val).map_or(style_bold, |s| styles.bold(s)),
        };
        let underline = prop("u").is_some_and(|u| !matches!(val(u), Some("none") | None));
        for item in run.children() {
            if is(&item, "t") {
                let text = item.text().unwrap_or("").to_owned();
                match out.pieces.last_mut() {
                    Some(Piece::Text { text: last, bold: b, underline: u }) if *b == bold && *u == underline => {
                        last.push_str(&text)
                    }
                    _ => out.pieces.push(Piece::Text { text, bold, underline }),
                }
            } else if is(&item, "tab") {
                out.pieces.push(Piece::Text { text: " ".into(), bold, underline });
            } else if is(&item, "br") && matches!(item.attribute((W, "type")), Some("page" | "column")) {
                out.page_break = true;
            } else if is(&item, "br") || is(&item, "cr") {
                out.pieces.push(Piece::Break);
            } else if is(&item, "noBreakHyphen") {
                out.pieces.push(Piece::Text { text: "-".into(), bold, underline });
            }
        }
    }
    out
}

/// What import needs from `styles.xml`: which styles are bold and which are headings.
#[derive(Debug, Default)]
struct Styles {
    /// Style id → (bold if set, based on, is a heading).
    styles: HashMap<String, (Option<bool>, Option<String>, bool)>,
}

impl Styles {
    fn read(doc: &roxmltree::Document) -> Styles {
        let mut styles = HashMap::new();
        for style in doc.root_element().children().filter(|n| is(n, "style")) {
            let Some(id) = style.attribute((W, "styleId")) else { continue };
            let name = child(style, "name").and_then(val).unwrap_or("").to_ascii_lowercase();
            let bold = child(style, "rPr").and_then(|r| child(r, "b")).map(on);
            let based = child(style, "basedOn").and_then(val).map(str::to_owned);
            let outline = child(style, "pPr").and_then(|p| child(p, "outlineLvl")).is_some();
            let heading = outline || name.starts_with("heading") || name == "title";
            styles.insert(id.to_owned(), (bold, based, heading));
        }
        Styles { styles }
    }

    /// Follows `basedOn` (at most a few levels; a loop in a broken file ends there).
    fn bold(&self, id: &str) -> bool {
        let mut id = id;
        for _ in 0..10 {
            match self.styles.get(id) {
                Some((Some(bold), _, _)) => return *bold,
                Some((None, Some(base), _)) => id = base,
                _ => return false,
            }
        }
        false
    }

    fn heading(&self, id: &str) -> bool {
        self.styles.get(id).is_some_and(|s| s.2)
    }
}
