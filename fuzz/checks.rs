//! What each fuzz target checks, in one place: the libFuzzer targets (`fuzz_targets/`) call
//! these, and `crates/dyad/tests/fuzz_replay.rs` replays the committed inputs (`seeds/`,
//! `regressions/`) through them under `cargo test`, so CI needs no nightly toolchain.
//!
//! Every check must hold for any bytes: a panic is a bug.

/// Plain-text ingest keeps its span invariants; the English check takes any text.
pub fn ingest_text(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        dyad_ingest::looks_english(text);
    }
    if let Ok(parsed) = dyad_ingest::parse("f", "f.txt", data, None) {
        let doc = parsed.document;
        for s in &doc.sentences {
            assert!(s.start <= s.end && s.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
        }
        for m in &doc.markers {
            assert!(m.offset <= doc.text.len());
        }
    }
}

/// HTML ingest, from bytes in any encoding, keeps sentences inside the text. The first
/// byte, when it is below 8, picks a charset the "server" declares.
pub fn ingest_html(data: &[u8]) {
    const CHARSETS: [&str; 7] =
        ["utf-8", "windows-1252", "utf-16le", "shift_jis", "koi8-r", "gb18030", "no-such-charset"];
    let (charset, page) = match data.split_first() {
        Some((&pick, rest)) if usize::from(pick) < CHARSETS.len() => {
            (Some(CHARSETS[usize::from(pick)]), rest)
        }
        _ => (None, data),
    };
    if let Ok(parsed) = dyad_ingest::parse("f", "f.html", page, charset) {
        let doc = parsed.document;
        assert!(doc.sentences.iter().all(|s| s.end <= doc.text.len()
            && doc.text.is_char_boundary(s.start)
            && doc.text.is_char_boundary(s.end)));
    }
}

/// A JSONL line is a document or an error.
pub fn ingest_jsonl(data: &[u8]) {
    if let Ok(line) = std::str::from_utf8(data) {
        let _ = dyad_ingest::parse_jsonl_line(line, 1);
    }
}

/// The coder on any text: spans inside the document, every event with an actor.
pub fn code_text(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let doc = dyad_ingest::parse_text("f", text);
        for e in dyad_coder::Coder::builtin().code(&doc).events {
            assert!(e.trigger_span.1 <= doc.text.len());
            assert!(!e.actor.is_empty());
        }
    }
}

/// RSS, Atom and JSON feeds keep their item limit.
pub fn feed(data: &[u8]) {
    if let Ok(feed) = dyad_ingest::parse_feed(data, Some("https://example.org/feed.xml")) {
        assert!(feed.items.len() <= dyad_ingest::MAX_FEED_ITEMS);
    }
}

/// The dataset readers of `dyad import`: the first byte picks the reader, the rest is the
/// file. Every row is a record or a skipped row with its line.
pub fn import_rows(data: &[u8]) {
    use dyad_formats::{Dataset, Row};
    let Some((&pick, file)) = data.split_first() else { return };
    let dataset = match pick % 5 {
        0 => Dataset::Gdelt,
        1 => Dataset::Icews,
        2 => Dataset::Polecat,
        3 => Dataset::Acled,
        _ => Dataset::Plover,
    };
    let lexicon = dyad_lexicon::Lexicon::builtin();
    for row in dyad_formats::read(dataset, file, lexicon).take(10_000) {
        match row {
            Ok(Row::Record(r)) => assert!(!r.event.actor.is_empty()),
            Ok(Row::Skipped(e)) => assert!(e.line >= 1 || file.is_empty()),
            Err(_) => break,
        }
    }
}

/// Date and size expressions of any text read as one sentence, with and without a
/// publication date to anchor on.
pub fn dates_sizes(data: &[u8]) {
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
}

/// A lexicon overlay file of any kind (the first byte picks it) loads or fails with an error
/// naming one of its lines.
pub fn lexicon_overlay(data: &[u8]) {
    const KINDS: [&str; 5] =
        ["countries.tsv", "people.tsv", "organizations.tsv", "sectors.tsv", "places.tsv"];
    let Some((&kind, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let name = KINDS[usize::from(kind) % KINDS.len()];
    if let Err(e) = dyad_lexicon::Lexicon::check_overlay(name, text) {
        assert!(e.line <= text.lines().count().max(1));
    }
}

/// A check: panics when the input breaks an invariant.
pub type Check = fn(&[u8]);

/// Every target by name, for the replay test.
pub const TARGETS: &[(&str, Check)] = &[
    ("ingest_text", ingest_text),
    ("ingest_html", ingest_html),
    ("ingest_jsonl", ingest_jsonl),
    ("code_text", code_text),
    ("feed", feed),
    ("import_rows", import_rows),
    ("dates_sizes", dates_sizes),
    ("lexicon_overlay", lexicon_overlay),
];
