//! `config.toml`: the site's identity and the notice's metadata, as the types it is read into
//! (`mod.rs`), and the values read from its text: the base URL (`base_url.rs`), dates
//! (`dates.rs`), phone numbers (`phone.rs`); `keys.rs` lists the keys it accepts.
//!
//! Unknown keys are errors (with the nearest known key suggested) so a typo never silently
//! drops a value from the published page.

mod base_url;
mod dates;
mod keys;
mod phone;

pub use base_url::BaseUrl;
pub use dates::{Deadline, chinese_date, parse_date, parse_time};
pub use keys::nearest;
pub use phone::Phone;

use serde::{Deserialize, Serialize};

/// The whole `config.toml`.
/// Every key `config.toml` accepts, those of its tables included, read from the [`Config`]
/// type itself, for "did you mean" hints.
pub fn known_keys() -> Vec<&'static str> {
    keys::keys_of::<Config>()
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
