//! Nominal events: the parties of an event noun (possessor, adjective, agent, recipient
//! preposition), of the light verb that carries it, and of a judgement.

use super::*;

/// "clashes between Sudanese troops and Chadian rebels", "talks between Kyiv and Moscow":
/// the parties named by "between" right after the noun are its actor and recipient.
pub(super) fn between_parties(
    s: &Sentence<'_>,
    t_end: usize,
    clause: Clause,
) -> Option<(Argument, Argument)> {
    if !s.is(t_end, "between") {
        return None;
    }
    let idx = s.mentions.iter().position(|m| {
        m.tok_start > t_end
            && m.tok_start <= t_end + 3
            && m.tok_start < clause.end
            && is_actorish(m)
    })?;
    let group = coordinated(s.text, s.tokens, s.mentions, idx, false);
    let (first, rest) = group.split_first()?;
    if rest.is_empty() {
        return None;
    }
    let argument =
        |mentions: Vec<usize>| Argument { sector: None, mentions, how: "between".into() };
    Some((argument(vec![*first]), argument(rest.to_vec())))
}

/// "rallied in support of Gaza", "prayers in support of Palestinians": the party after "in
/// support of" (or "in solidarity with") is the one supported; who supports is the clause's
/// subject, not that party. `Some(None)` when the support is banned or judged ("Police banned
/// rallies in support of Palestinians"): no one here gives it.
fn in_support_of(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<Option<Argument>> {
    let t = cand.tok_start;
    let after = cand.tok_end;
    if t == 0
        || !s.is(t - 1, "in")
        || !s.is_any(t, &["support", "solidarity"])
        || !s.is_any(after, &["of", "for", "with"])
    {
        return None;
    }
    if (clause.start..t).any(|k| judges(s, k) || s.is_any(k, REFUSING) || s.is_any(k, STOPPING)) {
        return Some(None);
    }
    let idx = s.mentions.iter().position(|m| {
        m.tok_start > after
            && m.tok_start <= after + 2
            && m.tok_start < clause.end
            && is_actorish(m)
    });
    Some(idx.map(|idx| Argument {
        sector: None,
        mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
        how: format!("in {} {}", s.word(t), s.word(after)),
    }))
}

/// A nominal event: its possessor, adjective or agent, and the party of a recipient
/// preposition after it.
pub(super) fn noun_args(
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    event: EventType,
) -> (Option<Argument>, Option<Argument>, &'static str) {
    let t = cand.tok_start;
    let venue = matches!(event, EventType::Agree | EventType::Consult);
    if let Some((actor, recipient)) = between_parties(s, cand.tok_end, clause) {
        return (Some(actor), Some(recipient), "noun");
    }
    if let Some((actor, recipient)) = drawn_from(s, cand, clause, event) {
        return (Some(actor), recipient, "noun");
    }
    match in_support_of(s, cand, clause) {
        Some(Some(supported)) => {
            let actor = subject_before(s, clause.start, t).map(|mut a| {
                a.how = "subject of the clause (in support of)".into();
                a
            });
            return (actor, Some(supported), "noun");
        }
        // Support that is banned or judged is given by no one here.
        Some(None) => return (None, None, "noun"),
        None => {}
    }
    let (tree_actor, tree_recipient) = tree_noun_args(s, t, cand.tok_end, event);
    let actor = tree_actor
        .or_else(|| noun_actor(s, t, cand.tok_end, clause, venue))
        .or_else(|| (event == EventType::Aid).then(|| giver_from(s, cand, clause)).flatten());
    let recipient = tree_recipient
        .or_else(|| noun_prep_recipient(s, cand, clause, event))
        .or_else(|| answerer(s, t, clause, event));
    // "Russia's invasion of Ukraine": with the actor named before the noun, the "of" phrase of
    // a noun of what is done to someone is who suffers it.
    let recipient = recipient.or_else(|| {
        let named_before = actor.as_ref().is_some_and(|a| !a.how.starts_with("of-"));
        (named_before && s.is(cand.tok_end, "of") && s.suffered_of(cand.tok_end - 1))
            .then(|| noun_agent(s, t, cand.tok_end, clause))
            .flatten()
            .filter(|a| a.how.starts_with("of-"))
            .map(|a| Argument { how: "of-patient".into(), ..a })
    });
    // "Navalny's arrest", "the journalist's killing": a person's possessive before a noun of
    // what is done to someone names who suffers it, not who does it; so does an "of" phrase
    // after it ("the expulsion of British journalists").
    let (actor, recipient) = match actor {
        Some(a)
            if recipient.is_none()
                && (a.how.contains("poss")
                    && a.mentions.iter().all(|&i| s.mentions[i].is_person)
                    && s.is_any(cand.tok_end - 1, PATIENT_NOUNS)
                    || a.how.starts_with("of-") && s.suffered_of(cand.tok_end - 1)) =>
        {
            (None, Some(Argument { how: format!("{} (patient)", a.how), ..a }))
        }
        // The parse already made the "of" phrase the recipient: it is not also the actor.
        Some(a)
            if a.how.starts_with("of-")
                && recipient.as_ref().is_some_and(|r| r.how.starts_with("nmod(of)")) =>
        {
            (None, recipient)
        }
        actor => (actor, recipient),
    };
    (actor, recipient, "noun")
}

/// The actor and recipient of a nominal trigger read from the parse: the possessor or the
/// country adjective ("Russia's attack", "Russian strikes"), a "by" phrase, else the subject
/// of the light verb whose object the noun is ("X launched attacks"); the recipient is the
/// noun of a recipient preposition on the noun, or on that light verb ("… attacks on Y").
pub(super) fn tree_noun_args(
    s: &Sentence<'_>,
    t: usize,
    t_end: usize,
    event: EventType,
) -> (Option<Argument>, Option<Argument>) {
    if s.tree().is_empty() {
        return (None, None);
    }
    let n = s.tree().phrase_head(t, t_end);
    let noun = s.words().word(n).to_string();
    let light = light_verb_of(s, n);
    let (mut actor, mut recipient) = noun_dependents(s, t, n, event);
    // "the rebels renewed their attacks": a pronoun possessor stands for the light verb's
    // subject.
    let pronoun_possessor = actor.as_ref().is_some_and(|a| {
        a.mentions.iter().all(|&i| matches!(s.mentions[i].kind, Kind::Pronoun(_)))
    });
    if light.is_none() && pronoun_possessor {
        actor = pronoun_owner(s, n).or(actor);
    }
    if light.is_none()
        && actor.is_none()
        && matches!(event, EventType::Protest | EventType::Assault)
    {
        actor = state_subject(s, n, &noun);
    }
    if light.is_none() && actor.is_none() && event == EventType::Cooperate {
        actor = joint_work_party(s, n, &noun);
    }
    if let Some(v) = light {
        if actor.is_none() || pronoun_possessor {
            let possessor = actor.take();
            actor = light_verb_actor(s, v, &noun).or(possessor);
        }
        if recipient.is_none() {
            recipient = light_verb_recipient(s, v, event);
        }
    }
    (actor, recipient)
}

/// The party of a recipient preposition after the noun at `cand`, within six words (nine
/// for aid: what is given may be named between the noun and its recipient, "the transfer of
/// ballistic missiles from North Korea to Russia").
fn noun_prep_recipient(
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    event: EventType,
) -> Option<Argument> {
    let reach = if event == EventType::Aid { 9 } else { 6 };
    s.mentions
        .iter()
        .position(|m| {
            m.tok_start >= cand.tok_end
                && m.tok_start <= cand.tok_end + reach
                && m.tok_start < clause.end
                && is_actorish(m)
                // ("the raid drew criticism from the EU": the reaction's party, not the raid's.)
                && !(cand.tok_end..m.tok_start).any(|k| draws_reaction(s, k))
                && preposition_before(s.text, s.tokens, m.tok_start, cand.tok_end.saturating_sub(1))
                    .is_some_and(|p| {
                        noun_recipient_prep(event, &p.to_ascii_lowercase())
                            // "the deployment of warships in response to Chinese drills".
                            || super::objects::answers(s, cand.tok_end, m)
                    })
        })
        .map(|idx| Argument {
            sector: None,
            mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
            how: "noun-prep".into(),
        })
}

/// Whether preposition `p` (lower case) after an event noun opens its recipient: not "at";
/// not "from" for aid (what is given from a party comes from its giver); not where forces
/// go ("the deployment of troops to Russia").
fn noun_recipient_prep(event: EventType, p: &str) -> bool {
    RECIPIENT_PREPS.contains(&p)
        && p != "at"
        && !(event == EventType::Aid && p == "from")
        && !super::objects::moved_to(event, p)
}

/// "the transfer of missiles from North Korea to Russia": the party after "from" within the
/// phrase of a noun of giving (six words, no comma) is its giver.
fn giver_from(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<Argument> {
    let from = (cand.tok_end..(cand.tok_end + 6).min(clause.end))
        .take_while(|&k| !s.is_any(k, &[",", ";", "that", "which"]))
        .find(|&k| s.is(k, "from"))?;
    party_after(s, from, "from-giver".into())
}

/// The party (and those coordinated with it) named within two tokens after the preposition at
/// `k`, found by `how`.
fn party_after(s: &Sentence<'_>, k: usize, how: String) -> Option<Argument> {
    let idx = s
        .mentions
        .iter()
        .position(|m| m.tok_start > k && m.tok_start <= k + 2 && is_actorish(m))?;
    Some(Argument {
        sector: None,
        mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
        how,
    })
}

/// Whether the noun node `n` has a "from" phrase ("the expulsion of journalists from Moscow").
fn sent_from(s: &Sentence<'_>, n: usize) -> bool {
    let words = s.words();
    s.tree().children(n).any(|c| syntax::case_word(s.tree(), &words, c).as_deref() == Some("from"))
}

/// "strikes on Ukrainian energy facilities": a country adjective after a preposition of aim
/// names the target of force, as it does for a verb.
fn noun_target(s: &Sentence<'_>, event: EventType, i: usize, p: &str) -> bool {
    is_actorish(&s.mentions[i])
        || s.mentions[i].kind == Kind::Modifier
            && event.quad_code() >= 3
            && ["against", "on", "upon"].contains(&p)
}

/// The parties among the dependents of the event noun `n` (the trigger starts at `t`): the
/// possessor, a modifier before it or a "by" phrase as actor, the noun of a recipient
/// preposition as recipient.
fn noun_dependents(
    s: &Sentence<'_>,
    t: usize,
    n: usize,
    event: EventType,
) -> (Option<Argument>, Option<Argument>) {
    let venue = matches!(event, EventType::Agree | EventType::Consult);
    let words = s.words();
    let noun = words.word(n);
    let mut actor = None;
    let mut recipient = None;
    for c in s.tree().children(n) {
        let rel = s.tree().rel(c);
        let prep = syntax::case_word(s.tree(), &words, c);
        let how = match (rel, prep.as_deref()) {
            ("nmod:poss", _) => format!("nmod:poss of `{noun}`"),
            ("amod" | "compound", _) if c < t => format!("{rel} of `{noun}`"),
            ("nmod" | "acl", Some("by")) => format!("nmod(by) of `{noun}`"),
            // "the transfer of missiles from North Korea to Russia": what is given comes from
            // its giver.
            ("nmod", Some("from")) if event == EventType::Aid => format!("nmod(from) of `{noun}`"),
            // "Russia's invasion of Ukraine", "the expulsion of British journalists": the "of"
            // phrase of a noun of what is done to someone names who suffers it.
            // (Who is sent away "from" a place is left to the rules of expulsion.)
            ("nmod", Some("of")) if s.suffered_of(n) && !sent_from(s, n) => {
                if recipient.is_none() {
                    recipient = mention_in_node(s, c, false)
                        .filter(|&(i, _)| is_actorish(&s.mentions[i]))
                        .map(|(idx, sector)| Argument {
                            sector,
                            mentions: group(s, idx),
                            how: format!("nmod(of) of `{noun}`"),
                        });
                }
                continue;
            }
            // ("the deployment of North Korean troops to Russia": where they go, no target.)
            ("nmod", Some(p)) if noun_recipient_prep(event, p) => {
                if recipient.is_none() {
                    recipient = mention_in_node(s, c, false)
                        .filter(|&(i, _)| noun_target(s, event, i, p))
                        .map(|(idx, sector)| Argument {
                            sector,
                            mentions: group(s, idx),
                            how: format!("nmod({p}) of `{noun}`"),
                        });
                }
                continue;
            }
            _ => continue,
        };
        if actor.is_some() {
            continue;
        }
        let covering = s.mentions.iter().position(|m| {
            m.tok_start <= c
                && c < m.tok_end
                && (matches!(m.kind, Kind::Actor | Kind::Modifier)
                    || matches!(m.kind, Kind::Pronoun(_)) && rel == "nmod:poss")
                && !(venue && m.capital && rel == "compound")
        });
        if let Some(idx) = covering {
            let mentions =
                if s.mentions[idx].kind == Kind::Modifier { vec![idx] } else { group(s, idx) };
            actor = Some(Argument { sector: None, mentions, how });
        }
    }
    (actor, recipient)
}

/// Verbs by which an act draws a reaction from a party ("drew a rebuke from Manila").
const DRAWING: &[&str] = &[
    "draw",
    "draws",
    "drew",
    "drawn",
    "drawing",
    "prompt",
    "prompts",
    "prompted",
    "prompting",
    "spark",
    "sparks",
    "sparked",
    "sparking",
    "trigger",
    "triggers",
    "triggered",
    "triggering",
    "provoke",
    "provokes",
    "provoked",
    "provoking",
    "earn",
    "earns",
    "earned",
    "earning",
];

/// Whether the word at `k` draws a reaction as a clause of its own: a finite verb of
/// [`DRAWING`] ("the raid drew criticism from …") or its participle after a comma ("…,
/// drawing a warning from …"); not "weapons drawn from Pentagon stocks".
pub(super) fn draws_reaction(s: &Sentence<'_>, k: usize) -> bool {
    s.is_any(k, DRAWING)
        && !s.is(k, "drawn")
        && (!s.word(k).ends_with("ing") || k > 0 && s.is(k - 1, ","))
}

/// "The deployment drew a sharp rebuke from Manila", "the drills prompted a warning from
/// Pyongyang": a reaction that something drew from a party is that party's, aimed at the
/// party of what drew it (the subject of the verb of drawing).
fn drawn_from(
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
    event: EventType,
) -> Option<(Argument, Option<Argument>)> {
    let (t, t_end) = (cand.tok_start, cand.tok_end);
    if !matches!(event, EventType::Accuse | EventType::Threaten | EventType::Reject) {
        return None;
    }
    // "a warning of 'overwhelming' countermeasures from Pyongyang": over the noun's own
    // phrase, within the clause and before any comma.
    let from = (t_end..(t_end + 7).min(clause.end))
        .take_while(|&k| !s.is_any(k, &[",", ";"]))
        .find(|&k| s.is(k, "from"))?;
    let v = (t.saturating_sub(4).max(clause.start)..t).rev().find(|&k| s.is_any(k, DRAWING))?;
    if (v + 1..t).any(|k| !s.tokens[k].word || s.is_any(k, PREPOSITIONS)) {
        return None;
    }
    let start = if s.is_any(from + 1, DETERMINERS) { from + 2 } else { from + 1 };
    let idx = s
        .mentions
        .iter()
        .position(|m| m.tok_start == start && (is_actorish(m) || m.kind == Kind::Modifier))?;
    let actor = Argument { sector: None, mentions: group(s, idx), how: "from-drawn".into() };
    // The subject of the verb of drawing, or the first party in its phrase ("the deployment
    // of Chinese coast guard ships").
    let first_party = || {
        let idx = s.mentions.iter().position(|m| {
            m.tok_start >= clause.start
                && m.tok_end <= v
                && (is_actorish(m) || m.kind == Kind::Modifier)
        })?;
        Some(Argument { sector: None, mentions: group(s, idx), how: "party before".into() })
    };
    let recipient = subject_before(s, clause.start, v).or_else(first_party).map(|mut a| {
        a.how = format!("what drew it ({})", a.how);
        a
    });
    Some((actor, recipient))
}

/// "Iran rejected a US demand", "India dismissed Canada's allegation": a demand,
/// allegation or warning answered is addressed to the one who answers it.
fn answerer(s: &Sentence<'_>, t: usize, clause: Clause, event: EventType) -> Option<Argument> {
    use crate::rules::candidates::{REPLYING, SPEECH_ACTS};
    if !matches!(event, EventType::Request | EventType::Accuse | EventType::Threaten)
        || !s.is_any(t, SPEECH_ACTS)
    {
        return None;
    }
    // The verb whose object the noun is, by the parse or, when the parse reads it otherwise
    // ("rejected a U.N. demand" with "demand" a verb), the verb right before its phrase.
    let parsed = s.tree().head(t).filter(|&v| s.tree().rel(t) == "obj" && s.is_any(v, REPLYING));
    let v = parsed.or_else(|| {
        let modifier = |j: usize| {
            s.is_any(j, DETERMINERS)
                || s.is_any(j, &["'s", "’s", ".", "new", "latest", "renewed", "repeated", "fresh"])
                || s.mentions.iter().any(|m| m.tok_start <= j && j < m.tok_end)
        };
        (t.saturating_sub(5).max(clause.start)..t)
            .rev()
            .find(|&k| s.is_any(k, REPLYING))
            .filter(|&k| (k + 1..t).all(modifier))
    })?;
    verb_subject(s, v).or_else(|| subject_before(s, clause.start, v)).map(|mut a| {
        a.how = format!("the one who answers it ({})", a.how);
        a
    })
}

/// The party the parse makes the subject of verb `v`, with the path that found it.
fn verb_subject(s: &Sentence<'_>, v: usize) -> Option<Argument> {
    let path = syntax::subject(s.tree(), &s.words(), v)?;
    let (idx, sector) = mention_of_node(s, path.token)?;
    Some(Argument { sector, mentions: group(s, idx), how: path.how })
}

/// The subject of the light verb `v` that carries the event noun `noun`.
fn light_verb_actor(s: &Sentence<'_>, v: usize, noun: &str) -> Option<Argument> {
    let mut arg = verb_subject(s, v)?;
    arg.how = format!("{} (light verb of `{noun}`)", arg.how);
    Some(arg)
}

/// "Kenya and Ethiopia broke ground on a joint pipeline project", "rebel factions began
/// operating under a joint command": a joint work is done by the parties of the verb it
/// hangs on, whatever the verb, unless that verb judges it ("condemned the joint project",
/// "welcomed the joint study").
fn joint_work_party(s: &Sentence<'_>, n: usize, noun: &str) -> Option<Argument> {
    let tree = s.tree();
    let joint = tree.children(n).any(|c| s.is_any(c, JOINT_WORDS));
    let v = tree.head(n).filter(|_| matches!(tree.rel(n), "obj" | "obl"))?;
    // Not one who judges, refuses, leaves or stops it ("pulled out of the joint programme",
    // "suspended the joint commission").
    if !joint || judges(s, v) || s.is_any(v, REFUSING) || s.is_any(v, STOPPING) {
        return None;
    }
    let mut arg = verb_subject(s, v)?;
    arg.how = format!("{} (doing the joint `{noun}`)", arg.how);
    Some(arg)
}

/// The party of a recipient preposition on the light verb `v` ("launched strikes on Y").
fn light_verb_recipient(s: &Sentence<'_>, v: usize, event: EventType) -> Option<Argument> {
    let words = s.words();
    syntax::objects(s.tree(), &words, v)
        .into_iter()
        .filter(|(_, p)| RECIPIENT_PREPS.contains(&p.as_str()) && p != "at")
        .find_map(|(node, p)| {
            let (idx, sector) =
                mention_in_node(s, node, false).filter(|&(i, _)| noun_target(s, event, i, &p))?;
            Some(Argument {
                sector,
                mentions: group(s, idx),
                how: format!("obl({p}) of `{}`", words.word(v)),
            })
        })
}

/// "Teachers are out on strike", "doctors remained on strike", "Russia is at war with
/// Ukraine": a noun event after "on" or "at" that says what state a party is in has that
/// party, the subject of its predicate, as its actor.
pub(super) fn state_subject(s: &Sentence<'_>, n: usize, noun: &str) -> Option<Argument> {
    let tree = s.tree();
    let words = s.words();
    if !matches!(syntax::case_word(tree, &words, n).as_deref(), Some("on" | "at")) {
        return None;
    }
    const STAYING: &[&str] =
        &["remain", "remains", "remained", "remaining", "stay", "stays", "stayed", "staying"];
    let predicate = if tree.child(n, "cop").is_some() {
        n
    } else if tree.rel(n) == "obl" {
        // "out on strike": the adverb is the predicate, the copula its dependent.
        let h = tree.head(n)?;
        let state = tree.child(h, "cop").is_some() || s.is_any(h, STAYING);
        state.then_some(h)?
    } else {
        return None;
    };
    let subject = tree.child(predicate, "nsubj")?;
    let (idx, sector) = mention_of_node(s, subject)?;
    Some(Argument {
        sector,
        mentions: group(s, idx),
        how: format!("nsubj of `{}` (in the state `{noun}`)", words.word(predicate)),
    })
}

/// "Russia cast its veto": a possessive pronoun on the object `n` of any verb stands for that
/// verb's subject; where the parse gives the verb none ("after Russia cast its veto" read as
/// "the resolution after Russia"), for a party just before the verb.
pub(super) fn pronoun_owner(s: &Sentence<'_>, n: usize) -> Option<Argument> {
    // "Seoul condemned their deployment", "calling their deployment an escalation": one
    // judges others' acts, so the pronoun is not the judge.
    let v = s.tree().head(n).filter(|_| s.tree().rel(n) == "obj")?;
    let verdict = ["call", "describ", "brand", "label", "term", "dub", "deem"]
        .iter()
        .any(|w| s.word(v).to_ascii_lowercase().starts_with(w));
    if judges(s, v) || verdict {
        return None;
    }
    let words = s.words();
    let (verb, noun) = (words.word(v), words.word(n));
    let (node, path) = s.tree().child(v, "nsubj").map(|c| (c, "nsubj of")).or_else(|| {
        let i = s.mentions.iter().rposition(|m| m.tok_end == v && is_actorish(m))?;
        Some((s.mentions[i].tok_start, "party before"))
    })?;
    let (idx, sector) = mention_of_node(s, node)?;
    Some(Argument {
        sector,
        mentions: group(s, idx),
        how: format!("{path} `{verb}` (owns `{noun}`)"),
    })
}

/// The verb that makes the noun node `n` its event in the parse: the verb whose object the
/// noun is, or whose "in" phrase it is after a verb of joining; or "claimed" of "claimed
/// responsibility for" the noun.
pub(super) fn light_verb_of(s: &Sentence<'_>, n: usize) -> Option<usize> {
    let words = s.words();
    // The verb whose object the noun is ("launched attacks", "joined the strike"), or whose
    // "in" phrase it is after a verb of joining ("took part in a blockade").
    // "denounced planned attacks": a participle that describes the noun carries nothing.
    let light = s
        .tree()
        .head(n)
        .filter(|&v| !(v < n && super::super::screen::attributive_participle(s, v)))
        .filter(|&v| match s.tree().rel(n) {
            "obj" => s.carries_event(v) || s.commits_to(v, n),
            "obl" => match syntax::case_word(s.tree(), &words, n).as_deref() {
                Some("in") => s.joins_in(v),
                Some("to" | "on" | "upon") => s.commits_to(v, n),
                _ => false,
            },
            _ => false,
        });
    // "claimed responsibility for the bombing": the noun hangs on "responsibility".
    light.or_else(|| {
        let r = s.tree().head(n)?;
        let v = s.tree().head(r)?;
        (s.tree().rel(n) == "nmod"
            && s.is_any(r, RESPONSIBILITY)
            && s.tree().rel(r) == "obj"
            && s.is_any(v, CLAIM))
        .then_some(v)
    })
}

/// The actor of the nominal trigger at `t`..`t_end` on word order: a possessor or modifier
/// before it, an agent phrase around it, or the subject of the light verb before it.
pub(super) fn noun_actor(
    s: &Sentence<'_>,
    t: usize,
    t_end: usize,
    clause: Clause,
    venue: bool,
) -> Option<Argument> {
    possessor_or_modifier(s, t, clause, venue)
        .or_else(|| noun_agent(s, t, t_end, clause))
        .or_else(|| light_verb_subject(s, t, clause))
        .or_else(|| option_raiser(s, t, clause))
}

/// "Sweden floated the possibility of a ban on him", "Israel has not ruled out a strike": who
/// raises an option, or will not exclude it, does what it holds.
fn option_raiser(s: &Sentence<'_>, t: usize, clause: Clause) -> Option<Argument> {
    let irrealis = super::super::irrealis::not_ruled_out;
    let noun = super::super::irrealis::option_held(s, t).or_else(|| irrealis(s, t))?;
    let mut arg = subject_before(s, clause.start, noun)?;
    arg.how = "raiser of the option".into();
    Some(arg)
}

/// Possessive or adjective before the noun at `t`, allowing a few modifiers between.
pub(super) fn possessor_or_modifier(
    s: &Sentence<'_>,
    t: usize,
    clause: Clause,
    venue: bool,
) -> Option<Argument> {
    // With `venue`, a capital before the noun without "'s" names where the event is.
    let before = s.mentions.iter().enumerate().rev().find(|(_, m)| {
        m.tok_end <= t
            && t - m.tok_end <= 3
            && m.tok_start >= clause.start
            && (matches!(m.kind, Kind::Actor | Kind::Modifier)
                || matches!(m.kind, Kind::Pronoun(_)) && m.possessive)
            && !(venue && m.capital && !m.possessive)
    });
    // "held their first meeting": a possessive pronoun is the subject of the light verb.
    if before.is_some_and(|(_, m)| matches!(m.kind, Kind::Pronoun(_))) {
        if let Some(arg) = light_verb_subject(s, t, clause) {
            return Some(arg);
        }
    }
    if let Some((idx, m)) = before {
        let possessive_mark = |k: usize| s.is_any(k, &["'s", "’s"]);
        let gap_ok = (m.tok_end..t).all(|k| {
            possessive_mark(k)
                || s.tokens[k].word
                    && !s.is_any(k, PREPOSITIONS)
                    && !s.is_any(k, BE)
                    && !s.is_any(k, SPEECH)
        });
        if gap_ok
            && (m.possessive
                || matches!(m.kind, Kind::Modifier)
                || m.tok_end == t
                || (m.tok_end + 1 == t && s.is(m.tok_end, "-")))
        {
            let mut mentions = coordinated(s.text, s.tokens, s.mentions, idx, true);
            if matches!(m.kind, Kind::Modifier) {
                mentions = vec![idx];
            }
            return Some(Argument {
                sector: None,
                mentions,
                how: if m.possessive { "possessive".into() } else { "modifier".into() },
            });
        }
    }
    None
}

/// The agent of the noun at `t`: a "by" phrase after its complement or right after it, an
/// "of" phrase right after it, or a "by" phrase just before it.
pub(super) fn noun_agent(
    s: &Sentence<'_>,
    t: usize,
    t_end: usize,
    clause: Clause,
) -> Option<Argument> {
    // The actor named within two tokens after the preposition at `k`.
    let agent_after = |k: usize, how: &str| party_after(s, k, format!("{how}-agent"));
    // "the provision of munitions by the DPRK to Russia": a by-agent after the noun's
    // complement.
    if let Some(arg) = (t_end + 1..(t_end + 8).min(clause.end))
        .take_while(|&k| !s.is_any(k, &[",", ";", "that", "which", "who"]))
        .find(|&k| s.is(k, "by"))
        .and_then(|by| agent_after(by, "by"))
    {
        return Some(arg);
    }
    // "the visit of X", "attacks by X"
    for how in ["of", "by"] {
        if s.is(t_end, how) {
            if let Some(arg) = agent_after(t_end, how) {
                return Some(arg);
            }
        }
    }
    // "used by Russia in major attacks": a by-agent just before.
    if let Some(by) = (t.saturating_sub(6).max(clause.start)..t).rev().find(|&k| s.is(k, "by")) {
        if let Some(idx) = s.mentions.iter().position(|m| m.tok_start == by + 1 && is_actorish(m)) {
            return Some(Argument {
                sector: None,
                mentions: vec![idx],
                how: "by-agent-before".into(),
            });
        }
    }
    None
}

/// A light verb makes the noun at `t` its event: "Russia launched attacks on Ukraine".
pub(super) fn light_verb_subject(s: &Sentence<'_>, t: usize, clause: Clause) -> Option<Argument> {
    // "announced the lifting of the curfew": a speech verb that opens the clause with no
    // "that" has the noun phrase after it as its object.
    let from = match clause.kind {
        ClauseKind::Complement(v) if v + 1 == clause.start && s.carries_event(v) => v,
        _ => clause.start,
    };
    // Six words back, not counting an amount ("a new $500 million military aid package").
    let amount = (t.saturating_sub(9)..t)
        .filter(|&k| {
            !s.tokens[k].word
                || s.word(k).starts_with(|c: char| c.is_ascii_digit())
                || s.is_any(k, &["million", "billion", "trillion"])
        })
        .count();
    let v = (t.saturating_sub(6 + amount).max(from)..t)
        .rev()
        .find(|&k| s.carries_event(k) || s.commits_to(k, t))
        .filter(|&v| !super::super::screen::attributive_participle(s, v))?;
    // "launched an investigation into the killings": the noun hangs on another noun's
    // preposition, not on the light verb ("a series of attacks" does).
    // "claimed responsibility for the attack" is the claimant's; so is a preposition of the
    // verb itself ("agreed to concessions") or of taking part.
    let kept = |k: usize| {
        s.is(k, "of")
            || s.is(k, "for") && s.is_any(k - 1, RESPONSIBILITY)
            // "took part in a blockade", "played a role in the attack": taking part.
            || s.is_any(k - 1, &["part", "role", "hand", "lead"])
    };
    if (v + 2..t).any(|k| {
        s.is_any(k, PREPOSITIONS)
            && !kept(k)
            && (v + 1..k).any(|j| !s.is_any(j, DETERMINERS) && !s.word(j).ends_with("ly"))
    }) {
        return None;
    }
    let limit = if v < clause.start { s.clause_of(v).start } else { clause.start };
    let mut arg = subject_before(s, limit, v)?;
    arg.how = "light-verb-subject".into();
    Some(arg)
}

/// The one a judgement accuses ("it is despicable that Russia …", "Moscow's conduct is
/// shameful"): whoever the judged clause or phrase names. The one judging is the speaker, left
/// unidentified (the attribution names them when the sentence does). Only predicative uses
/// count: the adjective follows a form of "be", so "an unacceptable offer" is no accusation.
pub(super) fn judged(s: &Sentence<'_>, t: usize, t_end: usize, clause: Clause) -> Option<Argument> {
    let mut k = t;
    while k > clause.start
        && s.is_any(
            k - 1,
            &[
                "so",
                "very",
                "utterly",
                "deeply",
                "truly",
                "simply",
                "absolutely",
                "most",
                "totally",
            ],
        )
    {
        k -= 1;
    }
    let predicative = k > 0 && s.is_any(k - 1, BE);
    if !predicative {
        return None;
    }
    // The judged party: in the clause after "that" / "of" / "for", else the subject before
    // "is" when it is not the expletive "it".
    let after = s
        .mentions
        .iter()
        .position(|m| m.tok_start >= t_end && m.tok_start <= t_end + 4 && is_actorish(m))
        .map(|idx| Argument {
            sector: None,
            mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
            how: "judged-clause".into(),
        });
    let before = || {
        s.mentions
            .iter()
            .enumerate()
            .rev()
            .find(|(_, m)| {
                m.tok_end <= k
                    && m.tok_start >= clause.start
                    && is_actorish(m)
                    && !s.is(m.tok_start, "it")
            })
            .map(|(idx, _)| Argument {
                sector: None,
                mentions: vec![idx],
                how: "judged-subject".into(),
            })
    };
    after.or_else(before)
}
