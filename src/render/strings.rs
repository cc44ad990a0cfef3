//! The words a theme prints, in the reader's language: one strings file per
//! language in the theme (`i18n/en.toml`, `i18n/zh.toml`), picked by
//! `language` in site.toml, with a site's own `i18n/<lang>.toml` overriding
//! single keys. English is the reference: a key another language lacks is
//! taken from it. Dates and durations are formatted from patterns in the
//! same files, so a Chinese site reads `2026年11月23日`, not `23 Nov 2026`.
//!
//! Templates call `t(key="…")`; a key with `one`/`other` forms takes
//! `count=`, and any other argument fills the `{name}` placeholder of that name.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;

use crate::error::{Diagnostic, Error, Result};
use crate::files::FileSource;
use crate::locks;

/// The language every theme must ship and every other falls back to.
pub const REFERENCE: &str = "en";

/// A theme's words in one language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// The strings file's language.
    pub language: String,
    entries: BTreeMap<String, String>,
    /// Abbreviated month names, January first.
    months: Vec<String>,
    /// Days already written out (a site has many articles a day).
    days: DayMemo,
}

/// Remembers [`Strings::date`]'s answers.
#[derive(Debug, Default)]
struct DayMemo(std::sync::RwLock<std::collections::HashMap<Date, String>>);

impl Clone for DayMemo {
    fn clone(&self) -> Self {
        DayMemo::default()
    }
}

impl Strings {
    /// Loads the strings for `language` from the theme's and the site's
    /// strings files (name → source, e.g. `en.toml`). Returns the strings and
    /// a warning when the theme has no file for that language.
    pub fn load(
        root: &Path,
        language: &str,
        theme_files: &BTreeMap<String, FileSource>,
        site_files: &BTreeMap<String, FileSource>,
    ) -> Result<(Strings, Option<Diagnostic>)> {
        let primary = language.split('-').next().unwrap_or(language).to_ascii_lowercase();
        let chosen = [language.to_string(), primary].into_iter().find(|lang| {
            theme_files.contains_key(&format!("{lang}.toml")) || site_files.contains_key(&format!("{lang}.toml"))
        });
        let mut entries = BTreeMap::new();
        for files in [theme_files, site_files] {
            for lang in std::iter::once(REFERENCE).chain(chosen.as_deref()) {
                if let Some(file) = files.get(&format!("{lang}.toml")) {
                    let own = parse(root, file)?;
                    // A language with one plural form (`other` only) drops
                    // English's `one`.
                    for key in own.keys().filter_map(|k| k.strip_suffix(".other")) {
                        if !own.contains_key(&format!("{key}.one")) {
                            entries.remove(&format!("{key}.one"));
                        }
                    }
                    entries.extend(own);
                }
            }
        }
        if !entries.contains_key("site.skip") {
            return Err(Error::invalid(vec![
                Diagnostic::new("themes", format!("the theme has no strings file i18n/{REFERENCE}.toml"))
                    .hint("every theme ships the English strings its templates use"),
            ]));
        }
        let warning = chosen.is_none().then(|| {
            Diagnostic::new(
                crate::config::CONFIG_FILE,
                format!("the theme has no strings for language `{language}`; pages use English words"),
            )
            .hint(format!("add i18n/{language}.toml to the site with the keys of the theme's i18n/en.toml"))
        });
        let months = (1..=12)
            .map(|m| entries.get(&format!("date.months.{m}")).cloned().unwrap_or_else(|| m.to_string()))
            .collect();
        let language = chosen.unwrap_or_else(|| REFERENCE.to_string());
        Ok((Strings { language, entries, months, days: DayMemo::default() }, warning))
    }

    /// The key of every string, for incremental builds.
    pub fn key(&self) -> crate::hash::Key {
        self.entries
            .iter()
            .fold(crate::hash::KeyBuilder::new(), |k, (a, b)| k.bytes(a.as_bytes()).bytes(b.as_bytes()))
            .finish()
    }

    /// The text of a key, or the key itself when no file has it (so a typo
    /// in a template shows on the page instead of breaking the build).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.entries.get(key).map_or(key, String::as_str)
    }

    /// A key's text with `{name}` placeholders filled.
    pub fn fill<K: AsRef<str>, V: AsRef<str>>(&self, key: &str, values: &[(K, V)]) -> String {
        fill(self.get(key), values)
    }

    /// A key with `one`/`other` forms, chosen by `count` and filled.
    pub fn count(&self, key: &str, count: i64, values: &[(&str, &str)]) -> String {
        let form = if count == 1 && self.entries.contains_key(&format!("{key}.one")) { "one" } else { "other" };
        let count_text = count.to_string();
        let mut all = vec![("count", count_text.as_str())];
        all.extend_from_slice(values);
        fill(self.get(&format!("{key}.{form}")), &all)
    }

    /// `23 Nov 2026` / `2026年11月23日`.
    pub fn date(&self, date: Date) -> String {
        if let Some(text) = locks::read(&self.days.0).get(&date) {
            return text.clone();
        }
        let text = self.fill("date.day", &self.date_parts(date, ""));
        locks::write(&self.days.0).insert(date, text.clone());
        text
    }

    /// `23 Nov 2026, 09:40` / `2026年11月23日 09:40`.
    pub fn date_time(&self, date: Date, time: &str) -> String {
        self.fill("date.day_time", &[("date", self.date(date).as_str()), ("time", time)])
    }

    /// `Mar 2025` / `2025年3月`.
    pub fn month(&self, year: i16, month: i8) -> String {
        let values = [
            ("year", year.to_string()),
            ("month", month.to_string()),
            ("month_name", self.month_name(month).to_string()),
        ];
        self.fill("date.month", &values)
    }

    /// A week's range: `16–22 Nov 2026`, `30 Nov – 6 Dec 2026`, `28 Dec 2026 – 3 Jan 2027`.
    pub fn range(&self, start: Date, end: Date) -> String {
        let key = if start.year() != end.year() {
            "date.range_years"
        } else if start.month() != end.month() {
            "date.range_months"
        } else {
            "date.range_days"
        };
        let mut values = self.date_parts(start, "start_");
        values.extend(self.date_parts(end, "end_"));
        self.fill(key, &values)
    }

    /// `8 minutes`, `3 hours`, `2 days` / `8 分钟`.
    pub fn duration(&self, seconds: i64) -> String {
        let minutes = (seconds.abs() + 30) / 60;
        if minutes < 1 {
            self.get("duration.moment").to_string()
        } else if minutes < 90 {
            self.count("duration.minutes", minutes, &[])
        } else if minutes < 36 * 60 {
            self.count("duration.hours", (minutes + 30) / 60, &[])
        } else {
            self.count("duration.days", (minutes + 720) / 1440, &[])
        }
    }

    fn month_name(&self, month: i8) -> &str {
        self.months.get(month as usize - 1).map_or("", String::as_str)
    }

    /// `year`, `month`, `month_name` and `day` of a date, each name prefixed.
    fn date_parts(&self, date: Date, prefix: &str) -> Vec<(String, String)> {
        vec![
            (format!("{prefix}year"), date.year().to_string()),
            (format!("{prefix}month"), date.month().to_string()),
            (format!("{prefix}month_name"), self.month_name(date.month()).to_string()),
            (format!("{prefix}day"), date.day().to_string()),
        ]
    }
}

/// Replaces each `{name}` in `pattern` with its value, in one pass (a value
/// is never searched for placeholders); unknown names stay as written.
pub fn fill<K: AsRef<str>, V: AsRef<str>>(pattern: &str, values: &[(K, V)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| n.as_ref() == name).map(|(_, v)| (v.as_ref(), close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A strings file flattened to dotted keys (`duration.minutes.one`).
fn parse(root: &Path, file: &FileSource) -> Result<BTreeMap<String, String>> {
    let text = file.read_text(root)?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        let at = e.span().map(|s| crate::error::line_col(&text, s.start));
        Error::invalid(vec![Diagnostic::new(file.shown(), e.message().to_string()).at_opt(at)])
    })?;
    let mut entries = BTreeMap::new();
    flatten("", &toml::Value::Table(table), &mut entries);
    Ok(entries)
}

fn flatten(prefix: &str, value: &toml::Value, out: &mut BTreeMap<String, String>) {
    let key = |k: &str| if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") };
    match value {
        toml::Value::Table(table) => table.iter().for_each(|(k, v)| flatten(&key(k), v, out)),
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&key(&(i + 1).to_string()), item, out);
            }
        }
        toml::Value::String(text) => {
            out.insert(prefix.to_string(), text.clone());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn theme_file(name: &str) -> BTreeMap<String, FileSource> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/newsroom/i18n").join(name);
        [(name.to_string(), FileSource::Disk { shown: path.clone(), path })].into()
    }

    fn load(language: &str) -> (Strings, Option<Diagnostic>) {
        let mut files = theme_file("en.toml");
        files.extend(theme_file("zh.toml"));
        Strings::load(Path::new("."), language, &files, &BTreeMap::new()).unwrap()
    }

    /// The theme's English strings.
    pub(crate) fn english() -> Strings {
        load("en").0
    }

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn english_dates_ranges_and_durations() {
        let en = english();
        assert_eq!(en.date(date("2026-11-23")), "23 Nov 2026");
        assert_eq!(en.date_time(date("2026-11-23"), "09:40"), "23 Nov 2026, 09:40");
        assert_eq!(en.month(2025, 3), "Mar 2025");
        assert_eq!(en.range(date("2026-11-16"), date("2026-11-22")), "16–22 Nov 2026");
        assert_eq!(en.range(date("2026-11-30"), date("2026-12-06")), "30 Nov – 6 Dec 2026");
        assert_eq!(en.range(date("2026-12-28"), date("2027-01-03")), "28 Dec 2026 – 3 Jan 2027");
        assert_eq!(en.duration(8 * 60), "8 minutes");
        assert_eq!(en.duration(61), "1 minute");
        assert_eq!(en.duration(3 * 3600 + 100), "3 hours");
        assert_eq!(en.duration(3 * 86400), "3 days");
        assert_eq!(en.count("weeks.count", 1, &[]), "1 article");
        assert_eq!(en.count("weeks.count", 2, &[]), "2 articles");
    }

    #[test]
    fn chinese_reads_naturally() {
        let (zh, warning) = load("zh-Hans");
        assert!(warning.is_none());
        assert_eq!(zh.language, "zh");
        assert_eq!(zh.date(date("2026-11-23")), "2026年11月23日");
        assert_eq!(zh.date_time(date("2026-11-23"), "09:40"), "2026年11月23日 09:40");
        assert_eq!(zh.month(2025, 3), "2025年3月");
        assert_eq!(zh.range(date("2026-11-16"), date("2026-11-22")), "2026年11月16日至22日");
        assert_eq!(zh.range(date("2026-11-30"), date("2026-12-06")), "2026年11月30日至12月6日");
        assert_eq!(zh.duration(8 * 60), "8 分钟");
        assert_eq!(zh.count("weeks.count", 1, &[]), "1 篇文章");
        assert_eq!(zh.get("article.takeaways"), "要点");
    }

    #[test]
    fn a_language_the_theme_lacks_falls_back_to_english_with_a_warning() {
        let (strings, warning) = load("fr");
        assert_eq!(strings.get("article.takeaways"), "Key takeaways");
        assert_eq!(
            warning.unwrap().to_string(),
            "site.toml: the theme has no strings for language `fr`; pages use English words\n  \
             hint: add i18n/fr.toml to the site with the keys of the theme's i18n/en.toml"
        );
    }

    #[test]
    fn every_language_has_every_english_key() {
        let en = english();
        let (zh, _) = load("zh");
        let zh_own: Vec<String> = toml::from_str::<toml::Table>(
            &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/newsroom/i18n/zh.toml"))
                .unwrap(),
        )
        .map(|t| {
            let mut out = BTreeMap::new();
            flatten("", &toml::Value::Table(t), &mut out);
            out.into_keys().collect()
        })
        .unwrap();
        for key in en.entries.keys() {
            let plural_base = key.strip_suffix(".one").or(key.strip_suffix(".other"));
            let covered =
                zh_own.contains(key) || plural_base.is_some_and(|base| zh_own.contains(&format!("{base}.other")));
            assert!(covered, "zh.toml lacks `{key}`");
        }
        assert_eq!(zh.get("site.skip"), "跳到正文");
    }
}
