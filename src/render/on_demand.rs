//! One build, rendered a file at a time: the preview renders the page a browser asks for
//! first and the rest later, from the same [`Prepared`] state and the same functions as
//! [`super::render`], so every file is byte for byte what a full build writes.

use std::collections::HashMap;

use super::{Failure, Job, Memo, Prepared, prepare, render_job, report, write_rest};
use crate::diagnostics::Diagnostics;
use crate::load::Sources;
use crate::model::Site;
use crate::write::{Sink, WriteError};

/// A build whose pages are rendered on request.
pub struct OnDemand<'a> {
    prepared: Prepared<'a>,
    /// Output path → the page rendered there.
    pages: HashMap<String, Job<'a>>,
}

impl<'a> OnDemand<'a> {
    /// Does what [`super::render`] does before the pages: checks the templates and static files,
    /// prepares the rows (reusing what `memo` kept from the previous build), and writes the
    /// downloads and static files into `sink`. `Ok(None)` when there is a problem (in `diags`).
    pub fn new(
        site: &'a Site,
        sources: &Sources,
        diags: &mut Diagnostics,
        sink: &dyn Sink,
        memo: &Memo,
    ) -> Result<Option<OnDemand<'a>>, WriteError> {
        let Some(prepared) = prepare(site, sources, diags, sink, memo)? else {
            return Ok(None);
        };
        let pages = prepared.jobs.iter().map(|&job| (job.path(), job)).collect();
        Ok(Some(OnDemand { prepared, pages }))
    }

    /// How many HTML pages the build has.
    pub fn page_count(&self) -> usize {
        self.prepared.jobs.len()
    }

    /// The output path of every page, in the order a full build renders them.
    pub fn page_paths(&self) -> impl Iterator<Item = String> + '_ {
        self.prepared.jobs.iter().map(|job| job.path())
    }

    /// Whether a page is rendered at `path`.
    pub fn has_page(&self, path: &str) -> bool {
        self.pages.contains_key(path)
    }

    /// Renders the page at `path` into `sink`; `Ok(false)` when no page is there. A template or
    /// a file the page is made from that fails comes back as the diagnostics a full build gives.
    pub fn render_page(&self, path: &str, sink: &dyn Sink) -> Result<bool, Diagnostics> {
        let Some(&job) = self.pages.get(path) else {
            return Ok(false);
        };
        let mut diags = Diagnostics::default();
        match render_job(&self.prepared.tera, &self.prepared.shared, job, sink) {
            Ok(()) => return Ok(true),
            Err(Failure::Write(e)) => diags.error("output", None, None, e.to_string()),
            Err(Failure::Derive(file, message)) => diags.error(&file, None, None, message),
            Err(Failure::Template(e)) => report(&e, &self.prepared.origins, &mut diags),
        }
        Err(diags)
    }

    /// Writes the files made from the whole model (search index, tables, feed, sitemap).
    pub fn write_rest(&self, sink: &dyn Sink) -> Result<(), WriteError> {
        write_rest(&self.prepared.shared, &self.prepared.jobs, sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::Memory;

    /// Every file the pages and the rest make one at a time equals what a full render writes.
    #[test]
    fn files_rendered_one_at_a_time_equal_the_full_render() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = Diagnostics::default();
        let sources = crate::load::load(root, &mut diags);
        let site = crate::validate::validate(&sources, None, &mut diags).expect("the shipped site validates");

        let full = Memory::default();
        let pages = super::super::render(&site, &sources, &mut diags, &full).expect("renders in memory");
        let full = full.into_files();

        let one_by_one = Memory::default();
        let on_demand = OnDemand::new(&site, &sources, &mut diags, &one_by_one, &Memo::keeping())
            .expect("prepares in memory")
            .expect("the shipped templates are good");
        assert_eq!(Some(on_demand.page_count()), pages);
        for path in on_demand.page_paths() {
            assert!(on_demand.has_page(&path), "{path}");
            assert_eq!(on_demand.render_page(&path, &one_by_one).ok(), Some(true), "{path}");
        }
        assert_eq!(on_demand.render_page("no/such/index.html", &one_by_one).ok(), Some(false));
        on_demand.write_rest(&one_by_one).expect("writes in memory");
        let one_by_one = one_by_one.into_files();
        assert_eq!(full.keys().collect::<Vec<_>>(), one_by_one.keys().collect::<Vec<_>>(), "the same files");
        for (path, bytes) in &full {
            assert!(one_by_one.get(path) == Some(bytes), "{path}: the same bytes");
        }
    }
}
