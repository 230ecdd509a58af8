//! The preview's HTTP side: files from the in-memory snapshot, the live-reload events
//! (Server-Sent Events) and the script that listens to them, injected into HTML only here.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::live::{Live, LiveEvent, Snapshot};
use crate::domain::{Output, PAGE_FILE};
use crate::msg;

/// Reserved path under the base path for the preview's own endpoints.
const SPECIAL: &str = "__linxuan/";

pub(super) fn router(live: Arc<Live>) -> Router {
    Router::new().fallback(handle).with_state(live)
}

async fn handle(State(live): State<Arc<Live>>, uri: Uri) -> Response {
    let snapshot = live.current();
    let Ok(path) = percent_encoding::percent_decode_str(uri.path()).decode_utf8() else {
        return plain(StatusCode::BAD_REQUEST, msg!("serve.bad_path"));
    };
    let Some(rel) = path.strip_prefix(snapshot.base.as_str()) else {
        // `/` and the base path without its slash lead to the site.
        if path == "/" || format!("{path}/") == snapshot.base {
            return redirect(&snapshot.base);
        }
        return not_found(&snapshot).await;
    };
    // The site lives in memory, so `..` cannot reach the disk; refusing it keeps URLs honest.
    if rel.split('/').any(|segment| segment == ".." || segment == ".") || rel.contains(['\\', '\0']) {
        return plain(StatusCode::BAD_REQUEST, msg!("serve.dot_segments"));
    }
    match rel.strip_prefix(SPECIAL) {
        Some("events") => return events(&live, &snapshot),
        Some("live.js") => return file_response("live.js", Bytes::from(live_js()), &snapshot),
        Some("status") => {
            let problem = snapshot.problem.as_ref().map(|p| p.text());
            let body = serde_json::json!({ "generation": snapshot.generation, "problem": problem });
            return file_response("status.json", Bytes::from(body.to_string()), &snapshot);
        }
        Some(_) => return not_found(&snapshot).await,
        None => {}
    }
    let key = if rel.is_empty() || rel.ends_with('/') { format!("{rel}{PAGE_FILE}") } else { rel.to_owned() };
    let snapshot = match snapshot.file(&key).await {
        Ok(Some(bytes)) => return file_response(&key, bytes, &snapshot),
        Ok(None) => snapshot,
        // The build failed on this very file and the last good one is served again.
        Err(()) => match live.current().file(&key).await {
            Ok(Some(bytes)) => return file_response(&key, bytes, &live.current()),
            _ => live.current(),
        },
    };
    if snapshot.has(&format!("{rel}/{PAGE_FILE}")) {
        return redirect(&format!("{}{rel}/", snapshot.base));
    }
    not_found(&snapshot).await
}

async fn not_found(snapshot: &Snapshot) -> Response {
    let path = Output::NotFound.path();
    let mut response = match snapshot.file(&path).await {
        Ok(Some(page)) => file_response(&path, page, snapshot),
        _ => plain(StatusCode::NOT_FOUND, msg!("serve.not_found")),
    };
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

fn plain(status: StatusCode, text: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

fn redirect(to: &str) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response()
}

/// Content types by extension; text types say their charset (CSV in particular, which
/// browsers would otherwise guess).
pub(super) fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("pdf") => "application/pdf",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn file_response(path: &str, bytes: Bytes, snapshot: &Snapshot) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        Body::from(inject_live_reload(&bytes, &snapshot.base))
    } else {
        Body::from(bytes)
    };
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // A preview must always show the latest build.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the live-reload script before `</body>`: only in serve, never in `build`.
fn inject_live_reload(html: &[u8], base: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{base}{SPECIAL}live.js\" data-base=\"{base}\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn events(live: &Live, snapshot: &Snapshot) -> Response {
    // A page that connects while the sources are broken learns it at once.
    let first = snapshot.problem.clone().map(LiveEvent::Problem);
    let later = BroadcastStream::new(live.events.subscribe()).filter_map(Result::ok);
    let stream = tokio_stream::iter(first).chain(later).map(|event| {
        Ok::<_, Infallible>(match event {
            LiveEvent::Reload(generation) => Event::default().event("reload").data(generation.to_string()),
            LiveEvent::Problem(problem) => Event::default().event("problem").data(problem.json()),
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// The live-reload script, with the overlay's texts in the language of the messages.
fn live_js() -> String {
    let text = |key: &str| serde_json::Value::String(msg!(key)).to_string();
    LIVE_JS
        .replace("\"@TITLE@\"", &text("serve.overlay_title"))
        .replace("\"@CLOSE@\"", &text("serve.overlay_close"))
        .replace("\"@CONSOLE@\"", &text("console.link"))
}

/// Reloads on a good build; shows the problem of a bad one over the page until it is fixed:
/// each diagnostic on a line of its own, its location (file, line, field) kept whole and the
/// message wrapped to the width of the window, continuation lines indented. Adds a small link
/// to the staff console in a corner (not printed).
const LIVE_JS: &str = r#"(function () {
  "use strict";
  var base = document.currentScript.getAttribute("data-base") || "/";
  var source = new EventSource(base + "__linxuan/events");
  var box = null;
  var link = document.createElement("a");
  link.id = "linxuan-console";
  link.href = "/_linxuan/";
  link.textContent = "@CONSOLE@";
  link.style.cssText = "position:fixed;right:8px;bottom:8px;z-index:9998;padding:4px 10px;font:13px/1.5 sans-serif;" +
    "background:#fff;color:#0b5cad;border:1px solid #0b5cad;border-radius:4px;opacity:.85;text-decoration:none;";
  window.addEventListener("beforeprint", function () { link.hidden = true; });
  window.addEventListener("afterprint", function () { link.hidden = false; });
  document.body.appendChild(link);
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("problem", function (e) {
    if (!box) {
      box = document.createElement("div");
      box.id = "linxuan-problem";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:9999;" +
        "background:#fff3f3;color:#5a0000;border-top:4px solid #b00020;padding:12px 16px;font:14px/1.5 monospace;";
      var title = document.createElement("strong");
      title.textContent = "@TITLE@";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "@CLOSE@";
      close.style.cssText = "float:right";
      close.addEventListener("click", function () { box.hidden = true; });
      box.appendChild(close);
      box.appendChild(title);
      var list = document.createElement("div");
      list.className = "linxuan-lines";
      box.appendChild(list);
      document.body.appendChild(box);
    }
    var lines = box.querySelector(".linxuan-lines");
    lines.textContent = "";
    JSON.parse(e.data).forEach(function (line) {
      var row = document.createElement("div");
      row.style.cssText = "white-space:pre-wrap;overflow-wrap:anywhere;padding-left:2em;text-indent:-2em;";
      var at = document.createElement("span");
      at.className = "linxuan-at";
      // One unit: moved whole to the line's start, broken only when wider than the overlay.
      at.style.cssText = "display:inline-block;max-width:100%;text-indent:0;";
      at.textContent = line.at;
      row.appendChild(at);
      row.appendChild(document.createTextNode(line.message));
      lines.appendChild(row);
    });
    box.hidden = false;
    // A location wider than the overlay took several lines: the message starts below it.
    lines.querySelectorAll(".linxuan-at").forEach(function (at) {
      if (at.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(at).lineHeight)) {
        at.style.display = "block";
        at.style.marginLeft = "-2em";
      }
    });
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_types_carry_their_charset() {
        assert_eq!(content_type("downloads/occupations.csv"), "text/csv; charset=utf-8");
        assert!(content_type("downloads/application.docx").ends_with("wordprocessingml.document"));
        assert_eq!(content_type("atom.xml"), "application/atom+xml; charset=utf-8");
    }

    #[test]
    fn the_overlay_speaks_the_language_of_the_messages() {
        let script = live_js();
        assert!(!script.contains('@'), "every text is filled in");
        assert!(script.contains("\"关闭\""), "{script}");
    }

    #[test]
    fn the_script_goes_before_the_end_of_body() {
        let html = inject_live_reload(b"<html><body><p>x</p></body></html>", "/sub/");
        let text = String::from_utf8(html).expect("utf-8");
        assert!(
            text.ends_with("<script src=\"/sub/__linxuan/live.js\" data-base=\"/sub/\"></script></body></html>"),
            "{text}"
        );
    }
}
