//! The `dyad` command line: glue between files, the ingest parsers, the lexicon and the
//! coder. Each subcommand lives in its own module under `commands/`.
//!
//! Exit codes: 0 success (also when nothing was found), 1 a failed check (`eval` below its
//! gates), 2 an error (bad arguments, invalid lexicon, a store that cannot be written). An
//! input that cannot be read is reported and skipped; the rest of the run goes on and exits 0.

/// Many small allocations per coded sentence: mimalloc serves them faster than the system
/// allocator (measured in docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `println!` that returns an error instead of panicking when standard output is closed
/// (`dyad … | head`); `main` treats a broken pipe as success.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?
    }};
}

mod commands;
mod fetch;
mod input;
mod output;
mod pipeline;
mod progress;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dyad_store::StatsOptions;

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Code geopolitical reporting into sourced PLOVER events."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
pub struct LexiconArgs {
    /// Extra lexicon directory with .tsv files (countries*, people*, organizations*, sectors*,
    /// places*); repeatable.
    #[arg(long = "lexicon", value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum From {
    /// Detect from the extension and content.
    Auto,
    Jsonl,
    Text,
    Html,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum To {
    Jsonl,
    Table,
}

#[derive(Subcommand)]
enum Command {
    /// Code documents into events.
    Code {
        /// Files or folders (searched recursively); `-` or nothing reads standard input.
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = From::Auto)]
        from: From,
        #[arg(long, value_enum, default_value_t = To::Jsonl)]
        to: To,
        /// Publication date (YYYY-MM-DD) for documents that do not carry one.
        #[arg(long)]
        date: Option<String>,
        /// Add the reasons behind each event (`explain` field; shown in the table).
        #[arg(long)]
        explain: bool,
        /// Find actors and recipients from word order alone, without the dependency parse:
        /// about five times faster, less accurate (docs/syntax.md).
        #[arg(long)]
        no_parse: bool,
        /// Coding threads (0: one per core).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        /// Print counts, time and peak memory to standard error at the end.
        #[arg(long)]
        stats: bool,
        /// Name each file a folder walk skipped (by default, a count per reason).
        #[arg(short, long)]
        verbose: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Resolve actor phrases (JSONL `{id, text, date?}`) to country, sector and code.
    Resolve {
        /// A JSONL file; `-` or nothing reads standard input.
        input: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = From::Jsonl)]
        from: From,
        #[arg(long, value_enum, default_value_t = To::Jsonl)]
        to: To,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Code documents (files, folders, URLs, feeds) and store them, merging reports of the
    /// same event.
    Ingest(commands::ingest::IngestArgs),
    /// List merged events from the store.
    Events {
        #[arg(long, default_value = "dyad.db")]
        db: PathBuf,
        #[command(flatten)]
        args: commands::events::EventsArgs,
    },
    /// List stored documents, or search their text (SQLite FTS5 query syntax).
    Docs {
        /// Search words, "a phrase", OR, NOT, prefix*.
        query: Option<String>,
        #[arg(long, default_value = "dyad.db")]
        db: PathBuf,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Show one merged event with its evidence sentences and citations.
    Show {
        id: i64,
        #[arg(long, default_value = "dyad.db")]
        db: PathBuf,
    },
    /// Export merged events (same filters as `events`) to a file: PLOVER JSONL, CSV, Parquet
    /// or a GDELT-style table.
    Export {
        #[arg(long, default_value = "dyad.db")]
        db: PathBuf,
        #[command(flatten)]
        args: commands::events::ExportArgs,
    },
    /// Code the stored documents again (after a lexicon or coder change); report what changed.
    Recode(commands::recode::RecodeArgs),
    /// Import events from other datasets: GDELT, ICEWS, POLECAT, ACLED, PLOVER JSONL.
    Import(commands::import::ImportArgs),
    /// Directed dyad time series: events by quad class, intensity and sources per period.
    Dyads(commands::analysis::DyadsArgs),
    /// The signed country network (cooperation positive, conflict negative): JSON, GraphML, DOT.
    Network(commands::analysis::NetworkCmdArgs),
    /// Blocs, structural balance (frustration) and polarity of a period.
    Blocs(commands::analysis::BlocsArgs),
    /// The polarity index over time: how close the system is to two opposed blocs.
    Polarity(commands::analysis::PolarityArgs),
    /// One self-contained HTML report: blocs, network, polarity, dyads, with their evidence.
    Report(commands::report::ReportArgs),
    /// Serve the JSON API and the web pages (loopback by default).
    Serve(commands::serve::ServeArgs),
    /// Summarise the store.
    Stats {
        #[arg(long, default_value = "dyad.db")]
        db: PathBuf,
        /// Also run SQLite's integrity check; exit 1 if it fails.
        #[arg(long)]
        check: bool,
        /// Keep self-dyads (PRK→PRK) and generic parties (IGO, EUR, …) in the top dyads.
        #[arg(long)]
        include_self: bool,
        /// Rewrite the store file without its unused pages (left by deletions and by
        /// migrations to a new schema; SQLite VACUUM). Needs free disk for a copy.
        #[arg(long)]
        compact: bool,
    },
    /// Score the coder against PLOVER gold records.
    Eval(commands::eval::EvalArgs),
    /// Measure coding throughput on a corpus (JSONL or a folder of articles).
    Bench(commands::bench::BenchArgs),
    /// Tag and parse text or CoNLL-U into CoNLL-U (UPOS, heads, UD relations).
    Parse(commands::parse::ParseArgs),
    /// Train the tagger and parser on CoNLL-U treebanks and write a model.
    TrainSyntax(commands::train_syntax::TrainSyntaxArgs),
    /// Score a predicted CoNLL-U file against a gold one: UPOS, UAS, LAS.
    ScoreSyntax(commands::score_syntax::ScoreSyntaxArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code {
            inputs,
            from,
            to,
            date,
            explain,
            no_parse,
            jobs,
            stats,
            verbose,
            lexicon,
        } => commands::code::run(&commands::code::CodeArgs {
            inputs: &inputs,
            from,
            to,
            date: date.as_deref(),
            explain,
            no_parse,
            jobs,
            stats,
            verbose,
            lexicon: &lexicon,
        }),
        Command::Resolve { input, from, to, lexicon } => {
            commands::resolve::run(input.as_deref(), from, to, &lexicon)
        }
        Command::Ingest(args) => commands::ingest::run(&args),
        Command::Events { db, args } => commands::events::run(&args, &db),
        Command::Export { db, args } => commands::events::export(&args, &db),
        Command::Import(args) => commands::import::run(&args),
        Command::Dyads(args) => commands::analysis::dyads(&args),
        Command::Network(args) => commands::analysis::network_cmd(&args),
        Command::Blocs(args) => commands::analysis::blocs(&args),
        Command::Polarity(args) => commands::analysis::polarity(&args),
        Command::Report(args) => commands::report::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
        Command::Recode(args) => commands::recode::run(&args),
        Command::Stats { db, check, include_self, compact } => {
            commands::stats::run(&db, check, compact, StatsOptions { include_self })
        }
        Command::Docs { query, db, limit } => commands::docs::docs(&db, query.as_deref(), limit),
        Command::Show { id, db } => commands::docs::show(&db, id),
        Command::Eval(args) => commands::eval::run(&args),
        Command::Bench(args) => commands::bench::run(&args),
        Command::Parse(args) => commands::parse::run(&args),
        Command::TrainSyntax(args) => commands::train_syntax::run(&args),
        Command::ScoreSyntax(args) => commands::score_syntax::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dyad: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
