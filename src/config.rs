//! `config.toml`: the site's identity and the notice's metadata.
//!
//! Unknown keys are errors (with the nearest known key suggested) so a typo never silently
//! drops a value from the published page.

use serde::de::{IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::domain::{CategoryKey, Level, OccupationCode};

/// The whole `config.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown in the header and in `<title>`.
    pub title: String,
    /// Where the site is published, e.g. `https://example.gov.cn/rsj/2026/linxuan/`.
    pub base_url: String,
    /// The notice's metadata block.
    pub notice: NoticeConfig,
    #[serde(default)]
    pub footer: FooterConfig,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeConfig {
    /// 发布机构
    pub authority: String,
    /// 文号, e.g. `X人社函〔2026〕1号`
    #[serde(default)]
    pub document_number: Option<String>,
    /// 发布日期, `YYYY-MM-DD`
    pub publish_date: String,
    /// Time of day for the `PubDate` meta tag, `HH:MM`.
    #[serde(default)]
    pub publish_time: Option<String>,
    // What a reader needs to act on the notice; each is optional and shown only when set.
    /// 主送机关, e.g. `各有关单位：`, above the body.
    #[serde(default)]
    pub addressee: Option<String>,
    /// 申报截止时间, `YYYY-MM-DD HH:MM`, Beijing time.
    #[serde(default)]
    pub deadline: Option<String>,
    /// 报送方式: addresses, mailboxes or platforms, one entry each.
    #[serde(default)]
    pub submission: Vec<String>,
    /// 联系人 and 联系电话.
    #[serde(default)]
    pub contacts: Vec<ContactConfig>,
    /// 落款: the issuing authority as signed at the end of the body.
    #[serde(default)]
    pub signature: Option<String>,
    /// 成文日期, `YYYY-MM-DD`.
    #[serde(default)]
    pub signed_date: Option<String>,
    /// One sentence on who the notice is for.
    #[serde(default)]
    pub audience: Option<String>,
}

/// One `[[notice.contacts]]` entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContactConfig {
    pub name: String,
    pub phone: String,
}

/// 申报截止时间, a Beijing-time date and minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub date: jiff::civil::Date,
    pub hour: u8,
    pub minute: u8,
}

impl Deadline {
    /// `YYYY-MM-DD HH:MM`, as `config.toml` writes it.
    pub fn parse(text: &str) -> Result<Deadline, String> {
        let bad =
            || format!("`{text}` is not a deadline; expected YYYY-MM-DD HH:MM (Beijing time), e.g. 2026-03-31 17:00");
        let (date, time) = text.trim().split_once(' ').ok_or_else(bad)?;
        let date = parse_date(date).map_err(|_| bad())?;
        parse_time(time.trim()).map_err(|_| bad())?;
        let (h, m) = time.trim().split_once(':').ok_or_else(bad)?;
        Ok(Deadline { date, hour: h.parse().map_err(|_| bad())?, minute: m.parse().map_err(|_| bad())? })
    }

    /// ISO 8601 with the China offset, for `<time datetime>` and the browser's countdown.
    pub fn iso(&self) -> String {
        format!("{}T{:02}:{:02}+08:00", self.date, self.hour, self.minute)
    }

    /// As a 公文 writes it: `2026年3月31日 17:00`.
    pub fn display(&self) -> String {
        format!("{} {:02}:{:02}", chinese_date(self.date), self.hour, self.minute)
    }
}

/// A date as a 公文 writes it: `2026年3月1日`.
pub fn chinese_date(date: jiff::civil::Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// A phone number as written and the digits a `tel:` link dials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub text: String,
    pub digits: String,
}

impl Phone {
    /// Digits with the usual separators (`-`, spaces, brackets, a leading `+`); an extension
    /// after `转` is shown but not dialled.
    pub fn parse(text: &str) -> Result<Phone, String> {
        let text = text.trim();
        let dialled = text.split('转').next().unwrap_or(text);
        let valid = |c: char| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '（' | '）' | '+');
        let digits: String = dialled.chars().filter(char::is_ascii_digit).collect();
        let extension_ok =
            text.split('转').skip(1).all(|e| !e.trim().is_empty() && e.trim().chars().all(|c| c.is_ascii_digit()));
        if !dialled.chars().all(valid) || !(7..=15).contains(&digits.len()) || !extension_ok {
            return Err(format!(
                "`{text}` is not a phone number; expected digits with - or spaces, e.g. 010-12345678 or 13800000000 (extension: 010-12345678转123)"
            ));
        }
        Ok(Phone { text: text.to_owned(), digits })
    }
}

/// Footer identity of a government site; every item is optional and omitted when unset.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FooterConfig {
    /// 主办单位
    #[serde(default)]
    pub sponsor: Option<String>,
    /// 网站标识码
    #[serde(default)]
    pub site_code: Option<String>,
    /// ICP备案号
    #[serde(default)]
    pub icp: Option<String>,
    /// 公安备案号
    #[serde(default)]
    pub police: Option<String>,
}

/// The base URL split into what links need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseUrl {
    /// Absolute, ending in `/`: `https://example.gov.cn/rsj/`.
    pub absolute: String,
    /// The path part, starting and ending in `/`: `/rsj/`. Internal links start with it.
    pub path: String,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let url = url::Url::parse(text.trim())
            .map_err(|e| format!("`{text}` is not a URL ({e}); expected e.g. https://example.gov.cn/linxuan/"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!("`{text}` must be an http(s) URL with a host, e.g. https://example.gov.cn/linxuan/"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!("`{text}` must not have a query or fragment"));
        }
        let mut absolute = url.to_string();
        if !absolute.ends_with('/') {
            absolute.push('/');
        }
        let mut path = url.path().to_owned();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { absolute, path })
    }

    /// A site-internal link for `rel` (no leading slash): `/rsj/occupations/4-10-01-03/`.
    pub fn link(&self, rel: &str) -> String {
        format!("{}{rel}", self.path)
    }

    /// The absolute URL for `rel`, for the sitemap and canonical links.
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{rel}", self.absolute)
    }

    /// The link to a page of the URL contract.
    pub fn page(&self, page: Page) -> String {
        self.link(&page.dir())
    }

    /// `/rsj/occupations/4-10-01-03/`
    pub fn occupation(&self, code: OccupationCode) -> String {
        self.page(Page::Occupation(code))
    }

    /// `/rsj/levels/3/`
    pub fn level(&self, level: Level) -> String {
        self.page(Page::Level(level))
    }

    /// `/rsj/categories/4-10/`
    pub fn category(&self, key: CategoryKey) -> String {
        self.page(Page::Category(key))
    }

    /// `/rsj/forms/application/`
    pub fn form(&self, slug: &str) -> String {
        self.page(Page::Form(slug))
    }
}

/// A page of the URL contract: the one place that knows where each page lives, for links,
/// output paths and the sitemap alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    Notice,
    Search,
    Updates,
    Form(&'a str),
    /// `forms/<slug>/fill/`: the form to fill in, in the browser only.
    FormFill(&'a str),
    Occupation(OccupationCode),
    Level(Level),
    Category(CategoryKey),
    /// Page `number` (from 2) of a list too long for one page: `levels/3/page/2/`. Page 1 is
    /// the list's own page.
    ListPart(List, usize),
    /// The folder above occupations, levels or categories (`levels/`): where a reader who
    /// shortens an address lands, with the ways into the lists.
    Browse(Browse),
}

/// What a [`Page::Browse`] page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browse {
    Occupations,
    Levels,
    Categories,
}

/// A list of occupations that is split into pages of [`LIST_PAGE_ROWS`] rows when long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum List {
    Level(Level),
    Category(CategoryKey),
}

/// Rows per page of a level or category list: a page a phone renders at once (about 70 KB of
/// HTML), while a 10,000-row catalogue still needs only a few dozen pages per level.
pub const LIST_PAGE_ROWS: usize = 200;

/// Rows the notice page's table holds in its HTML, as many as a list page. A longer table lists
/// its first rows there (and every row on the level and category pages); the filter script
/// loads the whole table from [`TABLE_DATA`] and shows the rows that match. 200, not 500: the
/// page's own rows are most of the filter's first view (10,000 rows: 0.57× the time with 200).
pub const NOTICE_TABLE_ROWS: usize = 200;

/// Every row of the table, for the notice's filter when the table is longer than
/// [`NOTICE_TABLE_ROWS`], and for the fill pages' occupation pickers (written for every site).
pub const TABLE_DATA: &str = "search/table.json";

impl List {
    /// The list's page `number` (1-based).
    pub fn page(self, number: usize) -> Page<'static> {
        match (self, number) {
            (List::Level(level), 1) => Page::Level(level),
            (List::Category(key), 1) => Page::Category(key),
            _ => Page::ListPart(self, number),
        }
    }
}

impl Page<'_> {
    /// The page's folder relative to the base URL, ending in `/` (empty for the notice):
    /// `occupations/4-10-01-03/`. The page itself is the folder's `index.html`.
    pub fn dir(self) -> String {
        match self {
            Page::Notice => String::new(),
            Page::Search => "search/".into(),
            Page::Updates => "updates/".into(),
            Page::Form(slug) => format!("forms/{slug}/"),
            Page::FormFill(slug) => format!("forms/{slug}/fill/"),
            Page::Occupation(code) => format!("occupations/{code}/"),
            Page::Level(level) => format!("levels/{}/", level.number()),
            Page::Category(key) => format!("categories/{key}/"),
            Page::ListPart(list, number) => format!("{}page/{number}/", list.page(1).dir()),
            Page::Browse(Browse::Occupations) => "occupations/".into(),
            Page::Browse(Browse::Levels) => "levels/".into(),
            Page::Browse(Browse::Categories) => "categories/".into(),
        }
    }
}

/// Checks a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    let ok_shape = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match text.parse::<jiff::civil::Date>() {
        Ok(date) if ok_shape => Ok(date),
        _ => Err(format!("`{text}` is not a date; expected YYYY-MM-DD, e.g. 2026-03-01")),
    }
}

/// Checks an `HH:MM` time.
pub fn parse_time(text: &str) -> Result<(), String> {
    let bad = || format!("`{text}` is not a time; expected HH:MM, e.g. 09:30");
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    let valid = |s: &str, max: u8| s.len() == 2 && s.parse::<u8>().is_ok_and(|v| v <= max);
    (valid(h, 23) && valid(m, 59)).then_some(()).ok_or_else(bad)
}

/// Every key `config.toml` accepts, those of its tables included, read from the [`Config`]
/// type itself, for "did you mean" hints.
pub fn known_keys() -> Vec<&'static str> {
    let mut keys = Vec::new();
    // The walk answers every field with an empty value; the Config it makes is not needed,
    // and a walk cut short (by a field type it cannot answer) only shortens a hint.
    let _ = Config::deserialize(KeyWalk { keys: &mut keys });
    keys
}

/// A deserializer that records the field names of every struct it is asked for and answers
/// each field with an empty value, so that a derived `Deserialize` lists its own keys.
struct KeyWalk<'k> {
    keys: &'k mut Vec<&'static str>,
}

type WalkError = serde::de::value::Error;

impl<'de> serde::Deserializer<'de> for KeyWalk<'_> {
    type Error = WalkError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_bool(false)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_i64(0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_u64(0)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_f64(0.0)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_str("")
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_seq(serde::de::value::SeqDeserializer::new(std::iter::empty::<()>()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, WalkError> {
        self.keys.extend(fields);
        visitor.visit_map(FieldWalk { fields: fields.iter(), keys: self.keys })
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u32 u128 f32 char bytes byte_buf unit unit_struct newtype_struct
        tuple tuple_struct map enum identifier ignored_any
    }
}

/// The fields of one struct, each answered by a [`KeyWalk`] of its own.
struct FieldWalk<'k> {
    fields: std::slice::Iter<'static, &'static str>,
    keys: &'k mut Vec<&'static str>,
}

impl<'de> serde::de::MapAccess<'de> for FieldWalk<'_> {
    type Error = WalkError;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, WalkError> {
        let Some(field) = self.fields.next() else { return Ok(None) };
        seed.deserialize(IntoDeserializer::<WalkError>::into_deserializer(*field)).map(Some)
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, WalkError> {
        seed.deserialize(KeyWalk { keys: self.keys })
    }
}

/// The known key closest to `unknown`, for "did you mean" hints.
pub fn nearest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(unknown, k), *k))
        .filter(|(d, k)| *d <= 3.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_the_sub_path() {
        let b = BaseUrl::parse("https://example.gov.cn/rsj/2026").expect("valid");
        assert_eq!(b.absolute, "https://example.gov.cn/rsj/2026/");
        assert_eq!(b.path, "/rsj/2026/");
        assert_eq!(b.link("levels/1/"), "/rsj/2026/levels/1/");
        assert_eq!(b.level(Level::new(1).expect("level 1")), "/rsj/2026/levels/1/");
        let code = OccupationCode::parse("4-10-01-03").expect("valid code");
        assert_eq!(b.occupation(code), "/rsj/2026/occupations/4-10-01-03/");
        assert_eq!(b.category(code.middle()), "/rsj/2026/categories/4-10/");
        assert_eq!(b.form("application"), "/rsj/2026/forms/application/");
        assert_eq!(b.page(Page::Notice), "/rsj/2026/");
        assert!(BaseUrl::parse("example.gov.cn").is_err());
        assert!(BaseUrl::parse("ftp://example.gov.cn/").is_err());
    }

    #[test]
    fn dates_and_times() {
        assert!(parse_date("2026-03-01").is_ok());
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-3-1").is_err());
        assert!(parse_time("09:30").is_ok());
        assert!(parse_time("24:00").is_err());
    }

    #[test]
    fn deadlines_and_phones() {
        let d = Deadline::parse("2026-03-31 17:00").expect("valid");
        assert_eq!(d.iso(), "2026-03-31T17:00+08:00");
        assert_eq!(d.display(), "2026年3月31日 17:00");
        for bad in ["2026-03-31", "2026-02-30 17:00", "2026-03-31 25:00", "31.03.2026 17:00"] {
            assert!(Deadline::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Phone::parse("010-1234 5678").expect("valid").digits, "01012345678");
        assert_eq!(Phone::parse("（010）12345678转123").expect("valid").digits, "01012345678");
        for bad in ["12345", "010-1234567x", "call us", "010-12345678转"] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_known_keys_are_those_of_the_config_type() {
        assert_eq!(
            known_keys(),
            [
                "title",
                "base_url",
                "notice",
                "footer",
                "authority",
                "document_number",
                "publish_date",
                "publish_time",
                "addressee",
                "deadline",
                "submission",
                "contacts",
                "signature",
                "signed_date",
                "audience",
                "sponsor",
                "site_code",
                "icp",
                "police"
            ]
        );
    }

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(nearest("titel", &["title", "base_url"]), Some("title"));
        assert_eq!(nearest("base_uri", &["title", "base_url"]), Some("base_url"));
        assert_eq!(nearest("zzzzzzzz", &["title"]), None);
    }
}
