//! The JSON API handlers.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use chrono::NaiveDate;
use dyad_analysis::{analyse, DyadPoint, Granularity, Tally, TallyOptions, TooManyWindows};
use dyad_store::{EventFilter, EventRow, FactsOrder, Store};
use serde_json::{json, Value};

use crate::params::{Params, FILTERS};
use crate::{ApiError, AppState};

type ApiResult = Result<Json<Value>, ApiError>;
type Q = Query<HashMap<String, String>>;

pub(crate) async fn stats(State(state): State<Arc<AppState>>, Query(q): Q) -> ApiResult {
    let p = Params::new(q, &[&["include_self"]])?;
    let include_self = p.choice("include_self", &["true", "false"])?.as_deref() == Some("true");
    let options = dyad_store::StatsOptions { include_self };
    let s = state
        .with_store(move |store, _| store.stats_with(options).map_err(ApiError::internal))
        .await?;
    Ok(Json(json!({
        "documents": s.documents,
        "representations": s.representations,
        "imports": s.imports,
        "events": s.events,
        "mentions": s.mentions,
        "by_type": s.by_type.iter().map(|(t, n)| json!({"event": t, "count": n})).collect::<Vec<_>>(),
        "top_dyads": s.top_dyads.iter().map(|(a, r, n)| json!({"actor": a, "recipient": r, "events": n})).collect::<Vec<_>>(),
    })))
}

/// The events page of a filter: rows and the total.
pub(crate) fn event_page(
    store: &Store,
    filter: &EventFilter,
) -> Result<(Vec<EventRow>, usize), ApiError> {
    let total = store.count_events(filter).map_err(ApiError::internal)?;
    let rows = store.events(filter).map_err(ApiError::internal)?;
    Ok((rows, total))
}

pub(crate) async fn events(State(state): State<Arc<AppState>>, Query(q): Q) -> ApiResult {
    let p = Params::new(q, &[FILTERS, &["limit", "offset", "sort"]])?;
    let mut filter = p.filter()?;
    let (limit, offset, sort) = p.paging(50)?;
    filter.limit = Some(limit);
    filter.offset = Some(offset);
    filter.sort = sort;
    let (rows, total) = state.with_store(move |store, _| event_page(store, &filter)).await?;
    Ok(Json(json!({
        "events": rows.iter().map(|r| r.to_json(false)).collect::<Vec<_>>(),
        "total": total,
        "limit": limit,
        "offset": offset,
    })))
}

fn parse_id(text: &str, what: &str) -> Result<i64, ApiError> {
    text.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::bad_field("id", format!("`{text}` is not a {what} id (a positive number)"))
    })
}

pub(crate) async fn event(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Q,
) -> ApiResult {
    Params::new(q, &[])?;
    let id = parse_id(&id, "event")?;
    let row = state
        .with_store(move |store, _| store.event(id).map_err(ApiError::internal))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
    Ok(Json(row.to_json(true)))
}

pub(crate) async fn documents(State(state): State<Arc<AppState>>, Query(q): Q) -> ApiResult {
    let p = Params::new(q, &[&["q", "limit"]])?;
    let search = p.text("q", 500)?;
    let limit = p.number("limit", 1, crate::params::MAX_LIMIT)?.unwrap_or(50);
    let rows = state
        .with_store(move |store, _| {
            store.documents(search.as_deref(), limit).map_err(|e| match e {
                dyad_store::StoreError::Search { .. } => ApiError::bad_field("q", e.to_string()),
                e => ApiError::bad_field(
                    "q",
                    format!("not a valid search (words, \"phrases\", OR, NOT, prefix*): {e}"),
                ),
            })
        })
        .await?;
    Ok(Json(json!({
        "documents": rows.iter().map(|d| json!({
            "id": d.id, "external_id": d.external_id, "title": d.title, "outlet": d.outlet,
            "published": d.published, "url": d.url, "n_mentions": d.n_mentions, "snippet": d.snippet,
        })).collect::<Vec<_>>(),
        "total": rows.len(),
    })))
}

pub(crate) async fn document(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Q,
) -> ApiResult {
    Params::new(q, &[])?;
    let id = parse_id(&id, "document")?;
    let stored = state
        .with_store(move |store, _| store.load_document(id).map_err(ApiError::internal))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
    let d = &stored.document;
    Ok(Json(json!({
        "id": stored.id,
        "external_id": d.id,
        "title": d.title,
        "author": d.author,
        "published": d.date.map(|x| x.to_string()),
        "url": d.url,
        "outlet": d.outlet,
        "language": d.language,
        "text": d.text,
        "paragraphs": d.paragraphs,
        "sentences": d.sentences.iter().map(|s| json!({"start": s.start, "end": s.end, "text": d.sentence_text(s)})).collect::<Vec<_>>(),
        "footnotes": d.footnotes.iter().map(|f| json!({"number": f.number, "text": f.text, "url": f.url, "title": f.title, "access_date": f.access_date.map(|x| x.to_string())})).collect::<Vec<_>>(),
        "markers": d.markers.iter().map(|m| json!({"number": m.number, "offset": m.offset})).collect::<Vec<_>>(),
    })))
}

/// The sums of the events matching `filter` (see `dyad_analysis::Tally::from_store`: the
/// store's monthly sums where they answer, else one event at a time); the read stops when
/// the request is dropped.
pub(crate) fn tally(
    store: &Store,
    state: &AppState,
    filter: &EventFilter,
    options: TallyOptions,
    order: FactsOrder,
) -> Result<Tally, ApiError> {
    let lexicon = &state.lexicon;
    let is_state = |code: &str| lexicon.country(code).is_some();
    Tally::from_store(store, filter, options, order, &is_state).map_err(store_error)
}

/// A store error as an API error: a read stopped because the request was dropped is 503.
pub(crate) fn store_error(e: dyad_store::StoreError) -> ApiError {
    match e {
        dyad_store::StoreError::Cancelled => {
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the request was stopped")
        }
        e => ApiError::internal(e),
    }
}

/// Whether the request's work should stop, as a closure that other threads may call.
pub(crate) fn stop_flag(store: &Store) -> impl Fn() -> bool + Sync {
    let flag = store.cancel_flag();
    move || flag.as_ref().is_some_and(|f| f.load(std::sync::atomic::Ordering::Relaxed))
}

/// Too many windows asked for: 400, naming the parameter.
pub(crate) fn too_many_windows(field: &str, e: TooManyWindows) -> ApiError {
    ApiError::bad_field(field, e.to_string())
}

/// The cache key of a request: its path and its parameters, sorted.
pub(crate) fn cache_key(path: &str, q: &HashMap<String, String>) -> String {
    let mut pairs: Vec<(&String, &String)> = q.iter().collect();
    pairs.sort();
    let mut key = path.to_string();
    for (k, v) in pairs {
        key.push_str(&format!("\u{1f}{k}={v}"));
    }
    key
}

/// Partners of a country: per partner, cooperation, conflict and events, and the monthly
/// series of each direction.
pub(crate) fn actor_view(store: &Store, state: &AppState, code: &str) -> Result<Value, ApiError> {
    // The events that name the code as a party, by id.
    let filter = EventFilter { party: Some(code.to_string()), ..EventFilter::default() };
    let n_events = store.count_events(&filter).map_err(store_error)?;
    let options =
        TallyOptions { whole: true, dyads: Some(Granularity::Month), ..TallyOptions::default() };
    let t = tally(store, state, &filter, options, FactsOrder::Id)?;
    // The country's edges in the network of its events: per partner, cooperation and
    // conflict summed over events (each once), with no threshold.
    let net = t.network(&dyad_analysis::NetworkOptions {
        min_weight: 0.0,
        ..dyad_analysis::NetworkOptions::default()
    });
    let mut list: Vec<Value> = net
        .edges
        .iter()
        .filter_map(|e| {
            let (a, b) = (&net.nodes[e.a], &net.nodes[e.b]);
            let partner = if a == code { b } else if b == code { a } else { return None };
            Some(json!({"partner": partner, "cooperation": e.cooperation, "conflict": e.conflict, "balance": e.weight, "events": e.n_events}))
        })
        .collect();
    list.sort_by(|a, b| {
        b["balance"].as_f64().unwrap_or(0.0).total_cmp(&a["balance"].as_f64().unwrap_or(0.0))
    });
    let series: Vec<DyadPoint> =
        t.dyad_series().into_iter().filter(|p| p.actor == code || p.recipient == code).collect();
    let lexicon = &state.lexicon;
    Ok(json!({
        "code": code,
        "name": lexicon.country(code).map(|c| c.name.clone()),
        "events": n_events,
        "partners": list,
        "series": series.iter().map(|p| json!({
            "period": p.period.to_string(), "actor": p.actor, "recipient": p.recipient,
            "n_events": p.n_events, "intensity_sum": p.intensity_sum, "quad_counts": p.quad_counts,
        })).collect::<Vec<_>>(),
    }))
}

pub(crate) async fn actor(
    State(state): State<Arc<AppState>>,
    Path(code): Path<String>,
    Query(q): Q,
) -> ApiResult {
    Params::new(q, &[])?;
    if code.is_empty() || code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ApiError::bad_field("code", format!("`{code}` is not an actor code")));
    }
    let code = code.to_ascii_uppercase();
    let v = state.with_store(move |store, state| actor_view(store, state, &code)).await?;
    if v["events"] == 0 {
        return Err(ApiError::not_found(format!(
            "no events of `{}`",
            v["code"].as_str().unwrap_or("")
        )));
    }
    Ok(Json(v))
}

fn granularity(
    p: &Params,
    name: &str,
    default: Option<Granularity>,
) -> Result<Option<Granularity>, ApiError> {
    Ok(match p.choice(name, &["day", "week", "month", "quarter", "year"])? {
        Some(g) => Some(g.parse().map_err(|e: String| ApiError::bad_field(name, e))?),
        None => default,
    })
}

/// Points of `/api/dyads` in one answer when no `limit` is given.
const DYAD_PAGE: usize = 1_000;
/// The largest `limit` of `/api/dyads` (`all=true` gives every point).
const MAX_DYAD_PAGE: usize = 100_000;

/// `/api/dyads`: a page of the series (`limit`, default [`DYAD_PAGE`], from `offset`) with
/// the number of points in all (`total`) and the offset of the next page (`next`), or every
/// point with `all=true`. The whole series is computed once per store generation and kept
/// in the cache, so that every page after the first is cut from it: one JSON object per
/// line, then a line with their count.
///
/// With `events=true` and no filter, a page is cut from the series without ids (read from
/// the store's monthly sums where it can be), and only its points are read again event by
/// event with their ids ([`with_event_ids`]): the ids of every point grow with the store
/// (165 MB on 10M events). `all=true`, or a filter, reads the events with their ids.
pub(crate) async fn dyads(State(state): State<Arc<AppState>>, Query(q): Q) -> CachedResult {
    let key = cache_key("/api/dyads", &q);
    let p = Params::new(q.clone(), &[FILTERS, &["by", "events", "limit", "offset", "all"]])?;
    let filter = p.filter()?;
    let g = granularity(&p, "by", Some(Granularity::Month))?.unwrap_or(Granularity::Month);
    let event_ids = p.flag("events")?;
    let all = p.flag("all")?;
    let limit = p.number("limit", 1, MAX_DYAD_PAGE)?;
    let offset = p.number("offset", 0, usize::MAX / 2)?;
    if all && (limit.is_some() || offset.is_some()) {
        return Err(ApiError::bad_field(
            "all",
            "all=true gives every point: leave out limit and offset",
        ));
    }
    let mut series_query = q;
    for paging in ["limit", "offset", "all"] {
        series_query.remove(paging);
    }
    // Without a filter the series is read from the store's sums and the ids of a page's
    // points for that page alone; with one, the events read are the filter's anyway and
    // reading them once with their ids is faster than pair by pair (about 4 s against 20 s
    // for one country's 1.7M events of 10M).
    let unfiltered = series_query.keys().all(|k| k == "by" || k == "events");
    let page_ids = event_ids && !all && unfiltered;
    if page_ids {
        series_query.remove("events");
    }
    let series_key = cache_key("/api/dyads (series)", &series_query);
    // No filter, by month, without ids: each month's points saved in the store.
    let saved = series_query.iter().all(|(k, v)| k == "by" && v == "month");
    let series_filter = filter.clone();
    let lines = state
        .cached(series_key, move |store, state| {
            series_lines(store, state, &series_filter, g, saved, event_ids && !page_ids)
        })
        .await?;
    let (offset, limit) = (offset.unwrap_or(0), limit.unwrap_or(DYAD_PAGE));
    let body = if all {
        state.cached(key, move |_, _| Ok(dyads_page(&lines, 0, usize::MAX))).await?
    } else if page_ids {
        state
            .cached(key, move |store, state| {
                let (points, total) = page_points(&lines, offset, limit);
                let points = with_event_ids(store, state, &filter, g, &points)?;
                Ok(page_body(&points, total, offset, limit))
            })
            .await?
    } else {
        dyads_page(&lines, offset, limit).into()
    };
    Ok(crate::json_response(body))
}

/// The whole dyad series as lines of JSON, then a line with their count: from the store's
/// saved monthly points when `saved`, else tallied from the events matching `filter`.
fn series_lines(
    store: &mut Store,
    state: &AppState,
    filter: &EventFilter,
    g: Granularity,
    saved: bool,
    event_ids: bool,
) -> Result<String, ApiError> {
    if saved && !event_ids {
        let is_state = |code: &str| state.lexicon.country(code).is_some();
        let render = |p: &DyadPoint| p.to_json(false);
        let ((mut lines, n), to_save) = dyad_analysis::saved_monthly_dyads(
            store,
            state.lexicon.version(),
            dyad_analysis::DYADS_JSON,
            &is_state,
            &render,
        )
        .map_err(store_error)?;
        state.save(&to_save);
        lines.push_str(&format!("{n}\n"));
        return Ok(lines);
    }
    let options = TallyOptions { dyads: Some(g), event_ids, ..TallyOptions::default() };
    let series = tally(store, state, filter, options, FactsOrder::Date)?.dyad_series();
    let mut out = String::new();
    for p in &series {
        out.push_str(&p.to_json(event_ids));
        out.push('\n');
    }
    out.push_str(&format!("{}\n", series.len()));
    Ok(out)
}

/// The points of `lines` (see [`dyads`]) from `offset`, at most `limit` of them
/// (`usize::MAX`: all), and the number of points in all.
fn page_points(lines: &str, offset: usize, limit: usize) -> (Vec<&str>, usize) {
    let (points, count) = lines.trim_end_matches('\n').rsplit_once('\n').unwrap_or(("", lines));
    let total: usize = count.trim().parse().unwrap_or(0);
    (points.lines().skip(offset).take(limit).collect(), total)
}

/// The answer of `/api/dyads` with `limit` points from `offset` of `lines` (see [`dyads`]);
/// `limit` `usize::MAX`: every point, without `offset`, `limit` and `next`.
fn dyads_page(lines: &str, offset: usize, limit: usize) -> String {
    let (points, total) = page_points(lines, offset, limit);
    page_body(&points, total, offset, limit)
}

fn page_body<S: AsRef<str>>(points: &[S], total: usize, offset: usize, limit: usize) -> String {
    let mut body = format!("{{\"total\":{total},");
    if limit != usize::MAX {
        let next = offset.saturating_add(points.len());
        let next = if next < total { next.to_string() } else { "null".to_string() };
        body.push_str(&format!("\"offset\":{offset},\"limit\":{limit},\"next\":{next},"));
    }
    body.push_str("\"dyads\":[");
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(p.as_ref());
    }
    body.push_str("]}");
    body
}

/// The `points` of a page (JSON lines without ids) again with their events' ids.
///
/// Each directed pair on the page is tallied again, with ids, from the events matching
/// `filter` that also name its actor as an actor and its recipient as a recipient (entity
/// codes, through the store's index of parties), read in the order the whole series reads
/// them: the same events give the same sums in the same order, so the same points. Codes
/// are not countries (an agency's code is not its country's), so the narrowed events may
/// miss some, and co-actors are no recipients: a point whose count of events falls short is
/// looked for again among the events that name the actor as a party, then among all events
/// matching `filter`.
fn with_event_ids(
    store: &mut Store,
    state: &AppState,
    filter: &EventFilter,
    g: Granularity,
    points: &[&str],
) -> Result<Vec<String>, ApiError> {
    type Key = (String, String, String);
    let parse = |line: &str| -> Result<(Key, u64), ApiError> {
        let v: Value = serde_json::from_str(line).map_err(ApiError::internal)?;
        let field = |f: &str| v[f].as_str().unwrap_or_default().to_string();
        let n = v["n_events"].as_u64().unwrap_or(0);
        Ok(((field("actor"), field("recipient"), field("period")), n))
    };
    let wanted = points.iter().map(|l| parse(l)).collect::<Result<Vec<_>, _>>()?;
    let mut pairs: Vec<(&str, &str)> =
        wanted.iter().map(|((a, r, _), _)| (a.as_str(), r.as_str())).collect();
    pairs.dedup();
    let mut found: HashMap<Key, (u64, String)> = HashMap::new();
    let tally_into = |narrowed: &EventFilter,
                      found: &mut HashMap<Key, (u64, String)>,
                      keep: &dyn Fn(&DyadPoint) -> bool|
     -> Result<(), ApiError> {
        let options = TallyOptions { dyads: Some(g), event_ids: true, ..TallyOptions::default() };
        for p in tally(store, state, narrowed, options, FactsOrder::Date)?.dyad_series() {
            if keep(&p) {
                let key = (p.actor.clone(), p.recipient.clone(), p.period.to_string());
                found.insert(key, (p.n_events as u64, p.to_json(true)));
            }
        }
        Ok(())
    };
    let complete = |found: &HashMap<Key, (u64, String)>, pair: Option<(&str, &str)>| {
        wanted
            .iter()
            .filter(|((a, r, _), _)| pair.is_none_or(|(pa, pr)| pa == a && pr == r))
            .all(|(key, n)| found.get(key).is_some_and(|(got, _)| got == n))
    };
    let by_actor = |actor: &str| {
        let mut narrowed = filter.clone();
        if narrowed.party.is_none() {
            narrowed.party = Some(actor.to_string());
        } else if narrowed.actor.is_none() {
            narrowed.actor = Some(actor.to_string());
        }
        narrowed
    };
    let mut actors_done: Vec<&str> = Vec::new();
    for &(actor, recipient) in &pairs {
        // Narrowing only adds conditions to `filter`: whatever it keeps matches `filter`.
        let mut narrowed = filter.clone();
        match &narrowed.actor {
            None => narrowed.actor = Some(actor.to_string()),
            // A co-actor of the actor asked for ("actor=USA": USA and GBR → RUS).
            Some(a) if a != actor => {
                narrowed.party.get_or_insert_with(|| actor.to_string());
            }
            Some(_) => {}
        }
        narrowed.recipient.get_or_insert_with(|| recipient.to_string());
        tally_into(&narrowed, &mut found, &|p| p.actor == actor && p.recipient == recipient)?;
        if complete(&found, Some((actor, recipient))) {
            continue;
        }
        if !actors_done.contains(&actor) {
            actors_done.push(actor);
            tally_into(&by_actor(actor), &mut found, &|p| p.actor == actor)?;
        }
        if !complete(&found, Some((actor, recipient))) {
            tally_into(filter, &mut found, &|_| true)?;
            break;
        }
    }
    wanted
        .into_iter()
        .map(|(k, n)| match found.remove(&k) {
            Some((got, line)) if got == n => Ok(line),
            _ => Err(ApiError::internal(format!(
                "dyad point {} -> {} {} not found again",
                k.0, k.1, k.2
            ))),
        })
        .collect()
}

/// A JSON body, serialised as `axum::Json` does.
fn to_body(v: &Value) -> Result<String, ApiError> {
    serde_json::to_string(v).map_err(ApiError::internal)
}

type CachedResult = Result<axum::response::Response, ApiError>;

fn network_options(
    p: &Params,
    filter: &EventFilter,
) -> Result<dyad_analysis::NetworkOptions, ApiError> {
    let date = |d: &Option<String>| {
        d.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    Ok(dyad_analysis::NetworkOptions {
        min_events: p.number("min_events", 1, 1_000_000)?.unwrap_or(1),
        min_weight: match p.text("min_weight", 12)? {
            Some(w) => {
                w.parse::<f64>().ok().filter(|w| w.is_finite() && *w >= 0.0).ok_or_else(|| {
                    ApiError::bad_field("min_weight", format!("`{w}` is not a number ≥ 0"))
                })?
            }
            None => 0.5,
        },
        since: date(&filter.since),
        until: date(&filter.until),
    })
}

pub(crate) async fn network(State(state): State<Arc<AppState>>, Query(q): Q) -> CachedResult {
    let key = cache_key("/api/network", &q);
    let p = Params::new(q, &[FILTERS, &["min_events", "min_weight"]])?;
    let filter = p.filter()?;
    let options = network_options(&p, &filter)?;
    let body = state
        .cached(key, move |store, state| {
            let tally_options =
                TallyOptions { whole: true, event_ids: true, ..TallyOptions::default() };
            let net =
                tally(store, state, &filter, tally_options, FactsOrder::Date)?.network(&options);
            let a = analyse(&net);
            let mut v = dyad_analysis::to_json(&net, Some(&a));
            v["analysis"] = a.to_json();
            to_body(&v)
        })
        .await?;
    Ok(crate::json_response(body))
}

pub(crate) async fn blocs(State(state): State<Arc<AppState>>, Query(q): Q) -> CachedResult {
    let key = cache_key("/api/blocs", &q);
    // No filter and the default options: the whole network's analysis saved in the store.
    let saved = q.is_empty();
    let p = Params::new(q, &[FILTERS, &["min_events", "min_weight"]])?;
    let filter = p.filter()?;
    let options = network_options(&p, &filter)?;
    let body = state
        .cached(key, move |store, state| {
            let (net, a) = if saved {
                let whole = state.whole_window(store)?;
                (whole.network, whole.analysis)
            } else {
                let tally_options = TallyOptions { whole: true, ..TallyOptions::default() };
                let t = tally(store, state, &filter, tally_options, FactsOrder::Date)?;
                let net = t.network(&options);
                let a = analyse(&net);
                (net, a)
            };
            let mut v = a.to_json();
            v["nodes"] = json!(net.nodes.len());
            v["edges"] = json!(net.edges.len());
            to_body(&v)
        })
        .await?;
    Ok(crate::json_response(body))
}

pub(crate) async fn polarity(State(state): State<Arc<AppState>>, Query(q): Q) -> CachedResult {
    let key = cache_key("/api/polarity", &q);
    // No filter and the default options, over everything or by month: the analyses saved in
    // the store.
    let saved = q.keys().all(|k| k == "window");
    let p = Params::new(q, &[FILTERS, &["window", "min_events", "min_weight"]])?;
    let filter = p.filter()?;
    let options = network_options(&p, &filter)?;
    let g = granularity(&p, "window", None)?;
    let body = state
        .cached(key, move |store, state| {
            let windows = match g {
                None if saved => vec![state.whole_window(store)?],
                Some(Granularity::Month) if saved => {
                    state.monthly_windows(store)?.map_err(|e| too_many_windows("window", e))?
                }
                _ => {
                    let tally_options =
                        TallyOptions { whole: g.is_none(), windows: g, ..TallyOptions::default() };
                    let t = tally(store, state, &filter, tally_options, FactsOrder::Date)?;
                    t.windows_until(g, &options, &stop_flag(store))
                        .map_err(|e| too_many_windows("window", e))?
                }
            };
            if store.cancelled() {
                return Err(store_error(dyad_store::StoreError::Cancelled));
            }
            let list: Vec<Value> = windows.iter().map(dyad_analysis::Window::to_json).collect();
            to_body(&json!({ "windows": list }))
        })
        .await?;
    Ok(crate::json_response(body))
}

/// `POST /api/ingest` with `{"text"|"html"|"url": …, "date"?, "title"?, "outlet"?}`.
pub(crate) async fn ingest(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token)
        .unwrap_or("");
    check_token(&state, given, "a valid `Authorization: Bearer TOKEN` header is required")?;
    let Json(body) =
        body.map_err(|rejection| ApiError::new(rejection.status(), rejection.body_text()))?;
    let (status, v) = ingest_value(&state, body).await?;
    Ok((status, Json(v)))
}

/// The token of an `Authorization: Bearer TOKEN` value. The scheme's name is
/// case-insensitive (RFC 9110, section 11.1), and spaces may separate it from the token.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim_start_matches(' '))
}

/// 403 on a read-only server; 401 unless `given` is the write token.
pub(crate) fn check_token(state: &AppState, given: &str, missing: &str) -> Result<(), ApiError> {
    let Some(token) = state.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only (start it with --write-token)",
        ));
    };
    if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, missing));
    }
    Ok(())
}

/// Codes and stores one article given as `{"text"|"html"|"url": …, "date"?, "title"?,
/// "outlet"?}`; the caller has checked the token.
pub(crate) async fn ingest_value(
    state: &Arc<AppState>,
    body: Value,
) -> Result<(StatusCode, Value), ApiError> {
    let Some(obj) = body.as_object() else {
        return Err(ApiError::bad_field("body", "must be a JSON object"));
    };
    for key in obj.keys() {
        if !["text", "html", "url", "date", "title", "outlet"].contains(&key.as_str()) {
            return Err(ApiError::bad_field(key, format!("unknown field `{key}`")));
        }
    }
    let given: Vec<&str> =
        ["text", "html", "url"].into_iter().filter(|k| obj.contains_key(*k)).collect();
    if given.len() != 1 {
        return Err(ApiError::bad_field("text", "give exactly one of `text`, `html` or `url`"));
    }
    let kind = given[0];
    let content = obj[kind]
        .as_str()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| ApiError::bad_field(kind, "must be a non-empty string"))?
        .to_string();
    let string_field = |name: &str| -> Result<Option<String>, ApiError> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(ApiError::bad_field(name, "must be a string")),
        }
    };
    let date = match string_field("date")? {
        Some(d) => {
            let date = NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                ApiError::bad_field("date", format!("`{d}` is not a YYYY-MM-DD date"))
            })?;
            dyad_model::calendar::plausible_date(date, dyad_model::calendar::today())
                .map_err(|m| ApiError::bad_field("date", m))?;
            Some(date)
        }
        None => None,
    };
    let (title, outlet) = (string_field("title")?, string_field("outlet")?);
    // Pasted text and HTML arrive in a JSON string: UTF-8 already, whatever a `<meta>` says.
    let mut charset = Some("utf-8".to_string());
    let (raw, source, hint): (Vec<u8>, String, &str) = match kind {
        "url" => {
            if !(content.starts_with("http://") || content.starts_with("https://")) {
                return Err(ApiError::bad_field("url", "must be an http(s) URL"));
            }
            let Some(fetch) = state.fetch.clone() else {
                return Err(ApiError::new(
                    StatusCode::NOT_IMPLEMENTED,
                    "this server does not fetch URLs",
                ));
            };
            let url = content.clone();
            let page = tokio::task::spawn_blocking(move || fetch(&url))
                .await
                .map_err(ApiError::internal)?
                .map_err(|e| ApiError::new(StatusCode::BAD_GATEWAY, e))?;
            let html = page.media_type.as_deref().is_some_and(|m| m.contains("html"));
            charset = page.charset;
            (page.bytes, page.url, if html { "page.html" } else { "" })
        }
        "html" => (content.into_bytes(), String::new(), "page.html"),
        _ => (content.into_bytes(), String::new(), "page.txt"),
    };
    let raw_hash = dyad_store::sha256_hex(&raw);
    let source = if source.is_empty() { format!("api:{}", &raw_hash[..16]) } else { source };
    let outcome = state
        .with_store(move |store, state| {
            if store.is_read_only() {
                return Err(read_only_store());
            }
            let parsed = dyad_ingest::parse(&source, hint, &raw, charset.as_deref())
                .map_err(|e| ApiError::bad_field(kind, e.to_string()))?;
            let mut warning = parsed.warning;
            let mut doc = parsed.document;
            // A date read from the article itself that cannot be right is not used.
            if let Some(found) = doc.date {
                let today = dyad_model::calendar::today();
                if let Err(m) = dyad_model::calendar::plausible_date(found, today) {
                    let note = format!("the article's own date {m}; it is not used");
                    warning = Some(match warning {
                        Some(w) => format!("{w}; {note}"),
                        None => note,
                    });
                    doc.date = None;
                }
            }
            if doc.date.is_none() {
                doc.date = date;
            }
            if title.is_some() {
                doc.title = title;
            }
            if outlet.is_some() {
                doc.outlet = outlet;
            }
            if doc.text.trim().is_empty() {
                return Err(ApiError::bad_field(kind, "no article text found"));
            }
            let coded = state.coder.code(&doc).events;
            let n = coded.len();
            let rep = dyad_store::Representation {
                source,
                format: if hint == "page.html" { "html" } else { "text" }.into(),
                raw_hash,
            };
            let outcomes = store
                .ingest_batch(
                    &[(doc, coded, rep)],
                    dyad_coder::CODER_VERSION,
                    state.lexicon.version(),
                )
                .map_err(|e| {
                    if e.is_read_only() {
                        read_only_store()
                    } else if e.is_disk_full() {
                        ApiError::new(
                            StatusCode::INSUFFICIENT_STORAGE,
                            "the disk holding the store is full: nothing was stored",
                        )
                    } else {
                        ApiError::internal(e)
                    }
                })?;
            Ok((outcomes.into_iter().next(), n, warning))
        })
        .await?;
    let (status, label) = match &outcome.0 {
        Some(dyad_store::IngestOutcome::New { .. }) => (StatusCode::CREATED, "new"),
        Some(dyad_store::IngestOutcome::SameArticle) => (StatusCode::OK, "same_article"),
        Some(dyad_store::IngestOutcome::NearDuplicate { .. }) => (StatusCode::OK, "near_duplicate"),
        Some(dyad_store::IngestOutcome::SameFile) | None => (StatusCode::OK, "unchanged"),
    };
    let new_events = match outcome.0 {
        Some(dyad_store::IngestOutcome::New { new_events, .. }) => new_events,
        _ => 0,
    };
    let mut body = json!({"outcome": label, "mentions": outcome.1, "new_events": new_events});
    if let Some(warning) = outcome.2 {
        body["warning"] = json!(warning);
    }
    Ok((status, body))
}

fn read_only_store() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "the store cannot be written (a read-only file system or file): nothing was stored",
    )
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
