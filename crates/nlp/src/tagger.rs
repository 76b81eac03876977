//! Part-of-speech tagger: one averaged perceptron predicting UPOS and PTB XPOS together (a class is a
//! `UPOS XPOS` pair), greedy left to right, with a tag dictionary for frequent unambiguous words.

use crate::conllu::TreeSentence;
use crate::perceptron::{argmax, feature, Model, ModelError, Trainer};
use petrel_core::fxhash::FxHashMap;
use std::collections::HashMap;

/// Settings for training.
#[derive(Clone, Debug)]
pub struct TaggerConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the deterministic shuffle.
    pub seed: u64,
    /// Averaged weights below this magnitude are dropped from the saved model.
    pub prune: f32,
    /// Use the word classes of WordNet and of the person-name table as features (kept in the model).
    pub wordnet: bool,
}

impl Default for TaggerConfig {
    fn default() -> TaggerConfig {
        TaggerConfig {
            epochs: 8,
            seed: 7,
            prune: 0.02,
            wordnet: true,
        }
    }
}

/// Shape of a word: letters to X/x, digits to d, runs cut at 3 ("Kazakh" → "Xxxx", "3,811" → "d,ddd").
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    let mut run = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run >= 3 {
                continue;
            }
        } else {
            run = 0;
        }
        last = s;
        out.push(s);
    }
    out
}

/// Lowercase with every digit as 0, so numbers share their features ("1990" and "2022" → "0000").
fn normal(w: &str) -> String {
    w.chars()
        .flat_map(|c| {
            if c.is_ascii_digit() {
                '0'.to_lowercase()
            } else {
                c.to_lowercase()
            }
        })
        .collect()
}

/// The last `n` characters of `w` (all of it when shorter); the tagger's and the NER's suffix features.
pub(crate) fn suffix(w: &str, n: usize) -> &str {
    let start = w
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &w[start..]
}

fn prefix(w: &str, n: usize) -> &str {
    let end = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

/// UPOS tags a word took in training, joined by `|` ("ADJ|NOUN"); words seen fewer times have none.
const AMB_MIN: usize = 3;

/// What the tagger knows of words from its training data.
struct Lexicon {
    /// Words (normalised) that always took one class in training, with that class.
    dict: FxHashMap<String, u8>,
    /// Ambiguity classes: the UPOS tags each word (normalised, seen at least [`AMB_MIN`] times) took.
    amb: WordClasses,
    /// Word classes from outside the treebanks ([`external_classes`]).
    ext: WordClasses,
}

/// Words with one of a few class strings each, every string stored once.
#[derive(Default)]
struct WordClasses {
    of: FxHashMap<String, u16>,
    values: Vec<String>,
    ids: FxHashMap<String, u16>,
}

impl WordClasses {
    fn insert(&mut self, word: String, value: &str) {
        let id = match self.ids.get(value) {
            Some(&id) => id,
            None => {
                let id = u16::try_from(self.values.len()).unwrap_or(u16::MAX);
                self.values.push(value.to_string());
                self.ids.insert(value.to_string(), id);
                id
            }
        };
        self.of.insert(word, id);
    }
    fn get(&self, word: &str) -> Option<&str> {
        self.of
            .get(word)
            .and_then(|&id| self.values.get(id as usize))
            .map(String::as_str)
    }
    fn is_empty(&self) -> bool {
        self.of.is_empty()
    }
    fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.of
            .iter()
            .map(|(w, &id)| (w.as_str(), self.values[id as usize].as_str()))
    }
}

impl Lexicon {
    fn amb(&self, w: &str) -> &str {
        self.amb.get(w).unwrap_or("?")
    }
    fn ext(&self, w: &str) -> &str {
        self.ext.get(w).unwrap_or("-")
    }
}

/// Parts of speech of single words from WordNet 3.0 (`scripts/build_wordnet_pos.py`): a training input only;
/// the classes derived from it are stored in the model.
const WORDNET_POS: &str = include_str!("../data/wordnet-pos.tsv");

/// Word classes from outside the treebanks, for words the treebanks rarely or never show: WordNet's parts
/// of speech with the regular inflections (n, n+s plural, N capitalised noun, v, v+s, v+d past or
/// participle, v+g -ing form, a, r) and common first names (F) and surnames (L) from the person-name table.
/// A word's value is its classes, sorted and joined by `,`.
fn external_classes() -> WordClasses {
    let mut sets: FxHashMap<String, Vec<&'static str>> = FxHashMap::default();
    let mut add = |w: String, c: &'static str| sets.entry(w).or_default().push(c);
    for line in WORDNET_POS.lines().filter(|l| !l.starts_with('#')) {
        let Some((word, classes)) = line.split_once('\t') else {
            continue;
        };
        for c in classes.chars() {
            match c {
                'n' => {
                    for (k, f) in crate::inflect::noun_forms(word).into_iter().enumerate() {
                        add(f, if k == 0 { "n" } else { "n+s" });
                    }
                }
                'v' => {
                    for f in crate::inflect::verb_forms(word) {
                        let c = if f == word {
                            "v"
                        } else if f.ends_with("ing") {
                            "v+g"
                        } else if f.ends_with('s') {
                            "v+s"
                        } else {
                            "v+d"
                        };
                        add(f, c);
                    }
                }
                'N' => add(word.to_string(), "N"),
                'a' => add(word.to_string(), "a"),
                'r' => add(word.to_string(), "r"),
                _ => {}
            }
        }
    }
    for line in crate::ner::PERSON_NAMES
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let Some((name, classes)) = line.split_once('\t') else {
            continue;
        };
        for c in classes.split(' ') {
            match c {
                "F1" | "F2" => add(name.to_string(), "F"),
                "L1" | "L2" => add(name.to_string(), "L"),
                _ => {}
            }
        }
    }
    let mut sets: Vec<(String, Vec<&str>)> = sets.into_iter().collect();
    sets.sort_unstable();
    let mut out = WordClasses::default();
    for (w, mut v) in sets {
        v.sort_unstable();
        v.dedup();
        out.insert(w, &v.join(","));
    }
    out
}

/// The lexicon as model metadata: `d<TAB>word<TAB>class` and `a<TAB>word<TAB>tags` lines, sorted.
fn lexicon_meta(lex: &Lexicon) -> String {
    let mut lines: Vec<String> = lex
        .dict
        .iter()
        .map(|(w, c)| format!("d\t{w}\t{c}"))
        .chain(lex.amb.iter().map(|(w, t)| format!("a\t{w}\t{t}")))
        .chain(lex.ext.iter().map(|(w, t)| format!("e\t{w}\t{t}")))
        .collect();
    lines.sort_unstable();
    lines.join("\n")
}

/// A sentence prepared for tagging: normalised forms, shapes and the features that do not depend on tags.
struct Prepared {
    lower: Vec<String>,
    /// Static features of word i: `feats[starts[i]..starts[i + 1]]` (empty for dictionary words).
    feats: Vec<u64>,
    starts: Vec<usize>,
    /// Class from the tag dictionary.
    fixed: Vec<Option<u8>>,
}

impl Prepared {
    fn new(words: &[&str], lex: &Lexicon, classes: usize) -> Prepared {
        let lower: Vec<String> = words.iter().map(|w| normal(w)).collect();
        let shapes: Vec<String> = words.iter().map(|w| shape(w)).collect();
        let mut feats = Vec::with_capacity(words.len() * 36);
        let mut starts = Vec::with_capacity(words.len() + 1);
        let mut fixed = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            starts.push(feats.len());
            let f = lex
                .dict
                .get(&lower[i])
                .copied()
                .filter(|&c| (c as usize) < classes);
            if f.is_none() {
                static_features(words, &lower, &shapes, lex, i, &mut feats);
            }
            fixed.push(f);
        }
        starts.push(feats.len());
        Prepared {
            lower,
            feats,
            starts,
            fixed,
        }
    }

    /// Features of word `i` given the classes predicted so far and, in the second pass, the first pass's
    /// classes to the right.
    fn features(&self, i: usize, prev: &[&str], next: Option<&[&str]>, out: &mut Vec<u64>) {
        out.clear();
        out.extend_from_slice(&self.feats[self.starts[i]..self.starts[i + 1]]);
        let lower = &self.lower;
        let lw = lower[i].as_str();
        let w1 = lower.get(i + 1).map_or("</s>", String::as_str);
        let p1 = if i >= 1 { prev[i - 1] } else { "<s>" };
        let p2 = if i >= 2 { prev[i - 2] } else { "<s>" };
        out.push(feature(8, &[p1]));
        out.push(feature(9, &[p2, p1]));
        out.push(feature(10, &[p1, lw]));
        out.push(feature(21, &[p1, w1]));
        if let Some(next) = next {
            let n1 = next.get(i + 1).copied().unwrap_or("</s>");
            let n2 = next.get(i + 2).copied().unwrap_or("</s>");
            out.push(feature(40, &[n1]));
            out.push(feature(41, &[n1, n2]));
            out.push(feature(42, &[p1, n1]));
            out.push(feature(43, &[lw, n1]));
            out.push(feature(44, &[suffix(lw, 3), n1]));
        }
    }
}

/// The features of word `i` that do not depend on tags, appended to `out`.
fn static_features(
    words: &[&str],
    lower: &[String],
    shapes: &[String],
    lex: &Lexicon,
    i: usize,
    out: &mut Vec<u64>,
) {
    let w = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 {
            "<s>"
        } else if j as usize >= lower.len() {
            "</s>"
        } else {
            lower[j as usize].as_str()
        }
    };
    let word = words[i];
    let lw = lower[i].as_str();
    let sh = shapes[i].as_str();
    out.push(feature(0, &[]));
    out.push(feature(1, &[lw]));
    out.push(feature(2, &[suffix(lw, 3)]));
    out.push(feature(3, &[suffix(lw, 2)]));
    out.push(feature(4, &[suffix(lw, 1)]));
    out.push(feature(5, &[prefix(lw, 1)]));
    out.push(feature(6, &[prefix(lw, 3)]));
    out.push(feature(7, &[sh]));
    out.push(feature(11, &[w(-1)]));
    out.push(feature(12, &[suffix(w(-1), 3)]));
    out.push(feature(13, &[w(-2)]));
    out.push(feature(14, &[w(1)]));
    out.push(feature(15, &[suffix(w(1), 3)]));
    out.push(feature(16, &[w(2)]));
    out.push(feature(17, &[w(-1), lw]));
    out.push(feature(18, &[lw, w(1)]));
    out.push(feature(19, &[suffix(lw, 4)]));
    out.push(feature(20, &[if i == 0 { "first" } else { "" }, sh]));
    out.push(feature(
        22,
        &[shapes.get(i + 1).map_or("</s>", String::as_str)],
    ));
    if word.contains('-') {
        out.push(feature(23, &[]));
    }
    out.push(feature(24, &[word]));
    out.push(feature(25, &[suffix(w(1), 1)]));
    out.push(feature(26, &[suffix(lw, 5)]));
    out.push(feature(27, &[prefix(lw, 2)]));
    out.push(feature(28, &[prefix(lw, 4)]));
    out.push(feature(30, &[lex.amb(lw)]));
    out.push(feature(31, &[lex.amb(w(-1))]));
    out.push(feature(32, &[lex.amb(w(1))]));
    out.push(feature(33, &[lex.amb(w(-1)), lex.amb(w(1))]));
    out.push(feature(34, &[w(-1), w(1)]));
    if !lex.ext.is_empty() {
        let cap = if word.starts_with(char::is_uppercase) {
            if i == 0 {
                "C0"
            } else {
                "C"
            }
        } else {
            "c"
        };
        let e = lex.ext(lw);
        out.push(feature(35, &[e]));
        out.push(feature(36, &[e, cap]));
        out.push(feature(37, &[lex.ext(w(1))]));
        out.push(feature(38, &[lex.ext(w(-1))]));
    }
}

/// A trained tagger: a left-to-right pass, then a second pass that also sees the first pass's tags to the right.
pub struct Tagger {
    first: Model,
    second: Option<Model>,
    lex: Lexicon,
    names: Vec<String>,
    upos: Vec<String>,
    xpos: Vec<String>,
}

/// The classes of a training set and what it says of words.
struct Inventory {
    ids: HashMap<(String, String), usize>,
    names: Vec<String>,
    lex: Lexicon,
}

fn inventory(train: &[TreeSentence], config: &TaggerConfig) -> Inventory {
    let mut ids: HashMap<(String, String), usize> = HashMap::new();
    let mut names = Vec::new();
    let mut counts: HashMap<String, HashMap<usize, usize>> = HashMap::new();
    for s in train {
        for w in &s.words {
            let key = (w.upos.clone(), w.xpos.clone());
            let id = *ids.entry(key).or_insert_with(|| {
                names.push(format!("{} {}", w.upos, w.xpos));
                names.len() - 1
            });
            *counts
                .entry(normal(&w.form))
                .or_default()
                .entry(id)
                .or_default() += 1;
        }
    }
    assert!(names.len() <= 255, "too many tag classes");
    let mut dict = FxHashMap::default();
    let mut amb = Vec::new();
    for (word, by_class) in &counts {
        let total: usize = by_class.values().sum();
        let (best, n) = by_class
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
            .map(|(c, n)| (*c, *n))
            .unwrap_or((0, 0));
        if total >= 20 && n as f64 / total as f64 >= 0.995 {
            dict.insert(word.clone(), best as u8);
        }
        if total >= AMB_MIN {
            let mut tags: Vec<&str> = by_class
                .keys()
                .map(|&c| names[c].split(' ').next().unwrap_or(""))
                .collect();
            tags.sort_unstable();
            tags.dedup();
            amb.push((word.clone(), tags.join("|")));
        }
    }
    Inventory {
        ids,
        names,
        lex: Lexicon {
            dict,
            amb: {
                amb.sort_unstable();
                let mut classes = WordClasses::default();
                for (w, t) in amb {
                    classes.insert(w, &t);
                }
                classes
            },
            ext: if config.wordnet {
                external_classes()
            } else {
                WordClasses::default()
            },
        },
    }
}

/// Deterministic xorshift shuffle.
fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

/// A training sentence: prepared words and gold classes.
struct Example {
    prep: Prepared,
    gold: Vec<usize>,
}

/// Trains one pass over `train`; `right` gives, per sentence, the first pass's classes (second pass only).
fn train_pass(
    train: &[&Example],
    inv: &Inventory,
    right: Option<&[Vec<usize>]>,
    config: &TaggerConfig,
    progress: &mut dyn FnMut(usize, f64),
) -> Model {
    let mut trainer = Trainer::new(inv.names.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = config.seed.max(1);
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    for epoch in 0..config.epochs {
        shuffle(&mut order, &mut rng);
        let (mut ok, mut total) = (0usize, 0usize);
        for &si in &order {
            let ex = train[si];
            let next: Option<Vec<&str>> =
                right.map(|r| r[si].iter().map(|&c| inv.names[c].as_str()).collect());
            let mut prev: Vec<&str> = Vec::with_capacity(ex.gold.len());
            for (i, &gold) in ex.gold.iter().enumerate() {
                let guess = match ex.prep.fixed[i] {
                    Some(c) => c as usize,
                    None => {
                        ex.prep.features(i, &prev, next.as_deref(), &mut feats);
                        trainer.tick();
                        trainer.scores(&feats, &mut scores);
                        let guess = argmax(&scores, None);
                        trainer.update(&feats, gold, guess);
                        guess
                    }
                };
                ok += usize::from(guess == gold);
                total += 1;
                prev.push(inv.names[guess].as_str());
            }
        }
        progress(epoch + 1, 100.0 * ok as f64 / total.max(1) as f64);
    }
    trainer.average(inv.names.clone(), String::new(), config.prune)
}

/// Greedy decoding of one pass.
fn decode(model: &Model, names: &[String], prep: &Prepared, next: Option<&[&str]>) -> Vec<usize> {
    let n = prep.fixed.len();
    let mut prev: Vec<&str> = Vec::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    for i in 0..n {
        let c = match prep.fixed[i] {
            Some(c) => c as usize,
            None => {
                prep.features(i, &prev, next, &mut feats);
                model.scores(&feats, &mut scores);
                argmax(&scores, None)
            }
        };
        prev.push(names[c].as_str());
        out.push(c);
    }
    out
}

const MAGIC: &[u8; 8] = b"PTRLTAG3";

impl Tagger {
    /// Trains on treebank sentences. The second pass learns from first-pass tags made by models that did not
    /// see the sentence (4-fold jackknifing), so it learns how far to trust them.
    pub fn train(
        train: &[TreeSentence],
        config: &TaggerConfig,
        progress: &mut dyn FnMut(usize, f64),
    ) -> Tagger {
        let inv = inventory(train, config);
        let examples: Vec<Example> = train
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                Example {
                    prep: Prepared::new(&words, &inv.lex, inv.names.len()),
                    gold: s
                        .words
                        .iter()
                        .map(|w| inv.ids[&(w.upos.clone(), w.xpos.clone())])
                        .collect(),
                }
            })
            .collect();
        let all: Vec<&Example> = examples.iter().collect();
        const FOLDS: usize = 4;
        let mut right: Vec<Vec<usize>> = vec![Vec::new(); train.len()];
        for fold in 0..FOLDS {
            let part: Vec<&Example> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS != fold)
                .map(|(_, s)| *s)
                .collect();
            let model = train_pass(&part, &inv, None, config, &mut |_, _| {});
            for (i, ex) in all.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
                right[i] = decode(&model, &inv.names, &ex.prep, None);
            }
        }
        let mut first = train_pass(&all, &inv, None, config, &mut |_, _| {});
        let second = train_pass(&all, &inv, Some(&right), config, progress);
        first.meta = lexicon_meta(&inv.lex);
        Tagger::assemble(first, Some(second))
    }

    fn assemble(first: Model, second: Option<Model>) -> Tagger {
        let mut lex = Lexicon {
            dict: FxHashMap::default(),
            amb: WordClasses::default(),
            ext: WordClasses::default(),
        };
        for line in first.meta.lines() {
            let mut parts = line.splitn(3, '\t');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("d"), Some(w), Some(c)) => {
                    if let Ok(c) = c.parse::<u8>() {
                        lex.dict.insert(w.to_string(), c);
                    }
                }
                (Some("a"), Some(w), Some(tags)) => {
                    lex.amb.insert(w.to_string(), tags);
                }
                (Some("e"), Some(w), Some(classes)) => {
                    lex.ext.insert(w.to_string(), classes);
                }
                _ => {}
            }
        }
        let names = first.classes.clone();
        let (upos, xpos) = names
            .iter()
            .map(|c| {
                let (u, x) = c.split_once(' ').unwrap_or((c.as_str(), "_"));
                (u.to_string(), x.to_string())
            })
            .unzip();
        Tagger {
            first,
            second,
            lex,
            names,
            upos,
            xpos,
        }
    }

    /// Tags a sentence: (UPOS, XPOS) for every word.
    pub fn tag(&self, words: &[&str]) -> Vec<(&str, &str)> {
        let prep = Prepared::new(words, &self.lex, self.names.len());
        let mut classes = decode(&self.first, &self.names, &prep, None);
        if let Some(second) = &self.second {
            let next: Vec<&str> = classes.iter().map(|&c| self.names[c].as_str()).collect();
            classes = decode(second, &self.names, &prep, Some(&next));
        }
        // a sentence told with a full stop has a finite verb (`main_verb`)
        let xpos: Vec<&str> = classes.iter().map(|&c| self.xpos[c].as_str()).collect();
        let can_be_verb = |w: &str| self.lex.amb(&normal(w)).split('|').any(|t| t == "VERB");
        if let Some(i) = crate::main_verb::missing_main_verb(words, &xpos, can_be_verb) {
            // (looked up only when it fires: rarely)
            if let Some(past) = self.names.iter().position(|n| n == "VERB VBD") {
                classes[i] = past;
            }
        }
        classes
            .into_iter()
            .map(|c| (self.upos[c].as_str(), self.xpos[c].as_str()))
            .collect()
    }

    /// Serialises the tagger.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for m in std::iter::once(&self.first).chain(self.second.as_ref()) {
            let b = m.to_bytes();
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(&b);
        }
        out
    }

    /// Reads a tagger written by [`Tagger::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, ModelError> {
        if b.get(..8) != Some(MAGIC.as_slice()) {
            return Err(ModelError("not a petrel tagger (magic)".into()));
        }
        let mut at = 8;
        let mut models = Vec::new();
        while at < b.len() {
            let len = b
                .get(at..at + 8)
                .ok_or_else(|| ModelError("truncated tagger".into()))?;
            let len = u64::from_le_bytes(len.try_into().expect("8 bytes")) as usize;
            let body = b
                .get(at + 8..at + 8 + len)
                .ok_or_else(|| ModelError("truncated tagger".into()))?;
            models.push(Model::from_bytes(body)?);
            at += 8 + len;
        }
        let mut models = models.into_iter();
        let first = models
            .next()
            .ok_or_else(|| ModelError("tagger without a model".into()))?;
        let second = models.next();
        if second.as_ref().is_some_and(|s| s.classes != first.classes) {
            return Err(ModelError("tagger passes disagree on classes".into()));
        }
        Ok(Tagger::assemble(first, second))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse_conllu;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Kazakhstan"), "Xxxx");
        assert_eq!(shape("3,811"), "d,ddd");
        assert_eq!(suffix("protests", 3), "sts");
        assert_eq!(suffix("ab", 3), "ab");
        assert_eq!(prefix("Жанаозен", 1), "Ж");
    }

    #[test]
    fn learns_a_toy_language() {
        let mut text = String::new();
        for (i, (a, b)) in [("dogs", "bark"), ("cats", "sleep"), ("birds", "sing")]
            .iter()
            .cycle()
            .take(30)
            .enumerate()
        {
            text.push_str(&format!("# sent_id = {i}\n1\t{a}\t_\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\t{b}\t_\tVERB\tVBP\t_\t0\troot\t_\t_\n\n"));
        }
        let sents = parse_conllu(&text).unwrap();
        let t = Tagger::train(
            &sents,
            &TaggerConfig {
                epochs: 3,
                ..TaggerConfig::default()
            },
            &mut |_, _| {},
        );
        let back = Tagger::from_bytes(&t.to_bytes()).unwrap();
        assert_eq!(
            back.tag(&["cats", "bark"]),
            [("NOUN", "NNS"), ("VERB", "VBP")]
        );
        assert!(back.tag(&[]).is_empty());
    }
}
