//! Helpers shared by the integration tests. Each test that needs them declares `mod common;`; a folder with a
//! `mod.rs` is no test target of its own, and nothing here is part of the ordinary build.

// each test target compiles this module on its own and uses only some of it
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs the test's `petrel` with `args` and returns its standard output, failing the test with its standard
/// error when it exits non-zero.
pub fn petrel_stdout<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(args)
        .output()
        .expect("petrel runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Scores predicted events (JSONL) against `gold` with `shared/tools/score_events.py`; the scorer's JSON figures.
/// `name` tells the temporary file apart and labels the figures printed for the test log.
pub fn score_events(
    shared: &Path,
    gold: &Path,
    predictions: &[u8],
    name: &str,
) -> serde_json::Value {
    let pred = std::env::temp_dir().join(format!("petrel-{name}-{}.jsonl", std::process::id()));
    std::fs::write(&pred, predictions).unwrap();
    let scored = Command::new("python3")
        .arg(shared.join("tools/score_events.py"))
        .arg(gold)
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("python3 runs the scorer");
    std::fs::remove_file(&pred).ok();
    assert!(
        scored.status.success(),
        "{}",
        String::from_utf8_lossy(&scored.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    eprintln!("{name}: {r}");
    r
}

/// Asserts that the figure `key` of a scorer's JSON output is at least `bar` (a missing figure counts as 0).
pub fn at_least(scores: &serde_json::Value, key: &str, bar: f64) {
    let v = scores[key].as_f64().unwrap_or(0.0);
    assert!(v >= bar, "{key} {v} < {bar}: {scores}");
}

/// A news article page with the metadata petrel reads (site name, author, published and modified dates, canonical
/// link), an `<h1>` headline, three paragraphs of body text and site furniture around them.
pub const ARTICLE_PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Ceasefire talks open in Geneva - Example News</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="By Jane Doe">
<meta property="article:published_time" content="2024-03-05T09:00:00+01:00">
<meta property="article:modified_time" content="2024-03-07T09:00:00+01:00">
<link rel="canonical" href="https://news.example/world/ceasefire-talks"></head>
<body><header><a href="/">Home</a></header><article><h1>Ceasefire talks open in Geneva</h1>
<p>Foreign ministers from both countries met in Geneva on Tuesday to discuss a ceasefire along the border, officials said.</p>
<p>The talks, brokered by Switzerland, lasted six hours and ended without a joint statement, according to diplomats.</p>
<p>Both sides agreed to meet again next month in Vienna, a spokesman for the Swiss foreign ministry said on Wednesday.</p>
</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"#;

/// A local web server on 127.0.0.1 (its port returned): each path gets a canned status line with headers, and a
/// body; other paths get 404.
pub fn server(answers: Vec<(&'static str, &'static str, String)>) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
            }
            let (head, body) = answers
                .iter()
                .find(|(p, _, _)| *p == path)
                .map(|(_, h, b)| (*h, b.clone()))
                .unwrap_or(("404 Not Found", String::new()));
            let _ = write!(
                stream,
                "HTTP/1.1 {head}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

/// Runs the test's `petrel` with `args` and no standard input; returns what it did.
pub fn petrel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("petrel runs")
}

/// The built-in pipeline, loaded once per test target.
pub fn pipeline() -> &'static petrel::Pipeline {
    static P: std::sync::OnceLock<petrel::Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| petrel::Pipeline::builtin().unwrap())
}

/// `text` run through the built-in pipeline as an article published on `date`.
pub fn annotate_on(text: &str, date: Option<petrel_core::Date>) -> petrel_core::Document {
    let meta = petrel_core::Metadata {
        id: "t".into(),
        date,
        source: "test".into(),
        ..petrel_core::Metadata::default()
    };
    let mut doc = petrel_core::Document::new(meta, petrel_ingest::normalize(text));
    pipeline().run(&mut doc);
    doc
}

/// An event role's actor code, or "" when the role is empty.
pub fn code_of(a: &Option<petrel_core::EventActor>) -> String {
    a.as_ref().map_or(String::new(), |a| a.actor.code.clone())
}

/// The event of one of the given roots (first two digits) in `text` (published 10 May 2023); panics with what
/// was coded otherwise.
pub fn expect(text: &str, roots: &[&str]) -> petrel_core::Event {
    expect_on(text, petrel_core::Date::new(2023, 5, 10), roots)
}

/// [`expect`] for an article published on `date`.
pub fn expect_on(
    text: &str,
    date: Option<petrel_core::Date>,
    roots: &[&str],
) -> petrel_core::Event {
    let events = annotate_on(text, date).events;
    let summary: Vec<String> = events
        .iter()
        .map(|e| {
            format!(
                "{} {}→{} [{}]",
                e.cameo,
                code_of(&e.source),
                code_of(&e.target),
                e.trigger.text
            )
        })
        .collect();
    events
        .into_iter()
        .find(|e| roots.contains(&&e.cameo[..2]))
        .unwrap_or_else(|| panic!("no event of root {roots:?} in {text:?}: {summary:?}"))
}

/// The event of the given root in `text`, checked to go from actor code `source` to `target`.
pub fn expect_actors(text: &str, roots: &[&str], source: &str, target: &str) -> petrel_core::Event {
    let e = expect(text, roots);
    assert_eq!(
        (code_of(&e.source).as_str(), code_of(&e.target).as_str()),
        (source, target),
        "{e:?}"
    );
    e
}
