//! Starting points: `newsprint init` (a new site that builds as it is, with
//! the built-in theme) and `newsprint new` (an article file with every
//! structured part present for the editor to fill in).

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::config::{self, CONFIG_FILE};
use crate::content::CONTENT_DIR;
use crate::dates::{DATE_FORMATS, Moment};
use crate::error::{Diagnostic, Error, Result, closest};
use crate::slug::slugify;

/// Creates a site in `dir`: site.toml, one sample article, an empty
/// `static/` and a `.gitignore`. Refuses a folder that is not empty unless
/// `force`, and even then leaves every existing file as it is. Returns the
/// files and folders it created.
pub fn init(dir: &Path, force: bool, now: Timestamp) -> Result<Vec<PathBuf>> {
    let occupied = fs::read_dir(dir).map(|mut entries| entries.next().is_some()).unwrap_or(false);
    if occupied && !force {
        return Err(Error::Scaffold(format!(
            "{} is not empty; choose a new folder, or pass --force to add only the files that are missing",
            dir.display()
        )));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Scaffold(format!("{} is a file, not a folder", dir.display())));
    }
    let title = site_title(dir);
    let date = Moment { instant: now, offset: jiff::tz::Offset::UTC, explicit_offset: true }.rfc3339();
    let files = [
        (CONFIG_FILE.to_string(), site_toml(&title)),
        (format!("{CONTENT_DIR}/welcome-to-your-digest.md"), sample_article(&date)),
        (".gitignore".to_string(), "/public\n/.public.*\n/.newsprint-cache\n".to_string()),
    ];
    let mut created = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        created.push(PathBuf::from(rel));
    }
    let static_dir = dir.join("static");
    if !static_dir.exists() {
        fs::create_dir_all(&static_dir).map_err(|e| Error::io(&static_dir, e))?;
        created.push(PathBuf::from("static"));
    }
    Ok(created)
}

/// "my-digest" → "My digest".
fn site_title(dir: &Path) -> String {
    let name = std::path::absolute(dir).ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    let words = name.unwrap_or_default().replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "My digest".to_string(),
    }
}

fn site_toml(title: &str) -> String {
    format!(
        r#"# The settings of your digest. newsprint's README explains every key.
title = {title}
base_url = "https://example.org"   # where the site will be published
description = "What moved this week, and what to do about it."
language = "en"
timezone = "UTC"                   # an IANA name such as "Asia/Shanghai": weeks are cut in it
author = "The desk"                # the default byline
per_page = 20
permalink = "/articles/{{slug}}/"

[categories.news]
label = "News"
emoji = "📰"

[categories.analysis]
label = "Analysis"
emoji = "🔍"
"#,
        title = json_string(title)
    )
}

fn sample_article(date: &str) -> String {
    format!(
        r#"---
title: "Welcome to your digest"
date: {date}
summary: "This sample shows every part an article can have; edit it or delete it."
category: news
tags: [getting-started]
audience: [Editors]
tldr:
  what_changed: "You created a newsprint site."
  why_it_matters: "One Markdown file per article becomes a full digest: pages, weekly recaps, feeds."
  what_to_do: "Run `newsprint new \"Your first headline\"` and fill in the parts."
takeaways:
  - "Front matter holds the parts every digest page has."
  - "The body below is plain **Markdown**."
timeline:
  - date: {year}
    event: "This digest starts."
---

Write the story here. Headings, lists, tables, footnotes and fenced code all
work; run `newsprint serve` to see the page update as you save.
"#,
        year = &date[..4]
    )
}

/// What `newsprint new` was asked for.
#[derive(Debug, Clone, Default)]
pub struct NewArticle {
    /// The headline; the file is named after it.
    pub title: String,
    /// A category key declared in site.toml.
    pub category: Option<String>,
    /// Tags to start with.
    pub tags: Vec<String>,
    /// The publication date as an editor writes it; now when `None`.
    pub date: Option<String>,
}

/// Writes `content/<slug>.md` for a new article, as a draft with every
/// structured part present and empty; refuses to overwrite. Returns the
/// file's path relative to the site root.
pub fn new_article(root: &Path, request: &NewArticle, now: Timestamp) -> Result<PathBuf> {
    let config = config::load(root, &config::Overrides::default())?;
    let slug = slugify(&request.title);
    if slug.is_empty() {
        return Err(Error::Scaffold("the title has no letters or digits to name the file after".into()));
    }
    if let Some(key) = &request.category
        && config.category(key).is_none()
    {
        let declared: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
        let hint = match closest(key, declared.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? declared categories are: {}", declared.join(", ")),
            None => format!("declared categories are: {}", declared.join(", ")),
        };
        return Err(Error::invalid(vec![
            Diagnostic::flag("--category", format!("category `{key}` is not declared in site.toml")).hint(hint),
        ]));
    }
    let date = match &request.date {
        Some(text) => Moment::parse(text, &config.timezone)
            .map_err(|message| Error::invalid(vec![Diagnostic::flag("--date", message).hint(DATE_FORMATS)]))?,
        None => {
            let offset = config.timezone.to_offset(now);
            Moment { instant: now, offset, explicit_offset: true }
        }
    };
    let rel = Path::new(CONTENT_DIR).join(format!("{slug}.md"));
    let path = root.join(&rel);
    if path.exists() {
        return Err(Error::Scaffold(format!("{} already exists; edit it, or choose another title", rel.display())));
    }
    let declared: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
    let text = skeleton(request, &date.rfc3339(), &declared);
    fs::create_dir_all(root.join(CONTENT_DIR)).map_err(|e| Error::io(root.join(CONTENT_DIR), e))?;
    // `create_new` so a file appearing meanwhile is never overwritten.
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| Error::io(&path, e))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(&path, e))?;
    Ok(rel)
}

fn skeleton(request: &NewArticle, date: &str, declared: &[&str]) -> String {
    let category = match &request.category {
        Some(key) => format!("category: {key}"),
        None if declared.is_empty() => {
            "# category:                  # declare categories in site.toml first".to_string()
        }
        None => format!("# category: {:<17}# one of: {}", declared[0], declared.join(", ")),
    };
    format!(
        r#"---
title: {title}
date: {date}
draft: true                   # delete this line to publish
summary: ""                   # the one-line hook; empty uses the first paragraph
{category}
tags: {tags}
audience: []                  # who should care, e.g. [Founders, ML engineers]
# source:                     # the original report
#   name: ""
#   url: "https://"
#   collected: {date}
tldr:
  what_changed: ""
  why_it_matters: ""
  what_to_do: ""
takeaways: []                 # - "One thing a reader should remember"
tables: []                    # - title: "…" / columns: [A, B] / rows: [[a1, b1]]
deep_dive: []                 # - "A technical detail, in inline Markdown"
implications: []              # - prediction: "…" / rationale: "…" / confidence: medium
timeline: []                  # - date: 2026-11 / event: "…"
related: []                   # slugs of earlier articles
---

Write the story here.
"#,
        title = json_string(&request.title),
        tags = serde_json::to_string(&request.tags).expect("strings serialize"),
    )
}

/// A YAML (and TOML) double-quoted string: JSON's escapes are valid in both.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_folder_names() {
        assert_eq!(site_title(Path::new("/tmp/my-digest")), "My digest");
        assert_eq!(site_title(Path::new("/tmp/wire_daily")), "Wire daily");
    }
}
