//! `dyad code`: documents in, events out, one document at a time.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use dyad_coder::{Coder, Options};

use crate::input::{expand, load_lexicon, parse_date_arg, read_documents};
use crate::output::{table_header, write_jsonl, write_row};
use crate::{From, LexiconArgs, To};

pub fn run(
    inputs: &[PathBuf],
    from: From,
    to: To,
    date: Option<&str>,
    explain: bool,
    lexicon: &LexiconArgs,
) -> Result<ExitCode> {
    let default_date = parse_date_arg(date)?;
    let coder = Coder::new(load_lexicon(lexicon)?, Options { explain });
    let inputs = if inputs.is_empty() { vec![PathBuf::from("-")] } else { expand(inputs)? };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if to == To::Table {
        table_header(&mut out)?;
    }
    let (mut n_docs, mut n_events, mut n_skipped) = (0usize, 0usize, 0usize);
    // Progress on a terminal only (quiet when piped), redrawn at most five times a second.
    let progress = std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let mut last_draw = started;
    for (idx, path) in inputs.iter().enumerate() {
        let mut sink = |doc: dyad_model::Document, _: crate::input::Source<'_>| -> Result<()> {
            n_docs += 1;
            if progress && last_draw.elapsed().as_millis() >= 200 {
                last_draw = std::time::Instant::now();
                let rate = n_docs as f64 / started.elapsed().as_secs_f64().max(1e-6);
                eprint!(
                    "\r\x1b[2K{}/{} inputs, {n_docs} documents ({rate:.0}/s), {n_events} events",
                    idx + 1,
                    inputs.len()
                );
            }
            let coded = coder.code(&doc);
            if explain {
                for d in &coded.diagnostics {
                    eprintln!(
                        "dyad: {} sentence {}: {}",
                        doc.id,
                        d.sentence.map_or("-".into(), |s| s.to_string()),
                        d.message
                    );
                }
            }
            if to == To::Table && !coded.events.is_empty() {
                writeln!(
                    out,
                    "— {} {}",
                    doc.id,
                    doc.title.as_deref().map(|t| format!("({t})")).unwrap_or_default()
                )?;
            }
            for event in &coded.events {
                n_events += 1;
                match to {
                    To::Jsonl => write_jsonl(&mut out, event)?,
                    To::Table => write_row(&mut out, event)?,
                }
            }
            Ok(())
        };
        let mut skipped = |s: crate::input::Skipped| {
            n_skipped += 1;
            eprintln!("dyad: skipped {}: {}", s.location, s.reason);
        };
        read_documents(path, from, default_date, &mut sink, &mut skipped)?;
    }
    out.flush()?;
    if progress && started.elapsed().as_millis() >= 200 {
        eprint!("\r\x1b[2K");
    }
    if std::io::stderr().is_terminal() || to == To::Table {
        eprintln!("dyad: {n_docs} documents, {n_events} events, {n_skipped} skipped");
    }
    Ok(ExitCode::SUCCESS)
}
