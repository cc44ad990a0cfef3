//! Writes a generated digest site, for measuring builds by hand:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 10000 --out /tmp/corpus
//! cargo run --release --example gen_corpus -- --articles 10000 --language zh --out /tmp/corpus-zh
//! ```
//!
//! The same options give the same files; see `tests/common/corpus.rs` for
//! what a corpus holds.

#[path = "../tests/common/corpus.rs"]
mod corpus;

fn main() -> std::process::ExitCode {
    let options = match corpus::parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return std::process::ExitCode::from(2);
        }
    };
    match corpus::generate(&options) {
        Ok(made) => {
            println!(
                "Wrote {} articles ({} drafts, {} scheduled) over {} weeks, {} recap notes and {} stories, {:.1} MiB of content → {}",
                made.articles,
                made.drafts,
                made.scheduled,
                made.weeks,
                made.notes,
                made.stories,
                made.bytes as f64 / 1_048_576.0,
                options.out.display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", options.out.display());
            std::process::ExitCode::FAILURE
        }
    }
}
