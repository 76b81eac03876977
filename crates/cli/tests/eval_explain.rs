//! `petrel eval --explain` on the repository's development gold: the error table comes after the figures, and
//! with --json its items and summary agree with the figures printed beside them (the same matching pass).

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn eval(args: &[&str]) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .arg("eval")
        .arg(root.join("data/gold/dev-articles.gold.jsonl"))
        .arg(root.join("data/gold/dev-articles.jsonl"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn count(items: &[Value], kind: &str) -> usize {
    items.iter().filter(|i| i["kind"] == kind).count()
}

#[test]
fn eval_explain_json_agrees_with_the_figures() {
    let v: Value = serde_json::from_str(&eval(&["--json", "--explain"])).unwrap();
    let n = |k: &str| v[k].as_u64().unwrap() as usize;
    let items = v["explain"].as_array().expect("an explain list");
    assert_eq!(count(items, "missed"), n("core_gold") - n("core_found"));
    assert_eq!(
        count(items, "wrong"),
        n("predictions") - n("correct_predictions")
    );
    let strict = n("correct_predictions") - count(items, "not_strict");
    let pct = |a: usize, b: usize| (1000.0 * a as f64 / b as f64).round() / 10.0;
    assert_eq!(
        v["strict_precision"].as_f64(),
        Some(pct(strict, n("predictions")))
    );
    for i in items {
        let reasons = i["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty(), "{i}");
        assert!(i["sentence"].as_str().is_some_and(|s| !s.is_empty()), "{i}");
    }
    let summary = &v["explain_summary"];
    for kind in ["missed", "imperfect", "wrong", "not_strict"] {
        assert_eq!(
            summary[kind]["items"].as_u64(),
            Some(count(items, kind) as u64)
        );
        let by: Vec<u64> = summary[kind]["by_reason"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["count"].as_u64().unwrap())
            .collect();
        assert!(by.windows(2).all(|w| w[0] >= w[1]), "{kind}: {by:?}");
    }
}

#[test]
fn eval_explain_text_follows_the_figures_and_plain_json_has_no_table() {
    let text = eval(&["--explain"]);
    let figures = text.find("precision ").unwrap();
    let summary = text.find("\nexplain summary\n").expect("a summary");
    assert!(figures < summary);
    assert!(text.contains("missed core events "), "{text}");
    assert!(
        text.contains("\nmissed core events by first gold root: "),
        "{text}"
    );
    let plain: Value = serde_json::from_str(&eval(&["--json"])).unwrap();
    assert!(plain.get("explain").is_none());
    assert!(plain.get("strict_precision").is_some());
}
