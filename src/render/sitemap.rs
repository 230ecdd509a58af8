//! `sitemap.xml` and `robots.txt`, from the list of pages actually rendered.

use jiff::civil::Date;

use crate::history::History;
use crate::model::Site;
use crate::xml;

/// One `<url>` per page; `index.html` paths become their directory URL. `lastmod` is the
/// date the page's content last changed: an occupation's own last change, a form's last
/// revision, otherwise the latest release or note.
pub fn sitemap<'a>(site: &Site, history: &History, pages: impl Iterator<Item = &'a String>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let latest = [history.latest().map(|e| e.date), site.updates.last().map(|u| u.date)]
        .into_iter()
        .flatten()
        .fold(site.publish_date, Date::max);
    let codes: std::collections::HashMap<String, crate::domain::OccupationCode> =
        site.occupations.iter().map(|o| (o.code.to_string(), o.code)).collect();
    let mut urls: Vec<(String, Date)> = pages
        .map(|p| (site.base_url.absolute(p.trim_end_matches("index.html")), lastmod(site, history, &codes, p, latest)))
        .collect();
    urls.sort();
    for (url, date) in urls {
        xml.push_str(&format!("  <url><loc>{}</loc><lastmod>{date}</lastmod></url>\n", xml::escape(&url)));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn lastmod(
    site: &Site,
    history: &History,
    codes: &std::collections::HashMap<String, crate::domain::OccupationCode>,
    page: &str,
    latest: Date,
) -> Date {
    let parts: Vec<&str> = page.split('/').collect();
    let own = match parts.as_slice() {
        ["occupations", code, _] => codes.get(*code).and_then(|c| history.last_changed(*c)),
        ["forms", slug, _] => history.form_revised(slug).or_else(|| history.entries.first().map(|e| e.date)),
        _ => Some(latest),
    };
    own.unwrap_or(site.publish_date).max(site.publish_date)
}

pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.base_url.absolute("sitemap.xml"))
}
