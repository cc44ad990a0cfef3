//! How long builds take, as they go: a progress callback for the terminal's
//! progress bar, and the wall time of each stage for `--verbose`.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Hears a build's progress (the command line draws a bar from it).
pub trait Progress: Send + Sync {
    /// A stage begins: `name` with `total` steps.
    fn stage(&self, name: &'static str, total: usize);
    /// `n` more steps of the current stage are done.
    fn advance(&self, n: usize);
    /// The work is over, finished or failed.
    fn finish(&self) {}
}

/// Calls [`Progress::finish`] when dropped, however a build ends.
pub struct FinishOnDrop<'a>(pub &'a dyn Progress);

impl Drop for FinishOnDrop<'_> {
    fn drop(&mut self) {
        self.0.finish();
    }
}

/// Hears nothing.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &'static str, _: usize) {}
    fn advance(&self, _: usize) {}
}

/// A shareable [`Progress`], silent by default.
#[derive(Clone)]
pub struct Reporter(pub Arc<dyn Progress>);

impl Default for Reporter {
    fn default() -> Self {
        Reporter(Arc::new(Silent))
    }
}

impl fmt::Debug for Reporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reporter")
    }
}

/// The wall time of each stage of a build, in order, and where the system
/// tells it (Linux), the process's peak memory during each.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// `(stage, time)`.
    pub stages: Vec<(&'static str, Duration)>,
    /// `(stage, peak resident memory in bytes)`, for the stages closed by
    /// [`Timings::lap`].
    pub peaks: Vec<(&'static str, u64)>,
    last: Option<Instant>,
}

impl Timings {
    /// Starts the clock (and the memory peak).
    pub fn start() -> Timings {
        let _ = peak_memory_and_reset();
        Timings { stages: Vec::new(), peaks: Vec::new(), last: Some(Instant::now()) }
    }

    /// Closes a stage: the time since the previous one closed, and the
    /// memory peak since then.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last.unwrap_or(now)));
        if let Some(peak) = peak_memory_and_reset() {
            self.peaks.push((stage, peak));
        }
        self.last = Some(now);
    }

    /// The peak memory of a stage, if measured.
    pub fn peak(&self, stage: &str) -> Option<u64> {
        self.peaks.iter().find(|(name, _)| *name == stage).map(|(_, bytes)| *bytes)
    }

    /// Records a part of the last stage measured on its own (not a lap).
    pub fn note(&mut self, part: &'static str, time: Duration) {
        self.stages.push((part, time));
    }

    /// The time of every stage together (parts noted inside a stage not counted twice).
    pub fn total(&self) -> Duration {
        self.stages.iter().filter(|(name, _)| !name.starts_with(' ')).map(|(_, d)| *d).sum()
    }
}

/// The process's peak resident memory since the last reset, then resets it
/// (Linux: `VmHWM` in /proc/self/status, reset through clear_refs).
fn peak_memory_and_reset() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        Some(kib * 1024)
    }
    #[cfg(not(target_os = "linux"))]
    None
}
