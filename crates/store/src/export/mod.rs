//! Writing stored events for other tools: GDELT 2.0 events, ACLED-style CSV, PLOVER/POLECAT-style JSON, JSONL,
//! Parquet; and the table/CSV/JSONL views of `petrel events`.

pub mod acled;
pub mod gdelt;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod plover;

use crate::query::{EventRecord, MentionRecord};
use crate::{EventFilter, Store, StoreError};
use petrel_export::{clip, csv_field, table_lines};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};

/// What the exporters need to know beyond the database: names from the dictionaries.
#[derive(Clone, Debug, Default)]
pub struct ExportContext {
    /// CAMEO code → name, PLOVER mode, PLOVER context.
    pub cameo: HashMap<String, (String, Option<String>, Option<String>)>,
    /// ISO alpha-3 → country name.
    pub country_names: HashMap<String, String>,
    /// CAMEO code → its ACLED type, for the codes ACLED records (from the dictionaries' `cameo-acled.tsv`): the
    /// type of events stored before schema 2, which carry no ACLED type of their own.
    pub acled: HashMap<String, acled::AcledType>,
    /// ACLED event type → its disorder type ("Battles" → "Political violence"), for the types events carry.
    pub acled_disorders: HashMap<String, String>,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// ACLED-style CSV (political violence, demonstrations, strategic developments only).
    Acled,
    /// PLOVER/POLECAT-style JSON, one object per line.
    Plover,
    /// petrel's own event records with every mention, one per line.
    Jsonl,
    /// Apache Parquet, one row per event.
    Parquet,
}

/// A failed export.
#[derive(Debug)]
pub enum ExportError {
    /// Reading the database failed.
    Store(StoreError),
    /// Writing the output failed.
    Io(io::Error),
    /// The format cannot be written (e.g. Parquet left out of this build).
    Unsupported(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Store(e) => write!(f, "{e}"),
            ExportError::Io(e) => write!(f, "cannot write output: {e}"),
            ExportError::Unsupported(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Store(e)
    }
}

impl From<io::Error> for ExportError {
    fn from(e: io::Error) -> Self {
        ExportError::Io(e)
    }
}

/// Writes every event the filter selects in `format`; returns how many were written.
pub fn export(
    store: &Store,
    filter: &EventFilter,
    format: ExportFormat,
    ctx: &ExportContext,
    out: Box<dyn Write + Send>,
) -> Result<usize, ExportError> {
    match format {
        ExportFormat::Gdelt => gdelt::write(store, filter, ctx, out),
        ExportFormat::Acled => acled::write(store, filter, ctx, out),
        ExportFormat::Plover => plover::write(store, filter, ctx, out),
        ExportFormat::Jsonl => {
            let mut out = io::BufWriter::new(out);
            write_events(store, filter, &mut out, None, |out, e| {
                json_line(out, e)?;
                Ok(true)
            })
        }
        #[cfg(feature = "parquet")]
        ExportFormat::Parquet => parquet::write(store, filter, ctx, out),
        #[cfg(not(feature = "parquet"))]
        ExportFormat::Parquet => Err(ExportError::Unsupported(
            "this petrel was built without the `parquet` feature".into(),
        )),
    }
}

/// The loop the line-oriented writers share: the CSV header row (when given), then `each` for every event the
/// filter selects, with its mentions; `each` says whether it wrote the event (a format may leave some out). The
/// output is flushed at the end; returns the number of events written.
fn write_events<W: Write + ?Sized>(
    store: &Store,
    filter: &EventFilter,
    out: &mut W,
    csv_header: Option<&[&str]>,
    mut each: impl FnMut(&mut W, &EventRecord) -> Result<bool, ExportError>,
) -> Result<usize, ExportError> {
    if let Some(columns) = csv_header {
        writeln!(out, "{}", columns.join(","))?;
    }
    let mut n = 0;
    store.for_each_event::<ExportError>(filter, true, |e| {
        if each(&mut *out, &e)? {
            n += 1;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(n)
}

/// One JSON object and a line break.
fn json_line<W: Write + ?Sized>(out: &mut W, value: &impl serde::Serialize) -> io::Result<()> {
    // io::Error::from keeps the writer's own error: a closed pipe stays BrokenPipe and ends the program quietly
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// One CSV row (RFC 4180 quoting) and a line break.
fn csv_line<W: Write + ?Sized>(out: &mut W, fields: &[String]) -> io::Result<()> {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", row.join(","))
}

/// The first mention's sentence: the evidence an analyst reads first.
pub fn evidence_sentence(e: &EventRecord) -> &str {
    e.mentions
        .first()
        .map_or("", |m: &MentionRecord| m.text.as_str())
}

/// Views of `petrel events`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// CSV with a header ([`LIST_COLUMNS`]).
    Csv,
    /// One [`EventRecord`] (with its mentions) per line.
    Jsonl,
}

/// Columns of `petrel events --format csv`.
pub const LIST_COLUMNS: &[&str] = &[
    "id",
    "date",
    "date_precision",
    "source_code",
    "source_name",
    "cameo",
    "plover",
    "target_code",
    "target_name",
    "place",
    "country",
    "num_mentions",
    "num_sources",
    "num_articles",
    "goldstein",
    "quad_class",
    "evidence",
];

fn list_row(e: &EventRecord) -> Vec<String> {
    let code = |a: &Option<crate::query::ActorRecord>| {
        a.as_ref().map_or(String::new(), |a| a.code.clone())
    };
    let name = |a: &Option<crate::query::ActorRecord>| {
        a.as_ref().map_or(String::new(), |a| a.name.clone())
    };
    vec![
        e.id.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.date_precision.to_string(),
        code(&e.source),
        name(&e.source),
        e.cameo.clone(),
        e.plover.clone().unwrap_or_default(),
        code(&e.target),
        name(&e.target),
        e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        e.country.clone().unwrap_or_default(),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        e.goldstein.to_string(),
        e.quad_class.to_string(),
        evidence_sentence(e).to_string(),
    ]
}

/// Writes `petrel events` output; returns the number of events.
pub fn list(
    store: &Store,
    filter: &EventFilter,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    match format {
        ListFormat::Jsonl => write_events(store, filter, out, None, |out, e| {
            json_line(out, e)?;
            Ok(true)
        }),
        ListFormat::Csv => write_events(store, filter, out, Some(LIST_COLUMNS), |out, e| {
            csv_line(out, &list_row(e))?;
            Ok(true)
        }),
        ListFormat::Table => {
            // rows are gathered so columns align; tables are for reading, so big results belong in csv/jsonl
            let header = [
                "id", "date", "source", "event", "target", "place", "mentions", "sources",
                "evidence",
            ];
            let mut rows: Vec<[String; 9]> = Vec::new();
            store.for_each_event::<ExportError>(filter, true, |e| {
                let who = |a: &Option<crate::query::ActorRecord>| {
                    a.as_ref().map_or("-".into(), |a| a.code.clone())
                };
                rows.push([
                    e.id.to_string(),
                    e.date.map_or("-".into(), |d| d.to_string()),
                    who(&e.source),
                    format!("{} {}", e.cameo, e.plover.as_deref().unwrap_or("")),
                    who(&e.target),
                    clip(e.place.as_ref().map_or("-", |p| p.name.as_str()), 18),
                    e.num_mentions.to_string(),
                    e.num_sources.to_string(),
                    clip(evidence_sentence(&e), 60),
                ]);
                Ok(())
            })?;
            let (head, lines) = table_lines(&header, &rows);
            writeln!(out, "{head}")?;
            for line in &lines {
                writeln!(out, "{line}")?;
            }
            out.flush()?;
            Ok(rows.len())
        }
    }
}
