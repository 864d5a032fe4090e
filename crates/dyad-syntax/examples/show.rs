//! Prints the analysis of each argument: `show "Some sentence." …` (built-in model).

fn main() {
    for text in std::env::args().skip(1) {
        let (spans, toks) = dyad_syntax::Model::builtin().parse_text(&text);
        for (i, ((s, e), t)) in spans.iter().zip(&toks).enumerate() {
            print!("{}:{}/{}<-{}:{}  ", i + 1, &text[*s..*e], t.upos, t.head, t.deprel);
        }
        println!();
    }
}
