//! `dyad code`: documents in, events out. Inputs are read on one thread, parsed and coded on
//! `--jobs` threads, and written in input order, so the output does not depend on the thread
//! count.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use dyad_coder::{Coder, Options};

use crate::input::{
    expand_reporting, load_coder, parse_date_arg, parse_unit, read_units, Input, UndatedNotes, Unit,
};
use crate::output::{printable, table_header, write_jsonl, write_row};
use crate::pipeline::ordered_map;
use crate::{From, LexiconArgs, To};

pub struct CodeArgs<'a> {
    pub inputs: &'a [PathBuf],
    pub from: From,
    pub to: To,
    pub date: Option<&'a str>,
    pub explain: bool,
    pub no_parse: bool,
    pub jobs: usize,
    pub stats: bool,
    /// Name each file a folder walk skipped.
    pub verbose: bool,
    pub lexicon: &'a LexiconArgs,
}

/// What coding one unit of input produced: the output bytes and the messages for standard
/// error, in order.
#[derive(Default)]
struct CodedUnit {
    input: usize,
    out: Vec<u8>,
    messages: Vec<String>,
    /// "No publication date" warnings, of which a run shows the first few.
    undated_messages: Vec<String>,
    documents: usize,
    sentences: usize,
    bytes: usize,
    events: usize,
    skipped: usize,
    /// Documents without a publication date.
    undated: usize,
}

pub fn run(args: &CodeArgs<'_>) -> Result<ExitCode> {
    let started = Instant::now();
    let default_date = parse_date_arg(args.date)?;
    // Leaked: the process ends after this command, and freeing the lexicon's many small
    // allocations would only add to the run time.
    let coder: &'static Coder = Box::leak(Box::new(load_coder(
        args.lexicon,
        Options { explain: args.explain, no_parse: args.no_parse },
    )?));
    let lexicon_time = started.elapsed();
    let (inputs, passed_over) = if args.inputs.is_empty() {
        (vec![Input::Path(PathBuf::from("-"))], Default::default())
    } else {
        expand_reporting(args.inputs)
    };
    for message in passed_over.messages(args.verbose) {
        eprintln!("{message}");
    }
    let (to, explain, from) = (args.to, args.explain, args.from);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    if to == To::Table {
        table_header(&mut out)?;
    }
    let mut total = CodedUnit { skipped: passed_over.count(), ..CodedUnit::default() };
    let mut undated_notes = UndatedNotes::default();
    // Progress on a terminal only (quiet when piped), redrawn at most five times a second.
    let progress = std::io::stderr().is_terminal();
    let mut last_draw = started;
    let n_inputs = inputs.len();
    let inputs = &inputs;
    ordered_map(
        super::jobs(args.jobs),
        move |emit| {
            for (idx, input) in inputs.iter().enumerate() {
                let mut stopped = false;
                let mut emit_unit = |unit| {
                    stopped = !emit((idx, unit));
                    !stopped
                };
                match input {
                    Input::Path(path) => read_units(path, from, &mut emit_unit),
                    Input::Url(url) => {
                        emit_unit(Unit::Skipped {
                            location: url.clone(),
                            reason: "`dyad code` reads files; `dyad ingest` fetches URLs".into(),
                        });
                    }
                    Input::Skipped { location, reason } => {
                        emit_unit(Unit::Skipped {
                            location: location.clone(),
                            reason: reason.clone(),
                        });
                    }
                }
                if stopped {
                    break;
                }
            }
            Ok(())
        },
        |(input, unit): (usize, Unit)| {
            let mut coded = CodedUnit { input, ..CodedUnit::default() };
            let mut skipped = Vec::new();
            let _ = parse_unit(
                &unit,
                default_date,
                &mut |doc, _| {
                    code_document(coder, &doc, to, explain, &mut coded)?;
                    Ok(())
                },
                &mut |s| skipped.push(s),
            );
            for s in skipped {
                coded.skipped += usize::from(!s.kept);
                if s.undated {
                    coded.undated_messages.push(s.message());
                } else {
                    coded.messages.push(s.message());
                }
            }
            coded
        },
        |coded| {
            for message in &coded.messages {
                eprintln!("{message}");
            }
            for message in &coded.undated_messages {
                if undated_notes.show(true) {
                    eprintln!("{message}");
                }
            }
            out.write_all(&coded.out)?;
            total.documents += coded.documents;
            total.sentences += coded.sentences;
            total.bytes += coded.bytes;
            total.events += coded.events;
            total.skipped += coded.skipped;
            total.undated += coded.undated;
            if progress && last_draw.elapsed().as_millis() >= 200 {
                last_draw = Instant::now();
                let rate = total.sentences as f64 / started.elapsed().as_secs_f64().max(1e-6);
                eprint!(
                    "\r\x1b[2K{}/{n_inputs} inputs, {} documents, {rate:.0} sentences/s, {} events",
                    coded.input + 1,
                    total.documents,
                    total.events
                );
            }
            Ok(())
        },
    )?;
    out.flush()?;
    if progress && started.elapsed().as_millis() >= 200 {
        eprint!("\r\x1b[2K");
    }
    if let Some(line) = undated_notes.summary() {
        eprintln!("{line}");
    }
    if std::io::stderr().is_terminal() || to == To::Table {
        eprintln!(
            "dyad: {} documents, {} events, {} skipped",
            total.documents, total.events, total.skipped
        );
    }
    if args.stats {
        super::RunStats {
            documents: total.documents,
            sentences: total.sentences,
            bytes: total.bytes,
            events: total.events,
            seconds: started.elapsed().as_secs_f64(),
            lexicon_seconds: Some(lexicon_time.as_secs_f64()),
            jobs: super::jobs(args.jobs),
            undated: total.undated,
        }
        .print();
    }
    Ok(ExitCode::SUCCESS)
}

/// Codes one document into `coded`'s output buffer.
fn code_document(
    coder: &Coder,
    doc: &dyad_model::Document,
    to: To,
    explain: bool,
    coded: &mut CodedUnit,
) -> Result<()> {
    coded.documents += 1;
    coded.undated += usize::from(doc.date.is_none());
    coded.sentences += doc.sentences.len();
    coded.bytes += doc.text.len();
    let result = coder.code(doc);
    if explain {
        for d in &result.diagnostics {
            coded.messages.push(format!(
                "dyad: {} sentence {}: {}",
                doc.id,
                d.sentence.map_or("-".into(), |s| s.to_string()),
                d.message
            ));
        }
    }
    if to == To::Table && !result.events.is_empty() {
        writeln!(
            coded.out,
            "— {} {}",
            printable(&doc.id),
            doc.title.as_deref().map(|t| format!("({})", printable(t))).unwrap_or_default()
        )?;
    }
    // Each event is dropped once written, so a long document's events and their output
    // are not both held whole.
    for event in result.events {
        coded.events += 1;
        match to {
            To::Jsonl => write_jsonl(&mut coded.out, &event)?,
            To::Table => write_row(&mut coded.out, &event)?,
        }
    }
    Ok(())
}
