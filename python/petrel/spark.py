"""petrel on Apache Spark: code the articles of a DataFrame and read crawls, one pipeline per Python worker.

``code_events(df)`` codes a DataFrame of articles with ``mapInArrow``: each Python worker process loads the
pipeline once (dictionaries and models, about a second) and codes the Arrow batches Spark hands it; the result
has the declared schema :func:`event_schema` (the columns of ``petrel.EVENT_COLUMNS``). ``read_warc(spark,
paths)`` reads WARC crawls (and every other input ``petrel extract`` reads) into a DataFrame of articles, with the
extraction in Rust, one task per file, streaming each file.

Needs ``pyspark`` (3.4 or later), ``pyarrow`` and ``pandas`` on the driver and the workers, and ``petrel`` installed
on the workers (the same wheel).
"""

from __future__ import annotations

import datetime as _dt
import glob as _glob
import os as _os
from typing import Any, Dict, Iterator, List, Optional, Sequence, Union

import petrel

__all__ = ["code_events", "read_warc", "event_schema", "article_schema", "dedup_sql"]

# one pipeline per Python worker process (Spark reuses its Python workers between tasks by default)
_WORKER_PIPELINE: Optional["petrel.Pipeline"] = None


def _worker_pipeline() -> "petrel.Pipeline":
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        _WORKER_PIPELINE = petrel.Pipeline()
    return _WORKER_PIPELINE


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }[kind]


def _spark_type(kind: str) -> Any:
    from pyspark.sql import types as T

    return {
        "str": T.StringType(),
        "int": T.LongType(),
        "float": T.DoubleType(),
        "date": T.DateType(),
        "list": T.ArrayType(T.StringType()),
    }[kind]


def event_schema() -> Any:
    """The Spark schema of :func:`code_events`' result: one row per event, the columns of
    ``petrel.EVENT_COLUMNS`` (``record`` is the event record of ``petrel code`` as JSON)."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, _spark_type(kind), True) for name, kind in petrel.EVENT_COLUMNS])


#: Columns of :func:`read_warc`' result (the fields of ``petrel extract``).
ARTICLE_COLUMNS = [
    ("id", "str"),
    ("source", "str"),
    ("url", "str"),
    ("canonical_url", "str"),
    ("site", "str"),
    ("title", "str"),
    ("author", "str"),
    ("date", "date"),
    ("date_source", "str"),
    ("language", "str"),
    ("text", "str"),
]


def article_schema() -> Any:
    """The Spark schema of :func:`read_warc`' result."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(n, _spark_type(k), True) for n, k in ARTICLE_COLUMNS])


def _to_batch(rows: List[Dict[str, Any]], columns: Sequence[Any]) -> Any:
    import pyarrow as pa

    schema = pa.schema([(n, _arrow_type(k)) for n, k in columns])
    dates = [n for n, k in columns if k == "date"]
    for r in rows:
        for n in dates:
            v = r.get(n)
            if isinstance(v, str):
                r[n] = _dt.date.fromisoformat(v)
    return pa.RecordBatch.from_pylist(rows, schema=schema)


def _code_partition(batches: Iterator[Any], threads: int) -> Iterator[Any]:
    pipeline = _worker_pipeline()
    for batch in batches:
        cols = batch.to_pydict()
        n = batch.num_rows
        articles = []
        for i in range(n):
            a: Dict[str, Any] = {"text": cols["text"][i]}
            for key in ("date", "id", "title", "url"):
                if key in cols and cols[key][i] is not None:
                    a[key] = cols[key][i]
            if a["text"] is None:
                a["text"] = ""
            articles.append(a)
        rows = list(pipeline.code_rows(articles, threads=threads))
        yield _to_batch(rows, petrel.EVENT_COLUMNS)


def code_events(
    df: Any,
    text_col: str = "text",
    date_col: Optional[str] = "date",
    id_col: Optional[str] = "id",
    title_col: Optional[str] = None,
    url_col: Optional[str] = None,
    threads: int = 1,
) -> Any:
    """Codes the articles of a Spark DataFrame: one row per event, schema :func:`event_schema`. ``text_col`` names
    the text column; ``date_col`` (a date, a timestamp or ``YYYY-MM-DD`` text), ``id_col``, ``title_col`` and
    ``url_col`` the optional ones (``None``, or a name the DataFrame lacks, leaves it out; without ids, Spark's
    ``monotonically_increasing_id`` numbers the rows). ``threads`` coding threads per task (Spark's own
    parallelism is one task per core: keep 1)."""
    from pyspark.sql import functions as F

    names = set(df.columns)
    if text_col not in names:
        raise ValueError(f"df: no text column {text_col!r} (columns: {sorted(names)})")
    cols = [F.col(text_col).cast("string").alias("text")]
    if date_col is not None and date_col in names:
        cols.append(F.substring(F.col(date_col).cast("string"), 1, 10).alias("date"))
    if id_col is not None and id_col in names:
        cols.append(F.col(id_col).cast("string").alias("id"))
    else:
        cols.append(F.monotonically_increasing_id().cast("string").alias("id"))
    if title_col is not None and title_col in names:
        cols.append(F.col(title_col).cast("string").alias("title"))
    if url_col is not None and url_col in names:
        cols.append(F.col(url_col).cast("string").alias("url"))
    return df.select(*cols).mapInArrow(lambda it: _code_partition(it, threads), event_schema())


def _expand(paths: Union[str, Sequence[str]]) -> List[str]:
    """Input files: globs expanded, folders walked (in name order), each file once."""
    if isinstance(paths, (str, _os.PathLike)):
        paths = [paths]
    files: List[str] = []
    for p in paths:
        p = _os.fspath(p)
        matches = sorted(_glob.glob(p)) or [p]
        for m in matches:
            if _os.path.isdir(m):
                for root, dirs, names in _os.walk(m):
                    dirs.sort()
                    files.extend(_os.path.join(root, n) for n in sorted(names))
            elif _os.path.exists(m):
                files.append(m)
            else:
                raise OSError(f"{m}: no such file or folder")
    seen = set()
    out = []
    for f in files:
        a = _os.path.abspath(f)
        if a not in seen:
            seen.add(a)
            out.append(a)
    return out


def _read_partition(batches: Iterator[Any], date: Optional[str], all_languages: bool, batch: int) -> Iterator[Any]:
    import sys

    from petrel import _native
    import json

    for b in batches:
        for path in b.column("path").to_pylist():
            reader = _native.ExtractReader([path], date, all_languages, batch)
            for docs in reader:
                yield _to_batch([json.loads(d) for d in docs], ARTICLE_COLUMNS)
            for issue in reader.issues:
                print(f"petrel: warning: {issue}", file=sys.stderr)


def read_warc(
    spark: Any,
    paths: Union[str, Sequence[str]],
    date: Optional[str] = None,
    all_languages: bool = False,
    batch: int = 256,
) -> Any:
    """Articles from WARC crawls (``.warc``, ``.warc.gz``; also web pages, feeds, JSONL and text, as ``petrel
    extract`` reads them): one row per document with the columns of :data:`ARTICLE_COLUMNS`, the extraction in
    Rust. One task per file, each file streamed a record at a time, so a file must be readable by the workers at
    the same path (local disk, NFS, a mounted bucket). ``date`` is the publication date for documents that carry
    none; documents not in English are skipped unless ``all_languages``. Records that cannot be read are warned
    about on the worker's stderr and skipped."""
    files = _expand(paths)
    if not files:
        raise OSError(f"{paths!r}: no input files")
    if date is not None:
        petrel._opt_str(date, "date")
    sc = spark.sparkContext
    rdd = sc.parallelize([(f,) for f in files], numSlices=len(files))
    frame = spark.createDataFrame(rdd, "path string")
    return frame.mapInArrow(lambda it: _read_partition(it, date, all_languages, batch), article_schema())


def _agreement(a: str, b: str) -> str:
    """SQL for how two actor codes agree: NULL incompatible, 0 one missing, 1 one a prefix of the other, 2 equal."""
    return (
        f"CASE WHEN {a} IS NULL OR {b} IS NULL THEN 0 WHEN {a} = {b} THEN 2 "
        f"WHEN length({a}) >= 3 AND length({b}) >= 3 AND (startswith({a}, {b}) OR startswith({b}, {a})) THEN 1 END"
    )


_PLACE_AGREEMENT = """CASE WHEN a.geonameid IS NULL OR b.geonameid IS NULL THEN 0
              WHEN a.geonameid = b.geonameid THEN 2
              WHEN a.location_country <> b.location_country THEN NULL
              WHEN (a.location_kind = 'country' AND b.location_kind <> 'country')
                OR (b.location_kind = 'country' AND a.location_kind <> 'country')
                OR (a.location_kind = 'admin1' AND b.location_kind IN ('city', 'admin2')
                    AND b.admin1 IS NOT NULL AND (b.admin1 = a.admin1 OR b.admin1 = a.location))
                OR (b.location_kind = 'admin1' AND a.location_kind IN ('city', 'admin2')
                    AND a.admin1 IS NOT NULL AND (a.admin1 = b.admin1 OR a.admin1 = b.location)) THEN 1
         END"""


def dedup_sql(mentions: str = "mentions") -> str:
    """Spark SQL that de-duplicates the events of the table or view ``mentions`` (rows of :func:`code_events`)
    across articles with the store's rule (``crates/store/README.md``, ``crates/store/src/dedup.rs``): same CAMEO
    root and modality (reported counts as asserted), compatible actors (equal codes or one a prefix of the other, at
    least 3 letters; missing is compatible), dates within ``1 + slack + slack`` days (slack 0 day, 2 week, 15 month;
    year-precision and undated events never merge), the same or a nested place, a country in common, and at least
    one actor or the place present on both sides; among matches the best wins (the store's score: agreement of
    actors and place, then anchors, then the nearest date, then the oldest). Events are taken in the order of
    document ids, then of the events in each document — the store's order when documents are ingested in id order
    — and each joins the best of the earlier events that match nothing before them (the events' first mentions),
    compared with that event's own fields
    (the store compares with the merged event, which may have gained an actor, a place or a finer date from later
    mentions: one pass of joins here, a sequence there). The result has one row per event: the first mention's
    fields (the columns of ``petrel.EVENT_COLUMNS``), except ``date`` and ``date_precision``, which are those of
    the event's first mention of the finest precision, as the store keeps them; with ``num_mentions``,
    ``num_sources`` (distinct outlets) and ``num_articles``."""
    columns = ", ".join(
        "f.finest_date AS date"
        if name == "date"
        else "f.finest_precision AS date_precision"
        if name == "date_precision"
        else f"a.`{name}`"
        for name, _ in petrel.EVENT_COLUMNS
    )
    return f"""
WITH m AS (
  SELECT *,
         row_number() OVER (ORDER BY doc, sentence, CAST(get_json_object(record, '$.trigger.start') AS INT), id) AS seq,
         CASE WHEN date IS NULL THEN NULL
              WHEN date_precision = 'day' THEN 0 WHEN date_precision = 'week' THEN 2
              WHEN date_precision = 'month' THEN 15 ELSE NULL END AS slack,
         CASE WHEN modality = 'reported' THEN 'asserted' ELSE modality END AS happened,
         CAST(floor(datediff(date, DATE '1970-01-01') / 32) AS BIGINT) AS bucket
  FROM {mentions}
),
near AS (
  SELECT m.*, explode(array(bucket - 1, bucket, bucket + 1)) AS near_bucket FROM m WHERE slack IS NOT NULL
),
scored AS (
  SELECT b.seq AS seq, a.seq AS first_seq, abs(datediff(a.date, b.date)) AS distance,
         {_agreement("a.source_code", "b.source_code")} AS s,
         {_agreement("a.target_code", "b.target_code")} AS t,
         {_PLACE_AGREEMENT} AS p
  FROM m a JOIN near b
    ON a.root = b.root AND a.happened = b.happened AND a.bucket = b.near_bucket AND a.seq < b.seq
  WHERE a.slack IS NOT NULL
    AND abs(datediff(a.date, b.date)) <= 1 + a.slack + b.slack
    AND (a.event_country IS NULL OR size(b.countries) = 0 OR array_contains(b.countries, a.event_country))
),
pairs AS (
  SELECT seq, first_seq,
         (s + t + p) * 100 + ((CASE WHEN s > 0 THEN 1 ELSE 0 END) + (CASE WHEN t > 0 THEN 1 ELSE 0 END)
           + (CASE WHEN p > 0 THEN 1 ELSE 0 END)) * 10 - distance AS score
  FROM scored
  WHERE s IS NOT NULL AND t IS NOT NULL AND p IS NOT NULL AND (s > 0 OR t > 0 OR p > 0)
),
roots AS (
  SELECT seq FROM m WHERE seq NOT IN (SELECT seq FROM pairs)
),
best AS (
  SELECT seq, first_seq FROM (
    SELECT p.seq, p.first_seq, row_number() OVER (PARTITION BY p.seq ORDER BY p.score DESC, p.first_seq) AS rank
    FROM pairs p JOIN roots r ON r.seq = p.first_seq
  ) WHERE rank = 1
),
assigned AS (
  SELECT m.*, coalesce(b.first_seq, m.seq) AS event_seq
  FROM m LEFT JOIN best b ON b.seq = m.seq
),
counted AS (
  SELECT event_seq, count(*) AS num_mentions, count(DISTINCT outlet) AS num_sources,
         count(DISTINCT doc) AS num_articles
  FROM assigned GROUP BY event_seq
),
finest AS (
  SELECT event_seq, date AS finest_date, date_precision AS finest_precision FROM (
    SELECT event_seq, date, date_precision,
           row_number() OVER (PARTITION BY event_seq ORDER BY
             CASE date_precision WHEN 'day' THEN 0 WHEN 'week' THEN 1 WHEN 'month' THEN 2 WHEN 'year' THEN 3
                                 ELSE 4 END, seq) AS rank
    FROM assigned
  ) WHERE rank = 1
)
SELECT {columns}, c.num_mentions, c.num_sources, c.num_articles
FROM assigned a JOIN counted c ON c.event_seq = a.seq JOIN finest f ON f.event_seq = a.seq
"""
