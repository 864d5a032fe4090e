//! Sums kept at write time (schema version 8), so that the analysis and the statistics read
//! rows per month and pair of country sets instead of one row per event.
//!
//! - `pair_months`: per month (`YYYY-MM`, `''` undated), the countries of the actors and of
//!   the recipients (as `event_facts` holds them) and the sign of the intensity, the events
//!   that happened and have a country among their actors: how many, their summed intensity,
//!   how many of each quad class, their summed sources, and their first and last day. What
//!   `dyad_analysis::Tally` needs for whole networks and for windows and dyad series by
//!   month, quarter or year.
//! - `event_counts`: every event by type and party keys, for `Store::stats`.
//!
//! Triggers keep both exact whatever writes the events and their facts (ingest, import, the
//! bulk writer, a mention merging in, recode removing mentions or events), so no writer has
//! to remember them. An intensity that is not a multiple of one half, or unknown (scored from
//! the modes at read time), puts its event in a row of `kind` 2: sums of halves are exact in
//! any order, other sums are not, so a reader that meets such a row reads the events instead
//! and its results stay identical to the event path's.

use rusqlite::Transaction;

use crate::query::{optional_text_at, text_at};
use crate::{Store, StoreError};

/// The `kind` of an intensity `x` (see `pair_months`).
fn kind(x: &str) -> String {
    format!(
        "CASE WHEN {x} IS NULL OR {x} * 2 <> round({x} * 2) THEN 2 WHEN {x} < 0 THEN 1 ELSE 0 END"
    )
}

/// The tables, their triggers and the quad table the triggers read.
fn schema_sql() -> String {
    let quads: Vec<String> = dyad_model::EventType::ALL
        .iter()
        .map(|t| format!("('{}', {})", t.as_str(), t.quad_code()))
        .collect();
    // The key of `r`'s event in `pair_months` (r.* and the event's row), as a row value.
    let key = |r: &str| {
        format!(
            "SELECT COALESCE(substr(e.date, 1, 7), ''), {r}.actor_countries, {r}.recipient_countries, {}
             FROM events e WHERE e.id = {r}.event_id AND {r}.happened AND {r}.actor_countries <> ''",
            kind(&format!("{r}.intensity"))
        )
    };
    let key_columns = "(month, actor_countries, recipient_countries, kind)";
    let add = format!(
        "INSERT INTO pair_months (month, actor_countries, recipient_countries, kind, n_events, intensity_sum, q1, q2, q3, q4, n_sources, first_day, last_day)
         SELECT COALESCE(substr(e.date, 1, 7), ''), new.actor_countries, new.recipient_countries, {kind}, 1,
                COALESCE(new.intensity, 0), IFNULL(q.quad, 0) = 1, IFNULL(q.quad, 0) = 2, IFNULL(q.quad, 0) = 3, IFNULL(q.quad, 0) = 4,
                new.n_sources, e.date, e.date
         FROM events e LEFT JOIN event_quads q ON q.event = e.event
         WHERE e.id = new.event_id AND new.happened AND new.actor_countries <> ''
         ON CONFLICT {key_columns} DO UPDATE SET n_events = n_events + 1,
            intensity_sum = intensity_sum + excluded.intensity_sum,
            q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3, q4 = q4 + excluded.q4,
            n_sources = n_sources + excluded.n_sources,
            first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day);",
        kind = kind("new.intensity")
    );
    // Taking an event out: the sums go down, an empty row goes, and a first or last day that
    // was the event's is found again among the events left (read after the facts row is gone
    // or changed, so it is not counted).
    let old_key = key("old");
    let remove = format!(
        "UPDATE pair_months SET n_events = n_events - 1,
            intensity_sum = intensity_sum - COALESCE(old.intensity, 0),
            q1 = q1 - (x.quad = 1), q2 = q2 - (x.quad = 2), q3 = q3 - (x.quad = 3), q4 = q4 - (x.quad = 4),
            n_sources = n_sources - old.n_sources
         FROM (SELECT IFNULL(q.quad, 0) AS quad FROM events e LEFT JOIN event_quads q ON q.event = e.event
               WHERE e.id = old.event_id) AS x
         WHERE {key_columns} IN ({old_key});
         DELETE FROM pair_months WHERE n_events = 0 AND {key_columns} IN ({old_key});
         UPDATE pair_months SET
            first_day = (SELECT MIN(e2.date) {within}),
            last_day = (SELECT MAX(e2.date) {within})
         WHERE {key_columns} IN ({old_key}) AND month <> ''
           AND (SELECT date FROM events WHERE id = old.event_id) IN (first_day, last_day);",
        within = format!(
            "FROM events e2 JOIN event_facts f2 ON f2.event_id = e2.id
             WHERE e2.date BETWEEN pair_months.month || '-01' AND pair_months.month || '-31'
               AND f2.happened AND f2.actor_countries = pair_months.actor_countries
               AND f2.recipient_countries = pair_months.recipient_countries
               AND {} = pair_months.kind",
            kind("f2.intensity")
        )
    );
    // Only the sources changed (a mention merged in): one row's sum moves. A merge that brings
    // no new source (most of them) writes nothing.
    let same_key = "old.happened = new.happened AND old.actor_countries = new.actor_countries
        AND old.recipient_countries = new.recipient_countries AND old.intensity IS new.intensity";
    format!(
        "CREATE TABLE event_quads (event TEXT PRIMARY KEY, quad INTEGER NOT NULL) WITHOUT ROWID;
         INSERT INTO event_quads (event, quad) VALUES {quads};
         CREATE TABLE pair_months (
             month               TEXT NOT NULL,
             actor_countries     TEXT NOT NULL,
             recipient_countries TEXT NOT NULL,
             -- 0: intensity >= 0, 1: intensity < 0 (multiples of one half); 2: any other or unknown.
             kind                INTEGER NOT NULL,
             n_events            INTEGER NOT NULL,
             intensity_sum       REAL NOT NULL,
             q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL, q4 INTEGER NOT NULL,
             n_sources           INTEGER NOT NULL,
             first_day           TEXT,
             last_day            TEXT,
             PRIMARY KEY (month, actor_countries, recipient_countries, kind)
         ) WITHOUT ROWID;
         CREATE TABLE event_counts (
             event      TEXT NOT NULL,
             actors     TEXT NOT NULL,
             recipients TEXT NOT NULL,
             n          INTEGER NOT NULL,
             PRIMARY KEY (event, actors, recipients)
         ) WITHOUT ROWID;
         CREATE TRIGGER event_facts_add AFTER INSERT ON event_facts BEGIN {add} END;
         CREATE TRIGGER event_facts_remove AFTER DELETE ON event_facts BEGIN {remove} END;
         CREATE TRIGGER event_facts_sources AFTER UPDATE ON event_facts
             WHEN {same_key} AND new.n_sources <> old.n_sources BEGIN
             UPDATE pair_months SET n_sources = n_sources + new.n_sources - old.n_sources
             WHERE {key_columns} IN ({new_key});
         END;
         CREATE TRIGGER event_facts_change AFTER UPDATE ON event_facts WHEN NOT ({same_key}) BEGIN {remove} {add} END;
         -- An event's facts leave the sums while the event row is still there to say its month.
         CREATE TRIGGER events_remove BEFORE DELETE ON events BEGIN
             DELETE FROM event_facts WHERE event_id = old.id;
         END;
         CREATE TRIGGER events_count AFTER INSERT ON events BEGIN
             INSERT INTO event_counts (event, actors, recipients, n) VALUES (new.event, new.actors, new.recipients, 1)
             ON CONFLICT (event, actors, recipients) DO UPDATE SET n = n + 1;
         END;
         CREATE TRIGGER events_uncount AFTER DELETE ON events BEGIN
             UPDATE event_counts SET n = n - 1 WHERE event = old.event AND actors = old.actors AND recipients = old.recipients;
             DELETE FROM event_counts WHERE event = old.event AND actors = old.actors AND recipients = old.recipients AND n = 0;
         END;",
        quads = quads.join(", "),
        new_key = key("new"),
    )
}

/// The sums of `pair_months` recomputed from the events (the migration's backfill, and what
/// [`Store::aggregates_are_exact`] compares with).
const PAIR_MONTHS_FROM_EVENTS: &str = "SELECT COALESCE(substr(e.date, 1, 7), '') AS month, f.actor_countries, f.recipient_countries, KIND AS kind,
        COUNT(*) AS n_events, TOTAL(COALESCE(f.intensity, 0)) AS intensity_sum, SUM(IFNULL(q.quad, 0) = 1) AS q1,
        SUM(IFNULL(q.quad, 0) = 2) AS q2, SUM(IFNULL(q.quad, 0) = 3) AS q3, SUM(IFNULL(q.quad, 0) = 4) AS q4,
        SUM(f.n_sources) AS n_sources, MIN(e.date) AS first_day, MAX(e.date) AS last_day
     FROM events e JOIN event_facts f ON f.event_id = e.id LEFT JOIN event_quads q ON q.event = e.event
     WHERE f.happened AND f.actor_countries <> ''
     GROUP BY 1, 2, 3, 4";

const EVENT_COUNTS_FROM_EVENTS: &str =
    "SELECT event, actors, recipients, COUNT(*) FROM events GROUP BY event, actors, recipients";

fn pair_months_from_events() -> String {
    PAIR_MONTHS_FROM_EVENTS.replace("KIND", &kind("f.intensity"))
}

/// Migration 8: the tables and triggers, filled from the events already stored.
pub(crate) fn create(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(&schema_sql())?;
    tx.execute_batch(&format!(
        "INSERT INTO pair_months {};
         INSERT INTO event_counts {EVENT_COUNTS_FROM_EVENTS};",
        pair_months_from_events()
    ))?;
    Ok(())
}

/// One row of `pair_months`: the events of one month between the same sets of countries
/// whose intensities have the same sign (see the module's description).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairMonth<'a> {
    /// `YYYY-MM`; empty for undated events.
    pub month: &'a str,
    pub actor_countries: &'a str,
    pub recipient_countries: &'a str,
    /// Whether the intensities are below zero.
    pub negative: bool,
    pub n_events: usize,
    pub intensity_sum: f64,
    /// Events of quad class 1 to 4.
    pub quad_counts: [usize; 4],
    pub n_sources: usize,
    /// The first and last day of the events (`None` when undated).
    pub first_day: Option<&'a str>,
    pub last_day: Option<&'a str>,
}

impl Store {
    /// Calls `each` with every row of the monthly sums from month `since` to month `until`
    /// (`YYYY-MM`, both included; undated events only when neither is given), in key order.
    /// Returns `false`, having stopped, when a row's sums are not exact (an intensity that is
    /// not a multiple of one half, or unknown): the caller must then read the events
    /// ([`Store::each_event_facts`]) instead, and drop what it summed.
    pub fn each_pair_month(
        &self,
        since: Option<&str>,
        until: Option<&str>,
        each: &mut dyn FnMut(&PairMonth<'_>),
    ) -> Result<bool, StoreError> {
        let range = match (since, until) {
            (None, None) => "1",
            (Some(_), None) => "month >= ?1 AND month <> ''",
            (None, Some(_)) => "month <= ?2 AND month <> ''",
            (Some(_), Some(_)) => "month BETWEEN ?1 AND ?2",
        };
        let sql = format!(
            "SELECT month, actor_countries, recipient_countries, kind, n_events, intensity_sum,
                    q1, q2, q3, q4, n_sources, first_day, last_day
             FROM pair_months WHERE {range} ORDER BY month, actor_countries, recipient_countries, kind"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut params: Vec<&str> = Vec::new();
        if let Some(s) = since {
            params.push(s);
        }
        if let Some(u) = until {
            if since.is_none() {
                // ?2 needs a ?1 before it.
                params.push("");
            }
            params.push(u);
        }
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            if self.cancelled() {
                return Err(StoreError::Cancelled);
            }
            let text = |i: usize| text_at(r, i);
            let optional = |i: usize| optional_text_at(r, i);
            let kind: i64 = r.get(3)?;
            if kind == 2 {
                return Ok(false);
            }
            let count =
                |i: usize| -> Result<usize, StoreError> { Ok(r.get::<_, i64>(i)? as usize) };
            each(&PairMonth {
                month: text(0)?,
                actor_countries: text(1)?,
                recipient_countries: text(2)?,
                negative: kind == 1,
                n_events: count(4)?,
                intensity_sum: r.get(5)?,
                quad_counts: [count(6)?, count(7)?, count(8)?, count(9)?],
                n_sources: count(10)?,
                first_day: optional(11)?,
                last_day: optional(12)?,
            });
        }
        Ok(true)
    }

    /// Whether the sums kept at write time (`pair_months`, `event_counts`) are those the
    /// events give, recomputed; for tests and checks of a store.
    pub fn aggregates_are_exact(&self) -> Result<bool, StoreError> {
        let differ = |kept: &str, recomputed: &str| -> Result<bool, StoreError> {
            let n: i64 = self.conn.query_row(
                &format!(
                    "SELECT (SELECT COUNT(*) FROM ({kept} EXCEPT {recomputed})) + (SELECT COUNT(*) FROM ({recomputed} EXCEPT {kept}))"
                ),
                [],
                |r| r.get(0),
            )?;
            Ok(n > 0)
        };
        // Inexact sums (kind 2) depend on the order of addition: compared to a millionth.
        let columns = "month, actor_countries, recipient_countries, kind, n_events,
            CASE WHEN kind = 2 THEN round(intensity_sum, 6) ELSE intensity_sum END, q1, q2, q3, q4,
            n_sources, first_day, last_day";
        let pair_months = format!("SELECT {columns} FROM pair_months");
        let recomputed = format!("SELECT {columns} FROM ({})", pair_months_from_events());
        let counts = "SELECT event, actors, recipients, n FROM event_counts";
        Ok(!differ(&pair_months, &recomputed)? && !differ(counts, EVENT_COUNTS_FROM_EVENTS)?)
    }
}
