//! A blank form as a Word document (.docx), for applicants who fill it in with Word, WPS or
//! LibreOffice, print, sign and stamp it.
//!
//! The form's Markdown is read through [`markdown::events`], the same events the HTML page is
//! made from, and laid out the way Chinese official documents are (GB/T 9704): A4, margins
//! 37/35/28/26 mm, 附件N in 黑体 at the top left, the title in bold 宋体 二号, headings in 黑体
//! 三号, body text in 仿宋 三号 on a fixed 28 pt line, page numbers "— N —" at the foot.
//!
//! - **Tables** have fixed layout, a `w:tblGrid` whose columns add up to the text width, and a
//!   width in twips on every cell: WPS ignores auto-fit. Label columns are as wide as their
//!   labels on one line (up to 8 characters); columns left blank to write in are at least
//!   1.8 cm and share the rest; column headings wrap into even lines, before a bracket where
//!   they can (拟申报职业 / （工种）). Rows with a cell to write in are at least 1 cm high. A
//!   cell holding only `<` merges into its left neighbour (`w:gridSpan`). Tables with more
//!   than four columns use 小四 or 五号 so their headings stay on three lines at most.
//! - **Blanks** (runs of underscores) become underlined non-breaking spaces half an em per
//!   underscore: Word does not underline ordinary spaces at the end of a line.
//! - **Fill-in lines** (paragraphs with a blank) are not indented; those after the body text
//!   (signature, stamp and date lines) are set flush right.
//! - **Checkbox options** in a cell (`企业□ 行业协会□ …`) are set on a tab grid so that no
//!   option is broken across lines.
//!
//! - **Word's reading order**: docx-rs writes some properties out of schema order (`w:rFonts`
//!   after `w:b`), which Word may ignore; [`schema_order`] sorts them after the build.
//!
//! The output is deterministic: paragraph ids are numbered here rather than by docx-rs's
//! thread-local counter, the core properties are written from the publication date, and
//! docx-rs stores every archive entry uncompressed with the fixed time 1980-01-01 00:00.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, FieldCharType, Footer, HeightRule, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Tab, TabValueType, Table,
    TableAlignmentType, TableBorder, TableBorderPosition, TableBorders, TableCell, TableLayoutType, TableRow,
    VAlignType, WidthType,
};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::model::Form;
use crate::render::markdown::{self, BLANK_MARK};

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("cannot write the Word file: {0}")]
    Write(String),
}

/// A4 portrait, in twips (1/20 pt).
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;

/// Millimetres to twips, rounded: 1 mm = 1440 / 25.4 twips.
const fn twips_from_mm(mm: i32) -> i32 {
    (mm * 14400 + 127) / 254
}

/// GB/T 9704 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
pub const MARGIN_TOP: i32 = twips_from_mm(37);
pub const MARGIN_BOTTOM: i32 = twips_from_mm(35);
pub const MARGIN_LEFT: i32 = twips_from_mm(28);
pub const MARGIN_RIGHT: i32 = twips_from_mm(26);
/// The width between the margins; every table spans exactly this.
pub const TEXT_WIDTH: usize = (PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

/// Font sizes in half-points, by their Chinese names.
const ERHAO: usize = 44; // 二号 22 pt
const XIAOER: usize = 36; // 小二 18 pt, the smallest a long title is shrunk to
const SANHAO: usize = 32; // 三号 16 pt
const SIHAO: usize = 28; // 四号 14 pt
const XIAOSI: usize = 24; // 小四 12 pt
const WUHAO: usize = 21; // 五号 10.5 pt

/// The fixed line of body text: 28 pt, 22 lines to the page as in GB/T 9704.
const BODY_LINE: i32 = 560;
/// The smallest height of a table row with a cell to write in: 1 cm.
const WRITING_ROW: f32 = 567.0;
/// Word's default left and right cell margins (108 twips each) and a little slack.
const CELL_PAD: usize = 236;
/// Table rule weight in eighths of a point: 0.5 pt.
const RULE: usize = 4;

/// A typeface: the name Chinese text is set in and the one for Latin letters and digits.
/// Each Chinese name is listed in `fontTable.xml` with its Latin name as `w:altName`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Face {
    east_asia: &'static str,
    latin: &'static str,
}

const FANGSONG: Face = Face { east_asia: "仿宋", latin: "Times New Roman" };
const HEITI: Face = Face { east_asia: "黑体", latin: "Times New Roman" };
const SONGTI: Face = Face { east_asia: "宋体", latin: "Times New Roman" };
const KAITI: Face = Face { east_asia: "楷体", latin: "Times New Roman" };
/// Blanks: one Latin font for every script so the underline has the same length everywhere.
const BLANK_FACE: Face = Face { east_asia: "Times New Roman", latin: "Times New Roman" };

/// The fonts named in the document, for `fontTable.xml`:
/// (name, altName, panose, charset, family, pitch).
const FONT_TABLE: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("Times New Roman", "", "02020603050405020304", "00", "roman", "variable"),
    ("仿宋", "FangSong", "02010609060101010101", "86", "modern", "fixed"),
    ("宋体", "SimSun", "02010600030101010101", "86", "auto", "variable"),
    ("黑体", "SimHei", "02010609060101010101", "86", "modern", "fixed"),
    ("楷体", "KaiTi", "02010609060101010101", "86", "modern", "fixed"),
];

impl Face {
    fn fonts(self) -> RunFonts {
        let fonts = RunFonts::new().ascii(self.latin).hi_ansi(self.latin).cs(self.latin).east_asia(self.east_asia);
        if self.east_asia == self.latin {
            fonts
        } else {
            // Quotes, ①, □ and … are set in the Chinese font, as a Chinese IME would.
            fonts.hint("eastAsia")
        }
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    face: Face,
    size: usize,
    bold: bool,
}

const BODY: Style = Style { face: FANGSONG, size: SANHAO, bold: false };

/// Writes `form` as a .docx; `date` is stamped as the document's creation date so that
/// rebuilding gives identical bytes.
pub fn form_docx(form: &Form, date: jiff::civil::Date) -> Result<Vec<u8>, DocxError> {
    let blocks = blocks(&markdown::events(&form.markdown));
    let mut doc = Builder::new();
    doc.front(form);
    doc.body(&blocks);
    let footer = doc.footer();
    let stamp = format!("{date}T00:00:00Z");
    let docx = doc
        .docx
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(851)
                .footer(992)
                .gutter(0),
        )
        .footer(footer)
        .default_fonts(FANGSONG.fonts())
        .default_size(SANHAO)
        .created_at(&stamp)
        .updated_at(&stamp);
    let mut xml = docx.build();
    xml.doc_props.core = core_properties(&form.title, &stamp).into_bytes();
    xml.font_table = font_table().into_bytes();
    xml.document = reordered(&xml.document)?;
    xml.styles = reordered(&xml.styles)?;
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        *part = reordered(part)?;
    }
    let mut buffer = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buffer).map_err(|e| DocxError::Write(e.to_string()))?;
    Ok(buffer.into_inner())
}

/// `docProps/core.xml` with the title; docx-rs offers no setter for it.
fn core_properties(title: &str, stamp: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#,
            r#"</cp:coreProperties>"#
        ),
        title = xml_escape(&clean_text(title)),
        stamp = xml_escape(stamp),
    )
}

/// `word/fontTable.xml` naming each Chinese font with its Latin name as the alternative, so
/// Word and WPS find 仿宋 as FangSong (and the reverse) on any system.
fn font_table() -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    for (name, alt, panose, charset, family, pitch) in FONT_TABLE {
        out.push_str(&format!(r#"<w:font w:name="{name}">"#));
        if !alt.is_empty() {
            out.push_str(&format!(r#"<w:altName w:val="{alt}"/>"#));
        }
        out.push_str(&format!(
            r#"<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        ));
    }
    out.push_str("</w:fonts>");
    out
}

/// Children of `w:pPr` in the order of the schema (CT_PPr).
const PPR_ORDER: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];
/// Children of `w:rPr` in the order of the schema (CT_RPr).
const RPR_ORDER: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];
/// Children of `w:sectPr` in the order of the schema (CT_SectPr).
const SECTPR_ORDER: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

/// Puts the children of every `w:pPr`, `w:rPr` and `w:sectPr` in `xml` into schema order.
///
/// docx-rs writes `w:rFonts` after `w:sz` and `w:b`, `w:keepNext` after `w:spacing` and
/// `w:footerReference` after `w:pgSz`. LibreOffice does not mind, but Word reads these
/// properties as sequences and is reported to ignore a font that comes after `w:b`.
fn schema_order(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    loop {
        let next = [("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER), ("w:sectPr", SECTPR_ORDER)]
            .into_iter()
            .filter_map(|(name, order)| rest.find(&format!("<{name}>")).map(|at| (at, name, order)))
            .min_by_key(|&(at, ..)| at);
        let Some((at, name, order)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let open = format!("<{name}>");
        let inner = &rest[at + open.len()..];
        match children(inner, name) {
            Some((mut kids, used)) => {
                let rank = |kid: &str| {
                    let tag = element_name(kid);
                    order.iter().position(|n| *n == tag).unwrap_or(order.len())
                };
                kids.sort_by_key(|k| rank(k));
                out.push_str(&open);
                for kid in kids {
                    out.push_str(&schema_order(kid));
                }
                out.push_str(&format!("</{name}>"));
                rest = &inner[used..];
            }
            None => {
                // Not the shape docx-rs writes: leave it as it is.
                out.push_str(&open);
                rest = inner;
            }
        }
    }
}

/// The child elements of an element whose content starts `xml`, up to its closing tag
/// `</name>`, and the length up to and including that tag.
fn children<'a>(xml: &'a str, name: &str) -> Option<(Vec<&'a str>, usize)> {
    let close = format!("</{name}>");
    let mut kids = Vec::new();
    let mut at = 0;
    loop {
        let rest = &xml[at..];
        if rest.starts_with(&close) {
            return Some((kids, at + close.len()));
        }
        if !rest.starts_with('<') || rest.starts_with("</") {
            return None;
        }
        // One child: tags until the depth is back to zero.
        let mut depth = 0usize;
        let mut end = at;
        loop {
            let tag_end = end + xml[end..].find('>')? + 1;
            let tag = &xml[end..tag_end];
            if tag.starts_with("</") {
                depth = depth.checked_sub(1)?;
            } else if !tag.ends_with("/>") {
                depth += 1;
            }
            end = tag_end;
            if depth == 0 {
                break;
            }
            // Skip text between tags (there is none in property elements, but be safe).
            end += xml[end..].find('<')?;
        }
        kids.push(&xml[at..end]);
        at = end;
    }
}

fn element_name(element: &str) -> &str {
    let name = &element[1..];
    let end = name.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(name.len());
    &name[..end]
}

fn reordered(part: &[u8]) -> Result<Vec<u8>, DocxError> {
    let text = std::str::from_utf8(part)
        .map_err(|e| DocxError::Write(format!("docx-rs wrote a part that is not UTF-8: {e}")))?;
    Ok(schema_order(text).into_bytes())
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Drops characters XML 1.0 cannot carry (controls other than tab and newline, U+FFFE/F).
fn clean_text(s: &str) -> String {
    s.chars()
        .filter(|&c| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The form as blocks: what the Markdown says, before any layout.

/// A piece of inline content.
#[derive(Debug, Clone, PartialEq)]
enum Inline {
    Text {
        text: String,
        strong: bool,
        emphasis: bool,
    },
    /// A blank to fill in, as many underscores long.
    Blank(usize),
    /// A line break inside the paragraph or cell.
    Break,
}

#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph {
        inlines: Vec<Inline>,
        /// Inside a list: the nesting depth (1 = top level).
        list_depth: usize,
    },
    Table(Grid),
    Rule,
}

/// A table with merge cells resolved into spans.
#[derive(Debug, Clone, PartialEq)]
struct Grid {
    /// Whether the first row is column headers (all filled in, nothing merged).
    header: bool,
    rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Cell {
    inlines: Vec<Inline>,
    span: usize,
}

impl Grid {
    fn columns(&self) -> usize {
        self.rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0)
    }
}

/// Reads the block structure from the Markdown events.
fn blocks(events: &[Event<'_>]) -> Vec<Block> {
    let mut out = Vec::new();
    // Per open list: the next item number (None: bulleted).
    let mut lists: Vec<Option<u64>> = Vec::new();
    // The marker of an item whose first paragraph is still to come.
    let mut marker: Option<String> = None;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Paragraph) => {
                let end = matching_end(events, i);
                push_paragraph(&mut out, &events[i + 1..end], &mut marker, lists.len());
                i = end + 1;
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let end = matching_end(events, i);
                out.push(Block::Heading(heading_number(*level), inlines(&events[i + 1..end])));
                i = end + 1;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                let end = matching_end(events, i);
                push_paragraph(&mut out, &events[i + 1..end], &mut marker, lists.len());
                i = end + 1;
            }
            Event::Start(Tag::Table(_)) => {
                let end = matching_end(events, i);
                out.push(Block::Table(grid(&events[i + 1..end])));
                i = end + 1;
            }
            Event::Start(Tag::List(start)) => {
                lists.push(*start);
                i += 1;
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                i += 1;
            }
            Event::Start(Tag::Item) => {
                let depth = lists.len();
                let label = match lists.last_mut() {
                    Some(Some(n)) => {
                        let label = format!("{n}.");
                        *n += 1;
                        label
                    }
                    _ => if depth > 1 { "◦" } else { "•" }.to_owned(),
                };
                marker = Some(label);
                i += 1;
            }
            Event::Rule => {
                out.push(Block::Rule);
                i += 1;
            }
            e if is_inline(e) => {
                // Text outside a paragraph: a tight list item, or an HTML block shown as text.
                let end = (i..events.len()).find(|&j| !is_inline(&events[j])).unwrap_or(events.len());
                push_paragraph(&mut out, &events[i..end], &mut marker, lists.len());
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

fn push_paragraph(out: &mut Vec<Block>, events: &[Event<'_>], marker: &mut Option<String>, list_depth: usize) {
    let mut content = inlines(events);
    if let Some(label) = marker.take() {
        content.insert(0, Inline::Text { text: format!("{label} "), strong: false, emphasis: false });
    }
    if content.is_empty() {
        return;
    }
    out.push(Block::Paragraph { inlines: content, list_depth });
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

/// The index of the `End` that closes the `Start` at `start`.
fn matching_end(events: &[Event<'_>], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len()
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
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// The inline content of a paragraph, heading or cell.
fn inlines(events: &[Event<'_>]) -> Vec<Inline> {
    let mut out = Vec::new();
    let (mut strong, mut emphasis) = (0usize, 0usize);
    let mut soft_break = false;
    for event in events {
        match event {
            Event::Text(t)
            | Event::Code(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::FootnoteReference(t) => {
                push_text(&mut out, t, strong > 0, emphasis > 0, soft_break);
                soft_break = false;
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                if t.trim().eq_ignore_ascii_case("<br>") {
                    out.push(Inline::Break);
                } else {
                    push_text(&mut out, t, strong > 0, emphasis > 0, soft_break);
                }
                soft_break = false;
            }
            Event::SoftBreak => soft_break = true,
            Event::HardBreak => out.push(Inline::Break),
            Event::TaskListMarker(done) => push_text(&mut out, if *done { "☑ " } else { "□ " }, false, false, false),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            _ => {}
        }
    }
    while matches!(out.last(), Some(Inline::Break)) {
        out.pop();
    }
    out
}

/// Appends `text`, splitting out blanks and line breaks; a soft line break between two Latin
/// words becomes a space and vanishes between Chinese characters.
fn push_text(out: &mut Vec<Inline>, text: &str, strong: bool, emphasis: bool, soft_break: bool) {
    let text = clean_text(text);
    if soft_break {
        let before = match out.last() {
            Some(Inline::Text { text, .. }) => text.chars().last(),
            _ => None,
        };
        let after = text.chars().next();
        if before.is_some_and(|c| c.is_ascii_alphanumeric()) && after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            push_plain(out, " ", strong, emphasis);
        }
    }
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            BLANK_MARK => {
                let mut run = 1;
                while chars.next_if_eq(&BLANK_MARK).is_some() {
                    run += 1;
                }
                push_plain(out, &std::mem::take(&mut plain), strong, emphasis);
                out.push(Inline::Blank(run));
            }
            '\n' => {
                push_plain(out, &std::mem::take(&mut plain), strong, emphasis);
                out.push(Inline::Break);
            }
            '\r' => {}
            c => plain.push(c),
        }
    }
    push_plain(out, &plain, strong, emphasis);
}

fn push_plain(out: &mut Vec<Inline>, text: &str, strong: bool, emphasis: bool) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text { text: prev, strong: s, emphasis: e }) = out.last_mut()
        && *s == strong
        && *e == emphasis
    {
        prev.push_str(text);
        return;
    }
    out.push(Inline::Text { text: text.to_owned(), strong, emphasis });
}

/// A table from the events between `Start(Table)` and `End(Table)`.
fn grid(events: &[Event<'_>]) -> Grid {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // Whether each cell of the first row had any content, for the header rule.
    let mut first_row_filled = true;
    let mut first_row_merged = false;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                rows.push(Vec::new());
                i += 1;
            }
            Event::Start(Tag::TableCell) => {
                let end = matching_end(events, i);
                let content = &events[i + 1..end];
                i = end + 1;
                if rows.is_empty() {
                    rows.push(Vec::new());
                }
                let first = rows.len() == 1;
                let Some(row) = rows.last_mut() else {
                    continue;
                };
                match row.last_mut() {
                    Some(left) if markdown::is_merge_cell(content) => {
                        left.span += 1;
                        first_row_merged |= first;
                    }
                    _ => {
                        first_row_filled &= !content.is_empty() || !first;
                        row.push(Cell { inlines: inlines(content), span: 1 });
                    }
                }
            }
            _ => i += 1,
        }
    }
    let mut grid = Grid { header: !rows.is_empty() && first_row_filled && !first_row_merged, rows };
    // Short rows are padded with empty cells so every row spans the grid.
    let columns = grid.columns();
    for row in &mut grid.rows {
        let width: usize = row.iter().map(|c| c.span).sum();
        for _ in width..columns {
            row.push(Cell { inlines: Vec::new(), span: 1 });
        }
    }
    grid
}

// ---------------------------------------------------------------------------------------------
// Measuring text in ems: Chinese characters and full-width signs are one em, Latin half.

fn char_em(c: char) -> f32 {
    match c {
        ' ' | '\u{a0}' => 0.25,
        BLANK_MARK => 0.5,
        c if c.is_ascii() => 0.5,
        // Latin-1 and other Latin letters.
        '\u{80}'..='\u{2ff}' => 0.5,
        _ => 1.0,
    }
}

fn text_em(text: &str) -> f32 {
    text.chars().map(char_em).sum()
}

/// The widths of the lines of `inlines`, split at breaks.
fn line_ems(inlines: &[Inline]) -> Vec<f32> {
    let mut lines = vec![0.0f32];
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => {
                if let Some(l) = lines.last_mut() {
                    *l += text_em(text)
                }
            }
            Inline::Blank(n) => {
                if let Some(l) = lines.last_mut() {
                    *l += *n as f32 * 0.5
                }
            }
            Inline::Break => lines.push(0.0),
        }
    }
    lines
}

/// The widest piece that must not be broken: a Latin word or number such as `4-03-02-01`.
fn longest_word_em(inlines: &[Inline]) -> f32 {
    let mut longest = 0.0f32;
    for inline in inlines {
        if let Inline::Text { text, .. } = inline {
            let mut word = 0.0f32;
            for c in text.chars() {
                if c.is_ascii_graphic() {
                    word += char_em(c);
                    longest = longest.max(word);
                } else {
                    word = 0.0;
                }
            }
        }
    }
    longest
}

fn plain_text(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            Inline::Blank(_) => "_",
            Inline::Break => "\n",
        })
        .collect()
}

/// Whether the cell leaves room to write in: nothing in it but blanks and spaces.
fn is_blank_cell(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text { text, .. } => text.trim().is_empty(),
        Inline::Blank(_) | Inline::Break => true,
    })
}

/// Checkbox options such as `企业□ 行业协会□ 其他□`: two or more words, each ending in a box.
fn checkbox_options(inlines: &[Inline]) -> Option<Vec<String>> {
    if inlines.iter().any(|i| !matches!(i, Inline::Text { .. } | Inline::Break)) {
        return None;
    }
    let text = plain_text(inlines);
    let options: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    let boxed = |o: &String| o.ends_with(['□', '☐', '☑', '■']) || o.starts_with(['□', '☐', '☑', '■']);
    (options.len() >= 2 && options.iter().all(boxed)).then_some(options)
}

// ---------------------------------------------------------------------------------------------
// Column widths and line breaks in cells.

/// What one column of a table asks for, in ems of the table's font.
#[derive(Debug, Clone, PartialEq)]
struct ColumnNeed {
    /// The lines of text in the column's single-column cells (headings and labels).
    texts: Vec<String>,
    /// The narrowest the column may be without breaking a word or an option.
    word: f32,
    /// Whether the column is mostly left blank, to write in.
    entry: bool,
}

/// Every column is at least two characters wide.
const MIN_COLUMN_EM: f32 = 2.0;
/// A column to write in is at least 1.8 cm wide.
const MIN_ENTRY: usize = 1020;
/// Labels up to this width stay on one line (统一社会信用代码); longer ones wrap.
const LABEL_LINE_EM: f32 = 8.0;
/// A column heading over a column to write in may wrap up to this many lines…
const MAX_HEADING_LINES: usize = 3;
/// …and never needs lines longer than this.
const HEADING_LINE_EM: f32 = 7.0;
const EPSILON: f32 = 0.01;

fn column_needs(grid: &Grid) -> Vec<ColumnNeed> {
    let columns = grid.columns();
    let mut needs = vec![ColumnNeed { texts: Vec::new(), word: MIN_COLUMN_EM, entry: false }; columns];
    let mut votes = vec![(0usize, 0usize); columns]; // (blank, filled)
    for (r, row) in grid.rows.iter().enumerate() {
        let mut column = 0;
        for cell in row {
            if cell.span == 1 && column < columns {
                let need = &mut needs[column];
                if let Some(options) = checkbox_options(&cell.inlines) {
                    let widest = options.iter().map(|o| text_em(o)).fold(0.0, f32::max);
                    need.word = need.word.max(widest);
                } else {
                    need.texts.extend(
                        plain_text(&cell.inlines).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned),
                    );
                    need.word = need.word.max(longest_word_em(&cell.inlines));
                }
                if !(grid.header && r == 0) {
                    let vote = &mut votes[column];
                    if is_blank_cell(&cell.inlines) {
                        vote.0 += 1;
                    } else {
                        vote.1 += 1;
                    }
                }
            }
            column += cell.span;
        }
    }
    for (need, (blank, filled)) in needs.iter_mut().zip(votes) {
        need.entry = blank > 0 && blank >= filled;
    }
    needs
}

/// The narrowest room, in ems, in which every text of the column wraps to at most `lines`.
fn room_for(need: &ColumnNeed, lines: usize) -> f32 {
    need.texts.iter().map(|t| text_room(t, lines)).fold(need.word.max(MIN_COLUMN_EM), f32::max)
}

fn text_room(text: &str, lines: usize) -> f32 {
    let width = text_em(text);
    let mut room = ceil_half(width / lines.max(1) as f32);
    while room < width && wrap(text, room).len() > lines {
        room += 0.5;
    }
    room.min(ceil_half(width))
}

/// Rounds up to the next half em.
fn ceil_half(em: f32) -> f32 {
    (em * 2.0 - EPSILON).ceil() / 2.0
}

/// Column widths in twips adding up to exactly `total`.
///
/// Label columns (mostly filled in) are as wide as their longest label, up to
/// [`LABEL_LINE_EM`]. Columns to write in start at [`MIN_ENTRY`] or the width that wraps their
/// heading into [`MAX_HEADING_LINES`] lines; while there is room, headings lose a line, the
/// cheapest first and alike headings together; whatever is left widens the narrowest columns
/// to write in.
fn column_widths(needs: &[ColumnNeed], em: usize, total: usize) -> Vec<usize> {
    if needs.is_empty() {
        return Vec::new();
    }
    let twips = |room: f32| (room * em as f32).round() as usize + CELL_PAD;
    let fewest_lines = |need: &ColumnNeed, limit: f32| {
        (1..=MAX_HEADING_LINES).find(|&l| room_for(need, l) <= limit + EPSILON).unwrap_or(MAX_HEADING_LINES)
    };
    // A long text in a column (a sentence rather than a label) wraps as Word likes; it does not
    // widen the column past a label's width.
    let width = |need: &ColumnNeed, lines: usize| {
        let cap = if need.entry { HEADING_LINE_EM } else { LABEL_LINE_EM };
        let w = twips(room_for(need, lines).min(cap.max(need.word)));
        if need.entry { w.max(MIN_ENTRY) } else { w }
    };
    let min_lines: Vec<usize> = needs
        .iter()
        .map(|n| if n.entry { fewest_lines(n, HEADING_LINE_EM) } else { fewest_lines(n, LABEL_LINE_EM) })
        .collect();
    let mut lines: Vec<usize> =
        needs.iter().zip(&min_lines).map(|(n, &m)| if n.entry { m.max(MAX_HEADING_LINES) } else { m }).collect();
    let mut widths: Vec<usize> = needs.iter().zip(&lines).map(|(n, &l)| width(n, l)).collect();
    let used: usize = widths.iter().sum();
    if used > total {
        // Too many columns for the page: shrink them all alike.
        let mut scaled: Vec<usize> = widths.iter().map(|w| w * total / used).collect();
        let rest = total - scaled.iter().sum::<usize>();
        if let Some(last) = scaled.last_mut() {
            *last += rest;
        }
        return scaled;
    }
    let mut spare = total - used;
    // Take headings down a line at a time, cheapest first, while it fits. Columns whose
    // headings are alike (the same widths before and after) move together.
    loop {
        let mut steps: Vec<(usize, usize, usize, Vec<usize>)> = Vec::new(); // (cost, -lines, wider, columns)
        for c in 0..needs.len() {
            if !needs[c].entry || lines[c] <= min_lines[c] {
                continue;
            }
            let wider = width(&needs[c], lines[c] - 1);
            let cost = wider.saturating_sub(widths[c]);
            let key = (cost, usize::MAX - lines[c], wider);
            match steps.iter_mut().find(|s| (s.0, s.1, s.2) == key && widths[s.3[0]] == widths[c]) {
                Some(step) => step.3.push(c),
                None => steps.push((key.0, key.1, key.2, vec![c])),
            }
        }
        steps.sort();
        let Some((cost, _, wider, columns)) = steps.into_iter().find(|s| s.0 * s.3.len() <= spare) else {
            break;
        };
        spare -= cost * columns.len();
        for c in columns {
            widths[c] = widths[c].max(wider);
            lines[c] -= 1;
        }
    }
    let mut open: Vec<usize> = (0..needs.len()).filter(|&c| needs[c].entry).collect();
    if open.is_empty() {
        open = (0..needs.len()).collect();
    }
    water_fill(&mut widths, &open, spare);
    widths
}

/// Spends `extra` twips raising the narrowest of the `open` columns, evenly.
fn water_fill(widths: &mut [usize], open: &[usize], mut extra: usize) {
    while extra > 0 && !open.is_empty() {
        let low = open.iter().map(|&c| widths[c]).min().unwrap_or(0);
        let lowest: Vec<usize> = open.iter().copied().filter(|&c| widths[c] == low).collect();
        let next = open.iter().map(|&c| widths[c]).filter(|&w| w > low).min();
        let step = next.map_or(usize::MAX, |n| n - low);
        match step.checked_mul(lowest.len()) {
            Some(cost) if cost <= extra => {
                for &c in &lowest {
                    widths[c] += step;
                }
                extra -= cost;
            }
            _ => {
                let each = extra / lowest.len();
                let rest = extra % lowest.len();
                for (k, &c) in lowest.iter().enumerate() {
                    widths[c] += each + usize::from(k < rest);
                }
                extra = 0;
            }
        }
    }
}

/// Signs that must not begin a line, and signs that must not end one.
const NO_LINE_START: &[char] =
    &['）', ')', '、', '，', '。', '：', '；', '！', '？', '」', '』', '】', '”', '’', '》', ',', '.', ':', ';'];
const NO_LINE_END: &[char] = &['（', '(', '「', '『', '【', '“', '‘', '《'];

/// Breaks a heading or label into lines no wider than `room` ems: before an opening bracket
/// when that fits (拟申报职业 / （工种）), otherwise into lines of about equal length, never
/// inside a Latin word and never with a bracket or comma on the wrong side of a break.
fn wrap(text: &str, room: f32) -> Vec<String> {
    if text_em(text) <= room + EPSILON {
        return vec![text.to_owned()];
    }
    let balanced = balance(text, room);
    if let Some(k) = text.find(['（', '('])
        && k > 0
    {
        let (head, tail) = text.split_at(k);
        if text_em(head) <= room + EPSILON {
            let mut lines = vec![head.trim_end().to_owned()];
            lines.extend(wrap(tail, room));
            if lines.len() <= balanced.len() {
                return lines;
            }
        }
    }
    balanced
}

/// Splits `text` into the fewest lines that fit `room`, each about as long as the others.
fn balance(text: &str, room: f32) -> Vec<String> {
    // Units that are never split: a Latin word or number, or one other character.
    let mut units: Vec<String> = Vec::new();
    for c in text.chars() {
        match units.last_mut() {
            Some(last) if c.is_ascii_graphic() && last.chars().all(|l| l.is_ascii_graphic()) => last.push(c),
            _ => units.push(c.to_string()),
        }
    }
    let widths: Vec<f32> = units.iter().map(|u| text_em(u)).collect();
    let total: f32 = widths.iter().sum();
    let fewest = ((total / room.max(0.5)) - EPSILON).ceil().max(1.0) as usize;
    for n in fewest..=units.len() {
        let mut breaks = Vec::new(); // index of the first unit of each line after the first
        let mut at = 0;
        let mut rest = total;
        for left in (2..=n).rev() {
            let target = rest / left as f32;
            let mut width = 0.0;
            while at < units.len() && width + EPSILON < target && width + widths[at] <= room + EPSILON {
                width += widths[at];
                at += 1;
            }
            breaks.push(at);
            rest -= width;
        }
        let lines = kinsoku(&units, &breaks);
        if lines.len() == n && lines.iter().all(|l| !l.is_empty() && text_em(l) <= room + EPSILON) {
            return lines.into_iter().map(|l| l.trim().to_owned()).collect();
        }
    }
    vec![text.to_owned()]
}

/// Cuts `units` at `breaks`, moving a closing sign up to the line before and an opening sign
/// down to the line after.
fn kinsoku(units: &[String], breaks: &[usize]) -> Vec<String> {
    let mut breaks = breaks.to_vec();
    for b in &mut breaks {
        let starts_bad =
            |b: usize| units.get(b).and_then(|u| u.chars().next()).is_some_and(|c| NO_LINE_START.contains(&c));
        let ends_bad = |b: usize| b > 0 && units[b - 1].chars().last().is_some_and(|c| NO_LINE_END.contains(&c));
        while *b < units.len() && starts_bad(*b) {
            *b += 1;
        }
        while *b > 0 && ends_bad(*b) {
            *b -= 1;
        }
    }
    let mut lines = Vec::new();
    let mut from = 0;
    for b in breaks {
        let b = b.clamp(from, units.len());
        lines.push(units[from..b].concat());
        from = b;
    }
    lines.push(units[from..].concat());
    lines
}

/// Tables with many columns use a smaller size so their headings stay on a few lines.
fn table_size(columns: usize) -> usize {
    match columns {
        0..=4 => SIHAO,
        5..=6 => XIAOSI,
        _ => WUHAO,
    }
}

/// Twips per em at a size in half-points.
fn em_twips(size: usize) -> usize {
    size * 10
}

// ---------------------------------------------------------------------------------------------
// Writing the document.

/// Whether a paragraph is running text, a line to fill in, or a signature/stamp/date line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Body,
    Field,
    Signature,
}

struct Builder {
    docx: Docx,
    /// The last paragraph id handed out.
    paragraphs: u32,
}

impl Builder {
    fn new() -> Builder {
        Builder { docx: Docx::new(), paragraphs: 0 }
    }

    /// A new paragraph with the next id; docx-rs would number them per thread.
    fn paragraph(&mut self) -> Paragraph {
        self.paragraphs += 1;
        Paragraph::new().id(format!("{:08X}", self.paragraphs))
    }

    fn add(&mut self, p: Paragraph) {
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    /// 附件N, the title and the subtitle.
    fn front(&mut self, form: &Form) {
        let label = self
            .paragraph()
            .line_spacing(exact(BODY_LINE))
            .add_run(run(&format!("附件{}", form.attachment), Style { face: HEITI, size: SANHAO, bold: false }));
        self.add(label);
        let heading = clean_text(&form.heading);
        let size = title_size(&heading);
        let title = self
            .paragraph()
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240)
                    .before(BODY_LINE as u32)
                    .after(if form.subtitle.is_some() { 120 } else { BODY_LINE as u32 }),
            )
            .keep_next(true)
            .add_run(run(&heading, Style { face: SONGTI, size, bold: true }));
        self.add(title);
        if let Some(subtitle) = &form.subtitle {
            let p = self
                .paragraph()
                .align(AlignmentType::Center)
                .line_spacing(exact(BODY_LINE).after(BODY_LINE as u32))
                .keep_next(true)
                .add_run(run(&clean_text(subtitle), Style { face: KAITI, size: SANHAO, bold: false }));
            self.add(p);
        }
    }

    fn body(&mut self, blocks: &[Block]) {
        let kinds = kinds(blocks);
        let mut previous: Option<Kind> = None;
        let mut after_table = false;
        for (i, (block, &kind)) in blocks.iter().zip(&kinds).enumerate() {
            // The signature block stays on one page with the paragraph before it and
            // whatever note follows it.
            let next = kinds.get(i + 1).copied().flatten();
            let keep_with_next = match kind {
                Some(Kind::Signature) => i + 1 < blocks.len(),
                Some(Kind::Body) => next == Some(Kind::Signature),
                _ => false,
            };
            match block {
                Block::Heading(level, inlines) => {
                    let style = heading_style(*level);
                    let mut spacing = exact(BODY_LINE);
                    if after_table {
                        spacing = spacing.before(BODY_LINE as u32 / 2);
                    }
                    let p = self
                        .paragraph()
                        .indent(Some(0), Some(SpecialIndentType::FirstLine(640)), None, None)
                        .line_spacing(spacing)
                        .keep_next(true);
                    let p = add_runs(p, inlines, style);
                    self.add(p);
                    previous = Some(Kind::Body);
                    after_table = false;
                }
                Block::Paragraph { inlines, list_depth } => {
                    let kind = kind.unwrap_or(Kind::Body);
                    let mut spacing = exact(BODY_LINE);
                    let changed = previous.is_some_and(|p| (p == Kind::Signature) != (kind == Kind::Signature));
                    if changed || after_table {
                        spacing = spacing.before(BODY_LINE as u32);
                    } else if kind == Kind::Signature {
                        // Room to sign and stamp between the lines.
                        spacing = spacing.before(BODY_LINE as u32 / 2);
                    }
                    // Body text is set flush left, not justified: Chinese characters are all one em
                    // wide, so lines end evenly anyway, and LibreOffice drops a comma that falls at
                    // the end of a justified line (考场面积、) from what it displays and prints.
                    let mut p = self.paragraph().line_spacing(spacing);
                    p = match kind {
                        Kind::Body if *list_depth > 0 => p
                            .indent(Some(640 * *list_depth as i32), Some(SpecialIndentType::Hanging(320)), None, None)
                            .align(AlignmentType::Left),
                        Kind::Body => p
                            .indent(Some(0), Some(SpecialIndentType::FirstLine(640)), None, None)
                            .align(AlignmentType::Left),
                        Kind::Field => p.align(AlignmentType::Left),
                        Kind::Signature => p.align(AlignmentType::Right),
                    };
                    let p = add_runs(p.keep_next(keep_with_next), inlines, BODY);
                    self.add(p);
                    previous = Some(kind);
                    after_table = false;
                }
                Block::Table(grid) => {
                    if after_table {
                        // Word merges two tables that touch.
                        let p = self.paragraph();
                        self.add(p);
                    }
                    let table = self.table(grid);
                    self.docx = std::mem::take(&mut self.docx).add_table(table);
                    previous = Some(Kind::Body);
                    after_table = true;
                }
                Block::Rule => {
                    let p = self.paragraph().line_spacing(exact(BODY_LINE));
                    self.add(p);
                    after_table = false;
                }
            }
        }
    }

    fn table(&mut self, grid: &Grid) -> Table {
        let size = table_size(grid.columns());
        let em = em_twips(size);
        let needs = column_needs(grid);
        let widths = column_widths(&needs, em, TEXT_WIDTH);
        let mut rows = Vec::new();
        for (r, row) in grid.rows.iter().enumerate() {
            let heading = grid.header && r == 0;
            let style = Style { face: FANGSONG, size, bold: heading };
            let mut column = 0;
            let mut cells = Vec::new();
            let mut to_write_in = false;
            for cell in row {
                let span = cell.span.min(widths.len().saturating_sub(column)).max(1);
                let width: usize = widths[column.min(widths.len())..(column + span).min(widths.len())].iter().sum();
                to_write_in |= is_blank_cell(&cell.inlines);
                let label = span == 1 && needs.get(column).is_some_and(|n| !n.entry);
                let paragraph = self.cell_paragraph(cell, width, style, label);
                let mut tc = TableCell::new()
                    .width(width, WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(paragraph);
                if span > 1 {
                    tc = tc.grid_span(span);
                }
                cells.push(tc);
                column += span;
            }
            let mut tr = TableRow::new(cells).cant_split();
            if to_write_in && !heading {
                tr = tr.row_height(WRITING_ROW).height_rule(HeightRule::AtLeast);
            }
            rows.push(tr);
        }
        let mut borders = TableBorders::new();
        for position in [
            TableBorderPosition::Top,
            TableBorderPosition::Left,
            TableBorderPosition::Bottom,
            TableBorderPosition::Right,
            TableBorderPosition::InsideH,
            TableBorderPosition::InsideV,
        ] {
            borders =
                borders.set(TableBorder::new(position).border_type(BorderType::Single).size(RULE).color("000000"));
        }
        Table::new(rows)
            .set_grid(widths)
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .align(TableAlignmentType::Center)
            .set_borders(borders)
    }

    /// A cell's content; `label` when it is in a column of labels rather than one to write in.
    fn cell_paragraph(&mut self, cell: &Cell, width: usize, style: Style, label: bool) -> Paragraph {
        let em = em_twips(style.size);
        let room = width.saturating_sub(CELL_PAD) as f32 / em as f32;
        let p = self
            .paragraph()
            .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(0).after(0));
        if let Some(options) = checkbox_options(&cell.inlines) {
            // A grid of options: as many to a line as fit, aligned on tab stops.
            let widest = options.iter().map(|o| text_em(o)).fold(0.0, f32::max);
            let pitch = widest + 1.0;
            let per_line = (((room + 1.0) / pitch).floor() as usize).max(1);
            let mut p = p.align(AlignmentType::Left);
            for k in 1..per_line {
                p = p.add_tab(Tab::new().val(TabValueType::Left).pos((k as f32 * pitch * em as f32).round() as usize));
            }
            for (k, option) in options.iter().enumerate() {
                let mut r = run(option, style);
                if k + 1 < options.len() {
                    r = if (k + 1) % per_line == 0 { r.add_break(BreakType::TextWrapping) } else { r.add_tab() };
                }
                p = p.add_run(r);
            }
            return p;
        }
        // Headings and labels: centred, broken into even lines where they must wrap.
        let text = plain_text(&cell.inlines);
        let single = matches!(cell.inlines.as_slice(), [Inline::Text { .. }]);
        let lines = if single && (label || style.bold) { wrap(text.trim(), room) } else { Vec::new() };
        if (1..=MAX_HEADING_LINES).contains(&lines.len()) {
            let mut p = p.align(AlignmentType::Center);
            let count = lines.len();
            for (k, line) in lines.into_iter().enumerate() {
                let mut r = run(&line, style);
                if k + 1 < count {
                    r = r.add_break(BreakType::TextWrapping);
                }
                p = p.add_run(r);
            }
            return p;
        }
        let fits = line_ems(&cell.inlines).into_iter().fold(0.0, f32::max) <= room + EPSILON;
        let p = p.align(if fits { AlignmentType::Center } else { AlignmentType::Left });
        add_runs(p, &cell.inlines, style)
    }

    /// The footer: the page number as "— N —", 宋体 四号.
    fn footer(&mut self) -> Footer {
        let style = Style { face: SONGTI, size: SIHAO, bold: false };
        let number = Run::new()
            .fonts(style.face.fonts())
            .size(style.size)
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false);
        let p = self
            .paragraph()
            .align(AlignmentType::Center)
            .add_run(run("— ", style))
            .add_run(number)
            .add_run(run(" —", style));
        Footer::new().add_paragraph(p)
    }
}

/// The kind of each paragraph block (None for other blocks): lines with a blank are fields,
/// and fields after the running text are signature, stamp and date lines.
fn kinds(blocks: &[Block]) -> Vec<Option<Kind>> {
    let mut seen_body = false;
    blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph { inlines, .. } => {
                if inlines.iter().any(|i| matches!(i, Inline::Blank(_))) {
                    Some(if seen_body { Kind::Signature } else { Kind::Field })
                } else {
                    seen_body = true;
                    Some(Kind::Body)
                }
            }
            Block::Heading(..) | Block::Table(_) => {
                seen_body = false;
                None
            }
            Block::Rule => None,
        })
        .collect()
}

fn heading_style(level: u8) -> Style {
    match level {
        1 | 2 => Style { face: HEITI, size: SANHAO, bold: false },
        3 => Style { face: KAITI, size: SANHAO, bold: true },
        _ => Style { face: FANGSONG, size: SANHAO, bold: true },
    }
}

/// 二号, or smaller (down to 小二) when the title would not fit on one line.
fn title_size(title: &str) -> usize {
    let width = text_em(title);
    let mut size = ERHAO;
    // Half-points to twips: ×10; keep 2 % slack for the fonts' side bearings.
    while size > XIAOER && width * em_twips(size) as f32 > TEXT_WIDTH as f32 * 0.98 {
        size -= 2;
    }
    size
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(line).before(0).after(0)
}

fn run(text: &str, style: Style) -> Run {
    let mut r = Run::new().add_text(text).fonts(style.face.fonts()).size(style.size);
    if style.bold {
        r = r.bold();
    }
    r
}

fn add_runs(mut p: Paragraph, inlines: &[Inline], style: Style) -> Paragraph {
    for inline in inlines {
        let r = match inline {
            Inline::Text { text, strong, emphasis } => {
                let mut parts = text.split('\t');
                let mut r = run(parts.next().unwrap_or_default(), Style { bold: style.bold || *strong, ..style });
                for part in parts {
                    r = r.add_tab().add_text(part);
                }
                if *emphasis {
                    r = r.italic();
                }
                r
            }
            // Half an em per underscore: two non-breaking spaces of a quarter em each.
            Inline::Blank(n) => Run::new()
                .add_text("\u{a0}".repeat(2 * n))
                .fonts(BLANK_FACE.fonts())
                .size(style.size)
                .underline("single"),
            Inline::Break => Run::new().add_break(BreakType::TextWrapping),
        };
        p = p.add_run(r);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped forms, read and validated as a build reads them.
    fn shipped(slug: &str) -> Form {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = crate::diagnostics::Diagnostics::default();
        let sources = crate::load::load(root, &mut diags);
        let site = crate::validate::validate(&sources, None, &mut diags)
            .unwrap_or_else(|| panic!("the shipped site does not validate: {diags:?}"));
        site.forms.into_iter().find(|f| f.slug == slug).unwrap_or_else(|| panic!("no form {slug}"))
    }

    fn application() -> Form {
        shipped("application")
    }

    fn commitment() -> Form {
        shipped("commitment")
    }

    fn date() -> jiff::civil::Date {
        jiff::civil::date(2025, 3, 14)
    }

    /// One stored entry of a zip archive, read from its local header.
    struct Entry {
        name: String,
        method: u16,
        time: u16,
        date: u16,
        data: Vec<u8>,
    }

    fn u16_at(b: &[u8], at: usize) -> u16 {
        u16::from_le_bytes([b[at], b[at + 1]])
    }

    fn u32_at(b: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    /// Reads the archive docx-rs writes (entries stored, sizes in the local headers); no zip
    /// crate is needed for that. Also returns the (time, date) of every central directory entry.
    fn unzip(bytes: &[u8]) -> (Vec<Entry>, Vec<(u16, u16)>) {
        let mut entries = Vec::new();
        let mut at = 0;
        while at + 30 <= bytes.len() && u32_at(bytes, at) == 0x0403_4b50 {
            let flags = u16_at(bytes, at + 6);
            assert_eq!(flags & 0x8, 0, "sizes follow the data; this reader cannot do that");
            let method = u16_at(bytes, at + 8);
            let time = u16_at(bytes, at + 10);
            let date = u16_at(bytes, at + 12);
            let size = u32_at(bytes, at + 18) as usize;
            let name_len = u16_at(bytes, at + 26) as usize;
            let extra_len = u16_at(bytes, at + 28) as usize;
            let name = String::from_utf8(bytes[at + 30..at + 30 + name_len].to_vec()).expect("UTF-8 entry name");
            let start = at + 30 + name_len + extra_len;
            entries.push(Entry { name, method, time, date, data: bytes[start..start + size].to_vec() });
            at = start + size;
        }
        let mut central = Vec::new();
        while at + 46 <= bytes.len() && u32_at(bytes, at) == 0x0201_4b50 {
            central.push((u16_at(bytes, at + 12), u16_at(bytes, at + 14)));
            let skip = 46
                + u16_at(bytes, at + 28) as usize
                + u16_at(bytes, at + 30) as usize
                + u16_at(bytes, at + 32) as usize;
            at += skip;
        }
        (entries, central)
    }

    fn part(entries: &[Entry], name: &str) -> String {
        let entry = entries.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no {name} in the archive"));
        assert_eq!(entry.method, 0, "{name} is not stored");
        String::from_utf8(entry.data.clone()).expect("UTF-8 XML")
    }

    fn document_xml(form: &Form) -> String {
        let bytes = form_docx(form, date()).expect("docx");
        part(&unzip(&bytes).0, "word/document.xml")
    }

    /// The value of `attr` in each element starting with `<tag ` or `<tag>` in `xml`.
    fn attrs<'a>(xml: &'a str, tag: &str, attr: &str) -> Vec<&'a str> {
        let mut out = Vec::new();
        for piece in xml.split(&format!("<{tag}")).skip(1) {
            if !(piece.starts_with(' ') || piece.starts_with('>') || piece.starts_with('/')) {
                continue;
            }
            let element = &piece[..piece.find('>').unwrap_or(piece.len())];
            let key = format!("{attr}=\"");
            if let Some(start) = element.find(&key) {
                let rest = &element[start + key.len()..];
                out.push(&rest[..rest.find('"').unwrap_or(rest.len())]);
            }
        }
        out
    }

    /// The text of the document, runs joined, tags dropped.
    fn text_of(xml: &str) -> String {
        let mut out = String::new();
        for piece in xml.split("<w:t").skip(1) {
            if !(piece.starts_with(' ') || piece.starts_with('>')) {
                continue;
            }
            let Some(open) = piece.find('>') else {
                continue;
            };
            let body = &piece[open + 1..];
            out.push_str(&body[..body.find("</w:t>").unwrap_or(0)]);
        }
        out.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
    }

    #[test]
    fn margins_follow_gb_t_9704() {
        assert_eq!((MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT), (2098, 1984, 1587, 1474));
        assert_eq!(TEXT_WIDTH, 8845);
        for form in [application(), commitment()] {
            let xml = document_xml(&form);
            assert!(
                xml.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#),
                "{}",
                &xml[xml.find("<w:sectPr").unwrap_or(0)..]
            );
            assert_eq!(attrs(&xml, "w:pgMar", "w:top"), ["2098"]);
            assert_eq!(attrs(&xml, "w:pgMar", "w:bottom"), ["1984"]);
            assert_eq!(attrs(&xml, "w:pgMar", "w:left"), ["1587"]);
            assert_eq!(attrs(&xml, "w:pgMar", "w:right"), ["1474"]);
        }
    }

    #[test]
    fn every_table_has_a_fixed_grid_as_wide_as_the_text() {
        let xml = document_xml(&application());
        let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).collect();
        assert_eq!(tables.len(), 2, "基本信息 and 拟申报职业（工种）情况");
        for table in tables {
            let table = &table[..table.find("</w:tbl>").expect("closed table")];
            assert!(table.contains(r#"<w:tblLayout w:type="fixed" />"#), "{table}");
            assert!(table.contains(&format!(r#"<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa" />"#)));
            let grid: Vec<usize> = attrs(table, "w:gridCol", "w:w").iter().map(|w| w.parse().expect("twips")).collect();
            assert!(!grid.is_empty());
            assert_eq!(grid.iter().sum::<usize>(), TEXT_WIDTH, "{grid:?}");
            assert!(grid.iter().all(|&w| w >= 600), "{grid:?}");
            // Every cell has a width in twips, the sum of the grid columns it spans.
            for row in table.split("<w:tr>").skip(1) {
                let cells: Vec<&str> = row.split("<w:tc>").skip(1).collect();
                let mut column = 0;
                for cell in &cells {
                    let width: usize = attrs(cell, "w:tcW", "w:w")
                        .first()
                        .unwrap_or_else(|| panic!("a cell without w:tcW: {cell}"))
                        .parse()
                        .expect("twips");
                    assert!(cell.contains(r#"w:type="dxa""#), "{cell}");
                    let span: usize =
                        attrs(cell, "w:gridSpan", "w:val").first().map_or(1, |s| s.parse().expect("span"));
                    assert_eq!(width, grid[column..column + span].iter().sum::<usize>());
                    column += span;
                }
                assert_eq!(column, grid.len(), "a row that does not fill the grid");
            }
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                assert!(table.contains(&format!(r#"<w:{side} w:val="single" w:sz="4""#)), "no {side} border");
            }
        }
    }

    #[test]
    fn the_basic_information_table_merges_and_leaves_room_to_write() {
        let xml = document_xml(&application());
        let first = &xml[xml.find("<w:tbl>").expect("a table")..];
        let first = &first[..first.find("</w:tbl>").expect("closed")];
        let rows: Vec<&str> = first.split("<w:tr>").skip(1).collect();
        assert_eq!(rows.len(), 7);
        // 单位名称 | value over three columns.
        assert!(text_of(rows[0]).contains("单位名称"));
        assert_eq!(rows[0].matches("<w:tc>").count(), 2);
        assert_eq!(attrs(rows[0], "w:gridSpan", "w:val"), ["3"]);
        for row in &rows {
            assert!(row.contains(r#"<w:trHeight w:val="567" w:hRule="atLeast" />"#), "{row}");
        }
        // Label columns narrower than the columns to write in.
        let grid: Vec<usize> = attrs(first, "w:gridCol", "w:w").iter().map(|w| w.parse().expect("twips")).collect();
        assert_eq!(grid.len(), 4);
        // 统一社会信用代码 fits on one line; the columns to write in are at least 3.5 cm.
        assert!(grid[0] >= 8 * 280 + CELL_PAD, "{grid:?}");
        assert!(grid[2] < grid[3], "{grid:?}");
        assert!(grid[1] >= 2000 && grid[3] >= 2000, "{grid:?}");
        // The options keep their boxes and are never broken inside a word.
        let options = text_of(rows[2]);
        for option in ["企业□", "行业协会□", "科研院所□", "高等学校□", "技工院校□", "其他□"]
        {
            assert!(options.contains(option), "{options}");
        }
    }

    #[test]
    fn the_occupation_table_has_a_narrow_number_column() {
        let xml = document_xml(&application());
        let second = xml.split("<w:tbl>").nth(2).expect("a second table");
        let grid: Vec<usize> = attrs(second, "w:gridCol", "w:w").iter().map(|w| w.parse().expect("twips")).collect();
        assert_eq!(grid.len(), 8);
        let narrowest = *grid.iter().min().expect("columns");
        assert_eq!(grid[0], narrowest, "{grid:?}");
        assert!(grid[1..].iter().all(|&w| w > grid[0]), "{grid:?}");
        // The heading row is bold and has no forced height; the rows to fill in do.
        let rows: Vec<&str> = second.split("<w:tr>").skip(1).collect();
        assert_eq!(rows.len(), 5);
        assert!(rows[0].contains("<w:b />") && !rows[0].contains("w:trHeight"));
        assert!(rows[1..].iter().all(|r| r.contains(r#"w:hRule="atLeast""#)));
    }

    #[test]
    fn fonts_are_named_with_latin_fallbacks() {
        let bytes = form_docx(&commitment(), date()).expect("docx");
        let (entries, _) = unzip(&bytes);
        let xml = part(&entries, "word/document.xml");
        assert!(xml.contains(
            r#"w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋""#
        ));
        assert!(xml.contains(r#"w:eastAsia="黑体""#), "附件3 in 黑体");
        assert!(xml.contains(r#"w:eastAsia="宋体""#), "the title in 宋体");
        assert!(xml.contains(r#"<w:sz w:val="44" />"#), "the title in 二号");
        assert!(xml.contains(r#"<w:sz w:val="32" />"#), "the body in 三号");
        let fonts = part(&entries, "word/fontTable.xml");
        for (name, alt) in [("仿宋", "FangSong"), ("宋体", "SimSun"), ("黑体", "SimHei")] {
            assert!(fonts.contains(&format!(r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/>"#)), "{fonts}");
        }
        let styles = part(&entries, "word/styles.xml");
        assert!(styles.contains(r#"w:eastAsia="仿宋""#), "{styles}");
    }

    #[test]
    fn every_heading_label_and_item_is_in_the_document() {
        let application = application();
        let text = text_of(&document_xml(&application));
        for phrase in [
            "附件2",
            "（单位名称）社会评价组织再评估遴选申报表",
            "一、基本信息",
            "单位名称",
            "办公场所地址",
            "注册登记机构",
            "机构性质",
            "统一社会信用代码",
            "法定代表人",
            "注册资金",
            "评价机构负责人",
            "①职务/职称",
            "②固定电话",
            "③手机号码",
            "2、 拟申报职业（工种）情况",
            "序号",
            "拟申报职业（工种）",
            "拟申报等级",
            "职业编码",
            "原备案有效期限",
            "已评价人数（人次）",
            "已发证人数（人次）",
            "已备案等级范围（未备案不填）",
            "...",
            "三、举办条件",
            "提纲如下：",
            "（一）经营范围、主营主业：",
            "（五）财务制度、内部管理制度和风险防控体系：制度文件清单，具体附后",
            "四、评价能力",
            "（三）题库资源：分职业（工种）及等级的评价要素细目表评价点数",
            "五、信用情况",
            "（4）企业3年内在市场监管部门公布的企业经营异常目录内。",
            "六、承诺条款",
            "3.自愿接受人社部门、行业主管部门监管和社会监督。",
            "法定代表人（签字）：",
            "单位名称（公章）：",
            "注：申报单位在单位名称处及材料骑缝处加盖单位公章；本表可增行、续页或附表。",
        ] {
            assert!(text.contains(phrase), "missing {phrase}");
        }
        let commitment = commitment();
        let text = text_of(&document_xml(&commitment));
        for phrase in [
            "附件3",
            "职业技能等级认定机构工作承诺书（试行）",
            "（适用于社会评价组织）",
            "机构名称：",
            "机构备案号：",
            "为认真落实“新八级工”职业技能等级制度",
            "一、保证本机构提交的备案信息",
            "按“谁评价、谁发证、谁负责”原则承担全部主体责任",
            "九、自愿接受并积极配合人社部门",
            "如违反上述承诺，本机构及从业人员知悉需承担的责任",
            "评价机构负责人：",
            "；联系电话：",
            "评价机构举办单位（公章）：",
            "法定代表人（或其授权代表）签名：",
            "签订时间：",
            "年",
            "月",
            "日",
        ] {
            assert!(text.contains(phrase), "missing {phrase}");
        }
        // No underscore or private-use blank mark leaks through.
        for form in [&application, &commitment] {
            let text = text_of(&document_xml(form));
            assert!(!text.contains('_') && !text.contains(BLANK_MARK), "{text}");
        }
    }

    #[test]
    fn blanks_are_underlined_and_in_proportion() {
        let xml = document_xml(&commitment());
        // 签订时间：____年____月____日: three blanks of four underscores.
        let date_line = &xml[xml.find("签订时间").expect("the date line")..];
        let date_line = &date_line[..date_line.find("</w:p>").expect("end of paragraph")];
        let blank = r#"<w:u w:val="single" />"#;
        assert_eq!(date_line.matches(blank).count(), 3, "{date_line}");
        assert_eq!(date_line.matches(&"\u{a0}".repeat(8)).count(), 3);
        assert!(!date_line.contains(&"\u{a0}".repeat(9)));
        // 机构名称：________________________________ is four times as long.
        assert!(xml.contains(&format!(">{}<", "\u{a0}".repeat(64))));
        // Signature lines are set flush right; the fields at the top are not.
        let signature = &xml[..xml.find("法定代表人（或其授权代表）签名").expect("signature")];
        let paragraph = &signature[signature.rfind("<w:p ").expect("its paragraph")..];
        assert!(paragraph.contains(r#"<w:jc w:val="right" />"#), "{paragraph}");
        let field = &xml[..xml.find("机构备案号").expect("field")];
        let paragraph = &field[field.rfind("<w:p ").expect("its paragraph")..];
        assert!(!paragraph.contains(r#"<w:jc w:val="right" />"#), "{paragraph}");
    }

    #[test]
    fn the_title_is_a_document_property() {
        let bytes = form_docx(&application(), date()).expect("docx");
        let core = part(&unzip(&bytes).0, "docProps/core.xml");
        assert!(core.contains("<dc:title>社会评价组织再评估遴选申报表</dc:title>"), "{core}");
        assert!(core.contains(">2025-03-14T00:00:00Z</dcterms:created>"), "{core}");
        assert!(core.contains(">2025-03-14T00:00:00Z</dcterms:modified>"), "{core}");
    }

    #[test]
    fn output_is_deterministic_and_carries_no_clock_time() {
        for form in [application(), commitment()] {
            let first = form_docx(&form, date()).expect("docx");
            let second = form_docx(&form, date()).expect("docx");
            assert!(first == second, "two builds differ");
            // A fresh thread starts docx-rs's paragraph counter anew: no difference either.
            let other = std::thread::spawn({
                let form = form.clone();
                move || form_docx(&form, date()).expect("docx")
            })
            .join()
            .expect("thread");
            assert!(first == other, "a build on another thread differs");
            // Every entry has the zip epoch 1980-01-01 00:00 (DOS date 0x21, time 0).
            let (entries, central) = unzip(&first);
            assert!(entries.len() >= 8);
            assert_eq!(central.len(), entries.len());
            for e in &entries {
                assert_eq!((e.time, e.date), (0, 0x21), "{} is stamped", e.name);
            }
            assert!(central.iter().all(|&t| t == (0, 0x21)));
            // The date given is the only date in the package.
            let other_day = form_docx(&form, jiff::civil::date(2026, 1, 2)).expect("docx");
            assert!(first != other_day);
        }
    }

    #[test]
    fn properties_are_in_schema_order_for_word() {
        let bytes = form_docx(&application(), date()).expect("docx");
        let (entries, _) = unzip(&bytes);
        for name in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
            let xml = part(&entries, name);
            for (tag, order) in [("w:rPr", RPR_ORDER), ("w:pPr", PPR_ORDER), ("w:sectPr", SECTPR_ORDER)] {
                for block in xml.split(&format!("<{tag}>")).skip(1) {
                    let (kids, _) = children(block, tag).expect("well-formed properties");
                    let ranks: Vec<usize> = kids
                        .iter()
                        .map(|k| order.iter().position(|n| *n == element_name(k)).expect("known element"))
                        .collect();
                    assert!(ranks.is_sorted(), "{name}: <{tag}> out of order: {kids:?}");
                }
            }
        }
        let xml = part(&entries, "word/document.xml");
        assert!(xml.contains("<w:rPr><w:rFonts "), "fonts come first in run properties");
        assert!(xml.contains("<w:sectPr><w:footerReference "));
        // Reordering changes nothing but the order.
        let messy = "<w:p><w:pPr><w:rPr /><w:jc w:val=\"center\" /><w:tabs><w:tab w:pos=\"1\" /></w:tabs><w:keepNext /></w:pPr><w:r><w:rPr><w:b /><w:rFonts w:ascii=\"A\" /></w:rPr><w:t>x&lt;y</w:t></w:r></w:p>";
        assert_eq!(
            schema_order(messy),
            "<w:p><w:pPr><w:keepNext /><w:tabs><w:tab w:pos=\"1\" /></w:tabs><w:jc w:val=\"center\" /><w:rPr /></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"A\" /><w:b /></w:rPr><w:t>x&lt;y</w:t></w:r></w:p>"
        );
    }

    #[test]
    fn paragraph_ids_are_unique() {
        let xml = document_xml(&application());
        let ids = attrs(&xml, "w:p", "w14:paraId");
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(ids.len(), unique.len());
        assert!(ids.len() > 50);
    }

    #[test]
    fn column_widths_fill_the_text_width() {
        let label = ColumnNeed {
            texts: vec!["统一社会信用代码".into(), "法定代表人".into()], word: 2.0, entry: false
        };
        let entry = ColumnNeed { texts: Vec::new(), word: 2.0, entry: true };
        let needs = [label.clone(), entry.clone(), label.clone(), entry];
        let widths = column_widths(&needs, 280, TEXT_WIDTH);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
        // 统一社会信用代码 on one line; the columns to write in share the rest.
        assert_eq!(widths[0], 8 * 280 + CELL_PAD);
        assert!(widths[1].abs_diff(widths[3]) <= 1, "{widths:?}");
        // Too many columns: shrunk alike, still exact.
        let many = vec![label; 12];
        let widths = column_widths(&many, 280, TEXT_WIDTH);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
    }

    #[test]
    fn headings_wrap_into_even_lines_at_sensible_places() {
        assert_eq!(wrap("序号", 2.0), ["序号"]);
        assert_eq!(wrap("拟申报职业（工种）", 5.0), ["拟申报职业", "（工种）"]);
        assert_eq!(wrap("拟申报职业（工种）", 4.4), ["拟申报", "职业", "（工种）"]);
        assert_eq!(wrap("已备案等级范围（未备案不填）", 7.2), ["已备案等级范围", "（未备案不填）"]);
        assert_eq!(wrap("原备案有效期限", 3.0), ["原备案", "有效", "期限"]);
        assert_eq!(wrap("职业编码", 3.9), ["职业", "编码"]);
        assert_eq!(wrap("拟申报等级", 3.0), ["拟申报", "等级"]);
        assert_eq!(wrap("编码4-03-02-01", 5.0), ["编码", "4-03-02-01"]);
        // Nothing is lost, whatever the room.
        for room in [1.0, 2.0, 2.5, 3.0, 4.0, 6.0] {
            let text = "已备案等级范围（未备案不填）";
            assert_eq!(wrap(text, room).concat(), text, "{room}");
        }
    }

    #[test]
    fn markdown_structures_come_through() {
        let form = Form {
            title: "测试表".into(),
            heading: "测试表".into(),
            subtitle: None,
            markdown: "# 一\n\n### 细目\n\n- 甲\n- **乙**\n\n1. one\n   two\n\n第一行<br>第二行\n\n---\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 |  |\n\n| 丙 |\n| --- |\n| x |\n\n说明：\n\n| 名称 |  |\n| --- | --- |\n| 这是一段很长很长的说明文字，用来检查标签列不会因为长句而变得过宽。 |  |\n\n<script>x</script>\n\n名称：____ \u{1} 完\n"
                .into(),
            ..commitment()
        };
        let bytes = form_docx(&form, date()).expect("docx");
        let xml = part(&unzip(&bytes).0, "word/document.xml");
        let text = text_of(&xml);
        for phrase in
            ["一", "细目", "• 甲", "乙", "1. one two", "第一行", "第二行", "<script>x</script>", "名称：", "完"]
        {
            assert!(text.contains(phrase), "missing {phrase} in {text}");
        }
        assert!(!xml.contains('\u{1}'));
        assert_eq!(xml.matches("<w:tbl>").count(), 3);
        assert!(xml.contains(r#"<w:br w:type="textWrapping" />"#));
        // A sentence in a label column wraps in its cell instead of taking the page.
        for table in xml.split("<w:tbl>").skip(1) {
            let grid: Vec<usize> = attrs(table, "w:gridCol", "w:w").iter().map(|w| w.parse().expect("twips")).collect();
            assert_eq!(grid.iter().sum::<usize>(), TEXT_WIDTH, "{grid:?}");
            if table.contains("说明文字") {
                assert!(grid[0] <= 8 * em_twips(SIHAO) + CELL_PAD, "{grid:?}");
            }
        }
    }

    /// Writes both forms to `target/docx/` for a look with Word, WPS or `unzip -p`.
    #[test]
    #[ignore = "writes files for manual inspection"]
    fn write_forms_for_inspection() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/docx");
        std::fs::create_dir_all(&dir).expect("mkdir");
        for form in [application(), commitment()] {
            let bytes = form_docx(&form, date()).expect("docx");
            std::fs::write(dir.join(format!("{}.docx", form.slug)), bytes).expect("write");
        }
    }
}
