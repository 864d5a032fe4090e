//! Who said it: the attribution of an event to a speaker, and what reported speech changes
//! (a pronoun subject is the speaker, "said it may ban" is a threat, "X must do" voiced by
//! a speaker is the speaker's demand, a consultation's partner joins its actors).

use std::ops::Range;

use dyad_model::{Attribution, Entity, EventType, Modality};

use super::{
    attribution, irrealis, modality, threat_mode, Argument, Candidate, Clause, ClauseKind,
    Discourse, Sentence, SPEECH, SUBJECT_PRONOUNS,
};
use crate::triggers::{Form, Pos, Trigger};

/// An event's type, modes, modality and parties while its stages decide them.
pub(super) struct Coding {
    pub event_type: EventType,
    pub modes: Vec<String>,
    pub modality: Modality,
    pub actor: Vec<Entity>,
    pub recipient: Vec<Entity>,
}

/// The attribution of the event `cand` and the changes reported speech makes to `coding`;
/// `None` when the event is an obligation nobody voices.
#[allow(clippy::too_many_arguments)]
pub(super) fn speech(
    s: &Sentence<'_>,
    discourse: &Discourse,
    trigger: &Trigger,
    (cand, clause): (&Candidate, Clause),
    window: &Range<usize>,
    recipient_arg: &Option<Argument>,
    coding: Coding,
    mut why: Option<&mut Vec<String>>,
) -> Option<(Coding, Option<Attribution>)> {
    let t = cand.tok_start;
    let Coding { event_type, modes, modality, mut actor, recipient } = coding;
    let attribution = attribution(s, clause, t, discourse);
    // "The rebels said they will release him": a pronoun that names nobody known,
    // as the subject of reported speech, is the speaker.
    if unknown_pronoun_subject(clause, &actor) {
        if let Some(speaker) = attribution.as_ref().and_then(|a| a.source.clone()) {
            if let Some(why) = why.as_deref_mut() {
                why.push(format!("pronoun `{}` is the speaker", actor[0].entity_text));
            }
            actor = vec![speaker];
        }
    }

    let mut coding = Coding { event_type, modes, modality, actor, recipient };
    let at = (cand, clause);
    as_threat(s, trigger, at, window, attribution.as_ref(), &mut coding, why.as_deref_mut());
    let Coding { event_type, modes, mut modality, mut actor, mut recipient } = coding;
    // "Russia said Sudan must return the helicopter": the speaker demands, the
    // subject is asked; an obligation nobody voices is no event.
    if trigger.obligation {
        let speaker = attribution.as_ref().and_then(|a| a.source.clone())?;
        if actor.iter().any(|a| a.code == speaker.code) {
            return None;
        }
        if let Some(why) = why.as_deref_mut() {
            why.push("obligation voiced by the speaker: a demand on the subject".into());
        }
        recipient = std::mem::replace(&mut actor, vec![speaker]);
        modality = Modality::Reported;
    }
    // (After the conversions above, which may turn the event into a rejection.)
    // Consultations with a partner and joint actions are joint events.
    // (PLOVER: COOPERATE requires a recipient, so only consultations merge.)
    if trigger.reciprocal
        && event_type == EventType::Consult
        && recipient_arg.as_ref().is_some_and(|r| r.how == "prep-with")
    {
        actor.append(&mut recipient);
        if let Some(why) = why.as_deref_mut() {
            why.push("reciprocal: partner joins the actors".into());
        }
    }
    let mut coding = Coding { event_type, modes, modality, actor, recipient };
    // "A said B must do X": a demand by A on B.
    let obligation = window.clone().any(|k| s.is_any(k, &["must", "should"]));
    if obligation && coding.event_type != EventType::Request {
        if let Some(speaker) = attribution.as_ref().and_then(|a| a.source.clone()) {
            demand_by_speaker(&mut coding, speaker, why);
        }
    }
    Some((coding, attribution))
}

/// "The government said it may ban the party": a hostile act that its speaker says it may or
/// could do is a threat (the threat is said; the act is not done). So is one that its actor
/// openly weighs ("raised the possibility of banning the party"; PLOVER: THREATEN rather than
/// the act with a hypothetical mode), and one that a main clause says its actor may do
/// ("could impose sanctions": `may_do`), a threat made.
fn as_threat(
    s: &Sentence<'_>,
    trigger: &Trigger,
    (cand, clause): (&Candidate, Clause),
    window: &Range<usize>,
    attribution: Option<&Attribution>,
    coding: &mut Coding,
    why: Option<&mut Vec<String>>,
) {
    let may = may_do(trigger, s, cand, clause);
    let modal = |k: usize| s.is_any(k, &["may", "might", "could", "can"]);
    // "The government said it may ban …": a pronoun right after the verb of saying (or its
    // "that") stands for the speaker, who names no country the source could show.
    let speaker_pronoun = |k: usize| {
        k >= 2
            && s.is_any(k - 1, &["it", "they", "he", "she", "we"])
            && (super::clauses::speech_verb(s.text, s.tokens, k - 2) || s.is(k - 2, "that"))
    };
    let own_modal = window.clone().any(modal)
        && (attribution.and_then(|a| a.source.as_ref()).is_some_and(|src| {
            coding.actor.iter().any(|a| !a.country.is_empty() && a.country == src.country)
        }) || attribution.is_some() && window.clone().any(|k| modal(k) && speaker_pronoun(k)));
    let weighed = irrealis::entertained(s, cand.tok_start)
        && coding.actor.iter().any(|a| !a.entity_text.is_empty() && a.sector != "UNK");
    if coding.modality == Modality::Hypothetical
        && matches!(coding.event_type, EventType::Assault | EventType::Coerce | EventType::Sanction)
        && (may || own_modal || weighed)
    {
        if let Some(why) = why {
            if may {
                why.push(format!("{} that its actor may do coded as THREATEN", coding.event_type));
            } else {
                let how = if own_modal { "the speaker says it may do" } else { "its actor weighs" };
                why.push(format!("{} {how}: THREATEN", coding.event_type));
            }
        }
        coding.modes = vec![threat_mode(coding.event_type, &coding.modes, trigger).to_string()];
        coding.event_type = EventType::Threaten;
        coding.modality = if !may && (own_modal || attribution.is_some()) {
            Modality::Reported
        } else {
            Modality::Asserted
        };
    }
}

/// "could impose sanctions", "may ban the party", "might again attack": PLOVER's THREATEN is a
/// hostile act in the hypothetical (manual, special cases). Only a verb in the active, right
/// after its modal (or a modal and an adverb); not a noun ("attacks that could …") nor a
/// passive ("they may be arrested"), whose actor makes no threat. Main clauses only: in
/// reported speech the speaker decides ("said it may ban" is a threat, "analysts said Russia
/// could attack" is not).
fn may_do(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    const OPINION: &[&str] = &[
        "fear",
        "fears",
        "feared",
        "believe",
        "believes",
        "believed",
        "think",
        "thinks",
        "thought",
        "expect",
        "expects",
        "expected",
        "worry",
        "worries",
        "worried",
        "suspect",
        "suspects",
        "predict",
        "predicts",
        "predicted",
        "speculate",
        "speculated",
    ];
    let t = cand.tok_start;
    // "Analysts said Russia could attack", "aid workers fear the militia might attack":
    // what others say or fear a party may do is no threat of that party's.
    // (A verb in lower case: "the United States could impose" names no speaker; and one
    // after the act: "Russia could attack within weeks, U.S. officials said".)
    let others_say = (0..t).any(|k| {
        s.word(k).starts_with(|c: char| c.is_lowercase())
            && (s.is_any(k, SPEECH) || s.is_any(k, OPINION))
    }) || modality::postposed_speech(s, cand);
    clause.kind == ClauseKind::Main
        && !others_say
        && trigger.pos == Pos::Verb
        && cand.form == Form::Base
        && (1..=2).any(|back| {
            t >= back
                && s.is_any(t - back, &["could", "may", "might", "would"])
                && (t - back + 1..t).all(|k| {
                    s.word(k).ends_with("ly")
                        || s.is_any(k, &["again", "also", "soon", "still", "even"])
                })
        })
}

/// Whether the actor is a lone pronoun that names nobody known, as the subject of reported
/// speech.
fn unknown_pronoun_subject(clause: Clause, actor: &[Entity]) -> bool {
    matches!(clause.kind, ClauseKind::Complement(_))
        && actor.len() == 1
        && actor[0].code.is_empty()
        && SUBJECT_PRONOUNS.iter().any(|p| actor[0].entity_text.eq_ignore_ascii_case(p))
}

/// "A said B must do X": the speaker A demands of B what B must do, unless A is B.
fn demand_by_speaker(coding: &mut Coding, speaker: Entity, why: Option<&mut Vec<String>>) {
    if coding.actor.iter().any(|a| a.code == speaker.code) {
        return;
    }
    if let Some(why) = why {
        why.push(format!(
            "obligation on {} reported by its speaker: REQUEST",
            coding.actor.iter().map(|a| a.code.as_str()).collect::<Vec<_>>().join("+")
        ));
    }
    let demanded = std::mem::take(&mut coding.actor);
    coding.actor = vec![speaker];
    coding.recipient = demanded;
    coding.modes = match coding.event_type {
        EventType::Consult | EventType::Agree => vec!["meet".to_string()],
        EventType::Retreat | EventType::Concede => vec!["yield".to_string()],
        EventType::Aid | EventType::Cooperate => vec!["assist".to_string()],
        _ => Vec::new(),
    };
    coding.event_type = EventType::Request;
    coding.modality = Modality::Reported;
}
