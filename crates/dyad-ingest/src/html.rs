//! HTML pages: metadata from meta tags, JSON-LD and `<time>`; the article body from the main
//! content element with page chrome removed; footnotes from the reference list, linked to the
//! markers in the body.

use dyad_model::{Alternate, Document};
use scraper::{ElementRef, Html, Node, Selector};

use crate::text::{ends_sentence, is_reference_heading, is_related_heading};
use crate::{assemble, reference};

/// Elements that never hold article text.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "iframe",
    "svg",
    "template",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "img",
    "video",
    "audio",
    "canvas",
    "object",
    "embed",
    "menu",
    "dialog",
];

/// Class or id segments (split at `-`, `_` and spaces) that mark page chrome.
const CHROME_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "translation",
    "translations",
    "language",
    "languages",
    "lang",
    "author",
    "byline",
    "bio",
    "related",
    "similar",
    "recommended",
    "recommendations",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "promo",
    "sponsor",
    "sponsored",
    "tags",
    "meta",
    "category",
    "categories",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "widget",
    "popup",
    "modal",
    "banner",
    "toolbar",
    "print",
    "pagination",
    "pager",
    "skip",
    "caption",
    "credit",
    "disclaimer",
    "copyright",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "main",
    "dd",
    "dt",
    "dl",
    "tr",
    "table",
    "pre",
    "br",
    "hr",
    "td",
    "th",
];

/// The deepest an element may be nested. Deeper tags are dropped before parsing and their text
/// kept (see `depth.rs`), as browsers cap the depth of the tree they build (at 512 in
/// Chromium); this keeps both the parser's time and the walk's recursion bounded.
pub const MAX_HTML_DEPTH: usize = 512;

/// Parses an HTML page into a document.
pub fn parse_html(id: &str, html: &str) -> Document {
    parse_html_noting(id, html).0
}

/// [`parse_html`], and a warning when the page was nested deeper than [`MAX_HTML_DEPTH`].
pub(crate) fn parse_html_noting(id: &str, html: &str) -> (Document, Option<String>) {
    let flattened = crate::depth::flatten(html, MAX_HTML_DEPTH);
    let page = Html::parse_document(flattened.as_deref().unwrap_or(html));
    let mut doc = Document { id: id.to_string(), ..Document::default() };
    read_metadata(&page, &mut doc);

    let root = main_content(&page);
    let mut walker = Walker::default();
    if let Some(root) = root {
        walker.walk(root, &mut doc, 0);
    }
    walker.flush();
    let warning = (flattened.is_some() || walker.too_deep).then(|| {
        format!(
            "elements nested more than {MAX_HTML_DEPTH} deep; their tags were dropped and their text kept"
        )
    });

    // The same general rules as for pasted text: stop at a related-content heading; a
    // trailing run of `[n] …` paragraphs is the reference list; labels are not sentences.
    let end = walker
        .paragraphs
        .iter()
        .position(|p| is_related_heading(p))
        .unwrap_or(walker.paragraphs.len());
    let mut paragraphs = Vec::new();
    for para in &walker.paragraphs[..end] {
        if is_reference_heading(para) {
            continue;
        }
        if let Some(number) = leading_reference_number(para) {
            doc.footnotes.push(reference::parse_footnote(number, para));
        } else if ends_sentence(para) {
            paragraphs.push(para.clone());
        }
    }
    doc.footnotes.sort_by_key(|f| f.number);
    doc.footnotes.dedup_by_key(|f| f.number);
    reference::resolve_ibid(&mut doc.footnotes);
    assemble(&mut doc, &paragraphs);
    (doc, warning)
}

fn leading_reference_number(para: &str) -> Option<u32> {
    let rest = para.trim_start().strip_prefix('[')?;
    let close = rest.find(']')?;
    rest[..close].parse().ok()
}

fn selector(css: &str) -> Selector {
    // The selectors below are constants and valid; a failure would be a programming error
    // caught by the tests.
    Selector::parse(css).expect("valid constant selector")
}

fn text_of(el: ElementRef<'_>) -> String {
    normalize_space(&el.text().collect::<String>())
}

fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_metadata(page: &Html, doc: &mut Document) {
    let mut title_meta = None;
    for meta in page.select(&selector("meta")) {
        let el = meta.value();
        let key = el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop"));
        let (Some(key), Some(content)) = (key, el.attr("content")) else {
            if el.attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-language")) {
                doc.language = el.attr("content").map(str::to_string);
            }
            continue;
        };
        let content = content.trim().to_string();
        match key.to_ascii_lowercase().as_str() {
            "og:title" | "twitter:title" => {
                title_meta.get_or_insert(content);
            }
            "article:published_time"
            | "datepublished"
            | "date"
            | "pubdate"
            | "dc.date"
            | "publish-date"
            | "parsely-pub-date"
                if doc.date.is_none() =>
            {
                doc.date = reference::parse_date(&content);
            }
            "author" | "article:author" | "dc.creator" | "parsely-author"
                if doc.author.is_none() && !content.starts_with("http") =>
            {
                doc.author = Some(content);
            }
            "og:site_name" => doc.outlet = Some(content),
            "og:url" => {
                doc.url.get_or_insert(content);
            }
            "og:locale" | "language" | "dc.language" => {
                doc.language.get_or_insert(content);
            }
            _ => {}
        }
    }
    for script in page.select(&selector("script[type=\"application/ld+json\"]")) {
        let raw: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&raw) {
            read_json_ld(&value, doc, &mut title_meta);
        }
    }
    for link in page.select(&selector("link[rel]")) {
        let el = link.value();
        let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
        let Some(href) = el.attr("href") else { continue };
        if rel == "canonical" {
            doc.url = Some(href.to_string());
        } else if rel == "alternate" {
            if let Some(lang) = el.attr("hreflang") {
                doc.alternates
                    .push(Alternate { language: lang.to_string(), url: href.to_string() });
            }
        }
    }
    if let Some(html_el) = page.select(&selector("html")).next() {
        if let Some(lang) = html_el.value().attr("lang") {
            doc.language = Some(lang.to_string());
        }
    }
    if doc.date.is_none() {
        if let Some(time) = page.select(&selector("time[datetime]")).next() {
            doc.date = time.value().attr("datetime").and_then(reference::parse_date);
        }
    }
    let h1 = page.select(&selector("h1")).next().map(text_of).filter(|t| !t.is_empty());
    let title_tag = page.select(&selector("title")).next().map(text_of).filter(|t| !t.is_empty());
    doc.title = doc.title.take().or(title_meta).or(h1).or(title_tag);
}

fn read_json_ld(value: &serde_json::Value, doc: &mut Document, title: &mut Option<String>) {
    use serde_json::Value;
    match value {
        Value::Array(items) => items.iter().for_each(|v| read_json_ld(v, doc, title)),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                read_json_ld(graph, doc, title);
            }
            let str_of = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
            if let Some(h) = str_of("headline") {
                title.get_or_insert(h);
            }
            if doc.date.is_none() {
                doc.date = str_of("datePublished").as_deref().and_then(reference::parse_date);
            }
            if doc.language.is_none() {
                doc.language = str_of("inLanguage");
            }
            if doc.author.is_none() {
                let name = |v: &Value| v.get("name").and_then(Value::as_str).map(str::to_string);
                doc.author = match map.get("author") {
                    Some(Value::Array(list)) => list.first().and_then(name),
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(v) => name(v),
                    None => None,
                };
            }
            if doc.outlet.is_none() {
                doc.outlet = map
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
        }
        _ => {}
    }
}

/// The element that holds the article: the `<article>` (or `<main>`, or `role=main`) with
/// the most paragraph text, else `<body>`.
fn main_content(page: &Html) -> Option<ElementRef<'_>> {
    let paragraph_text = |el: &ElementRef<'_>| -> usize {
        el.select(&selector("p")).map(|p| p.text().map(str::len).sum::<usize>()).sum()
    };
    for css in ["article", "main, [role=main]"] {
        let best = page.select(&selector(css)).max_by_key(paragraph_text);
        if let Some(best) = best.filter(|el| paragraph_text(el) > 0) {
            return Some(best);
        }
    }
    page.select(&selector("body")).next()
}

fn is_chrome(el: &scraper::node::Element) -> bool {
    let attrs = [
        el.attr("class").unwrap_or(""),
        el.attr("id").unwrap_or(""),
        el.attr("role").unwrap_or(""),
    ];
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(el.attr("role"), Some("navigation" | "banner" | "contentinfo" | "complementary")) {
        return true;
    }
    attrs.iter().flat_map(|a| a.split(|c: char| c.is_whitespace() || c == '-' || c == '_')).any(
        |seg| {
            let seg = seg.to_ascii_lowercase();
            CHROME_WORDS.contains(&seg.as_str())
        },
    )
}

fn is_footnote_list(el: &scraper::node::Element) -> bool {
    let attrs = format!("{} {}", el.attr("class").unwrap_or(""), el.attr("id").unwrap_or(""));
    let lower = attrs.to_ascii_lowercase();
    ["footnote", "endnote", "references", "reflist", "citations"].iter().any(|w| lower.contains(w))
}

#[derive(Default)]
struct Walker {
    paragraphs: Vec<String>,
    current: String,
    /// Whether an element deeper than [`MAX_HTML_DEPTH`] was met.
    too_deep: bool,
}

impl Walker {
    fn flush(&mut self) {
        let para = normalize_space(&self.current);
        if !para.is_empty() {
            self.paragraphs.push(para);
        }
        self.current.clear();
    }

    fn walk(&mut self, el: ElementRef<'_>, doc: &mut Document, depth: usize) {
        if depth >= MAX_HTML_DEPTH {
            self.too_deep = true;
            self.current.push(' ');
            self.current.push_str(&text_of(el));
            return;
        }
        for child in el.children() {
            match child.value() {
                Node::Text(text) => self.current.push_str(text),
                Node::Element(element) => {
                    let Some(child_el) = ElementRef::wrap(child) else { continue };
                    let name = element.name();
                    if SKIP_TAGS.contains(&name) {
                        continue;
                    }
                    if is_footnote_list(element) {
                        self.flush();
                        read_footnote_list(child_el, doc);
                        continue;
                    }
                    if is_chrome(element) {
                        continue;
                    }
                    if name == "sup" {
                        let inner = text_of(child_el);
                        let digits = inner.trim_matches(['[', ']']);
                        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                            self.current.push('[');
                            self.current.push_str(digits);
                            self.current.push(']');
                            continue;
                        }
                    }
                    let block = BLOCK_TAGS.contains(&name);
                    if block {
                        self.flush();
                    }
                    self.walk(child_el, doc, depth + 1);
                    if block {
                        self.flush();
                    }
                }
                _ => {}
            }
        }
    }
}

fn read_footnote_list(list: ElementRef<'_>, doc: &mut Document) {
    let items: Vec<ElementRef<'_>> = list.select(&selector("li, p")).collect();
    for (idx, item) in items.iter().enumerate() {
        let text = text_of(*item);
        if text.is_empty() {
            continue;
        }
        let number = leading_reference_number(&text)
            .or_else(|| {
                let id = item.value().attr("id")?;
                id.trim_start_matches(|c: char| !c.is_ascii_digit()).parse().ok()
            })
            .unwrap_or(idx as u32 + 1);
        let mut note = reference::parse_footnote(number, &text);
        if note.url.is_none() {
            note.url = item
                .select(&selector("a[href]"))
                .filter_map(|a| a.value().attr("href"))
                .find(|h| h.starts_with("http"))
                .map(str::to_string);
        }
        doc.footnotes.push(note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html><html lang="en-GB"><head>
<title>Pact story - Example Site</title>
<meta property="og:title" content="Pact story">
<meta property="article:published_time" content="2024-06-21T08:00:00Z">
<link rel="alternate" hreflang="fr" href="https://e.org/fr">
<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"A. Writer"}}</script>
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Pact story</h1><div class="share-bar">Share</div>
<p>Russia signed a pact with North Korea.<sup><a href="#fn1">[1]</a></sup> It was new.</p>
<div class="author-box"><p>A. Writer writes about Asia.</p></div>
<ol class="footnotes"><li id="fn1">“Source”, Outlet, <a href="https://e.org/s">https://e.org/s</a>, (Access Date: 21.06.2024).</li></ol>
</article><aside class="similar-posts"><p>Other story.</p></aside>
<div class="cookie-notice">We use cookies.</div><script>var x = 1;</script></body></html>"##;

    #[test]
    fn extracts_body_metadata_and_footnotes() {
        let doc = parse_html("h", PAGE);
        assert_eq!(doc.title.as_deref(), Some("Pact story"));
        assert_eq!(doc.author.as_deref(), Some("A. Writer"));
        assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2024-06-21"));
        assert_eq!(doc.language.as_deref(), Some("en-GB"));
        assert_eq!(doc.alternates.len(), 1);
        assert_eq!(doc.text, "Russia signed a pact with North Korea. It was new.");
        assert_eq!(doc.footnotes.len(), 1);
        assert_eq!(doc.footnotes[0].url.as_deref(), Some("https://e.org/s"));
        assert_eq!(
            doc.footnotes[0].access_date.map(|d| d.to_string()).as_deref(),
            Some("2024-06-21")
        );
        let marker = doc.markers[0];
        assert_eq!(marker.number, 1);
        assert_eq!(&doc.text[..marker.offset], "Russia signed a pact with North Korea.");
    }

    #[test]
    fn never_panics_on_broken_html() {
        for page in ["", "<", "<p>unclosed", "<html><body><article></article>", "<<<>>>&&;"] {
            let _ = parse_html("x", page);
        }
    }
}
