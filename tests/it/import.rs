//! `linxuan import`: Word notices written by a real office suite. Each fixture notice is
//! written as HTML from the repository's table and converted to .docx by LibreOffice (all of
//! them in one `soffice` call, once per test run); importing it must give the table's CSV
//! byte for byte, the notice and the forms, and a site that builds without a warning.
//!
//! Needs `soffice` (Debian: `apt-get install -y --no-install-recommends libreoffice-writer-nogui`);
//! without it these tests fail.

use crate::common::{self, Fixture, Row};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// How the fixture notice lays out its summary table.
#[derive(Clone, Copy)]
enum Layout {
    /// One table, header cells with line breaks and spaces, as the seed.
    Seed,
    /// Split by page breaks: a second table with the header row repeated, a third without it.
    Split,
    /// A merged title row above the header row.
    TitleRow,
}

fn rows() -> Vec<Row> {
    common::rows_of_csv(&common::repo_root().join(common::OCCUPATIONS_CSV))
}

fn header_row() -> String {
    // Line breaks, spaces and half-width brackets, as Word tables hold them.
    "<tr><td>序 号</td><td>职业(工种)</td><td>职业<br>编码</td><td>等级<br>范围</td><td>拟遴选<br>机构数量</td></tr>"
        .into()
}

fn row_html(r: &Row) -> String {
    format!(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        r.seq, r.name, r.code, r.levels_text, r.count
    )
}

fn table_html(rows: &[Row], layout: Layout) -> String {
    let body = |rows: &[Row]| rows.iter().map(row_html).collect::<String>();
    let table = |inner: String| format!("<table border=\"1\">{inner}</table>\n");
    match layout {
        Layout::Seed => table(header_row() + &body(rows)),
        Layout::TitleRow => table(format!(
            "<tr><td colspan=\"5\"><b>遴选职业（工种）汇总表</b></td></tr>{}{}",
            header_row(),
            body(rows)
        )),
        Layout::Split => {
            let (a, rest) = rows.split_at(rows.len() / 3);
            let (b, c) = rest.split_at(rest.len() / 2);
            let page_break = "<p style=\"page-break-before: always\"></p>\n";
            format!(
                "{}{page_break}{}<p></p>\n{}",
                table(header_row() + &body(a)),
                table(header_row() + &body(b)),
                table(body(c))
            )
        }
    }
}

const NUMBER: &str = "福人社函〔2026〕12号";
const AUTHORITY: &str = "福州市人力资源和社会保障局";

/// A whole notice: text, 附件1 the table, 附件2 and 附件3 forms.
fn notice_html(rows: &[Row], layout: Layout) -> String {
    let blank = |n: usize| format!("<u>{}</u>", "&nbsp;".repeat(n));
    format!(
        r#"<html><head><meta charset="utf-8"><title>notice</title></head><body>
<p align="center">{NUMBER}</p>
<p align="center"><b>关于开展社会评价组织再评估遴选工作的通知</b></p>
<p>各有关单位：</p>
<p>　　为做好社会评价组织再评估遴选工作，现将有关事项通知如下。</p>
<p><b>一、遴选范围</b></p>
<p>本次遴选的职业（工种）见附件1，<b>请认真核对</b>。</p>
<p><b>（一）申报材料</b></p>
<ul><li>申报表一份</li><li>承诺书一份</li></ul>
<p>附件：1. 遴选职业（工种）汇总表</p>
<p>2. 社会评价组织再评估遴选申报表</p>
<p align="right">{AUTHORITY}</p>
<p align="right">2026年3月1日</p>
<p style="page-break-before: always">附件1</p>
<p align="center"><b>遴选职业（工种）汇总表</b></p>
{table}<p style="page-break-before: always">附件2</p>
<p align="center"><b>（单位名称）社会评价组织再评估遴选申报表</b></p>
<table border="1"><tr><td>单位名称</td><td colspan="3"></td></tr>
<tr><td>机构性质</td><td colspan="3">企业□ 行业协会□ 其他□</td></tr>
<tr><td>法定代表人</td><td></td><td>注册资金</td><td></td></tr></table>
<p>法定代表人（签字）：{b32}</p>
<p style="page-break-before: always">附件3</p>
<p align="center"><b>职业技能等级认定机构工作承诺书（试行）</b></p>
<p align="center">（适用于社会评价组织）</p>
<p>机构名称：{b32}</p>
<p>一、保证本机构提交的备案信息、申报材料等真实有效。</p>
<p>签订时间：{b8}年{b8}月{b8}日</p>
</body></html>
"#,
        table = table_html(rows, layout),
        b32 = blank(32),
        b8 = blank(8),
    )
}

/// The folder holding every fixture as `<name>.docx`, converted once per test run.
fn converted() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // Under target/, replaced on every run so no earlier conversion can stand in.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-fixtures");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a folder for the fixtures");
        let rows = rows();
        let mut bad = rows.clone();
        bad[3].levels_text = "6、5".into();
        let mut revised = rows.clone();
        revised.remove(1);
        revised[0].count += 1;
        let mut new_category = rows.clone();
        new_category[0].code = "4-99-01-01".into();
        let fixtures = [
            ("new-category", notice_html(&new_category, Layout::Seed)),
            ("seed", notice_html(&rows, Layout::Seed)),
            ("split", notice_html(&rows, Layout::Split)),
            ("title-row", notice_html(&rows, Layout::TitleRow)),
            ("bad-row", notice_html(&bad, Layout::Seed)),
            ("revised", notice_html(&revised, Layout::Seed)),
            ("no-table", "<html><head><meta charset=\"utf-8\"></head><body><p>通知</p><table border=\"1\"><tr><td>序号</td><td>名称</td></tr></table></body></html>".into()),
        ];
        let mut files = Vec::new();
        for (name, html) in fixtures {
            let path = dir.join(format!("{name}.html"));
            std::fs::write(&path, html).expect("write a fixture");
            files.push(path);
        }
        let output = Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", dir.join("profile").display()))
            .args(["--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
            .arg(&dir)
            .args(&files)
            .output()
            .expect("LibreOffice's soffice converts the fixtures (apt-get install -y libreoffice-writer-nogui)");
        assert!(output.status.success(), "soffice failed: {}", String::from_utf8_lossy(&output.stderr));
        dir
    })
}

fn docx(name: &str) -> PathBuf {
    let path = converted().join(format!("{name}.docx"));
    assert!(path.is_file(), "LibreOffice wrote no {}", path.display());
    path
}

fn import(docx: &Path, root: &Path) -> assert_cmd::Command {
    let mut cmd = common::linxuan();
    cmd.arg("import").arg(docx).arg("--root").arg(root);
    cmd
}

/// Imports a fixture into a new site and returns it.
fn imported(name: &str) -> Fixture {
    let fixture = Fixture::empty();
    import(&docx(name), &fixture.root()).assert().success();
    fixture
}

fn assert_table_is_the_repository_csv(fixture: &Fixture) {
    let expected = std::fs::read_to_string(common::repo_root().join(common::OCCUPATIONS_CSV)).expect("the CSV");
    assert_eq!(fixture.read(common::OCCUPATIONS_CSV), expected);
}

#[test]
fn a_seed_like_notice_gives_the_seed_csv_byte_for_byte_and_a_site_that_builds() {
    let fixture = imported("seed");
    assert_table_is_the_repository_csv(&fixture);
    let notice = fixture.read("content/_index.md");
    assert!(notice.contains("title = \"关于开展社会评价组织再评估遴选工作的通知\""), "{notice}");
    for part in ["## 一、遴选范围", "**请认真核对**", "### （一）申报材料", "- 申报表一份\n- 承诺书一份"]
    {
        assert!(notice.contains(part), "{part} missing from\n{notice}");
    }
    assert!(!notice.contains("附件："), "the 附件说明 is the site's own: {notice}");
    // 主送, 落款 and 成文日期 go to config.toml, which the site prints them from: once each.
    for part in ["各有关单位：", AUTHORITY, "2026年3月1日", "二〇二六年三月一日"] {
        assert!(!notice.contains(part), "{part} left in the body, printed twice:\n{notice}");
    }
    assert_eq!(fixture.config("notice.document_number"), NUMBER);
    assert_eq!(fixture.config("notice.authority"), AUTHORITY);
    assert_eq!(fixture.config("notice.publish_date"), "2026-03-01");
    assert_eq!(fixture.config("notice.addressee"), "各有关单位：");
    assert_eq!(fixture.config("notice.signature"), AUTHORITY);
    assert_eq!(fixture.config("notice.signed_date"), "2026-03-01");
    let application = fixture.read("content/forms/application.md");
    assert!(application.contains("heading = \"（单位名称）社会评价组织再评估遴选申报表\""), "{application}");
    assert!(application.contains("| 单位名称 |  | < | < |"), "{application}");
    assert!(application.contains("| 机构性质 | 企业□ 行业协会□ 其他□ | < | < |"), "{application}");
    assert!(application.contains("法定代表人（签字）：________________"), "{application}");
    let commitment = fixture.read("content/forms/commitment.md");
    assert!(commitment.contains("subtitle = \"（适用于社会评价组织）\""), "{commitment}");
    assert!(commitment.contains("签订时间：____年____月____日"), "{commitment}");
    let build = fixture.build_cmd().assert().success();
    let stderr = String::from_utf8_lossy(&build.get_output().stderr).into_owned();
    // The example's own config values (base_url, contacts, …) are placeholders the notice
    // cannot fill; everything imported builds without a warning.
    let imported_warnings: Vec<&str> =
        stderr.lines().filter(|l| l.starts_with("warning") && !l.contains("config.toml")).collect();
    assert!(imported_warnings.is_empty(), "the imported files build without a warning: {stderr}");
}

#[test]
fn a_table_split_by_page_breaks_is_read_whole() {
    assert_table_is_the_repository_csv(&imported("split"));
}

#[test]
fn a_merged_title_row_above_the_header_is_skipped() {
    assert_table_is_the_repository_csv(&imported("title-row"));
}

#[test]
fn a_bad_row_is_named_by_table_and_row_and_nothing_is_written() {
    let fixture = Fixture::empty();
    let out = import(&docx("bad-row"), &fixture.root()).assert().failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let row = &rows()[3];
    // Row 1 of the Word table is the header row.
    assert!(stderr.contains("table 1, row 5: 等级范围"), "{stderr}");
    assert!(stderr.contains(&format!("{},{},{},6、5,{}", row.seq, row.name, row.code, row.count)), "{stderr}");
    assert!(!fixture.root().exists(), "nothing is written");
}

#[test]
fn other_formats_and_a_notice_without_the_table_are_refused() {
    let fixture = Fixture::empty();
    for (name, bytes) in
        [("notice.doc", &b"\xD0\xCF\x11\xE0rest"[..]), ("notice.pdf", b"%PDF-1.7"), ("notice.wps", b"x")]
    {
        let path = fixture.tmp().join(name);
        std::fs::write(&path, bytes).expect("write");
        let out = import(&path, &fixture.root()).assert().code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains("save it as a Word document (.docx)"), "{name}: {stderr}");
    }
    let out = import(&docx("no-table"), &fixture.root()).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains(&common::CSV_HEADERS.join(" / ")), "the headers looked for are named: {stderr}");
    assert!(!fixture.root().exists());
}

#[test]
fn re_import_shows_the_changes_and_writes_only_with_force() {
    let fixture = imported("seed");
    let before = common::snapshot(&fixture.root());
    let out = import(&docx("revised"), &fixture.root()).assert().code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let rows = rows();
    let gone = &rows[1];
    assert!(stdout.contains(&format!("撤销 {}（{}）", gone.name, gone.code)), "{stdout}");
    let first = &rows[0];
    let count = format!("{}（{}）拟遴选机构数量由 {} 调整为 {}", first.name, first.code, first.count, first.count + 1);
    assert!(stdout.contains(&count), "{stdout}");
    assert!(stdout.contains("--force"), "{stdout}");
    common::assert_same_files(&before, &common::snapshot(&fixture.root()), "re-import without --force");
    import(&docx("revised"), &fixture.root()).arg("--force").assert().success();
    let now = common::rows_in(&fixture.root());
    assert_eq!(now.len(), rows.len() - 1);
    assert_eq!(now[0].count, first.count + 1);
    let again = import(&docx("revised"), &fixture.root()).assert().success();
    assert!(String::from_utf8_lossy(&again.get_output().stdout).contains("nothing to change"));
}

#[test]
fn the_shipped_forms_round_trip_through_their_word_files() {
    let fixture = Fixture::shipped();
    let original = fixture.build();
    let forms = fixture.forms();
    assert!(forms.len() >= 2, "both forms are shipped");
    for form in &forms {
        let url = format!("/downloads/{}.docx", form.slug);
        let path = fixture.tmp().join(format!("{}.docx", form.slug));
        std::fs::copy(original.file_for(&url), &path).expect("the form's Word file");
        import(&path, &fixture.root()).arg("--force").assert().success();
    }
    let rebuilt = fixture.build_with(&fixture.tmp().join("again"), &[]);
    let labels = |markdown: &str| -> Vec<String> {
        linxuan::markdown::parse(markdown)
            .expect("an imported form nests shallow")
            .fields()
            .iter()
            .map(|f| f.label.clone())
            .collect()
    };
    for (form, again) in forms.iter().zip(fixture.forms()) {
        assert_eq!(labels(&again.markdown), labels(&form.markdown), "{}: the same places to write in", form.slug);
        assert_eq!((&again.title, &again.heading, &again.subtitle), (&form.title, &form.heading, &form.subtitle));
    }
    for form in &forms {
        let url = format!("/forms/{}/", form.slug);
        let before = common::squash(&original.page(&url).text_of("main"));
        let after = common::squash(&rebuilt.page(&url).text_of("main"));
        let missing: Vec<String> =
            common::form_passages(&form.markdown).into_iter().filter(|p| !after.contains(p.as_str())).collect();
        assert!(missing.is_empty(), "{url}: the imported form lost {missing:?}");
        assert!(after.contains(&common::squash(&form.heading)), "{url}: the heading {} is kept", form.heading);
        assert!(before.contains(&common::squash(&form.heading)));
    }
}

#[test]
fn a_form_can_be_named_on_the_command_line() {
    let fixture = Fixture::empty();
    import(&docx("seed"), &fixture.root()).args(["--name", "3=pledge"]).assert().success();
    assert!(fixture.path("content/forms/pledge.md").is_file());
    assert!(fixture.path("content/forms/application.md").is_file());
    assert!(!fixture.path("content/forms/commitment.md").exists());
    let other = Fixture::empty();
    import(&docx("seed"), &other.root()).args(["--name", "3=Pledge Form"]).assert().code(2);
}

#[test]
fn codes_of_a_new_category_need_its_name_first() {
    let fixture = Fixture::empty();
    let out = import(&docx("new-category"), &fixture.root()).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("table 1, row 2: 职业编码") && stderr.contains("4-99"), "{stderr}");
    assert!(stderr.contains("linxuan init"), "the way out is named: {stderr}");
    common::linxuan().arg("init").arg(fixture.root()).assert().success();
    let categories = fixture.path("data/categories.csv");
    let mut names = std::fs::read_to_string(&categories).expect("the example's categories");
    names.push_str("4-99,其他服务人员\n");
    std::fs::write(&categories, names).expect("write");
    import(&docx("new-category"), &fixture.root()).arg("--force").assert().success();
    assert_eq!(common::rows_in(&fixture.root())[0].code, "4-99-01-01");
    fixture.build_cmd().assert().success();
}
