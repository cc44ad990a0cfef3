//! Stories: articles that share a `story:` key, read together. A story's
//! timeline merges the timelines of all its articles: one step per date and
//! event, in date order. The same event reported twice (same date, and at
//! least half the same words once small words are set aside) is one step,
//! credited to both articles.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::article::Article;
use super::links::FoundLink;
use crate::dates::PartialDate;

/// Articles sharing a story key (two or more).
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The key, as written in front matter; also the page's URL segment.
    pub key: String,
    /// Its articles, newest first.
    pub articles: Vec<usize>,
    /// The merged timeline, oldest first.
    pub timeline: Vec<TimelineStep>,
    /// The editor's note (`content/stories/<key>.md`), if written.
    pub note: Option<StoryNote>,
}

/// An editor's note for a story, rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryNote {
    /// The note's file.
    pub source_path: PathBuf,
    /// A title instead of the newest article's headline.
    pub title: Option<String>,
    /// The note as HTML.
    pub html: String,
    /// Internal links written in the note, for checking.
    pub links: Vec<FoundLink>,
}

/// One step of a story's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineStep {
    /// When.
    pub date: PartialDate,
    /// What happened, as inline HTML (from the oldest article reporting it).
    pub event: String,
    /// The articles whose timelines have this step, oldest first.
    pub reported_by: Vec<usize>,
}

/// Every story of the site, by key.
pub fn collect(articles: &[Article]) -> Vec<Story> {
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        if let Some(key) = &article.story {
            by_key.entry(key).or_default().push(i);
        }
    }
    by_key
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .map(|(key, members)| Story {
            key: key.to_string(),
            timeline: merge(articles, &members),
            articles: members,
            note: None,
        })
        .collect()
}

/// Merges the timelines of `members` (newest first), oldest article first so
/// the wording of the first report wins.
fn merge(articles: &[Article], members: &[usize]) -> Vec<TimelineStep> {
    let mut steps: Vec<TimelineStep> = Vec::new();
    let mut words: Vec<BTreeSet<String>> = Vec::new();
    for &i in members.iter().rev() {
        for entry in &articles[i].timeline {
            let these = significant_words(&entry.event);
            let same =
                steps.iter().zip(&words).position(|(step, known)| step.date == entry.date && similar(known, &these));
            match same {
                Some(step) => {
                    if !steps[step].reported_by.contains(&i) {
                        steps[step].reported_by.push(i);
                    }
                }
                None => {
                    steps.push(TimelineStep { date: entry.date, event: entry.event.clone(), reported_by: vec![i] });
                    words.push(these);
                }
            }
        }
    }
    // Stable: equal dates keep the order in which they were first reported.
    steps.sort_by_key(|s| s.date.sort_key());
    steps
}

/// Words too common to tell two events apart.
const SMALL_WORDS: [&str; 24] = [
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "by", "with", "is", "are", "was", "its", "it",
    "as", "from", "that", "this", "be", "says",
];

/// The lower-cased words of an event, without markup or small words.
fn significant_words(html: &str) -> BTreeSet<String> {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag && c.is_alphanumeric() => text.extend(c.to_lowercase()),
            _ if !in_tag => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().filter(|w| !SMALL_WORDS.contains(w)).map(str::to_string).collect()
}

/// At least half the words in common (Jaccard index ≥ 0.5).
fn similar(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let shared = a.intersection(b).count();
    let all = a.union(b).count();
    all > 0 && shared * 2 >= all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> BTreeSet<String> {
        significant_words(text)
    }

    #[test]
    fn two_wordings_of_one_event_are_similar() {
        assert!(similar(&words("Work <em>paused</em> at two sites."), &words("work paused at two sites")));
        assert!(similar(
            &words("Letter to customers says 2027 output is fully allocated."),
            &words("Orimura tells customers its 2027 HBM3E output is fully allocated.")
        ));
        assert!(!similar(&words("Work paused."), &words("Work resumed.")));
        assert!(!similar(&words("Expansion announced."), &words("Site chosen.")));
    }
}
