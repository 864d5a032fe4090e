//! A guard in front of the HTML parser against deep nesting.
//!
//! The HTML tree builder checks, for many start tags, whether an element is "in scope" by
//! walking the stack of open elements, so a page of 100,000 nested `<div>`s costs time
//! quadratic in its depth (70 s in one measurement). Browsers cap the depth of the tree they
//! build (Chromium at 512). [`flatten`] does the same before parsing, on the source: a cheap
//! scan that follows start and end tags and drops the tags (not the text) of elements that
//! would open deeper than the limit.
//!
//! The scan is an approximation of the tokenizer: it skips comments, declarations and the
//! contents of raw-text elements (`<script>`, `<style>` …), honours quotes inside tags, and
//! counts only elements that must be closed explicitly (not `<p>`, `<li>`, `<td>` … whose end
//! tags may be left out, nor void elements such as `<br>`), so ordinary pages never reach the
//! limit.

/// Elements with no contents and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose end tag may be left out: closed by the parser, so not counted.
const IMPLIED_END: &[&str] = &[
    "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
    "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// Elements whose contents are text up to their end tag.
const RAW_TEXT: &[&str] =
    &["iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp"];

/// `html` with the tags of elements opened deeper than `max` removed (each replaced with a
/// space), or `None` when no element is that deep.
pub(crate) fn flatten(html: &str, max: usize) -> Option<String> {
    if !scan(html, max, None) {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    scan(html, max, Some(&mut out));
    Some(out)
}

/// Walks the tags of `html`; returns whether an element opens deeper than `max`. With `out`,
/// copies `html` into it without the tags of such elements.
fn scan(html: &str, max: usize, mut out: Option<&mut String>) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    // Per tag name, how many start tags were dropped and still wait for their end tag.
    let mut dropped: Vec<(String, usize)> = Vec::new();
    let mut too_deep = false;
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]) {
        let start = i + lt;
        let Some(tag) = read_tag(bytes, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        let name = tag.name.to_ascii_lowercase();
        let mut drop = false;
        if tag.closing {
            if let Some(entry) = dropped.iter_mut().find(|(n, c)| *n == name && *c > 0) {
                entry.1 -= 1;
                drop = true;
            } else if counted(&name) {
                depth = depth.saturating_sub(1);
            }
        } else {
            if counted(&name) && !tag.self_closing {
                if depth >= max {
                    too_deep = true;
                    drop = true;
                    match dropped.iter_mut().find(|(n, _)| *n == name) {
                        Some(entry) => entry.1 += 1,
                        None => dropped.push((name.clone(), 1)),
                    }
                } else {
                    depth += 1;
                }
            }
            if RAW_TEXT.contains(&name.as_str()) {
                i = end_of_raw_text(bytes, i, &name);
            }
        }
        if let (true, Some(out)) = (drop, out.as_deref_mut()) {
            out.push_str(&html[copied..start]);
            out.push(' ');
            copied = tag.end;
        }
        if too_deep && out.is_none() {
            return true;
        }
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    too_deep
}

fn counted(name: &str) -> bool {
    !VOID.contains(&name) && !IMPLIED_END.contains(&name)
}

struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    /// The byte after the tag's `>` (or after a comment or declaration).
    end: usize,
}

/// The tag starting at `bytes[start] == b'<'`, or `None` when the `<` is text. Comments and
/// declarations come back with an empty name.
fn read_tag(bytes: &[u8], start: usize) -> Option<Tag<'_>> {
    let rest = &bytes[start + 1..];
    if rest.starts_with(b"!--") {
        let end = find(&rest[3..], b"-->").map_or(bytes.len(), |p| start + 1 + 3 + p + 3);
        return Some(Tag { name: "", closing: false, self_closing: true, end });
    }
    if rest.first().is_some_and(|&b| b == b'!' || b == b'?') {
        let end = memchr(b'>', rest).map_or(bytes.len(), |p| start + 1 + p + 1);
        return Some(Tag { name: "", closing: false, self_closing: true, end });
    }
    let closing = rest.first() == Some(&b'/');
    let name_start = start + 1 + usize::from(closing);
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_len = bytes[name_start..]
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(bytes.len() - name_start);
    // The name is ASCII up to a whitespace, `/` or `>`: a char boundary on both sides.
    let name = std::str::from_utf8(&bytes[name_start..name_start + name_len]).unwrap_or("");
    let mut j = name_start + name_len;
    let mut quote = None;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => {
                let self_closing = j > name_start && bytes[j - 1] == b'/';
                return Some(Tag { name, closing, self_closing, end: j + 1 });
            }
            None => {}
        }
        j += 1;
    }
    Some(Tag { name, closing, self_closing: false, end: bytes.len() })
}

/// Where the contents of a raw-text element that started before `from` end: at its end tag,
/// or at the end of the input.
fn end_of_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(p) = find(&bytes[i..], b"</") {
        let at = i + p;
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && candidate
                .get(name.len())
                .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
        {
            return at;
        }
        i = at + 2;
    }
    bytes.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page =
            "<html><head><title>a <div> b</title><script>if (a<b) x='<div>';</script></head>\
                    <body><div class=\"x>y\"><p>One<p>Two<ul><li>a<li>b</ul><br><img src=x></div>\
                    <!-- <div><div> --></body></html>";
        assert_eq!(flatten(page, 2), None);
    }

    #[test]
    fn tags_beyond_the_limit_go_and_their_text_stays() {
        let page = "<div><div><div><span>deep</span> text</div></div></div>";
        assert_eq!(flatten(page, 2).unwrap(), "<div><div>  deep  text </div></div>");
        let unclosed = "<section>".repeat(5) + "words";
        assert_eq!(flatten(&unclosed, 3).unwrap(), "<section><section><section>  words");
    }

    #[test]
    fn malformed_tags_do_not_panic() {
        for page in [
            "<",
            "</",
            "<div",
            "<div class='",
            "<!--",
            "<script>",
            "</div></div>",
            "<é>",
            "<a\u{e9}>",
        ] {
            let _ = flatten(page, 0);
            let _ = flatten(page, 1);
        }
    }
}
