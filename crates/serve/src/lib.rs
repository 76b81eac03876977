//! petrel-serve: the event database over HTTP — a JSON API and a dashboard built into the binary.
//!
//! [`router`] builds the routes ([`ROUTES`]) over one database: reads go through a small pool of read-only
//! connections ([`pool`]), each query on a blocking thread with a deadline (a query past it is interrupted and
//! answered 503); writes (`POST /api/documents`) are enabled only with a bearer token, and code and store the
//! posted articles through an [`Ingest`] the caller supplies (the `petrel` binary gives its `Pipeline` and
//! ingest), all of them in one transaction. [`start`] runs the server on its own threads and returns its address,
//! for `petrel serve`, tests and benchmarks. Every error is JSON, `{"error": "..."}`, with its status.

#![warn(missing_docs)]

mod dashboard;
mod documents;
mod error;
mod events;
pub mod openapi;
mod params;
pub mod pool;
mod stats;

pub use error::ApiError;

use axum::extract::State;
use axum::http::{Method, Uri};
use axum::routing::get;
use axum::{Json, Router};
use petrel_ingest::RawDoc;
use petrel_store::{Mode, Store, StoreError};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Every route the server answers, as (method, path) with `{id}` for a path parameter; `/api/openapi.json`
/// describes each `/api` one (a test holds them together).
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/app.js"),
    ("GET", "/app.css"),
    ("GET", "/world.json"),
    ("GET", "/api/health"),
    ("GET", "/api/events"),
    ("GET", "/api/events/{id}"),
    ("GET", "/api/stats"),
    ("GET", "/api/documents/{id}"),
    ("POST", "/api/documents"),
    ("GET", "/api/openapi.json"),
];

/// Codes and stores posted articles: the `petrel` binary's pipeline and ingest, behind a trait so that this crate
/// needs neither.
pub trait Ingest: Send + Sync {
    /// Codes `docs` and stores them in `store` in one transaction: all of them, or (on an error) none.
    fn ingest(&self, store: &mut Store, docs: Vec<RawDoc>) -> Result<IngestOutcome, StoreError>;
}

/// What one `POST /api/documents` stored.
#[derive(Clone, Debug, Default, serde::Serialize, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Documents newly stored.
    pub stored: usize,
    /// Documents whose content was already stored (not coded again).
    pub duplicates: usize,
    /// Event mentions stored.
    pub mentions: usize,
    /// Of which started new events.
    pub new_events: usize,
    /// Documents skipped as not English.
    pub not_english: usize,
    /// What was read with a warning (a date that cannot be read, a document not in English), by line or record.
    pub warnings: Vec<String>,
}

/// How to serve.
pub struct Config {
    /// The database file.
    pub db: PathBuf,
    /// The bearer token that `POST /api/documents` needs; `None`: read-only (every POST is 401).
    pub token: Option<String>,
    /// Codes and stores posted articles; needed when `token` is set.
    pub ingest: Option<Arc<dyn Ingest>>,
    /// ISO alpha-2 → alpha-3, so that `country=KZ` works as `country=KAZ` (as in `petrel events`).
    pub country_codes: HashMap<String, String>,
    /// Largest request body accepted, bytes (larger: 413).
    pub max_body_bytes: usize,
    /// Most events one page returns (`limit` above it is lowered to it).
    pub max_limit: u64,
    /// Deadline of one read (a query past it is interrupted: 503).
    pub timeout: Duration,
    /// Reads running at once (more wait their turn).
    pub max_concurrent_reads: usize,
}

impl Config {
    /// Read-only serving of `db` with the default limits: bodies up to 8 MiB, 1,000 events a page, 10 s a read,
    /// 8 reads at once.
    pub fn new(db: &Path) -> Config {
        Config {
            db: db.to_path_buf(),
            token: None,
            ingest: None,
            country_codes: HashMap::new(),
            max_body_bytes: 8 << 20,
            max_limit: 1000,
            timeout: Duration::from_secs(10),
            max_concurrent_reads: 8,
        }
    }
}

/// Reads the bearer token from `path`: its first line, trimmed. A missing, unreadable or empty file is an error
/// that names the file (the server must not start with writes open to anyone).
pub fn read_token(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("--token-file {}: cannot read: {e}", path.display()))?;
    let token = text.lines().next().unwrap_or("").trim().to_string();
    if token.is_empty() {
        return Err(format!(
            "--token-file {}: empty; write a secret token on its first line",
            path.display()
        ));
    }
    if token.chars().any(|c| c.is_control() || c == ' ') {
        return Err(format!(
            "--token-file {}: the token holds spaces or control characters",
            path.display()
        ));
    }
    Ok(token)
}

/// What every handler shares.
pub(crate) struct AppState {
    pub(crate) readers: pool::Pool,
    /// The one read-write connection, when writes are enabled.
    pub(crate) writer: Option<(Mutex<Store>, Arc<dyn Ingest>)>,
    pub(crate) token: Option<String>,
    pub(crate) country_codes: HashMap<String, String>,
    pub(crate) max_body_bytes: usize,
    pub(crate) max_limit: u64,
    /// `/api/stats` answers by query, valid while the last document id is the same.
    pub(crate) stats_cache: stats::Cache,
}

/// Builds the routes over the database. Opens it first (read-write when a token is given, which creates or
/// migrates it; else read-only, which needs an ingested file): an unusable database is an error here, not on
/// the first request.
pub fn router(config: Config) -> Result<Router, String> {
    let writer = match (&config.token, &config.ingest) {
        (Some(_), Some(ingest)) => {
            let mut store = Store::open(&config.db, Mode::ReadWrite).map_err(|e| e.to_string())?;
            store.set_country_codes(config.country_codes.clone());
            Some((Mutex::new(store), ingest.clone()))
        }
        (Some(_), None) => return Err("a token was given but nothing to code documents".into()),
        (None, _) => None,
    };
    let readers = pool::Pool::new(&config.db, config.max_concurrent_reads, config.timeout);
    // one connection now: the file must be readable before the server says it is up
    readers.check().map_err(|e| e.to_string())?;
    let state = Arc::new(AppState {
        readers,
        writer,
        token: config.token,
        country_codes: config.country_codes,
        max_body_bytes: config.max_body_bytes,
        max_limit: config.max_limit,
        stats_cache: stats::Cache::default(),
    });
    Ok(Router::new()
        .route("/", get(dashboard::index))
        .route("/app.js", get(dashboard::script))
        .route("/app.css", get(dashboard::style))
        .route("/world.json", get(dashboard::world))
        .route("/api/health", get(health))
        .route("/api/events", get(events::list))
        .route("/api/events/{id}", get(events::one))
        .route("/api/stats", get(stats::stats))
        .route("/api/documents/{id}", get(documents::one))
        .route("/api/documents", axum::routing::post(documents::post))
        .route("/api/openapi.json", get(openapi::document))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state))
}

async fn health(State(state): State<Arc<AppState>>) -> Result<Json<serde_json::Value>, ApiError> {
    let last = state
        .readers
        .run(|store| store.last_document_id().map_err(ApiError::from))
        .await?;
    Ok(Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "schema": petrel_store::SCHEMA_VERSION,
        "writable": state.writer.is_some(),
        "last_document_id": last,
    })))
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no route {method} {}; the API is described at /api/openapi.json",
        uri.path()
    ))
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "{method} is not allowed on {}; see /api/openapi.json",
            uri.path()
        ),
    )
}

/// A server running on its own threads ([`start`]); dropping it (or [`Running::stop`]) shuts it down.
pub struct Running {
    /// The address it listens on (the real port when 0 was asked for).
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), String>>>,
}

impl Running {
    /// Stops accepting, lets requests in flight finish, and waits for the server's threads.
    pub fn stop(mut self) -> Result<(), String> {
        self.shutdown()
    }

    /// Blocks until the server ends (Ctrl-C, or an error).
    pub fn wait(mut self) -> Result<(), String> {
        // (the stop sender stays alive meanwhile: dropping it would stop the server)
        match self.thread.take() {
            Some(t) => t
                .join()
                .map_err(|_| "the server thread panicked".to_string())?,
            None => Ok(()),
        }
    }

    fn shutdown(&mut self) -> Result<(), String> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            Some(t) => t
                .join()
                .map_err(|_| "the server thread panicked".to_string())?,
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// Binds `addr` and serves `router` on a runtime of `threads` worker threads of its own; returns once it
/// listens. It ends on [`Running::stop`], on drop, or on Ctrl-C (requests in flight finish first).
pub fn start(router: Router, addr: &str, threads: usize) -> Result<Running, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server's threads: {e}"))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("petrel-serve".into())
        .spawn(move || {
            runtime.block_on(async move {
                let stopped = async move {
                    tokio::select! {
                        _ = stop_rx => {}
                        _ = tokio::signal::ctrl_c() => {}
                    }
                };
                axum::serve(listener, router)
                    .with_graceful_shutdown(stopped)
                    .await
                    .map_err(|e| format!("the server stopped: {e}"))
            })
        })
        .map_err(|e| format!("cannot start the server's thread: {e}"))?;
    Ok(Running {
        addr: local,
        stop: Some(stop_tx),
        thread: Some(thread),
    })
}
