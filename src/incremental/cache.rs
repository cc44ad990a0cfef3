//! The [`Cache`]: what one build computed that the next can reuse, kept
//! nowhere (`--fresh`, `check`), on disk (`newsprint build`) or in memory
//! (`newsprint serve`, which also keeps the last build's whole site), and
//! what it is told about the files that changed since.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::record::{BuiltFrom, Record, env_key};
use super::store::{self, SHARDS, ShardContents};
use crate::config::Config;
use crate::content::{CONTENT_DIR, Kind, Listing};
use crate::error::Diagnostic;
use crate::hash::{Key, Memo};
use crate::model::Visibility;
use crate::model::links::Problems;
use crate::options::BuildOptions;
use crate::output::Manifests;
use crate::progress::Timings;
use crate::render::Page;
use crate::render::theme::Theme;

/// Where a cache keeps what builds computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keeping {
    /// Nowhere: everything is computed afresh, and forgotten.
    Nothing,
    /// In the site's cache folder, read before and written after a build.
    Disk,
    /// In memory, between the builds of one process (the dev server).
    Memory,
}

/// Reused work.
pub struct Cache {
    keeping: Keeping,
    /// Article records by source path, until a build takes them.
    pub(super) records: HashMap<PathBuf, Box<Record>>,
    /// What the articles of the last build were built from (parallel to its
    /// site's articles), until the build is kept.
    pub(super) built: Vec<BuiltFrom>,
    /// Related articles, by the key of their inputs.
    pub(super) related: Option<(Key, Vec<Vec<usize>>)>,
    /// Whether the related lists on disk are the ones held.
    related_on_disk: bool,
    /// What each shard on disk holds, when it was read; a shard whose new
    /// contents are the same is not written.
    on_disk: Vec<ShardContents>,
    /// Keys of views and pages by the keys of their inputs.
    pub memo: Memo,
    /// Content files (relative to the site root; a folder stands for
    /// everything in it) that may have changed since the last build; every
    /// other file is known unchanged. `None`: any file may have changed.
    pub(super) changed: Option<Vec<PathBuf>>,
    /// The content files the last build found.
    pub(super) listing: Option<Arc<Listing>>,
    /// The last build's whole site, kept in memory (`serve`) so that an edit
    /// to articles' own content can be patched into it.
    pub(super) previous: Option<Box<Previous>>,
    /// The settings and code the held records were assembled under.
    env: Option<Key>,
    /// The output folders' manifests as the last build left them.
    pub(super) manifests: Manifests,
}

/// A site read, checked and planned: everything a build writes from.
pub struct Prepared {
    /// The site.
    pub site: crate::model::Site,
    /// Its theme.
    pub theme: Theme,
    /// Every page to write.
    pub pages: Vec<Page>,
    /// Broken internal links, anchors and static file references.
    pub link_problems: Problems,
    /// The output paths of the HTML pages.
    pub page_paths: HashSet<String>,
}

/// A build kept whole in memory (`serve`), for the next build to patch.
pub(super) struct Previous {
    pub(super) prepared: Prepared,
    /// What its articles were built from (parallel to them).
    pub(super) built: Vec<BuiltFrom>,
    /// The options it was built under.
    pub(super) built_for: BuiltFor,
}

/// The options a prepared site depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BuiltFor {
    drafts: bool,
    future: bool,
    base_url: Option<String>,
    /// The clock, when it decides which articles are shown.
    now: Option<jiff::Timestamp>,
}

impl BuiltFor {
    pub(super) fn of(options: &BuildOptions, visibility: Visibility) -> BuiltFor {
        BuiltFor {
            drafts: options.drafts,
            future: options.future,
            base_url: options.base_url.clone(),
            now: (!options.future).then_some(visibility.now),
        }
    }
}

impl Default for Cache {
    fn default() -> Cache {
        Cache::new()
    }
}

impl Cache {
    /// A cache kept in memory between the builds of this process (the dev
    /// server's): the builds given it reuse what the ones before computed,
    /// and patch the last one's site when they can.
    pub fn new() -> Cache {
        Cache::keeping(Keeping::Memory)
    }

    /// The cache of a build run once: the site's cache folder, or nothing
    /// for a build that ignores it (`--fresh`).
    pub fn for_one_build(fresh: bool) -> Cache {
        Cache::keeping(if fresh { Keeping::Nothing } else { Keeping::Disk })
    }

    /// A cache that keeps nothing (`newsprint check`).
    pub fn nothing() -> Cache {
        Cache::keeping(Keeping::Nothing)
    }

    fn keeping(keeping: Keeping) -> Cache {
        Cache {
            keeping,
            records: HashMap::new(),
            built: Vec::new(),
            related: None,
            related_on_disk: false,
            on_disk: vec![Vec::new(); SHARDS],
            memo: Memo::default(),
            changed: None,
            listing: None,
            previous: None,
            env: None,
            manifests: Manifests::default(),
        }
    }

    /// Gets ready for a build under these settings: forgets what was
    /// assembled under others (site.toml changed between two builds in one
    /// process), and reads the cache folder of a build on disk.
    pub fn settle(&mut self, root: &Path, config: &Config) {
        let env = env_key(config);
        if self.keeping == Keeping::Disk {
            let stored = store::read(root, env);
            self.records = stored.records.into_iter().map(|r| (r.provenance.file.clone(), r)).collect();
            self.on_disk = stored.shards;
            self.memo = Memo::from_entries(stored.memo.unwrap_or_default());
            self.related_on_disk = stored.related.is_some();
            self.related = stored.related;
        } else if self.env != Some(env) {
            self.records.clear();
            self.previous = None;
        }
        self.env = Some(env);
    }

    /// Tells the next build which files may have changed since the last one
    /// (relative to the site root, or absolute under `root`; a folder stands
    /// for everything in it): the others are not even looked at. Only a
    /// caller that watches the files (the dev server) can know this; the
    /// build after it looks at every file again unless told anew. Changes
    /// told before a build that failed early are kept.
    pub fn expect_changes(&mut self, root: &Path, paths: &[PathBuf]) {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let relative = |p: &PathBuf| p.strip_prefix(&root).map(Path::to_path_buf).unwrap_or_else(|_| p.clone());
        // After a build that failed before taking stock, its changes still count.
        let mut changed = self.changed.take().unwrap_or_default();
        changed.extend(paths.iter().map(relative));
        self.changed = Some(changed);
    }

    /// The related lists of a site: the ones held when their inputs are
    /// unchanged, else computed anew (and held).
    pub fn related(&mut self, site: &crate::model::Site) -> Vec<Vec<usize>> {
        let key = crate::model::related::inputs_key(site, |i| self.built.get(i).map(|b| b.related_key));
        if let Some((held, related)) = &self.related
            && *held == key
        {
            return related.clone();
        }
        let related = crate::model::related::compute(site);
        self.related = Some((key, related.clone()));
        self.related_on_disk = false;
        related
    }

    /// Turns a build kept whole back into article records by path, for a
    /// build that prepares the site anew.
    pub fn unpack_previous(&mut self) {
        let Some(previous) = self.previous.take() else { return };
        let Previous { prepared, built, .. } = *previous;
        let site = prepared.site;
        let records = site.articles.into_iter().zip(site.outlines).zip(site.provenance).zip(built);
        self.records = records
            .map(|(((article, outline), provenance), built_from)| {
                (provenance.file.clone(), Box::new(Record { built_from, outline, article, provenance }))
            })
            .collect();
    }

    /// Keeps on disk what a build that was `written` computed, for the next
    /// one (when this cache lives on disk); a warning says when that failed
    /// (the site is built; only the next build will be slower).
    pub fn save(
        &mut self,
        options: &BuildOptions,
        site: &crate::model::Site,
        written: bool,
        timings: &mut Timings,
    ) -> Option<Diagnostic> {
        self.memo.finish();
        if self.keeping != Keeping::Disk || !written {
            return None;
        }
        let warning = self
            .write_to_disk(&options.root, site)
            .err()
            .map(|e| Diagnostic::new(store::CACHE_DIR, format!("cannot write the build cache: {e}")));
        timings.lap("cache");
        warning
    }

    /// Keeps a finished build whole in memory (even after a failed render
    /// the site is good for the next build); a cache that does not keep it
    /// lets it go on a thread of its own (freeing a big site takes a while,
    /// and a command-line build exits without waiting).
    pub fn keep(&mut self, options: &BuildOptions, visibility: Visibility, prepared: Prepared) {
        if self.keeping == Keeping::Memory {
            self.changed = None;
            self.records.clear();
            let built = std::mem::take(&mut self.built);
            let built_for = BuiltFor::of(options, visibility);
            self.previous = Some(Box::new(Previous { prepared, built, built_for }));
        } else {
            let records = std::mem::take(&mut self.records);
            std::thread::spawn(move || drop((prepared, records)));
        }
    }

    /// Writes the cache of a finished build: the shards whose articles
    /// changed, the memo, and the related lists when they changed.
    fn write_to_disk(&mut self, root: &Path, site: &crate::model::Site) -> std::io::Result<()> {
        let env = env_key(&site.config);
        store::write_records(root, env, site, &self.built, &mut self.on_disk)?;
        store::write_memo(root, env, self.memo.entries())?;
        if let Some((key, related)) = self.related.as_ref().filter(|_| !self.related_on_disk) {
            store::write_related(root, env, *key, related)?;
            self.related_on_disk = true;
        }
        Ok(())
    }

    /// The article files known to have been edited in place since the last
    /// build (see [`Cache::expect_changes`]), when those are the only
    /// changes: no other file of the site, no addition, removal or rename.
    /// `None` when anything else may have changed.
    pub(super) fn edited_articles_only(&self, root: &Path) -> Option<Vec<PathBuf>> {
        let changed = self.changed.as_ref()?;
        let article = |path: &PathBuf| self.edited_in_place(root, path) == Some(Kind::Article);
        if changed.is_empty() || !changed.iter().all(article) {
            return None;
        }
        let mut edited = changed.clone();
        edited.sort();
        edited.dedup();
        Some(edited)
    }

    /// The last listing, when every change under `content/` since is to a
    /// file it lists that is still a plain file (an edit, not an addition,
    /// removal or rename).
    pub(super) fn listing(&self, root: &Path) -> Option<Arc<Listing>> {
        let (changed, listing) = (self.changed.as_ref()?, self.listing.as_ref()?);
        let content = Path::new(CONTENT_DIR);
        let edited = |path: &PathBuf| !path.starts_with(content) || self.edited_in_place(root, path).is_some();
        changed.iter().all(edited).then(|| Arc::clone(listing))
    }

    /// What the last listing says `path` is, when it is still a plain file
    /// (edited in place); `None` when it is not listed or no longer a file
    /// (an addition, removal or rename).
    fn edited_in_place(&self, root: &Path, path: &Path) -> Option<Kind> {
        let (_, kind) = self.listing.as_ref()?.iter().find(|(listed, _)| listed == path)?;
        std::fs::symlink_metadata(root.join(path)).is_ok_and(|m| m.is_file()).then_some(*kind)
    }
}
