"""petrel.spark in local[2]: code_events gives the CLI's events; read_warc gives `petrel extract`'s documents;
the example job's de-duplication counts reports across outlets."""

import json
import os
import sys
import shutil

import pytest

from conftest import EXAMPLE, EXAMPLE_DATE, EXAMPLE_ID, PAGES, normalise, run_cli

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark (install default-jre-headless)", allow_module_level=True)

import petrel  # noqa: E402
import petrel.spark as ps  # noqa: E402


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from pyspark.sql import SparkSession

    # the Python workers run this interpreter (the one petrel is installed in), not the first python3 on PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    s = (
        SparkSession.builder.master("local[2]")
        .appName("petrel-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("warehouse")))
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    yield s
    s.stop()


def test_code_events_is_the_cli(spark, example_text, cli_events):
    df = spark.createDataFrame([(EXAMPLE_ID, EXAMPLE_DATE, example_text)], "id string, date string, text string")
    events = ps.code_events(df)
    assert events.schema == ps.event_schema()
    rows = events.collect()
    assert len(rows) == len(cli_events)
    assert sorted(normalise(r["record"]) for r in rows) == sorted(normalise(line) for line in cli_events)
    # flattened columns agree with the record
    for r in rows:
        rec = json.loads(r["record"])
        assert r["cameo"] == rec["cameo"]
        assert r["source_code"] == (rec["source"] or {}).get("code")
        assert (r["date"].isoformat() if r["date"] else None) == rec["date"]


def test_code_events_on_jsonl_with_date_type(spark, jsonl_file, pipeline):
    from pyspark.sql import functions as F

    df = spark.read.json(str(jsonl_file)).withColumn("date", F.to_date("date")).repartition(2)
    got = ps.code_events(df, url_col="url", title_col="title").collect()
    recs = [json.loads(line) for line in open(jsonl_file, encoding="utf-8")]
    want = [
        normalise(e)
        for r in recs
        for e in pipeline.code(r["text"], date=r["date"], id=r["id"], title=r.get("title"), url=r.get("url"))
    ]
    assert sorted(normalise(r["record"]) for r in got) == sorted(want)
    assert {r["outlet"] for r in got} == {"rferl.org", "news.example.org", "wire.example.com"}


def test_read_warc_is_petrel_extract(spark, warc_file, petrel_bin):
    articles = ps.read_warc(spark, [str(warc_file)]).collect()
    cli = [json.loads(line) for line in run_cli(petrel_bin, "extract", str(warc_file)).split("\n") if line]
    assert len(articles) == len(cli) == len(PAGES)
    by_url = {a["url"]: a for a in articles}
    for c in cli:
        a = by_url[c["url"]]
        for key in ("id", "title", "text", "language", "date_source", "site"):
            assert a[key] == c[key], key
        assert a["date"].isoformat() == c["date"]
    with pytest.raises(OSError, match="no-such.warc"):
        ps.read_warc(spark, ["/nonexistent/no-such.warc"])


def test_dedup_counts_sources(spark, example_text):
    # the example as reported by two outlets, and a third copy from the first outlet
    rows = [
        ("a", EXAMPLE_DATE, example_text, "https://www.rferl.org/a/1.html"),
        ("b", EXAMPLE_DATE, example_text, "https://apnews.example.com/x"),
        ("c", EXAMPLE_DATE, example_text, "https://rferl.org/a/2.html"),
    ]
    df = spark.createDataFrame(rows, "id string, date string, text string, url string")
    ps.code_events(df, url_col="url").createOrReplaceTempView("mentions")
    mentions = spark.table("mentions").count()
    events = spark.sql(ps.dedup_sql("mentions")).collect()
    assert 0 < len(events) < mentions
    assert sum(e["num_mentions"] for e in events) == mentions
    assert max(e["num_sources"] for e in events) == 2
    assert max(e["num_articles"] for e in events) == 3
    # every event of a single copy merges with its copies: at most one event per mention of one copy
    assert len(events) <= mentions // 3


def test_dedup_sql_agrees_with_the_store(spark, example_text, tmp_path, pipeline):
    # three reports of the example by two outlets, each a little different (the store skips identical texts);
    # ingested in id order, the store's order is the one dedup_sql follows
    urls = ["https://www.rferl.org/a/1.html", "https://apnews.example.com/x", "https://rferl.org/a/2.html"]
    arts = [
        {
            "id": f"k{i}",
            "date": EXAMPLE_DATE,
            "url": u,
            "text": example_text.replace("\n\n", f"\n\nThe weather was mild on day {i + 2} of the month.\n\n", 1),
        }
        for i, u in enumerate(urls)
    ]
    store = petrel.Store(tmp_path / "d.db", pipeline=pipeline)
    assert store.ingest(articles=arts)["stored"] == 3
    stored = store.event_records()
    df = spark.createDataFrame([(a["id"], a["date"], a["text"], a["url"]) for a in arts], "id string, date string, text string, url string")
    ps.code_events(df, url_col="url").createOrReplaceTempView("mentions3")
    rows = spark.sql(ps.dedup_sql("mentions3")).collect()

    def key(cameo, source, target, mentions, sources, articles, date):
        return (cameo, source, target, mentions, sources, articles, date)

    want = sorted(
        key(e["cameo"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["num_mentions"], e["num_sources"], e["num_articles"], e["date"])
        for e in stored
    )
    got = sorted(
        key(r["cameo"], r["source_code"], r["target_code"], r["num_mentions"], r["num_sources"], r["num_articles"], r["date"].isoformat() if r["date"] else None)
        for r in rows
    )
    assert sum(e["num_mentions"] for e in stored) > 2 * len(stored)
    assert got == want
