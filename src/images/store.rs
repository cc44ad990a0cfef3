//! The cache of processed images, `.newsprint-cache/images/`: every file
//! made, under its content-hashed name, and an index (`index.bin`) of what
//! was made from which source bytes under which settings, with the size of
//! each source, and the key of each source file's bytes by its stamp (so an
//! unchanged file is not even read). An entry unused for
//! [`KEEP_GENERATIONS`] builds is forgotten and its files deleted.
//!
//! The index is written in one rename, and every file before it, so a
//! killed build leaves a cache that is still right (at worst with files no
//! entry names, deleted by the next build). A damaged or foreign index is
//! ignored: the images are made again.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bincode::Options;
use serde::{Deserialize, Serialize};

use super::picture::{Bytes, Encoding, OUTPUT_DIR, Variant};
use super::pixels::{Info, Pixels};
use crate::hash::Key;

/// Builds an unused entry survives (a draft's images stay while the dev
/// server and a build to publish take turns).
pub const KEEP_GENERATIONS: u64 = 8;

const INDEX: &str = "index.bin";

/// The cache's folder under the site root.
pub fn dir(root: &Path) -> PathBuf {
    root.join(crate::files::CACHE_DIR).join("images")
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    generation: u64,
    /// Source bytes' key by stamp.
    content: HashMap<Key, Key>,
    /// What a source is, by the key of its bytes.
    info: HashMap<Key, Info>,
    /// Files made, by the key of what they were made from, with the
    /// generation that last used them.
    outputs: HashMap<Key, (Vec<(Variant, Key)>, u64)>,
}

/// The files made from one source under one set of settings.
#[derive(Debug, Clone)]
pub struct Outputs(pub Vec<(Variant, Stored)>);

/// A made file's key and where its bytes are.
#[derive(Debug, Clone)]
pub struct Stored {
    /// The key of its bytes.
    pub key: Key,
    /// Its bytes.
    pub bytes: Bytes,
}

/// The cache, open for one build.
#[derive(Debug)]
pub struct Store {
    /// `None`: nothing is read or written, files stay in memory.
    dir: Option<PathBuf>,
    index: Mutex<Index>,
    /// Stamps and sources this build looked up, kept for the next.
    touched: Mutex<(HashSet<Key>, HashSet<Key>)>,
}

impl Store {
    /// A store that keeps nothing (`--fresh`, `check`).
    pub fn none() -> Store {
        Store { dir: None, index: Mutex::new(Index::default()), touched: Mutex::default() }
    }

    /// The cache of the site at `root` (empty when there is none, or it
    /// cannot be read).
    pub fn open(root: &Path) -> Store {
        let dir = dir(root);
        let index = std::fs::read(dir.join(INDEX))
            .ok()
            .and_then(|bytes| codec().with_limit(bytes.len() as u64 * 8 + 1024).deserialize::<Index>(&bytes).ok())
            .unwrap_or_default();
        let mut index = index;
        index.generation += 1;
        Store { dir: Some(dir), index: Mutex::new(index), touched: Mutex::default() }
    }

    fn index(&self) -> std::sync::MutexGuard<'_, Index> {
        crate::locks::lock(&self.index)
    }

    /// The stamps and source keys this build used (kept when the cache is saved).
    fn touched(&self) -> std::sync::MutexGuard<'_, (HashSet<Key>, HashSet<Key>)> {
        crate::locks::lock(&self.touched)
    }

    /// The key of the bytes of the file with this stamp, if known.
    pub fn content_key(&self, stamp: Key) -> Option<Key> {
        let key = self.index().content.get(&stamp).copied()?;
        self.touched().0.insert(stamp);
        Some(key)
    }

    /// Records the key of the bytes of the file with this stamp.
    pub fn set_content_key(&self, stamp: Key, key: Key) {
        self.index().content.insert(stamp, key);
        self.touched().0.insert(stamp);
    }

    /// What a source is, if known.
    pub fn info(&self, key: Key) -> Option<Info> {
        let info = self.index().info.get(&key).copied()?;
        self.touched().1.insert(key);
        Some(info)
    }

    /// Records what a source is.
    pub fn set_info(&self, key: Key, info: Info) {
        self.index().info.insert(key, info);
        self.touched().1.insert(key);
    }

    /// The files made from the inputs with this key, when every one of them
    /// is still in the cache.
    pub fn outputs(&self, key: Key) -> Option<Outputs> {
        let dir = self.dir.as_ref()?;
        let mut index = self.index();
        let generation = index.generation;
        let (made, used) = index.outputs.get_mut(&key)?;
        let outputs: Vec<(Variant, Stored)> = made
            .iter()
            .map(|(variant, key)| {
                let file = dir.join(file_name(&variant.path));
                file.is_file().then(|| (variant.clone(), Stored { key: *key, bytes: Bytes::Cached(file) }))
            })
            .collect::<Option<_>>()?;
        *used = generation;
        Some(Outputs(outputs))
    }

    /// Records the files made from the inputs with this key.
    pub fn set_outputs(&self, key: Key, outputs: &Outputs) {
        if self.dir.is_none() {
            return;
        }
        let mut index = self.index();
        let generation = index.generation;
        let made = outputs.0.iter().map(|(variant, stored)| (variant.clone(), stored.key)).collect();
        index.outputs.insert(key, (made, generation));
    }

    /// Keeps one made file (of `image`, encoded as `encoding`), named after
    /// the source's stem, a label (`960w`, `og-1200x630`) and its content.
    pub fn put(
        &self,
        stem: &str,
        label: &str,
        image: &Pixels,
        encoding: Encoding,
        bytes: Vec<u8>,
    ) -> (Variant, Stored) {
        let key = crate::hash::of_bytes(&bytes);
        let name = format!("{stem}-{label}.{:016x}.{}", (key >> 64) as u64, encoding.extension());
        let variant = Variant {
            path: format!("{OUTPUT_DIR}/{name}"),
            width: image.width,
            height: image.height,
            bytes: bytes.len() as u64,
            encoding,
        };
        let stored = match &self.dir {
            Some(dir) => match write(dir, &name, &bytes) {
                Ok(file) => Bytes::Cached(file),
                // A cache that cannot be written only makes the next build slower.
                Err(_) => Bytes::Memory(Arc::new(bytes)),
            },
            None => Bytes::Memory(Arc::new(bytes)),
        };
        (variant, Stored { key, bytes: stored })
    }

    /// Forgets what the last builds did not use, deletes its files, and
    /// writes the index. Errors only make the next build slower, so they are
    /// not reported.
    pub fn finish(&self) {
        let Some(dir) = &self.dir else { return };
        let mut index = self.index();
        let generation = index.generation;
        index.outputs.retain(|_, (_, used)| generation - (*used).min(generation) < KEEP_GENERATIONS);
        let (stamps, sources) = std::mem::take(&mut *self.touched());
        index.content.retain(|stamp, _| stamps.contains(stamp));
        index.info.retain(|key, _| sources.contains(key));
        let kept: HashSet<&str> =
            index.outputs.values().flat_map(|(made, _)| made.iter().map(|(v, _)| file_name(&v.path))).collect();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name != INDEX && !kept.contains(name.as_ref()) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        if let Ok(bytes) = codec().serialize(&*index) {
            let _ = write(dir, INDEX, &bytes);
        }
    }
}

fn codec() -> impl Options {
    bincode::DefaultOptions::new()
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Writes a file of the cache in one rename; a file already there under its
/// content-hashed name is left as it is.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let file = dir.join(name);
    if name != INDEX && file.is_file() {
        return Ok(file);
    }
    std::fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, &file)?;
    Ok(file)
}
