//! newsprint compiles a news digest (Markdown articles with structured front
//! matter) through a Tera theme into a static site.
//!
//! A build is a short chain of owned values, one stage per module:
//!
//! ```text
//! site.toml ─► config ─► content (walk + front matter) ─► model (markdown, weeks, taxonomies)
//!           ─► render (Tera, typed views, page plan) ─► output (staging folder, atomic swap)
//! ```

pub mod budget;
pub mod cache;
pub mod config;
pub mod content;
pub mod dates;
pub mod deploy;
pub mod error;
pub mod feeds;
pub mod files;
pub mod hash;
pub mod images;
pub mod lint;
pub mod markdown;
pub mod model;
pub mod output;
pub mod progress;
pub mod render;
pub mod report;
pub mod scaffold;
#[cfg(feature = "search")]
pub mod search;
pub mod serve;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use error::{Diagnostic, Error, Result};

/// The folder of the search index in the output.
pub const SEARCH_DIR: &str = "pagefind";

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

/// Search bundles built outside a build.
#[derive(Debug, Clone, Default)]
pub struct PrebuiltSearch {
    /// The bundles built.
    pub bundles: std::sync::Arc<Vec<BuiltBundle>>,
}

/// One bundle of the search index, built (see [`search`]).
#[derive(Debug, Clone)]
pub struct BuiltBundle {
    /// Its folder under `pagefind/`.
    pub name: String,
    /// The key of the documents it indexes.
    pub key: hash::Key,
    /// Its files: output path and bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Search bundles a build left to index (see [`SearchMode::Deferred`]).
#[derive(Debug, Clone, Default)]
pub struct SearchWork {
    /// Each bundle's documents.
    pub bundles: Vec<BundleWork>,
}

/// The documents of one search bundle, to index.
#[derive(Debug, Clone)]
pub struct BundleWork {
    /// Its folder under `pagefind/`.
    pub name: String,
    /// Its index language.
    pub language: String,
    /// Whether the search page opens it first.
    pub primary: bool,
    /// The key of its documents.
    pub key: hash::Key,
    /// Each article's URL and the HTML to index.
    pub documents: Vec<(String, String)>,
}

impl SearchWork {
    /// Builds the bundles, side by side.
    pub fn index(self) -> Result<PrebuiltSearch> {
        let built = std::sync::Mutex::new(Vec::<BuiltBundle>::new());
        #[cfg(feature = "search")]
        search::index_all(self.bundles, |work| {
            let BundleWork { name, language, primary, key, documents } = work;
            let bundle = search::Bundle { name, language, primary, articles: Vec::new() };
            let files = search::index(&bundle, documents)?;
            built.lock().expect("not poisoned").push(BuiltBundle { name: bundle.name, key, files });
            Ok(())
        })?;
        Ok(PrebuiltSearch { bundles: std::sync::Arc::new(built.into_inner().expect("not poisoned")) })
    }
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
    pub left_out: model::LeftOut,
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
    pub images: images::Work,
}

/// A site loaded, validated and planned: everything but the writing.
struct Prepared {
    site: model::Site,
    theme: render::theme::Theme,
    pages: Vec<render::Page>,
    /// Broken internal links, anchors and static file references.
    link_problems: model::links::Problems,
    /// The paths of the HTML pages.
    page_paths: std::collections::HashSet<String>,
}

/// A site loaded and checked as far as it can be, problems and all: every
/// file that could be read is in it, and every check that could run on
/// them did.
struct Checked {
    site: model::Site,
    /// `None` when the theme has problems (they are in `problems`).
    theme: Option<render::theme::Theme>,
    pages: Vec<render::Page>,
    link_problems: model::links::Problems,
    page_paths: std::collections::HashSet<String>,
    /// Every problem of every stage but the links.
    problems: Vec<Diagnostic>,
    /// Article files found, broken ones included.
    files: usize,
}

/// A build kept whole in memory (`serve`), for the next build to patch.
pub(crate) struct Previous {
    site: model::Site,
    theme: render::theme::Theme,
    pages: Vec<render::Page>,
    page_paths: std::collections::HashSet<String>,
    built_for: BuiltFor,
}

impl Previous {
    /// The settings it was built under.
    pub(crate) fn config(&self) -> &config::Config {
        &self.site.config
    }
}

/// The options a prepared site depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BuiltFor {
    drafts: bool,
    future: bool,
    base_url: Option<String>,
    /// The clock, when it decides which articles are shown.
    now: Option<jiff::Timestamp>,
}

impl BuiltFor {
    fn of(options: &BuildOptions, visibility: model::Visibility) -> BuiltFor {
        BuiltFor {
            drafts: options.drafts,
            future: options.future,
            base_url: options.base_url.clone(),
            now: (!options.future).then_some(visibility.now),
        }
    }
}

/// Where a build finds work to reuse.
enum CacheUse<'a> {
    /// Nowhere: everything is computed afresh.
    None,
    /// The site's cache folder, read before and written after the build.
    Disk,
    /// A cache kept in memory between builds (`serve`).
    Memory(&'a mut cache::Cache),
}

/// Reads and checks everything a build needs, in the order a build needs
/// it; any problem (a link to a source file included, in a build to
/// publish) stops it, with every problem found.
fn prepare(
    options: &BuildOptions,
    visibility: model::Visibility,
    timings: &mut progress::Timings,
    cache: &mut cache::Cache,
    read_cache: bool,
) -> Result<Prepared> {
    let mode = if options.fresh { images::Mode::Fresh } else { images::Mode::Build };
    let Checked { site, theme, pages, link_problems, page_paths, mut problems, .. } =
        prepare_all(options, visibility, timings, cache, read_cache, mode)?;
    if options.publishing() {
        problems.extend(link_problems.to_sources.iter().cloned());
    }
    match theme {
        Some(theme) if problems.is_empty() => Ok(Prepared { site, theme, pages, link_problems, page_paths }),
        _ => {
            std::thread::spawn(move || drop(site));
            Err(Error::invalid(problems))
        }
    }
}

/// Reads and checks everything, going on past problems: each stage runs on
/// whatever the stages before it could read, so one run finds every
/// problem of every file. Only a site.toml that cannot be read, or a file
/// that cannot be listed, stops it.
fn prepare_all(
    options: &BuildOptions,
    visibility: model::Visibility,
    timings: &mut progress::Timings,
    cache: &mut cache::Cache,
    read_cache: bool,
    images: images::Mode,
) -> Result<Checked> {
    let root = &options.root;
    let progress = options.progress.0.as_ref();
    let overrides = config::Overrides { base_url: options.base_url.clone() };
    let config = config::load(root, &overrides)?;
    cache.settle_settings(&config);
    let (theme, sources) = rayon::join(
        || render::theme::load(root, &config),
        || {
            if read_cache {
                *cache = cache::Cache::load(root, &config);
            }
            content::load(root, &config, progress, &*cache)
        },
    );
    let mut problems = Vec::new();
    let theme = match theme {
        Ok(theme) => Some(theme),
        Err(Error::Invalid(found)) => {
            problems.extend(found);
            None
        }
        Err(other) => return Err(other),
    };
    let files = sources.articles.len() + sources.broken.len();
    timings.lap("load");
    let (mut site, found) = model::build(root, config, sources, visibility, cache);
    problems.extend(found);
    timings.lap("markdown");
    site.compute_related(cache);
    timings.lap("related");
    let pages = render::plan(&site);
    let page_paths = pages.iter().filter(|p| p.is_html()).map(|p| p.path(&site)).collect();
    // Static files and link targets come with the theme.
    let link_problems = match &theme {
        Some(theme) => {
            if let Err(clashes) = render::check_collisions(&site, &pages, &theme.static_files) {
                problems.extend(clashes.diagnostics().iter().cloned());
            }
            site.link_problems(root, &theme.static_files, &page_paths)
        }
        None => model::links::Problems::default(),
    };
    timings.lap("plan");
    if let Some(theme) = &theme {
        let (processed, found) = process_images(options, &site, theme, images);
        site.images = processed;
        problems.extend(found);
        timings.lap("images");
    }
    Ok(Checked { site, theme, pages, link_problems, page_paths, problems, files })
}

/// Prepares a build by patching the last one, kept whole in `cache`, with
/// the articles edited since, when the cache knows those edits are the only
/// changes and they leave everything but the articles' own content as it
/// was (see [`model::patch`]). Nothing else is read or computed again: the
/// pages, theme and related lists stay; only the link checks run anew.
/// `None` when the site must be prepared from the start.
fn prepare_patched(
    options: &BuildOptions,
    visibility: model::Visibility,
    timings: &mut progress::Timings,
    cache: &mut cache::Cache,
) -> Option<Prepared> {
    let root = &options.root;
    let previous = cache.previous.as_ref()?;
    if previous.built_for != BuiltFor::of(options, visibility) {
        return None;
    }
    let edited = cache.edited_articles_only(root)?;
    let config = &previous.site.config;
    let sources: Vec<content::ArticleSource> =
        edited.iter().map(|rel| content::read_article(root, rel, config).ok()).collect::<Option<_>>()?;
    timings.lap("load");
    let mut previous = cache.previous.take()?;
    if !model::patch(&mut previous.site, sources) {
        cache.previous = Some(previous);
        return None;
    }
    previous.site.now = visibility.now;
    timings.lap("markdown");
    let mode = if options.fresh { images::Mode::Fresh } else { images::Mode::Build };
    let (processed, found) = process_images(options, &previous.site, &previous.theme, mode);
    if !found.is_empty() {
        return None;
    }
    previous.site.images = processed;
    timings.lap("images");
    cache.changes_taken();
    let Previous { site, theme, pages, page_paths, .. } = *previous;
    let link_problems = site.link_problems(root, &theme.static_files, &page_paths);
    timings.lap("plan");
    Some(Prepared { site, theme, pages, link_problems, page_paths })
}

/// Checks (in debug builds) that a patched site is the one a build from
/// scratch prepares.
fn verify_patched(options: &BuildOptions, visibility: model::Visibility, patched: &Prepared) {
    // Files may be saved again while this runs (the dev server's editor is
    // still typing): when the build from scratch fails or reads other texts,
    // there is nothing to compare.
    let Ok(mut fresh) = prepare(options, visibility, &mut progress::Timings::start(), &mut cache::Cache::new(), false)
    else {
        return;
    };
    let (site, new) = (&patched.site, &mut fresh.site);
    let inputs = |s: &model::Site| s.articles.iter().map(|a| (a.source_path.clone(), a.input)).collect::<Vec<_>>();
    if inputs(site) != inputs(new) {
        return;
    }
    for (a, b) in site.articles.iter().zip(&mut new.articles) {
        // Not part of any page: when the file was read, and the order of a set.
        b.stamp = a.stamp;
        assert_eq!(a.ids, b.ids, "patched site: ids of {}", a.source_path.display());
        b.ids.clone_from(&a.ids);
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "patched site: {}", a.source_path.display());
    }
    let debug = |p: &Prepared| {
        let s = &p.site;
        let problems = p.link_problems.all();
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            s.weeks, s.categories, s.tags, s.related, s.stories, s.authors, s.warnings, p.pages, problems
        )
    };
    assert_eq!(debug(patched), debug(&fresh), "patched site: lists, pages or link problems differ");
}

/// Runs the images stage over every article of the site: the images and
/// the problems found in them.
fn process_images(
    options: &BuildOptions,
    site: &model::Site,
    theme: &render::theme::Theme,
    mode: images::Mode,
) -> (images::Images, Vec<Diagnostic>) {
    let requests: Vec<images::Request<'_>> =
        site.articles.iter().map(|a| images::Request { article: &a.source_path, uses: &a.images }).collect();
    let inputs = images::Inputs {
        root: &options.root,
        settings: &site.config.images,
        static_files: &theme.static_files,
        folder_files: &site.folder_files,
        trusted: site.config.raw_html == markdown::RawHtml::Trusted,
        mode,
    };
    images::process(&requests, &inputs)
}

fn visibility(options: &BuildOptions) -> model::Visibility {
    model::Visibility {
        drafts: options.drafts,
        future: options.future,
        now: options.now.unwrap_or_else(jiff::Timestamp::now),
    }
}

/// Builds the site. Nothing is written unless every file is valid and every
/// page renders; then the new output replaces the old one in one step.
/// Broken internal links are reported as warnings. The build cache in the
/// site folder is used and brought up to date (unless `options.fresh`).
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with(options, if options.fresh { CacheUse::None } else { CacheUse::Disk })
}

/// Builds the site like [`build`], reusing what the earlier builds of
/// `cache` computed and leaving this build's work in it.
pub fn build_cached(options: &BuildOptions, cache: &mut cache::Cache) -> Result<BuildReport> {
    build_with(options, CacheUse::Memory(cache))
}

fn build_with(options: &BuildOptions, cache_use: CacheUse<'_>) -> Result<BuildReport> {
    let started = Instant::now();
    let _finish = progress::FinishOnDrop(options.progress.0.as_ref());
    let mut timings = progress::Timings::start();
    let mut own = cache::Cache::new();
    let (cache, from_disk, in_memory) = match cache_use {
        CacheUse::None => (&mut own, false, false),
        CacheUse::Disk => (&mut own, true, false),
        CacheUse::Memory(cache) => (cache, false, true),
    };
    let visibility = visibility(options);
    let patched = if in_memory { prepare_patched(options, visibility, &mut timings, cache) } else { None };
    let was_patched = patched.is_some();
    let prepared = match patched {
        Some(prepared) => {
            if cfg!(debug_assertions) {
                verify_patched(options, visibility, &prepared);
            }
            if options.publishing() && !prepared.link_problems.to_sources.is_empty() {
                return Err(Error::invalid(prepared.link_problems.to_sources.clone()));
            }
            prepared
        }
        None => {
            cache.unpack_previous();
            prepare(options, visibility, &mut timings, cache, from_disk)?
        }
    };
    let written = write_output(options, &prepared, &cache.memo, &mut timings);
    cache.memo.finish();
    let Prepared { site, theme, pages, link_problems, page_paths } = prepared;
    let mut warnings = theme.warnings.clone();
    if options.publishing() {
        warnings.extend(config::publishing_warnings(&site.config));
    }
    if from_disk && written.is_ok() {
        if let Err(e) = cache.save(&options.root, &site) {
            // The site is built; only the next build will be slower.
            warnings.push(Diagnostic::new(cache::CACHE_DIR, format!("cannot write the build cache: {e}")));
        }
        timings.lap("cache");
    }
    let report = written.map(|Written { rendered, written, search, notices }| {
        let feeds = pages.iter().filter(|p| matches!(p, render::Page::Feed(..))).count();
        let emails = pages.iter().filter(|p| matches!(p, render::Page::WeekEmail(_))).count();
        let html = pages.iter().filter(|p| p.is_html()).count();
        warnings.extend(site.all_warnings().cloned());
        let link_warnings = if options.publishing() { link_problems.others.clone() } else { link_problems.all() };
        warnings.extend(error::sorted(link_warnings));
        warnings.extend(notices);
        BuildReport {
            pages: html,
            feeds,
            emails,
            other: pages.len() - html - feeds - emails,
            static_files: theme.static_files.len(),
            articles: site.articles.len(),
            weeks: site.weeks.len(),
            categories: site.config.categories.len(),
            tags: site.tags.len(),
            left_out: site.left_out,
            warnings,
            elapsed: started.elapsed(),
            timings,
            rendered,
            written,
            search_rebuilt: search.rebuilt,
            search_pending: search.pending,
            patched: was_patched,
            images: site.images.work(),
        }
    });
    // Even after a failed render the site is good for the next build.
    if in_memory {
        let built_for = BuiltFor::of(options, visibility);
        cache.keep_whole(Previous { site, theme, pages, page_paths, built_for });
    } else {
        // Freeing a big site takes a while: let the caller go on (a command
        // line build exits without waiting for it).
        std::thread::spawn(move || drop((site, theme, pages, page_paths, own)));
    }
    report
}

/// What writing the output did.
struct Written {
    rendered: usize,
    written: usize,
    search: SearchOutcome,
    /// What the user should hear about the output folder.
    notices: Vec<Diagnostic>,
}

/// What became of the search index.
#[derive(Default)]
struct SearchOutcome {
    rebuilt: bool,
    pending: Option<SearchWork>,
}

/// Renders every changed page and the search index into the output's twin
/// folder, then swaps it in.
fn write_output(
    options: &BuildOptions,
    prepared: &Prepared,
    memo: &cache::Memo,
    timings: &mut progress::Timings,
) -> Result<Written> {
    let Prepared { site, theme, pages, .. } = prepared;
    let mut out = output::Output::open(&options.root, &options.output_dir(), options.force)?;
    if !options.durable {
        out = out.without_sync();
    }
    out.copy_static(&theme.static_files)?;
    out.copy_static(&site.folder_files)?;
    site.images.write(&out)?;
    let progress = options.progress.0.as_ref();
    // Search indexing is mostly one-threaded compression: run it beside
    // rendering, on a thread of its own (it blocks on an async runtime, which
    // must never happen on one of rayon's workers).
    let timed = |work: &dyn Fn() -> Result<()>| {
        let started = Instant::now();
        work().map(|()| started.elapsed())
    };
    let rendered_pages = std::sync::Mutex::new(0);
    let search_outcome = std::sync::Mutex::new(SearchOutcome::default());
    let keys = render::views::Keys::new(site, &theme.strings);
    let (rendered, indexed) = std::thread::scope(|scope| {
        let search = scope.spawn(|| {
            timed(&|| {
                if site.config.search {
                    let outcome = write_search_index(site, &theme.strings, &keys, memo, &out, &options.search)?;
                    *search_outcome.lock().expect("not poisoned") = outcome;
                }
                Ok(())
            })
        });
        let rendered = timed(&|| {
            let mut count = 0;
            let inject = options.inject.as_deref();
            let result = render::render_pages(site, theme, pages, &out, inject, progress, memo, &keys, &mut count);
            *rendered_pages.lock().expect("not poisoned") = count;
            result
        });
        (rendered, search.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let (rendered, indexed) = both(rendered, indexed)?;
    timings.lap("render+search");
    timings.note("  render", rendered);
    timings.note("  search", indexed);
    let written = out.written();
    let finished = out.finish()?;
    timings.lap("sync");
    let notices = finished.publish()?;
    timings.lap("swap");
    Ok(Written {
        rendered: rendered_pages.into_inner().expect("not poisoned"),
        written,
        search: search_outcome.into_inner().expect("not poisoned"),
        notices,
    })
}

/// Writes the search index (when newsprint is built with search), bundle
/// by bundle (see [`search`]), side by side: the live bundle again when its
/// documents have not changed (known from the memo without building them,
/// when their inputs are unchanged), else a new one, or with
/// [`SearchMode::Deferred`] the old one and the documents to index. Then
/// Pagefind's scripts and the list of bundles the search page loads.
#[cfg(feature = "search")]
fn write_search_index(
    site: &model::Site,
    strings: &render::strings::Strings,
    keys: &render::views::Keys,
    memo: &cache::Memo,
    out: &output::Output,
    mode: &SearchMode,
) -> Result<SearchOutcome> {
    let bundles = search::plan(site);
    let written = std::sync::Mutex::new(Vec::new());
    search::index_all(bundles.iter().enumerate().collect(), |(n, bundle)| {
        let outcome = write_search_bundle(site, strings, keys, memo, out, mode, bundle)?;
        written.lock().expect("not poisoned").push((n, outcome));
        Ok(())
    })?;
    let mut written = written.into_inner().expect("not poisoned");
    written.sort_by_key(|(n, _)| *n);
    let mut outcome = SearchOutcome::default();
    // In the order of the plan: the primary bundle first.
    let mut listed = Vec::new();
    for (n, bundle) in written {
        if bundle.in_output {
            listed.push((bundles[n].name.clone(), bundles[n].language.clone()));
        }
        outcome.rebuilt |= bundle.rebuilt;
        if let Some(work) = bundle.pending {
            outcome.pending.get_or_insert_default().bundles.push(work);
        }
    }
    if listed.is_empty() && !bundles.is_empty() {
        // Every bundle is still to index (the dev server's first build).
        return Ok(outcome);
    }
    if !keep_search(out, search::SCRIPTS, search::scripts_key()) {
        put_search(out, search::SCRIPTS, search::scripts_key(), &search::scripts()?)?;
    }
    let (path, bytes) = search::bundle_list(&listed);
    let key = hash::of_bytes(&bytes);
    if !output::Sink::keep(out, &path, key) {
        output::Sink::put(out, &path, key, &bytes)?;
    }
    Ok(outcome)
}

/// What became of one search bundle.
#[cfg(feature = "search")]
struct BundleOutcome {
    /// Whether the output has it (new, or the live one kept).
    in_output: bool,
    /// Whether it was indexed anew (here or beside the build).
    rebuilt: bool,
    /// Its documents, when they are left to index.
    pending: Option<BundleWork>,
}

/// Writes one search bundle: the live one again when its documents have not
/// changed, else a new one, or with [`SearchMode::Deferred`] the old one
/// (when there is one) and the documents to index.
#[cfg(feature = "search")]
fn write_search_bundle(
    site: &model::Site,
    strings: &render::strings::Strings,
    keys: &render::views::Keys,
    memo: &cache::Memo,
    out: &output::Output,
    mode: &SearchMode,
    bundle: &search::Bundle,
) -> Result<BundleOutcome> {
    let name = bundle.name.as_str();
    let kept = BundleOutcome { in_output: true, rebuilt: false, pending: None };
    let start = hash::KeyBuilder::new().bytes(b"search").bytes(name.as_bytes()).bytes(&[u8::from(bundle.primary)]);
    let inputs = bundle.articles.iter().fold(start, |k, &i| k.key(keys.article(site, i).finish())).finish();
    // (`get` records the entry it finds for the next build.)
    if memo.get(inputs).is_some_and(|key| !memo.verifying() && keep_search(out, name, key)) {
        return Ok(kept);
    }
    let documents = search::documents(site, strings, bundle);
    let key = search::key(bundle, &documents);
    memo.note(inputs, key);
    if keep_search(out, name, key) {
        return Ok(kept);
    }
    let rebuilt = BundleOutcome { in_output: true, rebuilt: true, pending: None };
    match mode {
        SearchMode::Inline => put_search(out, name, key, &search::index(bundle, documents)?).map(|()| rebuilt),
        SearchMode::Deferred { ready } => {
            let ready = ready.as_ref().and_then(|r| r.bundles.iter().find(|b| b.name == name && b.key == key));
            if let Some(built) = ready {
                return put_search(out, name, key, &built.files).map(|()| rebuilt);
            }
            // Keep what the live folder has until the new bundle is ready.
            let old = out.published_search(name).is_some_and(|old| keep_search(out, name, old));
            let (language, primary) = (bundle.language.clone(), bundle.primary);
            let work = BundleWork { name: name.to_string(), language, primary, key, documents };
            Ok(BundleOutcome { in_output: old, rebuilt: false, pending: Some(work) })
        }
    }
}

/// Links a search bundle (or the shared scripts) of the live folder into the
/// new one, when it was built from `key`.
#[cfg(feature = "search")]
fn keep_search(out: &output::Output, name: &str, key: hash::Key) -> bool {
    let files = out.published_search_files(name, search::SCRIPTS, search::BUNDLE_LIST);
    let kept = out.published_search(name) == Some(key)
        && !files.is_empty()
        && files.iter().all(|(path, k)| output::Sink::keep(out, path, *k));
    if kept {
        out.set_search(name, key);
    }
    kept
}

/// Writes the files of a search bundle (or the shared scripts) built from `key`.
#[cfg(feature = "search")]
fn put_search(out: &output::Output, name: &str, key: hash::Key, files: &[(String, Vec<u8>)]) -> Result<()> {
    for (path, bytes) in files {
        output::Sink::put(out, path, hash::of_bytes(bytes), bytes)?;
    }
    out.set_search(name, key);
    Ok(())
}

/// Without the `search` feature there is no index to write.
#[cfg(not(feature = "search"))]
fn write_search_index(
    _: &model::Site,
    _: &render::strings::Strings,
    _: &render::views::Keys,
    _: &cache::Memo,
    _: &output::Output,
    _: &SearchMode,
) -> Result<SearchOutcome> {
    Ok(SearchOutcome::default())
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

/// Validates everything a build would, drafts and scheduled articles
/// included, renders every page in memory and writes nothing. Every problem
/// of every file and stage is in the report, found in one run; only a
/// site.toml that does not load (or a folder that cannot be read) is an
/// `Err`.
pub fn check(options: &BuildOptions) -> Result<CheckReport> {
    let _finish = progress::FinishOnDrop(options.progress.0.as_ref());
    let everything = model::Visibility { drafts: true, future: true, ..visibility(options) };
    let mut timings = progress::Timings::start();
    let Checked { site, theme, pages, link_problems, mut problems, files, .. } =
        prepare_all(options, everything, &mut timings, &mut cache::Cache::new(), false, images::Mode::Check)?;
    problems.extend(link_problems.all());
    problems.extend(site.links_to_unpublished(&options.root));
    let mut warnings = Vec::new();
    if let Some(theme) = &theme {
        let progress = options.progress.0.as_ref();
        let keys = render::views::Keys::new(&site, &theme.strings);
        let memo = cache::Memo::default();
        let rendered =
            render::render_pages(&site, theme, &pages, &output::Discard, None, progress, &memo, &keys, &mut 0);
        match rendered {
            Ok(()) => {}
            Err(Error::Invalid(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
        warnings.extend(theme.warnings.iter().cloned());
    }
    warnings.extend(site.all_warnings().cloned());
    warnings.extend(lint::dates_without_offset(&options.root, &site));
    warnings.extend(lint::machine_written_without_reviewer(&options.root, &site));
    Ok(CheckReport {
        problems: error::sorted(problems),
        warnings,
        articles: files,
        pages: pages.iter().filter(|p| p.is_html()).count(),
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
