//! Near-duplicate articles — syndicated copies of one wire story, a story republished with a
//! different headline or footer — found by MinHash over word 5-grams, with locality-sensitive
//! hashing (bands of the signature) to find candidates without comparing every pair.
//!
//! The resemblance of two texts is the Jaccard similarity J of their sets of word 5-grams;
//! each of the [`HASHES`] MinHash values agrees between two texts with probability J, so the
//! share of agreeing values estimates it (standard error below 0.06 at 64 values). With the
//! sizes of both sets, J also gives the share of the shorter text's 5-grams found in the
//! longer one (containment = J·(|A| + |B|) / ((1 + J)·min(|A|, |B|))), which stays near 1
//! when a copy adds a dateline, a byline or a footer, as syndicated copies do.
//!
//! Two texts are one article when J ≥ [`MIN_RESEMBLANCE`] and containment ≥
//! [`NEAR_DUPLICATE`]. With 16 bands of 4 values, two texts of J = 0.7 share a band (and so
//! are compared) with probability 1 − (1 − 0.7⁴)¹⁶ ≈ 0.99; at J = 0.8, > 0.9999.

/// Words per shingle.
const SHINGLE: usize = 5;
/// MinHash values per signature.
pub(crate) const HASHES: usize = 64;
const ROWS_PER_BAND: usize = 4;
const BANDS: usize = HASHES / ROWS_PER_BAND;

/// Share of the shorter text's 5-grams found in the longer at or above which two texts are
/// one article (given [`MIN_RESEMBLANCE`]).
pub const NEAR_DUPLICATE: f64 = 0.9;

/// The least resemblance (Jaccard) of two texts called one article: an article with a third
/// or more of new text is another article, even if it contains the first.
pub const MIN_RESEMBLANCE: f64 = 0.7;

/// Texts with fewer shingles than this (about a paragraph) are never called near-duplicates:
/// short texts resemble each other by chance.
pub const MIN_SHINGLES: usize = 40;

/// MinHash values and the number of distinct 5-grams they summarise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Signature {
    pub values: [u32; HASHES],
    pub shingles: u32,
}

/// [`fnv`] of the ASCII lower case of `bytes`, without a lower-cased copy.
fn fnv_lower_ascii(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3);
    }
    h
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// SplitMix64's finaliser: spreads the bits of a hash.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// SplitMix64: the fixed multipliers and offsets of the hash family, the same in every run.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    mix(*state)
}

fn family() -> &'static [(u64, u64); HASHES] {
    static FAMILY: std::sync::OnceLock<[(u64, u64); HASHES]> = std::sync::OnceLock::new();
    FAMILY.get_or_init(|| {
        let mut state = 0x6479_6164; // "dyad"
        std::array::from_fn(|_| (splitmix(&mut state) | 1, splitmix(&mut state)))
    })
}

/// The MinHash signature of a text's word 5-grams (words lower-cased, punctuation and
/// layout ignored, as for the exact text hash), or `None` for a text too short to compare.
pub(crate) fn signature(text: &str) -> Option<Signature> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.is_ascii() {
                fnv_lower_ascii(w.as_bytes())
            } else {
                fnv(w.to_lowercase().as_bytes())
            }
        })
        .collect();
    if words.len() < SHINGLE + MIN_SHINGLES - 1 {
        return None;
    }
    let mut shingles: Vec<u64> = words
        .windows(SHINGLE)
        .map(|window| mix(window.iter().fold(0u64, |acc, w| acc.rotate_left(17) ^ w)))
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    if shingles.len() < MIN_SHINGLES {
        return None;
    }
    let mut values = [u32::MAX; HASHES];
    for shingle in &shingles {
        for (slot, (a, b)) in values.iter_mut().zip(family()) {
            let h = (a.wrapping_mul(*shingle).wrapping_add(*b) >> 32) as u32;
            if h < *slot {
                *slot = h;
            }
        }
    }
    Some(Signature { values, shingles: shingles.len() as u32 })
}

/// The estimated resemblance (Jaccard) of two texts.
pub(crate) fn resemblance(a: &Signature, b: &Signature) -> f64 {
    a.values.iter().zip(&b.values).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// The estimated share of the shorter text's 5-grams that the longer one has.
pub(crate) fn containment(a: &Signature, b: &Signature) -> f64 {
    let j = resemblance(a, b);
    let (na, nb) = (f64::from(a.shingles), f64::from(b.shingles));
    (j * (na + nb) / ((1.0 + j) * na.min(nb))).min(1.0)
}

/// Whether two texts are one article; the containment when they are.
pub(crate) fn same_article(a: &Signature, b: &Signature) -> Option<f64> {
    let c = containment(a, b);
    (resemblance(a, b) >= MIN_RESEMBLANCE && c >= NEAR_DUPLICATE).then_some(c)
}

/// One key per band: texts that share a key are candidates.
pub(crate) fn band_keys(sig: &Signature) -> [i64; BANDS] {
    std::array::from_fn(|band| {
        let mut bytes = Vec::with_capacity(1 + ROWS_PER_BAND * 4);
        bytes.push(band as u8);
        for v in &sig.values[band * ROWS_PER_BAND..(band + 1) * ROWS_PER_BAND] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        fnv(&bytes) as i64
    })
}

/// The stored form: the shingle count, then the values, each 4 bytes little-endian.
pub(crate) fn to_blob(sig: &Signature) -> Vec<u8> {
    std::iter::once(sig.shingles).chain(sig.values).flat_map(u32::to_le_bytes).collect()
}

pub(crate) fn from_blob(blob: &[u8]) -> Option<Signature> {
    if blob.len() != (HASHES + 1) * 4 {
        return None;
    }
    let mut numbers = blob.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    let shingles = numbers.next()?;
    let mut values = [0u32; HASHES];
    for (slot, n) in values.iter_mut().zip(numbers) {
        *slot = n;
    }
    Some(Signature { values, shingles })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text of `n` distinct made-up words.
    fn words(seed: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{seed}{i}")).collect()
    }

    #[test]
    fn copies_resemble_and_other_texts_do_not() {
        let story = words("w", 300);
        let original = story.join(" ");
        // The wire copy: another headline, a footer, different layout and case.
        let copy = format!(
            "BREAKING: {}\n\n{} (Reporting by the desk.)",
            story[..150].join(" ").to_uppercase(),
            story[150..].join("  ")
        );
        let a = signature(&original).unwrap();
        let b = signature(&copy).unwrap();
        assert!(same_article(&a, &b).is_some(), "{} {}", resemblance(&a, &b), containment(&a, &b));
        assert!(band_keys(&a).iter().zip(band_keys(&b)).any(|(x, y)| *x == y));
        let other = signature(&words("v", 300).join(" ")).unwrap();
        assert!(resemblance(&a, &other) < 0.1);
        assert_eq!(same_article(&a, &other), None);
        // Half the story rewritten: a different article.
        let half = [&story[..150], &words("x", 150)[..]].concat().join(" ");
        assert_eq!(same_article(&a, &signature(&half).unwrap()), None);
        // The story with as much again added: it contains the first, but is another article.
        let longer = [&story[..], &words("y", 300)[..]].concat().join(" ");
        let longer = signature(&longer).unwrap();
        assert!(containment(&a, &longer) > 0.9);
        assert_eq!(same_article(&a, &longer), None);
        assert!(signature("Too short to compare.").is_none());
        assert_eq!(from_blob(&to_blob(&a)), Some(a));
        assert_eq!(from_blob(b"short"), None);
    }
}
