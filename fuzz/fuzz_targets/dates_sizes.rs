//! Fuzz target `dates_sizes`: see `checks::dates_sizes` in `fuzz/checks.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

fuzz_target!(|data: &[u8]| checks::dates_sizes(data));
