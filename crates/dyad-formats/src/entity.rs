//! Actor names and country fields of other datasets turned into dyad entities, with the lexicon.

use chrono::NaiveDate;
use dyad_lexicon::{Lexicon, Meaning};
use dyad_model::Entity;

/// Codes that stand for a group of states or a kind of actor rather than one state; they are
/// kept as they are when a dataset uses them as a country.
const NON_STATE: &[&str] = &dyad_model::GROUP_COUNTRIES;

/// Resolves the names and codes datasets give for actors.
#[derive(Clone, Copy)]
pub struct EntityResolver<'a> {
    lexicon: &'a Lexicon,
}

impl<'a> EntityResolver<'a> {
    pub fn new(lexicon: &'a Lexicon) -> EntityResolver<'a> {
        EntityResolver { lexicon }
    }

    /// An ISO3 code as it is (`RUS`), or a country name, alias, adjective or capital
    /// (`Russian Federation`, `North Korean`) as the country's code.
    pub fn country(&self, text: &str) -> Option<String> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) && self.known_code(text)
        {
            return Some(text.to_string());
        }
        self.lexicon.find(text).iter().find_map(|m| {
            self.lexicon.meanings(m).iter().find_map(|meaning| match meaning {
                Meaning::Country { code }
                | Meaning::Adjective { code }
                | Meaning::People { code }
                | Meaning::Capital { code } => Some(code.clone()),
                _ => None,
            })
        })
    }

    /// The first PLOVER sector a text names ("Military", "Police Forces", "Government").
    pub fn sector(&self, text: &str) -> Option<String> {
        self.lexicon.find(text).iter().find_map(|m| {
            self.lexicon.meanings(m).iter().find_map(|meaning| match meaning {
                Meaning::Sector { sector, .. } | Meaning::Seat { sector, .. } => {
                    Some(sector.clone())
                }
                _ => None,
            })
        })
    }

    /// An actor from a dataset's name field, its country field (a code or a name; it wins
    /// over a country found in the name) and its sector field. A named organisation or
    /// person comes first; then the country; `None` when neither name nor country resolves.
    pub fn entity(
        &self,
        name: &str,
        country: &str,
        sectors: &str,
        date: Option<NaiveDate>,
    ) -> Option<Entity> {
        let name = name.trim();
        let sector = self.sector(sectors).or_else(|| self.sector(name)).unwrap_or_default();
        for m in self.lexicon.find(name) {
            for meaning in self.lexicon.meanings(&m) {
                match meaning {
                    Meaning::Organization(idx) => {
                        let org = self.lexicon.organization(*idx);
                        return Some(Entity {
                            entity_text: name.into(),
                            code: org.code.as_str().into(),
                            country: org.country.as_str().into(),
                            sector: org.sector.as_str().into(),
                            name: org.name.as_str().into(),
                        });
                    }
                    Meaning::Person(idx) => {
                        let person = self.lexicon.person(*idx);
                        let standing = person.standing(date);
                        return Some(Entity {
                            entity_text: name.into(),
                            code: person.country.as_str().into(),
                            country: person.country.as_str().into(),
                            sector: standing.sector.into(),
                            name: person.name.as_str().into(),
                        });
                    }
                    _ => {}
                }
            }
        }
        let code = self.country(country).or_else(|| self.country(name))?;
        Some(self.state(&code, &sector, name))
    }

    /// A state actor (or a non-state code such as `IGO`) with a sector.
    pub fn state(&self, code: &str, sector: &str, text: &str) -> Entity {
        let name = self.lexicon.country(code).map_or(code, |c| c.name.as_str());
        Entity {
            entity_text: if text.is_empty() { name.into() } else { text.into() },
            code: code.into(),
            country: code.into(),
            sector: sector.into(),
            name: name.into(),
        }
    }

    /// Whether `code` is a country (or group code) the lexicon knows.
    pub fn known_code(&self, code: &str) -> bool {
        self.lexicon.country(code).is_some() || NON_STATE.contains(&code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_sectors() {
        let r = EntityResolver::new(Lexicon::builtin());
        assert_eq!(r.country("RUS").as_deref(), Some("RUS"));
        assert_eq!(r.country("Russian Federation").as_deref(), Some("RUS"));
        assert_eq!(r.country("North Korea").as_deref(), Some("PRK"));
        assert_eq!(r.country("Atlantis"), None);
        let e = r.entity("Military Forces of Russia (2000-)", "", "", None).unwrap();
        assert_eq!((e.code.as_str(), e.sector.as_str()), ("RUS", "MIL"));
        let e = r.entity("Citizen (Ukraine)", "Ukraine", "", None).unwrap();
        assert_eq!((e.code.as_str(), e.sector.as_str()), ("UKR", "CVL"));
        let e = r.entity("Ministry", "Japan", "Government", None).unwrap();
        assert_eq!((e.code.as_str(), e.sector.as_str()), ("JPN", "GOV"));
        assert!(r.entity("Unidentified gang", "", "", None).is_none());
    }
}
