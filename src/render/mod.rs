//! Stage 4, render: the [`Site`] model → the HTML pages, handed to a [`Sink`] page by page as
//! they are ready (beside the files `derive` makes, written as they come), so the whole site
//! is never held in memory.
//!
//! [`render`] is a build: [`prepare`] (templates, downloads, rows, the [`Job`] of every page,
//! the static files), then every page's bytes ([`page_html`]) in parallel. The preview's
//! [`OnDemand`] runs the same steps a file at a time.

mod compact;
mod essentials;
mod fill;
mod job;
mod list;
mod memo;
mod minify;
mod on_demand;
mod page;
mod prepare;
mod rows;
mod templates;
mod updates;
pub mod view;

pub use memo::Memo;
pub use on_demand::OnDemand;

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::Diagnostics;
use crate::load::Sources;
use crate::model::Site;
use crate::write::{Sink, WriteError};
use job::{Failure, Job, Shared};
use page::page_html;
use prepare::{Mode, Prepared, prepare};
use templates::report;

/// The rendered site in memory: output path (with `/` separators) → bytes, for `check`,
/// `serve` and tests. A `BTreeMap` so that everything downstream sees one stable order.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: BTreeMap<String, Vec<u8>>,
    pub pages: usize,
}

/// Renders every page of the URL contract into `sink`, and the files derived from the model
/// beside them. Template problems become diagnostics that name the template file and line;
/// the result is then `Ok(None)`. `Ok(Some(n))` counts the HTML pages.
pub fn render(
    site: &Site,
    sources: &Sources,
    diags: &mut Diagnostics,
    sink: &dyn Sink,
) -> Result<Option<usize>, WriteError> {
    let Some(Prepared { tera, origins, shared, jobs, .. }) =
        prepare(site, sources, diags, sink, &Memo::default(), Mode::Build)?
    else {
        return Ok(None);
    };
    // Pages render and are written on all cores, beside the search index and the other files.
    let (results, rest_written) = rayon::join(
        || jobs.par_iter().map(|&job| render_job(&tera, &shared, job, sink)).collect::<Vec<_>>(),
        || shared.write_rest(&jobs, sink),
    );
    rest_written?;
    for failure in results.into_iter().filter_map(Result::err) {
        match failure {
            Failure::Write(e) => return Err(e),
            Failure::Derive(file, message) => diags.error(&file, None, None, message),
            Failure::Reported(reported) => diags.extend(reported),
            // Rendering problems repeat on every page that uses the template; one is enough.
            Failure::Template(_) if diags.has_errors() => {}
            Failure::Template(e) => report(&e, &origins, diags),
        }
    }
    if diags.has_errors() {
        return Ok(None);
    }
    Ok(Some(jobs.len()))
}

/// Renders one page and hands it to the sink.
fn render_job(tera: &Tera, shared: &Shared, job: Job<'_>, sink: &dyn Sink) -> Result<(), Failure> {
    let html = page_html(tera, shared, job, None)?;
    sink.put(&job.path(), html).map_err(Failure::Write)
}
