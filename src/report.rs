//! Diagnostics as a compiler shows them: `error: message`, an arrow to
//! `file:line:column`, the offending line with a caret under the value, and
//! the hint; a problem with a command-line option names the option instead.
//! Rendered with annotate-snippets, in colour or plain; the caller decides
//! (colour on a terminal, plain when piped or under `NO_COLOR`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::content::FrontMatterText;
use crate::error::{Diagnostic, Origin as About};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The command fails.
    Error,
    /// Worth fixing; the command goes on.
    Warning,
}

/// Renders one diagnostic. `root` is where a file it is about is read from
/// (its path is relative to the site root); the file is shown below
/// `shown_from` (the site root as the user typed it, or nothing to show
/// site-relative paths).
pub fn render(diagnostic: &Diagnostic, severity: Severity, root: &Path, shown_from: &Path, styled: bool) -> String {
    Sources::default().render(diagnostic, severity, root, shown_from, styled)
}

/// The files diagnostics point into, each read once and indexed by line
/// when first needed, so that a file with thousands of problems is not read
/// or searched thousands of times: each diagnostic then costs the length of
/// its own line.
#[derive(Debug, Default)]
pub struct Sources {
    files: HashMap<PathBuf, Option<Source>>,
}

/// A file's text and where each of its lines starts.
#[derive(Debug)]
struct Source {
    text: String,
    line_starts: Vec<usize>,
}

impl Source {
    fn read(path: &Path) -> Option<Source> {
        // A tab is shown as `→`, one column wide like the tab it stands for,
        // so that an indentation by tab is seen for what it is.
        let text = String::from_utf8_lossy(&std::fs::read(path).ok()?).replace('\t', "→");
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1).filter(|&start| start < text.len()));
        Some(Source { text, line_starts })
    }

    /// A 1-based line, with its line end.
    fn line(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        Some(&self.text[start..end])
    }
}

impl Sources {
    /// Renders one diagnostic, like [`render`].
    pub fn render(
        &mut self,
        diagnostic: &Diagnostic,
        severity: Severity,
        root: &Path,
        shown_from: &Path,
        styled: bool,
    ) -> String {
        let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
        let level = match severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let (file, path) = match &diagnostic.origin {
            About::File(file) => (Some(file), shown_from.join(file).display().to_string()),
            About::Generated(page) => (None, page.clone()),
            About::Flag(name) => {
                // Not in a file: name the option instead.
                let message = format!("{name}: {}", diagnostic.message);
                let mut group = Group::with_title(level.primary_title(message));
                if let Some(hint) = &diagnostic.hint {
                    group = group.element(Level::HELP.message(hint.as_str()));
                }
                return renderer.render(&[group]);
            }
        };
        let line_text = file.zip(diagnostic.line).and_then(|(file, line)| {
            let source = self.files.entry(file.clone()).or_insert_with(|| Source::read(&root.join(file)));
            source.as_ref()?.line(line)
        });
        let title = level.primary_title(diagnostic.message.as_str());
        let group = match (line_text, diagnostic.line) {
            (Some(text), Some(line)) => {
                let span = span_at(text, diagnostic.column.unwrap_or(1));
                let snippet = Snippet::source(text)
                    .line_start(line)
                    .path(path.as_str())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(span));
                title.element(snippet)
            }
            (_, Some(line)) => {
                let mut origin = Origin::path(path.as_str()).line(line);
                if let Some(column) = diagnostic.column {
                    origin = origin.char_column(column);
                }
                title.element(origin)
            }
            _ => title.element(Origin::path(path.as_str())),
        };
        let group = match &diagnostic.hint {
            Some(hint) => group.element(Level::HELP.message(hint.as_str())),
            None => group,
        };
        let report: [Group<'_>; 1] = [group];
        renderer.render(&report)
    }
}

/// Places every diagnostic that points at a front-matter value (see
/// [`Diagnostic::at_field`]) at the value's line and column in its file,
/// reading each file once. A value no longer found keeps the position the
/// diagnostic had, if any.
pub fn place_fields(root: &Path, diagnostics: &mut [Diagnostic]) {
    let mut files: HashMap<PathBuf, Option<FrontMatterText>> = HashMap::new();
    for diagnostic in diagnostics {
        let (Some(steps), Some(file)) = (diagnostic.field.take(), diagnostic.origin.file()) else { continue };
        let text = files.entry(file.to_path_buf()).or_insert_with(|| FrontMatterText::read(root, file));
        if let Some((line, column)) = text.as_ref().and_then(|text| text.position(&steps)) {
            diagnostic.line = Some(line);
            diagnostic.column = Some(column);
        }
    }
}

/// The byte range to underline in one line (with its line end): the token
/// starting at a 1-based column (a quoted string or a Markdown link whole,
/// else up to a space or YAML punctuation).
fn span_at(line_text: &str, column: usize) -> std::ops::Range<usize> {
    let text = line_text.strip_suffix('\n').unwrap_or(line_text);
    let start = text.char_indices().nth(column.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
    let rest = &text[start..];
    let link_end = (rest.starts_with('[') || rest.starts_with("!["))
        .then(|| rest.find("](").and_then(|mid| rest[mid..].find(')').map(|end| mid + end + 1)))
        .flatten();
    let len = match rest.chars().next() {
        None => 0,
        // A tab, shown as `→`: point at it alone.
        Some(tab @ '→') => tab.len_utf8(),
        _ if link_end.is_some() => link_end.unwrap_or_default(),
        Some(quote @ ('"' | '\'')) => rest[1..].find(quote).map_or(rest.len(), |end| end + 2),
        Some(_) => rest.find(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ']' | '}')).unwrap_or(rest.len()),
    };
    start..start + len.max(usize::from(start < line_text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Step;

    #[test]
    fn spans_cover_one_token() {
        let line = "category: chipz\n";
        assert_eq!(&line[span_at(line, 11)], "chipz");
        assert_eq!(&line[span_at(line, 1)], "category");
        let line = "tags: [\"a b\", c]\n";
        assert_eq!(&line[span_at(line, 8)], "\"a b\"");
        let body = "See [the plan](plan.md#x) and ![c](/c.png) now";
        assert_eq!(&body[span_at(body, 5)], "[the plan](plan.md#x)");
        assert_eq!(&body[span_at(body, 31)], "![c](/c.png)");
    }

    #[test]
    fn plain_rendering_shows_file_line_caret_and_hint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), "---\ntitle: T\ncategory: chipz\n---\n").unwrap();
        let d = Diagnostic::new("content/a.md", "category `chipz` is not declared in site.toml")
            .at(3, 11)
            .hint("did you mean `chips`?");
        let shown = render(&d, Severity::Error, dir.path(), Path::new(""), false);
        assert_eq!(
            shown,
            "error: category `chipz` is not declared in site.toml\n --> content/a.md:3:11\n  |\n3 | category: chipz\n  |           ^^^^^\n  |\n  = help: did you mean `chips`?"
        );
    }

    #[test]
    fn front_matter_values_are_placed_from_their_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), "---\ntitle: T\nrelated: [x, y]\n---\n").unwrap();
        let related = [Step::Key("related"), Step::Index(1)];
        let mut found = vec![
            Diagnostic::new("content/a.md", "`related` names `y`").at_field(&related),
            Diagnostic::new("content/a.md", "no slug").at(1, 1).at_field(&[Step::Key("slug")]),
            Diagnostic::new("content/gone.md", "gone").at_field(&related),
        ];
        place_fields(dir.path(), &mut found);
        let shown: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            ["content/a.md:3:14: `related` names `y`", "content/a.md:1:1: no slug", "content/gone.md: gone"]
        );
        assert!(found.iter().all(|d| d.field.is_none()), "placed once and for all");
    }
}
