"""Dyads and the signed network per period, with Spark SQL, from events in the Parquet layout
of `dyad export --format parquet` (or `dyad_code.py`'s output).

    spark-submit --master local[2] spark/dyad_aggregate.py events/ aggregates/ --period month

Writes two Parquet folders (columns in docs/scale.md):
- `aggregates/dyads/`: per period, actor and recipient (directed): events by quad class,
  summed and mean intensity, summed sources;
- `aggregates/network/`: per period, one undirected edge per pair of states: weight (summed
  intensity, each event once per pair), cooperation, conflict, events.

Interactions follow docs/analysis.md: codes that are states (three letters, not a group code
such as `IGO` or `EUR`); an event with a recipient ties every actor to every recipient; an event
with several actors and no state recipient ties each pair of actors both ways when it is
cooperative (intensity not below 0); events whose every
modality is negated, hypothetical or conditional are left out; undated events are left out.
"""

import argparse

# `dyad_model::GROUP_COUNTRIES`: country fields that are not states.
GROUP_CODES = ["IGO", "UNO", "EUR", "NGO", "IMG", "MNC", "WST"]
PERIODS = ["day", "week", "month", "quarter", "year"]

INTERACTIONS = """
WITH happened AS (
  SELECT id, date_trunc('{period}', date) AS period_start, actor, recipient, quad_code,
         intensity, n_sources
  FROM events
  WHERE date IS NOT NULL
    AND NOT (size(modality) > 0 AND forall(modality, m -> m IN ('negated', 'hypothetical', 'conditional', 'alleged')))
),
states AS (
  SELECT id, period_start, quad_code, intensity, n_sources,
         array_distinct(filter(actor, c -> c RLIKE '^[A-Z]{{3}}$' AND NOT array_contains(array({groups}), c))) AS actors,
         array_distinct(filter(recipient, c -> c RLIKE '^[A-Z]{{3}}$' AND NOT array_contains(array({groups}), c))) AS recipients
  FROM happened
),
pairs AS (
  SELECT id, period_start, quad_code, intensity, n_sources, a AS actor, r AS recipient
  FROM states LATERAL VIEW explode(actors) x AS a LATERAL VIEW explode(recipients) y AS r
  WHERE size(recipients) > 0
  UNION ALL
  SELECT id, period_start, quad_code, intensity, n_sources, a AS actor, b AS recipient
  FROM states LATERAL VIEW explode(actors) x AS a LATERAL VIEW explode(actors) y AS b
  WHERE size(recipients) = 0 AND intensity >= 0
)
SELECT * FROM pairs WHERE actor <> recipient
"""

DYADS = """
SELECT CAST(period_start AS DATE) AS period, actor, recipient,
       COUNT(*) AS n_events,
       SUM(CAST(quad_code = 1 AS INT)) AS n_verbal_cooperation,
       SUM(CAST(quad_code = 2 AS INT)) AS n_material_cooperation,
       SUM(CAST(quad_code = 3 AS INT)) AS n_verbal_conflict,
       SUM(CAST(quad_code = 4 AS INT)) AS n_material_conflict,
       SUM(intensity) AS intensity_sum,
       AVG(intensity) AS intensity_mean,
       SUM(n_sources) AS n_sources
FROM interactions
GROUP BY period_start, actor, recipient
"""

NETWORK = """
WITH undirected AS (
  SELECT DISTINCT id, period_start, least(actor, recipient) AS a, greatest(actor, recipient) AS b,
         intensity
  FROM interactions
)
SELECT CAST(period_start AS DATE) AS period, a, b,
       SUM(intensity) AS weight,
       SUM(greatest(intensity, 0.0)) AS cooperation,
       SUM(least(intensity, 0.0)) AS conflict,
       COUNT(*) AS n_events
FROM undirected
GROUP BY period_start, a, b
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("events", help="events in Parquet (a file or a year/month folder)")
    parser.add_argument("output", help="folder for dyads/ and network/")
    parser.add_argument("--period", choices=PERIODS, default="month")
    parser.add_argument("--mode", default="errorifexists", help="Spark save mode")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("dyad aggregate").getOrCreate()
    spark.read.parquet(args.events).createOrReplaceTempView("events")
    groups = ", ".join("'%s'" % g for g in GROUP_CODES)
    interactions = spark.sql(INTERACTIONS.format(period=args.period, groups=groups))
    interactions.cache().createOrReplaceTempView("interactions")
    output = args.output.rstrip("/")
    spark.sql(DYADS).write.mode(args.mode).parquet(output + "/dyads")
    spark.sql(NETWORK).write.mode(args.mode).parquet(output + "/network")
    spark.stop()


if __name__ == "__main__":
    main()
