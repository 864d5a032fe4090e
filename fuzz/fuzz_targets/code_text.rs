//! The coder never panics on any text, and its spans stay inside the document.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let doc = dyad_ingest::parse_text("f", text);
        for e in dyad_coder::Coder::builtin().code(&doc).events {
            assert!(e.trigger_span.1 <= doc.text.len());
            assert!(!e.actor.is_empty());
        }
    }
});
