//! The embedded event store: one SQLite file (WAL mode, versioned schema) holding documents
//! with their representations (the files or pages they were read from), sentences and
//! footnotes, and events merged from mentions: each coded event is a *mention* of an
//! *event*, and mentions of the same event type between the same countries within a few
//! days are one event reported by several sources (the way GDELT separates events from
//! mentions).
//!
//! ```
//! let store = dyad_store::Store::open_in_memory().unwrap();
//! assert_eq!(store.stats().unwrap().documents, 0);
//! ```
//!
//! Imported datasets (GDELT, ICEWS, …) are stored the same way: each row becomes an event
//! with one mention that names the import and the row.
//!
//! Not here: parsing and coding (the CLI hands in coded documents), fetching, the import and
//! export formats (`dyad-formats`).

mod aggregate;
mod bulk;
mod certainty;
mod import;
mod query;
mod recode;
mod saved;
mod schema;
mod similar;
mod write;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rusqlite::Connection;

pub use aggregate::PairMonth;
pub use import::{ImportFile, ImportOutcome, ImportRow};
pub use query::{
    DocRow, EventFacts, EventFilter, EventRow, EventSort, FactsOrder, Figure, Stats, StatsOptions,
};
pub use recode::{RecodeChange, StoredDocument};
pub use similar::{MIN_RESEMBLANCE, MIN_SHINGLES, NEAR_DUPLICATE};
pub use write::{
    sha256_hex, text_hash, IngestOutcome, Prepared, Representation, Sha256Stream, MERGE_WINDOW_DAYS,
};

/// Why the store could not do what was asked.
///
/// The SQLite and JSON errors are shown in the message and deliberately not chained as a
/// `source`: an error chain printed in full would repeat them (`file is not a database: file
/// is not a database: Error code 26: file is not a database`).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {error}")]
    Open { path: String, error: rusqlite::Error },
    #[error("database: {0}")]
    Sql(rusqlite::Error),
    #[error("database schema version {found} is newer than this dyad understands ({supported})")]
    TooNew { found: i64, supported: i64 },
    #[error("{0}")]
    Input(String),
    /// The read was stopped by [`Store::set_cancel`]'s flag or an [`Interrupt`].
    #[error("stopped before the end")]
    Cancelled,
    #[error("stored record: {0}")]
    Json(serde_json::Error),
    /// A full-text search that FTS5 cannot read, said in words (not SQLite's).
    #[error("cannot search for `{query}`: {reason}. Search with words, \"a phrase\", OR, NOT and prefix*; put a word in double quotes to find it as it is")]
    Search { query: String, reason: String },
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        if let rusqlite::Error::SqliteFailure(e, _) = &error {
            if e.code == rusqlite::ErrorCode::OperationInterrupted {
                return StoreError::Cancelled;
            }
        }
        StoreError::Sql(error)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> StoreError {
        StoreError::Json(error)
    }
}

impl StoreError {
    /// Whether the disk (or file system) holding the store is full.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, StoreError::Sql(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::DiskFull)
    }

    /// Whether the store could not be written because it, or its file system, is read-only.
    pub fn is_read_only(&self) -> bool {
        matches!(self, StoreError::Sql(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ReadOnly)
    }

    /// Whether another connection held a lock (for longer than the busy handler waits, or
    /// in a case where SQLite does not wait).
    fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sql(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
    }

    /// Whether opening for writing failed because of the medium or the permissions: the file
    /// or its file system is read-only, or its folder does not let SQLite make the log files.
    fn is_unwritable_medium(&self) -> bool {
        use rusqlite::ErrorCode::{CannotOpen, PermissionDenied, ReadOnly};
        let (StoreError::Sql(rusqlite::Error::SqliteFailure(e, _))
        | StoreError::Open { error: rusqlite::Error::SqliteFailure(e, _), .. }) = self
        else {
            return false;
        };
        matches!(e.code, ReadOnly | CannotOpen | PermissionDenied)
    }
}

/// Stops the statement a [`Store`] is running (SQLite's `sqlite3_interrupt`): it fails with
/// an "interrupted" error. Statements started after are not affected.
pub struct Interrupt(rusqlite::InterruptHandle);

impl Interrupt {
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

/// How long a connection waits for another one's lock before giving up.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

pub struct Store {
    conn: Connection,
    read_only: bool,
    /// Set by another thread to stop the statement running (see [`Store::set_cancel`]).
    cancel: Option<Arc<AtomicBool>>,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date. A
    /// store that exists but cannot be written (a read-only file system or file) is opened
    /// read-only instead: see [`Store::is_read_only`]. Any other error (a locked store, a
    /// file that is not a database) is returned as it is: falling back on those would hide
    /// them behind a misleading "read-only" message.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // Switching a new store to WAL can answer "database is locked" at once, without
        // waiting in the busy handler, when other processes are opening it at the same
        // moment: opening is retried, within the same time the busy timeout allows.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        let opened = loop {
            let opened = Connection::open(path)
                .map_err(|error| StoreError::Open { path: path.display().to_string(), error })
                .and_then(Store::init);
            match opened {
                Err(e) if e.is_busy() && std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                opened => break opened,
            }
        };
        match opened {
            Err(e) if path.is_file() && e.is_unwritable_medium() => {
                Store::open_read_only(path).map_err(|ro| match ro {
                    // Not a read-only store after all: the first error says why.
                    StoreError::Open { .. } => e,
                    other => other,
                })
            }
            other => other,
        }
    }

    /// Opens an existing store for reading only, without touching the file or its log (a
    /// store on a read-only medium; nothing may write it meanwhile).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let open_error = |error| StoreError::Open { path: path.display().to_string(), error };
        let escaped =
            path.display().to_string().replace('%', "%25").replace('?', "%3f").replace('#', "%23");
        let conn = Connection::open_with_flags(
            format!("file:{escaped}?immutable=1"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                | rusqlite::OpenFlags::SQLITE_OPEN_URI
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_error)?;
        let found: i64 =
            conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(open_error)?;
        if found > schema::VERSION {
            return Err(StoreError::TooNew { found, supported: schema::VERSION });
        }
        if found < schema::VERSION {
            return Err(StoreError::Input(format!(
                "the store {} is read-only and its schema (version {found}) needs an upgrade to version {}; open it once where it can be written",
                path.display(),
                schema::VERSION
            )));
        }
        conn.set_prepared_statement_cache_capacity(64);
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        conn.pragma_update(None, "cache_size", -32768)?;
        Ok(Store { conn, read_only: true, cancel: None })
    }

    /// With `Some(flag)`, the store's long reads ([`Store::each_event_facts`]) stop with
    /// [`StoreError::Cancelled`] once `flag` is set, and [`Store::cancelled`] says so; `None`
    /// removes the check. A statement already running is stopped by [`Interrupt`]. For a
    /// server whose client went away or whose time ran out.
    pub fn set_cancel(&mut self, flag: Option<Arc<AtomicBool>>) {
        self.cancel = flag;
    }

    /// Whether the flag of [`Store::set_cancel`] is set: long loops over the store's rows
    /// check it too.
    pub fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|f| f.load(Ordering::Relaxed))
    }

    /// The flag of [`Store::set_cancel`], for work done away from the store (on other
    /// threads) that should stop with it.
    pub fn cancel_flag(&self) -> Option<Arc<AtomicBool>> {
        self.cancel.clone()
    }

    /// A handle that stops the statement this store is running, from another thread.
    pub fn interrupt_handle(&self) -> Interrupt {
        Interrupt(self.conn.get_interrupt_handle())
    }

    /// SQLite's `PRAGMA data_version` of this connection: it changes when another connection,
    /// in this process or another, commits a write. A connection that never writes tells
    /// whether anything read before may have changed.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Whether the store was opened read-only (see [`Store::open`]): writing it fails.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store, StoreError> {
        // The busy timeout makes concurrent writers wait instead of failing; it is set first
        // because switching a new store to WAL takes a lock too. WAL lets readers query while
        // an ingest writes.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A 32 MiB page cache (the default is 2 MiB): a batch's index pages stay in memory
        // instead of being spilled to the log mid-transaction and read back. Checkpoints every
        // 16 MiB of log instead of 4 MiB: pages written by several batches are copied once.
        conn.pragma_update(None, "cache_size", -32768)?;
        conn.pragma_update(None, "wal_autocheckpoint", 4096)?;
        // Room for every statement of the ingest path, so none is compiled twice; and stable
        // query plans, so that binding new values never recompiles a cached statement (by
        // default SQLite re-plans statements whose parameters it could use for estimates).
        conn.set_prepared_statement_cache_capacity(64);
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        schema::migrate(&conn)?;
        Ok(Store { conn, read_only: false, cancel: None })
    }

    /// SQLite's `PRAGMA quick_check` (every page and record read, without the index
    /// cross-checks of `integrity_check`): `None` when the store is sound, else the first
    /// problem found. Writers run it first, so that new documents are not added to a damaged
    /// store whose damage lies in pages the write would not read.
    pub fn quick_check(&self) -> Result<Option<String>, StoreError> {
        let result = self.conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0));
        match result {
            Ok(ok) if ok == "ok" => Ok(None),
            Ok(problem) => Ok(Some(problem)),
            Err(rusqlite::Error::SqliteFailure(e, message))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                ) =>
            {
                Ok(Some(message.unwrap_or_else(|| e.to_string())))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// `PRAGMA integrity_check` is "ok".
    pub fn integrity_ok(&self) -> Result<bool, StoreError> {
        let result: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(result == "ok")
    }

    /// The store file's size and the bytes of it in unused pages (left by deletions and by
    /// migrations that rewrite records; later writes reuse them, only `compact` gives them
    /// back to the file system).
    pub fn space(&self) -> Result<Space, StoreError> {
        let pragma = |name: &str| -> Result<u64, StoreError> {
            Ok(self.conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0))? as u64)
        };
        let page = pragma("page_size")?;
        Ok(Space { bytes: pragma("page_count")? * page, free: pragma("freelist_count")? * page })
    }

    /// Rewrites the store without its unused pages (SQLite `VACUUM`, after the log is
    /// checkpointed): the space before and after. It needs free disk for a copy of the store
    /// and holds the write lock while it runs; an interrupted run leaves the store as it was.
    pub fn compact(&self) -> Result<(Space, Space), StoreError> {
        if self.read_only {
            return Err(StoreError::Input(
                "the store cannot be written (a read-only file system or file)".into(),
            ));
        }
        let before = self.space()?;
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")?;
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok((before, self.space()?))
    }
}

/// The size of a store's database file and the part of it in unused pages, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Space {
    pub bytes: u64,
    pub free: u64,
}

#[cfg(test)]
mod tests {
    use dyad_model::{Document, Entity, Event, EventType, Modality, Size, TextInfo};

    use super::*;

    fn entity(code: &str) -> Entity {
        Entity {
            entity_text: code.into(),
            code: code.into(),
            country: code.into(),
            sector: "".into(),
            name: code.into(),
        }
    }

    fn doc(id: &str, text: &str, outlet: &str) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            outlet: Some(outlet.into()),
            ..Document::default()
        }
    }

    fn event(doc_id: &str, date: &str, size: Option<f64>) -> Event {
        Event {
            id: format!("{doc_id}-0-0"),
            doc_id: doc_id.into(),
            event: EventType::Aid,
            mode: vec![],
            context: vec![],
            actor: vec![entity("PRK")],
            recipient: vec![entity("RUS")],
            date: Some(date.into()),
            date_text: None,
            date_precision: Some("day".into()),
            event_loc: None,
            size: size.map(|value| Size {
                value,
                unit: "shells".into(),
                qualifier: None,
                text: String::new(),
            }),
            modality: Modality::Asserted,
            hedge: None,
            attribution: None,
            quad_code: 2,
            intensity: 10.0,
            cameo: "070".into(),
            text: "North Korea sent shells to Russia.".into(),
            text_info: TextInfo { sentence: 0, start: 0, end: 10 },
            event_text: "sent".into(),
            trigger_span: (12, 16),
            rule: "AID/send:active+subject+prep-to".into(),
            citations: vec![],
            explain: vec![],
        }
    }

    fn rep(source: &str, raw: &str) -> Representation {
        Representation {
            source: source.into(),
            format: "text".into(),
            raw_hash: sha256_hex(raw.as_bytes()),
        }
    }

    #[test]
    fn undated_mentions_never_merge_with_dated_events() {
        // Issue 19: an undated report of a shipment merged into a dated one, and an access
        // date (the article was read then) merged into events days away from it.
        let mut store = Store::open_in_memory().unwrap();
        let undated = |id: &str| Event { date: None, date_precision: None, ..event(id, "", None) };
        let accessed = |id: &str, date: &str| Event {
            date_precision: Some("access".into()),
            ..event(id, date, None)
        };
        let batch = vec![
            (doc("d1", "a", "A"), vec![event("d1", "2024-06-19", None)], rep("d1", "d1")),
            (doc("u1", "b", "B"), vec![undated("u1")], rep("u1", "u1")),
            (doc("u2", "c", "C"), vec![undated("u2")], rep("u2", "u2")),
            (doc("d2", "d", "D"), vec![event("d2", "2024-06-20", None)], rep("d2", "d2")),
            (doc("x1", "e", "E"), vec![accessed("x1", "2024-06-21")], rep("x1", "x1")),
            (doc("x2", "f", "F"), vec![accessed("x2", "2024-06-21")], rep("x2", "x2")),
        ];
        store.ingest_batch(&batch, "test", "test").unwrap();
        let events = store.events(&EventFilter::default()).unwrap();
        let shape: Vec<(Option<&str>, usize)> =
            events.iter().map(|e| (e.date.as_deref(), e.n_mentions)).collect();
        assert_eq!(
            shape,
            [(None, 2), (Some("2024-06-19"), 2), (Some("2024-06-21"), 2)],
            "the undated pair, the dated pair, the pair read on the same day"
        );
    }

    #[test]
    fn unidentified_actors_never_merge() {
        // Two reports of an attack by nobody named, the same day: nothing says they are one
        // event (docs/unidentified.md).
        let mut store = Store::open_in_memory().unwrap();
        let unidentified = |id: &str| {
            let mut e = event(id, "2024-06-19", None);
            e.actor = vec![Entity { sector: "UNK".into(), ..Entity::default() }];
            e
        };
        let batch = vec![
            (
                doc("u1", "Shells hit a market.", "Outlet A"),
                vec![unidentified("u1")],
                rep("u1.txt", "u1"),
            ),
            (
                doc("u2", "Rockets hit a school.", "Outlet B"),
                vec![unidentified("u2")],
                rep("u2.txt", "u2"),
            ),
        ];
        store.ingest_batch(&batch, "test", "test").unwrap();
        assert_eq!(store.events(&EventFilter::default()).unwrap().len(), 2);
        // Nor do they make a "dyad" with a blank side in the summary.
        assert!(store.stats().unwrap().top_dyads.is_empty());
    }

    #[test]
    fn top_dyads_leave_out_self_dyads_and_generic_parties_unless_asked() {
        // Issue 19: PRK→PRK and IGO→IGO topped the summary.
        let mut store = Store::open_in_memory().unwrap();
        let between = |id: &str, actor: &str, recipient: &str| {
            let mut e = event(id, "2024-06-19", None);
            e.actor = vec![entity(actor)];
            e.recipient = vec![entity(recipient)];
            e
        };
        let batch = vec![
            (
                doc("s1", "A purge in one capital.", "A"),
                vec![between("s1", "PRK", "PRK")],
                rep("s1.txt", "s1"),
            ),
            (
                doc("g1", "One agency asked another.", "B"),
                vec![between("g1", "IGO", "IGO")],
                rep("g1.txt", "g1"),
            ),
            (
                doc("g2", "Europe asked a state.", "C"),
                vec![between("g2", "EUR", "PRK")],
                rep("g2.txt", "g2"),
            ),
            (doc("n1", "Two states met.", "D"), vec![between("n1", "PRK", "RUS")], rep("n1", "n1")),
        ];
        store.ingest_batch(&batch, "test", "test").unwrap();
        let shown = |s: Stats| -> Vec<String> {
            s.top_dyads.iter().map(|(a, r, _)| format!("{a}→{r}")).collect()
        };
        assert_eq!(shown(store.stats().unwrap()), ["PRK→RUS"]);
        let all = shown(store.stats_with(StatsOptions { include_self: true }).unwrap());
        assert_eq!(all, ["EUR→PRK", "IGO→IGO", "PRK→PRK", "PRK→RUS"]);
    }

    #[test]
    fn reports_from_two_outlets_merge_and_keep_both_figures() {
        let mut store = Store::open_in_memory().unwrap();
        let batch = vec![
            (
                doc("a", "North Korea sent shells to Russia.", "Outlet A"),
                vec![event("a", "2024-06-19", Some(1_600_000.0))],
                rep("a.txt", "a"),
            ),
            (
                doc("b", "Pyongyang shipped shells to Moscow.", "Outlet B"),
                vec![event("b", "2024-06-21", Some(1_000_000.0))],
                rep("b.txt", "b"),
            ),
            (
                doc("c", "Later, more shells went to Russia.", "Outlet C"),
                vec![event("c", "2024-09-01", None)],
                rep("c.txt", "c"),
            ),
        ];
        let outcomes = store.ingest_batch(&batch, "test", "test").unwrap();
        assert_eq!(outcomes[1], IngestOutcome::New { mentions: 1, new_events: 0 });
        let rows = store.events(&EventFilter::default()).unwrap();
        assert_eq!(rows.len(), 2, "two dates three months apart are two events");
        assert_eq!(rows[0].n_sources, 2);
        assert_eq!(rows[0].n_mentions, 2);
        assert_eq!(rows[0].sizes.len(), 2);
        assert_eq!(
            store
                .events(&EventFilter { min_sources: Some(2), ..EventFilter::default() })
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store
                .events(&EventFilter { actor: Some("rus".into()), ..EventFilter::default() })
                .unwrap()
                .len(),
            0
        );
        assert_eq!(
            store
                .events(&EventFilter {
                    recipient: Some("RUS".into()),
                    since: Some("2024-07-01".into()),
                    ..EventFilter::default()
                })
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store
                .events(&EventFilter { source: Some("outlet b".into()), ..EventFilter::default() })
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store
                .events(&EventFilter { text: Some("SENT SHELLS".into()), ..EventFilter::default() })
                .unwrap()
                .len(),
            2
        );
        assert!(store.integrity_ok().unwrap());
        let found = store.documents(Some("shipped"), 10).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].external_id.as_deref(), Some("b"));
        assert!(found[0].snippet.as_deref().unwrap().contains("[shipped]"));
        assert_eq!(store.documents(None, 10).unwrap().len(), 3);
        assert!(store.documents(Some("\"unbalanced"), 10).is_err());
        let event = store.event(rows[0].id).unwrap().unwrap();
        assert_eq!(event.mentions.len(), 2);
        assert!(store.event(9999).unwrap().is_none());
    }

    #[test]
    fn same_bytes_and_same_article_change_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let first = vec![(
            doc("a", "North Korea sent shells to Russia.", "O"),
            vec![event("a", "2024-06-19", None)],
            rep("a.txt", "raw-a"),
        )];
        store.ingest_batch(&first, "t", "t").unwrap();
        let again = store.ingest_batch(&first, "t", "t").unwrap();
        assert_eq!(again, vec![IngestOutcome::SameFile]);
        let page = vec![(
            doc("a-html", "north korea sent shells\n\nto Russia", "O"),
            vec![event("a-html", "2024-06-19", None)],
            rep("a.html", "raw-a-html"),
        )];
        assert_eq!(store.ingest_batch(&page, "t", "t").unwrap(), vec![IngestOutcome::SameArticle]);
        let stats = store.stats().unwrap();
        assert_eq!(
            (stats.documents, stats.representations, stats.mentions, stats.events),
            (1, 2, 1, 1)
        );
    }

    fn import_row(key: &str, date: &str) -> Result<ImportRow, String> {
        Ok(ImportRow {
            event: event(key, date, None),
            key: key.into(),
            source: Some("https://example.org/feed".into()),
        })
    }

    #[test]
    fn imported_rows_keep_provenance_and_a_broken_file_imports_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let file =
            ImportFile { dataset: "gdelt".into(), file: "a.tsv".into(), file_hash: "h1".into() };
        // Two rows of one dataset are two events, even with the same key and date.
        let rows = vec![import_row("1", "2024-06-19"), import_row("2", "2024-06-19")];
        assert_eq!(
            store.import_file(&file, rows.clone(), &|| 3).unwrap(),
            ImportOutcome::Imported { rows: 2, skipped: 3, duplicates: 0 }
        );
        assert_eq!(store.import_file(&file, rows, &|| 0).unwrap(), ImportOutcome::SameFile);
        let events = store.events(&EventFilter::default()).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].mentions[0]["provenance"]["row"], "1");
        assert_eq!(events[0].sources, ["https://example.org/feed"]);
        // A coded report of the same event joins the first imported one.
        let batch = vec![(
            doc("a", "North Korea sent shells to Russia.", "Outlet A"),
            vec![event("a", "2024-06-20", None)],
            rep("a.txt", "a"),
        )];
        store.ingest_batch(&batch, "t", "t").unwrap();
        let events = store.events(&EventFilter::default()).unwrap();
        assert_eq!((events.len(), events[0].n_mentions, events[0].n_sources), (2, 2, 2));
        assert_eq!(events[0].mentions[1]["provenance"]["document"], 1);
        // An unreadable row part-way through leaves the store as it was, without the parts
        // of records (schema 13) its rows added.
        let before = store.stats().unwrap();
        let parts = |store: &Store| -> i64 {
            store.conn.query_row("SELECT COUNT(*) FROM import_parts", [], |r| r.get(0)).unwrap()
        };
        let parts_before = parts(&store);
        let broken = ImportFile { file_hash: "h2".into(), ..file };
        let mut new_part = import_row("3", "2024-07-01").unwrap();
        new_part.event.cameo = "999".into();
        let rows = vec![Ok(new_part), Err("broken.zip: bad block".to_string())];
        assert!(matches!(store.import_file(&broken, rows, &|| 0), Err(StoreError::Input(_))));
        assert_eq!(store.stats().unwrap(), before);
        assert_eq!(parts(&store), parts_before);
        assert!(store.integrity_ok().unwrap());
    }

    /// A wire story of about a hundred words, written for this test.
    const WIRE: &str = "North Korea has shipped several million artillery shells to Russia since the summer, \
        according to officials in Seoul, who said the deliveries went by rail and by sea through the port \
        of Rajin. The officials said Pyongyang received food, fuel and help with satellites in return. \
        Moscow denied the reports and called them provocations. Analysts said the shipments would let \
        Russian gunners keep up their rate of fire along the front through the winter, while North Korean \
        factories ran extra shifts. The South Korean defence ministry said it was watching the traffic \
        closely with its allies and would respond to any threat.";

    #[test]
    fn a_syndicated_copy_is_one_document_and_one_source() {
        let mut store = Store::open_in_memory().unwrap();
        let copy = format!("SEOUL, Oct 20 (Daily Courier) - {WIRE} (Reporting by the Seoul bureau; editing by the desk.)");
        let other = WIRE
            .replace("artillery shells", "tonnes of rice")
            .replace("Rajin", "Nampo")
            .replace("satellites", "fertiliser")
            .replace("gunners keep up their rate of fire", "families eat")
            .replace("factories ran extra shifts", "farms had a poor harvest");
        let batch = vec![
            (
                doc("wire", WIRE, "Wire"),
                vec![event("wire", "2024-10-19", None)],
                rep("wire.txt", "1"),
            ),
            (
                doc("copy", &copy, "Daily Courier"),
                vec![event("copy", "2024-10-20", None)],
                rep("copy.txt", "2"),
            ),
            (doc("other", &other, "Farm News"), vec![], rep("other.txt", "3")),
        ];
        let outcomes = store.ingest_batch(&batch, "t", "t").unwrap();
        assert!(
            matches!(outcomes[1], IngestOutcome::NearDuplicate { containment_pct } if containment_pct >= 90),
            "{outcomes:?}"
        );
        assert!(
            matches!(outcomes[2], IngestOutcome::New { .. }),
            "a rewritten story is another article: {outcomes:?}"
        );
        let stats = store.stats().unwrap();
        assert_eq!((stats.documents, stats.representations, stats.mentions), (2, 3, 1));
        let events = store.events(&EventFilter::default()).unwrap();
        assert_eq!((events.len(), events[0].n_sources), (1, 1));
    }

    #[test]
    fn compact_gives_back_unused_pages_and_keeps_the_events() {
        let dir = std::env::temp_dir().join(format!("dyad-store-compact-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c.db");
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).unwrap();
        let batch =
            vec![(doc("d1", "a", "A"), vec![event("d1", "2024-06-19", None)], rep("d1", "d1"))];
        store.ingest_batch(&batch, "test", "test").unwrap();
        // Pages freed as a migration that rewrites records frees them.
        store
            .conn
            .execute_batch(
                "CREATE TABLE scratch (x BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                 INSERT INTO scratch SELECT randomblob(1000) FROM n;
                 DROP TABLE scratch;
                 PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .unwrap();
        let free = store.space().unwrap();
        assert!(free.free > 1_000_000, "{free:?}");
        let (before, after) = store.compact().unwrap();
        assert_eq!(before, free);
        assert_eq!(after.free, 0);
        assert!(after.bytes + 1_000_000 < before.bytes, "{before:?} -> {after:?}");
        assert_eq!(std::fs::metadata(&path).unwrap().len(), after.bytes);
        assert_eq!(store.events(&EventFilter::default()).unwrap().len(), 1);
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn documents_stored_before_signatures_get_them_when_migrated() {
        let dir = std::env::temp_dir().join(format!("dyad-store-sign-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.db");
        let _ = std::fs::remove_file(&path);
        {
            // A store as a version without signatures (schema 3) left it.
            let conn = Connection::open(&path).unwrap();
            for sql in &schema::MIGRATIONS[..3] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
            conn.execute(
                "INSERT INTO documents (text_hash, text, coder, lexicon, ingested_at) VALUES ('h', ?1, 't', 't', 'now')",
                [WIRE],
            )
            .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        let copy = format!("{WIRE} Copyright the Daily Courier.");
        let batch = vec![(doc("copy", &copy, "Daily"), vec![], rep("copy.txt", "2"))];
        let outcomes = store.ingest_batch(&batch, "t", "t").unwrap();
        assert!(matches!(outcomes[0], IngestOutcome::NearDuplicate { .. }), "{outcomes:?}");
        drop(store);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn concurrent_first_opens_of_a_new_store_wait_for_each_other() {
        let dir = std::env::temp_dir().join(format!("dyad-store-race-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Several rounds: the race needs the opens to meet inside the migration.
        for round in 0..5 {
            let path = dir.join(format!("new-{round}.db"));
            let start = std::sync::Barrier::new(10);
            let results: Vec<Result<bool, String>> = std::thread::scope(|scope| {
                let opens: Vec<_> = (0..10)
                    .map(|_| {
                        scope.spawn(|| {
                            start.wait();
                            Store::open(&path)
                                .map(|s| s.is_read_only())
                                .map_err(|e| format!("{e:?}"))
                        })
                    })
                    .collect();
                opens.into_iter().map(|o| o.join().unwrap()).collect()
            });
            // Every open succeeds, and none falls back to reading only.
            assert!(results.iter().all(|r| r == &Ok(false)), "round {round}: {results:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_batch_leaves_the_store_as_it_was() {
        let mut store = Store::open_in_memory().unwrap();
        // The second document fails after the first was written: the batch rolls back whole.
        let batch = vec![
            (doc("a", "one text", "O"), vec![event("a", "2024-06-19", None)], rep("a.txt", "a")),
            (doc("__fail__", "another text", "O"), vec![], rep("b.txt", "b")),
        ];
        assert!(store.ingest_batch(&batch, "t", "t").is_err());
        assert_eq!(store.stats().unwrap(), Stats::default());
    }

    #[test]
    fn event_facts_read_back_from_the_records_are_the_ones_written() {
        let mut store = Store::open_in_memory().unwrap();
        let mut joint = event("a", "2024-06-19", None);
        joint.actor = vec![entity("USA"), entity("GBR"), entity("USA")];
        joint.actor[1].country = "".into();
        joint.recipient = vec![];
        joint.intensity = 3.3;
        // Denied first, then reported as done by another outlet: it happened.
        let mut denied = event("a", "2024-06-20", None);
        denied.modality = Modality::Negated;
        let mut imagined = event("c", "2024-09-01", None);
        imagined.modality = Modality::Hypothetical;
        let batch = vec![
            (doc("a", "one text", "O"), vec![joint, denied], rep("a", "a")),
            (doc("b", "two text", "P"), vec![event("b", "2024-06-21", None)], rep("b", "b")),
            (doc("c", "three text", "Q"), vec![imagined], rep("c", "c")),
        ];
        store.ingest_batch(&batch, "t", "t").unwrap();
        let facts = |store: &Store| -> Vec<(i64, String, String, Option<f64>, bool, i64)> {
            let mut stmt =
                store.conn.prepare("SELECT * FROM event_facts ORDER BY event_id").unwrap();
            let rows = stmt.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            });
            rows.unwrap().collect::<Result<_, _>>().unwrap()
        };
        let written = facts(&store);
        assert_eq!(written[0], (1, "USA".into(), "".into(), Some(3.3), true, 1));
        assert_eq!(written[1], (2, "PRK".into(), "RUS".into(), Some(10.0), true, 2));
        assert_eq!(written[2], (3, "PRK".into(), "RUS".into(), Some(10.0), false, 1));
        assert!(store.aggregates_are_exact().unwrap());
        store.conn.execute("DELETE FROM event_facts", []).unwrap();
        assert!(store.aggregates_are_exact().unwrap());
        let tx = store.conn.transaction().unwrap();
        write::refresh_facts(&tx, None).unwrap();
        tx.commit().unwrap();
        assert_eq!(facts(&store), written);
        assert!(store.aggregates_are_exact().unwrap());
    }

    #[test]
    fn the_sums_kept_at_write_are_those_of_the_events_after_ingest_import_merge_and_recode() {
        let mut store = Store::open_in_memory().unwrap();
        let exact = |store: &Store| {
            assert!(store.aggregates_are_exact().unwrap());
        };
        let rows = |store: &Store| -> (i64, i64) {
            store
                .conn
                .query_row(
                    "SELECT (SELECT COUNT(*) FROM pair_months), (SELECT COUNT(*) FROM event_counts)",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap()
        };
        let mut batch = Vec::new();
        for (i, (date, actor, recipient, intensity, modality)) in [
            ("2024-06-19", "USA", "RUS", -3.0, Modality::Asserted),
            // Merges into the first (same type and parties, within three days).
            ("2024-06-20", "USA", "RUS", -3.0, Modality::Reported),
            ("2024-06-28", "USA", "RUS", 2.5, Modality::Asserted),
            ("2024-07-01", "USA", "CHN", 3.3, Modality::Asserted),
            ("2024-07-02", "GBR", "", 4.0, Modality::Negated),
            ("", "FRA", "RUS", 1.0, Modality::Asserted),
        ]
        .into_iter()
        .enumerate()
        {
            let id = format!("d{i}");
            let mut e = event(&id, date, None);
            if date.is_empty() {
                e.date = None;
            }
            e.actor = vec![entity(actor)];
            e.recipient = if recipient.is_empty() { vec![] } else { vec![entity(recipient)] };
            e.intensity = intensity;
            e.modality = modality;
            let text = format!("text number {i}");
            batch.push((doc(&id, &text, &format!("O{i}")), vec![e], rep(&id, &id)));
        }
        store.ingest_batch(&batch, "t", "t").unwrap();
        exact(&store);
        assert_eq!(rows(&store), (4, 4));
        let file = ImportFile { dataset: "plover".into(), file: "f".into(), file_hash: "h".into() };
        let imported = (0..3).map(|i| {
            let mut e = event("x", &format!("2024-06-{:02}", 10 + i), None);
            e.intensity = -1.5 * f64::from(i);
            Ok(ImportRow { event: e, key: format!("line {i}"), source: None })
        });
        store.import_file(&file, imported, &|| 0).unwrap();
        exact(&store);
        // Recode: the first document loses its mention (the event keeps the second's), the
        // fourth its event (deleted), the fifth's becomes one that happened.
        let id_of = |store: &Store, external: &str| -> i64 {
            store
                .conn
                .query_row("SELECT id FROM documents WHERE external_id = ?1", [external], |r| {
                    r.get(0)
                })
                .unwrap()
        };
        let mut happened = batch[4].1[0].clone();
        happened.modality = Modality::Asserted;
        let recode = vec![
            (id_of(&store, "d0"), vec![]),
            (id_of(&store, "d3"), vec![]),
            (id_of(&store, "d4"), vec![happened]),
        ];
        store.recode_batch(&recode, "t", "t", false).unwrap();
        exact(&store);
        // Every event left goes, one at a time.
        store.conn.execute("DELETE FROM mentions", []).unwrap();
        store.conn.execute("DELETE FROM events", []).unwrap();
        exact(&store);
        assert_eq!(rows(&store), (0, 0));
    }

    #[test]
    fn an_imported_row_is_read_back_as_the_record_it_was_imported_as() {
        let mut store = Store::open_in_memory().unwrap();
        // As a dataset row: no evidence, the id as the document id; and one with evidence,
        // modes, a place, a figure and another modality.
        let mut bare = event("gdelt:GLOBALEVENTID 7", "2024-06-19", None);
        (bare.id, bare.text, bare.text_info, bare.event_text) = (
            bare.doc_id.clone(),
            String::new(),
            TextInfo { sentence: 0, start: 0, end: 0 },
            String::new(),
        );
        bare.trigger_span = (0, 0);
        let mut full = event("x", "2024-06-20", Some(3.0));
        full.mode = vec!["military".into(), "visit".into()];
        full.modality = Modality::Reported;
        full.hedge = Some("reportedly".into());
        full.event_loc = Some(dyad_model::Location {
            extracted_place: "Kyiv".into(),
            resolved_place: "Kyiv".into(),
            country_code: "UKR".into(),
            lat: Some(50.45),
            lon: Some(30.52),
            feature: "city".into(),
        });
        let mut undated = bare.clone();
        undated.date = None;
        undated.mode = vec!["".into()];
        // As GDELT rows are (schema 11): the id and the rule those of the row and the
        // dataset, actor names in capitals, a country equal to the code, a place named
        // twice; and one where each of these differs.
        let mut gdelt = bare.clone();
        (gdelt.id, gdelt.doc_id, gdelt.rule) =
            ("gdelt:3".into(), "gdelt:3".into(), "import:gdelt".into());
        gdelt.actor[0].name = "North Korea".into();
        gdelt.actor[0].entity_text = "NORTH KOREA".into();
        gdelt.recipient[0].sector = "GOV".into();
        gdelt.event_loc = full.event_loc.clone();
        let mut unlike = gdelt.clone();
        unlike.id = "gdelt:9".into();
        unlike.rule = "import:icews".into();
        unlike.actor[0].entity_text = "PYONGYANG".into();
        unlike.recipient[0].country = "IGO".into();
        unlike.event_loc.as_mut().unwrap().resolved_place = "Kyiv, Ukraine".into();
        let events = [bare, full, undated, gdelt, unlike];
        let file = ImportFile { dataset: "gdelt".into(), file: "f".into(), file_hash: "h".into() };
        let rows = events.iter().enumerate().map(|(i, e)| {
            Ok(ImportRow { event: e.clone(), key: format!("GLOBALEVENTID {i}"), source: None })
        });
        store.import_file(&file, rows, &|| 0).unwrap();
        let stored: String = store
            .conn
            .query_row("SELECT record FROM mentions WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        let whole = serde_json::to_string(&events[0]).unwrap();
        assert!(stored.len() + 200 < whole.len(), "{stored} against {whole}");
        let stored: String = store
            .conn
            .query_row("SELECT record FROM mentions WHERE id = 4", [], |r| r.get(0))
            .unwrap();
        for left_out in [
            "\"id\"",
            "import:gdelt",
            "NORTH KOREA",
            "\"country\"",
            "resolved_place",
            "\"sector\":\"\"",
        ] {
            assert!(!stored.contains(left_out), "{left_out} in {stored}");
        }
        // Schema 13: the GLOBALEVENTID kept as a number, the place's name and the CAMEO
        // fields as parts named by the record.
        let (key, id): (Option<String>, Option<i64>) = store
            .conn
            .query_row("SELECT import_row, global_id FROM mentions WHERE id = 4", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((key, id), (None, Some(3)));
        for left_out in ["Kyiv", "\"cc\"", "\"c\""] {
            assert!(!stored.contains(left_out), "{left_out} in {stored}");
        }
        let mut read = store.events(&EventFilter::default()).unwrap();
        read.sort_by_key(|row| row.id);
        assert_eq!(read.len(), 5);
        for (i, (row, original)) in read.iter().zip(&events).enumerate() {
            let mut record = row.mentions[0].clone();
            let provenance = record.as_object_mut().unwrap().remove("provenance").unwrap();
            assert_eq!(provenance["row"], format!("GLOBALEVENTID {i}"));
            assert_eq!(record, serde_json::to_value(original).unwrap());
        }
        // The facts of an event are read back from its slim record too.
        let facts = |store: &Store| -> Vec<(String, String, Option<f64>, bool)> {
            let mut stmt = store
                .conn
                .prepare("SELECT actor_countries, recipient_countries, intensity, happened FROM event_facts ORDER BY event_id")
                .unwrap();
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)));
            rows.unwrap().collect::<Result<_, _>>().unwrap()
        };
        let written = facts(&store);
        let tx = store.conn.transaction().unwrap();
        write::refresh_facts(&tx, None).unwrap();
        tx.commit().unwrap();
        assert_eq!(facts(&store), written);
        assert!(store.aggregates_are_exact().unwrap());
    }

    /// An event as a GDELT row gives it (`gdelt:I`, no evidence) by North Korea, in Kyiv
    /// (`resolved`: the place as resolved).
    fn gdelt_row(i: usize, resolved: &str) -> Event {
        let mut e = event(&format!("gdelt:{i}"), "2024-06-19", None);
        (e.id, e.rule, e.text, e.event_text) =
            (e.doc_id.clone(), "import:gdelt".into(), String::new(), String::new());
        (e.text_info, e.trigger_span) = (TextInfo { sentence: 0, start: 0, end: 0 }, (0, 0));
        e.actor[0].name = "North Korea".into();
        e.event_loc = Some(dyad_model::Location {
            extracted_place: "Kyiv, Ukraine".into(),
            resolved_place: resolved.into(),
            country_code: "UKR".into(),
            lat: Some(50.45),
            lon: Some(30.52),
            feature: "city".into(),
        });
        e
    }

    /// A version 10 store's imported rows (slim records holding the id, rule, capitalised
    /// names, countries and places schema 11 leaves out, and one full record of an import
    /// older than schema 9) read the same after the migration, in fewer bytes.
    #[test]
    fn a_version_10_store_migrates_its_imported_records_reading_the_same() {
        let mut store = Store::open_in_memory().unwrap();
        let mut events = Vec::new();
        for i in 0..4 {
            let mut e = gdelt_row(i, "Kyiv, Ukraine");
            e.actor[0].entity_text = "NORTH KOREA".into();
            e.mode = vec!["visit".into()];
            events.push(e);
        }
        events[1].actor[0].entity_text = "PYONGYANG".into();
        events[2].recipient[0].country = "IGO".into();
        let file = ImportFile { dataset: "gdelt".into(), file: "f".into(), file_hash: "h".into() };
        let rows = events.iter().enumerate().map(|(i, e)| {
            Ok(ImportRow {
                event: e.clone(),
                key: format!("GLOBALEVENTID {i}"),
                source: Some("u".into()),
            })
        });
        store.import_file(&file, rows, &|| 0).unwrap();
        // The records as schema 10 wrote them; the last as the coder's JSON.
        for (id, e) in events.iter().enumerate() {
            let serde_json::Value::Object(mut old) = serde_json::to_value(e).unwrap() else {
                unreachable!()
            };
            if id < 3 {
                for column in ["event", "date", "modality", "mode", "doc_id"] {
                    old.remove(column);
                }
                for (key, value) in crate::import::record_defaults() {
                    if old.get(&key) == Some(&value) {
                        old.remove(&key);
                    }
                }
                old.insert("slim".into(), true.into());
            }
            let old = serde_json::to_string(&old).unwrap();
            store
                .conn
                .execute(
                    "UPDATE mentions SET record = ?1 WHERE id = ?2",
                    rusqlite::params![old, id as i64 + 1],
                )
                .unwrap();
        }
        let lengths = |store: &Store| -> Vec<i64> {
            let mut stmt =
                store.conn.prepare("SELECT length(record) FROM mentions ORDER BY id").unwrap();
            let rows = stmt.query_map([], |r| r.get(0)).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        let read = |store: &Store| {
            let mut rows = store.events(&EventFilter::default()).unwrap();
            rows.sort_by_key(|row| row.id);
            serde_json::to_value(rows.iter().map(|r| &r.mentions).collect::<Vec<_>>()).unwrap()
        };
        let countries = |store: &Store| -> Vec<(String, String)> {
            let mut stmt = store
                .conn
                .prepare("SELECT actor_countries, recipient_countries FROM event_facts ORDER BY event_id")
                .unwrap();
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        let (before, lengths_before, facts_before) =
            (read(&store), lengths(&store), countries(&store));
        // Read above by this schema's code; the store set back for the migration.
        store.conn.execute_batch(SCHEMA_12_TABLES).unwrap();
        store.conn.execute_batch(SCHEMA_11_INDEXES).unwrap();
        store.conn.pragma_update(None, "user_version", 10).unwrap();
        schema::migrate(&store.conn).unwrap();
        assert_eq!(read(&store), before);
        let lengths_after = lengths(&store);
        for i in 0..3 {
            assert!(
                lengths_after[i] + 40 < lengths_before[i],
                "{lengths_after:?} against {lengths_before:?}"
            );
        }
        assert_eq!(lengths_after[3], lengths_before[3]);
        let tx = store.conn.transaction().unwrap();
        write::refresh_facts(&tx, None).unwrap();
        tx.commit().unwrap();
        assert_eq!(countries(&store), facts_before);
        assert!(store.aggregates_are_exact().unwrap());
    }

    /// A store of schema 13 set back to schema 12: GLOBALEVENTIDs as text, no parts, parties
    /// with rowids and their index (its records are set back by the caller).
    const SCHEMA_12_TABLES: &str = "UPDATE mentions SET source = (SELECT prefix FROM import_sources WHERE id = source_prefix) || source
            WHERE source_prefix IS NOT NULL;
        ALTER TABLE mentions DROP COLUMN source_prefix; DROP TABLE import_sources;
        DROP INDEX mentions_global_id; DROP INDEX mentions_import_row;
        UPDATE mentions SET import_row = 'GLOBALEVENTID ' || global_id WHERE global_id IS NOT NULL;
        ALTER TABLE mentions DROP COLUMN global_id;
        CREATE INDEX mentions_global_id ON mentions (CAST(substr(import_row, 15) AS INTEGER))
            WHERE import_row GLOB 'GLOBALEVENTID *';
        DROP TABLE import_parts;
        CREATE TABLE parties_12 (event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role TEXT NOT NULL, code TEXT NOT NULL);
        INSERT INTO parties_12 SELECT event_id, role, code FROM event_parties ORDER BY event_id, role;
        DROP TABLE event_parties; ALTER TABLE parties_12 RENAME TO event_parties;
        CREATE INDEX event_parties_code ON event_parties (code, role, event_id);";

    /// A record of schema 13 as schema 12 wrote it: its parts put back, marked `"v":2`.
    fn as_schema_12(store: &Store, record: &str) -> String {
        let mut old: serde_json::Value = serde_json::from_str(record).unwrap();
        let fields = old.as_object_mut().unwrap();
        let ids = fields.remove("k").unwrap_or_else(|| panic!("no parts in {record}"));
        crate::import::join_parts(&store.conn, fields, &ids).unwrap();
        fields.insert("v".into(), 2.into());
        serde_json::to_string(&old).unwrap()
    }

    /// The indexes of mentions as schema 11 had them, for a store set back to an older
    /// version (after [`SCHEMA_12_TABLES`]).
    const SCHEMA_11_INDEXES: &str = "DROP INDEX mentions_global_id;
        CREATE INDEX mentions_import_row ON mentions (import_row) WHERE import_id IS NOT NULL;
        DROP INDEX mentions_document; CREATE INDEX mentions_document ON mentions (document_id);
        CREATE INDEX mentions_import ON mentions (import_id); DROP TABLE import_names;";

    /// Issue 18: a version 11 store's imported rows (slim records with their long field
    /// names and GDELT's day precision) read the same after the migration to the compact
    /// records of schema 12, in fewer bytes, with the same facts; the GLOBALEVENTID lookup
    /// uses its integer index and still finds them.
    #[test]
    fn a_version_11_store_migrates_to_compact_records_reading_the_same() {
        let mut store = Store::open_in_memory().unwrap();
        let mut events = Vec::new();
        for i in 0..3 {
            let mut e = gdelt_row(i, "Kyiv");
            e.actor[0].sector = "GOV".into();
            e.date_precision = Some("day".into());
            e.cameo = "190".into();
            events.push(e);
        }
        // A row without a date precision, and one whose modes the column cannot hold.
        events[1].date_precision = None;
        events[2].mode = vec!["a,b".into()];
        let file = ImportFile { dataset: "gdelt".into(), file: "f".into(), file_hash: "h".into() };
        let rows = events.iter().enumerate().map(|(i, e)| {
            let key = format!("GLOBALEVENTID {i}");
            Ok(ImportRow { event: e.clone(), key, source: Some("u".into()) })
        });
        store.import_file(&file, rows, &|| 0).unwrap();
        let records = |store: &Store| -> Vec<String> {
            let mut stmt = store.conn.prepare("SELECT record FROM mentions ORDER BY id").unwrap();
            let rows = stmt.query_map([], |r| r.get(0)).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        let compact = records(&store);
        // The records as schema 11 wrote them: long names, GDELT's day precision kept.
        for (id, record) in compact.iter().enumerate() {
            let record = &as_schema_12(&store, record);
            let mut old: serde_json::Value = serde_json::from_str(record).unwrap();
            let fields = old.as_object_mut().unwrap();
            assert_eq!(fields.remove("v"), Some(2.into()), "{record}");
            // Names equal to their code's, put back.
            for role in ["actor", "recipient"] {
                for entity in old[role].as_array_mut().unwrap() {
                    let entity = entity.as_object_mut().unwrap();
                    if !entity.contains_key("n") {
                        let code = [entity["code"].as_str().unwrap()];
                        let sql = "SELECT name FROM import_names WHERE code = ?1";
                        let name: String = store.conn.query_row(sql, code, |r| r.get(0)).unwrap();
                        entity.insert("n".into(), name.into());
                    }
                }
            }
            crate::import::rename_keys(&mut old, false);
            let fields = old.as_object_mut().unwrap();
            fields.entry("date_precision").or_insert("day".into());
            fields.insert("slim".into(), true.into());
            let old = serde_json::to_string(&old).unwrap();
            assert!(old.len() > record.len() + 60, "{old} against {record}");
            let params = rusqlite::params![old, id as i64 + 1];
            store.conn.execute("UPDATE mentions SET record = ?1 WHERE id = ?2", params).unwrap();
        }
        let read = |store: &Store| {
            let mut rows = store.events(&EventFilter::default()).unwrap();
            rows.sort_by_key(|row| row.id);
            rows.iter().map(|r| r.mentions[0].clone()).collect::<Vec<_>>()
        };
        let before = read(&store);
        for (record, original) in before.iter().zip(&events) {
            let mut record = record.clone();
            record.as_object_mut().unwrap().remove("provenance");
            assert_eq!(record, serde_json::to_value(original).unwrap());
        }
        let facts = |store: &Store| -> Vec<(String, String, Option<f64>)> {
            let mut stmt = store
                .conn
                .prepare("SELECT actor_countries, recipient_countries, intensity FROM event_facts ORDER BY event_id")
                .unwrap();
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        let facts_before = facts(&store);
        // Read above by this schema's code; the store set back for the migration.
        store.conn.execute_batch(SCHEMA_12_TABLES).unwrap();
        store.conn.execute_batch(SCHEMA_11_INDEXES).unwrap();
        store.conn.pragma_update(None, "user_version", 11).unwrap();
        schema::migrate(&store.conn).unwrap();
        assert_eq!(records(&store), compact);
        assert_eq!(read(&store), before);
        let tx = store.conn.transaction().unwrap();
        write::refresh_facts(&tx, None).unwrap();
        tx.commit().unwrap();
        assert_eq!(facts(&store), facts_before);
        assert!(store.aggregates_are_exact().unwrap());
        // The same rows again: each found by its GLOBALEVENTID, through the integer index.
        assert!(global_id_plan(&store).contains("mentions_global_id"));
        let again = ImportFile { file_hash: "h2".into(), ..file };
        let rows = events.iter().enumerate().map(|(i, e)| {
            Ok(ImportRow { event: e.clone(), key: format!("GLOBALEVENTID {i}"), source: None })
        });
        let outcome = store.import_file(&again, rows, &|| 0).unwrap();
        assert_eq!(outcome, ImportOutcome::Imported { rows: 0, skipped: 0, duplicates: 3 });
    }

    /// A store of schema 14 set back to schema 13: imported sources as whole URLs.
    const SCHEMA_13_TABLES: &str = "UPDATE mentions SET source = (SELECT prefix FROM import_sources WHERE id = source_prefix) || source
            WHERE source_prefix IS NOT NULL;
        ALTER TABLE mentions DROP COLUMN source_prefix; DROP TABLE import_sources;";

    #[test]
    fn the_source_key_reads_sources_and_keys_as_imports_store_them() {
        assert!(query::SOURCE_KEY.contains(&crate::import::source_sql("m")));
        assert!(query::SOURCE_KEY.contains(crate::import::IMPORT_ROW));
        let split = crate::import::split_source;
        assert_eq!(split("https://a.org/world/1-x"), Some(("https://a.org/world/", "1-x")));
        assert_eq!(split("https://a.org/b/c/"), Some(("https://a.org/b/", "c/")));
        assert_eq!(split("https://a.org/x"), Some(("https://a.org/", "x")));
        for whole in ["https://a.org/", "https://a.org", "a.org/x", "", "/", "é/é"] {
            assert_eq!(split(whole), None, "{whole}");
        }
    }

    /// Issue 18: a version 13 store's imported sources (whole URLs) are split at the
    /// migration to schema 14 and read the same: each event's sources and source count, and
    /// the source filter, also on words that span the directory and the rest.
    #[test]
    fn a_version_13_store_migrates_to_split_sources_reading_the_same() {
        let mut store = Store::open_in_memory().unwrap();
        let urls = [
            "https://www.example.org/world/1-korea",
            "https://www.example.org/world/2-korea",
            "https://example.org/",
            "feed",
            "https://news.example.com/a/b/",
        ];
        let file = ImportFile { dataset: "gdelt".into(), file: "f".into(), file_hash: "h".into() };
        let rows = urls.iter().enumerate().map(|(i, url)| {
            let source = Some(url.to_string());
            Ok(ImportRow { event: gdelt_row(i, "Kyiv"), key: format!("GLOBALEVENTID {i}"), source })
        });
        store.import_file(&file, rows, &|| 0).unwrap();
        let stored = |store: &Store| -> Vec<(Option<String>, Option<i64>)> {
            let sql = "SELECT source, source_prefix FROM mentions ORDER BY id";
            let mut stmt = store.conn.prepare(sql).unwrap();
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        let split = stored(&store);
        let text = |s: &str| Some(s.to_string());
        assert_eq!(
            split,
            [
                (text("1-korea"), Some(1)),
                (text("2-korea"), Some(1)),
                (text("https://example.org/"), None),
                (text("feed"), None),
                (text("b/"), Some(2))
            ]
        );
        let read = |store: &Store| -> Vec<Vec<(i64, Vec<String>, usize)>> {
            [None, Some("world/1"), Some("ORG/WORLD"), Some("korea"), Some("feed"), Some("m/a/b")]
                .iter()
                .map(|source| {
                    let filter = EventFilter {
                        source: source.map(str::to_string),
                        ..EventFilter::default()
                    };
                    let mut rows = store.events(&filter).unwrap();
                    rows.sort_by_key(|row| row.id);
                    rows.into_iter().map(|r| (r.id, r.sources, r.n_sources)).collect()
                })
                .collect()
        };
        let before = read(&store);
        let sources: Vec<&str> = before[0].iter().map(|(_, s, _)| s[0].as_str()).collect();
        assert_eq!(sources, urls);
        let found: Vec<usize> = before.iter().map(Vec::len).collect();
        assert_eq!(found, [5, 1, 2, 2, 1, 1]);
        // The store as schema 13 wrote it.
        store.conn.execute_batch(SCHEMA_13_TABLES).unwrap();
        store.conn.pragma_update(None, "user_version", 13).unwrap();
        let whole: Vec<String> = {
            let mut stmt = store.conn.prepare("SELECT source FROM mentions ORDER BY id").unwrap();
            let rows = stmt.query_map([], |r| r.get(0)).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        assert_eq!(whole, urls);
        schema::migrate(&store.conn).unwrap();
        assert_eq!(stored(&store), split);
        assert_eq!(read(&store), before);
        let tx = store.conn.transaction().unwrap();
        write::refresh_facts(&tx, None).unwrap();
        tx.commit().unwrap();
        assert_eq!(read(&store), before);
        assert!(store.aggregates_are_exact().unwrap());
        assert!(store.integrity_ok().unwrap());
    }

    /// The plan of `import::is_imported_before`'s lookup of a GLOBALEVENTID.
    fn global_id_plan(store: &Store) -> String {
        let mut explain = store
            .conn
            .prepare(
                "EXPLAIN QUERY PLAN SELECT 1 FROM mentions m JOIN imports i ON i.id = m.import_id
                 WHERE m.global_id = ?1 AND i.dataset = ?2 LIMIT 1",
            )
            .unwrap();
        let plan = explain.query_map(rusqlite::params![1, "gdelt"], |r| r.get::<_, String>(3));
        let plan: Vec<String> = plan.unwrap().collect::<Result<_, _>>().unwrap();
        plan.join("; ")
    }

    /// Issue 18: a version 12 store's imported rows (compact records with their places and
    /// CAMEO fields inline, GLOBALEVENTIDs as text, parties in a table with rowids) read the
    /// same after the migration to schema 13, records and keys in fewer bytes, with the same
    /// parties and facts; overlapping rows are still found by GLOBALEVENTID, including a key
    /// that is not a number's own form (kept as text).
    #[test]
    fn a_version_12_store_migrates_to_parts_and_integer_ids_reading_the_same() {
        let mut store = Store::open_in_memory().unwrap();
        let mut events = Vec::new();
        for i in 0..5 {
            let mut e = gdelt_row(i, "Kyiv, Ukraine");
            e.cameo = ["190", "042"][i % 2].into();
            e.quad_code = 1 + (i % 2) as u8 * 3;
            e.context = vec!["military".into()];
            events.push(e);
        }
        // A row without a place, CAMEO code or contexts, and one whose place has empty names
        // and no coordinates.
        (events[3].event_loc, events[3].cameo, events[3].context) = (None, String::new(), vec![]);
        let place = events[4].event_loc.as_mut().unwrap();
        (place.extracted_place, place.resolved_place, place.country_code, place.feature) =
            (String::new(), String::new(), String::new(), String::new());
        (place.lat, place.lon) = (None, None);
        let keys = ["1", "20", "0042", "300", "4000"].map(|n| format!("GLOBALEVENTID {n}"));
        let file = ImportFile { dataset: "gdelt".into(), file: "f".into(), file_hash: "h".into() };
        let rows = events.iter().zip(&keys).map(|(e, key)| {
            Ok(ImportRow { event: e.clone(), key: key.clone(), source: Some("u".into()) })
        });
        store.import_file(&file, rows, &|| 0).unwrap();
        let records = |store: &Store| -> Vec<String> {
            let mut stmt = store.conn.prepare("SELECT record FROM mentions ORDER BY id").unwrap();
            let rows = stmt.query_map([], |r| r.get(0)).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        let parties = |store: &Store| -> Vec<(i64, String, String)> {
            let sql =
                "SELECT event_id, role, code FROM event_parties ORDER BY event_id, role, code";
            let mut stmt = store.conn.prepare(sql).unwrap();
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        let facts = |store: &Store| -> Vec<(String, String, Option<f64>, i64)> {
            let sql = "SELECT actor_countries, recipient_countries, intensity, n_sources FROM event_facts ORDER BY event_id";
            let mut stmt = store.conn.prepare(sql).unwrap();
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)));
            rows.unwrap().collect::<Result<_, _>>().unwrap()
        };
        let read = |store: &Store| {
            let mut rows = store.events(&EventFilter::default()).unwrap();
            rows.sort_by_key(|row| row.id);
            rows
        };
        let compact = records(&store);
        let before = read(&store);
        for (row, (original, key)) in before.iter().zip(events.iter().zip(&keys)) {
            assert_eq!(row.sources, ["u"]);
            let mut record = row.mentions[0].clone();
            let provenance = record.as_object_mut().unwrap().remove("provenance").unwrap();
            assert_eq!(provenance["row"], key.as_str());
            assert_eq!(record, serde_json::to_value(original).unwrap());
        }
        let (parties_before, facts_before) = (parties(&store), facts(&store));
        // The store as schema 12 wrote it.
        let old: Vec<String> = compact.iter().map(|r| as_schema_12(&store, r)).collect();
        for (id, record) in old.iter().enumerate() {
            let params = rusqlite::params![record, id as i64 + 1];
            store.conn.execute("UPDATE mentions SET record = ?1 WHERE id = ?2", params).unwrap();
        }
        store.conn.execute_batch(SCHEMA_12_TABLES).unwrap();
        store.conn.pragma_update(None, "user_version", 12).unwrap();
        let keys_12: Vec<String> = {
            let mut stmt =
                store.conn.prepare("SELECT import_row FROM mentions ORDER BY id").unwrap();
            let rows = stmt.query_map([], |r| r.get(0)).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        assert_eq!(keys_12, keys);
        schema::migrate(&store.conn).unwrap();
        let migrated = records(&store);
        assert_eq!(migrated, compact);
        for (new, old) in migrated.iter().zip(&old).take(3) {
            assert!(new.len() + 30 < old.len(), "{new} against {old}");
        }
        assert_eq!(read(&store), before);
        assert_eq!(parties(&store), parties_before);
        let tx = store.conn.transaction().unwrap();
        write::refresh_facts(&tx, None).unwrap();
        tx.commit().unwrap();
        assert_eq!(facts(&store), facts_before);
        let ids: Vec<(Option<String>, Option<i64>)> = {
            let mut stmt = store
                .conn
                .prepare("SELECT import_row, global_id FROM mentions ORDER BY id")
                .unwrap();
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        assert_eq!(
            ids,
            [
                (None, Some(1)),
                (None, Some(20)),
                (Some("GLOBALEVENTID 0042".to_string()), None),
                (None, Some(300)),
                (None, Some(4000))
            ]
        );
        assert!(store.aggregates_are_exact().unwrap());
        assert!(store.integrity_ok().unwrap());
        assert!(global_id_plan(&store).contains("mentions_global_id"));
        // The same rows again, in a file that overlaps: all found.
        let again = ImportFile { file_hash: "h2".into(), ..file };
        let rows = events
            .iter()
            .zip(&keys)
            .map(|(e, key)| Ok(ImportRow { event: e.clone(), key: key.clone(), source: None }));
        let outcome = store.import_file(&again, rows, &|| 0).unwrap();
        assert_eq!(outcome, ImportOutcome::Imported { rows: 0, skipped: 0, duplicates: 5 });
    }

    #[test]
    fn a_version_7_store_gets_its_sums_when_it_migrates() {
        let mut store = Store::open_in_memory().unwrap();
        let batch =
            vec![(doc("a", "one text", "O"), vec![event("a", "2024-06-19", None)], rep("a", "a"))];
        store.ingest_batch(&batch, "t", "t").unwrap();
        store.conn.execute_batch(SCHEMA_12_TABLES).unwrap();
        store
            .conn
            .execute_batch(
                "DROP TRIGGER event_facts_add; DROP TRIGGER event_facts_remove; DROP TRIGGER event_facts_sources;
                 DROP TRIGGER event_facts_change; DROP TRIGGER events_remove; DROP TRIGGER events_count;
                 DROP TRIGGER events_uncount; DROP TABLE pair_months; DROP TABLE event_counts;
                 DROP TABLE event_quads; DROP INDEX mentions_global_id;
                 CREATE INDEX mentions_import ON mentions (import_id); DROP TABLE import_names;
                 DROP TRIGGER event_facts_stamp_add; DROP TRIGGER event_facts_stamp_remove;
                 DROP TRIGGER event_facts_stamp_change; DROP TABLE month_stamps;
                 DROP TABLE saved_analyses; PRAGMA user_version = 7;",
            )
            .unwrap();
        schema::migrate(&store.conn).unwrap();
        assert!(store.aggregates_are_exact().unwrap());
        assert_eq!(store.stats().unwrap().events, 1);
        assert_eq!(store.month_stamps().unwrap(), [("2024-06".to_string(), 1)]);
    }

    /// A month's stamp rises with every write to its events' facts and no other month's
    /// does; a result is read back only with the stamp it was saved with.
    #[test]
    fn a_months_stamp_rises_when_its_events_change() {
        let mut store = Store::open_in_memory().unwrap();
        let batch =
            vec![(doc("a", "one text", "O"), vec![event("a", "2024-06-19", None)], rep("a", "a"))];
        store.ingest_batch(&batch, "t", "t").unwrap();
        let before = store.month_stamps().unwrap();
        assert_eq!(before, [("2024-06".to_string(), 1)]);
        store.save_analyses(&[("k".into(), "2024-06:1".into(), b"x".to_vec())]).unwrap();
        assert_eq!(store.saved_analysis("k", "2024-06:1").unwrap(), Some(b"x".to_vec()));
        // Another month's event: June's stamp stays.
        let batch =
            vec![(doc("b", "two text", "P"), vec![event("b", "2024-08-02", None)], rep("b", "b"))];
        store.ingest_batch(&batch, "t", "t").unwrap();
        let stamps = store.month_stamps().unwrap();
        assert_eq!(stamps, [("2024-06".to_string(), 1), ("2024-08".to_string(), 1)]);
        // A second source for June's event (a mention merged in) and the recode that takes
        // document a's events away both move June only.
        let batch = vec![(
            doc("c", "three text", "Q"),
            vec![event("c", "2024-06-19", None)],
            rep("c", "c"),
        )];
        store.ingest_batch(&batch, "t", "t").unwrap();
        let june = |store: &Store| store.month_stamps().unwrap()[0].1;
        let merged = june(&store);
        assert!(merged > 1);
        assert_eq!(store.month_stamps().unwrap()[1].1, 1);
        let a: i64 = store
            .conn
            .query_row("SELECT id FROM documents WHERE external_id = 'a'", [], |r| r.get(0))
            .unwrap();
        store.recode_batch(&[(a, vec![])], "t", "t", false).unwrap();
        assert!(june(&store) > merged);
        assert_eq!(store.saved_analysis("k", "2024-06:1").unwrap(), Some(b"x".to_vec()));
        assert_eq!(store.saved_analysis("k", "2024-06:2").unwrap(), None);
    }

    /// Saving analyses does not wait for another writer (a server's readers would wait
    /// behind it), and works again once the writer is done.
    #[test]
    fn saving_analyses_does_not_wait_for_a_writer() {
        let dir = std::env::temp_dir().join(format!("dyad-store-save-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("store.db");
        let mut reader = Store::open(&db).unwrap();
        let writer = Store::open(&db).unwrap();
        writer.conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        let result = vec![("k".to_string(), "s".to_string(), b"x".to_vec())];
        let started = std::time::Instant::now();
        assert!(reader.save_analyses(&result).is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        writer.conn.execute_batch("COMMIT").unwrap();
        reader.save_analyses(&result).unwrap();
        assert_eq!(reader.saved_analysis("k", "s").unwrap(), Some(b"x".to_vec()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_event_that_loses_its_first_mention_to_recode_takes_the_facts_of_the_next() {
        let mut store = Store::open_in_memory().unwrap();
        let mut second = event("b", "2024-06-20", None);
        second.intensity = 5.0;
        second.modality = Modality::Negated;
        let batch = vec![
            (doc("a", "one text", "O"), vec![event("a", "2024-06-19", None)], rep("a", "a")),
            (doc("b", "two text", "P"), vec![second], rep("b", "b")),
        ];
        store.ingest_batch(&batch, "t", "t").unwrap();
        let facts = |store: &Store| -> (i64, Option<f64>, bool) {
            store
                .conn
                .query_row(
                    "SELECT COUNT(*), MAX(intensity), MAX(happened) FROM event_facts",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap()
        };
        assert_eq!(facts(&store), (1, Some(10.0), true));
        // Document a is recoded with no events: the event keeps b's denied report only.
        let a: i64 = store
            .conn
            .query_row("SELECT id FROM documents WHERE external_id = 'a'", [], |r| r.get(0))
            .unwrap();
        store.recode_batch(&[(a, vec![])], "t", "t", false).unwrap();
        assert_eq!(facts(&store), (1, Some(5.0), false));
        assert!(store.aggregates_are_exact().unwrap());
    }
}
