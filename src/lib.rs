//! newsprint compiles a news digest (Markdown articles with structured front
//! matter) through a Tera theme into a static site.
//!
//! A build is a short chain of owned values, one stage per module, with the
//! incremental layer consulted between the stages (see [`build_cached`]):
//!
//! ```text
//! site.toml ─► config ─► content (walk + front matter) ─► markdown
//!           ─► model (placement, then assembly) ─► images (decode, resize, encode)
//!           ─► render (Tera, typed views, page plan) ─► search ─► output (staging folder, atomic swap)
//! ```
//!
//! Imports run one way. A module imports only the modules before it in
//! this order (the leaves first, then the stages, then what works around
//! them), and no import cycle exists among modules; `tests/architecture.rs`
//! holds the same list and checks every `use` and path in `src/`. (`images`
//! runs after the model but comes before it here: an article records the
//! images it uses in `images`' own types, and the stage reads only those.)
//!
//! ```text
//! leaves:  locks, hash, error, dates, slug, paths, files, progress, budget
//! stages:  config, content, markdown, images, model, render, search, output
//! around:  options, report, incremental, lint, lib (this file: the build), scaffold, deploy, serve
//! ```

pub mod budget;
pub mod config;
pub mod content;
pub mod dates;
pub mod deploy;
pub mod error;
pub mod files;
pub mod hash;
pub mod images;
pub mod incremental;
pub mod lint;
pub mod locks;
pub mod markdown;
pub mod model;
pub mod options;
pub mod output;
pub mod paths;
pub mod progress;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

pub use error::{Diagnostic, Error, Result};
use incremental::{Cache, Prepared, write::Written};
use model::{Outline, Visibility, links::Problems};
pub use options::{BuildOptions, BuildReport, CheckReport, SearchMode};
use progress::Timings;
use render::theme::Theme;

/// Builds the site. Nothing is written unless every file is valid and every
/// page renders; then the new output replaces the old one in one step.
/// Broken internal links are reported as warnings. The build cache in the
/// site folder is used and brought up to date (unless `options.fresh`).
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let mut cache = Cache::for_one_build(options.fresh);
    let report = build_cached(options, &mut cache);
    std::thread::spawn(move || drop(cache));
    report
}

/// Builds the site like [`build`], reusing what the earlier builds given
/// `cache` computed (the dev server's edits to articles alone are patched
/// into the last site) and leaving this build's work in it.
pub fn build_cached(options: &BuildOptions, cache: &mut Cache) -> Result<BuildReport> {
    let (started, _finish) = (Instant::now(), progress::FinishOnDrop(options.progress.0.as_ref()));
    let (mut timings, visibility) = (Timings::start(), options.visibility());
    let patched = cache.patch(options, visibility, &mut timings);
    let was_patched = patched.is_some();
    let prepared = match patched {
        Some(patched) => publishable(options, patched)?,
        None => {
            cache.unpack_previous();
            prepare(options, visibility, cache, &mut timings)?
        }
    };
    let written = cache.write(options, &prepared, &mut timings);
    let mut warnings = prepared.theme.warnings.clone();
    if options.publishing() {
        warnings.extend(config::publishing_warnings(&prepared.site.config));
    }
    warnings.extend(cache.save(options, &prepared.site, written.is_ok(), &mut timings));
    let report =
        written.map(|written| report(options, &prepared, (warnings, written), (started, timings), was_patched));
    cache.keep(options, visibility, prepared);
    report
}

/// Reads and checks everything a build needs, in the order a build needs
/// it; any problem (a link to a source file included, in a build to
/// publish) stops it, with every problem found.
fn prepare(
    options: &BuildOptions,
    visibility: Visibility,
    cache: &mut Cache,
    timings: &mut Timings,
) -> Result<Prepared> {
    let images = incremental::image_mode(options);
    let Checked { site, theme, pages, link_problems, page_paths, mut problems, .. } =
        read_and_check(options, (visibility, images), cache, timings)?;
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

/// A site read and checked as far as it can be, problems and all.
struct Checked {
    site: model::Site,
    /// `None` when the theme has problems (they are in `problems`).
    theme: Option<Theme>,
    pages: Vec<render::Page>,
    link_problems: Problems,
    page_paths: HashSet<String>,
    /// Every problem of every stage but the links.
    problems: Vec<Diagnostic>,
    /// Article files found, broken ones included.
    files: usize,
}

/// Reads and checks everything, going on past problems: each stage runs on
/// whatever the stages before it could read, so one run finds every
/// problem of every file. Only a site.toml that cannot be read, or a file
/// that cannot be listed, stops it.
fn read_and_check(
    options: &BuildOptions,
    (visibility, images): (Visibility, images::Mode),
    cache: &mut Cache,
    timings: &mut Timings,
) -> Result<Checked> {
    let root = &options.root;
    let config = config::load(root, &config::Overrides { base_url: options.base_url.clone() })?;
    let progress = options.progress.0.as_ref();
    let (theme, read) = rayon::join(
        || render::theme::load(root, &config),
        || {
            cache.settle(root, &config);
            cache.read_content(root, &config, progress)
        },
    );
    let mut problems = Vec::new();
    let theme = usable(theme, &mut problems)?;
    let incremental::Read { inputs, sources } = read;
    let files = inputs.len() + sources.broken.len();
    timings.lap("load");
    let outlines: Vec<&Outline> = inputs.iter().map(incremental::Input::outline).collect();
    let (placement, found) = model::place(&config, &outlines, &sources.broken, &sources.notes, visibility);
    problems.extend(sources.problems.iter().cloned().chain(found));
    let (articles, found) = cache.assemble(root, &config, inputs, &placement);
    problems.extend(found);
    let content::Sources { notes, story_notes, warnings, folder_files, .. } = sources;
    let folder_files = folder_files.into_iter().map(|(file, article)| (files::on_disk(root, file), article)).collect();
    let parts = model::Parts { config, placement, notes, story_notes, warnings, now: visibility.now, folder_files };
    let (mut site, found) = model::assemble_site(parts, articles);
    problems = placed(root, problems.into_iter().chain(found).collect());
    timings.lap("markdown");
    site.related = cache.related(&site);
    timings.lap("related");
    let pages = render::plan(&site);
    let page_paths = pages.iter().filter(|p| p.is_html()).map(|p| p.path(&site)).collect();
    // Static files and link targets come with the theme.
    let link_problems = match &theme {
        Some(theme) => {
            if let Err(clashes) = render::check_collisions(&site, &pages, &theme.static_files) {
                problems.extend(clashes.diagnostics().iter().cloned());
            }
            placed_links(root, site.link_problems(&theme.static_files, &page_paths))
        }
        None => Problems::default(),
    };
    timings.lap("plan");
    if let Some(theme) = &theme {
        let (processed, found) = incremental::process_images(options, &site, theme, images);
        site.images = processed;
        problems.extend(placed(root, found));
        timings.lap("images");
    }
    Ok(Checked { site, theme, pages, link_problems, page_paths, problems, files })
}

/// The theme, or its problems added to `problems` (`None`); any other error stops the build.
fn usable(theme: Result<Theme>, problems: &mut Vec<Diagnostic>) -> Result<Option<Theme>> {
    match theme {
        Ok(theme) => Ok(Some(theme)),
        Err(Error::Invalid(found)) => {
            problems.extend(found);
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

/// A patched site with its link problems placed, unless it links to a
/// source file in a build to publish.
fn publishable(options: &BuildOptions, mut prepared: Prepared) -> Result<Prepared> {
    prepared.link_problems = placed_links(&options.root, std::mem::take(&mut prepared.link_problems));
    if options.publishing() && !prepared.link_problems.to_sources.is_empty() {
        return Err(Error::invalid(prepared.link_problems.to_sources.clone()));
    }
    Ok(prepared)
}

/// What a written build did.
fn report(
    options: &BuildOptions,
    prepared: &Prepared,
    (mut warnings, written): (Vec<Diagnostic>, Written),
    (started, timings): (Instant, Timings),
    patched: bool,
) -> BuildReport {
    let Prepared { site, theme, pages, link_problems, .. } = prepared;
    let feeds = pages.iter().filter(|p| matches!(p, render::Page::Feed(..))).count();
    let emails = pages.iter().filter(|p| matches!(p, render::Page::WeekEmail(_))).count();
    let html = pages.iter().filter(|p| p.is_html()).count();
    warnings.extend(site.all_warnings().cloned());
    let link_warnings = if options.publishing() { link_problems.others.clone() } else { link_problems.all() };
    warnings.extend(error::sorted(link_warnings));
    warnings.extend(written.notices);
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
        rendered: written.rendered,
        written: written.written,
        search_rebuilt: written.search.rebuilt,
        search_pending: written.search.pending,
        patched,
        images: site.images.work(),
    }
}

/// Validates everything a build would, drafts and scheduled articles
/// included, renders every page in memory and writes nothing. Every problem
/// of every file and stage is in the report, found in one run; only a
/// site.toml that does not load (or a folder that cannot be read) is an
/// `Err`.
pub fn check(options: &BuildOptions) -> Result<CheckReport> {
    let _finish = progress::FinishOnDrop(options.progress.0.as_ref());
    let everything = Visibility { drafts: true, future: true, ..options.visibility() };
    let mut cache = Cache::nothing();
    let Checked { site, theme, pages, link_problems, mut problems, files, .. } =
        read_and_check(options, (everything, images::Mode::Check), &mut cache, &mut Timings::start())?;
    problems.extend(link_problems.all());
    problems.extend(placed(&options.root, site.links_to_unpublished()));
    let mut warnings = Vec::new();
    if let Some(theme) = &theme {
        let progress = options.progress.0.as_ref();
        let keys = render::views::Keys::new(&site, &theme.strings, cache.article_keys(&site));
        let memo = hash::Memo::default();
        let rendering = render::Rendering { site: &site, theme, pages: &pages, inject: None, keys: &keys, memo: &memo };
        match render::render_pages(&rendering, &render::Discard, progress) {
            Ok(_) => {}
            Err(Error::Invalid(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
        warnings.extend(theme.warnings.iter().cloned());
    }
    warnings.extend(site.all_warnings().cloned());
    warnings.extend(placed(&options.root, lint::dates_without_offset(&site)));
    warnings.extend(lint::machine_written_without_reviewer(&options.root, &site));
    Ok(CheckReport {
        problems: error::sorted(problems),
        warnings,
        articles: files,
        pages: pages.iter().filter(|p| p.is_html()).count(),
    })
}

/// Diagnostics with every front-matter value they point at placed in its file.
fn placed(root: &Path, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    report::place_fields(root, &mut diagnostics);
    diagnostics
}

/// Link problems with every front-matter value they point at placed in its file.
fn placed_links(root: &Path, problems: Problems) -> Problems {
    Problems { to_sources: placed(root, problems.to_sources), others: placed(root, problems.others) }
}
