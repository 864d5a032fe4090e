//! Candidates that another one supersedes: the table of superseding rules and the rules of
//! intention, help, promised concessions, governed and impact nouns, claims and light verbs.

use super::*;

/// Verbs of impact, which say what an event did rather than name one ("hit by a cyber attack").
/// Verbs of aspect: they tell when the event of their complement begins, goes on or
/// comes back.
pub(super) const ASPECT_VERBS: &[&str] = &[
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

pub(super) const IMPACT_VERBS: &[&str] = &[
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
pub(in crate::rules) fn superseded(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    SUPERSEDING_RULES.iter().any(|rule| rule(triggers, s, candidates, cand))
}

/// One rule by which a candidate gives way to another candidate of its sentence.
pub(super) type SupersedingRule = fn(&Triggers, &Sentence<'_>, &[Candidate], &Candidate) -> bool;

/// The rules of [`superseded`], in the order they are tried.
pub(super) const SUPERSEDING_RULES: &[SupersedingRule] = &[
    intent_to_verb,
    promised_clause,
    helped_hostile_act,
    intended_hostile_noun,
    promised_concession,
    obligation_content,
    agreed_concession,
    governed_noun,
    lifted_restriction,
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
    hostile_act_held_open,
    light_verb_restated,
    light_verb_of_event_noun,
];

/// An intent verb followed by "to VERB" marks that verb as future instead. Agreeing
/// to a concession is that concession (PLOVER: "agree to lift the curfew" is
/// CONCEDE); agreeing to cooperate stays an agreement.
pub(super) fn intent_to_verb(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    // "pledged not to attack": the negation belongs to the content.
    let mut to = after_day(s.text, s.tokens, cand.tok_end);
    if s.is_any(to, &["not", "never"]) {
        to += 1;
    }
    (trigger.intent || trigger.event == EventType::Agree && trigger.reciprocal)
        && s.is(to, "to")
        && candidates.iter().any(|c| {
            let content = &triggers.rows[c.trigger];
            c.tok_start > cand.tok_end
                && c.tok_start <= to + 3
                && content.pos == Pos::Verb
                && (trigger.intent
                    || matches!(content.event, EventType::Concede | EventType::Retreat))
        })
}

/// "pledged that it would withdraw", "vowed they will retaliate": a verb of the clause of
/// what is promised, in the future, with a pronoun for the promiser as its subject, stands
/// for the promise, as after "pledged to".
pub(super) fn promised_clause(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    trigger.pos == Pos::Verb
        && trigger.event == EventType::Agree
        && clauses::opens_promise(s.text, s.tokens, t)
        && candidates.iter().any(|c| {
            // The promiser's own act: "pledged that it would withdraw", not "agreed that
            // Ukraine would receive aid".
            let clause = s.clause_of(c.tok_start);
            triggers.rows[c.trigger].pos == Pos::Verb
                && clause.kind == ClauseKind::Complement(t)
                && s.is_any(clause.start, SUBJECT_PRONOUNS)
                && (clause.start..c.tok_start).any(|k| s.is_any(k, FUTURE_AUXILIARIES))
        })
}

/// "sent troops to help fight Ukraine": helping to do a hostile act is taking part in it;
/// the act is the event, not aid to its target.
pub(super) fn helped_hostile_act(
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
pub(super) fn intended_hostile_noun(
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
pub(super) fn promised_concession(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    candidates.iter().any(|c| promises_concession(triggers, s, cand, c))
}

/// "must return", "must hand over": the obligation is the content event's, which the
/// coder turns into the speaker's demand.
pub(super) fn obligation_content(
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
pub(super) fn agreed_concession(
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
pub(super) fn governed_noun(
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
                        // "authorised air strikes", "threatened sanctions": what is
                        // threatened or authorised has not happened.
                        | EventType::Threaten
                )
                && (noun_object(s, c, cand, 3)
                    || governing.event == EventType::Agree && s.commits_to(c.tok_end - 1, t)
                    || yielded_to(s, c, cand))
                && !governs_concession(triggers, s, c, cand)
                && !intends_hostile_noun(triggers, s, c, cand)
                && !s.is_any(c.tok_start, ORDER_VERBS)
                && !answered_act_of_a_party(triggers, s, c, cand)
        })
}

/// "Poland welcomed the new EU sanctions on Belarus", "Kyiv hailed Washington's new
/// sanctions", "praised Germany's delivery of Patriot systems": an act of a party named on
/// the noun, which the verb praises, was done; it is an event of its own, as is one condemned.
/// So is a party's demand, allegation or warning that is answered ("Iran rejected a US
/// demand", "India dismissed Canada's allegation"): it was made, whatever the answer. (Not an
/// offer: a rejected offer would outrank its rejection in intensity.)
fn answered_act_of_a_party(
    triggers: &Triggers,
    s: &Sentence<'_>,
    verb: &Candidate,
    noun: &Candidate,
) -> bool {
    let t = noun.tok_start;
    let speech_act = matches!(
        triggers.rows[noun.trigger].event,
        EventType::Request | EventType::Accuse | EventType::Threaten
    ) && s.is_any(noun.tok_end - 1, SPEECH_ACTS);
    (s.is_any(verb.tok_start, PRAISING) || speech_act && s.is_any(verb.tok_start, REPLYING))
        && s.mentions.iter().any(|m| {
            m.tok_end <= t
                && m.tok_start >= verb.tok_end
                && t - m.tok_end <= 2
                && matches!(m.kind, Kind::Actor | Kind::Modifier)
                && (m.tok_end..t).all(|k| s.tokens[k].word || s.is_any(k, &["'s", "’s"]))
                // "welcomed Germany's promised aid", "the EU's proposed sanctions": not done.
                && !(m.tok_end..t).any(|k| s.is_any(k, UNREALISED))
        })
}

/// Words before an event noun that say it has not happened.
const UNREALISED: &[&str] = &[
    "proposed",
    "planned",
    "promised",
    "pledged",
    "possible",
    "potential",
    "expected",
    "future",
    "intended",
    "threatened",
];

/// "announced the lifting of the curfew", "an end to martial law": a restriction named as what
/// is undone is not imposed; the undoing is the event.
pub(super) fn lifted_restriction(
    triggers: &Triggers,
    s: &Sentence<'_>,
    _candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    trigger.pos == Pos::Noun
        && trigger.event == EventType::Coerce
        && matches!(trigger.mode.as_str(), "curfew" | "martial-law")
        && (t.saturating_sub(4)..t).any(|k| s.is_any(k, UNDOING))
}

/// "was hit by a cyber attack", "a ransomware attack hit the refinery": a verb of impact
/// whose agent is an event noun of another type tells what that event did; the noun
/// is the event.
pub(super) fn impact_of_event_noun(
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
pub(super) fn claimed_responsibility(
    triggers: &Triggers,
    s: &Sentence<'_>,
    _candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    triggers.rows[cand.trigger].pos == Pos::Verb && s.is_any(cand.tok_end, RESPONSIBILITY)
}

/// "the fighting stopped": fighting that stops is the ceasefire's subject, not news of its own.
pub(super) fn fighting_that_stopped(
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
pub(super) fn light_verb_of_event_noun(
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
pub(super) const CARRYING_OUT: &[&str] = &[
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
pub(in crate::rules) fn verb_candidate(
    triggers: &Triggers,
    candidates: &[Candidate],
    test: impl Fn(&Trigger, &Candidate) -> bool,
) -> bool {
    candidates.iter().any(|c| {
        let row = &triggers.rows[c.trigger];
        row.pos == Pos::Verb && test(row, c)
    })
}

/// "did not rule out military action", "refused to rule out sanctions": the act held open is
/// the event (a threat), not a rejection of it nor a refusal.
pub(super) fn hostile_act_held_open(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    triggers.rows[cand.trigger].pos == Pos::Verb
        && candidates.iter().any(|c| {
            c.tok_start > cand.tok_end
                && matches!(
                    triggers.rows[c.trigger].event,
                    EventType::Assault | EventType::Coerce | EventType::Sanction
                )
                && crate::rules::irrealis::not_ruled_out(s, c.tok_start)
                    .is_some_and(|rule| (cand.tok_start..=cand.tok_end + 1).contains(&rule))
        })
}

/// Verbs of praise, whose object of a named party was done.
const PRAISING: &[&str] = &[
    "welcome",
    "welcomes",
    "welcomed",
    "welcoming",
    "hail",
    "hails",
    "hailed",
    "hailing",
    "praise",
    "praises",
    "praised",
    "praising",
    "applaud",
    "applauds",
    "applauded",
    "commend",
    "commends",
    "commended",
    "salute",
    "saluted",
    "lauded",
];

/// Verbs that answer what a party said or asked ("rejected a US demand", "accepted Turkey's
/// offer").
pub(in crate::rules) const REPLYING: &[&str] = &[
    "reject",
    "rejects",
    "rejected",
    "rejecting",
    "dismiss",
    "dismisses",
    "dismissed",
    "dismissing",
    "refuse",
    "refuses",
    "refused",
    "spurn",
    "spurned",
    "rebuff",
    "rebuffed",
    "deny",
    "denies",
    "denied",
    "accept",
    "accepts",
    "accepted",
    "accepting",
    "heed",
    "heeded",
    "answer",
    "answered",
];

/// Nouns of what a party says or asks, which an answer shows was said ([`REPLYING`]).
pub(in crate::rules) const SPEECH_ACTS: &[&str] = &[
    "demand",
    "demands",
    "request",
    "requests",
    "call",
    "calls",
    "appeal",
    "appeals",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "charge",
    "charges",
    "criticism",
    "warning",
    "warnings",
    "ultimatum",
    "threat",
    "threats",
];
