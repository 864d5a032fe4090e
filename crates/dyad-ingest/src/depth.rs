//! A guard in front of the HTML parser against deep nesting.
//!
//! The HTML tree builder checks, for many start tags, whether an element is "in scope" by
//! walking the stack of open elements, so a page of 100,000 nested `<div>`s costs time
//! quadratic in its depth (70 s in one measurement). Browsers cap the depth of the tree they
//! build (Chromium at 512). [`flatten`] does the same before parsing, on the source: a cheap
//! scan that follows start and end tags and drops the tags (not the text) of elements that
//! would open deeper than the limit.
//!
//! The scan follows the tokenizer where it matters for depth (comments, including `<!-->`;
//! declarations; the contents of raw-text elements such as `<script>`, which are never dropped;
//! quotes only after `=`; `/>` only inside SVG and MathML) and keeps a model of the parser's
//! stack of open elements: an end tag pops to the nearest element of its name (or is ignored),
//! and the common implied ends are applied (`<p>` closed by a block, `<li>` by the next `<li>`,
//! cells and rows by the next cell or row, …), so that ordinary pages, old table layouts
//! included, stay far below the limit. The model is never deeper than the limit, so each step
//! costs at most the limit.

use memchr::{memchr, memmem};

/// Elements with no contents and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements the parser never puts on its stack here, or closes at once.
const NOT_OPENED: &[&str] = &["html", "head", "body", "frameset", "frame", "image"];

/// Elements whose contents are text up to their end tag: never dropped, never counted.
const RAW_TEXT: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
];

/// Start tags that close an open `<p>` (the HTML standard's list, abridged to the common ones).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "dd",
    "dt",
];

/// For a start tag whose element closes an open one of the names given, the names and the
/// elements that bound the search (an inner list or table keeps an outer item open).
fn implied_end(name: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    const TABLE: &[&str] = &["table", "template"];
    Some(match name {
        "li" => (&["li"], &["ul", "ol", "menu", "table", "td", "th"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl", "table", "td", "th"]),
        "option" => (&["option"], &["select", "datalist"]),
        "optgroup" => (&["option", "optgroup"], &["select"]),
        "tr" => (&["tr", "td", "th"], TABLE),
        "td" | "th" => (&["td", "th"], &["tr", "table", "template"]),
        "thead" | "tbody" | "tfoot" => (&["thead", "tbody", "tfoot", "tr", "td", "th"], TABLE),
        "rb" | "rt" | "rp" | "rtc" => (&["rb", "rt", "rp", "rtc"], &["ruby"]),
        _ => return None,
    })
}

/// Where `<p>` stops being "in button scope".
const P_SCOPE: &[&str] =
    &["button", "table", "td", "th", "caption", "applet", "marquee", "object", "template"];

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

/// The model of the parser's stack of open elements, with a count per name so that a search
/// for a name that is not open costs nothing.
#[derive(Default)]
struct Stack {
    names: Vec<String>,
    open: std::collections::HashMap<String, usize>,
}

impl Stack {
    fn len(&self) -> usize {
        self.names.len()
    }

    fn is_open(&self, name: &str) -> bool {
        self.open.get(name).is_some_and(|&n| n > 0)
    }

    fn push(&mut self, name: String) {
        *self.open.entry(name.clone()).or_insert(0) += 1;
        self.names.push(name);
    }

    /// Pops everything from `at` up; the cost is the number popped.
    fn truncate(&mut self, at: usize) {
        for name in self.names.drain(at..) {
            if let Some(n) = self.open.get_mut(&name) {
                *n -= 1;
            }
        }
    }

    /// Pops the nearest open element named in `names`, and everything above it, unless one
    /// of `bounds` comes first.
    fn close_nearest(&mut self, names: &[&str], bounds: &[&str]) {
        if !names.iter().any(|n| self.is_open(n)) {
            return;
        }
        for i in (0..self.names.len()).rev() {
            if names.contains(&self.names[i].as_str()) {
                self.truncate(i);
                return;
            }
            if bounds.contains(&self.names[i].as_str()) {
                return;
            }
        }
    }
}

/// Walks the tags of `html`, keeping a model of the parser's stack of open elements; returns
/// whether an element opens deeper than `max`. With `out`, copies `html` into it without the
/// tags of such elements.
fn scan(html: &str, max: usize, mut out: Option<&mut String>) -> bool {
    let bytes = html.as_bytes();
    // Open elements, at most `max` of them; each search of it is bounded by `max`.
    let mut stack = Stack::default();
    // Per tag name, how many start tags were dropped and still wait for their end tag. They
    // are all deeper than anything on the stack, so their end tags are matched first.
    let mut dropped: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
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
        if tag.name.is_empty() {
            continue; // a comment or declaration
        }
        let name = tag.name.to_ascii_lowercase();
        let mut drop = false;
        if tag.closing {
            match dropped.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    drop = true;
                }
                _ => stack.close_nearest(&[name.as_str()], &[]),
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            i = end_of_raw_text(bytes, i, &name);
        } else if !VOID.contains(&name.as_str()) && !NOT_OPENED.contains(&name.as_str()) {
            // `/>` closes an element only inside SVG and MathML.
            let foreign = stack.is_open("svg") || stack.is_open("math");
            if !(tag.self_closing && foreign) {
                if CLOSES_P.contains(&name.as_str()) {
                    stack.close_nearest(&["p"], P_SCOPE);
                }
                if let Some((names, bounds)) = implied_end(&name) {
                    stack.close_nearest(names, bounds);
                }
                if stack.len() >= max {
                    too_deep = true;
                    drop = true;
                    *dropped.entry(name).or_insert(0) += 1;
                } else {
                    stack.push(name);
                }
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

struct Tag<'a> {
    /// Empty for a comment or declaration.
    name: &'a str,
    closing: bool,
    self_closing: bool,
    /// The byte after the tag's `>` (or after a comment or declaration).
    end: usize,
}

/// The tag starting at `bytes[start] == b'<'`, or `None` when the `<` is text.
fn read_tag(bytes: &[u8], start: usize) -> Option<Tag<'_>> {
    let rest = &bytes[start + 1..];
    let other = |end| Some(Tag { name: "", closing: false, self_closing: true, end });
    if let Some(body) = rest.strip_prefix(b"!--") {
        // `<!-->` and `<!--->` are whole (empty) comments.
        if body.starts_with(b">") {
            return other(start + 5);
        }
        if body.starts_with(b"->") {
            return other(start + 6);
        }
        return other(memmem::find(body, b"-->").map_or(bytes.len(), |p| start + 4 + p + 3));
    }
    if rest.first().is_some_and(|&b| b == b'!' || b == b'?')
        || (rest.first() == Some(&b'/') && !rest.get(1).is_some_and(u8::is_ascii_alphabetic))
    {
        // A declaration, a processing instruction or a bogus comment, up to the next `>`.
        return other(memchr(b'>', rest).map_or(bytes.len(), |p| start + 1 + p + 1));
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
    // The name runs up to a whitespace, `/` or `>` (ASCII): a char boundary on both sides.
    let name = std::str::from_utf8(&bytes[name_start..name_start + name_len]).unwrap_or("");
    // Attributes, as the tokenizer reads them: a quote opens a value only after `=`.
    let mut j = name_start + name_len;
    let mut self_closing = false;
    while j < bytes.len() {
        match bytes[j] {
            b'>' => return Some(Tag { name, closing, self_closing, end: j + 1 }),
            b'/' => {
                self_closing = bytes.get(j + 1) == Some(&b'>');
                j += 1;
            }
            b'=' => {
                self_closing = false;
                j += 1;
                while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
                    j += 1;
                }
                match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        j = memchr(q, &bytes[j + 1..]).map_or(bytes.len(), |p| j + 1 + p + 1);
                    }
                    _ => {
                        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>'
                        {
                            j += 1;
                        }
                    }
                }
            }
            _ => {
                self_closing = false;
                j += 1;
            }
        }
    }
    Some(Tag { name, closing, self_closing: false, end: bytes.len() })
}

/// Where the contents of a raw-text element that started before `from` end: at its end tag,
/// or at the end of the input.
fn end_of_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(p) = memmem::find(&bytes[i..], b"</") {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page =
            "<html><head><title>a <div> b</title><script>if (a<b) x='<div>';</script></head>\
                    <body><div class=\"x>y\"><p>One<p>Two<ul><li>a<li>b</ul><br><img src=x></div>\
                    <!-- <div><div> --></body></html>";
        assert_eq!(flatten(page, 3), None);
        // Old table layouts and lists leave elements for the parser to close.
        let table = format!("<table>{}</table>", "<tr><td><font size=2>x</td>".repeat(600));
        assert_eq!(flatten(&table, 16), None);
        let list = format!("<ul>{}</ul>", "<li><a href=/x>x</li>".repeat(600));
        assert_eq!(flatten(&list, 16), None);
        let paragraphs = format!("<div>{}</div>", "<p><span>x</span>".repeat(600));
        assert_eq!(flatten(&paragraphs, 16), None);
        let svg = format!("<svg>{}</svg>", "<path d=\"M0 0\"/>".repeat(600));
        assert_eq!(flatten(&svg, 16), None);
    }

    #[test]
    fn tags_beyond_the_limit_go_and_their_text_stays() {
        let page = "<div><div><div><span>deep</span> text</div></div></div>";
        assert_eq!(flatten(page, 2).unwrap(), "<div><div>  deep  text </div></div>");
        let unclosed = "<section>".repeat(5) + "words";
        assert_eq!(flatten(&unclosed, 3).unwrap(), "<section><section><section>  words");
        // A script below the limit keeps its tags, so its code stays code.
        let script = "<div><div><div><script>var a = '<div>';</script></div></div></div>";
        assert_eq!(
            flatten(script, 2).unwrap(),
            "<div><div> <script>var a = '<div>';</script> </div></div>"
        );
    }

    #[test]
    fn what_the_parser_nests_is_counted() {
        // `/>` does not close a div; `<!-->` is a whole comment; a quote opens a value only
        // after `=`.
        assert!(flatten(&"<div/>".repeat(10), 4).is_some());
        assert!(flatten(&format!("<!-->{}-->", "<div>".repeat(10)), 4).is_some());
        assert!(flatten(&format!("<b x=a'>{}'", "<div>".repeat(10)), 4).is_some());
    }

    #[test]
    fn malformed_tags_do_not_panic() {
        for page in [
            "<",
            "</",
            "<div",
            "<div class='",
            "<!--",
            "<!-",
            "<script>",
            "</div></div>",
            "<é>",
            "<a\u{e9}>",
            "<a =",
            "<a/",
            "</ >",
        ] {
            let _ = flatten(page, 0);
            let _ = flatten(page, 1);
        }
    }
}
