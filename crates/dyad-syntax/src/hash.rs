//! Hashing of word forms and feature tuples into 64-bit keys.
//!
//! Features are never interned as strings: each token's atoms (word, suffixes, shape) are hashed
//! once per sentence, and a feature is a hash of its template number and atoms. This keeps the
//! hot loop free of allocation; collisions between 64-bit keys are negligible.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// One step of an FxHash-style combiner.
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// A final avalanche (MurmurHash3's fmix64), so that both the low bits (table index) and the
/// high bits of a key are well distributed. Never returns 0, which marks an empty table slot.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h.max(1)
}

/// A feature key from a template number and up to three atoms. The last step is a multiply,
/// so the high bits are well mixed: tables index by them (`Weights`). Never 0.
#[inline]
pub(crate) fn feat1(template: u64, a: u64) -> u64 {
    mix(mix(template, a), 0x11) | 1
}

#[inline]
pub(crate) fn feat2(template: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(template, a), b), 0x22) | 1
}

#[inline]
pub(crate) fn feat3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(template, a), b), c), 0x33) | 1
}

/// Hash of raw bytes (used for the tag dictionary and exact forms).
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = 0x243f_6a88_85a3_08d3;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = mix(h, u64::from_le_bytes(word));
    }
    let mut last = [0u8; 8];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    h = mix(h, u64::from_le_bytes(last));
    finish(mix(h, bytes.len() as u64))
}
