//! Training the boundary model: an averaged perceptron over every position of the training documents'
//! blocks, visited in a seeded shuffle.

use super::model::{BoundaryModel, Scratch};
use super::weights::WeightTable;
use super::{register, tokenize_blocks};
use petrel_core::fxhash::FxHashMap;
use petrel_core::Token;

/// Training settings of the boundary model.
#[derive(Clone, Debug)]
pub struct BoundaryConfig {
    /// Passes over the training documents.
    pub epochs: usize,
    /// Averaged weights below this magnitude are dropped from the saved model.
    pub prune: f32,
    /// Decision threshold stored with the model.
    pub threshold: f32,
    /// Decision threshold without punctuation in edited text, stored with the model.
    pub threshold_bare: f32,
}

impl Default for BoundaryConfig {
    fn default() -> Self {
        BoundaryConfig {
            epochs: 8,
            prune: 0.05,
            threshold: 0.0,
            threshold_bare: 8.0,
        }
    }
}

impl BoundaryModel {
    /// Trains a model on raw documents with their gold sentence ends (code-point offsets just after each
    /// sentence's last character), as `petrel nlp-eval` builds them from a treebank. Deterministic: documents
    /// are visited in a fixed order that changes each epoch by a seeded shuffle.
    pub fn train(
        docs: &[(String, Vec<usize>)],
        config: &BoundaryConfig,
        log: &mut dyn FnMut(String),
    ) -> BoundaryModel {
        // blocks and tokens once: (document, first block?, register, tokens, gold label after each token)
        type Block = (usize, bool, &'static str, Vec<Token>, Vec<bool>);
        let mut blocks_all: Vec<Block> = Vec::new();
        let texts: Vec<Vec<char>> = docs.iter().map(|(t, _)| t.chars().collect()).collect();
        for (d, (text, gold)) in docs.iter().enumerate() {
            let blocks = tokenize_blocks(text, &texts[d]);
            let reg = register(&blocks);
            for (b, toks) in blocks.into_iter().enumerate() {
                let labels = toks
                    .iter()
                    .map(|t| gold.binary_search(&t.end).is_ok())
                    .collect();
                blocks_all.push((d, b == 0, reg, toks, labels));
            }
        }
        let mut trainer = BoundaryTrainer::default();
        let mut order: Vec<usize> = (0..blocks_all.len()).collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut scratch = Scratch::default();
        let model = BoundaryModel {
            weights: WeightTable::default(),
            scale: 1.0,
            threshold: 0.0,
            threshold_bare: 0.0,
        };
        for epoch in 0..config.epochs {
            // Fisher-Yates with xorshift
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            let (mut errors, mut seen) = (0usize, 0usize);
            for &b in &order {
                let (d, first, reg, toks, labels) = &blocks_all[b];
                let before = trainer.errors;
                model.split(
                    toks,
                    &texts[*d],
                    *first,
                    reg,
                    &mut scratch,
                    Some((labels, &mut trainer)),
                );
                errors += trainer.errors - before;
                seen += toks.len();
            }
            log(format!(
                "sentences epoch {}: {errors} wrong decisions in {seen} tokens",
                epoch + 1
            ));
        }
        trainer.average(config)
    }
}

/// The perceptron being trained: per feature hash (current weight, running total, step of the last change).
#[derive(Default)]
pub(super) struct BoundaryTrainer {
    params: FxHashMap<u32, (f32, f64, u64)>,
    step: u64,
    errors: usize,
}

impl BoundaryTrainer {
    /// Predicts with the current weights, updates on a mistake; returns the prediction.
    pub(super) fn learn(&mut self, feats: &[u32], gold: bool) -> bool {
        self.step += 1;
        let score: f32 = feats
            .iter()
            .filter_map(|k| self.params.get(k))
            .map(|p| p.0)
            .sum();
        let guess = score > 0.0;
        if guess != gold {
            self.errors += 1;
            let delta = if gold { 1.0 } else { -1.0 };
            let step = self.step;
            for k in feats {
                let p = self.params.entry(*k).or_insert((0.0, 0.0, step));
                p.1 += (step - p.2) as f64 * f64::from(p.0);
                p.2 = step;
                p.0 += delta;
            }
        }
        guess
    }

    fn average(&self, config: &BoundaryConfig) -> BoundaryModel {
        let step = self.step.max(1);
        let avg: Vec<(u32, f32)> = self
            .params
            .iter()
            .map(|(k, p)| {
                let a = ((p.1 + (step - p.2) as f64 * f64::from(p.0)) / step as f64) as f32;
                (*k, a)
            })
            .filter(|(_, a)| a.abs() >= config.prune)
            .collect();
        let max = avg.iter().fold(0f32, |m, (_, w)| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        BoundaryModel {
            weights: WeightTable::new(
                avg.into_iter()
                    .map(|(k, w)| (k, (w / scale).round() as i16))
                    .filter(|(_, w)| *w != 0),
            )
            .expect("distinct non-zero keys"),
            scale,
            threshold: config.threshold,
            threshold_bare: config.threshold_bare,
        }
    }
}
