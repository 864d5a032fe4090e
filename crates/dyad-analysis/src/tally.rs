//! The analysis from sums rather than events: merged events read one at a time (as
//! [`EventFacts`] from `Store::each_event_facts`) are folded into sums per pair of states and
//! period, so that memory grows with countries² × periods, not with events.
//!
//! The sums are the ones [`crate::network`], [`crate::windows`] and [`crate::dyad_series`]
//! make from the interactions of [`crate::from_events`], with the same semantics (an event
//! counted once per pair, co-actors tied only by what they do together cooperatively, events
//! that did not happen left out) and the same order of addition when the events come in the
//! order `from_events` is given them, so the results are identical (tested in
//! `tests/tally.rs`).

use std::collections::HashMap;

use chrono::NaiveDate;
use dyad_model::EventType;
use dyad_store::EventFacts;

use crate::dyads::{period_start, DyadPoint, Granularity};
use crate::windows::{window_list, TooManyWindows, Window};
use crate::{NetworkOptions, SignedNetwork};

/// What a [`Tally`] keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TallyOptions {
    /// The network of all events (for [`Tally::network`] and [`Tally::windows`] with no
    /// length).
    pub whole: bool,
    /// The networks of consecutive windows of this length ([`Tally::windows`]).
    pub windows: Option<Granularity>,
    /// The directed dyad series by periods of this length ([`Tally::dyad_series`]).
    pub dyads: Option<Granularity>,
    /// Keep the ids of the events behind each edge and dyad point (`Edge::event_ids`,
    /// `DyadPoint::event_ids`); without, those lists are empty and memory does not grow with
    /// events at all.
    pub event_ids: bool,
}

/// A pair's summed cooperation and conflict, its events and (optionally) their ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct PairSums {
    pub cooperation: f64,
    pub conflict: f64,
    pub n_events: usize,
    pub event_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default)]
struct DyadSums {
    quad_counts: [usize; 4],
    n_events: usize,
    intensity_sum: f64,
    n_sources: u32,
    event_ids: Vec<i64>,
}

/// A pair of country indices and its sums.
type PairEntry<'a> = ((u32, u32), &'a PairSums);

/// Sums of merged events per pair of states (and period), filled by [`Tally::add`].
#[derive(Debug, Clone, Default)]
pub struct Tally {
    options: TallyOptions,
    /// Country codes by first appearance, and their index.
    codes: Vec<String>,
    index: HashMap<String, u32>,
    /// Undirected pairs (`a` the lesser code), of all events.
    whole: HashMap<(u32, u32), PairSums>,
    /// Undirected pairs by window start.
    windows: HashMap<(NaiveDate, u32, u32), PairSums>,
    /// Directed pairs by period start.
    dyads: HashMap<(u32, u32, NaiveDate), DyadSums>,
    /// The first and last dates of events that tie two states.
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    n_events: usize,
    /// Scratch for one event's pairs.
    pairs: Vec<(u32, u32)>,
    /// The last date read and its value: events come in date order, so most dates are
    /// parsed once.
    last_date: (String, Option<NaiveDate>),
}

impl Tally {
    pub fn new(options: TallyOptions) -> Tally {
        Tally { options, ..Tally::default() }
    }

    /// Events that tied two states.
    pub fn n_events(&self) -> usize {
        self.n_events
    }

    fn intern(&mut self, code: &str) -> u32 {
        if let Some(i) = self.index.get(code) {
            return *i;
        }
        let i = self.codes.len() as u32;
        self.codes.push(code.to_string());
        self.index.insert(code.to_string(), i);
        i
    }

    /// Adds one merged event: its interactions between states (`is_state` says which codes
    /// are states), as `from_events` makes them.
    pub fn add(&mut self, facts: &EventFacts<'_>, is_state: &dyn Fn(&str) -> bool) {
        if !facts.happened {
            return;
        }
        fn states<'k>(
            key: &'k str,
            is_state: &'k dyn Fn(&str) -> bool,
        ) -> impl Iterator<Item = &'k str> + 'k {
            key.split('+').filter(move |c| !c.is_empty() && is_state(c))
        }
        let kind: Option<EventType> = facts.event.parse().ok();
        let intensity = facts
            .intensity
            .or_else(|| {
                let mut modes: Vec<String> = Vec::new();
                for m in facts.modes.split(',').filter(|m| !m.is_empty()) {
                    if !modes.iter().any(|x| x == m) {
                        modes.push(m.to_string());
                    }
                }
                kind.map(|k| k.intensity(&modes))
            })
            .unwrap_or(0.0);
        let mut pairs = std::mem::take(&mut self.pairs);
        pairs.clear();
        let actors: Vec<&str> = states(facts.actor_countries, is_state).collect();
        if states(facts.recipient_countries, is_state).next().is_none() {
            // Co-actors are tied both ways by what they do together, when it is cooperative.
            if intensity >= 0.0 {
                for a in &actors {
                    for b in &actors {
                        if a != b {
                            pairs.push((self.intern(a), self.intern(b)));
                        }
                    }
                }
            }
        } else {
            for a in &actors {
                for b in states(facts.recipient_countries, is_state) {
                    if *a != b {
                        pairs.push((self.intern(a), self.intern(b)));
                    }
                }
            }
        }
        if pairs.is_empty() {
            self.pairs = pairs;
            return;
        }
        self.n_events += 1;
        let date = match facts.date {
            Some(d) if d == self.last_date.0 => self.last_date.1,
            Some(d) => {
                let value = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
                self.last_date = (d.to_string(), value);
                value
            }
            None => None,
        };
        if let Some(d) = date {
            self.first = Some(self.first.map_or(d, |f| f.min(d)));
            self.last = Some(self.last.map_or(d, |l| l.max(d)));
        }
        let quad = kind.map_or(0, |k| k.quad_code());
        let keep_ids = self.options.event_ids;
        if let (Some(g), Some(d)) = (self.options.dyads, date) {
            let period = period_start(d, g);
            for &(a, b) in &pairs {
                let sums = self.dyads.entry((a, b, period)).or_default();
                if (1..=4).contains(&quad) {
                    sums.quad_counts[usize::from(quad - 1)] += 1;
                }
                sums.n_events += 1;
                sums.intensity_sum += intensity;
                sums.n_sources += facts.n_sources as u32;
                if keep_ids {
                    sums.event_ids.push(facts.id);
                }
            }
        }
        // Undirected, each pair once per event.
        for p in pairs.iter_mut() {
            if self.codes[p.1 as usize] < self.codes[p.0 as usize] {
                *p = (p.1, p.0);
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let add = |sums: &mut PairSums| {
            if intensity >= 0.0 {
                sums.cooperation += intensity;
            } else {
                sums.conflict += intensity;
            }
            sums.n_events += 1;
            if keep_ids {
                sums.event_ids.push(facts.id);
            }
        };
        if self.options.whole {
            for &(a, b) in &pairs {
                add(self.whole.entry((a, b)).or_default());
            }
        }
        if let (Some(g), Some(d)) = (self.options.windows, date) {
            let start = period_start(d, g);
            for &(a, b) in &pairs {
                add(self.windows.entry((start, a, b)).or_default());
            }
        }
        self.pairs = pairs;
    }

    /// The signed network of all events (needs `whole`), with `options`' thresholds. Its
    /// date bounds are the caller's to apply when reading the events: here every event added
    /// counts.
    pub fn network(&self, options: &NetworkOptions) -> SignedNetwork {
        self.assemble(self.whole.iter().map(|((a, b), s)| ((*a, *b), s)), options)
    }

    fn assemble<'a>(
        &'a self,
        pairs: impl Iterator<Item = ((u32, u32), &'a PairSums)>,
        options: &NetworkOptions,
    ) -> SignedNetwork {
        let code = |i: u32| self.codes[i as usize].as_str();
        crate::assemble(pairs.map(|((a, b), s)| ((code(a), code(b)), s)), options)
    }

    /// As [`crate::windows`]: with `g` (needs `windows: Some(g)`), the networks of
    /// consecutive windows from the first dated event to the last; without, the one network
    /// of all events with `base`'s bounds (needs `whole`). Refused when there would be more
    /// than [`crate::MAX_WINDOWS`].
    pub fn windows(
        &self,
        g: Option<Granularity>,
        base: &NetworkOptions,
    ) -> Result<Vec<Window>, TooManyWindows> {
        self.windows_until(g, base, &|| false)
    }

    /// [`Tally::windows`], leaving out the windows not yet analysed when `stop()` answers
    /// true (a request whose client went away).
    pub fn windows_until(
        &self,
        g: Option<Granularity>,
        base: &NetworkOptions,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<Vec<Window>, TooManyWindows> {
        let mut by_start: HashMap<NaiveDate, Vec<PairEntry<'_>>> = HashMap::new();
        if g.is_some() {
            for ((start, a, b), s) in &self.windows {
                by_start.entry(*start).or_default().push(((*a, *b), s));
            }
        }
        window_list(self.first, self.last, g, base, stop, &|since, _until| match since {
            Some(start) if g.is_some() => self
                .assemble(by_start.get(&start).into_iter().flatten().map(|(k, s)| (*k, *s)), base),
            _ => self.network(base),
        })
    }

    /// As [`crate::dyad_series`] (needs `dyads`): sorted by actor, recipient and period.
    pub fn dyad_series(&self) -> Vec<DyadPoint> {
        let mut points: Vec<DyadPoint> = self
            .dyads
            .iter()
            .map(|((a, b, period), s)| DyadPoint {
                actor: self.codes[*a as usize].clone(),
                recipient: self.codes[*b as usize].clone(),
                period: *period,
                quad_counts: s.quad_counts,
                n_events: s.n_events,
                intensity_sum: s.intensity_sum,
                intensity_mean: s.intensity_sum / s.n_events.max(1) as f64,
                n_sources: s.n_sources,
                event_ids: s.event_ids.clone(),
            })
            .collect();
        points.sort_by(|x, y| {
            (&x.actor, &x.recipient, x.period).cmp(&(&y.actor, &y.recipient, y.period))
        });
        points
    }
}
