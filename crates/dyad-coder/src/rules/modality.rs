//! Modality: whether the text says an event happened, will happen, may happen, did not
//! happen, is reported, alleged or conditional, from the words between its actor and its
//! trigger and the clause around it.

use std::ops::Range;

use dyad_model::{EventType, Modality};

use super::candidates;
use super::irrealis;
use super::{
    after_day, before_day, Candidate, Clause, ClauseKind, Sentence, ATTEMPT_WORDS, CALLED_OFF,
    CONDITIONAL, FUTURE, INTENT_NOUNS, INTENT_PARTICIPLES, INTENT_WORDS, MODALS, NEGATION,
    NOUN_INTENT_VERBS, PREPOSITIONS, REFUSING, THREAT_WORDS, TIME_ADJUNCTS,
};
use crate::triggers::{Form, Pos, Trigger, Triggers};

/// The modality of the event `cand` and the cues that decided it; `window` runs from the end
/// of its actor (or the clause start) to its trigger. `why` collects explanations.
pub(super) fn modality(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
    clause: Clause,
    window: &Range<usize>,
    why: Option<&mut Vec<String>>,
) -> (Modality, Vec<String>) {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    let mut modality = Modality::Asserted;
    let mut cues: Vec<String> = Vec::new();
    let neg = negated(triggers, s, cand, window);
    let conditional = conditional(trigger, s, cand, clause);
    let demanded = demanded(triggers, s, candidates, t);
    let obliged =
        t >= 2 && s.is(t - 1, "to") && s.is_any(t - 2, &["need", "needs", "needed", "has", "have"]);
    if demanded {
        if let Some(why) = why {
            why.push("demanded, not done: hypothetical".into());
        }
    }
    let noun = trigger.pos == Pos::Noun;
    let proposed = irrealis::proposed(s, t, noun)
        || irrealis::warned_against(s, t)
        || irrealis::discussed(s, t)
        || irrealis::simulated(s, t);
    let weighed = trigger.pos == Pos::Verb && t > 0 && irrealis::weighs_an_act(s, t - 1);
    let hypothetical = demanded
        || obliged
        || proposed
        || weighed
        || window.clone().any(|k| s.is_any(k, MODALS) && !reported_would(s, clause, k));
    let future = future(triggers, s, candidates, cand, clause, window);
    let complement = matches!(clause.kind, ClauseKind::Complement(_));
    let postposed_speech = postposed_speech(s, cand);
    if irrealis::not_ruled_out(s, t).is_some() {
        // "did not rule out military action": held open, neither done nor denied.
        modality = Modality::Hypothetical;
        cues.push("not ruled out".into());
    } else if neg {
        modality = Modality::Negated;
        cues.push("negation".into());
    } else if irrealis::denied(s, t) {
        modality = Modality::Negated;
        cues.push("denied".into());
    } else if irrealis::plan_dropped(s, t) {
        modality = Modality::Negated;
        cues.push("its plan called off".into());
    } else if irrealis::text_blocked(s, t) {
        modality = Modality::Negated;
        cues.push("its text blocked".into());
    } else if conditional {
        modality = Modality::Conditional;
        cues.push("condition".into());
    } else if hypothetical {
        modality = Modality::Hypothetical;
        let cue = if proposed {
            "proposed or asked for"
        } else if weighed {
            "weighed, not done"
        } else {
            "modal verb"
        };
        cues.push(cue.into());
    } else if irrealis::alleged(s, t, noun) {
        modality = Modality::Alleged;
        cues.push("content of an accusation".into());
    } else if future {
        modality = Modality::Future;
        cues.push("future".into());
    } else if complement || postposed_speech {
        modality = Modality::Reported;
        cues.push("reported speech".into());
    }
    (modality, cues)
}

/// Whether the event at `cand` is a condition: in a clause of "if", "unless", "in case", or
/// in the present after "before"/"until" ("… until the army withdraws": what waits on another
/// act is a condition of it).
fn conditional(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    let t = cand.tok_start;
    // (A present passive too: "until their demands are met".)
    let present = matches!(cand.form, Form::Base | Form::Third)
        || cand.form == Form::Past && t > 0 && s.is_any(t - 1, &["is", "are", "be"]);
    let not_yet = trigger.pos == Pos::Verb
        && present
        && (t.saturating_sub(8)..t).any(|k| {
            s.is_any(k, &["before", "until", "till"])
                && (k + 1..t).all(|j| !s.is_any(j, &[",", ";", "to"]))
        });
    matches!(clause.kind, ClauseKind::Sub(sub) if s.is_any(sub, CONDITIONAL))
        || not_yet
        || (clause.start..t)
            .any(|k| s.is_any(k, CONDITIONAL) || (s.is(k, "in") && s.is(k + 1, "case")))
}

/// "…, officials said": the reporter's source after the event; not "…, saying …", the
/// actor's own words about its act.
pub(super) fn postposed_speech(s: &Sentence<'_>, cand: &Candidate) -> bool {
    (cand.tok_end..s.tokens.len()).any(|k| {
        s.is(k, ",") && s.is_speech_verb(k + 1) && !s.word(k + 1).ends_with("ing")
            || (s.is(k, ",") && super::attribution::speaker_after_comma(s, k).is_some())
    })
}

/// Whether the event is negated: a negation in `window`, "yet to", "failed to", "refused
/// to", "declined to"; or a noun event called off or prevented.
fn negated(triggers: &Triggers, s: &Sentence<'_>, cand: &Candidate, window: &Range<usize>) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    // "did not offer any details on the raid", "gave no comment about the strike": what is
    // not told about is an event of its own.
    let told_about = |k: usize| {
        trigger.pos == Pos::Noun
            && (k + 1..t)
                .any(|j| s.is_any(j, TELLING) && s.is_any(j + 1, &["on", "about", "regarding"]))
    };
    // "will not hesitate to strike" says the act will be done.
    let neg = window.clone().any(|k| {
        (s.is_any(k, NEGATION) || s.word(k).to_ascii_lowercase().ends_with("n't"))
            && !s.is_any(k + 1, &["hesitate", "hesitates", "hesitated"])
            && !told_about(k)
    }) || (window.start..t).any(|k| s.is(k, "yet") && s.is(k + 1, "to"))
        || (window.start..t).any(|k| {
            (s.is_any(k, FAILING) || s.is_any(k, REFUSING))
                && s.is(after_day(s.text, s.tokens, k + 1), "to")
                && !told_about(k)
        });
    // "postponed the demonstration", "foiled an attack": a noun event called off or
    // prevented did not happen.
    neg || trigger.pos == Pos::Noun
        && (1..=4).any(|back| {
            t >= back
                && s.is_any(t - back, CALLED_OFF)
                && (t - back + 1..t).all(|k| s.tokens[k].word && !s.is_any(k, PREPOSITIONS))
        })
}

/// Words of telling, whose "on" or "about" phrase right after them is what is told of (not
/// "no evidence of a bombing", which denies it).
const TELLING: &[&str] = &[
    "details",
    "detail",
    "comment",
    "comments",
    "commented",
    "update",
    "explanation",
    "elaborate",
    "elaborated",
    "speak",
    "spoke",
];

/// Nouns of asking whose infinitive is asked for, not done.
const REQUEST_NOUNS: &[&str] = &[
    "call",
    "calls",
    "demand",
    "demands",
    "appeal",
    "appeals",
    "request",
    "requests",
    "plea",
    "pleas",
    "pressure",
    "ultimatum",
];

/// Verbs of failing to do what follows "to" (refusing: [`REFUSING`]).
const FAILING: &[&str] = &["failed", "fails", "fail", "failing"];

/// In reported speech "would" is the future of the past: "said they would meet".
fn reported_would(s: &Sentence<'_>, clause: Clause, k: usize) -> bool {
    s.is(k, "would") && matches!(clause.kind, ClauseKind::Complement(_))
}

/// What is demanded, urged or asked for has not happened: "urged Yemen to lift
/// the bans", "demanded that Israel ease restrictions"; nor what someone "needs to"
/// or "has to" do.
fn demanded(triggers: &Triggers, s: &Sentence<'_>, candidates: &[Candidate], t: usize) -> bool {
    // "rejected calls to withdraw", "pressure from Congress to help Iran", "demands to
    // release prisoners": the infinitive of a request noun a few words before.
    let asked_by_noun = t > 0
        && infinitive(s, t)
        && (t.saturating_sub(6)..t.saturating_sub(1)).any(|k| {
            s.is_any(k, REQUEST_NOUNS) && (k + 1..t - 1).all(|j| !s.is(j, "to") || j + 1 == t)
        });
    // "is being pressured by Congress to help Iran", "were urged by the UN to withdraw": the
    // infinitive of a passive verb of pressing is asked for.
    let asked_in_passive = t > 0
        && infinitive(s, t)
        && (t.saturating_sub(8)..t.saturating_sub(1)).any(|k| {
            s.is_any(k, PRESSED)
                && k > 0
                && s.is_any(k - 1, &["is", "are", "was", "were", "been", "being", "be"])
                && (k + 1..t - 1).all(|j| !s.is(j, "to"))
        });
    // "Obama wants Putin to attack …", "would like Iran to stop": wished of another party.
    let wished = t > 1
        && s.is(t - 1, "to")
        && s.mentions.iter().any(|m| {
            m.tok_end == t - 1
                && m.tok_start > 0
                && s.is_any(m.tok_start - 1, &["wants", "want", "wanted", "wish", "wishes", "like"])
        });
    // "the treaty obliges each side to provide assistance": an obligation, not an act; "the
    // law allows the government to seize assets": a power, not its use.
    let obliged = t > 0
        && infinitive(s, t)
        && (t.saturating_sub(6)..t.saturating_sub(1)).any(|k| {
            (s.is_any(k, OBLIGING) || s.is_any(k, PERMITTING))
                && (k + 1..t - 1).all(|j| !s.is_any(j, &["to", ",", "and"]))
        });
    asked_by_noun
        || asked_in_passive
        || wished
        || obliged
        || t > 0
            && candidates.iter().any(|c| {
                let governing = &triggers.rows[c.trigger];
                governing.pos == Pos::Verb
                    && governing.event == EventType::Request
                    && c.tok_end <= t
                    && t - c.tok_end <= 15
                    && (infinitive(s, t) || (c.tok_end..t).any(|k| s.is(k, "that")))
            })
}

/// Verbs of binding someone to act ("obliges each side to", "requires member states to").
const OBLIGING: &[&str] =
    &["oblige", "obliges", "obliged", "obligates", "require", "requires", "required", "binds"];

/// Verbs of letting someone act ("allows the government to seize …"): present-tense powers
/// and authorisations, not what a party "allowed" or "enabled" another to do (which was done).
const PERMITTING: &[&str] = &[
    "allow",
    "allows",
    "permit",
    "permits",
    "authorize",
    "authorizes",
    "authorise",
    "authorises",
    "empowers",
    "enables",
];

/// Participles of pressing someone to act.
const PRESSED: &[&str] = &[
    "pressured",
    "pressed",
    "urged",
    "asked",
    "encouraged",
    "told",
    "pushed",
    "lobbied",
    "called",
    "requested",
    "begged",
    "implored",
];

/// Whether the verb at `t` is an infinitive: "to lift", "to immediately lift", "to help
/// finance".
fn infinitive(s: &Sentence<'_>, t: usize) -> bool {
    s.is(t - 1, "to")
        || t >= 2
            && s.is(t - 2, "to")
            && (s.word(t - 1).len() > 4 && s.word(t - 1).to_ascii_lowercase().ends_with("ly")
                || s.is(t - 1, "help"))
}

/// Whether the event is in the future: a future auxiliary, an intent verb or noun before
/// "to", a promised concession, or a noun event that an intention governs.
fn future(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
    clause: Clause,
    window: &Range<usize>,
) -> bool {
    let t = cand.tok_start;
    let noun = triggers.rows[cand.trigger].pos == Pos::Noun;
    // "agreed to a ceasefire after two days of fighting": what a time phrase holds is not
    // what is intended.
    // Nor what a past participle's phrase holds ("vowed to honour those killed in the
    // fighting").
    let intended = |k: usize| {
        (k + 1..t).all(|j| {
            !(s.is_any(j, TIME_ADJUNCTS)
                || s.word(j).ends_with("ed")
                    && !s.is_any(j, &["need", "speed", "feed", "shed", "bed", "red", "seed"])
                    && s.is_any(j + 1, &["in", "during", "by"]))
        })
    };
    let future = window.clone().any(|k| {
        s.is_any(k, FUTURE)
            || (s.is(k, "going") && s.is(k + 1, "to"))
            || reported_would(s, clause, k)
    }) || (window.start..t).any(|k| {
        s.is(after_day(s.text, s.tokens, k + 1), "to")
            && intended(k)
            && candidates.iter().any(|c| c.tok_start == k && triggers.rows[c.trigger].intent)
    }) || candidates.iter().any(|c| {
        candidates::governs_concession(triggers, s, c, cand)
            || candidates::promises_concession(triggers, s, c, cand)
    }) || (window.start..t).any(|k| {
        s.is(k, "to")
            && k > 0
            && intended(k)
            && (s.is_any(k - 1, INTENT_WORDS)
                || s.is_any(k - 1, INTENT_PARTICIPLES) && k >= 2 && !s.is(k - 2, ",")
                || s.is_any(k - 1, INTENT_NOUNS)
                || s.is_any(k - 1, ATTEMPT_WORDS)
                || before_day(s, k).is_some_and(|w| s.is_any(w, INTENT_WORDS)))
            || irrealis::threat_noun_to(s, k, t)
            // "Threatening to kill the hostages, …", not what follows the comma.
            || s.is(k, "to")
                && k > 0
                && s.is_any(k - 1, THREAT_WORDS)
                && !(k + 1..t).any(|j| s.is(j, ","))
    });
    // "is preparing a major offensive", "planned an attack": a noun event that an
    // intention governs has not happened yet.
    future
        || noun
            && (1..=4).any(|back| {
                t >= back
                    && s.is_any(t - back, NOUN_INTENT_VERBS)
                    && (t - back + 1..t).all(|k| s.tokens[k].word && !s.is_any(k, PREPOSITIONS))
            })
}
