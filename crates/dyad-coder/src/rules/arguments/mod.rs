//! Arguments: who acts and who is acted on, read from the dependency parse first and from
//! word order where the parse names no party. By voice: `active` (subjects and controllers),
//! `objects` (objects and recipients after the verb), `passive`, `nouns` (nominal events and
//! light verbs); `nodes` maps parse nodes to the mentions they stand for.

mod active;
mod nodes;
mod nouns;
mod objects;
mod passive;

use super::*;
use active::*;
use nodes::*;
use nouns::*;
use objects::*;
use passive::*;

pub(super) use active::subject_of_kind;
pub(super) use objects::destination;
pub(super) use passive::{bare_passive, feeling_about, given_to, is_passive};

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
    // "A ceasefire between Israel and Hamas took effect": the truce's parties observe it.
    let truce = super::screen::takes_effect(trigger)
        .then(|| super::screen::truce_taking_effect(s, cand))
        .flatten();
    let (actor, recipient, voice) = match (trigger.pos, truce) {
        (_, Some(k)) => {
            let noun = Candidate { tok_start: k, tok_end: k + 1, ..*cand };
            noun_args(s, &noun, clause, trigger.event)
        }
        (Pos::Verb, None) if passive => passive_args(trigger, s, cand, clause),
        (Pos::Verb, None) => active_args(triggers, s, candidates, cand, clause),
        (Pos::Noun, None) if trigger.judgement => {
            (None, judged(s, cand.tok_start, cand.tok_end, clause), "judgement")
        }
        // "the Minsk agreements", "the Geneva talks": a capital before a noun of meeting or
        // agreeing names the venue, not a party ("Ankara's backing", "Moscow strikes" do).
        (Pos::Noun, None) => noun_args(s, cand, clause, trigger.event),
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
        // "vetoed a Security Council resolution condemning Syria": what is rejected is the
        // text, so its body is the recipient, not the party the text condemns (PLOVER gold).
        Some(r) if trigger.event == EventType::Reject => Some(text_body(s, cand, r)),
        None if trigger.event == EventType::Protest => purpose_party(s, cand),
        // "invested $2 billion in Kenya", "China's investment in Serbia": what is invested in
        // is the partner, not the place.
        None if trigger.in_partner => invested_in(s, cand, clause),
        r => r,
    };
    (actor, recipient, voice)
}

/// The recipient of a rejection, `r`, unless it is what a rejected text after the trigger
/// condemns or targets ("voted against a resolution censuring Iran"): then the body the text
/// is named for ("a Security Council resolution", "a UN draft"), if any.
fn text_body(s: &Sentence<'_>, cand: &Candidate, r: Argument) -> Argument {
    const AIMING: &[&str] = &[
        "condemning",
        "censuring",
        "criticising",
        "criticizing",
        "denouncing",
        "targeting",
        "sanctioning",
        "against",
        "on",
        "demanding",
        "urging",
        "calling",
    ];
    let Some(first) = r.mentions.iter().map(|&i| s.mentions[i].tok_start).min() else {
        return r;
    };
    let Some(doc) = (cand.tok_end..first).find(|&k| s.is_any(k, crate::syntax::DOCUMENTS)) else {
        return r;
    };
    // The text's aim right after it ("a resolution condemning Russia", "a draft on Syria"),
    // not a day ("rejected the resolution on Wednesday").
    let aim = doc + 1;
    if aim >= first || !s.is_any(aim, AIMING) || s.is_any(aim + 1, DAY_WORDS) {
        return r;
    }
    let body = s
        .mentions
        .iter()
        .position(|m| m.tok_start >= cand.tok_end && m.tok_end <= doc && is_actorish(m));
    Argument {
        sector: None,
        mentions: body.into_iter().collect(),
        how: format!("{} (the body of the rejected `{}`)", r.how, s.word(doc)),
    }
}

/// The party after "in" within eight words after the trigger at `cand`, in its clause, with
/// no verb of another clause between.
fn invested_in(s: &Sentence<'_>, cand: &Candidate, clause: Clause) -> Option<Argument> {
    let end = clause.end.min(cand.tok_end + 8);
    // "in Kenya", and a country adjective on what is invested in ("in Indonesian nickel
    // smelters").
    let (idx, _) = s.mentions.iter().enumerate().find(|(_, m)| {
        m.tok_start > cand.tok_end
            && m.tok_start < end
            && (m.kind == Kind::Actor || m.kind == Kind::Modifier)
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
    same_clause(s, idx, group)
}

/// The members of a word-order list (`coordinated`) that the parse puts in the clause of the
/// mention at `idx`: in "Russia attacked Ukraine and Japan condemned it" Japan is the subject
/// of a clause of its own, not a second party attacked.
fn same_clause(s: &Sentence<'_>, idx: usize, mut group: Vec<usize>) -> Vec<usize> {
    if s.tree().is_empty() || group.len() < 2 {
        return group;
    }
    let clause = |i: usize| {
        let m = &s.mentions[i];
        clause_of(s.tree(), s.tree().phrase_head(m.tok_start, m.tok_end))
    };
    let Some(own) = clause(idx) else { return group };
    group.retain(|&i| clause(i).is_none_or(|c| c == own));
    group
}

/// The word whose clause a nominal at `k` belongs to: the head of the first word at or above
/// it that is a subject, object or oblique; `None` for a nominal that is none of these.
fn clause_of(tree: &Tree, k: usize) -> Option<usize> {
    let mut x = k;
    for _ in 0..32 {
        let rel = tree.rel(x);
        if ["nsubj", "obj", "iobj", "obl", "csubj", "expl"].iter().any(|r| {
            rel.strip_prefix(r).is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
        }) {
            return tree.head(x);
        }
        x = tree.head(x)?;
    }
    None
}
