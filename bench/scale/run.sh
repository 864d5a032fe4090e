#!/usr/bin/env bash
# The analysis and the server at scale (issue 18): a store of N synthetic events
# (`dyad bench store`), `dyad blocs`, `dyad polarity --window month` and `dyad stats` under /usr/bin/time,
# then `dyad serve` with each analysis endpoint asked twice (cold, then cached).
# Usage: bench/scale/run.sh [EVENTS] [DIR]   (from the repository root, after
# `cargo build --release -p dyad`, or with DYAD naming the binary; the store is left in DIR, default a temporary folder that
# is removed at the end)
set -euo pipefail
events=${1:-1000000}
keep=${2:-}
dir=${keep:-$(mktemp -d)}
dyad=${DYAD:-target/release/dyad}
db="$dir/scale-$events.db"
port=8097
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  [ -z "$keep" ] && rm -rf "$dir"
}
trap cleanup EXIT
if [ ! -f "$db" ]; then
  /usr/bin/time -f "generate: %e s, %M KB peak" "$dyad" bench store --db "$db" --events "$events"
fi
ls -l "$db" | awk '{printf "store: %.2f GB\n", $5/1e9}'
sync
for cmd in "blocs" "polarity --window month" "stats"; do
  /usr/bin/time -f "$cmd: %e s wall, %U s user, %S s sys, %M KB peak" \
    "$dyad" $cmd --db "$db" > /dev/null
done
"$dyad" serve --db "$db" --bind 127.0.0.1:$port --request-timeout 120 2> /dev/null &
server=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/api/stats" && break; sleep 0.2; done
for path in / /network /api/blocs /api/polarity /api/dyads /api/stats "/api/dyads?events=true"; do
  cold=$(curl -s -o /dev/null -w '%{time_total} %{http_code} %{size_download}' "http://127.0.0.1:$port$path")
  warm=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$path")
  echo "$path: cold $cold; cached $warm s"
done
grep VmHWM /proc/$server/status | sed 's/^/serve peak: /'
