//! Categories and tags: which visible articles each one lists, newest first.
//! A tag's key is its slug, so `GPUs` and `gpus` are one tag; it is shown
//! with its most common spelling.

use std::collections::HashMap;

use super::article::Article;
use super::outline::Outline;
use crate::config::Config;
use crate::slug::slugify;

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

/// Builds the tag list from each article's tag names (in its outline) and
/// fills in every article's tag indices (in the order the editor wrote them).
pub fn collect_tags(outlines: &[Outline], articles: &mut [Article]) -> Vec<Tag> {
    // Few names, written many times: each distinct name is slugified and
    // looked up once, then every use is one lookup by name.
    let mut names: HashMap<&str, (usize, usize)> = HashMap::new(); // name → (key index, spelling index)
    let mut keys: Vec<(String, Vec<(&str, usize)>)> = Vec::new(); // key → spellings and their counts
    let mut key_index: HashMap<String, usize> = HashMap::new();
    let mut uses: Vec<Vec<usize>> = Vec::with_capacity(articles.len()); // each article's key indices
    for outline in outlines {
        let mut own = Vec::with_capacity(outline.tags.len());
        for name in &outline.tags {
            let (k, n) = *names.entry(name.as_str()).or_insert_with(|| {
                let key = slugify(name);
                let k = *key_index.entry(key.clone()).or_insert_with(|| {
                    keys.push((key, Vec::new()));
                    keys.len() - 1
                });
                keys[k].1.push((name.as_str(), 0));
                (k, keys[k].1.len() - 1)
            });
            keys[k].1[n].1 += 1;
            own.push(k);
        }
        uses.push(own);
    }
    // Tags in key order; each shown with its most common spelling.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].0.cmp(&keys[b].0));
    let mut position = vec![0; keys.len()];
    for (t, &k) in order.iter().enumerate() {
        position[k] = t;
    }
    let mut tags: Vec<Tag> = order
        .iter()
        .map(|&k| {
            let (key, spellings) = &keys[k];
            let name = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map_or_else(|| key.clone(), |(name, _)| name.to_string());
            Tag { key: key.clone(), name, articles: Vec::new() }
        })
        .collect();
    for (i, (article, own)) in articles.iter_mut().zip(uses).enumerate() {
        article.tags.clear();
        for k in own {
            let t = position[k];
            if !article.tags.contains(&t) {
                article.tags.push(t);
                tags[t].articles.push(i);
            }
        }
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
