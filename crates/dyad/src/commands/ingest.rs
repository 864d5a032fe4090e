//! `dyad ingest`: read, code and store documents; re-ingesting the same bytes or the same
//! article changes nothing.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use dyad_coder::{Coder, Options, CODER_VERSION};
use dyad_ingest::Format;
use dyad_model::{Document, Event};
use dyad_store::{IngestOutcome, Representation, Store};

use crate::input::{expand, language_skip_reason, load_lexicon, parse_date_arg};
use crate::LexiconArgs;

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
    fn add(&mut self, mut doc: Document, raw: &[u8], source: String, format: &str) -> Result<()> {
        let raw_hash = dyad_store::sha256_hex(raw);
        if self.store.has_raw(&raw_hash)?
            || self.batch.iter().any(|(_, _, r)| r.raw_hash == raw_hash)
        {
            self.tally.same_file += 1;
            return Ok(());
        }
        if doc.date.is_none() {
            doc.date = self.default_date;
        }
        if let Some(reason) = language_skip_reason(&doc) {
            eprintln!("dyad: skipped {source}: {reason}");
            self.tally.skipped += 1;
            return Ok(());
        }
        // Coded in `flush`, in parallel.
        self.batch.push((
            doc,
            Vec::new(),
            Representation { source, format: format.to_string(), raw_hash },
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

fn ingest_path(ingester: &mut Ingester<'_>, path: &Path) -> Result<()> {
    let is_stdin = path.as_os_str() == "-";
    let name = if is_stdin { "<stdin>".to_string() } else { path.display().to_string() };
    let mut bytes = Vec::new();
    if is_stdin {
        std::io::stdin().lock().read_to_end(&mut bytes).context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    }
    let format = if is_stdin { Format::Jsonl } else { Format::detect(&name, &bytes) };
    if format == Format::Jsonl {
        for (idx, line) in bytes.split(|b| *b == b'\n').enumerate() {
            let line_no = idx + 1;
            let Ok(text) = std::str::from_utf8(line) else {
                eprintln!("dyad: skipped {name}:{line_no}: not valid UTF-8");
                ingester.tally.skipped += 1;
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            match dyad_ingest::parse_jsonl_line(text.trim(), line_no) {
                Ok(record) => {
                    ingester.add(record.document, line, format!("{name}:{line_no}"), "jsonl")?
                }
                Err(err) => {
                    eprintln!("dyad: skipped {name}: {err}");
                    ingester.tally.skipped += 1;
                }
            }
        }
        return Ok(());
    }
    let id =
        path.file_stem().map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned());
    let (hint, format_name) =
        if format == Format::Html { ("page.html", "html") } else { ("page.txt", "text") };
    match dyad_ingest::parse(&id, hint, &bytes) {
        Ok(doc) => ingester.add(doc, &bytes, name, format_name),
        Err(err) => {
            eprintln!("dyad: skipped {name}: {err}");
            ingester.tally.skipped += 1;
            Ok(())
        }
    }
}
