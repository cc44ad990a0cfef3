//! The typed context of every page: what its template sees. One type for
//! all of them ([`PageContext`]): the site's shared values, the page's own
//! (on the pages readers browse), and, flattened beside them, what its kind
//! shows ([`Shows`]). Each kind of page builds its context in a module of
//! its own: [`lists`] (home, category, tag and author pages), [`article`],
//! [`weeks`] (a week's recap, its email and the archive), [`stories`],
//! [`indexes`] (categories, tags, search, not found) and [`machine`]
//! (feeds, sitemaps, robots.txt). [`page`] holds what they share; this
//! module only names what they export.

pub mod article;
pub mod indexes;
pub mod lists;
pub mod machine;
pub mod page;
pub mod stories;
pub mod weeks;

pub use page::{Extra, Inputs, PageContext, Shows};
