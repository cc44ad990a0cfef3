//! The `newsprint` command line: parses arguments, calls the library, prints
//! what happened and sets the exit code. No build logic lives here.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use newsprint::report::{Severity, Sources};
use newsprint::{BuildOptions, Diagnostic, Error};

// A build allocates many small strings and values on every core; mimalloc
// does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A static-site generator for news digests.
#[derive(Debug, Parser)]
#[command(name = "newsprint", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into its output folder (public/ by default).
    Build(BuildArgs),
    /// Check every file as a build would, drafts included, and write nothing.
    Check(CheckArgs),
    /// Upload the last build to S3-compatible storage (a target in site.toml), changed files only.
    Deploy(DeployArgs),
    /// Create a new site in DIR, ready to build.
    Init(InitArgs),
    /// Start a new article: content/<slug>.md with every part to fill in.
    New(NewArgs),
    /// Preview the site: build with drafts, serve it, rebuild and reload on every save.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    site: RootArg,
    /// Address to listen on; anything but loopback exposes drafts to your network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in your browser.
    #[arg(long)]
    open: bool,
    /// Serve as if it were this moment (RFC 3339).
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    now: Option<jiff::Timestamp>,
    /// Also print how long each stage of each rebuild took.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Debug, Args)]
struct RootArg {
    /// The site folder, the one holding site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    site: RootArg,
    /// Where to write the site [default: <root>/public].
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    future: bool,
    /// Build as if it were this moment (RFC 3339), e.g. 2026-11-23T09:00:00+08:00.
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    now: Option<jiff::Timestamp>,
    /// Publish under this URL instead of site.toml's base_url.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Replace the output folder even if newsprint did not create it.
    #[arg(long)]
    force: bool,
    /// Ignore the build cache (.newsprint-cache/) and compute everything afresh.
    #[arg(long)]
    fresh: bool,
    /// Print only warnings and errors.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each stage took.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Debug, Args)]
struct DeployArgs {
    #[command(flatten)]
    site: RootArg,
    /// The build to upload [default: <root>/public].
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The [[deploy.targets]] entry to upload to (needed when site.toml declares several).
    #[arg(long, value_name = "NAME")]
    target: Option<String>,
    /// Print what would be uploaded and deleted, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Delete files even when there are more than --max-deletes.
    #[arg(long)]
    force: bool,
    /// Stop before changing anything when more files than this would be deleted.
    #[arg(long, value_name = "N", default_value_t = 256)]
    max_deletes: usize,
    /// Upload every file, changed or not (after changing [[deploy.matchers]]).
    #[arg(long)]
    all: bool,
    /// Print only warnings and errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    site: RootArg,
    /// Check as if it were this moment (RFC 3339).
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    now: Option<jiff::Timestamp>,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The folder to create the site in (created if missing).
    dir: PathBuf,
    /// Use a folder that is not empty, adding only the files that are missing.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The headline; the file is named after it.
    title: String,
    #[command(flatten)]
    site: RootArg,
    /// A category key declared in site.toml.
    #[arg(long, value_name = "KEY")]
    category: Option<String>,
    /// Tags, separated by commas.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    tags: Vec<String>,
    /// The publication date [default: now, in the site's time zone].
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

fn parse_now(text: &str) -> Result<jiff::Timestamp, String> {
    text.parse().map_err(|_| format!("`{text}` is not an RFC 3339 time such as 2026-11-23T09:00:00+08:00"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui::new();
    match cli.command {
        Command::Build(args) => build(&ui, args),
        Command::Check(args) => check(&ui, args),
        Command::Deploy(args) => deploy(&ui, args),
        Command::Init(args) => init(&ui, args),
        Command::New(args) => new(&ui, args),
        Command::Serve(args) => serve(ui, args),
    }
}

fn serve(ui: Ui, args: ServeArgs) -> ExitCode {
    if !args.bind.is_loopback() {
        eprintln!("warning: listening on {}: anyone who can reach this machine can read your drafts", args.bind);
    }
    let root = args.site.root.clone();
    let options =
        newsprint::serve::ServeOptions { root: root.clone(), bind: args.bind, port: args.port, now: args.now };
    let open = args.open;
    let on_ready = |url: &str| {
        println!("Serving {url}/ with drafts and scheduled articles; watching for changes (Ctrl-C to stop)");
        if open && let Err(e) = open::that(url) {
            eprintln!("warning: could not open a browser: {e}");
        }
    };
    let verbose = args.verbose;
    let on_build = move |result: &newsprint::Result<newsprint::BuildReport>| match result {
        Ok(report) => {
            ui.diagnostics(&root, &report.warnings, Severity::Warning);
            println!(
                "Built {} ({}) in {:.2} s",
                count(report.pages, "page", "pages"),
                count(report.articles, "article", "articles"),
                report.elapsed.as_secs_f64()
            );
            if verbose {
                print_timings(&report.timings);
            }
        }
        Err(error) => ui.failure(&root, error, |found| format!("{found}; still serving the last good build")),
    };
    match newsprint::serve::run(options, on_ready, on_build) {
        Ok(()) => {
            println!("Stopped.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_timings(timings: &newsprint::progress::Timings) {
    for (stage, time) in &timings.stages {
        match timings.peak(stage) {
            Some(bytes) => println!("  {stage:<9} {:>8.3} s  {:>6} MiB peak so far", time.as_secs_f64(), bytes >> 20),
            None => println!("  {stage:<9} {:>8.3} s", time.as_secs_f64()),
        }
    }
}

fn build(ui: &Ui, args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.site.root.clone(),
        output: args.output.clone(),
        drafts: args.drafts,
        future: args.future,
        base_url: args.base_url.clone(),
        force: args.force,
        now: args.now,
        inject: None,
        fresh: args.fresh,
        durable: true,
        search: Default::default(),
        progress: if args.quiet { Default::default() } else { ui.progress_bar() },
    };
    let output = options.output_dir();
    match newsprint::build(&options) {
        Ok(report) => {
            ui.diagnostics(&args.site.root, &report.warnings, Severity::Warning);
            if !args.quiet {
                println!(
                    "Built {} ({}, {}, {}, {}), {}, {}, {} and {} in {:.2} s → {}",
                    count(report.pages, "page", "pages"),
                    count(report.articles, "article", "articles"),
                    count(report.weeks, "week", "weeks"),
                    count(report.categories, "category", "categories"),
                    count(report.tags, "tag", "tags"),
                    count(report.feeds, "feed", "feeds"),
                    count(report.emails, "email edition", "email editions"),
                    count(report.other, "sitemap file", "sitemap files"),
                    count(report.static_files, "static file", "static files"),
                    report.elapsed.as_secs_f64(),
                    output.display()
                );
                if let Some(line) = left_out(&report.left_out) {
                    println!("{line}");
                }
            }
            if args.verbose {
                print_timings(&report.timings);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let output = output.display();
            ui.failure(&args.site.root, &error, |found| {
                format!("the build stopped on {found}; {output} was left as it was")
            });
            if matches!(error, Error::Io { .. }) {
                eprintln!("note: nothing was published; {output} was left as it was");
            }
            ExitCode::FAILURE
        }
    }
}

fn check(ui: &Ui, args: CheckArgs) -> ExitCode {
    let root = &args.site.root;
    let options = BuildOptions { now: args.now, progress: ui.progress_bar(), ..BuildOptions::new(root) };
    match newsprint::check(&options) {
        Ok(report) => {
            ui.diagnostics(root, &report.warnings, Severity::Warning);
            ui.diagnostics(root, &report.problems, Severity::Error);
            let checked = format!(
                "{} and {}",
                count(report.articles, "article", "articles"),
                count(report.pages, "page", "pages")
            );
            if report.problems.is_empty() {
                let warnings = match report.warnings.len() {
                    0 => String::new(),
                    n => format!(" ({})", count(n, "warning", "warnings")),
                };
                println!("Checked {checked}: no problems{warnings}.");
                ExitCode::SUCCESS
            } else {
                eprintln!("Checked {checked}: {}.", summary(&report.problems));
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            ui.failure(root, &error, |found| format!("the check found {found}"));
            ExitCode::FAILURE
        }
    }
}

fn deploy(ui: &Ui, args: DeployArgs) -> ExitCode {
    let root = &args.site.root;
    let options = newsprint::deploy::DeployOptions {
        output: args.output,
        target: args.target,
        dry_run: args.dry_run,
        force: args.force,
        max_deletes: args.max_deletes,
        all: args.all,
        progress: if args.quiet { Default::default() } else { ui.progress_bar_from(Bar::DEPLOY_THRESHOLD) },
        ..newsprint::deploy::DeployOptions::new(root)
    };
    match newsprint::deploy::deploy(&options) {
        Ok(report) if report.dry_run => {
            for upload in &report.uploads {
                println!("upload  {}  ({}, {})", upload.path, upload.reason.word(), bytes(upload.bytes));
            }
            for path in &report.deletes {
                println!("delete  {path}");
            }
            println!(
                "Dry run for {} ({}): would upload {} ({}), delete {} and leave {} unchanged; nothing was changed.",
                report.target,
                report.url,
                count(report.uploads.len(), "file", "files"),
                bytes(report.uploaded_bytes()),
                report.deletes.len(),
                report.unchanged
            );
            if report.deletes.len() > args.max_deletes && !args.force {
                println!(
                    "note: that is more deletions than --max-deletes allows ({}): a real deploy would stop before changing anything",
                    args.max_deletes
                );
            }
            ExitCode::SUCCESS
        }
        Ok(report) => {
            if !args.quiet {
                println!(
                    "Deployed to {} ({}): {} uploaded ({}), {} deleted, {} unchanged in {:.2} s",
                    report.target,
                    report.url,
                    report.uploads.len(),
                    bytes(report.uploaded_bytes()),
                    report.deletes.len(),
                    report.unchanged,
                    report.elapsed.as_secs_f64()
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            ui.failure(root, &error, |found| format!("the deploy stopped on {found}; nothing was uploaded"));
            if matches!(error, Error::Remote(_)) {
                eprintln!(
                    "note: what was uploaded stays, and pages point only at files already there; run the deploy again to finish"
                );
            }
            ExitCode::FAILURE
        }
    }
}

/// `312 B`, `4.1 KiB`, `1.2 MiB`.
fn bytes(n: u64) -> String {
    match n {
        0..1024 => format!("{n} B"),
        1024..1_048_576 => format!("{:.1} KiB", n as f64 / 1024.0),
        _ => format!("{:.1} MiB", n as f64 / 1_048_576.0),
    }
}

fn init(ui: &Ui, args: InitArgs) -> ExitCode {
    match newsprint::scaffold::init(&args.dir, args.force, jiff::Timestamp::now()) {
        Ok(created) => {
            let dir = args.dir.display();
            for path in &created {
                println!("created {}", args.dir.join(path).display());
            }
            println!("A new site is ready in {dir}. Next: cd {dir} && newsprint serve");
            ExitCode::SUCCESS
        }
        Err(error) => {
            ui.failure(&args.dir, &error, |found| format!("{found}; nothing was created"));
            ExitCode::FAILURE
        }
    }
}

fn new(ui: &Ui, args: NewArgs) -> ExitCode {
    let request = newsprint::scaffold::NewArticle {
        title: args.title,
        category: args.category,
        tags: args.tags.into_iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
        date: args.date,
    };
    let root = &args.site.root;
    match newsprint::scaffold::new_article(root, &request, jiff::Timestamp::now()) {
        Ok(path) => {
            println!("{}", shown_path(root, &path).display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            ui.failure(root, &error, |_| "no file was written".to_string());
            ExitCode::FAILURE
        }
    }
}

/// How the terminal wants its output.
struct Ui {
    /// Colour for stderr: on a terminal, unless `NO_COLOR` is set.
    color: bool,
    /// stderr is a terminal: progress bars make sense.
    terminal: bool,
}

impl Ui {
    fn new() -> Ui {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let terminal = std::io::stderr().is_terminal();
        Ui { color: terminal && !no_color, terminal }
    }

    /// A progress bar on a terminal for builds big enough to wait for.
    fn progress_bar(&self) -> newsprint::progress::Reporter {
        self.progress_bar_from(Bar::THRESHOLD)
    }

    /// A progress bar on a terminal for stages of `threshold` steps or more.
    fn progress_bar_from(&self, threshold: usize) -> newsprint::progress::Reporter {
        if self.terminal {
            newsprint::progress::Reporter(std::sync::Arc::new(Bar { threshold, ..Bar::default() }))
        } else {
            Default::default()
        }
    }

    fn diagnostics(&self, root: &Path, list: &[Diagnostic], severity: Severity) {
        let mut sources = Sources::default();
        for diagnostic in list {
            let shown = shown_path(root, &diagnostic.path);
            eprintln!("{}\n", sources.render(diagnostic, severity, root, &shown, self.color));
        }
    }

    /// Prints why a command failed, then one closing line made from the
    /// count of problems (`2 problems in 1 file`).
    fn failure(&self, root: &Path, error: &Error, closing: impl Fn(&str) -> String) {
        match error {
            Error::Invalid(found) => {
                self.diagnostics(root, found, Severity::Error);
                eprintln!("error: {}", closing(&summary(found)));
            }
            other => eprintln!("error: {other}"),
        }
    }
}

/// A terminal progress bar, drawn only for stages of `threshold` steps or more.
struct Bar {
    bar: std::sync::Mutex<Option<indicatif::ProgressBar>>,
    threshold: usize,
}

impl Default for Bar {
    fn default() -> Self {
        Bar { bar: Default::default(), threshold: Bar::THRESHOLD }
    }
}

impl Bar {
    /// Smaller stages of a build finish before a bar would be worth drawing.
    const THRESHOLD: usize = 500;
    /// Each upload is a network round trip: a bar helps sooner.
    const DEPLOY_THRESHOLD: usize = 20;
}

impl newsprint::progress::Progress for Bar {
    fn stage(&self, name: &'static str, total: usize) {
        let mut slot = self.bar.lock().expect("not poisoned");
        if let Some(old) = slot.take() {
            old.finish_and_clear();
        }
        if total >= self.threshold {
            let bar = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len}")
                .expect("a valid template")
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(name);
            *slot = Some(bar);
        }
    }

    fn advance(&self, n: usize) {
        if let Some(bar) = self.bar.lock().expect("not poisoned").as_ref() {
            bar.inc(n as u64);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.lock().expect("not poisoned").take() {
            bar.finish_and_clear();
        }
    }
}

/// What a build left out, when it left something out: `2 drafts and 1
/// scheduled article not published (next: 5 Dec 2026 09:00 +08:00).`
fn left_out(left_out: &newsprint::model::LeftOut) -> Option<String> {
    let mut parts = Vec::new();
    if left_out.drafts > 0 {
        parts.push(count(left_out.drafts, "draft", "drafts"));
    }
    if left_out.scheduled > 0 {
        parts.push(count(left_out.scheduled, "scheduled article", "scheduled articles"));
    }
    if parts.is_empty() {
        return None;
    }
    let next = left_out.next.map_or(String::new(), |due| format!(" (next: {})", due.display()));
    Some(format!("{} not published{next}.", parts.join(" and ")))
}

/// `3 problems in 2 files`; a problem with a command-line option counts
/// against the command line, not a file.
fn summary(found: &[Diagnostic]) -> String {
    let is_option = |d: &&Diagnostic| d.path.to_string_lossy().starts_with("--");
    let mut files: Vec<&Path> = found.iter().filter(|d| !is_option(d)).map(|d| d.path.as_path()).collect();
    files.sort();
    files.dedup();
    let options = found.iter().any(|d| is_option(&d));
    let problems = count(found.len(), "problem", "problems");
    match (files.len(), options) {
        (0, true) => format!("{problems} in the command line"),
        (n, true) => format!("{problems} in {} and the command line", count(n, "file", "files")),
        (n, false) => format!("{problems} in {}", count(n, "file", "files")),
    }
}

/// `1 article`, `2 articles`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A site-relative path as the user would type it from where they ran the command.
fn shown_path(root: &Path, path: &Path) -> PathBuf {
    let option = path.to_string_lossy().starts_with("--");
    if root != Path::new(".") && path.is_relative() && !option { root.join(path) } else { path.to_path_buf() }
}
