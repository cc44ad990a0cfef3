//! The fixture-site harness: copy a site from `tests/sites/<case>/` (or start
//! an empty one) into a temp folder with the repository's themes, change
//! files, build, and read pages back as parsed HTML.

#![allow(dead_code)] // each test crate uses a different part of the harness

pub mod corpus;

use std::fs;
use std::path::{Path, PathBuf};

use newsprint::{BuildOptions, BuildReport, Error};
use scraper::{Html, Selector};

/// The repository root (the example site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A copy of `tests/sites/<case>/` with the repository's themes.
    pub fn fixture(case: &str) -> Site {
        let site = Site::empty();
        copy_dir(&repo().join("tests/sites").join(case), site.root());
        site
    }

    /// A site with only the repository's themes: add site.toml and content.
    pub fn empty() -> Site {
        Site::themed(tempfile::tempdir().expect("temp dir"))
    }

    /// Like [`Site::with_config`], in a new folder inside `parent` (so a
    /// test can watch what appears beside the site without seeing other
    /// programs' temporary files).
    pub fn with_config_in(parent: &Path, extra: &str) -> Site {
        let site = Site::themed(tempfile::tempdir_in(parent).expect("temp dir"));
        site.write("site.toml", &site_toml(extra));
        site
    }

    fn themed(dir: tempfile::TempDir) -> Site {
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        Site { dir }
    }

    /// A site with the repository's themes and [`site_toml`]`(extra)`: add content.
    pub fn with_config(extra: &str) -> Site {
        let site = Site::empty();
        site.write("site.toml", &site_toml(extra));
        site
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Where builds write by default.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file of the site (folders are created).
    pub fn write(&self, rel: &str, text: &str) -> &Site {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Removes a file of the site.
    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Builds with default options.
    pub fn build(&self) -> Result<BuildReport, Error> {
        newsprint::build(&BuildOptions::new(self.root()))
    }

    /// Builds with options adjusted by `adjust`.
    pub fn build_with(&self, adjust: impl FnOnce(&mut BuildOptions)) -> Result<BuildReport, Error> {
        let mut options = BuildOptions::new(self.root());
        adjust(&mut options);
        newsprint::build(&options)
    }

    /// Builds and panics with the messages on failure.
    pub fn build_ok(&self) -> BuildReport {
        self.build().unwrap_or_else(|e| panic!("build failed:\n{e}"))
    }

    /// Builds, expecting failure, and returns the error text.
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("the build succeeded but should have failed"),
            Err(e) => e.to_string(),
        }
    }

    /// Parses an output page (`articles/x/` means `articles/x/index.html`).
    pub fn page(&self, path: &str) -> Page {
        let file = self.output_file(path);
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        Page { html: Html::parse_document(&text) }
    }

    /// The output file of a page path.
    pub fn output_file(&self, path: &str) -> PathBuf {
        let rel = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
        self.public().join(rel)
    }

    /// True when the page was written.
    pub fn has_page(&self, path: &str) -> bool {
        self.output_file(path).is_file()
    }
}

/// A parsed HTML page.
pub struct Page {
    html: Html,
}

impl Page {
    /// The whitespace-collapsed text of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.html
            .select(&selector)
            .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// The text of the one element matching `css`.
    pub fn text(&self, css: &str) -> String {
        let texts = self.texts(css);
        assert_eq!(texts.len(), 1, "expected one `{css}`, found {texts:?}");
        texts.into_iter().next().unwrap()
    }

    /// The inner HTML of the one element matching `css`.
    pub fn inner_html(&self, css: &str) -> String {
        let selector = Selector::parse(css).unwrap();
        let found: Vec<String> = self.html.select(&selector).map(|e| e.inner_html()).collect();
        assert_eq!(found.len(), 1, "expected one `{css}`, found {}", found.len());
        found.into_iter().next().unwrap()
    }

    /// An attribute of every element matching `css`.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let selector = Selector::parse(css).unwrap();
        self.html.select(&selector).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
    }

    /// How many elements match `css`.
    pub fn count(&self, css: &str) -> usize {
        self.html.select(&Selector::parse(css).unwrap()).count()
    }
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// A minimal site.toml, with extra top-level lines before its tables.
pub fn site_toml(extra: &str) -> String {
    format!(
        "title = \"Test Wire\"\nbase_url = \"https://wire.example.org\"\ntimezone = \"Asia/Shanghai\"\n{extra}\
         [categories.chips]\nlabel = \"Chips\"\nemoji = \"🔌\"\n[categories.policy]\nlabel = \"Policy\"\n"
    )
}

/// A minimal article.
pub fn article(title: &str, date: &str, extra: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\n\nBody of {title}.\n")
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}
