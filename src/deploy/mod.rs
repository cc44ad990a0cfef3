//! `newsprint deploy`: uploads the last build's output folder to an
//! S3-compatible bucket declared in site.toml, changed files only.
//!
//! The steps: read `[deploy]` and pick the target; read the output folder
//! ([`local`]: bytes, MD5, headers, phase of every file); list the bucket
//! ([`remote`]); compare ([`plan`]: size and MD5 against the ETag, reading
//! the remote bytes where the ETag is not an MD5); refuse more deletions
//! than allowed; then upload phase by phase ([`headers::Phase`]: hashed
//! assets, assets, pages, feeds and sitemaps), each phase whole before the
//! next, and delete last. A deploy stopped at any point leaves pages that
//! point only at files already there, and the next deploy finishes the job.

pub mod credentials;
pub mod headers;
pub mod local;
pub mod plan;
pub mod remote;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures::StreamExt;

pub use credentials::Environment;
use local::LocalFile;
use plan::Reason;
use remote::Remote;

use crate::config::{self, Target};
use crate::error::{Diagnostic, Error, Result, closest};
use crate::progress;

/// Requests in flight at once: enough to hide the round trips, few enough
/// not to be throttled.
const IN_FLIGHT: usize = 16;

/// What `newsprint deploy` was asked to do.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The site folder (holds site.toml).
    pub root: PathBuf,
    /// The output folder to upload; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// The target's name; needed only when site.toml declares several.
    pub target: Option<String>,
    /// Plan and report, change nothing.
    pub dry_run: bool,
    /// Delete however many files the plan deletes.
    pub force: bool,
    /// Stop before changing anything when the plan deletes more files than this.
    pub max_deletes: usize,
    /// Upload every file, changed or not (after a change of matchers).
    pub all: bool,
    /// Where credentials come from.
    pub env: Environment,
    /// Hears the deploy's progress.
    pub progress: progress::Reporter,
}

impl DeployOptions {
    /// Options for deploying the site at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DeployOptions {
            root: root.into(),
            output: None,
            target: None,
            dry_run: false,
            force: false,
            max_deletes: 256,
            all: false,
            env: Environment::from_process(),
            progress: progress::Reporter::default(),
        }
    }

    /// The output folder these options upload.
    pub fn output_dir(&self) -> PathBuf {
        crate::BuildOptions { output: self.output.clone(), ..crate::BuildOptions::new(&self.root) }.output_dir()
    }
}

/// One upload of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// The output path.
    pub path: String,
    /// Bytes sent.
    pub bytes: u64,
    /// Why.
    pub reason: Reason,
}

/// What a deploy did (or, with `dry_run`, would do).
#[derive(Debug)]
pub struct DeployReport {
    /// The target's name.
    pub target: String,
    /// The target's `s3://` URL.
    pub url: String,
    /// Whether nothing was changed.
    pub dry_run: bool,
    /// Uploads, in the order they were made.
    pub uploads: Vec<Upload>,
    /// Deleted output paths, in the order they were deleted.
    pub deletes: Vec<String>,
    /// Files the bucket already had as they are.
    pub unchanged: usize,
    /// Files whose remote bytes were read to compare them (their ETag is not an MD5).
    pub compared_by_content: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl DeployReport {
    /// Bytes uploaded.
    pub fn uploaded_bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.bytes).sum()
    }
}

/// Deploys the last build of a site to one of its targets.
pub fn deploy(options: &DeployOptions) -> Result<DeployReport> {
    let started = Instant::now();
    let _finish = progress::FinishOnDrop(options.progress.0.as_ref());
    let config = config::load(&options.root, &config::Overrides::default())?;
    let target = choose_target(&config.deploy.targets, options.target.as_deref())?;
    let output = options.output_dir();
    if !output.join(crate::output::MARKER).is_file() {
        return Err(Error::Deploy(format!(
            "{} holds no build of this site to deploy: run `newsprint build` first",
            output.display()
        )));
    }
    let local = local::scan(&output, &config.deploy.matchers)?;
    let remote = Remote::connect(target, &options.env)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Remote(format!("cannot start the network client: {e}")))?;
    let mut report = runtime.block_on(run(options, target, &output, &local, &remote))?;
    report.elapsed = started.elapsed();
    Ok(report)
}

async fn run(
    options: &DeployOptions,
    target: &Target,
    output: &std::path::Path,
    local: &[LocalFile],
    remote: &Remote,
) -> Result<DeployReport> {
    let listed = remote.list().await?;
    let mut comparison = plan::compare(local, &listed, options.all);
    let compared_by_content = comparison.unsure.len();
    let changed = compare_contents(remote, local, &comparison.unsure, options).await?;
    comparison.unchanged += compared_by_content - changed.len();
    comparison.uploads.extend(changed.into_iter().map(|i| (i, Reason::Changed)));
    let plan::Comparison { mut uploads, mut deletes, unchanged, .. } = comparison;
    plan::order_uploads(local, &mut uploads);
    plan::order_deletes(&mut deletes);
    if deletes.len() > options.max_deletes && !options.force && !options.dry_run {
        return Err(Error::Deploy(format!(
            "this deploy would delete {} files from {}, more than --max-deletes allows ({}); nothing was uploaded or \
             deleted. Check --output and the target's url; if the deletions are meant, run again with --force",
            deletes.len(),
            target.url(),
            options.max_deletes
        )));
    }
    let report = DeployReport {
        target: target.name.clone(),
        url: target.url(),
        dry_run: options.dry_run,
        uploads: uploads
            .iter()
            .map(|&(i, reason)| Upload { path: local[i].path.clone(), bytes: local[i].size, reason })
            .collect(),
        deletes,
        unchanged,
        compared_by_content,
        elapsed: Duration::ZERO,
    };
    if options.dry_run {
        return Ok(report);
    }
    upload(remote, output, local, &uploads, options).await?;
    let progress = options.progress.0.as_ref();
    progress.stage("delete", report.deletes.len());
    remote.delete(&report.deletes, || progress.advance(1)).await?;
    Ok(report)
}

/// The indices of `unsure` files whose remote bytes differ from theirs.
async fn compare_contents(
    remote: &Remote,
    local: &[LocalFile],
    unsure: &[usize],
    options: &DeployOptions,
) -> Result<Vec<usize>> {
    let progress = options.progress.0.as_ref();
    progress.stage("compare", unsure.len());
    let checks = futures::stream::iter(unsure.iter().map(|&i| async move {
        let theirs = remote.get(&local[i].path).await?;
        progress.advance(1);
        let md5: [u8; 16] = <md5::Md5 as md5::Digest>::digest(&theirs).into();
        Ok::<_, Error>((md5 != local[i].md5).then_some(i))
    }));
    let results: Vec<Result<Option<usize>>> = checks.buffer_unordered(IN_FLIGHT).collect().await;
    let mut changed: Vec<usize> = results.into_iter().filter_map(Result::transpose).collect::<Result<_>>()?;
    changed.sort_unstable();
    Ok(changed)
}

/// Uploads phase by phase, each whole before the next starts.
async fn upload(
    remote: &Remote,
    output: &std::path::Path,
    local: &[LocalFile],
    uploads: &[(usize, Reason)],
    options: &DeployOptions,
) -> Result<()> {
    let progress = options.progress.0.as_ref();
    progress.stage("upload", uploads.len());
    for (_, run) in plan::phases(local, uploads) {
        let puts = futures::stream::iter(run.iter().map(|&(i, _)| {
            let file = &local[i];
            async move {
                let path = file.path.clone();
                let (dir, encoding) = (output.to_path_buf(), file.headers.content_encoding);
                let bytes = tokio::task::spawn_blocking(move || local::body(&dir, &path, encoding))
                    .await
                    .map_err(|e| Error::Remote(format!("reading {} failed: {e}", file.path)))??;
                remote.put(&file.path, bytes, &file.headers).await?;
                progress.advance(1);
                Ok::<(), Error>(())
            }
        }));
        let results: Vec<Result<()>> = puts.buffer_unordered(IN_FLIGHT).collect().await;
        results.into_iter().collect::<Result<()>>()?;
    }
    Ok(())
}

/// The target named on the command line, or the only one declared.
fn choose_target<'a>(targets: &'a [Target], name: Option<&str>) -> Result<&'a Target> {
    let names: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
    let declared = names.join(", ");
    match (name, targets) {
        (_, []) => Err(Error::invalid(vec![
            Diagnostic::new(config::CONFIG_FILE, "site.toml declares no deploy target").hint(
                "add one, e.g. [[deploy.targets]] with name = \"production\" and url = \"s3://my-bucket\" (see \"Publishing\" in the README)",
            ),
        ])),
        (None, [only]) => Ok(only),
        (None, _) => Err(Error::invalid(vec![
            Diagnostic::flag("--target", format!("site.toml declares {} deploy targets; choose one", targets.len()))
                .hint(format!("pass --target with one of: {declared}")),
        ])),
        (Some(name), _) => targets.iter().find(|t| t.name == name).ok_or_else(|| {
            let hint = match closest(name, names.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? declared targets are: {declared}"),
                None => format!("declared targets are: {declared}"),
            };
            Error::invalid(vec![
                Diagnostic::flag("--target", format!("no deploy target is named `{name}`")).hint(hint),
            ])
        }),
    }
}
