//! `petrel serve` end to end: the real server on an ephemeral 127.0.0.1 port, over a database made by ingesting
//! `data/examples/*.txt` through the real pipeline; every endpoint, the token, the limits and the errors, read
//! with a plain HTTP/1.1 client over a TCP socket.

use petrel::serve_cmd::{start, ServeOptions};
use petrel::store_cmd::{run_ingest, IngestOptions};
use petrel::Pipeline;
use petrel_core::Date;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("petrel-serve-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The example articles ingested once; each test copies the file.
fn example_db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let db = dir().join("base.db");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/examples");
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty());
        let pipeline = Pipeline::builtin().unwrap();
        let opts = IngestOptions {
            jobs: 1,
            batch: 64,
            batch_time: Duration::from_secs(2),
        };
        let code = run_ingest(&inputs, Date::new(2022, 1, 7), &pipeline, &db, &opts, false);
        assert_eq!(code, 0);
        let store = petrel_store::Store::open(&db, petrel_store::Mode::ReadWrite).unwrap();
        store.checkpoint().unwrap();
        db
    })
}

fn copy_db(name: &str) -> PathBuf {
    let p = dir().join(name);
    std::fs::copy(example_db(), &p).unwrap();
    p
}

struct Reply {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {} {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .expect("an error message")
            .to_string()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One request on its own connection (`Connection: close`); the whole body is written even if the server
/// answers early (write errors are ignored: the answer is what counts).
fn request(addr: SocketAddr, method: &str, path: &str, headers: &[&str], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    if !headers
        .iter()
        .any(|h| h.to_ascii_lowercase().starts_with("transfer-encoding"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let _ = s.write_all(head.as_bytes()).and_then(|_| s.write_all(body));
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(&raw)));
    let headers = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[], b"")
}

#[test]
fn every_read_endpoint_answers() {
    let db = copy_db("read.db");
    let server = start(&ServeOptions::new(db, "127.0.0.1:0")).unwrap();
    let a = server.addr;

    // the issue's first checks: events of a country, the page, 401 without a token, 400 with a message
    let r = get(a, "/api/events?country=KAZ");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    let page = r.json();
    let events = page["events"].as_array().unwrap();
    assert!(events.len() >= 5, "{}", events.len());
    assert!(events.iter().all(|e| e["country"] == "KAZ"));
    assert!(page["next"].is_null());
    // alpha-2 as in `petrel events`
    assert_eq!(get(a, "/api/events?country=kz").json(), page);
    let r = get(a, "/");
    assert_eq!(r.status, 200);
    assert!(String::from_utf8_lossy(&r.body).contains("<title>petrel"));
    assert_eq!(get(a, "/app.js").status, 200);
    assert_eq!(get(a, "/app.css").status, 200);
    let world = get(a, "/world.json").json();
    assert_eq!(world["type"], "Topology");
    let r = request(a, "POST", "/api/documents", &[], br#"{"text": "x"}"#);
    assert_eq!(r.status, 401);
    assert!(r.error().contains("read-only"), "{}", r.error());
    let r = get(a, "/api/events?limit=notanumber");
    assert_eq!(r.status, 400);
    assert!(r.error().contains("limit"), "{}", r.error());

    // pages by cursor cover every event once, in order
    let all = get(a, "/api/events?limit=1000").json();
    let all: Vec<i64> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    let mut paged = Vec::new();
    let mut path = "/api/events?limit=7".to_string();
    loop {
        let p = get(a, &path).json();
        paged.extend(
            p["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_i64().unwrap()),
        );
        match p["next"].as_str() {
            Some(n) => path = format!("/api/events?limit=7&after={n}"),
            None => break,
        }
    }
    assert_eq!(paged, all);
    assert!(all.len() > 20);

    // one event with its mentions, and the document they point to
    let e = get(a, &format!("/api/events/{}", all[0])).json();
    let m = &e["mentions"][0];
    let doc_id = m["document_id"].as_i64().unwrap();
    assert!(m["trigger"]["start"].is_i64());
    assert!(m["evidence"].as_str().unwrap().contains("events.txt"));
    let d = get(a, &format!("/api/documents/{doc_id}")).json();
    let text = d["text"].as_str().unwrap();
    let trigger: String = text
        .chars()
        .skip(m["trigger"]["start"].as_u64().unwrap() as usize)
        .take(
            (m["trigger"]["end"].as_u64().unwrap() - m["trigger"]["start"].as_u64().unwrap())
                as usize,
        )
        .collect();
    assert_eq!(trigger, m["trigger"]["text"].as_str().unwrap());
    assert!(d["layers"]["sentences"].as_array().unwrap().len() > 5);
    assert!(d["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["event"] == all[0]));
    assert_eq!(get(a, "/api/events/999999").status, 404);
    assert_eq!(get(a, "/api/documents/999999").status, 404);
    let r = get(a, "/api/events/abc");
    assert_eq!(r.status, 400);
    assert!(r.error().contains("not a number"));

    // stats, health, the OpenAPI description
    let st = get(a, "/api/stats").json();
    assert_eq!(st["events"].as_i64().unwrap() as usize, all.len());
    assert!(st["by_day_quad"][0][1].is_i64());
    assert!(!st["by_actor_pair"].as_array().unwrap().is_empty());
    let kaz = get(a, "/api/stats?country=KAZ").json();
    assert_eq!(kaz["events"].as_u64().unwrap() as usize, events.len());
    let h = get(a, "/api/health").json();
    assert_eq!(
        (h["status"].as_str(), h["writable"].as_bool()),
        (Some("ok"), Some(false))
    );
    let spec = get(a, "/api/openapi.json").json();
    assert!(spec["paths"]["/api/events"]["get"].is_object());

    // CSV and GeoJSON, by parameter or by Accept
    let r = get(a, "/api/events?format=csv&limit=3");
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    let csv = String::from_utf8(r.body.clone()).unwrap();
    assert!(csv.starts_with("id,date,"), "{csv}");
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(r.header("x-next-cursor").is_some());
    let r = request(a, "GET", "/api/events?limit=3", &["Accept: text/csv"], b"");
    assert_eq!(String::from_utf8(r.body).unwrap(), csv);
    let g = get(a, "/api/events?format=geojson&country=KAZ").json();
    assert_eq!(g["type"], "FeatureCollection");
    let f = &g["features"][0];
    assert_eq!(f["geometry"]["type"], "Point");
    assert!(f["geometry"]["coordinates"][0].as_f64().unwrap() > 40.0);

    // wrong requests: 400 or 404 or 405, always JSON with the reason
    for (path, says) in [
        ("/api/events?from=yesterday", "from"),
        ("/api/events?bogus=1", "bogus"),
        ("/api/events?text=%22unclosed", "text"),
        ("/api/events?after=xyz", "after"),
        ("/api/stats?limit=5", "limit"),
        ("/api/events?country=%FF%FE", "country"),
    ] {
        let r = get(a, path);
        assert_eq!(r.status, 400, "{path}");
        assert!(r.error().contains(says), "{path}: {}", r.error());
    }
    let r = get(a, "/nothing/here");
    assert_eq!(r.status, 404);
    assert!(r.error().contains("openapi"));
    let r = request(a, "DELETE", "/api/events", &[], b"");
    assert_eq!(r.status, 405);
    assert!(r.error().contains("DELETE"));
    server.stop().unwrap();
}

fn documents(addr: SocketAddr) -> i64 {
    get(addr, "/api/health").json()["last_document_id"]
        .as_i64()
        .unwrap()
}

/// Mentions stored (a posted article's events may join stored ones: the event count need not grow).
fn mention_count(addr: SocketAddr) -> i64 {
    get(addr, "/api/stats").json()["mentions"].as_i64().unwrap()
}

#[test]
fn writes_need_the_token_and_are_all_or_nothing() {
    let db = copy_db("write.db");
    let token = dir().join("token");
    std::fs::write(&token, "s3cret-token\n").unwrap();
    let mut opts = ServeOptions::new(db.clone(), "127.0.0.1:0");
    opts.token_file = Some(token);
    opts.max_body_bytes = 64 << 10;
    let server = start(&opts).unwrap();
    let a = server.addr;
    let (docs0, mentions0) = (documents(a), mention_count(a));
    let article = r#"{"id": "almaty-1", "date": "2022-01-08", "url": "https://news.example/a1", "text": "Kazakh police arrested 40 protesters in Almaty on Saturday, the interior ministry said. Russian troops guarded the airport in Almaty."}"#;
    let auth = "Authorization: Bearer s3cret-token";

    // no token, a wrong one: 401 and nothing stored
    for h in [
        &[][..],
        &["Authorization: Bearer wrong"][..],
        &["Authorization: s3cret-token"][..],
    ] {
        let r = request(a, "POST", "/api/documents", h, article.as_bytes());
        assert_eq!(r.status, 401, "{h:?}");
        assert_eq!(r.header("www-authenticate").as_deref(), Some("Bearer"));
    }
    // a body wrong at line 3: 400 naming it, and the two good lines before it are not stored either
    let body = format!(
        "{}\n{}\n{{\"text\": \"broken\"\n",
        article
            .replace("almaty-1", "b1")
            .replace("Saturday", "Friday"),
        article.replace("almaty-1", "b2").replace("40", "41")
    );
    let r = request(a, "POST", "/api/documents", &[auth], body.as_bytes());
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["line"], 3);
    assert!(r.error().starts_with("line 3:"), "{}", r.error());
    let r = request(
        a,
        "POST",
        "/api/documents",
        &[auth],
        b"[{\"text\": \"a\"}, 7]",
    );
    assert_eq!(r.status, 400);
    assert!(r.error().contains("record 2"), "{}", r.error());
    assert_eq!((documents(a), mention_count(a)), (docs0, mentions0));

    // too large: 413, declared or streamed
    let big = vec![b' '; 100 << 10];
    let r = request(a, "POST", "/api/documents", &[auth], &big);
    assert_eq!(r.status, 413);
    assert!(r.error().contains("limit"), "{}", r.error());
    let mut chunked = Vec::new();
    for _ in 0..20 {
        chunked.extend(format!("{:x}\r\n", 8 << 10).as_bytes());
        chunked.extend(vec![b' '; 8 << 10]);
        chunked.extend(b"\r\n");
    }
    chunked.extend(b"0\r\n\r\n");
    let r = request(
        a,
        "POST",
        "/api/documents",
        &[auth, "Transfer-Encoding: chunked"],
        &chunked,
    );
    assert_eq!(r.status, 413);
    assert_eq!(documents(a), docs0);

    // the right token: coded and stored like `petrel ingest`, then found by the filters
    let r = request(
        a,
        "POST",
        "/api/documents",
        &[auth, "Content-Type: application/json"],
        article.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let out = r.json();
    assert_eq!(out["stored"], 1);
    assert!(out["mentions"].as_u64().unwrap() >= 1, "{out}");
    assert_eq!(documents(a), docs0 + 1);
    assert_eq!(
        mention_count(a),
        mentions0 + out["mentions"].as_i64().unwrap()
    );
    let found = get(
        a,
        "/api/events?from=2022-01-08&to=2022-01-08&text=protesters",
    )
    .json();
    assert!(!found["events"].as_array().unwrap().is_empty(), "{found}");
    // the same article again: nothing new
    let r = request(a, "POST", "/api/documents", &[auth], article.as_bytes());
    assert_eq!((r.status, r.json()["duplicates"].as_u64()), (200, Some(1)));
    server.stop().unwrap();

    // the file is whole
    let store = petrel_store::Store::open(&db, petrel_store::Mode::ReadOnly).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_bad_token_file_or_database_stops_the_start() {
    let db = copy_db("start.db");
    let empty = dir().join("empty-token");
    std::fs::write(&empty, "\n  \n").unwrap();
    for (file, says) in [
        (empty, "empty"),
        (dir().join("no-such-token-file"), "cannot read"),
    ] {
        let mut opts = ServeOptions::new(db.clone(), "127.0.0.1:0");
        opts.token_file = Some(file);
        let e = start(&opts).err().expect("refused");
        assert!(e.contains("--token-file") && e.contains(says), "{e}");
    }
    let e = start(&ServeOptions::new(dir().join("missing.db"), "127.0.0.1:0"))
        .err()
        .expect("refused");
    assert!(e.contains("no such file"), "{e}");
    // the command says so and exits 2
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(["serve", "--db"])
        .arg(&db)
        .args([
            "--addr",
            "127.0.0.1:0",
            "--token-file",
            "/nonexistent/token",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--token-file"));
}
