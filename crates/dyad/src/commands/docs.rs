//! `dyad docs` (stored documents, with full-text search) and `dyad show` (one event with its
//! evidence and citations).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use dyad_store::Store;

use crate::output::printable;

fn open(db: &Path) -> Result<Store> {
    super::open_store(db, false)
}

pub fn docs(db: &Path, query: Option<&str>, limit: usize) -> Result<ExitCode> {
    let store = open(db)?;
    let rows = match store.documents(query, limit) {
        Ok(rows) => rows,
        // Already in words, naming the query.
        Err(e @ dyad_store::StoreError::Search { .. }) => return Err(e.into()),
        Err(e) => return Err(anyhow::Error::new(e).context("cannot list or search documents")),
    };
    if rows.is_empty() {
        eprintln!(
            "dyad: {}",
            if query.is_some() { "no documents match" } else { "no documents stored" }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for d in &rows {
        writeln!(
            out,
            "{:>5}  {:<10}  {:<18}  {:>3} events  {}",
            d.id,
            d.published.as_deref().unwrap_or("?"),
            printable(d.outlet.as_deref().unwrap_or("-")).chars().take(18).collect::<String>(),
            d.n_mentions,
            printable(d.title.as_deref().or(d.external_id.as_deref()).unwrap_or("(untitled)"))
        )?;
        if let Some(snippet) = &d.snippet {
            writeln!(out, "       {}", printable(snippet))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn show(db: &Path, id: i64) -> Result<ExitCode> {
    let store = open(db)?;
    let Some(event) = store.event(id)? else {
        bail!("no event {id} in {}", db.display());
    };
    let bold = std::io::stdout().is_terminal();
    let (on, off) = if bold { ("\x1b[1m", "\x1b[0m") } else { ("[[", "]]") };
    outln!(
        "event {}: {} {} → {}  date {}  sources {}  mentions {}",
        event.id,
        event.event,
        printable(&event.actors),
        printable(if event.recipients.is_empty() { "-" } else { &event.recipients }),
        event.date.as_deref().unwrap_or("?"),
        event.n_sources,
        event.n_mentions
    );
    if !event.modes.is_empty() {
        outln!("modes: {}", printable(&event.modes.join(", ")));
    }
    for figure in &event.sizes {
        outln!(
            "size: {} (according to {})",
            printable(&figure.describe()),
            printable(&figure.source)
        );
    }
    for (n, m) in event.mentions.iter().enumerate() {
        let text = m["text"].as_str().unwrap_or("");
        let sentence_start = m["text_info"]["start"].as_u64().unwrap_or(0) as usize;
        let span = (
            m["trigger_span"][0].as_u64().unwrap_or(0) as usize,
            m["trigger_span"][1].as_u64().unwrap_or(0) as usize,
        );
        let (a, b) = (span.0.saturating_sub(sentence_start), span.1.saturating_sub(sentence_start));
        let highlighted = match (text.get(..a), text.get(a..b), text.get(b..)) {
            (Some(pre), Some(trigger), Some(post)) if a < b => {
                let [pre, trigger, post] = [pre, trigger, post].map(printable);
                format!("{pre}{on}{trigger}{off}{post}")
            }
            _ => printable(text).into_owned(),
        };
        let p = &m["provenance"];
        if let Some(dataset) = p["dataset"].as_str() {
            outln!(
                "\n[{}] imported from {}: {}, {}",
                n + 1,
                printable(dataset),
                printable(p["file"].as_str().unwrap_or("?")),
                printable(p["row"].as_str().unwrap_or("?"))
            );
        } else {
            outln!(
                "\n[{}] document {} ({}), {}",
                n + 1,
                printable(m["doc_id"].as_str().unwrap_or("?")),
                printable(m["modality"].as_str().unwrap_or("?")),
                printable(m["rule"].as_str().unwrap_or(""))
            );
        }
        if !highlighted.is_empty() {
            outln!("    {highlighted}");
        }
        if let Some(a) = m["attribution"]["text"].as_str() {
            outln!("    according to: {}", printable(a));
        }
        if let Some(h) = m["hedge"].as_str() {
            outln!("    hedge: {}", printable(h));
        }
        for c in m["citations"].as_array().into_iter().flatten() {
            outln!(
                "    [{}] {} {}",
                c["number"],
                printable(c["title"].as_str().unwrap_or(c["text"].as_str().unwrap_or(""))),
                printable(c["url"].as_str().unwrap_or(""))
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
