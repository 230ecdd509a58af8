//! Releases and the change history: three releases of a fixture site (one adds, one
//! withdraws, one changes a range and a count), and what readers see of them.

use crate::common;

use common::{Fixture, TestResult, linxuan, snapshot, text};

const TABLE: &str = "data/occupations.csv";

fn release(fixture: &Fixture, date: &str, note: &str) -> assert_cmd::assert::Assert {
    linxuan().args(["release", "--date", date, "--note", note]).arg("--root").arg(fixture.root()).assert()
}

/// A fixture with no shipped releases, so the test's three are the whole history, and no
/// example values, which `release` refuses.
fn fresh() -> Fixture {
    let fixture = Fixture::publishable();
    let releases = fixture.path("data/releases");
    if releases.exists() {
        std::fs::remove_dir_all(releases).expect("remove shipped releases");
    }
    fixture
}

/// The occupation the second release adds; its 序号 follows the table's last.
const ADDED_CODE: &str = "4-03-02-06";

fn three_releases() -> Fixture {
    let f = fresh();
    release(&f, "2026-01-01", "首次发布").success();
    // 2: adds 调酒师.
    let rows = f.rows();
    assert!(rows.iter().all(|r| r.code != ADDED_CODE), "{ADDED_CODE} is not in the table yet");
    let next_seq = rows.iter().map(|r| r.seq).max().unwrap_or(0) + 1;
    let mut table = f.read(TABLE);
    table.push_str(&format!("{next_seq},调酒师,{ADDED_CODE},5、4、3,1\n"));
    f.write(TABLE, &table);
    release(&f, "2026-02-01", "新增调酒师").success();
    // 3: withdraws 焊工 (line 31 of the file), changes 保育师's range and 电工's count.
    let table: Vec<String> = f
        .read(TABLE)
        .lines()
        .filter(|l| !l.contains(",焊工,"))
        .map(|l| match l {
            l if l.contains(",保育师,") => l.replace("5、4、3、2、1", "5、4、3"),
            l if l.contains(",电工,") => l.replace("5、4、3、2、1,1", "5、4、3、2、1,2"),
            l => l.to_owned(),
        })
        .collect();
    f.write(TABLE, table.join("\n") + "\n");
    release(&f, "2026-03-01", "撤销焊工，调整保育师、电工").success();
    f
}

#[test]
fn updates_page_spells_out_every_change() -> TestResult {
    let f = three_releases();
    let out = f.build();
    let first_release = common::rows_of_csv(&f.path("data/releases/2026-01-01.csv")).len();
    let page = out.page("/updates/");
    let items: Vec<String> = page.select("ol.updates > li").into_iter().map(text).collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[0].starts_with("2026-03-01") && items[2].starts_with("2026-01-01"), "newest first: {items:?}");
    for expected in [
        "撤销 焊工（6-18-02-04）",
        "保育师（4-10-01-03）等级范围由 5、4、3、2、1 调整为 5、4、3",
        "电工（6-31-01-03）拟遴选机构数量由 1 调整为 2",
    ] {
        assert!(items[0].contains(expected), "missing {expected} in {}", items[0]);
    }
    assert!(items[1].contains(&format!("新增 调酒师（{ADDED_CODE}）")), "{}", items[1]);
    let first_note = format!("首次发布，共 {first_release} 个职业（工种）");
    assert!(items[2].contains(&first_note), "{first_note} in {}", items[2]);
    Ok(())
}

#[test]
fn occupation_pages_carry_their_own_history() -> TestResult {
    let f = three_releases();
    let out = f.build();
    let nursery = out.page("/occupations/4-10-01-03/");
    assert_eq!(nursery.definition("最后更新"), "2026-03-01");
    let history: Vec<String> = nursery.select("#history-title + ul li").into_iter().map(text).collect();
    assert_eq!(history.len(), 1, "{history:?}");
    assert!(history[0].contains("2026-03-01") && history[0].contains("调整为 5、4、3"));
    let new = out.page(&format!("/occupations/{ADDED_CODE}/"));
    assert_eq!(new.definition("最后更新"), "2026-02-01");
    let untouched = out.page("/occupations/4-10-01-05/");
    assert_eq!(untouched.definition("最后更新"), "2026-01-01");
    assert!(untouched.select("#history-title").is_empty(), "no history section without changes");
    let notice = out.page("/");
    assert_eq!(notice.definition("最后更新"), "2026-03-01");
    let summary = notice.text_of(".latest-update");
    // Counted by occupation: 保育师 and 电工.
    assert!(summary.contains("撤销 1 个、调整 2 个职业（工种）"), "{summary}");
    Ok(())
}

#[test]
fn feed_and_sitemap_follow_the_releases() -> TestResult {
    let f = three_releases();
    let out = f.build();
    let xml = out.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml)?;
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text()).map(str::to_owned)
    };
    assert!(child(feed, "id").is_some() && child(feed, "title").is_some());
    assert_eq!(child(feed, "updated").as_deref(), Some("2026-03-01T00:00:00+08:00"));
    let entries: Vec<_> = feed.children().filter(|c| c.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 3);
    let mut ids = std::collections::BTreeSet::new();
    for entry in &entries {
        let id = child(*entry, "id").expect("entry id");
        assert!(id.starts_with("https://"), "{id}");
        assert!(ids.insert(id), "entry ids are unique");
        assert!(child(*entry, "title").is_some_and(|t| !t.is_empty()));
        assert!(child(*entry, "updated").is_some());
    }
    let sitemap = out.read("sitemap.xml");
    let lastmod = |loc: &str| {
        let start = sitemap.find(&format!("<loc>{loc}</loc>")).expect("page in sitemap");
        sitemap[start..].split("<lastmod>").nth(1).and_then(|s| s.split('<').next()).map(str::to_owned)
    };
    let base = f.config("base_url");
    assert_eq!(lastmod(&format!("{base}occupations/4-10-01-03/")).as_deref(), Some("2026-03-01"));
    assert_eq!(lastmod(&format!("{base}occupations/{ADDED_CODE}/")).as_deref(), Some("2026-02-01"));
    assert_eq!(lastmod(&format!("{base}occupations/4-10-01-05/")).as_deref(), Some("2026-01-01"));
    assert!(out.page("/").select("link[rel=alternate][type='application/atom+xml']").len() == 1);
    Ok(())
}

#[test]
fn releases_are_never_overwritten_or_repeated() -> TestResult {
    let f = fresh();
    release(&f, "2026-01-01", "首次发布").success();
    let before = snapshot(&f.path("data/releases"));
    release(&f, "2026-01-05", "again").success().stdout(predicates::str::contains("nothing to record"));
    release(&f, "2026-01-01", "overwrite").failure().stderr(predicates::str::contains("already exists"));
    f.set_csv_cell(2, 4, "3");
    release(&f, "2025-12-31", "older").failure().stderr(predicates::str::contains("dated after"));
    assert_eq!(snapshot(&f.path("data/releases")), before, "nothing in data/releases changed");
    // A broken table is refused before anything is written.
    f.set_csv_cell(3, 2, "bad");
    release(&f, "2026-02-01", "broken").failure().stderr(predicates::str::contains("职业编码"));
    assert_eq!(snapshot(&f.path("data/releases")), before);
    Ok(())
}

#[test]
fn wiping_public_loses_nothing() -> TestResult {
    let f = three_releases();
    let first = snapshot(&f.build().dir);
    std::fs::remove_dir_all(f.out())?;
    let again = snapshot(&f.build().dir);
    assert_eq!(first, again, "the history is rebuilt from data/releases alone");
    Ok(())
}

#[test]
fn a_form_edit_shows_its_revision_date() -> TestResult {
    let f = fresh();
    release(&f, "2026-01-01", "首次发布").success();
    let form = f.read("content/forms/commitment.md");
    f.write("content/forms/commitment.md", form.replace("机构名称：", "机构名称（全称）："));
    release(&f, "2026-04-01", "修订承诺书").success();
    let out = f.build();
    assert!(out.page("/forms/commitment/").text_of(".revised").contains("2026-04-01"));
    assert!(out.page("/forms/application/").select(".revised").is_empty());
    assert!(out.page("/").text_of(".attachment-list").contains("2026-04-01 修订"));
    Ok(())
}

#[test]
fn xlsx_table_gives_the_same_site_as_csv() -> TestResult {
    let f = Fixture::shipped();
    let csv_site = snapshot(&f.build().dir);
    // Write the same table as the sheet staff keep.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, line) in f.read(TABLE).lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if r > 0 && (c == 0 || c == 4) => sheet.write_number(r as u32, c as u16, n)?,
                _ => sheet.write_string(r as u32, c as u16, cell)?,
            };
        }
    }
    workbook.save(f.path("data/occupations.xlsx"))?;
    linxuan()
        .arg("build")
        .arg("--root")
        .arg(f.root())
        .arg("--output")
        .arg(f.out())
        .assert()
        .failure()
        .stderr(predicates::str::contains("keep one source"));
    std::fs::remove_file(f.path(TABLE))?;
    let out = f.tmp().join("xlsx-out");
    let xlsx_site = snapshot(&f.build_with(&out, &[]).dir);
    assert_eq!(csv_site, xlsx_site);
    Ok(())
}

#[test]
fn a_release_shows_the_warnings_it_records_past() -> TestResult {
    let fixture = fresh();
    // An alias of a code that is not in the table is a warning, not an error: the release goes
    // ahead, and says what was left out.
    fixture.write("data/aliases.csv", "别名,职业编码\n不存在的别名,4-99-99-99\n");
    let output = release(&fixture, "2026-03-01", "首次发布").success().get_output().clone();
    let stderr = String::from_utf8(output.stderr)?;
    assert!(
        stderr.contains("warning") && stderr.contains("data/aliases.csv") && stderr.contains("4-99-99-99"),
        "{stderr}"
    );
    assert!(fixture.path("data/releases/2026-03-01.csv").exists());
    Ok(())
}

#[test]
fn a_change_not_yet_released_is_named_until_it_is() -> TestResult {
    let f = fresh();
    release(&f, "2026-01-01", "首次发布").success();
    let check = || linxuan().arg("check").arg("--root").arg(f.root()).assert().success();
    let quiet = String::from_utf8(check().get_output().stderr.clone())?;
    assert!(!quiet.contains("differs from the last release"), "{quiet}");
    // 电工's count 1 → 2, and a form edited: both named, with the command that records them.
    let row = f.rows().into_iter().next().expect("a row");
    let count = row.count + 1;
    f.set_csv_cell(2, 4, &count.to_string());
    let form = f.read("content/forms/commitment.md");
    f.write("content/forms/commitment.md", form.replace("机构名称：", "机构名称（全称）："));
    let warned = String::from_utf8(check().get_output().stderr.clone())?;
    assert!(
        warned.contains("data/occupations.csv: differs from the last release (2026-01-01) in 1 change(s)")
            && warned.contains(&format!("{}（{}）拟遴选机构数量由 {} 调整为 {count}", row.name, row.code, row.count))
            && warned.contains("linxuan publish --note"),
        "{warned}"
    );
    assert!(warned.contains("content/forms/commitment.md: changed since the last release"), "{warned}");
    // Recorded, the warnings go; the release itself records them without warning of them.
    let recorded = release(&f, "2026-02-01", "调整").success().get_output().clone();
    let said = String::from_utf8(recorded.stderr)?;
    assert!(!said.contains("last release"), "{said}");
    let after = String::from_utf8(check().get_output().stderr.clone())?;
    assert!(!after.contains("last release"), "{after}");
    Ok(())
}

#[test]
fn a_table_with_its_own_pinyin_column_is_recorded_once() -> TestResult {
    let f = fresh();
    let table: Vec<String> = f
        .read(TABLE)
        .lines()
        .enumerate()
        .map(|(i, line)| match i {
            0 => format!("{line},拼音"),
            1 => format!("{line},bao yu shi"),
            _ => format!("{line},"),
        })
        .collect();
    f.write(TABLE, table.join("\n") + "\n");
    release(&f, "2026-01-01", "首次发布").success();
    let check = linxuan().arg("check").arg("--root").arg(f.root()).assert().success().get_output().clone();
    let stderr = String::from_utf8(check.stderr)?;
    assert!(!stderr.contains("last release"), "a snapshot keeps no 拼音 column, and that is no change: {stderr}");
    release(&f, "2026-02-01", "again").success().stdout(predicates::str::contains("nothing to record"));
    Ok(())
}
