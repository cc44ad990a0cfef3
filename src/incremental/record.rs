//! What the cache keeps of each article: the article as assembled, with its
//! outline and provenance, and what it was built from. The model's types
//! know nothing of this: the record wraps them.
//!
//! An article is built from its *input key* (its file's path and text, the
//! settings and the code) and from where the links it resolved lead. A
//! record is reused while its input key is the file's and each link it
//! asked about resolves as it did; otherwise the file is read and rendered
//! again. Per-article work a later stage wants to reuse is kept here too,
//! under the same conditions (the search index's record of an article, for
//! one, belongs beside the article it was made from).

use std::path::Path;
use std::sync::Mutex;

use crate::config::Config;
use crate::hash::{CODE_KEY, Key, KeyBuilder};
use crate::locks;
use crate::markdown::LinkResolver;
use crate::model::links::{Resolver, Targets};
use crate::model::{Article, Outline, Provenance};

/// What an article was built from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BuiltFrom {
    /// The input key of its file (see [`input_key`]).
    pub input: Key,
    /// The stamp of its file when read, if settled (see `crate::files::stamp`).
    pub stamp: Option<Key>,
    /// Every link destination asked about while it was rendered, and what
    /// it became: the article stays valid while these resolve the same way.
    pub resolved: Vec<(String, Option<String>)>,
    /// The key of the link table they were last checked against.
    pub resolved_under: Key,
    /// The key of what related lists read of it (see
    /// [`crate::model::related::own_key`]).
    pub related_key: Key,
}

impl BuiltFrom {
    /// Whether an article built from this, and placed at `path` in `week`,
    /// is what building it now, placed at `place`, gives: same page, same
    /// week, and every link resolved the same (checked against the table
    /// only when the table changed).
    pub fn still_valid(
        &mut self,
        article: &Article,
        place: &crate::model::Place,
        targets: &Targets,
        file: &Path,
    ) -> bool {
        if article.path != place.path || article.week != place.week {
            return false;
        }
        let table = targets.key();
        if self.resolved_under == table {
            return true;
        }
        let resolver = targets.resolver(file);
        let valid = self.resolved.iter().all(|(dest, was)| resolver.resolve(dest) == *was);
        if valid {
            self.resolved_under = table;
        }
        valid
    }
}

/// One article as the cache keeps it.
#[derive(Debug, serde::Deserialize)]
pub struct Record {
    /// What it was built from.
    pub built_from: BuiltFrom,
    /// What the site's structure reads from it.
    pub outline: Outline,
    /// What its pages show.
    pub article: Article,
    /// Its file, links, ids and warnings.
    pub provenance: Provenance,
}

/// A record being written, borrowing from the site (the same fields, in
/// the same order, as [`Record`]).
#[derive(serde::Serialize)]
pub struct RecordRef<'a> {
    /// What it was built from.
    pub built_from: &'a BuiltFrom,
    /// What the site's structure reads from it.
    pub outline: &'a Outline,
    /// What its pages show.
    pub article: &'a Article,
    /// Its file, links, ids and warnings.
    pub provenance: &'a Provenance,
}

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

/// The key of everything a record depends on besides its file: the
/// settings and the code.
pub fn env_key(config: &Config) -> Key {
    KeyBuilder::new().bytes(CODE_KEY.as_bytes()).key(config.key).finish()
}

/// A link resolver that remembers every destination it was asked about and
/// its answer, so that the cache can tell later whether they still hold.
pub struct Recording<'a> {
    inner: Resolver<'a>,
    asked: Mutex<Vec<(String, Option<String>)>>,
}

impl<'a> Recording<'a> {
    /// Records what `inner` answers.
    pub fn new(inner: Resolver<'a>) -> Self {
        Recording { inner, asked: Mutex::new(Vec::new()) }
    }

    /// Every destination asked about and its answer, without repeats.
    pub fn into_resolved(self) -> Vec<(String, Option<String>)> {
        let mut asked = locks::into_inner(self.asked);
        asked.sort();
        asked.dedup();
        asked
    }
}

impl LinkResolver for Recording<'_> {
    fn resolve(&self, dest: &str) -> Option<String> {
        let answer = self.inner.resolve(dest);
        locks::lock(&self.asked).push((dest.to_string(), answer.clone()));
        answer
    }
}
