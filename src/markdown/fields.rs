//! Names every place an applicant writes: a cell to write in, a group of boxes to tick, a
//! blank in a line of text. The label is the form's own printed words; the id is unique in the
//! document and depends only on the labels and positions, so it stays put across builds.

use std::collections::BTreeSet;

use super::document::{Block, CellKind, Document, Field, Inline, Span, Table, plain_text, spans, text_of};

pub(super) fn assign(document: &mut Document) {
    let mut namer = Namer::default();
    namer.blocks(&mut document.blocks);
}

#[derive(Default)]
struct Namer {
    used: BTreeSet<String>,
    /// The text of the last heading, for a blank that has no label of its own.
    section: String,
}

impl Namer {
    fn blocks(&mut self, blocks: &mut [Block]) {
        for block in blocks {
            match block {
                Block::Heading { content, .. } => self.section = text_of(content).trim().to_owned(),
                Block::Paragraph { content, .. } => self.line(content),
                Block::List { items, .. } => items.iter_mut().for_each(|item| self.blocks(item)),
                Block::Quote(inner) => self.blocks(inner),
                Block::Table(table) => self.table(table),
                Block::Rule => {}
            }
        }
    }

    fn field(&mut self, label: String, id: &str) -> Field {
        let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
        let mut unique = id.clone();
        let mut n = 1;
        while !self.used.insert(unique.clone()) {
            n += 1;
            unique = format!("{id}-{n}");
        }
        Field { id: unique, label }
    }

    fn table(&mut self, table: &mut Table) {
        // Column headings by grid column, for tables whose first row names the columns.
        let mut headings: Vec<String> = Vec::new();
        if table.header
            && let Some(first) = table.rows.first()
        {
            for cell in first {
                let text = label_text(&plain_text(&spans(&cell.content)));
                headings.extend(std::iter::repeat_n(text, cell.span));
            }
        }
        let fallback = if table.caption.trim().is_empty() { self.section.clone() } else { table.caption.clone() };
        for (r, row) in table.rows.iter_mut().enumerate() {
            let mut column = 0;
            let mut left_label: Option<String> = None;
            for cell in row.iter_mut() {
                let (label, id) = match headings.get(column) {
                    Some(heading) if !heading.is_empty() => (format!("{heading} 第{r}行"), format!("{heading}-{r}")),
                    _ => match &left_label {
                        Some(label) => (label.clone(), label.clone()),
                        None => {
                            let label = format!("{fallback} 第{}行第{}列", r + 1, column + 1);
                            (label.clone(), label)
                        }
                    },
                };
                match &mut cell.kind {
                    CellKind::Entry(field) | CellKind::Options { field, .. } => *field = self.field(label, &id),
                    CellKind::Label => {
                        self.line(&mut cell.content);
                        let text = label_text(&plain_text(&spans(&cell.content)));
                        left_label = (!text.is_empty()).then_some(text);
                    }
                    CellKind::Heading => {}
                }
                column += cell.span;
            }
        }
    }

    /// The blanks of a line of text: each is labelled by the words before it
    /// (`评价机构负责人：____；联系电话：____`), and a one-character unit after it names the part
    /// (`签订时间：____年____月____日` → 签订时间（年）, 签订时间（月）, 签订时间（日）).
    fn line(&mut self, content: &mut [Inline]) {
        let flat = spans(content);
        // The text between blanks: one more segment than there are blanks.
        let mut segments = vec![String::new()];
        for span in &flat {
            match (span, segments.last_mut()) {
                (Span::Blank(_), _) => segments.push(String::new()),
                (Span::Text { text, .. }, Some(current)) => current.push_str(text),
                (Span::Break, Some(current)) => current.push('\n'),
                (_, None) => {}
            }
        }
        if segments.len() == 1 {
            return;
        }
        let mut base = String::new();
        let mut fields = Vec::new();
        for k in 0..segments.len() - 1 {
            let before = label_text(segments[k].rsplit('\n').next().expect("a split has a first piece"));
            if before.chars().count() >= 2 {
                base = before;
            } else if base.is_empty() {
                base = if self.section.is_empty() { "填写项".to_owned() } else { self.section.clone() };
            }
            let after = label_text(segments[k + 1].split('\n').next().expect("a split has a first piece"));
            let unit = after.chars().next().filter(|_| after.chars().count() == 1);
            let label = match unit {
                Some(unit) => format!("{base}（{unit}）"),
                None => base.clone(),
            };
            fields.push(self.field(label.clone(), &label));
        }
        let mut fields = fields.into_iter();
        set_blank_fields(content, &mut fields);
    }
}

/// Words as a label: without surrounding spaces and punctuation (`；联系电话：` → 联系电话).
fn label_text(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || "：:；;，,。.、".contains(c)).to_owned()
}

fn set_blank_fields(content: &mut [Inline], fields: &mut impl Iterator<Item = Field>) {
    for inline in content {
        match inline {
            Inline::Blank(blank) => blank.field = fields.next(),
            Inline::Strong(inner)
            | Inline::Emphasis(inner)
            | Inline::Link { content: inner, .. }
            | Inline::Image { alt: inner, .. } => set_blank_fields(inner, fields),
            _ => {}
        }
    }
}
