//! `dyad events`: merged events from the store, one line each, as a table, JSONL or CSV.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dyad_formats::evidence::Qualifiers;
use dyad_model::{EventType, Modality};
use dyad_store::{EventFilter, EventRow};
use serde_json::json;

use crate::output::printable;

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
    #[command(flatten)]
    filter: FilterArgs,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// PLOVER JSONL: one record per merged event, with dyad's extensions (modality, hedge,
    /// attribution, size, date precision, sources; docs/event.schema.json, `export_record`).
    Plover,
    /// Comma-separated, with a header; the qualifiers of the evidence in their own columns.
    Csv,
    /// Apache Parquet (snappy); with --partitioned, a folder of year/month partitions.
    Parquet,
    /// A GDELT 2.0-style event table (61 tab-separated columns) for GDELT tools; its fixed
    /// columns have no place for the qualifiers.
    Gdelt,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Output file.
    #[arg(long, required_unless_present = "partitioned")]
    out: Option<std::path::PathBuf>,
    /// With --format parquet: write year=/month= partitions into this new or empty folder.
    #[arg(long, conflicts_with = "out")]
    partitioned: Option<std::path::PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
}

/// The event filters shared by `dyad events` and `dyad export`.
#[derive(Args)]
pub struct FilterArgs {
    /// Entity code among the actors (RUS, NATO).
    #[arg(long)]
    pub actor: Option<String>,
    /// Entity code among the recipients.
    #[arg(long)]
    pub recipient: Option<String>,
    /// PLOVER event type (AID, ASSAULT, …).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    #[arg(long)]
    pub mode: Option<String>,
    /// Earliest event date: YYYY-MM-DD, or YYYY-MM or YYYY (from its first day).
    #[arg(long)]
    pub since: Option<String>,
    /// Latest event date: YYYY-MM-DD, or YYYY-MM or YYYY (to its last day).
    #[arg(long)]
    pub until: Option<String>,
    /// Outlet or URL substring of a reporting source.
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub min_sources: Option<usize>,
    /// Words in an evidence sentence.
    #[arg(long)]
    pub text: Option<String>,
    /// Events that a source reports with this modality: asserted, historical, reported,
    /// future, hypothetical, conditional or negated.
    #[arg(long)]
    pub modality: Option<String>,
    /// Only events that a source states as a fact: asserted, with no hedge ("It is thought").
    #[arg(long)]
    pub certain: bool,
    #[arg(long)]
    pub limit: Option<usize>,
}

impl FilterArgs {
    /// The filters checked as the API checks them (`dyad-server/src/params.rs`): codes are
    /// letters and digits, the type a PLOVER type, dates a day, month or year. A filter that
    /// could never match is an error, not an empty answer.
    pub fn filter(&self) -> Result<EventFilter> {
        let (since, until) = self.bounds()?;
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                bail!("--until {u} is before --since {s}");
            }
        }
        let event_type = match &self.event_type {
            Some(t) => Some(
                t.trim()
                    .to_ascii_uppercase()
                    .parse::<EventType>()
                    .map_err(|e| anyhow::anyhow!("--type `{t}`: {e}"))?
                    .as_str()
                    .to_string(),
            ),
            None => None,
        };
        if let Some(m) = &self.mode {
            if !m.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                bail!("--mode `{m}` is not a PLOVER mode");
            }
        }
        let modality = match &self.modality {
            Some(m) => Some(
                m.parse::<Modality>()
                    .map_err(|e| anyhow::anyhow!("--modality {e}"))?
                    .as_str()
                    .to_string(),
            ),
            None => None,
        };
        Ok(EventFilter {
            actor: code("--actor", &self.actor)?,
            recipient: code("--recipient", &self.recipient)?,
            event_type,
            mode: self.mode.clone(),
            since: since.map(|d| d.to_string()),
            until: until.map(|d| d.to_string()),
            source: self.source.clone(),
            min_sources: self.min_sources,
            text: self.text.clone(),
            modality,
            certain: self.certain,
            limit: self.limit,
            ..EventFilter::default()
        })
    }

    /// `--since` and `--until` as dates: a month or year from its first day, to its last.
    pub fn bounds(&self) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
        let bound = |flag: &str, value: &Option<String>, end: bool| -> Result<Option<NaiveDate>> {
            let Some(v) = value else { return Ok(None) };
            match dyad_model::calendar::date_bound(v, end) {
                Some(d) => Ok(Some(d)),
                None => bail!("{flag} `{v}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
            }
        };
        Ok((bound("--since", &self.since, false)?, bound("--until", &self.until, true)?))
    }
}

/// An entity code (letters and digits, upper-cased). A name the lexicon knows is refused with
/// its code as a hint: `--actor "North Korea"` or `--actor Chad` would otherwise match
/// nothing. A code the lexicon does not know is kept (a dataset may bring its own).
fn code(flag: &str, value: &Option<String>) -> Result<Option<String>> {
    let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let resolver = dyad_formats::EntityResolver::new(dyad_lexicon::Lexicon::builtin());
    let upper = v.to_ascii_uppercase();
    let is_code = v.len() <= 16 && v.chars().all(|c| c.is_ascii_alphanumeric());
    if is_code && resolver.known_code(&upper) {
        return Ok(Some(upper));
    }
    match resolver.entity(v, "", "", None) {
        Some(e) if !e.code.is_empty() && e.code != upper => {
            bail!("{flag} `{v}` is a name, not a code: use {flag} {}", e.code)
        }
        _ if is_code => Ok(Some(upper)),
        _ => bail!("{flag} `{v}` is not a code (letters and digits, such as RUS or NATO)"),
    }
}

pub fn query(args: &FilterArgs, db: &Path) -> Result<Vec<EventRow>> {
    let filter = args.filter()?;
    let store = super::open_store(db, false)?;
    Ok(store.events(&filter)?)
}

pub fn run(args: &EventsArgs, db: &Path) -> Result<ExitCode> {
    let rows = query(&args.filter, db)?;
    if rows.is_empty() {
        // Said on standard error, whatever the format: standard output stays data (a CSV
        // keeps its header) and a table with no rows would look like a failure.
        eprintln!("dyad: no events match");
        if args.to == Output::Table {
            return Ok(ExitCode::SUCCESS);
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.to {
        Output::Table => {
            writeln!(
                out,
                "{:>6}  {:<10}  {:<9}  {:<20}  {:<20}  {:<12}  {:>7}  {:>8}  evidence",
                "id", "date", "event", "actor", "recipient", "modality", "sources", "mentions"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:>6}  {:<10}  {:<9}  {:<20}  {:<20}  {:<12}  {:>7}  {:>8}  {}{}",
                    r.id,
                    r.date.as_deref().unwrap_or("?"),
                    r.event,
                    party_label(&r.actors, "?"),
                    party_label(&r.recipients, "-"),
                    r.modality(),
                    r.n_sources,
                    r.n_mentions,
                    printable(&r.evidence_excerpt(EVIDENCE_WIDTH)),
                    certainty_notes(r)
                )?;
            }
        }
        Output::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, &r.to_json(true))?;
                out.write_all(b"\n")?;
            }
        }
        Output::Csv => write_csv(&mut out, &rows)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// How many characters of the evidence sentence the table shows.
const EVIDENCE_WIDTH: usize = 90;

/// What the table says after the evidence about how sure the event is: the hedge, whom the
/// text attributes it to, and whether merged reports differ.
fn certainty_notes(r: &EventRow) -> String {
    let mut notes = Vec::new();
    if let Some(h) = r.hedge() {
        notes.push(format!("hedge: {h}"));
    }
    if let Some(a) = r.attribution() {
        notes.push(format!("per {a}"));
    }
    if r.modalities.len() > 1 {
        notes.push(format!("sources put it as {}", r.modalities.join(", ")));
    }
    if r.figures_disagree() {
        notes.push(format!("figures differ across {} sources", r.n_sources));
    }
    if r.dates_disagree() {
        notes.push(format!("dates differ: {}", r.mention_dates().join(", ")));
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!("  [{}]", printable(&notes.join("; ")))
    }
}

/// `dyad export`: the filtered events to a file (or a folder of Parquet partitions). The
/// file is written under a temporary name and renamed when complete, so a failed export
/// never leaves a partial file under the name asked for.
pub fn export(args: &ExportArgs, db: &Path) -> Result<ExitCode> {
    let rows = query(&args.filter, db)?;
    if let Some(dir) = &args.partitioned {
        if args.format != ExportFormat::Parquet {
            bail!("--partitioned works with --format parquet only");
        }
        let n = dyad_formats::parquet::write_partitioned(dir, &rows)
            .with_context(|| format!("cannot write partitions to {}", dir.display()))?;
        eprintln!("dyad: exported {} events to {} partitions in {}", rows.len(), n, dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    let Some(out_path) = &args.out else { bail!("--out is required") };
    let mut tmp_name = out_path.as_os_str().to_owned();
    tmp_name.push(".dyad-partial");
    let tmp = std::path::PathBuf::from(tmp_name);
    let written = write_export(args.format, &tmp, &rows);
    let written = match written {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.context(format!("cannot write {}", out_path.display())));
        }
    };
    std::fs::rename(&tmp, out_path)
        .with_context(|| format!("cannot move the export into place at {}", out_path.display()))?;
    let left_out = rows.len() - written;
    if rows.is_empty() {
        // Still written (a CSV with its header, an empty JSONL file), so that a scheduled
        // export finds its file; but said, so that nobody takes it for a failure.
        eprintln!("dyad: no events match: {} holds none", out_path.display());
    } else if left_out > 0 {
        eprintln!(
            "dyad: exported {written} events to {} ({left_out} without a date left out: GDELT needs SQLDATE)",
            out_path.display()
        );
    } else {
        eprintln!("dyad: exported {written} events to {}", out_path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the export to `path`; returns the number of events written.
fn write_export(format: ExportFormat, path: &Path, rows: &[EventRow]) -> Result<usize> {
    let file = std::fs::File::create(path)?;
    let mut out = std::io::BufWriter::new(file);
    let written = match format {
        ExportFormat::Csv => {
            write_csv(&mut out, rows)?;
            rows.len()
        }
        ExportFormat::Plover => {
            for r in rows {
                serde_json::to_writer(&mut out, &plover_record(r))?;
                out.write_all(b"\n")?;
            }
            rows.len()
        }
        ExportFormat::Gdelt => dyad_formats::gdelt::write(&mut out, rows)?,
        ExportFormat::Parquet => {
            dyad_formats::parquet::write(&mut out, rows)?;
            rows.len()
        }
    };
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok(written)
}

/// A PLOVER record for a merged event: the PLOVER data fields, the entities and evidence of
/// its first mention, and dyad's extensions (documented in docs/event.schema.json,
/// `export_record`): how the text puts it (modality, hedge, attribution), the figure it
/// reports with its qualifier, the date's precision, its sources.
fn plover_record(r: &EventRow) -> serde_json::Value {
    let first = r.mentions.first().cloned().unwrap_or_default();
    let qualifiers = Qualifiers::of(r);
    json!({
        "id": format!("dyad-{}", r.id),
        "date": r.date,
        "date_precision": qualifiers.date_precision,
        "event": r.event,
        "actor": first["actor"],
        "recipient": first["recipient"],
        "mode": r.modes,
        "context": first["context"],
        "event_loc": first["event_loc"],
        "quad_code": first["quad_code"],
        "event_scale": first["intensity"],
        "cameo": first["cameo"],
        "text": first["text"],
        "event_text": [first["event_text"]],
        "modality": qualifiers.modality,
        "hedge": qualifiers.hedge,
        "attribution": qualifiers.attribution,
        "size": qualifiers.size,
        "sizes": r.sizes.iter().map(|f| json!({"value": f.value, "unit": f.unit, "qualifier": f.qualifier, "source": f.source})).collect::<Vec<_>>(),
        "n_sources": r.n_sources,
        "sources": r.sources,
        "n_mentions": r.n_mentions,
        "cite_info": r.mentions.iter().map(|m| json!({"doc_id": m["doc_id"], "sentence": m["text_info"]["sentence"], "rule": m["rule"]})).collect::<Vec<_>>(),
        "coder": dyad_coder::CODER_VERSION,
    })
}

/// The CSV columns of `dyad events --to csv` and `dyad export --format csv`. The qualifiers
/// come after the original columns, so that readers by position keep working.
const CSV_HEADER: &str = "id,date,event,actor,recipient,modes,modalities,n_sources,n_mentions,sizes,evidence,date_precision,modality,hedge,attribution,attribution_source";

fn write_csv(out: &mut dyn Write, rows: &[EventRow]) -> Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for r in rows {
        let sizes: Vec<String> =
            r.sizes.iter().map(|f| format!("{} ({})", f.describe(), f.source)).collect();
        let evidence = r.mentions.first().and_then(|m| m["text"].as_str()).unwrap_or("");
        let qualifiers = Qualifiers::of(r);
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
            qualifiers.date_precision.clone().unwrap_or_default(),
            qualifiers.modality.clone(),
            qualifiers.hedge.clone().unwrap_or_default(),
            qualifiers.attribution_text().unwrap_or_default().to_string(),
            qualifiers.attribution_source().unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// A parties key for a table: codes joined by '+', an empty code (an unidentified or generic
/// actor, docs/unidentified.md) as `unidentified`, and `none` for no party at all.
fn party_label(key: &str, none: &str) -> String {
    if key.is_empty() {
        return none.to_string();
    }
    let label = key
        .split('+')
        .map(|c| if c.is_empty() { "unidentified" } else { c })
        .collect::<Vec<_>>()
        .join("+");
    printable(&label).into_owned()
}
