//! The build cache: what one build computed that the next can reuse.
//!
//! It holds every visible article as assembled (front matter validated,
//! Markdown rendered and highlighted), under its *input key*: the file's
//! text, the settings (site.toml and overrides) and the code of this
//! newsprint. An article is reused only when its input key is unchanged and
//! every link it resolved still resolves the same way; otherwise it is read
//! and rendered again. The related articles of every article are reused when
//! nothing they are computed from changed. So a cache can make a build
//! faster, never different: output is byte for byte what a clean build
//! writes.
//!
//! `newsprint build` keeps the cache in `.newsprint-cache/` at the site
//! root, in shards (by path) written only when their articles changed, each
//! replaced in one rename; a shard that is unreadable or from other code is
//! ignored. `newsprint serve` keeps it in memory between rebuilds, with the
//! last build's whole site: when its watcher saw only edits to articles that
//! leave their place, date, tags, category, story and timeline as they were,
//! the next build patches those articles into that site instead of building
//! the model again (see [`crate::model::patch`]), and debug builds check the
//! patched site against one built from scratch.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bincode::Options;
use indexmap::IndexMap;
use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::config::Config;
use crate::hash::{CODE_KEY, Key, KeyBuilder, Memo};
use crate::model::links::FieldRef;
use crate::model::{Article, Site};

/// The cache folder, under the site root.
pub const CACHE_DIR: &str = ".newsprint-cache";

/// Shards of the article cache: an edit rewrites one.
const SHARDS: usize = 16;

/// The input key of an article file: its path and text, the settings and
/// the code.
pub fn input_key(config: &Config, path: &Path, text: &str) -> Key {
    KeyBuilder::new()
        .bytes(CODE_KEY.as_bytes())
        .key(config.key)
        .bytes(path.as_os_str().as_encoded_bytes())
        .bytes(text.as_bytes())
        .finish()
}

/// The key of everything a shard's contents depend on besides the files.
fn env_key(config: &Config) -> Key {
    KeyBuilder::new().bytes(CODE_KEY.as_bytes()).key(config.key).finish()
}

/// Reused work, by source path.
#[derive(Default)]
pub struct Cache {
    /// Assembled articles by source path.
    articles: HashMap<PathBuf, Article>,
    /// Related articles, by the key of their inputs.
    related: Option<(Key, Vec<Vec<usize>>)>,
    /// What each shard on disk holds (path and input key, sorted), when it
    /// was read; a shard whose new contents are the same is not written.
    on_disk: Vec<Listing>,
    /// Whether the related lists on disk are the ones held.
    related_on_disk: bool,
    /// Keys of views and pages by the keys of their inputs.
    pub memo: Memo,
    /// Content files (relative to the site root; a folder stands for
    /// everything in it) that may have changed since the last build; every
    /// other file is known unchanged. `None`: any file may have changed.
    changed: Option<Vec<PathBuf>>,
    /// The content files the last build found (see
    /// [`crate::content::Known::listing`]).
    listing: Option<Arc<crate::content::Listing>>,
    /// The last build's whole site, kept in memory (`serve`) so that an edit
    /// to articles' own content can be patched into it.
    pub(crate) previous: Option<Box<crate::Previous>>,
    /// The settings and code the held articles were assembled under.
    env: Option<Key>,
}

impl crate::content::Known for Cache {
    fn unchanged(&self, path: &Path) -> Option<(Key, Option<Key>)> {
        let changed = self.changed.as_ref()?;
        if changed.iter().any(|c| path.starts_with(c)) {
            return None;
        }
        self.articles.get(path).map(|a| (a.input, a.stamp))
    }

    fn by_stamp(&self, path: &Path, stamp: Key) -> Option<Key> {
        self.articles.get(path).filter(|a| a.stamp == Some(stamp)).map(|a| a.input)
    }

    fn knows(&self, path: &Path, key: Key) -> bool {
        self.articles.get(path).is_some_and(|a| a.input == key)
    }

    /// The last listing, when every change under `content/` since is to a
    /// file it lists that is still a plain file (an edit, not an addition,
    /// removal or rename).
    fn listing(&self, root: &Path) -> Option<Arc<crate::content::Listing>> {
        let (changed, listing) = (self.changed.as_ref()?, self.listing.as_ref()?);
        let content = Path::new(crate::content::CONTENT_DIR);
        let edited = |path: &PathBuf| !path.starts_with(content) || self.edited_in_place(root, path).is_some();
        changed.iter().all(edited).then(|| Arc::clone(listing))
    }
}

/// What a shard holds: each article's path, input key and stamp, sorted.
type Listing = Vec<(PathBuf, Key, Option<Key>)>;

/// One shard file: the settings it was written under and its articles.
#[derive(Deserialize)]
struct Shard {
    env: Key,
    articles: Vec<Article>,
}

/// A shard being written, borrowing the site's articles.
#[derive(Serialize)]
struct ShardRef<'a> {
    env: Key,
    articles: Vec<&'a Article>,
}

#[derive(Serialize, Deserialize)]
struct MemoFile {
    env: Key,
    entries: Vec<(Key, Key)>,
}

#[derive(Serialize, Deserialize)]
struct RelatedFile {
    env: Key,
    key: Key,
    related: Vec<Vec<usize>>,
}

fn codec() -> impl Options {
    bincode::DefaultOptions::new()
}

fn shard_of(path: &Path) -> usize {
    (crate::hash::of_bytes(path.as_os_str().as_encoded_bytes()) % SHARDS as u128) as usize
}

fn shard_file(dir: &Path, shard: usize) -> PathBuf {
    dir.join(format!("articles-{shard:02}.bin"))
}

/// Reads a cache file, `None` when it is missing, damaged or too big to be
/// one of ours.
fn read_file<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = fs::read(path).ok()?;
    codec().with_limit(bytes.len() as u64 * 8 + 1024).deserialize(&bytes).ok()
}

/// Writes a cache file in one rename, so a reader sees it whole or not at all.
fn write_file<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let bytes = codec().serialize(value).map_err(std::io::Error::other)?;
    let temporary = path.with_extension("tmp");
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path)
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Cache {
        Cache { on_disk: vec![Vec::new(); SHARDS], ..Cache::default() }
    }

    /// Reads the cache of the site at `root`, keeping only what was written
    /// under these settings by this code; an empty cache when there is none.
    pub fn load(root: &Path, config: &Config) -> Cache {
        let dir = root.join(CACHE_DIR);
        let env = env_key(config);
        let shards: Vec<Vec<Article>> = (0..SHARDS)
            .into_par_iter()
            .map(|n| {
                read_file::<Shard>(&shard_file(&dir, n)).filter(|s| s.env == env).map_or(Vec::new(), |s| s.articles)
            })
            .collect();
        let mut cache = Cache { env: Some(env), ..Cache::new() };
        for (n, articles) in shards.into_iter().enumerate() {
            let mut listed: Listing = articles.iter().map(|a| (a.source_path.clone(), a.input, a.stamp)).collect();
            listed.sort();
            cache.on_disk[n] = listed;
            cache.articles.extend(articles.into_iter().map(|a| (a.source_path.clone(), a)));
        }
        if let Some(file) = read_file::<MemoFile>(&dir.join("memo.bin")).filter(|f| f.env == env) {
            cache.memo = Memo::from_entries(file.entries);
        }
        if let Some(file) = read_file::<RelatedFile>(&dir.join("related.bin")).filter(|f| f.env == env) {
            cache.related = Some((file.key, file.related));
            cache.related_on_disk = true;
        }
        cache
    }

    /// Forgets every article held when they were assembled under other
    /// settings (site.toml changed between two builds in one process).
    pub fn settle_settings(&mut self, config: &Config) {
        let env = env_key(config);
        if self.env != Some(env) {
            self.articles.clear();
            self.previous = None;
            self.env = Some(env);
        }
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

    /// Holds the content files a build found (`None` when finding them
    /// raised a problem).
    pub fn set_listing(&mut self, listing: Option<Arc<crate::content::Listing>>) {
        self.listing = listing;
    }

    /// Takes the article assembled from this file, if held.
    pub fn take(&mut self, path: &Path, key: Key) -> Option<Article> {
        self.articles.remove(path).filter(|a| a.input == key)
    }

    /// The related lists computed from inputs with this key, if held.
    pub fn related(&self, key: Key) -> Option<Vec<Vec<usize>>> {
        self.related.as_ref().filter(|(k, _)| *k == key).map(|(_, r)| r.clone())
    }

    /// Holds the related lists computed from inputs with this key.
    pub fn set_related(&mut self, key: Key, related: &[Vec<usize>]) {
        if self.related.as_ref().is_none_or(|(k, _)| *k != key) {
            self.related = Some((key, related.to_vec()));
            self.related_on_disk = false;
        }
    }

    /// Keeps a finished build whole, for the next build in this process.
    pub(crate) fn keep_whole(&mut self, previous: crate::Previous) {
        self.changed = None;
        self.env = Some(env_key(previous.config()));
        self.articles.clear();
        self.previous = Some(Box::new(previous));
    }

    /// Turns a build kept whole back into articles by path, for a build
    /// that computes the site anew.
    pub(crate) fn unpack_previous(&mut self) {
        if let Some(previous) = self.previous.take() {
            self.articles = previous.site.articles.into_iter().map(|a| (a.source_path.clone(), a)).collect();
        }
    }

    /// The article files known to have been edited in place since the last
    /// build (see [`Cache::expect_changes`]), when those are the only
    /// changes: no other file of the site, no addition, removal or rename.
    /// `None` when anything else may have changed.
    pub(crate) fn edited_articles_only(&self, root: &Path) -> Option<Vec<PathBuf>> {
        let changed = self.changed.as_ref()?;
        let article = |path: &PathBuf| self.edited_in_place(root, path) == Some(crate::content::Kind::Article);
        if changed.is_empty() || !changed.iter().all(article) {
            return None;
        }
        let mut edited = changed.clone();
        edited.sort();
        edited.dedup();
        Some(edited)
    }

    /// What the last listing says `path` is, when it is still a plain file
    /// (edited in place); `None` when it is not listed or no longer a file
    /// (an addition, removal or rename).
    fn edited_in_place(&self, root: &Path, path: &Path) -> Option<crate::content::Kind> {
        let (_, kind) = self.listing.as_ref()?.iter().find(|(listed, _)| listed == path)?;
        fs::symlink_metadata(root.join(path)).is_ok_and(|m| m.is_file()).then_some(*kind)
    }

    /// Forgets the changes told, once a build has taken them in.
    pub(crate) fn changes_taken(&mut self) {
        self.changed = None;
    }

    /// Writes the cache of a finished build: the shards whose articles
    /// changed, and the related lists when they did. Failing to write a cache
    /// never fails a build, so errors are only returned for the caller to
    /// mention.
    pub fn save(&mut self, root: &Path, site: &Site) -> std::io::Result<()> {
        let dir = root.join(CACHE_DIR);
        fs::create_dir_all(&dir)?;
        let env = env_key(&site.config);
        let mut shards: Vec<Vec<&Article>> = vec![Vec::new(); SHARDS];
        for article in &site.articles {
            shards[shard_of(&article.source_path)].push(article);
        }
        let results: Vec<std::io::Result<Option<(usize, Listing)>>> = shards
            .into_par_iter()
            .enumerate()
            .map(|(n, articles)| {
                let mut listed: Listing = articles.iter().map(|a| (a.source_path.clone(), a.input, a.stamp)).collect();
                listed.sort();
                if listed == self.on_disk[n] {
                    return Ok(None);
                }
                write_file(&shard_file(&dir, n), &ShardRef { env, articles })?;
                Ok(Some((n, listed)))
            })
            .collect();
        for result in results {
            if let Some((n, listed)) = result? {
                self.on_disk[n] = listed;
            }
        }
        write_file(&dir.join("memo.bin"), &MemoFile { env, entries: self.memo.entries() })?;
        if let Some((key, related)) = self.related.as_ref().filter(|_| !self.related_on_disk) {
            write_file(&dir.join("related.bin"), &RelatedFile { env, key: *key, related: related.clone() })?;
            self.related_on_disk = true;
        }
        Ok(())
    }
}

/// Serde for `extra` (free-form YAML values): as YAML text, since the
/// cache's compact format cannot hold values of unknown shape.
pub mod yaml_text {
    use super::*;

    /// Writes the values as one YAML document.
    pub fn serialize<S: Serializer>(value: &IndexMap<String, serde_yaml::Value>, s: S) -> Result<S::Ok, S::Error> {
        let text = if value.is_empty() {
            String::new()
        } else {
            serde_yaml::to_string(value).map_err(serde::ser::Error::custom)?
        };
        s.serialize_str(&text)
    }

    /// Reads them back.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<IndexMap<String, serde_yaml::Value>, D::Error> {
        let text = String::deserialize(d)?;
        if text.is_empty() {
            return Ok(IndexMap::new());
        }
        serde_yaml::from_str(&text).map_err(serde::de::Error::custom)
    }
}

/// The front-matter keys that hold inline Markdown, which link positions
/// name (`FieldRef`).
const FIELD_NAMES: [&str; 12] = [
    "tldr",
    "what_changed",
    "why_it_matters",
    "what_to_do",
    "takeaways",
    "deep_dive",
    "implications",
    "prediction",
    "rationale",
    "timeline",
    "event",
    "image",
];

fn known_field(name: &str) -> Result<&'static str, String> {
    FIELD_NAMES.iter().find(|n| **n == name).copied().ok_or_else(|| format!("unknown field `{name}`"))
}

/// How a [`FieldRef`] is read back: its names become the `&'static str`
/// they were.
#[derive(Deserialize)]
struct FieldRefRepr {
    key: String,
    index: Option<usize>,
    sub: Option<String>,
}

impl<'de> Deserialize<'de> for FieldRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FieldRef, D::Error> {
        let r = FieldRefRepr::deserialize(d)?;
        let name = |n: &str| known_field(n).map_err(serde::de::Error::custom);
        Ok(FieldRef { key: name(&r.key)?, index: r.index, sub: r.sub.as_deref().map(name).transpose()? })
    }
}
