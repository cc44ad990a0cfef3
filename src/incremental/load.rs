//! Reading `content/` with the cache: an article file whose record the
//! cache holds is not parsed again, and not even read when its stamp (or
//! the dev server's watcher) says it is unchanged; when its stamp changed,
//! it is read and its input key compared. Every other file is read by the
//! content stage as in any build.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::Cache;
use super::record::{Record, input_key};
use crate::config::Config;
use crate::content::{self, ArticleSource, Item, Kind, Loaded, Sources};
use crate::error::Collector;
use crate::files::stamp;
use crate::hash::Key;
use crate::model::Outline;
use crate::progress::Progress;

/// An article before assembly: fresh from its file, or as the cache holds it.
pub enum Input {
    /// Read and validated now.
    Fresh {
        /// The article as read.
        source: Box<ArticleSource>,
        /// Its outline.
        outline: Box<Outline>,
        /// The input key of its file.
        input: Key,
        /// The stamp of its file, if settled.
        stamp: Option<Key>,
    },
    /// As an earlier build assembled it.
    Reused(Box<Record>),
}

impl Input {
    /// What the site's structure reads from it.
    pub fn outline(&self) -> &Outline {
        match self {
            Input::Fresh { outline, .. } => outline,
            Input::Reused(record) => &record.outline,
        }
    }
}

/// What reading `content/` gave.
pub struct Read {
    /// The articles, in file-name order.
    pub inputs: Vec<Input>,
    /// Everything else: broken articles, notes, problems.
    pub sources: Sources,
}

/// What became of one content file.
enum File {
    /// An article the cache holds, unchanged (with its stamp now).
    Unchanged(PathBuf, Option<Key>),
    /// An article read now.
    Article(Loaded, Key, Option<Key>),
    /// Any other file.
    Other(Loaded),
}

impl Cache {
    /// Finds, reads and validates every content file under `root`, but the
    /// articles the cache holds for unchanged files.
    pub fn read_content(&mut self, root: &Path, config: &Config, progress: &dyn Progress) -> Read {
        let mut found = Collector::new();
        let files = self.listing(root).unwrap_or_else(|| Arc::new(content::discover(root, &mut found)));
        self.listing = found.is_empty().then(|| Arc::clone(&files));
        progress.stage("Reading", files.len());
        let known = Known { records: &self.records, changed: self.changed.as_deref() };
        let read: Vec<File> = files
            .par_iter()
            .map(|(rel, kind)| {
                progress.advance(1);
                known.read(root, rel, *kind, config)
            })
            .collect();
        let mut sources = Sources { listing: self.listing.clone(), ..Sources::default() };
        let mut inputs = Vec::new();
        for file in read {
            match file {
                File::Unchanged(path, stamp) => {
                    let mut record = self.records.remove(&path).expect("held: it was found unchanged");
                    record.built_from.stamp = stamp;
                    inputs.push(Input::Reused(record));
                }
                File::Article(Loaded { item: Item::Article(source), problems }, input, stamp) => {
                    let outline = Box::new(Outline::of(&source));
                    inputs.push(Input::Fresh { source, outline, input, stamp });
                    sources.add(Loaded::failed(problems));
                }
                File::Article(loaded, ..) | File::Other(loaded) => sources.add(loaded),
            }
        }
        Read { inputs, sources: sources.finish(found) }
    }
}

/// What the cache knows about article files while they are read.
struct Known<'a> {
    records: &'a HashMap<PathBuf, Box<Record>>,
    /// The files that may have changed, when the caller knows.
    changed: Option<&'a [PathBuf]>,
}

impl Known<'_> {
    fn read(&self, root: &Path, rel: &Path, kind: Kind, config: &Config) -> File {
        if kind != Kind::Article {
            return File::Other(content::load_file(root, rel, kind, config));
        }
        let Some(record) = self.records.get(rel) else {
            return read_article(root, rel, config, stamp(&root.join(rel)), None);
        };
        let held = &record.built_from;
        if self.changed.is_some_and(|changed| !changed.iter().any(|c| rel.starts_with(c))) {
            return File::Unchanged(rel.to_path_buf(), held.stamp);
        }
        let stamp = stamp(&root.join(rel));
        if stamp.is_some() && stamp == held.stamp {
            return File::Unchanged(rel.to_path_buf(), stamp);
        }
        read_article(root, rel, config, stamp, Some(held.input))
    }
}

/// Reads an article file and, unless it has the input key `held` (the cache
/// holds its article), parses it.
fn read_article(root: &Path, rel: &Path, config: &Config, stamp: Option<Key>, held: Option<Key>) -> File {
    let text = match content::read_text(root, rel) {
        Ok(text) => text,
        Err(problems) => return File::Other(content::unreadable_article(rel, problems)),
    };
    let input = input_key(config, rel, &text);
    if held == Some(input) {
        return File::Unchanged(rel.to_path_buf(), stamp);
    }
    File::Article(content::parse_article(rel, &text, config), input, stamp)
}
