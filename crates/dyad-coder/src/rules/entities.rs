//! The entities of an event's parties: a mention's entity in its sentence and discourse, the
//! unidentified actor and when one is allowed, generic crowds, and where an event happened.

use super::*;

pub(super) fn entity_of(
    m: &Mention,
    discourse: &Discourse,
    s: &Sentence<'_>,
    before_tok: usize,
) -> Vec<Entity> {
    entity_in(m, discourse, s, before_tok, true)
}

/// As `entity_of`; without `text_country` a bare sector noun that no place or possessor
/// locates keeps an empty country (its caller may know better than the text's main country).
pub(super) fn entity_in(
    m: &Mention,
    discourse: &Discourse,
    s: &Sentence<'_>,
    before_tok: usize,
    text_country: bool,
) -> Vec<Entity> {
    match m.kind {
        Kind::SectorOnly => vec![sector_entity(m, discourse, s, before_tok, text_country)],
        Kind::Pronoun(refers) => pronoun_entities(m, refers, discourse, s, before_tok),
        _ => vec![m.entity.clone()],
    }
}

/// "Police arrested …", "Demonstrators in Tbilisi …": a sector with no country takes the
/// country of the place the sentence names, else the country the text is about (with
/// `text_country`); with neither it is a generic actor of that sector.
fn sector_entity(
    m: &Mention,
    discourse: &Discourse,
    s: &Sentence<'_>,
    before_tok: usize,
    text_country: bool,
) -> Entity {
    // The place must not lie after the verb when that place is a destination; the
    // caller passes `before_tok` as the trigger for motion events.
    let lexicon_place = s.mentions.iter().find(|o| {
        // "in Mali", "in central Mali", "across north-eastern Nigeria".
        let before = place_phrase_start(s, o);
        o.tok_start < before_tok
            && before > 0
            && s.is_any(before - 1, &["in", "at", "of", "across", "throughout", "near", "outside"])
            && (o.kind == Kind::Place
                || o.kind == Kind::Actor
                    && !o.is_person
                    && (o.entity.sector.is_empty() || o.place.is_some()))
            && o.entity.country.len() == 3
    });
    // "The Afghan army chief said his forces had …": a possessive pronoun's forces are
    // those of the nearest party before it.
    let possessor = (m.tok_start > 0 && s.is_any(m.tok_start - 1, POSSESSIVE_PRONOUNS))
        .then(|| {
            s.mentions.iter().rfind(|o| {
                o.tok_end < m.tok_start
                    && o.tok_end + 15 >= m.tok_start
                    && o.kind == Kind::Actor
                    && o.entity.country.len() == 3
                    && !dyad_model::GROUP_COUNTRIES.contains(&o.entity.country.as_str())
                    && preposition_before(s.text, s.tokens, o.tok_start, 0).is_none()
            })
        })
        .flatten();
    // "Western governments", "foreign diplomats": not the text's own country's.
    let outsiders = m.tok_start > 0
        && s.is_any(
            m.tok_start - 1,
            &[
                "western",
                "foreign",
                "international",
                "neighbouring",
                "neighboring",
                "allied",
                "global",
                "world",
            ],
        );
    let country = possessor
        .or(lexicon_place)
        .map(|o| o.entity.country.clone())
        .or_else(|| discourse.main_country().filter(|_| text_country && !outsiders))
        .filter(|c| c.len() == 3 && !dyad_model::GROUP_COUNTRIES.contains(&c.as_str()));
    let mut e = m.entity.clone();
    match country {
        Some(c) => {
            e.code = c.clone();
            e.name = c.clone();
            e.country = c;
        }
        None => {
            e.code.clear();
            e.country.clear();
            e.name.clear();
        }
    }
    e
}

/// The entities a pronoun stands for: within the sentence first (the nearest earlier
/// subject-like mention), "the North"/"the South", the pair of "both sides", else the
/// discourse.
fn pronoun_entities(
    m: &Mention,
    refers: Refers,
    discourse: &Discourse,
    s: &Sentence<'_>,
    before_tok: usize,
) -> Vec<Entity> {
    let text = &s.text[s.tokens[m.tok_start].start..s.tokens[m.tok_end - 1].end];
    if let Refers::Korea(north) = refers {
        return korea_half_entity(north, text);
    }
    let local = s
        .mentions
        .iter()
        .filter(|o| {
            o.tok_end <= before_tok.min(m.tok_start)
                && o.kind == Kind::Actor
                && !o.entity.country.is_empty()
        })
        .filter(|o| preposition_before(s.text, s.tokens, o.tok_start, 0).is_none())
        .rfind(|o| match refers {
            Refers::Person => o.is_person,
            Refers::Singular => !o.is_person,
            _ => true,
        });
    // "Pakistani police said they had killed …": "they" right after what a group named by its
    // sector says is that group.
    let k = m.tok_start;
    let verb = if k >= 2 && s.is(k - 1, "that") { k - 2 } else { k.saturating_sub(1) };
    // The group may carry a place: "Police in Peshawar said they …".
    let ends_at_verb = |o: &Mention| {
        o.tok_end == verb
            || s.is_any(o.tok_end, &["in", "from", "of"])
                && s.mentions.iter().any(|p| p.tok_start == o.tok_end + 1 && p.tok_end == verb)
    };
    let speaker = (refers == Refers::Plural && s.is_speech_verb(verb))
        .then(|| {
            s.mentions.iter().find(|o| {
                matches!(o.kind, Kind::Actor | Kind::SectorOnly)
                    && !o.is_person
                    && !o.entity.sector.is_empty()
                    && ends_at_verb(o)
            })
        })
        .flatten();
    if let Some(o) = speaker {
        let mut e = match o.kind {
            Kind::SectorOnly => sector_entity(o, discourse, s, before_tok, true),
            _ => o.entity.clone(),
        };
        e.entity_text = text.into();
        return vec![e];
    }
    if let (Some(o), Refers::Singular | Refers::Person) = (local, refers) {
        let mut e = o.entity.clone();
        e.entity_text = text.into();
        return vec![e];
    }
    if refers == Refers::Pair {
        if let Some(pair) = pair_in_sentence(s, m.tok_start.min(before_tok), text) {
            return pair;
        }
    }
    discourse.resolve(refers, text)
}

/// "Kim hosted Putin in Pyongyang, where the two leaders signed …", "delegations from Armenia
/// and Azerbaijan met, and both sides agreed …": the last two parties of different countries
/// named earlier in the sentence (not places where something happens, not sources).
pub(super) fn pair_in_sentence(s: &Sentence<'_>, before: usize, text: &str) -> Option<Vec<Entity>> {
    let mut pair: Vec<Entity> = Vec::new();
    for o in s.mentions.iter().filter(|o| o.tok_end <= before).rev() {
        let located = preposition_before(s.text, s.tokens, o.tok_start, 0)
            .is_some_and(|p| LOCATIVE.iter().any(|l| p.eq_ignore_ascii_case(l)));
        if o.kind != Kind::Actor
            || o.entity.country.len() != 3
            || located
            || s.is_sourced(o.tok_start)
            || pair.iter().any(|e| e.country == o.entity.country)
        {
            continue;
        }
        let mut e = o.entity.clone();
        e.entity_text = text.into();
        pair.push(e);
        if pair.len() == 2 {
            pair.reverse();
            return Some(pair);
        }
    }
    None
}

/// Whether a phrase names people protesting ("rioters", "a mob", "protesters"): their
/// violence is a riot (PLOVER PROTEST riot), not an armed attack.
pub(super) fn is_protesting_crowd(text: &str) -> bool {
    const PROTESTING: &[&str] = &[
        "protesters",
        "protestors",
        "protester",
        "demonstrators",
        "rioters",
        "mob",
        "mobs",
        "marchers",
    ];
    has_word_of(text, PROTESTING)
}

/// Whether any word of `text` is one of `words` (ASCII case ignored).
pub(super) fn has_word_of(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| words.iter().any(|c| w.eq_ignore_ascii_case(c)))
}

/// Whether an unnamed actor's words name a crowd ("hundreds of thousands of people",
/// "opponents of the senate"): street action needs one.
pub(super) fn is_crowd_phrase(text: &str) -> bool {
    const CROWD: &[&str] = &[
        "people",
        "protesters",
        "protestors",
        "demonstrators",
        "crowd",
        "crowds",
        "thousands",
        "hundreds",
        "opponents",
        "supporters",
        "residents",
        "villagers",
        "students",
        "workers",
        "activists",
        "marchers",
        "citizens",
        "women",
        "farmers",
        "teachers",
        "employees",
    ];
    has_word_of(text, CROWD)
}

/// "the North" or "the South": that half of Korea (`mentions::add_korea_halves` adds them
/// only in a text that names a Korea).
pub(super) fn korea_half_entity(north: bool, text: &str) -> Vec<Entity> {
    let (code, name) = if north { ("PRK", "North Korea") } else { ("KOR", "South Korea") };
    vec![Entity {
        entity_text: text.into(),
        code: code.into(),
        country: code.into(),
        name: name.into(),
        ..Entity::default()
    }]
}

/// Whether two events' sides name the same parties: the same codes and, with `sectors`, a
/// pairing of each code's entities in which no two known sectors differ ("the army" and
/// "rebels" of one country are two sides; an unidentified party may be either).
pub(super) fn same_side(a: &[Entity], b: &[Entity], sectors: bool) -> bool {
    fn codes(side: &[Entity]) -> Vec<&str> {
        let mut c: Vec<&str> = side.iter().map(|e| e.code.as_str()).collect();
        c.sort_unstable();
        c
    }
    fn sectors_of<'e>(side: &'e [Entity], code: &str) -> Vec<&'e str> {
        side.iter().filter(|e| e.code == code).map(|e| e.sector.as_str()).collect()
    }
    if codes(a) != codes(b) {
        return false;
    }
    if !sectors {
        return true;
    }
    let open = |s: &str| matches!(s, "" | "UNK" | "UAF");
    // Per code, after pairing equal sectors, each known sector left on one side needs an
    // open one on the other.
    a.iter().all(|x| {
        let (mut sa, mut sb) = (sectors_of(a, &x.code), sectors_of(b, &x.code));
        sa.retain(|s| match sb.iter().position(|t| t == s) {
            Some(i) => {
                sb.remove(i);
                false
            }
            None => true,
        });
        let known = |v: &[&str]| v.iter().filter(|s| !open(s)).count();
        let opened = |v: &[&str]| v.iter().filter(|s| open(s)).count();
        known(&sa) <= opened(&sb) && known(&sb) <= opened(&sa)
    })
}

/// Where the phrase of the place `m` starts, for the preposition before it: "in Mali", "in
/// northern Mali", "of a Karachi suburb", "in the Donetsk region" (a region word keeps the
/// place the country's; an article goes with a place that modifies the noun after it, not with
/// a party's "-led" or "-backed", "the Russia-Ukraine war" or "the Cameroon border").
pub(super) fn place_phrase_start(s: &Sentence<'_>, m: &Mention) -> usize {
    let mut p = m.tok_start;
    let (start, end) = (s.tokens[m.tok_start].start, s.tokens[m.tok_end - 1].end);
    let hyphenated = s.text[..start].ends_with('-')
        || s.text[end..].starts_with('-')
        || s.text[start..end].contains('-');
    let modifies_noun = !hyphenated
        && s.tokens.get(m.tok_end).is_some_and(|t| {
            let word = &s.text[t.start..t.end];
            word.starts_with(|c: char| c.is_lowercase())
                && !matches!(word, "border" | "borders" | "frontier" | "boundary")
        });
    while p > m.tok_start.saturating_sub(2) && p > 1 {
        let article = s.is_any(p - 1, &["a", "an", "the"]) && modifies_noun;
        if !(article || s.is_any(p - 1, REGION_WORDS)) {
            break;
        }
        p -= 1;
    }
    p
}

pub(super) fn location(coder: &Coder, s: &Sentence<'_>, clause: Clause) -> Option<Location> {
    let lexicon = coder.lexicon();
    let pick = |range: (usize, usize)| {
        s.mentions.iter().find(|m| {
            let p = place_phrase_start(s, m);
            m.tok_start >= range.0
                && m.tok_start < range.1
                && p > 0
                && (s.is_any(
                    p - 1,
                    &["in", "at", "near", "inside", "outside", "across", "throughout"],
                ) || p > 1 && s.is(p - 1, "of") && s.is_any(p - 2, PLACE_NOUNS))
                && (m.place.is_some()
                    || (m.kind == Kind::Actor && m.entity.sector.is_empty()
                        || m.entity.sector == "GOV")
                        && !m.is_person
                        && m.entity.country.len() == 3)
        })
    };
    let m = pick((clause.start, clause.end))?;
    let extracted = s.text[s.tokens[m.tok_start].start..s.tokens[m.tok_end - 1].end].to_string();
    let place = m
        .place
        .map(|i| lexicon.place(i))
        .or_else(|| lexicon.place_named(&m.entity.name, &m.entity.country));
    Some(match place {
        Some(p) => Location {
            extracted_place: extracted,
            resolved_place: p.name.clone(),
            country_code: p.country.clone(),
            lat: p.lat,
            lon: p.lon,
            feature: p.kind.clone(),
        },
        None => Location {
            extracted_place: extracted,
            resolved_place: m.entity.name.to_string(),
            country_code: m.entity.country.to_string(),
            lat: None,
            lon: None,
            feature: "country".into(),
        },
    })
}
