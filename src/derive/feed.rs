//! `/atom.xml`: an Atom feed of releases and update notes, newest first.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};

use crate::domain::{Output, Page};
use crate::history::History;
use crate::model::Site;

/// Dates in the sources carry no time; the feed states them as midnight China time.
fn timestamp(date: jiff::civil::Date) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{date}T00:00:00+08:00"))
        .expect("a valid date at midnight with a fixed offset is RFC 3339")
}

fn link(href: String) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel("alternate");
    l.set_mime_type(Some("text/html".to_owned()));
    l
}

pub fn atom(site: &Site, history: &History) -> String {
    let updates_url = site.base_url.permalink(Output::Page(Page::Updates));
    let mut entries: Vec<(jiff::civil::Date, Entry)> = Vec::new();
    for e in &history.entries {
        let mut entry = Entry::default();
        entry.set_id(format!("{updates_url}#release-{}", e.date));
        entry.set_title(Text::plain(format!("{}：{}", e.date, e.note)));
        entry.set_updated(timestamp(e.date));
        entry.set_links(vec![link(format!("{updates_url}#release-{}", e.date))]);
        let mut lines = vec![History::summary(e)];
        lines.extend(e.essentials.iter().map(|c| c.describe()));
        lines.extend(e.changes.iter().map(|c| c.describe()));
        entry.set_summary(Some(Text::plain(lines.join("；"))));
        entries.push((e.date, entry));
    }
    for note in &site.updates {
        let mut entry = Entry::default();
        let url = format!("{updates_url}#note-{}", note.slug);
        entry.set_id(url.clone());
        entry.set_title(Text::plain(note.title.clone()));
        entry.set_updated(timestamp(note.date));
        entry.set_links(vec![link(url)]);
        let mut content = Content::default();
        content.set_content_type(Some("html".to_owned()));
        content.set_value(Some(crate::markdown::to_html(&note.document)));
        entry.set_content(Some(content));
        entries.push((note.date, entry));
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id().cmp(b.1.id())));
    let newest = entries.first().map_or(site.publish_date, |(d, _)| *d).max(site.publish_date);
    let mut feed = Feed::default();
    feed.set_id(site.base_url.permalink(Output::Page(Page::Notice)));
    feed.set_title(Text::plain(format!("{} - 更新记录", site.notice.title)));
    feed.set_updated(timestamp(newest));
    let mut author = Person::default();
    author.set_name(site.config.notice.authority.clone());
    feed.set_authors(vec![author]);
    let mut self_link = Link::default();
    self_link.set_href(site.base_url.permalink(Output::Feed));
    self_link.set_rel("self");
    self_link.set_mime_type(Some("application/atom+xml".to_owned()));
    feed.set_links(vec![self_link, link(updates_url)]);
    feed.set_lang(Some("zh-CN".to_owned()));
    feed.set_entries(entries.into_iter().map(|(_, e)| e).collect::<Vec<_>>());
    let mut xml = feed.to_string();
    xml.push('\n');
    xml
}
