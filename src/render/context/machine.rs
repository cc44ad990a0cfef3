//! Contexts of the files made for programs: feeds, sitemaps and robots.txt.

use super::page::{Inputs, PageContext, Shows};
use crate::paths;
use crate::render::feeds::{self, FeedFormat, FeedScope, SITEMAP_LIMIT, SitemapUrl};
use crate::render::plan::Page;

/// A feed.
pub fn feed<'a>(inputs: &Inputs<'_, 'a>, scope: FeedScope, format: FeedFormat) -> PageContext<'a> {
    let feed = feeds::feed_view(scope, format, inputs.site, &inputs.extra.feeds, inputs.strings);
    inputs.machine(Shows::Feed { feed })
}

/// The one sitemap of a site with few enough URLs.
pub fn sitemap<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    inputs.machine(Shows::Sitemap { urls: &inputs.extra.sitemap })
}

/// Part `n` of the sitemap of a site with many URLs.
pub fn sitemap_part<'a>(inputs: &Inputs<'_, 'a>, n: usize) -> PageContext<'a> {
    let all = &inputs.extra.sitemap;
    let start = n * SITEMAP_LIMIT;
    inputs.machine(Shows::Sitemap { urls: &all[start..(start + SITEMAP_LIMIT).min(all.len())] })
}

/// The index of the sitemap's parts.
pub fn sitemap_index<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let (site, all) = (inputs.site, &inputs.extra.sitemap);
    let sitemaps = (0..all.len().div_ceil(SITEMAP_LIMIT))
        .map(|n| {
            let chunk = &all[n * SITEMAP_LIMIT..((n + 1) * SITEMAP_LIMIT).min(all.len())];
            SitemapUrl {
                loc: site.config.base_url.permalink(&Page::SitemapPart(n).path(site)),
                lastmod: chunk.iter().filter_map(|u| u.lastmod.clone()).max(),
            }
        })
        .collect();
    inputs.machine(Shows::SitemapIndex { sitemaps })
}

/// The news sitemap.
pub fn news<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    inputs.machine(Shows::News { articles: feeds::news_articles(inputs.site) })
}

/// robots.txt.
pub fn robots<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let base_url = &inputs.site.config.base_url;
    let sitemaps = vec![base_url.permalink(paths::SITEMAP), base_url.permalink(paths::NEWS_SITEMAP)];
    inputs.machine(Shows::Robots { sitemaps })
}
