//! The schema and its migrations. `PRAGMA user_version` is the number of migrations applied; each migration
//! runs in its own transaction, so a crash leaves the file at the previous version.

use crate::{classify, StoreError, APPLICATION_ID};
use rusqlite::Connection;
use std::path::Path;

/// Migration `i` takes a database from version `i` to `i + 1`. Append only; never edit a released one.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents, actors, places, events, mentions, full-text index.
    r#"
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    hash        BLOB NOT NULL UNIQUE,          -- 128-bit FNV-1a of the cleaned text: idempotence
    doc_key     TEXT NOT NULL,                 -- the id the input gave
    url         TEXT,
    title       TEXT,
    pub_day     INTEGER,                       -- publication date, days since 1970-01-01
    source      TEXT NOT NULL,                 -- where it was read: file, file:line
    outlet      TEXT NOT NULL,                 -- who published it (URL host, else input file): NumSources
    added       INTEGER NOT NULL,              -- unix seconds when stored (GDELT DATEADDED)
    text        TEXT NOT NULL,                 -- the cleaned text all offsets point into
    annotations TEXT NOT NULL                  -- JSON: sentences, entities, actors, places, dates, counts, quotes
);
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
CREATE TABLE actors (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL,
    name    TEXT NOT NULL,
    country TEXT,                              -- ISO 3166-1 alpha-3
    sector  TEXT,
    UNIQUE (code, name)
);
CREATE TABLE places (
    id      INTEGER PRIMARY KEY,               -- GeoNames id
    name    TEXT NOT NULL,
    country TEXT NOT NULL,                     -- ISO 3166-1 alpha-2
    admin1  TEXT,
    lat     REAL NOT NULL,
    lon     REAL NOT NULL,
    kind    TEXT NOT NULL                      -- country | admin1 | city
);
CREATE INDEX places_name ON places (name COLLATE NOCASE);
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    day          INTEGER,                      -- days since 1970-01-01
    precision    INTEGER NOT NULL,             -- 0 day, 1 week, 2 month, 3 year, 4 unknown
    cameo        TEXT NOT NULL,
    root         INTEGER NOT NULL,             -- CAMEO root 1..20
    plover       TEXT,
    quad         INTEGER NOT NULL,
    goldstein    REAL NOT NULL,
    modality     INTEGER NOT NULL,             -- 0 asserted, 1 future, 2 hypothetical, 3 negated, 4 reported
    source_actor INTEGER REFERENCES actors (id),
    target_actor INTEGER REFERENCES actors (id),
    place        INTEGER REFERENCES places (id),
    country      TEXT,                         -- ISO alpha-3 where it happened (place), else the source's country
    num_mentions INTEGER NOT NULL,
    num_sources  INTEGER NOT NULL,
    num_articles INTEGER NOT NULL
);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_root_day ON events (root, day);
-- covers the de-duplication lookup: candidates are read from the index alone
CREATE INDEX events_dedup ON events (root, country, day, modality, precision, source_actor, target_actor, place);
CREATE INDEX events_country_day ON events (country, day);
CREATE INDEX events_source_day ON events (source_actor, day);
CREATE INDEX events_target_day ON events (target_actor, day);
CREATE INDEX events_place_day ON events (place, day);
CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY,
    event         INTEGER NOT NULL REFERENCES events (id),
    document      INTEGER NOT NULL REFERENCES documents (id),
    key           INTEGER NOT NULL,            -- petrel's stable event id (FNV-1a), as a signed 64-bit number
    sentence      INTEGER NOT NULL,
    sent_start    INTEGER NOT NULL,            -- code-point offsets into documents.text
    sent_end      INTEGER NOT NULL,
    trig_start    INTEGER NOT NULL,
    trig_end      INTEGER NOT NULL,
    source_actor  INTEGER REFERENCES actors (id),
    source_start  INTEGER,
    source_end    INTEGER,
    target_actor  INTEGER REFERENCES actors (id),
    target_start  INTEGER,
    target_end    INTEGER,
    cameo         TEXT NOT NULL,
    day           INTEGER,
    precision     INTEGER NOT NULL,
    place         INTEGER REFERENCES places (id),
    place_basis   INTEGER NOT NULL,            -- 0 none, 1 sentence, 2 document
    modality      INTEGER NOT NULL,
    confidence    REAL NOT NULL,
    counts        TEXT,                        -- JSON [{kind,min,max,text,start,end}] or NULL
    quote         TEXT,                        -- JSON {speaker,text,start,end} or NULL
    evidence      TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions (event, document);
CREATE TABLE event_sources (                   -- the outlets of each event: NumSources
    event  INTEGER NOT NULL REFERENCES events (id),
    outlet TEXT NOT NULL,
    PRIMARY KEY (event, outlet)
) WITHOUT ROWID;
CREATE INDEX mentions_document ON mentions (document);
"#,
    // 2: each event's ACLED type as the coder refined it (by method, by who against whom), not only the CAMEO
    // code's default
    r#"
ALTER TABLE events ADD COLUMN acled_type TEXT;
ALTER TABLE events ADD COLUMN acled_sub TEXT;
"#,
    // 3: the rest of each event's ACLED coding as the coder gave it (ACLED Codebook conventions, from
    // data/ontology/acled-conventions.tsv): actor types, interaction, fatalities, time and geo precision. NULL for
    // events stored before (and for events ACLED does not record): the export leaves those columns blank.
    r#"
ALTER TABLE events ADD COLUMN acled_inter1 INTEGER;          -- ACLED actor type of the source, 1..8
ALTER TABLE events ADD COLUMN acled_inter2 INTEGER;          -- of the target (NULL: ACLED records no actor 2)
ALTER TABLE events ADD COLUMN acled_interaction INTEGER;     -- the two joined, lower first (17); one alone x10
ALTER TABLE events ADD COLUMN acled_fatalities INTEGER;      -- the lowest stated among the mentions that state one
ALTER TABLE events ADD COLUMN acled_time_precision INTEGER;  -- 1 day, 2 week, 3 month or coarser
ALTER TABLE events ADD COLUMN acled_geo_precision INTEGER;   -- 1 town, 2 district, 3 region or country
"#,
];

/// Brings the database from `version` to the current schema, one transaction per migration.
pub(crate) fn migrate(conn: &mut Connection, path: &Path, version: i32) -> Result<(), StoreError> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        let tx = conn
            .transaction()
            .map_err(|e| classify(path, "cannot start the migration", e))?;
        tx.execute_batch(sql)
            .map_err(|e| classify(path, &format!("migration to schema {}", i + 1), e))?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
            i + 1
        ))
        .map_err(|e| classify(path, "cannot record the schema version", e))?;
        tx.commit()
            .map_err(|e| classify(path, "cannot commit the migration", e))?;
    }
    Ok(())
}
