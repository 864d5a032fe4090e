//! Who says so: the speaker an event is attributed to ("said", "according to", a complement
//! of a verb of saying, a speaker after the quote), the zone of text a speaker covers, the
//! hedge, and the sources cited.

use super::*;

/// Marks the tokens of attribution phrases.
pub(super) fn attribution_zone(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut zone = vec![false; tokens.len()];
    for k in 0..tokens.len() {
        let according = is(text, &tokens[k], "according")
            && tokens.get(k + 1).is_some_and(|t| is(text, t, "to"));
        if !according && !is(text, &tokens[k], "citing") {
            continue;
        }
        let start = k;
        let mut end = start + 1;
        while end < tokens.len() && !is_any(text, &tokens[end], &[",", ";", ".", "that"]) {
            end += 1;
        }
        // "According to reports the UK is pushing …": with no comma soon, the source is the
        // phrase right after "according to" (or "citing"), not the rest of the sentence.
        if end - start > 8 {
            let phrase = start + if according { 2 } else { 1 };
            end = (phrase + 1..end)
                .find(|&e| {
                    let w = &text[tokens[e].start..tokens[e].end];
                    tokens[e].word && w.starts_with(|c: char| c.is_uppercase())
                        || is_any(text, &tokens[e], &["is", "are", "was", "were", "has", "have"])
                })
                .unwrap_or(end)
                .min(phrase + 4);
        }
        for flag in &mut zone[start..end] {
            *flag = true;
        }
    }
    if let Some((from, to)) = final_speaker_span(text, tokens) {
        for flag in &mut zone[from..to] {
            *flag = true;
        }
    }
    zone
}

/// The tokens naming the speaker of a sentence-final ", Seoul's military said (on Thursday)."
/// or ", said the ministry.": a party there is the source, never a party of the event.
pub(super) fn final_speaker_span(text: &str, tokens: &[Token]) -> Option<(usize, usize)> {
    let at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|t| is_any(text, t, words));
    // The end of the sentence, before its final punctuation and closing quotes.
    let mut end = tokens.len();
    while end > 0 && !tokens[end - 1].word {
        end -= 1;
    }
    let comma = (end.saturating_sub(12)..end).rev().find(|&k| at(k, &[",", "”", "\""]))?;
    // "…, a UN panel found.": verbs of finding report, too, when they close the sentence.
    // A verb, not a name: "criticized the United States." has no speaker "States".
    let verb = (comma + 1..end).find(|&k| {
        (at(k, SPEECH) || at(k, FINDING)) && !crate::mentions::is_capitalized(text, &tokens[k])
    })?;
    // What follows the verb is a time ("on Thursday", "last week") or the speaker itself.
    if verb == comma + 1 {
        // ", said the ministry.": only "said"/"says" with a short speaker after it (",
        // saying it was withholding aid" is the actor's own words).
        let inverted = at(verb, &["said", "says"]) && verb + 1 < end && end - verb <= 7;
        return inverted.then_some((verb + 1, end));
    }
    let tail_ok = (verb + 1..end).all(|k| {
        at(k, DAY_WORDS) || at(k, &["on", "in", "last", "this", "week", "month", "late", "early"])
    });
    tail_ok.then_some((comma + 1, verb))
}

pub(super) fn hedge(s: &Sentence<'_>) -> Option<String> {
    for k in 0..s.tokens.len() {
        let t = &s.tokens[k];
        if !t.word
            || !s.is_any(k, &["it", "is", "are", "was"])
                && !s.text[t.start..t.end].ends_with("ly")
                && !s.is_any(k, &["unconfirmed"])
        {
            continue;
        }
        for h in HEDGES {
            if h.iter().enumerate().all(|(n, w)| s.is(k + n, w)) {
                let end = k + h.len() - 1;
                return Some(s.text[s.tokens[k].start..s.tokens[end].end].to_string());
            }
        }
    }
    None
}

/// Who the event `t` of `clause` is attributed to: "according to X", the speaker of the
/// complement the event sits in, "…, officials said", or "citing X".
pub(super) fn attribution(
    s: &Sentence<'_>,
    clause: Clause,
    t: usize,
    discourse: &Discourse,
) -> Option<Attribution> {
    according_to(s)
        .or_else(|| complement_speaker(s, clause, discourse))
        .or_else(|| postposed_speaker(s, t))
        .or_else(|| citing(s))
}

/// "According to X[, citing Y]," anywhere in the sentence.
pub(super) fn according_to(s: &Sentence<'_>) -> Option<Attribution> {
    for k in 0..s.tokens.len() {
        if s.is(k, "according") && s.is(k + 1, "to") {
            let start = k + 2;
            let mut end = start;
            while end < s.tokens.len() && !s.is_any(end, &[";", "."]) {
                if s.is(end, ",") && !s.is(end + 1, "citing") {
                    break;
                }
                end += 1;
            }
            if end > start {
                let text = s.text[s.tokens[start].start..s.tokens[end - 1].end].to_string();
                let source = s
                    .mentions
                    .iter()
                    .find(|m| m.tok_start >= start && m.tok_start < end && m.kind == Kind::Actor)
                    .map(|m| m.entity.clone());
                return Some(Attribution { text, source });
            }
        }
    }
    None
}

/// The speaker of the complement the event sits in.
pub(super) fn complement_speaker(
    s: &Sentence<'_>,
    clause: Clause,
    discourse: &Discourse,
) -> Option<Attribution> {
    if let ClauseKind::Complement(verb) = clause.kind {
        if let Some(m) = speech_subject(s.text, s.tokens, s.mentions, verb) {
            let start = m.tok_start.min(verb);
            let end = m.tok_end.max(verb + 1);
            let text = s.text[s.tokens[start].start..s.tokens[end - 1].end].to_string();
            let mut source = entity_of(m, discourse, s, start).into_iter().next();
            // "the Senegalese government said": the country before the sector noun.
            if let Some(e) = source.as_mut().filter(|e| e.country.is_empty()) {
                if let Some(country) = s.mentions.iter().find(|c| {
                    c.tok_end == m.tok_start
                        && c.kind == Kind::Actor
                        && !c.entity.country.is_empty()
                }) {
                    let sector = std::mem::take(&mut e.sector);
                    *e = country.entity.clone();
                    if e.sector.is_empty() {
                        e.sector = sector;
                    }
                    let start = country.tok_start.min(verb);
                    let text = s.text[s.tokens[start].start..s.tokens[end - 1].end].to_string();
                    return Some(Attribution { text, source });
                }
            }
            let source = source.filter(|e| !e.country.is_empty());
            return Some(Attribution { text, source });
        }
    }
    None
}

/// "…, officials said.": a speaker after the event, from token `t` on.
pub(super) fn postposed_speaker(s: &Sentence<'_>, t: usize) -> Option<Attribution> {
    for k in t..s.tokens.len() {
        if s.is(k, ",") {
            if let Some((m, verb)) = speaker_after_comma(s, k) {
                let text = s.text[s.tokens[m.tok_start].start..s.tokens[verb].end].to_string();
                let source = Some(m.entity.clone()).filter(|e| !e.country.is_empty());
                return Some(Attribution { text, source });
            }
            if s.is_speech_verb(k + 1) {
                if let Some(m) = s.mentions.iter().find(|m| m.tok_start == k + 2) {
                    let text =
                        s.text[s.tokens[k + 1].start..s.tokens[m.tok_end - 1].end].to_string();
                    return Some(Attribution {
                        text,
                        source: Some(m.entity.clone()).filter(|e| !e.country.is_empty()),
                    });
                }
            }
        }
    }
    None
}

/// The party that speaks right after the comma at `k`: "…, officials said", "…, the South
/// Korean military said", "…, a UN panel found." (a verb of finding only at the sentence's
/// end).
/// Gives the mention and the token of its verb.
pub(super) fn speaker_after_comma<'s>(
    s: &'s Sentence<'_>,
    k: usize,
) -> Option<(&'s Mention, usize)> {
    let first = if s.is_any(k + 1, &["the", "a", "an"]) { k + 2 } else { k + 1 };
    let speaks = |v: &usize| {
        s.is_speech_verb(*v)
            || s.is_any(*v, FINDING) && (v + 1..s.tokens.len()).all(|j| !s.tokens[j].word)
    };
    // The party's head may follow the name: "a UN panel said", "the IAEA's chief said".
    s.mentions.iter().filter(|m| m.tok_start == first).find_map(|m| {
        let verb = (m.tok_end..m.tok_end + 3)
            .take_while(|&j| j < s.tokens.len() && s.tokens[j].word)
            .find(speaks)?;
        Some((m, verb))
    })
}

/// "citing X" alone.
pub(super) fn citing(s: &Sentence<'_>) -> Option<Attribution> {
    for k in 0..s.tokens.len() {
        if s.is(k, "citing") {
            let end = (k + 1..s.tokens.len())
                .find(|&e| s.is_any(e, &[",", ".", ";"]))
                .unwrap_or(s.tokens.len());
            if end > k + 1 {
                let text = s.text[s.tokens[k + 1].start..s.tokens[end - 1].end].to_string();
                let source = s
                    .mentions
                    .iter()
                    .find(|m| m.tok_start > k && m.tok_start < end && m.kind == Kind::Actor)
                    .map(|m| m.entity.clone());
                return Some(Attribution { text, source });
            }
        }
    }
    None
}
