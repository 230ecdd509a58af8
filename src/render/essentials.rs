//! The notice's essentials for templates: 主送, 申报截止时间, 报送方式, 联系人, 落款, 成文日期 and
//! who the notice is for, each ready to print; and the forms' short names for the navigation.

use serde::Serialize;

use crate::domain::Output;
use crate::history::{History, Item};
use crate::model::Site;

/// 主送, 申报截止时间, 报送方式, 联系人, 落款, 成文日期 and who the notice is for.
#[derive(Serialize, Default)]
pub struct Essentials {
    pub addressee: Option<String>,
    pub deadline: Option<DeadlineView>,
    pub submission: Vec<String>,
    /// The same lines in parts, their mailboxes and web addresses as links (`submission` stays
    /// text for templates written before).
    pub submission_parts: Vec<Vec<TextPart>>,
    pub contacts: Vec<ContactView>,
    pub signature: Option<String>,
    pub signed_date: Option<SignedDate>,
    pub audience: Option<String>,
    /// What a release changed of each, said beside it.
    pub changed: ChangedEssentials,
    /// `downloads/deadline.ics`, for 加入日历, when there is a deadline.
    pub calendar_url: Option<String>,
}

/// Beside an essential a release changed, its latest change and old value:
/// `截止时间已延长至 2027年3月31日 17:00（原为 2026年3月31日 17:00）`, `报送方式已于 2027-01-05 更正（原为：…）`.
#[derive(Serialize, Default)]
pub struct ChangedEssentials {
    pub deadline: Option<String>,
    pub submission: Option<String>,
    pub contacts: Option<String>,
    pub addressee: Option<String>,
    pub signature: Option<String>,
}

impl ChangedEssentials {
    /// Only a change to the value shown now is said: a preview of an unrecorded change shows
    /// the new value without the old note.
    fn of(site: &Site, history: &History) -> ChangedEssentials {
        let now = site.essentials();
        let mut changed = ChangedEssentials::default();
        for (date, change) in history.essentials_changed() {
            if change.item.values(&now) != change.to {
                continue;
            }
            let slot = match change.item {
                Item::Deadline => &mut changed.deadline,
                Item::Submission => &mut changed.submission,
                Item::Contacts => &mut changed.contacts,
                Item::Addressee => &mut changed.addressee,
                Item::Signature => &mut changed.signature,
            };
            *slot = Some(change.notice(date));
        }
        changed
    }
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

/// A piece of a line: plain text, or a link (`mailto:` for a mailbox).
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct TextPart {
    pub text: String,
    pub href: Option<String>,
}

/// `text` split where it holds a mailbox (`rsj@example.gov.cn`) or a web address with its
/// scheme (`https://…`). Addresses here are ASCII in Chinese text without spaces around them, so
/// an address is the run of the characters it may hold; general link finders read a Chinese
/// character beside it (`至a@b.cn（示例）`) as part of an international address.
pub fn linked(text: &str) -> Vec<TextPart> {
    let mut parts = Vec::new();
    let mut done = 0;
    for (start, end, href) in addresses(text) {
        if start > done {
            parts.push(TextPart { text: text[done..start].to_owned(), href: None });
        }
        parts.push(TextPart { text: text[start..end].to_owned(), href: Some(href) });
        done = end;
    }
    if done < text.len() || parts.is_empty() {
        parts.push(TextPart { text: text[done..].to_owned(), href: None });
    }
    parts
}

/// The byte ranges of the addresses in `text`, in order, with their links.
fn addresses(text: &str) -> Vec<(usize, usize, String)> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let host = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
    let in_url = |b: u8| b.is_ascii_graphic() && !b"<>\"'`{}|\\^".contains(&b);
    // A run ends before the punctuation that closes a sentence or a bracket around it.
    let trim = |start: usize, mut end: usize| {
        while end > start && b".,;:!?)]-".contains(&bytes[end - 1]) {
            end -= 1;
        }
        end
    };
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        // An ASCII byte is a whole character, so `text` may be sliced there.
        let scheme = ["https://", "http://"].into_iter().find(|s| bytes[at] == b'h' && text[at..].starts_with(s));
        if let Some(scheme) = scheme {
            let end = trim(at, at + bytes[at..].iter().position(|&b| !in_url(b)).unwrap_or(bytes.len() - at));
            if end > at + scheme.len() {
                found.push((at, end, text[at..end].to_owned()));
                at = end;
                continue;
            }
        }
        if bytes[at] == b'@' {
            let start = bytes[..at].iter().rposition(|&b| !local(b)).map_or(0, |i| i + 1);
            let end = trim(at, at + 1 + bytes[at + 1..].iter().position(|&b| !host(b)).unwrap_or(bytes.len() - at - 1));
            let domain = &text[at + 1..end];
            let tld = domain.rsplit('.').next().unwrap_or("");
            let after_url = found.last().is_some_and(|&(_, e, _)| e > start);
            if start < at
                && domain.contains('.')
                && tld.len() >= 2
                && tld.bytes().all(|b| b.is_ascii_alphabetic())
                && !after_url
            {
                found.push((start, end, format!("mailto:{}", &text[start..end])));
                at = end;
                continue;
            }
        }
        at += 1;
    }
    found
}

#[derive(Serialize)]
pub struct ContactView {
    pub name: String,
    pub phone: String,
    /// `tel:01012345678`, digits only, which every phone dials; an extension after a pause,
    /// `tel:01012345678,8001`, which phones dial once the call is answered.
    pub tel: String,
}

/// A text of `config.toml`, or `None` when it is unset or blank.
fn shown(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

pub fn essentials(site: &Site, history: &History) -> Essentials {
    let notice = &site.config.notice;
    Essentials {
        addressee: shown(&notice.addressee),
        deadline: site.deadline.map(|d| DeadlineView { iso: d.iso(), text: d.display() }),
        submission: notice.submission.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        submission_parts: notice.submission.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).map(linked).collect(),
        contacts: site
            .contacts
            .iter()
            .map(|c| ContactView { name: c.name.clone(), phone: c.phone.text.clone(), tel: c.phone.tel() })
            .collect(),
        signature: shown(&notice.signature),
        signed_date: site.signed_date.map(|d| SignedDate { iso: d.to_string(), text: crate::config::chinese_date(d) }),
        audience: shown(&notice.audience),
        changed: ChangedEssentials::of(site, history),
        calendar_url: site.deadline.map(|_| site.base_url.link_to(Output::Calendar)),
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
    use super::{TextPart, linked, short_form_title};

    fn part(text: &str, href: Option<&str>) -> TextPart {
        TextPart { text: text.into(), href: href.map(Into::into) }
    }

    #[test]
    fn mailboxes_and_web_addresses_become_links_in_chinese_text() {
        assert_eq!(
            linked("电子版发送至 linxuan@example.gov.cn（示例）"),
            vec![
                part("电子版发送至 ", None),
                part("linxuan@example.gov.cn", Some("mailto:linxuan@example.gov.cn")),
                part("（示例）", None)
            ]
        );
        assert_eq!(
            linked("登录https://rsj.example.gov.cn/apply，在线提交；或发邮件至rsj@example.cn。"),
            vec![
                part("登录", None),
                part("https://rsj.example.gov.cn/apply", Some("https://rsj.example.gov.cn/apply")),
                part("，在线提交；或发邮件至", None),
                part("rsj@example.cn", Some("mailto:rsj@example.cn")),
                part("。", None)
            ]
        );
        assert_eq!(linked("纸质材料一式两份"), vec![part("纸质材料一式两份", None)]);
        assert_eq!(
            linked("邮箱：hr.office@mail.example.com.（见https://a.cn/x?y=1&z=2）"),
            vec![
                part("邮箱：", None),
                part("hr.office@mail.example.com", Some("mailto:hr.office@mail.example.com")),
                part(".（见", None),
                part("https://a.cn/x?y=1&z=2", Some("https://a.cn/x?y=1&z=2")),
                part("）", None)
            ]
        );
        for plain in ["a@b", "发至@example.cn", "x@example.c1", "http:// 无地址", "https://", ""] {
            assert_eq!(linked(plain), vec![part(plain, None)], "{plain}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_parts_are_the_whole_text(text in "[a-z@.:/ 至（）。-]{0,40}") {
            let parts = linked(&text);
            proptest::prop_assert_eq!(parts.iter().map(|p| p.text.as_str()).collect::<String>(), text);
        }
    }

    #[test]
    fn short_form_titles() {
        assert_eq!(short_form_title("社会评价组织再评估遴选申报表"), "申报表");
        assert_eq!(short_form_title("职业技能等级认定机构工作承诺书（试行）"), "承诺书");
        assert_eq!(short_form_title("承诺书"), "承诺书");
        assert_eq!(short_form_title("（试行）"), "（试行）");
    }
}
