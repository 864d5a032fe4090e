//! `dyad events`: merged events from the store, one line each, as a table, JSONL or CSV.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use dyad_store::{EventFilter, EventRow, Store};
use serde_json::json;

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum Output {
    Table,
    Jsonl,
    Csv,
}

#[derive(Args)]
pub struct EventsArgs {
    #[arg(long, value_enum, default_value_t = Output::Table)]
    to: Output,
    /// Entity code among the actors (RUS, NATO).
    #[arg(long)]
    actor: Option<String>,
    #[arg(long)]
    recipient: Option<String>,
    /// PLOVER event type.
    #[arg(long = "type")]
    event_type: Option<String>,
    #[arg(long)]
    mode: Option<String>,
    /// Earliest event date, YYYY-MM-DD.
    #[arg(long)]
    since: Option<String>,
    #[arg(long)]
    until: Option<String>,
    /// Outlet or URL substring of a reporting source.
    #[arg(long)]
    source: Option<String>,
    #[arg(long)]
    min_sources: Option<usize>,
    /// Words in an evidence sentence.
    #[arg(long)]
    text: Option<String>,
    #[arg(long)]
    limit: Option<usize>,
}

fn check_date(flag: &str, value: &Option<String>) -> Result<()> {
    if let Some(v) = value {
        chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .with_context(|| format!("{flag} `{v}` is not a YYYY-MM-DD date"))?;
    }
    Ok(())
}

pub fn run(args: &EventsArgs, db: &Path) -> Result<ExitCode> {
    check_date("--since", &args.since)?;
    check_date("--until", &args.until)?;
    if !db.exists() {
        anyhow::bail!("no store at {} (run `dyad ingest` first, or give --db)", db.display());
    }
    let store =
        Store::open(db).with_context(|| format!("cannot open the store {}", db.display()))?;
    let filter = EventFilter {
        actor: args.actor.clone(),
        recipient: args.recipient.clone(),
        event_type: args.event_type.clone(),
        mode: args.mode.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
        source: args.source.clone(),
        min_sources: args.min_sources,
        text: args.text.clone(),
        limit: args.limit,
        id: None,
    };
    let rows = store.events(&filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.to {
        Output::Table => {
            writeln!(
                out,
                "{:>6}  {:<10}  {:<9}  {:<20}  {:<20}  {:>7}  {:>8}  evidence",
                "id", "date", "event", "actor", "recipient", "sources", "mentions"
            )?;
            for r in &rows {
                let evidence = r.mentions.first().and_then(|m| m["text"].as_str()).unwrap_or("");
                let evidence: String = evidence.chars().take(90).collect();
                writeln!(
                    out,
                    "{:>6}  {:<10}  {:<9}  {:<20}  {:<20}  {:>7}  {:>8}  {}",
                    r.id,
                    r.date.as_deref().unwrap_or("?"),
                    r.event,
                    r.actors,
                    if r.recipients.is_empty() { "-" } else { &r.recipients },
                    r.n_sources,
                    r.n_mentions,
                    evidence
                )?;
            }
        }
        Output::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, &to_json(r))?;
                out.write_all(b"\n")?;
            }
        }
        Output::Csv => {
            writeln!(out, "id,date,event,actor,recipient,modes,modalities,n_sources,n_mentions,sizes,evidence")?;
            for r in &rows {
                let sizes: Vec<String> =
                    r.sizes.iter().map(|(v, u, s)| format!("{v} {u} ({s})")).collect();
                let evidence = r.mentions.first().and_then(|m| m["text"].as_str()).unwrap_or("");
                let fields = [
                    r.id.to_string(),
                    r.date.clone().unwrap_or_default(),
                    r.event.clone(),
                    r.actors.clone(),
                    r.recipients.clone(),
                    r.modes.join(";"),
                    r.modalities.join(";"),
                    r.n_sources.to_string(),
                    r.n_mentions.to_string(),
                    sizes.join("; "),
                    evidence.to_string(),
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", line.join(","))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn to_json(r: &EventRow) -> serde_json::Value {
    let split = |s: &str| -> Vec<String> {
        s.split('+').filter(|c| !c.is_empty()).map(str::to_string).collect()
    };
    json!({
        "id": r.id,
        "event": r.event,
        "actor": split(&r.actors),
        "recipient": split(&r.recipients),
        "date": r.date,
        "mode": r.modes,
        "modalities": r.modalities,
        "n_sources": r.n_sources,
        "n_mentions": r.n_mentions,
        "sizes": r.sizes.iter().map(|(v, u, s)| json!({"value": v, "unit": u, "source": s})).collect::<Vec<_>>(),
        "mentions": r.mentions,
    })
}
