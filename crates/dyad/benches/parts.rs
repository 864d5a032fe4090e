//! The parts of the pipeline, one by one, on the project's own example articles (read from
//! `examples/articles` at start): sentence splitting, plain-text parsing, JSONL records, the
//! English check, lexicon loading and matching, tokens, dates and sizes, the whole coder,
//! store writes and queries, and the network analysis.
//!
//! `cargo bench -p dyad --bench parts`. Throughput is reported in bytes of article text, so
//! the figures compare across parts. The whole pipeline is `dyad bench pipeline`.

use std::path::Path;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use dyad_coder::tokens::{tokenize, Token};
use dyad_coder::Coder;
use dyad_model::Document;

fn main() {
    divan::main();
}

/// The example articles' raw texts.
fn texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/articles is readable")
        .map(|e| e.expect("a folder entry").path())
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("an example article")).collect()
}

fn documents() -> Vec<Document> {
    texts()
        .iter()
        .enumerate()
        .map(|(i, t)| dyad_ingest::parse_text(&format!("doc{i}"), t))
        .collect()
}

fn text_bytes(docs: &[Document]) -> BytesCount {
    BytesCount::new(docs.iter().map(|d| d.text.len()).sum::<usize>())
}

#[divan::bench]
fn split_sentences(bencher: Bencher) {
    let docs = documents();
    bencher.counter(text_bytes(&docs)).bench(|| {
        for d in &docs {
            black_box(dyad_ingest::split_sentences(black_box(&d.text)));
        }
    });
}

#[divan::bench]
fn parse_text(bencher: Bencher) {
    let texts = texts();
    let bytes = BytesCount::new(texts.iter().map(String::len).sum::<usize>());
    bencher.counter(bytes).bench(|| {
        for t in &texts {
            black_box(dyad_ingest::parse_text("doc", black_box(t)));
        }
    });
}

#[divan::bench]
fn parse_jsonl_line(bencher: Bencher) {
    let lines: Vec<String> = documents()
        .iter()
        .map(|d| serde_json::json!({"id": d.id, "date": "2024-06-19", "text": d.text}).to_string())
        .collect();
    let bytes = BytesCount::new(lines.iter().map(String::len).sum::<usize>());
    bencher.counter(bytes).bench(|| {
        for (i, l) in lines.iter().enumerate() {
            black_box(dyad_ingest::parse_jsonl_line(black_box(l), i + 1).ok());
        }
    });
}

#[divan::bench]
fn looks_english(bencher: Bencher) {
    let docs = documents();
    bencher.counter(text_bytes(&docs)).bench(|| {
        for d in &docs {
            black_box(dyad_ingest::looks_english(black_box(&d.text)));
        }
    });
}

/// Start-up: the built-in dictionaries parsed and compiled.
#[divan::bench(sample_count = 20)]
fn lexicon_load() -> dyad_lexicon::Lexicon {
    dyad_lexicon::Lexicon::load(&[]).expect("the built-in lexicon loads")
}

#[divan::bench]
fn lexicon_find(bencher: Bencher) {
    let docs = documents();
    let lexicon = dyad_lexicon::Lexicon::builtin();
    bencher.counter(text_bytes(&docs)).bench(|| {
        for d in &docs {
            black_box(lexicon.find(black_box(&d.text)));
        }
    });
}

/// Each sentence's tokens, then its dates and sizes.
#[divan::bench]
fn tokens_dates_sizes(bencher: Bencher) {
    let docs = documents();
    bencher.counter(text_bytes(&docs)).bench(|| {
        let mut tokens: Vec<Token> = Vec::new();
        for d in &docs {
            for s in &d.sentences {
                tokens.clear();
                tokenize(&d.text, s.start, s.end, &mut tokens);
                black_box(dyad_coder::dates::find(&d.text, &tokens, d.date));
                let skip = vec![false; tokens.len()];
                black_box(dyad_coder::sizes::find(&d.text, &tokens, &skip));
            }
        }
    });
}

#[divan::bench]
fn coder(bencher: Bencher) {
    let docs = documents();
    let coder = Coder::builtin();
    bencher.counter(text_bytes(&docs)).bench(|| {
        for d in &docs {
            black_box(coder.code(black_box(d)));
        }
    });
}

// The generator of `dyad bench corpus`, for distinct articles in any number.
#[path = "../src/commands/bench/corpus.rs"]
#[allow(dead_code, unused_imports)]
mod corpus;

type Batch = Vec<(Document, Vec<dyad_model::Event>, dyad_store::Representation)>;

/// About `bytes` of generated articles, coded.
fn generated_batch(bytes: u64, seed: u64) -> Batch {
    let mut out = Vec::new();
    corpus::write(&mut out, bytes, seed).expect("written to memory");
    let coder = Coder::builtin();
    String::from_utf8(out)
        .expect("the generator writes UTF-8")
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let d =
                dyad_ingest::parse_jsonl_line(line, i + 1).expect("a generated record").document;
            let events = coder.code(&d).events;
            let rep = dyad_store::Representation {
                source: format!("{seed}-{i}"),
                format: "jsonl".into(),
                raw_hash: dyad_store::sha256_hex(line.as_bytes()),
            };
            (d, events, rep)
        })
        .collect()
}

/// One write transaction of 100 kB of coded articles into a fresh store.
#[divan::bench(sample_count = 20)]
fn store_ingest_batch(bencher: Bencher) {
    let version = Coder::builtin().lexicon().version().to_string();
    let batch = generated_batch(100_000, 1);
    let bytes = BytesCount::new(batch.iter().map(|(d, _, _)| d.text.len()).sum::<usize>());
    bencher
        .counter(bytes)
        .with_inputs(|| dyad_store::Store::open_in_memory().expect("an in-memory store"))
        .bench_local_values(|mut store| {
            store.ingest_batch(&batch, "bench", &version).expect("the batch is stored");
            store
        });
}

/// A store of about `mb` megabytes of generated articles.
fn filled_store(mb: u64) -> dyad_store::Store {
    let version = Coder::builtin().lexicon().version().to_string();
    let mut store = dyad_store::Store::open_in_memory().expect("an in-memory store");
    for seed in 0..mb {
        store
            .ingest_batch(&generated_batch(1_000_000, seed + 1), "bench", &version)
            .expect("stored");
    }
    store
}

/// A page of 50 events, newest first, as the web UI's list asks for it.
#[divan::bench(sample_count = 50)]
fn store_events_page(bencher: Bencher) {
    let store = filled_store(5);
    let filter = dyad_store::EventFilter {
        limit: Some(50),
        sort: dyad_store::EventSort::DateDesc,
        ..Default::default()
    };
    bencher.bench_local(|| black_box(store.events(&filter).expect("a page")));
}

/// Events of one actor, counted.
#[divan::bench(sample_count = 50)]
fn store_count_by_actor(bencher: Bencher) {
    let store = filled_store(5);
    let filter = dyad_store::EventFilter { actor: Some("RUS".into()), ..Default::default() };
    bencher.bench_local(|| black_box(store.count_events(&filter).expect("a count")));
}

/// Network, frustration, blocs and polarity of every stored event.
#[divan::bench(sample_count = 50)]
fn analysis(bencher: Bencher) {
    let store = filled_store(1);
    let rows = store.events(&dyad_store::EventFilter::default()).expect("events");
    let lexicon = dyad_lexicon::Lexicon::builtin();
    let is_state = |code: &str| lexicon.country(code).is_some();
    bencher.bench(|| {
        let interactions = dyad_analysis::from_events(&rows, &is_state);
        let net = dyad_analysis::network(&interactions, &dyad_analysis::NetworkOptions::default());
        black_box(dyad_analysis::analyse(&net))
    });
}
