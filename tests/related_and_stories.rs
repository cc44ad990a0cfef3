//! Related updates and story pages, on small hand-made sites where the right
//! answer is obvious, and a property: a related list never holds the article
//! itself or a hidden (draft or scheduled) article.

mod common;

use common::{Site, article, site_toml};
use proptest::prelude::*;

fn related_slugs(site: &Site, slug: &str) -> Vec<String> {
    site.page(&format!("articles/{slug}/"))
        .attrs(".related .card-title a", "href")
        .into_iter()
        .map(|href| href.trim_start_matches("/articles/").trim_end_matches('/').to_string())
        .collect()
}

#[test]
fn rare_shared_tags_beat_common_ones() {
    let site = Site::with_config("");
    // "gpus" is on every article and says little; "hbm4" is on two.
    site.write("content/a.md", &article("A", "2026-11-20", "tags: [gpus, hbm4]\n"));
    site.write("content/rare.md", &article("Rare", "2026-10-01", "tags: [gpus, hbm4]\n"));
    site.write("content/common.md", &article("Common", "2026-11-19", "tags: [gpus]\n"));
    site.write("content/other.md", &article("Other", "2026-11-18", "tags: [gpus]\n"));
    site.build_ok();
    assert_eq!(related_slugs(&site, "a"), ["rare", "common", "other"]);
}

#[test]
fn editor_picks_come_first_then_category_story_source_and_time() {
    let site = Site::with_config("");
    site.write(
        "content/a.md",
        &article(
            "A",
            "2026-11-20",
            "category: chips\nstory: fab\nrelated: [picked]\nsource:\n  name: S\n  url: \"https://s.example/1\"\n",
        ),
    );
    site.write("content/picked.md", &article("Picked", "2026-01-01", ""));
    site.write("content/story.md", &article("Same story", "2026-06-01", "story: fab\n"));
    site.write(
        "content/source.md",
        &article("Same source", "2026-06-01", "source:\n  name: S\n  url: \"https://s.example/1\"\n"),
    );
    site.write("content/near.md", &article("Same category, near", "2026-11-19", "category: chips\n"));
    site.write("content/far.md", &article("Same category, far", "2025-11-19", "category: chips\n"));
    site.write("content/nothing.md", &article("Nothing shared", "2026-11-20", "category: policy\n"));
    site.build_ok();
    assert_eq!(related_slugs(&site, "a"), ["picked", "story", "source", "near"], "limit 4, ranked by score");
    site.write("site.toml", &format!("{}[related]\nlimit = 6\n", site_toml("")));
    site.build_ok();
    assert_eq!(
        related_slugs(&site, "a"),
        ["picked", "story", "source", "near", "far"],
        "unrelated articles never appear"
    );
}

#[test]
fn ties_go_to_the_newer_article_then_the_smaller_slug() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-20T12:00:00Z", "tags: [x]\n"));
    site.write("content/before.md", &article("B", "2026-11-19T12:00:00Z", "tags: [x]\n"));
    site.write("content/after.md", &article("C", "2026-11-21T12:00:00Z", "tags: [x]\n"));
    site.write("content/zz.md", &article("Z", "2026-11-18T12:00:00Z", "tags: [x]\n"));
    site.write("content/aa.md", &article("AA", "2026-11-18T12:00:00Z", "tags: [x]\n"));
    site.build_ok();
    // before and after are one day away: equal scores, the newer first.
    assert_eq!(related_slugs(&site, "a"), ["after", "before", "aa", "zz"]);
}

#[test]
fn the_related_limit_can_turn_the_section_off() {
    let site = Site::empty();
    site.write("site.toml", &format!("{}[related]\nlimit = 0\n", site_toml("")));
    site.write("content/a.md", &article("A", "2026-11-20", "tags: [x]\n"));
    site.write("content/b.md", &article("B", "2026-11-19", "tags: [x]\n"));
    site.build_ok();
    assert_eq!(site.page("articles/a/").count(".related"), 0);
}

#[test]
fn a_story_gets_a_page_and_every_article_shows_the_merged_timeline() {
    let site = Site::with_config("");
    site.write(
        "content/first.md",
        &article("Plan announced", "2026-11-01", "story: fab-2026\ntimeline:\n  - date: 2026-10\n    event: \"Sites chosen.\"\n  - date: 2026-11-01\n    event: \"Plan announced for four fabs.\"\n"),
    );
    site.write(
        "content/second.md",
        &article("Work paused", "2026-11-20", "story: fab-2026\ntimeline:\n  - date: 2026-11-01\n    event: \"The plan for four fabs is announced.\"\n  - date: 2026-11-20\n    event: \"Work *paused* at two sites.\"\n"),
    );
    site.write(
        "content/alone.md",
        &article("Alone", "2026-11-21", "story: solo\ntimeline:\n  - date: 2026\n    event: \"Once.\"\n"),
    );
    site.build_ok();

    let story = site.page("stories/fab-2026/");
    assert_eq!(story.text(".page-head h1"), "Work paused");
    assert_eq!(story.text(".page-head .kicker"), "Story · 2 articles since 1 Nov 2026");
    assert_eq!(story.attrs(".story-timeline time", "datetime"), ["2026-10", "2026-11-01", "2026-11-20"]);
    assert_eq!(
        story.texts(".story-timeline .event"),
        ["Sites chosen.", "Plan announced for four fabs.", "Work paused at two sites."]
    );
    assert_eq!(
        story.texts(".story-timeline .reported-by"),
        ["Reported in Plan announced", "Reported in Plan announced; Work paused", "Reported in Work paused"]
    );
    assert_eq!(story.texts(".story-articles .card-title"), ["Work paused", "Plan announced"]);

    let second = site.page("articles/second/");
    assert_eq!(second.text("#np-story"), "The story so far");
    assert_eq!(second.texts(".story-timeline .event").len(), 3);
    assert_eq!(second.texts(".story-timeline .this-article").len(), 2);
    assert_eq!(second.attrs(".story-note a", "href"), ["/stories/fab-2026/"]);
    assert_eq!(site.page("articles/alone/").count(".story-timeline"), 0, "one article is not a story");
    assert_eq!(site.page("articles/alone/").count(".timeline"), 1, "it shows its own timeline");
    assert!(!site.has_page("stories/solo/"));
}

#[test]
fn search_can_be_turned_off() {
    let site = Site::fixture("parts");
    site.build_ok();
    assert!(site.has_page("search/"));
    assert!(site.public().join("pagefind/pagefind.js").is_file());
    assert_eq!(site.page("").attrs("form[role=search]", "action"), ["/search/"]);

    site.write(
        "site.toml",
        &format!("{}\n[search]\nenabled = false\n", std::fs::read_to_string(site.root().join("site.toml")).unwrap()),
    );
    site.build_ok();
    assert!(!site.has_page("search/"));
    assert!(!site.public().join("pagefind").exists());
    assert_eq!(site.page("").count("form[role=search]"), 0);
}

/// One generated article: tags from a small pool, maybe a draft or scheduled.
#[derive(Debug, Clone)]
struct Gen {
    day: u8,
    tags: Vec<u8>,
    category: bool,
    draft: bool,
    future: bool,
    picks: Vec<u8>,
}

fn gen_article() -> impl Strategy<Value = Gen> {
    (
        1u8..28,
        prop::collection::vec(0u8..5, 0..4),
        any::<bool>(),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.15),
        prop::collection::vec(0u8..12, 0..3),
    )
        .prop_map(|(day, tags, category, draft, future, picks)| Gen { day, tags, category, draft, future, picks })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn related_lists_never_hold_the_article_itself_or_hidden_articles(articles in prop::collection::vec(gen_article(), 2..12)) {
        let site = Site::empty();
        site.write("site.toml", &format!("{}[related]\nlimit = 5\n", site_toml("")));
        let n = articles.len();
        for (i, a) in articles.iter().enumerate() {
            let month = if a.future { 12 } else { 11 };
            let tags: Vec<String> = a.tags.iter().map(|t| format!("t{t}")).collect();
            let picks: Vec<String> =
                a.picks.iter().map(|p| *p as usize % n).filter(|&p| p != i).map(|p| format!("a{p}")).collect();
            let extra = format!(
                "tags: [{}]\nrelated: [{}]\n{}{}",
                tags.join(", "),
                picks.join(", "),
                if a.category { "category: chips\n" } else { "" },
                if a.draft { "draft: true\n" } else { "" },
            );
            site.write(&format!("content/a{i}.md"), &article(&format!("A{i}"), &format!("2026-{month:02}-{:02}", a.day), &extra));
        }
        let now: jiff::Timestamp = "2026-11-30T00:00:00Z".parse().unwrap();
        match site.build_with(|o| o.now = Some(now)) {
            Err(e) => prop_assert!(false, "the build failed: {e}"),
            Ok(_) => {
                let hidden: Vec<String> = articles.iter().enumerate().filter(|(_, a)| a.draft || a.future).map(|(i, _)| format!("a{i}")).collect();
                for (i, a) in articles.iter().enumerate() {
                    if a.draft || a.future {
                        continue;
                    }
                    let own = format!("a{i}");
                    let related = related_slugs(&site, &own);
                    prop_assert!(related.len() <= 5);
                    prop_assert!(!related.contains(&own), "{own} lists itself: {related:?}");
                    for slug in &related {
                        prop_assert!(!hidden.contains(slug), "{own} lists hidden {slug}");
                    }
                    let mut unique = related.clone();
                    unique.sort();
                    unique.dedup();
                    prop_assert_eq!(unique.len(), related.len());
                }
            }
        }
    }
}

/// A story's note (`content/stories/<key>.md`) gives it a title and the
/// editor's words; `/stories/` lists every story, the one with the newest
/// article first. A note for a key that makes no story is said to be unused.
#[test]
fn a_story_note_titles_the_story_and_stories_lists_every_story() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("Plan announced", "2026-11-01", "story: fab-2026\n"));
    site.write("content/b.md", &article("Work paused", "2026-11-20", "story: fab-2026\n"));
    site.write("content/c.md", &article("Grid queue grows", "2026-11-10", "story: grid\n"));
    site.write("content/d.md", &article("Queue rules change", "2026-11-12", "story: grid\n"));
    site.write("content/stories/fab-2026.md", "---\ntitle: \"The fab expansion\"\n---\nWhy we follow the *fabs*.\n");
    site.write("content/stories/nothing.md", "A note for no story.\n");
    let report = site.build_ok();
    let story = site.page("stories/fab-2026/");
    assert_eq!(story.text(".page-head h1"), "The fab expansion");
    assert_eq!(story.inner_html(".editor-note p"), "Why we follow the <em>fabs</em>.");
    assert_eq!(site.page("stories/grid/").text(".page-head h1"), "Queue rules change", "no note: its newest headline");
    let index = site.page("stories/");
    assert_eq!(index.texts(".story-list a"), ["The fab expansion", "Queue rules change"]);
    assert_eq!(index.attrs(".story-list a", "href"), ["/stories/fab-2026/", "/stories/grid/"]);
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "content/stories/nothing.md: fewer than two published articles have `story: nothing`, so this story note is not published\n  \
          hint: check the file name against the articles' `story:` key"
        ]
    );
}
