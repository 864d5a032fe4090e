//! Each reader on a small file written for these tests, with good and bad rows.

use std::io::Write;

use dyad_formats::{Dataset, ImportRow, Row, RowError};
use dyad_lexicon::Lexicon;
use dyad_model::EventType;

fn read(dataset: Dataset, text: &str) -> (Vec<ImportRow>, Vec<RowError>) {
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    for row in dyad_formats::read(dataset, text.as_bytes(), Lexicon::builtin()) {
        match row.expect("no I/O error") {
            Row::Record(r) => records.push(*r),
            Row::Skipped(e) => skipped.push(e),
        }
    }
    (records, skipped)
}

fn codes(entities: &[dyad_model::Entity]) -> Vec<String> {
    entities.iter().map(|e| format!("{}{}", e.code, e.sector)).collect()
}

/// A GDELT 2.0 row: 61 columns, the given values at their positions.
fn gdelt_row(values: &[(usize, &str)]) -> String {
    let mut cols = vec![""; 61];
    for (i, v) in values {
        cols[*i] = v;
    }
    cols.join("\t")
}

#[test]
fn gdelt_rows_bad_rows_and_zip() {
    let good = gdelt_row(&[
        (0, "1186123457"),
        (1, "20240619"),
        (5, "PRKGOV"),
        (6, "NORTH KOREA"),
        (7, "PRK"),
        (12, "GOV"),
        (15, "RUS"),
        (16, "RUSSIA"),
        (17, "RUS"),
        (26, "057"),
        (29, "1"),
        (30, "8.0"),
        (51, "4"),
        (52, "Pyongyang, Korea, North"),
        (53, "KN"),
        (56, "39.0194"),
        (57, "125.755"),
        (60, "https://example.org/pact"),
    ]);
    let organisation = gdelt_row(&[
        (0, "1186123458"),
        (1, "20240620"),
        (6, "NATO"),
        (8, "NATO"),
        (15, "RUSMIL"),
        (17, "RUS"),
        (22, "MIL"),
        (26, "111"),
    ]);
    let no_actor = gdelt_row(&[(0, "3"), (1, "20240619"), (26, "043")]);
    let bad_date = gdelt_row(&[(0, "4"), (1, "2024-06-19"), (7, "RUS"), (26, "043")]);
    let bad_code = gdelt_row(&[(0, "5"), (1, "20240619"), (7, "RUS"), (26, "999")]);
    let text = format!("{good}\n{organisation}\n{no_actor}\n{bad_date}\n{bad_code}\nshort\trow\n");
    let (rows, skipped) = read(Dataset::Gdelt, &text);
    assert_eq!(rows.len(), 3);
    // A row with no actor country is an unidentified actor's event (docs/unidentified.md).
    assert_eq!(rows[2].event.actor[0].sector, "UNK");
    assert!(rows[2].event.actor[0].country.is_empty());
    let pact = &rows[0];
    assert_eq!(pact.key, "GLOBALEVENTID 1186123457");
    assert_eq!(pact.source.as_deref(), Some("https://example.org/pact"));
    // The official conversion table puts CAMEO 057 (sign formal agreement) under SUPPORT.
    assert_eq!(pact.event.event, EventType::Support);
    assert_eq!(codes(&pact.event.actor), ["PRKGOV"]);
    assert_eq!(codes(&pact.event.recipient), ["RUS"]);
    assert_eq!(pact.event.date.as_deref(), Some("2024-06-19"));
    assert_eq!(pact.event.cameo, "057");
    let loc = pact.event.event_loc.as_ref().unwrap();
    assert_eq!((loc.country_code.as_str(), loc.feature.as_str()), ("PRK", "city"));
    assert_eq!(rows[1].event.actor[0].code, "NATO");
    assert_eq!(rows[1].event.actor[0].country, "IGO");
    assert_eq!(rows[1].event.event, EventType::Accuse);
    let fields: Vec<(u64, &str)> = skipped.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(fields, [(4, "SQLDATE"), (5, "EventCode"), (6, "columns")]);

    // The same file zipped, as GDELT publishes it.
    let dir = std::env::temp_dir().join(format!("dyad-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("20240619.export.CSV.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("20240619.export.CSV", options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    let unzipped = dyad_formats::open(&path).unwrap();
    let n = dyad_formats::read(Dataset::Gdelt, unzipped, Lexicon::builtin())
        .filter(|r| matches!(r, Ok(Row::Record(_))))
        .count();
    assert_eq!(n, 3);
    std::fs::write(&path, b"not a zip").unwrap();
    let err = dyad_formats::open(&path).err().unwrap();
    assert!(err.to_string().contains("zip"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn icews_rows() {
    let header = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";
    let rows = [
        "901\t2024-06-19\tVladimir Putin\tExecutive,Government\tRussian Federation\tSign formal agreement\t57\t8.0\tNorth Korea\t\tNorth Korea\t77\t1\tWire Service\tPyongyang\t\t\tNorth Korea\t39.03\t125.75",
        "902\t2024-06-21\tMilitary (Ukraine)\tMilitary\tUkraine\tUse conventional military force\t190\t-10.0\tRussia\t\tRussian Federation\t78\t2\tWire Service\t\t\tKharkiv\tUkraine\t\t",
        "903\tyesterday\tRussia\t\tRussian Federation\tMake a visit\t042\t0\t\t\t\t79\t1\t\t\t\t\t\t\t",
        "904\t2024-06-22\tSomeone\t\tNowhere\tMake a visit\t042\t0\t\t\t\t79\t1\t\t\t\t\t\t\t",
    ];
    let text = format!("{header}\n{}\n", rows.join("\n"));
    let (records, skipped) = read(Dataset::Icews, &text);
    assert_eq!(records.len(), 2);
    let pact = &records[0].event;
    assert_eq!(codes(&pact.actor), ["RUSGOV"], "Putin in office on the date");
    assert_eq!(codes(&pact.recipient), ["PRK"]);
    assert_eq!((pact.event, pact.cameo.as_str()), (EventType::Support, "057"));
    assert_eq!(records[0].source.as_deref(), Some("Wire Service"));
    assert_eq!(pact.event_loc.as_ref().unwrap().country_code, "PRK");
    let strike = &records[1].event;
    assert_eq!(codes(&strike.actor), ["UKRMIL"]);
    assert_eq!(codes(&strike.recipient), ["RUS"]);
    assert_eq!(strike.event, EventType::Assault);
    let fields: Vec<(u64, &str)> = skipped.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(fields, [(4, "Event Date"), (5, "Source Name")]);

    // A file without the CAMEO column is unreadable as a whole.
    let broken = "Event ID\tEvent Date\n1\t2024-01-01\n";
    let mut rows = dyad_formats::read(Dataset::Icews, broken.as_bytes(), Lexicon::builtin());
    let err = rows.next().unwrap().err().unwrap();
    assert!(err.to_string().contains("CAMEO Code"), "{err}");
    assert!(rows.next().is_none());
}

#[test]
fn polecat_rows() {
    let header = "Event ID\tEvent Date\tEvent Type\tEvent Mode\tIntensity\tQuad Code\tContexts\tActor Name\tActor Country\tPrimary Actor Sector\tRecipient Name\tRecipient Country\tPrimary Recipient Sector\tPlacename\tCountry\tLatitude\tLongitude\tSource";
    let rows = [
        "p1\t2024-06-19\tagree\t\t3\t1\tmilitary;economic\tKim Jong Un\tPRK\tGovernment\tRussia\tRUS\tGovernment\tPyongyang\tPRK\t39.03\t125.75\tSome Daily",
        "p2\t2024-10-02\tMOBILIZE\ttroops\t-6\t4\t\tKorean People's Army\tPRK\tMilitary\t\t\t\t\t\t\t\tSome Daily",
        "p3\t2024-10-02\tPARTY\t\t0\t1\t\tRussia\tRUS\t\t\t\t\t\t\t\t\t",
    ];
    let text = format!("{header}\n{}\n", rows.join("\n"));
    let (records, skipped) = read(Dataset::Polecat, &text);
    assert_eq!(records.len(), 2);
    let e = &records[0].event;
    assert_eq!(e.event, EventType::Agree);
    assert_eq!(codes(&e.actor), ["PRKGOV"]);
    assert_eq!(codes(&e.recipient), ["RUSGOV"]);
    assert_eq!(e.context, ["military", "economic"]);
    let m = &records[1].event;
    assert_eq!((m.event, m.mode.as_slice()), (EventType::Mobilize, &["troops".to_string()][..]));
    // The army is an organisation of its own, in North Korea.
    assert_eq!(codes(&m.actor), ["KPAMIL"]);
    assert_eq!(m.actor[0].country, "PRK");
    assert!(m.recipient.is_empty());
    assert_eq!(skipped.len(), 1);
    assert_eq!((skipped[0].line, skipped[0].field.as_str()), (4, "Event Type"));
}

#[test]
fn acled_rows() {
    let text = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
UKR1001,2024-06-19,2024,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Russia (2000-),,8,Military Forces of Ukraine (2019-),,1,18,,804,Europe,Ukraine,Kharkivska,,,Vovchansk,50.29,36.94,1,Local press,National,\"Shelling hit positions near the town; the report says \"\"heavy\"\" fire.
Two soldiers were killed.\",2,,1718900000
UKR1002,19 June 2024,2024,1,Demonstrations,Protests,Peaceful protest,Protesters (Ukraine),,6,,,0,60,,804,Europe,Ukraine,Kyiv,,,Kyiv,50.45,30.52,1,Local press,National,People gathered in the square.,0,,1718900000
UKR1003,2024-06-20,2024,1,Strategic developments,Strategic developments,Other,Military Forces of Ukraine (2019-),,1,,,0,10,,804,Europe,Ukraine,Kyiv,,,Kyiv,50.45,30.52,1,Local press,National,Something else happened.,0,,1718900000
UKR1004,2024-06-20,2024,1,Political violence,Battles,Armed clash,Unidentified Armed Group,,3,,,0,30,,804,Europe,Atlantis,,,,,,,1,,,Unclear.,0,,1
";
    let (records, skipped) = read(Dataset::Acled, text);
    assert_eq!(records.len(), 2);
    let shelling = &records[0].event;
    assert_eq!(shelling.event, EventType::Assault);
    assert_eq!(shelling.mode, ["heavy-weapons"]);
    assert_eq!(codes(&shelling.actor), ["RUSMIL"]);
    assert_eq!(codes(&shelling.recipient), ["UKRMIL"]);
    assert_eq!(shelling.size.as_ref().unwrap().value, 2.0);
    assert!(shelling.text.contains("\"heavy\" fire.\nTwo soldiers"), "{}", shelling.text);
    assert_eq!(records[0].key, "event_id_cnty UKR1001");
    let protest = &records[1].event;
    assert_eq!((protest.event, protest.date.as_deref()), (EventType::Protest, Some("2024-06-19")));
    assert_eq!(codes(&protest.actor), ["UKRCVL"]);
    let fields: Vec<(u64, &str)> = skipped.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(fields, [(5, "sub_event_type"), (6, "actor1")]);
}

#[test]
fn plover_shapes() {
    let text = r#"{"event": "AID", "actor": "PRK", "recipient": ["RUS"], "date": "2024-09-01"}
{"event": "consult", "source": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"}], "target": "ROU GOV", "date": "2000-01-01", "mode": "visit"}
{"id": "dyad-7", "event": "THREATEN", "actor": [{"entity_text": "the Pentagon", "code": "USA", "country": "USA", "sector": "MIL", "name": "United States"}], "recipient": "NATO", "event_scale": -4.5, "quad_code": 3, "cameo": "138", "text": "A warning was issued.", "event_text": ["warned"]}

{"event": "AID", "recipient": "RUS"}
{"event": "PICNIC", "actor": "RUS"}
{"event": "AID", "actor": "RUS", "date": "soon"}
not json
"#;
    let (records, skipped) = read(Dataset::Plover, text);
    assert_eq!(records.len(), 3);
    let aid = &records[0].event;
    assert_eq!(records[0].key, "line 1");
    assert_eq!((aid.quad_code, aid.intensity), (2, EventType::Aid.intensity(&[])));
    assert_eq!(aid.cameo, EventType::Aid.cameo(&[]));
    assert_eq!(codes(&aid.recipient), ["RUS"]);
    let visit = &records[1].event;
    assert_eq!(codes(&visit.actor), ["HUNGOV"]);
    assert_eq!(visit.actor[0].entity_text, "Hungarian");
    assert_eq!(codes(&visit.recipient), ["ROUGOV"]);
    assert_eq!(visit.mode, ["visit"]);
    let threat = &records[2].event;
    assert_eq!(records[2].key, "dyad-7");
    assert_eq!((threat.intensity, threat.cameo.as_str()), (-4.5, "138"));
    assert_eq!(threat.actor[0].entity_text, "the Pentagon");
    assert_eq!(threat.recipient[0].code, "NATO");
    assert_eq!(threat.event_text, "warned");
    assert_eq!(threat.date, None);
    let fields: Vec<(u64, &str)> = skipped.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(fields, [(5, "actor"), (6, "event"), (7, "date"), (8, "json")]);
}

#[test]
fn full_event_records_need_an_actor_and_a_date_that_is_one() {
    let (records, _) = read(
        Dataset::Plover,
        r#"{"event": "AID", "actor": "PRK", "recipient": "RUS", "date": "2024-09-01"}"#,
    );
    let full = serde_json::to_value(&records[0].event).unwrap();
    let mut no_actor = full.clone();
    no_actor["actor"] = serde_json::json!([]);
    let mut bad_date = full.clone();
    bad_date["date"] = serde_json::json!("soon");
    let text = format!("{full}\n{no_actor}\n{bad_date}\n");
    let (records, skipped) = read(Dataset::Plover, &text);
    assert_eq!(records.len(), 1);
    let fields: Vec<(u64, &str)> = skipped.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(fields, [(2, "actor"), (3, "date")]);
}
