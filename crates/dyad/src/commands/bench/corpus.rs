//! `dyad bench corpus`: a synthetic news corpus of any size, written by the project (no text
//! from anywhere else), for benchmarks that need more text than a real corpus offers.
//!
//! The documents look like wire copy in aggregate: 12–40 sentences of about 20 words, about
//! one sentence in five with an event between two countries (meetings, agreements, aid,
//! threats, attacks, sanctions…), with dates, sizes, hedges and attributions mixed in, and
//! the rest background (economy, weather, quotes). The same seed gives the same bytes.

use std::io::Write;

use anyhow::Result;

use dyad_analysis::rng::Rng;

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len())]
}

/// (country, capital, leader title)
const STATES: &[(&str, &str, &str)] = &[
    ("Russia", "Moscow", "President"),
    ("North Korea", "Pyongyang", "leader"),
    ("South Korea", "Seoul", "President"),
    ("Japan", "Tokyo", "Prime Minister"),
    ("China", "Beijing", "President"),
    ("the United States", "Washington", "President"),
    ("Ukraine", "Kyiv", "President"),
    ("Iran", "Tehran", "President"),
    ("Israel", "Jerusalem", "Prime Minister"),
    ("Turkey", "Ankara", "President"),
    ("India", "New Delhi", "Prime Minister"),
    ("Pakistan", "Islamabad", "Prime Minister"),
    ("France", "Paris", "President"),
    ("Germany", "Berlin", "Chancellor"),
    ("the United Kingdom", "London", "Prime Minister"),
    ("Poland", "Warsaw", "President"),
    ("Brazil", "Brasilia", "President"),
    ("Egypt", "Cairo", "President"),
    ("Saudi Arabia", "Riyadh", "Crown Prince"),
    ("Vietnam", "Hanoi", "President"),
    ("the Philippines", "Manila", "President"),
    ("Belarus", "Minsk", "President"),
    ("Syria", "Damascus", "President"),
    ("Venezuela", "Caracas", "President"),
    ("Cuba", "Havana", "President"),
    ("Kenya", "Nairobi", "President"),
    ("Ethiopia", "Addis Ababa", "Prime Minister"),
    ("Mexico", "Mexico City", "President"),
    ("Indonesia", "Jakarta", "President"),
    ("Australia", "Canberra", "Prime Minister"),
];

const OFFICIALS: &[&str] = &[
    "foreign minister",
    "defence minister",
    "army chief",
    "ambassador",
    "trade minister",
    "national security adviser",
    "spokesperson",
];

const DAYS: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "on Saturday",
    "on Sunday",
    "last week",
    "earlier this month",
    "on March 3",
    "in late May",
];

const HEDGES: &[&str] = &["reportedly", "is believed to have", "is thought to have", "allegedly"];

const SOURCES: &[&str] = &[
    "Reuters",
    "state media",
    "officials",
    "the Washington Post",
    "a government statement",
    "diplomats",
];

const UNITS: &[&str] = &[
    "troops",
    "artillery shells",
    "tonnes of grain",
    "drones",
    "missiles",
    "engineers",
    "containers of ammunition",
];

/// Event templates: `{A}`/`{B}` are countries, `{a}` a capital, `{T}` a title, `{O}` an
/// official, `{D}` a day, `{N}` a number, `{U}` a unit, `{H}` a hedge, `{S}` a source.
const EVENTS: &[&str] = &[
    "{A} and {B} signed a defence cooperation agreement in {a} {D}.",
    "The {T} of {A} met the {O} of {B} in {a} {D} to discuss security in the region.",
    "{A} condemned {B} {D} for what it called a reckless missile launch, according to {S}.",
    "{A} {H} sent {N} {U} to {B} over the past year, {S} said.",
    "{A} imposed new sanctions on {B} {D}, targeting banks and shipping companies.",
    "Troops from {A} attacked positions held by {B} near the border {D}, killing {N} people.",
    "{A} threatened to retaliate against {B} if the military drills continued.",
    "The {O} of {A} praised {B} for its support {D}.",
    "{A} will provide {N} {U} to {B} next year under the new arrangement, the {O} said.",
    "{A} accused {B} of violating the ceasefire {D}.",
    "{A} expelled two diplomats from {B} {D}, {S} reported.",
    "{A} and {B} agreed to expand military exercises, the {O} of {A} said {D}.",
    "{A} denied that it had supplied weapons to {B}.",
    "{A} offered humanitarian aid to {B} after the floods {D}.",
    "{A} may send {N} {U} to {B} if talks fail, {S} said.",
    "{A} warned {B} against deploying {U} near its territory.",
    "Leaders of {A} and {B} held talks in {a} {D} and pledged closer trade ties.",
    "{A} recalled its ambassador from {B} {D} in protest.",
];

/// Background sentences, with slots of their own so that documents do not share long runs of
/// words (which would make them near-duplicates of each other): `{c}` a city, `{n}` a number,
/// `{g}` goods, `{m}` a month, `{w}` a weekday, `{t}` a topic.
const BACKGROUND: &[&str] = &[
    "Prices of {g} rose by {n} percent in {c} markets in {m}, traders said.",
    "The central bank in {c} left its main rate at {n} percent on {w}, citing {t}.",
    "Heavy rain is expected around {c} until {w}, with up to {n} millimetres in places.",
    "Analysts in {c} said the outlook for {g} would depend on {t} over the next {n} months.",
    "About {n} thousand fans filled the stadium in {c} on {w} for the final of the season.",
    "The ministry in {c} did not answer questions about {t} on {w}.",
    "Shares of {g} producers fell {n} percent in {c} trading on {w}.",
    "A new railway line from {c} is due to carry {n} thousand passengers a day from {m}.",
    "Schools in {c} will stay closed until {w} while {n} roads are repaired, the mayor said.",
    "A research group in {c} published a study of {t} covering {m} and the {n} weeks after it.",
    "Experts in {c} warned that the {n} figures on {t} could not be verified.",
    "The {n}th festival of {g} drew visitors to {c} in {m}.",
    "Unemployment among young people in {c} stood at {n} percent in {m}.",
    "Talks on {t} are expected to resume in {c} after {w}, with {n} delegations taking part.",
    "“We will keep talking about {t} with anyone who wants stability,” an official in {c} said on {w}.",
];

const GOODS: &[&str] = &[
    "rice",
    "cooking oil",
    "wheat",
    "steel",
    "copper",
    "coffee",
    "cotton",
    "fertiliser",
    "diesel",
    "sugar",
    "cement",
    "timber",
];

const TOPICS: &[&str] = &[
    "slower inflation",
    "the budget",
    "fuel subsidies",
    "water supplies",
    "housing",
    "pensions",
    "the harvest",
    "exports",
    "public transport",
    "tourism",
    "the minimum wage",
    "hospital funding",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: &[&str] =
    &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn fill(template: &str, rng: &mut Rng) -> String {
    let a = rng.below(STATES.len());
    let mut b = rng.below(STATES.len() - 1);
    if b >= a {
        b += 1;
    }
    let (name_a, capital_a, title_a) = STATES[a];
    let name_b = STATES[b].0;
    let mut out = String::with_capacity(template.len() + 64);
    let mut chars = template.chars();
    let at_start = |out: &String| out.is_empty();
    while let Some(c) = chars.next() {
        if c != '{' {
            out.push(c);
            continue;
        }
        let key = chars.next().unwrap_or('}');
        chars.next(); // the closing brace
        let text: String = match key {
            'A' => name_a.to_string(),
            'B' => name_b.to_string(),
            'a' => capital_a.to_string(),
            'T' => title_a.to_string(),
            'O' => pick(rng, OFFICIALS).to_string(),
            'D' => pick(rng, DAYS).to_string(),
            'N' => {
                let n = 10 + rng.below(20_000);
                if n >= 1000 {
                    format!("{},{:03}", n / 1000, n % 1000)
                } else {
                    n.to_string()
                }
            }
            'U' => pick(rng, UNITS).to_string(),
            'H' => pick(rng, HEDGES).to_string(),
            'S' => pick(rng, SOURCES).to_string(),
            'c' => STATES[rng.below(STATES.len())].1.to_string(),
            'n' => (2 + rng.below(97)).to_string(),
            'g' => pick(rng, GOODS).to_string(),
            'm' => pick(rng, MONTHS).to_string(),
            'w' => pick(rng, WEEKDAYS).to_string(),
            't' => pick(rng, TOPICS).to_string(),
            _ => String::new(),
        };
        if at_start(&out) {
            // "the United States" starts a sentence with a capital.
            let mut cs = text.chars();
            if let Some(first) = cs.next() {
                out.extend(first.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(&text);
        }
    }
    out
}

/// One document as a JSONL record.
fn document(index: u64, rng: &mut Rng) -> String {
    let n_sentences = 12 + rng.below(29);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut paragraph = String::new();
    for i in 0..n_sentences {
        let sentence = if rng.below(5) == 0 || i == 0 {
            fill(pick(rng, EVENTS), rng)
        } else {
            fill(pick(rng, BACKGROUND), rng)
        };
        if !paragraph.is_empty() {
            paragraph.push(' ');
        }
        paragraph.push_str(&sentence);
        if rng.below(3) == 0 {
            paragraphs.push(std::mem::take(&mut paragraph));
        }
    }
    if !paragraph.is_empty() {
        paragraphs.push(paragraph);
    }
    let text = paragraphs.join("\n\n");
    let day = 1 + index % 28;
    let month = 1 + (index / 28) % 12;
    let title = format!("Generated report {index}");
    serde_json::json!({
        "id": format!("gen-{index}"),
        "title": title,
        "date": format!("2025-{month:02}-{day:02}"),
        "outlet": "dyad generated corpus",
        "text": text,
    })
    .to_string()
}

/// Writes documents to `out` until `bytes` have been written; returns the document count.
pub fn write(out: &mut dyn Write, bytes: u64, seed: u64) -> Result<u64> {
    let mut rng = Rng::new(seed);
    let (mut written, mut index) = (0u64, 0u64);
    while written < bytes {
        let line = document(index, &mut rng);
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += line.len() as u64 + 1;
        index += 1;
    }
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_valid_documents() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let n = write(&mut a, 50_000, 7).unwrap();
        write(&mut b, 50_000, 7).unwrap();
        assert_eq!(a, b);
        assert!(n > 5);
        for line in String::from_utf8(a).unwrap().lines() {
            let record = dyad_ingest::parse_jsonl_line(line, 1).unwrap();
            assert!(record.document.sentences.len() >= 12);
            assert!(record.document.date.is_some());
        }
    }

    #[test]
    fn generated_text_codes_into_events() {
        let mut out = Vec::new();
        write(&mut out, 30_000, 1).unwrap();
        let coder = dyad_coder::Coder::builtin();
        let (mut sentences, mut events) = (0, 0);
        for line in String::from_utf8(out).unwrap().lines() {
            let doc = dyad_ingest::parse_jsonl_line(line, 1).unwrap().document;
            sentences += doc.sentences.len();
            events += coder.code(&doc).events.len();
        }
        // About one sentence in five carries an event, as in wire copy.
        assert!(events * 10 > sentences, "{events} events in {sentences} sentences");
    }
}
