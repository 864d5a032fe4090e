//! Row and field limits (issue 17): an over-long row is skipped by its line without being
//! held whole, in every format, zipped or not; an over-long text field skips its row.

use std::io::Write;

use dyad_formats::{Dataset, Row, MAX_ROW_BYTES, MAX_TEXT_BYTES};
use dyad_lexicon::Lexicon;

/// The lines of the rows read and of the rows skipped, with the skipped rows' fields.
fn outcome(dataset: Dataset, input: impl std::io::Read) -> (Vec<String>, Vec<(u64, String)>) {
    let mut keys = Vec::new();
    let mut skipped = Vec::new();
    for row in dyad_formats::read(dataset, input, Lexicon::builtin()) {
        match row.expect("no I/O error") {
            Row::Record(r) => keys.push(r.key),
            Row::Skipped(e) => skipped.push((e.line, e.field)),
        }
    }
    (keys, skipped)
}

#[test]
fn a_zipped_gdelt_line_of_200_mb_is_skipped_and_the_next_row_read() {
    let mut good = vec![""; 61];
    good[0] = "1200";
    good[1] = "20240619";
    good[7] = "RUS";
    good[17] = "UKR";
    good[26] = "190";
    let good = good.join("\t");
    let dir = std::env::temp_dir().join(format!("dyad-formats-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.export.CSV.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("huge.export.CSV", options).unwrap();
        let block = vec![b'7'; 1 << 20];
        for _ in 0..200 {
            zip.write_all(&block).unwrap();
        }
        zip.write_all(format!("\n{good}\n").as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    assert!(std::fs::metadata(&path).unwrap().len() < 1 << 20, "the archive is small");
    let (keys, skipped) = outcome(Dataset::Gdelt, dyad_formats::open(&path).unwrap());
    assert_eq!(keys, ["GLOBALEVENTID 1200"]);
    assert_eq!(skipped, [(1, "row".to_string())]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_format_skips_an_over_long_row_by_its_line() {
    let long = "y".repeat(MAX_ROW_BYTES + 10);
    let acled_header =
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,notes";
    let acled = format!(
        "{acled_header}\nA1,2024-06-19,Protests,Peaceful protest,Protesters (Chile),,Chile,\"{long}\"\nA2,2024-06-19,Protests,Peaceful protest,Protesters (Chile),,Chile,calm\n"
    );
    let (keys, skipped) = outcome(Dataset::Acled, acled.as_bytes());
    assert_eq!((keys.len(), skipped), (1, vec![(2, "row".to_string())]));

    let record = r#"{"event": "PROTEST", "actor": "CHL", "date": "2024-06-19"}"#;
    let plover = format!("{record}\n{{\"text\": \"{long}\"}}\n{record}\n");
    let (keys, skipped) = outcome(Dataset::Plover, plover.as_bytes());
    assert_eq!((keys.len(), skipped), (2, vec![(2, "line".to_string())]));

    let icews = format!(
        "Event ID\tEvent Date\tSource Name\tSource Country\tCAMEO Code\tTarget Name\tTarget Country\n{long}\n9\t2024-06-19\tChile\tChile\t190\tPeru\tPeru\n"
    );
    let (keys, skipped) = outcome(Dataset::Icews, icews.as_bytes());
    assert_eq!((keys.len(), skipped), (1, vec![(2, "row".to_string())]));
}

#[test]
fn a_text_field_over_the_limit_skips_its_row_naming_the_field() {
    let notes = "z".repeat(MAX_TEXT_BYTES + 1);
    let acled = format!(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,notes\nA1,2024-06-19,Protests,Peaceful protest,Protesters (Chile),,Chile,{notes}\n"
    );
    let (keys, skipped) = outcome(Dataset::Acled, acled.as_bytes());
    assert!(keys.is_empty());
    assert_eq!(skipped, [(2, "notes".to_string())]);
    let plover = format!(
        "{{\"event\": \"PROTEST\", \"actor\": \"CHL\", \"date\": \"2024-06-19\", \"text\": \"{notes}\"}}\n"
    );
    let (_, skipped) = outcome(Dataset::Plover, plover.as_bytes());
    assert_eq!(skipped, [(1, "text".to_string())]);
}

#[test]
fn plover_values_out_of_range_are_refused_naming_the_field() {
    let base = r#""actor": "CHL", "recipient": "PER", "date": "2024-06-19""#;
    let rows = [
        format!(r#"{{"event": "ACCUSE", {base}, "intensity": -1e308}}"#),
        format!(r#"{{"event": "ACCUSE", {base}, "intensity": "abc"}}"#),
        format!(r#"{{"event": "ACCUSE", {base}, "quad_code": 99}}"#),
        format!(r#"{{"event": "ASSAULT", {base}, "intensity": 5}}"#),
        format!(r#"{{"event": "AID", {base}, "event_scale": -2}}"#),
        format!(r#"{{"event": "ACCUSE", {base}, "quad_code": "3"}}"#),
        // Accepted: in range and on the type's side; REQUEST (scored 0) leans either way.
        format!(r#"{{"event": "ASSAULT", {base}, "intensity": -9.5, "quad_code": 4}}"#),
        format!(r#"{{"event": "REQUEST", {base}, "intensity": 0.5}}"#),
    ];
    let (keys, skipped) = outcome(Dataset::Plover, rows.join("\n").as_bytes());
    assert_eq!(keys, ["line 7", "line 8"]);
    let fields: Vec<(u64, &str)> = skipped.iter().map(|(l, f)| (*l, f.as_str())).collect();
    assert_eq!(
        fields,
        [
            (1, "intensity"),
            (2, "intensity"),
            (3, "quad_code"),
            (4, "intensity"),
            // `event_scale` is PLOVER's name for the intensity.
            (5, "intensity"),
            (6, "quad_code")
        ]
    );
    // dyad's own records are held to the same ranges.
    let own = r#"{"id": "e1", "doc_id": "d", "event": "ASSAULT", "quad_code": 4, "intensity": 5.0, "mode": [], "context": [], "actor": [{"entity_text": "Chile", "code": "CHL", "country": "CHL", "sector": "", "name": "Chile"}], "recipient": [], "date": "2024-06-19", "modality": "asserted", "text": "", "text_info": {"sentence": 0, "start": 0, "end": 0}, "event_text": "", "trigger_span": [0, 0], "rule": "r"}"#;
    let (_, skipped) = outcome(Dataset::Plover, own.as_bytes());
    assert_eq!(skipped, [(1, "intensity".to_string())]);
}

#[test]
fn a_utf16_plover_file_is_one_clear_error_and_a_utf8_bom_is_dropped() {
    let record = r#"{"event": "PROTEST", "actor": "CHL", "date": "2024-06-19"}"#;
    let utf16: Vec<u8> =
        [0xff, 0xfe].into_iter().chain(record.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let mut rows = dyad_formats::read(Dataset::Plover, &utf16[..], Lexicon::builtin());
    let err = rows.next().unwrap().expect_err("an error for the whole file");
    assert!(err.to_string().contains("UTF-16LE"), "{err}");
    let with_bom = format!("\u{feff}{record}\n");
    let (keys, skipped) = outcome(Dataset::Plover, with_bom.as_bytes());
    assert_eq!((keys.len(), skipped.len()), (1, 0));
}
