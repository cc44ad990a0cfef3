//! The schema.org structured data of trust: who wrote and reviewed an
//! article (`Person`s with their author pages), how it was made
//! (`digitalSourceType`, an IPTC URI, on the article and on the sections
//! and lead image that differ), its corrections (`CorrectionComment`s),
//! and the publisher (`NewsMediaOrganization` with its policy pages); and
//! the `ProfilePage` of an author page. The rest of an article's
//! `NewsArticle` is built in [`crate::render::feeds::article_json_ld`], which
//! flattens [`ArticleTrust`] into it.

use serde::Serialize;

use super::strings::Strings;
use crate::config::{Author, Config, Made};
use crate::content::credits::Byline;
use crate::content::frontmatter::Section;
use crate::model::Article;
use crate::paths::author_path;
use crate::render::views::absolute_src;

/// One value, or a list when there are several.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single value.
    One(T),
    /// Several.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    fn of(mut all: Vec<T>) -> Option<OneOrMany<T>> {
        match all.len() {
            0 => None,
            1 => all.pop().map(OneOrMany::One),
            _ => Some(OneOrMany::Many(all)),
        }
    }
}

/// A schema.org `Person` (or, for the site's desk, `Organization`).
#[derive(Debug, Serialize)]
pub struct PersonLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    /// The author's page on this site.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    /// The author's own page and profiles elsewhere.
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<&'a str>,
}

impl<'a> PersonLd<'a> {
    /// A declared author, as an article names them (with the author page).
    fn author(author: &'a Author, config: &Config) -> PersonLd<'a> {
        PersonLd {
            kind: "Person",
            name: &author.name,
            url: Some(config.base_url.permalink(&author_path(&author.key))),
            job_title: author.role.as_deref(),
            description: None,
            image: None,
            same_as: author.url.iter().chain(&author.same_as).map(String::as_str).collect(),
        }
    }

    /// A plain name: a person, or the site's desk.
    fn named(kind: &'static str, name: &'a str) -> PersonLd<'a> {
        PersonLd { kind, name, url: None, job_title: None, description: None, image: None, same_as: Vec::new() }
    }
}

/// A schema.org `ImageObject`, or an image's address.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum ImageLd {
    /// The address alone.
    Url(String),
    /// An image with more to say than its address.
    Object {
        /// `ImageObject`.
        #[serde(rename = "@type")]
        kind: &'static str,
        /// Its address.
        url: String,
        /// How it was made, when it was not captured or drawn by people.
        #[serde(rename = "digitalSourceType", skip_serializing_if = "Option::is_none")]
        digital_source_type: Option<String>,
    },
}

/// The publisher: a schema.org `NewsMediaOrganization`.
#[derive(Debug, Serialize)]
pub struct OrganizationLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageLd>,
    #[serde(rename = "publishingPrinciples", skip_serializing_if = "Option::is_none")]
    publishing_principles: Option<String>,
    #[serde(rename = "correctionsPolicy", skip_serializing_if = "Option::is_none")]
    corrections_policy: Option<String>,
    #[serde(rename = "verificationFactCheckingPolicy", skip_serializing_if = "Option::is_none")]
    verification_fact_checking_policy: Option<String>,
    #[serde(rename = "ethicsPolicy", skip_serializing_if = "Option::is_none")]
    ethics_policy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    masthead: Option<String>,
}

/// The publisher of every article.
pub fn publisher(config: &Config) -> OrganizationLd<'_> {
    let org = &config.organization;
    // A site path becomes an address under the base URL.
    let link = |l: &Option<String>| l.as_deref().map(|l| absolute_src(l, config));
    OrganizationLd {
        kind: "NewsMediaOrganization",
        name: &config.publisher,
        url: org.url.clone().unwrap_or_else(|| config.base_url.permalink("")),
        logo: org.logo.as_deref().map(|src| ImageLd::Object {
            kind: "ImageObject",
            url: absolute_src(src, config),
            digital_source_type: None,
        }),
        publishing_principles: link(&org.policies.publishing_principles),
        corrections_policy: link(&org.policies.corrections),
        verification_fact_checking_policy: link(&org.policies.verification),
        ethics_policy: link(&org.policies.ethics),
        masthead: link(&org.policies.masthead),
    }
}

/// A schema.org `CorrectionComment`.
#[derive(Debug, Serialize)]
pub struct CorrectionLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
    #[serde(rename = "datePublished")]
    date_published: String,
}

/// A part of the page made otherwise than the article as a whole: a
/// schema.org `WebPageElement`, found by its CSS selector.
#[derive(Debug, Serialize)]
pub struct PartLd {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(rename = "cssSelector")]
    css_selector: &'static str,
    #[serde(rename = "digitalSourceType")]
    digital_source_type: String,
}

/// The CSS selector of each section `ai_generated` can label, as the theme
/// marks it (docs/themes.md asks every theme to), and the key of its name.
fn section_selector(section: Section) -> Option<(&'static str, &'static str)> {
    Some(match section {
        Section::Summary => (".hook", "article.summary"),
        Section::Tldr => (".tldr", "article.tldr"),
        Section::Takeaways => (".takeaways", "article.takeaways"),
        Section::Tables => (".tables", "article.comparisons.other"),
        Section::DeepDive => (".deep-dive", "article.deep_dive"),
        Section::Implications => (".implications", "article.implications"),
        Section::Timeline => (".timeline", "article.timeline"),
        Section::Body => (".body", "article.full_story"),
        // The lead image says how it was made itself.
        Section::Image => return None,
    })
}

/// What an article's `NewsArticle` says about who made it and how, and
/// about its corrections and publisher (flattened into it).
#[derive(Debug, Serialize)]
pub struct ArticleTrust<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<OneOrMany<PersonLd<'a>>>,
    /// The reviewer.
    #[serde(skip_serializing_if = "Option::is_none")]
    editor: Option<PersonLd<'a>>,
    publisher: OrganizationLd<'a>,
    #[serde(rename = "digitalSourceType", skip_serializing_if = "Option::is_none")]
    digital_source_type: Option<String>,
    #[serde(rename = "hasPart", skip_serializing_if = "Vec::is_empty")]
    has_part: Vec<PartLd>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<CorrectionLd<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<ImageLd>,
}

/// The trust data of an article, whose lead image is at `images` (its
/// crops, or the image itself).
pub fn article_trust<'a>(
    article: &'a Article,
    config: &'a Config,
    strings: &Strings,
    images: Vec<String>,
) -> ArticleTrust<'a> {
    let machine = Made::AiGenerated.source_type();
    let has_part = match article.credits.made {
        Some(Made::AiGenerated) => Vec::new(),
        _ => article
            .ai_generated
            .iter()
            .filter_map(|&s| section_selector(s))
            .map(|(css_selector, name)| PartLd {
                kind: "WebPageElement",
                name: strings.get(name).to_string(),
                css_selector,
                digital_source_type: machine.clone(),
            })
            .collect(),
    };
    let image_made = article.ai_generated.contains(&Section::Image).then(|| machine.clone());
    let image = images
        .into_iter()
        .map(|url| match &image_made {
            None => ImageLd::Url(url),
            Some(made) => ImageLd::Object { kind: "ImageObject", url, digital_source_type: Some(made.clone()) },
        })
        .collect();
    ArticleTrust {
        author: authors(article, config),
        editor: article
            .credits
            .reviewed_by
            .as_deref()
            .and_then(|key| config.author(key))
            .map(|a| PersonLd::author(a, config)),
        publisher: publisher(config),
        digital_source_type: article.credits.made.map(Made::source_type),
        has_part,
        correction: article
            .corrections
            .iter()
            .map(|c| CorrectionLd { kind: "CorrectionComment", text: &c.text, date_published: c.date.rfc3339() })
            .collect(),
        image,
    }
}

/// The article's authors: declared ones with their pages, plain names as
/// `Person`s; with no byline, the site's default (a declared author, else
/// the desk or the publisher as an `Organization`).
fn authors<'a>(article: &'a Article, config: &'a Config) -> Option<OneOrMany<PersonLd<'a>>> {
    let people: Vec<PersonLd<'a>> = if article.credits.authors.is_empty() {
        let desk = config.author.as_deref();
        match desk.and_then(|key| config.author(key)) {
            Some(author) => vec![PersonLd::author(author, config)],
            None => vec![PersonLd::named("Organization", desk.unwrap_or(&config.publisher))],
        }
    } else {
        article
            .credits
            .authors
            .iter()
            .map(|b| match b {
                Byline::Author(key) => match config.author(key) {
                    Some(author) => PersonLd::author(author, config),
                    None => PersonLd::named("Person", key),
                },
                Byline::Name(name) => PersonLd::named("Person", name),
            })
            .collect()
    };
    OneOrMany::of(people)
}

/// schema.org `ProfilePage` of an author page, whose main entity is the
/// author.
#[derive(Debug, Serialize)]
pub struct ProfilePageLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    name: &'a str,
    #[serde(rename = "mainEntity")]
    main_entity: PersonLd<'a>,
}

/// The JSON-LD of an author page, escaped for a `<script>` element.
pub fn profile_page(author: &Author, config: &Config) -> String {
    let url = config.base_url.permalink(&author_path(&author.key));
    let person = PersonLd {
        description: author.bio.as_deref(),
        image: author.image.as_deref().map(|src| absolute_src(src, config)),
        ..PersonLd::author(author, config)
    };
    script_json(&ProfilePageLd {
        context: "https://schema.org",
        kind: "ProfilePage",
        url,
        name: &author.name,
        main_entity: person,
    })
}

/// Serializes structured data for a `<script>` element: JSON with `<`, `>`,
/// `&` and the two JavaScript line separators escaped, so no value can end
/// the script or start a comment.
pub fn script_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).expect("structured data serializes");
    if !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return json;
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let text =
            script_json(&serde_json::json!({ "headline": "</script><script>alert(1)</script> & \"q\" \u{2028}" }));
        assert_eq!(
            text,
            r#"{"headline":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 \"q\" \u2028"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & \"q\" \u{2028}");
    }
}
