//! `dyad train-syntax`: trains the tagger and parser on CoNLL-U files and writes a model.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dyad_syntax::train::{evaluate, train, TrainConfig};

use super::parse::read_conllu;

#[derive(Args)]
pub struct TrainSyntaxArgs {
    /// Training treebank (CoNLL-U), e.g. UD English EWT's en_ewt-ud-train.conllu.
    #[arg(long, value_name = "FILE")]
    train: PathBuf,
    /// Development treebank: scored after each epoch and at the end.
    #[arg(long, value_name = "FILE")]
    dev: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Seed for shuffling (the same seed and data give the same model).
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    seed: u64,
    /// Parser epochs.
    #[arg(long, default_value_t = TrainConfig::default().parser_epochs)]
    epochs: usize,
    /// Tagger epochs.
    #[arg(long, default_value_t = TrainConfig::default().tagger_epochs)]
    tagger_epochs: usize,
    /// Score the dev set after every parser epoch (slower).
    #[arg(long)]
    verbose: bool,
}

pub fn run(args: &TrainSyntaxArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let read = |path: &PathBuf| -> Result<_> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        read_conllu(&path.display().to_string(), &text)
    };
    let train_set = read(&args.train)?;
    let dev_set = read(&args.dev)?;
    let cfg = TrainConfig {
        seed: args.seed,
        parser_epochs: args.epochs,
        tagger_epochs: args.tagger_epochs,
        verbose: args.verbose,
        ..TrainConfig::default()
    };
    let model = train(&train_set, &dev_set, &cfg, &mut |line| eprintln!("dyad: {line}"))
        .with_context(|| format!("cannot train on {}", args.train.display()))?;
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let scores = evaluate(&model, &dev_set);
    outln!("dev: {scores}");
    outln!(
        "model: {} ({:.1} MB); time: {:.0} s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
