//! PLOVER contexts from the words of a sentence: a short keyword list per context.

use crate::tokens::Token;

const KEYWORDS: &[(&str, &[&str])] = &[
    (
        "military",
        &[
            "military",
            "troops",
            "soldiers",
            "weapons",
            "arms",
            "missile",
            "missiles",
            "shells",
            "ammunition",
            "artillery",
            "army",
            "defence",
            "defense",
            "war",
            "forces",
            "drills",
            "warplanes",
            "munitions",
            "battlefield",
            "front",
        ],
    ),
    (
        "economic",
        &[
            "economic",
            "economy",
            "trade",
            "tariffs",
            "investment",
            "cash",
            "oil",
            "gas",
            "finance",
            "financial",
            "loan",
            "loans",
            "exports",
            "imports",
        ],
    ),
    (
        "diplomatic",
        &[
            "diplomatic",
            "diplomacy",
            "ambassador",
            "embassy",
            "envoy",
            "summit",
            "treaty",
            "relations",
            "talks",
            "negotiations",
        ],
    ),
    ("cbrn", &["nuclear", "chemical", "biological", "radiological", "uranium", "plutonium"]),
    ("terrorism", &["terrorist", "terrorists", "terrorism", "terror"]),
    ("cyber", &["cyber", "cyberattack", "hackers", "hacking", "hacked"]),
    (
        "legal",
        &[
            "court",
            "courts",
            "legal",
            "law",
            "lawsuit",
            "trial",
            "judge",
            "prosecutors",
            "indicted",
        ],
    ),
    ("migration", &["refugees", "migrants", "migration", "asylum"]),
    ("election", &["election", "elections", "vote", "ballot", "campaign"]),
    ("human_rights", &["human rights"]),
    ("health", &["health", "pandemic", "epidemic", "vaccine", "vaccines", "disease"]),
    ("natural_resource", &["oil", "gas", "minerals", "mining", "uranium"]),
];

/// The keyword contexts of a sentence, in table order (computed once per sentence).
pub fn sentence_contexts(text: &str, tokens: &[Token]) -> Vec<&'static str> {
    let span = &text[tokens.first().map_or(0, |t| t.start)..tokens.last().map_or(0, |t| t.end)];
    let mut out = Vec::new();
    for (context, words) in KEYWORDS {
        let hit = words.iter().any(|k| {
            if k.contains(' ') {
                contains_ignore_case(span, k)
            } else {
                tokens.iter().any(|t| {
                    t.end - t.start == k.len() && text[t.start..t.end].eq_ignore_ascii_case(k)
                })
            }
        });
        if hit {
            out.push(*context);
        }
    }
    out
}

/// Contexts for one event: the trigger's own first, then the sentence's, no repeats.
pub fn contexts(sentence: &[&'static str], trigger_context: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if !trigger_context.is_empty() {
        out.push(trigger_context.to_string());
    }
    for context in sentence {
        if !out.iter().any(|c| c == context) {
            out.push((*context).to_string());
        }
    }
    out
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}
