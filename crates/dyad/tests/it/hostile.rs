//! Hostile input (issue 17): folder walks, unreadable inputs, row and field limits, PLOVER
//! validation, concurrent store creation, control characters in terminal output.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{lines, temp_dir};

/// Runs dyad in `dir`, killing it (and failing) after `limit`: the bugs tested here hung.
fn dyad_within(limit: Duration, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    let started = Instant::now();
    // The outputs here are small, so the pipes cannot fill while we wait.
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("dyad {args:?} ran longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

const MINUTE: Duration = Duration::from_secs(60);

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once_and_unreadable_inputs_are_skipped_by_name() {
    let dir = temp_dir("loops");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("first.txt"), "Peru recalled its ambassador from Chile on Monday.")
        .unwrap();
    std::fs::write(
        input.join("sub/second.txt"),
        "Norway condemned Russia on Tuesday over the fishing dispute.",
    )
    .unwrap();
    std::os::unix::fs::symlink(".", input.join("loop-a")).unwrap();
    std::os::unix::fs::symlink(".", input.join("loop-b")).unwrap();
    std::os::unix::fs::symlink("..", input.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("../first.txt", input.join("sub/again.txt")).unwrap();
    let input = input.to_str().unwrap();
    // `/proc/self/mem` opens but fails on the first read; the schemes are not fetched.
    let args = ["code", "file:///etc/hostname", "/proc/self/mem", input, "data:,x", "gopher://h"];
    let out = dyad_within(MINUTE, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let ids: Vec<String> =
        lines(&out).iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["first", "second"], "{stderr}");
    for expected in [
        "skipped file:///etc/hostname: unsupported scheme `file:`",
        "skipped /proc/self/mem: cannot read:",
        "skipped data:,x: unsupported scheme `data:`",
        "skipped gopher://h: unsupported scheme `gopher:`",
    ] {
        assert!(stderr.contains(expected), "`{expected}` not in:\n{stderr}");
    }

    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let out = dyad_within(MINUTE, &["ingest", "--db", db, "ftp://h/x", "/proc/self/mem", input]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("ingested: 2 new documents") && stdout.contains("2 skipped"),
        "{stdout}"
    );
    assert!(stderr.contains("skipped ftp://h/x: unsupported scheme `ftp:`"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ten_concurrent_first_ingests_into_a_new_store_all_succeed() {
    let dir = temp_dir("race");
    let db = dir.join("new.db");
    let children: Vec<_> = (0..10)
        .map(|i| {
            let doc = serde_json::json!({
                "id": format!("d{i}"),
                "text": format!("Chile recalled its ambassador from Peru on day {i} of the dispute."),
                "date": "2024-06-19"
            });
            let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
                .args(["ingest", "--jobs", "1", "--db", db.to_str().unwrap()])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(format!("{doc}\n").as_bytes()).unwrap();
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let out = super::dyad(&["stats", "--db", db.to_str().unwrap()], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("10 documents"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_that_is_not_a_store_is_named_once_and_not_called_read_only() {
    let dir = temp_dir("notdb");
    let db = dir.join("notes.db");
    std::fs::write(&db, "These are meeting notes, not a database. ".repeat(200)).unwrap();
    for args in [vec!["events"], vec!["ingest", "-"]] {
        let mut args = args.clone();
        args.extend(["--db", db.to_str().unwrap()]);
        let out = super::dyad(&args, Some(""));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.matches("file is not a database").count(), 1, "{stderr}");
        assert!(!stderr.contains("read-only"), "{stderr}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn control_characters_in_stored_text_never_reach_the_terminal_raw() {
    let dir = temp_dir("escapes");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    // A title that would retitle the window, an outlet with a hidden OSC 8 link, and a
    // sentence that would clear the screen.
    let record = serde_json::json!({
        "id": "esc\u{1b}[31mred",
        "title": "Harmless\u{1b}]0;owned\u{7}",
        "outlet": "\u{1b}]8;;http://example.invalid\u{1b}\\Wire\u{1b}]8;;\u{1b}\\",
        "text": "Chile recalled its ambassador\u{1b}[2J from Peru\u{9d} on Monday.",
        "date": "2024-06-19"
    });
    let out = super::dyad(&["ingest", "--db", db, "-"], Some(&format!("{record}\n")));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = super::dyad(&["events", "--db", db], None);
    let docs = super::dyad(&["docs", "--db", db], None);
    let show = super::dyad(&["show", "1", "--db", db], None);
    let code = super::dyad(&["code", "--to", "table"], Some(&format!("{record}\n")));
    for (name, out) in [("events", &table), ("docs", &docs), ("show", &show), ("code", &code)] {
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!stdout.chars().any(|c| c.is_control() && c != '\n'), "{name}: {stdout:?}");
    }
    assert!(String::from_utf8_lossy(&table.stdout).contains("ambassador␛[2J from Peru�"));
    assert!(String::from_utf8_lossy(&docs.stdout).contains("Harmless␛]0;owned␇"));
    // JSON output keeps the text as it is stored (JSON escapes it).
    let json = lines(&super::dyad(&["events", "--db", db, "--to", "jsonl"], None));
    assert!(json[0].to_string().contains("ambassador\\u001b[2J"), "{:?}", json[0]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_store_with_damaged_pages_is_not_written() {
    let dir = temp_dir("damaged");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let examples = super::examples();
    let out = super::dyad(&["ingest", "--db", db, examples.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Garbage over the start of the last-but-one page, which a new document does not touch.
    let mut bytes = std::fs::read(db).unwrap();
    let page = bytes.len() / 4096 - 2;
    bytes[page * 4096..page * 4096 + 64].fill(0xff);
    std::fs::write(db, &bytes).unwrap();
    let record = r#"{"id": "new", "text": "Chile recalled its ambassador from Peru on Monday."}"#;
    let out = super::dyad(&["ingest", "--db", db, "-"], Some(record));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is damaged") && stderr.contains("nothing was written"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_text_filter_matches_percent_and_underscore_literally() {
    let dir = temp_dir("like");
    let db = dir.join("store.db");
    let db = db.to_str().unwrap();
    let records = [
        r#"{"id": "a", "text": "Chile condemned Peru on Monday over a 50% tariff on copper.", "date": "2024-06-17"}"#,
        r#"{"id": "b", "text": "Bolivia condemned Brazil on Tuesday over the dam.", "date": "2024-06-18"}"#,
    ];
    let out = super::dyad(&["ingest", "--db", db, "-"], Some(&records.join("\n")));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let count = |text: &str| {
        lines(&super::dyad(&["events", "--db", db, "--to", "jsonl", "--text", text], None)).len()
    };
    assert_eq!(count("condemned"), 2);
    assert_eq!(count("50%"), 1);
    assert_eq!(count("%"), 1);
    assert_eq!(count("_"), 0);
    assert_eq!(count("Bo_ivia"), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}
