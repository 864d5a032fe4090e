//! The API and pages, in process, against a store built by the test from the project's own
//! texts.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789";

/// The one script a page may load: the network page's slider, from this server.
const SLIDER_SCRIPT: &str = "<script src=\"/static/slider.js\" defer></script>";

/// Articles written for these tests.
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    ("a1", "2024-06-19", "Wire", "North Korea and Russia signed a mutual defence treaty in Pyongyang on Wednesday. Officials in Seoul said North Korea sent artillery shells to Russia last month."),
    ("a2", "2024-06-21", "Daily", "South Korea condemned Russia on Friday over the treaty. Japan and the United States held talks in Tokyo on Thursday."),
    ("a3", "2024-07-02", "Courier", "Ukrainian forces attacked Russian positions near Kharkiv on Monday. The United States sent air defence systems to Ukraine."),
    // Hostile text: markup and attribute injection must come out escaped everywhere.
    ("xss", "2024-07-03", "<script>alert(1)</script>", "Russia accused Ukraine of <script>alert('x')</script> shelling \"onmouseover=alert(2) on Tuesday."),
];

fn build_store() -> (std::path::PathBuf, std::path::PathBuf) {
    let dir =
        std::env::temp_dir().join(format!("dyad-server-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("store.db");
    let coder = dyad_coder::Coder::builtin();
    let mut store = dyad_store::Store::open(&db).unwrap();
    let batch: Vec<_> = ARTICLES
        .iter()
        .map(|(id, date, outlet, text)| {
            let mut doc = dyad_ingest::parse_text(id, text);
            doc.date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
            doc.outlet = Some(outlet.to_string());
            doc.title = Some(format!("Report {id} <b>bold</b>"));
            let events = coder.code(&doc).events;
            let rep = dyad_store::Representation {
                source: format!("{id}.txt"),
                format: "text".into(),
                raw_hash: dyad_store::sha256_hex(id.as_bytes()),
            };
            (doc, events, rep)
        })
        .collect();
    store.ingest_batch(&batch, "test", "test").unwrap();
    (dir, db)
}

/// Codes `text` as document `id` of the given day and adds it to the store at `db`; returns
/// how many events it made.
fn store_text(db: &std::path::Path, id: &str, text: &str, (y, m, d): (i32, u32, u32)) -> usize {
    let coder = dyad_coder::Coder::builtin();
    let mut store = dyad_store::Store::open(db).unwrap();
    let mut doc = dyad_ingest::parse_text(id, text);
    doc.date = chrono::NaiveDate::from_ymd_opt(y, m, d);
    let events = coder.code(&doc).events;
    let n = events.len();
    let rep = dyad_store::Representation {
        source: format!("{id}.txt"),
        format: "text".into(),
        raw_hash: dyad_store::sha256_hex(id.as_bytes()),
    };
    store.ingest_batch(&[(doc, events, rep)], "test", "test").unwrap();
    n
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::SeqCst)
}

fn app(db: &std::path::Path, token: Option<&str>) -> Router {
    let mut config = dyad_server::Config::read_only(
        db.to_path_buf(),
        Arc::new(dyad_lexicon::Lexicon::load(&[]).unwrap()),
    );
    config.write_token = token.map(str::to_string);
    config.max_body_bytes = 64 * 1024;
    dyad_server::router(config)
}

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, String, String) {
    let response = app.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8_lossy(&body).into_owned())
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String, String) {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn get_json(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (status, kind, body) = get(app, uri).await;
    assert!(kind.starts_with("application/json"), "{uri}: {kind}: {body}");
    (status, serde_json::from_str(&body).unwrap())
}

#[tokio::test]
async fn endpoints_answer_and_validate() {
    let (dir, db) = build_store();
    let app = app(&db, None);

    let (s, v) = get_json(&app, "/api/events").await;
    assert_eq!(s, StatusCode::OK);
    let total = v["total"].as_u64().unwrap();
    assert!(total >= 5, "{v}");
    assert_eq!(v["events"].as_array().unwrap().len() as u64, total.min(50));
    // Newest first by default; paging and sorting.
    let (_, page) = get_json(&app, "/api/events?limit=2&offset=1&sort=date").await;
    assert_eq!(page["events"].as_array().unwrap().len(), 2);
    assert_eq!(page["total"], v["total"]);
    let (_, filtered) = get_json(&app, "/api/events?actor=PRK&recipient=RUS&type=aid").await;
    assert!(filtered["events"].as_array().unwrap().iter().all(|e| e["event"] == "AID"));
    assert!(filtered["total"].as_u64().unwrap() >= 1);

    // A month or a year stands for all its days, as on the command line (issue 19).
    let (s, june) = get_json(&app, "/api/events?since=2024-06&until=2024-06&limit=500").await;
    assert_eq!(s, StatusCode::OK, "{june}");
    let dates: Vec<&str> =
        june["events"].as_array().unwrap().iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(!dates.is_empty() && dates.iter().all(|d| d.starts_with("2024-06-")), "{dates:?}");
    let (_, year) = get_json(&app, "/api/events?since=2024&until=2024").await;
    assert!(year["total"].as_u64().unwrap() >= dates.len() as u64);
    // A search FTS5 cannot read is explained in words, not in SQLite's.
    let (_, bad) = get_json(&app, "/api/documents?q=%22unbalanced").await;
    let message = bad.to_string();
    assert!(message.contains("double quote") && !message.contains("fts5"), "{message}");

    // Bad parameters are 400 with the parameter named.
    for (uri, field) in [
        ("/api/events?since=June", "since"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=99999", "limit"),
        ("/api/events?type=PICNIC", "type"),
        ("/api/events?sort=random", "sort"),
        ("/api/events?colour=red", "colour"),
        ("/api/events?actor=R%20S", "actor"),
        ("/api/events?since=2024-07-01&until=2024-06-01", "until"),
        ("/api/polarity?window=decade", "window"),
        ("/api/network?min_weight=-1", "min_weight"),
        ("/api/events/abc", "id"),
        ("/api/documents?q=%22unbalanced", "q"),
    ] {
        let (s, v) = get_json(&app, uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: {v}");
        assert_eq!(v["field"], field, "{uri}: {v}");
    }
    // SQL-like values are plain text to the store.
    for uri in [
        "/api/events?source=%27%3B%20DROP%20TABLE%20events%3B--",
        "/api/events?text=%25%27%20OR%201%3D1--",
    ] {
        let (s, v) = get_json(&app, uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}");
        assert_eq!(v["total"], 0, "{uri}");
    }
    let (_, again) = get_json(&app, "/api/events").await;
    assert_eq!(again["total"], v["total"], "nothing was dropped");

    let id = v["events"][0]["id"].as_i64().unwrap();
    let (s, e) = get_json(&app, &format!("/api/events/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!e["mentions"].as_array().unwrap().is_empty());
    assert!(e["mentions"][0]["provenance"]["document"].is_i64());
    let (s, _) = get_json(&app, "/api/events/999999").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let (_, docs) = get_json(&app, "/api/documents?q=treaty").await;
    assert!(docs["total"].as_u64().unwrap() >= 1);
    let doc_id = docs["documents"][0]["id"].as_i64().unwrap();
    let (s, d) = get_json(&app, &format!("/api/documents/{doc_id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!d["sentences"].as_array().unwrap().is_empty());

    let (s, a) = get_json(&app, "/api/actors/RUS").await;
    assert_eq!(s, StatusCode::OK);
    assert!(a["partners"].as_array().unwrap().iter().any(|p| p["partner"] == "PRK"));
    let (s, _) = get_json(&app, "/api/actors/ATL").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    for uri in [
        "/api/dyads?by=month",
        "/api/dyads?by=quarter&events=true",
        "/api/network",
        "/api/blocs",
        "/api/polarity?window=month",
        "/api/stats",
    ] {
        let (s, v) = get_json(&app, uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}: {v}");
    }
    // Top dyads between named, different parties; include_self brings the rest back.
    let (_, stats) = get_json(&app, "/api/stats").await;
    let (s, all) = get_json(&app, "/api/stats?include_self=true").await;
    assert_eq!(s, StatusCode::OK);
    let dyads = |v: &Value| v["top_dyads"].as_array().unwrap().len();
    assert!(dyads(&all) >= dyads(&stats), "{all}");
    assert!(stats["top_dyads"].as_array().unwrap().iter().all(|d| d["actor"] != d["recipient"]));
    let (s, _) = get_json(&app, "/api/stats?include_self=maybe").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (_, b) = get_json(&app, "/api/blocs").await;
    assert!(b["blocs"].is_array() && b["polarity"].is_number());
    let (_, p) = get_json(&app, "/api/polarity?window=month").await;
    assert!(p["windows"].as_array().unwrap().len() >= 2);
    let (s, _) = get_json(&app, "/api/nothing-here").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // The OpenAPI document names every route.
    let (_, spec) = get_json(&app, "/api/openapi.json").await;
    for path in [
        "/api/events",
        "/api/events/{id}",
        "/api/documents",
        "/api/documents/{id}",
        "/api/actors/{code}",
        "/api/dyads",
        "/api/network",
        "/api/blocs",
        "/api/polarity",
        "/api/stats",
        "/api/ingest",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} missing from the OpenAPI document");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn pages_render_and_escape() {
    let (dir, db) = build_store();
    let app = app(&db, None);
    let (_, v) = get_json(&app, "/api/events?text=accused").await;
    let xss_event = v["events"][0]["id"].as_i64().expect("the hostile text codes into an event");
    for path in [
        "/",
        "/events",
        "/events?actor=RUS&sort=sources",
        &format!("/events/{xss_event}"),
        "/actors/RUS",
        "/network",
        "/network?window=0",
    ] {
        let (s, kind, body) = get(&app, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(kind.starts_with("text/html"), "{path}: {kind}");
        assert!(body.starts_with("<!doctype html>"), "{path}");
        let body = body.replace(SLIDER_SCRIPT, "");
        assert!(!body.contains("<script"), "{path}: unescaped script");
        assert!(!body.contains("<b>bold</b>"), "{path}: unescaped markup");
        assert!(!body.contains("\"onmouseover"), "{path}: attribute injection");
        // Nothing is loaded from another host.
        assert!(!body.contains("src=\"http"), "{path}");
        assert!(!body.contains("href=\"//"), "{path}");
    }
    let (_, _, page) = get(&app, &format!("/events/{xss_event}")).await;
    assert!(page.contains("&lt;script&gt;"), "the text is shown, escaped");
    assert!(page.contains("<mark id=\"evidence\">"), "the evidence sentence is highlighted");
    let (s, _, _) = get(&app, "/events/999999").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = get(&app, "/events?since=yesterday").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // Static assets: the style sheet, and nothing else, however the path is spelt.
    let (s, kind, _) = get(&app, "/static/style.css").await;
    assert_eq!((s, kind.as_str()), (StatusCode::OK, "text/css; charset=utf-8"));
    for path in [
        "/static/../Cargo.toml",
        "/static/..%2F..%2Fetc%2Fpasswd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static//etc/passwd",
    ] {
        let (s, _, body) = get(&app, path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
        assert!(!body.contains("root:"), "{path}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

fn post(body: &str, token: Option<&str>) -> Request<Body> {
    let mut req = Request::post("/api/ingest").header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    req.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn ingest_needs_the_token() {
    let (dir, db) = build_store();
    let article = r#"{"text": "China and Russia held talks in Beijing on Monday about the war.", "date": "2024-07-08", "outlet": "Test"}"#;
    let read_only = app(&db, None);
    let (s, _, body) = send(&read_only, post(article, Some(TOKEN))).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");

    let writable = app(&db, Some(TOKEN));
    let (s, _, _) = send(&writable, post(article, None)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = send(&writable, post(article, Some("wrong-token-0123456789"))).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, body) = send(&writable, post(article, Some(TOKEN))).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["outcome"], "new");
    assert!(v["mentions"].as_u64().unwrap() >= 1);
    let (s, _, body) = send(&writable, post(article, Some(TOKEN))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("unchanged"), "{body}");

    for (bad, field) in [
        (r#"{"text": "a", "html": "b"}"#, "text"),
        (r#"{"text": ""}"#, "text"),
        (r#"{"text": "Russia signed.", "date": "soon"}"#, "date"),
        (r#"{"text": "Russia signed.", "colour": "red"}"#, "colour"),
        (r#"{"url": "file:///etc/passwd"}"#, "url"),
        (r#"[1, 2]"#, "body"),
    ] {
        let (s, _, body) = send(&writable, post(bad, Some(TOKEN))).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}: {body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["field"], field, "{bad}: {body}");
    }
    // A page nested past the depth limit is stored, with a warning saying what was done.
    let deep = format!(
        "<html><body>{}<p>Germany criticised Hungary over the veto on Tuesday.</p></body></html>",
        "<div>".repeat(600)
    );
    let (s, _, body) = send(&writable, post(&json!({"html": deep}).to_string(), Some(TOKEN))).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(v["warning"].as_str().unwrap().contains("nested more than 512 deep"), "{body}");
    let (s, _, body) = send(&writable, post("{not json", Some(TOKEN))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert!(serde_json::from_str::<Value>(&body).is_ok(), "errors are JSON: {body}");
    let huge = format!(r#"{{"text": "{}"}}"#, "Russia and Ukraine. ".repeat(10_000));
    let (s, _, body) = send(&writable, post(&huge, Some(TOKEN))).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert!(serde_json::from_str::<Value>(&body).is_ok(), "errors are JSON: {body}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn the_ingest_page_adds_an_article_with_the_token() {
    let (dir, db) = build_store();
    let (s, _, body) = get(&app(&db, None), "/ingest").await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("read-only"));
    let writable = app(&db, Some(TOKEN));
    let (_, _, body) = get(&writable, "/ingest").await;
    assert!(body.contains("<form method=\"post\" action=\"/ingest\">"));
    let form = |token: &str| {
        Request::post("/ingest")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "kind=text&content=India+and+Japan+signed+a+trade+agreement+in+Delhi+on+Monday.&date=2024-07-08&token={token}"
            )))
            .unwrap()
    };
    let (s, kind, _) = send(&writable, form("wrong")).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(kind.starts_with("text/html"));
    let (s, _, body) = send(&writable, form(TOKEN)).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert!(body.contains("stored as a new document"), "{body}");
    let (_, v) = get_json(&writable, "/api/events?actor=IND").await;
    assert!(v["total"].as_u64().unwrap() >= 1, "{v}");
    std::fs::remove_dir_all(&dir).unwrap();
}

// Issue 17: what a hostile client or page can still break.

/// Every response, pages, JSON, errors and the style sheet, carries the security headers,
/// and the pages need nothing the Content-Security-Policy forbids.
#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (dir, db) = build_store();
    let app = app(&db, Some(TOKEN));
    let first_event = get_json(&app, "/api/events?limit=1").await.1["events"][0]["id"].clone();
    let requests = [
        ("GET", "/".to_string(), ""),
        ("GET", "/events".to_string(), ""),
        ("GET", format!("/events/{first_event}"), ""),
        ("GET", "/actors/RUS".to_string(), ""),
        ("GET", "/network".to_string(), ""),
        ("GET", "/ingest".to_string(), ""),
        ("GET", "/static/style.css".to_string(), ""),
        ("GET", "/api/stats".to_string(), ""),
        ("GET", "/api/events?colour=red".to_string(), ""),
        ("GET", "/api/nothing".to_string(), ""),
        ("GET", "/nothing".to_string(), ""),
        ("POST", "/api/stats".to_string(), ""),
        ("POST", "/api/ingest".to_string(), "{}"),
    ];
    for (method, uri, body) in requests {
        let request = Request::builder().method(method).uri(&uri).body(Body::from(body)).unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let header = |name: &str| {
            headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
        };
        let csp = header("content-security-policy");
        assert!(csp.contains("default-src 'none'"), "{method} {uri}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{method} {uri}: {csp}");
        assert!(!csp.contains("unsafe"), "{method} {uri}: {csp}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{method} {uri}");
        assert_eq!(header("x-frame-options"), "DENY", "{method} {uri}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{method} {uri}");
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&body);
        if header("content-type").starts_with("text/html") {
            // The policy allows no inline script and no inline style; the one script is the
            // slider's, an external file.
            let body = body.replace(SLIDER_SCRIPT, "");
            for forbidden in ["<script", "<style", " style=", " onclick=", "javascript:"] {
                assert!(!body.contains(forbidden), "{method} {uri} ({status}): {forbidden}");
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let (dir, db) = build_store();
    let app = app(&db, Some(TOKEN));
    let article = r#"{"text": "Chile and Peru signed a fisheries agreement in Lima on Monday.", "date": "2024-07-08"}"#;
    for (value, expected) in [
        (format!("bearer {TOKEN}"), StatusCode::CREATED),
        (format!("BEARER  {TOKEN}"), StatusCode::OK),
        (format!("Bearer {TOKEN}"), StatusCode::OK),
        (format!("Basic {TOKEN}"), StatusCode::UNAUTHORIZED),
        (format!("Bearer{TOKEN}"), StatusCode::UNAUTHORIZED),
    ] {
        let request = Request::post("/api/ingest")
            .header("content-type", "application/json")
            .header("authorization", &value)
            .body(Body::from(article))
            .unwrap();
        let (status, _, body) = send(&app, request).await;
        assert_eq!(status, expected, "{value}: {body}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A request that takes longer than the limit (here, a fetch that hangs) is answered 503.
#[tokio::test]
async fn a_request_past_the_time_limit_is_answered_503() {
    let (dir, db) = build_store();
    let mut config = dyad_server::Config::read_only(
        db.clone(),
        Arc::new(dyad_lexicon::Lexicon::load(&[]).unwrap()),
    );
    config.write_token = Some(TOKEN.to_string());
    config.limits.request_timeout = std::time::Duration::from_millis(300);
    config.fetch = Some(Arc::new(|_: &str| {
        std::thread::sleep(std::time::Duration::from_secs(3));
        Err("too late".to_string())
    }));
    let app = dyad_server::router(config);
    let started = std::time::Instant::now();
    let (status, _, body) =
        send(&app, post(r#"{"url": "http://example.org/slow"}"#, Some(TOKEN))).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(serde_json::from_str::<Value>(&body).is_ok(), "{body}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A real server on a loopback port with `limits`, for the connection tests.
async fn listening(db: &std::path::Path, limits: dyad_server::Limits) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = dyad_server::Config::read_only(
        db.to_path_buf(),
        Arc::new(dyad_lexicon::Lexicon::load(&[]).unwrap()),
    );
    config.write_token = Some(TOKEN.to_string());
    config.limits = limits;
    tokio::spawn(dyad_server::serve_on(listener, config, std::future::pending()));
    addr
}

/// Sends `request` on a new connection and reads until the server closes it (at most 5 s).
fn exchange(addr: std::net::SocketAddr, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
    stream.write_all(request).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// How long the server takes to close `stream`; `None`: still open after 5 s.
fn closed_after(stream: &mut std::net::TcpStream) -> Option<std::time::Duration> {
    use std::io::Read;
    let started = std::time::Instant::now();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some(started.elapsed())
            }
            Err(_) => return None,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_slow_clients_are_disconnected() {
    use std::io::Write;
    let (dir, db) = build_store();
    let limits = dyad_server::Limits {
        header_timeout: std::time::Duration::from_millis(400),
        request_timeout: std::time::Duration::from_millis(800),
        max_connections: 64,
    };
    let addr = listening(&db, limits).await;
    // A connection that sends nothing.
    let mut idle = std::net::TcpStream::connect(addr).unwrap();
    let waited = closed_after(&mut idle).expect("an idle connection is closed");
    assert!(waited >= std::time::Duration::from_millis(300), "{waited:?}");
    // Slowloris: a header line now and then, never the end of the headers.
    let mut slow = std::net::TcpStream::connect(addr).unwrap();
    let writer = {
        let mut slow = slow.try_clone().unwrap();
        std::thread::spawn(move || {
            let _ = slow.write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n");
            for i in 0..30 {
                std::thread::sleep(std::time::Duration::from_millis(100));
                if slow.write_all(format!("X-Slow-{i}: 1\r\n").as_bytes()).is_err() {
                    break;
                }
            }
        })
    };
    let waited = closed_after(&mut slow).expect("a slow client is disconnected");
    assert!(waited < std::time::Duration::from_secs(2), "{waited:?}");
    let _ = writer.join();
    // A body that never arrives: 503 when the request's time is up.
    let answer = exchange(
        addr,
        b"POST /api/ingest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\"",
    );
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    // A kept-alive connection is closed once idle, after its answer.
    let mut kept = std::net::TcpStream::connect(addr).unwrap();
    kept.write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert!(closed_after(&mut kept).is_some(), "an idle kept-alive connection is closed");
    // Meanwhile, others are served.
    let answer = exchange(addr, b"GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_are_answered_503() {
    let (dir, db) = build_store();
    let limits = dyad_server::Limits {
        header_timeout: std::time::Duration::from_secs(30),
        request_timeout: std::time::Duration::from_secs(30),
        max_connections: 2,
    };
    let addr = listening(&db, limits).await;
    let request = b"GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let held: Vec<_> = (0..2).map(|_| std::net::TcpStream::connect(addr).unwrap()).collect();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let answer = exchange(addr, request);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("content-security-policy"), "{answer}");
    assert!(answer.contains("too many open connections"), "{answer}");
    // A slot freed is a slot for the next client.
    drop(held);
    let mut answer = String::new();
    for _ in 0..50 {
        answer = exchange(addr, request);
        if answer.starts_with("HTTP/1.1 200") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn events_show_and_filter_certainty() {
    // Issue 19: the events list, dashboard and event page did not show modality or hedge, so
    // a reported claim looked like a fact.
    let (dir, db) = build_store();
    let app = app(&db, None);
    let (s, v) = get_json(&app, "/api/events?modality=reported").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty(), "'Officials in Seoul said …' is reported: {v}");
    assert!(events.iter().all(|e| e["modality"] == "reported"), "{v}");
    let reported = events[0]["id"].as_i64().unwrap();
    let (_, all) = get_json(&app, "/api/events?limit=500").await;
    let (_, certain) = get_json(&app, "/api/events?certain=1&limit=500").await;
    let ids = |v: &Value| -> Vec<i64> {
        v["events"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect()
    };
    assert!(!ids(&certain).is_empty() && ids(&certain).len() < ids(&all).len());
    assert!(!ids(&certain).contains(&reported));
    for bad in ["/api/events?modality=maybe", "/api/events?certain=perhaps"] {
        let (s, v) = get_json(&app, bad).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}: {v}");
    }
    let (_, spec) = get_json(&app, "/api/openapi.json").await;
    let params = spec["paths"]["/api/events"]["get"]["parameters"].to_string();
    assert!(params.contains("\"modality\"") && params.contains("\"certain\""), "{params}");
    // The pages: a badge in the list and on the dashboard, the filter in the form.
    for path in ["/", "/events", "/events?modality=reported&certain=0"] {
        let (s, _, body) = get(&app, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(body.contains("<th>certainty</th>"), "{path}");
        assert!(body.contains("<span class=\"badge uncertain\">reported</span>"), "{path}");
    }
    let (_, _, list) = get(&app, "/events?certain=on").await;
    assert!(list.contains("name=\"certain\" value=\"1\" checked"), "the box stays checked");
    assert!(!list.contains("badge uncertain\">reported"), "asserted only");
    let (_, _, page) = get(&app, &format!("/events/{reported}")).await;
    assert!(page.contains("<th>certainty</th><td><span class=\"badge uncertain\">reported"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn the_slider_shows_its_month_and_the_charts_fill_the_width() {
    // Issue 19: the month slider showed no month until submitted; the charts were half the
    // page wide.
    let (dir, db) = build_store();
    let app = app(&db, None);
    let (_, _, page) = get(&app, "/network").await;
    assert!(
        page.contains("data-labels=\"2024-05,2024-06,2024-07\" data-output=\"window-month\""),
        "{page}"
    );
    assert!(page.contains("<span id=\"window-month\">"), "{page}");
    assert!(page.contains(SLIDER_SCRIPT));
    assert!(page.contains("<svg class=\"chart line-chart\""));
    let (s, kind, script) = get(&app, "/static/slider.js").await;
    assert_eq!((s, kind.as_str()), (StatusCode::OK, "text/javascript; charset=utf-8"));
    assert!(script.contains("data-labels") || script.contains("dataset.labels"), "{script}");
    let (_, _, css) = get(&app, "/static/style.css").await;
    assert!(css.contains("svg.line-chart { width: 100%; }"));
    let response =
        app.clone().oneshot(Request::get("/network").body(Body::empty()).unwrap()).await.unwrap();
    let csp = response.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe"), "{csp}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 18: a date of 9999-12-31 is refused at ingest with the field named, and a request
/// for more than 5,000 windows is refused (400, naming the parameter) at once, not run.
#[tokio::test]
async fn implausible_dates_and_too_many_windows_are_refused() {
    let (dir, db) = build_store();
    let writable = app(&db, Some(TOKEN));
    let article = r#"{"text": "Russia attacked Ukraine on Monday.", "date": "9999-12-31"}"#;
    let (s, _, body) = send(&writable, post(article, Some(TOKEN))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["field"], "date");
    assert!(v["error"].as_str().unwrap().contains("`9999-12-31` is more than a year after today"));
    // An article from 1900 (plausible) makes the store's dates span 45,000 days.
    let old = r#"{"text": "Russia attacked Ukraine on Monday.", "date": "1900-01-03"}"#;
    let (s, _, body) = send(&writable, post(old, Some(TOKEN))).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let started = std::time::Instant::now();
    let (s, v) = get_json(&writable, "/api/polarity?window=day").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["field"], "window");
    assert!(v["error"].as_str().unwrap().contains("more than 5000 windows of one day"), "{v}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let (s, _) = get_json(&writable, "/api/polarity?window=day&since=2024-01-01").await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = get_json(&writable, "/api/polarity?window=year").await;
    assert_eq!(s, StatusCode::OK);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Analysis results are cached per store generation: a write, through the server or by
/// another connection (another process), is seen by the next request.
#[tokio::test]
async fn the_analysis_cache_is_invalidated_by_writes() {
    let (dir, db) = build_store();
    let writable = app(&db, Some(TOKEN));
    let has = |v: &Value, a: &str, r: &str| {
        v["dyads"].as_array().unwrap().iter().any(|d| d["actor"] == a && d["recipient"] == r)
    };
    // The analyses saved in the store (no parameters) are those computed afresh (a parameter
    // with its default value), before and after each write.
    let saved_equals_fresh = || async {
        for (saved, fresh) in [
            ("/api/blocs", "/api/blocs?min_events=1"),
            ("/api/polarity", "/api/polarity?min_events=1"),
            ("/api/polarity?window=month", "/api/polarity?window=month&min_events=1"),
            ("/api/dyads?all=true", "/api/dyads?all=true&since=1900-01-01"),
        ] {
            let (s, saved_answer) = get_json(&writable, saved).await;
            assert_eq!(s, StatusCode::OK);
            assert_eq!(saved_answer, get_json(&writable, fresh).await.1, "{saved}");
        }
    };
    saved_equals_fresh().await;
    let (_, before) = get_json(&writable, "/api/dyads").await;
    let (_, again) = get_json(&writable, "/api/dyads").await;
    assert_eq!(before, again);
    assert!(!has(&before, "CHN", "IND"));
    let article =
        r#"{"text": "China accused India of provocation on Monday.", "date": "2024-07-08"}"#;
    let (s, _, body) = send(&writable, post(article, Some(TOKEN))).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let (_, after) = get_json(&writable, "/api/dyads").await;
    assert!(has(&after, "CHN", "IND"), "{after}");
    saved_equals_fresh().await;
    // Another connection writes: the server notices too.
    assert!(!has(&after, "PAK", "IND"));
    store_text(&db, "other", "Pakistan accused India of provocation on Monday.", (2024, 7, 9));
    let (_, last) = get_json(&writable, "/api/dyads").await;
    assert!(has(&last, "PAK", "IND"), "{last}");
    saved_equals_fresh().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 18: `/api/dyads` answers a page (1,000 points unless `limit` says otherwise) with
/// the total and the next page's offset; `all=true` gives every point.
#[tokio::test]
async fn dyads_come_in_pages() {
    let (dir, db) = build_store();
    let app = app(&db, None);
    let (s, all) = get_json(&app, "/api/dyads?all=true").await;
    assert_eq!(s, StatusCode::OK);
    let points = all["dyads"].as_array().unwrap().clone();
    let total = points.len();
    assert!(total >= 3, "{all}");
    assert_eq!(all["total"], total);
    let (_, first) = get_json(&app, "/api/dyads").await;
    assert_eq!(
        (&first["offset"], &first["limit"], &first["next"]),
        (&json!(0), &json!(1000), &Value::Null)
    );
    assert_eq!(first["dyads"].as_array().unwrap(), &points);
    // Page by page, two at a time: the same points in the same order.
    let (mut paged, mut offset) = (Vec::new(), Some(0));
    while let Some(o) = offset {
        let (s, page) = get_json(&app, &format!("/api/dyads?limit=2&offset={o}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(page["total"], total);
        paged.extend(page["dyads"].as_array().unwrap().iter().cloned());
        offset = page["next"].as_u64().map(|n| n as usize);
    }
    assert_eq!(paged, points);
    let (_, past) = get_json(&app, &format!("/api/dyads?offset={total}")).await;
    assert!(past["dyads"].as_array().unwrap().is_empty() && past["next"].is_null());
    // Filters still apply to the total.
    let (_, rus) = get_json(&app, "/api/dyads?actor=RUS").await;
    assert!(rus["total"].as_u64().unwrap() < total as u64);
    for (uri, field) in [
        ("/api/dyads?all=true&limit=5", "all"),
        ("/api/dyads?limit=0", "limit"),
        ("/api/dyads?limit=100001", "limit"),
        ("/api/dyads?offset=-1", "offset"),
    ] {
        let (s, v) = get_json(&app, uri).await;
        assert_eq!((s, v["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{uri}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `events=true` pages are read pair by pair (narrowed by the parties' codes, which are not
/// always their countries, and co-actors are no recipients): each page must hold exactly
/// the points, ids and sums of the whole series read with its ids.
#[tokio::test]
async fn dyad_pages_with_event_ids_match_the_whole_series() {
    let (dir, db) = build_store();
    // An agency whose code is not its country's, and co-actors tied by what they do together.
    let text = "South Korea's National Intelligence Service accused North Korea of sending \
                troops to Russia. Japan and Australia agreed to hold joint naval drills.";
    assert!(store_text(&db, "agency", text, (2024, 11, 4)) >= 2);
    let app = app(&db, None);
    for by in ["month", "quarter", "day"] {
        let (s, all) = get_json(&app, &format!("/api/dyads?by={by}&events=true&all=true")).await;
        assert_eq!(s, StatusCode::OK, "{all}");
        let points = all["dyads"].as_array().unwrap().clone();
        assert!(points.iter().all(|p| p["events"].is_array()), "{all}");
        let (mut paged, mut offset) = (Vec::new(), Some(0));
        while let Some(o) = offset {
            let uri = format!("/api/dyads?by={by}&events=true&limit=3&offset={o}");
            let (s, page) = get_json(&app, &uri).await;
            assert_eq!(s, StatusCode::OK, "{uri}: {page}");
            paged.extend(page["dyads"].as_array().unwrap().iter().cloned());
            offset = page["next"].as_u64().map(|n| n as usize);
        }
        assert_eq!(paged, points, "by={by}");
        // Without ids, the same points.
        let (_, plain) = get_json(&app, &format!("/api/dyads?by={by}&all=true")).await;
        let strip = |p: &Value| {
            let mut p = p.clone();
            p.as_object_mut().unwrap().remove("events");
            p
        };
        let plain: Vec<Value> = plain["dyads"].as_array().unwrap().clone();
        assert_eq!(points.iter().map(strip).collect::<Vec<_>>(), plain, "by={by}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn the_dashboard_shows_each_sentence_once_and_no_self_dyads() {
    // Issue 19: the dashboard listed one sentence three times (one row per event) and
    // `ASSAULT UKR→UKR` among the latest events.
    let dir =
        std::env::temp_dir().join(format!("dyad-server-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("store.db");
    let text = "China praised Pakistan and thanked Iran on Monday. Ukraine arrested Ukrainian activists in Kyiv.";
    let n = store_text(&db, "d", text, (2024, 3, 5));
    assert_eq!(n, 3, "two events of one sentence and a domestic arrest");
    let app = app(&db, None);
    let (status, _, html) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("China praised Pakistan").count(), 1, "{html}");
    assert!(!html.contains("arrested Ukrainian activists"), "{html}");
    // The full list keeps them all.
    let (_, _, list) = get(&app, "/events").await;
    assert_eq!(list.matches("China praised Pakistan").count(), 2);
    assert!(list.contains("arrested Ukrainian activists"));
    std::fs::remove_dir_all(&dir).unwrap();
}
