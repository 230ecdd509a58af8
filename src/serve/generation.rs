//! One good build of the preview. A thread owns its model and renders its files from
//! [`OnDemand`]: first whatever a browser asks for, and meanwhile, at a low priority, every
//! other file, which fills the cache and proves that the whole site builds. Each file is made
//! by the functions a full build uses, so it is byte for byte the file `linxuan build` writes.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Instant;

use axum::body::Bytes;
use rayon::prelude::*;
use tokio::sync::oneshot;

use crate::diagnostics::{Diagnostics, InvalidSources, Severity, terminal};
use crate::load::Sources;
use crate::model::Site;
use crate::msg;
use crate::render::{Memo, OnDemand};
use crate::write::{Sink, WriteError};

/// What a generation tells the server after it has started: a file failed to render, so the
/// build is not good after all (the problem names the file and line), or every file rendered.
pub(super) enum Verdict {
    Failed(Problem),
    Complete,
}

/// What every build of the preview shares: the pool that renders the files nobody has asked
/// for yet, below the priority of the requests, and what one build keeps for the next.
pub(super) struct Workers {
    pub background: rayon::ThreadPool,
    pub memo: Memo,
}

/// The files of one build, those made so far, and the thread that makes the others.
pub(super) struct Generation {
    /// The number of the good build, as the live-reload events and the status give it.
    pub number: u64,
    pub pages: usize,
    files: Arc<Files>,
    /// The path of every page, made yet or not (for 404s and folder redirects).
    page_paths: HashSet<String>,
    requests: Sender<Request>,
}

/// A file asked for, and where its bytes go: `None` when the build has no such file, `Err`
/// when it failed to render.
struct Request {
    path: String,
    reply: oneshot::Sender<Result<Option<Bytes>, ()>>,
}

#[derive(Default)]
struct Files {
    made: RwLock<HashMap<String, Bytes>>,
    /// Whether the files made from the whole model (search index, sitemap …) are in `made`.
    rest_written: Mutex<bool>,
    /// Set when another build is served: the background pass stops.
    retired: AtomicBool,
}

impl Files {
    fn get(&self, path: &str) -> Option<Bytes> {
        self.made.read().unwrap_or_else(PoisonError::into_inner).get(path).cloned()
    }

    fn retired(&self) -> bool {
        self.retired.load(Ordering::Relaxed)
    }
}

impl Sink for Files {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        self.made.write().unwrap_or_else(PoisonError::into_inner).insert(path.to_owned(), Bytes::from(bytes));
        Ok(())
    }
}

impl Generation {
    /// Prepares the build of `site` on a thread of its own (templates, rows, downloads and
    /// static files) and returns once a page can be rendered, with the warnings; the
    /// diagnostics when the build has a problem. `verdict` hears later whether every file
    /// renders; `workers` render them and keep what the next build may reuse.
    pub(super) fn start(
        number: u64,
        site: Site,
        sources: Sources,
        diags: Diagnostics,
        workers: Arc<Workers>,
        verdict: impl FnOnce(Verdict) + Send + 'static,
    ) -> Result<(Generation, Diagnostics), InvalidSources> {
        let files = Arc::new(Files::default());
        let (ready, started) = sync_channel(1);
        let (requests, incoming) = channel();
        let thread_files = Arc::clone(&files);
        std::thread::Builder::new()
            .name(format!("preview build {number}"))
            .spawn(move || run(&site, &sources, diags, &thread_files, &ready, &incoming, &workers, verdict))
            .map_err(|e| {
                let mut diags = Diagnostics::default();
                diags.error(&msg!("serve.output"), None, None, msg!("serve.cannot_start_rendering", error = e));
                InvalidSources(diags)
            })?;
        // The thread always answers, unless it panicked.
        let (page_paths, pages, warnings) = started.recv().unwrap_or_else(|_| {
            let mut diags = Diagnostics::default();
            diags.error(&msg!("serve.output"), None, None, msg!("serve.rendering_stopped"));
            Err(InvalidSources(diags))
        })?;
        Ok((Generation { number, pages, files, page_paths, requests }, warnings))
    }

    /// The file at `path`, rendered now if it is not yet; `Ok(None)` when the build has none,
    /// `Err` when it does not render (the server has been told why).
    pub(super) async fn get(&self, path: &str) -> Result<Option<Bytes>, ()> {
        if let Some(bytes) = self.files.get(path) {
            return Ok(Some(bytes));
        }
        let (reply, answer) = oneshot::channel();
        if self.requests.send(Request { path: path.to_owned(), reply }).is_err() {
            return Ok(None);
        }
        answer.await.unwrap_or(Err(()))
    }

    /// Whether the build has a file at `path` (without rendering it).
    pub(super) fn has(&self, path: &str) -> bool {
        self.page_paths.contains(path) || self.files.get(path).is_some()
    }

    /// Another build is served now: stop rendering in the background (requests are still
    /// answered, should this build be served again).
    pub(super) fn retire(&self) {
        self.files.retired.store(true, Ordering::Relaxed);
    }
}

impl Drop for Generation {
    fn drop(&mut self) {
        self.retire();
    }
}

/// What the thread answers once it is ready: the page paths, the page count and the warnings.
type Started = Result<(HashSet<String>, usize, Diagnostics), InvalidSources>;

/// The thread of one generation: prepares, then renders what is asked for and, beside it,
/// everything else; ends when the generation is dropped and the background pass has stopped.
#[allow(clippy::too_many_arguments)]
fn run(
    site: &Site,
    sources: &Sources,
    mut diags: Diagnostics,
    files: &Files,
    ready: &std::sync::mpsc::SyncSender<Started>,
    incoming: &Receiver<Request>,
    workers: &Workers,
    verdict: impl FnOnce(Verdict) + Send,
) {
    let on_demand = match OnDemand::new(site, sources, &mut diags, files, &workers.memo) {
        Ok(Some(on_demand)) if !diags.has_errors() => on_demand,
        Ok(_) => {
            let _ = ready.send(Err(InvalidSources(diags)));
            return;
        }
        Err(e) => {
            diags.error(&msg!("serve.output"), None, None, e.to_string());
            let _ = ready.send(Err(InvalidSources(diags)));
            return;
        }
    };
    let page_paths = on_demand.page_paths().collect();
    if ready.send(Ok((page_paths, on_demand.page_count(), diags))).is_err() {
        return;
    }
    // Only the first failure counts: it rejects the build.
    let verdict = Mutex::new(Some(verdict));
    let tell = |v: Verdict| {
        if let Some(verdict) = verdict.lock().unwrap_or_else(PoisonError::into_inner).take() {
            verdict(v);
        }
    };
    std::thread::scope(|scope| {
        // The Excel table and the rows' HTML, the slowest parts, are made beside the first
        // requests: a page that needs them waits.
        scope.spawn(|| {
            if let Err(diags) = on_demand.make_excel(files) {
                tell(Verdict::Failed(Problem::of(&diags)));
            }
        });
        scope.spawn(|| {
            if let Err(diags) = on_demand.make_rows() {
                tell(Verdict::Failed(Problem::of(&diags)));
            }
        });
        scope.spawn(|| {
            let started = Instant::now();
            match workers.background.install(|| render_all(&on_demand, files)) {
                Some(Err(problem)) => tell(Verdict::Failed(problem)),
                Some(Ok(())) => {
                    println!("{}", msg!("serve.rendered_all", ms = started.elapsed().as_millis()));
                    tell(Verdict::Complete);
                }
                None => {}
            }
        });
        for request in incoming {
            let (on_demand, tell) = (&on_demand, &tell);
            scope.spawn(move || {
                let answer = make(on_demand, files, &request.path).map_err(|problem| tell(Verdict::Failed(problem)));
                // The browser may have gone; nothing is left to tell it.
                let _ = request.reply.send(answer);
            });
        }
    });
}

/// Makes the file at `path` unless it is made: a page, or one of the files made from the
/// whole model. `Ok(None)` when the build has no file there; `Err` says why it failed.
fn make(on_demand: &OnDemand, files: &Files, path: &str) -> Result<Option<Bytes>, Problem> {
    if let Some(bytes) = files.get(path) {
        return Ok(Some(bytes));
    }
    if on_demand.has_page(path) {
        on_demand.render_page(path, files).map_err(|diags| Problem::of(&diags))?;
    } else {
        write_rest(on_demand, files)?;
    }
    Ok(files.get(path))
}

/// Writes the files made from the whole model, once.
fn write_rest(on_demand: &OnDemand, files: &Files) -> Result<(), Problem> {
    let mut written = files.rest_written.lock().unwrap_or_else(PoisonError::into_inner);
    if !*written {
        on_demand.write_rest(files).map_err(|e| {
            let mut diags = Diagnostics::default();
            diags.error(&msg!("serve.output"), None, None, e.to_string());
            Problem::of(&diags)
        })?;
        *written = true;
    }
    Ok(())
}

/// Renders every file not made yet; `None` when the generation was retired before the end.
fn render_all(on_demand: &OnDemand, files: &Files) -> Option<Result<(), Problem>> {
    let paths: Vec<String> = on_demand.page_paths().collect();
    let failed = paths.par_iter().find_map_any(|path| {
        if files.retired() || files.get(path).is_some() {
            return None;
        }
        on_demand.render_page(path, files).err().map(|diags| Problem::of(&diags))
    });
    if let Some(problem) = failed {
        return Some(Err(problem));
    }
    if files.retired() {
        return None;
    }
    Some(write_rest(on_demand, files))
}

/// Why a build is not served: its diagnostics, each split into where
/// (`错误：data/occupations.csv 第 7 行「等级范围」：`), which the overlay keeps on one line, and
/// what, which it wraps.
#[derive(Debug, Clone, serde::Serialize)]
pub(super) struct Problem {
    lines: Vec<ProblemLine>,
}

#[derive(Debug, Clone, serde::Serialize)]
struct ProblemLine {
    at: String,
    message: String,
    /// An error, not a warning (the console counts them; the overlay needs no more than `at`).
    #[serde(skip)]
    error: bool,
}

impl Problem {
    pub(super) fn of(diags: &Diagnostics) -> Problem {
        let lines = diags
            .shown()
            .iter()
            .map(|d| {
                let line = d.to_string();
                let error = d.severity == Severity::Error;
                match line.strip_suffix(d.message.as_str()) {
                    Some(at) => ProblemLine { at: at.to_owned(), message: d.message.clone(), error },
                    None => ProblemLine { at: String::new(), message: line, error },
                }
            })
            .collect();
        Problem { lines }
    }

    /// Each diagnostic: where, what, and whether it is an error.
    pub(super) fn entries(&self) -> impl Iterator<Item = (&str, &str, bool)> {
        self.lines.iter().map(|l| (l.at.as_str(), l.message.as_str(), l.error))
    }

    /// As the terminal and the status show it, one diagnostic a line.
    pub(super) fn text(&self) -> String {
        self.lines.iter().map(|l| format!("{}{}", l.at, l.message)).collect::<Vec<_>>().join("\n")
    }

    /// As the terminal shows it: one diagnostic a line, wrapped like `linxuan check`'s.
    pub(super) fn for_terminal(&self) -> String {
        let lines = self.lines.iter().map(|l| terminal::for_stderr(&format!("{}{}", l.at, l.message), &l.message));
        lines.collect::<Vec<_>>().join("\n")
    }

    /// As the overlay reads it.
    pub(super) fn json(&self) -> String {
        serde_json::to_string(&self.lines).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_keeps_each_location_apart_from_its_message() {
        let mut diags = Diagnostics::default();
        diags.error("data/occupations.csv", Some(7), Some("等级范围"), "「6」不是等级");
        diags.warning("config.toml", None, None, "示例");
        let problem = Problem::of(&diags);
        assert_eq!(
            problem.text(),
            "错误：data/occupations.csv 第 7 行「等级范围」：「6」不是等级\n警告：config.toml：示例"
        );
        assert_eq!(
            problem.json(),
            r#"[{"at":"错误：data/occupations.csv 第 7 行「等级范围」：","message":"「6」不是等级"},{"at":"警告：config.toml：","message":"示例"}]"#
        );
    }
}
