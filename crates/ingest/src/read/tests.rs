//! Tests of the reader: every kind of input, gzip, byte counts, broken and oversized inputs.

use super::*;
use std::fs::File;
use std::io::{Read, Write};

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    File::create(&p).unwrap().write_all(bytes).unwrap();
    p
}

/// Issue 16 row 5: a plain-text file is read into a buffer of its size, not one grown by doubling (which
/// left about twice the text resident).
#[test]
fn a_text_file_is_read_into_a_buffer_of_its_size() {
    let text = "Police in Lagos arrested 40 protesters. ".repeat(5000);
    let p = temp("long-line.txt", text.as_bytes());
    let raw = Reader::new(&[p], None).next().unwrap().unwrap();
    assert_eq!(raw.text, text);
    assert_eq!(raw.text.capacity(), text.len());
}

#[test]
fn plain_jsonl_and_errors() {
    let plain = temp("article-one.txt", b"Police arrested 12 people.");
    let jsonl = temp(
        "batch.jsonl",
        b"{\"id\":\"a\",\"date\":\"2021-05-01\",\"text\":\"Troops arrived.\"}\nnot json\n\n{\"text\":\"x\",\"date\":\"May 1\"}\n{\"id\":7,\"text\":\"ok\"}\n",
    );
    let bad = temp("latin1.txt", b"caf\xe9");
    let missing = PathBuf::from("/nonexistent/petrel.txt");
    let d = Date::new(2022, 1, 7);
    let out: Vec<_> = Reader::new(&[plain, jsonl, bad, missing], d).collect();
    assert_eq!(out.len(), 7);
    let first = out[0].as_ref().unwrap();
    assert_eq!(first.meta.id, "article-one");
    assert_eq!(first.meta.date, d);
    assert!(first.plain);
    let a = out[1].as_ref().unwrap();
    assert_eq!(
        (a.meta.id.as_str(), a.meta.date.unwrap().to_string()),
        ("a", "2021-05-01".to_string())
    );
    let e = out[2].as_ref().unwrap_err();
    assert!(e.location.ends_with("batch.jsonl:2"), "{e}");
    // a date that cannot be read is a warning; the record is read with the default date
    assert_eq!(out[3].as_ref().unwrap().meta.date, d);
    assert_eq!(out[4].as_ref().unwrap().meta.id, "7");
    let errs: Vec<String> = out
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
        .collect();
    assert!(
        errs.iter()
            .any(|e| e.contains("latin1.txt: byte 3: invalid UTF-8")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("/nonexistent/petrel.txt: cannot open: no such file")),
        "{errs:?}"
    );
}

const PARAGRAPHS: &str = "<p>Foreign ministers from both countries met in Geneva on Tuesday to discuss a ceasefire along the border, officials said.</p>\
<p>The talks, brokered by Switzerland, lasted six hours and ended without a joint statement, according to diplomats who attended.</p>\
<p>Both sides agreed to meet again next month in Vienna, a spokesman for the Swiss foreign ministry said on Wednesday evening.</p>";

fn page(title: &str, lang: &str, paragraphs: &str) -> String {
    format!("<!doctype html><html lang=\"{lang}\"><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>")
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn bytes_are_counted_as_read_compressed_for_gzip() {
    let count = Arc::new(AtomicU64::new(0));
    let mut r = CountingReader::new(&b"0123456789"[..], count.clone());
    let mut buf = [0u8; 4];
    assert_eq!(r.read(&mut buf).unwrap(), 4);
    assert_eq!(count.load(Ordering::Relaxed), 4);
    let mut rest = Vec::new();
    r.read_to_end(&mut rest).unwrap();
    assert_eq!(count.load(Ordering::Relaxed), 10);

    // a gzipped WARC of many records: the count grows record by record, in compressed bytes, and ends
    // at the file's size, which is what input_bytes gives
    let mut w = Vec::new();
    for i in 0..200 {
        let block = crate::warc::tests::http(&page(
            &format!("Talks in Geneva, day {i}"),
            "en",
            PARAGRAPHS,
        ));
        let uri = format!("https://news.example/2024/03/05/talks-{i}");
        w.extend(gz(&crate::warc::tests::record(
            "response", &uri, &block, None,
        )));
    }
    let warc = temp("counted.warc.gz", &w);
    let txt = temp("counted.txt", b"Police arrested 12 people.");
    let inputs = [warc, txt];
    assert_eq!(input_bytes(&inputs), Some(w.len() as u64 + 26));
    assert_eq!(input_bytes(&[PathBuf::from("-")]), None);
    let shared = Arc::new(AtomicU64::new(0));
    let mut reader = Reader::new(&inputs, None).with_byte_counter(shared.clone());
    let mut seen = Vec::new();
    for doc in reader.by_ref() {
        doc.unwrap();
        seen.push(shared.load(Ordering::Relaxed));
    }
    assert_eq!(seen.len(), 201);
    assert!(seen.windows(2).all(|p| p[0] <= p[1]), "{seen:?}");
    // streamed: part way through the crawl, only part of it has been read
    assert!(seen[0] < w.len() as u64 / 2, "{seen:?}");
    assert_eq!(reader.bytes_read(), w.len() as u64 + 26);
}

#[test]
fn html_warc_feed_and_jsonl_html() {
    // a Latin-1 page declared by its meta tag
    let latin = page("Caf\u{e9} talks in Geneva", "en", PARAGRAPHS)
        .replace("<head>", "<head><meta charset=\"iso-8859-1\">");
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    let html = temp("saved-page.html", &latin);
    // a gzipped WARC, one gzip member per record, with a German page to be skipped
    let de = "<p>Die Au\u{df}enminister beider L\u{e4}nder trafen sich am Dienstag in Genf, um \u{fc}ber eine Waffenruhe an der Grenze zu sprechen, sagten Beamte.</p><p>Die Gespr\u{e4}che dauerten sechs Stunden und endeten ohne gemeinsame Erkl\u{e4}rung, sagten Diplomaten, die dabei waren.</p>";
    let mut w = Vec::new();
    for (kind, uri, block) in [
        ("warcinfo", "", b"software: test\r\n".to_vec()),
        (
            "response",
            "https://news.example/2024/03/05/talks",
            crate::warc::tests::http(&page("Talks in Geneva", "en", PARAGRAPHS)),
        ),
        (
            "response",
            "https://news.example/de",
            crate::warc::tests::http(&page("Gespr\u{e4}che in Genf", "de", de)),
        ),
    ] {
        w.extend(gz(&crate::warc::tests::record(kind, uri, &block, None)));
    }
    let warc = temp("crawl.warc.gz", &w);
    let feed = temp(
        "news.rss",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>Troops cross border</title><link>https://news.example/a</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>Troops crossed the border on Tuesday, officials said.</description></item></channel></rss>",
    );
    let rec = serde_json::json!({"id": "r1", "url": "https://news.example/r1", "html": page("Record page", "en", PARAGRAPHS)});
    let jsonl = temp("pages.jsonl", format!("{rec}\n").as_bytes());
    let mut reader = Reader::new(&[html, warc, feed, jsonl], None);
    let docs: Vec<RawDoc> = reader.by_ref().map(|r| r.unwrap()).collect();
    assert_eq!(reader.not_english(), 1);
    assert_eq!(docs.len(), 4, "{docs:?}");
    let h = &docs[0];
    assert_eq!(h.meta.id, "saved-page");
    assert_eq!(h.meta.title.as_deref(), Some("Caf\u{e9} talks in Geneva"));
    assert!(h.text.contains("Foreign ministers") && !h.plain);
    assert_eq!(h.info.language.as_deref(), Some("eng"));
    let wd = &docs[1];
    assert_eq!(
        wd.meta.url.as_deref(),
        Some("https://news.example/2024/03/05/talks")
    );
    assert_eq!(wd.meta.date, Date::new(2024, 3, 5));
    assert_eq!(wd.info.date_source, Some(DateSource::Url));
    assert!(
        wd.meta
            .source
            .ends_with("crawl.warc.gz: record 2 (https://news.example/2024/03/05/talks)"),
        "{}",
        wd.meta.source
    );
    let f = &docs[2];
    assert_eq!(
        (f.meta.title.as_deref(), f.meta.url.as_deref()),
        (Some("Troops cross border"), Some("https://news.example/a"))
    );
    assert_eq!(
        (f.meta.date, f.info.date_source),
        (Date::new(2024, 3, 5), Some(DateSource::Feed))
    );
    let j = &docs[3];
    assert_eq!(
        (j.meta.id.as_str(), j.meta.title.as_deref()),
        ("r1", Some("Record page"))
    );
    assert!(j.text.contains("meet again next month"));
}

#[test]
fn broken_inputs_are_named_and_the_rest_is_read() {
    let good = crate::warc::tests::record(
        "response",
        "https://news.example/ok",
        &crate::warc::tests::http(&page("Talks in Geneva", "en", PARAGRAPHS)),
        None,
    );
    let mut truncated = gz(&good);
    truncated.extend(gz(&good));
    truncated.truncate(truncated.len() - 40);
    let warc = temp("cut.warc.gz", &truncated);
    let not_xml = temp("broken.rss", b"this is not a feed at all");
    let binary = temp("junk.html", &[0u8, 159, 146, 150, 255, 0, 1, 2]);
    let after = temp("after.txt", b"Police arrested 12 people.");
    let out: Vec<_> = Reader::new(&[warc, not_xml, binary, after], None).collect();
    let errs: Vec<String> = out
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
        .collect();
    assert!(
        errs.iter()
            .any(|e| e.contains("cut.warc.gz: record 2 (https://news.example/ok): truncated")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("broken.rss: not an RSS/Atom feed")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("junk.html: binary data")),
        "{errs:?}"
    );
    let ok: Vec<&RawDoc> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(ok.len(), 2, "{out:?}");
    assert_eq!(ok[1].text, "Police arrested 12 people.");
}

#[test]
fn a_huge_page_is_refused_by_name() {
    let mut big = b"<html><body><p>".to_vec();
    big.resize(MAX_PAGE_BYTES as usize + 10, b'a');
    let p = temp("huge.html", &big);
    let out: Vec<_> = Reader::new(&[p], None).collect();
    let e = out[0].as_ref().unwrap_err().to_string();
    assert!(e.contains("huge.html: larger than 16 MiB"), "{e}");
}

#[test]
fn kinds_by_name_and_content() {
    assert_eq!(input_kind("a.warc.gz", b""), InputKind::Warc);
    assert_eq!(input_kind("a.bin", b"WARC/1.1\r\n"), InputKind::Warc);
    assert_eq!(input_kind("a", b"  {\"text\":1}"), InputKind::Jsonl);
    assert_eq!(
        input_kind("a.xml", b"<?xml version='1.0'?><rss>"),
        InputKind::Feed
    );
    assert_eq!(
        input_kind("feed", b"<?xml version='1.0'?>\n<feed xmlns='x'>"),
        InputKind::Feed
    );
    assert_eq!(
        input_kind("page", b"\xef\xbb\xbf<!DOCTYPE html><html>"),
        InputKind::Html
    );
    assert_eq!(input_kind("notes", b"Police said"), InputKind::Plain);
    assert_eq!(input_kind("x.txt", b"<b>not html</b>"), InputKind::Plain);
}
