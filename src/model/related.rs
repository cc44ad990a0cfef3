//! Related updates: up to N other articles per article, first the editor's
//! `related:` picks in their order, then the best by score.
//!
//! The score of a candidate `b` for an article `a`:
//!
//! | signal | points |
//! | --- | --- |
//! | each shared tag | `ln(N / n)`: N visible articles, n of them with the tag, so a tag on half the site gives 0.69 and one on 2% gives 3.9 |
//! | same story | 3 |
//! | same source URL | 2 (same source name only: 0.5) |
//! | same category | 1 |
//! | shared timeline dates | 0.5 each, at most 1.5 |
//! | closeness in time | `1 / (1 + days apart / 30)`: 1 on the same day, 0.5 a month apart |
//!
//! Only articles sharing at least a tag, story, source or category are
//! candidates; ties go to the newer article, then the smaller slug.
//!
//! Candidates come from inverted indexes (tag → articles, category →
//! articles…), each sorted by date, and only the [`WINDOW`] articles nearest
//! in time in each list are scored, so the work grows with the number of
//! articles times a constant, never with pairs of articles.

use std::collections::HashMap;

use rayon::prelude::*;

use super::article::Article;
use super::outline::Outline;
use super::site::Site;
use super::taxonomy::{CategoryArticles, Tag};
use crate::dates::PartialDate;
use crate::hash::{Key, KeyBuilder};

/// Articles nearest in time taken from each list an article is in.
pub const WINDOW: usize = 48;

/// The related articles of every article of the site (indices, best first).
pub fn compute(site: &Site) -> Vec<Vec<usize>> {
    let (articles, outlines, limit) = (&site.articles, &site.outlines, site.config.related_limit);
    if limit == 0 {
        return vec![Vec::new(); articles.len()];
    }
    let index = Index::new(articles, &site.tags, &site.categories);
    (0..articles.len())
        .into_par_iter()
        .map(|a| {
            let mut picked: Vec<usize> = outlines[a]
                .related
                .iter()
                .filter_map(|slug| site.article_index(slug))
                .filter(|&b| b != a)
                .take(limit)
                .collect();
            if picked.len() < limit {
                let mut scored = index.scored_candidates(a, articles);
                scored.retain(|(b, _)| !picked.contains(b));
                scored.sort_by(|(x, sx), (y, sy)| {
                    sy.total_cmp(sx)
                        .then_with(|| articles[*y].date.instant.cmp(&articles[*x].date.instant))
                        .then_with(|| articles[*x].slug.cmp(&articles[*y].slug))
                });
                picked.extend(scored.into_iter().map(|(b, _)| b).take(limit - picked.len()));
            }
            picked
        })
        .collect()
}

/// The key of everything [`compute`] reads: each article's slug, its own
/// signals (`own[i]`, see [`own_key`]; computed here for an article it
/// gives none for) and its tags' places in the tag list, and the limit.
/// While it is unchanged, so are the related lists.
pub fn inputs_key(site: &Site, own: impl Fn(usize) -> Option<Key> + Sync) -> Key {
    let (articles, limit) = (&site.articles, site.config.related_limit);
    // Each article's own key (on every core when computed), then folded in order.
    let own: Vec<Key> = (0..articles.len())
        .into_par_iter()
        .map(|i| own(i).unwrap_or_else(|| own_key(&articles[i], &site.outlines[i])))
        .collect();
    let mut key = KeyBuilder::new().bytes(&(limit as u64).to_le_bytes()).bytes(&(articles.len() as u64).to_le_bytes());
    for (article, own) in articles.iter().zip(own) {
        key = key.bytes(article.slug.as_bytes()).key(own).bytes(&(article.tags.len() as u64).to_le_bytes());
        for &t in &article.tags {
            key = key.bytes(&(t as u64).to_le_bytes());
        }
    }
    key.finish()
}

/// The key of what the score reads from one article besides its slug and
/// tags: date, category, story, source, timeline dates and the editor's
/// picks. It depends only on the article's file and the settings, so a
/// cache may keep it beside the article.
pub fn own_key(article: &Article, outline: &Outline) -> Key {
    let mut key = KeyBuilder::new()
        .bytes(&article.date.instant.as_nanosecond().to_le_bytes())
        .bytes(&article.category.map_or(u64::MAX, |c| c as u64).to_le_bytes())
        .bytes(article.story.as_deref().unwrap_or("\0").as_bytes());
    let (name, url) =
        article.source.as_ref().map_or(("\0", ""), |s| (s.name.as_str(), s.url.as_deref().unwrap_or_default()));
    key = key.bytes(name.as_bytes()).bytes(url.as_bytes());
    key = key.bytes(&(outline.related.len() as u64).to_le_bytes());
    for pick in &outline.related {
        key = key.bytes(pick.as_bytes());
    }
    key = key.bytes(&(article.timeline.len() as u64).to_le_bytes());
    for item in &article.timeline {
        let (year, month, day) = item.date.sort_key();
        key = key.bytes(&[&year.to_le_bytes()[..], &[month as u8, day as u8]].concat());
    }
    key.finish()
}

/// Inverted indexes from each signal to the articles that have it, newest first.
struct Index<'a> {
    tags: &'a [Tag],
    categories: &'a [CategoryArticles],
    stories: HashMap<&'a str, Vec<usize>>,
    sources: HashMap<&'a str, Vec<usize>>,
    idf: Vec<f64>,
    /// Each article's signals as numbers, so scoring compares no strings.
    features: Vec<Features>,
}

/// What the score compares, per article: ids instead of strings.
struct Features {
    /// Bit `t` set for each tag `t` (when the site has at most 64 tags).
    tag_bits: Option<u64>,
    /// 0 for none, else an id per distinct value.
    story: u32,
    source_url: u32,
    source_name: u32,
    /// 0 for none, else the category index + 1.
    category: u32,
    /// Timeline dates, packed, sorted and without repeats.
    dates: Vec<u32>,
    seconds: i64,
}

impl<'a> Index<'a> {
    fn new(articles: &'a [Article], tags: &'a [Tag], categories: &'a [CategoryArticles]) -> Index<'a> {
        let mut stories: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut sources: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, article) in articles.iter().enumerate() {
            if let Some(story) = &article.story {
                stories.entry(story).or_default().push(i);
            }
            if let Some(source) = &article.source {
                sources.entry(source.name.as_str()).or_default().push(i);
            }
        }
        let total = articles.len().max(1) as f64;
        let idf = tags.iter().map(|t| (total / t.articles.len().max(1) as f64).ln()).collect();
        let mut ids: HashMap<(u8, &str), u32> = HashMap::new();
        let mut id = |kind: u8, value: Option<&'a str>| match value {
            None => 0,
            Some(value) => {
                let next = ids.len() as u32 + 1;
                *ids.entry((kind, value)).or_insert(next)
            }
        };
        let features = articles
            .iter()
            .map(|a| {
                let mut dates: Vec<u32> = a.timeline.iter().map(|t| pack(t.date)).collect();
                dates.sort_unstable();
                dates.dedup();
                Features {
                    tag_bits: (tags.len() <= 64).then(|| a.tags.iter().fold(0u64, |bits, &t| bits | 1 << t)),
                    story: id(0, a.story.as_deref()),
                    source_url: id(1, a.source.as_ref().and_then(|s| s.url.as_deref())),
                    source_name: id(2, a.source.as_ref().map(|s| s.name.as_str())),
                    category: a.category.map_or(0, |c| c as u32 + 1),
                    dates,
                    seconds: a.date.instant.as_second(),
                }
            })
            .collect();
        Index { tags, categories, stories, sources, idf, features }
    }

    /// Every candidate for `a` with its score.
    fn scored_candidates(&self, a: usize, articles: &[Article]) -> Vec<(usize, f64)> {
        let article = &articles[a];
        let mut candidates: Vec<usize> = Vec::new();
        for &t in &article.tags {
            candidates.extend(window(&self.tags[t].articles, a));
        }
        if let Some(c) = article.category {
            candidates.extend(window(&self.categories[c].articles, a));
        }
        if let Some(list) = article.story.as_deref().and_then(|s| self.stories.get(s)) {
            candidates.extend(window(list, a));
        }
        if let Some(list) = article.source.as_ref().and_then(|s| self.sources.get(s.name.as_str())) {
            candidates.extend(window(list, a));
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&b| b != a);
        candidates.into_iter().map(|b| (b, self.score(a, b, articles))).collect()
    }

    fn score(&self, ia: usize, ib: usize, articles: &[Article]) -> f64 {
        let (fa, fb) = (&self.features[ia], &self.features[ib]);
        // Summed in the article's own tag order, so ties break the same way.
        let shares = |t: &&usize| match fb.tag_bits {
            Some(bits) => bits >> **t & 1 == 1,
            None => articles[ib].tags.contains(t),
        };
        let tags: f64 = articles[ia].tags.iter().filter(shares).map(|&t| self.idf[t]).sum();
        let story = if fa.story != 0 && fa.story == fb.story { 3.0 } else { 0.0 };
        let source = if fa.source_url != 0 && fa.source_url == fb.source_url {
            2.0
        } else if fa.source_name != 0 && fa.source_name == fb.source_name {
            0.5
        } else {
            0.0
        };
        let category = if fa.category != 0 && fa.category == fb.category { 1.0 } else { 0.0 };
        let shared = shared_count(&fa.dates, &fb.dates).min(3) as f64;
        let days = (fa.seconds - fb.seconds).abs() as f64 / 86_400.0;
        tags + story + source + category + 0.5 * shared + 1.0 / (1.0 + days / 30.0)
    }
}

/// A timeline date as one number that sorts the same way.
fn pack(date: PartialDate) -> u32 {
    let (year, month, day) = date.sort_key();
    ((year as i32 + 32_768) as u32) << 16 | (month as u32) << 8 | day as u32
}

/// How many items two sorted lists of packed dates have in common.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The articles of `list` (sorted by index, i.e. newest first) nearest in
/// time to `a`, which must be in it.
fn window(list: &[usize], a: usize) -> &[usize] {
    let at = list.partition_point(|&x| x < a);
    let start = at.saturating_sub(WINDOW / 2);
    &list[start..(start + WINDOW + 1).min(list.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_center_on_the_article() {
        let list: Vec<usize> = (0..200).collect();
        let w = window(&list, 100);
        assert_eq!(w.len(), WINDOW + 1);
        assert_eq!(w[0], 100 - WINDOW / 2);
        assert!(w.contains(&100));
        assert_eq!(window(&list, 0)[0], 0);
        assert_eq!(*window(&list, 199).last().unwrap(), 199);
        assert_eq!(window(&[3, 7], 7), [3, 7]);
    }
}
