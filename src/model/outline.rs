//! An article's outline: everything the rest of the site is computed from
//! it. Placement reads its slug, date, draft flag and category (where its
//! page goes, which week it is in, whether it is published); the site's
//! lists read its tags, story, source, timeline, related picks, byline and
//! reviewer. Nothing else of an article (its title, hook, body, fields…)
//! reaches another page but through its own views, so two versions of an
//! article with one outline give one site, but for that article's own views.

use std::path::{Path, PathBuf};

use crate::content::ArticleSource;
use crate::content::credits::Byline;
use crate::content::frontmatter::TimelineEntry;
use crate::dates::Moment;

/// What the site's structure reads from one article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outline {
    /// Its file, relative to the site root.
    pub file: PathBuf,
    /// The slug it asks for: `slug:`, or its file name slugified.
    pub slug: String,
    /// Published.
    pub date: Moment,
    /// A draft.
    pub draft: bool,
    /// A declared category key.
    pub category: Option<String>,
    /// Tag names as written, in order.
    pub tags: Vec<String>,
    /// Slugs of the articles the editor picked as related.
    pub related: Vec<String>,
    /// The story key.
    pub story: Option<String>,
    /// The source's name and URL.
    pub source: Option<(String, Option<String>)>,
    /// Dated events (inline Markdown), in date order.
    pub timeline: Vec<TimelineEntry>,
    /// The byline (the author pages list what each author wrote).
    pub authors: Vec<Byline>,
    /// The author key of the reviewer (author pages list what they reviewed).
    pub reviewed_by: Option<String>,
}

impl Outline {
    /// The outline of an article read from its file.
    pub fn of(source: &ArticleSource) -> Outline {
        let front = &source.front;
        Outline {
            file: source.path.clone(),
            slug: front.slug.clone().unwrap_or_else(|| crate::slug::slugify(&source.stem)),
            date: front.date,
            draft: front.draft,
            category: front.category.clone(),
            tags: front.tags.clone(),
            related: front.related.clone(),
            story: front.story.clone(),
            source: front.source.as_ref().map(|s| (s.name.clone(), s.url.clone())),
            timeline: front.timeline.clone(),
            authors: front.credits.authors.clone(),
            reviewed_by: front.credits.reviewed_by.clone(),
        }
    }

    /// Its file.
    pub fn file(&self) -> &Path {
        &self.file
    }
}
