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

/// The longest slug: it is a folder name in the output, and file systems
/// stop at 255 bytes.
pub const MAX_LEN: usize = 120;

/// Why a slug cannot name a folder of the output everywhere, if it cannot:
/// too long, or a device name Windows reserves (`con`, `nul`, `com1`…).
pub fn unusable(slug: &str) -> Option<String> {
    if slug.len() > MAX_LEN {
        return Some(format!("it is {} characters long; the limit is {MAX_LEN}", slug.len()));
    }
    let reserved = ["con", "prn", "aux", "nul"].contains(&slug)
        || ["com", "lpt"].iter().any(|p| {
            slug.strip_prefix(p).is_some_and(|n| n.len() == 1 && n != "0" && n.bytes().all(|b| b.is_ascii_digit()))
        });
    reserved.then(|| format!("`{slug}` is a device name on Windows, where a folder cannot have it"))
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
    fn device_names_and_long_slugs_are_unusable() {
        assert!(unusable("con").is_some());
        assert!(unusable("com1").is_some());
        assert!(unusable("lpt9").is_some());
        assert!(unusable("com0").is_none());
        assert!(unusable("console").is_none());
        assert!(unusable(&"a".repeat(MAX_LEN)).is_none());
        assert!(unusable(&"a".repeat(MAX_LEN + 1)).unwrap().contains("121 characters"));
    }

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
