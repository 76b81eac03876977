//! Parquet: one row per event, flat columns (schema in [`SCHEMA`]), written with arrow-rs's `parquet` crate
//! (its low-level writer, so the build needs no arrow). Row groups of [`ROW_GROUP`] events keep memory bounded.

use super::{evidence_sentence, ExportContext, ExportError};
use crate::query::{ActorRecord, EventRecord};
use crate::{EventFilter, Store};
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::Write;
use std::sync::Arc;

/// The Parquet schema of the export.
pub const SCHEMA: &str = "message petrel_event {
  REQUIRED INT64 event_id;
  OPTIONAL INT32 date (DATE);
  REQUIRED BYTE_ARRAY date_precision (UTF8);
  REQUIRED BYTE_ARRAY cameo (UTF8);
  REQUIRED INT32 cameo_root;
  OPTIONAL BYTE_ARRAY plover_type (UTF8);
  REQUIRED INT32 quad_class;
  REQUIRED DOUBLE goldstein;
  REQUIRED BYTE_ARRAY modality (UTF8);
  OPTIONAL BYTE_ARRAY actor1_code (UTF8);
  OPTIONAL BYTE_ARRAY actor1_name (UTF8);
  OPTIONAL BYTE_ARRAY actor1_country (UTF8);
  OPTIONAL BYTE_ARRAY actor2_code (UTF8);
  OPTIONAL BYTE_ARRAY actor2_name (UTF8);
  OPTIONAL BYTE_ARRAY actor2_country (UTF8);
  OPTIONAL BYTE_ARRAY place_name (UTF8);
  OPTIONAL INT64 geonameid;
  OPTIONAL DOUBLE latitude;
  OPTIONAL DOUBLE longitude;
  OPTIONAL BYTE_ARRAY place_country (UTF8);
  OPTIONAL BYTE_ARRAY admin1 (UTF8);
  OPTIONAL BYTE_ARRAY country (UTF8);
  REQUIRED INT64 num_mentions;
  REQUIRED INT64 num_sources;
  REQUIRED INT64 num_articles;
  OPTIONAL BYTE_ARRAY source_url (UTF8);
  OPTIONAL BYTE_ARRAY evidence (UTF8);
}";

/// Events per row group.
pub const ROW_GROUP: usize = 65_536;

enum Column {
    I64(Vec<Option<i64>>),
    I32(Vec<Option<i32>>),
    F64(Vec<Option<f64>>),
    Str(Vec<Option<String>>),
}

fn pq(e: parquet::errors::ParquetError) -> ExportError {
    ExportError::Io(std::io::Error::other(format!("parquet: {e}")))
}

/// The values of one event, in [`SCHEMA`] order.
fn push_row(cols: &mut [Column], e: &EventRecord) {
    let actor = |a: &Option<ActorRecord>| -> [Option<String>; 3] {
        match a {
            Some(a) => [
                Some(a.code.clone()),
                Some(a.name.clone()),
                a.country.clone(),
            ],
            None => [None, None, None],
        }
    };
    let [s1, s2, s3] = actor(&e.source);
    let [t1, t2, t3] = actor(&e.target);
    let p = e.place.as_ref();
    let url = e
        .mentions
        .first()
        .map(|m| m.url.clone().unwrap_or_else(|| m.doc.clone()));
    let evidence = e.mentions.first().map(|_| evidence_sentence(e).to_string());
    let values: Vec<Cell> = vec![
        Cell::I64(Some(e.id)),
        Cell::I32(e.date.map(|d| d.to_days() as i32)),
        Cell::Str(Some(e.date_precision.to_string())),
        Cell::Str(Some(e.cameo.clone())),
        Cell::I32(Some(i32::from(e.root))),
        Cell::Str(e.plover.clone()),
        Cell::I32(Some(i32::from(e.quad_class))),
        Cell::F64(Some(e.goldstein)),
        Cell::Str(Some(e.modality.to_string())),
        Cell::Str(s1),
        Cell::Str(s2),
        Cell::Str(s3),
        Cell::Str(t1),
        Cell::Str(t2),
        Cell::Str(t3),
        Cell::Str(p.map(|p| p.name.clone())),
        Cell::I64(p.map(|p| p.geonameid as i64)),
        Cell::F64(p.map(|p| p.lat)),
        Cell::F64(p.map(|p| p.lon)),
        Cell::Str(p.map(|p| p.country.clone())),
        Cell::Str(p.and_then(|p| p.admin1.clone())),
        Cell::Str(e.country.clone()),
        Cell::I64(Some(e.num_mentions)),
        Cell::I64(Some(e.num_sources)),
        Cell::I64(Some(e.num_articles)),
        Cell::Str(url),
        Cell::Str(evidence),
    ];
    for (c, v) in cols.iter_mut().zip(values) {
        match (c, v) {
            (Column::I64(c), Cell::I64(v)) => c.push(v),
            (Column::I32(c), Cell::I32(v)) => c.push(v),
            (Column::F64(c), Cell::F64(v)) => c.push(v),
            (Column::Str(c), Cell::Str(v)) => c.push(v),
            _ => unreachable!("push_row values follow SCHEMA order"),
        }
    }
}

enum Cell {
    I64(Option<i64>),
    I32(Option<i32>),
    F64(Option<f64>),
    Str(Option<String>),
}

/// Splits optional values into present values and definition levels (1 present, 0 null).
fn levels<T: Clone>(v: &[Option<T>]) -> (Vec<T>, Vec<i16>) {
    let vals = v.iter().flatten().cloned().collect();
    let defs = v.iter().map(|x| i16::from(x.is_some())).collect();
    (vals, defs)
}

fn empty_columns(schema: &parquet::schema::types::Type) -> Vec<Column> {
    use parquet::basic::Type as P;
    schema
        .get_fields()
        .iter()
        .map(|f| match f.get_physical_type() {
            P::INT64 => Column::I64(Vec::new()),
            P::INT32 => Column::I32(Vec::new()),
            P::DOUBLE => Column::F64(Vec::new()),
            _ => Column::Str(Vec::new()),
        })
        .collect()
}

fn flush<W: Write + Send>(
    w: &mut SerializedFileWriter<W>,
    cols: &mut [Column],
) -> Result<(), ExportError> {
    if cols.first().is_none_or_empty() {
        return Ok(());
    }
    let mut rg = w.next_row_group().map_err(pq)?;
    for col in cols.iter_mut() {
        let mut cw = rg.next_column().map_err(pq)?.ok_or_else(|| {
            ExportError::Unsupported("parquet: schema has fewer columns than rows".into())
        })?;
        match col {
            Column::I64(v) => {
                let (vals, defs) = levels(v);
                cw.typed::<Int64Type>()
                    .write_batch(&vals, Some(&defs), None)
                    .map_err(pq)?;
                v.clear();
            }
            Column::I32(v) => {
                let (vals, defs) = levels(v);
                cw.typed::<Int32Type>()
                    .write_batch(&vals, Some(&defs), None)
                    .map_err(pq)?;
                v.clear();
            }
            Column::F64(v) => {
                let (vals, defs) = levels(v);
                cw.typed::<DoubleType>()
                    .write_batch(&vals, Some(&defs), None)
                    .map_err(pq)?;
                v.clear();
            }
            Column::Str(v) => {
                let (vals, defs) = levels(v);
                let vals: Vec<ByteArray> = vals
                    .into_iter()
                    .map(|s| ByteArray::from(s.into_bytes()))
                    .collect();
                cw.typed::<ByteArrayType>()
                    .write_batch(&vals, Some(&defs), None)
                    .map_err(pq)?;
                v.clear();
            }
        }
        cw.close().map_err(pq)?;
    }
    rg.close().map_err(pq)?;
    Ok(())
}

trait EmptyColumn {
    fn is_none_or_empty(&self) -> bool;
}

impl EmptyColumn for Option<&Column> {
    fn is_none_or_empty(&self) -> bool {
        match self {
            None => true,
            Some(Column::I64(v)) => v.is_empty(),
            Some(Column::I32(v)) => v.is_empty(),
            Some(Column::F64(v)) => v.is_empty(),
            Some(Column::Str(v)) => v.is_empty(),
        }
    }
}

/// Writes the Parquet file; returns the number of events.
pub fn write(
    store: &Store,
    filter: &EventFilter,
    ctx: &ExportContext,
    out: Box<dyn Write + Send>,
) -> Result<usize, ExportError> {
    let _ = ctx;
    let schema = Arc::new(parse_message_type(SCHEMA).map_err(pq)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::UNCOMPRESSED)
            .build(),
    );
    let mut w = SerializedFileWriter::new(out, schema.clone(), props).map_err(pq)?;
    let mut cols = empty_columns(&schema);
    let mut n = 0;
    let mut pending = 0;
    store.for_each_event::<ExportError>(filter, true, |e| {
        push_row(&mut cols, &e);
        n += 1;
        pending += 1;
        if pending == ROW_GROUP {
            flush(&mut w, &mut cols)?;
            pending = 0;
        }
        Ok(())
    })?;
    flush(&mut w, &mut cols)?;
    w.close().map_err(pq)?;
    Ok(n)
}
