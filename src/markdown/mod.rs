//! Markdown → a typed [`Document`], read once for every writer: HTML ([`to_html`], for the
//! pages and the feed), the Word forms (`derive::docx`) and the search index.
//!
//! Two conventions serve the paper forms, both plain Markdown to any other reader:
//! - in a pipe table, a cell that holds only `<` merges into the cell on its left (a span);
//! - a run of four or more `_` is a blank to write in by hand.
//!
//! On top of the Markdown structure the document says what a form asks for: which table
//! cells are labels, room to write in or boxes to tick, which lines are to fill in or to sign,
//! and a stable [`Field`] id for every place an applicant writes.
//!
//! Raw HTML is never passed through: it is kept as text, except `<br>`, a line break inside a
//! table cell. Unsafe link targets (`javascript:`) become `#`.

mod document;
mod events;
mod fields;
pub mod fill;
mod html;
mod read;

pub use document::{
    Alignment, Blank, Block, Cell, CellKind, Document, Field, Inline, Layout, Role, Span, Table, TooDeep,
    checkbox_options, is_blank, plain_text, spans, text_of,
};
pub use html::to_html;
pub use read::MERGE_LEFT;

/// Reads `markdown` into a [`Document`], refused when nested too deep.
pub fn parse(markdown: &str) -> Result<Document, TooDeep> {
    let mut document = read::document(&events::events(markdown)?);
    fields::assign(&mut document);
    Ok(document)
}

impl Document {
    /// Every piece of inline content in reading order, wherever it nests: headings,
    /// paragraphs, list items, quotes and table cells.
    pub fn contents(&self) -> Vec<&[Inline]> {
        let mut out = Vec::new();
        collect_contents(&self.blocks, &mut out);
        out
    }

    /// Every field of the document in reading order: cells to write in, option groups and
    /// blanks in lines of text.
    pub fn fields(&self) -> Vec<&Field> {
        let mut out = Vec::new();
        collect_fields(&self.blocks, &mut out);
        out
    }
}

fn collect_contents<'d>(blocks: &'d [Block], out: &mut Vec<&'d [Inline]>) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => out.push(content),
            Block::Table(table) => out.extend(table.rows.iter().flatten().map(|cell| cell.content.as_slice())),
            Block::List { items, .. } => items.iter().for_each(|item| collect_contents(item, out)),
            Block::Quote(inner) => collect_contents(inner, out),
            Block::Rule => {}
        }
    }
}

fn collect_fields<'d>(blocks: &'d [Block], out: &mut Vec<&'d Field>) {
    for block in blocks {
        match block {
            Block::Paragraph { content, .. } => inline_fields(content, out),
            Block::List { items, .. } => items.iter().for_each(|item| collect_fields(item, out)),
            Block::Quote(inner) => collect_fields(inner, out),
            Block::Table(table) => {
                for cell in table.rows.iter().flatten() {
                    match &cell.kind {
                        CellKind::Entry(field) | CellKind::Options { field, .. } => out.push(field),
                        CellKind::Label => inline_fields(&cell.content, out),
                        CellKind::Heading => {}
                    }
                }
            }
            Block::Heading { .. } | Block::Rule => {}
        }
    }
}

fn inline_fields<'d>(content: &'d [Inline], out: &mut Vec<&'d Field>) {
    for inline in content {
        match inline {
            Inline::Blank(Blank { field: Some(field), .. }) => out.push(field),
            Inline::Strong(inner)
            | Inline::Emphasis(inner)
            | Inline::Link { content: inner, .. }
            | Inline::Image { alt: inner, .. } => inline_fields(inner, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = "## 一、基本信息\n\n| 单位名称 |  | < | < |\n| --- | --- | --- | --- |\n| 注册登记机构 |  | 机构性质 | 企业□ 行业协会□ 其他□ |\n| 法定代表人 |  | 注册资金 |  |\n\n## 二、拟申报职业（工种）情况\n\n| 序号 | 拟申报职业（工种） | 拟申报等级 |\n| --- | --- | --- |\n| 1 |  |  |\n| 2 |  |  |\n\n机构名称：________\n\n正文。\n\n评价机构负责人：____；联系电话：____。\n\n签订时间：____年____月____日\n";

    fn table(document: &Document, n: usize) -> &Table {
        let tables: Vec<&Table> = document
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        tables[n]
    }

    #[test]
    fn cells_are_labels_entries_or_options() {
        let document = parse(FORM).expect("shallow");
        let basic = table(&document, 0);
        assert!(!basic.header, "a head row with a merge is a form row");
        assert_eq!(basic.caption, "一、基本信息");
        assert_eq!(basic.rows[0].len(), 2);
        assert_eq!(basic.rows[0][1].span, 3);
        assert!(matches!(&basic.rows[0][0].kind, CellKind::Label));
        let CellKind::Entry(field) = &basic.rows[0][1].kind else { panic!("{:?}", basic.rows[0][1]) };
        assert_eq!((field.id.as_str(), field.label.as_str()), ("单位名称", "单位名称"));
        let CellKind::Options { field, options } = &basic.rows[1][3].kind else { panic!("{:?}", basic.rows[1][3]) };
        assert_eq!(field.label, "机构性质");
        assert_eq!(options, &["企业□", "行业协会□", "其他□"]);
        let occupations = table(&document, 1);
        assert!(occupations.header);
        assert!(matches!(occupations.rows[0][0].kind, CellKind::Heading));
        let CellKind::Entry(field) = &occupations.rows[2][2].kind else { panic!() };
        assert_eq!((field.id.as_str(), field.label.as_str()), ("拟申报等级-2", "拟申报等级 第2行"));
    }

    #[test]
    fn lines_to_fill_in_and_to_sign() {
        let document = parse(FORM).expect("shallow");
        let roles: Vec<Role> = document
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { role, .. } => Some(*role),
                _ => None,
            })
            .collect();
        assert_eq!(roles, [Role::FillIn, Role::Body, Role::Signature, Role::Signature]);
        let labels: Vec<&str> = document.fields().iter().map(|f| f.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "单位名称",
                "注册登记机构",
                "机构性质",
                "法定代表人",
                "注册资金",
                "拟申报职业（工种） 第1行",
                "拟申报等级 第1行",
                "拟申报职业（工种） 第2行",
                "拟申报等级 第2行",
                "机构名称",
                "评价机构负责人",
                "联系电话",
                "签订时间（年）",
                "签订时间（月）",
                "签订时间（日）",
            ]
        );
        let ids: std::collections::BTreeSet<&str> = document.fields().iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), labels.len(), "ids are unique");
    }

    #[test]
    fn ids_stay_put_and_repeat_labels_are_numbered() {
        assert_eq!(parse(FORM).expect("shallow"), parse(FORM).expect("shallow"));
        let document = parse("备注：____\n\n备注：____\n").expect("shallow");
        let ids: Vec<&str> = document.fields().iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["备注", "备注-2"]);
    }

    /// `markdown` as a page prints it (`html.rs`).
    fn html(markdown: &str) -> String {
        to_html(&parse(markdown).expect("shallow"))
    }

    #[test]
    fn merge_cells_become_colspans() {
        let html = html("| 单位名称 |  | < | < |\n| --- | --- | --- | --- |\n| 法定代表人 |  | 注册资金 |  |\n");
        assert!(html.contains("<tr><td>单位名称</td><td colspan=\"3\"></td></tr>"), "{html}");
        assert!(html.contains("<tr><td>法定代表人</td><td></td><td>注册资金</td><td></td></tr>"), "{html}");
        assert!(!html.contains("<thead>"));
    }

    #[test]
    fn a_full_head_row_is_headers() {
        let html = html("| 序号 | 职业编码 |\n| --- | --- |\n| 1 |  |\n");
        assert!(html.contains("<thead><tr><th scope=\"col\">序号</th><th scope=\"col\">职业编码</th></tr>"), "{html}");
    }

    #[test]
    fn underscores_become_blanks() {
        let html =
            html("法定代表人（签字）：________\n\n签订时间：____年____月____日\n\n负责人：______；电话：______。\n");
        assert!(html.contains("法定代表人（签字）：<span class=\"blank\">"), "{html}");
        assert_eq!(html.matches("class=\"blank\"").count(), 6, "{html}");
        assert!(!html.contains("<em>") && !html.contains("<strong>"), "{html}");
        assert!(to_html(&parse("a_b__c").expect("shallow")).contains("a_b__c"));
    }

    #[test]
    fn nesting_renders_up_to_the_limit_and_is_refused_past_it() {
        let deep = |n: usize| -> [String; 4] {
            [
                format!("正文\n\n{} 引用\n", ">".repeat(n)),
                format!("正文\n\n{}项\n", "- ".repeat(n)),
                format!("正文\n\n{}字{}\n", "*a ".repeat(n), " a*".repeat(n)),
                format!("正文\n\n{}图{}\n", "![".repeat(n), "](x)".repeat(n)),
            ]
        };
        // A page renders on a worker thread of the default size, in a debug build too.
        let render = |text: String| {
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || parse(&text).map(|d| to_html(&d).len()))
                .expect("a thread")
                .join()
                .expect("no overflow")
        };
        for text in deep(crate::limits::MARKDOWN_DEPTH / 2 - 1) {
            assert!(render(text.clone()).is_ok(), "{text}");
        }
        for text in deep(crate::limits::MARKDOWN_DEPTH * 100) {
            assert_eq!(render(text.clone()), Err(TooDeep { line: 3 }), "{}", &text[..40]);
        }
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html_out = html("<script>alert(1)</script>\n\n名称<img src=x onerror=alert(1)>\n\n第一行<br>第二行\n");
        assert!(!html_out.contains("<script") && !html_out.contains("<img"), "{html_out}");
        assert!(html_out.contains("&lt;script&gt;") && html_out.contains("&lt;img"), "{html_out}");
        assert!(html_out.contains("第一行<br>第二行"), "{html_out}");
        let link = html("[点我](javascript:alert(1)) [好](https://example.gov.cn/) [相对](forms/)");
        assert!(link.contains("href=\"#\"") && !link.contains("javascript"), "{link}");
        assert!(link.contains("href=\"https://example.gov.cn/\"") && link.contains("href=\"forms/\""), "{link}");
    }
}
