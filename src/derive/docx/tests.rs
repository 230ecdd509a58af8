//! Tests of the Word forms: the shipped forms built and read back.

use super::layout::{ColumnNeed, column_widths, em_twips, wrap};
use super::schema_order::{PPR_ORDER, RPR_ORDER, SECTPR_ORDER, TRPR_ORDER, children, element_name, schema_order};
use super::styles::{CELL_PAD, SIHAO};
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

/// One entry of the archive, read with the zip crate.
struct Entry {
    name: String,
    stored: bool,
    modified: Option<zip::DateTime>,
    data: Vec<u8>,
}

fn unzip(bytes: &[u8]) -> Vec<Entry> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("entry data");
            Entry {
                name: file.name().expect("a UTF-8 entry name").into_owned(),
                stored: file.compression() == zip::CompressionMethod::Stored,
                modified: file.last_modified(),
                data,
            }
        })
        .collect()
}

fn part(entries: &[Entry], name: &str) -> String {
    let entry = entries.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no {name} in the archive"));
    assert!(entry.stored, "{name} is not stored");
    String::from_utf8(entry.data.clone()).expect("UTF-8 XML")
}

fn document_xml(form: &Form) -> String {
    let bytes = form_docx(form, date()).expect("docx");
    part(&unzip(&bytes), "word/document.xml")
}

fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).expect("well-formed XML")
}

/// The elements under `node` with the local name `name` (`tbl` for `w:tbl`), in order.
fn named<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.descendants().filter(|n| n.is_element() && n.tag_name().name() == name).collect()
}

/// The value of the attribute with the local name `name` (`w` for `w:w`).
fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes().find(|a| a.name() == name).map(|a| a.value())
}

fn twips(nodes: &[roxmltree::Node<'_, '_>]) -> Vec<usize> {
    nodes.iter().map(|n| attr(*n, "w").expect("a width").parse().expect("twips")).collect()
}

/// The text of the runs under `node`, joined.
fn text(node: roxmltree::Node<'_, '_>) -> String {
    named(node, "t").iter().filter_map(|t| t.text()).collect()
}

/// The XML source of `node`, for checks on what it contains.
fn source<'i>(node: roxmltree::Node<'_, 'i>) -> &'i str {
    &node.document().input_text()[node.range()]
}

/// The text of a whole part.
fn text_of(xml: &str) -> String {
    text(parse(xml).root())
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
        let doc = parse(&xml);
        let margins = named(doc.root(), "pgMar");
        assert_eq!(margins.len(), 1);
        let sides = ["top", "bottom", "left", "right"].map(|side| attr(margins[0], side));
        assert_eq!(sides, [Some("2098"), Some("1984"), Some("1587"), Some("1474")]);
    }
}

#[test]
fn every_table_has_a_fixed_grid_as_wide_as_the_text() {
    let xml = document_xml(&application());
    let doc = parse(&xml);
    let tables = named(doc.root(), "tbl");
    assert_eq!(tables.len(), 2, "基本信息 and 拟申报职业（工种）情况");
    for table in tables {
        let source = source(table);
        assert!(source.contains(r#"<w:tblLayout w:type="fixed" />"#), "{source}");
        assert!(source.contains(&format!(r#"<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa" />"#)));
        let grid = twips(&named(table, "gridCol"));
        assert!(!grid.is_empty());
        assert_eq!(grid.iter().sum::<usize>(), TEXT_WIDTH, "{grid:?}");
        assert!(grid.iter().all(|&w| w >= 600), "{grid:?}");
        // Every cell has a width in twips, the sum of the grid columns it spans.
        for row in named(table, "tr") {
            let mut column = 0;
            for cell in named(row, "tc") {
                let width = named(cell, "tcW");
                assert_eq!(width.len(), 1, "a cell without w:tcW: {}", self::source(cell));
                assert_eq!(attr(width[0], "type"), Some("dxa"));
                let span: usize = named(cell, "gridSpan")
                    .first()
                    .map_or(1, |s| attr(*s, "val").expect("a span").parse().expect("span"));
                assert_eq!(twips(&width)[0], grid[column..column + span].iter().sum::<usize>());
                column += span;
            }
            assert_eq!(column, grid.len(), "a row that does not fill the grid");
        }
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            assert!(source.contains(&format!(r#"<w:{side} w:val="single" w:sz="4""#)), "no {side} border");
        }
    }
}

#[test]
fn the_basic_information_table_merges_and_leaves_room_to_write() {
    let xml = document_xml(&application());
    let doc = parse(&xml);
    let first = named(doc.root(), "tbl")[0];
    let rows = named(first, "tr");
    assert_eq!(rows.len(), 7);
    // 单位名称 | value over three columns.
    assert!(text(rows[0]).contains("单位名称"));
    assert_eq!(named(rows[0], "tc").len(), 2);
    assert_eq!(named(rows[0], "gridSpan").iter().map(|s| attr(*s, "val")).collect::<Vec<_>>(), [Some("3")]);
    for row in &rows {
        let height = named(*row, "trHeight");
        assert_eq!(height.len(), 1, "{}", source(*row));
        assert_eq!((attr(height[0], "val"), attr(height[0], "hRule")), (Some("567"), Some("atLeast")));
    }
    // Label columns narrower than the columns to write in.
    let grid = twips(&named(first, "gridCol"));
    assert_eq!(grid.len(), 4);
    // 统一社会信用代码 fits on one line; the columns to write in are at least 3.5 cm.
    assert!(grid[0] >= 8 * 280 + CELL_PAD, "{grid:?}");
    assert!(grid[2] < grid[3], "{grid:?}");
    assert!(grid[1] >= 2000 && grid[3] >= 2000, "{grid:?}");
    // The options keep their boxes and are never broken inside a word.
    let options = text(rows[2]);
    for option in ["企业□", "行业协会□", "科研院所□", "高等学校□", "技工院校□", "其他□"]
    {
        assert!(options.contains(option), "{options}");
    }
}

#[test]
fn the_occupation_table_has_a_narrow_number_column() {
    let xml = document_xml(&application());
    let doc = parse(&xml);
    let second = *named(doc.root(), "tbl").get(1).expect("a second table");
    let grid = twips(&named(second, "gridCol"));
    assert_eq!(grid.len(), 8);
    let narrowest = *grid.iter().min().expect("columns");
    assert_eq!(grid[0], narrowest, "{grid:?}");
    assert!(grid[1..].iter().all(|&w| w > grid[0]), "{grid:?}");
    // The heading row is bold and has no forced height; the rows to fill in do.
    let rows = named(second, "tr");
    assert_eq!(rows.len(), 5);
    assert!(!named(rows[0], "b").is_empty() && named(rows[0], "trHeight").is_empty());
    assert!(rows[1..].iter().all(|r| named(*r, "trHeight").iter().all(|h| attr(*h, "hRule") == Some("atLeast"))));
}

#[test]
fn fonts_are_named_with_latin_fallbacks() {
    let bytes = form_docx(&commitment(), date()).expect("docx");
    let entries = unzip(&bytes);
    let xml = part(&entries, "word/document.xml");
    assert!(
        xml.contains(r#"w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋""#)
    );
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

/// Every piece of text a form prints: headings, the words between blanks, table cells.
fn printed_texts(document: &crate::markdown::Document, out: &mut Vec<String>) {
    use crate::markdown::{Span, spans};
    for content in document.contents() {
        let mut current = String::new();
        for span in spans(content) {
            match span {
                Span::Text { text, .. } => current.push_str(&text),
                Span::Blank(_) | Span::Break => out.push(std::mem::take(&mut current)),
            }
        }
        out.push(current);
    }
}

#[test]
fn every_heading_label_and_line_of_the_form_is_in_the_document() {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for form in [application(), commitment()] {
        let text = squeeze(&text_of(&document_xml(&form)));
        let mut expected = vec![format!("附件{}", form.attachment), form.heading.clone()];
        expected.extend(form.subtitle.clone());
        printed_texts(&form.document, &mut expected);
        let expected: Vec<String> = expected.iter().map(|t| squeeze(t)).filter(|t| !t.is_empty()).collect();
        assert!(expected.len() > 20, "{}: {expected:?}", form.slug);
        for phrase in &expected {
            assert!(text.contains(phrase.as_str()), "{}: missing {phrase}", form.slug);
        }
        // No underscore or private-use blank mark leaks through.
        assert!(!text.contains('_') && !text.contains('\u{E000}'), "{text}");
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
    let core = part(&unzip(&bytes), "docProps/core.xml");
    assert!(core.contains("<dc:title>社会评价组织再评估遴选申报表</dc:title>"), "{core}");
    assert!(core.contains(">2025-03-14T00:00:00Z</dcterms:created>"), "{core}");
    assert!(core.contains(">2025-03-14T00:00:00Z</dcterms:modified>"), "{core}");
}

#[test]
fn the_filled_title_holds_a_marker_where_the_blank_one_has_its_brackets() {
    let filled = super::fill_parts(&application(), date()).expect("parts");
    let (_, xml) = filled.iter().find(|(path, _)| path == "word/document.xml").expect("document");
    assert!(text_of(xml).contains("⟦title:单位名称⟧社会评价组织再评估遴选申报表"), "{}", text_of(xml));
    assert!(text_of(&document_xml(&application())).contains("（单位名称）社会评价组织再评估遴选申报表"));
    let filled = super::fill_parts(&commitment(), date()).expect("parts");
    let (_, xml) = filled.iter().find(|(path, _)| path == "word/document.xml").expect("document");
    assert!(!xml.contains("⟦title:"), "a title without a field's brackets stays as it is");
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
        let entries = unzip(&first);
        assert!(entries.len() >= 8);
        for e in &entries {
            let stamp = e.modified.map(|t| (t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second()));
            assert_eq!(stamp, Some((1980, 1, 1, 0, 0, 0)), "{} is stamped", e.name);
        }
        // The date given is the only date in the package.
        let other_day = form_docx(&form, jiff::civil::date(2026, 1, 2)).expect("docx");
        assert!(first != other_day);
    }
}

#[test]
fn properties_are_in_schema_order_for_word() {
    let bytes = form_docx(&application(), date()).expect("docx");
    let entries = unzip(&bytes);
    for name in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
        let xml = part(&entries, name);
        for (tag, order) in
            [("w:rPr", RPR_ORDER), ("w:pPr", PPR_ORDER), ("w:trPr", TRPR_ORDER), ("w:sectPr", SECTPR_ORDER)]
        {
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

/// The properties of each row of each table of `xml`: (`w:trPr`'s children by name, whether
/// the row is the table's heading row, its text).
fn row_properties(xml: &str) -> Vec<Vec<(Vec<String>, String)>> {
    let doc = parse(xml);
    named(doc.root(), "tbl")
        .into_iter()
        .map(|table| {
            named(table, "tr")
                .into_iter()
                .map(|row| {
                    let properties = row.children().find(|n| n.tag_name().name() == "trPr");
                    let kids = properties
                        .map(|p| {
                            p.children().filter(|n| n.is_element()).map(|n| n.tag_name().name().to_owned()).collect()
                        })
                        .unwrap_or_default();
                    (kids, text(row))
                })
                .collect()
        })
        .collect()
}

#[test]
fn rows_never_split_and_header_rows_repeat_on_every_page() {
    for form in [application(), commitment()] {
        let blank = document_xml(&form);
        let filled = super::fill_parts(&form, date()).expect("parts");
        let (_, filled) = filled.iter().find(|(path, _)| path == "word/document.xml").expect("document");
        for (variant, xml) in [("blank", &blank), ("filled", filled)] {
            let tables: Vec<&crate::markdown::Table> = form
                .document
                .blocks
                .iter()
                .filter_map(|b| match b {
                    crate::markdown::Block::Table(t) => Some(t),
                    _ => None,
                })
                .collect();
            let rows = row_properties(xml);
            assert_eq!(rows.len(), tables.len(), "{} {variant}", form.slug);
            for (table, rows) in tables.iter().zip(&rows) {
                for (r, (kids, text)) in rows.iter().enumerate() {
                    let what = format!("{} {variant}: row {r} ({text})", form.slug);
                    assert!(kids.iter().any(|k| k == "cantSplit"), "{what} may break across pages: {kids:?}");
                    let header = table.header && r == 0;
                    assert_eq!(kids.iter().any(|k| k == "tblHeader"), header, "{what}: {kids:?}");
                    // In the order of CT_TrPr.
                    let ranks: Vec<usize> = kids
                        .iter()
                        .map(|k| TRPR_ORDER.iter().position(|n| *n == format!("w:{k}")).expect("known"))
                        .collect();
                    assert!(ranks.is_sorted(), "{what}: {kids:?}");
                }
            }
        }
    }
    // The occupation table's heading row repeats; the basic information table has none.
    let rows = row_properties(&document_xml(&application()));
    assert!(rows[0].iter().all(|(kids, _)| !kids.iter().any(|k| k == "tblHeader")));
    assert_eq!(rows[1][0].0, ["cantSplit", "tblHeader"]);
    assert!(rows[1][0].1.contains("序号"));
}

#[test]
fn the_print_layout_is_the_word_files() {
    for form in [application(), commitment()] {
        let layout = super::print_layout(&form);
        let xml = document_xml(&form);
        let doc = parse(&xml);
        let tables = named(doc.root(), "tbl");
        assert_eq!(layout.tables.len(), tables.len(), "{}", form.slug);
        for (layout, table) in layout.tables.iter().zip(tables) {
            assert_eq!(layout.widths, twips(&named(table, "gridCol")), "{}", form.slug);
            let sizes: std::collections::BTreeSet<&str> =
                named(table, "sz").iter().filter_map(|s| attr(*s, "val")).collect();
            assert_eq!(sizes, [layout.size.to_string().as_str()].into(), "{}", form.slug);
            // The heading row's cells, line by line as the Word file breaks them.
            let rows = named(table, "tr");
            let lines: Vec<Vec<String>> = named(rows[0], "tc")
                .iter()
                .map(|cell| named(*cell, "r").iter().map(|r| text(*r)).filter(|t| !t.is_empty()).collect())
                .collect();
            if layout.heading.is_empty() {
                assert!(named(rows[0], "tblHeader").is_empty(), "{}", form.slug);
            } else {
                assert_eq!(layout.heading, lines, "{}", form.slug);
                assert!(layout.heading.iter().any(|l| l.len() == 3), "{:?}", layout.heading);
            }
        }
        // The title's size: the runs of the second paragraph, after 附件N.
        let title = named(doc.root(), "p")[1];
        let sizes: std::collections::BTreeSet<&str> =
            named(title, "sz").iter().filter_map(|s| attr(*s, "val")).collect();
        assert_eq!(sizes, [layout.title.to_string().as_str()].into(), "{}: {}", form.slug, text(title));
    }
}

#[test]
fn header_rows_are_marked_in_their_own_table_only() {
    let xml = "<w:body><w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
               <w:tbl><w:tr><w:trPr><w:cantSplit /><w:trHeight w:val=\"567\" /></w:trPr></w:tr></w:tbl></w:body>";
    assert_eq!(
        super::header_rows::mark_header_rows(xml, &[0, 1]),
        xml.replacen(
            "<w:trHeight w:val=\"567\" /></w:trPr>",
            "<w:trHeight w:val=\"567\" /><w:tblHeader /></w:trPr>",
            1
        )
    );
    let marked = super::header_rows::mark_header_rows(xml, &[2, 0]);
    assert_eq!(marked.matches("<w:cantSplit /><w:tblHeader /></w:trPr>").count(), 2);
    assert_eq!(marked.matches("<w:tblHeader />").count(), 2);
    // Rows docx-rs writes out of order are sorted: revision marks after the base properties.
    assert_eq!(
        schema_order("<w:trPr><w:del w:id=\"1\" /><w:tblHeader /><w:cantSplit /></w:trPr>"),
        "<w:trPr><w:cantSplit /><w:tblHeader /><w:del w:id=\"1\" /></w:trPr>"
    );
}

#[test]
fn paragraph_ids_are_unique() {
    let xml = document_xml(&application());
    let doc = parse(&xml);
    let ids: Vec<&str> = named(doc.root(), "p").iter().filter_map(|p| attr(*p, "paraId")).collect();
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
    let markdown = "# 一\n\n### 细目\n\n- 甲\n- **乙**\n\n1. one\n   two\n\n第一行<br>第二行\n\n---\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 |  |\n\n| 丙 |\n| --- |\n| x |\n\n说明：\n\n| 名称 |  |\n| --- | --- |\n| 这是一段很长很长的说明文字，用来检查标签列不会因为长句而变得过宽。 |  |\n\n<script>x</script>\n\n名称：____ \u{1} 完\n";
    let form = Form {
        title: "测试表".into(),
        heading: "测试表".into(),
        subtitle: None,
        markdown: markdown.into(),
        document: crate::markdown::parse(markdown).expect("shallow"),
        ..commitment()
    };
    let bytes = form_docx(&form, date()).expect("docx");
    let xml = part(&unzip(&bytes), "word/document.xml");
    let text = text_of(&xml);
    for phrase in ["一", "细目", "• 甲", "乙", "1. one two", "第一行", "第二行", "<script>x</script>", "名称：", "完"]
    {
        assert!(text.contains(phrase), "missing {phrase} in {text}");
    }
    assert!(!xml.contains('\u{1}'));
    assert_eq!(named(parse(&xml).root(), "tbl").len(), 3);
    assert!(xml.contains(r#"<w:br w:type="textWrapping" />"#));
    // A sentence in a label column wraps in its cell instead of taking the page.
    let doc = parse(&xml);
    for table in named(doc.root(), "tbl") {
        let grid = twips(&named(table, "gridCol"));
        assert_eq!(grid.iter().sum::<usize>(), TEXT_WIDTH, "{grid:?}");
        if self::text(table).contains("说明文字") {
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
