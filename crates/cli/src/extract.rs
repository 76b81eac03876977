//! `petrel extract` (what petrel made of each input document, as JSONL) and `petrel bench-extract` (article
//! extraction measured on the ScrapingHub and WCXB benchmark pages).

use petrel_core::Date;
use petrel_ingest::{clean_text, decode_html, extract_page, RawDoc, Reader};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The fetcher `--follow` uses: 20 s timeout per request, at most one request per host per second.
pub fn fetcher() -> petrel_ingest::follow::Fetcher {
    petrel_ingest::follow::Fetcher::new(
        std::time::Duration::from_secs(20),
        std::time::Duration::from_secs(1),
    )
}

/// One line of `petrel extract`.
#[derive(Serialize)]
pub struct Extracted<'a> {
    /// Document id.
    pub id: &'a str,
    /// Where it was read from (file, line, record or item).
    pub source: &'a str,
    /// The URL it was fetched from (WARC target, feed link, record URL) or, for a saved page, its canonical URL.
    pub url: Option<&'a str>,
    /// The page's canonical URL.
    pub canonical_url: Option<&'a str>,
    /// The site's name.
    pub site: Option<&'a str>,
    /// Headline.
    pub title: Option<&'a str>,
    /// Author(s).
    pub author: Option<&'a str>,
    /// Publication day, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where the date came from: json_ld, meta, time, url, text, feed, record, warc (capture date) or given.
    pub date_source: Option<&'static str>,
    /// Language code (ISO 639-3 from the text, else as declared).
    pub language: Option<&'a str>,
    /// The cleaned text, one paragraph per line.
    pub text: &'a str,
}

/// Counts from a run of `petrel extract`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ExtractCounts {
    /// Documents written.
    pub written: usize,
    /// Inputs or records skipped with a warning.
    pub skipped: usize,
    /// Documents skipped because they are not in English.
    pub not_english: usize,
}

/// Writes one JSON line per document of `reader` to `out`. `report` hears of each problem
/// (`Some(warning)`) and of each document written (`None`, for progress), with the count written so far.
pub fn extract_to(
    reader: &mut Reader,
    out: &mut dyn Write,
    report: &mut dyn FnMut(Option<&str>, usize),
) -> io::Result<ExtractCounts> {
    let mut counts = ExtractCounts::default();
    let warnings = reader.warnings();
    for item in reader.by_ref() {
        for w in warnings.take() {
            report(Some(&w.to_string()), counts.written);
        }
        match item {
            Ok(raw) => {
                write_doc(raw, out)?;
                counts.written += 1;
                report(None, counts.written);
            }
            Err(issue) => {
                counts.skipped += 1;
                report(Some(&format!("{issue} (skipped)")), counts.written);
            }
        }
    }
    for w in warnings.take() {
        report(Some(&w.to_string()), counts.written);
    }
    counts.not_english = reader.not_english();
    Ok(counts)
}

/// Writes one line of `petrel extract` for a raw document (its text cleaned first).
pub fn write_doc(raw: RawDoc, out: &mut dyn Write) -> io::Result<()> {
    let info = raw.info.clone();
    // the text only, not a document: a document's code-point index takes 8 bytes a character (400 MB for a
    // 50 MB text)
    let (meta, text, _) = clean_text(raw);
    let line = Extracted {
        id: &meta.id,
        source: &meta.source,
        url: meta.url.as_deref(),
        canonical_url: info.canonical_url.as_deref(),
        site: info.site.as_deref(),
        title: meta.title.as_deref(),
        author: info.author.as_deref(),
        date: meta.date.map(|d| d.to_string()),
        date_source: info.date_source.map(|s| s.as_str()),
        language: info.language.as_deref(),
        text: &text,
    };
    // `From` keeps the kind of a write error (a closed pipe ends petrel quietly)
    serde_json::to_writer(&mut *out, &line).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The figures `petrel bench-extract` prints for one extractor (petrel, or Python trafilatura as
/// scripts/bench_extract.py prints them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractBench {
    /// Which extractor.
    pub extractor: String,
    /// Mean word F1 of the body on scrapinghub/.
    pub body_f1_scrapinghub: f64,
    /// Mean word F1 of the body on wcxb-dev/.
    pub body_f1_wcxb_dev: f64,
    /// Share of wcxb-dev pages whose title matches (case and white space aside).
    pub title_accuracy_wcxb_dev: f64,
    /// Share of dated wcxb-dev pages whose publication day is found exactly.
    pub day_accuracy_wcxb_dev: f64,
    /// Pages measured.
    pub pages: usize,
    /// Pages per second of CPU time on one thread (decoding and extraction; reading files not counted).
    pub pages_per_s: f64,
    /// Pages per second of wall-clock time.
    pub pages_per_s_wall: f64,
}

/// One benchmark page with its gold answers.
pub struct BenchPage {
    /// The page's id in its set.
    pub id: String,
    /// `scrapinghub` or `wcxb-dev`.
    pub set: &'static str,
    /// The page's bytes.
    pub html: Vec<u8>,
    /// The page's URL.
    pub url: Option<String>,
    /// Gold body text.
    pub body: String,
    /// Gold title (wcxb-dev).
    pub title: Option<String>,
    /// Gold publication day (wcxb-dev).
    pub day: Option<String>,
}

fn gunzip(path: &Path) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(f)
        .read_to_end(&mut out)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(out)
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Loads scrapinghub/ and wcxb-dev/ from the extraction benchmark folder (format: its README.md), in the
/// order scripts/bench_extract.py reads them.
pub fn load_bench(data: &Path) -> Result<Vec<BenchPage>, String> {
    let mut pages = Vec::new();
    let sh = data.join("scrapinghub");
    let gt = read_json(&sh.join("ground-truth.json"))?;
    let gt = gt
        .as_object()
        .ok_or("scrapinghub/ground-truth.json: not an object")?;
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    for id in ids {
        let g = &gt[id];
        pages.push(BenchPage {
            set: "scrapinghub",
            id: id.clone(),
            html: gunzip(&sh.join("html").join(format!("{id}.html.gz")))?,
            url: g["url"].as_str().map(str::to_string),
            body: g["articleBody"].as_str().unwrap_or("").to_string(),
            title: None,
            day: None,
        });
    }
    let wc = data.join("wcxb-dev");
    let mut names: Vec<PathBuf> = std::fs::read_dir(wc.join("ground-truth"))
        .map_err(|e| format!("{}: {e}", wc.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    for p in names {
        let v = read_json(&p)?;
        let g = &v["ground_truth"];
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        pages.push(BenchPage {
            set: "wcxb-dev",
            id: stem.clone(),
            html: gunzip(&wc.join("html").join(format!("{stem}.html.gz")))?,
            url: v["url"].as_str().map(str::to_string),
            body: g["main_content"].as_str().unwrap_or("").to_string(),
            title: Some(g["title"].as_str().unwrap_or("").to_string()),
            day: g["publish_date"]
                .as_str()
                .filter(|d| d.len() >= 10)
                .map(|d| d[..10].to_string()),
        });
    }
    Ok(pages)
}

/// Word-level F1: lowercased, split on white space, tokens compared as a multiset (the benchmark's convention).
pub fn word_f1(pred: &str, gold: &str) -> f64 {
    let pred = pred.to_lowercase();
    let gold = gold.to_lowercase();
    let mut counts: HashMap<&str, i64> = HashMap::new();
    let mut n_gold = 0usize;
    for w in gold.split_whitespace() {
        *counts.entry(w).or_default() += 1;
        n_gold += 1;
    }
    let mut n_pred = 0usize;
    let mut tp = 0usize;
    for w in pred.split_whitespace() {
        n_pred += 1;
        if let Some(c) = counts.get_mut(w) {
            if *c > 0 {
                *c -= 1;
                tp += 1;
            }
        }
    }
    if n_pred == 0 || n_gold == 0 {
        return if n_pred == n_gold { 1.0 } else { 0.0 };
    }
    if tp == 0 {
        return 0.0;
    }
    let (p, r) = (tp as f64 / n_pred as f64, tp as f64 / n_gold as f64);
    2.0 * p * r / (p + r)
}

/// Titles match when equal after case folding, collapsing white space and typographic quotes and dashes to
/// plain ones (gold titles use either).
pub fn same_title(pred: &str, gold: &str) -> bool {
    let norm = |s: &str| {
        s.replace(['\u{2018}', '\u{2019}'], "'")
            .replace(['\u{201c}', '\u{201d}'], "\"")
            .replace(['\u{2013}', '\u{2014}'], "-")
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(pred) == norm(gold)
}

/// CPU time of this thread, from the kernel's scheduler statistics (Linux); `None` elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Decodes and extracts one benchmark page, adding the CPU and wall seconds it took to `cpu` and `wall`.
fn timed_extraction(p: &BenchPage, cpu: &mut f64, wall: &mut f64) -> petrel_ingest::Page {
    let c0 = thread_cpu_seconds();
    let t0 = Instant::now();
    let (html, _, _) = decode_html(&p.html, None);
    let page = extract_page(&html, p.url.as_deref());
    *wall += t0.elapsed().as_secs_f64();
    *cpu += match (c0, thread_cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => t0.elapsed().as_secs_f64(),
    };
    page
}

/// Runs petrel's extraction on every page and scores it. `each` sees every page's result (for reports).
/// `passes` (at least 1) is how many times every page is extracted for the speed figures, which count every
/// pass: several passes average out a busy machine's bursts; the scores are the first pass's.
pub fn bench(
    pages: &[BenchPage],
    passes: usize,
    mut each: impl FnMut(usize, &petrel_ingest::Page),
) -> ExtractBench {
    let mut f1: HashMap<&str, (f64, usize)> = HashMap::new();
    let (mut titles, mut n_wc, mut days, mut dated) = (0usize, 0usize, 0usize, 0usize);
    let mut cpu = 0.0;
    let mut wall = 0.0;
    for (i, p) in pages.iter().enumerate() {
        let page = timed_extraction(p, &mut cpu, &mut wall);
        let e = f1.entry(p.set).or_default();
        e.0 += word_f1(&page.text, &p.body);
        e.1 += 1;
        if p.set == "wcxb-dev" {
            n_wc += 1;
            if same_title(
                page.title.as_deref().unwrap_or(""),
                p.title.as_deref().unwrap_or(""),
            ) {
                titles += 1;
            }
            if let Some(day) = &p.day {
                dated += 1;
                if page.date.map(|d: Date| d.to_string()).as_deref() == Some(day.as_str()) {
                    days += 1;
                }
            }
        }
        each(i, &page);
    }
    let passes = passes.max(1);
    for _ in 1..passes {
        for p in pages {
            timed_extraction(p, &mut cpu, &mut wall);
        }
    }
    let extracted = (pages.len() * passes) as f64;
    let mean = |set: &str| {
        f1.get(set)
            .map_or(0.0, |(s, n)| round4(s / (*n).max(1) as f64))
    };
    ExtractBench {
        extractor: format!("petrel {}", env!("CARGO_PKG_VERSION")),
        body_f1_scrapinghub: mean("scrapinghub"),
        body_f1_wcxb_dev: mean("wcxb-dev"),
        title_accuracy_wcxb_dev: round4(titles as f64 / n_wc.max(1) as f64),
        day_accuracy_wcxb_dev: round4(days as f64 / dated.max(1) as f64),
        pages: pages.len(),
        pages_per_s: round1(extracted / cpu.max(1e-9)),
        pages_per_s_wall: round1(extracted / wall.max(1e-9)),
    }
}

/// One JSON line comparing a page's extraction with its gold answers (for `bench-extract --pages`).
pub fn page_report(gold: &BenchPage, page: &petrel_ingest::Page) -> String {
    let v = serde_json::json!({
        "set": gold.set,
        "id": gold.id,
        "f1": round4(word_f1(&page.text, &gold.body)),
        "title": page.title,
        "gold_title": gold.title,
        "date": page.date.map(|d| d.to_string()),
        "date_source": page.date_source.map(|s| s.as_str()),
        "gold_date": gold.day,
        "url": gold.url,
    });
    format!("{v}\n")
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_convention() {
        assert_eq!(word_f1("a b c", "A b c"), 1.0);
        assert_eq!(word_f1("", ""), 1.0);
        assert_eq!(word_f1("x", ""), 0.0);
        // multiset: a repeated word counts once per occurrence in the gold
        let f = word_f1("a a a b", "a b");
        assert!((f - 2.0 * 0.5 * 1.0 / 1.5).abs() < 1e-9, "{f}");
        assert!(same_title(" Big  News ", "big news"));
    }
}
