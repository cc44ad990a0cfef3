//! `newsprint deploy` against an S3-compatible server on loopback
//! (tests/common/s3.rs): the example site uploaded whole with the right
//! headers, then only what an edit changed, deletions, the cap on them,
//! a dry run, retries, ETags that are not MD5s, a server that dies half
//! way, and the mistakes an editor makes in site.toml and on the command line.

mod common;
#[path = "common/s3.rs"]
mod s3;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

use common::{Site, repo};
use newsprint::deploy::{DeployOptions, DeployReport, Environment};
use s3::Server;

/// The article the tests edit, and its page.
const ARTICLE: &str = "content/20261122-dunmore-regional-cloud-tender.md";
const ARTICLE_PAGE: &str = "articles/20261122-dunmore-regional-cloud-tender/index.html";

/// A copy of the example site (site.toml, content/, static/, themes/) with
/// a deploy target on `endpoint` and `extra` site.toml lines after it.
fn example_site(endpoint: &str, extra: &str) -> Site {
    let site = Site::empty();
    for folder in ["content", "static"] {
        copy_dir(&repo().join(folder), &site.root().join(folder));
    }
    let config = std::fs::read_to_string(repo().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!(
            "{config}\n[[deploy.targets]]\nname = \"production\"\nurl = \"s3://{}/www\"\nendpoint = \"{endpoint}\"\n{extra}",
            s3::BUCKET
        ),
    );
    site
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds at a fixed moment, so two builds differ only by the edits between them.
fn build(site: &Site) {
    let now = "2026-11-27T12:00:00+08:00".parse().unwrap();
    site.build_with(|o| o.now = Some(now)).unwrap_or_else(|e| panic!("build failed:\n{e}"));
}

/// Credentials the test server accepts, and no home folder to read others from.
fn test_env() -> Environment {
    let vars = [("AWS_ACCESS_KEY_ID", s3::ACCESS_KEY), ("AWS_SECRET_ACCESS_KEY", s3::SECRET_KEY)];
    Environment { vars: vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), home: None }
}

fn options(site: &Site) -> DeployOptions {
    DeployOptions { env: test_env(), ..DeployOptions::new(site.root()) }
}

fn deploy(site: &Site) -> DeployReport {
    newsprint::deploy::deploy(&options(site)).unwrap_or_else(|e| panic!("deploy failed:\n{e}"))
}

fn deploy_err(options: &DeployOptions) -> String {
    match newsprint::deploy::deploy(options) {
        Ok(report) => panic!("the deploy succeeded but should have failed: {report:?}"),
        Err(e) => e.to_string(),
    }
}

/// Every file of the output folder but the manifest, by path.
fn output_files(site: &Site) -> BTreeMap<String, Vec<u8>> {
    common::snapshot(&site.public())
        .into_iter()
        .map(|(path, bytes)| (path.to_str().unwrap().replace('\\', "/"), bytes))
        .filter(|(path, _)| path != ".newsprint-output")
        .collect()
}

/// The bucket's objects under `www/`, by output path, with their bytes
/// decompressed as a browser would.
fn bucket_files(server: &Server) -> BTreeMap<String, Vec<u8>> {
    server
        .bucket
        .objects()
        .into_iter()
        .map(|(key, object)| {
            let path = key.strip_prefix("www/").unwrap_or_else(|| panic!("{key} is outside the target's folder"));
            (path.to_string(), decoded(&object))
        })
        .collect()
}

fn decoded(object: &s3::Object) -> Vec<u8> {
    let mut out = Vec::new();
    match object.content_encoding.as_deref() {
        None => return object.bytes.clone(),
        Some("gzip") => flate2::read::GzDecoder::new(&object.bytes[..]).read_to_end(&mut out).unwrap(),
        Some("br") => brotli::Decompressor::new(&object.bytes[..], 4096).read_to_end(&mut out).unwrap(),
        Some(other) => panic!("unexpected Content-Encoding {other}"),
    };
    out
}

/// The output paths the server was asked to upload, in order.
fn puts(server: &Server) -> Vec<String> {
    server.bucket.lock().puts.iter().map(|k| k.strip_prefix("www/").unwrap().to_string()).collect()
}

/// Paths whose bytes differ between two snapshots, or that only the second has.
fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    after.iter().filter(|(path, bytes)| before.get(*path) != Some(bytes)).map(|(path, _)| path.clone()).collect()
}

const YEAR: &str = "public, max-age=31536000, immutable";
const MINUTE: &str = "public, max-age=60, must-revalidate";
const FIVE_MINUTES: &str = "public, max-age=300";

/// What the issue asks of each kind of file, written out apart from the code.
fn expected_headers(path: &str) -> (&'static str, &'static str, Option<&'static str>) {
    let name = path.rsplit('/').next().unwrap();
    let ext = name.rsplit('.').next().unwrap();
    match (name, ext) {
        (_, "css") if path.starts_with("css/") => ("text/css; charset=utf-8", FIVE_MINUTES, Some("gzip")),
        (_, "svg") => ("image/svg+xml", "public, max-age=86400", Some("br")),
        (_, "html") => ("text/html; charset=utf-8", MINUTE, None),
        ("feed.xml", _) => ("application/rss+xml; charset=utf-8", MINUTE, None),
        ("atom.xml", _) => ("application/atom+xml; charset=utf-8", MINUTE, None),
        ("feed.json", _) => ("application/feed+json; charset=utf-8", MINUTE, None),
        (_, "xml") => ("application/xml; charset=utf-8", MINUTE, None),
        ("robots.txt", _) => ("text/plain; charset=utf-8", MINUTE, None),
        ("pagefind-entry.json", _) => ("application/json", MINUTE, None),
        ("bundles.json", _) if path == "pagefind/bundles.json" => ("application/json", MINUTE, None),
        (_, "pf_fragment" | "pf_index" | "pf_filter" | "pf_meta") => ("application/octet-stream", YEAR, None),
        (_, "jpg") if path.starts_with("processed-images/") => ("image/jpeg", YEAR, None),
        (_, "png") if path.starts_with("processed-images/") => ("image/png", YEAR, None),
        (_, "webp") if path.starts_with("processed-images/") => ("image/webp", YEAR, None),
        (_, "jpg") => ("image/jpeg", FIVE_MINUTES, None),
        (_, "png") => ("image/png", FIVE_MINUTES, None),
        (_, "pagefind") => ("application/octet-stream", FIVE_MINUTES, None),
        (_, "js") => ("text/javascript; charset=utf-8", FIVE_MINUTES, None),
        (_, "css") => ("text/css; charset=utf-8", FIVE_MINUTES, None),
        _ => panic!("no expectation for {path}"),
    }
}

const MATCHERS: &str = "[[deploy.matchers]]\npattern = \"css/*.css\"\ncontent_encoding = \"gzip\"\n\
                        [[deploy.matchers]]\npattern = \"*.svg\"\ncache_control = \"public, max-age=86400\"\ncontent_encoding = \"br\"\n";

#[test]
fn the_example_site_is_uploaded_whole_with_its_headers() {
    let server = Server::start();
    let site = example_site(&server.endpoint(), MATCHERS);
    build(&site);
    let report = deploy(&site);

    let output = output_files(&site);
    assert_eq!(bucket_files(&server), output, "the bucket holds the output folder, byte for byte");
    assert_eq!((report.uploads.len(), report.deletes.len(), report.unchanged), (output.len(), 0, 0));
    for (key, object) in server.bucket.objects() {
        let path = key.strip_prefix("www/").unwrap();
        let (content_type, cache_control, encoding) = expected_headers(path);
        assert_eq!(object.content_type.as_deref(), Some(content_type), "{path}");
        assert_eq!(object.cache_control.as_deref(), Some(cache_control), "{path}");
        assert_eq!(object.content_encoding.as_deref(), encoding, "{path}");
    }
    let css = &server.bucket.objects()["www/css/newsroom.css"];
    assert!(css.bytes.len() < output["css/newsroom.css"].len() / 2, "CSS is stored compressed");

    // Uploads went phase by phase: every hashed search bundle before any
    // other asset, every asset before any page, every page before any feed.
    let order = puts(&server);
    let rank = |path: &str| match expected_headers(path) {
        (_, YEAR, _) => 0,
        (_, _, _) if path.ends_with(".html") => 2,
        (_, MINUTE, _) if !path.starts_with("pagefind/") => 3,
        _ => 1,
    };
    let ranks: Vec<u8> = order.iter().map(|p| rank(p)).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "out of order: {order:?}");
    assert!(ranks.contains(&0) && ranks.contains(&3));

    // Nothing changed: nothing is sent again.
    server.bucket.reset_counts();
    let again = deploy(&site);
    assert_eq!((again.uploads.len(), again.deletes.len(), again.unchanged), (0, 0, output.len()));
    assert!(server.bucket.lock().puts.is_empty());
    assert!(server.bucket.lock().gets.is_empty(), "MD5 ETags are compared without reading objects");

    // --all sends everything again (after a change of matchers).
    let all = newsprint::deploy::deploy(&DeployOptions { all: true, ..options(&site) }).unwrap();
    assert_eq!(all.uploads.len(), output.len());
    assert!(all.uploads.iter().all(|u| u.reason == newsprint::deploy::plan::Reason::All));
}

#[test]
fn one_edit_uploads_only_the_pages_feeds_and_bundles_it_changed() {
    let server = Server::start();
    let site = example_site(&server.endpoint(), "");
    build(&site);
    deploy(&site);
    let before = output_files(&site);

    let text = std::fs::read_to_string(site.root().join(ARTICLE)).unwrap();
    site.write(ARTICLE, &format!("{text}\nA follow-up study at two more sites is planned for next year.\n"));
    build(&site);
    server.bucket.reset_counts();
    let report = deploy(&site);
    let after = output_files(&site);

    let expected = changed(&before, &after);
    let uploaded: BTreeSet<String> = puts(&server).into_iter().collect();
    assert_eq!(uploaded, expected, "exactly the files the edit changed are uploaded");
    assert_eq!(report.uploads.len(), expected.len());
    assert_eq!(report.unchanged, after.len() - expected.len());
    assert!(uploaded.contains(ARTICLE_PAGE));
    // What may change: the article's page, pages listing it (they link to
    // it), feeds and sitemaps, and the search index's bundles.
    let article_url = "/articles/20261122-dunmore-regional-cloud-tender/";
    for path in &uploaded {
        let listing = path.ends_with(".html") && String::from_utf8_lossy(&after[path]).contains(article_url);
        let feed = path.ends_with(".xml") || path.ends_with("feed.json");
        assert!(listing || feed || path.starts_with("pagefind/"), "{path} was uploaded but should not change");
    }
    assert!(uploaded.len() < after.len() / 4, "{} of {} files uploaded", uploaded.len(), after.len());
    assert!(!uploaded.contains("css/newsroom.css") && !uploaded.contains("index.html"));
    assert_eq!(bucket_files(&server), after);
}

#[test]
fn a_deleted_article_is_deleted_remotely_and_the_cap_stops_mass_deletion() {
    let server = Server::start();
    let site = example_site(&server.endpoint(), "");
    build(&site);
    deploy(&site);
    site.remove(ARTICLE);
    build(&site);
    assert!(!site.public().join(ARTICLE_PAGE).exists());
    let before = server.bucket.objects();
    server.bucket.reset_counts();

    // A cap below the deletions: nothing changes at all.
    let capped = DeployOptions { max_deletes: 0, ..options(&site) };
    let gone = before.keys().filter(|k| !output_files(&site).contains_key(&k[4..])).count();
    assert!(gone >= 1);
    assert_eq!(
        deploy_err(&capped),
        format!(
            "this deploy would delete {gone} files from s3://digest-site/www, more than --max-deletes allows (0); \
             nothing was uploaded or deleted. Check --output and the target's url; if the deletions are meant, run \
             again with --force"
        )
    );
    assert_eq!(server.bucket.objects(), before);
    assert!(server.bucket.lock().puts.is_empty() && server.bucket.lock().deletes.is_empty());

    // --force goes through, and leaves what is outside the target's folder alone.
    let elsewhere = s3::Object {
        bytes: b"not the site's".to_vec(),
        content_type: None,
        cache_control: None,
        content_encoding: None,
    };
    server.bucket.lock().objects.insert("www-old/index.html".into(), elsewhere.clone());
    let report = newsprint::deploy::deploy(&DeployOptions { force: true, ..capped }).unwrap();
    assert_eq!(server.bucket.lock().objects.remove("www-old/index.html"), Some(elsewhere));
    assert_eq!(report.deletes.len(), gone);
    assert!(report.deletes.contains(&ARTICLE_PAGE.to_string()));
    assert!(!server.bucket.objects().contains_key(&format!("www/{ARTICLE_PAGE}")));
    assert_eq!(bucket_files(&server), output_files(&site));
    let deleted = server.bucket.lock().deletes.clone();
    let last_upload = server.bucket.lock().puts.len();
    assert!(last_upload > 0 && !deleted.is_empty(), "uploads, then deletions");
}

#[test]
fn a_deploy_stopped_half_way_leaves_a_working_site_and_the_next_finishes() {
    let server = Server::start();
    let site = example_site(&server.endpoint(), "");
    build(&site);
    deploy(&site);
    // An edit that changes pages, feeds and search bundles, and a removal.
    let text = std::fs::read_to_string(site.root().join(ARTICLE)).unwrap();
    site.write(ARTICLE, &format!("{text}\nThe tender closes in January.\n"));
    site.remove("content/20261116-export-license-window.md");
    build(&site);
    let to_upload = newsprint::deploy::deploy(&DeployOptions { dry_run: true, ..options(&site) }).unwrap();
    assert!(to_upload.uploads.len() >= 10, "{}", to_upload.uploads.len());

    server.bucket.reset_counts();
    server.bucket.lock().stop_after = Some(to_upload.uploads.len() / 2);
    let error = deploy_err(&options(&site));
    let endpoint = server.endpoint();
    assert!(error.starts_with(&format!("cannot reach {endpoint} to upload ")), "{error}");
    assert!(error.contains(" for target `production`: "), "{error}");
    assert_eq!(server.bucket.lock().deletes.len(), 0, "nothing is deleted before every upload is done");

    // What the bucket holds works: every page and the search entry point
    // refer only to files the bucket has.
    let bucket = bucket_files(&server);
    for (path, bytes) in &bucket {
        let text = String::from_utf8_lossy(bytes);
        for reference in site_references(path, &text) {
            assert!(bucket.contains_key(&reference), "{path} points at {reference}, which is not in the bucket");
        }
    }

    // The server comes back (on another port, as after a restart); the next
    // deploy finishes the job.
    let bucket = server.bucket.clone();
    drop(server);
    bucket.lock().stop_after = None;
    let server = Server::start_with(bucket);
    let old = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &old.replace(&endpoint, &server.endpoint()));
    let report = deploy(&site);
    assert!(!report.deletes.is_empty());
    assert_eq!(bucket_files(&server), output_files(&site), "the bucket equals the output folder");
}

/// Output paths a file refers to on the same site: stylesheets, scripts,
/// images and links of a page; the metadata file of Pagefind's entry point.
fn site_references(path: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    if path.ends_with(".html") {
        let page = scraper::Html::parse_document(text);
        let selector = scraper::Selector::parse("link[href], script[src], img[src], a[href]").unwrap();
        for element in page.select(&selector) {
            let url = element.value().attr("href").or(element.value().attr("src")).unwrap();
            let url = url.split(['#', '?']).next().unwrap();
            let url = url.strip_prefix("https://circuit-brief.example.org").unwrap_or(url);
            if let Some(rest) = url.strip_prefix('/') {
                found.push(if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.into()
                });
            }
        }
    } else if let Some(folder) = path.strip_suffix("pagefind-entry.json") {
        let entry: serde_json::Value = serde_json::from_str(text).unwrap();
        for language in entry["languages"].as_object().unwrap().values() {
            found.push(format!("{folder}pagefind.{}.pf_meta", language["hash"].as_str().unwrap()));
        }
    } else if path == "pagefind/bundles.json" {
        let list: serde_json::Value = serde_json::from_str(text).unwrap();
        for bundle in list["bundles"].as_array().unwrap() {
            found.push(format!("pagefind/{}pagefind-entry.json", bundle["path"].as_str().unwrap()));
        }
    }
    found
}

#[test]
fn throttled_uploads_are_retried() {
    let server = Server::start();
    let site = example_site(&server.endpoint(), "");
    build(&site);
    server.bucket.lock().slow_down = 3;
    deploy(&site);
    assert_eq!(server.bucket.lock().slow_down, 0, "the server answered 503 SlowDown three times");
    assert_eq!(bucket_files(&server), output_files(&site));
}

#[test]
fn etags_that_are_not_md5_are_compared_by_content() {
    let server = Server::start();
    server.bucket.lock().multipart_etags = true;
    let site = example_site(&server.endpoint(), "");
    build(&site);
    deploy(&site);
    let files = output_files(&site).len();

    server.bucket.reset_counts();
    let again = deploy(&site);
    assert_eq!((again.uploads.len(), again.unchanged, again.compared_by_content), (0, files, files));
    assert_eq!(server.bucket.lock().gets.len(), files, "each object was read to compare");

    let before = output_files(&site);
    let text = std::fs::read_to_string(site.root().join(ARTICLE)).unwrap();
    site.write(ARTICLE, &format!("{text}\nOne more sentence.\n"));
    build(&site);
    server.bucket.reset_counts();
    deploy(&site);
    let uploaded: BTreeSet<String> = puts(&server).into_iter().collect();
    assert_eq!(uploaded, changed(&before, &output_files(&site)));
}

#[test]
fn targets_are_chosen_by_name_with_a_suggestion_for_a_typo() {
    let site =
        example_site("http://127.0.0.1:9", "[[deploy.targets]]\nname = \"staging\"\nurl = \"s3://staging-bucket\"\n");
    build(&site);
    let named = |name: Option<&str>| DeployOptions { target: name.map(str::to_string), ..options(&site) };
    assert_eq!(
        deploy_err(&named(Some("prodution"))),
        "--target: no deploy target is named `prodution`\n  hint: did you mean `production`? declared targets are: production, staging"
    );
    assert_eq!(
        deploy_err(&named(None)),
        "--target: site.toml declares 2 deploy targets; choose one\n  hint: pass --target with one of: production, staging"
    );
    let bare = Site::with_config("");
    assert_eq!(
        deploy_err(&DeployOptions { env: test_env(), ..DeployOptions::new(bare.root()) }),
        "site.toml: site.toml declares no deploy target\n  hint: add one, e.g. [[deploy.targets]] with name = \"production\" and url = \"s3://my-bucket\" (see \"Publishing\" in the README)"
    );
}

#[test]
fn bad_settings_stop_the_deploy_and_the_build_with_the_line() {
    let site = example_site("http://127.0.0.1:9", "");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &config.replace("url = \"s3://digest-site/www\"", "url = \"digest-site/www\""));
    let line = config.lines().position(|l| l.starts_with("url = \"s3://")).unwrap() + 1;
    let expected = format!(
        "site.toml:{line}:7: deploy url `digest-site/www` does not start with s3://\n  hint: write it like url = \"s3://my-bucket\" or url = \"s3://my-bucket/site\""
    );
    assert_eq!(deploy_err(&options(&site)), expected);
    assert_eq!(site.build_err(), expected);

    site.write("site.toml", &format!("{config}aws_secret_access_key = \"wJalrXUtnFEMI\"\n"));
    let line = config.lines().count() + 1;
    assert_eq!(
        deploy_err(&options(&site)),
        format!(
            "site.toml:{line}:1: `aws_secret_access_key` is a credential, and site.toml must not hold credentials\n  hint: remove it \
             (and replace the key if site.toml was ever shared), then set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in \
             the environment or put the keys in ~/.aws/credentials"
        )
    );
}

#[test]
fn an_unreachable_endpoint_is_named_without_hanging() {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let site = example_site(&format!("http://127.0.0.1:{port}"), "");
    build(&site);
    assert_eq!(
        deploy_err(&options(&site)),
        format!(
            "cannot reach http://127.0.0.1:{port} to list the bucket for target `production`: the connection was refused (tried 5 times)"
        )
    );
}

#[test]
fn no_build_and_no_credentials_are_explained() {
    let server = Server::start();
    let site = example_site(&server.endpoint(), "");
    assert_eq!(
        deploy_err(&options(&site)),
        format!("{} holds no build of this site to deploy: run `newsprint build` first", site.public().display())
    );
    build(&site);
    let home = tempfile::tempdir().unwrap();
    let nothing = Environment { vars: BTreeMap::new(), home: Some(home.path().to_path_buf()) };
    assert_eq!(
        deploy_err(&DeployOptions { env: nothing, ..options(&site) }),
        format!(
            "no storage credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [default] profile to {}",
            home.path().join(".aws/credentials").display()
        )
    );
    // Keys in the profile files are found.
    std::fs::create_dir(home.path().join(".aws")).unwrap();
    std::fs::write(
        home.path().join(".aws/credentials"),
        format!("[default]\naws_access_key_id = {}\naws_secret_access_key = {}\n", s3::ACCESS_KEY, s3::SECRET_KEY),
    )
    .unwrap();
    let from_files = Environment { vars: BTreeMap::new(), home: Some(home.path().to_path_buf()) };
    newsprint::deploy::deploy(&DeployOptions { env: from_files, ..options(&site) }).unwrap();
    assert_eq!(bucket_files(&server), output_files(&site));
    assert!(server.bucket.lock().puts.len() > 100);
}

fn newsprint(site: &Site, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsprint"))
        .args(args)
        .current_dir(site.root())
        .env_clear()
        .env("NO_COLOR", "1")
        .env("HOME", site.root())
        .env("AWS_ACCESS_KEY_ID", s3::ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", s3::SECRET_KEY)
        .output()
        .unwrap()
}

#[test]
fn the_command_prints_a_plan_on_a_dry_run_and_a_summary_after() {
    let server = Server::start();
    let site = example_site(&server.endpoint(), "");
    build(&site);
    let files = output_files(&site).len();

    let dry = newsprint(&site, &["deploy", "--dry-run"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let stdout = String::from_utf8(dry.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), files + 1);
    assert!(lines.contains(&"upload  robots.txt  (new, 139 B)"), "{stdout}");
    let summary = lines.last().unwrap();
    assert!(
        summary.starts_with(&format!("Dry run for production (s3://digest-site/www): would upload {files} files (")),
        "{summary}"
    );
    assert!(summary.ends_with("), delete 0 and leave 0 unchanged; nothing was changed."), "{summary}");
    assert!(server.bucket.objects().is_empty() && server.bucket.lock().puts.is_empty());

    let real = newsprint(&site, &["deploy"]);
    assert!(real.status.success(), "{}", String::from_utf8_lossy(&real.stderr));
    let stdout = String::from_utf8(real.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!("Deployed to production (s3://digest-site/www): {files} uploaded (")),
        "{stdout}"
    );
    assert!(stdout.contains("), 0 deleted, 0 unchanged in "), "{stdout}");
    assert_eq!(stdout.lines().count(), 1);

    let unknown = newsprint(&site, &["deploy", "--target", "prod"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(unknown.stderr).unwrap(),
        "error: --target: no deploy target is named `prod`\n |\n = help: did you mean `production`? declared targets are: production\n\n\
         error: the deploy stopped on 1 problem in the command line; nothing was uploaded\n"
    );
}
