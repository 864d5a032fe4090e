//! Writing: documents with their sentences, footnotes and events, merged into the event table.

use chrono::NaiveDate;
use dyad_model::{Document, Event};
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::query::SOURCE_KEY;
use crate::similar;
use crate::{Store, StoreError};

/// Where a document was read from.
#[derive(Debug, Clone)]
pub struct Representation {
    pub source: String,
    pub format: String,
    /// The raw bytes' SHA-256 (hex); see [`sha256_hex`].
    pub raw_hash: String,
}

/// What ingesting one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// A new document: its mentions and how many of them started new events.
    New { mentions: usize, new_events: usize },
    /// The same article was already stored from another file or page.
    SameArticle,
    /// A near-identical copy (a syndicated wire story) of a stored article, with the
    /// estimated share of the shorter text found in the longer, in percent: stored as
    /// another representation of it.
    NearDuplicate { containment_pct: u8 },
    /// These very bytes were ingested before: nothing changed.
    SameFile,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 over bytes that arrive in pieces (a file read in blocks).
#[derive(Default)]
pub struct Sha256Stream(Sha256);

impl Sha256Stream {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The digest as hex, like [`sha256_hex`].
    pub fn finish(self) -> String {
        self.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The article text reduced to lower-case letters and digits separated by single spaces, so
/// that a text file and a web page of one article hash alike.
pub fn text_hash(text: &str) -> String {
    let mut norm = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !norm.is_empty() {
            norm.push(' ');
        }
        norm.extend(word.chars().flat_map(char::to_lowercase));
    }
    sha256_hex(norm.as_bytes())
}

/// Sorted, de-duplicated entity codes joined by '+': the dyad half of the merge key.
pub(crate) fn party_key(entities: &[dyad_model::Entity]) -> String {
    let mut codes: Vec<&str> = entities.iter().map(|e| e.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes.join("+")
}

/// Sorted, distinct, non-empty countries of entities joined by '+' (the `event_facts` form).
pub(crate) fn country_key(entities: &[dyad_model::Entity]) -> String {
    let mut codes: Vec<&str> =
        entities.iter().map(|e| e.country.as_str()).filter(|c| !c.is_empty()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes.join("+")
}

/// Modalities of mentions that say the event did not happen (or not yet).
pub(crate) const NOT_HAPPENED: [&str; 4] = ["negated", "hypothetical", "conditional", "alleged"];

/// Whether a mention with `modality` says its event happened.
pub(crate) fn happened(modality: dyad_model::Modality) -> bool {
    !NOT_HAPPENED.contains(&modality.as_str())
}

/// Writes the `event_facts` of one event (or, with `None`, of every event) from the record of
/// its first mention, as `merge_target` writes them for a new event. An entity of a slim
/// record without a `country` is in the country of its `code` (see `import::slim_record`).
pub(crate) fn refresh_facts(tx: &Transaction<'_>, event_id: Option<i64>) -> Result<(), StoreError> {
    refresh_facts_in(tx, event_id, false)
}

/// [`refresh_facts`]; `before_13` at the migration to schema 7, when mentions have no
/// `global_id` and records no parts yet (schema 13): the sources counted by the key texts as
/// they were and the intensity read from the record alone, which give the same facts.
pub(crate) fn refresh_facts_in(
    tx: &Transaction<'_>,
    event_id: Option<i64>,
    before_13: bool,
) -> Result<(), StoreError> {
    let (source_key, intensity) = if before_13 {
        (
            "COALESCE(d.outlet, d.url, m.source, 'doc:' || m.document_id, 'import:' || m.import_id || ':' || m.import_row)",
            "json_extract(first.record, '$.intensity')",
        )
    } else {
        (SOURCE_KEY, crate::import::INTENSITY)
    };
    let countries = |role: &str| {
        format!(
            "COALESCE((SELECT group_concat(c, '+' ORDER BY c) FROM (SELECT DISTINCT IFNULL(json_extract(p.value, '$.country'), json_extract(p.value, '$.code')) AS c
              FROM json_each(first.record, '$.{role}') p) WHERE typeof(c) = 'text' AND c <> ''), '')"
        )
    };
    let sql = format!(
        "INSERT INTO event_facts (event_id, actor_countries, recipient_countries, intensity, happened, n_sources)
         SELECT first.event_id, {}, {}, {intensity},
                EXISTS (SELECT 1 FROM mentions h WHERE h.event_id = first.event_id AND h.modality NOT IN ('{}')),
                (SELECT COUNT(DISTINCT {source_key}) FROM mentions m LEFT JOIN documents d ON d.id = m.document_id
                 WHERE m.event_id = first.event_id)
         FROM mentions first WHERE first.id IN (SELECT MIN(id) FROM mentions {} GROUP BY event_id)
         ON CONFLICT (event_id) DO UPDATE SET actor_countries = excluded.actor_countries,
            recipient_countries = excluded.recipient_countries, intensity = excluded.intensity,
            happened = excluded.happened, n_sources = excluded.n_sources",
        countries("actor"),
        countries("recipient"),
        NOT_HAPPENED.join("', '"),
        if event_id.is_some() { "WHERE event_id = ?1" } else { "" }
    );
    match event_id {
        Some(id) => tx.execute(&sql, [id])?,
        None => tx.execute(&sql, [])?,
    };
    Ok(())
}

/// Mentions of one event type between the same parties this many days apart are one event.
pub const MERGE_WINDOW_DAYS: i64 = 3;

/// Stores a document's coded events as its mentions, each merged into its event; returns how
/// many events were created.
pub(crate) fn insert_mentions(
    tx: &Transaction<'_>,
    document_id: i64,
    events: &[Event],
) -> Result<usize, StoreError> {
    let mut new_events = 0;
    for event in events {
        let (event_id, created) = merge_target(tx, event, true)?;
        new_events += usize::from(created);
        if !created && happened(event.modality) {
            tx.prepare_cached(
                "UPDATE event_facts SET happened = 1 WHERE event_id = ?1 AND happened = 0",
            )?
            .execute([event_id])?;
        }
        let record = serde_json::to_string(event)?;
        tx.prepare_cached(
            "INSERT INTO mentions (event_id, document_id, sentence_idx, date, modality, mode, size_value, size_unit, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            event_id,
            document_id,
            event.text_info.sentence as i64,
            event.date,
            event.modality.as_str(),
            event.mode.join(","),
            event.size.as_ref().map(|s| s.value),
            event.size.as_ref().map(|s| s.unit.clone()),
            record
        ])?;
        if !created {
            // The new mention may bring a new source.
            tx.prepare_cached(&format!(
                "UPDATE event_facts SET n_sources = (SELECT COUNT(DISTINCT {SOURCE_KEY}) FROM mentions m
                 LEFT JOIN documents d ON d.id = m.document_id WHERE m.event_id = ?1) WHERE event_id = ?1"
            ))?
            .execute([event_id])?;
        }
    }
    Ok(new_events)
}

/// The event a mention belongs to: the oldest event of the same type between the same
/// parties whose date is within [`MERGE_WINDOW_DAYS`], or a new one. An undated mention joins
/// only an undated event and a dated one only a dated event: an unknown date says nothing
/// about which of several dated events it is. A date that is only a footnote access date
/// (precision `access`: the article was read then, the event happened before) must match
/// exactly. With `merge` false a new event is always made. Returns the
/// event id and whether it was created.
pub(crate) fn merge_target(
    tx: &Transaction<'_>,
    event: &Event,
    merge: bool,
) -> Result<(i64, bool), StoreError> {
    let (actors, recipients) = (party_key(&event.actor), party_key(&event.recipient));
    // An unidentified or unplaced actor (empty code, docs/unidentified.md) says nothing about
    // who acted: two such mentions may be different events anywhere, so they never merge.
    let merge = merge && event.actor.iter().all(|e| !e.code.is_empty());
    let date = event.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    if merge {
        let found: Option<i64> = match date {
            Some(d) => {
                let days = if event.date_precision.as_deref() == Some("access") {
                    0
                } else {
                    MERGE_WINDOW_DAYS as u64
                };
                let window = chrono::Days::new(days);
                let (lo, hi) = (d - window, d + window);
                tx.prepare_cached(
                    "SELECT id FROM events WHERE event = ?1 AND actors = ?2 AND recipients = ?3
                     AND date BETWEEN ?4 AND ?5 ORDER BY id LIMIT 1",
                )?
                .query_row(
                    params![
                        event.event.as_str(),
                        actors,
                        recipients,
                        lo.to_string(),
                        hi.to_string()
                    ],
                    |r| r.get(0),
                )
                .optional()?
            }
            None => tx
                .prepare_cached(
                    "SELECT id FROM events WHERE event = ?1 AND actors = ?2 AND recipients = ?3
                     AND date IS NULL ORDER BY id LIMIT 1",
                )?
                .query_row(params![event.event.as_str(), actors, recipients], |r| r.get(0))
                .optional()?,
        };
        if let Some(id) = found {
            return Ok((id, false));
        }
    }
    tx.prepare_cached(
        "INSERT INTO events (event, actors, recipients, date) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        event.event.as_str(),
        actors,
        recipients,
        date.map(|d| d.to_string())
    ])?;
    let id = tx.last_insert_rowid();
    insert_event_rows(tx, id, event, &actors, &recipients)?;
    Ok((id, true))
}

/// The rows a new event `id` has beside its own: its facts and its parties. The mention about
/// to be stored is the event's first, so its countries and intensity are the event's facts for
/// the analysis (what `refresh_facts` reads back from its record). Shared with the bulk writer.
pub(crate) fn insert_event_rows(
    conn: &rusqlite::Connection,
    id: i64,
    event: &Event,
    actors: &str,
    recipients: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO event_facts (event_id, actor_countries, recipient_countries, intensity, happened, n_sources)
         VALUES (?1, ?2, ?3, ?4, ?5, 1)",
    )?
    .execute(params![
        id,
        country_key(&event.actor),
        country_key(&event.recipient),
        Some(event.intensity).filter(|x| x.is_finite()),
        happened(event.modality)
    ])?;
    let mut insert = conn
        .prepare_cached("INSERT INTO event_parties (event_id, role, code) VALUES (?1, ?2, ?3)")?;
    for (role, key) in [("a", actors), ("r", recipients)] {
        for code in key.split('+').filter(|c| !c.is_empty()) {
            insert.execute(params![id, role, code])?;
        }
    }
    Ok(())
}

/// The stored document that is the same article as `sig` (see [`similar::same_article`]):
/// candidates share a band key; the one with the highest containment wins, the oldest on a
/// tie. Returns its id and the containment.
fn near_duplicate(
    tx: &Transaction<'_>,
    sig: &similar::Signature,
) -> Result<Option<(i64, f64)>, StoreError> {
    let mut candidates: Vec<i64> = Vec::new();
    {
        let mut find = tx.prepare_cached("SELECT document_id FROM doc_bands WHERE band = ?1")?;
        for key in similar::band_keys(sig) {
            for id in find.query_map([key], |r| r.get::<_, i64>(0))? {
                candidates.push(id?);
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut best: Option<(i64, f64)> = None;
    let mut load =
        tx.prepare_cached("SELECT minhash FROM doc_signatures WHERE document_id = ?1")?;
    for id in candidates {
        let blob: Vec<u8> = load.query_row([id], |r| r.get(0))?;
        let Some(other) = similar::from_blob(&blob) else { continue };
        if let Some(c) = similar::same_article(sig, &other) {
            if best.is_none_or(|(_, b)| c > b) {
                best = Some((id, c));
            }
        }
    }
    Ok(best)
}

/// Computes the signatures of the documents that have none (stored before version 4).
pub(crate) fn sign_unsigned(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let ids: Vec<i64> = tx
        .prepare(
            "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM doc_signatures)",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        let text: String =
            tx.query_row("SELECT text FROM documents WHERE id = ?1", [id], |r| r.get(0))?;
        store_signature(tx, id, similar::signature(&text).as_ref())?;
    }
    Ok(())
}

/// Records a document's signature and band keys (an empty signature for a short text, so
/// that it is not computed again).
pub(crate) fn store_signature(
    tx: &Transaction<'_>,
    document_id: i64,
    signature: Option<&similar::Signature>,
) -> Result<(), StoreError> {
    let blob = signature.map(similar::to_blob).unwrap_or_default();
    tx.prepare_cached(
        "INSERT OR REPLACE INTO doc_signatures (document_id, minhash) VALUES (?1, ?2)",
    )?
    .execute(params![document_id, blob])?;
    if let Some(sig) = signature {
        let mut insert =
            tx.prepare_cached("INSERT INTO doc_bands (band, document_id) VALUES (?1, ?2)")?;
        for key in similar::band_keys(sig) {
            insert.execute(params![key, document_id])?;
        }
    }
    Ok(())
}

impl Store {
    /// Stores a batch of coded documents in one transaction: all of them or, on error, none.
    pub fn ingest_batch(
        &mut self,
        batch: &[(Document, Vec<Event>, Representation)],
        coder: &str,
        lexicon: &str,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let items: Vec<_> =
            batch.iter().map(|(d, e, r)| (d, e.as_slice(), r, Prepared::new(d))).collect();
        self.write_batch(&items, coder, lexicon)
    }

    /// [`Store::ingest_batch`] for documents whose [`Prepared`] part was computed beforehand
    /// (on other threads): the transaction then only looks up and writes.
    pub fn ingest_prepared(
        &mut self,
        batch: &[(Document, Vec<Event>, Representation, Prepared)],
        coder: &str,
        lexicon: &str,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let items: Vec<_> = batch.iter().map(|(d, e, r, p)| (d, e.as_slice(), r, p)).collect();
        self.write_batch(&items, coder, lexicon)
    }

    fn write_batch<P: std::borrow::Borrow<Prepared>>(
        &mut self,
        batch: &[(&Document, &[Event], &Representation, P)],
        coder: &str,
        lexicon: &str,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(batch.len());
        let mut new_documents = Vec::new();
        for (doc, events, rep, prepared) in batch {
            let (outcome, id) =
                ingest_one(&tx, doc, events, rep, prepared.borrow(), coder, lexicon)?;
            if let Some(id) = id {
                new_documents.push((id, doc));
            }
            outcomes.push(outcome);
        }
        // The full-text index last (see schema version 6).
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
            )?;
            for (id, doc) in new_documents {
                insert.execute(params![id, doc.title, doc.text])?;
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// Whether a document was already read from `source` (a file name or URL).
    pub fn has_source(&self, source: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM representations WHERE source = ?1 LIMIT 1", [source], |_| {
                Ok(())
            })
            .optional()?
            .is_some())
    }

    /// Whether these raw bytes were already ingested (checked before parsing and coding).
    pub fn has_raw(&self, raw_hash: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM representations WHERE raw_hash = ?1")?
            .query_row([raw_hash], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

/// What storing a document needs that can be computed before the write transaction, on any
/// thread: its normalised text hash and its near-duplicate signature.
pub struct Prepared {
    text_hash: String,
    signature: Option<similar::Signature>,
}

impl Prepared {
    pub fn new(doc: &Document) -> Prepared {
        Prepared { text_hash: text_hash(&doc.text), signature: similar::signature(&doc.text) }
    }
}

/// Stores one document (without its full-text row); returns the outcome and, for a new
/// document, its id.
fn ingest_one(
    tx: &Transaction<'_>,
    doc: &Document,
    events: &[Event],
    rep: &Representation,
    prepared: &Prepared,
    coder: &str,
    lexicon: &str,
) -> Result<(IngestOutcome, Option<i64>), StoreError> {
    // Tests inject a failure part-way through a batch to check that nothing is kept.
    #[cfg(test)]
    if doc.id == "__fail__" {
        return Err(StoreError::Sql(rusqlite::Error::InvalidQuery));
    }
    let known_raw: Option<i64> = tx
        .prepare_cached("SELECT document_id FROM representations WHERE raw_hash = ?1")?
        .query_row([&rep.raw_hash], |r| r.get(0))
        .optional()?;
    if known_raw.is_some() {
        return Ok((IngestOutcome::SameFile, None));
    }
    let hash = &prepared.text_hash;
    let known_doc: Option<i64> = tx
        .prepare_cached("SELECT id FROM documents WHERE text_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?;
    let add_representation = |document_id: i64, containment: Option<f64>| {
        tx.prepare_cached(
            "INSERT INTO representations (document_id, raw_hash, source, format, containment) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![document_id, rep.raw_hash, rep.source, rep.format, containment])
    };
    if let Some(document_id) = known_doc {
        add_representation(document_id, None)?;
        return Ok((IngestOutcome::SameArticle, None));
    }
    let signature = &prepared.signature;
    if let Some(sig) = signature {
        if let Some((document_id, containment)) = near_duplicate(tx, sig)? {
            add_representation(document_id, Some(containment))?;
            let containment_pct = (containment * 100.0).round() as u8;
            return Ok((IngestOutcome::NearDuplicate { containment_pct }, None));
        }
    }
    tx.prepare_cached(
        "INSERT INTO documents (text_hash, external_id, url, outlet, title, author, published, language, text, coder, lexicon, ingested_at, markers_kept)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, datetime('now'), 1)",
    )?
    .execute(params![
            hash,
            doc.id,
            doc.url,
            // An article without an outlet's name is known by its site ("reuters.com"), not
            // as a numbered document.
            doc.outlet.clone().or_else(|| doc.url_domain()),
            doc.title,
            doc.author,
            doc.date.map(|d| d.to_string()),
            doc.language,
            doc.text,
        coder,
        lexicon
    ])?;
    let document_id = tx.last_insert_rowid();
    add_representation(document_id, None)?;
    store_signature(tx, document_id, signature.as_ref())?;
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO sentences (document_id, idx, start, end) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (idx, s) in doc.sentences.iter().enumerate() {
            insert.execute(params![document_id, idx as i64, s.start as i64, s.end as i64])?;
        }
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO footnotes (document_id, number, text, url, title, access_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for f in &doc.footnotes {
            insert.execute(params![
                document_id,
                f.number,
                f.text,
                f.url,
                f.title,
                f.access_date.map(|d| d.to_string())
            ])?;
        }
        let mut insert = tx.prepare_cached(
            "INSERT INTO markers (document_id, number, offset) VALUES (?1, ?2, ?3)",
        )?;
        for m in &doc.markers {
            insert.execute(params![document_id, m.number, m.offset as i64])?;
        }
    }
    let new_events = insert_mentions(tx, document_id, events)?;
    Ok((IngestOutcome::New { mentions: events.len(), new_events }, Some(document_id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_hash_ignores_layout_and_case() {
        assert_eq!(text_hash("Russia  signed.\n\nA pact!"), text_hash("russia signed a pact"));
        assert_ne!(text_hash("Russia signed"), text_hash("Russia resigned"));
    }
}
