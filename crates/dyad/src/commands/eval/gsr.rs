//! PLOVER gold-standard records: a JSON array of `{id, text, event, mode, source, target, …}`;
//! PLOVER 0.5 names are mapped to current ones.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use dyad_coder::Coder;
use dyad_model::{Event, EventType};
use serde_json::Value;

use super::{share, EvalArgs, Gate};

/// CAMEO-era country codes in older gold data that differ from ISO 3166-1 alpha-3.
fn normalize_code(code: &str) -> String {
    match code {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        "KOS" => "XKX",
        other => other,
    }
    .to_string()
}

struct Gold {
    id: String,
    text: String,
    event: EventType,
    mode: Option<String>,
    actors: Vec<(String, String)>,
    recipients: Vec<(String, String)>,
}

fn parties(value: Option<&Value>) -> Vec<(String, String)> {
    let Some(Value::Array(list)) = value else { return Vec::new() };
    list.iter()
        .filter_map(|a| {
            let code = normalize_code(a.get("code")?.as_str()?);
            let sector = a.get("sector").and_then(Value::as_str).unwrap_or("");
            let sector =
                if sector.starts_with('*') { "" } else { sector.get(..3).unwrap_or(sector) };
            Some((code, sector.to_string()))
        })
        .collect()
}

fn read_gold(file: &Path, records: &[Value]) -> Vec<Gold> {
    let mut out = Vec::new();
    for (idx, r) in records.iter().enumerate() {
        let Some(event) = r.get("event").and_then(Value::as_str) else { continue };
        if event == "DOCUMENT" {
            continue;
        }
        let Ok(event_type) = event.parse::<EventType>() else {
            eprintln!(
                "dyad: {}: record {}: unknown event `{event}`; skipped",
                file.display(),
                idx + 1
            );
            continue;
        };
        let Some(text) = r.get("text").and_then(Value::as_str) else { continue };
        let mode =
            r.get("mode").and_then(Value::as_str).filter(|m| !m.is_empty()).map(str::to_string);
        // PLOVER 0.5 DISAPPROVE and INVESTIGATE became ACCUSE modes.
        let mode = match event {
            "DISAPPROVE" => Some("disapprove".to_string()),
            "INVESTIGATE" => Some("investigate".to_string()),
            _ => mode,
        };
        out.push(Gold {
            id: r.get("id").and_then(Value::as_str).unwrap_or("").to_string(),
            text: text.to_string(),
            event: event_type,
            mode,
            actors: parties(r.get("source")),
            recipients: parties(r.get("target")),
        });
    }
    out
}

/// The country a party is scored by: its `country` (an organisation's home country, or PLOVER's
/// IGO, NGO, IMG… codes), else its code. The gold records follow PLOVER 0.5, which had no `UNO`
/// or `EUR`: the United Nations and the European Union were `IGO` (the current manual separated
/// them, see its table of international non-state entities), so both sides map them to `IGO`.
fn scored_country(code: &str) -> &str {
    match code {
        "UNO" | "EUR" => "IGO",
        other => other,
    }
}

fn same_countries(predicted: &[dyad_model::Entity], gold: &[(String, String)]) -> bool {
    let mut p: Vec<&str> = predicted
        .iter()
        .map(|e| scored_country(if e.country.is_empty() { &e.code } else { &e.country }))
        .collect();
    let mut g: Vec<&str> = gold.iter().map(|(c, _)| scored_country(c)).collect();
    p.sort_unstable();
    p.dedup();
    g.sort_unstable();
    g.dedup();
    p == g
}

pub(super) fn run(args: &EvalArgs, records: &[Value], coder: &Coder) -> Result<Vec<Gate>> {
    let gold = read_gold(&args.file, records);
    let mut n_event_ok = 0;
    let (mut n_actor, mut n_actor_ok, mut n_recipient, mut n_recipient_ok) = (0, 0, 0, 0);
    let (mut n_sector, mut n_sector_ok, mut n_mode, mut n_mode_ok, mut n_with_events) =
        (0, 0, 0, 0, 0);
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut misses: Vec<(String, String, String, String)> = Vec::new();
    for g in &gold {
        let mut doc = dyad_ingest::parse_text(&g.id, &g.text);
        doc.date = chrono::NaiveDate::from_ymd_opt(2000, 1, 1);
        let coded = coder.code(&doc);
        if !coded.events.is_empty() {
            n_with_events += 1;
        }
        // The predicted event that best matches the gold type, else the first one.
        let best: Option<&Event> =
            coded.events.iter().find(|e| e.event == g.event).or(coded.events.first());
        let predicted = best.map_or("NONE".to_string(), |e| e.event.as_str().to_string());
        *confusion.entry((g.event.as_str().to_string(), predicted.clone())).or_default() += 1;
        let event_ok = best.is_some_and(|e| e.event == g.event);
        if event_ok {
            n_event_ok += 1;
        } else {
            let got = best.map_or("no event".into(), |e| {
                format!("{} {}→{}", e.event, codes(&e.actor), codes(&e.recipient))
            });
            misses.push((g.id.clone(), g.event.as_str().to_string(), got, g.text.clone()));
        }
        if !g.actors.is_empty() {
            n_actor += 1;
            if let Some(e) = best.filter(|e| same_countries(&e.actor, &g.actors)) {
                n_actor_ok += 1;
                n_sector += 1;
                if e.actor.first().map(|a| a.sector.as_str())
                    == g.actors.first().map(|a| a.1.as_str())
                {
                    n_sector_ok += 1;
                }
            }
        }
        if !g.recipients.is_empty() {
            n_recipient += 1;
            if best.is_some_and(|e| same_countries(&e.recipient, &g.recipients)) {
                n_recipient_ok += 1;
            }
        }
        if let Some(mode) = &g.mode {
            n_mode += 1;
            if best.is_some_and(|e| e.mode.iter().any(|m| m == mode)) {
                n_mode_ok += 1;
            }
        }
    }
    let scores = serde_json::json!({
        "records": gold.len(),
        "with_events": n_with_events,
        "event_accuracy": share(n_event_ok, gold.len()),
        "actor_country_accuracy": share(n_actor_ok, n_actor),
        "recipient_country_accuracy": share(n_recipient_ok, n_recipient),
        "actor_sector_accuracy": share(n_sector_ok, n_sector),
        "mode_accuracy": share(n_mode_ok, n_mode),
    });
    if args.json {
        outln!("{scores}");
    } else {
        outln!("records: {}  (with at least one event: {n_with_events})", gold.len());
        outln!(
            "event type accuracy:       {:.3}  ({n_event_ok}/{})",
            share(n_event_ok, gold.len()),
            gold.len()
        );
        outln!(
            "actor country accuracy:    {:.3}  ({n_actor_ok}/{n_actor})",
            share(n_actor_ok, n_actor)
        );
        outln!(
            "recipient country accuracy:{:.3}  ({n_recipient_ok}/{n_recipient})",
            share(n_recipient_ok, n_recipient)
        );
        outln!("actor sector accuracy:     {:.3}  ({n_sector_ok}/{n_sector}, where the actor country is right)", share(n_sector_ok, n_sector));
        outln!(
            "mode accuracy:             {:.3}  ({n_mode_ok}/{n_mode})",
            share(n_mode_ok, n_mode)
        );
        outln!("\nconfusion (gold → predicted best event: count):");
        let mut by_gold: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
        for ((g, p), n) in &confusion {
            by_gold.entry(g).or_default().push((p, *n));
        }
        for (g, mut row) in by_gold {
            row.sort_by_key(|r| std::cmp::Reverse(r.1));
            let cells: Vec<String> = row.iter().map(|(p, n)| format!("{p} {n}")).collect();
            outln!("  {g:<10} {}", cells.join(", "));
        }
        outln!("\nworst misses (first {}):", args.worst.min(misses.len()));
        for (id, gold_event, got, text) in misses.iter().take(args.worst) {
            outln!("  {id}: gold {gold_event}, got {got}\n      {text}");
        }
    }
    Ok(vec![
        Gate::new(args.min_event, share(n_event_ok, gold.len()), "event type accuracy"),
        Gate::new(args.min_actor, share(n_actor_ok, n_actor), "actor country accuracy"),
        Gate::new(
            args.min_recipient,
            share(n_recipient_ok, n_recipient),
            "recipient country accuracy",
        ),
    ])
}

pub(super) fn codes(list: &[dyad_model::Entity]) -> String {
    if list.is_empty() {
        return "-".into();
    }
    list.iter().map(|e| e.code.as_str()).collect::<Vec<_>>().join("+")
}

#[cfg(test)]
mod tests {
    use super::same_countries;
    use dyad_model::Entity;

    fn party(code: &str, country: &str) -> Entity {
        Entity { code: code.into(), country: country.into(), ..Entity::default() }
    }

    fn gold(codes: &[&str]) -> Vec<(String, String)> {
        codes.iter().map(|c| (c.to_string(), String::new())).collect()
    }

    #[test]
    fn organisations_are_scored_by_their_country() {
        assert!(same_countries(&[party("HAMAS", "PSE")], &gold(&["PSE"])));
        assert!(!same_countries(&[party("HAMAS", "PSE")], &gold(&["ISR"])));
        assert!(same_countries(&[party("NATO", "IGO")], &gold(&["IGO"])));
    }

    #[test]
    fn plover_0_5_igo_covers_the_un_and_the_eu() {
        assert!(same_countries(&[party("UNO", "IGO")], &gold(&["IGO"])));
        assert!(same_countries(&[party("IAEA", "UNO")], &gold(&["IGO"])));
        assert!(same_countries(&[party("EUR", "EUR")], &gold(&["IGO"])));
        assert!(!same_countries(&[party("AMNESTY", "NGO")], &gold(&["IGO"])));
    }

    #[test]
    fn parties_are_compared_as_sets() {
        let both = [party("USA", "USA"), party("RUS", "RUS"), party("USA", "USA")];
        assert!(same_countries(&both, &gold(&["RUS", "USA"])));
        assert!(!same_countries(&both, &gold(&["USA"])));
        assert!(!same_countries(&[party("", "")], &gold(&["IRQ"])));
    }
}
