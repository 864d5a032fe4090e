//! Shapes of real reporting that the CLI once lost (issue 15).

use super::{dyad, lines};

/// A document whose last sentence has no final punctuation kept no sentence at all.
#[test]
fn unterminated_last_sentence_keeps_the_document() {
    let input = r#"{"id":"x","text":"Chad attacked Sudan. Egypt condemned Chad. Talks went on"}"#;
    let out = dyad(&["code", "--from", "jsonl", "--to", "jsonl", "--stats"], Some(input));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sentences 3"), "{stderr}");
    let events: Vec<String> =
        lines(&out).iter().map(|e| e["event"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(events, ["ASSAULT", "ACCUSE"]);
}

/// A snippet or headline without any final punctuation is coded as it stands.
#[test]
fn snippet_without_punctuation_is_coded() {
    let input = r#"{"id":"s","text":"Troops shelled rebel positions near Goma overnight"}"#;
    let out = dyad(&["code", "--from", "jsonl", "--to", "jsonl"], Some(input));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events = lines(&out);
    assert_eq!(events.len(), 1, "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(events[0]["event"], "ASSAULT");
}
