//! Content newsprint cannot trust: raw HTML and hostile strings never put
//! script into a reader's page, hostile and broken files get clear errors
//! (never a panic, never unbounded memory), and no name can lead a page out
//! of the output folder.

mod common;

use common::{Site, article};

fn site_with(body_extra: &str, front_extra: &str, config_extra: &str) -> Site {
    let site = Site::with_config(config_extra);
    let text = format!(
        "---\ntitle: \"Raw\"\ndate: 2026-11-23T09:40:00+08:00\nslug: raw\n{front_extra}---\n\nFirst paragraph.\n\n{body_extra}\n"
    );
    site.write("content/raw.md", &text);
    site
}

const HOSTILE_BODY: &str = r#"<script>alert("body")</script>

<div class="note" onclick="alert('click')"><img src="x.png" onerror="alert('img')" alt="pic"> kept text</div>

<a href="javascript:alert('href')">a link</a> and <a href="https://ok.example/">a good one</a>

[markdown link](javascript:alert('md')) and [data](data:text/html,<script>x</script>)

<iframe src="https://evil.example/frame"></iframe>

<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="A video"></iframe>

<style>body { display: none }</style>

- [x] a task
"#;

#[test]
fn raw_html_is_sanitized_by_default() {
    let site = site_with(HOSTILE_BODY, "", "");
    site.build_ok();
    let page = site.page("articles/raw/");
    let body = page.inner_html("section.body");
    for needle in ["<script", "onclick", "onerror", "javascript:", "data:text", "<style", "evil.example"] {
        assert!(!body.contains(needle), "`{needle}` survived in the body:\n{body}");
    }
    assert_eq!(page.texts("section.body div.note").len(), 1, "harmless markup stays");
    assert_eq!(page.attrs("section.body img", "alt"), ["pic"]);
    assert_eq!(page.attrs("section.body a[href^='https://ok.example']", "href"), ["https://ok.example/"]);
    assert_eq!(
        page.attrs("section.body iframe[src]", "src"),
        ["https://www.youtube-nocookie.com/embed/abc123"],
        "only a known video player keeps its source"
    );
    assert_eq!(page.attrs("section.body input", "type"), ["checkbox"], "task lists keep their boxes");
    // The only script on the page is the theme's structured data.
    assert_eq!(page.count("script"), 1);
    assert_eq!(page.count("script[type='application/ld+json']"), 1);
}

#[test]
fn raw_html_can_be_trusted_in_site_toml() {
    let site = site_with("<script>window.trusted = 1;</script>\n", "", "[markdown]\nraw_html = \"trusted\"\n");
    site.build_ok();
    let body = site.page("articles/raw/").inner_html("section.body");
    assert!(body.contains("<script>window.trusted = 1;</script>"), "{body}");
}

#[test]
fn an_unknown_raw_html_setting_is_named() {
    let site = site_with("", "", "[markdown]\nraw_html = \"allow\"\n");
    let message = site.build_err();
    assert!(message.starts_with("site.toml:5:12: unknown variant `allow`"), "{message}");
    assert!(message.contains("sanitize") && message.contains("trusted"), "{message}");
}

#[test]
fn unsafe_links_in_markdown_go_nowhere_even_without_raw_html() {
    let site = site_with("[click](javascript:alert(1)) [mail](mailto:desk@example.org) [rel](/about/)\n", "", "");
    site.build_ok();
    let page = site.page("articles/raw/");
    assert_eq!(page.attrs("section.body a", "href"), ["#", "mailto:desk@example.org", "/about/"]);
}

#[test]
fn hostile_strings_in_front_matter_stay_text_everywhere() {
    let title = r#"</title><script>alert(1)</script> "quoted" & <b>bold</b>"#;
    let site = Site::with_config("");
    let yaml_title = title.replace('"', "\\\"");
    site.write(
        "content/x.md",
        &format!(
            "---\ntitle: \"{yaml_title}\"\ndate: 2026-11-23T09:40:00+08:00\nslug: x\nsummary: \"</script><script>alert(2)</script>\"\ntakeaways:\n  - \"<img src=x onerror=alert(3)>\"\n---\n\nBody.\n"
        ),
    );
    site.build_ok();
    let page = site.page("articles/x/");
    assert_eq!(page.text("h1"), title, "the title is shown as text");
    assert_eq!(page.count("script"), 1, "no script element but the structured data");
    assert_eq!(page.count("script[type='application/ld+json']"), 1);
    assert!(page.attrs("img", "onerror").is_empty());
    let ld = page.inner_html("script[type='application/ld+json']");
    let json: serde_json::Value = serde_json::from_str(&ld).expect("the structured data is JSON");
    assert_eq!(json["headline"], title);
    assert!(!ld.contains("</script"), "{ld}");
    let feed = std::fs::read_to_string(site.public().join("feed.xml")).unwrap();
    let xml = roxmltree::Document::parse(&feed).expect("the feed is XML");
    assert!(xml.descendants().any(|n| n.has_tag_name("title") && n.text() == Some(title)));
    let json_feed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    assert_eq!(json_feed["items"][0]["title"], title);
}

fn error_of(file: &str, text: &str) -> String {
    let site = Site::with_config("");
    site.write(file, text);
    site.build_err()
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_accepted() {
    let site = Site::with_config("");
    let text = "\u{feff}---\r\ntitle: \"Windows\"\r\ndate: 2026-11-23T09:40:00+08:00\r\nslug: win\r\n---\r\n\r\nBody line.\r\n";
    site.write("content/win.md", text);
    site.build_ok();
    let page = site.page("articles/win/");
    assert_eq!(page.text("h1"), "Windows");
    assert!(!page.inner_html("section.body").contains('\r'));
}

#[test]
fn a_yaml_alias_bomb_is_refused_quickly() {
    let mut yaml = String::from("title: T\ndate: 2026-11-23\nextra:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let previous = format!("*a{}", level - 1);
        yaml.push_str(&format!("  a{level}: &a{level} [{}]\n", vec![previous; 10].join(", ")));
    }
    let started = std::time::Instant::now();
    let message = error_of("content/bomb.md", &format!("---\n{yaml}---\n\nBody.\n"));
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "took {:?}", started.elapsed());
    assert!(message.starts_with("content/bomb.md:"), "{message}");
    assert!(message.contains("repetition limit") || message.contains("alias"), "{message}");
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let nested = format!("{}x{}", "[".repeat(5_000), "]".repeat(5_000));
    let message =
        error_of("content/deep.md", &format!("---\ntitle: T\ndate: 2026-11-23\nextra:\n  deep: {nested}\n---\n"));
    assert_eq!(
        message,
        "content/deep.md:5:137: the front matter nests lists and mappings more than 128 levels deep\n  \
         hint: check for a `[` or `{` that is never closed"
    );
}

#[test]
fn deeply_nested_markdown_builds() {
    let quotes = format!("{} deep\n", ">".repeat(10_000));
    let lists: String = (0..2_000).map(|i| format!("{}- item {i}\n", "  ".repeat(i))).collect();
    let site = site_with(&format!("{quotes}\n{lists}"), "", "");
    site.build_ok();
    let body = site.page("articles/raw/").inner_html("section.body");
    assert!(body.contains("deep"), "the quoted text is kept");
    assert!(body.contains("item 1999"), "the deepest list item is kept");
}

#[test]
fn a_file_over_the_size_limit_is_refused_and_a_big_one_builds() {
    let big = format!("{}\n", "A long line of reporting that goes on and on. ".repeat(60_000));
    let site = site_with(&big, "", "");
    site.build_ok();
    let huge = "x".repeat(9 << 20);
    let message = error_of("content/huge.md", &huge);
    assert_eq!(
        message,
        "content/huge.md: the file is 9.0 MiB; content files may be at most 8 MiB\n  hint: split it into several articles, and keep images and data in static/"
    );
}

#[test]
fn front_matter_that_is_not_a_mapping() {
    let list = error_of("content/list.md", "---\n- title\n- date\n---\n\nBody.\n");
    assert!(list.starts_with("content/list.md:2:1: "), "{list}");
    assert_eq!(
        list,
        "content/list.md:2:1: the front matter is a list, not a set of `key: value` lines\n  hint: start with `title: \"…\"` and `date: …` lines"
    );
    let scalar = error_of("content/scalar.md", "---\njust a sentence\n---\n\nBody.\n");
    assert_eq!(
        scalar,
        "content/scalar.md:2:1: the front matter is a single value, not a set of `key: value` lines\n  hint: start with `title: \"…\"` and `date: …` lines"
    );
}

#[test]
fn wrong_types_in_every_field_are_named_not_panicked_on() {
    let fields = [
        "title: [a]",
        "date: [2026]",
        "updated: {a: 1}",
        "slug: [x]",
        "draft: maybe",
        "summary: [x]",
        "category: [chips]",
        "tags: chips",
        "audience: {a: b}",
        "source: text",
        "tldr: [x]",
        "takeaways: text",
        "tables: text",
        "deep_dive: {a: b}",
        "implications: text",
        "timeline: text",
        "related: text",
        "story: [x]",
        "author: {a: b}",
        "made: [x]",
        "reviewed_by: [x]",
        "image: [x]",
        "corrections: text",
        "ai_generated: text",
        "extra: text",
    ];
    for field in fields {
        let (key, _) = field.split_once(':').unwrap();
        let text = if key == "title" || key == "date" {
            format!("---\n{field}\n---\n\nBody.\n")
        } else {
            format!("---\ntitle: T\ndate: 2026-11-23T09:40:00+08:00\n{field}\n---\n\nBody.\n")
        };
        let message = error_of("content/typed.md", &text);
        // The value's line (after `title` and `date` for the other fields) and the field's name.
        let line = if key == "title" || key == "date" { 2 } else { 4 };
        assert!(message.starts_with(&format!("content/typed.md:{line}:")), "{field}: {message}");
        assert!(message.contains(key), "{field}: {message}");
    }
}

#[test]
fn impossible_offsets_and_empty_titles() {
    let offset = error_of("content/o.md", "---\ntitle: T\ndate: 2026-11-23T09:40:00+25:00\n---\n");
    assert_eq!(
        offset,
        "content/o.md:3:7: `2026-11-23T09:40:00+25:00` has the offset +25:00, but offsets on Earth run from -12:00 to +14:00\n  hint: write it as 2026-11-23T09:40:00+08:00, \"2026-11-23 09:40\" or 2026-11-23"
    );
    let empty = error_of("content/e.md", "---\ntitle: \"  \"\ndate: 2026-11-23\n---\n");
    assert!(empty.starts_with("content/e.md:2:"), "{empty}");
}

#[test]
fn names_that_cannot_be_folders_are_refused() {
    let device = error_of("content/con.md", &article("Con", "2026-11-23T09:40:00+08:00", ""));
    assert_eq!(
        device,
        "content/con.md:1:1: the slug `con` cannot name a folder: `con` is a device name on Windows, where a folder cannot have it\n  hint: add `slug:` to the front matter with another slug"
    );
    let tag = error_of("content/t.md", &article("T", "2026-11-23T09:40:00+08:00", "tags: [NUL]\n"));
    assert!(tag.starts_with("content/t.md:4:"), "{tag}");
    assert!(tag.contains("tag `NUL` cannot name a folder"), "{tag}");
    let long = "a".repeat(130);
    let slug = error_of("content/l.md", &article("L", "2026-11-23T09:40:00+08:00", &format!("slug: {long}\n")));
    assert!(slug.contains("130 characters long; the limit is 120"), "{slug}");
}

#[test]
fn permalinks_cannot_climb_out_of_the_output() {
    for pattern in ["/../{slug}/", "/a/./{slug}/", "/a\\\\b/{slug}/", "/a//{slug}/", "/%2e%2e/{slug}/"] {
        let site = Site::with_config(&format!("permalink = \"{pattern}\"\n"));
        site.write("content/a.md", &article("A", "2026-11-23T09:40:00+08:00", ""));
        let message = site.build_err();
        assert!(message.starts_with("site.toml:4:"), "{pattern}: {message}");
        assert!(message.contains("permalink"), "{pattern}: {message}");
    }
}

#[test]
fn symbolic_links_out_of_the_site_or_in_a_loop_are_reported() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23T09:40:00+08:00", ""));
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), article("Secret", "2026-11-23T09:40:00+08:00", "")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.root().join("content/secret.md")).unwrap();
    std::os::unix::fs::symlink(site.root().join("content"), site.root().join("content/loop")).unwrap();
    let message = site.build_err();
    let lines: Vec<&str> = message.lines().filter(|l| !l.starts_with("  hint")).collect();
    assert_eq!(lines.len(), 2, "{message}");
    assert!(
        lines[0].starts_with("content/loop: this symbolic link loops back to a folder that contains it"),
        "{message}"
    );
    assert!(lines[1].starts_with("content/secret.md: this symbolic link leads outside the site, to "), "{message}");
    // A link to a file inside the site is followed.
    std::fs::remove_file(site.root().join("content/secret.md")).unwrap();
    std::fs::remove_file(site.root().join("content/loop")).unwrap();
    site.write("drafts/b.md", &article("B", "2026-11-22T09:40:00+08:00", ""));
    std::os::unix::fs::symlink(site.root().join("drafts/b.md"), site.root().join("content/b.md")).unwrap();
    site.build_ok();
    assert!(site.has_page("articles/b/"));
}

/// Inputs the fuzz targets found trouble with, kept in tests/fuzz-regressions/.
#[test]
fn inputs_found_by_fuzzing_get_errors() {
    let text = include_str!("fuzz-regressions/frontmatter-timeout-1.md");
    let message = error_of("content/f.md", text);
    assert!(message.starts_with("content/f.md:4:7: `2026-11-16T08r"), "{message}");
}

#[test]
fn static_files_are_read_through_links_only_inside_the_site() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23T09:40:00+08:00", ""));
    site.write("assets/logo.svg", "<svg/>");
    site.write("static/plain.txt", "plain");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET_TOKEN=x").unwrap();
    let link = |target: &std::path::Path, at: &str| std::os::unix::fs::symlink(target, site.root().join(at)).unwrap();
    link(std::path::Path::new("/proc/self/environ"), "static/env.txt");
    link(std::path::Path::new("/etc/passwd"), "static/passwd.txt");
    link(&outside.path().join("secret.txt"), "static/secret.txt");
    link(outside.path(), "static/outside");
    link(std::path::Path::new("/etc/passwd"), "themes/newsroom/static/leak.txt");
    link(&site.root().join("assets/logo.svg"), "static/logo.svg");
    let outside_real = std::fs::canonicalize(outside.path()).unwrap();
    let leads = |link: &str, to: String| {
        format!(
            "{link}: this symbolic link leads outside the site, to {to}\n  hint: replace the link with the file itself, or remove it"
        )
    };
    assert_eq!(
        site.build_err(),
        [
            leads("static/env.txt", format!("/proc/{}/environ", std::process::id())),
            leads("static/outside", outside_real.display().to_string()),
            leads("static/passwd.txt", "/etc/passwd".into()),
            leads("static/secret.txt", outside_real.join("secret.txt").display().to_string()),
            leads("themes/newsroom/static/leak.txt", "/etc/passwd".into()),
        ]
        .join("\n")
    );
    assert!(!site.public().exists(), "nothing was published");
    for bad in [
        "static/env.txt",
        "static/passwd.txt",
        "static/secret.txt",
        "static/outside",
        "themes/newsroom/static/leak.txt",
    ] {
        std::fs::remove_file(site.root().join(bad)).unwrap();
    }
    site.build_ok();
    assert_eq!(
        std::fs::read_to_string(site.public().join("logo.svg")).unwrap(),
        "<svg/>",
        "a link inside the site is followed"
    );
    assert_eq!(std::fs::read_to_string(site.public().join("plain.txt")).unwrap(), "plain");
}

#[test]
fn body_ids_cannot_take_the_place_of_the_themes_or_the_dev_servers() {
    let body = "<div id=\"newsprint-overlay\">Not an error</div>\n\n<p id=\"main\">x</p> <span id=\"search\">y</span> <b id=\"np-tldr\">z</b>\n\n## Search results\n\n## Fine {#newsprint-x}\n\n[to x](#main) [to results](#search-results)\n";
    let site = site_with(body, "", "");
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "the links follow their ids: {:?}", report.warnings);
    let page = site.page("articles/raw/");
    assert_eq!(page.count("[id='newsprint-overlay']"), 0, "the live-reload script would take it for its overlay");
    assert_eq!(page.count("[id='body-newsprint-overlay']"), 1);
    assert_eq!(page.attrs("[id='main']", "id").len(), 1, "only the theme's <main>");
    assert_eq!(page.count("main#main"), 1);
    assert_eq!(page.count("section.body [id='main'], section.body [id='search'], section.body [id='np-tldr']"), 0);
    assert_eq!(
        page.attrs("section.body [id]", "id"),
        [
            "body-newsprint-overlay",
            "body-main",
            "body-search",
            "body-np-tldr",
            "body-search-results",
            "body-newsprint-x"
        ]
    );
    assert_eq!(page.attrs("section.body a", "href"), ["#body-main", "#body-search-results"]);
    // Without raw HTML (nothing sanitized), headings follow the same rule.
    let plain = site_with("## Main\n\n## np-tldr {#np-tldr}\n", "", "");
    plain.build_ok();
    assert_eq!(plain.page("articles/raw/").attrs("section.body h2", "id"), ["body-main", "body-np-tldr"]);
}

#[test]
fn fields_and_bodies_share_one_url_policy_images_included() {
    let images = [
        "![j](javascript:alert(1))",
        "![d](data:text/html;base64,PHNjcmlwdD4=)",
        "![v](VBScript:msgbox(1))",
        "![ok](/ok.svg)",
    ];
    let quoted: Vec<String> = images.iter().map(|i| format!("\"{i}\"")).collect();
    let front = format!(
        "takeaways: [{}]\ntldr:\n  what_changed: \"![t](JaVaScRiPt:alert(2)) and [l](javascript:alert(3))\"\n",
        quoted.join(", ")
    );
    let site = site_with(&images.join(" "), &front, "");
    site.write("static/ok.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>");
    site.build_ok();
    let page = site.page("articles/raw/");
    assert_eq!(page.attrs("section.body img", "src"), ["#", "#", "#", "/ok.svg"]);
    assert_eq!(page.attrs(".takeaways img, #np-takeaways img", "src"), ["#", "#", "#", "/ok.svg"]);
    let everywhere = page.attrs("img", "src");
    assert!(everywhere.iter().all(|src| src == "#" || src.starts_with('/')), "{everywhere:?}");
    assert!(page.attrs("a", "href").iter().all(|href| !href.to_lowercase().contains("script:")));
}

#[test]
fn paths_a_browser_reads_as_another_host_are_refused() {
    for (yaml, shown) in [
        ("\"/\\\\127.0.0.1:19102/pixel.png\"", "/\\127.0.0.1:19102/pixel.png"),
        ("\"/\\t/evil.example/pixel.png\"", "/\t/evil.example/pixel.png"),
        ("//evil.example/pixel.png", "//evil.example/pixel.png"),
    ] {
        let message = error_of(
            "content/x.md",
            &article("X", "2026-11-23T09:40:00+08:00", &format!("image: {yaml}\nimage_alt: \"A pixel\"\n")),
        );
        assert_eq!(
            message,
            format!(
                "content/x.md:4:8: image `{shown}` is neither a path under static/ nor an https URL\n  hint: write /images/name.jpg for static/images/name.jpg, or a full https:// address"
            )
        );
    }
    let site = Site::with_config("permalink = \"//{slug}/\"\n");
    site.write("content/a.md", &article("A", "2026-11-23T09:40:00+08:00", ""));
    assert_eq!(
        site.build_err(),
        "site.toml:4:13: permalink `//{slug}/` has an empty folder name (`//`)\n  hint: use letters, digits, `-`, `_` and `/` between placeholders, e.g. \"/articles/{slug}/\""
    );
}

#[test]
fn the_sanitizer_says_what_it_removed_and_where() {
    let tail = "<script>\nsteal(document.cookie);\n\nThe rest of the article, which the reader never sees.\n";
    let body = format!(
        "<div class=\"note\" onclick=\"x()\" onmouseover=\"y()\">kept</div>\n\n<a href=\"javascript:alert(1)\">a link</a> <font color=\"red\">red</font>\n\n{tail}"
    );
    let site = site_with(&body, "", "");
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let tags = "raw HTML in articles is sanitized; a site whose every author is trusted can set raw_html = \"trusted\" under [markdown] in site.toml";
    assert_eq!(
        warnings,
        [
            format!("content/raw.md:9:19: the sanitizer removed 1 `onclick` attribute\n  hint: {tags}"),
            format!("content/raw.md:9:33: the sanitizer removed 1 `onmouseover` attribute\n  hint: {tags}"),
            "content/raw.md:11:4: the sanitizer removed 1 `href` attribute with an address it does not allow\n  hint: addresses may be http(s), mailto:, tel: or site paths; iframes may show YouTube and Vimeo players only".to_string(),
            format!("content/raw.md:11:42: the sanitizer removed 1 <font> tag (the text inside it is kept)\n  hint: {tags}"),
            format!("content/raw.md:11:48: the sanitizer removed 1 `color` attribute\n  hint: {tags}"),
            format!(
                "content/raw.md:13:1: the sanitizer removed 1 <script> element and everything after it ({} characters): the <script> is never closed\n  hint: articles cannot run scripts or restyle the page; to show code, put it in a fenced code block (```html)",
                // Everything after `<script>`, to the end of the file.
                format!("{tail}\n").chars().count() - "<script>".len()
            ),
        ]
    );
    let body = site.page("articles/raw/").inner_html("section.body");
    assert!(!body.contains("The rest of the article"), "{body}");
    // Comments and newsprint's own markup (footnotes, code, tables) are no removal.
    let quiet = site_with(
        "<!-- an editor's note -->\n\nText.[^1]\n\n```rust\nfn a() {}\n```\n\n| a |\n|:-:|\n| b |\n\n- [x] done\n\n[^1]: A note.\n",
        "",
        "",
    );
    assert_eq!(quiet.build_ok().warnings, []);
}
