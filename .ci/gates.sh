#!/usr/bin/env bash
# Evaluation gates against ../shared (never part of `cargo test`). Thresholds are the level
# reached so far; raise them as the coder improves. Lower one only for a measured trade that
# docs/accuracy.md records (row d166d3a: stories recall 0.67 -> 0.655 for no longer coding the
# bare dictionary verbs' one-party events, nearly all of them wrong on VOA).
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=target/release/dyad

echo "-- data generated from ../shared is what its tool makes today"
python3 crates/dyad-coder/data/tools/petrarch_verbs.py ../shared/reference/petrarch2/CAMEO.2.0.txt \
    | cmp -s - crates/dyad-coder/data/petrarch_verbs.tsv \
    || { echo "FAIL: petrarch_verbs.tsv is stale: rerun crates/dyad-coder/data/tools/petrarch_verbs.py"; exit 1; }

echo "-- PLOVER gold records"
"$DYAD" eval ../shared/eval/plover_gsr.json --worst 0
"$DYAD" eval ../shared/eval/plover_gsr.json --json --min-event 0.804 --min-actor 0.803 --min-recipient 0.721

# Real-news development sets (../shared/eval/dev, see its README); docs/accuracy.md keeps the
# figures over time.
echo "-- real news: wire sentences with a CAMEO quad class"
"$DYAD" eval ../shared/eval/dev/conflibert_quad.jsonl --worst 0 --json --min-f1 0.705
echo "-- real news: stories labelled with one PLOVER type"
"$DYAD" eval ../shared/eval/dev/ngec_synthetic.jsonl --worst 0 --json --min-top1 0.460 --min-recall 0.708

echo "-- seed article, text and web page"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$DYAD" code ../shared/articles/nk-russia-ukraine-analysis.txt --date 2024-06-28 > "$tmp/txt.jsonl"
"$DYAD" code ../shared/articles/nk-russia-ukraine-analysis.html > "$tmp/html.jsonl"
python3 .ci/seed_gate.py "$tmp/txt.jsonl" "$tmp/html.jsonl"

echo "-- store: the seed article's text and web page are one document"
"$DYAD" ingest ../shared/articles/nk-russia-ukraine-analysis.html --db "$tmp/seed.db" > "$tmp/ingest1.txt"
"$DYAD" ingest ../shared/articles/nk-russia-ukraine-analysis.txt --date 2024-06-28 --db "$tmp/seed.db" > "$tmp/ingest2.txt"
grep -q "1 already stored as another file or page" "$tmp/ingest2.txt" || { echo "FAIL: the text version was stored as a new document"; cat "$tmp/ingest2.txt"; exit 1; }
grep -q "0 event mentions" "$tmp/ingest2.txt" || { echo "FAIL: events were doubled"; exit 1; }
echo "store: text and page merged into one document"
