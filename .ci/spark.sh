#!/usr/bin/env bash
# The Spark jobs (docs/scale.md) at local[2] on the VOA corpus with the given dyad binary:
# codes it with spark/dyad_code.py, aggregates with spark/dyad_aggregate.py, checks that the
# events equal single-machine `dyad code` (spark/check_local.py) and that
# `dyad import --format parquet` loads them all. Installs PySpark (spark/requirements.txt)
# when it is missing, and Debian's Java runtime when there is no java. Skipped without ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
dyad="${1:-target/debug/dyad}"
corpus=../shared/corpus/voa_stories.jsonl
if [ ! -f "$corpus" ]; then
  echo "spark: skipped, $corpus not present"
  exit 0
fi
if ! python3 -c "import pyspark" 2>/dev/null; then
  python3 -m pip install --quiet -r spark/requirements.txt
fi
if ! command -v java >/dev/null; then
  # Debian's Java runtime (17 on bookworm) for Spark.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
# spark-submit as the installed PySpark ships it (no Spark installation needed).
spark_home="$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
spark-submit() { "$spark_home/bin/spark-submit" "$@"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PYSPARK_PYTHON=python3
spark_conf=(--master "local[2]" --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=4
  --driver-java-options "-Dlog4j2.level=error")
spark-submit "${spark_conf[@]}" spark/dyad_code.py --dyad "$dyad" "$corpus" "$work/events" \
  2> "$work/code.log" || { tail -40 "$work/code.log" >&2; exit 1; }
spark-submit "${spark_conf[@]}" spark/dyad_aggregate.py "$work/events" "$work/aggregates" \
  2> "$work/aggregate.log" || { tail -40 "$work/aggregate.log" >&2; exit 1; }
spark-submit "${spark_conf[@]}" spark/check_local.py --dyad "$dyad" "$corpus" "$work/events" \
  "$work/aggregates" > "$work/check.out" 2> "$work/check.log" \
  || { cat "$work/check.out"; tail -40 "$work/check.log" >&2; exit 1; }
cat "$work/check.out"
n_events="$(sed -n 's/^equal: \([0-9]*\) events.*/\1/p' "$work/check.out")"
"$dyad" import --format parquet "$work/events" --db "$work/spark.db" > "$work/import.log"
grep -q "imported: $n_events parquet rows as events; 0 bad rows" "$work/import.log" \
  || { cat "$work/import.log" >&2; echo "spark: import did not load all $n_events events" >&2; exit 1; }
"$dyad" blocs --db "$work/spark.db" > /dev/null
"$dyad" report --db "$work/spark.db" --out "$work/report.html" > /dev/null 2>&1
echo "spark: dyad import --format parquet loaded all $n_events events; blocs and report ran on them"
