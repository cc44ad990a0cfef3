//! The typed site: every published article with its outline and provenance,
//! newest first, and the weeks, categories, tags, stories and related lists
//! that group them. Built once per build and read-only afterwards (but for
//! an article patched in by the dev server, see `incremental::patch`), so
//! pages can render from it in parallel.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::article::{Article, Provenance};
use super::authors::AuthorArticles;
use super::links::{self, FoundLink, LinkSource, Problems, Targets};
use super::outline::Outline;
use super::placement::LeftOut;
use super::stories::Story;
use super::taxonomy::{CategoryArticles, Tag};
use crate::config::Config;
use crate::dates::{IsoWeek, Moment};
use crate::error::Diagnostic;
use crate::files::FileSource;

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    /// The validated site.toml.
    pub config: Config,
    /// Visible articles, newest first (ties by slug).
    pub articles: Vec<Article>,
    /// Where each article comes from, and what its checks need (parallel to
    /// `articles`).
    pub provenance: Vec<Provenance>,
    /// What the site's structure read from each article (parallel to
    /// `articles`).
    pub outlines: Vec<Outline>,
    /// Weeks that have visible articles, newest first.
    pub weeks: Vec<Week>,
    /// The articles of each declared category, in the order of `config.categories`.
    pub categories: Vec<CategoryArticles>,
    /// Tags of visible articles, by key.
    pub tags: Vec<Tag>,
    /// The articles of each declared author, in the order of `config.authors`.
    pub authors: Vec<AuthorArticles>,
    /// Each article's related articles, best first (parallel to `articles`).
    pub related: Vec<Vec<usize>>,
    /// Stories (two or more articles sharing a `story:` key), by key.
    pub stories: Vec<Story>,
    /// Problems that did not stop the build, but for those of articles
    /// (see [`Site::all_warnings`]).
    pub warnings: Vec<Diagnostic>,
    /// The build's clock.
    pub now: jiff::Timestamp,
    /// What this build leaves out.
    pub left_out: LeftOut,
    /// The files of the visible articles' folders, by output path (beside
    /// each article's page; see [`place_folder_files`]).
    pub folder_files: std::collections::BTreeMap<String, crate::files::FileSource>,
    /// The images articles use, processed (filled in after the model is
    /// built, see [`crate::images`]).
    pub images: crate::images::Images,
    /// Visible articles by slug.
    pub by_slug: HashMap<String, usize>,
    /// Where every content file's links lead.
    pub targets: Targets,
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
    pub links: Vec<FoundLink>,
}

impl Site {
    /// The index of the visible article with this slug.
    pub fn article_index(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// The index of the visible article read from this file.
    pub fn article_of_file(&self, file: &Path) -> Option<usize> {
        self.provenance.iter().position(|p| p.file == file)
    }

    /// Every problem that did not stop the build: the site's, then each
    /// article's (kept with the article, so a build that reuses it from
    /// the cache reports them again).
    pub fn all_warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.warnings.iter().chain(self.provenance.iter().flat_map(|p| &p.warnings))
    }

    /// The index of the story an article belongs to, if its key is shared.
    pub fn story_of(&self, article: &Article) -> Option<usize> {
        let key = article.story.as_deref()?;
        self.stories.binary_search_by(|s| s.key.as_str().cmp(key)).ok()
    }

    /// Every broken internal link, `#anchor` and static file reference in
    /// articles, recap notes and story notes, given the site's static files
    /// and the output paths of its pages.
    pub fn link_problems(&self, static_files: &BTreeMap<String, FileSource>, page_paths: &HashSet<String>) -> Problems {
        let no_ids = HashSet::new();
        let sources = self.link_sources(&no_ids);
        let article_ids: Vec<&HashSet<String>> = self.provenance.iter().map(|p| &p.ids).collect();
        links::check(&self.targets, &sources, &article_ids, static_files, page_paths)
    }

    /// Links that work in this build but would break in a build to publish
    /// now, which leaves out drafts and articles scheduled for later (for
    /// `check`, which shows every article).
    pub fn links_to_unpublished(&self) -> Vec<Diagnostic> {
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
        links::to_held_back(&self.targets, &sources, &held_back)
    }

    /// Every file whose links are checked: articles, recap notes, story notes.
    fn link_sources<'a>(&'a self, no_ids: &'a HashSet<String>) -> Vec<LinkSource<'a>> {
        let note = |path: &'a PathBuf, links: &'a [FoundLink]| LinkSource { path, links, ids: no_ids, published: true };
        self.articles
            .iter()
            .zip(&self.provenance)
            .map(|(a, p)| LinkSource {
                path: &p.file,
                links: &p.links,
                ids: &p.ids,
                published: !a.draft && a.date.instant <= self.now,
            })
            .chain(self.weeks.iter().filter_map(|w| w.note.as_ref()).map(|n| note(&n.source_path, &n.links)))
            .chain(self.stories.iter().filter_map(|s| s.note.as_ref()).map(|n| note(&n.source_path, &n.links)))
            .collect()
    }
}
