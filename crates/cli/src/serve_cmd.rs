//! `petrel serve`: the event database over HTTP ([`petrel_serve`]), with this crate's [`Pipeline`] and ingest
//! behind `POST /api/documents`.

use crate::store_cmd::{country_codes, ingest_documents, IngestOptions, Progress};
use crate::Pipeline;
use petrel_ingest::RawDoc;
use petrel_serve::{Config, Ingest, IngestOutcome, Running};
use petrel_store::{Store, StoreError};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Posted articles coded by the pipeline and stored as `petrel ingest` stores them, in one transaction.
pub struct PipelineIngest {
    /// The pipeline.
    pub pipeline: Arc<Pipeline>,
    /// Coding threads.
    pub jobs: usize,
}

impl Ingest for PipelineIngest {
    fn ingest(&self, store: &mut Store, docs: Vec<RawDoc>) -> Result<IngestOutcome, StoreError> {
        let make = move || {
            docs.into_iter().flat_map(|raw| {
                let (meta, text, _) = petrel_ingest::clean_text(raw);
                crate::window::windows_of_text(meta, text).map(Ok)
            })
        };
        // one batch whatever the number of documents: all of them are stored, or none
        let opts = IngestOptions {
            jobs: self.jobs.max(1),
            batch: usize::MAX,
            batch_time: Duration::MAX,
        };
        let r = ingest_documents(store, &self.pipeline, make, &opts, &mut Progress::quiet())?;
        Ok(IngestOutcome {
            stored: r.stored,
            duplicates: r.duplicates,
            mentions: r.mentions,
            new_events: r.new_events,
            ..IngestOutcome::default()
        })
    }
}

/// `petrel serve`'s arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct ServeArgs {
    /// The event database (SQLite).
    #[arg(long, default_value = crate::store_cmd::DEFAULT_DB)]
    pub db: PathBuf,
    /// Address to listen on (loopback by default: only this machine can connect).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// File whose first line is the secret that `POST /api/documents` needs as `Authorization: Bearer TOKEN`;
    /// without it every POST is refused (401).
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Extra dictionary file for coding posted articles; repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Largest request body in bytes (larger: 413).
    #[arg(long, default_value_t = 8 << 20)]
    pub max_body: usize,
    /// Seconds one read may take before it is stopped (503).
    #[arg(long, default_value_t = 10.0)]
    pub timeout: f64,
}

impl ServeArgs {
    /// The options these arguments ask for.
    pub fn options(&self) -> ServeOptions {
        let mut opts = ServeOptions::new(self.db.clone(), &self.addr);
        opts.token_file = self.token_file.clone();
        opts.dicts = self.dicts.clone();
        opts.max_body_bytes = self.max_body;
        opts.timeout = Duration::from_secs_f64(self.timeout.clamp(0.001, 86_400.0));
        opts
    }
}

/// How `petrel serve` was asked to run.
pub struct ServeOptions {
    /// The database.
    pub db: PathBuf,
    /// Address to listen on.
    pub addr: String,
    /// File with the bearer token that enables writes.
    pub token_file: Option<PathBuf>,
    /// Extra dictionaries for coding posted articles.
    pub dicts: Vec<PathBuf>,
    /// Coding threads for posted articles.
    pub jobs: usize,
    /// Largest request body, bytes.
    pub max_body_bytes: usize,
    /// Most events a page returns.
    pub max_limit: u64,
    /// Deadline of one read.
    pub timeout: Duration,
    /// The server's worker threads.
    pub threads: usize,
}

impl ServeOptions {
    /// The defaults of `petrel serve` for `db` and `addr`.
    pub fn new(db: PathBuf, addr: &str) -> ServeOptions {
        let defaults = Config::new(&db);
        ServeOptions {
            db,
            addr: addr.to_string(),
            token_file: None,
            dicts: Vec::new(),
            jobs: 1,
            max_body_bytes: defaults.max_body_bytes,
            max_limit: defaults.max_limit,
            timeout: defaults.timeout,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// Starts the server (it runs on its own threads until stopped); errors say what to fix: an unreadable or empty
/// token file, an unusable database, an address that cannot be bound.
pub fn start(opts: &ServeOptions) -> Result<Running, String> {
    let token = opts
        .token_file
        .as_deref()
        .map(petrel_serve::read_token)
        .transpose()?;
    let mut config = Config::new(&opts.db);
    if token.is_some() {
        // the models and dictionaries are loaded only when articles can be posted
        let pipeline = Arc::new(Pipeline::with_dicts(&opts.dicts)?);
        config.country_codes = country_codes(&pipeline.knowledge);
        config.ingest = Some(Arc::new(PipelineIngest {
            pipeline,
            jobs: opts.jobs,
        }));
    } else {
        let knowledge =
            petrel_knowledge::Knowledge::builtin().map_err(|e| format!("dictionary {e}"))?;
        config.country_codes = country_codes(&knowledge);
    }
    config.token = token;
    config.max_body_bytes = opts.max_body_bytes;
    config.max_limit = opts.max_limit;
    config.timeout = opts.timeout;
    let router = petrel_serve::router(config)?;
    petrel_serve::start(router, &opts.addr, opts.threads)
}

/// `petrel serve`: starts, says where, serves until Ctrl-C. Exit code 0, or 2 when it cannot start.
pub fn run(opts: &ServeOptions) -> u8 {
    let running = match start(opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("petrel: error: {e}");
            return 2;
        }
    };
    let addr: SocketAddr = running.addr;
    if !addr.ip().is_loopback() {
        eprintln!(
            "petrel: warning: listening on {addr}, reachable from other machines; the API has no TLS"
        );
    }
    eprintln!(
        "petrel: serving {} at http://{addr}/ ({}); Ctrl-C stops",
        opts.db.display(),
        if opts.token_file.is_some() {
            "POST /api/documents with the token"
        } else {
            "read-only"
        }
    );
    match running.wait() {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("petrel: error: {e}");
            2
        }
    }
}
