//! `downloads/deadline.ics`: the deadline as a calendar event (RFC 5545, through the `ics`
//! crate), for 加入日历 beside the deadline. One event at the deadline in Asia/Shanghai time,
//! a reminder three days before, the notice's address; its UID stays the same from build to
//! build and its SEQUENCE counts the deadline's changes, so a calendar that imported it before
//! moves the event rather than adding a second one.

use ics::parameters::TzIDParam;
use ics::properties::{CalScale, Description, DtEnd, DtStart, Method, Sequence, Summary, Trigger, TzName, URL};
use ics::{Alarm, Event, ICalendar, Standard, TimeZone, escape_text};

use crate::config::Deadline;
use crate::domain::{Output, Page};
use crate::history::{History, Item};
use crate::model::Site;

const TZID: &str = "Asia/Shanghai";

/// The calendar file, when the notice has a deadline.
pub fn deadline_ics(site: &Site, history: &History) -> Option<Vec<u8>> {
    let deadline = site.deadline?;
    let notice_url = site.base_url.permalink(Output::Page(Page::Notice));
    let changes = history.entries.iter().flat_map(|e| e.essentials.iter().map(move |c| (e.date, c)));
    let deadline_changes: Vec<_> = changes.filter(|(_, c)| c.item == Item::Deadline).collect();
    // Stamped with the day the deadline was last set, so the same sources give the same file.
    let set_on = deadline_changes.last().map_or(site.publish_date, |(date, _)| *date);

    let mut event = Event::new(format!("{notice_url}#deadline"), utc_midnight_in_china(set_on));
    // An event of no length at the deadline: the moment submissions close.
    let mut start = DtStart::new(local(deadline));
    start.add(TzIDParam::new(TZID));
    event.push(start);
    let mut end = DtEnd::new(local(deadline));
    end.add(TzIDParam::new(TZID));
    event.push(end);
    event.push(Sequence::new(deadline_changes.len().to_string()));
    event.push(Summary::new(escape_text(format!("申报截止：{}", site.notice.title))));
    event.push(Description::new(escape_text(description(site, &notice_url))));
    event.push(URL::new(notice_url));
    event.add_alarm(Alarm::display(
        Trigger::new("-P3D"),
        Description::new(escape_text(format!("{}申报还剩 3 天截止", site.notice.title))),
    ));

    let mut china = Standard::new("19700101T000000", "+0800", "+0800");
    china.push(TzName::new("CST"));
    let mut calendar = ICalendar::new("2.0", "-//linxuan//社会评价组织再评估遴选//ZH");
    calendar.push(CalScale::new("GREGORIAN"));
    calendar.push(Method::new("PUBLISH"));
    calendar.add_timezone(TimeZone::standard(TZID, china));
    calendar.add_event(event);
    let mut bytes = Vec::new();
    calendar.write(&mut bytes).expect("writing to memory does not fail");
    Some(bytes)
}

/// What an applicant needs beside the date: how to submit, whom to call, where the notice is.
fn description(site: &Site, notice_url: &str) -> String {
    let notice = &site.config.notice;
    let mut lines =
        vec![format!("申报截止时间：{}（北京时间）", site.deadline.map(|d| d.display()).unwrap_or_default())];
    let ways: Vec<&str> = notice.submission.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if !ways.is_empty() {
        lines.push(format!("报送方式：{}", ways.join("；")));
    }
    if !site.contacts.is_empty() {
        let contacts: Vec<String> = site.contacts.iter().map(|c| format!("{} {}", c.name, c.phone.text)).collect();
        lines.push(format!("联系人及电话：{}", contacts.join("；")));
    }
    lines.push(format!("通知全文：{notice_url}"));
    lines.join("\n")
}

/// `20260331T170000`, a local time of the `Asia/Shanghai` zone.
fn local(deadline: Deadline) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}00",
        deadline.date.year(),
        deadline.date.month(),
        deadline.date.day(),
        deadline.hour,
        deadline.minute
    )
}

/// Midnight of `date` in China, in UTC as DTSTAMP must be: `20260101T000000+08:00` is
/// `20251231T160000Z`.
fn utc_midnight_in_china(date: jiff::civil::Date) -> String {
    let previous = date.yesterday().unwrap_or(date);
    format!("{:04}{:02}{:02}T160000Z", previous.year(), previous.month(), previous.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midnight_in_china_is_four_in_the_afternoon_before_in_utc() {
        assert_eq!(utc_midnight_in_china(jiff::civil::date(2026, 1, 1)), "20251231T160000Z");
        let deadline = Deadline::parse("2026-03-31 17:00").expect("a deadline");
        assert_eq!(local(deadline), "20260331T170000");
    }
}
