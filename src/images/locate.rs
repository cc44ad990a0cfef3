//! Where an image reference, as an editor wrote it, leads: a site path
//! (`/images/chart.png`, a file of `static/` or the theme), a file of the
//! article's own folder (`photo.jpg` in `content/fab/index.md`, published
//! beside the article's page), or another host. Pure: no disk.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::frontmatter::Focus;
use crate::error::Diagnostic;

/// Where an article uses an image: a line and column of its file, or the
/// front-matter key holding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// In the Markdown body, at a 1-based line and column of the file.
    Body(usize, usize),
    /// The `image:` key of the front matter.
    LeadImage,
}

/// One image an article uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Use {
    /// The reference as written (`photo.jpg`, `/images/chart.png`).
    pub dest: String,
    /// Where it leads.
    pub located: Located,
    /// Where it is written.
    pub place: Place,
    /// The focal point of its crops, for a lead image.
    pub lead: Option<Focus>,
    /// True for a body image written without a text alternative
    /// (`![](photo.jpg)`), which is an error.
    pub alt_missing: bool,
}

/// Where a reference leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Located {
    /// Another host (left as written).
    External,
    /// A site path, by its output path (`images/chart.png`).
    Site(String),
    /// A file of the article's folder.
    Folder {
        /// The file, relative to the site root (`content/fab/photo.jpg`).
        file: PathBuf,
        /// Its output path, beside the article's page (`articles/fab/photo.jpg`).
        path: String,
    },
    /// A reference that cannot be used.
    Refused(Problem),
}

impl Located {
    /// The output path of the file, for a local image.
    pub fn path(&self) -> Option<&str> {
        match self {
            Located::Site(path) | Located::Folder { path, .. } => Some(path),
            Located::External | Located::Refused(_) => None,
        }
    }
}

/// Why a reference cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// A relative path in an article that is not a folder.
    NotAFolder,
    /// A relative path that climbs out of the article's folder.
    OutsideFolder,
    /// No such file in the article's folder.
    MissingInFolder(PathBuf),
    /// No such file under the site's static files (output path).
    MissingStatic(String),
}

/// Where `dest`, written in `article` (whose page is at `page_path`,
/// `articles/fab/`), leads.
pub fn locate(dest: &str, article: &Path, page_path: &str) -> Located {
    if crate::markdown::is_external(dest) {
        return Located::External;
    }
    let end = dest.find(['#', '?']).unwrap_or(dest.len());
    let path = percent_encoding::percent_decode_str(&dest[..end]).decode_utf8_lossy().into_owned();
    if let Some(site_path) = path.strip_prefix('/') {
        return match normalize(Path::new(site_path)) {
            Some(p) => Located::Site(slashed(&p)),
            None => Located::Refused(Problem::MissingStatic(site_path.to_string())),
        };
    }
    if !crate::content::is_folder_article(article) {
        return Located::Refused(Problem::NotAFolder);
    }
    match normalize(Path::new(&path)) {
        Some(rel) if !rel.as_os_str().is_empty() => {
            let folder = article.parent().unwrap_or(Path::new(""));
            Located::Folder { file: folder.join(&rel), path: format!("{page_path}{}", slashed(&rel)) }
        }
        _ => Located::Refused(Problem::OutsideFolder),
    }
}

/// `.` and `..` resolved without the disk; `None` when the path climbs out.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

fn slashed(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The error for a reference that leads nowhere usable.
pub fn diagnostic(article: &Path, u: &Use, problem: Problem) -> Diagnostic {
    let dest = &u.dest;
    let folder = article.parent().map(|p| p.display().to_string()).unwrap_or_default();
    let name = Path::new(dest.split(['#', '?']).next().unwrap_or(dest))
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dest.clone());
    let (message, hint) = match problem {
        Problem::NotAFolder => {
            let stem = article.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            (
                format!(
                    "the image `{dest}` is a relative path, but only an article that is a folder has images beside it"
                ),
                format!(
                    "make the article a folder, {folder}/{stem}/index.md with {name} beside it, or put the image in \
                     static/images/ and write /images/{name}"
                ),
            )
        }
        Problem::OutsideFolder => (
            format!("the image `{dest}` is outside the article's folder"),
            format!("put it in {folder}/ beside the article, or in static/images/ and write /images/{name}"),
        ),
        Problem::MissingInFolder(file) => (
            format!("the image `{dest}` is not in the article's folder: there is no {}", file.display()),
            format!("check the name (capital letters count), or add the file to {folder}/"),
        ),
        Problem::MissingStatic(path) => (
            format!("the image `{dest}` points at a file the site does not have"),
            format!("files under static/ are served from /, e.g. static/{path} is /{path}"),
        ),
    };
    at(u.place, Diagnostic::new(article, message).hint(hint))
}

/// The error for a body image without a text alternative.
pub fn no_alt(article: &Path, u: &Use) -> Diagnostic {
    let dest = &u.dest;
    let diagnostic = Diagnostic::new(article, format!("the image `{dest}` has no alt text")).hint(format!(
        "describe it for readers who cannot see it: ![What it shows]({dest}), or write ![\"\"]({dest}) for a purely \
         decorative image"
    ));
    at(u.place, diagnostic)
}

/// The diagnostic placed where the article uses the image (a lead image
/// is placed by the reporter, at its front-matter key).
pub fn at(place: Place, diagnostic: Diagnostic) -> Diagnostic {
    match place {
        Place::Body(line, column) => diagnostic.at(line, column),
        Place::LeadImage => diagnostic.at_field(&[crate::error::Step::Key("image")]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_lead_to_site_paths_folder_files_or_other_hosts() {
        let folder = Path::new("content/fab/index.md");
        assert_eq!(locate("https://x.example/a.jpg", folder, "articles/fab/"), Located::External);
        assert_eq!(locate("/images/a%20b.jpg?v=2", folder, "articles/fab/"), Located::Site("images/a b.jpg".into()));
        assert_eq!(
            locate("./img/../photo.jpg", folder, "articles/fab/"),
            Located::Folder { file: "content/fab/photo.jpg".into(), path: "articles/fab/photo.jpg".into() }
        );
        assert_eq!(locate("../other/x.jpg", folder, "articles/fab/"), Located::Refused(Problem::OutsideFolder));
        assert_eq!(
            locate("photo.jpg", Path::new("content/fab.md"), "articles/fab/"),
            Located::Refused(Problem::NotAFolder)
        );
    }
}
