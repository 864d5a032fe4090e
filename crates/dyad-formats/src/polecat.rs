//! POLECAT (the PLOVER-coded successor of ICEWS): tab-separated weekly files with a header;
//! event type, mode and context are PLOVER already; actors come with a country code and a
//! sector.

use std::io::{self, Read};

use dyad_model::EventType;

use crate::table::{with_header, Delimited, Fields, Header};
use crate::{imported_event, Dataset, EntityResolver, ImportRow, Row, RowError};

struct Columns {
    id: usize,
    date: usize,
    event: usize,
    mode: Option<usize>,
    contexts: Option<usize>,
    actor_name: Option<usize>,
    actor_country: Option<usize>,
    actor_sector: Option<usize>,
    recipient_name: Option<usize>,
    recipient_country: Option<usize>,
    recipient_sector: Option<usize>,
    place: Option<usize>,
    country: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    source: Option<usize>,
    text: Option<usize>,
}

impl Columns {
    fn new(h: &Header) -> io::Result<Columns> {
        Ok(Columns {
            id: h.require(&["Event ID", "id"])?,
            date: h.require(&["Event Date", "date"])?,
            event: h.require(&["Event Type", "event"])?,
            mode: h.find(&["Event Mode", "mode"]),
            contexts: h.find(&["Contexts", "context"]),
            actor_name: h.find(&["Actor Name", "actor"]),
            actor_country: h.find(&["Actor Country"]),
            actor_sector: h.find(&["Primary Actor Sector", "Actor Sector", "Actor Sectors"]),
            recipient_name: h.find(&["Recipient Name", "recipient"]),
            recipient_country: h.find(&["Recipient Country"]),
            recipient_sector: h.find(&[
                "Primary Recipient Sector",
                "Recipient Sector",
                "Recipient Sectors",
            ]),
            place: h.find(&["Placename", "Raw Placename", "City"]),
            country: h.find(&["Country"]),
            lat: h.find(&["Latitude"]),
            lon: h.find(&["Longitude"]),
            source: h.find(&["Source", "Publisher"]),
            text: h.find(&["Event Text", "Text"]),
        })
    }
}

pub(crate) fn read<'a, R: Read + 'a>(
    input: R,
    resolver: EntityResolver<'a>,
) -> impl Iterator<Item = io::Result<Row>> + 'a {
    let table = Delimited::new(input, b'\t', false);
    with_header(table, Columns::new, move |f, c| row(f, c, resolver))
}

/// The first item of a `;`- or `,`-separated list.
fn first(list: &str) -> &str {
    list.split([';', ',']).next().unwrap_or("").trim()
}

fn list(text: &str) -> Vec<String> {
    text.split([';', ','])
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

fn row(f: &Fields, c: &Columns, resolver: EntityResolver<'_>) -> Result<ImportRow, RowError> {
    let line = f.line;
    let id = f.required(c.id, "Event ID")?;
    let date = f.date(c.date, "Event Date")?;
    let type_text = f.get(Some(c.event));
    let event: EventType =
        type_text.to_ascii_uppercase().parse().map_err(|e| RowError::new(line, "Event Type", e))?;
    let actor_name = f.get(c.actor_name);
    let actor = resolver
        .entity(actor_name, first(f.get(c.actor_country)), first(f.get(c.actor_sector)), Some(date))
        .ok_or_else(|| {
            RowError::new(
                line,
                "Actor Country",
                format!("cannot resolve `{actor_name}` to a country"),
            )
        })?;
    let recipient = resolver.entity(
        f.get(c.recipient_name),
        first(f.get(c.recipient_country)),
        first(f.get(c.recipient_sector)),
        Some(date),
    );
    let mut e = imported_event(
        Dataset::Polecat,
        id,
        event,
        list(f.get(c.mode)),
        vec![actor],
        recipient.into_iter().collect(),
        Some(date),
    );
    e.context = list(f.get(c.contexts));
    e.text = crate::rows::text_field(line, "Event Text", f.get(c.text))?;
    e.event_loc = f.location(&[c.place], f.get(c.country), (c.lat, c.lon), "city", resolver);
    let source = f.optional(c.source);
    Ok(ImportRow { event: e, key: format!("Event ID {id}"), source })
}
