//! Every structured part of an article lands in its element on the article
//! page (fixture: tests/sites/parts).

mod common;

use common::Site;

fn built() -> (Site, common::Page) {
    let site = Site::fixture("parts");
    site.build_ok();
    let page = site.page("articles/fab-expansion-paused/");
    (site, page)
}

#[test]
fn head_has_title_description_and_canonical() {
    let (_site, page) = built();
    assert_eq!(page.text("title"), "Chipmaker pauses fab expansion as power deals stall · Parts Wire");
    assert_eq!(page.attrs("meta[name=description]", "content"), ["The pause pushes new capacity into 2028."]);
    assert_eq!(page.attrs("link[rel=canonical]", "href"), ["https://parts.example.org/articles/fab-expansion-paused/"]);
    assert_eq!(page.attrs("html", "lang"), ["en"]);
}

#[test]
fn headline_hook_category_and_week() {
    let (_site, page) = built();
    assert_eq!(page.text(".story-head h1"), "Chipmaker pauses fab expansion as power deals stall");
    assert_eq!(page.text(".story-head .hook"), "The pause pushes new capacity into 2028.");
    assert_eq!(page.text(".kicker .category"), "🏗️ Infrastructure");
    assert_eq!(page.attrs(".kicker .category", "href"), ["/categories/infrastructure/"]);
    assert_eq!(page.attrs(".kicker a[href^='/weeks/']", "href"), ["/weeks/2026-W48/"]);
}

#[test]
fn byline_dates_and_source() {
    let (_site, page) = built();
    assert_eq!(
        page.text(".byline"),
        "By Lin Qiao · Published 23 Nov 2026, 09:40 · Updated 24 Nov 2026, 18:00 · 1 min read"
    );
    // The latest correction counts as the update; the datetime keeps the written offset.
    assert_eq!(page.attrs(".byline time", "datetime"), ["2026-11-23T09:40:00+08:00", "2026-11-24T18:00:00+08:00"]);
    assert_eq!(page.text(".source"), "Source: Example Daily (zh) · Collected 8 minutes after publication");
    assert_eq!(page.attrs(".source a", "href"), ["https://news.example.com/a/123"]);
    assert_eq!(page.attrs(".source a", "hreflang"), ["zh"]);
}

#[test]
fn tldr_audience_and_takeaways() {
    let (_site, page) = built();
    assert_eq!(page.texts(".tldr dt"), ["What changed", "Why it matters", "What to do next"]);
    assert_eq!(page.inner_html(".tldr div:first-child dd"), "The company halted work on <strong>two</strong> sites.");
    assert_eq!(page.texts(".audience li"), ["Founders", "Infrastructure teams"]);
    assert_eq!(
        page.texts(".takeaways li"),
        ["Two of four planned sites are paused.", "Power contracts, not equipment, are the bottleneck."]
    );
    assert_eq!(page.count(".takeaways li em"), 1);
}

#[test]
fn tables_with_title_caption_headers_and_rows() {
    let (_site, page) = built();
    assert_eq!(page.text(".data-table figcaption"), "How the three builders compare");
    assert_eq!(page.text(".data-table .table-caption"), "Public statements only.");
    assert_eq!(page.texts(".data-table thead th"), ["Feature", "Builder A", "Builder B"]);
    assert_eq!(page.texts(".data-table tbody tr:first-child > *"), ["Primary focus", "Custom silicon", "GPU clusters"]);
    assert_eq!(page.texts(".data-table tbody tr:last-child > *"), ["Status", "Paused", "Expanding"]);
    assert_eq!(page.count(".data-table tbody th[scope=row]"), 2);
}

#[test]
fn deep_dive_implications_and_sorted_timeline() {
    let (_site, page) = built();
    assert_eq!(page.inner_html(".deep-dive p"), "The fabs use a new <code>EUV</code> line that needs 40% more power.");
    assert_eq!(
        page.text(".implication .prediction"),
        "Second-half deliveries slip by at least two quarters. Medium confidence"
    );
    assert_eq!(page.text(".implication .rationale"), "Why: Equipment is already ordered; power is not.");
    assert_eq!(page.attrs(".timeline time", "datetime"), ["2024", "2025-03", "2026-11-23"]);
    assert_eq!(page.texts(".timeline .event"), ["Site chosen.", "Expansion announced.", "Work paused at two sites."]);
}

#[test]
fn machine_written_sections_are_labelled() {
    let (_site, page) = built();
    assert_eq!(page.count(".takeaways .ai-label"), 1);
    assert_eq!(page.count(".implications .ai-label"), 1);
    assert_eq!(page.count(".tldr .ai-label, .deep-dive .ai-label, .timeline .ai-label"), 0);
}

#[test]
fn body_with_heading_ids_code_and_footnotes() {
    let (_site, page) = built();
    assert_eq!(page.attrs(".body h2", "id"), ["what-happened"]);
    assert_eq!(page.attrs(".body pre.code", "data-lang"), ["rust"]);
    assert!(page.count(".body pre.code span[class^='hl-']") > 0, "code is highlighted");
    assert_eq!(page.attrs(".body .fn-ref a", "href"), ["#fn-1"]);
    assert_eq!(page.text(".body .footnotes li"), "A footnote. ↩");
}

#[test]
fn image_corrections_tags_and_navigation() {
    let (_site, page) = built();
    assert_eq!(page.attrs(".lead-image img", "src"), ["/images/fab.svg"]);
    assert_eq!(page.attrs(".lead-image img", "alt"), ["Cranes over a half-built fab"]);
    assert_eq!(
        page.text(".corrections li"),
        "24 Nov 2026, 18:00: An earlier version said three sites were paused; it is two."
    );
    assert_eq!(page.texts(".tags a"), ["Semiconductors", "energy"]);
    assert_eq!(page.attrs(".tags a", "href"), ["/tags/semiconductors/", "/tags/energy/"]);
    assert_eq!(page.text(".prev-next .prev"), "Previous Chipmaker plans four new fabs");
    assert_eq!(page.count(".prev-next .next"), 0, "the newest article has no next");
}

#[test]
fn an_article_without_parts_shows_none_of_their_sections() {
    let site = Site::fixture("parts");
    site.build_ok();
    let page = site.page("articles/earlier-plan/");
    for section in [
        ".tldr",
        ".audience",
        ".takeaways",
        ".tables",
        ".deep-dive",
        ".implications",
        ".timeline",
        ".corrections",
        ".lead-image",
        ".source",
    ] {
        assert_eq!(page.count(section), 0, "{section} should be absent");
    }
    // Without `summary`, the hook is the first paragraph: the page does not repeat it above the body.
    assert_eq!(page.count(".story-head .hook"), 0);
    assert_eq!(
        page.attrs("meta[name=description]", "content"),
        ["The chipmaker announced four sites today. It expects power deals by spring."]
    );
    assert_eq!(page.text(".byline"), "By The desk · Published 16 Nov 2026, 08:00 · 1 min read");
}
