//! `dyad recode`: code the stored documents again (after a lexicon or coder change) and
//! report what changed.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use dyad_coder::{Options, CODER_VERSION};
use dyad_model::Event;

use crate::input::load_coder;
use crate::output::printable;
use crate::progress::Progress;
use crate::LexiconArgs;

/// Documents per transaction.
const BATCH: usize = 100;
/// Changed documents listed one by one; the rest are only counted.
const LISTED: usize = 50;

#[derive(Args)]
pub struct RecodeArgs {
    #[arg(long, default_value = "dyad.db")]
    db: PathBuf,
    /// Report what would change without changing the store.
    #[arg(long)]
    dry_run: bool,
    /// Coding threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

pub fn run(args: &RecodeArgs) -> Result<ExitCode> {
    let coder = load_coder(&args.lexicon, Options::default())?;
    let mut store = super::open_store(&args.db, false)?;
    if store.is_read_only() && !args.dry_run {
        anyhow::bail!(
            "the store {} cannot be written (a read-only file system or file); use --dry-run to only report",
            args.db.display()
        );
    }
    let ids = store.document_ids()?;
    let jobs = super::jobs(args.jobs);
    let mut progress = Progress::new(Some(ids.len()), "documents");
    let (mut n_docs, mut n_changed, mut n_without_markers) = (0usize, 0usize, 0usize);
    let (mut new_events, mut deleted_events) = (0usize, 0usize);
    let mut by_type: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut listed = Vec::new();
    for chunk in ids.chunks(BATCH) {
        let mut docs = Vec::with_capacity(chunk.len());
        for id in chunk {
            if let Some(stored) = store.load_document(*id)? {
                n_without_markers += usize::from(!stored.markers_kept);
                docs.push((stored.id, stored.document, Vec::<Event>::new()));
            }
        }
        super::code_in_parallel(&coder, &mut docs, jobs, |coder, (_, doc, events)| {
            *events = coder.code(doc).events;
        });
        let batch: Vec<(i64, Vec<Event>)> =
            docs.into_iter().map(|(id, _, events)| (id, events)).collect();
        let changes =
            store.recode_batch(&batch, CODER_VERSION, coder.lexicon().version(), args.dry_run)?;
        for change in changes {
            n_docs += 1;
            if !change.changed {
                continue;
            }
            n_changed += 1;
            new_events += change.new_events;
            deleted_events += change.deleted_events;
            for s in &change.removed {
                by_type.entry(event_type(s)).or_default().1 += 1;
            }
            for s in &change.added {
                by_type.entry(event_type(s)).or_default().0 += 1;
            }
            if listed.len() < LISTED {
                listed.push(change);
            }
        }
        let rate = n_docs as f64 / progress.elapsed();
        progress.show(n_docs, &format!("{rate:.0}/s · {n_changed} changed"));
    }
    progress.clear();
    let verb = if args.dry_run { "would change" } else { "changed" };
    outln!("recoded: {n_docs} documents, {n_changed} {verb}");
    if !args.dry_run && n_changed > 0 {
        outln!("events: {new_events} new, {deleted_events} removed (left without mentions)");
    }
    if !by_type.is_empty() {
        let types: Vec<String> =
            by_type.iter().map(|(t, (plus, minus))| format!("{t} +{plus} −{minus}")).collect();
        outln!("mentions by type: {}", types.join(", "));
    }
    for change in &listed {
        outln!("  {}:", printable(&change.external_id));
        for s in &change.removed {
            outln!("    − {}", printable(s));
        }
        for s in &change.added {
            outln!("    + {}", printable(s));
        }
        if change.removed.is_empty() && change.added.is_empty() {
            outln!("    (same events; dates, modality, modes or evidence differ)");
        }
    }
    if n_changed > listed.len() {
        outln!("  … and {} more changed documents", n_changed - listed.len());
    }
    if n_without_markers > 0 {
        outln!(
            "note: {n_without_markers} documents were stored before footnote markers were kept; their citations cannot be restored (ingest their files again to get them back)"
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn event_type(summary: &str) -> String {
    summary.split(' ').next().unwrap_or("").to_string()
}
