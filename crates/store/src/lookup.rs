//! Reading one stored thing by its database id: an event with every mention, a document with its text, layers
//! and the mentions coded in it. For `petrel serve`'s detail views.

use crate::query::{event_from_row, mention_from_row, mention_sql, EVENT_COLUMNS};
use crate::{classify, EventRecord, MentionRecord, Store, StoreError};
use petrel_core::Date;
use rusqlite::OptionalExtension;

/// A stored document: what was read, the cleaned text every offset points into, its annotation layers, and the
/// mentions of events coded in it.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRecord {
    /// Database id.
    pub id: i64,
    /// The id the input gave.
    pub key: String,
    /// Article URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Where it was read (file, file:line).
    pub source: String,
    /// Publisher (URL host or input file).
    pub outlet: String,
    /// Unix seconds when stored.
    pub added: i64,
    /// The cleaned text; offsets are code points of it.
    pub text: String,
    /// The annotation layers as stored: sentences, entities, actors, places, dates, counts, quotes.
    pub layers: serde_json::Value,
    /// The mentions coded in it, in the order stored, each with its event's id.
    pub mentions: Vec<(i64, MentionRecord)>,
}

impl Store {
    /// The event with this id and every mention of it, or `None`.
    pub fn event(&self, id: i64) -> Result<Option<EventRecord>, StoreError> {
        let err = |e| classify(&self.path, "reading an event", e);
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e
             LEFT JOIN actors sa ON sa.id = e.source_actor
             LEFT JOIN actors ta ON ta.id = e.target_actor
             LEFT JOIN places p ON p.id = e.place WHERE e.id = ?1"
        );
        let Some(mut event) = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row([id], event_from_row).optional())
            .map_err(err)?
        else {
            return Ok(None);
        };
        event.mentions = self
            .conn
            .prepare_cached(&mention_sql("m.event = ?1"))
            .and_then(|mut s| {
                s.query_map([id], mention_from_row)
                    .and_then(|rows| rows.collect())
            })
            .map_err(err)?;
        Ok(Some(event))
    }

    /// The document with this id, its layers and the mentions coded in it, or `None`.
    pub fn document(&self, id: i64) -> Result<Option<DocumentRecord>, StoreError> {
        let err = |e| classify(&self.path, "reading a document", e);
        let doc = self
            .conn
            .prepare_cached(
                "SELECT id, doc_key, url, title, pub_day, source, outlet, added, text, annotations
                 FROM documents WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok(DocumentRecord {
                        id: r.get(0)?,
                        key: r.get(1)?,
                        url: r.get(2)?,
                        title: r.get(3)?,
                        published: r.get::<_, Option<i64>>(4)?.map(Date::from_days),
                        source: r.get(5)?,
                        outlet: r.get(6)?,
                        added: r.get(7)?,
                        text: r.get(8)?,
                        layers: serde_json::from_str(&r.get::<_, String>(9)?)
                            .unwrap_or(serde_json::Value::Null),
                        mentions: Vec::new(),
                    })
                })
                .optional()
            })
            .map_err(err)?;
        let Some(mut doc) = doc else { return Ok(None) };
        doc.mentions = self
            .conn
            .prepare_cached(&mention_sql("m.document = ?1"))
            .and_then(|mut s| {
                s.query_map([id], |r| Ok((r.get::<_, i64>(23)?, mention_from_row(r)?)))
                    .and_then(|rows| rows.collect())
            })
            .map_err(err)?;
        Ok(Some(doc))
    }

    /// The highest document id (0 when none): it grows with every stored document, so a reader can tell that
    /// the events changed (documents are never deleted; every change to events comes with a new document).
    pub fn last_document_id(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(id), 0) FROM documents", [], |r| {
                r.get(0)
            })
            .map_err(|e| classify(&self.path, "reading the last document id", e))
    }
}
