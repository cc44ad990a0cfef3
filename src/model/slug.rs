//! Slugs: the lower-case ASCII names (`a-z`, `0-9`, `-`) that articles, tags
//! and categories use in URLs. Non-Latin text is transliterated first, so a
//! file named `芯片.md` gets the slug `xin-pian`.

/// Turns any text into a slug: transliterate, lower-case, and join the runs
/// of letters and digits with single dashes. Empty when nothing survives.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(&text.replace(['\'', '’'], ""));
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// True when `text` already is a slug: non-empty, `a-z`, `0-9` and single
/// inner dashes only.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_examples() {
        assert_eq!(slugify("Chipmaker pauses fab expansion"), "chipmaker-pauses-fab-expansion");
        assert_eq!(slugify("  --Hello,  World!-- "), "hello-world");
        assert_eq!(slugify("Zürich Photonics"), "zurich-photonics");
        assert_eq!(slugify("Québec's HBM deal"), "quebecs-hbm-deal");
        assert_eq!(slugify("芯片"), "xin-pian");
        assert_eq!(slugify("export_controls"), "export-controls");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn is_slug_accepts_only_canonical_slugs() {
        assert!(is_slug("fab-expansion-2026"));
        assert!(!is_slug("Fab-Expansion"));
        assert!(!is_slug("fab--expansion"));
        assert!(!is_slug("-fab"));
        assert!(!is_slug("../etc"));
        assert!(!is_slug(""));
    }
}
