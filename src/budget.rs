//! How much input is worked on at once. Reading a content file's YAML and
//! rendering its Markdown take memory in proportion to its size, up to a few
//! hundred bytes for each byte of a hostile file, and files are read and
//! rendered on every core at once: three such files at once took three times
//! the memory of one. Each file takes its size from [`INPUT`] while its
//! front matter is read or its body rendered, and gives it back after; one
//! that would overdraw the budget waits until others are done. So at most
//! [`INPUT_BUDGET`] bytes of input are being parsed at any moment, however
//! many cores and large files there are, while files of a few KiB never wait.

use std::sync::{Condvar, Mutex};

use crate::locks;

/// The input bytes parsed at once: one content file of the largest size
/// allowed ([`crate::content::MAX_FILE_BYTES`]).
pub const INPUT_BUDGET: u64 = 8 << 20;

/// The budget every build shares.
pub static INPUT: Budget = Budget::new(INPUT_BUDGET);

/// A number of bytes shared by threads, taken and given back.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

impl Budget {
    /// A budget of `limit` bytes.
    pub const fn new(limit: u64) -> Budget {
        Budget { limit, used: Mutex::new(0), freed: Condvar::new() }
    }

    /// Takes `bytes` (at most the whole budget), waiting until they are free.
    pub fn take(&self, bytes: u64) -> Share<'_> {
        let bytes = bytes.min(self.limit);
        let mut used = locks::lock(&self.used);
        while *used + bytes > self.limit {
            used = locks::wait(&self.freed, used);
        }
        *used += bytes;
        Share { budget: self, bytes }
    }
}

/// Bytes taken from a [`Budget`], given back when dropped.
#[derive(Debug)]
pub struct Share<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        let mut used = locks::lock(&self.budget.used);
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_shares_do_not_wait_and_a_large_one_waits_for_room() {
        static BUDGET: Budget = Budget::new(10);
        let first = BUDGET.take(3);
        let second = BUDGET.take(3);
        let (taken, done) = std::sync::mpsc::channel();
        let waiting = std::thread::spawn(move || {
            let _all = BUDGET.take(1_000); // more than the budget: takes all of it
            taken.send(()).unwrap();
        });
        assert!(done.recv_timeout(std::time::Duration::from_millis(100)).is_err(), "taken while 6 of 10 were in use");
        drop(first);
        assert!(done.recv_timeout(std::time::Duration::from_millis(100)).is_err(), "taken while 3 of 10 were in use");
        drop(second);
        done.recv().expect("taken once the budget is free");
        waiting.join().unwrap();
        assert_eq!(*BUDGET.used.lock().unwrap(), 0);
    }
}
