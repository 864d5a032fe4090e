//! `dyad bench`: throughput measurements.
//!
//! - `code`: the coder alone on one core, in-process, so that reading files and writing output
//!   do not count; documents are parsed once, then coded repeatedly.
//! - `ingest`: coding and storing into a fresh store, as `dyad ingest` does.
//! - `pipeline`: the whole `dyad code` process against the `wc -w` floor (see `pipeline`).
//! - `corpus`: writes a synthetic corpus of any size (see `corpus`).
//! - `parse`: tagging and parsing (dyad-syntax) alone on one core (see `parse`).
//! - `store`: writes a new store of synthetic events of any size (see `store`), for the
//!   analysis and the server at scale.

mod corpus;
mod parse;
mod pipeline;
mod store;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use dyad_coder::Options;
use std::io::IsTerminal;

use crate::input::{expand, load_coder, read_documents, Input};
use crate::From;

#[derive(Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand)]
enum What {
    /// The coder alone, on one core, in-process.
    Code(CodeArgs),
    /// Coding and storing into a fresh temporary store, as `dyad ingest` does.
    Ingest(IngestArgs),
    /// The whole `dyad code --from jsonl --to jsonl` process against `wc -w` on the same
    /// file, at several multiples of it.
    Pipeline(PipelineArgs),
    /// Write a synthetic news corpus (JSONL) of a given size.
    Corpus(CorpusArgs),
    /// Tagging and parsing (dyad-syntax) alone, on one core, in-process.
    Parse(parse::ParseBenchArgs),
    /// Write a new store of synthetic events (real country codes, five years).
    Store(StoreArgs),
}

#[derive(Args)]
struct StoreArgs {
    /// The store to write (must not exist).
    #[arg(long)]
    db: PathBuf,
    /// Events to generate.
    #[arg(long, default_value_t = 1_000_000)]
    events: usize,
    /// Seed of the generator (the same seed gives the same store).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Args)]
struct IngestArgs {
    /// A JSONL corpus; without one, a generated corpus of `--mb` megabytes.
    input: Option<PathBuf>,
    /// Size of the generated corpus, in megabytes.
    #[arg(long, default_value_t = 20.0)]
    mb: f64,
    /// Runs, each into a fresh store.
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// `--jobs` for `dyad ingest` (0: one per core).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
}

#[derive(Args)]
struct PipelineArgs {
    /// A JSONL corpus.
    input: PathBuf,
    /// Multiples of the corpus to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,10,100")]
    scales: Vec<usize>,
    /// Runs per measurement (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// `--jobs` for `dyad code` (0: one per core).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
}

#[derive(Args)]
struct CorpusArgs {
    /// Size to write, in megabytes (10^6 bytes); whole documents, so slightly more.
    #[arg(long, default_value_t = 10.0)]
    mb: f64,
    /// Seed of the generator (the same seed gives the same corpus).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output file (standard output by default).
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct CodeArgs {
    /// Corpus files or folders (JSONL, text, HTML); the examples by default.
    inputs: Vec<PathBuf>,
    /// Minimum measuring time in seconds.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    /// Run exactly this many passes instead (for instruction counts under valgrind).
    #[arg(long)]
    passes: Option<usize>,
    /// Code without the dependency parse (as `dyad code --no-parse`).
    #[arg(long)]
    no_parse: bool,
    #[command(flatten)]
    lexicon: crate::LexiconArgs,
}

pub fn run(args: &BenchArgs) -> Result<ExitCode> {
    match &args.what {
        What::Code(a) => bench_code(a)?,
        What::Ingest(a) => bench_ingest(a)?,
        What::Pipeline(a) => pipeline::run(&a.input, &a.scales, a.runs, a.jobs)?,
        What::Parse(a) => parse::run(a)?,
        What::Store(a) => store::run(&a.db, a.events, a.seed)?,
        What::Corpus(a) => {
            let bytes = (a.mb.max(0.0) * 1e6) as u64;
            let n = match &a.output {
                Some(path) => {
                    let file = std::fs::File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?;
                    let mut out = std::io::BufWriter::new(file);
                    let n = corpus::write(&mut out, bytes, a.seed)?;
                    std::io::Write::flush(&mut out)?;
                    n
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut out = std::io::BufWriter::new(stdout.lock());
                    let n = corpus::write(&mut out, bytes, a.seed)?;
                    std::io::Write::flush(&mut out)?;
                    n
                }
            };
            if std::io::stderr().is_terminal() {
                eprintln!("dyad: {n} generated documents");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The documents of the corpus (the examples by default) and their text size.
fn read_corpus(inputs: &[PathBuf]) -> Result<(Vec<dyad_model::Document>, usize)> {
    let inputs =
        if inputs.is_empty() { vec![PathBuf::from("examples/articles")] } else { inputs.to_vec() };
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for input in expand(&inputs) {
        let path = match input {
            Input::Path(path) => path,
            Input::Url(location) | Input::Skipped { location, .. } => {
                bail!("cannot measure {location}: not a readable file")
            }
        };
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
    if docs.is_empty() {
        bail!("no documents to measure");
    }
    Ok((docs, bytes))
}

fn bench_code(args: &CodeArgs) -> Result<()> {
    let parse_start = Instant::now();
    let (docs, bytes) = read_corpus(&args.inputs)?;
    let parse_time = parse_start.elapsed();
    let lexicon_start = Instant::now();
    let options = Options { no_parse: args.no_parse, ..Options::default() };
    let coder = load_coder(&args.lexicon, options)?;
    let lexicon_time = lexicon_start.elapsed();
    let n_sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    // Warm-up pass, then measure whole passes until the time is up.
    let (mut n_events, mut n_parsed, mut n_parsed_tokens) = (0usize, 0usize, 0usize);
    for d in &docs {
        let coded = coder.code(d);
        n_events += coded.events.len();
        n_parsed += coded.n_parsed;
        n_parsed_tokens += coded.n_parsed_tokens;
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
    outln!(
        "start-up (lexicon load; trigger automaton{} beside it): {:.1} ms",
        if args.no_parse { "" } else { " and syntax model" },
        lexicon_time.as_secs_f64() * 1e3
    );
    if !args.no_parse {
        // Every sentence's tokens, as the coder makes them: what parsing all would cost.
        let mut tokens = Vec::new();
        let mut n_tokens = 0usize;
        for d in &docs {
            for s in &d.sentences {
                tokens.clear();
                dyad_coder::tokens::tokenize(&d.text, s.start, s.end, &mut tokens);
                n_tokens += tokens.len();
            }
        }
        outln!(
            "parsed per pass: {n_parsed} of {n_sentences} sentences ({:.1}%), {n_parsed_tokens} of {n_tokens} tokens ({:.1}%)",
            100.0 * n_parsed as f64 / n_sentences.max(1) as f64,
            100.0 * n_parsed_tokens as f64 / n_tokens.max(1) as f64
        );
    }
    outln!("coding, one thread: {passes} passes in {elapsed:.2} s");
    outln!(
        "  {:.0} sentences/s   {:.0} documents/s   {:.1} MB/s",
        sentences_per_s,
        (docs.len() * passes) as f64 / elapsed,
        (bytes * passes) as f64 / elapsed / 1e6
    );
    Ok(())
}

/// `dyad ingest` into a fresh store, as a separate process, on `input` or on a generated
/// corpus of `mb` megabytes.
fn bench_ingest(args: &IngestArgs) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("dyad-bench-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = (|| -> Result<()> {
        let input = match &args.input {
            Some(path) => path.clone(),
            None => {
                let path = dir.join("generated.jsonl");
                let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
                corpus::write(&mut out, (args.mb.max(0.01) * 1e6) as u64, 1)?;
                std::io::Write::flush(&mut out)?;
                path
            }
        };
        let exe = std::env::current_exe().context("cannot find the dyad executable")?;
        outln!("dyad ingest into a fresh store, whole process; input {}", input.display());
        outln!(
            "{:>4} {:>9} {:>10} {:>8} {:>11} {:>8} {:>10} {:>9} {:>9} {:>16}",
            "run",
            "documents",
            "sentences",
            "seconds",
            "sentences/s",
            "MB/s",
            "mentions/s",
            "peak MB",
            "store MB",
            "MB per M events"
        );
        for run in 1..=args.runs.max(1) {
            let db = dir.join(format!("run{run}.db"));
            let start = Instant::now();
            let output = std::process::Command::new(&exe)
                .args(["ingest", "--stats", "--jobs", &args.jobs.to_string(), "--db"])
                .arg(&db)
                .arg(&input)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .output()?;
            let secs = start.elapsed().as_secs_f64();
            let stderr = String::from_utf8_lossy(&output.stderr);
            if !output.status.success() {
                bail!("`dyad ingest` failed: {stderr}");
            }
            let stats = pipeline::parse_stats(&stderr)?;
            let size: u64 = std::fs::read_dir(&dir)?
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with(&format!("run{run}.db")))
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum();
            outln!(
                "{:>4} {:>9} {:>10} {:>8.2} {:>11.0} {:>8.1} {:>10.0} {:>9.1} {:>9.1} {:>16.0}",
                run,
                stats.documents,
                stats.sentences,
                secs,
                stats.sentences as f64 / secs,
                stats.bytes as f64 / secs / 1e6,
                stats.events as f64 / secs,
                stats.peak_rss_kb as f64 / 1024.0,
                size as f64 / 1e6,
                size as f64 / stats.events.max(1) as f64,
            );
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
