//! What the console's page shows, as one JSON document it asks for when it opens and each
//! time the preview rebuilds or the publication moves on: the problems of the latest build,
//! the changes publishing would record, the essentials `config.toml` sets and the
//! publication's state.

use std::path::Path;

use serde::Serialize;

use super::essentials::{Current, current};
use super::publish_job::JobState;
use crate::serve::live::Snapshot;

#[derive(Serialize)]
pub(super) struct State {
    /// The good build served (a number the page shows nothing of, but tells builds apart by).
    generation: u64,
    /// Whether the latest build failed (the preview shows the one before).
    broken: bool,
    problems: Vec<ProblemEntry>,
    /// What publishing would record, a line each; `None` while the sources are broken.
    pending: Option<Vec<String>>,
    essentials: Current,
    publish: JobState,
}

/// A problem as the terminal and the overlay show it: where, then what.
#[derive(Serialize)]
struct ProblemEntry {
    at: String,
    message: String,
    error: bool,
}

pub(super) fn state(snapshot: &Snapshot, root: &Path, publish: JobState) -> State {
    let problems = snapshot
        .problems()
        .map(|p| {
            p.entries()
                .map(|(at, message, error)| ProblemEntry { at: at.into(), message: message.into(), error })
                .collect()
        })
        .unwrap_or_default();
    State {
        generation: snapshot.generation,
        broken: snapshot.problem.is_some(),
        problems,
        pending: snapshot.pending.clone(),
        essentials: current(root),
        publish,
    }
}
