//! How sure a merged event is: the modality, hedge and attribution of its evidence (the first
//! mention), and whether its sources agree on the figure and the date.
//!
//! Tables and pages show these beside the codes, so that a reported or hypothetical claim does
//! not read as a fact and a merged event says when its reports differ.

use crate::EventRow;

impl EventRow {
    /// The first mention's modality (`asserted`, `reported`, …), or `asserted` for an event
    /// without one (an imported row states its event as a fact).
    pub fn modality(&self) -> &str {
        self.first_text("modality").unwrap_or("asserted")
    }

    /// The first mention's hedging words ("It is thought"), if any.
    pub fn hedge(&self) -> Option<&str> {
        self.first_text("hedge")
    }

    /// Who the first mention says the event is according to ("South Korea said"), if anyone.
    pub fn attribution(&self) -> Option<&str> {
        self.mentions.first()?["attribution"]["text"].as_str().filter(|t| !t.is_empty())
    }

    /// Whether the event is stated as a fact by its evidence: asserted, with no hedge.
    pub fn is_certain(&self) -> bool {
        self.modality() == "asserted" && self.hedge().is_none()
    }

    /// Whether some source states the event as a fact (asserted, with no hedge): what the
    /// `certain` filter of a query keeps, even when the first mention is hedged or reported.
    pub fn stated_as_fact(&self) -> bool {
        self.mentions.is_empty()
            || self.mentions.iter().any(|m| {
                m["modality"].as_str().unwrap_or("asserted") == "asserted"
                    && m["hedge"].as_str().unwrap_or("").is_empty()
            })
    }

    /// Whether the sources report different figures for the event (the same unit, different
    /// values or qualifiers; a figure in another unit counts as different too).
    pub fn figures_disagree(&self) -> bool {
        self.sizes.windows(2).any(|pair| {
            pair[0].value != pair[1].value
                || pair[0].unit != pair[1].unit
                || pair[0].qualifier != pair[1].qualifier
        })
    }

    /// The distinct dates the mentions give the event, in mention order (undated ones left
    /// out). The merge window lets reports a few days apart be one event.
    pub fn mention_dates(&self) -> Vec<&str> {
        let mut dates: Vec<&str> = Vec::new();
        for m in &self.mentions {
            if let Some(d) = m["date"].as_str().filter(|d| !d.is_empty()) {
                if !dates.contains(&d) {
                    dates.push(d);
                }
            }
        }
        dates
    }

    /// Whether the mentions give the event different dates.
    pub fn dates_disagree(&self) -> bool {
        self.mention_dates().len() > 1
    }

    /// The evidence sentence (the first mention's), cut to at most `width` characters at a
    /// word boundary, with "…" when cut.
    pub fn evidence_excerpt(&self, width: usize) -> String {
        let text = self.first_text("text").unwrap_or("");
        if text.chars().count() <= width {
            return text.to_string();
        }
        let head: String = text.chars().take(width.saturating_sub(1)).collect();
        // At the last space, unless that leaves little of the sentence (one long word).
        let cut = match head.rfind(' ') {
            Some(i) if i >= head.len() / 2 => &head[..i],
            _ => head.as_str(),
        };
        format!("{}…", cut.trim_end_matches([' ', ',', ';', ':']))
    }

    fn first_text(&self, key: &str) -> Option<&str> {
        self.mentions.first()?[key].as_str().filter(|t| !t.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::{EventRow, Figure};

    fn row(mentions: Vec<serde_json::Value>, sizes: Vec<Figure>) -> EventRow {
        EventRow {
            id: 1,
            event: "AID".into(),
            actors: "PRK".into(),
            recipients: "RUS".into(),
            date: Some("2024-06-01".into()),
            n_mentions: mentions.len(),
            n_sources: mentions.len(),
            modes: Vec::new(),
            modalities: Vec::new(),
            sources: Vec::new(),
            sizes,
            mentions,
        }
    }

    fn figure(value: f64, qualifier: Option<&str>, source: &str) -> Figure {
        Figure {
            value,
            unit: "shells".into(),
            qualifier: qualifier.map(str::to_string),
            source: source.into(),
        }
    }

    #[test]
    fn the_first_mention_says_how_sure() {
        let r = row(
            vec![
                json!({"modality": "reported", "hedge": "It is thought", "attribution": {"text": "Seoul said"}, "date": "2024-06-01"}),
                json!({"modality": "asserted", "date": "2024-06-03"}),
            ],
            vec![],
        );
        assert_eq!(r.modality(), "reported");
        assert_eq!(r.hedge(), Some("It is thought"));
        assert_eq!(r.attribution(), Some("Seoul said"));
        assert!(!r.is_certain());
        assert!(r.stated_as_fact(), "the second source states it as a fact");
        assert!(r.dates_disagree());
        let long = row(
            vec![json!({"text": "North Korea sent shells, drones and missiles to Russia."})],
            vec![],
        );
        assert_eq!(long.evidence_excerpt(30), "North Korea sent shells…");
        assert_eq!(
            long.evidence_excerpt(100),
            "North Korea sent shells, drones and missiles to Russia."
        );
        assert_eq!(r.mention_dates(), ["2024-06-01", "2024-06-03"]);
    }

    #[test]
    fn figures_agree_only_when_equal() {
        let same = row(vec![json!({})], vec![figure(1.0e6, None, "A")]);
        assert!(!same.figures_disagree());
        assert!(same.is_certain(), "no modality recorded reads as asserted");
        let differ = row(
            vec![json!({}), json!({})],
            vec![figure(1.6e6, Some("close to"), "A"), figure(1.0e6, None, "B")],
        );
        assert!(differ.figures_disagree());
        assert!(!differ.dates_disagree());
    }
}
