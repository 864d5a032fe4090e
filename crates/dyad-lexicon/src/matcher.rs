//! Phrase matching: two tries (names case-sensitive, lower-case words insensitive), with word
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
    let bytes = text.as_bytes();
    let [(names, name_ids, name_filter), (words, word_ids, word_filter)] = &lexicon.tries;
    let mut found: Vec<Match> = Vec::new();
    // One forward scan; at each word start an anchored search in each trie, behind its
    // prefix filter. Names (capitalised or numeric starts) are matched case-sensitively;
    // lower-case phrases case-insensitively with the case rule checked after. Words inside
    // other words ("aid" in "said") are never tried. A match of one trie hides later
    // starts inside it from the same trie.
    let (mut names_until, mut words_until) = (0, 0);
    let mut prev_alnum = false;
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        let (alnum, len) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[pos..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alnum && !prev_alnum {
            if pos >= names_until
                && (b.is_ascii_uppercase() || b.is_ascii_digit() || b >= 0xC3)
                && name_filter.may_start(bytes, pos)
            {
                if let Some(m) = anchored(lexicon, names, name_ids, text, pos, true) {
                    names_until = m.end;
                    found.push(m);
                }
            }
            if pos >= words_until
                && (b.is_ascii_alphabetic() || b >= 0xC3)
                && word_filter.may_start(bytes, pos)
            {
                if let Some(m) = anchored(lexicon, words, word_ids, text, pos, false) {
                    words_until = m.end;
                    found.push(m);
                }
            }
        }
        prev_alnum = alnum;
        pos += len;
    }
    // Each trie's matches are free of overlaps; across the two, the leftmost and then
    // longest wins.
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<Match> = Vec::with_capacity(found.len());
    for m in found {
        if out.last().is_none_or(|prev| m.start >= prev.end) {
            out.push(m);
        }
    }
    out
}

/// The longest phrase of `trie` starting exactly at `pos` that ends on a word boundary
/// (and, for lower-case phrases, fits the case rule).
fn anchored(
    lexicon: &Lexicon,
    trie: &crate::trie::Trie,
    ids: &[usize],
    text: &str,
    pos: usize,
    names: bool,
) -> Option<Match> {
    let bytes = text.as_bytes();
    let (end, id) = trie.longest(bytes, pos)?;
    let pattern_idx = ids[id];
    let pattern = &lexicon.patterns[pattern_idx];
    let last = pattern.text.as_bytes()[pattern.text.len() - 1];
    let right_ok = !is_word_byte(last) || !alnum_after(text, end);
    (right_ok && (names || pattern.case_fits(&bytes[pos..end]))).then_some(Match {
        start: pos,
        end,
        pattern: pattern_idx,
    })
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
