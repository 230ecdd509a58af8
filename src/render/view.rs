//! Ready-to-print data for templates: every string formatted, every URL resolved.
//!
//! Templates only loop and print; they never compute a URL or a label.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::FooterConfig;
use crate::derive::{Download, table_data};
use crate::domain::{Browse, CategoryKey, Level, Output, Page};
use crate::history::History;
use crate::model::{Occupation, PreparedOccupation, Site};
pub use crate::render::essentials::{Essentials, essentials, short_form_title};

/// Values every page can use, as `site.*`.
#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    /// Path prefix of every internal link, `/` or `/sub/path/`.
    pub base: String,
    pub home_url: String,
    pub css_url: String,
    pub notice_title: String,
    pub authority: String,
    pub document_number: Option<String>,
    pub publish_date: String,
    /// `YYYY-MM-DD HH:MM`, the format of the `PubDate` meta tag.
    pub pub_date_meta: String,
    pub footer: FooterConfig,
    pub levels: Vec<LevelLink>,
    pub majors: Vec<CategoryLink>,
    pub forms: Vec<FormLink>,
    /// The table as CSV, XLSX and JSON.
    pub data_downloads: Vec<DownloadLink>,
    pub occupation_count: usize,
    pub updates_url: String,
    pub feed_url: String,
    /// 最后更新: the latest release or update note, when there is one.
    pub last_updated: Option<String>,
    /// 本次更新: what the latest release changed, e.g. `新增 1 个、调整 2 项`.
    pub latest_summary: Option<String>,
    /// The home page's `<title>`: the notice's title, and the site's only when it differs.
    pub home_title: String,
    /// `<meta name="description">` of pages that have none of their own: whom the notice is
    /// for (`notice.audience`), else its title and authority.
    pub description: String,
    /// What a reader needs to act on the notice; unset keys are `None` or empty.
    pub essentials: Essentials,
    /// The banner of a preview of unrecorded changes (`build --preview`), on every page.
    pub preview: Option<String>,
    /// Traditional → simplified pairs for the characters of the names and aliases, so that
    /// the table filter reads 養老護理 as search does (`derive::search::tables`).
    pub filter_traditional: String,
}

#[derive(Serialize, Clone)]
pub struct LevelLink {
    pub number: u8,
    pub name: &'static str,
    pub title: &'static str,
    pub label: &'static str,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize, Clone)]
pub struct CategoryLink {
    pub code: String,
    pub name: String,
    pub url: String,
    pub count: usize,
    /// The 中类 of a 大类; empty for a 中类.
    pub children: Vec<CategoryLink>,
}

#[derive(Serialize, Clone)]
pub struct FormLink {
    pub attachment: u32,
    pub title: String,
    /// For the navigation: `申报表`.
    pub short_title: String,
    pub url: String,
    /// The Word copy of the form.
    pub docx: Option<DownloadLink>,
    /// The release date at which the form's text last changed, if it ever did.
    pub revised: Option<String>,
    /// The form to fill in, in the browser.
    pub fill_url: String,
    /// Whether its rows are occupations picked from the table (`?occupation=<code>` fills one).
    pub picks_occupations: bool,
}

/// A link to a file, with what a reader needs to know before clicking.
#[derive(Serialize, Clone)]
pub struct DownloadLink {
    pub url: String,
    /// Chinese file name for the `download` attribute; the URL stays ASCII.
    pub file_name: String,
    pub format: &'static str,
    pub extension: &'static str,
    pub size: String,
}

pub fn download_link(site: &Site, d: &Download) -> DownloadLink {
    DownloadLink {
        url: site.base_url.link(&d.path),
        file_name: d.file_name.clone(),
        format: d.format,
        extension: d.extension,
        size: d.size.clone(),
    }
}

/// One table row / list entry.
#[derive(Serialize, Clone)]
pub struct OccupationRow {
    pub seq: u32,
    pub name: String,
    pub code: String,
    pub url: String,
    /// The notice's spelling, `5、4、3、2、1`.
    pub levels_text: String,
    /// In words, `五级/初级工 至 一级/高级技师`.
    pub levels_label: String,
    /// Level numbers separated by spaces, for the filter script's `data-levels`.
    pub levels_data: String,
    pub count: u32,
    pub major: String,
    pub middle: String,
    /// The preferred pinyin reading, `bao yu shi`, for sorting by name.
    pub pinyin: String,
    /// Every accepted spelling and its initials, for the filter's text box.
    pub readings: String,
    /// Everyday names from `data/aliases.csv`, space-separated, for the filter's text box.
    pub aliases: String,
}

/// One rung of an occupation page's level ladder, highest level first.
#[derive(Serialize)]
pub struct LadderStep {
    pub number: u8,
    pub name: &'static str,
    pub title: &'static str,
    pub included: bool,
}

#[derive(Serialize)]
pub struct Breadcrumb {
    pub name: String,
    pub url: String,
}

/// Everything `occupation.html` shows.
#[derive(Serialize)]
pub struct OccupationPage<'a> {
    pub row: &'a OccupationRow,
    /// This occupation's changes, newest first.
    pub history: Vec<HistoryLine>,
    /// 最后更新
    pub last_changed: Option<String>,
    pub ladder: Vec<LadderStep>,
    pub major: Breadcrumb,
    pub middle: Breadcrumb,
    pub prev: Option<Neighbour<'a>>,
    pub next: Option<Neighbour<'a>>,
}

/// The previous or next occupation in 序号 order: only what the pager shows, since every
/// field given to Tera is copied into its context once per page.
#[derive(Serialize)]
pub struct Neighbour<'a> {
    pub name: &'a str,
    pub code: &'a str,
    pub url: &'a str,
    pub seq: u32,
}

impl<'a> From<&'a OccupationRow> for Neighbour<'a> {
    fn from(row: &'a OccupationRow) -> Neighbour<'a> {
        Neighbour { name: &row.name, code: &row.code, url: &row.url, seq: row.seq }
    }
}

/// What a form's page and its fill page both print at the top: `page.slug`, `page.attachment`,
/// `page.title`, `page.heading`, `page.subtitle`.
#[derive(Serialize)]
pub struct FormHeading {
    pub slug: String,
    pub attachment: u32,
    pub title: String,
    pub heading: String,
    pub subtitle: Option<String>,
}

impl FormHeading {
    pub fn of(form: &crate::model::Form) -> FormHeading {
        FormHeading {
            slug: form.slug.clone(),
            attachment: form.attachment,
            title: form.title.clone(),
            heading: form.heading.clone(),
            subtitle: form.subtitle.clone(),
        }
    }
}

/// Everything `browse.html` shows: the folder above the occupations, levels or categories.
#[derive(Serialize)]
pub struct BrowsePage {
    /// `occupations`, `levels` or `categories`: which lists the page shows.
    pub kind: &'static str,
    pub heading: &'static str,
    pub lead: String,
    /// The notice's full table.
    pub table_url: String,
}

impl BrowsePage {
    pub fn new(site: &Site, browse: Browse) -> BrowsePage {
        let count = site.occupations.len();
        let (kind, heading, lead) = match browse {
            Browse::Occupations => (
                "occupations",
                "遴选职业（工种）",
                format!(
                    "本次遴选共 {count} 个职业（工种），全部列在附件1 遴选职业（工种）汇总表中；也可按等级或按职业类别浏览。"
                ),
            ),
            Browse::Levels => ("levels", "按等级浏览", "每个职业（工种）列在其等级范围所含的每一个等级下。".to_owned()),
            Browse::Categories => {
                ("categories", "按职业类别浏览", "按职业编码的大类、中类浏览本次遴选的职业（工种）。".to_owned())
            }
        };
        BrowsePage { kind, heading, lead, table_url: format!("{}#table", site.base_url.page(Page::Notice)) }
    }
}

/// Everything `form.html` shows.
#[derive(Serialize)]
pub struct FormPage {
    #[serde(flatten)]
    pub form: FormHeading,
    pub body_html: String,
    pub docx: Option<DownloadLink>,
    pub revised: Option<String>,
    /// The form to fill in, in the browser.
    pub fill_url: String,
}

pub fn row(site: &Site, prepared: &PreparedOccupation) -> OccupationRow {
    let PreparedOccupation { occupation: o, code, sort_key, readings, .. } = prepared;
    // As the table's data file writes them, for the rows the filter makes from it.
    let [levels_data, levels_text, levels_label] = table_data::level_set(o.levels);
    OccupationRow {
        seq: o.seq,
        name: o.name.clone(),
        code: code.clone(),
        url: site.base_url.occupation(o.code),
        levels_text,
        levels_label,
        levels_data,
        count: o.count,
        major: o.code.major().to_string(),
        middle: o.code.middle().to_string(),
        pinyin: sort_key.clone(),
        readings: readings.clone(),
        aliases: site.aliases.get(&o.code).map(|a| a.join(" ")).unwrap_or_default(),
    }
}

/// The occupations (indices, in 序号 order) of every 大类 and 中类 in use, found in one pass.
pub type Members = BTreeMap<CategoryKey, Vec<usize>>;

pub fn members(site: &Site) -> Members {
    let mut members = Members::new();
    for (i, o) in site.occupations.iter().enumerate() {
        members.entry(o.code.major()).or_default().push(i);
        members.entry(o.code.middle()).or_default().push(i);
    }
    members
}

pub fn category_link(site: &Site, key: CategoryKey, members: &Members) -> CategoryLink {
    let children = if key.is_major() {
        members.keys().filter(|k| !k.is_major() && k.major() == key).map(|k| category_link(site, *k, members)).collect()
    } else {
        Vec::new()
    };
    CategoryLink {
        code: key.to_string(),
        name: site.category_name(key).to_owned(),
        url: site.base_url.category(key),
        count: members.get(&key).expect("categories are linked from the members map").len(),
        children,
    }
}

pub fn site_view(site: &Site, downloads: &[Download], history: &History, members: &Members) -> SiteView {
    let latest_release = history.latest().map(|e| e.date);
    let latest_note = site.updates.last().map(|u| u.date);
    let notice = &site.config.notice;
    SiteView {
        title: site.config.title.clone(),
        base: site.base_url.path.clone(),
        home_url: site.base_url.page(Page::Notice),
        css_url: site.base_url.link("assets/site.css"),
        notice_title: site.notice.title.clone(),
        authority: notice.authority.clone(),
        document_number: notice.document_number.clone().filter(|d| !d.trim().is_empty()),
        publish_date: site.publish_date.to_string(),
        pub_date_meta: format!("{} {}", site.publish_date, notice.publish_time.as_deref().unwrap_or("00:00")),
        footer: site.config.footer.clone(),
        levels: Level::ALL
            .iter()
            .map(|&l| LevelLink {
                number: l.number(),
                name: l.name(),
                title: l.title(),
                label: l.label(),
                url: site.base_url.level(l),
                count: site.occupations_at(l).count(),
            })
            .collect(),
        majors: members.keys().filter(|k| k.is_major()).map(|k| category_link(site, *k, members)).collect(),
        forms: site
            .forms
            .iter()
            .map(|f| FormLink {
                attachment: f.attachment,
                title: f.title.clone(),
                short_title: short_form_title(&f.title),
                url: site.base_url.form(&f.slug),
                revised: history.form_revised(&f.slug).map(|d| d.to_string()),
                fill_url: site.base_url.page(Page::FormFill(&f.slug)),
                picks_occupations: crate::markdown::fill::picks_occupations(&f.document),
                docx: downloads.iter().find(|d| d.form.as_deref() == Some(&f.slug)).map(|d| download_link(site, d)),
            })
            .collect(),
        data_downloads: downloads.iter().filter(|d| d.form.is_none()).map(|d| download_link(site, d)).collect(),
        occupation_count: site.occupations.len(),
        updates_url: site.base_url.page(Page::Updates),
        feed_url: site.base_url.link_to(Output::Feed),
        last_updated: latest_release.max(latest_note).map(|d| d.to_string()),
        latest_summary: history.latest().map(History::summary),
        home_title: if site.notice.title.trim() == site.config.title.trim() {
            site.notice.title.clone()
        } else {
            format!("{} - {}", site.notice.title, site.config.title)
        },
        description: description(site),
        essentials: essentials(site, history),
        preview: site.preview.then(|| crate::msg!("build.preview_banner")),
        filter_traditional: crate::derive::search::tables::traditional(
            &site
                .occupations
                .iter()
                .map(|o| o.name.as_str())
                .chain(site.aliases.values().flatten().map(String::as_str))
                .flat_map(str::chars)
                .collect(),
        ),
    }
}

/// What search engines show under the title: the audience sentence, else title and authority.
fn description(site: &Site) -> String {
    let audience = site.config.notice.audience.as_deref().map(str::trim).filter(|a| !a.is_empty());
    audience.map_or_else(|| format!("{}：{}", site.config.notice.authority, site.notice.title), str::to_owned)
}

/// One dated line of a change history.
#[derive(Serialize)]
pub struct HistoryLine {
    pub date: String,
    pub text: String,
}

/// The page of `o`, the occupation at `index` in 序号 order; `rows` holds [`row`] of every
/// occupation, in the same order.
pub fn occupation_page<'a>(
    site: &Site,
    o: &Occupation,
    index: usize,
    history: &History,
    rows: &'a [OccupationRow],
) -> OccupationPage<'a> {
    let crumb = |key: CategoryKey| Breadcrumb {
        name: format!("{key} {}", site.category_name(key)),
        url: site.base_url.category(key),
    };
    OccupationPage {
        row: rows.get(index).expect("one row per occupation, in the same order"),
        ladder: Level::ALL
            .iter()
            .rev()
            .map(|&l| LadderStep {
                number: l.number(),
                name: l.name(),
                title: l.title(),
                included: o.levels.contains(l),
            })
            .collect(),
        history: history
            .changes_for(o.code)
            .into_iter()
            .map(|(date, c)| HistoryLine { date: date.to_string(), text: c.describe() })
            .collect(),
        last_changed: history.last_changed(o.code).map(|d| d.to_string()),
        major: crumb(o.code.major()),
        middle: crumb(o.code.middle()),
        prev: index.checked_sub(1).and_then(|i| rows.get(i)).map(Neighbour::from),
        next: rows.get(index + 1).map(Neighbour::from),
    }
}
