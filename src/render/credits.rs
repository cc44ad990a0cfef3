//! The views of who made an article and how, as readers see them: bylines
//! that link to author pages, the disclosure label (how the article was
//! made, in the site's language, with its IPTC digital source type), the
//! share links under an article, and the publisher's policy pages for the
//! footer. The author pages themselves are in [`super::authors`].

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::strings::Strings;
use crate::config::{Author, Config, Made};
use crate::content::credits::Byline;
use crate::model::Article;

/// One name of a byline, or a reviewer.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorRef<'a> {
    /// The key of a declared author; null for a plain name.
    pub key: Option<&'a str>,
    /// The name readers see.
    pub name: &'a str,
    /// Site-relative URL of the author's page; null for a plain name.
    pub url: Option<String>,
    /// What the author does at the site, when declared.
    pub role: Option<&'a str>,
}

impl<'a> AuthorRef<'a> {
    /// The view of a declared author.
    pub fn of(author: &'a Author, config: &Config) -> AuthorRef<'a> {
        AuthorRef {
            key: Some(&author.key),
            name: &author.name,
            url: Some(config.base_url.url(&author_path(&author.key))),
            role: author.role.as_deref(),
        }
    }

    /// The view of one name of a byline.
    pub fn of_byline(byline: &'a Byline, config: &'a Config) -> AuthorRef<'a> {
        match byline {
            Byline::Author(key) => match config.author(key) {
                Some(author) => AuthorRef::of(author, config),
                None => AuthorRef { key: None, name: key, url: None, role: None },
            },
            Byline::Name(name) => AuthorRef { key: None, name, url: None, role: None },
        }
    }
}

/// Output path of an author's page.
pub fn author_path(key: &str) -> String {
    format!("authors/{key}/")
}

/// The views of an article's byline (its own, else the site's).
pub fn bylines<'a>(article: &'a Article, config: &'a Config) -> Vec<AuthorRef<'a>> {
    if article.credits.authors.is_empty() {
        // The site's default: an author key, or a name.
        return match config.author.as_deref() {
            Some(text) => match config.author(text) {
                Some(author) => vec![AuthorRef::of(author, config)],
                None => vec![AuthorRef { key: None, name: text, url: None, role: None }],
            },
            None => Vec::new(),
        };
    }
    article.credits.authors.iter().map(|b| AuthorRef::of_byline(b, config)).collect()
}

/// The byline as one line of text: the names, joined.
pub fn byline_text(article: &Article, config: &Config, strings: &Strings) -> String {
    let names: Vec<&str> = bylines(article, config).iter().map(|a| a.name).collect();
    names.join(strings.get("article.list_separator"))
}

/// The reviewer of an article, when it names one.
pub fn reviewer<'a>(article: &'a Article, config: &'a Config) -> Option<AuthorRef<'a>> {
    let key = article.credits.reviewed_by.as_deref()?;
    config.author(key).map(|a| AuthorRef::of(a, config))
}

/// How an article was made, as its label says it.
#[derive(Debug, Clone, Serialize)]
pub struct DisclosureView {
    /// `human`, `ai-edited`, `ai-assisted`, `ai-generated` or `data-driven`.
    pub made: &'static str,
    /// A short label: `AI-generated`, in the site's language.
    pub label: String,
    /// One sentence saying how the article was made.
    pub description: String,
    /// True unless people wrote all of it (`human`): what cards label.
    pub machine: bool,
    /// The IPTC digital source type URI.
    pub source_type: String,
    /// The page explaining how the site uses AI (site-relative for a site
    /// path); null when site.toml names none.
    pub policy_url: Option<String>,
}

/// The disclosure of an article, when it says (or the site says) how it was made.
pub fn disclosure(made: Option<Made>, config: &Config, strings: &Strings) -> Option<DisclosureView> {
    let made = made?;
    let key = made.key();
    Some(DisclosureView {
        made: key,
        label: strings.get(&format!("disclosure.{key}")).to_string(),
        description: strings.get(&format!("disclosure.{key}_description")).to_string(),
        machine: made != Made::Human,
        source_type: made.source_type(),
        policy_url: config.disclosure.ai_policy.as_deref().map(|link| site_link(link, config)),
    })
}

/// A link: its text and where it goes.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// What the link says.
    pub label: String,
    /// Where it goes.
    pub url: String,
}

/// An href for a link site.toml gives: a site path gets the base path.
pub fn site_link(link: &str, config: &Config) -> String {
    if link.starts_with('/') { format!("{}{link}", config.base_url.path) } else { link.to_string() }
}

/// The publisher's policy pages, and the AI policy, in the order the footer
/// lists them.
pub fn policies(config: &Config, strings: &Strings) -> Vec<LinkView> {
    let p = &config.organization.policies;
    [
        ("policy.principles", &p.publishing_principles),
        ("policy.corrections", &p.corrections),
        ("policy.verification", &p.verification),
        ("policy.ethics", &p.ethics),
        ("policy.masthead", &p.masthead),
        ("policy.ai", &config.disclosure.ai_policy),
    ]
    .into_iter()
    .filter_map(|(key, link)| {
        link.as_deref().map(|link| LinkView { label: strings.get(key).to_string(), url: site_link(link, config) })
    })
    .collect()
}

/// A link that shares an article on another site, or by email.
#[derive(Debug, Clone, Serialize)]
pub struct ShareLink {
    /// `x`, `linkedin`, `bluesky`, `mastodon` or `email`.
    pub network: &'static str,
    /// What the link says: `Post on X`, in the site's language.
    pub label: String,
    /// The share address, with the article's title and address filled in.
    pub url: String,
}

/// What a query value keeps unencoded: RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The share links of an article (none when `[share] enabled = false`):
/// plain links to each network's own share page, with no script, no
/// tracking parameter and nothing loaded before a reader clicks.
pub fn share_links(title: &str, permalink: &str, config: &Config, strings: &Strings) -> Vec<ShareLink> {
    if !config.share {
        return Vec::new();
    }
    let enc = |text: &str| utf8_percent_encode(text, QUERY_VALUE).to_string();
    let text_and_url = enc(&format!("{title} {permalink}"));
    let link =
        |network, url: String| ShareLink { network, label: strings.get(&format!("share.{network}")).to_string(), url };
    vec![
        link("x", format!("https://x.com/intent/post?text={}&url={}", enc(title), enc(permalink))),
        link("linkedin", format!("https://www.linkedin.com/sharing/share-offsite/?url={}", enc(permalink))),
        link("bluesky", format!("https://bsky.app/intent/compose?text={text_and_url}")),
        link("mastodon", format!("https://share.joinmastodon.org/?text={text_and_url}")),
        link("email", format!("mailto:?subject={}&body={}", enc(title), enc(permalink))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_encode_the_title_and_address() {
        let config =
            crate::config::parse("title = \"T\"\nbase_url = \"https://x.example\"\n", &Default::default()).unwrap();
        let strings = super::super::strings::tests::english();
        let links = share_links("Fabs & power: 50% off?", "https://x.example/articles/a/", &config, &strings);
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://x.com/intent/post?text=Fabs%20%26%20power%3A%2050%25%20off%3F&url=https%3A%2F%2Fx.example%2Farticles%2Fa%2F",
                "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fx.example%2Farticles%2Fa%2F",
                "https://bsky.app/intent/compose?text=Fabs%20%26%20power%3A%2050%25%20off%3F%20https%3A%2F%2Fx.example%2Farticles%2Fa%2F",
                "https://share.joinmastodon.org/?text=Fabs%20%26%20power%3A%2050%25%20off%3F%20https%3A%2F%2Fx.example%2Farticles%2Fa%2F",
                "mailto:?subject=Fabs%20%26%20power%3A%2050%25%20off%3F&body=https%3A%2F%2Fx.example%2Farticles%2Fa%2F",
            ]
        );
        let labels: Vec<&str> = links.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Post on X", "Share on LinkedIn", "Post on Bluesky", "Share on Mastodon", "Share by email"]
        );
    }
}
