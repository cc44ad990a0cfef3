//! Feeds, sitemaps and structured data: the outputs that feed readers,
//! aggregators and crawlers read.
//!
//! RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the whole site, each category and
//! each tag, and an RSS feed of weekly recaps; `sitemap.xml` (an index of
//! several past 50,000 URLs), a Google News sitemap and `robots.txt`. All of
//! them are theme templates fed by the typed views here. JSON-LD for
//! `<script type="application/ld+json">` is built here too, escaped so that
//! no front-matter text can close the script.

use std::collections::BTreeSet;

use jiff::tz::TimeZone;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Config, FeedContent};
use crate::content::frontmatter::{Confidence, Table};
use crate::dates::Moment;
use crate::hash::Memo;
use crate::markdown::escape_html as escape;
use crate::model::{Article, Site, Week};
use crate::paths::{self, category_path, tag_path, week_path};
use crate::render::jsonld;
use crate::render::strings::Strings;
use crate::render::views::{FeedLink, Keys, SharedValue, absolute_src, memoized, partial_date, week_label};

/// The most URLs one sitemap file may list (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;

/// How many days back the news sitemap reaches (Google News).
pub const NEWS_DAYS: i64 = 2;

/// The most URLs a news sitemap may list (Google News).
pub const NEWS_LIMIT: usize = 1_000;

/// A moment in both feed date formats, in the offset it was written with.
#[derive(Debug, Clone, Serialize)]
pub struct Stamp {
    /// `2026-11-23T09:40:00+08:00` (Atom, JSON Feed, sitemaps).
    pub rfc3339: String,
    /// `Mon, 23 Nov 2026 09:40:00 +0800` (RSS).
    pub rfc822: String,
}

impl Stamp {
    /// Both formats of a moment.
    pub fn of(moment: &Moment) -> Stamp {
        let zoned = moment.instant.to_zoned_datetime(TimeZone::fixed(moment.offset));
        Stamp { rfc3339: moment.rfc3339(), rfc822: zoned.strftime("%a, %d %b %Y %H:%M:%S %z").to_string() }
    }
}

/// Which articles a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FeedScope {
    /// Every article.
    Site,
    /// One category, by index.
    Category(usize),
    /// One tag, by index.
    Tag(usize),
    /// One declared author (what they wrote or reviewed), by index into
    /// `config.authors`.
    Author(usize),
    /// Weekly recaps, one entry a week (RSS only).
    Weeks,
}

/// A feed format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FeedFormat {
    /// RSS 2.0, `feed.xml`.
    Rss,
    /// Atom 1.0, `atom.xml`.
    Atom,
    /// JSON Feed 1.1, `feed.json`.
    Json,
}

impl FeedFormat {
    /// Every format, in the order pages link them.
    pub const ALL: [FeedFormat; 3] = [FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json];

    /// The file name, which is also the template name.
    pub fn file(self) -> &'static str {
        match self {
            FeedFormat::Rss => "feed.xml",
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Json => "feed.json",
        }
    }

    /// The MIME type for `<link rel="alternate">`.
    pub fn mime(self) -> &'static str {
        match self {
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }

    fn name(self) -> &'static str {
        match self {
            FeedFormat::Rss => "RSS",
            FeedFormat::Atom => "Atom",
            FeedFormat::Json => "JSON Feed",
        }
    }
}

/// The folder (output path) a scope's feeds sit in.
fn scope_dir(scope: FeedScope, site: &Site) -> String {
    match scope {
        FeedScope::Site => String::new(),
        FeedScope::Category(c) => category_path(&site.config.categories[c].key),
        FeedScope::Tag(t) => tag_path(&site.tags[t].key),
        FeedScope::Author(a) => paths::author_path(&site.config.authors[a].key),
        FeedScope::Weeks => paths::WEEKS.to_string(),
    }
}

/// The output path of a feed.
pub fn feed_path(scope: FeedScope, format: FeedFormat, site: &Site) -> String {
    format!("{}{}", scope_dir(scope, site), format.file())
}

fn scope_title(scope: FeedScope, site: &Site, strings: &Strings) -> String {
    let title = &site.config.title;
    match scope {
        FeedScope::Site => title.clone(),
        FeedScope::Category(c) => format!("{title}: {}", site.config.categories[c].label),
        FeedScope::Tag(t) => format!("{title}: {}", site.tags[t].name),
        FeedScope::Author(a) => format!("{title}: {}", site.config.authors[a].name),
        FeedScope::Weeks => strings.fill("feeds.weeks_title", &[("site", title)]),
    }
}

/// The feeds of a scope, one link per format it has.
pub fn feed_links(scope: FeedScope, site: &Site, strings: &Strings) -> Vec<FeedLink> {
    let formats: &[FeedFormat] = if scope == FeedScope::Weeks { &[FeedFormat::Rss] } else { &FeedFormat::ALL };
    formats
        .iter()
        .map(|&format| FeedLink {
            title: format!("{} ({})", scope_title(scope, site, strings), format.name()),
            url: site.config.base_url.url(&feed_path(scope, format, site)),
            mime: format.mime(),
        })
        .collect()
}

/// Every feed of the site, in a stable order.
pub fn all_feeds(site: &Site) -> Vec<(FeedScope, FeedFormat)> {
    let scopes = std::iter::once(FeedScope::Site)
        .chain((0..site.config.categories.len()).map(FeedScope::Category))
        .chain((0..site.tags.len()).map(FeedScope::Tag))
        .chain((0..site.authors.len()).map(FeedScope::Author));
    let mut feeds: Vec<(FeedScope, FeedFormat)> =
        scopes.flat_map(|scope| FeedFormat::ALL.map(|format| (scope, format))).collect();
    feeds.push((FeedScope::Weeks, FeedFormat::Rss));
    feeds
}

/// One entry of a feed.
#[derive(Debug, Serialize)]
pub struct FeedEntry {
    /// Stable id: the entry's permalink.
    pub id: String,
    /// Absolute URL.
    pub url: String,
    /// Headline.
    pub title: String,
    /// Plain-text summary.
    pub summary: String,
    /// The summary as HTML (its text escaped), for RSS `<description>`,
    /// which feed readers show as HTML: markup written in the text stays text.
    pub summary_html: String,
    /// The whole article as HTML with absolute URLs (lead image, digest
    /// parts and body, as on its page), unless feeds carry summaries only.
    pub content: Option<String>,
    /// When published.
    pub published: Stamp,
    /// When last updated (the published date when never updated).
    pub updated: Stamp,
    /// Byline.
    pub author: String,
    /// Each name of the byline, with the author's page when declared
    /// (empty for weekly recaps).
    pub authors: Vec<EntryAuthor>,
    /// How the article was made, when it says, and who reviewed it.
    pub disclosure: Option<EntryDisclosure>,
    /// Category label, then tag names.
    pub categories: Vec<String>,
    /// The original report.
    pub source: Option<EntrySource>,
    /// Absolute URL of the lead image (its widest processed version in its
    /// own format, when processed).
    pub image: Option<String>,
    /// The lead image as a file to download with the entry (RSS
    /// `<enclosure>`, Atom `rel="enclosure"`), when its size is known.
    pub enclosure: Option<Enclosure>,
    /// BCP 47 language of the entry: the article's, else the site's.
    pub language: String,
}

/// A file that comes with a feed entry.
#[derive(Debug, Serialize)]
pub struct Enclosure {
    /// Absolute URL.
    pub url: String,
    /// MIME type.
    pub mime: &'static str,
    /// Size in bytes.
    pub length: u64,
}

/// One name of an entry's byline.
#[derive(Debug, Serialize)]
pub struct EntryAuthor {
    /// The name.
    pub name: String,
    /// Absolute URL of the author's page, for a declared author.
    pub url: Option<String>,
}

/// How an entry's article was made: an IPTC digital source type, which
/// Atom and RSS carry as a category of the IPTC scheme.
#[derive(Debug, Serialize)]
pub struct EntryDisclosure {
    /// The IPTC term, e.g. `trainedAlgorithmicMedia`.
    pub term: &'static str,
    /// The IPTC vocabulary: `http://cv.iptc.org/newscodes/digitalsourcetype/`.
    pub scheme: &'static str,
    /// The term's URI (scheme and term).
    pub source_type: String,
    /// The label readers see, in the site's language.
    pub label: String,
    /// The name of the editor who reviewed the article.
    pub reviewed_by: Option<String>,
}

/// Where a story came from.
#[derive(Debug, Serialize)]
pub struct EntrySource {
    /// Publication name.
    pub name: String,
    /// Link to the original, when it has one.
    pub url: Option<String>,
}

/// A feed, as its template sees it.
#[derive(Debug, Serialize)]
pub struct FeedView<'a> {
    /// Feed title.
    pub title: String,
    /// One sentence about the feed.
    pub description: String,
    /// The sentence as HTML (its text escaped), for RSS `<description>`.
    pub description_html: String,
    /// BCP 47 language.
    pub language: String,
    /// Absolute URL of the page the feed follows.
    pub home_url: String,
    /// Absolute URL of the feed itself (also its id).
    pub self_url: String,
    /// The newest entry's update time (the site's newest article for an empty feed).
    pub updated: Stamp,
    /// Feed-level author: the site's author, else its publisher.
    pub author: String,
    /// `newsprint <version>`.
    pub generator: &'static str,
    /// Entries, newest first.
    pub entries: Vec<SharedValue<'a>>,
}

/// Feed entries built once per build and shared by every feed listing them.
pub struct FeedEntries<'a> {
    articles: Vec<Option<SharedValue<'a>>>,
    weeks: Vec<SharedValue<'a>>,
}

impl<'a> FeedEntries<'a> {
    /// The entries of every article that some feed lists (the newest `limit`
    /// of the site, of each category and of each tag): memoized, and built
    /// when a feed that lists them is rendered.
    pub fn new(site: &'a Site, strings: &'a Strings, keys: &Keys, memo: &Memo) -> FeedEntries<'a> {
        let limit = site.config.feeds.limit;
        let mut needed: BTreeSet<usize> = (0..site.articles.len().min(limit)).collect();
        let lists = site.categories.iter().map(|c| &c.articles).chain(site.tags.iter().map(|t| &t.articles));
        for list in lists.chain(site.authors.iter().map(|a| &a.articles)) {
            needed.extend(list.iter().take(limit));
        }
        let built: Vec<(usize, SharedValue<'a>)> = needed
            .into_par_iter()
            .map(|i| {
                let inputs = keys.article(site, i).bytes(b"feed entry").finish();
                (i, memoized(memo, inputs, move || article_entry(&site.articles[i], site, strings)))
            })
            .collect();
        let mut articles = vec![None; site.articles.len()];
        for (i, value) in built {
            articles[i] = Some(value);
        }
        let weeks = site.weeks.iter().take(limit).map(|w| SharedValue::ready(&week_entry(w, site, strings))).collect();
        FeedEntries { articles, weeks }
    }
}

/// The view of one feed.
pub fn feed_view<'a>(
    scope: FeedScope,
    format: FeedFormat,
    site: &Site,
    entries: &FeedEntries<'a>,
    strings: &Strings,
) -> FeedView<'a> {
    let config = &site.config;
    let limit = config.feeds.limit;
    let pick = |list: &[usize]| -> (Vec<SharedValue>, Option<Moment>) {
        let shown = &list[..list.len().min(limit)];
        let values =
            shown.iter().map(|&i| entries.articles[i].clone().expect("built for every listed article")).collect();
        (values, shown.iter().map(|&i| last_modified(&site.articles[i])).max_by_key(|m| m.instant))
    };
    let (values, newest, description) = match scope {
        FeedScope::Site => {
            let all: Vec<usize> = (0..site.articles.len().min(limit)).collect();
            let (values, newest) = pick(&all);
            (values, newest, config.description.clone())
        }
        FeedScope::Category(c) => {
            let (values, newest) = pick(&site.categories[c].articles);
            let description = strings.fill(
                "feeds.category_description",
                &[("category", &config.categories[c].label), ("site", &config.title)],
            );
            (values, newest, description)
        }
        FeedScope::Tag(t) => {
            let (values, newest) = pick(&site.tags[t].articles);
            let description =
                strings.fill("feeds.tag_description", &[("tag", &site.tags[t].name), ("site", &config.title)]);
            (values, newest, description)
        }
        FeedScope::Author(a) => {
            let (values, newest) = pick(&site.authors[a].articles);
            let description =
                strings.fill("feeds.author_description", &[("name", &config.authors[a].name), ("site", &config.title)]);
            (values, newest, description)
        }
        FeedScope::Weeks => {
            let newest = site.weeks.first().and_then(|w| week_last_modified(w, site));
            (entries.weeks.clone(), newest, strings.fill("feeds.weeks_description", &[("site", &config.title)]))
        }
    };
    let dir = scope_dir(scope, site);
    let fallback = site.articles.first().map(last_modified).unwrap_or(Moment {
        instant: jiff::Timestamp::UNIX_EPOCH,
        offset: jiff::tz::Offset::UTC,
        explicit_offset: true,
    });
    FeedView {
        title: scope_title(scope, site, strings),
        description_html: escape(&description),
        description,
        language: config.language.clone(),
        home_url: config.base_url.permalink(&dir),
        self_url: config.base_url.permalink(&feed_path(scope, format, site)),
        updated: Stamp::of(&newest.unwrap_or(fallback)),
        author: site_author(config).to_string(),
        generator: concat!("newsprint ", env!("CARGO_PKG_VERSION")),
        entries: values,
    }
}

fn site_author(config: &Config) -> &str {
    config.author.as_deref().unwrap_or(&config.publisher)
}

/// When an article last changed: its update, else its publication.
pub fn last_modified(article: &Article) -> Moment {
    article.updated.unwrap_or(article.date)
}

fn week_last_modified(week: &Week, site: &Site) -> Option<Moment> {
    week.articles.iter().map(|&i| last_modified(&site.articles[i])).max_by_key(|m| m.instant)
}

fn article_entry(article: &Article, site: &Site, strings: &Strings) -> FeedEntry {
    let config = &site.config;
    let url = config.base_url.permalink(&article.path);
    let content = match config.feeds.content {
        FeedContent::Full => Some(absolutize(&full_content(article, site, strings), &url)),
        FeedContent::Summary => None,
    };
    let category = article.category.map(|c| config.categories[c].label.clone());
    FeedEntry {
        id: url.clone(),
        title: article.title.clone(),
        summary: article.hook.clone(),
        summary_html: escape(&article.hook),
        content,
        published: Stamp::of(&article.date),
        updated: Stamp::of(&last_modified(article)),
        author: Some(crate::render::credits::byline_text(article, config, strings))
            .filter(|names| !names.is_empty())
            .unwrap_or_else(|| site_author(config).to_string()),
        authors: crate::render::credits::bylines(article, config)
            .into_iter()
            .map(|a| EntryAuthor {
                name: a.name.to_string(),
                url: a.key.map(|key| config.base_url.permalink(&paths::author_path(key))),
            })
            .collect(),
        disclosure: article.credits.made.map(|made| EntryDisclosure {
            term: made.iptc_term(),
            scheme: crate::config::IPTC_SCHEME,
            source_type: made.source_type(),
            label: strings.get(&format!("disclosure.{}", made.key())).to_string(),
            reviewed_by: crate::render::credits::reviewer(article, config).map(|r| r.name.to_string()),
        }),
        categories: category.into_iter().chain(article.tags.iter().map(|&t| site.tags[t].name.clone())).collect(),
        source: article.source.as_ref().map(|s| EntrySource { name: s.name.clone(), url: s.url.clone() }),
        image: article.image.as_ref().map(|i| feed_image(i, article, site).0),
        enclosure: article.image.as_ref().and_then(|i| feed_image(i, article, site).1),
        language: article.language(config).to_string(),
        url,
    }
}

/// The lead image for feed readers: the absolute URL of its widest
/// processed version in its own format (or of the image itself), and that
/// file as an enclosure when its size is known.
fn feed_image(
    image: &crate::content::frontmatter::Image,
    article: &Article,
    site: &Site,
) -> (String, Option<Enclosure>) {
    let config = &site.config;
    match site.images.lead(&article.images).and_then(|(picture, _)| picture.widest()) {
        Some(widest) => {
            let url = config.base_url.permalink(&widest.path);
            let enclosure = Enclosure { url: url.clone(), mime: widest.encoding.mime(), length: widest.bytes };
            (url, Some(enclosure))
        }
        None => (absolute_src(&image.src, config), None),
    }
}

/// The whole article for a feed reader, in the order of its page: the lead
/// image, the TL;DR, who should care, the takeaways, the tables, the body,
/// the deep dive, the predictions, the timeline and the corrections.
fn full_content(article: &Article, site: &Site, strings: &Strings) -> String {
    let mut html = String::with_capacity(article.body.html.len() * 2);
    let heading = |html: &mut String, key: &str| html.push_str(&format!("<h2>{}</h2>\n", escape(strings.get(key))));
    let prefix = site.config.base_url.permalink("");
    if let Some(image) = &article.image {
        match site.images.lead(&article.images) {
            Some((picture, _)) => {
                let img = crate::images::markup::plain(picture, &prefix, &image.alt);
                html.push_str(&format!("<p>{img}</p>\n"));
            }
            None => {
                let src = absolute_src(&image.src, &site.config);
                html.push_str(&format!("<p><img src=\"{}\" alt=\"{}\"></p>\n", escape(&src), escape(&image.alt)));
            }
        }
    }
    if let Some(tldr) = &article.tldr {
        heading(&mut html, "article.tldr");
        html.push_str("<ul>\n");
        for (key, part) in [
            ("article.what_changed", &tldr.what_changed),
            ("article.why_it_matters", &tldr.why_it_matters),
            ("article.what_to_do", &tldr.what_to_do),
        ] {
            if let Some(part) = part {
                html.push_str(&format!("<li><strong>{}:</strong> {part}</li>\n", escape(strings.get(key))));
            }
        }
        html.push_str("</ul>\n");
    }
    if !article.audience.is_empty() {
        heading(&mut html, "article.audience");
        let list = article.audience.iter().map(|who| escape(who)).collect::<Vec<_>>();
        html.push_str(&format!("<p>{}</p>\n", list.join(strings.get("article.list_separator"))));
    }
    if !article.takeaways.is_empty() {
        heading(&mut html, "article.takeaways");
        html.push_str(&list("ol", &article.takeaways));
    }
    for table in &article.tables {
        html.push_str(&table_html(table));
    }
    let from = format!("{}/", site.config.base_url.path);
    let plain = crate::images::markup::Style::Plain;
    html.push_str(&crate::images::markup::rewrite(&article.body.html, &site.images, &from, &prefix, plain));
    if !article.deep_dive.is_empty() {
        heading(&mut html, "article.deep_dive");
        article.deep_dive.iter().for_each(|item| html.push_str(&format!("<p>{item}</p>\n")));
    }
    if !article.implications.is_empty() {
        heading(&mut html, "article.implications");
        html.push_str("<ul>\n");
        for item in &article.implications {
            let confidence = item.confidence.map_or(String::new(), |c| {
                let key = match c {
                    Confidence::Low => "article.confidence_low",
                    Confidence::Medium => "article.confidence_medium",
                    Confidence::High => "article.confidence_high",
                };
                format!(" <em>({})</em>", escape(strings.get(key)))
            });
            let rationale = item
                .rationale
                .as_ref()
                .map_or(String::new(), |r| format!("<br>{} {r}", escape(strings.get("article.why"))));
            html.push_str(&format!("<li>{}{confidence}{rationale}</li>\n", item.prediction));
        }
        html.push_str("</ul>\n");
    }
    if !article.timeline.is_empty() {
        heading(&mut html, "article.timeline");
        let steps: Vec<String> = article
            .timeline
            .iter()
            .map(|t| {
                format!(
                    "<time datetime=\"{}\">{}</time>: {}",
                    t.date.iso(),
                    escape(&partial_date(t.date, strings)),
                    t.event
                )
            })
            .collect();
        html.push_str(&list("ol", &steps));
    }
    if !article.corrections.is_empty() {
        heading(&mut html, "article.corrections");
        let notes: Vec<String> = article
            .corrections
            .iter()
            .map(|c| {
                let day = c.date.in_zone(&site.config.timezone).date();
                format!("{}: {}", escape(&strings.date(day)), escape(&c.text))
            })
            .collect();
        html.push_str(&list("ul", &notes));
    }
    html
}

/// A list of HTML items.
fn list(tag: &str, items: &[String]) -> String {
    let items: String = items.iter().map(|item| format!("<li>{item}</li>\n")).collect();
    format!("<{tag}>\n{items}</{tag}>\n")
}

/// A comparison table, its first column as row headings (plain-text cells).
fn table_html(table: &Table) -> String {
    let mut html = String::from("<table>\n");
    if let Some(title) = &table.title {
        html.push_str(&format!("<caption>{}</caption>\n", escape(title)));
    }
    let head: String = table.columns.iter().map(|c| format!("<th>{}</th>", escape(c))).collect();
    html.push_str(&format!("<thead><tr>{head}</tr></thead>\n<tbody>\n"));
    for row in &table.rows {
        let cells: String = row
            .iter()
            .enumerate()
            .map(
                |(i, cell)| {
                    if i == 0 { format!("<th>{}</th>", escape(cell)) } else { format!("<td>{}</td>", escape(cell)) }
                },
            )
            .collect();
        html.push_str(&format!("<tr>{cells}</tr>\n"));
    }
    html.push_str("</tbody>\n</table>\n");
    if let Some(caption) = &table.caption {
        html.push_str(&format!("<p><em>{}</em></p>\n", escape(caption)));
    }
    html
}

/// A week's entry: the editor's note, then every article with its hook.
fn week_entry(week: &Week, site: &Site, strings: &Strings) -> FeedEntry {
    let config = &site.config;
    let url = config.base_url.permalink(&week_path(week.week));
    let title = week.note.as_ref().and_then(|n| n.title.clone()).unwrap_or_else(|| week_label(week.week, strings));
    let range = strings.range(week.week.monday(), week.week.sunday());
    let summary = strings.count("week.description", week.articles.len() as i64, &[("range", &range)]);
    let mut html = format!("<p>{}</p>\n", escape(&summary));
    if let Some(note) = &week.note {
        html.push_str(&absolutize(&note.html, &url));
    }
    html.push_str("<ul>\n");
    for &i in &week.articles {
        let article = &site.articles[i];
        let link = config.base_url.permalink(&article.path);
        html.push_str(&format!(
            "<li><a href=\"{}\">{}</a>: {}</li>\n",
            escape(&link),
            escape(&article.title),
            escape(&article.hook)
        ));
    }
    html.push_str("</ul>\n");
    let newest = week.articles.first().map(|&i| site.articles[i].date);
    let published = newest.unwrap_or(site.articles[0].date);
    FeedEntry {
        id: url.clone(),
        url,
        title,
        summary_html: escape(&summary),
        summary,
        content: Some(html),
        published: Stamp::of(&published),
        updated: Stamp::of(&week_last_modified(week, site).unwrap_or(published)),
        author: site_author(config).to_string(),
        authors: Vec::new(),
        disclosure: None,
        categories: Vec::new(),
        source: None,
        image: None,
        enclosure: None,
        language: config.language.clone(),
    }
}

/// The text without the characters XML 1.0 does not allow (content is read
/// without them, but site.toml and a theme's words may still hold some).
pub fn xml_chars_only(text: String) -> String {
    if text.chars().all(crate::content::is_xml_char) {
        return text;
    }
    text.chars().filter(|c| crate::content::is_xml_char(*c)).collect()
}

/// Prepares HTML for a feed: every `href` and `src` becomes an absolute URL,
/// resolved against `page` (the absolute URL of the page the HTML belongs
/// to), so content copied into a feed still links where it did on the site;
/// code-highlighting spans are dropped (their text stays).
pub fn absolutize(html: &str, page: &str) -> String {
    let Ok(base) = url::Url::parse(page) else { return html.to_string() };
    let resolve = |el: &mut lol_html::html_content::Element<'_, '_>, attr: &str| {
        if let Some(value) = el.get_attribute(attr)
            && let Ok(absolute) = base.join(value.trim())
        {
            el.set_attribute(attr, absolute.as_str()).expect("href and src are valid attribute names");
        }
    };
    let settings = lol_html::RewriteStrSettings::new()
        .append_element_content_handler(lol_html::element!("[href]", |el| {
            resolve(el, "href");
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("[src]", |el| {
            resolve(el, "src");
            Ok(())
        }))
        // Feed readers do not have the theme's stylesheet: highlighting spans
        // would only add weight.
        .append_element_content_handler(lol_html::element!("span[class^='hl-']", |el| {
            el.remove_and_keep_content();
            Ok(())
        }));
    lol_html::rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

/// One `<url>` of a sitemap.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    /// Absolute URL.
    pub loc: String,
    /// When the page last changed, RFC 3339.
    pub lastmod: Option<String>,
}

/// One article of the news sitemap.
#[derive(Debug, Serialize)]
pub struct NewsArticle {
    /// Absolute URL.
    pub loc: String,
    /// Headline.
    pub title: String,
    /// Publication date, RFC 3339.
    pub date: String,
    /// Tags, comma-separated.
    pub keywords: String,
}

/// Articles published in the last [`NEWS_DAYS`] days before `site.now`, newest first.
pub fn news_articles(site: &Site) -> Vec<NewsArticle> {
    let since = site.now.as_second() - NEWS_DAYS * 86_400;
    site.articles
        .iter()
        .filter(|a| a.date.instant.as_second() >= since && a.date.instant <= site.now)
        .take(NEWS_LIMIT)
        .map(|a| NewsArticle {
            loc: site.config.base_url.permalink(&a.path),
            title: a.title.clone(),
            date: a.date.rfc3339(),
            keywords: a.tags.iter().map(|&t| site.tags[t].name.as_str()).collect::<Vec<_>>().join(", "),
        })
        .collect()
}

/// schema.org `NewsArticle` for an article page.
#[derive(Debug, Serialize)]
pub struct NewsArticleLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    url: String,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "articleSection", skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    is_based_on: Option<&'a str>,
    /// Authors, reviewer, publisher, how it was made, corrections, image.
    #[serde(flatten)]
    trust: crate::render::jsonld::ArticleTrust<'a>,
}

/// The JSON-LD of an article page.
pub fn article_json_ld(article: &Article, site: &Site, strings: &Strings) -> String {
    let config = &site.config;
    let url = config.base_url.permalink(&article.path);
    jsonld::script_json(&NewsArticleLd {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &article.title,
        description: &article.hook,
        main_entity_of_page: url.clone(),
        url,
        date_published: article.date.rfc3339(),
        date_modified: last_modified(article).rfc3339(),
        in_language: article.language(config),
        article_section: article.category.map(|c| config.categories[c].label.as_str()),
        keywords: article.tags.iter().map(|&t| site.tags[t].name.as_str()).collect(),
        is_based_on: article.source.as_ref().and_then(|s| s.url.as_deref()),
        trust: crate::render::jsonld::article_trust(article, config, strings, json_ld_images(article, site)),
    })
}

/// The images of an article's structured data: the 1:1, 4:3 and 16:9
/// crops of its lead image, or the image itself when it is not processed.
fn json_ld_images(article: &Article, site: &Site) -> Vec<String> {
    let config = &site.config;
    match site.images.lead(&article.images) {
        Some((_, Some(lead))) => lead.ratios.iter().map(|v| config.base_url.permalink(&v.path)).collect(),
        Some((picture, None)) => vec![config.base_url.permalink(&picture.original)],
        None => article.image.iter().map(|i| absolute_src(&i.src, config)).collect(),
    }
}

/// schema.org `CollectionPage` whose main entity is an `ItemList`.
#[derive(Debug, Serialize)]
struct CollectionLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(rename = "mainEntity")]
    main_entity: ItemListLd<'a>,
}

#[derive(Debug, Serialize)]
struct ItemListLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "numberOfItems")]
    number_of_items: usize,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItemLd<'a>>,
}

#[derive(Debug, Serialize)]
struct ListItemLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    url: String,
    name: &'a str,
}

/// The JSON-LD of a week page: its articles as an ordered list.
pub fn week_json_ld(week: &Week, title: &str, site: &Site) -> String {
    let config = &site.config;
    let items: Vec<ListItemLd<'_>> = week
        .articles
        .iter()
        .enumerate()
        .map(|(n, &i)| ListItemLd {
            kind: "ListItem",
            position: n + 1,
            url: config.base_url.permalink(&site.articles[i].path),
            name: &site.articles[i].title,
        })
        .collect();
    jsonld::script_json(&CollectionLd {
        context: "https://schema.org",
        kind: "CollectionPage",
        name: title,
        url: config.base_url.permalink(&week_path(week.week)),
        main_entity: ItemListLd { kind: "ItemList", number_of_items: items.len(), items },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_keep_the_written_offset() {
        let m = Moment::parse("2026-11-23T09:40:00-05:00", &TimeZone::UTC).unwrap();
        let s = Stamp::of(&m);
        assert_eq!(s.rfc3339, "2026-11-23T09:40:00-05:00");
        assert_eq!(s.rfc822, "Mon, 23 Nov 2026 09:40:00 -0500");
    }

    #[test]
    fn links_and_images_become_absolute() {
        let html = "<p><a href=\"/articles/x/\">x</a> <a href=\"#fn-1\">1</a> <a href=\"https://o.example/\">o</a> \
                    <img src=\"../img.png\" alt=\"\"> <a href=\"other/\">r</a></p>";
        assert_eq!(
            absolutize(html, "https://w.example/wire/articles/a/"),
            "<p><a href=\"https://w.example/articles/x/\">x</a> <a href=\"https://w.example/wire/articles/a/#fn-1\">1</a> \
             <a href=\"https://o.example/\">o</a> <img src=\"https://w.example/wire/articles/img.png\" alt=\"\"> \
             <a href=\"https://w.example/wire/articles/a/other/\">r</a></p>"
        );
    }

    #[test]
    fn highlighting_spans_are_dropped_but_their_text_kept() {
        assert_eq!(
            absolutize(
                "<pre><code><span class=\"hl-source hl-rust\"><span class=\"hl-keyword\">fn</span> a</span></code></pre>",
                "https://w.example/"
            ),
            "<pre><code>fn a</code></pre>"
        );
    }
}
