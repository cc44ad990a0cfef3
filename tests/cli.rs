//! The `newsprint` binary: help and version everywhere, the one-line build
//! summary, errors on stderr with paths as typed, and exit codes.

mod common;

use std::process::{Command, Output};

use common::{Site, article};

fn newsprint(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsprint")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn help_and_version_everywhere() {
    let here = std::env::temp_dir();
    let version = newsprint(&["--version"], &here);
    assert!(version.status.success());
    assert_eq!(stdout(&version), format!("newsprint {}\n", env!("CARGO_PKG_VERSION")));
    let help = newsprint(&["--help"], &here);
    assert!(help.status.success());
    assert!(stdout(&help).contains("build   Build the site into its output folder"), "{}", stdout(&help));
    assert!(stdout(&help).contains("deploy  Upload the last build to S3-compatible storage"), "{}", stdout(&help));
    let build_help = newsprint(&["build", "--help"], &here);
    assert!(build_help.status.success());
    for flag in ["--root <DIR>", "--output <DIR>", "--drafts", "--base-url <URL>", "--force"] {
        assert!(stdout(&build_help).contains(flag), "{flag} missing from:\n{}", stdout(&build_help));
    }
    let sub_version = stdout(&newsprint(&["build", "--version"], &here));
    assert!(sub_version.ends_with(&format!(" {}\n", env!("CARGO_PKG_VERSION"))), "{sub_version}");
}

#[test]
fn usage_errors_exit_non_zero() {
    let out = newsprint(&["build", "--no-such-flag"], &std::env::temp_dir());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unexpected argument '--no-such-flag'"), "{}", stderr(&out));
}

#[test]
fn a_build_prints_one_summary_line() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23", "category: chips\ntags: [hbm]\n"));
    let out = newsprint(&["build"], site.root());
    assert!(out.status.success(), "{}", stderr(&out));
    let line = stdout(&out);
    assert!(
        line.starts_with(
            "Built 12 pages (1 article, 1 week, 2 categories, 1 tag), 13 feeds, 1 email edition, 3 sitemap files and 4 static files in "
        ),
        "{line}"
    );
    assert!(line.ends_with(" s → public\n"), "{line}");
    assert_eq!(line.lines().count(), 1);
    assert!(site.public().join("articles/a/index.html").is_file());
    assert!(newsprint(&["build", "--quiet"], site.root()).stdout.is_empty());
}

#[test]
fn errors_go_to_stderr_with_paths_from_where_the_command_ran() {
    let site = Site::with_config("");
    site.write("content/bad.md", "---\ntitle: T\n---\n");
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let out = newsprint(&["build", "--root", name], parent);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        format!(
            "error: missing field `date`\n --> {name}/content/bad.md:1:1\n  |\n1 | ---\n  | ^^^\n  |\n\
             \x20 = help: add it, e.g. date: 2026-11-23T09:40:00+08:00\n\n\
             error: the build stopped on 1 problem in 1 file; {name}/public was left as it was\n"
        )
    );
}

#[test]
fn a_folder_without_site_toml_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsprint(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: no site.toml in the current folder: run newsprint in a site folder, or pass --root\n"
    );
}

#[test]
fn files_replaced_by_force_are_named_when_moved_aside_and_when_deleted() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23", ""));
    site.write("docs/notes.txt", "mine");
    site.write("docs/old/page.html", "mine too");
    let root = std::fs::canonicalize(site.root()).unwrap();
    let (docs, spare) = (root.join("docs"), root.join(".docs.newsprint-spare"));
    let forced = newsprint(&["build", "--quiet", "--output", "docs", "--force"], site.root());
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(
        stderr(&forced),
        format!(
            "warning: --force replaced 2 files that newsprint did not create; they wait in {spare} until the next build deletes them\n\
             --> {docs}\n = help: move what you want to keep out of {spare} before you build again\n\n",
            spare = spare.display(),
            docs = docs.display()
        )
    );
    assert_eq!(std::fs::read_to_string(spare.join("notes.txt")).unwrap(), "mine", "kept until the next build");
    let next = newsprint(&["build", "--quiet", "--output", "docs"], site.root());
    assert!(next.status.success(), "{}", stderr(&next));
    assert_eq!(
        stderr(&next),
        format!(
            "warning: deleted {}: the 2 files this folder held before --force replaced them\n--> {}\n\n",
            spare.display(),
            docs.display()
        )
    );
    assert!(!spare.join("notes.txt").exists());
    let quiet = newsprint(&["build", "--quiet", "--output", "docs"], site.root());
    assert_eq!(stderr(&quiet), "", "newsprint's own twin is emptied without a word");
}

#[test]
fn a_build_flushes_its_files_to_disk_before_the_swap_and_says_how_long_it_took() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23", ""));
    let out = newsprint(&["build", "--verbose"], site.root());
    assert!(out.status.success(), "{}", stderr(&out));
    let stages: Vec<String> =
        stdout(&out).lines().skip(1).filter_map(|l| l.split_whitespace().next().map(str::to_string)).collect();
    let at = |stage: &str| stages.iter().position(|s| s == stage).unwrap_or_else(|| panic!("no {stage} in {stages:?}"));
    assert!(at("render+search") < at("sync") && at("sync") < at("swap"), "{stages:?}");
}

#[test]
fn a_generated_page_is_named_as_itself_whatever_the_root() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23", ""));
    site.write("static/robots.txt", "User-agent: *\n");
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let out = newsprint(&["build", "--root", name], parent);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: its page would be written to robots.txt, which static/robots.txt also writes\n--> the generated robots.txt\n = help: change the slug, or the permalink pattern in site.toml\n\n\
             error: the build stopped on 1 problem in 1 file; {name}/public was left as it was\n"
        )
    );
}
