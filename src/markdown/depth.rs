//! How deep a body's HTML nests, estimated from its Markdown structure and
//! the tags of its raw HTML, without building a tree.
//!
//! The sanitizer (ammonia, through html5ever's tree builder) looks through
//! the stack of open elements for many start tags, so its work grows with
//! the number of elements times their depth: 100,000 unclosed `<div>` took
//! half a minute. A body with raw HTML that nests deeper than
//! [`MAX_HTML_DEPTH`] is therefore refused before it reaches the sanitizer.
//! The estimate follows html5ever where it matters: void elements and
//! elements closed by their next sibling (`p`, `li`, `td`…) do not nest, an
//! end tag closes everything opened after its element, a stray end tag is
//! ignored, and `<x/>` closes itself only inside SVG or MathML.

/// The deepest a body with raw HTML may nest its elements (Markdown
/// structure and raw tags together). Hand-written pages rarely pass 30.
pub const MAX_HTML_DEPTH: usize = 256;

/// Elements without content.
const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr", "frame",
];

/// Elements the parser closes when a sibling starts (or that only live
/// inside tables), so that repeating them does not nest.
const SIBLING_CLOSED: [&str; 15] =
    ["p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp"];

/// The running depth of a body's HTML.
#[derive(Debug, Default)]
pub struct Depth {
    /// Markdown elements open (their events are always balanced).
    markdown: usize,
    /// Raw HTML elements open, by lower-case name, outermost first.
    raw: Vec<String>,
    /// How many of `raw` are `svg` or `math`.
    foreign: usize,
}

impl Depth {
    /// The current depth.
    pub fn current(&self) -> usize {
        self.markdown + self.raw.len()
    }

    /// A Markdown element opens.
    pub fn open(&mut self) {
        self.markdown += 1;
    }

    /// A Markdown element closes.
    pub fn close(&mut self) {
        self.markdown = self.markdown.saturating_sub(1);
    }

    /// Reads the tags of a piece of raw HTML (a whole tag, or a line of an
    /// HTML block). Stops early once deeper than [`MAX_HTML_DEPTH`].
    pub fn raw(&mut self, html: &str) {
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            if self.current() > MAX_HTML_DEPTH {
                return;
            }
            rest = &rest[at + 1..];
            if let Some(comment) = rest.strip_prefix("!--") {
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let (closing, tag) = match rest.strip_prefix('/') {
                Some(tag) => (true, tag),
                None => (false, rest),
            };
            let len = tag.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(tag.len());
            if len == 0 || !tag.as_bytes()[0].is_ascii_alphabetic() {
                continue;
            }
            let name = tag[..len].to_ascii_lowercase();
            let self_closing = tag[len..].split('>').next().is_some_and(|attrs| attrs.ends_with('/'));
            rest = &tag[len..];
            if closing {
                self.end_tag(&name);
            } else {
                self.start_tag(name, self_closing);
            }
        }
    }

    fn start_tag(&mut self, name: String, self_closing: bool) {
        let closes_itself = VOID.contains(&name.as_str())
            || SIBLING_CLOSED.contains(&name.as_str())
            || (self_closing && self.foreign > 0);
        let nests = !closes_itself;
        if nests {
            self.foreign += usize::from(is_foreign(&name));
            self.raw.push(name);
        }
    }

    fn end_tag(&mut self, name: &str) {
        if let Some(at) = self.raw.iter().rposition(|open| open == name) {
            self.foreign -= self.raw[at..].iter().filter(|open| is_foreign(open)).count();
            self.raw.truncate(at);
        }
    }
}

fn is_foreign(name: &str) -> bool {
    name == "svg" || name == "math"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of(html: &str) -> usize {
        let mut depth = Depth::default();
        depth.raw(html);
        depth.current()
    }

    #[test]
    fn nesting_follows_the_html_parser() {
        assert_eq!(depth_of("<div><div><span>x"), 3);
        assert_eq!(depth_of("<div><div></div></div>"), 0);
        assert_eq!(depth_of("<div><span><b>x</div>"), 0, "an end tag closes what was opened after it");
        assert_eq!(depth_of("</div></div><div>"), 1, "stray end tags are ignored");
        assert_eq!(depth_of("<p>a<p>b<li>c<br><img src=x><hr/>"), 0);
        assert_eq!(depth_of("<DIV class=\"a>b\">"), 1);
        assert_eq!(depth_of("<!-- <div><div> -->"), 0);
        assert_eq!(depth_of("<div/><div/>"), 2, "outside SVG, `/>` does not close a div");
        assert_eq!(depth_of("<svg><path d=\"M0\"/><path/></svg>"), 0);
        assert_eq!(depth_of("a < b and <3"), 0);
    }

    #[test]
    fn markdown_and_raw_depths_add_up() {
        let mut depth = Depth::default();
        depth.open();
        depth.open();
        depth.raw("<section><div>");
        assert_eq!(depth.current(), 4);
        depth.close();
        depth.raw("</section>");
        assert_eq!(depth.current(), 1);
    }
}
