//! Long level and category lists are split into pages of 200 rows, linked with plain links
//! (`rel=prev/next`) and listed in the sitemap; short lists stay one page.

use std::collections::BTreeSet;

use crate::common::{Fixture, text};

const PAGE_ROWS: usize = 200;

/// The shipped site plus `extra` rows in 中类 4-01, all with levels 5、4、3.
fn fixture_with_rows(extra: usize) -> Fixture {
    let fixture = Fixture::shipped();
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
fn short_lists_stay_one_page_without_a_pager() {
    let fixture = Fixture::shipped();
    let built = fixture.build();
    for url in ["/levels/1/", "/levels/5/", "/categories/4/"] {
        let page = built.page(url);
        assert!(page.select(".pagination").is_empty(), "{url} has no pager");
        assert!(page.select("link[rel=next]").is_empty(), "{url} has no rel=next");
    }
    assert!(!built.files().iter().any(|f| f.contains("/page/")), "no page/ folders in a short site");
}
