//! The `newsprint` command line: parses arguments, calls the library, prints
//! what happened and sets the exit code. No build logic lives here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use newsprint::{BuildOptions, Diagnostic, Error};

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
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// The site folder, the one holding site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: <root>/public].
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Publish under this URL instead of site.toml's base_url.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Replace the output folder even if newsprint did not create it.
    #[arg(long)]
    force: bool,
    /// Print only warnings and errors.
    #[arg(long, short)]
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.root.clone(),
        output: args.output.clone(),
        drafts: args.drafts,
        base_url: args.base_url.clone(),
        force: args.force,
        now: None,
    };
    let output = options.output_dir();
    match newsprint::build(&options) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {}", shown(&args.root, warning));
            }
            if !args.quiet {
                println!(
                    "Built {} ({}, {}, {}, {}), {}, {} and {} in {:.2} s → {}",
                    count(report.pages, "page", "pages"),
                    count(report.articles, "article", "articles"),
                    count(report.weeks, "week", "weeks"),
                    count(report.categories, "category", "categories"),
                    count(report.tags, "tag", "tags"),
                    count(report.feeds, "feed", "feeds"),
                    count(report.other, "sitemap file", "sitemap files"),
                    count(report.static_files, "static file", "static files"),
                    report.elapsed.as_secs_f64(),
                    output.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            report_failure(&args.root, &output, &error);
            ExitCode::FAILURE
        }
    }
}

fn report_failure(root: &Path, output: &Path, error: &Error) {
    match error {
        Error::Invalid(found) => {
            for diagnostic in found {
                eprintln!("error: {}", shown(root, diagnostic));
            }
            let mut files: Vec<&Path> = found.iter().map(|d| d.path.as_path()).collect();
            files.dedup();
            eprintln!(
                "error: the build stopped on {} in {}; {} was left as it was",
                count(found.len(), "problem", "problems"),
                count(files.len(), "file", "files"),
                output.display()
            );
        }
        other => eprintln!("error: {other}"),
    }
}

/// `1 article`, `2 articles`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A diagnostic with its path as the user would type it from here.
fn shown(root: &Path, diagnostic: &Diagnostic) -> Diagnostic {
    let mut shown = diagnostic.clone();
    if root != Path::new(".") && diagnostic.path.is_relative() {
        shown.path = root.join(&diagnostic.path);
    }
    shown
}
