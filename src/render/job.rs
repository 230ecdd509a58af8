//! What a build renders and what it renders from: a [`Job`] per HTML page, the [`Shared`]
//! state every page may draw on, and the [`Failure`] that keeps a page from being written.
//! A build ([`super::render`]) and the preview ([`super::OnDemand`]) both hold them, from
//! [`super::prepare`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::rows::RowHtml;
use super::view;
use crate::derive::{self, Download};
use crate::diagnostics::Diagnostics;
use crate::domain::{Browse, Level, List, Output, Page};
use crate::history::History;
use crate::model::{Form, Occupation, PreparedOccupation, Site};
use crate::write::{Sink, WriteError};

/// One HTML page to render.
#[derive(Clone, Copy)]
pub(super) enum Job<'a> {
    Notice,
    Search,
    Updates,
    NotFound,
    Form(&'a Form),
    /// The form to fill in, in the browser.
    FormFill(&'a Form),
    /// The occupation and its place in 序号 order, where its row and its neighbours are.
    Occupation(usize, &'a Occupation),
    /// A level or category list, and which of its pages (from 1).
    List(List, usize),
    Browse(Browse),
}

impl<'a> Job<'a> {
    /// The page of the URL contract this job renders; the 404 page is none.
    pub(super) fn page(self) -> Option<Page<'a>> {
        Some(match self {
            Job::Notice => Page::Notice,
            Job::Search => Page::Search,
            Job::Updates => Page::Updates,
            Job::NotFound => return None,
            Job::Form(form) => Page::Form(&form.slug),
            Job::FormFill(form) => Page::FormFill(&form.slug),
            Job::Occupation(_, o) => Page::Occupation(o.code),
            Job::List(list, number) => list.page(number),
            Job::Browse(browse) => Page::Browse(browse),
        })
    }

    /// The file the page is.
    pub(super) fn output(self) -> Output<'a> {
        self.page().map_or(Output::NotFound, Output::Page)
    }

    /// Where the page goes in the output.
    pub(super) fn path(self) -> String {
        self.output().path()
    }
}

/// Why a page is missing: its template failed, or the sink refused the file.
pub(super) enum Failure {
    Template(tera::Error),
    Write(WriteError),
    /// A file the page is made from could not be made: the source to name, and why.
    Derive(String, String),
    /// What the page is made from failed, and said why.
    Reported(Diagnostics),
}

/// What every page may draw on, prepared once before the pages render.
pub(super) struct Shared<'a> {
    pub(super) site: &'a Site,
    pub(super) history: History,
    pub(super) downloads: Vec<Download>,
    pub(super) members: view::Members,
    /// The occupations (indices, in 序号 order) whose range includes each level.
    pub(super) level_members: BTreeMap<Level, Vec<usize>>,
    /// Each occupation's code and readings, for its row and the search index.
    pub(super) prepared: Vec<PreparedOccupation<'a>>,
    pub(super) rows: Vec<view::OccupationRow>,
    /// Each occupation's table row as HTML; made by [`super::prepare`] in a build and after it
    /// in the preview, where a page that lists rows waits for them.
    pub(super) row_html: OnceLock<Result<RowHtml, Diagnostics>>,
}

impl Shared<'_> {
    /// The occupations (indices, in 序号 order) a level or category list shows.
    pub(super) fn list_members(&self, list: List) -> &[usize] {
        let members = match list {
            List::Level(level) => self.level_members.get(&level),
            List::Category(key) => self.members.get(&key),
        };
        members.map_or(&[], Vec::as_slice)
    }

    /// The rows' HTML, once made.
    pub(super) fn row_html(&self) -> Result<&RowHtml, Failure> {
        self.row_html.wait().as_ref().map_err(|reported| Failure::Reported(reported.clone()))
    }

    /// Writes the files made from the whole model rather than page by page
    /// ([`derive::site_files`]), the sitemap listing the pages of `jobs`.
    pub(super) fn write_rest(&self, jobs: &[Job], sink: &dyn Sink) -> Result<(), WriteError> {
        let pages = jobs.iter().filter_map(|j| j.page());
        for (path, bytes) in derive::site_files(self.site, &self.history, &self.prepared, pages) {
            sink.put(&path, bytes)?;
        }
        Ok(())
    }
}
