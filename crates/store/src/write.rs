//! The write path: one transaction per batch of documents; each coded event becomes a mention, joined to an
//! existing event by the de-duplication rule ([`crate::dedup`]) or starting a new one.

use crate::dedup::{self, Facts, PlaceRef};
use crate::{classify, Store, StoreError};
use petrel_core::{DatePrecision, Document, Event, Modality};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::path::PathBuf;

/// 128-bit FNV-1a of the text: the document's identity for idempotent, resumable ingest.
pub fn content_hash(text: &str) -> u128 {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in text.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    h
}

/// Who published a document, for NumSources: the URL's host without `www.`, else the input file (a JSONL
/// record's `file:line` without the line).
pub fn outlet_of(url: Option<&str>, source: &str) -> String {
    if let Some(url) = url {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        if !host.is_empty() {
            return host;
        }
    }
    match source.rsplit_once(':') {
        Some((file, line)) if !file.is_empty() && line.chars().all(|c| c.is_ascii_digit()) => {
            file.to_string()
        }
        _ => source.to_string(),
    }
}

/// What happened to a document given to [`Batch::add_document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocOutcome {
    /// Stored, with this many mentions, of which this many started new events.
    Added {
        /// Mentions stored.
        mentions: usize,
        /// Of those, how many started a new event (the rest joined one).
        new_events: usize,
    },
    /// The same text is already stored: nothing added.
    Duplicate,
}

pub(crate) fn precision_code(p: Option<DatePrecision>) -> u8 {
    match p {
        Some(DatePrecision::Day) => 0,
        Some(DatePrecision::Week) => 1,
        Some(DatePrecision::Month) => 2,
        Some(DatePrecision::Year) => 3,
        None => dedup::PRECISION_UNKNOWN,
    }
}

/// The modality an event (a cluster of mentions) is stored and matched with: a reported mention tells a
/// happening, like an asserted one (the mention keeps its own).
pub(crate) fn event_modality(mention: u8) -> u8 {
    if mention == 4 {
        0
    } else {
        mention
    }
}

pub(crate) fn modality_code(m: Modality) -> u8 {
    match m {
        Modality::Asserted => 0,
        Modality::Future => 1,
        Modality::Hypothetical => 2,
        Modality::Negated => 3,
        Modality::Reported => 4,
    }
}

/// What the writer remembers of actors and places between batches (they are never changed once stored).
#[derive(Default)]
pub(crate) struct Caches {
    actor_ids: HashMap<(String, String), i64>,
    actor_codes: HashMap<i64, String>,
    places: HashMap<i64, PlaceRef>,
}

/// A write transaction over the store. Dropping it without [`Batch::commit`] rolls everything back.
pub struct Batch<'s> {
    tx: Transaction<'s>,
    path: PathBuf,
    country3: &'s HashMap<String, String>,
    caches: CacheGuard<'s>,
    added: i64,
}

/// Forgets the caches unless the batch committed: rows of a rolled-back batch are gone and their ids may be
/// given to others.
struct CacheGuard<'s> {
    caches: &'s mut Caches,
    committed: bool,
}

impl Drop for CacheGuard<'_> {
    fn drop(&mut self) {
        if !self.committed {
            *self.caches = Caches::default();
        }
    }
}

impl Store {
    /// ISO alpha-2 → alpha-3 country codes, used to give every event a country in the actors' code system.
    pub fn set_country_codes(&mut self, iso2_to_iso3: HashMap<String, String>) {
        self.country3 = iso2_to_iso3;
    }
}

fn i64_of(u: u64) -> i64 {
    u as i64
}

impl<'s> Batch<'s> {
    pub(crate) fn begin(store: &'s mut Store) -> Result<Batch<'s>, StoreError> {
        let path = store.path.clone();
        let Store {
            conn,
            country3,
            caches,
            ..
        } = store;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| classify(&path, "cannot start a write transaction", e))?;
        let added = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Ok(Batch {
            tx,
            path,
            country3,
            caches: CacheGuard {
                caches,
                committed: false,
            },
            added,
        })
    }

    fn err(&self, context: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        let context = context.to_string();
        move |e| classify(&self.path, &context, e)
    }

    /// Makes every document of the batch visible to readers at once.
    pub fn commit(self) -> Result<(), StoreError> {
        let Batch {
            tx,
            path,
            mut caches,
            ..
        } = self;
        tx.commit()
            .map_err(|e| classify(&path, "cannot commit the batch", e))?;
        caches.committed = true;
        Ok(())
    }

    /// Stores a coded document and its events, de-duplicating them against everything stored (committed or
    /// earlier in this batch). The same text twice is stored once.
    pub fn add_document(&mut self, doc: &Document) -> Result<DocOutcome, StoreError> {
        let hash = content_hash(&doc.text).to_be_bytes();
        let outlet = outlet_of(doc.meta.url.as_deref(), &doc.meta.source);
        let annotations = serde_json::json!({
            "sentences": doc.sentences,
            "entities": doc.entities,
            "actors": doc.actors,
            "places": doc.places,
            "dates": doc.dates,
            "counts": doc.counts,
            "quotes": doc.quotes,
        })
        .to_string();
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO documents (hash, doc_key, url, title, pub_day, source, outlet, added, text, annotations)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    &hash[..],
                    doc.meta.id,
                    doc.meta.url,
                    doc.meta.title,
                    doc.meta.date.map(|d| d.to_days()),
                    doc.meta.source,
                    outlet,
                    self.added,
                    doc.text,
                    annotations
                ])
            })
            .map_err(self.err("storing a document"))?;
        if inserted == 0 {
            return Ok(DocOutcome::Duplicate);
        }
        let doc_row = self.tx.last_insert_rowid();
        self.tx
            .prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")
            .and_then(|mut s| {
                s.execute(params![
                    doc_row,
                    doc.meta.title.as_deref().unwrap_or(""),
                    doc.text
                ])
            })
            .map_err(self.err("indexing a document"))?;
        let mut new_events = 0;
        for e in &doc.events {
            if self.add_mention(doc, doc_row, &outlet, e)? {
                new_events += 1;
            }
        }
        Ok(DocOutcome::Added {
            mentions: doc.events.len(),
            new_events,
        })
    }

    fn actor_id(&mut self, a: &petrel_core::Actor) -> Result<i64, StoreError> {
        let key = (a.code.clone(), a.name.clone());
        if let Some(&id) = self.caches.caches.actor_ids.get(&key) {
            return Ok(id);
        }
        let existing: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM actors WHERE code = ?1 AND name = ?2")
            .and_then(|mut s| {
                s.query_row(params![a.code, a.name], |r| r.get(0))
                    .optional()
            })
            .map_err(self.err("looking up an actor"))?;
        let id = match existing {
            Some(id) => id,
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO actors (code, name, country, sector) VALUES (?1, ?2, ?3, ?4)",
                    )
                    .and_then(|mut s| s.execute(params![a.code, a.name, a.country, a.sector]))
                    .map_err(self.err("storing an actor"))?;
                self.tx.last_insert_rowid()
            }
        };
        self.caches.caches.actor_codes.insert(id, a.code.clone());
        self.caches.caches.actor_ids.insert(key, id);
        Ok(id)
    }

    /// The place of an event located at `loc`, as the de-duplication rule compares it (with its kind from the
    /// document's place mentions).
    pub fn place_ref(doc: &Document, loc: &petrel_core::Location) -> PlaceRef {
        // The gazetteer's kind travels on the place mention; a focus country (basis `document`) has none there.
        let kind = doc
            .places
            .iter()
            .find(|p| p.geonameid == loc.geonameid)
            .map(|p| p.kind.clone())
            .unwrap_or_else(|| {
                if loc.admin1.is_none() {
                    "country"
                } else {
                    "city"
                }
                .to_string()
            });
        PlaceRef {
            geonameid: loc.geonameid,
            name: loc.name.clone(),
            country: loc.country.clone(),
            admin1: loc.admin1.clone(),
            kind,
        }
    }

    /// Stores one mention; true when it started a new event.
    fn add_mention(
        &mut self,
        doc: &Document,
        doc_row: i64,
        outlet: &str,
        e: &Event,
    ) -> Result<bool, StoreError> {
        let source_actor = match &e.source {
            Some(a) => Some(self.actor_id(&a.actor)?),
            None => None,
        };
        let target_actor = match &e.target {
            Some(a) => Some(self.actor_id(&a.actor)?),
            None => None,
        };
        let place = e.location.as_ref().map(|l| Batch::place_ref(doc, l));
        if let (Some(p), Some(l)) = (&place, &e.location) {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO places (id, name, country, admin1, lat, lon, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .and_then(|mut s| {
                    s.execute(params![i64_of(p.geonameid), l.name, l.country, l.admin1, l.lat, l.lon, p.kind])
                })
                .map_err(self.err("storing a place"))?;
        }
        let root: u8 = e.cameo.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
        let precision = precision_code(e.date_precision.or(e.date.map(|_| DatePrecision::Day)));
        let place_country = place
            .as_ref()
            .and_then(|p| self.country3.get(&p.country).cloned());
        let mut countries: Vec<String> = place_country.into_iter().collect();
        for a in [&e.source, &e.target].into_iter().flatten() {
            if let Some(c) = &a.actor.country {
                if !countries.contains(c) {
                    countries.push(c.clone());
                }
            }
        }
        let mention = Facts {
            countries,
            root,
            modality: modality_code(e.modality),
            day: e.date.map(|d| d.to_days()),
            precision,
            source: e.source.as_ref().map(|a| a.actor.code.clone()),
            target: e.target.as_ref().map(|a| a.actor.code.clone()),
            place: place.clone(),
        };
        let place_country = place
            .as_ref()
            .and_then(|p| self.country3.get(&p.country).cloned());
        let country = place_country
            .clone()
            .or_else(|| e.source.as_ref().and_then(|a| a.actor.country.clone()));

        let acled = AcledValues::of(e);
        let found = self.best_event(&mention)?;
        let event_id = match found {
            Some(id) => {
                self.join_event(
                    id,
                    doc_row,
                    outlet,
                    &mention,
                    source_actor,
                    target_actor,
                    country.as_deref(),
                    &acled,
                )?;
                id
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO events (day, precision, cameo, root, plover, quad, goldstein, modality, source_actor,
                         target_actor, place, country, num_mentions, num_sources, num_articles, acled_type, acled_sub,
                         acled_inter1, acled_inter2, acled_interaction, acled_fatalities, acled_time_precision,
                         acled_geo_precision)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, 1, 1, ?13, ?14, ?15, ?16, ?17,
                         ?18, ?19, ?20)",
                    )
                    .and_then(|mut s| {
                        s.execute(params![
                            mention.day,
                            precision,
                            e.cameo,
                            root,
                            e.plover.kind,
                            e.quad_class,
                            e.goldstein,
                            event_modality(mention.modality),
                            source_actor,
                            target_actor,
                            place.as_ref().map(|p| i64_of(p.geonameid)),
                            country,
                            e.acled.as_ref().map(|a| a.event_type.as_str()),
                            e.acled.as_ref().map(|a| a.sub_event_type.as_str()),
                            acled.inter1,
                            acled.inter2,
                            acled.interaction,
                            acled.fatalities,
                            acled.time_precision,
                            acled.geo_precision
                        ])
                    })
                    .map_err(self.err("storing an event"))?;
                let id = self.tx.last_insert_rowid();
                self.add_source(id, outlet)?;
                id
            }
        };
        let key = u64::from_str_radix(&e.id, 16)
            .unwrap_or_else(|_| petrel_core::event::stable_hash(&[&e.id]));
        let sentence = doc.sentences.get(e.sentence);
        let json_or_null =
            |empty: bool, v: serde_json::Value| if empty { None } else { Some(v.to_string()) };
        let counts = json_or_null(
            e.counts.is_empty(),
            serde_json::to_value(&e.counts).unwrap_or_default(),
        );
        let quote = json_or_null(
            e.quote.is_none(),
            serde_json::to_value(&e.quote).unwrap_or_default(),
        );
        let basis = match e.location.as_ref().map(|l| l.basis.as_str()) {
            None => 0,
            Some("sentence") => 1,
            Some(_) => 2,
        };
        self.tx
            .prepare_cached(
                "INSERT INTO mentions (event, document, key, sentence, sent_start, sent_end, trig_start, trig_end,
                 source_actor, source_start, source_end, target_actor, target_start, target_end, cameo, day, precision,
                 place, place_basis, modality, confidence, counts, quote, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
                 ?23, ?24)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    event_id,
                    doc_row,
                    i64_of(key),
                    e.sentence as i64,
                    sentence.map_or(e.trigger.start, |s| s.start) as i64,
                    sentence.map_or(e.trigger.end, |s| s.end) as i64,
                    e.trigger.start as i64,
                    e.trigger.end as i64,
                    source_actor,
                    e.source.as_ref().map(|a| a.start as i64),
                    e.source.as_ref().map(|a| a.end as i64),
                    target_actor,
                    e.target.as_ref().map(|a| a.start as i64),
                    e.target.as_ref().map(|a| a.end as i64),
                    e.cameo,
                    mention.day,
                    precision,
                    place.as_ref().map(|p| i64_of(p.geonameid)),
                    basis,
                    mention.modality,
                    e.confidence,
                    counts,
                    quote,
                    e.evidence
                ])
            })
            .map_err(self.err("storing a mention"))?;
        Ok(found.is_none())
    }

    /// The stored event this mention reports, by the de-duplication rule, if any.
    fn best_event(&mut self, m: &Facts) -> Result<Option<i64>, StoreError> {
        let (day, own) = match (m.day, dedup::slack(m.precision)) {
            (Some(d), Some(s)) => (d, s),
            _ => return Ok(None),
        };
        // The widest window any stored event could allow (month slack 15 on its side).
        let reach = 1 + own + 15;
        // read from the covering index events_dedup (or events_root_day); codes and places come from caches
        const SELECT: &str =
            "SELECT e.id, e.day, e.precision, e.source_actor, e.target_actor, e.place, e.country
                 FROM events e
                 WHERE e.root = ?1 AND e.day BETWEEN ?2 AND ?3 AND e.modality = ?4";
        type Row = (
            i64,
            Option<i64>,
            u8,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<String>,
        );
        let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Row> {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        };
        let err = self.err("looking for the same event");
        let mut rows: Vec<Row> = Vec::new();
        let (lo, hi) = (day - reach, day + reach);
        if m.countries.is_empty() {
            // a mention that names no country may report an event anywhere (rule 5)
            let mut stmt = self.tx.prepare_cached(SELECT).map_err(&err)?;
            for r in stmt
                .query_map(params![m.root, lo, hi, event_modality(m.modality)], map)
                .map_err(&err)?
            {
                rows.push(r.map_err(&err)?);
            }
        } else {
            let mut stmt = self
                .tx
                .prepare_cached(&format!("{SELECT} AND e.country IS NULL"))
                .map_err(&err)?;
            for r in stmt
                .query_map(params![m.root, lo, hi, event_modality(m.modality)], map)
                .map_err(&err)?
            {
                rows.push(r.map_err(&err)?);
            }
            let mut stmt = self
                .tx
                .prepare_cached(&format!("{SELECT} AND e.country = ?5"))
                .map_err(&err)?;
            for c in &m.countries {
                for r in stmt
                    .query_map(params![m.root, lo, hi, event_modality(m.modality), c], map)
                    .map_err(&err)?
                {
                    rows.push(r.map_err(&err)?);
                }
            }
        }
        drop(err);
        let mut candidates: Vec<(i64, Facts)> = Vec::with_capacity(rows.len());
        for (id, day, precision, source, target, place, country) in rows {
            let facts = Facts {
                root: m.root,
                modality: m.modality,
                day,
                precision,
                source: self.actor_code(source)?,
                target: self.actor_code(target)?,
                place: self.place(place)?,
                countries: country.into_iter().collect(),
            };
            candidates.push((id, facts));
        }
        // the oldest event first, so that among equal matches it wins
        candidates.sort_by_key(|(id, _)| *id);
        let mut best: Option<(i64, i64)> = None;
        for (id, facts) in candidates {
            if let Some(score) = dedup::match_score(&facts, m) {
                // strictly better only: among equals the oldest (first in id order) stays
                if !matches!(best, Some((s, _)) if s >= score) {
                    best = Some((score, id));
                }
            }
        }
        Ok(best.map(|(_, id)| id))
    }

    /// Records that an outlet reported the event; 1 when it is a new source of the event, else 0.
    fn add_source(&self, event: i64, outlet: &str) -> Result<usize, StoreError> {
        self.tx
            .prepare_cached("INSERT OR IGNORE INTO event_sources (event, outlet) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![event, outlet]))
            .map_err(self.err("counting sources"))
    }

    /// The code of a stored actor (cached).
    fn actor_code(&mut self, id: Option<i64>) -> Result<Option<String>, StoreError> {
        let Some(id) = id else { return Ok(None) };
        if let Some(c) = self.caches.caches.actor_codes.get(&id) {
            return Ok(Some(c.clone()));
        }
        let code: String = self
            .tx
            .prepare_cached("SELECT code FROM actors WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)))
            .map_err(self.err("reading an actor"))?;
        self.caches.caches.actor_codes.insert(id, code.clone());
        Ok(Some(code))
    }

    /// A stored place (cached).
    fn place(&mut self, id: Option<i64>) -> Result<Option<PlaceRef>, StoreError> {
        let Some(id) = id else { return Ok(None) };
        if let Some(p) = self.caches.caches.places.get(&id) {
            return Ok(Some(p.clone()));
        }
        let p = self
            .tx
            .prepare_cached("SELECT name, country, admin1, kind FROM places WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok(PlaceRef {
                        geonameid: id as u64,
                        name: r.get(0)?,
                        country: r.get(1)?,
                        admin1: r.get(2)?,
                        kind: r.get(3)?,
                    })
                })
            })
            .map_err(self.err("reading a place"))?;
        self.caches.caches.places.insert(id, p.clone());
        Ok(Some(p))
    }

    #[allow(clippy::too_many_arguments)]
    fn join_event(
        &mut self,
        id: i64,
        doc_row: i64,
        outlet: &str,
        m: &Facts,
        source_actor: Option<i64>,
        target_actor: Option<i64>,
        country: Option<&str>,
        acled: &AcledValues,
    ) -> Result<(), StoreError> {
        let same_doc: bool = self
            .tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM mentions WHERE event = ?1 AND document = ?2)",
            )
            .and_then(|mut s| s.query_row(params![id, doc_row], |r| r.get(0)))
            .map_err(self.err("counting articles"))?;
        let same_outlet = self.add_source(id, outlet)? == 0;
        self.tx
            .prepare_cached(
                "UPDATE events SET
                   num_mentions = num_mentions + 1,
                   num_articles = num_articles + ?2,
                   num_sources = num_sources + ?3,
                   source_actor = coalesce(source_actor, ?4),
                   target_actor = coalesce(target_actor, ?5),
                   country = coalesce(country, ?7),
                   place = coalesce(place, ?6),
                   day = CASE WHEN ?9 < precision THEN ?8 ELSE day END,
                   precision = min(precision, ?9),
                   -- ACLED coding (events stored with one, schema 3): an actor filled in brings its type, a finer
                   -- date or a place its precision; fatalities are the lowest any mention states (ACLED)
                   acled_inter1 = CASE WHEN acled_fatalities IS NOT NULL AND source_actor IS NULL AND ?4 IS NOT NULL
                                  THEN ?10 ELSE acled_inter1 END,
                   acled_inter2 = CASE WHEN acled_fatalities IS NOT NULL AND target_actor IS NULL AND ?5 IS NOT NULL
                                  THEN ?11 ELSE acled_inter2 END,
                   acled_time_precision = CASE WHEN acled_fatalities IS NOT NULL AND ?9 < precision AND ?13 IS NOT NULL
                                  THEN ?13 ELSE acled_time_precision END,
                   acled_geo_precision = CASE WHEN acled_fatalities IS NOT NULL AND place IS NULL AND ?6 IS NOT NULL
                                  THEN ?14 ELSE acled_geo_precision END,
                   acled_fatalities = CASE WHEN acled_fatalities IS NULL OR ?12 IS NULL OR ?12 = 0 THEN acled_fatalities
                                  WHEN acled_fatalities = 0 THEN ?12 ELSE min(acled_fatalities, ?12) END
                 WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    i64::from(!same_doc),
                    i64::from(!same_outlet),
                    source_actor,
                    target_actor,
                    m.place.as_ref().map(|p| i64_of(p.geonameid)),
                    country,
                    m.day,
                    m.precision,
                    acled.inter1,
                    acled.inter2,
                    acled.fatalities,
                    acled.time_precision,
                    acled.geo_precision
                ])
            })
            .map_err(self.err("updating an event"))?;
        // the interaction follows the actor types (ACLED: lower first, one alone times ten)
        self.tx
            .prepare_cached(
                "UPDATE events SET acled_interaction = CASE
                   WHEN acled_inter1 IS NULL AND acled_inter2 IS NULL THEN NULL
                   WHEN acled_inter2 IS NULL THEN acled_inter1 * 10
                   WHEN acled_inter1 IS NULL THEN acled_inter2 * 10
                   ELSE min(acled_inter1, acled_inter2) * 10 + max(acled_inter1, acled_inter2) END
                 WHERE id = ?1 AND acled_fatalities IS NOT NULL",
            )
            .and_then(|mut s| s.execute(params![id]))
            .map_err(self.err("updating an event"))?;
        Ok(())
    }
}

/// The ACLED coding of a mention beyond its type, as stored (all `None` when the event has no ACLED type).
#[derive(Clone, Copy, Debug, Default)]
struct AcledValues {
    inter1: Option<u8>,
    inter2: Option<u8>,
    interaction: Option<u8>,
    fatalities: Option<i64>,
    time_precision: Option<u8>,
    geo_precision: Option<u8>,
}

impl AcledValues {
    fn of(e: &Event) -> AcledValues {
        e.acled
            .as_ref()
            .map_or_else(AcledValues::default, |a| AcledValues {
                inter1: a.inter1,
                inter2: a.inter2,
                interaction: a.interaction,
                fatalities: Some(i64::try_from(a.fatalities).unwrap_or(i64::MAX)),
                time_precision: a.time_precision,
                geo_precision: a.geo_precision,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets() {
        assert_eq!(
            outlet_of(Some("https://www.rferl.org/a/x.html"), "f.jsonl:3"),
            "rferl.org"
        );
        assert_eq!(
            outlet_of(Some("http://user@News.example.com:8080/a"), "x"),
            "news.example.com"
        );
        assert_eq!(outlet_of(None, "dir/feed.jsonl:12"), "dir/feed.jsonl");
        assert_eq!(outlet_of(None, "dir/a.txt"), "dir/a.txt");
    }

    #[test]
    fn hashes_differ() {
        assert_ne!(content_hash("a"), content_hash("b"));
        assert_eq!(content_hash("abc"), content_hash("abc"));
    }
}
