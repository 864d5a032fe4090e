//! Fuzz target `import_rows`: see `checks::import_rows` in `fuzz/checks.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

fuzz_target!(|data: &[u8]| checks::import_rows(data));
