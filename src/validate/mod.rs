//! Stage 2, validate: turn loaded text into the typed [`Site`], collecting every problem.

pub mod aliases;
pub mod categories;
pub mod content;
pub mod front_matter;
pub mod nesting;
pub mod placeholders;
pub mod releases;
pub mod table;

use crate::config::{self, BaseUrl, Config};
use crate::diagnostics::Diagnostics;
use crate::load::{Sources, TextFile};
use crate::model::{Contact, Site};
use crate::msg;

/// Validates everything that was loaded. Returns `None` when any error was found; the
/// diagnostics then say what and where.
pub fn validate(sources: &Sources, base_url_override: Option<&str>, diags: &mut Diagnostics) -> Option<Site> {
    let config = sources.config.as_ref().and_then(|f| read_config(f, diags));
    let base_url = match (base_url_override, &config) {
        (Some(url), _) => BaseUrl::parse(url).map_err(|e| diags.error("--base-url", None, None, e)).ok(),
        (None, Some((c, file))) => base_url(c, file, diags),
        (None, None) => None,
    };
    // Without the names file (already reported), category checks would only repeat that.
    let categories = sources.categories.as_ref().map(|f| categories::categories(f, diags));
    let errors_before_table = diags.error_count();
    let occupations =
        sources.occupations.as_ref().map(|f| table::occupations(f, categories.as_ref(), diags)).unwrap_or_default();
    if let Some(file) = &sources.occupations
        && occupations.is_empty()
        && !diags.has_errors()
    {
        diags.error(&file.path, None, None, msg!("validate.no_rows"));
    }
    // Aliases name codes of the table: checked against a broken or missing table, every one
    // would be reported missing, burying the table's own error.
    let table_whole = !occupations.is_empty() && diags.error_count() == errors_before_table;
    let aliases = match &sources.aliases {
        Some(f) if table_whole => aliases::aliases(f, &occupations, diags),
        _ => Default::default(),
    };
    let notice = sources.notice.as_ref().and_then(|f| content::notice(f, diags));
    let forms = content::forms(&sources.forms, diags);
    let releases = releases::releases(&sources.releases, diags);
    let updates = content::updates(&sources.updates, diags);
    let (config, file) = config?;
    let (publish_date, essentials) = values(&config, file, diags);
    if diags.has_errors() {
        return None;
    }
    let (deadline, signed_date, contacts) = essentials;
    Some(Site {
        config,
        base_url: base_url?,
        publish_date: publish_date?,
        deadline,
        signed_date,
        contacts,
        notice: notice?,
        occupations,
        aliases,
        category_names: categories?.names,
        forms,
        releases,
        updates,
        preview: false,
    })
}

/// `config.toml` alone, checked as a build checks it: its syntax and keys, the base URL, the
/// publishing date and time, the deadline, the signing date and the phones. The preview's
/// console runs it on a new text before writing it; its diagnostics name the keys
/// (`notice.deadline`, `notice.contacts[2].phone`) as the build's do.
pub fn check_config(file: &TextFile) -> Diagnostics {
    let mut diags = Diagnostics::default();
    if let Some((config, file)) = read_config(file, &mut diags) {
        base_url(&config, file, &mut diags);
        values(&config, file, &mut diags);
    }
    diags
}

fn base_url(config: &Config, file: &TextFile, diags: &mut Diagnostics) -> Option<BaseUrl> {
    BaseUrl::parse(&config.base_url)
        .map_err(|e| diags.error(&file.path, line_of(&file.text, "base_url"), Some("base_url"), e))
        .ok()
}

/// The publishing date (its time checked too) and the notice's essentials, typed.
fn values(config: &Config, file: &TextFile, diags: &mut Diagnostics) -> (Option<jiff::civil::Date>, Essentials) {
    let publish_date = config::parse_date(&config.notice.publish_date)
        .map_err(|e| diags.error(&file.path, line_of(&file.text, "publish_date"), Some("notice.publish_date"), e))
        .ok();
    if let Some(time) = &config.notice.publish_time
        && let Err(e) = config::parse_time(time)
    {
        diags.error(&file.path, line_of(&file.text, "publish_time"), Some("notice.publish_time"), e);
    }
    (publish_date, essentials(config, file, diags))
}

type Essentials = (Option<config::Deadline>, Option<jiff::civil::Date>, Vec<Contact>);

/// The notice's deadline, signing date and contacts, typed; each problem names the key's line.
fn essentials(config: &Config, file: &TextFile, diags: &mut Diagnostics) -> Essentials {
    let notice = &config.notice;
    let mut error = |key: &str, nth: usize, field: &str, message: String| {
        diags.error(&file.path, nth_line_of(&file.text, key, nth), Some(field), message);
    };
    let deadline = notice
        .deadline
        .as_deref()
        .and_then(|text| config::Deadline::parse(text).map_err(|e| error("deadline", 0, "notice.deadline", e)).ok());
    let signed_date = notice
        .signed_date
        .as_deref()
        .and_then(|text| config::parse_date(text).map_err(|e| error("signed_date", 0, "notice.signed_date", e)).ok());
    let contacts = notice
        .contacts
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match config::Phone::parse(&c.phone) {
            Ok(phone) => Some(Contact { name: c.name.trim().to_owned(), phone }),
            Err(e) => {
                error("phone", i, &format!("notice.contacts[{}].phone", i + 1), e);
                None
            }
        })
        .collect();
    (deadline, signed_date, contacts)
}

fn read_config<'a>(file: &'a TextFile, diags: &mut Diagnostics) -> Option<(Config, &'a TextFile)> {
    if let Some(line) = nesting::toml_too_deep(&file.text) {
        diags.error(
            &file.path,
            Some(line),
            None,
            msg!("limits.nested_too_deep", limit = crate::limits::FRONT_MATTER_DEPTH),
        );
        return None;
    }
    match toml::from_str::<Config>(&file.text) {
        Ok(config) => Some((config, file)),
        Err(e) => {
            let line = e.span().map(|s| file.text[..s.start.min(file.text.len())].matches('\n').count() + 1);
            let mut message = e.message().trim().to_owned();
            let text = line.and_then(|l| file.text.lines().nth(l - 1)).unwrap_or("");
            message.push_str(&front_matter::curly_quote_hint(text));
            if let Some(unknown) = message.strip_prefix("unknown field `").and_then(|m| m.split('`').next())
                && let Some(near) = config::nearest(unknown, &config::known_keys())
            {
                message.push_str(&msg!("validate.did_you_mean", near = near));
            }
            diags.error(&file.path, line, None, msg!("validate.syntax", error = message));
            None
        }
    }
}

/// The line where `key = ` is set, for messages about values that parsed but are wrong.
fn line_of(text: &str, key: &str) -> Option<usize> {
    nth_line_of(text, key, 0)
}

/// The line of the `nth` (from 0) `key = `, for keys that repeat in arrays of tables.
fn nth_line_of(text: &str, key: &str, nth: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')))
        .nth(nth)
        .map(|(i, _)| i + 1)
}
