//! `linxuan init DIR`: a new site from the built-in example.

use std::path::{Path, PathBuf};

use crate::embedded::example_site;

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{}", crate::msg!("init.not_empty", dir = .0.display()))]
    NotEmpty(PathBuf),
    #[error("{}", crate::msg!("write.io", path = .path.display(), error = .source))]
    Io { path: PathBuf, source: std::io::Error },
}

/// Writes the example site into `dir`, which must be new or empty. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    let mut written = Vec::new();
    for (rel, text) in example_site() {
        let path = dir.join(rel);
        let io = |source| InitError::Io { path: path.clone(), source };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, text).map_err(io)?;
        written.push(path);
    }
    Ok(written)
}
