#![no_main]
//! The dataset readers of `dyad import` (GDELT, ICEWS, POLECAT, ACLED, PLOVER JSONL): the
//! first byte picks the reader, the rest is the file. Reading never panics; every row is a
//! record or a skipped row with its line.

use dyad_formats::{Dataset, Row};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else { return };
    let dataset = match pick % 5 {
        0 => Dataset::Gdelt,
        1 => Dataset::Icews,
        2 => Dataset::Polecat,
        3 => Dataset::Acled,
        _ => Dataset::Plover,
    };
    let lexicon = dyad_lexicon::Lexicon::builtin();
    for row in dyad_formats::read(dataset, file, lexicon).take(10_000) {
        match row {
            Ok(Row::Record(r)) => assert!(!r.event.actor.is_empty()),
            Ok(Row::Skipped(e)) => assert!(e.line >= 1 || file.is_empty()),
            Err(_) => break,
        }
    }
});
