//! The schema and its migrations, versioned with `PRAGMA user_version`.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::StoreError;

/// Each migration moves the schema from version `index` to `index + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents, representations, sentences, footnotes, events, mentions.
    r#"
    CREATE TABLE documents (
        id          INTEGER PRIMARY KEY,
        -- SHA-256 of the normalised article text: the same article read from a text file
        -- and from its web page is one document.
        text_hash   TEXT NOT NULL UNIQUE,
        external_id TEXT,
        url         TEXT,
        outlet      TEXT,
        title       TEXT,
        author      TEXT,
        published   TEXT,
        language    TEXT,
        text        TEXT NOT NULL,
        coder       TEXT NOT NULL,
        lexicon     TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE representations (
        id          INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        -- SHA-256 of the raw bytes: re-ingesting the same file is a no-op.
        raw_hash    TEXT NOT NULL UNIQUE,
        source      TEXT NOT NULL,
        format      TEXT NOT NULL
    );
    CREATE TABLE sentences (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        PRIMARY KEY (document_id, idx)
    );
    CREATE TABLE footnotes (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number      INTEGER NOT NULL,
        text        TEXT NOT NULL,
        url         TEXT,
        title       TEXT,
        access_date TEXT,
        PRIMARY KEY (document_id, number)
    );
    CREATE TABLE events (
        id          INTEGER PRIMARY KEY,
        event       TEXT NOT NULL,
        -- Sorted, '+'-joined country codes: the merge key with `event` and the date.
        actors      TEXT NOT NULL,
        recipients  TEXT NOT NULL,
        date        TEXT
    );
    CREATE INDEX events_key ON events (event, actors, recipients);
    CREATE TABLE mentions (
        id           INTEGER PRIMARY KEY,
        event_id     INTEGER NOT NULL REFERENCES events(id),
        document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        date         TEXT,
        modality     TEXT NOT NULL,
        mode         TEXT NOT NULL,
        size_value   REAL,
        size_unit    TEXT,
        -- The full coded event record (the `dyad code` JSON), the evidence and provenance.
        record       TEXT NOT NULL
    );
    CREATE INDEX mentions_event ON mentions (event_id);
    CREATE INDEX mentions_document ON mentions (document_id);
    "#,
    // 2: full-text search over documents.
    r#"
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
    INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    "#,
    // 3: imported datasets. A mention comes either from a stored document (and its sentence)
    // or from a row of an imported file; the merge lookup is indexed by date too.
    r#"
    CREATE TABLE imports (
        id          INTEGER PRIMARY KEY,
        -- gdelt, icews, polecat, acled or plover
        dataset     TEXT NOT NULL,
        file        TEXT NOT NULL,
        -- SHA-256 of the file's bytes: importing the same file again is a no-op.
        file_hash   TEXT NOT NULL UNIQUE,
        rows        INTEGER NOT NULL DEFAULT 0,
        skipped     INTEGER NOT NULL DEFAULT 0,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE mentions_v3 (
        id           INTEGER PRIMARY KEY,
        event_id     INTEGER NOT NULL REFERENCES events(id),
        document_id  INTEGER REFERENCES documents(id) ON DELETE CASCADE,
        sentence_idx INTEGER,
        import_id    INTEGER REFERENCES imports(id) ON DELETE CASCADE,
        -- The dataset's own id of the row ("GLOBALEVENTID 1186123457"), or its line.
        import_row   TEXT,
        -- The outlet or URL an imported row names as its source.
        source       TEXT,
        date         TEXT,
        modality     TEXT NOT NULL,
        mode         TEXT NOT NULL,
        size_value   REAL,
        size_unit    TEXT,
        -- The full event record (the `dyad code` JSON), the evidence and provenance.
        record       TEXT NOT NULL,
        CHECK ((document_id IS NULL) <> (import_id IS NULL))
    );
    INSERT INTO mentions_v3 (id, event_id, document_id, sentence_idx, date, modality, mode, size_value, size_unit, record)
        SELECT id, event_id, document_id, sentence_idx, date, modality, mode, size_value, size_unit, record FROM mentions;
    DROP TABLE mentions;
    ALTER TABLE mentions_v3 RENAME TO mentions;
    CREATE INDEX mentions_event ON mentions (event_id);
    CREATE INDEX mentions_document ON mentions (document_id);
    CREATE INDEX mentions_import ON mentions (import_id);
    DROP INDEX events_key;
    CREATE INDEX events_key ON events (event, actors, recipients, date);
    -- Feed items already stored are recognised by their address before fetching.
    CREATE INDEX representations_source ON representations (source);
    "#,
    // 4: near-duplicate detection. Each document's MinHash signature (empty for a text too
    // short to compare: the shingle count, then 64 MinHash values) and its LSH band keys; a
    // representation found by resemblance rather than equal text records the estimated share
    // of the shorter text found in the longer.
    r#"
    CREATE TABLE doc_signatures (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        minhash     BLOB NOT NULL
    );
    CREATE TABLE doc_bands (
        band        INTEGER NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
    );
    CREATE INDEX doc_bands_band ON doc_bands (band);
    ALTER TABLE representations ADD COLUMN containment REAL;
    "#,
    // 5: footnote markers (where the text cites a footnote), so that `dyad recode` rebuilds
    // each document exactly as the coder first saw it. Documents stored before have
    // markers_kept = 0: their citations cannot be restored.
    r#"
    CREATE TABLE markers (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number      INTEGER NOT NULL,
        offset      INTEGER NOT NULL
    );
    CREATE INDEX markers_document ON markers (document_id);
    ALTER TABLE documents ADD COLUMN markers_kept INTEGER NOT NULL DEFAULT 0;
    -- Pages of events by date (the API's default order) without sorting the whole table.
    CREATE INDEX events_date ON events (date, id);
    -- Each event's actor ('a') and recipient ('r') codes, for filtering by actor without
    -- scanning every event.
    CREATE TABLE event_parties (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role     TEXT NOT NULL,
        code     TEXT NOT NULL
    );
    WITH RECURSIVE split(event_id, role, rest, code) AS (
        SELECT id, 'a', actors || '+', '' FROM events
        UNION ALL SELECT id, 'r', recipients || '+', '' FROM events
        UNION ALL SELECT event_id, role, substr(rest, instr(rest, '+') + 1), substr(rest, 1, instr(rest, '+') - 1)
            FROM split WHERE rest <> ''
    )
    INSERT INTO event_parties (event_id, role, code) SELECT event_id, role, code FROM split WHERE code <> '';
    CREATE INDEX event_parties_code ON event_parties (code, role, event_id);
    "#,
    // 6: the full-text index is written by `ingest_batch` after a batch's other rows instead
    // of by a trigger per document. FTS5 flushes its pending terms to disk at every statement
    // savepoint after it was written to; written last, it flushes once per batch.
    r#"
    DROP TRIGGER documents_fts_insert;
    "#,
    // 7: what the analysis reads of each event, kept beside it so that it never parses the
    // mention records: the countries of the actors and of the recipients of its first mention
    // (sorted, distinct, '+'-joined) and that mention's intensity, whether any mention
    // says it happened, and its number of sources. Written when an event is made, updated when a mention joins it, and
    // written again when `recode` removes an event's mentions; the events stored before get
    // theirs here.
    r#"
    CREATE TABLE event_facts (
        event_id            INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        actor_countries     TEXT NOT NULL,
        recipient_countries TEXT NOT NULL,
        -- NULL when the record has none: the analysis then scores the event type and modes.
        intensity           REAL,
        -- 1 when some mention says it happened (a modality other than negated, hypothetical
        -- or conditional): set when such a mention is stored.
        happened            INTEGER NOT NULL,
        -- Independent sources (as `Store::events` counts them): updated when a mention
        -- joins the event.
        n_sources           INTEGER NOT NULL
    );
    "#,
    // 8: sums per month and pair of country sets, and counts per event type and parties, kept
    // by triggers (`aggregate.rs` writes them: the quad table is made from the ontology).
    "",
    // 9: imported rows by their dataset id, so that a GDELT event already imported from an
    // overlapping file is recognised by its GLOBALEVENTID.
    r#"
    CREATE INDEX mentions_import_row ON mentions (import_row) WHERE import_id IS NOT NULL;
    "#,
    // 10: analysis results kept with the stamps of the months they were computed from
    // (`saved.rs` writes the stamps and their triggers, and fills the stamps of the months
    // already summed).
    "",
    // 11: imported rows' records leave out what the dataset and the row's key give (the id,
    // the rule, GDELT's capitalised actor names, a country equal to the code, a place named
    // twice; see
    // `import::slim_record`): `import::reslim` writes those stored before again (at
    // migration 12, which writes them in its own form).
    "",
    // 12: imported rows' records in compact form (short field names, GDELT's day precision
    // and names equal to their code's in `import_names` left out; `import::slim_record`), written again by `import::reslim`. Mentions are
    // indexed by document only where they have one (an imported row has none), which
    // `document_id = ?` lookups and the cascade from `documents` still use; not by import:
    // nothing looks mentions up by import, and imports are never deleted. GDELT rows are
    // found by their GLOBALEVENTID as a number (an index of integers, not of the
    // `GLOBALEVENTID …` texts; `import::is_imported_before`).
    r#"
    DROP INDEX mentions_import_row;
    CREATE INDEX mentions_global_id ON mentions (CAST(substr(import_row, 15) AS INTEGER))
        WHERE import_row GLOB 'GLOBALEVENTID *';
    DROP INDEX mentions_document;
    CREATE INDEX mentions_document ON mentions (document_id) WHERE document_id IS NOT NULL;
    DROP INDEX mentions_import;
    -- The first name an imported row gave each entity code: a record leaves out a name
    -- equal to its code's (`import::name_is_known`). Rows are never changed or removed.
    CREATE TABLE import_names (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
    "#,
    // 13 (issue 18): smaller imported rows. A GDELT row's GLOBALEVENTID is kept as an
    // integer (`global_id`, its `import_row` NULL) when the key is `GLOBALEVENTID ` and the
    // number's own decimal form, so that it reads back as the same text
    // (`import::IMPORT_ROW`); other keys keep their text, and those that begin as GDELT's do
    // are indexed for the lookup of `import::is_imported_before` (normally none). The parts
    // of imported records that repeat from row to row — a place less its coordinates, the
    // CAMEO code with its quad class, contexts and intensity — are kept once each in `import_parts`
    // and named by the record (`"k"`, `import::slim_record`); `import::reslim` writes the
    // records again in that form. Parties are a table without rowids, keyed as their index
    // was (the index was the table over again).
    r#"
    DROP INDEX mentions_global_id;
    ALTER TABLE mentions ADD COLUMN global_id INTEGER;
    UPDATE mentions SET global_id = CAST(substr(import_row, 15) AS INTEGER), import_row = NULL
        WHERE import_id IS NOT NULL AND import_row GLOB 'GLOBALEVENTID [0-9]*'
        AND 'GLOBALEVENTID ' || CAST(substr(import_row, 15) AS INTEGER) = import_row;
    CREATE INDEX mentions_global_id ON mentions (global_id) WHERE global_id IS NOT NULL;
    CREATE INDEX mentions_import_row ON mentions (import_row) WHERE import_row GLOB 'GLOBALEVENTID *';
    -- A part of imported records, as JSON; rows are never changed or removed.
    CREATE TABLE import_parts (id INTEGER PRIMARY KEY, part TEXT NOT NULL UNIQUE);
    -- The columns in the key's order: sqlite3 3.40's quick_check misreads NOT NULL columns
    -- of a table without rowids declared in another order (later versions do not).
    CREATE TABLE event_parties_v13 (
        code     TEXT NOT NULL,
        role     TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        PRIMARY KEY (code, role, event_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO event_parties_v13 (event_id, role, code) SELECT event_id, role, code FROM event_parties;
    DROP TABLE event_parties;
    ALTER TABLE event_parties_v13 RENAME TO event_parties;
    "#,
    // 14 (issue 18): an imported row's source URL is kept as its last part, its directory
    // (up to its last '/' but one at its end, after the host) kept once in
    // `import_sources` and named by `source_prefix` (`import::split_source`); SQL reads the
    // whole URL back through `import::source_sql`. `import::split_sources` splits those stored
    // before.
    r#"
    ALTER TABLE mentions ADD COLUMN source_prefix INTEGER;
    -- Rows are never changed or removed.
    CREATE TABLE import_sources (id INTEGER PRIMARY KEY, prefix TEXT NOT NULL UNIQUE);
    "#,
];

pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to date. Each step runs in an `IMMEDIATE` transaction (the write lock
/// taken first) and reads the version again inside it, so processes that open a new store at
/// the same moment wait for each other (the connection's busy timeout) and each step runs
/// once: a deferred transaction would read version 0 in two processes and fail the second
/// one's write.
pub fn migrate(conn: &Connection) -> Result<(), StoreError> {
    let version = |conn: &Connection| -> Result<i64, StoreError> {
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > VERSION {
            return Err(StoreError::TooNew { found, supported: VERSION });
        }
        Ok(found)
    };
    // Up to date: no write lock needed (the common case, and the only one for readers).
    if version(conn)? == VERSION {
        return Ok(());
    }
    loop {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let found = version(&tx)?;
        let Some(sql) = MIGRATIONS.get(found as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        if found + 1 == 8 {
            crate::aggregate::create(&tx)?;
        }
        if found + 1 == 10 {
            crate::saved::create(&tx)?;
        }
        if found + 1 == 13 {
            // Also schema 11's and 12's rewriting (done once, here): the records of older
            // stores are read as they were written and written as today's `slim_record`
            // writes them, which needs the tables of both.
            crate::import::reslim(&tx)?;
        }
        if found + 1 == 14 {
            crate::import::split_sources(&tx)?;
        }
        if found + 1 == 7 {
            crate::write::refresh_facts_in(&tx, None, true)?;
        }
        if found + 1 == 4 {
            // Version 4 brings near-duplicate signatures: the documents already stored get
            // theirs in the same transaction (later ones get them as they are stored).
            crate::write::sign_unsigned(&tx)?;
        }
        tx.pragma_update(None, "user_version", found + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_2_store_migrates_keeping_its_mentions() {
        let conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..2] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute_batch(
            "INSERT INTO documents (id, text_hash, text, coder, lexicon, ingested_at) VALUES (1, 'h', 't', 'c', 'l', 'now');
             INSERT INTO events (id, event, actors, recipients, date) VALUES (1, 'AID', 'PRK', 'RUS', '2024-06-19');
             INSERT INTO mentions (id, event_id, document_id, sentence_idx, modality, mode, record) VALUES (7, 1, 1, 0, 'asserted', '', '{}');",
        )
        .unwrap();
        migrate(&conn).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, VERSION);
        let kept: (i64, i64, Option<i64>) = conn
            .query_row("SELECT id, document_id, import_id FROM mentions", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(kept, (7, 1, None));
        let parties: Vec<(String, String)> = conn
            .prepare("SELECT role, code FROM event_parties ORDER BY role")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            parties,
            [("a".to_string(), "PRK".to_string()), ("r".to_string(), "RUS".to_string())]
        );
        // A mention must come from a document or an import, not both or neither.
        assert!(conn
            .execute(
                "INSERT INTO mentions (event_id, modality, mode, record) VALUES (1, 'a', '', '{}')",
                []
            )
            .is_err());
    }
}
