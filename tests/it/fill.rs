//! The fill-in pages `/forms/<name>/fill/`: one labelled control for every field of the form
//! (fields read from the form's own Markdown by the library's parser), radio buttons for boxes
//! to tick, everything escaped, the page's Content-Security-Policy, the data `fill.js` reads,
//! and the links that lead there.

use crate::common;

use common::{Built, Fixture, Page, selector};
use linxuan::markdown::{self, Block, CellKind};

fn build_shipped() -> (Fixture, Built) {
    let fixture = Fixture::shipped();
    let built = fixture.build();
    (fixture, built)
}

fn fill_url(slug: &str) -> String {
    format!("/forms/{slug}/fill/")
}

/// The controls of the page with this id (inputs, selects, text areas).
fn controls_with_id<'p>(page: &'p Page, id: &str) -> Vec<scraper::ElementRef<'p>> {
    page.select("input, select, textarea").into_iter().filter(|e| e.value().attr("id") == Some(id)).collect()
}

/// The option groups of a document: field id, label and options.
fn option_groups(document: &markdown::Document) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for block in &document.blocks {
        if let Block::Table(table) = block {
            for cell in table.rows.iter().flatten() {
                if let CellKind::Options { field, options } = &cell.kind {
                    out.push((field.id.clone(), field.label.clone(), options.clone()));
                }
            }
        }
    }
    out
}

/// The JSON block `fill.js` reads.
fn data(page: &Page) -> serde_json::Value {
    let script = page.one("script#fill-data");
    assert_eq!(script.value().attr("type"), Some("application/json"));
    let text: String = script.text().collect();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: the data block is JSON: {e}", page.url))
}

#[test]
fn every_field_of_every_form_has_one_control_labelled_with_the_forms_words() {
    let (fixture, built) = build_shipped();
    for form in fixture.forms() {
        let page = built.page(&fill_url(&form.slug));
        let document = markdown::parse(&form.markdown).expect("a shipped form nests shallow");
        let groups = option_groups(&document);
        let fields = document.fields();
        assert!(!fields.is_empty(), "{} has fields", form.slug);
        for field in fields {
            if let Some((_, label, options)) = groups.iter().find(|(id, ..)| *id == field.id) {
                let radios: Vec<_> = page
                    .select("input[type=radio]")
                    .into_iter()
                    .filter(|e| e.value().attr("name") == Some(field.id.as_str()))
                    .collect();
                assert_eq!(radios.len(), options.len(), "{}: a radio button per box of {label}", page.url);
                let group = page.one(&format!("fieldset[id=\"{}\"]", field.id));
                let legend: String = group.select(&selector("legend")).flat_map(|l| l.text()).collect();
                assert!(legend.contains(label.as_str()), "{}: the group is named {label}: {legend}", page.url);
                for (radio, option) in radios.iter().zip(options) {
                    let words = option.trim_matches(['□', '☐', '☑', '■']);
                    let around: String = radio
                        .parent()
                        .and_then(scraper::ElementRef::wrap)
                        .map(|l| l.text().collect())
                        .unwrap_or_default();
                    assert!(
                        around.contains(words),
                        "{}: the radio button for {option} is labelled: {around}",
                        page.url
                    );
                }
                continue;
            }
            let found = controls_with_id(&page, &field.id);
            assert_eq!(found.len(), 1, "{}: one control for {} ({})", page.url, field.label, field.id);
            let control = found[0].value();
            assert_eq!(control.attr("name"), Some(field.id.as_str()));
            let name = control.attr("aria-label").unwrap_or_default();
            assert!(name.contains(&field.label), "{}: {} is named {name:?}", page.url, field.label);
        }
    }
}

#[test]
fn outline_items_of_the_application_get_a_text_area_named_by_the_item() {
    let (fixture, built) = build_shipped();
    for form in fixture.forms() {
        let page = built.page(&fill_url(&form.slug));
        // Outline items are paragraphs that start with （一）, （二）… in the form's Markdown.
        let items: Vec<&str> = form
            .markdown
            .lines()
            .filter(|l| l.starts_with('（') && l.chars().nth(1).is_some_and(|c| "一二三四五六七八九十".contains(c)))
            .collect();
        let areas = page.select("textarea");
        assert_eq!(areas.len(), items.len(), "{}: a text area under each outline item", page.url);
        for (area, item) in areas.iter().zip(&items) {
            let label_id = area.value().attr("aria-labelledby").expect("the text area is labelled by its item");
            let label = page.one(&format!("[id=\"{label_id}\"]"));
            assert_eq!(common::text(label), common::collapse(item), "{}", page.url);
        }
    }
}

#[test]
fn fill_page_forbids_requests_and_submission_and_says_so() {
    let (fixture, built) = build_shipped();
    for form in fixture.forms() {
        let page = built.page(&fill_url(&form.slug));
        let csp =
            page.one("meta[http-equiv=Content-Security-Policy]").value().attr("content").unwrap_or_default().to_owned();
        // A page with a picker reads the site's own table, and nothing else; one without, nothing.
        let picks = data(&page).get("table").is_some();
        let connect = if picks { "connect-src 'self'" } else { "connect-src 'none'" };
        for directive in ["default-src 'self'", connect, "form-action 'none'"] {
            assert!(csp.contains(directive), "{}: {csp}", page.url);
        }
        assert!(page.select("form").is_empty(), "{}: no form to submit", page.url);
        for script in page.select("script") {
            let inline = script.value().attr("src").is_none();
            assert!(
                !inline || script.value().attr("type") == Some("application/json"),
                "{}: no inline script",
                page.url
            );
        }
        assert!(page.body_text().contains("不会发送"), "{}: the page says nothing is sent", page.url);
        // Without JavaScript: a message and the blank Word files.
        let noscript = page.one("noscript");
        let html = noscript.inner_html();
        assert!(html.contains("JavaScript"), "{html}");
        for other in fixture.forms() {
            assert!(
                html.contains(&format!("/downloads/{}.docx", other.slug)),
                "{}: links {}: {html}",
                page.url,
                other.slug
            );
        }
    }
}

#[test]
fn the_data_block_holds_the_word_parts_and_names_the_tables_data_file() -> common::TestResult {
    let (fixture, built) = build_shipped();
    let rows = fixture.rows();
    for form in fixture.forms() {
        let page = built.page(&fill_url(&form.slug));
        let data = data(&page);
        assert_eq!(data["file_name"], format!("{}（已填写）.docx", form.attachment_title()));
        let document = markdown::parse(&form.markdown).expect("a shipped form nests shallow");
        let repeats = document.blocks.iter().any(|b| matches!(b, Block::Table(t) if t.header));
        assert!(data.get("occupations").is_none(), "the table is a file of its own, not in the page");
        let preload = page.select("link[rel=preload][as=fetch][href=\"/search/table.json\"]").len();
        let decoder = page.select("link[rel=modulepreload][href$=\"/assets/filter-data.js\"]").len();
        if repeats {
            // The notice filter's data file, preloaded, read by the filter's decoder.
            assert_eq!(data["table"], "/search/table.json", "{}", page.url);
            assert_eq!((preload, decoder), (1, 1), "{}: preloads the table and its decoder", page.url);
            let table: serde_json::Value = serde_json::from_str(&built.read("search/table.json"))?;
            let codes = table["code"].as_array().expect("a column of codes");
            assert_eq!(codes.len(), rows.len(), "{}: every occupation for the picker", page.url);
            for (i, row) in rows.iter().enumerate() {
                assert_eq!(table["code"][i], row.code.as_str());
                assert_eq!(table["name"][i], row.name.as_str());
            }
        } else {
            assert!(data.get("table").is_none(), "{}", page.url);
            assert_eq!((preload, decoder), (0, 0), "{}: no picker, no table", page.url);
        }
        assert!(!built.file_for("/forms/occupations.js").exists(), "the table is not written twice");
        let parts = data["word"].as_array().expect("the Word parts");
        let document_xml =
            parts.iter().find(|p| p[0] == "word/document.xml").and_then(|p| p[1].as_str()).expect("the document part");
        let groups = option_groups(&document);
        for field in document.fields() {
            if groups.iter().any(|(id, ..)| *id == field.id) {
                assert!(document_xml.contains(&format!("⟦{}#0⟧", field.id)), "{}: boxes of {}", page.url, field.id);
                continue;
            }
            // Repeating rows keep their first row only: the rows after it are added by the page.
            let row = field.id.rsplit_once('-').and_then(|(_, n)| n.parse::<usize>().ok());
            if row.is_some_and(|n| n > 1) {
                continue;
            }
            let marker = format!("⟦{}⟧", linxuan::xml::escape(&field.id));
            assert!(document_xml.contains(&marker), "{}: the Word part has {marker}", page.url);
        }
    }
    Ok(())
}

#[test]
fn blank_word_files_carry_no_markers() {
    let (fixture, built) = build_shipped();
    for form in fixture.forms() {
        let bytes = std::fs::read(built.dir.join(format!("downloads/{}.docx", form.slug))).expect("the Word file");
        assert!(!bytes.windows(3).any(|w| w == "⟦".as_bytes()), "{}: no marker in the blank file", form.slug);
    }
}

#[test]
fn every_way_in_links_to_the_fill_page() {
    let (fixture, built) = build_shipped();
    let notice = built.page("/");
    for form in fixture.forms() {
        let url = fill_url(&form.slug);
        assert!(notice.hrefs("a").contains(&url), "the notice's attachment list links {url}");
        assert!(built.page(&form.url()).hrefs("a").contains(&url), "the form page links {url}");
        assert!(built.read("sitemap.xml").contains(&format!("{url}</loc>")), "the sitemap lists {url}");
    }
    let application =
        fixture.forms().into_iter().find(|f| f.markdown.contains("职业编码")).expect("a form with occupations");
    for row in fixture.rows() {
        let page = built.page(&row.url());
        let link = page
            .select("a")
            .into_iter()
            .find(|a| common::text(*a) == "用此职业填写申报表")
            .unwrap_or_else(|| panic!("{}: links to the application", page.url));
        assert_eq!(
            link.value().attr("href"),
            Some(format!("{}?occupation={}", fill_url(&application.slug), row.code).as_str())
        );
    }
}

#[test]
fn form_text_is_escaped_on_the_fill_page() {
    let fixture = Fixture::shipped();
    fixture.write(
        "content/forms/hostile.md",
        "+++\ntitle = \"表<script>\"\nattachment = 4\n+++\n\n## 一、<b>信息</b>\n\n| 名称\"><img src=x onerror=alert(1)> |  |\n| --- | --- |\n| 备注 |  |\n\n（一）<script>alert(1)</script>：\n\n签名\"x：________\n",
    );
    let built = fixture.build();
    let page = built.page("/forms/hostile/fill/");
    assert!(page.select("img").is_empty() && page.select("b").is_empty(), "no markup from the form");
    for script in page.select("script") {
        let text: String = script.text().collect();
        assert!(!text.contains("alert(1)") || script.value().attr("type") == Some("application/json"), "{text}");
    }
    let input = page.one("input[id^='名称']");
    assert!(input.value().attr("aria-label").is_some_and(|l| l.contains("<img")), "the label is kept as text");
    let line = page.one("input[id^='签名']");
    assert_eq!(line.value().attr("aria-label"), Some("签名\"x"));
    // The data block cannot be ended early.
    let raw = std::fs::read_to_string(built.file_for("/forms/hostile/fill/")).expect("the page");
    let block = &raw[raw.find("id=\"fill-data\">").expect("the data block")..];
    let block = &block[..block.find("</script>").expect("its end")];
    assert!(!block.contains('<'), "no < inside the data block");
}
