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
use dyad_store::{EventFacts, EventFilter, FactsOrder, PairMonth, Store, StoreError};

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

/// Events that share their countries and the sign of their intensity: one event, or the
/// events of one row of the store's monthly sums. `first` gives the period.
struct Group<'a> {
    actor_countries: &'a str,
    recipient_countries: &'a str,
    cooperative: bool,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    n_events: usize,
    intensity_sum: f64,
    quad_counts: [usize; 4],
    n_sources: u32,
    /// The event's id, for one event.
    id: Option<i64>,
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
    /// Directed pairs, each with its periods in order. Events and monthly sums mostly come
    /// in date order, so a pair's next period is nearly always its last or a new one at the
    /// end: a map of pairs (thousands) rather than of pairs and periods (millions on 10M
    /// events: filling and growing that map was most of `/api/dyads`' time).
    dyads: HashMap<(u32, u32), Vec<(NaiveDate, DyadSums)>>,
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
        let date = match facts.date {
            Some(d) if d == self.last_date.0 => self.last_date.1,
            Some(d) => {
                let value = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
                self.last_date = (d.to_string(), value);
                value
            }
            None => None,
        };
        let mut quad_counts = [0; 4];
        if let Some(q) = kind.map(|k| usize::from(k.quad_code())).filter(|q| (1..=4).contains(q)) {
            quad_counts[q - 1] = 1;
        }
        let group = Group {
            actor_countries: facts.actor_countries,
            recipient_countries: facts.recipient_countries,
            cooperative: intensity >= 0.0,
            first: date,
            last: date,
            n_events: 1,
            intensity_sum: intensity,
            quad_counts,
            n_sources: facts.n_sources as u32,
            id: Some(facts.id),
        };
        self.add_group(&group, is_state);
    }

    /// Adds the events of one row of the store's monthly sums (`Store::each_pair_month`).
    /// Their intensities are multiples of one half, so the sums are exact in any order and
    /// the result is the one their events give one at a time. Only for windows and dyad
    /// periods of a month or longer, and without event ids.
    pub fn add_pair_month(&mut self, row: &PairMonth<'_>, is_state: &dyn Fn(&str) -> bool) {
        debug_assert!(!self.options.event_ids);
        let day = |d: Option<&str>| d.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let group = Group {
            actor_countries: row.actor_countries,
            recipient_countries: row.recipient_countries,
            cooperative: !row.negative,
            first: day(row.first_day),
            last: day(row.last_day),
            n_events: row.n_events,
            intensity_sum: row.intensity_sum,
            quad_counts: row.quad_counts,
            n_sources: row.n_sources as u32,
            id: None,
        };
        self.add_group(&group, is_state);
    }

    /// Adds events that share their countries and the sign of their intensity.
    fn add_group(&mut self, group: &Group<'_>, is_state: &dyn Fn(&str) -> bool) {
        fn states<'k>(
            key: &'k str,
            is_state: &'k dyn Fn(&str) -> bool,
        ) -> impl Iterator<Item = &'k str> + 'k {
            key.split('+').filter(move |c| !c.is_empty() && is_state(c))
        }
        let mut pairs = std::mem::take(&mut self.pairs);
        pairs.clear();
        let actors: Vec<&str> = states(group.actor_countries, is_state).collect();
        if states(group.recipient_countries, is_state).next().is_none() {
            // Co-actors are tied both ways by what they do together, when it is cooperative.
            if group.cooperative {
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
                for b in states(group.recipient_countries, is_state) {
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
        self.n_events += group.n_events;
        if let Some(d) = group.first {
            self.first = Some(self.first.map_or(d, |f| f.min(d)));
        }
        if let Some(d) = group.last {
            self.last = Some(self.last.map_or(d, |l| l.max(d)));
        }
        let keep_ids = self.options.event_ids;
        let date = group.first;
        if let (Some(g), Some(d)) = (self.options.dyads, date) {
            let period = period_start(d, g);
            for &(a, b) in &pairs {
                let periods = self.dyads.entry((a, b)).or_default();
                let at = match periods.last() {
                    Some((last, _)) if *last == period => periods.len() - 1,
                    Some((last, _)) if *last > period => {
                        match periods.binary_search_by(|(p, _)| p.cmp(&period)) {
                            Ok(i) => i,
                            Err(i) => {
                                periods.insert(i, (period, DyadSums::default()));
                                i
                            }
                        }
                    }
                    _ => {
                        periods.push((period, DyadSums::default()));
                        periods.len() - 1
                    }
                };
                let sums = &mut periods[at].1;
                for (kept, n) in sums.quad_counts.iter_mut().zip(group.quad_counts) {
                    *kept += n;
                }
                sums.n_events += group.n_events;
                sums.intensity_sum += group.intensity_sum;
                sums.n_sources += group.n_sources;
                if let (true, Some(id)) = (keep_ids, group.id) {
                    sums.event_ids.push(id);
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
            if group.cooperative {
                sums.cooperation += group.intensity_sum;
            } else {
                sums.conflict += group.intensity_sum;
            }
            sums.n_events += group.n_events;
            if let (true, Some(id)) = (keep_ids, group.id) {
                sums.event_ids.push(id);
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

    /// The starts of the windows that hold events tying two states (needs `windows`), in
    /// order: the windows between the first and the last are [`Tally::windows`]' list.
    pub fn window_starts(&self) -> Vec<NaiveDate> {
        let mut starts: Vec<NaiveDate> = self.windows.keys().map(|(start, _, _)| *start).collect();
        starts.sort_unstable();
        starts.dedup();
        starts
    }

    /// As [`crate::dyad_series`] (needs `dyads`): sorted by actor, recipient and period.
    pub fn dyad_series(&self) -> Vec<DyadPoint> {
        let code = |i: u32| &self.codes[i as usize];
        let mut pairs: Vec<_> = self.dyads.iter().collect();
        pairs.sort_by(|(x, _), (y, _)| (code(x.0), code(x.1)).cmp(&(code(y.0), code(y.1))));
        let mut points = Vec::with_capacity(pairs.iter().map(|(_, p)| p.len()).sum());
        for ((a, b), periods) in pairs {
            for (period, s) in periods {
                points.push(DyadPoint {
                    actor: code(*a).clone(),
                    recipient: code(*b).clone(),
                    period: *period,
                    quad_counts: s.quad_counts,
                    n_events: s.n_events,
                    intensity_sum: s.intensity_sum,
                    intensity_mean: s.intensity_sum / s.n_events.max(1) as f64,
                    n_sources: s.n_sources,
                    event_ids: s.event_ids.clone(),
                });
            }
        }
        points
    }
}

impl Tally {
    /// The tally of the events of `store` matching `filter`, read in `order` (see
    /// [`Tally::add`]). Read from the store's monthly sums (`Store::each_pair_month`) when
    /// they can answer: no filter but dates, no event ids, periods of a month or longer; the
    /// days of a partial month at either end of the dates are read event by event. Otherwise,
    /// or when the sums of the months asked for are not exact, event by event.
    pub fn from_store(
        store: &Store,
        filter: &EventFilter,
        options: TallyOptions,
        order: FactsOrder,
        is_state: &dyn Fn(&str) -> bool,
    ) -> Result<Tally, StoreError> {
        if let Some(plan) = MonthlyPlan::of(filter, &options) {
            let mut tally = Tally::new(options);
            let exact = store.each_pair_month(
                plan.months.0.as_deref(),
                plan.months.1.as_deref(),
                &mut |row| tally.add_pair_month(row, is_state),
            )?;
            if exact {
                for edge in &plan.edges {
                    store.each_event_facts(edge, order, &mut |facts| {
                        tally.add(facts, is_state);
                        true
                    })?;
                }
                return Ok(tally);
            }
        }
        let mut tally = Tally::new(options);
        store.each_event_facts(filter, order, &mut |facts| {
            tally.add(facts, is_state);
            true
        })?;
        Ok(tally)
    }
}

/// How a filter is read from the monthly sums: the whole months (`YYYY-MM` bounds, `None`
/// open) and the filters of the partial months at the ends.
#[derive(Debug)]
struct MonthlyPlan {
    months: (Option<String>, Option<String>),
    edges: Vec<EventFilter>,
}

impl MonthlyPlan {
    fn of(filter: &EventFilter, options: &TallyOptions) -> Option<MonthlyPlan> {
        let monthly = |g: Option<Granularity>| {
            matches!(g, None | Some(Granularity::Month | Granularity::Quarter | Granularity::Year))
        };
        if options.event_ids || !monthly(options.windows) || !monthly(options.dyads) {
            return None;
        }
        // Every field named, so that a new filter is not answered from the sums by mistake.
        let EventFilter {
            actor,
            recipient,
            party,
            event_type,
            mode,
            since,
            until,
            source,
            min_sources,
            text,
            modality,
            certain,
            limit,
            offset,
            sort: _,
            id,
        } = filter;
        let others = actor.is_some()
            || recipient.is_some()
            || party.is_some()
            || event_type.is_some()
            || mode.is_some()
            || source.is_some()
            || min_sources.is_some()
            || text.is_some()
            || modality.is_some()
            || *certain
            || limit.is_some()
            || offset.is_some()
            || id.is_some();
        if others {
            return None;
        }
        // A bound the store compares as text must be a date written in full.
        let day = |d: &Option<String>| -> Option<Option<NaiveDate>> {
            match d {
                None => Some(None),
                Some(s) => {
                    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
                    (date.to_string() == *s).then_some(Some(date))
                }
            }
        };
        let (since, until) = (day(since)?, day(until)?);
        let month_start = |d: NaiveDate| period_start(d, Granularity::Month);
        let mut edges = Vec::new();
        let edge = |from: NaiveDate, to: NaiveDate| EventFilter {
            since: Some(from.to_string()),
            until: Some(to.to_string()),
            ..EventFilter::default()
        };
        // The first whole month, and the days before it.
        let first = since.map(|s| {
            if month_start(s) == s {
                s
            } else {
                crate::next_period(month_start(s), Granularity::Month)
            }
        });
        // The day after the last whole month, and the days from it.
        let after = until.map(|u| {
            let next = u.succ_opt().unwrap_or(u);
            if month_start(next) == next {
                next
            } else {
                month_start(u)
            }
        });
        if let (Some(f), Some(a)) = (first, after) {
            if f >= a {
                return None;
            }
        }
        if let (Some(s), Some(f)) = (since, first) {
            if s < f {
                edges.push(edge(s, f.pred_opt()?));
            }
        }
        if let (Some(u), Some(a)) = (until, after) {
            if a <= u {
                edges.push(edge(a, u));
            }
        }
        let month = |d: NaiveDate| d.format("%Y-%m").to_string();
        let months = (first.map(month), after.and_then(|a| a.pred_opt()).map(month));
        Some(MonthlyPlan { months, edges })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(since: Option<&str>, until: Option<&str>) -> Option<MonthlyPlan> {
        let filter = EventFilter {
            since: since.map(str::to_string),
            until: until.map(str::to_string),
            ..EventFilter::default()
        };
        MonthlyPlan::of(&filter, &TallyOptions { whole: true, ..TallyOptions::default() })
    }

    fn edge(since: &str, until: &str) -> EventFilter {
        EventFilter {
            since: Some(since.into()),
            until: Some(until.into()),
            ..EventFilter::default()
        }
    }

    #[test]
    fn whole_months_come_from_the_sums_and_the_days_around_them_from_the_events() {
        let p = plan(Some("2024-01-15"), Some("2024-04-10")).unwrap();
        assert_eq!(p.months, (Some("2024-02".into()), Some("2024-03".into())));
        let bounds: Vec<_> = p.edges.iter().map(|e| (e.since.clone(), e.until.clone())).collect();
        let expected: Vec<_> = [edge("2024-01-15", "2024-01-31"), edge("2024-04-01", "2024-04-10")]
            .iter()
            .map(|e| (e.since.clone(), e.until.clone()))
            .collect();
        assert_eq!(bounds, expected);
        let p = plan(Some("2024-01-01"), Some("2024-02-29")).unwrap();
        assert_eq!(p.months, (Some("2024-01".into()), Some("2024-02".into())));
        assert!(p.edges.is_empty());
        assert_eq!(plan(None, None).unwrap().months, (None, None));
        let p = plan(None, Some("2024-03-05")).unwrap();
        assert_eq!(p.months, (None, Some("2024-02".into())));
        assert_eq!(p.edges[0].since.as_deref(), Some("2024-03-01"));
        // Within one month, or a date not written in full: the events.
        assert!(plan(Some("2024-01-02"), Some("2024-01-30")).is_none());
        assert!(plan(Some("2024-1-1"), None).is_none());
        // Other filters, weeks, ids: the events.
        let by_week = TallyOptions { windows: Some(Granularity::Week), ..TallyOptions::default() };
        assert!(MonthlyPlan::of(&EventFilter::default(), &by_week).is_none());
        let ids = TallyOptions { event_ids: true, ..TallyOptions::default() };
        assert!(MonthlyPlan::of(&EventFilter::default(), &ids).is_none());
        let actor = EventFilter { actor: Some("USA".into()), ..EventFilter::default() };
        assert!(MonthlyPlan::of(&actor, &TallyOptions::default()).is_none());
    }
}
