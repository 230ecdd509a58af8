//! Nothing public without its change record: three rows and the deadline changed, then
//! published, show on every page with their old values; a build of unrecorded changes is
//! refused (a preview says on every page that it is one); and the steps of 使用说明 in any
//! order never leave a public site that shows changed data as unchanged.

use crate::common::{Fixture, OCCUPATIONS_CSV, SHIPPED_RELEASE_META, linxuan_zh, snapshot};

fn run(fixture: &Fixture, args: &[&str]) -> std::process::Output {
    linxuan_zh().args(args).arg("--root").arg(fixture.root()).output().expect("run linxuan")
}

fn publish(fixture: &Fixture, date: &str, note: &str) -> std::process::Output {
    let out = fixture.out();
    let out = out.to_str().expect("a UTF-8 path");
    run(fixture, &["publish", "--output", out, "--date", date, "--note", note])
}

fn build(fixture: &Fixture, extra: &[&str]) -> std::process::Output {
    let out = fixture.out();
    let mut args = vec!["build", "--output", out.to_str().expect("a UTF-8 path")];
    args.extend_from_slice(extra);
    run(fixture, &args)
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Moves the deadline a year on, as staff do in config.toml.
fn extend_deadline(fixture: &Fixture) {
    let config = fixture.read("config.toml");
    assert!(config.contains("deadline = \"2026-03-31 17:00\""));
    fixture.write("config.toml", config.replace("deadline = \"2026-03-31 17:00\"", "deadline = \"2027-03-31 17:00\""));
}

/// Changes rows 2-4 of the table: 等级范围 of one, 拟遴选机构数量 of the others.
fn change_three_rows(fixture: &Fixture) {
    let table = fixture
        .read(OCCUPATIONS_CSV)
        .replace("2,养老护理员,4-10-01-05,5、4、3、2、1,1", "2,养老护理员,4-10-01-05,5、4、3,1")
        .replace("3,家政服务员,4-10-01-06,5、4、3,1", "3,家政服务员,4-10-01-06,5、4、3,2")
        .replace("4,婴幼儿发展引导员,4-10-01-01,5、4、3、2、1,1", "4,婴幼儿发展引导员,4-10-01-01,5、4、3、2、1,3");
    assert_ne!(table, fixture.read(OCCUPATIONS_CSV), "the rows are there to change");
    fixture.write(OCCUPATIONS_CSV, table);
}

fn page(fixture: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(fixture.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn three_rows_and_the_deadline_published_show_with_their_old_values() {
    let fixture = Fixture::publishable();
    change_three_rows(&fixture);
    extend_deadline(&fixture);

    let output = publish(&fixture, "2027-01-15", "延长申报截止时间；调整三个职业");
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("申报截止时间由 2026年3月31日 17:00 延长至 2027年3月31日 17:00"), "{stdout}");

    let recorded = fixture.read("data/releases/2027-01-15.toml");
    assert!(recorded.contains("deadline = \"2027-03-31 17:00\""), "{recorded}");

    let extended = "截止时间已延长至 2027年3月31日 17:00（原为 2026年3月31日 17:00）";
    let notice = page(&fixture, "index.html");
    assert!(notice.contains(extended), "beside the notice's deadline");
    assert!(notice.contains("申报截止时间延长；调整 3 个职业（工种）"), "the 本次更新 line");
    let occupation = page(&fixture, "occupations/4-10-01-06/index.html");
    assert!(occupation.contains(extended), "beside an occupation page's deadline");
    assert!(occupation.contains("2027-01-15"), "the occupation page's 最后更新");
    assert!(page(&fixture, "forms/application/index.html").contains(extended), "beside a form's deadline");
    let updates = page(&fixture, "updates/index.html");
    for line in [
        "申报截止时间由 2026年3月31日 17:00 延长至 2027年3月31日 17:00",
        "养老护理员（4-10-01-05）等级范围由 5、4、3、2、1 调整为 5、4、3",
        "家政服务员（4-10-01-06）拟遴选机构数量由 1 调整为 2",
        "婴幼儿发展引导员（4-10-01-01）拟遴选机构数量由 1 调整为 3",
    ] {
        assert!(updates.contains(line), "/updates/ says {line}");
    }
    assert!(page(&fixture, "atom.xml").contains("延长至 2027年3月31日 17:00"), "the feed");
    let package = fixture.tmp().join("linxuan-发布-2027-01-15.zip");
    let zipped = std::fs::read(&package).expect("the package");
    assert!(zipped.len() > 10_000, "a package of the site");
}

#[test]
fn other_essentials_are_corrected_with_their_old_value() {
    let fixture = Fixture::publishable();
    let config = fixture.read("config.toml");
    let old_way = config.lines().find(|l| l.contains("纸质材料一式两份")).expect("the first 报送方式").to_owned();
    fixture.write("config.toml", config.replace(&old_way, "  \"纸质材料一式三份，报送至本局 301 室\","));
    let output = publish(&fixture, "2027-01-15", "更正报送方式");
    assert!(output.status.success(), "{}", stderr(&output));
    let notice = page(&fixture, "index.html");
    assert!(notice.contains("报送方式已于 2027-01-15 更正（原为：纸质材料一式两份"), "beside 报送方式");
    assert!(notice.contains("报送方式更正"), "the 本次更新 line");
    assert!(page(&fixture, "updates/index.html").contains("报送方式更正为：纸质材料一式三份，报送至本局 301 室"));
}

#[test]
fn a_build_of_unrecorded_changes_is_refused_and_a_preview_says_it_is_one() {
    let fixture = Fixture::publishable();
    let first = build(&fixture, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&fixture.out());
    extend_deadline(&fixture);

    let refused = build(&fixture, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains("config.toml") && message.contains("延长至 2027年3月31日 17:00"), "{message}");
    assert!(message.contains("linxuan publish"), "names the way to publish: {message}");
    assert!(snapshot(&fixture.out()) == before, "the published site is untouched");

    let preview = build(&fixture, &["--preview"]);
    assert!(preview.status.success(), "{}", stderr(&preview));
    for rel in ["index.html", "occupations/4-10-01-03/index.html", "updates/index.html"] {
        let html = page(&fixture, rel);
        assert!(html.contains("class=\"preview-banner\"") && html.contains("请勿上传"), "{rel} says it is a preview");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"), "{rel} is not indexed");
    }
}

#[test]
fn a_release_recorded_before_essentials_were_part_of_one_still_reads() {
    let fixture = Fixture::publishable();
    let meta = fixture.read(SHIPPED_RELEASE_META);
    let legacy = &meta[..meta.find("[essentials]").expect("the shipped release records its essentials")];
    fixture.write(SHIPPED_RELEASE_META, legacy);
    extend_deadline(&fixture);
    let built = build(&fixture, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(!page(&fixture, "index.html").contains("截止时间已延长"), "no old value to say");

    change_three_rows(&fixture);
    let published = publish(&fixture, "2027-01-15", "调整三个职业");
    assert!(published.status.success(), "{}", stderr(&published));
    assert!(fixture.read("data/releases/2027-01-15.toml").contains("[essentials]"), "recorded from now on");
    assert!(page(&fixture, "index.html").contains("调整 3 个职业（工种）"));
}

/// One thing staff do, as 使用说明 names it.
#[derive(Debug, Clone, Copy)]
enum Step {
    EditRows,
    EditDeadline,
    Check,
    Build,
    BuildStrict,
    Preview,
    Release,
    Publish,
}

/// The rows of a CSV file (a BOM and the header dropped), their first five cells.
fn rows(csv: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    reader.records().map(|r| r.expect("a row").iter().take(5).map(str::to_owned).collect()).collect()
}

/// The public site, when there is one, shows exactly the release it names as its latest on
/// /updates/: that release's table and deadline (an older site than the newest release is
/// out of date, not wrong; changed data under an old record is what must never be).
fn public_site_is_recorded(fixture: &Fixture, steps: &[Step]) {
    if !fixture.out().join("index.html").exists() {
        return;
    }
    let updates = page(fixture, "updates/index.html");
    let at = updates.find("<time datetime=\"").expect("a dated release on /updates/") + "<time datetime=\"".len();
    let latest = &updates[at..at + 10];
    let published = rows(&page(fixture, "downloads/occupations.csv"));
    let recorded = rows(&fixture.read(&format!("data/releases/{latest}.csv")));
    assert_eq!(published, recorded, "after {steps:?}: the public table is the release of {latest}");
    let meta = fixture.read(&format!("data/releases/{latest}.toml"));
    let deadline = meta.lines().find_map(|l| l.strip_prefix("deadline = \"")).expect("a recorded deadline");
    let iso = format!("{}T{}+08:00", &deadline[..10], &deadline[11..16]);
    assert!(page(fixture, "index.html").contains(&iso), "after {steps:?}: the public deadline is {deadline}");
}

fn walk(steps: &[Step]) {
    let fixture = Fixture::publishable();
    let out = fixture.out();
    let out = out.to_str().expect("a UTF-8 path").to_owned();
    let preview = fixture.tmp().join("preview");
    let preview = preview.to_str().expect("a UTF-8 path").to_owned();
    for (i, step) in steps.iter().enumerate() {
        let date = format!("2027-02-{:02}", i + 10);
        match step {
            Step::EditRows => change_three_rows(&fixture),
            Step::EditDeadline => extend_deadline(&fixture),
            Step::Check => drop(run(&fixture, &["check"])),
            Step::Build => drop(run(&fixture, &["build", "--output", &out])),
            Step::BuildStrict => drop(run(&fixture, &["build", "--strict", "--output", &out])),
            Step::Preview => {
                let built = run(&fixture, &["build", "--preview", "--output", &preview]);
                assert!(built.status.success(), "a preview always builds: {}", stderr(&built));
            }
            Step::Release => drop(run(&fixture, &["release", "--date", &date, "--note", "记录"])),
            Step::Publish => drop(publish(&fixture, &date, "发布")),
        }
        public_site_is_recorded(&fixture, &steps[..=i]);
    }
}

#[test]
fn no_order_of_the_steps_publishes_a_change_without_its_record() {
    use Step::*;
    // 使用说明's order, the README's old order (build before release), and others.
    let walks: [&[Step]; 6] = [
        &[EditRows, EditDeadline, Check, Preview, Publish],
        &[Build, EditRows, Build, BuildStrict, Release, Build],
        &[Build, EditDeadline, Build, Release, BuildStrict],
        &[Publish, EditRows, Preview, Build, EditDeadline, Publish, Build],
        &[EditRows, Release, EditDeadline, Build, Publish],
        &[EditDeadline, BuildStrict, EditRows, Check, Publish, Build],
    ];
    for steps in walks {
        walk(steps);
    }
}
