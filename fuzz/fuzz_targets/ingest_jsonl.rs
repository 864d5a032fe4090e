//! A JSONL line is a document or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(line) = std::str::from_utf8(data) {
        let _ = dyad_ingest::parse_jsonl_line(line, 1);
    }
});
