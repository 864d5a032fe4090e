//! Merged events as Apache Parquet (snappy-compressed), one file or partitioned by year and
//! month in Hive layout (`year=2024/month=6/part-0.parquet`), so DuckDB, Spark, Trino or
//! DataFusion can read a large store by partition.
//!
//! Columns: `id`, `date` (a date; null when unknown), `event`, `actor` and `recipient`
//! (lists of entity codes), `actor_sector`, `recipient_sector` (of the first entity),
//! `mode`, `modality` (lists), `quad_code`, `intensity`, `cameo`, `n_sources`,
//! `n_mentions`, `sources` (list), `size_value`, `size_unit` (the first reported figure),
//! `place`, `lat`, `lon`, `evidence` (the first mention's sentence), then the qualifiers of
//! the evidence (`crate::evidence::Qualifiers`): `date_precision`, `hedge`, `attribution`,
//! `attribution_source`, `size_qualifier`.
//!
//! [`read`] reads such a file back (this writer's, or Spark's from `spark/dyad_code.py`, whose
//! lists name their items `element` and whose columns are all nullable) as import rows: one
//! row, one event, through the PLOVER reader's checks. Parquet keeps its directory at the end
//! of the file, so a file is read whole into memory before its row groups are decoded:
//! partition files are small, and a large export is written as partitions.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float64Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use chrono::{Datelike, NaiveDate};
use dyad_model::{Entity, EventType, Location};
use dyad_store::EventRow;

use crate::evidence::Qualifiers;
use crate::{Dataset, EntityResolver, Row, RowError};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

/// Rows per record batch (and so per row group at most).
const BATCH_ROWS: usize = 65_536;

/// The Hive name of a partition whose value is null (an event without a date).
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

fn list(name: &str) -> Field {
    Field::new(name, DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))), false)
}

pub fn schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("date", DataType::Date32, true),
        Field::new("event", DataType::Utf8, false),
        list("actor"),
        list("recipient"),
        Field::new("actor_sector", DataType::Utf8, true),
        Field::new("recipient_sector", DataType::Utf8, true),
        list("mode"),
        list("modality"),
        Field::new("quad_code", DataType::Int32, false),
        Field::new("intensity", DataType::Float64, false),
        Field::new("cameo", DataType::Utf8, false),
        Field::new("n_sources", DataType::Int64, false),
        Field::new("n_mentions", DataType::Int64, false),
        list("sources"),
        Field::new("size_value", DataType::Float64, true),
        Field::new("size_unit", DataType::Utf8, true),
        Field::new("place", DataType::Utf8, true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        Field::new("evidence", DataType::Utf8, true),
        Field::new("date_precision", DataType::Utf8, true),
        Field::new("hedge", DataType::Utf8, true),
        Field::new("attribution", DataType::Utf8, true),
        Field::new("attribution_source", DataType::Utf8, true),
        Field::new("size_qualifier", DataType::Utf8, true),
    ]))
}

fn date_of(row: &EventRow) -> Option<NaiveDate> {
    row.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Days since 1970-01-01, Arrow's Date32.
fn date32(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    (d - epoch).num_days() as i32
}

fn batch(rows: &[&EventRow]) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let mut id = Int64Builder::new();
    let mut date = Date32Builder::new();
    let mut event = StringBuilder::new();
    let mut actor = ListBuilder::new(StringBuilder::new());
    let mut recipient = ListBuilder::new(StringBuilder::new());
    let mut actor_sector = StringBuilder::new();
    let mut recipient_sector = StringBuilder::new();
    let mut mode = ListBuilder::new(StringBuilder::new());
    let mut modality = ListBuilder::new(StringBuilder::new());
    let mut quad = Int32Builder::new();
    let mut intensity = Float64Builder::new();
    let mut cameo = StringBuilder::new();
    let mut n_sources = Int64Builder::new();
    let mut n_mentions = Int64Builder::new();
    let mut sources = ListBuilder::new(StringBuilder::new());
    let mut size_value = Float64Builder::new();
    let mut size_unit = StringBuilder::new();
    let mut place = StringBuilder::new();
    let mut lat = Float64Builder::new();
    let mut lon = Float64Builder::new();
    let mut evidence = StringBuilder::new();
    let mut date_precision = StringBuilder::new();
    let mut hedge = StringBuilder::new();
    let mut attribution = StringBuilder::new();
    let mut attribution_source = StringBuilder::new();
    let mut size_qualifier = StringBuilder::new();
    for r in rows {
        let first = r.mentions.first().cloned().unwrap_or_default();
        let entities = |key: &str| -> Vec<Entity> {
            serde_json::from_value(first[key].clone()).unwrap_or_default()
        };
        let kind: Option<EventType> = r.event.parse().ok();
        id.append_value(r.id);
        date.append_option(date_of(r).map(date32));
        event.append_value(&r.event);
        for (codes, builder) in [(&r.actors, &mut actor), (&r.recipients, &mut recipient)] {
            for code in codes.split('+').filter(|c| !c.is_empty()) {
                builder.values().append_value(code);
            }
            builder.append(true);
        }
        let sector =
            |es: &[Entity]| es.first().map(|e| e.sector.to_string()).filter(|s| !s.is_empty());
        actor_sector.append_option(sector(&entities("actor")));
        recipient_sector.append_option(sector(&entities("recipient")));
        for (items, builder) in
            [(&r.modes, &mut mode), (&r.modalities, &mut modality), (&r.sources, &mut sources)]
        {
            for item in items {
                builder.values().append_value(item);
            }
            builder.append(true);
        }
        quad.append_value(kind.map_or(0, |k| i32::from(k.quad_code())));
        intensity.append_value(
            first["intensity"]
                .as_f64()
                .or_else(|| kind.map(|k| k.intensity(&r.modes)))
                .unwrap_or(0.0),
        );
        cameo.append_value(first["cameo"].as_str().unwrap_or(""));
        n_sources.append_value(r.n_sources as i64);
        n_mentions.append_value(r.n_mentions as i64);
        let qualifiers = Qualifiers::of(r);
        // The figure of the evidence, with its qualifier; else the first any source reports.
        match &qualifiers.size {
            Some(size) => {
                size_value.append_value(size.value);
                size_unit.append_value(&size.unit);
                size_qualifier.append_option(size.qualifier.as_deref());
            }
            None => {
                let figure = r.sizes.first();
                size_value.append_option(figure.map(|f| f.value));
                size_unit.append_option(figure.map(|f| f.unit.as_str()));
                size_qualifier.append_option(figure.and_then(|f| f.qualifier.as_deref()));
            }
        }
        date_precision.append_option(qualifiers.date_precision.as_deref());
        hedge.append_option(qualifiers.hedge.as_deref());
        attribution.append_option(qualifiers.attribution_text());
        attribution_source.append_option(qualifiers.attribution_source());
        let loc = serde_json::from_value::<Location>(first["event_loc"].clone()).ok();
        place.append_option(loc.as_ref().map(|l| l.resolved_place.as_str()));
        lat.append_option(loc.as_ref().and_then(|l| l.lat));
        lon.append_option(loc.as_ref().and_then(|l| l.lon));
        evidence.append_option(first["text"].as_str().filter(|t| !t.is_empty()));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(date.finish()),
        Arc::new(event.finish()),
        Arc::new(actor.finish()),
        Arc::new(recipient.finish()),
        Arc::new(actor_sector.finish()),
        Arc::new(recipient_sector.finish()),
        Arc::new(mode.finish()),
        Arc::new(modality.finish()),
        Arc::new(quad.finish()),
        Arc::new(intensity.finish()),
        Arc::new(cameo.finish()),
        Arc::new(n_sources.finish()),
        Arc::new(n_mentions.finish()),
        Arc::new(sources.finish()),
        Arc::new(size_value.finish()),
        Arc::new(size_unit.finish()),
        Arc::new(place.finish()),
        Arc::new(lat.finish()),
        Arc::new(lon.finish()),
        Arc::new(evidence.finish()),
        Arc::new(date_precision.finish()),
        Arc::new(hedge.finish()),
        Arc::new(attribution.finish()),
        Arc::new(attribution_source.finish()),
        Arc::new(size_qualifier.finish()),
    ];
    // The list builders make nullable item fields named "item", as the schema says.
    RecordBatch::try_new(schema(), columns)
}

fn to_io(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(e)
}

/// Writes `rows` as one Parquet file.
pub fn write<W: io::Write + Send>(out: W, rows: &[EventRow]) -> io::Result<()> {
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut writer = ArrowWriter::try_new(out, schema(), Some(props)).map_err(to_io)?;
    let refs: Vec<&EventRow> = rows.iter().collect();
    for chunk in refs.chunks(BATCH_ROWS) {
        writer.write(&batch(chunk).map_err(to_io)?).map_err(to_io)?;
    }
    writer.close().map_err(to_io)?;
    Ok(())
}

/// Writes `rows` under `dir` partitioned by the year and month of their date
/// (`year=2024/month=6/part-0.parquet`; events without a date under the Hive null
/// partition). `dir` must not exist or be empty, so no stale partition is left beside the new
/// ones. Returns the number of files written.
pub fn write_partitioned(dir: &Path, rows: &[EventRow]) -> io::Result<usize> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; partitions go into a new or empty folder", dir.display()),
        ));
    }
    let mut parts: BTreeMap<Option<(i32, u32)>, Vec<EventRow>> = BTreeMap::new();
    for r in rows {
        let key = date_of(r).map(|d| (d.year(), d.month()));
        parts.entry(key).or_default().push(r.clone());
    }
    for (key, part) in &parts {
        let sub = match key {
            Some((y, m)) => dir.join(format!("year={y}")).join(format!("month={m}")),
            None => {
                dir.join(format!("year={NULL_PARTITION}")).join(format!("month={NULL_PARTITION}"))
            }
        };
        std::fs::create_dir_all(&sub)?;
        write(File::create(sub.join("part-0.parquet"))?, part)?;
    }
    Ok(parts.len())
}

/// Reads a Parquet file of exported events as import rows, one per Parquet row: the row's
/// `id` is its key, its first source its source. A row that the PLOVER reader's checks
/// refuse is skipped with its number (1-based, counted across row groups) and field; a file
/// that is not Parquet, or lacks the columns, is an error.
pub fn read<'a, R: Read + 'a>(
    mut input: R,
    resolver: EntityResolver<'a>,
) -> impl Iterator<Item = io::Result<Row>> + 'a {
    let mut batches = None;
    let mut pending: std::vec::IntoIter<Row> = Vec::new().into_iter();
    let mut row_no = 0u64;
    let mut failed = false;
    std::iter::from_fn(move || loop {
        if let Some(row) = pending.next() {
            return Some(Ok(row));
        }
        if failed {
            return None;
        }
        if batches.is_none() {
            let mut bytes = Vec::new();
            let opened = input.read_to_end(&mut bytes).and_then(|_| {
                parquet::arrow::arrow_reader::ParquetRecordBatchReader::try_new(
                    bytes::Bytes::from(bytes),
                    BATCH_ROWS,
                )
                .map_err(to_io)
            });
            match opened {
                Ok(reader) => batches = Some(reader),
                Err(e) => {
                    failed = true;
                    return Some(Err(e));
                }
            }
        }
        let batch = match batches.as_mut()?.next()? {
            Ok(batch) => batch,
            Err(e) => {
                failed = true;
                return Some(Err(to_io(e)));
            }
        };
        match rows_of(&batch, &mut row_no, resolver) {
            Ok(rows) => pending = rows.into_iter(),
            Err(e) => {
                failed = true;
                return Some(Err(e));
            }
        }
    })
}

/// A column of `batch` cast to `to`; an error naming the column when it is missing or cannot
/// be cast.
fn column(batch: &RecordBatch, name: &str, to: &DataType) -> io::Result<ArrayRef> {
    let found = batch.column_by_name(name).ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidData, format!("no column `{name}`: not a dyad export"))
    })?;
    arrow_cast::cast(found, to)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("column `{name}`: {e}")))
}

/// The rows of one record batch, as the PLOVER reader reads the JSON record each one makes.
fn rows_of(
    batch: &RecordBatch,
    row_no: &mut u64,
    resolver: EntityResolver<'_>,
) -> io::Result<Vec<Row>> {
    use serde_json::{json, Map, Value};
    let utf8 = DataType::Utf8;
    let list = DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)));
    let strings = |name: &str| -> io::Result<ArrayRef> { column(batch, name, &utf8) };
    let lists = |name: &str| -> io::Result<ArrayRef> { column(batch, name, &list) };
    let floats = |name: &str| -> io::Result<ArrayRef> { column(batch, name, &DataType::Float64) };
    let id = column(batch, "id", &DataType::Int64)?;
    let date = column(batch, "date", &DataType::Date32)?;
    let quad = column(batch, "quad_code", &DataType::Int64)?;
    let (event, actor, recipient) = (strings("event")?, lists("actor")?, lists("recipient")?);
    let (actor_sector, recipient_sector) = (strings("actor_sector")?, strings("recipient_sector")?);
    let (mode, modality, sources) = (lists("mode")?, lists("modality")?, lists("sources")?);
    let (intensity, cameo) = (floats("intensity")?, strings("cameo")?);
    let (size_value, size_unit, size_qualifier) =
        (floats("size_value")?, strings("size_unit")?, strings("size_qualifier")?);
    let (place, lat, lon) = (strings("place")?, floats("lat")?, floats("lon")?);
    let (evidence, date_precision, hedge) =
        (strings("evidence")?, strings("date_precision")?, strings("hedge")?);
    let (attribution, attribution_source) =
        (strings("attribution")?, strings("attribution_source")?);

    let text = |a: &ArrayRef, i: usize| -> Option<String> {
        let a = a.as_string::<i32>();
        a.is_valid(i).then(|| a.value(i).to_string())
    };
    let number = |a: &ArrayRef, i: usize| -> Option<f64> {
        let a = a.as_primitive::<Float64Type>();
        a.is_valid(i).then(|| a.value(i))
    };
    let items = |a: &ArrayRef, i: usize| -> Vec<String> {
        let a = a.as_list::<i32>();
        if !a.is_valid(i) {
            return Vec::new();
        }
        let values = a.value(i);
        let values = values.as_string::<i32>();
        (0..values.len())
            .filter(|j| values.is_valid(*j))
            .map(|j| values.value(j).to_string())
            .collect()
    };
    // The first entity carries the row's sector; the others only their codes. No code but a
    // sector is an unidentified or generic party (docs/unidentified.md).
    let parties = |codes: Vec<String>, sector: Option<String>| -> Value {
        let sector = sector.unwrap_or_default();
        if codes.is_empty() && !sector.is_empty() {
            let fields = ["entity_text", "code", "country", "name"].map(|k| (k, ""));
            let mut party: Map<String, Value> =
                fields.into_iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
            party.insert("sector".into(), json!(sector));
            return json!([party]);
        }
        let codes = codes.into_iter().enumerate();
        codes
            .map(|(k, code)| {
                let sector = if k == 0 { sector.as_str() } else { "" };
                if code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
                    return json!({"code": code, "sector": sector});
                }
                // An armed group's code (`TREN_DE_ARAGUA`) names no country here.
                json!({"entity_text": code, "code": code, "country": "", "sector": sector, "name": code})
            })
            .collect()
    };
    let mut out = Vec::with_capacity(batch.num_rows());
    for i in 0..batch.num_rows() {
        *row_no += 1;
        let ids = id.as_primitive::<Int64Type>();
        if !ids.is_valid(i) {
            out.push(Row::Skipped(RowError::new(*row_no, "id", "missing")));
            continue;
        }
        let key = ids.value(i).to_string();
        let mut record = Map::new();
        record.insert("id".into(), json!(key));
        record.insert("event".into(), json!(text(&event, i)));
        record.insert("actor".into(), parties(items(&actor, i), text(&actor_sector, i)));
        record
            .insert("recipient".into(), parties(items(&recipient, i), text(&recipient_sector, i)));
        let dates = date.as_primitive::<Date32Type>();
        if dates.is_valid(i) {
            let day = NaiveDate::from_ymd_opt(1970, 1, 1).and_then(|epoch| {
                epoch.checked_add_signed(chrono::Duration::days(dates.value(i).into()))
            });
            record.insert("date".into(), json!(day.map(|d| d.to_string())));
        }
        record.insert("mode".into(), json!(items(&mode, i)));
        if let Some(m) = items(&modality, i).into_iter().next() {
            record.insert("modality".into(), json!(m));
        }
        let quads = quad.as_primitive::<Int64Type>();
        if quads.is_valid(i) && quads.value(i) != 0 {
            record.insert("quad_code".into(), json!(quads.value(i)));
        }
        if let Some(x) = number(&intensity, i) {
            record.insert("intensity".into(), json!(x));
        }
        record.insert("cameo".into(), json!(text(&cameo, i)));
        record.insert("text".into(), json!(text(&evidence, i)));
        record.insert("sources".into(), json!(items(&sources, i)));
        if let Some(value) = number(&size_value, i) {
            let (unit, qualifier) =
                (text(&size_unit, i).unwrap_or_default(), text(&size_qualifier, i));
            // The export keeps no words of the figure: they are made from its parts.
            let words = [qualifier.clone().unwrap_or_default(), value.to_string(), unit.clone()];
            let words = words.iter().filter(|w| !w.is_empty()).cloned().collect::<Vec<_>>();
            let size = json!({"value": value, "unit": unit, "qualifier": qualifier,
                              "text": words.join(" ")});
            record.insert("size".into(), size);
        }
        if let Some(p) = text(&place, i) {
            let loc = json!({"extracted_place": p, "resolved_place": p, "country_code": "",
                             "lat": number(&lat, i), "lon": number(&lon, i), "feature": ""});
            record.insert("event_loc".into(), loc);
        }
        record.insert("hedge".into(), json!(text(&hedge, i)));
        record.insert("date_precision".into(), json!(text(&date_precision, i)));
        let said = text(&attribution, i);
        let by = text(&attribution_source, i);
        if said.is_some() || by.is_some() {
            // A code (`KORGOV`) is read as an actor; words without one stay in the text.
            let is_code =
                |c: &String| c.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            let source = by.filter(is_code).map(|code| json!({"code": code}));
            record.insert(
                "attribution".into(),
                json!({"text": said.unwrap_or_default(), "source": source}),
            );
        }
        let json = Value::Object(record).to_string();
        out.push(match crate::plover::record(&json, *row_no, resolver) {
            Ok(mut r) => {
                r.event.id = format!("{}:{key}", Dataset::Parquet.as_str());
                r.event.doc_id = r.event.id.clone();
                Row::Record(Box::new(r))
            }
            Err(e) => Row::Skipped(e),
        });
    }
    Ok(out)
}
