//! Parse nodes and mentions: the party a node of the dependency tree stands for.

use super::*;

/// Whether a mention may be an event's party: not a source ("according to X"), not an
/// expletive "it", not a possessor.
pub(super) fn may_be_party(s: &Sentence<'_>, m: &Mention) -> bool {
    !m.possessive && !s.is_sourced(m.tok_start) && !expletive(s, m)
}

/// The mention a parse node stands for: the actor mention that covers it, else one among its
/// nominal modifiers ("a delegation from Japan", "the Japanese side"), else the bare sector
/// mention that covers it.
pub(super) fn mention_of_node(s: &Sentence<'_>, k: usize) -> Option<(usize, Option<usize>)> {
    mention_in_node(s, k, true)
}

/// "Kenzo Oshima, the United Nations Emergency Relief Coordinator,": a person whose
/// apposition names an international or non-governmental organisation, as the modifier of
/// the title, acts for it, not for the country the dictionary gives the person. Not "the U.S.
/// ambassador to the United Nations", "Russia's UN ambassador" (a country's envoy to it) or
/// "a critic of the United Nations".
fn international_role(s: &Sentence<'_>, k: usize, person: usize) -> Option<usize> {
    let igo = |m: &Mention| matches!(m.entity.country.as_str(), "UNO" | "IGO" | "EUR" | "NGO");
    let international = |m: &Mention| m.kind == Kind::Actor && !m.is_person && igo(m);
    if !s.mentions[person].is_person || igo(&s.mentions[person]) {
        return None;
    }
    let tree = s.tree();
    let role = tree.children(k).find(|&c| tree.rel(c) == "appos")?;
    let in_role = |m: &Mention| (m.tok_start..m.tok_end).any(|t| tree.under(t, role, 4));
    let national = s.mentions.iter().any(|m| {
        in_role(m) && !igo(m) && !m.entity.country.is_empty() && m.kind != Kind::SectorOnly
    });
    if national || s.is_any(role, &["ambassador", "envoy", "representative", "critic"]) {
        return None;
    }
    // The organisation modifies the title itself ("the NATO secretary general", "the United
    // Nations Emergency Relief Coordinator"), through modifiers only.
    let modifies_role = |t: usize| {
        let mut x = t;
        for _ in 0..4 {
            if !matches!(tree.rel(x), "compound" | "amod" | "nmod:poss" | "flat") {
                return false;
            }
            match tree.head(x) {
                Some(h) if h == role => return true,
                Some(h) => x = h,
                None => return false,
            }
        }
        false
    };
    s.mentions.iter().position(|m| international(m) && (m.tok_start..m.tok_end).any(modifies_role))
}

/// As `mention_of_node`; `located` lets a place phrase name the country ("rebels in the Ivory
/// Coast"), which suits actors, not what is done to them ("signed a treaty in Pyongyang").
pub(super) fn mention_in_node(
    s: &Sentence<'_>,
    k: usize,
    located: bool,
) -> Option<(usize, Option<usize>)> {
    let covering = s.mentions.iter().position(|m| m.tok_start <= k && k < m.tok_end);
    if let Some(i) = covering.filter(|&i| is_actorish(&s.mentions[i])) {
        let i = international_role(s, k, i).unwrap_or(i);
        return may_be_party(s, &s.mentions[i]).then_some((i, None));
    }
    // A bare sector noun lends its sector to the country its modifiers name.
    let sector = covering.filter(|&i| {
        let m = &s.mentions[i];
        m.kind == Kind::SectorOnly && m.entity.sector != "PTY" && may_be_party(s, m)
    });
    let mut stack = vec![(k, 0)];
    while let Some((n, depth)) = stack.pop() {
        // "Afghanistan's Taliban insurgency": an armed group or party compounded with the head
        // is the party before the possessor of the whole ("Iran's U.N. ambassador" and
        // "Guatemala's Washington embassy" stay the possessor's).
        let named_group = |c: usize| {
            matches!(s.tree().rel(c), "compound" | "flat" | "appos")
                && s.mentions.iter().any(|m| {
                    m.tok_start <= c
                        && c < m.tok_end
                        && m.kind == Kind::Actor
                        && !m.capital
                        && m.entity.code != m.entity.country
                        && !matches!(m.entity.country.as_str(), "UNO" | "IGO" | "EUR" | "NGO")
                })
        };
        let mut children: Vec<usize> = s.tree().children(n).collect();
        children.sort_by_key(|&c| !named_group(c));
        for c in children {
            let rel = s.tree().rel(c);
            let nominal = match rel {
                // "denounced North Korea's pact": the possessor is the party.
                "compound" | "amod" | "flat" | "appos" | "nmod:poss" => true,
                // "the government of Japan", "a delegation from Japan", "rebels in the
                // Ivory Coast"; not "a device outside the Iraqi city" or "aid to Kyiv".
                "nmod" => s.tree().children(c).all(|k| {
                    s.tree().rel(k) != "case"
                        || !s.is_any(k, NOT_HOME_PREPS) && (located || !s.is_any(k, LOCATIVE))
                }),
                // "forces loyal to Haftar", "militias allied with the army": those one is
                // loyal to are the party one fights for.
                "obl" => s.is_any(n, LOYAL) && n != k,
                _ => false,
            };
            if !nominal {
                continue;
            }
            if let Some(i) = s.mentions.iter().position(|m| {
                m.tok_start <= c
                    && c < m.tok_end
                    && (matches!(m.kind, Kind::Actor | Kind::Modifier | Kind::Pronoun(_)))
            }) {
                let m = &s.mentions[i];
                let party = if rel == "nmod:poss" {
                    matches!(m.kind, Kind::Actor) && !s.is_sourced(m.tok_start)
                } else {
                    (is_actorish(m) || m.kind == Kind::Modifier) && may_be_party(s, m)
                };
                return party.then_some((i, sector));
            }
            if depth < 2 {
                stack.push((c, depth + 1));
            }
        }
    }
    sector.or_else(|| followed_group_node(s, k)).map(|i| (i, None))
}

/// "supporters of the opposition": the group a followers noun `k` follows, a bare sector noun
/// in its "of" phrase.
pub(super) fn followed_group_node(s: &Sentence<'_>, k: usize) -> Option<usize> {
    if !s.is_any(k, FOLLOWERS) {
        return None;
    }
    s.tree().children(k).find_map(|c| {
        (s.tree().rel(c) == "nmod" && s.tree().children(c).any(|x| s.is(x, "of")))
            .then(|| {
                s.mentions.iter().position(|m| {
                    m.tok_start <= c
                        && c < m.tok_end
                        && m.kind == Kind::SectorOnly
                        && may_be_party(s, m)
                })
            })
            .flatten()
    })
}

/// Whether `m` is the group in "supporters of the opposition", "members of Hamas", or the
/// leader in "forces loyal to Haftar": the followers act as it.
pub(super) fn followed_group(s: &Sentence<'_>, m: &Mention) -> bool {
    let mut k = m.tok_start;
    if k > 0 && s.is_any(k - 1, &["the", "a", "an"]) {
        k -= 1;
    }
    k >= 2 && s.is(k - 1, "of") && s.is_any(k - 2, FOLLOWERS)
        || k >= 3
            && s.is_any(k - 1, &["to", "with"])
            && s.is_any(k - 2, LOYAL)
            && s.mentions.iter().any(|f| f.kind == Kind::SectorOnly && f.tok_end == k - 2)
}

/// Adjectives that make a force the party of the one they name ("forces loyal to Haftar").
pub(super) const LOYAL: &[&str] = &["loyal", "allied", "aligned", "affiliated", "linked"];

/// Nouns for the people of a group: "supporters of the opposition" act as the opposition.
pub(super) const FOLLOWERS: &[&str] = &[
    "supporters",
    "members",
    "followers",
    "loyalists",
    "sympathisers",
    "sympathizers",
    "backers",
    "partisans",
];
