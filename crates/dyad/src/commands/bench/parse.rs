//! `dyad bench parse`: tagging and parsing throughput on one core, in-process.
//!
//! Documents are read, split into sentences and tokenised once; the timed passes only tag and
//! parse, so the figure is the syntax model's own speed.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::Args;
use dyad_syntax::Workspace;

#[derive(Args)]
pub struct ParseBenchArgs {
    /// Corpus files or folders (JSONL, text, HTML); the examples by default.
    inputs: Vec<PathBuf>,
    /// Timed passes over the corpus (best and median reported).
    #[arg(long, default_value_t = 5)]
    passes: usize,
    /// A model written by `dyad train-syntax` (the built-in model by default).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

pub fn run(args: &ParseBenchArgs) -> Result<()> {
    let model = crate::commands::parse::load_model(args.model.as_deref())?;
    let (docs, bytes) = super::read_corpus(&args.inputs)?;
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    for doc in &docs {
        for s in &doc.sentences {
            let text = &doc.text[s.start..s.end];
            let forms: Vec<&str> =
                dyad_syntax::tokenize(text).iter().map(|&(a, b)| &text[a..b]).collect();
            if !forms.is_empty() {
                sentences.push(forms);
            }
        }
    }
    let n_tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut ws = Workspace::default();
    let mut out = Vec::new();
    // One warm-up pass, then the timed ones.
    let mut times = Vec::new();
    for pass in 0..=args.passes.max(1) {
        let start = Instant::now();
        for forms in &sentences {
            model.parse_into(forms, &mut ws, &mut out);
            std::hint::black_box(&out);
        }
        if pass > 0 {
            times.push(start.elapsed().as_secs_f64());
        }
    }
    times.sort_by(f64::total_cmp);
    let best = times[0];
    let median = times[times.len() / 2];
    outln!(
        "documents: {}  sentences: {}  tokens: {n_tokens}  bytes: {bytes}",
        docs.len(),
        sentences.len()
    );
    outln!("tagging + parsing, one thread, {} passes:", times.len());
    for (label, t) in [("best", best), ("median", median)] {
        outln!(
            "  {label:6} {:.0} sentences/s   {:.0} tokens/s   ({:.1} ms per pass)",
            sentences.len() as f64 / t,
            n_tokens as f64 / t,
            t * 1e3
        );
    }
    Ok(())
}
