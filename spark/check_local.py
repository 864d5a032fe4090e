"""Checks that `dyad_code.py`'s events equal single-machine `dyad code` on the same input.

    python3 spark/check_local.py --dyad target/debug/dyad corpus.jsonl events/ aggregates/

Runs `dyad code --from jsonl --to jsonl` on the whole input in one process, makes the export
rows with the same conversion (`dyad_export.row`), reads the Spark output back, and compares
them row by row by id (every field), then checks that the aggregates are not empty. Exit status 0 when equal, 1 with the differences listed otherwise.
"""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dyad_code  # noqa: E402
import dyad_export  # noqa: E402


def local_rows(dyad, path):
    sources, lines = {}, []
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            line, doc = dyad_code.with_id(line.rstrip("\n"), line_no)
            if doc is not None:
                sources[str(doc["id"])] = dyad_export.document_source(doc)
            lines.append(line)
    out = subprocess.run(
        [dyad, "code", "--from", "jsonl", "--to", "jsonl"],
        input="\n".join(lines).encode("utf-8") + b"\n",
        stdout=subprocess.PIPE,
        check=True,
    ).stdout
    rows = {}
    for line in out.decode("utf-8").splitlines():
        record = json.loads(line)
        doc_id = str(record.get("doc_id"))
        row = dyad_export.row(record, sources.get(doc_id, "doc:%s" % doc_id))
        if row[0] in rows:
            sys.exit("two coded records hash to id %d" % row[0])
        rows[row[0]] = row
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dyad", required=True)
    parser.add_argument("input")
    parser.add_argument("events")
    parser.add_argument("aggregates")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    expected = local_rows(args.dyad, args.input)
    spark = SparkSession.builder.appName("dyad check").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    names = [name for name, _ in dyad_export.COLUMNS]
    events = spark.read.parquet(args.events)
    got = {}
    for r in events.select(*names).collect():
        row = tuple(r)
        if row[0] in got:
            sys.exit("id %d twice in the Spark output" % row[0])
        got[row[0]] = row
    problems = []
    for missing in sorted(set(expected) - set(got))[:10]:
        problems.append("missing from Spark: %s" % (expected[missing],))
    for extra in sorted(set(got) - set(expected))[:10]:
        problems.append("only in Spark: %s" % (got[extra],))
    for key in sorted(set(got) & set(expected)):
        for name, a, b in zip(names, expected[key], got[key]):
            if a != b:
                problems.append("id %d, %s: dyad code %r, Spark %r" % (key, name, a, b))
    network = spark.read.parquet(args.aggregates.rstrip("/") + "/network")
    dyads = spark.read.parquet(args.aggregates.rstrip("/") + "/dyads")
    n_network, n_dyads = network.count(), dyads.count()
    if n_network == 0 or n_dyads == 0:
        problems.append("aggregates empty: %d edges, %d dyads" % (n_network, n_dyads))
    spark.stop()
    for p in problems[:50]:
        print(p)
    if problems:
        print("%d differences" % len(problems))
        sys.exit(1)
    print(
        "equal: %d events (every field), %d dyad rows, %d network edges"
        % (len(got), n_dyads, n_network)
    )


if __name__ == "__main__":
    main()
