//! `petrel eval`: scores coded events against a gold file with the definitions of
//! `shared/tools/score_events.py` (the project's reference scorer), so the figures agree with it.
//!
//! Gold rows: one `"kind": "document"` row per article (negative anchors = site boilerplate, gold locations),
//! then one row per event: `anchors` (text that must be in the predicted sentence), `cameo_roots`, `plover`,
//! `source`/`target` (country code, `IGO…`/`CSTO`, a list for compound actors, or null), `core` (counted in
//! recall), `date` (`[first, last]`), `counts` (`{kind, min, max}`), `target_explicit`.

use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The scorer's figures (percentages rounded to one decimal; `None` when nothing could be measured).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Score {
    /// Predictions of documents the gold file knows.
    pub predictions: usize,
    /// Predictions matching a gold event.
    pub correct_predictions: usize,
    /// Predictions from sentences holding a negative (boilerplate) anchor.
    pub boilerplate_predictions: usize,
    /// Core gold events.
    pub core_gold: usize,
    /// Core gold events matched by some prediction.
    pub core_found: usize,
    /// correct_predictions / predictions.
    pub precision: Option<f64>,
    /// core_found / core_gold.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Share of found events with a gold source whose best prediction has the right source.
    pub source_accuracy: Option<f64>,
    /// The same for explicit targets.
    pub target_accuracy: Option<f64>,
    /// Share of core events found with neither actor wrong.
    pub triple_recall: Option<f64>,
    /// Share of found events with a gold date range whose prediction's date falls in it.
    pub date_accuracy: Option<f64>,
    /// Share of gold counts carried by a prediction from the anchor's sentence.
    pub count_recall: Option<f64>,
    /// Share of gold locations with a GeoNames id that some prediction of the document carries.
    pub location_recall: Option<f64>,
    /// Ids of missed core events (at most 40).
    pub missed: Vec<String>,
}

impl Score {
    /// One `name value` line per figure, in the reference scorer's order and style.
    pub fn to_text(&self) -> String {
        let opt = |v: Option<f64>| v.map_or("None".to_string(), |v| format!("{v:.1}"));
        let rows: Vec<(&str, String)> = vec![
            ("predictions", self.predictions.to_string()),
            ("correct_predictions", self.correct_predictions.to_string()),
            (
                "boilerplate_predictions",
                self.boilerplate_predictions.to_string(),
            ),
            ("core_gold", self.core_gold.to_string()),
            ("core_found", self.core_found.to_string()),
            ("precision", opt(self.precision)),
            ("recall", opt(self.recall)),
            ("f1", format!("{:.1}", self.f1)),
            ("source_accuracy", opt(self.source_accuracy)),
            ("target_accuracy", opt(self.target_accuracy)),
            ("triple_recall", opt(self.triple_recall)),
            ("date_accuracy", opt(self.date_accuracy)),
            ("count_recall", opt(self.count_recall)),
            ("location_recall", opt(self.location_recall)),
            ("missed", format!("{:?}", self.missed)),
        ];
        rows.iter().map(|(k, v)| format!("{k:24} {v}\n")).collect()
    }
}

/// Lower case, NFKC, straight quotes, single spaces: how anchors are compared with sentences.
fn norm(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s
        .nfkc()
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2018}' | '\u{2019}' => '\'',
            c => c,
        })
        .collect();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// `KAZ` for a country actor, `IGO` for an international body, None when unknown.
fn actor_key(a: &Value) -> Option<String> {
    let (code, country, kind) = match a {
        Value::Null => return None,
        Value::String(s) => (s.to_uppercase(), String::new(), String::new()),
        _ => (
            str_of(a, "code").to_uppercase(),
            str_of(a, "country").to_uppercase(),
            str_of(a, "type").to_uppercase(),
        ),
    };
    if code.starts_with("IGO") || kind == "IGO" {
        return Some("IGO".into());
    }
    if country.len() == 3 && country.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(country);
    }
    let prefix: String = code.chars().take(3).collect();
    if prefix.chars().count() == 3 && prefix.chars().all(char::is_alphabetic) {
        return Some(prefix);
    }
    None
}

/// Whether the predicted actor agrees with the gold one; None when the gold names none.
fn gold_actor_ok(gold: &Value, pred: &Value) -> Option<bool> {
    match gold {
        Value::Null => None,
        Value::Array(list) => {
            if list.is_empty() {
                None
            } else {
                Some(list.iter().any(|g| gold_actor_ok(g, pred) == Some(true)))
            }
        }
        Value::String(g) => {
            let k = actor_key(pred);
            if g == "CSTO" || g.starts_with("IGO") {
                Some(k.as_deref() == Some("IGO"))
            } else {
                Some(k.as_deref() == Some(g.as_str()))
            }
        }
        _ => None,
    }
}

fn root(code: &Value) -> Option<String> {
    let code = match code {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let r: String = code.chars().take(2).collect();
    (r.chars().count() == 2 && r.chars().all(|c| c.is_ascii_digit())).then_some(r)
}

fn plover_type(e: &Value) -> Option<String> {
    let p = match e.get("plover") {
        Some(Value::Object(o)) => o.get("type").and_then(Value::as_str),
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    }?;
    (!p.is_empty()).then(|| p.to_uppercase())
}

fn as_u64(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64)
}

fn count_hits(gc: &Value, pcounts: &Value) -> bool {
    let kind = str_of(gc, "kind");
    let (gmin, gmax) = (
        as_u64(gc.get("min")).unwrap_or(f64::MIN),
        as_u64(gc.get("max")).unwrap_or(f64::MAX),
    );
    pcounts.as_array().into_iter().flatten().any(|c| {
        if str_of(c, "kind").to_lowercase() != kind {
            return false;
        }
        let lo = as_u64(c.get("min")).or(as_u64(c.get("value")));
        let hi = as_u64(c.get("max")).or(as_u64(c.get("value")));
        let (lo, hi) = match (lo, hi) {
            (None, None) => return false,
            (Some(l), None) => (l, l),
            (None, Some(h)) => (h, h),
            (Some(l), Some(h)) => (l, h),
        };
        lo <= gmax && hi >= gmin
    })
}

fn pct(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| (1000.0 * a as f64 / b as f64).round() / 10.0)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

/// Scores predictions (event JSON objects) against gold rows.
pub fn score(gold_rows: &[Value], preds: &[Value]) -> Score {
    let docs: HashMap<&str, &Value> = gold_rows
        .iter()
        .filter(|r| str_of(r, "kind") == "document")
        .map(|r| (str_of(r, "doc"), r))
        .collect();
    let golds: Vec<&Value> = gold_rows
        .iter()
        .filter(|r| str_of(r, "kind") != "document")
        .collect();
    let mut by_doc: HashMap<&str, Vec<&Value>> = HashMap::new();
    for g in &golds {
        by_doc.entry(str_of(g, "doc")).or_default().push(g);
    }
    let known: HashSet<&str> = by_doc.keys().chain(docs.keys()).copied().collect();
    let preds: Vec<&Value> = preds
        .iter()
        .filter(|p| known.contains(str_of(p, "doc")))
        .collect();
    // documents in first-seen order, like the reference scorer's dict
    let mut pred_by_doc: Vec<(&str, Vec<&Value>)> = Vec::new();
    for p in &preds {
        let d = str_of(p, "doc");
        match pred_by_doc.iter_mut().find(|(k, _)| *k == d) {
            Some((_, v)) => v.push(p),
            None => pred_by_doc.push((d, vec![p])),
        }
    }
    let core_of = |g: &Value| g.get("core").and_then(Value::as_bool).unwrap_or(false);
    let null = Value::Null;
    let mut matched: HashMap<(String, String), Vec<&Value>> = HashMap::new();
    let (mut correct, mut boiler) = (0usize, 0usize);
    for (doc, ps) in &pred_by_doc {
        let negs: Vec<String> = docs
            .get(doc)
            .map(|d| strings(d.get("negative_anchors")))
            .unwrap_or_default()
            .iter()
            .map(|n| norm(n))
            .collect();
        for p in ps {
            let text = match p.get("text").and_then(Value::as_str) {
                Some(t) if !t.is_empty() => t,
                _ => p
                    .get("evidence")
                    .and_then(|e| e.get("text"))
                    .and_then(Value::as_str)
                    .unwrap_or(""),
            };
            let t = norm(text);
            if negs.iter().any(|n| t.contains(n.as_str())) {
                boiler += 1;
                continue;
            }
            let (r, pt) = (root(p.get("cameo").unwrap_or(&null)), plover_type(p));
            let mut hit: Option<(&Value, (u8, bool, bool))> = None;
            for g in by_doc.get(doc).into_iter().flatten() {
                let anchored = strings(g.get("anchors"))
                    .iter()
                    .any(|a| t.contains(norm(a).as_str()));
                let roots = strings(g.get("cameo_roots"));
                let plovers = strings(g.get("plover"));
                let kind_ok = r.as_ref().is_some_and(|r| roots.contains(r))
                    || pt.as_ref().is_some_and(|t| plovers.contains(t));
                if !(anchored && kind_ok) {
                    continue;
                }
                let agree = u8::from(
                    gold_actor_ok(
                        g.get("source").unwrap_or(&null),
                        p.get("source").unwrap_or(&null),
                    ) == Some(true),
                ) + u8::from(
                    gold_actor_ok(
                        g.get("target").unwrap_or(&null),
                        p.get("target").unwrap_or(&null),
                    ) == Some(true),
                );
                let key = (
                    agree,
                    !matched.contains_key(&(doc.to_string(), str_of(g, "id").to_string())),
                    core_of(g),
                );
                // the first of equal candidates wins, as Python's max does
                if hit.is_none_or(|(_, k)| key > k) {
                    hit = Some((g, key));
                }
            }
            if let Some((g, _)) = hit {
                correct += 1;
                matched
                    .entry((doc.to_string(), str_of(g, "id").to_string()))
                    .or_default()
                    .push(p);
            }
        }
    }
    let core: Vec<&&Value> = golds.iter().filter(|g| core_of(g)).collect();
    let key_of = |g: &Value| (str_of(g, "doc").to_string(), str_of(g, "id").to_string());
    let found: Vec<&&&Value> = core
        .iter()
        .filter(|g| matched.contains_key(&key_of(g)))
        .collect();
    let (mut src_n, mut src_ok, mut tgt_n, mut tgt_ok, mut triple_ok, mut date_n, mut date_ok) =
        (0, 0, 0, 0, 0, 0, 0);
    for g in &found {
        let g: &Value = g;
        let gs = g.get("source").unwrap_or(&null);
        let gt = g.get("target").unwrap_or(&null);
        let quality = |p: &Value| {
            u8::from(gold_actor_ok(gs, p.get("source").unwrap_or(&null)) == Some(true))
                + u8::from(gold_actor_ok(gt, p.get("target").unwrap_or(&null)) == Some(true))
        };
        let ps = &matched[&key_of(g)];
        let mut best = ps[0];
        for p in ps.iter().skip(1) {
            if quality(p) > quality(best) {
                best = p;
            }
        }
        let s = gold_actor_ok(gs, best.get("source").unwrap_or(&null));
        let explicit = g
            .get("target_explicit")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let t = if explicit {
            gold_actor_ok(gt, best.get("target").unwrap_or(&null))
        } else {
            None
        };
        if let Some(s) = s {
            src_n += 1;
            src_ok += usize::from(s);
        }
        if let Some(t) = t {
            tgt_n += 1;
            tgt_ok += usize::from(t);
        }
        if s != Some(false) && t != Some(false) {
            triple_ok += 1;
        }
        let range = strings(g.get("date"));
        if range.len() == 2 {
            date_n += 1;
            let d: String = str_of(best, "date").chars().take(10).collect();
            date_ok += usize::from(!d.is_empty() && range[0] <= d && d <= range[1]);
        }
    }
    let (mut cnt_n, mut cnt_ok) = (0, 0);
    for g in &golds {
        let gcounts = g.get("counts").and_then(Value::as_array);
        for gc in gcounts.into_iter().flatten() {
            if !core_of(g) && !matched.contains_key(&key_of(g)) {
                continue;
            }
            cnt_n += 1;
            let anchors: Vec<String> = strings(g.get("anchors")).iter().map(|a| norm(a)).collect();
            let doc_preds = pred_by_doc
                .iter()
                .find(|(d, _)| *d == str_of(g, "doc"))
                .map(|(_, v)| v.as_slice())
                .unwrap_or(&[]);
            cnt_ok += usize::from(doc_preds.iter().any(|p| {
                let t = norm(str_of(p, "text"));
                anchors.iter().any(|a| t.contains(a.as_str()))
                    && count_hits(gc, p.get("counts").unwrap_or(&null))
            }));
        }
    }
    let (mut loc_n, mut loc_ok) = (0, 0);
    for (doc, meta) in &docs {
        let locations = meta.get("locations").and_then(Value::as_array);
        for gl in locations.into_iter().flatten() {
            let Some(id) = gl.get("geonameid") else {
                continue;
            };
            loc_n += 1;
            let id = id.to_string().trim_matches('"').to_string();
            let doc_preds = pred_by_doc
                .iter()
                .find(|(d, _)| d == doc)
                .map(|(_, v)| v.as_slice())
                .unwrap_or(&[]);
            loc_ok += usize::from(doc_preds.iter().any(|p| {
                p.get("location")
                    .and_then(|l| l.get("geonameid"))
                    .is_some_and(|g| g.to_string().trim_matches('"') == id)
            }));
        }
    }
    let n = preds.len();
    let p = if n > 0 {
        correct as f64 / n as f64
    } else {
        0.0
    };
    let r = if core.is_empty() {
        0.0
    } else {
        found.len() as f64 / core.len() as f64
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Score {
        predictions: n,
        correct_predictions: correct,
        boilerplate_predictions: boiler,
        core_gold: core.len(),
        core_found: found.len(),
        precision: pct(correct, n),
        recall: pct(found.len(), core.len()),
        f1: (1000.0 * f).round() / 10.0,
        source_accuracy: pct(src_ok, src_n),
        target_accuracy: pct(tgt_ok, tgt_n),
        triple_recall: pct(triple_ok, core.len()),
        date_accuracy: pct(date_ok, date_n),
        count_recall: pct(cnt_ok, cnt_n),
        location_recall: pct(loc_ok, loc_n),
        missed: core
            .iter()
            .filter(|g| !matched.contains_key(&key_of(g)))
            .take(40)
            .map(|g| str_of(g, "id").to_string())
            .collect(),
    }
}

/// Reads a JSONL file of objects; errors name the file and line.
pub fn read_jsonl(path: &std::path::Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: not JSON: {e}", path.display(), i + 1))?;
        rows.push(v);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gold() -> Vec<Value> {
        vec![
            json!({"doc": "d", "kind": "document", "negative_anchors": ["subscribe now"],
                   "locations": [{"name": "Almaty", "geonameid": 1526384}]}),
            json!({"doc": "d", "id": "G1", "anchors": ["police arrested"], "cameo_roots": ["17"],
                   "source": "KAZ", "target": "KAZ", "core": true, "date": ["2022-01-05", "2022-01-06"],
                   "counts": [{"kind": "arrested", "min": 100, "max": 100}]}),
            json!({"doc": "d", "id": "G2", "anchors": ["troops arrived"], "cameo_roots": ["08"],
                   "plover": ["AID"], "source": "CSTO", "target": "KAZ", "core": true}),
            json!({"doc": "d", "id": "G3", "anchors": ["said"], "cameo_roots": ["01"], "core": false}),
        ]
    }

    #[test]
    fn scores_like_the_reference_scorer() {
        let preds = vec![
            json!({"doc": "d", "text": "Police arrested 100 people.", "cameo": "173",
                   "source": {"code": "KAZCOP"}, "target": {"country": "KAZ"}, "date": "2022-01-05",
                   "counts": [{"kind": "arrested", "min": 100, "max": 100}],
                   "location": {"geonameid": 1526384}}),
            json!({"doc": "d", "text": "Subscribe now: police arrested", "cameo": "173"}),
            json!({"doc": "d", "text": "Troops  arrived.", "cameo": "0234", "plover": {"type": "AID"},
                   "source": {"code": "IGOCSTO"}, "target": {"code": "RUSMIL"}}),
            json!({"doc": "d", "text": "He said so.", "cameo": "190"}),
            json!({"doc": "other", "text": "ignored", "cameo": "190"}),
        ];
        let s = score(&gold(), &preds);
        assert_eq!(s.predictions, 4);
        assert_eq!(s.correct_predictions, 2);
        assert_eq!(s.boilerplate_predictions, 1);
        assert_eq!((s.core_found, s.core_gold), (2, 2));
        assert_eq!(s.precision, Some(50.0));
        assert_eq!(s.recall, Some(100.0));
        assert_eq!(s.source_accuracy, Some(100.0));
        assert_eq!(s.target_accuracy, Some(50.0));
        assert_eq!(s.triple_recall, Some(50.0));
        assert_eq!(s.date_accuracy, Some(100.0));
        assert_eq!(s.count_recall, Some(100.0));
        assert_eq!(s.location_recall, Some(100.0));
        assert!(s.missed.is_empty());
    }

    #[test]
    fn nothing_predicted_is_zero_not_a_panic() {
        let s = score(&gold(), &[]);
        assert_eq!(s.precision, None);
        assert_eq!(s.recall, Some(0.0));
        assert_eq!(s.missed, vec!["G1", "G2"]);
    }
}
