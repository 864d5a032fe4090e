"""Codes documents into PLOVER events on Apache Spark, one `dyad code` process per partition.

    spark-submit --master local[2] spark/dyad_code.py --dyad target/release/dyad \
        corpus.jsonl events/

Reads documents as JSONL (one document a line, the fields `dyad code --from jsonl` reads) or
Parquet (columns with those names), from any path Spark reads (`file:`, `hdfs:`, `s3a:`, …).
The `dyad` binary goes to the executors with `SparkContext.addFile` (`--dyad PATH`) or with
`spark-submit --files PATH/dyad`. Each partition's documents are streamed through the
binary's standard input and its events read back from standard output as they come, so a
partition is never held whole; a failure raises an error naming the partition and carrying
the end of the process's standard error.

Writes the events as Parquet partitioned by year and month (`year=2025/month=3/…`; undated
events under `__HIVE_DEFAULT_PARTITION__`) with the columns and types of
`dyad export --format parquet` (see `dyad_export.py`); `dyad import --format parquet` loads
the folder into a store. See docs/scale.md.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dyad_export  # noqa: E402

# Bytes of the process's standard error kept in a failure's message.
STDERR_TAIL = 4000


def spark_schema():
    from pyspark.sql import types as T

    kinds = {
        "int64": T.LongType(),
        "int32": T.IntegerType(),
        "double": T.DoubleType(),
        "string": T.StringType(),
        "date": T.DateType(),
        "list": T.ArrayType(T.StringType()),
    }
    return T.StructType([T.StructField(name, kinds[kind]) for name, kind in dyad_export.COLUMNS])


def with_id(line, line_no):
    """The line, and the document's source, with an `id` of `line-N` (N: the line's number in
    the input, as single-machine `dyad code` names it) when the document has none."""
    try:
        doc = json.loads(line)
    except ValueError:
        return line, None
    if not isinstance(doc, dict):
        return line, None
    if doc.get("id") is None or doc.get("id") == "":
        doc["id"] = "line-%d" % line_no
        line = json.dumps(doc, ensure_ascii=False)
    return line, doc


def code_partition(index, numbered_lines, dyad, dyad_args):
    """Streams one partition's (line, number) pairs through `dyad code`; yields export rows."""
    if not os.access(dyad, os.X_OK):
        os.chmod(dyad, 0o755)
    command = [dyad, "code", "--from", "jsonl", "--to", "jsonl"] + dyad_args
    sources = {}
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr
        )
        failure = []

        def feed():
            try:
                for line, line_no in numbered_lines:
                    if not line.strip():
                        continue
                    line, doc = with_id(line, line_no + 1)
                    if doc is not None:
                        sources[str(doc["id"])] = dyad_export.document_source(doc)
                    process.stdin.write(line.encode("utf-8") + b"\n")
                process.stdin.close()
            except BrokenPipeError:
                pass  # The process ended early; its exit status says why.
            except BaseException as e:  # Reported by the reading side.
                failure.append(e)
                try:
                    process.stdin.close()
                except OSError:
                    pass

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for out in process.stdout:
            record = json.loads(out)
            doc_id = str(record.get("doc_id"))
            yield dyad_export.row(record, sources.get(doc_id, "doc:%s" % doc_id))
        code = process.wait()
        feeder.join()
        if failure:
            raise RuntimeError("partition %d: reading its documents failed" % index) from failure[0]
        if code != 0:
            stderr.seek(0)
            tail = stderr.read()[-STDERR_TAIL:].decode("utf-8", "replace")
            raise RuntimeError(
                "dyad code failed on partition %d (exit status %d): %s" % (index, code, tail)
            )


def documents(spark, path, input_format, partitions):
    """The input as an RDD of (JSON line, index of the line in the input) in `partitions`
    partitions (0: as Spark reads it, at least its default parallelism)."""
    sc = spark.sparkContext
    if input_format == "auto":
        input_format = "parquet" if path.rstrip("/").endswith(".parquet") else "jsonl"
    if input_format == "parquet":
        lines = spark.read.parquet(path).toJSON()
    else:
        lines = sc.textFile(path, minPartitions=partitions or sc.defaultParallelism)
    # Numbered before any shuffle, so that a number is the line's place in the input.
    numbered = lines.zipWithIndex()
    if partitions and numbered.getNumPartitions() != partitions:
        numbered = numbered.repartition(partitions)
    return numbered


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", help="JSONL or Parquet documents (file or folder, any Hadoop path)")
    parser.add_argument("output", help="folder for the events (Parquet, by year and month)")
    parser.add_argument("--dyad", help="dyad binary to ship (else one given to spark-submit --files)")
    parser.add_argument("--format", choices=["auto", "jsonl", "parquet"], default="auto")
    parser.add_argument(
        "--partitions", type=int, default=0, help="0: as read, at least the default parallelism"
    )
    parser.add_argument("--dyad-jobs", type=int, default=1, help="threads per dyad process")
    parser.add_argument("--no-parse", action="store_true", help="passed to dyad code")
    parser.add_argument("--mode", default="errorifexists", help="Spark save mode")
    args = parser.parse_args(argv)

    from pyspark import SparkFiles
    from pyspark.sql import SparkSession, functions as F

    spark = SparkSession.builder.appName("dyad code").getOrCreate()
    sc = spark.sparkContext
    # The executors import the row conversion too (given with --py-files, or shipped here).
    helper = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dyad_export.py")
    if os.path.exists(helper):
        sc.addPyFile(helper)
    if args.dyad:
        sc.addFile(os.path.abspath(args.dyad))
    binary_name = os.path.basename(args.dyad) if args.dyad else "dyad"
    dyad_args = ["--jobs", str(args.dyad_jobs)] + (["--no-parse"] if args.no_parse else [])

    docs = documents(spark, args.input, args.format, args.partitions)

    def code(index, items):
        return code_partition(index, items, SparkFiles.get(binary_name), dyad_args)

    # The rows are made to the schema by `dyad_export.row`: no need to check each again.
    events = spark.createDataFrame(
        docs.mapPartitionsWithIndex(code), spark_schema(), verifySchema=False
    )
    (
        events.withColumn("year", F.year("date"))
        .withColumn("month", F.month("date"))
        .write.mode(args.mode)
        .partitionBy("year", "month")
        .parquet(args.output)
    )
    spark.stop()


if __name__ == "__main__":
    main()
