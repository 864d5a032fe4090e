//! A bit set of the (lower-cased) first three bytes of every phrase: a cheap test that lets
//! the word-start searches skip words no phrase can start with, before the trie walk.

/// Invariant: a phrase's key is always set; other keys may be set too (hash collisions), so
/// the filter can only answer "maybe" or "no".
#[derive(Clone)]
pub struct PrefixFilter {
    bits: Vec<u64>,
}

fn key(a: u8, b: u8, c: u8) -> usize {
    let h = (u32::from(a.to_ascii_lowercase())
        .wrapping_mul(0x9E37)
        .wrapping_add(u32::from(b.to_ascii_lowercase())))
    .wrapping_mul(0x79B9)
    .wrapping_add(u32::from(c.to_ascii_lowercase()));
    (h.wrapping_mul(0x9E37_79B9) >> 16) as usize
}

impl Default for PrefixFilter {
    fn default() -> Self {
        PrefixFilter { bits: vec![0; 1 << 10] }
    }
}

impl PrefixFilter {
    pub fn insert(&mut self, phrase: &str) {
        let b = phrase.as_bytes();
        let k = match b.len() {
            0 => return,
            1 => key(b[0], 0, 0),
            2 => key(b[0], b[1], 0),
            _ => key(b[0], b[1], b[2]),
        };
        self.bits[k >> 6] |= 1 << (k & 63);
    }

    fn has(&self, k: usize) -> bool {
        self.bits[k >> 6] & (1 << (k & 63)) != 0
    }

    /// Whether some phrase may start at byte `pos` of `text`.
    pub fn may_start(&self, text: &[u8], pos: usize) -> bool {
        let a = text[pos];
        let b = text.get(pos + 1).copied().unwrap_or(0);
        let c = text.get(pos + 2).copied().unwrap_or(0);
        self.has(key(a, b, c)) || self.has(key(a, b, 0)) || self.has(key(a, 0, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_prefixes_are_found() {
        let mut f = PrefixFilter::default();
        for p in ["North Korea", "UN", "officials"] {
            f.insert(p);
        }
        assert!(f.may_start(b"north korean", 0));
        assert!(f.may_start(b"UN.", 0));
        assert!(f.may_start(b"x officials", 2));
        assert!(!f.may_start(b"zzz", 0) || !f.may_start(b"qqq", 0));
    }
}
