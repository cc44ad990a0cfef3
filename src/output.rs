//! The only code that writes the built site.
//!
//! The output folder has a twin, `.<name>.newsprint-spare`, holding the build
//! before it. A build brings the twin up to date (writing only the files whose
//! key changed, linking files unchanged since the live build from it) and
//! then swaps the two folders in one atomic step (`renameat2` with
//! `RENAME_EXCHANGE` on Linux). So a failed or killed build never touches
//! the published folder, nothing is ever deleted wholesale, and an
//! incremental build writes only what changed.
//!
//! Each folder carries a manifest, `.newsprint-output`: every file it holds
//! and the key of its content. A twin whose manifest is missing (a build was
//! interrupted while updating it) is emptied and rebuilt. Before the swap,
//! what the build wrote is flushed to disk, so a power cut cannot publish a
//! half-written file. The output folder is refused when it would overwrite
//! the site itself or fall inside its sources, or is a folder newsprint did
//! not create (unless forced: the files it held then wait in the twin until
//! the next build deletes them, and both builds say so).

use std::collections::BTreeMap;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::error::{Diagnostic, Error, Result};
use crate::hash::{self, Key};

/// The manifest newsprint leaves in every output folder it writes, so it
/// knows the folder is its own and what is in it.
pub const MARKER: &str = ".newsprint-output";

/// Next to the output folder, `.<name>.newsprint-displaced` says that its
/// twin holds the files a forced build replaced, not a build of newsprint's.
const DISPLACED: &str = "newsprint-displaced";

/// The site's folders the build reads: the output may not be inside one.
const SOURCE_DIRS: [&str; 6] = [CONTENT_DIR, "static", "templates", "themes", "i18n", crate::cache::CACHE_DIR];

const MANIFEST_HEADER: &str = "newsprint output 1: this folder is written by newsprint and replaced on every build";

/// What an output folder holds: every file and the key of its content, and
/// the key of the search documents each bundle of its index was built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Output path → content key.
    pub files: BTreeMap<String, Key>,
    /// Search bundle (its folder under `pagefind/`, or the shared scripts)
    /// → the key of what it was built from.
    pub search: BTreeMap<String, Key>,
}

impl Manifest {
    fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut text = String::with_capacity(MANIFEST_HEADER.len() + self.files.len() * 80);
        text.push_str(MANIFEST_HEADER);
        text.push('\n');
        for (bundle, key) in &self.search {
            let _ = writeln!(text, "search {key:032x} {bundle}");
        }
        for (path, key) in &self.files {
            let _ = writeln!(text, "{key:032x} {path}");
        }
        text
    }

    fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != MANIFEST_HEADER {
            return None;
        }
        let mut manifest = Manifest::default();
        for line in lines {
            let (first, rest) = line.split_once(' ')?;
            if first == "search" {
                // (A line of an older newsprint, without a bundle, is left out.)
                if let Some((key, bundle)) = rest.split_once(' ') {
                    manifest.search.insert(bundle.to_string(), Key::from_str_radix(key, 16).ok()?);
                }
            } else {
                manifest.files.insert(rest.to_string(), Key::from_str_radix(first, 16).ok()?);
            }
        }
        Some(manifest)
    }

    fn read(dir: &Path) -> Option<Manifest> {
        if let Some(manifest) = Remembered::take(dir) {
            return Some(manifest);
        }
        Manifest::parse(&fs::read_to_string(dir.join(MARKER)).ok()?)
    }
}

/// The manifests this process wrote last, by folder, with the stamp their
/// file had then: the next build in the process (`serve`) takes them back
/// instead of reading and parsing them again, as long as the file is the
/// same (an edit or replacement of it changes the stamp).
struct Remembered;

static REMEMBERED: Mutex<Vec<(PathBuf, crate::hash::Key, Manifest)>> = Mutex::new(Vec::new());

impl Remembered {
    fn take(dir: &Path) -> Option<Manifest> {
        let mut remembered = REMEMBERED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let at = remembered.iter().position(|(d, ..)| d == dir)?;
        let (_, stamp, manifest) = remembered.swap_remove(at);
        (marker_stamp(dir) == Some(stamp)).then_some(manifest)
    }

    fn keep(dir: &Path, manifest: Manifest) {
        let Some(stamp) = marker_stamp(dir) else { return };
        let mut remembered = REMEMBERED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        remembered.retain(|(d, ..)| d != dir);
        remembered.push((dir.to_path_buf(), stamp, manifest));
    }
}

/// Removes a file; one already gone is fine.
fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// The identity of a folder's manifest file: inode, size and change time.
fn marker_stamp(dir: &Path) -> Option<crate::hash::Key> {
    Some(hash::file_stamp(&fs::metadata(dir.join(MARKER)).ok()?).finish())
}

/// Where rendered files go.
pub trait Sink: Sync {
    /// True when `path` already holds the content `key` stands for (or was
    /// linked from the live build), so it need not be rendered; records it.
    fn keep(&self, path: &str, key: Key) -> bool;
    /// Writes one output file; `path` is relative (`articles/x/index.html`).
    fn put(&self, path: &str, key: Key, bytes: &[u8]) -> Result<()>;
}

/// Throws rendered files away: `newsprint check` renders every page to
/// prove the templates work, and writes nothing.
pub struct Discard;

impl Sink for Discard {
    fn keep(&self, _: &str, _: Key) -> bool {
        false
    }

    fn put(&self, _: &str, _: Key, _: &[u8]) -> Result<()> {
        Ok(())
    }
}

/// A build being written: the twin folder brought up to date, then swapped in.
#[derive(Debug)]
pub struct Output {
    live: PathBuf,
    work: PathBuf,
    /// What `work` held when the build began.
    before: Manifest,
    /// What the live folder holds.
    published: Manifest,
    /// What `work` will hold.
    after: Mutex<Manifest>,
    /// Files written or linked.
    written: std::sync::atomic::AtomicUsize,
    /// The live folder holds files newsprint did not create (`--force`).
    displacing: bool,
    /// Whether to flush the new files to disk before the swap.
    durable: bool,
    /// What the user should hear about the output folder.
    notices: Vec<Diagnostic>,
}

impl Output {
    /// Checks that `output` may be replaced, cleans what an interrupted build
    /// left, and readies its twin folder for the new build.
    pub fn open(root: &Path, output: &Path, force: bool) -> Result<Output> {
        let live = absolute(output)?;
        check_output(&absolute(root)?, &live, force)?;
        let parent =
            live.parent().ok_or_else(|| Error::Refused(format!("cannot write the site to {}", live.display())))?;
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        remove_leftovers(&live)?;
        let work = sibling(&live, "newsprint-spare");
        let mut notices = Vec::new();
        let before = match Manifest::read(&work) {
            Some(manifest) => manifest,
            None => {
                // No twin, or one a killed build left half-written, or the
                // files a forced build replaced: start it afresh.
                if work.exists() {
                    notices.extend(displaced_notice(&live, &work));
                    fs::remove_dir_all(&work).map_err(|e| Error::io(&work, e))?;
                }
                remove_if_present(&sibling(&live, DISPLACED))?;
                fs::create_dir(&work).map_err(|e| Error::io(&work, e))?;
                Manifest::default()
            }
        };
        // From here until it is finished, the twin's contents and manifest disagree.
        remove_if_present(&work.join(MARKER))?;
        let published = Manifest::read(&live).unwrap_or_default();
        let displacing = !live.join(MARKER).exists() && !is_empty(&live);
        Ok(Output {
            live,
            work,
            before,
            published,
            after: Mutex::new(Manifest::default()),
            written: Default::default(),
            displacing,
            durable: true,
            notices,
        })
    }

    /// Leaves the new files to the system to write out when it likes: for
    /// scratch builds (the dev server's), where a power cut loses nothing.
    pub fn without_sync(mut self) -> Output {
        self.durable = false;
        self
    }

    /// The key of what a search bundle of the live folder was built from.
    pub fn published_search(&self, bundle: &str) -> Option<Key> {
        self.published.search.get(bundle).copied()
    }

    /// The files of a search bundle in the live folder (path → key): those
    /// in its folder under `pagefind/`, or for `scripts` the files at the
    /// top of `pagefind/` (the bundle list aside).
    pub fn published_search_files(&self, bundle: &str, scripts: &str, list: &str) -> Vec<(String, Key)> {
        let top = format!("{}/", crate::SEARCH_DIR);
        let folder = format!("{top}{bundle}/");
        let belongs = |path: &str| match path.strip_prefix(&top) {
            Some(name) if bundle == scripts => !name.contains('/') && name != list,
            Some(_) => path.starts_with(&folder),
            None => false,
        };
        self.published.files.iter().filter(|(p, _)| belongs(p)).map(|(p, k)| (p.clone(), *k)).collect()
    }

    /// Records the key of what a search bundle of this build was built from.
    pub fn set_search(&self, bundle: &str, key: Key) {
        self.after.lock().expect("not poisoned").search.insert(bundle.to_string(), key);
    }

    /// Files written or linked by this build.
    pub fn written(&self) -> usize {
        self.written.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Copies static files (output path → source) that changed.
    pub fn copy_static(&self, files: &BTreeMap<String, FileSource>) -> Result<()> {
        files.par_iter().try_for_each(|(rel, source)| {
            let key = source.key()?;
            if self.keep(rel, key) {
                return Ok(());
            }
            let target = self.prepare(rel)?;
            match source {
                FileSource::Disk { path, .. } => fs::copy(path, &target).map(drop).map_err(|e| Error::io(path, e))?,
                FileSource::BuiltIn { bytes, .. } => fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?,
            }
            self.record(rel, key);
            Ok(())
        })
    }

    /// Makes room for a new file at `rel`: creates its folder and removes what
    /// is there (never writes through an old file: it may be linked from the
    /// live folder).
    fn prepare(&self, rel: &str) -> Result<PathBuf> {
        let target = self.work.join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        // The twin holds exactly what its manifest lists.
        if self.before.files.contains_key(rel) {
            remove_if_present(&target)?;
        }
        Ok(target)
    }

    fn record(&self, rel: &str, key: Key) {
        self.after.lock().expect("not poisoned").files.insert(rel.to_string(), key);
        self.written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Finishes the twin: removes the files this build did not produce,
    /// writes its manifest, and flushes what changed to disk.
    pub fn finish(self) -> Result<Finished> {
        let after = self.after.into_inner().expect("not poisoned");
        let stale: Vec<&String> = self.before.files.keys().filter(|p| !after.files.contains_key(*p)).collect();
        for rel in &stale {
            remove_if_present(&self.work.join(rel))?;
        }
        remove_empty_dirs(&self.work, stale.iter().map(|s| s.as_str()))?;
        let marker = self.work.join(MARKER);
        fs::write(&marker, after.to_text()).map_err(|e| Error::io(&marker, e))?;
        if self.durable {
            let changed = after.files.iter().filter(|(p, k)| self.before.files.get(*p) != Some(k));
            let changed: Vec<&str> = changed.map(|(p, _)| p.as_str()).collect();
            let removed: Vec<&str> = stale.iter().map(|p| p.as_str()).collect();
            sync::files_and_folders(&self.work, &changed, &removed)?;
        }
        Ok(Finished {
            live: self.live,
            work: self.work,
            published: self.published,
            after,
            displacing: self.displacing,
            durable: self.durable,
            notices: self.notices,
        })
    }
}

/// A build written whole and flushed to disk, ready to replace the
/// published one.
#[derive(Debug)]
pub struct Finished {
    live: PathBuf,
    work: PathBuf,
    published: Manifest,
    after: Manifest,
    displacing: bool,
    durable: bool,
    notices: Vec<Diagnostic>,
}

impl Finished {
    /// Swaps the finished twin with the live folder, in one step. Returns
    /// what the user should hear about the output folder.
    pub fn publish(self) -> Result<Vec<Diagnostic>> {
        swap(&self.work, &self.live)?;
        let mut notices = self.notices;
        if self.displacing {
            notices.push(displacing_notice(&self.live, &self.work));
            // Without this note, the next build would delete them without a word.
            let note = sibling(&self.live, DISPLACED);
            fs::write(&note, "the twin folder holds the files a forced build replaced\n")
                .map_err(|e| Error::io(&note, e))?;
        }
        if self.durable {
            sync::folder_of(&self.live)?;
        }
        // The folders traded places, each with its manifest file.
        Remembered::keep(&self.live, self.after);
        Remembered::keep(&self.work, self.published);
        Ok(notices)
    }
}

/// What a forced build says after putting its output in place of a folder
/// of someone else's files.
fn displacing_notice(live: &Path, work: &Path) -> Diagnostic {
    let count = count_files(work);
    let (they, them) = if count == 1 { ("it waits", "it") } else { ("they wait", "them") };
    Diagnostic::new(
        live,
        format!(
            "--force replaced {} that newsprint did not create; {they} in {} until the next build deletes {them}",
            files_phrase(count),
            work.display()
        ),
    )
    .hint(format!("move what you want to keep out of {} before you build again", work.display()))
}

/// What a build says when it deletes the files a forced build replaced;
/// `None` for a twin of newsprint's own.
fn displaced_notice(live: &Path, work: &Path) -> Option<Diagnostic> {
    if !sibling(live, DISPLACED).exists() {
        return None;
    }
    let count = count_files(work);
    let them = if count == 1 { "it" } else { "them" };
    Some(Diagnostic::new(
        live,
        format!(
            "deleted {}: the {} this folder held before --force replaced {them}",
            work.display(),
            files_phrase(count)
        ),
    ))
}

fn files_phrase(count: usize) -> String {
    if count == 1 { "1 file".to_string() } else { format!("{count} files") }
}

fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| !e.file_type().is_dir()).count()
}

fn is_empty(dir: &Path) -> bool {
    fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(true)
}

impl Sink for Output {
    fn keep(&self, path: &str, key: Key) -> bool {
        // The twin is newsprint's own: its manifest is trusted to say what
        // it holds (it is removed while the twin is being changed).
        if self.before.files.get(path) == Some(&key) {
            self.after.lock().expect("not poisoned").files.insert(path.to_string(), key);
            return true;
        }
        // Unchanged since the live build: link the live file instead of rendering.
        if self.published.files.get(path) == Some(&key) {
            let Ok(target) = self.prepare(path) else { return false };
            if fs::hard_link(self.live.join(path), &target).is_ok() {
                self.record(path, key);
                return true;
            }
        }
        false
    }

    fn put(&self, path: &str, key: Key, bytes: &[u8]) -> Result<()> {
        let target = self.prepare(path)?;
        fs::write(&target, bytes).map_err(|e| Error::io(self.live.join(path), e))?;
        self.record(path, key);
        Ok(())
    }
}

/// Removes the folders (up from each removed file) that are now empty, so the
/// twin holds exactly what a clean build would.
fn remove_empty_dirs<'a>(root: &Path, removed: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut dirs: Vec<PathBuf> = removed.filter_map(|rel| Path::new(rel).parent().map(Path::to_path_buf)).collect();
    dirs.sort();
    dirs.dedup();
    // Deepest first, so a parent is tried after its children.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        let mut current = Some(dir.as_path());
        while let Some(rel) = current.filter(|d| !d.as_os_str().is_empty()) {
            let path = root.join(rel);
            if fs::read_dir(&path).map(|mut d| d.next().is_none()).unwrap_or(false) {
                fs::remove_dir(&path).map_err(|e| Error::io(&path, e))?;
                current = rel.parent();
            } else {
                break;
            }
        }
    }
    Ok(())
}

/// Puts the finished twin `work` in place of `live`, atomically where the
/// system can exchange two folders; `live` becomes the new twin.
fn swap(work: &Path, live: &Path) -> Result<()> {
    if !live.exists() {
        return fs::rename(work, live).map_err(|e| Error::io(live, e));
    }
    if exchange(work, live).is_ok() {
        return Ok(());
    }
    // No atomic exchange here: move the live folder aside for a moment.
    let aside = sibling(live, "newsprint-aside");
    fs::rename(live, &aside).map_err(|e| Error::io(live, e))?;
    if let Err(e) = fs::rename(work, live) {
        let _ = fs::rename(&aside, live);
        return Err(Error::io(live, e));
    }
    fs::rename(&aside, work).map_err(|e| Error::io(work, e))
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos", target_os = "ios"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos", target_os = "ios")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(ErrorKind::Unsupported))
}

/// Flushing a build to disk before it is published, so that after a power
/// cut the published folder is either the build before or this one, whole.
mod sync {
    use std::fs::File;
    use std::path::{Path, PathBuf};

    use rayon::prelude::*;

    use crate::error::{Error, Result};

    /// Makes the files `changed` (relative to `dir`) durable, with the
    /// folders that gained or lost (`removed`) an entry. On Linux one
    /// `syncfs(2)` of the file system `dir` is on does it all: a single
    /// request that writes out every changed page and commits the journal
    /// once, where an `fsync` per file commits it per file (for a cold build
    /// of 10,000 articles, 0.8 s against 18 s). It also writes out what
    /// other programs left unwritten on that file system, a cost a build
    /// machine rarely notices.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub fn files_and_folders(dir: &Path, _changed: &[&str], _removed: &[&str]) -> Result<()> {
        let folder = File::open(dir).map_err(|e| Error::io(dir, e))?;
        rustix::fs::syncfs(&folder).map_err(|e| Error::io(dir, e.into()))
    }

    /// Makes the files `changed` (relative to `dir`) durable, with the
    /// folders that gained or lost (`removed`) an entry: an fsync of each,
    /// in parallel.
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    pub fn files_and_folders(dir: &Path, changed: &[&str], removed: &[&str]) -> Result<()> {
        each(dir, changed, removed)
    }

    /// Makes the entry of `path` in its folder durable (after a rename).
    pub fn folder_of(path: &Path) -> Result<()> {
        let Some(parent) = path.parent() else { return Ok(()) };
        File::open(parent).and_then(|f| f.sync_all()).map_err(|e| Error::io(parent, e))
    }

    /// An fsync of each changed file and of each folder above a changed or
    /// removed one, in parallel.
    #[cfg_attr(any(target_os = "linux", target_os = "android"), allow(dead_code))]
    fn each(dir: &Path, changed: &[&str], removed: &[&str]) -> Result<()> {
        let mut folders: Vec<&Path> =
            changed.iter().chain(removed).flat_map(|f| Path::new(f).ancestors().skip(1)).collect();
        folders.sort_unstable();
        folders.dedup();
        let sync = |path: PathBuf| File::open(&path).and_then(|f| f.sync_all()).map_err(|e| Error::io(path, e));
        changed.par_iter().try_for_each(|f| sync(dir.join(f)))?;
        // A folder emptied of its last file is gone, and its parent listed.
        folders.par_iter().filter(|f| dir.join(f).is_dir()).try_for_each(|f| sync(dir.join(f)))
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn both_ways_of_flushing_accept_a_written_folder() {
            let tmp = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(tmp.path().join("a/b")).unwrap();
            std::fs::write(tmp.path().join("a/b/index.html"), "x").unwrap();
            super::files_and_folders(tmp.path(), &["a/b/index.html"], &["gone/index.html"]).unwrap();
            super::each(tmp.path(), &["a/b/index.html"], &["gone/index.html"]).unwrap();
            assert!(super::each(tmp.path(), &["missing.html"], &[]).is_err(), "a file that cannot be flushed fails");
        }
    }
}

/// Where a theme or static file comes from.
#[derive(Debug, Clone)]
pub enum FileSource {
    /// A file on disk.
    Disk {
        /// Where to read it.
        path: PathBuf,
        /// How to name it to the user (relative to the site root).
        shown: PathBuf,
    },
    /// A file of the theme compiled into newsprint.
    BuiltIn {
        /// How to name it to the user.
        shown: PathBuf,
        /// Its contents.
        bytes: &'static [u8],
    },
}

impl FileSource {
    /// The name to show the user.
    pub fn shown(&self) -> &Path {
        match self {
            FileSource::Disk { shown, .. } | FileSource::BuiltIn { shown, .. } => shown,
        }
    }

    /// The file as UTF-8 text.
    pub fn read_text(&self, root: &Path) -> Result<String> {
        match self {
            FileSource::Disk { path, .. } => {
                fs::read_to_string(path).map_err(|e| Error::io(root.join(self.shown()), e))
            }
            FileSource::BuiltIn { bytes, .. } => Ok(String::from_utf8_lossy(bytes).into_owned()),
        }
    }

    /// The key of the file's content: its bytes for a built-in file, its
    /// size and modification time for a file on disk (reading every image
    /// of a site on every build would cost more than copying it).
    pub fn key(&self) -> Result<Key> {
        match self {
            FileSource::BuiltIn { bytes, .. } => Ok(hash::of_bytes(bytes)),
            FileSource::Disk { path, .. } => {
                let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
                Ok(hash::file_stamp(&meta).bytes(path.to_string_lossy().as_bytes()).finish())
            }
        }
    }
}

/// The file a page's output path is written to: folders get `index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let path = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    // Resolve symlinks of the part that exists, so comparisons see real folders.
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut real = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    real.extend(rest.iter().rev());
    Ok(real)
}

fn check_output(root: &Path, output: &Path, force: bool) -> Result<()> {
    let refuse =
        |why: String| Err(Error::Refused(format!("refusing to write the site to {}: {why}", output.display())));
    if root.starts_with(output) {
        return refuse("it holds the site's own files; choose a folder such as public/".into());
    }
    for source in SOURCE_DIRS {
        if output.starts_with(absolute(&root.join(source))?) {
            return refuse(format!(
                "it is inside the site's {source}/ folder, which the build reads; choose a folder such as public/"
            ));
        }
    }
    if output.join(CONFIG_FILE).exists() || output.join(CONTENT_DIR).is_dir() {
        return refuse(format!(
            "it holds a {CONFIG_FILE} or {CONTENT_DIR}/ folder, so it looks like a site, not build output"
        ));
    }
    if output.is_dir() && !force && !output.join(MARKER).exists() && !is_empty(output) {
        return refuse(format!(
            "it is not empty and newsprint did not create it (there is no {MARKER} in it); \
             pass --force to replace it anyway"
        ));
    }
    if output.exists() && !output.is_dir() {
        return refuse("it is a file".into());
    }
    Ok(())
}

/// `.<name>.<suffix>` next to the output folder.
fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// Cleans up after a build interrupted while swapping without an atomic
/// exchange: puts back a live folder that was moved aside.
fn remove_leftovers(live: &Path) -> Result<()> {
    let aside = sibling(live, "newsprint-aside");
    if aside.exists() {
        if live.exists() {
            fs::remove_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
        } else {
            fs::rename(&aside, live).map_err(|e| Error::io(&aside, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_manifest_is_used_only_while_its_file_is_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut manifest = Manifest::default();
        manifest.files.insert("index.html".into(), 7);
        fs::write(dir.join(MARKER), manifest.to_text()).unwrap();
        Remembered::keep(dir, manifest.clone());
        assert_eq!(Manifest::read(dir), Some(manifest.clone()), "taken back");
        assert_eq!(Manifest::read(dir), Some(manifest.clone()), "then read from the file");
        Remembered::keep(dir, manifest.clone());
        std::thread::sleep(std::time::Duration::from_millis(10));
        fs::write(dir.join(MARKER), format!("{MANIFEST_HEADER}\n{:032x} other.html\n", 9u128)).unwrap();
        let read = Manifest::read(dir).unwrap();
        assert_eq!(read.files.keys().collect::<Vec<_>>(), ["other.html"], "a changed file wins");
    }

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir(tmp.path().join("site")).unwrap();
        tmp
    }

    #[test]
    fn folders_get_index_html() {
        assert_eq!(file_for(""), "index.html");
        assert_eq!(file_for("articles/x/"), "articles/x/index.html");
        assert_eq!(file_for("404.html"), "404.html");
    }

    #[test]
    fn manifests_round_trip() {
        let search = BTreeMap::from([("en-0".to_string(), 9), ("scripts".to_string(), 7)]);
        let mut m = Manifest { search, ..Default::default() };
        m.files.insert("a b/index.html".into(), 0xabc);
        assert_eq!(Manifest::parse(&m.to_text()), Some(m));
        assert_eq!(Manifest::parse("something else\n"), None);
    }

    #[test]
    fn builds_swap_in_and_only_changed_files_are_written() {
        let tmp = site();
        let root = tmp.path().join("site");
        let out = root.join("public");

        let first = Output::open(&root, &out, false).unwrap();
        first.put("a/index.html", 1, b"one").unwrap();
        first.put("b/index.html", 2, b"two").unwrap();
        first.finish().unwrap().publish().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");

        // Second build: a unchanged (linked from live), b changed, c new.
        let second = Output::open(&root, &out, false).unwrap();
        assert!(second.keep("a/index.html", 1));
        assert!(!second.keep("b/index.html", 3));
        second.put("b/index.html", 3, b"TWO").unwrap();
        second.put("c/index.html", 4, b"three").unwrap();
        second.finish().unwrap().publish().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert_eq!(fs::read(out.join("b/index.html")).unwrap(), b"TWO");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let inode = |dir: &Path| fs::metadata(dir.join("a/index.html")).unwrap().ino();
            assert_eq!(inode(&out), inode(&root.join(".public.newsprint-spare")), "a was linked, not written again");
        }

        // Third build drops c: its file and folder disappear.
        let third = Output::open(&root, &out, false).unwrap();
        assert!(third.keep("a/index.html", 1));
        assert!(third.keep("b/index.html", 3));
        third.finish().unwrap().publish().unwrap();
        assert!(!out.join("c").exists());
        let spare = root.join(".public.newsprint-spare");
        assert_eq!(fs::read(spare.join("b/index.html")).unwrap(), b"TWO", "the twin holds the build before");
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one", "writing the twin never changed the live file");
    }

    #[test]
    fn an_unfinished_build_leaves_the_live_folder_as_it_was() {
        let tmp = site();
        let root = tmp.path().join("site");
        let out = root.join("public");
        let first = Output::open(&root, &out, false).unwrap();
        first.put("a/index.html", 1, b"one").unwrap();
        first.finish().unwrap().publish().unwrap();
        let second = Output::open(&root, &out, false).unwrap();
        second.put("a/index.html", 2, b"broken").unwrap();
        drop(second); // never finished
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        // The next build starts the twin afresh and still works.
        let third = Output::open(&root, &out, false).unwrap();
        assert!(third.keep("a/index.html", 1));
        third.finish().unwrap().publish().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        let mut left: Vec<String> =
            fs::read_dir(&root).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, [".public.newsprint-spare", "public"], "no staging leftovers");
    }

    #[test]
    fn refuses_the_site_itself_and_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::write(root.join(CONFIG_FILE), "").unwrap();
        let err = Output::open(root, root, false).unwrap_err().to_string();
        assert!(err.contains("it holds the site's own files"), "{err}");
        let foreign = root.join("docs");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "mine").unwrap();
        let err = Output::open(root, &foreign, false).unwrap_err().to_string();
        assert!(err.contains("pass --force"), "{err}");
        assert!(Output::open(root, &foreign, true).is_ok());
    }

    #[test]
    fn a_live_folder_moved_aside_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let aside = tmp.path().join(".public.newsprint-aside");
        fs::create_dir(&aside).unwrap();
        fs::write(aside.join("index.html"), "kept").unwrap();
        remove_leftovers(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "kept");
    }
}
