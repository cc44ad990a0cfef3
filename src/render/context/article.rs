//! The context of an article's page.

use super::page::{Inputs, PageContext, Shows};
use crate::render::feeds;
use crate::render::plan::Page;
use crate::render::views;

/// The page of article `i`.
pub fn article<'a>(inputs: &Inputs<'_, 'a>, i: usize) -> PageContext<'a> {
    let (site, config, strings) = (inputs.site, &inputs.site.config, inputs.strings);
    let article = &site.articles[i];
    let mut page = inputs.page_view(Page::Article(i), "article", article.title.clone(), article.hook.clone());
    if let Some((url, size)) = views::social_image(article, site) {
        page.image = Some(url);
        page.image_width = size.map(|s| s.0);
        page.image_height = size.map(|s| s.1);
    }
    page.json_ld = Some(feeds::article_json_ld(article, site, strings));
    page.language = article.language(config).to_string();
    let mut view = views::article(article, site, strings);
    view.related = inputs.shared.summaries_of(&site.related[i]);
    let previous = site.articles.get(i + 1).map(|a| views::article_link(a, config, strings));
    let next = i.checked_sub(1).map(|n| views::article_link(&site.articles[n], config, strings));
    inputs.browsed(page, Shows::Article { article: view, previous, next })
}
