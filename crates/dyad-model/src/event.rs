//! The event record: one coded event with its evidence. Its JSON form is the `dyad code`
//! output contract (see `docs/event.schema.json`).

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::plover::EventType;

/// PLOVER's `country` values for actors that are not one state (international and
/// regional organisations, NGOs, multinationals; `WST` is dyad's "the West"): generic
/// parties, left out of summaries of who does what to whom unless asked for.
pub const GROUP_COUNTRIES: [&str; 7] = ["IGO", "UNO", "EUR", "NGO", "IMG", "MNC", "WST"];

/// An actor or recipient.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entity {
    /// The words in the text that named it.
    pub entity_text: CompactString,
    /// The entity's own code: the ISO3 country code for states and their sectors, the
    /// organisation's code for organisations (`NATO`, `IMF`, `HAMAS`).
    pub code: CompactString,
    /// The PLOVER country field: ISO3, or `IGO`, `UNO`, `EUR`, `NGO`, `IMG`, `MNC`, `WST`.
    pub country: CompactString,
    /// PLOVER sector (`GOV`, `MIL`, …); empty when the phrase names only a country or people.
    pub sector: CompactString,
    /// Canonical name (country name, person, organisation).
    pub name: CompactString,
}

/// Where an event took place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub extracted_place: String,
    pub resolved_place: String,
    pub country_code: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// `country`, `capital`, `city` or `region`.
    pub feature: String,
}

/// "close to 1.6 million artillery shells" → value 1600000, unit "artillery shells",
/// qualifier "close to".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Size {
    pub value: f64,
    pub unit: String,
    pub qualifier: Option<String>,
    pub text: String,
}

/// Who the text says the information comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub text: String,
    pub source: Option<Entity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub number: u32,
    pub text: String,
    pub url: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextInfo {
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Byte offsets of the sentence in the document text.
    pub start: usize,
    pub end: usize,
}

/// The factual status of an event, one value, chosen by precedence
/// negated > conditional > hypothetical > alleged > future > reported > historical > asserted.
/// `alleged` is the content of an accusation ("accused X of shelling the town"): someone says
/// it happened, as a charge against the party named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Historical,
    Reported,
    Future,
    Alleged,
    Hypothetical,
    Conditional,
    Negated,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Historical => "historical",
            Modality::Reported => "reported",
            Modality::Future => "future",
            Modality::Alleged => "alleged",
            Modality::Hypothetical => "hypothetical",
            Modality::Conditional => "conditional",
            Modality::Negated => "negated",
        }
    }

    /// Every modality, from the most certain (asserted) to negated.
    pub const ALL: [Modality; 8] = [
        Modality::Asserted,
        Modality::Historical,
        Modality::Reported,
        Modality::Future,
        Modality::Alleged,
        Modality::Hypothetical,
        Modality::Conditional,
        Modality::Negated,
    ];
}

impl std::str::FromStr for Modality {
    type Err = String;

    /// A modality by its name (`reported`), in any case; an unknown name is an error that
    /// lists the known ones.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Modality::ALL.into_iter().find(|m| m.as_str() == lower).ok_or_else(|| {
            let names: Vec<&str> = Modality::ALL.iter().map(|m| m.as_str()).collect();
            format!("`{s}` is not a modality ({})", names.join(", "))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub doc_id: String,
    pub event: EventType,
    pub mode: Vec<String>,
    pub context: Vec<String>,
    pub actor: Vec<Entity>,
    pub recipient: Vec<Entity>,
    /// YYYY-MM-DD: the first day of the period that `date_text` names.
    pub date: Option<String>,
    pub date_text: Option<String>,
    /// `day`, `month`, `season`, `year`, `week`, `approximate`, `publication` (no date in
    /// the text: the publication date was used) or `access` (no date in the text and no
    /// publication date: the latest footnote access date, `Document::fallback_date`).
    pub date_precision: Option<String>,
    pub event_loc: Option<Location>,
    pub size: Option<Size>,
    pub modality: Modality,
    pub hedge: Option<String>,
    pub attribution: Option<Attribution>,
    pub quad_code: u8,
    pub intensity: f64,
    pub cameo: String,
    /// The evidence sentence.
    pub text: String,
    pub text_info: TextInfo,
    /// The trigger words as they appear in the text.
    pub event_text: String,
    /// Byte span of the trigger in the document text.
    pub trigger_span: (usize, usize),
    /// Id of the rule that produced the event, e.g. `AID/send:active`.
    pub rule: String,
    pub citations: Vec<Citation>,
    /// Why the coder made this event (filled with `--explain`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}
