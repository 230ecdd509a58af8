//! What the sources change since the last release: the lines `publish` records and the
//! console lists (`pending`), and the diagnostics of check, the preview and build
//! (`unrecorded`) while they are not recorded.

use crate::diagnostics::{Diagnostics, Severity};
use crate::load::Sources;
use crate::model::Site;
use crate::msg;

use super::essentials;
use super::table::{diff, same_rows};

/// How many changes a message spells out before it counts the rest.
const CHANGES_SHOWN: usize = 5;

/// What the sources change since the last release, one line each as the public reads them on
/// /updates/; empty when there is nothing to record. The essentials count only when the last
/// release recorded them (releases recorded before they were part of one did not).
pub fn pending(site: &Site) -> Vec<String> {
    let Some(latest) = site.releases.last() else {
        return vec![msg!("release.pending_first", count = site.occupations.len())];
    };
    let mut lines: Vec<String> = latest
        .essentials
        .as_ref()
        .map(|old| essentials::diff(old, &site.essentials()).iter().map(|c| c.describe()).collect())
        .unwrap_or_default();
    let table: Vec<String> = diff(&latest.occupations, &site.occupations).iter().map(|c| c.describe()).collect();
    if table.is_empty() && !same_rows(&latest.occupations, &site.occupations) {
        lines.push(msg!("release.pending_renumbered"));
    }
    lines.extend(table);
    for form in &site.forms {
        if latest.forms.get(&form.slug) != Some(&form.fingerprint) {
            lines.push(msg!("release.pending_form", title = form.title));
        }
    }
    lines
}

/// Reports, at `severity`, each source that differs from the last release: until it is
/// recorded, `/updates/`, the feed and each page's 最后更新 would not show the change, and the
/// published site would show changed data as unchanged. A warning for check and the preview;
/// an error for `build`, which never publishes an unrecorded change (`publish` records it).
pub fn unrecorded(site: &Site, sources: &Sources, severity: Severity, diags: &mut Diagnostics) {
    let Some(last) = site.releases.last() else { return };
    let hint = match severity {
        Severity::Warning => msg!("history.how_to_record"),
        Severity::Error => msg!("history.build_refuses"),
    };
    let mut report = |file: &str, field: Option<&str>, message: String| match severity {
        Severity::Warning => diags.warning(file, None, field, message),
        Severity::Error => diags.error(file, None, field, message),
    };
    if let (Some(old), Some(config)) = (&last.essentials, &sources.config) {
        let changes = essentials::diff(old, &site.essentials());
        if !changes.is_empty() {
            let listed = changes.iter().map(|c| c.describe()).collect::<Vec<_>>().join("；");
            report(
                &config.path,
                None,
                msg!("history.essentials_changed", date = last.date, changes = listed, hint = hint),
            );
        }
    }
    if let Some(table) = &sources.occupations {
        let changes = diff(&last.occupations, &site.occupations);
        if !changes.is_empty() {
            let mut listed: Vec<String> = changes.iter().take(CHANGES_SHOWN).map(|c| c.describe()).collect();
            if changes.len() > CHANGES_SHOWN {
                listed.push(msg!("history.and_more", count = changes.len() - CHANGES_SHOWN));
            }
            let message = msg!(
                "history.table_changed",
                date = last.date,
                count = changes.len(),
                changes = listed.join("；"),
                hint = hint
            );
            report(&table.path, None, message);
        } else if !same_rows(&last.occupations, &site.occupations) {
            report(&table.path, None, msg!("history.order_changed", date = last.date, hint = hint));
        }
    }
    for form in &site.forms {
        if last.forms.get(&form.slug).is_some_and(|print| *print != form.fingerprint) {
            let source = sources.forms.iter().find(|(slug, _)| *slug == form.slug).map(|(_, file)| file.path.clone());
            let path = source.unwrap_or_else(|| format!("{}/{}.md", crate::load::FORMS_DIR, form.slug));
            report(&path, None, msg!("history.form_changed", date = last.date, hint = hint));
        }
    }
}
