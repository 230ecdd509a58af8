//! Watching the sources: `config.toml`, `data/`, `content/`, `templates/`, `static/`.
//!
//! Editors and Excel save through temporary files and renames, so changes are debounced
//! (a rebuild starts once the folder has been quiet for a moment) and any change under a
//! watched path triggers a full in-memory rebuild. Only events that change a file count:
//! the rebuild itself reads every source, and those reads must not trigger another one.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::error::ServeError;
use super::live::Live;
use crate::load::{CONFIG, SOURCE_DIRS};

/// Long enough to gather the burst of one save, short enough to feel immediate.
const QUIET: Duration = Duration::from_millis(30);

/// Starts watching; the returned watcher must be kept alive for as long as the server runs.
pub(super) fn start(live: Arc<Live>) -> Result<RecommendedWatcher, ServeError> {
    // Events carry absolute, resolved paths; compare against the same form of the root.
    let root = live.root.canonicalize().unwrap_or_else(|_| live.root.clone());
    let fail = |path: &Path, e: notify::Error| ServeError::Watch { path: path.to_path_buf(), message: e.to_string() };
    let (sender, receiver) = channel::<PathBuf>();
    let filter_root = root.clone();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
        let Ok(event) = result else { return };
        if !matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)) {
            return;
        }
        for path in event.paths.into_iter().filter(|p| is_source(&filter_root, p)) {
            // Sending fails only once the rebuilding thread has ended, when nothing is left to tell.
            let _ = sender.send(path);
        }
    })
    .map_err(|e| fail(&root, e))?;
    // The root itself non-recursively, for config.toml.
    watcher.watch(&root, RecursiveMode::NonRecursive).map_err(|e| fail(&root, e))?;
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive).map_err(|e| fail(&path, e))?;
        }
    }
    std::thread::spawn(move || debounce(&receiver, &live));
    Ok(watcher)
}

/// Waits for a change, then for quiet, then rebuilds; ends when the watcher is dropped.
fn debounce(changes: &Receiver<PathBuf>, live: &Arc<Live>) {
    while changes.recv().is_ok() {
        loop {
            match changes.recv_timeout(QUIET) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        live.rebuild();
    }
}

/// Whether a changed path is one of the site's sources (not `public/`, not editor scratch files).
fn is_source(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let scratch = name.starts_with("~$") || name.starts_with(".#") || name.ends_with('~') || name.ends_with(".swp");
    let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    !scratch && (first == CONFIG || SOURCE_DIRS.contains(&first.as_str()))
}

#[cfg(test)]
mod tests {
    use super::is_source;
    use std::path::Path;

    #[test]
    fn only_sources_trigger_a_rebuild() {
        let root = Path::new("/site");
        assert!(is_source(root, Path::new("/site/data/occupations.csv")));
        assert!(is_source(root, Path::new("/site/config.toml")));
        assert!(is_source(root, Path::new("/site/templates/partials/x.html")));
        assert!(!is_source(root, Path::new("/site/public/index.html")));
        assert!(!is_source(root, Path::new("/site/data/~$occupations.xlsx")));
        assert!(!is_source(root, Path::new("/site/content/.#_index.md")));
    }
}
