//! What the sanitizer took out of a body's raw HTML, so the editor hears of
//! it: a `<script>` left open takes the rest of the article with it, and an
//! event handler or unsafe link disappears without a trace otherwise.
//!
//! ammonia reports nothing it removes, so the HTML before and after it is
//! counted (start tags and attributes by name, and the text inside
//! `<script>` and `<style>`, which go with their content) and the
//! difference is what was removed. Each kind is placed at the first place
//! the Markdown's raw HTML writes it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;

use crate::error::line_col;

/// Elements the sanitizer removes with everything inside them.
const WITH_CONTENT: [&str; 2] = ["script", "style"];

/// One kind of thing the sanitizer removed from a body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Removal {
    /// What: an element (`script`) or an attribute (`onclick`).
    pub kind: RemovedKind,
    /// How many.
    pub count: usize,
    /// Characters of text removed with them (inside `<script>` or `<style>`).
    pub text: usize,
    /// A `<script>` or `<style>` that is never closed, so it took the rest
    /// of the body.
    pub unclosed: bool,
    /// 1-based line within the Markdown where the first one is written.
    pub line: usize,
    /// 1-based column within that line.
    pub column: usize,
}

/// What kind of thing was removed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RemovedKind {
    /// Elements of this tag name.
    Element(String),
    /// Attributes of this name.
    Attribute(String),
}

impl Removal {
    /// What the editor reads: what was removed and how much.
    pub fn message(&self) -> String {
        let n = self.count;
        match &self.kind {
            RemovedKind::Element(tag) if WITH_CONTENT.contains(&tag.as_str()) => {
                let elements = if n == 1 { format!("1 <{tag}> element") } else { format!("{n} <{tag}> elements") };
                let text = thousands(self.text);
                let it = if n == 1 { "it" } else { "them" };
                match (self.text, self.unclosed) {
                    (0, _) => format!("the sanitizer removed {elements}"),
                    (_, true) => format!(
                        "the sanitizer removed {elements} and everything after it ({text} characters): \
                         the <{tag}> is never closed"
                    ),
                    (_, false) => format!("the sanitizer removed {elements} and the {text} characters inside {it}"),
                }
            }
            RemovedKind::Element(tag) => {
                if n == 1 {
                    format!("the sanitizer removed 1 <{tag}> tag (the text inside it is kept)")
                } else {
                    format!("the sanitizer removed {n} <{tag}> tags (the text inside them is kept)")
                }
            }
            RemovedKind::Attribute(name) => {
                let what = if n == 1 { format!("1 `{name}` attribute") } else { format!("{n} `{name}` attributes") };
                match name.as_str() {
                    "href" | "src" => format!("the sanitizer removed {what} with an address it does not allow"),
                    _ => format!("the sanitizer removed {what}"),
                }
            }
        }
    }

    /// What the editor can do about it.
    pub fn hint(&self) -> &'static str {
        match &self.kind {
            RemovedKind::Element(tag) if WITH_CONTENT.contains(&tag.as_str()) => {
                "articles cannot run scripts or restyle the page; to show code, put it in a fenced code block (```html)"
            }
            RemovedKind::Attribute(name) if matches!(name.as_str(), "href" | "src") => {
                "addresses may be http(s), mailto:, tel: or site paths; iframes may show YouTube and Vimeo players only"
            }
            _ => {
                "raw HTML in articles is sanitized; a site whose every author is trusted can set \
                 raw_html = \"trusted\" under [markdown] in site.toml"
            }
        }
    }
}

/// What the sanitizer removed, given the HTML before and after it, the
/// Markdown it came from and where that Markdown writes raw HTML.
pub fn report(before: &str, after: &str, markdown: &str, raw_html: &[Range<usize>]) -> Vec<Removal> {
    let (was, is) = (Counts::of(before), Counts::of(after));
    let mut found = Vec::new();
    for (tag, &count) in &was.elements {
        let removed = count.saturating_sub(is.elements.get(tag).copied().unwrap_or(0));
        if removed > 0 {
            let (at, unclosed) = place_of_tag(markdown, raw_html, tag);
            let text = if WITH_CONTENT.contains(&tag.as_str()) { was.text.get(tag).copied().unwrap_or(0) } else { 0 };
            found.push(removal(RemovedKind::Element(tag.clone()), removed, text, unclosed, markdown, at));
        }
    }
    for (name, &count) in &was.attributes {
        let removed = count.saturating_sub(is.attributes.get(name).copied().unwrap_or(0));
        if removed > 0 {
            let at = place_of_attribute(markdown, raw_html, name);
            found.push(removal(RemovedKind::Attribute(name.clone()), removed, 0, false, markdown, at));
        }
    }
    found.sort_by_key(|r| (r.line, r.column));
    found
}

fn removal(kind: RemovedKind, count: usize, text: usize, unclosed: bool, markdown: &str, at: usize) -> Removal {
    let (line, column) = line_col(markdown, at);
    Removal { kind, count, text, unclosed, line, column }
}

/// Start tags and attributes by name, and the characters of text inside
/// each element that goes with its content.
#[derive(Default)]
struct Counts {
    elements: BTreeMap<String, usize>,
    attributes: BTreeMap<String, usize>,
    text: BTreeMap<String, usize>,
}

impl Counts {
    fn of(html: &str) -> Counts {
        let counts = RefCell::new(Counts::default());
        let mut settings =
            lol_html::RewriteStrSettings::new().append_element_content_handler(lol_html::element!("*", |el| {
                let mut counts = counts.borrow_mut();
                *counts.elements.entry(el.tag_name()).or_default() += 1;
                for attribute in el.attributes() {
                    *counts.attributes.entry(attribute.name()).or_default() += 1;
                }
                Ok(())
            }));
        for tag in WITH_CONTENT {
            settings = settings.append_element_content_handler(lol_html::text!(tag, |chunk| {
                *counts.borrow_mut().text.entry(tag.to_string()).or_default() += chunk.as_str().chars().count();
                Ok(())
            }));
        }
        // Counting never fails; on a parser limit, what was counted stands.
        let _ = lol_html::rewrite_str(html, settings);
        counts.into_inner()
    }
}

/// Where the raw HTML first opens `<tag`, and whether it never closes it
/// (only asked of elements that go with their content).
fn place_of_tag(markdown: &str, raw_html: &[Range<usize>], tag: &str) -> (usize, bool) {
    let open = format!("<{tag}");
    let at = find_in(markdown, raw_html, |lower| {
        lower.match_indices(&open).map(|(i, _)| i).find(|&i| {
            lower[i + open.len()..].chars().next().is_none_or(|c| c.is_ascii_whitespace() || matches!(c, '>' | '/'))
        })
    });
    let Some(at) = at else { return (raw_html.first().map_or(0, |r| r.start), false) };
    let unclosed = WITH_CONTENT.contains(&tag) && !markdown[at..].to_ascii_lowercase().contains(&format!("</{tag}"));
    (at, unclosed)
}

/// Where the raw HTML first writes the attribute `name`.
fn place_of_attribute(markdown: &str, raw_html: &[Range<usize>], name: &str) -> usize {
    let at = find_in(markdown, raw_html, |lower| {
        lower.match_indices(name).map(|(i, _)| i).find(|&i| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + name.len()..].chars().next();
            before.is_some_and(|c| c.is_ascii_whitespace() || c == '"' || c == '\'')
                && after.is_none_or(|c| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
        })
    });
    at.unwrap_or_else(|| raw_html.first().map_or(0, |r| r.start))
}

/// The first offset in `markdown` that `find` finds in one of the raw HTML
/// ranges (given each range in ASCII lower case).
fn find_in(markdown: &str, raw_html: &[Range<usize>], find: impl Fn(&str) -> Option<usize>) -> Option<usize> {
    raw_html.iter().find_map(|range| {
        let lower = markdown.get(range.clone())?.to_ascii_lowercase();
        find(&lower).map(|i| range.start + i)
    })
}

/// `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_get_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn removals_are_counted_and_placed() {
        let markdown = "Text.\n\n<div onclick=\"x\" class=\"a\">hi</div>\n\n<script>alert(1)</script>\n";
        let before = "<p>Text.</p>\n<div onclick=\"x\" class=\"a\">hi</div>\n<script>alert(1)</script>\n";
        let after = "<p>Text.</p>\n<div class=\"a\">hi</div>\n\n";
        let raw = [7..43, 44..70];
        let found = report(before, after, markdown, &raw);
        let shown: Vec<(String, usize, usize)> = found.iter().map(|r| (r.message(), r.line, r.column)).collect();
        assert_eq!(
            shown,
            [
                ("the sanitizer removed 1 `onclick` attribute".to_string(), 3, 6),
                ("the sanitizer removed 1 <script> element and the 8 characters inside it".to_string(), 5, 1),
            ]
        );
    }
}
