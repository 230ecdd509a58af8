//! Level and category lists, split into pages of [`LIST_PAGE_ROWS`] rows so that a
//! 10,000-row catalogue never makes a page a phone cannot render; readers without JavaScript
//! page through them with plain links (`rel=prev/next`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::{LIST_PAGE_ROWS, Level, List};
use crate::model::Site;

use super::view::{Breadcrumb, CategoryLink, Members, category_link};

/// Everything `list.html` shows: one page of a level or a category with its occupations.
#[derive(Serialize)]
pub struct ListPage {
    pub kind: &'static str,
    pub heading: String,
    /// The `<title>` text before the site's name: the heading, and the page number from page 2.
    pub title: String,
    pub lead: String,
    pub breadcrumbs: Vec<Breadcrumb>,
    /// The table rows of this page, rendered once per occupation by `partials/occupation_row.html`.
    pub rows_html: String,
    /// How many occupations the whole list has.
    pub count: usize,
    pub children: Vec<CategoryLink>,
    /// A 大类 too long for one page lists its 中类 instead of its occupations (see [`pages`]).
    pub by_child: bool,
    /// Links to the other pages, when the list has more than one.
    pub pager: Option<Pager>,
}

#[derive(Serialize)]
pub struct Pager {
    pub number: usize,
    pub pages: usize,
    /// Positions (from 1) of this page's first and last rows in the whole list.
    pub first_row: usize,
    pub last_row: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// The first, last and nearby pages; `None` stands for the pages left out between them.
    pub links: Vec<Option<PagerLink>>,
}

#[derive(Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// The occupations (indices, in 序号 order) whose range includes each level, found in one pass.
pub fn level_members(site: &Site) -> BTreeMap<Level, Vec<usize>> {
    let mut members: BTreeMap<Level, Vec<usize>> = Level::ALL.iter().map(|&l| (l, Vec::new())).collect();
    for (i, o) in site.occupations.iter().enumerate() {
        for level in o.levels.levels() {
            members.entry(level).or_default().push(i);
        }
    }
    members
}

/// Whether `list`, with `count` occupations, shows them in its table. A 大类 with more than a
/// page of them lists its 中类 with their counts instead: each occupation is then on one
/// category page, not two (at 10,000 rows, 4.7 MB less), and a reader picks a 中类 before
/// paging through a long table.
fn rows_listed(list: List, count: usize) -> bool {
    !matches!(list, List::Category(key) if key.is_major() && count > LIST_PAGE_ROWS)
}

/// How many pages `list` takes, with `count` occupations.
pub fn pages(list: List, count: usize) -> usize {
    if rows_listed(list, count) { count.div_ceil(LIST_PAGE_ROWS).max(1) } else { 1 }
}

/// Page `number` (from 1) of `list`, whose occupations are `indices`.
pub fn list_page(
    site: &Site,
    list: List,
    number: usize,
    indices: &[usize],
    members: &Members,
    rows_html: &[String],
) -> ListPage {
    let count = indices.len();
    let by_child = !rows_listed(list, count);
    let pages = pages(list, count);
    let first = (number - 1) * LIST_PAGE_ROWS;
    let shown = if by_child { &[] } else { indices.get(first..count.min(first + LIST_PAGE_ROWS)).unwrap_or_default() };
    let rows_html: String = shown.iter().map(|&i| rows_html.get(i).expect("one row per occupation").as_str()).collect();
    let (kind, heading, lead, breadcrumbs, children) = match list {
        List::Level(level) => (
            "level",
            format!("{}（{}）", level.name(), level.title()),
            format!("等级范围包含{}的职业（工种）共 {count} 个。", level.label()),
            vec![Breadcrumb { name: "按等级".into(), url: site.base_url.link("#by-level") }],
            Vec::new(),
        ),
        List::Category(key) => {
            let kind_name = if key.is_major() { "大类" } else { "中类" };
            let listed = if by_child { "，按中类列出如下" } else { "" };
            let mut breadcrumbs =
                vec![Breadcrumb { name: "按类别".into(), url: site.base_url.link("#by-category") }];
            if !key.is_major() {
                breadcrumbs.push(Breadcrumb {
                    name: format!("{} {}", key.major(), site.category_name(key.major())),
                    url: site.base_url.category(key.major()),
                });
            }
            (
                "category",
                format!("{key} {}", site.category_name(key)),
                format!("职业分类{kind_name} {key} 中列入本次遴选的职业（工种）共 {count} 个{listed}。"),
                breadcrumbs,
                category_link(site, key, members).children,
            )
        }
    };
    let title = if number > 1 { format!("{heading}（第 {number} 页，共 {pages} 页）") } else { heading.clone() };
    let pager = (pages > 1).then(|| pager(site, list, number, pages, first + 1, first + shown.len()));
    ListPage { kind, heading, title, lead, breadcrumbs, rows_html, count, children, by_child, pager }
}

fn pager(site: &Site, list: List, number: usize, pages: usize, first_row: usize, last_row: usize) -> Pager {
    let url = |n: usize| site.base_url.page(list.page(n));
    let links = page_numbers(number, pages)
        .into_iter()
        .map(|n| n.map(|n| PagerLink { number: n, url: url(n), current: n == number }))
        .collect();
    Pager {
        number,
        pages,
        first_row,
        last_row,
        prev_url: (number > 1).then(|| url(number - 1)),
        next_url: (number < pages).then(|| url(number + 1)),
        links,
    }
}

/// The page numbers a pager shows: the first, the last and two on each side of `number`;
/// `None` where pages are left out. A gap of one page shows that page: "…" takes as much room.
fn page_numbers(number: usize, pages: usize) -> Vec<Option<usize>> {
    let mut shown = Vec::new();
    let mut last = 0;
    for n in (1..=pages).filter(|&n| n == 1 || n == pages || n.abs_diff(number) <= 2) {
        if n == last + 2 {
            shown.push(Some(n - 1));
        } else if n > last + 2 {
            shown.push(None);
        }
        shown.push(Some(n));
        last = n;
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::page_numbers;

    fn shown(number: usize, pages: usize) -> String {
        let numbers = page_numbers(number, pages).into_iter();
        numbers.map(|n| n.map_or("…".to_owned(), |n| n.to_string())).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn pagers_show_the_ends_and_the_neighbourhood() {
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(1, 2), "1 2");
        assert_eq!(shown(1, 10), "1 2 3 … 10");
        assert_eq!(shown(5, 39), "1 2 3 4 5 6 7 … 39");
        assert_eq!(shown(20, 39), "1 … 18 19 20 21 22 … 39");
        assert_eq!(shown(39, 39), "1 … 37 38 39");
        assert_eq!(shown(35, 39), "1 … 33 34 35 36 37 38 39");
    }
}
