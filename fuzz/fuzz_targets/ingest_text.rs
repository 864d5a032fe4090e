//! Fuzz target `ingest_text`: see `checks::ingest_text` in `fuzz/checks.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

fuzz_target!(|data: &[u8]| checks::ingest_text(data));
