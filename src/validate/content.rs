//! Markdown sources: the notice (`content/_index.md`) and the forms (`content/forms/*.md`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::front_matter::{self, FrontMatterError};
use crate::diagnostics::Diagnostics;
use crate::load::TextFile;
use crate::markdown;
use crate::model::{Form, Notice, UpdateNote};
use crate::msg;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeMeta {
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormMeta {
    title: String,
    /// 附件 number; 1 is reserved for the summary table.
    attachment: u32,
    #[serde(default)]
    subtitle: Option<String>,
    /// The heading printed on the form when it differs from the title, e.g. with a
    /// （单位名称） blank in front.
    #[serde(default)]
    heading: Option<String>,
}

pub fn notice(file: &TextFile, diags: &mut Diagnostics) -> Option<Notice> {
    let (meta, body) = read::<NoticeMeta>(file, diags)?;
    let title = non_empty_title(file, meta.title, diags)?;
    Some(Notice { title, document: document(file, body, diags)? })
}

pub fn forms(files: &[(String, TextFile)], diags: &mut Diagnostics) -> Vec<Form> {
    let mut forms = Vec::new();
    let mut numbers: BTreeMap<u32, &str> = BTreeMap::new();
    for (slug, file) in files {
        let Some((meta, body)) = read::<FormMeta>(file, diags) else {
            continue;
        };
        let Some(title) = non_empty_title(file, meta.title, diags) else {
            continue;
        };
        if body.trim().is_empty() {
            diags.error(&file.path, None, None, msg!("content.form_no_body"));
            continue;
        }
        if meta.attachment < 2 {
            diags.error(&file.path, None, Some("attachment"), msg!("content.attachment_reserved"));
            continue;
        }
        if let Some(other) = numbers.insert(meta.attachment, &file.path) {
            diags.error(
                &file.path,
                None,
                Some("attachment"),
                msg!("content.attachment_twice", number = meta.attachment, other = other),
            );
            continue;
        }
        let heading = meta.heading.filter(|h| !h.trim().is_empty()).unwrap_or_else(|| title.clone());
        let Some(document) = document(file, body, diags) else { continue };
        forms.push(Form {
            fingerprint: fingerprint(&file.text),
            slug: slug.clone(),
            title,
            heading,
            subtitle: meta.subtitle.filter(|s| !s.trim().is_empty()),
            attachment: meta.attachment,
            markdown: body.to_owned(),
            document,
        });
    }
    forms.sort_by_key(|f| f.attachment);
    forms
}

/// A short, stable fingerprint of a source text, recorded in releases to date revisions.
pub fn fingerprint(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateMeta {
    title: String,
    /// `YYYY-MM-DD`
    date: String,
}

/// `content/updates/*.md`, oldest first.
pub fn updates(files: &[(String, TextFile)], diags: &mut Diagnostics) -> Vec<UpdateNote> {
    let mut notes = Vec::new();
    for (slug, file) in files {
        let Some((meta, body)) = read::<UpdateMeta>(file, diags) else { continue };
        let Some(title) = non_empty_title(file, meta.title, diags) else { continue };
        match crate::config::parse_date(meta.date.trim()) {
            Ok(date) => {
                let Some(document) = document(file, body, diags) else { continue };
                notes.push(UpdateNote { slug: slug.clone(), title, date, document });
            }
            Err(e) => diags.error(&file.path, None, Some("date"), e),
        }
    }
    notes.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
    notes
}

fn read<'a, T: serde::de::DeserializeOwned>(file: &'a TextFile, diags: &mut Diagnostics) -> Option<(T, &'a str)> {
    let report = |e: FrontMatterError, diags: &mut Diagnostics| {
        diags.error(&file.path, Some(e.line), Some(&msg!("content.front_matter")), e.message)
    };
    let split = front_matter::split(&file.text).map_err(|e| report(e, diags)).ok()?;
    let meta = split.front_matter.parse::<T>().map_err(|e| report(e, diags)).ok()?;
    Some((meta, split.body))
}

/// The body of `file` read as Markdown; one nested too deep is an error at its line of the file.
fn document(file: &TextFile, body: &str, diags: &mut Diagnostics) -> Option<markdown::Document> {
    markdown::parse(body)
        .map_err(|e| {
            // The body is the end of the file: the lines before it are the front matter's.
            let before = file.text.get(..file.text.len() - body.len()).unwrap_or("").matches('\n').count();
            diags.error(&file.path, Some(before + e.line), None, e.to_string());
        })
        .ok()
}

fn non_empty_title(file: &TextFile, title: String, diags: &mut Diagnostics) -> Option<String> {
    let title = title.trim().to_owned();
    if title.is_empty() {
        diags.error(&file.path, Some(2), Some("title"), msg!("content.title_empty"));
        return None;
    }
    Some(title)
}
