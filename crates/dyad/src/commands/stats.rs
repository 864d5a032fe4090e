//! `dyad stats`: what the store holds.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use dyad_store::Store;

use crate::output::printable;

pub fn run(db: &Path, check: bool) -> Result<ExitCode> {
    let store = super::open_store(db, false)?;
    print(&store, db)?;
    if check {
        let ok = store.integrity_ok()?;
        outln!("integrity: {}", if ok { "ok" } else { "FAILED" });
        if !ok {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn print(store: &Store, db: &Path) -> Result<()> {
    let s = store.stats()?;
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
