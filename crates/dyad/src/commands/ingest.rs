//! `dyad ingest`: read, code and store documents; re-ingesting the same bytes or the same
//! article changes nothing.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use dyad_coder::{Coder, Options, CODER_VERSION};
use dyad_ingest::Format;
use dyad_model::{Document, Event};
use dyad_store::{IngestOutcome, Representation, Store};

use crate::input::{expand, load_lexicon, parse_date_arg, read_documents, Source};
use crate::{From, LexiconArgs};

/// Documents per write transaction.
const BATCH: usize = 100;

#[derive(Default)]
struct Tally {
    new_documents: usize,
    same_article: usize,
    same_file: usize,
    skipped: usize,
    mentions: usize,
    new_events: usize,
}

struct Ingester<'a> {
    store: &'a mut Store,
    coder: Coder,
    default_date: Option<NaiveDate>,
    batch: Vec<(Document, Vec<Event>, Representation)>,
    tally: Tally,
    progress: bool,
    started: std::time::Instant,
    /// Threads that code a batch in parallel.
    jobs: usize,
}

impl Ingester<'_> {
    /// Queues a document read (and language-checked) by `read_documents`.
    fn add(&mut self, doc: Document, source: Source<'_>) -> Result<()> {
        let raw_hash = dyad_store::sha256_hex(source.raw);
        if self.store.has_raw(&raw_hash)?
            || self.batch.iter().any(|(_, _, r)| r.raw_hash == raw_hash)
        {
            self.tally.same_file += 1;
            return Ok(());
        }
        // Coded in `flush`, in parallel.
        self.batch.push((
            doc,
            Vec::new(),
            Representation {
                source: source.location,
                format: format_name(source.format).to_string(),
                raw_hash,
            },
        ));
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let mut batch = std::mem::take(&mut self.batch);
        // Code the batch on `jobs` threads; the coder is shared read-only, and each document
        // keeps its place, so the store is written in input order whatever the thread count.
        let chunk = batch.len().div_ceil(self.jobs.max(1)).max(1);
        let coder = &self.coder;
        std::thread::scope(|scope| {
            for part in batch.chunks_mut(chunk) {
                scope.spawn(move || {
                    for (doc, events, _) in part.iter_mut() {
                        *events = coder.code(doc).events;
                    }
                });
            }
        });
        let outcomes =
            self.store.ingest_batch(&batch, CODER_VERSION, self.coder.lexicon().version())?;
        for outcome in outcomes {
            match outcome {
                IngestOutcome::New { mentions, new_events } => {
                    self.tally.new_documents += 1;
                    self.tally.mentions += mentions;
                    self.tally.new_events += new_events;
                }
                IngestOutcome::SameArticle => self.tally.same_article += 1,
                IngestOutcome::SameFile => self.tally.same_file += 1,
            }
        }
        if self.progress {
            let t = &self.tally;
            let rate = t.new_documents as f64 / self.started.elapsed().as_secs_f64().max(1e-6);
            eprint!(
                "\r\x1b[2K{} documents stored ({rate:.0}/s), {} events found",
                t.new_documents, t.mentions
            );
        }
        Ok(())
    }
}

pub fn run(
    inputs: &[PathBuf],
    db: &Path,
    date: Option<&str>,
    jobs: usize,
    lexicon: &LexiconArgs,
) -> Result<ExitCode> {
    let default_date = parse_date_arg(date)?;
    let coder = Coder::new(load_lexicon(lexicon)?, Options::default());
    let mut store = super::open_store(db, true)?;
    let inputs = if inputs.is_empty() { vec![PathBuf::from("-")] } else { expand(inputs)? };
    let mut ingester = Ingester {
        store: &mut store,
        coder,
        default_date,
        batch: Vec::new(),
        tally: Tally::default(),
        progress: std::io::stderr().is_terminal(),
        started: std::time::Instant::now(),
        jobs: if jobs == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            jobs
        },
    };
    for path in &inputs {
        ingest_path(&mut ingester, path)?;
    }
    ingester.flush()?;
    if ingester.progress {
        eprint!("\r\x1b[2K");
    }
    let t = ingester.tally;
    outln!(
        "ingested: {} new documents, {} already stored as another file or page, {} unchanged inputs, {} skipped",
        t.new_documents, t.same_article, t.same_file, t.skipped
    );
    outln!(
        "coded: {} event mentions, {} new events (the rest merged into known events)",
        t.mentions,
        t.new_events
    );
    crate::commands::stats::print(&store, db)?;
    Ok(ExitCode::SUCCESS)
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Html => "html",
        Format::Jsonl => "jsonl",
    }
}

fn ingest_path(ingester: &mut Ingester<'_>, path: &Path) -> Result<()> {
    let default_date = ingester.default_date;
    let mut skipped = 0;
    let mut skip = |s: crate::input::Skipped| {
        eprintln!("dyad: skipped {}: {}", s.location, s.reason);
        if !s.kept {
            skipped += 1;
        }
    };
    read_documents(
        path,
        From::Auto,
        default_date,
        &mut |doc, source| ingester.add(doc, source),
        &mut skip,
    )?;
    ingester.tally.skipped += skipped;
    Ok(())
}
