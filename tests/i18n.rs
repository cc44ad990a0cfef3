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

#[test]
fn an_article_in_another_language_says_so_on_its_page_and_in_the_feeds() {
    let site = Site::fixture("mixed");
    site.build_ok();
    assert_eq!(site.page("articles/fab-hefei/").attrs("html", "lang"), ["zh"]);
    assert_eq!(site.page("articles/memory-prices/").attrs("html", "lang"), ["zh-Hans"]);
    assert_eq!(site.page("articles/substation/").attrs("html", "lang"), ["en"]);
    assert_eq!(site.page("").attrs("html", "lang"), ["en"], "list pages are in the site's language");
    let ld = site.page("articles/fab-hefei/").inner_html("script[type='application/ld+json']");
    assert!(ld.contains("\"inLanguage\":\"zh\""), "{ld}");

    let atom = std::fs::read_to_string(site.public().join("atom.xml")).unwrap();
    let atom = roxmltree::Document::parse(&atom).unwrap();
    const XML: &str = "http://www.w3.org/XML/1998/namespace";
    let entries: Vec<(String, String)> = atom
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            let title = e.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap().to_string();
            (title, e.attribute((XML, "lang")).unwrap().to_string())
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("合肥晶圆厂扩建计划推迟".to_string(), "zh".to_string()),
            ("内存价格连续第三个月上涨".to_string(), "zh-Hans".to_string()),
            ("Chipmaker waits on a substation".to_string(), "en".to_string()),
            ("Packaging lines run at full tilt".to_string(), "en".to_string()),
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    let languages: Vec<&str> =
        json["items"].as_array().unwrap().iter().map(|i| i["language"].as_str().unwrap()).collect();
    assert_eq!(languages, ["zh", "zh-Hans", "en", "en"]);
    // RSS has one language per channel: an item in another says so in Dublin Core.
    let rss = std::fs::read_to_string(site.public().join("feed.xml")).unwrap();
    let rss = roxmltree::Document::parse(&rss).unwrap();
    const DC: &str = "http://purl.org/dc/elements/1.1/";
    let items: Vec<Option<&str>> = rss
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|i| i.children().find(|c| c.has_tag_name((DC, "language"))).and_then(|l| l.text()))
        .collect();
    assert_eq!(items, [Some("zh"), Some("zh-Hans"), None, None]);
}

#[test]
fn each_language_is_indexed_in_bundles_of_its_own_the_site_s_first() {
    let site = Site::fixture("mixed");
    site.build_ok();
    let list: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.public().join("pagefind/bundles.json")).unwrap()).unwrap();
    assert_eq!(
        list,
        serde_json::json!({ "bundles": [{ "path": "en-0/", "language": "en" }, { "path": "zh-0/", "language": "zh" }] })
    );
    let entry = |bundle: &str| -> serde_json::Value {
        let path = site.public().join(format!("pagefind/{bundle}/pagefind-entry.json"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    assert_eq!(entry("en-0")["languages"]["en"]["page_count"], 2);
    assert_eq!(entry("zh-0")["languages"]["zh"]["page_count"], 2);
    // The first bundle carries what Pagefind loads from the first index's
    // folder; the others only their index; the scripts are shared.
    assert!(site.public().join("pagefind/en-0/wasm.en.pagefind").is_file());
    assert!(site.public().join("pagefind/en-0/pagefind-worker.js").is_file());
    assert!(!site.public().join("pagefind/zh-0/pagefind-worker.js").exists());
    assert!(!site.public().join("pagefind/zh-0/pagefind.js").exists());
    assert!(site.public().join("pagefind/pagefind.js").is_file());
    assert!(!site.public().join("pagefind/pagefind-entry.json").exists());
}

#[test]
fn an_edit_re_indexes_only_the_bundle_of_the_article_edited() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::fixture("mixed");
    site.build_ok();
    let inode = |path: &str| std::fs::metadata(site.public().join(path)).unwrap().ino();
    let english = inode("pagefind/en-0/pagefind-entry.json");
    let chinese = std::fs::read(site.public().join("pagefind/zh-0/pagefind-entry.json")).unwrap();
    let text = std::fs::read_to_string(site.root().join("content/memory-prices.md")).unwrap();
    site.write("content/memory-prices.md", &format!("{text}\n数据中心的采购部门已经开始囤货。\n"));
    site.build_ok();
    assert_eq!(inode("pagefind/en-0/pagefind-entry.json"), english, "the English bundle is the live one, linked");
    assert_ne!(std::fs::read(site.public().join("pagefind/zh-0/pagefind-entry.json")).unwrap(), chinese);
}
