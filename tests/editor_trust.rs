//! What an editor writes is what gets published, or the build says why: a
//! day at the desk's slips (issue "Editor trust"), each checked by what the
//! editor sees: exit codes, whole messages, published pages.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{Site, article, site_toml};

fn newsprint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsprint")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const NOW: &str = "2026-11-30T00:00:00+08:00";

/// `.markdown` files are articles (and links to them resolve); any other
/// file in content/ is named, as newsprint does not read it.
#[test]
fn markdown_files_are_articles_and_other_files_are_named() {
    let site = Site::with_config("");
    site.write(
        "content/alpha.md",
        "---\ntitle: Alpha\ndate: 2026-11-23T09:00:00+08:00\n---\nSee [gamma](gamma.markdown).\n",
    );
    site.write("content/gamma.markdown", &article("Gamma", "2026-11-23T10:00:00+08:00", ""));
    site.write("content/notes.txt", "Not an article.\n");
    let out = newsprint(site.root(), &["build", "--now", NOW]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: newsprint does not read this file: articles end in .md or .markdown\n--> content/notes.txt\n\
         \x20= help: rename it if it is an article; put images and other files that pages use in static/\n\n"
    );
    assert_eq!(site.page("articles/gamma/").text("h1"), "Gamma");
    assert_eq!(site.page("articles/alpha/").attrs(".body a", "href"), ["/articles/gamma/"]);
    let check = newsprint(site.root(), &["check", "--now", NOW]);
    assert_eq!(stdout(&check), "Checked 2 articles and 12 pages: no problems (1 warning).\n");
}

/// Print sources, paywalled ones and wire feeds have no address: `source`
/// needs only `name`, and the page shows it unlinked.
#[test]
fn a_source_without_an_address_is_shown_unlinked() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23T09:00:00+08:00", "source:\n  name: \"The Print Weekly\"\n"));
    site.build_ok();
    let page = site.page("articles/a/");
    assert_eq!(page.text(".source"), "Source: The Print Weekly");
    assert_eq!(page.count(".source a"), 0);
    let rss = std::fs::read_to_string(site.public().join("feed.xml")).unwrap();
    assert!(!rss.contains("<source"), "{rss}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    assert!(json["items"][0].get("external_url").is_none(), "{json}");
}

/// A recap note may highlight only its own week's articles: one from
/// another week would make the page show more cards than its count says.
#[test]
fn a_highlight_from_another_week_is_reported() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-20T09:00:00+08:00", ""));
    site.write("content/b.md", &article("B", "2026-11-24T09:00:00+08:00", ""));
    site.write("content/weeks/2026-W48.md", "---\nhighlights: [b, a]\n---\nNote.\n");
    assert_eq!(
        site.build_err(),
        "content/weeks/2026-W48.md:2:17: highlight `a` is an article of 2026-W47, not of 2026-W48\n  \
         hint: highlight it in content/weeks/2026-W47.md, or list an article of 2026-W48"
    );
}

/// Under a sub-path robots.txt lands where no crawler looks: the build says so.
#[test]
fn a_build_under_a_sub_path_says_crawlers_miss_its_robots_txt() {
    let site = Site::empty();
    site.write("site.toml", &site_toml("").replace("https://wire.example.org", "https://x.example/wire"));
    site.write("content/a.md", &article("A", "2026-11-23T09:00:00+08:00", ""));
    let out = newsprint(site.root(), &["build", "--now", NOW]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: robots.txt goes to https://x.example/wire/robots.txt, but crawlers read only https://x.example/robots.txt\n\
         \x20--> site.toml:2:12\n  |\n2 | base_url = \"https://x.example/wire\"\n  |            ^^^^^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: to guide crawlers, copy its lines into https://x.example/robots.txt; sitemap.xml works where it is\n\n"
    );
    let at_root = newsprint(site.root(), &["build", "--now", NOW, "--base-url", "https://x.example"]);
    assert_eq!(stderr(&at_root), "", "at the root of its host, nothing to say");
}

/// The placeholder address `newsprint init` writes is warned about on a
/// build to publish, not on the dev server's builds.
#[test]
fn a_build_to_publish_warns_about_the_placeholder_base_url() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(newsprint(tmp.path(), &["init", "demo"]).status.success());
    let demo = tmp.path().join("demo");
    let out = newsprint(&demo, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: base_url is https://example.org, a placeholder: feeds, sitemaps and email editions would link there\n\
         \x20--> site.toml:3:12\n  |\n3 | base_url = \"https://example.org\"   # where the site will be published\n\
         \x20 |            ^^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: set base_url in site.toml to the address the site will be published at\n\n"
    );
    // The dev server builds with its own address and script: no warning.
    let options = newsprint::BuildOptions {
        base_url: Some("http://127.0.0.1:1111".into()),
        inject: Some("<script></script>".into()),
        output: Some(tmp.path().join("served")),
        ..newsprint::BuildOptions::new(&demo)
    };
    assert!(newsprint::build(&options).unwrap().warnings.is_empty());
    let placeholder = newsprint::BuildOptions { base_url: Some("https://example.org".into()), ..options };
    assert!(newsprint::build(&placeholder).unwrap().warnings.is_empty(), "serve never publishes");
}

/// The commonest YAML slips, in an editor's words.
#[test]
fn yaml_slips_are_explained_in_an_editors_words() {
    let site = Site::with_config("");
    site.write("content/a.md", "---\ntitle: Breaking: chips\ndate: 2026-11-23\n---\nA\n");
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2026-11-23\ntldr:\n  what_changed: \"x\"\n\twhy_it_matters: \"y\"\n---\nB\n",
    );
    site.write("content/c.md", "---\ntitle: C\ndate: 2026-11-23\ndraft: yes\n---\nC\n");
    site.write(
        "content/d.md",
        "---\ntitle: D\ndate: 2026-11-23\ntakeaways:\n  - \"One\"\n  - \"Two\"\n  - Power: not equipment\n---\nD\n",
    );
    assert_eq!(
        site.build_err(),
        "content/a.md:2:16: the value of `title` has a `: ` in it, which YAML reads as a new key\n  \
         hint: put the title in double quotes: title: \"Breaking: chips\"\n\
         content/b.md:6:1: line 6 is indented with a tab; YAML needs spaces\n  \
         hint: replace the tab at the start of line 6 with spaces\n\
         content/c.md:4:8: draft: expected true or false, not the text \"yes\"\n  hint: write true or false\n\
         content/d.md:7:5: takeaways, item 3: expected text, not `key: value` lines\n  \
         hint: a `: ` in the text makes YAML read it as `key: value`; put the text in double quotes"
    );
    // The tab is shown where it is.
    let out = newsprint(site.root(), &["check"]);
    assert!(stderr(&out).contains("6 | →why_it_matters: \"y\"\n  | ^\n"), "{}", stderr(&out));
    site.write("site.toml", &site_toml("per_page = \"20\"\n"));
    assert_eq!(
        site.build_err(),
        "site.toml:4:12: expected a whole number, not the text \"20\"\n  hint: write the number without quotes"
    );
}

/// A command-line option is not a file.
#[test]
fn a_bad_base_url_option_is_named_as_an_option() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23T09:00:00+08:00", ""));
    let dir = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let out = newsprint(dir, &["build", "--root", name, "--base-url", "/wire"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: --base-url: `/wire` is not a whole address: it has no scheme and host, such as https://news.example.org\n |\n\
             \x20= help: give the whole address, e.g. --base-url https://you.github.io/wire\n\n\
             error: the build stopped on 1 problem in the command line; {name}/public was left as it was\n"
        )
    );
}

/// One run reports the problems of every stage: a misspelt category does
/// not hide a duplicate slug elsewhere, nor a broken link; a bad
/// `confidence` does not hide the same file's category and timeline.
#[test]
fn every_problem_of_every_stage_is_reported_at_once() {
    let site = Site::with_config("");
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2026-11-23\ncategory: chipz\n---\nSee [b](b.md) and [x](missing.md).\n",
    );
    site.write("content/b.md", "---\ntitle: B\ndate: 2026-11-23\nslug: same\n---\nB\n");
    site.write("content/c.md", "---\ntitle: C\ndate: 2026-11-23\nslug: same\n---\nC, see [a](a.md#nope).\n");
    site.write(
        "content/d.md",
        "---\ntitle: D\ndate: 2026-11-23\nimplications:\n  - prediction: P\n    confidence: hgh\n\
         category: chipz\ntimeline:\n  - date: soon\n    event: E\n---\nD\n",
    );
    let expected = [
        "content/a.md:4:11: category `chipz` is not declared in site.toml\n  hint: did you mean `chips`? declared categories are: chips, policy",
        "content/a.md:6:19: the link `missing.md` points at content/missing.md, which is not an article\n  hint: link to another article by its file name, relative to this file, e.g. [see](other-article.md)",
        "content/c.md:4:7: slug `same` is already used by content/b.md\n  hint: give one of the two articles a different `slug:`",
        "content/c.md:6:8: the link `a.md#nope` points at an anchor that does not exist\n  hint: that page has no headings to link to",
        "content/d.md:6:17: implications, item 1, confidence: unknown variant `hgh`\n  hint: did you mean `high`?",
        "content/d.md:7:11: category `chipz` is not declared in site.toml\n  hint: did you mean `chips`? declared categories are: chips, policy",
        "content/d.md:9:11: `soon` is not a timeline date\n  hint: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-03",
    ];
    let report = newsprint::check(&newsprint::BuildOptions::new(site.root())).unwrap();
    let found: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(found, expected);
    // A build stops on the same problems (anchors are only warned about
    // when a build goes on, and it does not).
    let expected_build: Vec<&str> = expected.iter().copied().filter(|p| !p.contains("#nope")).collect();
    assert_eq!(site.build_err(), expected_build.join("\n"));
    assert!(!site.public().exists());
}

/// The build says what it left out and when to build again; the dev
/// server marks scheduled articles as it marks drafts.
#[test]
fn a_build_says_what_it_left_out_and_when_the_next_article_is_due() {
    let site = Site::with_config("");
    site.write("content/now.md", &article("Now", "2026-11-23T09:00:00+08:00", ""));
    site.write("content/d1.md", &article("D1", "2026-11-23T09:00:00+08:00", "draft: true\n"));
    site.write("content/d2.md", &article("D2", "2026-12-20T09:00:00+08:00", "draft: true\n"));
    site.write("content/later.md", &article("Later", "2026-12-05T09:00:00+08:00", ""));
    site.write("content/latest.md", &article("Latest", "2026-12-08T09:00:00Z", ""));
    let out = newsprint(site.root(), &["build", "--now", NOW]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("Built 11 pages (1 article,"), "{}", lines[0]);
    assert_eq!(lines[1], "2 drafts and 2 scheduled articles not published (next: 5 Dec 2026 09:00 +08:00).");

    // A build that leaves nothing out says nothing more.
    let all = newsprint(site.root(), &["build", "--drafts", "--future", "--now", NOW]);
    assert_eq!(stdout(&all).lines().count(), 1, "{}", stdout(&all));
    let home = site.page("");
    assert_eq!(home.texts(".card.is-scheduled .card-title"), ["D2", "Latest", "Later"]);
    assert_eq!(home.texts(".card.is-draft .card-title"), ["D2", "D1"]);
    assert_eq!(site.page("articles/later/").texts(".story-head .badge"), ["Scheduled"]);
}

/// Chinese titles take the common reading of each character: 厂 is
/// `chang`, not `han`.
#[test]
fn a_chinese_title_gets_a_slug_of_common_readings() {
    let site = Site::with_config("");
    let out = newsprint(site.root(), &["new", "芯片厂暂停扩建", "--date", "2026-11-23"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "content/xin-pian-chang-zan-ting-kuo-jian.md\n");
}
