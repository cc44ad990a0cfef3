//! The repository's own corpus generator (tests/common/corpus.rs), which
//! tests and benchmarks build: the same options give the same files, and
//! what it writes is a valid site in both languages, with every part the
//! format has.

mod common;

use common::corpus::{self, Language, Options};

const NOW: &str = "2026-11-27T00:00:00Z";

fn generate(articles: usize, language: Language) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let options = Options { language, search: false, ..Options::new(articles, dir.path()) };
    corpus::generate(&options).unwrap();
    dir
}

#[test]
fn the_same_options_give_the_same_files() {
    let (a, b) = (generate(80, Language::English), generate(80, Language::English));
    assert_eq!(common::snapshot(a.path()), common::snapshot(b.path()));
    let other = tempfile::tempdir().unwrap();
    let options = Options { seed: 2, ..Options::new(80, other.path()) };
    corpus::generate(&options).unwrap();
    assert_ne!(common::snapshot(a.path()), common::snapshot(other.path()), "another seed, other files");
}

#[test]
fn a_generated_corpus_is_a_valid_site_in_english_and_chinese() {
    for language in [Language::English, Language::Chinese] {
        let dir = generate(100, language);
        let options =
            newsprint::BuildOptions { now: Some(NOW.parse().unwrap()), ..newsprint::BuildOptions::new(dir.path()) };
        let report = newsprint::check(&options).unwrap_or_else(|e| panic!("{language:?}: {e}"));
        let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{language:?}: {problems:#?}");
        assert_eq!(report.articles, 100);
        let built = newsprint::build(&options).unwrap_or_else(|e| panic!("{language:?}: {e}"));
        assert!(built.weeks >= 3, "{language:?}: {} weeks", built.weeks);
        assert!(built.tags >= 20, "{language:?}: {} tags", built.tags);
        let site = dir.path().join("public");
        assert!(site.join("stories").is_dir(), "{language:?}: no story pages");
    }
}

#[test]
fn every_part_of_the_format_is_in_a_corpus() {
    let dir = generate(400, Language::English);
    let mut text = String::new();
    for entry in walkdir::WalkDir::new(dir.path().join("content")).into_iter().flatten() {
        if entry.file_type().is_file() {
            text.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    for key in [
        "title:",
        "date:",
        "updated:",
        "slug:",
        "draft: true",
        "summary:",
        "category:",
        "tags:",
        "audience:",
        "source:",
        "  url:",
        "  language:",
        "  collected:",
        "tldr:",
        "takeaways:",
        "tables:",
        "    caption:",
        "deep_dive:",
        "implications:",
        "    confidence:",
        "timeline:",
        "related:",
        "story:",
        "author:",
        "image:",
        "image_alt:",
        "corrections:",
        "ai_generated:",
        "extra:",
        "highlights:",
        "```",
        "[^1]",
        ".md)",
        "](/images/",
    ] {
        assert!(text.contains(key), "no `{key}` in the corpus");
    }
    let files: Vec<String> = std::fs::read_dir(dir.path().join("content"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().any(|f| f.ends_with(".markdown")), "no .markdown article");
    assert!(dir.path().join("content/stories").read_dir().unwrap().next().is_some(), "no story note");
    assert!(dir.path().join("content/weeks").read_dir().unwrap().next().is_some(), "no recap note");
}
