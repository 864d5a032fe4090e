#!/usr/bin/env bash
# A fast smoke version of the performance benchmarks (docs/performance.md): the generator,
# the whole-pipeline comparison against `wc -w`, and the ingest benchmark run end to end on a
# small corpus with the debug build. Figures from here are not measurements; they only show
# that the harness works. Peak memory must not grow with the input (a bounded pipeline).
set -euo pipefail
cd "$(dirname "$0")/.."
dyad=${1:-target/debug/dyad}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$dyad" bench corpus --mb 0.5 --seed 3 -o "$work/corpus.jsonl"
"$dyad" bench corpus --mb 0.5 --seed 3 -o "$work/again.jsonl"
cmp "$work/corpus.jsonl" "$work/again.jsonl"   # the same seed gives the same corpus

"$dyad" bench pipeline "$work/corpus.jsonl" --scales 1,8 --runs 1 | tee "$work/pipeline.txt"
# Peak memory (the last column, MB) at 8× stays within 1.5× of 1× plus 8 MB.
awk '$1 ~ /×$/ { peak[n++] = $NF } END {
  if (n != 2) { print "expected two scales"; exit 1 }
  if (peak[1] > peak[0] * 1.5 + 8) { printf "peak memory grew from %s MB to %s MB\n", peak[0], peak[1]; exit 1 }
}' "$work/pipeline.txt"

"$dyad" bench ingest "$work/corpus.jsonl" --runs 1
