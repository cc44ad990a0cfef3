//! The typed views templates see. Each page kind gets one context struct
//! (`ArticleContext`, `ListContext`…) made of views that borrow from the
//! model; the README's theme guide documents them field by field.
//!
//! Views shared by many pages (the `site` view, article summaries, week and
//! category references) are turned into Tera values once per build, in
//! [`Shared`]; a context that holds them clones an `Arc`, not the data.

use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::credits::{AuthorRef, DisclosureView, LinkView, ShareLink};
use super::strings::Strings;
use crate::config::{Category, Config};
use crate::content::frontmatter::{Confidence, Section};
use crate::dates::{IsoWeek, Moment, PartialDate};
use std::sync::{Arc, OnceLock};

use crate::hash::Memo;
use crate::hash::{Hashed, Key, KeyBuilder};
use crate::markdown::{TocEntry, reading_minutes};
use crate::model::stories::Story;
use crate::model::{Article, Site, Tag, Week};
use crate::paths::{self, category_path, page_path, story_path, tag_path, week_path};

/// The `site` view, on every page.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Site name.
    pub title: &'a str,
    /// One sentence about the site.
    pub description: &'a str,
    /// BCP 47 language tag.
    pub language: &'a str,
    /// Absolute base URL without trailing slash.
    pub base_url: &'a str,
    /// Path part of the base URL without trailing slash (`""` or `/wire`);
    /// prefix it to static file paths.
    pub base_path: &'a str,
    /// Default byline (may be empty).
    pub author: &'a str,
    /// Publisher name.
    pub publisher: &'a str,
    /// The rights notice of the publisher (`[publisher] rights`; may be empty).
    pub rights: &'a str,
    /// The publisher's policy pages and the AI policy, for the footer.
    pub policies: Vec<LinkView>,
    /// IANA time zone name.
    pub timezone: &'a str,
    /// Links to the site's index pages.
    pub urls: SiteUrls,
    /// Every declared category, in site.toml order, with article counts.
    pub categories: Vec<CategoryView<'a>>,
    /// The newest week with articles.
    pub latest_week: Option<WeekRef>,
    /// Number of visible articles.
    pub article_count: usize,
    /// `[extra]` from site.toml.
    pub extra: &'a toml::Table,
    /// `newsprint <version>`.
    pub generator: &'static str,
}

/// Links to the site's index pages (site-relative URLs).
#[derive(Debug, Serialize)]
pub struct SiteUrls {
    /// The home page.
    pub home: String,
    /// The weeks archive.
    pub weeks: String,
    /// The category index.
    pub categories: String,
    /// The tag index.
    pub tags: String,
    /// The story index.
    pub stories: String,
    /// The search page (empty when search is off).
    pub search: String,
}

/// The `page` view, on every page: what `<head>` needs.
#[derive(Debug, Serialize)]
pub struct PageView {
    /// `home`, `article`, `week`, `weeks`, `category`, `categories`, `tag`, `tags` or `not_found`.
    pub kind: &'static str,
    /// The page's own title (without the site name).
    pub title: String,
    /// A one-sentence description for search results and cards.
    pub description: String,
    /// Site-relative URL of the page.
    pub url: String,
    /// Absolute URL of the page (canonical).
    pub permalink: String,
    /// Feeds to announce with `<link rel="alternate">`: the site's, then the
    /// category's, tag's or weekly recaps' on their pages.
    pub feeds: Vec<FeedLink>,
    /// Absolute URL of an image for social cards: the 1200×630 crop of the
    /// article's lead image (the image itself when it is not processed).
    pub image: Option<String>,
    /// Its width in pixels, when known.
    pub image_width: Option<u32>,
    /// Its height in pixels, when known.
    pub image_height: Option<u32>,
    /// schema.org JSON-LD, escaped for a `<script>` element.
    pub json_ld: Option<String>,
    /// BCP 47 language of the page, for `<html lang>`: the article's on an
    /// article page, the site's elsewhere.
    pub language: String,
}

/// A feed to announce in a page's `<head>`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// What a feed reader shows, e.g. `Circuit Brief: Chips (Atom)`.
    pub title: String,
    /// Site-relative URL.
    pub url: String,
    /// MIME type.
    pub mime: &'static str,
}

/// The items of page `number` (from 1) of a list of `len` items.
pub fn page_range(len: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    let start = ((number - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

/// A date as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// RFC 3339 with the offset the editor wrote, for `<time datetime>`.
    pub iso: String,
    /// `2026-11-23`, in the site's time zone.
    pub date: String,
    /// `23 Nov 2026`, in the site's time zone.
    pub display: String,
    /// `23 Nov 2026, 09:40`, in the site's time zone.
    pub display_time: String,
}

impl DateView {
    fn new(moment: &Moment, config: &Config, strings: &Strings) -> DateView {
        let local = config.timezone.to_datetime(moment.instant);
        let date = local.date();
        DateView {
            iso: moment.rfc3339(),
            date: format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
            display: strings.date(date),
            display_time: strings.date_time(date, &format!("{:02}:{:02}", local.hour(), local.minute())),
        }
    }
}

/// A timeline date as readers see it: `2025`, `Mar 2025`, `1 Mar 2025`.
pub fn partial_date(date: PartialDate, strings: &Strings) -> String {
    match date {
        PartialDate::Year(y) => y.to_string(),
        PartialDate::Month(y, m) => strings.month(y, m),
        PartialDate::Day(d) => strings.date(d),
    }
}

/// A declared category with its page and article count.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView<'a> {
    /// Key used in front matter and URLs.
    pub key: &'a str,
    /// Name shown to readers.
    pub label: &'a str,
    /// Optional emoji.
    pub emoji: Option<&'a str>,
    /// Site-relative URL of its page.
    pub url: String,
    /// Number of visible articles.
    pub count: usize,
}

impl<'a> CategoryView<'a> {
    fn new(category: &'a Category, count: usize, config: &Config) -> Self {
        CategoryView {
            key: &category.key,
            label: &category.label,
            emoji: category.emoji.as_deref(),
            url: config.base_url.url(&category_path(&category.key)),
            count,
        }
    }
}

/// A tag with its page and article count.
#[derive(Debug, Clone, Serialize)]
pub struct TagView<'a> {
    /// Slug used in URLs.
    pub key: &'a str,
    /// Name shown to readers.
    pub name: &'a str,
    /// Site-relative URL of its page.
    pub url: String,
    /// Number of visible articles.
    pub count: usize,
}

impl<'a> TagView<'a> {
    fn new(tag: &'a Tag, config: &Config) -> Self {
        TagView {
            key: &tag.key,
            name: &tag.name,
            url: config.base_url.url(&tag_path(&tag.key)),
            count: tag.articles.len(),
        }
    }
}

/// A link to a week's recap page.
#[derive(Debug, Clone, Serialize)]
pub struct WeekRef {
    /// `2026-W48`.
    pub key: String,
    /// ISO week-numbering year.
    pub year: i16,
    /// Week number.
    pub number: i8,
    /// `Week 48, 2026`.
    pub label: String,
    /// `16–22 Nov 2026`.
    pub range: String,
    /// The Monday, `2026-11-23`.
    pub start: String,
    /// The Sunday.
    pub end: String,
    /// Site-relative URL of its page.
    pub url: String,
}

impl WeekRef {
    fn new(week: IsoWeek, config: &Config, strings: &Strings) -> WeekRef {
        WeekRef {
            key: week.to_string(),
            year: week.year(),
            number: week.number(),
            label: week_label(week, strings),
            range: strings.range(week.monday(), week.sunday()),
            start: week.monday().to_string(),
            end: week.sunday().to_string(),
            url: config.base_url.url(&week_path(week)),
        }
    }
}

/// A link to another article (previous/next).
#[derive(Debug, Serialize)]
pub struct ArticleLink<'a> {
    /// Headline.
    pub title: &'a str,
    /// Site-relative URL.
    pub url: String,
    /// Published.
    pub date: DateView,
}

impl<'a> ArticleLink<'a> {
    fn new(article: &'a Article, config: &Config, strings: &Strings) -> Self {
        ArticleLink {
            title: &article.title,
            url: config.base_url.url(&article.path),
            date: DateView::new(&article.date, config, strings),
        }
    }
}

/// `Week 48, 2026` / `2026年第48周`.
pub fn week_label(week: IsoWeek, strings: &Strings) -> String {
    strings.fill("week.label", &[("number", week.number().to_string()), ("year", week.year().to_string())])
}

/// What list pages show of an article, and the base of the article page's
/// `article` view.
#[derive(Debug, Serialize)]
pub struct SummaryView<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Site-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Published.
    pub date: DateView,
    /// Last updated (the later of `updated` and the newest correction).
    pub updated: Option<DateView>,
    /// The one-line hook (plain text).
    pub hook: &'a str,
    /// True when the hook is the body's first paragraph (no `summary` was
    /// written), so an article page need not show it twice.
    pub hook_is_excerpt: bool,
    /// Its category.
    pub category: Option<CategoryView<'a>>,
    /// Its tags in the editor's order.
    pub tags: Vec<TagView<'a>>,
    /// The first takeaway, as inline HTML.
    pub first_takeaway: Option<&'a str>,
    /// Its week.
    pub week: WeekRef,
    /// The lead image.
    pub image: Option<ImageView<'a>>,
    /// Source publication name.
    pub source_name: Option<&'a str>,
    /// Estimated minutes to read the body.
    pub reading_minutes: usize,
    /// True for a draft shown with `--drafts`.
    pub draft: bool,
    /// True for an article dated after the build's clock, shown with
    /// `--future` (and by the dev server).
    pub scheduled: bool,
    /// How it was made, when its front matter or the site says.
    pub disclosure: Option<DisclosureView>,
    /// The editor who reviewed it.
    pub reviewer: Option<AuthorRef<'a>>,
}

/// The lead image. Print it with `picture(image=…)`, or build the markup
/// from these fields.
#[derive(Debug, Serialize)]
pub struct ImageView<'a> {
    /// URL to put in `src`: the processed version closest to 960 px wide,
    /// else the image itself (site paths get the base path).
    pub src: String,
    /// Absolute URL of the image itself, as the editor gave it.
    pub absolute: String,
    /// Text alternative (empty for a decorative image).
    pub alt: &'a str,
    /// Width of the file in `src`, in pixels (none for an image on another
    /// host, or an SVG without a size).
    pub width: Option<u32>,
    /// Height of the file in `src`, in pixels.
    pub height: Option<u32>,
    /// `srcset` in the image's own format (JPEG or PNG): every width made
    /// (empty when the image is not processed).
    pub srcset: String,
    /// The same widths in modern formats, for `<source>` elements of a
    /// `<picture>`: `type` (MIME) and `srcset`.
    pub sources: Vec<SourceSet>,
    /// `sizes` for `srcset` (`[images] sizes`).
    pub sizes: &'a str,
    /// The 600 px version for email (absolute URL, width, height), when
    /// processed.
    pub email: Option<ImageFile>,
}

/// A `<source>` of a `<picture>`.
#[derive(Debug, Clone, Serialize)]
pub struct SourceSet {
    /// MIME type (`image/webp`).
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// Candidates with their widths.
    pub srcset: String,
}

/// One image file.
#[derive(Debug, Clone, Serialize)]
pub struct ImageFile {
    /// Absolute URL.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The full article, on its own page.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    /// Everything a summary has.
    #[serde(flatten)]
    pub summary: SummaryView<'a>,
    /// Byline: the article's authors' names, else the site's (may be empty).
    pub author: String,
    /// The byline's names, each with its author page when declared.
    pub authors: Vec<AuthorRef<'a>>,
    /// Links to share it (empty when `[share] enabled = false`).
    pub share: Vec<ShareLink>,
    /// Who should care.
    pub audience: &'a [String],
    /// The original report.
    pub source: Option<SourceView<'a>>,
    /// TL;DR parts as inline HTML.
    pub tldr: Option<TldrView<'a>>,
    /// Key takeaways as inline HTML.
    pub takeaways: &'a [String],
    /// Comparison tables.
    pub tables: Vec<TableView<'a>>,
    /// Deep-dive items as inline HTML.
    pub deep_dive: &'a [String],
    /// Predictions.
    pub implications: Vec<ImplicationView<'a>>,
    /// Timeline, oldest first.
    pub timeline: Vec<TimelineView<'a>>,
    /// Correction notes, oldest first.
    pub corrections: Vec<CorrectionView<'a>>,
    /// Which sections are machine-written.
    pub ai_generated: AiLabels,
    /// The story this article is part of (when another article shares its key).
    pub story: Option<StoryView<'a>>,
    /// Related articles (summaries): the editor's picks, then the best by score.
    pub related: Vec<SharedValue<'a>>,
    /// The body as HTML (hashed once, when it was rendered).
    pub body: Hashed<std::borrow::Cow<'a, str>>,
    /// The body's headings.
    pub toc: &'a [TocEntry],
    /// Words in the body.
    pub words: usize,
    /// Front matter `extra`.
    pub extra: &'a IndexMap<String, serde_yaml::Value>,
}

/// The source of a story.
#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    /// Publication name.
    pub name: &'a str,
    /// Link to the original (none for print, paywalled and wire sources).
    pub url: Option<&'a str>,
    /// BCP 47 language of the original.
    pub language: Option<&'a str>,
    /// When the digest picked it up.
    pub collected: Option<DateView>,
    /// `8 minutes after publication` / `2 hours before publication`.
    pub collected_delay: Option<String>,
}

/// TL;DR parts (inline HTML).
#[derive(Debug, Serialize)]
pub struct TldrView<'a> {
    /// What changed.
    pub what_changed: Option<&'a str>,
    /// Why it matters.
    pub why_it_matters: Option<&'a str>,
    /// What to do next.
    pub what_to_do: Option<&'a str>,
}

/// A comparison table (plain-text cells, escaped by the template).
#[derive(Debug, Serialize)]
pub struct TableView<'a> {
    /// Heading.
    pub title: Option<&'a str>,
    /// Note under the table.
    pub caption: Option<&'a str>,
    /// Column headers.
    pub columns: &'a [String],
    /// Rows of cells.
    pub rows: &'a [Vec<String>],
}

/// A prediction.
#[derive(Debug, Serialize)]
pub struct ImplicationView<'a> {
    /// Inline HTML.
    pub prediction: &'a str,
    /// Inline HTML.
    pub rationale: Option<&'a str>,
    /// `low`, `medium` or `high`.
    pub confidence: Option<Confidence>,
}

/// A timeline entry.
#[derive(Debug, Serialize)]
pub struct TimelineView<'a> {
    /// `2025`, `2025-03` or `2025-03-01`, for `<time datetime>`.
    pub iso: String,
    /// `2025`, `Mar 2025` or `1 Mar 2025`.
    pub display: String,
    /// Inline HTML.
    pub event: &'a str,
}

/// A correction note.
#[derive(Debug, Serialize)]
pub struct CorrectionView<'a> {
    /// When.
    pub date: DateView,
    /// What was corrected (plain text).
    pub text: &'a str,
}

/// One flag per section that `ai_generated` can label.
#[derive(Debug, Default, Serialize)]
pub struct AiLabels {
    /// The hook.
    pub summary: bool,
    /// The TL;DR.
    pub tldr: bool,
    /// Key takeaways.
    pub takeaways: bool,
    /// Tables.
    pub tables: bool,
    /// The deep dive.
    pub deep_dive: bool,
    /// Predictions.
    pub implications: bool,
    /// The timeline.
    pub timeline: bool,
    /// The body.
    pub body: bool,
    /// The lead image.
    pub image: bool,
}

impl AiLabels {
    fn new(sections: &[Section]) -> AiLabels {
        let mut labels = AiLabels::default();
        for section in sections {
            *match section {
                Section::Summary => &mut labels.summary,
                Section::Tldr => &mut labels.tldr,
                Section::Takeaways => &mut labels.takeaways,
                Section::Tables => &mut labels.tables,
                Section::DeepDive => &mut labels.deep_dive,
                Section::Implications => &mut labels.implications,
                Section::Timeline => &mut labels.timeline,
                Section::Body => &mut labels.body,
                Section::Image => &mut labels.image,
            } = true;
        }
        labels
    }
}

/// Page links of a paginated list.
#[derive(Debug, Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    pub current: usize,
    /// Number of pages (at least 1).
    pub total: usize,
    /// Items on all pages.
    pub items: usize,
    /// The previous page, if any.
    pub previous_url: Option<String>,
    /// The next page, if any.
    pub next_url: Option<String>,
    /// Page 1.
    pub first_url: String,
    /// The last page.
    pub last_url: String,
    /// Numbered links around the current page; `number: null` marks a gap.
    pub links: Vec<PageLink>,
}

/// One numbered link in a paginator.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// Page number, or `None` for a gap (…).
    pub number: Option<usize>,
    /// Its URL (`None` for a gap).
    pub url: Option<String>,
    /// True for the page being shown.
    pub current: bool,
}

/// A week in the archive or on its own page.
#[derive(Debug, Serialize)]
pub struct WeekView<'a> {
    /// Link data.
    #[serde(flatten)]
    pub week: WeekRef,
    /// The note's title, or the week's label.
    pub title: String,
    /// The editor's note as HTML, if written.
    pub note: Option<String>,
    /// Number of articles.
    pub count: usize,
    /// Highlighted articles first (summaries).
    pub highlights: Vec<SharedValue<'a>>,
    /// The other articles grouped by category, in site.toml order; articles
    /// without a category come last with `category: null`.
    pub groups: Vec<GroupView<'a>>,
}

/// Articles of one category within a week.
#[derive(Debug, Serialize)]
pub struct GroupView<'a> {
    /// The category, or `None` for uncategorized articles.
    pub category: Option<SharedValue<'a>>,
    /// Summaries, newest first.
    pub articles: Vec<SharedValue<'a>>,
}

/// A Tera value shared by many contexts. Its key is known up front (see
/// [`crate::hash`]); the value itself is built the first time a page that
/// holds it is rendered, so an incremental build that renders few pages
/// builds few values. Cloning it clones an `Arc`.
#[derive(Clone)]
pub struct SharedValue<'a>(Arc<Slot<'a>>);

/// Builds a shared value when it is first needed.
type Make<'a> = Box<dyn Fn() -> Value + Send + Sync + 'a>;

struct Slot<'a> {
    key: Key,
    value: OnceLock<Value>,
    make: Option<Make<'a>>,
}

impl<'a> SharedValue<'a> {
    /// A value built now from a view.
    pub fn ready<T: Serialize>(view: &T) -> Self {
        let value = OnceLock::from(Value::from_serializable(view));
        SharedValue(Arc::new(Slot { key: crate::hash::of_serialized(view), value, make: None }))
    }

    /// A value with a known key, built by `make` when first needed; `make`
    /// must build the value whose key is `key`.
    pub fn lazy(key: Key, make: impl Fn() -> Value + Send + Sync + 'a) -> Self {
        SharedValue(Arc::new(Slot { key, value: OnceLock::new(), make: Some(Box::new(make)) }))
    }

    /// Its key.
    pub fn key(&self) -> Key {
        self.0.key
    }

    fn value(&self) -> &Value {
        self.0.value.get_or_init(|| self.0.make.as_ref().map_or(Value::none(), |make| make()))
    }
}

impl std::fmt::Debug for SharedValue<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedValue({:032x})", self.0.key)
    }
}

impl Serialize for SharedValue<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Compact for the hasher, like `Hashed`.
        if serializer.is_human_readable() {
            self.value().serialize(serializer)
        } else {
            serializer.serialize_u128(self.0.key)
        }
    }
}

/// The key of a view, and a shared value that builds it again when needed;
/// the key comes from `memo` when it knows `inputs` (the key of everything
/// the view is built from), else from the view.
pub fn memoized<'a, T: Serialize>(
    memo: &Memo,
    inputs: Key,
    view: impl Fn() -> T + Send + Sync + 'a,
) -> SharedValue<'a> {
    let key = memo.get(inputs).unwrap_or_else(|| {
        let key = crate::hash::of_serialized(&view());
        memo.note(inputs, key);
        key
    });
    if memo.verifying() {
        assert_eq!(key, crate::hash::of_serialized(&view()), "memoized view key is stale: an input is missing");
    }
    SharedValue::lazy(key, move || Value::from_serializable(&view()))
}

/// Keys of the things views are built from, computed once per build so that
/// memoized views can be looked up without building them.
pub struct Keys {
    /// Settings, strings and code: what every view depends on.
    pub base: Key,
    /// Each article's key: a key that changes whenever anything the
    /// article is assembled from does (the cache knows it as its file, the
    /// settings, the code, and where its links led).
    pub articles: Vec<Key>,
    /// Each tag's view (name, URL, count).
    pub tags: Vec<Key>,
    /// Each category's view (label, URL, count).
    pub categories: Vec<Key>,
    /// Each story: its note and its articles.
    pub stories: Vec<Key>,
}

impl Keys {
    /// The keys of a site's parts, given each article's key.
    pub fn new(site: &Site, strings: &Strings, articles: Vec<Key>) -> Keys {
        let config = &site.config;
        debug_assert_eq!(articles.len(), site.articles.len(), "one key per article");
        let stories = site
            .stories
            .iter()
            .map(|s| {
                let key = KeyBuilder::new().bytes(s.key.as_bytes());
                let key = match &s.note {
                    Some(note) => key
                        .bytes(b"note")
                        .bytes(note.title.as_deref().unwrap_or("\0").as_bytes())
                        .bytes(note.html.as_bytes()),
                    None => key,
                };
                s.articles.iter().fold(key, |k, &i| k.key(articles[i])).finish()
            })
            .collect();
        Keys {
            base: KeyBuilder::new().bytes(crate::hash::CODE_KEY.as_bytes()).key(config.key).key(strings.key()).finish(),
            tags: (0..site.tags.len()).map(|t| crate::hash::of_serialized(&tag_view(site, t))).collect(),
            categories: (0..site.categories.len())
                .map(|c| crate::hash::of_serialized(&category_view(site, c)))
                .collect(),
            articles,
            stories,
        }
    }

    /// The key of an article's own parts: its identity, its tags and its
    /// category.
    pub fn article(&self, site: &Site, i: usize) -> KeyBuilder {
        let article = &site.articles[i];
        // Whether it is shown as scheduled changes with the clock alone.
        let scheduled = article.date.instant > site.now;
        let mut key = KeyBuilder::new().key(self.base).key(self.articles[i]).bytes(&[u8::from(scheduled)]);
        for &t in &article.tags {
            key = key.key(self.tags[t]);
        }
        key.key(article.category.map_or(0, |c| self.categories[c]))
    }
}

/// Shared values built once per build.
pub struct Shared<'a> {
    /// The `site` view.
    pub site: SharedValue<'a>,
    /// Each article's summary, by article index.
    pub summaries: Vec<SharedValue<'a>>,
    /// Each category's view, by category index.
    pub categories: Vec<SharedValue<'a>>,
    /// Keys of the site's parts.
    pub keys: &'a Keys,
}

impl<'a> Shared<'a> {
    /// Builds the shared values of a site: summaries are memoized, and built
    /// only when a page that lists them is rendered.
    pub fn new(site: &'a Site, strings: &'a Strings, keys: &'a Keys, memo: &Memo) -> Shared<'a> {
        let config = &site.config;
        let categories: Vec<CategoryView<'_>> = config
            .categories
            .iter()
            .zip(&site.categories)
            .map(|(c, list)| CategoryView::new(c, list.articles.len(), config))
            .collect();
        let site_view = SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: &config.base_url.absolute,
            base_path: &config.base_url.path,
            author: config.author.as_deref().unwrap_or(""),
            publisher: &config.publisher,
            rights: config.organization.rights.as_deref().unwrap_or(""),
            policies: super::credits::policies(config, strings),
            timezone: &config.timezone_name,
            urls: SiteUrls {
                home: config.base_url.url(paths::HOME),
                weeks: config.base_url.url(paths::WEEKS),
                categories: config.base_url.url(paths::CATEGORIES),
                tags: config.base_url.url(paths::TAGS),
                stories: config.base_url.url(paths::STORIES),
                search: if config.search { config.base_url.url(paths::SEARCH) } else { String::new() },
            },
            categories: categories.clone(),
            latest_week: site.weeks.first().map(|w| WeekRef::new(w.week, config, strings)),
            article_count: site.articles.len(),
            extra: &config.extra,
            generator: concat!("newsprint ", env!("CARGO_PKG_VERSION")),
        };
        let summaries = (0..site.articles.len())
            .into_par_iter()
            .map(|i| {
                let inputs = keys.article(site, i).bytes(b"summary").finish();
                memoized(memo, inputs, move || summary(&site.articles[i], site, strings))
            })
            .collect();
        Shared {
            site: SharedValue::ready(&site_view),
            summaries,
            categories: categories.iter().map(SharedValue::ready).collect(),
            keys,
        }
    }

    /// Summaries of the given articles, in order.
    pub fn summaries_of(&self, indices: &[usize]) -> Vec<SharedValue<'a>> {
        indices.iter().map(|&i| self.summaries[i].clone()).collect()
    }
}

/// The summary view of an article.
pub fn summary<'a>(article: &'a Article, site: &'a Site, strings: &Strings) -> SummaryView<'a> {
    let config = &site.config;
    SummaryView {
        slug: &article.slug,
        title: &article.title,
        url: config.base_url.url(&article.path),
        permalink: config.base_url.permalink(&article.path),
        date: DateView::new(&article.date, config, strings),
        updated: article.updated.as_ref().map(|m| DateView::new(m, config, strings)),
        hook: &article.hook,
        hook_is_excerpt: article.hook_is_excerpt,
        category: article
            .category
            .map(|c| CategoryView::new(&config.categories[c], site.categories[c].articles.len(), config)),
        tags: article.tags.iter().map(|&t| TagView::new(&site.tags[t], config)).collect(),
        first_takeaway: article.takeaways.first().map(String::as_str),
        week: WeekRef::new(article.week, config, strings),
        image: article.image.as_ref().map(|image| image_view(image, article, site)),
        source_name: article.source.as_ref().map(|s| s.name.as_str()),
        reading_minutes: reading_minutes(article.body.words),
        draft: article.draft,
        scheduled: article.date.instant > site.now,
        disclosure: super::credits::disclosure(article.credits.made, config, strings),
        reviewer: super::credits::reviewer(article, config),
    }
}

/// The view of an article's lead image, with what processing made of it.
fn image_view<'a>(image: &'a crate::content::frontmatter::Image, article: &Article, site: &'a Site) -> ImageView<'a> {
    let config = &site.config;
    let prefix = format!("{}/", config.base_url.path);
    let absolute_prefix = config.base_url.permalink("");
    let sizes = config.images.sizes.as_str();
    match site.images.lead(&article.images) {
        Some((picture, lead)) => {
            let tag = crate::images::markup::tag(picture, &prefix, &image.alt, sizes, true);
            let known = |n: u32| (n > 0).then_some(n);
            ImageView {
                src: tag.src.into_owned(),
                absolute: format!("{absolute_prefix}{}", picture.original),
                alt: &image.alt,
                width: known(tag.width).filter(|_| tag.height > 0),
                height: known(tag.height).filter(|_| tag.width > 0),
                srcset: tag.srcset.into_owned(),
                sources: tag.sources.into_iter().map(|(mime, srcset)| SourceSet { mime, srcset }).collect(),
                sizes,
                email: lead.map(|l| ImageFile {
                    url: format!("{absolute_prefix}{}", l.email.path),
                    width: l.email.width,
                    height: l.email.height,
                }),
            }
        }
        None => ImageView {
            src: if image.src.starts_with('/') {
                format!("{}{}", config.base_url.path, image.src)
            } else {
                image.src.clone()
            },
            absolute: absolute_src(&image.src, config),
            alt: &image.alt,
            width: None,
            height: None,
            srcset: String::new(),
            sources: Vec::new(),
            sizes,
            email: None,
        },
    }
}

/// The social card of an article (absolute URL, width, height): the
/// 1200×630 crop of its lead image, or the image itself.
pub fn social_image(article: &Article, site: &Site) -> Option<(String, Option<(u32, u32)>)> {
    let image = article.image.as_ref()?;
    let config = &site.config;
    Some(match site.images.lead(&article.images) {
        Some((_, Some(lead))) => {
            let og = &lead.open_graph;
            (config.base_url.permalink(&og.path), Some((og.width, og.height)))
        }
        Some((picture, None)) => {
            let size = (picture.width > 0 && picture.height > 0).then_some((picture.width, picture.height));
            (config.base_url.permalink(&picture.original), size)
        }
        None => (absolute_src(&image.src, config), None),
    })
}

/// The body of an article as pages show it: each processed image written
/// as a `<picture>` with its widths and formats.
pub fn body_html<'a>(article: &'a Article, site: &Site) -> Hashed<std::borrow::Cow<'a, str>> {
    let html = &article.body.html;
    if article.images.iter().all(|u| u.lead.is_some()) {
        return Hashed::with_key(std::borrow::Cow::Borrowed(html), article.body.key);
    }
    let config = &site.config;
    let prefix = format!("{}/", config.base_url.path);
    let style = crate::images::markup::Style::Picture { sizes: &config.images.sizes };
    let rewritten = crate::images::markup::rewrite(html, &site.images, &prefix, &prefix, style);
    let key = KeyBuilder::new().key(article.body.key).key(site.images.key_of(&article.images)).finish();
    Hashed::with_key(rewritten, key)
}

/// The full view of an article.
pub fn article<'a>(article: &'a Article, site: &'a Site, strings: &Strings) -> ArticleView<'a> {
    let config = &site.config;
    ArticleView {
        summary: summary(article, site, strings),
        author: super::credits::byline_text(article, config, strings),
        authors: super::credits::bylines(article, config),
        share: super::credits::share_links(&article.title, &config.base_url.permalink(&article.path), config, strings),
        audience: &article.audience,
        source: article.source.as_ref().map(|s| SourceView {
            name: &s.name,
            url: s.url.as_deref(),
            language: s.language.as_deref(),
            collected: s.collected.as_ref().map(|c| DateView::new(c, config, strings)),
            collected_delay: s.collected.as_ref().map(|c| collected_delay(&article.date, c, strings)),
        }),
        tldr: article.tldr.as_ref().map(|t| TldrView {
            what_changed: t.what_changed.as_deref(),
            why_it_matters: t.why_it_matters.as_deref(),
            what_to_do: t.what_to_do.as_deref(),
        }),
        takeaways: &article.takeaways,
        tables: article
            .tables
            .iter()
            .map(|t| TableView {
                title: t.title.as_deref(),
                caption: t.caption.as_deref(),
                columns: &t.columns,
                rows: &t.rows,
            })
            .collect(),
        deep_dive: &article.deep_dive,
        implications: article
            .implications
            .iter()
            .map(|i| ImplicationView {
                prediction: &i.prediction,
                rationale: i.rationale.as_deref(),
                confidence: i.confidence,
            })
            .collect(),
        timeline: article
            .timeline
            .iter()
            .map(|t| TimelineView { iso: t.date.iso(), display: partial_date(t.date, strings), event: &t.event })
            .collect(),
        corrections: article
            .corrections
            .iter()
            .map(|c| CorrectionView { date: DateView::new(&c.date, config, strings), text: &c.text })
            .collect(),
        ai_generated: AiLabels::new(&article.ai_generated),
        story: site.story_of(article).map(|s| story(&site.stories[s], site, Some(article), strings)),
        related: Vec::new(),
        body: body_html(article, site),
        toc: &article.body.toc,
        words: article.body.words,
        extra: &article.extra,
    }
}

/// A story: its articles and merged timeline.
#[derive(Debug, Serialize)]
pub struct StoryView<'a> {
    /// The story key.
    pub key: &'a str,
    /// The title of its note (`content/stories/<key>.md`), else the headline
    /// of its newest article.
    pub title: &'a str,
    /// The editor's note as HTML, if written.
    pub note: Option<&'a str>,
    /// Site-relative URL of the story page.
    pub url: String,
    /// Number of articles.
    pub count: usize,
    /// When the first article was published.
    pub since: DateView,
    /// The merged timeline, oldest first.
    pub timeline: Vec<StepView<'a>>,
}

/// One step of a story's timeline.
#[derive(Debug, Serialize)]
pub struct StepView<'a> {
    /// `2025-03`, for `<time datetime>`.
    pub iso: String,
    /// `Mar 2025`.
    pub display: String,
    /// What happened (inline HTML).
    pub event: &'a str,
    /// The articles that reported it, oldest first.
    pub reported_by: Vec<StoryLink<'a>>,
}

/// A link from a story step to an article.
#[derive(Debug, Serialize)]
pub struct StoryLink<'a> {
    /// Headline.
    pub title: &'a str,
    /// Site-relative URL.
    pub url: String,
    /// True on the page of this article itself.
    pub current: bool,
}

/// The view of a story, seen from `current` (an article page) or from its own page.
pub fn story<'a>(story: &'a Story, site: &'a Site, current: Option<&Article>, strings: &Strings) -> StoryView<'a> {
    let config = &site.config;
    let newest = &site.articles[story.articles[0]];
    let oldest = &site.articles[*story.articles.last().expect("a story has articles")];
    let note = story.note.as_ref();
    StoryView {
        key: &story.key,
        title: note.and_then(|n| n.title.as_deref()).unwrap_or(&newest.title),
        note: note.map(|n| n.html.as_str()),
        url: config.base_url.url(&story_path(&story.key)),
        count: story.articles.len(),
        since: DateView::new(&oldest.date, config, strings),
        timeline: story
            .timeline
            .iter()
            .map(|step| StepView {
                iso: step.date.iso(),
                display: partial_date(step.date, strings),
                event: &step.event,
                reported_by: step
                    .reported_by
                    .iter()
                    .map(|&i| {
                        let article = &site.articles[i];
                        StoryLink {
                            title: &article.title,
                            url: config.base_url.url(&article.path),
                            current: current.is_some_and(|c| std::ptr::eq(c, article)),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// "8 minutes after publication", or "before" when the source was collected
/// before the article's date.
fn collected_delay(published: &Moment, collected: &Moment, strings: &Strings) -> String {
    let seconds = collected.instant.as_second() - published.instant.as_second();
    let key = if seconds >= 0 { "article.collected_after" } else { "article.collected_before" };
    strings.fill(key, &[("duration", strings.duration(seconds))])
}

/// A link to an article.
pub fn article_link<'a>(article: &'a Article, config: &Config, strings: &Strings) -> ArticleLink<'a> {
    ArticleLink::new(article, config, strings)
}

/// A link to a week.
pub fn week_ref(week: IsoWeek, config: &Config, strings: &Strings) -> WeekRef {
    WeekRef::new(week, config, strings)
}

/// The view of a week: highlights, then the other articles by category.
pub fn week<'a>(week: &Week, site: &Site, shared: &Shared<'a>, strings: &Strings) -> WeekView<'a> {
    let highlights: &[usize] = week.note.as_ref().map_or(&[], |n| n.highlights.as_slice());
    let rest: Vec<usize> = week.articles.iter().copied().filter(|i| !highlights.contains(i)).collect();
    let mut groups: Vec<GroupView> = Vec::new();
    for (c, category) in shared.categories.iter().enumerate() {
        let members: Vec<usize> = rest.iter().copied().filter(|&i| site.articles[i].category == Some(c)).collect();
        if !members.is_empty() {
            groups.push(GroupView { category: Some(category.clone()), articles: shared.summaries_of(&members) });
        }
    }
    let loose: Vec<usize> = rest.iter().copied().filter(|&i| site.articles[i].category.is_none()).collect();
    if !loose.is_empty() {
        groups.push(GroupView { category: None, articles: shared.summaries_of(&loose) });
    }
    WeekView { highlights: shared.summaries_of(highlights), groups, ..week_card(week, site, strings) }
}

/// A week as the archive lists it: title, range, note and count, without
/// its articles (`highlights` and `groups` are empty).
pub fn week_card<'a>(week: &Week, site: &Site, strings: &Strings) -> WeekView<'a> {
    let week_ref = WeekRef::new(week.week, &site.config, strings);
    WeekView {
        title: week.note.as_ref().and_then(|n| n.title.clone()).unwrap_or_else(|| week_ref.label.clone()),
        week: week_ref,
        note: week.note.as_ref().map(|n| n.html.clone()),
        count: week.articles.len(),
        highlights: Vec::new(),
        groups: Vec::new(),
    }
}

/// A category's view with its count.
pub fn category_view<'a>(site: &'a Site, index: usize) -> CategoryView<'a> {
    CategoryView::new(&site.config.categories[index], site.categories[index].articles.len(), &site.config)
}

/// A tag's view with its count.
pub fn tag_view<'a>(site: &'a Site, index: usize) -> TagView<'a> {
    TagView::new(&site.tags[index], &site.config)
}

/// The absolute URL of an image given as a site path or a URL.
pub fn absolute_src(src: &str, config: &Config) -> String {
    if src.starts_with('/') { format!("{}{src}", config.base_url.absolute) } else { src.to_string() }
}

/// The paginator of page `current` of `items` items at `per_page` a page.
pub fn paginator(config: &Config, base: &str, items: usize, current: usize) -> Paginator {
    let total = page_count(items, config.per_page);
    let url = |n: usize| config.base_url.url(&page_path(base, n));
    let mut links = Vec::new();
    let mut last_shown = 0;
    for n in 1..=total {
        let near = n.abs_diff(current) <= 2;
        if n == 1 || n == total || near {
            if n > last_shown + 1 {
                links.push(PageLink { number: None, url: None, current: false });
            }
            links.push(PageLink { number: Some(n), url: Some(url(n)), current: n == current });
            last_shown = n;
        }
    }
    Paginator {
        current,
        total,
        items,
        previous_url: (current > 1).then(|| url(current - 1)),
        next_url: (current < total).then(|| url(current + 1)),
        first_url: url(1),
        last_url: url(total),
        links,
    }
}

/// Pages needed for `items` at `per_page` a page (at least one).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(per_page: usize) -> Config {
        let mut c =
            crate::config::parse("title = \"T\"\nbase_url = \"https://x.example/sub\"\n", &Default::default()).unwrap();
        c.per_page = per_page;
        c
    }

    #[test]
    fn paginator_links_window_with_gaps() {
        let p = paginator(&config(10), "", 95, 5);
        let numbers: Vec<Option<usize>> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [Some(1), None, Some(3), Some(4), Some(5), Some(6), Some(7), None, Some(10)]);
        assert_eq!(p.previous_url.as_deref(), Some("/sub/page/4/"));
        assert_eq!(p.next_url.as_deref(), Some("/sub/page/6/"));
        assert_eq!(p.first_url, "/sub/");
        assert_eq!(p.total, 10);
    }

    #[test]
    fn empty_lists_have_one_page() {
        let p = paginator(&config(10), "tags/x/", 0, 1);
        assert_eq!(p.total, 1);
        assert!(p.previous_url.is_none() && p.next_url.is_none());
        assert_eq!(page_path("tags/x/", 2), "tags/x/page/2/");
    }

    #[test]
    fn collected_delay_reads_both_ways() {
        let tz = jiff::tz::TimeZone::UTC;
        let strings = super::super::strings::tests::english();
        let published = Moment::parse("2026-11-23T09:40:00+08:00", &tz).unwrap();
        let later = Moment::parse("2026-11-23T09:48:00+08:00", &tz).unwrap();
        let earlier = Moment::parse("2026-11-23T09:32:00+08:00", &tz).unwrap();
        assert_eq!(collected_delay(&published, &later, &strings), "Collected 8 minutes after publication");
        assert_eq!(collected_delay(&published, &earlier, &strings), "Collected 8 minutes before publication");
    }
}
