//! Accepting connections: a cap on how many are open at once, a timeout for idle and slow
//! clients, and a graceful stop.
//!
//! `axum::serve` has neither a header-read timeout nor a cap, so a few hundred clients that
//! connect and send nothing (or send a header a byte at a time) hold every descriptor. Here
//! each connection is served by hyper with its timer set: a client gets `header_timeout` to
//! send a request's headers, counted from the opening of the connection or the end of the
//! previous response, so idle keep-alive connections are closed too. Beyond
//! `max_connections`, a new connection is answered 503 at once and closed.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use crate::layers::SECURITY_HEADERS;
use crate::Limits;

/// Serves `app` on `listener` until `shutdown` completes, then waits for the requests in
/// progress (at most `limits.request_timeout`).
pub(crate) async fn run(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of descriptors (or another transient failure): the open connections
                // time out and free theirs; try again shortly rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A connection's error (a timeout, a reset) concerns that client alone.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.request_timeout) => {}
    }
    Ok(())
}

/// Answers a connection beyond the cap with 503 and closes it, within a second whatever the
/// client does.
async fn refuse(mut stream: TcpStream) {
    let body =
        r#"{"error":"too many open connections; try again shortly","field":null,"status":503}"#;
    let mut response = String::from(
        "HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\nretry-after: 1\r\ncontent-type: application/json\r\n",
    );
    for (name, value) in SECURITY_HEADERS {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
    let answer = async {
        // Read what the client sent first, so that closing does not reset the connection
        // before it reads the answer; a client that sends nothing gets the answer anyway.
        let mut request = [0u8; 4096];
        let _ = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut request)).await;
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), answer).await;
}
