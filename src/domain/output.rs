//! The files of the built site and where each goes: [`Output`] names every one (the pages of
//! the URL contract as [`Page`]), for the writers, the links (`BaseUrl` makes them from
//! [`Output::address`]), the sitemap and the list of generated files a static file may not
//! replace. A new kind of file (a calendar, say) is a new variant here, and nowhere else
//! spells its path.

use super::code::{CategoryKey, OccupationCode};
use super::level::Level;

/// The file a page's folder is served as.
pub const PAGE_FILE: &str = "index.html";

/// A file linxuan writes into the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output<'a> {
    /// A page of the URL contract: its folder's `index.html`.
    Page(Page<'a>),
    /// `404.html`, which hosts serve for an address with no file.
    NotFound,
    /// `downloads/<name>.docx`: a form as a Word file.
    FormDocx(&'a str),
    /// `downloads/occupations.csv`, `.xlsx`, `.json`: the table as open data.
    OpenData(OpenData),
    /// `search/index.json`: the search index, or its manifest when it is sharded.
    SearchIndex,
    /// `search/shards/<id>.<hash>.json`, named (without `.json`) in the manifest.
    SearchShard(&'a str),
    /// `search/table.json`: every row of the table, for the notice's filter when the table is
    /// longer than [`NOTICE_TABLE_ROWS`], and for the fill pages' occupation pickers (written
    /// for every site).
    TableData,
    /// `atom.xml`
    Feed,
    /// `downloads/deadline.ics`: the deadline as a calendar event (when the notice has one).
    Calendar,
    /// `sitemap.xml`: the sitemap, or the index of its parts.
    Sitemap,
    /// `sitemap-<n>.xml` (from 1): a part of the sitemap of a site with too many pages for one.
    SitemapPart(usize),
    /// `robots.txt`
    Robots,
}

/// The formats the table is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenData {
    Csv,
    Xlsx,
    Json,
}

impl OpenData {
    /// The file's extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            OpenData::Csv => "csv",
            OpenData::Xlsx => "xlsx",
            OpenData::Json => "json",
        }
    }
}

impl Output<'_> {
    /// Where the file goes, relative to the output folder, with `/` separators:
    /// `occupations/4-10-01-03/index.html`, `search/table.json`.
    pub fn path(self) -> String {
        match self {
            Output::Page(page) => format!("{}{PAGE_FILE}", page.dir()),
            _ => self.address(),
        }
    }

    /// The file's address relative to the base URL: a page's folder (`occupations/4-10-01-03/`,
    /// empty for the notice), any other file's path.
    pub fn address(self) -> String {
        match self {
            Output::Page(page) => page.dir(),
            Output::NotFound => "404.html".into(),
            Output::FormDocx(slug) => format!("downloads/{slug}.docx"),
            Output::OpenData(format) => format!("downloads/occupations.{}", format.extension()),
            Output::SearchIndex => "search/index.json".into(),
            Output::SearchShard(name) => format!("search/shards/{name}.json"),
            Output::TableData => "search/table.json".into(),
            Output::Feed => "atom.xml".into(),
            Output::Calendar => "downloads/deadline.ics".into(),
            Output::Sitemap => "sitemap.xml".into(),
            Output::SitemapPart(n) => format!("sitemap-{n}.xml"),
            Output::Robots => "robots.txt".into(),
        }
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
/// loads the whole table from [`Output::TableData`] and shows the rows that match. 200, not
/// 500: the page's own rows are most of the filter's first view (10,000 rows: 0.57× the time
/// with 200).
pub const NOTICE_TABLE_ROWS: usize = 200;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_its_folder_s_index_and_other_files_are_where_they_are_linked() {
        let code = OccupationCode::parse("4-10-01-03").expect("valid code");
        let level = Level::new(3).expect("level 3");
        assert_eq!(Output::Page(Page::Notice).path(), "index.html");
        assert_eq!(Output::Page(Page::Notice).address(), "");
        assert_eq!(Output::Page(Page::Occupation(code)).path(), "occupations/4-10-01-03/index.html");
        assert_eq!(Output::Page(List::Level(level).page(2)).address(), "levels/3/page/2/");
        assert_eq!(Output::Page(List::Category(code.major()).page(1)).address(), "categories/4/");
        assert_eq!(Output::FormDocx("application").path(), "downloads/application.docx");
        assert_eq!(Output::OpenData(OpenData::Xlsx).path(), "downloads/occupations.xlsx");
        assert_eq!(Output::SearchShard("t3.0a1b2c3d4e").path(), "search/shards/t3.0a1b2c3d4e.json");
        for file in [Output::NotFound, Output::TableData, Output::Feed, Output::SitemapPart(2), Output::Robots] {
            assert_eq!(file.path(), file.address());
        }
    }
}
