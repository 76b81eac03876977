//! The event database as a user drives it: ingest, de-duplication across articles, queries, exports, a reader
//! during an ingest, and kill -9 in the middle of an ingest.

mod common;

use petrel_store::{Mode, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../store/tests/fixtures/same-events.jsonl"
);

use common::petrel;

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("petrel-store-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn events_json(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["events", "--db", s(db), "--format", "jsonl"];
    args.extend_from_slice(extra);
    ok(&petrel(&args))
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Ingests the four articles (three outlets) that report the same events.
fn ingested(name: &str) -> (PathBuf, PathBuf) {
    let d = dir(name);
    let db = d.join("petrel.db");
    let o = petrel(&["ingest", FIXTURE, "--db", s(&db)]);
    ok(&o);
    (d, db)
}

#[test]
fn same_events_in_several_articles_become_one_event_each() {
    let (_d, db) = ingested("dedup");
    let ev = events_json(&db, &[]);
    let mentions: i64 = ev.iter().map(|e| e["num_mentions"].as_i64().unwrap()).sum();
    assert_eq!(mentions, 10, "every coded mention is kept");
    // Russia's deployment to Kazakhstan: four articles, three outlets (wire.example twice)
    let troops: Vec<&serde_json::Value> = ev
        .iter()
        .filter(|e| {
            e["root"] == 15
                && e["source"]["code"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("RUS")
        })
        .collect();
    assert_eq!(troops.len(), 1, "one deployment event: {troops:#?}");
    let t = troops[0];
    assert_eq!(t["num_mentions"], 4);
    assert_eq!(t["num_articles"], 4);
    assert_eq!(t["num_sources"], 3);
    assert_eq!(t["date"], "2022-01-06");
    let docs: Vec<&str> = t["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["wire-1", "daily-1", "radio-1", "wire-2"]);
    for m in t["mentions"].as_array().unwrap() {
        assert!(
            m["evidence"].as_str().unwrap().contains("events.txt:"),
            "{m}"
        );
        assert!(m["text"].as_str().unwrap().contains("Kazakhstan"), "{m}");
    }
    // the arrests in Almaty, reported by three outlets with different words ("detained 300 protesters",
    // "arrested about 300 demonstrators"), are one event
    let arrests: Vec<&serde_json::Value> = ev.iter().filter(|e| e["root"] == 17).collect();
    assert_eq!(arrests.len(), 1, "{arrests:#?}");
    assert_eq!(arrests[0]["num_articles"], 3);
    assert_eq!(arrests[0]["place"]["name"], "Almaty");
    // a different event the same day stays apart
    assert!(ev
        .iter()
        .any(|e| e["cameo"] == "057" && e["num_mentions"] == 1));

    // idempotent: the same content again adds nothing
    let o = petrel(&["ingest", FIXTURE, "--db", s(&db)]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    ok(&o);
    assert!(err.contains("0 stored, 4 already stored"), "{err}");
    assert_eq!(events_json(&db, &[]), ev);
}

#[test]
fn filters_and_stats() {
    let (_d, db) = ingested("filters");
    let all = events_json(&db, &[]);
    let kaz = events_json(
        &db,
        &[
            "--country",
            "KZ",
            "--from",
            "2022-01-02",
            "--to",
            "2022-01-10",
        ],
    );
    assert!(!kaz.is_empty() && kaz.len() < all.len());
    assert!(kaz.iter().all(|e| e["country"] == "KAZ"));
    assert_eq!(
        events_json(&db, &["--country", "KAZ"]).len(),
        kaz.len(),
        "alpha-2 and alpha-3 agree"
    );
    let rus = events_json(&db, &["--actor", "RUS"]);
    assert_eq!(rus.len(), 1);
    assert_eq!(events_json(&db, &["--cameo", "15"]).len(), 1);
    assert_eq!(events_json(&db, &["--cameo", "17"]).len(), 1);
    assert_eq!(events_json(&db, &["--cameo", "173"]).len(), 1);
    assert_eq!(events_json(&db, &["--plover", "mobilize"]).len(), 1);
    // the deployment and the arrests, each told by three outlets
    assert_eq!(events_json(&db, &["--min-sources", "3"]).len(), 2);
    let almaty = events_json(&db, &["--place", "Almaty"]);
    assert!(!almaty.is_empty() && almaty.iter().all(|e| e["place"]["name"] == "Almaty"));
    // a country includes its cities
    assert!(events_json(&db, &["--place", "Kazakhstan"]).len() > almaty.len());
    let paris = events_json(&db, &["--text", "\"trade agreement\""]);
    assert!(paris.iter().any(|e| e["cameo"] == "057"));
    // the events of the one article that says it, and only those
    assert!(paris.iter().all(|e| e["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["doc"] == "daily-1")));
    assert!(paris.len() < all.len());
    assert!(events_json(&db, &["--from", "2030-01-01"]).is_empty());
    // table and csv
    let table = ok(&petrel(&["events", "--db", s(&db)]));
    assert!(table.starts_with("id  "), "{table}");
    assert_eq!(table.lines().count(), all.len() + 1);
    let csv = ok(&petrel(&["events", "--db", s(&db), "--format", "csv"]));
    assert_eq!(
        csv.lines().next().unwrap(),
        petrel_store::export::LIST_COLUMNS.join(",")
    );
    // stats
    let stats: serde_json::Value =
        serde_json::from_str(&ok(&petrel(&["stats", "--db", s(&db), "--json"]))).unwrap();
    let per_day: i64 = stats["by_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[1].as_i64().unwrap())
        .sum();
    assert_eq!(per_day as usize, all.len());
    assert!(stats["by_type"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r[0] == "15 MOBILIZE" && r[2] == 4));
    assert!(stats["by_country"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r[0] == "KAZ"));
    let table = ok(&petrel(&["stats", "--db", s(&db)]));
    assert!(table.contains("2022-01-06"), "{table}");
}

/// Splits one CSV line (RFC 4180 quoting, no line breaks inside fields).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[test]
fn gdelt_acled_and_plover_exports() {
    let (d, db) = ingested("exports");
    let n = events_json(&db, &[]).len();
    // GDELT: 61 tab-separated columns in the codebook's order, parsed by name
    let gdelt = ok(&petrel(&["export", "--db", s(&db), "--format", "gdelt"]));
    let rows: Vec<std::collections::HashMap<&str, &str>> = gdelt
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 61, "{l}");
            petrel_store::export::gdelt::COLUMNS
                .iter()
                .copied()
                .zip(f)
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), n);
    for r in &rows {
        assert_eq!(r["SQLDATE"].len(), 8);
        r["SQLDATE"].parse::<u32>().unwrap();
        r["GoldsteinScale"].parse::<f64>().unwrap();
        assert!(["1", "2", "3", "4"].contains(&r["QuadClass"]));
        assert!(r["EventCode"].starts_with(r["EventRootCode"]));
        assert!(r["SOURCEURL"].starts_with("https://"));
        assert_eq!(r["DATEADDED"].len(), 14);
    }
    let troops = rows.iter().find(|r| r["EventRootCode"] == "15").unwrap();
    assert_eq!(
        (
            troops["NumMentions"],
            troops["NumSources"],
            troops["NumArticles"]
        ),
        ("4", "3", "4")
    );
    assert_eq!(troops["SQLDATE"], "20220106");
    assert_eq!(troops["Actor1CountryCode"], "RUS");
    assert_eq!(troops["ActionGeo_Type"], "1");
    assert_eq!(troops["ActionGeo_CountryCode"], "KZ");
    troops["ActionGeo_Lat"].parse::<f64>().unwrap();
    let arrest = rows.iter().find(|r| r["EventRootCode"] == "17").unwrap();
    assert_eq!(arrest["ActionGeo_Type"], "4");
    assert_eq!(
        arrest["Actor1Geo_FullName"], arrest["ActionGeo_FullName"],
        "Kazakh police act in Kazakhstan"
    );

    // ACLED: the header, 31 fields a row, only the types ACLED records
    let out = d.join("acled.csv");
    ok(&petrel(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "acled",
        "--output",
        s(&out),
    ]));
    let acled = std::fs::read_to_string(&out).unwrap();
    let mut lines = acled.lines();
    assert_eq!(
        csv_fields(lines.next().unwrap()),
        petrel_store::export::acled::COLUMNS
    );
    let rows: Vec<Vec<String>> = lines.map(csv_fields).collect();
    assert!(rows.iter().all(|r| r.len() == 31));
    let col = |name: &str| {
        petrel_store::export::acled::COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };
    // (protesters detained: for ACLED the protest met an intervention, the type the coder gave the event)
    let arrest = rows
        .iter()
        .find(|r| r[col("sub_event_type")] == "Protest with intervention")
        .expect("the arrests");
    assert_eq!(arrest[col("event_type")], "Protests");
    assert_eq!(arrest[col("location")], "Almaty");
    assert_eq!(arrest[col("country")], "Kazakhstan");
    assert_eq!(arrest[col("fatalities")], "0");
    assert!(arrest[col("notes")].contains("300"), "{arrest:?}");
    assert!(arrest[col("latitude")].parse::<f64>().is_ok());
    assert!(!rows
        .iter()
        .any(|r| r[col("notes")].contains("trade agreement")
            && r[col("sub_event_type")] != "Agreement"));
    // the export's types are the coder's (the event's own ACLED type, stored with it): each asserted or reported
    // event that has one is one row of that type, and no other event is exported
    let mut expected = 0;
    for e in events_json(&db, &[]) {
        let Some(t) = e["acled"].as_array() else {
            continue;
        };
        let (event_type, sub) = (t[0].as_str().unwrap(), t[1].as_str().unwrap());
        if !["asserted", "reported"].contains(&e["modality"].as_str().unwrap()) {
            continue;
        }
        expected += 1;
        let id = format!("{}{}", e["country"].as_str().unwrap_or(""), e["id"]);
        let r = rows
            .iter()
            .find(|r| r[col("event_id_cnty")] == id)
            .unwrap_or_else(|| panic!("event {id} ({}) not exported", e["cameo"]));
        assert_eq!(r[col("event_type")], event_type, "{id}");
        assert_eq!(r[col("sub_event_type")], sub, "{id}");
        assert_eq!(
            Some(r[col("disorder_type")].as_str()),
            petrel_knowledge::ontology::acled_disorder_type(event_type),
            "{id}"
        );
    }
    assert!(expected > 0);
    assert_eq!(rows.len(), expected);
    // the arrest of protesters: police (state forces) and protesters, in a town, on a day, no one killed
    assert_eq!(
        (
            arrest[col("inter1")].as_str(),
            arrest[col("inter2")].as_str(),
            arrest[col("interaction")].as_str(),
            arrest[col("time_precision")].as_str(),
            arrest[col("geo_precision")].as_str()
        ),
        ("1", "6", "16", "1", "1"),
        "{arrest:?}"
    );
    assert_eq!(arrest[col("actor2")], "Protesters (Kazakhstan)");
    // every ACLED value written is the coded event's own (`petrel code` on the same articles), as stored: an
    // event's first mention gives its actor types and precision, the lowest figure any mention states its
    // fatalities; nothing is computed at export time
    let coded: Vec<serde_json::Value> = ok(&petrel(&["code", FIXTURE]))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // (a mention is found by its article, trigger and code, and the source's when two events share a trigger:
    // "Japan and France signed")
    let coded_acled = |m: &serde_json::Value, source: &serde_json::Value| -> serde_json::Value {
        coded
            .iter()
            .filter(|c| {
                c["doc"] == m["doc"]
                    && c["trigger"]["start"] == m["trigger"]["start"]
                    && c["cameo"] == m["cameo"]
            })
            .find(|c| source.is_null() || c["source"]["code"] == *source)
            .map_or(serde_json::Value::Null, |c| c["acled"].clone())
    };
    let text = |v: &serde_json::Value| v.as_u64().map(|n| n.to_string()).unwrap_or_default();
    let mut checked = 0;
    for e in events_json(&db, &[]) {
        let id = format!("{}{}", e["country"].as_str().unwrap_or(""), e["id"]);
        let Some(r) = rows.iter().find(|r| r[col("event_id_cnty")] == id) else {
            continue;
        };
        let mentions = e["mentions"].as_array().unwrap();
        let first = coded_acled(&mentions[0], &e["source"]["code"]);
        assert!(
            !first.is_null(),
            "{id}: the first mention has its ACLED coding"
        );
        if e["num_mentions"] == 1 {
            for c in [
                "inter1",
                "inter2",
                "interaction",
                "time_precision",
                "geo_precision",
            ] {
                assert_eq!(r[col(c)], text(&first[c]), "{id} {c}");
            }
        }
        let stated: Vec<u64> = mentions
            .iter()
            .filter_map(|m| coded_acled(m, &serde_json::Value::Null)["fatalities"].as_u64())
            .filter(|&f| f > 0)
            .collect();
        assert_eq!(
            r[col("fatalities")],
            stated.iter().min().copied().unwrap_or(0).to_string(),
            "{id}"
        );
        checked += 1;
    }
    assert_eq!(checked, rows.len());

    // PLOVER: one JSON object per event
    let plover = ok(&petrel(&["export", "--db", s(&db), "--format", "plover"]));
    let objs: Vec<serde_json::Value> = plover
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs.len(), n);
    let t = objs.iter().find(|o| o["event_type"] == "MOBILIZE").unwrap();
    assert_eq!(t["actor_country"], "RUS");
    assert_eq!(t["num_sources"], 3);
    assert_eq!(t["sources"].as_array().unwrap().len(), 4);

    // JSONL: the records of `petrel events --format jsonl`
    let jsonl = ok(&petrel(&["export", "--db", s(&db), "--format", "jsonl"]));
    assert_eq!(jsonl.lines().count(), n);
}

#[test]
fn a_closed_pipe_ends_listings_and_exports_quietly() {
    let (_d, db) = ingested("pipe");
    for args in [
        &["events", "--format", "jsonl"][..],
        &["events", "--format", "csv"],
        &["export", "--format", "jsonl"],
        &["export", "--format", "plover"],
        &["export", "--format", "acled"],
        &["stats", "--json"],
    ] {
        // the reading end is closed before petrel has loaded its dictionaries and written anything
        let mut child = Command::new(env!("CARGO_BIN_EXE_petrel"))
            .args(args)
            .args(["--db", s(&db)])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_in_python() {
    let (d, db) = ingested("parquet");
    let n = events_json(&db, &[]).len();
    let out = d.join("events.parquet");
    ok(&petrel(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "parquet",
        "-o",
        s(&out),
    ]));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    // PETREL_PYTHON may name a Python with pyarrow (scripts/parquet_check.sh makes one in /tmp)
    let python = std::env::var("PETREL_PYTHON").unwrap_or_else(|_| "python3".into());
    let has = Command::new(&python)
        .args(["-c", "import pyarrow"])
        .output();
    if !has.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED parquet_reads_in_python: {python} cannot import pyarrow (see scripts/parquet_check.sh)");
        return;
    }
    let script = format!(
        r#"
import pyarrow.parquet as pq, datetime
t = pq.read_table({path:?})
assert t.num_rows == {n}, t.num_rows
s = t.schema
assert str(s.field("event_id").type) == "int64"
assert str(s.field("date").type) == "date32[day]", s.field("date").type
assert str(s.field("cameo").type) == "string"
assert str(s.field("goldstein").type) == "double"
assert str(s.field("num_sources").type) == "int64"
rows = t.to_pylist()
m = [r for r in rows if r["cameo_root"] == 15]
assert len(m) == 1 and m[0]["num_sources"] == 3 and m[0]["date"] == datetime.date(2022, 1, 6), m
assert m[0]["actor1_code"].startswith("RUS") and m[0]["latitude"] is not None
print("ok", t.num_rows, len(s))
"#,
        path = s(&out)
    );
    let o = Command::new(&python)
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with(&format!("ok {n} 27")));
}

/// A JSONL corpus of synthetic articles (the benchmark generator), each with its own outlet and date.
fn corpus(d: &Path, n: usize) -> PathBuf {
    let p = d.join("corpus.jsonl");
    let mut f = std::fs::File::create(&p).unwrap();
    for i in 0..n {
        let rec = serde_json::json!({
            "id": format!("a{i}"),
            "date": format!("2022-01-{:02}", i % 28 + 1),
            "url": format!("https://outlet{}.example/{i}", i % 5),
            "text": petrel::bench::synthetic_document(i),
        });
        writeln!(f, "{rec}").unwrap();
    }
    p
}

/// Everything that defines the database's content, in id order.
fn dump(db: &Path) -> Vec<String> {
    let s = Store::open(db, Mode::ReadOnly).unwrap();
    let c = s.connection();
    let mut out = Vec::new();
    for sql in [
        "SELECT id || '|' || hex(hash) || '|' || doc_key FROM documents ORDER BY id",
        "SELECT id || '|' || coalesce(day, '') || '|' || precision || '|' || cameo || '|' || coalesce(source_actor, '') || '|' ||
         coalesce(target_actor, '') || '|' || coalesce(place, '') || '|' || coalesce(country, '') || '|' || num_mentions ||
         '|' || num_sources || '|' || num_articles FROM events ORDER BY id",
        "SELECT id || '|' || event || '|' || document || '|' || key || '|' || trig_start || '|' || evidence FROM mentions ORDER BY id",
        "SELECT id || '|' || code || '|' || name FROM actors ORDER BY id",
        "SELECT id || '|' || name FROM places ORDER BY id",
    ] {
        let mut st = c.prepare(sql).unwrap();
        let rows: Vec<String> = st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        out.extend(rows);
    }
    out
}

fn spawn_ingest(input: &Path, db: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args([
            "ingest",
            s(input),
            "--db",
            s(db),
            "--batch",
            "4",
            "--jobs",
            "2",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn kill_9_at_random_points_then_resume_equals_an_uninterrupted_run() {
    let d = dir("crash");
    const N: usize = 160;
    let input = corpus(&d, N);
    let reference = d.join("reference.db");
    ok(&petrel(&[
        "ingest",
        s(&input),
        "--db",
        s(&reference),
        "--batch",
        "4",
    ]));
    let want = dump(&reference);
    assert!(want.len() > N);

    let db = d.join("crashed.db");
    // a seed from the clock: every run kills at other points; printed so a failure can be replayed
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("crash test seed {seed}");
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let committed = |db: &Path| -> i64 {
        Store::open(db, Mode::ReadOnly)
            .ok()
            .and_then(|s| s.counts().ok())
            .map_or(0, |c| c[0].1)
    };
    let mut kills = 0;
    let mut committed_before = 0i64;
    for _ in 0..4 {
        // kill somewhere in the first half of what is left, plus a few random milliseconds: mid-batch
        let left = (N as i64 - committed_before).max(2);
        let threshold = committed_before + 1 + (next() % (left as u64 / 2).max(1)) as i64;
        let mut child = spawn_ingest(&input, &db);
        let t = Instant::now();
        while child.try_wait().unwrap().is_none()
            && committed(&db) < threshold
            && t.elapsed() < Duration::from_secs(120)
        {
            std::thread::sleep(Duration::from_millis(15));
        }
        std::thread::sleep(Duration::from_millis(next() % 40));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            kills += 1;
        }
        if db.exists() {
            let s = Store::open(&db, Mode::ReadOnly).unwrap();
            assert_eq!(s.integrity_check().unwrap(), "ok");
            let docs = s.counts().unwrap()[0].1;
            assert!(
                docs >= committed_before,
                "committed documents were lost: {docs} < {committed_before}"
            );
            committed_before = docs;
            eprintln!("kill -9 #{kills}: {docs} documents committed");
            let dups: i64 = s
                .connection()
                .query_row(
                    "SELECT count(*) - count(DISTINCT doc_key) FROM documents",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(dups, 0);
            // what is there is exactly the beginning of the uninterrupted run
            let got = dump(&db);
            let got_docs: Vec<&String> = got.iter().take(docs as usize).collect();
            let want_docs: Vec<&String> = want.iter().take(docs as usize).collect();
            assert_eq!(got_docs, want_docs);
        }
    }
    assert!(
        kills >= 1,
        "the ingest was never interrupted; make the corpus larger"
    );
    let o = spawn_ingest(&input, &db).wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = Store::open(&db, Mode::ReadOnly).unwrap();
    assert_eq!(s.integrity_check().unwrap(), "ok");
    drop(s);
    assert_eq!(
        dump(&db),
        want,
        "the resumed database differs from the uninterrupted one"
    );
}

#[test]
fn events_can_be_read_while_an_ingest_writes() {
    let d = dir("concurrent");
    let input = corpus(&d, 200);
    let db = d.join("petrel.db");
    let mut child = spawn_ingest(&input, &db);
    let mut reads = 0;
    let mut seen = std::collections::BTreeSet::new();
    while child.try_wait().unwrap().is_none() {
        if db.exists() {
            let o = petrel(&[
                "events",
                "--db",
                s(&db),
                "--format",
                "csv",
                "--limit",
                "100000",
            ]);
            let err = String::from_utf8_lossy(&o.stderr);
            // the very first moment the file exists, its schema may not be committed yet
            if o.status.success() {
                reads += 1;
                seen.insert(String::from_utf8_lossy(&o.stdout).lines().count());
            } else {
                assert!(
                    err.contains("old schema") || err.contains("did not create"),
                    "{err}"
                );
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(child.wait().unwrap().success());
    assert!(reads >= 2, "only {reads} reads during the ingest");
    assert!(
        seen.len() >= 2,
        "the reader saw the ingest progress: {seen:?}"
    );
}

#[test]
fn database_errors_are_clear() {
    let d = dir("errors");
    let bad = d.join("notes.db");
    std::fs::write(
        &bad,
        "meeting notes, not a database, but long enough to fill a header page ......",
    )
    .unwrap();
    let o = petrel(&["events", "--db", s(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("notes.db") && err.contains("not a usable database"),
        "{err}"
    );
    let o = petrel(&["ingest", FIXTURE, "--db", "/proc/petrel.db"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write the database here"));
    let o = petrel(&["events", "--db", s(&d.join("missing.db"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("petrel ingest"));
}
