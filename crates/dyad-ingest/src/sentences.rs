//! Sentence splitting that survives abbreviations ("U.S.", "Dr.", "Jan."), decimal numbers
//! ("1.6 million"), initials, quotes and brackets.

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "cmdr", "sen", "rep", "gov", "pres", "amb", "st", "rev", "fr", "hon", "jr", "sr", "mt", "ft",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "vs", "v", "etc", "inc", "ltd", "co", "corp", "dept", "univ", "approx", "est", "fig",
    "vol", "pp", "p", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "u.s.a", "a.m", "p.m", "d.c", "n",
    "s", "ave", "blvd", "gen.-maj",
];

/// Splits `text` into sentences and returns their byte ranges, trimmed of surrounding
/// whitespace. Never panics; every range lies on char boundaries.
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let is_terminal = matches!(b, b'.' | b'!' | b'?') || bytes[i..].starts_with("…".as_bytes());
        if !is_terminal {
            i += 1;
            continue;
        }
        let mark_len = if b.is_ascii() { 1 } else { '…'.len_utf8() };
        // Absorb repeated punctuation and closing quotes or brackets.
        let mut end = i + mark_len;
        while end < bytes.len() {
            let rest = &text[end..];
            let c = rest.chars().next().unwrap_or(' ');
            if matches!(c, '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '”' | '’' | '»') {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        if b == b'.' && !ends_sentence(text, i) {
            i = end;
            continue;
        }
        // The next sentence must start after whitespace with something sentence-like.
        let ws = text[end..]
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(char::len_utf8)
            .sum::<usize>();
        let next = text[end + ws..].chars().next();
        let starts_sentence = match next {
            None => true,
            Some(c) => {
                ws > 0
                    && (c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '-' | '—'))
            }
        };
        if starts_sentence {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        i = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Whether the full stop at `dot` can end a sentence.
fn ends_sentence(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '['))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    // Decimal numbers and dotted numbers never reach here split, but "No. 5" and
    // single initials ("J. Smith") do.
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "... in the U.S. The ..." stays one sentence: abbreviations win, which costs
        // less than splitting "U.S. officials" in two.
        return false;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return false; // an initial
        }
    }
    // Dotted acronyms such as "N.A.T.O." end with a letter-dot pattern.
    if word.len() >= 3 && word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.')
    {
        return false;
    }
    true
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push((start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn keeps_abbreviations_and_numbers() {
        let text =
            "The U.S. sent 1.6 million shells. Dr. Kim met Gen. Park on Jan. 5. Then they left.";
        assert_eq!(
            split(text),
            vec![
                "The U.S. sent 1.6 million shells.",
                "Dr. Kim met Gen. Park on Jan. 5.",
                "Then they left."
            ]
        );
    }

    #[test]
    fn handles_quotes_and_brackets() {
        let text =
            "He warned of a “new world war.” The talks (held in Seoul.) ended. \"Why?\" she asked.";
        assert_eq!(
            split(text),
            vec![
                "He warned of a “new world war.”",
                "The talks (held in Seoul.) ended.",
                "\"Why?\" she asked."
            ]
        );
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(split("Kim J. Un spoke. Yes."), vec!["Kim J. Un spoke.", "Yes."]);
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(
            split("Forces can use U.S. provided weapons."),
            vec!["Forces can use U.S. provided weapons."]
        );
    }
}
