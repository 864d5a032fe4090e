//! The analysis of consecutive windows of time: one network per window, each analysed.

use chrono::NaiveDate;

use crate::{analyse, network, next_period, period_start, Analysis, Granularity, Interaction};
use crate::{NetworkOptions, SignedNetwork};

/// One window's network and its analysis.
#[derive(Debug, Clone)]
pub struct Window {
    /// The window's first and last day; for the single window over everything, the bounds
    /// asked for or else the first and last event dates (`None` without dated events).
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub network: SignedNetwork,
    pub analysis: Analysis,
}

/// With `g`, consecutive windows of that length from the period of the first dated
/// interaction to that of the last; without, one window with `base`'s bounds (undated
/// interactions included when it has none). `base` gives the edge thresholds.
pub fn windows(
    interactions: &[Interaction],
    g: Option<Granularity>,
    base: &NetworkOptions,
) -> Vec<Window> {
    let dates: Vec<NaiveDate> = interactions.iter().filter_map(|i| i.date).collect();
    let (first, last) = (dates.iter().min().copied(), dates.iter().max().copied());
    let one = |since: Option<NaiveDate>, until: Option<NaiveDate>, start, end| {
        let net = network(interactions, &NetworkOptions { since, until, ..base.clone() });
        let analysis = analyse(&net);
        Window { start, end, network: net, analysis }
    };
    let Some(g) = g else {
        return vec![one(base.since, base.until, base.since.or(first), base.until.or(last))];
    };
    let (Some(first), Some(last)) = (first, last) else { return Vec::new() };
    let mut out = Vec::new();
    let mut start = period_start(first, g);
    while start <= last {
        let next = next_period(start, g);
        let end = next.pred_opt().unwrap_or(next);
        out.push(one(Some(start), Some(end), Some(start), Some(end)));
        start = next;
    }
    out
}

impl Window {
    /// The window's analysis as JSON with its bounds and size (the `dyad polarity` shape).
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = self.analysis.to_json();
        v["start"] = serde_json::json!(self.start.map(|d| d.to_string()));
        v["end"] = serde_json::json!(self.end.map(|d| d.to_string()));
        v["nodes"] = serde_json::json!(self.network.nodes.len());
        v["edges"] = serde_json::json!(self.network.edges.len());
        v
    }
}
