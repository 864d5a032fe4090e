//! `dyad eval`: scores the coder on a gold set. The kind of set is read from its records:
//! PLOVER gold-standard records (`event`, `source`, `target`: `gsr.rs`), sentences with a
//! CAMEO quad class (`quad`: `dev.rs`), or stories with one PLOVER type (`plover`: `dev.rs`).
//! The scoring follows `../shared/eval/README.md`.

mod dev;
mod gsr;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;
use dyad_coder::Options;
use serde_json::Value;

use crate::input::load_coder;
use crate::LexiconArgs;

#[derive(Args)]
pub struct EvalArgs {
    /// Gold records (JSON array or JSONL): PLOVER gold records, quad-labelled sentences or
    /// PLOVER-labelled stories.
    file: PathBuf,
    /// How many misses to list.
    #[arg(long, default_value_t = 15)]
    worst: usize,
    /// Print the scores as one JSON object instead of a report.
    #[arg(long)]
    json: bool,
    /// PLOVER gold records: fail (exit 1) when event-type accuracy is below this share (0–1).
    #[arg(long)]
    min_event: Option<f64>,
    /// PLOVER gold records: fail when actor-country accuracy is below this share.
    #[arg(long)]
    min_actor: Option<f64>,
    /// PLOVER gold records: fail when recipient-country accuracy is below this share.
    #[arg(long)]
    min_recipient: Option<f64>,
    /// Quad sentences: fail when the macro-F1 over the five classes is below this.
    #[arg(long)]
    min_f1: Option<f64>,
    /// Labelled stories: fail when the first coded event has the label in fewer stories.
    #[arg(long)]
    min_top1: Option<f64>,
    /// Labelled stories: fail when the label is among the coded types in fewer stories.
    #[arg(long)]
    min_recall: Option<f64>,
    /// Score the coder without the dependency parse (as `dyad code --no-parse`).
    #[arg(long)]
    no_parse: bool,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// A score with the level it must reach, when one was given.
pub(crate) struct Gate {
    min: Option<f64>,
    got: f64,
    what: &'static str,
}

impl Gate {
    fn new(min: Option<f64>, got: f64, what: &'static str) -> Gate {
        Gate { min, got, what }
    }
}

pub fn run(args: &EvalArgs) -> Result<ExitCode> {
    let records = read_records(&args.file)?;
    let options = Options { no_parse: args.no_parse, ..Options::default() };
    let coder = load_coder(&args.lexicon, options)?;
    let first = records.iter().find(|r| r.get("event").and_then(Value::as_str) != Some("DOCUMENT"));
    let gates = match first {
        Some(r) if r.get("quad").is_some() => dev::run_quad(args, &records, &coder)?,
        Some(r) if r.get("plover").is_some() => dev::run_stories(args, &records, &coder)?,
        Some(r) if r.get("event").is_some() => gsr::run(args, &records, &coder)?,
        Some(_) => bail!(
            "{}: records have none of `event` (PLOVER gold), `quad` or `plover`",
            args.file.display()
        ),
        None => bail!("{}: no gold records", args.file.display()),
    };
    let mut failed = false;
    for gate in gates {
        if let Some(min) = gate.min {
            if gate.got < min {
                eprintln!("dyad: eval gate failed: {} {:.3} < {min:.3}", gate.what, gate.got);
                failed = true;
            }
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Reads a JSON array or JSON lines.
fn read_records(file: &Path) -> Result<Vec<Value>> {
    let raw =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    if raw.trim_start().starts_with('[') {
        return serde_json::from_str(&raw)
            .with_context(|| format!("{} is not a JSON array", file.display()));
    }
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{}:{}: invalid JSON", file.display(), i + 1))
        })
        .collect()
}

fn share(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}
