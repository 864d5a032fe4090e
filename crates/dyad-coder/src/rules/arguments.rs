//! Arguments: who acts and who is acted on, read from the dependency parse first and from
//! word order where the parse names no party.

use super::*;

/// The actor and recipient arguments of one trigger candidate, and the voice they were read
/// in ("active", "passive", "inverse", "noun", "judgement", "adjectival").
pub(super) fn find(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
    clause: Clause,
    passive: bool,
) -> (Option<Argument>, Option<Argument>, &'static str) {
    let trigger = &triggers.rows[cand.trigger];
    let (actor, recipient, voice) = match trigger.pos {
        Pos::Verb if passive => passive_args(trigger, s, cand, clause),
        Pos::Verb => active_args(triggers, s, candidates, cand, clause),
        Pos::Noun if trigger.judgement => {
            (None, judged(s, cand.tok_start, cand.tok_end, clause), "judgement")
        }
        // "the Minsk agreements", "the Geneva talks": a capital before a noun of meeting or
        // agreeing names the venue, not a party ("Ankara's backing", "Moscow strikes" do).
        Pos::Noun => noun_args(s, cand, clause, trigger.event),
    };
    // A protest is aimed at the party its demand names: "staged a hunger strike to demand
    // the resignation of Algeria's president", "rallied in protest against Israeli raids".
    // "the expulsion of American staff from Moscow", "were deported from Russia": the party
    // people are sent away from is the one that expels them.
    let (actor, recipient) = match recipient {
        Some(r)
            if matches!(trigger.mode.as_str(), "expel" | "deport")
                && (r.via("from")
                    || r.mentions.first().is_some_and(|&i| {
                        preposition_before(s.text, s.tokens, s.mentions[i].tok_start, cand.tok_end)
                            .is_some_and(|p| p.eq_ignore_ascii_case("from"))
                    })) =>
        {
            let expeller = Argument { how: format!("{} (the expeller)", r.how), ..r };
            match actor {
                // "the expulsion of British journalists from Moscow": the "of" phrase names
                // who is expelled.
                Some(a) if a.how.starts_with("of-") => {
                    (Some(expeller), Some(Argument { how: format!("{} (patient)", a.how), ..a }))
                }
                Some(a) => (Some(a), None),
                None => (Some(expeller), None),
            }
        }
        r => (actor, r),
    };
    let recipient = match recipient {
        None if trigger.event == EventType::Protest => purpose_party(s, cand),
        // "invested $2 billion in Kenya", "China's investment in Serbia": what is invested in
        // is the partner, not the place.
        None if trigger.in_partner => invested_in(s, cand, clause),
        r => r,
    };
    (actor, recipient, voice)
}

/// The party after "in" within eight words after the trigger at `cand`, in its clause, with
/// no verb of another clause between.
fn invested_in(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<Argument> {
    let end = clause.end.min(cand.tok_end + 8);
    let (idx, _) = s.mentions.iter().enumerate().find(|(_, m)| {
        m.tok_start > cand.tok_end
            && m.tok_start < end
            && m.kind == Kind::Actor
            && !m.entity.country.is_empty()
            && s.is(m.tok_start - 1, "in")
            && !(cand.tok_end..m.tok_start).any(|k| s.is_any(k, &["that", "which", "who", ","]))
    })?;
    Some(Argument { sector: None, mentions: vec![idx], how: "prep-in".into() })
}

/// Verbs that follow "help" bare ("helped push back", "help rebuild").
const BARE_AFTER_HELP: &[&str] = &[
    "push",
    "drive",
    "build",
    "rebuild",
    "restore",
    "secure",
    "protect",
    "train",
    "fund",
    "finance",
    "clear",
    "evacuate",
    "stabilise",
    "stabilize",
    "repair",
    "maintain",
    "keep",
    "bring",
    "end",
    "stop",
    "prevent",
    "fight",
    "hold",
    "free",
    "reach",
    "make",
    "get",
];

/// Whether "on" after the event word names its topic ("agreed on", "cooperate on", "talks
/// on"), not the party it is done to (as in "sanctions on", "lifted the ban on").
fn on_is_topic(event: EventType) -> bool {
    matches!(
        event,
        EventType::Agree | EventType::Consult | EventType::Support | EventType::Cooperate
    )
}

/// Events whose own parties "between" names (agreements, talks, cooperation).
fn parties_between(event: EventType) -> bool {
    matches!(event, EventType::Agree | EventType::Consult | EventType::Cooperate)
}

/// The first party named in the purpose of the event at `cand` (a "to …" clause, or "in
/// protest against/of …"), read from the parse; the event's own verb is the light verb when
/// the trigger is its object.
fn purpose_party(s: &Sentence<'_>, cand: &Candidate) -> Option<Argument> {
    let tree = s.tree();
    if tree.is_empty() {
        return None;
    }
    let words = s.words();
    let n = tree.phrase_head(cand.tok_start, cand.tok_end);
    // The purpose may hang on the event's noun or on the verb whose object it is.
    let heads = [Some(n), tree.head(n).filter(|_| tree.rel(n) == "obj")];
    let purpose = heads.into_iter().flatten().find_map(|v| {
        tree.children(v).find(|&c| {
            let to = syntax::has_dependent(tree, &words, c, "mark", "to");
            let in_protest = matches!(tree.rel(c), "obl" | "nmod")
                && s.is_any(c, &["protest", "protests"])
                && syntax::has_dependent(tree, &words, c, "case", "in");
            matches!(tree.rel(c), "advcl" | "xcomp" | "acl") && to || in_protest
        })
    })?;
    // Breadth first through the purpose's arguments and their nominal dependents.
    let mut queue = std::collections::VecDeque::from([(purpose, 0)]);
    while let Some((n, depth)) = queue.pop_front() {
        for c in tree.children(n) {
            if !matches!(
                tree.rel(c),
                "obj"
                    | "obl"
                    | "obl:agent"
                    | "nmod"
                    | "nmod:poss"
                    | "amod"
                    | "compound"
                    | "xcomp"
                    | "acl"
                    | "flat"
            ) {
                continue;
            }
            if let Some(i) = s.mentions.iter().position(|m| {
                m.tok_start <= c
                    && c < m.tok_end
                    && matches!(m.kind, Kind::Actor | Kind::Modifier)
                    && !s.is_sourced(m.tok_start)
            }) {
                return Some(Argument {
                    sector: None,
                    mentions: vec![i],
                    how: format!("purpose `{}`", s.word(purpose)),
                });
            }
            if depth < 4 {
                queue.push_back((c, depth + 1));
            }
        }
    }
    None
}

/// A passive verb: the agent acts on the passive subject.
fn passive_args(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
) -> (Option<Argument>, Option<Argument>, &'static str) {
    let t = cand.tok_start;
    let (tree_agent, tree_patient) = tree_passive(s, t, cand.tok_end);
    let agent = tree_agent.or_else(|| agent_after(s, cand.tok_end, clause.end)).or_else(|| {
        // "were deported from Iran": the party they are sent away from expels them.
        matches!(trigger.mode.as_str(), "expel" | "deport")
            .then(|| recipient_after(s, trigger, cand, clause.end, false))
            .flatten()
            .filter(|a| a.via("from"))
    });
    // "sanctions were imposed on Russia": when the passive subject is what was done, the
    // party it was done to follows a recipient preposition.
    // "missiles that were fired at Ukrainian cities": what was fired is no party; force is
    // done to the party after "at", "on" or "against".
    let aimed = (trigger.event == EventType::Assault).then(|| aimed_at(s, cand, clause)).flatten();
    let patient =
        aimed.or(tree_patient).or_else(|| subject_before(s, clause.start, t)).or_else(|| {
            recipient_after(s, trigger, cand, clause.end, false)
                .filter(|a| a.how.starts_with("prep-"))
        });
    // "Vietnam is committed to …", "Japan is prepared to …": an adjectival
    // predicate of intent; its subject is the one who intends.
    if agent.is_none() && trigger.intent {
        (patient, None, "adjectival")
    } else {
        (agent, patient, "passive")
    }
}

/// The party right after a preposition of aim that ends the passive trigger or follows it
/// ("were fired at Ukrainian cities", "was opened on protesters in Kyiv").
fn aimed_at(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<Argument> {
    const AIM: &[&str] = &["at", "on", "against", "upon"];
    let last = cand.tok_end - 1;
    let p = if s.is_any(last, AIM) {
        last
    } else if s.is_any(cand.tok_end, AIM) {
        cand.tok_end
    } else {
        return None;
    };
    let idx = s.mentions.iter().position(|m| {
        m.tok_start > p
            && m.tok_start <= p + 3
            && m.tok_start < clause.end
            && (is_actorish(m) || m.kind == Kind::Modifier)
            && (p + 1..m.tok_start).all(|k| s.is_any(k, DETERMINERS) || s.tokens[k].word)
    })?;
    Some(Argument {
        sector: None,
        mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
        how: format!("prep-{}", s.word(p).to_ascii_lowercase()),
    })
}

/// An active verb: its subject, and its object or prepositional recipient.
fn active_args(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
    clause: Clause,
) -> (Option<Argument>, Option<Argument>, &'static str) {
    let trigger = &triggers.rows[cand.trigger];
    let subject = active_subject(s, cand, clause);
    let object = active_object(triggers, s, candidates, cand, clause);
    if trigger.inverse {
        (object, subject, "inverse")
    } else {
        (subject, object, "active")
    }
}

/// Whether mention `m` ends a proper name that opens before it with "of" ("the University of
/// Dhaka", "the Bank of England").
fn in_proper_name(s: &Sentence<'_>, m: &Mention) -> bool {
    m.tok_start >= 2
        && s.is(m.tok_start - 1, "of")
        && s.word(m.tok_start - 2).starts_with(|c: char| c.is_uppercase())
}

/// The subject of an active verb: a gerund's mention right before it, the parse's or the
/// nearest before it in its clause, a possessor of the noun an infinitive completes, or the
/// sentence's subject for non-finite verbs.
fn active_subject(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<Argument> {
    let t = cand.tok_start;
    if let Some(owner) = complement_owner(s, t) {
        return owner;
    }
    // "Iran supplying drones", "reacted to Washington sending weapons", "the example of
    // Russia strengthening its ties"; not "rallied in Lima demanding" or "a sit-in at the
    // University of Dhaka demanding …", where the mention is a place's or part of a name.
    let adjacent = (cand.form == Form::Gerund)
        .then(|| {
            s.mentions.iter().position(|m| {
                m.tok_end == t
                    && is_actorish(m)
                    && preposition_before(s.text, s.tokens, m.tok_start, clause.start)
                        .is_none_or(|p| !LOCATIVE.iter().any(|l| p.eq_ignore_ascii_case(l)))
                    && !in_proper_name(s, m)
            })
        })
        .flatten();
    let mut subject = match adjacent.or_else(|| reason_gerund_subject(s, cand, clause)) {
        Some(idx) => {
            // "criticised Russia and China for holding drills": the whole list acts.
            let mentions = coordinated(s.text, s.tokens, s.mentions, idx, true);
            Some(Argument { sector: None, mentions, how: "gerund-subject".into() })
        }
        None => tree_subject(s, t, cand.tok_end)
            .or_else(|| controller_before(s, t))
            .or_else(|| subject_before(s, clause.start, t)),
    };
    // "Russia's attempts to acquire …": the possessor of the noun that the
    // infinitive completes is its subject.
    if subject.is_none() && t >= 3 && s.is(t - 1, "to") {
        subject = s
            .mentions
            .iter()
            .position(|m| {
                m.possessive
                    && is_actorish(m)
                    && m.tok_end + 3 >= t
                    && m.tok_end < t - 1
                    && (m.tok_end..t - 1).all(|k| s.tokens[k].word || s.is_any(k, &["'s", "’s"]))
            })
            .map(|idx| Argument {
                sector: None,
                mentions: vec![idx],
                how: "possessor-of-infinitive".into(),
            });
    }
    if subject.is_none()
        && (s.is(t.saturating_sub(1), "to")
            || cand.form == Form::Gerund
            || matches!(clause.kind, ClauseKind::Main))
    {
        // Non-finite verbs and verbs after a subordinate clause take the
        // subject of the sentence.
        subject = subject_before(s, 0, t)
            .filter(|a| {
                a.mentions.iter().all(|&i| {
                    matches!(
                        s.clause_of(s.mentions[i].tok_start).kind,
                        ClauseKind::Main | ClauseKind::Sub(_)
                    ) || s.clause_of(s.mentions[i].tok_start).start == clause.start
                })
            })
            .map(|mut a| {
                a.how = "sentence-subject".into();
                a
            });
    }
    subject
}

/// "wants Putin to attack", "urged Iran to stop": the party told or wished to act, right
/// before the infinitive, is its subject (object control, in word order, where the parse
/// says nothing).
fn controller_before(s: &Sentence<'_>, t: usize) -> Option<Argument> {
    if t < 3 || !s.is(t - 1, "to") {
        return None;
    }
    let idx = s.mentions.iter().position(|m| {
        m.tok_end == t - 1
            && m.tok_start > 0
            && is_actorish(m)
            && !m.possessive
            && s.is_any(m.tok_start - 1, CONTROL_VERBS)
    })?;
    let verb = s.word(s.mentions[idx].tok_start - 1);
    let how = format!("object of `{verb}` (controls the infinitive)");
    Some(Argument { sector: None, mentions: vec![idx], how })
}

/// Verbs whose object does what their infinitive says ("wants Putin to attack").
const CONTROL_VERBS: &[&str] = &[
    "wants",
    "want",
    "wanted",
    "urged",
    "urges",
    "urge",
    "asked",
    "asks",
    "ask",
    "told",
    "tells",
    "forced",
    "forces",
    "force",
    "pressed",
    "presses",
    "pressured",
    "encouraged",
    "encourages",
    "invited",
    "invites",
    "allowed",
    "allows",
    "permitted",
    "ordered",
    "orders",
    "called",
    "persuaded",
    "convinced",
    "warned",
    "begged",
    "implored",
];

/// Nouns whose "to" infinitive is what their owner decides, plans or offers to do.
const COMPLEMENT_NOUNS: &[&str] = &[
    "decision",
    "decisions",
    "plan",
    "plans",
    "move",
    "proposal",
    "proposals",
    "offer",
    "offers",
    "bid",
    "attempt",
    "attempts",
    "effort",
    "efforts",
    "vote",
    "pledge",
    "promise",
    "commitment",
    "readiness",
    "willingness",
    "intention",
    "push",
    "campaign",
];

/// Verbs whose subject owns the plan or decision they take as object ("made a decision to
/// withdraw", "announced plans to send"); other verbs judge someone else's ("welcomed the
/// decision to send long-range missiles" is not Kyiv sending them).
const OWNING_VERBS: &[&str] = &[
    "made",
    "make",
    "makes",
    "making",
    "took",
    "take",
    "takes",
    "taking",
    "reached",
    "reach",
    "announced",
    "announce",
    "announces",
    "announcing",
    "adopted",
    "approved",
    "unveiled",
    "outlined",
    "has",
    "have",
    "had",
    "confirmed",
    "presented",
    "put",
    "renewed",
    "stepped",
];

/// The subject of an infinitive that completes a noun of deciding or planning: the noun's
/// possessor ("Germany's decision to send tanks"), else the subject of a verb that takes the
/// noun as its own (`None`: read as usual), else no one (`Some(None)`: a decision by an
/// unnamed party).
fn complement_owner(s: &Sentence<'_>, t: usize) -> Option<Option<Argument>> {
    if t < 3 || !s.is(t - 1, "to") || !s.is_any(t - 2, COMPLEMENT_NOUNS) {
        return None;
    }
    let noun = t - 2;
    let possessor = s
        .mentions
        .iter()
        .position(|m| m.possessive && is_actorish(m) && m.tok_end <= noun && m.tok_end + 3 >= noun);
    if let Some(idx) = possessor {
        let how = "possessor-of-infinitive".into();
        return Some(Some(Argument { sector: None, mentions: vec![idx], how }));
    }
    // Back over one modifier and the determiners to the word that governs the noun; without
    // a determiner the word may be a verb ("protesters attempt to block").
    let mut k = noun;
    if k > 0
        && s.word(k - 1).chars().all(|c| c.is_lowercase() || c == '-')
        && !s.is_any(k - 1, DETERMINERS)
        && !s.is_any(k - 1, PREPOSITIONS)
        && !s.is_any(k - 1, OWNING_VERBS)
    {
        k -= 1;
    }
    // "continue his effort to improve …": a possessive pronoun's party, read as usual.
    if k > 0 && s.is_any(k - 1, POSSESSIVE_PRONOUNS) {
        return None;
    }
    let before_determiners = k;
    while k > 0 && s.is_any(k - 1, DETERMINERS) {
        k -= 1;
    }
    if k == before_determiners {
        return None;
    }
    let governor = k.checked_sub(1)?;
    // "in attempts to break the siege", "working on a plan to …": the clause's subject.
    if s.is_any(governor, OWNING_VERBS)
        || s.is_any(governor, PREPOSITIONS)
        || !s.tokens[governor].word
    {
        return None;
    }
    Some(None)
}

/// "sanctioned three Chinese firms for supplying Russia", "praised Qatar for helping",
/// "arrested students for protesting": a gerund after "for" that gives the reason for what was
/// done to a party is that party's act; the party stands just before "for", after the verb.
fn reason_gerund_subject(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<usize> {
    let t = cand.tok_start;
    if cand.form != Form::Gerund || t < 2 || !s.is(t - 1, "for") {
        return None;
    }
    let idx = s.mentions.iter().rposition(|m| m.tok_end < t && m.tok_start > clause.start)?;
    let m = &s.mentions[idx];
    let object_like = (is_actorish(m) || m.kind == Kind::SectorOnly)
        && m.tok_end + 2 >= t
        && !m.possessive
        && preposition_before(s.text, s.tokens, m.tok_start, clause.start)
            .is_none_or(|p| ["on", "against", "upon"].iter().any(|q| p.eq_ignore_ascii_case(q)));
    object_like.then_some(idx)
}

/// The object or prepositional recipient of an active verb.
fn active_object(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
    clause: Clause,
) -> Option<Argument> {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    let aid_like = matches!(trigger.event, EventType::Aid | EventType::Agree);
    // A speech verb opens a complement clause, but its direct object stands
    // before that clause: "accused the United States of lying", "told Seoul
    // that …".
    let object_end = s
        .mentions
        .iter()
        .find(|m| {
            is_actorish(m)
                && (m.tok_start == cand.tok_end
                    || m.tok_start == cand.tok_end + 1 && s.is_any(cand.tok_end, DETERMINERS))
        })
        .map_or(clause.end, |m| clause.end.max(m.tok_end));
    let mut object = tree_object(s, t, cand.tok_end, aid_like, trigger.event)
        .or_else(|| recipient_after(s, trigger, cand, object_end, aid_like));
    // "fired Iranian drones at Kyiv", "used North Korean missiles against …": the weapons a
    // row names as its object are the instrument; the target follows a preposition.
    if trigger.event == EventType::Assault
        && (trigger.object.is_some_and(|c| triggers.class_names[c] == "WEAPONS")
            || matches!(trigger.lemma.as_str(), "use" | "fire" | "launch" | "employ"))
        && object.as_ref().is_some_and(|o| {
            !o.how.starts_with("obl(")
                && !o.how.starts_with("prep-")
                && o.mentions.iter().any(|&i| {
                    let last = s.mentions[i].tok_end - 1;
                    s.is_any(last, PROJECTILES) || s.is_any(last, super::screen::WEAPON_KINDS)
                })
        })
    {
        object = recipient_after(s, trigger, cand, object_end, false)
            .filter(|a| a.how.starts_with("prep-"));
    }
    // "soldiers fighting for Russia", "troops deployed for Belarus": force is used for a side,
    // not against it.
    if matches!(trigger.event, EventType::Assault | EventType::Mobilize)
        && object.as_ref().is_some_and(|o| o.via("for"))
    {
        object = None;
    }
    // "X warned that Y's support …": the first party of the complement.
    if object.is_none()
        && s.is(cand.tok_end, "that")
        && matches!(
            trigger.event,
            EventType::Threaten | EventType::Accuse | EventType::Reject | EventType::Request
        )
    {
        let next_clause = s.clause_of(cand.tok_end + 1);
        object = s
            .mentions
            .iter()
            .position(|m| {
                m.tok_start > cand.tok_end
                    && m.tok_start < next_clause.end
                    && m.kind == Kind::Actor
                    && !m.entity.country.is_empty()
                    && preposition_before(s.text, s.tokens, m.tok_start, cand.tok_end)
                        .is_none_or(|p| !LOCATIVE.iter().any(|l| p.eq_ignore_ascii_case(l)))
            })
            .map(|idx| Argument {
                sector: None,
                mentions: vec![idx],
                how: "complement-party".into(),
            });
    }
    // "condemned the provision of munitions by the DPRK to Russia": what is
    // condemned is an event; its agent is the one accused.
    if matches!(trigger.event, EventType::Accuse | EventType::Reject) {
        let condemned = candidates.iter().find(|c| {
            triggers.rows[c.trigger].pos == Pos::Noun
                && c.tok_start >= cand.tok_end
                && c.tok_start <= cand.tok_end + 2
                && (cand.tok_end..c.tok_start).all(|k| s.is_any(k, DETERMINERS))
        });
        // Not the "of" phrase of a noun of what is done to someone ("condemned the arrest of
        // two journalists" accuses their jailers, not them).
        if let Some(agent) = condemned
            .and_then(|c| noun_actor(s, c.tok_start, c.tok_end, clause, false).map(|a| (c, a)))
            .filter(|(c, a)| !(a.how.starts_with("of-") && s.is_any(c.tok_end - 1, PATIENT_NOUNS)))
            .map(|(_, a)| a)
        {
            object = Some(Argument {
                sector: None,
                mentions: agent.mentions,
                how: format!("the condemned event's {}", agent.how),
            });
        }
    }
    // Violence and coercion against people the text does not name: ACLED's "civilians",
    // "protesters". A verb that needs a named party (flag `dyadic`) still needs one.
    if matches!(trigger.event, EventType::Assault | EventType::Coerce) && !trigger.dyadic {
        object = object.or_else(|| generic_object(s, cand, clause));
    }
    // "discussed ways to respond to Pyongyang's moves": what is discussed is the topic; the
    // party discussed with follows "with".
    if matches!(trigger.lemma.as_str(), "discuss" | "debate")
        && object.as_ref().is_some_and(|o| !o.via("with"))
    {
        object = None;
    }
    // "helping push Ukrainian units out of Kursk": the object of a bare infinitive after
    // "help" is that verb's, not the one helped.
    if matches!(trigger.lemma.as_str(), "help" | "assist")
        && (super::candidates::verb_candidate(triggers, candidates, |_, c| {
            c.tok_start == cand.tok_end
        }) || s.is_any(cand.tok_end, BARE_AFTER_HELP))
    {
        object = None;
    }
    // "denied sending missiles to Russia", "denied that any North Korean troops were …": the
    // parties of what is denied are not those the denial is aimed at.
    if trigger.lemma == "deny"
        && (s.word(cand.tok_end).ends_with("ing") || s.is_any(cand.tok_end, &["that", "having"]))
    {
        object = None;
    }
    object
}

/// "killed five villagers", "fired tear gas at protesters", "arrested dozens of students":
/// with no named party after the verb, a bare sector noun as its object (or after a recipient
/// preposition) is the party it is done to, as a bare sector subject is the one who acts.
fn generic_object(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<Argument> {
    let t_end = cand.tok_end;
    let idx = s.mentions.iter().position(|m| {
        m.kind == Kind::SectorOnly
            && m.entity.sector != "PTY"
            && m.tok_start >= t_end
            && m.tok_start < clause.end
            && m.tok_start <= t_end + 5
            && may_be_party(s, m)
            && !s.is_any(m.tok_end - 1, &["side", "sides", "state", "states", "other", "others"])
            // "used attack helicopters against …": equipment is an instrument.
            && !s.is_any(m.tok_end - 1, super::screen::WEAPON_KINDS)
            && !s.is_any(m.tok_end - 1, PROJECTILES)
            // "withdrew their ambassadors", "deployed its troops": one's own people.
            && !(t_end..m.tok_start)
                .any(|k| s.is_any(k, POSSESSIVE_PRONOUNS) || s.is_any(k, &["my", "your"]))
            && !in_relative_clause(s, t_end, m)
            && !pronoun_subject_of_clause(s, m)
            && !subject_of_another_clause(s, cand, m)
            // Only determiners, numbers and modifiers between: no verb, no clause.
            && (t_end..m.tok_start).all(|k| !s.is_any(k, RELATIVE_WORDS) && !s.is(k, ","))
            && preposition_before(s.text, s.tokens, m.tok_start, t_end.saturating_sub(1))
                .map(str::to_ascii_lowercase)
                .is_none_or(|p| RECIPIENT_PREPS.contains(&p.as_str()) && p != "by")
    })?;
    Some(Argument { sector: None, mentions: vec![idx], how: "generic object".into() })
}

/// Where forces moved in the passive were sent: the party after "to" or "into", read from
/// the parse, else from word order ("were deployed to Russia's Kursk region").
pub(super) fn destination(
    triggers: &Triggers,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
) -> Option<Argument> {
    let trigger = &triggers.rows[cand.trigger];
    let to = |a: &Argument| a.via("to") || a.via("into");
    tree_object(s, cand.tok_start, cand.tok_end, true, EventType::Mobilize)
        .filter(to)
        .or_else(|| recipient_after(s, trigger, cand, clause.end, true).filter(to))
}

/// "clashes between Sudanese troops and Chadian rebels", "talks between Kyiv and Moscow":
/// the parties named by "between" right after the noun are its actor and recipient.
fn between_parties(s: &Sentence<'_>, t_end: usize, clause: Clause) -> Option<(Argument, Argument)> {
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

/// A nominal event: its possessor, adjective or agent, and the party of a recipient
/// preposition after it.
fn noun_args(
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
    let (tree_actor, tree_recipient) = tree_noun_args(s, t, cand.tok_end, event);
    let actor = tree_actor.or_else(|| noun_actor(s, t, cand.tok_end, clause, venue));
    let recipient = tree_recipient.or_else(|| {
        s.mentions
            .iter()
            .position(|m| {
                m.tok_start >= cand.tok_end
                    && m.tok_start <= cand.tok_end + 6
                    && m.tok_start < clause.end
                    && is_actorish(m)
                    && preposition_before(
                        s.text,
                        s.tokens,
                        m.tok_start,
                        cand.tok_end.saturating_sub(1),
                    )
                    .is_some_and(|p| {
                        RECIPIENT_PREPS.iter().any(|r| p.eq_ignore_ascii_case(r))
                            && !p.eq_ignore_ascii_case("at")
                    })
            })
            .map(|idx| Argument {
                sector: None,
                mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
                how: "noun-prep".into(),
            })
    });
    // "Navalny's arrest", "the journalist's killing": a person's possessive before a noun of
    // what is done to someone names who suffers it, not who does it; so does an "of" phrase
    // after it ("the expulsion of British journalists").
    let (actor, recipient) = match actor {
        Some(a)
            if recipient.is_none()
                && (a.how.contains("poss")
                    && a.mentions.iter().all(|&i| s.mentions[i].is_person)
                    || a.how.starts_with("of-"))
                && s.is_any(cand.tok_end - 1, PATIENT_NOUNS) =>
        {
            (None, Some(Argument { how: format!("{} (patient)", a.how), ..a }))
        }
        actor => (actor, recipient),
    };
    (actor, recipient, "noun")
}

/// Whether a mention may be an event's party: not a source ("according to X"), not an
/// expletive "it", not a possessor.
fn may_be_party(s: &Sentence<'_>, m: &Mention) -> bool {
    !m.possessive && !s.is_sourced(m.tok_start) && !expletive(s, m)
}

/// The mention a parse node stands for: the actor mention that covers it, else one among its
/// nominal modifiers ("a delegation from Japan", "the Japanese side"), else the bare sector
/// mention that covers it.
fn mention_of_node(s: &Sentence<'_>, k: usize) -> Option<(usize, Option<usize>)> {
    mention_in_node(s, k, true)
}

/// As `mention_of_node`; `located` lets a place phrase name the country ("rebels in the Ivory
/// Coast"), which suits actors, not what is done to them ("signed a treaty in Pyongyang").
fn mention_in_node(s: &Sentence<'_>, k: usize, located: bool) -> Option<(usize, Option<usize>)> {
    let covering = s.mentions.iter().position(|m| m.tok_start <= k && k < m.tok_end);
    if let Some(i) = covering.filter(|&i| is_actorish(&s.mentions[i])) {
        return may_be_party(s, &s.mentions[i]).then_some((i, None));
    }
    // A bare sector noun lends its sector to the country its modifiers name.
    let sector = covering.filter(|&i| {
        let m = &s.mentions[i];
        m.kind == Kind::SectorOnly && m.entity.sector != "PTY" && may_be_party(s, m)
    });
    let mut stack = vec![(k, 0)];
    while let Some((n, depth)) = stack.pop() {
        // "Afghanistan's Taliban insurgency": an armed group or party compounded with the head
        // is the party before the possessor of the whole ("Iran's U.N. ambassador" and
        // "Guatemala's Washington embassy" stay the possessor's).
        let named_group = |c: usize| {
            matches!(s.tree().rel(c), "compound" | "flat" | "appos")
                && s.mentions.iter().any(|m| {
                    m.tok_start <= c
                        && c < m.tok_end
                        && m.kind == Kind::Actor
                        && !m.capital
                        && m.entity.code != m.entity.country
                        && !matches!(m.entity.country.as_str(), "UNO" | "IGO" | "EUR" | "NGO")
                })
        };
        let mut children: Vec<usize> = s.tree().children(n).collect();
        children.sort_by_key(|&c| !named_group(c));
        for c in children {
            let rel = s.tree().rel(c);
            let nominal = match rel {
                // "denounced North Korea's pact": the possessor is the party.
                "compound" | "amod" | "flat" | "appos" | "nmod:poss" => true,
                // "the government of Japan", "a delegation from Japan", "rebels in the
                // Ivory Coast"; not "a device outside the Iraqi city" or "aid to Kyiv".
                "nmod" => s.tree().children(c).all(|k| {
                    s.tree().rel(k) != "case"
                        || !s.is_any(k, NOT_HOME_PREPS) && (located || !s.is_any(k, LOCATIVE))
                }),
                _ => false,
            };
            if !nominal {
                continue;
            }
            if let Some(i) = s.mentions.iter().position(|m| {
                m.tok_start <= c
                    && c < m.tok_end
                    && (matches!(m.kind, Kind::Actor | Kind::Modifier | Kind::Pronoun(_)))
            }) {
                let m = &s.mentions[i];
                let party = if rel == "nmod:poss" {
                    matches!(m.kind, Kind::Actor) && !s.is_sourced(m.tok_start)
                } else {
                    (is_actorish(m) || m.kind == Kind::Modifier) && may_be_party(s, m)
                };
                return party.then_some((i, sector));
            }
            if depth < 2 {
                stack.push((c, depth + 1));
            }
        }
    }
    sector.or_else(|| followed_group_node(s, k)).map(|i| (i, None))
}

/// "supporters of the opposition": the group a followers noun `k` follows, a bare sector noun
/// in its "of" phrase.
fn followed_group_node(s: &Sentence<'_>, k: usize) -> Option<usize> {
    if !s.is_any(k, FOLLOWERS) {
        return None;
    }
    s.tree().children(k).find_map(|c| {
        (s.tree().rel(c) == "nmod" && s.tree().children(c).any(|x| s.is(x, "of")))
            .then(|| {
                s.mentions.iter().position(|m| {
                    m.tok_start <= c
                        && c < m.tok_end
                        && m.kind == Kind::SectorOnly
                        && may_be_party(s, m)
                })
            })
            .flatten()
    })
}

/// Whether `m` is the group in "supporters of the opposition", "members of Hamas": the
/// followers act as it.
fn followed_group(s: &Sentence<'_>, m: &Mention) -> bool {
    let mut k = m.tok_start;
    if k > 0 && s.is_any(k - 1, &["the", "a", "an"]) {
        k -= 1;
    }
    k >= 2 && s.is(k - 1, "of") && s.is_any(k - 2, FOLLOWERS)
}

/// Nouns for the people of a group: "supporters of the opposition" act as the opposition.
const FOLLOWERS: &[&str] = &[
    "supporters",
    "members",
    "followers",
    "loyalists",
    "sympathisers",
    "sympathizers",
    "backers",
    "partisans",
];

/// The subject of the verb trigger `t..t_end` read from the parse.
fn tree_subject(s: &Sentence<'_>, t: usize, t_end: usize) -> Option<Argument> {
    if s.tree().is_empty() {
        return None;
    }
    let v = s.tree().phrase_head(t, t_end);
    let words = s.words();
    let path = syntax::subject(s.tree(), &words, v)?;
    let (idx, sector) = mention_of_node(s, path.token)?;
    Some(Argument { sector, mentions: group(s, idx), how: path.how })
}

/// The list a parse node's mention belongs to: the head word may end a list ("Hungarian and
/// Romanian officials") or begin one ("Japan and South Korea"). A bare sector stands alone.
fn group(s: &Sentence<'_>, idx: usize) -> Vec<usize> {
    if s.mentions[idx].kind == Kind::SectorOnly {
        return vec![idx];
    }
    let mut group = coordinated(s.text, s.tokens, s.mentions, idx, true);
    for i in coordinated(s.text, s.tokens, s.mentions, idx, false) {
        if !group.contains(&i) {
            group.push(i);
        }
    }
    group
}

/// The party a verb trigger is done to, read from the parse: its object, or the noun of a
/// recipient preposition ("to", "against", "with", …). What is given is no party, so for aid
/// the preposition's noun comes first.
fn tree_object(
    s: &Sentence<'_>,
    t: usize,
    t_end: usize,
    aid_like: bool,
    event: EventType,
) -> Option<Argument> {
    if s.tree().is_empty() {
        return None;
    }
    let hostile = event.quad_code() >= 3;
    let v = s.tree().phrase_head(t, t_end);
    let words = s.words();
    let parties = |v: usize| -> Vec<((usize, Option<usize>), String)> {
        syntax::objects(s.tree(), &words, v)
            .into_iter()
            .filter(|(_, p)| {
                p.is_empty()
                    || RECIPIENT_PREPS.contains(&p.as_str())
                        && !LOCATIVE.contains(&p.as_str())
                        // "agreed to exchange data on North Korean launches": what
                        // cooperation is on is its topic, not a partner.
                        && !(on_is_topic(event) && ["on", "upon"].contains(&p.as_str()))
            })
            .filter_map(|(node, p)| {
                let found = mention_in_node(s, node, false)?;
                let m = &s.mentions[found.0];
                // A country adjective on the object names its party: "rejected a Senegalese
                // peace plan", "shelled Iraqi towns".
                // "fought against Ukrainian units", "strikes on Russian positions": a
                // country adjective after a preposition of aim names its party too.
                let aimed = p.is_empty() || ["against", "on", "upon"].contains(&p.as_str());
                // "used North Korean missiles": the maker of the weapons force uses is not
                // its target ("buy American weapons" names the seller).
                let weapon = hostile
                    && p.is_empty()
                    && (s.is_any(node, PROJECTILES) || s.is_any(node, super::screen::WEAPON_KINDS));
                let party = is_actorish(m) || m.kind == Kind::Modifier && aimed && !weapon;
                // The parse may take "alongside X" for an object: X is an ally.
                let allied = ALLIED_PREPS.contains(&p.as_str())
                    || preposition_before(s.text, s.tokens, m.tok_start, t_end.saturating_sub(1))
                        .is_some_and(|w| ALLIED_PREPS.iter().any(|a| w.eq_ignore_ascii_case(a)));
                (party && !allied && m.tok_start >= t_end).then_some((found, p))
            })
            .collect()
    };
    let mut found = parties(v);
    let mut v = v;
    // "threatened to shell Iraqi towns", "refused to allow United Nations planes": with no
    // party of its own, the verb's infinitive complement names the one it is aimed at.
    if found.is_empty() {
        if let Some(x) = s.tree().children(v).find(|&c| {
            s.tree().rel(c) == "xcomp" && syntax::has_dependent(s.tree(), &words, c, "mark", "to")
        }) {
            found = parties(x);
            v = x;
        }
    }
    let ((idx, sector), p) = if aid_like {
        found.iter().find(|(_, p)| !p.is_empty()).or(found.first())?
    } else {
        found.first()?
    };
    let how = if p.is_empty() {
        format!("obj of `{}`", words.word(v))
    } else {
        format!("obl({p}) of `{}`", words.word(v))
    };
    let mentions = coordinated(s.text, s.tokens, s.mentions, *idx, false);
    Some(Argument { sector: *sector, mentions, how })
}

/// The agent (`obl:agent`, "by X") and the patient (the passive subject) of a passive verb
/// trigger, read from the parse.
fn tree_passive(s: &Sentence<'_>, t: usize, t_end: usize) -> (Option<Argument>, Option<Argument>) {
    if s.tree().is_empty() {
        return (None, None);
    }
    let v = s.tree().phrase_head(t, t_end);
    let words = s.words();
    let agent = syntax::agent(s.tree(), &words, v)
        .and_then(|node| mention_of_node(s, node))
        .filter(|&(i, _)| is_actorish(&s.mentions[i]) || s.mentions[i].kind == Kind::Modifier)
        .map(|(idx, sector)| Argument {
            sector,
            mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
            how: format!("obl:agent of `{}`", words.word(v)),
        });
    let patient = s.tree().child(v, "nsubj:pass").and_then(|node| {
        let (idx, sector) = mention_of_node(s, node)?;
        Some(Argument {
            sector,
            mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
            how: format!("nsubj:pass of `{}`", words.word(v)),
        })
    });
    (agent, patient)
}

/// The actor and recipient of a nominal trigger read from the parse: the possessor or the
/// country adjective ("Russia's attack", "Russian strikes"), a "by" phrase, else the subject
/// of the light verb whose object the noun is ("X launched attacks"); the recipient is the
/// noun of a recipient preposition on the noun, or on that light verb ("… attacks on Y").
fn tree_noun_args(
    s: &Sentence<'_>,
    t: usize,
    t_end: usize,
    event: EventType,
) -> (Option<Argument>, Option<Argument>) {
    if s.tree().is_empty() {
        return (None, None);
    }
    let venue = matches!(event, EventType::Agree | EventType::Consult);
    // "strikes on Ukrainian energy facilities": a country adjective after a preposition of
    // aim names the target of force, as it does for a verb.
    let target = |i: usize, p: &str| {
        is_actorish(&s.mentions[i])
            || s.mentions[i].kind == Kind::Modifier
                && event.quad_code() >= 3
                && ["against", "on", "upon"].contains(&p)
    };
    let n = s.tree().phrase_head(t, t_end);
    let words = s.words();
    let noun = words.word(n).to_string();
    let light = light_verb_of(s, n);
    let mut actor = None;
    let mut recipient = None;
    for c in s.tree().children(n) {
        let rel = s.tree().rel(c);
        let prep = syntax::case_word(s.tree(), &words, c);
        let how = match (rel, prep.as_deref()) {
            ("nmod:poss", _) => format!("nmod:poss of `{noun}`"),
            ("amod" | "compound", _) if c < t => format!("{rel} of `{noun}`"),
            ("nmod" | "acl", Some("by")) => format!("nmod(by) of `{noun}`"),
            ("nmod", Some(p)) if RECIPIENT_PREPS.contains(&p) && p != "at" => {
                if recipient.is_none() {
                    recipient = mention_in_node(s, c, false).filter(|&(i, _)| target(i, p)).map(
                        |(idx, sector)| Argument {
                            sector,
                            mentions: group(s, idx),
                            how: format!("nmod({p}) of `{noun}`"),
                        },
                    );
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
    if let Some(v) = light {
        if actor.is_none() || pronoun_possessor {
            let possessor = actor.take();
            actor = syntax::subject(s.tree(), &words, v).and_then(|path| {
                let (idx, sector) = mention_of_node(s, path.token)?;
                Some(Argument {
                    sector,
                    mentions: group(s, idx),
                    how: format!("{} (light verb of `{noun}`)", path.how),
                })
            });
            actor = actor.or(possessor);
        }
        if recipient.is_none() {
            recipient = syntax::objects(s.tree(), &words, v)
                .into_iter()
                .filter(|(_, p)| RECIPIENT_PREPS.contains(&p.as_str()) && p != "at")
                .find_map(|(node, p)| {
                    let (idx, sector) =
                        mention_in_node(s, node, false).filter(|&(i, _)| target(i, &p))?;
                    Some(Argument {
                        sector,
                        mentions: group(s, idx),
                        how: format!("obl({p}) of `{}`", words.word(v)),
                    })
                });
        }
    }
    (actor, recipient)
}

/// "Teachers are out on strike", "doctors remained on strike", "Russia is at war with
/// Ukraine": a noun event after "on" or "at" that says what state a party is in has that
/// party, the subject of its predicate, as its actor.
fn state_subject(s: &Sentence<'_>, n: usize, noun: &str) -> Option<Argument> {
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
fn pronoun_owner(s: &Sentence<'_>, n: usize) -> Option<Argument> {
    let v = s.tree().head(n).filter(|_| s.tree().rel(n) == "obj")?;
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
fn light_verb_of(s: &Sentence<'_>, n: usize) -> Option<usize> {
    let words = s.words();
    // The verb whose object the noun is ("launched attacks", "joined the strike"), or whose
    // "in" phrase it is after a verb of joining ("took part in a blockade").
    let light = s.tree().head(n).filter(|&v| match s.tree().rel(n) {
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

fn subject_before(s: &Sentence<'_>, limit: usize, t: usize) -> Option<Argument> {
    // Named actors first; a bare sector ("police", "demonstrators") only when none; then a
    // country adjective on a noun the lexicon has no sector for ("North Korean engineers
    // are expected to help …", "Iranian drones struck …").
    subject_of_kind(s, limit, t, false)
        .or_else(|| subject_of_kind(s, limit, t, true))
        .or_else(|| adjective_subject(s, limit, t))
}

/// Nouns of goods and markets, which a country adjective does not make a party.
const GOODS: &[&str] = &[
    "imports",
    "exports",
    "goods",
    "products",
    "prices",
    "economy",
    "oil",
    "gas",
    "steel",
    "market",
    "markets",
    "currency",
    "stocks",
    "shares",
    "companies",
    "firms",
    "banks",
    "cars",
    "vehicles",
    "media",
    "growth",
    "trade",
];

/// The first country adjective of the clause before `t`, on a noun, standing where a subject
/// does: no preposition before it, not a possessor, and nothing but words between its noun
/// and the verb.
fn adjective_subject(s: &Sentence<'_>, limit: usize, t: usize) -> Option<Argument> {
    // An infinitive's marker is no preposition.
    let verb = if t > 0 && s.is(t - 1, "to") { t - 1 } else { t };
    let idx = s.mentions.iter().position(|m| {
        m.kind == Kind::Modifier
            && m.tok_start >= limit
            && m.tok_end < t
            && !m.possessive
            && !s.is_sourced(m.tok_start)
            && preposition_before(s.text, s.tokens, m.tok_start, limit).is_none()
            && (m.tok_end..verb).all(|k| s.tokens[k].word && !s.is_any(k, PREPOSITIONS))
            // "cheap Chinese imports are harming …": goods and markets act on no one.
            && !s.is_any(m.tok_end, GOODS)
    })?;
    Some(Argument { sector: None, mentions: vec![idx], how: "adjective-subject".into() })
}

pub(super) fn subject_of_kind(
    s: &Sentence<'_>,
    limit: usize,
    t: usize,
    sector_only: bool,
) -> Option<Argument> {
    let candidate = |m: &&Mention| {
        m.tok_end <= t
            && m.tok_start >= limit
            && (if sector_only {
                // Words like "party", "side" or "state" are too often not actors.
                m.kind == Kind::SectorOnly
                    && m.entity.sector != "PTY"
                    && !s.is_any(
                        m.tok_end - 1,
                        &["side", "sides", "state", "states", "people", "other"],
                    )
                    && !(m.tok_start > 0
                        && s.is_any(m.tok_start - 1, &["other", "another", "each", "either"]))
            } else {
                is_actorish(m)
            })
            && !m.possessive
            && !s.is_sourced(m.tok_start)
            && !expletive(s, m)
            && (preposition_before(s.text, s.tokens, m.tok_start, limit).is_none()
                || followed_group(s, m))
            // "told VOA": the addressee of a verb of saying is not a subject.
            && !(m.tok_start > 0 && s.is_any(m.tok_start - 1, &["told", "tells", "tell", "telling"]))
    };
    // An infinitive ("promised to send") takes the subject of its clause, the first
    // candidate; a finite verb the nearest one.
    let infinitive = t > 0 && s.is(t - 1, "to");
    let idx = if infinitive {
        s.mentions.iter().position(|m| candidate(&m))?
    } else {
        s.mentions.iter().enumerate().rev().find(|(_, m)| candidate(m))?.0
    };
    // The first candidate of an infinitive's clause may head a list: coordinate rightward,
    // but not past the verb.
    let group = if sector_only {
        vec![idx]
    } else if infinitive {
        let mut group = coordinated(s.text, s.tokens, s.mentions, idx, false);
        group.retain(|&i| s.mentions[i].tok_end <= t);
        group
    } else {
        coordinated(s.text, s.tokens, s.mentions, idx, true)
    };
    Some(Argument {
        sector: None,
        mentions: group,
        how: if sector_only { "sector-subject".into() } else { "subject".into() },
    })
}

fn agent_after(s: &Sentence<'_>, t: usize, end: usize) -> Option<Argument> {
    let by = (t..end.min(t + 6)).find(|&k| s.is(k, "by"))?;
    // "by Russian air defences": a country adjective names the agent too; "by masked
    // gunmen", "by rioters": a bare sector noun, when no named party is there.
    let near = |m: &Mention| m.tok_start > by && m.tok_start <= by + 2;
    let idx = s
        .mentions
        .iter()
        .position(|m| near(m) && (is_actorish(m) || m.kind == Kind::Modifier))
        .or_else(|| {
            s.mentions
                .iter()
                .position(|m| near(m) && m.kind == Kind::SectorOnly && m.entity.sector != "PTY")
        })?;
    Some(Argument {
        sector: None,
        mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
        how: "by-agent".into(),
    })
}

/// "called off protests that had angered Russia": a relative clause on the object after the
/// verb ending at `t_end` names its own parties, not the verb's recipient ("its demand that
/// Israel ease …" is the demand's content, whose subject is asked).
fn in_relative_clause(s: &Sentence<'_>, t_end: usize, m: &Mention) -> bool {
    let object_from = after_day(s.text, s.tokens, t_end) + 1;
    (object_from..m.tok_start).any(|k| {
        s.is_any(k, RELATIVE_WORDS)
            && !(s.is(k, "that")
                && (s.is_any(k + 1, DETERMINERS)
                    || s.mentions.iter().any(|o| o.tok_start == k + 1)))
    })
}

/// "warned it would respond": a pronoun before an auxiliary is the subject of a clause of its
/// own, mostly the speaker again, not whom the verb addresses.
fn pronoun_subject_of_clause(s: &Sentence<'_>, m: &Mention) -> bool {
    matches!(m.kind, Kind::Pronoun(_)) && !m.possessive && s.is_any(m.tok_end, CLAUSE_AUXILIARIES)
}

/// Whether an infinitive ("to expel", "to help fight") stands between tokens `from` and `to`.
fn infinitive_between(s: &Sentence<'_>, from: usize, to: usize) -> bool {
    (from..to.saturating_sub(1)).any(|k| {
        let next = s.word(k + 1);
        s.is(k, "to")
            && next.starts_with(|c: char| c.is_ascii_lowercase())
            && !s.is_any(k + 1, DETERMINERS)
            && !s.mentions.iter().any(|m| m.tok_start == k + 1)
    })
}

fn recipient_after(
    s: &Sentence<'_>,
    trigger: &Trigger,
    cand: &Candidate,
    end: usize,
    aid_like: bool,
) -> Option<Argument> {
    let t_end = cand.tok_end;
    let mut first: Option<(usize, String)> = None;
    for (idx, m) in s.mentions.iter().enumerate() {
        if m.tok_start < t_end || m.tok_start >= end || !is_actorish(m) || s.is_sourced(m.tok_start)
        {
            continue;
        }
        if m.tok_start - t_end > 12 {
            break;
        }
        // "thanked Kim for sending troops to expel Ukrainian forces", "criticised Seoul for
        // helping Kyiv": the parties of the reason thanked or blamed are the reason's.
        if matches!(
            trigger.event,
            EventType::Support | EventType::Accuse | EventType::Sanction | EventType::Coerce
        ) && (t_end..m.tok_start).any(|k| s.is(k, "for") && s.word(k + 1).ends_with("ing"))
        {
            break;
        }
        if subject_of_another_clause(s, cand, m)
            || in_relative_clause(s, t_end, m)
            || pronoun_subject_of_clause(s, m)
        {
            continue;
        }
        let prep = preposition_before(s.text, s.tokens, m.tok_start, t_end.saturating_sub(1))
            .map(str::to_ascii_lowercase);
        let how = match prep.as_deref() {
            Some(p) if LOCATIVE.contains(&p) => continue,
            Some("by") => continue,
            // Cooperation on something: its topic, not a partner.
            Some("on" | "upon") if on_is_topic(trigger.event) => continue,
            // "condemned the launch, with the White House calling it …": an absolute
            // construction names who else spoke, not the recipient.
            Some("with") if s.word(m.tok_end).ends_with("ing") => continue,
            Some(p) if RECIPIENT_PREPS.contains(&p) => format!("prep-{p}"),
            // "condemned the cooperation between Moscow and Pyongyang": both parties of what
            // is acted on; not for an agreement, talks or cooperation, whose own parties
            // "between" names ("agreed upon a pact between the two countries").
            Some("between") if !parties_between(trigger.event) => "prep-between".into(),
            Some("of") => {
                // "to the occupied territories of Ukraine": an "of" phrase counts when the
                // noun it attaches to followed a recipient preposition.
                let before_of =
                    (t_end..m.tok_start).rev().find(|&k| s.is(k, "of")).unwrap_or(m.tok_start);
                match preposition_before(
                    s.text,
                    s.tokens,
                    before_of.saturating_sub(1),
                    t_end.saturating_sub(1),
                )
                .map(str::to_ascii_lowercase)
                {
                    Some(p) if RECIPIENT_PREPS.contains(&p.as_str()) => format!("prep-{p}-of"),
                    _ => continue,
                }
            }
            Some(_) => continue,
            None => "object".into(),
        };
        // Purpose clauses name the beneficiary: "sent shells in order to aid Russia", "to
        // help defend Saudi Arabia".
        let purpose = {
            let mut k = m.tok_start;
            while k > 0 && s.is_any(k - 1, PURPOSE_VERBS) {
                k -= 1;
            }
            k < m.tok_start && k > 0 && s.is(k - 1, "to")
        };
        if aid_like && purpose {
            return Some(Argument {
                sector: None,
                mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
                how: "purpose".into(),
            });
        }
        // "sent troops to help expel Ukrainian forces": the object of an infinitive further
        // on is that verb's, not this one's.
        if aid_like && how == "object" && !purpose && infinitive_between(s, t_end, m.tok_start) {
            continue;
        }
        if first.is_none() {
            first = Some((idx, how));
            if !aid_like || trigger.inverse {
                break;
            }
        }
    }
    let (idx, how) = first?;
    Some(Argument {
        sector: None,
        mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
        how,
    })
}

/// Whether the parse makes mention `m` the subject of a clause other than the trigger's own
/// ("rejected the plan, saying it was unfair", "condemned the attack and said Paris would
/// …"): a party of what is said next, not the trigger's object. The subject of a complement
/// the trigger governs stays its recipient ("demanded Belarus release them", "refused to
/// let UN planes land"), and so does the subject of a condition ("threatened to leave unless
/// Israel …").
fn subject_of_another_clause(s: &Sentence<'_>, cand: &Candidate, m: &Mention) -> bool {
    let tree = s.tree();
    if tree.is_empty() {
        return false;
    }
    let h = tree.phrase_head(m.tok_start, m.tok_end);
    if !matches!(tree.rel(h), "nsubj" | "nsubj:pass") {
        return false;
    }
    let Some(p) = tree.head(h) else { return false };
    let v = tree.phrase_head(cand.tok_start, cand.tok_end);
    // "refused to allow UN planes to land": a chain of complements up to the trigger.
    let mut c = p;
    let mut complement = false;
    for _ in 0..4 {
        if !matches!(tree.rel(c), "ccomp" | "xcomp") {
            break;
        }
        match tree.head(c) {
            Some(up) if up == v => {
                complement = true;
                break;
            }
            Some(up) => c = up,
            None => break,
        }
    }
    // "threatened to walk out unless Israel rescinded …": the condition names the target.
    let words = s.words();
    let condition = tree.rel(p) == "advcl"
        && ["if", "unless"].iter().any(|w| syntax::has_dependent(tree, &words, p, "mark", w));
    p != v && !complement && !condition
}

/// Whether the trigger at `t` is used as a passive verb.
pub(super) fn is_passive(s: &Sentence<'_>, t: usize, form: Form, end: usize) -> bool {
    if form != Form::Past {
        return false;
    }
    // "Israel is opposed to the plan": an adjective of stance, its subject the one who
    // opposes.
    if s.is_any(t, &["opposed", "committed"]) && s.is(t + 1, "to") {
        return false;
    }
    let mut k = t;
    while k > 0 {
        k -= 1;
        let w = s.word(k);
        if s.is_any(k, BE) {
            return true;
        }
        if w.ends_with("ly")
            || s.is_any(
                k,
                &[
                    "not",
                    "already",
                    "also",
                    "reportedly",
                    "allegedly",
                    "n't",
                    "yet",
                    "being",
                    "now",
                    "still",
                    "then",
                    "just",
                    "never",
                    "again",
                    "since",
                ],
            )
        {
            continue;
        }
        // "were beaten and detained", "have been harassed … and briefly detained": a
        // participle joined to a passive one is passive too, unless an object follows it
        // ("were deployed and arrested 20 people").
        if s.is_any(k, &["and", "or"]) && !object_follows(s, t + 1) {
            return passive_before(s, k);
        }
        break;
    }
    // Reduced relatives: "missiles, used by Russia"; "the soldiers sent to Ukraine".
    let after_noun =
        t > 0 && s.mentions.iter().any(|m| m.tok_end == t && !matches!(m.kind, Kind::Pronoun(_)));
    (t > 0 && s.is(t - 1, ",")) && (t + 1..end.min(t + 4)).any(|k| s.is(k, "by"))
        || s.is(t + 1, "by")
        || super::irrealis::charged_after_noun(s, t)
        || after_noun
            && s.is_any(t + 1, &["to", "by", "from", "into", "against"])
            && (t + 2..end).take_while(|&k| !s.is(k, ",")).any(|k| {
                s.is_any(
                    k,
                    &[
                        "will", "would", "is", "are", "was", "were", "has", "have", "had", "can",
                        "could", "must", "should", "may",
                    ],
                )
            })
}

/// Whether a passive auxiliary and its participle stand in the ten words before the
/// conjunction at `and` (no sentence-internal stop between): "been blocked or harassed … and".
fn passive_before(s: &Sentence<'_>, and: usize) -> bool {
    (and.saturating_sub(10)..and).rev().take_while(|&k| !s.is_any(k, &[";", ":", "—"])).any(|k| {
        s.is_any(k, &["been", "being", "was", "were", "is", "are"])
            && (k + 1..(k + 3).min(and)).any(|p| {
                let w = s.word(p);
                w.len() > 3 && (w.ends_with("ed") || w.ends_with("en"))
            })
    })
}

/// Whether an object starts at token `k`: a determiner, a number, a party or an object
/// pronoun.
fn object_follows(s: &Sentence<'_>, k: usize) -> bool {
    s.is_any(k, DETERMINERS)
        || s.is_any(k, &["them", "him", "her", "us", "me", "dozens", "hundreds", "thousands"])
        || s.word(k).starts_with(|c: char| c.is_ascii_digit())
        || crate::sizes::is_number_word(s.word(k))
        || s.mentions.iter().any(|m| m.tok_start == k)
}

/// The actor of the nominal trigger at `t`..`t_end` on word order: a possessor or modifier
/// before it, an agent phrase around it, or the subject of the light verb before it.
fn noun_actor(
    s: &Sentence<'_>,
    t: usize,
    t_end: usize,
    clause: Clause,
    venue: bool,
) -> Option<Argument> {
    possessor_or_modifier(s, t, clause, venue)
        .or_else(|| noun_agent(s, t, t_end, clause))
        .or_else(|| light_verb_subject(s, t, clause))
}

/// Possessive or adjective before the noun at `t`, allowing a few modifiers between.
fn possessor_or_modifier(
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
fn noun_agent(s: &Sentence<'_>, t: usize, t_end: usize, clause: Clause) -> Option<Argument> {
    // The actor named within two tokens after the preposition at `k`.
    let agent_after = |k: usize, how: &str| {
        let idx = s
            .mentions
            .iter()
            .position(|m| m.tok_start > k && m.tok_start <= k + 2 && is_actorish(m))?;
        Some(Argument {
            sector: None,
            mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
            how: format!("{how}-agent"),
        })
    };
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
fn light_verb_subject(s: &Sentence<'_>, t: usize, clause: Clause) -> Option<Argument> {
    let v = (t.saturating_sub(6).max(clause.start)..t)
        .rev()
        .find(|&k| s.carries_event(k) || s.commits_to(k, t))?;
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
    let mut arg = subject_before(s, clause.start, v)?;
    arg.how = "light-verb-subject".into();
    Some(arg)
}

/// The one a judgement accuses ("it is despicable that Russia …", "Moscow's conduct is
/// shameful"): whoever the judged clause or phrase names. The one judging is the speaker, left
/// unidentified (the attribution names them when the sentence does). Only predicative uses
/// count: the adjective follows a form of "be", so "an unacceptable offer" is no accusation.
fn judged(s: &Sentence<'_>, t: usize, t_end: usize, clause: Clause) -> Option<Argument> {
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
