import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

_Path = Union[str, "os.PathLike[str]"]
_Date = Union[str, datetime.date, None]
_Article = Union[Mapping[str, Any], str]

__version__: str
EVENT_COLUMNS: List[Tuple[str, str]]

class Pipeline:
    """The petrel pipeline: built-in dictionaries and models plus ``dicts``, loaded once; thread-safe."""

    def __init__(self, dicts: Sequence[_Path] = ...) -> None: ...
    def code(
        self,
        text: str,
        date: _Date = None,
        id: Optional[str] = None,
        title: Optional[str] = None,
        url: Optional[str] = None,
    ) -> List[Dict[str, Any]]:
        """The event records ``petrel code`` writes for one article."""
    def annotate(
        self,
        text: str,
        date: _Date = None,
        id: Optional[str] = None,
        title: Optional[str] = None,
        url: Optional[str] = None,
    ) -> Dict[str, Any]:
        """The object ``petrel annotate`` writes for one article."""
    def extract(self, html: Union[str, bytes], url: Optional[str] = None) -> Dict[str, Any]:
        """The object ``petrel extract`` writes for one web page."""
    def code_many(self, articles: Iterable[_Article], threads: int = 1, chunk: int = 1024) -> Iterator[Dict[str, Any]]:
        """Event records of many articles, coded on ``threads`` threads without the GIL, in input order."""
    def code_rows(self, articles: Iterable[_Article], threads: int = 1, chunk: int = 1024) -> Iterator[Dict[str, Any]]:
        """As ``code_many``, each event as a flat row (the columns of ``EVENT_COLUMNS``)."""

def extract(html: Union[str, bytes], url: Optional[str] = None, id: Optional[str] = None) -> Dict[str, Any]:
    """The article in a web page, as ``petrel extract`` writes it."""

def read(paths: Union[_Path, Sequence[_Path]], date: _Date = None, all_languages: bool = False) -> Iterator[Dict[str, Any]]:
    """The documents of input files (WARC, HTML, feeds, JSONL, text), as ``petrel extract`` reads them."""

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
    """A DataFrame (pandas, or polars for a polars input) with one row per event."""

class Store:
    """The event database of ``petrel ingest``."""

    path: str
    def __init__(self, path: _Path, pipeline: Optional[Pipeline] = None) -> None: ...
    @property
    def pipeline(self) -> Pipeline: ...
    def ingest(
        self,
        paths: Union[None, _Path, Sequence[_Path]] = None,
        articles: Optional[Iterable[_Article]] = None,
        date: _Date = None,
        jobs: int = 1,
        batch: int = 64,
    ) -> Dict[str, Any]:
        """Codes and stores files and/or articles; returns the ingest's figures."""
    def event_records(self, mentions: bool = False, **filters: Any) -> List[Dict[str, Any]]:
        """Stored events as ``petrel events --format jsonl`` writes them (mentions only with ``mentions=True``)."""
    def events(self, **filters: Any) -> Any:
        """Stored events as a pandas DataFrame, one row per event."""
