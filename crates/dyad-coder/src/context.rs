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
    ("humanitarian", &["humanitarian"]),
    ("health", &["health", "pandemic", "epidemic", "vaccine", "vaccines", "disease"]),
    ("natural_resource", &["oil", "gas", "minerals", "mining", "uranium"]),
];

/// Contexts for a sentence: the trigger's own first, then keyword contexts, no repeats.
pub fn contexts(text: &str, tokens: &[Token], trigger_context: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if !trigger_context.is_empty() {
        out.push(trigger_context.to_string());
    }
    for (context, words) in KEYWORDS {
        if out.iter().any(|c| c == context) {
            continue;
        }
        let hit = tokens.iter().any(|t| {
            let w = &text[t.start..t.end];
            words.iter().any(|k| !k.contains(' ') && w.eq_ignore_ascii_case(k))
        }) || words.iter().any(|k| {
            k.contains(' ')
                && contains_ignore_case(
                    &text
                        [tokens.first().map_or(0, |t| t.start)..tokens.last().map_or(0, |t| t.end)],
                    k,
                )
        });
        if hit {
            out.push((*context).to_string());
        }
    }
    out
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}
