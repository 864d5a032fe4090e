//! CoNLL-U reading and writing, and scoring of predicted against gold files.
//!
//! Multiword-token lines (`1-2`) and empty nodes (`8.1`) are kept verbatim next to the word
//! they precede, so that a file read and written back keeps them; they take no part in tagging,
//! parsing or scoring (CoNLL 2018 scores syntactic words).

use std::fmt;

/// One syntactic word (a line with an integer ID).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root; words are numbered from 1.
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A sentence: its comment lines (without the leading `#`), words, and pass-through lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    /// Multiword-token and empty-node lines, each with the index (0-based) of the word it
    /// precedes (`words.len()` for a line after the last word).
    pub extra: Vec<(usize, String)>,
}

impl Sentence {
    /// The word forms, as the parser takes them.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// A malformed line; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Reads all sentences of a CoNLL-U text.
pub fn read(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    // The line of each word of the current sentence, to name a bad head.
    let mut word_lines: Vec<usize> = Vec::new();
    for (idx, raw) in text.lines().enumerate() {
        let line_no = idx + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let err = |message: String| ConlluError { line: line_no, message };
        if line.trim().is_empty() {
            if !current.words.is_empty() || !current.extra.is_empty() {
                check_heads(&current, &word_lines)?;
                word_lines.clear();
                sentences.push(std::mem::take(&mut current));
            } else {
                current.comments.clear();
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            current.comments.push(comment.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            let valid = id
                .split(['-', '.'])
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if !valid {
                return Err(err(format!("bad ID {id:?}")));
            }
            current.extra.push((current.words.len(), line.to_string()));
            continue;
        }
        let number: usize = id.parse().map_err(|_| err(format!("bad ID {id:?}")))?;
        if number != current.words.len() + 1 {
            return Err(err(format!(
                "word ID {number} out of sequence (expected {})",
                current.words.len() + 1
            )));
        }
        let head = match cols[6] {
            "_" => 0,
            h => h.parse().map_err(|_| err(format!("bad HEAD {h:?}")))?,
        };
        word_lines.push(line_no);
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !current.words.is_empty() || !current.extra.is_empty() {
        check_heads(&current, &word_lines)?;
        sentences.push(current);
    }
    Ok(sentences)
}

/// Heads must point inside their sentence; checked once it is complete.
fn check_heads(sentence: &Sentence, word_lines: &[usize]) -> Result<(), ConlluError> {
    let n = sentence.words.len();
    match sentence.words.iter().zip(word_lines).find(|(w, _)| w.head > n) {
        Some((w, &line)) => Err(ConlluError {
            line,
            message: format!("HEAD {} is outside its sentence of {n} words", w.head),
        }),
        None => Ok(()),
    }
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// Appends one sentence in CoNLL-U (ending with its blank line) to `out`.
pub fn write_sentence(sentence: &Sentence, out: &mut String) {
    use std::fmt::Write as _;
    for comment in &sentence.comments {
        out.push('#');
        out.push_str(comment);
        out.push('\n');
    }
    let mut extra = sentence.extra.iter().peekable();
    for (i, w) in sentence.words.iter().enumerate() {
        while let Some((_, line)) = extra.next_if(|(at, _)| *at <= i) {
            out.push_str(line);
            out.push('\n');
        }
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            or_blank(&w.form),
            or_blank(&w.lemma),
            or_blank(&w.upos),
            or_blank(&w.xpos),
            or_blank(&w.feats),
            w.head,
            or_blank(&w.deprel),
            or_blank(&w.deps),
            or_blank(&w.misc)
        );
    }
    for (_, line) in extra {
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
}

/// Writes sentences as one CoNLL-U text.
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        write_sentence(s, &mut out);
    }
    out
}

/// Token-level accuracies, CoNLL 2018 style (punctuation included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub words: usize,
    pub upos: usize,
    pub uas: usize,
    /// Head and universal relation (the part before ':') correct: CoNLL 2018 LAS.
    pub las: usize,
    /// Head and full relation (with subtype) correct.
    pub las_full: usize,
}

impl Scores {
    fn ratio(&self, n: usize) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            n as f64 / self.words as f64
        }
    }
    pub fn upos_acc(&self) -> f64 {
        self.ratio(self.upos)
    }
    pub fn uas_acc(&self) -> f64 {
        self.ratio(self.uas)
    }
    pub fn las_acc(&self) -> f64 {
        self.ratio(self.las)
    }
    pub fn las_full_acc(&self) -> f64 {
        self.ratio(self.las_full)
    }

    /// Adds one word's comparison.
    pub fn add(&mut self, gold: &Word, pred: &Word) {
        self.words += 1;
        self.upos += usize::from(gold.upos == pred.upos);
        if gold.head == pred.head {
            self.uas += 1;
            let universal = |r: &str| r.split(':').next().unwrap_or("").to_string();
            self.las += usize::from(universal(&gold.deprel) == universal(&pred.deprel));
            self.las_full += usize::from(gold.deprel == pred.deprel);
        }
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "words {} UPOS {:.2} UAS {:.2} LAS {:.2} (full labels {:.2})",
            self.words,
            100.0 * self.upos_acc(),
            100.0 * self.uas_acc(),
            100.0 * self.las_acc(),
            100.0 * self.las_full_acc()
        )
    }
}

/// Scores predicted sentences against gold ones, word by word; the two must have the same
/// sentences and word forms.
pub fn score(gold: &[Sentence], pred: &[Sentence]) -> Result<Scores, String> {
    if gold.len() != pred.len() {
        return Err(format!("{} gold sentences but {} predicted", gold.len(), pred.len()));
    }
    let mut scores = Scores::default();
    for (n, (g, p)) in gold.iter().zip(pred).enumerate() {
        if g.words.len() != p.words.len() {
            return Err(format!(
                "sentence {}: {} gold words but {} predicted",
                n + 1,
                g.words.len(),
                p.words.len()
            ));
        }
        for (gw, pw) in g.words.iter().zip(&p.words) {
            if gw.form != pw.form {
                return Err(format!(
                    "sentence {}: gold word {:?} but predicted {:?}",
                    n + 1,
                    gw.form,
                    pw.form
                ));
            }
            scores.add(gw, pw);
        }
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A made-up sentence with a multiword token and an empty node.
    const SAMPLE: &str = "# sent_id = t1\n# text = Ships didn't sail.\n1\tShips\tship\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n3.1\tsail\t_\t_\t_\t_\t_\t_\t_\t_\n4\tsail\tsail\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip_keeps_multiword_and_empty_nodes() {
        let fixed = SAMPLE.replace("\t3\tnsubj", "\t4\tnsubj");
        let sentences = read(&fixed).unwrap();
        assert_eq!(sentences.len(), 1);
        let s = &sentences[0];
        assert_eq!(s.forms(), ["Ships", "did", "n't", "sail", "."]);
        assert_eq!(s.words[3].head, 0);
        assert_eq!(s.extra.len(), 2);
        assert_eq!(write(&sentences), fixed);
    }

    #[test]
    fn bad_lines_name_the_line() {
        let err = read("# x\n1\tA\n").unwrap_err();
        assert_eq!(err.line, 2);
        let err = read("1\tA\ta\tX\t_\t_\tzero\tdep\t_\t_\n").unwrap_err();
        assert!(err.message.contains("HEAD"), "{err}");
        let err = read("2\tA\ta\tX\t_\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(err.message.contains("out of sequence"), "{err}");
        let err = read("# c\n1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t7\tdep\t_\t_\n")
            .unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn scores_universal_and_full_labels() {
        let gold = read(&SAMPLE.replace("\t3\tnsubj", "\t4\tnsubj:pass")).unwrap();
        let mut pred = gold.clone();
        pred[0].words[0].deprel = "nsubj".into();
        pred[0].words[1].head = 1;
        let s = score(&gold, &pred).unwrap();
        assert_eq!((s.words, s.uas, s.las, s.las_full), (5, 4, 4, 3));
        assert!(score(&gold, &[]).is_err());
    }
}
