//! The schema and its migrations, versioned with `PRAGMA user_version`.

use rusqlite::Connection;

use crate::StoreError;

/// Each migration moves the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
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
];

pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &Connection) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(StoreError::TooNew { found, supported: VERSION });
    }
    for (idx, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", idx as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
