//! `sitemap.xml` and `robots.txt`, from the list of pages actually rendered.

use crate::model::Site;

/// One `<url>` per page; `index.html` paths become their directory URL.
pub fn sitemap<'a>(site: &Site, pages: impl Iterator<Item = &'a String>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let lastmod = site.publish_date.to_string();
    let mut urls: Vec<String> = pages
        .map(|p| site.base_url.absolute(p.trim_end_matches("index.html")))
        .collect();
    urls.sort();
    for url in urls {
        xml.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{lastmod}</lastmod></url>\n",
            escape_xml(&url)
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.base_url.absolute("sitemap.xml")
    )
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
