//! Authors: which visible articles each declared author wrote or reviewed,
//! newest first, for the author pages and their feeds; and the byline an
//! article shows (its own, else the site's default).

use super::Article;
use crate::config::Config;
use crate::content::credits::Byline;

/// The articles of one declared author.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorArticles {
    /// Indices of the articles the author wrote or reviewed, newest first.
    pub articles: Vec<usize>,
    /// How many of them the author wrote (is in the byline of).
    pub written: usize,
    /// How many of them the author reviewed.
    pub reviewed: usize,
}

/// The byline of an article: the authors its front matter names, else the
/// site's `author` (the key of a declared author, or a name).
pub fn byline(article: &Article, config: &Config) -> Vec<Byline> {
    if !article.credits.authors.is_empty() {
        return article.credits.authors.clone();
    }
    match &config.author {
        Some(key) if config.author(key).is_some() => vec![Byline::Author(key.clone())],
        Some(name) => vec![Byline::Name(name.clone())],
        None => Vec::new(),
    }
}

/// The articles of each declared author, in declaration order.
pub fn collect(config: &Config, articles: &[Article]) -> Vec<AuthorArticles> {
    let mut authors = vec![AuthorArticles::default(); config.authors.len()];
    let keys: std::collections::HashMap<&str, usize> =
        config.authors.iter().enumerate().map(|(a, author)| (author.key.as_str(), a)).collect();
    let index = |key: &str| keys.get(key).copied();
    for (i, article) in articles.iter().enumerate() {
        let wrote: Vec<usize> = byline(article, config)
            .iter()
            .filter_map(|b| match b {
                Byline::Author(key) => index(key),
                Byline::Name(_) => None,
            })
            .collect();
        let reviewed = article.credits.reviewed_by.as_deref().and_then(index);
        for &a in &wrote {
            authors[a].written += 1;
            authors[a].articles.push(i);
        }
        if let Some(a) = reviewed {
            authors[a].reviewed += 1;
            if !wrote.contains(&a) {
                authors[a].articles.push(i);
            }
        }
    }
    authors
}
