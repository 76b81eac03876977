//! `petrel._native`: the Rust side of the Python package `petrel` (pyo3).
//!
//! A thin layer over the same [`petrel::Pipeline`] the command line runs and over the event store: each function
//! builds the document the CLI would build, runs the pipeline and hands back the records the CLI writes, as JSON
//! text (the Python side parses it), so that `pipeline.code(text)` and `petrel code FILE` give the same events byte
//! for byte. Every input is checked here and refused with a Python exception naming it (`ValueError`, `OSError`);
//! nothing is coded while the interpreter is held (the GIL is released around the pipeline).

#![warn(missing_docs)]

use petrel::store_cmd::{self, IngestOptions, Progress};
use petrel_core::{Date, Document, Event, Metadata};
use petrel_export::{EventWriter, Format};
use petrel_ingest::{DateSource, DocInfo, RawDoc, Reader};
use petrel_store::{Batch, EventFilter};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The default `source` of a document handed over from Python (its outlet, for NumSources, when it has no URL).
const PYTHON_SOURCE: &str = "python";

/// Per event: the index of its article and its JSON text; or the first error.
type Coded = PyResult<Vec<(usize, String)>>;

/// One article as Python hands it over: text, date (`YYYY-MM-DD` or an ISO timestamp), id, title, URL, source.
type ArticleTuple = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// A date given from Python, or a `ValueError` naming it and `what` it was for.
fn parse_date(what: &str, s: Option<&str>) -> PyResult<Option<Date>> {
    match s.map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => d.parse::<Date>().map(Some).map_err(|_| {
            PyValueError::new_err(format!(
                "{what}: date {d:?} is not a date petrel reads (YYYY-MM-DD or an ISO 8601 timestamp; years 0001-9999)"
            ))
        }),
    }
}

/// Articles from Python checked, each with its text; an error names the article by its index and id (an article
/// without an id is given its index).
fn checked_articles(articles: Vec<ArticleTuple>) -> PyResult<Vec<(Article, String)>> {
    let mut checked = Vec::with_capacity(articles.len());
    for (i, (text, date, id, title, url, source)) in articles.into_iter().enumerate() {
        let at = match &id {
            Some(id) => format!("article {i} (id {id:?})"),
            None => format!("article {i}"),
        };
        let id = id.or_else(|| Some(format!("{i}")));
        checked.push((
            Article::new(&at, date.as_deref(), id, title, url, source)?,
            text,
        ));
    }
    Ok(checked)
}

/// An article checked and ready to code.
struct Article {
    meta: Metadata,
}

impl Article {
    /// Checks the fields; the error names the article (`at`) and the field.
    fn new(
        at: &str,
        date: Option<&str>,
        id: Option<String>,
        title: Option<String>,
        url: Option<String>,
        source: Option<String>,
    ) -> PyResult<Article> {
        let date = parse_date(at, date)?;
        let id = match id {
            Some(id) if id.trim().is_empty() => {
                return Err(PyValueError::new_err(format!("{at}: id is empty")))
            }
            Some(id) => id,
            None => at.to_string(),
        };
        Ok(Article {
            meta: Metadata {
                id,
                url,
                title,
                date,
                source: source.unwrap_or_else(|| PYTHON_SOURCE.to_string()),
            },
        })
    }

    /// The raw document the CLI reads from a plain-text file: the site shell may be around the article.
    fn raw(self, text: String) -> RawDoc {
        let info = DocInfo {
            date_source: self.meta.date.map(|_| DateSource::Given),
            ..DocInfo::default()
        };
        RawDoc {
            meta: self.meta,
            text,
            plain: true,
            info,
        }
    }
}

/// Cleans and codes one raw document as `petrel code` does: a text over 1 MiB in windows, each a document.
fn code_raw(
    pipeline: &petrel::Pipeline,
    raw: RawDoc,
) -> (Vec<Document>, Vec<(String, petrel_ingest::Removal)>) {
    let (meta, text, removed) = petrel_ingest::clean_text(raw);
    let docs = petrel::window::windows_of_text(meta, text)
        .map(|mut d| {
            pipeline.run(&mut d);
            d
        })
        .collect();
    (docs, removed)
}

/// The event records of `petrel code` (its JSONL writer), one string per event.
fn event_lines(docs: &[Document]) -> PyResult<Vec<String>> {
    let mut lines = Vec::new();
    for d in docs {
        for e in &d.events {
            let mut w = EventWriter::new(Vec::new(), Format::Jsonl);
            w.write(e)
                .and_then(|_| w.finish())
                .map_err(|e| PyRuntimeError::new_err(format!("writing an event: {e}")))
                .and_then(|bytes| {
                    String::from_utf8(bytes)
                        .map_err(|e| PyRuntimeError::new_err(format!("writing an event: {e}")))
                })
                .map(|mut s| {
                    s.truncate(s.trim_end_matches('\n').len());
                    lines.push(s);
                })?;
        }
    }
    Ok(lines)
}

/// Flat columns of an event row (`code_frame`, `petrel.spark.code_events`) with their types: `str`, `int`,
/// `float`, `date` (`YYYY-MM-DD` text here) or `list` (of strings).
const ROW_COLUMNS: &[(&str, &str)] = &[
    ("id", "str"),
    ("doc", "str"),
    ("sentence", "int"),
    ("date", "date"),
    ("date_precision", "str"),
    ("source_code", "str"),
    ("source_name", "str"),
    ("source_text", "str"),
    ("source_country", "str"),
    ("source_sector", "str"),
    ("target_code", "str"),
    ("target_name", "str"),
    ("target_text", "str"),
    ("target_country", "str"),
    ("target_sector", "str"),
    ("cameo", "str"),
    ("cameo_name", "str"),
    ("root", "int"),
    ("goldstein", "float"),
    ("quad_class", "int"),
    ("plover_type", "str"),
    ("plover_mode", "str"),
    ("acled_event_type", "str"),
    ("acled_sub_event_type", "str"),
    ("location", "str"),
    ("geonameid", "int"),
    ("lat", "float"),
    ("lon", "float"),
    ("location_country", "str"),
    ("admin1", "str"),
    ("location_kind", "str"),
    ("killed", "int"),
    ("killed_max", "int"),
    ("injured", "int"),
    ("injured_max", "int"),
    ("arrested", "int"),
    ("arrested_max", "int"),
    ("troops", "int"),
    ("troops_max", "int"),
    ("protesters", "int"),
    ("protesters_max", "int"),
    ("abducted", "int"),
    ("abducted_max", "int"),
    ("displaced", "int"),
    ("displaced_max", "int"),
    ("modality", "str"),
    ("confidence", "float"),
    ("trigger", "str"),
    ("text", "str"),
    ("quote_speaker", "str"),
    ("same_as", "str"),
    ("evidence", "str"),
    ("event_country", "str"),
    ("countries", "list"),
    ("url", "str"),
    ("title", "str"),
    ("outlet", "str"),
    ("record", "str"),
];

/// One event as a flat row (the columns of [`ROW_COLUMNS`]): actors, codes, place, counts as columns, plus what
/// the store's de-duplication rule compares (the place's kind, the event's country and the countries of its
/// place and actors, the outlet) and `record`, the event record of `petrel code` itself.
fn event_row(
    doc: &Document,
    e: &Event,
    record: String,
    country3: &HashMap<String, String>,
) -> Value {
    let mut m = Map::new();
    let actor = |m: &mut Map<String, Value>, side: &str, a: &Option<petrel_core::EventActor>| {
        let a = a.as_ref();
        m.insert(format!("{side}_code"), json!(a.map(|a| &a.actor.code)));
        m.insert(format!("{side}_name"), json!(a.map(|a| &a.actor.name)));
        m.insert(format!("{side}_text"), json!(a.map(|a| &a.text)));
        m.insert(
            format!("{side}_country"),
            json!(a.and_then(|a| a.actor.country.as_ref())),
        );
        m.insert(
            format!("{side}_sector"),
            json!(a.and_then(|a| a.actor.sector.as_ref())),
        );
    };
    m.insert("id".into(), json!(e.id));
    m.insert("doc".into(), json!(e.doc));
    m.insert("sentence".into(), json!(e.sentence));
    m.insert("date".into(), json!(e.date.map(|d| d.to_string())));
    // the store's reading: a dated event without a stated precision is precise to the day
    let precision = e
        .date_precision
        .or(e.date.map(|_| petrel_core::DatePrecision::Day));
    m.insert(
        "date_precision".into(),
        serde_json::to_value(precision).unwrap_or(Value::Null),
    );
    actor(&mut m, "source", &e.source);
    actor(&mut m, "target", &e.target);
    m.insert("cameo".into(), json!(e.cameo));
    m.insert("cameo_name".into(), json!(e.cameo_name));
    let root: Option<u8> = e.cameo.get(..2).and_then(|r| r.parse().ok());
    m.insert("root".into(), json!(root));
    m.insert("goldstein".into(), json!(e.goldstein));
    m.insert("quad_class".into(), json!(e.quad_class));
    m.insert("plover_type".into(), json!(e.plover.kind));
    m.insert("plover_mode".into(), json!(e.plover.mode));
    m.insert(
        "acled_event_type".into(),
        json!(e.acled.as_ref().map(|a| &a.event_type)),
    );
    m.insert(
        "acled_sub_event_type".into(),
        json!(e.acled.as_ref().map(|a| &a.sub_event_type)),
    );
    let loc = e.location.as_ref();
    let place = loc.map(|l| Batch::place_ref(doc, l));
    m.insert("location".into(), json!(loc.map(|l| &l.name)));
    m.insert("geonameid".into(), json!(loc.map(|l| l.geonameid)));
    m.insert("lat".into(), json!(loc.map(|l| l.lat)));
    m.insert("lon".into(), json!(loc.map(|l| l.lon)));
    m.insert("location_country".into(), json!(loc.map(|l| &l.country)));
    m.insert("admin1".into(), json!(loc.and_then(|l| l.admin1.as_ref())));
    m.insert(
        "location_kind".into(),
        json!(place.as_ref().map(|p| &p.kind)),
    );
    for kind in petrel_core::CountKind::ALL {
        let c = e.counts.iter().find(|c| c.kind == kind);
        m.insert(kind.name().into(), json!(c.map(|c| c.min)));
        m.insert(format!("{}_max", kind.name()), json!(c.map(|c| c.max)));
    }
    m.insert(
        "modality".into(),
        serde_json::to_value(e.modality).unwrap_or(Value::Null),
    );
    m.insert("confidence".into(), json!(e.confidence));
    m.insert("trigger".into(), json!(e.trigger.text));
    m.insert("text".into(), json!(e.text));
    m.insert(
        "quote_speaker".into(),
        json!(e
            .quote
            .as_ref()
            .and_then(|q| q.speaker.as_ref())
            .map(|s| &s.actor.code)),
    );
    m.insert("same_as".into(), json!(e.same_as));
    m.insert("evidence".into(), json!(e.evidence));
    // as the store writes them (crates/store/src/write.rs): the event's country is its place's, else its
    // source's; the countries are the place's and the actors'
    let place_country = place
        .as_ref()
        .and_then(|p| country3.get(&p.country).cloned());
    let event_country = place_country
        .clone()
        .or_else(|| e.source.as_ref().and_then(|a| a.actor.country.clone()));
    let mut countries: Vec<String> = place_country.into_iter().collect();
    for a in [&e.source, &e.target].into_iter().flatten() {
        if let Some(c) = &a.actor.country {
            if !countries.contains(c) {
                countries.push(c.clone());
            }
        }
    }
    m.insert("event_country".into(), json!(event_country));
    m.insert("countries".into(), json!(countries));
    m.insert("url".into(), json!(doc.meta.url));
    m.insert("title".into(), json!(doc.meta.title));
    m.insert(
        "outlet".into(),
        json!(petrel_store::outlet_of(
            doc.meta.url.as_deref(),
            &doc.meta.source
        )),
    );
    m.insert("record".into(), json!(record));
    Value::Object(m)
}

/// The flat rows of the events of `docs`, as JSON objects.
fn event_rows(docs: &[Document], country3: &HashMap<String, String>) -> PyResult<Vec<String>> {
    let mut rows = Vec::new();
    for d in docs {
        let lines = event_lines(std::slice::from_ref(d))?;
        for (e, record) in d.events.iter().zip(lines) {
            rows.push(event_row(d, e, record, country3).to_string());
        }
    }
    Ok(rows)
}

/// Reads one extracted document as `petrel extract` writes it.
fn extracted_json(raw: RawDoc) -> PyResult<String> {
    let mut out = Vec::new();
    petrel::extract::write_doc(raw, &mut out)
        .map_err(|e| PyRuntimeError::new_err(format!("writing an extracted document: {e}")))?;
    let s = String::from_utf8(out)
        .map_err(|e| PyRuntimeError::new_err(format!("writing an extracted document: {e}")))?;
    Ok(s.trim_end_matches('\n').to_string())
}

/// The pipeline: the built-in dictionaries (plus extra dictionary files) and models, loaded once, shared by
/// threads.
#[pyclass(frozen, module = "petrel._native")]
struct Pipeline {
    inner: Arc<petrel::Pipeline>,
    country3: Arc<HashMap<String, String>>,
}

impl Pipeline {
    /// Codes checked articles on `threads` threads (input order kept); `rows` asks for flat rows instead of the
    /// event records. Returns, per event, the index of its article and the JSON text.
    fn code_articles(&self, articles: Vec<(Article, String)>, threads: usize, rows: bool) -> Coded {
        let threads = threads.clamp(1, articles.len().max(1));
        let queue = Mutex::new(articles.into_iter().enumerate());
        // each thread takes the next article from the queue until it is empty
        let work = || {
            let mut mine: Vec<(usize, Coded)> = Vec::new();
            loop {
                let item = match queue.lock() {
                    Ok(mut q) => q.next(),
                    Err(_) => None,
                };
                let Some((i, (a, text))) = item else { break };
                let (docs, _) = code_raw(&self.inner, a.raw(text));
                let out = if rows {
                    event_rows(&docs, &self.country3)
                } else {
                    event_lines(&docs)
                };
                mine.push((i, out.map(|v| v.into_iter().map(|s| (i, s)).collect())));
            }
            mine
        };
        let mut results: Vec<(usize, Coded)> = if threads == 1 {
            work()
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
                handles
                    .into_iter()
                    .flat_map(|h| {
                        h.join().unwrap_or_else(|_| {
                            vec![(
                                usize::MAX,
                                Err(PyRuntimeError::new_err(
                                    "a coding thread failed (a bug in petrel: please report the input)",
                                )),
                            )]
                        })
                    })
                    .collect()
            })
        };
        results.sort_by_key(|(i, _)| *i);
        let mut out = Vec::new();
        for (_, r) in results {
            out.extend(r?);
        }
        Ok(out)
    }
}

#[pymethods]
impl Pipeline {
    /// Loads the built-in dictionaries and models, plus the extra dictionary files `dicts` (their names say what
    /// they hold, as `petrel --dict`).
    #[new]
    #[pyo3(signature = (dicts = Vec::new()))]
    fn new(py: Python<'_>, dicts: Vec<PathBuf>) -> PyResult<Pipeline> {
        for d in &dicts {
            if let Err(e) = std::fs::metadata(d) {
                return Err(PyOSError::new_err(format!(
                    "dictionary {}: cannot read: {e}",
                    d.display()
                )));
            }
        }
        let inner = py
            .detach(|| petrel::Pipeline::with_dicts(&dicts))
            .map_err(PyValueError::new_err)?;
        let country3 = store_cmd::country_codes(&inner.knowledge);
        Ok(Pipeline {
            inner: Arc::new(inner),
            country3: Arc::new(country3),
        })
    }

    /// The event records of `petrel code` for one article (one JSON text per event).
    #[pyo3(signature = (text, date = None, id = None, title = None, url = None))]
    fn code(
        &self,
        py: Python<'_>,
        text: String,
        date: Option<&str>,
        id: Option<String>,
        title: Option<String>,
        url: Option<String>,
    ) -> PyResult<Vec<String>> {
        let a = Article::new("text", date, id, title, url, None)?;
        let out = py.detach(|| self.code_articles(vec![(a, text)], 1, false))?;
        Ok(out.into_iter().map(|(_, s)| s).collect())
    }

    /// Codes many articles, each `(text, date, id, title, url, source)`, on `threads` threads without the GIL;
    /// returns `(article index, JSON)` per event in input order: event records, or flat rows with `rows`.
    #[pyo3(signature = (articles, threads = 1, rows = false))]
    fn code_many(
        &self,
        py: Python<'_>,
        articles: Vec<ArticleTuple>,
        threads: usize,
        rows: bool,
    ) -> Coded {
        let checked = checked_articles(articles)?;
        py.detach(|| self.code_articles(checked, threads, rows))
    }

    /// `petrel annotate`'s object for one article (one per window when the text is over 1 MiB).
    #[pyo3(signature = (text, date = None, id = None, title = None, url = None))]
    fn annotate(
        &self,
        py: Python<'_>,
        text: String,
        date: Option<&str>,
        id: Option<String>,
        title: Option<String>,
        url: Option<String>,
    ) -> PyResult<Vec<String>> {
        let a = Article::new("text", date, id, title, url, None)?;
        py.detach(|| {
            let (docs, removed) = code_raw(&self.inner, a.raw(text));
            docs.iter()
                .enumerate()
                .map(|(i, d)| {
                    let removed = if i == 0 { &removed[..] } else { &[][..] };
                    petrel::annotation_json(d, removed)
                        .map(|v| v.to_string())
                        .map_err(|e| PyRuntimeError::new_err(format!("writing an annotation: {e}")))
                })
                .collect()
        })
    }

    /// The columns of the flat event rows, with their types.
    #[staticmethod]
    fn row_columns() -> Vec<(&'static str, &'static str)> {
        ROW_COLUMNS.to_vec()
    }
}

/// `petrel extract`'s object for one web page (`html` as text, or bytes in any encoding): the article text and
/// its metadata; documents in every language are kept. `ValueError` when the page holds no article.
#[pyfunction]
#[pyo3(signature = (html, url = None, id = None, date = None))]
fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    id: Option<String>,
    date: Option<&str>,
) -> PyResult<String> {
    let html: String = if let Ok(s) = html.extract::<String>() {
        s
    } else if html.is_instance_of::<pyo3::types::PyBytes>()
        || html.is_instance_of::<pyo3::types::PyByteArray>()
    {
        let b: Vec<u8> = html.extract()?;
        py.detach(|| petrel_ingest::decode_html(&b, None).0)
    } else {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "html: expected str or bytes, not {}",
            html.get_type().name()?
        )));
    };
    let date_value = parse_date("html", date)?;
    let name = url.clone().or(id.clone()).unwrap_or_else(|| "html".into());
    // the page goes through the reader as a JSONL record with `html` would: the same extraction, metadata and
    // date rules as `petrel extract` on such a record
    let record = json!({"id": id, "url": url, "html": html});
    drop(html);
    py.detach(|| {
        let line = record.to_string();
        let mut reader =
            Reader::from_memory("python.jsonl", line.into_bytes(), date_value).all_languages();
        match reader.next() {
            Some(Ok(mut raw)) => {
                if raw.meta.id.starts_with("python-") && id.is_none() {
                    raw.meta.id = name.clone();
                }
                raw.meta.source = name.clone();
                extracted_json(raw)
            }
            Some(Err(issue)) => Err(PyValueError::new_err(format!("{name}: {}", issue.message))),
            None => Err(PyValueError::new_err(format!("{name}: no document read"))),
        }
    })
}

/// Reads the documents of input files as `petrel extract` does (WARC, HTML, feeds, JSONL, text, gzipped, folders),
/// streaming: each `next()` gives up to `batch` extracted documents as JSON texts. Problems are kept in `issues`.
#[pyclass(unsendable, module = "petrel._native")]
struct ExtractReader {
    reader: Reader,
    batch: usize,
    issues: Vec<String>,
}

/// An `OSError` naming the first of `paths` that cannot be read.
fn readable(paths: &[PathBuf]) -> PyResult<()> {
    for p in paths {
        if let Err(e) = std::fs::metadata(p) {
            return Err(PyOSError::new_err(format!(
                "{}: cannot read: {e}",
                p.display()
            )));
        }
    }
    Ok(())
}

#[pymethods]
impl ExtractReader {
    /// A reader over `paths`; `date` for documents that carry none; `all_languages` keeps documents not in English.
    #[new]
    #[pyo3(signature = (paths, date = None, all_languages = false, batch = 256))]
    fn new(
        paths: Vec<PathBuf>,
        date: Option<&str>,
        all_languages: bool,
        batch: usize,
    ) -> PyResult<ExtractReader> {
        readable(&paths)?;
        let date = parse_date("date", date)?;
        let mut reader = Reader::new(&paths, date);
        if all_languages {
            reader = reader.all_languages();
        }
        Ok(ExtractReader {
            reader,
            batch: batch.max(1),
            issues: Vec::new(),
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> PyResult<Option<Vec<String>>> {
        let mut out = Vec::new();
        let warnings = self.reader.warnings();
        while out.len() < self.batch {
            match self.reader.next() {
                Some(Ok(raw)) => out.push(extracted_json(raw)?),
                Some(Err(issue)) => self.issues.push(format!("{issue} (skipped)")),
                None => break,
            }
            self.issues
                .extend(warnings.take().iter().map(|w| w.to_string()));
        }
        self.issues
            .extend(warnings.take().iter().map(|w| w.to_string()));
        Ok(if out.is_empty() { None } else { Some(out) })
    }

    /// The inputs, records and documents skipped or warned about so far, each naming its file and record.
    #[getter]
    fn issues(&self) -> Vec<String> {
        self.issues.clone()
    }
}

/// The event database (`petrel ingest | events`) in one SQLite file.
#[pyclass(frozen, module = "petrel._native")]
struct Store {
    path: PathBuf,
}

#[pymethods]
impl Store {
    /// The database at `path` (created by the first ingest).
    #[new]
    fn new(path: PathBuf) -> Store {
        Store { path }
    }

    /// The stored (de-duplicated) events the filters select, each as `petrel events --format jsonl` writes it
    /// (with every mention when `mentions`).
    #[pyo3(signature = (pipeline, filters, mentions = false))]
    fn events(
        &self,
        py: Python<'_>,
        pipeline: &Pipeline,
        filters: HashMap<String, Option<String>>,
        mentions: bool,
    ) -> PyResult<Vec<String>> {
        let mut f = EventFilter::default();
        for (k, v) in filters {
            let Some(v) = v else { continue };
            let at = || format!("filter {k}={v:?}");
            match k.as_str() {
                "from" | "from_" => f.from = parse_date(&at(), Some(&v))?,
                "to" => f.to = parse_date(&at(), Some(&v))?,
                "country" => {
                    let c = v.trim().to_ascii_uppercase();
                    f.country = Some(pipeline.country3.get(&c).cloned().unwrap_or(c));
                }
                "actor" => f.actor = Some(v),
                "cameo" => f.cameo = Some(v),
                "plover" => f.plover = Some(v),
                "place" => f.place = Some(v),
                "text" => f.text = Some(v),
                "min_sources" => {
                    f.min_sources = Some(v.parse().map_err(|_| {
                        PyValueError::new_err(format!("{}: not a count", at()))
                    })?)
                }
                "limit" => {
                    let n: u64 = v
                        .parse()
                        .map_err(|_| PyValueError::new_err(format!("{}: not a count", at())))?;
                    if n > i64::MAX as u64 {
                        return Err(PyValueError::new_err(format!("{}: too large", at())));
                    }
                    f.limit = Some(n);
                }
                _ => {
                    return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                        "unknown filter {k:?} (from, to, country, actor, cameo, plover, place, text, min_sources, limit)"
                    )))
                }
            }
        }
        if !self.path.exists() {
            return Err(PyOSError::new_err(format!(
                "{}: no such database (ingest first)",
                self.path.display()
            )));
        }
        let knowledge = pipeline.inner.knowledge.clone();
        py.detach(|| {
            let store = store_cmd::open_for_reading(&self.path, &knowledge)
                .map_err(|e| PyOSError::new_err(e.to_string()))?;
            let records = store
                .events(&f, mentions)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            records
                .iter()
                .map(|r| {
                    serde_json::to_string(r)
                        .map_err(|e| PyRuntimeError::new_err(format!("writing an event: {e}")))
                })
                .collect()
        })
    }

    /// Codes and stores input files (every kind `petrel ingest` reads) and/or articles
    /// `(text, date, id, title, url, source)`; returns the ingest's figures as JSON.
    #[pyo3(signature = (pipeline, paths, articles, date = None, jobs = 1, batch = 64))]
    #[allow(clippy::too_many_arguments)]
    fn ingest(
        &self,
        py: Python<'_>,
        pipeline: &Pipeline,
        paths: Vec<PathBuf>,
        articles: Vec<ArticleTuple>,
        date: Option<&str>,
        jobs: usize,
        batch: usize,
    ) -> PyResult<String> {
        readable(&paths)?;
        let date = parse_date("date", date)?;
        let checked: Vec<RawDoc> = checked_articles(articles)?
            .into_iter()
            .map(|(a, text)| a.raw(text))
            .collect();
        let inner = pipeline.inner.clone();
        py.detach(|| {
            let mut store = store_cmd::open_for_writing(&self.path, &inner)
                .map_err(|e| PyOSError::new_err(e.to_string()))?;
            let consumed = Arc::new(AtomicU64::new(0));
            let docs = || {
                let from_paths: Box<dyn Iterator<Item = Result<Document, String>>> =
                    if paths.is_empty() {
                        Box::new(std::iter::empty())
                    } else {
                        Box::new(store_cmd::input_documents(&paths, date, consumed, false))
                    };
                from_paths.chain(checked.into_iter().flat_map(|raw| {
                    let (meta, text, _) = petrel_ingest::clean_text(raw);
                    petrel::window::windows_of_text(meta, text).map(Ok)
                }))
            };
            let opts = IngestOptions {
                jobs: jobs.max(1),
                batch: batch.max(1),
                batch_time: Duration::from_secs(5),
            };
            let report = store_cmd::ingest_documents(
                &mut store,
                &inner,
                docs,
                &opts,
                &mut Progress::quiet(),
            )
            .map_err(|e| PyOSError::new_err(e.to_string()))?;
            serde_json::to_string(&report)
                .map_err(|e| PyRuntimeError::new_err(format!("writing the report: {e}")))
        })
    }
}

/// The Rust side of the `petrel` package.
#[pymodule]
#[pyo3(name = "_native")]
fn petrel_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Pipeline>()?;
    m.add_class::<Store>()?;
    m.add_class::<ExtractReader>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
