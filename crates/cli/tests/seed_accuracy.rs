//! Accuracy on the RFE/RL seed article against its hand-coded gold, scored by ../shared/tools/score_events.py.
//! Skips with a message when ../shared (the project's shared data, not shipped to users) is absent.

mod common;

use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.join("tools/score_events.py").exists().then_some(p)
}

#[test]
fn seed_article_scores_above_the_bar() {
    let Some(shared) = shared() else {
        eprintln!(
            "SKIPPED seed accuracy: ../shared/tools/score_events.py not found (shared data absent)"
        );
        return;
    };
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/examples/rferl-kazakhstan-csto-2022-01-07.txt");
    let pred = common::petrel_stdout(&[
        std::ffi::OsStr::new("code"),
        example.as_os_str(),
        std::ffi::OsStr::new("--date"),
        std::ffi::OsStr::new("2022-01-07"),
    ]);
    let r = common::score_events(&shared, &shared.join("gold/seed.gold.jsonl"), &pred, "seed");
    // the coder issue's bars for the seed
    let at_least = |key: &str, bar: f64| common::at_least(&r, key, bar);
    at_least("precision", 90.0);
    at_least("recall", 90.0);
    at_least("date_accuracy", 90.0);
    at_least("count_recall", 90.0);
    at_least("triple_recall", 80.0);
    assert_eq!(r["boilerplate_predictions"], 0, "{r}");
}
