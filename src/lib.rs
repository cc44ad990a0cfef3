//! newsprint compiles a news digest (Markdown articles with structured front
//! matter) through a Tera theme into a static site.
//!
//! A build is a short chain of owned values, one stage per module:
//!
//! ```text
//! site.toml ─► config ─► content (walk + front matter) ─► model (markdown, weeks, taxonomies)
//!           ─► render (Tera, typed views, page plan) ─► output (staging folder, atomic swap)
//! ```

pub mod config;
pub mod content;
pub mod dates;
pub mod error;
pub mod feeds;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use error::{Diagnostic, Error, Result};

/// What `newsprint build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds site.toml).
    pub root: PathBuf,
    /// Where to write the site; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// Include draft articles.
    pub drafts: bool,
    /// Replace site.toml's base_url (for previews on another host).
    pub base_url: Option<String>,
    /// Replace an output folder newsprint did not create.
    pub force: bool,
    /// The build's clock; the real time when `None`.
    pub now: Option<jiff::Timestamp>,
}

impl BuildOptions {
    /// Options for building the site at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), output: None, drafts: false, base_url: None, force: false, now: None }
    }

    /// The output folder these options write to.
    pub fn output_dir(&self) -> PathBuf {
        // `public`, not `./public`, when building the current folder.
        let default =
            || if self.root == std::path::Path::new(".") { PathBuf::from("public") } else { self.root.join("public") };
        self.output.clone().unwrap_or_else(default)
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// Feeds written (RSS, Atom, JSON Feed).
    pub feeds: usize,
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
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Wall time of the build.
    pub elapsed: Duration,
}

/// Builds the site. Nothing is written unless every file is valid and every
/// page renders; then the new output replaces the old one in one step.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let root = &options.root;
    let overrides = config::Overrides { base_url: options.base_url.clone() };
    let config = config::load(root, &overrides)?;
    let (theme, sources) = rayon::join(|| render::theme::load(root, &config), || content::load(root, &config));
    let (theme, sources) = both(theme, sources)?;
    let now = options.now.unwrap_or_else(jiff::Timestamp::now);
    let site = model::build(root, config, sources, model::Visibility { drafts: options.drafts, now })?;
    let static_files = output::static_files(&theme.static_dirs)?;
    let pages = render::plan(&site);
    render::check_collisions(&site, &pages, &static_files)?;

    let staging = output::Staging::create(root, &options.output_dir(), options.force)?;
    staging.copy_static(&static_files)?;
    render::render_pages(&site, &theme, &pages, &staging)?;
    staging.commit()?;
    let feeds = pages.iter().filter(|p| matches!(p, render::Page::Feed(..))).count();
    let html = pages.iter().filter(|p| p.is_html()).count();
    Ok(BuildReport {
        pages: html,
        feeds,
        other: pages.len() - html - feeds,
        static_files: static_files.len(),
        articles: site.articles.len(),
        weeks: site.weeks.len(),
        categories: site.config.categories.len(),
        tags: site.tags.len(),
        warnings: site.warnings,
        elapsed: started.elapsed(),
    })
}

/// Both results, or every diagnostic of whichever failed.
fn both<A, B>(a: Result<A>, b: Result<B>) -> Result<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(Error::Invalid(mut x)), Err(Error::Invalid(y))) => {
            x.extend(y);
            Err(Error::invalid(x))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}
