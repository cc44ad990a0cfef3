//! The typed site: every visible article rendered and placed (slug, permalink,
//! ISO week), newest first, with the weeks, categories and tags that group
//! them. Built once per build and read-only afterwards, so pages can render
//! from it in parallel. Rules that need the whole site live here: duplicate
//! slugs, `related` and `highlights` picks that name no article, highlights
//! from another week. The site is built from every file that could be read,
//! whatever problems the others have, so all of them are found in one run.

pub mod authors;
pub mod links;
pub mod related;
pub mod slug;
pub mod stories;
pub mod taxonomy;
pub mod week;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use rayon::prelude::*;

use crate::cache::Cache;
use crate::config::{Config, PermalinkPart};
use crate::content::credits::Credits;
use crate::content::frontmatter::{Confidence, Correction, FrontMatter, Image, Section, Source, Table};
use crate::content::locate::Step;
use crate::content::{ArticleFile, ArticleSource, NoteSource, Sources, StoryNoteSource, position_of};
use crate::dates::{Moment, PartialDate};
use crate::error::{Collector, Diagnostic, Result};
use crate::markdown::{LinkResolver, RenderedBody, render_body_with, render_inline};
pub use taxonomy::{CategoryArticles, Tag};
use week::IsoWeek;

/// What decides which articles are visible.
#[derive(Debug, Clone, Copy)]
pub struct Visibility {
    /// Include `draft: true` articles.
    pub drafts: bool,
    /// Include articles dated after `now` (scheduled ones).
    pub future: bool,
    /// The build's clock: articles dated later are scheduled, and the news
    /// sitemap looks back from it.
    pub now: jiff::Timestamp,
}

impl Visibility {
    /// Whether an article (a draft or not, with this date) is published in
    /// this build.
    pub fn shows(&self, draft: bool, date: &Moment) -> bool {
        (self.drafts || !draft) && (self.future || date.instant <= self.now)
    }
}

/// The articles a build leaves out, so its summary can say so.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Drafts (scheduled or not).
    pub drafts: usize,
    /// Articles dated after the build's clock, drafts aside.
    pub scheduled: usize,
    /// When the first of those is due, in the site's time zone.
    pub next: Option<Moment>,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    /// The validated site.toml.
    pub config: Config,
    /// Visible articles, newest first (ties by slug).
    pub articles: Vec<Article>,
    /// Weeks that have visible articles, newest first.
    pub weeks: Vec<Week>,
    /// The articles of each declared category, in the order of `config.categories`.
    pub categories: Vec<CategoryArticles>,
    /// Tags of visible articles, by key.
    pub tags: Vec<Tag>,
    /// Each article's related articles, best first (parallel to `articles`).
    pub related: Vec<Vec<usize>>,
    /// Stories (two or more articles sharing a `story:` key), by key.
    pub stories: Vec<stories::Story>,
    /// The articles of each declared author, in the order of `config.authors`.
    pub authors: Vec<authors::AuthorArticles>,
    /// Problems that did not stop the build, but for those of articles
    /// (see [`Site::all_warnings`]).
    pub warnings: Vec<Diagnostic>,
    /// The build's clock.
    pub now: jiff::Timestamp,
    /// What this build leaves out.
    pub left_out: LeftOut,
    /// The files of the visible articles' folders, by output path (beside
    /// each article's page).
    pub folder_files: std::collections::BTreeMap<String, crate::output::FileSource>,
    /// The images articles use, processed (filled in after the model is
    /// built, see [`crate::images`]).
    pub images: crate::images::Images,
    by_slug: HashMap<String, usize>,
    targets: links::Targets,
}

impl Site {
    /// The index of the visible article with this slug.
    pub fn article_index(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// Fills in every article's related articles (a pass of its own, so a
    /// build can time it), reusing the cache's lists when their inputs are
    /// unchanged.
    pub fn compute_related(&mut self, cache: &mut Cache) {
        let key = related::inputs_key(&self.articles, self.config.related_limit);
        self.related = match cache.related(key) {
            Some(related) => related,
            None => {
                let related = related::compute(
                    &self.articles,
                    &self.tags,
                    &self.categories,
                    &self.by_slug,
                    self.config.related_limit,
                );
                cache.set_related(key, &related);
                related
            }
        };
    }

    /// Every problem that did not stop the build: the site's, then each
    /// article's (kept with the article, so a build that reuses it from
    /// the cache reports them again).
    pub fn all_warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.warnings.iter().chain(self.articles.iter().flat_map(|a| &a.warnings))
    }

    /// The index of the story an article belongs to, if its key is shared.
    pub fn story_of(&self, article: &Article) -> Option<usize> {
        let key = article.story.as_deref()?;
        self.stories.binary_search_by(|s| s.key.as_str().cmp(key)).ok()
    }

    /// Every broken internal link, `#anchor` and static file reference in
    /// articles, recap notes and story notes, given the site's static files
    /// and the output paths of its pages.
    pub fn link_problems(
        &self,
        root: &Path,
        static_files: &std::collections::BTreeMap<String, crate::output::FileSource>,
        page_paths: &HashSet<String>,
    ) -> links::Problems {
        let no_ids = HashSet::new();
        let sources = self.link_sources(&no_ids);
        let article_ids: Vec<&HashSet<String>> = self.articles.iter().map(|a| &a.ids).collect();
        let position = |path: &Path, field: &links::FieldRef| position_of(root, path, &field.steps());
        links::check(&self.targets, &sources, &article_ids, static_files, page_paths, &position)
    }

    /// Links that work in this build but would break in a build to publish
    /// now, which leaves out drafts and articles scheduled for later (for
    /// `check`, which shows every article).
    pub fn links_to_unpublished(&self, root: &Path) -> Vec<Diagnostic> {
        let no_ids = HashSet::new();
        let sources = self.link_sources(&no_ids);
        let held_back = |i: usize| {
            let article = &self.articles[i];
            if article.draft {
                Some("a draft: the link breaks when the site is published without drafts".to_string())
            } else if article.date.instant > self.now {
                let due = self.config.timezone.to_offset(article.date.instant);
                let due = Moment { instant: article.date.instant, offset: due, explicit_offset: true }.display();
                Some(format!("scheduled for {due}: the link is broken until then"))
            } else {
                None
            }
        };
        let position = |path: &Path, field: &links::FieldRef| position_of(root, path, &field.steps());
        links::to_held_back(&self.targets, &sources, &held_back, &position)
    }

    /// Every file whose links are checked: articles, recap notes, story notes.
    fn link_sources<'a>(&'a self, no_ids: &'a HashSet<String>) -> Vec<links::LinkSource<'a>> {
        let note = |path: &'a PathBuf, links: &'a [links::FoundLink]| links::LinkSource {
            path,
            links,
            ids: no_ids,
            published: true,
        };
        self.articles
            .iter()
            .map(|a| links::LinkSource {
                path: &a.source_path,
                links: &a.links,
                ids: &a.ids,
                published: !a.draft && a.date.instant <= self.now,
            })
            .chain(self.weeks.iter().filter_map(|w| w.note.as_ref()).map(|n| note(&n.source_path, &n.links)))
            .chain(self.stories.iter().filter_map(|s| s.note.as_ref()).map(|n| note(&n.source_path, &n.links)))
            .collect()
    }
}

/// One visible article, rendered. Serializable, so that the build cache
/// can keep it between builds.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// Its file, relative to the site root.
    pub source_path: PathBuf,
    /// The input key of its file (see [`crate::cache::input_key`]).
    pub input: crate::hash::Key,
    /// The stamp of its file when read, if settled (see
    /// [`crate::content::stamp`]).
    pub stamp: Option<crate::hash::Key>,
    /// Every link destination of the file that went through link
    /// resolution, and what it became: an assembled article stays valid
    /// while these resolve the same way.
    pub resolved: Vec<(String, Option<String>)>,
    /// The key of the link table they were last checked against.
    pub resolved_under: crate::hash::Key,
    /// Tag names as written, in order.
    pub tag_names: Vec<String>,
    /// The key of what related scoring reads from it (see
    /// [`related::own_key`]).
    pub related_key: crate::hash::Key,
    /// Its slug.
    pub slug: String,
    /// Its page's output path below the base URL, e.g. `articles/fab/`.
    pub path: String,
    /// The headline.
    pub title: String,
    /// Published.
    pub date: Moment,
    /// Last updated: the later of `updated` and the newest correction.
    pub updated: Option<Moment>,
    /// A draft shown because of `--drafts`.
    pub draft: bool,
    /// The one-line hook: `summary`, or the body's first paragraph.
    pub hook: String,
    /// True when the hook is the body's first paragraph (no `summary`).
    pub hook_is_excerpt: bool,
    /// Index into `config.categories`.
    pub category: Option<usize>,
    /// Indices into `Site::tags`.
    pub tags: Vec<usize>,
    /// The BCP 47 tag of its language when it is not the site's (see
    /// [`Article::language`]).
    pub language: Option<String>,
    /// Who should care.
    pub audience: Vec<String>,
    /// The original report.
    pub source: Option<Source>,
    /// TL;DR parts as inline HTML.
    pub tldr: Option<TldrHtml>,
    /// Takeaways as inline HTML.
    pub takeaways: Vec<String>,
    /// Comparison tables (plain text cells).
    pub tables: Vec<Table>,
    /// Deep-dive items as inline HTML.
    pub deep_dive: Vec<String>,
    /// Predictions as inline HTML.
    pub implications: Vec<ImplicationHtml>,
    /// Timeline in date order, events as inline HTML.
    pub timeline: Vec<TimelineItem>,
    /// Editor's related picks (slugs that exist).
    pub related: Vec<String>,
    /// Story key.
    pub story: Option<String>,
    /// The byline, how it was made and who reviewed it.
    pub credits: Credits,
    /// Lead image.
    pub image: Option<Image>,
    /// Every image it uses on this site (its lead image first, if local,
    /// then those of its body), with where each leads.
    pub images: Vec<crate::images::Use>,
    /// Correction notes, oldest first.
    pub corrections: Vec<Correction>,
    /// Sections labelled as machine-written.
    pub ai_generated: Vec<Section>,
    /// Free-form values for themes.
    #[serde(with = "crate::cache::yaml_text")]
    pub extra: IndexMap<String, serde_yaml::Value>,
    /// The rendered body.
    pub body: RenderedBody,
    /// The ISO week it belongs to, in the site's time zone.
    pub week: IsoWeek,
    /// Internal links written in the body and fields, for checking.
    pub links: Vec<links::FoundLink>,
    /// Element ids of the body, for checking `#anchor` links.
    pub ids: HashSet<String>,
    /// Problems found in its file that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl Article {
    /// The BCP 47 tag of the language it is written in: its own
    /// `language:`, else the site's.
    pub fn language<'a>(&'a self, config: &'a crate::config::Config) -> &'a str {
        self.language.as_deref().unwrap_or(&config.language)
    }
}

/// The TL;DR, rendered.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TldrHtml {
    /// What changed.
    pub what_changed: Option<String>,
    /// Why it matters.
    pub why_it_matters: Option<String>,
    /// What to do next.
    pub what_to_do: Option<String>,
}

/// A prediction, rendered.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ImplicationHtml {
    /// What will happen.
    pub prediction: String,
    /// Why.
    pub rationale: Option<String>,
    /// How sure.
    pub confidence: Option<Confidence>,
}

/// A timeline entry, rendered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TimelineItem {
    /// When.
    pub date: PartialDate,
    /// What happened, as inline HTML.
    pub event: String,
}

/// One ISO week with visible articles.
#[derive(Debug)]
pub struct Week {
    /// Which week.
    pub week: IsoWeek,
    /// Its articles, newest first.
    pub articles: Vec<usize>,
    /// The editor's recap note, if written.
    pub note: Option<WeekNote>,
}

/// An editor's note for a story, rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryNote {
    /// The note's file.
    pub source_path: PathBuf,
    /// A title instead of the newest article's headline.
    pub title: Option<String>,
    /// The note as HTML.
    pub html: String,
    /// Internal links written in the note, for checking.
    pub links: Vec<links::FoundLink>,
}

/// An editor's recap note, rendered.
#[derive(Debug)]
pub struct WeekNote {
    /// The note's file.
    pub source_path: PathBuf,
    /// A title instead of the default.
    pub title: Option<String>,
    /// Visible highlighted articles, in the editor's order.
    pub highlights: Vec<usize>,
    /// The note as HTML.
    pub html: String,
    /// Internal links written in the note, for checking.
    pub links: Vec<links::FoundLink>,
}

/// Builds the site from validated sources, reusing the articles `cache`
/// holds for unchanged files. Returns the site with every problem found in
/// the sources and in it: a site with problems can be checked, never
/// published. An article whose slug another article already has stays in
/// it under a stand-in slug, so its other checks still run (see
/// [`assign_slugs`]).
pub fn build(
    root: &Path,
    config: Config,
    sources: Sources,
    visibility: Visibility,
    cache: &mut Cache,
) -> (Site, Vec<Diagnostic>) {
    let Sources { articles: files, broken, notes, story_notes, folder_files, listing, problems, warnings } = sources;
    cache.set_listing(listing);
    let mut found = Collector::new();
    found.extend(problems);
    let all = inputs(root, &config, files, cache, &mut found);
    let mut every_slug: HashSet<String> = all.iter().map(Input::slug).collect();
    let slugs = assign_slugs(root, &all, &mut found);
    every_slug.extend(broken.iter().flat_map(|b| b.slugs.iter().cloned()));
    // Links to files that are not in the site for a problem already
    // reported are not reported again.
    let mut unusable: Vec<PathBuf> = broken.iter().map(|b| b.path.clone()).collect();
    let mut kept: Vec<Sourced> = Vec::with_capacity(all.len());
    for (input, slug) in all.into_iter().zip(slugs) {
        match slug {
            Some(slug) => kept.push((input, slug)),
            None => unusable.push(input.path().to_path_buf()),
        }
    }
    let all = kept;
    check_related(root, &all, &every_slug, &mut found);

    let (mut visible, hidden): (Vec<Sourced>, Vec<Sourced>) =
        all.into_iter().partition(|(a, _)| visibility.shows(a.draft(), a.date()));
    let left_out = left_out(&hidden, visibility, &config.timezone);
    visible.sort_by(|(a, sa), (b, sb)| b.date().instant.cmp(&a.date().instant).then_with(|| sa.cmp(sb)));
    let places: Vec<Place> = visible.iter().map(|(a, slug)| Place::of(a, slug, &config)).collect();
    let targets = link_targets(&config, &visible, &places, &hidden, &notes, &unusable, visibility);

    let assembled: Vec<Result<Article, Vec<Diagnostic>>> = visible
        .into_par_iter()
        .zip(places)
        .map(|((input, slug), place)| match input {
            Input::Fresh(source) => assemble(*source, slug, place, &config, &targets),
            Input::Cached(mut article) => {
                if still_valid(&mut article, &place, &targets) {
                    return Ok(*article);
                }
                // Assembled when its links led elsewhere: read and render it again.
                crate::content::read_article(root, &article.source_path, &config)
                    .and_then(|source| assemble(source, slug, place, &config, &targets))
            }
        })
        .collect();
    let mut articles: Vec<Article> = assembled.into_iter().filter_map(|a| found.take(a)).collect();
    let tags = taxonomy::collect_tags(&mut articles);
    let categories = taxonomy::collect_categories(&config, &articles);
    let authors = authors::collect(&config, &articles);
    let by_slug: HashMap<String, usize> = articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect();

    let mut stories = stories::collect(&articles);
    let mut weeks = group_weeks(&articles);
    let mut warnings = warnings;
    let known = Known { by_slug: &by_slug, every_slug: &every_slug, targets: &targets, raw_html: config.raw_html };
    attach_notes(root, notes, &mut weeks, &articles, &known, &mut found, &mut warnings);
    attach_story_notes(story_notes, &mut stories, &known, &mut warnings);
    let folder_files = place_folder_files(root, folder_files, &articles);
    let site = Site {
        config,
        articles,
        weeks,
        categories,
        tags,
        related: Vec::new(),
        stories,
        authors,
        warnings,
        now: visibility.now,
        left_out,
        folder_files,
        images: crate::images::Images::default(),
        by_slug,
        targets,
    };
    (site, found.into_diagnostics())
}

/// Each file of a visible article's folder, by its output path beside the
/// article's page (`content/fab/photo.jpg` → `articles/fab/photo.jpg`).
fn place_folder_files(
    root: &Path,
    files: Vec<(PathBuf, PathBuf)>,
    articles: &[Article],
) -> std::collections::BTreeMap<String, crate::output::FileSource> {
    let pages: HashMap<&Path, &str> = articles.iter().map(|a| (a.source_path.as_path(), a.path.as_str())).collect();
    let mut placed = std::collections::BTreeMap::new();
    for (file, article) in files {
        let (Some(page), Some(folder)) = (pages.get(article.as_path()), article.parent()) else { continue };
        let Ok(within) = file.strip_prefix(folder) else { continue };
        let within: Vec<String> = within.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let source = crate::output::FileSource::Disk { path: root.join(&file), shown: file };
        placed.insert(format!("{page}{}", within.join("/")), source);
    }
    placed
}

/// How many articles a build leaves out, and when the next scheduled one is due.
fn left_out(hidden: &[Sourced], visibility: Visibility, zone: &jiff::tz::TimeZone) -> LeftOut {
    let mut left_out = LeftOut::default();
    let mut next: Option<jiff::Timestamp> = None;
    for (input, _) in hidden {
        if input.draft() && !visibility.drafts {
            left_out.drafts += 1;
        } else {
            left_out.scheduled += 1;
            let due = input.date().instant;
            next = Some(next.map_or(due, |next| next.min(due)));
        }
    }
    left_out.next = next.map(|instant| Moment { instant, offset: zone.to_offset(instant), explicit_offset: true });
    left_out
}

/// Puts newly read versions of some of a built site's articles in place of
/// the old ones, when nothing but their own content changed: the same slug,
/// place, date, visibility, category, tags, story, timeline, source,
/// related picks, authors and reviewer. Nothing else in the site is
/// computed from the rest of an article (its body, hook, title, fields…),
/// so the site is then exactly what [`build`] would make, without looking
/// at any other article. Returns false, leaving the site as it was, when an
/// article changed more than that or is not in the site.
pub fn patch(site: &mut Site, sources: Vec<ArticleSource>) -> bool {
    let mut replacements = Vec::with_capacity(sources.len());
    for source in sources {
        let Some(i) = site.articles.iter().position(|a| a.source_path == source.path) else { return false };
        let old = &site.articles[i];
        let slug = slug_of(&source);
        let place = Place::fresh(&source, &slug, &site.config);
        let Ok(mut article) = assemble(source, slug, place, &site.config, &site.targets) else { return false };
        if !same_to_the_rest_of_the_site(old, &article) {
            return false;
        }
        // Tag indices are given out over the whole site; the names are the same.
        article.tags.clone_from(&old.tags);
        replacements.push((i, article));
    }
    for (i, article) in replacements {
        site.articles[i] = article;
    }
    true
}

/// Whether everything other articles and the site's lists are computed
/// from is the same in both versions of an article.
fn same_to_the_rest_of_the_site(old: &Article, new: &Article) -> bool {
    old.slug == new.slug
        && old.path == new.path
        && old.week == new.week
        && old.date == new.date
        && old.draft == new.draft
        && old.category == new.category
        && old.tag_names == new.tag_names
        && old.related == new.related
        && old.story == new.story
        && old.timeline == new.timeline
        && old.source == new.source
        && old.credits.authors == new.credits.authors
        && old.credits.reviewed_by == new.credits.reviewed_by
}

/// The slug of an article read from its file: the explicit one, or the
/// file stem slugified.
fn slug_of(source: &ArticleSource) -> String {
    source.front.slug.clone().unwrap_or_else(|| slug::slugify(&source.stem))
}

/// An article before assembly: fresh from its file, or as an earlier build
/// assembled it.
enum Input {
    Fresh(Box<ArticleSource>),
    Cached(Box<Article>),
}

impl Input {
    fn path(&self) -> &Path {
        match self {
            Input::Fresh(source) => &source.path,
            Input::Cached(article) => &article.source_path,
        }
    }

    /// The explicit slug, or the file stem slugified.
    fn slug(&self) -> String {
        match self {
            Input::Fresh(source) => slug_of(source),
            Input::Cached(article) => article.slug.clone(),
        }
    }

    fn related(&self) -> &[String] {
        match self {
            Input::Fresh(source) => &source.front.related,
            Input::Cached(article) => &article.related,
        }
    }

    fn draft(&self) -> bool {
        match self {
            Input::Fresh(source) => source.front.draft,
            Input::Cached(article) => article.draft,
        }
    }

    fn date(&self) -> &Moment {
        match self {
            Input::Fresh(source) => &source.front.date,
            Input::Cached(article) => &article.date,
        }
    }
}

/// Turns loaded files into inputs: unchanged files become the articles the
/// cache holds for them (or are read again if the cache no longer does).
fn inputs(
    root: &Path,
    config: &Config,
    files: Vec<ArticleFile>,
    cache: &mut Cache,
    found: &mut Collector,
) -> Vec<Input> {
    let mut all = Vec::with_capacity(files.len());
    for file in files {
        let input = match file {
            ArticleFile::Parsed(source) => Input::Fresh(source),
            ArticleFile::Unchanged { path, key, stamp } => match cache.take(&path, key) {
                Some(mut article) => {
                    article.stamp = stamp;
                    Input::Cached(Box::new(article))
                }
                None => match found.take(crate::content::read_article(root, &path, config)) {
                    Some(source) => Input::Fresh(Box::new(source)),
                    None => continue,
                },
            },
        };
        all.push(input);
    }
    all
}

/// Whether an article assembled by an earlier build is still what assembling
/// it now would give: same page, same week, every link resolved the same.
fn still_valid(article: &mut Article, place: &Place, targets: &links::Targets) -> bool {
    if article.path != place.path || article.week != place.week {
        return false;
    }
    let table = targets.key();
    if article.resolved_under == table {
        return true;
    }
    let resolver = targets.resolver(&article.source_path);
    let valid = article.resolved.iter().all(|(dest, was)| resolver.resolve(dest) == *was);
    if valid {
        article.resolved_under = table;
    }
    valid
}

/// An article's input and its slug.
type Sourced = (Input, String);

/// Where an article's page goes, known before its Markdown is rendered so
/// that other articles can link to it.
struct Place {
    path: String,
    week: IsoWeek,
}

impl Place {
    fn of(input: &Input, slug: &str, config: &Config) -> Place {
        match input {
            // An article from the cache was placed under the same settings.
            Input::Cached(article) => Place { path: article.path.clone(), week: article.week },
            Input::Fresh(source) => Place::fresh(source, slug, config),
        }
    }

    /// Where an article read from its file goes.
    fn fresh(source: &ArticleSource, slug: &str, config: &Config) -> Place {
        let date = &source.front.date;
        Place {
            path: permalink_path(config, slug, date, source.front.category.as_deref()),
            week: IsoWeek::of(date.instant, &config.timezone),
        }
    }
}

/// Where every content file's link leads in this build.
fn link_targets(
    config: &Config,
    visible: &[Sourced],
    places: &[Place],
    hidden: &[Sourced],
    notes: &[NoteSource],
    unusable: &[PathBuf],
    visibility: Visibility,
) -> links::Targets {
    let mut targets = links::Targets::new(&config.base_url.path);
    for (i, ((input, _), place)) in visible.iter().zip(places).enumerate() {
        targets.insert(input.path().to_path_buf(), links::Target::Page { path: place.path.clone(), article: Some(i) });
    }
    for (input, _) in hidden {
        let why = if input.draft() && !visibility.drafts { "a draft" } else { "an article scheduled for later" };
        targets.insert(input.path().to_path_buf(), links::Target::Hidden(why));
    }
    let weeks: HashSet<IsoWeek> = places.iter().map(|p| p.week).collect();
    for note in notes.iter().filter(|n| weeks.contains(&n.week)) {
        let path = crate::render::views::week_path(note.week);
        targets.insert(note.path.clone(), links::Target::Page { path, article: None });
    }
    for path in unusable {
        targets.insert(path.clone(), links::Target::Unusable);
    }
    targets
}

/// Each source's slug (explicit, or its file stem slugified); two files with
/// one slug are an error naming both. A source that cannot have its slug
/// (the second of two with one slug, or one whose slug cannot name a
/// folder) gets a stand-in no editor can write, so that the rest of its
/// checks still run; or `None`, to be left out, when it comes from the
/// cache (a cached article keeps the page it was given).
fn assign_slugs(root: &Path, all: &[Input], found: &mut Collector) -> Vec<Option<String>> {
    let slugs: Vec<String> = all.iter().map(Input::slug).collect();
    let mut usable = vec![true; slugs.len()];
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    for (i, (article, slug)) in all.iter().zip(&slugs).enumerate() {
        usable[i] = false;
        if slug.is_empty() {
            found.push(
                Diagnostic::new(article.path(), "the file name gives no slug (it has no letters or digits)")
                    .at(1, 1)
                    .hint("add `slug:` to the front matter, e.g. slug: chip-export-rules"),
            );
            continue;
        }
        if let Some(why) = slug::unusable(slug) {
            let at = position_of(root, article.path(), &[Step::Key("slug")]).unwrap_or((1, 1));
            found.push(
                Diagnostic::new(article.path(), format!("the slug `{slug}` cannot name a folder: {why}"))
                    .at(at.0, at.1)
                    .hint("add `slug:` to the front matter with another slug"),
            );
            continue;
        }
        if let Some(&first) = first_with.get(slug.as_str()) {
            let other = all[first].path();
            let at = position_of(root, article.path(), &[Step::Key("slug")]);
            found.push(
                Diagnostic::new(article.path(), format!("slug `{slug}` is already used by {}", other.display()))
                    .at_opt(at)
                    .hint("give one of the two articles a different `slug:`"),
            );
        } else {
            first_with.insert(slug, i);
            usable[i] = true;
        }
    }
    all.iter()
        .zip(slugs)
        .zip(usable)
        .enumerate()
        .map(|(i, ((input, slug), usable))| match input {
            _ if usable => Some(slug),
            Input::Fresh(_) => Some(format!("{slug}~{i}")),
            Input::Cached(_) => None,
        })
        .collect()
}

/// Every `related` pick must name an article (drafts count: they are hidden,
/// not missing; so do articles left out of the site for a problem).
fn check_related(root: &Path, all: &[Sourced], every_slug: &HashSet<String>, found: &mut Collector) {
    for (article, own) in all {
        let mut count = crate::error::ProblemCount::default();
        for (i, pick) in article.related().iter().enumerate() {
            let problem = if pick == own {
                Some(format!("`related` lists the article itself (`{pick}`)"))
            } else if !every_slug.contains(pick) {
                Some(format!("`related` names `{pick}`, but no article has that slug"))
            } else {
                None
            };
            if let Some(message) = problem.filter(|_| count.show()) {
                let hint =
                    crate::error::did_you_mean(pick, every_slug.iter().map(String::as_str)).unwrap_or_else(|| {
                        "use the slug of another article (its file name without .md, unless it sets `slug:`)".into()
                    });
                let at = position_of(root, article.path(), &[Step::Key("related"), Step::Index(i)]);
                found.push(Diagnostic::new(article.path(), message).at_opt(at).hint(hint));
            }
        }
        found.extend(count.summary(article.path()));
    }
}

/// Renders one article's Markdown and places it.
fn assemble(
    source: ArticleSource,
    slug: String,
    place: Place,
    config: &Config,
    targets: &links::Targets,
) -> Result<Article, Vec<Diagnostic>> {
    let ArticleSource { path: source_path, key: input, stamp, stem: _, front, body, body_line, mut warnings } = source;
    let FrontMatter {
        title,
        date,
        updated,
        slug: _,
        draft,
        summary,
        category,
        tags,
        language,
        audience,
        source,
        tldr,
        takeaways,
        tables,
        deep_dive,
        implications,
        timeline,
        related,
        story,
        credits,
        image,
        corrections,
        ai_generated,
        extra,
    } = front;
    let _share = crate::budget::INPUT.take(body.len() as u64);
    let resolver = links::Recording::new(targets.resolver(&source_path));
    let body = render_body_with(&body, &resolver, config.raw_html);
    if let Some(at) = body.too_deep {
        return Err(vec![too_deep(&source_path, at, body_line)]);
    }
    warnings.extend(removal_warnings(&source_path, &body.removed, body_line));
    let mut found: Vec<links::FoundLink> = body
        .links
        .iter()
        .map(|l| links::FoundLink {
            dest: l.dest.clone(),
            place: links::LinkPlace::Body(l.line + body_line - 1, l.column),
        })
        .collect();
    let mut inline = |text: &str, key: &'static str, index: Option<usize>, sub: Option<&'static str>| {
        let rendered = render_inline(text, &resolver);
        let field = links::FieldRef { key, index, sub };
        found.extend(
            rendered.links.into_iter().map(|dest| links::FoundLink { dest, place: links::LinkPlace::Field(field) }),
        );
        rendered.html
    };
    let tldr = tldr.map(|t| TldrHtml {
        what_changed: t.what_changed.map(|x| inline(&x, "tldr", None, Some("what_changed"))),
        why_it_matters: t.why_it_matters.map(|x| inline(&x, "tldr", None, Some("why_it_matters"))),
        what_to_do: t.what_to_do.map(|x| inline(&x, "tldr", None, Some("what_to_do"))),
    });
    let takeaways = takeaways.iter().enumerate().map(|(i, t)| inline(t, "takeaways", Some(i), None)).collect();
    let deep_dive = deep_dive.iter().enumerate().map(|(i, t)| inline(t, "deep_dive", Some(i), None)).collect();
    let implications = implications
        .into_iter()
        .enumerate()
        .map(|(n, i)| ImplicationHtml {
            prediction: inline(&i.prediction, "implications", Some(n), Some("prediction")),
            rationale: i.rationale.map(|r| inline(&r, "implications", Some(n), Some("rationale"))),
            confidence: i.confidence,
        })
        .collect();
    let timeline = timeline
        .into_iter()
        .enumerate()
        .map(|(n, t)| TimelineItem { date: t.date, event: inline(&t.event, "timeline", Some(n), Some("event")) })
        .collect();
    let images = image_uses(&source_path, &place.path, image.as_ref(), &body, body_line);
    // Images are checked where they are processed, not as links.
    found.retain(|link| {
        !matches!(link.place, links::LinkPlace::Body(line, column)
            if body.images.iter().any(|i| (i.line + body_line - 1, i.column) == (line, column)))
    });
    let hook_is_excerpt = summary.is_none();
    let hook = summary.or_else(|| body.first_paragraph.clone()).unwrap_or_default();
    let category = category.and_then(|key| config.categories.iter().position(|c| c.key == key));
    let latest_correction = corrections.iter().map(|c| c.date).max_by_key(|m| m.instant);
    let updated = [updated, latest_correction].into_iter().flatten().max_by_key(|m| m.instant);
    let ids = links::ids_in(&body.html);
    let mut article = Article {
        source_path,
        input,
        stamp,
        resolved: resolver.into_resolved(),
        resolved_under: targets.key(),
        tag_names: tags,
        path: place.path,
        title,
        week: place.week,
        date,
        updated,
        draft,
        hook,
        hook_is_excerpt,
        category,
        tags: Vec::new(),
        language,
        audience,
        source,
        tldr,
        takeaways,
        tables,
        deep_dive,
        implications,
        timeline,
        related,
        story,
        credits,
        image,
        images,
        corrections,
        ai_generated,
        extra,
        body,
        slug,
        links: found,
        ids,
        warnings,
        related_key: 0,
    };
    article.related_key = related::own_key(&article);
    Ok(article)
}

/// The images an article uses: its lead image (unless on another host),
/// then each image of its body with a safe destination.
fn image_uses(
    source_path: &Path,
    page: &str,
    lead: Option<&Image>,
    body: &RenderedBody,
    body_line: usize,
) -> Vec<crate::images::Use> {
    use crate::images::{Located, Place as At, Use, locate::locate};
    let lead = lead.map(|image| Use {
        dest: image.src.clone(),
        located: locate(&image.src, source_path, page),
        place: At::LeadImage,
        lead: Some(image.focus.unwrap_or(crate::images::Focus::CENTER)),
        alt_missing: false,
    });
    let body_images = body.images.iter().filter(|i| crate::markdown::is_safe_url(&i.dest)).map(|i| Use {
        dest: i.dest.clone(),
        located: if i.dest.is_empty() { Located::External } else { locate(&i.dest, source_path, page) },
        place: At::Body(i.line + body_line - 1, i.column),
        lead: None,
        alt_missing: !i.decorative && i.alt.trim().is_empty(),
    });
    lead.filter(|u| u.located != Located::External).into_iter().chain(body_images).collect()
}

/// A body whose HTML nests too deep to sanitize, at a (line, column) of its
/// Markdown, which starts on line `body_line` of the file.
fn too_deep(path: &Path, (line, column): (usize, usize), body_line: usize) -> Diagnostic {
    let limit = crate::markdown::depth::MAX_HTML_DEPTH;
    Diagnostic::new(path, format!("the HTML here nests more than {limit} elements deep"))
        .at(line + body_line - 1, column)
        .hint(format!(
            "close the tags you open (`<div>` needs `</div>`): raw HTML is sanitized only up to {limit} levels deep"
        ))
}

/// A warning for each kind of thing the sanitizer removed from a body that
/// starts on line `body_line` of the file `path`.
fn removal_warnings<'a>(
    path: &'a Path,
    removed: &'a [crate::markdown::Removal],
    body_line: usize,
) -> impl Iterator<Item = Diagnostic> + 'a {
    removed.iter().map(move |r| Diagnostic::new(path, r.message()).at(r.line + body_line - 1, r.column).hint(r.hint()))
}

/// The output path of an article from the permalink pattern (without the
/// leading `/`), with dates in the site's time zone.
fn permalink_path(config: &Config, slug: &str, date: &Moment, category: Option<&str>) -> String {
    let local = date.in_zone(&config.timezone);
    let mut path = String::new();
    for part in config.permalink.parts() {
        match part {
            PermalinkPart::Literal(text) => path.push_str(text),
            PermalinkPart::Slug => path.push_str(slug),
            PermalinkPart::Year => path.push_str(&format!("{:04}", local.year())),
            PermalinkPart::Month => path.push_str(&format!("{:02}", local.month())),
            PermalinkPart::Day => path.push_str(&format!("{:02}", local.day())),
            PermalinkPart::Category => path.push_str(category.unwrap_or_default()),
        }
    }
    path
}

fn group_weeks(articles: &[Article]) -> Vec<Week> {
    let mut weeks: Vec<Week> = Vec::new();
    let mut index: HashMap<IsoWeek, usize> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        let slot = *index.entry(article.week).or_insert_with(|| {
            weeks.push(Week { week: article.week, articles: Vec::new(), note: None });
            weeks.len() - 1
        });
        weeks[slot].articles.push(i);
    }
    weeks.sort_by_key(|w| std::cmp::Reverse(w.week));
    weeks
}

/// What recap notes are checked against.
struct Known<'a> {
    /// Visible articles by slug.
    by_slug: &'a HashMap<String, usize>,
    /// Every article's slug, hidden ones included.
    every_slug: &'a HashSet<String>,
    /// Where links lead.
    targets: &'a links::Targets,
    /// What becomes of raw HTML.
    raw_html: crate::markdown::RawHtml,
}

fn attach_notes(
    root: &Path,
    notes: Vec<NoteSource>,
    weeks: &mut [Week],
    articles: &[Article],
    known: &Known<'_>,
    found: &mut Collector,
    warnings: &mut Vec<Diagnostic>,
) {
    let Known { by_slug, every_slug, targets, raw_html } = known;
    let raw_html = *raw_html;
    for NoteSource { path, week, title, highlights, body, body_line, warnings: found_in_file } in notes {
        warnings.extend(found_in_file);
        let mut picks = Vec::new();
        let mut count = crate::error::ProblemCount::default();
        for (i, slug) in highlights.iter().enumerate() {
            match by_slug.get(slug) {
                Some(&index) if articles[index].week != week => {
                    // Its own week's page lists it already; here it would be
                    // one card more than the week's count says.
                    let at = position_of(root, &path, &[Step::Key("highlights"), Step::Index(i)]);
                    let other = articles[index].week;
                    found.push(
                        Diagnostic::new(&path, format!("highlight `{slug}` is an article of {other}, not of {week}"))
                            .at_opt(at)
                            .hint(format!("highlight it in content/weeks/{other}.md, or list an article of {week}")),
                    );
                }
                Some(&index) => picks.push(index),
                None if every_slug.contains(slug) => {} // a draft, hidden in this build
                None if !count.show() => {}
                None => {
                    let at = position_of(root, &path, &[Step::Key("highlights"), Step::Index(i)]);
                    let hint = crate::error::did_you_mean(slug, by_slug.keys().map(String::as_str))
                        .unwrap_or_else(|| "list slugs of articles, e.g. highlights: [fab-expansion-paused]".into());
                    found.push(
                        Diagnostic::new(&path, format!("highlight `{slug}` names no article")).at_opt(at).hint(hint),
                    );
                }
            }
        }
        found.extend(count.summary(&path));
        match weeks.iter_mut().find(|w| w.week == week) {
            Some(slot) => {
                let rendered = render_body_with(&body, &targets.resolver(&path), raw_html);
                if let Some(at) = rendered.too_deep {
                    found.push(too_deep(&path, at, body_line));
                    continue;
                }
                warnings.extend(removal_warnings(&path, &rendered.removed, body_line));
                let links = rendered
                    .links
                    .into_iter()
                    .map(|l| links::FoundLink {
                        dest: l.dest,
                        place: links::LinkPlace::Body(l.line + body_line - 1, l.column),
                    })
                    .collect();
                slot.note = Some(WeekNote { source_path: path, title, highlights: picks, html: rendered.html, links });
            }
            None => warnings.push(
                Diagnostic::new(
                    &path,
                    format!("no published article falls in {week}, so this recap note is not published"),
                )
                .hint("check the file name, or publish an article dated in that week"),
            ),
        }
    }
}

/// Gives each story its editor's note; a note for a key that no two
/// published articles share is not published, and said so.
fn attach_story_notes(
    notes: Vec<StoryNoteSource>,
    stories: &mut [stories::Story],
    known: &Known<'_>,
    warnings: &mut Vec<Diagnostic>,
) {
    for StoryNoteSource { path, key, title, body, body_line } in notes {
        let Ok(s) = stories.binary_search_by(|story| story.key.as_str().cmp(&key)) else {
            warnings.push(
                Diagnostic::new(
                    &path,
                    format!(
                        "fewer than two published articles have `story: {key}`, so this story note is not published"
                    ),
                )
                .hint("check the file name against the articles' `story:` key"),
            );
            continue;
        };
        let rendered = render_body_with(&body, &known.targets.resolver(&path), known.raw_html);
        let links = rendered
            .links
            .into_iter()
            .map(|l| links::FoundLink { dest: l.dest, place: links::LinkPlace::Body(l.line + body_line - 1, l.column) })
            .collect();
        stories[s].note = Some(StoryNote { source_path: path, title, html: rendered.html, links });
    }
}
