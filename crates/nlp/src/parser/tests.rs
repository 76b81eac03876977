//! Tests of the parser: the oracle, lifting, training, parsing and the model format.

use super::state::{decode_transition, tokens, Lexicon, Move, State};
use super::train::{label_inventory, projectivize, Gold, SplitMix};
use super::*;
use crate::conllu::Word;

fn sentence(words: &[(&str, &str, usize, &str)]) -> TreeSentence {
    TreeSentence {
        words: words
            .iter()
            .map(|&(form, tag, head, deprel)| Word {
                form: form.into(),
                lemma: form.to_lowercase(),
                upos: tag.into(),
                xpos: tag.into(),
                head,
                deprel: deprel.into(),
                no_space_after: false,
                ner: "O".into(),
            })
            .collect(),
        ..TreeSentence::default()
    }
}

fn toy_treebank() -> Vec<TreeSentence> {
    vec![
        sentence(&[
            ("Kim", "PROPN", 2, "nsubj"),
            ("saw", "VERB", 0, "root"),
            ("Lee", "PROPN", 2, "obj"),
            (".", "PUNCT", 2, "punct"),
        ]),
        sentence(&[
            ("The", "DET", 2, "det"),
            ("dog", "NOUN", 3, "nsubj"),
            ("barked", "VERB", 0, "root"),
            ("at", "ADP", 6, "case"),
            ("the", "DET", 6, "det"),
            ("cat", "NOUN", 3, "obl"),
            (".", "PUNCT", 3, "punct"),
        ]),
        sentence(&[
            ("It", "PRON", 3, "nsubj:pass"),
            ("was", "AUX", 3, "aux:pass"),
            ("sold", "VERB", 0, "root"),
            ("and", "CCONJ", 5, "cc"),
            ("shipped", "VERB", 3, "conj"),
            ("yesterday", "NOUN", 5, "obl:tmod"),
        ]),
        sentence(&[("Run", "VERB", 0, "root"), ("!", "PUNCT", 1, "punct")]),
    ]
}

/// Every word has one head in range, exactly one word hangs from the root, and there is no cycle.
fn is_tree(arcs: &[Arc]) -> bool {
    let n = arcs.len();
    if arcs.iter().any(|a| a.head > n || a.label.is_empty()) {
        return false;
    }
    if n > 0 && arcs.iter().filter(|a| a.head == 0).count() != 1 {
        return false;
    }
    (0..n).all(|d| {
        let (mut x, mut steps) = (d + 1, 0);
        while x != 0 && steps <= n {
            x = arcs[x - 1].head;
            steps += 1;
        }
        x == 0
    })
}

/// Follows the oracle (always a zero-cost transition) and returns the heads and labels it builds.
fn oracle_parse(g: &Gold, labels: &[String]) -> (Vec<u32>, Vec<u8>) {
    let n = g.head.len();
    let nl = labels.len();
    let root = labels.iter().position(|l| l == "root").unwrap();
    let mut st = State::new(n, TRAIN_SET);
    let mut in_stack = vec![false; n + 2];
    let mut costs = vec![0u32; 2 + 2 * nl];
    while !st.terminal() {
        let (m, l) = match st.forced() {
            Some(m) => (m, root as u8),
            None => {
                g.costs(&st, &in_stack, nl, root, &mut costs);
                let best = (0..costs.len())
                    .find(|&c| costs[c] == 0)
                    .expect("a zero-cost transition exists");
                decode_transition(best, nl)
            }
        };
        match m {
            Move::Shift => in_stack[st.b] = true,
            Move::Right if st.b < n => in_stack[st.b] = true,
            _ => in_stack[*st.stack.last().unwrap() as usize] = false,
        }
        st.apply(m, l);
    }
    (st.head[..n].to_vec(), st.lab[..n].to_vec())
}

/// A random projective tree over n words (heads 1-based), built by recursive splitting.
fn random_projective(n: usize, rng: &mut SplitMix) -> Vec<usize> {
    fn build(lo: usize, hi: usize, head: usize, rng: &mut SplitMix, out: &mut [usize]) {
        if lo >= hi {
            return;
        }
        let r = lo + (rng.next() % (hi - lo) as u64) as usize;
        out[r] = head;
        build(lo, r, r + 1, rng, out);
        build(r + 1, hi, r + 1, rng, out);
    }
    let mut out = vec![0; n];
    build(0, n, 0, rng, &mut out);
    out
}

#[test]
fn oracle_reproduces_projective_trees() {
    let labels = label_inventory(&toy_treebank());
    for s in toy_treebank() {
        let g = Gold::new(&s, &labels, &Lexicon::default()).unwrap();
        let (heads, labs) = oracle_parse(&g, &labels);
        for (i, w) in s.words.iter().enumerate() {
            let h = if w.head == 0 {
                s.words.len()
            } else {
                w.head - 1
            };
            assert_eq!(heads[i] as usize, h, "head of word {i}");
            // rare subtypes are folded into their universal part
            assert_eq!(
                labels[labs[i] as usize],
                w.deprel.split(':').next().unwrap()
            );
        }
    }
    let mut rng = SplitMix(7);
    for n in 1..40 {
        let heads = random_projective(n, &mut rng);
        let words: Vec<(&str, &str, usize, &str)> = heads
            .iter()
            .map(|&h| ("w", "X", h, if h == 0 { "root" } else { "dep" }))
            .collect();
        let s = sentence(&words);
        let g = Gold::new(&s, &labels, &Lexicon::default()).unwrap();
        assert_eq!(g.head, g.orig_head, "already projective");
        let (got, _) = oracle_parse(&g, &labels);
        assert_eq!(got, g.head);
    }
}

#[test]
fn lifting_makes_trees_projective() {
    // token indices, root = 4: w1 is the root word; w2 heads w0 across w1, which it does not dominate
    let mut head = vec![2, 4, 1, 1];
    projectivize(&mut head);
    assert_eq!(head, vec![1, 4, 1, 1]);
    let mut projective = vec![1, 4, 1, 2];
    projectivize(&mut projective);
    assert_eq!(projective, vec![1, 4, 1, 2]);
}

#[test]
fn parses_are_trees_and_models_round_trip() {
    let train = toy_treebank();
    let mut epochs = Vec::new();
    let config = ParserConfig {
        epochs: 4,
        ..ParserConfig::default()
    };
    let parser = Parser::train(&train, &config, &mut |e, uas| epochs.push((e, uas)));
    assert_eq!(epochs.len(), 4);
    let parses: Vec<Vec<Arc>> = train
        .iter()
        .map(|s| {
            let f: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let t: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
            parser.parse(&f, &t, &t)
        })
        .collect();
    assert!(parses.iter().all(|p| is_tree(p)));
    let (uas, las) = attachment_scores(&train, &parses);
    assert!(uas >= las && uas > 50.0, "uas {uas} las {las}");

    assert!(parser.parse(&[], &[], &[]).is_empty());
    let one = parser.parse(&["Hello"], &["INTJ"], &["UH"]);
    assert_eq!(
        one,
        vec![Arc {
            head: 0,
            label: "root".into()
        }]
    );
    // tags missing or too many
    assert!(is_tree(&parser.parse(&["a", "b", "c"], &["DET"], &[])));
    assert!(is_tree(&parser.parse(
        &["a", "b"],
        &["DET", "NOUN", "VERB"],
        &["DT", "NN", "VB", "X"]
    )));
    let long: Vec<&str> = (0..5000)
        .map(|i| ["the", "dog", "barked", "at", "cat", ".", "and", ""][i % 8])
        .collect();
    let tags: Vec<&str> = (0..5000)
        .map(|i| ["DET", "NOUN", "VERB", "ADP", "NOUN", "PUNCT", "CCONJ", ""][i % 8])
        .collect();
    let arcs = parser.parse(&long, &tags, &tags);
    assert_eq!(arcs.len(), 5000);
    assert!(is_tree(&arcs));

    let bytes = parser.to_bytes();
    let back = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(back.labels(), parser.labels());
    assert_eq!(back.to_bytes(), bytes);
    for s in &train {
        let f: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let t: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
        assert_eq!(back.parse(&f, &t, &t), parser.parse(&f, &t, &t));
    }
    assert!(Parser::from_bytes(b"junk").is_err());
    assert!(Parser::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    assert!(Parser::from_bytes(&[]).is_err());
    // training is reproducible bit for bit
    let again = Parser::train(&train, &config, &mut |_, _| {});
    assert_eq!(again.to_bytes(), bytes);
    // a model of another version is refused; a full-feature-set model (version 2) still reads
    let mut other = bytes.clone();
    other[8..12].copy_from_slice(&9u32.to_le_bytes());
    assert!(Parser::from_bytes(&other).is_err());
    other[8..12].copy_from_slice(&FEATURE_VERSION.to_le_bytes());
    let full = Parser::from_bytes(&other).unwrap();
    assert_eq!(full.set, FULL);
    assert_eq!(full.to_bytes(), other);
    assert!(is_tree(&full.parse(
        &["Kim", "saw", "Lee"],
        &["PROPN", "VERB", "PROPN"],
        &["NNP", "VBD", "NNP"]
    )));
}

#[test]
fn feature_sets_have_fixed_sizes() {
    let toks = tokens(
        &["a", "b", "c"],
        &["X", "X", "X"],
        &["X", "X", "X"],
        &Lexicon::default(),
    );
    let mut feats = Vec::new();
    for (set, count) in [(FULL, 150), (LEAN, 104)] {
        let mut st = State::new(3, set);
        for m in [Move::Shift, Move::Right, Move::Shift] {
            st.features(&toks, &mut feats);
            assert_eq!(feats.len(), count, "feature set {set}");
            st.apply(m, 1);
        }
    }
}

#[test]
fn empty_or_broken_training_data_still_gives_a_parser() {
    let parser = Parser::train(
        &[],
        &ParserConfig {
            epochs: 1,
            ..ParserConfig::default()
        },
        &mut |_, _| {},
    );
    assert!(is_tree(&parser.parse(
        &["a", "b", "c"],
        &["X", "X", "X"],
        &["X", "X", "X"]
    )));
    let mut bad = toy_treebank();
    bad[0].words[0].head = 99; // out of range: skipped
    bad[1].words[0].head = 1; // self loop: skipped
    bad[2].words[2].head = 1; // cycle 1 -> 3 -> 1: skipped
    let parser = Parser::train(
        &bad,
        &ParserConfig {
            epochs: 2,
            ..ParserConfig::default()
        },
        &mut |_, _| {},
    );
    assert!(is_tree(&parser.parse(
        &["Kim", "saw", "Lee"],
        &["PROPN", "VERB", "PROPN"],
        &["NNP", "VBD", "NNP"]
    )));
}

#[test]
fn scores_count_heads_and_labels() {
    let gold = toy_treebank();
    let perfect: Vec<Vec<Arc>> = gold
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| Arc {
                    head: w.head,
                    label: w.deprel.clone(),
                })
                .collect()
        })
        .collect();
    assert_eq!(attachment_scores(&gold, &perfect), (100.0, 100.0));
    let mut half = perfect.clone();
    for p in &mut half {
        for a in p.iter_mut() {
            a.label = "dep".into();
        }
    }
    assert_eq!(attachment_scores(&gold, &half).0, 100.0);
    assert_eq!(attachment_scores(&gold, &half).1, 0.0);
    assert_eq!(attachment_scores(&gold, &[]), (0.0, 0.0));
    assert_eq!(attachment_scores(&[], &[]), (0.0, 0.0));
}
