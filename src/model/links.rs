//! Links inside the site. Editors link to another article by its file
//! (`[see](other-article.md)`, relative to the file they write in), and
//! newsprint writes the article's URL instead; site paths (`/images/x.png`)
//! get the base URL's path in front. After the site is planned, every
//! internal link, `#anchor` and static file reference is checked. A link to
//! a content file that is not a page of the build (a draft, an article
//! scheduled for later, a file that is not an article) would be published as
//! written, pointing at a source file: a build to publish refuses it, and
//! `check` reports links that would break once drafts and scheduled articles
//! are left out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::content::CONTENT_DIR;
use crate::error::{Diagnostic, ProblemCount, Step, closest};
use crate::files::FileSource;
use crate::markdown::LinkResolver;

/// What a content file's link resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page of this build, by output path (`articles/x/`), and the
    /// article's index when it is one.
    Page {
        /// Output path below the base URL.
        path: String,
        /// Index into `Site::articles`.
        article: Option<usize>,
    },
    /// An article left out of this build.
    Hidden(&'static str),
    /// A file left out of the site for a problem reported on its own (its
    /// front matter could not be read, or another article has its slug).
    Unusable,
}

/// Where every content file's page lives.
#[derive(Debug, Default)]
pub struct Targets {
    base_path: String,
    by_source: HashMap<PathBuf, Target>,
    /// The key of everything inserted, in order (see [`Targets::key`]).
    key: crate::hash::KeyBuilder,
}

impl Targets {
    /// Targets for a site published under `base_path` (`""` or `/wire`).
    pub fn new(base_path: &str) -> Targets {
        Targets {
            base_path: base_path.to_string(),
            by_source: HashMap::new(),
            key: crate::hash::KeyBuilder::new().bytes(base_path.as_bytes()),
        }
    }

    /// Records where the page of a content file (`content/a.md`) lives.
    pub fn insert(&mut self, source: PathBuf, target: Target) {
        let key = std::mem::take(&mut self.key).bytes(source.as_os_str().as_encoded_bytes());
        self.key = match &target {
            Target::Page { path, article } => {
                key.bytes(b"page").bytes(path.as_bytes()).bytes(&article.map_or(u64::MAX, |a| a as u64).to_le_bytes())
            }
            Target::Hidden(why) => key.bytes(b"hidden").bytes(why.as_bytes()),
            Target::Unusable => key.bytes(b"unusable"),
        };
        self.by_source.insert(source, target);
    }

    /// The key of the whole table: while it is unchanged, every link
    /// resolves as it did.
    pub fn key(&self) -> crate::hash::Key {
        self.key.finish()
    }

    /// A resolver for links written in the file `source`.
    pub fn resolver<'a>(&'a self, source: &Path) -> Resolver<'a> {
        Resolver {
            targets: self,
            dir: source.parent().map(Path::to_path_buf).unwrap_or_default(),
            folder_article: crate::content::is_folder_article(source).then(|| source.to_path_buf()),
        }
    }

    fn lookup(&self, source: &Path) -> Option<&Target> {
        self.by_source.get(source)
    }
}

/// Resolves the links of one content file.
pub struct Resolver<'a> {
    targets: &'a Targets,
    dir: PathBuf,
    /// The file, when it is an article that is a folder: links to the
    /// folder's other files lead beside its page.
    folder_article: Option<PathBuf>,
}

impl Resolver<'_> {
    /// The content file a `.md` link points at (`content/b.md`), if it is one.
    fn source_of(&self, path: &str) -> Option<PathBuf> {
        let path = percent_decode(path);
        if !crate::content::is_markdown(Path::new(&path)) {
            return None;
        }
        let joined = match path.strip_prefix('/') {
            Some(from_content) => Path::new(CONTENT_DIR).join(from_content),
            None => self.dir.join(path),
        };
        normalize(&joined)
    }

    /// The output path of a file of the article's folder (`photo.jpg` in
    /// `content/fab/index.md` is `articles/fab/photo.jpg`), when the file
    /// is an article that is a folder and `path` leads into it.
    fn in_folder(&self, path: &str) -> Option<String> {
        let article = self.folder_article.as_ref()?;
        if path.is_empty() || path.starts_with('/') || crate::content::is_markdown(Path::new(path)) {
            return None;
        }
        let within = normalize(Path::new(&percent_decode(path)))?;
        let Target::Page { path: page, .. } = self.targets.lookup(article)? else { return None };
        let within: Vec<String> = within.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        (!within.is_empty()).then(|| format!("{page}{}", within.join("/")))
    }
}

impl LinkResolver for Resolver<'_> {
    fn resolve(&self, dest: &str) -> Option<String> {
        let (path, rest) = split_path(dest);
        if let Some(source) = self.source_of(path) {
            return match self.targets.lookup(&source)? {
                Target::Page { path, .. } => Some(format!("{}/{path}{rest}", self.targets.base_path)),
                Target::Hidden(_) | Target::Unusable => None,
            };
        }
        if let Some(beside) = self.in_folder(path) {
            return Some(format!("{}/{beside}{rest}", self.targets.base_path));
        }
        (path.starts_with('/') && !self.targets.base_path.is_empty())
            .then(|| format!("{}{dest}", self.targets.base_path))
    }
}

/// Splits `a/b.md#x` into `a/b.md` and `#x` (a query stays with the rest).
fn split_path(dest: &str) -> (&str, &str) {
    let end = dest.find(['#', '?']).unwrap_or(dest.len());
    dest.split_at(end)
}

fn percent_decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned()
}

/// Resolves `.` and `..` without touching the disk; `None` when the path
/// climbs out of the site.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// A link found in a content file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FoundLink {
    /// The destination as written.
    pub dest: String,
    /// Where it was written.
    pub place: LinkPlace,
}

/// Where a link was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LinkPlace {
    /// In the Markdown body, at a 1-based line and column of the file.
    Body(usize, usize),
    /// In a front-matter field.
    Field(FieldRef),
}

/// A front-matter field holding inline Markdown: `takeaways[2]`,
/// `tldr.what_changed`, `implications[0].rationale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FieldRef {
    /// The top-level key.
    pub key: &'static str,
    /// The position in a list, for list fields.
    pub index: Option<usize>,
    /// A key inside the item.
    pub sub: Option<&'static str>,
}

impl FieldRef {
    /// The YAML path of the field.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = vec![Step::Key(self.key)];
        steps.extend(self.index.map(Step::Index));
        steps.extend(self.sub.map(Step::Key));
        steps
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

/// How a [`FieldRef`] is read back (the build cache keeps them): its names
/// become the `&'static str` they were, and a name no field has is an error.
#[derive(serde::Deserialize)]
struct FieldRefRepr {
    key: String,
    index: Option<usize>,
    sub: Option<String>,
}

impl<'de> serde::Deserialize<'de> for FieldRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FieldRef, D::Error> {
        let r = FieldRefRepr::deserialize(d)?;
        let name = |n: &str| known_field(n).map_err(serde::de::Error::custom);
        Ok(FieldRef { key: name(&r.key)?, index: r.index, sub: r.sub.as_deref().map(name).transpose()? })
    }
}

/// Everything link checking needs to know about one content file.
pub struct LinkSource<'a> {
    /// The file.
    pub path: &'a Path,
    /// The links written in it.
    pub links: &'a [FoundLink],
    /// Element ids of its page (for `#anchor` links within it).
    pub ids: &'a HashSet<String>,
    /// Whether a build to publish, now, publishes it (not a draft, not
    /// scheduled for later).
    pub published: bool,
}

/// The broken links of a site, by what they would do if published.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problems {
    /// Links to a content file that is not a page of this build: published,
    /// they would point at a source file.
    pub to_sources: Vec<Diagnostic>,
    /// Anchors, static files and site paths that do not exist.
    pub others: Vec<Diagnostic>,
}

impl Problems {
    /// Every problem, in file and position order.
    pub fn all(&self) -> Vec<Diagnostic> {
        crate::error::sorted(self.to_sources.iter().chain(&self.others).cloned().collect())
    }
}

/// Checks every link of every content file; returns one diagnostic per
/// broken link (the first [`crate::error::MAX_PROBLEMS_PER_FILE`] of a file, then how many
/// there were). `article_ids` holds the element ids of each article's page,
/// by article index.
pub fn check(
    targets: &Targets,
    sources: &[LinkSource<'_>],
    article_ids: &[&HashSet<String>],
    static_files: &BTreeMap<String, FileSource>,
    page_paths: &HashSet<String>,
) -> Problems {
    let mut found = Problems::default();
    for source in sources {
        let resolver = targets.resolver(source.path);
        // Links to sources (errors in a build to publish) and the others
        // (warnings) are counted apart, each summed up where it is shown.
        let (mut to_sources, mut others) = (ProblemCount::default(), ProblemCount::default());
        for link in source.links {
            let Some(problem) = problem(&resolver, source, &link.dest, article_ids, static_files, page_paths) else {
                continue;
            };
            let page = resolver.source_of(split_path(&link.dest).0).map(|file| targets.lookup(&file));
            let to_source = matches!(page, Some(None | Some(Target::Hidden(_))));
            if !(if to_source { to_sources.show() } else { others.show() }) {
                continue;
            }
            let (message, hint) = problem.explain(&link.dest);
            let diagnostic = placed(Diagnostic::new(source.path, message), link).hint(hint);
            if to_source { found.to_sources.push(diagnostic) } else { found.others.push(diagnostic) }
        }
        found.to_sources.extend(to_sources.summary(source.path));
        found.others.extend(others.summary(source.path));
    }
    found
}

/// Links from files a build to publish would publish now to articles it
/// would leave out, which would then point at a source file. `held_back`
/// says why an article (by index) would be left out, if it would.
pub fn to_held_back(
    targets: &Targets,
    sources: &[LinkSource<'_>],
    held_back: &dyn Fn(usize) -> Option<String>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for source in sources.iter().filter(|s| s.published) {
        let resolver = targets.resolver(source.path);
        for link in source.links {
            let Some(target) = resolver.source_of(split_path(&link.dest).0) else { continue };
            let Some(Target::Page { article: Some(i), .. }) = targets.lookup(&target) else { continue };
            if let Some(why) = held_back(*i) {
                let message = format!("the link `{}` points at {}, {why}", link.dest, target.display());
                found.push(
                    placed(Diagnostic::new(source.path, message), link)
                        .hint("publish that article first, or remove the link"),
                );
            }
        }
    }
    found
}

/// A problem with a link, placed where the link was written.
fn placed(diagnostic: Diagnostic, link: &FoundLink) -> Diagnostic {
    match &link.place {
        LinkPlace::Body(line, column) => diagnostic.at(*line, *column),
        LinkPlace::Field(field) => diagnostic.at_field(&field.steps()),
    }
}

/// What is wrong with a link.
enum Problem<'a> {
    /// Said in full: message and hint.
    Said(String, String),
    /// Its `#anchor` is none of these ids (what to suggest is worked out
    /// only for problems that are shown).
    MissingAnchor(&'a HashSet<String>),
}

impl Problem<'_> {
    /// The message and hint.
    fn explain(self, dest: &str) -> (String, String) {
        match self {
            Problem::Said(message, hint) => (message, hint),
            Problem::MissingAnchor(ids) => missing_anchor(dest, ids),
        }
    }
}

fn problem<'a>(
    resolver: &Resolver<'_>,
    source: &LinkSource<'a>,
    dest: &str,
    article_ids: &[&'a HashSet<String>],
    static_files: &BTreeMap<String, FileSource>,
    page_paths: &HashSet<String>,
) -> Option<Problem<'a>> {
    let (path, rest) = split_path(dest);
    let fragment = rest.split_once('#').map(|(_, f)| f).filter(|f| !f.is_empty());
    // Links follow the ids they point at (see `body_id`).
    let fragment = fragment.map(crate::markdown::body_id);
    if path.is_empty() {
        let id = fragment?;
        return (!source.ids.contains(&*id)).then_some(Problem::MissingAnchor(source.ids));
    }
    if let Some(target) = resolver.source_of(path) {
        return match resolver.targets.lookup(&target) {
            None => Some(Problem::Said(
                format!("the link `{dest}` points at {}, which is not an article", target.display()),
                "link to another article by its file name, relative to this file, e.g. [see](other-article.md)".into(),
            )),
            Some(Target::Hidden(why)) => Some(Problem::Said(
                format!("the link `{dest}` points at {}, {why} left out of this build", target.display()),
                "publish that article first, or remove the link".into(),
            )),
            Some(Target::Unusable) => None,
            Some(Target::Page { article, .. }) => {
                let ids = article.and_then(|i| article_ids.get(i).copied())?;
                let id = fragment?;
                (!ids.contains(&*id)).then_some(Problem::MissingAnchor(ids))
            }
        };
    }
    let site_path = path.strip_prefix('/')?;
    let site_path = percent_decode(site_path);
    let exists = static_files.contains_key(&site_path)
        || page_paths.contains(&site_path)
        || page_paths.contains(&format!("{site_path}/"))
        || site_path.strip_suffix("index.html").is_some_and(|dir| page_paths.contains(dir));
    (!exists).then(|| {
        let what = if Path::new(&site_path).extension().is_some() { "file" } else { "page" };
        Problem::Said(
            format!("the link `{dest}` points at a {what} the site does not have"),
            format!("files under static/ are served from /, e.g. static/{site_path} is /{site_path}"),
        )
    })
}

/// The most ids a hint lists.
const MAX_IDS_LISTED: usize = 10;

fn missing_anchor(dest: &str, ids: &HashSet<String>) -> (String, String) {
    let id = dest.rsplit_once('#').map(|(_, id)| id).unwrap_or_default();
    let mut known: Vec<&str> = ids.iter().map(String::as_str).filter(|i| !i.starts_with("fn")).collect();
    known.sort_unstable();
    let hint = match closest(id, known.iter().copied()) {
        Some(best) => format!("did you mean `#{best}`?"),
        None if known.is_empty() => "that page has no headings to link to".to_string(),
        None => {
            let listed: Vec<String> = known.iter().take(MAX_IDS_LISTED).map(|k| format!("#{k}")).collect();
            match known.len() - listed.len() {
                0 => format!("headings there: {}", listed.join(", ")),
                more => format!("headings there: {} and {more} more", listed.join(", ")),
            }
        }
    };
    (format!("the link `{dest}` points at an anchor that does not exist"), hint)
}

/// The element ids in a piece of HTML (headings, footnotes, raw HTML).
pub fn ids_in(html: &str) -> HashSet<String> {
    html.match_indices(" id=\"")
        .filter_map(|(at, marker)| {
            let rest = &html[at + marker.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        let mut t = Targets::new("/wire");
        t.insert("content/a.md".into(), Target::Page { path: "articles/a/".into(), article: Some(0) });
        t.insert("content/2025/b.md".into(), Target::Page { path: "articles/b/".into(), article: Some(1) });
        t.insert("content/draft.md".into(), Target::Hidden("a draft"));
        t
    }

    #[test]
    fn md_links_become_urls_relative_to_the_writing_file() {
        let t = targets();
        let from_a = t.resolver(Path::new("content/a.md"));
        assert_eq!(from_a.resolve("2025/b.md#why").as_deref(), Some("/wire/articles/b/#why"));
        assert_eq!(from_a.resolve("./a.md").as_deref(), Some("/wire/articles/a/"));
        let from_b = t.resolver(Path::new("content/2025/b.md"));
        assert_eq!(from_b.resolve("../a.md").as_deref(), Some("/wire/articles/a/"));
        assert_eq!(from_b.resolve("/a.md").as_deref(), Some("/wire/articles/a/"));
        assert_eq!(from_b.resolve("/images/x.png").as_deref(), Some("/wire/images/x.png"));
        assert_eq!(from_b.resolve("#top"), None);
        assert_eq!(from_b.resolve("../../../etc/passwd.md"), None);
        assert_eq!(from_b.resolve("draft.md"), None);
    }

    #[test]
    fn ids_are_found_in_html() {
        let ids = ids_in("<h2 id=\"what\">What</h2><li id=\"fn-1\"><p>x</p></li><div class=\"y\"></div>");
        assert_eq!(ids, HashSet::from(["what".to_string(), "fn-1".to_string()]));
    }
}
