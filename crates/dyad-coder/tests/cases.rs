//! Runs the data-driven cases in `testdata/*.toml` against the built-in coder.

use dyad_coder::Coder;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    date: Option<String>,
    #[serde(default)]
    none: bool,
    #[serde(default)]
    expect: Vec<Expect>,
    /// Event types that must not be coded.
    #[serde(default)]
    not: Vec<String>,
    /// The number of events the text must give, where one act must not be coded twice.
    count: Option<usize>,
    /// The type the text's first event must have: the sentence's own news before its
    /// background.
    first: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    event: String,
    actor: Option<Vec<String>>,
    recipient: Option<Vec<String>>,
    sector: Option<String>,
    /// The words of the first actor as the text has them (`entity_text`).
    actor_text: Option<String>,
    /// The sector of the first recipient.
    recipient_sector: Option<String>,
    /// A context the event must not have.
    context_absent: Option<String>,
    /// A mode the event must not have.
    mode_absent: Option<String>,
    mode: Option<String>,
    /// The CAMEO code, or its leading digits ("02": an appeal).
    cameo: Option<String>,
    modality: Option<String>,
    date: Option<String>,
    location: Option<String>,
    size: Option<f64>,
    qualifier: Option<String>,
    hedge: Option<String>,
    attribution: Option<String>,
    /// A part of the event's rule (which names the argument paths).
    rule: Option<String>,
}

fn check(event: &dyad_model::Event, e: &Expect) -> Result<(), String> {
    let codes =
        |list: &[dyad_model::Entity]| list.iter().map(|a| a.code.clone()).collect::<Vec<_>>();
    let mut problems = Vec::new();
    if let Some(a) = &e.actor {
        let mut got = codes(&event.actor);
        let mut want = a.clone();
        got.sort();
        want.sort();
        if got != want {
            problems.push(format!("actor {:?} != {:?}", codes(&event.actor), a));
        }
    }
    if let Some(r) = &e.recipient {
        if &codes(&event.recipient) != r {
            problems.push(format!("recipient {:?} != {:?}", codes(&event.recipient), r));
        }
    }
    if let Some(s) = &e.sector {
        if event.actor.first().map(|a| a.sector.as_str()) != Some(s.as_str()) {
            problems.push(format!("sector {:?} != {s}", event.actor.first().map(|a| &a.sector)));
        }
    }
    if let Some(t) = &e.actor_text {
        let got = event.actor.first().map(|a| a.entity_text.as_str());
        if got != Some(t.as_str()) {
            problems.push(format!("actor text {got:?} != {t:?}"));
        }
    }
    if let Some(s) = &e.recipient_sector {
        if event.recipient.first().map(|a| a.sector.as_str()) != Some(s.as_str()) {
            problems.push(format!(
                "recipient sector {:?} != {s}",
                event.recipient.first().map(|a| &a.sector)
            ));
        }
    }
    if let Some(c) = &e.context_absent {
        if event.context.contains(c) {
            problems.push(format!("context {:?} has {c}", event.context));
        }
    }
    if let Some(m) = &e.mode_absent {
        if event.mode.contains(m) {
            problems.push(format!("mode {:?} has {m}", event.mode));
        }
    }
    if let Some(m) = &e.mode {
        if !event.mode.contains(m) {
            problems.push(format!("mode {:?} lacks {m}", event.mode));
        }
    }
    if let Some(c) = &e.cameo {
        if !event.cameo.starts_with(c.as_str()) {
            problems.push(format!("CAMEO {} does not start with {c}", event.cameo));
        }
    }
    if let Some(m) = &e.modality {
        if event.modality.as_str() != m {
            problems.push(format!("modality {} != {m}", event.modality.as_str()));
        }
    }
    if let Some(d) = &e.date {
        if event.date.as_deref() != Some(d.as_str()) {
            problems.push(format!("date {:?} != {d}", event.date));
        }
    }
    if let Some(l) = &e.location {
        if event.event_loc.as_ref().map(|l| l.resolved_place.as_str()) != Some(l.as_str()) {
            problems.push(format!(
                "location {:?} != {l}",
                event.event_loc.as_ref().map(|l| &l.resolved_place)
            ));
        }
    }
    if let Some(v) = e.size {
        if event.size.as_ref().map(|s| s.value) != Some(v) {
            problems.push(format!("size {:?} != {v}", event.size.as_ref().map(|s| s.value)));
        }
    }
    if let Some(q) = &e.qualifier {
        if event.size.as_ref().and_then(|s| s.qualifier.as_deref()) != Some(q.as_str()) {
            problems
                .push(format!("qualifier {:?} != {q}", event.size.as_ref().map(|s| &s.qualifier)));
        }
    }
    if let Some(h) = &e.hedge {
        if event.hedge.as_deref() != Some(h.as_str()) {
            problems.push(format!("hedge {:?} != {h}", event.hedge));
        }
    }
    if let Some(a) = &e.attribution {
        if event.attribution.as_ref().map(|a| a.text.as_str()) != Some(a.as_str()) {
            problems.push(format!(
                "attribution {:?} != {a}",
                event.attribution.as_ref().map(|a| &a.text)
            ));
        }
    }
    if let Some(r) = &e.rule {
        if !event.rule.contains(r.as_str()) {
            problems.push(format!("rule {:?} lacks {r:?}", event.rule));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn data_driven_cases() {
    let coder = Coder::builtin();
    let mut failures = Vec::new();
    let mut n_cases = 0;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let file: File = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in file.case {
            n_cases += 1;
            let mut doc = dyad_ingest::parse_text(&case.name, &case.text);
            doc.date = case
                .date
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let events = coder.code(&doc).events;
            if case.none {
                if !events.is_empty() {
                    failures.push(format!(
                        "{}: expected no event, got {:?}",
                        case.name,
                        events.iter().map(|e| e.event.as_str()).collect::<Vec<_>>()
                    ));
                }
                continue;
            }
            if let Some(f) = &case.first {
                let got = events.first().map(|e| e.event.as_str());
                if got != Some(f.as_str()) {
                    failures.push(format!("{}: first event {got:?}, expected {f}", case.name));
                }
            }
            if let Some(n) = case.count.filter(|&n| n != events.len()) {
                failures.push(format!("{}: {} events, expected {n}", case.name, events.len()));
            }
            for wrong in events.iter().filter(|e| case.not.iter().any(|n| n == e.event.as_str())) {
                failures.push(format!("{}: unexpected {} event", case.name, wrong.event));
            }
            for expect in &case.expect {
                let candidates: Vec<_> =
                    events.iter().filter(|e| e.event.as_str() == expect.event).collect();
                if candidates.is_empty() {
                    failures.push(format!(
                        "{}: no {} event (got {:?})",
                        case.name,
                        expect.event,
                        events
                            .iter()
                            .map(|e| format!(
                                "{} {:?}->{:?}",
                                e.event,
                                e.actor.iter().map(|a| &a.code).collect::<Vec<_>>(),
                                e.recipient.iter().map(|a| &a.code).collect::<Vec<_>>()
                            ))
                            .collect::<Vec<_>>()
                    ));
                    continue;
                }
                let results: Vec<Result<(), String>> =
                    candidates.iter().map(|e| check(e, expect)).collect();
                if !results.iter().any(Result::is_ok) {
                    failures.push(format!(
                        "{}: {}",
                        case.name,
                        results.into_iter().filter_map(Result::err).collect::<Vec<_>>().join(" | ")
                    ));
                }
            }
        }
    }
    assert!(n_cases >= 25, "only {n_cases} cases found");
    assert!(
        failures.is_empty(),
        "{} of {n_cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
