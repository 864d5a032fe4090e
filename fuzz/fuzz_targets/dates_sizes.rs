//! Date and size expressions: any text, read as one sentence, gives spans inside it and never a
//! panic, with or without a publication date to anchor relative dates on.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut tokens = Vec::new();
    dyad_coder::tokens::tokenize(text, 0, text.len(), &mut tokens);
    for anchor in [None, chrono::NaiveDate::from_ymd_opt(2024, 6, 19)] {
        for _ in dyad_coder::dates::find(text, &tokens, anchor) {}
    }
    let skip = vec![false; tokens.len()];
    for q in dyad_coder::sizes::find(text, &tokens, &skip) {
        assert!(q.tok_start <= q.tok_end && q.tok_end <= tokens.len());
    }
});
