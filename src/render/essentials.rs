//! The notice's essentials for templates: 主送, 申报截止时间, 报送方式, 联系人, 落款, 成文日期 and
//! who the notice is for, each ready to print; and the forms' short names for the navigation.

use serde::Serialize;

use crate::model::Site;

/// 主送, 申报截止时间, 报送方式, 联系人, 落款, 成文日期 and who the notice is for.
#[derive(Serialize, Default)]
pub struct Essentials {
    pub addressee: Option<String>,
    pub deadline: Option<DeadlineView>,
    pub submission: Vec<String>,
    pub contacts: Vec<ContactView>,
    pub signature: Option<String>,
    pub signed_date: Option<SignedDate>,
    pub audience: Option<String>,
}

#[derive(Serialize)]
pub struct DeadlineView {
    /// `2026-03-31T17:00+08:00`, read by the browser's countdown.
    pub iso: String,
    /// `2026年3月31日 17:00`
    pub text: String,
}

#[derive(Serialize)]
pub struct SignedDate {
    pub iso: String,
    pub text: String,
}

#[derive(Serialize)]
pub struct ContactView {
    pub name: String,
    pub phone: String,
    /// `tel:01012345678`: digits only, which every phone dials.
    pub tel: String,
}

/// A text of `config.toml`, or `None` when it is unset or blank.
fn shown(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

pub fn essentials(site: &Site) -> Essentials {
    let notice = &site.config.notice;
    Essentials {
        addressee: shown(&notice.addressee),
        deadline: site.deadline.map(|d| DeadlineView { iso: d.iso(), text: d.display() }),
        submission: notice.submission.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        contacts: site
            .contacts
            .iter()
            .map(|c| ContactView {
                name: c.name.clone(),
                phone: c.phone.text.clone(),
                tel: format!("tel:{}", c.phone.digits),
            })
            .collect(),
        signature: shown(&notice.signature),
        signed_date: site.signed_date.map(|d| SignedDate { iso: d.to_string(), text: crate::config::chinese_date(d) }),
        audience: shown(&notice.audience),
    }
}

/// A form's name short enough for the navigation: `申报表` of `社会评价组织再评估遴选申报表`,
/// `承诺书` of `职业技能等级认定机构工作承诺书（试行）` (the last three characters, a bracketed
/// remark left out); a short title stays whole.
pub fn short_form_title(title: &str) -> String {
    let title = title.trim();
    let bare = match title.rfind('（') {
        Some(i) if title.ends_with('）') && i > 0 => &title[..i],
        _ => title,
    };
    let chars: Vec<char> = bare.chars().collect();
    if chars.len() <= 6 { bare.to_owned() } else { chars[chars.len() - 3..].iter().collect() }
}

#[cfg(test)]
mod tests {
    use super::short_form_title;

    #[test]
    fn short_form_titles() {
        assert_eq!(short_form_title("社会评价组织再评估遴选申报表"), "申报表");
        assert_eq!(short_form_title("职业技能等级认定机构工作承诺书（试行）"), "承诺书");
        assert_eq!(short_form_title("承诺书"), "承诺书");
        assert_eq!(short_form_title("（试行）"), "（试行）");
    }
}
