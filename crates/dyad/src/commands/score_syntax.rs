//! `dyad score-syntax`: UPOS, UAS and LAS of a predicted CoNLL-U file against a gold one.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;

use super::parse::read_conllu;

#[derive(Args)]
pub struct ScoreSyntaxArgs {
    /// The gold CoNLL-U file.
    gold: PathBuf,
    /// The predicted CoNLL-U file (same sentences and words).
    pred: PathBuf,
}

pub fn run(args: &ScoreSyntaxArgs) -> Result<ExitCode> {
    let read = |path: &PathBuf| -> Result<_> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        read_conllu(&path.display().to_string(), &text)
    };
    let (gold, pred) = (read(&args.gold)?, read(&args.pred)?);
    let scores = dyad_syntax::conllu::score(&gold, &pred).map_err(|e| {
        anyhow::anyhow!("{} against {}: {e}", args.pred.display(), args.gold.display())
    })?;
    outln!("{scores}");
    Ok(ExitCode::SUCCESS)
}
