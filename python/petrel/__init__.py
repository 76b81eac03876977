"""petrel from Python: political event data from news.

The same pipeline as the ``petrel`` command line (built-in dictionaries and statistical models, loaded once):

>>> import petrel
>>> p = petrel.Pipeline()
>>> events = p.code("Police in Lagos arrested 40 protesters on Monday.", date="2023-05-10")
>>> events[0]["cameo"], events[0]["source"]["code"]
('173', 'NGACOP')

``Pipeline.code`` returns the event records ``petrel code`` writes (one dict per event), ``Pipeline.annotate``
the object of ``petrel annotate``, ``extract`` the object of ``petrel extract``; ``code_frame`` a pandas (or polars)
DataFrame with one row per event; ``Store`` the event database of ``petrel ingest``. ``petrel.spark`` runs the
pipeline over Spark DataFrames. Bad input raises ``TypeError``, ``ValueError`` or ``OSError`` naming it.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native

__all__ = [
    "Pipeline",
    "Store",
    "code_frame",
    "extract",
    "read",
    "EVENT_COLUMNS",
    "__version__",
]

__version__: str = _native.__version__

#: Columns of the flat event rows of :func:`code_frame` and ``petrel.spark.code_events``, in order, with their
#: types: ``str``, ``int``, ``float``, ``date`` or ``list`` (of str).
EVENT_COLUMNS: List[Tuple[str, str]] = [tuple(c) for c in _native.Pipeline.row_columns()]  # type: ignore[misc]

_ARTICLE_KEYS = ("text", "date", "id", "title", "url", "source")


def _opt_str(value: Any, what: str) -> Optional[str]:
    """``value`` as text for the field ``what``: None stays None, a date or datetime becomes ISO text."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()[:10]
    # pandas' NaN/NaT and numpy's missing values
    try:
        if value != value:  # NaN
            return None
    except Exception:  # noqa: BLE001 - any comparison failure means "not NaN"
        pass
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    if what in ("id", "source") and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"{what}: expected str, not {type(value).__name__} ({value!r:.60})")


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what}: text must be str, not {type(value).__name__} ({value!r:.60})")
    return value


def _article(record: Any, i: int) -> Tuple[str, Optional[str], Optional[str], Optional[str], Optional[str], Optional[str]]:
    """The (text, date, id, title, url, source) of one article given as a dict (or a str: the text alone)."""
    if isinstance(record, str):
        return (record, None, None, None, None, None)
    if not isinstance(record, Mapping):
        raise TypeError(f"article {i}: expected a dict with 'text' (or a str), not {type(record).__name__}")
    name = f"article {i}" + (f" (id {record.get('id')!r})" if record.get("id") is not None else "")
    if "text" not in record:
        raise ValueError(f"{name}: no 'text'")
    unknown = set(record) - set(_ARTICLE_KEYS)
    if unknown:
        raise ValueError(f"{name}: unknown keys {sorted(unknown)} (text, date, id, title, url, source)")
    return (
        _text(record["text"], name),
        _opt_str(record.get("date"), f"{name}: date"),
        _opt_str(record.get("id"), "id"),
        _opt_str(record.get("title"), f"{name}: title"),
        _opt_str(record.get("url"), f"{name}: url"),
        _opt_str(record.get("source"), "source"),
    )


class Pipeline:
    """The petrel pipeline: built-in dictionaries and models (plus ``dicts``, extra dictionary files named as for
    ``petrel --dict``), loaded once; safe to share between threads.

    Raises ``OSError`` for a dictionary file that cannot be read, ``ValueError`` for a broken one (naming the file
    and line).
    """

    def __init__(self, dicts: Sequence[Union[str, "_os.PathLike[str]"]] = ()) -> None:
        if isinstance(dicts, (str, bytes, _os.PathLike)):
            dicts = [dicts]  # type: ignore[list-item]
        self._native = _native.Pipeline([_os.fspath(d) for d in dicts])

    def code(
        self,
        text: str,
        date: Optional[Union[str, _dt.date]] = None,
        id: Optional[str] = None,
        title: Optional[str] = None,
        url: Optional[str] = None,
    ) -> List[Dict[str, Any]]:
        """The events of one article: the records ``petrel code`` writes for it (``date`` is the publication date,
        ``YYYY-MM-DD``; relative dates resolve against it). ``id`` is the events' ``doc`` (default ``"text"``)."""
        lines = self._native.code(
            _text(text, "text"), _opt_str(date, "date"), _opt_str(id, "id"), _opt_str(title, "title"), _opt_str(url, "url")
        )
        return [_json.loads(line) for line in lines]

    def annotate(
        self,
        text: str,
        date: Optional[Union[str, _dt.date]] = None,
        id: Optional[str] = None,
        title: Optional[str] = None,
        url: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Every annotation layer of one article, as ``petrel annotate`` writes it (sentences, tokens, syntax,
        entities, actors, places, dates, counts, quotes, events, non_events, with code-point offsets). A text over
        1 MiB is coded in windows: then ``{"doc": id, "parts": [one object per window]}``."""
        parts = self._native.annotate(
            _text(text, "text"), _opt_str(date, "date"), _opt_str(id, "id"), _opt_str(title, "title"), _opt_str(url, "url")
        )
        objs = [_json.loads(p) for p in parts]
        if len(objs) == 1:
            return objs[0]
        return {"doc": id or "text", "parts": objs}

    def extract(self, html: Union[str, bytes], url: Optional[str] = None) -> Dict[str, Any]:
        """Same as :func:`petrel.extract`."""
        return extract(html, url=url)

    def code_many(
        self,
        articles: Iterable[Union[Mapping[str, Any], str]],
        threads: int = 1,
        chunk: int = 1024,
    ) -> Iterator[Dict[str, Any]]:
        """Codes many articles on ``threads`` threads with the GIL released; yields their event records in input
        order. Each article is a dict with ``text`` and optionally ``date``, ``id`` (default: its position),
        ``title``, ``url``, ``source`` (or a str: the text). Articles are read ``chunk`` at a time."""
        for rows in self._code_chunks(articles, threads, chunk, rows=False):
            for _, line in rows:
                yield _json.loads(line)

    def code_rows(
        self,
        articles: Iterable[Union[Mapping[str, Any], str]],
        threads: int = 1,
        chunk: int = 1024,
    ) -> Iterator[Dict[str, Any]]:
        """As :meth:`code_many`, but each event as a flat row (the columns of ``petrel.EVENT_COLUMNS``)."""
        for rows in self._code_chunks(articles, threads, chunk, rows=True):
            for _, line in rows:
                yield _json.loads(line)

    def _code_chunks(self, articles: Iterable[Any], threads: int, chunk: int, rows: bool) -> Iterator[List[Tuple[int, str]]]:
        if not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
            raise ValueError(f"threads must be a positive int, not {threads!r}")
        if isinstance(articles, (str, Mapping)):
            articles = [articles]
        batch: List[Any] = []
        start = 0
        for i, rec in enumerate(articles):
            art = _article(rec, i)
            if art[2] is None:
                art = art[:2] + (str(i),) + art[3:]
            batch.append(art)
            if len(batch) >= chunk:
                yield self._native.code_many(batch, threads, rows)
                start += len(batch)
                batch = []
        if batch:
            yield self._native.code_many(batch, threads, rows)

    def __repr__(self) -> str:
        return "petrel.Pipeline()"


def extract(html: Union[str, bytes], url: Optional[str] = None, id: Optional[str] = None) -> Dict[str, Any]:
    """The article in a web page, as ``petrel extract`` writes it: ``id``, ``source``, ``url``, ``canonical_url``,
    ``site``, ``title``, ``author``, ``date``, ``date_source``, ``language``, ``text``. ``html`` is text, or bytes in
    any encoding (declared or detected). ``ValueError`` when the page holds no article text."""
    if not isinstance(html, (str, bytes, bytearray)):
        raise TypeError(f"html: expected str or bytes, not {type(html).__name__}")
    return _json.loads(_native.extract(html, _opt_str(url, "url"), _opt_str(id, "id")))


def read(
    paths: Union[str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]],
    date: Optional[Union[str, _dt.date]] = None,
    all_languages: bool = False,
) -> Iterator[Dict[str, Any]]:
    """The documents of input files as ``petrel extract`` reads them (WARC crawls, web pages, RSS/Atom feeds,
    JSONL, plain text, gzipped or not, folders), streaming. Inputs or records that cannot be read are warned about
    (``warnings.warn``, naming file and record) and skipped."""
    import warnings

    if isinstance(paths, (str, _os.PathLike)):
        paths = [paths]
    reader = _native.ExtractReader([_os.fspath(p) for p in paths], _opt_str(date, "date"), all_languages)
    seen = 0
    for batch in reader:
        for issue in reader.issues[seen:]:
            warnings.warn(f"petrel: {issue}", stacklevel=2)
        seen = len(reader.issues)
        for line in batch:
            yield _json.loads(line)
    for issue in reader.issues[seen:]:
        warnings.warn(f"petrel: {issue}", stacklevel=2)


_DEFAULT_PIPELINE: Optional[Pipeline] = None


def _default_pipeline() -> Pipeline:
    global _DEFAULT_PIPELINE
    if _DEFAULT_PIPELINE is None:
        _DEFAULT_PIPELINE = Pipeline()
    return _DEFAULT_PIPELINE


def _frame(rows: List[Dict[str, Any]], columns: List[Tuple[str, str]], backend: str) -> Any:
    names = [c for c, _ in columns]
    if backend == "polars":
        import polars as pl

        schema = {}
        for name, kind in columns:
            schema[name] = {
                "str": pl.Utf8,
                "int": pl.Int64,
                "float": pl.Float64,
                "date": pl.Date,
                "list": pl.List(pl.Utf8),
            }[kind]
        for r in rows:
            if r.get("date") is not None:
                r["date"] = _dt.date.fromisoformat(r["date"])
        return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    import pandas as pd

    frame = pd.DataFrame.from_records(rows, columns=names)
    for name, kind in columns:
        if kind == "int":
            frame[name] = frame[name].astype("Int64")
        elif kind == "float":
            frame[name] = frame[name].astype("float64")
        elif kind == "date":
            frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d").dt.date if len(frame) else frame[name]
    return frame


def code_frame(
    df: Any,
    text: str = "text",
    date: Optional[str] = "date",
    id: Optional[str] = "id",
    title: Optional[str] = None,
    url: Optional[str] = None,
    pipeline: Optional[Pipeline] = None,
    threads: int = 1,
) -> Any:
    """Codes the articles of a pandas (or polars) DataFrame and returns a DataFrame of the same kind with one row
    per event: actors, codes, date, place, counts flattened to the columns of ``petrel.EVENT_COLUMNS`` (``record``
    holds the event record of ``petrel code`` as JSON). ``text``, ``date``, ``id``, ``title`` and ``url`` name the
    input columns (a missing optional column is ignored; ``None`` leaves it out). Row ids default to the row
    position."""
    pipeline = pipeline or _default_pipeline()
    backend = "pandas"
    if type(df).__module__.split(".")[0] == "polars":
        backend = "polars"
        records = df.to_dicts()
    elif hasattr(df, "to_dict"):
        records = df.to_dict("records")
    else:
        raise TypeError(f"df: expected a pandas or polars DataFrame, not {type(df).__name__}")
    columns = list(df.columns)
    if text not in columns:
        raise ValueError(f"df: no text column {text!r} (columns: {columns})")
    wanted = {"text": text, "date": date, "id": id, "title": title, "url": url}
    wanted = {k: v for k, v in wanted.items() if v is not None and v in columns}
    articles = []
    for i, r in enumerate(records):
        a = {k: r[v] for k, v in wanted.items()}
        if a.get("id") is None:
            a["id"] = str(i)
        articles.append(a)
    rows = list(pipeline.code_rows(articles, threads=threads))
    return _frame(rows, EVENT_COLUMNS, backend)


class Store:
    """The event database of ``petrel ingest`` (one SQLite file): reports of the same event across articles are
    merged (the rule of ``crates/store/README.md``).

    ``pipeline`` is the one used to code what is ingested (default: the built-in one, loaded on first use)."""

    def __init__(self, path: Union[str, "_os.PathLike[str]"], pipeline: Optional[Pipeline] = None) -> None:
        self.path = _os.fspath(path)
        self._native = _native.Store(self.path)
        self._pipeline = pipeline

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = _default_pipeline()
        return self._pipeline

    def ingest(
        self,
        paths: Union[None, str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]] = None,
        articles: Optional[Iterable[Union[Mapping[str, Any], str]]] = None,
        date: Optional[Union[str, _dt.date]] = None,
        jobs: int = 1,
        batch: int = 64,
    ) -> Dict[str, Any]:
        """Codes and stores input files (every kind ``petrel ingest`` reads) and/or articles (dicts as for
        :meth:`Pipeline.code_many`); content already stored is skipped. Returns the figures: read, stored,
        duplicates, skipped, mentions, new_events, seconds, write_seconds."""
        if paths is None:
            paths = []
        elif isinstance(paths, (str, _os.PathLike)):
            paths = [paths]
        arts = []
        for i, rec in enumerate(articles or []):
            a = _article(rec, i)
            if a[2] is None:
                a = a[:2] + (str(i),) + a[3:]
            arts.append(a)
        if not isinstance(jobs, int) or jobs < 1:
            raise ValueError(f"jobs must be a positive int, not {jobs!r}")
        report = self._native.ingest(
            self.pipeline._native, [_os.fspath(p) for p in paths], arts, _opt_str(date, "date"), jobs, batch
        )
        return _json.loads(report)

    def event_records(self, mentions: bool = False, **filters: Any) -> List[Dict[str, Any]]:
        """The stored events the filters select, as ``petrel events --format jsonl`` writes them; their mentions
        (document, sentence, spans, evidence) only with ``mentions=True``. Filters: ``from_`` (or ``from``), ``to``,
        ``country``, ``actor``, ``cameo``, ``plover``, ``place``, ``text``, ``min_sources``, ``limit`` (as for
        ``petrel events``)."""
        clean = {k: _opt_str(v, k) if not isinstance(v, int) else str(v) for k, v in filters.items()}
        return [_json.loads(e) for e in self._native.events(self.pipeline._native, clean, bool(mentions))]

    def events(self, **filters: Any) -> Any:
        """The stored events the filters select as a pandas DataFrame, one row per event, nested fields flattened
        with ``_`` (``source_code``, ``place_name``, ``num_sources``, ...). Filters as for :meth:`event_records`."""
        import pandas as pd

        records = self.event_records(**filters)
        if not records:
            return pd.DataFrame(columns=["id", "date", "cameo", "source_code", "target_code", "num_mentions"])
        return pd.json_normalize(records, sep="_")

    def __repr__(self) -> str:
        return f"petrel.Store({self.path!r})"
