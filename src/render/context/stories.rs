//! Contexts of a story's page and the index of stories.

use super::page::{Inputs, PageContext, Shows};
use crate::render::plan::Page;
use crate::render::views;

/// The page of story `s` (an index into `site.stories`).
pub fn story<'a>(inputs: &Inputs<'_, 'a>, s: usize) -> PageContext<'a> {
    let (site, strings) = (inputs.site, inputs.strings);
    let story = &site.stories[s];
    let view = views::story(story, site, None, strings);
    let description = strings.count("story.description", view.count as i64, &[("date", &view.since.display)]);
    let page = inputs.page_view(Page::Story(s), "story", view.title.to_string(), description);
    inputs.browsed(page, Shows::Story { story: view, articles: inputs.shared.summaries_of(&story.articles) })
}

/// The index of stories, the one with the newest article first.
pub fn stories<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let (site, strings) = (inputs.site, inputs.strings);
    let mut order: Vec<usize> = (0..site.stories.len()).collect();
    order.sort_by_key(|&s| site.stories[s].articles[0]);
    let title = strings.get("stories.title").into();
    let description = strings.fill("stories.description", &[("site", site.config.title.as_str())]);
    let page = inputs.page_view(Page::Stories, "stories", title, description);
    let stories = order.into_iter().map(|s| views::story(&site.stories[s], site, None, strings)).collect();
    inputs.browsed(page, Shows::Stories { stories })
}
