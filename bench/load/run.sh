#!/usr/bin/env bash
# Load test of `dyad serve` on a store of 100,000 events: wrk (Debian's `wrk`) against the
# event list (a mix of filters, orders and offsets) and event detail (random ids).
# Usage: bench/load/run.sh [CONNECTIONS] [SECONDS]   (from the repository root)
set -euo pipefail
connections=${1:-8}
seconds=${2:-15}
dir=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
cargo build --release --quiet
python3 bench/load/make_store.py 100000 > "$dir/events.jsonl"
target/release/dyad import --format plover "$dir/events.jsonl" --db "$dir/load.db" > /dev/null
target/release/dyad serve --db "$dir/load.db" --bind 127.0.0.1:8099 2> /dev/null &
server=$!
sleep 1
for endpoint in list detail; do
  echo "== $endpoint: $connections connections, 2 threads, ${seconds}s"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "bench/load/$endpoint.lua" http://127.0.0.1:8099 \
    | grep -E 'Requests/sec|50%|99%|Latency|requests in|Non-2xx'
done
