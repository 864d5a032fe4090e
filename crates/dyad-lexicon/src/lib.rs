//! dyad's dictionaries: countries (names, capitals, seats of power, adjectives, peoples),
//! sector words, named people with their tenures, organisations (IGOs, blocs, armed groups,
//! news outlets) and a place gazetteer — loaded from the project's own tab-separated data
//! files, optionally extended by a user's overlay directory, and compiled into two tries
//! searched at word starts.
//!
//! ```
//! let lexicon = dyad_lexicon::Lexicon::builtin();
//! let text = "North Korean soldiers arrived in Moscow.";
//! let found: Vec<&str> = lexicon.find(text).iter().map(|m| &text[m.start..m.end]).collect();
//! assert_eq!(found, ["North Korean", "soldiers", "Moscow"]);
//! ```
//!
//! The data format is documented in `data/README.md`. The lexicon finds and labels phrases;
//! it does not decide which phrase is an actor (that is `dyad-coder`'s job).

pub mod fasthash;
mod load;
mod matcher;
mod prefix;
mod trie;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;

pub use matcher::{alnum_after, alnum_before, Match};
pub use prefix::PrefixFilter;

/// What a phrase can mean. One phrase may have several meanings ("Washington": the US
/// government by metonymy, and a place).
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    /// The country itself: "Russia", "the United States".
    Country {
        code: String,
    },
    /// An adjective or demonym used before a noun: "Russian", "North Korean".
    Adjective {
        code: String,
    },
    /// The people of a country: "Ukrainians", "the Palestinians".
    People {
        code: String,
    },
    /// A capital used for its government: "Pyongyang", "Kyiv".
    Capital {
        code: String,
    },
    /// A seat of power: "the Kremlin" (GOV), "the Pentagon" (MIL).
    Seat {
        code: String,
        sector: String,
    },
    Organization(usize),
    Person(usize),
    /// A sector word: "forces" (MIL), "officials" (GOV).
    Sector {
        sector: String,
        title: bool,
    },
    Place(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    pub name: String,
    pub country: String,
    pub code: String,
    pub sector: String,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tenure {
    pub sector: String,
    pub role: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub country: String,
    /// Invariant: sorted by start date.
    pub tenures: Vec<Tenure>,
}

/// How a person stands on a given date.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing<'a> {
    pub sector: &'a str,
    pub role: &'a str,
    /// False when the date is after every tenure: a former office holder (sector ELI).
    pub in_office: bool,
}

impl Person {
    /// The office held on `date` (the latest office when no date is known); a person
    /// whose tenures all ended before `date` is a former official (`ELI`).
    pub fn standing(&self, date: Option<NaiveDate>) -> Standing<'_> {
        let fallback = Standing { sector: "", role: "", in_office: false };
        let Some(last) = self.tenures.last() else { return fallback };
        let Some(date) = date else {
            return Standing { sector: &last.sector, role: &last.role, in_office: true };
        };
        let holds =
            |t: &&Tenure| t.start.is_none_or(|s| s <= date) && t.end.is_none_or(|e| date <= e);
        if let Some(t) = self.tenures.iter().rev().find(holds) {
            return Standing { sector: &t.sector, role: &t.role, in_office: true };
        }
        // Out of office on that date after holding one: a former official, even when a
        // later term follows (Trump in 2022).
        let held_before = self.tenures.iter().any(|t| t.end.is_some_and(|e| e < date));
        if held_before {
            Standing { sector: "ELI", role: &last.role, in_office: false }
        } else {
            // Before the first tenure: known, but not yet in this office.
            Standing { sector: "", role: "", in_office: false }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    pub country: String,
    /// `country`, `capital`, `city` or `region`.
    pub kind: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
}

/// A country's record.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub code: String,
    pub name: String,
}

/// A malformed data file line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}:{line}: field `{field}`: {message}", file.display())]
pub struct LexiconError {
    pub file: PathBuf,
    pub line: usize,
    pub field: String,
    pub message: String,
}

/// The compiled dictionaries.
pub struct Lexicon {
    pub(crate) patterns: Vec<matcher::Pattern>,
    /// Case-sensitive names and case-insensitive words, each with its pattern indices.
    pub(crate) tries: [(trie::Trie, Vec<usize>, PrefixFilter); 2],
    countries: fasthash::FnvMap<String, Country>,
    organizations: Vec<Organization>,
    people: Vec<Person>,
    places: Vec<Place>,
    version: String,
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon")
            .field("patterns", &self.patterns.len())
            .field("version", &self.version)
            .finish()
    }
}

impl Lexicon {
    /// The built-in dictionaries, compiled once per process.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The built-in files are tested to parse (see the tests of `load`).
            Lexicon::load(&[]).expect("built-in lexicon data are valid")
        })
    }

    /// The built-in dictionaries plus the `.tsv` files of each overlay directory. An overlay
    /// file is read by the kind its name starts with (`countries`, `people`, `organizations`,
    /// `sectors`, `places`); its rows add meanings, and they come first when a phrase is
    /// ambiguous.
    pub fn load(overlays: &[&Path]) -> Result<Lexicon, LexiconError> {
        load::load(overlays)
    }

    /// Parses one overlay file's text (`name` gives its kind, as in an overlay directory) on
    /// its own, without the built-in data, and compiles its phrases: the check a fuzz target
    /// and an overlay author need. Returns the number of phrases.
    pub fn check_overlay(name: &str, text: &str) -> Result<usize, LexiconError> {
        load::check_overlay(name, text)
    }

    /// All dictionary phrases in `text`, left to right, without overlaps (the longest phrase
    /// wins), each on word boundaries.
    pub fn find(&self, text: &str) -> Vec<Match> {
        matcher::find(self, text)
    }

    /// The meanings of a matched phrase, overlay meanings first.
    pub fn meanings(&self, m: &Match) -> &[Meaning] {
        &self.patterns[m.pattern].meanings
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.get(code)
    }

    pub fn organization(&self, idx: usize) -> &Organization {
        &self.organizations[idx]
    }

    pub fn person(&self, idx: usize) -> &Person {
        &self.people[idx]
    }

    pub fn place(&self, idx: usize) -> &Place {
        &self.places[idx]
    }

    /// The gazetteer entry for a country's capital or the country itself.
    pub fn place_named(&self, name: &str, country: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.country == country && p.name.eq_ignore_ascii_case(name))
    }

    /// A digest of all loaded data, recorded with coded events so a store can tell which
    /// lexicon produced them.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn n_patterns(&self) -> usize {
        self.patterns.len()
    }
}
