//! The README shows what newsprint prints: the build of the example site,
//! and the day at the desk (`init`, `new`, `serve`, a slip, `check`, a
//! failed build), replayed through the real binary and compared with the
//! README's console blocks, word for word.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn readme() -> String {
    std::fs::read_to_string(common::repo().join("README.md")).unwrap()
}

fn newsprint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsprint")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts that the README holds `shown` as it is.
fn assert_shown(readme: &str, shown: &str) {
    assert!(readme.contains(shown), "the README does not show what newsprint prints:\n{shown}");
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn the_readme_shows_what_a_build_of_the_example_site_prints() {
    let site = common::Site::empty();
    std::fs::copy(common::repo().join("site.toml"), site.root().join("site.toml")).unwrap();
    for dir in ["content", "static"] {
        copy(&common::repo().join(dir), &site.root().join(dir));
    }
    let out = newsprint(site.root(), &["build", "--now", "2026-11-30T00:00:00Z"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "the example site builds without a warning");
    // The time differs from run to run.
    let printed = text(&out.stdout);
    let (before, after) = printed.split_once(" in ").unwrap();
    let (_, after) = after.split_once(" s → ").unwrap();
    assert_shown(&readme(), &format!("```console\n{before} in 0.25 s → {after}```"));
}

/// Lines a running `newsprint serve` prints, read on threads.
struct Serve {
    child: std::process::Child,
    stdout: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
    /// Its temp folder, removed after it is stopped (killed, it cannot
    /// remove its builds).
    _scratch: tempfile::TempDir,
}

impl Serve {
    fn start(dir: &Path) -> Serve {
        let scratch = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsprint"))
            .args(["serve", "--port", "0"])
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env("TMPDIR", scratch.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = |stream: Box<dyn std::io::Read + Send>| {
            let (send, receive) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = send.send(line);
                }
            });
            receive
        };
        let stdout = lines(Box::new(child.stdout.take().unwrap()));
        let stderr = lines(Box::new(child.stderr.take().unwrap()));
        Serve { child, stdout, stderr, _scratch: scratch }
    }

    /// Lines up to and including the first for which `last` holds.
    fn until(lines: &mpsc::Receiver<String>, last: impl Fn(&str) -> bool) -> String {
        let mut text = String::new();
        loop {
            let line = lines.recv_timeout(Duration::from_secs(30)).expect("newsprint serve printed it");
            text.push_str(&line);
            text.push('\n');
            if last(&line) {
                return text;
            }
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_readme_shows_a_day_at_the_desk_as_newsprint_prints_it() {
    let readme = readme();
    let tmp = tempfile::tempdir().unwrap();
    assert!(newsprint(tmp.path(), &["init", "demo"]).status.success());
    let demo = tmp.path().join("demo");
    let article = demo.join("content/chipmaker-pauses-fab-expansion.md");
    let edit = |from: &str, to: &str| {
        let text = std::fs::read_to_string(&article).unwrap();
        assert!(text.contains(from), "{from} not in:\n{text}");
        std::fs::write(&article, text.replacen(from, to, 1)).unwrap();
    };

    let command = "newsprint new \"Chipmaker pauses fab expansion\" --category news --tags chips,energy";
    let new =
        newsprint(&demo, &["new", "Chipmaker pauses fab expansion", "--category", "news", "--tags", "chips,energy"]);
    assert_shown(&readme, &format!("$ {command}\n{}", text(&new.stdout)));

    let serve = Serve::start(&demo);
    let serving = Serve::until(&serve.stdout, |line| line.starts_with("Serving "));
    let serving = serving.lines().last().unwrap();
    let port = serving.split("127.0.0.1:").nth(1).unwrap().split('/').next().unwrap();
    let serving = serving.replace(&format!("127.0.0.1:{port}"), "127.0.0.1:1111");
    assert_shown(&readme, &format!("$ newsprint serve --open\n{serving}\n"));
    edit("category: news", "category: nws");
    let slip = Serve::until(&serve.stderr, |line| line.ends_with("still serving the last good build"));
    assert_shown(&readme, &format!("```console\n{slip}```"));
    drop(serve);

    let build = newsprint(&demo, &["build"]);
    assert_eq!(build.status.code(), Some(1));
    assert_shown(&readme, &format!("$ newsprint build\n{}```", text(&build.stderr)));

    edit("category: nws", "category: news");
    edit("Write the story here.", "See [the plan](fab-plan.md).");
    let check = newsprint(&demo, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let fixed = {
        edit("See [the plan](fab-plan.md).", "Write the story here.");
        newsprint(&demo, &["check"])
    };
    assert!(fixed.status.success(), "{}", text(&fixed.stderr));
    let shown = format!("$ newsprint check\n{}$ newsprint check\n{}```", text(&check.stderr), text(&fixed.stdout));
    assert_shown(&readme, &shown);
}
