//! Contexts of a week's recap page, its email edition, and the archive of
//! weeks.

use super::page::{Inputs, PageContext, Shows};
use crate::render::feeds::{self, FeedScope};
use crate::render::plan::Page;
use crate::render::views::{self, WeekView};

/// The recap page of week `w` (an index into `site.weeks`).
pub fn week<'a>(inputs: &Inputs<'_, 'a>, w: usize) -> PageContext<'a> {
    let (site, config, strings) = (inputs.site, &inputs.site.config, inputs.strings);
    let week = views::week(&site.weeks[w], site, inputs.shared, strings);
    let description = strings.count("week.description", week.count as i64, &[("range", &week.week.range)]);
    let mut page = inputs.page_view(Page::Week(w), "week", week.title.clone(), description);
    page.feeds.extend(feeds::feed_links(FeedScope::Weeks, site, strings));
    page.json_ld = Some(feeds::week_json_ld(&site.weeks[w], &week.title, site));
    let previous = site.weeks.get(w + 1).map(|x| views::week_ref(x.week, config, strings));
    let next = w.checked_sub(1).map(|n| views::week_ref(site.weeks[n].week, config, strings));
    inputs.browsed(page, Shows::Week { week, previous, next })
}

/// The email edition of week `w`'s recap.
pub fn email<'a>(inputs: &Inputs<'_, 'a>, w: usize) -> PageContext<'a> {
    let site = inputs.site;
    let week = views::week(&site.weeks[w], site, inputs.shared, inputs.strings);
    inputs.machine(Shows::Email { week })
}

/// The archive of weeks.
pub fn weeks<'a>(inputs: &Inputs<'_, 'a>) -> PageContext<'a> {
    let (site, strings) = (inputs.site, inputs.strings);
    let weeks: Vec<WeekView<'a>> = site.weeks.iter().map(|w| views::week_card(w, site, strings)).collect();
    let title = strings.get("weeks.title").into();
    let description = strings.fill("weeks.description", &[("site", site.config.title.as_str())]);
    let mut page = inputs.page_view(Page::Weeks, "weeks", title, description);
    page.feeds.extend(feeds::feed_links(FeedScope::Weeks, site, strings));
    inputs.browsed(page, Shows::Weeks { weeks })
}
