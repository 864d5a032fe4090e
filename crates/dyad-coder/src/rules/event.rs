//! One candidate through the stages of an event: arguments, screening, parties, the type
//! given the actor, modality, the type given the modality, reported speech, and the event's
//! details (date, size, modes, context, place, CAMEO code).

use super::*;

/// Codes one trigger candidate through the stages: arguments, screening, parties, type
/// conversions, modality, reported speech, details; with the rank of its clause (main
/// clauses first). `None` when the candidate makes no event.
pub(super) fn code_event(
    sc: &SentenceCoding<'_, '_>,
    cand: &Candidate,
    memo: &mut SentenceMemo,
    n_events: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Event, u8)> {
    let SentenceCoding { coder, s, candidates, discourse, .. } = *sc;
    let triggers = coder.triggers;
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    let clause = s.clause_of(t);
    if candidates::superseded(triggers, s, candidates, cand) {
        return None;
    }
    let mut why: Vec<String> = Vec::new();
    let explain = coder.options.explain;
    let found = parties_and_type(sc, cand, clause, diagnostics, explain.then_some(&mut why))?;
    let Found { actor_arg, recipient_arg, voice, actor, recipient, event_type, modes } = found;
    // Modality.
    let window = modality_window(s, &actor_arg, clause, t, trigger.pos == Pos::Noun);
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

/// An event's arguments, parties and type before its modality is known.
pub(super) struct Found {
    actor_arg: Argument,
    recipient_arg: Option<Argument>,
    voice: &'static str,
    actor: Vec<Entity>,
    recipient: Vec<Entity>,
    event_type: EventType,
    modes: Vec<String>,
}

/// The stages of `code_event` up to the type: arguments, screening, forces moved, parties,
/// the type given the actor; `None` when a stage finds no event.
pub(super) fn parties_and_type(
    sc: &SentenceCoding<'_, '_>,
    cand: &Candidate,
    clause: Clause,
    diagnostics: &mut Vec<Diagnostic>,
    mut why: Option<&mut Vec<String>>,
) -> Option<Found> {
    let SentenceCoding { coder, sentence_idx, s, candidates, discourse, .. } = *sc;
    let triggers = coder.triggers;
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    let passive = trigger.pos == Pos::Verb && is_passive(s, t, cand.form, clause.end);
    let (actor_arg, recipient_arg, voice) =
        arguments::find(triggers, s, candidates, cand, clause, passive);
    if screen::screened_out(trigger, s, cand, &recipient_arg)
        || screen::plural_noun_read_as_verb(triggers, s, cand)
        || screen::verb_read_in_compound(triggers, s, cand)
        || screen::protest_topic(triggers, s, candidates, cand)
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
        why.as_deref_mut(),
    )?;
    let (event_type, modes) = conversions::by_actor(
        trigger,
        s,
        cand,
        (clause, discourse.labour),
        &actor_arg,
        &actor,
        why.as_deref_mut(),
    );
    let Swapped { actor, mut recipient, mut event_type, mut modes } = swapped(
        (trigger, s, cand, clause),
        (actor, recipient),
        (event_type, modes),
        why.as_deref_mut(),
    );
    // "Bush ordered American troops to …": forces an order moves are the actor's own, not
    // the one it is done to.
    if event_type == EventType::Mobilize && trigger.event == EventType::Request {
        recipient.retain(|r| !conversions::own_forces(r, &actor));
    }
    // Forces sent or trained "against" someone are readied against them.
    let against = recipient_arg.as_ref().is_some_and(|r| r.how.contains("against"));
    if deployed_not_given(coder, trigger, &recipient, against) {
        (event_type, modes) = (EventType::Mobilize, vec!["troops".to_string()]);
        if let Some(why) = why {
            why.push("forces sent to no one named, or against one: MOBILIZE troops".into());
        }
    }
    if unfit_parties(trigger, event_type, &modes, &actor, recipient_arg.is_some()) {
        return None;
    }
    Some(Found { actor_arg, recipient_arg, voice, actor, recipient, event_type, modes })
}

/// The event and parties after the conversions that change who acts: peacekeepers arriving
/// are let in by their host, and a clash with protesters is the crowd's riot.
struct Swapped {
    actor: Vec<Entity>,
    recipient: Vec<Entity>,
    event_type: EventType,
    modes: Vec<String>,
}

fn swapped(
    (trigger, s, cand, clause): (&Trigger, &Sentence<'_>, &Candidate, Clause),
    (actor, recipient): (Vec<Entity>, Vec<Entity>),
    (mut event_type, mut modes): (EventType, Vec<String>),
    mut why: Option<&mut Vec<String>>,
) -> Swapped {
    // "Bangladeshi peacekeepers arrived in Sierra Leone": the host lets them in (PLOVER
    // RETREAT access, "allowing the entry of observers, peacekeepers, or humanitarian
    // workers").
    let (actor, recipient) =
        if conversions::access_given(trigger, s, cand, clause, event_type, &modes)
            && !recipient.is_empty()
        {
            (event_type, modes) = (EventType::Retreat, vec!["access".to_string()]);
            if let Some(why) = why.as_deref_mut() {
                why.push("peacekeepers or observers arriving: the host's RETREAT access".into());
            }
            (recipient, actor)
        } else {
            (actor, recipient)
        };
    // "Police clashed with demonstrators", "clashes between police and protesters": a clash
    // with a protesting crowd is a violent protest (PLOVER PROTEST riot; ACLED's riots), the
    // crowd its actor.
    let (actor, recipient) = if event_type == EventType::Assault
        && conversions::crowd_clash(trigger, s, cand, clause)
    {
        (event_type, modes) = (EventType::Protest, vec!["riot".to_string()]);
        if let Some(why) = why {
            why.push("a clash with protesters: PROTEST riot".into());
        }
        let crowd =
            |list: &[Entity]| list.iter().any(|e| entities::is_protesting_crowd(&e.entity_text));
        if !crowd(&actor) && crowd(&recipient) {
            (recipient, actor)
        } else {
            (actor, recipient)
        }
    } else {
        (actor, recipient)
    };
    Swapped { actor, recipient, event_type, modes }
}

/// "dispatched troops to the border", "sent soldiers north": forces (the row's object class
/// TROOPS) sent or trained for no one named, or `against` the recipient, are deployed or
/// readied (PLOVER MOBILIZE troops), not given; weapons sent to no one named stay aid, whose
/// recipient the text may give elsewhere.
fn deployed_not_given(
    coder: &Coder,
    trigger: &Trigger,
    recipient: &[Entity],
    against: bool,
) -> bool {
    trigger.event == EventType::Aid
        && trigger.pos == Pos::Verb
        && matches!(trigger.lemma.as_str(), "send" | "dispatch" | "deploy" | "train")
        && (recipient.is_empty() || against)
        && (trigger.object.is_some() && trigger.object == coder.triggers.class_index("TROOPS")
            // "train" names the forces it trains word by word.
            || trigger.lemma == "train" && trigger.object_words)
}

/// The argument of an actor that no words name.
pub(super) fn unidentified_arg() -> Argument {
    Argument { sector: None, mentions: Vec::new(), how: "unidentified".into() }
}

/// The words whose modals and negations bear on the trigger at `t`: from the end of its
/// actor (or the clause start), or from after a condition's word ("unless", "until", "if"),
/// to the trigger.
pub(super) fn modality_window(
    s: &Sentence<'_>,
    actor_arg: &Argument,
    clause: Clause,
    t: usize,
    noun: bool,
) -> std::ops::Range<usize> {
    let window_start = actor_arg
        .mentions
        .iter()
        .map(|&i| s.mentions[i].tok_end)
        .max()
        .filter(|&e| e <= t && e >= clause.start)
        .unwrap_or(clause.start);
    // "will not end their strike unless their demands are met": the modals and negations
    // before a condition's word are the main verb's, not the condition's.
    let window_start = (window_start..t)
        .rfind(|&k| s.is_any(k, &["unless", "until", "till", "if"]))
        .map_or(window_start, |k| k + 1);
    // "threatened to quit the talks, accusing Israel of stalling": a participle of saying
    // after a comma is said now, whatever the clause before intends or denies.
    if t > 0 && s.is(t - 1, ",") && crate::syntax::speaking_participle(s.word(t)) {
        return t..t;
    }
    // "would not rule out supplying weapons in response to the growing cooperation between
    // Pyongyang and Moscow": an event noun in an adjunct of cause or circumstance is outside
    // the reach of the main verb's modals and negations.
    let opens_adjunct = |k: usize| {
        s.is_any(k, &["amid", "amidst", "despite"])
            || s.is_any(k, &["response", "reaction", "retaliation"])
                && s.is_any(k + 1, &["to", "for"])
            || s.is(k, "due") && s.is(k + 1, "to")
            || s.is(k, "because") && s.is(k + 1, "of")
    };
    let window_start =
        (window_start..t).rfind(|&k| noun && opens_adjunct(k)).map_or(window_start, |k| k + 1);
    window_start..t
}

/// The rule an event was coded by: its type, trigger lemma, voice and how its actor and
/// recipient were found ("ASSAULT/attack:active+nsubj+obj").
pub(super) fn rule_name(
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

/// "Police were deployed to the capital", "troops were sent to the border", "the militia was
/// deployed", "the guerrillas have been demobilised": in the passive
/// without an agent, the forces moved (or sent to help another state: military aid) stand for
/// the state that moved them (PLOVER MOBILIZE's or AID's actor), not for its recipient.
pub(super) fn forces_moved(
    triggers: &Triggers,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    voice: &str,
    actor_arg: Option<Argument>,
    recipient_arg: Option<Argument>,
) -> (Option<Argument>, Option<Argument>) {
    let trigger = &triggers.rows[cand.trigger];
    // Workers sent abroad are sent by their state too ("North Korean workers are being sent
    // to Russia": labour lent, AID).
    let forces = |a: &Argument| {
        !a.mentions.is_empty()
            && a.mentions.iter().all(|&i| {
                let sector = s.mentions[i].entity.sector.as_str();
                matches!(sector, "MIL" | "COP" | "REB" | "PRM")
                    || sector == "LAB" && trigger.event == EventType::Aid
            })
    };
    // "North Korean missiles were fired at Kyiv": the weapons fired are not their target;
    // their side fires them, and the target is where they fall.
    match (actor_arg, recipient_arg) {
        (None, Some(moved))
            if (matches!(trigger.event, EventType::Mobilize | EventType::Aid)
                // Forces withdrawn or disarmed retreat; prisoners released do not release.
                || trigger.event == EventType::Retreat
                    && matches!(trigger.mode.as_str(), "withdraw" | "disarm"))
                && voice == "passive"
                && forces(&moved) =>
        {
            let how = format!("forces moved ({})", moved.how);
            // Where troops were sent as aid is its recipient, as in the active ("sent 11,000
            // soldiers to Russia"); forces mobilised have none there (`destination`).
            let destination = arguments::destination(triggers, s, cand, clause)
                .filter(|d| d.mentions.iter().all(|i| !moved.mentions.contains(i)));
            // Aid goes to someone: troops sent nowhere named are no aid.
            if trigger.event == EventType::Aid && destination.is_none() {
                return (None, Some(moved));
            }
            // "Iranian drones supplied to Russia were launched at Kyiv": by whom they went to.
            let actor = Some(&moved)
                .filter(|m| m.names_arms(s))
                .and_then(|m| arguments::given_to(s, m))
                .unwrap_or(Argument { how, ..moved });
            (Some(actor), destination)
        }
        // "Russian missiles were fired": the weapons' country fired them; not "Russian drones
        // were shot down", where they are what is struck.
        (None, Some(fired))
            if trigger.event == EventType::Assault
                && voice == "passive"
                && fired.names_projectiles(s)
                && !DOWNING.contains(&trigger.lemma.as_str()) =>
        {
            // "North Korean shells, shipped to Russia by rail, are being fired at Ukrainian
            // positions": arms given to a party are fired by it, not by their maker.
            if let Some(user) = arguments::given_to(s, &fired) {
                return (Some(user), None);
            }
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
pub(super) fn unfit_parties(
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
pub(super) fn complete_event(
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
    // An act the text dates more than five years before publication is history.
    let long_before = date.zip(doc.date).is_some_and(|(d, p)| (p - d).num_days() > 5 * 365);
    if modality == Modality::Asserted && from_text && long_before {
        modality = Modality::Historical;
        cues.push("date long before publication".into());
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
    let cameo = cameo_code(trigger, event_type, &modes, explain.then_some(&mut why));
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

/// "The main rebel group that has long demanded … agreed to stop fighting": a trigger in a
/// relative clause of the parse gives background, as the relative clauses of the word
/// order do (rank 2); 0 when the parse says nothing. A clause joined below the relative
/// verb (advcl, xcomp, conj) is not counted in it: the parser hangs the main verb there when
/// the relative clause is on the subject ("the group that had demanded autonomy laid down
/// its weapons"). Parses the sentence if no rule has.
pub(super) fn relative_rank(s: &Sentence<'_>, t: usize) -> u8 {
    let tree = s.full_parse.get();
    let mut x = Some(t);
    for _ in 0..12 {
        let Some(y) = x else { break };
        match tree.rel(y) {
            "acl:relcl" => return 2,
            "advcl" | "xcomp" | "conj" | "parataxis" | "ccomp" => return 0,
            _ => x = tree.head(y),
        }
    }
    0
}

/// The CAMEO code of an event: CAMEO tells appeals (02) from demands (10), which PLOVER
/// codes alike.
pub(super) fn cameo_code(
    trigger: &Trigger,
    event_type: EventType,
    modes: &[String],
    why: Option<&mut Vec<String>>,
) -> String {
    let appeal = trigger.appeal && trigger.event == event_type && event_type == EventType::Request;
    if !appeal {
        return event_type.cameo(modes).to_string();
    }
    if let Some(why) = why {
        why.push("an appeal, not a demand: CAMEO 02".into());
    }
    event_type.appeal_cameo(modes)
}

/// The rank of an event by its clause: main clauses and reported speech first, then
/// subordinate, then relative clauses.
pub(super) fn clause_rank(kind: ClauseKind) -> u8 {
    match kind {
        ClauseKind::Main | ClauseKind::Complement(_) => 0u8,
        ClauseKind::Sub(_) => 1,
        ClauseKind::Relative => 2,
    }
}
