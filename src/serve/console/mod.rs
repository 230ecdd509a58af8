//! The staff console of the preview, at `/_linxuan/` (outside any site's paths): the problems
//! of the latest build, the changes publishing would record, a form for the notice's
//! essentials that writes `config.toml`, and 发布. Only `linxuan serve` serves it; the built
//! site has no trace of it.
//!
//! This file routes; `guard.rs` decides who may ask (Host, Origin, the secret), `page.rs`
//! makes the page, `state.rs` what it shows, `essentials.rs` saves the form (through
//! `config_edit.rs`, with the form's values from `form.rs`), `publish_job.rs` publishes on a
//! thread of its own. A GET never changes anything: every change is a POST.

mod config_edit;
mod essentials;
mod form;
mod guard;
mod page;
mod publish_job;
mod state;

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, TryLockError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::{BroadcastStream, WatchStream};

use crate::msg;
use crate::serve::live::Live;
use essentials::{Posted, SaveError};
use guard::{Guard, Refusal};
use publish_job::PublishJob;

/// Where the console is served: a path no site has, whatever its base path.
pub(super) const PATH: &str = "/_linxuan/";

struct Console {
    live: Arc<Live>,
    guard: Guard,
    job: PublishJob,
}

type Shared = State<Arc<Console>>;

/// The console's routes, for the server listening on `bind`:`port`; a fresh secret each start.
pub(super) fn router(live: Arc<Live>, bind: IpAddr, port: u16) -> std::io::Result<Router> {
    let job = PublishJob::new(live.root.clone());
    let console = Arc::new(Console { guard: Guard::new(bind, port)?, job, live });
    Ok(Router::new()
        .route("/_linxuan", get(|| async { (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, PATH)]) }))
        .route(PATH, get(page))
        .route("/_linxuan/app.js", get(script))
        .route("/_linxuan/app.css", get(style))
        .route("/_linxuan/state", get(state))
        .route("/_linxuan/events", get(events))
        .route("/_linxuan/essentials", post(save))
        .route("/_linxuan/publish", post(publish))
        .with_state(console))
}

fn refused(refusal: Refusal) -> Response {
    let reason = refusal.reason();
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], reason).into_response()
}

/// A JSON answer that no cache keeps.
fn json(status: StatusCode, value: &impl serde::Serialize) -> Response {
    let body = serde_json::to_string(value).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

fn message(status: StatusCode, text: String) -> Response {
    json(status, &serde_json::json!({ "message": text }))
}

async fn page(State(console): Shared, headers: HeaderMap) -> Response {
    if let Err(refusal) = console.guard.reading(&headers) {
        return refused(refusal);
    }
    let html = page::html(console.guard.token(), &console.live.current().base);
    let mut response = html.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(page::POLICY));
    // Not to be framed by another page, which could trick a click.
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

async fn script(State(console): Shared, headers: HeaderMap) -> Response {
    asset(&console, &headers, page::SCRIPT, "text/javascript; charset=utf-8")
}

async fn style(State(console): Shared, headers: HeaderMap) -> Response {
    asset(&console, &headers, page::STYLE, "text/css; charset=utf-8")
}

fn asset(console: &Console, headers: &HeaderMap, body: &'static str, kind: &'static str) -> Response {
    if let Err(refusal) = console.guard.reading(headers) {
        return refused(refusal);
    }
    (StatusCode::OK, [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

async fn state(State(console): Shared, headers: HeaderMap) -> Response {
    if let Err(refusal) = console.guard.reading(&headers) {
        return refused(refusal);
    }
    let shared = Arc::clone(&console);
    // Reads config.toml: off the async threads.
    let state = tokio::task::spawn_blocking(move || {
        state::state(&shared.live.current(), &shared.live.root, shared.job.state())
    })
    .await;
    match state {
        Ok(state) => json(StatusCode::OK, &state),
        Err(e) => message(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// One `state` event (its data not empty: a browser drops an event without data) whenever
/// what the page shows may have changed: a build was served or
/// failed, or the publication moved on. The page then asks for the state again.
async fn events(State(console): Shared, headers: HeaderMap) -> Response {
    if let Err(refusal) = console.guard.reading(&headers) {
        return refused(refusal);
    }
    let builds = BroadcastStream::new(console.live.events.subscribe()).map(|_| ());
    // The first value of a watch stream is the current one: the page asks at once.
    let publication = WatchStream::new(console.job.subscribe()).map(|_| ());
    let stream =
        builds.merge(publication).map(|()| Ok::<_, Infallible>(Event::default().event("state").data("changed")));
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

async fn save(State(console): Shared, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refusal) = console.guard.writing(&headers) {
        return refused(refusal);
    }
    let Ok(posted) = serde_json::from_slice::<Posted>(&body) else {
        return message(StatusCode::BAD_REQUEST, msg!("console.bad_request"));
    };
    let shared = Arc::clone(&console);
    let saved = tokio::task::spawn_blocking(move || {
        // While a publication runs, config.toml stays as it reads it: `None`.
        let _files = match shared.job.files.try_lock() {
            Ok(files) => files,
            Err(TryLockError::Poisoned(files)) => files.into_inner(),
            Err(TryLockError::WouldBlock) => return None,
        };
        let root = &shared.live.root;
        Some(essentials::save(root, &posted).map(|changed| (changed, essentials::current(root).version)))
    })
    .await;
    match saved {
        Ok(Some(Ok((changed, version)))) => {
            json(StatusCode::OK, &serde_json::json!({ "changed": changed, "version": version }))
        }
        Ok(Some(Err(SaveError::Invalid(errors)))) => {
            json(StatusCode::UNPROCESSABLE_ENTITY, &serde_json::json!({ "errors": errors }))
        }
        Ok(Some(Err(SaveError::Conflict))) => message(StatusCode::CONFLICT, msg!("console.conflict")),
        Ok(None) => message(StatusCode::CONFLICT, msg!("console.save_busy")),
        Ok(Some(Err(SaveError::Io(text)))) => message(StatusCode::INTERNAL_SERVER_ERROR, text),
        Err(e) => message(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishRequest {
    #[serde(default)]
    note: String,
}

async fn publish(State(console): Shared, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refusal) = console.guard.writing(&headers) {
        return refused(refusal);
    }
    let Ok(request) = serde_json::from_slice::<PublishRequest>(&body) else {
        return message(StatusCode::BAD_REQUEST, msg!("console.bad_request"));
    };
    match console.job.start(request.note) {
        Ok(()) => json(StatusCode::ACCEPTED, &serde_json::json!({ "run": console.job.state().run })),
        Err(_) => message(StatusCode::CONFLICT, msg!("console.busy")),
    }
}
