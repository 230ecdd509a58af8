//! The base URL: the absolute address and the path prefix of every link. Links to the site's
//! files are made from [`Output`], the one place that names them, so a link and the file it
//! leads to cannot disagree.

use serde::Serialize;

use crate::domain::{CategoryKey, Level, OccupationCode, Output, Page};

/// The address the messages show as an example of a base URL.
const EXAMPLE: &str = "https://example.gov.cn/linxuan/";

/// Why `url` rejected an address, in the staff's language where the reason is a common one.
fn url_reason(error: url::ParseError) -> String {
    match error {
        url::ParseError::RelativeUrlWithoutBase => crate::msg!("setting.url_no_scheme"),
        url::ParseError::EmptyHost => crate::msg!("setting.url_empty_host"),
        url::ParseError::InvalidPort => crate::msg!("setting.url_bad_port"),
        url::ParseError::InvalidDomainCharacter => crate::msg!("setting.url_bad_domain"),
        other => other.to_string(),
    }
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
            .map_err(|e| crate::msg!("setting.url_bad", text = text, reason = url_reason(e), example = EXAMPLE))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(crate::msg!("setting.url_not_web", text = text, example = EXAMPLE));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(crate::msg!("setting.url_query", text = text));
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

    /// A site-internal link for `rel` (no leading slash), for what is not an [`Output`]: the
    /// assets (`assets/site.css`) and fragments of the notice (`#by-level`).
    pub fn link(&self, rel: &str) -> String {
        format!("{}{rel}", self.path)
    }

    /// The site-internal link to a file of the output: `/rsj/search/table.json`; a page's is
    /// its folder, `/rsj/occupations/4-10-01-03/`.
    pub fn link_to(&self, file: Output) -> String {
        self.link(&file.address())
    }

    /// The absolute URL of a file of the output, for the sitemap, the feed and `robots.txt`.
    pub fn permalink(&self, file: Output) -> String {
        format!("{}{}", self.absolute, file.address())
    }

    /// The link to a page of the URL contract.
    pub fn page(&self, page: Page) -> String {
        self.link_to(Output::Page(page))
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
        assert_eq!(b.link_to(Output::TableData), "/rsj/2026/search/table.json");
        assert_eq!(
            b.permalink(Output::Page(Page::Form("application"))),
            "https://example.gov.cn/rsj/2026/forms/application/"
        );
        assert_eq!(b.permalink(Output::Sitemap), "https://example.gov.cn/rsj/2026/sitemap.xml");
        assert!(BaseUrl::parse("example.gov.cn").is_err());
        assert!(BaseUrl::parse("ftp://example.gov.cn/").is_err());
    }
}
