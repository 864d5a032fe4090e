//! A compact byte trie for anchored longest-match search.
//!
//! Phrases are only ever searched anchored at word starts, so no failure links are needed
//! (an Aho–Corasick automaton spends most of its construction time on them). The trie is
//! built breadth-first from the sorted phrases, which puts the children of a node next to
//! each other: a node is a range of sorted child labels, found with a short scan, and the
//! root has a full 256-entry table.
//!
//! Invariants: children's labels are strictly increasing within a node's range; node 0 is the
//! root; `value[n]` is the smallest pattern id whose bytes (lower-cased when case-insensitive)
//! end at node `n`, or `NONE`.

use std::borrow::Cow;
use std::collections::VecDeque;

const NONE: u32 = u32::MAX;

#[derive(Clone)]
pub(crate) struct Trie {
    insensitive: bool,
    /// Child of the root for each first byte (0 when there is none).
    root: Box<[u32; 256]>,
    /// Incoming byte of each node.
    label: Vec<u8>,
    /// Children of node `n`: `first[n]..first[n] + count[n]`.
    first: Vec<u32>,
    count: Vec<u16>,
    value: Vec<u32>,
}

impl Trie {
    /// A trie of `patterns` (their index is their id); empty patterns are left out. With
    /// `insensitive`, ASCII letters match either case.
    pub(crate) fn build<'a>(patterns: impl Iterator<Item = &'a [u8]>, insensitive: bool) -> Trie {
        // Keys are the patterns' bytes, lower-cased (copied) only when case-insensitive.
        let mut keys: Vec<(Cow<'a, [u8]>, u32)> = patterns
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(id, p)| {
                let key = if insensitive && p.iter().any(u8::is_ascii_uppercase) {
                    Cow::Owned(p.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(p)
                };
                (key, id as u32)
            })
            .collect();
        keys.sort_unstable();
        let mut trie = Trie {
            insensitive,
            root: Box::new([0; 256]),
            label: vec![0],
            first: vec![0],
            count: vec![0],
            value: vec![NONE],
        };
        // (node, range of `keys` below it, depth)
        let mut queue = VecDeque::from([(0usize, 0usize, keys.len(), 0usize)]);
        while let Some((node, lo, hi, depth)) = queue.pop_front() {
            // A key that ends here sorts before its extensions; among equal keys, by id.
            let mut i = lo;
            while i < hi && keys[i].0.len() == depth {
                if trie.value[node] == NONE {
                    trie.value[node] = keys[i].1;
                }
                i += 1;
            }
            let first = trie.label.len();
            let mut n_children = 0u16;
            while i < hi {
                let byte = keys[i].0[depth];
                let start = i;
                while i < hi && keys[i].0[depth] == byte {
                    i += 1;
                }
                let child = trie.label.len();
                trie.label.push(byte);
                trie.first.push(0);
                trie.count.push(0);
                trie.value.push(NONE);
                if node == 0 {
                    trie.root[usize::from(byte)] = child as u32;
                }
                n_children += 1;
                queue.push_back((child, start, i, depth + 1));
            }
            trie.first[node] = first as u32;
            trie.count[node] = n_children;
        }
        trie
    }

    /// The longest pattern that starts at `pos` of `text`: its end and id.
    #[inline]
    pub(crate) fn longest(&self, text: &[u8], pos: usize) -> Option<(usize, usize)> {
        let fold = |b: u8| if self.insensitive { b.to_ascii_lowercase() } else { b };
        let mut found = None;
        let mut node = match text.get(pos) {
            Some(&b) => self.root[usize::from(fold(b))] as usize,
            None => return None,
        };
        if node == 0 {
            return None;
        }
        let mut at = pos + 1;
        loop {
            if self.value[node] != NONE {
                found = Some((at, self.value[node] as usize));
            }
            let Some(&b) = text.get(at) else { break };
            let b = fold(b);
            let first = self.first[node] as usize;
            let children = &self.label[first..first + usize::from(self.count[node])];
            match children.iter().position(|&l| l >= b) {
                Some(i) if children[i] == b => node = first + i,
                _ => break,
            }
            at += 1;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(patterns: &[&str], insensitive: bool) -> Trie {
        Trie::build(patterns.iter().map(|p| p.as_bytes()), insensitive)
    }

    #[test]
    fn longest_anchored_match() {
        let t = trie(&["North", "North Korea", "North Korean", "Korea", "N"], false);
        assert_eq!(t.longest(b"North Korean troops", 0), Some((12, 2)));
        assert_eq!(t.longest(b"North Korea.", 0), Some((11, 1)));
        assert_eq!(t.longest(b"North Kor", 0), Some((5, 0)));
        assert_eq!(t.longest(b"Nor", 0), Some((1, 4)));
        assert_eq!(t.longest(b"the Korea", 4), Some((9, 3)));
        assert_eq!(t.longest(b"the Korea", 0), None);
        assert_eq!(t.longest(b"north", 0), None);
        assert_eq!(t.longest(b"", 0), None);
    }

    #[test]
    fn case_insensitive_ties_go_to_the_first_pattern() {
        let t = trie(&["the kremlin", "The Kremlin", "officials"], true);
        assert_eq!(t.longest(b"THE KREMLIN said", 0), Some((11, 0)));
        assert_eq!(t.longest(b"Officials", 0), Some((9, 2)));
    }

    #[test]
    fn agrees_with_brute_force() {
        let words = ["a", "ab", "abc", "b", "ba", "bab", "c", "cab", "abcab", "bb"];
        let t = trie(&words, false);
        let texts = ["abcabbab", "babcab", "cccab", "bbbb", "x", "abca"];
        for text in texts {
            for pos in 0..text.len() {
                let want = words
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| text[pos..].starts_with(**w))
                    .max_by_key(|(id, w)| (w.len(), std::cmp::Reverse(*id)))
                    .map(|(id, w)| (pos + w.len(), id));
                assert_eq!(t.longest(text.as_bytes(), pos), want, "{text} at {pos}");
            }
        }
    }
}
