//! `dyad stats`: what the store holds.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use dyad_store::{StatsOptions, Store};

use crate::output::printable;

pub fn run(db: &Path, check: bool, options: StatsOptions) -> Result<ExitCode> {
    let store = super::open_store(db, false)?;
    print_with(&store, db, options)?;
    if check {
        let ok = store.integrity_ok()?;
        outln!("integrity: {}", if ok { "ok" } else { "FAILED" });
        if !ok {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The summary `ingest` and `import` end with: top dyads between named, different parties.
pub fn print(store: &Store, db: &Path) -> Result<()> {
    print_with(store, db, StatsOptions::default())
}

pub fn print_with(store: &Store, db: &Path, options: StatsOptions) -> Result<()> {
    let s = store.stats_with(options)?;
    outln!(
        "store {}: {} documents ({} files or pages), {} imported dataset files, {} events from {} mentions",
        db.display(),
        s.documents,
        s.representations,
        s.imports,
        s.events,
        s.mentions
    );
    if !s.by_type.is_empty() {
        let types: Vec<String> = s.by_type.iter().map(|(t, n)| format!("{t} {n}")).collect();
        outln!("events by type: {}", printable(&types.join(", ")));
    }
    if !s.top_dyads.is_empty() {
        let dyads: Vec<String> =
            s.top_dyads.iter().map(|(a, r, n)| format!("{a}→{r} {n}")).collect();
        outln!("top dyads: {}", printable(&dyads.join(", ")));
    }
    Ok(())
}
