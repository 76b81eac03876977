//! `petrel eval`: scores coded events against a gold file with the definitions of
//! `shared/tools/score_events.py` (the project's reference scorer), so the figures agree with it.
//!
//! Gold rows: one `"kind": "document"` row per article (negative anchors = site boilerplate, gold locations),
//! then one row per event: `anchors` (text that must be in the predicted sentence), `cameo_roots`, `plover`,
//! `source`/`target` (country code, `IGO…`/`CSTO`, a list for compound actors, or null), `core` (counted in
//! recall), `date` (`[first, last]`), `counts` (`{kind, min, max}`), `target_explicit`.
//!
//! [`Matching`] is the scorer's one matching pass; [`Matching::score`] computes the figures from it and
//! [`Matching::explain`] (`petrel eval --explain`, in `eval/explain.rs`) the error table, so the two agree.

use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

mod explain;
pub use explain::{Explanation, Item, Kind, ReasonCount, Summary, Tally};

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
    /// Share of predictions that match a gold event and whose source and target agree with it (where the gold
    /// names them).
    pub strict_precision: Option<f64>,
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
            ("strict_precision", opt(self.strict_precision)),
            ("recall", opt(self.recall)),
            ("f1", format!("{:.1}", self.f1)),
            ("source_accuracy", opt(self.source_accuracy)),
            ("target_accuracy", opt(self.target_accuracy)),
            ("triple_recall", opt(self.triple_recall)),
            ("date_accuracy", opt(self.date_accuracy)),
            ("count_recall", opt(self.count_recall)),
            ("location_recall", opt(self.location_recall)),
            // Python's list repr, so the whole output can be compared with the scorer's
            (
                "missed",
                format!(
                    "[{}]",
                    self.missed
                        .iter()
                        .map(|m| format!("'{m}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
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
    Matching::new(gold_rows, preds).score()
}

/// The sentence a prediction was coded from, as the scorer matches it: `text`, else `evidence.text`.
fn sentence_of(p: &Value) -> &str {
    match p.get("text").and_then(Value::as_str) {
        Some(t) if !t.is_empty() => t,
        _ => p
            .get("evidence")
            .and_then(|e| e.get("text"))
            .and_then(Value::as_str)
            .unwrap_or(""),
    }
}

fn core_of(g: &Value) -> bool {
    g.get("core").and_then(Value::as_bool).unwrap_or(false)
}

/// Whether the gold target counts (`target_explicit` absent or true; null is false, as in Python).
fn target_explicit(g: &Value) -> bool {
    match g.get("target_explicit") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(Value::Null) => false,
        Some(_) => true,
    }
}

fn field<'a>(v: &'a Value, key: &str) -> &'a Value {
    static NULL: Value = Value::Null;
    v.get(key).unwrap_or(&NULL)
}

/// Whether one of the gold event's anchors is in the normalised sentence `t`.
fn anchored(g: &Value, t: &str) -> bool {
    strings(g.get("anchors"))
        .iter()
        .any(|a| t.contains(norm(a).as_str()))
}

/// Whether the prediction's CAMEO root or PLOVER type is one the gold event accepts.
fn kind_ok(g: &Value, p: &Value) -> bool {
    let (r, pt) = (root(field(p, "cameo")), plover_type(p));
    r.is_some_and(|r| strings(g.get("cameo_roots")).contains(&r))
        || pt.is_some_and(|t| strings(g.get("plover")).contains(&t))
}

/// How many of source and target agree with the gold event (the scorer's preference among candidates).
fn agreement(g: &Value, p: &Value) -> u8 {
    u8::from(gold_actor_ok(field(g, "source"), field(p, "source")) == Some(true))
        + u8::from(gold_actor_ok(field(g, "target"), field(p, "target")) == Some(true))
}

/// The source and target checks of a prediction against its gold event: None where the gold names no actor
/// (or the target is not explicit).
fn actor_checks(g: &Value, p: &Value) -> (Option<bool>, Option<bool>) {
    let s = gold_actor_ok(field(g, "source"), field(p, "source"));
    let t = if target_explicit(g) {
        gold_actor_ok(field(g, "target"), field(p, "target"))
    } else {
        None
    };
    (s, t)
}

/// What the scorer decided about one prediction.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Verdict<'a> {
    /// Its sentence holds a negative anchor.
    Boilerplate,
    /// No gold event of its document matches it.
    Unmatched,
    /// It matches this gold event; `strict` when source and target agree too.
    Matched { gold: &'a Value, strict: bool },
}

/// One prediction of a known document with the scorer's decision.
pub(crate) struct Judged<'a> {
    pub(crate) doc: &'a str,
    pub(crate) pred: &'a Value,
    /// The sentence as given.
    pub(crate) sentence: &'a str,
    /// The sentence normalised like the anchors.
    pub(crate) norm: String,
    pub(crate) verdict: Verdict<'a>,
}

/// A core gold event some prediction matches, with the checks of its best prediction.
pub(crate) struct Found<'a> {
    pub(crate) gold: &'a Value,
    /// The matched prediction whose actors agree best (the first of equals).
    pub(crate) best: &'a Value,
    pub(crate) source: Option<bool>,
    pub(crate) target: Option<bool>,
    /// None when the gold gives no date range.
    pub(crate) date: Option<bool>,
}

/// The scorer's single matching pass over the predictions, which both [`Matching::score`] and
/// [`Matching::explain`] read, so the figures and the error table rest on the same decisions.
pub struct Matching<'a> {
    pub(crate) docs: HashMap<&'a str, &'a Value>,
    /// Gold event rows, in file order.
    pub(crate) golds: Vec<&'a Value>,
    pub(crate) by_doc: HashMap<&'a str, Vec<&'a Value>>,
    /// Predictions of known documents, documents in first-seen order (like the reference scorer's dict).
    pub(crate) judged: Vec<Judged<'a>>,
    /// (doc, gold id) -> the predictions matching it.
    pub(crate) matched: HashMap<(&'a str, &'a str), Vec<&'a Value>>,
}

impl<'a> Matching<'a> {
    /// Matches the predictions (event JSON objects) with the gold rows, as the reference scorer does.
    pub fn new(gold_rows: &'a [Value], preds: &'a [Value]) -> Matching<'a> {
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
        let mut pred_by_doc: Vec<(&str, Vec<&Value>)> = Vec::new();
        for p in preds.iter().filter(|p| known.contains(str_of(p, "doc"))) {
            let d = str_of(p, "doc");
            match pred_by_doc.iter_mut().find(|(k, _)| *k == d) {
                Some((_, v)) => v.push(p),
                None => pred_by_doc.push((d, vec![p])),
            }
        }
        let mut matched: HashMap<(&str, &str), Vec<&Value>> = HashMap::new();
        let mut judged = Vec::new();
        for (doc, ps) in pred_by_doc {
            let negs: Vec<String> = docs
                .get(doc)
                .map(|d| strings(d.get("negative_anchors")))
                .unwrap_or_default()
                .iter()
                .map(|n| norm(n))
                .collect();
            for p in ps {
                let sentence = sentence_of(p);
                let t = norm(sentence);
                let verdict = if negs.iter().any(|n| t.contains(n.as_str())) {
                    Verdict::Boilerplate
                } else {
                    let mut hit: Option<(&Value, (u8, bool, bool))> = None;
                    for g in by_doc.get(doc).into_iter().flatten() {
                        if !(anchored(g, &t) && kind_ok(g, p)) {
                            continue;
                        }
                        // prefer the gold event whose actors agree, then one not yet matched, then a core one
                        let key = (
                            agreement(g, p),
                            !matched.contains_key(&(doc, str_of(g, "id"))),
                            core_of(g),
                        );
                        // the first of equal candidates wins, as Python's max does
                        if hit.is_none_or(|(_, k)| key > k) {
                            hit = Some((g, key));
                        }
                    }
                    match hit {
                        Some((g, _)) => {
                            matched.entry((doc, str_of(g, "id"))).or_default().push(p);
                            let (s, t) = actor_checks(g, p);
                            Verdict::Matched {
                                gold: g,
                                strict: s != Some(false) && t != Some(false),
                            }
                        }
                        None => Verdict::Unmatched,
                    }
                };
                judged.push(Judged {
                    doc,
                    pred: p,
                    sentence,
                    norm: t,
                    verdict,
                });
            }
        }
        Matching {
            docs,
            golds,
            by_doc,
            judged,
            matched,
        }
    }

    pub(crate) fn is_matched(&self, g: &Value) -> bool {
        self.matched
            .contains_key(&(str_of(g, "doc"), str_of(g, "id")))
    }

    /// The document's predictions, in input order.
    pub(crate) fn of_doc<'s>(&'s self, doc: &'s str) -> impl Iterator<Item = &'s Judged<'a>> + 's {
        self.judged.iter().filter(move |j| j.doc == doc)
    }

    /// Core gold events, in file order.
    pub(crate) fn core(&self) -> impl Iterator<Item = &'a Value> + '_ {
        self.golds.iter().copied().filter(|g| core_of(g))
    }

    /// The core gold events some prediction matches, with their best prediction's checks.
    pub(crate) fn found(&self) -> Vec<Found<'a>> {
        self.core()
            .filter_map(|g| {
                let ps = self.matched.get(&(str_of(g, "doc"), str_of(g, "id")))?;
                let quality = |p: &Value| {
                    let (s, t) = (
                        gold_actor_ok(field(g, "source"), field(p, "source")),
                        gold_actor_ok(field(g, "target"), field(p, "target")),
                    );
                    u8::from(s == Some(true)) + u8::from(t == Some(true))
                };
                let mut best = ps[0];
                for p in ps.iter().skip(1) {
                    if quality(p) > quality(best) {
                        best = p;
                    }
                }
                let (source, target) = actor_checks(g, best);
                let range = strings(g.get("date"));
                let date = (range.len() == 2).then(|| {
                    let d: String = str_of(best, "date").chars().take(10).collect();
                    !d.is_empty() && range[0] <= d && d <= range[1]
                });
                Some(Found {
                    gold: g,
                    best,
                    source,
                    target,
                    date,
                })
            })
            .collect()
    }

    /// Whether the gold event's counts are scored: core events, and optional ones that were matched.
    pub(crate) fn counts_scored(&self, g: &Value) -> bool {
        core_of(g) || self.is_matched(g)
    }

    /// The scorer's count rule: a prediction of the document whose sentence (`text`) holds an anchor
    /// carries the gold count.
    pub(crate) fn count_carried(&self, g: &Value, gc: &Value) -> bool {
        let anchors: Vec<String> = strings(g.get("anchors")).iter().map(|a| norm(a)).collect();
        self.of_doc(str_of(g, "doc")).any(|j| {
            let t = norm(str_of(j.pred, "text"));
            anchors.iter().any(|a| t.contains(a.as_str()))
                && count_hits(gc, field(j.pred, "counts"))
        })
    }

    /// The figures of the reference scorer.
    pub fn score(&self) -> Score {
        let n = self.judged.len();
        let correct = self
            .judged
            .iter()
            .filter(|j| matches!(j.verdict, Verdict::Matched { .. }))
            .count();
        let strict = self
            .judged
            .iter()
            .filter(|j| matches!(j.verdict, Verdict::Matched { strict: true, .. }))
            .count();
        let boiler = self
            .judged
            .iter()
            .filter(|j| matches!(j.verdict, Verdict::Boilerplate))
            .count();
        let core_n = self.core().count();
        let found = self.found();
        let (mut src_n, mut src_ok, mut tgt_n, mut tgt_ok, mut triple_ok, mut date_n, mut date_ok) =
            (0, 0, 0, 0, 0, 0, 0);
        for f in &found {
            if let Some(s) = f.source {
                src_n += 1;
                src_ok += usize::from(s);
            }
            if let Some(t) = f.target {
                tgt_n += 1;
                tgt_ok += usize::from(t);
            }
            if f.source != Some(false) && f.target != Some(false) {
                triple_ok += 1;
            }
            if let Some(d) = f.date {
                date_n += 1;
                date_ok += usize::from(d);
            }
        }
        let (mut cnt_n, mut cnt_ok) = (0, 0);
        for g in &self.golds {
            if !self.counts_scored(g) {
                continue;
            }
            for gc in g
                .get("counts")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                cnt_n += 1;
                cnt_ok += usize::from(self.count_carried(g, gc));
            }
        }
        let (mut loc_n, mut loc_ok) = (0, 0);
        for (doc, meta) in &self.docs {
            let locations = meta.get("locations").and_then(Value::as_array);
            for gl in locations.into_iter().flatten() {
                let Some(id) = gl.get("geonameid") else {
                    continue;
                };
                loc_n += 1;
                let id = id.to_string().trim_matches('"').to_string();
                loc_ok += usize::from(self.of_doc(doc).any(|j| {
                    j.pred
                        .get("location")
                        .and_then(|l| l.get("geonameid"))
                        .is_some_and(|g| g.to_string().trim_matches('"') == id)
                }));
            }
        }
        let p = if n > 0 {
            correct as f64 / n as f64
        } else {
            0.0
        };
        let r = if core_n == 0 {
            0.0
        } else {
            found.len() as f64 / core_n as f64
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
            core_gold: core_n,
            core_found: found.len(),
            precision: pct(correct, n),
            strict_precision: pct(strict, n),
            recall: pct(found.len(), core_n),
            f1: (1000.0 * f).round() / 10.0,
            source_accuracy: pct(src_ok, src_n),
            target_accuracy: pct(tgt_ok, tgt_n),
            triple_recall: pct(triple_ok, core_n),
            date_accuracy: pct(date_ok, date_n),
            count_recall: pct(cnt_ok, cnt_n),
            location_recall: pct(loc_ok, loc_n),
            missed: self
                .core()
                .filter(|g| !self.is_matched(g))
                .take(40)
                .map(|g| str_of(g, "id").to_string())
                .collect(),
        }
    }
}

/// The figures as one JSON object; with an explanation, its items under `explain` and its summary under
/// `explain_summary` (`petrel eval --json --explain`).
pub fn to_json(score: &Score, explanation: Option<&Explanation>) -> serde_json::Result<String> {
    #[derive(Serialize)]
    struct Explained<'a> {
        #[serde(flatten)]
        score: &'a Score,
        explain: &'a [Item],
        explain_summary: &'a Summary,
    }
    match explanation {
        None => serde_json::to_string(score),
        Some(x) => serde_json::to_string(&Explained {
            score,
            explain: &x.items,
            explain_summary: &x.summary,
        }),
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
    fn strict_precision_and_the_text_follow_the_reference_scorer() {
        let preds = vec![
            json!({"doc": "d", "text": "Police arrested 100 people.", "cameo": "173",
                   "source": {"code": "KAZCOP"}, "target": {"country": "KAZ"}}),
            json!({"doc": "d", "text": "Troops arrived.", "cameo": "0234",
                   "source": {"code": "IGOCSTO"}, "target": {"code": "RUSMIL"}}),
            json!({"doc": "d", "text": "He said so.", "cameo": "010"}),
            json!({"doc": "d", "text": "Nothing here.", "cameo": "190"}),
        ];
        let s = score(&gold(), &preds);
        // the arrest agrees on both actors; the troops' target is wrong; G3 names no actor
        assert_eq!(s.strict_precision, Some(50.0));
        let s = score(&gold(), &[]);
        let text = s.to_text();
        assert!(text.contains("strict_precision         None\n"), "{text}");
        assert!(
            text.ends_with("missed                   ['G1', 'G2']\n"),
            "{text}"
        );
    }

    #[test]
    fn nothing_predicted_is_zero_not_a_panic() {
        let s = score(&gold(), &[]);
        assert_eq!(s.precision, None);
        assert_eq!(s.recall, Some(0.0));
        assert_eq!(s.missed, vec!["G1", "G2"]);
    }
}
