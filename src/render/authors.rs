//! Author pages, `/authors/<key>/`: a declared author's name, role, bio,
//! portrait and links, and the articles they wrote or reviewed, newest
//! first and paginated, with their feeds and a schema.org `ProfilePage`.

use serde::Serialize;

use super::credits::{LinkView, author_path, site_link};
use super::strings::Strings;
use super::views::{PageView, Paginator, SharedValue};
use crate::model::Site;

/// An author, on their page.
#[derive(Debug, Serialize)]
pub struct AuthorView<'a> {
    /// The key front matter names the author by.
    pub key: &'a str,
    /// The name readers see.
    pub name: &'a str,
    /// What the author does at the site.
    pub role: Option<&'a str>,
    /// A few sentences about the author (plain text).
    pub bio: Option<&'a str>,
    /// Site-relative URL of the author's page.
    pub url: String,
    /// The portrait, for `<img src>` (site paths carry the base path).
    pub image: Option<String>,
    /// The author's own page, then their profiles elsewhere.
    pub links: Vec<LinkView>,
    /// Articles the author wrote or reviewed.
    pub count: usize,
    /// Of those, the ones the author wrote.
    pub written: usize,
    /// Of those, the ones the author reviewed.
    pub reviewed: usize,
}

/// The view of the author with this index into `config.authors`.
pub fn author_view<'a>(site: &'a Site, index: usize, strings: &Strings) -> AuthorView<'a> {
    let config = &site.config;
    let author = &config.authors[index];
    let list = &site.authors[index];
    let own =
        author.url.iter().map(|url| LinkView { label: strings.get("author.website").to_string(), url: url.clone() });
    let elsewhere = author.same_as.iter().map(|url| LinkView { label: host(url), url: url.clone() });
    AuthorView {
        key: &author.key,
        name: &author.name,
        role: author.role.as_deref(),
        bio: author.bio.as_deref(),
        url: config.base_url.url(&author_path(&author.key)),
        image: author.image.as_deref().map(|src| site_link(src, config)),
        links: own.chain(elsewhere).collect(),
        count: list.articles.len(),
        written: list.written,
        reviewed: list.reviewed,
    }
}

/// The host of an address, as a link's text (`mastodon.social`).
fn host(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_string()))
        .unwrap_or_else(|| url.to_string())
}

/// Context of `author.html`.
#[derive(Serialize)]
pub struct AuthorContext<'a> {
    /// The site.
    pub site: SharedValue<'a>,
    /// This page.
    pub page: PageView,
    /// The author.
    pub author: AuthorView<'a>,
    /// This page's articles (summaries).
    pub articles: Vec<SharedValue<'a>>,
    /// Links to the other pages.
    pub paginator: Paginator,
}
