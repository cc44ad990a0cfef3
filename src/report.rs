//! Diagnostics as a compiler shows them: `error: message`, an arrow to
//! `file:line:column`, the offending line with a caret under the value, and
//! the hint. Rendered with annotate-snippets, in colour or plain; the caller
//! decides (colour on a terminal, plain when piped or under `NO_COLOR`).

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::error::Diagnostic;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The command fails.
    Error,
    /// Worth fixing; the command goes on.
    Warning,
}

/// Renders one diagnostic. `root` is where its (site-relative) path is read
/// from; the path is shown as `shown_path`.
pub fn render(diagnostic: &Diagnostic, severity: Severity, root: &Path, shown_path: &Path, styled: bool) -> String {
    let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = shown_path.display().to_string();
    let source = diagnostic.line.and_then(|_| std::fs::read(root.join(&diagnostic.path)).ok());
    // A tab is shown as `→`, one column wide like the tab it stands for, so
    // that an indentation by tab is seen for what it is.
    let source = source.map(|bytes| String::from_utf8_lossy(&bytes).replace('\t', "→"));
    if path.starts_with("--") {
        // About a command-line option, not a file: name the option instead.
        let message = format!("{path}: {}", diagnostic.message);
        let mut group = Group::with_title(level.primary_title(message));
        if let Some(hint) = &diagnostic.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        return renderer.render(&[group]);
    }
    let title = level.primary_title(diagnostic.message.as_str());
    let group = match (&source, diagnostic.line) {
        (Some(text), Some(line)) if line <= text.lines().count().max(1) => {
            let span = span_at(text, line, diagnostic.column.unwrap_or(1));
            let snippet = Snippet::source(text.as_str())
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

/// The byte range to underline: the token starting at a 1-based line and
/// column (a quoted string or a Markdown link whole, else up to a space or
/// YAML punctuation).
fn span_at(text: &str, line: usize, column: usize) -> std::ops::Range<usize> {
    let line_start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    let start = line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i);
    let rest = &line_text[start..];
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
    let start = line_start + start;
    start..start + len.max(usize::from(start < text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_one_token() {
        let text = "title: T\ncategory: chipz\ntags: [\"a b\", c]\n";
        assert_eq!(&text[span_at(text, 2, 11)], "chipz");
        assert_eq!(&text[span_at(text, 2, 1)], "category");
        assert_eq!(&text[span_at(text, 3, 8)], "\"a b\"");
        let body = "See [the plan](plan.md#x) and ![c](/c.png) now";
        assert_eq!(&body[span_at(body, 1, 5)], "[the plan](plan.md#x)");
        assert_eq!(&body[span_at(body, 1, 31)], "![c](/c.png)");
    }

    #[test]
    fn plain_rendering_shows_file_line_caret_and_hint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), "---\ntitle: T\ncategory: chipz\n---\n").unwrap();
        let d = Diagnostic::new("content/a.md", "category `chipz` is not declared in site.toml")
            .at(3, 11)
            .hint("did you mean `chips`?");
        let shown = render(&d, Severity::Error, dir.path(), Path::new("content/a.md"), false);
        assert_eq!(
            shown,
            "error: category `chipz` is not declared in site.toml\n --> content/a.md:3:11\n  |\n3 | category: chipz\n  |           ^^^^^\n  |\n  = help: did you mean `chips`?"
        );
    }
}
