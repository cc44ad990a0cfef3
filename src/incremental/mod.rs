//! Reuse between builds: the layer around the stages. A stage takes plain
//! inputs and returns plain outputs and knows nothing of what is reused;
//! this layer is consulted between them and decides.
//!
//! - Reading `content/` ([`load`]): an article file whose record the cache
//!   holds is not parsed again, or even read when its stamp is unchanged.
//! - Between placement and assembly ([`assemble`]): a held article is used
//!   as it is while its page, week and resolved links are unchanged.
//! - Related lists are reused while their inputs' key is unchanged.
//! - Rendering: the keys of views and pages are memoized by the keys of
//!   their inputs ([`crate::hash::Memo`]), so an unchanged page is not even
//!   built, and the output keeps the files whose key is unchanged.
//! - The dev server ([`patch`]): the last build's whole site is kept in
//!   memory, and edits to articles that leave their outline as it was are
//!   patched into it.
//!
//! `newsprint build` keeps the cache on disk ([`store`]), `newsprint serve`
//! in memory. A cache can make a build faster, never different: output is
//! byte for byte what a clean build writes (a test checks this after random
//! edits, with both). Its modules import each other in one direction:
//! `record` and `store`, then `cache`, then the rest; this module only names
//! what they export.

pub mod assemble;
pub mod cache;
pub mod load;
pub mod patch;
pub mod record;
pub mod store;
pub mod write;

pub use cache::{Cache, Prepared};
pub use load::{Input, Read};
pub use store::CACHE_DIR;

use crate::error::Diagnostic;
use crate::images::{self, Images, Mode};
use crate::model::Site;
use crate::options::BuildOptions;
use crate::render::theme::Theme;

/// How a build makes images: with the cache folder, or (`--fresh`) in
/// memory, so an image already made is not made again unless asked.
pub fn image_mode(options: &BuildOptions) -> Mode {
    if options.fresh { Mode::Fresh } else { Mode::Build }
}

/// Runs the images stage over every article of the site, doing what `mode`
/// says: the images and the problems found in them.
pub fn process_images(options: &BuildOptions, site: &Site, theme: &Theme, mode: Mode) -> (Images, Vec<Diagnostic>) {
    let requests: Vec<images::Request<'_>> = site
        .articles
        .iter()
        .zip(&site.provenance)
        .map(|(a, p)| images::Request { article: &p.file, uses: &a.images })
        .collect();
    let inputs = images::Inputs {
        root: &options.root,
        settings: &site.config.images,
        static_files: &theme.static_files,
        folder_files: &site.folder_files,
        trusted: site.config.raw_html == crate::config::RawHtml::Trusted,
        mode,
    };
    images::process(&requests, &inputs)
}
