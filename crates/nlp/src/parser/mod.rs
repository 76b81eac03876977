//! A greedy transition-based dependency parser for UD English: arc-eager transitions with the root at
//! the end of the buffer, labeled arcs, an averaged perceptron over hashed features in the style of
//! Zhang & Nivre (2011), trained with the dynamic oracle of Goldberg & Nivre (2012) and error
//! exploration.
//!
//! Transitions over a stack σ|s1|s0 and a buffer b0|β (the artificial root is the last buffer item):
//! SHIFT pushes b0; LEFT-l pops s0 (which has no head yet) and attaches it to b0; RIGHT-l attaches b0 to
//! s0 and pushes it; REDUCE pops s0 (which has a head). When only the root is left in the buffer, the
//! stack is emptied: words with a head are reduced, the last headless word becomes the root, and any
//! other headless word is attached to the word below it (RIGHT-l then means "s0 under s1"), so every
//! parse is a tree with exactly one root. A sentence of n words takes exactly 2n transitions, each a
//! constant number of feature lookups: parsing is linear in the sentence length.
//!
//! A transition's score is the sum of its move's weights (SHIFT, LEFT, RIGHT, REDUCE) and its own, so
//! the attachment decision pools the evidence of every label. Besides forms, UPOS and XPOS the
//! features use ambiguity classes (the set of tags a word had in training, which stays right when the
//! tagger errs). New models use a lean set of 104 templates; models of the earlier, 30% slower
//! 150-template set (which adds features of s1's children, punctuation between the focus words and
//! their neighbours in the sentence, for no measurable accuracy) are still read.
//!
//! Weights are looked up in the perceptron's table (`perceptron::Weights`: 8-byte slots, dense rows for
//! frequent features), phase by phase so that the cache misses of one configuration overlap.
//!
//! Training trees that are not projective are made projective by lifting (Nivre & Nilsson 2005, without
//! label encoding) before the oracle sees them; the parser only produces projective trees.
//!
//! This file holds the model (parsing, the model file, scores); beside it, `state` (configurations,
//! transitions and features), `train` (the label inventory, projectivisation, the oracle and training) and
//! `repair` (rewiring of a known greedy mistake, "after troops shelled", in the parser's output).

mod repair;
mod state;
mod train;

use self::state::{best_transition, tokens, transition_scores, Lexicon, State, FEATURES, MOVES};
use crate::conllu::TreeSentence;
use crate::perceptron::{Cursor, ModelError, Weights};

/// A trained dependency parser: weights, label inventory and ambiguity-class lexicon.
pub struct Parser {
    weights: Weights,
    labels: Vec<String>,
    root: usize,
    lexicon: Lexicon,
    /// Feature set: [`FULL`] or [`LEAN`].
    set: u8,
}

/// One predicted dependency: the head of a word and the relation label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arc {
    /// Head index, 1-based; 0 = root.
    pub head: usize,
    /// Dependency relation with subtype, e.g. `nsubj:pass`.
    pub label: String,
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct ParserConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling and exploration generator (training is reproducible bit for bit).
    pub seed: u64,
    /// First epoch (1-based) in which the parser follows its own wrong transitions.
    pub explore_from_epoch: usize,
    /// Probability of following a wrong predicted transition during exploration.
    pub explore_p: f64,
    /// Averaged weights below this magnitude are dropped from the model (1.0 keeps a model trained on
    /// EWT + GUM near 25 MB at no measurable cost in accuracy).
    pub prune: f32,
}

impl Default for ParserConfig {
    fn default() -> Self {
        ParserConfig {
            epochs: 10,
            seed: 1,
            explore_from_epoch: 2,
            explore_p: 0.9,
            prune: 1.0,
        }
    }
}

/// At most this many labels: 4 move classes + 2 × labels + 2 transition classes must fit in 255.
const MAX_LABELS: usize = 124;
const MAGIC: &[u8; 8] = b"PTRLDEP1";
/// Version of the transition system and feature templates; models of another version are refused.
const FEATURE_VERSION: u32 = 2;

/// Feature set of newly trained models: the lean one (model version `FEATURE_VERSION + 1`).
const TRAIN_SET: u8 = LEAN;
/// The full feature set (150 templates, model version 2): as accurate as the lean one but 30% slower;
/// still read so that version-2 models keep working.
const FULL: u8 = 0;
/// The lean feature set (104 templates, model version 3).
const LEAN: u8 = 1;

impl Parser {
    /// Parses one sentence: forms, UPOS and XPOS of each word. Returns one arc per form (missing tags
    /// count as empty); the arcs always form a tree with exactly one root.
    pub fn parse(&self, forms: &[&str], upos: &[&str], xpos: &[&str]) -> Vec<Arc> {
        let n = forms.len();
        if n == 0 {
            return Vec::new();
        }
        let toks = tokens(forms, upos, xpos, &self.lexicon);
        let nl = self.labels.len();
        let mut st = State::new(n, self.set);
        let mut feats = Vec::with_capacity(FEATURES);
        let mut class_scores = vec![0i32; self.weights.classes];
        let mut scores = Vec::with_capacity(self.weights.classes);
        let mut found = Vec::with_capacity(FEATURES);
        while !st.terminal() {
            let (m, l) = match st.forced() {
                Some(m) => (m, self.root as u8),
                None => {
                    st.features(&toks, &mut feats);
                    self.weights.scores(&feats, &mut found, &mut class_scores);
                    transition_scores(&class_scores, nl, &mut scores);
                    best_transition(&scores, &st, nl, self.root)
                }
            };
            st.apply(m, l);
        }
        let mut arcs: Vec<Arc> = (0..n)
            .map(|d| {
                let h = st.head[d] as usize;
                let label = self
                    .labels
                    .get(st.lab[d] as usize)
                    .unwrap_or(&self.labels[self.root])
                    .clone();
                Arc {
                    head: if h >= n { 0 } else { h + 1 },
                    label,
                }
            })
            .collect();
        repair::clauses_after_prepositions(forms, upos, xpos, &mut arcs);
        arcs
    }

    /// Serialises the parser: magic, feature version, labels, lexicon, then the weight rows by
    /// ascending feature hash (little-endian throughout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let rows = self.weights.rows();
        let mut out = Vec::with_capacity(
            64 + self.lexicon.len() * 16 + rows.iter().map(|r| 9 + 3 * r.1.len()).sum::<usize>(),
        );
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(FEATURE_VERSION + u32::from(self.set)).to_le_bytes());
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            out.extend_from_slice(&(l.len() as u32).to_le_bytes());
            out.extend_from_slice(l.as_bytes());
        }
        let mut lex: Vec<(&u64, &u64)> = self.lexicon.iter().collect();
        lex.sort_unstable();
        out.extend_from_slice(&(lex.len() as u64).to_le_bytes());
        for (k, v) in lex {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        for (key, row) in rows {
            out.extend_from_slice(&key.to_le_bytes());
            out.push(row.len() as u8);
            for (c, w) in row {
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Reads a parser written by [`Parser::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Parser, ModelError> {
        let mut c = Cursor { b, at: 0 };
        if c.take(8)? != MAGIC {
            return Err(ModelError("not a petrel parser model (magic)".into()));
        }
        let version = c.u32()?;
        if !(FEATURE_VERSION..=FEATURE_VERSION + 1).contains(&version) {
            return Err(ModelError(format!(
                "parser model version {version}, expected {FEATURE_VERSION}"
            )));
        }
        let set = if version == FEATURE_VERSION {
            FULL
        } else {
            LEAN
        };
        let nl = c.u32()? as usize;
        if !(2..=MAX_LABELS).contains(&nl) {
            return Err(ModelError(format!("{nl} labels")));
        }
        let mut labels = Vec::with_capacity(nl);
        for _ in 0..nl {
            let len = c.u32()? as usize;
            let l = std::str::from_utf8(c.take(len)?)
                .map_err(|_| ModelError("label not UTF-8".into()))?;
            labels.push(l.to_string());
        }
        let root = labels
            .iter()
            .position(|l| l == "root")
            .ok_or_else(|| ModelError("no root label".into()))?;
        let n = c.u64()?;
        if n > (b.len() / 16) as u64 {
            return Err(ModelError(format!(
                "{n} lexicon entries in {} bytes",
                b.len()
            )));
        }
        let mut lexicon = Lexicon::default();
        lexicon.reserve(n as usize);
        for _ in 0..n {
            let k = c.u64()?;
            lexicon.insert(k, c.u64()?);
        }
        let classes = MOVES + 2 + 2 * nl;
        let n = c.u64()?;
        if n > (b.len() / 9) as u64 {
            return Err(ModelError(format!("{n} features in {} bytes", b.len())));
        }
        let mut rows = Vec::with_capacity(n as usize);
        let mut last = None;
        for _ in 0..n {
            let key = c.u64()?;
            if key == 0 || last.is_some_and(|l| l >= key) {
                return Err(ModelError(format!(
                    "feature keys not ascending before byte {}",
                    c.at
                )));
            }
            last = Some(key);
            let len = c.take(1)?[0] as usize;
            let mut row = Vec::with_capacity(len);
            for _ in 0..len {
                let e = c.take(3)?;
                if e[0] as usize >= classes {
                    return Err(ModelError(format!("class {} out of range", e[0])));
                }
                row.push((e[0], i16::from_le_bytes([e[1], e[2]])));
            }
            rows.push((key, row));
        }
        if c.at != b.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        Ok(Parser {
            weights: Weights::new(classes, rows),
            labels,
            root,
            lexicon,
            set,
        })
    }

    /// The relation labels the parser can assign.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }
}

/// (UAS, LAS) in percent over all words (punctuation included), label match on the full deprel.
pub fn attachment_scores(gold: &[TreeSentence], predicted: &[Vec<Arc>]) -> (f64, f64) {
    let (mut total, mut uas, mut las) = (0usize, 0usize, 0usize);
    for (i, s) in gold.iter().enumerate() {
        let p = predicted.get(i);
        for (j, w) in s.words.iter().enumerate() {
            total += 1;
            if let Some(a) = p.and_then(|p| p.get(j)) {
                if a.head == w.head {
                    uas += 1;
                    if a.label == w.deprel {
                        las += 1;
                    }
                }
            }
        }
    }
    if total == 0 {
        return (0.0, 0.0);
    }
    (
        100.0 * uas as f64 / total as f64,
        100.0 * las as f64 / total as f64,
    )
}

#[cfg(test)]
mod tests;
