//! Actor mentions: dictionary phrases composed into noun phrases that name an entity
//! ("North Korean leader Kim Jong Un", "Russia's military", "Ukrainian officials"), places,
//! and pronouns or definite descriptions that refer back to one ("it", "both countries").
//! `heads` extends a head word into its noun phrase; `added` adds what the lexicon does not
//! match (names used before, pronouns, descriptions, "the North").

mod added;
mod heads;

use chrono::NaiveDate;
use dyad_lexicon::{Lexicon, Match, Meaning};
use dyad_model::{CompactString, Entity};

use crate::tokens::{is, is_any, Token};
use added::*;
use heads::*;

pub(crate) use added::covered;
pub use added::{add_known_names, add_korea_halves, add_korean_leader, name_words};

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
        // "The Netherlands pledged …": the gazetteer's row for a whole country the lexicon
        // knows (its name with the article is longer than the country's own name) is that
        // country.
        Meaning::Place(idx)
            if lexicon.place(*idx).kind == "country"
                && lexicon.country(&lexicon.place(*idx).country).is_some() =>
        {
            let code = &lexicon.place(*idx).country;
            (country_entity(lexicon, code, text, ""), Kind::Actor, false)
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

/// Peoples and faiths named between a country word and a sector word ("Bosnian Serb leader",
/// "Iraqi Kurdish forces", "Lebanese Shiite militia"): the country word names the state.
const PEOPLES: &[&str] = &[
    "Serb",
    "Croat",
    "Bosniak",
    "Kurdish",
    "Kurd",
    "Pashtun",
    "Tamil",
    "Hutu",
    "Tutsi",
    "Rohingya",
    "Uyghur",
    "Uighur",
    "Druze",
    "Shiite",
    "Shia",
    "Sunni",
    "Alawite",
    "Christian",
    "Muslim",
    "Catholic",
    "Arab",
    "Jewish",
    "Hindu",
    "Sikh",
    "Baloch",
    "Tigrayan",
    "Amhara",
    "Oromo",
    "Fulani",
    "Hausa",
    "Yoruba",
    "Igbo",
    "Tuareg",
    "Berber",
    "Maronite",
    "Coptic",
];

/// A word that can only be a noun modifier between a country word and a sector word: a
/// lower-case word that is not a function word and not shaped like a verb or a plural
/// ("strikes", "killed"), or the name of a people or faith.
fn is_noun_modifier(text: &str, tok: &Token) -> bool {
    let w = &text[tok.start..tok.end];
    if tok.word && PEOPLES.contains(&w) {
        return true;
    }
    tok.word
        && w.len() >= 3
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !w.ends_with('s')
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !NOT_MODIFIERS.contains(&w)
}

/// Whether the sentence is a headline in title case: over two thirds of its words
/// capitalised ("Putin Says Russia Will Respond").
pub(crate) fn is_title_case(text: &str, tokens: &[Token]) -> bool {
    let words = tokens.iter().filter(|t| t.word).count();
    let capitals = tokens.iter().filter(|t| is_capitalized(text, t)).count();
    capitals * 3 > words * 2
}

pub(crate) fn is_capitalized(text: &str, tok: &Token) -> bool {
    tok.word && text[tok.start..].starts_with(|c: char| c.is_uppercase())
}

/// Hyphenated endings that make a country the maker, supplier or broker of something, not a
/// party to the event ("US-supplied missiles", "a Qatar-mediated truce").
const PROVENANCE: &[&str] = &[
    "-made",
    "-built",
    "-designed",
    "-manufactured",
    "-produced",
    "-origin",
    "-developed",
    "-supplied",
    "-provided",
    "-donated",
    "-delivered",
    "-brokered",
    "-mediated",
    "-hosted",
];

/// Hyphenated endings that make a country the sponsor of an armed group or a government
/// ("Iranian-backed militias"), which is not that country; an "Iran-backed agreement" keeps
/// its backer as a party.
const SPONSORSHIP: &[&str] = &["-backed", "-sponsored", "-supported", "-armed", "-trained"];

/// The groups a sponsor stands behind.
const SPONSORED: &[&str] = &[
    "militia",
    "militias",
    "group",
    "groups",
    "rebels",
    "separatists",
    "forces",
    "fighters",
    "proxies",
    "proxy",
    "government",
    "administration",
    "insurgents",
    "faction",
    "factions",
    "paramilitaries",
    "gunmen",
];

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
/// used or received it; "Iranian-backed militias" (the word `next`) are not Iran.
fn names_no_party(item: &Item<'_>, span: &str, next: Option<&str>) -> bool {
    let sponsor = SPONSORSHIP.iter().any(|p| item.suffix.eq_ignore_ascii_case(p))
        && next.is_some_and(|w| SPONSORED.iter().any(|g| w.eq_ignore_ascii_case(g)));
    item.prefixed && span.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("anti-"))
        || item.suffixed && PROVENANCE.iter().any(|p| item.suffix.eq_ignore_ascii_case(p))
        || item.suffixed && sponsor
}

/// Whether "America" or "American" names a region of the Americas, not the United States:
/// "Latin America", "South American leaders", "the Pan-American Highway", "the Inter-American
/// Commission".
fn americas(input: &Input<'_>, item: &Item<'_>) -> bool {
    const REGIONS: &[&str] =
        &["latin", "south", "north", "central", "pan", "inter", "ibero", "meso"];
    let Input { text, tokens, .. } = *input;
    let token = &text[tokens[item.tok_start].start..tokens[item.tok_end - 1].end];
    // ("Latin America's largest economy".)
    let token = ["'s", "’s"].iter().find_map(|p| token.strip_suffix(p)).unwrap_or(token);
    let Some(at) = ["America", "American", "Americans"].iter().find_map(|name| {
        token.strip_suffix(name).filter(|rest| rest.is_empty() || rest.ends_with('-'))
    }) else {
        return false;
    };
    let qualifier = if at.is_empty() {
        // The word before: "Latin America".
        let Some(prev) = item.tok_start.checked_sub(1).map(|k| &tokens[k]) else { return false };
        text[prev.start..prev.end].to_ascii_lowercase()
    } else {
        at.trim_end_matches('-').to_ascii_lowercase()
    };
    REGIONS.contains(&qualifier.as_str())
}

/// Nouns after a place's name that make the name part of a road ("the Abuja highway").
const ROUTES: &[&str] =
    &["highway", "road", "expressway", "motorway", "railway", "railroad", "route", "corridor"];

/// The population from which the gazetteer keeps every city (`CITY_MIN_POP` of
/// dyad-lexicon's `tools/make_places.py`); smaller places in it are towns.
const CITY_POPULATION: u64 = 100_000;

/// Whether a town's name (a city row of under 100,000 people) stands inside a longer name: next
/// to another capitalised word ("Wang Lijun", "the Dalai Lama", "Nikki Haley") or joined to a
/// word by a hyphen ("anti-Balaka", "Al-Ahram"). Small towns share their names with people
/// and things far more often than cities do.
fn town_in_a_name(lexicon: &Lexicon, input: &Input<'_>, item: &Item<'_>, next_known: bool) -> bool {
    let Some(idx) = first_place(item.meanings) else { return false };
    let place = lexicon.place(idx);
    if place.kind != "city" {
        return false;
    }
    let Input { text, tokens, .. } = *input;
    if place.population >= CITY_POPULATION {
        return city_as_given_name(input, item, next_known);
    }
    let before = item.tok_start > 1 && is_capitalized(text, &tokens[item.tok_start - 1]);
    let after = tokens.get(item.tok_end).is_some_and(|t| is_capitalized(text, t));
    item.prefixed || item.suffixed || before || after
}

/// Whether a city's name that is only a place is a given name: "George Soros", "Victoria
/// Nuland" (a capitalised word the lexicon does not know after it, no preposition of place
/// before it, and no word of a place's own name: "Lagos State", "Gaza City").
fn city_as_given_name(input: &Input<'_>, item: &Item<'_>, next_known: bool) -> bool {
    const PLACE_WORDS: &[&str] = &[
        "City",
        "State",
        "Province",
        "Region",
        "District",
        "County",
        "Island",
        "Islands",
        "Bay",
        "Valley",
        "Airport",
        "Port",
        "Street",
        "Square",
        "Strip",
        "Bank",
        "River",
        "Lake",
        "Mountains",
        "Hills",
        "Oblast",
        "Governorate",
        "Municipality",
        "Metro",
        "Area",
    ];
    let Input { text, tokens, .. } = *input;
    let only_place = item.meanings.iter().all(|m| matches!(m, Meaning::Place(_)));
    let next = tokens.get(item.tok_end);
    let after_name = next
        .is_some_and(|t| is_capitalized(text, t) && !is_any(text, t, PLACE_WORDS) && !next_known);
    only_place && after_name && !placed(input, item) && !item.prefixed && !item.suffixed
}

/// Whether a preposition of place comes right before the match: "in Lagos", "to Jordan".
fn placed(input: &Input<'_>, item: &Item<'_>) -> bool {
    const PLACE_PREPOSITIONS: &[&str] =
        &["in", "at", "from", "to", "near", "of", "into", "across", "outside", "inside"];
    let Input { text, tokens, .. } = *input;
    item.tok_start > 0 && is_any(text, &tokens[item.tok_start - 1], PLACE_PREPOSITIONS)
}

/// Whether a country's name that is also a given name starts a person's name the lexicon
/// does not know: "Jordan Bardella", "Chad Daybell" (a capitalised word after it that the
/// lexicon does not know and that is no word of a place's name, "Jordan Valley", and no
/// preposition of place before it).
fn country_as_given_name(input: &Input<'_>, item: &Item<'_>, next_known: bool) -> bool {
    const GIVEN_NAMES: &[&str] = &["Jordan", "Chad", "Georgia"];
    // Words of a place's name, and words that follow a country's name in wire style
    // ("Chad Interim President …", "Jordan Monday condemned …").
    const NOT_NAMES: &[&str] = &[
        "Valley",
        "River",
        "State",
        "Strait",
        "Basin",
        "Lake",
        "Interim",
        "Transitional",
        "Acting",
    ];
    let Input { text, tokens, .. } = *input;
    let span = &text[tokens[item.tok_start].start..tokens[item.tok_end - 1].end];
    if !GIVEN_NAMES.contains(&span) || next_known {
        return false;
    }
    let country = item.meanings.iter().any(|m| matches!(m, Meaning::Country { .. }));
    let before_name = tokens.get(item.tok_end).is_some_and(|t| {
        is_capitalized(text, t)
            && !is_any(text, t, NOT_NAMES)
            && !crate::dates::is_weekday(&text[t.start..t.end])
    });
    // A headline in title case ("Jordan Condemns Israeli Raids") capitalises its verbs.
    country && before_name && !placed(input, item) && !is_title_case(text, tokens)
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
        let next = tokens.get(end).map(|t| &text[t.start..t.end]);
        let next_known = items.get(i + 1).is_some_and(|n| n.tok_start == item.tok_end);
        if names_no_party(item, span_text(start, end), next)
            || americas(input, item)
            || town_in_a_name(lexicon, input, item, next_known)
            || country_as_given_name(input, item, next_known)
        {
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
        let mut capital = end == item.tok_end
            && entity.sector == "GOV"
            && item.meanings.iter().any(|m| matches!(m, Meaning::Capital { .. }));
        // "the Kaduna-Abuja highway", "the Kabul-Jalalabad road": a capital in the name of
        // a road is a place on it, not its government.
        if capital && next.is_some_and(|w| ROUTES.iter().any(|r| w.eq_ignore_ascii_case(r))) {
            capital = false;
            kind = Kind::Place;
            entity.sector = "".into();
            entity.code = "".into();
            entity.name = span_text(start, end).into();
        }
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

/// A mention's head while it grows: its entity, kind, whether it is a person, its end and
/// how many dictionary items it has consumed.
struct Head {
    entity: Entity,
    kind: Kind,
    is_person: bool,
    end: usize,
    consumed: usize,
}
