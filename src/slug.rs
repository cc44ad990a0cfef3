//! Slugs: the lower-case ASCII names (`a-z`, `0-9`, `-`) that articles, tags
//! and categories use in URLs. Non-Latin text is transliterated first, so a
//! file named `芯片.md` gets the slug `xin-pian`: Chinese characters by their
//! commonest Mandarin reading (pinyin), so 厂 is `chang`, and other scripts
//! letter by letter (deunicode).

/// Turns any text into a slug: transliterate, lower-case, and join the runs
/// of letters and digits with single dashes. Empty when nothing survives.
pub fn slugify(text: &str) -> String {
    let ascii = transliterate(&text.replace(['\'', '’'], ""));
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

/// Latin letters for any text: each Chinese character as its commonest
/// pinyin reading, a syllable of its own; everything else as deunicode
/// spells it.
fn transliterate(text: &str) -> String {
    use pinyin::ToPinyin;
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c.to_pinyin() {
            Some(reading) => {
                out.push(' ');
                out.push_str(reading.plain());
                out.push(' ');
            }
            None => out.push_str(deunicode::deunicode_char(c).unwrap_or("")),
        }
    }
    out
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
        // The common reading, not the first one a dictionary lists.
        assert_eq!(slugify("厂"), "chang");
        assert_eq!(slugify("芯片厂暂停扩建"), "xin-pian-chang-zan-ting-kuo-jian");
        assert_eq!(slugify("算力 AI 周报"), "suan-li-ai-zhou-bao");
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
