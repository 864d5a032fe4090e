//! Integration tests: the real `dyad` binary in a temporary folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod hostile;
mod real_news;
mod syntax;

fn dyad(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    // Written from another thread: a large input would otherwise fill the pipe while the
    // child waits for its full standard output to be read.
    let writer = stdin.map(|input| {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_string();
        std::thread::spawn(move || {
            let _ = pipe.write_all(input.as_bytes());
        })
    });
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    if let Some(w) = writer {
        w.join().unwrap();
    }
    out
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSONL output"))
        .collect()
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

#[test]
fn codes_jsonl_from_stdin_with_contract_fields() {
    let input = r#"{"id": "d1", "text": "Russia and North Korea signed a defence treaty in Pyongyang on Wednesday.", "date": "2024-06-21"}"#;
    let out = dyad(&["code", "--from", "jsonl", "--to", "jsonl"], Some(input));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events = lines(&out);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    for field in [
        "id",
        "doc_id",
        "event",
        "mode",
        "context",
        "actor",
        "recipient",
        "date",
        "date_text",
        "date_precision",
        "event_loc",
        "size",
        "modality",
        "hedge",
        "attribution",
        "quad_code",
        "intensity",
        "cameo",
        "text",
        "text_info",
        "event_text",
        "rule",
        "citations",
    ] {
        assert!(e.get(field).is_some(), "missing {field}");
    }
    assert_eq!(e["event"], "AGREE");
    assert_eq!(e["date"], "2024-06-19");
    assert_eq!(e["quad_code"], 1);
    assert_eq!(e["actor"][0]["code"], "RUS");
    assert_eq!(e["event_loc"]["resolved_place"], "Pyongyang");
}

#[test]
fn bad_lines_are_reported_and_skipped() {
    let input = "{\"id\": \"a\", \"text\": \"Iran condemned Israel.\"}\nnot json\n{\"id\": \"b\"}\n{\"id\": \"c\", \"text\": \"China praised Pakistan.\"}\n";
    let out = dyad(&["code", "--from", "jsonl"], Some(input));
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2: invalid JSON"), "{stderr}");
    assert!(stderr.contains("line 3: field `text`"), "{stderr}");
    let events = lines(&out);
    assert_eq!(
        events.iter().map(|e| e["doc_id"].as_str().unwrap()).collect::<Vec<_>>(),
        ["a", "c"]
    );
}

#[test]
fn non_english_documents_are_skipped_with_a_diagnostic() {
    let input = r#"{"id": "tr", "text": "Rusya ve Kuzey Kore, Çarşamba günü Pyongyang'da bir anlaşma imzaladı ve bunu duyurdu."}"#;
    let out = dyad(&["code"], Some(input));
    assert!(out.status.success());
    assert!(lines(&out).is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not look English"));
}

#[test]
fn codes_the_bundled_examples_as_a_table() {
    let out = dyad(&["code", examples().to_str().unwrap(), "--to", "table"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.lines().count() > 40, "{table}");
    assert!(table.contains("AGREE") && table.contains("ASSAULT") && table.contains("AID"));
}

#[test]
fn resolve_keeps_every_line() {
    let input = "{\"id\": 1, \"text\": \"Ukrainian officials\"}\n{\"id\": 2, \"text\": \"the Kremlin\"}\n{\"id\": 3, \"text\": \"a tall tree\"}\n{\"id\": 4, \"text\": \"Donald Trump\", \"date\": \"2022-01-01\"}\n{\"id\": 5, \"text\": \"NATO\"}\n";
    let out = dyad(&["resolve", "--from", "jsonl", "--to", "jsonl"], Some(input));
    assert!(out.status.success());
    let rows = lines(&out);
    assert_eq!(rows.len(), 5);
    assert_eq!(
        (rows[0]["country"].as_str(), rows[0]["sector"].as_str()),
        (Some("UKR"), Some("GOV"))
    );
    assert_eq!(
        (rows[1]["country"].as_str(), rows[1]["sector"].as_str()),
        (Some("RUS"), Some("GOV"))
    );
    assert_eq!(rows[2]["country"], "");
    assert_eq!(rows[3]["sector"], "ELI");
    assert_eq!(
        (rows[4]["country"].as_str(), rows[4]["code"].as_str()),
        (Some("IGO"), Some("NATO"))
    );
}

#[test]
fn eval_scores_a_gold_file() {
    let dir = std::env::temp_dir().join(format!("dyad-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gold = dir.join("gold.json");
    std::fs::write(&gold, r#"[{"event": "DOCUMENT"},
      {"id": "g1", "event": "DISAPPROVE", "text": "Japan criticized China over the ship collision.", "source": [{"code": "JAP"}], "target": [{"code": "CHN"}]},
      {"id": "g2", "event": "FIGHT", "text": "Russian troops attacked Ukraine.", "source": [{"code": "RUS", "sector": "MIL"}], "target": [{"code": "UKR"}]}]"#).unwrap();
    let out = dyad(&["eval", gold.to_str().unwrap(), "--json", "--min-event", "1.0"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let scores: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scores["records"], 2);
    assert_eq!(scores["event_accuracy"], 1.0);
    assert_eq!(scores["actor_country_accuracy"], 1.0);
    let strict = dyad(&["eval", gold.to_str().unwrap(), "--json", "--min-event", "1.01"], None);
    assert_eq!(strict.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_lexicon_overlay_is_an_error_naming_file_and_line() {
    let dir = std::env::temp_dir().join(format!("dyad-lex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("sectors-local.tsv"), "word\tsector\tkind\nwardens\tXYZ\tnoun\n")
        .unwrap();
    let out = dyad(&["code", "--lexicon", dir.to_str().unwrap()], Some(""));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sectors-local.tsv:2: field `sector`"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-it-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn ingest_is_idempotent_and_merges_a_page_with_its_text() {
    let dir = temp_dir("ingest");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let first = dyad(&["ingest", examples().to_str().unwrap(), "--db", db], None);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let summary = String::from_utf8_lossy(&first.stdout).to_string();
    assert!(summary.contains("21 new documents"), "{summary}");
    assert!(summary.contains("top dyads"), "{summary}");
    let second = dyad(&["ingest", examples().to_str().unwrap(), "--db", db], None);
    let again = String::from_utf8_lossy(&second.stdout).to_string();
    assert!(again.contains("0 new documents") && again.contains("21 unchanged inputs"), "{again}");
    // The same article as a web page: a second representation, no new events.
    let text = std::fs::read_to_string(examples().join("2024-06-19-putin-kim-pact.txt")).unwrap();
    let body: String = text
        .split("---")
        .nth(2)
        .unwrap()
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", p.trim()))
        .collect();
    let page = dir.join("pact.html");
    std::fs::write(&page, format!("<html lang=\"en\"><head><title>Pact</title></head><body><nav>Home</nav><article>{body}</article></body></html>")).unwrap();
    let third = dyad(&["ingest", page.to_str().unwrap(), "--db", db, "--date", "2024-06-20"], None);
    let merged = String::from_utf8_lossy(&third.stdout).to_string();
    assert!(merged.contains("1 already stored as another file or page"), "{merged}");
    assert!(merged.contains("0 event mentions"), "{merged}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn events_filter_and_export_formats() {
    let dir = temp_dir("events");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let input = "{\"id\": \"a\", \"text\": \"North Korea sent 1,000 shells to Russia on Monday.\", \"date\": \"2024-06-19\", \"outlet\": \"One\"}\n\
{\"id\": \"b\", \"text\": \"Pyongyang shipped artillery shells to Moscow, officials said on Tuesday.\", \"date\": \"2024-06-20\", \"outlet\": \"Two\"}\n\
{\"id\": \"c\", \"text\": \"Japan condemned China on Friday.\", \"date\": \"2024-06-22\", \"outlet\": \"Two\"}\n\
not json\n";
    let ingest = dyad(&["ingest", "-", "--db", db], Some(input));
    assert!(ingest.status.success(), "{}", String::from_utf8_lossy(&ingest.stderr));
    assert!(String::from_utf8_lossy(&ingest.stderr).contains("line 4: invalid JSON"));
    let jsonl = dyad(&["events", "--db", db, "--to", "jsonl", "--type", "AID"], None);
    let rows = lines(&jsonl);
    assert_eq!(rows.len(), 1, "two reports of one transfer are one event");
    assert_eq!(rows[0]["n_sources"], 2);
    assert_eq!(rows[0]["actor"][0], "PRK");
    let two = dyad(&["events", "--db", db, "--to", "jsonl", "--min-sources", "2"], None);
    assert_eq!(lines(&two).len(), 1);
    let csv = dyad(&["events", "--db", db, "--to", "csv", "--actor", "JPN"], None);
    let csv = String::from_utf8_lossy(&csv.stdout).to_string();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.starts_with("id,date,event,actor,recipient"));
    let bad = dyad(&["events", "--db", db, "--since", "June"], None);
    assert_eq!(bad.status.code(), Some(2));
    let missing = dyad(&["events", "--db", dir.join("none.db").to_str().unwrap()], None);
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn docs_search_and_show_evidence() {
    let dir = temp_dir("docs");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let input = "{\"id\": \"a\", \"title\": \"Shells\", \"text\": \"North Korea sent 1,000 artillery shells to Russia on Monday.\", \"date\": \"2024-06-19\"}\n\
{\"id\": \"b\", \"title\": \"Talks\", \"text\": \"Japan and South Korea held talks in Tokyo on Friday.\", \"date\": \"2024-06-22\"}\n";
    assert!(dyad(&["ingest", "-", "--db", db], Some(input)).status.success());
    let docs = dyad(&["docs", "artillery", "--db", db], None);
    let listing = String::from_utf8_lossy(&docs.stdout).to_string();
    assert!(
        listing.contains("Shells") && listing.contains("[artillery]") && !listing.contains("Talks"),
        "{listing}"
    );
    let bad = dyad(&["docs", "\"unbalanced", "--db", db], None);
    assert_eq!(bad.status.code(), Some(2));
    let events = lines(&dyad(&["events", "--db", db, "--to", "jsonl", "--type", "AID"], None));
    let id = events[0]["id"].as_i64().unwrap().to_string();
    let show = dyad(&["show", &id, "--db", db], None);
    let shown = String::from_utf8_lossy(&show.stdout).to_string();
    assert!(shown.contains("North Korea [[sent]] 1,000 artillery shells"), "{shown}");
    assert_eq!(dyad(&["show", "999", "--db", db], None).status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `kill -9` during ingest, repeatedly: the store stays consistent, what was committed stays,
/// and finishing the ingest gives the same store as an uninterrupted one.
#[test]
fn killed_ingests_lose_nothing_committed_and_never_corrupt() {
    let dir = temp_dir("kill");
    let corpus = dir.join("corpus.jsonl");
    let mut lines_out = String::new();
    for i in 0..5000 {
        lines_out.push_str(&format!(
            "{{\"id\": \"d{i}\", \"text\": \"Report {i}: Russia attacked Ukraine near Kharkiv on Monday. Japan condemned Russia on Tuesday, officials said.\", \"date\": \"2024-03-{:02}\", \"outlet\": \"Outlet {}\"}}\n",
            i % 28 + 1,
            i % 7
        ));
    }
    std::fs::write(&corpus, lines_out).unwrap();
    let db = dir.join("store.db");
    let db_s = db.to_str().unwrap();
    // The numbers of `dyad stats`' first line, "store PATH: N documents (R files or pages), E
    // events from M mentions".
    let stats_numbers = |text: &str| -> Vec<usize> {
        let first = text.lines().next().unwrap_or("");
        let counts = first.rsplit(".db: ").next().unwrap_or("");
        counts.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect()
    };
    let count = |db: &str| -> (usize, usize) {
        if !Path::new(db).exists() {
            return (0, 0); // killed before the store was created
        }
        let out = dyad(&["stats", "--db", db, "--check"], None);
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success() && text.contains("integrity: ok"), "{text}");
        let numbers = stats_numbers(&text);
        (numbers[0], numbers[numbers.len() - 1])
    };
    let mut last_docs = 0;
    let mut interrupted = 0;
    for _ in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(["ingest", corpus.to_str().unwrap(), "--db", db_s])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill as soon as this run has committed a batch, so that the kill lands mid-ingest
        // however fast or loaded the machine is.
        let documents = |db: &str| -> usize {
            let out = dyad(&["stats", "--db", db], None);
            stats_numbers(&String::from_utf8_lossy(&out.stdout)).first().copied().unwrap_or(0)
        };
        while child.try_wait().unwrap().is_none() {
            if Path::new(db_s).exists() && documents(db_s) > last_docs {
                let _ = child.kill(); // SIGKILL
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = child.wait();
        let (docs, _) = count(db_s);
        assert!(docs >= last_docs, "committed documents were lost: {docs} < {last_docs}");
        assert!(docs % 100 == 0 || docs == 5000, "a partial batch was kept: {docs}");
        if docs > last_docs && docs < 5000 {
            interrupted += 1;
        }
        last_docs = docs;
    }
    // The kills must have landed mid-ingest for this test to mean anything.
    assert!(interrupted >= 2, "only {interrupted} of 3 kills interrupted an ingest");
    assert!(dyad(&["ingest", corpus.to_str().unwrap(), "--db", db_s], None).status.success());
    let clean = dir.join("clean.db");
    assert!(dyad(&["ingest", corpus.to_str().unwrap(), "--db", clean.to_str().unwrap()], None)
        .status
        .success());
    assert_eq!(count(db_s), count(clean.to_str().unwrap()));
    assert_eq!(count(db_s).0, 5000);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn readers_query_while_an_ingest_runs() {
    let dir = temp_dir("readers");
    let corpus = dir.join("corpus.jsonl");
    let mut text = String::new();
    for i in 0..4000 {
        text.push_str(&format!(
            "{{\"id\": \"r{i}\", \"text\": \"Item {i}: Iran condemned Israel on Monday.\", \"date\": \"2024-05-{:02}\"}}\n",
            i % 28 + 1
        ));
    }
    std::fs::write(&corpus, text).unwrap();
    let db = dir.join("store.db");
    // A first batch so the store exists.
    assert!(dyad(
        &["ingest", "-", "--db", db.to_str().unwrap()],
        Some("{\"id\": \"x\", \"text\": \"Iran condemned Israel.\"}\n")
    )
    .status
    .success());
    let mut writer = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reads = 0;
    while writer.try_wait().unwrap().is_none() && reads < 20 {
        let started = std::time::Instant::now();
        let out =
            dyad(&["events", "--db", db.to_str().unwrap(), "--to", "csv", "--limit", "5"], None);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "a reader waited on the writer"
        );
        reads += 1;
    }
    assert!(writer.wait().unwrap().success());
    assert!(reads > 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_plover_and_csv() {
    let dir = temp_dir("export");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let input = "{\"id\": \"a\", \"text\": \"North Korea sent 1,000 shells to Russia on Monday.\", \"date\": \"2024-06-19\", \"outlet\": \"One\"}\n\
{\"id\": \"b\", \"text\": \"Japan condemned China on Friday.\", \"date\": \"2024-06-22\", \"outlet\": \"Two\"}\n";
    assert!(dyad(&["ingest", "-", "--db", db], Some(input)).status.success());
    let plover = dir.join("events.jsonl");
    let out = dyad(
        &["export", "--db", db, "--format", "plover", "--out", plover.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records: Vec<serde_json::Value> = std::fs::read_to_string(&plover)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    let aid = records.iter().find(|r| r["event"] == "AID").unwrap();
    assert_eq!(aid["actor"][0]["code"], "PRK");
    assert_eq!(aid["recipient"][0]["code"], "RUS");
    assert_eq!(aid["quad_code"], 2);
    assert_eq!(aid["date"], "2024-06-17", "\"on Monday\" before Wednesday 19 June");
    let csv = dir.join("accuse.csv");
    assert!(dyad(
        &[
            "export",
            "--db",
            db,
            "--format",
            "csv",
            "--type",
            "ACCUSE",
            "--out",
            csv.to_str().unwrap()
        ],
        None
    )
    .status
    .success());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().nth(1).unwrap().contains("ACCUSE,JPN,CHN"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn parallel_coding_writes_the_same_store() {
    let dir = temp_dir("jobs");
    let mut outputs = Vec::new();
    for jobs in ["1", "3"] {
        let db = dir.join(format!("jobs{jobs}.db"));
        let db = db.to_str().unwrap().to_string();
        assert!(dyad(&["ingest", examples().to_str().unwrap(), "--db", &db, "--jobs", jobs], None)
            .status
            .success());
        outputs.push(dyad(&["events", "--db", &db, "--to", "jsonl"], None).stdout);
    }
    assert!(!outputs[0].is_empty());
    assert_eq!(outputs[0], outputs[1], "merging must not depend on the number of threads");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The identity of each merged event: type, actors, recipients, date, modes.
fn event_keys(db: &str) -> Vec<serde_json::Value> {
    let out = dyad(&["events", "--db", db, "--to", "jsonl"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    lines(&out)
        .iter()
        .map(|e| serde_json::json!([e["event"], e["actor"], e["recipient"], e["date"], e["mode"]]))
        .collect()
}

/// GDELT 2.0 rows (61 columns) with these GLOBALEVENTIDs: the United States attacks Russia.
fn gdelt_rows(ids: std::ops::RangeInclusive<u64>) -> String {
    let mut out = String::new();
    for id in ids {
        let mut cols = vec![String::new(); 61];
        cols[0] = id.to_string();
        cols[1] = "20240619".into();
        (cols[5], cols[6], cols[7]) = ("USA".into(), "UNITED STATES".into(), "USA".into());
        (cols[15], cols[16], cols[17]) = ("RUS".into(), "RUSSIA".into(), "RUS".into());
        cols[26] = "190".into();
        cols[60] = format!("https://news.example/{id}");
        out.push_str(&cols.join("\t"));
        out.push('\n');
    }
    out
}

#[test]
fn overlapping_gdelt_files_import_each_event_once() {
    let dir = temp_dir("gdelt-overlap");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let (first, second) = (dir.join("a.export.CSV"), dir.join("b.export.CSV"));
    std::fs::write(&first, gdelt_rows(1..=4)).unwrap();
    // The second file repeats rows 3 and 4 (a later 15-minute file, a re-download).
    std::fs::write(&second, gdelt_rows(3..=6)).unwrap();
    let import = |file: &std::path::Path| {
        let out = dyad(&["import", "--format", "gdelt", file.to_str().unwrap(), "--db", db], None);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    assert!(import(&first).contains("imported: 4 gdelt rows"));
    let again = import(&second);
    assert!(again.contains("imported: 2 gdelt rows"), "{again}");
    assert!(again.contains("2 rows already imported (same GLOBALEVENTID) left out"), "{again}");
    assert_eq!(event_keys(db).len(), 6);
    // The analysis counts each event once.
    let out = dyad(&["dyads", "--db", db, "--to", "csv"], None);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.lines().any(|l| l.starts_with("2024-06-01,USA,RUS,6,")), "{csv}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 18: `dyad import` leaves in the store what `dyad serve` shows first, so that a
/// server started afterwards reads it: nothing is left to compute, and it is what the events
/// give. `dyad polarity` reads the same saved results.
#[test]
fn an_import_saves_what_a_server_reads_first() {
    let dir = temp_dir("import-saves");
    let db = dir.join("store.db");
    let file = dir.join("a.export.CSV");
    let mut rows = gdelt_rows(1..=3);
    rows.push_str(&gdelt_rows(4..=6).replace("\t20240619\t", "\t20240803\t"));
    std::fs::write(&file, rows).unwrap();
    let out = dyad(
        &["import", "--format", "gdelt", file.to_str().unwrap(), "--db", db.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("analyses saved"));
    let store = dyad_store::Store::open(&db).unwrap();
    let lexicon = dyad_lexicon::Lexicon::load(&[]).unwrap();
    let is_state = |code: &str| lexicon.country(code).is_some();
    let context = lexicon.version();
    let (monthly, to_save) =
        dyad_analysis::saved_monthly_windows(&store, context, &is_state, &|| false).unwrap();
    assert!(to_save.is_empty(), "months left to compute");
    let (whole, to_save) = dyad_analysis::saved_whole(&store, context, &is_state).unwrap();
    assert!(to_save.is_empty(), "the whole network left to compute");
    let render = |p: &dyad_analysis::DyadPoint| p.to_json(false);
    let format = dyad_analysis::DYADS_JSON;
    let ((dyads, n), to_save) =
        dyad_analysis::saved_monthly_dyads(&store, context, format, &is_state, &render).unwrap();
    assert!(to_save.is_empty(), "dyads left to compute");
    // What the events give, computed afresh.
    let options = dyad_analysis::TallyOptions {
        whole: true,
        windows: Some(dyad_analysis::Granularity::Month),
        dyads: Some(dyad_analysis::Granularity::Month),
        ..dyad_analysis::TallyOptions::default()
    };
    let filter = dyad_store::EventFilter::default();
    let order = dyad_store::FactsOrder::Date;
    let tally = dyad_analysis::Tally::from_store(&store, &filter, options, order, &is_state);
    let tally = tally.unwrap();
    let base = dyad_analysis::NetworkOptions::default();
    let fresh = tally.windows(Some(dyad_analysis::Granularity::Month), &base).unwrap();
    assert_eq!(monthly.unwrap(), fresh);
    assert_eq!(fresh.len(), 3, "June, July (empty), August");
    assert_eq!(whole, tally.windows(None, &base).unwrap().remove(0));
    let fresh_dyads: String = tally.dyad_series().iter().map(|p| p.to_json(false) + "\n").collect();
    assert_eq!((dyads, n), (fresh_dyads, 2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn importing_an_export_reproduces_the_events() {
    let dir = temp_dir("roundtrip");
    let db = dir.join("coded.db");
    let db = db.to_str().unwrap();
    let out = dyad(&["ingest", examples().to_str().unwrap(), "--db", db], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let original = event_keys(db);
    assert!(original.len() > 50, "the examples code into many events");

    let plover = dir.join("events.jsonl");
    let plover = plover.to_str().unwrap();
    assert!(dyad(&["export", "--db", db, "--format", "plover", "--out", plover], None)
        .status
        .success());
    let copy = dir.join("copy.db");
    let copy = copy.to_str().unwrap();
    let out = dyad(&["import", "--format", "plover", plover, "--db", copy], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(event_keys(copy), original);
    // Importing the same file again changes nothing.
    let out = dyad(&["import", "--format", "plover", plover, "--db", copy], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 files imported before"));
    assert_eq!(event_keys(copy).len(), original.len());
    // Imported rows name their provenance.
    let shown = dyad(&["show", "1", "--db", copy], None);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("imported from plover"));

    // Through the GDELT-style table: type, first actor and recipient and date survive.
    let gdelt = dir.join("events.gdelt.tsv");
    let gdelt = gdelt.to_str().unwrap();
    assert!(dyad(&["export", "--db", db, "--format", "gdelt", "--out", gdelt], None)
        .status
        .success());
    let via_gdelt = dir.join("gdelt.db");
    let via_gdelt = via_gdelt.to_str().unwrap();
    assert!(dyad(&["import", "--format", "gdelt", gdelt, "--db", via_gdelt], None)
        .status
        .success());
    // GDELT has one actor per side: the first of the first mention, one of the event's.
    let via: Vec<serde_json::Value> = event_keys(via_gdelt);
    let dated: Vec<&serde_json::Value> = original.iter().filter(|k| !k[3].is_null()).collect();
    assert_eq!(via.len(), dated.len());
    let within = |one: &serde_json::Value, all: &serde_json::Value| {
        let all = all.as_array().unwrap();
        match one.as_array().unwrap().as_slice() {
            [] => all.is_empty(),
            [code] => all.contains(code),
            more => panic!("GDELT gave several actors: {more:?}"),
        }
    };
    for (g, o) in via.iter().zip(&dated) {
        assert_eq!((&g[0], &g[3]), (&o[0], &o[3]), "type and date");
        assert!(within(&g[1], &o[1]) && within(&g[2], &o[2]), "{g} vs {o}");
    }

    // Parquet, one file and partitions.
    let parquet = dir.join("events.parquet");
    assert!(dyad(
        &["export", "--db", db, "--format", "parquet", "--out", parquet.to_str().unwrap()],
        None
    )
    .status
    .success());
    assert!(std::fs::read(&parquet).unwrap().starts_with(b"PAR1"));
    let parts = dir.join("parts");
    let parts = parts.to_str().unwrap();
    assert!(dyad(&["export", "--db", db, "--format", "parquet", "--partitioned", parts], None)
        .status
        .success());
    let out = dyad(&["export", "--db", db, "--format", "csv", "--partitioned", parts], None);
    assert_eq!(out.status.code(), Some(2), "--partitioned is for parquet only");
    // The partitions folder imports back whole (as Spark's output does: docs/scale.md).
    let via_parquet = dir.join("parquet.db");
    let via_parquet = via_parquet.to_str().unwrap();
    let out = dyad(&["import", "--format", "parquet", parts, "--db", via_parquet], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 bad rows"));
    let sorted = |mut keys: Vec<serde_json::Value>| {
        keys.sort_by_key(|k| k.to_string());
        keys
    };
    assert_eq!(sorted(event_keys(via_parquet)), sorted(original.clone()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_reports_bad_rows_and_unreadable_files_and_goes_on() {
    let dir = temp_dir("import-bad");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let file = dir.join("mixed.jsonl");
    std::fs::write(
        &file,
        "{\"event\": \"AID\", \"actor\": \"PRK\", \"recipient\": \"RUS\", \"date\": \"2024-09-01\"}\n\
         {\"event\": \"AID\", \"actor\": \"PRK\", \"date\": \"next year\"}\n\
         {\"event\": \"ASSAULT\", \"actor\": \"RUS\", \"recipient\": \"UKR\", \"date\": \"2024-10-01\"}\n",
    )
    .unwrap();
    let missing = dir.join("missing.jsonl");
    let zip = dir.join("broken.zip");
    std::fs::write(&zip, b"PK but not really").unwrap();
    let out = dyad(
        &[
            "import",
            "--format",
            "plover",
            file.to_str().unwrap(),
            missing.to_str().unwrap(),
            zip.to_str().unwrap(),
            "--db",
            db,
        ],
        None,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mixed.jsonl:line 2: field `date`"), "{stderr}");
    assert!(stderr.contains("missing.jsonl"), "{stderr}");
    assert!(stderr.contains("broken.zip"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("imported: 2 plover rows"), "{stdout}");
    assert!(stdout.contains("1 bad rows skipped"), "{stdout}");
    assert!(stdout.contains("2 files unreadable"), "{stdout}");
    assert_eq!(event_keys(db).len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A small HTTP/1.1 server on loopback for the fetching tests: canned pages, a feed,
/// redirects, errors, a slow and an oversized response. It records each request's path and
/// user agent.
struct TestServer {
    base: String,
    requests: std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>,
}

fn article_page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"2024-06-20T08:00:00Z\"></head>\
         <body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )
}

impl TestServer {
    fn start() -> TestServer {
        use std::io::{BufRead, BufReader};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = requests.clone();
        let feed_base = base.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let log = log.clone();
                let base = feed_base.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() {
                        return;
                    }
                    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let mut agent = String::new();
                    loop {
                        let mut header = String::new();
                        if reader.read_line(&mut header).unwrap_or(0) == 0
                            || header.trim().is_empty()
                        {
                            break;
                        }
                        if let Some(v) = header.to_ascii_lowercase().strip_prefix("user-agent:") {
                            agent = v.trim().to_string();
                        }
                    }
                    log.lock().unwrap().push((path.clone(), agent));
                    let ok = |kind: &str, body: String| {
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        )
                    };
                    let redirect = |to: &str| {
                        format!("HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    };
                    let response = match path.as_str() {
                        "/article.html" => ok("text/html; charset=utf-8", article_page(
                            "Treaty signed",
                            "North Korea and Russia signed a mutual defence treaty in Pyongyang on Wednesday.",
                        )),
                        "/a1.html" => ok("text/html", article_page(
                            "Shells shipped",
                            "North Korea sent artillery shells to Russia last month, officials in Seoul said.",
                        )),
                        "/a2.html" => ok("text/html", article_page(
                            "Protest",
                            "Japan protested to China on Thursday over the incursion near its islands.",
                        )),
                        "/moved" => redirect("/article.html"),
                        "/loop" => redirect("/loop"),
                        "/feed.xml" => ok("application/rss+xml", format!(
                            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test desk</title>\
                             <item><title>Treaty signed</title><link>{base}/article.html</link></item>\
                             <item><title>Shells shipped</title><link>{base}/a1.html</link></item>\
                             <item><title>Protest</title><link>/a2.html</link></item>\
                             <item><title>Gone</title><link>{base}/missing</link></item>\
                             </channel></rss>"
                        )),
                        "/slow" => {
                            std::thread::sleep(std::time::Duration::from_secs(4));
                            ok("text/plain", "too late".to_string())
                        }
                        "/big" => {
                            // No Content-Length: the limit must cut the body while reading.
                            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
                            let chunk = "Russia and Ukraine. ".repeat(1000);
                            for _ in 0..50 {
                                if stream.write_all(chunk.as_bytes()).is_err() {
                                    break;
                                }
                            }
                            return;
                        }
                        _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
                    };
                    let _ = stream.write_all(response.as_bytes());
                });
            }
        });
        TestServer { base, requests }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn fetched(&self, path: &str) -> usize {
        self.requests.lock().unwrap().iter().filter(|(p, _)| p == path).count()
    }
}

/// The test server is on loopback, which fetching refuses by default.
const ALLOW: &str = "--allow-private-urls";

#[test]
fn ingests_urls_and_feeds_from_a_loopback_server() {
    let server = TestServer::start();
    let dir = temp_dir("fetch");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    // Issue 17: a loopback address is refused unless allowed, and nothing is sent to it.
    for args in [vec!["ingest", "--feed"], vec!["ingest"]] {
        let url = server.url("/article.html");
        let out = dyad(&[args.as_slice(), &[url.as_str(), "--db", db]].concat(), None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("refused") && stderr.contains("--allow-private-urls"), "{stderr}");
    }
    assert_eq!(server.requests.lock().unwrap().len(), 0);
    // A redirect is followed; the page is stored under its final address.
    let out = dyad(&["ingest", &server.url("/moved"), "--db", db, ALLOW], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ingested: 1 new documents"));
    let docs = dyad(&["docs", "--db", db], None);
    assert!(String::from_utf8_lossy(&docs.stdout).contains("Treaty signed"));
    let (_, agent) = server.requests.lock().unwrap()[0].clone();
    assert!(agent.starts_with("dyad/"), "user agent `{agent}`");

    // The feed: the stored page is not fetched again, a relative link is resolved, a
    // missing page is reported and skipped.
    let out = dyad(&["ingest", "--feed", &server.url("/feed.xml"), "--db", db, ALLOW], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ingested: 2 new documents"), "{stdout}");
    assert!(stdout.contains("feeds: 4 items listed, 1 already stored"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("/missing: HTTP 404"));
    assert_eq!(server.fetched("/article.html"), 1, "a stored item is not fetched again");
    assert_eq!(server.fetched("/a2.html"), 1);
    let events = dyad(&["events", "--db", db, "--to", "jsonl"], None);
    let events = lines(&events);
    assert!(events.iter().any(|e| e["event"] == "AID" && e["actor"][0] == "PRK"));
    // The page's own date wins over nothing; every stored page has one.
    assert!(events.iter().all(|e| e["date"].as_str().is_some_and(|d| d.starts_with("2024"))));

    // Again: nothing new is fetched but the missing page.
    let out = dyad(&["ingest", "--feed", &server.url("/feed.xml"), "--db", db, ALLOW], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 already stored"));
    assert_eq!(server.fetched("/a1.html"), 1);

    // Failures are reported with their reason; the store is left as it was; exit 0.
    let stats_before = dyad(&["stats", "--db", db], None).stdout;
    for (path, extra, reason) in [
        ("/loop", vec![], "redirects"),
        ("/slow", vec!["--timeout", "1"], "--timeout"),
        ("/big", vec!["--max-bytes", "100000"], "--max-bytes"),
        ("/missing", vec![], "HTTP 404"),
    ] {
        let url = server.url(path);
        let mut args = vec!["ingest", url.as_str(), "--db", db, ALLOW];
        args.extend(extra);
        let out = dyad(&args, None);
        assert!(out.status.success(), "{path}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(reason) && stderr.contains(path), "{path}: {stderr}");
    }
    assert_eq!(dyad(&["stats", "--db", db], None).stdout, stats_before);
    let out = dyad(&["ingest", "--feed", "not-a-url", "--db", db], None);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `dyad serve` on a free loopback port, killed when dropped.
struct Served {
    child: std::process::Child,
    addr: std::net::SocketAddr,
}

impl Served {
    fn start(db: &str, extra: &[&str]) -> Served {
        let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let bind = addr.to_string();
        let child = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args([&["serve", "--db", db, "--bind", bind.as_str()], extra].concat())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dyad runs");
        let served = Served { child, addr };
        for _ in 0..100 {
            if std::net::TcpStream::connect(addr).is_ok() {
                return served;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("dyad serve did not start");
    }

    /// Sends one HTTP/1.1 request and returns the whole answer.
    fn request(&self, method: &str, path: &str, headers: &str, body: &str) -> String {
        use std::io::Read;
        let mut stream = std::net::TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n{headers}Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Issue 17: with the write token, `POST /api/ingest {"url": …}` must not reach the machine
/// the server runs on (it used to store the page, and anyone could then read it).
#[test]
fn serve_does_not_fetch_private_urls_unless_allowed() {
    let server = TestServer::start();
    let dir = temp_dir("serve-ssrf");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    assert!(dyad(&["ingest", "--db", db], Some("")).status.success());
    let token = "ssrf-test-token-0123456789";
    let auth = format!("Authorization: Bearer {token}\r\nContent-Type: application/json\r\n");
    let body = format!("{{\"url\": \"{}\"}}", server.url("/article.html"));
    let served = Served::start(db, &["--write-token", token]);
    let answer = served.request("POST", "/api/ingest", &auth, &body);
    assert!(answer.starts_with("HTTP/1.1 502"), "{answer}");
    assert!(answer.contains("--allow-private-urls"), "{answer}");
    assert_eq!(server.requests.lock().unwrap().len(), 0, "nothing was sent");
    drop(served);
    let served = Served::start(db, &["--write-token", token, ALLOW]);
    let answer = served.request("POST", "/api/ingest", &auth, &body);
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    drop(served);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 17: `dyad serve` refuses, at start, a store that the other commands refuse, with
/// their message and exit code, instead of answering 500 to every request.
#[test]
fn serve_refuses_a_store_it_cannot_read() {
    let dir = temp_dir("serve-unreadable");
    let text = dir.join("notes.db");
    std::fs::write(&text, "not a store, a text file\n".repeat(100)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["serve", "--db", text.to_str().unwrap(), "--bind", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("dyad serve started on a text file");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot open the store") && stderr.contains("notes.db"), "{stderr}");
    let stats = dyad(&["stats", "--db", text.to_str().unwrap()], None);
    assert_eq!(String::from_utf8_lossy(&stats.stderr), stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn recode_reports_what_a_lexicon_change_does() {
    let dir = temp_dir("recode");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let input = "{\"id\": \"a\", \"text\": \"The Bluewater Militia attacked Ukrainian troops near Kharkiv on Monday.\\n\\nRussia sent shells to North Korea on Tuesday.\", \"date\": \"2024-06-19\"}\n";
    assert!(dyad(&["ingest", "-", "--db", db], Some(input)).status.success());
    // Nothing changed: the stored document codes exactly as before.
    let out = dyad(&["recode", "--db", db], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("recoded: 1 documents, 0 changed"));
    let before = event_keys(db);

    // A lexicon overlay names the militia: the attack gains an actor.
    let lexicon = dir.join("lexicon");
    std::fs::create_dir_all(&lexicon).unwrap();
    std::fs::write(
        lexicon.join("organizations.tsv"),
        "name\taliases\tcountry\tcode\tsector\tkind\nBluewater Militia\t\tRUS\tBWM\tUAF\tarmed group\n",
    )
    .unwrap();
    let lex = lexicon.to_str().unwrap();
    let out = dyad(&["recode", "--db", db, "--lexicon", lex, "--dry-run"], None);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(stdout.contains("1 would change"), "{stdout}");
    assert!(stdout.contains("+ ASSAULT BWM→UKR"), "{stdout}");
    assert_eq!(event_keys(db), before, "a dry run changes nothing");
    let out = dyad(&["recode", "--db", db, "--lexicon", lex], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 changed"));
    let after = event_keys(db);
    assert!(after.iter().any(|k| k[0] == "ASSAULT" && k[1][0] == "BWM"), "{after:?}");
    assert!(after.iter().any(|k| k[0] == "AID"), "the unchanged event is kept");
    let out = dyad(&["recode", "--db", db, "--lexicon", lex], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 changed"));
    let check = dyad(&["stats", "--db", db, "--check"], None);
    assert!(String::from_utf8_lossy(&check.stdout).contains("integrity: ok"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// PLOVER records: cooperation inside each group, conflict between the groups.
fn coalition_records(groups: &[&[&str]], first_id: usize) -> String {
    let mut out = String::new();
    let mut id = first_id;
    let all: Vec<(usize, &str)> =
        groups.iter().enumerate().flat_map(|(g, m)| m.iter().map(move |c| (g, *c))).collect();
    for (i, (ga, a)) in all.iter().enumerate() {
        for (gb, b) in &all[i + 1..] {
            id += 1;
            let event = if ga == gb { "COOPERATE" } else { "ACCUSE" };
            let day = 1 + id % 27;
            out.push_str(&format!(
                "{{\"id\": \"r{id}\", \"event\": \"{event}\", \"actor\": \"{a}\", \"recipient\": \"{b}\", \"date\": \"2024-06-{day:02}\"}}\n"
            ));
        }
    }
    out
}

fn blocs_json(db: &str) -> serde_json::Value {
    let out = dyad(&["blocs", "--db", db, "--to", "json"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn blocs_and_polarity_of_two_coalitions_and_a_third_group() {
    let dir = temp_dir("blocs");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let west: &[&str] = &["USA", "JPN", "KOR", "UKR"];
    let east: &[&str] = &["RUS", "PRK", "IRN", "BLR"];
    let file = dir.join("two.jsonl");
    std::fs::write(&file, coalition_records(&[west, east], 0)).unwrap();
    assert!(dyad(&["import", "--format", "plover", file.to_str().unwrap(), "--db", db], None)
        .status
        .success());
    let v = blocs_json(db);
    let mut blocs: Vec<Vec<String>> = v["blocs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    blocs.sort();
    assert_eq!(blocs, [vec!["BLR", "IRN", "PRK", "RUS"], vec!["JPN", "KOR", "UKR", "USA"]]);
    assert_eq!(v["frustration"], 0.0);
    let polarity = |db: &str| -> f64 {
        let out = dyad(&["polarity", "--db", db, "--to", "json"], None);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["windows"].as_array().unwrap().len(), 1, "one window by default");
        v["windows"][0]["polarity"].as_f64().unwrap()
    };
    let two = polarity(db);
    assert!(two > 0.95, "near-maximal polarity: {two}");

    // A third group that cooperates among itself and with both coalitions.
    let south: &[&str] = &["IND", "BRA", "ZAF", "IDN"];
    let mut third = coalition_records(&[south], 1000);
    for (i, s) in south.iter().enumerate() {
        for other in west.iter().chain(east) {
            third.push_str(&format!(
                "{{\"event\": \"CONSULT\", \"actor\": \"{s}\", \"recipient\": \"{other}\", \"date\": \"2024-06-{:02}\"}}\n",
                10 + i
            ));
        }
    }
    let file = dir.join("third.jsonl");
    std::fs::write(&file, third).unwrap();
    assert!(dyad(&["import", "--format", "plover", file.to_str().unwrap(), "--db", db], None)
        .status
        .success());
    let three = polarity(db);
    assert!(three < two, "a third cooperating group lowers polarity: {three} vs {two}");

    // The network in every format, and the charts.
    for (format, marker) in
        [("json", "\"edges\""), ("graphml", "<graphml"), ("dot", "graph dyad {")]
    {
        let out = dyad(&["network", "--db", db, "--format", format], None);
        assert!(String::from_utf8_lossy(&out.stdout).contains(marker), "{format}");
    }
    let png = dir.join("polarity.png");
    let out =
        dyad(&["polarity", "--db", db, "--window", "week", "--chart", png.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    let ink = pixmap
        .pixels()
        .iter()
        .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
        .count();
    assert!(ink > 2000, "the chart is not blank: {ink} dark pixels");
    let svg = dir.join("network.svg");
    assert!(dyad(&["network", "--db", db, "--chart", svg.to_str().unwrap()], None)
        .status
        .success());
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(svg.matches("class=\"node\"").count(), 12);
    assert!(svg.contains("class=\"edge conflict\"") && svg.contains("class=\"edge cooperation\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_example_corpus_report_shows_the_two_blocs() {
    let dir = temp_dir("report");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    assert!(dyad(&["ingest", examples().to_str().unwrap(), "--db", db], None).status.success());
    let v = blocs_json(db);
    let bloc_of = |code: &str| -> usize {
        v["blocs"]
            .as_array()
            .unwrap()
            .iter()
            .position(|b| b["members"].as_array().unwrap().iter().any(|m| m == code))
            .unwrap_or_else(|| panic!("{code} in no bloc: {v}"))
    };
    assert_eq!(bloc_of("RUS"), bloc_of("PRK"));
    for code in ["UKR", "USA", "JPN", "KOR"] {
        assert_eq!(bloc_of(code), bloc_of("USA"), "{code}");
    }
    assert_ne!(bloc_of("RUS"), bloc_of("USA"));

    let report = dir.join("report.html");
    let out = dyad(&["report", "--db", db, "--out", report.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<svg") && html.contains("Polarity over time"));
    // Every link in the report resolves to an anchor in it.
    for link in html.split("href=\"#").skip(1) {
        let target = &link[..link.find('"').unwrap()];
        assert!(html.contains(&format!("id=\"{target}\"")), "dangling link #{target}");
    }
    assert!(html.contains("<mark>"), "evidence sentences with their triggers marked");
    assert!(!html.contains("<script"), "self-contained and static");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn parallel_code_output_is_identical_and_line_numbers_hold_across_units() {
    // More than one 64 KiB unit of JSONL, with a bad line far into it.
    let mut input = String::new();
    let mut n = 0;
    for round in 0..6 {
        for entry in std::fs::read_dir(examples()).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let record = serde_json::json!({"id": format!("{round}-{n}"), "text": text, "date": "2024-11-01"});
            input.push_str(&record.to_string());
            input.push('\n');
            n += 1;
        }
        if round == 4 {
            input.push_str("{broken\n");
        }
    }
    let bad_line = input.lines().position(|l| l == "{broken").unwrap() + 1;
    assert!(input.len() > 3 * 64 * 1024);
    let one = dyad(&["code", "--from", "jsonl", "--jobs", "1"], Some(&input));
    let three = dyad(&["code", "--from", "jsonl", "--jobs", "3"], Some(&input));
    assert!(one.status.success() && three.status.success());
    assert!(lines(&one).len() > 100);
    assert_eq!(one.stdout, three.stdout);
    assert_eq!(one.stderr, three.stderr);
    let stderr = String::from_utf8_lossy(&three.stderr);
    assert!(stderr.contains(&format!("line {bad_line}: invalid JSON")), "{stderr}");
}

#[test]
fn a_line_or_file_over_the_size_limit_is_skipped_with_a_message_and_the_rest_goes_on() {
    let dir = temp_dir("limits");
    let huge = "x".repeat(5 << 20);
    let jsonl = dir.join("big.jsonl");
    let doc = |id: &str| {
        serde_json::json!({"id": id, "text": "Iran condemned Israel on Monday.", "date": "2024-06-19"})
            .to_string()
    };
    std::fs::write(
        &jsonl,
        format!("{}\n{{\"id\": \"huge\", \"text\": \"{huge}\"}}\n{}\n", doc("a"), doc("b")),
    )
    .unwrap();
    let text = dir.join("big.txt");
    std::fs::write(&text, &huge).unwrap();
    let out = dyad(&["code", jsonl.to_str().unwrap(), text.to_str().unwrap()], None);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("big.jsonl:2: line of") && stderr.contains("longer than the limit"),
        "{stderr}"
    );
    assert!(stderr.contains("big.txt: larger than the limit"), "{stderr}");
    let ids: Vec<String> =
        lines(&out).iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["a", "b"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn binary_empty_and_legacy_encoded_files_each_get_a_message_and_the_batch_goes_on() {
    let dir = temp_dir("encodings");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let sentence = "Japan protested to China on Thursday over the incursion near its islands.";
    let write = |name: &str, bytes: &[u8]| std::fs::write(input.join(name), bytes).unwrap();
    write("a-good.txt", sentence.as_bytes());
    write("b-report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj");
    write("c-empty.txt", b"");
    write("d-blank.txt", b"  \n\n \t\n");
    write("e-nul.txt", b"Japan\x00\x01\x02 protested");
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "Russia condemned Ukraine on Friday over the strike on its oil depot."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    write("f-utf16.txt", &utf16);
    // windows-1252, declared by the page: 0x92 is a right single quote.
    write(
        "g-declared.html",
        b"<html><head><meta charset=\"windows-1252\"><title>Talks</title></head><body><article>\
          <p>South Korea\x92s president met Japan\x92s prime minister in Seoul on Monday.</p>\
          </article></body></html>",
    );
    // windows-1252 with nothing declared: read by a guess, with a warning.
    write("h-undeclared.txt", b"Iran condemned Israel on Monday over the strike on its consulate \x96 a \x93grave\x94 act.");
    let deep = format!(
        "<html><body>{}<p>Germany criticised Hungary on Tuesday over the veto.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write("i-deep.html", deep.as_bytes());
    write("j-archive.jsonl", b"PK\x03\x04\x14\x00\x00\x00rest of a zip");
    // A byte-order mark before the first record; an `html` record nested too deep.
    let record = serde_json::json!({"id": "k", "html": format!(
        "<html><body>{}<p>Poland criticised Belarus on Sunday over the border.</p></body></html>",
        "<section>".repeat(600)
    )});
    write("k-records.jsonl", format!("\u{feff}{record}\n").as_bytes());
    let db = dir.join("store.db");
    // Dated, so that the only messages are about the bytes (not the missing dates).
    let out = dyad(
        &["ingest", input.to_str().unwrap(), "--db", db.to_str().unwrap(), "--date", "2024-06-17"],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for expected in [
        "skipped ", // every skip names its file:
        "b-report.txt: not text: a PDF document",
        "c-empty.txt: empty: no bytes",
        "d-blank.txt: empty: nothing but white space (7 bytes)",
        "e-nul.txt: not text: binary data (a NUL byte at offset 5)",
        "h-undeclared.txt: not UTF-8 (byte offset 65) and no charset declared; read as windows-1252, a guess",
        "i-deep.html: elements nested more than 512 deep; their tags were dropped",
        "j-archive.jsonl: not text: a ZIP archive",
        "k-records.jsonl:1: elements nested more than 512 deep",
    ] {
        assert!(stderr.contains(expected), "`{expected}` not in:\n{stderr}");
    }
    assert!(!stderr.contains("f-utf16.txt") && !stderr.contains("g-declared.html"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ingested: 6 new documents"), "{stdout}");
    let events = lines(&dyad(&["events", "--db", db.to_str().unwrap(), "--to", "jsonl"], None));
    let evidence: Vec<String> = events.iter().map(|e| e.to_string()).collect();
    for text in [
        "Russia condemned Ukraine",
        "South Korea\u{2019}s president",
        "\u{2013} a \u{201c}grave\u{201d} act",
        "Germany criticised Hungary",
        "Poland criticised Belarus",
    ] {
        assert!(evidence.iter().any(|e| e.contains(text)), "`{text}` in no event: {evidence:#?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn exports_keep_modality_hedge_attribution_size_and_precision_through_a_round_trip() {
    // Issue 19: the PLOVER export turned a hedged, attributed figure into a plain fact.
    let dir = temp_dir("export-evidence");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let input = "{\"id\": \"a\", \"text\": \"It is thought that North Korea sent close to 2,000 drones to Russia, South Korea said on Monday.\", \"date\": \"2024-06-19\", \"outlet\": \"One\"}\n";
    assert!(dyad(&["ingest", "-", "--db", db], Some(input)).status.success());
    let check = |record: &serde_json::Value| {
        assert_eq!(record["modality"], "reported", "{record}");
        assert_eq!(record["hedge"], "It is thought", "{record}");
        assert_eq!(record["attribution"]["text"], "South Korea said", "{record}");
        assert_eq!(record["attribution"]["source"]["code"], "KOR", "{record}");
        assert_eq!(record["size"]["qualifier"], "close to", "{record}");
        assert_eq!(record["size"]["value"], 2000.0, "{record}");
        assert_eq!(record["size"]["unit"], "drones", "{record}");
        assert_eq!(record["date_precision"], "day", "{record}");
        assert_eq!(record["n_sources"], 1, "{record}");
    };
    let export = |db: &str, format: &str, name: &str| -> String {
        let path = dir.join(name);
        let out = dyad(
            &["export", "--db", db, "--format", format, "--out", path.to_str().unwrap()],
            None,
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        std::fs::read_to_string(path).unwrap()
    };
    let plover = export(db, "plover", "events.jsonl");
    check(&serde_json::from_str(plover.trim()).unwrap());
    let csv = export(db, "csv", "events.csv");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    for column in ["modality", "hedge", "attribution", "attribution_source", "date_precision"] {
        assert!(header.contains(&column), "{column} in {header:?}");
    }
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains("close to 2000 drones (One)"), "{row}");
    assert!(row.ends_with(",day,reported,It is thought,South Korea said,KOR"), "{row}");

    let copy = dir.join("copy.db");
    let copy = copy.to_str().unwrap();
    let plover_path = dir.join("events.jsonl");
    let out =
        dyad(&["import", "--format", "plover", plover_path.to_str().unwrap(), "--db", copy], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = export(copy, "plover", "again.jsonl");
    let again: serde_json::Value = serde_json::from_str(again.trim()).unwrap();
    check(&again);
    assert_eq!(again["sources"][0], "One");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Minimal PLOVER records, one a day from 1 May 2024: Chad helps Niger, Niger thanks Chad.
fn daily_records(n: usize) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    (0..n)
        .map(|i| {
            let date = start + chrono::Days::new(i as u64);
            let (event, actor, recipient) =
                if i % 2 == 0 { ("AID", "TCD", "NER") } else { ("CONSULT", "NER", "TCD") };
            format!("{{\"id\": \"r{i}\", \"event\": \"{event}\", \"actor\": \"{actor}\", \"recipient\": \"{recipient}\", \"date\": \"{date}\", \"text\": \"Row {i} of a test file about two neighbours.\"}}\n")
        })
        .collect()
}

fn imported_store(dir: &Path, n: usize) -> String {
    let file = dir.join("records.jsonl");
    std::fs::write(&file, daily_records(n)).unwrap();
    let db = dir.join("store.db").to_str().unwrap().to_string();
    let out = dyad(&["import", "--format", "plover", file.to_str().unwrap(), "--db", &db], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn event_filters_are_checked_like_the_api_and_take_months_and_years() {
    // Issue 19: a name or an unknown type gave an empty table and exit 0; `--since 2024-06`
    // said "premature end of input".
    let dir = temp_dir("filters");
    let db = imported_store(&dir, 90);
    let by_name = dyad(&["events", "--db", &db, "--actor", "Chad"], None);
    assert_eq!(by_name.status.code(), Some(2));
    assert!(stderr(&by_name).contains("--actor TCD"), "{}", stderr(&by_name));
    let bad_type = dyad(&["events", "--db", &db, "--type", "FOO"], None);
    assert_eq!(bad_type.status.code(), Some(2));
    assert!(stderr(&bad_type).contains("FOO"), "{}", stderr(&bad_type));
    let bad_date = dyad(&["events", "--db", &db, "--since", "2024-6-x"], None);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(stderr(&bad_date).contains("YYYY-MM"), "{}", stderr(&bad_date));
    // The code is taken in any case.
    let lower = dyad(&["events", "--db", &db, "--actor", "tcd", "--to", "jsonl"], None);
    assert_eq!(lines(&lower).len(), 45);
    let june = dyad(
        &["events", "--db", &db, "--since", "2024-06", "--until", "2024-06", "--to", "jsonl"],
        None,
    );
    assert!(june.status.success(), "{}", stderr(&june));
    let dates: Vec<String> =
        lines(&june).iter().map(|e| e["date"].as_str().unwrap().to_string()).collect();
    assert_eq!(dates.len(), 30, "all of June, from its first day to its last");
    assert!(dates.iter().all(|d| d.starts_with("2024-06-")), "{dates:?}");
    let year = dyad(&["events", "--db", &db, "--until", "2024", "--to", "jsonl"], None);
    assert_eq!(lines(&year).len(), 90);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // Issue 19: `dyad events --to jsonl | head` said "Broken pipe (os error 32)" and exited 2.
    let dir = temp_dir("pipe");
    let db = imported_store(&dir, 2000);
    for format in ["jsonl", "table", "csv"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(["events", "--db", &db, "--to", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{format}: {:?}", out.status);
        assert_eq!(stderr(&out), "", "{format}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn empty_answers_and_bad_searches_are_said_in_words() {
    // Issue 19: no hits printed nothing (or a bare header); an FTS syntax error showed
    // SQLite's message.
    let dir = temp_dir("answers");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let input = "{\"id\": \"a\", \"text\": \"Chad sent food aid to Niger on Monday.\", \"date\": \"2024-06-19\"}\n";
    assert!(dyad(&["ingest", "-", "--db", db], Some(input)).status.success());
    let none = dyad(&["events", "--db", db, "--actor", "BRA"], None);
    assert!(none.status.success());
    assert!(none.stdout.is_empty(), "{}", String::from_utf8_lossy(&none.stdout));
    assert_eq!(stderr(&none).trim(), "dyad: no events match");
    let csv = dyad(&["events", "--db", db, "--actor", "BRA", "--to", "csv"], None);
    assert_eq!(String::from_utf8_lossy(&csv.stdout).lines().count(), 1, "the header only");
    assert_eq!(stderr(&csv).trim(), "dyad: no events match");
    let no_docs = dyad(&["docs", "volcano", "--db", db], None);
    assert!(no_docs.status.success());
    assert!(no_docs.stdout.is_empty());
    assert_eq!(stderr(&no_docs).trim(), "dyad: no documents match");
    for (query, words) in [("\"food aid", "double quote"), ("aid AND", "ends before")] {
        let bad = dyad(&["docs", query, "--db", db], None);
        assert_eq!(bad.status.code(), Some(2));
        let message = stderr(&bad);
        assert!(message.contains(words), "{message}");
        assert!(!message.contains("fts5") && !message.contains("database"), "{message}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_as_store_and_missing_inputs_get_one_clear_message_and_no_store() {
    // Issue 19: `--db DIR` said "unable to open database file" three times; a missing input
    // left an empty store behind.
    let dir = temp_dir("no-store");
    let folder = dyad(&["events", "--db", dir.to_str().unwrap()], None);
    assert_eq!(folder.status.code(), Some(2));
    let message = stderr(&folder);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("is a folder"), "{message}");
    let db = dir.join("new.db");
    let missing = dir.join("no-such-file.txt");
    let ingest = dyad(&["ingest", missing.to_str().unwrap(), "--db", db.to_str().unwrap()], None);
    assert_eq!(ingest.status.code(), Some(2), "{}", stderr(&ingest));
    assert!(stderr(&ingest).contains("no store was created"), "{}", stderr(&ingest));
    let import = dyad(
        &["import", "--format", "plover", missing.to_str().unwrap(), "--db", db.to_str().unwrap()],
        None,
    );
    assert_eq!(import.status.code(), Some(2));
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "nothing created: {left:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_summary_leaves_out_self_dyads_and_generic_parties_unless_asked() {
    // Issue 19: PRK→PRK and IGO→IGO were among the top dyads.
    let dir = temp_dir("self-dyads");
    let file = dir.join("records.jsonl");
    let mut records = String::new();
    for (i, (actor, recipient)) in
        [("PRK", "PRK"), ("PRK", "PRK"), ("IGO", "IGO"), ("IGO", "IGO"), ("TCD", "NER")]
            .iter()
            .enumerate()
    {
        records.push_str(&format!("{{\"id\": \"s{i}\", \"event\": \"CONSULT\", \"actor\": \"{actor}\", \"recipient\": \"{recipient}\", \"date\": \"2024-03-0{}\"}}\n", i + 1));
    }
    std::fs::write(&file, records).unwrap();
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let import = dyad(&["import", "--format", "plover", file.to_str().unwrap(), "--db", db], None);
    assert!(import.status.success(), "{}", stderr(&import));
    let summary = String::from_utf8_lossy(&import.stdout).to_string();
    assert!(summary.contains("top dyads: TCD→NER 1\n"), "{summary}");
    let stats = dyad(&["stats", "--db", db], None);
    assert!(String::from_utf8_lossy(&stats.stdout).contains("top dyads: TCD→NER 1\n"));
    let all = dyad(&["stats", "--db", db, "--include-self"], None);
    let all = String::from_utf8_lossy(&all.stdout).to_string();
    assert!(all.contains("top dyads: IGO→IGO 2, PRK→PRK 2, TCD→NER 1"), "{all}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Three articles of one day: a hedged, attributed report and a plain one of the same
/// shipment with another figure and date, and a page with a threat and an announced (future)
/// sanction.
fn certainty_store(dir: &Path) -> String {
    let db = dir.join("store.db").to_str().unwrap().to_string();
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"It is thought that North Korea sent close to 2,000 drones to Russia, South Korea said on Monday.\", \"date\": \"2024-06-19\", \"outlet\": \"One\"}\n",
        "{\"id\": \"b\", \"text\": \"North Korea sent 500 drones to Russia on Tuesday.\", \"date\": \"2024-06-19\", \"outlet\": \"Two\"}\n",
        "{\"id\": \"c\", \"text\": \"Japan and India signed a defence agreement on Wednesday. Germany threatened Iran with new measures. Germany announced it will impose sanctions on Iran.\", \"date\": \"2024-06-19\", \"outlet\": \"Three\"}\n",
    );
    let out = dyad(&["ingest", "-", "--db", &db], Some(input));
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

#[test]
fn the_events_table_shows_certainty_and_filters_by_it() {
    // Issue 19: the table had no modality or hedge column, so a hedged report read as a
    // fact, and merged events did not say whether their sources agree.
    let dir = temp_dir("certainty");
    let db = certainty_store(&dir);
    let out = dyad(&["events", "--db", &db], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8_lossy(&out.stdout).to_string();
    let header = table.lines().next().unwrap();
    assert!(header.contains("modality"), "{header}");
    let aid = table.lines().find(|l| l.contains(" AID ")).expect("the AID event");
    for expected in [
        "reported",
        "hedge: It is thought",
        "per South Korea said",
        "sources put it as reported, asserted",
        "figures differ across 2 sources",
        "dates differ: 2024-06-17, 2024-06-18",
    ] {
        assert!(aid.contains(expected), "{expected} in {aid}");
    }
    // The evidence is cut at a word, and says so.
    assert!(aid.contains("said on…"), "{aid}");
    let sanction = table.lines().find(|l| l.contains(" SANCTION ")).expect("the threat");
    assert!(sanction.contains("future"), "{sanction}");

    let events = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["events", "--db", &db, "--to", "jsonl"];
        all.extend_from_slice(args);
        let out = dyad(&all, None);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        lines(&out).iter().map(|e| e["event"].as_str().unwrap().to_string()).collect()
    };
    // Certain: a source states it as a fact (the second report of the shipment does).
    assert_eq!(events(&["--certain"]), ["AID", "AGREE", "THREATEN"]);
    assert_eq!(events(&["--modality", "future"]), ["SANCTION"]);
    assert_eq!(events(&["--modality", "Reported"]), ["AID"]);
    let json = dyad(&["events", "--db", &db, "--to", "jsonl", "--modality", "reported"], None);
    let record = &lines(&json)[0];
    assert_eq!(record["modality"], "reported", "{record}");
    assert_eq!(record["hedge"], "It is thought", "{record}");
    assert_eq!(record["figures_disagree"], true, "{record}");
    assert_eq!(record["dates_disagree"], true, "{record}");
    let bad = dyad(&["events", "--db", &db, "--modality", "maybe"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not a modality (asserted"), "{}", stderr(&bad));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn undated_documents_are_reported_and_fall_back_to_footnote_access_dates() {
    // Issue 19: ingesting a text without --date left its events undated with no warning,
    // though its footnotes say when the sources were read.
    let dir = temp_dir("undated");
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "North Korea sent artillery shells to Russia.[1]\n\nReferences\n\n1. Reuters, \"Shells to Russia\", https://www.reuters.com/x, accessed 28.06.2024\n2. AP, \"Earlier\", https://apnews.com/y, accessed 21.06.2024\n").unwrap();
    let plain = dir.join("plain.txt");
    std::fs::write(&plain, "North Korea sent artillery shells to Russia, officials said.\n")
        .unwrap();
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let out = dyad(&["ingest", dir.to_str().unwrap(), "--db", db, "--stats"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("notes.txt: no publication date: events the text does not date get the latest footnote access date, 2024-06-28"),
        "{err}"
    );
    assert!(
        err.contains("plain.txt: no publication date: events the text does not date stay undated"),
        "{err}"
    );
    assert!(err.contains(" undated 2"), "the --stats line counts them: {err}");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("undated: 2 documents without a publication date (1 dated by their latest footnote access date)"), "{summary}");
    let events = lines(&dyad(&["events", "--db", db, "--to", "jsonl"], None));
    let shape: Vec<(serde_json::Value, serde_json::Value)> = events
        .iter()
        .map(|e| (e["date"].clone(), e["mentions"][0]["date_precision"].clone()))
        .collect();
    // The undated report stays apart from the dated one.
    assert_eq!(
        shape,
        [
            (serde_json::Value::Null, serde_json::Value::Null),
            ("2024-06-28".into(), "access".into())
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn polarity_and_blocs_text_say_what_their_numbers_are() {
    // Issue 19: `polarity` headed two columns `blocs`, and `blocs` said "6% of the weight
    // that could be".
    let dir = temp_dir("polarity-text");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let file = dir.join("two.jsonl");
    std::fs::write(&file, coalition_records(&[&["USA", "JPN", "KOR"], &["RUS", "PRK", "IRN"]], 0))
        .unwrap();
    assert!(dyad(&["import", "--format", "plover", file.to_str().unwrap(), "--db", db], None)
        .status
        .success());
    let out = dyad(&["polarity", "--db", db], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "start",
            "end",
            "polarity",
            "n_blocs",
            "countries",
            "ties",
            "members",
            "of",
            "each",
            "bloc"
        ]
    );
    let out = dyad(&["blocs", "--db", db], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("frustration: 0.00 (exact), the weight of the ties that go against the two sides below: 0% of the most it could be (half the weight of all ties); 0% means two cleanly opposed sides"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn folder_walks_say_what_they_skip_and_short_foreign_texts_are_refused() {
    // Issue 19: a folder of PDFs, images and JSON reported "0 skipped", short German and
    // Spanish texts were stored with no events and no message, and a folder with nothing to
    // read left an empty store behind.
    let dir = temp_dir("walks");
    let folder = dir.join("in");
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    std::fs::write(folder.join("a.pdf"), b"%PDF-1.4 x").unwrap();
    std::fs::write(folder.join("sub/b.pdf"), b"%PDF-1.4 y").unwrap();
    std::fs::write(folder.join("c.png"), b"\x89PNG\r\n").unwrap();
    std::fs::write(folder.join("d.json"), b"{}").unwrap();
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let out = dyad(&["ingest", folder.to_str().unwrap(), "--db", db], None);
    assert_eq!(out.status.code(), Some(2), "nothing to read is a failure");
    let err = stderr(&out);
    for expected in [
        "skipped 2 files in folders: PDF documents",
        "skipped 1 file in folders: images",
        "skipped 1 file in folders: JSON files (dyad reads JSONL",
        "(-v names them)",
        "no store was created",
    ] {
        assert!(err.contains(expected), "`{expected}` in {err}");
    }
    assert!(!Path::new(db).exists());

    std::fs::write(
        folder.join("de.txt"),
        "Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen.",
    )
    .unwrap();
    std::fs::write(
        folder.join("es.txt"),
        "El gobierno de España condenó el ataque de Rusia contra Ucrania.",
    )
    .unwrap();
    std::fs::write(folder.join("en.txt"), "Germany imposed sanctions on Russia on Monday.")
        .unwrap();
    let out =
        dyad(&["ingest", folder.to_str().unwrap(), "--db", db, "--date", "2024-06-19", "-v"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("dyad:   {}", folder.join("sub/b.pdf").display())), "{err}");
    assert!(err.contains("de.txt: the text does not look English"), "{err}");
    assert!(err.contains("es.txt: the text does not look English"), "{err}");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("ingested: 1 new documents") && summary.contains("6 skipped"),
        "{summary}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_article_without_an_outlet_is_known_by_its_site_and_an_empty_export_says_so() {
    // Issue 19: such an article showed as `doc:22`.
    let dir = temp_dir("domain");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let input = "{\"id\": \"u\", \"text\": \"Germany imposed sanctions on Russia on Monday.\", \"date\": \"2024-06-19\", \"url\": \"https://www.Example-News.com/world/1\"}\n";
    assert!(dyad(&["ingest", "-", "--db", db], Some(input)).status.success());
    let events = lines(&dyad(&["events", "--db", db, "--to", "jsonl"], None));
    assert_eq!(events[0]["sources"], serde_json::json!(["example-news.com"]));
    let docs = String::from_utf8_lossy(&dyad(&["docs", "--db", db], None).stdout).to_string();
    assert!(docs.contains("example-news.com"), "{docs}");
    let path = dir.join("none.csv");
    let out = dyad(
        &[
            "export",
            "--db",
            db,
            "--format",
            "csv",
            "--out",
            path.to_str().unwrap(),
            "--type",
            "AID",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("dyad: no events match"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_feed_of_undated_snippets_warns_five_times_then_counts() {
    // One warning per undated document flooded standard error on feeds of snippets: the first
    // five are listed, the rest counted in one line.
    let input: String = (0..8)
        .map(|i| format!("{{\"id\":\"s{i}\",\"text\":\"Chad accused Sudan of arming rebels.\"}}\n"))
        .collect();
    let out = dyad(&["code", "--from", "jsonl", "--to", "jsonl", "-"], Some(&input));
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("no publication date").count(), 5, "{err}");
    assert!(err.contains("3 more documents without a publication date"), "{err}");
    assert_eq!(lines(&out).len(), 8, "every snippet is still coded");
}

/// Issue 18: a date of 9999-12-31 is refused wherever it comes in (the field named, the row
/// skipped or the date not used), and an analysis that would need more than 5,000 windows is
/// refused with a message, not run until memory runs out.
#[test]
fn implausible_dates_are_refused_and_windows_are_bounded() {
    let dir = temp_dir("dates");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    // --date
    let out = dyad(&["code", "--date", "9999-12-31"], Some("Russia attacked Ukraine."));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--date `9999-12-31` is more than a year after today"), "{stderr}");
    // JSONL: the document is coded, without the date, and the field is named.
    let input =
        r#"{"id": "d1", "text": "Russia attacked Ukraine on Monday.", "date": "9999-12-31"}"#;
    let out = dyad(&["ingest", "-", "--db", db], Some(input));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(":1: field `date`: `9999-12-31` is more than a year"), "{stderr}");
    let events = dyad(&["events", "--db", db, "--to", "jsonl"], None);
    assert!(!String::from_utf8_lossy(&events.stdout).contains("9999"));
    // Front matter: the same.
    let file = dir.join("front.md");
    std::fs::write(&file, "---\ndate: 9999-12-31\n---\nRussia attacked Ukraine on Monday.\n")
        .unwrap();
    let out = dyad(&["code", file.to_str().unwrap()], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the date in its metadata: `9999-12-31` is more"), "{stderr}");
    // An import row with such a date is skipped like any bad row; the others are imported.
    let rows = dir.join("rows.jsonl");
    std::fs::write(
        &rows,
        concat!(
            r#"{"event": "ASSAULT", "actor": "RUS", "recipient": "UKR", "date": "1900-01-01"}"#,
            "\n",
            r#"{"event": "ASSAULT", "actor": "RUS", "recipient": "UKR", "date": "9999-12-31"}"#,
            "\n",
            r#"{"event": "AGREE", "actor": "RUS", "recipient": "PRK", "date": "2024-06-19"}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = dyad(&["import", "--format", "plover", rows.to_str().unwrap(), "--db", db], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2: field `date`: `9999-12-31` is more"), "{stderr}");
    let summary = format!("{}{stderr}", String::from_utf8_lossy(&out.stdout));
    assert!(summary.contains("imported: 2 plover rows as events; 1 bad rows skipped"), "{summary}");
    // 1900 to 2024 in days is more than 5,000 windows: refused with the reason, exit 2.
    let out = dyad(&["polarity", "--db", db, "--window", "day"], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "the events run from 1900-01-01 to 2024-06-19: more than 5000 windows of one day"
        ),
        "{stderr}"
    );
    // A longer window, or narrower dates, answer.
    assert!(dyad(&["polarity", "--db", db, "--window", "year"], None).status.success());
    let out = dyad(&["polarity", "--db", db, "--window", "day", "--since", "2024"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
