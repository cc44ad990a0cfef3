//! What the build benchmarks share: a build that must succeed, repeated
//! runs sorted by wall time, and the name of an output folder's twin.

use std::path::{Path, PathBuf};

use newsprint::{BuildOptions, BuildReport};

/// The output folder's twin (see `newsprint::output`).
pub fn twin(output: &Path) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    output.with_file_name(format!(".{name}.newsprint-spare"))
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
