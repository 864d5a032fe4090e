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

/// A mention's source as the row named it, in SQL (mentions as `m`): schema 14 keeps an
/// URL's directory in `import_sources` (see [`split_source`]). `query::SOURCE_KEY` and the
/// source filter read it so.
pub(crate) fn source_sql(m: &str) -> String {
    format!("CASE WHEN {m}.source_prefix IS NULL THEN {m}.source ELSE (SELECT s.prefix FROM import_sources s WHERE s.id = {m}.source_prefix) || {m}.source END")
}

/// An URL as its directory — up to and including its last `/` but one that ends it, after
/// the `//` of its host — and the rest (never empty), when it has one: sources of the same
/// site and section share the first, kept once in `import_sources` (schema 14).
pub(crate) fn split_source(url: &str) -> Option<(&str, &str)> {
    let host = url.find("://")? + 3;
    let last = url.len().checked_sub(1)?;
    let slash = url.as_bytes()[..last].iter().rposition(|&b| b == b'/')?;
    (slash >= host).then(|| url.split_at(slash + 1))
}

/// The id of `prefix` in `import_sources`, added when it is not there (schema 14).
/// Invariant: a row of `import_sources` is never changed or removed.
fn source_id(
    conn: &rusqlite::Connection,
    names: &mut Names,
    prefix: &str,
) -> Result<i64, StoreError> {
    if let Some(&id) = names.sources.get(prefix) {
        return Ok(id);
    }
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM import_sources WHERE prefix = ?1")?
        .query_row([prefix], |r| r.get(0))
        .optional()?;
    let id = match found {
        Some(id) => id,
        None => {
            conn.prepare_cached("INSERT INTO import_sources (prefix) VALUES (?1)")?
                .execute([prefix])?;
            conn.last_insert_rowid()
        }
    };
    names.sources.insert(prefix.to_string(), id);
    Ok(id)
}

/// Schema 14: the sources of imported rows stored before, split as [`insert_mention`] now
/// stores them ([`split_source`]); what [`source_sql`] reads is the same text.
pub(crate) fn split_sources(tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
    let mut page = tx.prepare(
        "SELECT id, source FROM mentions WHERE id > ?1 AND import_id IS NOT NULL
         AND source IS NOT NULL AND source_prefix IS NULL ORDER BY id LIMIT 10000",
    )?;
    let mut update =
        tx.prepare("UPDATE mentions SET source = ?1, source_prefix = ?2 WHERE id = ?3")?;
    let mut names = Names::new();
    let mut last = 0i64;
    loop {
        let rows: Vec<(i64, String)> =
            page.query_map([last], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        let Some(&(end, _)) = rows.last() else { return Ok(()) };
        last = end;
        for (id, source) in rows {
            if let Some((prefix, rest)) = split_source(&source) {
                let prefix = source_id(tx, &mut names, prefix)?;
                update.execute(params![rest, prefix, id])?;
            }
        }
    }
}

/// A mention's row key as the dataset gave it, in SQL (mentions as `m`): schema 13 keeps a
/// GDELT key as its number in `global_id` (see [`global_id`]).
pub(crate) const IMPORT_ROW: &str = "COALESCE(m.import_row, 'GLOBALEVENTID ' || m.global_id)";

/// The GLOBALEVENTID of a key `GLOBALEVENTID N`, when `N` is the number's own decimal form
/// (no sign, no leading zero), so that [`IMPORT_ROW`] gives the key back exactly: stored as
/// the integer `global_id` instead of the key's text (schema 13).
pub(crate) fn global_id(key: &str) -> Option<i64> {
    let digits = key.strip_prefix(GLOBAL_ID)?;
    let n: i64 = digits.parse().ok()?;
    (n.to_string() == digits).then_some(n)
}

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
    let found = match global_id(key) {
        // The index `mentions_global_id` (schema 13).
        Some(n) => tx
            .prepare_cached(
                "SELECT 1 FROM mentions m JOIN imports i ON i.id = m.import_id
                 WHERE m.global_id = ?1 AND i.dataset = ?2 LIMIT 1",
            )?
            .query_row(params![n, dataset], |_| Ok(()))
            .optional()?,
        // A key that is not a number's own form is kept as text (index `mentions_import_row`).
        None => tx
            .prepare_cached(
                "SELECT 1 FROM mentions m JOIN imports i ON i.id = m.import_id
                 WHERE m.import_row = ?1 AND m.import_row GLOB 'GLOBALEVENTID *'
                 AND m.import_id IS NOT NULL AND i.dataset = ?2 LIMIT 1",
            )?
            .query_row(params![key, dataset], |_| Ok(()))
            .optional()?,
    };
    Ok(found.is_some())
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
    let (source_prefix, source) = match row.source.as_deref().and_then(split_source) {
        Some((prefix, rest)) => (Some(source_id(conn, names, prefix)?), Some(rest)),
        None => (None, row.source.as_deref()),
    };
    conn.prepare_cached(
        "INSERT INTO mentions (event_id, import_id, import_row, source, date, modality, mode, size_value, size_unit, record, global_id, source_prefix)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        event_id,
        import_id,
        global_id(&row.key).is_none().then_some(&row.key),
        source,
        e.date,
        e.modality.as_str(),
        e.mode.join(","),
        e.size.as_ref().map(|s| s.value),
        e.size.as_ref().map(|s| s.unit.clone()),
        slim_record(conn, names, e, dataset, &row.key)?,
        global_id(&row.key),
        source_prefix
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
/// dates are days. Used by the compact records of schemas 12 and 13 only (a schema 11 record
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
    if let Some(known) = names.codes.get(code) {
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
    names.codes.insert(code.to_string(), known);
    Ok(is_known)
}

/// The rows of `import_names` (by code), of `import_parts` (the id of each part) and of
/// `import_sources` (the id of each prefix) read or written by one transaction: a lookup
/// per entity of each row was a sixth of an import's time. Invariant: it lives no longer
/// than the transaction, so a rolled-back name, part or prefix is never taken for a stored
/// one.
#[derive(Default)]
pub(crate) struct Names {
    codes: std::collections::HashMap<String, String>,
    parts: std::collections::HashMap<String, i64>,
    sources: std::collections::HashMap<String, i64>,
}

impl Names {
    pub(crate) fn new() -> Names {
        Names::default()
    }
}

/// The id of `part` (JSON) in `import_parts`, added when it is not there (schema 13).
/// Invariant: a row of `import_parts` is never changed or removed, so a record naming it
/// reads back the same for as long as the store lives.
fn part_id(
    conn: &rusqlite::Connection,
    names: &mut Names,
    part: String,
) -> Result<i64, StoreError> {
    if let Some(&id) = names.parts.get(&part) {
        return Ok(id);
    }
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM import_parts WHERE part = ?1")?
        .query_row([&part], |r| r.get(0))
        .optional()?;
    let id = match found {
        Some(id) => id,
        None => {
            conn.prepare_cached("INSERT INTO import_parts (part) VALUES (?1)")?.execute([&part])?;
            conn.last_insert_rowid()
        }
    };
    names.parts.insert(part, id);
    Ok(id)
}

/// The part of `import_parts` with this id.
fn part(conn: &rusqlite::Connection, id: i64) -> Result<serde_json::Value, StoreError> {
    let text: String = conn
        .prepare_cached("SELECT part FROM import_parts WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(serde_json::from_str(&text)?)
}

/// The key that names a compact record's parts (schema 13), and marks it compact.
const PARTS: &str = "k";

/// The fields (short names) of a compact record kept in `import_parts`: the place less its
/// coordinates (`l` but for `x` and `y`), and the CAMEO code, quad class, contexts and
/// intensity — what repeats from row to row. Of these SQL reads only the `intensity`
/// (`write::refresh_facts`, which looks in the parts too: [`INTENSITY`]).
const PLACE: &str = "l";
const PLACE_OWN: [&str; 2] = ["x", "y"];
const CODED: [&str; 4] = ["c", "q", "cx", "intensity"];

/// The intensity of a record in SQL (the record as `first.record`): its own, or that of a
/// part it names (schema 13, [`split_parts`]).
pub(crate) const INTENSITY: &str = "COALESCE(json_extract(first.record, '$.intensity'),
    (SELECT json_extract(p.part, '$.intensity') FROM json_each(first.record, '$.k') k
     JOIN import_parts p ON p.id = k.value WHERE json_type(p.part, '$.intensity') IS NOT NULL))";

/// Moves the repeated parts of a compact record (short names) to `import_parts` and names
/// them under [`PARTS`] (an empty list when it has none: the key marks the form).
fn split_parts(
    conn: &rusqlite::Connection,
    names: &mut Names,
    fields: &mut serde_json::Map<String, serde_json::Value>,
) -> Result<(), StoreError> {
    let mut ids = Vec::new();
    if let Some(serde_json::Value::Object(place)) = fields.get_mut(PLACE) {
        let named: serde_json::Map<String, serde_json::Value> = std::mem::take(place)
            .into_iter()
            .filter_map(|(k, v)| {
                if PLACE_OWN.contains(&k.as_str()) {
                    place.insert(k, v);
                    None
                } else {
                    Some((k, v))
                }
            })
            .collect();
        let empty = place.is_empty();
        if !named.is_empty() {
            if empty {
                fields.remove(PLACE);
            }
            let mut part = serde_json::Map::new();
            part.insert(PLACE.into(), named.into());
            ids.push(part_id(conn, names, serde_json::to_string(&part)?)?);
        }
    }
    let mut coded = serde_json::Map::new();
    for key in CODED {
        if let Some(v) = fields.remove(key) {
            coded.insert(key.into(), v);
        }
    }
    if !coded.is_empty() {
        ids.push(part_id(conn, names, serde_json::to_string(&coded)?)?);
    }
    fields.insert(PARTS.into(), ids.into());
    Ok(())
}

/// Puts back into a compact record the parts its [`PARTS`] names (see [`split_parts`]):
/// each part's fields, and its place's fields into the record's place.
pub(crate) fn join_parts(
    conn: &rusqlite::Connection,
    fields: &mut serde_json::Map<String, serde_json::Value>,
    ids: &serde_json::Value,
) -> Result<(), StoreError> {
    for id in ids.as_array().into_iter().flatten() {
        let Some(id) = id.as_i64() else {
            return Err(StoreError::Input(format!("a record names the part `{id}`")));
        };
        let serde_json::Value::Object(part) = part(conn, id)? else {
            return Err(StoreError::Input(format!("part {id} is not a JSON object")));
        };
        for (key, value) in part {
            match (fields.get_mut(&key), value) {
                (Some(serde_json::Value::Object(own)), serde_json::Value::Object(more)) => {
                    for (k, v) in more {
                        own.entry(k).or_insert(v);
                    }
                }
                (Some(_), _) => {}
                (None, value) => {
                    fields.insert(key, value);
                }
            }
        }
    }
    Ok(())
}

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
/// ([`SHORT_KEYS`]); since schema 13, what repeats from row to row kept in `import_parts` and
/// named by the record's `"k"` ([`split_parts`]), which marks the form for [`full_record`]
/// (schema 12 marked it `"v": 2`, older ones `"slim": true`). The
/// `intensity`, which `refresh_facts` reads with SQL, stays in the record or its parts.
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
    // The parts that repeat, kept once; their key tells a compact slim record from the
    // coder's JSON and older slim records.
    if let serde_json::Value::Object(fields) = &mut record {
        split_parts(conn, names, fields)?;
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
    // Schema 13's form: schema 12's with its repeated parts kept apart.
    let parts = match slim.get(PARTS) {
        Some(ids) if ids.is_array() => slim.remove(PARTS),
        _ => None,
    };
    if let Some(ids) = &parts {
        join_parts(conn, &mut slim, ids)?;
    }
    let compact =
        parts.is_some() || slim.get(COMPACT.0).and_then(|v| v.as_i64()) == Some(COMPACT.1);
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
    let mut page = tx.prepare(&format!(
        "SELECT m.id, e.event, m.date, m.modality, m.mode, i.dataset, {IMPORT_ROW}, m.record
         FROM mentions m JOIN events e ON e.id = m.event_id JOIN imports i ON i.id = m.import_id
         WHERE m.id > ?1 AND m.import_id IS NOT NULL ORDER BY m.id LIMIT 10000"
    ))?;
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
                // The coder's JSON, or already schema 13's form.
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
