//! The one context type of every page, and what building one needs.

use serde::Serialize;
use tera::Context;

use crate::model::Site;
use crate::render::authors::AuthorView;
use crate::render::feeds::{self, FeedEntries, FeedScope, FeedView, NewsArticle, SitemapUrl};
use crate::render::plan::Page;
use crate::render::strings::Strings;
use crate::render::views::{
    ArticleLink, ArticleView, CategoryView, PageView, Paginator, Shared, SharedValue, StoryView, TagView, WeekRef,
    WeekView, page_range, paginator,
};

/// The context of any page. It serializes to the variables its template
/// sees; hashing that serialization tells an incremental build whether the
/// page changed.
#[derive(Serialize)]
pub struct PageContext<'a> {
    /// The site's values (`site.…` in templates).
    site: SharedValue<'a>,
    /// The page's own values (`page.…`); feeds, sitemaps, robots.txt and
    /// emails have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<PageView>,
    /// What the page's kind shows, beside `site` and `page`.
    #[serde(flatten)]
    shows: Shows<'a>,
}

impl PageContext<'_> {
    /// The Tera context of this page.
    pub fn to_tera(&self) -> Context {
        Context::from_serialize(self).expect("page contexts are structs")
    }
}

/// What a page of each kind shows, besides `site` and `page`; each field
/// is a variable of its template.
// One context lives per page being rendered and is dropped right after, so
// the size gap between variants costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize)]
#[serde(untagged)]
pub enum Shows<'a> {
    /// A page of the home page's list (`index.html`).
    Home {
        /// This page's articles (summaries).
        articles: Vec<SharedValue<'a>>,
        /// Links to the other pages.
        paginator: Paginator,
    },
    /// `article.html`.
    Article {
        /// The article.
        article: ArticleView<'a>,
        /// The article published before it.
        previous: Option<ArticleLink<'a>>,
        /// The article published after it.
        next: Option<ArticleLink<'a>>,
    },
    /// `week.html`.
    Week {
        /// The week's recap.
        week: WeekView<'a>,
        /// The week before (with articles).
        previous: Option<WeekRef>,
        /// The week after (with articles).
        next: Option<WeekRef>,
    },
    /// `weeks.html`.
    Weeks {
        /// Every week, newest first.
        weeks: Vec<WeekView<'a>>,
    },
    /// A page of a category (`category.html`).
    Category {
        /// The category.
        category: CategoryView<'a>,
        /// This page's articles (summaries).
        articles: Vec<SharedValue<'a>>,
        /// Links to the other pages.
        paginator: Paginator,
    },
    /// A page of a tag (`tag.html`).
    Tag {
        /// The tag.
        tag: TagView<'a>,
        /// This page's articles (summaries).
        articles: Vec<SharedValue<'a>>,
        /// Links to the other pages.
        paginator: Paginator,
    },
    /// A page of an author (`author.html`).
    Author {
        /// The author.
        author: AuthorView<'a>,
        /// This page's articles (summaries).
        articles: Vec<SharedValue<'a>>,
        /// Links to the other pages.
        paginator: Paginator,
    },
    /// `story.html`.
    Story {
        /// The story.
        story: StoryView<'a>,
        /// Its articles (summaries).
        articles: Vec<SharedValue<'a>>,
    },
    /// `stories.html`.
    Stories {
        /// Every story, the one with the newest article first.
        stories: Vec<StoryView<'a>>,
    },
    /// `tags.html`.
    Tags {
        /// Every tag.
        tags: Vec<TagView<'a>>,
    },
    /// `week_email.html`.
    Email {
        /// The week's recap.
        week: WeekView<'a>,
    },
    /// `feed.xml`, `atom.xml` and `feed.json`.
    Feed {
        /// The feed.
        feed: FeedView<'a>,
    },
    /// `sitemap.xml` (one file, or one part).
    Sitemap {
        /// Its URLs.
        urls: &'a [SitemapUrl],
    },
    /// `sitemap_index.xml`.
    SitemapIndex {
        /// Its parts.
        sitemaps: Vec<SitemapUrl>,
    },
    /// `news_sitemap.xml`.
    News {
        /// The articles of the last two days.
        articles: Vec<NewsArticle>,
    },
    /// `robots.txt`.
    Robots {
        /// The sitemaps' URLs.
        sitemaps: Vec<String>,
    },
    /// `categories.html`, `search.html`, `404.html`: `site` and `page` say it all.
    Nothing,
}

/// Values for feeds and sitemaps, built once per build.
pub struct Extra<'a> {
    /// Entries of every feed.
    pub feeds: FeedEntries<'a>,
    /// Every URL the sitemap lists.
    pub sitemap: Vec<SitemapUrl>,
}

/// What the context of every page is built from.
#[derive(Clone, Copy)]
pub struct Inputs<'s, 'a> {
    /// The site.
    pub site: &'a Site,
    /// The views pages share.
    pub shared: &'s Shared<'a>,
    /// The theme's words.
    pub strings: &'a Strings,
    /// Feed entries and sitemap URLs.
    pub extra: &'a Extra<'a>,
}

impl<'a> Inputs<'_, 'a> {
    /// The context of a page readers browse.
    pub fn browsed(&self, page: PageView, shows: Shows<'a>) -> PageContext<'a> {
        PageContext { site: self.shared.site.clone(), page: Some(page), shows }
    }

    /// The context of a file made for programs (a feed, a sitemap) or mail.
    pub fn machine(&self, shows: Shows<'a>) -> PageContext<'a> {
        PageContext { site: self.shared.site.clone(), page: None, shows }
    }

    /// The `page` view of `page`, with the site's feeds.
    pub fn page_view(&self, page: Page, kind: &'static str, title: String, description: String) -> PageView {
        let (site, config) = (self.site, &self.site.config);
        let path = page.path(site);
        PageView {
            kind,
            title,
            description,
            url: config.base_url.url(&path),
            permalink: config.base_url.permalink(&path),
            feeds: feeds::feed_links(FeedScope::Site, site, self.strings),
            image: None,
            image_width: None,
            image_height: None,
            json_ld: None,
            language: config.language.clone(),
        }
    }

    /// Page `number` of a list of articles whose first page is at `base`:
    /// its summaries and its paginator.
    pub fn list(&self, base: &str, indices: &[usize], number: usize) -> (Vec<SharedValue<'a>>, Paginator) {
        let config = &self.site.config;
        let slice = &indices[page_range(indices.len(), config.per_page, number)];
        (self.shared.summaries_of(slice), paginator(config, base, indices.len(), number))
    }

    /// A list page's title: the title, and the page's number past the first.
    pub fn numbered(&self, title: &str, number: usize) -> String {
        if number > 1 {
            self.strings.fill("pagination.title", &[("title", title), ("number", &number.to_string())])
        } else {
            title.to_string()
        }
    }
}
