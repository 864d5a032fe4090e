//! One module per subcommand.

pub mod analysis;
pub mod bench;
pub mod code;
pub mod docs;
pub mod eval;
pub mod events;
pub mod import;
pub mod ingest;
pub mod recode;
pub mod report;
pub mod resolve;
pub mod serve;
pub mod stats;

use std::path::Path;

use anyhow::{bail, Context, Result};
use dyad_store::Store;

/// Opens the store at `db`, creating it if `create`; readers refuse a store that is not there
/// instead of creating an empty one.
pub fn open_store(db: &Path, create: bool) -> Result<Store> {
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
    Ok(store)
}

/// The thread count for `--jobs N` (0: one per core).
pub fn jobs(requested: usize) -> usize {
    if requested == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        requested
    }
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
