//! The PLOVER ontology: the 16 event types, their quad categories, the conflict–cooperation
//! scores of the PLOVER manual, and the CAMEO conversion table.
//!
//! Two inconsistencies in the manual are resolved here, deliberately:
//! - SANCTION is listed as verbal conflict in the quad table but as material conflict in its
//!   own section and in the summary of event categories; dyad uses material conflict (4).
//! - The score table gives ACCUSE a base score of +3, which contradicts every ACCUSE mode
//!   (−2 … −3.5) and the earlier published value (−2.0); dyad uses −3.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub fn quad_code(self) -> u8 {
        use EventType::*;
        match self {
            Agree | Consult | Support | Concede => 1,
            Cooperate | Aid | Retreat => 2,
            Request | Accuse | Reject | Threaten => 3,
            Protest | Sanction | Mobilize | Coerce | Assault => 4,
        }
    }

    /// The PLOVER conflict–cooperation score of the type, refined by the first mode that has
    /// a score of its own.
    pub fn intensity(self, modes: &[String]) -> f64 {
        modes.iter().find_map(|m| mode_score(self, m)).unwrap_or_else(|| base_score(self))
    }

    /// Whether PLOVER lets the type stand without a recipient.
    pub fn requires_recipient(self) -> bool {
        matches!(self, EventType::Cooperate | EventType::Aid | EventType::Sanction)
    }

    /// The CAMEO code that best matches the type and modes: the first row of the official
    /// conversion table with this type and the first mode (or no mode).
    pub fn cameo(self, modes: &[String]) -> &'static str {
        let table = cameo_table();
        let mode = modes.first().map(String::as_str).unwrap_or("");
        let by_mode = table.iter().find(|r| r.event == self && r.mode == mode);
        let any = || table.iter().find(|r| r.event == self && r.mode.is_empty());
        let first = || table.iter().find(|r| r.event == self);
        by_mode.or_else(any).or_else(first).map_or("", |r| r.cameo)
    }

    /// The CAMEO code of a REQUEST that is an appeal (CAMEO 02) rather than a demand (CAMEO
    /// 10): PLOVER merges the two, CAMEO numbers their subcategories alike (`1033` demand
    /// humanitarian aid, `0233` appeal for it).
    pub fn appeal_cameo(self, modes: &[String]) -> String {
        let code = self.cameo(modes);
        match code.strip_prefix("10") {
            Some(rest) if self == EventType::Request => format!("02{rest}"),
            _ => code.to_string(),
        }
    }

    /// The two-digit CAMEO root ("cue category") of [`EventType::cameo`].
    pub fn cameo_root(self, modes: &[String]) -> &'static str {
        let code = self.cameo(modes);
        code.get(..2).unwrap_or(code)
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEventType(pub String);

impl fmt::Display for UnknownEventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown PLOVER event type `{}`", self.0)
    }
}

impl std::error::Error for UnknownEventType {}

impl FromStr for EventType {
    type Err = UnknownEventType;

    /// Accepts current names in any case, and the PLOVER 0.5 names that were renamed
    /// (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        let renamed = match upper.as_str() {
            "DEMAND" => Some(EventType::Request),
            "DISAPPROVE" | "INVESTIGATE" => Some(EventType::Accuse),
            "FIGHT" => Some(EventType::Assault),
            _ => None,
        };
        renamed
            .or_else(|| EventType::ALL.into_iter().find(|t| t.as_str() == upper))
            .ok_or_else(|| UnknownEventType(s.to_string()))
    }
}

fn base_score(t: EventType) -> f64 {
    use EventType::*;
    match t {
        Agree => 2.5,
        Consult => 2.5,
        Support => 5.0,
        Concede => 4.5,
        Cooperate => 9.5,
        Aid => 10.0,
        Retreat => 6.5,
        Request => 0.0,
        Accuse => -3.0,
        Reject => -2.0,
        Threaten => -3.5,
        Protest => -5.0,
        Sanction => -6.0,
        Mobilize => -5.5,
        Coerce => -7.0,
        Assault => -9.0,
    }
}

fn mode_score(t: EventType, mode: &str) -> Option<f64> {
    use EventType::*;
    let score = match (t, mode) {
        (Consult, "visit") => 4.0,
        (Consult, "third-party") => 1.0,
        (Consult, "multilateral") => 4.0,
        (Consult, "phone") => 1.5,
        (Retreat, "withdraw") => 8.0,
        (Retreat, "release") => 6.5,
        (Retreat, "disarm") => 10.0,
        (Retreat, "ceasefire") => 7.5,
        (Retreat, "access") => 6.5,
        (Retreat, "resign") => 4.5,
        (Request, "assist") => 0.5,
        (Request, "change") => -1.0,
        (Request, "yield") => -1.0,
        (Request, "meet") => 0.0,
        (Accuse, "disapprove") => -2.0,
        (Accuse, "investigate") => -3.5,
        (Accuse, "allege") => -3.5,
        (Reject, "assist") => -1.5,
        (Reject, "change" | "yield" | "meet") => -2.0,
        (Threaten, "restrict") => -3.0,
        (Threaten, "arrest" | "relations" | "expel" | "violence") => -3.5,
        (Threaten, "territory") => -4.0,
        (Protest, "demo" | "strike") => -5.0,
        (Protest, "riot") => -7.0,
        (Protest, "hunger" | "boycott" | "obstruct") => -4.5,
        (Sanction, "convict" | "withdraw" | "discontinue") => -6.0,
        (Sanction, "expel") => -5.5,
        (Mobilize, "troops" | "weapons") => -6.5,
        (Mobilize, "police") => -5.5,
        (Mobilize, "militia") => -6.0,
        (Coerce, "seize" | "restrict" | "arrest" | "deport" | "withhold" | "cyber") => -7.0,
        (Coerce, "censor" | "curfew" | "misinformation") => -6.5,
        (Coerce, "martial-law") => -7.5,
        (Assault, "abduct" | "torture" | "sexual" | "destroy") => -8.5,
        (Assault, "beat" | "crowd-control") => -7.5,
        (Assault, "targeted" | "suicide-attack" | "aerial" | "drone" | "heavy-weapons") => -9.5,
        (Assault, "primitive") => -8.0,
        (Assault, "firearms" | "explosives") => -9.0,
        (Assault, "unconventional") => -10.0,
        _ => return None,
    };
    Some(score)
}

/// One row of the CAMEO → PLOVER conversion table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameoRow {
    pub cameo: &'static str,
    pub event: EventType,
    pub mode: &'static str,
    pub contexts: Vec<&'static str>,
}

const CAMEO_TABLE: &str = include_str!("../data/cameo2plover.tsv");

/// The official conversion table (CC BY-SA 4.0, Open Event Data Alliance), parsed once.
pub fn cameo_table() -> &'static [CameoRow] {
    static TABLE: OnceLock<Vec<CameoRow>> = OnceLock::new();
    TABLE.get_or_init(|| {
        CAMEO_TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("cameo\t") && !l.is_empty())
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let cameo = cols.next()?;
                let event = cols.next()?.parse().ok()?;
                let mode = cols.next().unwrap_or("").trim();
                let contexts = cols.next().unwrap_or("").split(';').filter(|c| !c.is_empty());
                Some(CameoRow { cameo, event, mode, contexts: contexts.collect() })
            })
            .collect()
    })
}

/// Looks up a CAMEO code (2 to 4 digits), falling back to shorter prefixes.
pub fn from_cameo(code: &str) -> Option<&'static CameoRow> {
    let table = cameo_table();
    let code = code.trim();
    // The table drops CAMEO 02 (appeals); dyad codes them as the matching 10x demands
    // (REQUEST), as its coder does, and keeps the 02x code on the event.
    let demand;
    let code = match code.strip_prefix("02") {
        Some(rest) => {
            demand = format!("10{rest}");
            demand.as_str()
        }
        None => code,
    };
    (2..=code.len()).rev().find_map(|n| {
        let prefix = code.get(..n)?;
        let padded = if prefix.len() == 2 { format!("{prefix}0") } else { prefix.to_string() };
        table.iter().find(|r| r.cameo == padded)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_every_type() {
        for t in EventType::ALL {
            assert!(!t.cameo(&[]).is_empty(), "{t} has no CAMEO code");
        }
        // The official table lists 175 twice; dyad keeps it once.
        assert_eq!(cameo_table().len(), 256);
    }

    #[test]
    fn modes_refine_cameo_and_intensity() {
        let heavy = vec!["heavy-weapons".to_string()];
        assert_eq!(EventType::Assault.cameo(&heavy), "194");
        assert_eq!(EventType::Assault.cameo_root(&heavy), "19");
        assert_eq!(EventType::Assault.intensity(&heavy), -9.5);
        assert_eq!(EventType::Consult.intensity(&["visit".to_string()]), 4.0);
        assert_eq!(EventType::Aid.intensity(&[]), 10.0);
        assert_eq!(EventType::Request.cameo(&["meet".to_string()]), "106");
        assert_eq!(EventType::Request.appeal_cameo(&["meet".to_string()]), "026");
        assert_eq!(EventType::Request.appeal_cameo(&[]), "020");
        assert_eq!(EventType::Accuse.appeal_cameo(&[]), EventType::Accuse.cameo(&[]));
        // Appeals import as the matching demands; statements have no PLOVER type.
        assert_eq!(from_cameo("0233").map(|r| r.event), Some(EventType::Request));
        assert_eq!(from_cameo("0233").map(|r| r.cameo), from_cameo("1033").map(|r| r.cameo));
        assert!(from_cameo("010").is_none());
    }

    #[test]
    fn parses_old_names() {
        assert_eq!("DEMAND".parse::<EventType>().unwrap(), EventType::Request);
        assert_eq!("fight".parse::<EventType>().unwrap(), EventType::Assault);
        assert!("PARTY".parse::<EventType>().is_err());
    }

    #[test]
    fn cameo_lookup_falls_back_to_prefix() {
        assert_eq!(from_cameo("1384").unwrap().event, EventType::Threaten);
        assert_eq!(from_cameo("19").unwrap().event, EventType::Assault);
        assert_eq!(from_cameo("0874").unwrap().mode, "disarm");
    }
}
