//! Clauses: a sentence split by punctuation, subordinators and verbs of saying, and the
//! word-order helpers around mentions — the speaker of a speech verb, the preposition
//! governing a mention, coordinated mentions.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClauseKind {
    Main,
    /// Introduced by a subordinator; holds its token index.
    Sub(usize),
    /// The complement of a verb of saying; holds the speech verb's token index.
    Complement(usize),
    Relative,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Clause {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: ClauseKind,
}

/// Splits a sentence into clauses by punctuation, subordinators and verbs of saying.
pub(super) fn clauses(text: &str, tokens: &[Token], mentions: &[Mention]) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut kind = ClauseKind::Main;
    let mut k = 0;
    let mut sub_open = false;
    while k < tokens.len() {
        let t = &tokens[k];
        let at_clause_start = k == start || (k > 0 && is(text, &tokens[k - 1], ","));
        if is_any(text, t, &[";", ":"]) {
            out.push(Clause { start, end: k, kind });
            start = k + 1;
            kind = ClauseKind::Main;
            sub_open = false;
        } else if at_clause_start && is_any(text, t, SUBORDINATORS) && !is_any(text, t, &["as"])
            || (at_clause_start && is(text, t, "as") && k == 0)
            // (Not inside reported speech, whose modality its inner clauses keep.)
            || (!at_clause_start
                && !matches!(kind, ClauseKind::Complement(_))
                && opens_inner_clause(text, tokens, k))
        {
            if k > start {
                out.push(Clause { start, end: k, kind });
            }
            // Inside a clause the subordinator is left out of the new one, so that its subject
            // does not read as the object of a preposition.
            start = if at_clause_start { k } else { k + 1 };
            kind = ClauseKind::Sub(k);
            sub_open = true;
        } else if k > 0
            && is(text, &tokens[k - 1], ",")
            && is_any(text, t, &["which", "who", "whom", "whose", "where"])
        {
            out.push(Clause { start, end: k, kind });
            start = k;
            kind = ClauseKind::Relative;
            sub_open = true;
        } else if is(text, t, ",") && sub_open {
            out.push(Clause { start, end: k, kind });
            start = k + 1;
            kind = ClauseKind::Main;
            sub_open = false;
        } else if (speech_verb(text, tokens, k)
            // "claimed responsibility for …", "claimed the attack" say nothing: they own an act.
            && !tokens.get(k + 1).is_some_and(|n| is_any(text, n, RESPONSIBILITY))
            && !claims_act(text, tokens, k)
            || is_any(text, t, SPEECH_THAT)
                && tokens.get(after_day(text, tokens, k + 1)).is_some_and(|n| is(text, n, "that"))
            || opens_promise(text, tokens, k))
            && speech_subject(text, tokens, mentions, k).is_some()
        {
            // "X said (that) …": the rest is the complement. A day may come between the verb
            // and its complement ("said on Sunday that", "announced Thursday it would").
            let next = after_day(text, tokens, k + 1);
            let body =
                if tokens.get(next).is_some_and(|n| is(text, n, "that")) { next + 1 } else { next };
            let followed =
                tokens.get(body).is_some_and(|n| n.word || is_any(text, n, &["“", "\""]));
            if followed
                && !tokens
                    .get(next)
                    .is_some_and(|n| is_any(text, n, &[",", ".", "on", "in", "by", "at", "to"]))
                || tokens.get(next).is_some_and(|n| is(text, n, "that"))
            {
                out.push(Clause { start, end: k + 1, kind });
                start = body;
                kind = ClauseKind::Complement(k);
                sub_open = false;
                k = body;
                continue;
            }
        }
        k += 1;
    }
    if start < tokens.len() {
        out.push(Clause { start, end: tokens.len(), kind });
    }
    out
}

/// Finite verbs of promising whose clause says what is promised ("pledged that it would
/// withdraw", "vowed they will retaliate").
pub(super) const PROMISING: &[&str] = &[
    "agreed",
    "agrees",
    "promised",
    "promises",
    "pledged",
    "pledges",
    "vowed",
    "vows",
    "swore",
    "swears",
    "guaranteed",
    "guarantees",
];

/// Whether token `k` is a verb of saying: a word of [`SPEECH`] that is not capitalised inside
/// the sentence ("the European Union and the United States imposed sanctions" has no
/// "states" that reports).
pub(super) fn speech_verb(text: &str, tokens: &[Token], k: usize) -> bool {
    let Some(t) = tokens.get(k) else { return false };
    if !is_any(text, t, SPEECH) {
        return false;
    }
    // The sentence's first word is capitalised anyway ("“Reports say …"); so is every word of
    // a headline in title case ("Putin Says Russia Will Respond").
    !crate::mentions::is_capitalized(text, t)
        || tokens[..k].iter().all(|p| !p.word)
        || crate::mentions::is_title_case(text, tokens)
}

/// "The Islamic State group claimed the attack": a claim whose object is a violent act owns
/// it, as "claimed responsibility for the attack" does; not "claimed the attack was staged",
/// where the act opens what is claimed.
pub(super) fn claims_act(text: &str, tokens: &[Token], k: usize) -> bool {
    if !tokens.get(k).is_some_and(|t| is_any(text, t, CLAIM)) {
        return false;
    }
    // Over an article and up to two modifiers ("the deadly suicide bombing").
    let act = (k + 1..tokens.len().min(k + 5))
        .take_while(|&j| tokens[j].word && !is_any(text, &tokens[j], &["that", "to", "it"]))
        .find(|&j| is_any(text, &tokens[j], CLAIMED_ACTS));
    let Some(act) = act else { return false };
    // A verb right after the act ("was staged", "had been", "killed dozens") makes it the
    // subject of the clause claimed.
    tokens.get(act + 1).is_none_or(|n| {
        let w = &text[n.start..n.end];
        !(is_any(text, n, CLAUSE_AUXILIARIES) || n.word && w.ends_with("ed"))
    })
}

/// Whether the verb of promising at `k` opens a clause of what is promised: "that", or a
/// subject pronoun and a future auxiliary ("promised he would lift the curfew").
pub(super) fn opens_promise(text: &str, tokens: &[Token], k: usize) -> bool {
    let next = after_day(text, tokens, k + 1);
    is_any(text, &tokens[k], PROMISING)
        && tokens.get(next).is_some_and(|n| {
            is(text, n, "that")
                || is_any(text, n, SUBJECT_PRONOUNS)
                    && tokens.get(next + 1).is_some_and(|a| is_any(text, a, FUTURE_AUXILIARIES))
        })
}

/// Common irregular past forms (finite verbs that do not end in "-ed").
const IRREGULAR_PAST: &[&str] = &[
    "said", "took", "began", "fell", "won", "froze", "met", "held", "sent", "shot", "fled",
    "struck", "made", "gave", "broke", "spoke", "stole", "wrote", "drove", "chose", "came", "went",
    "led", "told", "sold", "kept", "lost", "paid", "ran", "stood", "became", "overran", "swept",
    "withdrew", "blew", "threw", "drew", "flew", "grew", "knew", "got",
];

/// "clashed with police after the government suspended the talks": a subordinator inside a
/// clause opens one of its own when a subject and a finite verb follow it ("after the
/// vote", "since 2014" are prepositional phrases).
fn opens_inner_clause(text: &str, tokens: &[Token], k: usize) -> bool {
    if !is_any(text, &tokens[k], &["after", "before", "since", "until", "because", "although"]) {
        return false;
    }
    // A finite verb: lower case, not right after a determiner ("after a failed coup", "since
    // the disputed election" are noun phrases).
    let finite = |j: usize| {
        let w = text[tokens[j].start..tokens[j].end].to_ascii_lowercase();
        text[tokens[j].start..].starts_with(char::is_lowercase)
            && !is_any(text, &tokens[j - 1], DETERMINERS)
            && (w.len() > 3 && (w.ends_with("ed") || w.ends_with("ought"))
                || IRREGULAR_PAST.contains(&w.as_str())
                || CLAUSE_AUXILIARIES.contains(&w.as_str()))
    };
    for (j, t) in tokens.iter().enumerate().skip(k + 1).take(6) {
        if !t.word {
            return false;
        }
        if j > k + 1 && finite(j) {
            return true;
        }
    }
    false
}

/// The mention that says something with the speech verb at `k`: the nearest actor mention
/// before it (skipping adverbs and auxiliaries), or, for "…, officials said", after it.
pub(super) fn speech_subject<'m>(
    text: &str,
    tokens: &[Token],
    mentions: &'m [Mention],
    k: usize,
) -> Option<&'m Mention> {
    let before = party_before(text, tokens, mentions, k, 3);
    // "issued a statement saying …": the one who issued the statement says it.
    let through_statement = || {
        let noun = k.checked_sub(1).filter(|&n| {
            is_any(text, &tokens[k], &["saying", "stating"])
                && is_any(text, &tokens[n], STATEMENT_NOUNS)
        })?;
        party_before(text, tokens, mentions, noun, 4)
    };
    // "Chile condemned the raid and said …": a speech verb joined to the sentence's first
    // verb has its subject, the party the sentence opens with.
    let coordinated = || {
        k.checked_sub(1).filter(|&c| is_any(text, &tokens[c], &["and", "but"]))?;
        mentions.iter().find(|m| {
            m.tok_start <= 3
                && m.tok_end < k
                && matches!(m.kind, Kind::Actor | Kind::SectorOnly)
                && (0..m.tok_start).all(|i| tokens[i].word)
        })
    };
    // "…, said the ministry": only after a comma or a quotation, not "said Russia could".
    let after_ok = k > 0 && is_any(text, &tokens[k - 1], &[",", "”", "\"", "'"]);
    before.or_else(through_statement).or_else(coordinated).or_else(|| {
        mentions.iter().find(|m| {
            after_ok && m.tok_start == k + 1 && matches!(m.kind, Kind::Actor | Kind::SectorOnly)
        })
    })
}

/// The nearest actor, sector or pronoun mention that ends at most `reach` words before token
/// `k`, with only words between and no preposition. A parenthesis or an apposition right
/// before `k` is skipped: "the National Union of Teachers (NUT) said", "the union, the
/// largest in the country, said".
fn party_before<'m>(
    text: &str,
    tokens: &[Token],
    mentions: &'m [Mention],
    k: usize,
    reach: usize,
) -> Option<&'m Mention> {
    let k = parenthesis_start(text, tokens, k).unwrap_or(k);
    let k = apposition_start(text, tokens, k).unwrap_or(k);
    let k = parenthesis_start(text, tokens, k).unwrap_or(k);
    mentions
        .iter()
        .filter(|m| {
            m.tok_end <= k
                && k - m.tok_end <= reach
                && matches!(m.kind, Kind::Actor | Kind::SectorOnly | Kind::Pronoun(_))
        })
        .rfind(|m| {
            (m.tok_end..k).all(|i| tokens[i].word && !is_any(text, &tokens[i], PREPOSITIONS))
        })
}

/// The comma that opens an apposition or a relative clause ending with a comma right before
/// token `k`: "the union, the largest in the country, said", "Iran, which denies it, said".
fn apposition_start(text: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let close = k.checked_sub(1).filter(|&c| is(text, &tokens[c], ","))?;
    let open = (close.saturating_sub(14)..close).rev().find(|&o| !tokens[o].word)?;
    (is(text, &tokens[open], ",")
        && is_any(text, &tokens[open + 1], &["the", "a", "an", "which", "who", "whose"]))
    .then_some(open)
}

/// The opening bracket of a short parenthesis that ends right before token `k`.
fn parenthesis_start(text: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let close = k.checked_sub(1).filter(|&c| is(text, &tokens[c], ")"))?;
    (close.saturating_sub(8)..close).rev().find(|&o| is(text, &tokens[o], "("))
}

/// Whether the word at `k` ("around", "about") makes a number approximate ("around 200
/// employees", "about a dozen migrants") rather than opening a place phrase.
pub(super) fn approximate(text: &str, tokens: &[Token], k: usize) -> bool {
    let number = |j: usize| {
        tokens.get(j).is_some_and(|t| {
            text[t.start..t.end].starts_with(|c: char| c.is_ascii_digit())
                || is_any(text, t, &["dozen", "dozens", "hundred", "hundreds", "thousand", "half"])
        })
    };
    tokens.get(k).is_some_and(|t| is_any(text, t, &["around", "about"]))
        && (number(k + 1)
            || tokens.get(k + 1).is_some_and(|t| is_any(text, t, &["a", "an"])) && number(k + 2))
}

/// The preposition governing a mention, skipping determiners and adjectives.
pub(super) fn preposition_before<'t>(
    text: &'t str,
    tokens: &[Token],
    start: usize,
    limit: usize,
) -> Option<&'t str> {
    let mut k = start;
    let mut hops = 0;
    while k > limit && hops < 4 {
        k -= 1;
        hops += 1;
        let t = &tokens[k];
        let word = &text[t.start..t.end];
        // "thousands of Georgians", "a group of protesters": the quantity is transparent.
        if is(text, t, "of")
            && k > 0
            && is_any(
                text,
                &tokens[k - 1],
                &[
                    "thousands",
                    "hundreds",
                    "dozens",
                    "millions",
                    "tens",
                    "group",
                    "groups",
                    "crowd",
                    "crowds",
                    "number",
                    "members",
                    "many",
                    "some",
                    "most",
                    "all",
                    "scores",
                ],
            )
        {
            return None;
        }
        // "around 200 employees": an approximator is no preposition.
        if approximate(text, tokens, k) {
            continue;
        }
        if is_any(text, t, PREPOSITIONS) {
            return Some(word);
        }
        if !t.word
            || !(is_any(text, t, DETERMINERS)
                || word.chars().all(|c| c.is_lowercase() || c == '-')
                    && hops <= 2
                    && !is_any(text, t, SPEECH))
        {
            return None;
        }
        if is_any(text, t, DETERMINERS) {
            continue;
        }
        // An adjective: keep looking, but only one.
        if hops > 1 {
            return None;
        }
    }
    None
}

pub(super) fn is_actorish(m: &Mention) -> bool {
    matches!(m.kind, Kind::Actor) || matches!(m.kind, Kind::Pronoun(_)) && !m.possessive
}

/// Extends the mention at `idx` into its coordination: "the USA, Japan, and South Korea".
pub(super) fn coordinated(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    idx: usize,
    leftward: bool,
) -> Vec<usize> {
    let mut group = vec![idx];
    let joins = |a: usize, b: usize| -> bool {
        // Tokens between a.end and b.start are all joiners.
        (a..b).all(|k| {
            is_any(text, &tokens[k], &[",", "and", "&", "as", "well", "both", "the", "or"])
        }) && (a..b).any(|k| is_any(text, &tokens[k], &[",", "and", "&"]))
    };
    let mut cur = idx;
    loop {
        let next = if leftward {
            (0..cur).rev().find(|&j| {
                is_actorish(&mentions[j]) && mentions[j].tok_end <= mentions[cur].tok_start
            })
        } else {
            (cur + 1..mentions.len()).find(|&j| {
                is_actorish(&mentions[j]) && mentions[j].tok_start >= mentions[cur].tok_end
            })
        };
        let Some(j) = next else { break };
        let ok = if leftward {
            joins(mentions[j].tok_end, mentions[cur].tok_start)
        } else {
            joins(mentions[cur].tok_end, mentions[j].tok_start)
        };
        if !ok || mentions[j].possessive {
            break;
        }
        group.push(j);
        cur = j;
    }
    // A list needs a conjunction somewhere ("A, B and C"); a bare comma separates
    // clauses and appositions, not coordinated actors.
    if group.len() > 1 {
        let (lo, hi) = group.iter().fold((usize::MAX, 0), |(lo, hi), &g| {
            (lo.min(mentions[g].tok_start), hi.max(mentions[g].tok_end))
        });
        if !(lo..hi).any(|k| is_any(text, &tokens[k], &["and", "&", "or"])) {
            group.truncate(1);
        }
    }
    if leftward {
        group.reverse();
    }
    group
}
