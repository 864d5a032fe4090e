//! Training: the tagger, jackknifed tags, the parser with a dynamic oracle, and evaluation.
//!
//! Deterministic for a given seed: shuffling uses a SplitMix64 generator, folds are fixed by
//! sentence number, and threads only run independent folds whose results are joined in order.

use std::collections::HashMap;
use std::time::Instant;

use crate::atoms::Atoms;
use crate::conllu::{Scores, Sentence, Word};
use crate::model::{Model, Workspace};
use crate::parser::{self, choose_label, Context, Scratch, State, LEFT, N_MOVES, RIGHT, SHIFT};
use crate::tagger::{self, upos_id, TagClass, Tagger, MAX_TAGS};
use crate::weights::{KeyMap, Scorer, TrainWeights, Weights};

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for the jackknifed tags the parser trains on.
    pub folds: usize,
    /// From this parser epoch (0-based) on, follow the model's own wrong moves with
    /// probability `explore`.
    pub explore_from: usize,
    pub explore: f64,
    /// Parser weights whose averaged value is below this are dropped from the model.
    pub prune: f32,
    /// The same for the tagger's weights (the jackknife taggers keep all theirs).
    pub tagger_prune: f32,
    /// Features updated fewer times than this in training are dropped from the model.
    pub tagger_min_updates: u32,
    pub parser_min_updates: u32,
    pub threads: usize,
    /// Predict UPOS and XPOS jointly (else UPOS only).
    pub joint_xpos: bool,
    /// Tag in two passes, the second seeing the first's tags to the right.
    pub two_pass: bool,
    /// Words whose first-pass tag leads by this margin skip the second pass.
    pub keep_margin: f32,
    /// Diagnostic: train and evaluate the parser on gold tags.
    pub gold_tags: bool,
    /// Print dev scores after every parser epoch.
    pub verbose: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 1,
            tagger_epochs: 10,
            parser_epochs: 12,
            folds: 5,
            explore_from: 2,
            explore: 1.0,
            prune: 1.5,
            tagger_prune: 0.0,
            tagger_min_updates: 1,
            parser_min_updates: 1,
            threads: 2,
            joint_xpos: false,
            gold_tags: false,
            two_pass: true,
            keep_margin: 3.0,
            verbose: true,
        }
    }
}

/// A training problem in the input data (no UPOS known for a word, a bad head).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainError(pub String);

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TrainError {}

/// SplitMix64: small, fast and good enough for shuffling.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

struct TagData {
    atoms: Vec<Atoms>,
    gold: Vec<u8>,
}

/// The tag classes of the training data, most frequent first.
fn tag_classes(train: &[&Sentence], joint_xpos: bool) -> Result<Vec<TagClass>, TrainError> {
    let mut counts: HashMap<(u8, &str), usize> = HashMap::new();
    for w in train.iter().flat_map(|s| &s.words) {
        let upos =
            upos_id(&w.upos).ok_or_else(|| TrainError(format!("unknown UPOS {:?}", w.upos)))?;
        let xpos = if joint_xpos { w.xpos.as_str() } else { "" };
        *counts.entry((upos, xpos)).or_default() += 1;
    }
    let mut classes: Vec<((u8, &str), usize)> = counts.into_iter().collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if classes.len() > MAX_TAGS {
        return Err(TrainError(format!(
            "{} UPOS+XPOS pairs, at most {MAX_TAGS} supported",
            classes.len()
        )));
    }
    Ok(classes
        .into_iter()
        .map(|((upos, xpos), _)| TagClass { upos, xpos: xpos.to_string() })
        .collect())
}

fn tag_data(s: &Sentence, class_id: &HashMap<(u8, &str), u8>, joint_xpos: bool) -> TagData {
    let gold = s
        .words
        .iter()
        .map(|w| {
            let upos = upos_id(&w.upos).unwrap_or(0);
            let xpos = if joint_xpos { w.xpos.as_str() } else { "" };
            class_id.get(&(upos, xpos)).copied().unwrap_or(0)
        })
        .collect();
    TagData { atoms: s.words.iter().map(|w| Atoms::new(&w.form)).collect(), gold }
}

/// Frequent words (20 or more) seen with one tag 97% of the time or more.
fn build_dict(data: &[&TagData], n_classes: usize) -> KeyMap<u8> {
    let mut counts: KeyMap<Vec<u32>> = KeyMap::default();
    for d in data {
        for (a, &g) in d.atoms.iter().zip(&d.gold) {
            counts.entry(a.form).or_insert_with(|| vec![0; n_classes])[usize::from(g)] += 1;
        }
    }
    let mut dict = KeyMap::default();
    for (key, c) in counts {
        let total: u32 = c.iter().sum();
        let (best, &n) = c.iter().enumerate().max_by_key(|(_, n)| **n).unwrap_or((0, &0));
        if total >= 20 && f64::from(n) >= 0.97 * f64::from(total) {
            dict.insert(key, best as u8);
        }
    }
    dict
}

/// One tagger pass: weights trained with the given first-pass tags (`ahead`) if any.
fn train_pass(
    data: &[&TagData],
    n_classes: usize,
    dict: &KeyMap<u8>,
    ahead: Option<&[&Vec<u8>]>,
    epochs: usize,
    seed: u64,
    (prune, min_updates): (f32, u32),
) -> Weights {
    let mut weights = TrainWeights::new();
    let mut rng = Rng(seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; n_classes];
    let mut time = 1u64;
    let mut tags = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let d = data[k];
            let first = ahead.map(|a| a[k].as_slice());
            tags.clear();
            for i in 0..d.atoms.len() {
                let gold = d.gold[i];
                let guess = match dict.get(&d.atoms[i].form) {
                    Some(&t) => t,
                    None => {
                        let prev = if i >= 1 { tags[i - 1] } else { tagger::TAG_START };
                        let prev2 = if i >= 2 { tags[i - 2] } else { tagger::TAG_START };
                        tagger::features(&d.atoms, i, prev, prev2, first, &mut feats);
                        weights.score(&feats, &mut scores);
                        let guess = tagger::argmax(&scores);
                        if guess != gold {
                            weights.update(&feats, usize::from(gold), usize::from(guess), time);
                        }
                        time += 1;
                        guess
                    }
                };
                tags.push(guess);
            }
        }
    }
    Weights::from_averaged(n_classes, &weights.averaged(time, min_updates), prune)
}

/// A one-pass tagger.
fn train_tagger(
    data: &[&TagData],
    classes: &[TagClass],
    epochs: usize,
    seed: u64,
    (prune, min_updates): (f32, u32),
) -> Tagger {
    let dict = build_dict(data, classes.len());
    let weights = train_pass(data, classes.len(), &dict, None, epochs, seed, (prune, min_updates));
    Tagger { weights, second: None, keep_margin: f32::INFINITY, dict, classes: classes.to_vec() }
}

/// Heads with non-projective arcs lifted (each to its head's head, shortest arc first) until
/// the tree is projective: the arc-hybrid oracle needs projective trees.
pub(crate) fn projectivize(heads: &mut [u32]) {
    // heads[0] is unused (the root); words are 1..len.
    let n = heads.len();
    let dominates = |heads: &[u32], h: u32, mut k: u32| {
        let mut steps = 0;
        while k != 0 && steps <= n {
            k = heads[k as usize];
            if k == h {
                return true;
            }
            steps += 1;
        }
        h == 0
    };
    for _ in 0..n * n {
        let mut worst: Option<(u32, usize)> = None;
        for d in 1..n {
            let h = heads[d];
            let (lo, hi) = if (h as usize) < d { (h as usize, d) } else { (d, h as usize) };
            let crossing = (lo + 1..hi).any(|k| !dominates(heads, h, k as u32));
            if crossing && worst.is_none_or(|(len, _)| (hi - lo) < len as usize) {
                worst = Some(((hi - lo) as u32, d));
            }
        }
        match worst {
            Some((_, d)) => {
                let h = heads[d] as usize;
                heads[d] = heads[h];
            }
            None => return,
        }
    }
}

struct ParseData {
    /// Lower-case word atoms.
    words: Vec<u64>,
    tags: Vec<u8>,
    /// Gold heads (projectivised), index 0 unused.
    heads: Vec<u32>,
    labels: Vec<u8>,
}

/// Costs of the legal moves under the arc-hybrid dynamic oracle (Goldberg & Nivre 2013):
/// how many gold arcs each move makes unreachable.
fn costs(st: &State, gold: &[u32], legal: &[bool; N_MOVES]) -> [u32; N_MOVES] {
    let mut out = [u32::MAX; N_MOVES];
    let depth = st.stack.len();
    let s0 = st.stack[depth - 1];
    let b0 = st.b;
    let in_buffer = |x: u32| x >= st.b && x <= st.n;
    if legal[SHIFT] {
        let mut c = 0;
        for (k, &s) in st.stack.iter().enumerate() {
            if s != 0 && gold[s as usize] == b0 {
                c += 1;
            }
            if k + 1 < depth && gold[b0 as usize] == s {
                c += 1;
            }
        }
        out[SHIFT] = c;
    }
    if depth >= 2 && s0 != 0 {
        let s1 = st.stack[depth - 2];
        let deps_in_buffer = (st.b..=st.n).filter(|&d| gold[d as usize] == s0).count() as u32;
        let h = gold[s0 as usize];
        if legal[LEFT] {
            out[LEFT] = deps_in_buffer + u32::from(h != b0 && (h == s1 || in_buffer(h)));
        }
        if legal[RIGHT] {
            out[RIGHT] = deps_in_buffer + u32::from(in_buffer(h));
        }
    }
    out
}

struct ParserTrainer {
    moves: TrainWeights,
    labels: TrainWeights,
    n_labels: usize,
    root_label: u8,
    move_time: u64,
    label_time: u64,
}

impl ParserTrainer {
    fn sentence(
        &mut self,
        d: &ParseData,
        explore: f64,
        rng: &mut Rng,
        cx: &mut Context,
        st: &mut State,
        scratch: &mut Scratch,
    ) {
        cx.fill(d.words.iter().copied(), &d.tags);
        st.reset(cx.n());
        scratch.label_scores.resize(self.n_labels, 0.0);
        let mut scores = [0f32; N_MOVES];
        while !st.is_terminal() {
            let legal = st.legal();
            let mv = if let Some(only) = parser::only_move(&legal) {
                only
            } else {
                parser::move_features(cx, st, &mut scratch.feats);
                self.moves.score(&scratch.feats, &mut scores);
                let pred = parser::best_legal(&scores, &legal);
                let cost = costs(st, &d.heads, &legal);
                let min = cost.iter().copied().min().unwrap_or(0);
                let mut best_gold = usize::MAX;
                for mv in 0..N_MOVES {
                    if legal[mv]
                        && cost[mv] == min
                        && (best_gold == usize::MAX || scores[mv] > scores[best_gold])
                    {
                        best_gold = mv;
                    }
                }
                self.move_time += 1;
                if cost[pred] == min {
                    pred
                } else {
                    self.moves.update(&scratch.feats, best_gold, pred, self.move_time);
                    if rng.unit() < explore {
                        pred
                    } else {
                        best_gold
                    }
                }
            };
            let label = if mv == SHIFT {
                parser::NO_LABEL
            } else {
                let (head, dep) = st.arc(mv);
                let guess = choose_label(&self.labels, self.root_label, cx, st, head, dep, scratch);
                if head != 0 && d.heads[dep as usize] == head {
                    self.label_time += 1;
                    let gold = d.labels[dep as usize];
                    if guess != gold {
                        // choose_label left the label features in scratch.feats.
                        self.labels.update(
                            &scratch.feats,
                            usize::from(gold),
                            usize::from(guess),
                            self.label_time,
                        );
                    }
                }
                guess
            };
            st.apply(mv, label);
        }
    }
}

/// Tags and parses `sentences` with `model`, returning predicted copies (forms kept).
pub fn predict(model: &Model, sentences: &[Sentence]) -> Vec<Sentence> {
    predict_with(model, sentences, false)
}

/// `predict`, optionally parsing from the gold UPOS tags (a diagnostic).
fn predict_with(model: &Model, sentences: &[Sentence], gold_tags: bool) -> Vec<Sentence> {
    let mut ws = Workspace::default();
    let mut tokens = Vec::new();
    sentences
        .iter()
        .map(|s| {
            let forms = s.forms();
            let tags: Vec<u8> = s.words.iter().map(|w| model.class_of_upos(&w.upos)).collect();
            model.analyse(&forms, gold_tags.then_some(&tags[..]), &mut ws, &mut tokens);
            let words = s
                .words
                .iter()
                .zip(&tokens)
                .map(|(w, t)| Word {
                    form: w.form.clone(),
                    upos: t.upos.to_string(),
                    head: t.head,
                    deprel: t.deprel.to_string(),
                    ..Word::default()
                })
                .collect();
            Sentence { comments: s.comments.clone(), words, extra: s.extra.clone() }
        })
        .collect()
}

/// Scores `model` on gold sentences (gold tokens).
pub fn evaluate(model: &Model, gold: &[Sentence]) -> Scores {
    evaluate_with(model, gold, false)
}

/// `evaluate`, optionally parsing from the UPOS column of `gold` instead of the tagger's tags (a
/// diagnostic: put predicted tags there, some of them corrected, to see what those errors cost).
pub fn evaluate_with(model: &Model, gold: &[Sentence], gold_tags: bool) -> Scores {
    let pred = predict_with(model, gold, gold_tags);
    let mut scores = Scores::default();
    for (g, p) in gold.iter().zip(&pred) {
        for (gw, pw) in g.words.iter().zip(&p.words) {
            scores.add(gw, pw);
        }
    }
    scores
}

/// Trains a tagger and parser on `train`, reporting dev scores through `log`; the model after
/// the last epoch is returned.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Result<Model, TrainError> {
    let started = Instant::now();
    let train: Vec<&Sentence> = train.iter().filter(|s| !s.words.is_empty()).collect();
    let classes = tag_classes(&train, cfg.joint_xpos)?;
    let class_id: HashMap<(u8, &str), u8> =
        classes.iter().enumerate().map(|(i, c)| ((c.upos, c.xpos.as_str()), i as u8)).collect();
    let tag_sets: Vec<TagData> =
        train.iter().map(|s| tag_data(s, &class_id, cfg.joint_xpos)).collect();

    // Jackknifed tags: fold k is tagged by a tagger trained on the other folds.
    let folds = cfg.folds.max(2);
    let threads = cfg.threads.max(1);
    let mut fold_tags: Vec<Vec<Vec<u8>>> = Vec::new();
    let fold_ids: Vec<usize> = (0..folds).collect();
    for batch in fold_ids.chunks(threads) {
        let results: Vec<Vec<Vec<u8>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .iter()
                .map(|&k| {
                    let (tag_sets, classes) = (&tag_sets, &classes);
                    scope.spawn(move || {
                        let rest: Vec<&TagData> = tag_sets
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| i % folds != k)
                            .map(|(_, d)| d)
                            .collect();
                        let tagger = train_tagger(
                            &rest,
                            classes,
                            cfg.tagger_epochs,
                            cfg.seed ^ (k as u64 + 1),
                            (0.0, 1),
                        );
                        let (mut feats, mut first, mut margins, mut static_scores) =
                            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
                        tag_sets
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| i % folds == k)
                            .map(|(_, d)| {
                                let mut tags = Vec::new();
                                tagger.tag(
                                    &d.atoms,
                                    &mut tags,
                                    &mut first,
                                    &mut margins,
                                    (&mut feats, &mut static_scores),
                                );
                                tags
                            })
                            .collect()
                    })
                })
                .collect();
            // A fold thread only panics on a bug; propagate it.
            handles.into_iter().map(|h| h.join().expect("fold thread")).collect()
        });
        fold_tags.extend(results);
    }
    let mut jack_tags: Vec<Vec<u8>> = vec![Vec::new(); train.len()];
    for (k, tags) in fold_tags.into_iter().enumerate() {
        for (j, t) in tags.into_iter().enumerate() {
            jack_tags[k + j * folds] = t;
        }
    }
    let all: Vec<&TagData> = tag_sets.iter().collect();
    let mut tagger = train_tagger(
        &all,
        &classes,
        cfg.tagger_epochs,
        cfg.seed,
        (cfg.tagger_prune, cfg.tagger_min_updates),
    );
    if cfg.two_pass {
        // The second pass learns from first-pass tags as they are on unseen text: the
        // jackknifed ones.
        let ahead: Vec<&Vec<u8>> = jack_tags.iter().collect();
        tagger.keep_margin = cfg.keep_margin;
        tagger.second = Some(train_pass(
            &all,
            classes.len(),
            &tagger.dict,
            Some(&ahead),
            cfg.tagger_epochs,
            cfg.seed ^ 0x2,
            (cfg.tagger_prune, cfg.tagger_min_updates),
        ));
    }
    let upos_of = |t: &u8| classes[usize::from(*t)].upos;
    let correct: usize = jack_tags
        .iter()
        .zip(&tag_sets)
        .map(|(p, d)| p.iter().zip(&d.gold).filter(|(a, b)| upos_of(a) == upos_of(b)).count())
        .sum();
    let total: usize = tag_sets.iter().map(|d| d.gold.len()).sum();
    log(&format!(
        "tagger: {} classes, {} epochs, jackknife UPOS accuracy {:.2} ({folds} folds), {:.1}s",
        classes.len(),
        cfg.tagger_epochs,
        100.0 * correct as f64 / total.max(1) as f64,
        started.elapsed().as_secs_f64()
    ));

    // Relation names by frequency.
    let mut label_counts: HashMap<&str, usize> = HashMap::new();
    for s in &train {
        for w in &s.words {
            *label_counts.entry(w.deprel.as_str()).or_default() += 1;
        }
    }
    label_counts.entry("root").or_default();
    let mut label_names: Vec<&str> = label_counts.keys().copied().collect();
    label_names.sort_by(|a, b| label_counts[b].cmp(&label_counts[a]).then(a.cmp(b)));
    label_names.truncate(250);
    let label_id: HashMap<&str, u8> =
        label_names.iter().enumerate().map(|(i, l)| (*l, i as u8)).collect();
    let root_label = label_id["root"];
    let label_names: Vec<String> = label_names.iter().map(|s| s.to_string()).collect();

    let mut data = Vec::with_capacity(train.len());
    if cfg.gold_tags {
        jack_tags = tag_sets.iter().map(|d| d.gold.clone()).collect();
    }
    for (s, tags) in train.iter().zip(jack_tags) {
        let mut heads: Vec<u32> =
            std::iter::once(0).chain(s.words.iter().map(|w| w.head as u32)).collect();
        projectivize(&mut heads);
        let labels = std::iter::once(0)
            .chain(s.words.iter().map(|w| label_id.get(w.deprel.as_str()).copied().unwrap_or(0)))
            .collect();
        data.push(ParseData { words: lower_words(s), tags, heads, labels });
    }

    let n_labels = label_names.len();
    let mut trainer = ParserTrainer {
        moves: TrainWeights::new(),
        labels: TrainWeights::new(),
        n_labels,
        root_label,
        move_time: 1,
        label_time: 1,
    };
    let mut rng = Rng(cfg.seed.wrapping_mul(31).wrapping_add(7));
    let mut order: Vec<usize> = (0..data.len()).collect();
    let (mut cx, mut st, mut scratch) = (Context::default(), State::default(), Scratch::default());
    let finish = |trainer: &ParserTrainer, tagger: &Tagger| Model {
        tagger: tagger.clone(),
        moves: Weights::from_averaged(
            N_MOVES,
            &trainer.moves.averaged(trainer.move_time, cfg.parser_min_updates),
            cfg.prune,
        ),
        labels: Weights::from_averaged(
            n_labels,
            &trainer.labels.averaged(trainer.label_time, cfg.parser_min_updates),
            cfg.prune,
        ),
        label_names: label_names.clone(),
        root_label,
    };
    for epoch in 0..cfg.parser_epochs {
        rng.shuffle(&mut order);
        let explore = if epoch >= cfg.explore_from { cfg.explore } else { 0.0 };
        for &k in &order {
            trainer.sentence(&data[k], explore, &mut rng, &mut cx, &mut st, &mut scratch);
        }
        if cfg.verbose && !dev.is_empty() {
            let model = finish(&trainer, &tagger);
            log(&format!(
                "parser epoch {}: dev {} ({:.0}s)",
                epoch + 1,
                evaluate_with(&model, dev, cfg.gold_tags),
                started.elapsed().as_secs_f64()
            ));
        }
    }
    Ok(finish(&trainer, &tagger))
}

fn lower_words(s: &Sentence) -> Vec<u64> {
    s.words.iter().map(|w| Atoms::new(&w.form).lower).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // 1 ← 3, 2 → 4 crosses 3 → … : word 4 headed by 2 over 3, which 2 does not dominate.
        let mut heads = vec![0, 3, 3, 0, 2];
        projectivize(&mut heads);
        assert_eq!(heads, vec![0, 3, 3, 0, 3]);
        let mut fine = vec![0, 2, 0, 2];
        projectivize(&mut fine);
        assert_eq!(fine, vec![0, 2, 0, 2]);
    }

    #[test]
    fn rng_is_deterministic() {
        let (mut a, mut b) = (Rng(5), Rng(5));
        assert_eq!(a.next(), b.next());
        let mut v: Vec<u32> = (0..10).collect();
        Rng(3).shuffle(&mut v);
        let mut w: Vec<u32> = (0..10).collect();
        Rng(3).shuffle(&mut w);
        assert_eq!(v, w);
    }
}
