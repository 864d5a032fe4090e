//! Trigger candidates: where the event words of a sentence are, and which dictionary row each
//! one is.

use super::*;

/// The trigger candidates of one sentence, as token ranges: dictionary matches on word
/// boundaries that are not capitalised names or inside a name, each with its chosen row.
pub(super) fn find(
    coder: &Coder,
    s0: &Sentence<'_>,
    sentence: &dyad_model::Sentence,
    all_triggers: &[aho_corasick::Match],
) -> Vec<Candidate> {
    let triggers = coder.triggers;
    let lo = all_triggers.partition_point(|m| m.start() < sentence.start);
    let mut candidates: Vec<Candidate> = Vec::new();
    for m in all_triggers[lo..].iter().take_while(|m| m.start() < sentence.end) {
        if crate::tokens::alnum_before(s0.text, m.start())
            || crate::tokens::alnum_after(s0.text, m.end())
        {
            continue;
        }
        let Some(tok_start) = s0.tokens.iter().position(|t| t.start == m.start()) else {
            continue;
        };
        let Some(tok_end) = s0.tokens.iter().position(|t| t.end == m.end()).map(|e| e + 1) else {
            continue;
        };
        // A capitalised word inside a sentence is a name or a month ("March", "Freedom
        // Edge"), not an event word.
        let first_word = tok_start == 0
            || s0.tokens[..tok_start].iter().all(|t| !t.word)
            || (tok_start > 0
                && is_any(s0.text, &s0.tokens[tok_start - 1], &["“", "\"", ":", "—", "("]));
        if !first_word
            && s0.text[s0.tokens[tok_start].start..].starts_with(|c: char| c.is_uppercase())
        {
            continue;
        }
        // Inside a name ("the Defence Ministry", "Strike Force"): not a trigger.
        if s0.mentions.iter().any(|mm| {
            mm.tok_start <= tok_start && tok_end <= mm.tok_end && mm.kind != Kind::Modifier
        }) {
            continue;
        }
        // A dictionary phrase none of whose rows fits here may be its first words read by a
        // hand-written row ("met with Kim": PETRARCH2's "meet with" has object rows only;
        // "meet" is the meeting). A dictionary row of the shorter words is no reading of the
        // phrase ("looking for a way" is not "look … way").
        let shorter = (tok_start + 1..tok_end).rev().filter_map(|end| {
            let pattern = triggers.exact(s0.text, m.start(), s0.tokens[end - 1].end)?;
            Some((pattern, end))
        });
        let chosen = std::iter::once((m.pattern().as_usize(), tok_end)).chain(shorter).find_map(
            |(pattern, end)| {
                let choice = choose_trigger(coder, s0, &triggers.forms[pattern], tok_start, end)?;
                (end == tok_end || !triggers.rows[choice.0].dictionary)
                    .then_some((choice.0, choice.1, end))
            },
        );
        if let Some((row, form, tok_end)) = chosen {
            candidates.push(Candidate { trigger: row, form, tok_start, tok_end });
        }
    }
    candidates
}

/// Chooses which trigger row a matched word stands for, checking part of speech and the
/// object class some rows require.
fn choose_trigger(
    coder: &Coder,
    s: &Sentence<'_>,
    rows: &[(usize, Form)],
    t: usize,
    t_end: usize,
) -> Option<(usize, Form)> {
    let triggers = coder.triggers;
    let has_verb = rows.iter().any(|(r, _)| triggers.rows[*r].pos == Pos::Verb);
    let has_noun = rows.iter().any(|(r, _)| triggers.rows[*r].pos == Pos::Noun);
    let verb_context = verb_context(s, t);
    // "in order to" is a purpose phrase, not an order.
    if t > 0 && s.is(t - 1, "in") && s.is(t_end, "to") {
        return None;
    }
    // "new EU sanctions on Russia", "US strikes on Houthi targets": a verb in -s takes its
    // object directly; before "on" or "against" the word is the plural noun.
    // ("the union protests against …" is the verb: a group, not a name used as a modifier).
    let plural_before_aim = s.word(t_end.saturating_sub(1)).ends_with('s')
        && s.is_any(t_end, &["on", "against", "upon"])
        && s.mentions.iter().any(|m| {
            m.tok_end == t && m.kind == Kind::Actor && !m.is_person && m.entity.sector.is_empty()
        })
        && rows.iter().any(|(r, f)| triggers.rows[*r].pos == Pos::Noun && *f == Form::Plural);
    let want = match (has_verb, has_noun) {
        (true, true) if verb_context && !plural_before_aim => Pos::Verb,
        (true, true) => Pos::Noun,
        (true, false) => Pos::Verb,
        _ => Pos::Noun,
    };
    // "-ing" forms after a determiner are nouns; they have no noun row, so they are skipped.
    let mut accepted: Option<Vec<(u32, u32)>> = None;
    let mut accepted_near: Option<Vec<(u32, u32)>> = None;
    // The verb reading first where the context asks for one; a noun reading when no verb
    // form fits ("agreed to concessions": "to" takes the base form).
    let order: &[Pos] = match want {
        Pos::Verb if has_noun => &[Pos::Verb, Pos::Noun],
        Pos::Verb => &[Pos::Verb],
        Pos::Noun => &[Pos::Noun],
    };
    for &(row, form) in
        order.iter().flat_map(|&pos| rows.iter().filter(move |(r, _)| triggers.rows[*r].pos == pos))
    {
        let trigger = &triggers.rows[row];
        if trigger.pos == Pos::Verb && !verb_form_fits(trigger, s, form, t, t_end, verb_context) {
            continue;
        }
        if trigger.object_words {
            // The rows whose object words follow the verb (within six words for a light
            // verb, eight otherwise), looked up once per match; in the passive the object
            // stands before the verb ("grenades were hurled", "a ceasefire was declared").
            let (cache, reach) =
                if trigger.light { (&mut accepted_near, 6) } else { (&mut accepted, 8) };
            let found = cache.get_or_insert_with(|| {
                let to = object_reach(triggers, s, t_end, reach);
                let mut found = object_rows(triggers, s, t_end, to, false);
                found.extend(passive_object_rows(triggers, s, form, t, reach));
                nearest_rows(rows, found)
            });
            if found.binary_search_by_key(&(row as u32), |f| f.0).is_err() {
                continue;
            }
        }
        if let Some(class) = trigger.object {
            if !object_class_found(coder, s, trigger, class, form, t, t_end) {
                continue;
            }
        }
        return Some((row, form));
    }
    None
}

/// Whether the word before token `t` makes a verb reading likely: an auxiliary, a modal, a
/// pronoun subject, an adverb, a verb of aspect, a day, or an actor mention right before it.
fn verb_context(s: &Sentence<'_>, t: usize) -> bool {
    // An opening quote does not part a verb from what governs it ("promised to \"cease …").
    let mut prev = t.checked_sub(1);
    while let Some(p) = prev.filter(|&p| p > 0 && s.is_any(p, &["\"", "“", "‘", "'"])) {
        prev = Some(p - 1);
    }
    // "bowed to pressure", "gave in to demands": "to" after a verb of yielding is a
    // preposition; a noun follows.
    if prev.is_some_and(|p| p > 0 && s.is(p, "to") && s.is_any(p - 1, YIELDING)) {
        return false;
    }
    prev.is_some_and(|p| {
        s.is_any(
            p,
            &[
                "to",
                "will",
                "would",
                "could",
                "can",
                "may",
                "might",
                "must",
                "should",
                "not",
                "n't",
                "has",
                "have",
                "had",
                "did",
                "does",
                "do",
                "also",
                "it",
                "they",
                "he",
                "she",
                "we",
                "who",
                "which",
                "that",
                "then",
                "already",
                "reportedly",
                "allegedly",
                "jointly",
                "repeatedly",
                "still",
                "now",
                "never",
                "often",
                "again",
                "keep",
                "keeps",
                "kept",
                "continue",
                "continues",
                "continued",
                "stopped",
                "started",
                "began",
                "resumed",
                "help",
                "helps",
                "helped",
                "helping",
            ],
        ) || s.is_any(p, DAY_WORDS) && !after_verb_and_day(s, p)
            // An adverb, not an adjective in -ly ("a deadly attack", "a costly war").
            || s.word(p).ends_with("ly") && !s.is_any(p, LY_ADJECTIVES)
    }) || prev.is_some_and(|p| {
        s.mentions.iter().any(|m| m.tok_end == p + 1 && m.kind == Kind::Actor && !m.possessive)
    })
        // "are fighting", "were shelling": a progressive, not the noun "fighting".
        || prev.is_some_and(|p| {
            s.word(t).ends_with("ing") && s.is_any(p, &["is", "are", "was", "were", "been", "be"])
        })
}

/// Adjectives in -ly, before a noun rather than a verb.
const LY_ADJECTIVES: &[&str] = &[
    "deadly",
    "costly",
    "bloody",
    "friendly",
    "unfriendly",
    "early",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "elderly",
    "lonely",
    "lovely",
    "orderly",
    "timely",
    "ugly",
    "holy",
];

/// "denied on Thursday charges by …": a day after a verb in the past parts that verb from
/// its object, not a subject from its verb.
fn after_verb_and_day(s: &Sentence<'_>, day: usize) -> bool {
    let mut k = day;
    while k > 0 && (s.is_any(k, DAY_WORDS) || s.is_any(k, &["on", "last", "this", "next"])) {
        k -= 1;
    }
    k < day
        && s.tokens[k].word
        && s.word(k).ends_with("ed")
        && s.word(k).starts_with(|c: char| c.is_ascii_lowercase())
}

/// Whether a verb row's matched `form` reads as a verb here.
///
/// Present forms need a subject or an auxiliary right before them ("artillery
/// shells" is no shelling); a participle after a determiner is an adjective
/// ("the occupied territories").
fn verb_form_fits(
    trigger: &Trigger,
    s: &Sentence<'_>,
    form: Form,
    t: usize,
    t_end: usize,
    verb_context: bool,
) -> bool {
    let prev = t.checked_sub(1);
    let after_determiner = prev.is_some_and(|p| s.is_any(p, DETERMINERS));
    match form {
        // "to" takes the base form: "to demands" is a noun.
        Form::Third if prev.is_some_and(|p| s.is(p, "to")) => false,
        Form::Base | Form::Third => verb_context,
        // "use U.S. provided weapons", "with Iranian-made drones": a participle
        // between a modifier and its noun after "use"/"with" is an adjective.
        // A dictionary verb's participle right after a noun is a reduced relative
        // ("alliances aimed at Russia"): it needs a subject or auxiliary before it.
        // A reduced relative is passive, so a determiner right after the verb makes
        // it finite ("the group declared a ceasefire").
        Form::Past
            if trigger.dictionary
                && !verb_context
                && !s.is_any(t_end, DETERMINERS)
                && prev.is_some_and(|p| {
                    s.tokens[p].word
                        && s.word(p).starts_with(|c: char| c.is_ascii_lowercase())
                        && !s.is_any(p, BE)
                        && !s.is_any(p, &["been", "being"])
                        && !s.mentions.iter().any(|m| m.tok_end == p + 1)
                }) =>
        {
            false
        }
        Form::Past => {
            let modifier_participle = s.mentions.iter().any(|m| {
                m.tok_end == t
                    && m.tok_start > 0
                    && s.is_any(m.tok_start - 1, &["use", "uses", "used", "using", "with"])
            });
            !after_determiner && !modifier_participle
        }
        Form::Gerund => gerund_governed(s, t, t_end, verb_context),
        Form::Plural => true,
    }
}

/// A gerund needs its own subject or a governing word before it ("is
/// sending", "Washington sending", "accused of supplying"); after a plain
/// noun it is a participle ("sanctions targeting firms").
fn gerund_governed(s: &Sentence<'_>, t: usize, t_end: usize, verb_context: bool) -> bool {
    let prev = t.checked_sub(1);
    prev.is_none()
        || verb_context
        || s.is(t_end, "that")
        || prev.is_some_and(|p| {
            s.is_any(p, BE)
                // "denied sending missiles": what is denied is coded, negated.
                || s.is_any(p, super::irrealis::DENYING)
                // "is considering sending missiles": coded, hypothetical.
                || super::irrealis::weighs_an_act(s, p)
                || s.is_any(
                    p,
                    &[
                        "of",
                        "by",
                        "after",
                        "before",
                        "while",
                        "in",
                        "for",
                        "from",
                        "without",
                        "on",
                        "continue",
                        "continues",
                        "continued",
                        "keep",
                        "keeps",
                        "kept",
                        "start",
                        "started",
                        "began",
                        "stop",
                        "stopped",
                        "resumed",
                        "including",
                        ",",
                        "and",
                        "or",
                    ],
                )
        })
}

/// Whether the object class a row requires is found: after the verb (or before it, in the
/// passive), or before or after the noun.
fn object_class_found(
    coder: &Coder,
    s: &Sentence<'_>,
    trigger: &Trigger,
    class: usize,
    form: Form,
    t: usize,
    t_end: usize,
) -> bool {
    let triggers = coder.triggers;
    match trigger.pos {
        // A named person is a person ("will release Prime Minister Mahendra Chaudhry").
        Pos::Verb
            if triggers.class_names.get(class).is_some_and(|c| c == "PERSONS")
                && s.mentions
                    .iter()
                    .any(|m| m.is_person && m.tok_start >= t_end && m.tok_start <= t_end + 3) =>
        {
            true
        }
        // A named place is territory ("captured Bakhmut", "retook the city of Kherson").
        Pos::Verb
            if triggers.class_names.get(class).is_some_and(|c| c == "TERRITORY")
                && s.mentions.iter().any(|m| {
                    m.kind == Kind::Place && m.tok_start >= t_end && m.tok_start <= t_end + 1
                }) =>
        {
            true
        }
        Pos::Verb => {
            // "agreed that the truce had failed": a clause of its own is not the object.
            let clause_follows = s.is_any(after_day(s.text, s.tokens, t_end), &["that", "whether"]);
            let reach = object_reach(triggers, s, t_end, 8);
            // "urged the lifting of sanctions" asks for their end.
            let undone = triggers.class_names.get(class).is_some_and(|c| c == "SANCTIONS")
                && (t_end..reach).any(|k| s.is_any(k, UNDOING));
            !clause_follows && !undone && has_class(coder, s, t_end, reach, class)
                // In the passive the object is the subject: "a curfew was imposed".
                || form == Form::Past
                    && (t.saturating_sub(2)..t).any(|k| s.is_any(k, BE))
                    && has_class(coder, s, t.saturating_sub(6), t, class)
                // Fighting stops and ends of itself: "the fighting stopped", "hostilities
                // have ceased".
                || triggers.class_names.get(class).is_some_and(|c| c == "HOSTILITIES")
                    && form != Form::Base
                    && has_class(coder, s, t.saturating_sub(5), t, class)
                    && !s.mentions.iter().any(|m| m.tok_start < t && m.tok_end + 5 >= t)
        }
        // "artillery shipments", or "shipments of artillery".
        Pos::Noun => {
            has_class(coder, s, t.saturating_sub(2), t, class)
                || (s.is(t_end, "of")
                    && has_class(coder, s, t_end + 1, (t_end + 5).min(s.tokens.len()), class))
        }
    }
}

/// Where the object of the verb ending at `t_end` may stand, `reach` words at most: "urged
/// Iran to lift sanctions": the object of the infinitive of a party that is told to act is
/// the infinitive's ("suspended plans to impose curfews" keeps its object: the plans are the
/// curfews).
fn object_reach(triggers: &Triggers, s: &Sentence<'_>, t_end: usize, reach: usize) -> usize {
    let limit = (t_end + reach).min(s.tokens.len());
    (t_end + 1..limit)
        .find(|&k| {
            s.is(k, "to")
                && (s.mentions.iter().any(|m| m.tok_end == k)
                    || s.is_any(k - 1, &["them", "him", "her", "it", "us"]))
                && base_verb_at(triggers, s, k + 1)
        })
        .unwrap_or(limit)
}

/// Whether the word at `k` is the base form of a verb: of a trigger verb, or of a verb too
/// common to be one ("to be", "to make").
fn base_verb_at(triggers: &Triggers, s: &Sentence<'_>, k: usize) -> bool {
    const COMMON: &[&str] =
        &["be", "have", "do", "make", "take", "get", "give", "keep", "put", "let", "go", "come"];
    if k >= s.tokens.len() || !s.tokens[k].word {
        return false;
    }
    let w = s.word(k);
    if !w.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    if COMMON.contains(&w) {
        return true;
    }
    triggers.find(w).iter().any(|m| {
        m.start() == 0
            && m.end() == w.len()
            && triggers.forms[m.pattern().as_usize()]
                .iter()
                .any(|&(row, form)| form == Form::Base && triggers.rows[row].pos == Pos::Verb)
    })
}

/// Of the rows found with their object word's distance from the verb, those of this match
/// (`rows`) whose object word is the nearest, sorted by row: "launched many similar attacks
/// during its campaign" is about attacks, whatever row order says.
fn nearest_rows(rows: &[(usize, Form)], mut found: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    found.retain(|f| rows.iter().any(|r| r.0 as u32 == f.0));
    let Some(nearest) = found.iter().map(|f| f.1).min() else { return found };
    found.retain(|f| f.1 == nearest);
    found.sort_unstable();
    found
}

/// In the passive ("grenades were hurled", "a ceasefire was declared"), the rows whose object
/// words stand in the `reach` words before the verb at `t`, back to a comma; none otherwise.
fn passive_object_rows(
    triggers: &crate::triggers::Triggers,
    s: &Sentence<'_>,
    form: Form,
    t: usize,
    reach: usize,
) -> Vec<(u32, u32)> {
    if !(form == Form::Past && (1..=2).any(|back| t >= back && s.is_any(t - back, BE))) {
        return Vec::new();
    }
    let from = (0..t)
        .rev()
        .take(reach)
        .find(|&k| s.is_any(k, &[",", ";", ":"]))
        .map_or(t.saturating_sub(reach), |k| k + 1);
    object_rows(triggers, s, from, t, true)
}

/// The rows whose literal object words (a plural in the text also counts) stand between
/// tokens `from` and `to`, before the clause ends, each with the distance of the word from
/// the verb (at `from`, or at `to` when the words stand before it).
fn object_rows(
    triggers: &crate::triggers::Triggers,
    s: &Sentence<'_>,
    from: usize,
    to: usize,
    before_verb: bool,
) -> Vec<(u32, u32)> {
    let mut found = Vec::new();
    let mut buf = String::new();
    for k in from..to {
        if s.is_any(k, &[".", ";", ":"]) {
            break;
        }
        // "ruled that the police must return …": what a clause of its own says is not the
        // verb's object.
        if !before_verb && s.is_any(k, &["that", "whether", "because", "although"]) {
            break;
        }
        // "announced it will impose sanctions": a pronoun and an auxiliary open a clause of
        // their own, whose words are its verb's.
        if !before_verb
            && s.is_any(k, &["it", "they", "he", "she", "we"])
            && s.is_any(k + 1, CLAUSE_AUXILIARIES)
        {
            break;
        }
        // "issued a statement condemning military cooperation": a participle after a noun
        // opens a phrase of its own, whose words are not the verb's object.
        if !before_verb && k > from && participle_after_noun(s, k) {
            break;
        }
        buf.clear();
        for (n, tk) in s.tokens[k..to].iter().take(triggers.max_class_words.min(3)).enumerate() {
            if n > 0 {
                buf.push(' ');
            }
            buf.push_str(&s.text[tk.start..tk.end]);
            buf.make_ascii_lowercase();
            let singular = buf.strip_suffix("es").into_iter().chain(buf.strip_suffix('s'));
            for w in std::iter::once(buf.as_str()).chain(singular) {
                if let Some(rows) = triggers.object_rows.get(w) {
                    let distance = if before_verb { to - k } else { k - from };
                    found.extend(rows.iter().map(|&r| (r, distance as u32)));
                }
            }
        }
    }
    found
}

/// Whether token `k` is a participle in -ing right after a common noun ("a statement
/// condemning", "troops fighting"), not after a determiner, preposition or adverb ("the
/// growing cooperation", "of fighting").
fn participle_after_noun(s: &Sentence<'_>, k: usize) -> bool {
    let (w, prev) = (s.word(k), s.word(k - 1));
    w.len() > 5
        && w.ends_with("ing")
        && prev.len() > 2
        && prev.bytes().all(|b| b.is_ascii_lowercase())
        && !prev.ends_with("ly")
        && !s.is_any(k - 1, DETERMINERS)
        && !s.is_any(k - 1, PREPOSITIONS)
        && !s.is_any(k - 1, &["and", "or", "but", "is", "are", "was", "were", "be", "been"])
}

pub(super) fn has_class(
    coder: &Coder,
    s: &Sentence<'_>,
    from: usize,
    to: usize,
    class: usize,
) -> bool {
    let triggers = coder.triggers;
    let bit = 1u64 << class;
    let mut buf = String::new();
    for k in from..to {
        if s.is_any(k, &[".", ";", ":"]) {
            break;
        }
        for n in 1..=triggers.max_class_words {
            if k + n > to {
                break;
            }
            buf.clear();
            for (i, tk) in s.tokens[k..k + n].iter().enumerate() {
                if i > 0 {
                    buf.push(' ');
                }
                buf.push_str(&s.text[tk.start..tk.end]);
            }
            buf.make_ascii_lowercase();
            if triggers.class_words.get(&buf).is_some_and(|b| b & bit != 0) {
                return true;
            }
        }
    }
    false
}

/// Words before "to" that make it a preposition of yielding ("bowed to", "gave in to").
const YIELDING: &[&str] = &[
    "in",
    "bow",
    "bows",
    "bowed",
    "bowing",
    "yield",
    "yields",
    "yielded",
    "yielding",
    "accede",
    "accedes",
    "acceded",
    "acceding",
    "succumb",
    "succumbs",
    "succumbed",
    "submit",
    "submitted",
];

/// Verbs of impact, which say what an event did rather than name one ("hit by a cyber attack").
/// Verbs of aspect: they tell when the event of their complement begins, goes on or
/// comes back.
const ASPECT_VERBS: &[&str] = &[
    "begin",
    "begins",
    "began",
    "begun",
    "beginning",
    "start",
    "starts",
    "started",
    "starting",
    "continue",
    "continues",
    "continued",
    "continuing",
    "resume",
    "resumes",
    "resumed",
    "resuming",
    "keep",
    "keeps",
    "kept",
    "keeping",
];

const IMPACT_VERBS: &[&str] = &[
    "hit",
    "hits",
    "hitting",
    "strike",
    "strikes",
    "struck",
    "striking",
    "affect",
    "affected",
    "affects",
    "disrupt",
    "disrupted",
    "disrupts",
    "cripple",
    "crippled",
    "cripples",
    "paralyse",
    "paralysed",
    "paralyze",
    "paralyzed",
    "damage",
    "damaged",
    "damages",
];

/// Whether a candidate is part of another candidate's event rather than an event of its own:
/// the verb an intent verb introduces, a nominal event that a request, rejection or
/// agreement governs, what is stopped, a noun repeating its verb's event.
pub(super) fn superseded(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    SUPERSEDING_RULES.iter().any(|rule| rule(triggers, s, candidates, cand))
}

/// One rule by which a candidate gives way to another candidate of its sentence.
type SupersedingRule = fn(&Triggers, &Sentence<'_>, &[Candidate], &Candidate) -> bool;

/// The rules of [`superseded`], in the order they are tried.
const SUPERSEDING_RULES: &[SupersedingRule] = &[
    intent_to_verb,
    helped_hostile_act,
    intended_hostile_noun,
    promised_concession,
    obligation_content,
    agreed_concession,
    governed_noun,
    impact_of_event_noun,
    claimed_responsibility,
    stopped_gerund,
    fighting_that_stopped,
    aspect_complement,
    help_of_moved_forces,
    ordered_named_event,
    lodged_protest,
    noun_repeating_verb,
    noun_as_manner,
    in_protest_phrase,
    weighing_an_act,
    light_verb_restated,
    light_verb_of_event_noun,
];

/// An intent verb followed by "to VERB" marks that verb as future instead. Agreeing
/// to a concession is that concession (PLOVER: "agree to lift the curfew" is
/// CONCEDE); agreeing to cooperate stays an agreement.
fn intent_to_verb(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    (trigger.intent || trigger.event == EventType::Agree && trigger.reciprocal)
        && s.is(after_day(s.text, s.tokens, cand.tok_end), "to")
        && candidates.iter().any(|c| {
            let content = &triggers.rows[c.trigger];
            c.tok_start > cand.tok_end
                && c.tok_start <= after_day(s.text, s.tokens, cand.tok_end) + 3
                && content.pos == Pos::Verb
                && (trigger.intent
                    || matches!(content.event, EventType::Concede | EventType::Retreat))
        })
}

/// "sent troops to help fight Ukraine": helping to do a hostile act is taking part in it;
/// the act is the event, not aid to its target.
fn helped_hostile_act(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    trigger.pos == Pos::Verb
        && matches!(trigger.lemma.as_str(), "help" | "assist")
        && candidates.iter().any(|c| {
            let content = &triggers.rows[c.trigger];
            content.pos == Pos::Verb
                && content.event.quad_code() >= 3
                && (c.tok_start == cand.tok_end
                    || c.tok_start == cand.tok_end + 1 && s.is(cand.tok_end, "to"))
        })
}

/// "is planning a new offensive": a hostile act intended is that act, in the future,
/// not an agreement.
fn intended_hostile_noun(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    trigger.intent
        && trigger.pos == Pos::Verb
        && candidates.iter().any(|c| intends_hostile_noun(triggers, s, cand, c))
}

/// "promised to work with Dhaka to scrap the restrictions": what is promised further on
/// is a concession, which stands for the promise.
fn promised_concession(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    candidates.iter().any(|c| promises_concession(triggers, s, cand, c))
}

/// "must return", "must hand over": the obligation is the content event's, which the
/// coder turns into the speaker's demand.
fn obligation_content(
    triggers: &Triggers,
    _s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let t = cand.tok_start;
    triggers.rows[cand.trigger].obligation
        && candidates.iter().any(|c| c.tok_start > t && c.tok_start <= cand.tok_end + 3)
}

/// Promising, offering or agreeing to a concession or a withdrawal is that concession
/// (PLOVER: "promised concessions to the opposition" is CONCEDE, an announced withdrawal
/// too): the agreement verb gives way to the noun it governs.
fn agreed_concession(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    trigger.pos == Pos::Verb
        && trigger.event == EventType::Agree
        && candidates.iter().any(|c| governs_concession(triggers, s, cand, c))
}

/// A nominal event that another event's verb governs is not a new event: demanded,
/// rejected or agreed to, it has not happened ("demanded the withdrawal of Serbian
/// forces", "signed an agreement"); lifted, renewed or ended, the verb is the news
/// ("lifted a blockade", "failed to renew sanctions"). Only what is condemned or
/// protested stands as an event of its own ("condemned the provision of shells").
fn governed_noun(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let t = cand.tok_start;
    triggers.rows[cand.trigger].pos == Pos::Noun
        && verb_candidate(triggers, candidates, |governing, c| {
            // A bare dictionary verb ("increased its investment") says less than its noun.
            !governing.dyadic
                && matches!(
                    governing.event,
                    EventType::Request
                        | EventType::Reject
                        | EventType::Agree
                        | EventType::Support
                        | EventType::Concede
                        | EventType::Retreat
                        // "ended its defence cooperation", "froze aid": what is stopped
                        // is not news of its own.
                        | EventType::Sanction
                )
                && (noun_object(s, c, cand, 3)
                    || governing.event == EventType::Agree && s.commits_to(c.tok_end - 1, t)
                    || yielded_to(s, c, cand))
                && !governs_concession(triggers, s, c, cand)
                && !intends_hostile_noun(triggers, s, c, cand)
                && !s.is_any(c.tok_start, ORDER_VERBS)
        })
}

/// "was hit by a cyber attack", "a ransomware attack hit the refinery": a verb of impact
/// whose agent is an event noun of another type tells what that event did; the noun
/// is the event.
fn impact_of_event_noun(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    trigger.pos == Pos::Verb
        && trigger.event == EventType::Assault
        && s.is_any(t, IMPACT_VERBS)
        && candidates.iter().any(|c| {
            let agent = &triggers.rows[c.trigger];
            agent.pos == Pos::Noun
                && agent.event != trigger.event
                && (c.tok_end <= t && t - c.tok_end <= 2
                    || s.is_any(cand.tok_end, &["by", "with"])
                        && c.tok_start > cand.tok_end
                        && c.tok_start <= cand.tok_end + 4)
        })
}

/// "claimed responsibility for the attack" is no accusation: the attack is the event, and
/// the claimant its actor.
fn claimed_responsibility(
    triggers: &Triggers,
    s: &Sentence<'_>,
    _candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    triggers.rows[cand.trigger].pos == Pos::Verb && s.is_any(cand.tok_end, RESPONSIBILITY)
}

/// "the fighting stopped": fighting that stops is the ceasefire's subject, not news of its own.
fn fighting_that_stopped(
    triggers: &Triggers,
    _s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    trigger.pos == Pos::Noun
        && trigger.event == EventType::Assault
        && verb_candidate(triggers, candidates, |stop, c| {
            stop.event == EventType::Retreat
                && stop.mode == "ceasefire"
                && c.tok_start >= cand.tok_end
                && c.tok_start <= cand.tok_end + 4
        })
}

/// "launched strikes on …", "carried out raids": a light verb whose object is an event noun
/// of another type gives way to the noun, which names the event (the verb's own rows would
/// read "strikes" as a walkout, "missile strikes" as a missile launch).
fn light_verb_of_event_noun(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    trigger.pos == Pos::Verb
        && cand.tok_end == cand.tok_start + 1
        && s.is_any(cand.tok_start, CARRYING_OUT)
        && candidates.iter().any(|c| {
            let noun = &triggers.rows[c.trigger];
            noun.pos == Pos::Noun && noun.event != trigger.event && noun_object(s, cand, c, 3)
        })
}

/// Verbs that only carry out the event their object names ("launched strikes", "mounted
/// raids"); verbs that announce, begin or give something keep their own meaning.
const CARRYING_OUT: &[&str] = &[
    "launch",
    "launched",
    "launches",
    "launching",
    "conduct",
    "conducted",
    "conducts",
    "conducting",
    "stage",
    "staged",
    "stages",
    "staging",
    "mount",
    "mounted",
    "mounts",
    "mounting",
    "undertake",
    "undertook",
    "undertaken",
    "undertakes",
    "perform",
    "performed",
    "performs",
    "performing",
];

/// Whether a verb candidate of the sentence passes `test` (given its row and itself).
pub(super) fn verb_candidate(
    triggers: &Triggers,
    candidates: &[Candidate],
    test: impl Fn(&Trigger, &Candidate) -> bool,
) -> bool {
    candidates.iter().any(|c| {
        let row = &triggers.rows[c.trigger];
        row.pos == Pos::Verb && test(row, c)
    })
}

/// "agreed to stop fighting", "halted shelling": what is stopped is not an event.
fn stopped_gerund(
    _triggers: &Triggers,
    s: &Sentence<'_>,
    _candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let t = cand.tok_start;
    cand.form == Form::Gerund
        && t > 0
        && s.is_any(
            t - 1,
            &[
                "stop",
                "stops",
                "stopped",
                "halt",
                "halts",
                "halted",
                "cease",
                "ceases",
                "ceased",
                "end",
                "ends",
                "ended",
                "suspend",
                "suspended",
                "quit",
                "quits",
            ],
        )
}

/// "began investigating", "continued to shell", "resumed attacking": a verb of aspect
/// whose complement is an event verb only says when that event happens; the event is
/// the complement's.
fn aspect_complement(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    if triggers.rows[cand.trigger].pos != Pos::Verb || !s.is_any(cand.tok_start, ASPECT_VERBS) {
        return false;
    }
    let mut next = after_day(s.text, s.tokens, cand.tok_end);
    if s.is(next, "to") {
        next += 1;
    }
    verb_candidate(triggers, candidates, |_, c| c.tok_start == next)
}

/// "police were called in to help control the crowds", "troops deployed to assist the
/// police": help given by forces moved is the purpose of their moving, which is the event.
fn help_of_moved_forces(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    trigger.pos == Pos::Verb
        && trigger.event == EventType::Aid
        && t > 0
        && s.is(t - 1, "to")
        && candidates.iter().any(|c| {
            let moved = &triggers.rows[c.trigger];
            moved.event == EventType::Mobilize
                && moved.pos == Pos::Verb
                && c.tok_end < t
                && t - c.tok_end <= 6
                && (c.tok_end..t - 1).all(|k| !s.is_any(k, &[",", ";", "and", "but"]))
        })
}

/// "ordered the arrest of the editor", "ordered an inquiry": what is ordered by name is the
/// event, made by the one who ordered it; the order is not a request of its own.
fn ordered_named_event(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    triggers.rows[cand.trigger].pos == Pos::Verb
        && s.is_any(cand.tok_start, ORDER_VERBS)
        && candidates
            .iter()
            .any(|c| triggers.rows[c.trigger].pos == Pos::Noun && noun_object(s, cand, c, 3))
}

/// "lodged an official protest with Albania": the protest is the complaint the verb
/// already codes.
fn lodged_protest(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    trigger.pos == Pos::Noun
        && trigger.event == EventType::Protest
        && verb_candidate(triggers, candidates, |governing, c| {
            governing.event == EventType::Accuse
                && governing.object.is_some()
                && noun_object(s, c, cand, 3)
        })
}

/// "fired tear gas", "staged attacks": a noun of the same event type as the verb
/// just before it names that verb's event again; so do drills after "held joint".
fn noun_repeating_verb(
    triggers: &Triggers,
    _s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    // "held joint naval exercises": drills held jointly are the verb's cooperation.
    let joint_drills = |governing: &Trigger| {
        governing.event == EventType::Cooperate && trigger.event == EventType::Mobilize
    };
    trigger.pos == Pos::Noun
        && verb_candidate(triggers, candidates, |governing, c| {
            !governing.dyadic
                && (governing.event == trigger.event || joint_drills(governing))
                && c.tok_end <= t
                && t - c.tok_end <= 3
        })
}

/// "fired missiles in protest at the drills", "recalled its envoy in protest": "in protest"
/// after a verb of force, pressure or a weapons launch says why that act was done; it is no
/// demonstration of its own (after a crowd's gathering it is: "massed outside the consulate
/// in protest", where "massed" reads as MOBILIZE of troops).
fn in_protest_phrase(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    trigger.pos == Pos::Noun
        && trigger.event == EventType::Protest
        && t > 0
        && s.is(t - 1, "in")
        && s.is(t, "protest")
        && verb_candidate(triggers, candidates, |governing, c| {
            (matches!(
                governing.event,
                EventType::Assault | EventType::Threaten | EventType::Sanction | EventType::Coerce
            ) || governing.event == EventType::Mobilize && governing.mode == "weapons")
                && c.tok_end < t
                && t - c.tok_end <= 12
        })
}

/// "is weighing sending engineers to Latvia", "considered imposing sanctions": the act
/// weighed is the event (coded, hypothetical); the verb of weighing is none of its own
/// (PETRARCH2's "weigh … military" made it a threat to Latvia).
fn weighing_an_act(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    // Not "discussed" or "proposed", events of their own (`irrealis::PROPOSING`).
    s.is_any(cand.tok_start, super::irrealis::THINKING)
        && verb_candidate(triggers, candidates, |_, c| {
            c.tok_start == cand.tok_end && c.form == Form::Gerund
        })
}

/// "killed three soldiers in an ambush", "attacked the town in a raid": a noun of force
/// after "in" or "during", a few words after a verb of force, is how that force was used, not
/// another event (it had an unidentified actor of its own).
fn noun_as_manner(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    let force = |e: EventType| matches!(e, EventType::Assault | EventType::Coerce);
    if trigger.pos != Pos::Noun || !force(trigger.event) {
        return false;
    }
    let Some(p) = (t.saturating_sub(4)..t).rev().find(|&k| s.is_any(k, &["in", "during"])) else {
        return false;
    };
    // Only a determiner or modifiers between ("in a suspected drone strike"), not another
    // phrase ("in connection with the attack", "in retaliation for attacks").
    let modifiers = (p + 1..t).all(|k| {
        s.word(k).starts_with(|c: char| c.is_lowercase())
            && !s.is_any(k, &["with", "of", "for", "to", "on", "against", "by"])
    });
    // Nothing but the verb's object between the verb and "in": no other verb, clause or list
    // ("accused of being involved in attacks").
    let object_only = |from: usize| {
        (from..p).all(|k| {
            let w = s.word(k);
            !(w.ends_with("ed") || w.ends_with("ing") || matches!(w, "," | "and" | "or" | ";"))
        })
    };
    modifiers
        && verb_candidate(triggers, candidates, |governing, c| {
            force(governing.event)
                && c.tok_end <= p
                && p - c.tok_end <= 10
                && object_only(c.tok_end)
        })
}

/// "issued a declaration demanding that …": a light verb whose event a full verb of the same
/// type right after it states is that verb's event, with that verb's arguments.
fn light_verb_restated(
    triggers: &Triggers,
    _s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    trigger.light
        && candidates.iter().any(|c| {
            let full = &triggers.rows[c.trigger];
            full.pos == Pos::Verb
                && !full.light
                && full.event == trigger.event
                && c.tok_start >= cand.tok_end
                && c.tok_start <= cand.tok_end + 6
        })
}

/// Whether `verb`, an agreement verb, governs `noun`, a concession or withdrawal noun, within
/// three words ("promised further concessions", "offered a withdrawal").
pub(super) fn governs_concession(
    triggers: &Triggers,
    s: &Sentence<'_>,
    verb: &Candidate,
    noun: &Candidate,
) -> bool {
    let (v, n) = (&triggers.rows[verb.trigger], &triggers.rows[noun.trigger]);
    v.pos == Pos::Verb
        && v.event == EventType::Agree
        && n.pos == Pos::Noun
        && matches!(n.event, EventType::Concede | EventType::Retreat)
        && (noun_object(s, verb, noun, 3) || s.commits_to(verb.tok_end - 1, noun.tok_start))
}

/// Whether `noun` is what `verb` yields to ("bowed to the protesters' demands", "gave in to
/// pressure"): "to" after the verb, then the noun within three words.
fn yielded_to(s: &Sentence<'_>, verb: &Candidate, noun: &Candidate) -> bool {
    let to = verb.tok_end;
    s.is(to, "to")
        && s.is_any(to - 1, YIELDING)
        && noun.tok_start > to
        && noun.tok_start - to <= 4
        && (to + 1..noun.tok_start).all(|k| s.tokens[k].word && !s.is_any(k, PREPOSITIONS))
}

/// Whether `noun` follows `verb` within `reach` words, with only words (no preposition, no
/// punctuation) between: the verb's object.
fn noun_object(s: &Sentence<'_>, verb: &Candidate, noun: &Candidate, reach: usize) -> bool {
    verb.tok_end <= noun.tok_start
        && noun.tok_start - verb.tok_end <= reach
        && (verb.tok_end..noun.tok_start).all(|k| s.tokens[k].word && !s.is_any(k, PREPOSITIONS))
}

/// Whether `verb`, a verb of agreeing or promising, leads through "to" to `content`, a
/// verb of concession or withdrawal, further on in its clause ("promised to work with
/// Bangladesh to scrap the restrictions", "agreed on measures to lift the curfew", "voted to
/// disarm"): PLOVER codes a promised concession as the concession (CONCEDE), not AGREE.
pub(super) fn promises_concession(
    triggers: &Triggers,
    s: &Sentence<'_>,
    verb: &Candidate,
    content: &Candidate,
) -> bool {
    let (v, c) = (&triggers.rows[verb.trigger], &triggers.rows[content.trigger]);
    v.pos == Pos::Verb
        && (v.intent || v.event == EventType::Agree)
        && c.pos == Pos::Verb
        && matches!(c.event, EventType::Concede | EventType::Retreat)
        && content.tok_start > verb.tok_end
        && content.tok_start - verb.tok_end <= 12
        && s.is(content.tok_start - 1, "to")
        && (verb.tok_end..content.tok_start)
            .all(|k| !s.is_any(k, &[",", ";", ":", "—", "(", "but", "while", "although"]))
}

/// Whether `verb`, a verb of intention, governs `noun`, a noun of verbal or material conflict,
/// within four words ("planning a new offensive", "threatened a general strike").
fn intends_hostile_noun(
    triggers: &Triggers,
    s: &Sentence<'_>,
    verb: &Candidate,
    noun: &Candidate,
) -> bool {
    let (v, n) = (&triggers.rows[verb.trigger], &triggers.rows[noun.trigger]);
    v.intent
        && v.pos == Pos::Verb
        && n.pos == Pos::Noun
        && n.event.quad_code() >= 3
        && (noun_object(s, verb, noun, 4) || infinitive_object(s, verb, noun))
}

/// Whether `noun` is the object of an infinitive that follows `verb` ("vowed to renew their
/// campaign of attacks"): "to", a verb, and at most five more words, none of them a
/// preposition but "of", none a comma.
fn infinitive_object(s: &Sentence<'_>, verb: &Candidate, noun: &Candidate) -> bool {
    let to = after_day(s.text, s.tokens, verb.tok_end);
    s.is(to, "to")
        && noun.tok_start >= to + 2
        && noun.tok_start - to <= 7
        && (to + 1..noun.tok_start)
            .all(|k| s.tokens[k].word && (!s.is_any(k, PREPOSITIONS) || s.is(k, "of")))
}
