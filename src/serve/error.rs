//! Why the preview cannot run: the one error type of `serve`, in a file of its own so that
//! `mod.rs` and `watch.rs` both use it without importing each other.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("cannot watch {path}: {message}")]
    Watch { path: PathBuf, message: String },
    #[error("cannot start the server: {0}")]
    Runtime(#[from] std::io::Error),
}
