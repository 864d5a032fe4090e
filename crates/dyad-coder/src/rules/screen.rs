//! Screening: trigger candidates that look like events but are newsroom phrases or lack
//! what their trigger needs.

use dyad_model::EventType;

use super::{
    Argument, Candidate, Sentence, BEFORE_NOUN_PHRASES, DETERMINERS, GROUP_KINDS, PREPOSITIONS,
};
use crate::mentions::Kind;
use crate::triggers::{Form, Pos, Trigger, Triggers};

/// Whether the candidate makes no event: a trigger that needs an object or a judged party
/// without one, "requests for comment", "declined to comment", "committed abuses", aid
/// received by nobody, a natural disaster that "hit" or "struck".
pub(super) fn screened_out(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    recipient_arg: &Option<Argument>,
) -> bool {
    lacks_argument(trigger, recipient_arg)
        || names_the_object(trigger, s, recipient_arg)
        || newsroom_phrase(trigger, s, cand)
        || names_no_act(trigger, s, cand)
}

/// A trigger that needs an object, a judged party or a receiver without one.
fn lacks_argument(trigger: &Trigger, recipient_arg: &Option<Argument>) -> bool {
    (trigger.needs_object
        && recipient_arg.as_ref().is_none_or(|r| r.how != "object" && !r.how.starts_with("obj of")))
        // A judgement of nobody named is an opinion, not an accusation.
        || (trigger.judgement && recipient_arg.is_none())
        // "Receiving aid from X …" with nobody receiving: no event.
        || (trigger.inverse && recipient_arg.is_none())
}

/// "called Netanyahu a liar", "called the vote a sham": a verb that needs its object names
/// it when a noun phrase follows the object, instead of a preposition, a time or the end.
fn names_the_object(trigger: &Trigger, s: &Sentence<'_>, recipient_arg: &Option<Argument>) -> bool {
    let Some(r) = recipient_arg.as_ref().filter(|_| trigger.needs_object) else { return false };
    let Some(end) = r.mentions.iter().map(|&i| s.mentions[i].tok_end).max() else { return false };
    let call_ends = end >= s.tokens.len()
        || s.is_any(end, &[".", ",", ";", ":", "?", "!", "(", "-", "--", "—", "–"])
        || s.is_any(end, PREPOSITIONS)
        || s.is_any(
            end,
            &["and", "but", "twice", "again", "late", "early", "earlier", "yesterday"],
        )
        || crate::dates::is_weekday(s.word(end))
        || s.word(end).ends_with("ly");
    !call_ends
}

/// "requests for comment", "declined to comment", "refused to be named": newsroom routine;
/// "committed abuses" is no commitment.
fn newsroom_phrase(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    let after = cand.tok_end;
    (trigger.event == EventType::Request
        && s.is(after, "for")
        && s.is_any(after + 1, &["comment", "comments", "clarification"]))
        || (trigger.lemma == "commit" && !(s.is(after, "to") || s.is(after + 1, "to")))
        // "…?" Smith asked.": a question quoted, nothing asked of anyone.
        || (trigger.lemma == "ask" && (after >= s.tokens.len() || s.is_any(after, &[".", ",", "\""])))
        || (trigger.event == EventType::Reject
            && s.is(after, "to")
            && s.is_any(
                after + 1,
                &[
                    "comment",
                    "elaborate",
                    "disclose",
                    "discuss",
                    "speak",
                    "confirm",
                    "be",
                    "give",
                    "provide",
                    "say",
                ],
            )
            && (s.is_any(
                after + 1,
                &["comment", "elaborate", "disclose", "speak", "confirm", "say"],
            ) || s.is_any(after + 2, &["named", "identified", "quoted"])
                || s.is_any(after + 2, &["details", "specifics", "further"])))
}

/// Words that look like an event but name none here: a participle describing its noun, nature
/// striking, a kind of weapon, sanctions defied, showing or settling somewhere.
fn names_no_act(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    describes_no_act(trigger, s, cand)
        || no_truce_takes_effect(trigger, s, cand)
        || no_party_acts(trigger, s, cand)
        || super::senses::other_sense(trigger, s, cand)
}

/// "The new tariffs took effect on Monday": what takes effect is an event only when it is a
/// ceasefire ("a truce between the army and the rebels came into force"), named in the
/// clause before the verb.
fn no_truce_takes_effect(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    takes_effect(trigger) && truce_taking_effect(s, cand).is_none()
}

/// Whether `trigger` is a row of taking effect ("took effect", "came into force").
pub(super) fn takes_effect(trigger: &Trigger) -> bool {
    let lemma = trigger.lemma.as_str();
    trigger.event == EventType::Retreat
        && (lemma.ends_with(" effect") || lemma.ends_with(" force") || lemma == "take hold")
}

/// The ceasefire word in the clause before the verb at `cand` ("a truce between the army and
/// the rebels came into force"), the last one.
pub(super) fn truce_taking_effect(s: &Sentence<'_>, cand: &Candidate) -> Option<usize> {
    const TRUCES: &[&str] =
        &["ceasefire", "cease-fire", "truce", "armistice", "ceasefires", "cease-fires", "truces"];
    let clause = s.clause_of(cand.tok_start);
    // Not one in a phrase of its own: "tariffs agreed under the truce deal took effect".
    (clause.start..cand.tok_start).rev().find(|&k| s.is_any(k, TRUCES)).filter(|&k| {
        !(k.saturating_sub(3).max(clause.start)..k).any(|j| {
            s.is_any(j, &["under", "after", "despite", "with", "of", "in", "for", "since"])
        })
    })
}

/// A word that only describes: a participle before its noun, a kind of weapon, sanctions in
/// force, a name given, a list of sanctions.
fn describes_no_act(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    // "the attacks shocked the nation": a feeling is an event only as "X was shocked by".
    if trigger.feeling && !super::arguments::feeling_about(s, cand.tok_start) {
        return true;
    }
    // "threatened protesters with arrest": the threat's mode, not an arrest.
    if trigger.pos == Pos::Noun && super::irrealis::threatened_with(s, cand.tok_start) {
        return true;
    }
    // "transporting injured civilians", "wounded soldiers were flown out": a participle of
    // harm right before the group it describes.
    let harmed_group = matches!(trigger.lemma.as_str(), "wound" | "injure")
        && cand.form == Form::Past
        && s.mentions.iter().any(|m| m.tok_start == cand.tok_end && m.kind == Kind::SectorOnly);
    // "occupied territories", "the banned movement", "frozen nuclear facilities": a
    // participle before its noun describes the noun; it reports no act. "The US presented
    // evidence": after a party the word is its verb, whatever the parse says.
    harmed_group
        || (trigger.pos == Pos::Verb
            && cand.form == Form::Past
            && cand.tok_end == cand.tok_start + 1
            && (parsed_adjective(s, cand.tok_start)
                || adjective_after_determiner(s, cand.tok_start))
            && !s.mentions.iter().any(|m| m.tok_end == cand.tok_start))
        // "attack drones", "assault rifles", "strike aircraft": a kind of weapon; so is a
        // verb's base form before such a noun when nothing makes it a verb ("U.S. combat
        // aircraft", not "to combat drones").
        || ((trigger.pos == Pos::Noun
            || cand.form == Form::Base
                && !(cand.tok_start > 0
                    && s.is_any(
                        cand.tok_start - 1,
                        &["to", "will", "would", "can", "could", "may", "might", "must", "should"],
                    )))
            && s.is_any(cand.tok_end, WEAPON_KINDS))
        // "invasion forces", "a strike force", "protest leaders": an event noun naming a kind
        // of group.
        || (trigger.pos == Pos::Noun && s.is_any(cand.tok_end, GROUP_KINDS))
        // "in violation of UN sanctions", "despite the embargo": sanctions in force are the
        // background of another act, not news of their own.
        || (trigger.event == EventType::Sanction
            && (cand.tok_start.saturating_sub(4)..cand.tok_start).any(|k| s.is_any(k, DEFIED)))
        // "what it called resistance fighters", "the so-called volunteers": a name given.
        || (trigger.lemma == "call"
            && (cand.tok_start.saturating_sub(3)..cand.tok_start)
                .any(|k| s.is_any(k, &["what", "so", "so-"])))
        // "defend each other against any invasion", "protect civilians from attacks": an
        // unnamed act guarded against is no act.
        || guarded_against(trigger, s, cand)
        // "added them to its sanctions list": a list of sanctions is no new sanction.
        || (trigger.pos == Pos::Noun
            && trigger.event == EventType::Sanction
            && s.is_any(cand.tok_end, &["list", "lists", "blacklist"]))
}

/// Verbs of protecting, whose "against" or "from" phrase names what may happen.
const PROTECTING: &[&str] = &[
    "defend",
    "protect",
    "guard",
    "shield",
    "safeguard",
    "secure",
    "insure",
    "defence",
    "defense",
    "protection",
];

/// Whether the noun `cand` of a hostile act is what a party guards against, unnamed: "defend
/// each other against any invasion", "protect civilians from attacks" (not "defend Ukraine
/// against Russian aggression" or "from attacks by Christian militias", which name its party).
fn guarded_against(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    if trigger.pos != Pos::Noun || trigger.event.quad_code() != 4 {
        return false;
    }
    let t = cand.tok_start;
    let Some(p) = (t.saturating_sub(4)..t).rev().find(|&k| s.is_any(k, &["against", "from"]))
    else {
        return false;
    };
    let named_agent = s.is(cand.tok_end, "by")
        && (cand.tok_end + 1..(cand.tok_end + 3).min(s.tokens.len()))
            .any(|k| s.word(k).starts_with(char::is_uppercase));
    !named_agent
        && (p + 1..t).all(|k| s.tokens[k].word && s.word(k).starts_with(char::is_lowercase))
        && (p.saturating_sub(7)..p).any(|k| {
            let w = s.word(k).to_ascii_lowercase();
            PROTECTING.iter().any(|v| w.starts_with(v))
                || ["deter", "deters", "deterred", "deterring", "deterrence"].contains(&w.as_str())
        })
}

/// An act of nature, of animals or of figures: no party attacks or threatens.
fn no_party_acts(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    // "were hit by floods", "a storm struck the coast", "killed in a car accident": nature
    // and mishaps do not attack;
    // "civilians threatened with starvation": nor does it threaten.
    ((trigger.event == EventType::Assault || trigger.lemma == "strike")
            && (disaster_near(s, cand, "by") || disaster_near(s, cand, "in")))
        // "Tropical Cyclone Jude slammed into …", "floods forced thousands from their homes":
        // whatever a disaster does as a verb's subject, no party does.
        || (trigger.pos == Pos::Verb && disaster_subject(s, cand))
        || (trigger.event == EventType::Threaten
            && trigger.pos == Pos::Verb
            && disaster_near(s, cand, "with"))
        // "millions of dogs are killed for their meat": animals are no party.
        || (trigger.event == EventType::Assault
            && trigger.pos == Pos::Verb
            && (cand.tok_start.saturating_sub(4)..(cand.tok_end + 3).min(s.tokens.len()))
                .any(|k| s.is_any(k, ANIMALS)))
        // "their vehicle hit a roadside bomb", "the ship struck a mine": the victim, not an
        // attacker.
        || (trigger.event == EventType::Assault
            && trigger.pos == Pos::Verb
            && matches!(trigger.lemma.as_str(), "hit" | "strike")
            && (cand.tok_end..(cand.tok_end + 4).min(s.tokens.len()))
                .any(|k| s.is_any(k, &["bomb", "mine", "landmine", "ied", "device", "explosive"])))
        // "Two trains collided near Balasore, leaving hundreds injured", "a ferry capsized,
        // killing 14": harm that a mishap named by its verb left, in a participle after it.
        || (trigger.event == EventType::Assault && harm_after_mishap(s, cand))
        // "Pakistan crushed England by 152 runs", "Japan beat Germany 2-1 in the World Cup": a
        // result in sport.
        || (trigger.event == EventType::Assault
            && trigger.pos == Pos::Verb
            && RESULTS.contains(&trigger.lemma.as_str())
            && sport_in_clause(s, cand))
        // "trade hit a record", "prices struck a new high": a figure reaching a level.
        || (trigger.event == EventType::Assault
            && trigger.pos == Pos::Verb
            && matches!(trigger.lemma.as_str(), "hit" | "strike" | "reach")
            && (cand.tok_end..(cand.tok_end + 4).min(s.tokens.len()))
                .any(|k| s.is_any(k, LEVELS)))
}

/// Verbs of winning, results in sport ([`SPORT`]), as the trigger rows name them.
const RESULTS: &[&str] = &["beat", "crush", "defeat", "smash", "destroy"];

/// Words of sport, whose "beat", "crushed" and "defeated" in their clause are results, not
/// attacks ("goals", "runs" and "points" only as a margin: "by 152 runs").
const SPORT: &[&str] = &[
    "wickets",
    "innings",
    "goalkeeper",
    "striker",
    "midfielder",
    "tournament",
    "championship",
    "semi-final",
    "semi-finals",
    "semifinal",
    "quarter-final",
    "quarter-finals",
    "quarterfinal",
    "cricket",
    "football",
    "soccer",
    "rugby",
    "tennis",
    "basketball",
    "volleyball",
    "olympics",
];

/// Whether the clause of `cand` speaks of sport: a word of [`SPORT`], or a margin counted in
/// runs, goals or points ("by 152 runs").
fn sport_in_clause(s: &Sentence<'_>, cand: &Candidate) -> bool {
    let clause = s.clause_of(cand.tok_start);
    (clause.start..clause.end).any(|k| {
        s.is_any(k, SPORT)
            || s.is_any(k, &["runs", "goals", "points"])
                && k >= 2
                && s.is(k - 2, "by")
                && (s.word(k - 1).starts_with(|c: char| c.is_ascii_digit())
                    || crate::sizes::is_number_word(s.word(k - 1)))
    })
}

/// Levels a figure reaches: "hit a record", "struck a new high".
const LEVELS: &[&str] = &[
    "record",
    "records",
    "high",
    "highs",
    "low",
    "lows",
    "peak",
    "milestone",
    "plateau",
    "ceiling",
    "threshold",
    "bottom",
];

/// Animals, which are killed, hunted or culled but are no party.
const ANIMALS: &[&str] = &[
    "dogs",
    "cats",
    "animals",
    "cattle",
    "livestock",
    "birds",
    "chickens",
    "poultry",
    "pigs",
    "sheep",
    "goats",
    "elephants",
    "rhinos",
    "whales",
    "sharks",
    "wolves",
    "bears",
    "deer",
    "fish",
];

/// Nouns that an event noun before them makes a kind of weapon ("attack drones").
pub(super) const WEAPON_KINDS: &[&str] = &[
    "drone",
    "drones",
    "helicopter",
    "helicopters",
    "aircraft",
    "jet",
    "jets",
    "submarine",
    "submarines",
    "rifle",
    "rifles",
    "vehicle",
    "vehicles",
    "boats",
    "craft",
    "weapons",
    "missiles",
    "capability",
    "capabilities",
];

/// Words by which sanctions in force are defied, evaded or stood under.
const DEFIED: &[&str] = &[
    "violation",
    "violations",
    "violating",
    "breach",
    "breaching",
    "evade",
    "evading",
    "circumvent",
    "circumventing",
    "despite",
    "defying",
    "under",
];

/// Accidents and want: who is "killed by" or "threatened with" them is no one's victim
/// (only after the verb: "after the crash, gunmen attacked" is an attack).
const MISHAPS: &[&str] = &[
    "crash",
    "crashes",
    "accident",
    "accidents",
    "collision",
    "derailment",
    "stampede",
    "famine",
    "starvation",
    "hunger",
    "disease",
    "diseases",
    "virus",
    "extinction",
];

/// Verbs that name a mishap ("two trains collided", "a ferry capsized").
const MISHAP_VERBS: &[&str] = &["collided", "collide", "derailed", "capsized", "crash-landed"];

/// Whether the harm at `cand` is what a mishap verb before it in its sentence left: a
/// participle after a comma ("…, killing 14") or a past participle after "leaving" or "left"
/// ("…, leaving hundreds injured").
fn harm_after_mishap(s: &Sentence<'_>, cand: &Candidate) -> bool {
    let t = cand.tok_start;
    let left = s.word(t).ends_with("ing") && t > 0 && s.is(t - 1, ",")
        || (t.saturating_sub(5)..t).any(|k| s.is_any(k, &["leaving", "left"]));
    left && (0..t).any(|k| s.is_any(k, MISHAP_VERBS))
}

/// Natural disasters: forces sent against them bring relief, and an emergency declared over
/// one is no repression (PLOVER).
const NATURAL_DISASTERS: &[&str] = &[
    "disaster",
    "disasters",
    "flood",
    "floods",
    "flooding",
    "earthquake",
    "earthquakes",
    "quake",
    "hurricane",
    "hurricanes",
    "typhoon",
    "typhoons",
    "cyclone",
    "cyclones",
    "tornado",
    "tornadoes",
    "storm",
    "storms",
    "rains",
    "landslide",
    "landslides",
    "mudslide",
    "drought",
    "wildfire",
    "wildfires",
    "bushfire",
    "bushfires",
    "tsunami",
    "avalanche",
    "heatwave",
    "blizzard",
];

/// Whether the word at `k` names a natural disaster ("floods", "quake-hit"), not "a flood of
/// migrants".
pub(super) fn natural_disaster(s: &Sentence<'_>, k: usize) -> bool {
    let w = s.word(k).to_ascii_lowercase();
    let head = w.split('-').next().unwrap_or("");
    (s.is_any(k, NATURAL_DISASTERS) || NATURAL_DISASTERS.contains(&head))
        && !(s.is(k + 1, "of") && w.starts_with("flood"))
}

/// Natural disasters and mishaps that "hit", "strike" or "kill" with no one behind them.
pub(super) const DISASTERS: &[&str] = &[
    "flood",
    "floods",
    "flooding",
    "earthquake",
    "earthquakes",
    "quake",
    "storm",
    "storms",
    "hurricane",
    "typhoon",
    "cyclone",
    "tornado",
    "landslide",
    "landslides",
    "mudslide",
    "drought",
    "wildfire",
    "wildfires",
    "tsunami",
    "avalanche",
    "heatwave",
    "blizzard",
    "epidemic",
    "outbreak",
    "pandemic",
    "lightning",
    "rains",
    "downpours",
];

/// Whether a disaster is the subject right before the verb `cand`, with at most its name
/// between ("Tropical Cyclone Jude slammed", "the floods forced"): not "after the earthquake,
/// Turkey appealed" or "exploited the drought and attacked". Stricter than the `before` of
/// [`disaster_near`], which serves attacks only.
fn disaster_subject(s: &Sentence<'_>, cand: &Candidate) -> bool {
    let t = cand.tok_start;
    (t.saturating_sub(3)..t).any(|k| {
        s.is_any(k, DISASTERS)
            && (k + 1..t).all(|j| crate::mentions::is_capitalized(s.text, &s.tokens[j]))
            && !s
                .mentions
                .iter()
                .any(|m| m.tok_start > k && m.tok_start < t && super::is_actorish(m))
    })
}

/// Whether a natural disaster is the agent of the verb `cand`: right before it ("a
/// 7.0-magnitude earthquake struck") or, it or a mishap, after `prep` ("were hit by floods",
/// "killed by the crash", "threatened with famine").
fn disaster_near(s: &Sentence<'_>, cand: &Candidate, prep: &str) -> bool {
    let t = cand.tok_start;
    let before = (t.saturating_sub(3)..t).any(|k| s.is_any(k, DISASTERS));
    // "killed by the Malaysia Airlines flight MH17 crash": the mishap ends its phrase.
    let phrase_end = (cand.tok_end + 1..(cand.tok_end + 9).min(s.tokens.len()))
        .find(|&k| !s.tokens[k].word && !s.word(k).chars().all(char::is_alphanumeric))
        .unwrap_or((cand.tok_end + 9).min(s.tokens.len()));
    let after = s.is(cand.tok_end, prep)
        && (cand.tok_end + 1..phrase_end).any(|k| s.is_any(k, DISASTERS) || s.is_any(k, MISHAPS));
    before || after
}

/// "struck PKK targets", "shelled rebel positions": a verb form in -s that the parse makes the
/// object of a word before it, modified by the word just before it, where the word has no
/// reading as an event noun (whose rows would code it: "talks", "sanctions"), is the plural
/// noun, not a verb.
pub(super) fn plural_noun_read_as_verb(
    triggers: &Triggers,
    s: &Sentence<'_>,
    cand: &Candidate,
) -> bool {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    trigger.pos == Pos::Verb
        && cand.form == Form::Third
        && cand.tok_end == t + 1
        && !s.tree().is_empty()
        && matches!(s.tree().rel(t), "obj" | "iobj")
        && s.tree().head(t).is_some_and(|h| h < t)
        && t > 0
        && s.tree().head(t - 1) == Some(t)
        && !s.tree().children(t).any(|c| s.tree().rel(c) == "nsubj")
        && !has_noun_row(triggers, trigger, s, t)
}

/// "to protest against EU trade deals", "U.S. stock market indexes": a one-word verb trigger in
/// its base or -s form that the parse makes a modifier (`compound`) of a noun after it, or a
/// subject or oblique with a determiner or modifier of its own, with no subject, object, "to"
/// or auxiliary of a verb, is a noun; not one with a reading as an
/// event noun, whose rows decide ("aid convoys").
pub(super) fn verb_read_in_compound(
    triggers: &Triggers,
    s: &Sentence<'_>,
    cand: &Candidate,
) -> bool {
    let t = cand.tok_start;
    let trigger = &triggers.rows[cand.trigger];
    trigger.pos == Pos::Verb
        && matches!(cand.form, Form::Base | Form::Third)
        && cand.tok_end == t + 1
        && !s.tree().is_empty()
        && (s.tree().rel(t) == "compound" && s.tree().head(t).is_some_and(|h| h > t)
            // "Kenya's Nairobi police station was burned down": a nominal dependent with a
            // modifier of a noun is a noun.
            || matches!(s.tree().rel(t), "nsubj" | "nsubj:pass" | "obl" | "nmod")
                && s.tree().children(t).any(|c| {
                    c < t && matches!(s.tree().rel(c), "det" | "compound" | "amod" | "nmod:poss")
                })
                // Not right after a party ("The Palestinians reject …" misparsed), unless the
                // party is named by its arms ("North Korean artillery shells").
                && !s.mentions.iter().any(|m| {
                    m.tok_end == t && m.kind == Kind::Actor && !s.is_arms(t - 1)
                }))
        && !s
            .tree()
            .children(t)
            .any(|c| matches!(s.tree().rel(c), "nsubj" | "obj" | "aux" | "mark" | "nsubj:pass"))
        && !(0..t).rev().find(|&k| s.tokens[k].word).is_some_and(|k| {
            s.is_any(k, &["to", "will", "would", "can", "could", "may", "might", "must", "should"])
        })
        && !has_noun_row(triggers, trigger, s, t)
}

/// Whether the word at `t`, or the lemma of `trigger`, has a row as an event noun.
fn has_noun_row(triggers: &Triggers, trigger: &Trigger, s: &Sentence<'_>, t: usize) -> bool {
    let word = s.word(t).to_ascii_lowercase();
    triggers
        .rows
        .iter()
        .any(|r| r.pos == Pos::Noun && (r.lemma == word || r.lemma == trigger.lemma))
}

/// PLOVER: "the topic of the protest---which will typically be a REQUEST---is not coded as a
/// separate event": a demand that is the purpose or the cry of a protest a few words before
/// ("marched in Kabul to demand the right to work", "rallied, demanding his resignation").
pub(super) fn protest_topic(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
) -> bool {
    let t = cand.tok_start;
    // "…, demanding the resignation", "to demand", "renewing demands for …".
    let purpose = t > 0 && s.is(t - 1, "to")
        || s.word(t).ends_with("ing")
        || t > 0
            && triggers.rows[cand.trigger].pos == Pos::Noun
            && s.is_any(t - 1, &["renewing", "repeating", "reiterating", "voicing", "making"]);
    // "with the UN urging restraint": a party of its own asks.
    let own_party = s.mentions.iter().any(|m| {
        m.tok_end == t
            && m.kind == Kind::Actor
            && !(m.tok_start > 0
                && s.is_any(m.tok_start - 1, PREPOSITIONS)
                && !s.is(m.tok_start - 1, "with"))
    });
    triggers.rows[cand.trigger].event == EventType::Request
        && purpose
        && !own_party
        && candidates.iter().any(|c| {
            let row = &triggers.rows[c.trigger];
            // Any protest: a march, a strike, a blockade, a hunger strike (not a verb of
            // blocking, which states and parties do too).
            row.event == EventType::Protest
                && row.lemma != "block"
                // Not a protest named after a preposition ("a crackdown on protests").
                && !(c.tok_start > 0 && s.is_any(c.tok_start - 1, PREPOSITIONS))
                && c.tok_end <= t
                && c.tok_end + 12 >= t
                && !(c.tok_end..t).any(|k| {
                    s.is_any(k, &[";", ".", "but", "while"])
                        || s.is(k, "and") && !s.is(k + 1, "other")
                })
        })
}

/// The parse makes the participle at `t` an adjective of a noun after it.
fn parsed_adjective(s: &Sentence<'_>, t: usize) -> bool {
    !s.tree().is_empty() && s.tree().rel(t) == "amod" && s.tree().head(t).is_some_and(|h| h > t)
}

/// "rejected proposed changes", "denounced planned attacks", "the seized firearms": a
/// participle that opens a noun phrase describes its noun; it is neither a verb of its own nor
/// a light verb of the noun (whatever the parse says: it often makes it an `xcomp`).
pub(in crate::rules) fn attributive_participle(s: &Sentence<'_>, v: usize) -> bool {
    s.word(v).ends_with("ed") && adjective_after_determiner(s, v)
}

/// Verbs that answer another's act, whose object may open with a participle ("rejected
/// proposed changes"); not the forms that are also nouns ("protest", "probes").
const ANSWERING: &[&str] = &[
    "reject",
    "rejects",
    "rejected",
    "deny",
    "denies",
    "denied",
    "condemn",
    "condemns",
    "condemned",
    "denounce",
    "denounces",
    "denounced",
    "criticise",
    "criticises",
    "criticised",
    "criticize",
    "criticizes",
    "criticized",
    "welcomes",
    "welcomed",
    "oppose",
    "opposes",
    "opposed",
    "dismiss",
    "dismisses",
    "dismissed",
    "accept",
    "accepts",
    "accepted",
    "investigate",
    "investigates",
    "investigated",
    "probed",
    "decry",
    "decries",
    "decried",
    "slammed",
    "protested",
];

/// "the seized firearms", "the country's seized mining sites", "returned to occupied
/// villages": a participle between a determiner, a possessive or a preposition and the next
/// word of its noun phrase.
fn adjective_after_determiner(s: &Sentence<'_>, t: usize) -> bool {
    // "hand over captured North Korean soldiers": after a verb's particle, before a party.
    let after_particle = t > 0
        && s.is_any(t - 1, &["over", "back", "up", "out"])
        && s.mentions.iter().any(|m| m.tok_start == t + 1);
    // "rejected proposed changes", "condemns alleged abuses": right after a verb that answers
    // another's act, the participle opens that verb's object.
    // (Not after a noun: "the protest blocked traffic", "probes found".)
    let after_verb =
        t > 0 && s.is_any(t - 1, ANSWERING) && !(t >= 2 && s.is_any(t - 2, DETERMINERS));
    t > 0
        && (s.is_any(t - 1, DETERMINERS)
            || s.is_any(t - 1, &["'s", "’s"])
            || s.is_any(t - 1, BEFORE_NOUN_PHRASES)
            || after_particle
            || after_verb)
        && s.tokens.get(t + 1).is_some_and(|n| n.word)
        && !s.is_any(t + 1, PREPOSITIONS)
        && !s.is_any(t + 1, DETERMINERS)
        && !s.is_any(t + 1, &["and", "or", "but", "as", "that", "which", "who"])
        && !s.word(t + 1).to_ascii_lowercase().ends_with("ly")
}
