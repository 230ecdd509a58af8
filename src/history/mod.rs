//! The change history, derived from consecutive releases: nothing published is a source.
//! `table.rs` compares two tables, `essentials.rs` two sets of the notice's essentials,
//! `unrecorded.rs` finds what the sources change since the last release.

mod essentials;
mod table;
mod unrecorded;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::domain::OccupationCode;
use crate::model::Release;

pub use essentials::{EssentialChange, Item};
pub use table::{Change, diff, same_rows};
pub use unrecorded::{pending, unrecorded};

/// One release with what it changed.
#[derive(Debug, Clone)]
pub struct Entry {
    pub date: Date,
    pub note: String,
    /// Empty for the first release, which publishes everything.
    pub changes: Vec<Change>,
    pub first: bool,
    pub occupation_count: usize,
    /// Forms whose text changed in this release (by name).
    pub revised_forms: Vec<String>,
    /// The notice's essentials this release changed (none when the release before it
    /// recorded none).
    pub essentials: Vec<EssentialChange>,
}

/// The whole history, oldest first.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub entries: Vec<Entry>,
    /// Code → (entry index, change index) of every change concerning it, oldest first;
    /// indexed once so pages look up their history without scanning all changes.
    by_code: BTreeMap<OccupationCode, Vec<(usize, usize)>>,
    /// Code → the date of the first release listing it.
    first_seen: BTreeMap<OccupationCode, Date>,
}

impl History {
    pub fn of(releases: &[Release]) -> History {
        let mut entries = Vec::new();
        let mut previous: Option<&Release> = None;
        for release in releases {
            let changes = previous.map(|p| diff(&p.occupations, &release.occupations)).unwrap_or_default();
            let revised_forms = release
                .forms
                .iter()
                .filter(|(name, print)| previous.is_some_and(|p| p.forms.get(*name).is_some_and(|old| old != *print)))
                .map(|(name, _)| name.clone())
                .collect();
            let essentials = match (previous.and_then(|p| p.essentials.as_ref()), &release.essentials) {
                (Some(old), Some(new)) => essentials::diff(old, new),
                _ => Vec::new(),
            };
            entries.push(Entry {
                date: release.date,
                note: release.note.clone(),
                changes,
                first: previous.is_none(),
                occupation_count: release.occupations.len(),
                revised_forms,
                essentials,
            });
            previous = Some(release);
        }
        let mut by_code: BTreeMap<OccupationCode, Vec<(usize, usize)>> = BTreeMap::new();
        for (e, entry) in entries.iter().enumerate() {
            for (c, change) in entry.changes.iter().enumerate() {
                for code in change.codes() {
                    by_code.entry(code).or_default().push((e, c));
                }
            }
        }
        let mut first_seen = BTreeMap::new();
        for release in releases {
            for o in &release.occupations {
                first_seen.entry(o.code).or_insert(release.date);
            }
        }
        History { entries, by_code, first_seen }
    }

    pub fn latest(&self) -> Option<&Entry> {
        self.entries.last()
    }

    /// Changes concerning `code`, newest first, with their dates.
    pub fn changes_for(&self, code: OccupationCode) -> Vec<(Date, &Change)> {
        let places = self.by_code.get(&code).map_or(&[][..], Vec::as_slice);
        places.iter().rev().map(|&(e, c)| (self.entries[e].date, &self.entries[e].changes[c])).collect()
    }

    /// When the page of `code` last changed: its latest change, else the first release listing it.
    pub fn last_changed(&self, code: OccupationCode) -> Option<Date> {
        let latest = self.by_code.get(&code).and_then(|places| places.last()).map(|&(e, _)| self.entries[e].date);
        latest.or_else(|| self.first_seen.get(&code).copied())
    }

    /// The date a form's text last changed in a release after its first, if ever.
    pub fn form_revised(&self, form: &str) -> Option<Date> {
        self.entries.iter().rev().find(|e| e.revised_forms.iter().any(|f| f == form)).map(|e| e.date)
    }

    /// The latest change of each essential, with the date of its release: what the pages
    /// say beside the value (`截止时间已延长至 …（原为 …）`).
    pub fn essentials_changed(&self) -> Vec<(Date, &EssentialChange)> {
        let mut latest: Vec<(Date, &EssentialChange)> = Vec::new();
        for entry in self.entries.iter().rev() {
            for change in &entry.essentials {
                if !latest.iter().any(|(_, c)| c.item == change.item) {
                    latest.push((entry.date, change));
                }
            }
        }
        latest
    }

    /// What a release changed, in a line: `申报截止时间延长；新增 1 个、调整 3 个职业（工种）；修订附件 1 份`.
    /// An occupation counts once however many of its values changed.
    pub fn summary(entry: &Entry) -> String {
        if entry.first {
            return format!("首次发布，共 {} 个职业（工种）", entry.occupation_count);
        }
        let mut parts: Vec<String> = entry.essentials.iter().map(EssentialChange::headline).collect();
        let occupations = |kind: &str| {
            let codes: BTreeSet<_> =
                entry.changes.iter().filter(|c| c.kind() == kind).filter_map(|c| c.codes().last().copied()).collect();
            codes.len()
        };
        let counts: Vec<String> = ["新增", "撤销", "调整"]
            .into_iter()
            .map(|kind| (kind, occupations(kind)))
            .filter(|&(_, n)| n > 0)
            .map(|(kind, n)| format!("{kind} {n} 个"))
            .collect();
        if !counts.is_empty() {
            parts.push(format!("{}职业（工种）", counts.join("、")));
        }
        if !entry.revised_forms.is_empty() {
            parts.push(format!("修订附件 {} 份", entry.revised_forms.len()));
        }
        if parts.is_empty() { "汇总表无变化".into() } else { parts.join("；") }
    }
}
