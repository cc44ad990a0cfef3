//! Home, week, category and tag pages; drafts; sub-path URLs; theme
//! overrides; the example site at the repository root.

mod common;

use common::{Site, article, site_toml};

/// A site with `n` articles, one a day at noon Shanghai time from 2026-11-01.
fn site_with(n: usize, per_page: usize) -> Site {
    let site = Site::with_config(&format!("per_page = {per_page}\n"));
    for i in 0..n {
        let date = format!("2026-11-{:02}T12:00:00+08:00", i % 28 + 1);
        let extra = if i % 2 == 0 { "category: chips\ntags: [hbm]\n" } else { "category: policy\n" };
        site.write(&format!("content/a{i:03}.md"), &article(&format!("Article {i:03}"), &date, extra));
    }
    site
}

#[test]
fn home_is_paginated_newest_first() {
    let site = site_with(25, 10);
    site.build_ok();
    let first = site.page("");
    assert_eq!(first.count(".cards .card"), 10);
    assert_eq!(first.texts(".card-title").first().map(String::as_str), Some("Article 024"));
    assert_eq!(first.attrs(".pagination a[rel=next]", "href"), ["/page/2/"]);
    assert_eq!(first.count(".pagination a[rel=prev]"), 0);
    assert_eq!(first.attrs(".pagination a[aria-current=page]", "href"), ["/"]);

    let third = site.page("page/3/");
    assert_eq!(third.count(".cards .card"), 5);
    assert_eq!(third.texts(".card-title").last().map(String::as_str), Some("Article 000"));
    assert_eq!(third.attrs(".pagination a[rel=prev]", "href"), ["/page/2/"]);
    assert_eq!(third.count(".pagination a[rel=next]"), 0);
    assert_eq!(third.text("title"), "Test Wire (page 3) · Test Wire");
    assert!(!site.has_page("page/4/"), "no empty trailing page");
    assert!(!site.has_page("page/1/"), "page 1 is the home page itself");
}

#[test]
fn category_and_tag_pages_list_their_articles_with_pagination() {
    let site = site_with(25, 10);
    site.build_ok();
    let chips = site.page("categories/chips/");
    assert_eq!(chips.text(".page-head h1"), "🔌 Chips");
    assert_eq!(chips.count(".cards .card"), 10);
    assert_eq!(chips.attrs(".pagination a[rel=next]", "href"), ["/categories/chips/page/2/"]);
    assert_eq!(site.page("categories/chips/page/2/").count(".cards .card"), 3);
    assert_eq!(site.page("categories/policy/").count(".cards .card"), 10);

    let hbm = site.page("tags/hbm/");
    assert_eq!(hbm.text(".page-head h1"), "hbm");
    assert_eq!(hbm.text(".page-head .lede"), "13 articles. All tags");
    let tags = site.page("tags/");
    assert_eq!(tags.texts(".term-list li"), ["hbm 13"]);
    let categories = site.page("categories/");
    assert_eq!(categories.texts(".term-list li"), ["🔌 Chips 13", "Policy 12"]);
}

#[test]
fn tags_merge_by_slug_and_show_the_common_spelling() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-02", "tags: [Open Weights]\n"));
    site.write("content/b.md", &article("B", "2026-11-03", "tags: [open-weights]\n"));
    site.write("content/c.md", &article("C", "2026-11-04", "tags: [Open Weights]\n"));
    site.build_ok();
    assert_eq!(site.page("tags/").texts(".term-list a"), ["Open Weights"]);
    assert_eq!(site.page("tags/open-weights/").count(".card"), 3);
    assert_eq!(site.page("articles/b/").texts(".tags a"), ["Open Weights"]);
}

#[test]
fn weeks_are_cut_in_the_site_time_zone() {
    let site = Site::with_config("");
    // Sunday 23:30 and Monday 00:30 in Shanghai: both Sunday in UTC.
    site.write("content/sunday.md", &article("Sunday night", "2026-11-22T23:30:00+08:00", ""));
    site.write("content/monday.md", &article("Monday morning", "2026-11-22T16:30:00Z", ""));
    site.build_ok();
    assert_eq!(site.page("weeks/2026-W47/").texts(".card-title"), ["Sunday night"]);
    assert_eq!(site.page("weeks/2026-W48/").texts(".card-title"), ["Monday morning"]);
    assert_eq!(site.page("articles/monday/").attrs(".kicker a[href^='/weeks/']", "href"), ["/weeks/2026-W48/"]);

    // The same two articles in a UTC site share one week.
    site.write("site.toml", &site_toml("").replace("Asia/Shanghai", "UTC"));
    site.build_ok();
    assert_eq!(site.page("weeks/2026-W47/").count(".card"), 2);
    assert!(!site.has_page("weeks/2026-W48/"));
}

#[test]
fn week_page_shows_note_highlights_then_groups_by_category() {
    let site = Site::with_config("");
    site.write(
        "content/a.md",
        &article("Chip A", "2026-11-23T10:00:00+08:00", "category: chips\ntakeaways: [\"**First** takeaway\"]\n"),
    );
    site.write("content/b.md", &article("Policy B", "2026-11-24T10:00:00+08:00", "category: policy\n"));
    site.write("content/c.md", &article("Chip C", "2026-11-25T10:00:00+08:00", "category: chips\n"));
    site.write("content/d.md", &article("Loose D", "2026-11-26T10:00:00+08:00", ""));
    site.write("content/old.md", &article("Old", "2026-11-10T10:00:00+08:00", ""));
    site.write("content/weeks/2026-W48.md", "---\ntitle: \"Week 48: chips\"\nhighlights: [b]\n---\nThe *note*.\n");
    site.build_ok();
    let week = site.page("weeks/2026-W48/");
    assert_eq!(week.text(".page-head h1"), "Week 48: chips");
    assert_eq!(week.text(".page-head .kicker"), "Weekly recap · 23–29 Nov 2026");
    assert_eq!(week.inner_html(".editor-note p"), "The <em>note</em>.");
    assert_eq!(week.texts(".highlights .card-title"), ["Policy B"]);
    assert_eq!(week.texts(".week-group h2"), ["🔌 Chips", "More this week"]);
    assert_eq!(week.texts(".week-group:nth-of-type(3) .card-title"), ["Chip C", "Chip A"]);
    assert_eq!(week.text(".card:has(a[href='/articles/a/']) .card-takeaway"), "Key takeaway: First takeaway");
    assert_eq!(week.attrs(".prev-next .prev", "href"), ["/weeks/2026-W46/"]);
    assert_eq!(week.count(".prev-next .next"), 0);

    let archive = site.page("weeks/");
    assert_eq!(archive.texts(".week-list a"), ["Week 48: chips", "Week 46, 2026"]);
    assert_eq!(archive.texts(".week-list .meta"), ["23–29 Nov 2026 · 4 articles", "9–15 Nov 2026 · 1 article"]);
}

#[test]
fn a_note_for_a_week_without_articles_is_a_warning() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23T10:00:00+08:00", ""));
    site.write("content/weeks/2026-W10.md", "---\ntitle: Early\n---\nNote.\n");
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "content/weeks/2026-W10.md: no published article falls in 2026-W10, so this recap note is not published\n  hint: check the file name, or publish an article dated in that week"
        ]
    );
    assert!(!site.has_page("weeks/2026-W10/"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::with_config("");
    site.write("content/live.md", &article("Live", "2026-11-23", "tags: [hbm]\n"));
    site.write("content/draft.md", &article("Secret draft", "2026-11-24", "draft: true\ntags: [secret]\n"));
    site.build_ok();
    assert!(!site.has_page("articles/draft/"));
    assert!(!site.has_page("tags/secret/"));
    assert_eq!(site.page("").texts(".card-title"), ["Live"]);

    site.build_with(|o| o.drafts = true).unwrap();
    assert!(site.has_page("articles/draft/"));
    assert_eq!(site.page("").texts(".card-title"), ["Secret draft", "Live"]);
    assert_eq!(site.page("").count(".card.is-draft"), 1);
}

#[test]
fn a_sub_path_base_url_prefixes_every_link() {
    let site = Site::fixture("parts");
    site.write(
        "site.toml",
        &std::fs::read_to_string(site.root().join("site.toml"))
            .unwrap()
            .replace("https://parts.example.org", "https://x.github.io/wire/"),
    );
    site.build_ok();
    let page = site.page("articles/fab-expansion-paused/");
    assert_eq!(page.attrs("link[rel=canonical]", "href"), ["https://x.github.io/wire/articles/fab-expansion-paused/"]);
    assert_eq!(page.attrs("link[rel=stylesheet]", "href"), ["/wire/css/newsroom.css", "/wire/css/syntax.css"]);
    assert_eq!(page.attrs(".lead-image img", "src"), ["/wire/images/fab.svg"]);
    let links = page.attrs("a[href^='/']", "href");
    assert!(!links.is_empty());
    assert!(links.iter().all(|href| href.starts_with("/wire/")), "{links:?}");

    // --base-url wins over site.toml.
    site.build_with(|o| o.base_url = Some("http://127.0.0.1:1111".into())).unwrap();
    assert_eq!(site.page("").attrs(".brand a", "href"), ["/"]);
    assert_eq!(site.page("").attrs("link[rel=canonical]", "href"), ["http://127.0.0.1:1111/"]);
}

#[test]
fn site_templates_and_static_files_override_the_theme_file_by_file() {
    let site = Site::fixture("parts");
    site.write("templates/partials/card.html", "<article class=\"card custom-card\">{{ article.title }}</article>");
    site.write("static/css/newsroom.css", "/* mine */");
    site.build_ok();
    assert_eq!(site.page("").count(".custom-card"), 2);
    assert_eq!(std::fs::read_to_string(site.public().join("css/newsroom.css")).unwrap(), "/* mine */");
    // Files the site does not override still come from the theme.
    assert!(site.public().join("css/syntax.css").is_file());
    assert_eq!(site.page("articles/fab-expansion-paused/").count(".tldr"), 1);
}

#[test]
fn not_found_page_and_index_pages_exist() {
    let site = Site::fixture("parts");
    site.build_ok();
    assert_eq!(site.page("404.html").text("h1"), "Page not found");
    assert_eq!(site.page("404.html").attrs(".term-list a", "href"), ["/", "/weeks/", "/categories/", "/tags/"]);
    assert!(site.has_page("categories/chips/"), "declared categories get a page even when empty");
}

#[test]
fn builds_are_deterministic() {
    let site = Site::fixture("parts");
    site.build_ok();
    let first = common::snapshot(&site.public());
    site.build_ok();
    assert_eq!(first, common::snapshot(&site.public()));
}

#[test]
fn the_example_site_builds_with_every_page_kind() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let report = newsprint::build(&newsprint::BuildOptions {
        output: Some(output.clone()),
        ..newsprint::BuildOptions::new(common::repo())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.articles >= 12, "{report:?}");
    assert!(report.weeks >= 3 && report.categories >= 4, "{report:?}");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    for page in [
        "index.html",
        "weeks/index.html",
        "categories/index.html",
        "tags/index.html",
        "404.html",
        "weeks/2026-W47/index.html",
    ] {
        assert!(output.join(page).is_file(), "{page}");
    }
}
