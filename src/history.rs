//! The change history, derived from consecutive releases: nothing published is a source.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::diagnostics::Diagnostics;
use crate::domain::{LevelSet, OccupationCode};
use crate::load::Sources;
use crate::model::{Occupation, Release, Site};
use crate::msg;

/// One change between two releases, for one occupation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added { name: String, code: OccupationCode },
    Withdrawn { name: String, code: OccupationCode },
    Levels { name: String, code: OccupationCode, from: LevelSet, to: LevelSet },
    Count { name: String, code: OccupationCode, from: u32, to: u32 },
    Renamed { code: OccupationCode, from: String, to: String },
    Recoded { name: String, from: OccupationCode, to: OccupationCode },
}

impl Change {
    /// The sentence readers see, e.g. `保育师（4-10-01-03）等级范围由 5、4、3 调整为 5、4、3、2、1`.
    pub fn describe(&self) -> String {
        match self {
            Change::Added { name, code } => format!("新增 {name}（{code}）"),
            Change::Withdrawn { name, code } => format!("撤销 {name}（{code}）"),
            Change::Levels { name, code, from, to } => format!("{name}（{code}）等级范围由 {from} 调整为 {to}"),
            Change::Count { name, code, from, to } => format!("{name}（{code}）拟遴选机构数量由 {from} 调整为 {to}"),
            Change::Renamed { code, from, to } => format!("{code} 名称由 {from} 变更为 {to}"),
            Change::Recoded { name, from, to } => format!("{name} 职业编码由 {from} 变更为 {to}"),
        }
    }

    /// The code(s) whose pages this change concerns.
    pub fn codes(&self) -> Vec<OccupationCode> {
        match self {
            Change::Added { code, .. }
            | Change::Withdrawn { code, .. }
            | Change::Levels { code, .. }
            | Change::Count { code, .. }
            | Change::Renamed { code, .. } => vec![*code],
            Change::Recoded { from, to, .. } => vec![*from, *to],
        }
    }

    /// `新增`, `撤销` or `调整`, for summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Added { .. } => "新增",
            Change::Withdrawn { .. } => "撤销",
            _ => "调整",
        }
    }
}

/// What changed from `old` to `new`, in code order.
pub fn diff(old: &[Occupation], new: &[Occupation]) -> Vec<Change> {
    let old_by_code: BTreeMap<OccupationCode, &Occupation> = old.iter().map(|o| (o.code, o)).collect();
    let new_by_code: BTreeMap<OccupationCode, &Occupation> = new.iter().map(|o| (o.code, o)).collect();
    let mut changes = Vec::new();
    let mut gone: Vec<&Occupation> = old.iter().filter(|o| !new_by_code.contains_key(&o.code)).collect();
    let mut came: Vec<&Occupation> = new.iter().filter(|o| !old_by_code.contains_key(&o.code)).collect();
    // A name that left under one code and came back under another is a code change.
    let mut recoded: BTreeSet<OccupationCode> = BTreeSet::new();
    for g in &gone {
        if let Some(c) = came.iter().find(|c| c.name == g.name && !recoded.contains(&c.code)) {
            recoded.insert(c.code);
            recoded.insert(g.code);
            changes.push(Change::Recoded { name: g.name.clone(), from: g.code, to: c.code });
            changes.extend(attribute_changes(g, c));
        }
    }
    gone.retain(|g| !recoded.contains(&g.code));
    came.retain(|c| !recoded.contains(&c.code));
    changes.extend(gone.iter().map(|g| Change::Withdrawn { name: g.name.clone(), code: g.code }));
    changes.extend(came.iter().map(|c| Change::Added { name: c.name.clone(), code: c.code }));
    for (code, n) in &new_by_code {
        if let Some(o) = old_by_code.get(code) {
            if o.name != n.name {
                changes.push(Change::Renamed { code: *code, from: o.name.clone(), to: n.name.clone() });
            }
            changes.extend(attribute_changes(o, n));
        }
    }
    changes.sort_by_key(|c| c.codes().last().copied());
    changes
}

fn attribute_changes(old: &Occupation, new: &Occupation) -> Vec<Change> {
    let mut out = Vec::new();
    if old.levels != new.levels {
        out.push(Change::Levels { name: new.name.clone(), code: new.code, from: old.levels, to: new.levels });
    }
    if old.count != new.count {
        out.push(Change::Count { name: new.name.clone(), code: new.code, from: old.count, to: new.count });
    }
    out
}

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
            entries.push(Entry {
                date: release.date,
                note: release.note.clone(),
                changes,
                first: previous.is_none(),
                occupation_count: release.occupations.len(),
                revised_forms,
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

    /// Counts per kind, `新增 1 个、撤销 1 个、调整 2 项`.
    pub fn summary(entry: &Entry) -> String {
        if entry.first {
            return format!("首次发布，共 {} 个职业（工种）", entry.occupation_count);
        }
        let count = |kind: &str| entry.changes.iter().filter(|c| c.kind() == kind).count();
        let mut parts = Vec::new();
        for (kind, unit) in [("新增", "个"), ("撤销", "个"), ("调整", "项")] {
            let n = count(kind);
            if n > 0 {
                parts.push(format!("{kind} {n} {unit}"));
            }
        }
        if !entry.revised_forms.is_empty() {
            parts.push(format!("修订附件 {} 份", entry.revised_forms.len()));
        }
        if parts.is_empty() { "汇总表无变化".into() } else { parts.join("、") }
    }
}

/// Whether two tables hold the same rows in the same order, as a release snapshot records
/// them: 序号, name, code, levels and count (a snapshot keeps no 拼音 column).
pub fn same_rows(a: &[Occupation], b: &[Occupation]) -> bool {
    let same = |x: &Occupation, y: &Occupation| {
        x.seq == y.seq && x.code == y.code && x.name == y.name && x.levels == y.levels && x.count == y.count
    };
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}

/// How many changes a warning spells out before it counts the rest.
const CHANGES_SHOWN: usize = 5;

/// Warns when the table or a form differs from the last release: until it is recorded,
/// `/updates/`, the feed and each page's 最后更新 do not show the change, and the published
/// site would not say that it changed. A warning, not an error: `linxuan release` records
/// exactly this state, and a site may be previewed and checked before it does.
pub fn unrecorded(site: &Site, sources: &Sources, diags: &mut Diagnostics) {
    let (Some(last), Some(table)) = (site.releases.last(), &sources.occupations) else { return };
    let table = table.path.as_str();
    let now = &site.occupations;
    let hint = msg!("history.how_to_record");
    let changes = diff(&last.occupations, now);
    if !changes.is_empty() {
        let mut listed: Vec<String> = changes.iter().take(CHANGES_SHOWN).map(|c| c.describe()).collect();
        if changes.len() > CHANGES_SHOWN {
            listed.push(msg!("history.and_more", count = changes.len() - CHANGES_SHOWN));
        }
        diags.warning(
            table,
            None,
            None,
            msg!(
                "history.table_changed",
                date = last.date,
                count = changes.len(),
                changes = listed.join("；"),
                hint = hint
            ),
        );
    } else if !same_rows(&last.occupations, now) {
        diags.warning(table, None, None, msg!("history.order_changed", date = last.date, hint = hint));
    }
    for form in &site.forms {
        if last.forms.get(&form.slug).is_some_and(|print| *print != form.fingerprint) {
            let source = sources.forms.iter().find(|(slug, _)| *slug == form.slug).map(|(_, file)| file.path.clone());
            let path = source.unwrap_or_else(|| format!("{}/{}.md", crate::load::FORMS_DIR, form.slug));
            diags.warning(&path, None, None, msg!("history.form_changed", date = last.date));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(seq: u32, name: &str, code: &str, levels: &str, count: u32) -> Occupation {
        Occupation {
            seq,
            name: name.into(),
            code: OccupationCode::parse(code).expect("code"),
            levels: LevelSet::parse(levels).expect("levels"),
            count,
            pinyin: None,
        }
    }

    #[test]
    fn spells_out_each_kind_of_change() {
        let old = vec![
            occ(1, "保育师", "4-10-01-03", "5-3", 1),
            occ(2, "电工", "6-31-01-03", "5-1", 1),
            occ(3, "焊工", "6-18-02-04", "5-1", 1),
            occ(4, "车工", "6-18-01-01", "5-1", 1),
        ];
        let new = vec![
            occ(1, "保育师", "4-10-01-03", "5-1", 2),
            occ(2, "电工", "6-31-01-03", "5-1", 1),
            occ(3, "茶艺师", "4-03-02-07", "5-1", 1),
            occ(4, "车工", "6-18-01-09", "5-1", 1),
        ];
        let text: Vec<String> = diff(&old, &new).iter().map(Change::describe).collect();
        assert_eq!(
            text,
            [
                "新增 茶艺师（4-03-02-07）",
                "保育师（4-10-01-03）等级范围由 5、4、3 调整为 5、4、3、2、1",
                "保育师（4-10-01-03）拟遴选机构数量由 1 调整为 2",
                "车工 职业编码由 6-18-01-01 变更为 6-18-01-09",
                "撤销 焊工（6-18-02-04）",
            ]
        );
    }

    #[test]
    fn nothing_changed_means_no_changes() {
        let table = vec![occ(1, "保育师", "4-10-01-03", "5-3", 1)];
        assert!(diff(&table, &table).is_empty());
    }
}
