//! What changed in the notice's essentials between two releases: the deadline (延长, 提前 or
//! 更正), 报送方式, 联系人, 主送 and 落款, each with its old and new value.

use crate::config::Deadline;
use crate::model::Essentials;

/// One of the essentials a release records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Deadline,
    Submission,
    Contacts,
    Addressee,
    Signature,
}

impl Item {
    /// How the notice names it.
    pub fn name(self) -> &'static str {
        match self {
            Item::Deadline => "申报截止时间",
            Item::Submission => "报送方式",
            Item::Contacts => "联系人及电话",
            Item::Addressee => "主送机关",
            Item::Signature => "落款",
        }
    }
}

/// How a value changed: a later deadline is 延长, an earlier one 提前, anything else 更正.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Extended,
    Advanced,
    Corrected,
}

impl Way {
    pub fn verb(self) -> &'static str {
        match self {
            Way::Extended => "延长",
            Way::Advanced => "提前",
            Way::Corrected => "更正",
        }
    }
}

/// One essential's old and new value, as published (a list's entries in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EssentialChange {
    pub item: Item,
    pub from: Vec<String>,
    pub to: Vec<String>,
}

impl EssentialChange {
    pub fn way(&self) -> Way {
        match (self.item, deadline(&self.from), deadline(&self.to)) {
            (Item::Deadline, Some(from), Some(to)) if to > from => Way::Extended,
            (Item::Deadline, Some(from), Some(to)) if to < from => Way::Advanced,
            _ => Way::Corrected,
        }
    }

    /// For the notice's 本次更新 line: `申报截止时间延长`.
    pub fn headline(&self) -> String {
        format!("{}{}", self.item.name(), self.way().verb())
    }

    /// For /updates/ and the feed: `申报截止时间由 2026年3月31日 17:00 延长至 2027年3月31日 17:00`.
    pub fn describe(&self) -> String {
        let (from, to) = (self.shown(&self.from), self.shown(&self.to));
        match (self.way(), from.is_empty(), to.is_empty()) {
            (Way::Extended | Way::Advanced, _, _) => {
                format!("{}由 {from} {}至 {to}", self.item.name(), self.way().verb())
            }
            (_, true, _) => format!("{}更正为：{to}（原未注明）", self.item.name()),
            (_, _, true) => format!("{}不再注明（原为：{from}）", self.item.name()),
            _ => format!("{}更正为：{to}（原为：{from}）", self.item.name()),
        }
    }

    /// Beside the value on the pages: `截止时间已延长至 2027年3月31日 17:00（原为 2026年3月31日 17:00）`,
    /// or `报送方式已于 2027-01-05 更正（原为：…）`.
    pub fn notice(&self, date: jiff::civil::Date) -> String {
        let (from, to) = (self.shown(&self.from), self.shown(&self.to));
        match self.way() {
            Way::Extended | Way::Advanced => format!("截止时间已{}至 {to}（原为 {from}）", self.way().verb()),
            Way::Corrected if from.is_empty() => format!("{}已于 {date} 更正（原未注明）", self.item.name()),
            Way::Corrected => format!("{}已于 {date} 更正（原为：{from}）", self.item.name()),
        }
    }

    /// A value as the public reads it: the deadline as a 公文 writes it, a list joined by `；`.
    fn shown(&self, values: &[String]) -> String {
        match (self.item, deadline(values)) {
            (Item::Deadline, Some(d)) => d.display(),
            _ => values.join("；"),
        }
    }
}

fn deadline(values: &[String]) -> Option<Deadline> {
    values.first().and_then(|v| Deadline::parse(v).ok())
}

impl Item {
    /// In the notice's order.
    pub const ALL: [Item; 5] = [Item::Deadline, Item::Submission, Item::Contacts, Item::Addressee, Item::Signature];

    /// This essential's value in `essentials`, a list's entries in order (none when unset).
    pub fn values(self, essentials: &Essentials) -> Vec<String> {
        let one = |v: &Option<String>| v.iter().cloned().collect::<Vec<_>>();
        match self {
            Item::Deadline => one(&essentials.deadline),
            Item::Submission => essentials.submission.clone(),
            Item::Contacts => essentials.contacts.clone(),
            Item::Addressee => one(&essentials.addressee),
            Item::Signature => one(&essentials.signature),
        }
    }
}

/// What changed from `old` to `new`, in the notice's order.
pub fn diff(old: &Essentials, new: &Essentials) -> Vec<EssentialChange> {
    Item::ALL
        .into_iter()
        .map(|item| EssentialChange { item, from: item.values(old), to: item.values(new) })
        .filter(|change| change.from != change.to)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_deadline(deadline: &str) -> Essentials {
        Essentials { deadline: Some(deadline.into()), ..Essentials::default() }
    }

    #[test]
    fn a_later_deadline_is_extended_an_earlier_one_advanced() {
        let changes = diff(&with_deadline("2026-03-31 17:00"), &with_deadline("2027-03-31 17:00"));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].headline(), "申报截止时间延长");
        assert_eq!(changes[0].describe(), "申报截止时间由 2026年3月31日 17:00 延长至 2027年3月31日 17:00");
        let date = jiff::civil::date(2026, 12, 7);
        assert_eq!(changes[0].notice(date), "截止时间已延长至 2027年3月31日 17:00（原为 2026年3月31日 17:00）");
        let earlier = diff(&with_deadline("2026-03-31 17:00"), &with_deadline("2026-03-20 12:00"));
        assert_eq!(earlier[0].headline(), "申报截止时间提前");
    }

    #[test]
    fn other_essentials_are_corrected_with_their_old_value() {
        let old = Essentials { submission: vec!["甲".into(), "乙".into()], ..Essentials::default() };
        let new = Essentials { submission: vec!["甲".into()], addressee: Some("各区：".into()), ..old.clone() };
        let text: Vec<String> = diff(&old, &new).iter().map(EssentialChange::describe).collect();
        assert_eq!(text, ["报送方式更正为：甲（原为：甲；乙）", "主送机关更正为：各区：（原未注明）"]);
        assert!(diff(&new, &new).is_empty());
    }
}
