//! Property test: the whole pipeline from text to events never panics.

use dyad_coder::Coder;
use proptest::prelude::*;

fn words() -> impl Strategy<Value = String> {
    let vocab = prop::sample::select(vec![
        "Russia",
        "North Korea",
        "'s",
        "’s",
        "sent",
        "1.6",
        "million",
        "shells",
        "to",
        "Ukraine",
        "U.S.",
        "Dr.",
        "it",
        "they",
        "both countries",
        "were",
        "shot",
        "down",
        "by",
        "if",
        "not",
        "will",
        "according",
        "said",
        "that",
        ",",
        ".",
        ";",
        "“",
        "”",
        "(",
        ")",
        "[1]",
        "June",
        "19",
        "2024",
        "last",
        "year",
        "early",
        "July",
        "at least",
        "20",
        "the",
        "Pentagon",
        "warned",
        "and",
        "Kim Jong Un",
        "é",
        "—",
        "\n\n",
        "visit",
        "support",
        "attacks",
        "against",
        "from",
        "in",
        "Pyongyang",
    ]);
    prop::collection::vec(vocab, 0..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_on_word_salad(text in words()) {
        let doc = dyad_ingest::parse_text("p", &text);
        let _ = Coder::builtin().code(&doc);
    }

    #[test]
    fn never_panics_on_arbitrary_text(text in ".{0,400}") {
        let doc = dyad_ingest::parse_text("p", &text);
        let _ = Coder::builtin().code(&doc);
        let html = dyad_ingest::parse_html("h", &text);
        let _ = Coder::builtin().code(&html);
    }
}
