//! Why the preview cannot run: the one error type of `serve`, in a file of its own so that
//! `mod.rs` and `watch.rs` both use it without importing each other.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{}", crate::msg!("serve.cannot_listen", addr = .addr, error = .source))]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("{}", crate::msg!("serve.cannot_watch", path = .path.display(), error = .message))]
    Watch { path: PathBuf, message: String },
    #[error("{}", crate::msg!("serve.cannot_start", error = .0))]
    Runtime(#[from] std::io::Error),
}
