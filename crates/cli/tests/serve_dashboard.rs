//! The dashboard in a real browser: Debian's headless Chromium loads `/` from the real server (over the example
//! article ingested by the real pipeline), runs the page's script against the API, and the page it ends with is
//! read back (`--dump-dom`): the table filled, the timeline drawn, an event's article with its trigger and actors
//! highlighted.
//!
//! Chromium is not part of the toolchain: without /usr/bin/chromium (or `PETREL_CHROMIUM`) the test says SKIPPED,
//! unless `PETREL_BROWSER_TESTS=1` (set by `.ci/run`, which installs Chromium), where its absence fails.

use petrel::serve_cmd::{start, ServeOptions};
use petrel::store_cmd::{run_ingest, IngestOptions};
use petrel::Pipeline;
use petrel_core::Date;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PETREL_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("PETREL_BROWSER_TESTS").as_deref() != Ok("1"),
        "PETREL_BROWSER_TESTS=1 but there is no Chromium at {}",
        path.display()
    );
    None
}

/// Runs headless Chromium on `url` with a fresh profile, these `flags` besides the common ones, and returns what it
/// printed.
fn run_chromium(browser: &Path, url: &str, profile: &Path, flags: &[&str]) -> Vec<u8> {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .args(flags)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The page after its script ran, as Chromium's DOM.
fn rendered(browser: &Path, url: &str, profile: &Path) -> String {
    let dom = run_chromium(
        browser,
        url,
        profile,
        &["--virtual-time-budget=15000", "--dump-dom"],
    );
    String::from_utf8_lossy(&dom).into_owned()
}

#[test]
fn the_dashboard_shows_events_and_highlights_an_article() {
    let Some(browser) = chromium() else {
        eprintln!("SKIPPED: no Chromium (apt-get install chromium, or set PETREL_CHROMIUM)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("petrel-dashboard-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("example.db");
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/examples/rferl-kazakhstan-csto-2022-01-07.txt");
    let pipeline = Pipeline::builtin().unwrap();
    let opts = IngestOptions {
        jobs: 1,
        batch: 64,
        batch_time: Duration::from_secs(2),
    };
    assert_eq!(
        run_ingest(
            &[example],
            Date::new(2022, 1, 7),
            &pipeline,
            &db,
            &opts,
            false
        ),
        0
    );
    let store = petrel::store_cmd::open_for_reading(&db, &pipeline.knowledge).unwrap();
    let kaz = store
        .events(
            &petrel_store::EventFilter {
                country: Some("KAZ".into()),
                ..Default::default()
            },
            true,
        )
        .unwrap();
    let event = kaz
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.source_span.is_some()))
        .expect("an event with a source");
    let server = start(&ServeOptions::new(db.clone(), "127.0.0.1:0")).unwrap();

    let page = rendered(
        &browser,
        &format!("http://{}/#country=KAZ&event={}", server.addr, event.id),
        &dir.join("profile"),
    );
    // the filter came from the address: the table holds exactly the country's events
    let rows = page.matches("<tr data-id=").count();
    assert_eq!(rows, kaz.len().min(50), "table rows");
    // the timeline has bars, the network actors
    assert!(page.contains(r#"<rect x="#), "no timeline bars");
    assert!(
        page.matches("<circle").count() >= 2,
        "no network or map points"
    );
    // the article view: the event's trigger and source highlighted, no error shown
    assert!(
        page.contains(r#"<mark class="trigger""#),
        "no trigger highlighted"
    );
    assert!(
        page.contains(r#"<mark class="source""#),
        "no source highlighted"
    );
    let trigger = &event.mentions[0].trigger["text"];
    assert!(
        page.contains(&format!(
            r#"<mark class="trigger" title="trigger">{}</mark>"#,
            trigger.as_str().unwrap()
        )),
        "the trigger {trigger} is not the highlighted text"
    );
    assert!(
        !page.contains(r#"id="status" role="status" class="error""#),
        "an error was shown"
    );
    // a screenshot of the page, kept as the test's artefact (target/test-artefacts/dashboard.png)
    let shot =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artefacts/dashboard.png");
    std::fs::create_dir_all(shot.parent().unwrap()).unwrap();
    std::fs::remove_file(&shot).ok();
    screenshot(
        &browser,
        &format!("http://{}/#country=KAZ", server.addr),
        &dir.join("profile-shot"),
        &shot,
    );
    // (only that a picture was taken: what the page shows is checked on its DOM above, and how far it has drawn
    // when Chromium takes the shot depends on the machine's load)
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG"),
        "no PNG screenshot in {}",
        shot.display()
    );
    server.stop().unwrap();
}

/// A PNG of the page, taken after it has had time to run its script (real time: the page waits on the API).
fn screenshot(browser: &Path, url: &str, profile: &Path, out: &Path) {
    let shot = format!("--screenshot={}", out.display());
    run_chromium(
        browser,
        url,
        profile,
        &[
            "--hide-scrollbars",
            "--window-size=1280,1000",
            "--timeout=20000",
            &shot,
        ],
    );
}
