//! GDELT 2.0 event exports: tab-separated, 61 columns, no header (GDELT 1.0's 57- and
//! 58-column files, without the ADM2 columns, are read too). [`write`] produces the same
//! layout from merged events, for users of GDELT tools.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::sync::OnceLock;

use chrono::Datelike;
use dyad_model::plover::from_cameo;
use dyad_model::{Entity, EventType, Location};
use dyad_store::EventRow;

use crate::table::{Delimited, Fields};
use crate::{imported_event, Dataset, EntityResolver, ImportRow, Row, RowError};

const FIPS: &str = include_str!("../data/fips.tsv");

/// FIPS 10-4 → ISO3 (GDELT's geography columns use FIPS country codes).
fn fips_to_iso3() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    MAP.get_or_init(|| {
        FIPS.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("fips\t"))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

fn iso3_to_fips(iso3: &str) -> &'static str {
    static MAP: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    let map = MAP.get_or_init(|| fips_to_iso3().iter().map(|(f, i)| (*i, *f)).collect());
    map.get(iso3).copied().unwrap_or("")
}

/// Column positions that differ between GDELT 1.0 and 2.0.
struct Layout {
    action_geo: usize,
    geo_width: usize,
    source_url: Option<usize>,
}

fn layout(n_columns: usize) -> Option<Layout> {
    match n_columns {
        61 => Some(Layout { action_geo: 51, geo_width: 8, source_url: Some(60) }),
        58 => Some(Layout { action_geo: 49, geo_width: 7, source_url: Some(57) }),
        57 => Some(Layout { action_geo: 49, geo_width: 7, source_url: None }),
        _ => None,
    }
}

pub(crate) fn read<'a, R: Read + 'a>(
    input: R,
    resolver: EntityResolver<'a>,
) -> impl Iterator<Item = io::Result<Row>> + 'a {
    let mut table = Delimited::new(input, b'\t', false);
    std::iter::from_fn(move || {
        let fields = match table.next_row()? {
            Ok(Ok(f)) => f,
            Ok(Err(e)) => return Some(Ok(Row::Skipped(e))),
            Err(e) => return Some(Err(e)),
        };
        Some(Ok(match row(&fields, resolver) {
            Ok(record) => Row::Record(Box::new(record)),
            Err(e) => Row::Skipped(e),
        }))
    })
}

fn row(f: &Fields, resolver: EntityResolver<'_>) -> Result<ImportRow, RowError> {
    let line = f.line;
    let Some(layout) = layout(f.values.len()) else {
        return Err(RowError::new(
            line,
            "columns",
            format!(
                "{} columns; a GDELT event export has 61 (57 or 58 in GDELT 1.0)",
                f.values.len()
            ),
        ));
    };
    let id = f.get(Some(0));
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RowError::new(line, "GLOBALEVENTID", format!("`{id}` is not a number")));
    }
    let sql_date = f.get(Some(1));
    let date = chrono::NaiveDate::parse_from_str(sql_date, "%Y%m%d")
        .map_err(|_| RowError::new(line, "SQLDATE", format!("`{sql_date}` is not YYYYMMDD")))?;
    let date = crate::plausible(line, "SQLDATE", date)?;
    let code = f.get(Some(26));
    let cameo =
        from_cameo(code).filter(|_| code.bytes().all(|b| b.is_ascii_digit())).ok_or_else(|| {
            RowError::new(
                line,
                "EventCode",
                format!("CAMEO code `{code}` is not in the CAMEO to PLOVER table"),
            )
        })?;
    let actor = |start: usize| -> Option<Entity> {
        let (name, country, group, sector) = (
            f.get(Some(start + 1)),
            f.get(Some(start + 2)),
            f.get(Some(start + 3)),
            f.get(Some(start + 7)),
        );
        // A known group (an organisation) is the actor itself, in its country if one is
        // given; otherwise the country is.
        let mut entity = if !group.is_empty() {
            let mut e = resolver.state(group, sector, name);
            e.country = if resolver.known_code(country) { country } else { "IGO" }.into();
            e
        } else if resolver.known_code(country) {
            resolver.state(country, sector, name)
        } else {
            return None;
        };
        if !name.is_empty() {
            entity.entity_text = name.into();
        }
        Some(entity)
    };
    // No country and no known group: a generic actor of its type ("POLICE", Type1Code COP)
    // or an unidentified one (UNK), as dyad codes them (docs/unidentified.md).
    let actor1 = actor(5).unwrap_or_else(|| {
        let (name, sector) = (f.get(Some(6)), f.get(Some(12)));
        let sector = if sector.len() == 3 && sector.bytes().all(|b| b.is_ascii_uppercase()) {
            sector
        } else {
            "UNK"
        };
        Entity { entity_text: name.into(), sector: sector.into(), ..Entity::default() }
    });
    let recipient: Vec<Entity> = actor(15).into_iter().collect();
    let key = format!("GLOBALEVENTID {id}");
    let mode: Vec<String> =
        Some(cameo.mode).filter(|m| !m.is_empty()).map(str::to_string).into_iter().collect();
    let mut event =
        imported_event(Dataset::Gdelt, id, cameo.event, mode, vec![actor1], recipient, Some(date));
    event.cameo = code.to_string();
    event.context = cameo.contexts.iter().map(|c| c.to_string()).collect();
    let g = layout.action_geo;
    let geo_type = f.get(Some(g));
    if !matches!(geo_type, "" | "0") {
        let coord = |c: usize| f.get(Some(c)).parse::<f64>().ok();
        event.event_loc = Some(Location {
            extracted_place: f.get(Some(g + 1)).to_string(),
            resolved_place: f.get(Some(g + 1)).to_string(),
            country_code: fips_to_iso3().get(f.get(Some(g + 2))).unwrap_or(&"").to_string(),
            lat: coord(g + layout.geo_width - 3),
            lon: coord(g + layout.geo_width - 2),
            feature: match geo_type {
                "1" => "country",
                "2" | "5" => "region",
                _ => "city",
            }
            .to_string(),
        });
    }
    let source = layout.source_url.map(|c| f.get(Some(c))).filter(|s| !s.is_empty());
    Ok(ImportRow { event, key, source: source.map(str::to_string) })
}

/// Writes merged events as a GDELT 2.0 event table (61 tab-separated columns, no header).
/// Events without a date are left out (GDELT requires SQLDATE); the count written is
/// returned. Columns dyad has no value for are empty, as in GDELT's own files (AvgTone is 0:
/// dyad does not measure tone); DATEADDED is the event date at midnight, so the export is
/// the same every time.
pub fn write(out: &mut dyn Write, rows: &[EventRow]) -> io::Result<usize> {
    let mut written = 0;
    for r in rows {
        let Some(date) =
            r.date.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        let first = r.mentions.first().cloned().unwrap_or_default();
        let entities = |key: &str| -> Vec<Entity> {
            serde_json::from_value(first[key].clone()).unwrap_or_default()
        };
        let (actors, recipients) = (entities("actor"), entities("recipient"));
        let modes = &r.modes;
        let event: EventType = r.event.parse().unwrap_or(EventType::Consult);
        let cameo = first["cameo"]
            .as_str()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| event.cameo(modes))
            .to_string();
        let intensity = first["intensity"].as_f64().unwrap_or_else(|| event.intensity(modes));
        let mut cols: Vec<String> = vec![String::new(); 61];
        cols[0] = r.id.to_string();
        cols[1] = date.format("%Y%m%d").to_string();
        cols[2] = date.format("%Y%m").to_string();
        cols[3] = date.format("%Y").to_string();
        cols[4] = format!("{:.4}", f64::from(date.year()) + f64::from(date.ordinal0()) / 365.0);
        actor_columns(&mut cols[5..15], actors.first());
        actor_columns(&mut cols[15..25], recipients.first());
        cols[25] = "1".into();
        cols[26] = cameo.clone();
        cols[27] = cameo.get(..3).unwrap_or(&cameo).to_string();
        cols[28] = cameo.get(..2).unwrap_or(&cameo).to_string();
        cols[29] = event.quad_code().to_string();
        cols[30] = format!("{intensity:.1}");
        cols[31] = r.n_mentions.to_string();
        cols[32] = r.n_sources.to_string();
        cols[33] = r.n_mentions.to_string();
        cols[34] = "0".into();
        for geo in [35, 43] {
            cols[geo] = "0".into();
        }
        cols[51] = "0".into();
        if let Ok(loc) = serde_json::from_value::<Location>(first["event_loc"].clone()) {
            cols[51] = match loc.feature.as_str() {
                "country" => "1",
                "region" => "5",
                _ => "4",
            }
            .into();
            cols[52] = loc.resolved_place.clone();
            cols[53] = iso3_to_fips(&loc.country_code).to_string();
            cols[56] = loc.lat.map(|v| v.to_string()).unwrap_or_default();
            cols[57] = loc.lon.map(|v| v.to_string()).unwrap_or_default();
        }
        cols[59] = format!("{}000000", cols[1]);
        cols[60] = r
            .sources
            .iter()
            .find(|s| s.starts_with("http"))
            .or(r.sources.first())
            .cloned()
            .unwrap_or_default();
        let line: Vec<String> =
            cols.into_iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect();
        writeln!(out, "{}", line.join("\t"))?;
        written += 1;
    }
    Ok(written)
}

/// The Actor{1,2}Name of an entity, upper case as GDELT writes it: a state (or a sector of
/// one) by the country's name in the lexicon, whatever name the record carries (records from
/// datasets may carry the code as the name: `KOR` beside `NORTH KOREA`); anything else by
/// its name, else its code.
fn actor_name(e: &Entity) -> String {
    let lexicon = dyad_lexicon::Lexicon::builtin();
    let country_name =
        Some(e).filter(|e| e.code == e.country).and_then(|e| lexicon.country(&e.code));
    let name = match country_name {
        Some(country) => country.name.as_str(),
        None if !e.name.is_empty() => e.name.as_str(),
        None => e.code.as_str(),
    };
    name.to_uppercase()
}

/// Actor{1,2}Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
/// Religion2Code, Type1Code, Type2Code, Type3Code.
fn actor_columns(cols: &mut [String], entity: Option<&Entity>) {
    let Some(e) = entity else { return };
    let state = e.code == e.country;
    cols[0] = format!("{}{}", e.code, e.sector);
    cols[1] = actor_name(e);
    cols[2] = e.country.to_string();
    if !state {
        cols[3] = e.code.to_string();
    }
    cols[7] = e.sector.to_string();
}
