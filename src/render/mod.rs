//! Rendering: a plan of every page of the site (its kind, template and output
//! path), then each page rendered independently, in parallel, from the
//! immutable model through its typed context. Later stages (feeds, sitemap,
//! search) add their own entries to the same plan.

pub mod authors;
pub mod credits;
pub mod jsonld;
pub mod strings;
pub mod theme;
pub mod views;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::cache::Memo;
use crate::error::{Diagnostic, Error, Result};
use crate::feeds::{self, FeedEntries, FeedFormat, FeedScope, SitemapUrl};
use crate::hash::{Key, KeyBuilder};
use crate::model::Site;
use crate::output::{FileSource, Sink, file_for};
use crate::progress::Progress;
use strings::Strings;
use theme::Theme;
use views::{
    ArticleLink, ArticleView, CategoryView, PageView, Paginator, Shared, SharedValue, TagView, WeekRef, WeekView,
    category_path, page_count, page_path, paginator, tag_path, week_path,
};

/// One page to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Page {
    /// Page `n` (from 1) of the home page.
    Home(usize),
    /// An article, by index.
    Article(usize),
    /// A week's recap, by index into `Site::weeks`.
    Week(usize),
    /// The archive of all weeks.
    Weeks,
    /// Page `n` of a category, by index.
    Category(usize, usize),
    /// The index of categories.
    Categories,
    /// Page `n` of a tag, by index.
    Tag(usize, usize),
    /// The index of tags.
    Tags,
    /// A story's page, by index into `Site::stories`.
    Story(usize),
    /// The index of stories.
    Stories,
    /// Page `n` of an author's page, by index into `config.authors`.
    Author(usize, usize),
    /// The search page.
    Search,
    /// The email edition of a week's recap, by index into `Site::weeks`.
    WeekEmail(usize),
    /// The not-found page.
    NotFound,
    /// A feed.
    Feed(FeedScope, FeedFormat),
    /// The sitemap, when one file holds every URL.
    Sitemap,
    /// Part `n` (from 0) of a sitemap split past 50,000 URLs.
    SitemapPart(usize),
    /// The sitemap index pointing at the parts.
    SitemapIndex,
    /// The Google News sitemap.
    NewsSitemap,
    /// `robots.txt`.
    Robots,
}

impl Page {
    /// The template that renders this page.
    pub fn template(self) -> &'static str {
        match self {
            Page::Home(_) => "index.html",
            Page::Article(_) => "article.html",
            Page::Week(_) => "week.html",
            Page::Weeks => "weeks.html",
            Page::Category(..) => "category.html",
            Page::Categories => "categories.html",
            Page::Tag(..) => "tag.html",
            Page::Tags => "tags.html",
            Page::Story(_) => "story.html",
            Page::Stories => "stories.html",
            Page::Author(..) => "author.html",
            Page::Search => "search.html",
            Page::WeekEmail(_) => "week_email.html",
            Page::NotFound => "404.html",
            Page::Feed(_, format) => format.file(),
            Page::Sitemap | Page::SitemapPart(_) => "sitemap.xml",
            Page::SitemapIndex => "sitemap_index.xml",
            Page::NewsSitemap => "news_sitemap.xml",
            Page::Robots => "robots.txt",
        }
    }

    /// True for the site's own pages: the ones readers browse, sitemaps list
    /// and the dev server adds its script to (not feeds, sitemaps or emails).
    pub fn is_html(self) -> bool {
        !matches!(
            self,
            Page::Feed(..)
                | Page::Sitemap
                | Page::SitemapPart(_)
                | Page::SitemapIndex
                | Page::NewsSitemap
                | Page::Robots
                | Page::WeekEmail(_)
        )
    }

    /// The page's output path below the base URL (`articles/x/`, `404.html`).
    pub fn path(self, site: &Site) -> String {
        match self {
            Page::Home(n) => page_path("", n),
            Page::Article(i) => site.articles[i].path.clone(),
            Page::Week(i) => week_path(site.weeks[i].week),
            Page::Weeks => "weeks/".into(),
            Page::Category(c, n) => page_path(&category_path(&site.config.categories[c].key), n),
            Page::Categories => "categories/".into(),
            Page::Tag(t, n) => page_path(&tag_path(&site.tags[t].key), n),
            Page::Tags => "tags/".into(),
            Page::Story(s) => views::story_path(&site.stories[s].key),
            Page::Stories => "stories/".into(),
            Page::Author(a, n) => page_path(&credits::author_path(&site.config.authors[a].key), n),
            Page::Search => "search/".into(),
            Page::WeekEmail(i) => format!("{}email.html", week_path(site.weeks[i].week)),
            Page::NotFound => "404.html".into(),
            Page::Feed(scope, format) => feeds::feed_path(scope, format, site),
            Page::Sitemap | Page::SitemapIndex => "sitemap.xml".into(),
            Page::SitemapPart(n) => format!("sitemaps/sitemap-{}.xml", n + 1),
            Page::NewsSitemap => "news-sitemap.xml".into(),
            Page::Robots => "robots.txt".into(),
        }
    }

    /// What produced the page, for errors about clashing output paths.
    fn origin(self, site: &Site) -> String {
        match self {
            Page::Article(i) => site.articles[i].source_path.display().to_string(),
            Page::Week(i) => format!("the recap page of {}", site.weeks[i].week),
            Page::Category(c, _) => format!("the page of category `{}`", site.config.categories[c].key),
            Page::Tag(t, _) => format!("the page of tag `{}`", site.tags[t].name),
            Page::Story(s) => format!("the page of story `{}`", site.stories[s].key),
            Page::Author(a, _) => format!("the page of author `{}`", site.config.authors[a].key),
            other if !other.is_html() => format!("the generated {}", other.path(site)),
            other => format!("the {} page", other.template().trim_end_matches(".html")),
        }
    }
}

/// Every page of the site, in a stable order.
pub fn plan(site: &Site) -> Vec<Page> {
    let per_page = site.config.per_page;
    let mut pages: Vec<Page> = (1..=page_count(site.articles.len(), per_page)).map(Page::Home).collect();
    pages.extend((0..site.articles.len()).map(Page::Article));
    pages.extend((0..site.weeks.len()).map(Page::Week));
    pages.extend((0..site.weeks.len()).map(Page::WeekEmail));
    pages.push(Page::Weeks);
    for (c, list) in site.categories.iter().enumerate() {
        pages.extend((1..=page_count(list.articles.len(), per_page)).map(|n| Page::Category(c, n)));
    }
    pages.push(Page::Categories);
    for (t, tag) in site.tags.iter().enumerate() {
        pages.extend((1..=page_count(tag.articles.len(), per_page)).map(|n| Page::Tag(t, n)));
    }
    pages.push(Page::Tags);
    pages.extend((0..site.stories.len()).map(Page::Story));
    pages.push(Page::Stories);
    for (a, list) in site.authors.iter().enumerate() {
        pages.extend((1..=page_count(list.articles.len(), per_page)).map(|n| Page::Author(a, n)));
    }
    if site.config.search {
        pages.push(Page::Search);
    }
    pages.push(Page::NotFound);
    let listed = pages.iter().filter(|p| listed_in_sitemap(**p)).count();
    pages.extend(feeds::all_feeds(site).into_iter().map(|(scope, format)| Page::Feed(scope, format)));
    pages.extend(sitemap_pages(listed, feeds::SITEMAP_LIMIT));
    pages.push(Page::NewsSitemap);
    pages.push(Page::Robots);
    pages
}

/// One sitemap for up to `limit` URLs; past that, an index and its parts.
fn sitemap_pages(urls: usize, limit: usize) -> Vec<Page> {
    if urls <= limit {
        vec![Page::Sitemap]
    } else {
        std::iter::once(Page::SitemapIndex).chain((0..urls.div_ceil(limit)).map(Page::SitemapPart)).collect()
    }
}

/// Pages a sitemap lists: every reader-facing page but the not-found and search pages.
fn listed_in_sitemap(page: Page) -> bool {
    page.is_html() && page != Page::NotFound && page != Page::Search
}

/// The sitemap's URLs, in plan order, with when each page last changed.
fn sitemap_urls(site: &Site, pages: &[Page]) -> Vec<SitemapUrl> {
    let newest = site.articles.iter().map(feeds::last_modified).max_by_key(|m| m.instant);
    let latest = |indices: &mut dyn Iterator<Item = usize>| {
        indices.map(|i| feeds::last_modified(&site.articles[i])).max_by_key(|m| m.instant)
    };
    let per_page = site.config.per_page;
    pages
        .iter()
        .filter(|p| listed_in_sitemap(**p))
        .map(|&page| {
            let lastmod = match page {
                Page::Home(n) => latest(&mut page_range(site.articles.len(), per_page, n)),
                Page::Article(i) => Some(feeds::last_modified(&site.articles[i])),
                Page::Week(w) => latest(&mut site.weeks[w].articles.iter().copied()),
                Page::Story(s) => latest(&mut site.stories[s].articles.iter().copied()),
                Page::Stories => latest(&mut site.stories.iter().flat_map(|s| s.articles.iter().copied())),
                Page::Category(c, n) => {
                    let list = &site.categories[c].articles;
                    latest(&mut list[page_range(list.len(), per_page, n)].iter().copied())
                }
                Page::Tag(t, n) => {
                    let list = &site.tags[t].articles;
                    latest(&mut list[page_range(list.len(), per_page, n)].iter().copied())
                }
                Page::Author(a, n) => {
                    let list = &site.authors[a].articles;
                    latest(&mut list[page_range(list.len(), per_page, n)].iter().copied())
                }
                _ => newest,
            };
            SitemapUrl { loc: site.config.base_url.permalink(&page.path(site)), lastmod: lastmod.map(|m| m.rfc3339()) }
        })
        .collect()
}

/// Refuses a plan in which two outputs (pages or static files) would be
/// written to the same file, naming both.
pub fn check_collisions(site: &Site, pages: &[Page], static_files: &BTreeMap<String, FileSource>) -> Result<()> {
    let mut owners: HashMap<String, Page> = HashMap::with_capacity(pages.len());
    let mut clashes = Vec::new();
    for &page in pages {
        let file = file_for(&page.path(site));
        if let Some(source) = static_files.get(&file) {
            clashes.push(clash(&page.origin(site), &source.shown().display().to_string(), &file));
        }
        if let Some(first) = owners.insert(file.clone(), page) {
            // Blame an editor's file rather than a generated page.
            let (blamed, other) = if matches!(page, Page::Article(_)) { (page, first) } else { (first, page) };
            clashes.push(clash(&blamed.origin(site), &other.origin(site), &file));
        }
    }
    if clashes.is_empty() { Ok(()) } else { Err(Error::invalid(clashes)) }
}

fn clash(origin: &str, other: &str, file: &str) -> Diagnostic {
    Diagnostic::new(origin, format!("its page would be written to {file}, which {other} also writes"))
        .hint("change the slug, or the permalink pattern in site.toml")
}

/// Renders and writes every page of the plan whose key (its template and
/// context) differs from what the output already holds; counts the pages it
/// rendered. `inject` is HTML added before `</body>` of every HTML page (the
/// dev server's live-reload script). The keys of article pages are
/// memoized, so an unchanged article's page is not even built.
#[allow(clippy::too_many_arguments)]
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    pages: &[Page],
    out: &dyn Sink,
    inject: Option<&str>,
    progress: &dyn Progress,
    memo: &Memo,
    keys: &views::Keys,
    rendered_count: &mut usize,
) -> Result<()> {
    progress.stage("Rendering", pages.len());
    let shared = Shared::new(site, &theme.strings, keys, memo);
    let extra = Extra { feeds: FeedEntries::new(site, &theme.strings, keys, memo), sitemap: sitemap_urls(site, pages) };
    let inject_key = crate::hash::of_bytes(inject.unwrap_or_default().as_bytes());
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    let failures: Vec<(Page, Error)> = pages
        .par_iter()
        .filter_map(|&page| {
            let file = file_for(&page.path(site));
            let page_key = |context: &PageContext<'_>| {
                KeyBuilder::new()
                    .key(theme.closure_key(page.template()))
                    .key(crate::hash::of_serialized(context))
                    .key(inject_key)
                    .finish()
            };
            let inputs = match page {
                Page::Article(i) => Some(article_page_inputs(site, &shared, theme, inject_key, i)),
                Page::Home(_) | Page::Category(..) | Page::Tag(..) => {
                    Some(list_page_inputs(site, &shared, theme, inject_key, page))
                }
                _ => None,
            };
            if let Some(key) = inputs.and_then(|inputs| memo.get(inputs)).filter(|&key| out.keep(&file, key)) {
                if memo.verifying() {
                    let context = page_context(site, &shared, &extra, &theme.strings, page);
                    assert_eq!(key, page_key(&context), "memoized key of /{file} is stale: an input is missing");
                }
                progress.advance(1);
                return None;
            }
            let context = page_context(site, &shared, &extra, &theme.strings, page);
            let key = page_key(&context);
            if let Some(inputs) = inputs {
                memo.note(inputs, key);
            }
            let written = if out.keep(&file, key) {
                Ok(())
            } else {
                rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                render_context(site, theme, &context, page).and_then(|mut text| {
                    if let Some(extra_html) = inject.filter(|_| page.is_html()) {
                        let at = text.rfind("</body>").unwrap_or(text.len());
                        text.insert_str(at, extra_html);
                    }
                    out.put(&file, key, text.as_bytes())
                })
            };
            progress.advance(1);
            written.err().map(|e| (page, e))
        })
        .collect();
    *rendered_count = rendered.into_inner();
    if failures.is_empty() {
        return Ok(());
    }
    summarize_failures(site, failures)
}

/// The key of everything an article's page is computed from (see
/// [`views::Keys`]): the article and its tags and category, its template,
/// the site, its related articles, its neighbours and its story.
fn article_page_inputs(site: &Site, shared: &Shared<'_>, theme: &Theme, inject_key: Key, i: usize) -> Key {
    let keys = &shared.keys;
    let related = &site.related[i];
    let mut key = keys
        .article(site, i)
        .bytes(b"article page")
        .key(theme.closure_key(Page::Article(i).template()))
        .key(inject_key)
        .key(shared.site.key())
        .bytes(&(related.len() as u64).to_le_bytes());
    for &r in related {
        key = key.key(shared.summaries[r].key());
    }
    let neighbour = |n: Option<usize>| n.filter(|&n| n < site.articles.len()).map_or(0, |n| keys.articles[n]);
    key.key(neighbour(Some(i + 1)))
        .key(neighbour(i.checked_sub(1)))
        .key(site.story_of(&site.articles[i]).map_or(0, |s| keys.stories[s]))
        .finish()
}

/// The key of everything a page of the home, category or tag lists is
/// computed from: the site, the page's template and place in its list, the
/// list's own view (category or tag: name, count) and the summaries shown.
fn list_page_inputs(site: &Site, shared: &Shared<'_>, theme: &Theme, inject_key: Key, page: Page) -> Key {
    let keys = &shared.keys;
    // Which list (home, category c or tag t), its view's key and its
    // articles (`None`: every article, in site order), and the page number.
    let (kind, index, scope, list, number): (u8, usize, Key, Option<&[usize]>, usize) = match page {
        Page::Home(n) => (0, 0, 0, None, n),
        Page::Category(c, n) => (1, c, keys.categories[c], Some(&site.categories[c].articles), n),
        Page::Tag(t, n) => (2, t, keys.tags[t], Some(&site.tags[t].articles), n),
        _ => unreachable!("only list pages have list inputs"),
    };
    let total = list.map_or(site.articles.len(), <[usize]>::len);
    let key = KeyBuilder::new()
        .bytes(b"list page")
        .bytes(&[kind])
        .bytes(&(index as u64).to_le_bytes())
        .bytes(&(number as u64).to_le_bytes())
        .key(keys.base)
        .key(shared.site.key())
        .key(theme.closure_key(page.template()))
        .key(inject_key)
        .key(scope)
        .bytes(&(total as u64).to_le_bytes());
    page_range(total, site.config.per_page, number)
        .map(|i| list.map_or(i, |list| list[i]))
        .fold(key, |key, article| key.key(shared.summaries[article].key()))
        .finish()
}

/// One template mistake usually breaks many pages: report each distinct
/// problem once, with the first page it broke and how many others.
fn summarize_failures(site: &Site, failures: Vec<(Page, Error)>) -> Result<()> {
    let mut distinct: Vec<(Diagnostic, Page, usize)> = Vec::new();
    for (page, error) in failures {
        let Error::Invalid(found) = error else { return Err(error) };
        for diagnostic in found {
            match distinct.iter_mut().find(|(d, ..)| {
                (&d.path, d.line, d.column, &d.message)
                    == (&diagnostic.path, diagnostic.line, diagnostic.column, &diagnostic.message)
            }) {
                Some((_, first, count)) => {
                    *count += 1;
                    *first = (*first).min(page);
                }
                None => distinct.push((diagnostic, page, 0)),
            }
        }
    }
    let found = distinct.into_iter().map(|(d, page, others)| {
        let url = format!("/{}", page.path(site));
        match others {
            0 => d.hint(format!("while rendering {url}")),
            n => d.hint(format!("while rendering {url} and {n} other page{}", if n == 1 { "" } else { "s" })),
        }
    });
    Err(Error::invalid(found.collect()))
}

/// Values for feeds and sitemaps, built once per build.
pub struct Extra<'a> {
    /// Entries of every feed.
    pub feeds: FeedEntries<'a>,
    /// Every URL the sitemap lists.
    pub sitemap: Vec<SitemapUrl>,
}

/// The typed context of a page.
fn page_context<'a>(
    site: &'a Site,
    shared: &Shared<'a>,
    extra: &'a Extra<'a>,
    strings: &'a Strings,
    page: Page,
) -> PageContext<'a> {
    if page.is_html() {
        context(site, shared, strings, page)
    } else {
        machine_context(site, shared, extra, strings, page)
    }
}

/// Renders one page to its text (HTML, XML, JSON…).
fn render_context(site: &Site, theme: &Theme, context: &PageContext<'_>, page: Page) -> Result<String> {
    let text =
        theme.tera.render(page.template(), &context.to_tera()).map_err(|e| Error::Invalid(theme.diagnose(&e)))?;
    Ok(match page {
        // An email is read away from the site: every link must be absolute.
        Page::WeekEmail(_) => feeds::absolutize(&text, &site.config.base_url.permalink(&page.path(site))),
        // Whatever site.toml, a theme's words or content hold, feeds and
        // sitemaps stay well-formed XML.
        _ if page.template().ends_with(".xml") => feeds::xml_chars_only(text),
        _ => text,
    })
}

/// Contexts of feeds, sitemaps and robots.txt.
fn machine_context<'a>(
    site: &'a Site,
    shared: &Shared<'a>,
    extra: &'a Extra<'a>,
    strings: &'a Strings,
    page: Page,
) -> PageContext<'a> {
    let config = &site.config;
    let site_value = shared.site.clone();
    match page {
        Page::Feed(scope, format) => PageContext::Feed(FeedContext {
            site: site_value,
            feed: feeds::feed_view(scope, format, site, &extra.feeds, strings),
        }),
        Page::Sitemap => PageContext::Sitemap(SitemapContext { site: site_value, urls: &extra.sitemap }),
        Page::SitemapPart(n) => {
            let start = n * feeds::SITEMAP_LIMIT;
            let urls = &extra.sitemap[start..(start + feeds::SITEMAP_LIMIT).min(extra.sitemap.len())];
            PageContext::Sitemap(SitemapContext { site: site_value, urls })
        }
        Page::SitemapIndex => {
            let parts = extra.sitemap.len().div_ceil(feeds::SITEMAP_LIMIT);
            let sitemaps = (0..parts)
                .map(|n| {
                    let chunk = &extra.sitemap
                        [n * feeds::SITEMAP_LIMIT..((n + 1) * feeds::SITEMAP_LIMIT).min(extra.sitemap.len())];
                    SitemapUrl {
                        loc: config.base_url.permalink(&Page::SitemapPart(n).path(site)),
                        lastmod: chunk.iter().filter_map(|u| u.lastmod.clone()).max(),
                    }
                })
                .collect();
            PageContext::SitemapIndex(SitemapIndexContext { site: site_value, sitemaps })
        }
        Page::NewsSitemap => PageContext::News(NewsContext { site: site_value, articles: feeds::news_articles(site) }),
        Page::WeekEmail(w) => {
            let week = views::week(&site.weeks[w], site, shared, strings);
            PageContext::Email(EmailContext { site: site_value, week })
        }
        Page::Robots => PageContext::Robots(RobotsContext {
            site: site_value,
            sitemaps: vec![config.base_url.permalink("sitemap.xml"), config.base_url.permalink("news-sitemap.xml")],
        }),
        _ => unreachable!("HTML pages have their own contexts"),
    }
}

fn context<'a>(site: &'a Site, shared: &Shared<'a>, strings: &'a Strings, page: Page) -> PageContext<'a> {
    let config = &site.config;
    let path = page.path(site);
    let page_view = |kind: &'static str, title: String, description: String| PageView {
        kind,
        title,
        description,
        url: config.base_url.url(&path),
        permalink: config.base_url.permalink(&path),
        feeds: feeds::feed_links(FeedScope::Site, site, strings),
        image: None,
        image_width: None,
        image_height: None,
        json_ld: None,
        language: config.language.clone(),
    };
    let site_value = shared.site.clone();
    let list = |base: &str, indices: &[usize], number: usize| {
        let slice = &indices[page_range(indices.len(), config.per_page, number)];
        (shared.summaries_of(slice), paginator(config, base, indices.len(), number))
    };
    let numbered = |title: &str, number: usize| {
        if number > 1 {
            strings.fill("pagination.title", &[("title", title), ("number", &number.to_string())])
        } else {
            title.to_string()
        }
    };
    let site_name = [("site", config.title.as_str())];
    match page {
        Page::Home(number) => {
            let range = page_range(site.articles.len(), config.per_page, number);
            let articles = shared.summaries[range].to_vec();
            let paginator = paginator(config, "", site.articles.len(), number);
            PageContext::List(ListContext {
                site: site_value,
                page: page_view("home", numbered(&config.title, number), config.description.clone()),
                articles,
                paginator,
            })
        }
        Page::Article(i) => {
            let article = &site.articles[i];
            let mut page = page_view("article", article.title.clone(), article.hook.clone());
            if let Some((url, size)) = views::social_image(article, site) {
                page.image = Some(url);
                page.image_width = size.map(|s| s.0);
                page.image_height = size.map(|s| s.1);
            }
            page.json_ld = Some(feeds::article_json_ld(article, site, strings));
            page.language = article.language(config).to_string();
            let mut view = views::article(article, site, strings);
            view.related = shared.summaries_of(&site.related[i]);
            PageContext::Article(ArticleContext {
                site: site_value,
                page,
                article: view,
                previous: site.articles.get(i + 1).map(|a| views::article_link(a, config, strings)),
                next: i.checked_sub(1).map(|n| views::article_link(&site.articles[n], config, strings)),
            })
        }
        Page::Week(w) => {
            let week = views::week(&site.weeks[w], site, shared, strings);
            let description = strings.count("week.description", week.count as i64, &[("range", &week.week.range)]);
            let mut page = page_view("week", week.title.clone(), description);
            page.feeds.extend(feeds::feed_links(FeedScope::Weeks, site, strings));
            page.json_ld = Some(feeds::week_json_ld(&site.weeks[w], &week.title, site));
            PageContext::Week(WeekContext {
                site: site_value,
                page,
                week,
                previous: site.weeks.get(w + 1).map(|x| views::week_ref(x.week, config, strings)),
                next: w.checked_sub(1).map(|n| views::week_ref(site.weeks[n].week, config, strings)),
            })
        }
        Page::Weeks => {
            let weeks: Vec<WeekView> = site.weeks.iter().map(|w| views::week_card(w, site, strings)).collect();
            let mut page =
                page_view("weeks", strings.get("weeks.title").into(), strings.fill("weeks.description", &site_name));
            page.feeds.extend(feeds::feed_links(FeedScope::Weeks, site, strings));
            PageContext::Weeks(WeeksContext { site: site_value, page, weeks })
        }
        Page::Category(c, number) => {
            let category = views::category_view(site, c);
            let (articles, paginator) = list(&category_path(category.key), &site.categories[c].articles, number);
            let description =
                strings.count("category.description", category.count as i64, &[("category", category.label)]);
            let mut page = page_view("category", numbered(category.label, number), description);
            page.feeds.extend(feeds::feed_links(FeedScope::Category(c), site, strings));
            PageContext::Category(CategoryContext { site: site_value, page, category, articles, paginator })
        }
        Page::Categories => PageContext::Index(IndexContext {
            site: site_value,
            page: page_view(
                "categories",
                strings.get("category.index_title").into(),
                strings.fill("category.index_description", &site_name),
            ),
        }),
        Page::Tag(t, number) => {
            let tag = views::tag_view(site, t);
            let (articles, paginator) = list(&tag_path(tag.key), &site.tags[t].articles, number);
            let description = strings.count("tag.description", tag.count as i64, &[("tag", tag.name)]);
            let title = strings.fill("tag.title", &[("tag", tag.name)]);
            let mut page = page_view("tag", numbered(&title, number), description);
            page.feeds.extend(feeds::feed_links(FeedScope::Tag(t), site, strings));
            PageContext::Tag(TagContext { site: site_value, page, tag, articles, paginator })
        }
        Page::Story(s) => {
            let story = &site.stories[s];
            let view = views::story(story, site, None, strings);
            let description = strings.count("story.description", view.count as i64, &[("date", &view.since.display)]);
            let page = page_view("story", view.title.to_string(), description);
            PageContext::Story(StoryContext {
                site: site_value,
                page,
                story: view,
                articles: shared.summaries_of(&story.articles),
            })
        }
        Page::Stories => {
            // The story with the newest article first.
            let mut order: Vec<usize> = (0..site.stories.len()).collect();
            order.sort_by_key(|&s| site.stories[s].articles[0]);
            PageContext::Stories(StoriesContext {
                site: site_value,
                page: page_view(
                    "stories",
                    strings.get("stories.title").into(),
                    strings.fill("stories.description", &site_name),
                ),
                stories: order.into_iter().map(|s| views::story(&site.stories[s], site, None, strings)).collect(),
            })
        }
        Page::Search => PageContext::Index(IndexContext {
            site: site_value,
            page: page_view(
                "search",
                strings.get("search.title").into(),
                strings.fill("search.description", &site_name),
            ),
        }),
        Page::Author(a, number) => {
            let author = authors::author_view(site, a, strings);
            let (articles, paginator) = list(&credits::author_path(author.key), &site.authors[a].articles, number);
            let description = match author.bio {
                Some(bio) => bio.to_string(),
                None => strings.fill("author.description", &[("name", author.name), ("site", &config.title)]),
            };
            let mut page = page_view("author", numbered(author.name, number), description);
            page.feeds.extend(feeds::feed_links(FeedScope::Author(a), site, strings));
            page.json_ld = Some(jsonld::profile_page(&config.authors[a], config));
            PageContext::Author(authors::AuthorContext { site: site_value, page, author, articles, paginator })
        }
        Page::Tags => PageContext::Tags(TagsContext {
            site: site_value,
            page: page_view(
                "tags",
                strings.get("tag.index_title").into(),
                strings.fill("tag.index_description", &site_name),
            ),
            tags: (0..site.tags.len()).map(|t| views::tag_view(site, t)).collect(),
        }),
        Page::NotFound => PageContext::Index(IndexContext {
            site: site_value,
            page: page_view(
                "not_found",
                strings.get("not_found.title").into(),
                strings.get("not_found.description").into(),
            ),
        }),
        _ => unreachable!("machine-readable pages have their own contexts"),
    }
}

/// The items of page `number` (from 1) of a list of `len` items.
fn page_range(len: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    let start = ((number - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

/// The context of any page: one typed struct per page kind. It serializes
/// to the variables its template sees; hashing that serialization tells an
/// incremental build whether the page changed.
// One context lives per page being rendered and is dropped right after, so
// the size gap between variants costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize)]
#[serde(untagged)]
pub enum PageContext<'a> {
    /// `index.html`.
    List(ListContext<'a>),
    /// `article.html`.
    Article(ArticleContext<'a>),
    /// `week.html`.
    Week(WeekContext<'a>),
    /// `weeks.html`.
    Weeks(WeeksContext<'a>),
    /// `category.html`.
    Category(CategoryContext<'a>),
    /// `tag.html`.
    Tag(TagContext<'a>),
    /// `story.html`.
    Story(StoryContext<'a>),
    /// `stories.html`.
    Stories(StoriesContext<'a>),
    /// `author.html`.
    Author(authors::AuthorContext<'a>),
    /// `tags.html`.
    Tags(TagsContext<'a>),
    /// Feeds.
    Feed(FeedContext<'a>),
    /// `sitemap.xml`.
    Sitemap(SitemapContext<'a>),
    /// `sitemap_index.xml`.
    SitemapIndex(SitemapIndexContext<'a>),
    /// `news_sitemap.xml`.
    News(NewsContext<'a>),
    /// `week_email.html`.
    Email(EmailContext<'a>),
    /// `robots.txt`.
    Robots(RobotsContext<'a>),
    /// `categories.html`, `search.html`, `404.html`.
    Index(IndexContext<'a>),
}

impl PageContext<'_> {
    /// The Tera context of this page.
    pub fn to_tera(&self) -> Context {
        Context::from_serialize(self).expect("page contexts are structs")
    }
}

/// Context of `index.html`.
#[derive(Serialize)]
pub struct ListContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
    articles: Vec<SharedValue<'a>>,
    paginator: Paginator,
}

/// Context of `article.html`.
#[derive(Serialize)]
pub struct ArticleContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
    article: ArticleView<'a>,
    previous: Option<ArticleLink<'a>>,
    next: Option<ArticleLink<'a>>,
}

/// Context of `week.html`.
#[derive(Serialize)]
pub struct WeekContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
    week: WeekView<'a>,
    previous: Option<WeekRef>,
    next: Option<WeekRef>,
}

/// Context of `weeks.html`.
#[derive(Serialize)]
pub struct WeeksContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
    weeks: Vec<WeekView<'a>>,
}

/// Context of `category.html`.
#[derive(Serialize)]
pub struct CategoryContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
    category: CategoryView<'a>,
    articles: Vec<SharedValue<'a>>,
    paginator: Paginator,
}

/// Context of `tag.html`.
#[derive(Serialize)]
pub struct TagContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
    tag: TagView<'a>,
    articles: Vec<SharedValue<'a>>,
    paginator: Paginator,
}

/// Context of `story.html`.
#[derive(Serialize)]
pub struct StoryContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
    story: views::StoryView<'a>,
    articles: Vec<SharedValue<'a>>,
}

/// Context of `stories.html`.
#[derive(Serialize)]
pub struct StoriesContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
    stories: Vec<views::StoryView<'a>>,
}

/// Context of `tags.html`.
#[derive(Serialize)]
pub struct TagsContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
    tags: Vec<TagView<'a>>,
}

/// Context of `feed.xml`, `atom.xml` and `feed.json`.
#[derive(Serialize)]
pub struct FeedContext<'a> {
    site: SharedValue<'a>,
    feed: feeds::FeedView<'a>,
}

/// Context of `sitemap.xml` (one file, or one part).
#[derive(Serialize)]
pub struct SitemapContext<'a> {
    site: SharedValue<'a>,
    urls: &'a [SitemapUrl],
}

/// Context of `sitemap_index.xml`.
#[derive(Serialize)]
pub struct SitemapIndexContext<'a> {
    site: SharedValue<'a>,
    sitemaps: Vec<SitemapUrl>,
}

/// Context of `news_sitemap.xml`.
#[derive(Serialize)]
pub struct NewsContext<'a> {
    site: SharedValue<'a>,
    articles: Vec<feeds::NewsArticle>,
}

/// Context of `week_email.html`.
#[derive(Serialize)]
pub struct EmailContext<'a> {
    site: SharedValue<'a>,
    week: WeekView<'a>,
}

/// Context of `robots.txt`.
#[derive(Serialize)]
pub struct RobotsContext<'a> {
    site: SharedValue<'a>,
    sitemaps: Vec<String>,
}

/// Context of `categories.html` and `404.html` (categories are in `site`).
#[derive(Serialize)]
pub struct IndexContext<'a> {
    site: SharedValue<'a>,
    page: PageView,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemaps_split_past_the_limit() {
        assert_eq!(sitemap_pages(50_000, 50_000), [Page::Sitemap]);
        assert_eq!(
            sitemap_pages(100_001, 50_000),
            [Page::SitemapIndex, Page::SitemapPart(0), Page::SitemapPart(1), Page::SitemapPart(2)]
        );
    }

    #[test]
    fn page_ranges_cover_the_list_once() {
        assert_eq!(page_range(25, 10, 1), 0..10);
        assert_eq!(page_range(25, 10, 3), 20..25);
        assert_eq!(page_range(0, 10, 1), 0..0);
    }
}
