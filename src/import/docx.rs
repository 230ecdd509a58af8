//! A `.docx` read into a small typed model of what import needs: paragraphs of runs (text,
//! bold, underline, line breaks) and tables of rows and cells (`w:gridSpan`, `w:vMerge`).
//!
//! Read with `zip` and `roxmltree` rather than docx-rs's reader: docx-rs 0.4 keeps a table
//! cell's `gridSpan` and `vMerge` in private fields (its types are made for writing), so they
//! could only be read back through its JSON serialisation; the few parts of WordprocessingML
//! used here are read directly instead, with the crates the Word form tests already use.

use std::collections::HashMap;
use std::io::Read;

use roxmltree::Node;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("{}", crate::msg!("import.docx.zip", error = .0))]
    Zip(String),
    #[error("{}", crate::msg!("import.docx.no_body"))]
    NoBody,
    #[error("{}", crate::msg!("import.docx.xml", part = .part, error = .message))]
    Xml { part: String, message: String },
}

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
    let mut part = |name: &str| -> Option<String> {
        let mut file = archive.by_name(name).ok()?;
        let mut text = String::new();
        file.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let body = part("word/document.xml").ok_or(DocxError::NoBody)?;
    let styles_xml = part("word/styles.xml");
    let xml_error = |part: &str, e: roxmltree::Error| DocxError::Xml { part: part.into(), message: e.to_string() };
    let styles = match &styles_xml {
        Some(text) => Styles::read(&roxmltree::Document::parse(text).map_err(|e| xml_error("word/styles.xml", e))?),
        None => Styles::default(),
    };
    let doc = roxmltree::Document::parse(&body).map_err(|e| xml_error("word/document.xml", e))?;
    let mut blocks = Vec::new();
    if let Some(body) = doc.root_element().children().find(|n| is(n, "body")) {
        read_blocks(body, &styles, &mut blocks);
    }
    Ok(Word { blocks })
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

/// Paragraphs and tables of `parent`, looking through content controls (`w:sdt`).
fn read_blocks(parent: Node, styles: &Styles, out: &mut Vec<Block>) {
    for node in parent.children() {
        if is(&node, "p") {
            out.push(Block::Paragraph(paragraph(node, styles)));
        } else if is(&node, "tbl") {
            out.push(Block::Table(table(node, styles)));
        } else if is(&node, "sdt")
            && let Some(content) = child(node, "sdtContent")
        {
            read_blocks(content, styles, out);
        }
    }
}

fn table(node: Node, styles: &Styles) -> Table {
    let mut rows = Vec::new();
    for tr in row_nodes(node) {
        let mut cells = Vec::new();
        // Grid columns a row leaves out at its start (`w:gridBefore`) keep the others in place.
        let before = child(tr, "trPr").and_then(|p| child(p, "gridBefore")).and_then(val).and_then(|v| v.parse().ok());
        if let Some(span) = before.filter(|n: &usize| *n > 0) {
            cells.push(Cell { span, merge: VMerge::None, paragraphs: Vec::new() });
        }
        for tc in tr.children().filter(|n| is(n, "tc")) {
            let props = child(tc, "tcPr");
            let span = props
                .and_then(|p| child(p, "gridSpan"))
                .and_then(val)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .max(1);
            let merge = match props.and_then(|p| child(p, "vMerge")) {
                None => VMerge::None,
                Some(m) if val(m) == Some("restart") => VMerge::Restart,
                Some(_) => VMerge::Continue,
            };
            let mut blocks = Vec::new();
            read_blocks(tc, styles, &mut blocks);
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
    Table { rows }
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
