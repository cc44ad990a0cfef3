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

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Config;
use crate::error::{Collector, Diagnostic, Result, line_col};
use crate::hash::Key;
use crate::model::week::IsoWeek;
use crate::progress::Progress;
use frontmatter::{FrontMatter, Place, blank_to_none};
use locate::Step;

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
    /// it again (see [`Known::listing`]).
    pub listing: Option<Arc<Listing>>,
    /// Articles in file-name order.
    pub articles: Vec<ArticleFile>,
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
        let slugs = std::iter::once(crate::model::slug::slugify(&stem))
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

/// An article file: read and validated, or known to the build cache.
#[derive(Debug)]
pub enum ArticleFile {
    /// Read and validated.
    Parsed(Box<ArticleSource>),
    /// Byte for byte the file the build cache holds an assembled article
    /// for, under the same settings: not parsed again.
    Unchanged {
        /// The file, relative to the site root.
        path: PathBuf,
        /// Its input key (see [`crate::cache::input_key`]).
        key: Key,
        /// Its stamp, when settled.
        stamp: Option<Key>,
    },
}

/// One article file, validated but not yet rendered.
#[derive(Debug)]
pub struct ArticleSource {
    /// The file, relative to the site root (`content/fab.md`).
    pub path: PathBuf,
    /// Its input key: the file's text, the settings and the code.
    pub key: Key,
    /// Its stamp, when settled (see [`stamp`]).
    pub stamp: Option<Key>,
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

/// What the build cache knows about article files.
pub trait Known: Sync {
    /// The input key and stamp of the article held for the file at `path`,
    /// when the caller knows the file has not changed since it was read (the
    /// dev server's watcher saw no change to it), so it need not be looked at.
    fn unchanged(&self, path: &Path) -> Option<(Key, Option<Key>)>;
    /// The input key of the article held for the file at `path`, if it was
    /// read when the file had this stamp.
    fn by_stamp(&self, path: &Path, stamp: Key) -> Option<Key>;
    /// Whether an article assembled from this file and input key is held.
    fn knows(&self, path: &Path, key: Key) -> bool;
    /// The content files the last build found, when the caller knows that
    /// none was added, removed or renamed since (so `content/` need not be
    /// walked again).
    fn listing(&self, root: &Path) -> Option<Arc<Listing>>;
}

/// A file's stamp: its size, inode and change times. A file whose stamp is
/// unchanged is not read again. `None` while the file is not settled (changed
/// in the last two seconds, within the clock granularity of some file
/// systems), so a quick second edit is never missed.
pub fn stamp(path: &Path) -> Option<Key> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?;
    let age = std::time::SystemTime::now().duration_since(modified).ok()?;
    if age < std::time::Duration::from_secs(2) {
        return None;
    }
    Some(crate::hash::file_stamp(&meta).finish())
}

/// Finds, reads and validates every content file under `root`. Article files
/// `known` to the cache are not parsed: not even read when their stamp is
/// unchanged, only read and compared when it is not. Every problem is in the
/// sources' `problems`; the files that could be read are kept all the same.
pub fn load(root: &Path, config: &Config, progress: &dyn Progress, known: &dyn Known) -> Sources {
    let mut found = Collector::new();
    let files = match known.listing(root) {
        Some(files) => files,
        None => {
            let files = discover(root, &mut found);
            Arc::new(files)
        }
    };
    let listing = found.is_empty().then(|| Arc::clone(&files));
    progress.stage("Reading", files.len());
    let loaded: Vec<Loaded> = files
        .par_iter()
        .map(|(rel, kind)| {
            progress.advance(1);
            load_file(root, rel, *kind, config, known)
        })
        .collect();
    let mut sources = Sources { listing, ..Sources::default() };
    for Loaded { item, problems } in loaded {
        found.extend(problems);
        match item {
            Item::Article(a) => sources.articles.push(a),
            Item::Broken(b) => sources.broken.push(b),
            Item::Note(n) => sources.notes.push(n),
            Item::StoryNote(n) => sources.story_notes.push(n),
            Item::FolderFile(file, article) => sources.folder_files.push((file, article)),
            Item::Ignored(warning) => sources.warnings.push(warning),
            Item::Nothing => {}
        }
    }
    sources.notes.sort_by_key(|n| n.week);
    sources.problems = found.into_diagnostics();
    sources
}

/// One content file, loaded: what it is, and the problems found in it.
struct Loaded {
    item: Item,
    problems: Vec<Diagnostic>,
}

enum Item {
    Article(ArticleFile),
    Broken(BrokenArticle),
    Note(NoteSource),
    StoryNote(StoryNoteSource),
    /// A file of an article folder, and the folder's article.
    FolderFile(PathBuf, PathBuf),
    Ignored(Diagnostic),
    Nothing,
}

impl Loaded {
    fn ok(item: Item) -> Loaded {
        Loaded { item, problems: Vec::new() }
    }

    /// A note that failed, or a file that could not be read at all.
    fn failed(problems: Vec<Diagnostic>) -> Loaded {
        Loaded { item: Item::Nothing, problems }
    }
}

fn load_file(root: &Path, rel: &Path, kind: Kind, config: &Config, known: &dyn Known) -> Loaded {
    let path = root.join(rel);
    match kind {
        Kind::Article => {
            if let Some((key, stamp)) = known.unchanged(rel) {
                return Loaded::ok(Item::Article(ArticleFile::Unchanged { path: rel.to_path_buf(), key, stamp }));
            }
            let stamp = stamp(&path);
            let unchanged =
                |key| Loaded::ok(Item::Article(ArticleFile::Unchanged { path: rel.to_path_buf(), key, stamp }));
            if let Some(key) = stamp.and_then(|stamp| known.by_stamp(rel, stamp)) {
                return unchanged(key);
            }
            let text = match read_text(&path, rel) {
                Ok(text) => text,
                Err(problems) => return Loaded { item: Item::Broken(BrokenArticle::of(rel, None)), problems },
            };
            let key = crate::cache::input_key(config, rel, &text);
            if known.knows(rel, key) {
                return unchanged(key);
            }
            let (source, problems) = read_article_leniently(rel, &text, config, key, stamp);
            let item = match source {
                Some(source) => Item::Article(ArticleFile::Parsed(Box::new(source))),
                None => Item::Broken(BrokenArticle::of(rel, Some(&text))),
            };
            Loaded { item, problems }
        }
        Kind::Note => match read_text(&path, rel).and_then(|text| parse_note(rel, &text)) {
            Ok(note) => Loaded::ok(Item::Note(note)),
            Err(problems) => Loaded::failed(problems),
        },
        Kind::StoryNote => match read_text(&path, rel).and_then(|text| parse_story_note(rel, &text)) {
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

/// Reads and validates one article file again (an article the build cache
/// held, but whose links now lead elsewhere).
pub fn read_article(root: &Path, rel: &Path, config: &Config) -> Result<ArticleSource, Vec<Diagnostic>> {
    let path = root.join(rel);
    let stamp = stamp(&path);
    let text = read_text(&path, rel)?;
    let key = crate::cache::input_key(config, rel, &text);
    parse_article(rel, &text, config, key, stamp)
}

/// Lists content files (relative to `root`) in a stable order, skipping
/// hidden files and folders. Symbolic links are followed only inside the
/// site (see [`crate::files`]).
fn discover(root: &Path, found: &mut Collector) -> Listing {
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

/// The largest content file read (a long article is a few hundred KiB):
/// bigger ones are refused, so one wrong file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

/// Reads a file as UTF-8 text, without a byte-order mark and with `\n` line ends.
fn read_text(path: &Path, rel: &Path) -> Result<String, Vec<Diagnostic>> {
    let cannot = |e: std::io::Error| vec![Diagnostic::new(rel, format!("cannot read: {e}"))];
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_FILE_BYTES {
        return Err(vec![
            Diagnostic::new(
                rel,
                format!(
                    "the file is {:.1} MiB; content files may be at most {} MiB",
                    size as f64 / 1048576.0,
                    MAX_FILE_BYTES >> 20
                ),
            )
            .hint("split it into several articles, and keep images and data in static/"),
        ]);
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_FILE_BYTES + 1), &mut bytes).map_err(cannot)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line, col) = line_col(&String::from_utf8_lossy(valid), valid.len());
        vec![Diagnostic::new(rel, "the file is not UTF-8 text").at(line, col).hint("save it as UTF-8 in your editor")]
    })?;
    Ok(normalize(text))
}

/// Drops a byte-order mark and turns `\r\n` line ends into `\n`.
fn normalize(text: String) -> String {
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.contains('\r') { text.replace("\r\n", "\n") } else { text }
}

/// True for the characters XML 1.0 allows (every character but most C0
/// controls, U+FFFE and U+FFFF). Content is read without the others, so
/// every feed and sitemap stays well-formed whatever a file holds.
pub fn is_xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The text without the characters XML does not allow (a vertical tab or
/// form feed becomes a space), and a warning naming the first one's place.
/// Scraped and machine-written text carries such invisible characters.
fn without_invisible<'a>(rel: &Path, text: &'a str) -> (std::borrow::Cow<'a, str>, Vec<Diagnostic>) {
    let Some(first) = text.find(|c| !is_xml_char(c)) else { return (text.into(), Vec::new()) };
    let mut kept = String::with_capacity(text.len());
    let mut kinds: Vec<char> = Vec::new();
    let mut count = 0;
    for c in text.chars() {
        if is_xml_char(c) {
            kept.push(c);
            continue;
        }
        count += 1;
        if !kinds.contains(&c) {
            kinds.push(c);
        }
        if matches!(c, '\u{b}' | '\u{c}') {
            kept.push(' ');
        }
    }
    let (line, column) = line_col(text, first);
    (kept.into(), vec![invisible_warning(rel, count, &kinds).at(line, column)])
}

/// The warning for `count` characters XML does not allow, of these kinds.
pub(crate) fn invisible_warning(rel: &Path, count: usize, kinds: &[char]) -> Diagnostic {
    let names: Vec<String> = kinds.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect();
    let message = if count == 1 {
        format!("removed {}, an invisible character that XML feeds cannot carry", names[0])
    } else {
        format!(
            "removed {count} invisible characters that XML feeds cannot carry ({}), the first of them here",
            names.join(", ")
        )
    };
    Diagnostic::new(rel, message).hint("delete them in your editor, or fix the tool that wrote this file")
}

/// Parses and validates the text of an article file as if read from `rel`
/// (for tools and fuzzing: builds read the files themselves).
pub fn parse_text(rel: &Path, text: &str, config: &Config) -> Result<ArticleSource, Vec<Diagnostic>> {
    let text = normalize(text.to_string());
    let key = crate::cache::input_key(config, rel, &text);
    parse_article(rel, &text, config, key, None)
}

/// Parses an article, which only counts when it has no problem at all.
fn parse_article(
    rel: &Path,
    text: &str,
    config: &Config,
    key: Key,
    stamp: Option<Key>,
) -> Result<ArticleSource, Vec<Diagnostic>> {
    match read_article_leniently(rel, text, config, key, stamp) {
        (Some(source), problems) if problems.is_empty() => Ok(source),
        (_, problems) => Err(problems),
    }
}

/// Parses an article as far as it can be, with every problem found: the
/// article is `None` only when its front matter could not be read at all.
fn read_article_leniently(
    rel: &Path,
    text: &str,
    config: &Config,
    key: Key,
    stamp: Option<Key>,
) -> (Option<ArticleSource>, Vec<Diagnostic>) {
    let (text, mut warnings) = without_invisible(rel, text);
    let parts = match frontmatter::split(&text) {
        Ok(parts) => parts,
        Err((message, hint)) => return (None, vec![Diagnostic::new(rel, message).at(1, 1).hint(hint)]),
    };
    let _share = input_share(&text, parts.yaml);
    let place = Place { path: rel, yaml: parts.yaml, yaml_line: parts.yaml_line };
    let frontmatter::Read { raw, broken, mut problems } = frontmatter::read(&place);
    let Some(raw) = raw else { return (None, problems) };
    let (raw, escaped) = frontmatter::without_escaped_invisible(raw, &place);
    warnings.extend(escaped);
    let (front, found) = frontmatter::validate(raw, config, &place, &broken);
    problems.extend(found);
    let stem = article_stem(rel);
    let source = ArticleSource {
        path: rel.to_path_buf(),
        key,
        stamp,
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
    let place = Place { path: rel, yaml, yaml_line };
    let raw: RawNote = if yaml.trim().is_empty() {
        RawNote { title: None, highlights: Vec::new() }
    } else {
        frontmatter::check_limits(&place).map_err(|d| vec![d])?;
        serde_yaml::from_str(yaml).map_err(|e| vec![place.serde_error(&e)])?
    };
    let RawNote { title, highlights } = raw;
    let mut errors = Vec::new();
    let mut count = crate::error::ProblemCount::default();
    let highlights: Vec<String> = highlights.into_iter().map(|h| h.trim().to_string()).collect();
    for (i, slug) in highlights.iter().enumerate() {
        if !crate::model::slug::is_slug(slug) && count.show() {
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
    if !crate::model::slug::is_slug(&key) {
        let hint = format!("name story notes after their story key, e.g. content/stories/{}.md", slugify_or(&key));
        return Err(vec![Diagnostic::new(rel, format!("`{key}` is not a story key")).hint(hint)]);
    }
    let (yaml, yaml_line, body, body_line) = match frontmatter::split(text) {
        Ok(parts) => (parts.yaml, parts.yaml_line, parts.body, parts.body_line),
        Err(_) if !text.starts_with("---") => ("", 2, text, 1),
        Err((message, hint)) => return Err(vec![Diagnostic::new(rel, message).at(1, 1).hint(hint)]),
    };
    let place = Place { path: rel, yaml, yaml_line };
    let RawStoryNote { title } = if yaml.trim().is_empty() {
        RawStoryNote { title: None }
    } else {
        serde_yaml::from_str(yaml).map_err(|e| vec![place.serde_error(&e)])?
    };
    Ok(StoryNoteSource { path: rel.to_path_buf(), key, title: blank_to_none(title), body: body.to_string(), body_line })
}

/// A slug made of `text`, or an example one.
fn slugify_or(text: &str) -> String {
    let slug = crate::model::slug::slugify(text);
    if slug.is_empty() { "fab-expansion".to_string() } else { slug }
}

/// The position of a front-matter value in a content file, for errors found
/// after loading (the file is read again: errors are rare, and keeping every
/// file's text in memory for them would not be).
pub fn position_of(root: &Path, rel: &Path, steps: &[Step<'_>]) -> Option<(usize, usize)> {
    let raw = read_text(&root.join(rel), rel).ok()?;
    let (text, _) = without_invisible(rel, &raw);
    let parts = frontmatter::split(&text).ok()?;
    locate::locate(parts.yaml, steps).map(|(line, col)| (line + parts.yaml_line - 1, col))
}
