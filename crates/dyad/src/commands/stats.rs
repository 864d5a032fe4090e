//! `dyad stats`: what the store holds.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use dyad_store::{StatsOptions, Store};

use crate::output::printable;

pub fn run(db: &Path, check: bool, compact: bool, options: StatsOptions) -> Result<ExitCode> {
    let store = super::open_store(db, false)?;
    print_with(&store, db, options)?;
    let space = store.space()?;
    if compact {
        eprintln!(
            "dyad: compacting {} ({}); this rewrites the whole file",
            db.display(),
            mb(space.bytes)
        );
        let (before, after) = store.compact()?;
        outln!(
            "compacted: {} -> {} ({} of unused pages given back)",
            mb(before.bytes),
            mb(after.bytes),
            mb(before.bytes.saturating_sub(after.bytes))
        );
    } else if space.free > 16 << 20 && space.free * 5 > space.bytes {
        // Worth saying when a migration or deletions left much of the file unused.
        outln!(
            "file: {}, of which {} in unused pages (`dyad stats --compact --db {}` gives them back)",
            mb(space.bytes),
            mb(space.free),
            db.display()
        );
    }
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

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
