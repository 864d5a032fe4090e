//! Conversions between event types that PLOVER asks for once the parties and the
//! modality are known: street action needs a crowd, joint preparations are cooperation,
//! what is threatened or announced is a threat, future cooperation an intention, a refused
//! cooperation a rejection.

use std::ops::Range;

use dyad_model::{Entity, EventType, Modality};

use super::{
    before_day, is_crowd_phrase, is_protesting_crowd, threat_mode, Argument, Candidate, Clause,
    ClauseKind, Sentence, ATTEMPT_WORDS, COMMITMENT_VERBS, DECISION_WORDS, INTENT_WORDS,
    LABOUR_TOPIC, LABOUR_WORDS, ORDER_VERBS, REFUSING, STRUCK_THINGS, SWEARING, THREAT_WORDS,
    WORKING_SECTORS,
};
use crate::mentions::Kind;
use crate::tokens::is_any;
use crate::triggers::{Pos, Trigger};

/// The event type and modes of `cand` given who acts: a "strike" or "block" by no crowd is
/// an attack or a restriction, a "protest" by a crowd is street action, preparations made
/// together are cooperation. `labour` says whether the text spoke of work and pay before.
pub(super) fn by_actor(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    (clause, labour): (Clause, bool),
    actor_arg: &Argument,
    actor: &[Entity],
    why: Option<&mut Vec<String>>,
) -> (EventType, Vec<String>) {
    let mut event_type = trigger.event;
    let mut modes: Vec<String> =
        if trigger.mode.is_empty() { Vec::new() } else { vec![trigger.mode.clone()] };
    // "workers announced they will strike": a walkout needs a crowd or a working people.
    let crowd = is_crowd(s, actor_arg, actor)
        || trigger.lemma == "strike"
            && !actor.is_empty()
            && actor.iter().all(|a| WORKING_SECTORS.contains(&a.sector.as_str()));
    street_action(trigger, s, cand, crowd, &mut event_type, &mut modes);
    let mut coding = Converted { event_type, modes, why };
    // A strike in a text about work and pay is a walkout unless its sentence says otherwise;
    // one with a direct object ("militants struck a convoy") never is. (Asked only of the
    // words "strike" and "strikes", the only ones `by_weapons` turns into walkouts.)
    let walkout = s.is_any(cand.tok_start, &["strike", "strikes"])
        && !hits_object(trigger, s, cand)
        && (crowd
            || (labour_strike(s, cand.tok_start)
                || labour
                || labour_near(s, clause, cand.tok_start)
                || labour_topic(s))
                && !attack_cue(s, cand, clause)
                && !s.is_any(cand.tok_end, &["campaign", "campaigns"]));
    by_weapons(trigger, s, cand, clause, walkout, &mut coding);
    by_crowd(trigger, s, cand, clause, (actor_arg, actor), crowd, &mut coding);
    // "Macron clashed with Meloni over migration", "the Oval Office clash between Trump and
    // Zelensky": people who clash do so in words (PLOVER ACCUSE disapprove); forces and
    // crowds clash with force.
    if coding.event_type == EventType::Assault
        && matches!(trigger.lemma.as_str(), "clash" | "clashes")
        && verbal_clash(s, cand, actor_arg)
    {
        coding.to(EventType::Accuse, Some("disapprove"), "people clashing: a clash of words");
    }
    // "Trump attacked The Wall Street Journal", "the senator attacked the plan": a person who
    // attacks a person, the press or a policy does so in words.
    if coding.event_type == EventType::Assault && verbal_attack(trigger, s, cand, actor_arg) {
        coding.to(EventType::Accuse, Some("disapprove"), "a person attacking in words");
    }
    // PLOVER MOBILIZE militia: "mobilize or increase readiness of any non-state entity with
    // significant military capability": an armed group's forces, or militias called up.
    let armed_group = !actor.is_empty()
        && actor.iter().all(|a| matches!(a.sector.as_str(), "REB" | "PRM" | "UAF"));
    let militia_moved = (cand.tok_end..(cand.tok_end + 4).min(clause.end))
        .any(|k| s.is_any(k, &["militia", "militias", "militiamen", "paramilitaries"]));
    if coding.event_type == EventType::Mobilize
        && coding.modes.iter().any(|m| m == "troops")
        && (armed_group || militia_moved)
    {
        coding.to(EventType::Mobilize, Some("militia"), "forces of a non-state group: militia");
    }
    // "Kidnappers seized 20 students", "rebels detained three aid workers": people seized by
    // an armed group or criminals are abducted (PLOVER ASSAULT abduct), not arrested.
    // (An armed group that rules a territory "detains" as its authority: only its seizures
    // are abductions; gunmen's and criminals' detentions are too.)
    let outlaws = |sectors: &[&str]| {
        !actor.is_empty() && actor.iter().all(|a| sectors.contains(&a.sector.as_str()))
    };
    let seized = coding.modes.iter().any(|m| m == "seize")
        && outlaws(&["REB", "PRM", "UAF", "CRM"])
        || coding.modes.iter().any(|m| m == "arrest") && outlaws(&["UAF", "CRM"]);
    if coding.event_type == EventType::Coerce && seized && seizes_people(s, cand, clause) {
        coding.to(EventType::Assault, Some("abduct"), "people seized by an armed group: abduct");
    }
    by_manual(trigger, s, cand, clause, actor, &mut coding);
    (coding.event_type, coding.modes)
}

/// Whether the object of the verb `cand` names people ("seized 20 students").
fn seizes_people(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    const PEOPLE: &[&str] = &[
        "people",
        "persons",
        "students",
        "schoolchildren",
        "pupils",
        "children",
        "girls",
        "boys",
        "women",
        "men",
        "passengers",
        "villagers",
        "civilians",
        "residents",
        "workers",
        "hostages",
        "tourists",
        "foreigners",
        "priest",
        "priests",
        "journalist",
        "journalists",
        "soldiers",
        "policemen",
        "officers",
        "farmers",
        "worshippers",
        "travellers",
        "travelers",
        "nationals",
        "citizens",
        "staff",
        "employees",
        "crew",
        "fishermen",
    ];
    (cand.tok_end..(cand.tok_end + 6).min(clause.end))
        .take_while(|&k| s.tokens[k].word && !s.is_any(k, super::PREPOSITIONS))
        .any(|k| s.is_any(k, PEOPLE))
}

/// Conversions the PLOVER manual's "potential ambiguities" ask for, decided once the actor is
/// known.
fn by_manual(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    actor: &[Entity],
    coding: &mut Converted<'_>,
) {
    // PLOVER: "Mobilizing police or military forces for disaster relief should be coded as
    // AID".
    if coding.event_type == EventType::Mobilize && for_disaster_relief(s, cand, clause) {
        coding.to(EventType::Aid, None, "forces sent for disaster relief: AID");
    }
    // PLOVER: "When one or more parties to a conflict call for ending the conflict, that is
    // taken to be an expression of intent on the part of the actor and is thus coded as
    // AGREE": an armed party's call for an end to the fighting.
    if coding.event_type == EventType::Request
        && armed_party(actor)
        && calls_for_peace(s, cand, clause)
    {
        coding.to(EventType::Agree, None, "a party to the fighting calling for its end: AGREE");
    }
    // PLOVER: those who make people flee expel them ("forced thousands of villagers to flee").
    if coding.event_type == EventType::Coerce
        && trigger.lemma == "force"
        && forced_to_flee(s, cand, clause)
    {
        coding.to(EventType::Sanction, Some("expel"), "people forced to flee: expelled");
    }
    // PLOVER: "Issuing an in-absentia arrest should be coded as a THREAT `arrest'".
    if coding.event_type == EventType::Coerce
        && coding.modes.iter().any(|m| m == "arrest")
        && (clause.start..clause.end).any(|k| s.is(k, "absentia"))
    {
        coding.to(EventType::Threaten, Some("arrest"), "an arrest in absentia: a threat");
    }
}

/// Whether the verb of attack at `cand` is one of words: a named person (not the followers or
/// forces named after one) attacks the press, a policy or its critics, or a named person
/// right after the verb, with no weapon in the clause.
fn verbal_attack(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    actor_arg: &Argument,
) -> bool {
    const SAID_OR_DONE: &[&str] = &[
        "newspaper",
        "newspapers",
        "media",
        "press",
        "journal",
        "plan",
        "plans",
        "policy",
        "policies",
        "decision",
        "remarks",
        "comments",
        "statement",
        "proposal",
        "ruling",
        "critics",
    ];
    let people = actor_arg.sector.is_none()
        && !actor_arg.mentions.is_empty()
        && actor_arg.mentions.iter().all(|&i| s.mentions[i].is_person);
    let object = cand.tok_end..s.phrase_end(cand.tok_end, 6);
    let armed = (cand.tok_end..(cand.tok_end + 12).min(s.tokens.len()))
        .any(|k| s.is_arms(k) || s.is_any(k, &["knife", "knives", "machete", "gun", "guns"]));
    trigger.pos == Pos::Verb
        && matches!(trigger.lemma.as_str(), "attack" | "assail")
        && people
        && !armed
        && (object.clone().any(|k| s.is_any(k, SAID_OR_DONE))
            || s.mentions.iter().any(|m| m.is_person && m.tok_start == cand.tok_end))
}

/// Whether the clash at `cand` is one of words: between people named (its subject, or the
/// parties after "with" or "between"), or called verbal, diplomatic or heated.
fn verbal_clash(s: &Sentence<'_>, cand: &Candidate, actor_arg: &Argument) -> bool {
    let people = |mentions: &mut dyn Iterator<Item = &crate::mentions::Mention>| {
        let mut any = false;
        for m in mentions {
            // "supporters of Odinga", "soldiers loyal to Machar" are a crowd or a force, not
            // the person they follow.
            let followed = m.tok_start > 1
                && s.is_any(m.tok_start - 1, &["of", "to", "with"])
                && !s.is_any(
                    m.tok_start - 2,
                    &["clash", "clashed", "clashes", "clashing", "between"],
                );
            if !m.is_person || followed {
                return false;
            }
            any = true;
        }
        any
    };
    let named_after = |word: &str| {
        (cand.tok_end..(cand.tok_end + 2).min(s.tokens.len())).find(|&k| s.is(k, word)).is_some_and(
            |k| {
                let end = (k + 8).min(s.tokens.len());
                let to = (k + 1..end)
                    .find(|&j| s.is_any(j, &[",", ";", "over", "on", "about", "in", "at"]))
                    .unwrap_or(end);
                people(
                    &mut s
                        .mentions
                        .iter()
                        .filter(|m| m.tok_start > k && m.tok_end <= to && m.kind == Kind::Actor),
                )
            },
        )
    };
    actor_arg.sector.is_none() && people(&mut actor_arg.mentions.iter().map(|&i| &s.mentions[i]))
        || named_after("with")
        || named_after("between")
        || cand.tok_start > 0
            && s.is_any(cand.tok_start - 1, &["verbal", "diplomatic", "heated", "rhetorical"])
}

/// An event type and modes being converted, with the reasons given so far.
struct Converted<'w> {
    event_type: EventType,
    modes: Vec<String>,
    why: Option<&'w mut Vec<String>>,
}

impl Converted<'_> {
    /// Makes the event `to` with the one mode `mode` (or none), for `reason`.
    fn to(&mut self, to: EventType, mode: Option<&str>, reason: &str) {
        self.event_type = to;
        self.modes = mode.map(|m| vec![m.to_string()]).unwrap_or_default();
        if let Some(why) = self.why.as_deref_mut().filter(|_| !reason.is_empty()) {
            why.push(reason.into());
        }
    }
}

/// Strikes by workers, weapons launched at a target or into the sea. `walkout`: the actor
/// is a crowd, or the text is about work and pay.
fn by_weapons(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    walkout: bool,
    coding: &mut Converted<'_>,
) {
    let lemma = trigger.lemma.as_str();
    // "workers voted for strikes", "teachers' strikes": a strike by a crowd, or among words of
    // work and pay, is a walkout (PLOVER PROTEST strike), not an air strike.
    if coding.event_type == EventType::Assault
        && s.is_any(cand.tok_start, &["strike", "strikes"])
        && !(cand.tok_start > 0 && s.is_any(cand.tok_start - 1, MILITARY_STRIKES))
        && walkout
    {
        coding.to(EventType::Protest, Some("strike"), "a strike by workers: PROTEST strike");
    }
    // "launched missiles at Kyiv", "fired drones on Odesa": weapons launched at a party or a
    // place are an attack, not a test or a deployment.
    if coding.event_type == EventType::Mobilize
        && coding.modes.iter().any(|m| m == "weapons")
        && ["launch", "fire", "shoot"].contains(&lemma)
        && aimed_at_someone(s, cand, clause)
    {
        coding.to(EventType::Assault, None, "weapons launched at a target: ASSAULT");
    }
    // "fired two ballistic missiles into the sea": missiles fired at no one, into the sea, are
    // a weapons test or show of force (MOBILIZE weapons: readiness of weapons systems), not an
    // attack.
    if coding.event_type == EventType::Assault
        && ["fire", "launch", "shoot"].contains(&lemma)
        && fired_into_the_sea(s, cand, clause)
        && !aimed_at_someone(s, cand, clause)
    {
        coding.to(
            EventType::Mobilize,
            Some("weapons"),
            "missiles fired into the sea: MOBILIZE weapons",
        );
    }
}

/// Orders to one's own forces, protesters assembling or fighting, a crowd protesting, joint
/// preparations.
fn by_crowd(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    (actor_arg, actor): (&Argument, &[Entity]),
    crowd: bool,
    coding: &mut Converted<'_>,
) {
    // "ordered troops into the city", "ordered police to the prison": an order to one's own
    // forces moves them (PLOVER MOBILIZE), it asks nothing of another party.
    if coding.event_type == EventType::Request && orders_own_forces(s, cand, actor) {
        coding.to(EventType::Mobilize, Some("troops"), "an order to move forces: MOBILIZE");
    }
    let protesters = are_protesters(s, actor_arg);
    // "demonstrators gathered in the square": protesters assembling are a demonstration,
    // not a meeting.
    if coding.event_type == EventType::Consult && protesters {
        coding.to(EventType::Protest, Some("demo"), "protesters assembling: PROTEST demo");
    }
    // PLOVER: protesters' violence ("rioters set fire to a police station", "protesters
    // clashed with police") is a riot.
    if coding.event_type == EventType::Assault && protesters {
        coding.to(EventType::Protest, Some("riot"), "violence by protesters: PROTEST riot");
    }
    // PLOVER: a people protesting in the street is PROTEST; a government
    // protesting in words is ACCUSE.
    if coding.event_type == EventType::Accuse && trigger.lemma == "protest" && crowd {
        coding.to(EventType::Protest, Some("demo"), "");
    }
    if coding.event_type == EventType::Mobilize
        && joint_preparations(trigger, s, cand, clause, actor)
    {
        coding.to(EventType::Cooperate, None, "joint preparations by several actors: COOPERATE");
    }
    // "Bosnia and Slovenia agreed to a ceasefire": a truce that several parties agree to is
    // their agreement (PLOVER GSR AGREE, military); one party agreeing to it concedes it.
    if coding.event_type == EventType::Concede
        && trigger.lemma == "agree"
        && trigger.object.is_some()
        && actor.len() >= 2
    {
        coding.to(EventType::Agree, None, "a truce that several parties agree to: AGREE");
    }
    // CAMEO 074 "provide military protection or peacekeeping" (PLOVER AID): peacekeepers
    // deployed protect, they do not threaten ("the deployment of NATO peacekeeping troops").
    if coding.event_type == EventType::Mobilize && peacekeepers_moved(s, cand, clause) {
        coding.to(EventType::Aid, None, "peacekeepers deployed: AID (peacekeeping)");
    }
}

/// Whether a clash at `cand` is one with protesters named in its clause.
pub(super) fn crowd_clash(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
) -> bool {
    matches!(trigger.lemma.as_str(), "clash" | "clashes")
        && cand.tok_start >= clause.start
        && (clause.start..clause.end).any(|k| super::entities::is_protesting_crowd(s.word(k)))
}

/// Whether forces mobilised at `cand` go to help against a natural disaster: a word of relief
/// and a disaster after the trigger in its clause ("deployed to help victims of the floods").
fn for_disaster_relief(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    const RELIEF: &[&str] =
        &["help", "assist", "rescue", "relief", "victims", "evacuate", "aid", "survivors"];
    let after = cand.tok_end..clause.end;
    after.clone().any(|k| s.is_any(k, RELIEF))
        && after.into_iter().any(|k| super::screen::natural_disaster(s, k))
}

/// Whether the people forced at `cand` are made to flee: "to flee", "to evacuate", or "to
/// leave (or abandon) their homes, villages, land, the country" within eight words.
fn forced_to_flee(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    const LEFT: &[&str] = &["homes", "villages", "land", "lands", "country"];
    (cand.tok_end..(cand.tok_end + 8).min(clause.end)).any(|k| {
        let leaving =
            s.is_any(k + 1, &["leave", "abandon"]) && (k + 2..k + 4).any(|j| s.is_any(j, LEFT));
        s.is(k, "to") && (s.is_any(k + 1, &["flee", "evacuate"]) || leaving)
    })
}

/// Whether every actor is a non-state party that fights: rebels, armed groups or militias (a
/// state's military may call for an end to a war it is not in).
fn armed_party(actor: &[Entity]) -> bool {
    !actor.is_empty() && actor.iter().all(|a| matches!(a.sector.as_str(), "REB" | "UAF" | "PRM"))
}

/// Whether what the request at `cand` asks for is an end to the fighting: "called for an end
/// to the war", "urged a halt to hostilities", "demanded a cessation of the conflict".
fn calls_for_peace(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    const ENDING: &[&str] = &["end", "halt", "cessation", "stop"];
    const FIGHTING: &[&str] =
        &["war", "fighting", "conflict", "hostilities", "violence", "bloodshed", "clashes"];
    let to = (cand.tok_end + 4).min(clause.end);
    (cand.tok_end..to).any(|k| {
        s.is_any(k, ENDING) && (k + 1..(k + 5).min(clause.end)).any(|j| s.is_any(j, FIGHTING))
    })
}

/// Whether a visit at `cand` is peacekeepers, observers, inspectors or aid workers arriving
/// (named in the subject before the trigger, in its clause): their host lets them in.
pub(super) fn access_given(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    event_type: EventType,
    modes: &[String],
) -> bool {
    const ADMITTED: &[&str] = &[
        "observers",
        "monitors",
        "inspectors",
        "peacekeepers",
        "peacekeeping",
        "peace-keeping",
        "peace-keepers",
    ];
    event_type == EventType::Consult
        && modes.iter().any(|m| m == "visit")
        && trigger.lemma.starts_with("arrive")
        // "UN peacekeeping chief Jean-Pierre Lacroix arrived": a person, the subject right
        // before the verb, visits.
        && !s.mentions.iter().any(|m| m.is_person && m.tok_end == cand.tok_start)
        && (clause.start..cand.tok_start).any(|k| {
            // Not a title before a name: a capitalised word right after the word or after a
            // title ("peacekeeping chief Jean-Pierre Lacroix").
            let titled = s.is_any(k + 1, &["chief", "head", "commander", "envoy", "director"]);
            let j = if titled { k + 2 } else { k + 1 };
            let named_after = j < cand.tok_start && s.word(j).starts_with(|c: char| c.is_uppercase());
            !named_after && s.is_any(k, ADMITTED)
                || s.is_any(k, &["workers", "teams"])
                    && k > 0
                    && s.is_any(k - 1, &["aid", "relief", "humanitarian", "medical"])
        })
}

/// Whether the forces a mobilisation at `cand` moves are peacekeepers: a word of
/// peacekeeping within five words of the trigger, in its clause.
fn peacekeepers_moved(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    let from = cand.tok_start.saturating_sub(5).max(clause.start);
    let to = (cand.tok_end + 6).min(clause.end);
    (from..to).any(|k| {
        let w = s.word(k).to_ascii_lowercase();
        w.starts_with("peacekeep") || w.starts_with("peace-keep")
    })
}

/// Whether the actor is a crowd: street action needs one, so a government that "blocks" a
/// sale restricts it, and one that "strikes" a city attacks it.
fn is_crowd(s: &Sentence<'_>, actor_arg: &Argument, actor: &[Entity]) -> bool {
    actor_arg.mentions.iter().chain(actor_arg.sector.iter()).any(|&i| {
        s.mentions[i].collective
            || matches!(
                s.mentions[i].entity.sector.as_str(),
                "CVL" | "LAB" | "EDU" | "OPP" | "AGR" | "REB" | "SOC"
            )
    }) || actor
        .iter()
        .any(|a| (a.country.is_empty() || a.sector == "UNK") && is_crowd_phrase(&a.entity_text))
}

/// Blockades and strikes by whether a crowd makes them: "Demonstrators blocked a road",
/// "rebels blocked transport": a crowd's or a rebel group's blockade is PLOVER's PROTEST
/// obstruct, a state's a restriction; a "strike" by no crowd is an attack.
fn street_action(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    crowd: bool,
    event_type: &mut EventType,
    modes: &mut Vec<String>,
) {
    if *event_type == EventType::Coerce
        && crowd
        && s.is_any(
            cand.tok_start,
            &["block", "blocked", "blocks", "blocking", "blockade", "blockaded"],
        )
    {
        *event_type = EventType::Protest;
        *modes = vec!["obstruct".to_string()];
    }
    // "students boycotted classes": a crowd's boycott is a protest (PLOVER PROTEST boycott);
    // a state boycotting talks rejects them.
    if *event_type == EventType::Reject && crowd && trigger.lemma == "boycott" {
        *event_type = EventType::Protest;
        *modes = vec!["boycott".to_string()];
    }
    // "hacked to death": a machete, not a computer.
    if *event_type == EventType::Coerce
        && trigger.lemma == "hack"
        && (cand.tok_end..cand.tok_end + 6).any(|k| s.is(k, "death"))
    {
        *event_type = EventType::Assault;
        modes.clear();
    }
    if *event_type == EventType::Protest
        && (!crowd || hits_object(trigger, s, cand) && trigger.lemma == "strike")
    {
        match trigger.lemma.as_str() {
            "strike" => {
                *event_type = EventType::Assault;
                modes.clear();
            }
            "block" => {
                *event_type = EventType::Coerce;
                *modes = vec!["restrict".to_string()];
            }
            _ => {}
        }
    }
}

/// Whether missiles or rockets are fired "into the sea" (or ocean, waters) in the trigger's
/// clause.
fn fired_into_the_sea(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    let end = clause.end.min(cand.tok_end + 12);
    let missiles = (cand.tok_end..end).any(|k| {
        s.is_any(k, &["missile", "missiles", "rocket", "rockets", "projectile", "projectiles"])
    });
    let sea = (cand.tok_end..end).any(|k| {
        s.is(k, "into")
            && (k + 1..(k + 5).min(end)).any(|j| s.is_any(j, &["sea", "ocean", "waters"]))
    });
    missiles && sea
}

/// Whether a party or a place follows "at", "on", "against" or "upon" after the trigger, in
/// its clause ("launched missiles at Kyiv"; not "into the sea").
fn aimed_at_someone(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    const AT: &[&str] = &["at", "on", "against", "upon"];
    let party = s.mentions.iter().any(|m| {
        m.tok_start > cand.tok_end
            && m.tok_start < clause.end
            && m.tok_start <= cand.tok_end + 8
            && !m.entity.country.is_empty()
            && (m.tok_start - 2..m.tok_start).any(|k| s.is_any(k, AT))
    });
    // "launched drones at a commercial ship", "fired rockets at army positions"; not "on
    // board a warship" (where the missile was fired from).
    let end = clause.end.min(cand.tok_end + 8).min(s.tokens.len());
    let thing = (cand.tok_end..end).any(|p| {
        s.is_any(p, AT)
            && !s.is_any(p + 1, &["board"])
            && (p + 1..(p + 5).min(end))
                .take_while(|&k| s.tokens[k].word)
                .any(|k| s.is_any(k, STRUCK_THINGS))
    });
    party || thing
}

/// Whether an order verb sends one's own forces: "ordered troops into the city", "ordered
/// police to the prison", "Bush ordered American troops to …" (military or police right
/// after the verb, unnamed or of the actor's own country).
fn orders_own_forces(s: &Sentence<'_>, cand: &Candidate, actor: &[Entity]) -> bool {
    s.is_any(cand.tok_start, ORDER_VERBS)
        && s.mentions.iter().any(|m| {
            m.tok_start >= cand.tok_end
                && m.tok_start <= cand.tok_end + 2
                && (cand.tok_end..m.tok_start).all(|k| {
                    s.is_any(
                        k,
                        &[
                            "the",
                            "its",
                            "his",
                            "her",
                            "their",
                            "more",
                            "additional",
                            "extra",
                            "federal",
                            "national",
                            "riot",
                            "elite",
                        ],
                    )
                })
                && matches!(m.entity.sector.as_str(), "MIL" | "COP")
                && (m.entity.name.is_empty() || own_forces(&m.entity, actor))
        })
}

/// Whether `e` is military or police of the actor's own country ("Bush ordered American
/// troops …").
pub(super) fn own_forces(e: &Entity, actor: &[Entity]) -> bool {
    matches!(e.sector.as_str(), "MIL" | "COP")
        && !e.country.is_empty()
        && actor.iter().any(|a| a.country == e.country)
}

/// Whether the actor is protesters ("rioters", "demonstrators", "a mob").
fn are_protesters(s: &Sentence<'_>, actor_arg: &Argument) -> bool {
    !actor_arg.mentions.is_empty()
        && actor_arg.mentions.iter().all(|&i| {
            let m = &s.mentions[i];
            is_protesting_crowd(&s.text[s.tokens[m.tok_start].start..s.tokens[m.tok_end - 1].end])
        })
}

/// PLOVER: joint military preparations are cooperation, not mobilisation: several actors
/// together, or exercises held with another party ("drills with American troops").
fn joint_preparations(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    actor: &[Entity],
) -> bool {
    let drills = trigger.object.is_some() && trigger.mode == "troops";
    // "French and Egyptian warships launched war games": the forces of two countries at once.
    let two_countries =
        actor.iter().any(|a| !a.country.is_empty() && a.country != actor[0].country);
    let together = actor.len() >= 2
        && (drills && two_countries
            || s.tokens[cand.tok_end..clause.end].iter().any(|tk| {
                is_any(
                    s.text,
                    tk,
                    &["jointly", "themselves", "together", "joint", "trilateral", "combined"],
                )
            }));
    let with_party = drills
        && (cand.tok_end..clause.end.min(cand.tok_end + 6)).any(|k| {
            s.is(k, "with")
                && s.mentions
                    .iter()
                    .any(|m| m.tok_start > k && m.tok_start <= k + 3 && super::is_actorish(m))
        });
    together || with_party
}

/// Conversions that depend on the modality: threatened, announced and refused events.
#[allow(clippy::too_many_arguments)]
pub(super) fn by_modality(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    window: &Range<usize>,
    coding: (EventType, Vec<String>, Modality),
    mut why: Option<&mut Vec<String>>,
) -> (EventType, Vec<String>, Modality) {
    let t = cand.tok_start;
    let (mut event_type, mut modes, mut modality) = coding;
    // PLOVER: whatever is threatened is a threat, its content the mode ("threatened
    // to stop the negotiations": THREATEN relations); so is what will be done
    // unless a condition is met ("will withdraw its force unless …").
    let threatened = (window.start..t).any(|k| {
        s.is(k, "to")
            && k > 0
            && (s.is_any(k - 1, THREAT_WORDS)
                || before_day(s, k).is_some_and(|w| s.is_any(w, THREAT_WORDS)))
            || super::irrealis::threat_noun_to(s, k, t)
    });
    let ultimatum = matches!(clause.kind, ClauseKind::Main | ClauseKind::Complement(_))
        && (t + 1..s.tokens.len()).any(|k| s.is(k, "unless"));
    if modality == Modality::Future
        && event_type != EventType::Threaten
        && (threatened
            || ultimatum
                && (event_type.quad_code() >= 3
                    || matches!(event_type, EventType::Retreat | EventType::Concede)))
        && !matches!(event_type, EventType::Assault | EventType::Coerce | EventType::Sanction)
    {
        let mode = match event_type {
            EventType::Protest => Some("restrict"),
            EventType::Mobilize => Some("violence"),
            EventType::Accuse | EventType::Request => None,
            _ => Some("relations"),
        };
        if let Some(why) = why.as_deref_mut() {
            why.push(format!("threatened {event_type} coded as THREATEN"));
        }
        event_type = EventType::Threaten;
        modes = mode.map(|m| vec![m.to_string()]).unwrap_or_default();
    }
    if modality == Modality::Future {
        (event_type, modes) =
            as_intention(trigger, s, t, window, (event_type, modes), why.as_deref_mut());
    }
    // "police will no longer tolerate rallies": what a party says it will not tolerate, it
    // threatens to stop (PLOVER GSR THREATEN).
    if modality == Modality::Negated
        && trigger.lemma == "tolerate"
        && window.clone().any(|k| s.is_any(k, &["will", "would", "won't", "wouldn't", "longer"]))
    {
        if let Some(why) = why {
            why.push("what will not be tolerated is threatened: THREATEN".into());
        }
        return (EventType::Threaten, vec!["restrict".to_string()], Modality::Asserted);
    }
    if modality == Modality::Negated {
        (event_type, modes, modality) = as_refusal(s, window, (event_type, modes, modality), why);
    }
    (event_type, modes, modality)
}

/// A future event: cooperation is an intention (AGREE), a retreat a concession, an
/// announced hostile act a threat whose mode is the act.
fn as_intention(
    trigger: &Trigger,
    s: &Sentence<'_>,
    t: usize,
    window: &Range<usize>,
    (mut event_type, mut modes): (EventType, Vec<String>),
    mut why: Option<&mut Vec<String>>,
) -> (EventType, Vec<String>) {
    // PLOVER: future cooperation is an intention (AGREE); a future retreat a
    // concession.
    match event_type {
        EventType::Aid | EventType::Cooperate | EventType::Support | EventType::Consult => {
            if let Some(why) = why.as_deref_mut() {
                why.push(format!("future {event_type} coded as AGREE"));
            }
            event_type = EventType::Agree;
            modes.clear();
        }
        EventType::Retreat => {
            event_type = EventType::Concede;
            modes.clear();
        }
        // PLOVER: an announced hostile act is a threat, and the mode is what is
        // threatened ("said it would detain the journalists": THREATEN arrest).
        // An attempt ("tried to hack", "an attempt to assassinate") is the act,
        // and so is a decision made public ("announced it would prohibit all
        // aid"): what is decided will be done, unless only an intention is
        // announced ("announced it is prepared to impose martial law").
        EventType::Assault | EventType::Coerce | EventType::Sanction
            if !(window.start..t)
                .any(|k| k > 0 && s.is(k, "to") && s.is_any(k - 1, ATTEMPT_WORDS))
                && (!(0..t).any(|k| s.is_any(k, DECISION_WORDS))
                    || t >= 2 && s.is(t - 1, "to") && s.is_any(t - 2, INTENT_WORDS)) =>
        {
            let mode = threat_mode(event_type, &modes, trigger);
            if let Some(why) = why {
                why.push(format!("announced {event_type} coded as THREATEN"));
            }
            event_type = EventType::Threaten;
            modes = vec![mode.to_string()];
        }
        _ => {}
    }
    (event_type, modes)
}

/// A negated event: a refused cooperation is a rejection.
fn as_refusal(
    s: &Sentence<'_>,
    window: &Range<usize>,
    (mut event_type, mut modes, mut modality): (EventType, Vec<String>, Modality),
    why: Option<&mut Vec<String>>,
) -> (EventType, Vec<String>, Modality) {
    // A refusal of cooperation is a rejection: "would not meet their demands",
    // "refused to allow inspectors"; so is a failure to agree ("failed to reach agreement",
    // as the PLOVER gold codes it).
    let refusal_marker = window.clone().any(|k| {
        s.is_any(k, &["will", "would", "won't", "wouldn't"])
            || s.is_any(k, REFUSING)
            || event_type == EventType::Agree
                && s.is_any(k, &["failed", "fails", "fail"])
                && s.is(k + 1, "to")
    });
    // PLOVER: concessions "deal with promises that certain things will not happen": a
    // hostile act that a party says it will not do, or promises not to do, is a concession
    // ("said police would not beat protesters", "pledged not to attack", "will no longer
    // block").
    if promised_not(s, window)
        && matches!(
            event_type,
            EventType::Assault
                | EventType::Coerce
                | EventType::Sanction
                | EventType::Protest
                | EventType::Reject
        )
    {
        if let Some(why) = why {
            why.push(format!("{event_type} promised not to happen coded as CONCEDE"));
        }
        return (EventType::Concede, Vec::new(), Modality::Asserted);
    }
    if refusal_marker && event_type.quad_code() <= 2 {
        let mode = match event_type {
            EventType::Consult => Some("meet"),
            EventType::Aid | EventType::Cooperate => Some("assist"),
            EventType::Concede | EventType::Retreat => Some("yield"),
            _ => None,
        };
        if let Some(why) = why {
            why.push(format!("refused {event_type} coded as REJECT"));
        }
        event_type = EventType::Reject;
        modes = mode.map(|m| vec![m.to_string()]).unwrap_or_default();
        modality = Modality::Asserted;
    }
    (event_type, modes, modality)
}

/// "would not beat", "will no longer detain", "pledged not to attack", "vowed never to use":
/// a negation that a future auxiliary or a verb of promising governs, with nothing but "to",
/// "longer"/"more" or an adverb between it and the event word at the end of `window`.
fn promised_not(s: &Sentence<'_>, window: &Range<usize>) -> bool {
    let t = window.end;
    window.clone().any(|n| {
        let governed = s.is_any(n, &["won't", "wouldn't"])
            || s.is_any(n, &["not", "never", "no", "n't"])
                && n > 0
                && (s.is_any(n - 1, &["will", "would", "shall", "wo"])
                    || s.is_any(n - 1, COMMITMENT_VERBS)
                    || s.is_any(n - 1, SWEARING));
        governed
            && (n + 1..t).all(|k| {
                s.is_any(k, &["to", "longer", "more", "again", "ever"]) || s.word(k).ends_with("ly")
            })
    })
}

/// "militants struck a convoy": a verb with a direct object right after it (an article, a
/// possessive or a party; not "struck this week"). Workers strike without one ("struck over
/// pay", "struck for a week").
fn hits_object(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    trigger.pos == crate::triggers::Pos::Verb
        && (s.is_any(cand.tok_end, &["a", "an", "the", "its", "their", "his", "her"])
            || s.mentions.iter().any(|m| m.tok_start == cand.tok_end))
}

/// Whether the sentence makes a "strike" an attack: a word of harm or armed force in its
/// clause, or a place or party aimed at after it ("a strike on the village", "strikes against
/// rebel positions").
fn attack_cue(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> bool {
    let after = cand.tok_end;
    // "a strike on the village", not "a strike on the London Underground": a place or party
    // named after "on".
    let aimed = s.is_any(after, &["on", "against", "targeting", "near"])
        && s.mentions.iter().any(|m| {
            (after + 1..=after + 3).contains(&m.tok_start)
                && (m.kind == Kind::Place || super::is_actorish(m))
        });
    aimed || (clause.start..clause.end).any(|k| s.is_any(k, WAR_WORDS))
}

/// Words of harm, damage and armed force, which make a strike in their clause an attack.
const WAR_WORDS: &[&str] = &[
    "killed",
    "killing",
    "kill",
    "kills",
    "dead",
    "died",
    "deaths",
    "wounded",
    "wounding",
    "injured",
    "injuring",
    "casualties",
    "destroyed",
    "damaged",
    "militants",
    "military",
    "army",
    "forces",
    "bomb",
    "bombs",
    "missile",
    "missiles",
];

/// Whether a word of work and pay stands within eight words of `t` in its clause, with no
/// comma between ("workers voted for strikes", "strikes by nurses").
fn labour_near(s: &Sentence<'_>, clause: Clause, t: usize) -> bool {
    let from = t.saturating_sub(8).max(clause.start);
    let to = (t + 9).min(clause.end);
    (from..to).any(|k| {
        s.is_any(k, LABOUR_WORDS) && (k.min(t)..k.max(t)).all(|j| !s.is_any(j, &[",", ";"]))
    })
}

/// Whether the sentence speaks of work and pay in words that have no other sense ("teachers",
/// "wages"), wherever they stand: "lost half its teachers after a two-day strike, with the
/// government's efforts to avert a wider strike failing".
pub(super) fn labour_topic(s: &Sentence<'_>) -> bool {
    (0..s.tokens.len()).any(|k| s.is_any(k, LABOUR_TOPIC))
}

/// Whether the word before the "strike" at `t` makes it a walkout: a kind of labour strike
/// ("a wildcat strike", "an indefinite strike") or its length ("a two-day strike", "a 24-hour
/// strike"); air and missile strikes are not counted in days.
fn labour_strike(s: &Sentence<'_>, t: usize) -> bool {
    const KINDS: &[&str] = &["wildcat", "indefinite", "sympathy", "token", "rolling"];
    const SPANS: &[&str] = &["-day", "-hour", "-week", "-month", "-long"];
    let Some(before) = t.checked_sub(1) else { return false };
    let w = s.word(before).to_ascii_lowercase();
    s.is_any(t, &["strike", "strikes"])
        && (KINDS.contains(&w.as_str())
            || SPANS.iter().any(|x| w.ends_with(x))
            || before > 0
                && s.is(before - 1, "-")
                && ["day", "hour", "week", "month", "long"].contains(&w.as_str()))
}

/// Words before "strike" that make it a military one.
const MILITARY_STRIKES: &[&str] = &[
    "air",
    "missile",
    "drone",
    "rocket",
    "artillery",
    "military",
    "retaliatory",
    "precision",
    "nuclear",
    "pre-emptive",
    "preemptive",
    "aerial",
    "naval",
    "first",
];
