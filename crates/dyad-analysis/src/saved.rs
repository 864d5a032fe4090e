//! The analyses a server shows first — every month's network and analysis, every month's
//! dyad points, and the network of all events — kept in the store with the stamps of the
//! months they come from (`Store::month_stamps`), so that each is computed once and again only when its months'
//! events change: after a write to June, June and the whole network are analysed again, the
//! other months are read back.
//!
//! A result is keyed by what it is (one row each: a new result replaces the old) and used
//! only with the stamp it was computed at — its months' stamps, this crate's build
//! (`DYAD_ANALYSIS_DIGEST`, a digest of its sources) and the caller's `context` (the
//! lexicon's version: which codes are states) —, so it is always the one the events give
//! (tested against the tally of the events in `tests/tally.rs`). Only the default network
//! options and no filter are kept: other requests are computed as before.
//!
//! The functions here only read the store; what should be saved is returned ([`ToSave`]) for
//! the caller to write on a connection of its choosing (the server uses one whose own writes
//! do not count as changes to the store).

use chrono::NaiveDate;
use dyad_store::{EventFilter, FactsOrder, Store, StoreError};

use std::collections::HashMap;

use crate::{analyse, next_period, DyadPoint, Granularity, NetworkOptions, SignedNetwork};
use crate::{Tally, TallyOptions, TooManyWindows, Window};

/// Results to save: `(key, stamp, body)` for `Store::save_analyses`.
pub type ToSave = Vec<(String, String, Vec<u8>)>;

/// One month as saved: its window, and whether any event of the month ties two states (the
/// months from the first such to the last are the windows).
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedMonth {
    ties: bool,
    window: Window,
}

/// The stamp of a result computed from months whose stamps are `months`.
fn stamp(months: &str, context: &str) -> String {
    format!("{months} analysis {} lexicon {context}", env!("DYAD_ANALYSIS_DIGEST"))
}

/// The first day of `month` (`YYYY-MM`).
fn month_start(month: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()
}

/// The window of a month without edges.
fn empty_window(start: NaiveDate) -> Window {
    let network = SignedNetwork::default();
    let analysis = analyse(&network);
    let end = next_period(start, Granularity::Month).pred_opt();
    Window { start: Some(start), end, network, analysis }
}

/// One dated month: its first day, its stamp and what is saved or computed for it.
type Month<T> = (NaiveDate, String, Option<T>);

/// The values of the months of a run, or the refusal of too many windows.
type Computed<T> = Result<Result<HashMap<NaiveDate, T>, TooManyWindows>, StoreError>;

/// Every dated month with its value, and what to save; or the refusal of too many windows.
type Months<T> = Result<Result<(Vec<Month<T>>, ToSave), TooManyWindows>, StoreError>;

/// Each dated month of the store with its saved `T` (under `what` and the month, decoded by
/// `decode`), and the runs of months not saved (next to each other in the list) computed
/// together by `compute(first, last)`, which gives the run's months' values; these are
/// returned to save, encoded by `encode`.
fn by_month<T>(
    store: &Store,
    context: &str,
    what: &str,
    decode: &dyn Fn(Vec<u8>) -> Option<T>,
    encode: &dyn Fn(&T) -> Option<Vec<u8>>,
    compute: &mut dyn FnMut(NaiveDate, NaiveDate) -> Computed<T>,
    empty: &dyn Fn(NaiveDate) -> T,
) -> Months<T> {
    let month_key = |start: NaiveDate| format!("{what} {}", start.format("%Y-%m"));
    let mut months: Vec<Month<T>> = Vec::new();
    for (month, stamp) in store.month_stamps()? {
        let Some(start) = month_start(&month) else { continue };
        let stamp = self::stamp(&stamp.to_string(), context);
        let saved = store.saved_analysis(&month_key(start), &stamp)?.and_then(decode);
        months.push((start, stamp, saved));
    }
    let mut to_save = ToSave::new();
    let mut i = 0;
    while i < months.len() {
        if months[i].2.is_some() {
            i += 1;
            continue;
        }
        let run_end = (i..months.len()).find(|j| months[*j].2.is_some()).unwrap_or(months.len());
        let mut computed = match compute(months[i].0, months[run_end - 1].0)? {
            Ok(computed) => computed,
            Err(e) => return Ok(Err(e)),
        };
        for (start, stamp, saved) in &mut months[i..run_end] {
            let value = computed.remove(start).unwrap_or_else(|| empty(*start));
            if let Some(body) = encode(&value) {
                to_save.push((month_key(*start), stamp.clone(), body));
            }
            *saved = Some(value);
        }
        i = run_end;
    }
    Ok(Ok((months, to_save)))
}

/// The tally of the events from the first day of month `first` to the last of month `last`.
fn tally_of_months(
    store: &Store,
    first: NaiveDate,
    last: NaiveDate,
    options: TallyOptions,
    is_state: &dyn Fn(&str) -> bool,
) -> Result<Tally, StoreError> {
    let filter = EventFilter {
        since: Some(first.to_string()),
        until: next_period(last, Granularity::Month).pred_opt().map(|d| d.to_string()),
        ..EventFilter::default()
    };
    Tally::from_store(store, &filter, options, FactsOrder::Date, is_state)
}

/// The monthly windows of all events with the default network options, as
/// `Tally::windows(Some(Granularity::Month), &NetworkOptions::default())` gives them for the
/// tally of the whole store: saved months are read back, the others analysed (each run of
/// them together, on every core) and returned to save. Stops with `StoreError::Cancelled`
/// when `stop()` answers true.
pub fn saved_monthly_windows(
    store: &Store,
    context: &str,
    is_state: &dyn Fn(&str) -> bool,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<(Result<Vec<Window>, TooManyWindows>, ToSave), StoreError> {
    let base = NetworkOptions::default();
    let options = TallyOptions { windows: Some(Granularity::Month), ..TallyOptions::default() };
    let months = by_month(
        store,
        context,
        "month",
        &|body| serde_json::from_slice::<SavedMonth>(&body).ok(),
        &|month| serde_json::to_vec(month).ok(),
        &mut |first, last| {
            let tally = tally_of_months(store, first, last, options, is_state)?;
            let with_ties = tally.window_starts();
            let windows = match tally.windows_until(Some(Granularity::Month), &base, stop) {
                Ok(windows) => windows,
                // More months than windows allowed: the whole store's list is refused too.
                Err(e) => return Ok(Err(e)),
            };
            if stop() {
                return Err(StoreError::Cancelled);
            }
            Ok(Ok(windows
                .into_iter()
                .filter_map(|w| {
                    let start = w.start?;
                    let ties = with_ties.binary_search(&start).is_ok();
                    Some((start, SavedMonth { ties, window: w }))
                })
                .collect()))
        },
        &|start| SavedMonth { ties: false, window: empty_window(start) },
    )?;
    let (months, to_save) = match months {
        Ok(found) => found,
        Err(e) => return Ok((Err(e), ToSave::new())),
    };
    // From the first month with ties to the last, the months without a stamp empty.
    let tied: Vec<NaiveDate> = months
        .iter()
        .filter(|(_, _, s)| s.as_ref().is_some_and(|s| s.ties))
        .map(|(d, _, _)| *d)
        .collect();
    let (Some(&first), Some(&last)) = (tied.first(), tied.last()) else {
        return Ok((Ok(Vec::new()), to_save));
    };
    let mut by_start: HashMap<NaiveDate, Window> =
        months.into_iter().filter_map(|(d, _, s)| s.map(|s| (d, s.window))).collect();
    let mut windows = Vec::new();
    let mut start = first;
    while start <= last {
        if windows.len() == crate::MAX_WINDOWS {
            let e = TooManyWindows { first, last, granularity: Granularity::Month };
            return Ok((Err(e), to_save));
        }
        windows.push(by_start.remove(&start).unwrap_or_else(|| empty_window(start)));
        start = next_period(start, Granularity::Month);
    }
    Ok((Ok(windows), to_save))
}

/// Each dated month's dyad points, rendered (see [`saved_monthly_dyads`]): read back where
/// saved, else computed and returned to save.
fn monthly_dyad_lines(
    store: &Store,
    context: &str,
    format: &str,
    is_state: &dyn Fn(&str) -> bool,
    render: &dyn Fn(&DyadPoint) -> String,
) -> Result<(Vec<Month<String>>, ToSave), StoreError> {
    let options = TallyOptions { dyads: Some(Granularity::Month), ..TallyOptions::default() };
    // A month's points, sorted by actor and recipient, one a line: actor, recipient and the
    // rendered point, tab-separated (codes hold no tab).
    let months = by_month(
        store,
        context,
        &format!("dyads {format}"),
        &|body| String::from_utf8(body).ok(),
        &|lines| Some(lines.as_bytes().to_vec()),
        &mut |first, last| {
            let tally = tally_of_months(store, first, last, options, is_state)?;
            let mut lines: HashMap<NaiveDate, String> = HashMap::new();
            for p in tally.dyad_series() {
                let line = lines.entry(p.period).or_default();
                line.push_str(&format!("{}\t{}\t{}\n", p.actor, p.recipient, render(&p)));
            }
            Ok(Ok(lines))
        },
        &|_| String::new(),
    )?;
    // `by_month` refuses nothing here: only windows are counted.
    Ok(months.unwrap_or_default())
}

/// The directed dyad series by month of all events, as `Tally::dyad_series` gives it for the
/// whole store's tally by month without event ids, each point written by `render` (whose
/// output must hold no line break; `format` names it in the saved results' keys): one
/// rendered point per line, and the number of points. Saved months are read back, the
/// others computed and returned to save.
pub fn saved_monthly_dyads(
    store: &Store,
    context: &str,
    format: &str,
    is_state: &dyn Fn(&str) -> bool,
    render: &dyn Fn(&DyadPoint) -> String,
) -> Result<((String, usize), ToSave), StoreError> {
    let (months, to_save) = monthly_dyad_lines(store, context, format, is_state, render)?;
    // The months come in date order: the points of each pair, bucketed in the order they
    // come, are in period order, and the pairs sorted give the series' order (actor,
    // recipient, period). Bucketing (a map of pairs, not a sort of points) keeps this linear
    // in the points: a sort of the 1.2M points of 10M events compared strings for most of
    // its time.
    let mut pair_ids: HashMap<(&str, &str), usize> = HashMap::new();
    let mut points: Vec<(usize, &str)> = Vec::new();
    for line in months.iter().filter_map(|(_, _, lines)| lines.as_deref()).flat_map(str::lines) {
        let mut fields = line.splitn(3, '\t');
        let (Some(actor), Some(recipient), Some(point)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let next = pair_ids.len();
        points.push((*pair_ids.entry((actor, recipient)).or_insert(next), point));
    }
    let mut pairs: Vec<((&str, &str), usize)> = pair_ids.into_iter().collect();
    pairs.sort_unstable();
    let mut rank = vec![0; pairs.len()];
    for (r, (_, id)) in pairs.iter().enumerate() {
        rank[*id] = r;
    }
    // A counting sort by the pairs' ranks, stable.
    let mut starts = vec![0usize; pairs.len() + 1];
    for (id, _) in &points {
        starts[rank[*id] + 1] += 1;
    }
    for r in 0..pairs.len() {
        starts[r + 1] += starts[r];
    }
    let mut ordered: Vec<&str> = vec![""; points.len()];
    for (id, point) in &points {
        let slot = &mut starts[rank[*id]];
        ordered[*slot] = point;
        *slot += 1;
    }
    // Room for a line more, so that a caller that adds one (a count) does not copy it all.
    let mut out = String::with_capacity(ordered.iter().map(|p| p.len() + 1).sum::<usize>() + 32);
    for point in &ordered {
        out.push_str(point);
        out.push('\n');
    }
    Ok(((out, points.len()), to_save))
}

/// The network of all events with the default network options and its analysis, as one
/// window (`Tally::windows(None, &NetworkOptions::default())` of the whole store's tally):
/// read back when no month has changed since it was saved, else computed and returned to
/// save.
pub fn saved_whole(
    store: &Store,
    context: &str,
    is_state: &dyn Fn(&str) -> bool,
) -> Result<(Window, ToSave), StoreError> {
    let stamps = store.month_stamps()?;
    let months: String = stamps.iter().map(|(m, s)| format!("{m}:{s};")).collect();
    let (key, stamp) = ("whole".to_string(), stamp(&months, context));
    let saved = store.saved_analysis(&key, &stamp)?;
    if let Some(window) = saved.and_then(|body| serde_json::from_slice::<Window>(&body).ok()) {
        return Ok((window, ToSave::new()));
    }
    let options = TallyOptions { whole: true, ..TallyOptions::default() };
    let tally =
        Tally::from_store(store, &EventFilter::default(), options, FactsOrder::Date, is_state)?;
    let window = tally.windows(None, &NetworkOptions::default()).ok().and_then(|mut w| w.pop());
    let window = window.unwrap_or_else(|| {
        // `windows(None, …)` always gives one window; this only keeps the types whole.
        let network = tally.network(&NetworkOptions::default());
        Window { start: None, end: None, analysis: analyse(&network), network }
    });
    let to_save = serde_json::to_vec(&window).map(|b| vec![(key, stamp, b)]).unwrap_or_default();
    Ok((window, to_save))
}

/// The name under which the dyad points are kept as [`DyadPoint::to_json`] writes them
/// without ids (what `/api/dyads` answers).
pub const DYADS_JSON: &str = "api";

/// Brings what a server shows first up to date in the store: the monthly windows
/// ([`saved_monthly_windows`]), the whole network ([`saved_whole`]) and the monthly dyad
/// points as [`DYADS_JSON`] ([`saved_monthly_dyads`]). Results still saved are read back (a
/// write to June analyses June and the whole network again, not the other months); the
/// others are computed and saved. The writers (`dyad import`, `dyad ingest`, `dyad bench
/// store`) call it after writing, so that a server started afterwards reads these instead of
/// computing them while its first visitor waits. Returns the number of results saved; saves
/// nothing (and says so by its error) when another connection is writing the store.
pub fn save_first_analyses(
    store: &mut Store,
    context: &str,
    is_state: &dyn Fn(&str) -> bool,
) -> Result<usize, StoreError> {
    // Too many months for windows: the server shows no chart then, and nothing is kept.
    let (_, mut to_save) = saved_monthly_windows(store, context, is_state, &|| false)?;
    to_save.extend(saved_whole(store, context, is_state)?.1);
    let render = |p: &DyadPoint| p.to_json(false);
    to_save.extend(monthly_dyad_lines(store, context, DYADS_JSON, is_state, &render)?.1);
    store.save_analyses(&to_save)?;
    Ok(to_save.len())
}
