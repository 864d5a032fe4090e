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

/// Splits `text[start..end]` into tokens; offsets are absolute.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let slice = &text[start..end];
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut last = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    chars.next();
                    last = j + d.len_utf8();
                } else if matches!(d, '\'' | '’' | '-' | '.' | ',') {
                    // Joiners count only between word characters ("1.6", "11,000", "U.S",
                    // "co-op"); a possessive "'s" is split off below.
                    let rest = &slice[j + d.len_utf8()..];
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
                                && (c.is_ascii_digit()
                                    || slice[i..j].len() <= 2
                                    || slice[i..j].contains('.'))
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
                    chars.next();
                    last = j + d.len_utf8();
                } else {
                    break;
                }
            }
            // Dotted abbreviations keep their final dot: "U.S." and "Jan.".
            if slice[i..last].contains('.')
                && !slice[i..last].starts_with(|c: char| c.is_ascii_digit())
            {
                if let Some(&(j, '.')) = chars.peek() {
                    chars.next();
                    last = j + 1;
                }
            }
            out.push(Token { start: start + i, end: start + last, word: true });
        } else if (c == '\'' || c == '’')
            && slice[i + c.len_utf8()..].starts_with(['s', 'S'])
            && !slice[i + c.len_utf8() + 1..].starts_with(|d: char| d.is_alphanumeric())
        {
            // Possessive "'s" as one token.
            let end_pos = i + c.len_utf8() + 1;
            while chars.peek().is_some_and(|&(j, _)| j < end_pos) {
                chars.next();
            }
            out.push(Token { start: start + i, end: start + end_pos, word: true });
        } else {
            out.push(Token { start: start + i, end: start + i + c.len_utf8(), word: false });
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

/// Whether the character before byte `at` is a letter or digit.
pub fn alnum_before(text: &str, at: usize) -> bool {
    text.get(..at).and_then(|s| s.chars().next_back()).is_some_and(char::is_alphanumeric)
}

/// Whether the character at byte `at` is a letter or digit.
pub fn alnum_after(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|s| s.chars().next()).is_some_and(char::is_alphanumeric)
}

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
