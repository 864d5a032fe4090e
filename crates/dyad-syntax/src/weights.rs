//! Averaged-perceptron weights: a growable training form and a compact quantised form.
//!
//! Both are sparse: a feature key maps to a short list of (class, weight) pairs, since most
//! features are seen with few classes. The compact form is an open-addressing table of keys with
//! i16 weights and one scale per table; it is what the model file stores and what parses.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{ModelError, Reader};

/// Keys are already well-mixed hashes, so the map hashes them by identity.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = crate::hash::mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// Anything that scores feature lists over classes.
pub(crate) trait Scorer {
    /// Sets `scores[c]` to the sum of the weights of `feats` for class `c`.
    fn score(&self, feats: &[u64], scores: &mut [f32]);
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u16,
    weight: f32,
    /// Sum over updates of (time × delta), for the averaged weight `weight - sum/time`.
    timed_sum: f64,
}

/// Training weights: current values plus what averaging needs.
pub(crate) struct TrainWeights {
    index: KeyMap<u32>,
    rows: Vec<Vec<Entry>>,
    /// Updates per row: a feature updated once or twice is mostly noise.
    updates: Vec<u32>,
}

impl TrainWeights {
    pub fn new() -> TrainWeights {
        TrainWeights { index: KeyMap::default(), rows: Vec::new(), updates: Vec::new() }
    }

    fn bump(row: &mut Vec<Entry>, class: usize, delta: f32, time: u64) {
        let class = class as u16;
        let timed = time as f64 * f64::from(delta);
        match row.iter_mut().find(|e| e.class == class) {
            Some(e) => {
                e.weight += delta;
                e.timed_sum += timed;
            }
            None => row.push(Entry { class, weight: delta, timed_sum: timed }),
        }
    }

    /// The perceptron update: `truth` up, `guess` down, for every feature.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize, time: u64) {
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::new());
                self.updates.push(0);
            }
            self.updates[r as usize] += 1;
            let row = &mut self.rows[r as usize];
            Self::bump(row, truth, 1.0, time);
            Self::bump(row, guess, -1.0, time);
        }
    }

    /// The averaged weights at `time` (the number of instances seen, from 1) of the features
    /// updated at least `min_updates` times.
    pub fn averaged(&self, time: u64, min_updates: u32) -> Vec<(u64, Vec<(u16, f32)>)> {
        let t = time.max(1) as f64;
        let mut out: Vec<(u64, Vec<(u16, f32)>)> = self
            .index
            .iter()
            .filter(|(_, &r)| self.updates[r as usize] >= min_updates)
            .map(|(&key, &r)| {
                let row = self.rows[r as usize]
                    .iter()
                    .map(|e| (e.class, (f64::from(e.weight) - e.timed_sum / t) as f32))
                    .collect();
                (key, row)
            })
            .collect();
        out.sort_unstable_by_key(|(k, _)| *k);
        out
    }
}

impl Scorer for TrainWeights {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// 0 marks an empty slot (feature keys are never 0).
    key: u64,
    start: u32,
    len: u32,
}

/// A slot with its weights inline, for tables of at most `N` classes (transitions: 4, tags:
/// 20): one memory access per feature instead of two.
#[derive(Debug, Clone, Copy)]
struct DenseSlot<const N: usize> {
    key: u64,
    values: [i16; N],
}

impl<const N: usize> Default for DenseSlot<N> {
    fn default() -> Self {
        DenseSlot { key: 0, values: [0; N] }
    }
}

fn dense_table<const N: usize>(
    size: usize,
    shift: u32,
    features: &[(u64, u32, u32)],
    classes: &[u8],
    values: &[i16],
) -> Vec<DenseSlot<N>> {
    let mask = size - 1;
    let mut slots = vec![DenseSlot::<N>::default(); size];
    for &(key, start, len) in features {
        let mut i = (key >> shift) as usize;
        while slots[i].key != 0 {
            i = (i + 1) & mask;
        }
        let mut row = [0i16; N];
        for k in start as usize..(start + len) as usize {
            row[usize::from(classes[k])] = values[k];
        }
        slots[i] = DenseSlot { key, values: row };
    }
    slots
}

fn dense_rows<const N: usize>(
    slots: &[DenseSlot<N>],
    n_classes: usize,
) -> Vec<(u64, Vec<(u8, i16)>)> {
    slots
        .iter()
        .filter(|s| s.key != 0)
        .map(|s| {
            let row = (0..n_classes)
                .filter(|&c| s.values[c] != 0)
                .map(|c| (c as u8, s.values[c]))
                .collect();
            (s.key, row)
        })
        .collect()
}

/// Features probed per round: the first probe of every feature in a round is issued without
/// a data-dependent branch, so that their cache misses overlap.
const ROUND: usize = 128;

#[inline]
fn dense_score<const N: usize>(
    slots: &[DenseSlot<N>],
    shift: u32,
    mask: usize,
    scale: f32,
    feats: &[u64],
    scores: &mut [f32],
) {
    let mut sums = [0i32; N];
    let mut add = |slot: &DenseSlot<N>, f: u64| {
        let m = -i32::from(slot.key == f);
        for (sum, &v) in sums.iter_mut().zip(&slot.values) {
            *sum += i32::from(v) & m;
        }
    };
    let mut further = [0u64; ROUND];
    for round in feats.chunks(ROUND) {
        // First probes, branch-free; keys that were neither found nor ruled out (the slot
        // held another key) are noted for a second, rarer, loop.
        let mut n_further = 0;
        for &f in round {
            let slot = &slots[(f >> shift) as usize];
            add(slot, f);
            further[n_further] = f;
            n_further += usize::from(slot.key != f && slot.key != 0);
        }
        for &f in &further[..n_further] {
            let mut i = ((f >> shift) as usize + 1) & mask;
            loop {
                let slot = &slots[i];
                if slot.key == f {
                    add(slot, f);
                    break;
                }
                if slot.key == 0 {
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }
    for (s, sum) in scores.iter_mut().zip(sums) {
        *s = sum as f32 * scale;
    }
}

#[derive(Debug, Clone)]
enum Layout {
    /// (class, value) pairs side by side: one access per feature found, after its slot.
    Sparse {
        slots: Vec<Slot>,
        entries: Vec<(u8, i16)>,
    },
    Dense4(Vec<DenseSlot<4>>),
    Dense20(Vec<DenseSlot<20>>),
}

/// Compact weights: quantised, pruned, in an open-addressing table (linear probing).
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    n_classes: usize,
    scale: f32,
    mask: usize,
    /// Slots are found from the high bits of a key: `key >> shift`.
    shift: u32,
    n_features: usize,
    layout: Layout,
}

impl Weights {
    /// Quantises averaged weights, dropping those smaller than `prune` in absolute value.
    pub fn from_averaged(
        n_classes: usize,
        averaged: &[(u64, Vec<(u16, f32)>)],
        prune: f32,
    ) -> Weights {
        let max = averaged
            .iter()
            .flat_map(|(_, row)| row.iter().map(|(_, w)| w.abs()))
            .fold(0.0f32, f32::max);
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut features = Vec::new();
        let mut classes = Vec::new();
        let mut values = Vec::new();
        for (key, row) in averaged {
            let start = classes.len();
            for &(class, w) in row {
                let q = (w / scale).round();
                if w.abs() >= prune && q != 0.0 {
                    classes.push(class as u8);
                    values.push(q.clamp(-32767.0, 32767.0) as i16);
                }
            }
            if classes.len() > start {
                features.push((*key, start as u32, (classes.len() - start) as u32));
            }
        }
        Self::assemble(n_classes, scale, &features, classes, values)
    }

    fn assemble(
        n_classes: usize,
        scale: f32,
        features: &[(u64, u32, u32)],
        classes: Vec<u8>,
        values: Vec<i16>,
    ) -> Weights {
        // A load factor between 1/4 and 1/2 keeps probe sequences short (see `score`).
        let size = (features.len() * 2 + 1).next_power_of_two().max(16);
        let mask = size - 1;
        let shift = 64 - size.trailing_zeros();
        let layout = if n_classes <= 4 {
            Layout::Dense4(dense_table(size, shift, features, &classes, &values))
        } else if n_classes <= 20 {
            Layout::Dense20(dense_table(size, shift, features, &classes, &values))
        } else {
            let mut slots = vec![Slot::default(); size];
            for &(key, start, len) in features {
                let mut i = (key >> shift) as usize;
                while slots[i].key != 0 {
                    i = (i + 1) & mask;
                }
                slots[i] = Slot { key, start, len };
            }
            Layout::Sparse { slots, entries: classes.into_iter().zip(values).collect() }
        };
        Weights { n_classes, scale, mask, shift, n_features: features.len(), layout }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Every feature with its non-zero (class, value) pairs, in key order.
    fn rows(&self) -> Vec<(u64, Vec<(u8, i16)>)> {
        let mut rows: Vec<(u64, Vec<(u8, i16)>)> = match &self.layout {
            Layout::Dense4(slots) => dense_rows(slots, self.n_classes),
            Layout::Dense20(slots) => dense_rows(slots, self.n_classes),
            Layout::Sparse { slots, entries } => slots
                .iter()
                .filter(|s| s.key != 0)
                .map(|s| (s.key, entries[s.start as usize..(s.start + s.len) as usize].to_vec()))
                .collect(),
        };
        rows.sort_unstable_by_key(|(k, _)| *k);
        rows
    }

    /// Appends the binary form: class count, scale, feature count, then each feature as key,
    /// entry count, and (class, value) pairs, in key order.
    pub fn write(&self, out: &mut Vec<u8>) {
        let rows = self.rows();
        out.extend_from_slice(&(self.n_classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (key, row) in rows {
            out.extend_from_slice(&key.to_le_bytes());
            out.push(row.len() as u8);
            for (class, value) in row {
                out.push(class);
                out.extend_from_slice(&value.to_le_bytes());
            }
        }
    }

    pub fn read(reader: &mut Reader<'_>) -> Result<Weights, ModelError> {
        let n_classes = reader.u32()? as usize;
        if n_classes == 0 || n_classes > 255 {
            return Err(reader.error("bad class count"));
        }
        let scale = reader.f32()?;
        if !scale.is_finite() {
            return Err(reader.error("bad scale"));
        }
        let n = reader.u32()? as usize;
        let mut features = Vec::with_capacity(n.min(1 << 24));
        let mut classes = Vec::new();
        let mut values = Vec::new();
        let mut last_key = 0;
        for _ in 0..n {
            let key = reader.u64()?;
            if key <= last_key {
                return Err(reader.error("feature keys out of order"));
            }
            last_key = key;
            let len = usize::from(reader.u8()?);
            let start = classes.len() as u32;
            for _ in 0..len {
                let class = reader.u8()?;
                if usize::from(class) >= n_classes {
                    return Err(reader.error("class out of range"));
                }
                classes.push(class);
                values.push(reader.i16()?);
            }
            features.push((key, start, len as u32));
        }
        Ok(Self::assemble(n_classes, scale, &features, classes, values))
    }
}

impl Scorer for Weights {
    #[inline]
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        match &self.layout {
            Layout::Dense4(slots) => {
                dense_score(slots, self.shift, self.mask, self.scale, feats, scores)
            }
            Layout::Dense20(slots) => {
                dense_score(slots, self.shift, self.mask, self.scale, feats, scores)
            }
            Layout::Sparse { slots, entries } => {
                // As in `dense_score`: first find every feature's slot without branching on
                // the result, then read the entries of those found.
                let mut found = [(0u32, 0u32); ROUND];
                for round in feats.chunks(ROUND) {
                    let mut n_found = 0;
                    for &f in round {
                        let mut i = (f >> self.shift) as usize;
                        let mut slot = slots[i];
                        while slot.key != f && slot.key != 0 {
                            i = (i + 1) & self.mask;
                            slot = slots[i];
                        }
                        found[n_found] = (slot.start, slot.len);
                        n_found += usize::from(slot.key == f);
                    }
                    for &(start, len) in &found[..n_found] {
                        for &(c, v) in &entries[start as usize..(start + len) as usize] {
                            scores[usize::from(c)] += f32::from(v);
                        }
                    }
                }
                // The scale is common to all classes; it keeps scores comparable with the
                // training weights.
                for s in scores.iter_mut() {
                    *s *= self.scale;
                }
            }
        }
    }
}
