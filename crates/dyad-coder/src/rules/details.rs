//! The details of an event once its type is known: its date (an expression in its clause,
//! the date of the event a relative date is anchored to, else the publication date), its
//! size, and the modes the trigger leaves open.

use chrono::NaiveDate;
use dyad_model::{Document, EventType, Size};

use super::{has_class, Candidate, Clause, ClauseKind, Sentence, SentenceExtras};
use crate::{context, Coder};

/// An event's date, the words that gave it and its precision.
pub(super) struct Dated {
    pub date: Option<NaiveDate>,
    pub text: Option<String>,
    pub precision: Option<String>,
    /// Whether the text dates the event itself (not the publication).
    pub from_text: bool,
}

/// The date of the event at token `t`: the nearest date expression in its clause (else in the
/// sentence, outside relative clauses), the anchor date when the event is the one a relative
/// date points to, else the publication or access date.
pub(super) fn date(
    doc: &Document,
    s: &Sentence<'_>,
    ex: &SentenceExtras,
    t: usize,
    clause: Clause,
) -> Dated {
    let (date_exprs, anchored) = (&ex.date_exprs, &ex.anchored);
    let date_expr = date_exprs
        .iter()
        .filter(|d| d.tok_start >= clause.start && d.tok_start < clause.end)
        .min_by_key(|d| d.tok_start.abs_diff(t))
        .or_else(|| {
            date_exprs
                .iter()
                .filter(|d| !matches!(s.clause_of(d.tok_start).kind, ClauseKind::Relative))
                .min_by_key(|d| d.tok_start.abs_diff(t))
        });
    // The anchor event itself happened on the earlier event's date.
    let anchor_date = anchored.as_ref().filter(|(_, tok, _)| *tok == t).map(|(_, _, d)| d.clone());
    let (date, date_text, date_precision) = match (anchor_date, date_expr) {
        (Some((d, text, precision)), _) => (Some(d), Some(text), Some(precision)),
        (None, date_expr) => match date_expr {
            Some(d) => (
                Some(d.date),
                Some(
                    doc.text[s.tokens[d.tok_start].start..s.tokens[d.tok_end - 1].end].to_string(),
                ),
                Some(d.precision.to_string()),
            ),
            None => match (doc.date, doc.fallback_date()) {
                (Some(d), _) => (Some(d), None, Some("publication".to_string())),
                (None, Some(d)) => (Some(d), None, Some("access".to_string())),
                (None, None) => (None, None, None),
            },
        },
    };
    Dated { date, text: date_text, precision: date_precision, from_text: date_expr.is_some() }
}

/// The size of an event of type `event_type`: the nearest quantity in the clause, after the
/// trigger first. Only material events and agreements have a size worth recording; a noun
/// trigger counted by its own quantity ("at least 12 attacks") takes that one.
pub(super) fn size(
    quantities: &[crate::sizes::Quantity],
    event_type: EventType,
    cand: &Candidate,
    clause: Clause,
) -> Option<Size> {
    let t = cand.tok_start;
    let sized = matches!(
        event_type,
        EventType::Aid
            | EventType::Assault
            | EventType::Mobilize
            | EventType::Protest
            | EventType::Coerce
            | EventType::Retreat
            | EventType::Sanction
            | EventType::Agree
            | EventType::Cooperate
    );
    quantities
        .iter()
        .filter(|_| sized)
        .find(|q| q.tok_start < t && q.tok_end > t)
        .or_else(|| {
            quantities
                .iter()
                .filter(|q| sized && q.tok_start >= cand.tok_end && q.tok_start < clause.end)
                .min_by_key(|q| q.tok_start)
        })
        .or_else(|| {
            quantities
                .iter()
                .filter(|q| {
                    sized && q.tok_end <= t && q.tok_start >= clause.start.min(t.saturating_sub(12))
                })
                .max_by_key(|q| q.tok_end)
        })
        .map(|q| q.size.clone())
}

/// The mode the words around the trigger give an event whose trigger gives none: the weapons
/// of an assault, what a request or rejection is about, what is mobilised.
pub(super) fn inferred_mode(
    coder: &Coder,
    s: &Sentence<'_>,
    event_type: EventType,
    cand: &Candidate,
    clause: Clause,
) -> Option<&'static str> {
    let triggers = coder.triggers;
    let after = (cand.tok_end, (cand.tok_end + 8).min(clause.end.max(cand.tok_end)));
    let class = |name: &str| {
        triggers.class_index(name).is_some_and(|c| has_class(coder, s, after.0, after.1, c))
    };
    match event_type {
        EventType::Assault => context::assault_mode(s.text, s.tokens),
        EventType::Request | EventType::Reject => {
            // What is asked for or refused is the object's phrase, with an "of", "in", "for"
            // phrase or an infinitive after it ("asked Berlin for the delivery of air
            // defence", "requested $5 billion in military aid", "urged allies to send
            // tanks"); not "over rising fuel prices", nor "denied that North Korean soldiers
            // were fighting" (no refusal of help) or "ordered French troops to leave".
            let limit = (cand.tok_end + 10).min(clause.end.max(cand.tok_end));
            let end = (cand.tok_end..limit)
                .find(|&k| {
                    s.is_any(k, &[",", ";", "that", "which", "who", "because", "while"])
                        || s.is_any(k, super::PREPOSITIONS)
                            && !s.is_any(k, &["of", "in", "for", "to"])
                })
                .unwrap_or(limit);
            let object = (cand.tok_end, end);
            let in_object = |name: &str| {
                triggers
                    .class_index(name)
                    .is_some_and(|c| has_class(coder, s, object.0, object.1, c))
            };
            const CHANGES: &[&str] = &[
                "dismissal",
                "resignation",
                "removal",
                "ouster",
                "impeachment",
                "sacking",
                "reform",
                "reforms",
                "overhaul",
            ];
            // Troops asked "for" ("asked NATO for troops"), not troops told to act.
            let troops_asked = (object.0..object.1).any(|k| {
                s.is(k, "for")
                    && triggers
                        .class_index("TROOPS")
                        .is_some_and(|c| has_class(coder, s, k + 1, (k + 5).min(object.1), c))
            });
            if (object.0..object.1).any(|k| s.is_any(k, CHANGES)) {
                Some("change")
            } else if in_object("AID") || in_object("WEAPONS") || troops_asked {
                Some("assist")
            } else if class("TALKS") {
                Some("meet")
            } else if class("SANCTIONS") {
                Some("yield")
            } else {
                None
            }
        }
        EventType::Mobilize => {
            if class("TROOPS") {
                Some("troops")
            } else if class("WEAPONS") {
                Some("weapons")
            } else {
                None
            }
        }
        _ => None,
    }
}
