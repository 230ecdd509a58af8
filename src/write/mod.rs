//! Stage 5, write: put the rendered files in place without ever leaving a half-written site.
//!
//! Files go to a staging folder beside the output; only a complete staging folder is swapped
//! in, with one atomic `renameat2(RENAME_EXCHANGE)` where the OS offers it. A build that fails
//! or is killed leaves the published folder as it was; its leftovers are removed next time.
//!
//! This file holds the staging folder ([`Staging`]). `sink.rs` holds the [`Sink`] trait and
//! the sinks in memory, `compress.rs` the `.gz` copies, `error.rs` [`WriteError`]; none of
//! them imports this file, which re-exports what the other modules use.

pub mod compress;
mod error;
mod sink;

use std::io;
use std::path::{Path, PathBuf};

pub use compress::Precompressed;
pub use error::{MARKER, WriteError};
use sink::check_relative;
pub use sink::{Counted, Memory, Sink};

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.to_path_buf(), source }
}

/// A staging folder beside the output that files are written into as they are rendered;
/// [`Staging::publish`] swaps it in whole. Dropped unpublished, it is removed, and the
/// published output is as it was.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
}

impl Staging {
    /// Checks that `output` may be replaced, clears leftovers of killed builds and creates
    /// an empty staging folder.
    pub fn begin(output: &Path) -> Result<Staging, WriteError> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = output.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        remove_leftovers(&parent, &name);
        if is_foreign(output) {
            return Err(WriteError::Foreign(output.to_path_buf()));
        }
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(Staging { dir, output: output.to_path_buf() })
    }

    /// Marks the staging folder as linxuan's and swaps it in for the output.
    pub fn publish(self) -> Result<(), WriteError> {
        let marker = self.dir.join(MARKER);
        std::fs::write(&marker, "This folder is written by linxuan build and replaced whole on every build.\n")
            .map_err(io_err(&marker))?;
        swap_in(&self.dir, &self.output)
        // Dropping `self` removes the staging path, which now holds the previous output.
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        check_relative(path)?;
        let path = self.dir.join(path);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(io_err(p))?;
        }
        std::fs::write(&path, bytes).map_err(io_err(&path))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.dir.exists() {
            // Best effort: a folder left behind is removed by the next build (remove_leftovers).
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn is_foreign(output: &Path) -> bool {
    match std::fs::read_dir(output) {
        Ok(mut entries) => entries.next().is_some() && !output.join(MARKER).is_file(),
        Err(_) => false,
    }
}

/// Removes staging folders of earlier builds that were killed.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            // Best effort: a leftover only takes space, and the next build tries again.
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Moves `staging` to `output`; afterwards `staging` holds the previous output, if any.
fn swap_in(staging: &Path, output: &Path) -> Result<(), WriteError> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(io_err(output));
    }
    let cwd = rustix::fs::CWD;
    match rustix::fs::renameat_with(cwd, staging, cwd, output, rustix::fs::RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        Err(_) => {
            // Filesystems without RENAME_EXCHANGE: two renames, with a short window in which
            // `output` is missing but the previous site is still whole under `.old`.
            let old = staging.with_extension("old");
            std::fs::rename(output, &old).map_err(io_err(output))?;
            std::fs::rename(staging, output).map_err(io_err(output))?;
            std::fs::rename(&old, staging).map_err(io_err(staging))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pairs.iter().map(|(p, b)| ((*p).to_owned(), b.as_bytes().to_vec())).collect()
    }

    /// What a build does: stage every file, then swap the staging folder in.
    fn publish(output: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<(), WriteError> {
        let staging = Staging::begin(output)?;
        for (rel, bytes) in files {
            staging.put(rel, bytes.clone())?;
        }
        staging.publish()
    }

    #[test]
    fn a_staging_folder_dropped_unpublished_leaves_the_output_as_it_was() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let out = tmp.path().join("public");
        publish(&out, &files(&[("index.html", "one")]))?;
        let staging = Staging::begin(&out)?;
        staging.put("index.html", b"half".to_vec())?;
        drop(staging);
        assert_eq!(std::fs::read_to_string(out.join("index.html"))?, "one");
        let names: Vec<_> = std::fs::read_dir(tmp.path())?.flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")], "no staging folder is left behind");
        Ok(())
    }

    #[test]
    fn replaces_the_previous_output_whole() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let out = tmp.path().join("public");
        publish(&out, &files(&[("index.html", "one"), ("old/index.html", "gone soon")]))?;
        publish(&out, &files(&[("index.html", "two")]))?;
        assert_eq!(std::fs::read_to_string(out.join("index.html"))?, "two");
        assert!(!out.join("old").exists());
        let names: Vec<_> = std::fs::read_dir(tmp.path())?.flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")], "no staging folder is left behind");
        Ok(())
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        std::fs::write(tmp.path().join("thesis.docx"), "precious")?;
        let err = publish(tmp.path(), &files(&[("index.html", "x")])).expect_err("must refuse");
        assert!(matches!(err, WriteError::Foreign(_)));
        assert_eq!(std::fs::read_to_string(tmp.path().join("thesis.docx"))?, "precious");
        Ok(())
    }

    #[test]
    fn removes_staging_left_by_a_killed_build() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        std::fs::create_dir_all(tmp.path().join(".public.staging-99999/half"))?;
        publish(&tmp.path().join("public"), &files(&[("index.html", "x")]))?;
        assert!(!tmp.path().join(".public.staging-99999").exists());
        Ok(())
    }
}
