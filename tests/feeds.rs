//! Feeds, sitemaps, robots.txt and page metadata, read back with the parsers
//! their consumers use: feed-rs for RSS, Atom and JSON Feed, an XML parser
//! for sitemaps, a JSON parser for JSON-LD.

mod common;

use std::fs;

use common::{Site, article, site_toml};
use feed_rs::model::Feed;

/// Five articles in two categories with mixed offsets, plus a recap note.
fn news_site() -> Site {
    let site = Site::with_config("author = \"The desk\"\n");
    let items = [
        ("a", "2026-11-20T09:00:00+08:00", "category: chips\ntags: [hbm]\n"),
        ("b", "2026-11-21T10:00:00-05:00", "category: policy\ntags: [hbm, export]\n"),
        ("c", "2026-11-23T08:30:00+05:45", "category: chips\nupdated: 2026-11-24T12:00:00+05:45\n"),
        ("d", "2026-11-24T12:00:00Z", "category: chips\nimage: /images/d.svg\nimage_alt: \"A chart\"\n"),
        ("e", "2026-11-25T18:00:00+08:00", "source:\n  name: \"Wire\"\n  url: \"https://wire.example.com/e\"\n"),
    ];
    for (slug, date, extra) in items {
        site.write(&format!("content/{slug}.md"), &article(&format!("Story {slug}"), date, extra));
    }
    site.write("content/weeks/2026-W48.md", "---\ntitle: \"Week 48 recap\"\n---\nSee [story d](/articles/d/).\n");
    // Lead images must exist; SVG ones are published as they are.
    for chart in ["c", "d"] {
        site.write(
            &format!("static/images/{chart}.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>",
        );
    }
    site
}

fn parse_feed(site: &Site, path: &str) -> Feed {
    let bytes = fs::read(site.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

fn links(feed: &Feed) -> Vec<String> {
    feed.entries.iter().map(|e| e.links[0].href.clone()).collect()
}

const BASE: &str = "https://wire.example.org";

#[test]
fn site_feeds_list_every_article_newest_first_in_all_three_formats() {
    let site = news_site();
    site.build_ok();
    let expected: Vec<String> = ["e", "d", "c", "b", "a"].iter().map(|s| format!("{BASE}/articles/{s}/")).collect();
    for path in ["feed.xml", "atom.xml", "feed.json"] {
        let feed = parse_feed(&site, path);
        assert_eq!(feed.title.as_ref().map(|t| t.content.as_str()), Some("Test Wire"), "{path}");
        assert_eq!(links(&feed), expected, "{path}");
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "Story e", "{path}");
        let published: Vec<String> = feed.entries.iter().map(|e| e.published.unwrap().to_rfc3339()).collect();
        assert_eq!(published[2], "2026-11-23T02:45:00+00:00", "{path}: the +05:45 offset was applied");
        assert!(feed.entries.iter().all(|e| e.content.is_some() || e.summary.is_some()), "{path}");
    }
}

#[test]
fn feed_dates_keep_each_article_s_own_offset() {
    let site = news_site();
    site.build_ok();
    let rss = fs::read_to_string(site.public().join("feed.xml")).unwrap();
    assert!(rss.contains("<pubDate>Mon, 23 Nov 2026 08:30:00 +0545</pubDate>"), "{rss}");
    assert!(rss.contains("<pubDate>Sat, 21 Nov 2026 10:00:00 -0500</pubDate>"), "{rss}");
    let atom = fs::read_to_string(site.public().join("atom.xml")).unwrap();
    assert!(atom.contains("<published>2026-11-23T08:30:00+05:45</published>"), "{atom}");
    assert!(atom.contains("<updated>2026-11-24T12:00:00+05:45</updated>"), "{atom}");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["items"][1]["date_published"], "2026-11-24T12:00:00+00:00");
    assert_eq!(json["items"][2]["date_modified"], "2026-11-24T12:00:00+05:45");
}

#[test]
fn entries_carry_categories_tags_source_image_and_absolute_content() {
    let site = news_site();
    site.build_ok();
    let atom = parse_feed(&site, "atom.xml");
    let b = &atom.entries[3];
    let terms: Vec<&str> = b.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(terms, ["Policy", "hbm", "export"]);
    assert_eq!(b.authors[0].name.as_deref(), Some("The desk"));
    let e = &atom.entries[0];
    assert_eq!(
        e.links.iter().map(|l| (l.rel.clone(), l.href.clone())).collect::<Vec<_>>(),
        [
            (Some("alternate".to_string()), format!("{BASE}/articles/e/")),
            (Some("via".to_string()), "https://wire.example.com/e".to_string())
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    assert_eq!(json["items"][0]["external_url"], "https://wire.example.com/e");
    assert_eq!(json["items"][1]["image"], format!("{BASE}/images/d.svg"));

    let weeks = parse_feed(&site, "weeks/feed.xml");
    let content = weeks.entries[0].content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(content.contains(&format!("<a href=\"{BASE}/articles/d/\">story d</a>")), "{content}");
}

#[test]
fn category_tag_and_week_feeds() {
    let site = news_site();
    site.build_ok();
    let chips = parse_feed(&site, "categories/chips/atom.xml");
    assert_eq!(links(&chips), ["d", "c", "a"].map(|s| format!("{BASE}/articles/{s}/")));
    assert_eq!(links(&parse_feed(&site, "categories/chips/feed.json")), links(&chips));
    let hbm = parse_feed(&site, "tags/hbm/feed.xml");
    assert_eq!(links(&hbm), ["b", "a"].map(|s| format!("{BASE}/articles/{s}/")));
    let weeks = parse_feed(&site, "weeks/feed.xml");
    let titles: Vec<&str> = weeks.entries.iter().map(|e| e.title.as_ref().unwrap().content.as_str()).collect();
    assert_eq!(titles, ["Week 48 recap", "Week 47, 2026"]);
    assert_eq!(links(&weeks), [format!("{BASE}/weeks/2026-W48/"), format!("{BASE}/weeks/2026-W47/")]);
}

#[test]
fn ids_are_stable_across_builds() {
    let site = news_site();
    site.build_ok();
    let ids = |path: &str| parse_feed(&site, path).entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    let before: Vec<Vec<String>> = ["feed.xml", "atom.xml", "feed.json"].iter().map(|p| ids(p)).collect();
    site.write("content/f.md", &article("Story f", "2026-11-26T09:00:00+08:00", ""));
    site.build_ok();
    for (path, old) in ["feed.xml", "atom.xml", "feed.json"].iter().zip(before) {
        let new = ids(path);
        assert_eq!(new[0], format!("{BASE}/articles/f/"));
        assert_eq!(new[1..], old[..], "{path}");
    }
}

#[test]
fn the_feeds_table_sets_the_limit_and_summary_only_entries() {
    let site = news_site();
    site.write("site.toml", &format!("{}[feeds]\nlimit = 2\ncontent = \"summary\"\n", site_toml("")));
    site.build_ok();
    let rss = parse_feed(&site, "feed.xml");
    assert_eq!(rss.entries.len(), 2);
    let text = fs::read_to_string(site.public().join("feed.xml")).unwrap();
    assert!(!text.contains("content:encoded"), "summary-only feeds carry no full content");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    assert!(json["items"][0].get("content_html").is_none());
    assert_eq!(json["items"][0]["content_text"], "Body of Story e.");
}

#[test]
fn pages_announce_their_feeds() {
    let site = news_site();
    site.build_ok();
    let home = site.page("");
    assert_eq!(home.attrs("link[rel=alternate]", "href"), ["/feed.xml", "/atom.xml", "/feed.json"]);
    assert_eq!(
        home.attrs("link[rel=alternate]", "type"),
        ["application/rss+xml", "application/atom+xml", "application/feed+json"]
    );
    assert_eq!(
        site.page("categories/chips/").attrs("link[rel=alternate]", "href")[3..],
        ["/categories/chips/feed.xml", "/categories/chips/atom.xml", "/categories/chips/feed.json"]
    );
    assert_eq!(site.page("weeks/2026-W48/").attrs("link[rel=alternate]", "href")[3..], ["/weeks/feed.xml"]);
}

#[test]
fn sitemap_lists_every_page_with_lastmod_and_each_loc_exists() {
    let site = news_site();
    site.build_ok();
    let text = fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
    let urls: Vec<(String, Option<String>)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "url")))
        .map(|u| {
            let child = |name: &str| {
                u.children().find(|c| c.has_tag_name((ns, name))).and_then(|c| c.text()).map(str::to_string)
            };
            (child("loc").unwrap(), child("lastmod"))
        })
        .collect();
    let pages = common::snapshot(&site.public())
        .into_iter()
        .filter(|(p, _)| p.file_name().is_some_and(|n| n == "index.html"))
        .count();
    assert_eq!(urls.len(), pages - 1, "every page but the search page (404.html and email.html are not index.html)");
    for (loc, _) in &urls {
        let path = loc.strip_prefix(BASE).unwrap().trim_start_matches('/');
        assert!(site.output_file(path).is_file(), "{loc} has no file");
    }
    let lastmod = |loc: &str| urls.iter().find(|(l, _)| l == loc).unwrap().1.clone();
    assert_eq!(lastmod(&format!("{BASE}/articles/c/")).as_deref(), Some("2026-11-24T12:00:00+05:45"));
    assert_eq!(lastmod(&format!("{BASE}/articles/b/")).as_deref(), Some("2026-11-21T10:00:00-05:00"));
    assert_eq!(lastmod(&format!("{BASE}/")).as_deref(), Some("2026-11-25T18:00:00+08:00"));
}

#[test]
fn news_sitemap_has_the_last_two_days_and_robots_points_at_both() {
    let site = news_site();
    site.build_with(|o| o.now = Some("2026-11-26T00:00:00Z".parse().unwrap())).unwrap();
    let text = fs::read_to_string(site.public().join("news-sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let news = "http://www.google.com/schemas/sitemap-news/0.9";
    let titles: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name((news, "title"))).filter_map(|n| n.text()).collect();
    assert_eq!(titles, ["Story e", "Story d"]);
    let name: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name((news, "name"))).filter_map(|n| n.text()).collect();
    assert_eq!(name, ["Test Wire", "Test Wire"]);
    let dates: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name((news, "publication_date"))).filter_map(|n| n.text()).collect();
    assert_eq!(dates, ["2026-11-25T18:00:00+08:00", "2026-11-24T12:00:00+00:00"]);
    assert_eq!(
        fs::read_to_string(site.public().join("robots.txt")).unwrap(),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\nSitemap: {BASE}/news-sitemap.xml\n")
    );
}

#[test]
fn article_pages_carry_open_graph_twitter_and_news_article_json_ld() {
    let site = news_site();
    site.write("content/c.md", &article("Story c", "2026-11-23T08:30:00+05:45", "category: chips\ntags: [hbm, memory]\nupdated: 2026-11-24T12:00:00+05:45\nauthor: \"Lin Qiao\"\nsource:\n  name: S\n  url: \"https://s.example/c\"\nimage: /images/c.svg\nimage_alt: \"Chart\"\n"));
    site.build_ok();
    let page = site.page("articles/c/");
    let meta = |property: &str| page.attrs(&format!("meta[property='{property}']"), "content");
    assert_eq!(meta("og:type"), ["article"]);
    assert_eq!(meta("og:url"), [format!("{BASE}/articles/c/")]);
    assert_eq!(meta("og:image"), [format!("{BASE}/images/c.svg")]);
    assert_eq!(meta("article:published_time"), ["2026-11-23T08:30:00+05:45"]);
    assert_eq!(meta("article:modified_time"), ["2026-11-24T12:00:00+05:45"]);
    assert_eq!(meta("article:section"), ["Chips"]);
    assert_eq!(meta("article:tag"), ["hbm", "memory"]);
    assert_eq!(page.attrs("meta[name='twitter:card']", "content"), ["summary_large_image"]);

    let scripts = page.texts("script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1);
    let ld: serde_json::Value = serde_json::from_str(&page.inner_html("script[type='application/ld+json']")).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Story c");
    assert_eq!(ld["datePublished"], "2026-11-23T08:30:00+05:45");
    assert_eq!(ld["dateModified"], "2026-11-24T12:00:00+05:45");
    assert_eq!(ld["description"], "Body of Story c.");
    assert_eq!(ld["author"], serde_json::json!({"@type": "Person", "name": "Lin Qiao"}));
    assert_eq!(
        ld["publisher"],
        serde_json::json!({"@type": "NewsMediaOrganization", "name": "Test Wire", "url": format!("{BASE}/")})
    );
    assert_eq!(ld["keywords"], serde_json::json!(["hbm", "memory"]));
    assert_eq!(ld["isBasedOn"], "https://s.example/c");
    assert_eq!(ld["image"], serde_json::json!([format!("{BASE}/images/c.svg")]));
}

#[test]
fn week_pages_carry_an_item_list() {
    let site = news_site();
    site.build_ok();
    let page = site.page("weeks/2026-W48/");
    let ld: serde_json::Value = serde_json::from_str(&page.inner_html("script[type='application/ld+json']")).unwrap();
    assert_eq!(ld["@type"], "CollectionPage");
    assert_eq!(ld["name"], "Week 48 recap");
    assert_eq!(ld["mainEntity"]["@type"], "ItemList");
    assert_eq!(ld["mainEntity"]["numberOfItems"], 3);
    assert_eq!(
        ld["mainEntity"]["itemListElement"][0],
        serde_json::json!({"@type": "ListItem", "position": 1, "url": format!("{BASE}/articles/e/"), "name": "Story e"})
    );
}

#[test]
fn hostile_titles_survive_intact_and_escaped_everywhere() {
    let title = r#"A "quoted" </script><script>alert(1)</script> & <b>bold</b> 'single'"#;
    let site = Site::with_config("");
    site.write(
        "content/x.md",
        &format!(
            "---\ntitle: '{}'\ndate: 2026-11-24T10:00:00+08:00\ntags: [\"<i>t</i>\"]\n---\nBody.\n",
            title.replace('\'', "''")
        ),
    );
    site.build_ok();

    let page = site.page("articles/x/");
    assert_eq!(page.text("h1"), title);
    assert_eq!(page.text("title"), format!("{title} · Test Wire"));
    assert_eq!(page.attrs("meta[property='og:title']", "content"), [title]);
    assert_eq!(page.count("script"), 1, "only the JSON-LD script; nothing injected");
    assert_eq!(page.count("h1 b, h1 script"), 0);
    let ld: serde_json::Value = serde_json::from_str(&page.inner_html("script[type='application/ld+json']")).unwrap();
    assert_eq!(ld["headline"], title);
    assert_eq!(ld["keywords"][0], "<i>t</i>");

    for path in ["feed.xml", "atom.xml", "feed.json"] {
        let feed = parse_feed(&site, path);
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, title, "{path}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    assert_eq!(json["items"][0]["tags"][0], "<i>t</i>");
    let sitemap = fs::read_to_string(site.public().join("news-sitemap.xml")).unwrap();
    roxmltree::Document::parse(&sitemap).expect("the news sitemap stays well-formed XML");
}

#[test]
fn tag_pages_announce_the_tag_feeds() {
    let site = news_site();
    site.build_ok();
    assert_eq!(
        site.page("tags/hbm/").attrs("link[rel=alternate]", "href")[3..],
        ["/tags/hbm/feed.xml", "/tags/hbm/atom.xml", "/tags/hbm/feed.json"]
    );
}

/// A full-content entry carries the whole article, as its page shows it:
/// the lead image, the TL;DR, who should care, the takeaways, the tables,
/// the body, the deep dive, the predictions, the timeline and the
/// corrections, with absolute links.
#[test]
fn full_content_entries_carry_the_digest_parts_and_the_lead_image() {
    let site = Site::fixture("parts");
    site.build_ok();
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Chipmaker pauses fab expansion as power deals stall")
        .unwrap();
    let html = scraper::Html::parse_fragment(item["content_html"].as_str().unwrap());
    let texts = |css: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap();
        html.select(&selector)
            .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let headings = texts("h2");
    for part in [
        "TL;DR",
        "Who should care",
        "Key takeaways",
        "Technical deep dive",
        "What we expect",
        "Timeline",
        "Corrections",
    ] {
        assert!(headings.iter().any(|h| h == part), "no {part} in {headings:?}");
    }
    assert_eq!(
        texts("ol li")[..2],
        ["Two of four planned sites are paused.", "Power contracts, not equipment, are the bottleneck."]
    );
    assert_eq!(texts("table caption"), ["How the three builders compare"]);
    assert_eq!(texts("table tbody th"), ["Primary focus", "Status"]);
    assert!(
        texts("ul li")
            .iter()
            .any(|l| l.starts_with("Second-half deliveries slip by at least two quarters. (Medium confidence)"))
    );
    let image = scraper::Selector::parse("img").unwrap();
    let srcs: Vec<&str> = html.select(&image).filter_map(|e| e.value().attr("src")).collect();
    assert_eq!(srcs[0], "https://parts.example.org/images/fab.svg");
}

/// Every file of the output whose name ends with `suffix`, relative to it.
fn outputs_ending(site: &Site, suffix: &str) -> Vec<String> {
    let public = site.public();
    let mut found: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(suffix))
        .map(|e| e.path().strip_prefix(&public).unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    found
}

/// Parses every XML file of the output (feeds, sitemaps, news sitemap) and
/// hands each one to `check`, after feeding every feed to feed-rs.
fn every_xml_output(site: &Site, check: impl Fn(&str, &roxmltree::Document)) {
    let xml = outputs_ending(site, ".xml");
    for wanted in ["feed.xml", "atom.xml", "sitemap.xml", "news-sitemap.xml", "weeks/feed.xml"] {
        assert!(xml.iter().any(|p| p == wanted), "no {wanted} in {xml:?}");
    }
    for path in &xml {
        let text = fs::read_to_string(site.public().join(path)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path} is not well-formed XML: {e}"));
        check(path, &doc);
    }
    for path in xml.iter().filter(|p| p.ends_with("feed.xml") || p.ends_with("atom.xml")) {
        parse_feed(site, path);
    }
    for path in outputs_ending(site, "feed.json") {
        parse_feed(site, &path);
    }
}

#[test]
fn rss_descriptions_show_quoted_markup_as_text() {
    let site = Site::with_config("description = \"Notes on <img src=x onerror=alert(2)> and friends\"\n");
    let body = "Attackers used `<img src=x onerror=alert(1)>` in comments.";
    site.write(
        "content/x.md",
        &format!("---\ntitle: T\ndate: 2026-11-24T10:00:00+08:00\ncategory: chips\ntags: [hbm]\n---\n\n{body}\n"),
    );
    site.write("content/weeks/2026-W48.md", "---\ntitle: \"Week <img src=x onerror=alert(3)>\"\n---\nNote.\n");
    site.build_ok();
    let rss: Vec<String> = outputs_ending(&site, "feed.xml");
    assert_eq!(
        rss,
        ["categories/chips/feed.xml", "categories/policy/feed.xml", "feed.xml", "tags/hbm/feed.xml", "weeks/feed.xml"]
    );
    for path in &rss {
        let text = fs::read_to_string(site.public().join(path)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let descriptions: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("description")).map(|n| n.text().unwrap_or("")).collect();
        assert!(descriptions.len() >= 2 || path.contains("policy"), "{path}: {descriptions:?}");
        for description in &descriptions {
            // What a feed reader shows: the description read as HTML.
            let shown = scraper::Html::parse_fragment(description);
            let live = shown.select(&scraper::Selector::parse("img, script, [onerror]").unwrap()).count();
            assert_eq!(live, 0, "{path}: `{description}` holds live markup");
        }
    }
    let site_feed = fs::read_to_string(site.public().join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&site_feed).unwrap();
    let shown = |parent: &str| {
        let node = doc.descendants().find(|n| n.has_tag_name(parent)).unwrap();
        let description = node.children().find(|n| n.has_tag_name("description")).unwrap().text().unwrap();
        scraper::Html::parse_fragment(description).root_element().text().collect::<String>()
    };
    assert_eq!(shown("channel"), "Notes on <img src=x onerror=alert(2)> and friends");
    assert_eq!(shown("item"), "Attackers used <img src=x onerror=alert(1)> in comments.", "shown as text");
    every_xml_output(&site, |_, _| {});
}

#[test]
fn invisible_characters_never_break_an_xml_output() {
    let site = Site::with_config("description = \"Desk \\u0001 notes\"\n");
    site.write(
        "content/x.md",
        "---\ntitle: \"Control \\x01 title \\uFFFF\"\ndate: 2026-11-24T10:00:00+08:00\ncategory: chips\ntags: [hbm]\n\
         source:\n  name: Wire\n  url: \"https://wire.example.com/a\\x08b\"\n---\n\n\
         Body \u{1} one \u{8} two \u{b} three \u{c} four \u{0} five \u{ffff} six.\n",
    );
    site.write("content/weeks/2026-W48.md", "---\ntitle: \"Week \u{1}48\"\n---\nNote \u{8}here.\n");
    let now = "2026-11-25T00:00:00Z".parse().unwrap();
    let report = site.build_with(|o| o.now = Some(now)).unwrap_or_else(|e| panic!("{e}"));
    let mut warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    warnings.sort();
    let hint = "\n  hint: delete them in your editor, or fix the tool that wrote this file";
    assert_eq!(
        warnings,
        [
            format!(
                "content/weeks/2026-W48.md:2:14: removed 2 invisible characters that XML feeds cannot carry (U+0001, U+0008), the first of them here{hint}"
            ),
            format!(
                "content/x.md:11:6: removed 6 invisible characters that XML feeds cannot carry (U+0001, U+0008, U+000B, U+000C, U+0000, U+FFFF), the first of them here{hint}"
            ),
            format!(
                "content/x.md:2:8: removed 3 invisible characters that XML feeds cannot carry (U+0001, U+FFFF, U+0008), the first of them here{hint}"
            ),
        ]
    );
    every_xml_output(&site, |path, doc| {
        let text: String = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(!text.contains(['\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{0}', '\u{ffff}']), "{path}");
    });
    let feed = parse_feed(&site, "feed.xml");
    assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "Control  title");
    assert_eq!(feed.description.as_ref().unwrap().content, "Desk  notes");
    let rss = fs::read_to_string(site.public().join("feed.xml")).unwrap();
    assert!(rss.contains("<source url=\"https://wire.example.com/ab\">Wire</source>"), "{rss}");
}
