//! Fuzz target `lexicon_overlay`: see `checks::lexicon_overlay` in `fuzz/checks.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

fuzz_target!(|data: &[u8]| checks::lexicon_overlay(data));
