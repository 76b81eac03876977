//! Helpers shared by the integration tests. Each test that needs them declares `mod common;`; a folder with a
//! `mod.rs` is no test target of its own, and nothing here is part of the ordinary build.

/// Asserts that the figure `key` of a scorer's JSON output is at least `bar` (a missing figure counts as 0).
pub fn at_least(scores: &serde_json::Value, key: &str, bar: f64) {
    let v = scores[key].as_f64().unwrap_or(0.0);
    assert!(v >= bar, "{key} {v} < {bar}: {scores}");
}
