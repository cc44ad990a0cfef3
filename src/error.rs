//! Errors as the user sees them.
//!
//! Every problem found in an input becomes a [`Diagnostic`] that names its
//! [`Origin`] (a file relative to the site root, a command-line option, or a
//! page the build generates), the line and column when known, what is wrong
//! and, when there is one, what to do about it. Stages collect the
//! diagnostics of every broken file and return them together in
//! [`Error::Invalid`], so an editor fixes everything in one pass. Every other
//! way a command fails is an [`Error`] variant of its own.

use std::fmt;
use std::path::{Path, PathBuf};

/// What a problem is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    /// A file or folder, as the user would type it (relative to the site
    /// root when it is in the site).
    File(PathBuf),
    /// A command-line option, such as `--base-url`.
    Flag(String),
    /// A page the build generates, as a reader would name it: "the page of
    /// tag `x`", "the generated feed.xml".
    Generated(String),
}

impl Origin {
    /// The file, when the origin is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Origin::File(path) => Some(path),
            Origin::Flag(_) | Origin::Generated(_) => None,
        }
    }

    /// What diagnostics are sorted by: the file, or the name of the option
    /// or page, compared as paths are (folder by folder).
    fn sort_key(&self) -> &Path {
        match self {
            Origin::File(path) => path,
            Origin::Flag(name) | Origin::Generated(name) => Path::new(name),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Flag(name) | Origin::Generated(name) => f.write_str(name),
        }
    }
}

/// One step of a path into a file's front matter (`related[2]` is
/// `[Key("related"), Index(2)]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A key of a mapping.
    Key(&'static str),
    /// A 0-based position in a list.
    Index(usize),
}

/// One problem in one input.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// What it is about.
    pub origin: Origin,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known (only meaningful with a line).
    pub column: Option<usize>,
    /// The front-matter value the problem is about, when it was found after
    /// the file was read: the reporter turns it into the line and column
    /// (see `report::place_fields`) before the problem is shown or kept.
    #[serde(skip)]
    pub field: Option<Box<[Step]>>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when newsprint can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (no line known).
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::about(Origin::File(path.into()), message)
    }

    /// A problem with a command-line option (`--base-url`).
    pub fn flag(name: &str, message: impl Into<String>) -> Self {
        Diagnostic::about(Origin::Flag(name.to_string()), message)
    }

    /// A problem with a page the build generates, named as a reader would.
    pub fn generated(page: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::about(Origin::Generated(page.into()), message)
    }

    /// A problem with anything.
    pub fn about(origin: Origin, message: impl Into<String>) -> Self {
        Diagnostic { origin, line: None, column: None, field: None, message: message.into(), hint: None }
    }

    /// Places the problem at a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Places the problem at a position when one is known.
    pub fn at_opt(self, position: Option<(usize, usize)>) -> Self {
        match position {
            Some((line, column)) => self.at(line, column),
            None => self,
        }
    }

    /// Points the problem at a value of its file's front matter; a line and
    /// column set too are kept when the value is not found.
    pub fn at_field(mut self, steps: &[Step]) -> Self {
        self.field = Some(steps.into());
        self
    }

    /// Adds advice on how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds advice only when there is some.
    pub fn hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// `path:line:column`, as far as it is known.
    pub fn location(&self) -> String {
        let path = &self.origin;
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{path}:{line}:{column}"),
            (Some(line), None) => format!("{path}:{line}"),
            _ => path.to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the site's own files (site.toml, content, templates): all of
    /// them, sorted by file and position.
    #[error("{}", join_diagnostics(.0))]
    Invalid(Vec<Diagnostic>),
    /// A file or folder could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The folder given as the site has no site.toml.
    #[error("no site.toml in {}: run newsprint in a site folder, or pass --root", folder_name(.root))]
    NoSite {
        /// The folder given.
        root: PathBuf,
    },
    /// The output folder is one a build may not write: the site itself, a
    /// folder of its sources, or someone else's files.
    #[error("refusing to write the site to {}: {why}", .output.display())]
    UnsafeOutput {
        /// The output folder.
        output: PathBuf,
        /// Why, and what to do instead.
        why: String,
    },
    /// The output folder has no parent to write it in (it is `/`).
    #[error("cannot write the site to {}", .0.display())]
    NoOutputFolder(PathBuf),
    /// `newsprint init` or `newsprint new` would write over a file, or has no
    /// name for the new one.
    #[error("{0}")]
    Scaffold(String),
    /// A deploy that cannot start (no build to upload, a file that cannot
    /// become an object name) or would delete more than allowed.
    #[error("{0}")]
    Deploy(String),
    /// No storage credentials, or ones that cannot be used.
    #[error("{0}")]
    Credentials(String),
    /// The search index could not be built.
    #[error("search indexing {0}")]
    Search(String),
    /// The dev server could not start, watch the sources or keep serving.
    #[error("{0}")]
    Server(String),
    /// The storage service of a deploy could not be reached, or refused or
    /// failed a request: what was being done, where, and why.
    #[error("{0}")]
    Remote(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().to_path_buf(), source }
    }

    /// Sorts diagnostics so output is stable whatever order threads found them in.
    pub fn invalid(diagnostics: Vec<Diagnostic>) -> Self {
        Error::Invalid(sorted(diagnostics))
    }

    /// The diagnostics of an [`Error::Invalid`], empty for other errors.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid(list) => list,
            _ => &[],
        }
    }
}

/// Diagnostics in file and position order, without repeats, so output is
/// stable whatever order threads found them in.
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    fn key(d: &Diagnostic) -> (&Path, Option<usize>, Option<usize>, &str) {
        (d.origin.sort_key(), d.line, d.column, &d.message)
    }
    diagnostics.sort_by(|a, b| key(a).cmp(&key(b)));
    diagnostics.dedup();
    diagnostics
}

/// A folder as a message names it: "the current folder" for `.`.
fn folder_name(root: &Path) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        "the current folder".to_string()
    } else {
        root.display().to_string()
    }
}

fn join_diagnostics(list: &[Diagnostic]) -> String {
    list.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// The most problems of one kind worked out in full for one file. Placing a
/// problem in its file and finding what to suggest cost time in proportion to
/// the file, so a file with thousands of broken values would take minutes;
/// the first hundred show what is wrong.
pub const MAX_PROBLEMS_PER_FILE: usize = 100;

/// Counts the problems of one kind in one file, so that only the first
/// [`MAX_PROBLEMS_PER_FILE`] are worked out and the rest are only counted.
#[derive(Debug, Default)]
pub struct ProblemCount {
    found: usize,
}

impl ProblemCount {
    /// Counts a problem; true when it is to be worked out and shown.
    pub fn show(&mut self) -> bool {
        self.found += 1;
        self.found <= MAX_PROBLEMS_PER_FILE
    }

    /// A diagnostic saying how many there were, when not all were shown.
    pub fn summary(&self, path: &Path) -> Option<Diagnostic> {
        (self.found > MAX_PROBLEMS_PER_FILE).then(|| {
            Diagnostic::new(
                path,
                format!(
                    "this file has {} problems like the ones below; only the first {MAX_PROBLEMS_PER_FILE} are shown",
                    self.found
                ),
            )
            .hint("fix those, then run again to see the rest")
        })
    }
}

/// The result type of every fallible stage.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Runs every check of a stage and keeps all their diagnostics, so one run
/// reports every broken file instead of stopping at the first.
#[derive(Debug, Default)]
pub struct Collector {
    diagnostics: Vec<Diagnostic>,
}

impl Collector {
    /// An empty collector.
    pub fn new() -> Self {
        Collector::default()
    }

    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Records many problems.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    /// Keeps the value of an `Ok`, records the diagnostics of an `Err`.
    pub fn take<T>(&mut self, result: Result<T, Vec<Diagnostic>>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(found) => {
                self.diagnostics.extend(found);
                None
            }
        }
    }

    /// Every problem recorded, in file and position order, without repeats.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        sorted(self.diagnostics)
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// `Ok(value)` when nothing was recorded, else every recorded problem.
    pub fn finish<T>(self, value: T) -> Result<T> {
        if self.diagnostics.is_empty() { Ok(value) } else { Err(Error::invalid(self.diagnostics)) }
    }
}

/// The 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Turns a serde message into a short message and a hint.
///
/// serde reports an unknown key as "unknown field `x`, expected one of `a`,
/// `b`"; editors are better served by "unknown field `x`" and "did you mean
/// `a`?". Other messages get a hint when a common mistake explains them.
pub fn explain_serde_message(message: &str) -> (String, Option<String>) {
    for what in ["field", "variant"] {
        let marker = format!("unknown {what} `");
        let Some(start) = message.find(&marker) else {
            continue;
        };
        let rest = &message[start + marker.len()..];
        let Some(end) = rest.find('`') else { continue };
        let unknown = &rest[..end];
        let expected: Vec<&str> = rest[end + 1..].split('`').skip(1).step_by(2).collect();
        let short = message[..start + marker.len() + end + 1].to_string();
        let hint = did_you_mean(unknown, expected.iter().copied()).or_else(|| {
            (!expected.is_empty()).then(|| {
                let list: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
                format!("allowed here: {}", list.join(", "))
            })
        });
        return (short, hint);
    }
    // `missing field `x``, maybe after the path of the item that lacks it.
    let missing = message.find("missing field `").map(|at| &message[at + "missing field `".len()..]);
    if let Some(field) = missing.and_then(|rest| rest.strip_suffix('`')) {
        let example = match field {
            "title" => "title: \"Chipmaker pauses fab expansion\"",
            "date" => "date: 2026-11-23T09:40:00+08:00",
            "name" => "name: \"Example Daily\"",
            "url" => "url: \"https://news.example.com/a/123\"",
            "label" => "label = \"Infrastructure\"",
            _ => "",
        };
        let hint = if example.is_empty() { format!("add `{field}`") } else { format!("add it, e.g. {example}") };
        return (message.to_string(), Some(hint));
    }
    let hint = if message.contains("expected a sequence") {
        Some("write a list, either `[a, b]` or one `- item` per line".to_string())
    } else if message.contains("invalid type: map, expected a string") {
        Some("a `: ` in the text makes YAML read it as `key: value`; put the text in double quotes".to_string())
    } else if message.contains("expected a string") {
        Some("put the text in double quotes".to_string())
    } else if message.contains("expected struct") || message.contains("expected a map") {
        Some("write `key: value` lines here".to_string())
    } else if message.contains("expected a boolean") {
        Some("write true or false".to_string())
    } else if message.contains("invalid type: string") && whole_number(message).is_some() {
        Some("write the number without quotes".to_string())
    } else {
        None
    };
    (plain_type_error(message).unwrap_or_else(|| message.to_string()), hint)
}

/// The parser's "invalid type: string \"yes\", expected a boolean" in an
/// editor's words: "expected true or false, not the text \"yes\"" (a path
/// in front, `draft: `, is kept).
fn plain_type_error(message: &str) -> Option<String> {
    let at = message.find("invalid type: ")?;
    let (path, rest) = message.split_at(at);
    let (found, wanted) = rest["invalid type: ".len()..].rsplit_once(", expected ")?;
    let wanted = match wanted {
        "a boolean" => "true or false".to_string(),
        "a string" => "text".to_string(),
        "a sequence" => "a list".to_string(),
        "a map" => "`key: value` lines".to_string(),
        other if other.starts_with("struct ") => "`key: value` lines".to_string(),
        other => whole_number(other).map_or_else(|| other.to_string(), str::to_string),
    };
    let literal = |kind: &str| found.strip_prefix(kind).map(|v| v.trim().trim_matches('`').to_string());
    let found = if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(number) = literal("integer").or_else(|| literal("floating point")) {
        format!("the number {number}")
    } else if let Some(value) = literal("boolean") {
        value
    } else {
        match found {
            "sequence" => "a list".to_string(),
            "map" => "`key: value` lines".to_string(),
            "unit value" => "nothing".to_string(),
            other => other.to_string(),
        }
    };
    Some(format!("{path}expected {wanted}, not {found}"))
}

/// "a whole number" for Rust's integer types in a parser's message.
fn whole_number(message: &str) -> Option<&'static str> {
    ["i64", "u64", "i32", "u32", "usize", "u16", "u8"]
        .iter()
        .any(|t| message.ends_with(&format!("expected {t}")) || message == *t)
        .then_some("a whole number")
}

/// The known name closest to a misspelt one, when one is close enough.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, best)| best)
}

/// "did you mean `x`?" for a misspelt name, when one known name is close.
pub fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(unknown, known).map(|best| format!("did you mean `{best}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_hint() {
        let d = Diagnostic::new("content/a.md", "unknown field `takeaway`").at(3, 1).hint("did you mean `takeaways`?");
        assert_eq!(d.to_string(), "content/a.md:3:1: unknown field `takeaway`\n  hint: did you mean `takeaways`?");
    }

    #[test]
    fn suggestions_only_for_close_names() {
        let known = ["takeaways", "tables", "timeline"];
        assert_eq!(did_you_mean("takeaway", known).as_deref(), Some("did you mean `takeaways`?"));
        assert_eq!(did_you_mean("zzz", known), None);
    }

    #[test]
    fn line_col_counts_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
    }

    #[test]
    fn serde_unknown_field_becomes_a_suggestion() {
        let (message, hint) =
            explain_serde_message("unknown field `takeaway`, expected one of `title`, `takeaways`, `tables`");
        assert_eq!(message, "unknown field `takeaway`");
        assert_eq!(hint.as_deref(), Some("did you mean `takeaways`?"));
        let (message, hint) = explain_serde_message("source: unknown field `zzz`, expected `name` or `url`");
        assert_eq!(message, "source: unknown field `zzz`");
        assert_eq!(hint.as_deref(), Some("allowed here: `name`, `url`"));
    }

    #[test]
    fn type_errors_are_said_plainly() {
        let (message, hint) = explain_serde_message("draft: invalid type: string \"yes\", expected a boolean");
        assert_eq!(message, "draft: expected true or false, not the text \"yes\"");
        assert_eq!(hint.as_deref(), Some("write true or false"));
        let (message, hint) = explain_serde_message("invalid type: string \"20\", expected i64");
        assert_eq!(message, "expected a whole number, not the text \"20\"");
        assert_eq!(hint.as_deref(), Some("write the number without quotes"));
        let (message, _) = explain_serde_message("invalid type: floating point `2.5`, expected i64");
        assert_eq!(message, "expected a whole number, not the number 2.5");
        let (message, hint) = explain_serde_message("takeaways[0]: invalid type: map, expected a string");
        assert_eq!(message, "takeaways[0]: expected text, not `key: value` lines");
        assert!(hint.unwrap().starts_with("a `: ` in the text"));
    }

    #[test]
    fn options_and_generated_pages_are_named_as_they_are() {
        let flag = Diagnostic::flag("--base-url", "`x` is not a whole address");
        assert_eq!(flag.to_string(), "--base-url: `x` is not a whole address");
        assert_eq!(flag.origin.file(), None);
        let page = Diagnostic::generated("the generated robots.txt", "its page would be written to robots.txt");
        assert_eq!(page.to_string(), "the generated robots.txt: its page would be written to robots.txt");
        let file = Diagnostic::new("content/a.md", "x");
        assert_eq!(file.origin.file(), Some(Path::new("content/a.md")));
        let sorted = sorted(vec![page.clone(), file.clone(), flag.clone()]);
        assert_eq!(sorted, [flag, file, page], "by name, as paths sort");
    }

    #[test]
    fn invalid_sorts_and_dedups() {
        let b = Diagnostic::new("b.md", "x");
        let a2 = Diagnostic::new("a.md", "y").at(2, 1);
        let a1 = Diagnostic::new("a.md", "z").at(1, 1);
        let err = Error::invalid(vec![b.clone(), a2.clone(), a1.clone(), b.clone()]);
        assert_eq!(err.diagnostics(), &[a1, a2, b]);
    }
}
