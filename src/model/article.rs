//! One article as pages show it ([`Article`]), and what checks need to know
//! about it besides ([`Provenance`]). Both are serializable, so that the
//! build cache can keep an article between builds.

use std::collections::HashSet;
use std::path::PathBuf;

use indexmap::IndexMap;

use super::links::FoundLink;
use crate::content::credits::Credits;
use crate::content::frontmatter::{Confidence, Correction, Image, Section, Source, Table};
use crate::dates::{IsoWeek, Moment, PartialDate};
use crate::error::Diagnostic;
use crate::markdown::RenderedBody;

/// One visible article, rendered: everything its pages show.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// Its slug.
    pub slug: String,
    /// Its page's output path below the base URL, e.g. `articles/fab/`.
    pub path: String,
    /// The headline.
    pub title: String,
    /// Published.
    pub date: Moment,
    /// Last updated: the later of `updated` and the newest correction.
    pub updated: Option<Moment>,
    /// A draft shown because of `--drafts`.
    pub draft: bool,
    /// The one-line hook: `summary`, or the body's first paragraph.
    pub hook: String,
    /// True when the hook is the body's first paragraph (no `summary`).
    pub hook_is_excerpt: bool,
    /// Index into `config.categories`.
    pub category: Option<usize>,
    /// Indices into `Site::tags`, in the order the editor wrote them.
    pub tags: Vec<usize>,
    /// The BCP 47 tag of its language when it is not the site's (see
    /// [`Article::language`]).
    pub language: Option<String>,
    /// Who should care.
    pub audience: Vec<String>,
    /// The original report.
    pub source: Option<Source>,
    /// TL;DR parts as inline HTML.
    pub tldr: Option<TldrHtml>,
    /// Takeaways as inline HTML.
    pub takeaways: Vec<String>,
    /// Comparison tables (plain text cells).
    pub tables: Vec<Table>,
    /// Deep-dive items as inline HTML.
    pub deep_dive: Vec<String>,
    /// Predictions as inline HTML.
    pub implications: Vec<ImplicationHtml>,
    /// Timeline in date order, events as inline HTML.
    pub timeline: Vec<TimelineItem>,
    /// Story key.
    pub story: Option<String>,
    /// The byline, how it was made and who reviewed it.
    pub credits: Credits,
    /// Lead image.
    pub image: Option<Image>,
    /// Every image it uses on this site (its lead image first, if local,
    /// then those of its body), with where each leads.
    pub images: Vec<crate::images::Use>,
    /// Correction notes, oldest first.
    pub corrections: Vec<Correction>,
    /// Sections labelled as machine-written.
    pub ai_generated: Vec<Section>,
    /// Free-form values for themes.
    #[serde(with = "yaml_text")]
    pub extra: IndexMap<String, serde_yaml::Value>,
    /// The rendered body.
    pub body: RenderedBody,
    /// The ISO week it belongs to, in the site's time zone.
    pub week: IsoWeek,
}

impl Article {
    /// The BCP 47 tag of the language it is written in: its own
    /// `language:`, else the site's.
    pub fn language<'a>(&'a self, config: &'a crate::config::Config) -> &'a str {
        self.language.as_deref().unwrap_or(&config.language)
    }
}

/// Where an article comes from, and what the checks that follow assembly
/// need to know about it: no page shows any of it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    /// Its file, relative to the site root.
    pub file: PathBuf,
    /// Internal links written in the body and fields.
    pub links: Vec<FoundLink>,
    /// Element ids of the body, for checking `#anchor` links.
    pub ids: HashSet<String>,
    /// Problems found in its file that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// The TL;DR, rendered.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TldrHtml {
    /// What changed.
    pub what_changed: Option<String>,
    /// Why it matters.
    pub why_it_matters: Option<String>,
    /// What to do next.
    pub what_to_do: Option<String>,
}

/// A prediction, rendered.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ImplicationHtml {
    /// What will happen.
    pub prediction: String,
    /// Why.
    pub rationale: Option<String>,
    /// How sure.
    pub confidence: Option<Confidence>,
}

/// A timeline entry, rendered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TimelineItem {
    /// When.
    pub date: PartialDate,
    /// What happened, as inline HTML.
    pub event: String,
}

/// Serde for `extra` (free-form YAML values): as YAML text, since the
/// build cache's compact format cannot hold values of unknown shape.
mod yaml_text {
    use indexmap::IndexMap;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the values as one YAML document.
    pub fn serialize<S: Serializer>(value: &IndexMap<String, serde_yaml::Value>, s: S) -> Result<S::Ok, S::Error> {
        let text = if value.is_empty() {
            String::new()
        } else {
            serde_yaml::to_string(value).map_err(serde::ser::Error::custom)?
        };
        s.serialize_str(&text)
    }

    /// Reads them back.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<IndexMap<String, serde_yaml::Value>, D::Error> {
        let text = String::deserialize(d)?;
        if text.is_empty() {
            return Ok(IndexMap::new());
        }
        serde_yaml::from_str(&text).map_err(serde::de::Error::custom)
    }
}
