//! Reading `content/`: every `*.md` or `*.markdown` file is an article,
//! except the recap notes in `content/weeks/` (named after their ISO week,
//! `2026-W48.md`) and the story notes in `content/stories/` (named after
//! their story key). An article may be a folder, `content/<name>/index.md`:
//! the other files in that folder (its images) are the article's own, and
//! are published beside its page. Any other file is reported, as newsprint
//! does not read it. Files are read and validated in parallel; the problems of every
//! broken file are reported together, and every file that could be read is
//! kept, so later checks still run on it.

pub mod credits;
pub mod frontmatter;
pub mod locate;
pub mod reading;
pub mod text;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Config;
use crate::dates::IsoWeek;
use crate::error::{Collector, Diagnostic, Step};
use frontmatter::{FrontMatter, YamlText, blank_to_none};
pub use text::{MAX_FILE_BYTES, is_xml_char, read_text};
use text::{normalize, without_invisible};

/// The folder of articles, under the site root.
pub const CONTENT_DIR: &str = "content";
/// The folder of recap notes, under `content/`.
pub const WEEKS_DIR: &str = "weeks";
/// The folder of story notes, under `content/`.
pub const STORIES_DIR: &str = "stories";

/// True for a file name newsprint reads as Markdown: `.md` or `.markdown`, in any case.
pub fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown"))
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Sources {
    /// The content files found, when finding them raised no problem: a
    /// build whose caller knows no file was added or removed since may use
    /// it again.
    pub listing: Option<Arc<Listing>>,
    /// Articles read and validated, in file-name order (a caller that
    /// already holds some articles reads only the others).
    pub articles: Vec<ArticleSource>,
    /// Article files that could not be read as articles (their problems are
    /// in `problems`).
    pub broken: Vec<BrokenArticle>,
    /// Recap notes in week order.
    pub notes: Vec<NoteSource>,
    /// Story notes by key.
    pub story_notes: Vec<StoryNoteSource>,
    /// The files of article folders (relative to the site root), with the
    /// article each belongs to, in file-name order.
    pub folder_files: Vec<(PathBuf, PathBuf)>,
    /// Every problem found in the files, sorted by file and place.
    pub problems: Vec<Diagnostic>,
    /// Files newsprint does not read.
    pub warnings: Vec<Diagnostic>,
}

/// An article file whose front matter could not be read, so it is not in
/// the site; links to it and picks of its slug are not reported again.
#[derive(Debug, Clone)]
pub struct BrokenArticle {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The slugs it may have: from its file name, and from a `slug:` line.
    pub slugs: Vec<String>,
}

impl BrokenArticle {
    fn of(rel: &Path, text: Option<&str>) -> BrokenArticle {
        let stem = article_stem(rel);
        let written = text.into_iter().flat_map(str::lines).find_map(|line| line.strip_prefix("slug:"));
        let slugs = std::iter::once(crate::slug::slugify(&stem))
            .chain(written.map(|slug| slug.trim().trim_matches(['"', '\'']).to_string()))
            .filter(|slug| !slug.is_empty())
            .collect();
        BrokenArticle { path: rel.to_path_buf(), slugs }
    }
}

/// An editor's note for a story (`content/stories/<key>.md`).
#[derive(Debug)]
pub struct StoryNoteSource {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The story key, from its file name.
    pub key: String,
    /// A title instead of the newest article's headline.
    pub title: Option<String>,
    /// The note, in Markdown.
    pub body: String,
    /// The line of the file the note starts on.
    pub body_line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStoryNote {
    title: Option<String>,
}

/// One article file, validated but not yet rendered.
#[derive(Debug)]
pub struct ArticleSource {
    /// The file, relative to the site root (`content/fab.md`).
    pub path: PathBuf,
    /// The file name without its extension.
    pub stem: String,
    /// Its front matter.
    pub front: FrontMatter,
    /// Its Markdown body.
    pub body: String,
    /// The line of the file the body starts on.
    pub body_line: usize,
    /// Problems that do not stop the build (characters left out).
    pub warnings: Vec<Diagnostic>,
}

/// One editor's recap note for a week.
#[derive(Debug)]
pub struct NoteSource {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The week it belongs to, from its file name.
    pub week: IsoWeek,
    /// A title instead of "Week 48, 2026".
    pub title: Option<String>,
    /// Slugs of articles to feature first.
    pub highlights: Vec<String>,
    /// The note, in Markdown.
    pub body: String,
    /// The line of the file the note starts on.
    pub body_line: usize,
    /// Problems that do not stop the build (characters left out).
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNote {
    title: Option<String>,
    #[serde(default)]
    highlights: Vec<String>,
}

/// What a content file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An article.
    Article,
    /// A weekly recap note (`content/weeks/2026-W48.md`).
    Note,
    /// A story note (`content/stories/fab-expansion.md`).
    StoryNote,
    /// A file of an article folder (`content/fab/photo.jpg` beside
    /// `content/fab/index.md`), published beside the article's page.
    FolderFile,
    /// A file newsprint does not read (not Markdown).
    Ignored,
}

/// Every content file (relative to the site root) and what it is, in a
/// stable order.
pub type Listing = Vec<(PathBuf, Kind)>;

/// Finds, reads and validates every content file under `root`. Every
/// problem is in the sources' `problems`; the files that could be read are
/// kept all the same.
pub fn load(root: &Path, config: &Config) -> Sources {
    let mut found = Collector::new();
    let files = discover(root, &mut found);
    let loaded: Vec<Loaded> = files.par_iter().map(|(rel, kind)| load_file(root, rel, *kind, config)).collect();
    let mut sources = Sources { listing: found.is_empty().then(|| Arc::new(files)), ..Sources::default() };
    for file in loaded {
        sources.add(file);
    }
    sources.finish(found)
}

impl Sources {
    /// Adds what one file held (files are added in listing order).
    pub fn add(&mut self, loaded: Loaded) {
        let Loaded { item, problems } = loaded;
        self.problems.extend(problems);
        match item {
            Item::Article(a) => self.articles.push(*a),
            Item::Broken(b) => self.broken.push(b),
            Item::Note(n) => self.notes.push(n),
            Item::StoryNote(n) => self.story_notes.push(n),
            Item::FolderFile(file, article) => self.folder_files.push((file, article)),
            Item::Ignored(warning) => self.warnings.push(warning),
            Item::Nothing => {}
        }
    }

    /// Puts the notes in week order and every problem (those of finding the
    /// files, `found`, too) in file and position order.
    pub fn finish(mut self, mut found: Collector) -> Sources {
        self.notes.sort_by_key(|n| n.week);
        found.extend(std::mem::take(&mut self.problems));
        self.problems = found.into_diagnostics();
        self
    }
}

/// One content file, loaded: what it holds, and the problems found in it.
#[derive(Debug)]
pub struct Loaded {
    /// What the file holds.
    pub item: Item,
    /// What is wrong with it.
    pub problems: Vec<Diagnostic>,
}

/// What a content file holds.
#[derive(Debug)]
pub enum Item {
    /// An article, read and validated.
    Article(Box<ArticleSource>),
    /// An article file whose front matter could not be read.
    Broken(BrokenArticle),
    /// A recap note.
    Note(NoteSource),
    /// A story note.
    StoryNote(StoryNoteSource),
    /// A file of an article folder, and the folder's article.
    FolderFile(PathBuf, PathBuf),
    /// A file newsprint does not read, and the warning that says so.
    Ignored(Diagnostic),
    /// Nothing usable (a note with problems, a file that cannot be read),
    /// or nothing new (an article its caller holds already).
    Nothing,
}

impl Loaded {
    fn ok(item: Item) -> Loaded {
        Loaded { item, problems: Vec::new() }
    }

    /// A note that failed, or a file that could not be read at all.
    pub fn failed(problems: Vec<Diagnostic>) -> Loaded {
        Loaded { item: Item::Nothing, problems }
    }
}

/// Reads and validates one content file of any kind.
pub fn load_file(root: &Path, rel: &Path, kind: Kind, config: &Config) -> Loaded {
    match kind {
        Kind::Article => match read_text(root, rel) {
            Ok(text) => parse_article(rel, &text, config),
            Err(problems) => unreadable_article(rel, problems),
        },
        Kind::Note => match read_text(root, rel).and_then(|text| parse_note(rel, &text)) {
            Ok(note) => Loaded::ok(Item::Note(note)),
            Err(problems) => Loaded::failed(problems),
        },
        Kind::StoryNote => match read_text(root, rel).and_then(|text| parse_story_note(rel, &text)) {
            Ok(note) => Loaded::ok(Item::StoryNote(note)),
            Err(problems) => Loaded::failed(problems),
        },
        Kind::FolderFile => match folder_article(rel, |article| root.join(article).is_file()) {
            Some(article) => Loaded::ok(Item::FolderFile(rel.to_path_buf(), article)),
            None => Loaded::failed(Vec::new()),
        },
        Kind::Ignored => Loaded::ok(Item::Ignored(
            Diagnostic::new(rel, "newsprint does not read this file: articles end in .md or .markdown")
                .hint("rename it if it is an article; put images and other files that pages use in static/"),
        )),
    }
}

/// An article file that could not be read, with why.
pub fn unreadable_article(rel: &Path, problems: Vec<Diagnostic>) -> Loaded {
    Loaded { item: Item::Broken(BrokenArticle::of(rel, None)), problems }
}

/// Parses and validates an article from the text of its file `rel`, as far
/// as it can be, with every problem found: a broken article when its front
/// matter could not be read at all.
pub fn parse_article(rel: &Path, text: &str, config: &Config) -> Loaded {
    let (source, problems) = read_article_leniently(rel, text, config);
    let item = match source {
        Some(source) => Item::Article(Box::new(source)),
        None => Item::Broken(BrokenArticle::of(rel, Some(text))),
    };
    Loaded { item, problems }
}

/// Reads and validates one article file, which only counts when it has no
/// problem at all.
pub fn read_article(root: &Path, rel: &Path, config: &Config) -> Result<ArticleSource, Vec<Diagnostic>> {
    strict(rel, &read_text(root, rel)?, config)
}

/// Lists content files (relative to `root`) in a stable order, skipping
/// hidden files and folders. Symbolic links are followed only inside the
/// site (see [`crate::files`]).
pub fn discover(root: &Path, found: &mut Collector) -> Listing {
    let mut files = Vec::new();
    let all = crate::files::site_files(root, Path::new(CONTENT_DIR), crate::files::Hidden::Skip, found);
    let articles: std::collections::HashSet<&Path> =
        all.iter().filter(|rel| is_folder_article(rel)).map(PathBuf::as_path).collect();
    for rel in &all {
        let rel = rel.clone();
        if !is_markdown(&rel) {
            let kind =
                if folder_article(&rel, |a| articles.contains(a)).is_some() { Kind::FolderFile } else { Kind::Ignored };
            files.push((rel, kind));
            continue;
        }
        let inside = |dir: &str| rel.strip_prefix(CONTENT_DIR).ok().and_then(|p| p.strip_prefix(dir).ok());
        match (inside(WEEKS_DIR), inside(STORIES_DIR)) {
            (Some(note), _) if note.components().count() == 1 => files.push((rel, Kind::Note)),
            (Some(_), _) => found.push(
                Diagnostic::new(&rel, "recap notes must sit directly in content/weeks/")
                    .hint("move it to content/weeks/ and name it after its week, e.g. 2026-W48.md"),
            ),
            (_, Some(note)) if note.components().count() == 1 => files.push((rel, Kind::StoryNote)),
            (_, Some(_)) => found.push(
                Diagnostic::new(&rel, "story notes must sit directly in content/stories/")
                    .hint("move it to content/stories/ and name it after its story key, e.g. fab-expansion.md"),
            ),
            (None, None) => files.push((rel, Kind::Article)),
        }
    }
    files
}

/// True for an article that is a folder: `content/<name>/index.md` (or
/// `index.markdown`, in any folder below `content/`), whose other files
/// are its own.
pub fn is_folder_article(article: &Path) -> bool {
    let index = article.file_name().and_then(|n| n.to_str()).is_some_and(|n| n == "index.md" || n == "index.markdown");
    index && article.parent().is_some_and(|dir| dir.starts_with(CONTENT_DIR) && dir != Path::new(CONTENT_DIR))
}

/// The article folder a file belongs to: the nearest folder above it with
/// an `index.md` (or `index.markdown`) that `is_article`, and that article.
fn folder_article(rel: &Path, is_article: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    let content = Path::new(CONTENT_DIR);
    rel.ancestors().skip(1).take_while(|dir| *dir != content && dir.starts_with(content)).find_map(|dir| {
        ["index.md", "index.markdown"].iter().map(|name| dir.join(name)).find(|article| is_article(article))
    })
}

/// The name an article's file gives it: the file stem, or the folder's name
/// for an article that is a folder (`content/fab/index.md` is `fab`).
pub fn article_stem(rel: &Path) -> String {
    let named = if is_folder_article(rel) { rel.parent() } else { Some(rel) };
    let name = named.and_then(|p| if p == rel { p.file_stem() } else { p.file_name() });
    name.map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Parses and validates the text of an article file as if read from `rel`
/// (for tools and fuzzing: builds read the files themselves).
pub fn parse_text(rel: &Path, text: &str, config: &Config) -> Result<ArticleSource, Vec<Diagnostic>> {
    strict(rel, &normalize(text.to_string()), config)
}

/// Parses an article, which only counts when it has no problem at all.
fn strict(rel: &Path, text: &str, config: &Config) -> Result<ArticleSource, Vec<Diagnostic>> {
    match read_article_leniently(rel, text, config) {
        (Some(source), problems) if problems.is_empty() => Ok(source),
        (_, problems) => Err(problems),
    }
}

/// Parses an article as far as it can be, with every problem found: the
/// article is `None` only when its front matter could not be read at all.
fn read_article_leniently(rel: &Path, text: &str, config: &Config) -> (Option<ArticleSource>, Vec<Diagnostic>) {
    let (text, mut warnings) = without_invisible(rel, text);
    let parts = match frontmatter::split(&text) {
        Ok(parts) => parts,
        Err((message, hint)) => return (None, vec![Diagnostic::new(rel, message).at(1, 1).hint(hint)]),
    };
    let _share = input_share(&text, parts.yaml);
    let place = YamlText { path: rel, yaml: parts.yaml, yaml_line: parts.yaml_line };
    let frontmatter::Read { raw, broken, mut problems } = frontmatter::read(&place);
    let Some(raw) = raw else { return (None, problems) };
    let (raw, escaped) = frontmatter::without_escaped_invisible(raw, &place);
    warnings.extend(escaped);
    let (front, found) = frontmatter::validate(raw, config, &place, &broken);
    problems.extend(found);
    let stem = article_stem(rel);
    let source = ArticleSource {
        path: rel.to_path_buf(),
        stem,
        front,
        body: parts.body.to_string(),
        body_line: parts.body_line,
        warnings,
    };
    (Some(source), problems)
}

/// A file's share of the input budget while it is read: its size, with the
/// front matter counted twice (the YAML reader keeps about twice as much
/// memory for each byte as the Markdown renderer).
fn input_share<'a>(text: &str, yaml: &str) -> crate::budget::Share<'a> {
    crate::budget::INPUT.take((text.len() + yaml.len()) as u64)
}

fn parse_note(rel: &Path, text: &str) -> Result<NoteSource, Vec<Diagnostic>> {
    let (text, warnings) = without_invisible(rel, text);
    let text = &*text;
    let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let week = IsoWeek::parse(&stem).ok_or_else(|| {
        vec![
            Diagnostic::new(rel, format!("`{stem}` is not an ISO week"))
                .hint("name recap notes after their week, e.g. content/weeks/2026-W48.md"),
        ]
    })?;
    let (yaml, yaml_line, body, body_line) = match frontmatter::split(text) {
        Ok(parts) => (parts.yaml, parts.yaml_line, parts.body, parts.body_line),
        // A note may be plain Markdown with no front matter at all.
        Err(_) if !text.starts_with("---") => ("", 2, text, 1),
        Err((message, hint)) => return Err(vec![Diagnostic::new(rel, message).at(1, 1).hint(hint)]),
    };
    let _share = input_share(text, yaml);
    let place = YamlText { path: rel, yaml, yaml_line };
    let raw: RawNote = if yaml.trim().is_empty() {
        RawNote { title: None, highlights: Vec::new() }
    } else {
        if let Some(problem) = frontmatter::beyond_limits(&place) {
            return Err(vec![problem]);
        }
        serde_yaml::from_str(yaml).map_err(|e| vec![place.serde_error(&e)])?
    };
    let RawNote { title, highlights } = raw;
    let mut errors = Vec::new();
    let mut count = crate::error::ProblemCount::default();
    let highlights: Vec<String> = highlights.into_iter().map(|h| h.trim().to_string()).collect();
    for (i, slug) in highlights.iter().enumerate() {
        if !crate::slug::is_slug(slug) && count.show() {
            errors.push(
                place
                    .error(&[Step::Key("highlights"), Step::Index(i)], format!("highlight `{slug}` is not a slug"))
                    .hint("list article slugs, e.g. highlights: [fab-expansion-paused]"),
            );
        }
    }
    errors.extend(count.summary(rel));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NoteSource {
        path: rel.to_path_buf(),
        week,
        title: blank_to_none(title),
        highlights,
        body: body.to_string(),
        body_line,
        warnings,
    })
}

fn parse_story_note(rel: &Path, text: &str) -> Result<StoryNoteSource, Vec<Diagnostic>> {
    let key = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if !crate::slug::is_slug(&key) {
        let hint = format!("name story notes after their story key, e.g. content/stories/{}.md", slugify_or(&key));
        return Err(vec![Diagnostic::new(rel, format!("`{key}` is not a story key")).hint(hint)]);
    }
    let (yaml, yaml_line, body, body_line) = match frontmatter::split(text) {
        Ok(parts) => (parts.yaml, parts.yaml_line, parts.body, parts.body_line),
        Err(_) if !text.starts_with("---") => ("", 2, text, 1),
        Err((message, hint)) => return Err(vec![Diagnostic::new(rel, message).at(1, 1).hint(hint)]),
    };
    let place = YamlText { path: rel, yaml, yaml_line };
    let RawStoryNote { title } = if yaml.trim().is_empty() {
        RawStoryNote { title: None }
    } else {
        serde_yaml::from_str(yaml).map_err(|e| vec![place.serde_error(&e)])?
    };
    Ok(StoryNoteSource { path: rel.to_path_buf(), key, title: blank_to_none(title), body: body.to_string(), body_line })
}

/// A slug made of `text`, or an example one.
fn slugify_or(text: &str) -> String {
    let slug = crate::slug::slugify(text);
    if slug.is_empty() { "fab-expansion".to_string() } else { slug }
}

/// A content file's front matter as it is on disk, for placing problems
/// found after loading (see [`crate::error::Diagnostic::at_field`]): the file
/// is read again, as errors are rare, and keeping every file's text in memory
/// for them would not be.
#[derive(Debug)]
pub struct FrontMatterText {
    yaml: String,
    yaml_line: usize,
}

impl FrontMatterText {
    /// The front matter of the content file `rel`; `None` when the file cannot
    /// be read or has none.
    pub fn read(root: &Path, rel: &Path) -> Option<FrontMatterText> {
        let raw = read_text(root, rel).ok()?;
        let (text, _) = without_invisible(rel, &raw);
        let parts = frontmatter::split(&text).ok()?;
        Some(FrontMatterText { yaml: parts.yaml.to_string(), yaml_line: parts.yaml_line })
    }

    /// The 1-based line and column in the file of the value at `steps`.
    pub fn position(&self, steps: &[Step]) -> Option<(usize, usize)> {
        locate::locate(&self.yaml, steps).map(|(line, col)| (line + self.yaml_line - 1, col))
    }
}
