//! Reading events back: filters, the event record with its mentions, and counts for `petrel stats`.

use crate::{classify, Store, StoreError};
use petrel_core::Date;
use rusqlite::types::Value;
use serde::Serialize;

/// Which events to read. Empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// First day, inclusive.
    pub from: Option<Date>,
    /// Last day, inclusive.
    pub to: Option<Date>,
    /// Where it happened: ISO alpha-3 (the CLI maps alpha-2 to alpha-3).
    pub country: Option<String>,
    /// Source or target actor code, or its beginning (`KAZ` finds `KAZGOV`).
    pub actor: Option<String>,
    /// CAMEO root (one or two digits) or code prefix (`145`).
    pub cameo: Option<String>,
    /// PLOVER type, e.g. `PROTEST`.
    pub plover: Option<String>,
    /// Place name (the place itself, a region, or a country, with what lies inside), or a GeoNames id.
    pub place: Option<String>,
    /// FTS5 query over article text: events with a mention in a matching article.
    pub text: Option<String>,
    /// At least this many sources (outlets).
    pub min_sources: Option<u32>,
    /// At most this many events.
    pub limit: Option<u64>,
    /// Only the events after this one in the listing order (date, then id): a page's cursor.
    pub after: Option<EventCursor>,
}

/// A position in the listing order of events (undated first, then by day, then by id): the events after it are
/// the next page. Reading a page from a cursor costs the same however deep the page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventCursor {
    /// The day (days since 1970-01-01) of the last event read, `None` when it was undated.
    pub day: Option<i64>,
    /// Its id.
    pub id: i64,
}

impl EventCursor {
    /// The cursor that continues after `event`.
    pub fn after(event: &EventRecord) -> EventCursor {
        EventCursor {
            day: event.date.map(|d| d.to_days()),
            id: event.id,
        }
    }
}

impl std::fmt::Display for EventCursor {
    /// `DAY.ID`, with `-` for an undated event's day: opaque to API users, stable across runs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.day {
            Some(d) => write!(f, "{d}.{}", self.id),
            None => write!(f, "-.{}", self.id),
        }
    }
}

impl std::str::FromStr for EventCursor {
    type Err = String;

    fn from_str(s: &str) -> Result<EventCursor, String> {
        let bad =
            || format!("{s:?} is not a cursor (give the \"next\" value of the previous page)");
        let (day, id) = s.split_once('.').ok_or_else(bad)?;
        let day = match day {
            "-" => None,
            d => Some(d.parse::<i64>().map_err(|_| bad())?),
        };
        let id = id.parse::<i64>().map_err(|_| bad())?;
        Ok(EventCursor { day, id })
    }
}

/// An actor of a stored event.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ActorRecord {
    /// CAMEO actor code.
    pub code: String,
    /// Name.
    pub name: String,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// Sector code.
    pub sector: Option<String>,
}

/// A place of a stored event.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PlaceRecord {
    /// GeoNames id.
    pub geonameid: u64,
    /// Name.
    pub name: String,
    /// ISO alpha-2 country.
    pub country: String,
    /// First-level region.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// `country`, `admin1` or `city`.
    pub kind: String,
}

/// One report of an event: which article, where in it, and why the coder saw it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MentionRecord {
    /// The article's id as given on input.
    pub doc: String,
    /// Article URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publisher (URL host or input file).
    pub outlet: String,
    /// Publication date.
    pub published: Option<String>,
    /// Sentence index.
    pub sentence: i64,
    /// The sentence.
    pub text: String,
    /// `{text, start, end}` of the trigger, code points of the article text.
    pub trigger: serde_json::Value,
    /// The CAMEO code of this mention.
    pub cameo: String,
    /// Source mention text.
    pub source_text: Option<String>,
    /// Target mention text.
    pub target_text: Option<String>,
    /// Date of this mention.
    pub date: Option<String>,
    /// Counts as coded: `[{kind, min, max, text, start, end}]`.
    pub counts: serde_json::Value,
    /// Quotation, when told in one.
    pub quote: serde_json::Value,
    /// Coder confidence.
    pub confidence: f64,
    /// The pattern and rules that produced it.
    pub evidence: String,
    /// The database id of its document (not in the JSON record: `petrel events` shows what it showed before).
    #[serde(skip)]
    pub document_id: i64,
    /// Code-point span of the source mention in the document text (not in the JSON record).
    #[serde(skip)]
    pub source_span: Option<(i64, i64)>,
    /// Code-point span of the target mention (not in the JSON record).
    #[serde(skip)]
    pub target_span: Option<(i64, i64)>,
}

/// A de-duplicated event with its counts and, when asked for, every mention.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct EventRecord {
    /// Database id (stable for a given ingest order).
    pub id: i64,
    /// Date.
    pub date: Option<Date>,
    /// `day`, `week`, `month`, `year` or `unknown`.
    pub date_precision: &'static str,
    /// CAMEO code (of the first mention).
    pub cameo: String,
    /// CAMEO root.
    pub root: u8,
    /// PLOVER type.
    pub plover: Option<String>,
    /// QuadClass 1–4.
    pub quad_class: u8,
    /// Goldstein weight.
    pub goldstein: f64,
    /// `asserted`, `reported`, `future`, `hypothetical` or `negated`.
    pub modality: &'static str,
    /// Source actor.
    pub source: Option<ActorRecord>,
    /// Target actor.
    pub target: Option<ActorRecord>,
    /// Place.
    pub place: Option<PlaceRecord>,
    /// ISO alpha-3 country where it happened (else the source's).
    pub country: Option<String>,
    /// Mentions in all articles (GDELT NumMentions).
    pub num_mentions: i64,
    /// Distinct outlets (GDELT NumSources).
    pub num_sources: i64,
    /// Distinct articles (GDELT NumArticles).
    pub num_articles: i64,
    /// The mentions, first first (empty unless asked for; then left out of the JSON record).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<MentionRecord>,
    /// ACLED event type and sub-event type as the coder gave them (`None` for events stored before schema 2, or
    /// of kinds ACLED does not record).
    pub acled: Option<(String, String)>,
    /// The rest of its ACLED coding as the coder gave it (schema 3; `None` for events stored before, or of kinds
    /// ACLED does not record). Not part of the JSON record (`petrel events` shows what it showed before); the
    /// ACLED export writes it.
    #[serde(skip)]
    pub acled_coding: Option<AcledCoding>,
}

/// ACLED's coding of a stored event beyond its type: actor types, interaction, fatalities, precision codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AcledCoding {
    /// ACLED actor type (1–8) of the source, ACLED's actor 1.
    pub inter1: Option<u8>,
    /// ACLED actor type of the target, actor 2 (`None`: ACLED records none).
    pub inter2: Option<u8>,
    /// The two joined, lower first; one alone times ten.
    pub interaction: Option<u8>,
    /// Fatalities: the lowest any mention states, 0 when none does.
    pub fatalities: u64,
    /// 1 day, 2 week, 3 month or coarser.
    pub time_precision: Option<u8>,
    /// 1 town, 2 district, 3 region or country.
    pub geo_precision: Option<u8>,
}

/// Name of a stored precision code.
pub fn precision_name(p: u8) -> &'static str {
    ["day", "week", "month", "year"]
        .get(p as usize)
        .copied()
        .unwrap_or("unknown")
}

/// Name of a stored modality code.
pub fn modality_name(m: u8) -> &'static str {
    ["asserted", "future", "hypothetical", "negated", "reported"]
        .get(m as usize)
        .copied()
        .unwrap_or("asserted")
}

pub(crate) const EVENT_COLUMNS: &str =
    "e.id, e.day, e.precision, e.cameo, e.root, e.plover, e.quad, e.goldstein, e.modality,
    e.country, e.num_mentions, e.num_sources, e.num_articles,
    sa.code, sa.name, sa.country, sa.sector, ta.code, ta.name, ta.country, ta.sector,
    p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.kind, e.acled_type, e.acled_sub,
    e.acled_inter1, e.acled_inter2, e.acled_interaction, e.acled_fatalities, e.acled_time_precision,
    e.acled_geo_precision";

pub(crate) fn event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRecord> {
    let actor = |i: usize| -> rusqlite::Result<Option<ActorRecord>> {
        Ok(match r.get::<_, Option<String>>(i)? {
            Some(code) => Some(ActorRecord {
                code,
                name: r.get(i + 1)?,
                country: r.get(i + 2)?,
                sector: r.get(i + 3)?,
            }),
            None => None,
        })
    };
    let place = match r.get::<_, Option<i64>>(21)? {
        Some(id) => Some(PlaceRecord {
            geonameid: id as u64,
            name: r.get(22)?,
            country: r.get(23)?,
            admin1: r.get(24)?,
            lat: r.get(25)?,
            lon: r.get(26)?,
            kind: r.get(27)?,
        }),
        None => None,
    };
    Ok(EventRecord {
        id: r.get(0)?,
        date: r.get::<_, Option<i64>>(1)?.map(Date::from_days),
        date_precision: precision_name(r.get(2)?),
        cameo: r.get(3)?,
        root: r.get(4)?,
        plover: r.get(5)?,
        quad_class: r.get(6)?,
        goldstein: r.get(7)?,
        modality: modality_name(r.get(8)?),
        country: r.get(9)?,
        num_mentions: r.get(10)?,
        num_sources: r.get(11)?,
        num_articles: r.get(12)?,
        source: actor(13)?,
        target: actor(17)?,
        place,
        mentions: Vec::new(),
        acled: match (
            r.get::<_, Option<String>>(28)?,
            r.get::<_, Option<String>>(29)?,
        ) {
            (Some(t), Some(s)) => Some((t, s)),
            _ => None,
        },
        acled_coding: match r.get::<_, Option<i64>>(33)? {
            Some(fatalities) => Some(AcledCoding {
                inter1: r.get(30)?,
                inter2: r.get(31)?,
                interaction: r.get(32)?,
                fatalities: u64::try_from(fatalities).unwrap_or(0),
                time_precision: r.get(34)?,
                geo_precision: r.get(35)?,
            }),
            None => None,
        },
    })
}

/// The WHERE clause and its parameters for a filter.
/// The ids a lookup returns, as a comma-separated SQL list (`NULL` when none: matches nothing).
fn id_list(conn: &rusqlite::Connection, sql: &str, arg: &str) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare_cached(sql)?;
    let ids: Vec<i64> = stmt
        .query_map([arg], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() {
        return Ok("NULL".into());
    }
    Ok(ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
}

fn where_clause(
    conn: &rusqlite::Connection,
    f: &EventFilter,
) -> rusqlite::Result<(String, Vec<Value>)> {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    fn arg(sql: &mut String, args: &mut Vec<Value>, clause: &str, v: Value) {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    }
    if let Some(d) = f.from {
        arg(
            &mut sql,
            &mut args,
            " AND e.day >= ?",
            Value::Integer(d.to_days()),
        );
    }
    if let Some(d) = f.to {
        arg(
            &mut sql,
            &mut args,
            " AND e.day <= ?",
            Value::Integer(d.to_days()),
        );
    }
    if let Some(c) = &f.country {
        arg(
            &mut sql,
            &mut args,
            " AND e.country = ?",
            Value::Text(c.to_ascii_uppercase()),
        );
    }
    if let Some(a) = &f.actor {
        // ids first, as a literal list: the planner then knows how few there are and uses the actor indexes
        let ids = id_list(
            conn,
            "SELECT id FROM actors WHERE substr(code, 1, length(?1)) = ?1",
            &a.to_ascii_uppercase(),
        )?;
        sql.push_str(&format!(
            " AND (e.source_actor IN ({ids}) OR e.target_actor IN ({ids}))"
        ));
    }
    if let Some(c) = &f.cameo {
        let c = c.trim();
        if c.len() <= 2 {
            arg(
                &mut sql,
                &mut args,
                " AND e.root = ?",
                Value::Integer(c.parse::<i64>().unwrap_or(-1)),
            );
        } else {
            arg(
                &mut sql,
                &mut args,
                " AND e.cameo LIKE ? || '%'",
                Value::Text(c.to_string()),
            );
        }
    }
    if let Some(p) = &f.plover {
        arg(
            &mut sql,
            &mut args,
            " AND e.plover = ?",
            Value::Text(p.to_ascii_uppercase()),
        );
    }
    if let Some(p) = &f.place {
        // the place by name or id, and what lies in it (a region's cities, a country's places)
        let ids = id_list(
            conn,
            "WITH hit AS (SELECT * FROM places WHERE name = ?1 COLLATE NOCASE OR CAST(id AS TEXT) = ?1)
             SELECT id FROM hit
             UNION SELECT p.id FROM places p JOIN hit h ON h.kind = 'admin1' AND p.country = h.country
                 AND p.admin1 = coalesce(h.admin1, h.name)
             UNION SELECT p.id FROM places p JOIN hit h ON h.kind = 'country' AND p.country = h.country",
            p,
        )?;
        sql.push_str(&format!(" AND e.place IN ({ids})"));
    }
    if let Some(t) = &f.text {
        // `+m.document`: probe the matching documents as a list per event, not the index once per document
        arg(
            &mut sql,
            &mut args,
            " AND EXISTS (SELECT 1 FROM mentions m WHERE m.event = e.id AND +m.document IN
                (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))",
            Value::Text(t.clone()),
        );
    }
    if let Some(c) = f.after {
        // the listing order is (day, id) with undated events first; written so that the day index serves it
        match c.day {
            None => arg(
                &mut sql,
                &mut args,
                " AND (e.day IS NOT NULL OR e.id > ?)",
                Value::Integer(c.id),
            ),
            Some(d) => {
                args.push(Value::Integer(d));
                args.push(Value::Integer(c.id));
                let (di, ii) = (args.len() - 1, args.len());
                sql.push_str(&format!(
                    " AND (e.day > ?{di} OR (e.day = ?{di} AND e.id > ?{ii}))"
                ));
            }
        }
    }
    if let Some(n) = f.min_sources {
        arg(
            &mut sql,
            &mut args,
            " AND e.num_sources >= ?",
            Value::Integer(i64::from(n)),
        );
    }
    Ok((sql, args))
}

impl Store {
    /// Calls `each` for every event the filter selects, by date then id; with `mentions`, each record carries its
    /// mentions. Streams: memory does not grow with the number of events.
    pub fn for_each_event<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        mentions: bool,
        mut each: impl FnMut(EventRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        let (clause, args) = where_clause(&self.conn, filter)
            .map_err(|e| E::from(classify(&self.path, "reading events", e)))?;
        // with a limit, the events are chosen (and sorted) first and only those joined to their actors and
        // place: a filter that reads many more events than it returns (an actor's, sorted by date) joins the few
        let (events, clause) = match filter.limit {
            Some(n) => (
                format!("(SELECT * FROM events e{clause} ORDER BY e.day, e.id LIMIT {n}) e"),
                String::new(),
            ),
            None => ("events e".to_string(), clause),
        };
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM {events}
             LEFT JOIN actors sa ON sa.id = e.source_actor
             LEFT JOIN actors ta ON ta.id = e.target_actor
             LEFT JOIN places p ON p.id = e.place{clause}
             ORDER BY e.day, e.id"
        );
        let context = if filter.text.is_some() {
            "reading events (is the --text query valid FTS5: words, \"phrases\", AND, OR, NOT, prefix*?)"
        } else {
            "reading events"
        };
        let err = |e| classify(&self.path, context, e);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(err)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args)).map_err(err)?;
        let mut mstmt = if mentions {
            Some(
                self.conn
                    .prepare_cached(&mention_sql("m.event = ?1"))
                    .map_err(err)?,
            )
        } else {
            None
        };
        while let Some(row) = rows.next().map_err(err)? {
            let mut ev = event_from_row(row).map_err(err)?;
            if let Some(m) = mstmt.as_mut() {
                let list = m
                    .query_map([ev.id], mention_from_row)
                    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                    .map_err(err)?;
                ev.mentions = list;
            }
            each(ev)?;
        }
        Ok(())
    }

    /// All events the filter selects, in memory (see [`Store::for_each_event`] for large results).
    pub fn events(
        &self,
        filter: &EventFilter,
        mentions: bool,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let mut out = Vec::new();
        self.for_each_event::<StoreError>(filter, mentions, |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// Event counts by day, by CAMEO root and PLOVER type, and by country, over the events the filter selects.
    pub fn stats(&self, filter: &EventFilter) -> Result<Stats, StoreError> {
        Ok(Stats {
            by_day: self.count_events(filter, CountBy::Day, None)?,
            by_type: self.count_events(filter, CountBy::Type, None)?,
            by_country: self.count_events(filter, CountBy::Country, None)?,
        })
    }

    /// `(key, events, mentions)` rows over the events the filter selects, grouped as `by` says, in key order; with
    /// `top`, only the `top` keys with the most events (most first, then by key).
    pub fn count_events(
        &self,
        filter: &EventFilter,
        by: CountBy,
        top: Option<usize>,
    ) -> Result<Vec<(String, i64, i64)>, StoreError> {
        let err = |e| classify(&self.path, "counting events", e);
        let (clause, args) = where_clause(&self.conn, filter).map_err(err)?;
        let (key, joins) = match by {
            CountBy::Day => ("date(e.day * 86400, 'unixepoch')", ""),
            CountBy::Type => ("printf('%02d', e.root) || ' ' || coalesce(e.plover, '-')", ""),
            CountBy::Country => ("e.country", ""),
            CountBy::DayQuad => (
                "coalesce(date(e.day * 86400, 'unixepoch'), '-') || ' ' || e.quad",
                "",
            ),
            CountBy::ActorPair => (
                "coalesce(sa.code, '-') || ' ' || coalesce(ta.code, '-')",
                " LEFT JOIN actors sa ON sa.id = e.source_actor LEFT JOIN actors ta ON ta.id = e.target_actor",
            ),
        };
        let order = match top {
            Some(n) => format!(" ORDER BY count(*) DESC, k LIMIT {n}"),
            None => " ORDER BY k".into(),
        };
        let sql = format!(
            "SELECT {key} AS k, count(*), sum(e.num_mentions) FROM events e{joins}{clause} GROUP BY k{order}"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(err)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?.unwrap_or_else(|| "-".into()),
                    r.get(1)?,
                    r.get(2)?,
                ))
            })
            .and_then(|rows| rows.collect())
            .map_err(err)?;
        Ok(rows)
    }
}

/// How [`Store::count_events`] groups events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountBy {
    /// Per day: `YYYY-MM-DD` (`-` undated).
    Day,
    /// Per CAMEO root and PLOVER type: `14 PROTEST`.
    Type,
    /// Per country: ISO alpha-3 (`-` unknown).
    Country,
    /// Per day and QuadClass: `2022-01-06 4` (`-` undated), for a timeline.
    DayQuad,
    /// Per source and target actor code: `KAZGOV RUSMIL` (`-` for none), for a network.
    ActorPair,
}

/// Counts for `petrel stats`: `(key, events, mentions)` rows.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    /// Per day (`YYYY-MM-DD`, `-` undated).
    pub by_day: Vec<(String, i64, i64)>,
    /// Per CAMEO root and PLOVER type (`14 PROTEST`).
    pub by_type: Vec<(String, i64, i64)>,
    /// Per country (ISO alpha-3, `-` unknown).
    pub by_country: Vec<(String, i64, i64)>,
}

/// The mentions' query, for those `filter` (a condition on `m`, with `?1`) selects.
pub(crate) fn mention_sql(filter: &str) -> String {
    format!("{MENTION_SELECT} WHERE {filter} ORDER BY m.id")
}

const MENTION_SELECT: &str = "SELECT d.doc_key, d.url, d.title, d.outlet, d.pub_day, m.sentence,
    substr(d.text, m.sent_start + 1, m.sent_end - m.sent_start),
    substr(d.text, m.trig_start + 1, m.trig_end - m.trig_start), m.trig_start, m.trig_end, m.cameo,
    CASE WHEN m.source_start IS NULL THEN NULL ELSE substr(d.text, m.source_start + 1, m.source_end - m.source_start) END,
    CASE WHEN m.target_start IS NULL THEN NULL ELSE substr(d.text, m.target_start + 1, m.target_end - m.target_start) END,
    m.day, m.counts, m.quote, m.confidence, m.evidence,
    m.document, m.source_start, m.source_end, m.target_start, m.target_end, m.event
    FROM mentions m JOIN documents d ON d.id = m.document";

pub(crate) fn mention_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MentionRecord> {
    let json = |i: usize| -> rusqlite::Result<serde_json::Value> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(serde_json::Value::Null))
    };
    let day = |i: usize| -> rusqlite::Result<Option<String>> {
        Ok(r.get::<_, Option<i64>>(i)?
            .map(|d| Date::from_days(d).to_string()))
    };
    let span = |i: usize| -> rusqlite::Result<Option<(i64, i64)>> {
        Ok(
            match (r.get::<_, Option<i64>>(i)?, r.get::<_, Option<i64>>(i + 1)?) {
                (Some(a), Some(b)) => Some((a, b)),
                _ => None,
            },
        )
    };
    let counts = match json(14)? {
        serde_json::Value::Null => serde_json::Value::Array(Vec::new()),
        v => v,
    };
    Ok(MentionRecord {
        doc: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        outlet: r.get(3)?,
        published: day(4)?,
        sentence: r.get(5)?,
        text: r.get(6)?,
        trigger: serde_json::json!({"text": r.get::<_, String>(7)?, "start": r.get::<_, i64>(8)?, "end": r.get::<_, i64>(9)?}),
        cameo: r.get(10)?,
        source_text: r.get(11)?,
        target_text: r.get(12)?,
        date: day(13)?,
        counts,
        quote: json(15)?,
        confidence: r.get(16)?,
        evidence: r.get(17)?,
        document_id: r.get(18)?,
        source_span: span(19)?,
        target_span: span(21)?,
    })
}
