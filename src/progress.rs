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
/// tells it (Linux), the process's peak memory by the end of each.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// `(stage, time)`.
    pub stages: Vec<(&'static str, Duration)>,
    /// `(stage, peak resident memory in bytes)`, for the stages closed by
    /// [`Timings::lap`]: the process's peak so far, never reset, so the last
    /// one is what the operating system reports as the process's maximum
    /// resident size.
    pub peaks: Vec<(&'static str, u64)>,
    last: Option<Instant>,
}

impl Timings {
    /// Starts the clock.
    pub fn start() -> Timings {
        Timings { stages: Vec::new(), peaks: Vec::new(), last: Some(Instant::now()) }
    }

    /// Closes a stage: the time since the previous one closed, and the
    /// process's memory peak so far.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last.unwrap_or(now)));
        if let Some(peak) = peak_memory() {
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

/// The process's peak resident memory (Linux: `VmHWM` in /proc/self/status).
/// It is never reset: resetting it (through `/proc/self/clear_refs`) also
/// resets the maximum the system reports for the whole process, so
/// `/usr/bin/time` saw only the peak after the last reset, far below the
/// real one.
pub fn peak_memory() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }
    #[cfg(not(target_os = "linux"))]
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The peak a stage report gives is never above what the system
    /// reports for the process (which is what `/usr/bin/time` prints when
    /// it exits): measuring it must not reset it.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_reported_peak_agrees_with_the_system() {
        let mut timings = Timings::start();
        let big = vec![1u8; 96 << 20];
        std::hint::black_box(&big);
        drop(big);
        timings.lap("big");
        let reported = timings.peak("big").expect("Linux tells the peak");
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        let system = line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024;
        assert!(reported >= 96 << 20, "{reported}");
        assert!(system >= reported, "the system says {system} bytes at most, the report {reported}");
    }
}
