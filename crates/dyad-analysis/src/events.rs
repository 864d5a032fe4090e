//! Merged events from the store turned into interactions between states.

use chrono::NaiveDate;
use dyad_model::EventType;
use dyad_store::EventRow;

use crate::Interaction;

/// Modalities of events that did not happen (or not yet): left out of the analysis.
const NOT_HAPPENED: &[&str] = &["negated", "hypothetical", "conditional"];

/// The interactions between states of merged events from the store: one per (actor,
/// recipient) pair of countries (`is_state` says which codes are states); an event with several actors and no recipient (a treaty signed by two) ties
/// each pair of its actors, both ways. Entities are counted by their country; organisations
/// without one and events that only were denied, imagined or set as conditions are left out.
pub fn from_events(rows: &[EventRow], is_state: &dyn Fn(&str) -> bool) -> Vec<Interaction> {
    let mut out = Vec::new();
    for r in rows {
        if !r.modalities.is_empty()
            && r.modalities.iter().all(|m| NOT_HAPPENED.contains(&m.as_str()))
        {
            continue;
        }
        let first = r.mentions.first().cloned().unwrap_or_default();
        let states = |key: &str| -> Vec<String> {
            let mut codes: Vec<String> = first[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["country"].as_str())
                .filter(|c| is_state(c))
                .map(str::to_string)
                .collect();
            codes.sort();
            codes.dedup();
            codes
        };
        let (actors, recipients) = (states("actor"), states("recipient"));
        let kind: Option<EventType> = r.event.parse().ok();
        let intensity = first["intensity"]
            .as_f64()
            .or_else(|| kind.map(|k| k.intensity(&r.modes)))
            .unwrap_or(0.0);
        let quad = kind.map_or(0, |k| k.quad_code());
        let date = r.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let mut push = |a: &str, b: &str| {
            if a != b {
                out.push(Interaction {
                    event_id: r.id,
                    date,
                    actor: a.to_string(),
                    recipient: b.to_string(),
                    quad,
                    intensity,
                    n_sources: r.n_sources as u32,
                });
            }
        };
        if recipients.is_empty() {
            for a in &actors {
                for b in &actors {
                    push(a, b);
                }
            }
        } else {
            for a in &actors {
                for b in &recipients {
                    push(a, b);
                }
            }
        }
    }
    out
}
