//! `data/releases/<date>.csv` and `<date>.toml`: the recorded snapshots of the table.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostics;
use crate::load::ReleaseFiles;
use crate::model::{Essentials, Release};
use crate::msg;
use crate::validate::table;

/// `<date>.toml` beside each snapshot.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseMeta {
    /// What the release is about, shown on `/updates/` and in the feed.
    pub note: String,
    /// Form name → fingerprint of its Markdown at release time.
    #[serde(default)]
    pub forms: BTreeMap<String, String>,
    /// The notice's essentials as published by this release; absent in releases recorded
    /// before they were part of one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essentials: Option<Essentials>,
}

/// Reads every release, oldest first.
pub fn releases(files: &[ReleaseFiles], diags: &mut Diagnostics) -> Vec<Release> {
    let mut out = Vec::new();
    for files in files {
        let date = match crate::config::parse_date(&files.name) {
            Ok(date) => date,
            Err(e) => {
                diags.error(&files.table.path, None, None, msg!("releases.named_by_date", error = e));
                continue;
            }
        };
        let meta = match &files.meta {
            None => {
                diags.error(&files.table.path, None, None, msg!("releases.no_meta", name = files.name));
                continue;
            }
            Some(file) if let Some(line) = super::nesting::toml_too_deep(&file.text) => {
                let message = msg!("limits.nested_too_deep", limit = crate::limits::FRONT_MATTER_DEPTH);
                diags.error(&file.path, Some(line), None, message);
                continue;
            }
            Some(file) => match toml::from_str::<ReleaseMeta>(&file.text) {
                Ok(meta) => meta,
                Err(e) => {
                    let line = e.span().map(|s| file.text[..s.start.min(file.text.len())].matches('\n').count() + 1);
                    diags.error(&file.path, line, None, msg!("validate.syntax", error = e.message().trim()));
                    continue;
                }
            },
        };
        let occupations = table::occupations(&files.table, None, diags);
        out.push(Release { date, note: meta.note, occupations, forms: meta.forms, essentials: meta.essentials });
    }
    out.sort_by_key(|r| r.date);
    out
}
