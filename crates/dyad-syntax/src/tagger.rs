//! The UPOS tagger: a greedy averaged perceptron, left to right, with a tag dictionary for
//! frequent unambiguous words.

use crate::atoms::{Atoms, PAD_AFTER, PAD_BEFORE};
use crate::hash::{feat1, feat2, feat3};
use crate::weights::{KeyMap, Scorer, Weights};

/// The 17 universal POS tags, in the order of their class numbers.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// Most tag classes a model may have; the values above are reserved for the markers below.
pub(crate) const MAX_TAGS: usize = 240;
/// Tag values for "before the sentence", the root and missing positions in features.
pub(crate) const TAG_START: u8 = 250;
pub(crate) const TAG_ROOT: u8 = 251;
pub(crate) const TAG_NONE: u8 = 252;

/// A tag class: the tagger predicts UPOS and XPOS jointly (the finer XPOS distinctions, such
/// as VBD against VBN, help the parser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TagClass {
    pub upos: u8,
    pub xpos: String,
}

pub(crate) fn upos_id(tag: &str) -> Option<u8> {
    UPOS.iter().position(|t| *t == tag).map(|i| i as u8)
}

/// The tagger's features for token `i`, given the two previous predicted tags and, in the
/// second pass, the first pass's tags (`ahead`), which bring in the right context.
pub(crate) fn features(
    atoms: &[Atoms],
    i: usize,
    prev: u8,
    prev2: u8,
    ahead: Option<&[u8]>,
    out: &mut Vec<u64>,
) {
    out.clear();
    static_features(atoms, i, ahead, out);
    tag_features(atoms, i, prev, prev2, ahead, out);
}

/// The word for position `j` (padding outside the sentence).
fn word_at(atoms: &[Atoms], j: isize) -> u64 {
    if j < 0 {
        PAD_BEFORE
    } else {
        atoms.get(j as usize).map_or(PAD_AFTER, |x| x.lower)
    }
}

/// Appends the features that do not depend on the previous tags: at run time they are scored
/// for all words of a sentence first (see `tag_with`).
fn static_features(atoms: &[Atoms], i: usize, ahead: Option<&[u8]>, out: &mut Vec<u64>) {
    let a = &atoms[i];
    let at = |j: isize| -> Option<&Atoms> {
        if j < 0 {
            None
        } else {
            atoms.get(j as usize)
        }
    };
    let word = |j: isize| word_at(atoms, j);
    let first = u64::from(i == 0);
    let i = i as isize;
    out.extend_from_slice(&[
        feat1(1, 0),
        feat1(2, a.lower),
        feat1(3, a.suffix[0]),
        feat1(4, a.suffix[1]),
        feat1(5, a.suffix[2]),
        feat1(6, a.suffix[3]),
        feat1(7, a.prefix[0]),
        feat1(8, a.prefix[2]),
        feat1(9, a.shape),
        feat2(10, a.flags, first),
        feat1(14, word(i - 1)),
        feat1(15, word(i + 1)),
        feat1(16, word(i - 2)),
        feat1(17, word(i + 2)),
        feat1(18, at(i - 1).map_or(PAD_BEFORE, |x| x.suffix[2])),
        feat1(19, at(i + 1).map_or(PAD_AFTER, |x| x.suffix[2])),
        feat2(20, word(i - 1), a.lower),
        feat2(21, a.lower, word(i + 1)),
        feat1(22, at(i + 1).map_or(PAD_AFTER, |x| x.shape)),
        feat1(25, a.form),
        feat2(26, a.suffix[1], word(i + 1)),
    ]);
    if let Some(first) = ahead {
        let tag = |j: usize| u64::from(first.get(j).copied().unwrap_or(TAG_NONE));
        let i = i as usize;
        let (t0, n1, n2) = (tag(i), tag(i + 1), tag(i + 2));
        out.extend_from_slice(&[
            feat1(40, t0),
            feat2(41, t0, a.lower),
            feat1(42, n1),
            feat2(43, n1, n2),
            feat2(45, a.lower, n1),
            feat2(46, a.suffix[2], n1),
            feat2(48, t0, a.suffix[2]),
        ]);
    }
}

/// Appends the features of the previous tags.
fn tag_features(
    atoms: &[Atoms],
    i: usize,
    prev: u8,
    prev2: u8,
    ahead: Option<&[u8]>,
    out: &mut Vec<u64>,
) {
    let a = &atoms[i];
    let (p1, p2) = (u64::from(prev), u64::from(prev2));
    out.extend_from_slice(&[
        feat1(11, p1),
        feat2(12, p1, p2),
        feat2(13, p1, a.lower),
        feat2(23, p1, a.suffix[2]),
        feat3(24, p1, a.lower, word_at(atoms, i as isize + 1)),
    ]);
    if let Some(first) = ahead {
        let tag = |j: usize| u64::from(first.get(j).copied().unwrap_or(TAG_NONE));
        let (t0, n1) = (tag(i), tag(i + 1));
        out.extend_from_slice(&[feat2(44, p1, n1), feat3(47, p1, t0, n1)]);
    }
}

/// A trained tagger.
#[derive(Debug, Clone)]
pub(crate) struct Tagger {
    pub weights: Weights,
    /// The second pass, which also sees the first pass's tags to the right.
    pub second: Option<Weights>,
    /// First-pass tags this far ahead of the runner-up are kept without a second look: the
    /// second pass is for the uncertain words (most of its cost saved, tagging accuracy
    /// within 0.05 points on EWT dev).
    pub keep_margin: f32,
    /// Exact form hash → tag, for frequent words seen with one tag.
    pub dict: KeyMap<u8>,
    pub classes: Vec<TagClass>,
}

/// Tags a sentence with any scorer (training weights or the compact model), writing each
/// tag's margin over the runner-up into `margins` (infinite for dictionary words). In the
/// second pass (`ahead`), words whose first-pass margin reached `keep` keep their tag unscored.
#[allow(clippy::too_many_arguments)]
pub(crate) fn tag_with<S: Scorer>(
    scorer: &S,
    n_classes: usize,
    dict: &KeyMap<u8>,
    atoms: &[Atoms],
    ahead: Option<(&[u8], &[f32], f32)>,
    tags: &mut Vec<u8>,
    margins: &mut Vec<f32>,
    feats: &mut Vec<u64>,
    static_scores: &mut Vec<f32>,
) {
    tags.clear();
    margins.clear();
    let n = n_classes.min(MAX_TAGS);
    let scored = |i: usize| {
        !dict.contains_key(&atoms[i].form)
            && !ahead.is_some_and(|(_, first_margins, keep)| first_margins[i] >= keep)
    };
    // The features that do not depend on earlier tags first, for every word to score: these
    // look-ups do not wait for each other, so their cache misses overlap. Scores are linear,
    // so adding the tag features' scores later gives the same result.
    static_scores.clear();
    static_scores.resize(atoms.len() * n, 0.0);
    // The features of all the sentence's words are fetched together first: more cache misses
    // overlap than within one word's features. (They are cheap to compute twice.)
    feats.clear();
    for i in (0..atoms.len()).filter(|&i| scored(i)) {
        static_features(atoms, i, ahead.map(|a| a.0), feats);
    }
    scorer.prefetch(feats);
    for i in 0..atoms.len() {
        if scored(i) {
            feats.clear();
            static_features(atoms, i, ahead.map(|a| a.0), feats);
            scorer.score(feats, &mut static_scores[i * n..(i + 1) * n]);
        }
    }
    let mut all_scores = [0f32; MAX_TAGS];
    let scores = &mut all_scores[..n];
    for i in 0..atoms.len() {
        let (tag, margin) = match (dict.get(&atoms[i].form), ahead) {
            (Some(&t), _) => (t, f32::INFINITY),
            (None, Some((first, first_margins, keep))) if first_margins[i] >= keep => {
                (first[i], first_margins[i])
            }
            (None, _) => {
                let prev = if i >= 1 { tags[i - 1] } else { TAG_START };
                let prev2 = if i >= 2 { tags[i - 2] } else { TAG_START };
                feats.clear();
                tag_features(atoms, i, prev, prev2, ahead.map(|a| a.0), feats);
                scorer.score(feats, scores);
                for (s, &st) in scores.iter_mut().zip(&static_scores[i * n..(i + 1) * n]) {
                    *s += st;
                }
                let best = argmax(scores);
                let runner_up = scores
                    .iter()
                    .enumerate()
                    .filter(|&(c, _)| c != usize::from(best))
                    .map(|(_, &s)| s)
                    .fold(f32::NEG_INFINITY, f32::max);
                (best, scores[usize::from(best)] - runner_up)
            }
        };
        tags.push(tag);
        margins.push(margin);
    }
}

fn ends_with_ing(form: &str) -> bool {
    form.len() > 4 && form.get(form.len() - 3..).is_some_and(|x| x.eq_ignore_ascii_case("ing"))
}

/// How far below a word's tag its verb reading may score for [`Tagger::ensure_verb`] to
/// make it the verb: chosen on EWT dev (UAS +0.06) and on news without verbs (VOA, the
/// labelled stories), where words within it were verbs three times in four.
const VERB_GAP: f32 = 25.0;

/// What may follow a verb that [`Tagger::ensure_verb`] finds.
const FOLLOW_VERB: &[&str] =
    &["DET", "NUM", "ADP", "ADJ", "NOUN", "PROPN", "PRON", "ADV", "SCONJ", "PART"];

pub(crate) fn argmax(scores: &[f32]) -> u8 {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best as u8
}

impl Tagger {
    /// Whether class `tag` has UPOS `upos` (one of [`UPOS`]).
    fn is_upos(&self, tag: u8, upos: &str) -> bool {
        self.classes
            .get(usize::from(tag))
            .is_some_and(|c| UPOS.get(usize::from(c.upos)) == Some(&upos))
    }

    /// A sentence tagged without a verb ("Police fire tear gas at protesters", "The new pact
    /// covers trade") has one the tagger took for a noun: headlines and verbs in -s are rare
    /// in the web text it learnt from. The word
    /// between a noun phrase and what can follow a verb whose verb reading scores closest
    /// to its tag becomes the verb, if that is within `VERB_GAP`; fragments ("Great service
    /// and friendly staff.") are left alone by the gap.
    pub fn ensure_verb(
        &self,
        forms: &[&str],
        atoms: &[Atoms],
        tags: &mut [u8],
        first: &[u8],
        feats: &mut Vec<u64>,
    ) {
        let verbs: Vec<u8> = (0..self.classes.len().min(MAX_TAGS))
            .map(|c| c as u8)
            .filter(|&c| self.is_upos(c, "VERB"))
            .collect();
        if verbs.is_empty() {
            return;
        }
        let n = atoms.len();
        // A verb in "-ing" after its noun may be a participle ("protesters opposing the
        // bill"), or after "to" an infinitive: neither makes a clause.
        // (A headline's "to" and verb after a noun is its clause: "UN chief to visit Gaza".)
        let finite = |i: usize| {
            let infinitive = i > 0 && self.is_upos(tags[i - 1], "PART");
            let headline_future = infinitive
                && i > 1
                && (self.is_upos(tags[i - 2], "NOUN") || self.is_upos(tags[i - 2], "PROPN"));
            self.is_upos(tags[i], "AUX")
                || self.is_upos(tags[i], "VERB")
                    && !(ends_with_ing(forms[i]) && i > 0 && !self.is_upos(tags[i - 1], "AUX"))
                    && (!infinitive || headline_future)
        };
        if n < 4 || (0..n).any(finite) {
            return;
        }
        let any = |t: u8, set: &[&str]| set.iter().any(|u| self.is_upos(t, u));
        let (scorer, ahead) = match &self.second {
            Some(second) => (second, Some(first)),
            None => (&self.weights, None),
        };
        let mut scores = [0f32; MAX_TAGS];
        let scores = &mut scores[..self.classes.len().min(MAX_TAGS)];
        let mut best: Option<(usize, u8, f32)> = None;
        for i in 1..n - 1 {
            if self.dict.contains_key(&atoms[i].form)
                || !any(tags[i], &["NOUN", "PROPN", "ADJ"])
                || !any(tags[i - 1], &["NOUN", "PROPN", "PRON"])
                || !(any(tags[i + 1], FOLLOW_VERB)
                    || self.is_upos(tags[i + 1], "VERB") && ends_with_ing(forms[i + 1]))
            {
                continue;
            }
            let prev = tags[i - 1];
            let prev2 = if i >= 2 { tags[i - 2] } else { TAG_START };
            features(atoms, i, prev, prev2, ahead, feats);
            scores.iter_mut().for_each(|s| *s = 0.0);
            scorer.score(feats, scores);
            // The best verb reading, and only a word whose next best reading it is.
            let Some(&verb) = verbs
                .iter()
                .max_by(|&&a, &&b| scores[usize::from(a)].total_cmp(&scores[usize::from(b)]))
            else {
                continue;
            };
            let v = scores[usize::from(verb)];
            let gap = scores[usize::from(tags[i])] - v;
            if scores
                .iter()
                .enumerate()
                .any(|(c, &x)| c != usize::from(tags[i]) && !self.is_upos(c as u8, "VERB") && x > v)
            {
                continue;
            }
            if best.is_none_or(|(_, _, g)| gap < g) {
                best = Some((i, verb, gap));
            }
        }
        if let Some((i, verb, gap)) = best {
            if gap < VERB_GAP {
                tags[i] = verb;
            }
        }
    }

    /// Tags `atoms` into `tags`; `first` and `margins` hold the first pass's tags and margins
    /// when there is a second pass.
    pub fn tag(
        &self,
        atoms: &[Atoms],
        tags: &mut Vec<u8>,
        first: &mut Vec<u8>,
        margins: &mut Vec<f32>,
        (feats, static_scores): (&mut Vec<u64>, &mut Vec<f32>),
    ) {
        let n = self.classes.len();
        let w = &self.weights;
        match &self.second {
            None => tag_with(w, n, &self.dict, atoms, None, tags, margins, feats, static_scores),
            Some(second) => {
                tag_with(w, n, &self.dict, atoms, None, first, margins, feats, static_scores);
                let first_margins = std::mem::take(margins);
                let ahead = Some((first.as_slice(), first_margins.as_slice(), self.keep_margin));
                tag_with(second, n, &self.dict, atoms, ahead, tags, margins, feats, static_scores);
            }
        }
    }
}
