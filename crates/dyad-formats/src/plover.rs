//! PLOVER JSONL: one JSON object per line. Three shapes are read:
//! - dyad's own coded events (`dyad code` output), taken as they are;
//! - PLOVER records, such as `dyad export --format plover` writes or the PLOVER gold
//!   standard uses (`actor`/`source`, `recipient`/`target`, `event_scale`, …);
//! - minimal records with only `event`, `actor`, `recipient` and `date`, whose quad code,
//!   intensity and CAMEO code are derived from the PLOVER tables.
//!
//! An actor may be a code (`"RUS"`, `"RUSGOV"`, `"RUS GOV"`, `"NATO"`), a list of codes, an
//! object (`{"code": "RUS", "sector": "GOV"}`) or a list of objects.

use std::io::{self, Read};

use dyad_model::{Attribution, Entity, Event, EventType, Location, Modality, Size};
use serde_json::Value;

use crate::rows::{text_field, Record, Records, MAX_ROW_BYTES};
use crate::{imported_event, parse_date, Dataset, EntityResolver, ImportRow, Row, RowError};

pub(crate) fn read<'a, R: Read + 'a>(
    input: R,
    resolver: EntityResolver<'a>,
) -> impl Iterator<Item = io::Result<Row>> + 'a {
    let mut records = Records::new(input, b'\n', false, MAX_ROW_BYTES);
    let mut buf = Vec::new();
    std::iter::from_fn(move || loop {
        let line_no = match records.next(&mut buf) {
            Ok(None) => return None,
            Ok(Some(Record::Read { line })) => line,
            Ok(Some(Record::TooLong { line, bytes })) => {
                let message =
                    format!("a line of {bytes} bytes, longer than the limit of {MAX_ROW_BYTES}");
                return Some(Ok(Row::Skipped(RowError::new(line, "line", message))));
            }
            Err(e) => return Some(Err(e)),
        };
        if line_no == 1 {
            if let Some(encoding) = utf16(&buf) {
                return Some(Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{encoding}, not UTF-8 as JSONL must be; convert it first (`iconv -f UTF-16 -t UTF-8`)"),
                )));
            }
        }
        let text = String::from_utf8_lossy(&buf);
        // A UTF-8 byte-order mark may open the file.
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            continue;
        }
        return Some(Ok(match record(text, line_no, resolver) {
            Ok(r) => Row::Record(Box::new(r)),
            Err(e) => Row::Skipped(e),
        }));
    })
}

pub(crate) fn record(
    text: &str,
    line: u64,
    resolver: EntityResolver<'_>,
) -> Result<ImportRow, RowError> {
    let value: Value = serde_json::from_str(text).map_err(|e| RowError::new(line, "json", e))?;
    if !value.is_object() {
        return Err(RowError::new(line, "json", "not a JSON object"));
    }
    let id = value["id"].as_str().map(str::to_string).unwrap_or_else(|| format!("line {line}"));
    let source = ["url", "outlet", "publication"]
        .iter()
        .find_map(|k| value[*k].as_str())
        // A dyad export names its sources in a list; the first stands for the row.
        .or_else(|| value["sources"][0].as_str())
        .map(str::to_string);
    // dyad's own event records carry every field; they still need an actor and a real date.
    if let Ok(event) = serde_json::from_value::<Event>(value.clone()) {
        if event.actor.is_empty() {
            return Err(RowError::new(line, "actor", "missing"));
        }
        if let Some(d) = event.date.as_deref() {
            match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(date) => {
                    crate::plausible(line, "date", date)?;
                }
                Err(_) => {
                    return Err(RowError::new(
                        line,
                        "date",
                        format!("`{d}` is not a YYYY-MM-DD date"),
                    ))
                }
            }
        }
        text_field(line, "text", &event.text)?;
        text_field(line, "event_text", &event.event_text)?;
        validate(line, &event)?;
        return Ok(ImportRow { event, key: id, source });
    }
    let type_text =
        value["event"].as_str().ok_or_else(|| RowError::new(line, "event", "missing"))?;
    let event: EventType =
        type_text.to_ascii_uppercase().parse().map_err(|e| RowError::new(line, "event", e))?;
    let date = match value["date"].as_str() {
        Some(d) => Some(crate::plausible(
            line,
            "date",
            parse_date(d)
                .ok_or_else(|| RowError::new(line, "date", format!("`{d}` is not a date")))?,
        )?),
        None => None,
    };
    let actor = entities(&value, &["actor", "source"], resolver, date)
        .map_err(|m| RowError::new(line, "actor", m))?;
    if actor.is_empty() {
        return Err(RowError::new(line, "actor", "missing"));
    }
    let recipient = entities(&value, &["recipient", "target"], resolver, date)
        .map_err(|m| RowError::new(line, "recipient", m))?;
    let mut e = imported_event(
        Dataset::Plover,
        &id,
        event,
        strings(&value["mode"]),
        actor,
        recipient,
        date,
    );
    e.context = strings(&value["context"]);
    if let Some(q) = present(&value["quad_code"]) {
        let q = q.as_u64().filter(|q| (1..=4).contains(q));
        e.quad_code = q.ok_or_else(|| RowError::new(line, "quad_code", "not 1, 2, 3 or 4"))? as u8;
    }
    for field in ["intensity", "event_scale"] {
        if let Some(i) = present(&value[field]) {
            e.intensity = i.as_f64().ok_or_else(|| RowError::new(line, field, "not a number"))?;
            break;
        }
    }
    if let Some(c) = value["cameo"].as_str().filter(|c| !c.is_empty()) {
        e.cameo = c.to_string();
    }
    e.text = text_field(line, "text", value["text"].as_str().unwrap_or(""))?;
    e.event_text = match &value["event_text"] {
        Value::String(s) => text_field(line, "event_text", s)?,
        other => text_field(line, "event_text", &strings(other).join(" "))?,
    };
    if let Ok(m) = serde_json::from_value::<Modality>(value["modality"].clone()) {
        e.modality = m;
    }
    e.event_loc = serde_json::from_value::<Location>(value["event_loc"].clone()).ok();
    e.size = serde_json::from_value::<Size>(value["size"].clone()).ok();
    // dyad's extensions of PLOVER (docs/event.schema.json, `export_record`): how the text
    // puts the event, so that a re-imported export is still hedged and attributed.
    if let Some(hedge) = value["hedge"].as_str().filter(|h| !h.is_empty()) {
        e.hedge = Some(text_field(line, "hedge", hedge)?);
    }
    e.attribution = attribution(&value["attribution"], resolver, date)
        .map_err(|m| RowError::new(line, "attribution", m))?;
    if let Some(p) = value["date_precision"].as_str().filter(|p| !p.is_empty()) {
        if e.date.is_some() {
            e.date_precision = Some(p.to_string());
        }
    }
    validate(line, &e)?;
    Ok(ImportRow { event: e, key: id, source })
}

/// Whether a file's first line is UTF-16 (a byte-order mark, or the NUL bytes of ASCII
/// text in UTF-16), and which.
fn utf16(first_line: &[u8]) -> Option<&'static str> {
    match first_line {
        [0xff, 0xfe, ..] => Some("UTF-16LE (a byte-order mark)"),
        [0xfe, 0xff, ..] => Some("UTF-16BE (a byte-order mark)"),
        [b'{', 0, ..] => Some("UTF-16LE"),
        [0, b'{', ..] => Some("UTF-16BE"),
        _ => None,
    }
}

/// A field that is there and not `null`.
fn present(v: &Value) -> Option<&Value> {
    Some(v).filter(|v| !v.is_null())
}

/// The numbers of a record against PLOVER's ranges: the quad code 1–4, the intensity finite
/// within ±10 and on the side of zero its event type is on (an ASSAULT of +5 is refused; a
/// REQUEST, scored 0, may lean either way), a size finite and not negative.
fn validate(line: u64, e: &Event) -> Result<(), RowError> {
    if !(1..=4).contains(&e.quad_code) {
        return Err(RowError::new(
            line,
            "quad_code",
            format!("{} is not 1, 2, 3 or 4", e.quad_code),
        ));
    }
    let i = e.intensity;
    if !i.is_finite() || !(-10.0..=10.0).contains(&i) {
        return Err(RowError::new(line, "intensity", format!("{i} is not between -10 and 10")));
    }
    let base = e.event.intensity(&[]);
    if (base > 0.0 && i < 0.0) || (base < 0.0 && i > 0.0) {
        let side = if base > 0.0 { "cooperation" } else { "conflict" };
        return Err(RowError::new(
            line,
            "intensity",
            format!("{i} is on the wrong side of zero for {} ({side})", e.event.as_str()),
        ));
    }
    if let Some(size) = &e.size {
        if !size.value.is_finite() || size.value < 0.0 {
            return Err(RowError::new(line, "size", format!("{} is not a count", size.value)));
        }
    }
    Ok(())
}

/// An attribution: `{"text": "South Korea said", "source": …}`, the source an actor as
/// [`entity`] reads it (or absent); a bare string is its text.
fn attribution(
    v: &Value,
    resolver: EntityResolver<'_>,
    date: Option<chrono::NaiveDate>,
) -> Result<Option<Attribution>, String> {
    let (text, source) = match v {
        Value::Null => return Ok(None),
        Value::String(text) => (text.as_str(), &Value::Null),
        Value::Object(o) => (o.get("text").and_then(Value::as_str).unwrap_or(""), &v["source"]),
        other => return Err(format!("`{other}` is not an attribution object")),
    };
    let source = match source {
        Value::Null => None,
        s => Some(entity(s, resolver, date)?),
    };
    if text.is_empty() && source.is_none() {
        return Ok(None);
    }
    Ok(Some(Attribution { text: text.to_string(), source }))
}

/// A string or a list of strings.
fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) if !s.is_empty() => vec![s.clone()],
        Value::Array(items) => {
            items.iter().filter_map(|i| i.as_str()).map(str::to_string).collect()
        }
        _ => Vec::new(),
    }
}

/// The entities under the first of `keys` the record has.
fn entities(
    record: &Value,
    keys: &[&str],
    resolver: EntityResolver<'_>,
    date: Option<chrono::NaiveDate>,
) -> Result<Vec<Entity>, String> {
    let Some(v) = keys.iter().map(|k| &record[*k]).find(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let items: Vec<&Value> = match v {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    items.into_iter().map(|item| entity(item, resolver, date)).collect()
}

fn entity(
    v: &Value,
    resolver: EntityResolver<'_>,
    date: Option<chrono::NaiveDate>,
) -> Result<Entity, String> {
    match v {
        Value::String(code) => code_entity(code, "", resolver, date),
        Value::Object(o) => {
            if let Ok(e) = serde_json::from_value::<Entity>(v.clone()) {
                // An unidentified or generic actor (docs/unidentified.md) has a sector and
                // no code.
                if !e.code.is_empty() || (e.country.is_empty() && !e.sector.is_empty()) {
                    return Ok(e);
                }
            }
            let code = ["code", "country", "actor"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str))
                .ok_or("an actor object needs a `code`")?;
            let mut e = code_entity(
                code,
                o.get("sector").and_then(Value::as_str).unwrap_or(""),
                resolver,
                date,
            )?;
            if let Some(t) = ["actorText", "entity_text", "text", "name"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str))
            {
                e.entity_text = t.into();
            }
            Ok(e)
        }
        other => Err(format!("`{other}` is not an actor code or object")),
    }
}

/// `RUS`, `RUSGOV`, `RUS GOV`, `RUS-GOV`, an organisation code (`NATO`) or a name.
fn code_entity(
    code: &str,
    sector: &str,
    resolver: EntityResolver<'_>,
    date: Option<chrono::NaiveDate>,
) -> Result<Entity, String> {
    let code = code.trim();
    if code.is_empty() {
        return Err("empty actor code".to_string());
    }
    if let Some(head) = code.get(..3).filter(|h| resolver.known_code(h)) {
        let rest = code[3..].trim_start_matches([' ', '-', '_']);
        let sector = if sector.is_empty() { rest } else { sector };
        if rest.is_empty() || rest.bytes().all(|b| b.is_ascii_uppercase()) {
            return Ok(resolver.state(head, sector, ""));
        }
    }
    if let Some(e) = resolver.entity(code, "", sector, date) {
        return Ok(e);
    }
    if code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        // A code dyad does not know (an armed group's, say): kept as its own actor.
        return Ok(Entity {
            entity_text: code.into(),
            code: code.into(),
            country: code.into(),
            sector: sector.into(),
            name: code.into(),
        });
    }
    Err(format!("cannot resolve actor `{code}`"))
}
