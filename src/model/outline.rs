//! An article's outline: everything the rest of the site is computed from
//! it. Placement reads its slug, date, draft flag and category (where its
//! page goes, which week it is in, whether it is published); the site's
//! lists read its tags and related picks from here, and its story, source,
//! timeline, byline and reviewer from the article itself, so the outline
//! holds those as one key ([`Outline::elsewhere`]) that changes whenever
//! any of them does. Nothing else of an article (its title, hook, body,
//! fields…) reaches another page but through its own views, so two
//! versions of an article with one outline give one site, but for that
//! article's own views.

use std::path::{Path, PathBuf};

use crate::content::ArticleSource;
use crate::content::credits::Byline;
use crate::content::frontmatter::TimelineEntry;
use crate::dates::Moment;
use crate::hash::Key;

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
    /// The key of what other pages read of it from the article itself: its
    /// story key, its source's name and URL, its timeline (stories and
    /// related lists), its byline and its reviewer (author pages).
    pub elsewhere: Key,
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
            elsewhere: elsewhere_key(
                &front.story,
                &front.source.as_ref().map(|s| (&s.name, &s.url)),
                &front.timeline,
                &front.credits.authors,
                &front.credits.reviewed_by,
            ),
        }
    }

    /// Its file.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

/// The key of the parts of an article other pages read from the article.
fn elsewhere_key(
    story: &Option<String>,
    source: &Option<(&String, &Option<String>)>,
    timeline: &[TimelineEntry],
    authors: &[Byline],
    reviewed_by: &Option<String>,
) -> Key {
    crate::hash::of_serialized(&(story, source, timeline, authors, reviewed_by))
}
