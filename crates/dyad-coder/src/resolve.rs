//! Resolving a bare actor phrase ("Ukrainian officials", "the Kremlin") to an entity: the
//! `dyad resolve` command.

use chrono::NaiveDate;

use crate::mentions::{self, Kind};
use crate::tokens::tokenize;
use crate::Coder;

/// The entity a phrase names; empty strings when nothing was recognised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    pub country: String,
    pub sector: String,
    pub code: String,
    pub name: String,
    pub matched_text: String,
}

/// Resolves `phrase` as of `date` (people resolve by their tenure on that date).
pub fn resolve_phrase(coder: &Coder, phrase: &str, date: Option<NaiveDate>) -> Resolved {
    let lexicon = coder.lexicon();
    let mut tokens = Vec::new();
    tokenize(phrase, 0, phrase.len(), &mut tokens);
    let matches = lexicon.find(phrase);
    let found = mentions::find(
        lexicon,
        &mentions::Input { text: phrase, tokens: &tokens, matches: &matches, date },
    );
    let rank = |k: Kind| match k {
        Kind::Actor => 0,
        Kind::Modifier => 1,
        Kind::Place => 2,
        _ => 3,
    };
    let best = found
        .iter()
        .filter(|m| !matches!(m.kind, Kind::Pronoun(_)) && !m.entity.country.is_empty())
        .min_by_key(|m| (rank(m.kind), std::cmp::Reverse(m.tok_end - m.tok_start)));
    match best {
        Some(m) => Resolved {
            country: m.entity.country.to_string(),
            sector: m.entity.sector.to_string(),
            code: m.entity.code.to_string(),
            name: m.entity.name.to_string(),
            matched_text: phrase[tokens[m.tok_start].start..tokens[m.tok_end - 1].end].to_string(),
        },
        None => Resolved::default(),
    }
}
