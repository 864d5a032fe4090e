//! English part-of-speech tagging and labelled dependency parsing, trained on UD English EWT.
//!
//! dyad's rules find subjects, objects and agents by looking around trigger words; this crate
//! gives them a syntactic analysis instead: every token gets a Universal POS tag (UPOS), a
//! Penn Treebank tag when the model predicts one, a head and a Universal Dependencies relation
//! with its English subtypes (`nsubj:pass`, `obl:agent`, `nmod:poss`, `acl:relcl`, …).
//!
//! - [`tokenize`] splits raw text into byte spans the way EWT does ("don't" → "do" "n't",
//!   "Russia's" → "Russia" "'s"; "U.S.", "1.6" and "11,000" stay whole).
//! - [`Model`] tags and parses one sentence of tokens: a greedy averaged-perceptron tagger in
//!   two passes, then a greedy arc-hybrid transition parser with an averaged-perceptron move
//!   classifier and a separate relation classifier. [`Model::builtin`] is the embedded EWT
//!   model; [`Model::from_bytes`] reads one written by [`train::train`].
//! - [`conllu`] reads and writes CoNLL-U and scores predictions (UPOS, UAS, LAS as in CoNLL
//!   2018, plus LAS over full relations).
//! - [`train`] trains a model from CoNLL-U sentences, deterministically for a given seed.
//!
//! ```
//! use dyad_syntax::{tokenize, Model};
//!
//! let text = "Russia attacked Ukraine on Monday.";
//! let spans = tokenize(text);
//! let forms: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
//! let parse = Model::builtin().parse(&forms);
//! assert_eq!(parse.len(), 6);
//! // Exactly one root; every other word has a head inside the sentence.
//! assert_eq!(parse.iter().filter(|t| t.head == 0).count(), 1);
//! assert!(parse.iter().all(|t| t.head <= forms.len()));
//! ```
//!
//! What it deliberately does not do: sentence splitting (dyad-ingest does that), lemmas and
//! morphological features, enhanced dependencies, non-projective trees (training trees are
//! projectivised, so crossing arcs are never predicted), and any IO beyond reading a model
//! from bytes. It never panics on input text: empty input gives an empty parse, and any
//! sequence of tokens gets a single-rooted tree.

mod atoms;
pub mod conllu;
mod hash;
mod model;
mod parser;
mod repair;
mod tagger;
mod tokenize;
pub mod train;
mod weights;

pub use model::{Model, ModelError, Token, Workspace};
pub use tagger::UPOS;
pub use tokenize::{tokenize, tokenize_into};
