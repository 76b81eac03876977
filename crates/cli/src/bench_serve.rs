//! `petrel bench-serve`: requests per second and latency of `petrel serve` over a large database.
//!
//! A database of generated events (the generator of `petrel bench-store`, 1,000,000 events by default; or an
//! existing file) is served on an ephemeral 127.0.0.1 port by the real server, then each endpoint gets a fixed
//! number of requests from `clients` keep-alive connections at once (threads of this process, so the figures
//! include the clients' own work on the same cores). Latency is from the request's first byte written to the
//! answer's last byte read. Every request is bounded: the count is fixed and each read has a 60 s timeout.

use crate::serve_cmd::{start, ServeOptions};
use crate::store_cmd::open_store;
use crate::Pipeline;
use petrel_store::Mode;
use serde::Serialize;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Figures of one endpoint.
#[derive(Debug, Serialize)]
pub struct EndpointFigures {
    /// What was asked.
    pub name: String,
    /// One of the paths requested.
    pub example: String,
    /// Requests sent.
    pub requests: usize,
    /// Answers that were not 200.
    pub errors: usize,
    /// Requests per second over the run.
    pub requests_per_s: f64,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
    /// Slowest, ms.
    pub max_ms: f64,
}

/// The figures.
#[derive(Debug, Serialize)]
pub struct ServeBenchReport {
    /// Events in the database.
    pub events: i64,
    /// Seconds spent generating them (0 for an existing database).
    pub generate_s: f64,
    /// Concurrent connections.
    pub clients: usize,
    /// The server's worker threads.
    pub server_threads: usize,
    /// Milliseconds of the first `/api/stats` over the whole database (nothing kept yet).
    pub stats_all_cold_ms: f64,
    /// Per endpoint.
    pub endpoints: Vec<EndpointFigures>,
}

/// What to run (`petrel bench-serve`'s arguments).
#[derive(clap::Args, Clone, Debug)]
pub struct ServeBenchOptions {
    /// Events to generate.
    #[arg(long, default_value_t = 1_000_000)]
    pub events: usize,
    /// Concurrent connections.
    #[arg(long, default_value_t = 32)]
    pub clients: usize,
    /// Requests per endpoint.
    #[arg(long, default_value_t = 2000)]
    pub requests: usize,
    /// Serve this existing database instead of generating one.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Folder for the generated database (deleted afterwards).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Keep the generated database (to rerun with --db).
    #[arg(long)]
    pub keep: bool,
}

/// `petrel bench-serve`: prints the figures as one JSON line; exit code 0, or 2 on an error (printed).
pub fn main(opts: &ServeBenchOptions) -> u8 {
    let result = Pipeline::builtin().and_then(|pipeline| run(&pipeline, opts));
    match result {
        Ok(report) => {
            println!("{}", serde_json::to_string(&report).unwrap_or_default());
            0
        }
        Err(e) => {
            eprintln!("petrel: error: {e}");
            2
        }
    }
}

/// A keep-alive HTTP/1.1 connection that sends GETs and reads whole answers.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(addr: SocketAddr) -> std::io::Result<Client> {
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(60)))?;
        Ok(Client {
            reader: BufReader::new(s.try_clone()?),
            writer: s,
        })
    }

    /// The status of a GET, its body read to the end.
    fn get(&mut self, path: &str) -> std::io::Result<u16> {
        write!(self.writer, "GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n")?;
        self.writer.flush()?;
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("no status line"))?;
        let mut length = None;
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(bad("the connection closed in the headers"));
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse::<u64>().ok();
                }
            }
        }
        let length = length.ok_or_else(|| bad("no Content-Length"))?;
        std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())?;
        Ok(status)
    }
}

/// Sends `paths` (in order, spread over `clients` connections) and measures.
fn measure(addr: SocketAddr, name: &str, paths: &[String], clients: usize) -> EndpointFigures {
    let clients = clients.clamp(1, paths.len().max(1));
    let per = paths.len().div_ceil(clients);
    let start = Instant::now();
    let results: Vec<(Vec<f64>, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(per.max(1))
            .map(|chunk| {
                s.spawn(move || {
                    let mut times = Vec::with_capacity(chunk.len());
                    let mut errors = 0;
                    let mut client = Client::connect(addr).ok();
                    for p in chunk {
                        let t = Instant::now();
                        let ok = match client.as_mut().map(|c| c.get(p)) {
                            Some(Ok(200)) => true,
                            Some(Ok(_)) => false,
                            _ => {
                                client = Client::connect(addr).ok();
                                false
                            }
                        };
                        times.push(t.elapsed().as_secs_f64() * 1000.0);
                        errors += usize::from(!ok);
                    }
                    (times, errors)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let seconds = start.elapsed().as_secs_f64();
    let mut times: Vec<f64> = results.iter().flat_map(|r| r.0.iter().copied()).collect();
    let errors = results.iter().map(|r| r.1).sum();
    times.sort_by(f64::total_cmp);
    let pct = |q: f64| {
        if times.is_empty() {
            return 0.0;
        }
        let i = ((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1;
        (times[i] * 100.0).round() / 100.0
    };
    EndpointFigures {
        name: name.to_string(),
        example: paths.first().cloned().unwrap_or_default(),
        requests: times.len(),
        errors,
        requests_per_s: (times.len() as f64 / seconds.max(1e-9) * 10.0).round() / 10.0,
        p50_ms: pct(0.5),
        p99_ms: pct(0.99),
        max_ms: pct(1.0),
    }
}

/// Runs the benchmark.
pub fn run(pipeline: &Pipeline, opts: &ServeBenchOptions) -> Result<ServeBenchReport, String> {
    let (db, generated_in) = match &opts.db {
        Some(db) => (db.clone(), None),
        None => {
            let base = opts.dir.clone().unwrap_or_else(std::env::temp_dir);
            let dir = base.join(format!("petrel-bench-serve-{}", std::process::id()));
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            (dir.join("serve.db"), Some(dir))
        }
    };
    let result = run_on(pipeline, opts, &db, generated_in.is_some());
    if let Some(dir) = generated_in {
        if opts.keep {
            eprintln!("petrel: bench-serve: database kept in {}", db.display());
        } else {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    result
}

fn run_on(
    pipeline: &Pipeline,
    opts: &ServeBenchOptions,
    db: &Path,
    generate: bool,
) -> Result<ServeBenchReport, String> {
    let err = |e: petrel_store::StoreError| e.to_string();
    let t0 = Instant::now();
    if generate {
        let mut store = open_store(db, Mode::ReadWrite, &pipeline.knowledge).map_err(err)?;
        crate::store_bench::generate(&mut store, pipeline, opts.events)?;
        store
            .connection()
            .execute_batch("ANALYZE; PRAGMA optimize;")
            .map_err(|e| e.to_string())?;
        store.checkpoint().map_err(err)?;
    }
    let generate_s = if generate {
        t0.elapsed().as_secs_f64()
    } else {
        0.0
    };
    let store = open_store(db, Mode::ReadOnly, &pipeline.knowledge).map_err(err)?;
    let events = store.counts().map_err(err)?[1].1;
    let max_id: i64 = store
        .connection()
        .query_row("SELECT coalesce(max(id), 1) FROM events", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    drop(store);

    let serve = ServeOptions::new(db.to_path_buf(), "127.0.0.1:0");
    let server_threads = serve.threads;
    let server = start(&serve)?;
    let addr = server.addr;
    let mut client = Client::connect(addr).map_err(|e| e.to_string())?;
    let t = Instant::now();
    let status = client.get("/api/stats").map_err(|e| e.to_string())?;
    let stats_all_cold_ms = (t.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0;
    if status != 200 {
        return Err(format!("/api/stats answered {status}"));
    }

    // the countries that have events, as the filters would name them
    let countries: Vec<&str> = pipeline
        .knowledge
        .countries
        .iter()
        .filter(|c| pipeline.knowledge.gazetteer.country(&c.iso2).is_some())
        .map(|c| c.iso3.as_str())
        .collect();
    let n = opts.requests.max(1);
    let mut rng = crate::bench::Rng(0x5e27_e000_0000_0019);
    // a country and a month of 2022-2023 (each request its own: no answer is the same twice)
    let month = |rng: &mut crate::bench::Rng| {
        let m = rng.next_u64() % 24;
        let (y, m) = (2022 + m / 12, m % 12 + 1);
        let c = rng.pick(&countries);
        (c, format!("from={y}-{m:02}-01&to={y}-{m:02}-28"))
    };
    let mut endpoints = Vec::new();
    let mut add = |name: &str, paths: Vec<String>| {
        endpoints.push(measure(addr, name, &paths, opts.clients));
    };
    add(
        "stats: whole database (kept answer)",
        (0..n).map(|_| "/api/stats".to_string()).collect(),
    );
    add(
        "events: country + month, limit 100",
        (0..n)
            .map(|_| {
                let (c, range) = month(&mut rng);
                format!("/api/events?country={c}&{range}&limit=100")
            })
            .collect(),
    );
    add(
        "events: CAMEO root + month, limit 100",
        (0..n)
            .map(|_| {
                let (_, range) = month(&mut rng);
                format!(
                    "/api/events?cameo={}&{range}&limit=100",
                    1 + rng.next_u64() % 20
                )
            })
            .collect(),
    );
    add(
        "events: actor prefix + month, limit 100",
        (0..n)
            .map(|_| {
                let (c, range) = month(&mut rng);
                format!("/api/events?actor={c}&{range}&limit=100")
            })
            .collect(),
    );
    add(
        "stats: country + month (each query new)",
        (0..n)
            .map(|_| {
                let (c, range) = month(&mut rng);
                let d = 1 + rng.next_u64() % 20;
                format!(
                    "/api/stats?country={c}&{}",
                    range.replace("-28", &format!("-{:02}", 8 + d))
                )
            })
            .collect(),
    );
    add(
        "events/{id}",
        (0..n)
            .map(|_| format!("/api/events/{}", 1 + rng.next_u64() % max_id as u64))
            .collect(),
    );
    add(
        "health",
        (0..n).map(|_| "/api/health".to_string()).collect(),
    );
    drop(client);
    server.stop()?;
    Ok(ServeBenchReport {
        events,
        generate_s: (generate_s * 10.0).round() / 10.0,
        clients: opts.clients,
        server_threads,
        stats_all_cold_ms,
        endpoints,
    })
}
