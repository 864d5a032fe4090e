//! What wraps every request: a time limit, and the security headers on every response
//! (pages, JSON, errors and the style sheet alike).

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::HeaderName;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::ApiError;

/// The headers added to every response. The pages have no inline script and no inline style
/// (the style sheet is `/static/style.css`, the charts are inline SVG with presentation
/// attributes, the one script is `/static/slider.js`), so the policy allows nothing but the
/// server's own style sheet, script, images and form targets; no other site may frame a page
/// (the ingest form takes the write token).
pub(crate) const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "content-security-policy",
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
];

pub(crate) async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
    }
    response
}

/// 503 for a request not answered within `limit`: its body arrived too slowly, or the work
/// (a fetch, a large analysis) took too long. Dropping the request stops its work on the
/// blocking thread too (`AppState::with_store`).
pub(crate) async fn time_limit(
    State(limit): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let api = request.uri().path().starts_with("/api/");
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let message =
                format!("no answer within {} s; the request was stopped", limit.as_secs_f64());
            if api {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message).into_response()
            } else {
                crate::html::error_page(StatusCode::SERVICE_UNAVAILABLE, &message)
            }
        }
    }
}
