//! The templates: the built-in ones with the site's own on top, and a template's error as a
//! diagnostic naming its file and line.

use std::collections::BTreeMap;

use tera::Tera;

use crate::diagnostics::Diagnostics;
use crate::embedded;
use crate::load::{self, Sources};

/// Built-in templates with the site's own on top, and where each came from.
pub(super) struct Templates {
    pub(super) tera: Tera,
    /// Template name → the file to name in messages.
    pub(super) origins: BTreeMap<String, String>,
}

impl Templates {
    pub(super) fn new(sources: &Sources, diags: &mut Diagnostics) -> Option<Templates> {
        let mut texts: BTreeMap<String, (String, &str)> = embedded::templates()
            .into_iter()
            .map(|(name, text)| {
                let origin = crate::msg!("build.builtin_template", name = name);
                (name, (origin, text))
            })
            .collect();
        for (name, file) in &sources.templates {
            texts.insert(name.clone(), (file.path.clone(), file.text.as_str()));
        }
        let origins: BTreeMap<String, String> =
            texts.iter().map(|(name, (origin, _))| (name.clone(), origin.clone())).collect();
        let mut tera = Tera::new();
        // Autoescape everything we render; `| safe` is used only on HTML we produced.
        tera.autoescape_on([".html", ".xml"]);
        if let Err(e) = tera.add_raw_templates(texts.iter().map(|(name, (_, text))| (name.as_str(), *text))) {
            report(&e, &origins, diags);
            return None;
        }
        Some(Templates { tera, origins })
    }
}

/// Turns a Tera error into a diagnostic naming the template's file and line.
pub(super) fn report(error: &tera::Error, origins: &BTreeMap<String, String>, diags: &mut Diagnostics) {
    let located = match error.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            Some((r.filename().to_owned(), r.span().start_line, r.message().to_owned()))
        }
        _ => None,
    };
    match located {
        Some((name, line, message)) => {
            let file = origins.get(&name).cloned().unwrap_or(name);
            diags.error(&file, Some(line), None, crate::msg!("build.template_error", error = message));
        }
        None => diags.error(load::TEMPLATES_DIR, None, None, crate::msg!("build.template_error", error = error)),
    }
}
