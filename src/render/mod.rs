//! Rendering: a plan of every page of the site (its kind, template and
//! output path), then each page rendered independently, in parallel, from
//! the immutable model through its typed context.
//!
//! Its modules import each other in one direction: `strings`, then
//! `jsonld` (structured data) and `theme`, `credits`, `views` (the views
//! pages are made of), `authors`, `feeds` (feeds, sitemaps, JSON-LD of
//! pages), `plan`, `context` (one module per page kind), and `pages`
//! (rendering, with the page keys); this module only names what they export.

pub mod authors;
pub mod context;
pub mod credits;
pub mod feeds;
pub mod jsonld;
pub mod pages;
pub mod plan;
pub mod strings;
pub mod theme;
pub mod views;

pub use context::PageContext;
pub use pages::{Discard, Rendering, Sink, render_pages};
pub use plan::{Page, check_collisions, plan};
