//! A form's [`Document`] as a page to fill in: the same walk as `markdown::to_html`, with an
//! input for every field (named by its id, labelled with the form's own words), radio buttons
//! for boxes to tick, a text area under each outline item, and the rows of a repeating table
//! marked for `fill.js` to add and remove. Everything from the document is escaped here.

use crate::markdown::fill::{self, check, column_role, shared_key};
use crate::markdown::{Block, Cell, CellKind, Document, Field, Inline, Layout, Role, Table, plain_text, spans};

/// HTML-escaped text, quotes included (safe in text and in attribute values).
pub(super) fn esc(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8 valid")
}

pub fn body(document: &Document) -> String {
    let mut writer = Writer { out: String::new(), section: String::new() };
    writer.blocks(&document.blocks);
    writer.out
}

struct Writer {
    out: String,
    /// The text of the last heading, which names outline answers.
    section: String,
}

/// The blocks `(first, last)` of each signature block of `blocks`: its signature lines, the
/// paragraph of running text before them and whatever follows them. The Word file keeps these
/// on one page (derive/docx: each is kept with the next), and so does print (form.css): the
/// page wraps them in one box, as a browser keeps a box together where it does not keep two
/// paragraphs.
fn signature_blocks(blocks: &[Block]) -> Vec<(usize, usize)> {
    let role = |i: usize| match blocks.get(i) {
        Some(Block::Paragraph { role, .. }) => Some(*role),
        _ => None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if role(i) != Some(Role::Signature) {
            i += 1;
            continue;
        }
        let first = if i > 0 && role(i - 1) == Some(Role::Body) { i - 1 } else { i };
        let mut last = i;
        while role(last + 1) == Some(Role::Signature) {
            last += 1;
        }
        let last = if last + 1 < blocks.len() { last + 1 } else { last };
        out.push((first, last));
        i = last + 1;
    }
    out
}

impl Writer {
    fn blocks(&mut self, blocks: &[Block]) {
        let kept = signature_blocks(blocks);
        for (i, block) in blocks.iter().enumerate() {
            if kept.iter().any(|&(first, _)| first == i) {
                self.out.push_str("<div class=\"sign-block\">\n");
            }
            self.block(block);
            if kept.iter().any(|&(_, last)| last == i) {
                self.out.push_str("</div>\n");
            }
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, content } => {
                self.section = crate::markdown::text_of(content).trim().to_owned();
                let level = (*level).clamp(2, 6);
                self.out.push_str(&format!("<h{level}>"));
                self.inlines(content);
                self.out.push_str(&format!("</h{level}>\n"));
            }
            Block::Paragraph { content, layout, role } => self.paragraph(content, *layout, *role),
            Block::List { start, items } => {
                let tag = if start.is_some() { "ol" } else { "ul" };
                match start {
                    Some(n) if *n != 1 => self.out.push_str(&format!("<ol start=\"{n}\">")),
                    _ => self.out.push_str(&format!("<{tag}>")),
                }
                for item in items {
                    self.out.push_str("<li>");
                    self.blocks(item);
                    self.out.push_str("</li>");
                }
                self.out.push_str(&format!("</{tag}>\n"));
            }
            Block::Quote(inner) => {
                self.out.push_str("<blockquote>");
                self.blocks(inner);
                self.out.push_str("</blockquote>\n");
            }
            Block::Table(table) => self.table(table),
            Block::Rule => self.out.push_str("<hr>\n"),
        }
    }

    fn paragraph(&mut self, content: &[Inline], layout: Layout, role: Role) {
        if let Some(id) = fill::outline_id(&self.section, content) {
            let id = esc(&id);
            self.out.push_str(&format!("<p class=\"outline-item\" id=\"{id}-label\">"));
            self.inlines(content);
            self.out.push_str(&format!(
                "</p>\n<textarea class=\"outline-answer\" id=\"{id}\" name=\"{id}\" rows=\"4\" aria-labelledby=\"{id}-label\"></textarea>\n"
            ));
            return;
        }
        let (open, close) = match (layout, role) {
            (Layout::Preformatted, _) => ("<pre>", "</pre>\n"),
            (Layout::Bare, _) => ("", "\n"),
            (_, Role::FillIn) => ("<p class=\"fill-line\">", "</p>\n"),
            (_, Role::Signature) => ("<p class=\"fill-line sign-line\">", "</p>\n"),
            (_, Role::Body) => ("<p>", "</p>\n"),
        };
        self.out.push_str(open);
        self.inlines(content);
        self.out.push_str(close);
    }

    fn inlines(&mut self, content: &[Inline]) {
        for inline in content {
            match inline {
                Inline::Text(text) => self.out.push_str(&esc(text)),
                Inline::Blank(blank) => match &blank.field {
                    Some(field) => {
                        let size = blank.width.clamp(4, 40);
                        self.out.push_str(&format!(
                            "<input type=\"text\" class=\"blank-input\" size=\"{size}\" {}>",
                            field_attributes(field)
                        ));
                    }
                    None => {
                        self.out.push_str(&format!("<span class=\"blank\">{}</span>", "\u{a0}".repeat(blank.width)))
                    }
                },
                Inline::SoftBreak => self.out.push('\n'),
                Inline::HardBreak | Inline::LineBreak => self.out.push_str("<br>"),
                Inline::Code(code) => self.out.push_str(&format!("<code>{}</code>", esc(code))),
                Inline::Strong(inner) => {
                    self.out.push_str("<strong>");
                    self.inlines(inner);
                    self.out.push_str("</strong>");
                }
                Inline::Emphasis(inner) => {
                    self.out.push_str("<em>");
                    self.inlines(inner);
                    self.out.push_str("</em>");
                }
                Inline::Link { url, content, .. } => {
                    self.out.push_str(&format!("<a href=\"{}\">", esc(url)));
                    self.inlines(content);
                    self.out.push_str("</a>");
                }
                Inline::Image { alt, .. } => self.inlines(alt),
            }
        }
    }

    fn table(&mut self, table: &Table) {
        let repeats = fill::repeats(table);
        let class = if repeats { "fill-table fill-rows" } else { "fill-table" };
        self.out.push_str(&format!("<div class=\"table-wrap\"><table class=\"{class}\">\n"));
        if !table.caption.is_empty() {
            self.out.push_str(&format!("<caption class=\"visually-hidden\">{}</caption>\n", esc(&table.caption)));
        }
        let mut rows = table.rows.iter();
        // Column headings by grid column, for the role of each cell of a repeating table.
        let mut headings: Vec<String> = Vec::new();
        if table.header
            && let Some(head) = rows.next()
        {
            self.out.push_str("<thead><tr>");
            for cell in head {
                let text = plain_text(&spans(&cell.content));
                headings.extend(std::iter::repeat_n(text, cell.span));
                self.out.push_str(&format!("<th scope=\"col\"{}>", colspan(cell)));
                self.inlines(&cell.content);
                self.out.push_str("</th>");
            }
            self.out.push_str("</tr></thead>\n");
        }
        self.out.push_str(if repeats { "<tbody data-repeat>\n" } else { "<tbody>\n" });
        for (r, row) in rows.enumerate() {
            if repeats {
                self.out.push_str(&format!("<tr data-row=\"{}\">", r + 1));
            } else {
                self.out.push_str("<tr>");
            }
            let mut column = 0;
            for cell in row {
                let heading = repeats.then(|| headings.get(column).map(String::as_str)).flatten();
                self.cell(cell, heading, repeats.then_some(r + 1));
                column += cell.span;
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody></table></div>\n");
        if repeats {
            self.out.push_str(
                "<p class=\"row-tools no-print\"><button type=\"button\" data-add-row hidden>增加一行</button></p>\n",
            );
        }
    }

    /// One cell; `heading` is its column's heading in a repeating table, `row` the row's number
    /// there. A repeating row's cells carry their heading (`data-label`): on a phone the rows
    /// are cards, each value under its heading (form.css).
    fn cell(&mut self, cell: &Cell, heading: Option<&str>, row: Option<usize>) {
        let role = heading.and_then(column_role);
        let label = heading.map(|h| format!(" data-label=\"{}\"", esc(h))).unwrap_or_default();
        let span = format!("{}{label}", colspan(cell));
        match &cell.kind {
            CellKind::Heading => {
                self.out.push_str(&format!("<th scope=\"col\"{span}>"));
                self.inlines(&cell.content);
                self.out.push_str("</th>");
            }
            // The row number of a repeating row, whatever the form printed there (`...`).
            CellKind::Label
                if row.is_some() && role.is_none() && !crate::markdown::text_of(&cell.content).is_empty() =>
            {
                let n = row.expect("checked by the guard");
                self.out.push_str(&format!("<td class=\"row-no\"{span}><span data-row-no>{n}</span></td>"));
            }
            CellKind::Label => {
                self.out.push_str(&format!("<td class=\"label\"{span}>"));
                self.inlines(&cell.content);
                self.out.push_str("</td>");
            }
            CellKind::Entry(field) => {
                let attributes = field_attributes(field);
                let control = match role {
                    Some("level") => {
                        format!("<select {attributes} data-col=\"level\"><option value=\"\">请选择</option></select>")
                    }
                    Some("code") => {
                        format!("<input type=\"text\" {attributes} data-col=\"code\" readonly spellcheck=\"false\">")
                    }
                    Some("occupation") => format!(
                        "<input type=\"text\" {attributes} data-col=\"occupation\" autocomplete=\"off\" spellcheck=\"false\">"
                    ),
                    _ => {
                        let column = match row {
                            Some(_) => " data-col=\"other\"",
                            None => "",
                        };
                        format!("<input type=\"text\" {attributes}{column}>")
                    }
                };
                self.out.push_str(&format!("<td class=\"entry\"{span}>{control}</td>"));
            }
            CellKind::Options { field, options } => {
                self.out.push_str(&format!(
                    "<td class=\"entry\"{span}><fieldset class=\"options\" id=\"{id}\" data-options><legend class=\"visually-hidden\">{label}</legend>",
                    id = esc(&field.id),
                    label = esc(&field.label)
                ));
                for (k, option) in options.iter().enumerate() {
                    let text = option.trim_matches(['□', '☐', '☑', '■']).trim();
                    self.out.push_str(&format!(
                        "<label><input type=\"radio\" name=\"{id}\" id=\"{id}#{k}\" value=\"{value}\" data-k=\"{k}\"> {value}</label> ",
                        id = esc(&field.id),
                        value = esc(text)
                    ));
                }
                self.out.push_str("</fieldset></td>");
            }
        }
    }
}

fn colspan(cell: &Cell) -> String {
    if cell.span > 1 { format!(" colspan=\"{}\"", cell.span) } else { String::new() }
}

/// `id`, `name` and the accessible name of a field's control, and what `fill.js` reads: the
/// check its value gets and the key it shares with other forms.
fn field_attributes(field: &Field) -> String {
    let mut out =
        format!("id=\"{id}\" name=\"{id}\" aria-label=\"{label}\"", id = esc(&field.id), label = esc(&field.label));
    if let Some(check) = check(&field.label) {
        out.push_str(&format!(" data-check=\"{check}\""));
        if check == "count" {
            out.push_str(" inputmode=\"numeric\"");
        } else if matches!(check, "mobile" | "landline" | "phone") {
            out.push_str(" inputmode=\"tel\" autocomplete=\"off\"");
        }
    }
    if let Some(key) = shared_key(&field.label) {
        out.push_str(&format!(" data-shared=\"{}\"", esc(key)));
    }
    out
}
