//! Deploy benchmark: builds a site (search on), then deploys it to the
//! in-process S3-compatible server of the tests (tests/common/s3.rs, on
//! loopback) cold, with nothing changed, and after one article's body
//! changed, printing the time and what was uploaded, deleted and left.
//! The site's site.toml gets a deploy target for the run and is restored
//! after, as is the edited article.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 10000 --out /tmp/c10k
//! cargo bench --bench deploy -- --site /tmp/c10k [--article NAME.md]
//! ```
//!
//! The edited article is `--article` (a file under content/), or one from
//! the middle of the content folder.
//!
//! No timing here is asserted anywhere.

#[path = "../tests/common/s3.rs"]
mod s3;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use newsprint::BuildOptions;
use newsprint::deploy::{DeployOptions, DeployReport, Environment};

fn main() {
    let (mut site, mut article) = (None, None);
    let mut given = std::env::args().skip(1);
    while let Some(arg) = given.next() {
        match arg.as_str() {
            "--site" => site = given.next().map(PathBuf::from),
            "--article" => article = given.next().map(PathBuf::from),
            "--bench" => {}
            other => panic!("unknown argument {other}; see benches/deploy.rs"),
        }
    }
    let root = site.expect("--site DIR: a site to deploy (see benches/deploy.rs)");
    let server = s3::Server::start();
    let config = root.join("site.toml");
    let original_config = std::fs::read_to_string(&config).expect("site.toml");
    let target = format!(
        "\n[[deploy.targets]]\nname = \"bench\"\nurl = \"s3://{}/www\"\nendpoint = \"{}\"\n",
        s3::BUCKET,
        server.endpoint()
    );
    std::fs::write(&config, format!("{original_config}{target}")).expect("site.toml");
    let article = article.map(|a| root.join("content").join(a)).unwrap_or_else(|| pick_article(&root));
    let original_article = std::fs::read_to_string(&article).expect("the article");

    let now = "2026-11-27T00:00:00Z".parse().expect("a timestamp");
    let build = BuildOptions { now: Some(now), ..BuildOptions::new(&root) };
    let started = Instant::now();
    let built = newsprint::build(&build).expect("the build");
    println!("build: {} pages in {:.2} s", built.pages, started.elapsed().as_secs_f64());
    let files = files_of(&build.output_dir());
    println!("output: {} files, {:.1} MiB", files.len(), files.values().sum::<u64>() as f64 / 1_048_576.0);

    let vars = [("AWS_ACCESS_KEY_ID", s3::ACCESS_KEY), ("AWS_SECRET_ACCESS_KEY", s3::SECRET_KEY)];
    let env = Environment { vars: vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), home: None };
    let options = DeployOptions { env, ..DeployOptions::new(&root) };
    report("cold deploy", &deploy(&options), files.len());
    report("nothing changed", &deploy(&options), files.len());

    std::fs::write(&article, format!("{original_article}\nOne more sentence for the benchmark.\n")).expect("edit");
    let before = hashes(&build.output_dir());
    let started = Instant::now();
    newsprint::build(&build).expect("the build");
    println!("one edit: rebuilt in {:.2} s", started.elapsed().as_secs_f64());
    let after = hashes(&build.output_dir());
    let edited = deploy(&options);
    report("one edit", &edited, files.len());
    let changed: Vec<&String> = after.iter().filter(|(p, h)| before.get(*p) != Some(h)).map(|(p, _)| p).collect();
    println!("  files the edit changed: {} ({} uploaded)", changed.len(), edited.uploads.len());
    let mut kinds: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for upload in &edited.uploads {
        kinds.entry(kind(&upload.path)).or_default().push(&upload.path);
    }
    for (kind, paths) in kinds {
        println!("  {kind}: {} — {}", paths.len(), paths.iter().take(8).copied().collect::<Vec<_>>().join(", "));
    }

    std::fs::write(&article, original_article).expect("restore the article");
    std::fs::write(&config, original_config).expect("restore site.toml");
}

fn deploy(options: &DeployOptions) -> DeployReport {
    newsprint::deploy::deploy(options).unwrap_or_else(|e| panic!("deploy failed: {e}"))
}

fn report(name: &str, report: &DeployReport, files: usize) {
    println!(
        "{name}: {:.2} s, {} uploaded ({:.1} MiB, {:.2}% of {files} files), {} deleted, {} unchanged",
        report.elapsed.as_secs_f64(),
        report.uploads.len(),
        report.uploaded_bytes() as f64 / 1_048_576.0,
        100.0 * report.uploads.len() as f64 / files as f64,
        report.deletes.len(),
        report.unchanged
    );
}

fn kind(path: &str) -> &'static str {
    if path.starts_with("pagefind/") {
        "search bundles"
    } else if path.ends_with(".html") {
        "pages"
    } else if path.ends_with(".xml") || path.ends_with(".json") {
        "feeds and sitemaps"
    } else {
        "other"
    }
}

fn files_of(dir: &Path) -> BTreeMap<String, u64> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), e.metadata().unwrap().len()))
        .collect()
}

fn hashes(dir: &Path) -> BTreeMap<String, u64> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (e.path().strip_prefix(dir).unwrap().display().to_string(), xxhash_rust::xxh3::xxh3_64(&bytes))
        })
        .collect()
}

/// An article from the middle of the content folder.
fn pick_article(root: &Path) -> PathBuf {
    let mut names: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .expect("content/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    names[names.len() / 2].clone()
}
