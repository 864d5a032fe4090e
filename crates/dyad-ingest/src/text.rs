//! Plain text, including text pasted from a web page. Page chrome is recognised by general
//! rules, never by strings from one page:
//! - lines without sentence-final punctuation are headings or interface labels ("Share",
//!   "Analysis", language switchers); the first long one becomes the title if none is known;
//! - a "similar/related posts" heading ends the article;
//! - lines that start with a bracketed number (`[3] …`), or follow a "References"/"Notes"
//!   heading, are the reference list, parsed into footnotes;
//! - a short name line followed by a paragraph that mentions that name, after the body,
//!   is an author box.

use dyad_model::Document;

use crate::{assemble, frontmatter, reference};

/// Parses plain text (with optional YAML front matter) into a document.
pub fn parse_text(id: &str, text: &str) -> Document {
    parse_text_noting(id, text).0
}

/// [`parse_text`], with a warning when the front matter gives a date that is not one (the
/// document is still read, without the date, as JSONL does with a bad `date`).
pub(crate) fn parse_text_noting(id: &str, text: &str) -> (Document, Option<String>) {
    let mut doc = Document { id: id.to_string(), ..Document::default() };
    let (pairs, body_start) = frontmatter::split(text);
    let mut warning = None;
    for (key, value) in pairs {
        if let Some(bad) = apply_meta(&mut doc, &key, value) {
            warning = Some(bad);
        }
    }
    let lines = logical_lines(&text[body_start..]);
    let paragraphs = select_body(&mut doc, &lines);
    assemble(&mut doc, &paragraphs);
    (doc, warning)
}

/// Sets one front-matter field; returns a warning for a value that cannot be used.
pub(crate) fn apply_meta(doc: &mut Document, key: &str, value: String) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    match key {
        "title" | "headline" => doc.title = Some(value),
        "date" | "published" | "publication_date" | "pubdate" => {
            doc.date = reference::parse_date(&value);
            if doc.date.is_none() {
                return Some(format!(
                    "front matter `{key}`: `{value}` is not a date; using the default date"
                ));
            }
        }
        "outlet" | "source" | "publisher" | "publication" => doc.outlet = Some(value),
        "url" | "link" => doc.url = Some(value),
        "author" | "by" | "byline" => doc.author = Some(value),
        "language" | "lang" => doc.language = Some(value),
        "id" => doc.id = value,
        _ => {}
    }
    None
}

/// Lines of the body with hard wraps undone: a line that does not end a sentence and is
/// followed by a line starting in lower case continues on that line.
fn logical_lines(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joinable = false;
    for raw in body.lines() {
        let line = raw.trim();
        if line.is_empty() {
            out.push(String::new());
            joinable = false;
            continue;
        }
        let starts_lower = line.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(prev) if joinable && starts_lower => {
                prev.push(' ');
                prev.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
        joinable = !ends_sentence(line);
    }
    out
}

/// Whether a line ends like a sentence (after closing quotes and brackets).
pub(crate) fn ends_sentence(line: &str) -> bool {
    let core = strip_trailing_marker(line);
    core.ends_with(['.', '!', '?', '…'])
}

/// "… delay.[1]" ends a sentence too.
fn strip_trailing_marker(line: &str) -> &str {
    let mut s = line.trim_end();
    while s.ends_with(']') {
        match s.rfind('[') {
            Some(open) if s[open + 1..s.len() - 1].bytes().all(|b| b.is_ascii_digit()) => {
                s = s[..open].trim_end();
            }
            _ => break,
        }
    }
    s.trim_end_matches(['"', '\'', ')', '”', '’', '»'])
}

/// The heading that ends an article and starts a block of links to other articles.
pub(crate) fn is_related_heading(line: &str) -> bool {
    // The longest heading below is 21 bytes; paragraphs are not lower-cased to find out.
    if line.len() > 64 {
        return false;
    }
    let norm = line.trim().trim_end_matches(':').to_lowercase();
    const HEADINGS: &[&str] = &[
        "similar posts",
        "related posts",
        "related articles",
        "related stories",
        "related news",
        "related",
        "read more",
        "read also",
        "also read",
        "you may also like",
        "you might also like",
        "more stories",
        "more from this author",
        "recommended",
        "recommended for you",
        "more news",
        "latest news",
        "popular posts",
        "most read",
        "see also",
        "other posts",
        "similar articles",
    ];
    HEADINGS.contains(&norm.as_str())
}

pub(crate) fn is_reference_heading(line: &str) -> bool {
    if line.len() > 64 {
        return false;
    }
    let norm = line.trim().trim_end_matches(':').to_lowercase();
    matches!(
        norm.as_str(),
        "references" | "notes" | "footnotes" | "sources" | "endnotes" | "bibliography"
    )
}

/// A line of the reference list: `[3] …`.
fn reference_number(line: &str) -> Option<u32> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find(']')?;
    rest[..close].trim().parse().ok()
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A short line of capitalised words: a byline or an author's name.
fn looks_like_name(line: &str) -> bool {
    // At most seven words are looked at: a paragraph is not split to find out.
    let words: Vec<&str> = line.split_whitespace().take(7).collect();
    (2..=6).contains(&words.len())
        && !ends_sentence(line)
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn select_body(doc: &mut Document, lines: &[String]) -> Vec<String> {
    // 1. Cut at a related-content heading.
    let end = lines.iter().position(|l| is_related_heading(l)).unwrap_or(lines.len());
    let lines: Vec<&str> = lines[..end].iter().map(String::as_str).collect();

    // 2. The reference list: numbered lines (`[3] …`), or `3. …` lines after a references
    //    heading. Whatever follows it is an author box or chrome, never article text.
    let mut body_end = lines.len();
    let mut in_references = false;
    for (idx, line) in lines.iter().enumerate() {
        let numbered = reference_number(line).or_else(|| {
            in_references.then(|| line.split('.').next()?.trim().parse::<u32>().ok()).flatten()
        });
        if let Some(number) = numbered {
            doc.footnotes.push(reference::parse_footnote(number, line));
            body_end = body_end.min(idx);
            in_references = true;
        } else if is_reference_heading(line) {
            body_end = body_end.min(idx);
            in_references = true;
        } else if in_references && !line.is_empty() {
            if looks_like_name(line) && doc.author.is_none() {
                doc.author = Some(line.to_string());
            }
            break;
        }
    }
    reference::resolve_ibid(&mut doc.footnotes);
    let mut body = &lines[..body_end];

    // 3. An author box at the end: a name line followed by at most two paragraphs, one of
    //    which mentions the name.
    for idx in (0..body.len()).rev() {
        let line = body[idx];
        if !looks_like_name(line) {
            continue;
        }
        let surname = line.split_whitespace().last().unwrap_or("").to_lowercase();
        let after: Vec<&str> = body[idx + 1..]
            .iter()
            .copied()
            .filter(|l| !l.is_empty() && !looks_like_name(l))
            .collect();
        if after.len() <= 2 && after.iter().any(|l| l.to_lowercase().contains(&surname)) {
            if doc.author.is_none() {
                doc.author = Some(line.to_string());
            }
            body = &body[..idx];
            break;
        }
    }

    // 4. Headings and labels are not sentences; the first long one is the title. A line of
    //    prose whose last sentence lost its final punctuation (a truncated feed item, a
    //    snippet) is still prose.
    let mut paragraphs = Vec::new();
    let mut headings = Vec::new();
    for line in body.iter().filter(|l| !l.is_empty()) {
        if ends_sentence(line) || is_unterminated_prose(line) {
            paragraphs.push(line.to_string());
        } else {
            if doc.title.is_none() && word_count(line) >= 4 && paragraphs.is_empty() {
                doc.title = Some(line.to_string());
            }
            headings.push(*line);
        }
    }
    // Chrome removal never empties a document that has words: a text that is only a
    // headline or a snippet without punctuation is coded as it stands.
    if paragraphs.is_empty() {
        paragraphs.extend(headings.iter().filter(|l| word_count(l) >= 3).map(|l| l.to_string()));
    }
    paragraphs
}

/// A line without final punctuation that is still prose rather than a heading or label:
/// it holds a finished sentence before its last words ("… Ukraine. Fighting went on"), or
/// it is long and mostly in lower case, as sentences are and title-case headings are not.
fn is_unterminated_prose(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().take(64).collect();
    if words.len() < 3 {
        return false;
    }
    let inner_sentence_end = words.windows(2).any(|pair| {
        let ends = pair[0].len() > 2 && ends_sentence(pair[0]) && !pair[0].ends_with("..");
        ends && pair[1].chars().next().is_some_and(char::is_uppercase)
    });
    if inner_sentence_end {
        return true;
    }
    let lower = words.iter().filter(|w| w.chars().next().is_some_and(char::is_lowercase)).count();
    words.len() >= 10 && lower * 2 > words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str =
        "Commentary\n\nWhy the Pact Matters Now\n\nShare\n\nRead in: Español Français\n\n\
Russia signed a treaty with North Korea.[1] It took effect later.\n\n\
Seoul protested on Friday.[2]\n\n\
[1] “Treaty signed”, Example News, https://example.org/a, (Access Date: 20.06.2024).\n\
[2] Ibid.\n\n\
Jane Q. Writer\n\
Jane Writer studied history and now writes about Korea for this site.\n\n\
Similar Posts\nAnother headline here\n";

    #[test]
    fn strips_chrome_by_general_rules() {
        let doc = parse_text("p", PAGE);
        assert_eq!(doc.title.as_deref(), Some("Why the Pact Matters Now"));
        assert_eq!(doc.text, "Russia signed a treaty with North Korea. It took effect later.\n\nSeoul protested on Friday.");
        assert_eq!(doc.sentences.len(), 3);
        assert_eq!(doc.footnotes.len(), 2);
        assert_eq!(doc.footnotes[1].url.as_deref(), Some("https://example.org/a"));
        assert_eq!(doc.author.as_deref(), Some("Jane Q. Writer"));
        assert_eq!(doc.markers.len(), 2);
    }

    #[test]
    fn a_front_matter_date_that_is_not_one_is_a_warning() {
        // Issue 17: the bad date was dropped without a word; JSONL warns.
        let text =
            "---\ntitle: Talks\ndate: the day after tomorrow\n---\nChile recalled its envoy.";
        let parsed = crate::parse("p", "page.txt", text.as_bytes(), None).unwrap();
        assert_eq!(parsed.document.date, None);
        let warning = parsed.warning.unwrap_or_default();
        assert!(warning.contains("`the day after tomorrow` is not a date"), "{warning}");
        let good = text.replace("the day after tomorrow", "2024-06-19");
        assert!(crate::parse("p", "page.txt", good.as_bytes(), None).unwrap().warning.is_none());
    }

    #[test]
    fn front_matter_sets_metadata() {
        let doc = parse_text("x", "---\ntitle: T\ndate: 2024-06-19\noutlet: O\nurl: https://e.org\nauthor: A\n---\n\nKim met Putin.\n");
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2024-06-19"));
        assert_eq!(doc.outlet.as_deref(), Some("O"));
        assert_eq!(doc.text, "Kim met Putin.");
    }

    #[test]
    fn unterminated_last_sentence_is_kept() {
        // Issue 15: a text whose last sentence has no final punctuation lost every sentence.
        let doc =
            parse_text("u", "Russia attacked Ukraine. China condemned Russia. Fighting went on");
        assert_eq!(doc.sentences.len(), 3);
        assert!(doc.text.ends_with("Fighting went on"));
    }

    #[test]
    fn snippets_and_headlines_are_coded() {
        let snippet = "Gunmen fired on a checkpoint near the border town, wounding three guards";
        assert_eq!(parse_text("s", snippet).sentences.len(), 1);
        let headline = "Army Shells Rebel Positions Near Capital";
        assert_eq!(parse_text("h", headline).sentences.len(), 1);
        // A truncated last paragraph of a story is kept with the rest.
        let story = "Troops moved into the valley on Monday.\n\nOfficials said the operation would go on until the groups were disarmed and the\n";
        assert_eq!(parse_text("t", story).sentences.len(), 2);
        // Labels and short headings are still left out when there is prose.
        let page = "Share\n\nWorld News\n\nThe talks ended without a deal.\n";
        assert_eq!(parse_text("p", page).text, "The talks ended without a deal.");
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let doc = parse_text("w", "Russia and North Korea\nsigned a pact on Wednesday.\n");
        assert_eq!(doc.text, "Russia and North Korea signed a pact on Wednesday.");
    }
}
