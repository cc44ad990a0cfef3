//! Trust, as readers and machines see it (fixture: tests/sites/trust, under
//! a sub-path): how each article was made and who reviewed it, on its page,
//! its cards, its email item, its feeds and its JSON-LD (with the exact IPTC
//! digital source type URIs); author pages with their `ProfilePage`;
//! corrections as `CorrectionComment`s; the publisher as a
//! `NewsMediaOrganization`; share links; and what `check` says about
//! machine-written articles nobody reviewed.

mod common;

use common::{Page, Site, article, site_toml};
use serde_json::{Value, json};

const BASE: &str = "https://trust.example.org/wire";
const IPTC: &str = "http://cv.iptc.org/newscodes/digitalsourcetype/";

fn built() -> Site {
    let site = Site::fixture("trust");
    site.build_with(|o| o.now = Some("2026-11-30T00:00:00Z".parse().unwrap())).unwrap_or_else(|e| panic!("{e}"));
    site
}

/// The JSON-LD of a page, parsed.
fn json_ld(page: &Page) -> Value {
    serde_json::from_str(&page.inner_html("script[type='application/ld+json']")).expect("the structured data is JSON")
}

fn publisher() -> Value {
    json!({
        "@type": "NewsMediaOrganization",
        "name": "Trust Media",
        "url": "https://media.trust.example.org/",
        "logo": {"@type": "ImageObject", "url": format!("{BASE}/images/logo.svg")},
        "publishingPrinciples": format!("{BASE}/about/principles/"),
        "correctionsPolicy": format!("{BASE}/about/corrections/"),
        "verificationFactCheckingPolicy": "https://media.trust.example.org/fact-checking",
        "ethicsPolicy": format!("{BASE}/about/ethics/"),
        "masthead": format!("{BASE}/about/masthead/"),
    })
}

fn lin() -> Value {
    json!({
        "@type": "Person",
        "name": "Lin Qiao",
        "url": format!("{BASE}/authors/lin/"),
        "jobTitle": "Chips reporter",
        "sameAs": ["https://linqiao.example.net/", "https://mastodon.example/@linqiao", "https://www.github.example.com/linqiao"],
    })
}

fn mara() -> Value {
    json!({"@type": "Person", "name": "Mara Lind", "url": format!("{BASE}/authors/mara/"), "jobTitle": "Managing editor"})
}

#[test]
fn a_machine_written_article_says_so_with_its_reviewer_in_json_ld() {
    let site = built();
    let ld = json_ld(&site.page("articles/machine/"));
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["digitalSourceType"], format!("{IPTC}trainedAlgorithmicMedia"));
    assert_eq!(ld["digitalSourceType"], "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
    assert_eq!(ld["editor"], mara());
    assert_eq!(ld["author"], json!({"@type": "Organization", "name": "The Trust desk"}), "the site's desk");
    assert_eq!(ld["publisher"], publisher());
    assert!(ld.get("hasPart").is_none(), "every part is as machine-written as the whole");
}

#[test]
fn an_ai_assisted_article_marks_the_sections_and_the_image_a_machine_made() {
    let site = built();
    let ld = json_ld(&site.page("articles/assisted/"));
    assert_eq!(ld["digitalSourceType"], format!("{IPTC}compositeWithTrainedAlgorithmicMedia"));
    assert_eq!(ld["author"], lin());
    assert_eq!(ld["editor"], mara());
    assert_eq!(
        ld["hasPart"],
        json!([{
            "@type": "WebPageElement",
            "name": "Key takeaways",
            "cssSelector": ".takeaways",
            "digitalSourceType": format!("{IPTC}trainedAlgorithmicMedia"),
        }])
    );
    assert_eq!(
        ld["image"],
        json!([{
            "@type": "ImageObject",
            "url": format!("{BASE}/images/lin.svg"),
            "digitalSourceType": format!("{IPTC}trainedAlgorithmicMedia"),
        }])
    );
    // The selector finds the section it names on the page.
    let page = site.page("articles/assisted/");
    assert_eq!(page.count(".takeaways .ai-label"), 1);
    assert_eq!(page.text(".lead-image figcaption"), "AI-generated image");
}

#[test]
fn corrections_are_correction_comments_and_the_latest_is_date_modified() {
    let site = built();
    let ld = json_ld(&site.page("articles/human/"));
    assert_eq!(
        ld["correction"],
        json!([
            {"@type": "CorrectionComment", "text": "The company's name was misspelt.", "datePublished": "2026-11-23T15:00:00+08:00"},
            {"@type": "CorrectionComment", "text": "An earlier version said three sites were paused; it is two.", "datePublished": "2026-11-24T18:00:00+08:00"},
        ])
    );
    assert_eq!(ld["dateModified"], "2026-11-24T18:00:00+08:00", "later than `updated`");
    assert_eq!(ld["digitalSourceType"], format!("{IPTC}digitalCreation"), "the site's default, `human`");
    assert_eq!(ld["author"], json!([lin(), {"@type": "Person", "name": "Kai Moreno"}]));
    assert!(ld.get("editor").is_none());
}

#[test]
fn author_pages_have_a_profile_page_their_articles_and_feeds() {
    let site = built();
    let page = site.page("authors/lin/");
    let ld = json_ld(&page);
    assert_eq!(
        ld,
        json!({
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": format!("{BASE}/authors/lin/"),
            "name": "Lin Qiao",
            "mainEntity": {
                "@type": "Person",
                "name": "Lin Qiao",
                "url": format!("{BASE}/authors/lin/"),
                "jobTitle": "Chips reporter",
                "description": "Lin covers the fabs and the power they need.",
                "image": format!("{BASE}/images/lin.svg"),
                "sameAs": ["https://linqiao.example.net/", "https://mastodon.example/@linqiao", "https://www.github.example.com/linqiao"],
            },
        })
    );
    assert_eq!(page.text("h1"), "Lin Qiao");
    assert_eq!(page.text(".author-head .kicker"), "Author · Chips reporter");
    assert_eq!(page.text(".author-head .lede"), "Lin covers the fabs and the power they need.");
    assert_eq!(page.text(".author-counts"), "2 articles written");
    assert_eq!(page.texts(".author-links a"), ["Website", "mastodon.example", "github.example.com"]);
    assert_eq!(page.attrs(".author-photo", "src"), ["/wire/images/lin.svg"]);
    // One article a page (per_page = 1), newest first.
    assert_eq!(page.texts(".card-title"), ["Power deals, not chips, set the pace"]);
    assert_eq!(site.page("authors/lin/page/2/").texts(".card-title"), ["Fab expansion paused at two sites"]);
    assert_eq!(
        page.attrs("link[rel=alternate]", "href")[3..],
        ["/wire/authors/lin/feed.xml", "/wire/authors/lin/atom.xml", "/wire/authors/lin/feed.json"]
    );
    let feed = std::fs::read_to_string(site.public().join("authors/lin/feed.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .filter_map(|n| n.children().find(|c| c.has_tag_name("title"))?.text())
        .collect();
    assert_eq!(titles, ["Power deals, not chips, set the pace", "Fab expansion paused at two sites"]);

    // An editor who only reviews lists what they reviewed.
    let mara = site.page("authors/mara/");
    assert_eq!(mara.text(".author-counts"), "2 articles reviewed");
    assert_eq!(mara.count(".author-photo, .author-links"), 0, "nothing declared, nothing shown");
}

#[test]
fn bylines_link_to_author_pages_and_labels_name_the_reviewer() {
    let site = built();
    let human = site.page("articles/human/");
    assert_eq!(human.text(".byline").split(" · ").next(), Some("By Lin Qiao, Kai Moreno"));
    assert_eq!(human.attrs(".byline a[rel=author]", "href"), ["/wire/authors/lin/"]);
    assert_eq!(human.attrs("meta[name=author]", "content"), ["Lin Qiao", "Kai Moreno"]);

    let assisted = site.page("articles/assisted/");
    assert_eq!(
        assisted.text(".disclosure"),
        "AI-assisted Written with AI: parts of it were generated by a machine and edited by people. Reviewed by Mara Lind. How we use AI"
    );
    assert_eq!(assisted.attrs(".disclosure a", "href"), ["/wire/authors/mara/", "/wire/about/ai/"]);
    assert_eq!(
        assisted.attrs("meta[name=digital-source-type]", "content"),
        [format!("{IPTC}compositeWithTrainedAlgorithmicMedia")]
    );
    assert_eq!(
        assisted.attrs(".takeaways .ai-label", "title"),
        ["This section was drafted by a machine and reviewed by Mara Lind."]
    );

    // Cards label every article people did not write alone, with the reviewer.
    let home = site.page("");
    assert_eq!(home.text(".card-disclosure"), "AI-generated · Reviewed by Mara Lind");
    assert_eq!(site.page("page/3/").count(".card-disclosure"), 0, "a human article's card has no label");
    let email = std::fs::read_to_string(site.public().join("weeks/2026-W48/email.html")).unwrap();
    assert!(email.contains("<strong>AI-generated</strong> · Reviewed by Mara Lind"), "{email}");
    assert!(email.contains("<strong>AI-assisted</strong> · Reviewed by Mara Lind"), "{email}");
}

#[test]
fn feeds_carry_the_iptc_source_type_and_the_authors_pages() {
    let site = built();
    let atom = std::fs::read_to_string(site.public().join("atom.xml")).unwrap();
    let atom = roxmltree::Document::parse(&atom).unwrap();
    let entry = |title: &str| {
        atom.descendants()
            .find(|n| {
                n.has_tag_name("entry") && n.children().any(|c| c.has_tag_name("title") && c.text() == Some(title))
            })
            .unwrap()
    };
    let machine = entry("Machine-written roundup of fab news");
    let category = machine.children().find(|c| c.has_tag_name("category") && c.attribute("scheme").is_some()).unwrap();
    assert_eq!(
        (category.attribute("term"), category.attribute("scheme"), category.attribute("label")),
        (Some("trainedAlgorithmicMedia"), Some(IPTC), Some("AI-generated"))
    );
    let contributor = machine.children().find(|c| c.has_tag_name("contributor")).unwrap();
    assert_eq!(contributor.children().find(|c| c.has_tag_name("name")).unwrap().text(), Some("Mara Lind"));
    let authors: Vec<(Option<&str>, Option<&str>)> = entry("Fab expansion paused at two sites")
        .children()
        .filter(|c| c.has_tag_name("author"))
        .map(|a| {
            let text = |tag| a.children().find(|c| c.has_tag_name(tag)).and_then(|c| c.text());
            (text("name"), text("uri"))
        })
        .collect();
    assert_eq!(
        authors,
        [(Some("Lin Qiao"), Some("https://trust.example.org/wire/authors/lin/")), (Some("Kai Moreno"), None)]
    );

    let rss = std::fs::read_to_string(site.public().join("feed.xml")).unwrap();
    let rss = roxmltree::Document::parse(&rss).unwrap();
    let terms: Vec<&str> = rss
        .descendants()
        .filter(|n| n.has_tag_name("category") && n.attribute("domain") == Some(IPTC))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(terms, ["trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "digitalCreation"]);

    let json: Value = serde_json::from_str(&std::fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    assert_eq!(
        json["items"][0]["_disclosure"],
        json!({
            "about": IPTC,
            "digital_source_type": format!("{IPTC}trainedAlgorithmicMedia"),
            "label": "AI-generated",
            "reviewed_by": "Mara Lind",
        })
    );
    assert_eq!(
        json["items"][2]["authors"],
        json!([{"name": "Lin Qiao", "url": format!("{BASE}/authors/lin/")}, {"name": "Kai Moreno"}])
    );
}

#[test]
fn the_footer_links_the_publisher_s_policies_and_shows_its_rights_notice() {
    let site = built();
    let page = site.page("");
    assert_eq!(
        page.texts(".policies a"),
        ["Editorial principles", "Corrections policy", "Fact-checking", "Ethics", "Masthead", "How we use AI"]
    );
    assert_eq!(
        page.attrs(".policies a", "href"),
        [
            "/wire/about/principles/",
            "/wire/about/corrections/",
            "https://media.trust.example.org/fact-checking",
            "/wire/about/ethics/",
            "/wire/about/masthead/",
            "/wire/about/ai/"
        ]
    );
    assert_eq!(page.text(".rights"), "All content rights belong to original publishers.");
}

#[test]
fn share_links_are_plain_links_that_site_toml_can_turn_off() {
    let site = built();
    let page = site.page("articles/machine/");
    assert_eq!(
        page.texts(".share a"),
        ["Post on X", "Share on LinkedIn", "Post on Bluesky", "Share on Mastodon", "Share by email"]
    );
    let url = "https%3A%2F%2Ftrust.example.org%2Fwire%2Farticles%2Fmachine%2F";
    let title = "Machine-written%20roundup%20of%20fab%20news";
    assert_eq!(
        page.attrs(".share a", "href"),
        [
            format!("https://x.com/intent/post?text={title}&url={url}"),
            format!("https://www.linkedin.com/sharing/share-offsite/?url={url}"),
            format!("https://bsky.app/intent/compose?text={title}%20{url}"),
            format!("https://share.joinmastodon.org/?text={title}%20{url}"),
            format!("mailto:?subject={title}&body={url}"),
        ]
    );
    assert_eq!(page.attrs(".share a", "rel"), vec!["noopener noreferrer"; 5]);
    assert_eq!(page.attrs("script", "type"), ["application/ld+json"], "no script comes with them");

    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("{toml}\n[share]\nenabled = false\n"));
    site.build_with(|o| o.now = Some("2026-11-30T00:00:00Z".parse().unwrap())).unwrap();
    assert_eq!(site.page("articles/machine/").count(".share"), 0);
}

#[test]
fn a_chinese_site_labels_and_credits_in_chinese() {
    let site = Site::fixture("trust");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &toml.replace("timezone", "language = \"zh\"\ntimezone"));
    site.build_with(|o| o.now = Some("2026-11-30T00:00:00Z".parse().unwrap())).unwrap();
    let page = site.page("articles/assisted/");
    assert_eq!(
        page.text(".disclosure"),
        "AI 辅助撰写 在 AI 帮助下撰写：部分内容由机器生成，并经人工编辑。 由Mara Lind审核。 我们如何使用 AI"
    );
    assert_eq!(page.text(".byline").split(" · ").next(), Some("作者：Lin Qiao"));
    assert_eq!(page.texts(".share a")[0], "分享到 X");
    assert_eq!(site.page("").text(".card-disclosure"), "AI 生成 · 由Mara Lind审核");
    let author = site.page("authors/lin/");
    assert_eq!(author.text(".author-counts"), "撰写 2 篇");
    assert_eq!(author.text(".author-head .kicker"), "作者 · Chips reporter");
    assert_eq!(author.texts(".policies a")[5], "我们如何使用 AI");
}

/// What `check` warns about a site with this article.
fn check_warnings(config: &str, text: &str) -> Vec<String> {
    let site = Site::empty();
    site.write("site.toml", config);
    site.write("content/a.md", text);
    let report = newsprint::check(&newsprint::BuildOptions::new(site.root())).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    report.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn check_warns_about_machine_written_articles_nobody_reviewed() {
    let authors = "[authors.mara]\nname = \"Mara Lind\"\n";
    let hint = "  hint: add `reviewed_by:` with the author key of the editor who checked it: under the EU AI Act \
                (Article 50), machine-written news needs a person who reviewed it and answers for it";
    let config = |extra: &str| format!("{}{authors}{extra}", site_toml(""));
    assert_eq!(
        check_warnings(&config(""), &article("A", "2026-11-23T09:40:00+08:00", "made: ai-generated\n")),
        [format!(
            "content/a.md:4:7: this article is machine-written (`made: ai-generated`) but names no reviewer\n{hint}"
        )]
    );
    assert_eq!(
        check_warnings(&config(""), &article("A", "2026-11-23T09:40:00+08:00", "ai_generated: [tldr]\n")),
        [format!(
            "content/a.md:4:15: this article is machine-written (`made: ai-assisted`) but names no reviewer\n{hint}"
        )],
        "machine-written sections make an article ai-assisted"
    );
    assert_eq!(
        check_warnings(
            &config("[disclosure]\nmade = \"ai-generated\"\n"),
            &article("A", "2026-11-23T09:40:00+08:00", "")
        ),
        [format!("content/a.md: this article is machine-written (`made: ai-generated`) but names no reviewer\n{hint}")],
        "the site's default counts"
    );
    let reviewed = article("A", "2026-11-23T09:40:00+08:00", "made: ai-generated\nreviewed_by: mara\n");
    assert!(check_warnings(&config(""), &reviewed).is_empty());
    let by_default = config("[disclosure]\nmade = \"ai-generated\"\nreviewed_by = \"mara\"\n");
    assert!(check_warnings(&by_default, &article("A", "2026-11-23T09:40:00+08:00", "")).is_empty());
    for made in ["human", "ai-edited", "data-driven"] {
        let text = article("A", "2026-11-23T09:40:00+08:00", &format!("made: {made}\n"));
        assert!(check_warnings(&config(""), &text).is_empty(), "{made}");
    }
}

#[test]
fn changing_a_byline_while_serving_rebuilds_the_author_pages() {
    let site = built();
    let options = newsprint::BuildOptions {
        now: Some("2026-11-30T00:00:00Z".parse().unwrap()),
        ..newsprint::BuildOptions::new(site.root())
    };
    let mut cache = newsprint::cache::Cache::new();
    newsprint::build_cached(&options, &mut cache).unwrap();
    let file = site.root().join("content/machine.md");
    let text = std::fs::read_to_string(&file).unwrap();

    // A body edit is patched into the site kept in memory...
    std::fs::write(&file, format!("{text}\nOne more line.\n")).unwrap();
    cache.expect_changes(site.root(), std::slice::from_ref(&file));
    assert!(newsprint::build_cached(&options, &mut cache).unwrap().patched);
    // ...a new byline is not: it changes the author pages.
    std::fs::write(&file, text.replace("reviewed_by: mara\n", "reviewed_by: mara\nauthor: lin\n")).unwrap();
    cache.expect_changes(site.root(), std::slice::from_ref(&file));
    let report = newsprint::build_cached(&options, &mut cache).unwrap();
    assert!(!report.patched, "a new byline changes the author pages: the site is prepared anew");
    assert_eq!(site.page("authors/lin/").text(".author-counts"), "3 articles written");
}

#[test]
fn hostile_author_names_stay_text_in_pages_and_structured_data() {
    let site = Site::fixture("trust");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let name = "</script><script>alert(1)</script> & \"Co\"";
    site.write("site.toml", &toml.replace("name = \"Lin Qiao\"", &format!("name = {}", toml::Value::from(name))));
    site.build_with(|o| o.now = Some("2026-11-30T00:00:00Z".parse().unwrap())).unwrap();
    for path in ["authors/lin/", "articles/assisted/"] {
        let page = site.page(path);
        assert_eq!(page.attrs("script", "type"), ["application/ld+json"], "{path}");
        let ld = json_ld(&page);
        let person = if path.starts_with("authors") { &ld["mainEntity"] } else { &ld["author"] };
        assert_eq!(person["name"], name, "{path}");
    }
    assert_eq!(site.page("authors/lin/").text("h1"), name);
    assert_eq!(site.page("articles/assisted/").text(".byline a[rel=author]"), name);
}
