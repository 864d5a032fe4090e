//! Scores a model file on a CoNLL-U file: `evaldev MODEL GOLD [PREDICTIONS_OUT]`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let model = dyad_syntax::Model::from_bytes(&std::fs::read(&args[1])?)?;
    let gold = dyad_syntax::conllu::read(&std::fs::read_to_string(&args[2])?)?;
    println!("{}", dyad_syntax::train::evaluate(&model, &gold));
    println!("features {:?}, {} relations", model.feature_counts(), model.relations().len());
    if let Some(out) = args.get(3) {
        let predicted = dyad_syntax::train::predict(&model, &gold);
        std::fs::write(out, dyad_syntax::conllu::write(&predicted))?;
    }
    Ok(())
}
