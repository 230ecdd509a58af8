//! The error every sink returns. In a file of its own so that the sinks (`sink.rs`,
//! `compress.rs`) and the staging folder (`mod.rs`) use it without importing each other.

use std::io;
use std::path::PathBuf;

/// The file that marks a folder as linxuan's output, so a mistyped `--output` pointing at
/// someone's documents is refused instead of replaced.
pub const MARKER: &str = ".linxuan-output";

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}", crate::msg!("write.io", path = .path.display(), error = .source))]
    Io { path: PathBuf, source: io::Error },
    #[error("{}", crate::msg!("write.escape", path = .0))]
    Escape(String),
    #[error("{}", crate::msg!("write.foreign", dir = .0.display(), marker = MARKER))]
    Foreign(PathBuf),
}
