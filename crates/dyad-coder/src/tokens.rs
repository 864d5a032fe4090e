//! Word tokens with byte offsets. Tokens keep only spans; comparisons are ASCII
//! case-insensitive against the text, so tokenising allocates one vector per sentence.

/// A token: a word (letters, digits, internal apostrophes, hyphens and dots as in "U.S.",
/// "1.6", "co-operate", "don't") or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

/// The character at byte `i` of `s` (which must be a char boundary) and its length.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Splits `text[start..end]` into tokens; offsets are absolute.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let slice = &text[start..end];
    let bytes = slice.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(slice, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if is_word_char(c) {
            let mut last = i + len;
            loop {
                // Fast path: a run of ASCII letters and digits.
                while last < bytes.len() && bytes[last].is_ascii_alphanumeric() {
                    last += 1;
                }
                if last >= bytes.len() {
                    break;
                }
                let (d, dlen) = char_at(slice, last);
                if is_word_char(d) {
                    last += dlen;
                    continue;
                }
                if !matches!(d, '\'' | '’' | '-' | '.' | ',') {
                    break;
                }
                // Joiners count only between word characters ("1.6", "11,000", "U.S",
                // "co-op"); a possessive "'s" is split off below.
                let rest = &slice[last + dlen..];
                let next = rest.chars().next();
                let joins = match d {
                    ',' => {
                        c.is_ascii_digit()
                            && rest.len() >= 3
                            && rest.as_bytes()[..3].iter().all(u8::is_ascii_digit)
                            && rest.as_bytes().get(3).is_none_or(|b| !b.is_ascii_digit())
                    }
                    '.' => {
                        next.is_some_and(char::is_alphanumeric)
                            && (c.is_ascii_digit() || last - i <= 2 || slice[i..last].contains('.'))
                    }
                    '\'' | '’' => {
                        next.is_some_and(char::is_alphabetic)
                            && (!matches!(next, Some('s' | 'S'))
                                || rest.chars().nth(1).is_some_and(char::is_alphanumeric))
                    }
                    _ => next.is_some_and(char::is_alphanumeric),
                };
                if !joins {
                    break;
                }
                last += dlen;
            }
            // Dotted abbreviations keep their final dot: "U.S." and "Jan.".
            if slice[i..last].contains('.') && !c.is_ascii_digit() && bytes.get(last) == Some(&b'.')
            {
                last += 1;
            }
            out.push(Token { start: start + i, end: start + last, word: true });
            i = last;
        } else if (c == '\'' || c == '’')
            && slice[i + len..].starts_with(['s', 'S'])
            && !slice[i + len + 1..].starts_with(|d: char| d.is_alphanumeric())
        {
            // Possessive "'s" as one token.
            let end_pos = i + len + 1;
            out.push(Token { start: start + i, end: start + end_pos, word: true });
            i = end_pos;
        } else {
            out.push(Token { start: start + i, end: start + i + len, word: false });
            i += len;
        }
    }
}

/// Case-insensitive comparison of a token's text with an ASCII lower-case word.
#[inline]
pub fn is(text: &str, token: &Token, word: &str) -> bool {
    text[token.start..token.end].eq_ignore_ascii_case(word)
}

#[inline]
pub fn is_any(text: &str, token: &Token, words: &[&str]) -> bool {
    let s = &text[token.start..token.end];
    words.iter().any(|w| s.eq_ignore_ascii_case(w))
}

pub use dyad_lexicon::{alnum_after, alnum_before};

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        out.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn words_numbers_and_possessives() {
        assert_eq!(
            toks("Russia’s 1.6 million shells, 11,000 containers."),
            ["Russia", "’s", "1.6", "million", "shells", ",", "11,000", "containers", "."]
        );
        assert_eq!(toks("U.S. provided weapons"), ["U.S.", "provided", "weapons"]);
        assert_eq!(toks("it hasn't co-operated"), ["it", "hasn't", "co-operated"]);
        assert_eq!(toks("Korea, Japan"), ["Korea", ",", "Japan"]);
        assert_eq!(toks("the “new world war.”"), ["the", "“", "new", "world", "war", ".", "”"]);
    }
}
