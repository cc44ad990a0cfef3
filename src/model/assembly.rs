//! Assembly, the second phase of the model: each article rendered (its
//! Markdown body and fields, with links resolved where placement says other
//! files' pages are), then the site around them: tags and categories,
//! stories, weeks with their recap notes, and story notes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::article::{Article, ImplicationHtml, Provenance, TimelineItem, TldrHtml};
use super::authors;
use super::links::{self, FieldRef, FoundLink, LinkPlace, Targets};
use super::outline::Outline;
use super::placement::{Place, Placement};
use super::site::{Site, Week, WeekNote};
use super::stories::{self, Story, StoryNote};
use super::taxonomy;
use crate::config::{Config, RawHtml};
use crate::content::frontmatter::{FrontMatter, Image, Implication, TimelineEntry, Tldr};
use crate::content::{ArticleSource, NoteSource, StoryNoteSource};
use crate::dates::IsoWeek;
use crate::error::{Collector, Diagnostic, ProblemCount, Step};
use crate::files::FileSource;
use crate::markdown::{LinkRef, LinkResolver, Removal, RenderedBody, render_body_with, render_inline};

/// An article assembled: what its pages show, and what checks need.
#[derive(Debug)]
pub struct Assembled {
    /// What its pages show.
    pub article: Article,
    /// Its file, links, ids and warnings.
    pub provenance: Provenance,
}

/// Renders one article's Markdown and puts it in its place. Links resolve
/// through `resolver` (the build's link targets, seen from the article's
/// file). A body whose HTML nests too deep to sanitize is refused.
pub fn assemble_article(
    source: ArticleSource,
    slug: String,
    place: &Place,
    config: &Config,
    resolver: &dyn LinkResolver,
) -> Result<Assembled, Vec<Diagnostic>> {
    let ArticleSource { path: file, stem: _, front, body, body_line, mut warnings } = source;
    let FrontMatter {
        title,
        date,
        updated,
        slug: _,
        draft,
        summary,
        category,
        tags: _,
        language,
        audience,
        source,
        tldr,
        takeaways,
        tables,
        deep_dive,
        implications,
        timeline,
        related: _,
        story,
        credits,
        image,
        corrections,
        ai_generated,
        extra,
    } = front;
    let _share = crate::budget::INPUT.take(body.len() as u64);
    let body = render_body_with(&body, resolver, config.raw_html);
    if let Some(at) = body.too_deep {
        return Err(vec![too_deep(&file, at, body_line)]);
    }
    warnings.extend(removal_warnings(&file, &body.removed, body_line));
    let mut fields = Fields { resolver, links: body_links(&body.links, body_line) };
    let tldr = tldr.map(|t| fields.tldr(t));
    let takeaways = fields.list(&takeaways, "takeaways");
    let deep_dive = fields.list(&deep_dive, "deep_dive");
    let implications = fields.implications(implications);
    let timeline = fields.timeline(timeline);
    let images = image_uses(&file, &place.path, image.as_ref(), &body, body_line);
    // Images are checked where they are processed, not as links.
    fields.links.retain(|link| {
        !matches!(link.place, LinkPlace::Body(line, column)
            if body.images.iter().any(|i| (i.line + body_line - 1, i.column) == (line, column)))
    });
    let latest_correction = corrections.iter().map(|c| c.date).max_by_key(|m| m.instant);
    let article = Article {
        slug,
        path: place.path.clone(),
        title,
        date,
        updated: [updated, latest_correction].into_iter().flatten().max_by_key(|m| m.instant),
        draft,
        hook_is_excerpt: summary.is_none(),
        hook: summary.or_else(|| body.first_paragraph.clone()).unwrap_or_default(),
        category: category.and_then(|key| config.categories.iter().position(|c| c.key == key)),
        tags: Vec::new(),
        language,
        audience,
        source,
        tldr,
        takeaways,
        tables,
        deep_dive,
        implications,
        timeline,
        story,
        credits,
        image,
        images,
        corrections,
        ai_generated,
        extra,
        week: place.week,
        body,
    };
    let provenance = Provenance { file, links: fields.links, ids: links::ids_in(&article.body.html), warnings };
    Ok(Assembled { article, provenance })
}

/// The images an article uses: its lead image (unless on another host),
/// then each image of its body with a safe destination.
fn image_uses(
    file: &Path,
    page: &str,
    lead: Option<&Image>,
    body: &RenderedBody,
    body_line: usize,
) -> Vec<crate::images::Use> {
    use crate::images::{Located, Place as At, Use, locate::locate};
    let lead = lead.map(|image| Use {
        dest: image.src.clone(),
        located: locate(&image.src, file, page),
        place: At::LeadImage,
        lead: Some(image.focus.unwrap_or(crate::images::Focus::CENTER)),
        alt_missing: false,
    });
    let body_images = body.images.iter().filter(|i| crate::markdown::is_safe_url(&i.dest)).map(|i| Use {
        dest: i.dest.clone(),
        located: if i.dest.is_empty() { Located::External } else { locate(&i.dest, file, page) },
        place: At::Body(i.line + body_line - 1, i.column),
        lead: None,
        alt_missing: !i.decorative && i.alt.trim().is_empty(),
    });
    lead.filter(|u| u.located != Located::External).into_iter().chain(body_images).collect()
}

/// The links of a body that starts on line `body_line` of its file.
fn body_links(links: &[LinkRef], body_line: usize) -> Vec<FoundLink> {
    links
        .iter()
        .map(|l| FoundLink { dest: l.dest.clone(), place: LinkPlace::Body(l.line + body_line - 1, l.column) })
        .collect()
}

/// Renders an article's front-matter fields of inline Markdown, noting the
/// links written in each with the field they are in.
struct Fields<'a> {
    resolver: &'a dyn LinkResolver,
    links: Vec<FoundLink>,
}

impl Fields<'_> {
    fn inline(&mut self, text: &str, key: &'static str, index: Option<usize>, sub: Option<&'static str>) -> String {
        let rendered = render_inline(text, self.resolver);
        let field = FieldRef { key, index, sub };
        self.links.extend(rendered.links.into_iter().map(|dest| FoundLink { dest, place: LinkPlace::Field(field) }));
        rendered.html
    }

    fn list(&mut self, items: &[String], key: &'static str) -> Vec<String> {
        items.iter().enumerate().map(|(i, text)| self.inline(text, key, Some(i), None)).collect()
    }

    fn tldr(&mut self, tldr: Tldr) -> TldrHtml {
        let mut part = |text: Option<String>, sub| text.map(|x| self.inline(&x, "tldr", None, Some(sub)));
        TldrHtml {
            what_changed: part(tldr.what_changed, "what_changed"),
            why_it_matters: part(tldr.why_it_matters, "why_it_matters"),
            what_to_do: part(tldr.what_to_do, "what_to_do"),
        }
    }

    fn implications(&mut self, implications: Vec<Implication>) -> Vec<ImplicationHtml> {
        let at = |n| ("implications", Some(n));
        implications
            .into_iter()
            .enumerate()
            .map(|(n, i)| ImplicationHtml {
                prediction: self.inline(&i.prediction, at(n).0, at(n).1, Some("prediction")),
                rationale: i.rationale.map(|r| self.inline(&r, at(n).0, at(n).1, Some("rationale"))),
                confidence: i.confidence,
            })
            .collect()
    }

    fn timeline(&mut self, timeline: Vec<TimelineEntry>) -> Vec<TimelineItem> {
        let items = timeline.into_iter().enumerate();
        items
            .map(|(n, t)| TimelineItem {
                date: t.date,
                event: self.inline(&t.event, "timeline", Some(n), Some("event")),
            })
            .collect()
    }
}

/// A body whose HTML nests too deep to sanitize, at a (line, column) of its
/// Markdown, which starts on line `body_line` of the file.
fn too_deep(path: &Path, (line, column): (usize, usize), body_line: usize) -> Diagnostic {
    let limit = crate::markdown::depth::MAX_HTML_DEPTH;
    Diagnostic::new(path, format!("the HTML here nests more than {limit} elements deep"))
        .at(line + body_line - 1, column)
        .hint(format!(
            "close the tags you open (`<div>` needs `</div>`): raw HTML is sanitized only up to {limit} levels deep"
        ))
}

/// A warning for each kind of thing the sanitizer removed from a body that
/// starts on line `body_line` of the file `path`.
fn removal_warnings<'a>(
    path: &'a Path,
    removed: &'a [Removal],
    body_line: usize,
) -> impl Iterator<Item = Diagnostic> + 'a {
    removed.iter().map(move |r| Diagnostic::new(path, r.message()).at(r.line + body_line - 1, r.column).hint(r.hint()))
}

/// What the site is assembled from, besides its articles.
pub struct Parts {
    /// The validated site.toml.
    pub config: Config,
    /// Every article placed.
    pub placement: Placement,
    /// Recap notes, in week order.
    pub notes: Vec<NoteSource>,
    /// Story notes.
    pub story_notes: Vec<StoryNoteSource>,
    /// Problems found before that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The build's clock.
    pub now: jiff::Timestamp,
    /// The files of article folders (each with the article file it
    /// belongs to), from the content stage.
    pub folder_files: Vec<(FileSource, PathBuf)>,
}

/// The published articles, assembled, newest first: three lists of one
/// length, as the site keeps them.
#[derive(Debug, Default)]
pub struct Articles {
    /// What their pages show.
    pub articles: Vec<Article>,
    /// What the site's structure reads from each.
    pub outlines: Vec<Outline>,
    /// Where each comes from, and what its checks need.
    pub provenance: Vec<Provenance>,
}

impl Articles {
    /// Room for `n` articles.
    pub fn with_capacity(n: usize) -> Articles {
        Articles { articles: Vec::with_capacity(n), outlines: Vec::with_capacity(n), provenance: Vec::with_capacity(n) }
    }

    /// Adds the next article.
    pub fn push(&mut self, outline: Outline, assembled: Assembled) {
        self.outlines.push(outline);
        self.articles.push(assembled.article);
        self.provenance.push(assembled.provenance);
    }
}

/// Assembles the site around its articles (the published ones, newest
/// first, each with its outline): tags, categories, stories, weeks and
/// notes. Returns it with the problems found in the notes.
pub fn assemble_site(parts: Parts, articles: Articles) -> (Site, Vec<Diagnostic>) {
    let Parts { config, placement, notes, story_notes, mut warnings, now, folder_files } = parts;
    let Articles { mut articles, outlines, provenance } = articles;
    let tags = taxonomy::collect_tags(&outlines, &mut articles);
    let categories = taxonomy::collect_categories(&config, &articles);
    let authors = authors::collect(&config, &articles);
    let by_slug: HashMap<String, usize> = articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect();
    let mut stories = stories::collect(&articles);
    let mut weeks = group_weeks(&articles);
    let mut found = Collector::new();
    let Placement { targets, every_slug, left_out, .. } = placement;
    let context =
        NoteContext { by_slug: &by_slug, every_slug: &every_slug, targets: &targets, raw_html: config.raw_html };
    attach_notes(notes, &mut weeks, &articles, &context, &mut found, &mut warnings);
    attach_story_notes(story_notes, &mut stories, &context, &mut warnings);
    let folder_files = place_folder_files(folder_files, &articles, &provenance);
    let site = Site {
        config,
        articles,
        provenance,
        outlines,
        weeks,
        categories,
        tags,
        authors,
        related: Vec::new(),
        stories,
        warnings,
        now,
        left_out,
        folder_files,
        images: crate::images::Images::default(),
        by_slug,
        targets,
    };
    (site, found.into_diagnostics())
}

/// Each file of a visible article's folder, by its output path beside the
/// article's page (`content/fab/photo.jpg` → `articles/fab/photo.jpg`).
fn place_folder_files(
    files: Vec<(FileSource, PathBuf)>,
    articles: &[Article],
    provenance: &[Provenance],
) -> BTreeMap<String, FileSource> {
    let pages: HashMap<&Path, &str> =
        provenance.iter().zip(articles).map(|(p, a)| (p.file.as_path(), a.path.as_str())).collect();
    let mut placed = BTreeMap::new();
    for (file, article) in files {
        let (Some(page), Some(folder)) = (pages.get(article.as_path()), article.parent()) else { continue };
        let Ok(within) = file.shown().strip_prefix(folder) else { continue };
        let within: Vec<String> = within.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        placed.insert(format!("{page}{}", within.join("/")), file);
    }
    placed
}

fn group_weeks(articles: &[Article]) -> Vec<Week> {
    let mut weeks: Vec<Week> = Vec::new();
    let mut index: HashMap<IsoWeek, usize> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        let slot = *index.entry(article.week).or_insert_with(|| {
            weeks.push(Week { week: article.week, articles: Vec::new(), note: None });
            weeks.len() - 1
        });
        weeks[slot].articles.push(i);
    }
    weeks.sort_by_key(|w| std::cmp::Reverse(w.week));
    weeks
}

/// What recap and story notes are checked and rendered against.
struct NoteContext<'a> {
    /// Visible articles by slug.
    by_slug: &'a HashMap<String, usize>,
    /// Every article's slug, hidden ones included.
    every_slug: &'a HashSet<String>,
    /// Where links lead.
    targets: &'a Targets,
    /// What becomes of raw HTML.
    raw_html: RawHtml,
}

/// Gives each week its editor's recap note; a note for a week without
/// published articles is not published, and said so.
fn attach_notes(
    notes: Vec<NoteSource>,
    weeks: &mut [Week],
    articles: &[Article],
    context: &NoteContext<'_>,
    found: &mut Collector,
    warnings: &mut Vec<Diagnostic>,
) {
    for NoteSource { path, week, title, highlights, body, body_line, warnings: found_in_file } in notes {
        warnings.extend(found_in_file);
        let picks = highlighted(&path, week, &highlights, articles, context, found);
        let Some(slot) = weeks.iter_mut().find(|w| w.week == week) else {
            warnings.push(
                Diagnostic::new(
                    &path,
                    format!("no published article falls in {week}, so this recap note is not published"),
                )
                .hint("check the file name, or publish an article dated in that week"),
            );
            continue;
        };
        let rendered = render_body_with(&body, &context.targets.resolver(&path), context.raw_html);
        if let Some(at) = rendered.too_deep {
            found.push(too_deep(&path, at, body_line));
            continue;
        }
        warnings.extend(removal_warnings(&path, &rendered.removed, body_line));
        let links = body_links(&rendered.links, body_line);
        slot.note = Some(WeekNote { source_path: path, title, highlights: picks, html: rendered.html, links });
    }
}

/// The visible articles a recap note highlights, in its order; a pick of
/// another week, or of no article, is a problem.
fn highlighted(
    path: &PathBuf,
    week: IsoWeek,
    highlights: &[String],
    articles: &[Article],
    context: &NoteContext<'_>,
    found: &mut Collector,
) -> Vec<usize> {
    let mut picks = Vec::new();
    let mut count = ProblemCount::default();
    for (i, slug) in highlights.iter().enumerate() {
        let at = [Step::Key("highlights"), Step::Index(i)];
        match context.by_slug.get(slug) {
            Some(&index) if articles[index].week != week => {
                // Its own week's page lists it already; here it would be
                // one card more than the week's count says.
                let other = articles[index].week;
                found.push(
                    Diagnostic::new(path, format!("highlight `{slug}` is an article of {other}, not of {week}"))
                        .at_field(&at)
                        .hint(format!("highlight it in content/weeks/{other}.md, or list an article of {week}")),
                );
            }
            Some(&index) => picks.push(index),
            None if context.every_slug.contains(slug) => {} // a draft, hidden in this build
            None if !count.show() => {}
            None => {
                let hint = crate::error::did_you_mean(slug, context.by_slug.keys().map(String::as_str))
                    .unwrap_or_else(|| "list slugs of articles, e.g. highlights: [fab-expansion-paused]".into());
                found.push(
                    Diagnostic::new(path, format!("highlight `{slug}` names no article")).at_field(&at).hint(hint),
                );
            }
        }
    }
    found.extend(count.summary(path));
    picks
}

/// Gives each story its editor's note; a note for a key that no two
/// published articles share is not published, and said so.
fn attach_story_notes(
    notes: Vec<StoryNoteSource>,
    stories: &mut [Story],
    context: &NoteContext<'_>,
    warnings: &mut Vec<Diagnostic>,
) {
    for StoryNoteSource { path, key, title, body, body_line } in notes {
        let Ok(s) = stories.binary_search_by(|story| story.key.as_str().cmp(&key)) else {
            warnings.push(
                Diagnostic::new(
                    &path,
                    format!(
                        "fewer than two published articles have `story: {key}`, so this story note is not published"
                    ),
                )
                .hint("check the file name against the articles' `story:` key"),
            );
            continue;
        };
        let rendered = render_body_with(&body, &context.targets.resolver(&path), context.raw_html);
        let links = body_links(&rendered.links, body_line);
        stories[s].note = Some(StoryNote { source_path: path, title, html: rendered.html, links });
    }
}
