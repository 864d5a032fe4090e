//! Quantities: "close to 1.6 million artillery shells", "more than 11,000 containers of
//! ammunition", "at least 20 North Korean ballistic missiles", "$5 million", "dozens of".

use dyad_model::Size;

use crate::tokens::{is, is_any, Token};

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub tok_start: usize,
    pub tok_end: usize,
    pub size: Size,
}

const QUALIFIERS: &[&[&str]] = &[
    &["close", "to"],
    &["more", "than"],
    &["fewer", "than"],
    &["less", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["approximately"],
    &["roughly"],
    &["some"],
    &["over"],
    &["under"],
    &["an", "estimated"],
    &["estimated"],
    &["only"],
    &["just"],
];

/// Whether `word` is a number written as a word ("twenty", "Two").
pub(crate) fn is_number_word(word: &str) -> bool {
    WORD_NUMBERS.iter().any(|(w, _)| w.eq_ignore_ascii_case(word))
}

const WORD_NUMBERS: &[(&str, f64)] = &[
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
    ("dozen", 12.0),
];

const VAGUE: &[(&str, f64, &str)] = &[
    ("dozens", 24.0, "dozens of"),
    ("hundreds", 200.0, "hundreds of"),
    ("thousands", 2000.0, "thousands of"),
    ("millions", 2_000_000.0, "millions of"),
    ("tens", 20.0, "tens of"),
];

const MULTIPLIERS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("mn", 1e6),
    ("bn", 1e9),
    ("m", 1e6),
    ("k", 1e3),
];

/// Words that end a unit noun phrase.
const UNIT_STOP: &[&str] = &[
    "to",
    "in",
    "at",
    "for",
    "from",
    "with",
    "by",
    "on",
    "since",
    "and",
    "or",
    "that",
    "which",
    "who",
    "as",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "be",
    "into",
    "across",
    "over",
    "during",
    "per",
    "said",
    "used",
    "according",
    "than",
    "while",
    "after",
    "before",
    "against",
    "toward",
    "towards",
    "through",
    "but",
];

/// The largest size kept (a thousand trillion): a larger figure in news text is not a count
/// of anything, and JSON has no number beyond `f64`.
const MAX_SIZE: f64 = 1e15;

/// A count written in digits: `1,600`, `1.6`. Only digits, grouping commas and one decimal
/// point: Rust's float syntax would also take `1.8e309` (infinity), `1e5`, `inf` and `NaN`.
fn parse_number(word: &str) -> Option<f64> {
    let cleaned: String = word.chars().filter(|c| *c != ',').collect();
    let digits_and_point = cleaned.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && cleaned.bytes().filter(|&b| b == b'.').count() <= 1;
    if !digits_and_point || !cleaned.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    cleaned.parse().ok().filter(|v: &f64| v.is_finite() && *v <= MAX_SIZE)
}

/// Whether the number token `t` is part of an expression that is not a count: a power
/// (`10^100`, either side of the caret) or a negative number (`-5000`, `−5000`; a hyphen
/// after a word or a digit, as in `10-20`, is a range or a compound, not a sign).
fn not_a_count(text: &str, t: &Token) -> bool {
    let before = &text[..t.start];
    let power = before.ends_with('^') || text[t.end..].starts_with('^');
    let negative = before
        .strip_suffix(['-', '\u{2212}'])
        .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()));
    power || negative
}

/// Finds quantities in a sentence. `skip` marks tokens already read as dates.
pub fn find(text: &str, tokens: &[Token], skip: &[bool]) -> Vec<Quantity> {
    let mut out = Vec::new();
    if !has_number(text, tokens) {
        return out;
    }
    let mut k = 0;
    while k < tokens.len() {
        if skip.get(k).copied().unwrap_or(false)
            || !(may_start(text, &tokens[k]) || one_multiplied(text, tokens, k))
        {
            k += 1;
            continue;
        }
        match quantity_at(text, tokens, k) {
            Ok(q) => {
                k = q.tok_end;
                out.push(q);
            }
            Err(next) => k = next,
        }
    }
    out
}

/// "a million shells", "one billion dollars": "a" or "one" before a large multiplier.
fn one_multiplied(text: &str, tokens: &[Token], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| is_any(text, t, &["a", "one"]))
        && tokens.get(k + 1).is_some_and(|t| {
            ["million", "billion", "trillion"]
                .iter()
                .any(|w| text[t.start..t.end].eq_ignore_ascii_case(w))
        })
}

/// The quantity that starts at token `k`, or the token to look on from when none does.
fn quantity_at(text: &str, tokens: &[Token], mut k: usize) -> Result<Quantity, usize> {
    let start = k;
    let mut qualifier = None;
    if let Some(q) = qualifier_at(text, tokens, k) {
        qualifier = Some(q.join(" "));
        k += q.len();
    }
    let Some(t) = tokens.get(k) else { return Err(tokens.len()) };
    let word = &text[t.start..t.end];
    let currency = currency_of(word);
    let n_idx = if currency.is_some() { k + 1 } else { k };
    let value = tokens
        .get(n_idx)
        .and_then(|t| number_value(&text[t.start..t.end]))
        .or_else(|| one_multiplied(text, tokens, n_idx).then_some(1.0));
    let vague = tokens.get(n_idx).and_then(|t| VAGUE.iter().find(|(w, _, _)| is(text, t, w)));
    let (mut value, mut end) = match (value, vague) {
        (Some(_), _) if not_a_count(text, &tokens[n_idx]) => {
            return Err(n_idx + 1);
        }
        (Some(v), _) => (v, n_idx + 1),
        (None, Some((_, v, label)))
            if tokens.get(n_idx + 1).is_some_and(|t| is(text, t, "of"))
                && !tokens
                    .get(n_idx + 2)
                    .is_some_and(|t| text[t.start..].starts_with(|c: char| c.is_ascii_digit())) =>
        {
            qualifier = Some(label.to_string());
            (*v, n_idx + 2)
        }
        _ => {
            return Err(start + 1);
        }
    };
    // Years and day numbers are dates, not sizes: skip a bare 4-digit year.
    if currency.is_none() && is_year(&text[tokens[n_idx].start..tokens[n_idx].end], value) {
        return Err(n_idx + 1);
    }
    if let Some((_, m)) =
        tokens.get(end).and_then(|t| MULTIPLIERS.iter().find(|(w, _)| is(text, t, w)))
    {
        value *= m;
        end += 1;
    }
    if value > MAX_SIZE {
        return Err(end);
    }
    let unit_start = end;
    end = unit_end(text, tokens, unit_start);
    let unit = match currency {
        Some(c) => c.to_string(),
        None => unit_text(text, tokens, unit_start, end),
    };
    if unit.is_empty() || (currency.is_none() && names_no_size(text, tokens, start, &unit)) {
        return Err(start + 1);
    }
    let text_span = text[tokens[start].start..tokens[end.max(n_idx + 1) - 1].end].to_string();
    Ok(Quantity {
        tok_start: start,
        tok_end: end.max(n_idx + 1),
        size: Size { value, unit, qualifier, text: text_span },
    })
}

/// The qualifier ("at least", "more than") that starts at token `k`, if any.
fn qualifier_at(text: &str, tokens: &[Token], k: usize) -> Option<&'static [&'static str]> {
    QUALIFIERS
        .iter()
        .find(|q| {
            q.iter().enumerate().all(|(n, w)| tokens.get(k + n).is_some_and(|t| is(text, t, w)))
        })
        .copied()
}

/// Whether the number `raw` (of value `value`) is a bare 4-digit year.
fn is_year(raw: &str, value: f64) -> bool {
    raw.len() == 4 && !raw.contains(',') && (1900.0..=2100.0).contains(&value)
}

/// The currency a sign stands for.
fn currency_of(word: &str) -> Option<&'static str> {
    match word {
        "$" => Some("USD"),
        "€" => Some("EUR"),
        "£" => Some("GBP"),
        _ => None,
    }
}

/// The value of a number written in digits or as a word.
fn number_value(w: &str) -> Option<f64> {
    parse_number(w)
        .or_else(|| WORD_NUMBERS.iter().find(|(n, _)| w.eq_ignore_ascii_case(n)).map(|(_, v)| *v))
}

/// The words of the unit from `unit_start` to `end`, without a leading "of".
fn unit_text(text: &str, tokens: &[Token], unit_start: usize, end: usize) -> String {
    let unit_from = if tokens.get(unit_start).is_some_and(|t| is(text, t, "of")) {
        unit_start + 1
    } else {
        unit_start
    };
    if end > unit_from {
        text[tokens[unit_from].start..tokens[end - 1].end].to_string()
    } else {
        String::new()
    }
}

/// Every quantity has a digit, a currency sign or a number word: checked once a sentence.
fn has_number(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        let w = &text[t.start..t.end];
        w.as_bytes()[0].is_ascii_digit()
            || matches!(w, "$" | "€" | "£")
            || ["million", "billion", "trillion"].iter().any(|m| w.eq_ignore_ascii_case(m))
            || (t.word
                && (WORD_NUMBERS.iter().any(|(n, _)| n.eq_ignore_ascii_case(w))
                    || VAGUE.iter().any(|(n, _, _)| n.eq_ignore_ascii_case(w))))
    })
}

/// Quick rejection: a quantity starts with a digit, a currency sign, a number word or a
/// qualifier word.
fn may_start(text: &str, t: &Token) -> bool {
    let first = text.as_bytes()[t.start];
    let word = &text[t.start..t.end];
    first.is_ascii_digit()
        || matches!(word, "$" | "€" | "£")
        || QUALIFIERS.iter().any(|q| q[0].eq_ignore_ascii_case(word))
        || WORD_NUMBERS.iter().any(|(n, _)| n.eq_ignore_ascii_case(word))
        || VAGUE.iter().any(|(n, _, _)| n.eq_ignore_ascii_case(word))
}

/// The end of the unit that starts at token `unit_start`: the following words up to a stop
/// word or punctuation, with one "of" phrase.
fn unit_end(text: &str, tokens: &[Token], unit_start: usize) -> usize {
    let mut end = unit_start;
    let mut seen_of = false;
    while let Some(t) = tokens.get(end) {
        // Stop words are lower case: "IS" (Islamic State) in a unit is a name.
        let stop = is_any(text, t, UNIT_STOP)
            && text[t.start..t.end].bytes().all(|b| !b.is_ascii_uppercase());
        // Adverbs end a unit too ("three allies jointly denounced").
        let adverb = end > unit_start && text[t.start..t.end].ends_with("ly");
        if !t.word
            || stop
            || adverb
            || end - unit_start >= 5
            || ends_noun_phrase(text, tokens, unit_start, end)
        {
            break;
        }
        if is(text, t, "of") {
            if seen_of || end == unit_start {
                if end == unit_start {
                    end += 1;
                    continue;
                }
                break;
            }
            seen_of = true;
        }
        end += 1;
    }
    while end > unit_start && tokens.get(end - 1).is_some_and(|t| is(text, t, "of")) {
        end -= 1;
    }
    end
}

/// Whether token `i` can no longer be part of the unit's noun phrase: a determiner that does
/// not follow "of" ("two leaders signed the agreement": "the" starts the next phrase) or a
/// verb in "-ed" right after a plural noun ("two leaders signed").
fn ends_noun_phrase(text: &str, tokens: &[Token], unit_start: usize, i: usize) -> bool {
    if i == unit_start {
        return false;
    }
    let word = &text[tokens[i].start..tokens[i].end];
    let prev = &text[tokens[i - 1].start..tokens[i - 1].end];
    let determiner =
        matches!(word, "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this" | "these")
            && !prev.eq_ignore_ascii_case("of");
    let verb_after_plural = word.len() > 4
        && word.ends_with("ed")
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && prev.len() > 3
        && prev.ends_with('s')
        && !prev.ends_with("ss");
    determiner || verb_after_plural
}

/// Whether the unit after a number shows it is no size: a duration, a unit that starts
/// badly, or a number that names something ("Article 4").
fn names_no_size(text: &str, tokens: &[Token], start: usize, unit: &str) -> bool {
    // Durations and ordinals are not the size of an event ("for 24 years", "Article 4").
    let first_unit_word = unit.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    let is_duration = matches!(
        first_unit_word.trim_end_matches('s'),
        "year"
            | "day"
            | "month"
            | "week"
            | "hour"
            | "minute"
            | "decade"
            | "century"
            | "time"
            | "percent"
    ) || first_unit_word == "centuries";
    let starts_badly = matches!(
        first_unit_word.as_str(),
        "the" | "a" | "an" | "this" | "that" | "its" | "their" | "his" | "her" | "of"
    ) || unit.starts_with(|c: char| c.is_ascii_digit())
        || WORD_NUMBERS.iter().any(|(n, _)| n.eq_ignore_ascii_case(&first_unit_word));
    // "Article 4", "No. 7": a number that names something, not a count.
    let numbered = start > 0 && {
        let prev = text[tokens[start - 1].start..tokens[start - 1].end].to_ascii_lowercase();
        matches!(
            prev.trim_end_matches('.'),
            "article"
                | "no"
                | "number"
                | "resolution"
                | "chapter"
                | "section"
                | "paragraph"
                | "item"
                | "unit"
                | "flight"
                | "route"
                | "page"
        )
    };
    is_duration || starts_badly || numbered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn sizes(text: &str) -> Vec<(f64, String, Option<String>)> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), &mut tokens);
        find(text, &tokens, &[])
            .into_iter()
            .map(|q| (q.size.value, q.size.unit, q.size.qualifier))
            .collect()
    }

    #[test]
    fn quantities_with_units_and_qualifiers() {
        assert_eq!(
            sizes("sent close to 1.6 million artillery shells in order to"),
            [(1_600_000.0, "artillery shells".into(), Some("close to".into()))]
        );
        assert_eq!(
            sizes("supplied more than 11,000 containers of ammunition to Russia"),
            [(11_000.0, "containers of ammunition".into(), Some("more than".into()))]
        );
        assert_eq!(
            sizes("at least 20 North Korean ballistic missiles, used"),
            [(20.0, "North Korean ballistic missiles".into(), Some("at least".into()))]
        );
        assert_eq!(sizes("pledged $5 million in aid"), [(5_000_000.0, "USD".into(), None)]);
        assert_eq!(sizes("dozens of drones"), [(24.0, "drones".into(), Some("dozens of".into()))]);
        assert!(sizes("in 2023 they met").is_empty());
        assert_eq!(
            sizes("sent more than a million shells"),
            [(1e6, "shells".into(), Some("more than".into()))]
        );
        assert_eq!(sizes("pledged one billion dollars")[0].0, 1e9);
        // A verb or a new noun phrase ends the unit.
        assert_eq!(sizes("the two leaders signed the pact")[0].1, "leaders");
        assert_eq!(sizes("killed 12 soldiers stationed there")[0].1, "soldiers");
        assert_eq!(sizes("sent 300 tonnes of the grain")[0].1, "tonnes of the grain");
    }

    #[test]
    fn sizes_are_finite_not_negative_and_bounded() {
        // Issue 17: each of these became an invalid or wrong size.
        for text in [
            "they fired 1.8e309 shells at the port",
            "they fired 1e5 shells at the port",
            "they fired 10^100 shells at the port",
            "they fired -5000 shells at the port",
            "they fired \u{2212}5000 shells at the port",
            "they fired 9000 trillion shells at the port",
            "they fired 99999999999999999999 shells at the port",
        ] {
            let found = sizes(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        // Plain and large real figures are still read.
        assert_eq!(sizes("fired 5,000 shells")[0].0, 5000.0);
        assert_eq!(sizes("some 3 trillion dollars in debt")[0].0, 3e12);
    }
}
