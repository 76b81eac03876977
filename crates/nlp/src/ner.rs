//! Named-entity recogniser: PER, ORG, LOC. An averaged perceptron scores BILOU states (begin, inside, last,
//! unit, outside) from word, shape, affix, POS, sentence-case and dictionary features plus the previous state;
//! Viterbi search finds the best sequence that obeys the BILOU constraints, returned as IOB2 labels.
//!
//! Dictionary features come from a [`NerLexicon`] the caller supplies (petrel's countries, IGOs, places and role
//! titles), so the recogniser knows names it never saw in training; the same lexicon must be used in training
//! and tagging.

use crate::perceptron::{feature, FeatureMap, Model, ModelError, Trainer};
use crate::tagger::shape;

/// Output labels (IOB2), in the order of [`spans`]' types: `O`, then `B-`/`I-` of PER, ORG, LOC.
pub const LABELS: &[&str] = &["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

/// Entity types.
const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// Internal BILOU states: `O`, then for each type B, I, L, U.
const STATES: &[&str] = &[
    "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-LOC", "I-LOC",
    "L-LOC", "U-LOC",
];

/// The pseudo state before the first word.
const START: usize = STATES.len();

/// Dictionary knowledge for NER features.
pub trait NerLexicon {
    /// For each token, the dictionary class of the longest dictionary phrase covering it, with `B`/`I` position
    /// (e.g. `B-COUNTRY`, `I-PLACE`, `B-ROLE`), or an empty string.
    fn classes(&self, tokens: &[&str]) -> Vec<String>;
}

/// A lexicon that knows nothing (for tests and for training without dictionaries).
pub struct NoLexicon;

impl NerLexicon for NoLexicon {
    fn classes(&self, tokens: &[&str]) -> Vec<String> {
        vec![String::new(); tokens.len()]
    }
}

/// What the recogniser has tagged so far in a document: for each word (lowercased) tagged inside an entity,
/// how often it got each IOB2 label. A name is usually tagged the same way throughout a
/// document, and its clearest mention ("Enron Corp.", "Mr. Lone") lends its label to the others ("Enron",
/// "Lone"); the label the word most often got is a feature of its later mentions.
#[derive(Default, Debug, Clone)]
pub struct NerMemory {
    seen: std::collections::HashMap<String, [u16; LABELS.len()]>,
}

impl NerMemory {
    /// An empty memory, for a new document.
    pub fn new() -> NerMemory {
        NerMemory::default()
    }

    /// Records the entity words of a tagged sentence (recording the capitalised words tagged `O` as well cost
    /// 0.7 points of cross-validated F1).
    fn record(&mut self, lower: &[String], labels: &[&str]) {
        for (lw, label) in lower.iter().zip(labels) {
            if *label == "O" {
                continue;
            }
            let Some(k) = LABELS.iter().position(|l| l == label) else {
                continue;
            };
            let counts = self.seen.entry(lw.clone()).or_insert([0; LABELS.len()]);
            counts[k] = counts[k].saturating_add(1);
        }
    }

    /// The label a lowercased word got most often so far ([`NONE`] if it was not recorded).
    fn label(&self, lower: &str) -> &'static str {
        match self.seen.get(lower) {
            None => NONE,
            Some(counts) => {
                let best = (0..LABELS.len()).max_by_key(|&k| (counts[k], usize::MAX - k));
                best.map_or(NONE, |k| LABELS[k])
            }
        }
    }

    /// History features of every word of a sentence (see [`history_features`]).
    fn labels(&self, lower: &[String]) -> Vec<&'static str> {
        if self.seen.is_empty() {
            return vec![NONE; lower.len()];
        }
        lower.iter().map(|w| self.label(w)).collect()
    }
}

/// Features of word `i` from the labels its words got earlier in the document (`history`, from
/// [`NerMemory::labels`]), alone and with the word's shape and the neighbours' history.
fn history_features(history: &[&str], shapes: &[String], i: usize, out: &mut Vec<u64>) {
    let h = |k: isize| {
        let j = i as isize + k;
        if j < 0 || j as usize >= history.len() {
            NONE
        } else {
            history[j as usize]
        }
    };
    let h0 = h(0);
    if h0 == NONE && h(-1) == NONE && h(1) == NONE {
        return;
    }
    push(out, 70, &[h0]);
    push(out, 71, &[h0, &shapes[i]]);
    push(out, 72, &[h(-1), h0]);
    push(out, 73, &[h0, h(1)]);
}

/// One training sentence: words, their UPOS tags, and gold IOB2 labels.
pub struct NerSentence {
    /// The document it belongs to (a document's sentences are consecutive, in order): what the recogniser
    /// tagged earlier in a document is a feature ([`NerMemory`]).
    pub document: String,
    /// Words.
    pub words: Vec<String>,
    /// UPOS tags (predicted by the tagger, as at run time).
    pub upos: Vec<String>,
    /// IOB2 labels from [`LABELS`].
    pub labels: Vec<String>,
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct NerConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Pruning threshold of averaged weights (1.0 drops features seen in too few updates to matter and keeps
    /// the cross-validated F1; 5.0 costs 2.5 points).
    pub prune: f32,
}

impl Default for NerConfig {
    fn default() -> NerConfig {
        NerConfig {
            epochs: 10,
            seed: 11,
            prune: 1.0,
        }
    }
}

/// A trained recogniser.
pub struct Ner {
    model: Model,
    case: WordCase,
}

/// How often each word is written with a capital letter inside ordinarily cased sentences of unlabelled text:
/// a word that is nearly always capitalised is a name even when web text writes it in lower case ("i live in
/// tampa"), and a capitalised word that is nearly always lower case is rarely one. Stored in the model file.
#[derive(Default, Clone, Debug, PartialEq, Eq)]
pub struct WordCase {
    /// Lowercased word → bucket 0..=3 of its capitalised share (<5 %, <50 %, <95 %, ≥95 %).
    map: std::collections::HashMap<String, u8>,
    /// The same keyed by [`word_key`], for fast lookups.
    index: FeatureMap<u8>,
}

/// Hash key of a word in the lookup tables.
fn word_key(word: &str) -> u64 {
    feature(200, &[word])
}

/// Feature values of the [`WordCase`] buckets; `CASE_BUCKETS[4]` is an unseen word.
const CASE_BUCKETS: [&str; 5] = ["c0", "c1", "c2", "c3", "c?"];

impl WordCase {
    /// Counts sentences of running text (words seen at least twice, not first in the sentence, in sentences
    /// with ordinary casing).
    pub fn count<'a>(sentences: impl IntoIterator<Item = &'a [String]>) -> WordCase {
        let mut counts: std::collections::HashMap<String, (u32, u32)> = Default::default();
        for s in sentences {
            let words: Vec<&str> = s.iter().map(String::as_str).collect();
            if case_mode(&words) != "mixed" {
                continue;
            }
            for (i, w) in words.iter().enumerate().skip(1) {
                let Some(first) = w.chars().next() else {
                    continue;
                };
                if !first.is_alphabetic()
                    || matches!(words[i - 1], "." | "!" | "?" | ":" | "\"" | "“")
                {
                    continue;
                }
                let e = counts.entry(w.to_lowercase()).or_default();
                e.0 += 1;
                e.1 += u32::from(first.is_uppercase());
            }
        }
        let map = counts
            .into_iter()
            .filter(|(_, (n, _))| *n >= 2)
            .map(|(w, (n, cap))| {
                let r = f64::from(cap) / f64::from(n);
                let b = if r < 0.05 {
                    0
                } else if r < 0.5 {
                    1
                } else if r < 0.95 {
                    2
                } else {
                    3
                };
                (w, b)
            })
            .collect();
        WordCase::from_map(map)
    }

    fn from_map(map: std::collections::HashMap<String, u8>) -> WordCase {
        let index = map.iter().map(|(w, b)| (word_key(w), *b)).collect();
        WordCase { map, index }
    }

    /// The bucket feature of a lowercased word.
    fn bucket(&self, lower: &str) -> &'static str {
        CASE_BUCKETS[self.index.get(&word_key(lower)).map_or(4, |b| *b as usize)]
    }

    /// Serialises the table as sorted `word<TAB>bucket` lines.
    fn to_text(&self) -> String {
        let mut rows: Vec<(&String, &u8)> = self.map.iter().collect();
        rows.sort();
        let mut out = String::new();
        for (w, b) in rows {
            out.push_str(w);
            out.push('\t');
            out.push(char::from(b'0' + b));
            out.push('\n');
        }
        out
    }

    /// Reads what [`WordCase::to_text`] wrote.
    fn parse(text: &str) -> Result<WordCase, ModelError> {
        let mut map = std::collections::HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let bucket = line
                .split_once('\t')
                .and_then(|(w, b)| Some((w, b.parse::<u8>().ok().filter(|b| *b < 4)?)));
            let Some((w, b)) = bucket else {
                return Err(ModelError(format!(
                    "word-case table line {}: {line:?}",
                    n + 1
                )));
            };
            map.insert(w.to_string(), b);
        }
        Ok(WordCase::from_map(map))
    }
}

/// Whether a state opens an entity that must go on (B or I).
fn is_open(s: usize) -> bool {
    s != START && s != 0 && matches!(place(s), BEGIN | INSIDE)
}

/// Places of a non-O state in its entity.
const BEGIN: usize = 0;
const INSIDE: usize = 1;
const LAST: usize = 2;
const UNIT: usize = 3;

/// Place (B, I, L, U) of a non-O state.
fn place(s: usize) -> usize {
    (s - 1) % 4
}

/// Type index (0..3) of a non-O state.
fn type_of(s: usize) -> usize {
    (s - 1) / 4
}

/// BILOU transition constraint: an open entity continues with I or L of its type; otherwise O, B or U.
fn allowed(prev: usize, next: usize) -> bool {
    if is_open(prev) {
        next != 0 && type_of(next) == type_of(prev) && matches!(place(next), INSIDE | LAST)
    } else {
        next == 0 || matches!(place(next), BEGIN | UNIT)
    }
}

/// BILOU states of IOB2 labels.
fn to_states(labels: &[&str]) -> Vec<usize> {
    let mut out = vec![0; labels.len()];
    for (a, b, ty) in spans(labels) {
        let Some(t) = TYPES.iter().position(|x| *x == ty) else {
            continue;
        };
        let base = 1 + 4 * t;
        if b - a == 1 {
            out[a] = base + 3;
        } else {
            out[a] = base;
            for s in &mut out[a + 1..b - 1] {
                *s = base + 1;
            }
            out[b - 1] = base + 2;
        }
    }
    out
}

/// IOB2 labels of BILOU states.
fn to_labels(states: &[usize]) -> Vec<&'static str> {
    states
        .iter()
        .map(|&s| {
            if s == 0 || s == START {
                "O"
            } else if matches!(place(s), BEGIN | UNIT) {
                LABELS[1 + 2 * type_of(s)]
            } else {
                LABELS[2 + 2 * type_of(s)]
            }
        })
        .collect()
}

/// The case pattern of a whole sentence: web text is often all lower case, headlines are title case, and a
/// capital letter means much less in either.
fn case_mode(words: &[&str]) -> &'static str {
    let (mut alpha, mut capital, mut upper) = (0usize, 0usize, 0usize);
    for w in words {
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        alpha += 1;
        if first.is_uppercase() && *w != "I" {
            capital += 1;
            if w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()) {
                upper += 1;
            }
        }
    }
    if alpha == 0 {
        "none"
    } else if capital == 0 {
        "lower"
    } else if upper * 2 > alpha {
        "upper"
    } else if alpha >= 4 && capital * 4 >= alpha * 3 {
        "title"
    } else {
        "mixed"
    }
}

/// How common each word is as a person's first name or surname (1990 US Census; built by
/// `scripts/build_person_names.py`), compiled in.
pub const PERSON_NAMES: &str = include_str!("../models/person-names.tsv");

/// Reads the person-name table: `name<TAB>classes` lines, `#` comments; errors name the line.
pub fn parse_person_names(text: &str) -> Result<std::collections::HashMap<&str, &str>, String> {
    let mut out = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, classes) = line
            .split_once('\t')
            .ok_or_else(|| format!("person-names.tsv:{}: expected name<TAB>classes", n + 1))?;
        if name.is_empty()
            || classes.is_empty()
            || !classes
                .split(' ')
                .all(|c| matches!(c, "F1" | "F2" | "F3" | "L1" | "L2" | "L3"))
        {
            return Err(format!("person-names.tsv:{}: bad row {line:?}", n + 1));
        }
        out.insert(name, classes);
    }
    Ok(out)
}

/// The compiled-in person-name table (empty if it were broken; a test keeps it valid).
fn person_names() -> &'static FeatureMap<&'static str> {
    static TABLE: std::sync::OnceLock<FeatureMap<&'static str>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        parse_person_names(PERSON_NAMES)
            .unwrap_or_default()
            .into_iter()
            .map(|(w, c)| (word_key(w), c))
            .collect()
    })
}

/// A sentence prepared for feature extraction: per-word strings computed once.
struct Prepared<'a> {
    words: &'a [&'a str],
    upos: &'a [&'a str],
    dict: Vec<String>,
    lower: Vec<String>,
    shapes: Vec<String>,
    /// Person-name classes of each word ("" if none).
    names: Vec<&'static str>,
    /// [`WordCase`] bucket of each word.
    case: Vec<&'static str>,
    /// Distributional classes of each word, coarse to fine ([`crate::clusters`]).
    clusters: Vec<[&'static str; crate::clusters::LEVELS]>,
    /// What each word was tagged earlier in the document ([`NerMemory::labels`]).
    history: Vec<&'static str>,
    mode: &'static str,
}

const NONE: &str = "<>";

impl<'a> Prepared<'a> {
    fn new(
        words: &'a [&'a str],
        upos: &'a [&'a str],
        lexicon: &dyn NerLexicon,
        case: &WordCase,
        memory: &NerMemory,
    ) -> Prepared<'a> {
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let table = person_names();
        Prepared {
            history: memory.labels(&lower),
            words,
            upos,
            dict: lexicon.classes(words),
            names: lower
                .iter()
                .map(|w| table.get(&word_key(w)).copied().unwrap_or(""))
                .collect(),
            case: lower.iter().map(|w| case.bucket(w)).collect(),
            clusters: lower
                .iter()
                .map(|w| crate::clusters::class_names(w))
                .collect(),
            lower,
            shapes: words.iter().map(|w| shape(w)).collect(),
            mode: case_mode(words),
        }
    }

    fn get<'b>(&'b self, v: &'b [String], i: usize, k: isize) -> &'b str {
        let j = i as isize + k;
        if j < 0 || j as usize >= v.len() {
            NONE
        } else {
            &v[j as usize]
        }
    }

    fn get_case(&self, i: usize, k: isize) -> &'static str {
        let j = i as isize + k;
        if j < 0 || j as usize >= self.case.len() {
            NONE
        } else {
            self.case[j as usize]
        }
    }

    fn pos(&self, i: usize, k: isize) -> &str {
        let j = i as isize + k;
        if j < 0 || j as usize >= self.upos.len() {
            NONE
        } else {
            self.upos[j as usize]
        }
    }

    /// Features of word `i` that do not depend on the previous state.
    fn word_features(&self, i: usize, out: &mut Vec<u64>) {
        out.clear();
        let w = self.words[i];
        let lw = self.lower[i].as_str();
        let sh = self.shapes[i].as_str();
        let u = self.upos[i];
        let d = self.dict[i].as_str();
        let (lw_1, lw1) = (self.get(&self.lower, i, -1), self.get(&self.lower, i, 1));
        let (sh_1, sh1) = (self.get(&self.shapes, i, -1), self.get(&self.shapes, i, 1));
        let (u_1, u1) = (self.pos(i, -1), self.pos(i, 1));
        push(out, 0, &[]);
        push(out, 1, &[w]);
        push(out, 2, &[lw]);
        push(out, 3, &[sh]);
        for (t, n) in [(4, 2), (5, 3), (6, 4)] {
            push(out, t, &[suffix(lw, n)]);
        }
        push(out, 9, &[u]);
        push(out, 10, &[u_1]);
        push(out, 11, &[u1]);
        push(out, 12, &[u_1, u, u1]);
        push(out, 13, &[self.pos(i, -2), u_1]);
        push(out, 14, &[u1, self.pos(i, 2)]);
        push(out, 15, &[lw_1]);
        push(out, 16, &[lw1]);
        push(out, 17, &[self.get(&self.lower, i, -2)]);
        push(out, 18, &[self.get(&self.lower, i, 2)]);
        push(out, 19, &[lw_1, lw]);
        push(out, 20, &[lw, lw1]);
        push(out, 21, &[sh_1]);
        push(out, 22, &[sh1]);
        push(out, 24, &[d]);
        push(out, 25, &[self.get(&self.dict, i, -1)]);
        push(out, 26, &[self.get(&self.dict, i, 1)]);
        push(out, 27, &[d, u]);
        push(out, 28, &[d, sh]);
        push(out, 29, &[self.mode, sh]);
        push(out, 30, &[self.mode, u]);
        push(out, 31, &[if i == 0 { "first" } else { "" }, sh]);
        if i == 0 {
            push(out, 32, &[lw]);
        }
        let name = |k: isize| {
            let j = i as isize + k;
            if j < 0 || j as usize >= self.names.len() {
                NONE
            } else {
                self.names[j as usize]
            }
        };
        push(out, 36, &[name(0), sh]);
        push(out, 37, &[name(-1), name(0)]);
        push(out, 38, &[name(0), name(1)]);
        push(out, 39, &[name(0), u]);
        let c = self.case[i];
        push(out, 40, &[c]);
        push(out, 41, &[c, sh]);
        push(out, 42, &[c, self.mode]);
        push(out, 43, &[c, u]);
        push(out, 44, &[self.get_case(i, -1), c, self.get_case(i, 1)]);
        let cl = |k: isize, level: usize| {
            let j = i as isize + k;
            if j < 0 || j as usize >= self.clusters.len() {
                NONE
            } else {
                self.clusters[j as usize][level]
            }
        };
        push(out, 50, &[cl(0, 0)]);
        push(out, 51, &[cl(0, 1)]);
        push(out, 52, &[cl(0, 2)]);
        push(out, 53, &[cl(-1, 1)]);
        push(out, 54, &[cl(1, 1)]);
        push(out, 55, &[cl(0, 1), sh]);
        push(out, 56, &[cl(0, 0), u]);
        push(out, 57, &[cl(-1, 0), cl(0, 0)]);
        push(out, 58, &[cl(0, 0), cl(1, 0)]);
        push(out, 59, &[cl(-1, 2)]);
        push(out, 60, &[cl(1, 2)]);
        push(out, 61, &[cl(-2, 1)]);
        push(out, 62, &[cl(2, 1)]);
        push(out, 63, &[cl(0, 2), c]);
        history_features(&self.history, &self.shapes, i, out);
    }

    /// The parts of word `i`'s features that are conjoined with the previous state (see [`with_prev`]).
    fn state_bases(&self, i: usize) -> [u64; STATE_FEATURES] {
        [
            feature(100, &[]),
            feature(101, &[&self.shapes[i]]),
            feature(102, &[self.upos[i]]),
            feature(103, &[&self.dict[i]]),
            feature(104, &[&self.lower[i]]),
        ]
    }
}

/// State features: each base conjoined with the [`prev_class`] of the previous state by an integer mix
/// (cheaper than hashing the strings again for every previous state).
fn with_prev(bases: &[u64; STATE_FEATURES], class: usize, out: &mut Vec<u64>) {
    out.clear();
    let p = (class as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for b in bases {
        let x = (b ^ p).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        out.push(x ^ (x >> 31));
    }
}

fn push(out: &mut Vec<u64>, template: u32, parts: &[&str]) {
    out.push(feature(template, parts));
}

fn suffix(w: &str, n: usize) -> &str {
    let start = w
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &w[start..]
}

/// Number of [`prev_class`]es.
const PREV_CLASSES: usize = 8;

/// What state features know of the previous state: start, O, inside an entity of a type (B or I), or just
/// after one (L or U). Fewer distinct previous states mean fewer weights to look up per word.
fn prev_class(p: usize) -> usize {
    if p == START {
        0
    } else if p == 0 {
        1
    } else if is_open(p) {
        2 + type_of(p)
    } else {
        5 + type_of(p)
    }
}

/// The best state sequence of `n` words (Viterbi over BILOU states). `word(i, out)` gives the scores of word
/// `i`'s own features per state, `state(i, class, out)` those of its features conjoined with the
/// [`prev_class`] of the previous state (extra trailing classes in `out` are ignored).
fn viterbi(
    n: usize,
    mut word: impl FnMut(usize, &mut Vec<f32>),
    mut state: impl FnMut(usize, usize, &mut Vec<f32>),
) -> Vec<usize> {
    let k = STATES.len();
    if n == 0 {
        return Vec::new();
    }
    // the transition constraint as a table, once per sentence
    let allow: Vec<Vec<bool>> = (0..=k)
        .map(|p| (0..k).map(|c| allowed(p, c)).collect())
        .collect();
    let mut local = Vec::new();
    let mut dep: Vec<Vec<f32>> = vec![Vec::new(); PREV_CLASSES];
    let mut best = vec![f32::NEG_INFINITY; k];
    let mut next = vec![f32::NEG_INFINITY; k];
    let mut back: Vec<u8> = vec![0; n * k];
    for i in 0..n {
        word(i, &mut local);
        dep.iter_mut().for_each(Vec::clear);
        next.iter_mut().for_each(|v| *v = f32::NEG_INFINITY);
        for p in 0..=k {
            if (i == 0) != (p == START) || (p < k && best[p] == f32::NEG_INFINITY) {
                continue;
            }
            let base = if p == START { 0.0 } else { best[p] };
            let class = prev_class(p);
            if dep[class].is_empty() {
                state(i, class, &mut dep[class]);
            }
            let dep = &dep[class];
            for c in 0..k {
                if !allow[p][c] {
                    continue;
                }
                let v = base + local[c] + dep[c];
                if v > next[c] {
                    next[c] = v;
                    back[i * k + c] = if p == START { 0 } else { p as u8 };
                }
            }
        }
        std::mem::swap(&mut best, &mut next);
    }
    // the sequence must end outside an open entity
    let mut last = 0;
    let mut top = f32::NEG_INFINITY;
    for (c, &v) in best.iter().enumerate() {
        if !is_open(c) && v > top {
            top = v;
            last = c;
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i * k + out[i]] as usize;
    }
    out
}

/// Number of features [`Prepared::state_features`] yields.
const STATE_FEATURES: usize = 5;

/// A class that is never predicted: one-sided updates of state features go through it (the perceptron
/// trainer moves weight between two classes; the structured update needs +1 on the gold path's features and
/// −1 on the predicted path's, which differ when the previous states differ).
const SINK: usize = STATES.len();

/// A training sentence with its features computed once.
struct Compiled {
    /// Word features per word.
    word: Vec<Vec<u64>>,
    /// State feature bases per word.
    state: Vec<[u64; STATE_FEATURES]>,
    /// Gold states.
    gold: Vec<usize>,
    /// Lowercased words and shapes, for the history features.
    lower: Vec<String>,
    shapes: Vec<String>,
}

impl Ner {
    /// Trains a structured averaged perceptron: each sentence is decoded with the current weights and the
    /// features of the gold sequence are rewarded, those of the predicted one penalised, where they differ.
    pub fn train(
        data: &[NerSentence],
        lexicon: &dyn NerLexicon,
        case: WordCase,
        config: &NerConfig,
        progress: &mut dyn FnMut(usize, f64),
    ) -> Ner {
        let mut trainer = Trainer::new(STATES.len() + 1);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = config.seed.max(1);
        let compiled: Vec<Compiled> = data
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                let upos: Vec<&str> = s.upos.iter().map(String::as_str).collect();
                let labels: Vec<&str> = s.labels.iter().map(String::as_str).collect();
                let n = words.len().min(upos.len()).min(labels.len());
                // history features are added per epoch, from what the model tagged earlier in the document
                let p = Prepared::new(&words[..n], &upos[..n], lexicon, &case, &NerMemory::new());
                let mut c = Compiled {
                    word: Vec::with_capacity(n),
                    state: Vec::with_capacity(n),
                    gold: to_states(&labels[..n]),
                    lower: p.lower.clone(),
                    shapes: p.shapes.clone(),
                };
                let mut f = Vec::new();
                for i in 0..n {
                    p.word_features(i, &mut f);
                    c.word.push(f.clone());
                    c.state.push(p.state_bases(i));
                }
                c
            })
            .collect();
        // documents: runs of consecutive sentences with the same document; shuffled whole, read in order
        let mut documents: Vec<std::ops::Range<usize>> = Vec::new();
        for (i, s) in data.iter().enumerate() {
            match documents.last_mut() {
                Some(d) if data[d.start].document == s.document && d.end == i => d.end = i + 1,
                _ => documents.push(i..i + 1),
            }
        }
        order.truncate(documents.len());
        let (mut gold_feats, mut guess_feats) = (Vec::new(), Vec::new());
        for epoch in 0..config.epochs {
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            let (mut ok, mut total) = (0usize, 0usize);
            for &di in &order {
                let mut memory = NerMemory::new();
                for c in &compiled[documents[di].clone()] {
                    let n = c.gold.len();
                    let history = memory.labels(&c.lower);
                    let word: Vec<Vec<u64>> = (0..n)
                        .map(|i| {
                            let mut f = c.word[i].clone();
                            history_features(&history, &c.shapes, i, &mut f);
                            f
                        })
                        .collect();
                    trainer.tick();
                    let mut feats = Vec::new();
                    let guess = viterbi(
                        n,
                        |i, out| trainer.scores(&word[i], out),
                        |i, p, out| {
                            with_prev(&c.state[i], p, &mut feats);
                            trainer.scores(&feats, out)
                        },
                    );
                    for i in 0..n {
                        let (g, p) = (c.gold[i], guess[i]);
                        let gp = if i == 0 { START } else { c.gold[i - 1] };
                        let pp = if i == 0 { START } else { guess[i - 1] };
                        ok += usize::from(g == p);
                        total += 1;
                        trainer.update(&word[i], g, p);
                        let (gp, pp) = (prev_class(gp), prev_class(pp));
                        with_prev(&c.state[i], gp, &mut gold_feats);
                        if gp == pp {
                            trainer.update(&gold_feats, g, p);
                        } else {
                            with_prev(&c.state[i], pp, &mut guess_feats);
                            trainer.update(&gold_feats, g, SINK);
                            trainer.update(&guess_feats, SINK, p);
                        }
                    }
                    // the memory learns from the gold labels: the model's own guesses on its training data
                    // are too good late in training and too poor early (cross-validated F1 on UNER dev:
                    // 70.1 with gold, 68.6 with guesses, 69.1 without the memory)
                    memory.record(&c.lower, &to_labels(&c.gold));
                }
            }
            progress(epoch + 1, 100.0 * ok as f64 / total.max(1) as f64);
        }
        let mut classes: Vec<String> = STATES.iter().map(|s| s.to_string()).collect();
        classes.push("-".into());
        let model = trainer.average(classes, case.to_text(), config.prune);
        Ner { model, case }
    }

    /// IOB2 labels for a sentence on its own (as the first of a document).
    pub fn tag(
        &self,
        words: &[&str],
        upos: &[&str],
        lexicon: &dyn NerLexicon,
    ) -> Vec<&'static str> {
        self.tag_in_document(words, upos, lexicon, &mut NerMemory::new())
    }

    /// IOB2 labels for the next sentence of a document, whose earlier sentences `memory` recorded; records
    /// this one too.
    pub fn tag_in_document(
        &self,
        words: &[&str],
        upos: &[&str],
        lexicon: &dyn NerLexicon,
        memory: &mut NerMemory,
    ) -> Vec<&'static str> {
        let n = words.len().min(upos.len());
        let (words, upos) = (&words[..n], &upos[..n]);
        let s = Prepared::new(words, upos, lexicon, &self.case, memory);
        let (mut word_feats, mut state_feats) = (Vec::new(), Vec::new());
        let (mut bases, mut bases_at) = ([0u64; STATE_FEATURES], usize::MAX);
        let states = viterbi(
            n,
            |i, out| {
                s.word_features(i, &mut word_feats);
                self.model.scores(&word_feats, out);
            },
            |i, p, out| {
                if bases_at != i {
                    bases = s.state_bases(i);
                    bases_at = i;
                }
                with_prev(&bases, p, &mut state_feats);
                self.model.scores(&state_feats, out);
            },
        );
        let labels = to_labels(&states);
        memory.record(&s.lower, &labels);
        labels
    }

    /// Serialises the recogniser.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }

    /// Reads what [`Ner::to_bytes`] wrote.
    pub fn from_bytes(b: &[u8]) -> Result<Ner, ModelError> {
        let model = Model::from_bytes(b)?;
        if model.classes.len() != STATES.len() + 1
            || model.classes.iter().zip(STATES).any(|(a, b)| a != b)
        {
            return Err(ModelError("not an NER model (states)".into()));
        }
        let case = WordCase::parse(&model.meta)?;
        Ok(Ner { model, case })
    }
}

/// Honorifics that precede a person's name but are not part of it in UNER's convention ("Dr. Dorn" → "Dorn");
/// role titles ("President") come from the lexicon.
const HONORIFICS: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "lord",
    "lady", "st", "st.", "rev", "rev.", "gen", "gen.", "sen", "sen.", "gov", "gov.", "rep", "rep.",
    "col", "col.", "capt", "capt.", "lt", "lt.", "sgt", "sgt.", "mayor", "judge", "justice",
    "pope", "saint", "uncle", "aunt",
];

/// Words that join proper nouns inside one organisation or place name ("Bank of America", "AT & T").
const NAME_JOINERS: &[&str] = &[
    "of", "&", "de", "for", "du", "la", "der", "von", "van", "al",
];

/// IOB2 labels in UNER's convention for a GUM sentence, from its person/place/organization mentions (the
/// sentence's `entities`, gold UPOS and heads).
///
/// UNER marks named entities only, without determiners or titles, where GUM marks every mention: a mention
/// counts when its head word is a proper noun; its label covers the run of proper nouns around the head
/// (joined by "of", "&" and the like inside organisation and place names), minus leading titles of persons.
/// Overlapping candidates keep the longest.
pub fn gum_labels(s: &crate::conllu::TreeSentence, lexicon: &dyn NerLexicon) -> Vec<String> {
    let n = s.words.len();
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let dict = lexicon.classes(&forms);
    // UD tags "United" in "United States" VERB and "New" in "New York" ADJ: inside a mention, a capitalised
    // content word is part of the name too
    let is_name = |k: usize| {
        let w = &s.words[k];
        w.upos == "PROPN"
            || (matches!(w.upos.as_str(), "ADJ" | "VERB" | "NOUN" | "NUM")
                && w.form.chars().next().is_some_and(char::is_uppercase))
    };
    let is_joiner = |k: usize| NAME_JOINERS.contains(&s.words[k].form.to_lowercase().as_str());
    let is_title = |k: usize| {
        dict[k].ends_with("-ROLE") || HONORIFICS.contains(&s.words[k].form.to_lowercase().as_str())
    };
    let mut candidates: Vec<(usize, usize, &str)> = Vec::new();
    for (a, b, ty) in &s.entities {
        let (a, b) = (*a, (*b).min(n));
        if a >= b {
            continue;
        }
        // the head: the word whose head lies outside the mention
        let Some(h) = (a..b).find(|&k| {
            let hd = s.words[k].head;
            hd == 0 || hd - 1 < a || hd > b
        }) else {
            continue;
        };
        if s.words[h].upos != "PROPN" {
            continue;
        }
        let joins = ty != "PER";
        // "and" joins inside organisation names ("Department of Housing and Urban Development"); between places
        // it is mostly a coordination of two names
        let is_joiner = |k: usize| is_joiner(k) || (ty == "ORG" && s.words[k].form == "and");
        let (mut l, mut r) = (h, h + 1);
        loop {
            if l > a && is_name(l - 1) {
                l -= 1;
            } else if joins && l >= a + 2 && is_joiner(l - 1) && is_name(l - 2) {
                l -= 2;
            } else {
                break;
            }
        }
        loop {
            if r < b && is_name(r) {
                r += 1;
            } else if joins && r + 1 < b && is_joiner(r) && is_name(r + 1) {
                r += 2;
            } else {
                break;
            }
        }
        if ty == "PER" {
            while r - l > 1 && (is_title(l) || dict[l].ends_with("-DEMONYM")) {
                l += 1;
            }
        }
        // UNER's LOC covers countries wherever GUM calls them organisations ("North Korea has the bomb")
        let country = dict[l] == "B-COUNTRY"
            && dict[l + 1..r].iter().all(|d| d == "I-COUNTRY")
            && dict.get(r).is_none_or(|d| d != "I-COUNTRY");
        let ty = if country { "LOC" } else { ty.as_str() };
        let Some(t) = TYPES.iter().find(|t| **t == ty) else {
            continue;
        };
        candidates.push((l, r, t));
    }
    candidates.sort_by(|x, y| (y.1 - y.0).cmp(&(x.1 - x.0)).then(x.0.cmp(&y.0)));
    let mut labels = vec!["O".to_string(); n];
    for (l, r, t) in candidates {
        if labels[l..r].iter().any(|x| x != "O") {
            continue;
        }
        labels[l] = format!("B-{t}");
        for x in &mut labels[l + 1..r] {
            *x = format!("I-{t}");
        }
    }
    labels
}

/// Entity spans `(start, end, type)` of an IOB2 sequence (a stray I- starts a span).
pub fn spans(labels: &[&str]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, l) in labels.iter().enumerate() {
        let (bio, ty) = l.split_once('-').unwrap_or((l, ""));
        match (bio, &cur) {
            ("I", Some((_, t))) if t == ty => {}
            ("B" | "I", _) => {
                if let Some((s, t)) = cur.take() {
                    out.push((s, i, t));
                }
                cur = Some((i, ty.to_string()));
            }
            _ => {
                if let Some((s, t)) = cur.take() {
                    out.push((s, i, t));
                }
            }
        }
    }
    if let Some((s, t)) = cur {
        out.push((s, labels.len(), t));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_states_and_constraint() {
        assert_eq!(
            spans(&["B-PER", "I-PER", "O", "I-LOC", "B-ORG"]),
            [
                (0, 2, "PER".into()),
                (3, 4, "LOC".into()),
                (4, 5, "ORG".into())
            ]
        );
        let iob = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG"];
        let states = to_states(&iob);
        let names: Vec<&str> = states.iter().map(|&s| STATES[s]).collect();
        assert_eq!(
            names,
            ["B-PER", "I-PER", "L-PER", "O", "U-LOC", "B-ORG", "L-ORG"]
        );
        assert_eq!(to_labels(&states), iob);
        // B-PER → I-PER / L-PER only; O → never I or L
        assert!(allowed(1, 2) && allowed(1, 3));
        assert!(!allowed(1, 0) && !allowed(1, 6) && !allowed(1, 1));
        assert!(!allowed(0, 2) && !allowed(0, 3) && !allowed(START, 2));
        assert!(allowed(3, 9) && allowed(4, 0) && allowed(START, 12));
    }

    #[test]
    fn person_names_table_is_valid() {
        let t = parse_person_names(PERSON_NAMES).unwrap();
        assert!(t.len() > 20_000);
        assert_eq!(t.get("john"), Some(&"F1 L2"));
        assert_eq!(
            parse_person_names("# c\nann\tF1\nbob\tX9\n").unwrap_err(),
            "person-names.tsv:3: bad row \"bob\\tX9\""
        );
        assert!(parse_person_names("ann F1\n").is_err());
    }

    #[test]
    fn gum_mentions_become_named_entities() {
        let word = |form: &str, upos: &str, head: usize| crate::conllu::Word {
            form: form.into(),
            lemma: form.to_lowercase(),
            upos: upos.into(),
            xpos: String::new(),
            head,
            deprel: String::new(),
            no_space_after: false,
            ner: String::new(),
        };
        // "Dr. Ann Lee of the Bank of America visited the United States and a city ."
        let s = crate::conllu::TreeSentence {
            words: vec![
                word("Dr.", "PROPN", 3),
                word("Ann", "PROPN", 3),
                word("Lee", "PROPN", 9),
                word("of", "ADP", 8),
                word("the", "DET", 8),
                word("Bank", "PROPN", 3),
                word("of", "ADP", 8),
                word("America", "PROPN", 6),
                word("visited", "VERB", 0),
                word("the", "DET", 12),
                word("United", "VERB", 12),
                word("States", "PROPN", 9),
                word("and", "CCONJ", 15),
                word("a", "DET", 15),
                word("city", "NOUN", 12),
            ],
            entities: vec![
                (0, 8, "PER".into()),
                (4, 8, "ORG".into()),
                (7, 8, "LOC".into()),
                (9, 12, "LOC".into()),
                (13, 15, "LOC".into()),
            ],
            ..Default::default()
        };
        let labels = gum_labels(&s, &NoLexicon);
        assert_eq!(
            labels,
            [
                "O", "B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-LOC",
                "I-LOC", "O", "O", "O"
            ]
        );
    }

    #[test]
    fn sentence_case() {
        assert_eq!(case_mode(&["i", "went", "to", "tampa"]), "lower");
        assert_eq!(case_mode(&["I", "went", "to", "Tampa"]), "mixed");
        assert_eq!(
            case_mode(&["Police", "Arrest", "Forty", "In", "Lagos"]),
            "title"
        );
        assert_eq!(case_mode(&["POLICE", "ARREST", "40"]), "upper");
        assert_eq!(case_mode(&["40", "!"]), "none");
    }

    #[test]
    fn memory_keeps_the_label_a_word_got_most_often_in_the_document() {
        let mut m = NerMemory::new();
        let lower = |ws: &[&str]| ws.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
        assert_eq!(m.labels(&lower(&["Enron"])), [NONE]);
        m.record(
            &lower(&["Enron", "Corp.", "said"]),
            &["B-ORG", "I-ORG", "O"],
        );
        m.record(&lower(&["Enron", "wins"]), &["B-PER", "O"]);
        m.record(&lower(&["at", "Enron"]), &["O", "B-ORG"]);
        // words tagged O are not recorded; ties go to the earlier label
        assert_eq!(
            m.labels(&lower(&["ENRON", "corp.", "said", "x"])),
            ["B-ORG", "I-ORG", NONE, NONE]
        );
        let mut h = Vec::new();
        let shapes = vec!["Xxxxx".to_string(), "xxxx".to_string()];
        history_features(&[NONE, NONE], &shapes, 0, &mut h);
        assert!(h.is_empty(), "no history, no features");
        history_features(&["B-ORG", NONE], &shapes, 1, &mut h);
        assert_eq!(h.len(), 4, "a neighbour's history counts");
    }

    #[test]
    fn learns_names() {
        let mk = |w: &[&str], l: &[&str]| NerSentence {
            document: w.join(" "),
            words: w.iter().map(|s| s.to_string()).collect(),
            upos: w
                .iter()
                .map(|s| {
                    if s.chars().next().unwrap().is_uppercase() {
                        "PROPN".to_string()
                    } else {
                        "VERB".to_string()
                    }
                })
                .collect(),
            labels: l.iter().map(|s| s.to_string()).collect(),
        };
        let data: Vec<NerSentence> = (0..20)
            .map(|i| {
                if i % 2 == 0 {
                    mk(
                        &["Anna", "Smith", "visited", "Paris"],
                        &["B-PER", "I-PER", "O", "B-LOC"],
                    )
                } else {
                    mk(
                        &["Acme", "Corp", "hired", "Bob"],
                        &["B-ORG", "I-ORG", "O", "B-PER"],
                    )
                }
            })
            .collect();
        let ner = Ner::train(
            &data,
            &NoLexicon,
            WordCase::default(),
            &NerConfig {
                epochs: 4,
                prune: 0.0,
                ..NerConfig::default()
            },
            &mut |_, _| {},
        );
        let back = Ner::from_bytes(&ner.to_bytes()).unwrap();
        assert_eq!(
            back.tag(
                &["Anna", "Smith", "visited", "Paris"],
                &["PROPN", "PROPN", "VERB", "PROPN"],
                &NoLexicon
            ),
            ["B-PER", "I-PER", "O", "B-LOC"]
        );
        assert!(back.tag(&[], &[], &NoLexicon).is_empty());
        // mismatched lengths are cut to the shorter, never a panic
        assert_eq!(
            back.tag(&["Anna", "Smith"], &["PROPN"], &NoLexicon).len(),
            1
        );
    }
}
