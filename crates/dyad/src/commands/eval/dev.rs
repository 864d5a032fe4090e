//! The real-news development sets: sentences with a CAMEO quad class, and stories with one
//! PLOVER event type.

use std::collections::BTreeMap;

use anyhow::Result;
use dyad_coder::Coder;
use dyad_model::{Event, EventType, Modality};
use serde_json::Value;

use super::{share, EvalArgs, Gate};

const QUADS: [&str; 5] =
    ["0 none", "1 verbal coop", "2 material coop", "3 verbal conflict", "4 material conflict"];

fn code_text(coder: &Coder, id: &str, text: &str) -> Vec<Event> {
    coder.code(&dyad_ingest::parse_text(id, text)).events
}

/// The quad of the strongest event that the text says happened or will happen (not
/// hypothetical, conditional, negated or alleged in an accusation): the largest absolute
/// PLOVER intensity; 0 for none. The gold is CAMEO's: statements and appeals (CAMEO 01 and
/// 02, which the PLOVER manual's CAMEO table drops) are no political event there, so a
/// REQUEST whose CAMEO code is an appeal does not count.
fn sentence_quad(events: &[Event]) -> (u8, Option<&Event>) {
    let strongest = events
        .iter()
        .filter(|e| {
            !matches!(
                e.modality,
                Modality::Hypothetical
                    | Modality::Conditional
                    | Modality::Negated
                    | Modality::Alleged
            ) && !e.cameo.starts_with("01")
                && !e.cameo.starts_with("02")
        })
        .fold(None::<&Event>, |best, e| match best {
            Some(b) if b.intensity.abs() >= e.intensity.abs() => Some(b),
            _ => Some(e),
        });
    (strongest.map_or(0, |e| e.quad_code), strongest)
}

pub(super) fn run_quad(args: &EvalArgs, records: &[Value], coder: &Coder) -> Result<Vec<Gate>> {
    let mut confusion = [[0usize; 5]; 5];
    let mut misses = Vec::new();
    for (idx, r) in records.iter().enumerate() {
        let (Some(text), Some(gold)) =
            (r.get("text").and_then(Value::as_str), r.get("quad").and_then(Value::as_u64))
        else {
            eprintln!(
                "dyad: {}: record {}: no `text` or `quad`; skipped",
                args.file.display(),
                idx + 1
            );
            continue;
        };
        let gold = gold.min(4) as usize;
        let id = r.get("id").and_then(Value::as_str).unwrap_or("");
        let events = code_text(coder, id, text);
        let (got, event) = sentence_quad(&events);
        confusion[gold][got as usize] += 1;
        if gold != got as usize {
            let what = event.map_or("no event".to_string(), describe);
            misses.push(format!("{id}: gold {gold}, got {got} ({what})\n      {text}"));
        }
    }
    let n: usize = confusion.iter().flatten().sum();
    let mut f1s = Vec::new();
    let mut rows = Vec::new();
    for (class, name) in QUADS.iter().enumerate() {
        let tp = confusion[class][class];
        let gold_n: usize = confusion[class].iter().sum();
        let pred_n: usize = confusion.iter().map(|row| row[class]).sum();
        let (p, r) = (share(tp, pred_n), share(tp, gold_n));
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        f1s.push(f1);
        rows.push(serde_json::json!({"class": class, "gold": gold_n, "predicted": pred_n,
            "precision": p, "recall": r, "f1": f1}));
        if !args.json {
            outln!("  {name:<20} gold {gold_n:>4}  predicted {pred_n:>4}  P {p:.3}  R {r:.3}  F1 {f1:.3}");
        }
    }
    let macro_f1 = f1s.iter().sum::<f64>() / f1s.len() as f64;
    let accuracy = share((0..5).map(|c| confusion[c][c]).sum(), n);
    if args.json {
        outln!(
            "{}",
            serde_json::json!({"sentences": n, "macro_f1": macro_f1,
            "accuracy": accuracy, "classes": rows, "confusion": confusion})
        );
    } else {
        outln!("sentences: {n}   macro-F1 {macro_f1:.3}   accuracy {accuracy:.3}");
        outln!("\nconfusion (rows gold 0–4, columns predicted 0–4):");
        for (class, row) in confusion.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| format!("{c:>4}")).collect();
            outln!("  {class} {}", cells.join(""));
        }
        print_misses(args.worst, &misses)?;
    }
    Ok(vec![Gate::new(args.min_f1, macro_f1, "quad macro-F1")])
}

pub(super) fn run_stories(args: &EvalArgs, records: &[Value], coder: &Coder) -> Result<Vec<Gate>> {
    // Per gold type: stories, first event right, label among the coded types.
    let mut per_type: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut first_types: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut n, mut n_top1, mut n_recall, mut n_none) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for (idx, r) in records.iter().enumerate() {
        let (Some(text), Some(label)) =
            (r.get("text").and_then(Value::as_str), r.get("plover").and_then(Value::as_str))
        else {
            eprintln!(
                "dyad: {}: record {}: no `text` or `plover`; skipped",
                args.file.display(),
                idx + 1
            );
            continue;
        };
        let Ok(gold) = label.parse::<EventType>() else {
            eprintln!(
                "dyad: {}: record {}: unknown type `{label}`; skipped",
                args.file.display(),
                idx + 1
            );
            continue;
        };
        let id = r.get("id").and_then(Value::as_str).unwrap_or("");
        let events = code_text(coder, id, text);
        n += 1;
        let top1 = events.first().is_some_and(|e| e.event == gold);
        let recall = events.iter().any(|e| e.event == gold);
        n_top1 += usize::from(top1);
        n_recall += usize::from(recall);
        n_none += usize::from(events.is_empty());
        let entry = per_type.entry(gold.as_str().to_string()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(top1);
        entry.2 += usize::from(recall);
        let first = events.first().map_or("NONE", |e| e.event.as_str());
        *first_types.entry((gold.as_str().to_string(), first.to_string())).or_default() += 1;
        if !recall {
            let got = events.first().map_or("no event".to_string(), describe);
            let lead: String = text.chars().take(240).collect();
            misses.push(format!("{id}: gold {gold}, first {got}\n      {lead}…"));
        }
    }
    let (top1, recall) = (share(n_top1, n), share(n_recall, n));
    if args.json {
        let types: BTreeMap<&String, Value> = per_type
            .iter()
            .map(|(t, &(k, a, b))| {
                (t, serde_json::json!({"stories": k, "top1": share(a, k), "recall": share(b, k)}))
            })
            .collect();
        outln!(
            "{}",
            serde_json::json!({"stories": n, "top1": top1, "type_recall": recall,
            "no_event": n_none, "types": types})
        );
    } else {
        outln!("stories: {n}   top-1 {top1:.3}   type recall {recall:.3}   no event {n_none}");
        outln!("\nper type (stories, top-1, recall; first coded types):");
        for (t, &(k, a, b)) in &per_type {
            let mut firsts: Vec<(&str, usize)> = first_types
                .iter()
                .filter(|((g, _), _)| g == t)
                .map(|((_, p), c)| (p.as_str(), *c))
                .collect();
            firsts.sort_by_key(|f| std::cmp::Reverse(f.1));
            let cells: Vec<String> =
                firsts.iter().take(5).map(|(p, c)| format!("{p} {c}")).collect();
            outln!(
                "  {t:<10} {k:>4}  {:.3}  {:.3}   {}",
                share(a, k),
                share(b, k),
                cells.join(", ")
            );
        }
        print_misses(args.worst, &misses)?;
    }
    Ok(vec![
        Gate::new(args.min_top1, top1, "story top-1"),
        Gate::new(args.min_recall, recall, "story type recall"),
    ])
}

fn describe(e: &Event) -> String {
    format!(
        "{} {}→{} `{}` {}",
        e.event,
        super::gsr::codes(&e.actor),
        super::gsr::codes(&e.recipient),
        e.event_text,
        e.modality.as_str()
    )
}

fn print_misses(worst: usize, misses: &[String]) -> Result<()> {
    outln!("\nmisses (first {} of {}):", worst.min(misses.len()), misses.len());
    for miss in misses.iter().take(worst) {
        outln!("  {miss}");
    }
    Ok(())
}
