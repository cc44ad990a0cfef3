//! Advice `newsprint check` gives that never stops a build.

use crate::error::{Diagnostic, Step};
use crate::model::Site;

/// Dates written without an offset, when site.toml names no time zone: they
/// are read as UTC, which is rarely what an editor outside London means.
pub fn dates_without_offset(site: &Site) -> Vec<Diagnostic> {
    if site.config.timezone_set {
        return Vec::new();
    }
    site.articles
        .iter()
        .zip(&site.provenance)
        .filter(|(a, _)| !a.date.explicit_offset)
        .map(|(_, p)| {
            Diagnostic::new(&p.file, "`date` has no UTC offset and site.toml sets no `timezone`, so it is read as UTC")
                .at_field(&[Step::Key("date")])
                .hint("add an offset (2026-11-23T09:40:00+08:00) or set timezone = \"…\" in site.toml")
        })
        .collect()
}
