//! Loading many rows into a new store quickly, for synthetic benchmarks: each row one event
//! with one mention, as `import_file` stores it, but without the merge lookups, with the
//! secondary indexes built once at the end and without a rollback journal.

use std::path::Path;

use rusqlite::params;

use crate::import::{insert_mention, ImportFile, ImportRow, Names};
use crate::write::{insert_event_rows, party_key};
use crate::{Store, StoreError};

impl Store {
    /// Writes a new store at `path` holding `rows` as the import of `file` (see
    /// [`Store::import_file`]; rows do not merge), and returns how many rows it holds.
    ///
    /// The store is written under a temporary name beside `path` and renamed when complete,
    /// so `path` never holds half a store; an existing `path` is refused. Meant for
    /// generated data (`dyad bench store`): it writes without a rollback journal and builds
    /// the indexes once at the end, several times faster than `import_file`.
    pub fn bulk_create(
        path: &Path,
        file: &ImportFile,
        rows: impl IntoIterator<Item = ImportRow>,
    ) -> Result<usize, StoreError> {
        if path.exists() {
            return Err(StoreError::Input(format!("{} exists already", path.display())));
        }
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".partial");
        let temporary = std::path::PathBuf::from(temporary);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = temporary.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
        let n = {
            let store = Store::open(&temporary)?;
            let conn = &store.conn;
            conn.pragma_update(None, "journal_mode", "OFF")?;
            conn.pragma_update(None, "synchronous", "OFF")?;
            conn.pragma_update(None, "cache_size", -262_144)?;
            let indexes: Vec<(String, String)> = conn
                .prepare(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                     AND tbl_name IN ('events', 'event_parties', 'mentions')",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (name, _) in &indexes {
                conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            }
            conn.execute(
                "INSERT INTO imports (dataset, file, file_hash, imported_at) VALUES (?1, ?2, ?3, datetime('now'))",
                params![file.dataset, file.file, file.file_hash],
            )?;
            let import_id = conn.last_insert_rowid();
            let mut n = 0usize;
            // One transaction per million rows, all of one new store that is removed unless
            // complete: a name read or written stays true for the store's life.
            let mut names = Names::new();
            {
                let mut event = conn.prepare(
                    "INSERT INTO events (id, event, actors, recipients, date) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                conn.execute_batch("BEGIN")?;
                for row in rows {
                    let e = &row.event;
                    let id = n as i64 + 1;
                    let (actors, recipients) = (party_key(&e.actor), party_key(&e.recipient));
                    let date = e
                        .date
                        .as_deref()
                        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .map(|d| d.to_string());
                    event.execute(params![id, e.event.as_str(), actors, recipients, date])?;
                    insert_event_rows(conn, id, e, &actors, &recipients)?;
                    insert_mention(conn, &mut names, id, import_id, &file.dataset, &row)?;
                    n += 1;
                    // Commits now and then, so that the page cache does not fill with
                    // dirty pages.
                    if n.is_multiple_of(1_000_000) {
                        conn.execute_batch("COMMIT; BEGIN")?;
                    }
                }
                conn.execute_batch("COMMIT")?;
            }
            for (_, sql) in &indexes {
                conn.execute_batch(sql)?;
            }
            conn.execute(
                "UPDATE imports SET rows = ?1 WHERE id = ?2",
                params![n as i64, import_id],
            )?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            n
        };
        std::fs::rename(&temporary, path).map_err(|e| {
            StoreError::Input(format!(
                "cannot rename {} to {}: {e}",
                temporary.display(),
                path.display()
            ))
        })?;
        Ok(n)
    }
}
