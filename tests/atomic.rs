//! A build killed mid-write (SIGKILL, the worst case: no cleanup runs)
//! leaves the published folder byte for byte as it was, and the next build
//! cleans up after it and publishes exactly what a clean build would. The
//! site is a generated corpus (tests/common/corpus.rs), big enough that the
//! kill lands while pages are being written.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::corpus;

const NOW: &str = "2026-11-27T00:00:00Z";

fn generated_site(articles: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let options = corpus::Options { search: false, ..corpus::Options::new(articles, dir.path().join("site")) };
    corpus::generate(&options).unwrap();
    dir
}

fn build(site: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsprint"))
        .args(["build", "--quiet", "--now", NOW, "--root"])
        .arg(site)
        .args(extra)
        .output()
        .unwrap()
}

fn files_under(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file()).count()
}

#[test]
fn a_build_killed_mid_write_leaves_the_published_site_untouched() {
    let dir = generated_site(1_000);
    let site = dir.path().join("site");
    let public = site.join("public");
    let twin: PathBuf = site.join(".public.newsprint-spare");
    assert!(build(&site, &[]).status.success());
    let before = common::snapshot(&public);
    assert!(before.len() > 1_000);

    // Change every page (the site title is on all of them) and kill the
    // build once it has written a good part of the new pages.
    let config = site.join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let first_line = text.lines().find(|l| l.starts_with("title")).unwrap().to_string();
    std::fs::write(&config, text.replacen(&first_line, "title = \"Renamed Digest\"", 1)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsprint"))
        .args(["build", "--quiet", "--now", NOW, "--root"])
        .arg(&site)
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if files_under(&twin) > 300 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the build ended ({status}) before it could be killed mid-write");
        }
        assert!(started.elapsed() < Duration::from_secs(120), "no pages were written");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(common::snapshot(&public), before, "the published site changed");

    // The next build cleans up and publishes the new site whole.
    assert!(build(&site, &[]).status.success());
    let clean = dir.path().join("clean");
    assert!(build(&site, &["--fresh", "--output", clean.to_str().unwrap()]).status.success());
    assert_eq!(
        common::snapshot(&public),
        common::snapshot(&clean),
        "the build after the kill differs from a clean one"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("newsprint-") && n != ".public.newsprint-spare" && n != ".newsprint-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A build whose writes fail (here: a file size limit, as a full disk would)
/// reports the failure and leaves the published site as it was; the next
/// build that can write publishes what a clean build would.
#[test]
fn a_build_that_cannot_write_leaves_the_published_site_untouched() {
    let site = common::Site::fixture("parts");
    let root = site.root().to_path_buf();
    assert!(build(&root, &[]).status.success());
    let public = root.join("public");
    let before = common::snapshot(&public);

    let config = root.join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let first_line = text.lines().find(|l| l.starts_with("title")).unwrap().to_string();
    std::fs::write(&config, text.replacen(&first_line, "title = \"Renamed Digest\"", 1)).unwrap();
    // Files over 4 KiB cannot be written; SIGXFSZ ignored, so writes fail
    // with an error (EFBIG) instead of killing the process.
    let limited = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 8; exec \"$0\" build --quiet --now \"$1\" --root \"$2\"")
        .arg(env!("CARGO_BIN_EXE_newsprint"))
        .arg(NOW)
        .arg(&root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&limited.stderr);
    assert!(!limited.status.success(), "the build could not write, yet succeeded: {stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    let note = format!("note: nothing was published; {} was left as it was", public.display());
    assert!(stderr.trim_end().ends_with(&note), "{stderr}");
    assert_eq!(common::snapshot(&public), before, "the published site changed");

    assert!(build(&root, &[]).status.success());
    let clean = root.join("clean");
    assert!(build(&root, &["--fresh", "--output", clean.to_str().unwrap()]).status.success());
    assert_eq!(
        common::snapshot(&public),
        common::snapshot(&clean),
        "the build after the failure differs from a clean one"
    );
}
