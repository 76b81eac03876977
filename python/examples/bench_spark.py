"""Throughput of petrel on Spark against the petrel binary, on the same articles, in one command.

    python python/examples/bench_spark.py [--petrel target/release/petrel] [--articles 400] [--master local[2]]

Builds a JSONL corpus from the articles bundled in data/ (each text used several times with its own id; the texts
differ, so the content-hash de-duplication of `ingest` is avoided by a numbered first line), then codes it:

1. ``petrel code`` (one thread), and ``petrel ingest --jobs 2`` (two coding threads, plus storing);
2. ``Pipeline.code_many(threads=2)`` in this Python process;
3. ``petrel.spark.code_events`` in Spark (``--master``), twice: cold (each Python worker loads the pipeline) and
   warm (workers reused), the events written to Spark's ``noop`` sink.

Prints one JSON line: articles/s of each, and the ratios to the binary.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def corpus(n: int, path: str) -> int:
    texts = []
    for f in sorted(glob.glob(os.path.join(ROOT, "data", "examples", "*.txt"))):
        texts.append(open(f, encoding="utf-8").read())
    gold = sorted(glob.glob(os.path.join(ROOT, "data", "gold", "dev-articles*.jsonl")))
    for g in gold:
        for line in open(g, encoding="utf-8"):
            rec = json.loads(line)
            if isinstance(rec.get("text"), str):
                texts.append(rec["text"])
    if not texts:
        raise SystemExit("no articles found under data/")
    chars = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            t = texts[i % len(texts)]
            chars += len(t)
            f.write(json.dumps({"id": f"a{i}", "date": "2022-01-07", "text": f"Report {i}.\n{t}"}) + "\n")
    return chars


def timed(cmd: list) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--petrel", default=os.path.join(ROOT, "target", "release", "petrel"))
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--master", default="local[2]")
    args = ap.parse_args(argv)

    import petrel

    tmp = tempfile.mkdtemp(prefix="petrel-bench-spark-")
    path = os.path.join(tmp, "corpus.jsonl")
    chars = corpus(args.articles, path)
    n = args.articles
    res = {"articles": n, "mean_chars": round(chars / n), "master": args.master}

    cli_code = timed([args.petrel, "code", path])
    res["cli_code_1thread_articles_per_s"] = round(n / cli_code, 2)
    db = os.path.join(tmp, "bench.db")
    cli_ingest = timed([args.petrel, "ingest", path, "--db", db, "--jobs", "2"])
    res["cli_ingest_jobs2_articles_per_s"] = round(n / cli_ingest, 2)

    recs = [json.loads(line) for line in open(path, encoding="utf-8")]
    p = petrel.Pipeline()
    t = time.perf_counter()
    py_events = sum(1 for _ in p.code_many(recs, threads=2))
    py_s = time.perf_counter() - t
    res["python_code_many_threads2_articles_per_s"] = round(n / py_s, 2)
    res["events"] = py_events

    from pyspark.sql import SparkSession

    # the Python workers run this interpreter (the one petrel is installed in), not the first python3 on PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    import petrel.spark as ps

    spark = (
        SparkSession.builder.master(args.master)
        .appName("petrel-bench")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    cores = spark.sparkContext.defaultParallelism
    articles = spark.read.json(path).repartition(cores * 4).cache()
    articles.count()
    runs = []
    for _ in range(2):
        t = time.perf_counter()
        ps.code_events(articles).write.format("noop").mode("overwrite").save()
        runs.append(time.perf_counter() - t)
    spark.stop()
    res["spark_cores"] = cores
    res["spark_cold_articles_per_s"] = round(n / runs[0], 2)
    res["spark_warm_articles_per_s"] = round(n / runs[1], 2)
    res["spark_warm_articles_per_s_per_core"] = round(n / runs[1] / cores, 2)
    res["spark_warm_over_cli_ingest_jobs2"] = round((n / runs[1]) / (n / cli_ingest), 3)
    res["spark_warm_over_cli_code_1thread"] = round((n / runs[1]) / (n / cli_code), 3)
    res["python_threads2_over_cli_ingest_jobs2"] = round((n / py_s) / (n / cli_ingest), 3)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
