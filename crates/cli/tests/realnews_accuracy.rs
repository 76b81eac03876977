//! Accuracy on real news, scored by `../shared/tools/score_events.py`: the 40 articles of
//! `../shared/gold/realnews-dev` and petrel's own blind-coded gold in `data/gold/real` (tune, 100 articles, tune2,
//! 24, tune3, 30, tune4, 28 weblog posts, and tune5, 36 WikiNews excerpts, tuned on; heldout, heldout-wikinews, heldout2, heldout3, heldout4
//! and heldout5, 25, 20, 13, 25, 41 and 16 articles from other outlets, years and genres, held out), whose texts
//! `scripts/real_gold_inputs.py`
//! rebuilds from `../shared/data`. A guard against regressions, with bars a little below the figures measured when
//! they were set (README's figures table has the current ones). Skips with a message when `../shared` is absent:
//! the texts and the scorer are not the project's to ship.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    (p.join("tools/score_events.py").exists()
        && p.join("gold/realnews-dev.input.jsonl").exists()
        && p.join("data/geo/dev-geowebnews/gwn.input.jsonl").exists()
        && p.join("data/extraction/scrapinghub/ground-truth.json")
            .exists())
    .then_some(p)
}

/// Codes `input` with the test's petrel and scores it against `gold`; the scorer's JSON figures.
fn score(shared: &Path, gold: &Path, input: &Path, name: &str) -> serde_json::Value {
    let pred = common::petrel_stdout(&[std::ffi::OsStr::new("code"), input.as_os_str()]);
    common::score_events(shared, gold, &pred, name)
}

/// The input JSONL of one of `data/gold/real`'s gold files, rebuilt from `../shared` into a temporary file.
fn rebuilt_input(shared: &Path, gold: &Path, name: &str) -> PathBuf {
    let out = Command::new("python3")
        .arg(root().join("scripts/real_gold_inputs.py"))
        .arg(gold)
        .arg("--shared")
        .arg(shared)
        .output()
        .expect("python3 runs real_gold_inputs.py");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path =
        std::env::temp_dir().join(format!("petrel-{name}-input-{}.jsonl", std::process::id()));
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

#[test]
fn realnews_dev_scores_above_the_bars() {
    let Some(shared) = shared() else {
        eprintln!("SKIPPED real-news accuracy: ../shared (scorer, realnews-dev, research corpora) not found");
        return;
    };
    let r = score(
        &shared,
        &shared.join("gold/realnews-dev.gold.jsonl"),
        &shared.join("gold/realnews-dev.input.jsonl"),
        "realnews-dev",
    );
    let at_least = |key: &str, bar: f64| common::at_least(&r, key, bar);
    at_least("precision", 72.0);
    at_least("strict_precision", 60.0);
    at_least("recall", 55.0);
    at_least("triple_recall", 50.0);
    at_least("date_accuracy", 92.0);
    at_least("count_recall", 68.0);
    at_least("location_recall", 83.0);
}

#[test]
fn own_real_gold_scores_above_the_bars() {
    let Some(shared) = shared() else {
        eprintln!("SKIPPED real-news accuracy: ../shared (scorer, realnews-dev, research corpora) not found");
        return;
    };
    for (name, bars) in [
        (
            "tune",
            [
                ("precision", 60.0),
                ("strict_precision", 47.0),
                ("recall", 46.0),
                ("triple_recall", 36.0),
                ("date_accuracy", 87.0),
                ("location_recall", 65.0),
            ],
        ),
        (
            // (24 articles coded blind after the rules they are measured with; few counts and places)
            "tune2",
            [
                ("precision", 55.0),
                ("strict_precision", 47.0),
                ("recall", 31.0),
                ("triple_recall", 28.0),
                ("date_accuracy", 75.0),
                ("location_recall", 45.0),
            ],
        ),
        (
            // (30 GeoVirus/WikiNews outbreak articles, coded blind after the rules they are measured with)
            "tune3",
            [
                ("precision", 52.0),
                ("strict_precision", 40.0),
                ("recall", 32.0),
                ("triple_recall", 25.0),
                ("date_accuracy", 90.0),
                ("location_recall", 48.0),
            ],
        ),
        (
            // (28 weblog and newsgroup posts of the English Web Treebank: the Iraq war, Israel and Gaza,
            // Darfur; first measured before any rule was read from them)
            "tune4",
            [
                ("precision", 60.0),
                ("strict_precision", 44.0),
                ("recall", 46.0),
                ("triple_recall", 35.0),
                ("date_accuracy", 84.0),
                ("location_recall", 50.0),
            ],
        ),
        (
            // (36 GeoVirus/WikiNews excerpts, few of them political; first measured with stop 33's rules at P 76.6,
            // strict 75.0, recall 31.3, S+R+T 30.1, dates 88.5)
            "tune5",
            [
                ("precision", 68.0),
                ("strict_precision", 65.0),
                ("recall", 28.0),
                ("triple_recall", 26.0),
                ("date_accuracy", 80.0),
                // (its places have no GeoNames ids, so no place figure)
                ("source_accuracy", 85.0),
            ],
        ),
        (
            "heldout",
            [
                ("precision", 58.0),
                ("strict_precision", 37.0),
                ("recall", 45.0),
                ("triple_recall", 31.0),
                ("date_accuracy", 88.0),
                ("location_recall", 79.0),
            ],
        ),
        (
            "heldout-wikinews",
            [
                ("precision", 56.0),
                ("strict_precision", 40.0),
                ("recall", 37.0),
                ("triple_recall", 28.0),
                ("date_accuracy", 82.0),
                ("location_recall", 73.0),
            ],
        ),
        (
            // (41 more GeoVirus/WikiNews excerpts, coded blind at the end of stop 28; no place ids, few counts)
            "heldout4",
            [
                ("precision", 56.0),
                ("strict_precision", 49.0),
                ("recall", 32.0),
                ("triple_recall", 28.0),
                ("date_accuracy", 88.0),
                ("predictions", 80.0),
            ],
        ),
        (
            // (14 weblog and newsgroup posts of EWT's train half and 2 GUM WikiNews articles, coded blind in stop
            // 30; first scored at P 60.9, strict 44.1, recall 49.5, S+R+T 40.0)
            "heldout5",
            [
                ("precision", 55.0),
                ("strict_precision", 38.0),
                ("recall", 44.0),
                ("triple_recall", 34.0),
                ("date_accuracy", 74.0),
                ("predictions", 120.0),
            ],
        ),
        (
            // (25 WikiNews excerpts coded blind at the end of stop 27; no GeoNames ids, so no place figure)
            "heldout3",
            [
                ("precision", 65.0),
                ("strict_precision", 47.0),
                ("recall", 31.0),
                ("triple_recall", 22.0),
                ("date_accuracy", 88.0),
                ("predictions", 50.0),
            ],
        ),
        (
            // (13 articles: a single event moves a figure by 1-3 points)
            "heldout2",
            [
                ("precision", 40.0),
                ("strict_precision", 38.0),
                ("recall", 28.0),
                ("triple_recall", 28.0),
                ("date_accuracy", 72.0),
                ("location_recall", 55.0),
            ],
        ),
    ] {
        let gold = root().join(format!("data/gold/real/{name}.gold.jsonl"));
        let input = rebuilt_input(&shared, &gold, name);
        let r = score(&shared, &gold, &input, name);
        std::fs::remove_file(&input).ok();
        for (key, bar) in bars {
            common::at_least(&r, key, bar);
        }
    }
}
