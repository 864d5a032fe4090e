//! `dyad bench store`: a new store of synthetic events for measuring the analysis and the
//! server at scale (`docs/performance.md`).
//!
//! Events are dataset rows (one mention each, as `dyad import` stores them) between real
//! states, over five years (2020–2024, in date order). Who acts is skewed the way news is:
//! a country's weight falls with its rank (1/rank), so a few great powers take most events
//! and every country appears. Countries fall in three camps (rank modulo 3): events within a
//! camp are cooperative four times in five, across camps hostile three times in five, each
//! type drawn from the mix of coded news (talks and statements most, violence less). 10% of
//! events have two actors and 10% no recipient; 7% did not happen (negated or hypothetical),
//! and the outlet is one of 40.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use dyad_analysis::rng::Rng;
use dyad_model::{Entity, Event, EventType, Modality, TextInfo};
use dyad_store::{ImportFile, ImportRow, Store};

/// Real ISO 3166 alpha-3 codes, roughly by how often they are in the news.
const COUNTRIES: &[&str] = &[
    "USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "PRK", "KOR", "JPN", "IND",
    "PAK", "TUR", "SYR", "SAU", "AFG", "IRQ", "EGY", "TWN", "PSE", "LBN", "YEM", "POL", "ITA",
    "CAN", "AUS", "BRA", "MEX", "VEN", "CUB", "BLR", "QAT", "ARE", "JOR", "LBY", "SDN", "ETH",
    "SOM", "NGA", "ZAF", "KEN", "MLI", "NER", "BFA", "TCD", "COD", "RWA", "ESP", "NLD", "BEL",
    "SWE", "FIN", "NOR", "DNK", "EST", "LVA", "LTU", "ROU", "HUN", "SRB", "GRC", "CYP", "ARM",
    "AZE", "GEO", "KAZ", "UZB", "MNG", "VNM", "PHL", "IDN", "MYS", "THA", "MMR", "BGD", "LKA",
    "NPL", "SGP", "NZL", "ARG", "CHL", "COL", "PER", "ECU", "BOL", "NIC", "HTI", "DZA", "MAR",
    "TUN", "OMN", "KWT", "BHR", "AUT", "CHE", "PRT", "IRL", "CZE", "SVK", "BGR", "HRV", "MDA",
];

/// PLOVER types with their share of events (per thousand), after the mix of coded news.
const TYPES: &[(EventType, u32)] = &[
    (EventType::Consult, 220),
    (EventType::Agree, 110),
    (EventType::Support, 90),
    (EventType::Cooperate, 60),
    (EventType::Aid, 50),
    (EventType::Concede, 20),
    (EventType::Retreat, 10),
    (EventType::Request, 60),
    (EventType::Accuse, 110),
    (EventType::Reject, 50),
    (EventType::Threaten, 40),
    (EventType::Protest, 40),
    (EventType::Sanction, 30),
    (EventType::Mobilize, 20),
    (EventType::Coerce, 30),
    (EventType::Assault, 60),
];

/// Picks an index with weight 1/(index+1), from the cumulative weights.
fn pick(rng: &mut Rng, cumulative: &[f64]) -> usize {
    let total = cumulative.last().copied().unwrap_or(1.0);
    let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
    cumulative.partition_point(|c| *c <= x).min(cumulative.len() - 1)
}

fn entity(code: &str) -> Entity {
    Entity {
        entity_text: code.into(),
        code: code.into(),
        country: code.into(),
        sector: "GOV".into(),
        name: code.into(),
    }
}

/// The `i`th of `n` synthetic events.
fn synthetic(rng: &mut Rng, i: usize, n: usize, by_rank: &[f64], by_type: &[f64]) -> ImportRow {
    let first = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    // 1827 days: 2020-01-01 to 2024-12-31.
    let date = first + chrono::Days::new((i as u64 * 1827) / n.max(1) as u64);
    let party = |rng: &mut Rng, avoid: Option<usize>| loop {
        let c = pick(rng, by_rank);
        if Some(c) != avoid {
            return c;
        }
    };
    let a = party(rng, None);
    let mut actor = vec![entity(COUNTRIES[a])];
    let roll = rng.below(100);
    if roll < 10 {
        actor.push(entity(COUNTRIES[party(rng, Some(a))]));
    }
    let b = party(rng, Some(a));
    let recipient = if roll >= 90 { vec![] } else { vec![entity(COUNTRIES[b])] };
    // Three camps (by rank, modulo 3): within a camp, cooperation four times in five;
    // across camps, conflict three times in five. The type is drawn from the news mix until
    // it has the wanted sign.
    let friendly = if a % 3 == b % 3 { rng.below(5) < 4 } else { rng.below(5) < 2 };
    let kind = loop {
        let kind = TYPES[pick(rng, by_type)].0;
        if (kind.quad_code() <= 2) == friendly {
            break kind;
        }
    };
    let modality = match rng.below(100) {
        0..=3 => Modality::Negated,
        4..=6 => Modality::Hypothetical,
        7..=14 => Modality::Reported,
        _ => Modality::Asserted,
    };
    let event = Event {
        id: format!("synthetic-{i}"),
        doc_id: format!("synthetic-{i}"),
        event: kind,
        mode: vec![],
        context: vec![],
        actor,
        recipient,
        date: Some(date.to_string()),
        date_text: None,
        date_precision: Some("day".into()),
        event_loc: None,
        size: None,
        modality,
        hedge: None,
        attribution: None,
        quad_code: kind.quad_code(),
        intensity: kind.intensity(&[]),
        cameo: kind.cameo(&[]).to_string(),
        text: String::new(),
        text_info: TextInfo { sentence: 0, start: 0, end: 0 },
        event_text: String::new(),
        trigger_span: (0, 0),
        rule: "synthetic".into(),
        citations: vec![],
        explain: vec![],
    };
    ImportRow {
        event,
        key: format!("line {}", i + 1),
        source: Some(format!("outlet{}.example", rng.below(40))),
    }
}

/// Writes a new store of `n` synthetic events at `db`.
pub fn run(db: &Path, n: usize, seed: u64) -> Result<()> {
    let started = Instant::now();
    let mut rank = 0.0;
    let by_rank: Vec<f64> = (0..COUNTRIES.len())
        .map(|i| {
            rank += 1.0 / (i as f64 + 1.0);
            rank
        })
        .collect();
    let mut share = 0.0;
    let by_type: Vec<f64> = TYPES
        .iter()
        .map(|(_, w)| {
            share += f64::from(*w);
            share
        })
        .collect();
    let mut rng = Rng::new(seed);
    let rows = (0..n).map(|i| synthetic(&mut rng, i, n, &by_rank, &by_type));
    let file = ImportFile {
        dataset: "synthetic".into(),
        file: format!("dyad bench store --events {n} --seed {seed}"),
        file_hash: format!("synthetic-{n}-{seed}"),
    };
    let stored = Store::bulk_create(db, &file, rows)
        .with_context(|| format!("cannot write {}", db.display()))?;
    let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "dyad: {stored} synthetic events written to {} in {:.1} s ({:.0} bytes per event)",
        db.display(),
        started.elapsed().as_secs_f64(),
        size as f64 / stored.max(1) as f64
    );
    // As `dyad import` does: the server started on this store reads its first analyses.
    let lexicon = dyad_lexicon::Lexicon::load(&[]).context("cannot load the lexicon")?;
    let mut store =
        Store::open(db).with_context(|| format!("cannot open the store {}", db.display()))?;
    crate::commands::save_analyses(&mut store, &lexicon);
    Ok(())
}
