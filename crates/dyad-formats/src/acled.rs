//! ACLED (Armed Conflict Location & Event Data): comma-separated with a header. Event and
//! sub-event types map to PLOVER with the project's table `data/acled2plover.tsv`; actors
//! are named ("Military Forces of Russia (2000-)") and resolved with the lexicon; fatalities
//! become the event's size.

use std::io::{self, Read};
use std::sync::OnceLock;

use dyad_model::{EventType, Size};

use crate::table::{with_header, Delimited, Fields, Header};
use crate::{imported_event, Dataset, EntityResolver, ImportRow, Row, RowError};

const TABLE: &str = include_str!("../data/acled2plover.tsv");

/// (event type, sub-event type, PLOVER type or `None` for rows that are not events, mode).
type Mapping = (&'static str, &'static str, Option<EventType>, &'static str);

fn mappings() -> &'static [Mapping] {
    static MAP: OnceLock<Vec<Mapping>> = OnceLock::new();
    MAP.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("event_type\t") && !l.is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let (event_type, sub) = (cols.next()?, cols.next()?);
                let plover = cols.next()?;
                let mode = cols.next().unwrap_or("");
                Some((event_type, sub, plover.parse().ok(), mode))
            })
            .collect()
    })
}

/// The PLOVER type and mode of an ACLED event and sub-event type; `Ok(None)` for the types
/// that are not events between actors.
fn map(event_type: &str, sub: &str) -> Result<Option<(EventType, &'static str)>, ()> {
    let table = mappings();
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    let found = table
        .iter()
        .find(|m| same(m.0, event_type) && same(m.1, sub))
        .or_else(|| table.iter().find(|m| same(m.0, event_type) && m.1.is_empty()))
        .ok_or(())?;
    Ok(found.2.map(|t| (t, found.3)))
}

struct Columns {
    id: usize,
    date: usize,
    event_type: usize,
    sub_event_type: Option<usize>,
    actor1: usize,
    actor2: Option<usize>,
    country: Option<usize>,
    location: Option<usize>,
    admin1: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    source: Option<usize>,
    notes: Option<usize>,
    fatalities: Option<usize>,
}

impl Columns {
    fn new(h: &Header) -> io::Result<Columns> {
        Ok(Columns {
            id: h.require(&["event_id_cnty", "data_id"])?,
            date: h.require(&["event_date"])?,
            event_type: h.require(&["event_type"])?,
            sub_event_type: h.find(&["sub_event_type"]),
            actor1: h.require(&["actor1"])?,
            actor2: h.find(&["actor2"]),
            country: h.find(&["country"]),
            location: h.find(&["location"]),
            admin1: h.find(&["admin1"]),
            lat: h.find(&["latitude"]),
            lon: h.find(&["longitude"]),
            source: h.find(&["source"]),
            notes: h.find(&["notes"]),
            fatalities: h.find(&["fatalities"]),
        })
    }
}

pub(crate) fn read<'a, R: Read + 'a>(
    input: R,
    resolver: EntityResolver<'a>,
) -> impl Iterator<Item = io::Result<Row>> + 'a {
    let table = Delimited::new(input, b',', true);
    with_header(table, Columns::new, move |f, c| row(f, c, resolver))
}

fn row(f: &Fields, c: &Columns, resolver: EntityResolver<'_>) -> Result<ImportRow, RowError> {
    let line = f.line;
    let id = f.required(c.id, "event_id_cnty")?;
    let date = f.date(c.date, "event_date")?;
    let (event_type, sub) = (f.get(Some(c.event_type)), f.get(c.sub_event_type));
    let (event, mode) = match map(event_type, sub) {
        Ok(Some(found)) => found,
        Ok(None) => {
            return Err(RowError::new(
                line,
                "sub_event_type",
                format!("`{event_type}: {sub}` is not an event between actors"),
            ))
        }
        Err(()) => {
            return Err(RowError::new(line, "event_type", format!("unknown type `{event_type}`")))
        }
    };
    let country = f.get(c.country);
    // The actor's own country ("Police Forces of Kenya") wins over the event's country.
    let resolve = |name: &str| {
        resolver
            .entity(name, "", "", Some(date))
            .or_else(|| resolver.entity(name, country, "", Some(date)))
    };
    let actor1 = f.get(Some(c.actor1));
    let actor = resolve(actor1).ok_or_else(|| {
        RowError::new(line, "actor1", format!("cannot resolve `{actor1}` to a country"))
    })?;
    let recipient = resolve(f.get(c.actor2));
    let modes: Vec<String> =
        Some(mode).filter(|m| !m.is_empty()).map(str::to_string).into_iter().collect();
    let mut e = imported_event(
        Dataset::Acled,
        id,
        event,
        modes,
        vec![actor],
        recipient.into_iter().collect(),
        Some(date),
    );
    e.text = crate::rows::text_field(line, "notes", f.get(c.notes))?;
    e.event_text = if sub.is_empty() { event_type.to_string() } else { sub.to_string() };
    if let Ok(n) = f.get(c.fatalities).parse::<u32>() {
        if n > 0 {
            e.size = Some(Size {
                value: f64::from(n),
                unit: "fatalities".to_string(),
                qualifier: None,
                text: format!("{n} fatalities"),
            });
        }
    }
    e.event_loc = f.location(&[c.location, c.admin1], country, (c.lat, c.lon), "city", resolver);
    let source = f.optional(c.source);
    Ok(ImportRow { event: e, key: format!("event_id_cnty {id}"), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_maps_every_row() {
        assert_eq!(map("Battles", "Armed clash"), Ok(Some((EventType::Assault, "firearms"))));
        assert_eq!(map("Battles", "something new"), Ok(Some((EventType::Assault, "firearms"))));
        assert_eq!(map("Strategic developments", "Other"), Ok(None));
        assert_eq!(map("Picnics", ""), Err(()));
        // Every non-"-" row names a PLOVER type.
        for line in TABLE.lines().filter(|l| !l.starts_with('#') && !l.starts_with("event_type")) {
            let plover = line.split('\t').nth(2).unwrap();
            assert!(plover == "-" || plover.parse::<EventType>().is_ok(), "{line}");
        }
    }
}
