//! The shared vocabulary of dyad: documents, sentences, footnotes, entities, events and the
//! PLOVER ontology (event types, modes, quad codes, intensity scores, CAMEO codes).
//!
//! Every other crate speaks in these types. The crate does no IO and holds no behaviour beyond
//! what the ontology itself defines (for example the quad code of an event type).
//!
//! ```
//! use dyad_model::plover::EventType;
//! let t: EventType = "assault".parse().unwrap();
//! assert_eq!(t.quad_code(), 4);
//! assert_eq!(t.as_str(), "ASSAULT");
//! ```
//!
//! Deliberately not here: parsing (`dyad-ingest`), dictionaries (`dyad-lexicon`), coding rules
//! (`dyad-coder`).

pub mod calendar;
pub mod document;
pub mod event;
pub mod plover;

pub use compact_str::CompactString;
pub use document::{Alternate, Document, Footnote, FootnoteMarker, Sentence};
pub use event::{
    Attribution, Citation, Entity, Event, Location, Modality, Size, TextInfo, GROUP_COUNTRIES,
};
pub use plover::EventType;

/// Version of the event record written by `dyad code`; bump it when a field changes meaning.
pub const EVENT_SCHEMA_VERSION: &str = "1";
