//! The `petrel` binary as a user runs it: inputs, formats, errors and exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn petrel(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_petrel"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("petrel runs");
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            input.write_all(bytes).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-cli-{}", std::process::id()));
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

const ARTICLE: &str =
    "Police in Lagos arrested 40 protesters on Monday after demonstrators blocked a highway.\n\n\
    The Nigerian government condemned the violence.";

#[test]
fn codes_a_text_file_with_its_name_as_id() {
    let p = temp("lagos-story.txt", ARTICLE.as_bytes());
    let o = petrel(&["code", p.to_str().unwrap(), "--date", "2023-05-10"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ev = lines(&o);
    assert!(!ev.is_empty());
    let arrest = ev
        .iter()
        .find(|e| e["cameo"].as_str().unwrap().starts_with("17"))
        .expect("an arrest event");
    assert_eq!(arrest["doc"], "lagos-story");
    assert_eq!(arrest["source"]["code"], "NGACOP");
    assert_eq!(arrest["date"], "2023-05-08");
    assert_eq!(arrest["counts"][0]["kind"], "arrested");
    assert_eq!(arrest["counts"][0]["min"], 40);
    assert_eq!(arrest["location"]["name"], "Lagos");
}

#[test]
fn reads_jsonl_from_stdin_and_survives_a_bad_record() {
    let input = b"{\"id\":\"a1\",\"date\":\"2022-01-07\",\"text\":\"Russia sent 300 troops to Armenia.\"}\n{broken\n{\"id\":\"a2\",\"text\":\"Iran accused Israel of attacking its nuclear site.\"}\n";
    let o = petrel(&["code", "--date", "2022-02-01"], Some(input));
    assert_eq!(
        o.status.code(),
        Some(1),
        "a skipped record makes the exit code 1"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("<stdin>:2:"), "{err}");
    assert!(
        err.contains(", 1 skipped (files, records or items"),
        "{err}"
    );
    let ev = lines(&o);
    assert!(ev.iter().any(|e| e["doc"] == "a1"));
    assert!(ev
        .iter()
        .any(|e| e["doc"] == "a2" && e["date"] == "2022-02-01"));
}

#[test]
fn bad_inputs_name_file_and_line() {
    let o = petrel(&["code", "--date", "2022-13-01", "x.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("2022-13-01"));
    let bad = temp("latin1.txt", b"Caf\xe9 owners protested.");
    let good = temp("good.txt", b"Police arrested 5 people in Paris.");
    let o = petrel(
        &[
            "code",
            "/no/such/file.txt",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("/no/such/file.txt: cannot open: no such file"),
        "{err}"
    );
    assert!(err.contains("latin1.txt: byte 3: invalid UTF-8"), "{err}");
    assert!(lines(&o).iter().any(|e| e["doc"] == "good"));
    let dict = temp("sectors-broken.tsv", b"ok\tGOV\nbad line\n");
    let o = petrel(
        &[
            "code",
            "--dict",
            dict.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("sectors-broken.tsv:2: expected 2 tab-separated fields"));
}

#[test]
fn user_dictionaries_extend_the_coder() {
    let text = b"The Frobnian junta arrested 12 monks.";
    let before = lines(&petrel(&["code"], Some(text)));
    assert!(before.iter().all(|e| e["source"]["country"] != "FRB"));
    let countries = temp(
        "countries-fictional.tsv",
        b"FRB\tFB\tFrobnia\t-\tFrobnian\t-\n",
    );
    let sectors = temp("sectors-fictional.tsv", b"junta\tGOV\n");
    let o = petrel(
        &[
            "code",
            "--dict",
            countries.to_str().unwrap(),
            "--dict",
            sectors.to_str().unwrap(),
        ],
        Some(text),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ev = lines(&o);
    assert!(ev.iter().any(|e| e["source"]["code"] == "FRBGOV"), "{ev:?}");
}

#[test]
fn csv_and_table_formats() {
    let p = temp("csvtest.txt", ARTICLE.as_bytes());
    let o = petrel(&["code", "--format", "csv", p.to_str().unwrap()], None);
    let out = String::from_utf8_lossy(&o.stdout);
    let mut rows = out.lines();
    assert!(rows.next().unwrap().starts_with("id,doc,sentence,date"));
    assert!(rows.next().is_some());
    let o = petrel(&["code", "--format", "table", p.to_str().unwrap()], None);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.lines().next().unwrap().starts_with("date"));
    assert!(out.contains("NGACOP"));
}

#[test]
fn annotate_layers_point_into_the_text() {
    let o = petrel(
        &["annotate", "--date", "2022-01-07"],
        Some("“Shoot,” he said. Troops arrived in Almaty on January 5.\n".as_bytes()),
    );
    assert!(o.status.success());
    let docs = lines(&o);
    let d = &docs[0];
    assert_eq!(d["doc"], "stdin");
    let text: Vec<char> = d["text"].as_str().unwrap().chars().collect();
    for layer in [
        "sentences",
        "tokens",
        "actors",
        "places",
        "dates",
        "counts",
        "quotes",
    ] {
        for a in d[layer].as_array().unwrap() {
            let (s, e) = (
                a["start"].as_u64().unwrap() as usize,
                a["end"].as_u64().unwrap() as usize,
            );
            assert!(s <= e && e <= text.len(), "{layer}: {a}");
            if let Some(t) = a.get("text").and_then(|t| t.as_str()) {
                if layer != "quotes" || !t.is_empty() {
                    assert_eq!(text[s..e].iter().collect::<String>(), t, "{layer}");
                }
            }
        }
    }
    let place = &d["places"][0];
    assert_eq!(place["geonameid"], 1526384);
    assert_eq!(d["dates"][0]["date"], "2022-01-05");
}

#[test]
fn no_panic_on_junk() {
    for junk in [
        &b""[..],
        b"\x00\x01\x02",
        b"{\"text\": 5}",
        b"\"\"\"\"",
        b"...\n\n\n,,,",
        "日本語のテキスト。".as_bytes(),
    ] {
        let o = petrel(&["code"], Some(junk));
        assert!(
            o.status.code().is_some_and(|c| c <= 1),
            "{junk:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn events_follow_the_json_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../schema/event.schema.json")).unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let props = schema["properties"].as_object().unwrap();
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/examples/rferl-kazakhstan-csto-2022-01-07.txt"
    );
    let o = petrel(&["code", example, "--date", "2022-01-07"], None);
    let events = lines(&o);
    assert!(events.len() > 10);
    for e in &events {
        let obj = e.as_object().unwrap();
        for r in &required {
            assert!(obj.contains_key(*r), "missing {r} in {e}");
        }
        for k in obj.keys() {
            assert!(props.contains_key(k), "field {k} not in the schema");
        }
        assert!(e["id"].as_str().unwrap().len() == 16);
        assert!((1..=4).contains(&e["quad_class"].as_u64().unwrap()));
        if let Some(a) = e["acled"].as_object() {
            let acled = &props["acled"];
            for r in acled["required"].as_array().unwrap() {
                assert!(
                    a.contains_key(r.as_str().unwrap()),
                    "missing acled {r} in {e}"
                );
            }
            for k in a.keys() {
                assert!(
                    acled["properties"].get(k).is_some(),
                    "acled {k} not in the schema"
                );
            }
        }
        let text: Vec<char> = e["text"].as_str().unwrap().chars().collect();
        assert!(!text.is_empty());
        for who in ["source", "target"] {
            if let Some(a) = e[who].as_object() {
                assert!(
                    a["code"]
                        .as_str()
                        .unwrap()
                        .chars()
                        .all(|c| c.is_ascii_uppercase()),
                    "{e}"
                );
            }
        }
    }
    // ids are stable between runs
    let again = lines(&petrel(&["code", example, "--date", "2022-01-07"], None));
    assert_eq!(events, again);
}
