//! docs/format.md, the format reference, is checked against the code: every
//! key newsprint accepts (each scope's list comes from newsprint's own
//! "allowed here" hint for an unknown key), every value of the fixed lists
//! and every kind of output path is documented; its example article builds
//! as it is; and the README links it.

mod common;

use common::{Site, site_toml};

fn reference() -> String {
    std::fs::read_to_string(common::repo().join("docs/format.md")).expect("docs/format.md")
}

/// The names in an "allowed here: `a`, `b`" hint.
fn allowed(hint: &str) -> Vec<String> {
    let list = hint.strip_prefix("allowed here: ").unwrap_or_else(|| panic!("not a list of names: {hint}"));
    list.split(", ").map(|name| name.trim_matches('`').to_string()).collect()
}

/// The hint of the only problem `check` finds in a site with this file.
fn hint_for(file: &str, text: &str) -> String {
    let site = Site::with_config("");
    site.write(file, text);
    let report = newsprint::check(&newsprint::BuildOptions::new(site.root())).unwrap();
    let hints: Vec<String> = report.problems.iter().filter_map(|d| d.hint.clone()).collect();
    assert_eq!(hints.len(), 1, "{:?}", report.problems);
    hints.into_iter().next().unwrap()
}

fn assert_documented(what: &str, names: &[String]) {
    let reference = reference();
    // A key is `name`, a table `[name]` or `[name.<key>]`.
    let documented = |n: &&String| reference.contains(&format!("`{n}`")) || reference.contains(&format!("`[{n}"));
    let missing: Vec<&String> = names.iter().filter(|n| !documented(n)).collect();
    assert!(missing.is_empty(), "docs/format.md does not document these {what}: {missing:?}");
}

#[test]
fn every_front_matter_key_and_value_is_documented() {
    let article = |yaml: &str| format!("---\ntitle: T\ndate: 2026-11-23T09:00:00+08:00\n{yaml}---\nBody.\n");
    let scopes = [
        ("keys", "zzqq: 1\n"),
        ("source fields", "source:\n  name: N\n  zzqq: 1\n"),
        ("TL;DR fields", "tldr:\n  zzqq: 1\n"),
        ("table fields", "tables:\n  - columns: [a]\n    zzqq: 1\n"),
        ("prediction fields", "implications:\n  - prediction: P\n    zzqq: 1\n"),
        ("timeline fields", "timeline:\n  - date: 2026\n    event: E\n    zzqq: 1\n"),
        ("correction fields", "corrections:\n  - date: 2026-11-23\n    text: T\n    zzqq: 1\n"),
        ("sections of ai_generated", "ai_generated: [zzqq]\n"),
        ("confidence levels", "implications:\n  - prediction: P\n    confidence: zzqq\n"),
        ("values of made", "made: zzqq\n"),
    ];
    for (what, yaml) in scopes {
        assert_documented(what, &allowed(&hint_for("content/a.md", &article(yaml))));
    }
    let week = hint_for("content/weeks/2026-W48.md", "---\nzzqq: 1\n---\nNote.\n");
    assert_documented("recap note keys", &allowed(&week));
    let story = hint_for("content/stories/fab.md", "---\nzzqq: 1\n---\nNote.\n");
    assert_documented("story note keys", &allowed(&story));
}

#[test]
fn every_site_toml_key_and_value_is_documented() {
    let base = "title = \"W\"\nbase_url = \"https://w.example\"\n";
    for (what, text) in [
        ("top-level keys", format!("{base}zzqq = 1\n")),
        ("category keys", format!("{base}[categories.news]\nlabel = \"N\"\nzzqq = 1\n")),
        ("[feeds] keys", format!("{base}[feeds]\nzzqq = 1\n")),
        ("[feeds] content values", format!("{base}[feeds]\ncontent = \"zzqq\"\n")),
        ("[related] keys", format!("{base}[related]\nzzqq = 1\n")),
        ("[search] keys", format!("{base}[search]\nzzqq = 1\n")),
        ("[markdown] keys", format!("{base}[markdown]\nzzqq = 1\n")),
        ("[images] keys", format!("{base}[images]\nzzqq = 1\n")),
        ("raw_html values", format!("{base}[markdown]\nraw_html = \"zzqq\"\n")),
        ("[publisher] keys", format!("{base}[publisher]\nname = \"P\"\nzzqq = 1\n")),
        ("author keys", format!("{base}[authors.lin]\nname = \"Lin\"\nzzqq = 1\n")),
        ("[disclosure] keys", format!("{base}[disclosure]\nzzqq = 1\n")),
        ("[disclosure] made values", format!("{base}[disclosure]\nmade = \"zzqq\"\n")),
        ("[share] keys", format!("{base}[share]\nzzqq = 1\n")),
    ] {
        let error = newsprint::config::parse(&text, &Default::default()).unwrap_err();
        let hint = error.diagnostics()[0].hint.clone().unwrap_or_default();
        assert_documented(what, &allowed(&hint));
    }
}

#[test]
fn every_kind_of_output_path_is_documented() {
    let site = Site::fixture("everything");
    site.build_with(|o| o.now = Some("2026-11-26T00:00:00Z".parse().unwrap())).unwrap();
    let static_dirs = [common::repo().join("themes/newsroom/static"), site.root().join("static")];
    let from_static = |name: &str| static_dirs.iter().any(|dir| dir.join(name).exists());
    let mut kinds: Vec<String> = std::fs::read_dir(site.public())
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() { format!("{name}/") } else { name }
        })
        .filter(|name| !name.starts_with('.') && !from_static(name.trim_end_matches('/')))
        .collect();
    kinds.sort();
    assert!(kinds.contains(&"stories/".to_string()), "{kinds:?}");
    let reference = reference();
    let missing: Vec<&String> = kinds.iter().filter(|k| !reference.contains(&format!("`{k}"))).collect();
    assert!(missing.is_empty(), "docs/format.md does not say what these outputs are: {missing:?}");
}

#[test]
fn the_example_article_builds_as_it_is() {
    let reference = reference();
    let section = &reference[reference.find("## An article").unwrap()..];
    let start = section.find("```markdown\n").unwrap() + "```markdown\n".len();
    let example = &section[start..start + section[start..].find("\n```").unwrap()];
    let site = Site::empty();
    let authors = "[authors.lin]\nname = \"Lin Qiao\"\n[authors.mara]\nname = \"Mara Lind\"\n";
    let config = site_toml("").replace("[categories.chips]", "[categories.infrastructure]");
    site.write("site.toml", &format!("{config}{authors}"));
    site.write("content/fab.md", &format!("{example}\n"));
    site.write(
        "content/earlier.md",
        "---\ntitle: Earlier\ndate: 2026-10-01T09:00:00+08:00\nslug: earlier-fab-plan\n---\nE.\n",
    );
    let photo = image::RgbImage::from_fn(320, 200, |x, y| image::Rgb([x as u8, y as u8, 90]));
    std::fs::create_dir_all(site.root().join("static/images")).unwrap();
    photo.save(site.root().join("static/images/fab-site.jpg")).unwrap();
    let report = newsprint::check(&newsprint::BuildOptions::new(site.root())).unwrap();
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty() && report.warnings.is_empty(), "{problems:?} {:?}", report.warnings);
}

#[test]
fn the_readme_links_the_reference() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    assert!(readme.contains("](docs/format.md)"), "the README does not link docs/format.md");
    assert!(!readme.contains("FORMAT.md"), "the README names a file the repository does not have");
}
