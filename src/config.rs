//! `site.toml`: read strictly into `RawConfig`, then validated into the
//! [`Config`] every later stage relies on (an absolute base URL, a real time
//! zone, a permalink pattern with `{slug}`, declared categories in order).

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use jiff::tz::TimeZone;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Collector, Diagnostic, Error, Origin, Result, closest, explain_serde_message, line_col};

mod authors;
mod deploy;
mod disclosure;
mod images;
mod publisher;
pub use authors::{Author, unknown_author_hint};
pub use deploy::{Deploy, Encoding, Matcher, Target};
pub use disclosure::{Disclosure, IPTC_SCHEME, Made};
pub use images::{Images, Modern};
pub use publisher::{Organization, Policies};

pub use crate::files::CONFIG_FILE;

/// `site.toml` exactly as written; every key of FORMAT.md and nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Spanned<String>,
    base_url: Spanned<String>,
    #[serde(default)]
    description: String,
    language: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    author: Option<String>,
    publisher: Option<publisher::RawPublisher>,
    theme: Option<Spanned<String>>,
    per_page: Option<Spanned<i64>>,
    permalink: Option<Spanned<String>>,
    #[serde(default)]
    categories: IndexMap<String, RawCategory>,
    #[serde(default)]
    feeds: RawFeeds,
    #[serde(default)]
    related: RawRelated,
    #[serde(default)]
    search: RawSearch,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    deploy: deploy::RawDeploy,
    #[serde(default)]
    images: images::RawImages,
    #[serde(default)]
    authors: IndexMap<Spanned<String>, authors::RawAuthor>,
    #[serde(default)]
    disclosure: disclosure::RawDisclosure,
    #[serde(default)]
    share: RawShare,
    #[serde(default)]
    extra: toml::Table,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShare {
    enabled: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelated {
    limit: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    raw_html: Option<RawHtml>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    enabled: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeeds {
    limit: Option<Spanned<i64>>,
    content: Option<FeedContent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    label: String,
    emoji: Option<String>,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's name.
    pub title: String,
    /// Where the site is published.
    pub base_url: BaseUrl,
    /// Where `base_url` is written in site.toml (line, column); `None` when
    /// the command line gave it.
    pub base_url_at: Option<(usize, usize)>,
    /// One sentence about the site, for the home page and feeds.
    pub description: String,
    /// BCP 47 language tag of the site's pages.
    pub language: String,
    /// The time zone dates without an offset are read in, and weeks are cut in.
    pub timezone: TimeZone,
    /// The IANA name of [`Config::timezone`].
    pub timezone_name: String,
    /// Whether site.toml names a time zone (UTC is only the default).
    pub timezone_set: bool,
    /// The default byline.
    pub author: Option<String>,
    /// Publisher name for structured data (defaults to the title).
    pub publisher: String,
    /// Folder name under `themes/`.
    pub theme: String,
    /// Articles per home, category and tag page.
    pub per_page: usize,
    /// Where article pages go.
    pub permalink: Permalink,
    /// Declared categories, in the order of site.toml.
    pub categories: Vec<Category>,
    /// How feeds are written.
    pub feeds: Feeds,
    /// Related articles shown on each article page (at most).
    pub related_limit: usize,
    /// Whether to build the search index and page.
    pub search: bool,
    /// What becomes of raw HTML in bodies (`[markdown] raw_html`).
    pub raw_html: RawHtml,
    /// Where `newsprint deploy` uploads, and with which headers (`[deploy]`).
    pub deploy: Deploy,
    /// How images that articles use are processed (`[images]`).
    pub images: Images,
    /// The declared authors, in the order of site.toml (`[authors.<key>]`).
    pub authors: Vec<Author>,
    /// The publisher's address, logo, policy pages and rights notice (the
    /// `[publisher]` table).
    pub organization: Organization,
    /// How articles are made unless they say, and the AI policy page
    /// (`[disclosure]`).
    pub disclosure: Disclosure,
    /// Whether article pages show share links (`[share] enabled`).
    pub share: bool,
    /// Free-form values for themes.
    pub extra: toml::Table,
    /// The key of these settings (site.toml's text and the overrides), so
    /// the build cache can tell when they changed.
    pub key: crate::hash::Key,
}

/// The `[feeds]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feeds {
    /// Entries per feed, newest first.
    pub limit: usize,
    /// Whether entries carry the full article or only its summary.
    pub content: FeedContent,
}

/// What a feed entry carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    /// The whole article as HTML, and its summary.
    #[default]
    Full,
    /// Only the summary.
    Summary,
}

/// What becomes of raw HTML written in a body (`[markdown] raw_html`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept, but sanitized: no script, no event handlers, no `javascript:`
    /// URLs, no iframes but video players from a few known hosts.
    #[default]
    Sanitize,
    /// Kept as written (for sites whose every author is trusted).
    Trusted,
}

/// A declared category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// The key used in front matter and URLs.
    pub key: String,
    /// The name shown to readers.
    pub label: String,
    /// An optional emoji shown next to the label.
    pub emoji: Option<String>,
}

impl Config {
    /// The category with this key, if declared.
    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    /// The author with this key, if declared.
    pub fn author(&self, key: &str) -> Option<&Author> {
        self.authors.iter().find(|a| a.key == key)
    }
}

/// The absolute URL the site is published under, with its path split out so
/// links work under a sub-path such as `https://x.github.io/wire`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Scheme, host and path, without a trailing slash.
    pub absolute: String,
    /// Just the path, without a trailing slash: `""` or `"/wire"`.
    pub path: String,
}

impl BaseUrl {
    /// Parses an absolute http(s) URL without query or fragment.
    pub fn parse(text: &str) -> std::result::Result<BaseUrl, String> {
        let url = url::Url::parse(text.trim()).map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => {
                format!("`{text}` is not a whole address: it has no scheme and host, such as https://news.example.org")
            }
            other => format!("`{text}` is not a URL ({other})"),
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!("`{text}` is not an absolute http or https URL"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!("`{text}` has a query or fragment; give only scheme, host and path"));
        }
        let absolute = url.as_str().trim_end_matches('/').to_string();
        let path = url.path().trim_end_matches('/').to_string();
        Ok(BaseUrl { absolute, path })
    }

    /// The site-relative URL (`/wire/articles/x/`) of an output path (`articles/x/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.path, path)
    }

    /// The absolute URL of an output path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}/{}", self.absolute, path)
    }

    /// Scheme and host (and port), without the path: `https://x.github.io`.
    pub fn origin(&self) -> &str {
        self.absolute.strip_suffix(self.path.as_str()).unwrap_or(&self.absolute)
    }

    /// True for the addresses RFC 2606 reserves for examples, such as the
    /// `https://example.org` that `newsprint init` writes: no site is
    /// published there.
    pub fn is_placeholder(&self) -> bool {
        let host = self.origin().split("://").nth(1).unwrap_or_default();
        let host = host.rsplit_once(':').map_or(host, |(host, _)| host);
        matches!(host, "example.org" | "example.com" | "example.net")
    }
}

/// Settings that only matter once the site is online and are likely to be
/// wrong, for a build to publish to warn about: the
/// placeholder address `newsprint init` writes, and a robots.txt under a
/// sub-path, where crawlers never look for it.
pub fn publishing_warnings(config: &Config) -> Vec<Diagnostic> {
    let base_url = &config.base_url;
    let (origin, given) = match config.base_url_at {
        Some(_) => (Origin::File(CONFIG_FILE.into()), "base_url"),
        None => (Origin::Flag("--base-url".into()), "the base URL"),
    };
    let at = |diagnostic: Diagnostic| match config.base_url_at {
        Some((line, column)) => diagnostic.at(line, column),
        None => diagnostic,
    };
    let mut warnings = Vec::new();
    if base_url.is_placeholder() {
        warnings.push(at(Diagnostic::about(
            origin.clone(),
            format!(
                "{given} is {}, a placeholder: feeds, sitemaps and email editions would link there",
                base_url.absolute
            ),
        )
        .hint("set base_url in site.toml to the address the site will be published at")));
    }
    if !base_url.path.is_empty() {
        warnings.push(at(Diagnostic::about(
            origin.clone(),
            format!(
                "robots.txt goes to {}/robots.txt, but crawlers read only {}/robots.txt",
                base_url.absolute,
                base_url.origin()
            ),
        )
        .hint(format!(
            "to guide crawlers, copy its lines into {}/robots.txt; sitemap.xml works where it is",
            base_url.origin()
        ))));
    }
    warnings
}

/// Why a literal part of a permalink could lead out of the output folder or
/// fail on some file system, if it could.
fn unsafe_literal(text: &str) -> Option<&'static str> {
    if !text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')) {
        return Some("may hold only letters, digits, `-`, `_`, `.` and `/` outside its placeholders");
    }
    if text.split('/').any(|segment| segment == "." || segment == "..") {
        return Some("has a `.` or `..` folder, which would lead out of the output folder");
    }
    if text.contains("//") {
        return Some("has an empty folder name (`//`)");
    }
    None
}

/// A parsed `permalink` pattern such as `/articles/{year}/{slug}/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permalink {
    parts: Vec<PermalinkPart>,
}

/// A piece of a permalink pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PermalinkPart {
    /// Text copied as written.
    Literal(String),
    /// The article's slug.
    Slug,
    /// Four-digit year of the article's date in the site's time zone.
    Year,
    /// Two-digit month.
    Month,
    /// Two-digit day.
    Day,
    /// The article's category key.
    Category,
}

const PLACEHOLDERS: [&str; 5] = ["slug", "year", "month", "day", "category"];

impl Permalink {
    /// Parses and checks a pattern: starts and ends with `/`, has `{slug}`,
    /// uses only known placeholders.
    pub fn parse(pattern: &str) -> std::result::Result<Permalink, (String, Option<String>)> {
        if !pattern.starts_with('/') || !pattern.ends_with('/') {
            return Err((
                format!("permalink `{pattern}` must start and end with `/`"),
                Some("pages are written as folder/index.html, e.g. \"/articles/{slug}/\"".into()),
            ));
        }
        if pattern.starts_with("//") {
            // `//{slug}/` would make every link `href="//slug/"`: another host.
            return Err((
                format!("permalink `{pattern}` has an empty folder name (`//`)"),
                Some("use letters, digits, `-`, `_` and `/` between placeholders, e.g. \"/articles/{slug}/\"".into()),
            ));
        }
        let mut parts = Vec::new();
        let mut rest = &pattern[1..];
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(PermalinkPart::Literal(rest[..open].to_string()));
            }
            let close =
                rest[open..].find('}').ok_or_else(|| (format!("permalink `{pattern}` has an unclosed `{{`"), None))?;
            let name = &rest[open + 1..open + close];
            parts.push(match name {
                "slug" => PermalinkPart::Slug,
                "year" => PermalinkPart::Year,
                "month" => PermalinkPart::Month,
                "day" => PermalinkPart::Day,
                "category" => PermalinkPart::Category,
                _ => {
                    let known = PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(" ");
                    let hint = closest(name, PLACEHOLDERS)
                        .map(|best| format!("did you mean `{{{best}}}`?"))
                        .unwrap_or(format!("placeholders are {known}"));
                    return Err((format!("unknown placeholder `{{{name}}}` in permalink"), Some(hint)));
                }
            });
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PermalinkPart::Literal(rest.to_string()));
        }
        for part in &parts {
            if let PermalinkPart::Literal(text) = part
                && let Some(why) = unsafe_literal(text)
            {
                return Err((
                    format!("permalink `{pattern}` {why}"),
                    Some(
                        "use letters, digits, `-`, `_` and `/` between placeholders, e.g. \"/articles/{slug}/\"".into(),
                    ),
                ));
            }
        }
        if !parts.contains(&PermalinkPart::Slug) {
            return Err((
                format!("permalink `{pattern}` has no `{{slug}}`"),
                Some("every article needs its own address, e.g. \"/articles/{slug}/\"".into()),
            ));
        }
        Ok(Permalink { parts })
    }

    /// The pieces of the pattern after its leading `/`.
    pub fn parts(&self) -> &[PermalinkPart] {
        &self.parts
    }

    /// True when the pattern uses `{category}`.
    pub fn uses_category(&self) -> bool {
        self.parts.contains(&PermalinkPart::Category)
    }
}

/// Settings given on the command line that win over site.toml.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Replaces `base_url`.
    pub base_url: Option<String>,
}

/// Reads and validates `<root>/site.toml`.
pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NoSite { root: root.to_path_buf() }
        } else {
            Error::io(&path, source)
        }
    })?;
    parse(&text, overrides)
}

/// Parses and validates the text of a site.toml.
pub fn parse(text: &str, overrides: &Overrides) -> Result<Config> {
    let file = PathBuf::from(CONFIG_FILE);
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let (message, hint) = explain_serde_message(e.message());
        let hint = top_level_key_in_table(&message).or(hint);
        let (message, hint) = match deploy::credential_key(&message) {
            Some((message, hint)) => (message, Some(hint)),
            None => (message, hint),
        };
        let at = e.span().map(|span| line_col(text, span.start));
        let (message, hint) = in_toml_words(text, at, message, hint);
        Error::invalid(vec![Diagnostic::new(&file, message).at_opt(at).hint_opt(hint)])
    })?;
    validate(raw, text, overrides)
}

/// The explanation of a parser's message in site.toml's own words: where
/// front matter has `key: value` lines, site.toml has tables (`[search]`
/// on a line of its own, then `name = value` lines).
fn in_toml_words(
    text: &str,
    at: Option<(usize, usize)>,
    message: String,
    hint: Option<String>,
) -> (String, Option<String>) {
    if !message.contains("`key: value` lines") {
        return (message, hint);
    }
    let line = at.and_then(|(line, _)| text.lines().nth(line - 1)).unwrap_or_default();
    let key = line.split_once('=').map(|(key, _)| key.trim()).filter(|key| !key.is_empty() && !key.contains(' '));
    match key {
        Some(key) => (
            format!("`{key}` is a table: its settings go on their own lines under `[{key}]`"),
            Some(format!("write `[{key}]` on a line of its own, then one `name = value` line per setting")),
        ),
        None => (
            message.replace("`key: value` lines", "a table"),
            Some(
                "write the table's name in brackets on a line of its own, then one `name = value` line per setting"
                    .into(),
            ),
        ),
    }
}

/// The keys of the top level of site.toml.
const TOP_LEVEL_KEYS: [&str; 21] = [
    "title",
    "base_url",
    "description",
    "language",
    "timezone",
    "author",
    "publisher",
    "theme",
    "per_page",
    "permalink",
    "categories",
    "feeds",
    "related",
    "search",
    "images",
    "markdown",
    "deploy",
    "authors",
    "disclosure",
    "share",
    "extra",
];

/// A top-level key written below a `[table]` header belongs to that table in
/// TOML, a classic slip; say so instead of listing the table's keys.
fn top_level_key_in_table(message: &str) -> Option<String> {
    let key = message.strip_prefix("unknown field `")?.strip_suffix('`')?;
    TOP_LEVEL_KEYS
        .contains(&key)
        .then(|| format!("`{key}` is a top-level setting: move it above the first [section] line of {CONFIG_FILE}"))
}

fn validate(raw: RawConfig, text: &str, overrides: &Overrides) -> Result<Config> {
    let RawConfig {
        title,
        base_url,
        description,
        language,
        timezone,
        author,
        publisher,
        theme,
        per_page,
        permalink,
        categories,
        feeds,
        related,
        search,
        markdown,
        deploy,
        images,
        authors,
        disclosure,
        share,
        extra,
    } = raw;
    let mut found = Collector::new();
    let here = |span: std::ops::Range<usize>, message: String| {
        Diagnostic::new(CONFIG_FILE, message).at_opt(Some(line_col(text, span.start)))
    };

    if title.get_ref().trim().is_empty() {
        found.push(here(title.span(), "`title` is empty".into()).hint("name the site, e.g. title = \"Compute Wire\""));
    }
    let base_url_at = overrides.base_url.is_none().then(|| line_col(text, base_url.span().start));
    let base_url = match &overrides.base_url {
        Some(url) => BaseUrl::parse(url).map_err(|m| {
            Diagnostic::flag("--base-url", m).hint("give the whole address, e.g. --base-url https://you.github.io/wire")
        }),
        None => BaseUrl::parse(base_url.get_ref())
            .map_err(|m| here(base_url.span(), m).hint("write it like base_url = \"https://news.example.org\"")),
    };
    let base_url = found.take(base_url.map_err(|d| vec![d]));

    let language = match language {
        Some(lang) if !is_language_tag(lang.get_ref()) => {
            found.push(
                here(lang.span(), format!("`{}` is not a language tag", lang.get_ref()))
                    .hint("use a BCP 47 tag such as \"en\", \"zh\" or \"pt-BR\""),
            );
            String::new()
        }
        Some(lang) => lang.into_inner(),
        None => "en".to_string(),
    };

    let timezone_set = timezone.is_some();
    let (timezone, timezone_name) = match timezone {
        None => (TimeZone::UTC, "UTC".to_string()),
        Some(name) => match TimeZone::get(name.get_ref()) {
            Ok(tz) => (tz, name.into_inner()),
            Err(_) => {
                found.push(
                    here(name.span(), format!("`{}` is not an IANA time zone", name.get_ref()))
                        .hint("use a name such as \"Asia/Shanghai\", \"Europe/Berlin\" or \"UTC\""),
                );
                (TimeZone::UTC, String::new())
            }
        },
    };

    let theme = match theme {
        Some(name) if !is_simple_name(name.get_ref()) => {
            found.push(
                here(name.span(), format!("theme `{}` is not a folder name", name.get_ref()))
                    .hint("give the name of a folder under themes/, e.g. \"newsroom\""),
            );
            String::new()
        }
        Some(name) => name.into_inner(),
        None => "newsroom".to_string(),
    };

    let per_page = match per_page {
        Some(n) if *n.get_ref() < 1 || *n.get_ref() > 10_000 => {
            found.push(here(n.span(), format!("per_page is {}; it must be between 1 and 10000", n.get_ref())));
            1
        }
        Some(n) => *n.get_ref() as usize,
        None => 20,
    };

    let permalink = match permalink {
        None => Permalink::parse("/articles/{slug}/").ok(),
        Some(pattern) => match Permalink::parse(pattern.get_ref()) {
            Ok(p) => Some(p),
            Err((message, hint)) => {
                found.push(here(pattern.span(), message).hint_opt(hint));
                None
            }
        },
    };

    let categories = validate_categories(categories, &mut found);
    let RawFeeds { limit, content } = feeds;
    let feeds = Feeds {
        limit: match limit {
            Some(n) if *n.get_ref() < 1 || *n.get_ref() > 10_000 => {
                found.push(here(n.span(), format!("feeds.limit is {}; it must be between 1 and 10000", n.get_ref())));
                1
            }
            Some(n) => *n.get_ref() as usize,
            None => 50,
        },
        content: content.unwrap_or_default(),
    };
    let related_limit = match related.limit {
        Some(n) if *n.get_ref() < 0 || *n.get_ref() > 100 => {
            found.push(here(n.span(), format!("related.limit is {}; it must be between 0 and 100", n.get_ref())));
            0
        }
        Some(n) => *n.get_ref() as usize,
        None => 4,
    };
    let deploy = deploy::validate(deploy, text, &mut found);
    let images = images::validate(images, text, &mut found);
    let authors = authors::validate(authors, text, &mut found);
    let keys: Vec<&str> = authors.iter().map(|a| a.key.as_str()).collect();
    let disclosure = disclosure::validate(disclosure, &keys, text, &mut found);
    let (publisher, organization) = publisher::validate(publisher, text, &mut found);

    let config = Config {
        title: title.into_inner(),
        base_url: base_url.unwrap_or_else(|| BaseUrl::parse("https://invalid.example").expect("valid")),
        base_url_at,
        description,
        language,
        timezone,
        timezone_name,
        timezone_set,
        publisher: publisher.unwrap_or_default(),
        author,
        theme,
        per_page,
        permalink: permalink.unwrap_or_else(|| Permalink::parse("/{slug}/").expect("valid")),
        categories,
        feeds,
        related_limit,
        // Without the `search` feature there is no index to search.
        search: cfg!(feature = "search") && search.enabled.unwrap_or(true),
        raw_html: markdown.raw_html.unwrap_or_default(),
        deploy,
        images,
        authors,
        organization,
        disclosure,
        share: share.enabled.unwrap_or(true),
        extra,
        key: crate::hash::KeyBuilder::new()
            .bytes(text.as_bytes())
            .bytes(overrides.base_url.as_deref().unwrap_or_default().as_bytes())
            .finish(),
    };
    let mut config = found.finish(config)?;
    if config.publisher.is_empty() {
        config.publisher = config.title.clone();
    }
    Ok(config)
}

fn validate_categories(raw: IndexMap<String, RawCategory>, found: &mut Collector) -> Vec<Category> {
    let mut categories = Vec::with_capacity(raw.len());
    for (key, RawCategory { label, emoji }) in raw {
        if !crate::slug::is_slug(&key) {
            found.push(
                Diagnostic::new(CONFIG_FILE, format!("category key `{key}` is not usable in URLs"))
                    .hint("use lower-case letters, digits and `-`, e.g. [categories.ai-policy]"),
            );
        } else if let Some(why) = crate::slug::unusable(&key) {
            found.push(
                Diagnostic::new(CONFIG_FILE, format!("category key `{key}` cannot name a folder: {why}"))
                    .hint("choose another key"),
            );
        }
        if label.trim().is_empty() {
            found.push(Diagnostic::new(CONFIG_FILE, format!("category `{key}` has an empty label")));
        }
        let emoji = emoji.filter(|e| !e.trim().is_empty());
        categories.push(Category { key, label, emoji });
    }
    categories
}

/// A loose BCP 47 check: a 2-3 letter language, then letter/digit subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The two-letter codes of ISO 639-1, the primary subtag of most BCP 47 tags.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii \
    ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr \
    ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl \
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Languages editors write out in full instead of tagging, and their tags.
const LANGUAGE_NAMES: [(&str, &str); 34] = [
    ("english", "en"),
    ("chinese", "zh"),
    ("mandarin", "zh"),
    ("中文", "zh"),
    ("汉语", "zh"),
    ("简体中文", "zh-Hans"),
    ("繁體中文", "zh-Hant"),
    ("japanese", "ja"),
    ("日本語", "ja"),
    ("korean", "ko"),
    ("한국어", "ko"),
    ("french", "fr"),
    ("français", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("spanish", "es"),
    ("español", "es"),
    ("portuguese", "pt"),
    ("português", "pt"),
    ("russian", "ru"),
    ("русский", "ru"),
    ("arabic", "ar"),
    ("italian", "it"),
    ("italiano", "it"),
    ("dutch", "nl"),
    ("hindi", "hi"),
    ("vietnamese", "vi"),
    ("thai", "th"),
    ("indonesian", "id"),
    ("turkish", "tr"),
    ("polish", "pl"),
    ("ukrainian", "uk"),
    ("swedish", "sv"),
    ("hebrew", "he"),
];

/// What is wrong with a language tag an editor wrote, as a message and a
/// hint (with the tag they probably meant), or `None` when it is a BCP 47
/// tag whose language has a two-letter code, or a three-letter one.
pub fn language_problem(tag: &str) -> Option<(String, String)> {
    let usage = "use a BCP 47 tag such as en, zh or pt-BR";
    let meant = |better: &str| format!("did you mean `{better}`? {usage}");
    if !is_language_tag(tag) {
        let lower = tag.trim().to_lowercase();
        let named = LANGUAGE_NAMES.iter().find(|(name, _)| *name == lower).map(|(_, code)| *code);
        let dashed = tag.replace('_', "-");
        let hint = match named {
            Some(code) => meant(code),
            None if tag.contains('_') && is_language_tag(&dashed) => meant(&dashed),
            None => usage.to_string(),
        };
        return Some((format!("`{tag}` is not a language tag"), hint));
    }
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    if primary.len() == 2 && !ISO_639_1.split_whitespace().any(|code| code == primary) {
        return Some((format!("`{primary}` in `{tag}` is not a language code"), usage.to_string()));
    }
    None
}

fn is_simple_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Config {
        parse(text, &Overrides::default()).unwrap()
    }

    fn parse_err(text: &str) -> String {
        parse(text, &Overrides::default()).unwrap_err().to_string()
    }

    const MINIMAL: &str = "title = \"Wire\"\nbase_url = \"https://wire.example.org/\"\n";

    #[test]
    fn defaults_fill_in() {
        let c = parse_ok(MINIMAL);
        assert_eq!(c.base_url.absolute, "https://wire.example.org");
        assert_eq!(c.base_url.path, "");
        assert_eq!(c.language, "en");
        assert_eq!(c.timezone_name, "UTC");
        assert_eq!(c.theme, "newsroom");
        assert_eq!(c.per_page, 20);
        assert_eq!(c.publisher, "Wire");
        assert_eq!(c.permalink, Permalink::parse("/articles/{slug}/").unwrap());
        assert_eq!(c.feeds, Feeds { limit: 50, content: FeedContent::Full });
        assert_eq!(c.related_limit, 4);
        assert!(c.search);
    }

    #[test]
    fn related_and_search_tables() {
        let c = parse_ok(&format!("{MINIMAL}[related]\nlimit = 2\n[search]\nenabled = false\n"));
        assert_eq!(c.related_limit, 2);
        assert!(!c.search);
    }

    #[test]
    fn feeds_table() {
        let c = parse_ok(&format!("{MINIMAL}[feeds]\nlimit = 10\ncontent = \"summary\"\n"));
        assert_eq!(c.feeds, Feeds { limit: 10, content: FeedContent::Summary });
        assert_eq!(
            parse_err(&format!("{MINIMAL}[feeds]\ncontent = \"ful\"\n")),
            "site.toml:4:11: unknown variant `ful`\n  hint: did you mean `full`?"
        );
    }

    #[test]
    fn sub_path_base_url_is_split() {
        let c = parse_ok("title = \"W\"\nbase_url = \"https://x.github.io/wire/\"\n");
        assert_eq!(c.base_url.path, "/wire");
        assert_eq!(c.base_url.url("weeks/"), "/wire/weeks/");
        assert_eq!(c.base_url.permalink("weeks/"), "https://x.github.io/wire/weeks/");
    }

    #[test]
    fn categories_keep_their_order() {
        let c = parse_ok(&format!(
            "{MINIMAL}[categories.zeta]\nlabel = \"Z\"\n[categories.alpha]\nlabel = \"A\"\nemoji = \"🅰️\"\n"
        ));
        let keys: Vec<_> = c.categories.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["zeta", "alpha"]);
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        assert_eq!(
            parse_err(&format!("{MINIMAL}per_pag = 3\n")),
            "site.toml:3:1: unknown field `per_pag`\n  hint: did you mean `per_page`?"
        );
    }

    #[test]
    fn a_top_level_key_below_a_table_is_explained() {
        assert_eq!(
            parse_err(&format!("{MINIMAL}[categories.chips]\nlabel = \"Chips\"\nper_page = 5\n")),
            "site.toml:5:1: unknown field `per_page`\n  hint: `per_page` is a top-level setting: move it above the first [section] line of site.toml"
        );
    }

    #[test]
    fn bad_values_are_all_reported() {
        let text =
            "title = \"W\"\nbase_url = \"ftp://x.org\"\ntimezone = \"Mars/Olympus\"\npermalink = \"/a/{slag}/\"\n";
        assert_eq!(
            parse_err(text),
            "site.toml:2:12: `ftp://x.org` is not an absolute http or https URL\n  hint: write it like base_url = \"https://news.example.org\"\n\
             site.toml:3:12: `Mars/Olympus` is not an IANA time zone\n  hint: use a name such as \"Asia/Shanghai\", \"Europe/Berlin\" or \"UTC\"\n\
             site.toml:4:13: unknown placeholder `{slag}` in permalink\n  hint: did you mean `{slug}`?"
        );
    }

    #[test]
    fn permalink_needs_slug_and_slashes() {
        assert!(Permalink::parse("/articles/{year}/").is_err());
        assert!(Permalink::parse("articles/{slug}").is_err());
        let p = Permalink::parse("/{year}/{month}/{slug}/").unwrap();
        assert_eq!(
            p.parts(),
            [
                PermalinkPart::Year,
                PermalinkPart::Literal("/".into()),
                PermalinkPart::Month,
                PermalinkPart::Literal("/".into()),
                PermalinkPart::Slug,
                PermalinkPart::Literal("/".into()),
            ]
        );
    }

    #[test]
    fn command_line_base_url_wins() {
        let c = parse(MINIMAL, &Overrides { base_url: Some("http://127.0.0.1:1111".into()) }).unwrap();
        assert_eq!(c.base_url.absolute, "http://127.0.0.1:1111");
    }

    #[test]
    fn deploy_targets_and_matchers() {
        let c = parse_ok(&format!(
            "{MINIMAL}[[deploy.targets]]\nname = \"production\"\nurl = \"s3://circuit-brief/www/\"\nregion = \"eu-west-1\"\n\
             [[deploy.targets]]\nname = \"r2\"\nurl = \"s3://circuit-brief\"\nendpoint = \"https://acc.r2.cloudflarestorage.com\"\nregion = \"auto\"\nprofile = \"r2\"\n\
             [[deploy.matchers]]\npattern = \"**/*.html\"\ncontent_encoding = \"br\"\n"
        ));
        let [production, r2] = &c.deploy.targets[..] else { panic!("two targets") };
        assert_eq!(
            production,
            &Target {
                name: "production".into(),
                bucket: "circuit-brief".into(),
                prefix: "www".into(),
                region: Some("eu-west-1".into()),
                endpoint: None,
                profile: None,
            }
        );
        assert_eq!(production.url(), "s3://circuit-brief/www");
        assert_eq!(r2.endpoint.as_deref(), Some("https://acc.r2.cloudflarestorage.com"));
        assert_eq!(r2.profile.as_deref(), Some("r2"));
        assert_eq!(c.deploy.matchers[0].content_encoding, Some(Encoding::Br));
        assert!(c.deploy.matchers[0].matches("articles/a/index.html"));
        assert!(!c.deploy.matchers[0].matches("feed.xml"));
    }

    #[test]
    fn bad_deploy_settings_are_all_reported() {
        let text = format!(
            "{MINIMAL}[[deploy.targets]]\nname = \"production\"\nurl = \"https://circuit-brief/www\"\n\
             [[deploy.targets]]\nname = \"production\"\nurl = \"s3://b\"\nendpoint = \"s3.example.com\"\n\
             [[deploy.targets]]\nname = \"production\"\nurl = \"s3://fine-bucket\"\n\
             [[deploy.matchers]]\npattern = \"css/[a\"\ncache_control = \"no-cache\"\n\
             [[deploy.matchers]]\npattern = \"*.js\"\n"
        );
        assert_eq!(
            parse_err(&text),
            "site.toml:5:7: deploy url `https://circuit-brief/www` does not start with s3://\n  hint: write it like url = \"s3://my-bucket\" or url = \"s3://my-bucket/site\"\n\
             site.toml:8:7: deploy url `s3://b` does not name a bucket: bucket names are 3 to 63 lower-case letters, digits, `.` and `-`\n  hint: write it like url = \"s3://my-bucket\" or url = \"s3://my-bucket/site\"\n\
             site.toml:9:12: endpoint `s3.example.com` is not a URL (relative URL without a base)\n  hint: write the service's address, e.g. endpoint = \"https://ACCOUNT.r2.cloudflarestorage.com\"\n\
             site.toml:14:11: pattern `css/[a` is not a glob: unclosed character class; missing ']'\n  hint: use `*` within a folder and `**` across folders, e.g. pattern = \"pagefind/**\"\n\
             site.toml:17:11: the matcher for `*.js` sets nothing\n  hint: give it cache_control, content_type or content_encoding, or remove it"
        );
        let twice = format!(
            "{MINIMAL}[[deploy.targets]]\nname = \"live\"\nurl = \"s3://one-bucket\"\n[[deploy.targets]]\nname = \"live\"\nurl = \"s3://two-bucket\"\n"
        );
        assert_eq!(
            parse_err(&twice),
            "site.toml:7:8: two deploy targets are named `live`\n  hint: give each [[deploy.targets]] its own name"
        );
    }

    #[test]
    fn deploy_keys_are_checked_by_name() {
        assert_eq!(
            parse_err(&format!(
                "{MINIMAL}[[deploy.targets]]\nname = \"live\"\nurl = \"s3://one-bucket\"\nregoin = \"x\"\n"
            )),
            "site.toml:6:1: unknown field `regoin`\n  hint: did you mean `region`?"
        );
        assert_eq!(
            parse_err(&format!("{MINIMAL}[[deploy.matchers]]\npattern = \"*\"\ncontent_encoding = \"gzp\"\n")),
            "site.toml:5:20: unknown variant `gzp`\n  hint: did you mean `gzip`?"
        );
    }

    #[test]
    fn credentials_in_site_toml_are_refused() {
        let hint = "  hint: remove it (and replace the key if site.toml was ever shared), then set AWS_ACCESS_KEY_ID and \
                    AWS_SECRET_ACCESS_KEY in the environment or put the keys in ~/.aws/credentials";
        assert_eq!(
            parse_err(&format!(
                "{MINIMAL}[[deploy.targets]]\nname = \"live\"\nurl = \"s3://one-bucket\"\nsecret_access_key = \"abc\"\n"
            )),
            format!(
                "site.toml:6:1: `secret_access_key` is a credential, and site.toml must not hold credentials\n{hint}"
            )
        );
        assert_eq!(
            parse_err(&format!("{MINIMAL}[deploy]\naws_access_key_id = \"AKIA\"\n")),
            format!(
                "site.toml:4:1: `aws_access_key_id` is a credential, and site.toml must not hold credentials\n{hint}"
            )
        );
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("zh-Hans-CN"));
        assert!(!is_language_tag("english!"));
        assert!(!is_language_tag("e"));
    }
}
