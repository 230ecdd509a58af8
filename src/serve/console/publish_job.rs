//! 发布 from the console: `publish::publish` on a thread of its own (it builds the whole site
//! and zips it: seconds, which must not hold up the server), one at a time. Its state, the
//! stage it is at and then its result, is a `watch` channel the console's page listens to.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use serde::Serialize;
use tokio::sync::watch;

use crate::build::BuildError;
use crate::diagnostics::InvalidSources;
use crate::msg;
use crate::publish::{PublishError, PublishOptions, PublishReport, Stage, publish_with_progress};
use crate::release::ReleaseError;

/// What the console shows of the latest publication.
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct JobState {
    /// Counts the publications started, so the page tells one result from the next.
    pub run: u64,
    pub running: bool,
    /// The stage running (0 检查, 1 记录, 2 生成网站, 3 打包), or the last one reached.
    pub stage: Option<usize>,
    pub result: Option<Published>,
    /// Why it did not complete, a line each, in the words of the terminal.
    pub error: Option<Vec<String>>,
}

/// A publication that completed.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Published {
    /// What the terminal prints after `linxuan publish`, a line each.
    pub summary: Vec<String>,
    /// The release recorded: its date and what it changes.
    pub recorded: Option<(String, Vec<String>)>,
    pub files: usize,
    pub output: String,
    pub package: String,
    pub package_bytes: u64,
    pub ms: u128,
}

pub(super) struct PublishJob {
    root: PathBuf,
    state: watch::Sender<JobState>,
    /// Held while `config.toml` is written or a publication runs: neither sees the other
    /// half-done.
    pub(super) files: Arc<Mutex<()>>,
}

/// A publication is running already.
#[derive(Debug)]
pub(super) struct Busy;

impl PublishJob {
    pub(super) fn new(root: PathBuf) -> PublishJob {
        PublishJob { root, state: watch::Sender::new(JobState::default()), files: Arc::default() }
    }

    pub(super) fn state(&self) -> JobState {
        self.state.borrow().clone()
    }

    pub(super) fn subscribe(&self) -> watch::Receiver<JobState> {
        self.state.subscribe()
    }

    /// Starts publishing with `note`, unless a publication runs.
    pub(super) fn start(&self, note: String) -> Result<(), Busy> {
        // Checked and set under the channel's lock: of two clicks at once, one starts.
        let started = self.state.send_if_modified(|state| {
            if state.running {
                return false;
            }
            *state = JobState { run: state.run + 1, running: true, stage: None, result: None, error: None };
            true
        });
        if !started {
            return Err(Busy);
        }
        let options = PublishOptions { root: self.root.clone(), output: None, note: Some(note), date: None };
        let state = self.state.clone();
        let files = Arc::clone(&self.files);
        let spawned = std::thread::Builder::new().name("publish".into()).spawn(move || {
            let _files = files.lock().unwrap_or_else(PoisonError::into_inner);
            let started = Instant::now();
            let progress = |stage: Stage| {
                let index = Stage::ALL.iter().position(|s| *s == stage);
                state.send_modify(|s| s.stage = index);
            };
            let outcome = publish_with_progress(&options, progress);
            let ms = started.elapsed().as_millis();
            state.send_modify(|s| {
                s.running = false;
                match outcome {
                    Ok(report) => s.result = Some(published(&report, ms)),
                    Err(e) => s.error = Some(refusal(e)),
                }
            });
        });
        if let Err(e) = spawned {
            self.state.send_modify(|s| {
                s.running = false;
                s.error = Some(vec![msg!("cli.publish.refused", error = e)]);
            });
        }
        Ok(())
    }
}

fn published(report: &PublishReport, ms: u128) -> Published {
    let shown = |path: &std::path::Path| std::path::absolute(path).unwrap_or(path.to_path_buf()).display().to_string();
    Published {
        summary: report.summary(),
        recorded: report.recorded.clone(),
        files: report.build.files,
        output: shown(&report.build.output),
        package: shown(&report.package),
        package_bytes: report.package_bytes,
        ms,
    }
}

/// Why publishing stopped, as the terminal would say it; a note asked for in the console's
/// words (there is no `--note` to type here).
fn refusal(error: PublishError) -> Vec<String> {
    let diagnostics = |diags: crate::diagnostics::Diagnostics| {
        let mut lines: Vec<String> = diags.sorted().iter().map(|d| d.to_string()).collect();
        lines.push(msg!("cli.publish.refused_count", errors = diags.error_count()));
        lines
    };
    match error {
        PublishError::Invalid(InvalidSources(diags))
        | PublishError::Build(BuildError::Invalid(InvalidSources(diags)))
        | PublishError::Release(ReleaseError::Invalid(InvalidSources(diags))) => diagnostics(diags),
        PublishError::NoteNeeded(changes) => {
            let mut lines = vec![msg!("console.note_needed")];
            lines.extend(changes.into_iter().map(|c| format!("  {c}")));
            lines
        }
        other => vec![msg!("cli.publish.refused", error = other)],
    }
}
