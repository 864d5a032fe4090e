//! Actor mentions: dictionary phrases composed into noun phrases that name an entity
//! ("North Korean leader Kim Jong Un", "Russia's military", "Ukrainian officials"), places,
//! and pronouns or definite descriptions that refer back to one ("it", "both countries").

use chrono::NaiveDate;
use dyad_lexicon::{Lexicon, Match, Meaning};
use dyad_model::{CompactString, Entity};

use crate::tokens::{is, is_any, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Names an entity that can act: a country, its sector, a person, an organisation.
    Actor,
    /// A country adjective that only modifies a non-actor noun ("North Korean missiles").
    Modifier,
    /// Only a place.
    Place,
    /// A sector word with no country ("officials").
    SectorOnly,
    /// A pronoun or description to resolve against earlier mentions.
    Pronoun(Refers),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refers {
    /// "it", "the country": one collective entity.
    Singular,
    /// "they": a group or people.
    Plural,
    /// "he", "she": a person.
    Person,
    /// "both countries", "the parties", "the two leaders": the last pair.
    Pair,
    /// "the North", "the South" in a text about Korea (`true` for the North).
    Korea(bool),
}

#[derive(Debug, Clone)]
pub struct Mention {
    /// Token range within the sentence (end exclusive).
    pub tok_start: usize,
    pub tok_end: usize,
    pub entity: Entity,
    pub kind: Kind,
    /// Gazetteer index, when the phrase can also be read as a place.
    pub place: Option<usize>,
    /// Followed by a possessive "'s".
    pub possessive: bool,
    /// A capital standing for its government ("Pyongyang"), which before an event noun
    /// names where rather than who ("the Minsk agreements", "the Geneva talks").
    pub capital: bool,
    pub is_person: bool,
    /// Names a people or civilians ("Georgians", "protesters"): street protests, not
    /// diplomatic ones.
    pub collective: bool,
}

/// Words that may stand between a country word and its sector word ("North Korea's senior
/// military officials").
const FILLERS: &[&str] = &[
    "senior",
    "top",
    "high-ranking",
    "high",
    "ranking",
    "former",
    "local",
    "state",
    "state-run",
    "acting",
    "new",
    "chief",
    "deputy",
    "vice",
    "then",
    "current",
    "military",
    "regional",
    "national",
    "federal",
    "own",
    "occupying",
    "ruling",
    "junior",
    "interim",
    "provisional",
    "transitional",
    "caretaker",
    "outgoing",
    "incoming",
    "assistant",
];

/// Words that never stand for a noun between a country word and its sector word: a free
/// word there ("French paper workers") must be a noun modifier, not a verb or a function word.
const NOT_MODIFIERS: &[&str] = &[
    "and", "or", "but", "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "has", "had", "have", "was", "were", "is", "are", "be", "been", "said", "says", "that",
    "who", "which", "will", "would", "may", "might", "can", "could", "should", "must", "not",
    "also", "then", "than", "as", "into", "its", "their", "his", "her", "say", "did",
];

const PRONOUNS: &[(&str, Refers)] = &[
    ("it", Refers::Singular),
    ("its", Refers::Singular),
    ("they", Refers::Plural),
    ("their", Refers::Plural),
    ("he", Refers::Person),
    ("his", Refers::Person),
    ("she", Refers::Person),
    ("her", Refers::Person),
];

const DESCRIPTIONS: &[(&[&str], Refers)] = &[
    (&["the", "country"], Refers::Singular),
    (&["the", "nation"], Refers::Singular),
    (&["the", "regime"], Refers::Singular),
    (&["the", "two", "countries"], Refers::Pair),
    (&["both", "countries"], Refers::Pair),
    (&["the", "two", "nations"], Refers::Pair),
    (&["both", "nations"], Refers::Pair),
    (&["the", "parties"], Refers::Pair),
    (&["both", "parties"], Refers::Pair),
    (&["both", "sides"], Refers::Pair),
    (&["the", "two", "sides"], Refers::Pair),
    (&["the", "two", "leaders"], Refers::Pair),
    (&["both", "leaders"], Refers::Pair),
    (&["both", "actors"], Refers::Pair),
    (&["the", "two", "allies"], Refers::Pair),
];

pub struct Input<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub matches: &'a [Match],
    pub date: Option<NaiveDate>,
}

struct Item<'a> {
    tok_start: usize,
    tok_end: usize,
    meanings: &'a [Meaning],
    /// The match starts inside its first token ("anti-Syria").
    prefixed: bool,
    /// The match ends inside its last token ("Dubai-based").
    suffixed: bool,
    /// What follows the match inside its last token ("-based").
    suffix: &'a str,
}

fn token_range(tokens: &[Token], m: &Match) -> Option<(usize, usize)> {
    let start = tokens.partition_point(|t| t.end <= m.start);
    let end = tokens.partition_point(|t| t.start < m.end);
    (start < end).then_some((start, end))
}

fn first_place(meanings: &[Meaning]) -> Option<usize> {
    meanings.iter().find_map(|m| match m {
        Meaning::Place(idx) => Some(*idx),
        _ => None,
    })
}

fn country_entity(lexicon: &Lexicon, code: &str, text: &str, sector: &str) -> Entity {
    let name = lexicon.country(code).map_or_else(|| code.to_string(), |c| c.name.clone());
    Entity {
        entity_text: text.into(),
        code: code.into(),
        country: code.into(),
        sector: sector.into(),
        name: name.into(),
    }
}

/// The entity a single dictionary item names on its own, with its place reading.
fn base_entity(
    lexicon: &Lexicon,
    meanings: &[Meaning],
    text: &str,
    date: Option<NaiveDate>,
) -> Option<(Entity, Kind, bool)> {
    let best = best_meaning(lexicon, meanings, date)?;
    Some(match best {
        Meaning::Person(idx) => {
            let person = lexicon.person(*idx);
            let standing = person.standing(date);
            let entity = Entity {
                entity_text: text.into(),
                code: person.country.as_str().into(),
                country: person.country.as_str().into(),
                sector: standing.sector.into(),
                name: person.name.as_str().into(),
            };
            (entity, Kind::Actor, true)
        }
        Meaning::Organization(idx) => {
            let org = lexicon.organization(*idx);
            let entity = Entity {
                entity_text: text.into(),
                code: org.code.as_str().into(),
                country: org.country.as_str().into(),
                sector: org.sector.as_str().into(),
                name: org.name.as_str().into(),
            };
            (entity, Kind::Actor, false)
        }
        Meaning::Seat { code, sector } => {
            (country_entity(lexicon, code, text, sector), Kind::Actor, false)
        }
        Meaning::Country { code } | Meaning::People { code } => {
            (country_entity(lexicon, code, text, ""), Kind::Actor, false)
        }
        Meaning::Capital { code } => {
            (country_entity(lexicon, code, text, "GOV"), Kind::Actor, false)
        }
        Meaning::Adjective { code } => {
            (country_entity(lexicon, code, text, ""), Kind::Modifier, false)
        }
        Meaning::Sector { sector, .. } => {
            let entity = Entity {
                entity_text: text.into(),
                sector: sector.as_str().into(),
                ..Entity::default()
            };
            (entity, Kind::SectorOnly, false)
        }
        Meaning::Place(idx) => {
            let place = lexicon.place(*idx);
            let entity = Entity {
                entity_text: text.into(),
                country: place.country.as_str().into(),
                name: place.name.as_str().into(),
                ..Entity::default()
            };
            (entity, Kind::Place, false)
        }
    })
}

/// The reading of a phrase that names its entity, of its several `meanings`.
fn best_meaning<'m>(
    lexicon: &Lexicon,
    meanings: &'m [Meaning],
    date: Option<NaiveDate>,
) -> Option<&'m Meaning> {
    // Preference when a phrase has several readings: people and organisations are the most
    // specific; a country beats its capital; sector words and places come last.
    let rank = |m: &Meaning| match m {
        Meaning::Person(_) => 0,
        Meaning::Organization(_) => 1,
        Meaning::Seat { .. } => 2,
        Meaning::Country { .. } => 3,
        Meaning::Capital { .. } => 4,
        Meaning::People { .. } => 5,
        Meaning::Adjective { .. } => 6,
        Meaning::Sector { .. } => 7,
        Meaning::Place(_) => 8,
    };
    // Several people can share a name or alias (one person in two countries' offices):
    // the one in office on the date wins, then the one who held office before it.
    let person_rank = |m: &Meaning| match m {
        Meaning::Person(idx) => {
            let standing = lexicon.person(*idx).standing(date);
            if standing.in_office {
                0
            } else if standing.sector == "ELI" {
                1
            } else {
                2
            }
        }
        _ => 0,
    };
    meanings.iter().min_by_key(|m| (rank(m), person_rank(m)))
}

fn sector_of(meanings: &[Meaning]) -> Option<(&str, bool)> {
    meanings.iter().find_map(|m| match m {
        Meaning::Sector { sector, title } => Some((sector.as_str(), *title)),
        _ => None,
    })
}

fn has_stronger_than_sector(meanings: &[Meaning]) -> bool {
    meanings.iter().any(|m| !matches!(m, Meaning::Sector { .. } | Meaning::Place(_)))
}

fn person_of(meanings: &[Meaning]) -> Option<usize> {
    meanings.iter().find_map(|m| match m {
        Meaning::Person(idx) => Some(*idx),
        _ => None,
    })
}

fn country_code_of(meanings: &[Meaning]) -> Option<&str> {
    meanings.iter().find_map(|m| match m {
        Meaning::Adjective { code } | Meaning::Country { code } | Meaning::Capital { code } => {
            Some(code.as_str())
        }
        _ => None,
    })
}

/// A lower-case word that can only be a noun modifier between a country word and a sector
/// word: not a function word, and not shaped like a verb or a plural ("strikes", "killed").
fn is_noun_modifier(text: &str, tok: &Token) -> bool {
    let w = &text[tok.start..tok.end];
    tok.word
        && w.len() >= 3
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !w.ends_with('s')
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !NOT_MODIFIERS.contains(&w)
}

fn is_capitalized(text: &str, tok: &Token) -> bool {
    tok.word && text[tok.start..].starts_with(|c: char| c.is_uppercase())
}

/// Hyphenated endings that make a country the maker of something, not a party to the event.
const PROVENANCE: &[&str] =
    &["-made", "-built", "-designed", "-manufactured", "-produced", "-origin", "-developed"];

/// The lexicon matches of one sentence with their token ranges, meanings and affixes.
fn items_of<'a>(lexicon: &'a Lexicon, input: &Input<'a>) -> Vec<Item<'a>> {
    let Input { text, tokens, matches, .. } = *input;
    matches
        .iter()
        .filter_map(|m| {
            let (tok_start, tok_end) = token_range(tokens, m)?;
            let prefixed = tokens[tok_start].start < m.start;
            let suffixed = tokens[tok_end - 1].end > m.end;
            let suffix = text.get(m.end..tokens[tok_end - 1].end.max(m.end)).unwrap_or("");
            let meanings = lexicon.meanings(m);
            Some(Item { tok_start, tok_end, meanings, prefixed, suffixed, suffix })
        })
        .collect()
}

/// Whether a match inside a hyphenated word names no party: "an anti-Syria journalist" is no
/// Syrian (the country is what the attitude is against, so the word modifies nothing); "US-made
/// missiles", "Iranian-designed drones": where a weapon or good was made says nothing of who
/// used or received it.
fn names_no_party(item: &Item<'_>, span: &str) -> bool {
    item.prefixed && span.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("anti-"))
        || item.suffixed && PROVENANCE.iter().any(|p| item.suffix.eq_ignore_ascii_case(p))
}

/// Finds the mentions of one sentence.
pub fn find(lexicon: &Lexicon, input: &Input<'_>) -> Vec<Mention> {
    let Input { text, tokens, date, .. } = *input;
    let items = items_of(lexicon, input);
    let span_text = |a: usize, b: usize| &text[tokens[a].start..tokens[b - 1].end];
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        let Some((mut entity, mut kind, mut is_person)) =
            base_entity(lexicon, item.meanings, span_text(item.tok_start, item.tok_end), date)
        else {
            i += 1;
            continue;
        };
        let start = item.tok_start;
        let mut end = item.tok_end;
        let mut consumed = 1;
        if names_no_party(item, span_text(start, end)) {
            i += 1;
            continue;
        }
        let country_like = matches!(kind, Kind::Modifier)
            || (matches!(kind, Kind::Actor)
                && !is_person
                && country_code_of(item.meanings).is_some()
                && entity.sector.is_empty());
        // "Darfur rebels", "Donetsk separatists": a place in a country before a sector word
        // gives that sector the place's country.
        let place_like =
            kind == Kind::Place && entity.country.len() == 3 && !item.prefixed && !item.suffixed;
        let title_like = sector_of(item.meanings).is_some_and(|(_, title)| title)
            && !has_stronger_than_sector(item.meanings);

        // Country word + ['s] + fillers + sector word [+ person or capitalised name].
        if country_like || title_like || place_like {
            let mut h = Head { entity, kind, is_person, end, consumed };
            let like = (country_like, title_like, place_like);
            extend_head(lexicon, input, &items, i, start, like, &mut h);
            Head { entity, kind, is_person, end, consumed } = h;
        }
        let place = first_place(item.meanings);
        let possessive = end < tokens.len() && is_any(text, &tokens[end], &["'s", "’s"]);
        let capital = end == item.tok_end
            && entity.sector == "GOV"
            && item.meanings.iter().any(|m| matches!(m, Meaning::Capital { .. }));
        out.push(Mention {
            capital,
            collective: item.meanings.iter().any(|m| matches!(m, Meaning::People { .. }))
                || entity.sector == "CVL",
            tok_start: start,
            tok_end: end,
            entity,
            kind,
            place,
            possessive,
            is_person,
        });
        i += consumed;
    }
    share_coordinated_heads(text, tokens, &mut out);
    add_pronouns(text, tokens, &mut out);
    add_appositive_names(text, tokens, &mut out);
    out.sort_by_key(|m| m.tok_start);
    out
}

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
        if !is_capitalized(text, tok) || out.iter().any(|m| m.tok_start <= k && k < m.tok_end) {
            continue;
        }
        let word = &text[tok.start..tok.end];
        let Some((_, entity)) = known.iter().rev().find(|(w, _)| w == word) else { continue };
        // "Kim Yo Jong" is not "Kim": a name word followed by more of a name is another name.
        if tokens.get(k + 1).is_some_and(|n| is_capitalized(text, n)) {
            continue;
        }
        let possessive = tokens.get(k + 1).is_some_and(|n| is_any(text, n, &["'s", "’s"]));
        out.push(Mention {
            tok_start: k,
            tok_end: k + 1,
            entity: Entity { entity_text: word.into(), ..entity.clone() },
            kind: Kind::Actor,
            place: None,
            possessive,
            capital: false,
            is_person: true,
            collective: false,
        });
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
const NAME_PARTICLES: &[&str] = &[
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

/// A mention's head while it grows: its entity, kind, whether it is a person, its end and
/// how many dictionary items it has consumed.
struct Head {
    entity: Entity,
    kind: Kind,
    is_person: bool,
    end: usize,
    consumed: usize,
}

/// Country word + ['s] + fillers + sector word [+ person or capitalised name]: grows the
/// head of item `i`, starting at token `start`, over the sector words and names after it.
/// `like` says whether the item is country-like, title-like and place-like.
fn extend_head(
    lexicon: &Lexicon,
    input: &Input<'_>,
    items: &[Item<'_>],
    i: usize,
    start: usize,
    (country_like, title_like, place_like): (bool, bool, bool),
    h: &mut Head,
) {
    let Input { text, tokens, date, .. } = *input;
    let span_text = |a: usize, b: usize| &text[tokens[a].start..tokens[b - 1].end];
    let item = &items[i];
    let mut cursor = h.end;
    if country_like && cursor < tokens.len() && is_any(text, &tokens[cursor], &["'s", "’s"]) {
        cursor += 1;
    }
    let mut j = i + 1;
    let mut sector: Option<&str> =
        if title_like { sector_of(item.meanings).map(|s| s.0) } else { None };
    loop {
        while cursor < tokens.len()
            && is_any(text, &tokens[cursor], FILLERS)
            && items.get(j).is_none_or(|it| it.tok_start != cursor)
        {
            cursor += 1;
        }
        let Some(next) = items.get(j) else { break };
        // One noun modifier between a country adjective and the sector word: "French
        // paper workers" (after a country's name the word may be its verb: "North Korea
        // sent artillery").
        if sector.is_none()
            && h.kind == Kind::Modifier
            && next.tok_start == cursor + 1
            && is_noun_modifier(text, &tokens[cursor])
            && sector_of(next.meanings).is_some()
        {
            cursor += 1;
        }
        if next.tok_start != cursor {
            break;
        }
        let as_person = person_of(next.meanings).and_then(|_| {
            base_entity(lexicon, next.meanings, span_text(start, next.tok_end), date)
        });
        if let Some((e, _, _)) = as_person {
            h.entity = e;
            h.kind = Kind::Actor;
            h.is_person = true;
            h.end = next.tok_end;
            h.consumed = j - i + 1;
            sector = None;
            break;
        }
        match sector_of(next.meanings) {
            Some((s, _)) if !has_stronger_than_sector(next.meanings) => {
                if sector.is_none() || !country_like {
                    sector = sector.or(Some(s));
                }
                h.end = next.tok_end;
                cursor = h.end;
                h.consumed = j - i + 1;
                j += 1;
            }
            _ => break,
        }
    }
    if let Some(s) = sector {
        apply_sector(lexicon, input, items, (i, start), s, (country_like, place_like), h);
    }
}

/// Gives the grown head the sector `s` found after it (a place's country with a sector
/// is an actor), and a capitalised name the lexicon does not know after a title.
fn apply_sector(
    lexicon: &Lexicon,
    input: &Input<'_>,
    items: &[Item<'_>],
    (i, start): (usize, usize),
    s: &str,
    (country_like, place_like): (bool, bool),
    h: &mut Head,
) {
    let Input { text, tokens, .. } = *input;
    let span_text = |a: usize, b: usize| &text[tokens[a].start..tokens[b - 1].end];
    if place_like {
        let code = h.entity.country.clone();
        h.entity = country_entity(lexicon, &code, "", s);
        h.kind = Kind::Actor;
    } else if country_like {
        h.entity.sector = s.into();
        h.kind = Kind::Actor;
    } else if !h.is_person {
        h.entity.sector = s.into();
    }
    // A title followed by a capitalised name the lexicon does not know.
    let mut k = h.end;
    while k < tokens.len()
        && is_capitalized(text, &tokens[k])
        && k - h.end < 4
        && !items.iter().any(|it| it.tok_start == k)
    {
        k += 1;
    }
    if k > h.end && sector_of(items[i + h.consumed - 1].meanings).is_some_and(|(_, t)| t) {
        h.entity.name = span_text(h.end, k).into();
        h.end = k;
        h.is_person = true;
    }
    h.entity.entity_text = span_text(start, h.end).into();
}

/// "the Turkish and Greek sides", "Russian and Chinese officials": a country adjective
/// coordinated with an adjective-plus-sector phrase shares its head noun.
fn share_coordinated_heads(text: &str, tokens: &[Token], out: &mut [Mention]) {
    for i in (0..out.len()).rev() {
        if out[i].kind != Kind::Modifier {
            continue;
        }
        let Some(next) = out.get(i + 1) else { continue };
        let joined = (out[i].tok_end..next.tok_start)
            .all(|k| is_any(text, &tokens[k], &["and", "or", ","]))
            && next.tok_start > out[i].tok_end;
        if joined
            && next.kind == Kind::Actor
            && !next.entity.sector.is_empty()
            && !next.is_person
            && next.entity.code == next.entity.country
        {
            let sector = next.entity.sector.clone();
            out[i].kind = Kind::Actor;
            out[i].entity.sector = sector;
        }
    }
}

/// Whether token `k` lies inside one of the mentions found so far.
fn covered(k: usize, out: &[Mention]) -> bool {
    out.iter().any(|m| m.tok_start <= k && k < m.tok_end)
}

fn add_pronouns(text: &str, tokens: &[Token], out: &mut Vec<Mention>) {
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

/// Whether token `k` is "North" or "South" standing alone after "the" ("the North said",
/// "the South's military"): not part of a name ("the North Atlantic", "the South China Sea").
fn korea_half(text: &str, tokens: &[Token], k: usize) -> Option<bool> {
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

fn description_at(
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

fn add_appositive_names(text: &str, tokens: &[Token], out: &mut Vec<Mention>) {
    let mut additions = Vec::new();
    for m in out.iter().filter(|m| {
        m.kind == Kind::Actor && !m.entity.sector.is_empty() && !m.entity.country.is_empty()
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
        if name_end - name_start < 2
            || out.iter().any(|o| o.tok_start < name_end && name_start < o.tok_end)
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
