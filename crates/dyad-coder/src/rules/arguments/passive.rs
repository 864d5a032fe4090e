//! Passive verbs: whether a participle is one, its agent ("by"), and the party it is done to.

use super::*;

/// A passive verb: the agent acts on the passive subject.
pub(super) fn passive_args(
    trigger: &Trigger,
    s: &Sentence<'_>,
    cand: &Candidate,
    clause: Clause,
) -> (Option<Argument>, Option<Argument>, &'static str) {
    let t = cand.tok_start;
    let (tree_agent, tree_patient, reduced) = tree_passive(s, t, cand.tok_end);
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
    // Not what is shot down "at the border": that is where, not whom.
    let aimed = (trigger.event == EventType::Assault && !DOWNING.contains(&trigger.lemma.as_str()))
        .then(|| aimed_at(s, cand, clause))
        .flatten();
    let fired = |a: &Argument| {
        trigger.event == EventType::Assault
            && !DOWNING.contains(&trigger.lemma.as_str())
            && a.names_projectiles(s)
    };
    // "rescued the crew of a ship attacked by pirates": a participle on a noun is done to
    // that noun, not to the subject before it.
    let subject =
        tree_patient.or_else(|| (!reduced).then(|| subject_before(s, clause.start, t))?);
    // "North Korean missiles were used in the strike": weapons used are neither their
    // user nor what is struck.
    let subject =
        subject.filter(|a| !(fired(a) && matches!(trigger.lemma.as_str(), "use" | "employ")));
    // "KN-23 missiles supplied by North Korea": weapons given are what is given, not who
    // receives them.
    let subject = subject.filter(|a| !(trigger.event == EventType::Aid && a.names_arms(s)));
    // "Russian missiles were fired at Kyiv": with the target after "at", the weapons'
    // country fired them.
    // Arms given to a party are fired by it ("shells, shipped to Russia, are being fired
    // at …").
    let agent = agent.or_else(|| {
        let weapons = subject.as_ref().filter(|a| aimed.is_some() && fired(a))?;
        given_to(s, weapons).or_else(|| {
            Some(Argument {
                sector: weapons.sector,
                mentions: weapons.mentions.clone(),
                how: format!("weapons fired ({})", weapons.how),
            })
        })
    });
    let patient = aimed.or(subject).or_else(|| {
        recipient_after(s, trigger, cand, clause.end, false).filter(|a| a.how.starts_with("prep-"))
    });
    // "Vietnam is committed to …", "Japan is prepared to …": an adjectival
    // predicate of intent; its subject is the one who intends.
    if agent.is_none() && trigger.intent {
        (patient, None, "adjectival")
    } else {
        (agent, patient, "passive")
    }
}

/// The party the arms of `fired` were given to, named in a participle on them: "shells,
/// shipped to Russia by rail, …".
pub(in crate::rules) fn given_to(s: &Sentence<'_>, fired: &Argument) -> Option<Argument> {
    const GIVEN: &[&str] =
        &["shipped", "supplied", "sent", "delivered", "provided", "transferred", "sold", "given"];
    let end = fired.mentions.iter().map(|&i| s.mentions[i].tok_end).max()?;
    let k = (end..(end + 4).min(s.tokens.len())).find(|&k| s.is_any(k, GIVEN))?;
    if !s.is(k + 1, "to") {
        return None;
    }
    let idx = s.mentions.iter().position(|m| m.tok_start == k + 2 && is_actorish(m))?;
    Some(Argument {
        sector: None,
        mentions: vec![idx],
        how: format!("the party the arms were {} to", s.word(k)),
    })
}

/// The party right after a preposition of aim that ends the passive trigger or follows it
/// ("were fired at Ukrainian cities", "was opened on protesters in Kyiv").
pub(super) fn aimed_at(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<Argument> {
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

/// The agent (`obl:agent`, "by X") and the patient (the passive subject, or the noun a
/// participle describes) of a passive verb trigger, read from the parse, and whether the verb
/// is such a participle.
pub(super) fn tree_passive(
    s: &Sentence<'_>,
    t: usize,
    t_end: usize,
) -> (Option<Argument>, Option<Argument>, bool) {
    if s.tree().is_empty() {
        return (None, None, false);
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
    // A participle with no auxiliary nor subject of its own, after the noun it describes.
    let reduced = s.tree().rel(v) == "acl"
        && s.tree().head(v).is_some_and(|h| h < v)
        && !s.tree().children(v).any(|c| {
            matches!(s.tree().rel(c), "aux" | "aux:pass" | "nsubj" | "nsubj:pass" | "cop")
        });
    let (node, path) = match s.tree().child(v, "nsubj:pass") {
        Some(node) => (Some(node), "nsubj:pass of"),
        None if reduced => (s.tree().head(v), "noun of the participle"),
        None => (None, ""),
    };
    let patient = node.and_then(|node| {
        let (idx, sector) = mention_of_node(s, node)?;
        Some(Argument {
            sector,
            mentions: coordinated(s.text, s.tokens, s.mentions, idx, false),
            how: format!("{path} `{}`", words.word(v)),
        })
    });
    (agent, patient, reduced)
}

pub(super) fn agent_after(s: &Sentence<'_>, t: usize, end: usize) -> Option<Argument> {
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

/// "Britain was appalled by the attacks", "is deeply concerned about": a participle of
/// feeling, after "be" (over adverbs), before what the feeling is about. Its subject feels it
/// (the by-phrase is its cause, not an agent); PLOVER codes the feeling as disapproval.
pub(in crate::rules) fn feeling_about(s: &Sentence<'_>, t: usize) -> bool {
    // Over adverbs ("deeply"), not nouns in -ly ("Moscow's ally concerned about").
    let mut k = t;
    while k > 0
        && s.word(k - 1).ends_with("ly")
        && s.word(k - 1).chars().all(|c| c.is_ascii_lowercase())
        && !s.is_any(k - 1, &["ally", "rally", "family"])
    {
        k -= 1;
    }
    s.is_any(t, FEELINGS)
        && k > 0
        && s.is_any(k - 1, BE)
        && !s.is_any(k - 1, &["'s", "’s"])
        && s.is_any(t + 1, &["by", "at", "over", "about"])
}

/// Whether the trigger at `t` is used as a passive verb.
pub(in crate::rules) fn is_passive(s: &Sentence<'_>, t: usize, form: Form, end: usize) -> bool {
    if form != Form::Past {
        return false;
    }
    // "Israel is opposed to the plan": an adjective of stance, its subject the one who
    // opposes.
    if s.is_any(t, &["opposed", "committed"]) && s.is(t + 1, "to") || feeling_about(s, t) {
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
        || (after_noun || t > 0 && plural_noun(s, t - 1)) && bare_passive(s, t)
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

/// Whether the word at `k` looks like a plural noun the lexicon does not know ("engineers",
/// "people"): a lower-case word in "-s" that is no verb of saying or auxiliary.
fn plural_noun(s: &Sentence<'_>, k: usize) -> bool {
    let w = s.word(k);
    s.tokens[k].word
        && w.starts_with(char::is_lowercase)
        && (w.ends_with('s') && !w.ends_with("ss")
            || s.is_any(k, &["people", "men", "women", "children"]))
        && !s.is_any(k, BE)
        && !s.is_any(k, &["has", "was", "is", "says", "its", "his", "this", "as", "us"])
}

/// "Opposition leader arrested in Moscow", "Two journalists detained in Minsk": a participle
/// of a verb that in the active takes its object, right after a noun and before a phrase of
/// place or time (or nothing), is a passive with its "be" left out, as in headlines and
/// snippets, a reduced relative, or what an act left ("left two soldiers wounded"); its noun
/// is who suffers the act, never who does it.
pub(in crate::rules) fn bare_passive(s: &Sentence<'_>, t: usize) -> bool {
    const DONE_TO: &[&str] = &[
        "arrested",
        "detained",
        "jailed",
        "imprisoned",
        "sentenced",
        "convicted",
        "killed",
        "abducted",
        "kidnapped",
        "expelled",
        "deported",
        "executed",
        "released",
        "freed",
        "injured",
        "wounded",
        "charged",
        "indicted",
        "banned",
        "summoned",
        "extradited",
        "beheaded",
        "hanged",
        "ousted",
        "evacuated",
    ];
    const PLACE_OR_TIME: &[&str] = &[
        "in",
        "at",
        "on",
        "over",
        "after",
        "near",
        "outside",
        "during",
        "for",
        "amid",
        "following",
        "across",
        "inside",
        "ahead",
        "before",
        ",",
        ".",
        ";",
        ":",
        "—",
        "-",
    ];
    // ("killed at least nine", "released on Monday 90 prisoners": the object follows.)
    let number = |k: usize| {
        s.word(k).starts_with(|c: char| c.is_ascii_digit())
            || crate::sizes::is_number_word(s.word(k))
    };
    let counted = s.is(t + 1, "at") && s.is_any(t + 2, &["least", "most"])
        || s.is(t + 1, "over") && number(t + 2)
        || s.is(t + 1, "on") && crate::dates::is_weekday(s.word(t + 2)) && number(t + 3);
    s.is_any(t, DONE_TO)
        && !counted
        && s.tokens.get(t + 1).is_none_or(|_| {
            s.is_any(t + 1, PLACE_OR_TIME) || crate::dates::is_weekday(s.word(t + 1))
        })
}

/// Whether a passive auxiliary and its participle stand in the ten words before the
/// conjunction at `and` (no sentence-internal stop between): "been blocked or harassed … and".
pub(super) fn passive_before(s: &Sentence<'_>, and: usize) -> bool {
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
pub(super) fn object_follows(s: &Sentence<'_>, k: usize) -> bool {
    s.is_any(k, DETERMINERS)
        || s.is_any(k, &["them", "him", "her", "us", "me", "dozens", "hundreds", "thousands"])
        || s.word(k).starts_with(|c: char| c.is_ascii_digit())
        || crate::sizes::is_number_word(s.word(k))
        || s.mentions.iter().any(|m| m.tok_start == k)
}
