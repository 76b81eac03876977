//! Named-entity recogniser: PER, ORG, LOC in IOB2, an averaged perceptron decoding greedily left to right
//! with the IOB constraint, using word, shape, affix, POS and dictionary features.
//!
//! Dictionary features come from a [`NerLexicon`] the caller supplies (petrel's countries, IGOs, places and role
//! titles), so the recogniser knows names it never saw in training; the same lexicon must be used in training
//! and tagging.

use crate::perceptron::{argmax, feature, Model, ModelError, Trainer};
use crate::tagger::shape;

/// Labels, in class order.
pub const LABELS: &[&str] = &["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

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

/// One training sentence: words, their UPOS tags, and gold IOB2 labels.
pub struct NerSentence {
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
    /// Pruning threshold of averaged weights.
    pub prune: f32,
}

impl Default for NerConfig {
    fn default() -> NerConfig {
        NerConfig {
            epochs: 10,
            seed: 11,
            prune: 0.02,
        }
    }
}

/// A trained recogniser.
pub struct Ner {
    model: Model,
}

fn allowed(prev: usize, next: usize) -> bool {
    // I-X only after B-X or I-X
    let l = LABELS[next];
    match l.strip_prefix("I-") {
        Some(ty) => LABELS[prev].ends_with(ty) && prev != 0,
        None => true,
    }
}

#[allow(clippy::too_many_arguments)]
fn features(
    words: &[&str],
    lower: &[String],
    upos: &[&str],
    dict: &[String],
    i: usize,
    prev: usize,
    prev2: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = words.len();
    let at = |v: &[String], k: isize| -> String {
        let j = i as isize + k;
        if j < 0 || j as usize >= n {
            "<>".into()
        } else {
            v[j as usize].clone()
        }
    };
    let pos = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 || j as usize >= n {
            "<>"
        } else {
            upos[j as usize]
        }
    };
    let w = words[i];
    let lw = lower[i].as_str();
    let sh = shape(w);
    let suf3: String = lw.chars().rev().take(3).collect();
    let pre3: String = lw.chars().take(3).collect();
    let p = LABELS[prev];
    out.push(feature(0, &[]));
    out.push(feature(1, &[w]));
    out.push(feature(2, &[lw]));
    out.push(feature(3, &[&sh]));
    out.push(feature(4, &[&suf3]));
    out.push(feature(5, &[&pre3]));
    out.push(feature(6, &[upos[i]]));
    out.push(feature(7, &[p]));
    out.push(feature(8, &[p, LABELS[prev2]]));
    out.push(feature(9, &[p, &sh]));
    out.push(feature(10, &[&at(lower, -1)]));
    out.push(feature(11, &[&at(lower, 1)]));
    out.push(feature(12, &[&at(lower, -2)]));
    out.push(feature(13, &[&at(lower, 2)]));
    out.push(feature(14, &[pos(-1), upos[i], pos(1)]));
    out.push(feature(15, &[&dict[i]]));
    out.push(feature(16, &[&dict[i], p]));
    out.push(feature(17, &[&at(dict, -1)]));
    out.push(feature(18, &[&at(dict, 1)]));
    out.push(feature(19, &[&dict[i], upos[i]]));
    out.push(feature(20, &[&at(lower, -1), lw]));
    out.push(feature(21, &[p, upos[i]]));
    out.push(feature(
        22,
        &[&words
            .get(i + 1)
            .map_or_else(|| "<>".to_string(), |w| shape(w))],
    ));
    out.push(feature(23, &[if i == 0 { "first" } else { "" }, &sh]));
}

fn decode(model: &Model, words: &[&str], upos: &[&str], dict: &[String]) -> Vec<usize> {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut out: Vec<usize> = Vec::with_capacity(words.len());
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    for i in 0..words.len() {
        let prev = if i > 0 { out[i - 1] } else { 0 };
        let prev2 = if i > 1 { out[i - 2] } else { 0 };
        features(words, &lower, upos, dict, i, prev, prev2, &mut feats);
        model.scores(&feats, &mut scores);
        out.push(argmax(&scores, Some(&|c| allowed(prev, c))));
    }
    out
}

impl Ner {
    /// Trains on labelled sentences.
    pub fn train(
        data: &[NerSentence],
        lexicon: &dyn NerLexicon,
        config: &NerConfig,
        progress: &mut dyn FnMut(usize, f64),
    ) -> Ner {
        let mut trainer = Trainer::new(LABELS.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = config.seed.max(1);
        let dicts: Vec<Vec<String>> = data
            .iter()
            .map(|s| {
                let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
                lexicon.classes(&w)
            })
            .collect();
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        for epoch in 0..config.epochs {
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            let (mut ok, mut total) = (0usize, 0usize);
            for &si in &order {
                let s = &data[si];
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                let upos: Vec<&str> = s.upos.iter().map(String::as_str).collect();
                let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                let mut out: Vec<usize> = Vec::with_capacity(words.len());
                for i in 0..words.len() {
                    let gold = LABELS.iter().position(|l| *l == s.labels[i]).unwrap_or(0);
                    let prev = if i > 0 { out[i - 1] } else { 0 };
                    let prev2 = if i > 1 { out[i - 2] } else { 0 };
                    features(
                        &words, &lower, &upos, &dicts[si], i, prev, prev2, &mut feats,
                    );
                    trainer.tick();
                    trainer.scores(&feats, &mut scores);
                    let guess = argmax(&scores, Some(&|c| allowed(prev, c)));
                    trainer.update(&feats, gold, guess);
                    ok += usize::from(guess == gold);
                    total += 1;
                    // follow the gold path while learning (the constraint keeps decoding consistent)
                    out.push(if allowed(prev, gold) { gold } else { guess });
                }
            }
            progress(epoch + 1, 100.0 * ok as f64 / total.max(1) as f64);
        }
        let model = trainer.average(
            LABELS.iter().map(|s| s.to_string()).collect(),
            String::new(),
            config.prune,
        );
        Ner { model }
    }

    /// IOB2 labels for a sentence.
    pub fn tag(
        &self,
        words: &[&str],
        upos: &[&str],
        lexicon: &dyn NerLexicon,
    ) -> Vec<&'static str> {
        let dict = lexicon.classes(words);
        decode(&self.model, words, upos, &dict)
            .into_iter()
            .map(|c| LABELS[c])
            .collect()
    }

    /// Serialises the recogniser.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }

    /// Reads what [`Ner::to_bytes`] wrote.
    pub fn from_bytes(b: &[u8]) -> Result<Ner, ModelError> {
        let model = Model::from_bytes(b)?;
        if model.classes.len() != LABELS.len() {
            return Err(ModelError("not an NER model (labels)".into()));
        }
        Ok(Ner { model })
    }
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
    fn spans_and_constraint() {
        assert_eq!(
            spans(&["B-PER", "I-PER", "O", "I-LOC", "B-ORG"]),
            [
                (0, 2, "PER".into()),
                (3, 4, "LOC".into()),
                (4, 5, "ORG".into())
            ]
        );
        assert!(allowed(1, 2));
        assert!(!allowed(0, 2));
        assert!(!allowed(3, 2));
    }

    #[test]
    fn learns_names() {
        let mk = |w: &[&str], l: &[&str]| NerSentence {
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
            &NerConfig {
                epochs: 4,
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
    }
}
