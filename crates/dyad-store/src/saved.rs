//! Analysis results kept in the store (schema version 10), so that a month's analysis is
//! computed once and not again until that month's events change.
//!
//! - `month_stamps`: per month (`YYYY-MM`, `''` undated), a number that triggers on
//!   `event_facts` raise whenever a fact of an event of that month is written, changed or
//!   removed. Invariant: a month's stamp only grows, and its row is never deleted, so a
//!   result recorded with a month's stamp was computed from the events the month holds for
//!   as long as the stamp is the same. Months with no row have had no facts written since
//!   version 10 and none summed before it (the migration gives every summed month a row).
//! - `saved_analyses`: results by key (the caller's: what was computed, with which code and
//!   dictionaries), each with the stamp (the caller's text, made of month stamps) it was
//!   computed at. A result is used only when its stamp is the current one, so a stale result
//!   is never read, whatever wrote the store meanwhile.
//!
//! The store does not know what the results mean: `dyad_analysis` writes and reads them.

use rusqlite::{OptionalExtension, Transaction};

use crate::{Store, StoreError};

/// The trigger that raises the stamp of the month of the event `{row}.event_id`.
fn stamp_trigger(name: &str, when: &str, row: &str) -> String {
    format!(
        "CREATE TRIGGER {name} AFTER {when} ON event_facts BEGIN
             INSERT INTO month_stamps (month, stamp)
             SELECT COALESCE(substr(date, 1, 7), ''), 1 FROM events WHERE id = {row}.event_id
             ON CONFLICT (month) DO UPDATE SET stamp = stamp + 1;
         END;"
    )
}

/// Migration 10: the tables and triggers; every month already summed gets its first stamp.
pub(crate) fn create(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(&format!(
        "CREATE TABLE month_stamps (month TEXT PRIMARY KEY, stamp INTEGER NOT NULL) WITHOUT ROWID;
         CREATE TABLE saved_analyses (key TEXT PRIMARY KEY, stamp TEXT NOT NULL, body BLOB NOT NULL) WITHOUT ROWID;
         {} {} {}
         INSERT INTO month_stamps (month, stamp) SELECT DISTINCT month, 1 FROM pair_months;",
        stamp_trigger("event_facts_stamp_add", "INSERT", "new"),
        stamp_trigger("event_facts_stamp_remove", "DELETE", "old"),
        stamp_trigger("event_facts_stamp_change", "UPDATE", "new"),
    ))?;
    Ok(())
}

impl Store {
    /// Every month's stamp (see the module's description), in month order; `''` is the
    /// undated events' month.
    pub fn month_stamps(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt =
            self.conn.prepare_cached("SELECT month, stamp FROM month_stamps ORDER BY month")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The result saved under `key` if it was saved with `stamp`.
    pub fn saved_analysis(&self, key: &str, stamp: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM saved_analyses WHERE key = ?1 AND stamp = ?2")?;
        Ok(stmt.query_row([key, stamp], |r| r.get(0)).optional()?)
    }

    /// Saves each `(key, stamp, body)`, replacing what the keys held, in one transaction. A
    /// store opened read-only keeps nothing (and says nothing: the results are only a
    /// shortcut). It does not wait for another writer: while a store is being written (an
    /// import is one long transaction) it fails at once, so that a caller saving only to
    /// save time later does not stall its readers meanwhile.
    pub fn save_analyses(
        &mut self,
        results: &[(String, String, Vec<u8>)],
    ) -> Result<(), StoreError> {
        if self.read_only || results.is_empty() {
            return Ok(());
        }
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let saved = self.write_analyses(results);
        self.conn.busy_timeout(crate::BUSY_TIMEOUT)?;
        saved
    }

    fn write_analyses(&mut self, results: &[(String, String, Vec<u8>)]) -> Result<(), StoreError> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO saved_analyses (key, stamp, body) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET stamp = excluded.stamp, body = excluded.body",
            )?;
            for (key, stamp, body) in results {
                stmt.execute(rusqlite::params![key, stamp, body])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
