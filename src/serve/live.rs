//! What the preview serves now and how a new build replaces it: [`Live`] holds the current
//! [`Snapshot`] and the live-reload channel ([`LiveEvent`]); `rebuild` validates the sources
//! and swaps the new build in whole. `mod.rs` starts it, `watch.rs` calls `rebuild` on every
//! save, and `http.rs` serves from `current`.

use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Instant;

use axum::body::Bytes;
use tokio::sync::broadcast;

use super::generation::{Generation, Problem, Verdict, Workers};
use crate::build::load_site;
use crate::diagnostics::{InvalidSources, terminal};
use crate::domain::{Output, Page};
use crate::msg;
use crate::release::pending;

/// What is served now: the last good build, and the problem of the latest one if it failed.
#[derive(Default)]
pub(super) struct Snapshot {
    /// `None` before the first good build: a placeholder page is served.
    site: Option<Arc<Generation>>,
    /// The build served before `site`, until every file of `site` has rendered: served again
    /// should one of them fail.
    fallback: Option<Arc<Generation>>,
    /// The base URL's path, `/` or `/sub/path/`; pages are served under it.
    pub(super) base: String,
    /// Set while the sources are broken; cleared by the next good build.
    pub(super) problem: Option<Problem>,
    /// The warnings of the build served (`None` when there are none).
    pub(super) warnings: Option<Problem>,
    /// What publishing would record now, a line each (`release::pending`); `None` while the
    /// sources are broken.
    pub(super) pending: Option<Vec<String>>,
    pub(super) generation: u64,
}

/// Served at the base path until the sources first build.
fn placeholder() -> Bytes {
    let title = msg!("serve.not_built_yet");
    Bytes::from(format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>linxuan</title></head><body><main><h1>{title}</h1></main></body></html>"
    ))
}

/// Whether `path` is the notice's, where the placeholder is served.
fn is_home(path: &str) -> bool {
    path == Output::Page(Page::Notice).path()
}

impl Snapshot {
    /// The file at `path` (relative to the base path), rendered if need be; `Err` when the
    /// build turned out broken while rendering it.
    pub(super) async fn file(&self, path: &str) -> Result<Option<Bytes>, ()> {
        match &self.site {
            Some(site) => site.get(path).await,
            None => Ok(is_home(path).then(placeholder)),
        }
    }

    pub(super) fn has(&self, path: &str) -> bool {
        self.site.as_ref().map_or(is_home(path), |site| site.has(path))
    }

    /// Every problem of the latest build: its errors and warnings when it failed, else the
    /// warnings of the build served.
    pub(super) fn problems(&self) -> Option<&Problem> {
        self.problem.as_ref().or(self.warnings.as_ref())
    }
}

/// What the preview tells open pages over the live-reload channel.
#[derive(Debug, Clone)]
pub(super) enum LiveEvent {
    /// A good build of this generation is served: reload.
    Reload(u64),
    /// The latest build failed: show why over the page.
    Problem(Problem),
}

pub(super) struct Live {
    pub(super) root: PathBuf,
    pub(super) snapshot: RwLock<Arc<Snapshot>>,
    pub(super) events: broadcast::Sender<LiveEvent>,
    pub(super) workers: Arc<Workers>,
}

impl Live {
    pub(super) fn current(&self) -> Arc<Snapshot> {
        // The lock only guards swapping one Arc for another, which cannot leave it half-done.
        Arc::clone(&self.snapshot.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn swap(&self, next: Snapshot) {
        *self.snapshot.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(next);
    }

    /// Validates the sources and prepares the new build; once it can render a page it is
    /// swapped in whole (a request sees the old site or the new one, never a mix) and open
    /// pages reload.
    pub(super) fn rebuild(self: &Arc<Self>) {
        let started = Instant::now();
        let previous = self.current();
        let number = previous.generation + 1;
        let live = Arc::downgrade(self);
        let prepared = load_site(&self.root).and_then(|(site, sources, diags)| {
            let base = site.base_url.path.clone();
            let pending = pending(&site);
            let verdict = move |verdict| {
                if let Some(live) = live.upgrade() {
                    live.judged(number, verdict);
                }
            };
            Generation::start(number, site, sources, diags, Arc::clone(&self.workers), verdict)
                .map(|(generation, warnings)| (generation, warnings, base, pending))
        });
        let next = match prepared {
            Ok((generation, warnings, base, pending)) => {
                terminal::print(&warnings);
                println!("{}", msg!("serve.rebuilt", pages = generation.pages, ms = started.elapsed().as_millis()));
                if let Some(old) = &previous.site {
                    old.retire();
                }
                Snapshot {
                    site: Some(Arc::new(generation)),
                    fallback: previous.site.clone(),
                    base,
                    problem: None,
                    warnings: (warnings.iter().next().is_some()).then(|| Problem::of(&warnings)),
                    pending: Some(pending),
                    generation: number,
                }
            }
            Err(InvalidSources(diags)) => {
                let problem = Problem::of(&diags);
                eprintln!("{}\n{}", problem.for_terminal(), msg!("serve.still_served"));
                // Before any good build the base path is unknown: serve the placeholder at `/`.
                let base = if previous.base.is_empty() { "/".to_owned() } else { previous.base.clone() };
                Snapshot {
                    site: previous.site.clone(),
                    fallback: previous.fallback.clone(),
                    base,
                    problem: Some(problem),
                    warnings: None,
                    pending: None,
                    generation: previous.generation,
                }
            }
        };
        let event = match &next.problem {
            Some(problem) => LiveEvent::Problem(problem.clone()),
            None => LiveEvent::Reload(next.generation),
        };
        self.swap(next);
        // Sending fails only when no page is open to listen.
        let _ = self.events.send(event);
    }

    /// Hears whether every file of build `number` rendered. A failure puts the build served
    /// before it back, with the problem; either way the fallback is no longer needed.
    fn judged(&self, number: u64, verdict: Verdict) {
        let mut snapshot = self.snapshot.write().unwrap_or_else(PoisonError::into_inner);
        if snapshot.site.as_ref().map(|s| s.number) != Some(number) {
            return;
        }
        let next = match verdict {
            Verdict::Complete => Snapshot {
                site: snapshot.site.clone(),
                fallback: None,
                base: snapshot.base.clone(),
                problem: snapshot.problem.clone(),
                warnings: snapshot.warnings.clone(),
                pending: snapshot.pending.clone(),
                generation: snapshot.generation,
            },
            Verdict::Failed(problem) => {
                eprintln!("{}\n{}", problem.for_terminal(), msg!("serve.served_again"));
                let _ = self.events.send(LiveEvent::Problem(problem.clone()));
                Snapshot {
                    site: snapshot.fallback.clone(),
                    fallback: None,
                    base: snapshot.base.clone(),
                    problem: Some(problem),
                    warnings: None,
                    pending: None,
                    generation: snapshot.generation,
                }
            }
        };
        *snapshot = Arc::new(next);
    }
}
