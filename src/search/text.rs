//! The plain text Pagefind indexes for an article, read out of the HTML the
//! build already made (the title, hook, takeaways and tables, and a body
//! that holds raw HTML; other bodies were read as they were rendered), the
//! way Pagefind's own HTML reader would read it: text in document order,
//! nothing of scripts, styles, forms, navigation or embedded frames, and
//! each block ending a sentence (the rules are `content::reading`), so that
//! words of two blocks never run together and an excerpt reads as prose.
//!
//! Handing Pagefind text instead of an HTML page spares it a second,
//! heavier parse of every article (its reader tracks every element to find
//! its own attributes); this reader only listens for the ends of blocks.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::HandlerResult;
use lol_html::html_content::Element;
use lol_html::{HtmlRewriter, Settings, doc_text, element};

use crate::content::reading::{BLOCKS, LEFT_OUT, end_block};
use crate::content::text::collapse_whitespace;

/// What an element is to the reader.
enum Kind {
    /// Its content is left out.
    LeftOut,
    /// It ends a sentence.
    Block,
    /// Its text runs on with the text around it.
    Inline,
}

/// What `name` (lower case) is to the reader.
fn kind(name: &str) -> Kind {
    if BLOCKS.contains(&name) {
        Kind::Block
    } else if LEFT_OUT.contains(&name) {
        Kind::LeftOut
    } else {
        Kind::Inline
    }
}

/// What the reader has read so far.
#[derive(Default)]
struct Reading {
    text: String,
    /// How many left-out elements the text being read is inside.
    left_out: usize,
}

impl Reading {
    /// Ends a block (see [`end_block`]).
    fn end_block(&mut self) {
        end_block(&mut self.text, last_char);
    }
}

/// The last character of text read as HTML, where it may end with an
/// entity (`caf&eacute;` ends with `é`, not `;`).
fn last_char(raw: &str) -> Option<char> {
    let tail = raw.rfind('&').filter(|&at| raw.ends_with(';') && !raw[at..].contains(char::is_whitespace));
    match tail {
        Some(at) => html_escape::decode_html_entities(&raw[at..]).chars().last(),
        None => raw.chars().last(),
    }
}

/// The text of an HTML fragment, entities decoded, whitespace collapsed.
/// The reader's only errors are a memory limit and handler errors (its
/// handlers have none); one is returned as it is.
pub fn plain_text(html: &str) -> Result<String, lol_html::errors::RewritingError> {
    let reading = Rc::new(RefCell::new(Reading::default()));
    let text_into = Rc::clone(&reading);
    let elements = Rc::clone(&reading);
    // One handler for every element (matched by name here): compiling a
    // selector list for each article would cost more than reading it.
    let settings = Settings::new()
        .append_element_content_handler(element!("*", move |el| match kind(&el.tag_name()) {
            Kind::Block => end_block_after(&elements, el),
            Kind::LeftOut => leave_out(&elements, el),
            Kind::Inline => Ok(()),
        }))
        .append_document_content_handler(doc_text!(move |chunk| {
            let mut reading = text_into.borrow_mut();
            if reading.left_out == 0 {
                reading.text.push_str(chunk.as_str());
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html.as_bytes())?;
    rewriter.end()?;
    let raw = std::mem::take(&mut reading.borrow_mut().text);
    Ok(collapse_whitespace(&html_escape::decode_html_entities(&raw)))
}

/// Ends a sentence at the end of `el` (or, for an empty element such as
/// `<br>`, separates the words around it).
fn end_block_after(reading: &Rc<RefCell<Reading>>, el: &mut Element<'_, '_>) -> HandlerResult {
    if !el.can_have_content() {
        reading.borrow_mut().text.push(' ');
        return Ok(());
    }
    let reading = Rc::clone(reading);
    el.on_end_tag(lol_html::end_tag!(move |_| {
        reading.borrow_mut().end_block();
        Ok(())
    }))
}

/// Counts `el` as left out until its end tag.
fn leave_out(reading: &Rc<RefCell<Reading>>, el: &mut Element<'_, '_>) -> HandlerResult {
    if !el.can_have_content() {
        return Ok(());
    }
    reading.borrow_mut().left_out += 1;
    let reading = Rc::clone(reading);
    el.on_end_tag(lol_html::end_tag!(move |_| {
        reading.borrow_mut().left_out -= 1;
        Ok(())
    }))
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    fn text(html: &str) -> String {
        plain_text(html).expect("readable")
    }

    #[test]
    fn blocks_end_sentences_and_inline_elements_do_not_split_words() {
        let html = "<h1>Fabs expand</h1><p>The <em>fab</em>ric of <a href=\"/x\">supply</a></p>\
                    <ul><li>One</li><li>Two?</li></ul><table><tr><td>A</td><td>B</td></tr></table>";
        assert_eq!(text(html), "Fabs expand. The fabric of supply. One. Two? A. B.");
    }

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(text("<p>R&amp;D &lt;b&gt; &amp;lt; caf&eacute;</p>"), "R&D <b> &lt; café.");
    }

    #[test]
    fn scripts_styles_forms_and_frames_are_not_text() {
        let html = "<p>kept</p><script>var hidden = 1;</script><style>p{}</style>\
                    <form><label>Name</label><input></form><iframe src=\"x\">frame</iframe><p>also kept</p>";
        assert_eq!(text(html), "kept. also kept.");
    }

    #[test]
    fn a_line_break_separates_words_and_cjk_sentences_keep_their_stop() {
        assert_eq!(text("<p>one<br>two</p>"), "one two.");
        assert_eq!(text("<p>合肥扩建晶圆厂。</p><p>内存</p>"), "合肥扩建晶圆厂。 内存.");
    }
}
