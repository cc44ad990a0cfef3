//! What the build benchmarks share: a build that must succeed, repeated
//! runs sorted by wall time, an output folder's twin, and a clean slate
//! for a cold build.

use std::path::{Path, PathBuf};

use newsprint::{BuildOptions, BuildReport};

/// The output folder's twin (see `newsprint::output`).
pub fn twin(output: &Path) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    output.with_file_name(format!(".{name}.newsprint-spare"))
}

/// Removes what a build leaves (the output folder, its twin and the
/// cache of the site at `root`), so that the next build is a cold one.
pub fn forget(options: &BuildOptions, root: &Path) {
    let output = options.output_dir();
    for dir in [twin(&output), output, root.join(newsprint::incremental::CACHE_DIR)] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// One build, which must succeed.
pub fn build(options: &BuildOptions) -> BuildReport {
    newsprint::build(options).unwrap_or_else(|e| panic!("the build failed: {e}"))
}

/// Runs `work` `runs` times; the reports sorted by wall time.
pub fn measure(runs: usize, mut work: impl FnMut() -> BuildReport) -> Vec<BuildReport> {
    let mut reports: Vec<BuildReport> = (0..runs.max(1)).map(|_| work()).collect();
    reports.sort_by_key(|r| r.elapsed);
    reports
}

/// `runs` cold builds of the site at `root`, then (after one more build)
/// `runs` builds with nothing changed.
pub fn cold_and_unchanged(runs: usize, options: &BuildOptions, root: &Path) -> (Vec<BuildReport>, Vec<BuildReport>) {
    let cold = measure(runs, || {
        forget(options, root);
        build(options)
    });
    build(options);
    (cold, measure(runs, || build(options)))
}
