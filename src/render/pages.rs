//! Rendering the plan: every page whose key (its template and context)
//! differs from what the output holds is rendered, in parallel, through
//! its typed context, and handed to a [`Sink`]. The keys of article and
//! list pages are memoized by the keys of their inputs, so an unchanged
//! page is not even built.

use rayon::prelude::*;

use super::context::{self, Extra, Inputs, PageContext};
use super::feeds::{self, FeedEntries};
use super::plan::{Page, sitemap_urls};
use super::theme::Theme;
use super::views::{self, Shared, page_range};
use crate::error::{Diagnostic, Error, Result};
use crate::hash::{Key, KeyBuilder, Memo};
use crate::model::Site;
use crate::paths::file_for;
use crate::progress::Progress;

/// Where rendered files go.
pub trait Sink: Sync {
    /// True when `path` already holds the content `key` stands for (or was
    /// linked from the live build), so it need not be rendered; records it.
    fn keep(&self, path: &str, key: Key) -> bool;
    /// Writes one output file; `path` is relative (`articles/x/index.html`).
    fn put(&self, path: &str, key: Key, bytes: &[u8]) -> Result<()>;
}

/// Throws rendered files away: `newsprint check` renders every page to
/// prove the templates work, and writes nothing.
pub struct Discard;

impl Sink for Discard {
    fn keep(&self, _: &str, _: Key) -> bool {
        false
    }

    fn put(&self, _: &str, _: Key, _: &[u8]) -> Result<()> {
        Ok(())
    }
}

/// What rendering a site's pages reads: everything but where they go.
pub struct Rendering<'a> {
    /// The site.
    pub site: &'a Site,
    /// Its theme.
    pub theme: &'a Theme,
    /// The pages to render, in plan order.
    pub pages: &'a [Page],
    /// HTML added before `</body>` of every HTML page (the dev server's
    /// live-reload script).
    pub inject: Option<&'a str>,
    /// The keys of the views pages are made of.
    pub keys: &'a views::Keys,
    /// Page keys by the keys of their inputs.
    pub memo: &'a Memo,
}

/// Renders and writes every page of the plan whose key (its template and
/// context) differs from what `out` already holds; returns how many pages
/// it rendered. The keys of article and list pages are memoized, so an
/// unchanged page is not even built.
pub fn render_pages(rendering: &Rendering<'_>, out: &dyn Sink, progress: &dyn Progress) -> Result<usize> {
    let Rendering { site, theme, pages, inject, keys, memo } = *rendering;
    progress.stage("Rendering", pages.len());
    let shared = Shared::new(site, &theme.strings, keys, memo);
    let extra = Extra { feeds: FeedEntries::new(site, &theme.strings, keys, memo), sitemap: sitemap_urls(site, pages) };
    let built_from = Inputs { site, shared: &shared, strings: &theme.strings, extra: &extra };
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
                    let context = page_context(&built_from, page);
                    assert_eq!(key, page_key(&context), "memoized key of /{file} is stale: an input is missing");
                }
                progress.advance(1);
                return None;
            }
            let context = page_context(&built_from, page);
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
    if failures.is_empty() {
        return Ok(rendered.into_inner());
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
fn summarize_failures(site: &Site, failures: Vec<(Page, Error)>) -> Result<usize> {
    let mut distinct: Vec<(Diagnostic, Page, usize)> = Vec::new();
    for (page, error) in failures {
        let Error::Invalid(found) = error else { return Err(error) };
        for diagnostic in found {
            match distinct.iter_mut().find(|(d, ..)| {
                (&d.origin, d.line, d.column, &d.message)
                    == (&diagnostic.origin, diagnostic.line, diagnostic.column, &diagnostic.message)
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

/// The context of a page, built by the module of its kind.
fn page_context<'a>(inputs: &Inputs<'_, 'a>, page: Page) -> PageContext<'a> {
    use context::{article, indexes, lists, machine, stories, weeks};
    match page {
        Page::Home(number) => lists::home(inputs, number),
        Page::Category(c, number) => lists::category(inputs, c, number),
        Page::Tag(t, number) => lists::tag(inputs, t, number),
        Page::Author(a, number) => lists::author(inputs, a, number),
        Page::Article(i) => article::article(inputs, i),
        Page::Week(w) => weeks::week(inputs, w),
        Page::WeekEmail(w) => weeks::email(inputs, w),
        Page::Weeks => weeks::weeks(inputs),
        Page::Story(s) => stories::story(inputs, s),
        Page::Stories => stories::stories(inputs),
        Page::Categories => indexes::categories(inputs),
        Page::Tags => indexes::tags(inputs),
        Page::Search => indexes::search(inputs),
        Page::NotFound => indexes::not_found(inputs),
        Page::Feed(scope, format) => machine::feed(inputs, scope, format),
        Page::Sitemap => machine::sitemap(inputs),
        Page::SitemapPart(n) => machine::sitemap_part(inputs, n),
        Page::SitemapIndex => machine::sitemap_index(inputs),
        Page::NewsSitemap => machine::news(inputs),
        Page::Robots => machine::robots(inputs),
    }
}
