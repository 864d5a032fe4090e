//! The actor of an active verb: its subject in the parse or before it, a controller, the
//! owner of a complement, and who a subject of a given kind is.

use super::*;

/// An active verb: its subject, and its object or prepositional recipient.
pub(super) fn active_args(
    triggers: &Triggers,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    cand: &Candidate,
    clause: Clause,
) -> (Option<Argument>, Option<Argument>, &'static str) {
    let trigger = &triggers.rows[cand.trigger];
    let subject = match participle_of(s, candidates, cand, clause) {
        Some(main) => {
            // The main verb's own subject, as it is found for it.
            let before_main = || active_subject(s, main, s.clause_of(main.tok_start));
            let parsed = || tree_subject(s, cand.tok_start, cand.tok_end);
            // The parse may know better for a participle ("opened fire …, killing three":
            // its `advcl`), but may join a verb after "and" to the wrong conjunct ("ordered
            // French troops to leave … and expelled the ambassador": to "leave").
            let joined = |mut a: Argument| {
                a.how = format!("{} (joined to `{}`)", a.how, s.word(main.tok_start));
                a
            };
            if s.is(cand.tok_start - 1, "and") {
                before_main().map(joined).or_else(parsed)
            } else {
                parsed().or_else(|| before_main().map(joined))
            }
        }
        // "Putin did not rule out using nuclear weapons": who keeps the act open would do it.
        None => crate::rules::irrealis::not_ruled_out(s, cand.tok_start)
            .and_then(|rule| subject_before(s, clause.start, rule))
            .map(|mut a| {
                a.how = "keeper of the option".into();
                a
            })
            .or_else(|| active_subject(s, cand, clause)),
    };
    let object = active_object(triggers, s, candidates, cand, clause);
    if trigger.inverse {
        (object, subject, "inverse")
    } else {
        (subject, object, "active")
    }
}

/// "A roadside bomb hit a UN convoy, wounding two peacekeepers": a participle after a comma
/// has the subject of the finite event verb before it in its clause (which is returned),
/// never that verb's object; so does a finite verb joined to it by "and" ("Syria accused
/// Turkey of massing troops and warned of consequences").
fn participle_of<'c>(
    s: &Sentence<'_>,
    candidates: &'c [Candidate],
    cand: &Candidate,
    clause: Clause,
) -> Option<&'c Candidate> {
    let t = cand.tok_start;
    let participle = cand.form == Form::Gerund && t > 0 && s.is(t - 1, ",");
    let joined = matches!(cand.form, Form::Past | Form::Third) && t > 0 && s.is(t - 1, "and");
    if !participle && !joined {
        return None;
    }
    // The finite event verb nearest before the comma, with nothing but its object between
    // ("…,\" the minister said, condemning …" has none: the speech verb is no event).
    // A verb joined by "and" may open a clause of its own ("… and warned of …").
    let from =
        if joined { s.clause_of(clause.start.saturating_sub(1)).start } else { clause.start };
    let main = candidates
        .iter()
        .rev()
        .filter(|c| c.tok_start >= from && c.tok_end < t)
        .find(|c| matches!(c.form, Form::Past | Form::Third))
        // "The convoy was attacked near Kidal, killing three": a passive's subject did not
        // kill.
        .filter(|c| !is_passive(s, c.tok_start, c.form, clause.end))?;
    (main.tok_end..t - 1)
        .all(|k| !s.is_any(k, &["\"", "”", "“", ",", ";", "said", "says"]))
        .then_some(main)
}

/// Whether mention `m` ends a proper name that opens before it with "of" ("the University of
/// Dhaka", "the Bank of England").
pub(super) fn in_proper_name(s: &Sentence<'_>, m: &Mention) -> bool {
    m.tok_start >= 2
        && s.is(m.tok_start - 1, "of")
        && s.word(m.tok_start - 2).starts_with(|c: char| c.is_uppercase())
}

/// The subject of an active verb: a gerund's mention right before it, the parse's or the
/// nearest before it in its clause, a possessor of the noun an infinitive completes, or the
/// sentence's subject for non-finite verbs.
pub(super) fn active_subject(
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
) -> Option<Argument> {
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
/// So does the party warned against an act: "warned Beijing against sending weapons".
pub(super) fn controller_before(s: &Sentence<'_>, t: usize) -> Option<Argument> {
    let infinitive = t >= 3 && s.is(t - 1, "to");
    let against = t >= 3 && s.is(t - 1, "against") && s.word(t).ends_with("ing");
    if !infinitive && !against {
        return None;
    }
    let verbs = if infinitive { CONTROL_VERBS } else { irrealis::WARNING };
    // The verb before the mention at `k`, over a determiner and a modifier ("forced the
    // rebels", "forcing separatist forces").
    let verb_before = |k: usize| {
        let mut v = k;
        // Back over a modifier ("exhausted"), then a determiner ("the").
        if v > 1
            && !s.is_any(v - 1, verbs)
            && !s.is_any(v - 1, DETERMINERS)
            && s.word(v - 1).bytes().all(|b| b.is_ascii_lowercase())
        {
            v -= 1;
        }
        if v > 0 && s.is_any(v - 1, DETERMINERS) {
            v -= 1;
        }
        (v > 0 && s.is_any(v - 1, verbs)).then(|| v - 1)
    };
    let (idx, v) = s.mentions.iter().enumerate().find_map(|(i, m)| {
        (m.tok_end == t - 1
            // "forcing separatist forces to surrender": a group is told to act, too.
            && (is_actorish(m) || m.kind == Kind::SectorOnly && m.entity.sector != "PTY")
            && !m.possessive)
            .then(|| verb_before(m.tok_start))
            .flatten()
            .map(|v| (i, v))
    })?;
    let verb = s.word(v);
    let what = if infinitive { "the infinitive" } else { "what it is warned against" };
    let how = format!("object of `{verb}` (controls {what})");
    Some(Argument { sector: None, mentions: vec![idx], how })
}

/// Verbs whose object does what their infinitive says ("wants Putin to attack").
pub(super) const CONTROL_VERBS: &[&str] = &[
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
    "forcing",
    "urging",
    "asking",
    "telling",
    "pressing",
    "pressuring",
    "encouraging",
    "inviting",
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
pub(super) const COMPLEMENT_NOUNS: &[&str] = &[
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
pub(super) const OWNING_VERBS: &[&str] = &[
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
pub(super) fn complement_owner(s: &Sentence<'_>, t: usize) -> Option<Option<Argument>> {
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
pub(super) fn reason_gerund_subject(
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
) -> Option<usize> {
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

/// The subject of the verb trigger `t..t_end` read from the parse.
pub(super) fn tree_subject(s: &Sentence<'_>, t: usize, t_end: usize) -> Option<Argument> {
    if s.tree().is_empty() {
        return None;
    }
    let v = s.tree().phrase_head(t, t_end);
    let words = s.words();
    let path = censured_purpose(s, t, v).or_else(|| syntax::subject(s.tree(), &words, v))?;
    // "condemned the dispatch of troops to fight": the act's group, named or not.
    let (idx, sector) = mention_of_node(s, path.token)
        .or_else(|| path.purpose.then(|| nominal_group(s, path.token)).flatten())?;
    // "sent troops to fight": a bare group noun that is itself the object the verb sends is
    // read as usual (the sender's); "condemned the dispatch of troops to fight" is not.
    let m = &s.mentions[idx];
    if path.purpose
        && m.kind == Kind::SectorOnly
        && m.entity.country.is_empty()
        && m.tok_start <= path.token
        && path.token < m.tok_end
        && s.tree().rel(path.token) == "obj"
    {
        return None;
    }
    Some(Argument { sector, mentions: group(s, idx), how: path.how })
}

/// A bare group noun in the "of" phrase of noun `n` ("the dispatch of troops").
fn nominal_group(s: &Sentence<'_>, n: usize) -> Option<(usize, Option<usize>)> {
    s.tree().children(n).filter(|&c| s.tree().rel(c) == "nmod").find_map(|c| {
        s.mentions
            .iter()
            .position(|m| m.tok_start <= c && c < m.tok_end && m.kind == Kind::SectorOnly)
            .map(|i| (i, None))
    })
}

/// Verbs that judge or answer what another party does, beside those of censure.
const JUDGING: &[&str] = &[
    "protest", "decry", "decri", "deplore", "slam", "oppose", "reject", "welcome", "praise",
    "hail", "applaud",
];

/// Whether the word at `k` is a verb of censure or judgement, in any form ("condemned",
/// "criticizing", "welcomes").
pub(super) fn judges(s: &Sentence<'_>, k: usize) -> bool {
    let verb = s.word(k).to_ascii_lowercase();
    CENSURE.iter().chain(JUDGING).any(|c| verb.starts_with(c.trim_end_matches('e')))
}

/// "criticised the deployment of Russian soldiers to attack Ukrainian cities": the parse may
/// hang an infinitive right after the object of a verb of censure or judgement on the verb,
/// as its purpose; what is judged is the object's, so the infinitive is the object's purpose.
fn censured_purpose(s: &Sentence<'_>, t: usize, v: usize) -> Option<syntax::Path> {
    let tree = s.tree();
    if t < 2 || !s.is(t - 1, "to") || tree.rel(v) != "advcl" {
        return None;
    }
    let h = tree.head(v)?;
    if !judges(s, h) {
        return None;
    }
    let object = tree.child(h, "obj").filter(|&o| o < t - 1)?;
    // Everything between the object and "to" hangs on the object (twelve words up).
    if !(object + 1..t - 1).all(|k| tree.under(k, object, 13)) {
        return None;
    }
    let how = format!("party of `{}` (whose purpose is `{}`)", s.word(object), s.word(v));
    Some(syntax::Path { token: object, how, purpose: true })
}

pub(super) fn subject_before(s: &Sentence<'_>, limit: usize, t: usize) -> Option<Argument> {
    // Named actors first; a bare sector ("police", "demonstrators") only when none; then a
    // country adjective on a noun the lexicon has no sector for ("North Korean engineers
    // are expected to help …", "Iranian drones struck …").
    subject_of_kind(s, limit, t, false)
        .or_else(|| subject_of_kind(s, limit, t, true))
        .or_else(|| adjective_subject(s, limit, t))
}

/// Nouns of goods and markets, which a country adjective does not make a party.
pub(super) const GOODS: &[&str] = &[
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
pub(super) fn adjective_subject(s: &Sentence<'_>, limit: usize, t: usize) -> Option<Argument> {
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

pub(in crate::rules) fn subject_of_kind(
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
    // "Kim Jong Un's government": the possessor names the sector noun's party.
    let owner = sector_only
        .then(|| {
            let m = &s.mentions[idx];
            s.mentions.iter().position(|o| {
                o.possessive
                    && is_actorish(o)
                    && o.tok_end + 1 >= m.tok_start
                    && o.tok_end <= m.tok_start
                    && !o.entity.country.is_empty()
            })
        })
        .flatten();
    if let Some(o) = owner {
        return Some(Argument {
            sector: Some(idx),
            mentions: vec![o],
            how: "possessor of the subject".into(),
        });
    }
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

/// "called off protests that had angered Russia": a relative clause on the object after the
/// verb ending at `t_end` names its own parties, not the verb's recipient ("its demand that
/// Israel ease …" is the demand's content, whose subject is asked).
pub(super) fn in_relative_clause(s: &Sentence<'_>, t_end: usize, m: &Mention) -> bool {
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
pub(super) fn pronoun_subject_of_clause(s: &Sentence<'_>, m: &Mention) -> bool {
    matches!(m.kind, Kind::Pronoun(_)) && !m.possessive && s.is_any(m.tok_end, CLAUSE_AUXILIARIES)
}

/// Whether an infinitive ("to expel", "to help fight") stands between tokens `from` and `to`.
pub(super) fn infinitive_between(s: &Sentence<'_>, from: usize, to: usize) -> bool {
    (from..to.saturating_sub(1)).any(|k| {
        let next = s.word(k + 1);
        s.is(k, "to")
            && next.starts_with(|c: char| c.is_ascii_lowercase())
            && !s.is_any(k + 1, DETERMINERS)
            && !s.mentions.iter().any(|m| m.tok_start == k + 1)
    })
}
