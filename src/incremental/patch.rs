//! The dev server's patch path. When its watcher saw only edits to article
//! files, in place, the next build reads just those files and, when each
//! one's outline (everything the rest of the site is computed from it, see
//! [`Outline`]) is the one the site kept in memory was built from, renders
//! it again and puts it in place of the old one. Placement, the site's
//! lists, the theme and the page plan all stay: they were computed from the
//! outlines alone, so the site is then exactly what a build from scratch
//! would make. Only the link checks run anew.

use std::path::PathBuf;

use super::cache::{BuiltFor, Cache, Prepared, Previous};
use super::record::{BuiltFrom, Recording, input_key};
use crate::content::{self, ArticleSource};
use crate::files::stamp;
use crate::hash::Key;
use crate::model::{self, Assembled, Outline, Place, Site, Visibility};
use crate::options::BuildOptions;
use crate::progress::Timings;

/// An edited article file, read and validated.
struct Edited {
    source: ArticleSource,
    input: Key,
    stamp: Option<Key>,
}

impl Cache {
    /// The last build's site with the articles edited since put in place,
    /// when the cache knows those edits are the only changes and they leave
    /// every article's outline as it was; `None` when the site must be
    /// prepared from the start (the cache is then left as it was).
    pub fn patch(&mut self, options: &BuildOptions, visibility: Visibility, timings: &mut Timings) -> Option<Prepared> {
        let root = &options.root;
        let previous = self.previous.as_ref()?;
        if previous.built_for != BuiltFor::of(options, visibility) {
            return None;
        }
        let edited = self.edited_articles_only(root)?;
        let config = &previous.prepared.site.config;
        let read: Vec<Edited> = edited.iter().map(|rel| read(root, rel, config)).collect::<Option<_>>()?;
        timings.lap("load");
        let site = &previous.prepared.site;
        let patches: Vec<(usize, Assembled, BuiltFrom)> =
            read.into_iter().map(|edited| reassemble(site, edited)).collect::<Option<_>>()?;
        let mut previous = self.previous.take()?;
        for (i, assembled, built_from) in patches {
            previous.prepared.site.articles[i] = assembled.article;
            previous.prepared.site.provenance[i] = assembled.provenance;
            previous.built[i] = built_from;
        }
        previous.prepared.site.now = visibility.now;
        timings.lap("markdown");
        let (images, found) = super::process_images(
            options,
            &previous.prepared.site,
            &previous.prepared.theme,
            super::image_mode(options),
        );
        if !found.is_empty() {
            // The build from the start reports them, reusing the articles
            // just assembled.
            self.previous = Some(previous);
            return None;
        }
        previous.prepared.site.images = images;
        timings.lap("images");
        self.changed = None;
        let Previous { mut prepared, built, .. } = *previous;
        self.built = built;
        prepared.link_problems = prepared.site.link_problems(&prepared.theme.static_files, &prepared.page_paths);
        timings.lap("plan");
        Some(prepared)
    }
}

/// Reads an edited article file; `None` when it has any problem (the build
/// from the start reports it).
fn read(root: &std::path::Path, rel: &PathBuf, config: &crate::config::Config) -> Option<Edited> {
    let text = content::read_text(root, rel).ok()?;
    let input = input_key(config, rel, &text);
    let source = content::parse_text(rel, &text, config).ok()?;
    Some(Edited { source, input, stamp: stamp(&root.join(rel)) })
}

/// An edited article assembled in the place of the old one, when its
/// outline is the old one's and it assembles.
fn reassemble(site: &Site, edited: Edited) -> Option<(usize, Assembled, BuiltFrom)> {
    let Edited { source, input, stamp } = edited;
    let i = site.article_of_file(&source.path)?;
    if Outline::of(&source) != site.outlines[i] {
        return None;
    }
    let old = &site.articles[i];
    let place = Place { path: old.path.clone(), week: old.week };
    let recording = Recording::new(site.targets.resolver(&source.path));
    let mut assembled = model::assemble_article(source, old.slug.clone(), &place, &site.config, &recording).ok()?;
    // Tag indices are given out over the whole site; the names are the same.
    assembled.article.tags.clone_from(&old.tags);
    let resolved_under = site.targets.key();
    let related_key = model::related::own_key(&assembled.article, &site.outlines[i]);
    let resolved = recording.into_resolved();
    Some((i, assembled, BuiltFrom { input, stamp, resolved, resolved_under, related_key }))
}
