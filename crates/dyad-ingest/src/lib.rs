//! Pure parsers from bytes to [`Document`]s: plain text (optionally with YAML front matter),
//! HTML pages and JSONL records.
//!
//! The main entry point is [`parse`], which detects the format from the file name and the
//! content. Every parser removes what is not article text (page chrome, reference lists,
//! author boxes, "similar posts" blocks) by general rules, reads metadata, parses footnotes
//! and links each footnote marker in the body to its reference, and splits the body into
//! paragraphs and sentences with byte offsets.
//!
//! ```
//! let doc = dyad_ingest::parse_text("d1", "Russia and North Korea signed a pact. It took effect in December.");
//! assert_eq!(doc.sentences.len(), 2);
//! ```
//!
//! Not here: fetching URLs or reading files (the CLI does that), and coding events.

mod decode;
mod depth;
mod feed;
mod frontmatter;
mod html;
mod jsonl;
pub mod language;
pub mod reference;
mod sentences;
mod text;

pub use decode::{decode, jsonl_unreadable, Decoded};
pub use feed::{parse_feed, Feed, FeedError, FeedItem, MAX_FEED_ITEMS};
pub use html::{parse_html, MAX_HTML_DEPTH};
pub use jsonl::{parse_jsonl_line, JsonlRecord};
pub use language::{looks_english, tag_is_english};
pub use sentences::split_sentences;
pub use text::parse_text;

use dyad_model::Document;

/// The input formats dyad reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
}

impl Format {
    /// Detects the format from the file name's extension, then from the content.
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
            return Format::Html;
        }
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            return Format::Jsonl;
        }
        if lower.ends_with(".txt") || lower.ends_with(".md") || lower.ends_with(".text") {
            return Format::Text;
        }
        let head = &bytes[..bytes.len().min(2048)];
        let head = match decode::utf16(head) {
            Some(enc) => enc.decode_with_bom_removal(head).0,
            None => String::from_utf8_lossy(head),
        };
        let trimmed = head.trim_start_matches('\u{feff}').trim_start();
        let head_lower = trimmed.to_ascii_lowercase();
        if head_lower.starts_with("<!doctype html")
            || head_lower.starts_with("<html")
            || (head_lower.starts_with('<') && head_lower.contains("<body"))
        {
            Format::Html
        } else if trimmed.starts_with('{')
            && trimmed.lines().next().is_some_and(|l| l.trim_end().ends_with('}'))
        {
            Format::Jsonl
        } else {
            Format::Text
        }
    }
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    /// The bytes are a binary format or binary data, not text.
    #[error("{reason}")]
    Binary { reason: String },
    /// No bytes, or nothing but white space.
    #[error("{}", if *bytes == 0 { "empty: no bytes".to_string() } else { format!("empty: nothing but white space ({bytes} bytes)") })]
    Empty { bytes: usize },
    /// A JSONL line is not a JSON object.
    #[error("line {line}: invalid JSON: {message}")]
    Json { line: usize, message: String },
    /// A JSONL record lacks a field or has one of the wrong type.
    #[error("line {line}: field `{field}`: {message}")]
    Field { line: usize, field: &'static str, message: String },
}

/// A parsed document and what was uncertain in reading it.
#[derive(Debug)]
pub struct Parsed {
    pub document: Document,
    /// How the bytes were decoded, when that was a guess or replaced bytes (see [`decode`]).
    pub warning: Option<String>,
}

/// Parses one text or HTML document. `charset` is the one the transport declared (an HTTP
/// `Content-Type` parameter), if any; see [`decode`] for the rest. JSONL input holds many
/// documents: use [`parse_jsonl_line`] for it.
pub fn parse(
    id: &str,
    name: &str,
    bytes: &[u8],
    charset: Option<&str>,
) -> Result<Parsed, IngestError> {
    let format = Format::detect(name, bytes);
    let decoded = decode(bytes, format, charset)?;
    let (document, noted) = match format {
        Format::Html => html::parse_html_noting(id, &decoded.text),
        Format::Text | Format::Jsonl => text::parse_text_noting(id, &decoded.text),
    };
    let warnings: Vec<String> = decoded.warning.into_iter().chain(noted).collect();
    let warning = (!warnings.is_empty()).then(|| warnings.join("; "));
    Ok(Parsed { document, warning })
}

/// Builds the document body from paragraphs: joins them with blank lines, moves footnote
/// markers (`[3]`) out of the text, and splits sentences.
pub(crate) fn assemble(doc: &mut Document, paragraphs: &[String]) {
    let mut body = String::new();
    for para in paragraphs {
        let para = para.trim();
        if para.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        push_without_markers(&mut body, para, &mut doc.markers);
        let end = body.trim_end().len();
        body.truncate(end);
        if end > start {
            doc.paragraphs.push((start, end));
        } else if start >= 2 {
            body.truncate(start - 2);
        }
    }
    doc.text = body;
    doc.sentences = doc
        .paragraphs
        .iter()
        .enumerate()
        .flat_map(|(idx, &(start, end))| {
            split_sentences(&doc.text[start..end]).into_iter().map(move |(s, e)| {
                dyad_model::Sentence { start: start + s, end: start + e, paragraph: idx }
            })
        })
        .collect();
}

/// Copies `para` into `body`, dropping bracketed numeric footnote markers such as `[12]` and
/// recording where they stood.
fn push_without_markers(
    body: &mut String,
    para: &str,
    markers: &mut Vec<dyad_model::FootnoteMarker>,
) {
    let mut rest = para;
    while let Some(pos) = rest.find('[') {
        let after = &rest[pos + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits <= 3 && after.as_bytes().get(digits) == Some(&b']') {
            body.push_str(&rest[..pos]);
            let trimmed = body.trim_end().len();
            body.truncate(trimmed);
            if let Ok(number) = after[..digits].parse() {
                markers.push(dyad_model::FootnoteMarker { number, offset: body.len() });
            }
            rest = &after[digits + 1..];
        } else {
            body.push_str(&rest[..=pos]);
            rest = after;
        }
    }
    body.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(Format::detect("a.html", b""), Format::Html);
        assert_eq!(Format::detect("a", b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::detect("a", b"{\"id\": 1}\n"), Format::Jsonl);
        assert_eq!(Format::detect("a", b"Plain words."), Format::Text);
        assert_eq!(Format::detect("a.jsonl", b"Plain words."), Format::Jsonl);
    }

    #[test]
    fn markers_leave_the_text() {
        let mut doc = Document::default();
        assemble(&mut doc, &["One sentence.[1] Another one. [2]".to_string()]);
        assert_eq!(doc.text, "One sentence. Another one.");
        assert_eq!(doc.markers.len(), 2);
        assert_eq!(doc.markers[0].offset, "One sentence.".len());
        assert_eq!(doc.markers[1].offset, doc.text.len());
    }

    #[test]
    fn detects_utf16_html() {
        let page: Vec<u8> = "<!DOCTYPE html><html><body><p>Pact.</p></body></html>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(Format::detect("page", &page), Format::Html);
        let parsed = parse("p", "page", &[&[0xff, 0xfe][..], &page].concat(), None).unwrap();
        assert_eq!(parsed.document.text, "Pact.");
    }
}
