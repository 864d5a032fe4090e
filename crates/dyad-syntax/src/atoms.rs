//! Per-token atoms: the hashed word, suffixes, prefixes, shape and flags that features combine.

use crate::hash::{hash_bytes, mix};

/// The atoms of one token, computed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Atoms {
    /// The exact form (for the tag dictionary).
    pub form: u64,
    /// Lower-cased, digits mapped to '0'.
    pub lower: u64,
    /// Suffixes of 1..=4 characters of the lower-cased form.
    pub suffix: [u64; 4],
    /// Prefixes of 1..=3 characters.
    pub prefix: [u64; 3],
    /// Character classes (X, x, d, punctuation as itself), runs capped at two.
    pub shape: u64,
    /// Capitalisation, digit, hyphen and punctuation flags as bits.
    pub flags: u64,
}

/// Placeholder atom values for positions outside the sentence and for the root.
pub(crate) const PAD_BEFORE: u64 = 0x5eed_0001;
pub(crate) const PAD_AFTER: u64 = 0x5eed_0002;

#[inline]
fn lower_char(c: char) -> char {
    if c.is_ascii() {
        if c.is_ascii_digit() {
            '0'
        } else {
            c.to_ascii_lowercase()
        }
    } else if c.is_numeric() {
        '0'
    } else {
        // Multi-char lower cases (rare) keep their first char: the hash only needs to be stable.
        c.to_lowercase().next().unwrap_or(c)
    }
}

impl Atoms {
    pub fn new(form: &str) -> Atoms {
        let mut atoms = Atoms { form: hash_bytes(form.as_bytes()), ..Atoms::default() };
        let mut lower = 0x1234_5678u64;
        let mut shape = 0x8765_4321u64;
        let (mut last_class, mut run) = ('\0', 0);
        let (mut upper, mut alpha, mut digit, mut hyphen, mut other, mut n) =
            (0u32, 0u32, false, false, false, 0usize);
        let mut first_upper = false;
        for c in form.chars() {
            let l = lower_char(c);
            lower = mix(lower, l as u64);
            if n < 3 {
                atoms.prefix[n] = mix(lower, 0x70);
            }
            let class = if c.is_uppercase() {
                upper += 1;
                alpha += 1;
                if n == 0 {
                    first_upper = true;
                }
                'X'
            } else if c.is_alphabetic() {
                alpha += 1;
                'x'
            } else if c.is_numeric() {
                digit = true;
                'd'
            } else {
                if c == '-' {
                    hyphen = true;
                }
                other = true;
                c
            };
            if class == last_class {
                run += 1;
            } else {
                last_class = class;
                run = 1;
            }
            if run <= 2 {
                shape = mix(shape, class as u64);
            }
            n += 1;
        }
        for k in n..3 {
            atoms.prefix[k] = mix(lower, 0x80 + k as u64);
        }
        atoms.lower = mix(lower, n as u64);
        atoms.shape = shape;
        // Suffixes, read backwards.
        let mut suffix = 0x9abc_def0u64;
        let mut k = 0;
        for c in form.chars().rev().take(4) {
            suffix = mix(suffix, lower_char(c) as u64);
            atoms.suffix[k] = suffix;
            k += 1;
        }
        for slot in atoms.suffix.iter_mut().skip(k) {
            *slot = mix(suffix, 0x99);
        }
        let all_upper = alpha > 1 && upper == alpha;
        atoms.flags = u64::from(first_upper)
            | u64::from(all_upper) << 1
            | u64::from(digit) << 2
            | u64::from(hyphen) << 3
            | u64::from(alpha == 0 && other) << 4
            | u64::from(n.min(3) as u8) << 5;
        atoms
    }
}
