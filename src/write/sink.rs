//! The [`Sink`] trait that render hands every file to, and the sinks that need no disk:
//! [`Memory`] (for `check`, `serve` and tests) and [`Counted`]. The staging folder (`mod.rs`)
//! and [`Precompressed`](super::compress::Precompressed) implement it too.

use std::collections::BTreeMap;
use std::path::Path;

use super::error::WriteError;

/// Where rendered files go, as soon as each is ready. Called from many threads at once.
pub trait Sink: Sync {
    /// Stores one file; `path` is relative, with `/` separators.
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError>;
}

/// Keeps every file in memory: for `check`, `serve` and tests.
#[derive(Debug, Default)]
pub struct Memory {
    files: std::sync::Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for Memory {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        check_relative(path)?;
        let mut files = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        files.insert(path.to_owned(), bytes);
        Ok(())
    }
}

/// Passes files on to another sink, counting them and their bytes.
pub struct Counted<'a> {
    inner: &'a dyn Sink,
    files: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicUsize,
}

impl<'a> Counted<'a> {
    pub fn new(inner: &'a dyn Sink) -> Counted<'a> {
        Counted { inner, files: 0.into(), bytes: 0.into() }
    }

    /// Files and bytes stored so far.
    pub fn totals(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.files.load(Relaxed), self.bytes.load(Relaxed))
    }
}

impl Sink for Counted<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        use std::sync::atomic::Ordering::Relaxed;
        let len = bytes.len();
        self.inner.put(path, bytes)?;
        self.files.fetch_add(1, Relaxed);
        self.bytes.fetch_add(len, Relaxed);
        Ok(())
    }
}

/// Output paths come from validated codes and names; this keeps any future slip inside.
pub(super) fn check_relative(rel: &str) -> Result<(), WriteError> {
    let escapes = Path::new(rel).components().any(|c| !matches!(c, std::path::Component::Normal(_)));
    if escapes || rel.is_empty() {
        return Err(WriteError::Escape(rel.to_owned()));
    }
    Ok(())
}
