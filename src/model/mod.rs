//! The typed site, built in two phases from what `content` read.
//!
//! 1. **Placement** ([`placement`]) works on each article's [`Outline`]
//!    only: which articles are published, their slugs, pages and ISO weeks,
//!    and where every content file's links lead.
//! 2. **Assembly** ([`assembly`]) renders each article's Markdown with its
//!    links resolved ([`assemble_article`]), then builds the site around the
//!    articles ([`assemble_site`]): tags and categories, stories, weeks with
//!    their recap notes; [`related`] lists come last, in a pass of their own.
//!
//! Rules that need the whole site live here: duplicate slugs, `related` and
//! `highlights` picks that name no article, highlights from another week,
//! links that lead nowhere. The site is built from every file that could be
//! read, whatever problems the others have, so all of them are found in one
//! run. The model never reads a file: a problem with a front-matter value
//! points at the value, and the reporter finds its line.
//!
//! Its modules import each other in one direction: `outline`, `links` and
//! `article` first, then `placement`, `taxonomy` and `stories`, then `site`,
//! `related` and `assembly`; this module only names what they export.

pub mod article;
pub mod assembly;
pub mod authors;
pub mod links;
pub mod outline;
pub mod placement;
pub mod related;
pub mod site;
pub mod stories;
pub mod taxonomy;

pub use article::{Article, ImplicationHtml, Provenance, TimelineItem, TldrHtml};
pub use assembly::{Articles, Assembled, Parts, assemble_article, assemble_site};
pub use outline::Outline;
pub use placement::{LeftOut, Place, Placed, Placement, Visibility, place};
pub use site::{Site, Week, WeekNote};
pub use stories::{Story, StoryNote, TimelineStep};
pub use taxonomy::{CategoryArticles, Tag};
