//! The writers: a store built from PLOVER records is exported as a GDELT-style table and as
//! Parquet; the table is read back by the GDELT reader and the Parquet files by the parquet
//! crate's Arrow reader.

use arrow_array::{Array, Date32Array, Float64Array, Int64Array, ListArray, StringArray};
use dyad_formats::{Dataset, Row};
use dyad_lexicon::Lexicon;
use dyad_store::{EventFilter, EventRow, ImportFile, Store};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const EVENTS: &str = r#"{"event": "AGREE", "actor": ["PRKGOV", "RUSGOV"], "date": "2024-06-19", "text": "The two governments signed a defence treaty."}
{"event": "AID", "actor": "PRKMIL", "recipient": "RUSMIL", "date": "2024-09-01", "date_precision": "month", "mode": "military", "modality": "reported", "hedge": "Officials believe", "attribution": {"text": "according to Seoul", "source": {"code": "KOR", "country": "KOR", "sector": "GOV", "entity_text": "Seoul", "name": "KOR"}}, "size": {"value": 1600000.0, "unit": "artillery shells", "qualifier": "about", "text": "about 1.6 million artillery shells"}}
{"event": "ASSAULT", "actor": "RUS", "recipient": "UKR", "date": "2024-10-15", "mode": "heavy-weapons", "event_loc": {"extracted_place": "Kharkiv", "resolved_place": "Kharkiv", "country_code": "UKR", "lat": 49.98, "lon": 36.25, "feature": "city"}}
{"event": "THREATEN", "actor": "NATO", "recipient": "RUS"}
"#;

fn store() -> (Store, Vec<EventRow>) {
    let mut store = Store::open_in_memory().unwrap();
    let rows =
        dyad_formats::read(Dataset::Plover, EVENTS.as_bytes(), Lexicon::builtin()).map(|r| match r
            .unwrap()
        {
            Row::Record(r) => Ok(*r),
            Row::Skipped(e) => panic!("{e}"),
        });
    let file =
        ImportFile { dataset: "plover".into(), file: "events.jsonl".into(), file_hash: "h".into() };
    store.import_file(&file, rows, &|| 0).unwrap();
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 4);
    (store, events)
}

#[test]
fn gdelt_table_reads_back() {
    let (_store, events) = store();
    let mut out = Vec::new();
    let written = dyad_formats::gdelt::write(&mut out, &events).unwrap();
    assert_eq!(written, 3, "the undated event is left out");
    let text = String::from_utf8(out).unwrap();
    assert!(text.lines().all(|l| l.split('\t').count() == 61));
    let back: Vec<_> = dyad_formats::read(Dataset::Gdelt, text.as_bytes(), Lexicon::builtin())
        .map(|r| match r.unwrap() {
            Row::Record(r) => *r,
            Row::Skipped(e) => panic!("{e}"),
        })
        .collect();
    let dated: Vec<&EventRow> = events.iter().filter(|e| e.date.is_some()).collect();
    for (orig, read) in dated.iter().zip(&back) {
        assert_eq!(orig.event, read.event.event.as_str());
        assert_eq!(orig.date, read.event.date);
        // GDELT has one actor per side: the first.
        assert_eq!(orig.actors.split('+').next().unwrap(), read.event.actor[0].code);
        assert_eq!(orig.recipients, read.event.recipient.first().map_or("", |e| &e.code));
        assert_eq!(read.key, format!("GLOBALEVENTID {}", orig.id));
    }
    let shelling = &back[2].event;
    assert_eq!(shelling.mode, ["heavy-weapons"]);
    let loc = shelling.event_loc.as_ref().unwrap();
    assert_eq!((loc.country_code.as_str(), loc.lat), ("UKR", Some(49.98)));
}

#[test]
fn gdelt_names_every_state_by_its_country_name() {
    // Issue 19: a record whose actor name is its code (`KOR`) came out as `KOR` beside
    // `NORTH KOREA`.
    let records = r#"{"event": "ACCUSE", "actor": {"code": "KOR", "country": "KOR", "sector": "", "entity_text": "Seoul", "name": "KOR"}, "recipient": "PRK", "date": "2024-06-21"}"#;
    let mut store = Store::open_in_memory().unwrap();
    let rows = dyad_formats::read(Dataset::Plover, records.as_bytes(), Lexicon::builtin()).map(
        |r| match r.unwrap() {
            Row::Record(r) => Ok(*r),
            Row::Skipped(e) => panic!("{e}"),
        },
    );
    let file =
        ImportFile { dataset: "plover".into(), file: "k.jsonl".into(), file_hash: "k".into() };
    store.import_file(&file, rows, &|| 0).unwrap();
    let events = store.events(&EventFilter::default()).unwrap();
    let mut out = Vec::new();
    dyad_formats::gdelt::write(&mut out, &events).unwrap();
    let text = String::from_utf8(out).unwrap();
    let cols: Vec<&str> = text.trim_end().split('\t').collect();
    assert_eq!((cols[5], cols[6]), ("KOR", "SOUTH KOREA"));
    assert_eq!((cols[15], cols[16]), ("PRK", "NORTH KOREA"));
}

#[test]
fn parquet_file_and_partitions_read_back() {
    let (_store, events) = store();
    let dir = std::env::temp_dir().join(format!("dyad-parquet-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.parquet");
    dyad_formats::parquet::write(std::fs::File::create(&path).unwrap(), &events).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<_> = reader.map(Result::unwrap).collect();
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 4);
    let b = &batches[0];
    assert_eq!(b.schema(), dyad_formats::parquet::schema());
    let col = |name: &str| b.column_by_name(name).unwrap().clone();
    let ids = col("id");
    let ids = ids.as_any().downcast_ref::<Int64Array>().unwrap();
    assert_eq!(ids.values().to_vec(), events.iter().map(|e| e.id).collect::<Vec<_>>());
    let kinds = col("event");
    let kinds = kinds.as_any().downcast_ref::<StringArray>().unwrap();
    let by_id: Vec<&str> = (0..4).map(|i| kinds.value(i)).collect();
    assert_eq!(by_id, events.iter().map(|e| e.event.as_str()).collect::<Vec<_>>());
    // Row order is the store's (date, id): the undated event first.
    let dates = col("date");
    let dates = dates.as_any().downcast_ref::<Date32Array>().unwrap();
    assert!(dates.is_null(0));
    let pact = events.iter().position(|e| e.event == "AGREE").unwrap();
    assert_eq!(dates.value_as_date(pact).unwrap().to_string(), "2024-06-19");
    let actors = col("actor");
    let actors = actors.as_any().downcast_ref::<ListArray>().unwrap();
    let pact_actors = actors.value(pact);
    let pact_actors = pact_actors.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!((pact_actors.value(0), pact_actors.value(1)), ("PRK", "RUS"));
    let text = |name: &str, row: usize| -> Option<String> {
        let c = col(name);
        let c = c.as_any().downcast_ref::<StringArray>().unwrap();
        Some(c.value(row).to_string()).filter(|_| !c.is_null(row))
    };
    let aid = events.iter().position(|e| e.event == "AID").unwrap();
    assert_eq!(text("hedge", aid).as_deref(), Some("Officials believe"));
    assert_eq!(text("attribution", aid).as_deref(), Some("according to Seoul"));
    assert_eq!(text("attribution_source", aid).as_deref(), Some("KORGOV"));
    assert_eq!(text("size_qualifier", aid).as_deref(), Some("about"));
    assert_eq!(text("date_precision", aid).as_deref(), Some("month"));
    assert_eq!(text("hedge", pact), None);
    let sizes = col("size_value");
    let sizes = sizes.as_any().downcast_ref::<Float64Array>().unwrap();
    assert_eq!(sizes.value(aid), 1_600_000.0);
    assert!(sizes.is_null(pact));

    let parts = dir.join("parts");
    assert_eq!(dyad_formats::parquet::write_partitioned(&parts, &events).unwrap(), 4);
    for (y, m) in [("2024", "6"), ("2024", "9"), ("2024", "10")] {
        let file = parts.join(format!("year={y}/month={m}/part-0.parquet"));
        let n: usize =
            ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&file).unwrap())
                .unwrap()
                .build()
                .unwrap()
                .map(|b| b.unwrap().num_rows())
                .sum();
        assert_eq!(n, 1, "{}", file.display());
    }
    let null = dyad_formats::parquet::NULL_PARTITION;
    assert!(parts.join(format!("year={null}/month={null}/part-0.parquet")).exists());
    let err = dyad_formats::parquet::write_partitioned(&parts, &events).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `dyad import --format parquet` of an export gives the same events: codes, dates, modes,
/// modalities, figures, places, evidence and qualifiers; ids are the new store's and each
/// row's source is the export's row id.
#[test]
fn parquet_export_imports_back() {
    let (_store, events) = store();
    let mut bytes = Vec::new();
    dyad_formats::parquet::write(&mut bytes, &events).unwrap();
    let rows: Vec<Row> = dyad_formats::read(Dataset::Parquet, &bytes[..], Lexicon::builtin())
        .collect::<Result<_, _>>()
        .unwrap();
    let rows = rows.into_iter().map(|r| match r {
        Row::Record(r) => Ok(*r),
        Row::Skipped(e) => panic!("{e}"),
    });
    let mut again = Store::open_in_memory().unwrap();
    let file = ImportFile {
        dataset: "parquet".into(),
        file: "events.parquet".into(),
        file_hash: "p".into(),
    };
    again.import_file(&file, rows, &|| 0).unwrap();
    let back = again.events(&EventFilter::default()).unwrap();
    let mut second = Vec::new();
    dyad_formats::parquet::write(&mut second, &back).unwrap();
    let read = |bytes: Vec<u8>| -> Vec<arrow_array::RecordBatch> {
        ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes))
            .unwrap()
            .build()
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let (before, after) = (read(bytes), read(second));
    for name in dyad_formats::parquet::schema().fields().iter().map(|f| f.name()) {
        if ["id", "sources"].contains(&name.as_str()) {
            continue;
        }
        assert_eq!(
            before[0].column_by_name(name).unwrap(),
            after[0].column_by_name(name).unwrap(),
            "column {name}"
        );
    }
}

#[test]
fn parquet_reader_refuses_what_is_not_parquet() {
    let mut rows =
        dyad_formats::read(Dataset::Parquet, &b"id,event\n1,AID\n"[..], Lexicon::builtin());
    assert!(rows.next().unwrap().is_err());
    assert!(rows.next().is_none());
}
