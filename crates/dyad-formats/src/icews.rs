//! ICEWS coded event data (Harvard Dataverse releases): tab-separated with a header; actors
//! by name, sectors and country name; events by CAMEO code.

use std::io::{self, Read};

use dyad_model::plover::from_cameo;

use crate::table::{with_header, Delimited, Fields, Header};
use crate::{imported_event, Dataset, EntityResolver, ImportRow, Row, RowError};

struct Columns {
    id: usize,
    date: usize,
    source_name: Option<usize>,
    source_sectors: Option<usize>,
    source_country: Option<usize>,
    event_text: Option<usize>,
    cameo: usize,
    target_name: Option<usize>,
    target_sectors: Option<usize>,
    target_country: Option<usize>,
    publisher: Option<usize>,
    city: Option<usize>,
    province: Option<usize>,
    country: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
}

impl Columns {
    fn new(h: &Header) -> io::Result<Columns> {
        Ok(Columns {
            id: h.require(&["Event ID"])?,
            date: h.require(&["Event Date"])?,
            source_name: h.find(&["Source Name"]),
            source_sectors: h.find(&["Source Sectors"]),
            source_country: h.find(&["Source Country"]),
            event_text: h.find(&["Event Text"]),
            cameo: h.require(&["CAMEO Code"])?,
            target_name: h.find(&["Target Name"]),
            target_sectors: h.find(&["Target Sectors"]),
            target_country: h.find(&["Target Country"]),
            publisher: h.find(&["Publisher"]),
            city: h.find(&["City"]),
            province: h.find(&["Province"]),
            country: h.find(&["Country"]),
            lat: h.find(&["Latitude"]),
            lon: h.find(&["Longitude"]),
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

fn row(f: &Fields, c: &Columns, resolver: EntityResolver<'_>) -> Result<ImportRow, RowError> {
    let line = f.line;
    let id = f.required(c.id, "Event ID")?;
    let date = f.date(c.date, "Event Date")?;
    let mut code = f.get(Some(c.cameo)).to_string();
    // Spreadsheets drop the leading zero of codes such as 042.
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit()) {
        code.insert(0, '0');
    }
    let cameo = from_cameo(&code)
        .filter(|_| !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| {
            RowError::new(
                line,
                "CAMEO Code",
                format!("CAMEO code `{code}` is not in the CAMEO to PLOVER table"),
            )
        })?;
    let source_name = f.get(c.source_name);
    let actor = resolver
        .entity(source_name, f.get(c.source_country), f.get(c.source_sectors), Some(date))
        .ok_or_else(|| {
            RowError::new(
                line,
                "Source Name",
                format!("cannot resolve `{source_name}` to a country"),
            )
        })?;
    let recipient = resolver.entity(
        f.get(c.target_name),
        f.get(c.target_country),
        f.get(c.target_sectors),
        Some(date),
    );
    let mode: Vec<String> =
        Some(cameo.mode).filter(|m| !m.is_empty()).map(str::to_string).into_iter().collect();
    let mut event = imported_event(
        Dataset::Icews,
        id,
        cameo.event,
        mode,
        vec![actor],
        recipient.into_iter().collect(),
        Some(date),
    );
    event.cameo = code.clone();
    event.context = cameo.contexts.iter().map(|c| c.to_string()).collect();
    event.event_text = crate::rows::text_field(line, "Event Text", f.get(c.event_text))?;
    let feature = if f.get(c.city).is_empty() { "region" } else { "city" };
    event.event_loc = f.location(
        &[c.city, c.province, c.country],
        f.get(c.country),
        (c.lat, c.lon),
        feature,
        resolver,
    );
    let source = f.optional(c.publisher);
    Ok(ImportRow { event, key: format!("Event ID {id}"), source })
}
