//! The document body: the form's blocks as Word paragraphs and tables.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, FieldCharType, Footer, HeightRule, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, Paragraph, Run, SpecialIndentType, Tab, TabValueType, Table, TableAlignmentType, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::layout::{
    ColumnNeed, EPSILON, Grid, GridCell, MAX_HEADING_LINES, column_needs, column_widths, em_twips, line_ems,
    table_size, text_em, title_size, wrap,
};
use super::styles::{
    BODY, BODY_LINE, CELL_PAD, FANGSONG, HEITI, KAITI, RULE, SANHAO, SIHAO, SONGTI, Style, TEXT_WIDTH, WRITING_ROW,
    add_runs, exact, heading_style, run,
};
use crate::markdown::{self, Block, CellKind, Inline, Role, Span, plain_text, spans};
use crate::model::Form;

/// A paragraph-level piece of the Word document in reading order: Word has no nested blocks,
/// so lists become paragraphs that start with their marker (`1. `, `•`).
pub(super) enum Piece {
    Heading(u8, Vec<Span>),
    Paragraph {
        spans: Vec<Span>,
        list_depth: usize,
        role: Role,
        /// The field id of each blank, in order (for the filled variant).
        blanks: Vec<Option<String>>,
        /// The answer written under an outline item (`markdown::fill::outline_id`).
        outline: Option<String>,
    },
    Table(Grid),
    Rule,
}

/// The pieces of a document, text cleaned of what XML cannot carry.
pub(super) fn pieces(document: &markdown::Document) -> Vec<Piece> {
    let mut flat = Flattener { out: Vec::new(), lists: Vec::new(), marker: None, section: String::new() };
    flat.blocks(&document.blocks);
    flat.out
}

struct Flattener {
    out: Vec<Piece>,
    /// Per open list: the next item number (None: bulleted).
    lists: Vec<Option<u64>>,
    /// The marker of an item whose first paragraph is still to come.
    marker: Option<String>,
    /// The text of the last heading, which names outline answers.
    section: String,
}

impl Flattener {
    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Heading { level, content } => {
                    self.section = markdown::text_of(content).trim().to_owned();
                    self.out.push(Piece::Heading(*level, cleaned(spans(content))))
                }
                Block::Paragraph { content, role, .. } => {
                    let outline = crate::markdown::fill::outline_id(&self.section, content);
                    let blanks = blank_fields(content);
                    let mut content = cleaned(spans(content));
                    if let Some(label) = self.marker.take() {
                        content.insert(0, Span::Text { text: format!("{label} "), strong: false, emphasis: false });
                    }
                    if !content.is_empty() {
                        self.out.push(Piece::Paragraph {
                            spans: content,
                            list_depth: self.lists.len(),
                            role: *role,
                            blanks,
                            outline,
                        });
                    }
                }
                Block::List { start, items } => {
                    self.lists.push(*start);
                    for item in items {
                        let depth = self.lists.len();
                        let label = match self.lists.last_mut() {
                            Some(Some(n)) => {
                                let label = format!("{n}.");
                                *n += 1;
                                label
                            }
                            _ => if depth > 1 { "◦" } else { "•" }.to_owned(),
                        };
                        self.marker = Some(label);
                        self.blocks(item);
                    }
                    self.lists.pop();
                }
                Block::Quote(inner) => self.blocks(inner),
                Block::Table(table) => self.out.push(Piece::Table(grid(table))),
                Block::Rule => self.out.push(Piece::Rule),
            }
        }
    }
}

/// The field of every blank of `content`, in the order `spans` lists the blanks.
fn blank_fields(content: &[Inline]) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for inline in content {
        match inline {
            Inline::Blank(blank) => out.push(blank.field.as_ref().map(|f| f.id.clone())),
            Inline::Strong(inner)
            | Inline::Emphasis(inner)
            | Inline::Link { content: inner, .. }
            | Inline::Image { alt: inner, .. } => out.extend(blank_fields(inner)),
            _ => {}
        }
    }
    out
}

fn span_is_blank(span: &Span) -> bool {
    matches!(span, Span::Blank(_))
}

fn cleaned(spans: Vec<Span>) -> Vec<Span> {
    spans
        .into_iter()
        .filter_map(|span| match span {
            Span::Text { text, strong, emphasis } => {
                let text = clean_text(&text);
                (!text.is_empty()).then_some(Span::Text { text, strong, emphasis })
            }
            other => Some(other),
        })
        .collect()
}

/// The table as the layout reads it; short rows are padded with cells to write in.
fn grid(table: &markdown::Table) -> Grid {
    let cell = |c: &markdown::Cell| GridCell {
        spans: cleaned(spans(&c.content)),
        span: c.span,
        options: match &c.kind {
            CellKind::Options { options, .. } => Some(options.clone()),
            _ => None,
        },
        entry: matches!(c.kind, CellKind::Entry(_)),
        field: match &c.kind {
            CellKind::Entry(field) | CellKind::Options { field, .. } => Some(field.id.clone()),
            _ => None,
        },
    };
    let columns = table.columns();
    let mut grid = Grid {
        header: table.header,
        columns,
        rows: table.rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
        repeats: crate::markdown::fill::repeats(table),
    };
    for row in &mut grid.rows {
        let width: usize = row.iter().map(|c| c.span).sum();
        for _ in width..columns {
            row.push(GridCell { spans: Vec::new(), span: 1, options: None, entry: true, field: None });
        }
    }
    grid
}

/// The column widths of a table in twips, adding up to the text width (`needs`: its columns').
pub(super) fn grid_widths(grid: &Grid, needs: &[ColumnNeed]) -> Vec<usize> {
    column_widths(needs, em_twips(table_size(grid.columns)), TEXT_WIDTH)
}

/// The lines a heading or a label (`heading_or_label`) is broken into in a cell `width` twips
/// wide at `size`, or none where the cell holds other text or would take too many lines.
pub(super) fn cell_lines(cell: &GridCell, width: usize, size: usize, heading_or_label: bool) -> Option<Vec<String>> {
    let room = width.saturating_sub(CELL_PAD) as f32 / em_twips(size) as f32;
    if !heading_or_label || !matches!(cell.spans.as_slice(), [Span::Text { .. }]) {
        return None;
    }
    let lines = wrap(plain_text(&cell.spans).trim(), room);
    (1..=MAX_HEADING_LINES).contains(&lines.len()).then_some(lines)
}

pub(super) struct Builder {
    pub(super) docx: Docx,
    /// The last paragraph id handed out.
    paragraphs: u32,
    /// The variant the browser fills in: a marker (`marker`) in each field's place, one row of
    /// each repeating table, a paragraph for the answer under each outline item.
    fill: bool,
    /// How many header rows each table has, in document order: Word repeats them on every
    /// page (`header_rows::mark_header_rows`).
    pub(super) header_rows: Vec<usize>,
}

/// What the filled variant holds in place of the value of field `id`.
pub(super) fn marker(id: &str) -> String {
    format!("\u{27e6}{id}\u{27e7}")
}

/// The marker of the row number of a repeating table's row.
pub(super) const ROW_NUMBER: &str = "#";

impl Builder {
    pub(super) fn new() -> Builder {
        Builder { docx: Docx::new(), paragraphs: 0, fill: false, header_rows: Vec::new() }
    }

    /// The builder of the variant filled in by the browser.
    pub(super) fn filled() -> Builder {
        Builder { fill: true, ..Builder::new() }
    }

    /// `spans` as runs; in the filled variant a blank that is a field holds its marker,
    /// underlined like the blank.
    fn runs(&self, mut p: Paragraph, spans: &[Span], blanks: &[Option<String>], style: Style) -> Paragraph {
        if !self.fill {
            return add_runs(p, spans, style);
        }
        let mut blanks = blanks.iter();
        for span in spans {
            p = match (span, span_is_blank(span).then(|| blanks.next()).flatten()) {
                (Span::Blank(_), Some(Some(id))) => p.add_run(run(&marker(id), style).underline("single")),
                _ => add_runs(p, std::slice::from_ref(span), style),
            };
        }
        p
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
    pub(super) fn front(&mut self, form: &Form) {
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
            .keep_next(true);
        let style = Style { face: SONGTI, size, bold: true };
        // The filled variant writes the applicant's name in place of `（单位名称）`.
        let title = match crate::markdown::fill::title_field(&heading).filter(|_| self.fill) {
            Some(field) => [field.before.to_owned(), marker(&field.marker_id()), field.after.to_owned()]
                .iter()
                .filter(|text| !text.is_empty())
                .fold(title, |p, text| p.add_run(run(text, style))),
            None => title.add_run(run(&heading, style)),
        };
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

    pub(super) fn body(&mut self, pieces: &[Piece]) {
        let kinds: Vec<Option<Role>> = pieces
            .iter()
            .map(|p| match p {
                Piece::Paragraph { role, .. } => Some(*role),
                _ => None,
            })
            .collect();
        let mut previous: Option<Role> = None;
        let mut after_table = false;
        for (i, (piece, &kind)) in pieces.iter().zip(&kinds).enumerate() {
            // The signature block stays on one page with the paragraph before it and
            // whatever note follows it.
            let next = kinds.get(i + 1).copied().flatten();
            let keep_with_next = match kind {
                Some(Role::Signature) => i + 1 < pieces.len(),
                Some(Role::Body) => next == Some(Role::Signature),
                _ => false,
            };
            match piece {
                Piece::Heading(level, spans) => {
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
                    let p = add_runs(p, spans, style);
                    self.add(p);
                    previous = Some(Role::Body);
                    after_table = false;
                }
                Piece::Paragraph { spans, list_depth, blanks, outline, .. } => {
                    let kind = kind.unwrap_or(Role::Body);
                    let mut spacing = exact(BODY_LINE);
                    let changed = previous.is_some_and(|p| (p == Role::Signature) != (kind == Role::Signature));
                    if changed || after_table {
                        spacing = spacing.before(BODY_LINE as u32);
                    } else if kind == Role::Signature {
                        // Room to sign and stamp between the lines.
                        spacing = spacing.before(BODY_LINE as u32 / 2);
                    }
                    // Body text is set flush left, not justified: Chinese characters are all one em
                    // wide, so lines end evenly anyway, and LibreOffice drops a comma that falls at
                    // the end of a justified line (考场面积、) from what it displays and prints.
                    let mut p = self.paragraph().line_spacing(spacing);
                    p = match kind {
                        Role::Body if *list_depth > 0 => p
                            .indent(Some(640 * *list_depth as i32), Some(SpecialIndentType::Hanging(320)), None, None)
                            .align(AlignmentType::Left),
                        Role::Body => p
                            .indent(Some(0), Some(SpecialIndentType::FirstLine(640)), None, None)
                            .align(AlignmentType::Left),
                        Role::FillIn => p.align(AlignmentType::Left),
                        Role::Signature => p.align(AlignmentType::Right),
                    };
                    let p = self.runs(p.keep_next(keep_with_next), spans, blanks, BODY);
                    self.add(p);
                    if let Some(id) = outline.as_ref().filter(|_| self.fill) {
                        let answer = self
                            .paragraph()
                            .line_spacing(exact(BODY_LINE))
                            .indent(Some(0), Some(SpecialIndentType::FirstLine(640)), None, None)
                            .align(AlignmentType::Left)
                            .add_run(run(&marker(id), BODY));
                        self.add(answer);
                    }
                    previous = Some(kind);
                    after_table = false;
                }
                Piece::Table(grid) => {
                    if after_table {
                        // Word merges two tables that touch.
                        let p = self.paragraph();
                        self.add(p);
                    }
                    let table = self.table(grid);
                    self.docx = std::mem::take(&mut self.docx).add_table(table);
                    previous = Some(Role::Body);
                    after_table = true;
                }
                Piece::Rule => {
                    let p = self.paragraph().line_spacing(exact(BODY_LINE));
                    self.add(p);
                    after_table = false;
                }
            }
        }
    }

    fn table(&mut self, grid: &Grid) -> Table {
        let size = table_size(grid.columns);
        let needs = column_needs(grid);
        let widths = grid_widths(grid, &needs);
        let mut rows = Vec::new();
        // The filled variant keeps the first row of a repeating table as the browser's template.
        let kept = if self.fill && grid.repeats { grid.rows.len().min(2) } else { grid.rows.len() };
        self.header_rows.push(usize::from(grid.header && kept > 0));
        for (r, row) in grid.rows[..kept].iter().enumerate() {
            let heading = grid.header && r == 0;
            let template = self.fill && grid.repeats && r == 1;
            let style = Style { face: FANGSONG, size, bold: heading };
            let mut column = 0;
            let mut cells = Vec::new();
            let mut to_write_in = false;
            for cell in row {
                let span = cell.span.min(widths.len().saturating_sub(column)).max(1);
                let width: usize = widths[column.min(widths.len())..(column + span).min(widths.len())].iter().sum();
                to_write_in |= cell.entry;
                let label = span == 1 && needs.get(column).is_some_and(|n| !n.entry);
                let paragraph = match (&cell.field, cell.options.is_some()) {
                    (Some(id), false) if self.fill => self.marker_paragraph(id, style),
                    _ if template && plain_text(&cell.spans).trim() == "1" => self.marker_paragraph(ROW_NUMBER, style),
                    _ => self.cell_paragraph(cell, width, style, label),
                };
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
    fn cell_paragraph(&mut self, cell: &GridCell, width: usize, style: Style, label: bool) -> Paragraph {
        let em = em_twips(style.size);
        let room = width.saturating_sub(CELL_PAD) as f32 / em as f32;
        let p = self
            .paragraph()
            .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(0).after(0));
        if let Some(options) = &cell.options {
            // A grid of options: as many to a line as fit, aligned on tab stops.
            let widest = options.iter().map(|o| text_em(o)).fold(0.0, f32::max);
            let pitch = widest + 1.0;
            let per_line = (((room + 1.0) / pitch).floor() as usize).max(1);
            let mut p = p.align(AlignmentType::Left);
            for k in 1..per_line {
                p = p.add_tab(Tab::new().val(TabValueType::Left).pos((k as f32 * pitch * em as f32).round() as usize));
            }
            for (k, option) in options.iter().enumerate() {
                let option = match &cell.field {
                    // Each box becomes its own marker (`⟦机构性质#2⟧`) for the browser to tick.
                    Some(id) if self.fill => option.replacen(['□', '☐', '☑', '■'], &marker(&format!("{id}#{k}")), 1),
                    _ => option.clone(),
                };
                let mut r = run(&option, style);
                if k + 1 < options.len() {
                    r = if (k + 1) % per_line == 0 { r.add_break(BreakType::TextWrapping) } else { r.add_tab() };
                }
                p = p.add_run(r);
            }
            return p;
        }
        // Headings and labels: centred, broken into even lines where they must wrap.
        if let Some(lines) = cell_lines(cell, width, style.size, label || style.bold) {
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
        let fits = line_ems(&cell.spans).into_iter().fold(0.0, f32::max) <= room + EPSILON;
        let p = p.align(if fits { AlignmentType::Center } else { AlignmentType::Left });
        add_runs(p, &cell.spans, style)
    }

    /// A cell paragraph holding only the marker of `id`, centred.
    fn marker_paragraph(&mut self, id: &str, style: Style) -> Paragraph {
        self.paragraph()
            .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(0).after(0))
            .align(AlignmentType::Center)
            .add_run(run(&marker(id), style))
    }

    /// The footer: the page number as "— N —", 宋体 四号.
    pub(super) fn footer(&mut self) -> Footer {
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

/// Drops characters XML 1.0 cannot carry (controls other than tab and newline, U+FFFE/F).
pub(super) fn clean_text(s: &str) -> String {
    s.chars()
        .filter(|&c| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'))
        .collect()
}
