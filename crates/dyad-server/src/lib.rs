//! `dyad serve`: a JSON API over a store, documented by an OpenAPI document at
//! `/api/openapi.json`, and server-rendered HTML pages (dashboard, event list, event with its
//! evidence in its article, actor, network) for people who would rather look than read.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let lexicon = std::sync::Arc::new(dyad_lexicon::Lexicon::load(&[]).unwrap());
//! let config = dyad_server::Config::read_only("dyad.db".into(), lexicon);
//! dyad_server::serve(config, "127.0.0.1:8080".parse().unwrap()).await
//! # }
//! ```
//!
//! Everything is served from the binary: no page asks for anything from another host. Pages
//! work without JavaScript. Writing (`POST /api/ingest`) needs a token given at start; a
//! server started without one is read-only.
//!
//! Hostile clients are bounded (`Limits`): a connection must send its request headers within
//! a timeout, a request is answered within another, and the connections open at once are
//! capped. Every response carries a strict Content-Security-Policy and the other security
//! headers (`layers.rs`). A request's work on the store stops when the request is dropped
//! (time limit, client gone, server stopping), and analysis results are cached until the
//! store changes (`AppState::cached`).
//!
//! Not here: command-line parsing, fetching URLs (the CLI hands in a fetch function).

mod api;
mod html;
mod layers;
mod listen;
mod openapi;
mod pages;
mod params;

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dyad_store::Store;
use serde_json::json;

/// A page fetched for `POST /api/ingest {"url": …}`.
pub struct FetchedPage {
    /// The address after redirects.
    pub url: String,
    pub bytes: Vec<u8>,
    /// The media type without parameters (`text/html`).
    pub media_type: Option<String>,
    /// The `charset` parameter of the `Content-Type` header.
    pub charset: Option<String>,
}

/// Fetches a URL for `POST /api/ingest {"url": …}`, or says why not.
pub type FetchFn = dyn Fn(&str) -> Result<FetchedPage, String> + Send + Sync;

/// How the server runs.
pub struct Config {
    pub db: PathBuf,
    /// The bearer token that allows `POST /api/ingest`; `None`: read-only.
    pub write_token: Option<String>,
    pub lexicon: Arc<dyad_lexicon::Lexicon>,
    /// Largest request body accepted (413 beyond).
    pub max_body_bytes: usize,
    pub fetch: Option<Arc<FetchFn>>,
    pub limits: Limits,
}

impl Config {
    /// A read-only server on the store at `db`, coding with `lexicon`.
    pub fn read_only(db: PathBuf, lexicon: Arc<dyad_lexicon::Lexicon>) -> Config {
        Config {
            db,
            write_token: None,
            lexicon,
            max_body_bytes: DEFAULT_MAX_BODY,
            fetch: None,
            limits: Limits::default(),
        }
    }
}

/// 2 MB: a long article as HTML fits many times over.
pub const DEFAULT_MAX_BODY: usize = 2 << 20;

/// How long clients may take and how many may be connected: what keeps idle, slow and
/// numerous connections from starving the others.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Time to send a request's headers, from the opening of the connection or the end of
    /// the previous response; the connection is closed after it. Also the idle timeout of a
    /// kept-alive connection.
    pub header_timeout: Duration,
    /// Time from a request's headers to its response (reading the body included); 503
    /// after it.
    pub request_timeout: Duration,
    /// Connections open at once; a connection beyond is answered 503 and closed. Keep it
    /// below the process's descriptor limit (`ulimit -n`), which the stores also use.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            // Fetching a URL for `POST /api/ingest` may take 30 s, coding it some more.
            request_timeout: Duration::from_secs(60),
            max_connections: 256,
        }
    }
}

pub(crate) struct AppState {
    db: PathBuf,
    /// Open stores, reused across requests (a SQLite connection serves one thread at a time).
    stores: Mutex<Vec<Store>>,
    /// A connection that never writes: its `data_version` changes when anyone (this server's
    /// ingest, another process) commits, which makes the cache's generation.
    watcher: Mutex<Option<Store>>,
    /// Analysis results (rendered JSON or HTML) by request, valid for one generation.
    cache: Mutex<Cache>,
    /// A gate per cache key being computed: a second request for it waits for the first
    /// and takes its answer, instead of computing it again beside it.
    computing: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Set when the server stops: work still running is abandoned.
    stopping: AtomicBool,
    /// The blocking jobs running, by number.
    jobs: Mutex<HashMap<u64, Job>>,
    next_job: std::sync::atomic::AtomicU64,
    /// Blocking jobs stopped before their end because their request was dropped (client
    /// gone, time limit, shutdown): for tests and logs.
    pub(crate) jobs_stopped: AtomicUsize,
    /// Requests answered from the cache (for tests and logs).
    pub(crate) cache_hits: AtomicUsize,
    token: Option<String>,
    coder: dyad_coder::Coder,
    lexicon: Arc<dyad_lexicon::Lexicon>,
    fetch: Option<Arc<FetchFn>>,
}

/// An API error: a status and a JSON body `{"error": …, "field": …}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
    field: Option<String>,
}

impl ApiError {
    pub(crate) fn bad_field(field: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            field: Some(field.to_string()),
        }
    }

    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into(), field: None }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, what)
    }

    pub(crate) fn internal(e: impl std::fmt::Display) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body =
            json!({"error": self.message, "field": self.field, "status": self.status.as_u16()});
        (self.status, Json(body)).into_response()
    }
}

/// Results cached for one store generation.
#[derive(Default)]
pub(crate) struct Cache {
    generation: Option<i64>,
    entries: HashMap<String, Arc<str>>,
    /// The bytes of the entries' values. Invariant: at most the `max_bytes` they were kept
    /// under.
    bytes: usize,
}

/// Entries kept at most; beyond, the cache starts again empty (the keys are requests, which a
/// client can vary at will).
const CACHE_ENTRIES: usize = 256;

/// Bytes of answers kept at most (the answers of `/api/dyads` on 10M events are 86 MB, and
/// 165 MB with `events=true`); beyond, the cache starts again empty, and an answer larger than
/// this is not kept.
const CACHE_BYTES: usize = 512 << 20;

impl Cache {
    /// Keeps `value` for `key` in `generation`: an older generation's entries go, and all go
    /// when the entry or byte limits would be passed.
    fn insert(
        &mut self,
        generation: i64,
        key: String,
        value: Arc<str>,
        max_entries: usize,
        max_bytes: usize,
    ) {
        if value.len() > max_bytes {
            return;
        }
        if self.generation != Some(generation)
            || self.entries.len() >= max_entries
            || self.bytes + value.len() > max_bytes
        {
            self.entries.clear();
            self.bytes = 0;
            self.generation = Some(generation);
        }
        self.bytes += value.len();
        if let Some(old) = self.entries.insert(key, value) {
            self.bytes -= old.len();
        }
    }
}

/// One request's blocking work: its stop flag and the statement to interrupt.
#[derive(Clone, Default)]
struct Job {
    stop: Arc<AtomicBool>,
    interrupt: Arc<Mutex<Option<dyad_store::Interrupt>>>,
}

impl Job {
    fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Ok(Some(handle)) = self.interrupt.lock().as_deref() {
            handle.interrupt();
        }
    }
}

/// Stops a job when the request's future is dropped (its client went away, its time ran
/// out) before the work is done.
struct StopOnDrop {
    job: Job,
    done: bool,
}

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        if !self.done {
            self.job.stop();
        }
    }
}

impl AppState {
    /// Runs `f` with a store on a blocking thread. When the returned future is dropped
    /// before it completes, or the server stops, the store's reads stop
    /// (`Store::set_cancel`, `Store::interrupt_handle`): the work ends soon instead of
    /// running on for nobody.
    pub(crate) async fn with_store<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &AppState) -> Result<T, ApiError> + Send + 'static,
    {
        let job = Job::default();
        let id = self.next_job.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.insert(id, job.clone());
        }
        if self.stopping.load(Ordering::Relaxed) {
            job.stop();
        }
        let mut guard = StopOnDrop { job: job.clone(), done: false };
        let state = self.clone();
        let out = tokio::task::spawn_blocking(move || {
            let pooled = state.stores.lock().map(|mut s| s.pop()).unwrap_or(None);
            let mut store = match pooled {
                Some(s) => s,
                None => Store::open(&state.db).map_err(ApiError::internal)?,
            };
            if let Ok(mut slot) = job.interrupt.lock() {
                *slot = Some(store.interrupt_handle());
            }
            store.set_cancel(Some(job.stop.clone()));
            let out = f(&mut store, &state);
            if let Ok(mut slot) = job.interrupt.lock() {
                *slot = None;
            }
            store.set_cancel(None);
            if let Ok(mut jobs) = state.jobs.lock() {
                jobs.remove(&id);
            }
            let out = if job.stop.load(Ordering::Relaxed) {
                state.jobs_stopped.fetch_add(1, Ordering::Relaxed);
                Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the request was stopped"))
            } else {
                out
            };
            if let Ok(mut pool) = state.stores.lock() {
                pool.push(store);
            }
            out
        })
        .await
        .map_err(ApiError::internal)?;
        guard.done = true;
        out
    }

    /// Stops every job running and any started later (the server is stopping).
    fn stop_all(&self) {
        self.stopping.store(true, Ordering::Relaxed);
        if let Ok(jobs) = self.jobs.lock() {
            jobs.values().for_each(Job::stop);
        }
    }

    /// The cache's generation: the watcher connection's `data_version` (see `AppState::watcher`).
    fn generation(&self) -> Result<i64, ApiError> {
        let mut watcher = self.watcher.lock().map_err(ApiError::internal)?;
        if watcher.is_none() {
            *watcher = Some(Store::open(&self.db).map_err(ApiError::internal)?);
        }
        match watcher.as_ref() {
            Some(store) => store.data_version().map_err(ApiError::internal),
            None => Err(ApiError::internal("no store")),
        }
    }

    /// Saves analysis results through the watcher: its own commits leave its `data_version`
    /// as it was, so saving them does not make the cache stale (they change no answer). A
    /// store that cannot be written keeps nothing, which only costs time.
    fn save(&self, results: &dyad_analysis::ToSave) {
        if results.is_empty() {
            return;
        }
        let Ok(mut watcher) = self.watcher.lock() else { return };
        if watcher.is_none() {
            *watcher = Store::open(&self.db).ok();
        }
        if let Some(store) = watcher.as_mut() {
            // Not saved (the store is busy or cannot be written): computed again next time.
            let _ = store.save_analyses(results);
        }
    }

    /// The monthly windows of all events with the default network options
    /// (`dyad_analysis::saved_monthly_windows`): the months saved in the store are read
    /// back, the others analysed and saved.
    pub(crate) fn monthly_windows(
        &self,
        store: &Store,
    ) -> Result<Result<Vec<dyad_analysis::Window>, dyad_analysis::TooManyWindows>, ApiError> {
        let is_state = |code: &str| self.lexicon.country(code).is_some();
        let (windows, to_save) = dyad_analysis::saved_monthly_windows(
            store,
            self.lexicon.version(),
            &is_state,
            &api::stop_flag(store),
        )
        .map_err(api::store_error)?;
        self.save(&to_save);
        Ok(windows)
    }

    /// The network of all events with the default options and its analysis, as one window
    /// (`dyad_analysis::saved_whole`), read back from the store while no month has changed.
    pub(crate) fn whole_window(&self, store: &Store) -> Result<dyad_analysis::Window, ApiError> {
        let is_state = |code: &str| self.lexicon.country(code).is_some();
        let (window, to_save) =
            dyad_analysis::saved_whole(store, self.lexicon.version(), &is_state)
                .map_err(api::store_error)?;
        self.save(&to_save);
        Ok(window)
    }

    /// The result of `f` for `key`, computed once per store generation: a write to the store
    /// (from this server or any other process) makes every entry stale.
    pub(crate) async fn cached<F>(self: &Arc<Self>, key: String, f: F) -> Result<Arc<str>, ApiError>
    where
        F: FnOnce(&mut Store, &AppState) -> Result<String, ApiError> + Send + 'static,
    {
        let state = self.clone();
        let generation = tokio::task::spawn_blocking(move || state.generation())
            .await
            .map_err(ApiError::internal)??;
        if let Some(hit) = self.hit(generation, &key) {
            return Ok(hit);
        }
        let gate = match self.computing.lock() {
            Ok(mut computing) => computing.entry(key.clone()).or_default().clone(),
            Err(_) => Arc::default(),
        };
        let turn = gate.lock().await;
        // The request that held the gate may have left the answer.
        if let Some(hit) = self.hit(generation, &key) {
            return Ok(hit);
        }
        // Computed from what the store held at `generation` or later: a write meanwhile
        // changes the generation, so the entry is never served for newer data.
        let value = self.with_store(f).await.map(Arc::<str>::from);
        // Cached before the gate goes, so that a request arriving meanwhile finds it.
        if let (Ok(value), Ok(mut cache)) = (&value, self.cache.lock()) {
            cache.insert(generation, key.clone(), value.clone(), CACHE_ENTRIES, CACHE_BYTES);
        }
        if let Ok(mut computing) = self.computing.lock() {
            computing.remove(&key);
        }
        drop(turn);
        value
    }

    /// The cached answer for `key` in `generation`, if any.
    fn hit(&self, generation: i64, key: &str) -> Option<Arc<str>> {
        let cache = self.cache.lock().ok()?;
        let hit = cache.entries.get(key).filter(|_| cache.generation == Some(generation))?;
        self.cache_hits.fetch_add(1, Ordering::Relaxed);
        Some(hit.clone())
    }

    /// Computes the analysis pages and endpoints without parameters, as a first visitor
    /// would ask for them, so that they are cached (and their analyses saved in the store)
    /// before anyone asks: run once when the server starts.
    async fn warm(self: Arc<Self>) {
        let none = || axum::extract::Query(HashMap::new());
        let state = || axum::extract::State(self.clone());
        let _ = pages::dashboard(state()).await;
        let _ = pages::network(state(), none()).await;
        let _ = api::blocs(state(), none()).await;
        let _ = api::polarity(state(), none()).await;
        let _ = api::dyads(state(), none()).await;
    }
}

/// A 200 JSON response of a body already serialised.
pub(crate) fn json_response(body: Arc<str>) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        axum::body::Body::from(body.as_bytes().to_vec()),
    )
        .into_response()
}

/// The application: API, pages and static assets, each response with the security headers,
/// each request within `config.limits.request_timeout`.
pub fn router(config: Config) -> Router {
    app(config).0
}

/// The application and its state (whose `stop_all` abandons the work in progress).
fn app(config: Config) -> (Router, Arc<AppState>) {
    let coder = dyad_coder::Coder::new(config.lexicon.clone(), dyad_coder::Options::default());
    let state = Arc::new(AppState {
        db: config.db,
        stores: Mutex::new(Vec::new()),
        watcher: Mutex::new(None),
        cache: Mutex::new(Cache::default()),
        computing: Mutex::new(HashMap::new()),
        stopping: AtomicBool::new(false),
        jobs: Mutex::new(HashMap::new()),
        next_job: std::sync::atomic::AtomicU64::new(0),
        jobs_stopped: AtomicUsize::new(0),
        cache_hits: AtomicUsize::new(0),
        token: config.write_token.filter(|t| !t.is_empty()),
        coder,
        lexicon: config.lexicon,
        fetch: config.fetch,
    });
    let api = Router::new()
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/stats", get(api::stats))
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/actors/{code}", get(api::actor))
        .route("/api/dyads", get(api::dyads))
        .route("/api/network", get(api::network))
        .route("/api/blocs", get(api::blocs))
        .route("/api/polarity", get(api::polarity))
        .route(
            "/api/ingest",
            post(api::ingest).layer(axum::extract::DefaultBodyLimit::max(config.max_body_bytes)),
        );
    let pages = Router::new()
        .route("/", get(pages::dashboard))
        .route("/events", get(pages::events))
        .route("/events/{id}", get(pages::event))
        .route("/actors/{code}", get(pages::actor))
        .route("/network", get(pages::network))
        .route(
            "/ingest",
            get(pages::ingest_form)
                .post(pages::ingest_submit)
                .layer(axum::extract::DefaultBodyLimit::max(config.max_body_bytes)),
        )
        .route("/static/{*path}", get(pages::asset));
    let router = Router::new()
        .merge(api)
        .merge(pages)
        .fallback(not_found)
        .with_state(state.clone())
        .layer(axum::middleware::from_fn_with_state(
            config.limits.request_timeout,
            layers::time_limit,
        ))
        .layer(axum::middleware::map_response(layers::security_headers));
    (router, state)
}

/// 404: JSON under `/api/`, a page elsewhere.
async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found("no such endpoint (see /api/openapi.json)").into_response()
    } else {
        pages::not_found().await
    }
}

/// Serves `config` on `bind` until Ctrl-C.
pub async fn serve(config: Config, bind: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    serve_on(listener, config, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Serves `config` on `listener` until `shutdown` completes, within `config.limits`.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let limits = config.limits;
    let (app, state) = app(config);
    tokio::spawn(state.clone().warm());
    // At the stop, work still running is abandoned rather than waited for.
    let shutdown = async move {
        shutdown.await;
        state.stop_all();
    };
    listen::run(listener, app, limits, shutdown).await
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use dyad_model::{Entity, Event, EventType, Modality, TextInfo};
    use dyad_store::{EventFilter, FactsOrder, ImportFile, ImportRow};
    use tower::ServiceExt;

    use super::*;

    /// An imported row: RUS accuses UKR.
    fn row(i: usize) -> ImportRow {
        let entity = |c: &str| Entity { code: c.into(), country: c.into(), ..Entity::default() };
        ImportRow {
            event: Event {
                id: format!("e{i}"),
                doc_id: String::new(),
                event: EventType::Accuse,
                mode: vec![],
                context: vec![],
                actor: vec![entity("RUS")],
                recipient: vec![entity("UKR")],
                date: Some("2024-06-19".into()),
                date_text: None,
                date_precision: None,
                event_loc: None,
                size: None,
                modality: Modality::Asserted,
                hedge: None,
                attribution: None,
                quad_code: 3,
                intensity: -2.0,
                cameo: String::new(),
                text: String::new(),
                text_info: TextInfo { sentence: 0, start: 0, end: 0 },
                event_text: String::new(),
                trigger_span: (0, 0),
                rule: String::new(),
                citations: vec![],
                explain: vec![],
            },
            key: format!("line {i}"),
            source: None,
        }
    }

    /// A new store of `n` such rows.
    fn store(name: &str, n: usize) -> (PathBuf, PathBuf) {
        let dir =
            std::env::temp_dir().join(format!("dyad-server-unit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("store.db");
        let file = ImportFile { dataset: "t".into(), file: "t".into(), file_hash: "t".into() };
        Store::bulk_create(&db, &file, (0..n).map(row)).unwrap();
        (dir, db)
    }

    fn config(db: &std::path::Path) -> Config {
        Config::read_only(db.to_path_buf(), Arc::new(dyad_lexicon::Lexicon::load(&[]).unwrap()))
    }

    /// Blocking work that reads every event, 1 ms each: 5 s for 5,000 if nothing stops it.
    async fn slow_read(state: Arc<AppState>, seen: Arc<AtomicUsize>) -> Result<(), ApiError> {
        state
            .with_store(move |store, _| {
                store
                    .each_event_facts(&EventFilter::default(), FactsOrder::Date, &mut |_| {
                        seen.fetch_add(1, Ordering::Relaxed);
                        std::thread::sleep(Duration::from_millis(1));
                        true
                    })
                    .map_err(api::store_error)
            })
            .await
    }

    /// A request whose future is dropped (its client went away, its time ran out) stops its
    /// blocking work: the read ends soon after, long before the store is read through.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_abandoned_request_stops_its_work() {
        let n = 5_000;
        let (dir, db) = store("abandoned", n);
        let (_, state) = app(config(&db));
        let seen = Arc::new(AtomicUsize::new(0));
        let work = slow_read(state.clone(), seen.clone());
        assert!(tokio::time::timeout(Duration::from_millis(200), work).await.is_err());
        let dropped = Instant::now();
        while state.jobs_stopped.load(Ordering::Relaxed) == 0 {
            assert!(dropped.elapsed() < Duration::from_secs(2), "the work went on");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let at_stop = seen.load(Ordering::Relaxed);
        assert!(at_stop > 0 && at_stop < n, "{at_stop}");
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(seen.load(Ordering::Relaxed), at_stop, "nothing is read after the stop");
        // The store went back to the pool in working order.
        let count = state.with_store(|store, _| {
            store.count_events(&EventFilter::default()).map_err(api::store_error)
        });
        assert_eq!(count.await.unwrap(), n);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The server's stop abandons the work in progress instead of waiting for it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn stopping_the_server_stops_its_work() {
        let (dir, db) = store("stopping", 5_000);
        let (_, state) = app(config(&db));
        let task = tokio::spawn(slow_read(state.clone(), Arc::new(AtomicUsize::new(0))));
        tokio::time::sleep(Duration::from_millis(100)).await;
        let stopped = Instant::now();
        state.stop_all();
        let answer = task.await.unwrap();
        assert_eq!(answer.unwrap_err().status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(stopped.elapsed() < Duration::from_secs(1));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The cache holds at most its bytes: an answer that would pass them empties it first,
    /// and one larger than all of them is not kept.
    #[test]
    fn the_cache_keeps_at_most_its_bytes() {
        let mut cache = Cache::default();
        let value = |n: usize| -> Arc<str> { "x".repeat(n).into() };
        cache.insert(1, "a".into(), value(40), 10, 100);
        cache.insert(1, "b".into(), value(50), 10, 100);
        assert_eq!((cache.entries.len(), cache.bytes), (2, 90));
        cache.insert(1, "b".into(), value(10), 10, 100);
        assert_eq!((cache.entries.len(), cache.bytes), (2, 50));
        cache.insert(1, "c".into(), value(60), 10, 100);
        assert_eq!((cache.entries.len(), cache.bytes), (1, 60));
        cache.insert(1, "d".into(), value(101), 10, 100);
        assert_eq!((cache.entries.len(), cache.bytes), (1, 60));
        assert!(!cache.entries.contains_key("d"));
        cache.insert(2, "e".into(), value(5), 10, 100);
        assert_eq!((cache.entries.len(), cache.bytes), (1, 5));
    }

    /// Two requests for one answer at once compute it once: the second waits for the first.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_answer_being_computed_is_not_computed_again_beside_it() {
        let (dir, db) = store("single", 10);
        let (_, state) = app(config(&db));
        let computed = Arc::new(AtomicUsize::new(0));
        let ask = || {
            let (state, computed) = (state.clone(), computed.clone());
            tokio::spawn(async move {
                state
                    .cached("k".into(), move |_, _| {
                        computed.fetch_add(1, Ordering::Relaxed);
                        std::thread::sleep(Duration::from_millis(200));
                        Ok("answer".to_string())
                    })
                    .await
                    .unwrap()
            })
        };
        let (first, second) = (ask(), ask());
        assert_eq!(&*first.await.unwrap(), "answer");
        assert_eq!(&*second.await.unwrap(), "answer");
        assert_eq!(computed.load(Ordering::Relaxed), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A second identical request is answered from the cache; a write by another
    /// connection makes every entry stale.
    #[tokio::test]
    async fn analyses_are_cached_until_the_store_changes() {
        let (dir, db) = store("cache", 10);
        let (router, state) = app(config(&db));
        let get = |uri: &'static str| {
            let router = router.clone();
            async move {
                let request = axum::http::Request::get(uri).body(axum::body::Body::empty());
                let response = router.oneshot(request.unwrap()).await.unwrap();
                assert_eq!(response.status(), StatusCode::OK, "{uri}");
            }
        };
        let hits = || state.cache_hits.load(Ordering::Relaxed);
        for uri in ["/api/blocs", "/api/polarity", "/api/dyads", "/api/network", "/", "/network"] {
            get(uri).await;
            get(uri).await;
        }
        assert_eq!(hits(), 6);
        let mut other = Store::open(&db).unwrap();
        let file = ImportFile { dataset: "t".into(), file: "u".into(), file_hash: "u".into() };
        other.import_file(&file, [Ok(row(10))], &|| 0).unwrap();
        get("/api/blocs").await;
        assert_eq!(hits(), 6, "a stale entry was served");
        get("/api/blocs").await;
        assert_eq!(hits(), 7);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
