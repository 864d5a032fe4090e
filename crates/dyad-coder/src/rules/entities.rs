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
    let country = possessor
        .or(lexicon_place)
        .map(|o| o.entity.country.clone())
        .or_else(|| discourse.main_country().filter(|_| text_country))
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
    let speaker = (refers == Refers::Plural && s.is_any(verb, SPEECH))
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

/// Whether an event with no named actor is still coded, with an unidentified one: force in
/// the passive without an agent ("grenades were hurled at a patrol"), after a subject that
/// names nobody the lexicon knows ("Archbishop Desmond Tutu called for …"), or for a
/// noun of material conflict ("gun attacks near Karak left seven dead").
pub(super) fn unidentified_allowed(
    s: &Sentence<'_>,
    trigger: &crate::triggers::Trigger,
    voice: &str,
    clause: Clause,
    t: usize,
) -> bool {
    // "… in Montenegro, where 28 people have been killed": an unnamed event in a relative
    // clause describes the noun it hangs on; it is background, not news.
    if trigger.named || matches!(clause.kind, ClauseKind::Relative) {
        return false;
    }
    match voice {
        // The one judging is the speaker: the attribution when there is one.
        "judgement" => true,
        // A finite passive ("were hurled", "was shot"); a participle after its noun ("the
        // soldiers sent to Kursk") describes the noun and asserts no new event.
        // Only force needs no named agent to be an event: "civilians were killed", "he was
        // arrested"; "the talks were postponed" says too little without one.
        // So is a sentence or conviction ("was sentenced to ten years"): only a court
        // convicts (PLOVER SANCTION convict); and a legal charge ("were arrested and charged
        // with rioting"): only prosecutors charge.
        "passive" => {
            (matches!(trigger.event, EventType::Assault | EventType::Coerce)
                || trigger.event == EventType::Sanction && trigger.mode == "convict"
                || trigger.event == EventType::Accuse && trigger.context == "legal"
                // The subject names what was done: "a curfew was lifted", "a ceasefire was
                // declared", "sanctions were eased".
                || (trigger.object.is_some() || trigger.object_words)
                    && !(trigger.dictionary || trigger.reciprocal || trigger.inverse))
                && (clause.start..t).rev().take(3).any(|k| s.is_any(k, BE))
        }
        // "after bloody clashes", "since the invasion", "in retaliation for the strike": an
        // unnamed event in a time adjunct, or one answered, is background, not news.
        "noun" => {
            matches!(
                trigger.event,
                EventType::Assault | EventType::Protest | EventType::Coerce | EventType::Mobilize
            ) && !(t.saturating_sub(3)..t).any(|k| {
                s.is_any(
                    k,
                    &[
                        "after",
                        "following",
                        "since",
                        "amid",
                        "during",
                        "before",
                        "despite",
                        "retaliation",
                        "revenge",
                        "reprisal",
                        "response",
                    ],
                )
            })
        }
        "active" => {
            !subject_words(s, clause, t).is_empty() || parsed_subject(s, clause, t).is_some()
        }
        _ => false,
    }
}

/// The words before a verb that stand where its subject would: back from the verb over
/// auxiliaries and adverbs, then up to six words to the clause start or a comma (ten for a
/// noun phrase with place phrases: "an explosion at a mosque in Peshawar").
pub(super) fn subject_words(s: &Sentence<'_>, clause: Clause, t: usize) -> std::ops::Range<usize> {
    const SKIP: &[&str] = &[
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "been",
        "be",
        "will",
        "would",
        "also",
        "reportedly",
        "allegedly",
        "then",
        "again",
        "later",
        "on",
        "last",
        "this",
        "week",
        "earlier",
        "to",
        "did",
        "does",
        "do",
        "recently",
        "not",
        "never",
    ];
    let skip = |mut end: usize| {
        while end > clause.start
            && [SKIP, MODALS, FUTURE, DAY_WORDS].iter().any(|words| s.is_any(end - 1, words))
        {
            end -= 1;
        }
        end
    };
    let mut end = skip(t);
    // "the two leaders pledged to come …": the verb an infinitive completes is no subject.
    if t >= 2 && s.is(t - 1, "to") && end == t - 1 {
        let verb = s.word(end.saturating_sub(1));
        if end > clause.start
            && verb.starts_with(|c: char| c.is_lowercase())
            && (verb.ends_with("ed")
                || s.is_any(end - 1, INTENT_WORDS)
                || s.is_any(end - 1, &["seeks", "seek", "tries", "needs", "difficulties"]))
        {
            end = skip(end - 1);
        }
    }
    // Back to the clause start or a comma, over up to six words (ten with the place phrases
    // of "an explosion at a mosque in Peshawar").
    let walk = |places: bool| {
        let mut start = end;
        while start > clause.start
            && end - start < if places { 10 } else { 6 }
            && s.tokens[start - 1].word
            && (!s.is_any(start - 1, PREPOSITIONS)
                || places && s.is_any(start - 1, &["at", "in", "near", "outside", "on", "of"]))
            && !s.is_any(start - 1, SUBORDINATORS)
            && !s.is_any(start - 1, &["it", "this", "that", "which", "who", "there", "and", "or"])
        {
            start -= 1;
        }
        start
    };
    // A subject starts at the clause start or after a comma; anything else is a fragment.
    let at_boundary =
        |start: usize| start == clause.start || s.is_any(start - 1, &[",", "—", ";", ":"]);
    let mut start = walk(false);
    if !at_boundary(start) {
        start = Some(walk(true))
            .filter(|&w| at_boundary(w) && s.is_any(w, &["a", "an", "the"]))
            .unwrap_or(start);
    }
    if !at_boundary(start) || start == end {
        return end..end;
    }
    // Words with a verb among them are a clause: the subject is the words after its last
    // verb ("said she" → "she", "he hopes the project" → "the project"), or before its first
    // when none follow ("the F-35 sale is set" → "the F-35 sale", "we will try" → "we").
    let verb = |k: &usize| {
        [
            BE,
            MODALS,
            FUTURE,
            CLAUSE_VERBS,
            &["has", "have", "had", "did", "does", "do", "to", "not", "never"],
        ]
        .iter()
        .any(|words| s.is_any(*k, words))
            || ["n't", "n’t", "'m", "’m"].iter().any(|x| s.word(*k).ends_with(x))
    };
    let mut after_be = false;
    if let Some(last) = (start..end).rev().find(verb) {
        let first = (start..end).find(verb).unwrap_or(last);
        after_be = last + 1 < end && s.is_any(last, BE);
        (start, end) = if last + 1 < end { (last + 1, end) } else { (start, first) };
    }
    // Not a leading conjunction or adverb ("but", "repeatedly"; "family members" stays).
    while start < end
        && (s.is_any(start, &["but", "and", "or", "so", "yet", "then"])
            || s.word(start).ends_with("ly")
                && !s.is_any(start, LY_ADJECTIVES)
                && !s.is_any(start, &["family", "ally", "rally", "assembly", "supply"]))
    {
        start += 1;
    }
    // What is left after "was" may be an adjective ("was unable to", "are reluctant to").
    let adjective = |w: &str| ["ble", "ant", "ent", "ous"].iter().any(|x| w.ends_with(x));
    if after_be
        && end == start + 1
        && s.word(start).starts_with(char::is_lowercase)
        && adjective(s.word(start))
    {
        return end..end;
    }
    start..end
}

/// Verbs that make a clause of the words before an event verb ("said she agreed", "he hopes
/// the project will allow").
const CLAUSE_VERBS: &[&str] = &[
    "said", "says", "say", "told", "hope", "hopes", "hoped", "want", "wants", "wanted", "try",
    "tries", "tried", "requires", "require", "think", "thinks", "believe", "believes", "set",
];

/// The words of the parse's nominal subject of verb `t` within its clause ("a minefield
/// explosion near the town", "army bulldozers"), or of the clause a participle modifies,
/// when it is a noun phrase and not a pronoun.
pub(super) fn parsed_subject(
    s: &Sentence<'_>,
    clause: Clause,
    t: usize,
) -> Option<std::ops::Range<usize>> {
    let tree = s.full_parse.get();
    if tree.is_empty() {
        return None;
    }
    // "A roadside bomb exploded …, killing three policemen": a participle with no subject
    // of its own has that of the clause it modifies (which the parse may also join to it as
    // a conjunct after the comma).
    let participle = || {
        let h = tree.head(t)?;
        let adjunct = tree.rel(t) == "advcl" || tree.rel(t) == "conj" && t > 0 && s.is(t - 1, ",");
        (adjunct
            && s.word(t).to_ascii_lowercase().ends_with("ing")
            && tree.child(t, "mark").is_none())
        .then(|| tree.child(h, "nsubj"))
        .flatten()
    };
    let n = tree.child(t, "nsubj").or_else(participle)?;
    if !s.tokens[n].word
        || s.is_any(n, &["this", "that", "which", "who"])
        || s.is_any(n, SUBJECT_PRONOUNS)
    {
        return None;
    }
    // The subject's phrase: the tokens whose head chain reaches it, contiguous around it.
    let under = |k: usize| {
        let mut h = Some(k);
        for _ in 0..8 {
            match h {
                Some(x) if x == n => return true,
                Some(x) => h = tree.head(x),
                None => return false,
            }
        }
        false
    };
    let mut start = n;
    while start > clause.start && under(start - 1) {
        start -= 1;
    }
    let mut end = n + 1;
    while end < t && under(end) {
        end += 1;
    }
    while end > start + 1 && !s.tokens[end - 1].word {
        end -= 1;
    }
    while start + 1 < end && !s.tokens[start].word {
        start += 1;
    }
    // "Zamora on Monday": the day is the event's, not the actor's.
    if end >= start + 3 && s.is_any(end - 1, DAY_WORDS) && s.is(end - 2, "on") {
        end -= 2;
    }
    Some(start..end)
}

/// Whether an unidentified actor's words are a common noun phrase ("a roadside bombing",
/// "hundreds of people") or none, rather than a name the lexicon does not know ("Dodik").
pub(super) fn is_common_phrase(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "a",
        "an",
        "the",
        "some",
        "several",
        "many",
        "hundreds",
        "thousands",
        "dozens",
        "tens",
        "scores",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    ];
    let Some(first) = text.split_whitespace().next() else { return true };
    first.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
        || OPENERS.iter().any(|o| first.eq_ignore_ascii_case(o))
}

/// The unidentified actor (PLOVER sector UNK): no country, the subject's words as its text.
pub(super) fn unidentified_actor(
    s: &Sentence<'_>,
    clause: Clause,
    t: usize,
    voice: &str,
) -> Entity {
    // A noun's words before it are its modifiers ("gun attacks"), not a subject.
    let words = if voice == "active" {
        parsed_subject(s, clause, t)
            .or_else(|| Some(subject_words(s, clause, t)).filter(|w| !w.is_empty()))
            .unwrap_or(t..t)
    } else {
        t..t
    };
    let entity_text = if words.is_empty() {
        ""
    } else {
        &s.text[s.tokens[words.start].start..s.tokens[words.end - 1].end]
    };
    Entity { entity_text: entity_text.into(), sector: "UNK".into(), ..Entity::default() }
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

pub(super) fn codes(entities: &[Entity]) -> Vec<&str> {
    let mut c: Vec<&str> = entities.iter().map(|e| e.code.as_str()).collect();
    c.sort_unstable();
    c
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
