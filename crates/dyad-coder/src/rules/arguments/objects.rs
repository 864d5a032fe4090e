//! The recipient of an active verb: its object in the parse, a generic victim, the party of
//! a recipient preposition after it, the destination of what is sent.

use super::*;
use crate::mentions::covered;

/// The object or prepositional recipient of an active verb.
pub(super) fn active_object(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
    clause: Clause,
) -> Option<Argument> {
    let trigger = &triggers.rows[cand.trigger];
    let t = cand.tok_start;
    // "extradited a British militant to Britain", "handed the prisoners over to Ukraine": what
    // is handed over goes to the party of "to", as aid does.
    let handed = matches!(
        trigger.lemma.as_str(),
        "extradite"
            | "hand over"
            | "return"
            | "transfer"
            | "repatriate"
            | "turn over"
            | "send back"
    );
    let aid_like = matches!(trigger.event, EventType::Aid | EventType::Agree) || handed;
    let object_end = object_end(s, cand, clause);
    // The parse's object within the clause: not a party of the subordinate clause after it
    // ("lodged a protest after Russian warships sailed …").
    let giving = trigger.event == EventType::Aid && !trigger.inverse;
    let mut object = tree_object(s, t, cand.tok_end, (aid_like, giving), trigger.event)
        .filter(|o| {
            o.mentions.iter().any(|&i| {
                let c = s.clause_of(s.mentions[i].tok_start);
                !matches!(c.kind, ClauseKind::Sub(k) if k > t && c.start > clause.start)
            })
        })
        .or_else(|| recipient_after(s, trigger, cand, object_end, aid_like));
    if weapons_as_object(triggers, trigger, s, &object) {
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
        object = complement_party(s, cand);
    }
    if matches!(trigger.event, EventType::Accuse | EventType::Reject) {
        if let Some(agent) = condemned_agent(triggers, s, candidates, cand, clause) {
            object = Some(agent);
        }
    }
    if trigger.event == EventType::Accuse && object.is_none() {
        object = provoking_party(s, clause);
    }
    // Violence and coercion against people the text does not name: ACLED's "civilians",
    // "protesters". A verb that needs a named party (flag `dyadic`) still needs one.
    if matches!(trigger.event, EventType::Assault | EventType::Coerce) && !trigger.dyadic {
        object = object.or_else(|| generic_object(s, cand, clause));
    }
    if object_is_no_party(triggers, s, candidates, cand, &object) {
        object = None;
    }
    object
}

/// Where the object of the verb `cand` may end: its clause, or further when a party right
/// after the verb runs on. A speech verb opens a complement clause, but its direct object
/// stands before that clause: "accused the United States of lying", "told Seoul that …".
fn object_end(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> usize {
    s.mentions
        .iter()
        .find(|m| {
            is_actorish(m)
                && (m.tok_start == cand.tok_end
                    || m.tok_start == cand.tok_end + 1 && s.is_any(cand.tok_end, DETERMINERS))
        })
        .map_or(clause.end, |m| clause.end.max(m.tok_end))
}

/// "fired Iranian drones at Kyiv", "used North Korean missiles against …": the weapons a
/// row names as its object are the instrument; the target follows a preposition.
fn weapons_as_object(
    triggers: &Triggers,
    trigger: &Trigger,
    s: &Sentence<'_>,
    object: &Option<Argument>,
) -> bool {
    trigger.event == EventType::Assault
        && (trigger.object.is_some_and(|c| triggers.class_names[c] == "WEAPONS")
            || matches!(trigger.lemma.as_str(), "use" | "fire" | "launch" | "employ"))
        && object.as_ref().is_some_and(|o| {
            !o.how.starts_with("obl(")
                && !o.how.starts_with("prep-")
                && o.mentions.iter().any(|&i| s.is_arms(s.mentions[i].tok_end - 1))
        })
}

/// "lodged a protest after Chinese and Russian bombers flew near its airspace": a protest
/// with no one named answers the act of the clause after it, whose subject is the recipient.
fn provoking_party(s: &Sentence<'_>, clause: Clause) -> Option<Argument> {
    let next = s.clause_of(clause.end + 1);
    let ClauseKind::Sub(k) = next.kind else { return None };
    if !s.is_any(k, &["after", "because"]) || next.start > clause.end + 1 {
        return None;
    }
    let idx = s.mentions.iter().position(|m| {
        m.tok_start >= next.start
            && m.tok_start < (next.start + 4).min(next.end)
            && (is_actorish(m) || m.kind == Kind::Modifier)
            && !m.entity.country.is_empty()
    })?;
    // "after Japanese fishermen were detained": they suffered the act protested.
    let head_end = s.mentions[idx..]
        .iter()
        .take_while(|x| x.tok_start < next.end)
        .map(|x| x.tok_end)
        .max()
        .unwrap_or(s.mentions[idx].tok_end);
    if (head_end..(head_end + 2).min(next.end)).any(|k| s.is_any(k, BE)) {
        return None;
    }
    Some(Argument {
        sector: None,
        mentions: group(s, idx),
        how: "subject of the act protested".into(),
    })
}

/// The first named party of the complement clause after "that" ("warned that Russia's
/// support …").
fn complement_party(s: &Sentence<'_>, cand: &Candidate) -> Option<Argument> {
    let next_clause = s.clause_of(cand.tok_end + 1);
    s.mentions
        .iter()
        .position(|m| {
            m.tok_start > cand.tok_end
                && m.tok_start < next_clause.end
                && m.kind == Kind::Actor
                && !m.entity.country.is_empty()
                && preposition_before(s.text, s.tokens, m.tok_start, cand.tok_end)
                    .is_none_or(|p| !LOCATIVE.iter().any(|l| p.eq_ignore_ascii_case(l)))
        })
        .map(|idx| Argument { sector: None, mentions: vec![idx], how: "complement-party".into() })
}

/// "condemned the provision of munitions by the DPRK to Russia": what is condemned is an
/// event; its agent is the one accused. Not the "of" phrase of a noun of what is done to
/// someone ("condemned the arrest of two journalists" accuses their jailers, not them).
fn condemned_agent(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
    clause: Clause,
) -> Option<Argument> {
    // "expressed concern over the arms sale to Taiwan": over the feeling voiced; "was
    // appalled by the seizure": over the preposition `feeling_about` found.
    let mut from = cand.tok_end;
    while s.is_any(from, CONCERN_WORDS) {
        from += 1;
    }
    if from > cand.tok_end && s.is_any(from, &["over", "about", "at", "regarding"])
        || super::feeling_about(s, cand.tok_start)
    {
        from += 1;
    } else {
        from = cand.tok_end;
    }
    // "condemned the North Korean shipment": determiners and the party's name may stand
    // before the event noun.
    let condemned = candidates.iter().find(|c| {
        triggers.rows[c.trigger].pos == Pos::Noun
            && c.tok_start >= from
            && c.tok_start <= from + 4
            && (from..c.tok_start).all(|k| s.is_any(k, DETERMINERS) || covered(k, s.mentions))
    })?;
    // "condemned military cooperation between Moscow and Pyongyang": both parties.
    if let Some((a, b)) = between_parties(s, condemned.tok_end, clause) {
        let mut mentions = a.mentions;
        mentions.extend(b.mentions);
        return Some(Argument {
            sector: None,
            mentions,
            how: "the condemned event's between".into(),
        });
    }
    let agent = noun_actor(s, condemned.tok_start, condemned.tok_end, clause, false)
        .filter(|a| !(a.how.starts_with("of-") && s.suffered_of(condemned.tok_end - 1)))
        // The verb before the noun is the condemnation itself, not the act's light verb.
        .filter(|a| a.how != "light-verb-subject")?;
    Some(Argument {
        sector: None,
        mentions: agent.mentions,
        how: format!("the condemned event's {}", agent.how),
    })
}

/// Whether what follows the verb is no party of its event: the topic of a discussion, the
/// object of the verb after "help", what is denied.
fn object_is_no_party(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
    object: &Option<Argument>,
) -> bool {
    let lemma = triggers.rows[cand.trigger].lemma.as_str();
    // "discussed ways to respond to Pyongyang's moves": what is discussed is the topic; the
    // party discussed with follows "with".
    matches!(lemma, "discuss" | "debate") && object.as_ref().is_some_and(|o| !o.via("with"))
        // "helping push Ukrainian units out of Kursk": the object of a bare infinitive after
        // "help" is that verb's, not the one helped.
        || matches!(lemma, "help" | "assist")
            && (super::candidates::verb_candidate(triggers, candidates, |_, c| {
                c.tok_start == cand.tok_end
            }) || s.is_any(cand.tok_end, BARE_AFTER_HELP))
        // "voted against sending troops to Niger", "warned against arming the rebels": the
        // parties of the act opposed are that act's.
        || s.is(cand.tok_end - 1, "against") && s.word(cand.tok_end).ends_with("ing")
        // "denied sending missiles to Russia", "denied that any North Korean troops were …":
        // the parties of what is denied are not those the denial is aimed at.
        || lemma == "deny"
            && (s.word(cand.tok_end).ends_with("ing")
                || s.is_any(cand.tok_end, &["that", "having"]))
}

/// "killed five villagers", "fired tear gas at protesters", "arrested dozens of students":
/// with no named party after the verb, a bare sector noun as its object (or after a recipient
/// preposition) is the party it is done to, as a bare sector subject is the one who acts.
pub(super) fn generic_object(
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
) -> Option<Argument> {
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
pub(in crate::rules) fn destination(
    triggers: &Triggers,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
) -> Option<Argument> {
    let trigger = &triggers.rows[cand.trigger];
    // Forces mobilised are not mobilised against where they go (`moved_to`).
    if trigger.event == EventType::Mobilize {
        return None;
    }
    let to = |a: &Argument| a.via("to") || a.via("into");
    tree_object(s, cand.tok_start, cand.tok_end, (true, false), trigger.event)
        .filter(to)
        .or_else(|| recipient_after(s, trigger, cand, clause.end, true).filter(to))
        .or_else(|| adjective_destination(s, cand, clause))
}

/// "sent to Russian construction sites": a country adjective right after "to" or "into"
/// names where they went.
fn adjective_destination(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<Argument> {
    let idx = s.mentions.iter().position(|m| {
        m.kind == Kind::Modifier
            && m.tok_start > cand.tok_end
            && m.tok_start <= cand.tok_end + 3
            && m.tok_start < clause.end
            && (cand.tok_end..m.tok_start).all(|k| s.tokens[k].word)
            && s.is_any(m.tok_start - 1, &["to", "into"])
    })?;
    Some(Argument { sector: None, mentions: vec![idx], how: "to (country adjective)".into() })
}

/// The party a verb trigger is done to, read from the parse: its object, or the noun of a
/// recipient preposition ("to", "against", "with", …). What is given is no party, so for aid
/// the preposition's noun comes first (`aid_like`), and for aid given (`giving`: not "bought"
/// or "received") arms named by their maker ("sent Iranian drones") are no party at all.
pub(super) fn tree_object(
    s: &Sentence<'_>,
    t: usize,
    t_end: usize,
    (aid_like, giving): (bool, bool),
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
            .filter(|(_, p)| recipient_prep(event, p))
            .filter_map(|(node, p)| {
                let found =
                    object_party(s, (v, node, p.as_str()), t_end, (hostile, giving), event)?;
                Some((found, p))
            })
            .collect()
    };
    let mut found = parties(v);
    let mut v = v;
    // "threatened to shell Iraqi towns", "refused to allow United Nations planes": with no
    // party of its own, the verb's infinitive complement names the one it is aimed at.
    if found.is_empty() {
        // Not an act against that party that is refused ("refused to condemn Moscow's
        // invasion" rejects no demand of Moscow's).
        // "rejected proposed Israeli changes": the parse takes a participle that opens the
        // object for an `xcomp`; its object is the verb's.
        if let Some(x) = s.tree().children(v).find(|&c| {
            s.tree().rel(c) == "xcomp"
                && (syntax::has_dependent(s.tree(), &words, c, "mark", "to")
                    && !(event == EventType::Reject && s.is_any(c, CENSURE))
                    || c == t_end && super::super::screen::attributive_participle(s, c))
        }) {
            found = parties(x);
            v = x;
        }
    }
    // What is given goes "to" its recipient before any other phrase names one ("transferred
    // missiles from Israeli stocks to Ukraine").
    let ((idx, sector), p) = if aid_like {
        (found.iter().find(|(_, p)| p == "to"))
            .or_else(|| found.iter().find(|(_, p)| !p.is_empty()))
            .or(found.first())?
    } else {
        found.first()?
    };
    let how = if p.is_empty() {
        format!("obj of `{}`", words.word(v))
    } else {
        format!("obl({p}) of `{}`", words.word(v))
    };
    let mentions = same_clause(s, *idx, coordinated(s.text, s.tokens, s.mentions, *idx, false));
    Some(Argument { sector: *sector, mentions, how })
}

/// Whether a parse object or oblique with preposition `p` ("" for an object) may name the
/// party an `event` is done to.
fn recipient_prep(event: EventType, p: &str) -> bool {
    p.is_empty()
        // "halt mediation efforts among Serbia's republics": the parties between whom
        // something is done.
        || ["between", "among"].contains(&p)
        || RECIPIENT_PREPS.contains(&p) && !names_no_recipient(event, p)
}

/// Whether preposition `p` says where or what about, not to whom: a place ("in"), what
/// cooperation is on ("agreed to exchange data on North Korean launches": its topic, not a
/// partner), where forces are moved ("troops deployed to Russia's Kursk region": no one
/// they are mobilised against; PLOVER gives MOBILIZE the party threatened, if clear).
fn names_no_recipient(event: EventType, p: &str) -> bool {
    LOCATIVE.contains(&p) || on_is_topic(event) && ["on", "upon"].contains(&p) || moved_to(event, p)
}

/// Whether the "to" before mention `m` (after the verb ending at `t_end`) follows "in
/// response", "in reaction" or "in retaliation".
pub(super) fn answers(s: &Sentence<'_>, t_end: usize, m: &Mention) -> bool {
    (t_end..m.tok_start)
        .rfind(|&k| s.is(k, "to"))
        .is_some_and(|k| k > 0 && s.is_any(k - 1, &["response", "reaction", "retaliation"]))
}

/// Forces moved "to" or "into" a place: where they go, not whom they are aimed at.
pub(super) fn moved_to(event: EventType, p: &str) -> bool {
    event == EventType::Mobilize && ["to", "into"].contains(&p)
}

/// The party the parse node `node` (an object, or the noun of preposition `p`, of verb `v`)
/// names, if it may be the recipient: not an ally, a place on a border, nor arms by their
/// maker (`hostile`: force used; `giving`: aid given).
fn object_party(
    s: &Sentence<'_>,
    (v, node, p): (usize, usize, &str),
    t_end: usize,
    (hostile, giving): (bool, bool),
    event: EventType,
) -> Option<(usize, Option<usize>)> {
    let found = mention_in_node(s, node, false)?;
    let m = &s.mentions[found.0];
    // A country adjective on the object names its party: "rejected a Senegalese peace plan",
    // "shelled Iraqi towns". "fought against Ukrainian units", "strikes on Russian
    // positions": a country adjective after a preposition of aim names its party too. So does
    // one after "to" or "from": "cut off electricity to the Azerbaijani republic", "rejected
    // an offer from the Afghan government", not what one is protected from ("protect Taiwan
    // from Chinese attempts").
    let aimed = p.is_empty()
        || ["against", "on", "upon", "to"].contains(&p)
        || p == "from" && !guards(s, v) && !(giving && gives_arms(s, v));
    // "used North Korean missiles", "struck the city with a North Korean missile": the maker
    // of the weapons force uses is not its target ("buy American weapons" names the seller).
    let arms = s.is_arms(node);
    let weapon = hostile && (p.is_empty() || p == "with") && arms;
    // "shipped North Korean arms", "sent Iranian drones": what is given is named by its
    // maker, not by who gets it.
    let given = giving && p.is_empty();
    let party = is_actorish(m) && !(given && arms) && !(weapon && p == "with")
        || m.kind == Kind::Modifier && aimed && !weapon && !given;
    // "help defend against Iranian missile attacks": what one guards against is the threat,
    // not the one helped.
    // A cooperative act "against" someone is aimed at a third party: "vowed to stand together
    // against Washington" is no promise to Washington.
    // (Forces given "against" someone are readied against them: see `deployed_not_given`;
    // sanctions lifted or charges dropped "against" someone are lifted for them.)
    let threat =
        ["against", "from"].contains(&p) && guards(s, v) || p == "against" && allied_against(event);
    // The parse may take "alongside X" for an object: X is an ally.
    let allied = threat
        || ALLIED_PREPS.contains(&p)
        || preposition_before(s.text, s.tokens, m.tok_start, t_end.saturating_sub(1))
            .is_some_and(|w| ALLIED_PREPS.iter().any(|a| w.eq_ignore_ascii_case(a)));
    (party && !allied && m.tok_start >= t_end && !on_the_border(s, m)).then_some(found)
}

/// Events whose "against" phrase names a third party they are aimed at together, not their
/// recipient: "vowed to stand together against Washington", "agreed to cooperate against
/// Russia".
fn allied_against(event: EventType) -> bool {
    matches!(
        event,
        EventType::Agree | EventType::Support | EventType::Cooperate | EventType::Consult
    )
}

/// Whether the object of verb `v` is arms ("transferred Patriot missiles from Israeli stocks":
/// what is given "from" a place comes from a store, not from a party helped there).
fn gives_arms(s: &Sentence<'_>, v: usize) -> bool {
    s.tree().child(v, "obj").is_some_and(|o| s.is_arms(o))
}

/// Whether the verb `v` guards its object from something ("protects", "shielded", "saving").
fn guards(s: &Sentence<'_>, v: usize) -> bool {
    const GUARDING: &[&str] =
        &["protect", "defend", "guard", "shield", "safeguard", "shelter", "sav", "rescu", "secur"];
    let w = s.word(v).to_ascii_lowercase();
    GUARDING.iter().any(|g| w.starts_with(g))
}

/// The first party after the verb `cand` (before `end`) that may be its recipient: its object
/// or the party of a recipient preposition; for aid, the beneficiary of a purpose clause or a
/// party after a preposition before a bare object.
pub(super) fn recipient_after(
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
        if another_clause_before(s, trigger.event, t_end, m) {
            break;
        }
        if subject_of_another_clause(s, cand, m)
            || in_relative_clause(s, t_end, m)
            || pronoun_subject_of_clause(s, m)
        {
            continue;
        }
        let Some(how) = recipient_how(s, trigger.event, t_end, m) else { continue };
        if buried_in_parse(s, cand, m) {
            continue;
        }
        // "sent Iranian drones to …": the arms given are no party.
        if trigger.event == EventType::Aid
            && !trigger.inverse
            && how == "object"
            && s.is_arms(m.tok_end - 1)
        {
            continue;
        }
        let purpose = after_purpose_verb(s, m);
        // "extended loans to Indonesia to help it recover": a pronoun beneficiary is most
        // likely the party already named.
        let pronoun_again = matches!(m.kind, Kind::Pronoun(_)) && first.is_some();
        if aid_like && purpose && !pronoun_again {
            return Some(Argument {
                sector: None,
                mentions: same_clause(
                    s,
                    idx,
                    coordinated(s.text, s.tokens, s.mentions, idx, false),
                ),
                how: "purpose".into(),
            });
        }
        // "sent troops to help expel Ukrainian forces": the object of an infinitive further
        // on is that verb's, not this one's.
        // A party of a censure refused ("refused to condemn Moscow's war") is none of the
        // refusal's.
        let of_infinitive = irrealis::censure_refused(s, trigger.event, t_end, m.tok_start)
            || aid_like && how == "object" && infinitive_between(s, t_end, m.tok_start);
        if !purpose && of_infinitive {
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
        mentions: same_clause(s, idx, coordinated(s.text, s.tokens, s.mentions, idx, false)),
        how,
    })
}

/// Whether the parse puts the party `m`, found after the verb `cand` by word order, inside a
/// participle on a noun or a phrase of circumstance on the way up to the verb: "arrested a priest
/// suspected of passing information to Moscow", "released prisoners under a deal with the
/// Vatican". Complement and purpose clauses keep their parties (PLOVER's gold takes the
/// recipient from "demanded that the United States …"), and where the parse does not put the
/// party under the verb at all, word order is trusted.
fn buried_in_parse(s: &Sentence<'_>, cand: &Candidate, m: &Mention) -> bool {
    const CIRCUMSTANCE: &[&str] =
        &["under", "after", "before", "during", "amid", "despite", "since", "until", "following"];
    let tree = s.tree();
    if tree.is_empty() {
        return false;
    }
    let v = tree.phrase_head(cand.tok_start, cand.tok_end);
    let words = s.words();
    let mut x = tree.phrase_head(m.tok_start, m.tok_end);
    let mut below = x;
    let mut buried = false;
    for _ in 0..10 {
        if x == v {
            return buried;
        }
        buried |= match tree.rel(x) {
            // A past participle on a noun with a clause of its own ("a priest suspected of
            // passing information to Moscow"); not a phrase the parse may have hung on the
            // participle in place of the verb ("a delegation led by its minister to Moscow").
            "acl" => s.word(x).ends_with("ed") && tree.rel(below) != "obl",
            "obl" | "nmod" => syntax::case_word(tree, &words, x)
                .is_some_and(|c| CIRCUMSTANCE.contains(&c.to_ascii_lowercase().as_str())),
            _ => false,
        };
        let Some(h) = tree.head(x) else { return false };
        below = x;
        x = h;
    }
    false
}

/// Whether a phrase of its own opens between the verb ending at `t_end` and the party `m`,
/// so that no party from there on is the verb's: the reason thanked or blamed ("thanked Kim
/// for sending troops to expel Ukrainian forces", "criticised Seoul for helping Kyiv"), or a
/// content clause opened by a pronoun and an auxiliary ("dismissed accusations it is getting
/// weapons from North Korea").
fn another_clause_before(s: &Sentence<'_>, event: EventType, t_end: usize, m: &Mention) -> bool {
    let between = t_end..m.tok_start;
    matches!(
        event,
        EventType::Support | EventType::Accuse | EventType::Sanction | EventType::Coerce
    ) && between.clone().any(|k| s.is(k, "for") && s.word(k + 1).ends_with("ing"))
        || between.into_iter().any(|k| s.opens_pronoun_clause(k))
}

/// How the party `m` after the verb ending at `t_end` stands to it ("object", "prep-to",
/// "prep-against-of", …), or `None` when it is no recipient: a place, an agent, a topic.
fn recipient_how(s: &Sentence<'_>, event: EventType, t_end: usize, m: &Mention) -> Option<String> {
    let prep = preposition_before(s.text, s.tokens, m.tok_start, t_end.saturating_sub(1))
        .map(str::to_ascii_lowercase);
    match prep.as_deref() {
        Some(p) if LOCATIVE.contains(&p) => None,
        Some("by") => None,
        // Cooperation on something: its topic, not a partner.
        Some("on" | "upon") if on_is_topic(event) => None,
        // "condemned the launch, with the White House calling it …": an absolute
        // construction names who else spoke, not the recipient.
        Some("with") if s.word(m.tok_end).ends_with("ing") => None,
        // "near the border with Niger": a neighbour that only says where.
        Some("with") if on_the_border(s, m) => None,
        // "struck Kharkiv with North Korean missiles": the weapon's maker is not its target.
        Some("with") if event.quad_code() >= 3 && s.is_arms(m.tok_end - 1) => None,
        // "help defend against Iranian attacks": what is guarded against is the threat; and
        // a cooperative act against someone is aimed at a third party ("vowed to stand
        // together against Washington").
        Some("against" | "from") if guards(s, t_end - 1) => None,
        Some("against") if allied_against(event) && m.tok_start <= t_end + 4 => None,
        // "shipping drone engines used in strikes on Ukraine": the phrase of what the object
        // is used for names no recipient of the verb.
        Some(_) if (t_end..m.tok_start).any(|k| s.is(k, "used") && s.tokens[k - 1].word) => None,
        // "kicked off joint drills, drawing a warning from Beijing": the party a reaction comes
        // from is not the verb's.
        Some(_) if (t_end..m.tok_start).any(|k| super::nouns::draws_reaction(s, k)) => None,
        // "deployed warships in response to the Chinese drills": what is answered is the
        // party mobilised against, not a destination.
        Some(p) if moved_to(event, p) && !answers(s, t_end, m) => None,
        // "sent a letter calling on the UN to condemn Russia": a party after the infinitive
        // of a participle's clause is that verb's, not the object of a "to" before it.
        Some("to") if infinitive_to(s, t_end, m.tok_start) => None,
        Some(p) if RECIPIENT_PREPS.contains(&p) => Some(format!("prep-{p}")),
        // "condemned the cooperation between Moscow and Pyongyang": both parties of what
        // is acted on; not for an agreement, talks or cooperation, whose own parties
        // "between" names ("agreed upon a pact between the two countries").
        Some("between") if !parties_between(event) => Some("prep-between".into()),
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
                Some(p) if RECIPIENT_PREPS.contains(&p.as_str()) && !moved_to(event, &p) => {
                    Some(format!("prep-{p}-of"))
                }
                _ => None,
            }
        }
        Some(_) => None,
        None => Some("object".into()),
    }
}

/// Whether the last "to" between `from` and `to` is the infinitive of a participle's clause
/// after the verb ("a letter calling on the UN to condemn …"): a participle comes before it,
/// and a lower-case word that is no determiner after it.
fn infinitive_to(s: &Sentence<'_>, from: usize, to: usize) -> bool {
    (from..to).rev().find(|&k| s.is(k, "to")).is_some_and(|k| {
        // A participle of asking or urging with its addressee: "calling on the EU", "urging
        // Japan" (not a noun in "-ing": "new funding to help Sudan").
        (from..k).any(|j| {
            s.word(j).ends_with("ing")
                && s.word(j).starts_with(char::is_lowercase)
                && (s.is_any(j + 1, &["on", "upon"])
                    || s.mentions.iter().any(|m| m.tok_start == j + 1))
        }) && k + 1 < to
            && s.tokens[k + 1].word
            && s.word(k + 1).starts_with(char::is_lowercase)
            && !s.is_any(k + 1, DETERMINERS)
            && !s.word(k + 1).ends_with("ing")
    })
}

/// Whether the party `m` follows "border with" in a phrase of place ("near the border with
/// Niger", "along the frontier with Afghanistan"); not "its border with Kenya should …".
fn on_the_border(s: &Sentence<'_>, m: &Mention) -> bool {
    const PLACE: &[&str] = &["near", "along", "at", "on", "across", "to", "from", "by", "close"];
    let k = m.tok_start;
    k >= 4
        && s.is(k - 1, "with")
        && s.is_any(k - 2, &["border", "borders", "frontier", "frontiers", "boundary"])
        && (s.is(k - 3, "the") && s.is_any(k - 4, PLACE) || s.is_any(k - 3, PLACE))
}

/// Purpose clauses name the beneficiary: "sent shells in order to aid Russia", "to help
/// defend Saudi Arabia".
fn after_purpose_verb(s: &Sentence<'_>, m: &Mention) -> bool {
    let mut k = m.tok_start;
    while k > 0 && s.is_any(k - 1, PURPOSE_VERBS) {
        k -= 1;
    }
    k < m.tok_start && k > 0 && s.is(k - 1, "to")
}

/// Whether the parse makes mention `m` the subject of a clause other than the trigger's own
/// ("rejected the plan, saying it was unfair", "condemned the attack and said Paris would
/// …"): a party of what is said next, not the trigger's object. The subject of a complement
/// the trigger governs stays its recipient ("demanded Belarus release them", "refused to
/// let UN planes land"), and so does the subject of a condition ("threatened to leave unless
/// Israel …").
pub(super) fn subject_of_another_clause(s: &Sentence<'_>, cand: &Candidate, m: &Mention) -> bool {
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
    // "accused Pyongyang of sending troops", "thanked Seoul for helping": the parse may make
    // the one charged or thanked the subject of the reason clause the verb governs.
    let words = s.words();
    let marked = |ws: &[&str]| ws.iter().any(|w| syntax::has_dependent(tree, &words, p, "mark", w));
    let condition = tree.rel(p) == "advcl" && marked(&["if", "unless"]);
    let reason = tree.rel(p) == "advcl" && tree.head(p) == Some(v) && marked(&["of", "for"]);
    p != v && !complement && !condition && !reason
}
