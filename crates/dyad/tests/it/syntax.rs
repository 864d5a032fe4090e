//! `dyad parse`, `dyad score-syntax`: CoNLL-U in, CoNLL-U and scores out.

use super::dyad;

// Written for this test: a multiword token line and an empty node must pass through.
const GOLD: &str = "# sent_id = a1\n# text = Ships didn't sail to Odesa.\n1\tShips\tship\tNOUN\tNNS\t_\t4\tnsubj\t_\t_\n2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n3.1\tsail\t_\t_\t_\t_\t_\t_\t_\t_\n4\tsail\tsail\tVERB\tVB\t_\t0\troot\t_\t_\n5\tto\tto\tADP\tIN\t_\t6\tcase\t_\t_\n6\tOdesa\tOdesa\tPROPN\tNNP\t_\t4\tobl\t_\tSpaceAfter=No\n7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

#[test]
fn parse_from_conllu_keeps_tokens_and_fills_columns() {
    let out = dyad(&["parse", "--from", "conllu", "-"], Some(GOLD));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# sent_id = a1\n# text = Ships didn't sail to Odesa.\n"), "{text}");
    assert!(text.contains("\n2-3\tdidn't\t") && text.contains("\n3.1\tsail\t"), "{text}");
    let words: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.len() == 10 && c[0].bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let forms: Vec<&str> = words.iter().map(|c| c[1]).collect();
    assert_eq!(forms, ["Ships", "did", "n't", "sail", "to", "Odesa", "."]);
    assert_eq!(words.iter().filter(|c| c[6] == "0").count(), 1, "{text}");
    for c in &words {
        assert!(dyad_upos(c[3]), "{text}");
        assert!(c[6].parse::<usize>().unwrap() <= 7 && c[7] != "_", "{text}");
    }
    let sail = &words[3];
    assert_eq!((sail[6], sail[7]), ("0", "root"), "{text}");
    assert_eq!((words[0][6], words[0][7]), ("4", "nsubj"), "{text}");

    // The output scores against the input.
    let scored = dyad(&["parse", "--from", "conllu", "--score"], Some(GOLD));
    assert!(scored.status.success(), "{}", String::from_utf8_lossy(&scored.stderr));
    let line = String::from_utf8(scored.stdout).unwrap();
    assert!(line.starts_with("words 7 UPOS "), "{line}");
}

fn dyad_upos(tag: &str) -> bool {
    [
        "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
        "PUNCT", "SCONJ", "SYM", "VERB", "X",
    ]
    .contains(&tag)
}

#[test]
fn parse_text_writes_sentences_with_text_comments() {
    let out =
        dyad(&["parse"], Some("Russia attacked Ukraine on Monday. Weapons were sent to Russia.\n"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("# text = Russia attacked Ukraine on Monday.\n"), "{text}");
    assert!(text.contains("# text = Weapons were sent to Russia.\n"), "{text}");
    assert!(text.contains("\nMonday\t") || text.contains("\tMonday\t"), "{text}");
}

#[test]
fn bad_conllu_names_the_line_and_exits_2() {
    let out = dyad(&["parse", "--from", "conllu"], Some("# c\n1\tOnly\ttwo\n"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:2:"), "{err}");
}
