//! English month names, shared by metadata parsing and the coder's date grammar.

pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month number (1–12) of an English month name or its three-letter abbreviation (and
/// "Sept"), in any case, with or without a final dot. Does not allocate.
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    if word.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(word) || (word.len() == 3 && m[..3].eq_ignore_ascii_case(word))
        })
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(month_number("June"), Some(6));
        assert_eq!(month_number("jan."), Some(1));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Mayday"), None);
    }
}
