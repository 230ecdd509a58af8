//! Builds the shipped site into a temporary folder and checks the pages a reader gets, by
//! parsing the HTML. Expectations come from the fixture's own files (the CSV, the forms'
//! front matter), read here independently of linxuan. The tests named `*seed*` also check
//! that the shipped content is the notice as published, from the seed's text embedded below
//! (tests do not read outside the repository).

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::{
    Built, Fixture, Page, Row, body_rows, cells, collapse, is_external_or_anchor, level_label, links_in, selector,
    squash, text, url_attributes,
};

fn build_shipped() -> (Fixture, Built) {
    let fixture = Fixture::shipped();
    let built = fixture.build();
    (fixture, built)
}

/// The columns of the summary table, as the notice writes them.
const TABLE_HEADERS: [&str; 5] = common::CSV_HEADERS;

/// The summary table on a page: its body rows.
fn occupation_rows(page: &Page) -> Vec<scraper::ElementRef<'_>> {
    body_rows(page.table_with_headers(&TABLE_HEADERS))
}

/// The occupation codes a page's table lists, in order, from the links in its rows.
fn listed_codes(page: &Page) -> Vec<String> {
    occupation_rows(page)
        .into_iter()
        .map(|tr| {
            let links = links_in(tr);
            assert_eq!(links.len(), 1, "{}: each row links once", page.url);
            links[0]
                .strip_prefix("/occupations/")
                .and_then(|rest| rest.strip_suffix('/'))
                .unwrap_or_else(|| panic!("{}: row links to an occupation", page.url))
                .to_owned()
        })
        .collect()
}

fn codes(rows: &[&Row]) -> Vec<String> {
    rows.iter().map(|r| r.code.clone()).collect()
}

// ---------------------------------------------------------------------------------------------
// The notice page
// ---------------------------------------------------------------------------------------------

#[test]
fn notice_page_shows_title_authority_date_number_and_body() {
    let (fixture, built) = build_shipped();
    let page = built.page("/");

    let title = common::notice_title_in(&fixture.root());
    assert_eq!(page.text_of("h1"), title);
    assert_eq!(page.definition("发布机构"), fixture.config("notice.authority"));
    assert_eq!(page.definition("发布日期"), fixture.config("notice.publish_date"));
    let number = page.definition("文号");
    assert_eq!(number, fixture.config("notice.document_number"));
    assert!(number.contains('〔') && number.contains('〕'), "{number}");

    assert_eq!(page.meta("ArticleTitle"), title);
    assert_eq!(
        page.meta("PubDate"),
        format!("{} {}", fixture.config("notice.publish_date"), fixture.config("notice.publish_time"))
    );
    assert_eq!(page.meta("ContentSource"), fixture.config("notice.authority"));
    assert_eq!(page.meta("SiteName"), fixture.config("title"));

    // Every paragraph of content/_index.md's body is a paragraph of the page.
    let source = fixture.read("content/_index.md");
    let body = source.splitn(3, "+++").nth(2).expect("_index.md has TOML front matter");
    let paragraphs: Vec<String> = page.select("p").into_iter().map(text).collect();
    let expected: Vec<String> = body.split("\n\n").map(collapse).filter(|p| !p.is_empty()).collect();
    assert!(!expected.is_empty());
    for paragraph in expected {
        assert!(paragraphs.contains(&paragraph), "the notice shows the paragraph {paragraph:?}");
    }
}

#[test]
fn notice_page_lists_the_table_and_every_form_as_attachments() {
    let (fixture, built) = build_shipped();
    let page = built.page("/");
    let block = page.one("#attachments");
    let block_text = text(block);
    let forms = fixture.forms();
    assert!(!forms.is_empty(), "the site has forms");
    // 附件1 is the table itself; the forms follow in 附件 order.
    let titles: Vec<String> = std::iter::once("附件1 遴选职业（工种）汇总表".to_owned())
        .chain(forms.iter().map(|f| f.attachment_title()))
        .collect();
    let positions: Vec<usize> = titles
        .iter()
        .map(|t| block_text.find(t.as_str()).unwrap_or_else(|| panic!("the attachment list names {t}: {block_text}")))
        .collect();
    assert!(positions.is_sorted(), "the attachments in order: {titles:?}");
    let links = links_in(block);
    let targets = std::iter::once("/#table".to_owned()).chain(forms.iter().map(|f| f.url()));
    for target in targets {
        assert!(links.contains(&target), "the attachment list links to {target}: {links:?}");
    }
}

#[test]
fn shipped_table_is_the_seed_table() {
    let expected = common::rows_in(common::repo_root());
    assert_eq!(expected.len(), 42, "the seed's table has 42 rows");
    // Spot checks against the seed, so a damaged CSV cannot pass for the notice.
    assert_eq!((expected[0].name.as_str(), expected[0].code.as_str()), ("保育师", "4-10-01-03"));
    assert_eq!(expected[5].levels_text, "3、2、1");
    assert_eq!((expected[41].name.as_str(), expected[41].code.as_str()), ("园林绿化工", "4-09-10-01"));
    // The level sets read as the seed writes them: 保卫管理员 (3、2、1) is no 五级 occupation.
    let five: Vec<&str> = expected.iter().filter(|r| r.levels.contains(&5)).map(|r| r.name.as_str()).collect();
    assert!(!five.contains(&"保卫管理员") && five.contains(&"保育师"));
    // The example of the design brief: 居民服务人员 (4-10) has seven occupations.
    assert_eq!(expected.iter().filter(|r| r.middle() == "4-10").count(), 7);
}

#[test]
fn notice_table_has_every_row_in_order_with_links_and_level_names() {
    let (fixture, built) = build_shipped();
    let page = built.page("/");
    let expected = fixture.rows();
    assert!(!expected.is_empty(), "the fixture's table has rows");

    let rows = occupation_rows(&page);
    assert_eq!(rows.len(), expected.len(), "the table has one body row per row of the CSV");
    for (tr, row) in rows.iter().zip(&expected) {
        let cells: Vec<String> = cells(*tr).into_iter().map(text).collect();
        assert_eq!(cells.len(), 5, "row {}: five cells", row.seq);
        assert_eq!(cells[0], row.seq.to_string(), "序号 order");
        assert_eq!(cells[1], row.name);
        assert_eq!(cells[2], row.code);
        assert_eq!(cells[4], row.count.to_string());
        assert_eq!(links_in(*tr), vec![row.url()], "row {} links", row.seq);
        assert_levels_named(&cells[3], row);
    }
}

/// A level cell shows the notice's spelling and the range in words: the names of its lowest
/// and highest levels, and no name of a level outside it.
fn assert_levels_named(cell: &str, row: &Row) {
    assert!(cell.contains(&row.levels_text), "{}: {cell}", row.name);
    let lowest = row.levels.last().copied().expect("a range has levels");
    let highest = row.levels.first().copied().expect("a range has levels");
    for level in [lowest, highest] {
        assert!(cell.contains(level_label(level)), "{}: `{cell}` names {}", row.name, level_label(level));
    }
    for level in (1..=5).filter(|l| !row.levels.contains(l)) {
        assert!(!cell.contains(level_label(level)), "{}: `{cell}` must not name {}", row.name, level_label(level));
    }
}

// ---------------------------------------------------------------------------------------------
// Occupation pages
// ---------------------------------------------------------------------------------------------

#[test]
fn every_occupation_has_a_page_with_code_breadcrumb_and_ladder() {
    let (fixture, built) = build_shipped();
    let categories = fixture.categories();
    for row in fixture.rows() {
        let page = built.page(&row.url());
        assert_eq!(page.text_of("h1"), row.name);
        assert_eq!(page.definition("职业编码"), row.code);
        assert_eq!(page.definition("拟遴选机构数量"), row.count.to_string());

        let crumbs = page.one("nav[aria-label=\"位置\"]");
        for key in [row.major().to_owned(), row.middle()] {
            let url = format!("/categories/{key}/");
            let link = crumbs
                .select(&selector(&format!("a[href=\"{url}\"]")))
                .next()
                .unwrap_or_else(|| panic!("{}: breadcrumb links to {url}", row.name));
            assert!(
                text(link).contains(&categories[&key]),
                "{}: the breadcrumb to {url} shows {}",
                row.name,
                categories[&key]
            );
        }
        assert!(page.hrefs("a").iter().any(|h| h == "/#table"), "{}: links back to the table", row.name);
        assert_ladder(&page, &row);
    }
}

/// Five rungs, one per level, and exactly the row's levels marked as included.
fn assert_ladder(page: &Page, row: &Row) {
    let rungs = page.select("ol.ladder > li");
    assert_eq!(rungs.len(), 5, "{}: a ladder of five levels", row.name);
    let mut seen = BTreeSet::new();
    for rung in rungs {
        let rung_text = text(rung);
        let level = (1..=5)
            .find(|l| rung_text.contains(level_label(*l)))
            .unwrap_or_else(|| panic!("{}: rung `{rung_text}` names a level", row.name));
        assert!(seen.insert(level), "{}: level {level} appears once", row.name);
        let classes: Vec<&str> = rung.value().classes().collect();
        let included = classes.contains(&"in");
        assert_ne!(included, classes.contains(&"out"), "{rung_text}: in or out");
        assert_eq!(
            included,
            row.levels.contains(&level),
            "{}: level {level} marked {}",
            row.name,
            if included { "included" } else { "excluded" }
        );
    }
}

#[test]
fn occupation_pages_link_to_previous_and_next_in_table_order() {
    let (fixture, built) = build_shipped();
    let rows = fixture.rows();
    for (i, row) in rows.iter().enumerate() {
        let page = built.page(&row.url());
        let prev = page.hrefs("a[rel=\"prev\"]");
        let next = page.hrefs("a[rel=\"next\"]");
        let expected_prev: Vec<String> = i.checked_sub(1).map(|p| rows[p].url()).into_iter().collect();
        let expected_next: Vec<String> = rows.get(i + 1).map(Row::url).into_iter().collect();
        assert_eq!(prev, expected_prev, "{}: previous", row.name);
        assert_eq!(next, expected_next, "{}: next", row.name);
    }
}

// ---------------------------------------------------------------------------------------------
// Level and category pages
// ---------------------------------------------------------------------------------------------

#[test]
fn each_level_page_lists_exactly_the_occupations_in_range() {
    let (fixture, built) = build_shipped();
    let rows = fixture.rows();
    let notice = built.page("/");
    for level in 1..=5u8 {
        let expected: Vec<&Row> = rows.iter().filter(|r| r.levels.contains(&level)).collect();
        let url = format!("/levels/{level}/");
        let page = built.page(&url);
        let name = level_label(level).split('/').next().unwrap_or_default();
        assert!(page.text_of("h1").contains(name), "{url}: the heading names {name}");
        assert_lists_exactly(&page, &expected);
        // The notice's browse links show each level's count.
        let link_texts: Vec<String> = notice.select(&format!("a[href=\"{url}\"]")).into_iter().map(text).collect();
        assert!(
            link_texts.iter().any(|t| common::numbers_in(t).contains(&(expected.len() as u64))),
            "the notice links to {url} with its count {}: {link_texts:?}",
            expected.len()
        );
    }
}

/// The page's table lists exactly `expected`, in 序号 order, with their names, and the
/// page states how many there are.
fn assert_lists_exactly(page: &Page, expected: &[&Row]) {
    assert_eq!(listed_codes(page), codes(expected), "{}: codes", page.url);
    let names: Vec<String> = occupation_rows(page).into_iter().map(|tr| text(cells(tr)[1])).collect();
    let expected_names: Vec<String> = expected.iter().map(|r| r.name.clone()).collect();
    assert_eq!(names, expected_names, "{}: names", page.url);
    let caption = page.text_of("caption");
    assert!(
        caption.contains(&format!("共 {} 个", expected.len())),
        "{}: the caption gives the count {}: {caption}",
        page.url,
        expected.len()
    );
}

#[test]
fn each_category_page_lists_exactly_its_occupations() {
    let (fixture, built) = build_shipped();
    let rows = fixture.rows();
    let names = fixture.categories();
    let mut in_use: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for row in &rows {
        in_use.entry(row.major().to_owned()).or_default().push(row);
        in_use.entry(row.middle()).or_default().push(row);
    }
    for (key, expected) in &in_use {
        let page = built.page(&format!("/categories/{key}/"));
        assert!(page.text_of("h1").contains(&names[key]), "/categories/{key}/ is headed {}", names[key]);
        assert_lists_exactly(&page, expected);
    }
    // One page per category in use, no more.
    let pages: BTreeSet<String> = built
        .html_files()
        .into_iter()
        .filter_map(|f| {
            f.strip_prefix("categories/").and_then(|rest| rest.strip_suffix("/index.html")).map(str::to_owned)
        })
        .collect();
    assert_eq!(pages, in_use.keys().cloned().collect::<BTreeSet<_>>());
}

#[test]
fn the_folders_above_occupations_levels_and_categories_lead_into_the_lists() {
    let (fixture, built) = build_shipped();
    let levels: BTreeSet<String> = (1..=5).map(|n| format!("/levels/{n}/")).collect();
    let mut categories = BTreeSet::new();
    for row in fixture.rows() {
        categories.insert(format!("/categories/{}/", row.major()));
        categories.insert(format!("/categories/{}/", row.middle()));
    }
    let links = |url: &str, css: &str| -> BTreeSet<String> { built.page(url).hrefs(css).into_iter().collect() };
    assert_eq!(links("/levels/", "main .chips a"), levels, "/levels/ links every level's list");
    assert_eq!(links("/categories/", "main .categories a"), categories, "/categories/ links every category in use");
    let occupations = built.page("/occupations/");
    assert!(occupations.text_of(".lead").contains(&fixture.rows().len().to_string()), "it says how many");
    let all = links("/occupations/", "main a");
    assert!(all.contains("/#table"), "/occupations/ links the notice's full table");
    assert!(all.is_superset(&levels) && all.is_superset(&categories), "and every list");
}

// ---------------------------------------------------------------------------------------------
// The forms
// ---------------------------------------------------------------------------------------------

/// Whether some paragraph of `page` starts with `label` and leaves a blank to write in.
fn has_signature_line(page: &Page, label: &str) -> bool {
    page.select("p").into_iter().any(|p| {
        let t = text(p);
        let blank = p.select(&selector(".blank")).next().is_some() || t.contains("____");
        t.starts_with(label) && blank
    })
}

fn assert_signature_lines(page: &Page, labels: &[&str]) {
    for label in labels {
        assert!(has_signature_line(page, label), "{}: a line `{label}` with a blank to write in", page.url);
    }
}

/// Every item of `expected` occurs in the page's text (whitespace ignored, as the seed
/// breaks labels across lines).
fn assert_texts(page: &Page, expected: &[&str]) {
    let body = squash(&page.body_text());
    for item in expected {
        assert!(body.contains(&squash(item)), "{}: the form has the seed's text `{item}`", page.url);
    }
}

fn headings(page: &Page, css: &str) -> Vec<String> {
    page.select(css).into_iter().map(|h| squash(&text(h))).collect()
}

#[test]
fn every_form_page_shows_its_titles_and_every_passage() {
    let (fixture, built) = build_shipped();
    let forms = fixture.forms();
    assert!(!forms.is_empty(), "the site has forms");
    for form in forms {
        let page = built.page(&form.url());
        assert_eq!(page.text_of("h1"), form.heading);
        let body = squash(&page.body_text());
        let expected = std::iter::once(format!("附件{}", form.attachment))
            .chain(form.subtitle.clone())
            .chain(common::form_passages(&form.markdown));
        let missing: Vec<String> = expected.filter(|p| !body.contains(&squash(p))).collect();
        assert!(missing.is_empty(), "{}: the page lacks {missing:?}", page.url);
    }
}

#[test]
fn application_form_carries_the_seed_text() {
    let (_fixture, built) = build_shipped();
    let page = built.page("/forms/application/");
    assert_texts(&page, &["附件2"]);
    assert_eq!(page.text_of("h1"), "（单位名称）社会评价组织再评估遴选申报表");
    let sections = [
        "一、基本信息",
        "2、 拟申报职业（工种）情况", // sic: the seed numbers this section 2、
        "三、举办条件",
        "四、评价能力",
        "五、信用情况",
        "六、承诺条款",
    ];
    assert_eq!(headings(&page, "h2"), sections.iter().map(|s| squash(s)).collect::<Vec<_>>());

    // 一、基本信息: the labels, and 单位名称's value cell spanning the three columns.
    let cell_texts: Vec<String> = page.select("td, th").into_iter().map(|c| squash(&text(c))).collect();
    for label in [
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
    ] {
        assert!(cell_texts.iter().any(|c| c == label), "a table cell labelled {label}");
    }
    let name_cell = page.select("td, th").into_iter().find(|c| text(*c) == "单位名称").expect("a 单位名称 cell");
    let value_cell = name_cell.next_siblings().find_map(scraper::ElementRef::wrap).expect("单位名称 has a value cell");
    assert_eq!(value_cell.attr("colspan"), Some("3"));
    let kinds = page
        .select("td, th")
        .into_iter()
        .map(text)
        .find(|t| t.contains("企业□"))
        .expect("the 机构性质 cell with checkboxes");
    for kind in ["企业", "行业协会", "科研院所", "高等学校", "技工院校", "其他"] {
        assert!(squash(&kinds).contains(&format!("{kind}□")), "{kind}□ in `{kinds}`");
    }
    assert_eq!(kinds.matches('□').count(), 6);

    // 2、拟申报职业（工种）情况: the eight column headers and the numbered rows.
    let table = page.table_with_headers(&[
        "序号",
        "拟申报职业（工种）",
        "拟申报等级",
        "职业编码",
        "原备案有效期限",
        "已评价人数（人次）",
        "已发证人数（人次）",
        "已备案等级范围（未备案不填）",
    ]);
    let first_cells: Vec<String> = body_rows(table).into_iter().map(|tr| text(cells(tr)[0])).collect();
    assert_eq!(first_cells, ["1", "2", "3", "..."]);

    // 三 and 四: the outlines; 五, 六: the credit items and the pledge; the note.
    assert_texts(
        &page,
        &[
            "提纲如下：",
            "（一）经营范围、主营主业：",
            "（二）办公场所情况：场地权属及面积、办公设备设施清单",
            "（三）内设机构名称、岗位设置、专职人员：明细清单（含姓名、所在单位及职务、参保信息、聘用合同）",
            "（四）熟悉政策业务的机构负责人和内设岗位负责人：姓名清单",
            "（五）财务制度、内部管理制度和风险防控体系：制度文件清单，具体附后",
            "（一）专门的理论知识考试场地：考场数及单个考场面积",
            "（二）专门的操作技能考核场地：分职业（工种）的场地面积",
            "（三）题库资源：分职业（工种）及等级的评价要素细目表评价点数",
            "（四）专家队伍：分职业（工种）的命题专家和考评人员明细（专业职业、职务职称、工作单位）",
            "（五）评价管理制度、考务工作手册、内部质量管控方案",
            "（一）如实填写近一年评价工作开展情况，年度质量评估星级以及是否整改到位并通过验收。",
            "（4）企业3年内在市场监管部门公布的企业经营异常目录内。",
            "本人承诺：1.备案材料真实有效，如有虚假，自愿退出备案；",
            "3.自愿接受人社部门、行业主管部门监管和社会监督。",
            "注：申报单位在单位名称处及材料骑缝处加盖单位公章；本表可增行、续页或附表。",
        ],
    );
    assert_signature_lines(&page, &["法定代表人（签字）：", "单位名称（公章）："]);
}

#[test]
fn commitment_form_carries_the_seed_text() {
    let (_fixture, built) = build_shipped();
    let page = built.page("/forms/commitment/");
    assert_texts(&page, &["附件3", "（适用于社会评价组织）"]);
    assert_eq!(page.text_of("h1"), "职业技能等级认定机构工作承诺书（试行）");
    assert_signature_lines(
        &page,
        &[
            "机构名称：",
            "机构备案号：",
            "评价机构负责人：",
            "评价机构举办单位（公章）：",
            "法定代表人（或其授权代表）签名：",
            "签订时间：",
        ],
    );
    assert_texts(
        &page,
        &[
            "为认真落实“新八级工”职业技能等级制度，确保我机构规范开展认定工作，保证评价发证质量、公信力和认可度，现作以下郑重承诺：",
            "一、保证本机构提交的备案信息、申报材料等真实有效",
            "按“谁评价、谁发证、谁负责”原则承担全部主体责任",
            "二、完善内部管理、考务、监考、命题、考评、督导、信息平台专员等人员配备",
            "三、加强评价场地设备等管理",
            "四、严格落实国家职业标准、命题技术规程和质量督导指标体系要求",
            "五、严格考评阅卷，落实考评组制度和考评组长负责制、考评组成员轮换制、回避制",
            "六、落实质量督导工作要求，严格内部质量管控",
            "七、加强重点环节管理，严格考生报名资格审核",
            "八、合规开展业务宣传，不使用违规字样、标识、图案",
            "九、自愿接受并积极配合人社部门和有关主管部门的监管、督导、抽查等",
            "如违反上述承诺，本机构及从业人员知悉需承担的责任，并自愿接受人社部门及有关主管部门的处理。",
            "；联系电话：",
        ],
    );
    // 签订时间：____年__月__日 — three blanks around 年, 月, 日.
    let date_line = page.select("p").into_iter().find(|p| text(*p).starts_with("签订时间")).expect("the 签订时间 line");
    assert_eq!(squash(&text(date_line)), "签订时间：年月日");
    assert_eq!(date_line.select(&selector(".blank")).count(), 3);
}

// ---------------------------------------------------------------------------------------------
// sitemap.xml, robots.txt, 404.html
// ---------------------------------------------------------------------------------------------

/// The `<loc>` URLs of a sitemap.
fn sitemap_locs(built: &Built) -> Vec<String> {
    let xml = scraper::Html::parse_document(&built.read("sitemap.xml"));
    xml.select(&selector("url > loc")).map(text).collect()
}

/// The directory URL of every `index.html` page of the output, e.g. `levels/1/`.
fn index_pages(built: &Built) -> BTreeSet<String> {
    built.html_files().into_iter().filter_map(|f| f.strip_suffix("index.html").map(str::to_owned)).collect()
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls() {
    let (fixture, built) = build_shipped();
    let base = fixture.config("base_url");
    let locs = sitemap_locs(&built);
    let unique: BTreeSet<String> = locs.iter().cloned().collect();
    assert_eq!(unique.len(), locs.len(), "no page listed twice");
    let expected: BTreeSet<String> = index_pages(&built).into_iter().map(|rel| format!("{base}{rel}")).collect();
    assert_eq!(unique, expected);
    let least = 1 + fixture.rows().len() + 5 + fixture.forms().len();
    assert!(expected.len() >= least, "notice, occupations, levels, forms: {} < {least}", expected.len());
    assert!(!locs.iter().any(|l| l.ends_with("404.html")), "the 404 page is not listed");
}

#[test]
fn robots_points_to_the_sitemap_and_404_exists() {
    let (fixture, built) = build_shipped();
    let robots = built.read("robots.txt");
    let sitemap_lines: Vec<&str> = robots.lines().filter_map(|l| l.strip_prefix("Sitemap:")).map(str::trim).collect();
    assert_eq!(sitemap_lines, [format!("{}sitemap.xml", fixture.config("base_url"))]);
    let page = built.page("/404.html");
    assert!(!page.text_of("h1").is_empty(), "404.html has a heading");
    assert!(page.hrefs("main a").iter().any(|h| h == "/"), "404.html links back to the notice");
}

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

const SUB_PATH_BASE: &str = "https://example.gov.cn/rsj/2026/linxuan/";
const SUB_PATH: &str = "/rsj/2026/linxuan/";

/// Every internal URL (href, src, action) of every HTML file: `(file, url)`.
fn internal_urls(built: &Built) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for file in built.html_files() {
        let doc = built.html_file(&file);
        for (_, url) in url_attributes(&doc) {
            if !is_external_or_anchor(&url) {
                out.push((file.clone(), url));
            }
        }
    }
    out
}

/// Resolves an internal URL of the page `file` to the output file it names, or `None` when it
/// lies outside `base_path`.
fn target_file(file: &str, url: &str, base_path: &str) -> Option<String> {
    let url = url.split(['#', '?']).next().unwrap_or_default();
    let site_path = if url.starts_with('/') {
        url.strip_prefix(base_path)?.to_owned()
    } else {
        // Relative to the page's folder.
        let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
        let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
        for part in url.split('/') {
            match part {
                "." | "" => {}
                ".." => {
                    parts.pop()?;
                }
                other => parts.push(other),
            }
        }
        let mut joined = parts.join("/");
        if url.ends_with('/') || url.is_empty() {
            joined.push('/');
        }
        joined
    };
    Some(if site_path.is_empty() || site_path.ends_with('/') { format!("{site_path}index.html") } else { site_path })
}

fn assert_links_resolve(built: &Built, base_path: &str) {
    let files: BTreeSet<String> = built.files().into_iter().collect();
    let urls = internal_urls(built);
    assert!(urls.len() > 100, "the site links within itself");
    let broken: Vec<String> = urls
        .iter()
        .filter(|(file, url)| target_file(file, url, base_path).is_none_or(|target| !files.contains(&target)))
        .map(|(file, url)| format!("{file} → {url}"))
        .collect();
    assert!(broken.is_empty(), "broken internal links: {broken:#?}");
}

#[test]
fn every_internal_link_resolves_to_an_output_file() {
    let (_fixture, built) = build_shipped();
    assert_links_resolve(&built, "/");
}

#[test]
fn every_fragment_link_points_at_an_element_id() {
    let (_fixture, built) = build_shipped();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in built.html_files() {
        let doc = built.html_file(&file);
        let set = doc.select(&selector("[id]")).filter_map(|e| e.attr("id").map(str::to_owned)).collect();
        ids.insert(file, set);
    }
    let mut broken = Vec::new();
    for file in built.html_files() {
        let doc = built.html_file(&file);
        for (_, url) in url_attributes(&doc) {
            let Some((path, fragment)) = url.split_once('#') else {
                continue;
            };
            if fragment.is_empty() || (is_external_or_anchor(&url) && !url.starts_with('#')) {
                continue;
            }
            let target = if path.is_empty() { Some(file.clone()) } else { target_file(&file, path, "/") };
            let found = target.as_ref().and_then(|t| ids.get(t)).is_some_and(|set| set.contains(fragment));
            if !found {
                broken.push(format!("{file} → {url}"));
            }
        }
    }
    assert!(broken.is_empty(), "fragments with no element: {broken:#?}");
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_internal_link_and_the_sitemap() {
    let fixture = Fixture::shipped();
    let built = fixture.build_with(&fixture.out(), &["--base-url", SUB_PATH_BASE]);
    let outside: Vec<String> = internal_urls(&built)
        .into_iter()
        .filter(|(_, url)| !url.starts_with(SUB_PATH))
        .map(|(file, url)| format!("{file} → {url}"))
        .collect();
    assert!(outside.is_empty(), "links not under {SUB_PATH}: {outside:#?}");
    assert_links_resolve(&built, SUB_PATH);

    let locs = sitemap_locs(&built);
    assert!(!locs.is_empty());
    assert!(locs.iter().all(|l| l.starts_with(SUB_PATH_BASE)), "sitemap under {SUB_PATH_BASE}: {locs:?}");
    assert!(locs.iter().any(|l| l == SUB_PATH_BASE), "the notice itself");
    assert!(built.read("robots.txt").contains(&format!("Sitemap: {SUB_PATH_BASE}sitemap.xml")));
}

// ---------------------------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------------------------

#[test]
fn two_builds_are_byte_identical() {
    let fixture = Fixture::shipped();
    let first = fixture.tmp().join("first");
    let second = fixture.tmp().join("second");
    fixture.build_with(&first, &[]);
    fixture.build_with(&second, &[]);
    let a = common::snapshot(&first);
    assert!(a.len() > 50, "the build wrote the site");
    common::assert_same_files(&a, &common::snapshot(&second), "second build");

    // A copy of the sources elsewhere builds the same bytes: no paths leak into the output.
    let elsewhere = Fixture::shipped();
    let third = elsewhere.build();
    common::assert_same_files(&a, &common::snapshot(&third.dir), "build from another folder");
}
