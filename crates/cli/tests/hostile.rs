//! Inputs from a careless or hostile user (issue 16), each built here at a small size: the command must not
//! panic, hang or touch other files, must name what is wrong, and must go on with the rest. Full-size inputs
//! and their times: `scripts/bench_hostile.sh`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::petrel;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("petrel-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn feed(links: &[String]) -> String {
    let items: String = links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!("<item><title>Item {i}</title><link>{l}</link><description>Summary {i}.</description></item>")
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>")
}

/// Row 1: a link redirecting to `mailto:` (or `javascript:`), and a host whose robots.txt does, made ureq
/// panic and the whole run was lost.
#[test]
fn follow_survives_redirects_to_other_schemes() {
    let page = common::ARTICLE_PAGE.to_string();
    let a = common::server(vec![
        ("/robots.txt", "200 OK", String::new()),
        (
            "/mail",
            "302 Found\r\nLocation: mailto:a@b.c",
            String::new(),
        ),
        (
            "/js",
            "302 Found\r\nLocation: javascript:void(0)",
            String::new(),
        ),
        ("/story", "200 OK", page.clone()),
    ]);
    let b = common::server(vec![
        (
            "/robots.txt",
            "302 Found\r\nLocation: mailto:a@b.c",
            String::new(),
        ),
        ("/story", "200 OK", page),
    ]);
    let d = dir("redirects");
    let f = d.join("feed.rss");
    std::fs::write(
        &f,
        feed(&[
            format!("http://127.0.0.1:{a}/mail"),
            format!("http://127.0.0.1:{a}/js"),
            format!("http://127.0.0.1:{a}/story"),
            format!("http://127.0.0.1:{b}/story"),
        ]),
    )
    .unwrap();
    let out = petrel(&["extract", "--follow", s(&f)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("feed.rss: item 1 (http://127.0.0.1")
            && err.contains("redirected to a non-http(s) URL: mailto:a@b.c"),
        "{err}"
    );
    assert!(
        err.contains("feed.rss: item 2") && err.contains("javascript:void(0)"),
        "{err}"
    );
    let docs = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(docs, 2, "{err}");
}

/// Row 8: `ingest --follow` fetched nothing.
#[test]
fn ingest_follows_feed_links() {
    let port = common::server(vec![
        ("/robots.txt", "200 OK", String::new()),
        ("/story", "200 OK", common::ARTICLE_PAGE.to_string()),
    ]);
    let d = dir("ingest-follow");
    let f = d.join("feed.rss");
    std::fs::write(&f, feed(&[format!("http://127.0.0.1:{port}/story")])).unwrap();
    let db = d.join("petrel.db");
    let out = petrel(&["ingest", "--follow", s(&f), "--db", s(&db)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = petrel(&[
        "events",
        "--db",
        s(&db),
        "--text",
        "Vienna",
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!out.stdout.is_empty(), "the linked page was not ingested");
}

/// Row 11: `extract` and `annotate` into a pipe closed early (`| head -c 10`) printed "Broken pipe" (exit 2,
/// or exit 0 for annotate); they end quietly with 0 as `code` does.
#[test]
fn a_closed_pipe_ends_extract_and_annotate_quietly() {
    use std::io::Read;
    let d = dir("pipe");
    let big = d.join("big.txt");
    std::fs::write(
        &big,
        "Police in Lagos arrested 40 protesters on Monday. ".repeat(8000),
    )
    .unwrap();
    let jsonl = d.join("many.jsonl");
    let line = "{\"id\":\"x\",\"date\":\"2023-05-10\",\"text\":\"Police in Lagos arrested 40 protesters on Monday.\"}\n";
    std::fs::write(&jsonl, line.repeat(400)).unwrap();
    for (cmd, input) in [("extract", &big), ("annotate", &jsonl), ("code", &jsonl)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_petrel"))
            .args([cmd, s(input)])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 10];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // stdout closed here
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{cmd}: {}", stderr(&out));
    }
}

/// Row 12: a `--limit` past SQLite's integers was a "datatype mismatch" from the database.
#[test]
fn a_limit_too_large_is_a_usage_error() {
    let out = petrel(&[
        "events",
        "--db",
        "none.db",
        "--limit",
        "9223372036854775808",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--limit") && err.contains("9223372036854775808"),
        "{err}"
    );
    assert!(!err.contains("datatype"), "{err}");
}

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../store/tests/fixtures/same-events.jsonl"
);

/// Row 9: `-o report.jsonl` deleted an unrelated `report.partial`; two exports at once to `ev.tsv` and
/// `ev.jsonl` shared `ev.partial` (TSV lines in the JSONL file); `-o` a folder left a `.partial` behind.
#[test]
fn exports_touch_no_other_file() {
    let d = dir("export");
    let db = d.join("petrel.db");
    let o = petrel(&["ingest", FIXTURE, "--db", s(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(d.join("report.partial"), "mine").unwrap();
    let report = d.join("report.jsonl");
    let o = petrel(&[
        "export",
        "--format",
        "jsonl",
        "--db",
        s(&db),
        "-o",
        s(&report),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("report.partial")).unwrap(),
        "mine"
    );
    assert!(std::fs::read_to_string(&report).unwrap().starts_with('{'));

    // two at once, each file its own format
    let tsv = d.join("ev.tsv");
    let jsonl = d.join("ev.jsonl");
    let spawn = |format: &str, out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_petrel"))
            .args(["export", "--format", format, "--db", s(&db), "-o", s(out)])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..3)
        .flat_map(|_| [spawn("gdelt", &tsv), spawn("jsonl", &jsonl)])
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let tsv_text = std::fs::read_to_string(&tsv).unwrap();
    assert!(
        tsv_text
            .lines()
            .all(|l| !l.starts_with('{') && l.contains('\t')),
        "{tsv_text}"
    );
    let jsonl_text = std::fs::read_to_string(&jsonl).unwrap();
    assert!(
        jsonl_text.lines().all(|l| l.starts_with('{')),
        "{jsonl_text}"
    );

    // a folder as -o: an error naming it, nothing left behind
    let folder = d.join("out");
    std::fs::create_dir(&folder).unwrap();
    let before = std::fs::read_dir(&d).unwrap().count();
    let o = petrel(&[
        "export",
        "--format",
        "jsonl",
        "--db",
        s(&db),
        "-o",
        s(&folder),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("out: is a folder"), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), before);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    let leftovers: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial") && n != "report.partial")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Row 15: `--date 0000-01-01` was taken (events dated `-001-12-27` for "Monday"); `--date 9999-12-31`
/// with "tomorrow" gave `10000-01-01`.
#[test]
fn dates_stay_within_four_digit_years() {
    let d = dir("years");
    let f = d.join("a.txt");
    std::fs::write(
        &f,
        "Police in Lagos arrested 40 protesters on Monday. Troops will enter the town tomorrow, officials said.",
    )
    .unwrap();
    let o = petrel(&["code", s(&f), "--date", "0000-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("years 0001-9999"), "{}", stderr(&o));
    let o = petrel(&["code", s(&f), "--date", "9999-12-31", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("9999-12-"), "{out}");
    assert!(!out.contains("10000-") && !out.contains(",-0"), "{out}");
}

/// Row 16: a repeated short English sentence was taken for Romanian and dropped silently (exit 0, no
/// events); a document that is not English is now named when it is skipped.
#[test]
fn repetitive_english_is_coded_and_language_skips_are_named() {
    let d = dir("lang");
    let f = d.join("repeat.txt");
    std::fs::write(&f, "Police in Lagos arrested 40 protesters. ".repeat(300)).unwrap();
    let o = petrel(&["code", s(&f), "--date", "2023-05-10"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!o.stdout.is_empty(), "no events: {}", stderr(&o));
    let de = d.join("de.txt");
    std::fs::write(
        &de,
        "Die Außenminister beider Länder trafen sich am Dienstag in Genf, um über eine Waffenruhe an der Grenze zu sprechen, sagten Beamte, und vereinbarten ein weiteres Treffen im nächsten Monat in Wien.",
    )
    .unwrap();
    let db = d.join("petrel.db");
    let o = petrel(&["ingest", s(&de), "--db", s(&db)]);
    let err = stderr(&o);
    assert!(
        err.contains("de.txt: written in deu, not English: skipped"),
        "{err}"
    );
}

/// Row 17: `code > /dev/full` printed its error twice; a feed that is not XML was "unable to parse JSON".
#[cfg(target_os = "linux")]
#[test]
fn messages_say_once_what_is_wrong_with_which_file() {
    let d = dir("messages");
    let f = d.join("a.txt");
    std::fs::write(&f, "Police in Lagos arrested 40 protesters on Monday.").unwrap();
    for cmd in ["code", "annotate"] {
        let o = Command::new(env!("CARGO_BIN_EXE_petrel"))
            .args([cmd, s(&f), "--date", "2023-05-10"])
            .stdin(Stdio::null())
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {err}");
        assert_eq!(
            err.matches("cannot write output").count(),
            1,
            "{cmd}: {err}"
        );
    }
    let feed = d.join("news.rss");
    std::fs::write(&feed, "Police arrested 40 people.\n").unwrap();
    let o = petrel(&["extract", s(&feed)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("news.rss: not an RSS/Atom feed: the file is not XML"),
        "{err}"
    );
    assert!(!err.contains("JSON"), "{err}");
}

/// Row 5: one long plain-text document was coded whole, in time and memory growing faster than its length;
/// past 1 MiB it is coded in windows (`ID-part1`, `ID-part2`, ...).
#[test]
fn a_very_long_document_is_coded_in_windows() {
    let d = dir("windows");
    let f = d.join("long.txt");
    let sentence = "Police in Lagos arrested 40 protesters on Monday. Troops entered the town, officials said. ";
    let text = sentence.repeat(petrel::window::WINDOW_BYTES / sentence.len() + 200);
    std::fs::write(&f, &text).unwrap();
    let o = petrel(&["code", s(&f), "--date", "2023-05-10"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let docs: std::collections::BTreeSet<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        ["long-part1", "long-part2"]
    );
}
