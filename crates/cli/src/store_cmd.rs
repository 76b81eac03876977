//! `petrel ingest | events | stats | export`: the event database from the command line.
//!
//! Ingest runs three kinds of thread: one reads and cleans documents in input order (skipping content already
//! stored), workers code them with the shared [`Pipeline`], and the calling thread writes them back in input
//! order, one transaction per batch. Writing in input order makes the database the same whatever the number of
//! workers, and lets an interrupted ingest resume exactly where its last committed batch ended.

pub use crate::progress::Progress;
use crate::Pipeline;
use petrel_core::{Date, Document};
use petrel_store::export::acled::AcledType;
use petrel_store::export::{ExportContext, ExportError, ExportFormat, ListFormat};
use petrel_store::{content_hash, DocOutcome, EventFilter, Mode, Store, StoreError};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Default database file.
pub const DEFAULT_DB: &str = "petrel.db";

/// Event filters shared by `events`, `stats` and `export`.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct FilterArgs {
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
    /// Country where it happened: ISO alpha-3 (KAZ) or alpha-2 (KZ).
    #[arg(long)]
    pub country: Option<String>,
    /// Source or target actor code or its beginning (KAZ matches KAZGOV, KAZCOP).
    #[arg(long)]
    pub actor: Option<String>,
    /// CAMEO root (14) or code prefix (145, 1451).
    #[arg(long)]
    pub cameo: Option<String>,
    /// PLOVER type (PROTEST, ASSAULT, ...).
    #[arg(long)]
    pub plover: Option<String>,
    /// Place name or GeoNames id; a region or country includes the places in it.
    #[arg(long)]
    pub place: Option<String>,
    /// Full-text search over article text (SQLite FTS5 syntax: words, "phrases", OR, NOT, prefix*).
    #[arg(long)]
    pub text: Option<String>,
    /// Only events reported by at least this many sources (outlets).
    #[arg(long)]
    pub min_sources: Option<u32>,
    /// At most this many events (0 to 9223372036854775807, SQLite's largest).
    #[arg(long, value_parser = clap::value_parser!(u64).range(0..=i64::MAX as u64))]
    pub limit: Option<u64>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

impl FilterArgs {
    /// The store filter; alpha-2 country codes become alpha-3.
    pub fn filter(&self, iso2_to_iso3: &HashMap<String, String>) -> EventFilter {
        let country = self.country.as_ref().map(|c| {
            let c = c.trim().to_ascii_uppercase();
            iso2_to_iso3.get(&c).cloned().unwrap_or(c)
        });
        EventFilter {
            from: self.from,
            to: self.to,
            country,
            actor: self.actor.clone(),
            cameo: self.cameo.clone(),
            plover: self.plover.clone(),
            place: self.place.clone(),
            text: self.text.clone(),
            min_sources: self.min_sources,
            limit: self.limit,
            after: None,
        }
    }
}

/// ISO alpha-2 → alpha-3 from the built-in country list.
pub fn country_codes(knowledge: &petrel_knowledge::Knowledge) -> HashMap<String, String> {
    knowledge
        .countries
        .iter()
        .map(|c| (c.iso2.clone(), c.iso3.clone()))
        .collect()
}

/// Names the exporters need, from the dictionaries.
pub fn export_context(knowledge: &petrel_knowledge::Knowledge) -> ExportContext {
    let mut ctx = ExportContext::default();
    for c in &knowledge.countries {
        ctx.country_names.insert(c.iso3.clone(), c.name.clone());
    }
    let mut codes: Vec<String> = Vec::new();
    for root in 1..=20 {
        for n in [format!("{root:02}")]
            .into_iter()
            .chain((0..10).map(|a| format!("{root:02}{a}")))
            .chain((0..100).map(|a| format!("{root:02}{:02}", a)))
        {
            codes.push(n);
        }
    }
    for code in codes {
        // the coder's mapping, so that the export and the coded events agree
        if let Some(t) = knowledge.ontology.acled(&code) {
            if let Some(disorder) = petrel_knowledge::ontology::acled_disorder_type(&t.event_type) {
                ctx.acled_disorders
                    .insert(t.event_type.clone(), disorder.to_string());
                ctx.acled.insert(
                    code.clone(),
                    AcledType {
                        disorder: disorder.to_string(),
                        event_type: t.event_type.clone(),
                        sub_event_type: t.sub_event_type.clone(),
                    },
                );
            }
        }
        if let Some(c) = knowledge.ontology.get(&code) {
            ctx.cameo.insert(
                code,
                (
                    c.name.clone(),
                    c.plover_mode.clone(),
                    c.plover_context.clone(),
                ),
            );
        }
    }
    ctx
}

/// Figures of one ingest.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct IngestReport {
    /// Documents read.
    pub read: usize,
    /// Newly stored.
    pub stored: usize,
    /// Already stored (same content), not coded again.
    pub duplicates: usize,
    /// Inputs or records that could not be read.
    pub skipped: usize,
    /// Mentions stored.
    pub mentions: usize,
    /// Of which started new events.
    pub new_events: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Of which the writer spent this many storing (transactions, de-duplication, indexes).
    pub write_seconds: f64,
}

/// The coding threads' shared end of the work queue: (input position, document).
type SharedQueue = Arc<Mutex<Receiver<(usize, Box<Document>)>>>;

/// One item flowing from the reader to the writer, in input order.
enum Item {
    /// A coded document to store.
    Coded(Box<Document>),
    /// Content already stored (or seen earlier in this run).
    Duplicate,
    /// An input problem, to report.
    Issue(String),
}

/// Ingest settings.
pub struct IngestOptions {
    /// Coding threads.
    pub jobs: usize,
    /// Documents per transaction.
    pub batch: usize,
    /// Also commit when a batch has been open this long.
    pub batch_time: Duration,
}

/// Codes and stores the documents `make_docs` yields (in order; the iterator is built and read on its own
/// thread, so it need not be `Send`). Content already in the store is skipped before coding.
/// Returns the figures, or the first database error (the open batch is rolled back; earlier ones stay).
pub fn ingest_documents<F, I>(
    store: &mut Store,
    pipeline: &Pipeline,
    make_docs: F,
    opts: &IngestOptions,
    progress: &mut Progress,
) -> Result<IngestReport, StoreError>
where
    F: FnOnce() -> I + Send,
    I: Iterator<Item = Result<Document, String>>,
{
    let start = Instant::now();
    let known = store.known_hashes()?;
    let jobs = opts.jobs.max(1);
    let mut report = IngestReport::default();
    let result = std::thread::scope(|s| -> Result<(), StoreError> {
        let (work_tx, work_rx) = sync_channel::<(usize, Box<Document>)>(jobs * 4);
        let work_rx: SharedQueue = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = sync_channel::<(usize, Item)>(jobs * 8);
        {
            let done_tx = done_tx.clone();
            let mut known = known;
            s.spawn(move || {
                let mut seen: HashSet<u128> = HashSet::new();
                for (seq, item) in make_docs().enumerate() {
                    let sent = match item {
                        Ok(doc) => {
                            let h = content_hash(&doc.text);
                            if known.contains(&h) || !seen.insert(h) {
                                done_tx.send((seq, Item::Duplicate)).is_ok()
                            } else {
                                work_tx.send((seq, Box::new(doc))).is_ok()
                            }
                        }
                        Err(issue) => done_tx.send((seq, Item::Issue(issue))).is_ok(),
                    };
                    if !sent {
                        break; // the writer stopped
                    }
                }
                known.clear();
            });
        }
        for _ in 0..jobs {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            s.spawn(move || loop {
                let next = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((seq, mut doc)) = next else { return };
                pipeline.run(&mut doc);
                if done_tx.send((seq, Item::Coded(doc))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        // the writer: put items back in input order, store them in batches
        let mut waiting: BTreeMap<usize, Item> = BTreeMap::new();
        let mut next = 0usize;
        let mut pending: Vec<Box<Document>> = Vec::new();
        let mut opened = Instant::now();
        let mut flush = |pending: &mut Vec<Box<Document>>,
                         report: &mut IngestReport|
         -> Result<(), StoreError> {
            if pending.is_empty() {
                return Ok(());
            }
            let t = Instant::now();
            let mut batch = store.batch()?;
            for doc in pending.iter() {
                match batch.add_document(doc)? {
                    DocOutcome::Added {
                        mentions,
                        new_events,
                    } => {
                        report.stored += 1;
                        report.mentions += mentions;
                        report.new_events += new_events;
                    }
                    DocOutcome::Duplicate => report.duplicates += 1,
                }
            }
            batch.commit()?;
            pending.clear();
            report.write_seconds += t.elapsed().as_secs_f64();
            Ok(())
        };
        for (seq, item) in done_rx.iter() {
            waiting.insert(seq, item);
            while let Some(item) = waiting.remove(&next) {
                next += 1;
                report.read += 1;
                match item {
                    Item::Coded(doc) => {
                        if pending.is_empty() {
                            opened = Instant::now();
                        }
                        pending.push(doc);
                    }
                    Item::Duplicate => report.duplicates += 1,
                    Item::Issue(issue) => {
                        report.skipped += 1;
                        report.read -= 1;
                        progress.warn(&format!("{issue} (skipped)"));
                    }
                }
                if pending.len() >= opts.batch
                    || (!pending.is_empty() && opened.elapsed() >= opts.batch_time)
                {
                    flush(&mut pending, &mut report)?;
                }
                progress.update((report.read + report.skipped) as u64);
            }
        }
        flush(&mut pending, &mut report)?;
        Ok(())
    });
    progress.finish();
    result?;
    store
        .connection()
        .execute_batch("PRAGMA optimize")
        .map_err(|e| StoreError::Sqlite {
            path: store.path().to_path_buf(),
            context: "optimize".into(),
            detail: e.to_string(),
        })?;
    report.seconds = (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
    report.write_seconds = (report.write_seconds * 1000.0).round() / 1000.0;
    Ok(report)
}

/// Opens the database in `mode` with the dictionaries' country codes set (events get a country in the actors'
/// code system; filters accept alpha-2 codes).
pub fn open_store(
    db: &Path,
    mode: Mode,
    knowledge: &petrel_knowledge::Knowledge,
) -> Result<Store, StoreError> {
    let mut store = Store::open(db, mode)?;
    store.set_country_codes(country_codes(knowledge));
    Ok(store)
}

/// Opens the database for writing with the country codes set.
pub fn open_for_writing(db: &Path, pipeline: &Pipeline) -> Result<Store, StoreError> {
    open_store(db, Mode::ReadWrite, &pipeline.knowledge)
}

/// `petrel ingest`: returns the exit code (0 ok, 1 inputs skipped, 2 usage/database error). With `follow`,
/// feed items are replaced by the pages they link to, as `code --follow` does.
pub fn run_ingest(
    inputs: &[PathBuf],
    date: Option<Date>,
    pipeline: &Pipeline,
    db: &Path,
    opts: &IngestOptions,
    follow: bool,
) -> u8 {
    let mut store = match open_for_writing(db, pipeline) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("petrel: error: {e}");
            return 2;
        }
    };
    // progress by bytes of input read, against the inputs' size: no counting pass over the inputs first
    let consumed = Arc::new(AtomicU64::new(0));
    let docs = || input_documents(inputs, date, consumed.clone(), follow);
    let mut progress = Progress::bytes(
        "ingest",
        petrel_ingest::input_bytes(inputs),
        consumed.clone(),
    );
    match ingest_documents(&mut store, pipeline, docs, opts, &mut progress) {
        Ok(r) => {
            let rate = r.stored as f64 / r.seconds.max(1e-9);
            eprintln!(
                "petrel: ingest: {} stored, {} already stored, {} skipped; {} mentions ({} new events) in {:.1}s ({rate:.1} documents/s) → {}",
                r.stored,
                r.duplicates,
                r.skipped,
                r.mentions,
                r.new_events,
                r.seconds,
                db.display()
            );
            u8::from(r.skipped > 0)
        }
        Err(e) => {
            eprintln!("petrel: error: {e}");
            2
        }
    }
}

/// The documents `ingest` codes from `inputs`, as the reader gives them (a very long one cut into windows), or
/// the input problems as messages; warnings (inputs still read, documents not in English) are printed to stderr
/// as they come, and once more after the last item. `consumed` counts the bytes read.
pub fn input_documents(
    inputs: &[PathBuf],
    date: Option<Date>,
    consumed: Arc<AtomicU64>,
    follow: bool,
) -> impl Iterator<Item = Result<Document, String>> {
    let mut reader = petrel_ingest::Reader::new(inputs, date).with_byte_counter(consumed);
    if follow {
        reader = reader.follow(crate::extract::fetcher());
    }
    let warnings = reader.warnings();
    let last = warnings.clone();
    let print = |w: &petrel_ingest::Warnings| {
        for w in w.take() {
            eprintln!("petrel: warning: {w}");
        }
    };
    reader
        .flat_map(move |item| {
            print(&warnings);
            match item {
                // a very long document is coded in windows (memory grows with the window)
                Ok(raw) => {
                    let (meta, text, _) = petrel_ingest::clean_text(raw);
                    Box::new(crate::window::windows_of_text(meta, text).map(Ok))
                        as Box<dyn Iterator<Item = Result<Document, String>>>
                }
                Err(issue) => Box::new(std::iter::once(Err(issue.to_string()))),
            }
        })
        .chain(std::iter::from_fn(move || {
            print(&last);
            None
        }))
}

/// Opens the database for reading, with country codes for filters and exports.
pub fn open_for_reading(
    db: &Path,
    knowledge: &petrel_knowledge::Knowledge,
) -> Result<Store, StoreError> {
    open_store(db, Mode::ReadOnly, knowledge)
}

/// The opening of `events`, `stats` and `export`: the database opened for reading and the store filter, or the
/// error printed and exit code 2.
fn open_filtered(
    db: &Path,
    filter: &FilterArgs,
    knowledge: &petrel_knowledge::Knowledge,
) -> Result<(Store, EventFilter), u8> {
    let store = open_for_reading(db, knowledge).map_err(|e| {
        eprintln!("petrel: error: {e}");
        2
    })?;
    Ok((store, filter.filter(&country_codes(knowledge))))
}

fn report_write_error(e: io::Error) -> u8 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        0
    } else {
        eprintln!("petrel: error: cannot write output: {e}");
        2
    }
}

/// A failed listing or export: a closed pipe ends quietly (0), anything else is printed (2).
fn report_export_error(e: ExportError) -> u8 {
    match e {
        ExportError::Io(e) => report_write_error(e),
        e => {
            eprintln!("petrel: error: {e}");
            2
        }
    }
}

/// `petrel events`.
pub fn run_events(
    db: &Path,
    filter: &FilterArgs,
    format: ListFormat,
    knowledge: &petrel_knowledge::Knowledge,
) -> u8 {
    let (store, f) = match open_filtered(db, filter, knowledge) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match petrel_store::export::list(&store, &f, format, &mut out) {
        Ok(_) => 0,
        Err(e) => report_export_error(e),
    }
}

/// `petrel stats`: counts by day, type and country as tables, or one JSON object.
pub fn run_stats(
    db: &Path,
    filter: &FilterArgs,
    json: bool,
    knowledge: &petrel_knowledge::Knowledge,
) -> u8 {
    let (store, f) = match open_filtered(db, filter, knowledge) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let stats = match store.stats(&f) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("petrel: error: {e}");
            return 2;
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let r = (|| -> io::Result<()> {
        if json {
            serde_json::to_writer(&mut out, &stats).map_err(io::Error::from)?;
            writeln!(out)?;
        } else {
            for (title, rows) in [
                ("day", &stats.by_day),
                ("type", &stats.by_type),
                ("country", &stats.by_country),
            ] {
                let w = rows
                    .iter()
                    .map(|r| r.0.chars().count())
                    .max()
                    .unwrap_or(0)
                    .max(title.len());
                writeln!(out, "{title:<w$}  {:>8}  {:>8}", "events", "mentions")?;
                for (k, n, m) in rows.iter() {
                    writeln!(out, "{k:<w$}  {n:>8}  {m:>8}")?;
                }
                writeln!(out)?;
            }
        }
        out.flush()
    })();
    match r {
        Ok(()) => 0,
        Err(e) => report_write_error(e),
    }
}

/// `petrel export`.
pub fn run_export(
    db: &Path,
    filter: &FilterArgs,
    format: ExportFormat,
    output: Option<&Path>,
    knowledge: &petrel_knowledge::Knowledge,
) -> u8 {
    let (store, f) = match open_filtered(db, filter, knowledge) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let ctx = export_context(knowledge);
    // A file is written to a temporary file of its own beside its final name and renamed at the end: no
    // half-written export, and no other file touched (two exports at once each have their own).
    let (out, tmp): (Box<dyn Write + Send>, Option<PathBuf>) = match output {
        Some(p) => {
            if p.is_dir() {
                eprintln!(
                    "petrel: error: {}: is a folder; -o takes the name of the file to write",
                    p.display()
                );
                return 2;
            }
            match create_beside(p) {
                Ok((f, tmp)) => (Box::new(f), Some(tmp)),
                Err(e) => {
                    eprintln!(
                        "petrel: error: {}: cannot create a file in its folder: {e}",
                        p.display()
                    );
                    return 2;
                }
            }
        }
        None => (Box::new(io::stdout()), None),
    };
    let result = petrel_store::export::export(&store, &f, format, &ctx, out);
    let (Some(tmp), Some(p)) = (tmp, output) else {
        return match result {
            Ok(_) => 0,
            Err(e) => report_export_error(e),
        };
    };
    match result {
        Ok(n) => {
            if let Err(e) = std::fs::rename(&tmp, p) {
                let _ = std::fs::remove_file(&tmp);
                eprintln!("petrel: error: {}: cannot write: {e}", p.display());
                return 2;
            }
            eprintln!("petrel: export: {n} events → {}", p.display());
            0
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            match e {
                ExportError::Io(e) => {
                    eprintln!(
                        "petrel: error: {}: cannot write: {}; nothing written",
                        p.display(),
                        io_reason(&e)
                    );
                    2
                }
                e => report_export_error(e),
            }
        }
    }
}

/// A new file of its own in the folder of `target` (`.NAME.PID-N.partial`, created only if no such file
/// exists), to be renamed to `target` once written.
fn create_beside(target: &Path) -> io::Result<(std::fs::File, PathBuf)> {
    let folder = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let mut last = io::Error::other("no free temporary name");
    for i in 0..1000 {
        let tmp = folder.join(format!(".{name}.{}-{i}.partial", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// An I/O error in words: a full disk said as such.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
