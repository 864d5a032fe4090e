//! `dyad import`: rows of other event datasets (GDELT, ICEWS, POLECAT, ACLED, PLOVER JSONL)
//! into the store, each file in one transaction, with its provenance.

use std::cell::Cell;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use dyad_formats::{Dataset, Row};
use dyad_store::{ImportFile, ImportOutcome};

use crate::input::load_lexicon;
use crate::output::printable;
use crate::progress::Progress;
use crate::LexiconArgs;

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// GDELT 2.0 event export (tab-separated, 61 columns; `.zip` as published).
    Gdelt,
    /// ICEWS coded events (tab-separated, with a header).
    Icews,
    /// POLECAT weekly files (tab-separated, with a header).
    Polecat,
    /// ACLED export (CSV, with a header).
    Acled,
    /// PLOVER JSONL (dyad's own output, or records with event, actor, recipient, date).
    Plover,
    /// Parquet as `dyad export --format parquet` or `spark/dyad_code.py` write it: files, or
    /// folders of them (year/month partitions), each file imported on its own.
    Parquet,
}

impl Format {
    fn dataset(self) -> Dataset {
        match self {
            Format::Gdelt => Dataset::Gdelt,
            Format::Icews => Dataset::Icews,
            Format::Polecat => Dataset::Polecat,
            Format::Acled => Dataset::Acled,
            Format::Plover => Dataset::Plover,
            Format::Parquet => Dataset::Parquet,
        }
    }
}

#[derive(Args)]
pub struct ImportArgs {
    #[arg(long, value_enum)]
    format: Format,
    /// Files to import (for Parquet, folders too).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[arg(long, default_value = "dyad.db")]
    db: PathBuf,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// Bad rows reported per file before the rest are only counted.
const SHOWN_ROW_ERRORS: usize = 20;

pub fn run(args: &ImportArgs) -> Result<ExitCode> {
    // As for `ingest`: no file there at all stops the run before the store is opened.
    if !args.files.is_empty() && args.files.iter().all(|f| !f.exists()) {
        for file in &args.files {
            eprintln!("dyad: skipped {}: no such file", file.display());
        }
        bail!("{}", super::nothing_stored(&args.db, "none of the files can be read"));
    }
    let lexicon = load_lexicon(&args.lexicon)?;
    let mut store = super::open_store(&args.db, true)?;
    let dataset = args.format.dataset();
    let mut progress = Progress::new(None, "rows");
    let mut rows_before = 0usize;
    let (mut imported, mut skipped_rows, mut unchanged, mut failed) = (0, 0, 0, 0);
    let mut duplicate_rows = 0;
    let files = match args.format {
        Format::Parquet => parquet_files(&args.files)?,
        _ => args.files.clone(),
    };
    for path in &files {
        let name = path.display().to_string();
        let file_hash = match hash_file(path) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("dyad: skipped {name}: {e}");
                failed += 1;
                continue;
            }
        };
        let input = match dyad_formats::open(path) {
            Ok(input) => input,
            Err(e) => {
                eprintln!("dyad: skipped {name}: {e}");
                failed += 1;
                continue;
            }
        };
        let bad = Cell::new(0usize);
        let good = Cell::new(0usize);
        let progress = std::cell::RefCell::new(&mut progress);
        let rows = dyad_formats::read(dataset, input, &lexicon).filter_map(|row| match row {
            Ok(Row::Record(r)) => {
                good.set(good.get() + 1);
                if good.get().is_multiple_of(1_000) {
                    let mut p = progress.borrow_mut();
                    let rate = (rows_before + good.get()) as f64 / p.elapsed();
                    p.show(rows_before + good.get(), &format!("{rate:.0}/s · {name}"));
                }
                Some(Ok(*r))
            }
            Ok(Row::Skipped(e)) => {
                bad.set(bad.get() + 1);
                if bad.get() <= SHOWN_ROW_ERRORS {
                    eprintln!("dyad: {name}:{}", printable(&e.to_string()));
                }
                None
            }
            Err(e) => Some(Err(format!("{name}: cannot read: {e}"))),
        });
        let meta =
            ImportFile { dataset: dataset.as_str().to_string(), file: name.clone(), file_hash };
        let outcome = store.import_file(&meta, rows, &|| bad.get());
        rows_before += good.get();
        match outcome {
            Ok(ImportOutcome::Imported { rows, skipped, duplicates }) => {
                if skipped > SHOWN_ROW_ERRORS {
                    eprintln!("dyad: {name}: {} more bad rows", skipped - SHOWN_ROW_ERRORS);
                }
                imported += rows;
                skipped_rows += skipped;
                duplicate_rows += duplicates;
            }
            Ok(ImportOutcome::SameFile) => unchanged += 1,
            Err(dyad_store::StoreError::Input(message)) => {
                eprintln!("dyad: skipped {message} (nothing of this file was imported)");
                failed += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    progress.clear();
    if imported > 0 {
        super::save_analyses(&mut store, &lexicon);
    }
    outln!(
        "imported: {imported} {} rows as events; {skipped_rows} bad rows skipped; {unchanged} files imported before (unchanged); {failed} files unreadable{}",
        dataset.as_str(),
        if duplicate_rows > 0 {
            format!("; {duplicate_rows} rows already imported (same GLOBALEVENTID) left out")
        } else {
            String::new()
        }
    );
    crate::commands::stats::print(&store, &args.db)?;
    Ok(ExitCode::SUCCESS)
}

/// The Parquet files named, with folders replaced by the `.parquet` files under them in path
/// order (Spark's `_SUCCESS` and hidden checksum files left out).
fn parquet_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
        entries.sort();
        for path in entries {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with(['.', '_']) {
                continue;
            }
            if path.is_dir() {
                walk(&path, out)?;
            } else if name.ends_with(".parquet") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out).with_context(|| format!("cannot list {}", path.display()))?;
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn hash_file(path: &std::path::Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = dyad_store::Sha256Stream::default();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hasher.finish());
        }
        hasher.update(&buf[..n]);
    }
}
