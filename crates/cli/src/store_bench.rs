//! `petrel bench-store`: the event database's figures.
//!
//! 1. Ingest: synthetic ~600-word articles (two benchmark documents each) coded by the full pipeline on `jobs`
//!    threads and stored, articles per second end to end.
//! 2. Scale: events generated directly (random countries, CAMEO codes, actors, places and days over two years,
//!    through the same writer and de-duplication) until the store holds the requested number; then filtered
//!    queries are timed (median of 5) and the bytes per event measured with SQLite's `dbstat` (tables and
//!    indexes of events, mentions, actors, places — article text and its full-text index aside).

use crate::bench::{synthetic_document, Rng};
use crate::store_cmd::{ingest_documents, open_store, IngestOptions, Progress};
use crate::Pipeline;
use petrel_core::event::Acled;
use petrel_core::{
    Actor, Date, DatePrecision, Document, Event, EventActor, Location, Metadata, Modality, Plover,
    TextSpan,
};
use petrel_store::{EventFilter, Mode, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One timed query.
#[derive(Debug, Serialize)]
pub struct QueryTiming {
    /// What the filter asks.
    pub query: String,
    /// Events returned.
    pub rows: usize,
    /// Median milliseconds, events only.
    pub ms: f64,
    /// Median milliseconds with every event's mentions loaded (what `petrel events` shows).
    pub ms_with_mentions: f64,
}

/// The figures.
#[derive(Debug, Serialize)]
pub struct StoreBenchReport {
    /// Articles ingested.
    pub articles: usize,
    /// Mean words per article.
    pub words_per_article: f64,
    /// Coding threads.
    pub jobs: usize,
    /// Articles per second, coding and storing.
    pub articles_per_s: f64,
    /// Articles per second the writer alone sustains on one thread (storing, de-duplication, indexes; the
    /// articles coded beforehand).
    pub store_articles_per_s: f64,
    /// CPU seconds the whole ingest used (all threads).
    pub ingest_cpu_s: Option<f64>,
    /// Articles per CPU-second times `jobs`: the rate `jobs` cores of its own would give.
    pub articles_per_s_cpu: Option<f64>,
    /// The writer alone, per CPU-second of its thread.
    pub store_articles_per_cpu_s: Option<f64>,
    /// Mentions per article.
    pub mentions_per_article: f64,
    /// Events in the scale database.
    pub events: i64,
    /// Mentions in it.
    pub mentions: i64,
    /// Seconds to generate and store them.
    pub generate_s: f64,
    /// Mentions stored per second while generating (de-duplication included).
    pub mentions_per_s: f64,
    /// Query timings.
    pub queries: Vec<QueryTiming>,
    /// Slowest median query, ms (events only).
    pub max_query_ms: f64,
    /// Bytes on disk per event: events, mentions, actors, places and their indexes.
    pub bytes_per_event: f64,
    /// Whole file size per event, including the (short) generated documents and their index.
    pub file_bytes_per_event: f64,
}

/// CPU seconds (user + system) of this process (`/proc/self/stat`) or this thread (`/proc/thread-self/stat`),
/// when known: on a shared machine, wall-clock rates also measure the neighbours.
fn cpu_seconds(which: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{which}/stat")).ok()?;
    // fields after the command name, which is in parentheses and may hold spaces
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn temp_dir(dir: Option<&Path>) -> PathBuf {
    let base = dir.map_or_else(std::env::temp_dir, Path::to_path_buf);
    base.join(format!("petrel-bench-store-{}", std::process::id()))
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Runs the benchmark; databases live in a temporary folder, removed at the end unless `keep`.
pub fn run(
    pipeline: &Pipeline,
    articles: usize,
    events: usize,
    jobs: usize,
    dir: Option<&Path>,
    keep: bool,
) -> Result<StoreBenchReport, String> {
    let dir = temp_dir(dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let result = run_in(pipeline, articles, events, jobs, &dir);
    if keep {
        eprintln!("petrel: bench-store: databases kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn run_in(
    pipeline: &Pipeline,
    articles: usize,
    events: usize,
    jobs: usize,
    dir: &Path,
) -> Result<StoreBenchReport, String> {
    // 1. ingest
    let texts: Vec<String> = (0..articles)
        .map(|i| {
            format!(
                "{}\n\n{}",
                synthetic_document(i),
                synthetic_document(i + 1_000_000)
            )
        })
        .collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let for_ingest = texts.clone();
    let docs = move || {
        for_ingest
            .into_iter()
            .enumerate()
            .map(|(i, text)| Ok(article(i, &text)))
    };
    let mut store =
        open_store(&dir.join("ingest.db"), Mode::ReadWrite, &pipeline.knowledge).map_err(err)?;
    let opts = IngestOptions {
        jobs,
        batch: 64,
        batch_time: Duration::from_secs(2),
    };
    let cpu0 = cpu_seconds("self");
    let report =
        ingest_documents(&mut store, pipeline, docs, &opts, &mut Progress::quiet()).map_err(err)?;
    let articles_per_s = report.stored as f64 / report.seconds.max(1e-9);
    let ingest_cpu_s = cpu_seconds("self").zip(cpu0).map(|(b, a)| b - a);
    drop(store);
    // the writer alone: the same articles coded beforehand (untimed), then stored on one thread with no
    // coding beside it
    let mut coded: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article(i, t))
        .collect();
    let per = coded.len().div_ceil(jobs.max(1)).max(1);
    std::thread::scope(|s| {
        for chunk in coded.chunks_mut(per) {
            s.spawn(move || chunk.iter_mut().for_each(|d| pipeline.run(d)));
        }
    });
    let mut store = open_store(
        &dir.join("store-only.db"),
        Mode::ReadWrite,
        &pipeline.knowledge,
    )
    .map_err(err)?;
    let t = Instant::now();
    let tcpu0 = cpu_seconds("thread-self");
    for chunk in coded.chunks(64) {
        let mut batch = store.batch().map_err(err)?;
        for d in chunk {
            batch.add_document(d).map_err(err)?;
        }
        batch.commit().map_err(err)?;
    }
    let store_seconds = t.elapsed().as_secs_f64();
    let store_cpu_s = cpu_seconds("thread-self").zip(tcpu0).map(|(b, a)| b - a);
    drop(store);

    // 2. scale
    let path = dir.join("scale.db");
    let mut store = open_store(&path, Mode::ReadWrite, &pipeline.knowledge).map_err(err)?;
    let t0 = Instant::now();
    let mentions = generate(&mut store, pipeline, events)?;
    let generate_s = t0.elapsed().as_secs_f64();
    store
        .connection()
        .execute_batch("ANALYZE; PRAGMA optimize;")
        .map_err(err)?;
    store.checkpoint().map_err(err)?;
    let counts = store.counts().map_err(err)?;
    let n_events = counts[1].1;
    let n_mentions = counts[2].1;
    let event_bytes: i64 = store
        .connection()
        .query_row(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name IN
             ('events', 'mentions', 'actors', 'places'))",
            [],
            |r| r.get(0),
        )
        .map_err(err)?;
    let file_bytes = std::fs::metadata(&path).map_err(err)?.len();
    drop(store);

    // queries on a fresh read-only connection, as `petrel events` would run them
    let mut store = open_store(&path, Mode::ReadOnly, &pipeline.knowledge).map_err(err)?;
    let d = |m, day| Date::new(2022, m, day);
    let queries: Vec<(&str, EventFilter)> = vec![
        (
            "country KAZ, 2022-01-02..2022-01-10",
            EventFilter {
                country: Some("KAZ".into()),
                from: d(1, 2),
                to: d(1, 10),
                ..Default::default()
            },
        ),
        (
            "CAMEO root 14, 2022-03-01..2022-03-31",
            EventFilter {
                cameo: Some("14".into()),
                from: d(3, 1),
                to: d(3, 31),
                ..Default::default()
            },
        ),
        (
            "actor RUS*, 2022-02-01..2022-02-10",
            EventFilter {
                actor: Some("RUS".into()),
                from: d(2, 1),
                to: d(2, 10),
                ..Default::default()
            },
        ),
        (
            "PLOVER PROTEST in FRA, min 2 sources, 2022",
            EventFilter {
                plover: Some("PROTEST".into()),
                country: Some("FRA".into()),
                min_sources: Some(2),
                from: d(1, 1),
                to: d(12, 31),
                ..Default::default()
            },
        ),
        (
            "place Kazakhstan, 2022-01-01..2022-01-31",
            EventFilter {
                place: Some("Kazakhstan".into()),
                from: d(1, 1),
                to: d(1, 31),
                ..Default::default()
            },
        ),
        (
            "text ceasefire, 2022-01-05..2022-01-06",
            EventFilter {
                text: Some("ceasefire".into()),
                from: d(1, 5),
                to: d(1, 6),
                ..Default::default()
            },
        ),
    ];
    let mut timings = Vec::new();
    for (name, f) in queries {
        let mut runs = Vec::new();
        let mut runs_m = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let t = Instant::now();
            rows = store.events(&f, false).map_err(err)?.len();
            runs.push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            store.events(&f, true).map_err(err)?;
            runs_m.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        runs.sort_by(f64::total_cmp);
        runs_m.sort_by(f64::total_cmp);
        timings.push(QueryTiming {
            query: name.into(),
            rows,
            ms: (runs[2] * 100.0).round() / 100.0,
            ms_with_mentions: (runs_m[2] * 100.0).round() / 100.0,
        });
    }
    let _ = &mut store;
    let max_query_ms = timings.iter().map(|t| t.ms).fold(0.0, f64::max);
    let per = |b: f64| (b / n_events.max(1) as f64 * 10.0).round() / 10.0;
    Ok(StoreBenchReport {
        articles: report.stored,
        words_per_article: (words as f64 / articles.max(1) as f64).round(),
        jobs,
        articles_per_s: (articles_per_s * 10.0).round() / 10.0,
        store_articles_per_s: (coded.len() as f64 / store_seconds.max(1e-9)).round(),
        ingest_cpu_s: ingest_cpu_s.map(|c| (c * 100.0).round() / 100.0),
        articles_per_s_cpu: ingest_cpu_s
            .filter(|c| *c > 0.0)
            .map(|c| (report.stored as f64 / c * jobs as f64 * 10.0).round() / 10.0),
        store_articles_per_cpu_s: store_cpu_s
            .filter(|c| *c > 0.0)
            .map(|c| (coded.len() as f64 / c).round()),
        mentions_per_article: (report.mentions as f64 / report.stored.max(1) as f64 * 10.0).round()
            / 10.0,
        events: n_events,
        mentions: n_mentions,
        generate_s: (generate_s * 10.0).round() / 10.0,
        mentions_per_s: (mentions as f64 / generate_s.max(1e-9)).round(),
        queries: timings,
        max_query_ms,
        bytes_per_event: per(event_bytes as f64),
        file_bytes_per_event: per(file_bytes as f64),
    })
}

/// Benchmark article `i`, published on 7 January 2022 by one of seven outlets.
fn article(i: usize, text: &str) -> Document {
    let meta = Metadata {
        id: format!("article-{i}"),
        url: Some(format!("https://outlet{}.example/news/{i}", i % 7)),
        date: Date::new(2022, 1, 7),
        source: "bench".into(),
        ..Metadata::default()
    };
    Document::new(meta, petrel_ingest::normalize(text))
}

const SECTORS: &[&str] = &["GOV", "MIL", "COP", "CVL", "OPP", "BUS", "MED", "JUD"];
const WORDS: &[&str] = &[
    "protested",
    "met",
    "attacked",
    "arrested",
    "deployed",
    "urged",
    "signed",
    "ceasefire",
    "border",
    "troops",
    "election",
    "parliament",
    "minister",
    "police",
    "rally",
    "sanctions",
    "talks",
    "agreement",
    "strike",
    "clashes",
    "capital",
    "opposition",
    "court",
    "refugees",
    "aid",
    "curfew",
    "army",
    "rebels",
    "summit",
    "embassy",
];

/// Stores generated events until the store holds `target` events; returns the mentions stored. The events are
/// random (countries, CAMEO codes, actors, places, days over 2022-2023) but the same on every run.
pub fn generate(store: &mut Store, pipeline: &Pipeline, target: usize) -> Result<usize, String> {
    let k = &pipeline.knowledge;
    let codes: Vec<&petrel_knowledge::ontology::CameoCode> = (1..=20)
        .flat_map(|root| {
            std::iter::once(format!("{root:02}"))
                .chain((0..10).map(move |a| format!("{root:02}{a}")))
                .chain((0..100).map(move |a| format!("{root:02}{a:02}")))
        })
        .filter_map(|c| k.ontology.get(&c))
        .collect();
    let countries: Vec<&petrel_knowledge::actors::Country> = k
        .countries
        .iter()
        .filter(|c| k.gazetteer.country(&c.iso2).is_some())
        .collect();
    if codes.is_empty() || countries.is_empty() {
        return Err("the built-in dictionaries have no CAMEO codes or countries".into());
    }
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let base = Date::new(2022, 1, 1).map_or(0, |d| d.to_days());
    let mut mentions = 0;
    let mut doc_no = 0usize;
    loop {
        let have = store.counts().map_err(err)?[1].1 as usize;
        if have >= target {
            return Ok(mentions);
        }
        // enough documents of 10 events for what is missing, in batches of 1,000 documents
        let docs_needed = ((target - have) / 10 + 1).min(1000);
        let mut batch = store.batch().map_err(err)?;
        for _ in 0..docs_needed {
            let text = format!(
                "Generated report {doc_no}: {} {} {} {}.",
                rng.pick(WORDS),
                rng.pick(WORDS),
                rng.pick(WORDS),
                rng.pick(WORDS)
            );
            let meta = Metadata {
                id: format!("gen-{doc_no}"),
                url: Some(format!(
                    "https://outlet{}.example/{doc_no}",
                    rng.next_u64() % 50
                )),
                date: Some(Date::from_days(base + (rng.next_u64() % 730) as i64)),
                source: "generated".into(),
                ..Metadata::default()
            };
            let mut doc = Document::new(meta, text);
            for s in 0..10 {
                let code = rng.pick(&codes);
                let c1 = rng.pick(&countries);
                let c2 = rng.pick(&countries);
                let actor = |c: &petrel_knowledge::actors::Country, sector: &str| Actor {
                    code: format!("{}{sector}", c.iso3),
                    country: Some(c.iso3.clone()),
                    sector: Some(sector.to_string()),
                    name: c.name.clone(),
                };
                let place = k.gazetteer.country(&c1.iso2);
                let day = base + (rng.next_u64() % 730) as i64;
                let trigger_end = 16usize;
                doc.events.push(Event {
                    id: format!("{:016x}", rng.next_u64()),
                    doc: doc.meta.id.clone(),
                    sentence: s,
                    text: String::new(),
                    trigger: TextSpan {
                        text: String::new(),
                        start: 0,
                        end: trigger_end,
                    },
                    source: Some(EventActor {
                        text: String::new(),
                        start: 0,
                        end: 9,
                        actor: actor(c1, rng.pick(SECTORS)),
                    }),
                    // two events in three have a target
                    target: (rng.next_u64() % 3 < 2).then(|| EventActor {
                        text: String::new(),
                        start: 10,
                        end: 16,
                        actor: actor(c2, rng.pick(SECTORS)),
                    }),
                    cameo: code.code.clone(),
                    // (ACLED coding as the coder gives it: the type, then actor types, fatalities, precision)
                    acled: k.ontology.acled(&code.code).cloned().map(|t| Acled {
                        inter1: Some(1),
                        inter2: Some(7),
                        interaction: Some(17),
                        fatalities: 0,
                        time_precision: Some(1),
                        geo_precision: Some(1),
                        ..Acled::from(t)
                    }),
                    same_as: None,
                    cameo_name: code.name.clone(),
                    goldstein: code.goldstein,
                    quad_class: code.quad_class,
                    plover: Plover {
                        kind: code.plover_type.clone(),
                        mode: code.plover_mode.clone(),
                        context: code.plover_context.clone(),
                    },
                    date: Some(Date::from_days(day)),
                    date_precision: Some(DatePrecision::Day),
                    location: place.map(|p| Location {
                        name: p.name.clone(),
                        geonameid: p.geonameid,
                        lat: p.lat,
                        lon: p.lon,
                        country: c1.iso2.clone(),
                        admin1: None,
                        basis: "document".into(),
                    }),
                    counts: Vec::new(),
                    modality: Modality::Asserted,
                    quote: None,
                    confidence: 0.8,
                    evidence: format!("pattern:events.txt:{} generated", rng.next_u64() % 2000),
                });
            }
            doc_no += 1;
            if let petrel_store::DocOutcome::Added { mentions: m, .. } =
                batch.add_document(&doc).map_err(err)?
            {
                mentions += m;
            }
        }
        batch.commit().map_err(err)?;
    }
}
