"""Throughput of petrel on Spark against the petrel binary, on the same articles, in one command.

    python python/examples/bench_spark.py [--petrel target/release/petrel] [--articles 400] [--master local[2]]

Builds a JSONL corpus from the articles bundled in data/ (each text used several times with its own id; the texts
differ, so the content-hash de-duplication of `ingest` is avoided by a numbered first line), then codes it:

1. ``petrel code`` (one thread), and ``petrel ingest --jobs 2`` (two coding threads, plus storing);
2. ``Pipeline.code_many(threads=2)`` in this Python process;
3. ``petrel.spark.code_events`` in Spark (``--master``), twice: cold (each Python worker loads the pipeline) and
   warm (workers reused), the events written to Spark's ``noop`` sink.

Prints one JSON line: articles/s of each, CPU milliseconds per article (for Spark: of the JVM, the Python workers
and all they start, from /proc), and the ratios to the binary. On a machine shared with other work the CPU figures
are the ones to compare.
"""

from __future__ import annotations

import argparse
import glob
import resource
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


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list) -> tuple:
    """Wall-clock and CPU seconds of a command."""
    c = children_cpu()
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, children_cpu() - c


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and all its descendants, living and reaped (/proc: utime, stime, cutime, cstime)."""
    tick = os.sysconf("SC_CLK_TCK")
    kids: dict = {}
    stats: dict = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ppid = int(fields[1])
        kids.setdefault(ppid, []).append(int(d))
        stats[int(d)] = sum(int(x) for x in fields[11:15]) / tick
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += stats.get(p, 0.0)
        todo.extend(kids.get(p, []))
    return total


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

    cli_code, cli_code_cpu = timed([args.petrel, "code", path])
    res["cli_code_1thread_articles_per_s"] = round(n / cli_code, 2)
    res["cli_code_cpu_ms_per_article"] = round(1000 * cli_code_cpu / n, 2)
    db = os.path.join(tmp, "bench.db")
    cli_ingest, cli_ingest_cpu = timed([args.petrel, "ingest", path, "--db", db, "--jobs", "2"])
    res["cli_ingest_jobs2_articles_per_s"] = round(n / cli_ingest, 2)
    res["cli_ingest_cpu_ms_per_article"] = round(1000 * cli_ingest_cpu / n, 2)

    recs = [json.loads(line) for line in open(path, encoding="utf-8")]
    p = petrel.Pipeline()
    t, c = time.perf_counter(), time.process_time()
    py_events = sum(1 for _ in p.code_many(recs, threads=2))
    py_s = time.perf_counter() - t
    res["python_code_many_cpu_ms_per_article"] = round(1000 * (time.process_time() - c) / n, 2)
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
    jvm = spark.sparkContext._gateway.proc.pid
    runs, cpus = [], []
    for _ in range(2):
        t, c = time.perf_counter(), tree_cpu(jvm)
        ps.code_events(articles).write.format("noop").mode("overwrite").save()
        runs.append(time.perf_counter() - t)
        cpus.append(tree_cpu(jvm) - c)
    spark.stop()
    # the binary once more after Spark: the machine may be busier or quieter than at the start
    cli_ingest2, cli_ingest_cpu2 = timed([args.petrel, "ingest", path, "--db", db + "2", "--jobs", "2"])
    res["cli_ingest_jobs2_after_articles_per_s"] = round(n / cli_ingest2, 2)
    res["spark_cores"] = cores
    res["spark_cold_articles_per_s"] = round(n / runs[0], 2)
    res["spark_warm_articles_per_s"] = round(n / runs[1], 2)
    res["spark_warm_articles_per_s_per_core"] = round(n / runs[1] / cores, 2)
    # CPU per article (JVM, Python workers and everything they started): less sensitive to other work on the machine
    res["spark_cold_cpu_ms_per_article"] = round(1000 * cpus[0] / n, 2)
    res["spark_warm_cpu_ms_per_article"] = round(1000 * cpus[1] / n, 2)
    res["spark_warm_cpu_over_cli_ingest_cpu"] = round(cpus[1] / cli_ingest_cpu, 3)
    res["spark_warm_over_cli_ingest_jobs2"] = round((n / runs[1]) / (n / cli_ingest), 3)
    res["spark_warm_over_cli_code_1thread"] = round((n / runs[1]) / (n / cli_code), 3)
    res["python_threads2_over_cli_ingest_jobs2"] = round((n / py_s) / (n / cli_ingest), 3)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
