//! `dyad dyads`, `dyad network`, `dyad blocs`, `dyad polarity`: the alliance analysis of the
//! store's events (see `dyad-analysis`), as tables, JSON, GraphML, DOT and charts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dyad_analysis::{
    analyse, charts, next_period, Analysis, Granularity, Interaction, NetworkOptions,
    SignedNetwork, Tally, TallyOptions,
};
use dyad_store::{EventRow, FactsOrder};
use serde_json::json;

use super::events::FilterArgs;

/// The interactions between states of the merged events (see `dyad_analysis::from_events`),
/// states being the countries the lexicon knows.
pub fn interactions(rows: &[EventRow], lexicon: &dyad_lexicon::Lexicon) -> Vec<Interaction> {
    dyad_analysis::from_events(rows, &|code| lexicon.country(code).is_some())
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum Period {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub fn granularity(self) -> Granularity {
        match self {
            Period::Day => Granularity::Day,
            Period::Week => Granularity::Week,
            Period::Month => Granularity::Month,
            Period::Quarter => Granularity::Quarter,
            Period::Year => Granularity::Year,
        }
    }
}

/// What `network`, `blocs`, `polarity` and `report` analyse: the store, the event filters,
/// the lexicon that says which codes are states, and the network thresholds.
#[derive(Args)]
pub struct Selection {
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub lexicon: crate::LexiconArgs,
}

impl Selection {
    /// The sums of the selected events that `options` asks for, and the --since/--until
    /// dates.
    pub fn tally(
        &self,
        options: TallyOptions,
    ) -> Result<(Tally, Option<NaiveDate>, Option<NaiveDate>)> {
        let tally = tally(&self.filter, &self.db, &self.lexicon, options)?;
        let (since, until) = self.filter.bounds()?;
        Ok((tally, since, until))
    }
}

impl Selection {
    /// With no filter and the default network options, the analyses the store keeps for
    /// `dyad serve` (`dyad_analysis::saved_whole` for `g` none, `saved_monthly_windows` by
    /// month): read back where saved, else computed and saved, so that a server started
    /// afterwards reads them. `None` for any other selection, which is computed as before.
    fn saved_windows(&self, g: Option<Granularity>) -> Result<Option<Vec<dyad_analysis::Window>>> {
        let unfiltered = self.filter.filter()? == dyad_store::EventFilter::default()
            && self.network.options(None, None) == NetworkOptions::default();
        if !unfiltered || !matches!(g, None | Some(Granularity::Month)) {
            return Ok(None);
        }
        let mut store = super::open_store(&self.db, false)?;
        let lexicon = crate::input::load_lexicon(&self.lexicon)?;
        let is_state = |code: &str| lexicon.country(code).is_some();
        let (windows, to_save) = match g {
            None => {
                let (whole, to_save) =
                    dyad_analysis::saved_whole(&store, lexicon.version(), &is_state)?;
                (vec![whole], to_save)
            }
            Some(_) => {
                let (windows, to_save) = dyad_analysis::saved_monthly_windows(
                    &store,
                    lexicon.version(),
                    &is_state,
                    &|| false,
                )?;
                (windows?, to_save)
            }
        };
        // Not saved (another process is writing the store): computed again next time.
        let _ = store.save_analyses(&to_save);
        Ok(Some(windows))
    }
}

/// Options of the network shared by `network`, `blocs`, `polarity` and `report`.
#[derive(Args, Clone)]
pub struct NetworkArgs {
    /// Events a pair of countries needs for an edge.
    #[arg(long, default_value_t = 1)]
    min_events: usize,
    /// The least absolute summed intensity of an edge.
    #[arg(long, default_value_t = 0.5)]
    min_weight: f64,
}

impl NetworkArgs {
    pub fn options(&self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> NetworkOptions {
        NetworkOptions { min_events: self.min_events, min_weight: self.min_weight, since, until }
    }
}

/// The selected events read from the store into sums (see `dyad_analysis::Tally`): from the
/// store's monthly sums where they answer, else one event at a time. Memory grows with
/// countries and periods, not with events.
fn tally(
    filter: &FilterArgs,
    db: &Path,
    lexicon: &crate::LexiconArgs,
    options: TallyOptions,
) -> Result<Tally> {
    let filter = filter.filter()?;
    let store = super::open_store(db, false)?;
    let lexicon = crate::input::load_lexicon(lexicon)?;
    let is_state = |code: &str| lexicon.country(code).is_some();
    Ok(Tally::from_store(&store, &filter, options, FactsOrder::Date, &is_state)?)
}

/// The windows of a tally, or the error that says there would be too many (exit 2).
fn windows_of(
    tally: &Tally,
    g: Option<Granularity>,
    base: &NetworkOptions,
) -> Result<Vec<dyad_analysis::Window>> {
    Ok(tally.windows(g, base)?)
}

/// Writes a chart: SVG as it is, PNG rendered from it (by the extension).
pub fn write_chart(path: &Path, svg: &str) -> Result<()> {
    let is_png = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if is_png {
        let png = crate::render::svg_to_png(svg)?;
        std::fs::write(path, png).with_context(|| format!("cannot write {}", path.display()))?;
    } else {
        std::fs::write(path, svg).with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!("dyad: chart written to {}", path.display());
    Ok(())
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum TableOutput {
    Table,
    Jsonl,
    Csv,
}

#[derive(Args)]
pub struct DyadsArgs {
    #[arg(long, default_value = "dyad.db")]
    db: PathBuf,
    /// Period of each point.
    #[arg(long, value_enum, default_value_t = Period::Month)]
    by: Period,
    #[arg(long, value_enum, default_value_t = TableOutput::Table)]
    to: TableOutput,
    /// Also draw the summed intensity of the busiest dyads over time (.svg or .png).
    #[arg(long)]
    chart: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    lexicon: crate::LexiconArgs,
}

pub fn dyads(args: &DyadsArgs) -> Result<ExitCode> {
    let g = args.by.granularity();
    let options = TallyOptions {
        dyads: Some(g),
        event_ids: args.to == TableOutput::Jsonl,
        ..TallyOptions::default()
    };
    let series = tally(&args.filter, &args.db, &args.lexicon, options)?.dyad_series();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // The columns of the table and the CSV: period, actor, recipient, events, q1..q4,
    // summed and mean intensity, sources.
    let fields = |p: &dyad_analysis::DyadPoint| -> [String; 11] {
        [
            p.period.to_string(),
            p.actor.clone(),
            p.recipient.clone(),
            p.n_events.to_string(),
            p.quad_counts[0].to_string(),
            p.quad_counts[1].to_string(),
            p.quad_counts[2].to_string(),
            p.quad_counts[3].to_string(),
            format!("{:.1}", p.intensity_sum),
            format!("{:.2}", p.intensity_mean),
            p.n_sources.to_string(),
        ]
    };
    const HEADER: [&str; 11] = [
        "period",
        "actor",
        "recipient",
        "n_events",
        "q1",
        "q2",
        "q3",
        "q4",
        "intensity_sum",
        "intensity_mean",
        "n_sources",
    ];
    match args.to {
        TableOutput::Table => {
            let widths = [10, 6, 9, 8, 4, 4, 4, 4, 13, 14, 9];
            let line = |cells: &[String]| -> String {
                cells
                    .iter()
                    .zip(widths)
                    .enumerate()
                    .map(|(i, (c, w))| if i < 3 { format!("{c:<w$}") } else { format!("{c:>w$}") })
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            writeln!(out, "{}", line(&HEADER.map(str::to_string)))?;
            for p in &series {
                writeln!(out, "{}", line(&fields(p)))?;
            }
        }
        TableOutput::Jsonl => {
            for p in &series {
                let record = json!({
                    "period": p.period.to_string(), "actor": p.actor, "recipient": p.recipient,
                    "n_events": p.n_events, "quad_counts": p.quad_counts,
                    "intensity_sum": p.intensity_sum, "intensity_mean": p.intensity_mean,
                    "n_sources": p.n_sources, "events": p.event_ids,
                });
                serde_json::to_writer(&mut out, &record)?;
                out.write_all(b"\n")?;
            }
        }
        TableOutput::Csv => {
            writeln!(out, "{}", HEADER.join(","))?;
            for p in &series {
                writeln!(out, "{}", fields(p).join(","))?;
            }
        }
    }
    out.flush()?;
    if let Some(path) = &args.chart {
        write_chart(path, &dyad_chart(&series, args.by.granularity(), 5, &|_, _| None))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The summed intensity over time of the `top` dyads with the most events.
pub fn dyad_chart(
    series: &[dyad_analysis::DyadPoint],
    g: Granularity,
    top: usize,
    link: &dyn Fn(&str, &str) -> Option<String>,
) -> String {
    let mut totals: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for p in series {
        *totals.entry((&p.actor, &p.recipient)).or_default() += p.n_events;
    }
    let mut ranked: Vec<((&str, &str), usize)> = totals.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (Some(first), Some(last)) =
        (series.iter().map(|p| p.period).min(), series.iter().map(|p| p.period).max())
    else {
        return charts::line_chart(
            "Dyad intensity over time",
            "summed PLOVER intensity",
            &[],
            None,
        );
    };
    let lines: Vec<charts::Series> = ranked
        .iter()
        .take(top)
        .map(|((a, r), _)| {
            // Every period from the first to the last: a period without events sums to 0.
            let mut points = Vec::new();
            let mut period = first;
            while period <= last {
                let found = series
                    .iter()
                    .find(|p| p.actor == *a && p.recipient == *r && p.period == period);
                let (value, n) = found.map_or((0.0, 0), |p| (p.intensity_sum, p.n_events));
                points.push(charts::Point {
                    date: period,
                    value,
                    label: format!("{a} → {r}, {period}: {n} events, intensity {value:+.1}"),
                    link: if n > 0 { link(a, r) } else { None },
                });
                period = next_period(period, g);
            }
            charts::Series { name: format!("{a} → {r}"), points }
        })
        .collect();
    charts::line_chart("Dyad intensity over time", "summed PLOVER intensity", &lines, None)
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum NetworkFormat {
    Json,
    Graphml,
    Dot,
}

#[derive(Args)]
pub struct NetworkCmdArgs {
    #[arg(long, value_enum, default_value_t = NetworkFormat::Json)]
    format: NetworkFormat,
    /// One network per period of this length (JSON: a list of windows; GraphML and DOT: one
    /// file per window in the --out folder).
    #[arg(long, value_enum)]
    window: Option<Period>,
    /// Output file (folder with --window for GraphML and DOT); standard output if absent.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also draw the network with its blocs (.svg or .png).
    #[arg(long)]
    chart: Option<PathBuf>,
    #[command(flatten)]
    selection: Selection,
}

fn render_network(format: NetworkFormat, net: &SignedNetwork, a: &Analysis) -> String {
    match format {
        NetworkFormat::Json => {
            let mut v = dyad_analysis::to_json(net, Some(a));
            v["frustration"] = json!(a.frustration.value);
            v["polarity"] = json!(a.polarity);
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
        NetworkFormat::Graphml => dyad_analysis::to_graphml(net, Some(a)),
        NetworkFormat::Dot => dyad_analysis::to_dot(net, Some(a)),
    }
}

pub fn network_cmd(args: &NetworkCmdArgs) -> Result<ExitCode> {
    let g = args.window.map(Period::granularity);
    let options = TallyOptions { whole: true, windows: g, dyads: None, event_ids: true };
    let (tally, since, until) = args.selection.tally(options)?;
    let whole = tally.network(&args.selection.network.options(since, until));
    let whole_analysis = analyse(&whole);
    if let Some(path) = &args.chart {
        let title = "Signed network of states, blocs coloured";
        write_chart(
            path,
            &charts::network_chart(title, &whole, &whole_analysis, &|a, b| {
                Some(format!("#dyad-{a}-{b}"))
            }),
        )?;
    }
    let Some(window) = args.window else {
        let text = render_network(args.format, &whole, &whole_analysis);
        return emit(args.out.as_deref(), &text);
    };
    let base = args.selection.network.options(since, until);
    let spans = windows_of(&tally, Some(window.granularity()), &base)?;
    if args.format == NetworkFormat::Json {
        let list: Vec<serde_json::Value> =
            spans.iter().map(dyad_analysis::Window::to_json).collect();
        let text = serde_json::to_string_pretty(&json!({ "windows": list }))? + "\n";
        return emit(args.out.as_deref(), &text);
    }
    let Some(dir) = &args.out else {
        bail!("--window with GraphML or DOT writes one file per window: give --out FOLDER");
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let ext = if args.format == NetworkFormat::Graphml { "graphml" } else { "dot" };
    for w in &spans {
        let name = w.start.map_or("all".to_string(), |d| d.to_string());
        let path = dir.join(format!("network-{name}.{ext}"));
        std::fs::write(&path, render_network(args.format, &w.network, &w.analysis))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!("dyad: {} networks written to {}", spans.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}

fn emit(out: Option<&Path>, text: &str) -> Result<ExitCode> {
    match out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            if let Err(e) = lock.write_all(text.as_bytes()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

#[derive(Args)]
pub struct BlocsArgs {
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    to: TextOrJson,
    #[command(flatten)]
    selection: Selection,
}

pub fn blocs(args: &BlocsArgs) -> Result<ExitCode> {
    let (net, a) = match args.selection.saved_windows(None)?.and_then(|mut w| w.pop()) {
        Some(whole) => (whole.network, whole.analysis),
        None => {
            let (tally, since, until) =
                args.selection.tally(TallyOptions { whole: true, ..TallyOptions::default() })?;
            let net = tally.network(&args.selection.network.options(since, until));
            let a = analyse(&net);
            (net, a)
        }
    };
    match args.to {
        TextOrJson::Json => {
            let mut v = a.to_json();
            v["nodes"] = json!(net.nodes.len());
            v["edges"] = json!(net.edges.len());
            emit(None, &(serde_json::to_string_pretty(&v)? + "\n"))
        }
        TextOrJson::Text => {
            outln!("network: {} countries, {} ties", net.nodes.len(), net.edges.len());
            for (i, b) in a.blocs.iter().enumerate() {
                outln!("bloc {}: {}", i + 1, b.members.join(", "));
            }
            if !a.unaligned.is_empty() {
                outln!("unaligned: {}", a.unaligned.join(", "));
            }
            let f = &a.frustration;
            if f.exact {
                outln!(
                    "frustration: {:.2} (exact), the weight of the ties that go against the two sides below: {:.0}% of the most it could be (half the weight of all ties); 0% means two cleanly opposed sides, 100% no better than a random split",
                    f.value,
                    f.normalised * 100.0
                );
            } else {
                outln!(
                    "frustration: between {:.2} and {:.2} ({})",
                    f.lower_bound,
                    f.value,
                    f.method
                );
            }
            if !a.sides[0].is_empty() {
                outln!("two sides: {} | {}", a.sides[0].join(", "), a.sides[1].join(", "));
            }
            outln!(
                "polarity: {:.3} (balance {:.3} × parity {:.3} × alignment {:.3}); effective number of blocs {:.2}",
                a.polarity,
                a.balance,
                a.parity,
                a.alignment,
                a.effective_blocs
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Args)]
pub struct PolarityArgs {
    /// Window length; one window over the whole store by default.
    #[arg(long, value_enum)]
    window: Option<Period>,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    to: TextOrJson,
    /// Also draw the polarity over time (.svg or .png).
    #[arg(long)]
    chart: Option<PathBuf>,
    #[command(flatten)]
    selection: Selection,
}

/// The polarity chart of windows, each point linking to its row in a report.
pub fn polarity_chart(windows: &[dyad_analysis::Window]) -> String {
    charts::polarity_chart(windows, &|_, w| w.start.map(|s| format!("#window-{s}")))
}

pub fn polarity(args: &PolarityArgs) -> Result<ExitCode> {
    let g = args.window.map(Period::granularity);
    let results = match args.selection.saved_windows(g)? {
        Some(results) => results,
        None => {
            let options =
                TallyOptions { whole: g.is_none(), windows: g, ..TallyOptions::default() };
            let (tally, since, until) = args.selection.tally(options)?;
            let base = args.selection.network.options(since, until);
            windows_of(&tally, g, &base)?
        }
    };
    if let Some(path) = &args.chart {
        write_chart(path, &polarity_chart(&results))?;
    }
    match args.to {
        TextOrJson::Json => {
            let list: Vec<serde_json::Value> = results
                .iter()
                .map(|w| {
                    let mut v = w.analysis.to_json();
                    v["start"] = json!(w.start.map(|d| d.to_string()));
                    v["end"] = json!(w.end.map(|d| d.to_string()));
                    v["nodes"] = json!(w.network.nodes.len());
                    v["edges"] = json!(w.network.edges.len());
                    v
                })
                .collect();
            emit(None, &(serde_json::to_string_pretty(&json!({ "windows": list }))? + "\n"))
        }
        TextOrJson::Text => {
            outln!(
                "{:<10}  {:<10}  {:>8}  {:>7}  {:>9}  {:>5}  members of each bloc",
                "start",
                "end",
                "polarity",
                "n_blocs",
                "countries",
                "ties"
            );
            for w in &results {
                let (start, end, net, a) = (&w.start, &w.end, &w.network, &w.analysis);
                let blocs: Vec<String> =
                    a.blocs.iter().map(|b| format!("[{}]", b.members.join(" "))).collect();
                outln!(
                    "{:<10}  {:<10}  {:>8.3}  {:>7}  {:>9}  {:>5}  {}",
                    start.map_or("-".to_string(), |d| d.to_string()),
                    end.map_or("-".to_string(), |d| d.to_string()),
                    a.polarity,
                    a.blocs.len(),
                    net.nodes.len(),
                    net.edges.len(),
                    blocs.join(" ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
