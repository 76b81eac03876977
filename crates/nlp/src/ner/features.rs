//! What the recogniser sees of a word: its form, shape, affixes, POS, the sentence's case pattern, how often
//! the word is capitalised ([`WordCase`]), person-name and dictionary classes, distributional clusters and
//! the document's history, hashed into word features and state-feature bases.

use super::memory::{history_features, NerMemory};
use super::NerLexicon;
use crate::perceptron::{feature, FeatureMap, ModelError};
use crate::tagger::{shape, suffix};

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
    pub(super) fn to_text(&self) -> String {
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
    pub(super) fn parse(text: &str) -> Result<WordCase, ModelError> {
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

/// The case pattern of a whole sentence: web text is often all lower case, headlines are title case, and a
/// capital letter means much less in either.
pub(super) fn case_mode(words: &[&str]) -> &'static str {
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
pub const PERSON_NAMES: &str = include_str!("../../models/person-names.tsv");

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
pub(super) struct Prepared<'a> {
    words: &'a [&'a str],
    upos: &'a [&'a str],
    dict: Vec<String>,
    pub(super) lower: Vec<String>,
    pub(super) shapes: Vec<String>,
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

pub(super) const NONE: &str = "<>";

impl<'a> Prepared<'a> {
    pub(super) fn new(
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
    pub(super) fn word_features(&self, i: usize, out: &mut Vec<u64>) {
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
    pub(super) fn state_bases(&self, i: usize) -> [u64; STATE_FEATURES] {
        [
            feature(100, &[]),
            feature(101, &[&self.shapes[i]]),
            feature(102, &[self.upos[i]]),
            feature(103, &[&self.dict[i]]),
            feature(104, &[&self.lower[i]]),
        ]
    }
}

/// State features: each base conjoined with the [`prev_class`](super::bilou::prev_class) of the previous state by an integer mix
/// (cheaper than hashing the strings again for every previous state).
pub(super) fn with_prev(bases: &[u64; STATE_FEATURES], class: usize, out: &mut Vec<u64>) {
    out.clear();
    let p = (class as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for b in bases {
        let x = (b ^ p).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        out.push(x ^ (x >> 31));
    }
}

pub(super) fn push(out: &mut Vec<u64>, template: u32, parts: &[&str]) {
    out.push(feature(template, parts));
}

/// Number of features [`Prepared::state_features`] yields.
pub(super) const STATE_FEATURES: usize = 5;
