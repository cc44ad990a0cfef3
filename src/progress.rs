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

/// The wall time of each stage of a build, in order.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// `(stage, time)`.
    pub stages: Vec<(&'static str, Duration)>,
    last: Option<Instant>,
}

impl Timings {
    /// Starts the clock.
    pub fn start() -> Timings {
        Timings { stages: Vec::new(), last: Some(Instant::now()) }
    }

    /// Closes a stage: the time since the previous one closed.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last.unwrap_or(now)));
        self.last = Some(now);
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
