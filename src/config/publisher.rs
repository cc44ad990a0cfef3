//! `publisher` in site.toml: a name (`publisher = "Circuit Brief"`), or a
//! `[publisher]` table with the name, the publisher's address and logo, the
//! pages that state its policies, and the rights notice pages show. Every
//! article's structured data names it as a `NewsMediaOrganization`.

use serde::Deserialize;
use toml::Spanned;

use super::CONFIG_FILE;
use crate::error::{Collector, Diagnostic, line_col};

/// `publisher` as written: a name, or a table.
#[derive(Debug)]
pub(super) enum RawPublisher {
    /// `publisher = "Circuit Brief"`.
    Name(String),
    /// `[publisher]`.
    Table(Box<RawPublisherTable>),
}

/// The `[publisher]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPublisherTable {
    name: Option<String>,
    url: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
    publishing_principles: Option<Spanned<String>>,
    corrections_policy: Option<Spanned<String>>,
    verification_policy: Option<Spanned<String>>,
    ethics_policy: Option<Spanned<String>>,
    masthead: Option<Spanned<String>>,
    rights: Option<String>,
}

impl<'de> Deserialize<'de> for RawPublisher {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawPublisher;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the publisher's name, or a [publisher] table")
            }

            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<RawPublisher, E> {
                Ok(RawPublisher::Name(name.to_string()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawPublisher, A::Error> {
                let table = RawPublisherTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawPublisher::Table(Box::new(table)))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// What site.toml says about the publisher besides its name (every part
/// optional; a publisher given by name alone has none of them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Organization {
    /// The publisher's home page (an http(s) address).
    pub url: Option<String>,
    /// Its logo: a site path or an https address.
    pub logo: Option<String>,
    /// The pages that state its policies, each a site path or an http(s)
    /// address.
    pub policies: Policies,
    /// The rights notice every page's footer shows.
    pub rights: Option<String>,
}

/// The publisher's policy pages, as Google News and schema.org's
/// `NewsMediaOrganization` name them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policies {
    /// Its editorial principles (`publishingPrinciples`).
    pub publishing_principles: Option<String>,
    /// How it corrects mistakes (`correctionsPolicy`).
    pub corrections: Option<String>,
    /// How it checks facts (`verificationFactCheckingPolicy`).
    pub verification: Option<String>,
    /// Its code of ethics (`ethicsPolicy`).
    pub ethics: Option<String>,
    /// Who works there (`masthead`).
    pub masthead: Option<String>,
}

/// The hint for a page link that is neither a site path nor an address.
pub(super) const PAGE_LINK_HINT: &str =
    "write a path of this site (\"/about/ethics/\") or a whole address (\"https://example.org/ethics\")";

/// Checks a link to a page: a path of this site or an http(s) address
/// (`None` when blank).
pub(super) fn page_link(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if crate::content::frontmatter::is_site_path(text) || super::authors::web_address(text).is_ok() {
        Ok(Some(text.to_string()))
    } else {
        Err(format!("`{text}` is neither a path of this site nor an http or https address"))
    }
}

/// Validates `publisher`: its name (`None` when not given: the site's
/// title stands in), and the rest.
pub(super) fn validate(raw: Option<RawPublisher>, text: &str, found: &mut Collector) -> (Option<String>, Organization) {
    let table = match raw {
        None => return (None, Organization::default()),
        Some(RawPublisher::Name(name)) => return (Some(name), Organization::default()),
        Some(RawPublisher::Table(table)) => *table,
    };
    let RawPublisherTable {
        name,
        url,
        logo,
        publishing_principles,
        corrections_policy,
        verification_policy,
        ethics_policy,
        masthead,
        rights,
    } = table;
    let here = |span: std::ops::Range<usize>, message: String| {
        Diagnostic::new(CONFIG_FILE, message).at_opt(Some(line_col(text, span.start)))
    };
    let mut page = |value: Option<Spanned<String>>, key: &str| {
        let value = value?;
        match page_link(value.get_ref()) {
            Ok(link) => link,
            Err(message) => {
                found.push(here(value.span(), format!("publisher `{key}`: {message}")).hint(PAGE_LINK_HINT));
                None
            }
        }
    };
    let policies = Policies {
        publishing_principles: page(publishing_principles, "publishing_principles"),
        corrections: page(corrections_policy, "corrections_policy"),
        verification: page(verification_policy, "verification_policy"),
        ethics: page(ethics_policy, "ethics_policy"),
        masthead: page(masthead, "masthead"),
    };
    let url = url.and_then(|u| match super::authors::web_address(u.get_ref()) {
        Ok(()) => Some(u.into_inner()),
        Err(message) => {
            found.push(
                here(u.span(), format!("publisher `url`: {message}"))
                    .hint("give the publisher's home page, e.g. url = \"https://example.org\""),
            );
            None
        }
    });
    let logo = logo.and_then(|src| {
        let usable = crate::content::frontmatter::is_site_path(src.get_ref())
            || (src.get_ref().starts_with("https://") && super::authors::web_address(src.get_ref()).is_ok());
        if !usable {
            found.push(
                here(
                    src.span(),
                    format!("publisher `logo`: `{}` is neither a path under static/ nor an https URL", src.get_ref()),
                )
                .hint("write /images/logo.png for static/images/logo.png, or a full https:// address"),
            );
        }
        usable.then(|| src.into_inner())
    });
    let blank_to_none = |t: Option<String>| t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    (blank_to_none(name), Organization { url, logo, policies, rights: blank_to_none(rights) })
}
