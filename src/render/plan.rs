//! The plan of a site: every page it has (its kind, template and output
//! path, see [`Page`]), in a stable order, and the check that no two
//! outputs are written to one file.

use std::collections::{BTreeMap, HashMap};

use super::feeds::{self, FeedFormat, FeedScope, SitemapUrl};
use super::views::{page_count, page_range};
use crate::error::{Diagnostic, Error, Origin, Result};
use crate::files::FileSource;
use crate::model::Site;
use crate::paths::{self, category_path, file_for, page_path, tag_path, week_path};

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
            Page::Home(n) => page_path(paths::HOME, n),
            Page::Article(i) => site.articles[i].path.clone(),
            Page::Week(i) => week_path(site.weeks[i].week),
            Page::Weeks => paths::WEEKS.into(),
            Page::Category(c, n) => page_path(&category_path(&site.config.categories[c].key), n),
            Page::Categories => paths::CATEGORIES.into(),
            Page::Tag(t, n) => page_path(&tag_path(&site.tags[t].key), n),
            Page::Tags => paths::TAGS.into(),
            Page::Story(s) => paths::story_path(&site.stories[s].key),
            Page::Stories => paths::STORIES.into(),
            Page::Author(a, n) => page_path(&paths::author_path(&site.config.authors[a].key), n),
            Page::Search => paths::SEARCH.into(),
            Page::WeekEmail(i) => paths::week_email_path(site.weeks[i].week),
            Page::NotFound => paths::NOT_FOUND.into(),
            Page::Feed(scope, format) => feeds::feed_path(scope, format, site),
            Page::Sitemap | Page::SitemapIndex => paths::SITEMAP.into(),
            Page::SitemapPart(n) => paths::sitemap_part_path(n),
            Page::NewsSitemap => paths::NEWS_SITEMAP.into(),
            Page::Robots => paths::ROBOTS.into(),
        }
    }

    /// What produced the page, for errors about clashing output paths.
    fn origin(self, site: &Site) -> Origin {
        let generated = Origin::Generated;
        match self {
            Page::Article(i) => Origin::File(site.provenance[i].file.clone()),
            Page::Week(i) => generated(format!("the recap page of {}", site.weeks[i].week)),
            Page::Category(c, _) => generated(format!("the page of category `{}`", site.config.categories[c].key)),
            Page::Tag(t, _) => generated(format!("the page of tag `{}`", site.tags[t].name)),
            Page::Story(s) => generated(format!("the page of story `{}`", site.stories[s].key)),
            Page::Author(a, _) => generated(format!("the page of author `{}`", site.config.authors[a].key)),
            other if !other.is_html() => generated(format!("the generated {}", other.path(site))),
            other => generated(format!("the {} page", other.template().trim_end_matches(".html"))),
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
pub fn sitemap_urls(site: &Site, pages: &[Page]) -> Vec<SitemapUrl> {
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
            clashes.push(clash(page.origin(site), &source.shown().display().to_string(), &file));
        }
        if let Some(first) = owners.insert(file.clone(), page) {
            // Blame an editor's file rather than a generated page.
            let (blamed, other) = if matches!(page, Page::Article(_)) { (page, first) } else { (first, page) };
            clashes.push(clash(blamed.origin(site), &other.origin(site).to_string(), &file));
        }
    }
    if clashes.is_empty() { Ok(()) } else { Err(Error::invalid(clashes)) }
}

fn clash(origin: Origin, other: &str, file: &str) -> Diagnostic {
    Diagnostic::about(origin, format!("its page would be written to {file}, which {other} also writes"))
        .hint("change the slug, or the permalink pattern in site.toml")
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
}
