//! Contexts of the pages of lists of articles: the home page, a category,
//! a tag and an author, each paginated.

use super::page::{Inputs, PageContext, Shows};
use crate::paths::{self, category_path, tag_path};
use crate::render::authors;
use crate::render::feeds::{self, FeedScope};
use crate::render::jsonld;
use crate::render::plan::Page;
use crate::render::views::{self, page_range, paginator};

/// Page `number` of the home page.
pub fn home<'a>(inputs: &Inputs<'_, 'a>, number: usize) -> PageContext<'a> {
    let (site, config) = (inputs.site, &inputs.site.config);
    let range = page_range(site.articles.len(), config.per_page, number);
    let articles = inputs.shared.summaries[range].to_vec();
    let paginator = paginator(config, paths::HOME, site.articles.len(), number);
    let title = inputs.numbered(&config.title, number);
    let page = inputs.page_view(Page::Home(number), "home", title, config.description.clone());
    inputs.browsed(page, Shows::Home { articles, paginator })
}

/// Page `number` of category `c`.
pub fn category<'a>(inputs: &Inputs<'_, 'a>, c: usize, number: usize) -> PageContext<'a> {
    let (site, strings) = (inputs.site, inputs.strings);
    let category = views::category_view(site, c);
    let (articles, paginator) = inputs.list(&category_path(category.key), &site.categories[c].articles, number);
    let description = strings.count("category.description", category.count as i64, &[("category", category.label)]);
    let title = inputs.numbered(category.label, number);
    let mut page = inputs.page_view(Page::Category(c, number), "category", title, description);
    page.feeds.extend(feeds::feed_links(FeedScope::Category(c), site, strings));
    inputs.browsed(page, Shows::Category { category, articles, paginator })
}

/// Page `number` of tag `t`.
pub fn tag<'a>(inputs: &Inputs<'_, 'a>, t: usize, number: usize) -> PageContext<'a> {
    let (site, strings) = (inputs.site, inputs.strings);
    let tag = views::tag_view(site, t);
    let (articles, paginator) = inputs.list(&tag_path(tag.key), &site.tags[t].articles, number);
    let description = strings.count("tag.description", tag.count as i64, &[("tag", tag.name)]);
    let title = inputs.numbered(&strings.fill("tag.title", &[("tag", tag.name)]), number);
    let mut page = inputs.page_view(Page::Tag(t, number), "tag", title, description);
    page.feeds.extend(feeds::feed_links(FeedScope::Tag(t), site, strings));
    inputs.browsed(page, Shows::Tag { tag, articles, paginator })
}

/// Page `number` of author `a` (an index into `config.authors`).
pub fn author<'a>(inputs: &Inputs<'_, 'a>, a: usize, number: usize) -> PageContext<'a> {
    let (site, config, strings) = (inputs.site, &inputs.site.config, inputs.strings);
    let author = authors::author_view(site, a, strings);
    let (articles, paginator) = inputs.list(&paths::author_path(author.key), &site.authors[a].articles, number);
    let description = match author.bio {
        Some(bio) => bio.to_string(),
        None => strings.fill("author.description", &[("name", author.name), ("site", &config.title)]),
    };
    let title = inputs.numbered(author.name, number);
    let mut page = inputs.page_view(Page::Author(a, number), "author", title, description);
    page.feeds.extend(feeds::feed_links(FeedScope::Author(a), site, strings));
    page.json_ld = Some(jsonld::profile_page(&config.authors[a], config));
    inputs.browsed(page, Shows::Author { author, articles, paginator })
}
