//! `dyad resolve`: actor phrases in, entities out, one line per input line.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use dyad_coder::{resolve_phrase, Options};
use serde_json::{json, Value};

use crate::input::load_coder;
use crate::{From, LexiconArgs, To};

pub fn run(input: Option<&Path>, from: From, to: To, lexicon: &LexiconArgs) -> Result<ExitCode> {
    if !matches!(from, From::Jsonl | From::Auto) || to != To::Jsonl {
        bail!("resolve reads and writes JSONL only (--from jsonl --to jsonl)");
    }
    // Resolving a phrase reads the lexicon only: no sentence is parsed.
    let coder = load_coder(lexicon, Options { no_parse: true, ..Options::default() })?;
    let reader: Box<dyn BufRead> = match input {
        None => Box::new(std::io::BufReader::new(std::io::stdin().lock())),
        Some(p) if p.as_os_str() == "-" => {
            Box::new(std::io::BufReader::new(std::io::stdin().lock()))
        }
        Some(p) => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
        )),
    };
    let name = input.map_or("<stdin>".to_string(), |p| p.display().to_string());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (idx, line) in reader.lines().enumerate() {
        let line_no = idx + 1;
        let line = line.with_context(|| format!("cannot read {name}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = match serde_json::from_str(&line) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => {
                eprintln!("dyad: {name}:{line_no}: expected a JSON object");
                continue;
            }
            Err(e) => {
                eprintln!("dyad: {name}:{line_no}: invalid JSON: {e}");
                continue;
            }
        };
        let id = record.get("id").cloned().unwrap_or(Value::Null);
        let text = match record.get("text") {
            Some(Value::String(s)) => s.clone(),
            _ => {
                eprintln!("dyad: {name}:{line_no}: field `text`: missing or not a string");
                String::new()
            }
        };
        let date = record.get("date").and_then(Value::as_str).and_then(|d| {
            let parsed = NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok();
            if parsed.is_none() {
                eprintln!(
                    "dyad: {name}:{line_no}: field `date`: `{d}` is not a YYYY-MM-DD date; ignored"
                );
            }
            parsed
        });
        let r = resolve_phrase(&coder, &text, date);
        let row = json!({"id": id, "country": r.country, "sector": r.sector, "code": r.code, "name": r.name, "matched_text": r.matched_text});
        serde_json::to_writer(&mut out, &row)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
