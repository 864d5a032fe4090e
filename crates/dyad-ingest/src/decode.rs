//! Bytes to text. Refuses what is not text (binary files, empty files) with a reason, and
//! otherwise decodes the way a browser would: a byte-order mark first, then a charset the
//! server declared, then one the page declares (`<meta charset>` or its `http-equiv` form),
//! then UTF-8, then a guess (`chardetng`, Firefox's detector). Every step that is not certain
//! leaves a warning for the caller to show.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use memchr::{memchr, memmem};

use crate::{Format, IngestError};

/// Text decoded from bytes, with what was uncertain about it.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding the bytes were read in.
    pub encoding: &'static Encoding,
    /// Set when the encoding was guessed, a declaration was not understood, or bytes invalid
    /// in the encoding were replaced with U+FFFD.
    pub warning: Option<String>,
}

/// How many bytes from the start are searched for NUL bytes.
const SNIFF_BYTES: usize = 8192;
/// The HTML standard's prescan reads 1024 bytes; pages often declare later, and browsers then
/// reload in the declared charset. dyad reads up to `<body` or this many bytes.
const META_PRESCAN_BYTES: usize = 64 * 1024;

/// Signatures of common binary formats that end up where text is expected.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, EPUB or other zipped document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"PAR1", "a Parquet file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
];

/// A known binary format, by its signature.
fn magic_reason(bytes: &[u8]) -> Option<String> {
    let (_, what) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic))?;
    Some(format!("not text: {what}"))
}

/// NUL bytes near the start that UTF-16 does not explain.
fn nul_reason(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let nul = head.iter().position(|&b| b == 0)?;
    if utf16_without_bom(head).is_some() {
        return None;
    }
    Some(format!("not text: binary data (a NUL byte at offset {nul})"))
}

/// UTF-16 without a byte-order mark, recognised by mostly-ASCII text with every other byte
/// NUL.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 9 && even_nul * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 >= pairs * 9 && odd_nul * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// UTF-16, by its byte-order mark or its NUL bytes.
pub(crate) fn utf16(head: &[u8]) -> Option<&'static Encoding> {
    match Encoding::for_bom(head) {
        Some((enc, _)) if enc != UTF_8 => Some(enc),
        Some(_) => None,
        None => utf16_without_bom(&head[..head.len().min(SNIFF_BYTES)]),
    }
}

/// Why a JSONL stream cannot be read at all, judged from its first bytes: binary data, or
/// UTF-16 (JSON Lines are UTF-8).
pub fn jsonl_unreadable(head: &[u8]) -> Option<String> {
    if let Some(enc) = utf16(head) {
        return Some(format!(
            "JSON Lines must be UTF-8 and this is {} (convert it, e.g. with `iconv -f UTF-16 -t UTF-8`)",
            enc.name()
        ));
    }
    // One record with a NUL byte is that line's problem, not the file's.
    magic_reason(head)
}

/// Decodes a document. `charset` is what the transport declared (an HTTP `Content-Type`
/// parameter); HTML is also searched for a `<meta>` declaration.
pub fn decode<'a>(
    bytes: &'a [u8],
    format: Format,
    charset: Option<&str>,
) -> Result<Decoded<'a>, IngestError> {
    let mut warnings = Vec::new();
    let bom = Encoding::for_bom(bytes);
    let from_transport = charset.and_then(|label| known(label, "by the server", &mut warnings));
    if bom.is_none() {
        let utf16_declared = from_transport
            .is_some_and(|e| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
        let binary = magic_reason(bytes).or_else(|| nul_reason(bytes).filter(|_| !utf16_declared));
        if let Some(reason) = binary {
            return Err(IngestError::Binary { reason });
        }
    }
    let (encoding, body, declared) = if let Some((enc, bom)) = bom {
        (enc, &bytes[bom..], true)
    } else if let Some(enc) = from_transport {
        (enc, bytes, true)
    } else if let Some(enc) = utf16_without_bom(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        warnings.push(format!("no byte-order mark; read as {} by its NUL bytes", enc.name()));
        (enc, bytes, true)
    } else {
        let from_meta = match format {
            Format::Html => meta_charset(bytes)
                .and_then(|label| known_bytes(label, "by the page", &mut warnings))
                .map(|enc| {
                    // The HTML standard's rules for a charset found by the prescan.
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        UTF_8
                    } else if enc == encoding_rs::X_USER_DEFINED {
                        WINDOWS_1252
                    } else {
                        enc
                    }
                }),
            _ => None,
        };
        match from_meta {
            Some(enc) => (enc, bytes, true),
            None => (UTF_8, bytes, false),
        }
    };
    if encoding == encoding_rs::REPLACEMENT {
        // ISO-2022-KR, HZ-GB-2312 and the like: the Web maps them to an encoding that decodes
        // everything to one U+FFFD, as they were used to smuggle markup past filters.
        return Err(IngestError::Binary {
            reason: "declared in a charset that cannot be decoded safely (the HTML standard maps \
                     it to `replacement`)"
                .into(),
        });
    }
    let decoded = if encoding == UTF_8 {
        decode_utf8(body, declared, &mut warnings)
    } else {
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            warnings.push(format!(
                "bytes that are not valid {} were replaced with U+FFFD",
                encoding.name()
            ));
        }
        Decoded { text, encoding, warning: None }
    };
    if decoded.text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty() {
        return Err(IngestError::Empty { bytes: bytes.len() });
    }
    let warning = if warnings.is_empty() { None } else { Some(warnings.join("; ")) };
    Ok(Decoded { warning, ..decoded })
}

/// UTF-8 as is; otherwise, when the invalid bytes are a few among many valid non-ASCII
/// characters, UTF-8 with replacements, and when they are not (and no charset was declared),
/// the encoding `chardetng` guesses.
fn decode_utf8<'a>(body: &'a [u8], declared: bool, warnings: &mut Vec<String>) -> Decoded<'a> {
    let err = match std::str::from_utf8(body) {
        Ok(text) => return Decoded { text: Cow::Borrowed(text), encoding: UTF_8, warning: None },
        Err(err) => err,
    };
    let first_bad = err.valid_up_to();
    let (mut non_ascii, mut invalid) = (0usize, 0usize);
    for chunk in body.utf8_chunks() {
        non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    // Legacy single-byte text almost never forms valid multi-byte UTF-8 sequences, so any
    // number of them comparable to the bad bytes says UTF-8 with a few errors.
    if declared || non_ascii >= invalid {
        warnings.push(format!(
            "{invalid} byte sequence{} that {} not valid UTF-8 (the first at byte offset \
             {first_bad}) replaced with U+FFFD",
            if invalid == 1 { "" } else { "s" },
            if invalid == 1 { "is" } else { "are" },
        ));
        return Decoded { text: String::from_utf8_lossy(body), encoding: UTF_8, warning: None };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(body, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = guess.decode_without_bom_handling(body);
    warnings.push(format!(
        "not UTF-8 (byte offset {first_bad}) and no charset declared; read as {}, a guess{}",
        guess.name(),
        if had_errors { ", with invalid bytes replaced with U+FFFD" } else { "" }
    ));
    Decoded { text, encoding: guess, warning: None }
}

fn known(label: &str, by: &str, warnings: &mut Vec<String>) -> Option<&'static Encoding> {
    known_bytes(label.trim().as_bytes(), by, warnings)
}

fn known_bytes(label: &[u8], by: &str, warnings: &mut Vec<String>) -> Option<&'static Encoding> {
    let found = Encoding::for_label(label);
    if found.is_none() {
        let shown: String = String::from_utf8_lossy(label).chars().take(40).collect();
        warnings.push(format!("the charset `{shown}` declared {by} is unknown; ignored"));
    }
    found
}

/// The charset label of the first `<meta>` tag in the first 1024 bytes that declares one,
/// either as `<meta charset="…">` or as `<meta http-equiv="Content-Type" content="…;
/// charset=…">`.
fn meta_charset(bytes: &[u8]) -> Option<&[u8]> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let mut from = 0;
    while let Some(at) = memchr(b'<', &head[from..]) {
        let start = from + at;
        let rest = &head[start..];
        if rest.starts_with(b"<!--") {
            from = memmem::find(&rest[4..], b"-->").map_or(head.len(), |p| start + 4 + p + 3);
            continue;
        }
        let is_tag = |name: &[u8]| {
            rest.len() > name.len()
                && rest[..name.len()].eq_ignore_ascii_case(name)
                && (rest[name.len()].is_ascii_whitespace()
                    || matches!(rest[name.len()], b'/' | b'>'))
        };
        if is_tag(b"<body") {
            return None;
        }
        from = start + 1;
        if is_tag(b"<meta") {
            let end = memchr(b'>', rest).map_or(head.len(), |e| start + e);
            if let Some(label) = charset_attribute(&head[start + 5..end]) {
                return Some(label);
            }
            from = end;
        }
    }
    None
}

/// The value after `charset=` in a tag's attributes, without quotes.
fn charset_attribute(tag: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    while let Some(at) = find_ascii_ci(&tag[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while tag.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while tag.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            i += 1;
        }
        let len = tag[i..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/'))
            .unwrap_or(tag.len() - i);
        if len > 0 {
            return Some(&tag[i..i + len]);
        }
    }
    None
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8], format: Format, charset: Option<&str>) -> (String, Option<String>) {
        let d = decode(bytes, format, charset).unwrap();
        (d.text.into_owned(), d.warning)
    }

    #[test]
    fn utf8_passes_and_its_bom_goes() {
        assert_eq!(text("Kyiv — Seoul".as_bytes(), Format::Text, None).0, "Kyiv — Seoul");
        assert_eq!(text(b"\xef\xbb\xbfPact", Format::Text, None), ("Pact".into(), None));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "Seoul and Tokyo".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "Seoul and Tokyo".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = [&[0xff, 0xfe][..], &le].concat();
        assert_eq!(text(&with_bom, Format::Text, None), ("Seoul and Tokyo".into(), None));
        let (t, w) = text(&le, Format::Text, None);
        assert_eq!(t, "Seoul and Tokyo");
        assert!(w.unwrap().contains("UTF-16LE"));
        assert_eq!(text(&be, Format::Text, None).0, "Seoul and Tokyo");
    }

    #[test]
    fn declared_charsets_are_honoured() {
        // "Pyongyang’s" with a windows-1252 right single quote (0x92).
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>Pyongyang\x92s</body>";
        assert!(text(page, Format::Html, None).0.contains("Pyongyang\u{2019}s"));
        let http_equiv =
            b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>caf\xe9";
        assert!(text(http_equiv, Format::Html, None).0.ends_with("caf\u{e9}"));
        // The server's charset comes before the page's.
        let koi8 = b"<meta charset=utf-8>\xf0\xd5\xd4\xc9\xce";
        assert!(text(koi8, Format::Html, Some("koi8-r")).0.ends_with("Путин"));
        // A plain-text file is not searched for <meta>.
        let (_, w) = text(b"<meta charset=koi8-r> caf\xe9 \xe9t\xe9", Format::Text, None);
        assert!(w.unwrap().contains("a guess"));
    }

    #[test]
    fn undeclared_legacy_text_is_guessed_with_a_warning() {
        let (t, w) = text(b"The minister\x92s caf\xe9 visit, \x93soon\x94.", Format::Text, None);
        assert_eq!(t, "The minister\u{2019}s caf\u{e9} visit, \u{201c}soon\u{201d}.");
        let w = w.unwrap();
        assert!(w.contains("no charset declared") && w.contains("windows-1252"), "{w}");
    }

    #[test]
    fn mostly_utf8_keeps_utf8_and_counts_replacements() {
        let bytes = "Moskva — Pjöngjang — Sŏul — Tōkyō \u{2019}".as_bytes();
        let mut broken = bytes.to_vec();
        broken.push(0xff);
        let (t, w) = text(&broken, Format::Text, None);
        assert!(t.starts_with("Moskva — Pjöngjang") && t.ends_with('\u{fffd}'));
        assert!(w.unwrap().starts_with("1 byte sequence that is not valid UTF-8"));
    }

    #[test]
    fn the_meta_prescan_reads_to_the_body_and_skips_comments() {
        let mut late = format!(
            "<html><head><style>{}</style><meta charset=windows-1252></head><body>",
            "p{}".repeat(600)
        )
        .into_bytes();
        late.extend(b"caf\xe9");
        assert!(text(&late, Format::Html, None).0.ends_with("caf\u{e9}"));
        let commented = b"<!-- <meta charset=koi8-r> --><metadata charset=koi8-r><body><meta charset=koi8-r>\xf0\xd5\xd4\xc9\xce";
        let (_, w) = text(commented, Format::Html, None);
        assert!(w.unwrap().contains("a guess"), "the three declarations are not read");
    }

    #[test]
    fn a_declared_utf16_is_not_taken_for_binary() {
        // CJK text: no regular pattern of NUL bytes, but the server says UTF-16LE.
        let cjk: Vec<u8> =
            "\u{5e73}\u{58e4}\u{3068}\u{30e2}\u{30b9}\u{30af}\u{30ef} (Pyongyang and Moscow)"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect();
        assert!(decode(&cjk, Format::Text, None).is_err());
        assert!(text(&cjk, Format::Text, Some("utf-16le")).0.starts_with("\u{5e73}\u{58e4}"));
    }

    #[test]
    fn charsets_without_a_safe_decoder_are_refused() {
        let err = decode(b"<meta charset=iso-2022-kr>Hello", Format::Html, None).unwrap_err();
        assert!(err.to_string().contains("cannot be decoded safely"), "{err}");
    }

    #[test]
    fn unknown_labels_warn() {
        let (t, w) = text(b"<meta charset=\"klingon\">Hello", Format::Html, None);
        assert!(t.ends_with("Hello"));
        assert!(w.unwrap().contains("`klingon` declared by the page is unknown"));
    }

    #[test]
    fn binary_and_empty_inputs_are_refused() {
        let err = |b: &[u8]| decode(b, Format::Text, None).unwrap_err().to_string();
        assert_eq!(err(b"%PDF-1.7\n..."), "not text: a PDF document");
        assert_eq!(err(b"abc\x00def\x01"), "not text: binary data (a NUL byte at offset 3)");
        assert_eq!(err(b""), "empty: no bytes");
        assert_eq!(err(b" \n\t\xef\xbb\xbf \n"), "empty: nothing but white space (8 bytes)");
    }
}
