//! The notice's essentials from `config.toml` [notice] (主送, 申报截止时间, 报送方式, 联系人,
//! 落款, 成文日期, who it is for): shown where set, absent where not, escaped; a bad value names
//! the file, line and key. Expectations come from the fixture's own `config.toml`.

use crate::common;

use common::{Fixture, TestResult};

/// The fixture's `[notice]` table.
fn notice_table(fixture: &Fixture) -> toml::Table {
    let config: toml::Table = toml::from_str(&fixture.read("config.toml")).expect("config.toml is TOML");
    config["notice"].as_table().expect("[notice] is a table").clone()
}

/// Rewrites `config.toml` with `[notice]` changed by `edit`.
fn edit_notice(fixture: &Fixture, edit: impl FnOnce(&mut toml::Table)) {
    let mut config: toml::Table = toml::from_str(&fixture.read("config.toml")).expect("config.toml is TOML");
    edit(config.get_mut("notice").and_then(toml::Value::as_table_mut).expect("[notice] is a table"));
    fixture.write("config.toml", toml::to_string(&config).expect("the table serialises"));
}

fn string(table: &toml::Table, key: &str) -> String {
    table.get(key).and_then(toml::Value::as_str).unwrap_or_else(|| panic!("[notice] sets {key}")).to_owned()
}

/// `2026-03-31 17:00` → `2026年3月31日 17:00`, as the page writes it.
fn chinese_deadline(text: &str) -> String {
    let (date, time) = text.split_once(' ').expect("date and time");
    let parts: Vec<u32> = date.split('-').map(|p| p.parse().expect("a number")).collect();
    format!("{}年{}月{}日 {time}", parts[0], parts[1], parts[2])
}

const KEYS: [&str; 7] = ["addressee", "deadline", "submission", "contacts", "signature", "signed_date", "audience"];

#[test]
fn essentials_are_shown_on_the_notice_occupation_and_form_pages() -> TestResult {
    let fixture = Fixture::shipped();
    let notice = notice_table(&fixture);
    for key in KEYS {
        assert!(notice.contains_key(key), "the shipped config sets {key}");
    }
    let built = fixture.build();
    let home = built.page("/");
    let deadline = chinese_deadline(&string(&notice, "deadline"));

    let essentials = home.text_of(".essentials");
    assert!(essentials.starts_with("申报须知"), "{essentials}");
    assert_eq!(home.text_of(".essentials time[data-deadline]"), deadline);
    assert_eq!(home.hrefs(".essentials a.add-calendar"), vec!["/downloads/deadline.ics".to_owned()], "加入日历");
    let submission = home.definition("报送方式");
    for way in notice["submission"].as_array().expect("a list") {
        assert!(submission.contains(way.as_str().expect("text")), "{submission}");
    }
    // The mailbox is a link a click writes to.
    assert_eq!(home.hrefs(".essentials a[href^='mailto:']"), vec!["mailto:linxuan@example.gov.cn".to_owned()]);
    let contacts = notice["contacts"].as_array().expect("a list");
    let tels = home.hrefs(".essentials a.tel");
    assert_eq!(tels.len(), contacts.len());
    for (contact, tel) in contacts.iter().zip(&tels) {
        let phone = contact["phone"].as_str().expect("phone");
        let (number, extension) = phone.split_once('转').map_or((phone, None), |(n, e)| (n, Some(e)));
        let dialled: String = number.chars().filter(char::is_ascii_digit).collect();
        let pause = extension.map(|e| format!(",{e}")).unwrap_or_default();
        assert_eq!(tel, &format!("tel:{dialled}{pause}"), "digits only, an extension after a pause");
        assert!(home.definition("联系人及电话").contains(contact["name"].as_str().expect("name")));
    }
    // The box comes right after the title, then who the notice is for, before the body.
    let order: Vec<String> =
        home.select("article.notice > *").into_iter().map(|e| e.value().name().to_owned()).take(3).collect();
    assert_eq!(order, ["h1", "section", "p"], "title, 申报须知, who it is for");
    assert_eq!(home.text_of("article.notice > .audience"), string(&notice, "audience"));
    assert_eq!(home.text_of(".prose > p.addressee"), string(&notice, "addressee"));
    assert!(home.select(".prose > p").first().is_some_and(|p| p.value().classes().any(|c| c == "addressee")));
    let signature = home.text_of(".signature");
    assert!(signature.starts_with(&string(&notice, "signature")), "{signature}");
    let signed = string(&notice, "signed_date");
    assert_eq!(home.one(".signature time").attr("datetime"), Some(signed.as_str()));

    let row = &fixture.rows()[0];
    let occupation = built.page(&row.url());
    assert_eq!(occupation.text_of(".how-to-apply time[data-deadline]"), deadline);
    assert_eq!(occupation.hrefs(".how-to-apply a.tel"), tels, "whom to call, where a reader lands");
    assert_eq!(occupation.text_of(".audience"), string(&notice, "audience"));
    assert!(occupation.body_text().contains("本次遴选该等级的评价机构"), "the ladder says what ✓ means");
    assert!(!occupation.body_text().contains("在本次遴选范围内"));
    for form in fixture.forms() {
        let page = built.page(&form.url());
        assert_eq!(page.text_of(".deadline-line time"), deadline, "{}", form.url());
        let iso = page.one(".deadline-line time").attr("datetime").unwrap_or_default().to_owned();
        assert!(iso.ends_with("+08:00"), "{iso}");
    }
    Ok(())
}

#[test]
fn essentials_left_out_show_nothing() -> TestResult {
    let fixture = Fixture::unreleased();
    edit_notice(&fixture, |notice| {
        for key in KEYS {
            notice.remove(key);
        }
    });
    let built = fixture.build();
    let home = built.page("/");
    for css in [".essentials", ".audience", ".addressee", ".signature", "[data-deadline]"] {
        assert!(home.select(css).is_empty(), "no {css} when unset");
    }
    let row = &fixture.rows()[0];
    for url in [row.url(), fixture.forms()[0].url()] {
        let page = built.page(&url);
        assert!(page.select(".deadline-line").is_empty() && page.select(".audience").is_empty(), "{url}");
    }
    Ok(())
}

#[test]
fn only_the_keys_set_are_shown() -> TestResult {
    let fixture = Fixture::unreleased();
    edit_notice(&fixture, |notice| {
        notice.remove("deadline");
        notice.remove("submission");
    });
    let home = fixture.build().page("/");
    assert!(home.select("[data-deadline]").is_empty());
    assert!(home.select(".essentials dt").iter().all(|dt| common::text(*dt) != "报送方式"));
    assert!(!home.select(".essentials a.tel").is_empty(), "the contacts alone still make the box");
    Ok(())
}

#[test]
fn essentials_are_escaped() -> TestResult {
    let fixture = Fixture::unreleased();
    let hostile = "<script>alert(1)</script>&<b>";
    edit_notice(&fixture, |notice| {
        notice.insert("audience".into(), hostile.into());
        notice.insert("addressee".into(), hostile.into());
        notice.insert("submission".into(), toml::Value::Array(vec![hostile.into()]));
    });
    let built = fixture.build();
    let home = built.page("/");
    assert!(home.select("article script, .essentials b").is_empty(), "markup stays text");
    assert_eq!(home.text_of("article.notice > .audience"), hostile);
    assert_eq!(home.text_of(".addressee"), hostile);
    assert!(built.read("index.html").contains("&lt;script&gt;alert(1)"));
    Ok(())
}

#[test]
fn navigation_names_the_forms_and_open_data_is_in_plain_words() -> TestResult {
    let fixture = Fixture::shipped();
    let home = fixture.build().page("/");
    let nav: Vec<String> = home.select(".site-nav a").into_iter().map(common::text).collect();
    for form in fixture.forms() {
        let label = nav
            .iter()
            .find(|l| l.starts_with(&format!("附件{} ", form.attachment)))
            .unwrap_or_else(|| panic!("a nav link for 附件{} in {nav:?}", form.attachment));
        let name = label.split_once(' ').map(|(_, n)| n).unwrap_or_default();
        assert!(!name.is_empty() && form.title.contains(name), "{label} names {}", form.title);
    }
    let attachments = home.text_of(".attachment-list");
    assert!(attachments.contains("表格数据（可用 Excel 打开）") && attachments.contains("订阅更新（RSS/Atom）"));
    assert!(!home.body_text().contains('「'), "mainland quotes");
    let toc = home.hrefs(".toc a");
    assert_eq!(toc, ["#notice-body", "#attachments", "#table"]);
    for target in &toc {
        assert_eq!(home.select(target).len(), 1, "{target} exists");
    }
    assert_eq!(home.hrefs(".to-top a"), ["#top"]);
    Ok(())
}

#[test]
fn home_title_does_not_repeat_itself() -> TestResult {
    let fixture = Fixture::shipped();
    let home = fixture.build().page("/");
    let title = home.text_of("title");
    let halves: Vec<&str> = title.split(" - ").collect();
    assert!(halves.len() == 1 || halves[0] != halves[1], "{title}");
    assert!(title.contains(&common::notice_title_in(&fixture.root())), "{title}");
    Ok(())
}

#[test]
fn a_bad_deadline_or_phone_names_file_line_and_key() -> TestResult {
    let fixture = Fixture::shipped();
    let config = fixture.read("config.toml");
    let deadline_line = config.lines().position(|l| l.starts_with("deadline")).expect("deadline is set") + 1;
    fixture.edit_line("config.toml", deadline_line, |_| "deadline = \"2026-02-30 17:00\"".into());
    let phone_line = config.lines().position(|l| l.starts_with("phone")).expect("a phone is set") + 1;
    fixture.edit_line("config.toml", phone_line, |_| "phone = \"call us\"".into());
    let output = fixture.build_cmd().assert().code(1).get_output().clone();
    let stderr = String::from_utf8(output.stderr)?;
    for parts in [
        [format!("config.toml:{deadline_line}"), "notice.deadline".into()],
        [format!("config.toml:{phone_line}"), "notice.contacts[1].phone".into()],
    ] {
        assert!(stderr.lines().any(|l| parts.iter().all(|p| l.contains(p.as_str()))), "{parts:?} in:\n{stderr}");
    }
    assert!(!fixture.out().exists());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Input that looks right but is not
// ---------------------------------------------------------------------------------------------

const INVISIBLE: [char; 6] = ['\u{200B}', '\u{200F}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{FEFF}'];

#[test]
fn invisible_controls_are_removed_with_a_warning_and_never_published() -> TestResult {
    let fixture = Fixture::shipped();
    let row = fixture.rows()[1].clone();
    let line = row.seq as usize + 1;
    let chars: Vec<char> = row.name.chars().collect();
    // A name as pasted: an override at the start, a zero-width space inside.
    let pasted =
        format!("\u{202E}{}\u{200B}{}", chars[..1].iter().collect::<String>(), chars[1..].iter().collect::<String>());
    fixture.set_csv_cell(line, 1, &pasted);
    let notice = fixture.read("content/_index.md");
    let body_line = notice.lines().count();
    fixture.write("content/_index.md", format!("{notice}\n第二段\u{2066}说明\u{2069}。\u{FEFF}\n"));
    let title_line = notice.lines().position(|l| l.starts_with("title")).expect("a title") + 1;
    fixture.edit_line("content/_index.md", title_line, |l| l.replacen('"', "\"\u{200F}", 1));

    let output = fixture.build_cmd().assert().success().get_output().clone();
    let stderr = String::from_utf8(output.stderr)?;
    let warned = |file: &str, line: usize, code: &str| {
        stderr.lines().any(|l| l.starts_with("warning: ") && l.contains(&format!("{file}:{line}:")) && l.contains(code))
    };
    assert!(
        warned("data/occupations.csv", line, "U+202E") && warned("data/occupations.csv", line, "U+200B"),
        "{stderr}"
    );
    assert!(warned("content/_index.md", title_line, "U+200F"), "{stderr}");
    assert!(warned("content/_index.md", body_line + 2, "U+2066"), "{stderr}");

    let built = common::Built::at(fixture.out());
    assert_eq!(built.page(&row.url()).text_of("h1"), row.name, "the name reads as it should");
    for rel in built.files() {
        if [".html", ".json", ".xml", ".csv", ".txt"].iter().any(|ext| rel.ends_with(ext)) {
            let text = built.read(&rel);
            let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
            assert!(!text.contains(INVISIBLE), "{rel} carries an invisible control character");
        }
    }
    Ok(())
}

#[test]
fn a_static_file_that_would_replace_a_generated_one_is_an_error_naming_both() -> TestResult {
    let fixture = Fixture::shipped();
    fixture.write("static/index.html", "<p>an old home page</p>");
    fixture.write("static/downloads/occupations.csv", "old");
    let output = fixture.build_cmd().assert().code(1).get_output().clone();
    let stderr = String::from_utf8(output.stderr)?;
    for (file, generated) in
        [("static/index.html", "`index.html`"), ("static/downloads/occupations.csv", "`downloads/occupations.csv`")]
    {
        assert!(
            stderr.lines().any(|l| l.starts_with("error: ") && l.contains(file) && l.contains(generated)),
            "{file} and {generated} in:\n{stderr}"
        );
    }
    assert!(!fixture.out().exists(), "nothing written");
    Ok(())
}

#[test]
fn static_readmes_and_other_assets() -> TestResult {
    let fixture = Fixture::shipped();
    fixture.write("static/assets/extra/README.md", "notes for staff");
    fixture.write("static/assets/extra/logo.txt", "kept");
    let built = fixture.build();
    let files = built.files();
    assert!(!files.iter().any(|f| f.ends_with("README.md")), "{files:?}");
    assert!(files.iter().any(|f| f == "assets/extra/logo.txt"));
    Ok(())
}
