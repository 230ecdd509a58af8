//! Stage 3, model: the validated site, the only input of rendering.

use std::collections::BTreeMap;

use crate::config::{BaseUrl, Config, Deadline, Phone};
use crate::domain::{CategoryKey, Level, LevelSet, OccupationCode, Reading};
use crate::markdown::Document;

/// A site whose every value has been checked.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub base_url: BaseUrl,
    pub publish_date: jiff::civil::Date,
    /// 申报截止时间, when `config.toml` sets one.
    pub deadline: Option<Deadline>,
    /// 成文日期, when set.
    pub signed_date: Option<jiff::civil::Date>,
    /// 联系人 and 联系电话, in `config.toml` order.
    pub contacts: Vec<Contact>,
    pub notice: Notice,
    /// In 序号 order.
    pub occupations: Vec<Occupation>,
    /// Everyday words for occupations, from the optional `data/aliases.csv`, in its order.
    pub aliases: BTreeMap<OccupationCode, Vec<String>>,
    /// Names of every 大类 and 中类 in `data/categories.csv`.
    pub category_names: BTreeMap<CategoryKey, String>,
    /// In attachment-number order.
    pub forms: Vec<Form>,
    /// Recorded snapshots of the table, oldest first; the change history is derived from them.
    pub releases: Vec<Release>,
    /// Hand-written update notes (更正/补充), oldest first.
    pub updates: Vec<UpdateNote>,
    /// Built as a preview of changes not yet recorded as a release (`build --preview`): every
    /// page says so and asks not to be indexed.
    pub preview: bool,
}

/// A person to call about the notice.
#[derive(Debug, Clone)]
pub struct Contact {
    pub name: String,
    pub phone: Phone,
}

/// A published state of the table, recorded by `linxuan release`.
#[derive(Debug, Clone)]
pub struct Release {
    pub date: jiff::civil::Date,
    pub note: String,
    /// In 序号 order.
    pub occupations: Vec<Occupation>,
    /// Form name → fingerprint of its Markdown at the time, to date form revisions.
    pub forms: BTreeMap<String, String>,
    /// The notice's essentials as published then; `None` in a release recorded before
    /// releases held them.
    pub essentials: Option<Essentials>,
}

/// What an applicant acts on, as a release records it: 申报截止时间, 报送方式, 联系人, 主送
/// and 落款, each as published. A change of any of them is announced like a change of the table.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Essentials {
    /// `YYYY-MM-DD HH:MM`, as `config.toml` writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub submission: Vec<String>,
    /// `name phone`, one contact each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// `content/updates/<slug>.md`.
#[derive(Debug, Clone)]
pub struct UpdateNote {
    pub slug: String,
    pub title: String,
    pub date: jiff::civil::Date,
    pub document: Document,
}

/// The summary table's column headings, exactly as the notice prints them: what the table
/// is read by and what every copy of it (downloads, release snapshots) is headed with.
pub mod columns {
    pub const SEQ: &str = "序号";
    pub const NAME: &str = "职业（工种）";
    pub const CODE: &str = "职业编码";
    pub const LEVELS: &str = "等级范围";
    pub const COUNT: &str = "拟遴选机构数量";
    /// Optional: a pinyin reading that overrides the per-character default.
    pub const PINYIN: &str = "拼音";
    /// The notice's columns, in the notice's order.
    pub const HEADERS: [&str; 5] = [SEQ, NAME, CODE, LEVELS, COUNT];
}

/// One row of the summary table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupation {
    /// 序号
    pub seq: u32,
    /// 职业（工种）
    pub name: String,
    /// 职业编码
    pub code: OccupationCode,
    /// 等级范围
    pub levels: LevelSet,
    /// 拟遴选机构数量
    pub count: u32,
    /// Pinyin override from the optional `拼音` column, for readings the default gets wrong.
    pub pinyin: Option<String>,
}

/// An occupation with what both its pages and the search index show of it, worked out once
/// per build: reading a name's pinyin costs more than the rest of its row.
#[derive(Debug, Clone)]
pub struct PreparedOccupation<'a> {
    pub occupation: &'a Occupation,
    /// The code as written, `4-10-01-03`.
    pub code: String,
    /// The preferred reading, `bao yu shi`, the key names sort by.
    pub sort_key: String,
    /// Every accepted spelling and its initials, space-separated: `baoyushi bys`.
    pub readings: String,
    /// Every spelling as syllables, spellings separated by `|`: `bao yu shi`.
    pub spellings: String,
}

impl PreparedOccupation<'_> {
    /// Only the strings are kept: the full [`Reading`] of 10,000 names would weigh tens of
    /// megabytes for as long as the pages render.
    pub fn of(occupation: &Occupation) -> PreparedOccupation<'_> {
        PreparedOccupation::with(occupation, NameReadings::of(&occupation.name, occupation.pinyin.as_deref()))
    }

    /// The occupation with readings worked out before (the preview keeps them between builds).
    pub fn with(occupation: &Occupation, readings: NameReadings) -> PreparedOccupation<'_> {
        let NameReadings { sort_key, readings, spellings } = readings;
        PreparedOccupation { occupation, code: occupation.code.to_string(), sort_key, readings, spellings }
    }

    /// What [`NameReadings::of`] gave for this occupation.
    pub fn name_readings(&self) -> NameReadings {
        NameReadings {
            sort_key: self.sort_key.clone(),
            readings: self.readings.clone(),
            spellings: self.spellings.clone(),
        }
    }
}

/// A name's pinyin as [`PreparedOccupation`] holds it: it depends on the name and its
/// override alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameReadings {
    pub sort_key: String,
    pub readings: String,
    pub spellings: String,
}

impl NameReadings {
    pub fn of(name: &str, pinyin: Option<&str>) -> NameReadings {
        let reading = Reading::of(name, pinyin);
        NameReadings {
            sort_key: reading.sort_key(),
            readings: reading.full.iter().chain(&reading.initials).cloned().collect::<Vec<_>>().join(" "),
            spellings: reading.spellings.iter().map(|s| s.join(" ")).collect::<Vec<_>>().join("|"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Notice {
    pub title: String,
    pub document: Document,
}

/// A blank form under `content/forms/<slug>.md`.
#[derive(Debug, Clone)]
pub struct Form {
    pub slug: String,
    pub title: String,
    /// The heading printed on the form itself.
    pub heading: String,
    pub subtitle: Option<String>,
    /// 附件 number; 附件1 is the summary table itself.
    pub attachment: u32,
    /// The Markdown as written; pages, Word file and index are made from `document`.
    pub markdown: String,
    /// The form read once: its sections, tables, cells to write in and lines to sign.
    pub document: Document,
    /// Fingerprint of the Markdown source, compared with those recorded in releases.
    pub fingerprint: String,
}

impl Site {
    /// The essentials as they are published now, in the form a release records them.
    pub fn essentials(&self) -> Essentials {
        let notice = &self.config.notice;
        let text = |t: &Option<String>| t.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
        Essentials {
            deadline: self.deadline.map(|d| format!("{} {:02}:{:02}", d.date, d.hour, d.minute)),
            submission: notice
                .submission
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            contacts: self.contacts.iter().map(|c| format!("{} {}", c.name, c.phone.text)).collect(),
            addressee: text(&notice.addressee),
            signature: text(&notice.signature),
        }
    }

    pub fn occupations_at(&self, level: Level) -> impl Iterator<Item = &Occupation> {
        self.occupations.iter().filter(move |o| o.levels.contains(level))
    }

    /// Every 大类 and 中类 that at least one occupation belongs to, in code order.
    pub fn categories_in_use(&self) -> Vec<CategoryKey> {
        let keys: std::collections::BTreeSet<CategoryKey> =
            self.occupations.iter().flat_map(|o| [o.code.major(), o.code.middle()]).collect();
        keys.into_iter().collect()
    }

    /// The name of a category in use.
    pub fn category_name(&self, key: CategoryKey) -> &str {
        self.category_names.get(&key).expect("validation gives every category in use a name")
    }
}
