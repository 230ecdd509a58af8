//! `linxuan serve`: build into memory, serve on loopback, rebuild on every saved change and
//! tell open pages to reload. A broken edit keeps the last good site served and shows the
//! problem in the terminal and as an overlay in the pages; nothing is written to disk.

mod http;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::build::render_site;
use crate::diagnostics::InvalidSources;

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
#[derive(Debug, Default)]
struct Snapshot {
    files: std::collections::BTreeMap<String, Vec<u8>>,
    /// The base URL's path, `/` or `/sub/path/`; pages are served under it.
    base: String,
    /// Set while the sources are broken; cleared by the next good build.
    problem: Option<String>,
    generation: u64,
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
}

impl Live {
    fn current(&self) -> Arc<Snapshot> {
        // The lock only guards swapping one Arc for another, which cannot leave it half-done.
        Arc::clone(&self.snapshot.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Rebuilds in memory and swaps the result in whole: a request sees the old site or the
    /// new one, never a mix.
    fn rebuild(&self) {
        let started = Instant::now();
        let previous = self.current();
        let next = match render_site(&self.root, None) {
            Ok((site, output, diags)) => {
                for d in diags.sorted() {
                    eprintln!("{d}");
                }
                println!("rebuilt: {} pages in {} ms", output.pages, started.elapsed().as_millis());
                Snapshot {
                    files: output.files,
                    base: site.base_url.path,
                    problem: None,
                    generation: previous.generation + 1,
                }
            }
            Err(InvalidSources(diags)) => {
                let text: Vec<String> = diags.sorted().iter().map(|d| d.to_string()).collect();
                let text = text.join("\n");
                eprintln!("{text}\nthe last good site is still served; fix the problem and save again");
                let mut files = previous.files.clone();
                if files.is_empty() {
                    files.insert("index.html".into(), b"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>linxuan</title></head><body><main><h1>The site does not build yet</h1></main></body></html>".to_vec());
                }
                // Before any good build the base path is unknown: serve the placeholder at `/`.
                let base = if previous.base.is_empty() { "/".to_owned() } else { previous.base.clone() };
                Snapshot { files, base, problem: Some(text), generation: previous.generation }
            }
        };
        let event = match &next.problem {
            Some(problem) => LiveEvent::Problem(problem.clone()),
            None => LiveEvent::Reload(next.generation),
        };
        *self.snapshot.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(next);
        // Sending fails only when no page is open to listen.
        let _ = self.events.send(event);
    }
}

pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(run(options))
}

async fn run(options: ServeOptions) -> Result<(), ServeError> {
    let (events, _) = broadcast::channel(16);
    let live = Arc::new(Live { root: options.root.clone(), snapshot: RwLock::new(Arc::default()), events });
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
