//! `sitemap.xml` and `robots.txt`, from the pages actually rendered.

use jiff::civil::Date;

use crate::config::Page;
use crate::history::History;
use crate::model::Site;
use crate::xml;

/// One `<url>` per page, given by the render jobs. `lastmod` is the date the page's content
/// last changed: an occupation's own last change, a form's last revision, otherwise the latest
/// release or note.
pub fn sitemap<'a>(site: &Site, history: &History, pages: impl Iterator<Item = Page<'a>>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let latest = [history.latest().map(|e| e.date), site.updates.last().map(|u| u.date)]
        .into_iter()
        .flatten()
        .fold(site.publish_date, Date::max);
    let mut urls: Vec<(String, Date)> =
        pages.map(|page| (site.base_url.absolute(&page.dir()), lastmod(site, history, page, latest))).collect();
    urls.sort();
    for (url, date) in urls {
        xml.push_str(&format!("  <url><loc>{}</loc><lastmod>{date}</lastmod></url>\n", xml::escape(&url)));
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
        Page::Notice | Page::Search | Page::Updates | Page::Level(_) | Page::Category(_) | Page::ListPart(..) => {
            Some(latest)
        }
    };
    own.unwrap_or(site.publish_date).max(site.publish_date)
}

pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.base_url.absolute("sitemap.xml"))
}
