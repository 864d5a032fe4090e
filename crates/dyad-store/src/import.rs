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
        let mut names = Names::new();
        {
            for row in rows {
                let row = row.map_err(StoreError::Input)?;
                if is_imported_before(&tx, &file.dataset, &row.key)? {
                    duplicates += 1;
                    continue;
                }
                let (event_id, _) = merge_target(&tx, &row.event, false)?;
                insert_mention(&tx, &mut names, event_id, import_id, &file.dataset, &row)?;
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
            // The terms of the index `mentions_global_id` (schema 12), then the exact key.
            "SELECT 1 FROM mentions m JOIN imports i ON i.id = m.import_id
             WHERE CAST(substr(m.import_row, 15) AS INTEGER) = CAST(substr(?1, 15) AS INTEGER)
             AND m.import_row GLOB 'GLOBALEVENTID *'
             AND m.import_row = ?1 AND m.import_id IS NOT NULL AND i.dataset = ?2 LIMIT 1",
        )?
        .query_row(params![key, dataset], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Stores an imported row as a mention of event `event_id` (shared with the bulk writer).
pub(crate) fn insert_mention(
    conn: &rusqlite::Connection,
    names: &mut Names,
    event_id: i64,
    import_id: i64,
    dataset: &str,
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
        slim_record(conn, names, e, dataset, &row.key)?
    ])?;
    Ok(())
}

/// What the record of an imported row holds when it says nothing else: the empty evidence
/// fields every dataset row has. Left out of the stored record, put back when it is read.
pub(crate) fn record_defaults() -> serde_json::Map<String, serde_json::Value> {
    let serde_json::Value::Object(map) = serde_json::json!({
        "context": [], "date_text": null, "date_precision": null, "event_loc": null, "size": null,
        "hedge": null, "attribution": null, "text": "", "text_info": {"sentence": 0, "start": 0, "end": 0},
        "event_text": "", "trigger_span": [0, 0], "citations": [],
    }) else {
        unreachable!("a JSON object literal")
    };
    map
}

/// [`record_defaults`] with what a dataset's rows hold when they say nothing else: GDELT's
/// dates are days. Used by the compact records of schema 12 only (a schema 11 record
/// without a `date_precision` has none).
fn dataset_defaults(dataset: &str) -> serde_json::Map<String, serde_json::Value> {
    let mut defaults = record_defaults();
    if dataset == "gdelt" {
        defaults.insert("date_precision".into(), "day".into());
    }
    defaults
}

/// Schema 12: the field names a slim record writes shorter (JSON keys were a third of its
/// bytes), at any depth; `(field, short)`. No field of an event, entity, place, size,
/// attribution or citation has a one- or two-letter name but `id`, which is not a short
/// one, so the renaming is undone exactly. The names the store reads with SQL keep theirs:
/// `actor`, `recipient`, `code`, `country`, `intensity` (`write::refresh_facts`), `text` and
/// `hedge` (the filters).
const SHORT_KEYS: &[(&str, &str)] = &[
    ("name", "n"),
    ("sector", "s"),
    ("cameo", "c"),
    ("date_precision", "dp"),
    ("date_text", "dt"),
    ("event_loc", "l"),
    ("country_code", "cc"),
    ("extracted_place", "p"),
    ("resolved_place", "rp"),
    ("feature", "f"),
    ("lat", "y"),
    ("lon", "x"),
    ("quad_code", "q"),
    ("entity_text", "t"),
    ("doc_id", "d"),
    ("rule", "r"),
    ("context", "cx"),
    ("mode", "m"),
];

/// The key that marks a compact slim record (schema 12), and its value.
const COMPACT: (&str, i64) = ("v", 2);

/// Renames the keys of `value`'s objects, at any depth, from each pair's first name to its
/// second (`short`) or back.
pub(crate) fn rename_keys(value: &mut serde_json::Value, short: bool) {
    match value {
        serde_json::Value::Object(map) => {
            let fields = std::mem::take(map);
            for (key, mut v) in fields {
                rename_keys(&mut v, short);
                let renamed = SHORT_KEYS.iter().find_map(|(long, brief)| match short {
                    true if key == *long => Some(*brief),
                    false if key == *brief => Some(*long),
                    _ => None,
                });
                map.insert(renamed.map_or(key, str::to_string), v);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| rename_keys(v, short)),
        _ => {}
    }
}

/// Whether `name` is the name `import_names` holds for `code` (schema 12): the first name an
/// imported row gave the code, kept when none is. Invariant: a row of `import_names` is
/// never changed or removed, so a record that leaves out its entity's name because it is
/// the code's reads back the same for as long as the store lives (a failed import takes
/// the names it added with it).
fn name_is_known(
    conn: &rusqlite::Connection,
    names: &mut Names,
    code: &str,
    name: &str,
) -> Result<bool, StoreError> {
    if let Some(known) = names.get(code) {
        return Ok(known == name);
    }
    let known = match code_name(conn, code)? {
        Some(known) => known,
        None => {
            conn.prepare_cached("INSERT INTO import_names (code, name) VALUES (?1, ?2)")?
                .execute([code, name])?;
            name.to_string()
        }
    };
    let is_known = known == name;
    names.insert(code.to_string(), known);
    Ok(is_known)
}

/// The rows of `import_names` read or written by one transaction, by code: a lookup per
/// entity of each row was a sixth of an import's time. Invariant: it lives no longer than
/// the transaction, so a rolled-back name is never taken for a stored one.
pub(crate) type Names = std::collections::HashMap<String, String>;

/// The name `import_names` holds for `code` (see [`name_is_known`]).
fn code_name(conn: &rusqlite::Connection, code: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT name FROM import_names WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

/// The event id a dataset row with this key is given when imported (`gdelt:1186123457` for
/// `GLOBALEVENTID 1186123457`), if its key is a GDELT id.
fn row_id(dataset: &str, key: &str) -> Option<String> {
    key.strip_prefix(GLOBAL_ID).map(|n| format!("{dataset}:{n}"))
}

/// The record of an imported row as stored: its fields less those equal to
/// [`record_defaults`], those the mention's and the event's columns hold (type, date,
/// modality, modes), `doc_id` when it is the `id` (as for every dataset row), and, since
/// schema 11, what the import's dataset and the row's key give: the `id` when it is the
/// row's (see [`row_id`]), the `rule` when it is `import:<dataset>`, an entity's
/// `entity_text` when it is its name in capitals (GDELT's actor names), its `country` when it
/// is its `code` (`refresh_facts` reads the code then) and an empty `sector`, a place's
/// `resolved_place` when it is the `extracted_place`. Since schema 12, also an entity's `name`
/// when it is the one `import_names` holds for its code (see [`name_is_known`]), the
/// dataset's defaults ([`dataset_defaults`]), and the field names shortened
/// ([`SHORT_KEYS`]), marked `"v": 2` for [`full_record`] (before, `"slim": true`). The
/// `intensity`, which `refresh_facts` reads with SQL, stays.
pub(crate) fn slim_record(
    conn: &rusqlite::Connection,
    names: &mut Names,
    e: &Event,
    dataset: &str,
    key: &str,
) -> Result<String, StoreError> {
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
    if row_id(dataset, key).as_deref() == Some(e.id.as_str()) {
        fields.remove("id");
    }
    if e.rule == format!("import:{dataset}") {
        fields.remove("rule");
    }
    for role in ["actor", "recipient"] {
        for entity in fields.get_mut(role).and_then(|v| v.as_array_mut()).into_iter().flatten() {
            let Some(entity) = entity.as_object_mut() else { continue };
            let capitals = entity.get("name").and_then(|n| n.as_str()).map(str::to_uppercase);
            if capitals.is_some()
                && entity.get("entity_text").and_then(|t| t.as_str()) == capitals.as_deref()
            {
                entity.remove("entity_text");
            }
            if entity.get("country").is_some() && entity.get("country") == entity.get("code") {
                entity.remove("country");
            }
            if entity.get("sector").and_then(|s| s.as_str()) == Some("") {
                entity.remove("sector");
            }
            let code = entity.get("code").and_then(|c| c.as_str()).unwrap_or("");
            let name = entity.get("name").and_then(|n| n.as_str()).unwrap_or("");
            if !code.is_empty() && !name.is_empty() && name_is_known(conn, names, code, name)? {
                entity.remove("name");
            }
        }
    }
    if let Some(place) = fields.get_mut("event_loc").and_then(|v| v.as_object_mut()) {
        if place.get("resolved_place") == place.get("extracted_place") {
            place.remove("resolved_place");
        }
    }
    for (key, value) in dataset_defaults(dataset) {
        if fields.get(&key) == Some(&value) {
            fields.remove(&key);
        }
    }
    let mut record = serde_json::Value::Object(fields);
    rename_keys(&mut record, true);
    // What tells a compact slim record from the coder's JSON and older slim records.
    if let serde_json::Value::Object(fields) = &mut record {
        fields.insert(COMPACT.0.into(), COMPACT.1.into());
    }
    Ok(serde_json::to_string(&record)?)
}

/// What a mention's record is read with besides itself: the event's type, the mention's
/// date, modality and modes, the import's dataset and the row's key.
#[derive(Clone, Copy)]
pub(crate) struct Columns<'a> {
    pub event: &'a str,
    pub date: Option<&'a str>,
    pub modality: &'a str,
    pub modes: &'a str,
    pub dataset: Option<&'a str>,
    pub key: Option<&'a str>,
}

/// The mention's record as the coder's JSON: a slim record (see [`slim_record`]) filled out
/// from the defaults, the columns (`event` the event's type; `date`, `modality` and `modes`
/// the mention's) and the import's `dataset` and the row's `key`, through [`Event`] so that
/// it is the JSON the row was imported as; any other record as it is. Slim records written
/// before schema 11 hold every field [`slim_record`] now leaves out, and read the same.
pub(crate) fn full_record(
    conn: &rusqlite::Connection,
    record: serde_json::Value,
    columns: &Columns<'_>,
) -> Result<serde_json::Value, StoreError> {
    let Columns { event, date, modality, modes, dataset, key } = *columns;
    let serde_json::Value::Object(mut slim) = record else { return Ok(record) };
    let compact = slim.get(COMPACT.0).and_then(|v| v.as_i64()) == Some(COMPACT.1);
    let mut fields = if compact {
        slim.remove(COMPACT.0);
        let mut long = serde_json::Value::Object(std::mem::take(&mut slim));
        rename_keys(&mut long, false);
        if let serde_json::Value::Object(long) = long {
            slim = long;
        }
        dataset_defaults(dataset.unwrap_or(""))
    } else if slim.remove("slim").is_some() {
        record_defaults()
    } else {
        return Ok(serde_json::Value::Object(slim));
    };
    let modes: Vec<&str> = modes.split(',').filter(|m| !m.is_empty()).collect();
    fields.insert("event".into(), event.into());
    fields.insert("date".into(), date.into());
    fields.insert("modality".into(), modality.into());
    fields.insert("mode".into(), modes.into());
    if let (Some(dataset), Some(key)) = (dataset, key) {
        if let Some(id) = row_id(dataset, key) {
            fields.insert("id".into(), id.into());
        }
        fields.insert("rule".into(), format!("import:{dataset}").into());
    }
    fields.extend(slim);
    if !fields.contains_key("doc_id") {
        if let Some(id) = fields.get("id").cloned() {
            fields.insert("doc_id".into(), id);
        }
    }
    for role in ["actor", "recipient"] {
        for entity in fields.get_mut(role).and_then(|v| v.as_array_mut()).into_iter().flatten() {
            let Some(entity) = entity.as_object_mut() else { continue };
            // First: the capitalised name below is this name's.
            if compact && !entity.contains_key("name") {
                let code = entity.get("code").and_then(|c| c.as_str()).unwrap_or("");
                if let Some(name) = code_name(conn, code)? {
                    entity.insert("name".into(), name.into());
                }
            }
            if !entity.contains_key("entity_text") {
                let capitals =
                    entity.get("name").and_then(|n| n.as_str()).unwrap_or("").to_uppercase();
                entity.insert("entity_text".into(), capitals.into());
            }
            if !entity.contains_key("country") {
                let code = entity.get("code").cloned().unwrap_or_else(|| "".into());
                entity.insert("country".into(), code);
            }
            if !entity.contains_key("sector") {
                entity.insert("sector".into(), "".into());
            }
        }
    }
    if let Some(place) = fields.get_mut("event_loc").and_then(|v| v.as_object_mut()) {
        if !place.contains_key("resolved_place") {
            let extracted = place.get("extracted_place").cloned().unwrap_or_default();
            place.insert("resolved_place".into(), extracted);
        }
    }
    let event: Event = serde_json::from_value(serde_json::Value::Object(fields))?;
    Ok(serde_json::to_value(&event)?)
}

/// Schema 11: writes the slim records of imported rows stored before again without what
/// [`slim_record`] now leaves out. A record is rewritten only when the new one reads back
/// (through [`full_record`]) as the same JSON as the old, so nothing is lost; records that
/// are not slim (the coder's JSON of imports older than schema 9) are left as they are.
pub(crate) fn reslim(tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
    let mut page = tx.prepare(
        "SELECT m.id, e.event, m.date, m.modality, m.mode, i.dataset, m.import_row, m.record
         FROM mentions m JOIN events e ON e.id = m.event_id JOIN imports i ON i.id = m.import_id
         WHERE m.id > ?1 AND m.import_id IS NOT NULL ORDER BY m.id LIMIT 10000",
    )?;
    let mut update = tx.prepare("UPDATE mentions SET record = ?1 WHERE id = ?2")?;
    let mut names = Names::new();
    let mut last = 0i64;
    loop {
        type Row = (i64, String, Option<String>, String, String, String, Option<String>, String);
        let rows: Vec<Row> = page
            .query_map([last], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let Some(&(end, ..)) = rows.last() else { return Ok(()) };
        last = end;
        for (id, event, date, modality, modes, dataset, key, record) in rows {
            let old: serde_json::Value = serde_json::from_str(&record)?;
            if old.get("slim").is_none() && old.get(COMPACT.0).is_none() {
                continue;
            }
            let key = key.unwrap_or_default();
            let read = |record: serde_json::Value| {
                let columns = Columns {
                    event: &event,
                    date: date.as_deref(),
                    modality: &modality,
                    modes: &modes,
                    dataset: Some(&dataset),
                    key: Some(&key),
                };
                full_record(tx, record, &columns)
            };
            let full = read(old)?;
            let full_event = serde_json::from_value(full.clone())?;
            let slim = slim_record(tx, &mut names, &full_event, &dataset, &key)?;
            if slim.len() < record.len() && read(serde_json::from_str(&slim)?)? == full {
                update.execute(params![slim, id])?;
            }
        }
    }
}
