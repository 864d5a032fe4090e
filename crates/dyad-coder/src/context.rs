//! PLOVER contexts from the words of a sentence: a short keyword list per context.

use std::sync::OnceLock;

use crate::tokens::{is_any, Token};

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

use dyad_lexicon::fasthash::FnvMap;

fn keyword_index() -> &'static FnvMap<&'static str, u32> {
    static INDEX: OnceLock<FnvMap<&'static str, u32>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: FnvMap<&'static str, u32> = FnvMap::default();
        for (bit, (_, words)) in KEYWORDS.iter().enumerate() {
            for word in words.iter().filter(|w| !w.contains(' ')) {
                *index.entry(word).or_default() |= 1 << bit;
            }
        }
        index
    })
}

/// The keyword contexts of a sentence, in table order (computed once per sentence).
pub fn sentence_contexts(text: &str, tokens: &[Token]) -> Vec<&'static str> {
    let index = keyword_index();
    let mut bits = 0u32;
    let mut lower = String::new();
    for (i, t) in tokens.iter().enumerate().filter(|(_, t)| t.word && t.end - t.start <= 16) {
        lower.clear();
        lower.push_str(&text[t.start..t.end]);
        lower.make_ascii_lowercase();
        // "tear gas", "nerve gas" are weapons, not a resource or a trade.
        if lower == "gas" && i > 0 && is_any(text, &tokens[i - 1], WEAPON_GAS) {
            continue;
        }
        if let Some(b) = index.get(lower.as_str()) {
            bits |= b;
        }
    }
    let span = &text[tokens.first().map_or(0, |t| t.start)..tokens.last().map_or(0, |t| t.end)];
    KEYWORDS
        .iter()
        .enumerate()
        .filter(|(bit, (_, words))| {
            bits & (1 << bit) != 0
                || words.iter().any(|k| k.contains(' ') && contains_ignore_case(span, k))
        })
        .map(|(_, (context, _))| *context)
        .collect()
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

/// Words before "gas" that make it a weapon.
const WEAPON_GAS: &[&str] = &["tear", "nerve", "mustard", "poison", "chlorine", "sarin", "toxic"];

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Weapon and method words that give an ASSAULT its mode, most specific first.
const ASSAULT_MODES: &[(&str, &[&str])] = &[
    ("suicide-attack", &["suicide"]),
    ("unconventional", &["chemical", "nuclear", "sarin", "chlorine", "biological"]),
    ("drone", &["drone", "drones", "uav", "uavs"]),
    (
        "aerial",
        &[
            "airstrike",
            "airstrikes",
            "air strike",
            "air strikes",
            "warplanes",
            "warplane",
            "jets",
            "bombers",
            "helicopter",
            "helicopters",
            "aircraft",
            "air raid",
            "air raids",
        ],
    ),
    (
        "heavy-weapons",
        &[
            "artillery",
            "shelling",
            "shelled",
            "shells",
            "tank",
            "tanks",
            "rocket",
            "rockets",
            "mortar",
            "mortars",
            "missile",
            "missiles",
            "howitzer",
            "howitzers",
        ],
    ),
    (
        "explosives",
        &[
            "bomb",
            "bombs",
            "bombing",
            "explosives",
            "explosive",
            "ied",
            "ieds",
            "landmine",
            "landmines",
            "grenade",
            "grenades",
            "car bomb",
        ],
    ),
    (
        "firearms",
        &[
            "gunfire",
            "gunmen",
            "gunman",
            "shot",
            "shooting",
            "rifle",
            "rifles",
            "gun",
            "guns",
            "machine gun",
            "sniper",
            "snipers",
        ],
    ),
    (
        "primitive",
        &[
            "knife", "knives", "machete", "machetes", "stabbed", "stabbing", "arson", "torched",
            "stones", "spears", "arrows",
        ],
    ),
    ("abduct", &["kidnapped", "abducted", "hostage", "hostages", "hijacked"]),
    ("targeted", &["assassinated", "assassination", "executed", "execution"]),
];

/// The ASSAULT mode the weapons named in the sentence imply, if any.
pub fn assault_mode(text: &str, tokens: &[Token]) -> Option<&'static str> {
    let span = &text[tokens.first().map_or(0, |t| t.start)..tokens.last().map_or(0, |t| t.end)];
    ASSAULT_MODES
        .iter()
        .find(|(_, words)| {
            words.iter().any(|w| {
                if w.contains(' ') {
                    contains_ignore_case(span, w)
                } else {
                    tokens.iter().any(|t| {
                        t.end - t.start == w.len() && text[t.start..t.end].eq_ignore_ascii_case(w)
                    })
                }
            })
        })
        .map(|(mode, _)| *mode)
}
