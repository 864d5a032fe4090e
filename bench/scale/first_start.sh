#!/usr/bin/env bash
# The first start of `dyad serve` on a store (issue 18): start it, wait until it answers, then
# ask each analysis path once cold and once cached, and print its peak memory.
# Usage: bench/scale/first_start.sh DB [LABEL]   (DYAD names the binary; default
# target/release/dyad). To compare with a store whose analyses were not saved, empty
# `saved_analyses` in a copy of it first (sqlite3 COPY.db 'DELETE FROM saved_analyses').
set -u
db=$1
label=${2:-$db}
port=8113
dyad=${DYAD:-target/release/dyad}
"$dyad" serve --db "$db" --bind 127.0.0.1:$port --request-timeout 120 2> /dev/null &
server=$!
trap 'kill $server 2> /dev/null' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/stats" && break; sleep 0.1; done
echo "== $label (load $(cut -d' ' -f1-3 /proc/loadavg))"
for path in / /network /api/blocs /api/polarity /api/dyads; do
  cold=$(curl -s -o /dev/null -w '%{time_total} %{http_code} %{size_download}' "http://127.0.0.1:$port$path")
  warm=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$path")
  echo "$path: cold $cold; cached $warm s"
done
grep VmHWM /proc/$server/status | sed 's/^/serve peak: /'
