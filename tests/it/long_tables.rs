//! Long tables: level and category lists are split into pages of 200 rows, linked with plain
//! links (`rel=prev/next`) and listed in the sitemap; the notice page lists the first 200 rows
//! and its filter reads every row from `search/table.json`. Short tables stay as they are.

use std::collections::BTreeSet;

use crate::common::{Fixture, TestResult, text};

const PAGE_ROWS: usize = 200;

/// The shipped site plus `extra` rows in 中类 4-01, all with levels 5、4、3.
fn fixture_with_rows(extra: usize) -> Fixture {
    let fixture = Fixture::unreleased();
    let mut csv = fixture.read(crate::common::OCCUPATIONS_CSV);
    let first_seq = fixture.rows().len() + 1;
    for i in 0..extra {
        // Codes 4-01-50-10 … 4-01-5x-99: unused by the shipped table, in a 中类 it names.
        let code = format!("4-01-{}-{}", 50 + i / 90, 10 + i % 90);
        csv.push_str(&format!("{},批发测试员{},{code},5、4、3,1\n", first_seq + i, i + 1));
    }
    fixture.write(crate::common::OCCUPATIONS_CSV, csv);
    fixture
}

#[test]
fn a_long_level_list_is_split_into_linked_pages_that_together_hold_every_row() {
    let fixture = fixture_with_rows(450);
    let rows = fixture.rows();
    let in_level_3: Vec<String> = rows.iter().filter(|r| r.levels.contains(&3)).map(|r| r.code.clone()).collect();
    let pages = in_level_3.len().div_ceil(PAGE_ROWS);
    assert!(pages >= 3, "the fixture needs at least three pages, has {pages}");
    let built = fixture.build();

    let mut seen = Vec::new();
    for number in 1..=pages {
        let url = if number == 1 { "/levels/3/".to_owned() } else { format!("/levels/3/page/{number}/") };
        let page = built.page(&url);
        let codes: Vec<String> = page.select("tbody tr td.code").into_iter().map(text).collect();
        let expected = if number < pages { PAGE_ROWS } else { in_level_3.len() - PAGE_ROWS * (pages - 1) };
        assert_eq!(codes.len(), expected, "{url}: rows on the page");
        seen.extend(codes);

        let prev = page.hrefs("link[rel=prev]");
        let next = page.hrefs("link[rel=next]");
        let want_prev = match number {
            1 => vec![],
            2 => vec!["/levels/3/".to_owned()],
            n => vec![format!("/levels/3/page/{}/", n - 1)],
        };
        let want_next = if number < pages { vec![format!("/levels/3/page/{}/", number + 1)] } else { vec![] };
        assert_eq!(prev, want_prev, "{url}: link rel=prev");
        assert_eq!(next, want_next, "{url}: link rel=next");
        assert_eq!(page.hrefs(".pagination a[rel=prev]"), want_prev, "{url}: 上一页");
        assert_eq!(page.hrefs(".pagination a[rel=next]"), want_next, "{url}: 下一页");
        assert_eq!(page.hrefs(".pagination a[aria-current=page]"), vec![url.clone()], "{url}: current page");
        let title = page.text_of("title");
        if number > 1 {
            assert!(title.contains(&format!("第 {number} 页，共 {pages} 页")), "{url}: title {title}");
        }
    }
    assert!(!built.file_for(&format!("/levels/3/page/{}/", pages + 1)).exists(), "no page after the last");
    assert!(!built.file_for("/levels/3/page/1/").exists(), "page 1 is the list's own page");
    assert_eq!(seen, in_level_3, "the pages hold every row of the level once, in 序号 order");

    let sitemap = built.read("sitemap.xml");
    for number in 2..=pages {
        assert!(sitemap.contains(&format!("/levels/3/page/{number}/</loc>")), "sitemap lists page {number}");
    }
}

#[test]
fn a_long_category_list_is_paged_and_its_pages_keep_the_breadcrumbs() {
    let fixture = fixture_with_rows(250);
    let in_4_01: BTreeSet<String> =
        fixture.rows().iter().filter(|r| r.middle() == "4-01").map(|r| r.code.clone()).collect();
    let built = fixture.build();
    let first = built.page("/categories/4-01/");
    let second = built.page("/categories/4-01/page/2/");
    let mut codes: BTreeSet<String> = first.select("tbody tr td.code").into_iter().map(text).collect();
    codes.extend(second.select("tbody tr td.code").into_iter().map(text));
    assert_eq!(codes, in_4_01);
    assert_eq!(
        first.hrefs(".breadcrumb a"),
        second.hrefs(".breadcrumb a"),
        "every page of a list has the same breadcrumbs"
    );
    assert!(second.text_of("caption").contains(&format!("本页第 {}–{} 个", PAGE_ROWS + 1, in_4_01.len())));
}

#[test]
fn a_long_major_category_lists_its_middle_categories_and_no_rows() {
    let fixture = fixture_with_rows(250);
    let rows = fixture.rows();
    let in_4: Vec<_> = rows.iter().filter(|r| r.code.starts_with("4-")).collect();
    assert!(in_4.len() > PAGE_ROWS, "the fixture needs more than a page of 大类 4");
    let middles: BTreeSet<String> = in_4.iter().map(|r| r.middle()).collect();
    let built = fixture.build();
    let page = built.page("/categories/4/");
    assert!(page.select("table.occupations").is_empty(), "no table of occupations");
    assert!(page.select(".pagination").is_empty(), "one page");
    assert!(!built.file_for("/categories/4/page/2/").exists(), "no second page");
    let links: BTreeSet<String> = page.hrefs("ul.categories a").into_iter().collect();
    let want: BTreeSet<String> = middles.iter().map(|m| format!("/categories/{m}/")).collect();
    assert_eq!(links, want, "every 中类 of the 大类 is linked");
    let lead = page.text_of(".lead");
    assert!(lead.contains(&format!("共 {} 个", in_4.len())) && lead.contains("按中类列出"), "{lead}");
    // Each 中类 page still lists its rows: together they hold the 大类's every occupation.
    let mut listed = 0;
    for middle in &middles {
        let first = built.page(&format!("/categories/{middle}/"));
        listed += first.select("tbody tr").len();
        let mut number = 2;
        while built.file_for(&format!("/categories/{middle}/page/{number}/")).exists() {
            listed += built.page(&format!("/categories/{middle}/page/{number}/")).select("tbody tr").len();
            number += 1;
        }
    }
    assert_eq!(listed, in_4.len());
}

#[test]
fn short_lists_stay_one_page_without_a_pager() {
    let fixture = Fixture::unreleased();
    let built = fixture.build();
    for url in ["/levels/1/", "/levels/5/", "/categories/4/"] {
        let page = built.page(url);
        assert!(page.select(".pagination").is_empty(), "{url} has no pager");
        assert!(page.select("link[rel=next]").is_empty(), "{url} has no rel=next");
    }
    assert!(!built.files().iter().any(|f| f.contains("/page/")), "no page/ folders in a short site");
}

#[test]
fn a_long_notice_table_lists_its_first_rows_and_ships_every_row_as_data() -> TestResult {
    let fixture = fixture_with_rows(520);
    let rows = fixture.rows();
    let built = fixture.build();
    let notice = built.page("/");
    let codes: Vec<String> = notice.select("table.occupations tbody tr td.code").into_iter().map(text).collect();
    let first: Vec<String> = rows.iter().take(200).map(|r| r.code.clone()).collect();
    assert_eq!(codes, first, "the notice lists the first 200 rows in 序号 order");
    let note = notice.one("[data-table-data]");
    assert_eq!(note.attr("data-table-data"), Some("/search/table.json"));
    assert!(text(note).contains(&format!("汇总表共 {} 个职业（工种），这里列出前 200 个", rows.len())));

    let data: serde_json::Value = serde_json::from_str(&built.read("search/table.json"))?;
    let column = |name: &str| data[name].as_array().cloned().unwrap_or_else(|| panic!("column {name}"));
    let [seqs, codes, names, counts, levels] = ["seq", "code", "name", "count", "levels"].map(column);
    assert_eq!(codes.len(), rows.len(), "every row is in the data file");
    let url = data["url"].as_str().expect("url");
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(seqs[i], row.seq, "序号");
        assert_eq!(codes[i], row.code.as_str(), "职业编码");
        assert_eq!(names[i], row.name.as_str(), "名称");
        assert_eq!(counts[i], row.count, "数量");
        assert_eq!(url.replace("{code}", &row.code), format!("/occupations/{}/", row.code), "link");
        let set = &data["level_sets"][levels[i].as_u64().expect("a range's index") as usize];
        let numbers: Vec<String> = row.levels.iter().rev().map(u8::to_string).collect();
        assert_eq!(set[0], numbers.join(" "), "levels for the filter");
        assert_eq!(set[1], row.levels_text.as_str(), "等级范围");
    }
    Ok(())
}

#[test]
fn a_short_notice_table_is_whole_in_the_page_and_does_not_load_the_data_file() {
    let fixture = Fixture::unreleased();
    let built = fixture.build();
    let notice = built.page("/");
    assert_eq!(notice.select("table.occupations tbody tr").len(), fixture.rows().len());
    assert!(notice.select("[data-table-data]").is_empty());
    assert!(notice.select("link[rel=preload]").is_empty(), "the notice page does not preload it");
    // Written all the same: the fill pages' pickers read it.
    assert!(built.file_for("/search/table.json").exists());
}
