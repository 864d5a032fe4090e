//! The trained model: tagger and parser weights, the binary model format, and parsing.
//!
//! Format (little-endian): the magic `DYADSYN\0`, a format version (u32), then the tag
//! classes (count, then UPOS number u8 and XPOS as length u8 + UTF-8 bytes each), the
//! dictionary (count, then key u64 + tag u8 each), the first-pass tagger weights, a flag (u8)
//! and the second-pass weights if it is 1, the second pass's keep margin (f32), the relation names
//! (count, then length u8 + UTF-8 bytes each), the root relation's number (u8), the transition
//! weights and the labeller weights (see `Weights::write`).

use std::fmt;
use std::sync::OnceLock;

use crate::atoms::Atoms;
use crate::parser::{parse_with, Context, Scratch, State};
use crate::repair::{repair, Labels};
use crate::tagger::{TagClass, Tagger, MAX_TAGS, UPOS};
use crate::weights::{KeyMap, Weights};

const MAGIC: &[u8; 8] = b"DYADSYN\0";
const VERSION: u32 = 1;

static BUILTIN_BYTES: &[u8] = include_bytes!("../model/en_ewt.model");

/// A model file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// Byte offset where reading failed.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid model at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for ModelError {}

/// A bounds-checked little-endian reader over the model bytes.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn error(&self, message: &str) -> ModelError {
        ModelError { offset: self.pos, message: message.to_string() }
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| self.error("unexpected end of data"))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
}

/// Writes a short name as its length (u8) and bytes; names are at most 255 bytes.
fn write_name(name: &str, out: &mut Vec<u8>) {
    let mut len = name.len().min(255);
    while !name.is_char_boundary(len) {
        len -= 1;
    }
    out.push(len as u8);
    out.extend_from_slice(&name.as_bytes()[..len]);
}

/// A tagger and parser.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) tagger: Tagger,
    pub(crate) moves: Weights,
    pub(crate) labels: Weights,
    pub(crate) label_names: Vec<String>,
    pub(crate) root_label: u8,
}

/// One analysed word: its UPOS and XPOS (Penn Treebank) tags, head (0 for the root, words
/// from 1) and relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'m> {
    pub upos: &'static str,
    pub xpos: &'m str,
    pub head: usize,
    pub deprel: &'m str,
}

/// Buffers reused from one sentence to the next; one per thread.
#[derive(Debug, Default, Clone)]
pub struct Workspace {
    atoms: Vec<Atoms>,
    tags: Vec<u8>,
    first_tags: Vec<u8>,
    margins: Vec<f32>,
    static_scores: Vec<f32>,
    cx: Context,
    st: State,
    scratch: Scratch,
}

impl Model {
    /// The model trained on UD English EWT, embedded in the library.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        // The embedded bytes are checked by the tests, so reading them cannot fail.
        MODEL.get_or_init(|| Model::from_bytes(BUILTIN_BYTES).expect("the embedded model is valid"))
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError { offset: 0, message: "not a dyad-syntax model".into() });
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(r.error(&format!("format version {version}, expected {VERSION}")));
        }
        let n_classes = r.u32()? as usize;
        if n_classes == 0 || n_classes > MAX_TAGS {
            return Err(r.error("bad tag class count"));
        }
        let mut classes = Vec::with_capacity(n_classes);
        for _ in 0..n_classes {
            let upos = r.u8()?;
            if usize::from(upos) >= UPOS.len() {
                return Err(r.error("UPOS out of range"));
            }
            let len = usize::from(r.u8()?);
            let xpos = std::str::from_utf8(r.take(len)?).map_err(|_| r.error("XPOS name"))?;
            classes.push(TagClass { upos, xpos: xpos.to_string() });
        }
        let n_dict = r.u32()? as usize;
        let mut dict = KeyMap::default();
        for _ in 0..n_dict {
            let key = r.u64()?;
            let tag = r.u8()?;
            if usize::from(tag) >= n_classes {
                return Err(r.error("tag out of range"));
            }
            dict.insert(key, tag);
        }
        let tag_weights = Weights::read(&mut r)?;
        let second = match r.u8()? {
            0 => None,
            1 => Some(Weights::read(&mut r)?),
            _ => return Err(r.error("bad second-pass flag")),
        };
        let keep_margin = r.f32()?;
        if keep_margin.is_nan() {
            return Err(r.error("bad margin"));
        }
        if tag_weights.n_classes() != n_classes
            || second.as_ref().is_some_and(|w| w.n_classes() != n_classes)
        {
            return Err(r.error("tagger class count"));
        }
        let n_labels = r.u32()? as usize;
        let mut label_names = Vec::with_capacity(n_labels.min(256));
        for _ in 0..n_labels {
            let len = usize::from(r.u8()?);
            let name = std::str::from_utf8(r.take(len)?).map_err(|_| r.error("relation name"))?;
            label_names.push(name.to_string());
        }
        let root_label = r.u8()?;
        let moves = Weights::read(&mut r)?;
        let labels = Weights::read(&mut r)?;
        if usize::from(root_label) >= n_labels
            || labels.n_classes() != n_labels
            || moves.n_classes() != crate::parser::N_MOVES
        {
            return Err(r.error("inconsistent class counts"));
        }
        if r.pos != bytes.len() {
            return Err(r.error("trailing bytes"));
        }
        Ok(Model {
            tagger: Tagger { weights: tag_weights, second, keep_margin, dict, classes },
            moves,
            labels,
            label_names,
            root_label,
        })
    }

    /// The binary form (see the module documentation).
    /// The tag class of a gold UPOS tag (the first class with that UPOS).
    pub(crate) fn class_of_upos(&self, upos: &str) -> u8 {
        let id = crate::tagger::upos_id(upos).unwrap_or(0);
        self.tagger.classes.iter().position(|c| c.upos == id).unwrap_or(0) as u8
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.tagger.classes.len() as u32).to_le_bytes());
        for class in &self.tagger.classes {
            out.push(class.upos);
            write_name(&class.xpos, &mut out);
        }
        let mut dict: Vec<(u64, u8)> = self.tagger.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
        for (key, tag) in dict {
            out.extend_from_slice(&key.to_le_bytes());
            out.push(tag);
        }
        self.tagger.weights.write(&mut out);
        match &self.tagger.second {
            None => out.push(0),
            Some(second) => {
                out.push(1);
                second.write(&mut out);
            }
        }
        out.extend_from_slice(&self.tagger.keep_margin.to_le_bytes());
        out.extend_from_slice(&(self.label_names.len() as u32).to_le_bytes());
        for name in &self.label_names {
            write_name(name, &mut out);
        }
        out.push(self.root_label);
        self.moves.write(&mut out);
        self.labels.write(&mut out);
        out
    }

    /// The relation names the parser can output.
    pub fn relations(&self) -> &[String] {
        &self.label_names
    }

    /// Number of features kept in (tagger, both passes; transitions; labeller).
    pub fn feature_counts(&self) -> (usize, usize, usize) {
        let second = self.tagger.second.as_ref().map_or(0, Weights::n_features);
        (
            self.tagger.weights.n_features() + second,
            self.moves.n_features(),
            self.labels.n_features(),
        )
    }

    /// Tags and parses pre-tokenised words.
    pub fn parse(&self, forms: &[&str]) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        self.parse_into(forms, &mut Workspace::default(), &mut out);
        out
    }

    /// Splits raw text into tokens ([`crate::tokenize`]) and parses them as one sentence.
    pub fn parse_text(&self, text: &str) -> (Vec<(usize, usize)>, Vec<Token<'_>>) {
        let spans = crate::tokenize(text);
        let forms: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        let tokens = self.parse(&forms);
        (spans, tokens)
    }

    /// Tags only, into `ws`; returns the tag numbers.
    pub(crate) fn tag_into<'w>(&self, forms: &[&str], ws: &'w mut Workspace) -> &'w [u8] {
        ws.atoms.clear();
        ws.atoms.extend(forms.iter().map(|f| Atoms::new(f)));
        self.tagger.tag(
            &ws.atoms,
            &mut ws.tags,
            &mut ws.first_tags,
            &mut ws.margins,
            (&mut ws.scratch.feats, &mut ws.static_scores),
        );
        &ws.tags
    }

    /// Tags and parses `forms` into `out` (cleared first), reusing the buffers of `ws`.
    pub fn parse_into<'m>(&'m self, forms: &[&str], ws: &mut Workspace, out: &mut Vec<Token<'m>>) {
        self.analyse(forms, None, ws, out);
    }

    /// Parses with the given tag classes instead of the tagger's (a training diagnostic).
    pub(crate) fn analyse<'m>(
        &'m self,
        forms: &[&str],
        given_tags: Option<&[u8]>,
        ws: &mut Workspace,
        out: &mut Vec<Token<'m>>,
    ) {
        out.clear();
        self.tag_into(forms, ws);
        if let Some(tags) = given_tags {
            ws.tags.clear();
            ws.tags.extend_from_slice(tags);
        } else {
            self.tagger.ensure_verb(
                forms,
                &ws.atoms,
                &mut ws.tags,
                &ws.first_tags,
                &mut ws.scratch.feats,
            );
        }
        ws.cx.fill(ws.atoms.iter().map(|a| a.lower), &ws.tags);
        parse_with(
            &self.moves,
            &self.labels,
            self.label_names.len(),
            self.root_label,
            &ws.cx,
            &mut ws.st,
            &mut ws.scratch,
        );
        for i in 0..forms.len() {
            let label = ws.st.labels[i + 1];
            let class = self.tagger.classes.get(usize::from(ws.tags[i]));
            out.push(Token {
                upos: class.and_then(|c| UPOS.get(usize::from(c.upos))).copied().unwrap_or("X"),
                xpos: class.map_or("", |c| c.xpos.as_str()),
                head: ws.st.heads[i + 1] as usize,
                deprel: self.label_names.get(usize::from(label)).map_or("dep", String::as_str),
            });
        }
        if let Some(labels) = Labels::new(&self.label_names) {
            repair(forms, out, &labels);
        }
    }
}
