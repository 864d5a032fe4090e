//! The arc-hybrid transition system, its features, and greedy parsing.
//!
//! Position 0 is the root, at the bottom of the stack; words are 1..=n. SHIFT moves the first
//! buffer word to the stack, LEFT makes the stack top a dependent of the first buffer word and
//! pops it, RIGHT makes the stack top a dependent of the word below it and pops it. RIGHT onto
//! the root is allowed only when the buffer is empty and one word is left on the stack, so every
//! parse is a single-rooted tree.

use crate::hash::{feat1, feat2, feat3};
use crate::tagger::{TAG_NONE, TAG_ROOT};
use crate::weights::{Scorer, Weights};

pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;
pub(crate) const N_MOVES: usize = 3;

pub(crate) const NONE: u32 = u32::MAX;
/// Label value of a word without a head yet (and of missing positions).
pub(crate) const NO_LABEL: u8 = u8::MAX;
const WORD_NONE: u64 = 0x0dd_0001;
const WORD_ROOT: u64 = 0x0dd_0002;

/// The sentence as the parser sees it: hashed lower-case words and tags, root at 0.
#[derive(Debug, Default, Clone)]
pub(crate) struct Context {
    pub words: Vec<u64>,
    pub tags: Vec<u8>,
}

impl Context {
    pub fn fill(&mut self, words: impl Iterator<Item = u64>, tags: &[u8]) {
        self.words.clear();
        self.words.push(WORD_ROOT);
        self.words.extend(words);
        self.tags.clear();
        self.tags.push(TAG_ROOT);
        self.tags.extend_from_slice(tags);
    }

    pub fn n(&self) -> usize {
        self.words.len() - 1
    }

    #[inline]
    fn w(&self, x: u32) -> u64 {
        if x == NONE {
            WORD_NONE
        } else {
            self.words[x as usize]
        }
    }

    #[inline]
    fn p(&self, x: u32) -> u64 {
        if x == NONE {
            u64::from(TAG_NONE)
        } else {
            u64::from(self.tags[x as usize])
        }
    }
}

/// A parser configuration with the child bookkeeping that features need.
#[derive(Debug, Default, Clone)]
pub(crate) struct State {
    pub stack: Vec<u32>,
    /// The first buffer word; the buffer is `b..=n`.
    pub b: u32,
    pub n: u32,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    /// Leftmost and second leftmost children, rightmost and second rightmost.
    left1: Vec<u32>,
    left2: Vec<u32>,
    right1: Vec<u32>,
    right2: Vec<u32>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
    /// Sets of the labels of left and right children (bit `label % 64`).
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    pub fn reset(&mut self, n: usize) {
        let size = n + 1;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        self.n = n as u32;
        for v in
            [&mut self.heads, &mut self.left1, &mut self.left2, &mut self.right1, &mut self.right2]
        {
            v.clear();
            v.resize(size, NONE);
        }
        self.labels.clear();
        self.labels.resize(size, NO_LABEL);
        for v in [&mut self.left_count, &mut self.right_count] {
            v.clear();
            v.resize(size, 0);
        }
        for v in [&mut self.left_labels, &mut self.right_labels] {
            v.clear();
            v.resize(size, 0);
        }
    }

    pub fn is_terminal(&self) -> bool {
        self.b > self.n && self.stack.len() <= 1
    }

    #[inline]
    fn s(&self, k: usize) -> u32 {
        if self.stack.len() > k {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    #[inline]
    fn buf(&self, k: u32) -> u32 {
        if self.b + k <= self.n {
            self.b + k
        } else {
            NONE
        }
    }

    pub fn legal(&self) -> [bool; N_MOVES] {
        let buffer = self.b <= self.n;
        let depth = self.stack.len();
        [buffer, depth >= 2 && buffer, depth >= 3 || (depth == 2 && !buffer)]
    }

    /// The (head, dependent) pair an arc move would create.
    pub fn arc(&self, mv: usize) -> (u32, u32) {
        let s0 = self.s(0);
        if mv == LEFT {
            (self.b, s0)
        } else {
            (self.s(1), s0)
        }
    }

    pub fn apply(&mut self, mv: usize, label: u8) {
        if mv == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let (head, dep) = self.arc(mv);
        self.stack.pop();
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label;
        let bit = 1u64 << (label % 64);
        if dep < head {
            // Later left children of a head are further left.
            self.left2[h] = self.left1[h];
            self.left1[h] = dep;
            self.left_count[h] = self.left_count[h].saturating_add(1);
            self.left_labels[h] |= bit;
        } else {
            // Later right children of a head are further right.
            self.right2[h] = self.right1[h];
            self.right1[h] = dep;
            self.right_count[h] = self.right_count[h].saturating_add(1);
            self.right_labels[h] |= bit;
        }
    }

    #[inline]
    fn get(v: &[u32], x: u32) -> u32 {
        if x == NONE {
            NONE
        } else {
            v[x as usize]
        }
    }

    #[inline]
    fn label(&self, x: u32) -> u64 {
        if x == NONE {
            u64::from(NO_LABEL)
        } else {
            u64::from(self.labels[x as usize])
        }
    }
}

#[inline]
fn distance(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// A word and its tag as one atom.
#[inline]
fn word_tag(w: u64, p: u64) -> u64 {
    feat1(0, w ^ (p << 56))
}

/// The stack positions whose templates look at one word alone (s0, s1, s2).
pub(crate) const STACK_ROLES: usize = 3;

/// Appends the transition templates over the word and tag of stack position `role` (0 for
/// s0) alone, `x` being the word there: they are the same whenever `x` is there again, so at
/// run time they are scored once a sentence (see `TokenSums`).
fn stack_features(cx: &Context, x: u32, role: usize, out: &mut Vec<u64>) {
    let (w, p) = (cx.w(x), cx.p(x));
    match role {
        0 => out.extend_from_slice(&[feat1(2, w), feat1(3, p), feat1(4, word_tag(w, p))]),
        1 => out.extend_from_slice(&[feat1(5, w), feat1(6, p), feat2(7, w, p)]),
        _ => out.push(feat1(16, p)),
    }
}

/// Appends the transition templates over the first three buffer words alone, which follow
/// from the first one, `b` (the buffer is `b..=n`): scored once a sentence at run time.
fn buffer_features(cx: &Context, b: u32, out: &mut Vec<u64>) {
    let n = cx.n() as u32;
    let at = |k: u32| if b + k <= n { b + k } else { NONE };
    let (b0, b1, b2) = (at(0), at(1), at(2));
    let (b0w, b0p, b1w, b1p, b2w, b2p) =
        (cx.w(b0), cx.p(b0), cx.w(b1), cx.p(b1), cx.w(b2), cx.p(b2));
    out.extend_from_slice(&[
        feat1(8, b0w),
        feat1(9, b0p),
        feat1(10, word_tag(b0w, b0p)),
        feat1(11, b1w),
        feat1(12, b1p),
        feat2(13, b1w, b1p),
        feat1(14, b2w),
        feat1(15, b2p),
        feat2(24, b0p, b1p),
        feat3(31, b0p, b1p, b2p),
    ]);
}

/// Transition features (after Zhang & Nivre 2011, adapted to arc-hybrid). Their order does
/// not matter: scores are sums.
pub(crate) fn move_features(cx: &Context, st: &State, out: &mut Vec<u64>) {
    out.clear();
    for role in 0..STACK_ROLES {
        stack_features(cx, st.s(role), role, out);
    }
    buffer_features(cx, st.b, out);
    config_features(cx, st, out);
}

/// Appends the transition features other than those of `stack_features` and
/// `buffer_features`: those that combine positions, or look at children, valency or distance.
fn config_features(cx: &Context, st: &State, out: &mut Vec<u64>) {
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1) = (st.buf(0), st.buf(1));
    let (s0w, s0p, s1w, s1p, s2p) = (cx.w(s0), cx.p(s0), cx.w(s1), cx.p(s1), cx.p(s2));
    let (b0w, b0p, b1p) = (cx.w(b0), cx.p(b0), cx.p(b1));
    let s0wp = word_tag(s0w, s0p);
    let b0wp = word_tag(b0w, b0p);
    let s0l = State::get(&st.left1, s0);
    let s0r = State::get(&st.right1, s0);
    let s0l2 = State::get(&st.left2, s0);
    let s0r2 = State::get(&st.right2, s0);
    let b0l = State::get(&st.left1, b0);
    let b0l2 = State::get(&st.left2, b0);
    let s1l = State::get(&st.left1, s1);
    let s1r = State::get(&st.right1, s1);
    let (s0lp, s0rp, b0lp, s1rp) = (cx.p(s0l), cx.p(s0r), cx.p(b0l), cx.p(s1r));
    let d = distance(s0, b0);
    let d1 = distance(s1, s0);
    let count = |v: &[u8], x: u32| if x == NONE { 0 } else { u64::from(v[x as usize]) };
    let set = |v: &[u64], x: u32| if x == NONE { 0 } else { v[x as usize] };
    let (s0vl, s0vr, b0vl) =
        (count(&st.left_count, s0), count(&st.right_count, s0), count(&st.left_count, b0));
    out.extend_from_slice(&[
        feat1(1, 0),
        // Pairs.
        feat2(17, s0wp, b0wp),
        feat2(18, s0wp, b0w),
        feat2(19, s0w, b0wp),
        feat2(20, s0wp, b0p),
        feat2(21, s0p, b0wp),
        feat2(22, s0w, b0w),
        feat2(23, s0p, b0p),
        feat2(25, s1p, s0p),
        feat2(26, s1w, s0w),
        feat2(27, s1p, s0wp),
        feat2(28, s1w, s0p),
        feat2(29, s1p, b0p),
        feat2(30, s1w, b0w),
        // Triples of tags.
        feat3(32, s0p, b0p, b1p),
        feat3(33, s1p, s0p, b0p),
        feat3(34, s0p, s0lp, b0p),
        feat3(35, s0p, s0rp, b0p),
        feat3(36, s0p, b0p, b0lp),
        feat3(37, s2p, s1p, s0p),
        feat3(38, s1p, s1rp, s0p),
        feat3(39, s1p, s0p, s0lp),
        feat3(40, s1p, s0p, s0rp),
        feat3(41, s0wp, b0p, b1p),
        // Distance.
        feat2(42, s0w, d),
        feat2(43, s0p, d),
        feat2(44, b0w, d),
        feat2(45, b0p, d),
        feat3(46, s0w, b0w, d),
        feat3(47, s0p, b0p, d),
        feat3(48, s1p, s0p, d1),
        feat3(49, s1w, s0w, d1),
        feat2(50, s0w, s0vr),
        // Valency.
        feat2(51, s0p, s0vr),
        feat2(52, s0w, s0vl),
        feat2(53, s0p, s0vl),
        feat2(54, b0w, b0vl),
        feat2(55, b0p, b0vl),
        // Children.
        feat1(56, cx.w(s0l)),
        feat1(57, s0lp),
        feat1(58, st.label(s0l)),
        feat1(59, cx.w(s0r)),
        feat1(60, s0rp),
        feat1(61, st.label(s0r)),
        feat1(62, cx.w(b0l)),
        feat1(63, b0lp),
        feat1(64, st.label(b0l)),
        feat1(65, cx.p(s0l2)),
        feat1(66, st.label(s0l2)),
        feat1(67, cx.p(s0r2)),
        feat1(68, st.label(s0r2)),
        feat1(69, cx.p(b0l2)),
        feat1(70, st.label(b0l2)),
        feat3(71, s0p, st.label(s0l), st.label(s0l2)),
        feat3(72, s0p, st.label(s0r), st.label(s0r2)),
        feat3(73, b0p, st.label(b0l), st.label(b0l2)),
        feat3(74, s0p, s0lp, cx.p(s0l2)),
        feat3(75, s0p, s0rp, cx.p(s0r2)),
        feat3(76, b0p, b0lp, cx.p(b0l2)),
        feat2(77, s1p, st.label(s1r)),
        feat2(78, s1p, cx.p(s1l)),
        // Label sets.
        feat2(79, s0wp, set(&st.left_labels, s0)),
        feat2(80, s0wp, set(&st.right_labels, s0)),
        feat2(81, b0wp, set(&st.left_labels, b0)),
        feat3(82, s0p, b0p, set(&st.right_labels, s0)),
        feat3(83, s0p, b0p, set(&st.left_labels, b0)),
    ]);
}

/// Features for labelling the arc `head → dep` (made just before; `head` may be the root).
pub(crate) fn label_features(cx: &Context, st: &State, head: u32, dep: u32, out: &mut Vec<u64>) {
    out.clear();
    let (hw, hp, dw, dp) = (cx.w(head), cx.p(head), cx.w(dep), cx.p(dep));
    let dir = u64::from(dep < head);
    let d = distance(head, dep);
    let dl = State::get(&st.left1, dep);
    let dr = State::get(&st.right1, dep);
    let before = if dep >= 1 { dep - 1 } else { NONE };
    let after = if dep < st.n { dep + 1 } else { NONE };
    let hl = if head == 0 { 0 } else { st.left_labels[head as usize] };
    let hr = if head == 0 { 0 } else { st.right_labels[head as usize] };
    let dlset = st.left_labels[dep as usize];
    let drset = st.right_labels[dep as usize];
    out.extend_from_slice(&[
        feat1(101, dir),
        feat2(102, hw, dir),
        feat2(103, hp, dir),
        feat3(104, hw, hp, dir),
        feat2(105, dw, dir),
        feat2(106, dp, dir),
        feat3(107, dw, dp, dir),
        feat3(108, hp, dp, dir),
        feat3(109, hw, dp, dir),
        feat3(110, hp, dw, dir),
        feat3(111, hw, dw, dir),
        feat3(112, hp, dp, d),
        feat2(113, cx.w(dl), dp),
        feat2(114, cx.p(dl), dp),
        feat2(115, st.label(dl), dp),
        feat2(116, cx.w(dr), dp),
        feat2(117, st.label(dr), dp),
        feat3(118, dp, dlset, dir),
        feat3(119, dp, drset, dir),
        feat3(120, hp, hl, dir),
        feat3(121, hp, hr, dir),
        feat3(122, dp, cx.p(before), cx.p(after)),
        feat3(123, hp, dp, cx.w(dl)),
        feat3(124, hw, dp, cx.w(dl)),
        feat3(125, hp, dp, hl),
        feat3(126, hp, dp, hr),
        feat2(127, cx.w(before), dp),
        feat3(128, dw, dp, cx.w(dl)),
        feat3(129, hp, dp, st.label(dl)),
        feat3(130, hp, dp, cx.p(dr)),
    ]);
}

/// Scratch buffers reused across sentences.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scratch {
    pub feats: Vec<u64>,
    pub label_scores: Vec<f32>,
    token_sums: TokenSums,
}

/// The transition weights of the templates that look at one position alone
/// (`stack_features`, `buffer_features`), summed once a sentence for every word: a word is
/// s0, s1 or the first buffer word in several configurations. The sums are integers, so
/// adding them to those of the other features gives exactly the scores of all together.
#[derive(Debug, Default, Clone)]
struct TokenSums {
    /// By word (index `x + 1`, 0 for none) and stack role.
    stack: Vec<[[i32; N_MOVES]; STACK_ROLES]>,
    /// By first buffer word (index `b`; 0 unused).
    buffer: Vec<[i32; N_MOVES]>,
}

impl TokenSums {
    fn fill(&mut self, moves: &Weights, cx: &Context, feats: &mut Vec<u64>) {
        let n = cx.n() as u32;
        let words = || std::iter::once(NONE).chain(0..=n);
        feats.clear();
        for x in words() {
            for role in 0..STACK_ROLES {
                stack_features(cx, x, role, feats);
            }
        }
        let stack_end = feats.len();
        for b in 1..=n {
            buffer_features(cx, b, feats);
        }
        // All the buckets are fetched first, so that their cache misses overlap.
        moves.prefetch(feats);
        self.stack.clear();
        let mut rest = &feats[..stack_end];
        for _ in words() {
            let mut sums = [[0; N_MOVES]; STACK_ROLES];
            for (role, sum) in sums.iter_mut().enumerate() {
                let len = if role == 2 { 1 } else { 3 };
                *sum = moves.inline_sums(&rest[..len]);
                rest = &rest[len..];
            }
            self.stack.push(sums);
        }
        self.buffer.clear();
        self.buffer.push([0; N_MOVES]);
        self.buffer
            .extend(feats[stack_end..].chunks(BUFFER_TEMPLATES).map(|f| moves.inline_sums(f)));
    }

    #[inline]
    fn stack(&self, x: u32, role: usize) -> [i32; N_MOVES] {
        self.stack[if x == NONE { 0 } else { x as usize + 1 }][role]
    }
}

/// The templates of `buffer_features`.
const BUFFER_TEMPLATES: usize = 10;

/// The move when exactly one is legal (no need to score: shifts at the start, reductions once
/// the buffer is empty).
pub(crate) fn only_move(legal: &[bool; N_MOVES]) -> Option<usize> {
    match legal {
        [true, false, false] => Some(SHIFT),
        [false, true, false] => Some(LEFT),
        [false, false, true] => Some(RIGHT),
        _ => None,
    }
}

/// Picks the best-scoring legal move.
pub(crate) fn best_legal(scores: &[f32; N_MOVES], legal: &[bool; N_MOVES]) -> usize {
    let mut best = usize::MAX;
    for mv in 0..N_MOVES {
        if legal[mv] && (best == usize::MAX || scores[mv] > scores[best]) {
            best = mv;
        }
    }
    best
}

/// Picks the best label for `head → dep`: the root label for the root, never elsewhere.
pub(crate) fn choose_label<S: Scorer>(
    labels: &S,
    root_label: u8,
    cx: &Context,
    st: &State,
    head: u32,
    dep: u32,
    scratch: &mut Scratch,
) -> u8 {
    if head == 0 {
        return root_label;
    }
    label_features(cx, st, head, dep, &mut scratch.feats);
    labels.score(&scratch.feats, &mut scratch.label_scores);
    let mut best = usize::MAX;
    for (l, &s) in scratch.label_scores.iter().enumerate() {
        if l != usize::from(root_label) && (best == usize::MAX || s > scratch.label_scores[best]) {
            best = l;
        }
    }
    best as u8
}

/// Greedy parse of the sentence in `cx` into `st` (heads and labels).
pub(crate) fn parse_with<L: Scorer>(
    moves: &Weights,
    labels: &L,
    n_labels: usize,
    root_label: u8,
    cx: &Context,
    st: &mut State,
    scratch: &mut Scratch,
) {
    st.reset(cx.n());
    scratch.label_scores.resize(n_labels, 0.0);
    scratch.token_sums.fill(moves, cx, &mut scratch.feats);
    let mut scores = [0f32; N_MOVES];
    while !st.is_terminal() {
        let legal = st.legal();
        let mv = if let Some(only) = only_move(&legal) {
            only
        } else {
            scratch.feats.clear();
            config_features(cx, st, &mut scratch.feats);
            let mut sums = moves.inline_sums(&scratch.feats);
            let sums_of = &scratch.token_sums;
            let cached = [
                sums_of.stack(st.s(0), 0),
                sums_of.stack(st.s(1), 1),
                sums_of.stack(st.s(2), 2),
                sums_of.buffer[st.b as usize],
            ];
            for part in cached {
                for (sum, value) in sums.iter_mut().zip(part) {
                    *sum += value;
                }
            }
            for (score, sum) in scores.iter_mut().zip(sums) {
                *score = sum as f32 * moves.scale();
            }
            best_legal(&scores, &legal)
        };
        let label = if mv == SHIFT {
            NO_LABEL
        } else {
            let (head, dep) = st.arc(mv);
            choose_label(labels, root_label, cx, st, head, dep, scratch)
        };
        st.apply(mv, label);
    }
}
