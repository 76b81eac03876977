//! Progress on stderr for the commands that read inputs (`ingest`, `extract`, `code`, `annotate`) and the
//! benchmarks: an indicatif bar when stderr is a terminal, else a plain line every few seconds (or nothing).
//!
//! Reading commands count progress in bytes of input consumed (compressed bytes for a gzipped file, so a
//! `.warc.gz` advances as it is read) against the inputs' total size: the total is known without reading the
//! inputs twice, and one large crawl advances smoothly however its records are spread.

use indicatif::{HumanBytes, ProgressBar, ProgressStyle};
use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the position counts.
enum Unit {
    /// Documents (the position is the number done).
    Documents,
    /// Bytes of input consumed, read from a counter the reader shares.
    Bytes(Arc<AtomicU64>),
}

enum Show {
    /// indicatif bar (terminal).
    Bar(ProgressBar),
    /// Plain lines on stderr.
    Lines { start: Instant, last: Instant },
    /// Silent.
    Quiet,
}

/// Progress of one command.
pub struct Progress {
    show: Show,
    unit: Unit,
    total: Option<u64>,
    /// The command's name in plain lines (`petrel: ingest: ...`).
    label: &'static str,
}

/// How often plain progress lines are written when stderr is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);

impl Progress {
    /// Nothing shown (benchmarks, tests).
    pub fn quiet() -> Progress {
        Progress {
            show: Show::Quiet,
            unit: Unit::Documents,
            total: None,
            label: "",
        }
    }

    /// Progress by bytes of input consumed (`consumed`, shared with the reader), against `total` bytes when
    /// known (see [`petrel_ingest::input_bytes`]): a bar on a terminal, a line every few seconds otherwise.
    pub fn bytes(label: &'static str, total: Option<u64>, consumed: Arc<AtomicU64>) -> Progress {
        let show =
            if io::stderr().is_terminal() {
                let bar = match total {
                Some(t) => ProgressBar::new(t).with_style(
                    ProgressStyle::with_template(
                        "{bar:40} {bytes}/{total_bytes}  {binary_bytes_per_sec}  ETA {eta}  {msg}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {bytes}  {binary_bytes_per_sec}  {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                ),
            };
                bar.enable_steady_tick(Duration::from_millis(200));
                Show::Bar(bar)
            } else {
                lines()
            };
        Progress {
            show,
            unit: Unit::Bytes(consumed),
            total,
            label,
        }
    }

    /// Progress by documents against `total`: a bar on a terminal, nothing otherwise (for the benchmarks,
    /// whose output is read by scripts).
    pub fn documents_on_terminal(total: Option<u64>) -> Progress {
        let show = if io::stderr().is_terminal() {
            let bar = match total {
                Some(t) => ProgressBar::new(t).with_style(
                    ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} documents  {rate}  ETA {eta}  {msg}",
                    )
                    .map(with_rate)
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {pos} documents  {rate}  {msg}")
                        .map(with_rate)
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                ),
            };
            bar.enable_steady_tick(Duration::from_millis(200));
            Show::Bar(bar)
        } else {
            Show::Quiet
        };
        Progress {
            show,
            unit: Unit::Documents,
            total,
            label: "",
        }
    }

    /// `docs` documents done; the byte position is read from the shared counter.
    pub fn update(&mut self, docs: u64) {
        let pos = match &self.unit {
            Unit::Documents => docs,
            Unit::Bytes(c) => c.load(Ordering::Relaxed),
        };
        match &mut self.show {
            Show::Bar(b) => {
                b.set_position(pos);
                if matches!(self.unit, Unit::Bytes(_)) {
                    b.set_message(format!("{docs} documents"));
                }
            }
            Show::Lines { start, last } => {
                if last.elapsed() < LINE_EVERY {
                    return;
                }
                *last = Instant::now();
                let secs = start.elapsed().as_secs_f64().max(1e-9);
                let line = line_text(&self.unit, pos, self.total, docs, secs);
                eprintln!("petrel: {}: {line}", self.label);
            }
            Show::Quiet => {}
        }
    }

    /// Writes a warning without breaking the bar.
    pub fn warn(&self, message: &str) {
        match &self.show {
            Show::Bar(b) => b.println(format!("petrel: warning: {message}")),
            _ => eprintln!("petrel: warning: {message}"),
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Show::Bar(b) = &self.show {
            b.finish_and_clear();
        }
    }
}

fn lines() -> Show {
    let now = Instant::now();
    Show::Lines {
        start: now,
        last: now,
    }
}

/// One plain progress line: position, share of the total, rate and ETA.
fn line_text(unit: &Unit, pos: u64, total: Option<u64>, docs: u64, secs: f64) -> String {
    let rate = pos as f64 / secs;
    let eta = total.map(|t| t.saturating_sub(pos) as f64 / rate.max(1e-9));
    let share = total.map(|t| pos * 100 / t.max(1));
    match (unit, total) {
        (Unit::Bytes(_), Some(t)) => format!(
            "{}/{} ({}%), {}/s, ETA {:.0}s, {docs} documents",
            HumanBytes(pos),
            HumanBytes(t),
            share.unwrap_or(0),
            HumanBytes(rate as u64),
            eta.unwrap_or(0.0)
        ),
        (Unit::Bytes(_), None) => format!(
            "{}, {}/s, {docs} documents",
            HumanBytes(pos),
            HumanBytes(rate as u64)
        ),
        (Unit::Documents, Some(t)) => format!(
            "{pos}/{t} documents ({}%), {rate:.1}/s, ETA {:.0}s",
            share.unwrap_or(0),
            eta.unwrap_or(0.0)
        ),
        (Unit::Documents, None) => format!("{pos} documents, {rate:.1}/s"),
    }
}

/// `{rate}`: documents per second with one decimal.
fn with_rate(style: ProgressStyle) -> ProgressStyle {
    style.with_key(
        "rate",
        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.1}/s", state.per_sec());
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines() {
        let bytes = Unit::Bytes(Arc::new(AtomicU64::new(0)));
        assert_eq!(
            line_text(&bytes, 512 << 20, Some(1 << 30), 1200, 10.0),
            "512.00 MiB/1.00 GiB (50%), 51.20 MiB/s, ETA 10s, 1200 documents"
        );
        assert_eq!(
            line_text(&Unit::Documents, 10, Some(40), 10, 2.0),
            "10/40 documents (25%), 5.0/s, ETA 6s"
        );
    }
}
