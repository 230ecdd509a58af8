//! `linxuan serve` end to end: the real binary on a free port, fetched over HTTP. Pages carry
//! the live-reload script, downloads their content types, missing pages the 404 page; path
//! traversal is refused; an edit is served after a rebuild, a broken edit keeps the last good
//! site and reports the file and line, a fix clears it; a sub-path base URL is honoured.
//!
//! Every test starts its own server on its own copy of the site; the child process is killed
//! when the test ends, passed or panicked (`Server`'s `Drop`).

use crate::common;

use std::time::Duration;

use common::{Fixture, OCCUPATIONS_CSV, TestResult, selector};
use server::{Server, poll};

/// How long an edit may take to be served. A debug rebuild of the shipped site takes well under
/// a second; the margin is for a loaded machine.
const EDIT_TIMEOUT: Duration = Duration::from_secs(10);

/// The script tag serve injects into every HTML page under base path `base`.
fn live_tag(base: &str) -> String {
    format!("<script src=\"{base}__linxuan/live.js\" data-base=\"{base}\"></script>")
}

/// The line of `data/occupations.csv` holding 序号 `seq` (the header is line 1).
fn line_of_seq(seq: u32) -> usize {
    seq as usize + 1
}

/// The status's problem, if there is one and it mentions `text`.
fn problem_containing(server: &Server, text: &str) -> Option<String> {
    server.status()["problem"].as_str().filter(|p| p.contains(text)).map(str::to_owned)
}

// ---------------------------------------------------------------------------------------------
// Pages, downloads, content types, 404, redirects
// ---------------------------------------------------------------------------------------------

#[test]
fn pages_carry_the_live_script_and_match_the_build() -> TestResult {
    let fixture = Fixture::shipped();
    let built = fixture.build();
    let server = Server::start(&fixture.root());
    assert_eq!(server.base_url, format!("{}/", server.origin), "the printed URL is the site's root");

    let rows = fixture.rows();
    let first = &rows[0];
    for url in ["/".to_owned(), first.url(), "/levels/1/".to_owned(), "/search/".to_owned()] {
        let reply = server.get(&url);
        assert_eq!(reply.status, 200, "{url}");
        assert_eq!(reply.content_type, "text/html; charset=utf-8", "{url}");
        assert_eq!(reply.cache_control, "no-store", "{url}: a preview must never be cached");
        let html = reply.text();
        let tag = live_tag("/");
        assert_eq!(html.matches("__linxuan/live.js").count(), 1, "{url}: one live script");
        assert!(html.contains(&format!("{tag}</body>")), "{url}: the live script goes just before </body>");
        // Apart from the script, the page is the one `linxuan build` writes.
        assert_eq!(html.replacen(&tag, "", 1), built.read(&built_path(&url)), "{url}: served = built");
    }
    assert!(server.get(&first.url()).text().contains(&first.name), "the occupation page names it");

    // The built site never carries the script.
    assert!(!built.read("index.html").contains("__linxuan"), "live.js is injected only in serve");

    let live = server.get("/__linxuan/live.js");
    assert_eq!(live.status, 200);
    assert_eq!(live.content_type, "text/javascript; charset=utf-8");
    assert!(live.text().contains("EventSource"));
    let status = server.status();
    assert!(status["generation"].as_u64().is_some_and(|g| g >= 1), "{status}");
    assert!(status["problem"].is_null(), "{status}");
    Ok(())
}

/// The file `linxuan build` writes for a URL path.
fn built_path(url: &str) -> String {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() }
}

#[test]
fn downloads_and_feeds_have_their_content_types() -> TestResult {
    let fixture = Fixture::shipped();
    let built = fixture.build();
    let server = Server::start(&fixture.root());

    let index = scraper::Html::parse_document(&server.get("/").text());
    let mut downloads: Vec<String> = index
        .select(&selector("a[href]"))
        .filter_map(|a| a.attr("href"))
        .filter(|href| href.starts_with("/downloads/"))
        .map(str::to_owned)
        .collect();
    downloads.sort();
    downloads.dedup();
    for ext in [".docx", ".csv", ".xlsx", ".json"] {
        assert!(downloads.iter().any(|d| d.ends_with(ext)), "the notice links a {ext} download: {downloads:?}");
    }

    let expected_type = |path: &str| -> &'static str {
        match path.rsplit_once('.').map(|(_, ext)| ext) {
            Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Some("csv") => "text/csv; charset=utf-8",
            Some("json") => "application/json",
            Some("ics") => "text/calendar; charset=utf-8",
            other => panic!("unexpected download type {other:?} ({path})"),
        }
    };
    for path in &downloads {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.content_type, expected_type(path), "{path}");
        assert_eq!(reply.body, std::fs::read(built.dir.join(path.trim_start_matches('/')))?, "{path}: served = built");
    }
    let csv = server.get("/downloads/occupations.csv");
    assert!(csv.body.starts_with("\u{feff}序号,".as_bytes()), "the CSV starts with a BOM and the header");

    for (path, kind) in [
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/search/index.json", "application/json"),
        ("/assets/search.js", "text/javascript; charset=utf-8"),
        ("/assets/vendor/elasticlunr.min.js", "text/javascript; charset=utf-8"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.content_type, kind, "{path}");
        assert_eq!(reply.body, std::fs::read(built.dir.join(&path[1..]))?, "{path}: served = built");
    }
    let css = index
        .select(&selector("link[rel=stylesheet]"))
        .filter_map(|l| l.attr("href"))
        .next()
        .expect("the notice links a stylesheet")
        .to_owned();
    let reply = server.get(css.split('?').next().unwrap_or(&css));
    assert_eq!((reply.status, reply.content_type.as_str()), (200, "text/css; charset=utf-8"), "{css}");
    Ok(())
}

#[test]
fn missing_pages_get_the_404_page_and_folders_redirect() -> TestResult {
    let fixture = Fixture::shipped();
    let built = fixture.build();
    let server = Server::start(&fixture.root());
    let page_404 = built.read("404.html");
    assert!(page_404.contains("页面未找到"));

    for path in [
        "/no/such/page/",
        "/occupations/9-99-99-99/",
        "/missing.html",
        "/downloads/missing.docx",
        // Sources are not part of the site.
        "/config.toml",
        "/data/occupations.csv",
        "/content/_index.md",
        "/__linxuan/nothing",
        "/%E4%BF%9D%E8%82%B2%E5%B8%88/",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.content_type, "text/html; charset=utf-8", "{path}");
        assert_eq!(reply.text().replacen(&live_tag("/"), "", 1), page_404, "{path}: the body is 404.html");
    }

    for (path, to) in [
        ("/occupations/4-10-01-03", "/occupations/4-10-01-03/"),
        ("/search", "/search/"),
        ("/levels/1", "/levels/1/"),
        ("/forms/application", "/forms/application/"),
        ("/categories/4-10", "/categories/4-10/"),
    ] {
        let reply = server.get(path);
        assert!(matches!(reply.status, 301 | 302 | 307 | 308), "{path}: a redirect, got {}", reply.status);
        assert_eq!(reply.location.as_deref(), Some(to), "{path}");
        assert_eq!(server.get(to).status, 200, "{to}");
    }
    // A query string does not change which file is served.
    assert_eq!(server.get("/search/?q=%E4%BF%9D%E8%82%B2").status, 200);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Path traversal
// ---------------------------------------------------------------------------------------------

#[test]
fn path_traversal_is_refused() -> TestResult {
    let fixture = Fixture::shipped();
    // Files beside and above the site root that no request may reach.
    let secret = "SECRET-OUTSIDE-THE-OUTPUT";
    std::fs::write(fixture.tmp().join("secret.txt"), secret)?;
    fixture.write("secret.txt", secret);
    let server = Server::start(&fixture.root());

    let targets = [
        "/../secret.txt",
        "/../../secret.txt",
        "/../",
        "/%2e%2e/secret.txt",
        "/%2e%2e/",
        "/%2E%2E%2Fsecret.txt",
        "/%2E%2E%2F",
        "/..%2fsecret.txt",
        "/..%2f..%2fsecret.txt",
        "/.%2e/secret.txt",
        "/assets/..%2f..%2f..%2fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/occupations/../../config.toml",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%2e%2e%5c%2e%2e%5csecret.txt",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/secret.txt",
        "/config.toml",
        "/%00",
        "/index.html%00.txt",
        "/%ff%fe",
        "..%2fsecret.txt",
    ];
    for target in targets {
        let (status, body) = server.raw_get(target);
        assert!((400..500).contains(&status), "{target}: refused with a 4xx, got {status}");
        assert!(!body.contains(secret), "{target}: served a file from outside the output");
        assert!(!body.contains("root:x:0:0"), "{target}: served /etc/passwd");
        assert!(!body.contains("base_url"), "{target}: served config.toml");
    }
    // The server is still healthy afterwards.
    assert_eq!(server.get("/").status, 200);
    Ok(())
}

#[test]
fn a_symlink_out_of_the_site_is_never_served() -> TestResult {
    let fixture = Fixture::shipped();
    let secret = "SECRET-BEHIND-A-SYMLINK";
    let outside = fixture.tmp().join("outside.txt");
    std::fs::write(&outside, secret)?;
    let server = Server::start(&fixture.root());
    let generation = server.generation();

    let link = fixture.path("static/leak.txt");
    std::os::unix::fs::symlink(&outside, &link)?;
    let problem = poll(EDIT_TIMEOUT, "the symlink to be reported", || problem_containing(&server, "static/leak.txt"));
    assert!(problem.contains("outside the site root"), "the problem says why: {problem}");
    let reply = server.get("/leak.txt");
    assert_eq!(reply.status, 404);
    assert!(!reply.text().contains(secret));

    std::fs::remove_file(&link)?;
    poll(EDIT_TIMEOUT, "the problem to clear", || server.status()["problem"].is_null().then_some(()));
    assert!(server.generation() > generation);
    assert!(!server.get("/leak.txt").text().contains(secret));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Edits, broken edits, fixes
// ---------------------------------------------------------------------------------------------

#[test]
fn an_edit_is_served_a_broken_edit_keeps_the_last_good_site_and_a_fix_clears_it() -> TestResult {
    let fixture = Fixture::shipped();
    let server = Server::start(&fixture.root());
    let rows = fixture.rows();
    let (first, second) = (&rows[0], &rows[1]);
    let g0 = server.generation();
    let events = server.events();

    // 1. A good edit: the new name is served after one rebuild, and pages are told to reload.
    let renamed = format!("{}（改名测试）", first.name);
    fixture.set_csv_cell(line_of_seq(first.seq), 1, &renamed);
    let g1 = poll(EDIT_TIMEOUT, "the rename to be served", || {
        let g = server.generation();
        (g > g0 && server.get(&first.url()).text().contains(&renamed)).then_some(g)
    });
    assert!(server.status()["problem"].is_null());
    assert!(server.get("/").text().contains(&renamed), "the notice's table has the new name too");
    events.wait_for(EDIT_TIMEOUT, &format!("event: reload\ndata: {g1}\n"));
    assert!(server.stdout().matches("rebuilt: ").count() >= 2, "each build is reported:\n{}", server.stdout());

    // 2. A broken edit: the second occupation takes the first one's code.
    fixture.set_csv_cell(line_of_seq(second.seq), 2, &first.code);
    let at = format!("{OCCUPATIONS_CSV}:{}", line_of_seq(second.seq));
    // Polled for this very problem: a save that truncates first may be seen half-written.
    let problem = poll(EDIT_TIMEOUT, "the broken CSV to be reported", || problem_containing(&server, &at));
    assert!(problem.contains(&first.code), "the problem names the code: {problem}");
    assert_eq!(server.generation(), g1, "a failed build is not a new generation");
    // The last good site is still served, whole.
    let page = server.get(&first.url());
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&renamed));
    assert_eq!(server.get(&second.url()).status, 200, "the other occupation's page is still there");
    assert_eq!(server.get("/downloads/occupations.csv").status, 200);
    // The terminal and open pages are told.
    poll(EDIT_TIMEOUT, "the problem on stderr", || server.stderr().contains(&at).then_some(()));
    events.wait_for(EDIT_TIMEOUT, "event: problem\n");
    // A page that connects now learns of the problem at once.
    let late = server.events();
    // Each diagnostic's location and message apart, for the overlay.
    late.wait_for(EDIT_TIMEOUT, "event: problem\ndata: [{\"at\":\"error: ");
    late.wait_for(EDIT_TIMEOUT, &format!("{at}: 职业编码"));

    // 3. The fix: the problem clears and a new generation is served.
    fixture.set_csv_cell(line_of_seq(second.seq), 2, &second.code);
    let g2 = poll(EDIT_TIMEOUT, "the problem to clear", || {
        let status = server.status();
        let g = status["generation"].as_u64().unwrap_or(0);
        (status["problem"].is_null() && g > g1).then_some(g)
    });
    events.wait_for(EDIT_TIMEOUT, &format!("event: reload\ndata: {g2}\n"));
    late.wait_for(EDIT_TIMEOUT, &format!("event: reload\ndata: {g2}\n"));
    assert!(server.get(&first.url()).text().contains(&renamed));
    assert_eq!(server.get(&second.url()).status, 200);
    Ok(())
}

#[test]
fn markdown_and_config_edits_are_served() -> TestResult {
    let fixture = Fixture::shipped();
    let server = Server::start(&fixture.root());
    let g0 = server.generation();

    // An editor that saves through a temporary file and a rename.
    let marker = "服务端预览的正文修改标记";
    let notice = fixture.read("content/_index.md");
    let temp = fixture.path("content/.~_index.md.tmp");
    std::fs::write(&temp, format!("{notice}\n\n{marker}\n"))?;
    std::fs::rename(&temp, fixture.path("content/_index.md"))?;
    let g1 = poll(EDIT_TIMEOUT, "the Markdown edit to be served", || {
        let g = server.generation();
        (g > g0 && server.get("/").text().contains(marker)).then_some(g)
    });

    // config.toml sits in the root, which is watched too.
    let title = "预览标题修改测试";
    let config = fixture.read("config.toml");
    let (line, _) =
        config.lines().enumerate().find(|(_, l)| l.starts_with("title =")).expect("config.toml has a title");
    fixture.edit_line("config.toml", line + 1, |_| format!("title = \"{title}\""));
    poll(EDIT_TIMEOUT, "the config edit to be served", || {
        (server.generation() > g1 && server.get("/").text().contains(title)).then_some(())
    });
    Ok(())
}

#[test]
fn a_new_static_file_is_served() -> TestResult {
    let fixture = Fixture::shipped();
    let server = Server::start(&fixture.root());
    let g0 = server.generation();
    fixture.write("static/notes/readme.txt", "预览测试");
    poll(EDIT_TIMEOUT, "a new static file to be served", || {
        let reply = server.get("/notes/readme.txt");
        (server.generation() > g0 && reply.status == 200).then_some(())
    });
    let reply = server.get("/notes/readme.txt");
    assert_eq!(reply.content_type, "text/plain; charset=utf-8");
    assert_eq!(reply.text(), "预览测试");
    // The new folder redirects like any other.
    assert_eq!(server.get("/notes").status, 404, "a folder without index.html is not a page");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Base URL with a sub-path
// ---------------------------------------------------------------------------------------------

/// A fixture whose config.toml publishes the site under /rsj/linxuan/.
fn sub_path_fixture() -> Fixture {
    let fixture = Fixture::shipped();
    let config = fixture.read("config.toml");
    let (line, _) =
        config.lines().enumerate().find(|(_, l)| l.starts_with("base_url")).expect("config.toml has base_url");
    fixture.edit_line("config.toml", line + 1, |_| "base_url = \"https://example.gov.cn/rsj/linxuan/\"".to_owned());
    fixture
}

#[test]
fn a_sub_path_base_url_is_served_under_that_path() -> TestResult {
    let fixture = sub_path_fixture();
    let server = Server::start(&fixture.root());
    let base = "/rsj/linxuan/";
    assert_eq!(server.base_url, format!("{}{base}", server.origin), "the printed URL includes the sub-path");

    let root = server.get("/");
    assert!(matches!(root.status, 301 | 302 | 307 | 308), "/ redirects, got {}", root.status);
    assert_eq!(root.location.as_deref(), Some(base));

    let home = server.get(base);
    assert_eq!(home.status, 200);
    let html = home.text();
    assert!(html.contains(&format!("{}</body>", live_tag(base))), "the live script uses the sub-path");
    let status = server.get(&format!("{base}__linxuan/status"));
    assert_eq!((status.status, status.content_type.as_str()), (200, "application/json"));
    assert_eq!(server.get(&format!("{base}__linxuan/live.js")).status, 200);

    // Every internal link of the notice resolves under the sub-path.
    let doc = scraper::Html::parse_document(&html);
    let mut links: Vec<String> = doc
        .select(&selector("a[href], link[href], script[src]"))
        .filter_map(|e| e.attr("href").or_else(|| e.attr("src")))
        .filter(|u| u.starts_with('/'))
        .map(|u| u.split(['#', '?']).next().unwrap_or(u).to_owned())
        .collect();
    links.sort();
    links.dedup();
    assert!(links.len() > 20, "the notice links its pages: {links:?}");
    for link in &links {
        assert!(link.starts_with(base), "{link} is under {base}");
        assert_eq!(server.get(link).status, 200, "{link}");
    }
    let occupation = format!("{base}occupations/4-10-01-03/");
    assert_eq!(server.get(&occupation).status, 200);
    let folder = server.get(occupation.trim_end_matches('/'));
    assert_eq!(folder.location.as_deref(), Some(occupation.as_str()), "a folder redirects within the sub-path");

    // Outside the sub-path there is nothing but the 404 page.
    for path in ["/occupations/4-10-01-03/", "/rsj/", "/rsj/other/", "/index.html"] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(reply.text().contains("页面未找到"), "{path}: the 404 page");
    }
    let missing = server.get(&format!("{base}no/such/page/"));
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("页面未找到"));
    // Traversal out of the sub-path is refused too.
    for target in ["/rsj/linxuan/../linxuan/", "/rsj/linxuan/%2e%2e/linxuan/", "/rsj/linxuan/..%2f..%2fconfig.toml"] {
        let (code, body) = server.raw_get(target);
        assert!((400..500).contains(&code), "{target}: {code}");
        assert!(!body.contains("base_url"), "{target}");
    }
    Ok(())
}

#[test]
fn the_base_path_without_its_slash_redirects() -> TestResult {
    let fixture = sub_path_fixture();
    let server = Server::start(&fixture.root());
    let reply = server.get("/rsj/linxuan");
    assert!(matches!(reply.status, 301 | 302 | 307 | 308), "got {}", reply.status);
    assert_eq!(reply.location.as_deref(), Some("/rsj/linxuan/"));
    Ok(())
}

#[test]
fn a_site_broken_from_the_start_is_served_and_recovers() -> TestResult {
    let fixture = Fixture::shipped();
    let rows = fixture.rows();
    fixture.set_csv_cell(line_of_seq(rows[1].seq), 2, &rows[0].code);
    let server = Server::start(&fixture.root());
    let status = server.status();
    let problem = status["problem"].as_str().expect("the status reports the problem");
    assert!(problem.contains(&format!("{OCCUPATIONS_CSV}:{}", line_of_seq(rows[1].seq))), "{problem}");
    let home = server.get("/");
    assert_eq!(home.status, 200, "a placeholder page is served");
    assert!(home.text().contains(&live_tag("/")), "the placeholder reloads itself once fixed");
    assert_eq!(server.base_url, format!("{}/", server.origin), "the printed URL ends with the base path");

    fixture.set_csv_cell(line_of_seq(rows[1].seq), 2, &rows[1].code);
    poll(EDIT_TIMEOUT, "the fixed site to be served", || {
        (server.status()["problem"].is_null() && server.get("/").text().contains(&rows[0].name)).then_some(())
    });
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The server under test
// ---------------------------------------------------------------------------------------------

pub mod server {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc::{Receiver, channel};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    /// How long the first build may take before the server prints its URL.
    const START_TIMEOUT: Duration = Duration::from_secs(120);

    /// A running `linxuan serve`, killed when dropped.
    pub struct Server {
        child: Child,
        /// `http://127.0.0.1:PORT`
        pub origin: String,
        /// The URL the server printed, `http://127.0.0.1:PORT/<base path>`.
        pub base_url: String,
        agent: ureq::Agent,
        stdout: Arc<Mutex<String>>,
        stderr: Arc<Mutex<String>>,
    }

    /// An HTTP response, read whole.
    pub struct Reply {
        pub status: u16,
        pub content_type: String,
        pub cache_control: String,
        pub location: Option<String>,
        pub body: Vec<u8>,
    }

    impl Reply {
        pub fn text(&self) -> String {
            String::from_utf8(self.body.clone()).expect("the body is UTF-8")
        }
    }

    /// Collects a child's output into a string, sending each line on as well.
    fn drain(stream: impl Read + Send + 'static, into: Arc<Mutex<String>>) -> Receiver<String> {
        let (lines, receiver) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if let Ok(mut all) = into.lock() {
                    all.push_str(&line);
                    all.push('\n');
                }
                let _ = lines.send(line);
            }
        });
        receiver
    }

    impl Server {
        /// Starts `linxuan serve --root <root> --port 0` and waits for the URL it prints.
        pub fn start(root: &Path) -> Server {
            let mut child = Command::new(env!("CARGO_BIN_EXE_linxuan"))
                .env("LINXUAN_LANG", "en")
                .arg("serve")
                .arg("--root")
                .arg(root)
                .args(["--port", "0"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start linxuan serve");
            let stdout = Arc::new(Mutex::new(String::new()));
            let stderr = Arc::new(Mutex::new(String::new()));
            let lines = drain(child.stdout.take().expect("piped stdout"), Arc::clone(&stdout));
            drain(child.stderr.take().expect("piped stderr"), Arc::clone(&stderr));
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_global(Some(Duration::from_secs(30)))
                .build()
                .into();
            // From here on, a panic kills the child through Drop.
            let mut server = Server { child, origin: String::new(), base_url: String::new(), agent, stdout, stderr };
            let started = Instant::now();
            let line = loop {
                let left = START_TIMEOUT.saturating_sub(started.elapsed());
                match lines.recv_timeout(left) {
                    Ok(line) if line.starts_with("serving ") => break line,
                    Ok(_) => continue,
                    Err(e) => panic!("linxuan serve printed no URL ({e}); stderr:\n{}", server.stderr()),
                }
            };
            // serving <root> at http://127.0.0.1:PORT/<base> (Ctrl-C to stop)
            let url = line
                .rsplit_once(" at ")
                .and_then(|(_, rest)| rest.strip_suffix(" (Ctrl-C to stop)"))
                .unwrap_or_else(|| panic!("unexpected line: {line}"));
            assert!(url.starts_with("http://127.0.0.1:"), "serves on loopback by default: {line}");
            let port_end = url["http://127.0.0.1:".len()..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(url.len(), |i| i + "http://127.0.0.1:".len());
            server.origin = url[..port_end].to_owned();
            server.base_url = url.to_owned();
            server
        }

        /// GET `path` (absolute, percent-encoded as needed); redirects are not followed.
        pub fn get(&self, path: &str) -> Reply {
            let url = format!("{}{path}", self.origin);
            let mut response =
                self.agent.get(&url).call().unwrap_or_else(|e| panic!("GET {url}: {e}; stderr:\n{}", self.stderr()));
            let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let content_type = header("content-type").unwrap_or_default();
            let cache_control = header("cache-control").unwrap_or_default();
            let location = header("location");
            let status = response.status().as_u16();
            let body = response
                .body_mut()
                .with_config()
                .limit(64 * 1024 * 1024)
                .read_to_vec()
                .unwrap_or_else(|e| panic!("read {url}: {e}"));
            Reply { status, content_type, cache_control, location, body }
        }

        /// Sends `GET <target>` exactly as written (no normalization by a client library);
        /// returns the status and the body as text.
        pub fn raw_get(&self, target: &str) -> (u16, String) {
            let address = self.origin.trim_start_matches("http://");
            let mut stream = TcpStream::connect(address).expect("connect to the server");
            stream.set_read_timeout(Some(Duration::from_secs(30))).expect("set a read timeout");
            write!(stream, "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n")
                .expect("send the request");
            let mut bytes = Vec::new();
            // The server closes the connection after the response (or on a malformed request).
            let _ = stream.read_to_end(&mut bytes);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let status = text
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("GET {target}: no HTTP status in {text:?}"));
            (status, text)
        }

        /// The path of the base URL, `/` or `/rsj/linxuan/`.
        fn base_path(&self) -> &str {
            match &self.base_url[self.origin.len()..] {
                "" => "/",
                path => path,
            }
        }

        /// `__linxuan/status` as JSON.
        pub fn status(&self) -> serde_json::Value {
            let reply = self.get(&format!("{}__linxuan/status", self.base_path()));
            assert_eq!(reply.status, 200, "__linxuan/status");
            serde_json::from_slice(&reply.body).expect("the status is JSON")
        }

        pub fn generation(&self) -> u64 {
            self.status()["generation"].as_u64().expect("the status has a generation")
        }

        pub fn stderr(&self) -> String {
            self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
        }

        pub fn stdout(&self) -> String {
            self.stdout.lock().map(|s| s.clone()).unwrap_or_default()
        }

        /// Subscribes to the Server-Sent Events, as an open page does.
        pub fn events(&self) -> Events {
            let address = self.origin.trim_start_matches("http://").to_owned();
            let mut stream = TcpStream::connect(&address).expect("connect to the server");
            write!(
                stream,
                "GET {}__linxuan/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n",
                self.base_path()
            )
            .expect("send the request");
            let events = Events { received: crate::common::read_in_background(stream) };
            // Subscribed once the response has begun: later notices reach this stream.
            events.wait_for(Duration::from_secs(30), "HTTP/1.1 200 OK");
            events
        }
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    /// An event stream being read in the background (chunked encoding and all, as raw text).
    pub struct Events {
        received: Arc<Mutex<String>>,
    }

    impl Events {
        /// Waits until the stream has carried `text`.
        pub fn wait_for(&self, timeout: Duration, text: &str) {
            let received = || self.received.lock().map(|s| s.clone()).unwrap_or_default();
            let started = Instant::now();
            while !received().contains(text) {
                assert!(
                    started.elapsed() < timeout,
                    "timed out after {timeout:?} waiting for the event stream to carry {text:?}; it carried:\n{}",
                    received()
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }

    /// Calls `check` every 50 ms until it gives a value; panics after `timeout`.
    pub fn poll<T>(timeout: Duration, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(value) = check() {
                return value;
            }
            if started.elapsed() > timeout {
                panic!("timed out after {timeout:?} waiting for {what}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
