//! The notice's essentials as the console's form shows and sends them: every value a text as
//! `config.toml` writes it, an optional key that is not set an empty text.

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::load::invisible::is_invisible_control;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct Essentials {
    /// `notice.addressee`, 主送
    pub addressee: String,
    /// `notice.deadline`, `YYYY-MM-DD HH:MM`
    pub deadline: String,
    /// `notice.submission`, one entry a line in the form
    pub submission: Vec<String>,
    /// `[[notice.contacts]]`
    pub contacts: Vec<ContactRow>,
    /// `notice.signature`, 落款
    pub signature: String,
    /// `notice.signed_date`, 成文日期
    pub signed_date: String,
    /// `notice.audience`
    pub audience: String,
    /// `[footer]`: 主办单位, 网站标识码, ICP 备案号, 公安机关备案号
    pub sponsor: String,
    pub site_code: String,
    pub icp: String,
    pub police: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct ContactRow {
    pub name: String,
    pub phone: String,
}

impl Essentials {
    /// What `config` sets.
    pub(super) fn of(config: &Config) -> Essentials {
        let notice = &config.notice;
        let footer = &config.footer;
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        Essentials {
            addressee: text(&notice.addressee),
            deadline: text(&notice.deadline),
            submission: notice.submission.clone(),
            contacts: notice
                .contacts
                .iter()
                .map(|c| ContactRow { name: c.name.clone(), phone: c.phone.clone() })
                .collect(),
            signature: text(&notice.signature),
            signed_date: text(&notice.signed_date),
            audience: text(&notice.audience),
            sponsor: text(&footer.sponsor),
            site_code: text(&footer.site_code),
            icp: text(&footer.icp),
            police: text(&footer.police),
        }
    }

    /// The values as they are written: trimmed, on one line, without the invisible characters
    /// text pasted from Word brings; empty entries of 报送方式 and empty contact rows left out.
    pub(super) fn cleaned(&self) -> Essentials {
        Essentials {
            addressee: line(&self.addressee),
            deadline: line(&self.deadline),
            submission: self.submission.iter().map(|s| line(s)).filter(|s| !s.is_empty()).collect(),
            contacts: self
                .contacts
                .iter()
                .map(|c| ContactRow { name: line(&c.name), phone: line(&c.phone) })
                .filter(|c| !(c.name.is_empty() && c.phone.is_empty()))
                .collect(),
            signature: line(&self.signature),
            signed_date: line(&self.signed_date),
            audience: line(&self.audience),
            sponsor: line(&self.sponsor),
            site_code: line(&self.site_code),
            icp: line(&self.icp),
            police: line(&self.police),
        }
    }
}

/// `text` trimmed, its line breaks as spaces, its invisible control characters removed.
fn line(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !is_invisible_control(*c))
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    kept.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_trims_joins_lines_and_drops_empty_entries() {
        let form = Essentials {
            addressee: "  各有关单位：\u{200b} ".into(),
            submission: vec!["邮寄".into(), "  ".into(), "电子邮件\r\n".into()],
            contacts: vec![
                ContactRow { name: " 张三 ".into(), phone: "010-1".into() },
                ContactRow::default(),
                ContactRow { name: String::new(), phone: "010-2".into() },
            ],
            ..Essentials::default()
        };
        let clean = form.cleaned();
        assert_eq!(clean.addressee, "各有关单位：");
        assert_eq!(clean.submission, ["邮寄", "电子邮件"]);
        assert_eq!(clean.contacts.len(), 2, "a row with a phone and no name stays, to be refused");
        assert_eq!(clean.contacts[0].name, "张三");
    }
}
