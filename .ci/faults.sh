#!/usr/bin/env bash
# Fault tests (docs/reliability.md): a full disk, a read-only store, a store from a newer
# dyad, and kill -9 during import and recode. Each checks that the store stays intact
# (PRAGMA integrity_check), that committed data is kept, and that the message is clear.
# Mounting a small tmpfs needs root with CAP_SYS_ADMIN (CI runs as root); without it, the
# full-disk and read-only cases say they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
dyad=$(realpath "${1:-target/debug/dyad}")
work=$(mktemp -d)
mounts=()
cleanup() {
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
intact() { "$dyad" stats --check --db "$1" | grep -q "integrity: ok" || fail "$1 is not intact"; }
documents() { "$dyad" stats --db "$1" | head -1 | sed -E 's/.*: ([0-9]+) documents.*/\1/'; }

"$dyad" bench corpus --mb 3 --seed 5 -o "$work/corpus.jsonl"
head -n 150 "$work/corpus.jsonl" > "$work/small.jsonl"

echo "-- full disk"
if mkdir -p "$work/full" && mount -t tmpfs -o size=3m tmpfs "$work/full" 2>/dev/null; then
  mounts+=("$work/full")
  if "$dyad" ingest --db "$work/full/store.db" "$work/corpus.jsonl" > "$work/out" 2> "$work/err"; then
    fail "ingest into a full disk succeeded"
  fi
  grep -q "the disk holding the store is full" "$work/err" || fail "no clear message: $(cat "$work/err")"
  intact "$work/full/store.db"
  docs=$(documents "$work/full/store.db")
  [ $((docs % 100)) -eq 0 ] || fail "a partial batch was kept ($docs documents)"
  echo "full disk: exit 2, '$(head -c 120 "$work/err")', $docs committed documents kept, integrity ok"
else
  echo "full disk: skipped (mounting a tmpfs is not permitted here)"
fi

echo "-- read-only store"
if mkdir -p "$work/ro" && mount -t tmpfs -o size=20m tmpfs "$work/ro" 2>/dev/null; then
  mounts+=("$work/ro")
  "$dyad" ingest --db "$work/ro/store.db" "$work/small.jsonl" > /dev/null
  before=$(documents "$work/ro/store.db")
  mount -o remount,ro "$work/ro"
  if "$dyad" ingest --db "$work/ro/store.db" "$work/corpus.jsonl" > /dev/null 2> "$work/err"; then
    fail "ingest into a read-only store succeeded"
  fi
  grep -q "cannot be written" "$work/err" || fail "no clear message: $(cat "$work/err")"
  "$dyad" events --db "$work/ro/store.db" --limit 3 > /dev/null || fail "cannot read a read-only store"
  [ "$(documents "$work/ro/store.db")" = "$before" ] || fail "read-only store changed"
  echo "read-only: ingest refused ('$(head -c 100 "$work/err")'), events and stats read it"
else
  echo "read-only: skipped (mounting a tmpfs is not permitted here)"
fi

echo "-- a store from a newer dyad"
"$dyad" ingest --db "$work/newer.db" "$work/small.jsonl" > /dev/null
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 99'); c.commit()" "$work/newer.db"
if "$dyad" stats --db "$work/newer.db" > /dev/null 2> "$work/err"; then fail "a newer store was opened"; fi
grep -q "newer than this dyad understands" "$work/err" || fail "no clear message: $(cat "$work/err")"
echo "newer schema: '$(cat "$work/err")'"

echo "-- kill -9 during import and recode"
"$dyad" ingest --db "$work/source.db" "$work/corpus.jsonl" > /dev/null
"$dyad" export --db "$work/source.db" --format plover --out "$work/events.jsonl" > /dev/null
for wait in 0.2 0.5 0.9; do
  "$dyad" import --db "$work/import.db" --format plover "$work/events.jsonl" > /dev/null 2>&1 &
  pid=$!; sleep "$wait"; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  [ -f "$work/import.db" ] && intact "$work/import.db"
done
"$dyad" import --db "$work/import.db" --format plover "$work/events.jsonl" > /dev/null \
  || fail "import after the kills failed"
intact "$work/import.db"
for wait in 0.2 0.5 0.9; do
  "$dyad" recode --db "$work/source.db" > /dev/null 2>&1 &
  pid=$!; sleep "$wait"; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  intact "$work/source.db"
done
"$dyad" recode --db "$work/source.db" > /dev/null || fail "recode after the kills failed"
intact "$work/source.db"
echo "kill -9: import and recode interrupted three times each; the stores stay intact and a rerun completes"
