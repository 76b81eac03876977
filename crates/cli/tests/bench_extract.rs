//! `petrel bench-extract` as a user runs it, on a two-page benchmark folder built here (the real pages are in
//! ../shared, which ordinary tests do not need): petrel's figures alone, and the line it still prints, with exit
//! code 1, when Python is missing. No test here runs Python or reaches PyPI.

mod common;

use flate2::write::GzEncoder;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BODY: &str = "Foreign ministers from both countries met in Geneva on Tuesday to discuss a ceasefire along \
the border, officials said.\nThe talks, brokered by Switzerland, lasted six hours and ended without a joint \
statement, according to diplomats.\nBoth sides agreed to meet again next month in Vienna, a spokesman for the \
Swiss foreign ministry said on Wednesday.";

fn gzip_to(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut gz = GzEncoder::new(std::fs::File::create(path).unwrap(), Default::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap();
}

/// A benchmark folder in the layout of ../shared/data/extraction: one ScrapingHub page, one WCXB dev page.
fn bench_folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "petrel-bench-extract-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let url = "https://news.example/world/ceasefire-talks";
    let sh = dir.join("scrapinghub");
    gzip_to(
        &sh.join("html").join("p1.html.gz"),
        common::ARTICLE_PAGE.as_bytes(),
    );
    let gold = serde_json::json!({"p1": {"url": url, "articleBody": BODY}});
    std::fs::write(sh.join("ground-truth.json"), gold.to_string()).unwrap();
    let wc = dir.join("wcxb-dev");
    gzip_to(
        &wc.join("html").join("w1.html.gz"),
        common::ARTICLE_PAGE.as_bytes(),
    );
    let gold = serde_json::json!({"url": url, "ground_truth": {
        "main_content": BODY, "title": "Ceasefire talks open in Geneva", "publish_date": "2024-03-05"}});
    std::fs::create_dir_all(wc.join("ground-truth")).unwrap();
    std::fs::write(wc.join("ground-truth").join("w1.json"), gold.to_string()).unwrap();
    dir
}

fn the_line(out: &Output) -> serde_json::Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {stdout}");
    serde_json::from_str(lines[0]).expect("a JSON line")
}

fn check_petrel_figures(v: &serde_json::Value) {
    let p = &v["petrel"];
    assert!(p["extractor"].as_str().unwrap().starts_with("petrel "));
    assert_eq!(p["pages"], 2);
    assert_eq!(p["title_accuracy_wcxb_dev"], 1.0);
    assert_eq!(p["day_accuracy_wcxb_dev"], 1.0);
    for key in ["body_f1_scrapinghub", "body_f1_wcxb_dev"] {
        assert!(p[key].as_f64().unwrap() > 0.9, "{key}: {p}");
    }
    assert!(p["pages_per_s"].as_f64().unwrap() > 0.0);
    assert!(v["trafilatura"].is_null());
    assert!(v["pages_per_s_ratio"].is_null());
}

#[test]
fn petrel_only_prints_petrels_figures_in_the_one_line() {
    let dir = bench_folder("only");
    let report = dir.join("pages.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(["bench-extract", "--petrel-only", "--data"])
        .arg(&dir)
        .arg("--pages")
        .arg(&report)
        .output()
        .expect("petrel runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    check_petrel_figures(&the_line(&out));
    let per_page = std::fs::read_to_string(&report).unwrap();
    assert_eq!(per_page.lines().count(), 2, "{per_page}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn passes_repeat_the_extraction_for_the_speed_figures_only() {
    let dir = bench_folder("passes");
    let run = |passes: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
            .args([
                "bench-extract",
                "--petrel-only",
                "--passes",
                passes,
                "--data",
            ])
            .arg(&dir)
            .output()
            .expect("petrel runs");
        (out.status.code(), the_line(&out))
    };
    let (code, three) = run("3");
    assert_eq!(code, Some(0));
    assert_eq!(three["passes"], 3);
    // the scores are the first pass's: the same as with one pass, over the 2 pages, not 6
    let (_, one) = run("1");
    assert_eq!(one["passes"], 1);
    assert_eq!(three["petrel"]["pages"], 2);
    for key in [
        "body_f1_scrapinghub",
        "body_f1_wcxb_dev",
        "title_accuracy_wcxb_dev",
    ] {
        assert_eq!(three["petrel"][key], one["petrel"][key], "{key}");
    }
    // zero passes is a usage error
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(["bench-extract", "--petrel-only", "--passes", "0", "--data"])
        .arg(&dir)
        .output()
        .expect("petrel runs");
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_python_the_line_is_still_printed_with_a_warning_and_exit_1() {
    let dir = bench_folder("nopython");
    // a PATH with nothing on it: python3 cannot be found
    let empty = dir.join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(["bench-extract", "--data"])
        .arg(&dir)
        .env("PATH", &empty)
        .output()
        .expect("petrel runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("trafilatura skipped") && stderr.contains("python3"),
        "{stderr}"
    );
    check_petrel_figures(&the_line(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_benchmark_data_is_a_usage_error() {
    let dir =
        std::env::temp_dir().join(format!("petrel-bench-extract-{}-none", std::process::id()));
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(["bench-extract", "--petrel-only", "--data"])
        .arg(&dir)
        .output()
        .expect("petrel runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ground-truth.json"));
}
