//! One module per subcommand.

pub mod bench;
pub mod code;
pub mod docs;
pub mod eval;
pub mod events;
pub mod import;
pub mod ingest;
pub mod resolve;
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
    Store::open(db).with_context(|| format!("cannot open the store {}", db.display()))
}
