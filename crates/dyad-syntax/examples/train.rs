//! Trains a model from CoNLL-U files and reports dev scores: the experiment driver.
//!
//! `cargo run --release -p dyad-syntax --example train -- TRAIN DEV OUT [key=value…]`

use dyad_syntax::conllu;
use dyad_syntax::train::{evaluate, train, TrainConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        return Err("usage: train TRAIN DEV OUT [seed=N tagger_epochs=N parser_epochs=N folds=N prune=F explore=F]".into());
    }
    let train_set = conllu::read(&std::fs::read_to_string(&args[1])?)?;
    let dev_set = conllu::read(&std::fs::read_to_string(&args[2])?)?;
    let mut cfg = TrainConfig::default();
    for kv in &args[4..] {
        let (k, v) = kv.split_once('=').ok_or("key=value expected")?;
        match k {
            "seed" => cfg.seed = v.parse()?,
            "tagger_epochs" => cfg.tagger_epochs = v.parse()?,
            "parser_epochs" => cfg.parser_epochs = v.parse()?,
            "folds" => cfg.folds = v.parse()?,
            "prune" => cfg.prune = v.parse()?,
            "explore" => cfg.explore = v.parse()?,
            "explore_from" => cfg.explore_from = v.parse()?,
            "joint_xpos" => cfg.joint_xpos = v.parse()?,
            "gold_tags" => cfg.gold_tags = v.parse()?,
            "two_pass" => cfg.two_pass = v.parse()?,
            "keep_margin" => cfg.keep_margin = v.parse()?,
            "tagger_prune" => cfg.tagger_prune = v.parse()?,
            "tagger_min_updates" => cfg.tagger_min_updates = v.parse()?,
            "parser_min_updates" => cfg.parser_min_updates = v.parse()?,
            "verbose" => cfg.verbose = v.parse()?,
            _ => return Err(format!("unknown setting {k}").into()),
        }
    }
    let started = std::time::Instant::now();
    let model = train(&train_set, &dev_set, &cfg, &mut |line| eprintln!("{line}"))?;
    let bytes = model.to_bytes();
    std::fs::write(&args[3], &bytes)?;
    let reread = dyad_syntax::Model::from_bytes(&bytes)?;
    if let Ok(path) = std::env::var("DYAD_DEV_PREDICTIONS") {
        let predicted = dyad_syntax::train::predict(&reread, &dev_set);
        std::fs::write(path, conllu::write(&predicted))?;
    }
    eprintln!(
        "final dev {} | {:.0}s | {} bytes | features {:?}",
        evaluate(&reread, &dev_set),
        started.elapsed().as_secs_f64(),
        bytes.len(),
        reread.feature_counts()
    );
    Ok(())
}
