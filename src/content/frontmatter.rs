//! Front matter: splitting it from the body, reading it strictly into
//! [`RawFrontMatter`], and validating that into the [`FrontMatter`] the model
//! is built from. Every rule of FORMAT.md that concerns one file is checked
//! here; rules that need the whole site (duplicate slugs, `related` picks)
//! are checked in the model.

use indexmap::IndexMap;
use serde::Deserialize;

pub use super::credits::Section;
use super::credits::{Credits, RawAuthors, RawCredits};
use super::locate::locate;
use crate::config::{Config, Made, is_language_tag};
use crate::dates::{DATE_FORMATS, Moment, PartialDate};
use crate::error::{Diagnostic, ProblemCount, Step, closest, explain_serde_message};
use crate::paths::{check_http_url, is_site_path};
use crate::slug::{is_slug, slugify};

/// The most tags one article may have. Each tag gets a page and three feeds,
/// and each feed entry names the article's tags, so an article's tag outputs
/// grow with the square of its tag count: 5,000 tags on one article wrote
/// 1.5 GB.
pub const MAX_TAGS: usize = 20;

/// The largest front matter read (a long one is a few KiB). The YAML
/// reader keeps every event and value of the front matter in memory, up to a
/// few hundred bytes for each byte of YAML: 7.5 MiB of nested lists took
/// 1.9 GiB.
pub const MAX_FRONT_MATTER_BYTES: usize = 1 << 20;

/// The deepest front-matter lists and mappings may nest (the YAML reader's
/// own limit). Checked before the YAML reader runs, because its scanner
/// takes time that grows with the square of the depth of `[` and `{`.
pub const MAX_YAML_DEPTH: usize = 128;

/// A file cut into its front matter and its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Why a file could not be split: message, hint.
pub type SplitError = (String, String);

/// Cuts a file (BOM already removed, `\n` line ends) into front matter and body.
pub fn split(text: &str) -> Result<Parts<'_>, SplitError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err((
            "the file does not start with front matter".into(),
            "put a line `---` first, then `title:` and `date:` lines, then another `---`".into(),
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (line, next) in (2..).zip(lines) {
        if matches!(next.trim_end(), "---" | "...") {
            let body_start = offset + next.len();
            return Ok(Parts {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += next.len();
    }
    Err((
        "the front matter opened on line 1 is never closed".into(),
        "add a line `---` after the last front-matter key".into(),
    ))
}

/// Front matter exactly as written: the keys of FORMAT.md and nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    // Required, but optional here so that a file missing one is still read
    // (and checked) whole: `validate` reports the missing key.
    title: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    summary: Option<String>,
    category: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    language: Option<String>,
    #[serde(default)]
    audience: Vec<String>,
    source: Option<RawSource>,
    tldr: Option<RawTldr>,
    #[serde(default)]
    takeaways: Vec<String>,
    #[serde(default)]
    tables: Vec<RawTable>,
    #[serde(default)]
    deep_dive: Vec<String>,
    #[serde(default)]
    implications: Vec<RawImplication>,
    #[serde(default)]
    timeline: Vec<RawTimelineEntry>,
    #[serde(default)]
    related: Vec<String>,
    story: Option<String>,
    author: Option<RawAuthors>,
    made: Option<Made>,
    reviewed_by: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    image_focus: Option<Vec<f64>>,
    #[serde(default)]
    corrections: Vec<RawCorrection>,
    #[serde(default)]
    ai_generated: Vec<Section>,
    #[serde(default)]
    extra: IndexMap<String, serde_yaml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: String,
    url: Option<String>,
    language: Option<String>,
    collected: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTldr {
    what_changed: Option<String>,
    why_it_matters: Option<String>,
    what_to_do: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    title: Option<String>,
    caption: Option<String>,
    columns: Vec<String>,
    #[serde(default)]
    rows: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImplication {
    prediction: String,
    rationale: Option<String>,
    confidence: Option<Confidence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimelineEntry {
    date: String,
    event: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorrection {
    date: String,
    text: String,
}

/// The validated front matter of one article.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// The headline.
    pub title: String,
    /// When the article was published.
    pub date: Moment,
    /// When it was last updated, if ever (never before `date`).
    pub updated: Option<Moment>,
    /// An explicit slug, already checked to be one.
    pub slug: Option<String>,
    /// Left out of builds without `--drafts`.
    pub draft: bool,
    /// The one-line hook, when written.
    pub summary: Option<String>,
    /// A declared category key.
    pub category: Option<String>,
    /// Tag names as written, without duplicates.
    pub tags: Vec<String>,
    /// The BCP 47 tag of the language the article is written in, when it
    /// is not the site's.
    pub language: Option<String>,
    /// Who should care.
    pub audience: Vec<String>,
    /// The original report.
    pub source: Option<Source>,
    /// The three-part TL;DR (inline Markdown).
    pub tldr: Option<Tldr>,
    /// Key takeaways (inline Markdown).
    pub takeaways: Vec<String>,
    /// Comparison tables.
    pub tables: Vec<Table>,
    /// The technical deep dive (inline Markdown).
    pub deep_dive: Vec<String>,
    /// Predictions with their reasoning.
    pub implications: Vec<Implication>,
    /// Dated events, sorted by date (stable for equal dates).
    pub timeline: Vec<TimelineEntry>,
    /// Slugs of articles the editor picked as related.
    pub related: Vec<String>,
    /// The story key this article belongs to.
    pub story: Option<String>,
    /// The byline, how the article was made and who reviewed it.
    pub credits: Credits,
    /// The lead image.
    pub image: Option<Image>,
    /// Visible correction notes, oldest first.
    pub corrections: Vec<Correction>,
    /// Sections labelled as machine-written.
    pub ai_generated: Vec<Section>,
    /// Free-form values for themes.
    pub extra: IndexMap<String, serde_yaml::Value>,
}

/// Where the story came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Source {
    /// The publication's name.
    pub name: String,
    /// An http(s) URL; none for print, paywalled and wire sources.
    pub url: Option<String>,
    /// BCP 47 tag of the original's language.
    pub language: Option<String>,
    /// When the digest picked it up.
    pub collected: Option<Moment>,
}

/// What changed, why it matters, what to do next (each inline Markdown).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Tldr {
    /// What changed.
    pub what_changed: Option<String>,
    /// Why it matters.
    pub why_it_matters: Option<String>,
    /// What to do next.
    pub what_to_do: Option<String>,
}

/// A comparison table whose rows all have one cell per column.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Table {
    /// Heading above the table.
    pub title: Option<String>,
    /// Note under the table.
    pub caption: Option<String>,
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// A prediction and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Implication {
    /// What will happen (inline Markdown).
    pub prediction: String,
    /// Why (inline Markdown).
    pub rationale: Option<String>,
    /// How sure the desk is.
    pub confidence: Option<Confidence>,
}

/// How sure a prediction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Could well not happen.
    Low,
    /// Likely.
    Medium,
    /// Near certain.
    High,
}

/// One dated event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct TimelineEntry {
    /// A year, month or day.
    pub date: PartialDate,
    /// What happened (inline Markdown).
    pub event: String,
}

/// The lead image.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Image {
    /// A site path (`/images/x.jpg`), a file of the article's folder
    /// (`photo.jpg`) or an https URL.
    pub src: String,
    /// Its text alternative; empty for a decorative image (`image_alt: ""`).
    pub alt: String,
    /// The point crops keep in view (`image_focus`); the middle when not set.
    pub focus: Option<Focus>,
}

/// A point of an image that crops keep in view, as fractions of its width
/// and height from the top left corner (`image_focus: [0.3, 0.4]`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, Deserialize)]
pub struct Focus {
    /// From the left edge, 0 to 1.
    pub x: f32,
    /// From the top edge, 0 to 1.
    pub y: f32,
}

impl Focus {
    /// The middle of the image.
    pub const CENTER: Focus = Focus { x: 0.5, y: 0.5 };
}

impl Eq for Focus {}

impl std::hash::Hash for Focus {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.x.to_bits(), self.y.to_bits()).hash(state);
    }
}

/// A visible correction note.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Correction {
    /// When it was corrected.
    pub date: Moment,
    /// What was corrected.
    pub text: String,
}

/// A file's front matter as written, and where it starts: what validation
/// needs to place its errors at a line and column.
pub struct YamlText<'a> {
    /// The file, relative to the site root.
    pub path: &'a std::path::Path,
    /// Its front matter text.
    pub yaml: &'a str,
    /// The file line the YAML starts on.
    pub yaml_line: usize,
}

impl YamlText<'_> {
    /// A diagnostic pointing at the value at `steps`, or at the file when the
    /// value cannot be found.
    pub fn error(&self, steps: &[Step], message: impl Into<String>) -> Diagnostic {
        let at = locate(self.yaml, steps).map(|(line, col)| (line + self.yaml_line - 1, col));
        Diagnostic::new(self.path, message).at_opt(at)
    }

    /// A diagnostic for a serde error, at the position serde reports, in
    /// an editor's words where a common slip explains it.
    pub fn serde_error(&self, error: &serde_yaml::Error) -> Diagnostic {
        let full = error.to_string();
        let (message, at) = match error.location() {
            Some(loc) => {
                let own = format!(" at line {} column {}", loc.line(), loc.column());
                let message = full.strip_suffix(&own).unwrap_or(&full).replacen(&own, "", 1);
                (shift_lines(&message, self.yaml_line - 1), Some((loc.line() + self.yaml_line - 1, loc.column())))
            }
            None => (shift_lines(&full, self.yaml_line - 1), None),
        };
        if let Some(slip) = error.location().and_then(|loc| self.yaml_slip(&message, loc.line(), loc.column())) {
            return slip;
        }
        // A key missing from the whole front matter belongs to its opening `---`,
        // not to whichever key happens to come first.
        let at = if message.starts_with("missing field") { Some((self.yaml_line - 1, 1)) } else { at };
        let (message, hint) = if message.contains("expected struct RawFrontMatter") {
            let found = if message.contains("invalid type: sequence") {
                "a list"
            } else if message.contains("invalid type: map") {
                "a mapping of another shape"
            } else {
                "a single value"
            };
            (
                format!("the front matter is {found}, not a set of `key: value` lines"),
                Some("start with `title: \"…\"` and `date: …` lines".to_string()),
            )
        } else {
            explain_serde_message(&numbered_from_one(&message))
        };
        Diagnostic::new(self.path, message).at_opt(at).hint_opt(hint)
    }

    /// The two commonest YAML slips, said plainly: a `: ` inside a value
    /// (`title: Breaking: chips`), and a tab in the indentation. `line` and
    /// `column` are where the parser stopped, within the front matter.
    fn yaml_slip(&self, message: &str, line: usize, column: usize) -> Option<Diagnostic> {
        let text = self.yaml.lines().nth(line.checked_sub(1)?)?;
        let file_line = line + self.yaml_line - 1;
        if message.starts_with("mapping values are not allowed") {
            let item = text.trim_start().trim_start_matches("- ");
            let (key, value) = item.split_once(": ")?;
            let quoted = format!("\"{}\"", value.trim().replace('\\', "\\\\").replace('"', "\\\""));
            return Some(
                Diagnostic::new(
                    self.path,
                    format!("the value of `{key}` has a `: ` in it, which YAML reads as a new key"),
                )
                .at(file_line, column)
                .hint(format!("put the {} in double quotes: {key}: {quoted}", value_name(key))),
            );
        }
        let indent = &text[..text.len() - text.trim_start().len()];
        if indent.contains('\t') {
            return Some(
                Diagnostic::new(self.path, format!("line {file_line} is indented with a tab; YAML needs spaces"))
                    .at(file_line, indent.find('\t').map_or(1, |at| at + 1))
                    .hint(format!("replace the tab at the start of line {file_line} with spaces")),
            );
        }
        text.chars().nth(column.saturating_sub(1)).filter(|c| *c == '\t').map(|_| {
            Diagnostic::new(self.path, "there is a tab here, which YAML does not allow")
                .at(file_line, column)
                .hint("replace the tab with spaces")
        })
    }
}

/// What to call the value of a key in a hint: "the title", "the text".
fn value_name(key: &str) -> &'static str {
    match key {
        "title" => "title",
        "summary" => "summary",
        _ => "text",
    }
}

/// serde names list items from 0 (`takeaways[2]` is the third); editors
/// count from 1. Rewrites the path in front of a message:
/// `implications[0].confidence: …` becomes `implications, item 1, confidence: …`.
fn numbered_from_one(message: &str) -> String {
    let Some((path, rest)) = message.split_once(": ") else { return message.to_string() };
    let is_path =
        path.contains('[') && path.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'));
    if !is_path {
        return message.to_string();
    }
    let mut parts = Vec::new();
    for segment in path.split('.') {
        let mut pieces = segment.split('[');
        if let Some(name) = pieces.next().filter(|n| !n.is_empty()) {
            parts.push(name.to_string());
        }
        for index in pieces {
            match index.trim_end_matches(']').parse::<usize>() {
                Ok(n) => parts.push(format!("item {}", n + 1)),
                Err(_) => return message.to_string(),
            }
        }
    }
    format!("{}: {rest}", parts.join(", "))
}

/// The YAML parser counts lines from the start of the front matter; editors
/// count from the top of the file. Shifts every "line N" in a message.
fn shift_lines(message: &str, offset: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line ") {
        let (before, after) = rest.split_at(at + "line ".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + offset).to_string()),
            Err(_) => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Front matter read as far as it could be.
#[derive(Debug, Default)]
pub struct Read {
    /// The front matter without the keys whose values had the wrong shape;
    /// `None` when the YAML itself could not be read.
    pub raw: Option<RawFrontMatter>,
    /// The top-level keys left out, each reported in `problems`.
    pub broken: Vec<String>,
    /// What was wrong.
    pub problems: Vec<Diagnostic>,
}

/// How many broken keys one file may have before reading stops.
const MAX_BROKEN_KEYS: usize = 32;

/// Reads front matter YAML strictly (unknown keys and wrong types are
/// problems), but goes on past a key whose value has the wrong shape: the
/// key is reported and left out, and the rest is read, so that one slip
/// does not hide the file's other problems. A YAML syntax error stops it.
pub fn read(place: &YamlText<'_>) -> Read {
    let mut read = Read::default();
    if place.yaml.trim().is_empty() {
        read.problems.push(
            Diagnostic::new(place.path, "the front matter is empty")
                .at(place.yaml_line - 1, 1)
                .hint("an article needs at least `title:` and `date:`"),
        );
        return read;
    }
    if let Some(problem) = beyond_limits(place) {
        read.problems.push(problem);
        return read;
    }
    let mut yaml = place.yaml.to_string();
    for _ in 0..MAX_BROKEN_KEYS {
        match serde_yaml::from_str::<RawFrontMatter>(&yaml) {
            Ok(raw) => {
                read.raw = Some(raw);
                break;
            }
            Err(error) => {
                let shape = is_shape_error(&error.to_string());
                // After a key is left out, only more of the same kind of
                // problem is certain to be the editor's.
                if shape || read.problems.is_empty() {
                    let problem = place.serde_error(&error);
                    // A misspelt key (`titel`) is not also a missing one.
                    let meant =
                        problem.hint.as_deref().and_then(|h| h.strip_prefix("did you mean `")?.strip_suffix("`?"));
                    if problem.message.starts_with("unknown field")
                        && let Some(meant) = meant
                    {
                        read.broken.push(meant.to_string());
                    }
                    read.problems.push(problem);
                }
                let key = error.location().filter(|_| shape).and_then(|loc| leave_out_key(&mut yaml, loc.line()));
                match key {
                    Some(key) => read.broken.push(key),
                    None => break,
                }
            }
        }
    }
    read
}

/// True for serde's errors about a value of the wrong shape, after which the
/// YAML is still readable (not a syntax error).
fn is_shape_error(message: &str) -> bool {
    [
        "invalid type",
        "unknown field",
        "unknown variant",
        "invalid value",
        "invalid length",
        "missing field",
        "duplicate field",
    ]
    .iter()
    .any(|kind| message.contains(kind))
}

/// Blanks the lines of the top-level key whose value holds `line` (1-based),
/// keeping every other line where it was; returns the key.
fn leave_out_key(yaml: &mut String, line: usize) -> Option<String> {
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let is_key = |text: &str| {
        text.chars().next().is_some_and(|c| !c.is_whitespace() && !matches!(c, '#' | '-' | '{' | '['))
            && text.contains(':')
    };
    let start = (0..line.min(lines.len())).rev().find(|&i| is_key(lines[i]))?;
    let end = (start + 1..lines.len()).find(|&i| is_key(lines[i])).unwrap_or(lines.len());
    let key = lines[start].split(':').next()?.trim().trim_matches(['"', '\'']).to_string();
    let kept: String =
        lines.iter().enumerate().map(|(i, text)| if (start..end).contains(&i) { "\n" } else { text }).collect();
    if kept.trim().is_empty() {
        return None;
    }
    *yaml = kept;
    Some(key)
}

/// The problem with front matter too large or too deeply nested for the
/// YAML reader to read in bounded time and memory (see
/// [`MAX_FRONT_MATTER_BYTES`] and [`MAX_YAML_DEPTH`]), if it is.
pub fn beyond_limits(place: &YamlText<'_>) -> Option<Diagnostic> {
    let size = place.yaml.len();
    if size > MAX_FRONT_MATTER_BYTES {
        return Some(
            Diagnostic::new(
                place.path,
                format!(
                    "the front matter is {} KiB; it may be at most {} KiB",
                    size.div_ceil(1024),
                    MAX_FRONT_MATTER_BYTES >> 10
                ),
            )
            .at(place.yaml_line - 1, 1)
            .hint("keep long text in the body, below the closing `---`"),
        );
    }
    too_deep(place.yaml).map(|(line, column)| {
        Diagnostic::new(
            place.path,
            format!("the front matter nests lists and mappings more than {MAX_YAML_DEPTH} levels deep"),
        )
        .at(line + place.yaml_line - 1, column)
        .hint("check for a `[` or `{` that is never closed")
    })
}

/// Where (line, column) the YAML first nests deeper than [`MAX_YAML_DEPTH`].
/// Counting brackets is quick but counts those in quoted text too; when it
/// finds them too deep, saphyr's parser (whose flow depth is capped at 255,
/// so its work stays in step with the text) reads the YAML to tell. Where
/// saphyr refuses the text, the count of brackets decides.
fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let brackets = brackets_too_deep(yaml)?;
    let mut depth = 0usize;
    for event in saphyr_parser::Parser::new_from_str(yaml) {
        match event {
            Ok((saphyr_parser::Event::MappingStart(..) | saphyr_parser::Event::SequenceStart(..), span)) => {
                depth += 1;
                if depth > MAX_YAML_DEPTH {
                    return Some((span.start.line(), span.start.col() + 1));
                }
            }
            Ok((saphyr_parser::Event::MappingEnd | saphyr_parser::Event::SequenceEnd, _)) => depth -= 1,
            Ok(_) => {}
            Err(_) => return Some(brackets),
        }
    }
    None
}

/// Where (line, column) `[` and `{` first nest deeper than
/// [`MAX_YAML_DEPTH`], counting every bracket (even in quotes).
fn brackets_too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (i, line) in yaml.lines().enumerate() {
        for (j, c) in line.chars().enumerate() {
            match c {
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MAX_YAML_DEPTH {
                return Some((i + 1, j + 1));
            }
        }
    }
    None
}

/// Front matter without the characters XML does not allow that YAML escapes
/// (`"\x01"`, `"\uFFFF"`) put into its values, and a warning at the first
/// value that held one. (Such characters written as they are were removed
/// with the rest of the file's, before the YAML was read.)
pub fn without_escaped_invisible(raw: RawFrontMatter, place: &YamlText<'_>) -> (RawFrontMatter, Vec<Diagnostic>) {
    // Only an escape sequence can put one there, and escapes need a backslash.
    if !place.yaml.contains('\\') {
        return (raw, Vec::new());
    }
    let mut first = None;
    let mut kinds: Vec<char> = Vec::new();
    let mut count = 0;
    let events = saphyr_parser::Parser::new_from_str(place.yaml).map_while(Result::ok);
    for (event, span) in events {
        let saphyr_parser::Event::Scalar(value, ..) = event else { continue };
        for c in value.chars().filter(|c| !super::text::is_xml_char(*c)) {
            first.get_or_insert((span.start.line() + place.yaml_line - 1, span.start.col() + 1));
            count += 1;
            if !kinds.contains(&c) {
                kinds.push(c);
            }
        }
    }
    let Some((line, column)) = first else { return (raw, Vec::new()) };
    let warning = super::text::invisible_warning(place.path, count, &kinds).at(line, column);
    // Read again from values without them (rare: no need to be quick).
    let cleaned = serde_yaml::from_str::<serde_yaml::Value>(place.yaml)
        .map(without_invisible_strings)
        .and_then(serde_yaml::from_value::<RawFrontMatter>);
    (cleaned.unwrap_or(raw), vec![warning])
}

/// A YAML value with the characters XML does not allow dropped from every string.
fn without_invisible_strings(value: serde_yaml::Value) -> serde_yaml::Value {
    use serde_yaml::Value;
    let clean = |text: String| text.chars().filter(|c| super::text::is_xml_char(*c)).collect::<String>();
    match value {
        Value::String(text) => Value::String(clean(text)),
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(without_invisible_strings).collect()),
        Value::Mapping(map) => Value::Mapping(
            map.into_iter().map(|(k, v)| (without_invisible_strings(k), without_invisible_strings(v))).collect(),
        ),
        Value::Tagged(tagged) => {
            let serde_yaml::value::TaggedValue { tag, value } = *tagged;
            Value::Tagged(Box::new(serde_yaml::value::TaggedValue { tag, value: without_invisible_strings(value) }))
        }
        other => other,
    }
}

/// Checks every rule of FORMAT.md that concerns this one file, and returns
/// the front matter with every problem found (not only the first). Values
/// that break a rule are left out (an invalid slug, an undeclared
/// category…), so the rest of the site can still be checked with the
/// article; keys in `broken` were already reported.
pub fn validate(
    raw: RawFrontMatter,
    config: &Config,
    place: &YamlText<'_>,
    broken: &[String],
) -> (FrontMatter, Vec<Diagnostic>) {
    let RawFrontMatter {
        title,
        date,
        updated,
        slug,
        draft,
        summary,
        category,
        tags,
        language,
        audience,
        source,
        tldr,
        takeaways,
        tables,
        deep_dive,
        implications,
        timeline,
        related,
        story,
        author,
        made,
        reviewed_by,
        image,
        image_alt,
        image_focus,
        corrections,
        ai_generated,
        extra,
    } = raw;
    let mut v = Validator { config, place, errors: Vec::new(), count: ProblemCount::default() };
    let is_broken = |key: &str| broken.iter().any(|b| b == key);

    let title = match title {
        Some(title) => {
            let title = title.trim().to_string();
            if title.is_empty() {
                v.fail(&[Step::Key("title")], "`title` is empty", "every article needs a headline");
            }
            title
        }
        None => {
            if !is_broken("title") {
                v.missing("title");
            }
            String::new()
        }
    };
    let date = match date {
        Some(date) => v.moment(&[Step::Key("date")], &date),
        None => {
            if !is_broken("date") {
                v.missing("date");
            }
            None
        }
    };
    let updated = updated.and_then(|u| v.moment(&[Step::Key("updated")], &u));
    if let (Some(date), Some(up)) = (date, updated)
        && up.instant < date.instant
    {
        v.fail(
            &[Step::Key("updated")],
            format!("`updated` ({}) is before `date` ({})", up.rfc3339(), date.rfc3339()),
            "updated must be the same as or later than date",
        );
    }
    let slug = blank_to_none(slug).filter(|slug| v.slug_like(&[Step::Key("slug")], "slug", slug));
    let category = blank_to_none(category);
    if let Some(key) = &category {
        v.category(key);
    } else if config.permalink.uses_category() && !is_broken("category") {
        v.fail(
            &[],
            "this article has no `category`, but the permalink in site.toml uses {category}",
            "add `category:` with one of the keys declared in site.toml",
        );
    }
    let tags = v.tags(tags);
    let language = blank_to_none(language).and_then(|l| v.language(&l));
    let source = source.and_then(|s| v.source(s));
    let tldr = tldr.and_then(|t| {
        let t = Tldr {
            what_changed: blank_to_none(t.what_changed),
            why_it_matters: blank_to_none(t.why_it_matters),
            what_to_do: blank_to_none(t.what_to_do),
        };
        (t.what_changed.is_some() || t.why_it_matters.is_some() || t.what_to_do.is_some()).then_some(t)
    });
    let tables = v.tables(tables);
    let implications = v.implications(implications);
    let timeline = v.timeline(timeline);
    let related = v.related(related);
    let story = blank_to_none(story).filter(|story| v.slug_like(&[Step::Key("story")], "story", story));
    let category = category.filter(|key| config.category(key).is_some());
    let focus = image_focus.and_then(|f| v.focus(&f));
    let image = v.image(blank_to_none(image), image_alt.map(|alt| alt.trim().to_string()), focus);
    let corrections = v.corrections(corrections);
    let credits = super::credits::validate(
        RawCredits { author, made, reviewed_by },
        &ai_generated,
        config,
        &mut |steps, message, hint| v.fail(steps, message, hint),
    );

    let front = FrontMatter {
        title,
        date: date.unwrap_or(Moment {
            instant: jiff::Timestamp::UNIX_EPOCH,
            offset: jiff::tz::Offset::UTC,
            explicit_offset: true,
        }),
        updated,
        slug,
        draft,
        summary: blank_to_none(summary),
        category,
        tags,
        language,
        audience: non_blank(audience),
        source,
        tldr,
        takeaways: non_blank(takeaways),
        tables,
        deep_dive: non_blank(deep_dive),
        implications,
        timeline,
        related,
        story,
        credits,
        image,
        corrections,
        ai_generated,
        extra,
    };
    v.errors.extend(v.count.summary(place.path));
    (front, v.errors)
}

/// Trimmed text, or `None` when blank: an empty skeleton field counts as absent.
pub fn blank_to_none(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

fn non_blank(items: Vec<String>) -> Vec<String> {
    items.into_iter().filter_map(|t| blank_to_none(Some(t))).collect()
}

struct Validator<'a> {
    config: &'a Config,
    place: &'a YamlText<'a>,
    errors: Vec<Diagnostic>,
    count: ProblemCount,
}

impl Validator<'_> {
    fn fail(&mut self, steps: &[Step], message: impl Into<String>, hint: impl Into<String>) {
        if self.count.show() {
            self.errors.push(self.place.error(steps, message).hint(hint));
        }
    }

    fn moment(&mut self, steps: &[Step], text: &str) -> Option<Moment> {
        match Moment::parse(text, &self.config.timezone) {
            Ok(moment) => Some(moment),
            Err(message) => {
                self.fail(steps, message, DATE_FORMATS);
                None
            }
        }
    }

    /// A required key the front matter lacks; at the opening `---`, not at
    /// whichever key happens to come first.
    fn missing(&mut self, key: &str) {
        let (message, hint) = explain_serde_message(&format!("missing field `{key}`"));
        self.errors.push(Diagnostic::new(self.place.path, message).at(self.place.yaml_line - 1, 1).hint_opt(hint));
    }

    /// Checks a slug-like value; true when it can be used.
    fn slug_like(&mut self, steps: &[Step], what: &str, text: &str) -> bool {
        if !is_slug(text) {
            let suggestion = slugify(text);
            let hint = if suggestion.is_empty() {
                "use lower-case letters, digits and `-`".to_string()
            } else {
                format!("use lower-case letters, digits and `-`, e.g. `{suggestion}`")
            };
            self.fail(steps, format!("{what} `{text}` is not a slug"), hint);
            false
        } else if let Some(why) = crate::slug::unusable(text) {
            self.fail(steps, format!("{what} `{text}` cannot name a folder: {why}"), "choose another one");
            false
        } else {
            true
        }
    }

    fn category(&mut self, key: &str) {
        let declared: Vec<&str> = self.config.categories.iter().map(|c| c.key.as_str()).collect();
        if declared.contains(&key) {
            return;
        }
        let hint = match (closest(key, declared.iter().copied()), declared.is_empty()) {
            (Some(best), _) => format!("did you mean `{best}`? declared categories are: {}", declared.join(", ")),
            (None, false) => format!("declared categories are: {}", declared.join(", ")),
            (None, true) => format!("declare it in site.toml: [categories.{key}] with label = \"…\""),
        };
        self.fail(&[Step::Key("category")], format!("category `{key}` is not declared in site.toml"), hint);
    }

    fn tags(&mut self, tags: Vec<String>) -> Vec<String> {
        let written = tags.iter().filter(|t| !t.trim().is_empty()).count();
        if written > MAX_TAGS {
            self.fail(
                &[Step::Key("tags")],
                format!("`tags` lists {written} tags; an article may have at most {MAX_TAGS}"),
                "keep the tags a reader would follow: each one gets its own page and feeds",
            );
            return Vec::new();
        }
        let mut seen = Vec::new();
        let mut kept = Vec::new();
        for (i, tag) in tags.into_iter().enumerate() {
            let tag = tag.trim().to_string();
            let key = slugify(&tag);
            if tag.is_empty() {
                continue;
            }
            if key.is_empty() {
                self.fail(
                    &[Step::Key("tags"), Step::Index(i)],
                    format!("tag `{tag}` has no letters or digits"),
                    "tags become URLs such as /tags/energy/",
                );
            } else if let Some(why) = crate::slug::unusable(&key) {
                self.fail(
                    &[Step::Key("tags"), Step::Index(i)],
                    format!("tag `{tag}` cannot name a folder: {why}"),
                    "choose another tag",
                );
            } else if !seen.contains(&key) {
                seen.push(key);
                kept.push(tag);
            }
        }
        kept
    }

    /// The article's language, when it is a language tag and not the
    /// site's own (written the site's way: `zh` on a `zh` site is no news).
    fn language(&mut self, tag: &str) -> Option<String> {
        match crate::config::language_problem(tag) {
            Some((message, hint)) => {
                self.fail(&[Step::Key("language")], message, hint);
                None
            }
            None if tag.eq_ignore_ascii_case(&self.config.language) => None,
            None => Some(tag.to_string()),
        }
    }

    fn source(&mut self, raw: RawSource) -> Option<Source> {
        let RawSource { name, url, language, collected } = raw;
        let at = |key| [Step::Key("source"), Step::Key(key)];
        let name = name.trim().to_string();
        if name.is_empty() {
            self.fail(&at("name"), "`source.name` is empty", "name the publication the story came from");
        }
        let url = blank_to_none(url);
        if let Some(Err(message)) = url.as_deref().map(check_http_url) {
            self.fail(
                &at("url"),
                format!("`source.url`: {message}"),
                "give the full address, e.g. https://news.example.com/a/123",
            );
        }
        let language = blank_to_none(language);
        if let Some(lang) = &language
            && !is_language_tag(lang)
        {
            self.fail(
                &at("language"),
                format!("`{lang}` is not a language tag"),
                "use a BCP 47 tag such as en, zh or pt-BR",
            );
        }
        let collected = blank_to_none(collected).and_then(|c| self.moment(&at("collected"), &c));
        Some(Source { name, url, language, collected })
    }

    fn tables(&mut self, raw: Vec<RawTable>) -> Vec<Table> {
        let mut tables = Vec::with_capacity(raw.len());
        for (i, RawTable { title, caption, columns, rows }) in raw.into_iter().enumerate() {
            let title = blank_to_none(title);
            let name = match &title {
                Some(t) => format!("table {} (\"{t}\")", i + 1),
                None => format!("table {}", i + 1),
            };
            if columns.is_empty() {
                self.fail(
                    &[Step::Key("tables"), Step::Index(i), Step::Key("columns")],
                    format!("{name} has no columns"),
                    "list the column headers, e.g. columns: [Feature, Builder A, Builder B]",
                );
            }
            for (r, row) in rows.iter().enumerate() {
                if !columns.is_empty() && row.len() != columns.len() {
                    self.fail(
                        &[Step::Key("tables"), Step::Index(i), Step::Key("rows"), Step::Index(r)],
                        format!(
                            "{name}, row {}: {} cells, but the table has {} columns",
                            r + 1,
                            row.len(),
                            columns.len()
                        ),
                        "give every row exactly one cell per column (use \"\" for an empty cell)",
                    );
                }
            }
            tables.push(Table { title, caption: blank_to_none(caption), columns, rows });
        }
        tables
    }

    fn implications(&mut self, raw: Vec<RawImplication>) -> Vec<Implication> {
        let mut kept = Vec::with_capacity(raw.len());
        for (i, RawImplication { prediction, rationale, confidence }) in raw.into_iter().enumerate() {
            let prediction = prediction.trim().to_string();
            if prediction.is_empty() {
                self.fail(
                    &[Step::Key("implications"), Step::Index(i), Step::Key("prediction")],
                    format!("implication {} has an empty prediction", i + 1),
                    "say what you expect to happen",
                );
            }
            kept.push(Implication { prediction, rationale: blank_to_none(rationale), confidence });
        }
        kept
    }

    fn timeline(&mut self, raw: Vec<RawTimelineEntry>) -> Vec<TimelineEntry> {
        let mut entries = Vec::with_capacity(raw.len());
        for (i, RawTimelineEntry { date, event }) in raw.into_iter().enumerate() {
            let at = |key| [Step::Key("timeline"), Step::Index(i), Step::Key(key)];
            let event = event.trim().to_string();
            if event.is_empty() {
                self.fail(
                    &at("event"),
                    format!("timeline entry {} has an empty event", i + 1),
                    "say what happened on that date",
                );
            }
            match PartialDate::parse(&date) {
                Ok(date) => entries.push(TimelineEntry { date, event }),
                Err(message) => self.fail(&at("date"), message, "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-03"),
            }
        }
        entries.sort_by_key(|e| e.date.sort_key());
        entries
    }

    fn related(&mut self, raw: Vec<String>) -> Vec<String> {
        let mut kept = Vec::with_capacity(raw.len());
        let mut seen = std::collections::HashSet::new();
        for (i, slug) in raw.into_iter().enumerate() {
            let slug = slug.trim().to_string();
            if slug.is_empty() || !seen.insert(slug.clone()) {
                continue;
            }
            if self.slug_like(&[Step::Key("related"), Step::Index(i)], "related", &slug) {
                kept.push(slug);
            }
        }
        kept
    }

    fn image(&mut self, src: Option<String>, alt: Option<String>, focus: Option<Focus>) -> Option<Image> {
        match (src, alt) {
            (None, Some(alt)) if !alt.is_empty() => {
                self.fail(
                    &[Step::Key("image_alt")],
                    "`image_alt` is set but there is no `image`",
                    "add `image:` or remove `image_alt:`",
                );
                None
            }
            (None, _) => {
                if focus.is_some() {
                    self.fail(
                        &[Step::Key("image_focus")],
                        "`image_focus` is set but there is no `image`",
                        "add `image:` or remove `image_focus:`",
                    );
                }
                None
            }
            (Some(src), alt) => {
                let site_path = is_site_path(&src);
                let https_url = src.starts_with("https://") && check_http_url(&src).is_ok();
                let usable = site_path || https_url || is_relative_path(&src);
                if !usable {
                    self.fail(
                        &[Step::Key("image")],
                        format!("image `{src}` is neither a path under static/ nor an https URL"),
                        "write /images/name.jpg for static/images/name.jpg, or a full https:// address",
                    );
                }
                if alt.is_none() {
                    self.fail(
                        &[Step::Key("image")],
                        "`image` needs `image_alt`",
                        "describe the picture for readers who cannot see it: image_alt: \"…\" (or image_alt: \"\" \
                         for a purely decorative picture)",
                    );
                }
                usable.then(|| Image { src, alt: alt.unwrap_or_default(), focus })
            }
        }
    }

    /// A focal point: two fractions from 0 to 1.
    fn focus(&mut self, raw: &[f64]) -> Option<Focus> {
        match raw {
            [x, y] if (0.0..=1.0).contains(x) && (0.0..=1.0).contains(y) => Some(Focus { x: *x as f32, y: *y as f32 }),
            _ => {
                self.fail(
                    &[Step::Key("image_focus")],
                    "`image_focus` must be two fractions from 0 to 1: across, then down",
                    "e.g. image_focus: [0.5, 0.3] keeps the point halfway across and a third down in view",
                );
                None
            }
        }
    }

    fn corrections(&mut self, raw: Vec<RawCorrection>) -> Vec<Correction> {
        let mut kept = Vec::with_capacity(raw.len());
        for (i, RawCorrection { date, text }) in raw.into_iter().enumerate() {
            let at = |key| [Step::Key("corrections"), Step::Index(i), Step::Key(key)];
            let text = text.trim().to_string();
            if text.is_empty() {
                self.fail(
                    &at("text"),
                    format!("correction {} has no text", i + 1),
                    "say what was wrong and what is right",
                );
            }
            if let Some(date) = self.moment(&at("date"), &date) {
                kept.push(Correction { date, text });
            }
        }
        kept.sort_by_key(|c| c.date.instant);
        kept
    }
}

/// True for a path relative to the article's file (`photo.jpg`,
/// `img/chart.png`): no scheme, no leading `/`, nothing a browser reads as
/// another host.
pub fn is_relative_path(src: &str) -> bool {
    !src.is_empty()
        && !src.starts_with('/')
        && !src.contains(|c: char| c == '\\' || c.is_ascii_control())
        && !src.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_both_parts_and_their_lines() {
        let parts = split("---\ntitle: A\ndate: 2026-11-23\n---\n\nBody\n").unwrap();
        assert_eq!(parts.yaml, "title: A\ndate: 2026-11-23\n");
        assert_eq!(parts.yaml_line, 2);
        assert_eq!(parts.body, "\nBody\n");
        assert_eq!(parts.body_line, 5);
    }

    #[test]
    fn split_refuses_missing_or_open_front_matter() {
        assert_eq!(split("# Just a heading\n").unwrap_err().0, "the file does not start with front matter");
        assert_eq!(split("---\ntitle: A\n").unwrap_err().0, "the front matter opened on line 1 is never closed");
        assert!(split("").is_err());
    }

    #[test]
    fn yaml_lines_are_shifted_to_file_lines() {
        assert_eq!(
            shift_lines("scanning a quoted scalar at line 1 column 8", 1),
            "scanning a quoted scalar at line 2 column 8"
        );
        assert_eq!(shift_lines("no line here", 1), "no line here");
    }

    #[test]
    fn split_accepts_a_body_less_file() {
        let parts = split("---\ntitle: A\n---").unwrap();
        assert_eq!(parts.body, "");
    }
}
