//! `sitemap.xml` (and its parts on a site of more than 50,000 pages) and `robots.txt`, from
//! the pages the build renders.

use jiff::civil::Date;

use crate::domain::{Output, Page};
use crate::history::History;
use crate::model::Site;
use crate::xml;

/// Most URLs one sitemap file may list (sitemaps.org; search engines ignore a longer one).
pub const MAX_URLS: usize = 50_000;

/// The sitemap files and their text: `sitemap.xml` with one `<url>` per page, given by the
/// render jobs; a site of more than [`MAX_URLS`] pages gets them in `sitemap-1.xml`,
/// `sitemap-2.xml` … (at the root, as a sitemap may only list URLs under its own folder),
/// and `sitemap.xml` becomes their index. `lastmod` is the date the page's content last
/// changed: an occupation's own last change, a form's last revision, otherwise the latest
/// release or note; a part's is its newest page's.
pub fn sitemaps<'a>(
    site: &Site,
    history: &History,
    pages: impl Iterator<Item = Page<'a>>,
) -> Vec<(Output<'static>, String)> {
    let latest = [history.latest().map(|e| e.date), site.updates.last().map(|u| u.date)]
        .into_iter()
        .flatten()
        .fold(site.publish_date, Date::max);
    let mut urls: Vec<(String, Date)> =
        pages.map(|page| (site.base_url.permalink(Output::Page(page)), lastmod(site, history, page, latest))).collect();
    urls.sort();
    if urls.len() <= MAX_URLS {
        return vec![(Output::Sitemap, urlset(&urls))];
    }
    let mut index = opening("sitemapindex");
    let mut files = vec![];
    for (file, part) in parts(urls.len()).into_iter().zip(urls.chunks(MAX_URLS)) {
        let newest = part.iter().map(|(_, date)| *date).fold(site.publish_date, Date::max);
        let loc = xml::escape(&site.base_url.permalink(file));
        index.push_str(&format!("  <sitemap><loc>{loc}</loc><lastmod>{newest}</lastmod></sitemap>\n"));
        files.push((file, urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (Output::Sitemap, index));
    files
}

/// The parts a sitemap of `urls` pages is split into, besides `sitemap.xml`: none up to
/// [`MAX_URLS`].
pub fn parts(urls: usize) -> Vec<Output<'static>> {
    if urls <= MAX_URLS {
        return Vec::new();
    }
    (1..=urls.div_ceil(MAX_URLS)).map(Output::SitemapPart).collect()
}

/// The XML declaration and the opening tag of a sitemap file's `root` element.
fn opening(root: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    )
}

fn urlset(urls: &[(String, Date)]) -> String {
    let mut xml = opening("urlset");
    for (url, date) in urls {
        xml.push_str(&format!("  <url><loc>{}</loc><lastmod>{date}</lastmod></url>\n", xml::escape(url)));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn lastmod(site: &Site, history: &History, page: Page, latest: Date) -> Date {
    let own = match page {
        Page::Occupation(code) => history.last_changed(code),
        Page::Form(slug) | Page::FormFill(slug) => {
            history.form_revised(slug).or_else(|| history.entries.first().map(|e| e.date))
        }
        Page::Notice
        | Page::Search
        | Page::Updates
        | Page::Level(_)
        | Page::Category(_)
        | Page::ListPart(..)
        | Page::Browse(_) => Some(latest),
    };
    own.unwrap_or(site.publish_date).max(site.publish_date)
}

pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.base_url.permalink(Output::Sitemap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::domain::OccupationCode;

    fn shipped() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = Diagnostics::default();
        let sources = crate::load::load(root, &mut diags);
        crate::validate::validate(&sources, None, &mut diags).expect("the shipped site validates")
    }

    /// `n` distinct occupation codes.
    fn codes(n: usize) -> Vec<OccupationCode> {
        (0..n)
            .map(|i| format!("{}-{:02}-{:02}-{:02}", 1 + i / 980_100, 1 + i / 9_900 % 99, 1 + i / 100 % 99, i % 100))
            .map(|text| OccupationCode::parse(&text).expect("a valid code"))
            .collect()
    }

    fn locs(xml: &str) -> Vec<&str> {
        xml.split("<loc>").skip(1).filter_map(|part| part.split_once("</loc>")).map(|(loc, _)| loc).collect()
    }

    #[test]
    fn up_to_fifty_thousand_pages_fit_in_one_sitemap() {
        let site = shipped();
        let codes = codes(MAX_URLS);
        let files = sitemaps(&site, &History::default(), codes.iter().map(|&c| Page::Occupation(c)));
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, Output::Sitemap);
        assert!(files[0].1.contains("<urlset"));
        assert_eq!(locs(&files[0].1).len(), MAX_URLS);
        assert!(parts(MAX_URLS).is_empty());
    }

    #[test]
    fn more_pages_are_split_into_parts_listed_by_an_index() {
        let site = shipped();
        let codes = codes(2 * MAX_URLS + 1);
        let files = sitemaps(&site, &History::default(), codes.iter().map(|&c| Page::Occupation(c)));
        let paths: Vec<String> = files.iter().map(|(file, _)| file.path()).collect();
        assert_eq!(paths, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        assert_eq!(parts(codes.len()), files[1..].iter().map(|(file, _)| *file).collect::<Vec<_>>());
        let index = &files[0].1;
        assert!(index.contains("<sitemapindex") && !index.contains("<urlset"));
        let listed: Vec<String> = files[1..].iter().map(|(file, _)| site.base_url.permalink(*file)).collect();
        assert_eq!(locs(index), listed);
        assert_eq!(index.matches("<lastmod>").count(), 3, "each part has its date");
        let counts: Vec<usize> = files[1..].iter().map(|(_, xml)| locs(xml).len()).collect();
        assert_eq!(counts, [MAX_URLS, MAX_URLS, 1]);
        let mut every: Vec<&str> = files[1..].iter().flat_map(|(_, xml)| locs(xml)).collect();
        every.dedup();
        assert_eq!(every.len(), codes.len(), "every page once, in order");
    }
}
