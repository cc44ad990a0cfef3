//! Whatever an editor or a machine writes into an article, a build either
//! succeeds or reports errors: it never panics, and it never writes outside
//! its output folder. Property-based: proptest makes the front matter and
//! bodies, and shrinks any failure to a small example.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::Site;
use proptest::prelude::*;

/// Hostile and ordinary pieces of text.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "..",
        "../",
        "/",
        "\\",
        "..\\",
        "%2e%2e%2f",
        "CON",
        "nul",
        "<script>",
        "</script>",
        "\"",
        "'",
        "&amp;",
        "javascript:",
        "{{",
        "{%",
        "*",
        "_",
        "#",
        "- ",
        "\n",
        "\t",
        "é",
        "中文",
        "\u{202e}",
        " ",
        "a",
        "x",
        ":",
        "[",
        "]",
        "(",
        ")",
        "!",
        "`",
        "---",
        "|",
        "\\0",
        "&",
        "<",
        ">",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|parts| parts.concat())
}

fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\t', "\\t"))
}

/// A front matter: required keys with hostile values, plus some optional
/// keys, each with a value that may or may not fit.
fn front_matter() -> impl Strategy<Value = String> {
    let optional = prop::sample::select(vec![
        "slug",
        "summary",
        "category",
        "story",
        "author",
        "draft",
        "tags",
        "related",
        "takeaways",
        "deep_dive",
    ]);
    (text(), prop::collection::vec((optional, text(), any::<bool>()), 0..6)).prop_map(|(title, fields)| {
        let mut yaml = format!("title: {}\ndate: 2026-11-23T09:40:00+08:00\n", yaml_string(&title));
        for (key, value, as_list) in fields {
            if as_list {
                yaml.push_str(&format!("{key}: [{}]\n", yaml_string(&value)));
            } else {
                yaml.push_str(&format!("{key}: {}\n", yaml_string(&value)));
            }
        }
        yaml
    })
}

fn files_outside_output(root: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !(name == "public" || name.starts_with(".public.") || name == ".newsprint-cache")
        })
        .flatten()
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_article_builds_or_is_reported_and_nothing_escapes(
        front in front_matter(),
        body in text(),
        file in prop::sample::select(vec!["a.md", "..a.md", "con.md", "a b.md", "中文.md", "x.MD"]),
    ) {
        // The site's own parent folder: what appears beside the site is the build's doing.
        let parent = tempfile::tempdir().unwrap();
        let site = Site::with_config_in(parent.path(), "");
        site.write(&format!("content/{file}"), &format!("---\n{front}---\n\n{body}\n"));
        let parent = parent.path().to_path_buf();
        let siblings = || std::fs::read_dir(&parent).unwrap().flatten().map(|e| e.file_name()).collect::<BTreeSet<_>>();
        let siblings_before = siblings();
        let before = files_outside_output(site.root());
        match site.build() {
            Ok(report) => {
                // Every shown article has its page (a draft or a future one has none).
                let pages = std::fs::read_dir(site.public().join("articles"))
                    .map_or(0, |dir| dir.flatten().filter(|e| e.path().join("index.html").is_file()).count());
                prop_assert_eq!(pages, report.articles);
                prop_assert!(report.articles <= 1);
            }
            // The one article is the only thing that can be wrong.
            Err(error) => prop_assert!(error.to_string().starts_with(&format!("content/{file}")), "{}", error),
        }
        prop_assert_eq!(files_outside_output(site.root()), before, "files appeared outside the output folder");
        let appeared: Vec<_> = siblings().difference(&siblings_before).filter(|n| !n.to_string_lossy().starts_with(".tmp")).cloned().collect();
        prop_assert!(appeared.is_empty(), "new files next to the site: {:?}", appeared);
    }
}
