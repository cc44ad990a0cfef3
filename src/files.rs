//! Walking the site's own folders (`content/`, `static/`, `templates/`,
//! `i18n/` and a theme's folders). Symbolic links are followed only to files
//! and folders inside the site; a link that leads out of it, leads nowhere
//! or loops back to a folder that contains it is reported, naming the link
//! and where it leads. So no build reads, and publishes, a file from
//! elsewhere on the machine (`/proc/self/environ`, `/etc/passwd`, a CI
//! runner's secrets) through a link a pull request added.
//!
//! Theme and static files found this way are [`FileSource`]s: a file on
//! disk or one compiled into newsprint, read with errors that name it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Collector, Diagnostic, Error, Result};
use crate::hash::{self, Key};

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The folder of the build cache, at the site root: the build writes it,
/// and no output may go inside it.
pub const CACHE_DIR: &str = ".newsprint-cache";

/// Whether files and folders whose names start with `.` are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Left out (content: editors' swap files, `.git`).
    Skip,
    /// Listed (static files: `.well-known/` must be published).
    List,
}

/// Every file under `root/dir` (following links that stay in the site),
/// relative to `root`, folder by folder in file-name order. Links that may
/// not be followed, and folders that cannot be read, are reported in `found`.
pub fn site_files(root: &Path, dir: &Path, hidden: Hidden, found: &mut Collector) -> Vec<PathBuf> {
    let start = root.join(dir);
    if !start.is_dir() {
        return Vec::new();
    }
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let real = std::fs::canonicalize(&start).unwrap_or_else(|_| start.clone());
    if !real.starts_with(&site) {
        found.push(
            Diagnostic::new(dir, format!("this folder leads outside the site, to {}", real.display()))
                .hint("a symbolic link on the way leads there: replace it with the folder itself, inside the site"),
        );
        return Vec::new();
    }
    let mut walker = Walker { root, site: &site, hidden, within: vec![real], files: Vec::new(), found };
    walker.walk(&start);
    walker.files
}

struct Walker<'a> {
    root: &'a Path,
    site: &'a Path,
    hidden: Hidden,
    /// The real paths of the folders being walked, to catch loops.
    within: Vec<PathBuf>,
    files: Vec<PathBuf>,
    found: &'a mut Collector,
}

impl Walker<'_> {
    /// Walks one folder (not following links: reading a folder's entries
    /// needs no call per file), and each linked folder on its own.
    fn walk(&mut self, dir: &Path) {
        let hidden = self.hidden;
        let walker = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_entry(|e| {
            e.depth() == 0 || hidden == Hidden::List || !e.file_name().to_string_lossy().starts_with('.')
        });
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map_or_else(|| relative(self.root, dir), |p| relative(self.root, p));
                    self.found.push(Diagnostic::new(path, format!("cannot read: {}", io_message(&e))));
                    continue;
                }
            };
            let mut is_file = entry.file_type().is_file();
            if entry.path_is_symlink() && entry.depth() > 0 {
                match follow(self.site, entry.path(), &self.within) {
                    Ok(Followed::File) => is_file = true,
                    Ok(Followed::Folder(real)) => {
                        self.within.push(real);
                        self.walk(entry.path());
                        self.within.pop();
                        continue;
                    }
                    Err(why) => {
                        self.found.push(
                            Diagnostic::new(relative(self.root, entry.path()), why)
                                .hint("replace the link with the file itself, or remove it"),
                        );
                        continue;
                    }
                }
            }
            if is_file {
                self.files.push(relative(self.root, entry.path()));
            }
        }
    }
}

/// Where a symbolic link leads.
enum Followed {
    File,
    Folder(PathBuf),
}

/// Follows a link, if it stays in the site and does not loop; else why not.
fn follow(site: &Path, link: &Path, within: &[PathBuf]) -> Result<Followed, String> {
    let real = std::fs::canonicalize(link).map_err(|e| format!("this symbolic link leads nowhere readable ({e})"))?;
    if !real.starts_with(site) {
        return Err(format!("this symbolic link leads outside the site, to {}", real.display()));
    }
    if real.is_dir() {
        if within.iter().any(|folder| folder.starts_with(&real)) {
            return Err("this symbolic link loops back to a folder that contains it".to_string());
        }
        return Ok(Followed::Folder(real));
    }
    Ok(Followed::File)
}

fn io_message(e: &walkdir::Error) -> String {
    if e.loop_ancestor().is_some() {
        "this symbolic link loops back to a folder that contains it".to_string()
    } else {
        e.io_error().map_or_else(|| e.to_string(), ToString::to_string)
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
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

/// A file of the site folder, by its path relative to `root`.
pub fn on_disk(root: &Path, rel: PathBuf) -> FileSource {
    FileSource::Disk { path: root.join(&rel), shown: rel }
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

/// A file's stamp: its size, inode and change times. A file whose stamp is
/// unchanged is not read again. `None` while the file is not settled (changed
/// in the last two seconds, within the clock granularity of some file
/// systems), so a quick second edit is never missed.
pub fn stamp(path: &Path) -> Option<Key> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?;
    let age = std::time::SystemTime::now().duration_since(modified).ok()?;
    if age < std::time::Duration::from_secs(2) {
        return None;
    }
    Some(hash::file_stamp(&meta).finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_inside_the_site_are_followed_and_others_reported() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(root.join("static/.well-known")).unwrap();
        std::fs::create_dir_all(root.join("shared")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("static/.well-known/security.txt"), "x").unwrap();
        std::fs::write(root.join("shared/logo.svg"), "x").unwrap();
        std::fs::write(outside.join("secret.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("shared"), root.join("static/shared")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("static/secret.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("gone"), root.join("static/gone.txt")).unwrap();
        let mut found = Collector::new();
        let files = site_files(&root, Path::new("static"), Hidden::List, &mut found);
        assert_eq!(files, [PathBuf::from("static/.well-known/security.txt"), PathBuf::from("static/shared/logo.svg")]);
        let messages: Vec<String> = found.finish(()).unwrap_err().diagnostics().iter().map(|d| d.to_string()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("static/gone.txt: this symbolic link leads nowhere readable"), "{messages:?}");
        assert!(messages[1].starts_with("static/secret.txt: this symbolic link leads outside the site, to "));
        let mut found = Collector::new();
        assert_eq!(
            site_files(&root, Path::new("static"), Hidden::Skip, &mut found),
            [PathBuf::from("static/shared/logo.svg")]
        );
    }
}
