//! Advice `newsprint check` gives that never stops a build.

use std::path::Path;

use crate::content::locate::Step;
use crate::content::position_of;
use crate::error::Diagnostic;
use crate::model::Site;

/// Dates written without an offset, when site.toml names no time zone: they
/// are read as UTC, which is rarely what an editor outside London means.
pub fn dates_without_offset(root: &Path, site: &Site) -> Vec<Diagnostic> {
    if site.config.timezone_set {
        return Vec::new();
    }
    site.articles
        .iter()
        .filter(|a| !a.date.explicit_offset)
        .map(|a| {
            Diagnostic::new(
                &a.source_path,
                "`date` has no UTC offset and site.toml sets no `timezone`, so it is read as UTC",
            )
            .at_opt(position_of(root, &a.source_path, &[Step::Key("date")]))
            .hint("add an offset (2026-11-23T09:40:00+08:00) or set timezone = \"…\" in site.toml")
        })
        .collect()
}

/// Articles that an AI model wrote some of (`made: ai-generated` or
/// `ai-assisted`, or sections in `ai_generated`) and that name no reviewer:
/// the EU AI Act (Article 50(4)) asks such text, published to inform the
/// public, to be labelled as machine-made unless a person reviewed it and
/// holds editorial responsibility for it. The label is on the page either
/// way; naming the reviewer is what the law looks for.
pub fn machine_written_without_reviewer(root: &Path, site: &Site) -> Vec<Diagnostic> {
    site.articles
        .iter()
        .filter(|a| a.credits.machine_written() && a.credits.reviewed_by.is_none())
        .map(|a| {
            let made = a.credits.made.map_or("", |m| m.key());
            let at = position_of(root, &a.source_path, &[Step::Key("made")])
                .or_else(|| position_of(root, &a.source_path, &[Step::Key("ai_generated")]));
            Diagnostic::new(
                &a.source_path,
                format!("this article is machine-written (`made: {made}`) but names no reviewer"),
            )
            .at_opt(at)
            .hint(
                "add `reviewed_by:` with the author key of the editor who checked it: under the EU AI Act \
                 (Article 50), machine-written news needs a person who reviewed it and answers for it",
            )
        })
        .collect()
}
