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
serve_pid=
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; fi
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
  # The server with a write token on that store: POST /api/ingest says why it cannot store.
  "$dyad" serve --db "$work/ro/store.db" --bind 127.0.0.1:18731 --write-token faults-token-0123456789 2> "$work/serve.err" &
  serve_pid=$!
  status=$(python3 - <<'PY'
import json, time, urllib.request, urllib.error
req = urllib.request.Request("http://127.0.0.1:18731/api/ingest", method="POST",
    data=json.dumps({"text": "Japan protested to China on Thursday."}).encode(),
    headers={"Authorization": "Bearer faults-token-0123456789", "Content-Type": "application/json"})
for _ in range(100):
    try:
        urllib.request.urlopen(req, timeout=5); print("200"); break
    except urllib.error.HTTPError as e:
        body = e.read().decode("utf-8", "replace")
        try:
            print(e.code, json.loads(body).get("error"))
        except ValueError:
            print(e.code, "not JSON:", body[:200])
        break
    except OSError:
        time.sleep(0.1)
PY
) || status="python3 failed: $status"
  kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; serve_pid=
  [ -n "$status" ] || status="no answer (the server did not start: $(head -c 300 "$work/serve.err"))"
  case "$status" in 503*"cannot be written"*) ;; *) fail "POST /api/ingest on a read-only store: $status";; esac
  [ "$(documents "$work/ro/store.db")" = "$before" ] || fail "read-only store changed"
  echo "read-only: ingest refused ('$(head -c 100 "$work/err")'), events and stats read it; the API answers $status"
else
  echo "read-only: skipped (mounting a tmpfs is not permitted here)"
fi

echo "-- a store from a newer dyad"
"$dyad" ingest --db "$work/newer.db" "$work/small.jsonl" > /dev/null
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 99'); c.commit()" "$work/newer.db"
if "$dyad" stats --db "$work/newer.db" > /dev/null 2> "$work/err"; then fail "a newer store was opened"; fi
grep -q "newer than this dyad understands" "$work/err" || fail "no clear message: $(cat "$work/err")"
echo "newer schema: '$(cat "$work/err")'"
# `dyad serve` refuses it at start too (issue 17), rather than answer 500 to everything.
code=0
timeout 20 "$dyad" serve --db "$work/newer.db" --bind 127.0.0.1:0 > /dev/null 2> "$work/err" || code=$?
[ "$code" -eq 2 ] || fail "dyad serve on a newer store: exit $code, expected 2"
grep -q "newer than this dyad understands" "$work/err" || fail "serve: no clear message: $(cat "$work/err")"

echo "-- kill -9 during import and recode"
"$dyad" ingest --db "$work/source.db" "$work/corpus.jsonl" > /dev/null
"$dyad" export --db "$work/source.db" --format plover --out "$work/events.jsonl" > /dev/null
# A kill counts when it found the process at work: `wait` reports death by SIGKILL (137).
killed=0
for wait in 0.2 0.5 0.9; do
  "$dyad" import --db "$work/import.db" --format plover "$work/events.jsonl" > /dev/null 2>&1 &
  pid=$!; sleep "$wait"; kill -9 "$pid" 2>/dev/null || true
  code=0; wait "$pid" 2>/dev/null || code=$?
  [ "$code" -eq 137 ] && killed=$((killed + 1))
  [ -f "$work/import.db" ] && intact "$work/import.db"
done
[ "$killed" -ge 1 ] || fail "no kill landed during an import (it finished too fast)"
import_killed=$killed
"$dyad" import --db "$work/import.db" --format plover "$work/events.jsonl" > /dev/null \
  || fail "import after the kills failed"
intact "$work/import.db"
"$dyad" import --db "$work/clean.db" --format plover "$work/events.jsonl" > /dev/null
counts() { "$dyad" stats --db "$1" | head -1 | sed -E 's/^[^:]*: //'; }
[ "$(counts "$work/import.db")" = "$(counts "$work/clean.db")" ] \
  || fail "an interrupted import differs from a clean one: $(counts "$work/import.db") / $(counts "$work/clean.db")"
killed=0
for wait in 0.2 0.5 0.9; do
  "$dyad" recode --db "$work/source.db" > /dev/null 2>&1 &
  pid=$!; sleep "$wait"; kill -9 "$pid" 2>/dev/null || true
  code=0; wait "$pid" 2>/dev/null || code=$?
  [ "$code" -eq 137 ] && killed=$((killed + 1))
  intact "$work/source.db"
done
[ "$killed" -ge 1 ] || fail "no kill landed during a recode (it finished too fast)"
"$dyad" recode --db "$work/source.db" > /dev/null || fail "recode after the kills failed"
intact "$work/source.db"
echo "kill -9: $import_killed of 3 kills landed mid-import and $killed of 3 mid-recode; the stores stay intact, a rerun completes, and the rerun import equals a clean one ($(counts "$work/clean.db"))"
