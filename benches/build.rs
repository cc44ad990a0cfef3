//! Build benchmark: generates a corpus with the repository's generator (or
//! takes a site), then times, in this process, a cold build, a build with nothing
//! changed, a build after one article's body changed, a build after a
//! template changed, and the dev server's rebuild after one edit (cache in
//! memory). Prints the median of each stage over several runs, with the
//! peak memory of the run that took the median time.
//!
//! ```sh
//! cargo bench --bench build -- --articles 10000 --runs 5
//! cargo bench --bench build -- --articles 10000 --language zh
//! cargo bench --bench build -- --site path/to/site
//! ```
//!
//! The generator is `tests/common/corpus.rs` (also behind `cargo run
//! --example gen_corpus`). A generated corpus is kept under `target/bench/`
//! and built with search off: search indexing is timed on its own
//! (`--search` keeps it on). No timing here is asserted anywhere.

#[path = "../tests/common/corpus.rs"]
mod corpus;
#[path = "common/runs.rs"]
mod runs;

use std::path::{Path, PathBuf};
use std::time::Duration;

use newsprint::incremental::Cache;
use newsprint::{BuildOptions, BuildReport};
use runs::{build, cold_and_unchanged, measure, twin};

struct Args {
    articles: usize,
    language: corpus::Language,
    seed: u64,
    site: Option<PathBuf>,
    runs: usize,
    search: bool,
    /// Run only the dev server scenario (for profiling).
    serve_only: bool,
}

fn parse_args() -> Args {
    let mut args = Args {
        articles: 10_000,
        language: corpus::Language::English,
        seed: 1,
        site: None,
        runs: 5,
        search: false,
        serve_only: false,
    };
    let mut given = std::env::args().skip(1);
    while let Some(arg) = given.next() {
        let mut value = || given.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--articles" => args.articles = value().parse().expect("--articles takes a number"),
            "--language" => {
                args.language = match value().as_str() {
                    "en" => corpus::Language::English,
                    "zh" => corpus::Language::Chinese,
                    other => panic!("--language is en or zh, not {other}"),
                }
            }
            "--seed" => args.seed = value().parse().expect("--seed takes a number"),
            "--site" => args.site = Some(PathBuf::from(value())),
            "--runs" => args.runs = value().parse().expect("--runs takes a number"),
            "--search" => args.search = true,
            "--serve-only" => args.serve_only = true,
            // `cargo bench` passes this to every bench target.
            "--bench" => {}
            other => panic!("unknown argument {other}; see benches/build.rs"),
        }
    }
    args
}

fn main() {
    let args = parse_args();
    let root = match &args.site {
        Some(site) => site.clone(),
        None => generated_corpus(&args),
    };
    let now = "2026-11-27T00:00:00Z".parse().expect("a timestamp");
    let options = BuildOptions { now: Some(now), ..BuildOptions::new(&root) };
    let article = root.join("content").join(pick_article(&root));
    let original = std::fs::read_to_string(&article).expect("the article to edit");
    let template = root.join("templates/article.html");
    let theme_template = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/newsroom/templates/article.html");
    println!("site: {} ({} runs each; medians)", root.display(), args.runs);

    if args.serve_only {
        print("serve, one edit", &serve_edits(&options, &article, &original, args.runs));
        return;
    }
    let (cold, unchanged) = cold_and_unchanged(args.runs, &options, &root);
    let mut edit = 0;
    let mut edit_body = || {
        edit += 1;
        std::fs::write(&article, format!("{original}\nOne more sentence, edit {edit}.\n")).expect("edit");
    };
    let one_edit = measure(args.runs, || {
        edit_body();
        build(&options)
    });
    let mut version = 0;
    let template_change = measure(args.runs, || {
        version += 1;
        let text = std::fs::read_to_string(&theme_template).expect("the theme's article template");
        std::fs::create_dir_all(template.parent().expect("a folder")).expect("templates/");
        std::fs::write(&template, format!("{text}{{# bench {version} #}}\n")).expect("template");
        build(&options)
    });
    let _ = std::fs::remove_file(&template);
    build(&options);

    let serve = serve_edits(&options, &article, &original, args.runs);

    for (name, runs) in [
        ("cold build", cold),
        ("nothing changed", unchanged),
        ("one body edited", one_edit),
        ("template changed", template_change),
        ("serve, one edit", serve),
    ] {
        print(name, &runs);
    }
}

/// The dev server's rebuilds after one edit each, with the cache in memory.
fn serve_edits(options: &BuildOptions, article: &Path, original: &str, runs: usize) -> Vec<BuildReport> {
    let root = &options.root;
    let serve_options = BuildOptions { output: Some(root.join(".bench-serve")), ..options.clone() };
    let mut cache = Cache::new();
    newsprint::build_cached(&serve_options, &mut cache).expect("a serve build");
    newsprint::build_cached(&serve_options, &mut cache).expect("a serve build");
    let mut edit = 0;
    let reports = measure(runs, || {
        edit += 1;
        std::fs::write(article, format!("{original}\nA served sentence, edit {edit}.\n")).expect("edit");
        // What the dev server's watcher tells it.
        cache.expect_changes(root, &[article.to_path_buf()]);
        newsprint::build_cached(&serve_options, &mut cache).expect("a serve rebuild")
    });
    std::fs::write(article, original).expect("restore the article");
    let _ = std::fs::remove_dir_all(root.join(".bench-serve"));
    let _ = std::fs::remove_dir_all(twin(&root.join(".bench-serve")));
    reports
}

fn print(name: &str, reports: &[BuildReport]) {
    let median = |durations: Vec<Duration>| {
        let mut durations = durations;
        durations.sort();
        durations[durations.len() / 2]
    };
    let middle = &reports[reports.len() / 2];
    let wall = median(reports.iter().map(|r| r.elapsed).collect());
    let peak = middle.timings.peaks.iter().map(|(_, b)| *b).max().unwrap_or(0);
    println!(
        "\n{name}: {:.3} s median wall time, {} pages rendered, {} MiB peak",
        wall.as_secs_f64(),
        middle.rendered,
        peak >> 20
    );
    for (stage, _) in &middle.timings.stages {
        let time = median(
            reports
                .iter()
                .map(|r| r.timings.stages.iter().find(|(s, _)| s == stage).map_or(Duration::ZERO, |(_, d)| *d))
                .collect(),
        );
        let memory = middle.timings.peak(stage).map_or(String::new(), |b| format!("{:>6} MiB", b >> 20));
        println!("  {stage:<16} {:>8.3} s {memory}", time.as_secs_f64());
    }
}

/// An article in the middle of the corpus (not among the newest, which
/// every feed lists).
fn pick_article(root: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(root.join("content"))
        .expect("content/")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        // A draft's edit changes no page.
        .filter(|n| !std::fs::read_to_string(root.join("content").join(n)).is_ok_and(|t| t.contains("\ndraft: true\n")))
        .collect();
    names.sort();
    names[names.len() / 2].clone()
}

/// `target/bench/corpus-<language>-<articles>-<seed>`, generated on first use.
fn generated_corpus(args: &Args) -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = format!(
        "corpus-{}-{}-{}{}",
        args.language.code(),
        args.articles,
        args.seed,
        if args.search { "-search" } else { "" }
    );
    let dir = manifest.join("target/bench").join(name);
    if !dir.join("site.toml").exists() {
        println!("generating {} articles ({}) …", args.articles, args.language.code());
        let options = corpus::Options {
            articles: args.articles,
            seed: args.seed,
            language: args.language,
            out: dir.clone(),
            search: args.search,
        };
        corpus::generate(&options).expect("the corpus is written");
    }
    dir
}
