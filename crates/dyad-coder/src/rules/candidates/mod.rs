//! Trigger candidates: where the event words of a sentence are, and which dictionary row each
//! one is (`rows`: the rows whose object class or form fits), and which candidates another
//! one supersedes (`superseding`, `restating`).

mod restating;
mod rows;
mod superseding;

use super::*;
use restating::*;
use rows::*;
use superseding::*;

pub(super) use restating::{governs_concession, promises_concession};
pub(super) use rows::has_class;
pub(super) use superseding::{superseded, verb_candidate, REPLYING, SPEECH_ACTS};

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
        if in_a_name(s0, tok_start, tok_end) {
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
    split_phrases(coder, s0, &mut candidates);
    candidates
}

/// Whether the words `tok_start..tok_end` are a name rather than an event word: capitalised
/// inside a sentence ("March", "Freedom Edge"), unless the sentence is a headline in title
/// case ("Farmers Block Highway Near Toulouse"), or inside a name mention ("the Defence
/// Ministry", "Strike Force").
fn in_a_name(s: &Sentence<'_>, tok_start: usize, tok_end: usize) -> bool {
    let first_word = tok_start == 0
        || s.tokens[..tok_start].iter().all(|t| !t.word)
        || is_any(s.text, &s.tokens[tok_start - 1], &["“", "\"", ":", "—", "("]);
    let capital = s.text[s.tokens[tok_start].start..].starts_with(|c: char| c.is_uppercase());
    // (Months and days stay names in a headline: "Iran, EU to Resume Talks in March".)
    let calendar = || {
        dyad_model::calendar::MONTHS.iter().any(|m| m.eq_ignore_ascii_case(s.word(tok_start)))
            || crate::dates::is_weekday(s.word(tok_start))
    };
    !first_word && capital && (calendar() || !crate::mentions::is_title_case(s.text, s.tokens))
        || s.mentions.iter().any(|mm| {
            mm.tok_start <= tok_start && tok_end <= mm.tok_end && mm.kind != Kind::Modifier
        })
}

/// "called on Monday for a ceasefire", "called again for talks": a phrase verb whose last
/// word comes after a day phrase or a filler. The phrase replaces a shorter reading of its
/// first words ("called on" before "Monday").
fn split_phrases(coder: &Coder, s: &Sentence<'_>, candidates: &mut Vec<Candidate>) {
    let triggers = coder.triggers;
    let mut found = Vec::new();
    for k in 0..s.tokens.len().saturating_sub(2) {
        let j = after_day(s.text, s.tokens, k + 1);
        if j == k + 1
            || j >= s.tokens.len()
            || !s.tokens[k].word
            || !s.tokens[j].word
            || in_a_name(s, k, k + 1)
        {
            continue;
        }
        let phrase = format!("{} {}", s.word(k), s.word(j)).to_ascii_lowercase();
        let Some(pattern) = triggers.exact(&phrase, 0, phrase.len()) else { continue };
        if candidates.iter().any(|c| c.tok_start == k && c.tok_end > j) {
            continue;
        }
        if let Some((row, form)) = choose_trigger(coder, s, &triggers.forms[pattern], k, j + 1) {
            found.push(Candidate { trigger: row, form, tok_start: k, tok_end: j + 1 });
        }
    }
    if found.is_empty() {
        return;
    }
    candidates
        .retain(|c| !found.iter().any(|f| f.tok_start <= c.tok_start && c.tok_start < f.tok_end));
    candidates.extend(found);
    candidates.sort_by_key(|c| c.tok_start);
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
    let verb_context = verb_context(s, t) || has_verb && has_noun && article_object(s, t_end);
    // "in order to" is a purpose phrase, not an order.
    if t > 0 && s.is(t - 1, "in") && s.is(t_end, "to") {
        return None;
    }
    // "was going to lose the war": "going to" before a verb is a future, not a going.
    if t_end >= 2 && s.is(t_end - 2, "going") && s.is(t_end - 1, "to") && future_going(s, t_end) {
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
/// pronoun subject, an adverb ("no longer", "n't"), a verb of aspect, a day, an actor mention
/// right before it, or a plural group word before a base form ("Workers strike").
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
        s.is_any(p, BEFORE_VERBS) || s.is_any(p, DAY_WORDS) && !after_verb_and_day(s, p)
            // An adverb, not an adjective in -ly ("a deadly attack", "a costly war").
            || s.word(p).ends_with("ly") && !s.is_any(p, LY_ADJECTIVES)
    }) || prev.is_some_and(|p| {
        s.mentions.iter().any(|m| {
            m.tok_end == p + 1
                && !m.possessive
                && (m.kind == Kind::Actor && !demonym_modifier(s, m) && !attributive(s, m)
                    || m.kind == Kind::SectorOnly && plural_subject(s, p, t))
        })
    })
        // "would no longer detain", "won't attack" (not "no more attacks"), "would always
        // stand with" (not "are always clear").
        || prev.is_some_and(|p| {
            p > 0 && s.is(p, "longer") && s.is_any(p - 1, &["no", "any"])
                || p > 0 && s.is(p, "always") && (s.is_any(p - 1, MODALS) || s.is_any(p - 1, FUTURE))
                || s.word(p).to_ascii_lowercase().ends_with("n't")
        })
        // "are fighting", "were shelling": a progressive, not the noun "fighting"; "has not
        // ruled out striking Iran": a gerund, the act held open.
        || prev.is_some_and(|p| {
            s.word(t).ends_with("ing")
                && (s.is_any(p, &["is", "are", "was", "were", "been", "be"])
                    || s.is(p, "out") && super::irrealis::not_ruled_out(s, t).is_some())
        })
}

/// Whether the word at `k`, after "going to", is a verb: a lower-case word that is no
/// determiner, no number and none of the bare nouns one goes to ("going to war", "going to
/// talks"; "going to the summit" has its article).
fn future_going(s: &Sentence<'_>, k: usize) -> bool {
    // (A lower-case first letter rules out numbers too.)
    s.tokens.get(k).is_some_and(|t| t.word)
        && s.word(k).starts_with(|c: char| c.is_ascii_lowercase())
        && !s.is_any(k, DETERMINERS)
        && !s.is_any(k, &["our", "my", "your", "war", "talks", "battle", "court", "trial"])
}

/// "member states strike an agreement": an article right after a word that may be a noun or
/// a verb starts the verb's object (not "the attack a week ago").
fn article_object(s: &Sentence<'_>, t_end: usize) -> bool {
    s.is_any(t_end, &["a", "an"])
        && !s.is_any(
            t_end + 1,
            &[
                "day",
                "week",
                "month",
                "year",
                "few",
                "decade",
                "fortnight",
                "hour",
                "minute",
                "night",
            ],
        )
}

/// "the Chinese attack on …", "the British strike": a people's adjective after a
/// determiner modifies the noun after it; it is no subject.
fn demonym_modifier(s: &Sentence<'_>, m: &crate::mentions::Mention) -> bool {
    // "rejected a U.N. demand", "an EU proposal": a state or organisation after an indefinite
    // article modifies the noun after it ("an Israeli soldier shoots" is a person).
    if m.tok_start > 0
        && s.is_any(m.tok_start - 1, &["a", "an"])
        && m.entity.sector.is_empty()
        && !m.is_person
    {
        return true;
    }
    let first = if s.is_any(m.tok_start, DETERMINERS) { m.tok_start + 1 } else { m.tok_start };
    (first > m.tok_start || m.tok_start > 0 && s.is_any(m.tok_start - 1, DETERMINERS))
        && m.tok_end == first + 1
        && m.entity.sector.is_empty()
        && !m.entity.country.is_empty()
        && m.entity.code == m.entity.country
        // Peoples named by their adjective ("the Chinese", "the French", "the British"), not
        // by a plural noun ("the Palestinians reject") or a name ("the US cancel").
        && ["ese", "ish", "ch", "ss"].iter().any(|end| s.word(first).ends_with(end))
}

/// Whether a party's mention modifies the noun after it rather than being the subject of a
/// verb: named by its arms ("Iranian missile attacks", "North Korean artillery shells"), or a
/// name after a word that only comes before nouns ("new US sanctions", "fresh EU tariffs").
fn attributive(s: &Sentence<'_>, m: &crate::mentions::Mention) -> bool {
    const BEFORE_NOUNS: &[&str] = &[
        "new",
        "fresh",
        "further",
        "additional",
        "latest",
        "recent",
        "tough",
        "tougher",
        "sweeping",
        "harsh",
        "broad",
        "existing",
        "previous",
        "unilateral",
        "more",
    ];
    s.is_arms(m.tok_end - 1) || m.tok_start > 0 && s.is_any(m.tok_start - 1, BEFORE_NOUNS)
}

/// "Workers strike over wages", "protesters demand", "police threaten": a plural group word
/// at `p` before the base form at `t` is its subject; not before a participle ("rebels
/// fighting the army") or a plural ("hostage-takers demands"), nor a word in -ss ("a press
/// release").
fn plural_subject(s: &Sentence<'_>, p: usize, t: usize) -> bool {
    let group = s.word(p);
    // "a police station", "the people power movement": a collective before a noun.
    let bare_collective =
        s.is_any(p, &["police", "people"]) && !(p > 0 && s.is_any(p - 1, DETERMINERS));
    let plural = group.ends_with('s') && !group.ends_with("ss") || bare_collective;
    let word = s.word(t);
    plural && !word.ends_with("ing") && !word.ends_with('s')
}

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
        // "resumed talks", "began strikes": a verb of aspect takes an "-ing" form or a noun.
        Form::Base | Form::Third if prev.is_some_and(|p| s.is_any(p, ASPECT_VERBS)) => false,
        // "the African Union force in Somalia": a dictionary verb after a party named with an
        // article, before a preposition or a punctuation mark, is the party's noun ("Iran
        // retaliates against Israel" stays a verb).
        Form::Base | Form::Third
            if trigger.dictionary
                && (s.is_any(t_end, PREPOSITIONS)
                    || s.tokens.get(t_end).is_some_and(|n| !n.word))
                && prev.is_some_and(|p| {
                    s.mentions.iter().any(|m| {
                        m.tok_end == p + 1
                            && !matches!(m.kind, Kind::Pronoun(_))
                            && m.tok_start > 0
                            && s.is_any(m.tok_start - 1, DETERMINERS)
                    })
                }) =>
        {
            false
        }
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
        Form::Gerund => gerund_fits(trigger, s, t, t_end, verb_context),
        Form::Plural => true,
    }
}

/// Whether a gerund at `t` is the verb of an event: governed (see `gerund_governed`), a
/// crowd's protest even as a participle after the crowd ("demonstrators protesting the
/// election results", "students demonstrating against the fee rise"), or a text's words,
/// which are its author's act ("issued a statement condemning Japan", "passed a resolution
/// urging Iran to …").
fn gerund_fits(
    trigger: &Trigger,
    s: &Sentence<'_>,
    t: usize,
    t_end: usize,
    verb_context: bool,
) -> bool {
    let protest = matches!(trigger.event, EventType::Protest) || trigger.lemma == "protest";
    gerund_governed(s, t, t_end, verb_context)
        || protest && t > 0 && super::entities::is_crowd_phrase(s.word(t - 1))
        || !protest
            && trigger.event.quad_code() % 2 == 1
            && t > 0
            && s.is_any(t - 1, crate::syntax::DOCUMENTS)
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
            s.is_any(p, BE) && !possessive_s(s, p)
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
                        // "warned Beijing against sending weapons": not done (modality).
                        "against",
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

/// Whether the "'s" at `p` marks a possessive ("Algeria's leading activist"), not "is" ("he's
/// leading"): only a pronoun contracts "is" to "'s".
fn possessive_s(s: &Sentence<'_>, p: usize) -> bool {
    s.is_any(p, &["'s", "’s"])
        && !(p > 0
            && s.is_any(
                p - 1,
                &["he", "she", "it", "that", "what", "who", "there", "here", "where"],
            ))
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
