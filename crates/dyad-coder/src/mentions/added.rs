//! Mentions the lexicon does not match: people named before by one of their names, pronouns
//! and definite descriptions that refer back, "the North"/"the South" in a text about Korea,
//! names in apposition to a described party.

use super::*;

/// Adds the people named earlier in the document by one of their names alone ("Sikorski",
/// "Kim" after "Polish Foreign Minister Radoslaw Sikorski", "Kim Jong Un"): a capitalised
/// token outside any mention that is a remembered name word stands for that person.
pub fn add_known_names(
    text: &str,
    tokens: &[Token],
    out: &mut Vec<Mention>,
    known: &[(CompactString, Entity)],
) {
    if known.is_empty() {
        return;
    }
    let mut added = false;
    for (k, tok) in tokens.iter().enumerate() {
        if !is_capitalized(text, tok) || covered(k, out) {
            continue;
        }
        let word = &text[tok.start..tok.end];
        let Some((_, entity)) = known.iter().rev().find(|(w, _)| w == word) else { continue };
        // "Kim Yo Jong" is not "Kim": a name word followed by more of a name is another name.
        if tokens.get(k + 1).is_some_and(|n| is_capitalized(text, n)) {
            continue;
        }
        out.push(person_word(
            text,
            tokens,
            k,
            Entity { entity_text: word.into(), ..entity.clone() },
        ));
        added = true;
    }
    if added {
        out.sort_by_key(|m| m.tok_start);
    }
}

/// The words by which a person mention may be named again later: the first and the last
/// word of their name, when it has two or more ("Radoslaw Sikorski": "Sikorski"; "Kim Jong
/// Un": "Kim"; "Xi Jinping": "Xi").
pub fn name_words(m: &Mention) -> impl Iterator<Item = &str> {
    let words: Vec<&str> = if m.is_person && m.kind == Kind::Actor {
        m.entity.name.split_whitespace().collect()
    } else {
        Vec::new()
    };
    let ends = if words.len() >= 2 { vec![words[0], words[words.len() - 1]] } else { Vec::new() };
    ends.into_iter().filter(|w| {
        w.len() >= 2
            && w.starts_with(|c: char| c.is_uppercase())
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !NAME_PARTICLES.contains(w)
            && dyad_model::calendar::month_number(w).is_none()
    })
}

/// Parts of names that never name a person alone, and days that a title and name may have
/// swallowed ("Secretary Rubio Tuesday"; months are left out too).
pub(super) const NAME_PARTICLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Al",
    "El",
    "Bin",
    "Ibn",
    "Abu",
    "Van",
    "Von",
    "De",
    "Da",
    "Du",
    "Le",
    "La",
    "Di",
    "Jr",
    "Sr",
    "II",
    "III",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether token `k` lies inside one of the mentions found so far.
pub(crate) fn covered(k: usize, out: &[Mention]) -> bool {
    out.iter().any(|m| m.tok_start <= k && k < m.tok_end)
}

pub(super) fn add_pronouns(text: &str, tokens: &[Token], out: &mut Vec<Mention>) {
    let mut k = 0;
    while k < tokens.len() {
        // Every pronoun and description starts with one of a few short words.
        let first = &text[tokens[k].start..tokens[k].end];
        if first.len() > 5
            || !matches!(first.as_bytes()[0] | 0x20, b't' | b'b' | b'i' | b'h' | b's')
            || covered(k, out)
        {
            k += 1;
            continue;
        }
        if let Some((words, refers)) = description_at(text, tokens, k) {
            let end = k + words.len();
            let entity = Entity {
                entity_text: text[tokens[k].start..tokens[end - 1].end].into(),
                ..Entity::default()
            };
            out.push(Mention {
                tok_start: k,
                tok_end: end,
                entity,
                kind: Kind::Pronoun(*refers),
                place: None,
                possessive: false,
                capital: false,
                is_person: false,
                collective: false,
            });
            k = end;
            continue;
        }
        if let Some((_, refers)) = PRONOUNS.iter().find(|(w, _)| is(text, &tokens[k], w)) {
            let entity = Entity {
                entity_text: text[tokens[k].start..tokens[k].end].into(),
                ..Entity::default()
            };
            let possessive = is_any(text, &tokens[k], &["its", "their", "his", "her"]);
            out.push(Mention {
                tok_start: k,
                tok_end: k + 1,
                entity,
                kind: Kind::Pronoun(*refers),
                place: None,
                possessive,
                capital: false,
                is_person: false,
                collective: false,
            });
        }
        k += 1;
    }
}

/// "Pak Jong Chon, one of North Korea's senior military officials, …": a capitalised name
/// the lexicon does not know takes the entity of the appositive that follows it.
/// The description ("the two countries", "both sides") that starts at token `k`, if any.
/// Adds "the North" and "the South" as references to North and South Korea, in a text that
/// names a Korea (`about_korea`); elsewhere they are regions ("rebels in the North").
pub fn add_korea_halves(text: &str, tokens: &[Token], out: &mut Vec<Mention>, about_korea: bool) {
    if !about_korea {
        return;
    }
    for k in 0..tokens.len().saturating_sub(1) {
        if !is(text, &tokens[k], "the") || covered(k, out) || covered(k + 1, out) {
            continue;
        }
        if let Some(north) = korea_half(text, tokens, k + 1) {
            let entity = Entity {
                entity_text: text[tokens[k].start..tokens[k + 1].end].into(),
                ..Entity::default()
            };
            out.push(Mention {
                tok_start: k,
                tok_end: k + 2,
                entity,
                kind: Kind::Pronoun(Refers::Korea(north)),
                place: None,
                possessive: tokens.get(k + 2).is_some_and(|t| is_any(text, t, &["'s", "’s"])),
                capital: false,
                is_person: false,
                collective: false,
            });
        }
    }
    out.sort_by_key(|m| m.tok_start);
}

/// Adds "Kim" alone, in a text about Korea that has named no one by that name, as North
/// Korea's leader of the publication date ("Putin thanked Kim for the troops"): news names
/// him so once he has been introduced, often in a headline or lead that does not introduce
/// him. A "Kim" followed by another capitalised word is someone else the lexicon does not
/// know ("Kim Yo Jong"); one named earlier is found by [`add_known_names`] first.
pub fn add_korean_leader(
    text: &str,
    tokens: &[Token],
    out: &mut Vec<Mention>,
    about_korea: bool,
    date: Option<chrono::NaiveDate>,
) {
    if !about_korea {
        return;
    }
    let ymd = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let name = match date {
        Some(d) if Some(d) < ymd(1994, 7, 8) => "Kim Il Sung",
        Some(d) if Some(d) < ymd(2011, 12, 17) => "Kim Jong Il",
        _ => "Kim Jong Un",
    };
    let mut added = false;
    for k in 0..tokens.len() {
        if &text[tokens[k].start..tokens[k].end] != "Kim"
            || tokens.get(k + 1).is_some_and(|n| is_capitalized(text, n))
            || covered(k, out)
        {
            continue;
        }
        let entity = Entity {
            entity_text: "Kim".into(),
            code: "PRK".into(),
            country: "PRK".into(),
            sector: "GOV".into(),
            name: name.into(),
        };
        out.push(person_word(text, tokens, k, entity));
        added = true;
    }
    if added {
        out.sort_by_key(|m| m.tok_start);
    }
}

/// A one-word mention of a person at token `k` ("Sikorski", "Kim").
fn person_word(text: &str, tokens: &[Token], k: usize, entity: Entity) -> Mention {
    Mention {
        tok_start: k,
        tok_end: k + 1,
        entity,
        kind: Kind::Actor,
        place: None,
        possessive: tokens.get(k + 1).is_some_and(|n| is_any(text, n, &["'s", "’s"])),
        capital: false,
        is_person: true,
        collective: false,
    }
}

/// Whether token `k` is "North" or "South" standing alone after "the" ("the North said",
/// "the South's military"): not part of a name ("the North Atlantic", "the South China Sea").
pub(super) fn korea_half(text: &str, tokens: &[Token], k: usize) -> Option<bool> {
    let word = &text[tokens.get(k)?.start..tokens[k].end];
    let north = match word {
        "North" => true,
        "South" => false,
        _ => return None,
    };
    let next_is_name = tokens.get(k + 1).is_some_and(|n| {
        let w = &text[n.start..n.end];
        w.starts_with(|c: char| c.is_uppercase()) || w.starts_with('-')
    });
    (!next_is_name).then_some(north)
}

pub(super) fn description_at(
    text: &str,
    tokens: &[Token],
    k: usize,
) -> Option<&'static (&'static [&'static str], Refers)> {
    let maybe_description = (is(text, &tokens[k], "the") || is(text, &tokens[k], "both"))
        && tokens.get(k + 1).is_some_and(|n| {
            is_any(
                text,
                n,
                &[
                    "country",
                    "nation",
                    "regime",
                    "two",
                    "countries",
                    "nations",
                    "parties",
                    "sides",
                    "leaders",
                    "actors",
                ],
            )
        });
    maybe_description
        .then(|| {
            DESCRIPTIONS.iter().find(|(words, _)| {
                words
                    .iter()
                    .enumerate()
                    .all(|(n, w)| tokens.get(k + n).is_some_and(|t| is(text, t, w)))
            })
        })
        .flatten()
}

/// Capitalised words that open a sentence's phrase of time or place, not a name.
const OPENERS: &[&str] = &[
    "after",
    "at",
    "before",
    "by",
    "during",
    "earlier",
    "for",
    "from",
    "in",
    "last",
    "later",
    "meanwhile",
    "next",
    "on",
    "since",
    "this",
    "today",
    "until",
    "yesterday",
];

pub(super) fn add_appositive_names(text: &str, tokens: &[Token], out: &mut Vec<Mention>) {
    let mut additions = Vec::new();
    // A description, not a person: "In March, Putin criticized …" names no one "In March".
    for m in out.iter().filter(|m| {
        m.kind == Kind::Actor
            && !m.is_person
            && !m.entity.sector.is_empty()
            && !m.entity.country.is_empty()
    }) {
        // Walk back over "one of", "a", "the" to a comma, then over capitalised words.
        let mut k = m.tok_start;
        while k > 0 && is_any(text, &tokens[k - 1], &["of", "one", "a", "an", "the", "is", "was"]) {
            k -= 1;
        }
        if k == 0 || !is(text, &tokens[k - 1], ",") {
            continue;
        }
        let name_end = k - 1;
        let mut name_start = name_end;
        while name_start > 0
            && is_capitalized(text, &tokens[name_start - 1])
            && name_end - name_start < 4
        {
            name_start -= 1;
        }
        let first = &text[tokens[name_start].start..tokens[name_start].end];
        if name_end - name_start < 2
            || out.iter().any(|o| o.tok_start < name_end && name_start < o.tok_end)
            || OPENERS.iter().any(|o| o.eq_ignore_ascii_case(first))
        {
            continue;
        }
        let name = text[tokens[name_start].start..tokens[name_end - 1].end].to_string();
        let entity =
            Entity { entity_text: name.as_str().into(), name: name.into(), ..m.entity.clone() };
        additions.push(Mention {
            tok_start: name_start,
            tok_end: name_end,
            entity,
            kind: Kind::Actor,
            place: None,
            possessive: false,
            capital: false,
            is_person: true,
            collective: false,
        });
    }
    out.extend(additions);
}
