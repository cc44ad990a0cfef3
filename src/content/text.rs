//! A content file's text: read as UTF-8 with `\n` line ends and no
//! byte-order mark, refused past [`MAX_FILE_BYTES`], and without the
//! characters XML cannot carry (each file that held some is warned about),
//! so every feed and sitemap stays well-formed whatever a file holds.

use std::path::Path;

use crate::error::{Diagnostic, line_col};

/// The largest content file read (a long article is a few hundred KiB):
/// bigger ones are refused, so one wrong file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

/// Reads the file `rel` of the site at `root` as UTF-8 text, without a
/// byte-order mark and with `\n` line ends.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Vec<Diagnostic>> {
    let cannot = |e: std::io::Error| vec![Diagnostic::new(rel, format!("cannot read: {e}"))];
    let file = std::fs::File::open(root.join(rel)).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_FILE_BYTES {
        return Err(vec![
            Diagnostic::new(
                rel,
                format!(
                    "the file is {:.1} MiB; content files may be at most {} MiB",
                    size as f64 / 1048576.0,
                    MAX_FILE_BYTES >> 20
                ),
            )
            .hint("split it into several articles, and keep images and data in static/"),
        ]);
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_FILE_BYTES + 1), &mut bytes).map_err(cannot)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line, col) = line_col(&String::from_utf8_lossy(valid), valid.len());
        vec![Diagnostic::new(rel, "the file is not UTF-8 text").at(line, col).hint("save it as UTF-8 in your editor")]
    })?;
    Ok(normalize(text))
}

/// Drops a byte-order mark and turns `\r\n` line ends into `\n`.
pub fn normalize(text: String) -> String {
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.contains('\r') { text.replace("\r\n", "\n") } else { text }
}

/// Runs of whitespace become one space; none at either end.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True for the characters XML 1.0 allows (every character but most C0
/// controls, U+FFFE and U+FFFF). Content is read without the others, so
/// every feed and sitemap stays well-formed whatever a file holds.
pub fn is_xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The text without the characters XML does not allow (a vertical tab or
/// form feed becomes a space), and a warning naming the first one's place.
/// Scraped and machine-written text carries such invisible characters.
pub fn without_invisible<'a>(rel: &Path, text: &'a str) -> (std::borrow::Cow<'a, str>, Vec<Diagnostic>) {
    let Some(first) = text.find(|c| !is_xml_char(c)) else { return (text.into(), Vec::new()) };
    let mut kept = String::with_capacity(text.len());
    let mut kinds: Vec<char> = Vec::new();
    let mut count = 0;
    for c in text.chars() {
        if is_xml_char(c) {
            kept.push(c);
            continue;
        }
        count += 1;
        if !kinds.contains(&c) {
            kinds.push(c);
        }
        if matches!(c, '\u{b}' | '\u{c}') {
            kept.push(' ');
        }
    }
    let (line, column) = line_col(text, first);
    (kept.into(), vec![invisible_warning(rel, count, &kinds).at(line, column)])
}

/// The warning for `count` characters XML does not allow, of these kinds.
pub fn invisible_warning(rel: &Path, count: usize, kinds: &[char]) -> Diagnostic {
    let names: Vec<String> = kinds.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect();
    let message = if count == 1 {
        format!("removed {}, an invisible character that XML feeds cannot carry", names[0])
    } else {
        format!(
            "removed {count} invisible characters that XML feeds cannot carry ({}), the first of them here",
            names.join(", ")
        )
    };
    Diagnostic::new(rel, message).hint("delete them in your editor, or fix the tool that wrote this file")
}

#[cfg(test)]
mod tests {
    use super::collapse_whitespace;

    #[test]
    fn whitespace_runs_become_one_space_and_none_is_left_at_the_ends() {
        assert_eq!(collapse_whitespace("  Fabs\n\texpand \u{a0} in  Hefei  "), "Fabs expand in Hefei");
        assert_eq!(collapse_whitespace(" \n "), "");
    }
}
