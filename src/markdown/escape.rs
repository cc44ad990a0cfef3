//! Text escaped for HTML, one way for every page part that writes text
//! into HTML of its own (highlighted code, feeds, search records).

/// Text escaped for HTML (`&`, `<`, `>`, `"`), as pulldown-cmark escapes
/// the text it writes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}
