//! `linxuan serve`: validate on every saved change, tell open pages to reload as soon as the
//! new build can render a page, and render each file when it is first asked for (the rest
//! follow in the background, at a low priority). A broken edit keeps the last good site
//! served and shows the problem in the terminal and as an overlay in the pages; nothing is
//! written to disk.

mod generation;
mod http;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Instant;

use axum::body::Bytes;
use tokio::sync::broadcast;

use crate::build::load_site;
use crate::diagnostics::InvalidSources;
use crate::domain::{Output, Page};
use crate::render::Memo;
use generation::{Generation, Verdict, Workers, problem_text};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("cannot watch {path}: {message}")]
    Watch { path: PathBuf, message: String },
    #[error("cannot start the server: {0}")]
    Runtime(#[from] std::io::Error),
}

/// What is served now: the last good build, and the problem of the latest one if it failed.
#[derive(Default)]
struct Snapshot {
    /// `None` before the first good build: a placeholder page is served.
    site: Option<Arc<Generation>>,
    /// The build served before `site`, until every file of `site` has rendered: served again
    /// should one of them fail.
    fallback: Option<Arc<Generation>>,
    /// The base URL's path, `/` or `/sub/path/`; pages are served under it.
    base: String,
    /// Set while the sources are broken; cleared by the next good build.
    problem: Option<String>,
    generation: u64,
}

/// Served at the base path until the sources first build.
const PLACEHOLDER: &[u8] = b"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>linxuan</title></head><body><main><h1>The site does not build yet</h1></main></body></html>";

/// Whether `path` is the notice's, where the placeholder is served.
fn is_home(path: &str) -> bool {
    path == Output::Page(Page::Notice).path()
}

impl Snapshot {
    /// The file at `path` (relative to the base path), rendered if need be; `Err` when the
    /// build turned out broken while rendering it.
    async fn file(&self, path: &str) -> Result<Option<Bytes>, ()> {
        match &self.site {
            Some(site) => site.get(path).await,
            None => Ok(is_home(path).then(|| Bytes::from_static(PLACEHOLDER))),
        }
    }

    fn has(&self, path: &str) -> bool {
        self.site.as_ref().map_or(is_home(path), |site| site.has(path))
    }
}

/// What the preview tells open pages over the live-reload channel.
#[derive(Debug, Clone)]
enum LiveEvent {
    /// A good build of this generation is served: reload.
    Reload(u64),
    /// The latest build failed: show why over the page.
    Problem(String),
}

struct Live {
    root: PathBuf,
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<LiveEvent>,
    workers: Arc<Workers>,
}

impl Live {
    fn current(&self) -> Arc<Snapshot> {
        // The lock only guards swapping one Arc for another, which cannot leave it half-done.
        Arc::clone(&self.snapshot.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn swap(&self, next: Snapshot) {
        *self.snapshot.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(next);
    }

    /// Validates the sources and prepares the new build; once it can render a page it is
    /// swapped in whole (a request sees the old site or the new one, never a mix) and open
    /// pages reload.
    fn rebuild(self: &Arc<Self>) {
        let started = Instant::now();
        let previous = self.current();
        let number = previous.generation + 1;
        let live = Arc::downgrade(self);
        let prepared = load_site(&self.root).and_then(|(site, sources, diags)| {
            let base = site.base_url.path.clone();
            let verdict = move |verdict| {
                if let Some(live) = live.upgrade() {
                    live.judged(number, verdict);
                }
            };
            Generation::start(number, site, sources, diags, Arc::clone(&self.workers), verdict)
                .map(|(generation, warnings)| (generation, warnings, base))
        });
        let next = match prepared {
            Ok((generation, warnings, base)) => {
                for d in warnings.sorted() {
                    eprintln!("{d}");
                }
                println!("rebuilt: {} pages in {} ms", generation.pages, started.elapsed().as_millis());
                if let Some(old) = &previous.site {
                    old.retire();
                }
                Snapshot {
                    site: Some(Arc::new(generation)),
                    fallback: previous.site.clone(),
                    base,
                    problem: None,
                    generation: number,
                }
            }
            Err(InvalidSources(diags)) => {
                let text = problem_text(&diags);
                eprintln!("{text}\nthe last good site is still served; fix the problem and save again");
                // Before any good build the base path is unknown: serve the placeholder at `/`.
                let base = if previous.base.is_empty() { "/".to_owned() } else { previous.base.clone() };
                Snapshot {
                    site: previous.site.clone(),
                    fallback: previous.fallback.clone(),
                    base,
                    problem: Some(text),
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
                generation: snapshot.generation,
            },
            Verdict::Failed(text) => {
                eprintln!("{text}\nthe last good site is served again; fix the problem and save again");
                let _ = self.events.send(LiveEvent::Problem(text.clone()));
                Snapshot {
                    site: snapshot.fallback.clone(),
                    fallback: None,
                    base: snapshot.base.clone(),
                    problem: Some(text),
                    generation: snapshot.generation,
                }
            }
        };
        *snapshot = Arc::new(next);
    }
}

/// A pool as wide as the machine whose threads yield to everything else: the pages nobody
/// has asked for must not slow down the one a browser waits for.
fn background_pool() -> Result<rayon::ThreadPool, ServeError> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("preview background {i}"))
        .start_handler(|_| {
            // Nice 10 on this thread alone (Linux); a failure only costs speed.
            let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 10);
        })
        .build()
        .map_err(|e| ServeError::Runtime(std::io::Error::other(e.to_string())))
}

pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(run(options))
}

async fn run(options: ServeOptions) -> Result<(), ServeError> {
    let (events, _) = broadcast::channel(16);
    let workers = Arc::new(Workers { background: background_pool()?, memo: Memo::keeping() });
    let live = Arc::new(Live { root: options.root.clone(), snapshot: RwLock::new(Arc::default()), events, workers });
    let first = Arc::clone(&live);
    tokio::task::spawn_blocking(move || first.rebuild()).await.map_err(|e| std::io::Error::other(e.to_string()))?;

    let addr = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
    let local = listener.local_addr()?;
    let _watcher = watch::start(Arc::clone(&live))?;
    let url = format!("http://{local}{}", live.current().base);
    println!("serving {} at {url} (Ctrl-C to stop)", options.root.display());
    if !options.bind.is_loopback() {
        eprintln!("warning: listening on {} — other machines on the network can read this preview", options.bind);
    }
    if options.open {
        let target = url.clone();
        std::thread::spawn(move || {
            if let Err(e) = open::that(&target) {
                eprintln!("warning: cannot open a browser: {e}");
            }
        });
    }
    let app = http::router(Arc::clone(&live));
    let server = axum::serve(listener, app);
    tokio::select! {
        result = server => result?,
        _ = tokio::signal::ctrl_c() => println!("stopped"),
    }
    Ok(())
}
