//! Date expressions, absolute and relative to the publication date: "June 19, 2024",
//! "In February 2024", "on Wednesday", "last year", "in early July", "since autumn 2023",
//! "a few days after", "three weeks ago".

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::tokens::{is, is_any, Token};

#[derive(Debug, Clone, PartialEq)]
pub struct DateExpr {
    pub tok_start: usize,
    pub tok_end: usize,
    pub date: NaiveDate,
    pub precision: &'static str,
}

use dyad_model::calendar::{month_number, MONTHS};

fn month_of(text: &str, tok: &Token) -> Option<u32> {
    let word = &text[tok.start..tok.end];
    // "May" is a month only when capitalised; "march" likewise.
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    month_number(word)
}

fn number(text: &str, tok: &Token) -> Option<u32> {
    let word = &text[tok.start..tok.end];
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 4 {
        return None;
    }
    digits.parse().ok()
}

fn year(text: &str, tok: &Token) -> Option<i32> {
    let word = &text[tok.start..tok.end];
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = word.parse().ok()?;
        return (1900..=2100).contains(&y).then_some(y);
    }
    None
}

fn season_start(word: &str, year: i32) -> Option<NaiveDate> {
    let month = match word.to_ascii_lowercase().as_str() {
        "spring" => 3,
        "summer" => 6,
        "autumn" | "fall" => 9,
        "winter" => 12,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, 1)
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Whether `word` names a day of the week ("Monday", "monday").
pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|(name, _)| name.eq_ignore_ascii_case(word))
}

/// `date` moved by `days`, or `None` beyond chrono's range (a number in the text can be
/// anything).
fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(days)?)
}

fn small_number(text: &str, tok: &Token) -> Option<i64> {
    let word = text[tok.start..tok.end].to_ascii_lowercase();
    let n = match word.as_str() {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" | "few" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "several" => 4,
        _ => return word.parse().ok(),
    };
    Some(n)
}

/// Whether a date expression can start with this word: a number, a capitalised word (a
/// month or weekday), or one of the few words relative expressions start with.
fn may_start_date(word: &str) -> bool {
    let first = word.as_bytes()[0];
    if first.is_ascii_digit() || first.is_ascii_uppercase() {
        return true;
    }
    let mut buf = [0u8; 12];
    if word.len() > buf.len() {
        return false;
    }
    for (b, w) in buf.iter_mut().zip(word.bytes()) {
        *b = w.to_ascii_lowercase();
    }
    matches!(
        &buf[..word.len()],
        b"early"
            | b"late"
            | b"mid"
            | b"end"
            | b"today"
            | b"tonight"
            | b"yesterday"
            | b"tomorrow"
            | b"last"
            | b"this"
            | b"next"
            | b"past"
            | b"earlier"
            | b"a"
            | b"an"
            | b"one"
            | b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"several"
            | b"few"
            | b"couple"
            | b"spring"
            | b"summer"
            | b"autumn"
            | b"fall"
            | b"winter"
            | b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
    ) || word.len() > 4 && buf[..4] == *b"mid-"
}

/// Finds the date expressions of a sentence. `anchor` is the publication date; without one,
/// only absolute dates are found. `future` says whether the sentence speaks of the future,
/// which decides whether a bare weekday or month lies before or after the anchor.
pub fn find(text: &str, tokens: &[Token], anchor: Option<NaiveDate>) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let mut k = 0;
    let tok = |i: usize| tokens.get(i);
    while k < tokens.len() {
        let t = &tokens[k];
        if !may_start_date(&text[t.start..t.end]) {
            k += 1;
            continue;
        }
        if let Some(expr) = month_date(text, tokens, k, anchor) {
            k = expr.tok_end;
            out.push(expr);
            continue;
        }
        // ISO date.
        let word = &text[t.start..t.end];
        if word.len() == 10 && word.as_bytes()[4] == b'-' {
            if let Ok(date) = NaiveDate::parse_from_str(word, "%Y-%m-%d") {
                out.push(DateExpr { tok_start: k, tok_end: k + 1, date, precision: "day" });
                k += 1;
                continue;
            }
        }
        // Seasons: "autumn 2023", "last summer", "this spring".
        if let Some(y) = tok(k + 1).and_then(|n| year(text, n)) {
            if let Some(date) = season_start(word, y) {
                out.push(DateExpr { tok_start: k, tok_end: k + 2, date, precision: "season" });
                k += 2;
                continue;
            }
        }
        // "in 2023", "since 2022", "by 2025"
        if let Some(y) = year(text, t) {
            let preceded = k > 0
                && is_any(
                    text,
                    &tokens[k - 1],
                    &[
                        "in", "since", "by", "during", "until", "from", "of", "early", "late",
                        "mid", "before", "after",
                    ],
                );
            if preceded {
                if let Some(date) = NaiveDate::from_ymd_opt(y, 1, 1) {
                    out.push(DateExpr {
                        tok_start: k - 1,
                        tok_end: k + 1,
                        date,
                        precision: "year",
                    });
                }
                k += 1;
                continue;
            }
        }
        if let Some(a) = anchor {
            if let Some(expr) = relative(text, tokens, k, a) {
                k = expr.tok_end;
                out.push(expr);
                continue;
            }
        }
        k += 1;
    }
    out
}

/// A date with a month name starting at token `k`: "June 19, 2024", "June 19", "June 2024",
/// "19 June 2024", "early July", "mid-July"; a month without a year is the most recent one
/// before `anchor`.
fn month_date(
    text: &str,
    tokens: &[Token],
    k: usize,
    anchor: Option<NaiveDate>,
) -> Option<DateExpr> {
    let t = &tokens[k];
    let tok = |i: usize| tokens.get(i);
    // "June 19, 2024" / "June 19" / "June 2024" / "early July" / "mid-July"
    let part =
        if is_any(text, t, &["early", "late", "mid", "mid-", "end"]) { Some(k) } else { None };
    let month_idx = if part.is_some() && tok(k + 1).is_some_and(|n| month_of(text, n).is_some()) {
        k + 1
    } else if part.is_some()
        && tok(k + 1).is_some_and(|n| is(text, n, "of"))
        && tok(k + 2).is_some_and(|n| month_of(text, n).is_some())
    {
        k + 2
    } else {
        k
    };
    let month_tok = &tokens[month_idx];
    let hyphen_mid = text[t.start..t.end].to_ascii_lowercase().starts_with("mid-");
    let month = month_of(text, month_tok).or_else(|| {
        hyphen_mid.then(|| {
            let word = &text[t.start + 4..t.end];
            MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word)).map(|i| i as u32 + 1)
        })?
    });
    let month = month?;
    let mut end = month_idx + 1;
    let mut day = None;
    let mut yr = None;
    if let Some(d) = tok(end).and_then(|n| number(text, n)).filter(|d| (1..=31).contains(d)) {
        day = Some(d);
        end += 1;
        if tok(end).is_some_and(|n| is(text, n, ","))
            && tok(end + 1).and_then(|n| year(text, n)).is_some()
        {
            end += 1;
        }
    }
    if let Some(y) = tok(end).and_then(|n| year(text, n)) {
        yr = Some(y);
        end += 1;
    }
    // "19 June 2024"
    let mut start = if part.is_some() || hyphen_mid { k } else { month_idx };
    if day.is_none() && start > 0 {
        if let Some(d) = number(text, &tokens[start - 1]).filter(|d| (1..=31).contains(d)) {
            day = Some(d);
            start -= 1;
        }
    }
    let year = yr.or_else(|| {
        let a = anchor?;
        // A month named without a year is the most recent such month, unless it is
        // more than a month ahead (then last year's).
        Some(if month > a.month() + 1 { a.year() - 1 } else { a.year() })
    });
    let year = year?;
    let (date, precision) =
        match (day, part.map(|p| text[tokens[p].start..tokens[p].end].to_ascii_lowercase())) {
            (Some(d), _) => (NaiveDate::from_ymd_opt(year, month, d), "day"),
            (None, Some(p)) if p.starts_with("early") => {
                (NaiveDate::from_ymd_opt(year, month, 1), "part_of_month")
            }
            (None, Some(p)) if p.starts_with("mid") => {
                (NaiveDate::from_ymd_opt(year, month, 11), "part_of_month")
            }
            (None, Some(_)) => (NaiveDate::from_ymd_opt(year, month, 21), "part_of_month"),
            (None, None) if hyphen_mid => {
                (NaiveDate::from_ymd_opt(year, month, 11), "part_of_month")
            }
            (None, None) => (NaiveDate::from_ymd_opt(year, month, 1), "month"),
        };
    Some(DateExpr { tok_start: start, tok_end: end, date: date?, precision })
}

/// A date relative to the publication date `a` starting at token `k`: "yesterday", a
/// weekday, "last month", "earlier this year", "three weeks ago".
fn relative(text: &str, tokens: &[Token], k: usize, a: NaiveDate) -> Option<DateExpr> {
    let t = &tokens[k];
    let next = tokens.get(k + 1);
    let expr = |end: usize, date: NaiveDate, precision: &'static str| {
        Some(DateExpr { tok_start: k, tok_end: end, date, precision })
    };
    let raw = &text[t.start..t.end];
    let numeric = raw.bytes().all(|b| b.is_ascii_digit());
    if raw.len() > 9 || !(numeric || STARTS.iter().any(|w| w.eq_ignore_ascii_case(raw))) {
        return None;
    }
    let word = raw.to_ascii_lowercase();
    match word.as_str() {
        "today" | "tonight" => return expr(k + 1, a, "day"),
        "yesterday" => return expr(k + 1, add_days(a, -1)?, "day"),
        "tomorrow" => return expr(k + 1, add_days(a, 1)?, "day"),
        _ => {}
    }
    if let Some((_, weekday)) = WEEKDAYS.iter().find(|(w, _)| word == *w) {
        // The most recent such day on or before the publication date.
        let back = (7 + a.weekday().num_days_from_monday() as i64
            - weekday.num_days_from_monday() as i64)
            % 7;
        return expr(k + 1, add_days(a, -back)?, "day");
    }
    if matches!(word.as_str(), "last" | "this" | "next" | "past") {
        let unit = next.map(|n| text[n.start..n.end].to_ascii_lowercase())?;
        if let Some((date, precision)) = period_start(&word, &unit, a) {
            return expr(k + 2, date, precision);
        }
    }
    // "earlier this month", "earlier this year"
    if word == "earlier" && next.is_some_and(|n| is(text, n, "this")) {
        let unit = tokens.get(k + 2)?;
        if is(text, unit, "month") {
            return expr(k + 3, NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?, "month");
        }
        if is(text, unit, "year") {
            return expr(k + 3, NaiveDate::from_ymd_opt(a.year(), 1, 1)?, "year");
        }
    }
    // "three weeks ago", "a few days ago"
    let n_idx = if word == "a" && next.is_some_and(|n| is_any(text, n, &["few", "couple"])) {
        k + 1
    } else {
        k
    };
    ago(text, tokens, k, n_idx, &word, a)
}

/// Relative expressions start with one of a few words (or a number); the rest are skipped
/// without allocating.
const STARTS: &[&str] = &[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last",
    "this",
    "next",
    "past",
    "earlier",
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "several",
    "few",
    "couple",
];

/// The start of the period `unit` ("year", "month", "week", a season) that `word` ("last",
/// "this", "next", "past") names, seen from `a`, with its precision.
fn period_start(word: &str, unit: &str, a: NaiveDate) -> Option<(NaiveDate, &'static str)> {
    let shift = match word {
        "last" | "past" => -1,
        "next" => 1,
        _ => 0,
    };
    match unit {
        "year" => NaiveDate::from_ymd_opt(a.year() + shift, 1, 1).map(|d| (d, "year")),
        "month" => {
            let m0 = a.year() * 12 + a.month0() as i32 + shift;
            NaiveDate::from_ymd_opt(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1, 1)
                .map(|d| (d, "month"))
        }
        "week" => add_days(a, 7 * i64::from(shift) - i64::from(a.weekday().num_days_from_monday()))
            .map(|d| (d, "week")),
        "spring" | "summer" | "autumn" | "fall" | "winter" => {
            let this = season_start(unit, a.year())?;
            let year = match shift {
                -1 if this >= a => a.year() - 1,
                1 if this <= a => a.year() + 1,
                _ => a.year(),
            };
            season_start(unit, year).map(|d| (d, "season"))
        }
        _ => None,
    }
}

/// "three weeks ago", "a few days ago": the count at `n_idx` (`k`, or `k + 1` after "a"),
/// its unit, then "ago".
fn ago(
    text: &str,
    tokens: &[Token],
    k: usize,
    n_idx: usize,
    word: &str,
    a: NaiveDate,
) -> Option<DateExpr> {
    if let Some(n) = small_number(text, &tokens[n_idx]) {
        let mut u = n_idx + 1;
        if tokens.get(u).is_some_and(|t| is(text, t, "of")) {
            u += 1;
        }
        let unit = tokens.get(u)?;
        let ago = tokens.get(u + 1).is_some_and(|t| is(text, t, "ago"));
        if ago {
            let unit_word = text[unit.start..unit.end].to_ascii_lowercase();
            let per_unit = match unit_word.trim_end_matches('s') {
                "day" => 1,
                "week" => 7,
                "month" => 30,
                "year" => 365,
                _ => return None,
            };
            let days = n.checked_mul(per_unit)?;
            let precision = if n_idx != k || word == "several" { "approximate" } else { "day" };
            return Some(DateExpr {
                tok_start: k,
                tok_end: u + 2,
                date: add_days(a, days.checked_neg()?)?,
                precision,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    #[test]
    fn numbers_beyond_the_calendar_give_no_date() {
        // Found by fuzzing: these panicked with an overflow.
        for text in ["It began 6019090906 days ago.", "It began 9223372036854775807 years ago."] {
            assert_eq!(dates(text, "2024-06-19"), []);
        }
        assert_eq!(dates("It ended 3 days ago.", "2024-06-19")[0].0, "2024-06-16");
    }

    fn dates(text: &str, anchor: &str) -> Vec<(String, &'static str, String)> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), &mut tokens);
        let anchor = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").ok();
        find(text, &tokens, anchor)
            .into_iter()
            .map(|d| {
                (
                    d.date.to_string(),
                    d.precision,
                    text[tokens[d.tok_start].start..tokens[d.tok_end - 1].end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            dates("On June 19, 2024 in Pyongyang", "2024-06-28"),
            [("2024-06-19".into(), "day", "June 19, 2024".into())]
        );
        assert_eq!(dates("on 19 June 2024", "2024-06-28")[0].0, "2024-06-19");
        assert_eq!(
            dates("In February 2024, officials", "2024-06-28"),
            [("2024-02-01".into(), "month", "February 2024".into())]
        );
        assert_eq!(
            dates("since autumn 2023.", "2024-06-28"),
            [("2023-09-01".into(), "season", "autumn 2023".into())]
        );
        assert_eq!(
            dates("in 2022", "2024-06-28"),
            [("2022-01-01".into(), "year", "in 2022".into())]
        );
    }

    #[test]
    fn relative_dates() {
        // 2024-06-28 was a Friday.
        assert_eq!(dates("on Wednesday", "2024-06-28")[0].0, "2024-06-26");
        assert_eq!(dates("since last year", "2024-06-28")[0].0, "2023-01-01");
        assert_eq!(
            dates("in early July", "2024-06-28"),
            [("2024-07-01".into(), "part_of_month", "early July".into())]
        );
        assert_eq!(dates("three weeks ago", "2024-06-28")[0].0, "2024-06-07");
        assert_eq!(dates("yesterday", "2024-06-28")[0].0, "2024-06-27");
        assert_eq!(dates("last month", "2024-01-15")[0].0, "2023-12-01");
        assert_eq!(dates("in December", "2024-06-28")[0].0, "2023-12-01");
    }

    #[test]
    fn may_the_verb_is_no_month() {
        assert!(dates("Russia may send troops", "2024-06-28").is_empty());
    }
}
