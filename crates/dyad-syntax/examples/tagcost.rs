//! What tagging errors cost the parser: scores a model on a gold CoNLL-U file, parsing from
//! the UPOS column of another file over the same tokens instead of from the tagger.
//!
//! `tagcost MODEL GOLD TAGS`, where `TAGS` is, say, `dyad parse --from conllu` of `GOLD` with
//! some of its tagging errors corrected: the drop from the gold tags' scores is what the
//! remaining errors cost. (The UPOS figure printed compares the given tags with themselves.)

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, model, gold, tags] = args.as_slice() else {
        return Err("usage: tagcost MODEL GOLD TAGS".into());
    };
    let model = dyad_syntax::Model::from_bytes(&std::fs::read(model)?)?;
    let mut gold = dyad_syntax::conllu::read(&std::fs::read_to_string(gold)?)?;
    let tagged = dyad_syntax::conllu::read(&std::fs::read_to_string(tags)?)?;
    if tagged.len() != gold.len() {
        return Err("GOLD and TAGS have different numbers of sentences".into());
    }
    for (g, t) in gold.iter_mut().zip(&tagged) {
        if g.words.len() != t.words.len() {
            return Err("GOLD and TAGS have different tokens".into());
        }
        for (gw, tw) in g.words.iter_mut().zip(&t.words) {
            gw.upos.clone_from(&tw.upos);
        }
    }
    // The UPOS column now holds the given tags; heads and relations are still the gold ones.
    println!("{}", dyad_syntax::train::evaluate_with(&model, &gold, true));
    Ok(())
}
