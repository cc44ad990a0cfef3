//! How a reader reads an article's text, for search: which HTML elements end
//! a sentence, which hold no text a reader reads, and how a block ends.
//! Two readers follow these rules and give the same text: the search
//! indexer's HTML reader (`search::text`, for HTML written by hand) and
//! the Markdown renderer, which reads a body's text as it renders it
//! (`markdown::reading`), so the HTML it made is not parsed again.

/// Elements whose content is not text a reader reads (Pagefind leaves the
/// same out).
pub const LEFT_OUT: [&str; 11] =
    ["head", "style", "script", "noscript", "template", "svg", "iframe", "form", "label", "nav", "footer"];

/// Elements after which a sentence ends.
pub const BLOCKS: [&str; 25] = [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "caption",
    "figcaption",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "ul",
    "ol",
    "table",
    "tr",
    "hr",
    "br",
];

/// Ends a block of `text`: a full stop unless the text already ends a
/// sentence (or nothing was read yet), then a space. `last_char` reads the
/// last character of the text (which may still hold HTML entities).
pub fn end_block(text: &mut String, last_char: impl Fn(&str) -> Option<char>) {
    let trimmed = text.trim_end();
    let ends_sentence = last_char(trimmed).is_none_or(|c| c.is_ascii_punctuation() || is_full_stop(c));
    text.truncate(trimmed.len());
    if !ends_sentence {
        text.push('.');
    }
    text.push(' ');
}

/// Sentence-ending punctuation of scripts without spaces (CJK full stops,
/// question and exclamation marks).
fn is_full_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '．' | '｡' | '…')
}

#[cfg(test)]
mod tests {
    use super::end_block;

    fn ended(text: &str) -> String {
        let mut text = text.to_string();
        end_block(&mut text, |t| t.chars().last());
        text
    }

    #[test]
    fn a_block_ends_with_a_full_stop_unless_it_ends_a_sentence_already() {
        assert_eq!(ended("Fabs expand "), "Fabs expand. ");
        assert_eq!(ended("Why?"), "Why? ");
        assert_eq!(ended("合肥扩建晶圆厂。"), "合肥扩建晶圆厂。 ");
        assert_eq!(ended(""), " ");
    }
}
