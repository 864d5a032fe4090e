//! One module per subcommand.

pub mod analysis;
pub mod bench;
pub mod code;
pub mod docs;
pub mod eval;
pub mod events;
pub mod import;
pub mod ingest;
pub mod parse;
pub mod recode;
pub mod report;
pub mod resolve;
pub mod score_syntax;
pub mod serve;
pub mod stats;
pub mod train_syntax;

use std::path::Path;

use anyhow::{bail, Context, Result};
use dyad_store::Store;

/// Opens the store at `db`, creating it if `create`; readers refuse a store that is not there
/// instead of creating an empty one. Writers (`create`) also refuse a damaged store
/// (`PRAGMA quick_check`; it reads the whole file, measured in docs/reliability.md).
pub fn open_store(db: &Path, create: bool) -> Result<Store> {
    if db.is_dir() {
        bail!(
            "--db {} is a folder; give the store's file (such as {})",
            db.display(),
            db.join("dyad.db").display()
        );
    }
    if !create && !db.exists() {
        bail!("no store at {} (run `dyad ingest` first, or give --db)", db.display());
    }
    let store =
        Store::open(db).with_context(|| format!("cannot open the store {}", db.display()))?;
    if create && store.is_read_only() {
        bail!(
            "the store {} cannot be written (a read-only file system or file); nothing was changed",
            db.display()
        );
    }
    if create {
        let problem =
            store.quick_check().with_context(|| format!("cannot check {}", db.display()))?;
        if let Some(problem) = problem {
            let problem = problem.replace("*** in database main ***", "");
            let problem = problem.split_whitespace().collect::<Vec<_>>().join(" ");
            bail!(
                "the store {} is damaged ({problem}); nothing was written. Restore it from a backup, or rebuild it by ingesting and importing again (`dyad stats --check` runs the full check)",
                db.display()
            );
        }
    }
    Ok(store)
}

/// Why a writing command stopped before opening the store, and that the store was left as
/// it was (or not created).
pub fn nothing_stored(db: &Path, why: &str) -> String {
    if db.exists() {
        format!("{why}; nothing was written to {}", db.display())
    } else {
        format!("{why}; nothing was written and no store was created at {}", db.display())
    }
}

/// After a write: brings the analyses `dyad serve` shows first up to date in the store
/// (`dyad_analysis::save_first_analyses`), so that a server started afterwards reads them
/// instead of computing them while its first visitor waits. Only a shortcut: when they
/// cannot be saved (another process is writing the store), a warning says so and the server
/// computes them.
pub fn save_analyses(store: &mut Store, lexicon: &dyad_lexicon::Lexicon) {
    if store.is_read_only() {
        return;
    }
    let started = std::time::Instant::now();
    let is_state = |code: &str| lexicon.country(code).is_some();
    match dyad_analysis::save_first_analyses(store, lexicon.version(), &is_state) {
        Ok(0) => {}
        Ok(n) => eprintln!(
            "dyad: {n} analyses saved for `dyad serve` ({:.1} s)",
            started.elapsed().as_secs_f64()
        ),
        Err(e) => eprintln!("dyad: warning: the analyses for `dyad serve` were not saved: {e}"),
    }
}

/// The thread count for `--jobs N` (0: one per core).
pub fn jobs(requested: usize) -> usize {
    if requested == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        requested
    }
}

/// What `--stats` prints at the end of `dyad code` and `dyad ingest`, as one line on standard
/// error that `dyad bench` reads back (`bench/pipeline.rs`, `parse_stats`).
pub struct RunStats {
    pub documents: usize,
    pub sentences: usize,
    pub bytes: usize,
    pub events: usize,
    pub seconds: f64,
    /// Loading the lexicon and compiling the automata, when measured.
    pub lexicon_seconds: Option<f64>,
    pub jobs: usize,
    /// Documents without a publication date.
    pub undated: usize,
}

impl RunStats {
    pub fn print(&self) {
        let lexicon =
            self.lexicon_seconds.map(|s| format!(" lexicon_seconds {s:.4}")).unwrap_or_default();
        eprintln!(
            "dyad stats: documents {} sentences {} bytes {} events {} seconds {:.4}{lexicon} jobs {} peak_rss_kb {} undated {}",
            self.documents,
            self.sentences,
            self.bytes,
            self.events,
            self.seconds,
            self.jobs,
            peak_rss_kb().map_or("-".to_string(), |kb| kb.to_string()),
            self.undated
        );
    }
}

/// The process's peak resident memory in KiB (Linux; `None` elsewhere).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `code` on every item, on `jobs` threads sharing the coder read-only. Items keep their
/// places, so what is written afterwards does not depend on the thread count.
pub fn code_in_parallel<T: Send>(
    coder: &dyad_coder::Coder,
    items: &mut [T],
    jobs: usize,
    code: impl Fn(&dyad_coder::Coder, &mut T) + Sync,
) {
    let chunk = items.len().div_ceil(jobs.max(1)).max(1);
    let code = &code;
    std::thread::scope(|scope| {
        for part in items.chunks_mut(chunk) {
            scope.spawn(move || {
                for item in part {
                    code(coder, item);
                }
            });
        }
    });
}
