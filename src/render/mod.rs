//! Rendering: a plan of every page of the site (its kind, template and output
//! path), then each page rendered independently, in parallel, from the
//! immutable model through its typed context. Later stages (feeds, sitemap,
//! search) add their own entries to the same plan.

pub mod theme;
pub mod views;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::error::{Diagnostic, Error, Result};
use crate::model::Site;
use crate::output::{Staging, file_for};
use theme::Theme;
use views::{
    ArticleLink, ArticleView, CategoryView, PageView, Paginator, Shared, TagView, WeekRef, WeekView, category_path,
    page_count, page_path, paginator, tag_path, week_path,
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
    /// The not-found page.
    NotFound,
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
            Page::NotFound => "404.html",
        }
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
            Page::NotFound => "404.html".into(),
        }
    }

    /// What produced the page, for errors about clashing output paths.
    fn origin(self, site: &Site) -> String {
        match self {
            Page::Article(i) => site.articles[i].source_path.display().to_string(),
            Page::Week(i) => format!("the recap page of {}", site.weeks[i].week),
            Page::Category(c, _) => format!("the page of category `{}`", site.config.categories[c].key),
            Page::Tag(t, _) => format!("the page of tag `{}`", site.tags[t].name),
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
    pages.push(Page::Weeks);
    for (c, list) in site.categories.iter().enumerate() {
        pages.extend((1..=page_count(list.articles.len(), per_page)).map(|n| Page::Category(c, n)));
    }
    pages.push(Page::Categories);
    for (t, tag) in site.tags.iter().enumerate() {
        pages.extend((1..=page_count(tag.articles.len(), per_page)).map(|n| Page::Tag(t, n)));
    }
    pages.push(Page::Tags);
    pages.push(Page::NotFound);
    pages
}

/// Refuses a plan in which two outputs (pages or static files) would be
/// written to the same file, naming both.
pub fn check_collisions(site: &Site, pages: &[Page], static_files: &BTreeMap<String, PathBuf>) -> Result<()> {
    let mut owners: HashMap<String, Page> = HashMap::with_capacity(pages.len());
    let mut clashes = Vec::new();
    for &page in pages {
        let file = file_for(&page.path(site));
        if let Some(source) = static_files.get(&file) {
            clashes.push(clash(&page.origin(site), &source.display().to_string(), &file));
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

/// Renders and writes every page of the plan; returns how many were written.
pub fn render_pages(site: &Site, theme: &Theme, pages: &[Page], out: &Staging) -> Result<usize> {
    let shared = Shared::new(site);
    let failures: Vec<(Page, Error)> = pages
        .par_iter()
        .filter_map(|&page| {
            let written = render_page(site, theme, &shared, page)
                .and_then(|html| out.write(&file_for(&page.path(site)), html.as_bytes()));
            written.err().map(|e| (page, e))
        })
        .collect();
    if failures.is_empty() {
        return Ok(pages.len());
    }
    summarize_failures(site, failures)
}

/// One template mistake usually breaks many pages: report each distinct
/// problem once, with the first page it broke and how many others.
fn summarize_failures(site: &Site, failures: Vec<(Page, Error)>) -> Result<usize> {
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

/// Renders one page to HTML.
pub fn render_page(site: &Site, theme: &Theme, shared: &Shared, page: Page) -> Result<String> {
    let context = context(site, shared, page);
    theme.tera.render(page.template(), &context).map_err(|e| Error::Invalid(theme.diagnose(&e)))
}

fn context(site: &Site, shared: &Shared, page: Page) -> Context {
    let config = &site.config;
    let path = page.path(site);
    let page_view = |kind: &'static str, title: String, description: String| PageView {
        kind,
        title,
        description,
        url: config.base_url.url(&path),
        permalink: config.base_url.permalink(&path),
    };
    let site_value = shared.site.clone();
    let list = |base: &str, indices: &[usize], number: usize| {
        let slice = &indices[page_range(indices.len(), config.per_page, number)];
        (shared.summaries_of(slice), paginator(config, base, indices.len(), number))
    };
    let numbered =
        |title: &str, number: usize| if number > 1 { format!("{title} (page {number})") } else { title.to_string() };
    match page {
        Page::Home(number) => {
            let range = page_range(site.articles.len(), config.per_page, number);
            let articles = shared.summaries[range].to_vec();
            let paginator = paginator(config, "", site.articles.len(), number);
            to_context(&ListContext {
                site: site_value,
                page: page_view("home", numbered(&config.title, number), config.description.clone()),
                articles,
                paginator,
            })
        }
        Page::Article(i) => {
            let article = &site.articles[i];
            to_context(&ArticleContext {
                site: site_value,
                page: page_view("article", article.title.clone(), article.hook.clone()),
                article: views::article(article, site),
                previous: site.articles.get(i + 1).map(|a| views::article_link(a, config)),
                next: i.checked_sub(1).map(|n| views::article_link(&site.articles[n], config)),
            })
        }
        Page::Week(w) => {
            let week = views::week(&site.weeks[w], site, shared);
            let description = format!("{} articles from {}.", week.count, week.week.range);
            to_context(&WeekContext {
                site: site_value,
                page: page_view("week", week.title.clone(), description),
                week,
                previous: site.weeks.get(w + 1).map(|x| views::week_ref(x.week, config)),
                next: w.checked_sub(1).map(|n| views::week_ref(site.weeks[n].week, config)),
            })
        }
        Page::Weeks => {
            let weeks: Vec<WeekView> = site.weeks.iter().map(|w| views::week_card(w, site)).collect();
            to_context(&WeeksContext {
                site: site_value,
                page: page_view("weeks", "Weekly recaps".into(), format!("Every week of {}.", config.title)),
                weeks,
            })
        }
        Page::Category(c, number) => {
            let category = views::category_view(site, c);
            let (articles, paginator) = list(&category_path(category.key), &site.categories[c].articles, number);
            to_context(&CategoryContext {
                site: site_value,
                page: page_view(
                    "category",
                    numbered(category.label, number),
                    format!("{} articles in {}.", category.count, category.label),
                ),
                category,
                articles,
                paginator,
            })
        }
        Page::Categories => to_context(&IndexContext {
            site: site_value,
            page: page_view("categories", "Categories".into(), format!("Every category of {}.", config.title)),
        }),
        Page::Tag(t, number) => {
            let tag = views::tag_view(site, t);
            let (articles, paginator) = list(&tag_path(tag.key), &site.tags[t].articles, number);
            to_context(&TagContext {
                site: site_value,
                page: page_view(
                    "tag",
                    numbered(&format!("Tagged “{}”", tag.name), number),
                    format!("{} articles tagged {}.", tag.count, tag.name),
                ),
                tag,
                articles,
                paginator,
            })
        }
        Page::Tags => to_context(&TagsContext {
            site: site_value,
            page: page_view("tags", "Tags".into(), format!("Every tag of {}.", config.title)),
            tags: (0..site.tags.len()).map(|t| views::tag_view(site, t)).collect(),
        }),
        Page::NotFound => to_context(&IndexContext {
            site: site_value,
            page: page_view("not_found", "Page not found".into(), "There is no page at this address.".into()),
        }),
    }
}

/// The items of page `number` (from 1) of a list of `len` items.
fn page_range(len: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    let start = ((number - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

fn to_context<T: Serialize>(value: &T) -> Context {
    Context::from_serialize(value).expect("page contexts are structs")
}

/// Context of `index.html`.
#[derive(Serialize)]
struct ListContext {
    site: Value,
    page: PageView,
    articles: Vec<Value>,
    paginator: Paginator,
}

/// Context of `article.html`.
#[derive(Serialize)]
struct ArticleContext<'a> {
    site: Value,
    page: PageView,
    article: ArticleView<'a>,
    previous: Option<ArticleLink<'a>>,
    next: Option<ArticleLink<'a>>,
}

/// Context of `week.html`.
#[derive(Serialize)]
struct WeekContext {
    site: Value,
    page: PageView,
    week: WeekView,
    previous: Option<WeekRef>,
    next: Option<WeekRef>,
}

/// Context of `weeks.html`.
#[derive(Serialize)]
struct WeeksContext {
    site: Value,
    page: PageView,
    weeks: Vec<WeekView>,
}

/// Context of `category.html`.
#[derive(Serialize)]
struct CategoryContext<'a> {
    site: Value,
    page: PageView,
    category: CategoryView<'a>,
    articles: Vec<Value>,
    paginator: Paginator,
}

/// Context of `tag.html`.
#[derive(Serialize)]
struct TagContext<'a> {
    site: Value,
    page: PageView,
    tag: TagView<'a>,
    articles: Vec<Value>,
    paginator: Paginator,
}

/// Context of `tags.html`.
#[derive(Serialize)]
struct TagsContext<'a> {
    site: Value,
    page: PageView,
    tags: Vec<TagView<'a>>,
}

/// Context of `categories.html` and `404.html` (categories are in `site`).
#[derive(Serialize)]
struct IndexContext {
    site: Value,
    page: PageView,
}
