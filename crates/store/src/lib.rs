//! petrel-store: the embedded event database.
//!
//! One SQLite file (WAL mode, bundled SQLite) holds the documents (metadata, cleaned text, content hash,
//! annotation layers), the de-duplicated events, the mentions that support them (document and spans, with the
//! evidence), actors and places, and an FTS5 index over article text. [`Store::open`] creates or migrates the
//! schema; [`Batch`] writes documents in one transaction each; [`query`] reads events back and [`export`]
//! writes them as GDELT, ACLED, PLOVER, JSONL or Parquet.
//!
//! De-duplication (the rule is in [`dedup`] and the crate README): every coded event is a *mention*; a mention
//! joins an existing event when the CAMEO root matches, the actors are compatible, the dates fall within a
//! window and the places are the same or nested; otherwise it starts a new event.

#![warn(missing_docs)]

pub mod dedup;
pub mod export;
pub mod lookup;
pub mod query;
mod schema;
mod write;

pub use dedup::{actors_compatible, date_window, places_compatible, PlaceRef};
pub use lookup::DocumentRecord;
pub use query::{CountBy, EventCursor, EventFilter, EventRecord, MentionRecord, Stats};
pub use write::{content_hash, outlet_of, Batch, DocOutcome};

use rusqlite::{Connection, ErrorCode, OpenFlags};

/// SQLite's handle to stop a connection's running query from another thread ([`Store::connection`]'s
/// `get_interrupt_handle`): a server's deadline.
pub use rusqlite::InterruptHandle;
use std::fmt;
use std::path::{Path, PathBuf};

/// The `PRAGMA application_id` of a petrel database ("PETR"): tells our files from other SQLite files.
pub const APPLICATION_ID: i32 = 0x5045_5452;

/// The schema version this build writes (`PRAGMA user_version`); older files are migrated on open.
pub const SCHEMA_VERSION: i32 = schema::MIGRATIONS.len() as i32;

/// What went wrong with the database, in words a user can act on. Every message names the file.
#[derive(Debug)]
pub enum StoreError {
    /// The file exists but is not an SQLite database, or its pages are damaged.
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// SQLite's own words.
        detail: String,
    },
    /// An SQLite database that some other program made.
    Foreign {
        /// The database file.
        path: PathBuf,
        /// Why we think so.
        detail: String,
    },
    /// Written by a newer petrel.
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: i32,
    },
    /// The file or its folder cannot be written.
    ReadOnly {
        /// The database file.
        path: PathBuf,
        /// SQLite's or the OS's words.
        detail: String,
    },
    /// The disk (or the database's size limit) is full; the transaction was rolled back.
    DiskFull {
        /// The database file.
        path: PathBuf,
    },
    /// Any other SQLite error.
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What was being done.
        context: String,
        /// SQLite's words.
        detail: String,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Corrupt { path, detail } => write!(
                f,
                "{}: not a usable database (corrupt, or not an SQLite file): {detail}",
                path.display()
            ),
            StoreError::Foreign { path, detail } => write!(
                f,
                "{}: an SQLite database that petrel did not create ({detail}); give another --db path",
                path.display()
            ),
            StoreError::TooNew { path, found } => write!(
                f,
                "{}: schema version {found} is newer than this petrel supports ({SCHEMA_VERSION}); update petrel",
                path.display()
            ),
            StoreError::ReadOnly { path, detail } => write!(
                f,
                "{}: cannot write the database here (read-only file or folder): {detail}",
                path.display()
            ),
            StoreError::DiskFull { path } => write!(
                f,
                "{}: the disk is full (or the database reached its size limit); the last batch was rolled back, \
                 everything committed before it is intact",
                path.display()
            ),
            StoreError::Sqlite {
                path,
                context,
                detail,
            } => write!(f, "{}: {context}: {detail}", path.display()),
        }
    }
}

impl std::error::Error for StoreError {}

/// Turns an SQLite error into a [`StoreError`] that names the file and says what the user can do.
pub(crate) fn classify(path: &Path, context: &str, e: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    if let rusqlite::Error::SqliteFailure(err, msg) = &e {
        let detail = msg.clone().unwrap_or_else(|| err.to_string());
        match err.code {
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                return StoreError::Corrupt { path, detail }
            }
            ErrorCode::DiskFull => return StoreError::DiskFull { path },
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                return StoreError::ReadOnly { path, detail }
            }
            _ => {}
        }
    }
    StoreError::Sqlite {
        path,
        context: context.to_string(),
        detail: e.to_string(),
    }
}

/// An open petrel database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    country3: std::collections::HashMap<String, String>,
    caches: write::Caches,
}

/// How to open a database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Create the file when missing and migrate it to the current schema (ingest).
    ReadWrite,
    /// Only read an existing file (queries and exports); works while an ingest writes.
    ReadOnly,
}

impl Store {
    /// Opens (and for [`Mode::ReadWrite`], creates or migrates) the database at `path`.
    pub fn open(path: &Path, mode: Mode) -> Result<Store, StoreError> {
        let problem = |detail: String| StoreError::Sqlite {
            path: path.to_path_buf(),
            context: "cannot open".into(),
            detail,
        };
        if path.is_dir() {
            return Err(problem(
                "a folder, not a file; --db takes the database file's name (e.g. DIR/petrel.db)"
                    .into(),
            ));
        }
        if mode == Mode::ReadWrite {
            if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
                if !folder.is_dir() {
                    return Err(problem(format!(
                        "the folder {} does not exist; create it first",
                        folder.display()
                    )));
                }
            }
        }
        let flags = match mode {
            Mode::ReadWrite => {
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
            Mode::ReadOnly => {
                if !path.exists() {
                    return Err(StoreError::Sqlite {
                        path: path.to_path_buf(),
                        context: "cannot open".into(),
                        detail: "no such file; run `petrel ingest` first or give --db".into(),
                    });
                }
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
        };
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| classify(path, "cannot open", e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            country3: std::collections::HashMap::new(),
            caches: write::Caches::default(),
        };
        store.configure(mode)?;
        Ok(store)
    }

    fn configure(&mut self, mode: Mode) -> Result<(), StoreError> {
        let path = self.path.clone();
        // Reading the header is the first thing that fails on a file that is not a database.
        let (app_id, version): (i32, i32) = self
            .conn
            .query_row(
                "SELECT application_id, user_version FROM pragma_application_id, pragma_user_version",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| classify(&path, "cannot read the database header", e))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| classify(&path, "cannot read the schema", e))?;
        if app_id != APPLICATION_ID && !(app_id == 0 && tables == 0) {
            return Err(StoreError::Foreign {
                path,
                detail: format!("application id {app_id:#x}, {tables} schema object(s)"),
            });
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path,
                found: version,
            });
        }
        self.conn
            .busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| classify(&path, "cannot set the busy timeout", e))?;
        // a larger page cache and memory-mapped reads: the event indexes of a big file stay in memory
        self.conn
            .execute_batch("PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;")
            .map_err(|e| classify(&path, "cannot size the cache", e))?;
        match mode {
            Mode::ReadWrite => {
                // WAL: readers see the last committed batch while a writer works; NORMAL sync is durable
                // across process crashes (kill -9), which is what a batch commit promises.
                self.conn
                    .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
                    .map_err(|e| classify(&path, "cannot switch to WAL mode", e))?;
                self.conn
                    .pragma_update(None, "synchronous", "NORMAL")
                    .map_err(|e| classify(&path, "cannot set synchronous", e))?;
                self.conn
                    .pragma_update(None, "foreign_keys", "ON")
                    .map_err(|e| classify(&path, "cannot enable foreign keys", e))?;
                schema::migrate(&mut self.conn, &path, version)?;
            }
            Mode::ReadOnly => {
                if version == 0 && tables == 0 {
                    return Err(StoreError::Sqlite {
                        path,
                        context: "an empty database".into(),
                        detail: "nothing stored yet; `petrel ingest --db FILE INPUT...` fills it"
                            .into(),
                    });
                }
                if version < SCHEMA_VERSION {
                    return Err(StoreError::Sqlite {
                        path,
                        context: "old schema".into(),
                        detail: format!(
                            "version {version}; run `petrel ingest` once (with no input: `--db FILE </dev/null`) to migrate it to {SCHEMA_VERSION}"
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for tools and tests that need raw SQL.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Limits the database to `pages` pages (`PRAGMA max_page_count`), as a full disk would; for tests.
    pub fn set_max_pages(&self, pages: u64) -> Result<(), StoreError> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
            .map_err(|e| classify(&self.path, "cannot set max_page_count", e))
    }

    /// `PRAGMA integrity_check`: `ok`, or SQLite's list of problems.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| classify(&self.path, "integrity check", e))?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| classify(&self.path, "integrity check", e))?;
        Ok(rows.join("\n"))
    }

    /// Content hashes of every stored document, to skip them before coding (resume, idempotence).
    pub fn known_hashes(&self) -> Result<std::collections::HashSet<u128>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT hash FROM documents")
            .map_err(|e| classify(&self.path, "reading document hashes", e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, Vec<u8>>(0))
            .map_err(|e| classify(&self.path, "reading document hashes", e))?;
        let mut out = std::collections::HashSet::new();
        for r in rows {
            let bytes = r.map_err(|e| classify(&self.path, "reading document hashes", e))?;
            if let Ok(b) = <[u8; 16]>::try_from(bytes.as_slice()) {
                out.insert(u128::from_be_bytes(b));
            }
        }
        Ok(out)
    }

    /// Starts a write transaction: documents added to the batch become visible together on
    /// [`Batch::commit`], or not at all.
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        Batch::begin(self)
    }

    /// Counts of documents, events, mentions, actors and places.
    pub fn counts(&self) -> Result<[(&'static str, i64); 5], StoreError> {
        let mut out = [
            ("documents", 0),
            ("events", 0),
            ("mentions", 0),
            ("actors", 0),
            ("places", 0),
        ];
        for (name, n) in out.iter_mut() {
            *n = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {name}"), [], |r| r.get(0))
                .map_err(|e| classify(&self.path, "counting rows", e))?;
        }
        Ok(out)
    }

    /// ISO alpha-3 → alpha-2, the inverse of [`Store::set_country_codes`].
    pub fn iso3_to_iso2(&self) -> std::collections::HashMap<String, String> {
        self.country3
            .iter()
            .map(|(a2, a3)| (a3.clone(), a2.clone()))
            .collect()
    }

    /// Writes everything from the WAL into the main file (after a bulk load, before measuring its size).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| classify(&self.path, "checkpoint", e))
    }
}
