//! Training the parser: the label inventory, gold trees made projective by lifting, the dynamic
//! oracle's transition costs, and the perceptron training loop with error exploration.

use super::state::{
    best_transition, decode_transition, lexical_hash, move_class, tokens, transition,
    transition_scores, Lexicon, Move, State, Tok, FEATURES, MOVES, SHIFT,
};
use super::{Parser, ParserConfig, MAX_LABELS, TRAIN_SET};
use crate::conllu::TreeSentence;
use crate::perceptron::{feature, FeatureMap, Trainer, Weights};
use std::collections::BTreeMap;

/// Labels seen fewer times in training are mapped to their universal part (`csubj:outer` → `csubj`).
const MIN_LABEL_COUNT: usize = 10;

fn build_lexicon(train: &[TreeSentence]) -> Lexicon {
    let mut counts: FeatureMap<BTreeMap<&str, u32>> = FeatureMap::default();
    for s in train {
        for w in &s.words {
            *counts
                .entry(lexical_hash(&w.form))
                .or_default()
                .entry(w.xpos.as_str())
                .or_default() += 1;
        }
    }
    let mut lex = Lexicon::default();
    for (k, tags) in counts {
        let total: u32 = tags.values().sum();
        let set: Vec<&str> = tags
            .iter()
            .filter(|(_, &c)| c * 10 >= total)
            .map(|(t, _)| *t)
            .collect();
        lex.insert(k, feature(6, &[&set.join(" ")]));
    }
    lex
}

impl Parser {
    /// Trains on sentences whose words carry the tags to train with (gold or jackknifed predicted tags).
    pub fn train(
        train: &[TreeSentence],
        config: &ParserConfig,
        progress: &mut dyn FnMut(usize, f64),
    ) -> Parser {
        Parser::train_with_snapshots(train, config, &mut |epoch, uas, _| progress(epoch, uas))
    }

    /// Like [`Parser::train`], but also hands the averaged parser of every epoch to `snapshot` (epoch,
    /// train UAS, parser) — for choosing the number of epochs on held-out data. Returns the last one.
    ///
    /// The train UAS is that of the transitions actually followed (partly the oracle's), against the
    /// original (unlifted) trees.
    pub fn train_with_snapshots(
        train: &[TreeSentence],
        config: &ParserConfig,
        snapshot: &mut dyn FnMut(usize, f64, &Parser),
    ) -> Parser {
        let labels = label_inventory(train);
        let root = labels
            .iter()
            .position(|l| l == "root")
            .expect("inventory has root");
        let nl = labels.len();
        let transitions = 2 + 2 * nl;
        let classes = MOVES + transitions;
        let lexicon = build_lexicon(train);
        let golds: Vec<Gold> = train
            .iter()
            .filter_map(|s| Gold::new(s, &labels, &lexicon))
            .collect();
        let mut trainer = Trainer::new(classes);
        let mut rng = SplitMix(config.seed);
        let mut order: Vec<usize> = (0..golds.len()).collect();
        let mut feats = Vec::with_capacity(FEATURES);
        let mut class_scores = Vec::with_capacity(classes);
        let mut scores = Vec::with_capacity(transitions);
        let mut costs = vec![0u32; transitions];
        // every feature the trainer ever updated: the keys to read back from the averaged model
        let mut seen: FeatureMap<()> = FeatureMap::default();
        let epochs = config.epochs.max(1);
        let mut result = None;
        for epoch in 1..=epochs {
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let explore = epoch >= config.explore_from_epoch && config.explore_p > 0.0;
            let (mut correct, mut total) = (0usize, 0usize);
            for &gi in &order {
                let g = &golds[gi];
                let n = g.head.len();
                let mut st = State::new(n, TRAIN_SET);
                let mut in_stack = vec![false; n + 2];
                while !st.terminal() {
                    let (m, l) = match st.forced() {
                        Some(m) => (m, root as u8),
                        None => {
                            st.features(&g.toks, &mut feats);
                            trainer.tick();
                            trainer.scores(&feats, &mut class_scores);
                            transition_scores(&class_scores, nl, &mut scores);
                            let (pm, pl) = best_transition(&scores, &st, nl, root);
                            let pred = transition(pm, pl, nl);
                            g.costs(&st, &in_stack, nl, root, &mut costs);
                            let min = costs.iter().copied().min().unwrap_or(0);
                            let mut best = pred;
                            for c in 0..transitions {
                                if costs[c] == min
                                    && (costs[best] != min || scores[c] > scores[best])
                                {
                                    best = c;
                                }
                            }
                            if costs[pred] == min {
                                (pm, pl)
                            } else {
                                trainer.update(&feats, MOVES + best, MOVES + pred);
                                trainer.update(&feats, move_class(best, nl), move_class(pred, nl));
                                for &f in &feats {
                                    seen.insert(f, ());
                                }
                                if explore && rng.unit() < config.explore_p {
                                    (pm, pl)
                                } else {
                                    decode_transition(best, nl)
                                }
                            }
                        }
                    };
                    match m {
                        Move::Shift => in_stack[st.b] = true,
                        Move::Right if st.b < n => in_stack[st.b] = true,
                        _ => {
                            if let Some(&d) = st.stack.last() {
                                in_stack[d as usize] = false;
                            }
                        }
                    }
                    st.apply(m, l);
                }
                total += n;
                correct += (0..n).filter(|&d| st.head[d] == g.orig_head[d]).count();
            }
            let uas = if total == 0 {
                0.0
            } else {
                100.0 * correct as f64 / total as f64
            };
            let parser =
                Parser::from_trainer(&trainer, &seen, &labels, root, config.prune, &lexicon);
            snapshot(epoch, uas, &parser);
            if epoch == epochs {
                result = Some(parser);
            }
        }
        result.expect("at least one epoch")
    }

    /// The averaged, quantised weights of the trainer, moved into the parser's own lookup table.
    fn from_trainer(
        trainer: &Trainer,
        seen: &FeatureMap<()>,
        labels: &[String],
        root: usize,
        prune: f32,
        lexicon: &Lexicon,
    ) -> Parser {
        let classes = MOVES + 2 + 2 * labels.len();
        let names = (0..classes).map(|c| c.to_string()).collect();
        let model = trainer.average(names, String::new(), prune);
        let mut keys: Vec<u64> = seen.keys().copied().collect();
        keys.sort_unstable();
        let mut rows = Vec::new();
        let mut out = Vec::with_capacity(classes);
        for k in keys {
            model.scores(&[k], &mut out);
            let row: Vec<(u8, i16)> = out
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0.0)
                .map(|(c, w)| (c as u8, *w as i16))
                .collect();
            if !row.is_empty() {
                rows.push((k, row));
            }
        }
        Parser {
            weights: Weights::new(classes, rows),
            labels: labels.to_vec(),
            root,
            lexicon: lexicon.clone(),
            set: TRAIN_SET,
        }
    }
}

/// Labels of the training data: frequent ones as they are, rare subtypes folded into their universal
/// part; always `root` and `dep`; at most [`MAX_LABELS`] (the most frequent).
pub(super) fn label_inventory(train: &[TreeSentence]) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in train {
        for w in &s.words {
            *counts.entry(w.deprel.as_str()).or_default() += 1;
        }
    }
    let mut folded: BTreeMap<String, usize> = BTreeMap::new();
    for (l, c) in &counts {
        let key = if *c >= MIN_LABEL_COUNT {
            l
        } else {
            l.split(':').next().unwrap_or(l)
        };
        if !key.is_empty() {
            *folded.entry(key.to_string()).or_default() += c;
        }
    }
    folded.entry("root".into()).or_insert(0);
    folded.entry("dep".into()).or_insert(0);
    let mut v: Vec<(String, usize)> = folded.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out: Vec<String> = Vec::new();
    for (l, _) in v {
        if out.len() + 2 >= MAX_LABELS && l != "root" && l != "dep" {
            continue;
        }
        out.push(l);
    }
    out.sort();
    out
}

/// The label's id, else its universal part's, else `dep`'s.
fn label_id(l: &str, labels: &[String]) -> u8 {
    let find = |x: &str| labels.iter().position(|y| y == x);
    find(l)
        .or_else(|| find(l.split(':').next().unwrap_or(l)))
        .or_else(|| find("dep"))
        .unwrap_or(0) as u8
}

/// A training sentence with its (projectivised) gold tree in token indices (root = n).
pub(super) struct Gold {
    toks: Vec<Tok>,
    pub(super) head: Vec<u32>,
    pub(super) orig_head: Vec<u32>,
    label: Vec<u8>,
    /// Gold dependents of every token (root included), ascending.
    children: Vec<Vec<u32>>,
}

impl Gold {
    /// None for an empty sentence or one whose heads do not form a tree.
    pub(super) fn new(s: &TreeSentence, labels: &[String], lex: &Lexicon) -> Option<Gold> {
        let n = s.words.len();
        if n == 0 || n >= u32::MAX as usize / 2 {
            return None;
        }
        let mut head = Vec::with_capacity(n);
        for w in &s.words {
            if w.head > n {
                return None;
            }
            head.push(if w.head == 0 { n } else { w.head - 1 });
        }
        for d in 0..n {
            let (mut x, mut steps) = (d, 0);
            while x != n {
                x = head[x];
                steps += 1;
                if steps > n {
                    return None; // cycle
                }
            }
        }
        let orig_head: Vec<u32> = head.iter().map(|&h| h as u32).collect();
        projectivize(&mut head);
        let mut children = vec![Vec::new(); n + 1];
        for (d, &h) in head.iter().enumerate() {
            children[h].push(d as u32);
        }
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
        let xpos: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
        Some(Gold {
            toks: tokens(&forms, &upos, &xpos, lex),
            head: head.iter().map(|&h| h as u32).collect(),
            orig_head,
            label: s
                .words
                .iter()
                .map(|w| label_id(&w.deprel, labels))
                .collect(),
            children,
        })
    }

    /// Gold dependents of `h` still in the buffer (from `b` on).
    fn buffer_children(&self, h: usize, b: usize) -> u32 {
        let c = &self.children[h];
        (c.len() - c.partition_point(|&d| (d as usize) < b)) as u32
    }

    /// Dynamic-oracle cost of every transition: the gold arcs it makes unreachable, plus one for a
    /// wrong label on a right attachment (Goldberg & Nivre 2012). Illegal transitions cost u32::MAX.
    pub(super) fn costs(
        &self,
        st: &State,
        in_stack: &[bool],
        nl: usize,
        root: usize,
        out: &mut [u32],
    ) {
        out.fill(u32::MAX);
        let n = st.n;
        let b = st.b;
        // gold dependents of b0 waiting headless in the stack
        let b_kids = || {
            self.children[b]
                .iter()
                .filter(|&&d| in_stack[d as usize] && !st.has_head(d as usize))
                .count() as u32
        };
        if st.can_shift() {
            let h = self.head[b] as usize;
            out[SHIFT] = b_kids() + u32::from(h < n && in_stack[h]);
        }
        let Some(&s0) = st.stack.last() else { return };
        let s0 = s0 as usize;
        let kids = self.buffer_children(s0, b);
        let mut labelled = |base: usize, c: u32, right_head: bool, gold_label: usize| {
            for l in (0..nl).filter(|&l| l != root) {
                out[base + l] = c + u32::from(right_head && l != gold_label);
            }
        };
        if st.can_left() {
            let h = self.head[s0] as usize;
            labelled(1, kids + u32::from(h > b), h == b, self.label[s0] as usize);
        }
        if st.can_right() {
            if b < n {
                let h = self.head[b] as usize;
                let lost = h != s0 && (h > b || (h < n && in_stack[h]));
                labelled(
                    1 + nl,
                    b_kids() + u32::from(lost),
                    h == s0,
                    self.label[b] as usize,
                );
            } else {
                // clean-up at the end: s0 under s1
                labelled(
                    1 + nl,
                    0,
                    self.head[s0] as usize == st.s(1),
                    self.label[s0] as usize,
                );
            }
        }
        if st.can_reduce() {
            out[1 + 2 * nl] = kids;
        }
    }
}

/// Makes a tree projective by lifting: while some arc is non-projective, the shortest such arc is
/// re-attached to the grandparent. `head[d]` = n is the root.
pub(super) fn projectivize(head: &mut [usize]) {
    let n = head.len();
    let dominated = |head: &[usize], h: usize, mut k: usize| -> bool {
        let mut steps = 0;
        while k != n && steps <= n {
            if k == h {
                return true;
            }
            k = head[k];
            steps += 1;
        }
        h == n
    };
    for _ in 0..n * n {
        let (mut span, mut worst) = (usize::MAX, usize::MAX); // the shortest non-projective arc
        for d in 0..n {
            let h = head[d];
            if h == n {
                continue;
            }
            let (a, z) = (h.min(d), h.max(d));
            if z - a < span && (a + 1..z).any(|k| !dominated(head, h, k)) {
                (span, worst) = (z - a, d);
            }
        }
        if worst == usize::MAX {
            return;
        }
        head[worst] = head[head[worst]];
    }
}

/// Deterministic generator (SplitMix64).
pub(super) struct SplitMix(pub(super) u64);

impl SplitMix {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}
