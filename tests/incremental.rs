//! Incremental builds are exact: a generated site goes through a random
//! sequence of the changes editors and theme authors make (a body, a field
//! list pages show, a date that moves an article to another week, tags,
//! deleting, renaming and adding articles, templates, static files,
//! site.toml), and after each one the build with the cache on disk, and the
//! dev server's build with its cache in memory, must write exactly the files
//! a clean build writes, byte for byte. Debug builds also check every
//! memoized key they reuse against the real one.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::Site;
use newsprint::BuildOptions;
use newsprint::incremental::Cache;

/// A small deterministic random source (xorshift), so a failure can be
/// replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const TAGS: [&str; 6] = ["GPUs", "energy", "policy", "Open source", "chips", "cloud"];
const CATEGORIES: [&str; 3] = ["infrastructure", "chips", "policy"];

/// One article's front matter and body, rewritten whole on every change.
#[derive(Clone)]
struct Article {
    file: String,
    title: String,
    day: u32,
    summary: Option<String>,
    category: &'static str,
    tags: Vec<&'static str>,
    story: Option<&'static str>,
    link_to: Option<String>,
    body: String,
}

impl Article {
    fn new(rng: &mut Rng, n: usize) -> Article {
        let mut tags: Vec<&'static str> = (0..1 + rng.below(3)).map(|_| *rng.pick(&TAGS)).collect();
        tags.sort();
        tags.dedup();
        Article {
            file: format!("story-{n}.md"),
            title: format!("Headline number {n} about {}", rng.pick(&TAGS)),
            day: 1 + rng.below(60) as u32,
            summary: (rng.below(3) > 0).then(|| format!("Summary {n}.")),
            category: CATEGORIES[rng.below(CATEGORIES.len())],
            tags,
            story: (rng.below(4) == 0).then_some("grid-story"),
            link_to: None,
            body: format!(
                "First paragraph of article {n}, a hook when there is no summary.\n\n## Details\n\nMore words.\n"
            ),
        }
    }

    fn text(&self) -> String {
        let month = 9 + (self.day - 1) / 30;
        let day = 1 + (self.day - 1) % 30;
        let mut text = format!(
            "---\ntitle: \"{}\"\ndate: 2026-{month:02}-{day:02}T{:02}:30:00+08:00\ncategory: {}\ntags: [{}]\n",
            self.title,
            day % 24,
            self.category,
            self.tags.join(", ")
        );
        if let Some(summary) = &self.summary {
            text.push_str(&format!("summary: \"{summary}\"\n"));
        }
        if let Some(story) = self.story {
            text.push_str(&format!("story: {story}\n"));
        }
        text.push_str("takeaways:\n  - \"One *takeaway*.\"\ntimeline:\n  - date: 2026-09\n    event: \"Announced.\"\n");
        text.push_str("---\n\n");
        text.push_str(&self.body);
        if let Some(other) = &self.link_to {
            text.push_str(&format!("\nSee [the other story]({other}).\n"));
        }
        text
    }
}

const CONFIG: &str = "title = \"Incremental Wire\"\nbase_url = \"https://wire.example.org\"\ntimezone = \"Asia/Shanghai\"\nper_page = 4\n\n[categories.infrastructure]\nlabel = \"Infrastructure\"\n\n[categories.chips]\nlabel = \"Chips\"\n\n[categories.policy]\nlabel = \"Policy\"\n\n[search]\nenabled = false\n";

/// Every file of a built folder and its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap) {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            files.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    files
}

fn assert_same(step: &str, kind: &str, clean: &Path, other: &Path) {
    let (clean, other) = (tree(clean), tree(other));
    let missing: Vec<_> = clean.keys().filter(|k| !other.contains_key(*k)).collect();
    let extra: Vec<_> = other.keys().filter(|k| !clean.contains_key(*k)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{step}: {kind} build lacks {missing:?} and has extra {extra:?}");
    for (path, bytes) in &clean {
        assert!(
            other[path] == *bytes,
            "{step}: {kind} build differs from a clean build in {}:\n--- clean\n{}\n--- {kind}\n{}",
            path.display(),
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&other[path])
        );
    }
}

/// Applies one random change; returns what it was and the files it touched.
fn change(rng: &mut Rng, site: &Site, articles: &mut Vec<Article>, next: &mut usize) -> (String, Vec<PathBuf>) {
    let root = site.root();
    let content = |file: &str| root.join("content").join(file);
    let i = rng.below(articles.len());
    let kind = rng.below(12);
    let touched = match kind {
        0 => {
            articles[i].body.push_str("\nAnother paragraph.\n");
            vec![content(&articles[i].file)]
        }
        1 => {
            articles[i].title.push_str(" (updated)");
            vec![content(&articles[i].file)]
        }
        2 => {
            articles[i].summary = match &articles[i].summary {
                Some(_) => None,
                None => Some("A new summary.".into()),
            };
            vec![content(&articles[i].file)]
        }
        3 => {
            // Usually into another ISO week.
            articles[i].day = 1 + (articles[i].day + 9 + rng.below(20) as u32) % 60;
            vec![content(&articles[i].file)]
        }
        4 => {
            let tag = *rng.pick(&TAGS);
            match articles[i].tags.iter().position(|t| *t == tag) {
                Some(at) if articles[i].tags.len() > 1 => drop(articles[i].tags.remove(at)),
                Some(_) => {}
                None => articles[i].tags.push(tag),
            }
            vec![content(&articles[i].file)]
        }
        5 if articles.len() > 4 => {
            let gone = articles.remove(i);
            fs::remove_file(content(&gone.file)).unwrap();
            // A link to a file that is no longer an article stops a build:
            // its editor removes it.
            let mut touched = relink(articles, &gone.file, None);
            touched.push(gone.file);
            touched.iter().map(|f| content(f)).collect()
        }
        6 => {
            let old = articles[i].file.clone();
            articles[i].file = format!("renamed-{next}.md");
            *next += 1;
            fs::rename(content(&old), content(&articles[i].file)).unwrap();
            let new = articles[i].file.clone();
            let mut touched = relink(articles, &old, Some(&new));
            touched.extend([old, new]);
            touched.iter().map(|f| content(f)).collect()
        }
        7 => {
            let article = Article::new(rng, *next);
            *next += 1;
            let path = content(&article.file);
            articles.push(article);
            vec![path]
        }
        8 => {
            let other = rng.below(articles.len());
            articles[i].link_to = Some(articles[other].file.clone());
            vec![content(&articles[i].file)]
        }
        9 => {
            let name = *rng.pick(&["templates/partials/card.html", "templates/article.html", "templates/week.html"]);
            let theme = common::repo().join("themes/newsroom").join(name);
            let text = fs::read_to_string(theme).unwrap();
            site.write(name, &format!("{text}{{# change {} #}}\n", rng.next() % 1000));
            vec![root.join(name)]
        }
        10 => {
            site.write("static/notes.txt", &format!("static file {}\n", rng.next() % 1000));
            vec![root.join("static/notes.txt")]
        }
        _ => {
            // Settings that change list pages only, and ones that change
            // articles themselves (the time zone moves them between weeks).
            let per_page = 2 + rng.below(4);
            let zone = *rng.pick(&["Asia/Shanghai", "America/New_York"]);
            let config = CONFIG.replace("per_page = 4", &format!("per_page = {per_page}"));
            site.write("site.toml", &config.replace("Asia/Shanghai", zone));
            vec![root.join("site.toml")]
        }
    };
    for article in articles.iter() {
        site.write(&format!("content/{}", article.file), &article.text());
    }
    let names = ["body", "title", "summary", "date", "tag", "delete", "rename", "add", "link", "template", "static"];
    (names.get(kind).unwrap_or(&"site.toml").to_string(), touched)
}

/// Points the links to `old` at `new` (or removes them); returns the files
/// of the articles that changed.
fn relink(articles: &mut [Article], old: &str, new: Option<&str>) -> Vec<String> {
    let mut changed = Vec::new();
    for article in articles.iter_mut().filter(|a| a.link_to.as_deref() == Some(old)) {
        article.link_to = new.map(str::to_string);
        changed.push(article.file.clone());
    }
    changed
}

fn run(seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let site = Site::empty();
    site.write("site.toml", CONFIG);
    site.write("content/weeks/2026-W38.md", "---\ntitle: \"A recap\"\n---\nThe week in brief.\n");
    let mut articles: Vec<Article> = (0..12).map(|n| Article::new(&mut rng, n)).collect();
    for article in &articles {
        site.write(&format!("content/{}", article.file), &article.text());
    }
    let mut next = articles.len();
    let now = "2026-12-31T00:00:00Z".parse().unwrap();
    let options = BuildOptions { now: Some(now), ..BuildOptions::new(site.root()) };
    let clean_dir = site.root().join("clean");
    let served_dir = site.root().join("served");
    let mut memory = Cache::new();
    let mut patched = 0;
    newsprint::build(&options).unwrap();
    newsprint::build_cached(&BuildOptions { output: Some(served_dir.clone()), ..options.clone() }, &mut memory)
        .unwrap();
    for step in 0..steps {
        let (kind, touched) = change(&mut rng, &site, &mut articles, &mut next);
        let step = format!("seed {seed}, step {step} ({kind})");
        let _ = fs::remove_dir_all(&clean_dir);
        newsprint::build(&BuildOptions { output: Some(clean_dir.clone()), fresh: true, ..options.clone() })
            .unwrap_or_else(|e| panic!("{step}: clean build failed: {e}"));
        newsprint::build(&options).unwrap_or_else(|e| panic!("{step}: incremental build failed: {e}"));
        assert_same(&step, "incremental", &clean_dir, &site.public());
        memory.expect_changes(site.root(), &touched);
        let report =
            newsprint::build_cached(&BuildOptions { output: Some(served_dir.clone()), ..options.clone() }, &mut memory)
                .unwrap_or_else(|e| panic!("{step}: in-memory build failed: {e}"));
        assert_same(&step, "in-memory", &clean_dir, &served_dir);
        // Edits to an article's own content patch the site kept in memory,
        // every time (and the output was just compared with a clean
        // build's); anything that moves it, retags it or touches other files
        // does not.
        let own_content = ["body", "title", "summary", "link"].contains(&kind.as_str());
        if own_content {
            assert!(report.patched, "{step}: an edit to an article's own content is patched in");
        }
        if report.patched {
            patched += 1;
            // (A tag step may leave the file as it was.)
            assert!(own_content || kind == "tag", "{step}: patched");
        }
    }
    assert!(patched > 0, "seed {seed}: no edit was patched in");
}

#[test]
fn random_changes_build_exactly_what_a_clean_build_does() {
    for seed in [0x9e37_79b9_7f4a_7c15, 0x2545_f491_4f6c_dd1d, 42] {
        run(seed, 30);
    }
}

#[test]
fn a_template_change_renders_only_the_pages_that_use_it() {
    let site = Site::fixture("everything");
    let now = "2026-12-31T00:00:00Z".parse().unwrap();
    let options = BuildOptions { now: Some(now), ..BuildOptions::new(site.root()) };
    let first = newsprint::build(&options).unwrap();
    let again = newsprint::build(&options).unwrap();
    assert_eq!(again.rendered, 0, "nothing changed, nothing rendered");
    let theme = common::repo().join("themes/newsroom/templates/article.html");
    site.write("templates/article.html", &format!("{}{{# edited #}}\n", fs::read_to_string(theme).unwrap()));
    let after = newsprint::build(&options).unwrap();
    assert_eq!(after.rendered, first.articles, "only article pages use article.html");
    let body = common::repo().join("themes/newsroom/templates/partials/card.html");
    site.write("templates/partials/card.html", &format!("{}{{# edited #}}\n", fs::read_to_string(body).unwrap()));
    let cards = newsprint::build(&options).unwrap();
    assert!(cards.rendered > 0 && cards.rendered < first.pages, "{} of {} pages", cards.rendered, first.pages);
}

#[test]
fn a_body_edit_renders_the_article_and_what_shows_its_body() {
    let site = Site::fixture("everything");
    let now = "2026-12-31T00:00:00Z".parse().unwrap();
    let options = BuildOptions { now: Some(now), ..BuildOptions::new(site.root()) };
    newsprint::build(&options).unwrap();
    let file = site.root().join("content/earlier-plan.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{text}\nOne more paragraph.\n")).unwrap();
    let report = newsprint::build(&options).unwrap();
    assert!(report.rendered >= 1, "the article itself");
    assert!(report.rendered <= 12, "{} pages rendered for one body edit", report.rendered);
    assert!(site.root().join(newsprint::incremental::CACHE_DIR).is_dir(), "the cache is kept in the site");
}
