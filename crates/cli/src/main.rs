//! `petrel`: political event data from news.
//!
//! Exit codes: 0 success; 1 some inputs or records were skipped (each named on stderr, the rest processed);
//! 2 usage or dictionary error (nothing processed).

use clap::{Parser, Subcommand, ValueEnum};
use petrel::progress::Progress;
use petrel::Pipeline;
use petrel_core::Date;
use petrel_export::{EventWriter, Format};
use petrel_ingest::{Reader, Removal};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Instant;

// The NLP models and the HTML extractor allocate many small strings and trees; mimalloc serves them faster
// than the system allocator (measured with `petrel nlp-eval` and `petrel bench-extract`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "petrel",
    version,
    about = "Political event data from news: who did what to whom, when, where, how many."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    /// one JSON event per line
    Jsonl,
    /// comma-separated values with a header
    Csv,
    /// an aligned table for people
    Table,
}

#[derive(clap::Args)]
struct InputArgs {
    /// Input files or directories: HTML pages, .warc/.warc.gz crawls, RSS/Atom feeds, JSONL with
    /// {"id","date","title","url","text" or "html"} per line, plain text (any of them gzipped). Without inputs,
    /// or with "-", standard input is read.
    inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none; relative dates resolve against it.
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    /// Extra dictionary file (countries*, country-names*, igos*, sectors*, roles*, people*, groups*, events*,
    /// evaluation*, gazetteer*); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    dicts: Vec<PathBuf>,
    /// Fetch the page each feed item links to (robots.txt obeyed, one request per host per second).
    #[arg(long)]
    follow: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Code events: one event per line (JSONL by default).
    Code {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: OutFormat,
    },
    /// Show every annotation layer of each document as one JSON object per line (the explainable view).
    Annotate {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Rebuild a statistical NLP model (tagger, lemmatizer, parser, ner or all) from the training data;
    /// deterministic. For developers: the result is committed and built into petrel.
    Train {
        /// tagger, lemmatizer, parser, ner, sentences or all.
        component: String,
        /// Folder with ud-english-ewt/, gum/ and uner-english-ewt/.
        #[arg(long, default_value = "../shared/data/nlp")]
        data: PathBuf,
        /// Where the model files are written.
        #[arg(long, default_value = "crates/nlp/models")]
        out: PathBuf,
    },
    /// Measure the NLP models on UD English EWT test and UNER EWT test; prints one JSON line.
    NlpEval {
        /// Folder with ud-english-ewt/, gum/ and uner-english-ewt/.
        #[arg(long, default_value = "../shared/data/nlp")]
        data: PathBuf,
        /// Folder with model files to measure instead of the built-in ones.
        #[arg(long)]
        models: Option<PathBuf>,
    },
    /// Code documents and store them in the event database (idempotent, resumable, parallel).
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        store: StoreArgs,
        /// Coding threads (default: the number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Documents per transaction.
        #[arg(long, default_value_t = 64)]
        batch: usize,
    },
    /// List stored (de-duplicated) events that match the filters.
    Events {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        filter: petrel::store_cmd::FilterArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: OutFormat,
    },
    /// Count stored events by day, type and country.
    Stats {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        filter: petrel::store_cmd::FilterArgs,
        /// One JSON object instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Export stored events for other tools: gdelt, acled, plover, jsonl, parquet.
    Export {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        filter: petrel::store_cmd::FilterArgs,
        /// gdelt (GDELT 2.0 events, 61 tab-separated columns), acled (CSV), plover (JSON lines), jsonl, parquet.
        #[arg(long, value_enum)]
        format: ExportKind,
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Serve the event database over HTTP: a JSON API (/api/events, /api/stats, /api/documents, described at
    /// /api/openapi.json) and a dashboard at /. Read-only unless --token-file is given.
    Serve(petrel::serve_cmd::ServeArgs),
    /// Measure `petrel serve`: requests/s and p50/p99 latency per endpoint over generated events, from
    /// concurrent keep-alive clients on 127.0.0.1; prints one JSON line.
    BenchServe(petrel::bench_serve::ServeBenchOptions),
    /// Measure the event database: ingest articles/s, filtered query time over generated events, bytes per event.
    BenchStore {
        /// Synthetic ~600-word articles to ingest.
        #[arg(long, default_value_t = 400)]
        articles: usize,
        /// Events to generate for the query and size measurement.
        #[arg(long, default_value_t = 1_000_000)]
        events: usize,
        /// Coding threads for the ingest measurement.
        #[arg(long, default_value_t = 2)]
        jobs: usize,
        /// Folder for the benchmark databases (deleted afterwards).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Keep the databases (to inspect them or rerun queries).
        #[arg(long)]
        keep: bool,
    },
    /// Code the inputs and score the events against a gold file (the definitions of
    /// shared/tools/score_events.py): precision, recall, actor, date, count and location figures.
    Eval {
        /// Gold events, JSONL (document rows with negative anchors and locations, then event rows).
        gold: PathBuf,
        #[command(flatten)]
        input: InputArgs,
        /// Print one JSON line instead of one figure per line.
        #[arg(long)]
        json: bool,
        /// After the figures, the error table: each missed core event, each found one whose best prediction
        /// is not fully right, each wrong prediction and each correct one whose actors disagree, with the
        /// reasons, then counts by reason (with --json: keys "explain" and "explain_summary").
        #[arg(long)]
        explain: bool,
    },
    /// Measure loading the dictionaries (ms) and dictionary lookups per second; prints one JSON line.
    BenchKnowledge {
        /// Times the dictionaries are loaded (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Passes over the lookup keys.
        #[arg(long, default_value_t = 50)]
        rounds: usize,
    },
    /// Show how the dictionaries resolve an actor or a place name, as JSON.
    Lookup {
        #[command(subcommand)]
        what: LookupWhat,
    },
    /// Show what petrel made of each input document: one JSON object per line with id, url, canonical_url,
    /// site, title, author, date, date_source, language and the cleaned text.
    Extract {
        /// Inputs, as for `code`.
        inputs: Vec<PathBuf>,
        /// Publication date (YYYY-MM-DD) for inputs that carry none.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Keep documents in every language (by default those not in English are skipped and counted).
        #[arg(long)]
        all_languages: bool,
        /// Fetch the page each feed item links to (robots.txt obeyed, one request per host per second).
        #[arg(long)]
        follow: bool,
    },
    /// Measure article extraction, petrel's and Python trafilatura's, on the ScrapingHub and WCXB dev pages;
    /// prints one JSON line.
    ///
    /// The line is {"petrel": FIGURES, "trafilatura": FIGURES or null, "pages_per_s_ratio": petrel's pages_per_s
    /// over trafilatura's, or null}. FIGURES are extractor, body_f1_scrapinghub and body_f1_wcxb_dev (mean word
    /// F1 of the body), title_accuracy_wcxb_dev, day_accuracy_wcxb_dev (publication day, dated pages), pages,
    /// pages_per_s (per second of CPU time of the extracting thread) and pages_per_s_wall.
    ///
    /// Trafilatura (PyPI; favor_precision off, dates with original_date=True) runs on the same pages after petrel,
    /// with python3 and the embedded scripts/bench_extract.py, from a virtualenv at
    /// /tmp/petrel-bench-trafilatura-venv that is created and filled on first use. When it cannot run, a warning
    /// says why, "trafilatura" is null and the exit code is 1.
    BenchExtract {
        /// Folder with scrapinghub/ and wcxb-dev/.
        #[arg(long, default_value = "../shared/data/extraction")]
        data: PathBuf,
        /// Also write one JSON line per page (id, F1, title and date found vs. gold) to this file (petrel's).
        #[arg(long, value_name = "FILE")]
        pages: Option<PathBuf>,
        /// Measure petrel alone: no Python ("trafilatura" is null).
        #[arg(long)]
        petrel_only: bool,
        /// Extract every page this many times, with both extractors, for the pages/s figures (the scores are from
        /// the first pass): more passes, steadier figures on a busy machine.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
        passes: u32,
    },
    /// Measure documents/s and tokens/s on a synthetic corpus built on the fly (one thread); prints one JSON line.
    Bench {
        /// Number of documents to generate and code.
        #[arg(long, default_value_t = 2000)]
        docs: usize,
    },
}

#[derive(clap::Args)]
struct StoreArgs {
    /// The event database (SQLite).
    #[arg(long, default_value = petrel::store_cmd::DEFAULT_DB)]
    db: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportKind {
    Gdelt,
    Acled,
    Plover,
    Jsonl,
    Parquet,
}

#[derive(Subcommand)]
enum LookupWhat {
    /// A person (coded by the office held on --date), international body, country, sector noun or role,
    /// else what the actor recogniser makes of the words ("Kazakh President X").
    Actor {
        /// The name or phrase.
        name: String,
        /// The date the code should hold on (YYYY-MM-DD); without it, a person's latest office.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Extra dictionary file; repeatable.
        #[arg(long = "dict", value_name = "FILE")]
        dicts: Vec<PathBuf>,
    },
    /// The GeoNames readings of a place name, best first, with confidences.
    Place {
        /// The place name; a trailing "Region", "Province", "Oblast"... asks for a first-level region.
        name: String,
        /// Keep this country's places only (ISO2, ISO3 or name).
        #[arg(long)]
        country: Option<String>,
        /// Extra dictionary file; repeatable.
        #[arg(long = "dict", value_name = "FILE")]
        dicts: Vec<PathBuf>,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

/// Writes; a closed pipe (`petrel code ... | head`) ends the program quietly.
fn check_io(r: io::Result<()>) -> Result<(), ExitCode> {
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("petrel: error: cannot write output: {e}");
            Err(ExitCode::from(2))
        }
    }
}

fn load(dicts: &[PathBuf]) -> Result<Pipeline, ExitCode> {
    Pipeline::with_dicts(dicts).map_err(|e| {
        eprintln!("petrel: error: {e}");
        ExitCode::from(2)
    })
}

/// The built-in dictionaries, or the error printed and exit code 2.
fn builtin_knowledge() -> Result<petrel_knowledge::Knowledge, ExitCode> {
    petrel_knowledge::Knowledge::builtin().map_err(|e| {
        eprintln!("petrel: error: dictionary {e}");
        ExitCode::from(2)
    })
}

/// Reads the inputs, cleans and codes each document and hands it to `each`; progress by bytes of input read
/// on stderr (`label` names the command in plain progress lines).
fn run_documents(
    label: &'static str,
    input: &InputArgs,
    mut each: impl FnMut(&Pipeline, petrel_core::Document, Vec<(String, Removal)>) -> io::Result<()>,
) -> ExitCode {
    let pipeline = match load(&input.dicts) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut skipped = 0usize;
    let mut done = 0usize;
    let consumed = Arc::new(AtomicU64::new(0));
    let mut progress = Progress::bytes(
        label,
        petrel_ingest::input_bytes(&input.inputs),
        consumed.clone(),
    );
    let mut reader = Reader::new(&input.inputs, input.date).with_byte_counter(consumed);
    if input.follow {
        reader = reader.follow(petrel::extract::fetcher());
    }
    let warnings = reader.warnings();
    for item in reader.by_ref() {
        for w in warnings.take() {
            progress.warn(&w.to_string());
        }
        match item {
            Ok(raw) => {
                let (meta, text, removed) = petrel_ingest::clean_text(raw);
                // a very long document is coded in windows (memory grows with the window)
                let mut removed = Some(removed);
                for mut doc in petrel::window::windows_of_text(meta, text) {
                    pipeline.run(&mut doc);
                    let removed = removed.take().unwrap_or_default();
                    if let Err(code) = check_io(each(&pipeline, doc, removed)) {
                        return code;
                    }
                    done += 1;
                    progress.update(done as u64);
                }
            }
            Err(issue) => {
                skipped += 1;
                progress.warn(&format!("{issue} (skipped)"));
            }
        }
    }
    for w in warnings.take() {
        progress.warn(&w.to_string());
    }
    progress.finish();
    if reader.not_english() > 0 {
        eprintln!(
            "petrel: {} document(s) not in English skipped",
            reader.not_english()
        );
    }
    if skipped > 0 {
        eprintln!(
            "petrel: {done} document(s) processed, {skipped} skipped (files, records or items; each named above)"
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Code { input, format } => {
            let format = match format {
                OutFormat::Jsonl => Format::Jsonl,
                OutFormat::Csv => Format::Csv,
                OutFormat::Table => Format::Table,
            };
            let stdout = io::stdout().lock();
            let mut writer = EventWriter::new(io::BufWriter::new(stdout), format);
            let code = run_documents("code", &input, |_, doc, _| {
                for e in &doc.events {
                    writer.write(e)?;
                }
                writer.flush_document()
            });
            let finished = writer.finish().map(|_| ());
            // a failed write was reported by run_documents (exit 2): not a second time
            if code == ExitCode::from(2) {
                return code;
            }
            if let Err(c) = check_io(finished) {
                return c;
            }
            code
        }
        Command::Annotate { input } => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            let code = run_documents("annotate", &input, |_, doc, removed| {
                let v = petrel::annotation_json(&doc, &removed).map_err(io::Error::from)?;
                serde_json::to_writer(&mut out, &v).map_err(io::Error::from)?;
                out.write_all(b"\n")
            });
            let flushed = out.flush();
            // a failed write was reported by run_documents (exit 2): not a second time
            if code == ExitCode::from(2) {
                return code;
            }
            if let Err(c) = check_io(flushed) {
                return c;
            }
            code
        }
        Command::Train {
            component,
            data,
            out,
        } => {
            let t0 = Instant::now();
            match petrel::nlp_train::train(&component, &data, &out, &mut |m| {
                eprintln!("petrel: {m}")
            }) {
                Ok(()) => {
                    eprintln!(
                        "petrel: trained {component} in {:.0}s",
                        t0.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("petrel: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::NlpEval { data, models } => {
            let t0 = Instant::now();
            let loaded = match &models {
                Some(dir) => petrel_nlp::Models::from_dir(dir),
                None => {
                    petrel_nlp::Models::builtin().map(|m| (m, petrel_nlp::models::BUILTIN_BYTES))
                }
            };
            let (models, size) = match loaded {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("petrel: error: {e}");
                    return ExitCode::from(2);
                }
            };
            let load_ms = t0.elapsed().as_secs_f64() * 1000.0;
            let knowledge = match petrel_knowledge::Knowledge::builtin() {
                Ok(k) => k,
                Err(e) => {
                    eprintln!("petrel: error: dictionary {e}");
                    return ExitCode::from(2);
                }
            };
            match petrel::nlp_train::evaluate(&data, &models, size, load_ms, &knowledge) {
                Ok(r) => {
                    println!("{}", serde_json::to_string(&r).unwrap_or_default());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("petrel: error: {e} (is the training data at --data?)");
                    ExitCode::from(2)
                }
            }
        }
        Command::Ingest {
            input,
            store,
            jobs,
            batch,
        } => {
            let pipeline = match load(&input.dicts) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let opts = petrel::store_cmd::IngestOptions {
                jobs: jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
                batch: batch.max(1),
                batch_time: std::time::Duration::from_secs(2),
            };
            ExitCode::from(petrel::store_cmd::run_ingest(
                &input.inputs,
                input.date,
                &pipeline,
                &store.db,
                &opts,
                input.follow,
            ))
        }
        Command::Events {
            store,
            filter,
            format,
        } => {
            let format = match format {
                OutFormat::Jsonl => petrel_store::export::ListFormat::Jsonl,
                OutFormat::Csv => petrel_store::export::ListFormat::Csv,
                OutFormat::Table => petrel_store::export::ListFormat::Table,
            };
            match builtin_knowledge() {
                Ok(k) => ExitCode::from(petrel::store_cmd::run_events(
                    &store.db, &filter, format, &k,
                )),
                Err(code) => code,
            }
        }
        Command::Stats {
            store,
            filter,
            json,
        } => match builtin_knowledge() {
            Ok(k) => ExitCode::from(petrel::store_cmd::run_stats(&store.db, &filter, json, &k)),
            Err(code) => code,
        },
        Command::Export {
            store,
            filter,
            format,
            output,
        } => {
            use petrel_store::export::ExportFormat as F;
            let format = match format {
                ExportKind::Gdelt => F::Gdelt,
                ExportKind::Acled => F::Acled,
                ExportKind::Plover => F::Plover,
                ExportKind::Jsonl => F::Jsonl,
                ExportKind::Parquet => F::Parquet,
            };
            match builtin_knowledge() {
                Ok(k) => ExitCode::from(petrel::store_cmd::run_export(
                    &store.db,
                    &filter,
                    format,
                    output.as_deref(),
                    &k,
                )),
                Err(code) => code,
            }
        }
        Command::Serve(args) => ExitCode::from(petrel::serve_cmd::run(&args.options())),
        Command::BenchServe(opts) => ExitCode::from(petrel::bench_serve::main(&opts)),
        Command::BenchStore {
            articles,
            events,
            jobs,
            dir,
            keep,
        } => {
            let pipeline = match load(&[]) {
                Ok(p) => p,
                Err(code) => return code,
            };
            match petrel::store_bench::run(&pipeline, articles, events, jobs, dir.as_deref(), keep)
            {
                Ok(report) => {
                    println!("{}", serde_json::to_string(&report).unwrap_or_default());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("petrel: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Eval {
            gold,
            input,
            json,
            explain,
        } => {
            let gold_rows = match petrel::eval::read_jsonl(&gold) {
                Ok(rows) => rows,
                Err(e) => {
                    eprintln!("petrel: error: {e}");
                    return ExitCode::from(2);
                }
            };
            let mut predictions = Vec::new();
            // the sentences of each document, for the error table's missed events no prediction comes from
            let mut sentences: HashMap<String, Vec<String>> = HashMap::new();
            let code = run_documents("eval", &input, |_, doc, _| {
                for e in &doc.events {
                    predictions.push(serde_json::to_value(e).map_err(io::Error::other)?);
                }
                if explain {
                    let texts = (0..doc.sentences.len())
                        .map(|i| doc.sentence_text(i).to_string())
                        .collect();
                    sentences.insert(doc.meta.id.clone(), texts);
                }
                Ok(())
            });
            if code != ExitCode::SUCCESS {
                return code;
            }
            let matching = petrel::eval::Matching::new(&gold_rows, &predictions);
            let score = matching.score();
            let explanation = explain.then(|| matching.explain(&sentences));
            let printed = if json {
                petrel::eval::to_json(&score, explanation.as_ref()).map(|s| format!("{s}\n"))
            } else {
                let mut text = score.to_text();
                if let Some(x) = &explanation {
                    text.push_str(&x.to_text());
                }
                Ok(text)
            };
            match printed {
                Ok(text) => match check_io(io::stdout().lock().write_all(text.as_bytes())) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(c) => c,
                },
                Err(e) => {
                    eprintln!("petrel: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::BenchKnowledge { runs, rounds } => {
            match petrel::bench_knowledge::run(runs, rounds) {
                Ok(r) => {
                    println!("{}", serde_json::to_string(&r).unwrap_or_default());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("petrel: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Lookup { what } => {
            let dicts = match &what {
                LookupWhat::Actor { dicts, .. } | LookupWhat::Place { dicts, .. } => dicts,
            };
            let k = match petrel::lookup::load_knowledge(dicts) {
                Ok(k) => k,
                Err(e) => {
                    eprintln!("petrel: error: {e}");
                    return ExitCode::from(2);
                }
            };
            let (report, found) = match &what {
                LookupWhat::Actor { name, date, .. } => petrel::lookup::actor(&k, name, *date),
                LookupWhat::Place { name, country, .. } => {
                    match petrel::lookup::place(&k, name, country.as_deref()) {
                        Ok(r) => r,
                        Err(e) => {
                            eprintln!("petrel: error: {e}");
                            return ExitCode::from(2);
                        }
                    }
                }
            };
            let text = serde_json::to_string_pretty(&report).unwrap_or_default();
            if let Err(c) = check_io(writeln!(io::stdout().lock(), "{text}")) {
                return c;
            }
            if found {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Extract {
            inputs,
            date,
            all_languages,
            follow,
        } => {
            let consumed = Arc::new(AtomicU64::new(0));
            let mut progress = Progress::bytes(
                "extract",
                petrel_ingest::input_bytes(&inputs),
                consumed.clone(),
            );
            let mut reader = Reader::new(&inputs, date).with_byte_counter(consumed);
            if follow {
                reader = reader.follow(petrel::extract::fetcher());
            }
            if all_languages {
                reader = reader.all_languages();
            }
            let mut out = io::BufWriter::new(io::stdout().lock());
            let counts =
                petrel::extract::extract_to(&mut reader, &mut out, &mut |w, done| match w {
                    Some(w) => progress.warn(w),
                    None => progress.update(done as u64),
                });
            progress.finish();
            let counts = match counts.and_then(|c| out.flush().map(|_| c)) {
                Ok(c) => c,
                Err(e) => return check_io(Err(e)).err().unwrap_or(ExitCode::from(2)),
            };
            if counts.not_english > 0 {
                eprintln!(
                    "petrel: {} document(s) not in English skipped",
                    counts.not_english
                );
            }
            if counts.skipped > 0 {
                eprintln!(
                    "petrel: {} document(s) extracted, {} skipped (files, records or items; each named above)",
                    counts.written, counts.skipped
                );
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Command::BenchExtract {
            data,
            pages: report_path,
            petrel_only,
            passes,
        } => {
            let passes = passes as usize;
            let pages = match petrel::extract::load_bench(&data) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("petrel: error: {e} (is the benchmark data at --data?)");
                    return ExitCode::from(2);
                }
            };
            let mut progress = Progress::documents_on_terminal(Some(pages.len() as u64));
            let mut lines = Vec::new();
            let report = petrel::extract::bench(&pages, passes, |i, page| {
                progress.update(i as u64 + 1);
                if report_path.is_some() {
                    lines.push(petrel::extract::page_report(&pages[i], page));
                }
            });
            progress.finish();
            if let Some(path) = report_path {
                if let Err(e) = std::fs::write(&path, lines.join("")) {
                    eprintln!("petrel: error: {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
            let trafilatura = if petrel_only {
                None
            } else {
                match petrel::bench_extract::run_trafilatura(&data, report.pages, passes) {
                    Ok(figures) => Some(figures),
                    Err(e) => {
                        eprintln!("petrel: warning: Python trafilatura skipped: {e}");
                        None
                    }
                }
            };
            let complete = petrel_only || trafilatura.is_some();
            let line = petrel::bench_extract::bench_line(report, trafilatura, passes);
            println!("{}", serde_json::to_string(&line).unwrap_or_default());
            if complete {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Bench { docs } => {
            let load_start = Instant::now();
            let pipeline = match load(&[]) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let load_ms = load_start.elapsed().as_secs_f64() * 1000.0;
            let mut progress = Progress::documents_on_terminal(Some(docs as u64));
            let report = petrel::bench::run(&pipeline, docs, |d| progress.update(d as u64));
            progress.finish();
            let mut v = serde_json::to_value(&report).unwrap_or_default();
            if let Some(obj) = v.as_object_mut() {
                obj.insert("load_ms".into(), ((load_ms * 10.0).round() / 10.0).into());
            }
            println!("{v}");
            ExitCode::SUCCESS
        }
    }
}
