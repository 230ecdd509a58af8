//! The `/updates/` page: releases and update notes, newest first.

use serde::Serialize;

use crate::history::{Entry, History};
use crate::markdown;
use crate::model::Site;

#[derive(Serialize)]
pub struct UpdatesPage {
    pub items: Vec<UpdateItem>,
}

/// A release (with its changes spelled out) or a hand-written note.
#[derive(Serialize)]
pub struct UpdateItem {
    pub date: String,
    /// `release` or `note`
    pub kind: &'static str,
    pub title: String,
    pub summary: String,
    pub changes: Vec<String>,
    pub body_html: String,
    /// Anchor on the page, also the feed entry's link.
    pub anchor: String,
}

pub fn release_item(entry: &Entry) -> UpdateItem {
    let mut changes: Vec<String> = entry.essentials.iter().map(|c| c.describe()).collect();
    changes.extend(entry.changes.iter().map(|c| c.describe()));
    changes.extend(entry.revised_forms.iter().map(|f| format!("修订附件 {f}")));
    UpdateItem {
        date: entry.date.to_string(),
        kind: "release",
        title: entry.note.clone(),
        summary: History::summary(entry),
        changes,
        body_html: String::new(),
        anchor: format!("release-{}", entry.date),
    }
}

pub fn updates_page(site: &Site, history: &History) -> UpdatesPage {
    let mut items: Vec<UpdateItem> = history.entries.iter().map(release_item).collect();
    items.extend(site.updates.iter().map(|u| UpdateItem {
        date: u.date.to_string(),
        kind: "note",
        title: u.title.clone(),
        summary: String::new(),
        changes: Vec::new(),
        body_html: markdown::to_html(&u.document),
        anchor: format!("note-{}", u.slug),
    }));
    // Newest first; on one day, the release before the notes about it.
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.kind.cmp(b.kind).reverse()).then(a.anchor.cmp(&b.anchor)));
    UpdatesPage { items }
}
