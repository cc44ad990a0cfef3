//! What a build is asked to do ([`BuildOptions`]) and what it reports
//! ([`BuildReport`], and [`CheckReport`] for `newsprint check`).

use std::path::PathBuf;
use std::time::Duration;

use crate::error::Diagnostic;
use crate::model::{LeftOut, Visibility};
use crate::progress;
use crate::search::{PrebuiltSearch, SearchWork};

/// What `newsprint build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds site.toml).
    pub root: PathBuf,
    /// Where to write the site; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// Include draft articles.
    pub drafts: bool,
    /// Include articles dated in the future.
    pub future: bool,
    /// Replace site.toml's base_url (for previews on another host).
    pub base_url: Option<String>,
    /// Replace an output folder newsprint did not create.
    pub force: bool,
    /// The build's clock; the real time when `None`.
    pub now: Option<jiff::Timestamp>,
    /// HTML to add before `</body>` on every page (the dev server's
    /// live-reload script); never set for a build to publish.
    pub inject: Option<String>,
    /// Ignore the build cache (and leave it as it is).
    pub fresh: bool,
    /// Flush the new files to disk before they replace the published ones
    /// (off for the dev server's scratch builds, which a power cut cannot hurt).
    pub durable: bool,
    /// How the search index is built.
    pub search: SearchMode,
    /// Hears the build's progress.
    pub progress: progress::Reporter,
}

impl BuildOptions {
    /// Options for building the site at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            drafts: false,
            future: false,
            base_url: None,
            force: false,
            now: None,
            inject: None,
            fresh: false,
            durable: true,
            search: SearchMode::Inline,
            progress: progress::Reporter::default(),
        }
    }

    /// Whether this is a build to publish: every build but the dev
    /// server's (which injects its live-reload script). A build to publish
    /// refuses links that would point at a source file, and warns about
    /// settings that only matter once the site is online.
    pub fn publishing(&self) -> bool {
        self.inject.is_none()
    }

    /// What decides which articles this build shows: its flags and its clock.
    pub fn visibility(&self) -> Visibility {
        Visibility { drafts: self.drafts, future: self.future, now: self.now.unwrap_or_else(jiff::Timestamp::now) }
    }

    /// The output folder these options write to.
    pub fn output_dir(&self) -> PathBuf {
        // `public`, not `./public`, when building the current folder.
        let default =
            || if self.root == std::path::Path::new(".") { PathBuf::from("public") } else { self.root.join("public") };
        self.output.clone().unwrap_or_else(default)
    }
}

/// How a build gets its search index when the documents changed.
#[derive(Debug, Clone, Default)]
pub enum SearchMode {
    /// The build indexes them.
    #[default]
    Inline,
    /// The build keeps the previous index and leaves the documents to index
    /// in its report (the dev server indexes on a thread of its own, so an
    /// edit is not held up by indexing); `ready` is an index built that way,
    /// written when it is still current.
    Deferred {
        /// An index built from an earlier build's documents.
        ready: Option<PrebuiltSearch>,
    },
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// Feeds written (RSS, Atom, JSON Feed).
    pub feeds: usize,
    /// Email editions of weekly recaps.
    pub emails: usize,
    /// Other generated files: sitemaps, robots.txt.
    pub other: usize,
    /// Static files copied.
    pub static_files: usize,
    /// Visible articles.
    pub articles: usize,
    /// Weeks with articles.
    pub weeks: usize,
    /// Declared categories.
    pub categories: usize,
    /// Tags in use.
    pub tags: usize,
    /// Articles the build left out: drafts, scheduled ones, and when the
    /// next of those is due.
    pub left_out: LeftOut,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Wall time of the build.
    pub elapsed: Duration,
    /// Wall time of each stage.
    pub timings: progress::Timings,
    /// Pages actually rendered (the others were unchanged).
    pub rendered: usize,
    /// Files written or linked into the new output.
    pub written: usize,
    /// Whether the search index was built anew.
    pub search_rebuilt: bool,
    /// Documents left to index (with [`SearchMode::Deferred`]).
    pub search_pending: Option<SearchWork>,
    /// Whether the last build's site was patched with edited articles
    /// instead of being prepared anew (only with a cache in memory).
    pub patched: bool,
    /// Images decoded and files encoded (none when every image was cached).
    pub images: crate::images::Work,
}

/// What `newsprint check` found in a site whose site.toml loads.
#[derive(Debug)]
pub struct CheckReport {
    /// Problems to fix, of every stage, in file and position order.
    pub problems: Vec<Diagnostic>,
    /// Things worth a look that do not make the check fail.
    pub warnings: Vec<Diagnostic>,
    /// Article files checked (drafts, scheduled and broken ones included).
    pub articles: usize,
    /// Pages rendered.
    pub pages: usize,
}
