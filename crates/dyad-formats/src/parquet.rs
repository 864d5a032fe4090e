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

use std::collections::BTreeMap;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float64Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use chrono::{Datelike, NaiveDate};
use dyad_model::{Entity, EventType, Location};
use dyad_store::EventRow;

use crate::evidence::Qualifiers;
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
