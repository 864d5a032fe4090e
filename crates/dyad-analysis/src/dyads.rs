//! Directed dyad time series: per (actor, recipient, period), event counts by quad class,
//! summed and mean intensity, and sources.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::Interaction;

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    Month,
    Quarter,
    Year,
}

impl std::str::FromStr for Granularity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "day" => Granularity::Day,
            "week" => Granularity::Week,
            "month" => Granularity::Month,
            "quarter" => Granularity::Quarter,
            "year" => Granularity::Year,
            other => {
                return Err(format!("`{other}` is not a period (day, week, month, quarter, year)"))
            }
        })
    }
}

/// The first day of the period that contains `date`.
pub fn period_start(date: NaiveDate, g: Granularity) -> NaiveDate {
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(date);
    match g {
        Granularity::Day => date,
        Granularity::Week => {
            date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
        }
        Granularity::Month => ymd(date.year(), date.month(), 1),
        Granularity::Quarter => ymd(date.year(), (date.month0() / 3) * 3 + 1, 1),
        Granularity::Year => ymd(date.year(), 1, 1),
    }
}

/// The first day of the period after the one starting at `start`.
pub fn next_period(start: NaiveDate, g: Granularity) -> NaiveDate {
    match g {
        Granularity::Day => start + chrono::Days::new(1),
        Granularity::Week => start + chrono::Days::new(7),
        Granularity::Month => start + chrono::Months::new(1),
        Granularity::Quarter => start + chrono::Months::new(3),
        Granularity::Year => start + chrono::Months::new(12),
    }
}

/// One point of a directed dyad's series.
#[derive(Debug, Clone, PartialEq)]
pub struct DyadPoint {
    pub actor: String,
    pub recipient: String,
    pub period: NaiveDate,
    /// Events by quad class 1..4 (index 0 is quad 1).
    pub quad_counts: [usize; 4],
    pub n_events: usize,
    pub intensity_sum: f64,
    pub intensity_mean: f64,
    /// Summed over the events (one source reporting two events counts twice).
    pub n_sources: u32,
    pub event_ids: Vec<i64>,
}

/// A point as JSON, its fields in the order `serde_json::Value` writes them (alphabetical),
/// so that `/api/dyads` answers what it did when it built a `Value`.
#[derive(serde::Serialize)]
struct DyadJson<'a> {
    actor: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<&'a [i64]>,
    intensity_mean: f64,
    intensity_sum: f64,
    n_events: usize,
    n_sources: u32,
    period: String,
    quad_counts: [usize; 4],
    recipient: &'a str,
}

impl DyadPoint {
    /// The point as one line of JSON (the one `/api/dyads` answers and the store keeps,
    /// [`crate::DYADS_JSON`]), with its events' ids when `event_ids`.
    pub fn to_json(&self, event_ids: bool) -> String {
        let point = DyadJson {
            actor: &self.actor,
            events: event_ids.then_some(self.event_ids.as_slice()),
            intensity_mean: self.intensity_mean,
            intensity_sum: self.intensity_sum,
            n_events: self.n_events,
            n_sources: self.n_sources,
            period: self.period.to_string(),
            quad_counts: self.quad_counts,
            recipient: &self.recipient,
        };
        // Numbers and strings only: serialising cannot fail.
        serde_json::to_string(&point).unwrap_or_default()
    }
}

/// The dyad series of dated interactions, by actor, recipient and period. Undated
/// interactions are left out.
pub fn dyad_series(interactions: &[Interaction], g: Granularity) -> Vec<DyadPoint> {
    let mut points: BTreeMap<(&str, &str, NaiveDate), (DyadPoint, BTreeSet<i64>)> = BTreeMap::new();
    for i in interactions {
        let Some(date) = i.date else { continue };
        let period = period_start(date, g);
        let (point, seen) =
            points.entry((i.actor.as_str(), i.recipient.as_str(), period)).or_insert_with(|| {
                (
                    DyadPoint {
                        actor: i.actor.clone(),
                        recipient: i.recipient.clone(),
                        period,
                        quad_counts: [0; 4],
                        n_events: 0,
                        intensity_sum: 0.0,
                        intensity_mean: 0.0,
                        n_sources: 0,
                        event_ids: Vec::new(),
                    },
                    BTreeSet::new(),
                )
            });
        if !seen.insert(i.event_id) {
            continue;
        }
        if (1..=4).contains(&i.quad) {
            point.quad_counts[usize::from(i.quad - 1)] += 1;
        }
        point.n_events += 1;
        point.intensity_sum += i.intensity;
        point.n_sources += i.n_sources;
        point.event_ids.push(i.event_id);
    }
    points
        .into_values()
        .map(|(mut p, _)| {
            p.intensity_mean = p.intensity_sum / p.n_events.max(1) as f64;
            p
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods() {
        assert_eq!(period_start(d(2024, 6, 19), Granularity::Week), d(2024, 6, 17));
        assert_eq!(period_start(d(2024, 6, 19), Granularity::Month), d(2024, 6, 1));
        assert_eq!(period_start(d(2024, 6, 19), Granularity::Quarter), d(2024, 4, 1));
        assert_eq!(period_start(d(2024, 6, 19), Granularity::Year), d(2024, 1, 1));
        assert_eq!(next_period(d(2024, 10, 1), Granularity::Quarter), d(2025, 1, 1));
        assert!("fortnight".parse::<Granularity>().is_err());
    }

    #[test]
    fn series_by_month() {
        let i = |id, date, quad, intensity| Interaction {
            event_id: id,
            date: Some(date),
            actor: "PRK".into(),
            recipient: "RUS".into(),
            quad,
            intensity,
            n_sources: 2,
        };
        let series = dyad_series(
            &[
                i(1, d(2024, 6, 19), 1, 4.0),
                i(2, d(2024, 6, 30), 2, 8.0),
                i(2, d(2024, 6, 30), 2, 8.0),
                i(3, d(2024, 7, 1), 4, -6.0),
            ],
            Granularity::Month,
        );
        assert_eq!(series.len(), 2);
        assert_eq!(series[0].quad_counts, [1, 1, 0, 0]);
        assert_eq!((series[0].intensity_sum, series[0].intensity_mean), (12.0, 6.0));
        assert_eq!(series[0].n_sources, 4);
        assert_eq!(series[1].period, d(2024, 7, 1));
    }
}
