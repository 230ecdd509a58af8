//! `linxuan serve`: validate on every saved change, tell open pages to reload as soon as the
//! new build can render a page, and render each file when it is first asked for (the rest
//! follow in the background, at a low priority). A broken edit keeps the last good site
//! served and shows the problem in the terminal and as an overlay in the pages; nothing is
//! written to disk.
//!
//! This file starts the first build, the watcher and the server. `live.rs` holds what is
//! served now and swaps each new build in, `generation.rs` renders one build's files,
//! `watch.rs` calls for a rebuild on every save, `http.rs` answers the browser, `console/`
//! is the staff console at `/_linxuan/`, and `error.rs` holds [`ServeError`]; none of them
//! imports this file.

mod console;
mod error;
mod generation;
mod http;
mod live;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use tokio::sync::broadcast;

use crate::msg;
use crate::render::Memo;
pub use error::ServeError;
use generation::Workers;
use live::Live;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
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
    println!("{}", msg!("serve.serving", root = options.root.display(), url = url));
    if !options.bind.is_loopback() {
        eprintln!("{}", msg!("serve.exposed", bind = options.bind));
    }
    if options.open {
        let target = url.clone();
        std::thread::spawn(move || {
            if let Err(e) = open::that(&target) {
                eprintln!("{}", msg!("serve.no_browser", error = e));
            }
        });
    }
    let app = http::router(Arc::clone(&live)).merge(console::router(Arc::clone(&live), options.bind, local.port())?);
    let server = axum::serve(listener, app);
    tokio::select! {
        result = server => result?,
        _ = tokio::signal::ctrl_c() => println!("{}", msg!("serve.stopped")),
    }
    Ok(())
}
