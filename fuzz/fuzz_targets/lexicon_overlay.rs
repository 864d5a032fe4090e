//! A lexicon overlay file (any kind, any bytes) loads or fails with an error naming its line
//! and field; it never panics. The first byte picks the file kind.
#![no_main]
use libfuzzer_sys::fuzz_target;

const KINDS: [&str; 5] =
    ["countries.tsv", "people.tsv", "organizations.tsv", "sectors.tsv", "places.tsv"];

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let name = KINDS[usize::from(kind) % KINDS.len()];
    if let Err(e) = dyad_lexicon::Lexicon::check_overlay(name, text) {
        assert!(e.line <= text.lines().count());
    }
});
