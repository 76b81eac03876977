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
}

impl Default for TaggerConfig {
    fn default() -> TaggerConfig {
        TaggerConfig {
            epochs: 8,
            seed: 7,
            prune: 0.02,
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

fn suffix(w: &str, n: usize) -> &str {
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

/// Features of word `i` given the lowercased words, the classes predicted so far and, in the second pass,
/// the first pass's classes to the right.
fn features(
    words: &[&str],
    lower: &[String],
    i: usize,
    prev: &[&str],
    next: Option<&[&str]>,
    out: &mut Vec<u64>,
) {
    out.clear();
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
    let p1 = if i >= 1 { prev[i - 1] } else { "<s>" };
    let p2 = if i >= 2 { prev[i - 2] } else { "<s>" };
    let word = words[i];
    let lw = lower[i].as_str();
    let sh = shape(word);
    out.push(feature(0, &[]));
    out.push(feature(1, &[lw]));
    out.push(feature(2, &[suffix(lw, 3)]));
    out.push(feature(3, &[suffix(lw, 2)]));
    out.push(feature(4, &[suffix(lw, 1)]));
    out.push(feature(5, &[prefix(lw, 1)]));
    out.push(feature(6, &[prefix(lw, 3)]));
    out.push(feature(7, &[&sh]));
    out.push(feature(8, &[p1]));
    out.push(feature(9, &[p2, p1]));
    out.push(feature(10, &[p1, lw]));
    out.push(feature(11, &[w(-1)]));
    out.push(feature(12, &[suffix(w(-1), 3)]));
    out.push(feature(13, &[w(-2)]));
    out.push(feature(14, &[w(1)]));
    out.push(feature(15, &[suffix(w(1), 3)]));
    out.push(feature(16, &[w(2)]));
    out.push(feature(17, &[w(-1), lw]));
    out.push(feature(18, &[lw, w(1)]));
    out.push(feature(19, &[suffix(lw, 4)]));
    out.push(feature(20, &[if i == 0 { "first" } else { "" }, &sh]));
    out.push(feature(21, &[p1, w(1)]));
    out.push(feature(
        22,
        &[shape(words.get(i + 1).copied().unwrap_or("</s>")).as_str()],
    ));
    if word.contains('-') {
        out.push(feature(23, &[]));
    }
    out.push(feature(24, &[word]));
    out.push(feature(25, &[suffix(w(1), 1)]));
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

/// A trained tagger: a left-to-right pass, then a second pass that also sees the first pass's tags to the right.
pub struct Tagger {
    first: Model,
    second: Option<Model>,
    /// Words (lowercased) that always took one class in training, with that class.
    dict: FxHashMap<String, u8>,
    names: Vec<String>,
    upos: Vec<String>,
    xpos: Vec<String>,
}

/// The classes of a training set and the tag dictionary.
struct Inventory {
    ids: HashMap<(String, String), usize>,
    names: Vec<String>,
    dict: FxHashMap<String, u8>,
}

fn inventory(train: &[TreeSentence]) -> Inventory {
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
    }
    Inventory { ids, names, dict }
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

/// Trains one pass over `train`; `right` gives, per sentence, the first pass's classes (second pass only).
fn train_pass(
    train: &[&TreeSentence],
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
            let s = train[si];
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let lower: Vec<String> = words.iter().map(|w| normal(w)).collect();
            let next: Option<Vec<&str>> =
                right.map(|r| r[si].iter().map(|&c| inv.names[c].as_str()).collect());
            let mut prev: Vec<&str> = Vec::with_capacity(words.len());
            for i in 0..words.len() {
                let gold = inv.ids[&(s.words[i].upos.clone(), s.words[i].xpos.clone())];
                let guess = match inv.dict.get(&lower[i]) {
                    Some(&c) => c as usize,
                    None => {
                        features(&words, &lower, i, &prev, next.as_deref(), &mut feats);
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
    let mut d: Vec<(&String, &u8)> = inv.dict.iter().collect();
    d.sort();
    let meta: Vec<String> = d.into_iter().map(|(w, c)| format!("{w}\t{c}")).collect();
    trainer.average(inv.names.clone(), meta.join("\n"), config.prune)
}

/// Greedy decoding of one pass.
fn decode(
    model: &Model,
    dict: &FxHashMap<String, u8>,
    names: &[String],
    words: &[&str],
    lower: &[String],
    next: Option<&[&str]>,
) -> Vec<usize> {
    let mut prev: Vec<&str> = Vec::with_capacity(words.len());
    let mut out = Vec::with_capacity(words.len());
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    for i in 0..words.len() {
        let c = match dict.get(&lower[i]) {
            Some(&c) if (c as usize) < names.len() => c as usize,
            _ => {
                features(words, lower, i, &prev, next, &mut feats);
                model.scores(&feats, &mut scores);
                argmax(&scores, None)
            }
        };
        prev.push(names[c].as_str());
        out.push(c);
    }
    out
}

const MAGIC: &[u8; 8] = b"PTRLTAG2";

impl Tagger {
    /// Trains on treebank sentences. The second pass learns from first-pass tags made by models that did not
    /// see the sentence (4-fold jackknifing), so it learns how far to trust them.
    pub fn train(
        train: &[TreeSentence],
        config: &TaggerConfig,
        progress: &mut dyn FnMut(usize, f64),
    ) -> Tagger {
        let inv = inventory(train);
        let all: Vec<&TreeSentence> = train.iter().collect();
        const FOLDS: usize = 4;
        let mut right: Vec<Vec<usize>> = vec![Vec::new(); train.len()];
        for fold in 0..FOLDS {
            let part: Vec<&TreeSentence> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS != fold)
                .map(|(_, s)| *s)
                .collect();
            let model = train_pass(&part, &inv, None, config, &mut |_, _| {});
            for (i, s) in all.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let lower: Vec<String> = words.iter().map(|w| normal(w)).collect();
                right[i] = decode(&model, &inv.dict, &inv.names, &words, &lower, None);
            }
        }
        let first = train_pass(&all, &inv, None, config, &mut |_, _| {});
        let second = train_pass(&all, &inv, Some(&right), config, progress);
        Tagger::assemble(first, Some(second))
    }

    fn assemble(first: Model, second: Option<Model>) -> Tagger {
        let mut dict = FxHashMap::default();
        for line in first.meta.lines() {
            if let Some((w, c)) = line.rsplit_once('\t') {
                if let Ok(c) = c.parse::<u8>() {
                    dict.insert(w.to_string(), c);
                }
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
            dict,
            names,
            upos,
            xpos,
        }
    }

    /// Tags a sentence: (UPOS, XPOS) for every word.
    pub fn tag(&self, words: &[&str]) -> Vec<(&str, &str)> {
        let lower: Vec<String> = words.iter().map(|w| normal(w)).collect();
        let mut classes = decode(&self.first, &self.dict, &self.names, words, &lower, None);
        if let Some(second) = &self.second {
            let next: Vec<&str> = classes.iter().map(|&c| self.names[c].as_str()).collect();
            classes = decode(second, &self.dict, &self.names, words, &lower, Some(&next));
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
