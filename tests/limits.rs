//! Small files, huge work: what a build does grows in step with its input,
//! and an input too large for that is refused with the limit in the message.
//! Growth is checked on a size and sixteen times that size, each timed as
//! the best of a few runs: work in step with the input takes about sixteen
//! times as long, work that grows with the square of it 256 times (the tests
//! allow 64, so that a busy machine cannot make linear work look quadratic).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Site, article};
use newsprint::markdown::{AsWritten, RawHtml, render_body, render_body_with};
use newsprint::report::{Severity, Sources};

/// Asserts that `work(16 * n)` takes less than 64 times as long as
/// `work(n)`: each is timed three times, in turn (so that a busy machine
/// slows both alike), and the shortest time of each counts.
fn grows_in_step(what: &str, n: usize, work: impl Fn(usize)) {
    let time = |size: usize| {
        let started = Instant::now();
        work(size);
        started.elapsed()
    };
    let (mut small, mut large) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        small = small.min(time(n));
        large = large.min(time(16 * n));
    }
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    assert!(ratio < 64.0, "{what}: {n} took {small:?}, {} took {large:?}, {ratio:.1} times as long", 16 * n);
}

fn site_with_body(body: &str) -> Site {
    let site = Site::with_config("[search]\nenabled = false\n");
    site.write("content/big.md", &format!("---\ntitle: \"Big\"\ndate: 2026-11-23T09:40:00+08:00\n---\n\n{body}"));
    site
}

#[test]
fn an_article_with_more_tags_than_the_limit_is_refused() {
    let site = Site::with_config("");
    let tags: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
    site.write("content/tags.md", &article("Tags", "2026-11-23", &format!("tags: [{}]\n", tags.join(", "))));
    assert_eq!(
        site.build_err(),
        "content/tags.md:4:7: `tags` lists 21 tags; an article may have at most 20\n  \
         hint: keep the tags a reader would follow: each one gets its own page and feeds"
    );
}

#[test]
fn a_hundred_thousand_tags_are_refused_at_once() {
    let site = Site::with_config("");
    let tags: Vec<String> = (0..100_000).map(|i| format!("t{i}")).collect();
    site.write("content/tags.md", &article("Tags", "2026-11-23", &format!("tags: [{}]\n", tags.join(", "))));
    let message = site.build_err();
    assert!(message.starts_with("content/tags.md:4:7: `tags` lists 100000 tags; an article may have at most 20"));
    assert!(!site.public().exists(), "nothing was written");
}

#[test]
fn each_tag_feed_lists_the_article_with_its_tags_once() {
    let site = Site::with_config("");
    let tags: Vec<String> = (0..20).map(|i| format!("t{i}")).collect();
    site.write("content/tags.md", &article("Tags", "2026-11-23", &format!("tags: [{}]\n", tags.join(", "))));
    let report = site.build_ok();
    assert_eq!(report.tags, 20);
    for tag in &tags {
        let rss = std::fs::read_to_string(site.public().join(format!("tags/{tag}/feed.xml"))).unwrap();
        let feed = roxmltree::Document::parse(&rss).unwrap();
        let items: Vec<_> = feed.descendants().filter(|n| n.has_tag_name("item")).collect();
        assert_eq!(items.len(), 1, "{tag}");
        let categories: Vec<&str> =
            items[0].children().filter(|n| n.has_tag_name("category")).filter_map(|n| n.text()).collect();
        assert_eq!(categories, tags.iter().map(String::as_str).collect::<Vec<_>>(), "{tag}");
    }
}

#[test]
fn repeated_headings_get_unique_ids_in_step_with_their_number() {
    let atx = |n: usize| "## h\n\n".repeat(n);
    let setext = |n: usize| "h\n-\n\n".repeat(n);
    for (style, body) in [("ATX", &atx as &dyn Fn(usize) -> String), ("Setext", &setext)] {
        let ids: Vec<String> = render_body(&body(3), &AsWritten).toc.into_iter().map(|t| t.id).collect();
        assert_eq!(ids, ["h", "h-2", "h-3"], "{style}");
        grows_in_step(&format!("{style} headings"), 1_500, |n| {
            let rendered = render_body(&body(n), &AsWritten);
            assert_eq!(rendered.toc.last().map(|t| t.id.clone()), Some(format!("h-{n}")));
        });
    }
}

#[test]
fn repeated_heading_ids_skip_ids_already_taken() {
    let ids: Vec<String> = render_body("## h 2\n\n## h\n\n## h\n\n## h {#h-3}\n\n## h\n", &AsWritten)
        .toc
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, ["h-2", "h", "h-4", "h-3", "h-5"]);
}

#[test]
fn footnotes_are_numbered_in_step_with_their_number() {
    let body = |n: usize| {
        let references: String = (0..n).map(|i| format!("x[^{i}]\n")).collect();
        let notes: String = (0..n).map(|i| format!("[^{i}]: note {i}\n\n")).collect();
        format!("{references}\n{notes}")
    };
    grows_in_step("footnotes", 2_000, |n| {
        let html = render_body(&body(n), &AsWritten).html;
        assert!(html.contains(&format!("<li id=\"fn-{n}\">")), "the last note is listed");
    });
}

/// Builds and renders every warning as the command line prints them.
fn printed_warnings(site: &Site) -> Vec<String> {
    let report = site.build_ok();
    let mut sources = Sources::default();
    report.warnings.iter().map(|w| sources.render(w, Severity::Warning, site.root(), &w.path, false)).collect()
}

/// The problems `newsprint check` prints for a site, as the editor sees them.
fn printed_problems(site: &Site) -> Vec<String> {
    let report = newsprint::check(&newsprint::BuildOptions::new(site.root())).expect("the site loads");
    let mut sources = Sources::default();
    report.problems.iter().map(|p| sources.render(p, Severity::Error, site.root(), &p.path, false)).collect()
}

/// Sites with the bodies `body(400)` and `body(6_400)`, and a check that
/// building and reporting grow in step between them.
fn reported_in_step(what: &str, body: impl Fn(usize) -> String) -> Vec<String> {
    reported_in_step_by(what, body, printed_warnings, "warning")
}

/// Like [`reported_in_step`], for what `printed` shows with this `level`.
fn reported_in_step_by(
    what: &str,
    body: impl Fn(usize) -> String,
    printed: fn(&Site) -> Vec<String>,
    level: &str,
) -> Vec<String> {
    let sites: Vec<(usize, Site)> = [400, 6_400].into_iter().map(|n| (n, site_with_body(&body(n)))).collect();
    grows_in_step(what, 400, |n| {
        let site = &sites.iter().find(|(size, _)| *size == n).expect("made above").1;
        let shown = printed(site);
        assert_eq!(shown.len(), 101, "the first hundred, then how many there were");
        assert!(shown[0].starts_with(&format!("{level}: this file has {n} problems like the ones below")));
    });
    printed(&sites[0].1)
}

#[test]
fn many_links_to_missing_site_paths_are_reported_in_step_with_their_number() {
    let printed = reported_in_step("links to missing site paths", |n| {
        (0..n).map(|i| format!("[a](/missing{i}/)\n")).collect::<String>()
    });
    assert_eq!(
        printed[0],
        "warning: this file has 400 problems like the ones below; only the first 100 are shown\n\
         --> content/big.md\n = help: fix those, then run again to see the rest"
    );
    assert_eq!(
        printed[100],
        "warning: the link `/missing99/` points at a page the site does not have\n   \
         --> content/big.md:105:1\n    |\n105 | [a](/missing99/)\n    | ^^^^^^^^^^^^^^^^\n    |\n    \
         = help: files under static/ are served from /, e.g. static/missing99/ is /missing99/"
    );
}

#[test]
fn many_reference_links_to_missing_pages_are_reported_in_step_with_their_number() {
    // Links to files that are not articles stop a build to publish: `check`
    // reports them.
    let body = |n: usize| {
        let uses: String = (0..n).map(|i| format!("[a{i}]\n")).collect();
        let definitions: String = (0..n).map(|i| format!("[a{i}]: missing{i}.md\n")).collect();
        format!("{uses}\n{definitions}")
    };
    let printed = reported_in_step_by("reference links to missing pages", body, printed_problems, "error");
    assert!(
        printed[1].starts_with("error: the link `missing0.md` points at content/missing0.md, which is not an article"),
        "{}",
        printed[1]
    );
}

#[test]
fn many_links_to_missing_anchors_show_the_first_hundred_and_a_short_hint() {
    let body: String = (0..400).map(|i| format!("## h{i}\n\n[a](#nope{i})\n\n")).collect();
    let printed = printed_warnings(&site_with_body(&body));
    assert_eq!(printed.len(), 101);
    assert!(printed[0].starts_with("warning: this file has 400 problems like the ones below"));
    assert!(
        printed[1].ends_with(
            "= help: headings there: #h0, #h1, #h10, #h100, #h101, #h102, #h103, #h104, #h105, #h106 and 390 more"
        ),
        "{}",
        printed[1]
    );
}

#[test]
fn html_nested_too_deep_to_sanitize_is_refused() {
    let site = site_with_body(&format!("First paragraph.\n\n{}\n", "<div>".repeat(100_000)));
    assert_eq!(
        site.build_err(),
        "content/big.md:8:1: the HTML here nests more than 256 elements deep\n  \
         hint: close the tags you open (`<div>` needs `</div>`): raw HTML is sanitized only up to 256 levels deep"
    );
    let quoted = format!("Intro.\n\n{} deep <b>bold</b>\n", ">".repeat(300));
    let site = site_with_body(&quoted);
    assert!(site.build_err().starts_with("content/big.md:8:257: the HTML here nests more than 256 elements deep"));
}

#[test]
fn html_that_opens_and_closes_its_tags_is_sanitized_however_long() {
    let body = format!("{}\n\n<script>x</script>\n", "<div><b>kept</b></div>\n".repeat(5_000));
    let rendered = render_body_with(&body, &AsWritten, RawHtml::Sanitize);
    assert_eq!(rendered.too_deep, None);
    assert_eq!(rendered.html.matches("<b>kept</b>").count(), 5_000);
    assert!(!rendered.html.contains("<script"));
}

#[test]
fn a_line_of_code_longer_than_the_limit_is_shown_plain() {
    let long = "<a ".repeat(400);
    let site = site_with_body(&format!("```js\nlet x = 1;\n{long}\nlet y = 2;\n```\n"));
    site.build_ok();
    let page = site.page("articles/big/");
    let code = page.inner_html("pre code");
    let escaped = long.replace('<', "&lt;");
    assert!(code.contains(&format!("</span>{escaped}\n<span")), "the long line is plain text:\n{code}");
    assert_eq!(page.count("pre code span.hl-keyword"), 2, "the short lines around it are highlighted");
}

#[test]
fn deeply_nested_flow_yaml_is_refused_before_it_is_read() {
    let nested = "[".repeat(100_000);
    let site = Site::with_config("");
    site.write("content/deep.md", &format!("---\ntitle: T\ndate: 2026-11-23\nextra: {{x: {nested}}}\n---\n"));
    assert_eq!(
        site.build_err(),
        "content/deep.md:4:139: the front matter nests lists and mappings more than 128 levels deep\n  \
         hint: check for a `[` or `{` that is never closed"
    );
}

#[test]
fn front_matter_over_the_limit_is_refused() {
    let site = Site::with_config("");
    let long = "a".repeat(1 << 20);
    site.write("content/long.md", &format!("---\ntitle: T\ndate: 2026-11-23\nextra:\n  x: \"{long}\"\n---\n"));
    assert_eq!(
        site.build_err(),
        "content/long.md:1:1: the front matter is 1025 KiB; it may be at most 1024 KiB\n  \
         hint: keep long text in the body, below the closing `---`"
    );
}

#[test]
fn a_file_with_many_broken_values_shows_the_first_hundred_and_the_count() {
    let timeline: String = (0..150).map(|i| format!("  - date: 20x{i}\n    event: e\n")).collect();
    let site = Site::with_config("");
    site.write("content/t.md", &format!("---\ntitle: T\ndate: 2026-11-23\ntimeline:\n{timeline}---\n"));
    let message = site.build_err();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 2 * 101);
    assert_eq!(lines[0], "content/t.md: this file has 150 problems like the ones below; only the first 100 are shown");
    assert_eq!(lines[1], "  hint: fix those, then run again to see the rest");
    assert_eq!(lines[200], "content/t.md:203:11: `20x99` is not a timeline date");
}

#[test]
fn thousands_of_broken_values_in_one_file_are_reported_in_step_with_their_number() {
    let file = |n: usize| {
        let timeline: String = (0..n).map(|i| format!("  - date: 20x{i}\n    event: e\n")).collect();
        format!("---\ntitle: T\ndate: 2026-11-23\ntimeline:\n{timeline}---\n")
    };
    let config = newsprint::config::parse(&common::site_toml(""), &Default::default()).unwrap();
    grows_in_step("broken timeline dates", 1_000, |n| {
        let found = newsprint::content::parse_text(Path::new("content/t.md"), &file(n), &config).unwrap_err();
        assert_eq!(found.len(), 101);
    });
}
