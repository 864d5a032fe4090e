//! A progress line on standard error for long commands: a bar when the total is known, the
//! rate and what was found so far. Drawn only on a terminal, at most ten times a second, and
//! cleared at the end, so piped output and logs stay clean.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const WIDTH: usize = 24;

pub struct Progress {
    enabled: bool,
    started: Instant,
    last: Option<Instant>,
    total: Option<usize>,
    unit: &'static str,
}

impl Progress {
    /// A progress line counting `unit`s (`files`, `documents`) out of `total` if known.
    pub fn new(total: Option<usize>, unit: &'static str) -> Progress {
        Progress {
            enabled: std::io::stderr().is_terminal(),
            started: Instant::now(),
            last: None,
            total,
            unit,
        }
    }

    /// Seconds since the start.
    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64().max(1e-6)
    }

    /// Redraws the line with `done` units and `detail` (rates, counts), unless it was drawn
    /// less than 100 ms ago.
    pub fn show(&mut self, done: usize, detail: &str) {
        if !self.enabled || self.last.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) {
            return;
        }
        self.last = Some(Instant::now());
        let head = match self.total {
            Some(total) if total > 0 => {
                let filled = (done.min(total) * WIDTH) / total;
                format!(
                    "[{}{}] {done}/{total} {}",
                    "█".repeat(filled),
                    "░".repeat(WIDTH - filled),
                    self.unit
                )
            }
            _ => format!("{done} {}", self.unit),
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{head} · {detail}");
        let _ = err.flush();
    }

    pub fn clear(&self) {
        if self.enabled && self.last.is_some() {
            eprint!("\r\x1b[2K");
        }
    }
}
