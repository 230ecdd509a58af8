//! The console's page, script and style, compiled into the binary (`page.html`, `app.js`,
//! `app.css` beside this file). Every text comes from the catalogue: `@key@` in the page is
//! the text of `key`, and the script reads the texts it needs from a JSON block of the page.

/// The page allows only its own script, style and requests, and no framing.
pub(super) const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
     img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE: &str = include_str!("page.html");
pub(super) const SCRIPT: &str = include_str!("app.js");
pub(super) const STYLE: &str = include_str!("app.css");

/// Every text of the page and the script, by catalogue key.
const TEXTS: &[&str] = &[
    "console.title",
    "console.intro",
    "console.back",
    "console.problems",
    "console.problems_none",
    "console.problems_count",
    "console.problems_broken",
    "console.warnings_show",
    "console.pending",
    "console.pending_intro",
    "console.pending_none",
    "console.pending_unknown",
    "console.essentials",
    "console.essentials_intro",
    "console.deadline",
    "console.deadline_date",
    "console.deadline_time",
    "console.deadline_incomplete",
    "console.submission",
    "console.submission_hint",
    "console.contacts",
    "console.contact_name",
    "console.contact_phone",
    "console.contact_add",
    "console.contact_remove",
    "console.addressee",
    "console.signature",
    "console.signed_date",
    "console.audience",
    "console.footer",
    "console.sponsor",
    "console.site_code",
    "console.icp",
    "console.police",
    "console.save",
    "console.saving",
    "console.saved",
    "console.unchanged",
    "console.reload_form",
    "console.changed_elsewhere",
    "console.invalid",
    "console.publish",
    "console.note",
    "console.note_hint",
    "console.publish_button",
    "console.stages",
    "console.stage_check",
    "console.stage_record",
    "console.stage_build",
    "console.stage_package",
    "console.publishing",
    "console.published",
    "console.failed",
    "console.offline",
];

/// The page, with the server's secret for the script to send back and the preview's base path.
pub(super) fn html(token: &str, base: &str) -> String {
    let mut html = PAGE.replace("@token@", &escape(token)).replace("@base@", &escape(base));
    let mut texts = serde_json::Map::new();
    for key in TEXTS {
        let text = crate::msg!(key);
        html = html.replace(&format!("@{key}@"), &escape(&text));
        texts.insert((*key).to_owned(), serde_json::Value::String(text));
    }
    // Inside <script>, "</" could end the block early.
    let json = serde_json::Value::Object(texts).to_string().replace("</", "<\\/");
    html.replace("@texts@", &json)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_of_the_page_is_filled_in_and_the_script_reads_only_known_keys() {
        let html = html("abc123", "/sub/");
        let left: Vec<&str> = html.split('@').skip(1).step_by(2).collect();
        assert!(left.is_empty(), "texts not filled in: {left:?}");
        assert!(html.contains("<meta name=\"linxuan-token\" content=\"abc123\">"));
        assert!(html.contains("href=\"/sub/\""));
        // Calls of `t("…")`, not of `get("…")` and the like.
        let calls = SCRIPT.match_indices("t(\"").filter(|(at, _)| {
            SCRIPT[..*at].chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_' && c != '.')
        });
        for key in calls.filter_map(|(at, call)| SCRIPT[at + call.len()..].split('"').next()) {
            assert!(TEXTS.contains(&key), "app.js reads {key}, which the page does not carry");
        }
    }

    #[test]
    fn the_page_names_its_own_script_and_style_only() {
        assert!(PAGE.contains("src=\"/_linxuan/app.js\""));
        assert!(PAGE.contains("href=\"/_linxuan/app.css\""));
        assert!(!PAGE.contains("http"), "nothing from elsewhere");
        assert!(!SCRIPT.contains("http"), "nothing from elsewhere");
    }
}
