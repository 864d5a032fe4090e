//! Server-rendered pages: each path returns the whole page; forms and links do the rest, so
//! the pages work with a keyboard and without JavaScript.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use dyad_analysis::charts;
use dyad_store::{EventFilter, EventRow};

use crate::api::{actor_view, event_page, store_error};
use crate::html::{error_page, escape, page, query_string, SLIDER_JS, SLIDER_SCRIPT, STYLE};
use crate::params::{Params, FILTERS};
use crate::{ApiError, AppState};

type Q = Query<HashMap<String, String>>;

fn failed(e: ApiError) -> Response {
    error_page(e.status, &e.message)
}

fn events_table(rows: &[EventRow]) -> String {
    let mut out = String::from("<table><thead><tr><th>date</th><th>event</th><th>actor</th><th>recipient</th><th>certainty</th><th>sources</th><th>evidence</th></tr></thead><tbody>");
    for r in rows {
        let evidence = r.evidence_excerpt(160);
        // An actor without a code is unidentified or generic (docs/unidentified.md).
        let codes = |s: &str| -> String {
            s.split('+')
                .map(|c| {
                    if c.is_empty() {
                        "<i>unidentified</i>".to_string()
                    } else {
                        format!("<a href=\"/actors/{0}\">{0}</a>", escape(c))
                    }
                })
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let _ = write!(
            out,
            "<tr><td class=\"date\">{}</td><td><a href=\"/events/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(r.date.as_deref().unwrap_or("?")),
            r.id,
            escape(&r.event),
            codes(&r.actors),
            if r.recipients.is_empty() { "-".to_string() } else { codes(&r.recipients) },
            certainty_html(r),
            sources_html(r),
            escape(&evidence)
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// The modality badge of an event's evidence, with its hedge and attribution beneath. The
/// badge reads as certain when some source states the event as a fact (what the "asserted
/// only" filter keeps), whatever the first mention's modality says.
fn certainty_html(r: &EventRow) -> String {
    let modality = r.modality();
    let mut out = format!(
        "<span class=\"badge {}\">{}</span>",
        if r.stated_as_fact() { "certain" } else { "uncertain" },
        escape(modality)
    );
    if let Some(h) = r.hedge() {
        // A hedge in the first report of an event another source states as a fact is shown,
        // but not as a warning.
        let badge =
            if r.stated_as_fact() { "" } else { " <span class=\"badge uncertain\">hedged</span>" };
        let _ = write!(out, "{badge}<br><small>hedged: “{}”</small>", escape(h));
    }
    if let Some(a) = r.attribution() {
        let _ = write!(out, "<br><small>per {}</small>", escape(a));
    }
    out
}

/// The number of sources, and whether their figures or dates disagree.
fn sources_html(r: &EventRow) -> String {
    let mut out = r.n_sources.to_string();
    if r.figures_disagree() {
        out.push_str("<br><small class=\"conf\">figures differ</small>");
    }
    if r.dates_disagree() {
        out.push_str("<br><small class=\"conf\">dates differ</small>");
    }
    out
}

pub(crate) async fn dashboard(State(state): State<Arc<AppState>>) -> Response {
    let result = state.cached("/".to_string(), dashboard_body).await;
    match result {
        Ok(body) => page("Dashboard", &body).into_response(),
        Err(e) => failed(e),
    }
}

/// The monthly windows of the whole store (the dashboard's chart and the network page's
/// slider), each month's read back from the store while its events are unchanged
/// (`AppState::monthly_windows`).
fn monthly_windows(
    store: &dyad_store::Store,
    state: &AppState,
) -> Result<Vec<dyad_analysis::Window>, ApiError> {
    // A store whose dates span more months than a chart can show (dates from before the
    // bounds checked at ingest) gets no chart rather than no page.
    Ok(state.monthly_windows(store)?.unwrap_or_default())
}

fn dashboard_body(store: &mut dyad_store::Store, state: &AppState) -> Result<String, ApiError> {
    let stats = store.stats().map_err(store_error)?;
    let latest = store
        .events(&EventFilter {
            limit: Some(60),
            sort: dyad_store::EventSort::DateDesc,
            ..EventFilter::default()
        })
        .map_err(store_error)?;
    let latest = latest_news(latest, 10);
    let monthly = monthly_windows(store, state)?;
    let mut body = String::from("<h1>Dashboard</h1><div class=\"cards\">");
    for (label, n) in [
        ("documents", stats.documents),
        ("events", stats.events),
        ("mentions", stats.mentions),
        ("imported files", stats.imports),
    ] {
        let _ = write!(body, "<div class=\"card\"><b>{n}</b>{label}</div>");
    }
    body.push_str("</div><h2>Latest events</h2>");
    body.push_str(&events_table(&latest));
    body.push_str("<p><small>One event per sentence; events of a country with itself and of unidentified actors are in the full list.</small></p>");
    body.push_str("<p><a href=\"/events\">All events</a></p><h2>Top dyads</h2><table><thead><tr><th>actor</th><th>recipient</th><th>events</th></tr></thead><tbody>");
    for (a, r, n) in &stats.top_dyads {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td><a href=\"/events{}\">{n}</a></td></tr>",
            escape(a),
            escape(r),
            query_string(&[
                ("actor", a.split('+').next().unwrap_or("").to_string()),
                ("recipient", r.split('+').next().unwrap_or("").to_string())
            ])
        );
    }
    body.push_str("</tbody></table><h2>Polarity over time</h2>");
    body.push_str(&polarity_chart(&monthly));
    body.push_str("<p><a href=\"/network\">The network and its blocs</a></p>");
    Ok(body)
}

/// The dashboard's latest events: the first event of each evidence sentence, leaving out
/// events of a country with itself and of unidentified actors (issue 19: the same sentence
/// three times, `ASSAULT UKR→UKR`), at most `n`.
fn latest_news(rows: Vec<EventRow>, n: usize) -> Vec<EventRow> {
    let mut seen = std::collections::HashSet::new();
    rows.into_iter()
        .filter(|r| !r.actors.split('+').any(str::is_empty) && r.actors != r.recipients)
        .filter(|r| {
            let sentence = r.mentions.first().and_then(|m| m["text"].as_str()).unwrap_or("");
            sentence.is_empty() || seen.insert(sentence.to_string())
        })
        .take(n)
        .collect()
}

fn polarity_chart(windows: &[dyad_analysis::Window]) -> String {
    charts::polarity_chart(windows, &|i, _| Some(format!("/network?window={i}")))
}

pub(crate) async fn events(State(state): State<Arc<AppState>>, Query(q): Q) -> Response {
    let raw = q.clone();
    let p = match Params::new(q, &[FILTERS, &["limit", "offset", "sort"]]) {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    let parsed = p.filter().and_then(|f| p.paging(50).map(|page| (f, page)));
    let (mut filter, (limit, offset, sort)) = match parsed {
        Ok(x) => x,
        Err(e) => return failed(e),
    };
    filter.limit = Some(limit);
    filter.offset = Some(offset);
    filter.sort = sort;
    let (rows, total) = match state.with_store(move |store, _| event_page(store, &filter)).await {
        Ok(x) => x,
        Err(e) => return failed(e),
    };
    let value = |k: &str| escape(raw.get(k).map(String::as_str).unwrap_or(""));
    let mut body =
        String::from("<h1>Events</h1><form class=\"filters\" method=\"get\" action=\"/events\">");
    for (name, label) in [
        ("actor", "Actor"),
        ("recipient", "Recipient"),
        ("type", "Event type"),
        ("since", "Since (YYYY-MM-DD, YYYY-MM, YYYY)"),
        ("until", "Until"),
        ("source", "Source"),
        ("text", "Words"),
    ] {
        let _ = write!(
            body,
            "<label>{label}<input name=\"{name}\" value=\"{}\" size=\"10\"></label>",
            value(name)
        );
    }
    let modality_now = raw.get("modality").map(String::as_str).unwrap_or("");
    body.push_str("<label>Modality<select name=\"modality\"><option value=\"\">any</option>");
    for m in dyad_model::Modality::ALL {
        let _ = write!(
            body,
            "<option{}>{}</option>",
            if m.as_str() == modality_now { " selected" } else { "" },
            m.as_str()
        );
    }
    body.push_str("</select></label>");
    let _ = write!(
        body,
        "<label class=\"check\"><span><input type=\"checkbox\" name=\"certain\" value=\"1\"{}> asserted only</span></label>",
        if p.flag("certain").unwrap_or(false) { " checked" } else { "" }
    );
    let sort_now = raw.get("sort").map(String::as_str).unwrap_or("-date");
    body.push_str("<label>Order<select name=\"sort\">");
    for (v, l) in [
        ("-date", "newest first"),
        ("date", "oldest first"),
        ("sources", "most sources"),
        ("mentions", "most mentions"),
    ] {
        let _ = write!(
            body,
            "<option value=\"{v}\"{}>{l}</option>",
            if v == sort_now { " selected" } else { "" }
        );
    }
    body.push_str("</select></label><button type=\"submit\">Filter</button></form>");
    let _ = write!(
        body,
        "<p class=\"muted\">{total} events; showing {}–{}.</p>",
        (offset + 1).min(total),
        (offset + rows.len()).min(total)
    );
    body.push_str(&events_table(&rows));
    // Paging links keep the filters.
    let keep: Vec<(&str, String)> = raw
        .iter()
        .filter(|(k, _)| k.as_str() != "offset")
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    let link = |off: usize| {
        let mut pairs = keep.clone();
        pairs.push(("offset", off.to_string()));
        pairs.sort();
        format!("/events{}", query_string(&pairs))
    };
    body.push_str("<div class=\"pager\">");
    if offset > 0 {
        let _ = write!(
            body,
            "<a rel=\"prev\" href=\"{}\">← previous</a>",
            escape(&link(offset.saturating_sub(limit)))
        );
    }
    if offset + rows.len() < total {
        let _ =
            write!(body, "<a rel=\"next\" href=\"{}\">next →</a>", escape(&link(offset + limit)));
    }
    body.push_str("</div>");
    page("Events", &body).into_response()
}

/// The article's paragraphs with the evidence sentence marked and its trigger in bold.
fn article_html(
    doc: &dyad_model::Document,
    sentence: (usize, usize),
    trigger: (usize, usize),
) -> String {
    let mut out = String::from("<div class=\"article\">");
    for &(start, end) in &doc.paragraphs {
        let text = |a: usize, b: usize| escape(doc.text.get(a..b).unwrap_or(""));
        out.push_str("<p>");
        if sentence.0 >= start && sentence.1 <= end && sentence.0 < sentence.1 {
            let (t0, t1) =
                if trigger.0 >= sentence.0 && trigger.1 <= sentence.1 && trigger.0 < trigger.1 {
                    trigger
                } else {
                    (sentence.0, sentence.0)
                };
            let _ = write!(
                out,
                "{}<mark id=\"evidence\">{}<strong>{}</strong>{}</mark>{}",
                text(start, sentence.0),
                text(sentence.0, t0),
                text(t0, t1),
                text(t1, sentence.1),
                text(sentence.1, end)
            );
        } else {
            out.push_str(&text(start, end));
        }
        out.push_str("</p>");
    }
    out.push_str("</div>");
    out
}

pub(crate) async fn event(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let Some(id) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return error_page(StatusCode::BAD_REQUEST, "an event id is a positive number");
    };
    let result = state
        .with_store(move |store, _| {
            let Some(row) = store.event(id).map_err(ApiError::internal)? else {
                return Err(ApiError::not_found(format!("no event {id}")));
            };
            let mut docs = Vec::new();
            for m in &row.mentions {
                let doc = match m["provenance"]["document"].as_i64() {
                    Some(d) => {
                        store.load_document(d).map_err(ApiError::internal)?.map(|s| s.document)
                    }
                    None => None,
                };
                docs.push(doc);
            }
            Ok((row, docs))
        })
        .await;
    let (row, docs) = match result {
        Ok(x) => x,
        Err(e) => return failed(e),
    };
    let mut body = format!(
        "<h1>{} <span class=\"muted\">{} → {}</span></h1><table><tbody><tr><th>date</th><td>{}</td></tr><tr><th>modes</th><td>{}</td></tr><tr><th>modality</th><td>{}</td></tr><tr><th>sources</th><td>{} ({})</td></tr><tr><th>mentions</th><td>{}</td></tr>",
        escape(&row.event),
        escape(&row.actors),
        escape(if row.recipients.is_empty() { "-" } else { &row.recipients }),
        escape(row.date.as_deref().unwrap_or("unknown")),
        escape(&row.modes.join(", ")),
        escape(&row.modalities.join(", ")),
        row.n_sources,
        escape(&row.sources.join("; ")),
        row.n_mentions
    );
    let _ = write!(body, "<tr><th>certainty</th><td>{}</td></tr>", certainty_html(&row));
    for figure in &row.sizes {
        let _ = write!(
            body,
            "<tr><th>size</th><td>{} (according to {})</td></tr>",
            escape(&figure.describe()),
            escape(&figure.source)
        );
    }
    if row.n_mentions > 1 {
        // Whether the merged reports agree: a reader should not have to compare them.
        let figures = match (row.sizes.len(), row.figures_disagree()) {
            (0, _) => "no report gives a figure".to_string(),
            (_, true) => "<span class=\"conf\">the sources give different figures</span>".into(),
            (_, false) => "the figures given agree".to_string(),
        };
        let dates = row.mention_dates();
        let dates = if row.dates_disagree() {
            format!(
                "<span class=\"conf\">the reports give different dates: {}</span>",
                escape(&dates.join(", "))
            )
        } else {
            "the dated reports agree".to_string()
        };
        let _ = write!(
            body,
            "<tr><th>do the {} sources agree?</th><td>{figures}; {dates}</td></tr>",
            row.n_sources
        );
    }
    body.push_str("</tbody></table>");
    for (n, (m, doc)) in row.mentions.iter().zip(&docs).enumerate() {
        let _ = write!(body, "<h2>Report {}</h2><table><tbody>", n + 1);
        let field = |k: &str| m[k].as_str().map(escape);
        if let Some(d) = field("date_text") {
            let _ = write!(body, "<tr><th>date in the text</th><td>{d}</td></tr>");
        }
        if let Some(h) = field("hedge") {
            let _ = write!(body, "<tr><th>hedge</th><td>{h}</td></tr>");
        }
        if let Some(a) = m["attribution"]["text"].as_str() {
            let _ = write!(body, "<tr><th>attribution</th><td>{}</td></tr>", escape(a));
        }
        if let Some(s) = m["size"]["text"].as_str() {
            let _ = write!(body, "<tr><th>size</th><td>{}</td></tr>", escape(s));
        }
        let _ = write!(
            body,
            "<tr><th>modality</th><td>{}</td></tr><tr><th>rule</th><td><code>{}</code></td></tr>",
            field("modality").unwrap_or_default(),
            field("rule").unwrap_or_default()
        );
        let p = &m["provenance"];
        if let Some(ds) = p["dataset"].as_str() {
            let _ = write!(
                body,
                "<tr><th>imported from</th><td>{} {} {}</td></tr>",
                escape(ds),
                escape(p["file"].as_str().unwrap_or("")),
                escape(p["row"].as_str().unwrap_or(""))
            );
        }
        body.push_str("</tbody></table>");
        let citations: Vec<String> = m["citations"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                let label = escape(c["title"].as_str().or(c["text"].as_str()).unwrap_or(""));
                match c["url"].as_str().filter(|u| u.starts_with("http")) {
                    Some(u) => format!(
                        "<li>[{}] <a href=\"{}\" rel=\"noreferrer\">{label}</a></li>",
                        c["number"],
                        escape(u)
                    ),
                    None => format!("<li>[{}] {label}</li>", c["number"]),
                }
            })
            .collect();
        if !citations.is_empty() {
            let _ = write!(
                body,
                "<p>Footnotes cited by the sentence:</p><ul>{}</ul>",
                citations.join("")
            );
        }
        let span = |k: &str| -> (usize, usize) {
            (m[k][0].as_u64().unwrap_or(0) as usize, m[k][1].as_u64().unwrap_or(0) as usize)
        };
        let sentence = (
            m["text_info"]["start"].as_u64().unwrap_or(0) as usize,
            m["text_info"]["end"].as_u64().unwrap_or(0) as usize,
        );
        match doc {
            Some(doc) => {
                let title = doc.title.as_deref().unwrap_or(&doc.id);
                let link = doc.url.as_deref().filter(|u| u.starts_with("http"));
                let _ = write!(
                    body,
                    "<p class=\"muted\">In {}{}:</p>",
                    match link {
                        Some(u) => format!(
                            "<a href=\"{}\" rel=\"noreferrer\">{}</a>",
                            escape(u),
                            escape(title)
                        ),
                        None => escape(title),
                    },
                    doc.outlet.as_deref().map(|o| format!(" ({})", escape(o))).unwrap_or_default()
                );
                body.push_str(&article_html(doc, sentence, span("trigger_span")));
            }
            None => {
                let _ =
                    write!(body, "<blockquote>{}</blockquote>", field("text").unwrap_or_default());
            }
        }
    }
    page(&format!("Event {id}"), &body).into_response()
}

pub(crate) async fn actor(
    State(state): State<Arc<AppState>>,
    Path(code): Path<String>,
) -> Response {
    if code.is_empty() || code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return error_page(
            StatusCode::BAD_REQUEST,
            "an actor code is letters and digits, like RUS",
        );
    }
    let code = code.to_ascii_uppercase();
    let c = code.clone();
    let v = match state.with_store(move |store, state| actor_view(store, state, &c)).await {
        Ok(v) => v,
        Err(e) => return failed(e),
    };
    let name = v["name"].as_str().unwrap_or(&code).to_string();
    let mut body = format!("<h1>{} <span class=\"muted\">{}</span></h1><p>{} events. <a href=\"/events{}\">As actor</a> · <a href=\"/events{}\">as recipient</a></p>",
        escape(&name), escape(&code), v["events"],
        query_string(&[("actor", code.clone())]), query_string(&[("recipient", code.clone())]));
    body.push_str("<h2>Partners and adversaries</h2><table><thead><tr><th>country</th><th>cooperation</th><th>conflict</th><th>balance</th><th>events</th></tr></thead><tbody>");
    for p in v["partners"].as_array().into_iter().flatten() {
        let partner = p["partner"].as_str().unwrap_or("");
        let balance = p["balance"].as_f64().unwrap_or(0.0);
        let _ = write!(
            body,
            "<tr><td><a href=\"/actors/{0}\">{0}</a></td><td class=\"coop\">{1:+.1}</td><td class=\"conf\">{2:+.1}</td><td class=\"{3}\">{4:+.1}</td><td>{5}</td></tr>",
            escape(partner),
            p["cooperation"].as_f64().unwrap_or(0.0),
            p["conflict"].as_f64().unwrap_or(0.0),
            if balance >= 0.0 { "coop" } else { "conf" },
            balance,
            p["events"]
        );
    }
    body.push_str("</tbody></table><h2>Over time</h2>");
    // The summed intensity per month with the five busiest partners, both directions.
    let mut per_partner: std::collections::BTreeMap<String, Vec<charts::Point>> =
        Default::default();
    for s in v["series"].as_array().into_iter().flatten() {
        let (a, r) = (s["actor"].as_str().unwrap_or(""), s["recipient"].as_str().unwrap_or(""));
        let other = if a == code { r } else { a };
        let Some(date) = s["period"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        let points = per_partner.entry(other.to_string()).or_default();
        let value = s["intensity_sum"].as_f64().unwrap_or(0.0);
        match points.iter_mut().find(|p| p.date == date) {
            Some(p) => p.value += value,
            None => points.push(charts::Point {
                date,
                value,
                label: String::new(),
                link: Some(format!("/actors/{other}")),
            }),
        }
    }
    let mut ranked: Vec<(String, u64)> = v["partners"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            Some((p["partner"].as_str()?.to_string(), p["events"].as_u64().unwrap_or(0)))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<String> = ranked.into_iter().take(5).map(|x| x.0).collect();
    let series: Vec<charts::Series> = top
        .iter()
        .filter_map(|p| {
            let mut points = per_partner.get(p)?.clone();
            for pt in &mut points {
                pt.label = format!("{code} – {p}, {}: {:+.1}", pt.date, pt.value);
            }
            Some(charts::Series { name: format!("with {p}"), points })
        })
        .collect();
    body.push_str(&charts::line_chart(
        &format!("{name}: summed intensity with its main partners"),
        "summed PLOVER intensity",
        &series,
        None,
    ));
    page(&name, &body).into_response()
}

pub(crate) async fn network(State(state): State<Arc<AppState>>, Query(q): Q) -> Response {
    let key = crate::api::cache_key("/network", &q);
    let p = match Params::new(q, &[&["window"]]) {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    let chosen = match p.number("window", 0, 100_000) {
        Ok(w) => w,
        Err(e) => return failed(e),
    };
    match state.cached(key, move |store, state| network_body(store, state, chosen)).await {
        Ok(body) => page("Network", &body).into_response(),
        Err(e) => failed(e),
    }
}

fn network_body(
    store: &mut dyad_store::Store,
    state: &AppState,
    chosen: Option<usize>,
) -> Result<String, ApiError> {
    let monthly = monthly_windows(store, state)?;
    let mut body = String::from("<h1>Network</h1>");
    // The slider: a form (works without JavaScript), with previous and next links. Each
    // position's month, for the script that shows it while the slider moves.
    let labels: Vec<String> = monthly
        .iter()
        .map(|w| w.start.map(|d| d.format("%Y-%m").to_string()).unwrap_or_default())
        .collect();
    let months =
        format!(" data-labels=\"{}\" data-output=\"window-month\"", escape(&labels.join(",")));
    let (net, a, title) = match chosen.and_then(|i| monthly.get(i).map(|w| (i, w))) {
        Some((i, w)) => {
            let (s, e, net, a) = (
                w.start.map(|d| d.to_string()).unwrap_or_default(),
                w.end.map(|d| d.to_string()).unwrap_or_default(),
                &w.network,
                &w.analysis,
            );
            let _ = write!(body, "<form method=\"get\" action=\"/network\"><label for=\"window\">Month: <span id=\"window-month\">{s} to {e}</span></label><br><input id=\"window\" type=\"range\" name=\"window\" min=\"0\" max=\"{}\" value=\"{i}\"{months}> <button type=\"submit\">Show</button> <a href=\"/network\">whole period</a></form><div class=\"pager\">", monthly.len().saturating_sub(1));
            if i > 0 {
                let _ = write!(
                    body,
                    "<a rel=\"prev\" href=\"/network?window={}\">← previous month</a>",
                    i - 1
                );
            }
            if i + 1 < monthly.len() {
                let _ = write!(
                    body,
                    "<a rel=\"next\" href=\"/network?window={}\">next month →</a>",
                    i + 1
                );
            }
            body.push_str("</div>");
            (net.clone(), a.clone(), format!("{s} to {e}"))
        }
        None => {
            let whole = state.whole_window(store)?;
            let (net, a) = (whole.network, whole.analysis);
            let _ = write!(body, "<form method=\"get\" action=\"/network\"><label for=\"window\">Month: <span id=\"window-month\">choose one</span></label><br><input id=\"window\" type=\"range\" name=\"window\" min=\"0\" max=\"{}\" value=\"{}\"{months}> <button type=\"submit\">Show month</button></form>", monthly.len().saturating_sub(1), monthly.len().saturating_sub(1));
            (net, a, "whole period".to_string())
        }
    };
    let _ = write!(
        body,
        "<p>{} countries, {} ties; polarity <b>{:.3}</b>; frustration {}.</p>",
        net.nodes.len(),
        net.edges.len(),
        a.polarity,
        if a.frustration.exact {
            format!("{:.2}", a.frustration.value)
        } else {
            format!("between {:.2} and {:.2}", a.frustration.lower_bound, a.frustration.value)
        }
    );
    body.push_str("<h2>Blocs</h2><ul>");
    for (i, b) in a.blocs.iter().enumerate() {
        let members: Vec<String> = b
            .members
            .iter()
            .map(|m| format!("<a href=\"/actors/{0}\">{0}</a>", escape(m)))
            .collect();
        let _ = write!(
            body,
            // A swatch drawn in SVG, like the chart's nodes: an inline `style` would need the
            // Content-Security-Policy to allow inline styles.
            "<li><svg class=\"swatch\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"{}\"/></svg> bloc {}: {}</li>",
            charts::bloc_colour(i),
            i + 1,
            members.join(", ")
        );
    }
    if !a.unaligned.is_empty() {
        let _ = write!(body, "<li>unaligned: {}</li>", escape(&a.unaligned.join(", ")));
    }
    body.push_str("</ul>");
    body.push_str(&charts::network_chart(
        &format!("Signed network, {title}"),
        &net,
        &a,
        &|x, y| Some(format!("/events?actor={x}&recipient={y}")),
    ));
    body.push_str("<h2>Polarity over time</h2>");
    body.push_str(&polarity_chart(&monthly));
    body.push_str(SLIDER_SCRIPT);
    Ok(body)
}

/// The static assets are the style sheet and the slider script; any other path is refused,
/// whatever it says.
pub(crate) async fn asset(Path(path): Path<String>) -> Response {
    match path.as_str() {
        "style.css" => ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response(),
        "slider.js" => {
            ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SLIDER_JS).into_response()
        }
        _ => error_page(StatusCode::NOT_FOUND, "no such file"),
    }
}

pub(crate) async fn not_found() -> Response {
    error_page(StatusCode::NOT_FOUND, "no such page")
}

/// The ingest form: paste text or HTML, or give a URL, with the write token. A plain form
/// (no script); the server checks the token as for `POST /api/ingest`.
pub(crate) async fn ingest_form(State(state): State<Arc<AppState>>) -> Response {
    let mut body = String::from("<h1>Add an article</h1>");
    if state.token.is_none() {
        body.push_str("<p>This server is read-only. Start it with <code>--write-token</code> to add articles here.</p>");
        return page("Add an article", &body).into_response();
    }
    body.push_str(concat!(
        "<form method=\"post\" action=\"/ingest\">",
        "<p><label for=\"kind\">The article is</label> <select id=\"kind\" name=\"kind\">",
        "<option value=\"text\">plain text</option><option value=\"html\">a web page's HTML</option><option value=\"url\">at a URL</option></select></p>",
        "<p><label for=\"content\">Text, HTML or URL</label><br><textarea id=\"content\" name=\"content\" rows=\"14\" cols=\"90\" required></textarea></p>",
        "<p><label>Date (YYYY-MM-DD) <input name=\"date\" size=\"10\"></label> ",
        "<label>Title <input name=\"title\" size=\"30\"></label> <label>Outlet <input name=\"outlet\" size=\"20\"></label></p>",
        "<p><label>Write token <input name=\"token\" type=\"password\" autocomplete=\"off\" required></label></p>",
        "<p><button type=\"submit\">Code and store</button></p></form>",
    ));
    page("Add an article", &body).into_response()
}

pub(crate) async fn ingest_submit(
    State(state): State<Arc<AppState>>,
    form: Result<axum::Form<HashMap<String, String>>, axum::extract::rejection::FormRejection>,
) -> Response {
    let axum::Form(fields) = match form {
        Ok(f) => f,
        Err(rejection) => return error_page(rejection.status(), &rejection.body_text()),
    };
    let field = |k: &str| fields.get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let token = field("token").unwrap_or_default();
    if let Err(e) = crate::api::check_token(&state, &token, "the write token is missing or wrong") {
        return failed(e);
    }
    let kind = match field("kind").as_deref() {
        Some(k @ ("text" | "html" | "url")) => k.to_string(),
        _ => return error_page(StatusCode::BAD_REQUEST, "choose text, HTML or URL"),
    };
    let mut body = serde_json::Map::new();
    body.insert(kind, serde_json::Value::String(field("content").unwrap_or_default()));
    for k in ["date", "title", "outlet"] {
        if let Some(v) = field(k) {
            body.insert(k.to_string(), serde_json::Value::String(v));
        }
    }
    match crate::api::ingest_value(&state, serde_json::Value::Object(body)).await {
        Ok((_, v)) => {
            let outcome = match v["outcome"].as_str() {
                Some("new") => "stored as a new document",
                Some("same_article") => "already stored from another file or page",
                Some("near_duplicate") => "a copy of a stored article",
                _ => "already stored",
            };
            let warning = v["warning"]
                .as_str()
                .map(|w| format!("<p class=\"warning\">Note: {}.</p>", escape(w)))
                .unwrap_or_default();
            let text = format!(
                "<h1>Added</h1><p>The article was {outcome}: {} event mentions, {} new events.</p>{warning}<p><a href=\"/events\">See the events</a> · <a href=\"/ingest\">add another</a></p>",
                v["mentions"], v["new_events"]
            );
            page("Added", &text).into_response()
        }
        Err(e) => failed(e),
    }
}
