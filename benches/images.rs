//! Image benchmark: a site of articles that are folders, each with a
//! photograph 3,000 to 4,000 pixels wide as its lead image (gradients,
//! soft shapes and noise, so it compresses like a photograph), built cold
//! (no cache, no output) and again with nothing changed. Prints the wall
//! time of each build, the images stage, the peak memory, and how many
//! images were decoded and files encoded: the second build must encode
//! nothing (the benchmark stops with an error if it does).
//!
//! ```sh
//! cargo bench --bench images -- --images 200 --runs 3
//! ```
//!
//! The site is the repository's corpus generator (`tests/common/corpus.rs`)
//! with each article moved into a folder beside its photograph; it is kept
//! under `target/bench/images-<n>-<seed>/`. No timing here is asserted
//! anywhere.

#[path = "../tests/common/corpus.rs"]
mod corpus;
#[path = "common/runs.rs"]
mod runs;

use std::path::{Path, PathBuf};
use std::time::Duration;

use newsprint::{BuildOptions, BuildReport};
use rayon::prelude::*;
use runs::cold_and_unchanged;

struct Args {
    images: usize,
    seed: u64,
    runs: usize,
}

fn parse_args() -> Args {
    let mut args = Args { images: 200, seed: 1, runs: 1 };
    let mut given = std::env::args().skip(1);
    while let Some(arg) = given.next() {
        let mut value = || given.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--images" => args.images = value().parse().expect("--images takes a number"),
            "--seed" => args.seed = value().parse().expect("--seed takes a number"),
            "--runs" => args.runs = value().parse().expect("--runs takes a number"),
            // `cargo bench` passes this to every bench target.
            "--bench" => {}
            other => panic!("unknown argument {other}; see benches/images.rs"),
        }
    }
    args
}

fn main() {
    let args = parse_args();
    let root = generated_site(&args);
    let now = "2026-11-27T00:00:00Z".parse().expect("a timestamp");
    let options = BuildOptions { now: Some(now), ..BuildOptions::new(&root) };
    println!("site: {} ({} runs each; medians)", root.display(), args.runs);
    let (cold, unchanged) = cold_and_unchanged(args.runs, &options, &root);
    print("cold build", &cold);
    print("nothing changed", &unchanged);
    let made = processed(&options.output_dir());
    println!("\nprocessed-images/: {} files, {} MiB", made.0, made.1 >> 20);
    if let Some(report) = unchanged.iter().find(|r| r.images.encoded > 0 || r.images.decoded > 0) {
        eprintln!(
            "error: a build with nothing changed decoded {} images and encoded {} files",
            report.images.decoded, report.images.encoded
        );
        std::process::exit(1);
    }
}

fn print(name: &str, reports: &[BuildReport]) {
    let middle = &reports[reports.len() / 2];
    let peak = middle.timings.peaks.iter().map(|(_, b)| *b).max().unwrap_or(0);
    let stage = |name: &str| middle.timings.stages.iter().find(|(s, _)| *s == name).map_or(Duration::ZERO, |(_, d)| *d);
    println!(
        "\n{name}: {:.2} s median wall time (images stage {:.2} s), {} MiB peak; {} images decoded, {} files encoded",
        middle.elapsed.as_secs_f64(),
        stage("images").as_secs_f64(),
        peak >> 20,
        middle.images.decoded,
        middle.images.encoded,
    );
}

/// Files and bytes under `processed-images/` of the output.
fn processed(output: &Path) -> (usize, u64) {
    std::fs::read_dir(output.join("processed-images"))
        .map(|entries| {
            entries.flatten().filter_map(|e| e.metadata().ok()).fold((0, 0), |(n, b), m| (n + 1, b + m.len()))
        })
        .unwrap_or((0, 0))
}

/// `target/bench/images-<n>-<seed>`, generated on first use.
fn generated_site(args: &Args) -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = manifest.join("target/bench").join(format!("images-{}-{}", args.images, args.seed));
    if dir.join("site.toml").exists() {
        return dir;
    }
    println!("generating {} articles, each with a photograph …", args.images);
    let options = corpus::Options {
        articles: args.images,
        seed: args.seed,
        language: corpus::Language::English,
        out: dir.clone(),
        search: false,
    };
    corpus::generate(&options).expect("the corpus is written");
    let content = dir.join("content");
    let mut articles: Vec<PathBuf> = std::fs::read_dir(&content)
        .expect("content/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
        .collect();
    articles.sort();
    articles.par_iter().enumerate().for_each(|(n, file)| into_folder(file, n as u64 + args.seed * 1_000_003));
    dir
}

/// Moves `content/<name>.md` to `content/<name>/index.md`, with a
/// photograph of its own as its lead image.
fn into_folder(file: &Path, seed: u64) {
    let text = std::fs::read_to_string(file).expect("an article");
    let mut lines: Vec<String> =
        text.lines().filter(|l| !l.starts_with("image:") && !l.starts_with("image_alt:")).map(str::to_string).collect();
    lines.iter_mut().for_each(|line| *line = relink(line));
    lines.insert(1, "image: photo.jpg".into());
    lines.insert(2, "image_alt: \"A photograph made by the benchmark\"".into());
    let folder = file.with_extension("");
    std::fs::create_dir_all(&folder).expect("the article's folder");
    std::fs::write(folder.join("index.md"), lines.join("\n") + "\n").expect("index.md");
    std::fs::remove_file(file).expect("the flat article");
    std::fs::write(folder.join("photo.jpg"), photo(seed)).expect("photo.jpg");
}

/// Links to other articles by file (`](other.md)`) as they read from
/// inside a folder (`](../other/index.md)`).
fn relink(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let end = rest.find([')', '#', ' ']).unwrap_or(rest.len());
        let target = &rest[..end];
        let stem = target.strip_suffix(".md").or_else(|| target.strip_suffix(".markdown"));
        if let Some(stem) = stem.filter(|s| !s.contains(['/', ':'])) {
            out.push_str(&format!("../{stem}/index.md"));
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// A JPEG 3,000 to 4,000 pixels wide, 3:2 or 4:3: two gradients, soft
/// shapes (a coarse random grid, interpolated) and noise.
fn photo(seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let width = 3000 + (next() % 1001) as u32;
    let height = if next() % 2 == 0 { width * 2 / 3 } else { width * 3 / 4 };
    const CELL: u32 = 96;
    let (gw, gh) = (width / CELL + 2, height / CELL + 2);
    let grid: Vec<[f32; 3]> =
        (0..gw * gh).map(|_| [(next() % 120) as f32, (next() % 120) as f32, (next() % 120) as f32]).collect();
    let mut pixels = vec![0u8; (width * height * 3) as usize];
    pixels.par_chunks_mut((width * 3) as usize).enumerate().for_each(|(y, row)| {
        let y = y as u32;
        let mut noise = (u64::from(y) + 1).wrapping_mul(seed | 1).wrapping_mul(0x2545_F491_4F6C_DD1D);
        let (gy, fy) = (y / CELL, (y % CELL) as f32 / CELL as f32);
        for x in 0..width {
            let (gx, fx) = (x / CELL, (x % CELL) as f32 / CELL as f32);
            let at = |i: u32, j: u32, c: usize| grid[(j * gw + i) as usize][c];
            noise ^= noise << 13;
            noise ^= noise >> 7;
            noise ^= noise << 17;
            for c in 0..3 {
                let shape = (at(gx, gy, c) * (1.0 - fx) + at(gx + 1, gy, c) * fx) * (1.0 - fy)
                    + (at(gx, gy + 1, c) * (1.0 - fx) + at(gx + 1, gy + 1, c) * fx) * fy;
                let gradient = if c == 0 { x * 100 / width } else { y * 100 / height } as f32;
                let grain = ((noise >> (c * 8)) & 15) as f32 - 7.5;
                row[(x * 3) as usize + c] = (shape + gradient + grain + 20.0).clamp(0.0, 255.0) as u8;
            }
        }
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
        .encode(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .expect("a JPEG in memory");
    bytes
}
