//! A body's text as search reads it, taken from the Markdown events as the
//! body is rendered (rules in [`crate::content::reading`]): the same text
//! the search indexer's HTML reader reads out of the body's HTML, without
//! parsing that HTML again. A body with raw HTML in it is not read here
//! (its HTML is the sanitizer's, not the events'); the indexer reads it.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::content::reading::{BLOCKS, LEFT_OUT, end_block};
use crate::content::text::collapse_whitespace;

/// Reads a body's events in the order they are rendered (after footnotes
/// are gathered, before code blocks are highlighted).
#[derive(Debug, Default)]
pub struct BodyText {
    text: String,
    /// How many images the events being read are inside (their text is
    /// the image's `alt`, not text of the page).
    in_image: usize,
    /// References left in notes (a note that refers to a note), numbered
    /// in order as the HTML writer numbers them.
    references: Vec<String>,
}

impl BodyText {
    /// Reads one event.
    pub fn read(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Image { .. }) => self.in_image += 1,
            Event::End(TagEnd::Image) => self.in_image -= 1,
            _ if self.in_image > 0 => {}
            Event::Text(text) | Event::Code(text) => self.text.push_str(text),
            // The HTML writer starts every block on a line of its own, and
            // puts one after a task's check box.
            Event::Start(tag) if !is_inline(tag) => self.text.push('\n'),
            Event::SoftBreak | Event::TaskListMarker(_) => self.text.push('\n'),
            // `<br>` and `<hr>` hold nothing: they only part the words around them.
            Event::HardBreak | Event::Rule => self.text.push(' '),
            Event::Html(html) | Event::InlineHtml(html) => self.read_generated_html(html),
            Event::FootnoteReference(label) => {
                let n = match self.references.iter().position(|l| l == label.as_ref()) {
                    Some(i) => i + 1,
                    None => {
                        self.references.push(label.to_string());
                        self.references.len()
                    }
                };
                self.text.push_str(&n.to_string());
            }
            Event::End(tag) if ends_block(*tag) => self.end_block(),
            _ => {}
        }
    }

    /// The text read, whitespace collapsed.
    pub fn finish(self) -> String {
        collapse_whitespace(&self.text)
    }

    fn end_block(&mut self) {
        end_block(&mut self.text, |text| text.chars().last());
    }

    /// Reads HTML that newsprint itself wrote into the events (footnote
    /// references and the list of notes; a body with raw HTML is not read
    /// here): well-formed tags with quoted attributes, and text.
    fn read_generated_html(&mut self, html: &str) {
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            self.text.push_str(&html_escape::decode_html_entities(&rest[..open]));
            let Some(close) = rest[open..].find('>') else { break };
            let tag = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            let (end, name) = match tag.strip_prefix('/') {
                Some(name) => (true, name),
                None => (false, tag),
            };
            let name = name.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
            debug_assert!(!LEFT_OUT.contains(&name), "newsprint writes no <{name}> into a body");
            if BLOCKS.contains(&name) && (end || matches!(name, "br" | "hr")) {
                if end { self.end_block() } else { self.text.push(' ') }
            }
        }
        self.text.push_str(&html_escape::decode_html_entities(rest));
    }
}

/// Whether a tag is rendered inside a line of text.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. }
    )
}

/// Whether the element a tag renders ends a sentence (see [`BLOCKS`]): a
/// table's head ends its row (`</tr></thead>`).
fn ends_block(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}
