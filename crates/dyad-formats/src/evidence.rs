//! What every export keeps of a merged event beside its codes: how the text puts it
//! (modality, hedge, attribution), the figure it reports, how precise its date is.
//! Without them "It is thought … close to 1.6 million shells" would read as a plain fact.

use dyad_model::{Attribution, Size};
use dyad_store::EventRow;

/// The qualifiers of a merged event, taken from its first mention (the evidence shown for
/// it), the figure from the first mention that reports one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Qualifiers {
    /// `asserted`, `reported`, `negated`, … (see `Modality`); empty for a row without mentions.
    pub modality: String,
    /// The hedging words ("It is thought").
    pub hedge: Option<String>,
    pub attribution: Option<Attribution>,
    pub size: Option<Size>,
    /// `day`, `month`, `year`, … as the coder or the dataset gave it.
    pub date_precision: Option<String>,
}

impl Qualifiers {
    pub fn of(row: &EventRow) -> Qualifiers {
        let Some(first) = row.mentions.first() else { return Qualifiers::default() };
        let text = |key: &str| first[key].as_str().filter(|t| !t.is_empty()).map(str::to_string);
        Qualifiers {
            modality: text("modality").unwrap_or_default(),
            hedge: text("hedge"),
            attribution: serde_json::from_value(first["attribution"].clone()).ok(),
            size: row
                .mentions
                .iter()
                .find_map(|m| serde_json::from_value::<Size>(m["size"].clone()).ok()),
            date_precision: text("date_precision"),
        }
    }

    /// The attribution's text ("South Korea said").
    pub fn attribution_text(&self) -> Option<&str> {
        self.attribution.as_ref().map(|a| a.text.as_str())
    }

    /// The code of whoever the attribution names (`KOR`, `KORGOV`), or its words when it has
    /// no code.
    pub fn attribution_source(&self) -> Option<String> {
        let source = self.attribution.as_ref()?.source.as_ref()?;
        if source.code.is_empty() {
            return Some(source.entity_text.to_string()).filter(|t| !t.is_empty());
        }
        Some(format!("{}{}", source.code, source.sector))
    }
}
