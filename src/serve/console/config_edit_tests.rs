//! The writer against the shipped `config.toml`: what the form leaves alone stays byte for
//! byte, comments survive edits and removals, new keys land in `Config`'s order.

use super::edited;
use crate::config::Config;
use crate::serve::console::form::{ContactRow, Essentials};

fn shipped() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config.toml")).expect("the shipped config.toml")
}

fn form_of(text: &str) -> Essentials {
    Essentials::of(&toml::from_str::<Config>(text).expect("a valid config"))
}

fn edit(text: &str, change: impl FnOnce(&mut Essentials)) -> String {
    let mut form = form_of(text);
    change(&mut form);
    let out = edited(text, &form.cleaned()).expect("an editable config");
    let again = form_of(&out);
    assert_eq!(again, form.cleaned(), "the file reads back as the form:\n{out}");
    out
}

/// The lines of `after` that are not in `before`, and those of `before` not in `after`.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let added = after.lines().filter(|l| !before.lines().any(|b| b == *l)).map(str::to_owned).collect();
    let gone = before.lines().filter(|l| !after.lines().any(|a| a == *l)).map(str::to_owned).collect();
    (added, gone)
}

#[test]
fn an_unchanged_form_leaves_the_text_as_it_was() {
    let text = shipped();
    assert_eq!(edit(&text, |_| {}), text);
}

#[test]
fn a_new_deadline_changes_its_line_only() {
    let text = shipped();
    let out = edit(&text, |f| f.deadline = "2027-04-30 17:30".into());
    let (added, gone) = changed_lines(&text, &out);
    assert_eq!(added, ["deadline = \"2027-04-30 17:30\""]);
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert!(gone[0].starts_with("deadline = "));
    assert_eq!(out.lines().count(), text.lines().count());
}

#[test]
fn a_comment_after_a_value_stays_and_a_literal_string_equal_to_the_form_is_kept() {
    let text = shipped().replace("signed_date = \"2026-01-01\"", "signed_date = '2026-01-01'   # 成文日期");
    assert_eq!(edit(&text, |_| {}), text, "'2026-01-01' is the same value");
    let out = edit(&text, |f| f.signed_date = "2026-02-01".into());
    assert!(out.contains("signed_date = \"2026-02-01\"   # 成文日期\n"), "{out}");
}

#[test]
fn an_emptied_key_goes_and_its_comment_moves_to_the_next_key_then_it_comes_back_in_order() {
    let text = shipped();
    let out = edit(&text, |f| f.addressee.clear());
    assert!(!out.contains("addressee ="), "{out}");
    let comment = "# 主送机关，显示在正文上方\n";
    let at = out.find(comment).expect("the comment is kept");
    let deadline = out.find("\ndeadline = ").expect("the deadline");
    assert!(at < deadline, "above the next key");
    let (added, gone) = changed_lines(&text, &out);
    assert!(added.is_empty(), "{added:?}");
    assert_eq!(gone.len(), 1, "{gone:?}");

    let back = edit(&out, |f| f.addressee = "各有关单位：".into());
    let keys: Vec<&str> = back
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
        .filter(|k| ["publish_time", "addressee", "deadline"].contains(k))
        .collect();
    assert_eq!(keys, ["publish_time", "addressee", "deadline"], "back after the key before it:\n{back}");
}

#[test]
fn the_last_key_of_a_table_passes_its_comment_to_the_next_table() {
    let text = shipped();
    let out = edit(&text, |f| f.audience.clear());
    let comment = out.find("# 通知面向谁").expect("the comment is kept");
    let contacts = out.find("[[notice.contacts]]").expect("the contacts");
    assert!(comment < contacts, "{out}");
    let out = edit(&text, |f| f.police.clear());
    assert!(out.contains("# 公安机关备案号"), "the last comment of the file is kept at its end:\n{out}");
}

/// The `[[notice.contacts]]` headers (the comment above them names it too).
fn headers(text: &str) -> usize {
    text.lines().filter(|l| *l == "[[notice.contacts]]").count()
}

#[test]
fn contacts_are_changed_added_and_removed_in_place() {
    let text = shipped();
    let out = edit(&text, |f| f.contacts[1].phone = "010-12345678".into());
    let (added, _) = changed_lines(&text, &out);
    assert_eq!(added, ["phone = \"010-12345678\""]);

    let out = edit(&text, |f| f.contacts.push(ContactRow { name: "王五".into(), phone: "13800000000".into() }));
    let third = out.find("name = \"王五\"").expect("the new contact");
    assert!(third < out.find("[footer]").expect("the footer"), "before [footer]:\n{out}");
    assert_eq!(headers(&out), 3, "{out}");

    let out = edit(&text, |f| f.contacts.truncate(1));
    assert_eq!(headers(&out), 1);
    assert!(out.contains("# 联系人和联系电话"));

    let none = edit(&text, |f| f.contacts.clear());
    assert_eq!(headers(&none), 0);
    let comment = none.find("# 联系人和联系电话").expect("the comment is kept");
    assert!(comment < none.find("[footer]").expect("the footer"));

    let back = edit(&none, |f| f.contacts.push(ContactRow { name: "赵六".into(), phone: "010-1".into() }));
    let contact = back.find("\n[[notice.contacts]]\n").expect("a contact again");
    assert!(contact > back.find("[notice]").expect("notice") && contact < back.find("[footer]").expect("footer"));
}

#[test]
fn submission_is_written_one_entry_a_line() {
    let text = shipped();
    let out = edit(&text, |f| f.submission = vec!["邮寄".into(), "发送至 a@b.cn".into()]);
    assert!(out.contains("submission = [\n  \"邮寄\",\n  \"发送至 a@b.cn\",\n]\n"), "{out}");
    let out = edit(&text, |f| f.submission.clear());
    assert!(!out.contains("submission"), "{out}");
    assert!(out.contains("# 报送方式：地址、邮箱或平台"), "the comment is kept");
}

#[test]
fn a_footer_is_added_when_there_is_none() {
    let text = shipped();
    let cut = text.find("[footer]").expect("a footer");
    let without = text[..cut].to_owned();
    let out = edit(&without, |f| f.sponsor = "某市人社局".into());
    assert!(out.starts_with(&without), "{out}");
    assert!(out.trim_end().ends_with("\n\n[footer]\nsponsor = \"某市人社局\""), "{out}");
}

#[test]
fn quotes_and_backslashes_are_escaped() {
    let text = shipped();
    edit(&text, |f| f.audience = r#"面向"有关"单位\个人"#.into());
}

#[test]
fn text_that_is_not_toml_is_refused_with_the_parser_message() {
    let form = Essentials::default();
    let error = edited("title = \"x\n", &form).expect_err("not TOML");
    assert!(error.contains("config.toml"), "{error}");
    let error = edited("notice = 1\n", &form).expect_err("no [notice] table");
    assert!(!error.is_empty());
}

#[test]
fn a_missing_key_of_a_contact_is_added_after_the_other() {
    let text = shipped().replacen("phone = \"010-00000000\"\n", "", 1);
    let mut form = Essentials::of(
        &toml::from_str::<Config>(&text.replacen(
            "name = \"张××（示例）\"",
            "name = \"张××（示例）\"\nphone = \"1\"",
            1,
        ))
        .expect("valid"),
    );
    form.contacts[0].phone = "010-12345678".into();
    let out = edited(&text, &form.cleaned()).expect("editable");
    assert!(out.contains("name = \"张××（示例）\"\nphone = \"010-12345678\"\n"), "{out}");
}
