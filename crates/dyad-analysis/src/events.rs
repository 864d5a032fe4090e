//! Merged events from the store turned into interactions between states.

use chrono::NaiveDate;
use dyad_model::EventType;
use dyad_store::EventRow;

use crate::Interaction;

/// Modalities of events that did not happen (or not yet): left out of the analysis.
const NOT_HAPPENED: &[&str] = &["negated", "hypothetical", "conditional", "alleged"];

/// The interactions between states of merged events from the store: one per (actor,
/// recipient) pair of countries (`is_state` says which codes are states). An event with
/// several actors and no recipient ties each pair of its actors, both ways, when it is
/// cooperative (a treaty signed by two, joint talks); a hostile act done together (a joint
/// condemnation, sanctions announced by three governments) names no enemy among its actors,
/// so it ties none of them. Entities are counted by their country; organisations without one,
/// unidentified actors (sectors UAF, UNK: the country is only where the event happened) and
/// events that only were denied, imagined, set as conditions or alleged in an accusation are
/// left out.
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
                // An unidentified actor placed where the event happened (PLOVER sectors UAF,
                // UNK: "gunmen", "soldiers were killed in Kursk") is not that state acting.
                .filter(|e| !matches!(e["sector"].as_str(), Some("UAF" | "UNK")))
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
            if intensity < 0.0 {
                continue;
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(event: &str, actors: &[&str]) -> EventRow {
        let actor: Vec<_> = actors.iter().map(|c| serde_json::json!({"country": c})).collect();
        EventRow {
            id: 1,
            event: event.into(),
            actors: actors.join(";"),
            recipients: String::new(),
            date: Some("2024-06-19".into()),
            n_mentions: 1,
            n_sources: 1,
            modes: Vec::new(),
            modalities: vec!["asserted".into()],
            sources: Vec::new(),
            sizes: Vec::new(),
            mentions: vec![serde_json::json!({"actor": actor, "recipient": []})],
        }
    }

    #[test]
    fn co_actors_are_tied_by_what_they_do_together_only_when_it_is_cooperative() {
        let all = |_: &str| true;
        // A treaty signed by two ties them both ways.
        let signed = from_events(&[row("AGREE", &["RUS", "PRK"])], &all);
        assert_eq!(signed.len(), 2);
        assert!(signed.iter().all(|i| i.intensity > 0.0));
        // A joint condemnation of nobody named makes no enemies among the condemners.
        assert!(from_events(&[row("ACCUSE", &["USA", "JPN", "KOR"])], &all).is_empty());
        assert!(from_events(&[row("SANCTION", &["USA", "KOR"])], &all).is_empty());
    }

    #[test]
    fn an_unidentified_actor_placed_where_it_struck_is_not_that_state() {
        let all = |_: &str| true;
        let mut r = row("ASSAULT", &[]);
        r.mentions = vec![serde_json::json!({
            "actor": [{"country": "RUS", "sector": "UNK"}],
            "recipient": [{"country": "PRK", "sector": "MIL"}],
        })];
        assert!(from_events(std::slice::from_ref(&r), &all).is_empty());
        r.mentions = vec![serde_json::json!({
            "actor": [{"country": "RUS", "sector": "MIL"}],
            "recipient": [{"country": "UKR", "sector": ""}],
        })];
        assert_eq!(from_events(&[r], &all).len(), 1);
    }
}
