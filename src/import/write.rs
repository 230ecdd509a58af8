//! Writes the imported files all or none: a site is never left half old, half new.
//!
//! Every file is first written whole beside its target under a temporary name; only when all
//! of them are, each is renamed over its target (a rename within a folder replaces the file in
//! one step). A failure while writing removes what was written, so the site is as it was.

use std::path::{Path, PathBuf};

/// Why the files could not be written, and what that left. The reason is part of the message
/// rather than its source, so it is printed once.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}", crate::msg!("import.write.nothing", path = .path.display(), error = .error))]
    Nothing { path: PathBuf, error: std::io::Error },
    #[error(
        "{}",
        crate::msg!(
            "import.write.part",
            path = .path.display(),
            error = .error,
            written = .written.join(", "),
            not_written = .not_written.join(", ")
        )
    )]
    Part { path: PathBuf, error: std::io::Error, written: Vec<String>, not_written: Vec<String> },
}

/// Writes `files` (path relative to `root`, text) into `root`, all or none.
pub fn all_or_none(root: &Path, files: &[(&str, &str)]) -> Result<(), WriteError> {
    let mut created: Vec<PathBuf> = Vec::new();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for &(rel, text) in files {
        let target = root.join(rel);
        let temp = temporary(&target);
        let result = create_parents(&target, &mut created).and_then(|()| std::fs::write(&temp, text));
        if let Err(error) = result {
            let _ = std::fs::remove_file(&temp);
            for (temp, _) in &staged {
                let _ = std::fs::remove_file(temp);
            }
            // Innermost first; a folder something else has meanwhile put a file into stays.
            for dir in created.iter().rev() {
                let _ = std::fs::remove_dir(dir);
            }
            return Err(WriteError::Nothing { path: target, error });
        }
        staged.push((temp, target));
    }
    for (i, (temp, target)) in staged.iter().enumerate() {
        if let Err(error) = std::fs::rename(temp, target) {
            for (temp, _) in &staged[i..] {
                let _ = std::fs::remove_file(temp);
            }
            let names = |part: &[(PathBuf, PathBuf)]| part.iter().map(|(_, t)| t.display().to_string()).collect();
            return Err(WriteError::Part {
                path: target.clone(),
                error,
                written: names(&staged[..i]),
                not_written: names(&staged[i..]),
            });
        }
    }
    Ok(())
}

/// `content/_index.md` → `content/._index.md.import-<pid>`: hidden, and in the same folder,
/// so the rename stays on one file system.
fn temporary(target: &Path) -> PathBuf {
    let name = target.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.import-{}", std::process::id()))
}

/// Creates the missing folders above `target`, outermost first, recording each in `created`.
fn create_parents(target: &Path, created: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let Some(parent) = target.parent() else { return Ok(()) };
    let missing: Vec<&Path> =
        parent.ancestors().take_while(|dir| !dir.as_os_str().is_empty() && !dir.exists()).collect();
    for dir in missing.into_iter().rev() {
        std::fs::create_dir(dir)?;
        created.push(dir.to_path_buf());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(root: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path() != root)
            .map(|e| {
                let rel = e.path().strip_prefix(root).expect("under root").display().to_string();
                (rel, std::fs::read_to_string(e.path()).unwrap_or_else(|_| "<dir>".into()))
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_file_is_written_with_its_folders() {
        let tmp = tempfile::tempdir().expect("temp dir");
        std::fs::write(tmp.path().join("a.md"), "old").expect("seed");
        all_or_none(tmp.path(), &[("a.md", "new"), ("content/forms/b.md", "b")]).expect("written");
        assert_eq!(
            listing(tmp.path()),
            [("a.md", "new"), ("content", "<dir>"), ("content/forms", "<dir>"), ("content/forms/b.md", "b")]
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn a_file_that_cannot_be_written_leaves_the_site_as_it_was() {
        let tmp = tempfile::tempdir().expect("temp dir");
        std::fs::write(tmp.path().join("a.md"), "old").expect("seed");
        // `blocked` is a file, so nothing can be written under it.
        std::fs::write(tmp.path().join("blocked"), "a file").expect("seed");
        let before = listing(tmp.path());
        let err = all_or_none(tmp.path(), &[("a.md", "new"), ("new/dir/c.md", "c"), ("blocked/b.md", "b")])
            .expect_err("blocked");
        assert!(matches!(err, WriteError::Nothing { .. }), "{err}");
        let message = err.to_string();
        assert!(message.contains("blocked/b.md") && message.contains("没有写入任何文件"), "{message}");
        assert_eq!(listing(tmp.path()), before, "no file changed, no temporary file or new folder left");
    }
}
