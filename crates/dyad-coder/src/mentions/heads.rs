//! A head word extended into its noun phrase: country word + possessive + fillers + sector
//! word (+ a person or a capitalised name), the sector a title or agent word gives it, and
//! heads shared by coordinated sector words ("Russian and Chinese diplomats").

use super::*;

/// Country word + ['s] + fillers + sector word [+ person or capitalised name]: grows the
/// head of item `i`, starting at token `start`, over the sector words and names after it.
/// `like` says whether the item is country-like, title-like and place-like.
pub(super) fn extend_head(
    lexicon: &Lexicon,
    input: &Input<'_>,
    items: &[Item<'_>],
    i: usize,
    start: usize,
    (country_like, title_like, place_like): (bool, bool, bool),
    h: &mut Head,
) {
    let Input { text, tokens, date, .. } = *input;
    let span_text = |a: usize, b: usize| &text[tokens[a].start..tokens[b - 1].end];
    let item = &items[i];
    let mut cursor = h.end;
    if country_like && cursor < tokens.len() && is_any(text, &tokens[cursor], &["'s", "’s"]) {
        cursor += 1;
    }
    let mut j = i + 1;
    let mut sector: Option<&str> =
        if title_like { sector_of(item.meanings).map(|s| s.0) } else { None };
    loop {
        while cursor < tokens.len()
            && is_any(text, &tokens[cursor], FILLERS)
            && items.get(j).is_none_or(|it| it.tok_start != cursor)
        {
            cursor += 1;
        }
        let Some(next) = items.get(j) else { break };
        // One noun modifier between a country adjective and the sector word: "French
        // paper workers" (after a country's name the word may be its verb: "North Korea
        // sent artillery").
        if sector.is_none()
            && h.kind == Kind::Modifier
            && next.tok_start == cursor + 1
            && is_noun_modifier(text, &tokens[cursor])
            && sector_of(next.meanings).is_some()
        {
            cursor += 1;
        }
        if next.tok_start != cursor {
            break;
        }
        let as_person = person_of(next.meanings).and_then(|_| {
            base_entity(lexicon, next.meanings, span_text(start, next.tok_end), date)
        });
        if let Some((e, _, _)) = as_person {
            h.entity = e;
            h.kind = Kind::Actor;
            h.is_person = true;
            h.end = next.tok_end;
            h.consumed = j - i + 1;
            sector = None;
            break;
        }
        match sector_of(next.meanings) {
            Some((s, _)) if !has_stronger_than_sector(next.meanings) => {
                if sector.is_none() || !country_like {
                    sector = sector.or(Some(s));
                }
                h.end = next.tok_end;
                cursor = h.end;
                h.consumed = j - i + 1;
                j += 1;
            }
            _ => break,
        }
    }
    if let Some(s) = sector {
        apply_sector(lexicon, input, items, (i, start), s, (country_like, place_like), h);
    }
}

/// Gives the grown head the sector `s` found after it (a place's country with a sector
/// is an actor), and a capitalised name the lexicon does not know after a title.
pub(super) fn apply_sector(
    lexicon: &Lexicon,
    input: &Input<'_>,
    items: &[Item<'_>],
    (i, start): (usize, usize),
    s: &str,
    (country_like, place_like): (bool, bool),
    h: &mut Head,
) {
    let Input { text, tokens, .. } = *input;
    let span_text = |a: usize, b: usize| &text[tokens[a].start..tokens[b - 1].end];
    if place_like {
        let code = h.entity.country.clone();
        h.entity = country_entity(lexicon, &code, "", s);
        h.kind = Kind::Actor;
    } else if country_like {
        h.entity.sector = s.into();
        h.kind = Kind::Actor;
    } else if !h.is_person {
        h.entity.sector = s.into();
    }
    // A title followed by a capitalised name the lexicon does not know.
    let mut k = h.end;
    while k < tokens.len()
        && is_capitalized(text, &tokens[k])
        && k - h.end < 4
        && !items.iter().any(|it| it.tok_start == k)
    {
        k += 1;
    }
    if k > h.end && sector_of(items[i + h.consumed - 1].meanings).is_some_and(|(_, t)| t) {
        h.entity.name = span_text(h.end, k).into();
        h.end = k;
        h.is_person = true;
    }
    h.entity.entity_text = span_text(start, h.end).into();
}

/// "the Turkish and Greek sides", "Russian and Chinese officials": a country adjective
/// coordinated with an adjective-plus-sector phrase shares its head noun.
pub(super) fn share_coordinated_heads(text: &str, tokens: &[Token], out: &mut [Mention]) {
    for i in (0..out.len()).rev() {
        if out[i].kind != Kind::Modifier {
            continue;
        }
        let Some(next) = out.get(i + 1) else { continue };
        let joined = (out[i].tok_end..next.tok_start)
            .all(|k| is_any(text, &tokens[k], &["and", "or", ","]))
            && next.tok_start > out[i].tok_end;
        if joined
            && next.kind == Kind::Actor
            && !next.entity.sector.is_empty()
            && !next.is_person
            && next.entity.code == next.entity.country
        {
            let sector = next.entity.sector.clone();
            out[i].kind = Kind::Actor;
            out[i].entity.sector = sector;
        }
    }
}
