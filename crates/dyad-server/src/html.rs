//! The page frame and HTML helpers. Every text that comes from the store goes through
//! [`escape`]; nothing is loaded from another host.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

pub(crate) use dyad_analysis::charts::escape;

pub(crate) const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #5b6372; --line: #d9dde5; --accent: #1f5fa8; --coop: #1a7f37; --conf: #b42318; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: var(--ink); margin: 0; line-height: 1.5; }
header { background: #1d2330; color: white; padding: .6rem 1.2rem; display: flex; gap: 1.5rem; align-items: center; }
header a { color: white; text-decoration: none; font-weight: bold; }
header a:focus, a:focus, button:focus, input:focus, select:focus { outline: 3px solid #f5b301; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: white; color: black; padding: .3rem; }
main { max-width: 1150px; margin: 1rem auto; padding: 0 1.2rem 3rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .95rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f8; }
a { color: var(--accent); }
.muted { color: var(--muted); } .coop { color: var(--coop); } .conf { color: var(--conf); }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; } .card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; min-width: 9rem; }
.card b { display: block; font-size: 1.4rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin: .5rem 0 1rem; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
input, select, button { font: inherit; padding: .25rem .4rem; }
mark { background: #ffe08a; padding: 0 .1rem; } mark strong { text-decoration: underline; }
.article p { max-width: 48rem; }
.pager { display: flex; gap: 1rem; margin: 1rem 0; }
svg { max-width: 100%; height: auto; }
svg.line-chart { width: 100%; }
#window { width: 100%; max-width: 40rem; }
td.date { white-space: nowrap; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .35rem; font-size: .8rem; border: 1px solid var(--line); white-space: nowrap; }
.badge.certain { background: #e7f4ea; color: var(--coop); } .badge.uncertain { background: #fff4d6; color: #7a4d00; border-color: #e7c66b; }
form.filters label.check { justify-content: end; }
"#;

/// The one script: the network page's slider shows its month while it moves (progressive
/// enhancement; the form works without it). Served from the binary as `/static/slider.js`.
pub(crate) const SLIDER_JS: &str = include_str!("../static/slider.js");

/// The tag that loads [`SLIDER_JS`]: an external same-origin file, as the
/// Content-Security-Policy (`script-src 'self'`) allows, never an inline script.
pub(crate) const SLIDER_SCRIPT: &str = "<script src=\"/static/slider.js\" defer></script>";

/// A whole page: header with navigation, the body, no scripts.
pub(crate) fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} · dyad</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><a class=\"skip\" href=\"#main\">Skip to content</a><header><a href=\"/\">dyad</a><nav><a href=\"/events\">Events</a> &nbsp; <a href=\"/network\">Network</a> &nbsp; <a href=\"/ingest\">Add</a> &nbsp; <a href=\"/api/openapi.json\">API</a></nav></header><main id=\"main\">{body}</main></body></html>",
        escape(title)
    ))
}

/// An error page with its status.
pub(crate) fn error_page(status: StatusCode, message: &str) -> Response {
    (
        status,
        page(
            &status.to_string(),
            &format!(
                "<h1>{}</h1><p>{}</p><p><a href=\"/\">Back to the dashboard</a></p>",
                status,
                escape(message)
            ),
        ),
    )
        .into_response()
}

/// `?a=1&b=2` from pairs, values URL-encoded.
pub(crate) fn query_string(pairs: &[(&str, String)]) -> String {
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}
