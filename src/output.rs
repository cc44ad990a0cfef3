//! The only code that writes the built site.
//!
//! A build writes into a staging folder next to the output folder and swaps
//! it in only when every page was written, so a failed build leaves the
//! previous output as it was. The output folder is refused when it would
//! overwrite the site itself, or a folder newsprint did not create.

use std::collections::BTreeMap;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::error::{Error, Result};

/// The file newsprint leaves in every output folder it writes, so it knows
/// the folder is its own to replace.
pub const MARKER: &str = ".newsprint-output";

const MARKER_TEXT: &str = "This folder is written by newsprint and replaced on every build.\n";

/// A folder being filled with a new build.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks that `output` may be replaced, cleans what an interrupted
    /// earlier build left, and creates an empty staging folder beside it.
    pub fn create(root: &Path, output: &Path, force: bool) -> Result<Staging> {
        let output = absolute(output)?;
        check_output(&absolute(root)?, &output, force)?;
        let parent =
            output.parent().ok_or_else(|| Error::Refused(format!("cannot write the site to {}", output.display())))?;
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        recover(&output)?;
        let dir = sibling(&output, &format!("staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| Error::io(dir.join(MARKER), e))?;
        Ok(Staging { output, dir, committed: false })
    }

    /// Writes one output file; `path` is relative (`articles/x/index.html`).
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&target, bytes).map_err(|e| Error::io(self.output.join(path), e))?;
        Ok(())
    }

    /// Copies static files (relative output path → source) in parallel.
    pub fn copy_static(&self, files: &BTreeMap<String, FileSource>) -> Result<()> {
        files.par_iter().try_for_each(|(rel, source)| {
            let target = self.dir.join(rel);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            match source {
                FileSource::Disk { path, .. } => fs::copy(path, &target).map(drop).map_err(|e| Error::io(path, e)),
                FileSource::BuiltIn { bytes, .. } => fs::write(&target, bytes).map_err(|e| Error::io(&target, e)),
            }
        })
    }

    /// The folder the site will be published in.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Swaps the staged build in place of the output folder.
    pub fn commit(mut self) -> Result<()> {
        let old = sibling(&self.output, &format!("old-{}", std::process::id()));
        let had_output = self.output.exists();
        if had_output {
            fs::rename(&self.output, &old).map_err(|e| Error::io(&self.output, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            if had_output {
                let _ = fs::rename(&old, &self.output);
            }
            return Err(Error::io(&self.output, e));
        }
        self.committed = true;
        if had_output {
            // Best effort: a leftover is removed by the next build.
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes one output file; `path` is relative (`articles/x/index.html`).
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()>;
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        Staging::write(self, path, bytes)
    }
}

/// Throws rendered files away: `newsprint check` renders every page to
/// prove the templates work, and writes nothing.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> Result<()> {
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
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
    if output.join(CONFIG_FILE).exists() || output.join(CONTENT_DIR).is_dir() {
        return refuse(format!(
            "it holds a {CONFIG_FILE} or {CONTENT_DIR}/ folder, so it looks like a site, not build output"
        ));
    }
    let is_empty = |dir: &Path| fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(true);
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

/// Cleans up after an interrupted build: puts back an output folder that was
/// moved aside but not replaced, and removes stale staging folders.
fn recover(output: &Path) -> Result<()> {
    let Some(parent) = output.parent() else { return Ok(()) };
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let entries = match fs::read_dir(parent) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(parent, e)),
    };
    let mut leftovers: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix)))
        .collect();
    leftovers.sort();
    for path in leftovers {
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let suffix = &file[prefix.len()..];
        if suffix.starts_with("old-") && !output.exists() {
            fs::rename(&path, output).map_err(|e| Error::io(&path, e))?;
        } else if suffix.starts_with("old-") || suffix.starts_with("staging-") {
            fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_get_index_html() {
        assert_eq!(file_for(""), "index.html");
        assert_eq!(file_for("articles/x/"), "articles/x/index.html");
        assert_eq!(file_for("404.html"), "404.html");
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir(&root).unwrap();
        let out = root.join("public");

        let staging = Staging::create(&root, &out, false).unwrap();
        staging.write("a/index.html", b"one").unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");

        let staging = Staging::create(&root, &out, false).unwrap();
        staging.write("b/index.html", b"two").unwrap();
        drop(staging);
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert!(!out.join("b").exists());
        let names: Vec<_> = fs::read_dir(&root).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, ["public"], "no staging leftovers");
    }

    #[test]
    fn refuses_the_site_itself_and_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::write(root.join(CONFIG_FILE), "").unwrap();
        let err = Staging::create(root, root, false).unwrap_err().to_string();
        assert!(err.contains("it holds the site's own files"), "{err}");
        let foreign = root.join("docs");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "mine").unwrap();
        let err = Staging::create(root, &foreign, false).unwrap_err().to_string();
        assert!(err.contains("pass --force"), "{err}");
        assert!(Staging::create(root, &foreign, true).is_ok());
    }

    #[test]
    fn an_interrupted_swap_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let moved = tmp.path().join(".public.old-999");
        fs::create_dir(&moved).unwrap();
        fs::write(moved.join("index.html"), "kept").unwrap();
        fs::create_dir(tmp.path().join(".public.staging-999")).unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "kept");
        assert!(!tmp.path().join(".public.staging-999").exists());
    }
}
