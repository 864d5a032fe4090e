//! Superseding rules for words that restate, stop or carry another event: stopped gerunds,
//! aspect verbs, ordered and lodged events, nouns that repeat a verb, manner and protest
//! phrases, and the tests of concession shared with modality.

use super::*;

/// "agreed to stop fighting", "halted shelling": what is stopped is not an event.
pub(super) fn stopped_gerund(
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
pub(super) fn aspect_complement(
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
pub(super) fn help_of_moved_forces(
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
pub(super) fn ordered_named_event(
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
pub(super) fn lodged_protest(
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
pub(super) fn noun_repeating_verb(
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
pub(super) fn in_protest_phrase(
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

/// "is weighing sending engineers to Latvia", "considered imposing sanctions", "is weighing
/// the option of expelling its diplomats": the act weighed is the event (coded,
/// hypothetical, or a threat when hostile); the verb of weighing is none of its own
/// (PETRARCH2's "weigh … military" made it a threat to Latvia, "weigh option" a threat of
/// violence beside the expulsion).
pub(super) fn weighing_an_act(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    // Not "discussed" or "proposed", events of their own (`irrealis::PROPOSING`).
    let end = cand.tok_end;
    let option_of = |k: usize| {
        (end..(end + 4).min(k)).any(|j| s.is_any(j, &["option", "options", "possibility"]))
            && k > 0
            && s.is(k - 1, "of")
    };
    s.is_any(cand.tok_start, super::irrealis::THINKING)
        && verb_candidate(triggers, candidates, |_, c| {
            c.form == Form::Gerund && (c.tok_start == end || option_of(c.tok_start))
        })
}

/// "killed three soldiers in an ambush", "attacked the town in a raid": a noun of force
/// after "in" or "during", a few words after a verb of force, is how that force was used, not
/// another event (it had an unidentified actor of its own).
pub(super) fn noun_as_manner(
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
pub(super) fn light_verb_restated(
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
pub(in crate::rules) fn governs_concession(
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
pub(super) fn yielded_to(s: &Sentence<'_>, verb: &Candidate, noun: &Candidate) -> bool {
    let to = verb.tok_end;
    s.is(to, "to")
        && s.is_any(to - 1, YIELDING)
        && noun.tok_start > to
        && noun.tok_start - to <= 4
        && (to + 1..noun.tok_start).all(|k| s.tokens[k].word && !s.is_any(k, PREPOSITIONS))
}

/// Whether `noun` follows `verb` within `reach` words, with only words (no preposition, no
/// punctuation) between: the verb's object.
pub(super) fn noun_object(
    s: &Sentence<'_>,
    verb: &Candidate,
    noun: &Candidate,
    reach: usize,
) -> bool {
    verb.tok_end <= noun.tok_start
        && noun.tok_start - verb.tok_end <= reach
        && (verb.tok_end..noun.tok_start).all(|k| s.tokens[k].word && !s.is_any(k, PREPOSITIONS))
}

/// Whether `verb`, a verb of agreeing or promising, leads through "to" to `content`, a
/// verb of concession or withdrawal, further on in its clause ("promised to work with
/// Bangladesh to scrap the restrictions", "agreed on measures to lift the curfew", "voted to
/// disarm"): PLOVER codes a promised concession as the concession (CONCEDE), not AGREE.
pub(in crate::rules) fn promises_concession(
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
pub(super) fn intends_hostile_noun(
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
pub(super) fn infinitive_object(s: &Sentence<'_>, verb: &Candidate, noun: &Candidate) -> bool {
    let to = after_day(s.text, s.tokens, verb.tok_end);
    s.is(to, "to")
        && noun.tok_start >= to + 2
        && noun.tok_start - to <= 7
        && (to + 1..noun.tok_start)
            .all(|k| s.tokens[k].word && (!s.is_any(k, PREPOSITIONS) || s.is(k, "of")))
}
