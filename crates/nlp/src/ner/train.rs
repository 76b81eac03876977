//! Training the recogniser: a structured averaged perceptron over BILOU sequences, with the document memory
//! learnt from the gold labels.

use super::bilou::{prev_class, to_labels, to_states, viterbi};
use super::features::{with_prev, Prepared, WordCase, STATE_FEATURES};
use super::memory::{history_features, NerMemory};
use super::{Ner, NerConfig, NerLexicon, NerSentence, START, STATES};
use crate::perceptron::Trainer;

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
}
