//! `dyad serve`: the JSON API and the web pages over a store (see `dyad-server`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::fetch::Fetcher;
use crate::input::load_lexicon;
use crate::LexiconArgs;

#[derive(Args)]
pub struct ServeArgs {
    #[arg(long, default_value = "dyad.db")]
    db: PathBuf,
    /// Address to listen on; loopback by default.
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: std::net::SocketAddr,
    /// Allow `POST /api/ingest` with `Authorization: Bearer TOKEN`; without it the server is
    /// read-only. Also read from DYAD_WRITE_TOKEN.
    #[arg(long, env = "DYAD_WRITE_TOKEN", hide_env_values = true)]
    write_token: Option<String>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = dyad_server::DEFAULT_MAX_BODY)]
    max_body: usize,
    /// Let `POST /api/ingest {"url": …}` fetch from loopback, private, link-local and other
    /// non-public addresses (refused by default, redirects included).
    #[arg(long)]
    allow_private_urls: bool,
    /// Connections open at once; more are answered 503. Keep it below the descriptor limit
    /// (`ulimit -n`).
    #[arg(long, default_value_t = dyad_server::Limits::default().max_connections)]
    max_connections: usize,
    /// Seconds a client has to send a request's headers (and an idle connection stays open).
    #[arg(long, default_value_t = dyad_server::Limits::default().header_timeout.as_secs())]
    header_timeout: u64,
    /// Seconds a request may take, reading its body and fetching a URL included; 503 after.
    #[arg(long, default_value_t = dyad_server::Limits::default().request_timeout.as_secs())]
    request_timeout: u64,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    // Refuse, as the other commands do, a store that is missing or cannot be read (not a
    // SQLite file, a newer schema) rather than answer 500 to every request.
    drop(super::open_store(&args.db, false)?);
    if args.write_token.as_deref().is_some_and(|t| t.len() < 16) {
        bail!("--write-token must be at least 16 characters");
    }
    let fetcher =
        Arc::new(Fetcher::new(Duration::from_secs(30), 20_000_000, args.allow_private_urls));
    let fetch: Arc<dyad_server::FetchFn> = Arc::new(move |url: &str| {
        fetcher
            .get(url)
            .map(|f| dyad_server::FetchedPage {
                url: f.url,
                bytes: f.bytes,
                media_type: f.media_type,
                charset: f.charset,
            })
            .map_err(|e| e.to_string())
    });
    let config = dyad_server::Config {
        db: args.db.clone(),
        write_token: args.write_token.clone(),
        lexicon: load_lexicon(&args.lexicon)?,
        max_body_bytes: args.max_body,
        fetch: Some(fetch),
        limits: dyad_server::Limits {
            header_timeout: Duration::from_secs(args.header_timeout.max(1)),
            request_timeout: Duration::from_secs(args.request_timeout.max(1)),
            max_connections: args.max_connections.max(1),
        },
    };
    if !args.bind.ip().is_loopback() {
        eprintln!("dyad: warning: listening on {}, reachable from other machines", args.bind);
    }
    eprintln!(
        "dyad: serving {} at http://{} ({}); Ctrl-C stops",
        args.db.display(),
        args.bind,
        if args.write_token.is_some() { "ingest allowed with the token" } else { "read-only" }
    );
    let runtime = tokio::runtime::Runtime::new().context("cannot start the server runtime")?;
    let served = runtime.block_on(dyad_server::serve(config, args.bind));
    // The server has stopped its work in progress; a blocking thread still between two
    // checks is not waited for.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served.with_context(|| format!("cannot serve on {}", args.bind))?;
    Ok(ExitCode::SUCCESS)
}
