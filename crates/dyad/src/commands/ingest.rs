//! `dyad ingest`: read (files, folders, standard input, URLs, feeds), code and store
//! documents; re-ingesting the same bytes or the same article changes nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::time::Duration;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use dyad_coder::{Coder, Options, CODER_VERSION};
use dyad_ingest::Format;
use dyad_model::{Document, Event};
use dyad_store::{IngestOutcome, Prepared, Representation, Store};

use crate::fetch::{is_url, Fetcher};
use crate::input::{
    expand_reporting, language_skip_reason, load_coder, parse_date_arg, parse_unit, read_units,
    Input, Skipped, Source, UndatedNotes, Unit,
};
use crate::pipeline::ordered_map;
use crate::progress::Progress;
use crate::{From, LexiconArgs};

/// Documents per write transaction.
const BATCH: usize = 100;

#[derive(Default)]
struct Tally {
    new_documents: usize,
    same_article: usize,
    near_duplicate: usize,
    same_file: usize,
    skipped: usize,
    feed_items: usize,
    feed_known: usize,
    mentions: usize,
    new_events: usize,
    /// Documents stored without a publication date, and those of them dated by a footnote
    /// access date.
    undated: usize,
    access_dated: usize,
    /// Sentences and text bytes of the documents coded.
    sentences: usize,
    bytes: usize,
}

struct Ingester<'a> {
    store: &'a mut Store,
    coder: Coder,
    default_date: Option<NaiveDate>,
    batch: Vec<Coded>,
    tally: Tally,
    progress: Progress,
    /// Inputs (files, URLs, feed items) done so far.
    inputs_done: usize,
    /// Threads that code a batch in parallel.
    jobs: usize,
    /// The first few "no publication date" warnings are shown, the rest counted.
    undated_notes: UndatedNotes,
}

impl Ingester<'_> {
    /// Queues a document read (and language-checked) and coded, unless its bytes are stored.
    fn add(&mut self, (doc, events, rep, prepared): Coded) -> Result<()> {
        if self.store.has_raw(&rep.raw_hash)?
            || self.batch.iter().any(|(_, _, r, _)| r.raw_hash == rep.raw_hash)
        {
            self.tally.same_file += 1;
            return Ok(());
        }
        if doc.date.is_none() {
            self.tally.undated += 1;
            self.tally.access_dated += usize::from(doc.fallback_date().is_some());
        }
        self.tally.sentences += doc.sentences.len();
        self.tally.bytes += doc.text.len();
        self.batch.push((doc, events, rep, prepared));
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        let outcomes = match self.store.ingest_prepared(
            &batch,
            CODER_VERSION,
            self.coder.lexicon().version(),
        ) {
            Ok(outcomes) => outcomes,
            Err(e) if e.is_disk_full() => anyhow::bail!(
                "the disk holding the store is full: the batch of {} documents being written was not stored; the {} new documents stored before it are kept",
                batch.len(),
                self.tally.new_documents
            ),
            Err(e) => return Err(e.into()),
        };
        for outcome in outcomes {
            match outcome {
                IngestOutcome::New { mentions, new_events } => {
                    self.tally.new_documents += 1;
                    self.tally.mentions += mentions;
                    self.tally.new_events += new_events;
                }
                IngestOutcome::SameArticle => self.tally.same_article += 1,
                IngestOutcome::NearDuplicate { .. } => self.tally.near_duplicate += 1,
                IngestOutcome::SameFile => self.tally.same_file += 1,
            }
        }
        self.show_progress();
        Ok(())
    }

    fn show_progress(&mut self) {
        let t = &self.tally;
        // Documents queued for the next batch count as read.
        let read =
            t.new_documents + t.same_article + t.near_duplicate + t.same_file + self.batch.len();
        let detail = format!(
            "{read} documents read ({:.0}/s) · {} stored · {} events found",
            read as f64 / self.progress.elapsed(),
            t.new_documents,
            t.mentions
        );
        self.progress.show(self.inputs_done, &detail);
    }

    /// One input (a file, URL or feed item) is read.
    fn input_done(&mut self) {
        self.inputs_done += 1;
        self.show_progress();
    }
}

/// Default limit on one fetched page or feed.
const DEFAULT_MAX_BYTES: u64 = 20_000_000;

#[derive(Args)]
pub struct IngestArgs {
    /// Files, folders (searched recursively) or http(s) URLs; `-` or nothing reads JSONL
    /// from standard input.
    inputs: Vec<PathBuf>,
    /// An RSS, Atom or JSON feed: fetch it and each item not stored yet; repeatable.
    #[arg(long = "feed", value_name = "URL")]
    feeds: Vec<String>,
    /// The store (one SQLite file).
    #[arg(long, default_value = "dyad.db")]
    db: PathBuf,
    /// Publication date (YYYY-MM-DD) for documents that do not carry one.
    #[arg(long)]
    date: Option<String>,
    /// Coding threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// Print counts, time and peak memory to standard error at the end.
    #[arg(long)]
    stats: bool,
    /// Name each file a folder walk skipped (by default, a count per reason).
    #[arg(short, long)]
    verbose: bool,
    /// Seconds allowed for fetching one URL, connection to last byte.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Largest page or feed fetched, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Also fetch from loopback, private, link-local and other non-public addresses (refused
    /// by default, redirects included).
    #[arg(long)]
    allow_private_urls: bool,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// The most events a store may hold for `dyad ingest` to save the analyses `dyad serve`
/// shows first (`super::save_analyses`). Measured (docs/performance.md): 0.6 s after
/// ingesting the 21 example articles into 50,000 events, 11–16 s into 10M, where each
/// month touched is a network of about 100 states to analyse again. Ingest is the small
/// write that is repeated (feeds), and a server that is running analyses the months again
/// at its next request anyway; on larger stores the server computes them when it starts.
const SAVE_AFTER_INGEST_MAX_EVENTS: usize = 1_000_000;

pub fn run(args: &IngestArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let default_date = parse_date_arg(args.date.as_deref())?;
    for feed in &args.feeds {
        if !is_url(feed) {
            anyhow::bail!("--feed `{feed}` is not an http(s) URL");
        }
    }
    let inputs: Vec<PathBuf> = if args.inputs.is_empty() && args.feeds.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    // Folders are listed first, so that the progress bar knows how many files there are.
    let (expanded, passed_over) = expand_reporting(&inputs);
    for message in passed_over.messages(args.verbose) {
        eprintln!("{message}");
    }
    // When no input is there at all, the run stops before the store is opened: a mistyped
    // name must not leave an empty store behind.
    let absent = |input: &Input| match input {
        Input::Path(path) => path.as_os_str() != "-" && !path.exists(),
        Input::Skipped { .. } => true,
        Input::Url(_) => false,
    };
    if args.feeds.is_empty() && expanded.is_empty() && passed_over.count() > 0 {
        anyhow::bail!("{}", super::nothing_stored(&args.db, "the folders hold no file dyad reads"));
    }
    if args.feeds.is_empty() && !expanded.is_empty() && expanded.iter().all(absent) {
        for input in &expanded {
            match input {
                Input::Path(path) => {
                    eprintln!("dyad: skipped {}: no such file or folder", path.display())
                }
                Input::Skipped { location, reason } => {
                    eprintln!("dyad: skipped {location}: {reason}")
                }
                Input::Url(_) => {}
            }
        }
        anyhow::bail!("{}", super::nothing_stored(&args.db, "none of the inputs can be read"));
    }
    let coder = load_coder(&args.lexicon, Options::default())?;
    let mut store = super::open_store(&args.db, true)?;
    let fetcher = Fetcher::new(
        Duration::from_secs(args.timeout.max(1)),
        args.max_bytes,
        args.allow_private_urls,
    );
    let jobs = args.jobs;
    let mut ingester = Ingester {
        store: &mut store,
        coder,
        default_date,
        batch: Vec::new(),
        tally: Tally { skipped: passed_over.count(), ..Tally::default() },
        progress: Progress::new(None, "inputs"),
        inputs_done: 0,
        jobs: super::jobs(jobs),
        undated_notes: UndatedNotes::default(),
    };
    if args.feeds.is_empty() {
        ingester.progress = Progress::new(Some(expanded.len()), "inputs");
    }
    for input in &expanded {
        match input {
            Input::Url(url) => ingest_url(&mut ingester, &fetcher, url, None)?,
            Input::Path(path) => ingest_path(&mut ingester, path)?,
            Input::Skipped { location, reason } => {
                eprintln!("dyad: skipped {location}: {reason}");
                ingester.tally.skipped += 1;
            }
        }
        ingester.input_done();
    }
    for feed in &args.feeds {
        ingest_feed(&mut ingester, &fetcher, feed)?;
    }
    ingester.flush()?;
    ingester.progress.clear();
    let t = ingester.tally;
    if t.mentions > 0 {
        let events = ingester.store.count_events(&dyad_store::EventFilter::default())?;
        if events <= SAVE_AFTER_INGEST_MAX_EVENTS {
            super::save_analyses(ingester.store, ingester.coder.lexicon());
        }
    }
    outln!(
        "ingested: {} new documents, {} already stored as another file or page, {} near-identical copies of stored articles (syndicated), {} unchanged inputs, {} skipped",
        t.new_documents, t.same_article, t.near_duplicate, t.same_file, t.skipped
    );
    if !args.feeds.is_empty() {
        outln!(
            "feeds: {} items listed, {} already stored (not fetched again)",
            t.feed_items,
            t.feed_known
        );
    }
    outln!(
        "coded: {} event mentions, {} new events (the rest merged into known events)",
        t.mentions,
        t.new_events
    );
    if t.undated > 0 {
        outln!(
            "undated: {} documents without a publication date ({} dated by their latest footnote access date); --date gives one",
            t.undated,
            t.access_dated
        );
    }
    crate::commands::stats::print(&store, &args.db)?;
    if args.stats {
        super::RunStats {
            documents: t.new_documents + t.same_article + t.near_duplicate,
            sentences: t.sentences,
            bytes: t.bytes,
            events: t.mentions,
            seconds: started.elapsed().as_secs_f64(),
            lexicon_seconds: None,
            jobs: super::jobs(jobs),
            undated: t.undated,
        }
        .print();
    }
    Ok(ExitCode::SUCCESS)
}

/// What a feed item says about its article, used where the page itself is silent.
struct ItemHints<'a> {
    title: Option<&'a str>,
    published: Option<NaiveDate>,
}

/// Fetches one page and ingests it; a failed fetch or an unreadable page is reported and
/// skipped.
fn ingest_url(
    ingester: &mut Ingester<'_>,
    fetcher: &Fetcher,
    url: &str,
    hints: Option<ItemHints<'_>>,
) -> Result<()> {
    let fetched = match fetcher.get(url) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("dyad: skipped {e}");
            ingester.tally.skipped += 1;
            return Ok(());
        }
    };
    let hint = match fetched.media_type.as_deref() {
        Some("text/html" | "application/xhtml+xml") => "page.html",
        Some("text/plain") => "page.txt",
        _ => "",
    };
    let mut doc = match dyad_ingest::parse(url, hint, &fetched.bytes, fetched.charset.as_deref()) {
        Ok(parsed) => {
            if let Some(warning) = parsed.warning {
                eprintln!("dyad: warning: {url}: {warning}");
            }
            parsed.document
        }
        Err(e) => {
            eprintln!("dyad: skipped {url}: {e}");
            ingester.tally.skipped += 1;
            return Ok(());
        }
    };
    if doc.url.is_none() {
        doc.url = Some(fetched.url.clone());
    }
    if let Some(h) = hints {
        if doc.title.is_none() {
            doc.title = h.title.map(str::to_string);
        }
        if doc.date.is_none() {
            doc.date = h.published;
        }
    }
    if doc.date.is_none() {
        doc.date = ingester.default_date;
    }
    if let Some(reason) = language_skip_reason(&doc) {
        eprintln!("dyad: skipped {url}: {reason}");
        ingester.tally.skipped += 1;
        return Ok(());
    }
    let format = if hint == "page.html" || Format::detect(hint, &fetched.bytes) == Format::Html {
        Format::Html
    } else {
        Format::Text
    };
    // The address after redirects, so that a feed linking to it finds it stored.
    let source = Source { raw: &fetched.bytes, location: fetched.url.clone(), format };
    let coded = code_for_store(&ingester.coder, doc, source);
    ingester.add(coded)
}

/// Fetches a feed and ingests each item whose page is not stored yet.
fn ingest_feed(ingester: &mut Ingester<'_>, fetcher: &Fetcher, url: &str) -> Result<()> {
    let fetched = match fetcher.get(url) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("dyad: skipped feed: {e}");
            ingester.tally.skipped += 1;
            return Ok(());
        }
    };
    let feed = match dyad_ingest::parse_feed(&fetched.bytes, Some(&fetched.url)) {
        Ok(feed) => feed,
        Err(e) => {
            eprintln!("dyad: skipped feed {url}: {e}");
            ingester.tally.skipped += 1;
            return Ok(());
        }
    };
    if feed.without_link > 0 {
        eprintln!("dyad: feed {url}: {} items without a link skipped", feed.without_link);
    }
    if feed.beyond_limit > 0 {
        eprintln!(
            "dyad: feed {url}: {} items beyond the first {} skipped",
            feed.beyond_limit,
            dyad_ingest::MAX_FEED_ITEMS
        );
    }
    for item in &feed.items {
        ingester.tally.feed_items += 1;
        if ingester.store.has_source(&item.url)?
            || ingester.batch.iter().any(|(_, _, r, _)| r.source == item.url)
        {
            ingester.tally.feed_known += 1;
            continue;
        }
        let hints = ItemHints { title: item.title.as_deref(), published: item.published };
        ingest_url(ingester, fetcher, &item.url, Some(hints))?;
        ingester.input_done();
    }
    Ok(())
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Html => "html",
        Format::Jsonl => "jsonl",
    }
}

/// A document parsed, hashed, coded and prepared for the store on a worker thread.
type Coded = (Document, Vec<Event>, Representation, Prepared);

/// Everything about a read document that can be done before the store sees it: the raw
/// bytes' hash, the events, and the store's own preparation (text hash, signature).
fn code_for_store(coder: &Coder, doc: Document, source: Source<'_>) -> Coded {
    let rep = Representation {
        source: source.location,
        format: format_name(source.format).to_string(),
        raw_hash: dyad_store::sha256_hex(source.raw),
    };
    let events = coder.code(&doc).events;
    let prepared = Prepared::new(&doc);
    (doc, events, rep, prepared)
}

/// Reads `path` on one thread, parses, hashes and codes its documents on `jobs` threads, and
/// queues them for the store in input order.
fn ingest_path(ingester: &mut Ingester<'_>, path: &Path) -> Result<()> {
    let default_date = ingester.default_date;
    let jobs = ingester.jobs;
    // The coder is shared with the workers while the ingester, on this thread, takes results.
    let coder = ingester.coder.clone();
    let coder = &coder;
    ordered_map(
        jobs,
        |emit| {
            read_units(path, From::Auto, emit);
            Ok(())
        },
        |unit: Unit| {
            let mut coded: Vec<Coded> = Vec::new();
            let mut skipped = Vec::new();
            let _ = parse_unit(
                &unit,
                default_date,
                &mut |doc, source| {
                    coded.push(code_for_store(coder, doc, source));
                    Ok(())
                },
                &mut |s| skipped.push(s),
            );
            (coded, skipped)
        },
        |(coded, skipped): (Vec<Coded>, Vec<Skipped>)| {
            for s in skipped {
                if ingester.undated_notes.show(s.undated) {
                    eprintln!("{}", s.message());
                }
                ingester.tally.skipped += usize::from(!s.kept);
            }
            for item in coded {
                ingester.add(item)?;
            }
            Ok(())
        },
    )
}
