//! `newsprint serve` against a real running server on a free loopback port:
//! pages, live reload after a save, the error overlay's event with the last
//! good page still served, and requests that must be refused.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::Site;

/// A running `newsprint serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
    /// The temp folder of a server started with [`Server::start`], removed
    /// once the server is stopped (killed, it cannot remove its builds).
    scratch: Option<tempfile::TempDir>,
}

impl Server {
    fn start(site: &Site) -> Server {
        let scratch = tempfile::tempdir().unwrap();
        let mut server = Server::start_in(site, scratch.path());
        server.scratch = Some(scratch);
        server
    }

    /// Starts a server whose temp folder is `tmp`.
    fn start_in(site: &Site, tmp: &std::path::Path) -> Server {
        Server::start_with(site, tmp, &[])
    }

    /// Starts a server whose temp folder is `tmp`, with more arguments.
    fn start_with(site: &Site, tmp: &std::path::Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsprint"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(args)
            .env("NO_COLOR", "1")
            .env("TMPDIR", tmp)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = loop {
            let line = lines.next().expect("serve exited early").unwrap();
            if let Some(rest) = line.strip_prefix("Serving ") {
                break rest.split('/').take(3).collect::<Vec<_>>().join("/");
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, url, scratch: None }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let mut response = agent.get(&format!("{}{path}", self.url)).call().unwrap();
        (response.status().as_u16(), response.body_mut().read_to_string().unwrap())
    }

    /// Server-sent events as `(event, data)` pairs, read on a thread.
    fn events(&self) -> mpsc::Receiver<(String, String)> {
        let (send, receive) = mpsc::channel();
        let response = ureq::get(&format!("{}/__newsprint/events", self.url)).call().unwrap();
        std::thread::spawn(move || {
            let reader = BufReader::new(response.into_body().into_reader());
            let (mut event, mut data) = (String::new(), Vec::new());
            for line in reader.lines() {
                let Ok(line) = line else { return };
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_string();
                } else if let Some(text) = line.strip_prefix("data: ") {
                    data.push(text.to_string());
                } else if line.is_empty() && !event.is_empty() {
                    if send.send((std::mem::take(&mut event), data.join("\n"))).is_err() {
                        return;
                    }
                    data.clear();
                }
            }
        });
        receive
    }

    /// The status line and body of a request sent byte for byte as written.
    fn raw(&self, request_line: &str) -> String {
        self.raw_for(request_line, self.url.trim_start_matches("http://"))
    }

    /// The answer to a request naming `host` in its `Host` header.
    fn raw_for(&self, request_line: &str, host: &str) -> String {
        let address = self.url.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).unwrap();
        write!(stream, "{request_line}\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    /// The port the server listens on.
    fn port(&self) -> &str {
        self.url.rsplit(':').next().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn next(events: &mpsc::Receiver<(String, String)>) -> (String, String) {
    events.recv_timeout(Duration::from_secs(20)).expect("no event from the server")
}

#[test]
fn a_saved_change_reloads_and_a_broken_save_keeps_the_last_good_page() {
    let site = Site::fixture("parts");
    let server = Server::start(&site);
    let (status, page) = server.get("/articles/fab-expansion-paused/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Chipmaker pauses fab expansion as power deals stall</h1>"));
    assert!(
        page.contains("<script src=\"/__newsprint/live.js\" defer></script>\n</body>"),
        "the reload script is injected"
    );
    let (_, script) = server.get("/__newsprint/live.js");
    assert!(script.contains("new EventSource(\"/__newsprint/events\")"));

    let events = server.events();
    assert_eq!(next(&events), ("built".into(), "ok".into()), "a new tab hears the current state first");

    let file = site.root().join("content/fab.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("title: \"Chipmaker pauses", "title: \"Chipmaker halts")).unwrap();
    assert_eq!(next(&events), ("built".into(), "ok".into()));
    let (_, page) = server.get("/articles/fab-expansion-paused/");
    assert!(page.contains("<h1>Chipmaker halts fab expansion as power deals stall</h1>"), "{page}");

    std::fs::write(&file, text.replace("title: \"Chipmaker pauses", "titel: \"Chipmaker breaks")).unwrap();
    let (event, data) = next(&events);
    assert_eq!(event, "failed");
    assert_eq!(
        data,
        "error: unknown field `titel`\n --> content/fab.md:2:1\n  |\n2 | titel: \"Chipmaker breaks fab expansion as power deals stall\"\n  | ^^^^^\n  |\n  = help: did you mean `title`?"
    );
    let (status, page) = server.get("/articles/fab-expansion-paused/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Chipmaker halts fab expansion"), "the last good build is still served");

    std::fs::write(&file, text).unwrap();
    assert_eq!(next(&events), ("built".into(), "ok".into()), "the next good save clears the error");
    let (_, page) = server.get("/articles/fab-expansion-paused/");
    assert!(page.contains("<h1>Chipmaker pauses fab expansion"));
}

#[test]
fn drafts_are_served_and_missing_pages_get_the_404_page() {
    let site = Site::fixture("parts");
    site.write("content/secret.md", "---\ntitle: Secret draft\ndate: 2030-01-01\ndraft: true\n---\nSoon.\n");
    let server = Server::start(&site);
    let (status, page) = server.get("/articles/secret/");
    assert_eq!(status, 200, "serve shows drafts and scheduled articles");
    assert!(page.contains("Secret draft"));
    let (status, page) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(page.contains("Page not found"));
}

#[test]
fn only_files_of_the_build_are_served_and_only_to_get_and_head() {
    let site = Site::fixture("parts");
    let server = Server::start(&site);
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "/%2e%2e%2fsite.toml",
        "/articles/../../site.toml",
        "//etc/passwd",
    ] {
        let answer = server.raw(&format!("GET {path} HTTP/1.1"));
        let status = answer.lines().next().unwrap_or_default();
        assert!(!status.contains(" 200 "), "{path} was served: {status}");
        assert!(!answer.contains("base_url"), "{path} leaked site.toml");
        assert!(!answer.contains("root:"), "{path} leaked a system file");
    }
    let post = server.raw("POST / HTTP/1.1");
    assert!(post.starts_with("HTTP/1.1 405"), "{post}");
    assert!(post.to_lowercase().contains("allow: get, head"), "{post}");
    let head = server.raw("HEAD /feed.xml HTTP/1.1");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let lower = head.to_lowercase();
    assert!(lower.contains("content-type: text/xml") || lower.contains("content-type: application/xml"), "{head}");
    assert!(lower.contains("x-content-type-options: nosniff"), "{head}");
}

/// Ctrl-C in a terminal (SIGINT) and a process manager's or `docker stop`'s
/// SIGTERM both stop the server cleanly, with its builds removed.
#[test]
fn ctrl_c_and_sigterm_stop_the_server_cleanly_and_remove_its_builds() {
    for signal in ["-INT", "-TERM"] {
        let site = Site::fixture("parts");
        let tmp = tempfile::tempdir().unwrap();
        let mut server = Server::start_in(&site, tmp.path());
        let (status, _) = server.get("/");
        assert_eq!(status, 200);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "one scratch folder while serving");
        Command::new("kill").args([signal, &server.child.id().to_string()]).status().unwrap();
        let status = server.child.wait().unwrap();
        assert!(status.success(), "kill {signal}: {status:?}");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "kill {signal}: the builds are removed on exit");
    }
}

#[test]
fn the_search_index_is_built_beside_the_server_and_put_in_place_without_a_reload() {
    let site = Site::fixture("parts");
    let server = Server::start(&site);
    let events = server.events();
    assert_eq!(next(&events), ("built".into(), "ok".into()));
    let started = std::time::Instant::now();
    loop {
        let (status, script) = server.get("/pagefind/pagefind.js");
        if status == 200 {
            assert!(!script.is_empty());
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no search index after a minute");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, list) = server.get("/pagefind/bundles.json");
    assert_eq!(status, 200);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list, serde_json::json!({ "bundles": [{ "path": "en-0/", "language": "en" }] }));
    let (status, _) = server.get("/pagefind/en-0/pagefind-entry.json");
    assert_eq!(status, 200);
    assert!(events.recv_timeout(Duration::from_millis(500)).is_err(), "putting the index in place reloads no page");
}

/// The text of every fragment (the per-article records search results
/// show) of a search bundle.
fn fragments(bundle: &std::path::Path) -> String {
    use std::io::Read;
    let mut text = String::new();
    for entry in std::fs::read_dir(bundle.join("fragment")).into_iter().flatten().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        let mut plain = String::new();
        if flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut plain).is_ok() {
            text.push_str(&plain);
        }
    }
    text
}

#[test]
fn after_a_save_the_new_words_reach_the_search_index() {
    let site = Site::fixture("parts");
    let tmp = tempfile::tempdir().unwrap();
    let _server = Server::start_in(&site, tmp.path());
    let scratch = std::fs::read_dir(tmp.path()).unwrap().flatten().next().expect("the scratch folder").path();
    let bundle = scratch.join("site/pagefind/en-0");
    let started = std::time::Instant::now();
    while !fragments(&bundle).contains("Chipmaker") {
        assert!(started.elapsed() < Duration::from_secs(60), "no search index after a minute");
        std::thread::sleep(Duration::from_millis(100));
    }
    let file = site.root().join("content/fab.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!(
            "{text}
The quartermaster signed for zebrawood crates.
"
        ),
    )
    .unwrap();
    let saved = std::time::Instant::now();
    while !fragments(&bundle).contains("zebrawood") {
        assert!(saved.elapsed() < Duration::from_secs(60), "the new words never reached the index");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_thousand_requests_during_rebuilds_all_get_whole_pages() {
    let site = Site::fixture("parts");
    let server = Server::start(&site);
    let file = site.root().join("content/fab.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Rewrite the article back and forth for as long as the requests run.
    let editor = {
        let (done, file, text) = (done.clone(), file.clone(), text.clone());
        std::thread::spawn(move || {
            let mut edits = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) && edits < 400 {
                let edition = if edits % 2 == 0 { "Beta" } else { "Alpha" };
                let new =
                    text.replace("title: \"Chipmaker pauses", &format!("title: \"{edition} edition: Chipmaker pauses"));
                std::fs::write(&file, new).unwrap();
                edits += 1;
                std::thread::sleep(Duration::from_millis(30));
            }
            edits
        })
    };
    let url = format!("{}/articles/fab-expansion-paused/", server.url);
    // Start once the edits reach the server, so the requests meet rebuilds.
    let started = std::time::Instant::now();
    while !server.get("/articles/fab-expansion-paused/").1.contains(" edition: ") {
        assert!(started.elapsed() < Duration::from_secs(30), "no edit was ever served");
        std::thread::sleep(Duration::from_millis(10));
    }
    let clients: Vec<_> = (0..50)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
                (0..20)
                    .map(|_| {
                        let mut response = agent.get(&url).call().expect("the request is answered");
                        (response.status().as_u16(), response.body_mut().read_to_string().unwrap())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let answers: Vec<(u16, String)> = clients.into_iter().flat_map(|c| c.join().unwrap()).collect();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let edits = editor.join().unwrap();
    assert!(edits > 3, "only {edits} edits happened during the requests");
    assert_eq!(answers.len(), 1_000);
    let mut editions = std::collections::BTreeSet::new();
    for (status, page) in &answers {
        assert_eq!(*status, 200);
        assert!(page.trim_end().ends_with("</html>"), "a page was cut short");
        let h1 = page.split("<h1>").nth(1).and_then(|rest| rest.split("</h1>").next()).expect("a headline");
        let title = page.split("<title>").nth(1).and_then(|rest| rest.split("</title>").next()).expect("a title");
        assert!(title.starts_with(h1), "a page mixes two builds: <title>{title}</title> but <h1>{h1}</h1>");
        editions.insert(h1.split(' ').next().unwrap_or_default().to_string());
    }
    assert!(editions.len() > 1, "every answer came from one build: {editions:?}");
}

#[test]
fn symbolic_links_out_of_the_build_are_not_followed() {
    let site = Site::fixture("parts");
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start_in(&site, tmp.path());
    let scratch = std::fs::read_dir(tmp.path()).unwrap().flatten().next().expect("the scratch folder").path();
    let build = scratch.join("site");
    // Once the search index is in place no rebuild replaces the folder.
    let started = std::time::Instant::now();
    while server.get("/pagefind/pagefind.js").0 != 200 {
        assert!(started.elapsed() < Duration::from_secs(60), "no search index after a minute");
        std::thread::sleep(Duration::from_millis(100));
    }
    let secret = tmp.path().join("secret.txt");
    std::fs::write(&secret, "not for readers").unwrap();
    std::os::unix::fs::symlink(&secret, build.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.path(), build.join("outside")).unwrap();
    // A plain file put there is served: the folder is the one being served.
    std::fs::write(build.join("plain.txt"), "for readers").unwrap();
    assert_eq!(server.get("/plain.txt"), (200, "for readers".to_string()));
    for path in ["/leak.txt", "/outside/secret.txt", "/%6ceak.txt"] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("not for readers"), "{path}");
    }
}

#[test]
fn listening_beyond_loopback_warns_first() {
    let site = Site::fixture("parts");
    let scratch = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsprint"))
        .args(["serve", "--bind", "0.0.0.0", "--port", "0", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .env("TMPDIR", scratch.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = stderr.next().expect("a warning").unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(first, "warning: listening on 0.0.0.0: anyone who can reach this machine can read your drafts");
}

/// The dev server shows drafts and scheduled articles, and marks both, so
/// an editor sees what a build to publish would leave out.
#[test]
fn drafts_and_scheduled_articles_are_marked() {
    let site = Site::with_config("");
    site.write("content/now.md", &common::article("Now", "2026-11-23T09:00:00+08:00", ""));
    site.write("content/draft.md", &common::article("Draft", "2026-11-22T09:00:00+08:00", "draft: true\n"));
    site.write("content/later.md", &common::article("Later", "2026-12-05T09:00:00+08:00", ""));
    let scratch = tempfile::tempdir().unwrap();
    let server = Server::start_with(&site, scratch.path(), &["--now", "2026-11-25T00:00:00+08:00"]);
    let (_, home) = server.get("/");
    let home = scraper::Html::parse_document(&home);
    let titles = |css: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap();
        home.select(&selector).map(|e| e.text().collect::<String>().trim().to_string()).collect()
    };
    assert_eq!(titles(".card.is-scheduled .card-title"), ["Later"]);
    assert_eq!(titles(".card.is-scheduled .badge"), ["Scheduled"]);
    assert_eq!(titles(".card.is-draft .card-title"), ["Draft"]);
    assert_eq!(titles(".card:not(.is-draft):not(.is-scheduled) .card-title"), ["Now"]);
    let (_, page) = server.get("/articles/later/");
    let page = scraper::Html::parse_document(&page);
    let badge = scraper::Selector::parse(".story-head .badge").unwrap();
    let badges: Vec<String> = page.select(&badge).map(|e| e.text().collect()).collect();
    assert_eq!(badges, ["Scheduled"]);
}

#[test]
fn only_requests_for_the_servers_own_names_are_answered() {
    let site = Site::fixture("parts");
    site.write("content/secret.md", "---\ntitle: Secret draft\ndate: 2030-01-01\ndraft: true\n---\nSoon.\n");
    let server = Server::start(&site);
    let port = server.port().to_string();
    for host in ["attacker.example", &format!("attacker.example:{port}"), "localhost.attacker.example", "192.168.1.9"] {
        for path in ["/articles/secret/", "/__newsprint/events", "/__newsprint/live.js"] {
            let answer = server.raw_for(&format!("GET {path} HTTP/1.1"), host);
            assert!(answer.starts_with("HTTP/1.1 421 Misdirected Request\r\n"), "{host}{path}: {answer}");
            assert!(
                answer.ends_with(
                    "\r\n\r\nthis preview server answers only requests for localhost, 127.0.0.1, [::1] or the address it listens on\n"
                ),
                "{answer}"
            );
            assert!(!answer.contains("Secret draft"));
        }
    }
    for host in
        ["localhost", &format!("localhost:{port}"), "127.0.0.1", &format!("127.0.0.1:{port}"), &format!("[::1]:{port}")]
    {
        let answer = server.raw_for("GET /articles/secret/ HTTP/1.1", host);
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{host}: {answer}");
        assert!(answer.contains("Secret draft"), "{host}");
    }
}

#[test]
fn no_redirect_leads_to_another_host() {
    let site = Site::fixture("parts");
    let server = Server::start(&site);
    let folder = server.raw("GET /tags HTTP/1.1");
    assert!(folder.starts_with("HTTP/1.1 30"), "{folder}");
    assert!(folder.to_lowercase().contains("\r\nlocation: /tags/\r\n"), "{folder}");
    for path in ["//tags", "//tags/", "/\\tags", "//127.0.0.1"] {
        let answer = server.raw(&format!("GET {path} HTTP/1.1"));
        assert!(answer.starts_with("HTTP/1.1 404 Not Found\r\n"), "{path}: {answer}");
        assert!(!answer.to_lowercase().contains("\r\nlocation:"), "{path}: {answer}");
    }
}

#[test]
fn a_static_link_out_of_the_site_fails_the_rebuild_and_is_never_served() {
    let site = Site::fixture("parts");
    site.write("static/plain.txt", "plain");
    let server = Server::start(&site);
    let events = server.events();
    assert_eq!(next(&events), ("built".into(), "ok".into()));
    assert_eq!(server.get("/plain.txt"), (200, "plain".to_string()));
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "SECRET_TOKEN=x").unwrap();
    std::os::unix::fs::symlink(&secret, site.root().join("static/env.txt")).unwrap();
    let (event, data) = next(&events);
    assert_eq!(event, "failed");
    assert_eq!(
        data,
        format!(
            "error: this symbolic link leads outside the site, to {}\n--> static/env.txt\n = help: replace the link with the file itself, or remove it",
            std::fs::canonicalize(&secret).unwrap().display()
        )
    );
    let (status, body) = server.get("/env.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("SECRET_TOKEN"));
}
