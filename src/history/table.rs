//! What changed in the table between two releases, occupation by occupation.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{LevelSet, OccupationCode};
use crate::model::Occupation;

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

/// Whether two tables hold the same rows in the same order, as a release snapshot records
/// them: 序号, name, code, levels and count (a snapshot keeps no 拼音 column).
pub fn same_rows(a: &[Occupation], b: &[Occupation]) -> bool {
    let same = |x: &Occupation, y: &Occupation| {
        x.seq == y.seq && x.code == y.code && x.name == y.name && x.levels == y.levels && x.count == y.count
    };
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
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
