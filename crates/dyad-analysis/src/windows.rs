//! The analysis of consecutive windows of time: one network per window, each analysed.

use chrono::NaiveDate;

use crate::{analyse, network, next_period, period_start, Analysis, Granularity, Interaction};
use crate::{NetworkOptions, SignedNetwork};

/// One window's network and its analysis.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Window {
    /// The window's first and last day; for the single window over everything, the bounds
    /// asked for or else the first and last event dates (`None` without dated events).
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub network: SignedNetwork,
    pub analysis: Analysis,
}

/// The most windows one request may build: a store whose dates span centuries (a document
/// dated 9999-12-31) would otherwise ask for millions.
pub const MAX_WINDOWS: usize = 5_000;

/// A request for more windows than [`MAX_WINDOWS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyWindows {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub granularity: Granularity,
}

impl std::fmt::Display for TooManyWindows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the events run from {} to {}: more than {MAX_WINDOWS} windows of one {}. Choose a longer window or narrow the dates with since/until",
            self.first,
            self.last,
            match self.granularity {
                Granularity::Day => "day",
                Granularity::Week => "week",
                Granularity::Month => "month",
                Granularity::Quarter => "quarter",
                Granularity::Year => "year",
            }
        )
    }
}

impl std::error::Error for TooManyWindows {}

/// With `g`, consecutive windows of that length from the period of the first dated
/// interaction to that of the last; without, one window with `base`'s bounds (undated
/// interactions included when it has none). `base` gives the edge thresholds. Refused when
/// there would be more than [`MAX_WINDOWS`] windows.
pub fn windows(
    interactions: &[Interaction],
    g: Option<Granularity>,
    base: &NetworkOptions,
) -> Result<Vec<Window>, TooManyWindows> {
    let dates = interactions.iter().filter_map(|i| i.date);
    let (first, last) = (dates.clone().min(), dates.max());
    window_list(first, last, g, base, &|| false, &|since, until| {
        network(interactions, &NetworkOptions { since, until, ..base.clone() })
    })
}

/// The windows between the dates `first` and `last` of the events, each network made by
/// `network_for(since, until)`: see [`windows`]. When `stop()` answers true, the windows
/// not yet analysed are left out.
pub(crate) fn window_list(
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    g: Option<Granularity>,
    base: &NetworkOptions,
    stop: &(dyn Fn() -> bool + Sync),
    network_for: &(dyn Fn(Option<NaiveDate>, Option<NaiveDate>) -> SignedNetwork + Sync),
) -> Result<Vec<Window>, TooManyWindows> {
    let one = |since: Option<NaiveDate>, until: Option<NaiveDate>, start, end| {
        let net = network_for(since, until);
        let analysis = analyse(&net);
        Window { start, end, network: net, analysis }
    };
    let Some(g) = g else {
        return Ok(vec![one(base.since, base.until, base.since.or(first), base.until.or(last))]);
    };
    let (Some(first), Some(last)) = (first, last) else { return Ok(Vec::new()) };
    // Counted before any is built.
    let mut starts = Vec::new();
    let mut start = period_start(first, g);
    while start <= last {
        if starts.len() == MAX_WINDOWS {
            return Err(TooManyWindows { first, last, granularity: g });
        }
        starts.push(start);
        start = next_period(start, g);
    }
    // The windows are independent: analysed on every core, each taking the next window
    // left, and returned in order.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Window>>> =
        starts.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(starts.len());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&start) = starts.get(i) else { break };
                if stop() {
                    break;
                }
                let next_start = next_period(start, g);
                let end = next_start.pred_opt().unwrap_or(next_start);
                let window = one(Some(start), Some(end), Some(start), Some(end));
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(window);
                }
            });
        }
    });
    Ok(slots.into_iter().map_while(|slot| slot.into_inner().ok().flatten()).collect())
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
