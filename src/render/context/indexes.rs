//! Contexts of the pages that show the site's own lists or nothing of
//! their own: categories, tags, search and not found.

use super::page::{Inputs, PageContext, Shows};
use crate::render::plan::Page;
use crate::render::views;

/// The index of categories (they are in `site`).
pub fn categories<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let strings = inputs.strings;
    let title = strings.get("category.index_title").into();
    let description = strings.fill("category.index_description", &[("site", inputs.site.config.title.as_str())]);
    inputs.browsed(inputs.page_view(Page::Categories, "categories", title, description), Shows::Nothing)
}

/// The index of tags.
pub fn tags<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let (site, strings) = (inputs.site, inputs.strings);
    let title = strings.get("tag.index_title").into();
    let description = strings.fill("tag.index_description", &[("site", site.config.title.as_str())]);
    let page = inputs.page_view(Page::Tags, "tags", title, description);
    inputs.browsed(page, Shows::Tags { tags: (0..site.tags.len()).map(|t| views::tag_view(site, t)).collect() })
}

/// The search page.
pub fn search<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let strings = inputs.strings;
    let title = strings.get("search.title").into();
    let description = strings.fill("search.description", &[("site", inputs.site.config.title.as_str())]);
    inputs.browsed(inputs.page_view(Page::Search, "search", title, description), Shows::Nothing)
}

/// The not-found page.
pub fn not_found<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let strings = inputs.strings;
    let (title, description) = (strings.get("not_found.title").into(), strings.get("not_found.description").into());
    inputs.browsed(inputs.page_view(Page::NotFound, "not_found", title, description), Shows::Nothing)
}
