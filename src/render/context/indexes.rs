//! Contexts of the pages that show the site's own lists or nothing of
//! their own: categories, tags, search and not found.

use super::page::{Inputs, PageContext, Shows};
use crate::render::plan::Page;
use crate::render::views;

/// The index of categories (they are in `site`).
pub fn categories<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    of_the_site(
        inputs,
        (Page::Categories, "categories"),
        ("category.index_title", "category.index_description"),
        Shows::Nothing,
    )
}

/// The index of tags.
pub fn tags<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let site = inputs.site;
    let tags = (0..site.tags.len()).map(|t| views::tag_view(site, t)).collect();
    of_the_site(inputs, (Page::Tags, "tags"), ("tag.index_title", "tag.index_description"), Shows::Tags { tags })
}

/// The search page.
pub fn search<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    of_the_site(inputs, (Page::Search, "search"), ("search.title", "search.description"), Shows::Nothing)
}

/// A page about the site as a whole: its title is the string `title`, its
/// description the string `description` with the site's name in it.
fn of_the_site<'a>(
    inputs: &Inputs<'_, 'a>,
    (page, kind): (Page, &'static str),
    (title, description): (&str, &str),
    shows: Shows<'a>,
) -> PageContext<'a> {
    let strings = inputs.strings;
    let site = [("site", inputs.site.config.title.as_str())];
    let (title, description) = (strings.get(title).into(), strings.fill(description, &site));
    inputs.browsed(inputs.page_view(page, kind, title, description), shows)
}

/// The not-found page.
pub fn not_found<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let strings = inputs.strings;
    let (title, description) = (strings.get("not_found.title").into(), strings.get("not_found.description").into());
    inputs.browsed(inputs.page_view(Page::NotFound, "not_found", title, description), Shows::Nothing)
}
