//! Advice `newsprint check` gives that never stops a build.

use std::path::Path;

use crate::error::{Diagnostic, Step};
use crate::model::Site;
use crate::report;

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

/// Articles that an AI model wrote some of (`made: ai-generated` or
/// `ai-assisted`, or sections in `ai_generated`) and that name no reviewer:
/// the EU AI Act (Article 50(4)) asks such text, published to inform the
/// public, to be labelled as machine-made unless a person reviewed it and
/// holds editorial responsibility for it. The label is on the page either
/// way; naming the reviewer is what the law looks for. Each is placed at
/// `made:`, else at `ai_generated:` (the site's default may be what says it).
pub fn machine_written_without_reviewer(root: &Path, site: &Site) -> Vec<Diagnostic> {
    site.articles
        .iter()
        .zip(&site.provenance)
        .filter(|(a, _)| a.credits.machine_written() && a.credits.reviewed_by.is_none())
        .map(|(a, p)| {
            let made = a.credits.made.map_or("", |m| m.key());
            let diagnostic = Diagnostic::new(
                &p.file,
                format!("this article is machine-written (`made: {made}`) but names no reviewer"),
            )
            .hint(
                "add `reviewed_by:` with the author key of the editor who checked it: under the EU AI Act \
                 (Article 50), machine-written news needs a person who reviewed it and answers for it",
            );
            at_first_field(root, diagnostic, &[&[Step::Key("made")], &[Step::Key("ai_generated")]])
        })
        .collect()
}

/// A diagnostic placed at the first of these front-matter values its file has.
fn at_first_field(root: &Path, diagnostic: Diagnostic, fields: &[&[Step]]) -> Diagnostic {
    let mut placed = [diagnostic];
    for field in fields {
        placed[0].field = Some((*field).into());
        report::place_fields(root, &mut placed);
        if placed[0].line.is_some() {
            break;
        }
    }
    let [diagnostic] = placed;
    diagnostic
}
