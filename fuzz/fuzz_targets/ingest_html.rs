//! HTML ingest never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let doc = dyad_ingest::parse_html("f", text);
        assert!(doc.sentences.iter().all(|s| s.end <= doc.text.len()));
    }
});
