//! The editor's loop through the real binary: init, new, check, drafts and
//! scheduling, links between articles, and compiler-style diagnostics.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::{Site, article, site_toml};

fn newsprint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("newsprint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn init_creates_a_site_that_builds_with_the_built_in_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let out = newsprint(tmp.path()).args(["init", "wire-daily"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "created wire-daily/site.toml\ncreated wire-daily/content/welcome-to-your-digest.md\ncreated wire-daily/.gitignore\n\
         created wire-daily/static\nA new site is ready in wire-daily. Next: cd wire-daily && newsprint serve\n"
    );
    let site = tmp.path().join("wire-daily");
    assert!(site.join("static").is_dir());
    assert!(!site.join("themes").exists(), "the theme is built in");
    assert!(fs::read_to_string(site.join("site.toml")).unwrap().contains("title = \"Wire daily\""));

    let built = newsprint(&site).arg("build").output().unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let page = fs::read_to_string(site.join("public/articles/welcome-to-your-digest/index.html")).unwrap();
    assert!(page.contains("<h1>Welcome to your digest</h1>"), "{page}");
    assert!(site.join("public/css/newsroom.css").is_file());
    let check = newsprint(&site).arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_force_touches_nothing_that_exists() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("site.toml"), "mine").unwrap();
    let out = newsprint(tmp.path()).args(["init", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: . is not empty; choose a new folder, or pass --force to add only the files that are missing\n"
    );
    assert!(!tmp.path().join("content").exists());

    let forced = newsprint(tmp.path()).args(["init", ".", "--force"]).output().unwrap();
    assert!(forced.status.success());
    assert!(!stdout(&forced).contains("site.toml"), "{}", stdout(&forced));
    assert_eq!(fs::read_to_string(tmp.path().join("site.toml")).unwrap(), "mine");
    assert!(tmp.path().join("content/welcome-to-your-digest.md").is_file());
}

#[test]
fn a_site_s_own_theme_folder_wins_over_the_built_in_theme() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23", ""));
    site.write(
        "themes/newsroom/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}",
    );
    site.build_ok();
    assert_eq!(site.page("404.html").text("h1"), "Lost");
    fs::remove_dir_all(site.root().join("themes")).unwrap();
    site.build_ok();
    assert_eq!(site.page("404.html").text("h1"), "Page not found");
}

#[test]
fn new_writes_a_draft_skeleton_that_builds_and_refuses_to_overwrite() {
    let site = Site::with_config("");
    let out = newsprint(site.root())
        .args(["new", "Chipmaker pauses \"fab\" expansion", "--category", "chips", "--tags", "hbm, energy"])
        .args(["--date", "2026-11-23 09:40"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "content/chipmaker-pauses-fab-expansion.md\n");
    let text = fs::read_to_string(site.root().join("content/chipmaker-pauses-fab-expansion.md")).unwrap();
    assert!(
        text.starts_with(
            "---\ntitle: \"Chipmaker pauses \\\"fab\\\" expansion\"\ndate: 2026-11-23T09:40:00+08:00\ndraft: true"
        ),
        "{text}"
    );
    assert!(text.contains("category: chips\ntags: [\"hbm\",\"energy\"]\n"), "{text}");
    for part in [
        "summary:",
        "audience:",
        "# source:",
        "tldr:",
        "takeaways:",
        "tables:",
        "deep_dive:",
        "implications:",
        "timeline:",
    ] {
        assert!(text.contains(part), "{part} missing from:\n{text}");
    }

    site.build_ok();
    assert!(!site.has_page("articles/chipmaker-pauses-fab-expansion/"), "a new article is a draft");
    site.build_with(|o| o.drafts = true).unwrap();
    let page = site.page("articles/chipmaker-pauses-fab-expansion/");
    assert_eq!(page.text("h1"), "Chipmaker pauses \"fab\" expansion");
    assert_eq!(page.count(".tldr, .takeaways, .tables"), 0, "empty parts render nothing");

    fs::write(site.root().join("content/chipmaker-pauses-fab-expansion.md"), "edited").unwrap();
    let again = newsprint(site.root()).args(["new", "Chipmaker pauses fab expansion"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        stderr(&again),
        "error: content/chipmaker-pauses-fab-expansion.md already exists; edit it, or choose another title\n"
    );
    assert_eq!(fs::read_to_string(site.root().join("content/chipmaker-pauses-fab-expansion.md")).unwrap(), "edited");
}

#[test]
fn new_dates_default_to_now_in_the_site_zone_and_categories_are_checked() {
    let site = Site::with_config("");
    let out = newsprint(site.root()).args(["new", "Plain", "--category", "chipz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: --category: category `chipz` is not declared in site.toml\n |\n = help: did you mean `chips`? declared categories are: chips, policy\n\n\
         error: no file was written\n"
    );
    let ok = newsprint(site.root()).args(["new", "Plain"]).output().unwrap();
    assert!(ok.status.success());
    let text = fs::read_to_string(site.root().join("content/plain.md")).unwrap();
    let date = text.lines().find_map(|l| l.strip_prefix("date: ")).unwrap();
    assert!(date.ends_with("+08:00"), "{date}");
}

#[test]
fn future_articles_wait_for_their_date() {
    let site = Site::with_config("");
    site.write("content/now.md", &article("Now", "2026-11-23T09:00:00+08:00", ""));
    site.write("content/later.md", &article("Later", "2026-11-30T09:00:00+08:00", ""));
    let at = |time: &str| -> jiff::Timestamp { time.parse().unwrap() };
    site.build_with(|o| o.now = Some(at("2026-11-25T00:00:00Z"))).unwrap();
    assert!(!site.has_page("articles/later/"));
    assert_eq!(site.page("").texts(".card-title"), ["Now"]);
    site.build_with(|o| {
        o.now = Some(at("2026-11-25T00:00:00Z"));
        o.future = true;
    })
    .unwrap();
    assert!(site.has_page("articles/later/"));
    site.build_with(|o| o.now = Some(at("2026-11-30T01:00:00Z"))).unwrap();
    assert!(site.has_page("articles/later/"), "published once its time has come");

    let cli = newsprint(site.root()).args(["build", "--now", "2026-11-25T00:00:00+08:00"]).output().unwrap();
    assert!(cli.status.success());
    assert!(!site.has_page("articles/later/"));
    let bad = newsprint(site.root()).args(["build", "--now", "tomorrow"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`tomorrow` is not an RFC 3339 time"), "{}", stderr(&bad));
}

/// A 2 × 2 PNG.
fn tiny_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(2, 2, image::Rgb([9, 99, 199]))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

/// Two articles linking each other by file, with anchors and a static image.
fn linked_site() -> Site {
    let site = Site::empty();
    site.write("site.toml", &site_toml("").replace("https://wire.example.org", "https://x.example/wire"));
    site.write("static/images/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>");
    site.write(
        "content/2026/a.md",
        "---\ntitle: A\ndate: 2026-11-23\ntakeaways: [\"Compare [B's numbers](../b.md#numbers).\"]\n---\n\
         See [B](../b.md), [its numbers](../b.md#numbers), [our notes](#notes) and ![chart](/images/chart.svg).\n\n## Notes\n\nMore.\n",
    );
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2026-11-22\n---\n## The numbers {#numbers}\n\nBack to [A](2026/a.md).\n",
    );
    site
}

#[test]
fn links_to_other_articles_by_file_become_their_urls() {
    let site = linked_site();
    site.build_ok();
    let a = site.page("articles/a/");
    assert_eq!(a.attrs(".body a", "href"), ["/wire/articles/b/", "/wire/articles/b/#numbers", "#notes"]);
    assert_eq!(a.attrs(".body img", "src"), ["/wire/images/chart.svg"]);
    assert_eq!(a.attrs(".takeaways a", "href"), ["/wire/articles/b/#numbers"]);
    assert_eq!(site.page("articles/b/").attrs(".body a", "href"), ["/wire/articles/a/"]);
}

#[test]
fn check_reports_every_broken_link_with_its_place() {
    let site = linked_site();
    site.write(
        "content/c.md",
        "---\ntitle: C\ndate: 2026-11-21\ntakeaways: [\"See [nothing](nothing.md).\"]\nimage: /images/missing.png\nimage_alt: x\n---\n\
         [a](2026/a.md#nowhere) [b](b.md#numbrs) [img](/images/none.png) [self](#top)\n",
    );
    let out = newsprint(site.root()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: the link `nothing.md` points at content/nothing.md, which is not an article\n --> content/c.md:4:13\n  |\n\
         4 | takeaways: [\"See [nothing](nothing.md).\"]\n  |             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: link to another article by its file name, relative to this file, e.g. [see](other-article.md)\n\n\
         error: the image `/images/missing.png` points at a file the site does not have\n --> content/c.md:5:8\n  |\n\
         5 | image: /images/missing.png\n  |        ^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: files under static/ are served from /, e.g. static/images/missing.png is /images/missing.png\n\n\
         error: the link `2026/a.md#nowhere` points at an anchor that does not exist\n --> content/c.md:8:1\n  |\n\
         8 | [a](2026/a.md#nowhere) [b](b.md#numbrs) [img](/images/none.png) [self](#top)\n  | ^^^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: headings there: #notes\n\n\
         error: the link `b.md#numbrs` points at an anchor that does not exist\n --> content/c.md:8:24\n  |\n\
         8 | [a](2026/a.md#nowhere) [b](b.md#numbrs) [img](/images/none.png) [self](#top)\n  |                        ^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: did you mean `#numbers`?\n\n\
         error: the link `/images/none.png` points at a file the site does not have\n --> content/c.md:8:41\n  |\n\
         8 | [a](2026/a.md#nowhere) [b](b.md#numbrs) [img](/images/none.png) [self](#top)\n  |                                         ^^^^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: files under static/ are served from /, e.g. static/images/none.png is /images/none.png\n\n\
         error: the link `#top` points at an anchor that does not exist\n --> content/c.md:8:65\n  |\n\
         8 | [a](2026/a.md#nowhere) [b](b.md#numbrs) [img](/images/none.png) [self](#top)\n  |                                                                 ^^^^^^^^^^^^\n  |\n\
         \x20 = help: that page has no headings to link to\n\n\
         Checked 3 articles and 14 pages: 6 problems in 1 file.\n"
    );
    assert!(!site.public().exists(), "check writes nothing");

    // A build to publish refuses the link that would point at a source file…
    let built = newsprint(site.root()).arg("build").output().unwrap();
    assert_eq!(built.status.code(), Some(1));
    assert_eq!(
        stderr(&built),
        "error: the link `nothing.md` points at content/nothing.md, which is not an article\n --> content/c.md:4:13\n  |\n\
         4 | takeaways: [\"See [nothing](nothing.md).\"]\n  |             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: link to another article by its file name, relative to this file, e.g. [see](other-article.md)\n\n\
         error: the image `/images/missing.png` points at a file the site does not have\n --> content/c.md:5:8\n  |\n\
         5 | image: /images/missing.png\n  |        ^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: files under static/ are served from /, e.g. static/images/missing.png is /images/missing.png\n\n\
         error: the build stopped on 2 problems in 1 file; public was left as it was\n"
    );
    assert!(!site.public().exists(), "nothing was published");
    // …and, once the image is there, publishes with the other links, shown as warnings.
    let text = std::fs::read_to_string(site.root().join("content/c.md")).unwrap();
    site.write("content/c.md", &text.replace("See [nothing](nothing.md).", "See nothing."));
    std::fs::create_dir_all(site.root().join("static/images")).unwrap();
    std::fs::write(site.root().join("static/images/missing.png"), tiny_png()).unwrap();
    let built = newsprint(site.root()).arg("build").output().unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(stderr(&built).matches("warning: the link").count(), 4, "{}", stderr(&built));
}

/// A link to a draft or a scheduled article would publish `href="beta.md"`:
/// a build to publish stops on it, `check` says it breaks once published,
/// and a build with `--drafts` resolves it.
#[test]
fn links_to_drafts_and_scheduled_articles_stop_a_build_to_publish() {
    let site = Site::with_config("");
    site.write(
        "content/alpha.md",
        "---\ntitle: Alpha\ndate: 2026-11-23T09:00:00+08:00\n---\nRead [the follow-up](beta.md) and [the plan](gamma.md).\n",
    );
    site.write("content/beta.md", "---\ntitle: Beta\ndate: 2026-11-22T09:00:00+08:00\ndraft: true\n---\nB.\n");
    site.write("content/gamma.md", "---\ntitle: Gamma\ndate: 2026-12-05T09:00:00+08:00\n---\nC.\n");
    let now = "2026-11-25T00:00:00+08:00";
    let built = newsprint(site.root()).args(["build", "--now", now]).output().unwrap();
    assert_eq!(built.status.code(), Some(1));
    assert_eq!(
        stderr(&built),
        "error: the link `beta.md` points at content/beta.md, a draft left out of this build\n --> content/alpha.md:5:6\n  |\n\
         5 | Read [the follow-up](beta.md) and [the plan](gamma.md).\n  |      ^^^^^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: publish that article first, or remove the link\n\n\
         error: the link `gamma.md` points at content/gamma.md, an article scheduled for later left out of this build\n --> content/alpha.md:5:35\n  |\n\
         5 | Read [the follow-up](beta.md) and [the plan](gamma.md).\n  |                                   ^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: publish that article first, or remove the link\n\n\
         error: the build stopped on 2 problems in 1 file; public was left as it was\n"
    );
    assert!(!site.public().exists(), "no page with href=\"beta.md\" was published");

    let checked = newsprint(site.root()).args(["check", "--now", now]).output().unwrap();
    assert_eq!(checked.status.code(), Some(1));
    assert_eq!(
        stderr(&checked),
        "error: the link `beta.md` points at content/beta.md, a draft: the link breaks when the site is published without drafts\n --> content/alpha.md:5:6\n  |\n\
         5 | Read [the follow-up](beta.md) and [the plan](gamma.md).\n  |      ^^^^^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: publish that article first, or remove the link\n\n\
         error: the link `gamma.md` points at content/gamma.md, scheduled for 5 Dec 2026 09:00 +08:00: the link is broken until then\n --> content/alpha.md:5:35\n  |\n\
         5 | Read [the follow-up](beta.md) and [the plan](gamma.md).\n  |                                   ^^^^^^^^^^^^^^^^^^^^\n  |\n\
         \x20 = help: publish that article first, or remove the link\n\n\
         Checked 3 articles and 15 pages: 2 problems in 1 file.\n"
    );

    let previewed = newsprint(site.root()).args(["build", "--drafts", "--future", "--now", now]).output().unwrap();
    assert!(previewed.status.success(), "{}", stderr(&previewed));
    let page = site.page("articles/alpha/");
    assert_eq!(page.attrs(".body a", "href"), ["/articles/beta/", "/articles/gamma/"]);
}

#[test]
fn check_passes_a_clean_site_and_warns_about_dates_without_a_zone() {
    let site = Site::empty();
    site.write("site.toml", "title = \"W\"\nbase_url = \"https://w.example\"\n");
    site.write("content/a.md", &article("A", "2026-11-23 09:40", ""));
    site.write("content/b.md", &article("B", "2026-11-23T09:40:00+08:00", ""));
    let out = newsprint(site.root()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Checked 2 articles and 10 pages: no problems (1 warning).\n");
    assert_eq!(
        stderr(&out),
        "warning: `date` has no UTC offset and site.toml sets no `timezone`, so it is read as UTC\n --> content/a.md:3:7\n  |\n\
         3 | date: 2026-11-23 09:40\n  |       ^^^^^^^^^^\n  |\n\
         \x20 = help: add an offset (2026-11-23T09:40:00+08:00) or set timezone = \"…\" in site.toml\n\n"
    );
}

#[test]
fn check_reports_front_matter_and_template_errors_and_exits_one() {
    let site = Site::with_config("");
    site.write("content/a.md", "---\ntitle: A\ndate: 2026-11-23\ntakeaway: [x]\n---\n");
    site.write(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}{{ tags | nope }}{% endblock content %}",
    );
    let out = newsprint(site.root()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.starts_with(
            "error: unknown field `takeaway`\n --> content/a.md:4:1\n  |\n4 | takeaway: [x]\n  | ^^^^^^^^\n  |\n  = help: did you mean `takeaways`?\n\n"
        ),
        "{text}"
    );
    assert!(text.contains("error: Unknown filter `nope`\n --> templates/tags.html:1:55\n"), "{text}");
    assert!(text.ends_with("Checked 1 article and 11 pages: 2 problems in 2 files.\n"), "{text}");
    assert_eq!(newsprint(site.root()).args(["check", "--bogus"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn colour_only_on_a_terminal() {
    let site = Site::with_config("");
    site.write("content/a.md", "---\ntitle: A\n---\n");
    let out = newsprint(site.root()).env_remove("NO_COLOR").arg("build").output().unwrap();
    assert!(!stderr(&out).contains('\x1b'), "piped output has no escape codes");
}
