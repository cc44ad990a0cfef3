//! Categories and tags: which visible articles each one lists, newest first.
//! A tag's key is its slug, so `GPUs` and `gpus` are one tag; it is shown
//! with its most common spelling.

use std::collections::HashMap;

use super::Article;
use super::slug::slugify;
use crate::config::Config;

/// The articles of one declared category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryArticles {
    /// Indices of its articles, newest first.
    pub articles: Vec<usize>,
}

/// One tag and its articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Its slug, used in URLs.
    pub key: String,
    /// The spelling shown to readers.
    pub name: String,
    /// Indices of its articles, newest first.
    pub articles: Vec<usize>,
}

/// Builds the tag list from each article's tag names and fills in every
/// article's tag indices.
pub fn collect_tags(articles: &mut [Article]) -> Vec<Tag> {
    let mut by_key: HashMap<String, (HashMap<&str, usize>, Vec<usize>)> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        for name in &article.tag_names {
            let (spellings, list) = by_key.entry(slugify(name)).or_default();
            *spellings.entry(name.as_str()).or_default() += 1;
            list.push(i);
        }
    }
    let mut tags: Vec<Tag> = by_key
        .into_iter()
        .map(|(key, (spellings, articles))| {
            let name = spellings
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(name, _)| name.to_string())
                .unwrap_or_else(|| key.clone());
            Tag { key, name, articles }
        })
        .collect();
    tags.sort_by(|a, b| a.key.cmp(&b.key));
    for article in articles.iter_mut() {
        article.tags.clear();
    }
    for (t, tag) in tags.iter().enumerate() {
        for &a in &tag.articles {
            articles[a].tags.push(t);
        }
    }
    // Keep each article's tags in the order the editor wrote them.
    for article in articles.iter_mut() {
        let order: Vec<String> = article.tag_names.iter().map(|n| slugify(n)).collect();
        article.tags.sort_by_key(|&t| order.iter().position(|k| *k == tags[t].key));
    }
    tags
}

/// The articles of each declared category, in declaration order.
pub fn collect_categories(config: &Config, articles: &[Article]) -> Vec<CategoryArticles> {
    let mut categories = vec![CategoryArticles { articles: Vec::new() }; config.categories.len()];
    for (i, article) in articles.iter().enumerate() {
        if let Some(c) = article.category {
            categories[c].articles.push(i);
        }
    }
    categories
}
