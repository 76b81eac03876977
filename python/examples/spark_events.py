"""Events from a news crawl on Spark: WARC or JSONL in -> events Parquet partitioned by date -> the same event
across sources de-duplicated in Spark SQL with the store's rule -> a GDELT-style export (tab-separated).

    python python/examples/spark_events.py --out /tmp/petrel-spark crawl/*.warc.gz
    python python/examples/spark_events.py --out /tmp/petrel-spark --master local[2] articles.jsonl

Inputs ending in .jsonl / .jsonl.gz are read with Spark's JSON reader (``id``, ``date``, ``title``, ``url``,
``text``, as ``petrel code`` reads JSONL); anything else (WARC crawls, pages, feeds, folders) with
``petrel.spark.read_warc``, the extraction in Rust. Writes under --out:

- ``events/``: one row per coded event (``petrel.spark.event_schema()``), Parquet, partitioned by ``date``;
- ``dedup/``: one row per de-duplicated event with ``num_mentions``, ``num_sources``, ``num_articles``, Parquet;
- ``gdelt.tsv/``: the de-duplicated events as GDELT 2.0 event rows (61 tab-separated columns, no header, as
  ``petrel export --format gdelt``: FIPS country codes replaced by ISO alpha-2, AvgTone empty).

Prints one JSON line of figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def gdelt_select() -> str:
    """Spark SQL expressions for the 61 GDELT 2.0 event columns, over the de-duplicated events view ``dedup``."""

    def actor(n: int, side: str) -> list:
        code = f"{side}_code"
        return [
            f"coalesce({code}, '')",  # ActorNCode
            f"coalesce(upper({side}_name), '')",  # ActorNName
            f"coalesce({side}_country, '')",  # ActorNCountryCode
            "''",  # KnownGroupCode
            "''",  # EthnicCode
            "''",  # Religion1Code
            "''",  # Religion2Code
            f"coalesce({side}_sector, '')",  # Type1Code
            "''",  # Type2Code
            "''",  # Type3Code
        ]

    def geo(side) -> list:
        # the action's place; an actor's geography is that place when the actor belongs to its country (as
        # `petrel export --format gdelt`), else empty
        has = "geonameid IS NOT NULL" if side is None else f"geonameid IS NOT NULL AND {side}_country = event_country"

        def when(expr: str) -> str:
            return f"CASE WHEN {has} THEN coalesce({expr}, '') ELSE '' END"

        typ = (
            f"CASE WHEN NOT ({has}) THEN '0' WHEN location_kind = 'country' THEN '1' "
            "WHEN location_kind IN ('admin1', 'admin2') THEN '5' WHEN location_country = 'US' THEN '3' ELSE '4' END"
        )
        return [
            typ,  # Geo_Type
            when("location"),  # Geo_FullName
            when("location_country"),  # Geo_CountryCode (ISO alpha-2, not FIPS)
            when("location_country"),  # Geo_ADM1Code
            "''",  # Geo_ADM2Code
            when("cast(lat AS string)"),  # Geo_Lat
            when("cast(lon AS string)"),  # Geo_Long
            when("cast(geonameid AS string)"),  # Geo_FeatureID
        ]

    cols = [
        "cast(seq AS string)",  # GLOBALEVENTID
        "coalesce(date_format(date, 'yyyyMMdd'), '')",  # SQLDATE
        "coalesce(date_format(date, 'yyyyMM'), '')",  # MonthYear
        "coalesce(date_format(date, 'yyyy'), '')",  # Year
        "coalesce(cast(round(year(date) + (dayofyear(date) - 1) / 365.0, 4) AS string), '')",  # FractionDate
        *actor(1, "source"),
        *actor(2, "target"),
        "CASE WHEN sentence < 3 THEN '1' ELSE '0' END",  # IsRootEvent
        "cameo",  # EventCode
        "substr(cameo, 1, 3)",  # EventBaseCode
        "substr(cameo, 1, 2)",  # EventRootCode
        "cast(quad_class AS string)",  # QuadClass
        "cast(goldstein AS string)",  # GoldsteinScale
        "cast(num_mentions AS string)",  # NumMentions
        "cast(num_sources AS string)",  # NumSources
        "cast(num_articles AS string)",  # NumArticles
        "''",  # AvgTone
        *geo("source"),
        *geo("target"),
        *geo(None),
        "date_format(current_timestamp(), 'yyyyMMddHHmmss')",  # DATEADDED
        "coalesce(url, doc)",  # SOURCEURL
    ]
    assert len(cols) == 61, len(cols)
    return ", ".join(cols)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="WARC / JSONL files or folders")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--date", help="publication date for documents that carry none (YYYY-MM-DD)")
    ap.add_argument("--partitions", type=int, default=0, help="repartition the articles (default: as read)")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    # the Python workers run this interpreter (the one petrel is installed in), not the first python3 on PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import functions as F

    import petrel.spark as ps

    spark = (
        SparkSession.builder.master(args.master)
        .appName("petrel-events")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    t0 = time.perf_counter()
    jsonl = [p for p in args.inputs if p.endswith((".jsonl", ".jsonl.gz"))]
    other = [p for p in args.inputs if p not in jsonl]
    frames = []
    if jsonl:
        j = spark.read.json(jsonl)
        if args.date and "date" not in j.columns:
            j = j.withColumn("date", F.lit(args.date))
        frames.append(j.select(*[c for c in ("id", "date", "title", "url", "text") if c in j.columns]))
    if other:
        frames.append(ps.read_warc(spark, other, date=args.date).select("id", F.col("date").cast("string").alias("date"), "title", "url", "text"))
    articles = frames[0]
    for f in frames[1:]:
        articles = articles.unionByName(f, allowMissingColumns=True)
    if args.partitions:
        articles = articles.repartition(args.partitions)
    articles = articles.cache()
    n_articles = articles.count()
    t_read = time.perf_counter()

    events = ps.code_events(articles, title_col="title", url_col="url")
    out_events = os.path.join(args.out, "events")
    events.write.mode("overwrite").partitionBy("date").parquet(out_events)
    t_code = time.perf_counter()

    spark.read.parquet(out_events).createOrReplaceTempView("mentions")
    dedup = spark.sql(ps.dedup_sql("mentions"))
    dedup.write.mode("overwrite").parquet(os.path.join(args.out, "dedup"))
    spark.read.parquet(os.path.join(args.out, "dedup")).createOrReplaceTempView("dedup")
    gdelt = spark.sql(f"SELECT concat_ws('\t', {gdelt_select()}) AS line FROM dedup ORDER BY date, seq")
    gdelt.write.mode("overwrite").text(os.path.join(args.out, "gdelt.tsv"))
    t_end = time.perf_counter()

    n_mentions = spark.table("mentions").count()
    n_events = spark.table("dedup").count()
    print(
        json.dumps(
            {
                "articles": n_articles,
                "mentions": n_mentions,
                "events": n_events,
                "read_s": round(t_read - t0, 2),
                "code_s": round(t_code - t_read, 2),
                "dedup_export_s": round(t_end - t_code, 2),
                "articles_per_s_coding": round(n_articles / max(t_code - t_read, 1e-9), 2),
                "master": args.master,
                "out": args.out,
            }
        )
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
