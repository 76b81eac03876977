//! `petrel bench`: builds a synthetic news corpus and measures documents/s and tokens/s through the pipeline.
//!
//! The corpus is generated from sentence templates filled with countries, actors, places and numbers drawn
//! by a fixed-seed generator, so runs are reproducible and need no external data.

use crate::Pipeline;
use petrel_core::{Date, Document, Metadata};
use std::time::Instant;

const TEMPLATES: &[&str] = &[
    "{C1} has sent {N} troops to {C2} under an agreement signed last year, officials said on {D}.",
    "Police in {P} detained {N} protesters after demonstrators stormed the parliament building.",
    "The {A1} foreign minister accused {C2} of violating the ceasefire along the border.",
    "Protests erupted in {P} on {D} over rising fuel prices before spreading to other cities.",
    "{C1} and {C2} signed a trade agreement during a visit by the {A2} president to {P}.",
    "At least {N} people were killed when gunmen attacked a market in {P}, the interior ministry said.",
    "The {A1} government declared a state of emergency and imposed a curfew in {P}.",
    "President {Name} urged {C2} to resume talks and release the detained journalists.",
    "{C1} rejected calls for dialogue and threatened to impose sanctions on {C2}.",
    "Thousands of workers held a rally in {P} to demand higher wages, organisers said.",
    "The {A2} army withdrew its forces from the disputed region after mediation by the United Nations.",
    "Officials in {P} said the situation was calm and that order had been restored.",
];

const COUNTRIES: &[(&str, &str)] = &[
    ("Russia", "Russian"),
    ("Kazakhstan", "Kazakh"),
    ("France", "French"),
    ("Nigeria", "Nigerian"),
    ("Brazil", "Brazilian"),
    ("India", "Indian"),
    ("Turkey", "Turkish"),
    ("Ukraine", "Ukrainian"),
    ("Kenya", "Kenyan"),
    ("Japan", "Japanese"),
    ("Mexico", "Mexican"),
    ("Iran", "Iranian"),
    ("Egypt", "Egyptian"),
    ("Germany", "German"),
    ("Armenia", "Armenian"),
];
const PLACES: &[&str] = &[
    "Almaty", "Lagos", "Paris", "Nairobi", "Istanbul", "Kyiv", "Cairo", "Mumbai", "Tehran",
    "Yerevan", "Aktau", "Lyon",
];
const NAMES: &[&str] = &[
    "Anna Petrova",
    "Joseph Okafor",
    "Maria Silva",
    "Kenji Sato",
    "Omar Haddad",
    "Lena Vogel",
];

/// A small deterministic generator (xorshift64*), so the corpus is the same on every run.
pub struct Rng(pub u64);

impl Rng {
    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A pseudo-random element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next_u64() % xs.len() as u64) as usize]
    }
}

/// Builds document `i` of the benchmark corpus: about 20 sentences in 5 paragraphs.
pub fn synthetic_document(i: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64 + 1).wrapping_mul(0x1000_0000_01b3));
    let mut text = String::new();
    for para in 0..5 {
        if para > 0 {
            text.push_str("\n\n");
        }
        for s in 0..4 {
            if s > 0 {
                text.push(' ');
            }
            let (c1, a1) = rng.pick(COUNTRIES);
            let (c2, a2) = rng.pick(COUNTRIES);
            let template = rng.pick(TEMPLATES);
            let sentence = template
                .replace("{C1}", c1)
                .replace("{A1}", a1)
                .replace("{C2}", c2)
                .replace("{A2}", a2)
                .replace("{P}", rng.pick(PLACES))
                .replace("{Name}", rng.pick(NAMES))
                .replace("{N}", &(rng.next_u64() % 5000 + 2).to_string())
                .replace("{D}", &format!("January {}", rng.next_u64() % 28 + 1));
            text.push_str(&sentence);
        }
    }
    text
}

/// Figures of one benchmark run.
#[derive(Debug, serde::Serialize)]
pub struct BenchReport {
    /// Documents processed.
    pub documents: usize,
    /// Tokens processed.
    pub tokens: usize,
    /// Events coded.
    pub events: usize,
    /// Wall-clock seconds for the pipeline (corpus generation excluded).
    pub seconds: f64,
    /// Documents per second.
    pub documents_per_s: f64,
    /// Tokens per second.
    pub tokens_per_s: f64,
    /// Peak resident memory in MiB (Linux `VmHWM`), when known.
    pub peak_rss_mb: Option<f64>,
}

/// Peak resident set size of this process in MiB, from /proc (Linux only).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs the pipeline over `n` synthetic documents, one at a time (memory stays flat), on one thread.
pub fn run(pipeline: &Pipeline, n: usize, mut progress: impl FnMut(usize)) -> BenchReport {
    let (mut tokens, mut events) = (0, 0);
    let mut elapsed = 0.0;
    for i in 0..n {
        let text = synthetic_document(i);
        let meta = Metadata {
            id: format!("bench-{i}"),
            date: Date::new(2022, 1, 7),
            source: "bench".into(),
            ..Metadata::default()
        };
        let start = Instant::now();
        let mut doc = Document::new(meta, petrel_ingest::normalize(&text));
        pipeline.run(&mut doc);
        elapsed += start.elapsed().as_secs_f64();
        tokens += doc.tokens.len();
        events += doc.events.len();
        progress(i + 1);
    }
    let secs = elapsed.max(1e-9);
    BenchReport {
        documents: n,
        tokens,
        events,
        seconds: (elapsed * 1000.0).round() / 1000.0,
        documents_per_s: (n as f64 / secs).round(),
        tokens_per_s: (tokens as f64 / secs).round(),
        peak_rss_mb: peak_rss_mb().map(|m| (m * 10.0).round() / 10.0),
    }
}
