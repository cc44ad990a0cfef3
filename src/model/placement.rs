//! Placement, the first phase of the model: from the outlines of every
//! article file, which articles this build publishes, each one's slug,
//! page (from the permalink pattern) and ISO week, and where every content
//! file's links lead. It needs no article's Markdown, so every article can
//! then be rendered knowing where the others live. Rules about the whole set
//! of slugs are checked here: two files with one slug, a slug that cannot
//! name a folder, `related` picks that name no article.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::links::{Target, Targets};
use super::outline::Outline;
use crate::config::{Config, PermalinkPart};
use crate::content::{BrokenArticle, NoteSource};
use crate::dates::{IsoWeek, Moment};
use crate::error::{Collector, Diagnostic, ProblemCount, Step};

/// What decides which articles are visible.
#[derive(Debug, Clone, Copy)]
pub struct Visibility {
    /// Include `draft: true` articles.
    pub drafts: bool,
    /// Include articles dated after `now` (scheduled ones).
    pub future: bool,
    /// The build's clock: articles dated later are scheduled, and the news
    /// sitemap looks back from it.
    pub now: jiff::Timestamp,
}

impl Visibility {
    /// Whether an article (a draft or not, with this date) is published in
    /// this build.
    pub fn shows(&self, draft: bool, date: &Moment) -> bool {
        (self.drafts || !draft) && (self.future || date.instant <= self.now)
    }
}

/// The articles a build leaves out, so its summary can say so.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Drafts (scheduled or not).
    pub drafts: usize,
    /// Articles dated after the build's clock, drafts aside.
    pub scheduled: usize,
    /// When the first of those is due, in the site's time zone.
    pub next: Option<Moment>,
}

/// Where an article's page goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The page's output path below the base URL.
    pub path: String,
    /// The ISO week the article belongs to, in the site's time zone.
    pub week: IsoWeek,
}

/// One published article, placed.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Its position in the outlines given to [`place`].
    pub input: usize,
    /// Its slug (a stand-in no editor can write, when it cannot have its own).
    pub slug: String,
    /// Where its page goes.
    pub place: Place,
}

/// Every article placed.
#[derive(Debug)]
pub struct Placement {
    /// The published articles, newest first (ties by slug).
    pub visible: Vec<Placed>,
    /// Where every content file's links lead.
    pub targets: Targets,
    /// Every article's slug, hidden and broken ones' included: what recap
    /// notes' highlights may name.
    pub every_slug: HashSet<String>,
    /// What this build leaves out.
    pub left_out: LeftOut,
}

/// Places every article (outlines in file-name order), with every problem
/// found. An article whose slug another article already has, or whose slug
/// cannot name a folder, is placed under a stand-in slug, so that its other
/// checks still run (the build fails all the same).
pub fn place(
    config: &Config,
    outlines: &[&Outline],
    broken: &[BrokenArticle],
    notes: &[NoteSource],
    visibility: Visibility,
) -> (Placement, Vec<Diagnostic>) {
    let mut found = Collector::new();
    let slugs = assign_slugs(outlines, &mut found);
    let mut every_slug: HashSet<String> = outlines.iter().map(|o| o.slug.clone()).collect();
    every_slug.extend(broken.iter().flat_map(|b| b.slugs.iter().cloned()));
    check_related(outlines, &slugs, &every_slug, &mut found);
    let (mut visible, hidden): (Vec<usize>, Vec<usize>) =
        (0..outlines.len()).partition(|&i| visibility.shows(outlines[i].draft, &outlines[i].date));
    visible.sort_by(|&a, &b| {
        outlines[b].date.instant.cmp(&outlines[a].date.instant).then_with(|| slugs[a].cmp(&slugs[b]))
    });
    let visible: Vec<Placed> = visible
        .into_iter()
        .map(|i| Placed { input: i, place: place_of(config, outlines[i], &slugs[i]), slug: slugs[i].clone() })
        .collect();
    let hidden: Vec<&Outline> = hidden.into_iter().map(|i| outlines[i]).collect();
    let left_out = left_out(&hidden, visibility, &config.timezone);
    let targets = link_targets(config, outlines, &visible, &hidden, notes, broken, visibility);
    (Placement { visible, targets, every_slug, left_out }, found.into_diagnostics())
}

/// Where an article's page goes: its path from the permalink pattern, and its
/// week, with dates in the site's time zone.
pub fn place_of(config: &Config, outline: &Outline, slug: &str) -> Place {
    Place {
        path: permalink_path(config, slug, &outline.date, outline.category.as_deref()),
        week: IsoWeek::of(outline.date.instant, &config.timezone),
    }
}

/// Each article's slug (explicit, or its file stem slugified); two files with
/// one slug are an error naming both. An article that cannot have its slug
/// (the second of two with one slug, or one whose slug cannot name a
/// folder) gets a stand-in no editor can write.
fn assign_slugs(all: &[&Outline], found: &mut Collector) -> Vec<String> {
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    let mut slugs = Vec::with_capacity(all.len());
    for (i, outline) in all.iter().enumerate() {
        let slug = outline.slug.as_str();
        let usable = match usable_slug(outline, found) {
            false => false,
            true => match first_with.get(slug) {
                Some(&first) => {
                    let other = all[first].file().display();
                    found.push(
                        Diagnostic::new(outline.file(), format!("slug `{slug}` is already used by {other}"))
                            .at_field(&[Step::Key("slug")])
                            .hint("give one of the two articles a different `slug:`"),
                    );
                    false
                }
                None => {
                    first_with.insert(slug, i);
                    true
                }
            },
        };
        slugs.push(if usable { slug.to_string() } else { format!("{slug}~{i}") });
    }
    slugs
}

/// Whether an article's slug can name a folder; says why not when it cannot.
fn usable_slug(outline: &Outline, found: &mut Collector) -> bool {
    let slug = &outline.slug;
    if slug.is_empty() {
        found.push(
            Diagnostic::new(outline.file(), "the file name gives no slug (it has no letters or digits)")
                .at(1, 1)
                .hint("add `slug:` to the front matter, e.g. slug: chip-export-rules"),
        );
        return false;
    }
    if let Some(why) = crate::slug::unusable(slug) {
        found.push(
            Diagnostic::new(outline.file(), format!("the slug `{slug}` cannot name a folder: {why}"))
                .at(1, 1)
                .at_field(&[Step::Key("slug")])
                .hint("add `slug:` to the front matter with another slug"),
        );
        return false;
    }
    true
}

/// Every `related` pick must name an article (drafts count: they are hidden,
/// not missing; so do articles left out of the site for a problem).
fn check_related(all: &[&Outline], slugs: &[String], every_slug: &HashSet<String>, found: &mut Collector) {
    for (outline, own) in all.iter().zip(slugs) {
        let mut count = ProblemCount::default();
        for (i, pick) in outline.related.iter().enumerate() {
            let problem = if pick == own {
                Some(format!("`related` lists the article itself (`{pick}`)"))
            } else if !every_slug.contains(pick) {
                Some(format!("`related` names `{pick}`, but no article has that slug"))
            } else {
                None
            };
            if let Some(message) = problem.filter(|_| count.show()) {
                let hint =
                    crate::error::did_you_mean(pick, every_slug.iter().map(String::as_str)).unwrap_or_else(|| {
                        "use the slug of another article (its file name without .md, unless it sets `slug:`)".into()
                    });
                let at = [Step::Key("related"), Step::Index(i)];
                found.push(Diagnostic::new(outline.file(), message).at_field(&at).hint(hint));
            }
        }
        found.extend(count.summary(outline.file()));
    }
}

/// How many articles a build leaves out, and when the next scheduled one is due.
fn left_out(hidden: &[&Outline], visibility: Visibility, zone: &jiff::tz::TimeZone) -> LeftOut {
    let mut left_out = LeftOut::default();
    let mut next: Option<jiff::Timestamp> = None;
    for outline in hidden {
        if outline.draft && !visibility.drafts {
            left_out.drafts += 1;
        } else {
            left_out.scheduled += 1;
            let due = outline.date.instant;
            next = Some(next.map_or(due, |next| next.min(due)));
        }
    }
    left_out.next = next.map(|instant| Moment { instant, offset: zone.to_offset(instant), explicit_offset: true });
    left_out
}

/// The output path of an article from the permalink pattern (without the
/// leading `/`), with dates in the site's time zone.
fn permalink_path(config: &Config, slug: &str, date: &Moment, category: Option<&str>) -> String {
    let local = date.in_zone(&config.timezone);
    let mut path = String::new();
    for part in config.permalink.parts() {
        match part {
            PermalinkPart::Literal(text) => path.push_str(text),
            PermalinkPart::Slug => path.push_str(slug),
            PermalinkPart::Year => path.push_str(&format!("{:04}", local.year())),
            PermalinkPart::Month => path.push_str(&format!("{:02}", local.month())),
            PermalinkPart::Day => path.push_str(&format!("{:02}", local.day())),
            PermalinkPart::Category => path.push_str(category.unwrap_or_default()),
        }
    }
    path
}

/// Where every content file's link leads in this build: a published
/// article's page, a hidden article (and why), a recap note's week page, or
/// a file left out for a problem reported on its own.
fn link_targets(
    config: &Config,
    outlines: &[&Outline],
    visible: &[Placed],
    hidden: &[&Outline],
    notes: &[NoteSource],
    broken: &[BrokenArticle],
    visibility: Visibility,
) -> Targets {
    let mut targets = Targets::new(&config.base_url.path);
    for (i, placed) in visible.iter().enumerate() {
        let page = Target::Page { path: placed.place.path.clone(), article: Some(i) };
        targets.insert(outlines[placed.input].file.clone(), page);
    }
    for outline in hidden {
        let why = if outline.draft && !visibility.drafts { "a draft" } else { "an article scheduled for later" };
        targets.insert(outline.file.clone(), Target::Hidden(why));
    }
    let weeks: HashSet<IsoWeek> = visible.iter().map(|p| p.place.week).collect();
    for note in notes.iter().filter(|n| weeks.contains(&n.week)) {
        let path = crate::paths::week_path(note.week);
        targets.insert(note.path.clone(), Target::Page { path, article: None });
    }
    // Links to files that are not in the site for a problem already
    // reported are not reported again.
    let unusable: Vec<&PathBuf> = broken.iter().map(|b| &b.path).collect();
    for path in unusable {
        targets.insert(path.clone(), Target::Unusable);
    }
    targets
}
