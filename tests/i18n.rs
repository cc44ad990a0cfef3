//! A site with `language = "zh-Hans"` gets pages a Chinese reader finds
//! natural: the theme's Chinese words, Chinese dates, and a `lang` attribute.

mod common;

use common::Site;

#[test]
fn a_chinese_site_reads_in_chinese() {
    let site = Site::fixture("chinese");
    site.build_ok();
    let page = site.page("articles/hbm/");
    assert_eq!(page.attrs("html", "lang"), ["zh-Hans"]);
    assert_eq!(page.text("#np-tldr"), "速览");
    assert_eq!(page.texts(".tldr dt"), ["发生了什么", "为何重要", "下一步怎么做"]);
    assert_eq!(page.text("#np-takeaways"), "要点");
    assert_eq!(page.text(".implication .confidence"), "把握较高");
    assert_eq!(page.text(".byline"), "作者：编辑部 · 发布于 2026年11月23日 09:40 · 阅读约 1 分钟");
    assert_eq!(page.text(".source"), "来源：电子经济周刊 · 发布后 8 分钟收录");
    assert_eq!(page.text(".timeline time"), "2026年6月");
    assert_eq!(page.text(".kicker a[href^='/weeks/']"), "2026年第48周");
    assert_eq!(page.text(".skip-link"), "跳到正文");

    let week = site.page("weeks/2026-W48/");
    assert_eq!(week.text(".page-head .kicker"), "每周回顾 · 2026年11月23日至29日");
    assert_eq!(week.text(".page-head h1"), "2026年第48周");
    assert_eq!(week.text(".page-head .lede"), "2026年第48周共 1 篇文章。");
    assert_eq!(site.page("tags/").texts(".term-list a"), ["存储", "价格"], "in pinyin order");
    assert!(site.has_page("tags/cun-chu/"));
    assert_eq!(site.page("404.html").text("h1"), "页面不存在");
}

#[test]
fn a_site_can_override_single_strings() {
    let site = Site::fixture("parts");
    site.write("i18n/en.toml", "[article]\ntakeaways = \"What to remember\"\n");
    site.build_ok();
    let page = site.page("articles/fab-expansion-paused/");
    assert_eq!(page.text("#np-takeaways"), "What to remember Machine-written analysis");
    assert_eq!(page.text("#np-tldr"), "TL;DR", "other strings still come from the theme");
}

#[test]
fn a_language_the_theme_lacks_is_a_warning_and_english_is_used() {
    let site = Site::fixture("parts");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &toml.replace("timezone", "language = \"fr\"\ntimezone"));
    let report = site.build_ok();
    assert_eq!(report.warnings[0].message, "the theme has no strings for language `fr`; pages use English words");
    assert_eq!(site.page("articles/fab-expansion-paused/").text("#np-tldr"), "TL;DR");
}
