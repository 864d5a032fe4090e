//! Phrase matching: two automata (names case-sensitive, lower-case words insensitive), with word
//! boundaries and case rules applied afterwards.

use crate::{Lexicon, Meaning};

pub(crate) struct Pattern {
    pub(crate) text: String,
    pub(crate) meanings: Vec<Meaning>,
}

impl Pattern {
    pub(crate) fn new(text: String) -> Pattern {
        Pattern { text, meanings: Vec::new() }
    }

    /// Capital letters in a phrase must be capital in the text too, so that "US" does not
    /// match "us" and "Turkey" does not match "turkey"; lower-case letters match either case
    /// (sentence-initial "Officials").
    fn case_fits(&self, found: &[u8]) -> bool {
        self.text.bytes().zip(found).all(|(p, t)| !p.is_ascii_uppercase() || t.is_ascii_uppercase())
    }
}

/// A phrase found in a text: byte range and pattern index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

pub(crate) fn find(lexicon: &Lexicon, text: &str) -> Vec<Match> {
    let mut found: Vec<Match> = Vec::new();
    let [(names, name_ids, name_filter), (words, word_ids, word_filter)] = &lexicon.automata;
    search_at_word_starts(lexicon, names, name_ids, name_filter, text, true, &mut found);
    search_at_word_starts(lexicon, words, word_ids, word_filter, text, false, &mut found);
    // Each search is free of overlaps; across the two, the leftmost and then longest wins.
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<Match> = Vec::with_capacity(found.len());
    for m in found {
        if out.last().is_none_or(|prev| m.start >= prev.end) {
            out.push(m);
        }
    }
    out
}

/// Searches at word starts only, anchored: each search touches a few automaton states, and
/// words inside other words ("aid" in "said") are never considered. `names` searches only
/// at capitalised (or numeric) word starts, case-sensitively; otherwise every word start is
/// tried and the case rule checked after.
fn search_at_word_starts(
    lexicon: &Lexicon,
    automaton: &aho_corasick::AhoCorasick,
    ids: &[usize],
    filter: &crate::PrefixFilter,
    text: &str,
    names: bool,
    out: &mut Vec<Match>,
) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        let candidate = if names {
            b.is_ascii_uppercase() || b.is_ascii_digit() || b >= 0xC3
        } else {
            b.is_ascii_alphabetic() || b >= 0xC3
        };
        if !candidate || !text.is_char_boundary(pos) || alnum_before(text, pos) {
            pos += 1;
            continue;
        }
        let found = if filter.may_start(bytes, pos) {
            let input = aho_corasick::Input::new(text)
                .span(pos..bytes.len())
                .anchored(aho_corasick::Anchored::Yes);
            automaton.find(input)
        } else {
            None
        };
        if let Some(m) = found {
            let end = m.end();
            let pattern_idx = ids[m.pattern().as_usize()];
            let pattern = &lexicon.patterns[pattern_idx];
            let last = pattern.text.as_bytes()[pattern.text.len() - 1];
            let right_ok = !is_word_byte(last) || !alnum_after(text, end);
            if right_ok && (names || pattern.case_fits(&bytes[pos..end])) {
                out.push(Match { start: pos, end, pattern: pattern_idx });
                pos = end;
                continue;
            }
        }
        // Skip the rest of this word (or this one non-word character).
        let word_char = text[pos..].chars().next().is_some_and(char::is_alphanumeric);
        pos += text[pos..].chars().next().map_or(1, char::len_utf8);
        while word_char && pos < bytes.len() && bytes[pos].is_ascii_alphanumeric() {
            pos += 1;
        }
    }
}

/// Whether the character before byte `at` is a letter or digit (curly quotes are not).
pub fn alnum_before(text: &str, at: usize) -> bool {
    text.get(..at).and_then(|s| s.chars().next_back()).is_some_and(char::is_alphanumeric)
}

/// Whether the character at byte `at` is a letter or digit.
pub fn alnum_after(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|s| s.chars().next()).is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use crate::Lexicon;

    fn phrases(text: &str) -> Vec<&str> {
        Lexicon::builtin().find(text).into_iter().map(|m| &text[m.start..m.end]).collect()
    }

    #[test]
    fn longest_phrase_wins_on_word_boundaries() {
        assert_eq!(
            phrases("North Korea and South Korean officials"),
            ["North Korea", "South Korean", "officials"]
        );
        assert_eq!(phrases("the Kremlin said"), ["the Kremlin"]);
    }

    #[test]
    fn case_rules() {
        assert!(phrases("let us go").is_empty());
        assert_eq!(phrases("the US said"), ["US"]);
        assert!(!phrases("roast turkey").contains(&"turkey"));
    }

    #[test]
    fn curly_quotes_are_boundaries() {
        assert_eq!(phrases("“Russia’s war”"), ["Russia"]);
    }
}
