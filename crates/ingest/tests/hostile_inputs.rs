//! Inputs from a careless or hostile user (issue 16) through the [`Reader`]: each is read once, bounded, and
//! what is wrong is named.

use petrel_ingest::Reader;
use std::path::PathBuf;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "petrel-ingest-hostile-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Row 7: `self -> .` had every file read 41 times; with `sub/up -> ..` too the walk never ended.
#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_read_once_and_reported() {
    let d = dir("loops");
    std::fs::write(d.join("a.txt"), "Police arrested 40 protesters in Lagos.").unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/b.txt"), "Troops entered the town.").unwrap();
    std::os::unix::fs::symlink(".", d.join("self")).unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("a.txt", d.join("z-link.txt")).unwrap();
    let mut reader = Reader::new(std::slice::from_ref(&d), None);
    let warnings = reader.warnings();
    let mut ids = Vec::new();
    for item in reader.by_ref() {
        ids.push(item.expect("readable").meta.id);
        assert!(ids.len() < 10, "{ids:?}");
    }
    assert_eq!(ids, ["a", "b"]);
    let w: Vec<String> = warnings.take().iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(w.iter().any(|w| w.contains("self: leads to")), "{w:?}");
    assert!(w.iter().any(|w| w.contains("up: leads to")), "{w:?}");
    assert!(w
        .iter()
        .all(|w| w.contains("already read (a symbolic link): not read again")));
    assert_eq!(petrel_ingest::input_bytes(&[d]), Some(39 + 24));
}

/// Rows 14 and 15: dates in words skipped the whole record; an impossible time was taken as the day; year 0
/// was accepted and printed as `-001-12-27` after date arithmetic.
#[test]
fn record_dates_in_words_are_read_and_bad_ones_are_warnings() {
    let d = dir("dates");
    let f = d.join("dates.jsonl");
    let lines = [
        r#"{"id":"a","date":"Dec 17, 2016","text":"Police arrested people."}"#,
        r#"{"id":"b","date":"17 December 2016","text":"Police arrested people."}"#,
        r#"{"id":"c","date":"2023-05-10T25:99:00Z","text":"Police arrested people."}"#,
        r#"{"id":"d","date":"0000-01-01","text":"Police arrested people on Monday."}"#,
        r#"{"id":"e","date":"2016-12-17T08:30:00+01:00","text":"Police arrested people."}"#,
    ];
    std::fs::write(&f, lines.join("\n")).unwrap();
    let mut reader = Reader::new(&[f], None);
    let warnings = reader.warnings();
    let got: Vec<(String, Option<String>)> = reader
        .by_ref()
        .map(|r| {
            let r = r.expect("every record is read");
            (r.meta.id, r.meta.date.map(|d| d.to_string()))
        })
        .collect();
    let day = Some("2016-12-17".to_string());
    assert_eq!(
        got,
        [
            ("a".into(), day.clone()),
            ("b".into(), day.clone()),
            ("c".into(), None),
            ("d".into(), None),
            ("e".into(), day),
        ]
    );
    let w: Vec<String> = warnings.take().iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].contains("dates.jsonl:3: \"date\" \"2023-05-10T25:99:00Z\" is not a date"),
        "{w:?}"
    );
    assert!(
        w[1].contains("dates.jsonl:4: \"date\" \"0000-01-01\"")
            && w[1].ends_with("coded without it")
    );
}

/// Row 6: a 4 GiB JSONL line was held whole (8.4 GB peak) before it was skipped; a 21 MiB `html` field was
/// extracted though pages over 16 MiB are skipped. The line is now read past in bounded memory.
#[test]
fn a_record_over_the_limit_is_skipped_while_read() {
    use std::io::Write;
    let d = dir("records");
    let f = d.join("big.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&f).unwrap(),
        flate2::Compression::fast(),
    );
    gz.write_all(br#"{"id":"a","text":"Police arrested people."}"#)
        .unwrap();
    gz.write_all(b"\n{\"id\":\"huge\",\"text\":\"").unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..8 {
        gz.write_all(&chunk).unwrap();
    }
    gz.write_all(b"\"}\n").unwrap();
    gz.write_all(br#"{"id":"c","text":"Troops entered the town."}"#)
        .unwrap();
    gz.finish().unwrap();
    let out: Vec<_> = Reader::new(&[f], None).with_record_limit(1 << 20).collect();
    assert_eq!(out.len(), 3);
    assert_eq!(out[0].as_ref().unwrap().meta.id, "a");
    let e = out[1].as_ref().unwrap_err().to_string();
    assert!(
        e.ends_with(
            "big.jsonl.gz:2: record of 8388632 bytes is larger than the limit of 1048576 bytes"
        ),
        "{e}"
    );
    assert_eq!(out[2].as_ref().unwrap().meta.id, "c");

    let html = format!(
        "{{\"id\":\"page\",\"html\":\"<p>{}</p>\"}}\n",
        "a".repeat(petrel_ingest::read::MAX_PAGE_BYTES as usize)
    );
    let f = d.join("page.jsonl");
    std::fs::write(&f, html).unwrap();
    let out: Vec<_> = Reader::new(&[f], None).collect();
    let e = out[0].as_ref().unwrap_err().to_string();
    assert!(
        e.ends_with("page.jsonl:1: \"html\" of 16 MiB is larger than the page limit of 16 MiB"),
        "{e}"
    );
}
