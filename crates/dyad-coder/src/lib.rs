//! The event coder: a document in, PLOVER events and diagnostics out. Pure and total: it
//! does no IO and never fails or panics on text.
//!
//! For each sentence the coder finds dictionary phrases (`dyad-lexicon`) and composes them
//! into mentions ([`mentions`]), finds trigger words ([`triggers`]), splits the sentence into
//! clauses, and for each trigger looks for its actor and recipient by general rules: subject
//! before an active verb, `by`-agent of a passive, possessive or adjective before a noun,
//! recipient after a preposition (`to`, `with`, `against`, `from`) or as direct object;
//! coordinated mentions form compound actors; pronouns and descriptions ("it", "both
//! countries") refer back through a small discourse memory. Modality, hedges, attribution,
//! dates, sizes and locations come from the words around the trigger.
//!
//! ```
//! use dyad_coder::Coder;
//! let coder = Coder::builtin();
//! let mut doc = dyad_model::Document::default();
//! doc.text = "Russia attacked Ukraine.".into();
//! doc.paragraphs = vec![(0, doc.text.len())];
//! doc.sentences = vec![dyad_model::Sentence { start: 0, end: doc.text.len(), paragraph: 0 }];
//! let coded = coder.code(&doc);
//! assert_eq!(coded.events[0].event.as_str(), "ASSAULT");
//! assert_eq!(coded.events[0].actor[0].code, "RUS");
//! assert_eq!(coded.events[0].recipient[0].code, "UKR");
//! ```
//!
//! Not here: reading files, language detection and storage.

mod context;
pub mod dates;

pub mod mentions;
mod resolve;
mod rules;
pub mod sizes;
mod syntax;
pub mod tokens;
pub mod triggers;

use std::sync::{Arc, OnceLock};

use dyad_lexicon::Lexicon;
use dyad_model::{Document, Event};

pub use resolve::{resolve_phrase, Resolved};

/// Identifies the coder's rules in provenance records; bump when coding changes.
pub const CODER_VERSION: &str = concat!("dyad-coder ", env!("CARGO_PKG_VERSION"), "+rules.1");

/// Something the coder noticed but that did not make an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub sentence: Option<usize>,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Coded {
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
    pub n_sentences: usize,
    /// Sentences tagged and parsed for their arguments, and their tokens (the parse's cost).
    pub n_parsed: usize,
    pub n_parsed_tokens: usize,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Fill each event's `explain` list with the reasons behind it.
    pub explain: bool,
    /// Find arguments from word order alone, without the dependency parse: about five times
    /// faster, less accurate (docs/syntax.md).
    pub no_parse: bool,
}

#[derive(Clone)]
pub struct Coder {
    lexicon: Arc<Lexicon>,
    triggers: &'static triggers::Triggers,
    options: Options,
}

/// Compiles the built-in trigger automaton now (it is otherwise compiled by the first
/// [`Coder::new`]), so that a caller can overlap it with loading a lexicon on another thread.
pub fn prepare() {
    builtin_triggers();
}

/// Reads the built-in syntax model now (it is otherwise read by the first sentence that
/// needs a parse), so that a caller can overlap it with other start-up work.
pub fn prepare_parser() {
    dyad_syntax::Model::builtin();
}

fn builtin_triggers() -> &'static triggers::Triggers {
    static TRIGGERS: OnceLock<triggers::Triggers> = OnceLock::new();
    TRIGGERS.get_or_init(triggers::Triggers::builtin)
}

impl Coder {
    /// A coder over the built-in lexicon.
    pub fn builtin() -> Coder {
        static LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();
        let lexicon = LEXICON
            .get_or_init(|| Arc::new(Lexicon::load(&[]).expect("built-in lexicon data are valid")));
        Coder::new(lexicon.clone(), Options::default())
    }

    pub fn new(lexicon: Arc<Lexicon>, options: Options) -> Coder {
        Coder { lexicon, triggers: builtin_triggers(), options }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Codes every sentence of `doc`.
    pub fn code(&self, doc: &Document) -> Coded {
        rules::code_document(self, doc)
    }
}
