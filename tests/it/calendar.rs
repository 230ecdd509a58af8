//! 加入日历: `downloads/deadline.ics` read back by a real calendar library (Python's
//! `icalendar`): the deadline in Asia/Shanghai time, a reminder three days before, the notice's
//! address; the same UID and a higher SEQUENCE when the deadline moves; the same bytes for the
//! same input. And the contacts' `tel:` links dial an extension after a pause.

use std::process::Command;

use crate::common::{self, Fixture, linxuan_zh};

const ICALENDAR: &str = "apt-get install -y python3-icalendar";
/// Debian's Python, which Debian's `python3-icalendar` is installed for (a `python3` earlier on
/// PATH may be another one).
const PYTHON: &str = "/usr/bin/python3";

/// What `icalendar` reads from the file, one `key=value` a line.
const READ: &str = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
tz = [c for c in cal.walk("VTIMEZONE")]
ev = [c for c in cal.walk("VEVENT")]
assert len(ev) == 1, "one event"
e = ev[0]
alarm = e.walk("VALARM")[0]
print("tzid=" + str(tz[0]["TZID"]))
print("start=" + e.decoded("DTSTART").isoformat())
print("start_utc=" + e.decoded("DTSTART").astimezone(__import__("datetime").timezone.utc).isoformat())
print("trigger=" + str(alarm.decoded("TRIGGER")))
print("uid=" + str(e["UID"]))
print("sequence=" + str(e.get("SEQUENCE", 0)))
print("url=" + str(e["URL"]))
print("summary=" + str(e["SUMMARY"]))
print("description=" + str(e["DESCRIPTION"]).replace("\n", "|"))
"#;

fn read_calendar(fixture: &Fixture) -> Option<Vec<(String, String)>> {
    if !common::installed_or_skip(PYTHON, "-cimport icalendar", ICALENDAR) {
        return None;
    }
    let file = fixture.out().join("downloads/deadline.ics");
    let output = Command::new(PYTHON).arg("-c").arg(READ).arg(&file).output().expect("run Python");
    assert!(output.status.success(), "icalendar reads it: {}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    Some(text.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect())
}

fn value<'a>(facts: &'a [(String, String)], key: &str) -> &'a str {
    facts.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no {key}"))
}

fn publish(fixture: &Fixture, date: &str, note: &str) {
    let output = linxuan_zh()
        .args(["publish", "--date", date, "--note", note, "--root"])
        .arg(fixture.root())
        .arg("--output")
        .arg(fixture.out())
        .output()
        .expect("run linxuan publish");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn the_deadline_is_an_event_a_calendar_reads_and_moves_when_it_changes() {
    let fixture = Fixture::publishable();
    publish(&fixture, "2027-01-10", "发布");
    let first_bytes = std::fs::read(fixture.out().join("downloads/deadline.ics")).expect("the calendar file");
    let Some(first) = read_calendar(&fixture) else { return };
    assert_eq!(value(&first, "tzid"), "Asia/Shanghai");
    assert_eq!(value(&first, "start"), "2026-03-31T17:00:00+08:00");
    assert_eq!(value(&first, "start_utc"), "2026-03-31T09:00:00+00:00");
    assert_eq!(value(&first, "trigger"), "-3 days, 0:00:00", "a reminder three days before");
    assert_eq!(value(&first, "sequence"), "0");
    assert_eq!(value(&first, "url"), "https://www.linxuan.test/");
    assert!(value(&first, "summary").contains("申报截止"));
    let description = value(&first, "description");
    assert!(description.contains("报送方式：") && description.contains("010-87654321转8001"), "{description}");

    // The same input: the same bytes.
    publish(&fixture, "2027-01-10", "发布");
    assert!(std::fs::read(fixture.out().join("downloads/deadline.ics")).expect("again") == first_bytes);

    // The deadline moved: the same event, later, its sequence up.
    let config = fixture.read("config.toml").replace("2026-03-31 17:00", "2027-03-31 17:00");
    fixture.write("config.toml", config);
    publish(&fixture, "2027-01-15", "延长申报截止时间");
    let Some(moved) = read_calendar(&fixture) else { return };
    assert_eq!(value(&moved, "uid"), value(&first, "uid"), "the same event");
    assert_eq!(value(&moved, "start"), "2027-03-31T17:00:00+08:00");
    assert_eq!(value(&moved, "sequence"), "1");
}

#[test]
fn pages_link_the_calendar_and_dial_extensions() {
    let fixture = Fixture::publishable();
    publish(&fixture, "2027-01-10", "发布");
    for page in ["index.html", "occupations/4-10-01-03/index.html", "forms/application/index.html", "search/index.html"]
    {
        let html = std::fs::read_to_string(fixture.out().join(page)).expect(page);
        assert!(html.contains("href=\"/downloads/deadline.ics\" download>加入日历</a>"), "{page} links 加入日历");
    }
    let occupation = std::fs::read_to_string(fixture.out().join("occupations/4-10-01-03/index.html")).expect("page");
    assert!(occupation.contains("如何申报"), "how to apply");
    assert!(occupation.contains("href=\"tel:01087654321,8001\">010-87654321转8001</a>"), "the extension after a pause");
    assert!(occupation.contains("href=\"tel:01087654320\">"), "a number without one");
}
