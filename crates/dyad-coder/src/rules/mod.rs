//! The coding rules: clauses, arguments, voice, modality, attribution, and the discourse
//! memory that resolves pronouns.

use chrono::NaiveDate;
use dyad_model::{
    Attribution, Citation, Document, Entity, Event, EventType, Location, Modality, TextInfo,
};

use crate::mentions::{self, Kind, Mention, Refers};
use crate::syntax::{self, LazyTree, Tree};
use crate::triggers::Triggers;

mod arguments;
mod candidates;
mod clauses;
mod conversions;
mod details;
mod irrealis;
mod modality;
mod parties;
mod screen;
mod speech;
mod words;
use crate::tokens::{is, is_any, tokenize, Token};
use crate::triggers::{Form, Pos, Trigger};
use crate::{context, dates, sizes, Coded, Coder, Diagnostic};
use arguments::{is_passive, subject_of_kind};
use candidates::has_class;
use clauses::{
    clauses, coordinated, is_actorish, preposition_before, speech_subject, Clause, ClauseKind,
};
use words::*;

/// The first token from `i` on after day phrases and fillers there ("Sunday", "on Sunday",
/// "in principle", "again"), or `i`: "said on Sunday that", "agreed in principle to".
fn after_day(text: &str, tokens: &[Token], i: usize) -> usize {
    let at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|n| is_any(text, n, words));
    let mut i = i;
    for _ in 0..3 {
        if at(i, DAY_WORDS) || at(i, FILLERS) {
            i += 1;
        } else if at(i, &["on"]) && at(i + 1, DAY_WORDS)
            || at(i, &["in"]) && at(i + 1, &["principle"])
        {
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// The word before the day phrases and fillers that end just before token `k` ("threatened
/// on Monday", "vowed Friday", "agreed in principle"), if any do.
fn before_day(s: &Sentence<'_>, k: usize) -> Option<usize> {
    let mut w = k;
    for _ in 0..3 {
        if w >= 1 && (s.is_any(w - 1, DAY_WORDS) || s.is_any(w - 1, FILLERS)) {
            w -= 1;
            if w >= 1 && s.is(w - 1, "on") && s.is_any(w, DAY_WORDS) {
                w -= 1;
            }
        } else if w >= 2 && s.is(w - 1, "principle") && s.is(w - 2, "in") {
            w -= 2;
        } else {
            break;
        }
    }
    (w < k).then(|| w.checked_sub(1)).flatten()
}

impl Sentence<'_> {
    /// Whether token `k` is a verb of joining an event ("participated", "took part").
    fn joins_in(&self, k: usize) -> bool {
        self.is_any(k, JOINING_VERBS) || self.is_any(k, TAKE) && self.is(k + 1, "part")
    }

    /// Whether the nominal event at `t` is what the verb at `k` commits to: its object
    /// ("promised a withdrawal"), or the noun phrase of "to"/"on" after it ("agreed to a
    /// ceasefire", "agreed on Friday to the release of …"), with at most four words before
    /// the noun. "agreed to postpone the protest" commits to postponing it: after "to" comes
    /// a determiner, a number, a name or the noun itself, not a verb.
    fn commits_to(&self, k: usize, t: usize) -> bool {
        if !self.is_any(k, COMMITMENT_VERBS) || t <= k {
            return false;
        }
        let words_only = |from: usize| {
            from <= t
                && t - from <= 4
                && (from..t).all(|j| {
                    (self.tokens[j].word || self.is(j, "-")) && !self.is_any(j, PREPOSITIONS)
                })
        };
        let prep = after_day(self.text, self.tokens, k + 1);
        if self.is_any(prep, &["to", "on", "upon"]) {
            let first = prep + 1;
            let opens_phrase = first == t
                || self.is_any(first, DETERMINERS)
                || self.text[self.tokens.get(first).map_or(0, |x| x.start)..]
                    .starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
                || self.mentions.iter().any(|m| m.tok_start == first);
            return opens_phrase && words_only(first);
        }
        words_only(k + 1)
    }

    /// Whether token `k` is a light verb or a verb of joining ("took part") that makes the
    /// event noun after it its own.
    fn carries_event(&self, k: usize) -> bool {
        self.is_any(k, LIGHT_VERBS)
            || self.is_any(k, ORDER_VERBS)
            || self.joins_in(k)
            || self.is_any(k, CLAIM) && self.is_any(k + 1, RESPONSIBILITY)
    }
}

/// What the discourse remembers between sentences.
#[derive(Default)]
struct Discourse {
    /// The most recent actor group that acted or was a subject.
    last_group: Vec<Entity>,
    /// Distinct collective entities (countries, organisations) mentioned, most recent last.
    recent: Vec<Entity>,
    /// The most recent person.
    last_person: Option<Entity>,
    /// How often each country has been named so far: the country the text is about.
    counts: Vec<(dyad_model::CompactString, usize)>,
    /// The words by which people named so far may be named again, most recent last.
    names: Vec<(dyad_model::CompactString, Entity)>,
}

impl Discourse {
    fn note(&mut self, entity: &Entity, is_person: bool) {
        if entity.country.is_empty() {
            return;
        }
        if is_person {
            self.last_person = Some(entity.clone());
        }
        match self.counts.iter_mut().find(|(c, _)| *c == entity.country) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((entity.country.clone(), 1)),
        }
        self.recent.retain(|e| e.code != entity.code);
        self.recent.push(entity.clone());
        if self.recent.len() > 8 {
            self.recent.remove(0);
        }
    }

    /// The country named most often so far (the later one on a tie).
    fn main_country(&self) -> Option<dyad_model::CompactString> {
        self.counts.iter().rev().max_by_key(|(_, n)| *n).map(|(c, _)| c.clone())
    }

    fn resolve(&self, refers: Refers, text: &str) -> Vec<Entity> {
        let with_text = |mut e: Entity| {
            e.entity_text = text.into();
            e
        };
        match refers {
            Refers::Singular => {
                let from_group = (self.last_group.len() == 1).then(|| self.last_group[0].clone());
                from_group
                    .or_else(|| self.recent.last().cloned())
                    .map(with_text)
                    .into_iter()
                    .collect()
            }
            Refers::Plural => {
                if !self.last_group.is_empty() {
                    self.last_group.iter().cloned().map(with_text).collect()
                } else {
                    self.recent.last().cloned().map(with_text).into_iter().collect()
                }
            }
            Refers::Person => self.last_person.clone().map(with_text).into_iter().collect(),
            // Resolved where the sentence is known (`entity_in`).
            Refers::Korea(_) => Vec::new(),
            Refers::Pair => {
                if self.last_group.len() >= 2 {
                    self.last_group.iter().cloned().map(with_text).collect()
                } else {
                    let n = self.recent.len();
                    self.recent[n.saturating_sub(2)..].iter().cloned().map(with_text).collect()
                }
            }
        }
    }
}

struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token],
    mentions: &'a [Mention],
    clauses: &'a [Clause],
    /// Tokens of "according to X," and "citing X": sources, never actors.
    sourced: &'a [bool],
    /// The dependency parse, made when a rule first asks for it; empty for a sentence with
    /// fewer than two parties, where it cannot decide between them.
    parse: &'a LazyTree<'a>,
    /// The parse whatever the parties (empty with `--no-parse`), for the few rules that
    /// read a sentence's grammar without parties to choose from.
    full_parse: &'a LazyTree<'a>,
}

/// Marks the tokens of attribution phrases.
fn attribution_zone(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut zone = vec![false; tokens.len()];
    for k in 0..tokens.len() {
        let according = is(text, &tokens[k], "according")
            && tokens.get(k + 1).is_some_and(|t| is(text, t, "to"));
        if !according && !is(text, &tokens[k], "citing") {
            continue;
        }
        let start = k;
        let mut end = start + 1;
        while end < tokens.len() && !is_any(text, &tokens[end], &[",", ";", ".", "that"]) {
            end += 1;
        }
        // "According to reports the UK is pushing …": with no comma soon, the source is the
        // phrase right after "according to" (or "citing"), not the rest of the sentence.
        if end - start > 8 {
            let phrase = start + if according { 2 } else { 1 };
            end = (phrase + 1..end)
                .find(|&e| {
                    let w = &text[tokens[e].start..tokens[e].end];
                    tokens[e].word && w.starts_with(|c: char| c.is_uppercase())
                        || is_any(text, &tokens[e], &["is", "are", "was", "were", "has", "have"])
                })
                .unwrap_or(end)
                .min(phrase + 4);
        }
        for flag in &mut zone[start..end] {
            *flag = true;
        }
    }
    if let Some((from, to)) = final_speaker_span(text, tokens) {
        for flag in &mut zone[from..to] {
            *flag = true;
        }
    }
    zone
}

/// The tokens naming the speaker of a sentence-final ", Seoul's military said (on Thursday)."
/// or ", said the ministry.": a party there is the source, never a party of the event.
fn final_speaker_span(text: &str, tokens: &[Token]) -> Option<(usize, usize)> {
    let at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|t| is_any(text, t, words));
    // The end of the sentence, before its final punctuation and closing quotes.
    let mut end = tokens.len();
    while end > 0 && !tokens[end - 1].word {
        end -= 1;
    }
    let comma = (end.saturating_sub(12)..end).rev().find(|&k| at(k, &[",", "”", "\""]))?;
    let verb = (comma + 1..end).find(|&k| at(k, SPEECH))?;
    // What follows the verb is a time ("on Thursday", "last week") or the speaker itself.
    if verb == comma + 1 {
        // ", said the ministry.": only "said"/"says" with a short speaker after it (",
        // saying it was withholding aid" is the actor's own words).
        let inverted = at(verb, &["said", "says"]) && verb + 1 < end && end - verb <= 7;
        return inverted.then_some((verb + 1, end));
    }
    let tail_ok = (verb + 1..end).all(|k| {
        at(k, DAY_WORDS) || at(k, &["on", "in", "last", "this", "week", "month", "late", "early"])
    });
    tail_ok.then_some((comma + 1, verb))
}

/// "It is thought that …", "it was reported that …": an expletive "it" refers to nothing.
fn expletive(s: &Sentence<'_>, m: &Mention) -> bool {
    matches!(m.kind, Kind::Pronoun(_))
        && s.is(m.tok_start, "it")
        && s.is_any(m.tok_end, &["is", "was", "seems", "appears", "remains", "has"])
        && (m.tok_end + 1..m.tok_end + 4).any(|k| s.is_any(k, &["that", "to"]))
}

impl Sentence<'_> {
    fn tree(&self) -> &Tree {
        self.parse.get()
    }

    /// The sentence's words, for the parse paths that name them.
    fn words(&self) -> syntax::Words<'_> {
        syntax::Words { text: self.text, tokens: self.tokens }
    }

    /// Whether token `k` is inside an attribution ("according to X", "citing X").
    fn is_sourced(&self, k: usize) -> bool {
        self.sourced.get(k).copied().unwrap_or(false)
    }

    fn clause_of(&self, k: usize) -> Clause {
        *self
            .clauses
            .iter()
            .find(|c| c.start <= k && k < c.end.max(c.start + 1))
            .unwrap_or(&Clause { start: 0, end: self.tokens.len(), kind: ClauseKind::Main })
    }

    fn word(&self, k: usize) -> &str {
        self.tokens.get(k).map_or("", |t| &self.text[t.start..t.end])
    }

    fn is(&self, k: usize, w: &str) -> bool {
        self.tokens.get(k).is_some_and(|t| is(self.text, t, w))
    }

    fn is_any(&self, k: usize, ws: &[&str]) -> bool {
        self.tokens.get(k).is_some_and(|t| is_any(self.text, t, ws))
    }
}

/// An argument found for a trigger: the mentions and how they were found.
struct Argument {
    mentions: Vec<usize>,
    how: String,
    /// A bare sector noun whose party the mentions name by country ("rebels in the Ivory
    /// Coast"): its sector goes to their entities that have none.
    sector: Option<usize>,
}

impl Argument {
    /// Whether the argument was found after the preposition `prep`, as its `how` records it
    /// ("obl(to) of `sent`" from the parse, "prep-to" from word order).
    fn via(&self, prep: &str) -> bool {
        self.how.contains(&format!("({prep})")) || self.how.ends_with(&format!("-{prep}"))
    }
}

fn hedge(s: &Sentence<'_>) -> Option<String> {
    for k in 0..s.tokens.len() {
        let t = &s.tokens[k];
        if !t.word
            || !s.is_any(k, &["it", "is", "are", "was"])
                && !s.text[t.start..t.end].ends_with("ly")
                && !s.is_any(k, &["unconfirmed"])
        {
            continue;
        }
        for h in HEDGES {
            if h.iter().enumerate().all(|(n, w)| s.is(k + n, w)) {
                let end = k + h.len() - 1;
                return Some(s.text[s.tokens[k].start..s.tokens[end].end].to_string());
            }
        }
    }
    None
}

fn entity_of(
    m: &Mention,
    discourse: &Discourse,
    s: &Sentence<'_>,
    before_tok: usize,
) -> Vec<Entity> {
    entity_in(m, discourse, s, before_tok, true)
}

/// As `entity_of`; without `text_country` a bare sector noun that no place or possessor
/// locates keeps an empty country (its caller may know better than the text's main country).
fn entity_in(
    m: &Mention,
    discourse: &Discourse,
    s: &Sentence<'_>,
    before_tok: usize,
    text_country: bool,
) -> Vec<Entity> {
    match m.kind {
        // "Police arrested …", "Demonstrators in Tbilisi …": a sector with no country takes
        // the country of the place the sentence names, else the country the text is about.
        Kind::SectorOnly => {
            // The place must not lie after the verb when that place is a destination; the
            // caller passes `before_tok` as the trigger for motion events.
            let lexicon_place = s.mentions.iter().find(|o| {
                // "in Mali", "in central Mali", "across north-eastern Nigeria".
                let before = place_phrase_start(s, o);
                o.tok_start < before_tok
                    && before > 0
                    && s.is_any(
                        before - 1,
                        &["in", "at", "of", "across", "throughout", "near", "outside"],
                    )
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
                .or_else(|| discourse.main_country().filter(|_| text_country));
            match country {
                Some(c) if c.len() == 3 && !dyad_model::GROUP_COUNTRIES.contains(&c.as_str()) => {
                    let mut e = m.entity.clone();
                    e.code = c.clone();
                    e.name = c.clone();
                    e.country = c;
                    vec![e]
                }
                // No place and no country of the text: a generic actor of that sector.
                _ => {
                    let mut e = m.entity.clone();
                    e.code.clear();
                    e.country.clear();
                    e.name.clear();
                    vec![e]
                }
            }
        }
        Kind::Pronoun(refers) => {
            // Within the sentence first: the nearest earlier subject-like mention.
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
        _ => vec![m.entity.clone()],
    }
}

/// "Kim hosted Putin in Pyongyang, where the two leaders signed …", "delegations from Armenia
/// and Azerbaijan met, and both sides agreed …": the last two parties of different countries
/// named earlier in the sentence (not places where something happens, not sources).
fn pair_in_sentence(s: &Sentence<'_>, before: usize, text: &str) -> Option<Vec<Entity>> {
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
fn is_protesting_crowd(text: &str) -> bool {
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
fn has_word_of(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| words.iter().any(|c| w.eq_ignore_ascii_case(c)))
}

/// Whether an unnamed actor's words name a crowd ("hundreds of thousands of people",
/// "opponents of the senate"): street action needs one.
fn is_crowd_phrase(text: &str) -> bool {
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

/// The THREATEN mode of a threatened assault, coercion or sanction: what is threatened.
fn threat_mode(event_type: EventType, modes: &[String], trigger: &Trigger) -> &'static str {
    let has = |m: &str| modes.iter().any(|x| x == m);
    match event_type {
        EventType::Assault => "violence",
        _ if has("arrest") => "arrest",
        _ if has("expel") || has("deport") => "expel",
        _ if has("seize") => "territory",
        _ if has("withdraw") => "relations",
        _ if has("discontinue") && trigger.context == "diplomatic" => "relations",
        _ => "restrict",
    }
}

/// Whether an event with no named actor is still coded, with an unidentified one: force in
/// the passive without an agent ("grenades were hurled at a patrol"), after a subject that
/// names nobody the lexicon knows ("Archbishop Desmond Tutu called for …"), or for a
/// noun of material conflict ("gun attacks near Karak left seven dead").
fn unidentified_allowed(
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
        // "after bloody clashes", "since the invasion": an unnamed event in a time adjunct
        // is background, not news.
        "noun" => {
            matches!(
                trigger.event,
                EventType::Assault | EventType::Protest | EventType::Coerce | EventType::Mobilize
            ) && !(t.saturating_sub(3)..t).any(|k| {
                s.is_any(k, &["after", "following", "since", "amid", "during", "before", "despite"])
            })
        }
        "active" => {
            !subject_words(s, clause, t).is_empty() || parsed_subject(s, clause, t).is_some()
        }
        _ => false,
    }
}

/// The words before a verb that stand where its subject would: back from the verb over
/// auxiliaries and adverbs, then up to six words to the clause start or a comma.
fn subject_words(s: &Sentence<'_>, clause: Clause, t: usize) -> std::ops::Range<usize> {
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
    ];
    let mut end = t;
    while end > clause.start && (s.is_any(end - 1, SKIP) || s.is_any(end - 1, DAY_WORDS)) {
        end -= 1;
    }
    let mut start = end;
    while start > clause.start
        && end - start < 6
        && s.tokens[start - 1].word
        && !s.is_any(start - 1, PREPOSITIONS)
        && !s.is_any(start - 1, SUBORDINATORS)
        && !s.is_any(start - 1, &["it", "this", "that", "which", "who", "there", "and", "or"])
    {
        start -= 1;
    }
    // A subject starts at the clause start or after a comma; anything else is a fragment.
    let at_boundary = start == clause.start || s.is_any(start - 1, &[",", "—", ";", ":"]);
    if at_boundary && start < end {
        start..end
    } else {
        end..end
    }
}

/// The words of the parse's nominal subject of verb `t` within its clause ("a minefield
/// explosion near the town", "army bulldozers"), or of the clause a participle modifies,
/// when it is a noun phrase and not a pronoun.
fn parsed_subject(s: &Sentence<'_>, clause: Clause, t: usize) -> Option<std::ops::Range<usize>> {
    let tree = s.full_parse.get();
    if tree.is_empty() {
        return None;
    }
    // "A roadside bomb exploded …, killing three policemen": a participle with no subject
    // of its own has that of the clause it modifies.
    let participle = || {
        let h = tree.head(t)?;
        (tree.rel(t) == "advcl"
            && s.word(t).to_ascii_lowercase().ends_with("ing")
            && tree.child(t, "mark").is_none())
        .then(|| tree.child(h, "nsubj"))
        .flatten()
    };
    let n = tree.child(t, "nsubj").or_else(participle)?;
    if !s.tokens[n].word
        || s.is_any(n, &["it", "this", "that", "which", "who", "they", "he", "she", "we", "i"])
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
    Some(start..end)
}

/// Whether an unidentified actor's words are a common noun phrase ("a roadside bombing",
/// "hundreds of people") or none, rather than a name the lexicon does not know ("Dodik").
fn is_common_phrase(text: &str) -> bool {
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
fn unidentified_actor(s: &Sentence<'_>, clause: Clause, t: usize, voice: &str) -> Entity {
    // A noun's words before it are its modifiers ("gun attacks"), not a subject.
    let words = if voice == "active" {
        Some(subject_words(s, clause, t))
            .filter(|w| !w.is_empty())
            .or_else(|| parsed_subject(s, clause, t))
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
fn korea_half_entity(north: bool, text: &str) -> Vec<Entity> {
    let (code, name) = if north { ("PRK", "North Korea") } else { ("KOR", "South Korea") };
    vec![Entity {
        entity_text: text.into(),
        code: code.into(),
        country: code.into(),
        name: name.into(),
        ..Entity::default()
    }]
}

fn codes(entities: &[Entity]) -> Vec<&str> {
    let mut c: Vec<&str> = entities.iter().map(|e| e.code.as_str()).collect();
    c.sort_unstable();
    c
}

/// Where the phrase of the place `m` starts, for the preposition before it: "in Mali", "in
/// northern Mali", "of a Karachi suburb", "in the Donetsk region" (a region word keeps the
/// place the country's; an article goes with a place that modifies the noun after it, not with
/// a party's "-led" or "-backed", "the Russia-Ukraine war" or "the Cameroon border").
fn place_phrase_start(s: &Sentence<'_>, m: &Mention) -> usize {
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

fn location(coder: &Coder, s: &Sentence<'_>, clause: Clause) -> Option<Location> {
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

struct Candidate {
    trigger: usize,
    form: Form,
    tok_start: usize,
    tok_end: usize,
}

pub(crate) fn code_document(coder: &Coder, doc: &Document) -> Coded {
    let lexicon = coder.lexicon();
    let triggers = coder.triggers;
    let mut coded = Coded { n_sentences: doc.sentences.len(), ..Coded::default() };
    let all_matches = lexicon.find(&doc.text);
    let all_triggers: Vec<aho_corasick::Match> = triggers.find(&doc.text);
    let mut discourse = Discourse::default();
    let mut tokens: Vec<Token> = Vec::new();
    let parser = std::cell::RefCell::new(syntax::Parser::default());
    for (sentence_idx, sentence) in doc.sentences.iter().enumerate() {
        if !tokenize_sentence(doc, sentence_idx, &mut tokens, &mut coded.diagnostics) {
            continue;
        }
        let lo = all_matches.partition_point(|m| m.start < sentence.start);
        let hi = all_matches.partition_point(|m| m.start < sentence.end);
        let matches: Vec<_> =
            all_matches[lo..hi].iter().copied().filter(|m| m.end <= sentence.end).collect();
        let mut mentions = mentions::find(
            lexicon,
            &mentions::Input {
                text: &doc.text,
                tokens: &tokens,
                matches: &matches,
                date: doc.date,
            },
        );
        mentions::add_known_names(&doc.text, &tokens, &mut mentions, &discourse.names);
        let korea = |c: &str| matches!(c, "PRK" | "KOR");
        let about_korea = mentions.iter().any(|m| korea(&m.entity.country))
            || discourse.counts.iter().any(|(c, _)| korea(c));
        mentions::add_korea_halves(&doc.text, &tokens, &mut mentions, about_korea);
        let sourced = attribution_zone(&doc.text, &tokens);
        let no_clauses: Vec<Clause> = Vec::new();
        let s0 = Sentence {
            text: &doc.text,
            tokens: &tokens,
            mentions: &mentions,
            clauses: &no_clauses,
            sourced: &sourced,
            parse: &LazyTree::new(&doc.text, &tokens, None),
            full_parse: &LazyTree::new(&doc.text, &tokens, None),
        };

        let candidates = candidates::find(coder, &s0, sentence, &all_triggers);

        // Sentences without triggers only feed the discourse memory.
        let clauses =
            if candidates.is_empty() { Vec::new() } else { clauses(&doc.text, &tokens, &mentions) };
        // The parse decides between parties; with fewer than two there is nothing to decide.
        let parties = mentions.iter().filter(|m| !matches!(m.kind, Kind::Place)).count();
        // A sentence with fewer is parsed only if a rule needs its grammatical subject
        // (an unnamed actor: "a minefield explosion near Samarra killed …").
        let full = LazyTree::new(&doc.text, &tokens, (!coder.options.no_parse).then_some(&parser));
        let unparsed = LazyTree::new(&doc.text, &tokens, None);
        let s = Sentence {
            text: &doc.text,
            tokens: &tokens,
            mentions: &mentions,
            clauses: &clauses,
            sourced: &sourced,
            parse: if parties >= 2 { &full } else { &unparsed },
            full_parse: &full,
        };
        if candidates.is_empty() {
            update_discourse(&mut discourse, &s, &[]);
            continue;
        }
        let sc = SentenceCoding {
            coder,
            doc,
            sentence,
            sentence_idx,
            s: &s,
            candidates: &candidates,
            discourse: &discourse,
            earlier: &coded.events,
        };
        let events = code_sentence(&sc, &mut coded.diagnostics);
        update_discourse(&mut discourse, &s, &events);
        coded.events.extend(events);
    }
    let parser = parser.into_inner();
    (coded.n_parsed, coded.n_parsed_tokens) = (parser.n_sentences, parser.n_tokens);
    coded
}

/// Tokenises sentence `sentence_idx` into `tokens`; false (with a diagnostic where it is a
/// fault) when it cannot be coded: a span outside the text, no words, or too many tokens.
fn tokenize_sentence(
    doc: &Document,
    sentence_idx: usize,
    tokens: &mut Vec<Token>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let sentence = &doc.sentences[sentence_idx];
    if sentence.end > doc.text.len()
        || sentence.start > sentence.end
        || !doc.text.is_char_boundary(sentence.start)
        || !doc.text.is_char_boundary(sentence.end)
    {
        diagnostics.push(Diagnostic {
            sentence: Some(sentence_idx),
            message: "sentence span outside the text; skipped".into(),
        });
        return false;
    }
    tokens.clear();
    tokenize(&doc.text, sentence.start, sentence.end, tokens);
    if tokens.len() > 400 {
        diagnostics.push(Diagnostic {
            sentence: Some(sentence_idx),
            message: format!("sentence of {} tokens is too long to code; skipped", tokens.len()),
        });
    }
    !tokens.is_empty() && tokens.len() <= 400
}

/// The events of one sentence: each candidate coded, one event per type and dyad, main
/// clauses first.
fn code_sentence(sc: &SentenceCoding<'_, '_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Event> {
    let mut memo = SentenceMemo::default();
    let mut events: Vec<Event> = Vec::new();
    let mut ranks: Vec<u8> = Vec::new();
    for cand in sc.candidates {
        let Some((event, rank)) = code_event(sc, cand, &mut memo, events.len(), diagnostics) else {
            continue;
        };
        // One event per type and dyad per sentence: "support and help" is one request.
        let duplicate = events.iter().any(|e| {
            e.event == event.event
            && codes(&e.actor) == codes(&event.actor)
            && codes(&e.recipient) == codes(&event.recipient)
            // "agreed to share": the agreement and the intention are one event.
            && (e.modality == event.modality || event.event == EventType::Agree)
        });
        if !duplicate {
            events.push(event);
            ranks.push(rank);
        }
    }
    // The sentence's own news first: main clauses and what is said before subordinate
    // and relative clauses, which give background ("after an attack that killed …").
    if ranks.windows(2).any(|w| w[0] > w[1]) {
        let mut ranked: Vec<(u8, Event)> = ranks.into_iter().zip(events).collect();
        ranked.sort_by_key(|(rank, _)| *rank);
        events = ranked.into_iter().map(|(_, e)| e).collect();
    }
    events
}

/// What every event of one sentence is coded against.
#[derive(Clone, Copy)]
struct SentenceCoding<'a, 's> {
    coder: &'a Coder,
    doc: &'a Document,
    sentence: &'a dyad_model::Sentence,
    sentence_idx: usize,
    s: &'a Sentence<'s>,
    candidates: &'a [Candidate],
    discourse: &'a Discourse,
    /// The events of the document's earlier sentences.
    earlier: &'a [Event],
}

/// Per-sentence facts, computed for the sentence's first event and shared by the others.
#[derive(Default)]
struct SentenceMemo {
    extras: Option<SentenceExtras>,
    contexts: Option<Vec<&'static str>>,
}

/// Codes one trigger candidate through the stages: arguments, screening, parties, type
/// conversions, modality, reported speech, details; with the rank of its clause (main
/// clauses first). `None` when the candidate makes no event.
fn code_event(
    sc: &SentenceCoding<'_, '_>,
    cand: &Candidate,
    memo: &mut SentenceMemo,
    n_events: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Event, u8)> {
    let SentenceCoding { coder, sentence_idx, s, candidates, discourse, .. } = *sc;
    let triggers = coder.triggers;
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    let clause = s.clause_of(t);
    if candidates::superseded(triggers, s, candidates, cand) {
        return None;
    }
    let mut why: Vec<String> = Vec::new();
    let explain = coder.options.explain;
    let passive = trigger.pos == Pos::Verb && is_passive(s, t, cand.form, clause.end);
    let (actor_arg, recipient_arg, voice) =
        arguments::find(triggers, s, candidates, cand, clause, passive);
    if screen::screened_out(trigger, s, cand, &recipient_arg)
        || screen::plural_noun_read_as_verb(triggers, s, cand)
    {
        return None;
    }
    let (actor_arg, recipient_arg) =
        forces_moved(triggers, s, cand, clause, voice, actor_arg, recipient_arg);
    // No named actor: PLOVER codes the event with an unidentified one when the
    // words leave no doubt that something happened (docs/unidentified.md); decided
    // below, once the actor's entities are known.
    let actor_arg = actor_arg.unwrap_or_else(unidentified_arg);
    let parties::Parties { actor, recipient } = parties::parties(
        coder,
        s,
        discourse,
        trigger,
        (cand, clause, voice, sentence_idx),
        &actor_arg,
        &recipient_arg,
        diagnostics,
        explain.then_some(&mut why),
    )?;
    let (event_type, modes) = conversions::by_actor(
        trigger,
        s,
        cand,
        clause,
        &actor_arg,
        &actor,
        explain.then_some(&mut why),
    );
    if unfit_parties(trigger, event_type, &modes, &actor, recipient_arg.is_some()) {
        return None;
    }
    // Modality.
    let window = modality_window(s, &actor_arg, clause, t);
    let (modality, cues) = modality::modality(
        triggers,
        s,
        candidates,
        cand,
        clause,
        &window,
        explain.then_some(&mut why),
    );
    let (event_type, modes, modality) = conversions::by_modality(
        trigger,
        s,
        cand,
        clause,
        &window,
        (event_type, modes, modality),
        explain.then_some(&mut why),
    );
    let (coding, attribution) = speech::speech(
        s,
        discourse,
        trigger,
        (cand, clause),
        &window,
        &recipient_arg,
        speech::Coding { event_type, modes, modality, actor, recipient },
        explain.then_some(&mut why),
    )?;
    let rule = rule_name(trigger, voice, &actor_arg, recipient_arg.as_ref());
    Some(complete_event(sc, cand, memo, n_events, (coding, attribution, rule), cues, why))
}

/// The argument of an actor that no words name.
fn unidentified_arg() -> Argument {
    Argument { sector: None, mentions: Vec::new(), how: "unidentified".into() }
}

/// The words whose modals and negations bear on the trigger at `t`: from the end of its
/// actor (or the clause start) to the trigger.
fn modality_window(
    s: &Sentence<'_>,
    actor_arg: &Argument,
    clause: Clause,
    t: usize,
) -> std::ops::Range<usize> {
    let window_start = actor_arg
        .mentions
        .iter()
        .map(|&i| s.mentions[i].tok_end)
        .max()
        .filter(|&e| e <= t && e >= clause.start)
        .unwrap_or(clause.start);
    window_start..t
}

/// The rule an event was coded by: its type, trigger lemma, voice and how its actor and
/// recipient were found ("ASSAULT/attack:active+nsubj+obj").
fn rule_name(
    trigger: &Trigger,
    voice: &str,
    actor_arg: &Argument,
    recipient_arg: Option<&Argument>,
) -> String {
    format!(
        "{}/{}:{}+{}{}",
        trigger.event,
        trigger.lemma.replace(' ', "-"),
        voice,
        actor_arg.how,
        recipient_arg.map(|r| format!("+{}", r.how)).unwrap_or_default()
    )
}

/// "Police were deployed to the capital", "troops were sent to the border": in the passive
/// without an agent, the forces moved (or sent to help another state: military aid) stand for
/// the state that moved them (PLOVER MOBILIZE's or AID's actor), not for its recipient.
fn forces_moved(
    triggers: &Triggers,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    voice: &str,
    actor_arg: Option<Argument>,
    recipient_arg: Option<Argument>,
) -> (Option<Argument>, Option<Argument>) {
    let trigger = &triggers.rows[cand.trigger];
    let forces = |a: &Argument| {
        !a.mentions.is_empty()
            && a.mentions
                .iter()
                .all(|&i| matches!(s.mentions[i].entity.sector.as_str(), "MIL" | "COP"))
    };
    // "North Korean missiles were fired at Kyiv": the weapons fired are not their target;
    // their side fires them, and the target is where they fall.
    let weapons = |a: &Argument| {
        a.mentions.iter().any(|&i| {
            let m = &s.mentions[i];
            s.is_any(m.tok_end - 1, PROJECTILES) || s.is_any(m.tok_end, PROJECTILES)
        })
    };
    match (actor_arg, recipient_arg) {
        (None, Some(moved))
            if matches!(trigger.event, EventType::Mobilize | EventType::Aid)
                && voice == "passive"
                && forces(&moved) =>
        {
            let how = format!("forces moved ({})", moved.how);
            // Where they were sent is the recipient, as in the active ("deployed 11,000
            // soldiers to Russia").
            let destination = arguments::destination(triggers, s, cand, clause)
                .filter(|d| d.mentions.iter().all(|i| !moved.mentions.contains(i)));
            // Aid goes to someone: troops sent nowhere named are no aid.
            if trigger.event == EventType::Aid && destination.is_none() {
                return (None, Some(moved));
            }
            (Some(Argument { how, ..moved }), destination)
        }
        (None, Some(fired))
            if trigger.event == EventType::Assault && voice == "passive" && weapons(&fired) =>
        {
            let how = format!("weapons fired ({})", fired.how);
            (Some(Argument { how, ..fired }), None)
        }
        (actor_arg, recipient_arg) => (actor_arg, recipient_arg),
    }
}

/// Whether the parties found make no event of this type: a bare dictionary verb with no one
/// it is done to ("affected", "argued", "increased" alone say nothing of one, unless its actor
/// makes it another act: "demonstrators gathered" is a protest), or a visit by people whose
/// travels are no diplomacy ("Chinese immigrants arrived in Houston", "the vaccine arrived in
/// Manila").
fn unfit_parties(
    trigger: &Trigger,
    event_type: EventType,
    modes: &[String],
    actor: &[Entity],
    has_recipient: bool,
) -> bool {
    (trigger.dyadic && !has_recipient && event_type == trigger.event)
        || (event_type == EventType::Consult
            && modes.iter().any(|m| m == "visit")
            && !actor.is_empty()
            && actor
                .iter()
                .all(|a| NON_POLITICAL_SECTORS.contains(&a.sector.as_str()) || a.country == "MNC"))
}

/// The details of an event whose type, modality and parties are decided (date, size, open
/// modes, contexts) and the event itself, with the rank of its clause (main clauses first).
fn complete_event(
    sc: &SentenceCoding<'_, '_>,
    cand: &Candidate,
    memo: &mut SentenceMemo,
    n_events: usize,
    (coding, attribution, rule): (speech::Coding, Option<Attribution>, String),
    mut cues: Vec<String>,
    mut why: Vec<String>,
) -> (Event, u8) {
    let SentenceCoding { coder, doc, sentence, sentence_idx, s, candidates, earlier, .. } = *sc;
    let trigger = &coder.triggers.rows[cand.trigger];
    let t = cand.tok_start;
    let clause = s.clause_of(t);
    let explain = coder.options.explain;
    let speech::Coding { event_type, mut modes, mut modality, actor, recipient } = coding;
    // Date, size and open modes.
    let ex = memo
        .extras
        .get_or_insert_with(|| sentence_extras(coder, doc, s, sentence, candidates, earlier));
    let details::Dated { date, text: date_text, precision: date_precision, from_text } =
        details::date(doc, s, ex, t, clause);
    if modality == Modality::Asserted {
        if let (Some(d), Some(p)) = (date, doc.date) {
            if from_text && (p - d).num_days() > 5 * 365 {
                modality = Modality::Historical;
                cues.push("date long before publication".into());
            }
        }
    }
    let size = details::size(&ex.quantities, event_type, cand, clause);
    if modes.is_empty() {
        if let Some(mode) = details::inferred_mode(coder, s, event_type, cand, clause) {
            if explain {
                why.push(format!("mode {mode} from the words around the trigger"));
            }
            modes.push(mode.to_string());
        }
    }
    let keyword_contexts =
        memo.contexts.get_or_insert_with(|| context::sentence_contexts(&doc.text, s.tokens));
    let context = context::contexts(keyword_contexts, &trigger.context);
    let event_text = doc.text[s.tokens[t].start..s.tokens[cand.tok_end - 1].end].to_string();
    if !cues.is_empty() && explain {
        why.push(format!("modality {} ({})", modality.as_str(), cues.join(", ")));
    }
    if let Some(d) = &date_text {
        if explain {
            why.push(format!("date from `{d}`"));
        }
    }
    // CAMEO tells appeals (02) from demands (10), which PLOVER codes alike.
    let appeal = trigger.appeal && trigger.event == event_type && event_type == EventType::Request;
    if appeal && explain {
        why.push("an appeal, not a demand: CAMEO 02".into());
    }
    let cameo =
        if appeal { event_type.appeal_cameo(&modes) } else { event_type.cameo(&modes).to_string() };
    let event = Event {
        id: format!("{}-{}-{}", doc.id, sentence_idx, n_events),
        doc_id: doc.id.clone(),
        event: event_type,
        quad_code: event_type.quad_code(),
        intensity: event_type.intensity(&modes),
        cameo,
        mode: modes,
        context,
        actor,
        recipient,
        date: date.map(|d: NaiveDate| d.to_string()),
        date_text,
        date_precision,
        event_loc: location(coder, s, clause),
        size,
        modality,
        hedge: ex.hedge.clone(),
        attribution,
        text: doc.text[sentence.start..sentence.end].to_string(),
        text_info: TextInfo { sentence: sentence_idx, start: sentence.start, end: sentence.end },
        event_text,
        trigger_span: (s.tokens[t].start, s.tokens[cand.tok_end - 1].end),
        rule,
        citations: ex.citations.clone(),
        explain: if coder.options.explain { why } else { Vec::new() },
    };
    (event, clause_rank(clause.kind))
}

/// The rank of an event by its clause: main clauses and reported speech first, then
/// subordinate, then relative clauses.
fn clause_rank(kind: ClauseKind) -> u8 {
    match kind {
        ClauseKind::Main | ClauseKind::Complement(_) => 0u8,
        ClauseKind::Sub(_) => 1,
        ClauseKind::Relative => 2,
    }
}

/// Per-sentence facts every event of the sentence shares.
struct SentenceExtras {
    date_exprs: Vec<dates::DateExpr>,
    #[allow(clippy::type_complexity)]
    anchored: Option<(dates::DateExpr, usize, (NaiveDate, String, String))>,
    quantities: Vec<sizes::Quantity>,
    hedge: Option<String>,
    citations: Vec<Citation>,
}

fn sentence_extras(
    coder: &Coder,
    doc: &Document,
    s: &Sentence<'_>,
    sentence: &dyad_model::Sentence,
    candidates: &[Candidate],
    earlier: &[Event],
) -> SentenceExtras {
    let mut date_exprs = dates::find(s.text, s.tokens, doc.date);
    // "a few days after Putin's visit to Pyongyang": dated by an earlier event.
    let anchored = anchored_date(coder, s, candidates, earlier);
    if let Some((expr, _, _)) = &anchored {
        date_exprs.push(expr.clone());
    }
    let mut in_date = vec![false; s.tokens.len()];
    for d in &date_exprs {
        for flag in &mut in_date[d.tok_start..d.tok_end.min(s.tokens.len())] {
            *flag = true;
        }
    }
    let quantities = sizes::find(s.text, s.tokens, &in_date);
    // A date far ahead of the report ("net zero by 2050") is a target, not when anything
    // happens, and one before 1800 is history: neither dates an event (the store refuses
    // both). The report's own date is the reference, or today's without one.
    let today = dyad_model::calendar::today();
    date_exprs.retain(|d| {
        dyad_model::calendar::plausible_date(d.date, today).is_ok()
            && doc.date.is_none_or(|p| dyad_model::calendar::plausible_date(d.date, p).is_ok())
    });
    let citations = doc
        .markers_in(sentence)
        .filter_map(|n| doc.footnote(n))
        .map(|f| Citation {
            number: f.number,
            text: f.text.clone(),
            url: f.url.clone(),
            title: f.title.clone(),
        })
        .collect();
    SentenceExtras { date_exprs, anchored, quantities, hedge: hedge(s), citations }
}

/// Finds "N days/weeks after EVENT" where EVENT is a nominal trigger whose parties match an
/// earlier event of the document with a date of its own, and returns the shifted date
/// expression, the anchor trigger's token, and the anchor's own date, text and precision.
#[allow(clippy::type_complexity)]
fn anchored_date(
    coder: &Coder,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    earlier: &[Event],
) -> Option<(dates::DateExpr, usize, (NaiveDate, String, String))> {
    let lexicon = coder.lexicon();
    for k in 2..s.tokens.len() {
        if !s.is_any(k, &["after", "before"]) {
            continue;
        }
        let Some((n, days_per_unit)) = interval_before(s, k) else {
            continue;
        };
        let start = if k >= 3 && s.is_any(k - 3, &["a", "just", "only"]) { k - 3 } else { k - 2 };
        let Some(anchor) = candidates.iter().find(|c| {
            c.tok_start > k
                && c.tok_start <= k + 6
                && coder.triggers.rows[c.trigger].pos == Pos::Noun
        }) else {
            continue;
        };
        // The parties named in the anchor's noun phrase, as countries: up to the next comma.
        let np_end = (anchor.tok_end..(anchor.tok_end + 4).min(s.tokens.len()))
            .find(|&i| !s.tokens[i].word || s.is_any(i, &["and", "but", "when", "as"]))
            .unwrap_or((anchor.tok_end + 4).min(s.tokens.len()));
        let parties: Vec<&str> = s
            .mentions
            .iter()
            .filter(|m| m.tok_start > k && m.tok_start < np_end)
            .filter_map(|m| match m.kind {
                Kind::Actor | Kind::Modifier => Some(m.entity.country.as_str()),
                Kind::Place => m.place.map(|p| lexicon.place(p).country.as_str()),
                _ => None,
            })
            .filter(|c| !c.is_empty())
            .collect();
        if parties.is_empty() {
            continue;
        }
        // Places named around the anchor ("to Pyongyang") pick the earlier event that
        // happened there; otherwise the latest event with the same parties.
        let places: Vec<&str> = s
            .mentions
            .iter()
            .filter(|m| m.tok_start > k && m.tok_start < np_end)
            .filter_map(|m| m.place.map(|p| lexicon.place(p).name.as_str()))
            .collect();
        let found = anchor_event(earlier, &parties, &places)?;
        let base = NaiveDate::parse_from_str(found.date.as_deref()?, "%Y-%m-%d").ok()?;
        // The number comes from the text: any size. Out of chrono's range, no date.
        let shift = chrono::Duration::try_days(n.checked_mul(days_per_unit)?)?;
        let date = if s.is(k, "after") {
            base.checked_add_signed(shift)?
        } else {
            base.checked_sub_signed(shift)?
        };
        let expr = dates::DateExpr {
            tok_start: start,
            tok_end: anchor.tok_end,
            date,
            precision: "approximate",
        };
        let own = (
            base,
            found.date_text.clone().unwrap_or_default(),
            found.date_precision.clone().unwrap_or_default(),
        );
        return Some((expr, anchor.tok_start, own));
    }
    None
}

/// The count and the days per unit of "N days", "a few weeks", "two months" just before the
/// token `k` ("after", "before").
fn interval_before(s: &Sentence<'_>, k: usize) -> Option<(i64, i64)> {
    let unit = s.word(k - 1).to_ascii_lowercase();
    let days_per_unit: i64 = match unit.trim_end_matches('s') {
        "day" => 1,
        "week" => 7,
        "month" => 30,
        _ => return None,
    };
    let count = s.word(k - 2).to_ascii_lowercase();
    let n: i64 = match count.as_str() {
        "few" => 3,
        "several" => 4,
        "couple" => 2,
        "a" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        other => other.parse().ok()?,
    };
    Some((n, days_per_unit))
}

/// The earlier event with a date of its own whose parties include all of `parties`: one
/// that happened at one of `places` first, then the latest.
fn anchor_event<'e>(earlier: &'e [Event], parties: &[&str], places: &[&str]) -> Option<&'e Event> {
    earlier
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.date_precision
                .as_deref()
                .is_some_and(|p| !matches!(p, "publication" | "access" | "approximate"))
                && parties.iter().all(|p| {
                    e.actor.iter().chain(&e.recipient).any(|a| a.country == *p)
                        || e.event_loc.as_ref().is_some_and(|l| l.country_code == *p)
                })
        })
        .max_by_key(|(i, e)| {
            let here =
                e.event_loc.as_ref().is_some_and(|l| places.contains(&l.resolved_place.as_str()));
            (here, *i)
        })
        .map(|(_, e)| e)
}

/// Updates the discourse memory after a sentence: event actors first, else the sentence's
/// subject; then every actor mention.
fn update_discourse(discourse: &mut Discourse, s: &Sentence<'_>, events: &[Event]) {
    if let Some(first) = events.first() {
        discourse.last_group = first.actor.clone();
    } else if let Some(arg) = subject_of_kind(s, 0, s.tokens.len(), false) {
        let group: Vec<Entity> = arg
            .mentions
            .iter()
            .flat_map(|&i| entity_of(&s.mentions[i], discourse, s, s.tokens.len()))
            .filter(|e| !e.country.is_empty())
            .collect();
        if !group.is_empty() {
            discourse.last_group = group;
        }
    }
    for m in s.mentions.iter().filter(|m| m.kind == Kind::Actor) {
        discourse.note(&m.entity, m.is_person);
        for word in mentions::name_words(m) {
            discourse.names.retain(|(w, _)| w != word);
            discourse.names.push((word.into(), m.entity.clone()));
        }
    }
}

fn dedup_entities(entities: &mut Vec<Entity>) {
    let mut seen: Vec<(dyad_model::CompactString, dyad_model::CompactString)> = Vec::new();
    entities.retain(|e| {
        let key = (e.code.clone(), e.sector.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

/// Who the event `t` of `clause` is attributed to: "according to X", the speaker of the
/// complement the event sits in, "…, officials said", or "citing X".
fn attribution(
    s: &Sentence<'_>,
    clause: Clause,
    t: usize,
    discourse: &Discourse,
) -> Option<Attribution> {
    according_to(s)
        .or_else(|| complement_speaker(s, clause, discourse))
        .or_else(|| postposed_speaker(s, t))
        .or_else(|| citing(s))
}

/// "According to X[, citing Y]," anywhere in the sentence.
fn according_to(s: &Sentence<'_>) -> Option<Attribution> {
    for k in 0..s.tokens.len() {
        if s.is(k, "according") && s.is(k + 1, "to") {
            let start = k + 2;
            let mut end = start;
            while end < s.tokens.len() && !s.is_any(end, &[";", "."]) {
                if s.is(end, ",") && !s.is(end + 1, "citing") {
                    break;
                }
                end += 1;
            }
            if end > start {
                let text = s.text[s.tokens[start].start..s.tokens[end - 1].end].to_string();
                let source = s
                    .mentions
                    .iter()
                    .find(|m| m.tok_start >= start && m.tok_start < end && m.kind == Kind::Actor)
                    .map(|m| m.entity.clone());
                return Some(Attribution { text, source });
            }
        }
    }
    None
}

/// The speaker of the complement the event sits in.
fn complement_speaker(
    s: &Sentence<'_>,
    clause: Clause,
    discourse: &Discourse,
) -> Option<Attribution> {
    if let ClauseKind::Complement(verb) = clause.kind {
        if let Some(m) = speech_subject(s.text, s.tokens, s.mentions, verb) {
            let start = m.tok_start.min(verb);
            let end = m.tok_end.max(verb + 1);
            let text = s.text[s.tokens[start].start..s.tokens[end - 1].end].to_string();
            let mut source = entity_of(m, discourse, s, start).into_iter().next();
            // "the Senegalese government said": the country before the sector noun.
            if let Some(e) = source.as_mut().filter(|e| e.country.is_empty()) {
                if let Some(country) = s.mentions.iter().find(|c| {
                    c.tok_end == m.tok_start
                        && c.kind == Kind::Actor
                        && !c.entity.country.is_empty()
                }) {
                    let sector = std::mem::take(&mut e.sector);
                    *e = country.entity.clone();
                    if e.sector.is_empty() {
                        e.sector = sector;
                    }
                    let start = country.tok_start.min(verb);
                    let text = s.text[s.tokens[start].start..s.tokens[end - 1].end].to_string();
                    return Some(Attribution { text, source });
                }
            }
            let source = source.filter(|e| !e.country.is_empty());
            return Some(Attribution { text, source });
        }
    }
    None
}

/// "…, officials said.": a speaker after the event, from token `t` on.
fn postposed_speaker(s: &Sentence<'_>, t: usize) -> Option<Attribution> {
    for k in t..s.tokens.len() {
        if s.is(k, ",") {
            if let Some(m) =
                s.mentions.iter().find(|m| m.tok_start == k + 1 && s.is_any(m.tok_end, SPEECH))
            {
                let text = s.text[s.tokens[m.tok_start].start..s.tokens[m.tok_end].end].to_string();
                let source = Some(m.entity.clone()).filter(|e| !e.country.is_empty());
                return Some(Attribution { text, source });
            }
            if s.is_any(k + 1, SPEECH) {
                if let Some(m) = s.mentions.iter().find(|m| m.tok_start == k + 2) {
                    let text =
                        s.text[s.tokens[k + 1].start..s.tokens[m.tok_end - 1].end].to_string();
                    return Some(Attribution {
                        text,
                        source: Some(m.entity.clone()).filter(|e| !e.country.is_empty()),
                    });
                }
            }
        }
    }
    None
}

/// "citing X" alone.
fn citing(s: &Sentence<'_>) -> Option<Attribution> {
    for k in 0..s.tokens.len() {
        if s.is(k, "citing") {
            let end = (k + 1..s.tokens.len())
                .find(|&e| s.is_any(e, &[",", ".", ";"]))
                .unwrap_or(s.tokens.len());
            if end > k + 1 {
                let text = s.text[s.tokens[k + 1].start..s.tokens[end - 1].end].to_string();
                let source = s
                    .mentions
                    .iter()
                    .find(|m| m.tok_start > k && m.tok_start < end && m.kind == Kind::Actor)
                    .map(|m| m.entity.clone());
                return Some(Attribution { text, source });
            }
        }
    }
    None
}
