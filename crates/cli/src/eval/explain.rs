//! `petrel eval --explain`: the error table behind the figures. It reads the scorer's own matching pass
//! ([`Matching`]), so every missed, imperfect and wrong item is one the figures count.
//!
//! - **missed**: a core gold event no prediction matches, with the first reason that applies:
//!   `anchor in no sentence` (no sentence petrel split holds an anchor whole: cleaning or splitting lost it;
//!   only said when the sentences are known), `no event in sentence` (no prediction's sentence holds an anchor),
//!   `wrong root` (predictions there, none with an accepted CAMEO root or PLOVER type: their codes are listed),
//!   `matched another gold event` (a prediction with an accepted root went to another gold event of the
//!   sentence), `boilerplate sentence` (the only such prediction sits in a sentence with a negative anchor).
//! - **imperfect**: a found core event whose best prediction (the scorer's) is not fully right: `wrong source`
//!   / `no source`, `wrong target` / `no target` (explicit targets only), `wrong date` / `no date`, `no count`
//!   (the scorer's count rule), `wrong place` / `no place` (country of the gold event's location, alpha-2).
//! - **wrong**: a prediction matching no gold event: `boilerplate`, `no gold event in sentence`, `wrong root`
//!   (the gold roots of the sentence's events are shown).
//! - **not_strict**: a correct prediction whose source or target disagrees with its gold event: `wrong actors`.

use super::{
    actor_checks, anchored, core_of, field, kind_ok, norm, str_of, strings, Found, Judged,
    Matching, Verdict,
};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// What an item of the error table is about.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A core gold event no prediction matches.
    Missed,
    /// A found core event whose best prediction is not fully right.
    Imperfect,
    /// A prediction matching no gold event.
    Wrong,
    /// A correct prediction whose actors disagree with its gold event.
    NotStrict,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Missed => "missed",
            Kind::Imperfect => "imperfect",
            Kind::Wrong => "wrong",
            Kind::NotStrict => "not_strict",
        }
    }
}

/// One line of the error table.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Item {
    /// Document id.
    pub doc: String,
    /// The gold event's id (several joined by `/` for a wrong root in a sentence with several gold events).
    pub gold_id: Option<String>,
    /// What the item is about.
    pub kind: Kind,
    /// Why it is not right (fixed phrases, counted in the summary).
    pub reasons: Vec<String>,
    /// Details of the reasons, for people (e.g. the predicted date and the gold range).
    pub notes: Vec<String>,
    /// The prediction's CAMEO code (for a missed event with a wrong root, the codes of the sentence's
    /// predictions joined by `/`).
    pub pred_cameo: Option<String>,
    /// The prediction's source: its country, else its code; None when it has none.
    pub pred_source: Option<String>,
    /// The prediction's target, the same way.
    pub pred_target: Option<String>,
    /// The gold event's CAMEO roots.
    pub gold_roots: Vec<String>,
    /// The gold source (compound actors joined by `+`); None when the gold names none.
    pub gold_source: Option<String>,
    /// The gold target, the same way.
    pub gold_target: Option<String>,
    /// The sentence (the prediction's, else the first sentence holding an anchor, else the first anchor).
    pub sentence: String,
}

/// How often one reason was given.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReasonCount {
    /// The reason.
    pub reason: String,
    /// Items giving it.
    pub count: usize,
}

/// Counts by reason for one kind of item, most frequent first.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Tally {
    /// Items of this kind.
    pub items: usize,
    /// Items per reason (an imperfect event may give several).
    pub by_reason: Vec<ReasonCount>,
}

/// The summary of the error table.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Summary {
    /// Missed core events.
    pub missed: Tally,
    /// Found core events whose best prediction is not fully right.
    pub imperfect: Tally,
    /// Predictions matching no gold event.
    pub wrong: Tally,
    /// Correct predictions whose actors disagree.
    pub not_strict: Tally,
    /// Missed core events by their first gold CAMEO root, most frequent first.
    pub missed_by_root: Vec<ReasonCount>,
}

/// The error table and its summary.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Explanation {
    /// Missed, then imperfect (gold file order), then wrong, then not strict (prediction order).
    pub items: Vec<Item>,
    /// Counts by reason.
    pub summary: Summary,
}

/// An actor as the table shows it: a gold code (lists joined by `+`), or a predicted actor's country, else
/// its code, else `?`.
fn actor_label(a: &Value) -> Option<String> {
    match a {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(list) if list.is_empty() => None,
        Value::Array(list) => Some(
            list.iter()
                .map(|x| actor_label(x).unwrap_or_else(|| "?".into()))
                .collect::<Vec<_>>()
                .join("+"),
        ),
        Value::Object(o) if o.is_empty() => None,
        _ => {
            let (country, code) = (str_of(a, "country"), str_of(a, "code"));
            Some(if !country.is_empty() {
                country.to_string()
            } else if !code.is_empty() {
                code.to_string()
            } else {
                "?".into()
            })
        }
    }
}

/// `no source` / `wrong source`, then the same for the target, for the checks that failed.
fn actor_faults(p: &Value, source: Option<bool>, target: Option<bool>) -> Vec<String> {
    [("source", source), ("target", target)]
        .into_iter()
        .filter(|(_, ok)| *ok == Some(false))
        .map(|(which, _)| {
            let missing = actor_label(field(p, which)).is_none();
            format!("{} {which}", if missing { "no" } else { "wrong" })
        })
        .collect()
}

fn cameo_of(p: &Value) -> Option<String> {
    match field(p, "cameo") {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => super::plover_type(p),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An item carrying a prediction's fields and a gold event's.
fn item(kind: Kind, doc: &str, pred: Option<&Value>, gold: Option<&Value>, sentence: &str) -> Item {
    Item {
        doc: doc.to_string(),
        gold_id: gold.map(|g| str_of(g, "id").to_string()),
        kind,
        reasons: Vec::new(),
        notes: Vec::new(),
        pred_cameo: pred.map(|p| cameo_of(p).unwrap_or_else(|| "?".into())),
        pred_source: pred.and_then(|p| actor_label(field(p, "source"))),
        pred_target: pred.and_then(|p| actor_label(field(p, "target"))),
        gold_roots: gold
            .map(|g| strings(g.get("cameo_roots")))
            .unwrap_or_default(),
        gold_source: gold.and_then(|g| actor_label(field(g, "source"))),
        gold_target: gold.and_then(|g| actor_label(field(g, "target"))),
        sentence: one_line(sentence),
    }
}

impl<'a> Matching<'a> {
    /// The error table. `sentences` (document id -> the sentences petrel split) finds the sentence of a
    /// missed event no prediction comes from; without them the first anchor stands in.
    pub fn explain(&self, sentences: &HashMap<String, Vec<String>>) -> Explanation {
        let mut items = Vec::new();
        for g in self.core().filter(|g| !self.is_matched(g)) {
            items.push(self.missed(g, sentences));
        }
        for f in self.found() {
            if let Some(i) = self.imperfect(&f) {
                items.push(i);
            }
        }
        for j in &self.judged {
            if let Some(i) = self.wrong(j) {
                items.push(i);
            }
        }
        for j in &self.judged {
            if let Verdict::Matched {
                gold,
                strict: false,
            } = j.verdict
            {
                let mut i = item(Kind::NotStrict, j.doc, Some(j.pred), Some(gold), j.sentence);
                i.reasons.push("wrong actors".into());
                let (s, t) = actor_checks(gold, j.pred);
                i.notes = actor_faults(j.pred, s, t);
                items.push(i);
            }
        }
        let summary = summarise(&items);
        Explanation { items, summary }
    }

    fn missed(&self, g: &Value, sentences: &HashMap<String, Vec<String>>) -> Item {
        let doc = str_of(g, "doc");
        let in_sentence: Vec<&Judged> = self.of_doc(doc).filter(|j| anchored(g, &j.norm)).collect();
        let found_sentence = sentences
            .get(doc)
            .and_then(|ss| ss.iter().find(|s| anchored(g, &norm(s))));
        let first_anchor = strings(g.get("anchors"))
            .into_iter()
            .next()
            .unwrap_or_default();
        let Some(first) = in_sentence.first() else {
            let sentence = found_sentence.map_or(first_anchor.as_str(), String::as_str);
            let mut i = item(Kind::Missed, doc, None, Some(g), sentence);
            let lost = sentences.contains_key(doc) && found_sentence.is_none();
            i.reasons.push(
                if lost {
                    "anchor in no sentence"
                } else {
                    "no event in sentence"
                }
                .into(),
            );
            if lost {
                i.notes.push(format!("anchor \"{first_anchor}\""));
            }
            return i;
        };
        let mut i = item(Kind::Missed, doc, Some(first.pred), Some(g), first.sentence);
        let codes: Vec<String> = in_sentence
            .iter()
            .map(|j| cameo_of(j.pred).unwrap_or_else(|| "?".into()))
            .collect();
        i.pred_cameo = Some(codes.join("/"));
        let accepted: Vec<&&Judged> = in_sentence.iter().filter(|j| kind_ok(g, j.pred)).collect();
        if accepted.is_empty() {
            i.reasons.push("wrong root".into());
            return i;
        }
        let others: Vec<&str> = accepted
            .iter()
            .filter_map(|j| match j.verdict {
                Verdict::Matched { gold, .. } => Some(str_of(gold, "id")),
                _ => None,
            })
            .collect();
        if others.is_empty() {
            i.reasons.push("boilerplate sentence".into());
        } else {
            i.reasons.push("matched another gold event".into());
            i.notes.push(format!("went to {}", others.join("/")));
        }
        i
    }

    fn imperfect(&self, f: &Found) -> Option<Item> {
        let (g, p) = (f.gold, f.best);
        let mut i = item(
            Kind::Imperfect,
            str_of(g, "doc"),
            Some(p),
            Some(g),
            super::sentence_of(p),
        );
        i.reasons = actor_faults(p, f.source, f.target);
        if f.date == Some(false) {
            let d = str_of(p, "date");
            let range = strings(g.get("date"));
            i.reasons.push(
                if d.is_empty() {
                    "no date"
                } else {
                    "wrong date"
                }
                .into(),
            );
            i.notes.push(format!(
                "date {} not in {}..{}",
                if d.is_empty() { "-" } else { d },
                range[0],
                range[1]
            ));
        }
        let lost: Vec<String> = g
            .get("counts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|gc| !self.count_carried(g, gc))
            .map(|gc| {
                let (lo, hi) = (field(gc, "min"), field(gc, "max"));
                let n = if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo}-{hi}")
                };
                format!("{} {n}", str_of(gc, "kind"))
            })
            .collect();
        if !lost.is_empty() {
            i.reasons.push("no count".into());
            i.notes.push(format!("count {}", lost.join(", ")));
        }
        let gold_country = field(g, "location")
            .get("country")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty());
        if let Some(gc) = gold_country {
            let pc = field(p, "location")
                .get("country")
                .and_then(Value::as_str)
                .filter(|c| !c.is_empty());
            match pc {
                None => i.reasons.push("no place".into()),
                Some(pc) if !pc.eq_ignore_ascii_case(gc) => {
                    i.reasons.push("wrong place".into());
                    i.notes.push(format!("place {pc}, gold {gc}"));
                }
                Some(_) => {}
            }
        }
        (!i.reasons.is_empty()).then_some(i)
    }

    fn wrong(&self, j: &Judged) -> Option<Item> {
        match j.verdict {
            Verdict::Matched { .. } => None,
            Verdict::Boilerplate => {
                let mut i = item(Kind::Wrong, j.doc, Some(j.pred), None, j.sentence);
                i.reasons.push("boilerplate".into());
                Some(i)
            }
            Verdict::Unmatched => {
                let there: Vec<&Value> = self
                    .by_doc
                    .get(j.doc)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|g| anchored(g, &j.norm))
                    .collect();
                let Some(first) = there.first() else {
                    let mut i = item(Kind::Wrong, j.doc, Some(j.pred), None, j.sentence);
                    i.reasons.push("no gold event in sentence".into());
                    return Some(i);
                };
                let mut i = item(Kind::Wrong, j.doc, Some(j.pred), Some(first), j.sentence);
                i.reasons.push("wrong root".into());
                i.gold_id = Some(
                    there
                        .iter()
                        .map(|g| str_of(g, "id"))
                        .collect::<Vec<_>>()
                        .join("/"),
                );
                let mut roots: Vec<String> = Vec::new();
                for r in there.iter().flat_map(|g| strings(g.get("cameo_roots"))) {
                    if !roots.contains(&r) {
                        roots.push(r);
                    }
                }
                i.gold_roots = roots;
                // an extra event beside a found one asks for another fix than a root chosen wrongly
                let found: Vec<&str> = there
                    .iter()
                    .filter(|g| self.is_matched(g))
                    .map(|g| str_of(g, "id"))
                    .collect();
                if !found.is_empty() {
                    i.notes
                        .push(format!("{} found by another prediction", found.join("/")));
                }
                if there.iter().all(|g| !core_of(g)) {
                    i.notes.push("gold optional".into());
                }
                Some(i)
            }
        }
    }
}

fn tally<'i>(reasons: impl Iterator<Item = &'i str>) -> Vec<ReasonCount> {
    let mut counts: Vec<ReasonCount> = Vec::new();
    for r in reasons {
        match counts.iter_mut().find(|c| c.reason == r) {
            Some(c) => c.count += 1,
            None => counts.push(ReasonCount {
                reason: r.to_string(),
                count: 1,
            }),
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    counts
}

fn summarise(items: &[Item]) -> Summary {
    let of = |kind: Kind| {
        let these: Vec<&Item> = items.iter().filter(|i| i.kind == kind).collect();
        Tally {
            items: these.len(),
            by_reason: tally(
                these
                    .iter()
                    .flat_map(|i| i.reasons.iter().map(String::as_str)),
            ),
        }
    };
    Summary {
        missed: of(Kind::Missed),
        imperfect: of(Kind::Imperfect),
        wrong: of(Kind::Wrong),
        not_strict: of(Kind::NotStrict),
        missed_by_root: tally(
            items
                .iter()
                .filter(|i| i.kind == Kind::Missed)
                .map(|i| i.gold_roots.first().map_or("-", String::as_str)),
        ),
    }
}

/// At most `n` characters, `…` marking a cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

impl Explanation {
    /// The table, one item a line, then the summary: for people reading after the figures.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "\nexplain: kind, doc, gold id, predicted code, pred source->target, gold roots, gold source->target \
             (_ none named) | reasons (notes) | sentence\n",
        );
        let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
        // `_` is an actor the prediction or the gold does not name; `-` no prediction (or no gold event) at all
        let pair = |s: &Option<String>, t: &Option<String>, any: bool| {
            if any {
                let name = |a: &Option<String>| a.clone().unwrap_or_else(|| "_".into());
                format!("{}->{}", name(s), name(t))
            } else {
                "-".to_string()
            }
        };
        let mut last = None;
        for i in &self.items {
            if last != Some(i.kind) {
                out.push('\n');
                last = Some(i.kind);
            }
            let roots = if i.gold_roots.is_empty() {
                "-".to_string()
            } else {
                i.gold_roots.join(",")
            };
            let mut reasons = i.reasons.join(", ");
            if !i.notes.is_empty() {
                reasons.push_str(&format!(" ({})", i.notes.join("; ")));
            }
            out.push_str(&format!(
                "{:10} {:10} {:7} {:8} pred {:15} gold {:8} {:15} | {} | \"{}\"\n",
                i.kind.label(),
                i.doc,
                dash(&i.gold_id),
                dash(&i.pred_cameo),
                pair(&i.pred_source, &i.pred_target, i.pred_cameo.is_some()),
                roots,
                pair(&i.gold_source, &i.gold_target, i.gold_id.is_some()),
                reasons,
                truncate(&i.sentence, 140),
            ));
        }
        let s = &self.summary;
        out.push_str("\nexplain summary\n");
        for (title, t) in [
            ("missed core events", &s.missed),
            ("found core events, imperfect", &s.imperfect),
            ("wrong predictions", &s.wrong),
            ("correct predictions, not strict", &s.not_strict),
        ] {
            out.push_str(&format!("{title} {}\n", t.items));
            for c in &t.by_reason {
                out.push_str(&format!("  {:5}  {}\n", c.count, c.reason));
            }
        }
        let roots: Vec<String> = s
            .missed_by_root
            .iter()
            .map(|c| format!("{} {}", c.reason, c.count))
            .collect();
        out.push_str(&format!(
            "missed core events by first gold root: {}\n",
            roots.join(", ")
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// One document with a gold event for each way of going wrong.
    fn gold() -> Vec<Value> {
        vec![
            json!({"doc": "d", "kind": "document", "negative_anchors": ["subscribe now"]}),
            // found, every check fails
            json!({"doc": "d", "id": "F1", "anchors": ["police arrested"], "cameo_roots": ["17"],
                   "source": "KAZ", "target": "KAZ", "core": true, "date": ["2022-01-05", "2022-01-06"],
                   "counts": [{"kind": "arrested", "min": 100, "max": 100}],
                   "location": {"name": "Almaty", "country": "KZ"}, "target_explicit": true}),
            // found, the actors named wrongly, no date, no place
            json!({"doc": "d", "id": "F2", "anchors": ["troops arrived"], "cameo_roots": ["08"],
                   "plover": ["AID"], "source": "CSTO", "target": "KAZ", "core": true,
                   "date": ["2022-01-06", "2022-01-07"], "location": {"name": "Almaty", "country": "KZ"}}),
            // found, a target that is not explicit is not asked for
            json!({"doc": "d", "id": "F3", "anchors": ["president said"], "cameo_roots": ["01"],
                   "source": "KAZ", "target": "RUS", "core": true, "target_explicit": false}),
            // found and right
            json!({"doc": "d", "id": "F4", "anchors": ["ministers met"], "cameo_roots": ["04"],
                   "source": "KAZ", "target": "RUS", "core": true, "location": null}),
            // missed: no prediction in its sentence
            json!({"doc": "d", "id": "M1", "anchors": ["ministry condemned"], "cameo_roots": ["11"],
                   "source": "RUS", "target": ["USA", "GBR"], "core": true}),
            // missed: a prediction there with another root
            json!({"doc": "d", "id": "M2", "anchors": ["talks were held"], "cameo_roots": ["04"],
                   "source": "KAZ", "target": "CHN", "core": true}),
            // two events of one sentence with one root: one prediction, which goes to M3
            json!({"doc": "d", "id": "M3", "anchors": ["guards detained"], "cameo_roots": ["17"],
                   "source": "KAZ", "target": "KAZ", "core": true}),
            json!({"doc": "d", "id": "M4", "anchors": ["detained reporters"], "cameo_roots": ["17"],
                   "source": "KAZ", "target": "KAZ", "core": true}),
            // missed: the only prediction with its root sits in boilerplate
            json!({"doc": "d", "id": "M5", "anchors": ["rebels shelled"], "cameo_roots": ["19"],
                   "source": "SYR", "target": "SYR", "core": true}),
            // optional
            json!({"doc": "d", "id": "O1", "anchors": ["he added"], "cameo_roots": ["01"], "core": false}),
        ]
    }

    fn preds() -> Vec<Value> {
        vec![
            json!({"doc": "d", "text": "Police arrested dozens.", "cameo": "173",
                   "target": {"code": "RUSMIL", "country": "RUS"}, "date": "2022-01-09",
                   "counts": [], "location": {"country": "RU"}}),
            json!({"doc": "d", "text": "Troops arrived.", "cameo": "0234", "plover": {"type": "AID"},
                   "source": {"code": "USAMIL"}}),
            json!({"doc": "d", "text": "The president said so.", "cameo": "010",
                   "source": {"country": "KAZ"}, "target": {"country": "CHN"}}),
            json!({"doc": "d", "text": "Ministers met in Astana.", "cameo": "040",
                   "source": {"country": "KAZ"}, "target": {"country": "RUS"}}),
            json!({"doc": "d", "text": "Talks were held in Astana.", "cameo": "190"}),
            json!({"doc": "d", "text": "Guards detained reporters.", "cameo": "173",
                   "source": {"country": "KAZ"}, "target": {"country": "KAZ"}}),
            json!({"doc": "d", "text": "Subscribe now: rebels shelled the town.", "cameo": "190"}),
            json!({"doc": "d", "text": "The weather was fine.", "cameo": "020"}),
            json!({"doc": "other", "text": "Not scored.", "cameo": "020"}),
        ]
    }

    fn find<'e>(x: &'e Explanation, kind: Kind, id: &str) -> &'e Item {
        x.items
            .iter()
            .find(|i| i.kind == kind && i.gold_id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("no {kind:?} item for {id}: {x:#?}"))
    }

    fn explanation() -> Explanation {
        let (g, p) = (gold(), preds());
        Matching::new(&g, &p).explain(&HashMap::new())
    }

    #[test]
    fn missed_events_get_the_first_reason_that_applies() {
        let x = explanation();
        let m1 = find(&x, Kind::Missed, "M1");
        assert_eq!(m1.reasons, vec!["no event in sentence"]);
        assert_eq!(
            m1.sentence, "ministry condemned",
            "the first anchor stands in"
        );
        assert_eq!(m1.pred_cameo, None);
        assert_eq!(m1.gold_source.as_deref(), Some("RUS"));
        assert_eq!(m1.gold_target.as_deref(), Some("USA+GBR"));
        assert_eq!(m1.gold_roots, vec!["11"]);
        let m2 = find(&x, Kind::Missed, "M2");
        assert_eq!(m2.reasons, vec!["wrong root"]);
        assert_eq!(m2.pred_cameo.as_deref(), Some("190"));
        assert_eq!(m2.sentence, "Talks were held in Astana.");
        let m4 = find(&x, Kind::Missed, "M4");
        assert_eq!(m4.reasons, vec!["matched another gold event"]);
        assert_eq!(m4.notes, vec!["went to M3"]);
        let m5 = find(&x, Kind::Missed, "M5");
        assert_eq!(m5.reasons, vec!["boilerplate sentence"]);
        let missed: Vec<&str> = x
            .items
            .iter()
            .filter(|i| i.kind == Kind::Missed)
            .filter_map(|i| i.gold_id.as_deref())
            .collect();
        assert_eq!(missed, vec!["M1", "M2", "M4", "M5"]);
    }

    #[test]
    fn the_sentences_show_where_a_missed_anchor_stands_or_that_it_is_lost() {
        let (g, p) = (gold(), preds());
        let m = Matching::new(&g, &p);
        let mut sentences = HashMap::new();
        sentences.insert(
            "d".to_string(),
            vec!["The  foreign Ministry condemned\nthe strikes.".to_string()],
        );
        let x = m.explain(&sentences);
        let m1 = find(&x, Kind::Missed, "M1");
        assert_eq!(m1.reasons, vec!["no event in sentence"]);
        assert_eq!(m1.sentence, "The foreign Ministry condemned the strikes.");
        sentences.insert("d".to_string(), vec!["The foreign ministry".to_string()]);
        let x = m.explain(&sentences);
        assert_eq!(
            find(&x, Kind::Missed, "M1").reasons,
            vec!["anchor in no sentence"]
        );
        // a missed event with a prediction in its sentence keeps its reason
        assert_eq!(find(&x, Kind::Missed, "M2").reasons, vec!["wrong root"]);
    }

    #[test]
    fn found_events_list_every_fault_of_their_best_prediction() {
        let x = explanation();
        let f1 = find(&x, Kind::Imperfect, "F1");
        assert_eq!(
            f1.reasons,
            vec![
                "no source",
                "wrong target",
                "wrong date",
                "no count",
                "wrong place"
            ]
        );
        assert_eq!(f1.pred_cameo.as_deref(), Some("173"));
        assert_eq!(
            (f1.pred_source.as_deref(), f1.pred_target.as_deref()),
            (None, Some("RUS"))
        );
        assert!(f1.notes.iter().any(|n| n.contains("2022-01-09")), "{f1:?}");
        assert!(f1.notes.iter().any(|n| n == "count arrested 100"), "{f1:?}");
        let f2 = find(&x, Kind::Imperfect, "F2");
        assert_eq!(
            f2.reasons,
            vec!["wrong source", "no target", "no date", "no place"]
        );
        assert_eq!(f2.pred_source.as_deref(), Some("USAMIL"));
        // F3's wrong target is not explicit in the gold, F4 is right: neither is listed at all
        for id in ["F3", "F4"] {
            assert!(
                !x.items.iter().any(|i| i.gold_id.as_deref() == Some(id)),
                "{id}: {x:#?}"
            );
        }
    }

    #[test]
    fn wrong_predictions_say_why_they_match_nothing() {
        let x = explanation();
        let wrong: Vec<(Option<&str>, &str, &[String])> = x
            .items
            .iter()
            .filter(|i| i.kind == Kind::Wrong)
            .map(|i| {
                (
                    i.gold_id.as_deref(),
                    i.pred_cameo.as_deref().unwrap_or(""),
                    i.reasons.as_slice(),
                )
            })
            .collect();
        assert_eq!(
            wrong,
            vec![
                (Some("M2"), "190", &["wrong root".to_string()][..]),
                (None, "190", &["boilerplate".to_string()][..]),
                (None, "020", &["no gold event in sentence".to_string()][..]),
            ]
        );
        let root = find(&x, Kind::Wrong, "M2");
        assert_eq!(root.gold_roots, vec!["04"], "the gold roots are shown");
        assert_eq!(root.sentence, "Talks were held in Astana.");
    }

    #[test]
    fn correct_predictions_with_other_actors_are_not_strict() {
        let x = explanation();
        let not_strict: Vec<&Item> = x
            .items
            .iter()
            .filter(|i| i.kind == Kind::NotStrict)
            .collect();
        let ids: Vec<&str> = not_strict
            .iter()
            .filter_map(|i| i.gold_id.as_deref())
            .collect();
        assert_eq!(ids, vec!["F1", "F2"]);
        let f1 = not_strict[0];
        assert_eq!(f1.reasons, vec!["wrong actors"]);
        assert_eq!(f1.notes, vec!["no source", "wrong target"]);
        assert_eq!(
            (f1.gold_source.as_deref(), f1.gold_target.as_deref()),
            (Some("KAZ"), Some("KAZ"))
        );
    }

    #[test]
    fn the_table_agrees_with_the_figures() {
        let (g, p) = (gold(), preds());
        let m = Matching::new(&g, &p);
        let (s, x) = (m.score(), m.explain(&HashMap::new()));
        assert_eq!(s, super::super::score(&g, &p), "one pass, the same figures");
        let sum = &x.summary;
        assert_eq!(sum.missed.items, s.core_gold - s.core_found);
        assert_eq!(sum.missed.items, 4);
        assert_eq!(sum.wrong.items, s.predictions - s.correct_predictions);
        let boiler = x
            .items
            .iter()
            .filter(|i| i.reasons.iter().any(|r| r == "boilerplate"))
            .count();
        assert_eq!(boiler, s.boilerplate_predictions);
        let strict = s.correct_predictions - sum.not_strict.items;
        assert_eq!(super::super::pct(strict, s.predictions), s.strict_precision);
        let actors_wrong = x
            .items
            .iter()
            .filter(|i| i.kind == Kind::Imperfect)
            .filter(|i| {
                i.reasons
                    .iter()
                    .any(|r| r.ends_with("source") || r.ends_with("target"))
            })
            .count();
        let triple = s.core_found - actors_wrong;
        assert_eq!(super::super::pct(triple, s.core_gold), s.triple_recall);
        // sorted by count, then name
        assert_eq!(
            sum.missed.by_reason,
            vec![
                ReasonCount {
                    reason: "boilerplate sentence".into(),
                    count: 1
                },
                ReasonCount {
                    reason: "matched another gold event".into(),
                    count: 1
                },
                ReasonCount {
                    reason: "no event in sentence".into(),
                    count: 1
                },
                ReasonCount {
                    reason: "wrong root".into(),
                    count: 1
                },
            ]
        );
        let imperfect = &sum.imperfect.by_reason;
        assert_eq!(sum.imperfect.items, 2);
        assert_eq!(imperfect.len(), 9);
        assert!(imperfect.iter().all(|c| c.count == 1));
        let missed_roots: Vec<&str> = sum
            .missed_by_root
            .iter()
            .map(|c| c.reason.as_str())
            .collect();
        assert_eq!(missed_roots, vec!["04", "11", "17", "19"]);
    }

    #[test]
    fn json_fields_and_text_lines() {
        let x = explanation();
        let v = serde_json::to_value(&x.items[0]).unwrap();
        for key in [
            "doc",
            "gold_id",
            "kind",
            "reasons",
            "pred_cameo",
            "pred_source",
            "pred_target",
            "gold_roots",
            "gold_source",
            "gold_target",
            "sentence",
        ] {
            assert!(v.get(key).is_some(), "{key} in {v}");
        }
        assert_eq!(v["kind"], "missed");
        let v = serde_json::to_value(&x.summary).unwrap();
        assert_eq!(v["not_strict"]["items"], 2);
        let text = x.to_text();
        assert!(
            text.contains("| wrong actors (no source; wrong target) | \"Police arrested dozens.\""),
            "{text}"
        );
        assert!(
            text.contains("missed     d          M1      -        pred -"),
            "{text}"
        );
        assert!(text.contains("pred _->RUS"), "{text}");
        assert!(text.contains("gold 11       RUS->USA+GBR"), "{text}");
        assert!(text.contains("wrong predictions 3\n"), "{text}");
        let long = "word ".repeat(60);
        let cut = truncate(long.trim(), 140);
        assert_eq!(cut.chars().count(), 140);
        assert!(cut.ends_with('…'));
    }
}
