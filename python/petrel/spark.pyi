from typing import Any, List, Optional, Sequence, Tuple, Union

ARTICLE_COLUMNS: List[Tuple[str, str]]

def event_schema() -> Any:
    """The Spark schema of ``code_events``' result."""

def article_schema() -> Any:
    """The Spark schema of ``read_warc``' result."""

def code_events(
    df: Any,
    text_col: str = "text",
    date_col: Optional[str] = "date",
    id_col: Optional[str] = "id",
    title_col: Optional[str] = None,
    url_col: Optional[str] = None,
    threads: int = 1,
) -> Any:
    """One row per event of the articles of a Spark DataFrame (``mapInArrow``, one pipeline per worker)."""

def read_warc(
    spark: Any,
    paths: Union[str, Sequence[str]],
    date: Optional[str] = None,
    all_languages: bool = False,
    batch: int = 256,
) -> Any:
    """Articles from WARC crawls (and other inputs), extracted in Rust, one task per file."""

def dedup_sql(mentions: str = "mentions") -> str:
    """Spark SQL de-duplicating the events of a view across articles with the store's rule."""
