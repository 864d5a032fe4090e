//! Footnotes and loose date strings from reference lists and metadata.

use chrono::NaiveDate;
use dyad_model::Footnote;

pub use dyad_model::calendar::month_number;

/// Parses the date formats found in metadata and reference lists: ISO (`2024-06-28`, with
/// or without a time), `28.06.2024`, `28/06/2024`, `28 June 2024`, `June 28, 2024`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // `get`: the tenth byte may fall inside a character.
    if let Some(head) = s.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(d);
        }
    }
    let nums: Vec<&str> = s.split(['.', '/', '-']).map(str::trim).collect();
    if nums.len() == 3
        && nums.iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        let (d, m, y) = (nums[0].parse().ok()?, nums[1].parse().ok()?, nums[2].parse().ok()?);
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    let words: Vec<&str> =
        s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.len() >= 3 {
        let strip = |w: &str| w.trim_end_matches(|c: char| c.is_alphabetic()).parse::<u32>().ok();
        if let (Some(d), Some(m), Ok(y)) =
            (strip(words[0]), month_number(words[1]), words[2].parse())
        {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
        if let (Some(m), Some(d), Ok(y)) =
            (month_number(words[0]), strip(words[1]), words[2].parse())
        {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
    }
    None
}

/// Parses one reference line such as
/// `[4] “Title”, Outlet, https://example.org/x, (Access Date: 28.06.2024).`
pub fn parse_footnote(number: u32, line: &str) -> Footnote {
    let text = strip_number(line).trim().to_string();
    let url = text
        .split_whitespace()
        .find(|w| w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www."))
        .map(|w| w.trim_end_matches([',', ')', '.', ';', '>', '”', '"']).to_string());
    let title = quoted(&text);
    let access_date = access_date(&text);
    Footnote { number, text, title, url, access_date }
}

fn strip_number(line: &str) -> &str {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix('[') {
        if let Some(close) = rest.find(']') {
            return &rest[close + 1..];
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with('.') {
        return &line[digits + 1..];
    }
    line
}

fn quoted(text: &str) -> Option<String> {
    for (open, close) in [('“', '”'), ('"', '"'), ('«', '»')] {
        if let Some(start) = text.find(open) {
            let inner = &text[start + open.len_utf8()..];
            if let Some(end) = inner.find(close) {
                let title = inner[..end].trim().trim_end_matches(',').trim();
                if !title.is_empty() {
                    return Some(title.to_string());
                }
            }
        }
    }
    None
}

fn access_date(text: &str) -> Option<NaiveDate> {
    // ASCII lower case keeps every byte offset; full lower case does not ("İ" grows), and
    // the offsets found here cut `text`.
    let lower = text.to_ascii_lowercase();
    for cue in
        ["access date", "accessed on", "accessed", "retrieved on", "retrieved", "erişim tarihi"]
    {
        if let Some(pos) = lower.find(cue) {
            let rest = &text[(pos + cue.len()).min(text.len())..];
            let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
            let candidate: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '/' | '-' | ' ' | ','))
                .collect();
            let candidate = candidate.trim().trim_end_matches(['.', ',']);
            for n in (6..=candidate.len()).rev() {
                if let Some(d) = candidate.get(..n).and_then(parse_date) {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// "Ibid." (and "ibidem", "op. cit.") repeat the previous reference's source.
pub fn resolve_ibid(footnotes: &mut [Footnote]) {
    for idx in 1..footnotes.len() {
        let lower = footnotes[idx].text.to_lowercase();
        if footnotes[idx].url.is_none()
            && (lower.starts_with("ibid") || lower.starts_with("op. cit"))
        {
            let prev = footnotes[idx - 1].clone();
            footnotes[idx].url = prev.url;
            footnotes[idx].title = prev.title;
            if footnotes[idx].access_date.is_none() {
                footnotes[idx].access_date = prev.access_date;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_dates_after_letters_that_grow_in_lower_case() {
        let text = "\u{130}\u{130}\u{130}\u{130} report, accessed 21.06.2024";
        assert_eq!(access_date(text), NaiveDate::from_ymd_opt(2024, 6, 21));
        assert_eq!(
            access_date("\u{130}stanbul Accessed: 2024-06-21"),
            NaiveDate::from_ymd_opt(2024, 6, 21)
        );
    }

    #[test]
    fn multibyte_character_at_the_tenth_byte_is_no_date() {
        // Found by the `code_text` fuzz target: byte 10 falls inside 'ˠ'.
        assert_eq!(parse_date("[accessedˠ"), None);
        assert_eq!(parse_date("2024-06-2ˠ"), None);
    }

    #[test]
    fn parses_reference_lines() {
        let f = parse_footnote(
            4,
            "[4] “A headline, with comma”, Outlet, https://e.org/a/b#, (Access Date: 28.06.2024).",
        );
        assert_eq!(f.number, 4);
        assert_eq!(f.title.as_deref(), Some("A headline, with comma"));
        assert_eq!(f.url.as_deref(), Some("https://e.org/a/b#"));
        assert_eq!(f.access_date, NaiveDate::from_ymd_opt(2024, 6, 28));
    }

    #[test]
    fn parses_loose_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 28);
        for s in [
            "2024-06-28T09:30:00+03:00",
            "28.06.2024",
            "28 June 2024",
            "June 28, 2024",
            "Jun 28 2024",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("31.02.2024"), None);
    }

    #[test]
    fn ibid_copies_previous_source() {
        let mut notes =
            vec![parse_footnote(1, "[1] “T”, O, https://e.org/1"), parse_footnote(2, "[2] Ibid.")];
        resolve_ibid(&mut notes);
        assert_eq!(notes[1].url.as_deref(), Some("https://e.org/1"));
    }
}
