//! The parties of an event: its actor and recipient entities from the arguments found for
//! it, with unidentified actors, the accused of an alleged act, a recipient from the place
//! of the event and an unidentified actor's country from it (docs/unidentified.md).

use dyad_model::{Entity, EventType};

use super::{
    dedup_entities, entity_in, entity_of, irrealis, is_common_phrase, location, preposition_before,
    speech_subject, street_or_armed, unidentified_actor, unidentified_allowed, Argument, Candidate,
    Clause, ClauseKind, Discourse, Sentence, ALLIED_PREPS, DETERMINERS, PLACE_NOUNS, PREPOSITIONS,
};
use crate::mentions::{Kind, Mention, Refers};
use crate::triggers::{Pos, Trigger};
use crate::{Coder, Diagnostic};

/// Who does it and to whom.
pub(super) struct Parties {
    pub actor: Vec<Entity>,
    pub recipient: Vec<Entity>,
}

/// The parties of the event `cand` of sentence `sentence_idx`, or `None` when it has none
/// that PLOVER would code (a diagnostic says so when no actor was found at all).
#[allow(clippy::too_many_arguments)]
pub(super) fn parties(
    coder: &Coder,
    s: &Sentence<'_>,
    discourse: &Discourse,
    trigger: &Trigger,
    (cand, clause, voice, sentence_idx): (&Candidate, Clause, &str, usize),
    actor_arg: &Argument,
    recipient_arg: &Option<Argument>,
    diagnostics: &mut Vec<Diagnostic>,
    mut why: Option<&mut Vec<String>>,
) -> Option<Parties> {
    let t = cand.tok_start;
    let (actor, mut recipient) = named(coder, s, discourse, trigger, t, actor_arg, recipient_arg);
    // "fought together with Russian forces": those one acts with are no recipients.
    let allies = allies_named(s, clause, (trigger.event, cand.tok_start), &actor);
    recipient.retain(|r| !allies.contains(&r.country.as_str()));
    let mut actor =
        charged_or_speaker(s, discourse, (t, clause), actor_arg, actor, why.as_deref_mut());
    let mut unidentified = false;
    if actor.is_empty() {
        if !unidentified_allowed(s, trigger, voice, clause, t) {
            if actor_arg.mentions.is_empty() {
                diagnostics.push(Diagnostic {
                    sentence: Some(sentence_idx),
                    message: format!(
                        "`{}` ({}) has no actor",
                        &s.text[s.tokens[t].start..s.tokens[cand.tok_end - 1].end],
                        trigger.event
                    ),
                });
            }
            return None;
        }
        actor.push(unidentified_actor(s, clause, t, voice));
        unidentified = true;
    }
    // No recipient named: the country of the place where the event happens is the
    // one it is done to ("lifted the curfew in Montenegro", "attacked in Kharkiv"),
    // unless several actors act together.
    let mut located = false;
    // "Zelensky praised Britain for sending long-range missiles": what is done for the one
    // who thanks is done to them.
    let thanked_for = (recipient.is_empty() && trigger.event.quad_code() <= 2 && !trigger.inverse)
        .then(|| thanker(s, t))
        .flatten()
        .filter(|m| !actor.iter().any(|a| a.country == m.entity.country));
    if let Some(m) = thanked_for {
        recipient.extend(entity_of(m, discourse, s, s.tokens.len()));
    }
    if recipient.is_empty() && !trigger.inverse && !(trigger.reciprocal && actor.len() >= 2) {
        if let Some(e) = place_recipient(coder, s, trigger, cand, clause, &actor) {
            recipient.push(e);
            located = true;
        }
    }
    let had_recipient = !recipient.is_empty() && !located;
    if !located {
        drop_actors_from_recipients(trigger, &actor, &mut recipient);
    }
    // An unidentified actor acts where the event happens (PLOVER and CAMEO code "a
    // roadside bomb near Samarra" as Iraq's): the country of the sentence's place.
    let placed_actor =
        if unidentified { place_actor(coder, s, trigger, clause, &mut actor) } else { None };
    if had_recipient && recipient.is_empty() && object_is_actor(s, cand, recipient_arg.as_ref()) {
        return None;
    }
    if let Some(why) = why {
        let placed_actor = placed_actor.as_deref();
        explain(why, trigger, voice, actor_arg, placed_actor, located, recipient_arg.as_ref());
    }
    Some(Parties { actor, recipient })
}

/// Drops the recipients that are the actor itself; several parties acting together (a
/// reciprocal trigger) do so with each other, not to one of them ("Russia and Ukraine
/// reached agreement on the Black Sea Fleet").
fn drop_actors_from_recipients(trigger: &Trigger, actor: &[Entity], recipient: &mut Vec<Entity>) {
    let together = trigger.reciprocal && actor.len() >= 2;
    recipient.retain(|r| {
        !actor.iter().any(|a| {
            a.code == r.code && a.sector == r.sector
                || together && !r.country.is_empty() && a.country == r.country
        })
    });
}

/// "Russia seeks partners to support it": a pronoun object of the trigger that resolves to the
/// actor itself is a coreference miss, and no event. A pronoun further off, in a phrase on
/// the object, is only a recipient lost ("blew up roads connecting it to South Korea").
fn object_is_actor(s: &Sentence<'_>, cand: &Candidate, recipient_arg: Option<&Argument>) -> bool {
    recipient_arg.is_some_and(|r| {
        r.mentions.iter().all(|&i| matches!(s.mentions[i].kind, Kind::Pronoun(_)))
            && (r.how.starts_with(&format!("obj of `{}`", s.word(cand.tok_start)))
                || r.how == "object"
                    && r.mentions.iter().all(|&i| s.mentions[i].tok_start <= cand.tok_end))
    })
}

/// The actor once charges and reported speech are read: "accused Chinese vessels of blocking
/// …" (the accused, not the sentence's subject that word order falls back on, is the one
/// charged with the act), "firms accused of supplying", a pronoun subject of reported speech.
fn charged_or_speaker(
    s: &Sentence<'_>,
    discourse: &Discourse,
    (t, clause): (usize, Clause),
    actor_arg: &Argument,
    mut actor: Vec<Entity>,
    mut why: Option<&mut Vec<String>>,
) -> Vec<Entity> {
    let fallback = matches!(actor_arg.how.as_str(), "sentence-subject" | "subject");
    if actor.is_empty() || fallback {
        let mut charged = accused(s, discourse, t, why.as_deref_mut());
        // "sanctions on Chinese firms accused of supplying …": the party the charge follows.
        if charged.is_empty() {
            charged = charged_party(s, discourse, t, why.as_deref_mut()).unwrap_or_default();
        }
        if !charged.is_empty() || actor.is_empty() {
            actor = charged;
        }
    } else if let Some(charged) = charged_party(s, discourse, t, why.as_deref_mut()) {
        actor = charged;
    }
    if actor.is_empty() {
        actor = speaker_of_pronoun(s, discourse, clause, actor_arg, why);
    }
    actor
}

/// "accused Peru of shelling the post": the accused is the one charged with it.
fn accused(
    s: &Sentence<'_>,
    discourse: &Discourse,
    t: usize,
    why: Option<&mut Vec<String>>,
) -> Vec<Entity> {
    let Some((charge, link)) = irrealis::accusation(s, t) else {
        return Vec::new();
    };
    let actor: Vec<Entity> = s
        .mentions
        .iter()
        .filter(|m| {
            m.tok_start > charge
                && m.tok_end <= link
                && matches!(m.kind, Kind::Actor | Kind::Modifier)
        })
        .flat_map(|m| named_entities(m, discourse, s, t))
        .collect();
    if let Some(why) = why.filter(|_| !actor.is_empty()) {
        why.push(format!("actor: the accused of `{}`", s.word(charge)));
    }
    actor
}

/// The entities mention `m` stands for that name someone: a country or at least a sector.
fn named_entities(m: &Mention, discourse: &Discourse, s: &Sentence<'_>, t: usize) -> Vec<Entity> {
    entity_of(m, discourse, s, t)
        .into_iter()
        .filter(|e| !e.country.is_empty() || !e.sector.is_empty())
        .collect()
}

/// "sanctions on firms accused of supplying drones to Russia": the party a reduced relative
/// of charging ("accused of", "suspected of", "charged with") follows is the one charged
/// with the act, not the clause's subject.
fn charged_party(
    s: &Sentence<'_>,
    discourse: &Discourse,
    t: usize,
    why: Option<&mut Vec<String>>,
) -> Option<Vec<Entity>> {
    let (charge, link) = irrealis::accusation(s, t)?;
    if link != charge + 1 || !irrealis::charged_after_noun(s, charge) {
        return None;
    }
    let m = s.mentions.iter().find(|m| m.tok_end == charge && m.kind == Kind::Actor)?;
    let actor = named_entities(m, discourse, s, t);
    if actor.is_empty() {
        return None;
    }
    if let Some(why) = why {
        why.push(format!("actor: the party `{}` refers to", s.word(charge)));
    }
    Some(actor)
}

/// "The government of Togo said it may ban …": a pronoun subject that found no
/// antecedent, in what a speaker says, is the speaker.
fn speaker_of_pronoun(
    s: &Sentence<'_>,
    discourse: &Discourse,
    clause: Clause,
    actor_arg: &Argument,
    why: Option<&mut Vec<String>>,
) -> Vec<Entity> {
    if actor_arg.mentions.is_empty()
        || !actor_arg.mentions.iter().all(|&i| matches!(s.mentions[i].kind, Kind::Pronoun(_)))
    {
        return Vec::new();
    }
    let ClauseKind::Complement(verb) = clause.kind else {
        return Vec::new();
    };
    let Some(m) = speech_subject(s.text, s.tokens, s.mentions, verb) else {
        return Vec::new();
    };
    let actor = named_entities(m, discourse, s, m.tok_start);
    if let Some(why) = why.filter(|_| !actor.is_empty()) {
        why.push("pronoun subject of reported speech: the speaker".into());
    }
    actor
}

/// The explanation of how the parties were found: the trigger, the actor's path and the
/// place its country came from, and the recipient's path or place.
fn explain(
    why: &mut Vec<String>,
    trigger: &Trigger,
    voice: &str,
    actor_arg: &Argument,
    placed_actor: Option<&str>,
    located: bool,
    recipient_arg: Option<&Argument>,
) {
    why.push(format!(
        "trigger `{}` ({}, {voice})",
        trigger.lemma,
        if trigger.pos == Pos::Verb { "verb" } else { "noun" }
    ));
    why.push(format!("actor by {}", actor_arg.how));
    if let Some(place) = placed_actor {
        why.push(format!("actor's country from the place `{place}`"));
    }
    if located {
        why.push("recipient from the place of the event".into());
    } else if let Some(r) = recipient_arg {
        why.push(format!("recipient by {}", r.how));
    }
}

/// "Russia said the United States attacked it": a pronoun object is not its own clause's
/// subject (that would be "itself"); when it resolved to the actor, it refers to a party
/// named before the subject, if there is one.
fn pronoun_before_subject(
    s: &Sentence<'_>,
    discourse: &Discourse,
    t: usize,
    (actor_arg, actor): (&Argument, &[Entity]),
    (recipient_arg, recipient): (&Option<Argument>, &[Entity]),
) -> Option<Vec<Entity>> {
    let start = actor_arg.mentions.iter().map(|&i| s.mentions[i].tok_start).min()?;
    let arg = recipient_arg.as_ref()?;
    let pronouns = !arg.mentions.is_empty()
        && arg.mentions.iter().all(|&i| {
            matches!(s.mentions[i].kind, Kind::Pronoun(_)) && s.mentions[i].tok_start > t
        });
    if !pronouns || !recipient.iter().all(|r| actor.iter().any(|a| a.code == r.code)) {
        return None;
    }
    let before: Vec<Entity> =
        arg.mentions.iter().flat_map(|&i| entity_of(&s.mentions[i], discourse, s, start)).collect();
    (!before.is_empty()).then_some(before)
}

/// The entities the arguments name: generic parties keep their sector, a sector noun's
/// country comes from its phrase, and a generic recipient of a state's act is its own.
fn named(
    coder: &Coder,
    s: &Sentence<'_>,
    discourse: &Discourse,
    trigger: &Trigger,
    t: usize,
    actor_arg: &Argument,
    recipient_arg: &Option<Argument>,
) -> (Vec<Entity>, Vec<Entity>) {
    // For motion events the place after the verb is a destination, not the home of a
    // bare sector subject ("peacekeepers arrived in Bosnia"); otherwise it is where the event
    // happened, and its victims are there ("hit an army convoy in northern Mali").
    let motion =
        trigger.mode == "visit" || matches!(trigger.event, EventType::Mobilize | EventType::Aid);
    let place_limit = if motion { t } else { s.tokens.len() };
    let mut actor: Vec<Entity> = actor_arg
        .mentions
        .iter()
        .flat_map(|&i| entity_of(&s.mentions[i], discourse, s, place_limit))
        .collect();
    // A bare sector recipient of a state's act is that state's own people before it is the
    // text's main country ("Kenyan authorities banned civilians from …" in a story about
    // Somalia).
    let state_actor = actor.iter().any(|a| coder.lexicon().country(&a.country).is_some());
    let mut recipient: Vec<Entity> = recipient_arg
        .as_ref()
        .map(|a| {
            a.mentions
                .iter()
                .flat_map(|&i| entity_in(&s.mentions[i], discourse, s, place_limit, !state_actor))
                .collect()
        })
        .unwrap_or_default();
    if let Some(before) =
        pronoun_before_subject(s, discourse, t, (actor_arg, &actor), (recipient_arg, &recipient))
    {
        recipient = before;
    }
    lend_sector(s, &mut actor, Some(actor_arg));
    lend_sector(s, &mut recipient, recipient_arg.as_ref());
    // Generic actors ("gunmen", "protesters") keep their sector without a country.
    actor.retain(|e| !e.country.is_empty() || !e.sector.is_empty());
    recipient.retain(|e| !e.country.is_empty() || !e.sector.is_empty());
    dedup_entities(&mut actor);
    dedup_entities(&mut recipient);
    home_victims(coder, s, trigger, t, &actor, &mut recipient);
    (actor, recipient)
}

/// A generic recipient ("workers", "the opposition") of what a state does is that state's own
/// people, the event domestic; but force used abroad falls on the people where it is used.
fn home_victims(
    coder: &Coder,
    s: &Sentence<'_>,
    trigger: &Trigger,
    t: usize,
    actor: &[Entity],
    recipient: &mut [Entity],
) {
    let home = actor
        .iter()
        .find(|a| coder.lexicon().country(&a.country).is_some())
        .map(|a| a.country.clone());
    // Not soldiers that a state's force kills or wounds ("Israeli strikes killed four
    // soldiers"): it is aimed at others' troops (a rebel group's is at its own state's).
    let state_force = actor.iter().all(|a| {
        matches!(a.sector.as_str(), "" | "MIL" | "GOV")
            && coder.lexicon().country(&a.country).is_some()
    });
    let foreign_troops =
        |r: &Entity| trigger.event == EventType::Assault && state_force && r.sector == "MIL";
    // Force used in another country falls on its people: "Russian troops shelled Kherson,
    // killing three civilians", "Israeli strikes on Rafah killed 12 people": the place the
    // sentence names where the event happened, else one it names at all, if abroad.
    let abroad = |home: &str| {
        let clause = s.clause_of(t);
        let located = location(coder, s, clause).map(|l| l.country_code);
        // (In the trigger's clause, not a "London-based" monitor's seat.)
        let named = || {
            s.mentions
                .iter()
                .find(|m| {
                    m.kind == Kind::Place
                        && !m.entity.country.is_empty()
                        && m.tok_start >= clause.start
                        && m.tok_end <= clause.end
                        && !s.word(m.tok_end.saturating_sub(1)).contains("-based")
                        && !s.is(m.tok_end, "-")
                })
                .map(|m| m.entity.country.to_string())
        };
        located.or_else(named).filter(|c| c != home && coder.lexicon().country(c).is_some())
    };
    if let Some(home) = home {
        let victims = if trigger.event == EventType::Assault {
            abroad(&home).map_or(home, Into::into)
        } else {
            home
        };
        for r in recipient.iter_mut().filter(|r| r.country.is_empty() && !foreign_troops(r)) {
            r.code = victims.as_str().into();
            r.country = victims.as_str().into();
        }
    }
}

/// "Rebels in the Ivory Coast": the country named, the sector of the noun, which is the head
/// ("demonstrators in Baghdad" are civilians, not the capital's government). An organisation
/// keeps its own sector: "the leader of Boko Haram" is no government.
fn lend_sector(s: &Sentence<'_>, entities: &mut [Entity], arg: Option<&Argument>) {
    let Some(si) = arg.and_then(|a| a.sector) else { return };
    let sector = &s.mentions[si].entity.sector;
    let lends = |e: &Entity| e.code == e.country || e.sector.is_empty();
    for e in entities.iter_mut().filter(|e| !sector.is_empty() && !e.country.is_empty() && lends(e))
    {
        e.sector = sector.clone();
    }
}

/// The country of the place where the event happens, as its recipient; at home only for
/// what a state does to its own people ("imposed a curfew in Cizre").
fn place_recipient(
    coder: &Coder,
    s: &Sentence<'_>,
    trigger: &Trigger,
    cand: &Candidate,
    clause: Clause,
    actor: &[Entity],
) -> Option<Entity> {
    let t = cand.tok_start;
    // Aid goes to a place's people: "sent aid to Gaza", "pledged aid for Gaza".
    let aid = matches!(trigger.event, EventType::Aid | EventType::Agree);
    // Force is aimed at a place: "were used against Kharkiv", "strikes on Odesa".
    let force = matches!(trigger.event, EventType::Assault | EventType::Threaten);
    let in_clause = |m: &&Mention| {
        m.tok_start >= clause.start
            && m.tok_start < clause.end
            && m.tok_start > 0
            && preposition_before(s.text, s.tokens, m.tok_start, clause.start).is_some_and(|p| {
                ["in", "at", "inside"].iter().any(|l| p.eq_ignore_ascii_case(l))
                    || aid
                        && m.kind == Kind::Place
                        && ["to", "for"].iter().any(|l| p.eq_ignore_ascii_case(l))
                    || force
                        && m.kind == Kind::Place
                        && (["against", "upon"].iter().any(|l| p.eq_ignore_ascii_case(l))
                            || p.eq_ignore_ascii_case("on") && s.is(cand.tok_end, "on"))
            })
            && m.kind != Kind::Pronoun(Refers::Singular)
    };
    let domestic = matches!(
        trigger.event,
        EventType::Coerce
            | EventType::Assault
            | EventType::Protest
            | EventType::Concede
            | EventType::Retreat
            | EventType::Threaten
    );
    // "fought alongside Russian troops in Kursk": the place of an ally's country is no
    // target.
    let allies = allies_named(s, clause, (trigger.event, cand.tok_start), actor);
    let place_country = |m: &Mention| place_entity(coder, s, m, actor, domestic, &allies);
    // "shelled Kharkiv", "bombed the city of Aleppo": a place that is the verb's object is
    // what the act is done to.
    let object = |m: &&Mention| {
        m.kind == Kind::Place
            && m.tok_start >= cand.tok_end
            && m.tok_start - cand.tok_end <= 4
            && m.tok_start < clause.end
            && (cand.tok_end..m.tok_start).all(|k| {
                s.tokens[k].word
                    && (!s.is_any(k, PREPOSITIONS)
                        || s.is(k, "of") && k > 0 && s.is_any(k - 1, PLACE_NOUNS))
            })
    };
    // "retook the Kursk region", "liberated Kherson": territory taken back is one's own.
    if RECLAIMING.contains(&trigger.lemma.as_str()) {
        return None;
    }
    let object_place = (trigger.pos == Pos::Verb).then(|| s.mentions.iter().find(object)).flatten();
    // "denied that troops were fighting in Ukraine": a place in a complement is the
    // complement's, not the verb's.
    // So is a place in what is denied ("denied supporting the rebels in eastern Congo") or in
    // a censure refused ("refused to condemn the war in Ukraine"); otherwise the PLOVER gold
    // codes the place of an infinitive as the recipient ("threatened to institute a curfew
    // in Algiers", "refused to deploy peacekeepers in Iraq").
    let denied_gerund = s.is_any(t, irrealis::DENYING) && s.word(cand.tok_end).ends_with("ing");
    let after = s
        .mentions
        .iter()
        .filter(|m| m.tok_start >= cand.tok_end)
        .filter(|m| !(cand.tok_end..m.tok_start).any(|k| s.is(k, "that")))
        .filter(|m| !(denied_gerund && m.tok_start > cand.tok_end))
        .filter(|m| !irrealis::censure_refused(s, trigger.event, cand.tok_end, m.tok_start))
        .find(in_clause);
    let before = s.mentions.iter().filter(|m| m.tok_end <= t).find(in_clause);
    let place = object_place.or(after).or(before).and_then(place_country)?;
    (object_place.is_some() || !fought_abroad(trigger, actor, &place)).then_some(place)
}

/// "North Korean soldiers who fought in Kursk": where foreign forces fight (`place`) is not
/// whom they fight (they may be its allies).
fn fought_abroad(trigger: &Trigger, actor: &[Entity], place: &Entity) -> bool {
    trigger.reciprocal
        && trigger.event == EventType::Assault
        && !actor.is_empty()
        && actor.iter().all(|a| !a.country.is_empty() && a.country != place.country)
}

/// The country of the place `m` as a recipient, unless it is an ally's (`allies`) or, for an
/// event not `domestic`, the actor's own: at home, only what can be done to a country's own
/// people ("imposed a curfew in Cizre", not "held talks in Moscow").
fn place_entity(
    coder: &Coder,
    s: &Sentence<'_>,
    m: &Mention,
    actor: &[Entity],
    domestic: bool,
    allies: &[&str],
) -> Option<Entity> {
    let code = if let Some(p) = m.place {
        coder.lexicon().place(p).country.as_str()
    } else {
        m.entity.country.as_str()
    };
    if allies.contains(&code) || !domestic && actor.iter().any(|a| a.country == code) {
        return None;
    }
    let country = coder.lexicon().country(code)?;
    Some(Entity {
        entity_text: s.text[s.tokens[m.tok_start].start..s.tokens[m.tok_end - 1].end].into(),
        code: code.into(),
        country: code.into(),
        sector: "".into(),
        name: country.name.as_str().into(),
    })
}

/// The countries of the parties an actor acts with in `clause`: after "alongside", "beside"
/// or "together with" (over a determiner); for an act of conflict also those it is done to
/// help ("deployed troops to help Russia recapture Kursk"), who are not its target (a
/// cooperative act's helped party receives it). A party of the `actor`'s own country is no
/// ally against its own people ("forces attacked rebels in Tigray to protect Ethiopian
/// civilians").
fn allies_named<'s>(
    s: &'s Sentence<'_>,
    clause: Clause,
    (event, t): (EventType, usize),
    actor: &[Entity],
) -> Vec<&'s str> {
    let conflict = event.quad_code() >= 3;
    let mut allies: Vec<&str> = thanker(s, t)
        .filter(|_| conflict)
        .map(|m| m.entity.country.as_str())
        .filter(|c| !c.is_empty())
        .into_iter()
        .collect();
    allies.extend(
        s.mentions
            .iter()
            .filter(|m| m.tok_start >= clause.start && m.tok_start < clause.end)
            .filter(|m| {
                let mut k = m.tok_start;
                while k > clause.start && s.is_any(k - 1, DETERMINERS) {
                    k -= 1;
                }
                let helped = conflict
                    && k >= clause.start + 2
                    && s.is_any(k - 1, super::words::PURPOSE_VERBS)
                    && s.is(k - 2, "to");
                k > clause.start
                    && (s.is_any(k - 1, ALLIED_PREPS)
                        || k > clause.start + 1 && s.is(k - 1, "with") && s.is(k - 2, "together")
                        || helped)
            })
            .map(|m| m.entity.country.as_str())
            .filter(|c| !c.is_empty()),
    );
    allies.retain(|c| !actor.iter().any(|a| a.country == *c));
    allies
}

/// Whoever thanks or praises another "for" the act at `t` ("Lukashenko thanked Moscow for
/// stationing nuclear weapons on Belarusian soil"): the act is done for them, not to them.
fn thanker<'s>(s: &'s Sentence<'_>, t: usize) -> Option<&'s Mention> {
    const THANKING: &[&str] = &["thank", "prais", "hail", "commend", "laud", "applaud"];
    // The act is the gerund right after "for" ("for stationing", "for sending").
    let f = t.checked_sub(1).filter(|&f| s.is(f, "for") && s.word(t).ends_with("ing"))?;
    let v = (f.saturating_sub(6)..f).rev().find(|&k| {
        let w = s.word(k).to_ascii_lowercase();
        THANKING.iter().any(|th| w.starts_with(th))
    })?;
    s.mentions.iter().rev().find(|m| m.tok_end <= v && super::is_actorish(m))
}

/// Verbs of taking back territory, whose place is not the one the act is done to.
const RECLAIMING: &[&str] = &["retake", "recapture", "liberate", "reclaim", "regain"];

/// Gives unidentified actors of force, coercion, protest or mobilisation named by a common
/// phrase (or none) the country of the event's place; returns the place's words.
fn place_actor(
    coder: &Coder,
    s: &Sentence<'_>,
    trigger: &Trigger,
    clause: Clause,
    actor: &mut [Entity],
) -> Option<String> {
    if !street_or_armed(trigger.event) || !actor.iter().all(|a| is_common_phrase(&a.entity_text)) {
        return None;
    }
    let place = location(coder, s, clause)
        .filter(|l| coder.lexicon().country(&l.country_code).is_some())?;
    let country = coder.lexicon().country(&place.country_code).map(|c| c.name.clone());
    for a in actor.iter_mut() {
        a.code = place.country_code.as_str().into();
        a.country = place.country_code.as_str().into();
        a.name = country.as_deref().unwrap_or_default().into();
    }
    Some(place.extracted_place)
}
