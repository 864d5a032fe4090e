//! English month names, shared by metadata parsing and the coder's date grammar, and the
//! date bounds of filters (`--since 2024-06`, `?until=2024`), shared by the CLI and the API.

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

/// The earliest date a document or an event may carry: news of earlier times is history,
/// and a date before it is a typo or a placeholder.
pub const EARLIEST_DATE: (i32, u32, u32) = (1800, 1, 1);

/// Whether `date` is plausible for news read on `today`: from [`EARLIEST_DATE`] to one year
/// after `today` (a scheduled event may be announced ahead). `Err` says why not, in words
/// that follow the value ("`9999-12-31` is …"). A date beyond it (9999-12-31, a placeholder)
/// would make an analysis over time build a window for every day up to it.
pub fn plausible_date(date: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<(), String> {
    let (y, m, d) = EARLIEST_DATE;
    let earliest = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or(chrono::NaiveDate::MIN);
    let latest =
        today.checked_add_months(chrono::Months::new(12)).unwrap_or(chrono::NaiveDate::MAX);
    if date < earliest {
        return Err(format!("`{date}` is before {earliest}, the earliest date dyad accepts"));
    }
    if date > latest {
        return Err(format!(
            "`{date}` is more than a year after today ({today}), the latest date dyad accepts"
        ));
    }
    Ok(())
}

/// Today's date (UTC), for [`plausible_date`]: the only clock this crate reads.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A date bound of a filter as people write it: `2024-06-19`, `2024-06` or `2024`. A month
/// or year stands for its first day as a start (`end` false) and its last day as an end, so
/// `--since 2024-06 --until 2024-06` is all of June. `None` when the text is none of these.
pub fn date_bound(text: &str, end: bool) -> Option<chrono::NaiveDate> {
    use chrono::NaiveDate;
    let text = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [_, _, _] => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
        [y, m] if y.len() == 4 && digits(y) && (1..=2).contains(&m.len()) && digits(m) => {
            let (year, month) = (y.parse().ok()?, m.parse().ok()?);
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            if !end {
                return Some(first);
            }
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)
            };
            next.and_then(|n| n.pred_opt())
        }
        [y] if y.len() == 4 && digits(y) => {
            let year = y.parse().ok()?;
            if end {
                NaiveDate::from_ymd_opt(year, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
        }
        _ => None,
    }
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

    #[test]
    fn date_bounds_of_days_months_and_years() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(date_bound("2024-06-19", false), d("2024-06-19"));
        assert_eq!(date_bound("2024-06-19", true), d("2024-06-19"));
        assert_eq!(date_bound("2024-06", false), d("2024-06-01"));
        assert_eq!(date_bound("2024-06", true), d("2024-06-30"));
        assert_eq!(date_bound("2024-02", true), d("2024-02-29"));
        assert_eq!(date_bound("2024-12", true), d("2024-12-31"));
        assert_eq!(date_bound("2024", false), d("2024-01-01"));
        assert_eq!(date_bound("2024", true), d("2024-12-31"));
        for bad in ["June", "2024-13", "2024-06-31", "24", "2024-", "-06", ""] {
            assert_eq!(date_bound(bad, false), None, "{bad}");
        }
    }
}
