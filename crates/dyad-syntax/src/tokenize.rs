//! A byte-offset tokenizer for raw English text that splits words the way UD English EWT does.
//!
//! Tokens are `(start, end)` byte ranges of the input, on char boundaries, so they line up with
//! the coder's spans. EWT conventions: punctuation and symbols are separate tokens (also hyphens:
//! "Al-Zaman" is three tokens), clitics are split ("don't" → "do" "n't", "Russia's" → "Russia"
//! "'s", "cannot" → "can" "not"), while dotted abbreviations ("U.S.", "Mr."), numbers ("1.6",
//! "11,000", "10:30"), URLs and e-mail addresses stay whole.

/// Words that keep their final dot (compared lower-case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "maj", "inc", "corp", "co", "ltd", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "mt", "ft", "ave", "rev",
    "dept", "univ", "approx", "fig", "vol", "pp", "cf",
];

/// Clitics split off after an apostrophe (besides "n't", which takes the "n" before it).
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Splits `text` into tokens; see the module documentation for the conventions.
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out);
    out
}

/// Like [`tokenize`], appending to `out` (so that a caller can reuse one vector).
pub fn tokenize_into(text: &str, out: &mut Vec<(usize, usize)>) {
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(start) = chunk_start.take() {
                split_chunk(text, start, i, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(start) = chunk_start {
        split_chunk(text, start, text.len(), out);
    }
}

#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The length in bytes of a clitic ("s", "re", …) at the start of `rest` when it ends the word
/// (is followed by a non-alphanumeric character or the end); `None` otherwise.
fn clitic_len(rest: &str) -> Option<usize> {
    CLITICS.iter().find_map(|clitic| {
        let head = rest.get(..clitic.len())?;
        let after = char_at(rest, clitic.len());
        (head.eq_ignore_ascii_case(clitic) && !after.is_some_and(char::is_alphanumeric))
            .then_some(clitic.len())
    })
}

/// URLs and e-mail addresses are kept whole (minus surrounding punctuation).
fn looks_like_url(chunk: &str) -> bool {
    let core = chunk.trim_start_matches(|c: char| !c.is_alphanumeric());
    chunk.contains("://")
        || (core.starts_with("www.") && core.len() > 4)
        || chunk.split_once('@').is_some_and(|(user, host)| {
            user.chars().last().is_some_and(char::is_alphanumeric)
                && host.contains('.')
                && host.chars().next().is_some_and(char::is_alphanumeric)
        })
}

fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let chunk = &text[start..end];
    if looks_like_url(chunk) {
        let core_start = chunk.find(char::is_alphanumeric).unwrap_or(0);
        let trimmed =
            chunk.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '”', '’']);
        let core_end = trimmed.len().max(core_start);
        for (i, c) in chunk[..core_start].char_indices() {
            out.push((start + i, start + i + c.len_utf8()));
        }
        if core_end > core_start {
            out.push((start + core_start, start + core_end));
        }
        for (i, c) in chunk[core_end..].char_indices() {
            let at = start + core_end + i;
            out.push((at, at + c.len_utf8()));
        }
        return;
    }
    let mut i = 0;
    while i < chunk.len() {
        let Some(c) = char_at(chunk, i) else { break };
        if c.is_alphanumeric() {
            i = scan_word(chunk, start, i, out);
        } else if is_apostrophe(c) {
            let after = i + c.len_utf8();
            let prev_alnum = chunk[..i].chars().next_back().is_some_and(char::is_alphanumeric);
            match clitic_len(&chunk[after..]) {
                Some(len) if prev_alnum => {
                    out.push((start + i, start + after + len));
                    i = after + len;
                }
                _ => {
                    out.push((start + i, start + after));
                    i = after;
                }
            }
        } else {
            // Runs of the same mark are one token ("...", "--", "!!").
            let mut j = i + c.len_utf8();
            if matches!(c, '.' | '-' | '!' | '?' | '*' | '=' | '_' | '~') {
                while char_at(chunk, j) == Some(c) {
                    j += c.len_utf8();
                }
            }
            out.push((start + i, start + j));
            i = j;
        }
    }
}

/// Scans the word starting at byte `i` of `chunk` (an alphanumeric character), pushes it (and
/// an "n't" clitic if one ends it) and returns the byte where scanning resumes.
fn scan_word(chunk: &str, offset: usize, i: usize, out: &mut Vec<(usize, usize)>) -> usize {
    let mut j = i;
    // Start of the current dot-separated segment, for "U.S"-style abbreviations.
    let mut segment_start = i;
    let mut has_dot = false;
    let mut prev: char = ' ';
    loop {
        while let Some(c) = char_at(chunk, j) {
            if !c.is_alphanumeric() {
                break;
            }
            prev = c;
            j += c.len_utf8();
        }
        let Some(d) = char_at(chunk, j) else { break };
        let after = j + d.len_utf8();
        let next = char_at(chunk, after);
        let joins = match d {
            '.' => {
                let digits = prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
                let single_letters = chunk[segment_start..j].chars().count() == 1
                    && prev.is_alphabetic()
                    && next.is_some_and(char::is_alphabetic)
                    && char_at(chunk, after + next.map_or(0, char::len_utf8))
                        .is_none_or(|c| !c.is_alphanumeric());
                digits || single_letters
            }
            ',' => {
                let rest = &chunk.as_bytes()[after..];
                prev.is_ascii_digit()
                    && rest.len() >= 3
                    && rest[..3].iter().all(u8::is_ascii_digit)
                    && rest.get(3).is_none_or(|b| !b.is_ascii_digit())
            }
            ':' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
            '&' => prev.is_uppercase() && next.is_some_and(char::is_uppercase),
            '\'' | '’' => {
                let rest = &chunk[after..];
                if matches!(prev, 'n' | 'N')
                    && rest.get(..1).is_some_and(|t| t.eq_ignore_ascii_case("t"))
                    && !char_at(rest, 1).is_some_and(char::is_alphanumeric)
                    && j - 1 > i
                {
                    // "don't" → "do" "n't": the clitic takes the "n".
                    out.push((offset + i, offset + j - 1));
                    out.push((offset + j - 1, offset + after + 1));
                    return after + 1;
                }
                clitic_len(rest).is_none() && next.is_some_and(char::is_alphabetic)
            }
            _ => false,
        };
        if !joins {
            break;
        }
        if d == '.' {
            has_dot = true;
            segment_start = after;
        }
        j = after;
    }
    let word = &chunk[i..j];
    if char_at(chunk, j) == Some('.') {
        let numeric = word.starts_with(|c: char| c.is_ascii_digit());
        if (has_dot && !numeric) || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a)) {
            j += 1;
        }
    }
    if word.eq_ignore_ascii_case("cannot") {
        out.push((offset + i, offset + i + 3));
        out.push((offset + i + 3, offset + j));
    } else {
        out.push((offset + i, offset + j));
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_clitics_like_ewt() {
        assert_eq!(words("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(words("We can't, they won't"), ["We", "ca", "n't", ",", "they", "wo", "n't"]);
        assert_eq!(words("Russia's army"), ["Russia", "'s", "army"]);
        assert_eq!(words("Russia’s army"), ["Russia", "’s", "army"]);
        assert_eq!(
            words("they're here, I'm sure"),
            ["they", "'re", "here", ",", "I", "'m", "sure"]
        );
        assert_eq!(words("the parents' car"), ["the", "parents", "'", "car"]);
        assert_eq!(words("O'Brien cannot"), ["O'Brien", "can", "not"]);
    }

    #[test]
    fn keeps_abbreviations_and_numbers() {
        assert_eq!(words("U.S. forces"), ["U.S.", "forces"]);
        assert_eq!(
            words("Mr. Smith left at 10:30 a.m."),
            ["Mr.", "Smith", "left", "at", "10:30", "a.m."]
        );
        assert_eq!(
            words("1.6 million, 11,000 shells."),
            ["1.6", "million", ",", "11,000", "shells", "."]
        );
        assert_eq!(words("$5 (or 10%)"), ["$", "5", "(", "or", "10", "%", ")"]);
        assert_eq!(words("Al-Zaman said..."), ["Al", "-", "Zaman", "said", "..."]);
    }

    #[test]
    fn urls_and_offsets() {
        assert_eq!(words("see (www.voanews.com)."), ["see", "(", "www.voanews.com", ")", "."]);
        let text = "«Kyiv»  said";
        for (s, e) in tokenize(text) {
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s < e);
        }
        assert_eq!(words(text), ["«", "Kyiv", "»", "said"]);
        assert!(tokenize("").is_empty());
        assert!(tokenize(" \n\t ").is_empty());
    }
}
