//! Named-entity recogniser: PER, ORG, LOC. An averaged perceptron scores BILOU states (begin, inside, last,
//! unit, outside) from word, shape, affix, POS, sentence-case and dictionary features plus the previous state;
//! Viterbi search finds the best sequence that obeys the BILOU constraints, returned as IOB2 labels.
//!
//! Dictionary features come from a [`NerLexicon`] the caller supplies (petrel's countries, IGOs, places and role
//! titles), so the recogniser knows names it never saw in training; the same lexicon must be used in training
//! and tagging.
//!
//! This file holds the recogniser's types and tagging; beside it, `features` (what it sees of a word),
//! `memory` (what it tagged earlier in the document), `bilou` (states, constraints and Viterbi search),
//! `train` (the structured perceptron's training) and `gum` (GUM mentions as UNER labels for training).

mod bilou;
mod features;
mod gum;
mod memory;
mod train;

pub use self::features::{parse_person_names, WordCase, PERSON_NAMES};
pub use self::gum::gum_labels;
pub use self::memory::NerMemory;

use self::bilou::{to_labels, viterbi};
use self::features::{with_prev, Prepared, STATE_FEATURES};
use crate::perceptron::{Model, ModelError};

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

impl Ner {
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
mod tests;
