//! Stage 3, model: the validated site, the only input of rendering.

use std::collections::BTreeMap;

use crate::config::{BaseUrl, Config};
use crate::domain::{CategoryKey, Level, LevelSet, OccupationCode};
use crate::markdown::Document;

/// A site whose every value has been checked.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub base_url: BaseUrl,
    pub publish_date: jiff::civil::Date,
    pub notice: Notice,
    /// In 序号 order.
    pub occupations: Vec<Occupation>,
    /// Names of every 大类 and 中类 in `data/categories.csv`.
    pub category_names: BTreeMap<CategoryKey, String>,
    /// In attachment-number order.
    pub forms: Vec<Form>,
    /// Recorded snapshots of the table, oldest first; the change history is derived from them.
    pub releases: Vec<Release>,
    /// Hand-written update notes (更正/补充), oldest first.
    pub updates: Vec<UpdateNote>,
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
}

/// `content/updates/<slug>.md`.
#[derive(Debug, Clone)]
pub struct UpdateNote {
    pub slug: String,
    pub title: String,
    pub date: jiff::civil::Date,
    pub document: Document,
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
    pub fn occupations_at(&self, level: Level) -> impl Iterator<Item = &Occupation> {
        self.occupations.iter().filter(move |o| o.levels.contains(level))
    }

    /// Every 大类 and 中类 that at least one occupation belongs to, in code order.
    pub fn categories_in_use(&self) -> Vec<CategoryKey> {
        let keys: std::collections::BTreeSet<CategoryKey> =
            self.occupations.iter().flat_map(|o| [o.code.major(), o.code.middle()]).collect();
        keys.into_iter().collect()
    }

    /// The name of a category; validation guarantees every category in use has one.
    pub fn category_name(&self, key: CategoryKey) -> &str {
        self.category_names.get(&key).map_or("", String::as_str)
    }
}
