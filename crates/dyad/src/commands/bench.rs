//! `dyad bench`: coding throughput on one core, measured in-process so that reading files and
//! writing output do not count. Documents are parsed once, then coded repeatedly.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use clap::Args;
use dyad_coder::{Coder, Options};

use crate::input::{expand, load_lexicon, read_documents};
use crate::From;

#[derive(Args)]
pub struct BenchArgs {
    /// Corpus files or folders (JSONL, text, HTML).
    inputs: Vec<PathBuf>,
    /// Minimum measuring time in seconds.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    /// Run exactly this many passes instead (for instruction counts under valgrind).
    #[arg(long)]
    passes: Option<usize>,
    /// Also measure storing: ingest the corpus this many times (as distinct documents) into a
    /// fresh temporary store and report documents/s, sentences/s and bytes per million events.
    #[arg(long)]
    store: Option<usize>,
    #[command(flatten)]
    lexicon: crate::LexiconArgs,
}

pub fn run(args: &BenchArgs) -> Result<ExitCode> {
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("examples/articles")]
    } else {
        args.inputs.clone()
    };
    let mut docs = Vec::new();
    let parse_start = Instant::now();
    let mut bytes = 0usize;
    for path in expand(&inputs)? {
        read_documents(
            &path,
            From::Auto,
            None,
            &mut |d, _| {
                bytes += d.text.len();
                docs.push(d);
                Ok(())
            },
            &mut |_| {},
        )?;
    }
    let parse_time = parse_start.elapsed();
    if docs.is_empty() {
        bail!("no documents to measure");
    }
    let lexicon_start = Instant::now();
    let coder = Coder::new(load_lexicon(&args.lexicon)?, Options::default());
    let lexicon_time = lexicon_start.elapsed();
    let n_sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    // Warm-up pass, then measure whole passes until the time is up.
    let mut n_events = 0usize;
    for d in &docs {
        n_events += coder.code(d).events.len();
    }
    let budget = Duration::from_secs_f64(args.seconds.max(0.1));
    let start = Instant::now();
    let mut passes = 0usize;
    while args.passes.map_or(start.elapsed() < budget, |n| passes < n) {
        for d in &docs {
            std::hint::black_box(coder.code(d));
        }
        passes += 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let sentences_per_s = (n_sentences * passes) as f64 / elapsed;
    outln!(
        "documents: {}  sentences: {n_sentences}  bytes: {bytes}  events per pass: {n_events}",
        docs.len()
    );
    outln!("ingest (read + parse, once): {:.1} ms", parse_time.as_secs_f64() * 1e3);
    outln!("lexicon load: {:.1} ms", lexicon_time.as_secs_f64() * 1e3);
    outln!("coding, one thread: {passes} passes in {elapsed:.2} s");
    outln!(
        "  {:.0} sentences/s   {:.0} documents/s   {:.1} MB/s",
        sentences_per_s,
        (docs.len() * passes) as f64 / elapsed,
        (bytes * passes) as f64 / elapsed / 1e6
    );
    if let Some(copies) = args.store {
        bench_store(&coder, &docs, copies.max(1))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Coding and storing together, as `dyad ingest` does, on `copies` renamed copies of the corpus
/// (distinct texts, so nothing is de-duplicated away).
fn bench_store(coder: &Coder, docs: &[dyad_model::Document], copies: usize) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("dyad-bench-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("bench.db");
    let mut store = dyad_store::Store::open(&db)?;
    let start = Instant::now();
    let (mut n_docs, mut n_sentences, mut n_events) = (0usize, 0usize, 0usize);
    let mut n_near = 0usize;
    for copy in 0..copies {
        // Copy 0 is the corpus; copy k joins each document with the k-th next one, so that
        // every stored document is a new article (a copy that only differed by a line would
        // be recognised as a near-duplicate and not stored again).
        let variant = |i: usize| -> dyad_model::Document {
            if copy == 0 {
                return docs[i].clone();
            }
            let other = &docs[(i + copy) % docs.len()];
            let text = format!("{}\n\n{}", docs[i].text, other.text);
            let mut d = dyad_ingest::parse_text(&format!("{}-{copy}", docs[i].id), &text);
            d.date = docs[i].date;
            d
        };
        for start_idx in (0..docs.len()).step_by(100) {
            let batch: Vec<_> = (start_idx..(start_idx + 100).min(docs.len()))
                .map(|i| {
                    let d = variant(i);
                    let events = coder.code(&d).events;
                    n_events += events.len();
                    n_sentences += d.sentences.len();
                    let raw = dyad_store::sha256_hex(format!("{}-{copy}", d.id).as_bytes());
                    let rep = dyad_store::Representation {
                        source: d.id.clone(),
                        format: "bench".into(),
                        raw_hash: raw,
                    };
                    (d, events, rep)
                })
                .collect();
            let outcomes =
                store.ingest_batch(&batch, dyad_coder::CODER_VERSION, coder.lexicon().version())?;
            for outcome in outcomes {
                match outcome {
                    dyad_store::IngestOutcome::New { .. } => n_docs += 1,
                    _ => n_near += 1,
                }
            }
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    drop(store);
    let size: u64 =
        std::fs::read_dir(&dir)?.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
    outln!("ingest into a fresh store ({copies} copies): {} documents ({n_docs} stored, {n_near} recognised as copies of stored ones), {n_sentences} sentences, {n_events} event mentions in {elapsed:.2} s", n_docs + n_near);
    outln!(
        "  {:.0} documents/s   {:.0} sentences/s",
        (n_docs + n_near) as f64 / elapsed,
        n_sentences as f64 / elapsed
    );
    if n_events > 0 {
        outln!(
            "  store size {:.1} MB, {:.0} MB per million events",
            size as f64 / 1e6,
            size as f64 / n_events as f64
        );
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
