//! Re-coding stored documents: each document is rebuilt as the coder first saw it (text,
//! sentences, footnotes, markers, metadata), and its new events replace its old mentions
//! where they differ.

use std::collections::HashMap;

use chrono::NaiveDate;
use dyad_model::{Document, Event, Footnote, FootnoteMarker, Sentence};
use rusqlite::{params, OptionalExtension};

use crate::write::insert_mentions;
use crate::{Store, StoreError};

/// What re-coding one document changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecodeChange {
    pub document_id: i64,
    /// The document's own id (file name, JSONL id, URL).
    pub external_id: String,
    /// Whether the new records differ from the stored ones at all.
    pub changed: bool,
    /// Events as `TYPE ACTORS→RECIPIENTS (sentence N)`, old ones that are gone and new
    /// ones that were not there (a change of date, modality or evidence only shows in
    /// `changed`).
    pub removed: Vec<String>,
    pub added: Vec<String>,
    /// Events created and events left without mentions (deleted).
    pub new_events: usize,
    pub deleted_events: usize,
}

/// A stored document rebuilt for the coder.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    pub id: i64,
    pub document: Document,
    /// False for documents stored before footnote markers were kept (schema version 4 and
    /// older): their citations cannot be restored.
    pub markers_kept: bool,
}

fn summary(record: &serde_json::Value) -> String {
    let codes = |key: &str| -> String {
        let mut codes: Vec<&str> = record[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["code"].as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes.join("+")
    };
    format!(
        "{} {}→{} (sentence {})",
        record["event"].as_str().unwrap_or("?"),
        codes("actor"),
        if codes("recipient").is_empty() { "-".to_string() } else { codes("recipient") },
        record["text_info"]["sentence"]
    )
}

/// `a` minus `b`, as multisets.
fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for x in b {
        *counts.entry(x).or_default() += 1;
    }
    a.iter()
        .filter(|x| match counts.get_mut(x.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

impl Store {
    /// Ids of all stored documents, oldest first.
    pub fn document_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM documents ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// A stored document rebuilt: paragraphs are the text's blank-line-separated blocks (the
    /// way ingest joined them), sentences, footnotes and markers come from their tables.
    pub fn load_document(&self, id: i64) -> Result<Option<StoredDocument>, StoreError> {
        let head = self
            .conn
            .query_row(
                "SELECT external_id, title, author, published, url, outlet, language, text, markers_kept
                 FROM documents WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        Document {
                            id: r.get::<_, Option<String>>(0)?.unwrap_or_else(|| format!("doc-{id}")),
                            title: r.get(1)?,
                            author: r.get(2)?,
                            date: r
                                .get::<_, Option<String>>(3)?
                                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                            url: r.get(4)?,
                            outlet: r.get(5)?,
                            language: r.get(6)?,
                            text: r.get(7)?,
                            ..Document::default()
                        },
                        r.get::<_, i64>(8)? != 0,
                    ))
                },
            )
            .optional()?;
        let Some((mut doc, markers_kept)) = head else { return Ok(None) };
        let mut start = 0;
        for block in doc.text.split("\n\n") {
            let end = start + block.len();
            if !block.is_empty() {
                doc.paragraphs.push((start, end));
            }
            start = end + 2;
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT start, end FROM sentences WHERE document_id = ?1 ORDER BY idx",
        )?;
        let spans: Vec<(usize, usize)> = stmt
            .query_map([id], |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)))?
            .collect::<Result<_, _>>()?;
        doc.sentences = spans
            .into_iter()
            .map(|(start, end)| Sentence {
                start,
                end,
                paragraph: doc
                    .paragraphs
                    .iter()
                    .position(|p| p.0 <= start && start < p.1)
                    .unwrap_or(0),
            })
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT number, text, url, title, access_date FROM footnotes WHERE document_id = ?1 ORDER BY number",
        )?;
        doc.footnotes = stmt
            .query_map([id], |r| {
                Ok(Footnote {
                    number: r.get(0)?,
                    text: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    access_date: r
                        .get::<_, Option<String>>(4)?
                        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT number, offset FROM markers WHERE document_id = ?1 ORDER BY rowid",
        )?;
        doc.markers = stmt
            .query_map([id], |r| {
                Ok(FootnoteMarker { number: r.get(0)?, offset: r.get::<_, i64>(1)? as usize })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(StoredDocument { id, document: doc, markers_kept }))
    }

    /// Compares each document's new events with its stored mentions and, unless `dry_run`,
    /// replaces the mentions of the documents that changed — all in one transaction. Events
    /// left without mentions are deleted; new mentions merge as at ingest.
    pub fn recode_batch(
        &mut self,
        batch: &[(i64, Vec<Event>)],
        coder: &str,
        lexicon: &str,
        dry_run: bool,
    ) -> Result<Vec<RecodeChange>, StoreError> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut changes = Vec::with_capacity(batch.len());
        for (document_id, events) in batch {
            let external_id: String = tx.query_row(
                "SELECT COALESCE(external_id, '') FROM documents WHERE id = ?1",
                [document_id],
                |r| r.get(0),
            )?;
            let old: Vec<(i64, String)> = tx
                .prepare_cached(
                    "SELECT event_id, record FROM mentions WHERE document_id = ?1 ORDER BY id",
                )?
                .query_map([document_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let new: Vec<String> =
                events.iter().map(serde_json::to_string).collect::<Result<_, _>>()?;
            let mut change =
                RecodeChange { document_id: *document_id, external_id, ..RecodeChange::default() };
            let old_records: Vec<&String> = old.iter().map(|(_, r)| r).collect();
            change.changed = old_records != new.iter().collect::<Vec<_>>();
            if change.changed {
                let parse = |r: &String| serde_json::from_str::<serde_json::Value>(r);
                let old_summaries: Vec<String> = old
                    .iter()
                    .map(|(_, r)| parse(r).map(|v| summary(&v)))
                    .collect::<Result<_, _>>()?;
                let new_summaries: Vec<String> =
                    new.iter().map(|r| parse(r).map(|v| summary(&v))).collect::<Result<_, _>>()?;
                change.removed = minus(&old_summaries, &new_summaries);
                change.added = minus(&new_summaries, &old_summaries);
                if !dry_run {
                    tx.execute("DELETE FROM mentions WHERE document_id = ?1", [document_id])?;
                    let mut affected: Vec<i64> = old.iter().map(|(e, _)| *e).collect();
                    affected.sort_unstable();
                    affected.dedup();
                    for event_id in affected {
                        let deleted = tx.execute(
                            "DELETE FROM events WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM mentions WHERE event_id = ?1)",
                            [event_id],
                        )?;
                        change.deleted_events += deleted;
                        if deleted == 0 {
                            // The event may have lost its first mention: its facts come from
                            // the first one left.
                            crate::write::refresh_facts(&tx, Some(event_id))?;
                        }
                    }
                    change.new_events = insert_mentions(&tx, *document_id, events)?;
                }
            }
            if !dry_run {
                tx.execute(
                    "UPDATE documents SET coder = ?1, lexicon = ?2 WHERE id = ?3",
                    params![coder, lexicon, document_id],
                )?;
            }
            changes.push(change);
        }
        tx.commit()?;
        Ok(changes)
    }
}
