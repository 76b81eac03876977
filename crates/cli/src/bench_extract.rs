//! The Python trafilatura half of `petrel bench-extract`: runs scripts/bench_extract.py (embedded in the binary)
//! on the same benchmark pages and puts its figures beside petrel's in one JSON line.

use crate::extract::ExtractBench;
use serde::Serialize;
use std::io::IsTerminal;
use std::path::Path;
use std::process::{Command, Stdio};

/// scripts/bench_extract.py, the single source of the Python side (virtualenv, trafilatura's settings and
/// scoring), embedded so that `petrel bench-extract` runs from any working directory.
pub const SCRIPT: &str = include_str!("../../../scripts/bench_extract.py");

/// The one JSON line `petrel bench-extract` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchLine {
    /// petrel's figures.
    pub petrel: ExtractBench,
    /// Python trafilatura's figures on the same pages in the same run; `None` (JSON null) when it was not run
    /// (`--petrel-only`) or could not be.
    pub trafilatura: Option<ExtractBench>,
    /// petrel's `pages_per_s` over trafilatura's, one decimal; `None` without trafilatura's figures.
    pub pages_per_s_ratio: Option<f64>,
    /// How many times each extractor went through the pages for its pages/s (`--passes`).
    pub passes: usize,
}

/// Joins petrel's figures and, when there are any, trafilatura's into the line to print.
pub fn bench_line(
    petrel: ExtractBench,
    trafilatura: Option<ExtractBench>,
    passes: usize,
) -> BenchLine {
    let pages_per_s_ratio = trafilatura
        .as_ref()
        .filter(|t| t.pages_per_s > 0.0 && t.pages_per_s.is_finite())
        .map(|t| (petrel.pages_per_s / t.pages_per_s * 10.0).round() / 10.0);
    BenchLine {
        petrel,
        trafilatura,
        pages_per_s_ratio,
        passes,
    }
}

/// Runs Python trafilatura on the benchmark pages under `data` with `python3` (which installs it into a
/// virtualenv under /tmp on first use), extracting every page `passes` times, and returns its figures. `pages` is
/// how many pages petrel scored:
/// figures over a different number of pages are not comparable and are refused. The error says what failed.
pub fn run_trafilatura(data: &Path, pages: usize, passes: usize) -> Result<ExtractBench, String> {
    let script =
        std::env::temp_dir().join(format!("petrel-bench-extract-{}.py", std::process::id()));
    std::fs::write(&script, SCRIPT).map_err(|e| format!("{}: {e}", script.display()))?;
    if std::io::stderr().is_terminal() {
        eprintln!("petrel: running Python trafilatura on the same {pages} pages...");
    }
    // stderr is inherited so that pip's and Python's messages reach the user; stdout carries the figures
    let output = Command::new("python3")
        .arg(&script)
        .arg("--trafilatura")
        .arg("--data")
        .arg(data)
        .arg("--passes")
        .arg(passes.to_string())
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output();
    let _ = std::fs::remove_file(&script);
    let output = output.map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "python3 is not installed (not found on PATH)".to_string(),
        _ => format!("cannot run python3: {e}"),
    })?;
    if !output.status.success() {
        return Err(format!(
            "scripts/bench_extract.py (run with python3) failed ({}); its message is above",
            output.status
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
    let figures: ExtractBench = serde_json::from_str(line).map_err(|e| {
        format!("scripts/bench_extract.py printed {line:?}, not a line of figures: {e}")
    })?;
    if figures.pages != pages {
        return Err(format!(
            "trafilatura scored {} pages and petrel {pages}: the figures are not comparable",
            figures.pages
        ));
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(extractor: &str, pages_per_s: f64) -> ExtractBench {
        ExtractBench {
            extractor: extractor.into(),
            body_f1_scrapinghub: 0.96,
            body_f1_wcxb_dev: 0.93,
            title_accuracy_wcxb_dev: 0.9,
            day_accuracy_wcxb_dev: 0.87,
            pages: 581,
            pages_per_s,
            pages_per_s_wall: pages_per_s * 0.9,
        }
    }

    #[test]
    fn line_with_both_extractors_and_their_speed_ratio() {
        let line = bench_line(
            figures("petrel 0.1.0", 303.3),
            Some(figures("trafilatura 2.3.1", 36.8)),
            3,
        );
        assert_eq!(line.pages_per_s_ratio, Some(8.2));
        // the printed line: petrel first, then trafilatura, then the ratio
        let printed = serde_json::to_string(&line).unwrap();
        assert!(
            printed.starts_with(r#"{"petrel":{"extractor":"petrel 0.1.0","#),
            "{printed}"
        );
        assert!(
            printed.contains(r#"},"trafilatura":{"extractor":"trafilatura 2.3.1","#),
            "{printed}"
        );
        assert!(
            printed.ends_with(r#"},"pages_per_s_ratio":8.2,"passes":3}"#),
            "{printed}"
        );
        let v: serde_json::Value = serde_json::from_str(&printed).unwrap();
        assert_eq!(v["petrel"]["extractor"], "petrel 0.1.0");
        assert_eq!(v["trafilatura"]["extractor"], "trafilatura 2.3.1");
        assert_eq!(v["trafilatura"]["pages_per_s"], 36.8);
        assert_eq!(v["pages_per_s_ratio"], 8.2);
        // the figures read back from the line are the ones put in (the script's line is parsed the same way)
        let back: ExtractBench = serde_json::from_value(v["trafilatura"].clone()).unwrap();
        assert_eq!(back, figures("trafilatura 2.3.1", 36.8));
    }

    #[test]
    fn line_without_trafilatura_has_nulls() {
        let v = serde_json::to_value(bench_line(figures("petrel 0.1.0", 300.0), None, 1)).unwrap();
        assert!(v["trafilatura"].is_null());
        assert!(v["pages_per_s_ratio"].is_null());
        assert_eq!(v["petrel"]["pages_per_s"], 300.0);
        // a trafilatura run that measured no time gives no ratio rather than infinity
        let zero = bench_line(figures("p", 300.0), Some(figures("t", 0.0)), 1);
        assert_eq!(zero.pages_per_s_ratio, None);
    }

    #[test]
    fn the_embedded_script_is_the_one_with_both_modes() {
        assert!(SCRIPT.contains("def run_trafilatura(") && SCRIPT.contains("\"--trafilatura\""));
        assert!(SCRIPT.contains("\"--passes\""));
    }
}
