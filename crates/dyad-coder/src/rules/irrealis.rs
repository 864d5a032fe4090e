//! Events whose words say they have not happened, or not for certain: the content of an
//! offer, proposal or demand ("rejected a US offer to host a summit": no summit was hosted),
//! and the content of an accusation ("accused the rebels of violating the ceasefire": the
//! violation is the accuser's charge).

use dyad_model::EventType;

use super::{Sentence, CALLED_OFF, CENSURE, DETERMINERS, PREPOSITIONS, THREAT_WORDS};

/// Nouns whose content is proposed or asked for, or only prepared or pretended ("a rehearsal
/// for invasion", "a pretext for war"), not done (singular forms; the plural adds an `s`).
const PROPOSAL_NOUNS: &[&str] = &[
    "offer",
    "proposal",
    "demand",
    "appeal",
    "call",
    "request",
    "bid",
    "invitation",
    "ultimatum",
    "suggestion",
    "plea",
    "initiative",
    "idea",
    "option",
    "possibility",
    "prospect",
    "prospects",
    "chance",
    "chances",
    "rehearsal",
    "pretext",
    "prelude",
];
/// Adjectives that make what they modify unreal: "a possible US-led attack".
const UNREAL_ADJECTIVES: &[&str] =
    &["possible", "potential", "proposed", "planned", "prospective", "hypothetical", "mooted"];
/// Words that charge someone with what follows them.
const ACCUSATION_WORDS: &[&str] = &[
    "accuse",
    "accuses",
    "accused",
    "accusing",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "alleged",
    "alleges",
    "alleging",
    "blame",
    "blames",
    "blamed",
    "blaming",
    "charge",
    "charges",
    "charged",
    "charging",
    "convicted",
    "convicts",
    "indicted",
    "suspected",
];
/// Words that join a charge or a proposal to its content.
const CONTENT_LINKS: &[&str] = &["of", "for", "with", "that", "to"];
/// Words before a noun that show it is one: determiners and a few adjectives of proposals.
const NOUN_MARKERS: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "their",
    "his",
    "her",
    "this",
    "that",
    "any",
    "no",
    "fresh",
    "new",
    "latest",
    "renewed",
    "formal",
    "urgent",
    "repeated",
    "consistent",
    "earlier",
    "previous",
    "our",
    "your",
    "my",
];

/// Whether the event word at `t` is what an offer, proposal or demand (as a noun) asks for,
/// or is modified by an adjective that makes it unreal.
pub(super) fn proposed(s: &Sentence<'_>, t: usize, noun: bool) -> bool {
    // "a possible attack", "a possible US-led attack on Iraq": over a hyphenated or named
    // modifier too, but not across a comma or a preposition.
    if noun
        && (t.saturating_sub(4)..t).any(|k| {
            s.is_any(k, UNREAL_ADJECTIVES)
                && (k + 1..t).all(|j| {
                    (s.tokens[j].word || s.is(j, "-")) && !s.is_any(j, super::PREPOSITIONS)
                })
        })
    {
        return true;
    }
    content_of(s, t, 8, is_proposal_noun).is_some()
}

/// "talks on releasing the hostages", "negotiations on ceding sovereignty": what talks are
/// about is not done.
pub(super) fn discussed(s: &Sentence<'_>, t: usize) -> bool {
    const TALKS: &[&str] = &[
        "talks",
        "negotiations",
        "negotiation",
        "discussions",
        "discussion",
        "dialogue",
        "consultations",
        "debate",
    ];
    t >= 2
        && s.word(t).ends_with("ing")
        && s.is_any(t - 1, &["on", "about", "over"])
        && (t.saturating_sub(7)..t - 1).any(|k| {
            s.is_any(k, TALKS)
                // "suspended the talks over shelling of the plant": why they stopped.
                && !(s.is(t - 1, "over")
                    && (k.saturating_sub(3)..k).any(|j| s.is_any(j, super::words::STOPPING))) && (k + 1..t - 1).all(|j| !s.is_any(j, &[",", ";", "but", "after"]))
        })
}

/// Verbs of warning a party ("warned Beijing against …"): what one warns against is not
/// done, and the party warned is who would do it.
pub(super) const WARNING: &[&str] = &["warn", "warns", "warned", "cautioned"];

/// Other forms of warning, which mark what follows "against" as not done.
const WARNING_FORMS: &[&str] = &["warning", "caution", "cautions"];

/// "warned Beijing against providing lethal aid", "cautioned against any attack": the act
/// warned against has not happened; nor has any act "against" which one votes, protests or
/// campaigns ("voted against sending troops").
pub(super) fn warned_against(s: &Sentence<'_>, t: usize) -> bool {
    if t > 0 && s.is(t - 1, "against") && s.word(t).ends_with("ing") {
        return true;
    }
    let Some(against) = (t.saturating_sub(4)..t).rev().find(|&k| s.is(k, "against")) else {
        return false;
    };
    let phrase = (against + 1..t).all(|j| s.tokens[j].word && !s.is_any(j, super::PREPOSITIONS));
    phrase
        && (against.saturating_sub(5)..against)
            .rev()
            .take_while(|&k| !s.is_any(k, &[",", ";", ":", "that"]))
            .any(|k| s.is_any(k, WARNING) || s.is_any(k, WARNING_FORMS))
}

/// Whether the event word at `t` is the content of an accusation: "accused X of shelling",
/// "blamed X for the bombing", "charges … that Monrovia is committing genocide", "claimed
/// that ISIL had attacked".
/// A noun event after "alleged" or "suspected" is one too ("the alleged attack").
pub(super) fn alleged(s: &Sentence<'_>, t: usize, noun: bool) -> bool {
    (noun && (t.saturating_sub(2)..t).any(|k| s.is_any(k, &["alleged", "suspected"])))
        || accusation(s, t).is_some()
}

/// Verbs of thinking an act over: a gerund after them ("is considering sending missiles") is
/// an act thought about, not done, and the thinking is no event of its own.
pub(super) const THINKING: &[&str] = &[
    "consider",
    "considers",
    "considered",
    "considering",
    "weigh",
    "weighs",
    "weighed",
    "weighing",
    "mull",
    "mulls",
    "mulled",
    "mulling",
    "contemplate",
    "contemplates",
    "contemplated",
    "contemplating",
];

/// Verbs of putting an act forward: a gerund after them ("discussed expanding trade",
/// "proposed increasing spending") is not done either, but discussing or proposing is an
/// event of its own (the two sides discussing is a consultation).
pub(super) const PROPOSING: &[&str] = &[
    "discuss",
    "discusses",
    "discussed",
    "discussing",
    "propose",
    "proposes",
    "proposed",
    "proposing",
    "suggest",
    "suggests",
    "suggested",
    "suggesting",
    "recommend",
    "recommends",
    "recommended",
    "recommending",
];

/// Whether token `k` is a verb of thinking an act over or of putting it forward.
pub(super) fn weighs_an_act(s: &Sentence<'_>, k: usize) -> bool {
    s.is_any(k, THINKING) || s.is_any(k, PROPOSING)
}

/// Verbs that refuse or dismiss an option ("out" stands for "ruled out").
const REFUSING_OPTIONS: &[&str] = &[
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
    "excluded",
    "excludes",
    "refused",
    "refuses",
    "downplayed",
];

/// Nouns of a course of action held open: "raised the possibility of banning the party".
const OPTION_NOUNS: &[&str] =
    &["option", "options", "possibility", "possibilities", "prospect", "prospects"];

/// Whether the event at `t` is an act its own actor holds open: a gerund after a verb of
/// thinking ("is considering imposing sanctions"), the content of an option or possibility
/// ("raised the possibility of banning the party", "weighing the option of expelling",
/// "floated the possibility of a ban") or an act not ruled out ("did not rule out military
/// action"). Its actor is the one who thinks, raises or keeps it.
pub(super) fn entertained(s: &Sentence<'_>, t: usize) -> bool {
    s.word(t).ends_with("ing") && t > 0 && s.is_any(t - 1, THINKING)
        || option_held(s, t).is_some()
        || not_ruled_out(s, t).is_some()
}

/// The verb "rule" of a negated or refused "rule out" whose object is the event at `t`:
/// "did not rule out military action", "has not ruled out a strike on Iranian sites",
/// "refused to rule out using nuclear weapons", "would not rule out the possibility of
/// sanctions". An act its actor will not exclude is held open as a threat (PLOVER
/// THREATEN), not an act denied. The object is the event word itself or follows over at
/// most four lower-case words ("a strike", "a new military operation", "the possibility
/// of"). The negation is the verb's own: its auxiliary's, or a refusal right before "to"
/// ("did not respond but ruled out military action" rules it out).
pub(in crate::rules) fn not_ruled_out(s: &Sentence<'_>, t: usize) -> Option<usize> {
    let out = (t.saturating_sub(5)..t).rev().find(|&k| s.is(k, "out"))?;
    let rule =
        out.checked_sub(1).filter(|&r| s.is_any(r, &["rule", "rules", "ruled", "ruling"]))?;
    let object = (out + 1..t).all(|k| {
        s.tokens[k].word
            && s.word(k).starts_with(char::is_lowercase)
            && !s.is_any(k, &["and", "or", "that", "to"])
    });
    let negated = (rule.saturating_sub(3)..rule).any(|k| {
        let own = (k + 1..rule).all(|j| !s.is_any(j, &["and", "but", "or", ",", ";"]));
        own && (s.is_any(k, &["not", "never"])
            || s.word(k).to_ascii_lowercase().ends_with("n't")
            || (s.is_any(k, REFUSING_OPTIONS) || s.is_any(k, super::REFUSING)) && s.is(k + 1, "to"))
    });
    (object && negated).then_some(rule)
}

/// The option noun whose content the event word at `t` is: "the possibility of banning the
/// party", "floated the possibility of a ban on him", "of a military strike" (two lower-case
/// words at most between "of" and the noun).
pub(super) fn option_held(s: &Sentence<'_>, t: usize) -> Option<usize> {
    let (noun, link) = content_of(s, t, 6, |s, k| s.is_any(k, OPTION_NOUNS))?;
    // "urged Russia to … or face the possibility of sanctions": who faces it suffers it;
    // "ruled out the possibility of sanctions", "rejected the option of force": no one raises
    // what is refused.
    if (noun.saturating_sub(3)..noun).any(|k| {
        s.is_any(k, &["face", "faces", "faced", "facing", "out"])
            || s.is_any(k, DENYING)
            || s.is_any(k, REFUSING_OPTIONS)
    }) {
        return None;
    }
    let gerund = s.word(t).ends_with("ing");
    let next = t <= link + 3
        && (link + 1..t).all(|k| s.tokens[k].word && s.word(k).starts_with(char::is_lowercase));
    (s.is(link, "of") && (gerund || next)).then_some(noun)
}

/// "refused to condemn Moscow's war in Ukraine": whether a refusal (`event`) refuses a
/// censure named by a "to" infinitive between tokens `from` and `to`, whose parties and
/// places are none of the refusal's.
pub(super) fn censure_refused(s: &Sentence<'_>, event: EventType, from: usize, to: usize) -> bool {
    event == EventType::Reject && (from..to).any(|k| s.is(k, "to") && s.is_any(k + 1, CENSURE))
}

/// Words of denying: what follows them is said not to have happened.
pub(super) const DENYING: &[&str] = &["deny", "denies", "denied", "denying", "denial", "denials"];

/// "Iran denied that it had supplied drones to Russia", "Pyongyang has denied sending troops":
/// what a party denies is, in the text, something that did not happen.
pub(super) fn denied(s: &Sentence<'_>, t: usize) -> bool {
    let denied_gerund = |t: usize| {
        s.word(t).ends_with("ing")
            && (t >= 1 && s.is_any(t - 1, DENYING)
                || t >= 2 && s.is_any(t - 2, DENYING) && s.is(t - 1, "having"))
    };
    // "denied sending troops to fight for Russia": the purpose of what is denied is denied
    // with it.
    let denied_purpose = t >= 2
        && s.is(t - 1, "to")
        && (t.saturating_sub(8)..t - 1).any(|g| {
            denied_gerund(g)
                && (g + 1..t - 1).all(|k| {
                    // Not past a conjunction: "denied carrying out the attack and vowed to
                    // strike again".
                    s.tokens[k].word
                        && !s.is_any(k, &["to", "and", "but", "or", "while", "then", "as"])
                })
        });
    denied_gerund(t)
        || denied_purpose
        || content_of(s, t, 12, |s, k| s.is_any(k, DENYING))
            .is_some_and(|(_, link)| s.is(link, "that"))
}

/// "dropped its plans to impose a curfew", "shelved a proposal to ban the party": an act whose
/// plan is called off will not be done.
pub(super) fn plan_dropped(s: &Sentence<'_>, t: usize) -> bool {
    const PLANS: &[&str] =
        &["plan", "plans", "proposal", "proposals", "bid", "move", "decision", "threat", "threats"];
    const DROPPED: &[&str] = &[
        "drop",
        "drops",
        "dropped",
        "dropping",
        "scrap",
        "scraps",
        "scrapped",
        "scrapping",
        "shelve",
        "shelves",
        "shelved",
        "shelving",
        "withdraw",
        "withdraws",
        "withdrew",
        "withdrawn",
        "withdrawing",
        "suspend",
        "suspends",
        "suspended",
        "suspending",
        "rescind",
        "rescinds",
        "rescinded",
        "rescinding",
        "revoke",
        "revokes",
        "revoked",
        "revoking",
        "repeal",
        "repeals",
        "repealed",
        "repealing",
        "reverse",
        "reverses",
        "reversed",
        "reversing",
        "ditch",
        "ditches",
        "ditched",
        "ditching",
        "abandoning",
    ];
    t >= 3
        && s.is(t - 1, "to")
        && s.is_any(t - 2, PLANS)
        && (1..=3).any(|back| {
            t - 2 >= back
                && (s.is_any(t - 2 - back, DROPPED) || s.is_any(t - 2 - back, CALLED_OFF))
                && (t - 1 - back..t - 2)
                    .all(|k| s.is_any(k, DETERMINERS) || s.is_any(k, &["our", "my", "your"]))
        })
}

/// Verbs that keep a text from being issued beside those of `CALLED_OFF` ("blocked",
/// "vetoed"): "withdrew", "rejected", "scrapped".
const BLOCKING: &[&str] = &[
    "withdraw",
    "withdraws",
    "withdrew",
    "withdrawn",
    "reject",
    "rejects",
    "rejected",
    "scrapped",
    "shelved",
];

/// "Hungary blocked an EU statement condemning …", "Russia vetoed a resolution urging …": what
/// a text that was blocked, vetoed or withdrawn would have said was not said.
pub(super) fn text_blocked(s: &Sentence<'_>, t: usize) -> bool {
    t >= 2
        && s.is_any(t - 1, crate::syntax::DOCUMENTS)
        && (2..=5).any(|back| {
            t > back
                && (s.is_any(t - back, BLOCKING)
                    || s.is_any(t - back, super::words::REFUSING)
                    || s.is_any(t - back, CALLED_OFF))
                && (t - back + 1..t - 1).all(|k| s.tokens[k].word && !s.is_any(k, PREPOSITIONS))
        })
}

/// The accusation whose content the event word at `t` is: the accusing word and the link
/// to its content ("accused" and "of" in "accused Peru of shelling"). What stands between
/// them is the accused.
pub(super) fn accusation(s: &Sentence<'_>, t: usize) -> Option<(usize, usize)> {
    content_of(s, t, 12, |s, k| {
        s.is_any(k, ACCUSATION_WORDS) && !(k > 0 && s.is(k - 1, "in"))
            // "claimed that ISIL had attacked Iraq": a claim is an allegation (CAMEO and
            // PETRARCH2 code the verb as a charge), not "claimed responsibility for".
            || s.is_any(k, &["claim", "claims", "claimed", "claiming"]) && s.is(k + 1, "that")
    })
}

/// Whether the charging participle at `k` follows the noun it describes as a reduced
/// relative ("firms accused of", "a man charged with", "ethnic Albanians suspected of"), not
/// a subject or an auxiliary ("Kyiv accused Moscow of", "has accused", "they accused").
pub(super) fn charged_after_noun(s: &Sentence<'_>, k: usize) -> bool {
    const PARTICIPLES: &[&str] = &["accused", "suspected", "charged", "convicted", "indicted"];
    // "ethnic Albanians suspected of links": a people's name before it too, and a name that
    // opens a headline ("Moscow accused of meddling"); not a subject in an object relative
    // ("the group Washington accused of the attack").
    let named = s.mentions.iter().any(|m| {
        m.tok_end == k
            && !matches!(m.kind, crate::mentions::Kind::Pronoun(_))
            && !m.possessive
            && (m.collective || m.tok_start == 0)
    });
    s.is_any(k, PARTICIPLES)
        && s.is_any(k + 1, &["of", "with"])
        && k > 0
        && s.tokens[k - 1].word
        && (named || s.word(k - 1).bytes().all(|b| b.is_ascii_lowercase()))
        && !s.word(k - 1).ends_with("ly")
        && !s.is_any(k - 1, NOT_NOUNS)
}

/// Words that cannot be the noun a reduced relative follows.
const NOT_NOUNS: &[&str] = &[
    "has",
    "have",
    "had",
    "having",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "who",
    "which",
    "that",
    "they",
    "it",
    "he",
    "she",
    "we",
    "i",
    "you",
    "also",
    "and",
    "or",
    "not",
    "never",
    "widely",
    "publicly",
    "repeatedly",
    "then",
    "once",
    "previously",
];

/// The word that `governs` within `reach` words before `t` and the content link ("of",
/// "for", "to", "that", …) that joins it to `t`, with no clause break between them and no
/// comma between the link and `t`.
fn content_of(
    s: &Sentence<'_>,
    t: usize,
    reach: usize,
    governs: impl Fn(&Sentence<'_>, usize) -> bool,
) -> Option<(usize, usize)> {
    let mut link = None;
    for k in (t.saturating_sub(reach)..t).rev() {
        if s.is_any(k, &[";", ":", "—", "(", ")"]) || s.is_any(k, &["and", "but", "while"]) {
            return None;
        }
        if s.is(k, ",") && link.is_none() {
            return None;
        }
        if governs(s, k) {
            return link.map(|l| (k, l));
        }
        if s.is_any(k, CONTENT_LINKS) {
            link = Some(k);
        }
    }
    None
}

/// Whether token `k` is one of the proposal nouns used as a noun: after a determiner or a
/// possessive, over at most three capitalised or listed modifiers ("a United Nations
/// appeal", "North Korea's consistent demand").
fn is_proposal_noun(s: &Sentence<'_>, k: usize) -> bool {
    let w = s.word(k).to_ascii_lowercase();
    let singular = w.strip_suffix('s').filter(|x| PROPOSAL_NOUNS.contains(x));
    if !PROPOSAL_NOUNS.contains(&w.as_str()) && singular.is_none() {
        return false;
    }
    for back in 1..=4 {
        let Some(j) = k.checked_sub(back) else { return false };
        let word = s.word(j);
        if s.is_any(j, NOUN_MARKERS) || word.ends_with("'s") || word.ends_with("’s") {
            return true;
        }
        let modifier = s.tokens[j].word
            && (word.starts_with(|c: char| c.is_ascii_uppercase()) || word.contains('-'));
        if !modifier {
            return false;
        }
    }
    false
}

/// Whether "to" at `k` follows a noun of threat and opens the infinitive of the event word
/// at `t` ("threats to use force", not "a threat to U.S. interests").
pub(super) fn threat_noun_to(s: &Sentence<'_>, k: usize, t: usize) -> bool {
    k > 0 && s.is(k, "to") && s.is_any(k - 1, &["threat", "threats"]) && t > k && t <= k + 2
}

/// Whether the noun event at `t` is what someone threatens: the object of a verb of
/// threatening ("threatened a nationwide strike"), or what someone is threatened with
/// ("threatened protesters with arrest", "threatens the firms with heavy fines"): "with" right
/// before it (over up to two modifiers) and a verb of threatening at most five words before
/// "with", no comma between.
pub(super) fn threatened_with(s: &Sentence<'_>, t: usize) -> bool {
    // "threatened a nationwide strike", "threatens fresh sanctions": the verb's object.
    let object = (t.saturating_sub(3)..t)
        .rev()
        .find(|&k| s.is_any(k, THREAT_WORDS))
        .is_some_and(|k| (k + 1..t).all(|j| s.tokens[j].word && !s.is_any(j, PREPOSITIONS)));
    if object {
        return true;
    }
    let Some(with) = (t.saturating_sub(3)..t).rev().find(|&k| s.is(k, "with")) else {
        return false;
    };
    (with + 1..t).all(|k| s.tokens[k].word && !s.is_any(k, PREPOSITIONS))
        && (with.saturating_sub(5)..with)
            .any(|k| s.is_any(k, THREAT_WORDS) && !(k + 1..with).any(|j| s.is_any(j, &[",", ";"])))
}

/// "exercises simulating strikes on North Korean missile sites", "drills rehearsing a
/// counterattack": what drills simulate or rehearse does not happen.
pub(super) fn simulated(s: &Sentence<'_>, t: usize) -> bool {
    const SIMULATING: &[&str] = &[
        "simulating",
        "simulated",
        "simulate",
        "simulates",
        "simulation",
        "rehearsing",
        "rehearse",
        "rehearsed",
        "practising",
        "practicing",
        "mock",
    ];
    (t.saturating_sub(4)..t).any(|k| s.is_any(k, SIMULATING))
}
