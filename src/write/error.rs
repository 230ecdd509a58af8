//! The error every sink returns. In a file of its own so that the sinks (`sink.rs`,
//! `compress.rs`) and the staging folder (`mod.rs`) use it without importing each other.

use std::io;
use std::path::PathBuf;

/// The file that marks a folder as linxuan's output, so a mistyped `--output` pointing at
/// someone's documents is refused instead of replaced.
pub const MARKER: &str = ".linxuan-output";

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to write `{0}`: it would land outside the output folder")]
    Escape(String),
    #[error("{0} is not empty and was not written by linxuan (no {MARKER} file); refusing to replace it")]
    Foreign(PathBuf),
}
