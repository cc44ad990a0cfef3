//! Inline Markdown for structured fields (takeaways, TL;DR, deep dive,
//! implications, timeline events): links, emphasis, code and strikethrough,
//! and nothing block-level. The text is folded onto one line and a leading
//! character that would open a block (`# `, `> `, `- `, `1. `, a fence, a
//! link definition…) is escaped, so "2026. A year of…" stays a sentence
//! instead of becoming a list. Raw HTML is shown as text. Link and image
//! destinations follow the same rules as in bodies (see
//! `police_destination`), never trusted.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::{LinkResolver, police_destination};

/// A structured field rendered to inline HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    /// The HTML.
    pub html: String,
    /// Internal link destinations as written, for checking.
    pub links: Vec<String>,
}

/// Renders one structured field to inline HTML.
pub fn render_inline(text: &str, resolver: &dyn LinkResolver) -> Inline {
    let line = crate::content::text::collapse_whitespace(text);
    let source = escape_block_start(&line);
    let mut links = Vec::new();
    let events = Parser::new_ext(&source, Options::ENABLE_STRIKETHROUGH).filter_map(|event| match event {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::SoftBreak | Event::HardBreak => Some(Event::Text(CowStr::Borrowed(" "))),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = police_destination(dest_url, false, resolver, &mut |d| links.push(d.to_string()));
            Some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = police_destination(dest_url, false, resolver, &mut |d| links.push(d.to_string()));
            Some(Event::Start(Tag::Image { link_type, dest_url, title, id }))
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(source.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events);
    Inline { html, links }
}

/// Escapes the first character of a one-line text when CommonMark would read
/// it as the start of a block.
fn escape_block_start(line: &str) -> String {
    let bytes = line.as_bytes();
    let Some(&first) = bytes.first() else {
        return String::new();
    };
    let then_space = |i: usize| bytes.get(i).is_none_or(|b| *b == b' ');
    let escape_first = match first {
        b'#' => {
            let hashes = bytes.iter().take_while(|b| **b == b'#').count();
            hashes <= 6 && then_space(hashes)
        }
        b'>' => true,
        b'-' | b'+' | b'*' => then_space(1) || is_thematic_break(line),
        b'_' => is_thematic_break(line),
        b'~' => line.starts_with("~~~"),
        b'`' => line.starts_with("```") && !line.trim_start_matches('`').contains('`'),
        b'<' => !is_autolink(line),
        b'[' => is_link_definition(line),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) && then_space(digits + 1) {
                return format!("{}\\{}", &line[..digits], &line[digits..]);
            }
            false
        }
        _ => false,
    };
    if escape_first { format!("\\{line}") } else { line.to_string() }
}

fn is_thematic_break(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| *c != ' ').collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|c| *c == marks[0])
}

fn is_autolink(line: &str) -> bool {
    line.find('>').is_some_and(|end| {
        let inner = &line[1..end];
        !inner.contains(' ') && (inner.contains(':') || inner.contains('@'))
    })
}

fn is_link_definition(line: &str) -> bool {
    line.find("]:").is_some_and(|end| !line[1..end].contains(']'))
}

#[cfg(test)]
mod tests {
    use super::super::AsWritten;
    use super::*;

    fn render(text: &str) -> String {
        render_inline(text, &AsWritten).html
    }

    #[test]
    fn inline_markup_renders() {
        assert_eq!(
            render("Power, *not* **equipment**, `EUV` and [a link](https://x.example/a) ~~old~~"),
            "Power, <em>not</em> <strong>equipment</strong>, <code>EUV</code> and <a href=\"https://x.example/a\">a link</a> <del>old</del>"
        );
        assert_eq!(render("_lead_ emphasis"), "<em>lead</em> emphasis");
        assert_eq!(render("**Two** of four"), "<strong>Two</strong> of four");
    }

    #[test]
    fn block_starts_stay_text() {
        assert_eq!(render("2026. A year of delays"), "2026. A year of delays");
        assert_eq!(render("# Not a heading"), "# Not a heading");
        assert_eq!(render("> not a quote"), "&gt; not a quote");
        assert_eq!(render("- not a list"), "- not a list");
        assert_eq!(render("* not a list"), "* not a list");
        assert_eq!(render("---"), "---");
        assert_eq!(render("```rust"), "```rust");
        assert_eq!(render("[x]: /not-a-definition"), "[x]: /not-a-definition");
        assert_eq!(render("    indented"), "indented");
    }

    #[test]
    fn multi_line_text_folds_to_one_line() {
        assert_eq!(render("first line\n- second\n# third"), "first line - second # third");
    }

    #[test]
    fn internal_links_are_reported_and_resolved() {
        struct Md;
        impl LinkResolver for Md {
            fn resolve(&self, dest: &str) -> Option<String> {
                dest.strip_suffix(".md").map(|stem| format!("/a/{stem}/"))
            }
        }
        let inline = render_inline("See [plan](plan.md) and [x](https://x.example/).", &Md);
        assert_eq!(inline.html, "See <a href=\"/a/plan/\">plan</a> and <a href=\"https://x.example/\">x</a>.");
        assert_eq!(inline.links, ["plan.md"]);
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(render("<script>alert(1)</script> hi"), "&lt;script&gt;alert(1)&lt;/script&gt; hi");
        assert_eq!(render("a <b onclick=x>b</b>"), "a &lt;b onclick=x&gt;b&lt;/b&gt;");
        assert_eq!(
            render("<https://x.example> is an autolink"),
            "<a href=\"https://x.example\">https://x.example</a> is an autolink"
        );
    }
}
