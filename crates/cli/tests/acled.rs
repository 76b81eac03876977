//! ACLED's coding of events as a user gets it from `petrel code` (JSON lines): the `acled` object with type,
//! actor types, interaction, fatalities and precision codes, and the conventions file extended with `--dict`.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn petrel(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("petrel runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-acled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The `acled` objects of the events `petrel code` gives for the text (published 10 May 2023), by CAMEO code.
fn acled_of(text: &str, dicts: &[&PathBuf]) -> Vec<(String, serde_json::Value)> {
    let mut args = vec!["code", "--date", "2023-05-10"];
    for d in dicts {
        args.extend(["--dict", d.to_str().unwrap()]);
    }
    let o = petrel(&args, text.as_bytes());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
        .map(|e| (e["cameo"].as_str().unwrap().to_string(), e["acled"].clone()))
        .collect()
}

#[test]
fn each_event_carries_its_acled_coding() {
    let ev = acled_of(
        "Fulani gunmen killed dozens of farmers in Benue on Monday.",
        &[],
    );
    let (_, a) = ev
        .iter()
        .find(|(_, a)| !a.is_null())
        .expect("an ACLED event");
    assert_eq!(
        *a,
        serde_json::json!({
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "inter1": 4,
            "inter2": 7,
            "interaction": 47,
            "fatalities": 12,
            "time_precision": 1,
            "geo_precision": 3
        })
    );
    // a peaceful protest: protesters alone, in a town, on a day, no one killed
    let ev = acled_of("Thousands of protesters marched in Nairobi on Monday.", &[]);
    let a = &ev.iter().find(|(_, a)| !a.is_null()).unwrap().1;
    assert_eq!(a["sub_event_type"], "Peaceful protest");
    assert_eq!(
        (
            &a["inter1"],
            &a["inter2"],
            &a["interaction"],
            &a["fatalities"]
        ),
        (
            &serde_json::json!(6),
            &serde_json::Value::Null,
            &serde_json::json!(60),
            &serde_json::json!(0)
        )
    );
    assert_eq!(
        (&a["time_precision"], &a["geo_precision"]),
        (&1.into(), &1.into())
    );
    // what ACLED does not record has no ACLED coding at all
    let ev = acled_of(
        "President Ruto praised the police in Nairobi on Monday.",
        &[],
    );
    assert!(!ev.is_empty());
    assert!(ev.iter().all(|(_, a)| a.is_null()), "{ev:?}");
}

#[test]
fn the_conventions_are_data_a_user_can_extend() {
    let text = "Fulani gunmen killed dozens of farmers in Benue on Monday.";
    let fatalities = |dicts: &[&PathBuf]| {
        acled_of(text, dicts)
            .into_iter()
            .find(|(_, a)| !a.is_null())
            .map(|(_, a)| (a["fatalities"].clone(), a["inter1"].clone()))
            .unwrap()
    };
    assert_eq!(fatalities(&[]), (12.into(), 4.into()));
    // "dozens" counted as 24, and Fulani no longer a word of identity
    let mine = temp(
        "acled-conventions-mine.tsv",
        b"# mine\nvague\tdozens\t24\nword\tfulani\t3\n",
    );
    assert_eq!(fatalities(&[&mine]), (24.into(), 3.into()));
    // a broken row is refused with file and line, nothing coded
    let bad = temp(
        "acled-broken.tsv",
        b"vague\tdozens\t24\nsector\tGOV\t9\t-\n",
    );
    let o = petrel(&["code", "--dict", bad.to_str().unwrap()], text.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("acled-broken.tsv:2: actor type \"9\" is not 1-8"),
        "{err}"
    );
}
