//! Averaged-perceptron weights: a growable training form and a compact quantised form.
//!
//! Both are sparse: a feature key maps to a short list of (class, weight) pairs, since most
//! features are seen with few classes. The compact form (`Weights`) holds i16 weights with one
//! scale per table in a hash table of 64-byte buckets of 16-bit key fingerprints; it is what
//! the model file stores (with the full keys) and what parses.

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

    /// Brings the memory that scoring `feats` will read into cache, where that matters.
    fn prefetch(&self, _feats: &[u64]) {}
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

/// The bucket of a key: its high 32 bits scaled to the bucket count (multiply-shift), so any
/// count works and the low bits are left for the fingerprint.
#[inline]
fn bucket_of(key: u64, n_buckets: usize) -> usize {
    (((key >> 32) * n_buckets as u64) >> 32) as usize
}

/// A key's 16-bit fingerprint, never 0 (0 marks an empty slot). The tables keep fingerprints,
/// not keys, and short ones, so that more features share a cache line: an absent feature
/// matches one of the few features of its bucket with probability about 2^-16 each (a few
/// look-ups in ten thousand add a stray weight), and two features of one bucket share a
/// fingerprint with that probability a pair (the later one is then never found: 10 of the
/// 412,339 transition features of the shipped model).
#[inline]
fn fingerprint(key: u64) -> u16 {
    ((key ^ (key >> 32)) as u16).max(1)
}

/// A bucket of a table: fingerprints and what goes with each, in one 64-byte cache line. A
/// feature goes into the first bucket with a free slot from its own on, so a look-up that
/// misses a full bucket goes on to the next (see `find`).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Bucket<V, const SLOTS: usize> {
    /// Filled from the front; 0 marks an empty slot.
    fps: [u16; SLOTS],
    values: [V; SLOTS],
}

impl<V: Copy + Default, const SLOTS: usize> Default for Bucket<V, SLOTS> {
    fn default() -> Self {
        Bucket { fps: [0; SLOTS], values: [V::default(); SLOTS] }
    }
}

impl<V, const SLOTS: usize> Bucket<V, SLOTS> {
    fn is_full(&self) -> bool {
        self.fps[SLOTS - 1] != 0
    }
}

/// Slots per bucket of the transition table.
const INLINE_SLOTS: usize = 8;
/// Most classes whose weights fit in a transition bucket's slots.
const INLINE_CLASSES: usize = 3;

/// Eight features with their (at most three) weights: a look-up reads one line, found or not.
type InlineBucket = Bucket<[i16; INLINE_CLASSES], INLINE_SLOTS>;

/// Slots per bucket of the tables whose weights are kept outside the buckets.
const INDEX_SLOTS: usize = 10;

/// Ten features with where their weights are. Dense rows: the row number. Sparse rows: the
/// first entry << 8 | the entry count.
type IndexBucket = Bucket<u32, INDEX_SLOTS>;

// A bucket is one cache line.
const _: () = assert!(std::mem::size_of::<InlineBucket>() == 64);
const _: () = assert!(std::mem::size_of::<IndexBucket>() == 64);

/// Places `keys` in buckets (at most `load` of the slots used), calling `fill(bucket, slot,
/// key number)` for each; returns the buckets with their fingerprints set.
fn place<V: Copy + Default, const SLOTS: usize>(
    keys: impl ExactSizeIterator<Item = u64>,
    load: f64,
    mut fill: impl FnMut(&mut Bucket<V, SLOTS>, usize, usize),
) -> Vec<Bucket<V, SLOTS>> {
    let n_buckets = ((keys.len() as f64 / (SLOTS as f64 * load)).ceil() as usize).max(1);
    let mut buckets = vec![Bucket::default(); n_buckets];
    for (k, key) in keys.enumerate() {
        let mut b = bucket_of(key, n_buckets);
        while buckets[b].is_full() {
            b = (b + 1) % n_buckets;
        }
        let s = buckets[b].fps.iter().position(|&fp| fp == 0).unwrap_or(0);
        buckets[b].fps[s] = fingerprint(key);
        fill(&mut buckets[b], s, k);
    }
    buckets
}

/// The slot number (bucket × `slots` + slot) that `place` gives each of `keys`, in order,
/// replayed from the keys alone: slots fill from the front, so a bucket's next slot is its
/// count so far.
fn placed_slots(keys: &[u64], n_buckets: usize, slots: usize) -> Vec<usize> {
    let mut used = vec![0usize; n_buckets];
    keys.iter()
        .map(|&key| {
            let mut b = bucket_of(key, n_buckets);
            while used[b] == slots {
                b = (b + 1) % n_buckets;
            }
            used[b] += 1;
            b * slots + used[b] - 1
        })
        .collect()
}

/// Features probed per round: the first bucket of every feature in a round is read without a
/// data-dependent branch, so that their cache misses overlap.
const ROUND: usize = 128;

/// Reads each feature's bucket once, in a loop so short that the processor keeps dozens of
/// these cache misses in flight. (The sum only keeps the reads from being optimised away.)
#[inline]
fn touch<V, const SLOTS: usize>(buckets: &[Bucket<V, SLOTS>], feats: &[u64]) {
    let mut touched = 0u32;
    for &f in feats {
        touched = touched.wrapping_add(u32::from(buckets[bucket_of(f, buckets.len())].fps[0]));
    }
    std::hint::black_box(touched);
}

/// The slots of `bucket` whose fingerprint is `fp`, as bits (bit `s` for slot `s`).
#[inline]
fn matches<V, const SLOTS: usize>(bucket: &Bucket<V, SLOTS>, fp: u16) -> u32 {
    let mut matches = 0u32;
    for (s, &slot_fp) in bucket.fps.iter().enumerate() {
        matches |= u32::from(slot_fp == fp) << s;
    }
    matches
}

/// The slot number (bucket × slots per bucket + slot) of a key whose own bucket is full and
/// does not hold it: it may be in one of the next buckets, up to the first that is not full.
/// Rare (a few per cent of the look-ups), so it is out of the main loop.
#[cold]
#[inline(never)]
fn find_further<V, const SLOTS: usize>(buckets: &[Bucket<V, SLOTS>], key: u64) -> Option<usize> {
    let (n, fp) = (buckets.len(), fingerprint(key));
    let mut b = bucket_of(key, n);
    loop {
        b = if b + 1 == n { 0 } else { b + 1 };
        let bucket = &buckets[b];
        let m = matches(bucket, fp);
        if m != 0 {
            return Some(b * SLOTS + m.trailing_zeros() as usize);
        }
        if !bucket.is_full() {
            return None;
        }
    }
}

/// Finds the features of `round` (at most `ROUND`) in `buckets`, writing the slot numbers
/// (bucket × slots per bucket + slot) of those present to `found`; returns how many.
#[inline]
fn find<V, const SLOTS: usize>(
    buckets: &[Bucket<V, SLOTS>],
    round: &[u64],
    found: &mut [u32; ROUND + 1],
) -> usize {
    let n = buckets.len();
    // The loop below then finds the buckets in cache.
    touch(buckets, round);
    // Whether a feature is present is unpredictable, so a slot number is always written and
    // the count moves on only for a match: at most one per feature (the first slot where two
    // features of a bucket share a fingerprint), so at most `ROUND`.
    let mut n_found = 0;
    for &f in round {
        let b = bucket_of(f, n);
        let bucket = &buckets[b];
        let m = matches(bucket, fingerprint(f));
        found[n_found] = (b * SLOTS) as u32 + m.trailing_zeros().min(SLOTS as u32 - 1);
        n_found += usize::from(m != 0);
        // Keys neither found nor ruled out (their bucket is full) go on to the next buckets.
        if m == 0 && bucket.is_full() {
            if let Some(slot) = find_further(buckets, f) {
                found[n_found] = slot as u32;
                n_found += 1;
            }
        }
    }
    n_found
}

/// The sums of the inline weights of `feats` (the transition table): every feature's bucket
/// is read first, then each feature's weights are added, times 0 where it is absent, so that
/// nothing branches on whether a feature is present (unpredictable) and no slot list is kept.
#[inline]
fn sum_inline(buckets: &[InlineBucket], feats: &[u64]) -> [i32; INLINE_CLASSES] {
    let n = buckets.len();
    let mut sums = [0i32; INLINE_CLASSES];
    for round in feats.chunks(ROUND) {
        touch(buckets, round);
        for &f in round {
            let b = bucket_of(f, n);
            let bucket = &buckets[b];
            let m = matches(bucket, fingerprint(f));
            let present = -i32::from(m != 0);
            let row = &bucket.values[(m.trailing_zeros() as usize).min(INLINE_SLOTS - 1)];
            for (sum, &v) in sums.iter_mut().zip(row) {
                *sum += i32::from(v) & present;
            }
            if m == 0 && bucket.is_full() {
                if let Some(slot) = find_further(buckets, f) {
                    let row = &buckets[slot / INLINE_SLOTS].values[slot % INLINE_SLOTS];
                    for (sum, &v) in sums.iter_mut().zip(row) {
                        *sum += i32::from(v);
                    }
                }
            }
        }
    }
    sums
}

#[derive(Debug, Clone)]
enum Layout {
    /// At most three classes: weights in the buckets.
    Inline(Vec<InlineBucket>),
    /// Up to `DENSE_CLASSES` classes: a row of `n_classes` weights per feature.
    Dense { buckets: Vec<IndexBucket>, values: Vec<i16> },
    /// More classes: each feature's non-zero (class, value) pairs.
    Sparse { buckets: Vec<IndexBucket>, entries: Vec<(u8, i16)> },
}

/// Most classes stored as dense rows (the tagger's).
const DENSE_CLASSES: usize = 32;
/// The share of slots used: low enough that few buckets are full.
const LOAD: f64 = 0.5;

/// Compact weights: quantised, pruned, in a bucketed hash table of fingerprints.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    n_classes: usize,
    scale: f32,
    n_features: usize,
    layout: Layout,
    /// The full key of every feature, in the order they were placed, for writing the model:
    /// the buckets only keep fingerprints, and the slots are found again by replaying the
    /// placement (`placed_slots`). Never read while scoring.
    keys: Vec<u64>,
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

    /// Builds the table of `features` (key, first entry, entry count) over the entries'
    /// `classes` and `values`.
    fn assemble(
        n_classes: usize,
        scale: f32,
        features: &[(u64, u32, u32)],
        classes: Vec<u8>,
        values: Vec<i16>,
    ) -> Weights {
        let keys = features.iter().map(|f| f.0);
        let entries = |k: usize| {
            let (_, start, len) = features[k];
            (start as usize..(start + len) as usize).map(|e| (classes[e], values[e]))
        };
        let layout = if n_classes <= INLINE_CLASSES {
            let buckets = place(keys, LOAD, |b: &mut InlineBucket, s, k| {
                for (class, value) in entries(k) {
                    b.values[s][usize::from(class)] = value;
                }
            });
            Layout::Inline(buckets)
        } else if n_classes <= DENSE_CLASSES {
            let mut dense = vec![0i16; features.len() * n_classes];
            let buckets = place(keys, LOAD, |b: &mut IndexBucket, s, k| {
                b.values[s] = k as u32;
                for (class, value) in entries(k) {
                    dense[k * n_classes + usize::from(class)] = value;
                }
            });
            Layout::Dense { buckets, values: dense }
        } else {
            let buckets = place(keys, LOAD, |b: &mut IndexBucket, s, k| {
                let (_, start, len) = features[k];
                b.values[s] = start << 8 | len;
            });
            let entries = classes.into_iter().zip(values).collect();
            Layout::Sparse { buckets, entries }
        };
        let keys = features.iter().map(|f| f.0).collect();
        Weights { n_classes, scale, n_features: features.len(), layout, keys }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The quantisation step: scores are integer sums of weights times this.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The integer sums of the weights of `feats`, by class, in a table of at most three
    /// classes (the transition table; `Model::from_bytes` checks that it has three). Adding
    /// the sums of two lists and multiplying by `scale` gives exactly the scores of both.
    #[inline]
    pub fn inline_sums(&self, feats: &[u64]) -> [i32; INLINE_CLASSES] {
        match &self.layout {
            Layout::Inline(buckets) => sum_inline(buckets, feats),
            Layout::Dense { .. } | Layout::Sparse { .. } => {
                debug_assert!(false, "inline sums of a table of {} classes", self.n_classes);
                [0; INLINE_CLASSES]
            }
        }
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Every feature with its non-zero (class, value) pairs, in key order.
    fn rows(&self) -> Vec<(u64, Vec<(u8, i16)>)> {
        let n = self.n_classes;
        let nonzero = |row: &[i16]| -> Vec<(u8, i16)> {
            (0..n).filter(|&c| row[c] != 0).map(|c| (c as u8, row[c])).collect()
        };
        let slots = match &self.layout {
            Layout::Inline(buckets) => placed_slots(&self.keys, buckets.len(), INLINE_SLOTS),
            Layout::Dense { buckets, .. } | Layout::Sparse { buckets, .. } => {
                placed_slots(&self.keys, buckets.len(), INDEX_SLOTS)
            }
        };
        let mut rows: Vec<(u64, Vec<(u8, i16)>)> = Vec::with_capacity(self.n_features);
        for (&key, slot) in self.keys.iter().zip(slots) {
            let row = match &self.layout {
                Layout::Inline(buckets) => {
                    nonzero(&buckets[slot / INLINE_SLOTS].values[slot % INLINE_SLOTS])
                }
                Layout::Dense { buckets, values } => {
                    let r = buckets[slot / INDEX_SLOTS].values[slot % INDEX_SLOTS] as usize;
                    nonzero(&values[r * n..(r + 1) * n])
                }
                Layout::Sparse { buckets, entries } => {
                    let r = buckets[slot / INDEX_SLOTS].values[slot % INDEX_SLOTS] as usize;
                    entries[r >> 8..(r >> 8) + (r & 0xff)].to_vec()
                }
            };
            rows.push((key, row));
        }
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
            // Each entry is a class byte and an i16, read a feature at a time.
            for entry in reader.take(3 * len)?.chunks_exact(3) {
                if usize::from(entry[0]) >= n_classes {
                    return Err(reader.error("class out of range"));
                }
                classes.push(entry[0]);
                values.push(i16::from_le_bytes([entry[1], entry[2]]));
            }
            features.push((key, start, len as u32));
        }
        Ok(Self::assemble(n_classes, scale, &features, classes, values))
    }
}

impl Scorer for Weights {
    fn prefetch(&self, feats: &[u64]) {
        match &self.layout {
            Layout::Inline(buckets) => touch(buckets, feats),
            Layout::Dense { buckets, .. } | Layout::Sparse { buckets, .. } => touch(buckets, feats),
        }
    }

    #[inline]
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let n = self.n_classes;
        match &self.layout {
            Layout::Inline(buckets) => {
                for (s, sum) in scores.iter_mut().zip(sum_inline(buckets, feats)) {
                    *s = sum as f32 * self.scale;
                }
            }
            Layout::Dense { buckets, values } => {
                let mut found = [0u32; ROUND + 1];
                let mut sums = [0i32; DENSE_CLASSES];
                for round in feats.chunks(ROUND) {
                    let n_found = find(buckets, round, &mut found);
                    for &slot in &found[..n_found] {
                        let slot = slot as usize;
                        let r = buckets[slot / INDEX_SLOTS].values[slot % INDEX_SLOTS] as usize;
                        for (sum, &v) in sums.iter_mut().zip(&values[r * n..(r + 1) * n]) {
                            *sum += i32::from(v);
                        }
                    }
                }
                for (s, &sum) in scores.iter_mut().zip(&sums[..n]) {
                    *s = sum as f32 * self.scale;
                }
            }
            Layout::Sparse { buckets, entries } => {
                let mut found = [0u32; ROUND + 1];
                scores.fill(0.0);
                for round in feats.chunks(ROUND) {
                    let n_found = find(buckets, round, &mut found);
                    for &slot in &found[..n_found] {
                        let slot = slot as usize;
                        let r = buckets[slot / INDEX_SLOTS].values[slot % INDEX_SLOTS] as usize;
                        for &(c, v) in &entries[r >> 8..(r >> 8) + (r & 0xff)] {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::Rng;

    /// Averaged weights: features with their (class, weight) pairs.
    type Rows = Vec<(u64, Vec<(u16, f32)>)>;

    /// Random features with random weights for `n_classes` classes, and keys never added.
    fn random_table(n_classes: usize, n: usize, seed: u64) -> (Rows, Vec<u64>) {
        let mut rng = Rng(seed);
        let mut rows: Rows = (0..n)
            .map(|_| {
                let key = rng.next() | 1;
                let classes = 1 + (rng.next() % n_classes as u64) as usize;
                let row =
                    (0..classes).map(|c| (c as u16, (rng.unit() * 20.0 - 10.0) as f32)).collect();
                (key, row)
            })
            .collect();
        rows.sort_unstable_by_key(|(k, _)| *k);
        rows.dedup_by_key(|(k, _)| *k);
        let absent = (0..n).map(|_| rng.next() | 1).collect();
        (rows, absent)
    }

    #[test]
    fn every_feature_is_found_with_its_weights_in_every_layout() {
        // 3 classes: weights in the buckets; 17: rows; 51: (class, value) pairs. With buckets
        // half full, some are full, so some features are found in a later bucket.
        for (n_classes, seed) in [(3, 1), (17, 2), (51, 3)] {
            let (rows, absent) = random_table(n_classes, 20_000, seed);
            let weights = Weights::from_averaged(n_classes, &rows, 0.0);
            assert_eq!(weights.n_features(), rows.len());
            let mut scores = vec![0f32; n_classes];
            // All but those that share a 16-bit fingerprint with an earlier feature of their
            // bucket (about one in 40,000).
            let wrong = rows
                .iter()
                .filter(|(key, row)| {
                    weights.score(&[*key], &mut scores);
                    let mut expected = vec![0f32; n_classes];
                    for &(c, w) in row {
                        expected[usize::from(c)] = w;
                    }
                    scores.iter().zip(&expected).any(|(s, e)| (s - e).abs() > weights.scale())
                })
                .count();
            assert!(wrong <= 2, "{n_classes} classes: {wrong} of {} features wrong", rows.len());
            // Absent keys add nothing, except the rare one whose 16-bit fingerprint matches a
            // feature of its bucket.
            let stray = absent
                .iter()
                .filter(|&&key| {
                    weights.score(&[key], &mut scores);
                    scores.iter().any(|&s| s != 0.0)
                })
                .count();
            assert!(stray <= 10, "{stray} of {} absent keys matched", absent.len());
        }
    }

    #[test]
    fn inline_sums_add_up_to_the_scores() {
        let (rows, absent) = random_table(3, 5_000, 4);
        let weights = Weights::from_averaged(3, &rows, 0.0);
        let feats: Vec<u64> = rows.iter().map(|(k, _)| *k).step_by(7).chain(absent).collect();
        let (head, tail) = feats.split_at(feats.len() / 3);
        let mut sums = weights.inline_sums(head);
        for (s, t) in sums.iter_mut().zip(weights.inline_sums(tail)) {
            *s += t;
        }
        let mut scores = [0f32; 3];
        weights.score(&feats, &mut scores);
        for (score, sum) in scores.iter().zip(sums) {
            assert_eq!(*score, sum as f32 * weights.scale());
        }
    }
}
