//! `newsprint serve`: build with drafts and scheduled articles, serve the
//! result on loopback, rebuild when a source changes, and reload open tabs.
//!
//! Three parts that only share [`State`]: the *builder* (one thread, one
//! rebuild per burst of saves), the *watcher* (notify, debounced) and the
//! *server* (axum on tokio). Every build goes into a fresh numbered folder
//! and the server switches to it only when it succeeded, so a request is
//! always answered from one whole build, old or new, and a broken save keeps
//! the last good site up while the browser shows the diagnostic.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State as AxumState;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::{Error, Result};
use crate::{BuildOptions, BuildReport};

/// Where the dev server's own files live; no site page can be there.
pub const PREFIX: &str = "/__newsprint";

/// How long the watcher waits for a burst of saves to end.
pub const DEBOUNCE: Duration = Duration::from_millis(15);

/// What `newsprint serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on (loopback unless told otherwise).
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// The build's clock; the real time when `None`.
    pub now: Option<jiff::Timestamp>,
}

/// What a rebuild produced, as the terminal and browsers hear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The site was rebuilt: reload.
    Built,
    /// The build failed: the text of its diagnostics, shown over the page.
    Failed(String),
}

/// What the builder, the watcher and the server share.
pub struct State {
    /// The folder of the last good build.
    current: RwLock<Option<PathBuf>>,
    /// The last outcome, sent to browsers when they connect.
    last: RwLock<Option<Outcome>>,
    events: broadcast::Sender<Outcome>,
}

impl State {
    fn new() -> State {
        State { current: RwLock::new(None), last: RwLock::new(None), events: broadcast::channel(16).0 }
    }

    fn publish(&self, outcome: Outcome) {
        *self.last.write().expect("not poisoned") = Some(outcome.clone());
        // No receiver just means no browser is open.
        let _ = self.events.send(outcome);
    }

    fn current(&self) -> Option<PathBuf> {
        self.current.read().expect("not poisoned").clone()
    }
}

/// Builds a site into a folder under a scratch folder, which each good
/// build replaces in one step (see [`crate::output`]): a request gets a
/// page whole, from the build before or the build after, never a mix.
pub struct Builder {
    options: BuildOptions,
    output: PathBuf,
    state: Arc<State>,
    /// The search index built by the indexing thread, when ready.
    search: Arc<std::sync::Mutex<Option<crate::PrebuiltSearch>>>,
    /// Whether the indexing thread is at work.
    indexing: Arc<std::sync::atomic::AtomicBool>,
    /// Told when an index is ready, to rebuild with it.
    wake: Option<mpsc::Sender<PathBuf>>,
    /// What earlier builds computed, kept in memory between rebuilds.
    cache: crate::cache::Cache,
}

impl Builder {
    /// A builder for the site at `serve.root`, serving at `base_url`, that
    /// builds into `scratch/site`.
    pub fn new(serve: &ServeOptions, base_url: String, scratch: &Path, state: Arc<State>) -> Builder {
        let options = BuildOptions {
            drafts: true,
            future: true,
            base_url: Some(base_url),
            now: serve.now,
            inject: Some(format!("<script src=\"{PREFIX}/live.js\" defer></script>\n")),
            durable: false,
            ..BuildOptions::new(&serve.root)
        };
        Builder {
            options,
            output: scratch.join("site"),
            state,
            search: Default::default(),
            indexing: Default::default(),
            wake: None,
            cache: crate::cache::Cache::new(),
        }
    }

    /// Search indexing happens on a thread of its own (an edit is not held
    /// up by it); when an index is ready, `wake` receives the site root, and
    /// the next rebuild puts the index in place.
    pub fn index_search_in_background(&mut self, wake: mpsc::Sender<PathBuf>) {
        self.wake = Some(wake);
    }

    /// Builds once, reusing what the builds before computed; on success the
    /// new build is in place and browsers are told to reload.
    pub fn rebuild(&mut self) -> Result<BuildReport> {
        self.rebuild_telling(true)
    }

    /// Rebuilds after a burst of changes: quietly (no reload, no overlay)
    /// when the only news is a search index ready to put in place, which
    /// changes no page a reader has open.
    pub fn rebuild_after(&mut self, changes: &[PathBuf]) -> Option<Result<BuildReport>> {
        let search_only = !changes.is_empty() && changes.iter().all(|p| *p == self.options.root);
        let files: Vec<PathBuf> = changes.iter().filter(|p| **p != self.options.root).cloned().collect();
        self.cache.expect_changes(&self.options.root, &files);
        let result = self.rebuild_telling(!search_only);
        (!search_only).then_some(result)
    }

    fn rebuild_telling(&mut self, tell: bool) -> Result<BuildReport> {
        let search = match &self.wake {
            Some(_) => {
                let ready = self.search.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
                crate::SearchMode::Deferred { ready }
            }
            None => crate::SearchMode::Inline,
        };
        let options = BuildOptions { output: Some(self.output.clone()), search, ..self.options.clone() };
        let mut result = crate::build_cached(&options, &mut self.cache);
        match &mut result {
            Ok(report) => {
                *self.state.current.write().expect("not poisoned") = Some(self.output.clone());
                if tell {
                    self.state.publish(Outcome::Built);
                }
                if let Some(work) = report.search_pending.take() {
                    self.start_indexing(work);
                }
            }
            Err(error) if tell => self.state.publish(Outcome::Failed(plain_text(error, &self.options.root))),
            Err(_) => {}
        }
        result
    }
}

impl Builder {
    /// Indexes `work` on a thread of its own. One index is built at a time:
    /// while one is, newer documents wait for the rebuild its end triggers,
    /// which finds them still unindexed and starts on the latest.
    fn start_indexing(&mut self, work: crate::SearchWork) {
        use std::sync::atomic::Ordering;
        let Some(wake) = self.wake.clone() else { return };
        if self.indexing.swap(true, Ordering::AcqRel) {
            return;
        }
        let (slot, busy) = (Arc::clone(&self.search), Arc::clone(&self.indexing));
        let root = self.options.root.clone();
        std::thread::spawn(move || {
            let index = work.index();
            let ready = index.is_ok();
            if let Ok(index) = index {
                *slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(index);
            }
            busy.store(false, Ordering::Release);
            // After a failure, the next edit tries again.
            if ready {
                let _ = wake.send(root);
            }
        });
    }
}

/// A failed build's diagnostics as plain compiler-style text, for the overlay.
fn plain_text(error: &Error, root: &Path) -> String {
    match error {
        Error::Invalid(found) => {
            let mut sources = crate::report::Sources::default();
            found
                .iter()
                .map(|d| sources.render(d, crate::report::Severity::Error, root, &d.path, false))
                .collect::<Vec<_>>()
                .join("\n\n")
        }
        other => other.to_string(),
    }
}

/// True for paths whose change should trigger a rebuild.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let name = rel.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") {
        return false;
    }
    match rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()) {
        Some(first) => matches!(first.as_str(), "content" | "templates" | "themes" | "static" | "site.toml"),
        None => false,
    }
}

/// Watches the site's sources and sends the paths of every change (reads
/// are ignored: a build reads every source). Keep the returned watcher alive
/// for as long as it should watch; [`settle`] turns bursts into one rebuild.
pub fn watch(root: &Path, changes: mpsc::Sender<PathBuf>) -> Result<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let root = std::path::absolute(root).map_err(|e| Error::io(root, e))?;
    let filter_root = root.clone();
    let cannot = |path: &Path, e: notify::Error| Error::Refused(format!("cannot watch {}: {e}", path.display()));
    let content = root.join(crate::content::CONTENT_DIR);
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        // Events may have been lost: say every content file may have changed.
        let Ok(event) = result else {
            let _ = changes.send(content.clone());
            return;
        };
        if event.need_rescan() {
            let _ = changes.send(content.clone());
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths.into_iter().filter(|p| is_source(&filter_root, p)) {
            let _ = changes.send(path);
        }
    })
    .map_err(|e| cannot(&root, e))?;
    for dir in ["content", "templates", "themes", "static"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive).map_err(|e| cannot(&path, e))?;
        }
    }
    // The root itself, not recursively: site.toml, and folders created later.
    watcher.watch(&root, RecursiveMode::NonRecursive).map_err(|e| cannot(&root, e))?;
    Ok(watcher)
}

/// Waits for a change, then for the burst it starts to end (no change for
/// [`DEBOUNCE`]); `None` once the watcher is gone.
pub fn settle(changes: &mpsc::Receiver<PathBuf>) -> Option<Vec<PathBuf>> {
    let mut burst = vec![changes.recv().ok()?];
    while let Ok(path) = changes.recv_timeout(DEBOUNCE) {
        burst.push(path);
    }
    Some(burst)
}

/// The HTTP side: the site, the live-reload script and its event stream,
/// for requests that name one of `hosts`.
pub fn router(state: Arc<State>, hosts: Hosts) -> Router {
    Router::new()
        .route(&format!("{PREFIX}/live.js"), get(live_js))
        .route(&format!("{PREFIX}/events"), get(events))
        .fallback(site_file)
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(hosts, only_known_hosts))
}

/// The host names requests may name: the server answers only for the
/// addresses it listens on, so a web page whose own host name is made to
/// lead to 127.0.0.1 (DNS rebinding) cannot read the drafts.
#[derive(Debug, Clone, Copy)]
pub struct Hosts {
    bind: IpAddr,
}

impl Hosts {
    /// The names of a server listening on `bind`: `localhost`, loopback
    /// addresses and `bind` itself (any address when it is 0.0.0.0 or `::`,
    /// but never a name), each with or without a port.
    pub fn new(bind: IpAddr) -> Hosts {
        Hosts { bind }
    }

    fn allows(&self, host: &str) -> bool {
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split_once(']').map_or(rest, |(inside, _)| inside),
            None => host
                .rsplit_once(':')
                .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
                .map_or(host, |(name, _)| name),
        };
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback() || ip == self.bind || self.bind.is_unspecified())
    }
}

/// Refuses a request whose `Host` is not one of the server's own names.
async fn only_known_hosts(
    AxumState(hosts): AxumState<Hosts>,
    request: Request<Body>,
    next: axum::middleware::Next,
) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    if hosts.allows(host) {
        return next.run(request).await;
    }
    let message =
        "this preview server answers only requests for localhost, 127.0.0.1, [::1] or the address it listens on\n";
    (StatusCode::MISDIRECTED_REQUEST, message).into_response()
}

async fn live_js() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], LIVE_JS).into_response()
}

/// The events of one browser tab: the current outcome first, then each new one.
async fn events(AxumState(state): AxumState<Arc<State>>) -> impl IntoResponse {
    let first = state.last.read().expect("not poisoned").clone();
    let later = BroadcastStream::new(state.events.subscribe()).filter_map(|r| r.ok());
    let stream = tokio_stream::iter(first).chain(later).map(|outcome| {
        Ok::<Event, std::convert::Infallible>(match outcome {
            Outcome::Built => Event::default().event("built").data("ok"),
            Outcome::Failed(text) => Event::default().event("failed").data(text),
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// A file of the current build: only GET and HEAD, only inside the build.
async fn site_file(AxumState(state): AxumState<Arc<State>>, request: Request<Body>) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let Some(dir) = state.current() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "the first build has not finished\n").into_response();
    };
    let not_found = ServeFile::new(dir.join("404.html"));
    // `//tags` would be redirected to `//tags/`, which a browser reads as
    // another host (`tags`); and `/\host` is `//host` to a browser too.
    let path = request.uri().path();
    let other_host = path.starts_with("//") || path.starts_with("/\\");
    if other_host || leads_outside(&dir, path) {
        // A symbolic link out of the build (newsprint writes none): as if absent.
        let mut response = match not_found.oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        };
        *response.status_mut() = StatusCode::NOT_FOUND;
        return response;
    }
    let service = ServeDir::new(&dir).append_index_html_on_directories(true).not_found_service(not_found);
    let mut response = match service.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    response
}

/// True when the file a request path names exists but is, or sits behind,
/// a symbolic link that leads out of the build folder `dir`.
fn leads_outside(dir: &Path, uri_path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(uri_path).decode_utf8_lossy();
    let mut path = dir.to_path_buf();
    for segment in decoded.split(['/', '\\']).filter(|s| !s.is_empty() && *s != ".") {
        if segment == ".." {
            return true;
        }
        path.push(segment);
    }
    let (Ok(real_dir), Ok(real)) = (std::fs::canonicalize(dir), std::fs::canonicalize(&path)) else {
        return false;
    };
    !real.starts_with(real_dir)
}

/// The script pages get in serve: reload on a good build, show the
/// diagnostics over the page on a failed one, clear them on the next good one.
const LIVE_JS: &str = r#"(() => {
  const source = new EventSource("/__newsprint/events");
  let first = true;
  const overlay = () => document.getElementById("newsprint-overlay");
  source.addEventListener("built", () => {
    if (!first || overlay()) { location.reload(); }
    first = false;
  });
  source.addEventListener("failed", (event) => {
    first = false;
    let box = overlay();
    if (!box) {
      box = document.createElement("div");
      box.id = "newsprint-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,24,.97);color:#ffd7d5;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "newsprint: the last save broke the build; this is the last good version.\n\n" + event.data;
  });
})();
"#;

/// Resolves when the server is asked to stop: Ctrl-C (SIGINT), or SIGTERM as
/// a process manager or `docker stop` sends. Listening starts when this is
/// called, so a signal that arrives before the server runs is not lost.
fn stop_requested() -> Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let listen = |kind: SignalKind| {
            signal(kind).map_err(|e| Error::Refused(format!("cannot listen for the signal to stop: {e}")))
        };
        let (mut interrupt, mut terminate) = (listen(SignalKind::interrupt())?, listen(SignalKind::terminate())?);
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// Runs the dev server until Ctrl-C or SIGTERM: first build, then watch and
/// serve; on either signal it stops and removes its builds.
/// `on_build` hears each build's result (the terminal prints it);
/// `on_ready` gets the URL once the server listens.
pub fn run(
    options: ServeOptions,
    on_ready: impl FnOnce(&str),
    on_build: impl Fn(&Result<BuildReport>) + Send + 'static,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Refused(format!("cannot start the server: {e}")))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(SocketAddr::new(options.bind, options.port)))
        .map_err(|e| Error::Refused(format!("cannot listen on {}:{}: {e}", options.bind, options.port)))?;
    let address = listener.local_addr().map_err(|e| Error::Refused(e.to_string()))?;
    let host = if options.bind.is_unspecified() { IpAddr::from([127, 0, 0, 1]) } else { options.bind };
    let url = format!("http://{}", SocketAddr::new(host, address.port()));

    let state = Arc::new(State::new());
    // Owned here, so the builds are removed when the server stops.
    let scratch = tempfile::Builder::new()
        .prefix("newsprint-serve-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let mut builder = Builder::new(&options, url.clone(), scratch.path(), Arc::clone(&state));
    let (changes, changed) = mpsc::channel();
    builder.index_search_in_background(changes.clone());
    on_build(&builder.rebuild());
    let _watcher = watch(&options.root, changes)?;
    std::thread::spawn(move || {
        // One rebuild per burst of saves.
        while let Some(burst) = settle(&changed) {
            if let Some(result) = builder.rebuild_after(&burst) {
                on_build(&result);
            }
        }
    });

    let stop = {
        let _runtime = runtime.enter();
        stop_requested()?
    };
    on_ready(&url);
    runtime
        .block_on(async move {
            axum::serve(listener, router(state, Hosts::new(options.bind))).with_graceful_shutdown(stop).await
        })
        .map_err(|e| Error::Refused(format!("the server stopped: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_the_names_of_the_listening_address() {
        let loopback = Hosts::new(IpAddr::from([127, 0, 0, 1]));
        for host in ["localhost", "LOCALHOST:1111", "127.0.0.1", "127.0.0.1:8080", "[::1]", "[::1]:1111"] {
            assert!(loopback.allows(host), "{host}");
        }
        for host in ["", "attacker.example", "attacker.example:1111", "192.168.1.9", "localhost.attacker.example"] {
            assert!(!loopback.allows(host), "{host}");
        }
        let lan = Hosts::new(IpAddr::from([192, 168, 1, 9]));
        assert!(lan.allows("192.168.1.9:1111") && lan.allows("localhost") && !lan.allows("192.168.1.10"));
        let every = Hosts::new(IpAddr::from([0, 0, 0, 0]));
        assert!(every.allows("10.0.0.2:1111") && !every.allows("attacker.example"));
    }

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/site");
        assert!(is_source(root, Path::new("/site/content/a.md")));
        assert!(is_source(root, Path::new("/site/site.toml")));
        assert!(is_source(root, Path::new("/site/themes/newsroom/templates/base.html")));
        assert!(!is_source(root, Path::new("/site/public/index.html")));
        assert!(!is_source(root, Path::new("/site/content/.a.md.swp")));
        assert!(!is_source(root, Path::new("/site/content/a.md~")));
        assert!(!is_source(root, Path::new("/elsewhere/content/a.md")));
    }
}
