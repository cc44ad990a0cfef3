//! The cache on disk: `.newsprint-cache/` at the site root. Article records
//! are kept in shards (by path), each written only when its articles
//! changed and replaced in one rename; the memo of keys and the related
//! lists have a file each. Every file carries the key of the settings and
//! code it was written under: a file that is unreadable, damaged or from
//! other settings or code is ignored, so the cache can make a build faster,
//! never different.

use std::fs;
use std::path::{Path, PathBuf};

use bincode::Options;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::record::{BuiltFrom, Record, RecordRef};
use crate::hash::Key;
use crate::model::Site;

/// The cache folder, under the site root.
pub const CACHE_DIR: &str = crate::files::CACHE_DIR;

/// Shards of the article cache: an edit rewrites one.
pub const SHARDS: usize = 16;

/// What a shard holds: each article's path, input key and stamp, sorted.
pub type ShardContents = Vec<(PathBuf, Key, Option<Key>)>;

/// What was read from the cache folder.
#[derive(Default)]
pub struct Stored {
    /// Every article record, each in a box of its own: a record is large,
    /// and a box moves from the shard to the build without being copied.
    pub records: Vec<Box<Record>>,
    /// What each shard holds.
    pub shards: Vec<ShardContents>,
    /// The memo's entries.
    pub memo: Option<Vec<(Key, Key)>>,
    /// The related lists and the key of their inputs.
    pub related: Option<(Key, Vec<Vec<usize>>)>,
}

/// One shard file: the settings it was written under and its articles.
#[derive(Deserialize)]
// Boxed on purpose: a record is large, and its box moves from the shard to
// the build (and into the map of held records) without being copied.
#[allow(clippy::vec_box)]
struct Shard {
    env: Key,
    records: Vec<Box<Record>>,
}

/// A shard being written, borrowing the site's articles.
#[derive(Serialize)]
struct ShardRef<'a> {
    env: Key,
    records: Vec<RecordRef<'a>>,
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

/// Reads the cache of the site at `root`, keeping only what was written
/// under the settings and code of `env`.
pub fn read(root: &Path, env: Key) -> Stored {
    let dir = root.join(CACHE_DIR);
    let shards: Vec<Vec<Box<Record>>> = (0..SHARDS)
        .into_par_iter()
        .map(|n| read_file::<Shard>(&shard_file(&dir, n)).filter(|s| s.env == env).map_or(Vec::new(), |s| s.records))
        .collect();
    let mut stored = Stored { records: Vec::with_capacity(shards.iter().map(Vec::len).sum()), ..Stored::default() };
    for records in shards {
        stored.shards.push(contents(records.iter().map(|r| (&r.provenance.file, &r.built_from))));
        stored.records.extend(records);
    }
    stored.memo = read_file::<MemoFile>(&dir.join("memo.bin")).filter(|f| f.env == env).map(|f| f.entries);
    stored.related =
        read_file::<RelatedFile>(&dir.join("related.bin")).filter(|f| f.env == env).map(|f| (f.key, f.related));
    stored
}

/// Writes the article records of a finished build (`built` parallel to its
/// articles) in the shards whose contents changed from `on_disk`, which it
/// brings up to date.
pub fn write_records(
    root: &Path,
    env: Key,
    site: &Site,
    built: &[BuiltFrom],
    on_disk: &mut [ShardContents],
) -> std::io::Result<()> {
    let dir = root.join(CACHE_DIR);
    fs::create_dir_all(&dir)?;
    let mut shards: Vec<Vec<RecordRef<'_>>> = (0..SHARDS).map(|_| Vec::new()).collect();
    let records = site.articles.iter().zip(&site.outlines).zip(&site.provenance).zip(built);
    for (((article, outline), provenance), built_from) in records {
        shards[shard_of(&provenance.file)].push(RecordRef { built_from, outline, article, provenance });
    }
    let results: Vec<std::io::Result<Option<(usize, ShardContents)>>> = shards
        .into_par_iter()
        .enumerate()
        .map(|(n, records)| {
            let listed = contents(records.iter().map(|r| (&r.provenance.file, r.built_from)));
            if listed == on_disk[n] {
                return Ok(None);
            }
            write_file(&shard_file(&dir, n), &ShardRef { env, records })?;
            Ok(Some((n, listed)))
        })
        .collect();
    for result in results {
        if let Some((n, listed)) = result? {
            on_disk[n] = listed;
        }
    }
    Ok(())
}

/// Writes the memo's entries.
pub fn write_memo(root: &Path, env: Key, entries: Vec<(Key, Key)>) -> std::io::Result<()> {
    write_file(&root.join(CACHE_DIR).join("memo.bin"), &MemoFile { env, entries })
}

/// Writes the related lists and the key of their inputs.
pub fn write_related(root: &Path, env: Key, key: Key, related: &[Vec<usize>]) -> std::io::Result<()> {
    write_file(&root.join(CACHE_DIR).join("related.bin"), &RelatedFile { env, key, related: related.to_vec() })
}

/// What a shard holds, sorted.
fn contents<'a>(records: impl Iterator<Item = (&'a PathBuf, &'a BuiltFrom)>) -> ShardContents {
    let mut listed: ShardContents = records.map(|(path, b)| (path.clone(), b.input, b.stamp)).collect();
    listed.sort();
    listed
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
