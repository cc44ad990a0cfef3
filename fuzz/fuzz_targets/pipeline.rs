//! Any text as the one article of a site, through the whole pipeline: load,
//! model, related, every page rendered in memory (`newsprint check`). It may
//! be refused, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const SITE: &str = "title = \"Fuzz\"\nbase_url = \"https://fuzz.example.org\"\ntimezone = \"Asia/Shanghai\"\n\
                    [categories.chips]\nlabel = \"Chips\"\n";

const OTHER: &str =
    "---\ntitle: \"Other\"\ndate: 2026-11-20T09:00:00+08:00\nslug: other\ntags: [chips]\n---\n\nBody.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).expect("content/");
    std::fs::write(root.join("site.toml"), SITE).expect("site.toml");
    std::fs::write(root.join("content/other.md"), OTHER).expect("an article");
    std::fs::write(root.join("content/fuzz.md"), text).expect("the fuzzed article");
    let options = newsprint::BuildOptions {
        now: Some("2026-12-01T00:00:00Z".parse().expect("a time")),
        ..newsprint::BuildOptions::new(root)
    };
    let _ = newsprint::check(&options);
});
