//! The staff console of `linxuan serve` (`/_linxuan/`) over HTTP, requests written by hand so
//! that every header is the test's: a Host that does not name the server is refused for the
//! page, the state and a POST (DNS rebinding); a POST without the secret, with a wrong one,
//! or from another origin is refused; a good form changes config.toml in place, its comments
//! and key order kept, and the preview serves it; a bad one changes nothing; no GET changes
//! a file; 发布 runs once at a time and ends with the package.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::{Fixture, TestResult, snapshot};
use crate::serve::server::{Server, poll};

const WAIT: Duration = Duration::from_secs(20);
/// A publication of the shipped site, debug build, on a loaded machine.
const PUBLISH_WAIT: Duration = Duration::from_secs(180);

struct Reply {
    status: u16,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// `127.0.0.1:PORT`, the Host a browser sends for the printed address.
fn address(server: &Server) -> String {
    server.origin.trim_start_matches("http://").to_owned()
}

/// Sends `method path` with exactly `headers` (Host included, or not) and `body`.
fn send(server: &Server, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut stream = TcpStream::connect(address(server)).expect("connect to the server");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("set a read timeout");
    let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).expect("send the request");
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no status: {text:?}"));
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    Reply { status, body }
}

/// The console as its page talks to the server: the right Host and Origin, and the secret.
struct Console<'a> {
    server: &'a Server,
    host: String,
    origin: String,
    token: String,
}

impl<'a> Console<'a> {
    fn open(server: &'a Server) -> Console<'a> {
        let host = address(server);
        let page = send(server, "GET", "/_linxuan/", &[("Host", &host)], "");
        assert_eq!(page.status, 200, "{}", page.body);
        let token = page
            .body
            .split("name=\"linxuan-token\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the page carries the secret")
            .to_owned();
        assert!(token.len() >= 32, "128 bits or more: {token}");
        Console { server, origin: format!("http://{host}"), host, token }
    }

    fn state(&self) -> serde_json::Value {
        let reply = send(self.server, "GET", "/_linxuan/state", &[("Host", &self.host)], "");
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()
    }

    fn post(&self, path: &str, body: &str) -> Reply {
        let headers = [
            ("Host", self.host.as_str()),
            ("Origin", self.origin.as_str()),
            ("X-Linxuan-Token", self.token.as_str()),
            ("Content-Type", "application/json"),
        ];
        send(self.server, "POST", path, &headers, body)
    }

    /// The form as the state gives it, changed by `change`, as the page sends it.
    fn form(&self, change: impl FnOnce(&mut serde_json::Value)) -> String {
        let state = self.state();
        let mut values = state["essentials"]["values"].clone();
        change(&mut values);
        serde_json::json!({ "version": state["essentials"]["version"], "values": values }).to_string()
    }
}

/// The console's event stream, read in the background as its page reads it.
struct Events(std::sync::Arc<std::sync::Mutex<String>>);

impl Events {
    fn open(console: &Console) -> Events {
        let mut stream = TcpStream::connect(address(console.server)).expect("connect to the server");
        write!(stream, "GET /_linxuan/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n", console.host)
            .expect("send the request");
        Events(crate::common::read_in_background(stream))
    }

    /// How many `state` events have come, each with data (a browser drops one without).
    fn count(&self) -> usize {
        self.0.lock().map(|s| s.matches("event: state\ndata: changed\n").count()).unwrap_or(0)
    }
}

/// The keys of config.toml in order, and its comment lines.
fn keys_and_comments(text: &str) -> (Vec<String>, Vec<String>) {
    let keys = text.lines().filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned())).collect();
    let comments = text.lines().filter(|l| l.starts_with('#')).map(str::to_owned).collect();
    (keys, comments)
}

#[test]
fn a_host_that_does_not_name_the_server_is_refused_for_the_page_the_state_and_a_post() -> TestResult {
    let fixture = Fixture::shipped();
    let server = Server::start(&fixture.root());
    let console = Console::open(&server);
    let config = fixture.read("config.toml");
    let port = server.origin.rsplit(':').next().expect("a port");
    let form = console.form(|v| v["deadline"] = "2030-01-01 09:00".into());
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        "127.0.0.1:1".to_owned(),
        "127.0.0.1".to_owned(),
    ] {
        for path in ["/_linxuan/", "/_linxuan/state", "/_linxuan/events", "/_linxuan/app.js"] {
            let reply = send(&server, "GET", path, &[("Host", &host)], "");
            assert_eq!(reply.status, 403, "{host} {path}");
            assert!(!reply.body.contains(&console.token), "{host} {path}: the secret does not leak");
            assert!(!reply.body.contains("deadline"), "{host} {path}: nor the config");
        }
        let origin = format!("http://{host}");
        let headers = [("Host", host.as_str()), ("Origin", &origin), ("X-Linxuan-Token", &console.token)];
        for path in ["/_linxuan/essentials", "/_linxuan/publish"] {
            let reply = send(&server, "POST", path, &headers, &form);
            assert_eq!(reply.status, 403, "{host} {path}: {}", reply.body);
            assert!(reply.body.contains("refused"), "a short reason: {}", reply.body);
        }
    }
    let reply = send(&server, "GET", "/_linxuan/state", &[], "");
    assert!(matches!(reply.status, 400 | 403), "no Host at all is refused: {}", reply.status);
    // localhost names the server too.
    let localhost = format!("localhost:{port}");
    assert_eq!(send(&server, "GET", "/_linxuan/", &[("Host", &localhost)], "").status, 200);
    assert_eq!(fixture.read("config.toml"), config, "nothing written");
    Ok(())
}

#[test]
fn a_post_without_the_secret_with_a_wrong_one_or_from_another_origin_is_refused() -> TestResult {
    let fixture = Fixture::shipped();
    let server = Server::start(&fixture.root());
    let console = Console::open(&server);
    let before = snapshot(&fixture.root());
    let form = console.form(|v| v["deadline"] = "2030-01-01 09:00".into());
    let host = console.host.as_str();
    let origin = console.origin.as_str();
    let wrong: String = console.token.chars().map(|c| if c == '0' { '1' } else { '0' }).collect();
    let cases: [(&str, Vec<(&str, &str)>); 7] = [
        ("no secret", vec![("Host", host), ("Origin", origin)]),
        ("a wrong secret", vec![("Host", host), ("Origin", origin), ("X-Linxuan-Token", &wrong)]),
        ("an empty secret", vec![("Host", host), ("Origin", origin), ("X-Linxuan-Token", "")]),
        (
            "another origin",
            vec![("Host", host), ("Origin", "http://evil.example"), ("X-Linxuan-Token", &console.token)],
        ),
        ("another port", vec![("Host", host), ("Origin", "http://127.0.0.1:1"), ("X-Linxuan-Token", &console.token)]),
        ("an opaque origin", vec![("Host", host), ("Origin", "null"), ("X-Linxuan-Token", &console.token)]),
        ("no origin", vec![("Host", host), ("X-Linxuan-Token", &console.token)]),
    ];
    for (what, headers) in &cases {
        for path in ["/_linxuan/essentials", "/_linxuan/publish"] {
            let reply = send(&server, "POST", path, headers, &form);
            assert_eq!(reply.status, 403, "{what} {path}: {}", reply.body);
        }
    }
    assert_eq!(console.state()["publish"]["run"], 0, "no publication started");
    assert!(snapshot(&fixture.root()) == before, "no file changed");
    Ok(())
}

#[test]
fn a_good_form_changes_config_toml_in_place_and_the_preview_serves_it() -> TestResult {
    let fixture = Fixture::shipped();
    let server = Server::start(&fixture.root());
    let console = Console::open(&server);
    let before = fixture.read("config.toml");
    let events = Events::open(&console);
    poll(WAIT, "the first state event", || (events.count() == 1).then_some(()));
    let form = console.form(|v| {
        v["deadline"] = "2027-04-30 17:30".into();
        v["contacts"][0]["phone"] = "010-87654321".into();
    });
    let reply = console.post("/_linxuan/essentials", &form);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["changed"], true);
    let after = fixture.read("config.toml");
    assert!(after.contains("\ndeadline = \"2027-04-30 17:30\"\n"), "{after}");
    assert!(after.contains("\nphone = \"010-87654321\"\n"), "{after}");
    let (keys_before, comments_before) = keys_and_comments(&before);
    let (keys_after, comments_after) = keys_and_comments(&after);
    assert_eq!(keys_after, keys_before, "the keys in their order");
    assert_eq!(comments_after, comments_before, "every comment line");
    assert!(after.contains("# 申报截止时间，北京时间，格式「年-月-日 时:分」"), "the deadline's comment");
    assert_eq!(after.lines().count(), before.lines().count());
    let changed = before.lines().zip(after.lines()).filter(|(a, b)| a != b).count();
    assert_eq!(changed, 2, "two lines changed");
    let names: Vec<String> =
        std::fs::read_dir(fixture.root())?.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "no temporary file left: {names:?}");

    poll(WAIT, "the new deadline in the preview", || {
        server.get("/").text().contains("2027年4月30日 17:30").then_some(())
    });
    poll(WAIT, "a state event for the rebuild", || (events.count() >= 2).then_some(()));
    let state = console.state();
    assert_eq!(state["essentials"]["values"]["deadline"], "2027-04-30 17:30");
    // The same form again: the file read since is a new version, so the old form is stale.
    assert_eq!(console.post("/_linxuan/essentials", &form).status, 409, "a form filled before the save");
    Ok(())
}

#[test]
fn a_bad_deadline_is_named_and_config_toml_stays_byte_for_byte() -> TestResult {
    let fixture = Fixture::shipped();
    let server = Server::start(&fixture.root());
    let console = Console::open(&server);
    let before = std::fs::read(fixture.path("config.toml"))?;
    let generation = server.generation();
    let form = console.form(|v| v["deadline"] = "2027-02-30 17:00".into());
    let reply = console.post("/_linxuan/essentials", &form);
    assert_eq!(reply.status, 422, "{}", reply.body);
    let errors = reply.json()["errors"].clone();
    assert_eq!(errors[0]["field"], "notice.deadline", "{errors}");
    assert!(errors[0]["message"].as_str().is_some_and(|m| m.contains("2027-02-30 17:00")), "{errors}");
    let form = console.form(|v| v["contacts"][1]["phone"] = "电话".into());
    let reply = console.post("/_linxuan/essentials", &form);
    assert_eq!(reply.status, 422);
    assert_eq!(reply.json()["errors"][0]["field"], "notice.contacts[2].phone", "{}", reply.body);
    assert!(std::fs::read(fixture.path("config.toml"))? == before, "config.toml untouched");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.generation(), generation, "no rebuild");
    Ok(())
}

#[test]
fn no_get_changes_a_file() -> TestResult {
    let fixture = Fixture::publishable();
    let server = Server::start(&fixture.root());
    let console = Console::open(&server);
    let before = snapshot(fixture.tmp());
    let headers =
        [("Host", console.host.as_str()), ("Origin", console.origin.as_str()), ("X-Linxuan-Token", &console.token)];
    for path in ["/_linxuan/essentials", "/_linxuan/publish", "/_linxuan/essentials?note=x", "/_linxuan/publish?note=x"]
    {
        for method in ["GET", "HEAD"] {
            let reply = send(&server, method, path, &headers, "");
            assert_eq!(reply.status, 405, "{method} {path}");
        }
    }
    for path in ["/_linxuan", "/_linxuan/", "/_linxuan/state", "/_linxuan/app.js", "/_linxuan/app.css"] {
        assert!(send(&server, "GET", path, &headers, "").status < 400, "{path}");
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(console.state()["publish"]["run"], 0, "no publication started");
    assert!(snapshot(fixture.tmp()) == before, "no file changed");
    Ok(())
}

#[test]
fn publish_runs_once_at_a_time_and_ends_with_the_package() -> TestResult {
    let fixture = Fixture::publishable();
    let server = Server::start(&fixture.root());
    let console = Console::open(&server);
    let first = console.post("/_linxuan/publish", r#"{"note":"更新截止时间"}"#);
    assert_eq!(first.status, 202, "{}", first.body);
    let second = console.post("/_linxuan/publish", r#"{"note":"再来一次"}"#);
    assert_eq!(second.status, 409, "a second click while it runs is refused: {}", second.body);
    let job = poll(PUBLISH_WAIT, "the publication to end", || {
        let job = console.state()["publish"].clone();
        (job["running"] == false).then_some(job)
    });
    assert_eq!(job["run"], 1, "one publication");
    assert!(job["error"].is_null(), "{job}");
    let result = &job["result"];
    let package = std::path::PathBuf::from(result["package"].as_str().expect("the package's path"));
    assert!(package.is_file(), "{}", package.display());
    assert_eq!(result["package_bytes"].as_u64(), Some(std::fs::metadata(&package)?.len()));
    assert!(result["files"].as_u64().is_some_and(|n| n > 10), "{result}");
    assert_eq!(job["stage"], 3, "it reached 打包");
    assert!(fixture.path("public/index.html").is_file(), "the site is built into public/");
    Ok(())
}
