//! Documents as the coder sees them: plain article text with paragraphs, sentences and
//! footnotes located by byte offsets.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One article, after ingest removed page chrome.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: Option<String>,
    pub author: Option<String>,
    /// Publication date; relative dates in the text are anchored to it.
    pub date: Option<NaiveDate>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// BCP-47-ish language tag as found in the source (`en`, `en-US`), if any.
    pub language: Option<String>,
    /// Other-language versions of the page (`hreflang` links).
    pub alternates: Vec<Alternate>,
    /// The article body. Footnote markers such as `[1]` are removed from it and kept in
    /// `markers`.
    pub text: String,
    /// Paragraphs as byte ranges of `text`.
    /// Invariant: ordered, non-overlapping, every bound on a char boundary of `text`.
    pub paragraphs: Vec<(usize, usize)>,
    /// Invariant: ordered, non-overlapping, inside one paragraph, on char boundaries.
    pub sentences: Vec<Sentence>,
    pub footnotes: Vec<Footnote>,
    pub markers: Vec<FootnoteMarker>,
}

/// A sentence as a byte range of [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// A reference from the list at the end of an article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    pub number: u32,
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub access_date: Option<NaiveDate>,
}

/// Where a footnote marker stood in the body: the byte offset in [`Document::text`] just after
/// the text it annotates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FootnoteMarker {
    pub number: u32,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternate {
    pub language: String,
    pub url: String,
}

impl Document {
    pub fn sentence_text(&self, sentence: &Sentence) -> &str {
        &self.text[sentence.start..sentence.end]
    }

    /// Footnote numbers whose markers fall inside `sentence`, or directly after it (markers
    /// usually follow the full stop).
    pub fn markers_in(&self, sentence: &Sentence) -> impl Iterator<Item = u32> + '_ {
        let after = self.sentences.partition_point(|s| s.start < sentence.end);
        let next_start = self.sentences.get(after).map_or(self.text.len(), |s| s.start);
        let (start, end) = (sentence.start, sentence.end);
        self.markers
            .iter()
            .filter(move |m| m.offset > start && (m.offset <= end || m.offset < next_start))
            .map(|m| m.number)
    }

    /// The date for events the text does not date, when the document has no publication
    /// date: its latest footnote access date (the author read the sources by then, so the
    /// article is no older). Events dated this way have the date precision `access`.
    pub fn fallback_date(&self) -> Option<NaiveDate> {
        if self.date.is_some() {
            return None;
        }
        self.footnotes.iter().filter_map(|f| f.access_date).max()
    }

    /// The host of the document's `http(s)` URL, lower case, without `www.` and port:
    /// `https://www.Reuters.com/world/x` → `reuters.com`.
    pub fn url_domain(&self) -> Option<String> {
        let url = self.url.as_deref()?.trim();
        let (scheme, rest) = url.split_once("://")?;
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return None;
        }
        let authority = rest.split(['/', '?', '#']).next()?;
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        // An IPv6 literal keeps its brackets and colons; otherwise the port goes.
        let host = if host.starts_with('[') {
            host.split_inclusive(']').next()?
        } else {
            host.split(':').next()?
        };
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        (!host.is_empty()).then(|| host.to_string())
    }

    pub fn footnote(&self, number: u32) -> Option<&Footnote> {
        self.footnotes.iter().find(|f| f.number == number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_domain_is_the_site() {
        let domain =
            |url: &str| Document { url: Some(url.into()), ..Document::default() }.url_domain();
        assert_eq!(domain("https://www.Reuters.com/world/x?y#z").as_deref(), Some("reuters.com"));
        assert_eq!(
            domain("http://user@news.example.org:8080/a").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(domain("http://[::1]:80/").as_deref(), Some("[::1]"));
        assert_eq!(domain("file:///etc/passwd"), None);
        assert_eq!(domain("notes.txt"), None);
        assert_eq!(Document::default().url_domain(), None);
    }
}
