//! The `[authors.<key>]` tables of site.toml: the people who write and
//! review the site's articles. Front matter names them by key (`author:`,
//! `reviewed_by:`); each gets a page at `/authors/<key>/`.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::CONFIG_FILE;
use crate::error::{Collector, Diagnostic, closest, line_col};

/// One `[authors.<key>]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAuthor {
    name: Option<Spanned<String>>,
    role: Option<String>,
    bio: Option<String>,
    url: Option<Spanned<String>>,
    image: Option<Spanned<String>>,
    #[serde(default)]
    same_as: Vec<Spanned<String>>,
}

/// A declared author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The key front matter names the author by, and the author page's
    /// folder: `/authors/<key>/`.
    pub key: String,
    /// The name readers see.
    pub name: String,
    /// What the author does at the site ("Chips reporter").
    pub role: Option<String>,
    /// A few sentences about the author.
    pub bio: Option<String>,
    /// The author's own page elsewhere (an http(s) address).
    pub url: Option<String>,
    /// A portrait: a site path or an https address.
    pub image: Option<String>,
    /// The author's profiles on other sites (http(s) addresses).
    pub same_as: Vec<String>,
}

/// Validates every `[authors.<key>]`, in site.toml order.
pub(super) fn validate(raw: IndexMap<Spanned<String>, RawAuthor>, text: &str, found: &mut Collector) -> Vec<Author> {
    let here = |span: std::ops::Range<usize>, message: String| {
        Diagnostic::new(CONFIG_FILE, message).at_opt(Some(line_col(text, span.start)))
    };
    let mut authors = Vec::with_capacity(raw.len());
    for (key, RawAuthor { name, role, bio, url, image, same_as }) in raw {
        let at = line_col(text, key.span().start);
        let key = key.into_inner();
        check_key(&key, at, found);
        let name = match name {
            Some(name) if name.get_ref().trim().is_empty() => {
                found.push(here(name.span(), format!("author `{key}` has an empty name")));
                String::new()
            }
            Some(name) => name.into_inner().trim().to_string(),
            None => {
                found.push(
                    Diagnostic::new(CONFIG_FILE, format!("author `{key}` has no `name`"))
                        .at(at.0, at.1)
                        .hint(format!("add name = \"…\" below [authors.{key}]: the name readers see")),
                );
                String::new()
            }
        };
        let mut address = |value: Spanned<String>, what: &str| match web_address(value.get_ref()) {
            Ok(()) => Some(value.into_inner()),
            Err(message) => {
                found.push(
                    here(value.span(), format!("{what} of author `{key}`: {message}"))
                        .hint("give a whole address, e.g. \"https://example.org/about/lin\""),
                );
                None
            }
        };
        let url = url.and_then(|u| address(u, "`url`"));
        let same_as = same_as.into_iter().filter_map(|u| address(u, "`same_as`")).collect();
        let image = image.and_then(|src| {
            let span = src.span();
            let src = src.into_inner();
            let usable = crate::content::frontmatter::is_site_path(&src)
                || (src.starts_with("https://") && web_address(&src).is_ok());
            if !usable {
                found.push(
                    here(
                        span,
                        format!("`image` of author `{key}`: `{src}` is neither a path under static/ nor an https URL"),
                    )
                    .hint("write /images/name.jpg for static/images/name.jpg, or a full https:// address"),
                );
            }
            usable.then_some(src)
        });
        let blank_to_none = |t: Option<String>| t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        authors.push(Author { key, name, role: blank_to_none(role), bio: blank_to_none(bio), url, image, same_as });
    }
    authors
}

/// An author key must be usable as a folder name in URLs.
fn check_key(key: &str, (line, column): (usize, usize), found: &mut Collector) {
    if !crate::model::slug::is_slug(key) {
        let slug = crate::model::slug::slugify(key);
        let example = if slug.is_empty() { "lin-qiao".to_string() } else { slug };
        found.push(
            Diagnostic::new(CONFIG_FILE, format!("author key `{key}` is not usable in URLs"))
                .at(line, column)
                .hint(format!("use lower-case letters, digits and `-`, e.g. [authors.{example}]")),
        );
    } else if let Some(why) = crate::model::slug::unusable(key) {
        found.push(
            Diagnostic::new(CONFIG_FILE, format!("author key `{key}` cannot name a folder: {why}"))
                .at(line, column)
                .hint("choose another key"),
        );
    }
}

/// Checks an absolute http(s) address.
pub(super) fn web_address(text: &str) -> Result<(), String> {
    crate::content::frontmatter::check_http_url(text)
}

/// The hint for a key that names no declared author: the closest key, and
/// the declared ones, or how to declare one.
pub fn unknown_author_hint(key: &str, declared: &[&str]) -> String {
    match (closest(key, declared.iter().copied()), declared.is_empty()) {
        (Some(best), _) => format!("did you mean `{best}`? declared authors are: {}", declared.join(", ")),
        (None, false) => format!("declared authors are: {}", declared.join(", ")),
        (None, true) => format!("declare the author in site.toml: [authors.{key}] with name = \"…\""),
    }
}
