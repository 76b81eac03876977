//! `petrel extract` as a user runs it: every input kind, bad inputs named with exit code 1, and the project's
//! real sample crawl and feeds when ../shared is present.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn petrel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(args)
        .output()
        .expect("petrel runs")
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn a_page_with_its_metadata() {
    let page = temp("ceasefire.html", common::ARTICLE_PAGE.as_bytes());
    let out = petrel(&["extract", page.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["id"], "ceasefire");
    assert_eq!(d["title"], "Ceasefire talks open in Geneva");
    assert_eq!(d["author"], "Jane Doe");
    assert_eq!(d["site"], "Example News");
    assert_eq!(
        d["canonical_url"],
        "https://news.example/world/ceasefire-talks"
    );
    assert_eq!(
        (d["date"].as_str(), d["date_source"].as_str()),
        (Some("2024-03-05"), Some("meta"))
    );
    assert_eq!(d["language"], "eng");
    let text = d["text"].as_str().unwrap();
    assert!(
        text.starts_with("Ceasefire talks open in Geneva") || text.starts_with("Foreign ministers"),
        "{text}"
    );
    assert!(
        text.contains("meet again next month in Vienna") && !text.contains("All rights reserved"),
        "{text}"
    );
}

#[test]
fn the_same_page_is_coded_by_code() {
    let page = temp("ceasefire-code.html", common::ARTICLE_PAGE.as_bytes());
    let out = petrel(&["annotate", page.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = lines(&out);
    assert_eq!(docs[0]["meta"]["date"], "2024-03-05");
    assert!(docs[0]["text"]
        .as_str()
        .unwrap()
        .contains("Foreign ministers"));
}

#[test]
fn bad_inputs_are_named_and_counted() {
    let page = temp("fine.html", common::ARTICLE_PAGE.as_bytes());
    let feed = temp(
        "broken.xml",
        b"<?xml version=\"1.0\"?><rss><channel><item><title>unclosed",
    );
    let gz = temp(
        "cut.warc.gz",
        &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3],
    );
    let out = petrel(&[
        "extract",
        feed.to_str().unwrap(),
        gz.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("broken.xml: not an RSS/Atom feed"), "{err}");
    assert!(err.contains("cut.warc.gz"), "{err}");
    assert!(
        err.contains(
            "1 document(s) extracted, 2 skipped (files, records or items; each named above)"
        ),
        "{err}"
    );
    assert_eq!(lines(&out).len(), 1);
}

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} not found (the project's shared data is not beside the repository)",
            p.display()
        );
        None
    }
}

#[test]
fn the_common_crawl_excerpt() {
    let Some(warc) = shared("warc/cc-main-2020-34-excerpt.warc.gz") else {
        return;
    };
    let out = petrel(&["extract", "--all-languages", warc.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = lines(&out);
    // 16 response records, all HTML pages with text
    assert_eq!(docs.len(), 16);
    assert!(docs
        .iter()
        .all(|d| d["url"].as_str().unwrap().starts_with("http")));
    let out = petrel(&["extract", warc.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not in English skipped"), "{err}");
}

#[test]
fn the_sample_feeds() {
    let Some(dir) = shared("feeds") else {
        return;
    };
    for name in [
        "rss_2.0_bbc.xml",
        "rss_2.0_nbcny.xml",
        "rss_2.0_spiegel.xml",
        "atom_mediarss_newscred_1.xml",
    ] {
        let out = petrel(&[
            "extract",
            "--all-languages",
            dir.join(name).to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let docs = lines(&out);
        assert!(!docs.is_empty(), "{name}");
        assert!(docs.iter().all(|d| d["title"].is_string()), "{name}");
    }
}

#[test]
fn follow_fetches_the_linked_pages_from_a_local_server() {
    let port = common::server(vec![
        (
            "/robots.txt",
            "200 OK",
            "User-agent: *\nDisallow: /private\n".to_string(),
        ),
        ("/story", "200 OK", common::ARTICLE_PAGE.to_string()),
    ]);
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
<item><title>Talks</title><link>http://127.0.0.1:{port}/story</link><description>Short summary.</description></item>\
<item><title>Secret</title><link>http://127.0.0.1:{port}/private/x</link><description>Hidden.</description></item>\
</channel></rss>"
    );
    let feed = temp("local.rss", feed.as_bytes());
    let out = petrel(&["extract", "--follow", feed.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("local.rss: item 2 (http://127.0.0.1")
            && err.contains("disallowed by robots.txt"),
        "{err}"
    );
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["title"], "Ceasefire talks open in Geneva");
    assert_eq!(docs[0]["date_source"], "meta");
    assert!(docs[0]["text"]
        .as_str()
        .unwrap()
        .contains("meet again next month in Vienna"));
}
