//! Imported datasets: rows of GDELT, ICEWS, POLECAT, ACLED or PLOVER files stored as events
//! with their provenance (dataset, file, row id).

use dyad_model::Event;
use rusqlite::{params, OptionalExtension};

use crate::write::merge_target;
use crate::{Store, StoreError};

/// The file an import reads.
#[derive(Debug, Clone)]
pub struct ImportFile {
    /// `gdelt`, `icews`, `polecat`, `acled` or `plover`.
    pub dataset: String,
    /// The path as the user named it.
    pub file: String,
    /// SHA-256 of the file's bytes; see [`crate::sha256_hex`].
    pub file_hash: String,
}

/// One dataset row, converted to the event model.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub event: Event,
    /// The dataset's id for the row ("GLOBALEVENTID 1186123457"), or "line N".
    pub key: String,
    /// The outlet or URL the row names as its source.
    pub source: Option<String>,
}

/// What importing one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Imported {
        rows: usize,
        skipped: usize,
        /// Rows whose GDELT GLOBALEVENTID an earlier row or file of the store has (GDELT's
        /// files overlap): left out.
        duplicates: usize,
    },
    /// This very file was imported before: nothing changed.
    SameFile,
}

impl Store {
    /// Imports one file's rows in one transaction: every row, or on error none (a row that
    /// is `Err` is an unreadable input, which aborts the import). `skipped` is
    /// read after the rows are consumed, so a parser may count the rows it rejected while
    /// `rows` is being iterated. Each row is an event of its own: a dataset row is already a
    /// merged event, so rows do not merge with one another (documents ingested later may
    /// still add mentions to them).
    pub fn import_file<I>(
        &mut self,
        file: &ImportFile,
        rows: I,
        skipped: &dyn Fn() -> usize,
    ) -> Result<ImportOutcome, StoreError>
    where
        I: IntoIterator<Item = Result<ImportRow, String>>,
    {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let known: Option<i64> = tx
            .query_row("SELECT id FROM imports WHERE file_hash = ?1", [&file.file_hash], |r| {
                r.get(0)
            })
            .optional()?;
        if known.is_some() {
            return Ok(ImportOutcome::SameFile);
        }
        tx.execute(
            "INSERT INTO imports (dataset, file, file_hash, imported_at) VALUES (?1, ?2, ?3, datetime('now'))",
            params![file.dataset, file.file, file.file_hash],
        )?;
        let import_id = tx.last_insert_rowid();
        let (mut n, mut duplicates) = (0, 0);
        {
            for row in rows {
                let row = row.map_err(StoreError::Input)?;
                if is_imported_before(&tx, &file.dataset, &row.key)? {
                    duplicates += 1;
                    continue;
                }
                let (event_id, _) = merge_target(&tx, &row.event, false)?;
                insert_mention(&tx, event_id, import_id, &row)?;
                n += 1;
            }
        }
        let skipped = skipped();
        tx.execute(
            "UPDATE imports SET rows = ?1, skipped = ?2 WHERE id = ?3",
            params![n as i64, skipped as i64, import_id],
        )?;
        tx.commit()?;
        Ok(ImportOutcome::Imported { rows: n, skipped, duplicates })
    }
}

/// The key prefix of rows that name an event once across files: GDELT's GLOBALEVENTID. A
/// GDELT event appears again in later 15-minute files and in re-downloads.
const GLOBAL_ID: &str = "GLOBALEVENTID ";

/// Whether a row with this dataset id is stored already (only GDELT's ids are global; other
/// datasets' rows are told apart by file).
fn is_imported_before(
    tx: &rusqlite::Transaction<'_>,
    dataset: &str,
    key: &str,
) -> Result<bool, StoreError> {
    if !key.starts_with(GLOBAL_ID) {
        return Ok(false);
    }
    Ok(tx
        .prepare_cached(
            "SELECT 1 FROM mentions m JOIN imports i ON i.id = m.import_id
             WHERE m.import_row = ?1 AND m.import_id IS NOT NULL AND i.dataset = ?2 LIMIT 1",
        )?
        .query_row(params![key, dataset], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Stores an imported row as a mention of event `event_id` (shared with the bulk writer).
pub(crate) fn insert_mention(
    conn: &rusqlite::Connection,
    event_id: i64,
    import_id: i64,
    row: &ImportRow,
) -> Result<(), StoreError> {
    let e = &row.event;
    conn.prepare_cached(
        "INSERT INTO mentions (event_id, import_id, import_row, source, date, modality, mode, size_value, size_unit, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        event_id,
        import_id,
        row.key,
        row.source,
        e.date,
        e.modality.as_str(),
        e.mode.join(","),
        e.size.as_ref().map(|s| s.value),
        e.size.as_ref().map(|s| s.unit.clone()),
        slim_record(e)?
    ])?;
    Ok(())
}

/// What the record of an imported row holds when it says nothing else: the empty evidence
/// fields every dataset row has. Left out of the stored record, put back when it is read.
fn record_defaults() -> serde_json::Map<String, serde_json::Value> {
    let serde_json::Value::Object(map) = serde_json::json!({
        "context": [], "date_text": null, "date_precision": null, "event_loc": null, "size": null,
        "hedge": null, "attribution": null, "text": "", "text_info": {"sentence": 0, "start": 0, "end": 0},
        "event_text": "", "trigger_span": [0, 0], "citations": [],
    }) else {
        unreachable!("a JSON object literal")
    };
    map
}

/// The record of an imported row as stored: its fields less those equal to
/// [`record_defaults`], those the mention's and the event's columns hold (type, date,
/// modality, modes) and `doc_id` when it is the `id` (as for every dataset row), marked
/// `"slim": true` for [`full_record`].
fn slim_record(e: &Event) -> Result<String, StoreError> {
    let serde_json::Value::Object(mut fields) = serde_json::to_value(e)? else {
        unreachable!("an event serialises as a JSON object")
    };
    for column in ["event", "date", "modality"] {
        fields.remove(column);
    }
    // The modes column joins them with commas: one that holds a comma, or is empty, stays.
    if e.mode.iter().all(|m| !m.is_empty() && !m.contains(',')) {
        fields.remove("mode");
    }
    if e.doc_id == e.id {
        fields.remove("doc_id");
    }
    for (key, value) in record_defaults() {
        if fields.get(&key) == Some(&value) {
            fields.remove(&key);
        }
    }
    // What tells a slim record from the coder's JSON.
    fields.insert("slim".into(), serde_json::Value::Bool(true));
    Ok(serde_json::to_string(&fields)?)
}

/// The mention's record as the coder's JSON: a slim record (see [`slim_record`]) filled out
/// from the defaults and the columns (`event` the event's type; `date`, `modality` and
/// `modes` the mention's), through [`Event`] so that it is the JSON the row was imported as;
/// any other record as it is.
pub(crate) fn full_record(
    record: serde_json::Value,
    event: &str,
    date: Option<&str>,
    modality: &str,
    modes: &str,
) -> Result<serde_json::Value, StoreError> {
    let serde_json::Value::Object(mut slim) = record else { return Ok(record) };
    if slim.remove("slim").is_none() {
        return Ok(serde_json::Value::Object(slim));
    }
    let mut fields = record_defaults();
    let modes: Vec<&str> = modes.split(',').filter(|m| !m.is_empty()).collect();
    fields.insert("event".into(), event.into());
    fields.insert("date".into(), date.into());
    fields.insert("modality".into(), modality.into());
    fields.insert("mode".into(), modes.into());
    if let Some(id) = slim.get("id").cloned() {
        fields.insert("doc_id".into(), id);
    }
    fields.extend(slim);
    let event: Event = serde_json::from_value(serde_json::Value::Object(fields))?;
    Ok(serde_json::to_value(&event)?)
}
