//! Plain-text ingest never panics and keeps its span invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = dyad_ingest::parse("f", "f.txt", data) {
        for s in &doc.sentences {
            assert!(s.start <= s.end && s.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
        }
        for m in &doc.markers {
            assert!(m.offset <= doc.text.len());
        }
    }
});
