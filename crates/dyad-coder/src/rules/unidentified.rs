//! Unidentified actors: when an event with no named actor is still coded, and the words that
//! stand for its actor (PLOVER sector UNK).

use super::*;

/// Whether an event with no named actor is still coded, with an unidentified one: a finite
/// passive without an agent ("grenades were hurled at a patrol", "was accused of bribery"),
/// a headline's passive ("Moscow accused of meddling"), after a subject that names nobody the
/// lexicon knows ("Archbishop Desmond Tutu called for …"), or for a noun of material conflict
/// ("gun attacks near Karak left seven dead").
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
        // A finite passive ("were hurled", "was accused of bribery", "the hostages were
        // freed", "the book was banned") reports its event whether or not it names the
        // agent; a participle after its noun ("the soldiers sent to Kursk") describes the
        // noun and asserts no new event. PETRARCH2's dictionary rows are left out (their
        // bare verbs have many other senses: "thrown into doubt", "elections will be
        // held"), and so are reciprocal rows ("no agreement was reached" names no side)
        // and inverse ones. Force, a sentence or conviction (only a court convicts) and a
        // legal charge ("were arrested and charged with rioting": only prosecutors charge)
        // are events in any row.
        "passive" => {
            (matches!(trigger.event, EventType::Assault | EventType::Coerce)
                || trigger.event == EventType::Sanction && trigger.mode == "convict"
                || trigger.event == EventType::Accuse && trigger.context == "legal"
                || !(trigger.dictionary || trigger.reciprocal || trigger.inverse))
                && ((clause.start..t).rev().take(3).any(|k| s.is_any(k, BE))
                    // "There were ten soldiers killed in the attack."
                    || s.is(clause.start, "there") && s.is_any(clause.start + 1, BE)
                    // A headline's passive: "Moscow accused of meddling in Moldova vote".
                    // ("Opposition leader arrested in Moscow", "22 detainees released
                    // Monday": a headline's passive with its "be" left out, its noun
                    // first in the clause but for a determiner or a number.)
                    // "A car bomb left three engineers wounded": what an act left.
                    || (t.saturating_sub(6).max(clause.start)..t)
                        .any(|k| s.is_any(k, &["left", "leaving", "leaves", "leave"]))
                        && super::arguments::bare_passive(s, t)
                    || headline_subject(s, clause, t) && (s.is_any(t + 1, &["of", "with"])
                        || super::arguments::bare_passive(s, t)))
        }
        // "after bloody clashes", "since the invasion", "in retaliation for the strike": an
        // unnamed event in a time adjunct, or one answered, is background, not news.
        "noun" => {
            // ("in response to the troop deployment": over a modifier too).
            // ("after two days of fierce fighting", "after fifteen years of occupation": an
            // "of" phrase after the time word, within seven words.)
            street_or_armed(trigger.event)
                && !(t.saturating_sub(3)..t).any(|k| s.is_any(k, TIME_ADJUNCTS))
                && !(t.saturating_sub(7)..t).any(|k| {
                    s.is_any(k, TIME_ADJUNCTS)
                        && (k + 1..t).any(|j| s.is(j, "of"))
                        && (k + 1..t).all(|j| s.tokens[j].word)
                })
                && !(t.saturating_sub(5)..t).any(|k| {
                    s.is_any(k, &["retaliation", "revenge", "reprisal", "response"])
                        && (k + 1..t).all(|j| s.tokens[j].word)
                })
        }
        // A pronoun that found no one ("as they stormed the building") stands for an
        // unnamed actor of street or armed action only: what else "they" do is too often
        // the act of a party named before that the pronoun missed.
        "active" => {
            let words = subject_words(s, clause, t);
            let parsed = parsed_subject(s, clause, t);
            let inanimate = |w: &std::ops::Range<usize>| !w.is_empty() && no_agent(s, w.end - 1);
            if parsed.as_ref().is_some_and(inanimate) || parsed.is_none() && inanimate(&words) {
                return false;
            }
            !words.is_empty()
                || parsed.is_some_and(|w| {
                    !(w.len() == 1 && s.is_any(w.start, SUBJECT_PRONOUNS))
                        || street_or_armed(trigger.event)
                })
        }
        _ => false,
    }
}

/// Whether the word at `k`, a subject's head, names what acts without anyone behind it:
/// figures ("inflation eased", "the rupee slumped"), weather and nature ("heavy snowfall
/// closed the highway", "floodwaters submerged farmland") and a vehicle in an accident ("a
/// bus plunged into a ravine, killing 14").
fn no_agent(s: &Sentence<'_>, k: usize) -> bool {
    const NO_AGENTS: &[&str] = &[
        "inflation",
        "prices",
        "price",
        "rates",
        "rate",
        "shares",
        "stocks",
        "index",
        "indexes",
        "indices",
        "currency",
        "yields",
        "growth",
        "output",
        "exports",
        "imports",
        "unemployment",
        "deficit",
        "economy",
        "markets",
        "demand",
        "production",
        "sales",
        "profits",
        "revenue",
        "revenues",
        "dollar",
        "euro",
        "yen",
        "rupee",
        "yuan",
        "peso",
        "rouble",
        "ruble",
        "lira",
        "naira",
        "shilling",
        "rand",
        "crude",
        "snow",
        "snowfall",
        "snowfalls",
        "snowstorm",
        "snowstorms",
        "rain",
        "rainfall",
        "downpour",
        "downpours",
        "floodwaters",
        "floodwater",
        "fog",
        "ice",
        "heat",
        "wind",
        "winds",
        "gales",
        "blaze",
        "blazes",
        "flames",
        "bus",
        "minibus",
        "coach",
        "train",
        "ferry",
    ];
    s.is_any(k, NO_AGENTS) || super::screen::natural_disaster(s, k)
}

/// The words before a verb that stand where its subject would: back from the verb over
/// auxiliaries and adverbs, then up to six words to the clause start or a comma (ten for a
/// noun phrase with place phrases: "an explosion at a mosque in Peshawar"), cut to the noun
/// phrase when a verb is among them.
pub(super) fn subject_words(s: &Sentence<'_>, clause: Clause, t: usize) -> std::ops::Range<usize> {
    // "shelved a proposal to ban the party": the infinitive of a noun has for its subject
    // whoever the noun's act is, not the words before the noun; the noun's phrase stands
    // for them.
    // (Not "a bid", "an attempt", "a pledge": those are the clause subject's own.)
    const COMPLEMENTED: &[&str] = &[
        "plan",
        "plans",
        "proposal",
        "proposals",
        "move",
        "decision",
        "threat",
        "threats",
        "order",
        "orders",
        "call",
        "calls",
        "offer",
        "agreement",
        "deal",
        "law",
        "bill",
        "request",
        "demand",
        "demands",
    ];
    let end = subject_end(s, clause, t);
    let words = match subject_start(s, clause, end) {
        Some(start) if start < end => noun_phrase_of(s, start, end),
        _ => end..end,
    };
    let of_noun = t >= 3
        && s.is(t - 1, "to")
        && s.is_any(t - 2, COMPLEMENTED)
        && s.is_any(t - 3, DETERMINERS);
    if of_noun && words.start < t - 3 && words.end == t - 1 {
        t - 3..t - 1
    } else {
        words
    }
}

/// Where the subject before verb `t` ends: back over auxiliaries, adverbs, days and the
/// verb an infinitive completes ("the two leaders pledged to come …").
fn subject_end(s: &Sentence<'_>, clause: Clause, t: usize) -> usize {
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
    // "the assembly approved a motion condemning …": the author of the text said it.
    if t >= 2 && s.word(t).ends_with("ing") && s.is_any(t - 1, crate::syntax::DOCUMENTS) {
        if let Some(k) = (t.saturating_sub(5).max(clause.start)..t - 1)
            .rev()
            .find(|&k| crate::syntax::issues_text(s.word(k)))
        {
            return skip(k);
        }
    }
    let end = skip(t);
    // "pledged to come", "pledged not to sign".
    if t >= 2
        && s.is(t - 1, "to")
        && end > clause.start
        && (end..t).all(|k| s.is_any(k, &["to", "not", "never"]))
    {
        let verb = s.word(end - 1);
        if verb.starts_with(|c: char| c.is_lowercase())
            && (verb.ends_with("ed")
                || s.is_any(end - 1, INTENT_WORDS)
                || s.is_any(end - 1, &["seeks", "seek", "tries", "needs", "difficulties"]))
        {
            return skip(end - 1);
        }
    }
    end
}

/// Where the subject ending at `end` starts: at the clause start or after a comma, over up
/// to six words, or ten with place phrases after an article; `None` for a fragment.
fn subject_start(s: &Sentence<'_>, clause: Clause, end: usize) -> Option<usize> {
    let walk = |places: bool| {
        let mut start = end;
        while start > clause.start
            && end - start < if places { 10 } else { 6 }
            && s.tokens[start - 1].word
            && (!s.is_any(start - 1, PREPOSITIONS)
                || places
                    && s.is_any(start - 1, &["at", "in", "near", "outside", "around", "on", "of"]))
            && !s.is_any(start - 1, SUBORDINATORS)
            && !s.is_any(start - 1, &["it", "this", "that", "which", "who", "there", "and", "or"])
        {
            start -= 1;
        }
        start
    };
    let at_boundary =
        |start: usize| start == clause.start || s.is_any(start - 1, &[",", "—", ";", ":"]);
    let start = walk(false);
    if at_boundary(start) {
        return Some(start);
    }
    // "Hundreds of people rallied", "Dozens of students marched": a count with its "of".
    Some(walk(true)).filter(|&w| {
        at_boundary(w)
            && (s.is_any(w, &["a", "an", "the"])
                || s.is_any(w, &["hundreds", "thousands", "dozens", "scores", "tens", "millions"])
                    && s.is(w + 1, "of"))
    })
}

/// The noun phrase of the words `start..end`: with a verb among them they are a clause, and
/// the subject is the words after its last verb ("said she" → "she", "he hopes the project" →
/// "the project"), or before its first when none follow ("the F-35 sale is set" → "the F-35
/// sale", "we will try" → "we"); without a leading conjunction or adverb; none for a lone
/// adjective after "be" ("was unable to").
fn noun_phrase_of(s: &Sentence<'_>, mut start: usize, mut end: usize) -> std::ops::Range<usize> {
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
    // "but", "repeatedly" (not "family members").
    while start < end
        && (s.is_any(start, &["but", "and", "or", "so", "yet", "then"])
            || s.word(start).ends_with("ly")
                && !s.is_any(start, LY_ADJECTIVES)
                && !s.is_any(start, &["family", "ally", "rally", "assembly", "supply"]))
    {
        start += 1;
    }
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

/// Force, coercion, protest and mobilisation: the acts an unnamed actor may do and that are
/// placed where they happen.
pub(super) fn street_or_armed(event: EventType) -> bool {
    matches!(
        event,
        EventType::Assault | EventType::Protest | EventType::Coerce | EventType::Mobilize
    )
}

/// The words of the parse's nominal subject of verb `t` within its clause ("a minefield
/// explosion near the town", "army bulldozers"), or of the clause a participle modifies: a
/// noun phrase, or a subject pronoun alone ("he").
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
    if !s.tokens[n].word || s.is_any(n, &["this", "that", "which", "who"]) {
        return None;
    }
    // "we are just wanting to sign": a pronoun that found no one is its own text.
    if s.is_any(n, SUBJECT_PRONOUNS) {
        return Some(n..n + 1);
    }
    // The subject's phrase: the tokens whose head chain reaches it, contiguous around it.
    let under = |k: usize| tree.under(k, n, 8);
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
    ];
    let Some(first) = text.split_whitespace().next() else { return true };
    first.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
        || OPENERS.iter().any(|o| first.eq_ignore_ascii_case(o))
        || crate::sizes::is_number_word(first)
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
    // "Tunisia's electoral board barred …": a body the lexicon does not know belongs to the
    // country that owns it.
    let owner = s.mentions.iter().find(|m| {
        m.possessive
            && m.kind == Kind::Actor
            && !m.is_person
            && words.start <= m.tok_start
            && m.tok_start <= words.start + 1
            && m.tok_end < words.end
            && !m.entity.country.is_empty()
    });
    match owner {
        Some(m) => Entity {
            entity_text: entity_text.into(),
            code: m.entity.code.clone(),
            country: m.entity.country.clone(),
            name: m.entity.name.clone(),
            sector: "UNK".into(),
        },
        None => {
            Entity { entity_text: entity_text.into(), sector: "UNK".into(), ..Entity::default() }
        }
    }
}

/// Whether the words of `clause` before the participle at `t` are one noun phrase with a
/// mention in it, as a headline's subject: "Opposition leader", "Another 22 detainees", "Five
/// police officers", "Three Turkish engineers" (determiners, numbers and up to three other
/// words before it, none a verb or a joining word).
fn headline_subject(s: &Sentence<'_>, clause: Clause, t: usize) -> bool {
    let modifier = |k: usize| {
        s.is_any(k, DETERMINERS)
            || s.word(k).starts_with(|c: char| c.is_ascii_digit())
            || s.is_any(k, QUANTIFIERS)
            || crate::sizes::is_number_word(s.word(k))
    };
    let in_mention = |k: usize| s.mentions.iter().any(|m| m.tok_start <= k && k < m.tok_end);
    let plain = |k: usize| {
        s.tokens[k].word && in_mention(k)
            || s.tokens[k].word
                && !s.word(k).ends_with("ed")
                && !s.word(k).ends_with("ing")
                && !s.is_any(k, &["and", "or", "but", "that", "who", "which", "there"])
                && !s.is_any(k, BE)
    };
    let phrase_end =
        t > clause.start && (s.mentions.iter().any(|m| m.tok_end == t) || s.tokens[t - 1].word);
    phrase_end
        && (clause.start..t).filter(|&k| !modifier(k)).count() <= 4
        && (clause.start..t).all(|k| modifier(k) || plain(k))
        && s.mentions.iter().any(|m| m.tok_start >= clause.start && m.tok_end <= t)
}

/// Words of quantity before a headline's noun ("another 22 detainees", "at least ten people");
/// number words are `sizes::is_number_word`.
const QUANTIFIERS: &[&str] = &[
    "another",
    "more",
    "some",
    "several",
    "dozens",
    "hundreds",
    "thousands",
    "at",
    "least",
    "about",
    "nearly",
    "over",
    "around",
];
