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

use crate::conllu::TreeSentence;
use crate::perceptron::{feature, FeatureMap, ModelError, Trainer, Weights};
use std::collections::BTreeMap;

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

/// Labels seen fewer times in training are mapped to their universal part (`csubj:outer` → `csubj`).
const MIN_LABEL_COUNT: usize = 10;
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
const NO_LABEL: u8 = u8::MAX;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline(always)]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h
}

/// Hash of a feature: a template number and hashed parts.
#[inline(always)]
fn mix<const N: usize>(template: u32, parts: [u64; N]) -> u64 {
    let mut h = (u64::from(template) + 1).wrapping_mul(K);
    for p in parts {
        h = (h.rotate_left(23) ^ p).wrapping_mul(K);
    }
    fmix(h)
}

/// Ambiguity classes: for each training word (hash of the lowercased form), the hash of the set of
/// tags it was seen with (each at least 10% of its occurrences).
type Lexicon = FeatureMap<u64>;

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

/// The ambiguity class of a word; unknown words get one of four classes by capitalisation and digits.
fn ambiguity_class(lex: &Lexicon, w: u64, form: &str) -> u64 {
    match lex.get(&w) {
        Some(&a) => a,
        None => {
            let cap = form.chars().next().is_some_and(char::is_uppercase);
            let digit = form.chars().any(|c| c.is_ascii_digit());
            feature(
                7,
                &[["unk", "Unk", "unk0", "Unk0"][usize::from(cap) + 2 * usize::from(digit)]],
            )
        }
    }
}

/// Hashed attributes of one token.
#[derive(Clone, Copy)]
struct Tok {
    /// Lowercased form.
    w: u64,
    /// XPOS.
    t: u64,
    /// UPOS.
    u: u64,
    /// Ambiguity class.
    a: u64,
    /// Number of punctuation tokens before this one.
    pc: u32,
}

/// Hash of the lowercased form.
fn lexical_hash(form: &str) -> u64 {
    if form.bytes().any(|b| b.is_ascii_uppercase()) || !form.is_ascii() {
        feature(1, &[&form.to_lowercase()])
    } else {
        feature(1, &[form])
    }
}

fn is_punct(form: &str, upos: &str) -> bool {
    upos == "PUNCT" || (!form.is_empty() && form.chars().all(|c| c.is_ascii_punctuation()))
}

/// Token attributes for words 0..n, then the root (index n) and the "no token" value (index n + 1).
/// Missing tags count as empty.
fn tokens(forms: &[&str], upos: &[&str], xpos: &[&str], lex: &Lexicon) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(forms.len() + 2);
    let mut pc = 0;
    for (i, f) in forms.iter().enumerate() {
        let w = lexical_hash(f);
        let u = upos.get(i).copied().unwrap_or("");
        let t = feature(2, &[xpos.get(i).copied().unwrap_or("")]);
        toks.push(Tok {
            w,
            t,
            u: feature(3, &[u]),
            a: ambiguity_class(lex, w, f),
            pc,
        });
        pc += u32::from(is_punct(f, u));
    }
    for name in ["<ROOT>", "<NONE>"] {
        let h = feature(4, &[name]);
        toks.push(Tok {
            w: h,
            t: h ^ 1,
            u: h ^ 2,
            a: h ^ 3,
            pc,
        });
    }
    toks
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Move {
    Shift,
    Left,
    Right,
    Reduce,
}

/// Transitions: SHIFT, LEFT-l for each label, RIGHT-l for each label, REDUCE.
const SHIFT: usize = 0;

fn transition(m: Move, l: u8, labels: usize) -> usize {
    match m {
        Move::Shift => SHIFT,
        Move::Left => 1 + l as usize,
        Move::Right => 1 + labels + l as usize,
        Move::Reduce => 1 + 2 * labels,
    }
}

fn decode_transition(t: usize, labels: usize) -> (Move, u8) {
    if t == SHIFT {
        (Move::Shift, 0)
    } else if t <= labels {
        (Move::Left, (t - 1) as u8)
    } else if t <= 2 * labels {
        (Move::Right, (t - 1 - labels) as u8)
    } else {
        (Move::Reduce, 0)
    }
}

/// Model classes: the four moves, then one class per transition (`MOVES + transition`).
const MOVES: usize = 4;

fn move_class(t: usize, labels: usize) -> usize {
    decode_transition(t, labels).0 as usize
}

/// Transition scores from class scores: move weights plus the transition's own.
#[inline]
fn transition_scores<S: Copy + std::ops::Add<Output = S>>(
    class_scores: &[S],
    labels: usize,
    out: &mut Vec<S>,
) {
    out.clear();
    let (m, t) = class_scores.split_at(MOVES);
    out.push(m[0] + t[0]);
    out.extend(t[1..=labels].iter().map(|&x| x + m[1]));
    out.extend(t[1 + labels..=2 * labels].iter().map(|&x| x + m[2]));
    out.push(t[1 + 2 * labels] + m[3]);
}

/// Parser configuration: stack, buffer front and the partial tree with per-token child summaries.
struct State {
    n: usize,
    stack: Vec<u32>,
    /// Buffer front; the buffer is b..=n (n = root).
    b: usize,
    head: Vec<u32>,
    lab: Vec<u8>,
    /// Leftmost and second leftmost, rightmost and second rightmost child.
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u128>,
    rset: Vec<u128>,
    /// Stack items without a head.
    headless: usize,
    /// Feature set.
    set: u8,
}

impl State {
    fn new(n: usize, set: u8) -> State {
        let none = (n + 1) as u32;
        State {
            n,
            stack: Vec::with_capacity(n.min(1024)),
            b: 0,
            head: vec![none; n + 2],
            lab: vec![NO_LABEL; n + 2],
            l1: vec![none; n + 2],
            l2: vec![none; n + 2],
            r1: vec![none; n + 2],
            r2: vec![none; n + 2],
            nl: vec![0; n + 2],
            nr: vec![0; n + 2],
            lset: vec![0; n + 2],
            rset: vec![0; n + 2],
            headless: 0,
            set,
        }
    }

    fn has_head(&self, i: usize) -> bool {
        (self.head[i] as usize) <= self.n
    }

    fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    fn can_shift(&self) -> bool {
        self.b < self.n
    }

    /// LEFT with a non-root label.
    fn can_left(&self) -> bool {
        self.b < self.n
            && self
                .stack
                .last()
                .is_some_and(|&s0| !self.has_head(s0 as usize))
    }

    /// RIGHT: b0 under s0, or at the end s0 under s1 when several words still lack a head.
    fn can_right(&self) -> bool {
        match self.stack.last() {
            Some(&s0) => self.b < self.n || (!self.has_head(s0 as usize) && self.stack.len() >= 2),
            None => false,
        }
    }

    fn can_reduce(&self) -> bool {
        self.b < self.n
            && self
                .stack
                .last()
                .is_some_and(|&s0| self.has_head(s0 as usize))
    }

    /// The only legal transition, when there is just one (the root arc is always forced).
    fn forced(&self) -> Option<Move> {
        let Some(&s0) = self.stack.last() else {
            return Some(Move::Shift);
        };
        if self.b < self.n {
            None
        } else if self.has_head(s0 as usize) {
            Some(Move::Reduce)
        } else if self.headless <= 1 || self.stack.len() == 1 {
            Some(Move::Left)
        } else {
            None
        }
    }

    fn attach(&mut self, h: usize, d: usize, l: u8, left: bool) {
        self.head[d] = h as u32;
        self.lab[d] = l;
        let bit = 1u128 << (l & 127);
        if left {
            self.l2[h] = self.l1[h];
            self.l1[h] = d as u32;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d as u32;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }

    fn apply(&mut self, m: Move, label: u8) {
        match m {
            Move::Shift => {
                self.stack.push(self.b as u32);
                self.b += 1;
                self.headless += 1;
            }
            Move::Left => {
                if let Some(d) = self.stack.pop() {
                    self.attach(self.b, d as usize, label, true);
                    self.headless = self.headless.saturating_sub(1);
                }
            }
            Move::Right if self.b < self.n => {
                if let Some(&h) = self.stack.last() {
                    self.attach(h as usize, self.b, label, false);
                    self.stack.push(self.b as u32);
                    self.b += 1;
                }
            }
            Move::Right => {
                if let Some(d) = self.stack.pop() {
                    if let Some(&h) = self.stack.last() {
                        self.attach(h as usize, d as usize, label, false);
                        self.headless = self.headless.saturating_sub(1);
                    }
                }
            }
            Move::Reduce => {
                self.stack.pop();
            }
        }
    }

    /// The i-th stack item from the top, or the "no token" index.
    #[inline]
    fn s(&self, i: usize) -> usize {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i] as usize
        } else {
            self.n + 1
        }
    }

    /// Feature hashes of the configuration.
    fn features(&self, tk: &[Tok], out: &mut Vec<u64>) {
        out.clear();
        let n = self.n;
        let none = n + 1;
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let b0 = self.b.min(n);
        let b1 = if b0 < n { b0 + 1 } else { none };
        let b2 = if b0 + 2 <= n { b0 + 2 } else { none };
        let child = |v: &[u32], i: usize| v[i] as usize;
        let (s0l, s0l2, s0r, s0r2) = (
            child(&self.l1, s0),
            child(&self.l2, s0),
            child(&self.r1, s0),
            child(&self.r2, s0),
        );
        let (s1l, s1l2, s1r, s1r2) = (
            child(&self.l1, s1),
            child(&self.l2, s1),
            child(&self.r1, s1),
            child(&self.r2, s1),
        );
        let (b0l, b0l2) = (child(&self.l1, b0), child(&self.l2, b0));
        let s0h = self.head[s0] as usize;
        let s0h2 = self.head[s0h] as usize;
        let lab = |i: usize| u64::from(self.lab[i]);
        let dist = |a: usize, b: usize| -> u64 {
            if a >= n || b >= n {
                return 0;
            }
            match a.abs_diff(b) {
                d @ 0..=5 => d as u64,
                6..=9 => 6,
                10..=15 => 7,
                _ => 8,
            }
        };
        // punctuation tokens strictly between a and b (a < b), capped
        let puncts = |a: usize, b: usize| -> u64 {
            if a >= n || b >= n || b <= a {
                return 9;
            }
            u64::from((tk[b].pc - tk[a + 1].pc).min(3))
        };
        let neighbour = |i: usize, right: bool| -> usize {
            match (i < n, right) {
                (false, _) => none,
                (true, true) if i + 1 < n => i + 1,
                (true, false) if i > 0 => i - 1,
                _ => none,
            }
        };
        let (d0, d1) = (dist(s0, b0), dist(s1, s0));
        let (p0, p1) = (puncts(s0, b0), puncts(s1, s0));
        let (s0p, s0n, b0p) = (
            neighbour(s0, false),
            neighbour(s0, true),
            neighbour(b0, false),
        );
        let (w, t, u, a) = (
            |i: usize| tk[i].w,
            |i: usize| tk[i].t,
            |i: usize| tk[i].u,
            |i: usize| tk[i].a,
        );
        let (vl, vr) = (
            |i: usize| u64::from(self.nl[i]),
            |i: usize| u64::from(self.nr[i]),
        );
        let set = |s: u128| fmix(s as u64 ^ ((s >> 64) as u64).rotate_left(7));
        let (ls, rs) = (|i: usize| set(self.lset[i]), |i: usize| set(self.rset[i]));
        let headed = u64::from(self.has_head(s0));
        let mut id = 0u32;
        macro_rules! p {
            ($($x:expr),+) => {{
                out.push(mix(id, [$($x),+]));
                id += 1;
            }};
        }
        // the lean set is a subset of the full one, in the same order; `full!` templates only in the full
        let lean = self.set == LEAN;
        macro_rules! full {
            ($($x:expr),+) => {{
                if !lean {
                    p!($($x),+);
                }
            }};
        }
        p!(1);
        // single tokens
        for (x, side) in [
            (s0, false),
            (s1, false),
            (s2, true),
            (b0, false),
            (b1, false),
            (b2, true),
        ] {
            if side && lean {
                p!(t(x));
            } else {
                p!(w(x));
                p!(t(x));
                p!(w(x), t(x));
            }
        }
        for x in [s0, s1, b0, b1] {
            p!(u(x));
        }
        // children
        for (x, keep) in [
            (s0l, true),
            (s0r, true),
            (s1l, false),
            (s1r, false),
            (b0l, true),
        ] {
            if keep || !lean {
                p!(w(x));
                p!(t(x));
                p!(lab(x));
            }
        }
        for (x, keep) in [
            (s0l2, true),
            (s0r2, true),
            (s1l2, false),
            (s1r2, false),
            (b0l2, true),
        ] {
            if keep || !lean {
                p!(t(x));
                p!(lab(x));
            }
        }
        // pairs
        for (x, y, all) in [(s0, b0, true), (s1, s0, !lean)] {
            p!(w(x), t(x), w(y), t(y));
            if all {
                p!(w(x), t(x), w(y));
                p!(w(x), w(y), t(y));
                p!(w(x), t(x), t(y));
                p!(t(x), w(y), t(y));
            }
            p!(w(x), w(y));
            p!(t(x), t(y));
            if all {
                p!(u(x), u(y));
            }
        }
        p!(t(b0), t(b1));
        p!(w(b0), t(b1));
        p!(t(b0), w(b1));
        p!(w(b0), w(b1));
        p!(t(s1), t(b0));
        p!(w(s1), w(b0));
        // triples
        p!(t(b0), t(b1), t(b2));
        p!(t(s0), t(b0), t(b1));
        p!(t(s1), t(s0), t(b0));
        p!(t(s2), t(s1), t(s0));
        p!(t(s1), t(b0), t(b1));
        full!(u(s1), u(s0), u(b0));
        p!(u(s0), u(b0), u(b1));
        p!(t(s0), t(s0l), t(b0));
        p!(t(s0), t(s0r), t(b0));
        p!(t(s0), t(b0), t(b0l));
        full!(t(s1), t(s1l), t(s0));
        full!(t(s1), t(s1r), t(s0));
        p!(t(s1), t(s0), t(s0l));
        p!(t(s1), t(s0), t(s0r));
        p!(t(s0), t(s0l), t(s0l2));
        p!(t(s0), t(s0r), t(s0r2));
        full!(t(s1), t(s1l), t(s1l2));
        full!(t(s1), t(s1r), t(s1r2));
        p!(t(b0), t(b0l), t(b0l2));
        // distance
        p!(w(s0), d0);
        p!(t(s0), d0);
        p!(w(b0), d0);
        p!(t(b0), d0);
        p!(w(s0), w(b0), d0);
        p!(t(s0), t(b0), d0);
        full!(w(s1), d1);
        full!(t(s1), d1);
        full!(w(s0), d1);
        p!(t(s0), d1);
        full!(w(s1), w(s0), d1);
        p!(t(s1), t(s0), d1);
        // valency
        for (x, keep) in [(s0, true), (s1, !lean)] {
            if keep {
                p!(w(x), vl(x));
                p!(w(x), vr(x));
                p!(t(x), vl(x));
                p!(t(x), vr(x));
            }
        }
        p!(w(b0), vl(b0));
        p!(t(b0), vl(b0));
        // label sets
        p!(t(s0), ls(s0));
        p!(t(s0), rs(s0));
        full!(t(s1), ls(s1));
        full!(t(s1), rs(s1));
        p!(t(b0), ls(b0));
        // the head of s0 (arc-eager)
        p!(w(s0h));
        p!(t(s0h));
        p!(lab(s0));
        p!(t(s0h2));
        p!(lab(s0h));
        p!(t(s0h), t(s0), t(b0));
        p!(t(s0h2), t(s0h), t(s0));
        p!(w(s0), lab(s0));
        p!(t(s0), lab(s0), t(b0));
        p!(headed, t(s0), t(b0));
        p!(headed, w(s0), w(b0));
        // punctuation in between
        full!(t(s0), t(b0), p0);
        full!(t(s1), t(s0), p1);
        full!(w(s0), p0);
        full!(w(b0), p0);
        full!(w(s1), p1);
        // neighbours in the sentence
        full!(t(s0), t(s0n));
        full!(t(s0p), t(s0));
        full!(t(b0p), t(b0));
        full!(t(s0), t(s0n), t(b0));
        full!(t(s0), t(b0p), t(b0));
        full!(w(s0n));
        full!(w(b0p));
        // ambiguity classes
        for x in [s0, s1, b0, b1] {
            p!(a(x));
        }
        p!(a(s0), a(b0));
        p!(a(s1), a(s0));
        p!(a(s0), t(b0));
        p!(t(s0), a(b0));
        p!(a(b0), a(b1));
        p!(a(s0), w(b0));
        p!(w(s0), a(b0));
        debug_assert!(id as usize <= FEATURES);
    }
}

/// Number of feature templates.
const FEATURES: usize = 160;

/// Best legal transition (labels other than the root label; the root arc is always forced).
fn best_transition<S: PartialOrd + Copy>(
    scores: &[S],
    st: &State,
    labels: usize,
    root: usize,
) -> (Move, u8) {
    let mut best = (Move::Shift, 0u8);
    let mut best_score = None;
    let mut consider = |m: Move, l: usize, s: S| {
        let better = match best_score {
            Some(b) => s > b,
            None => true,
        };
        if better {
            best = (m, l as u8);
            best_score = Some(s);
        }
    };
    if st.can_shift() {
        consider(Move::Shift, 0, scores[SHIFT]);
    }
    for (m, ok, base) in [
        (Move::Left, st.can_left(), 1),
        (Move::Right, st.can_right(), 1 + labels),
    ] {
        if ok {
            for l in (0..labels).filter(|&l| l != root) {
                consider(m, l, scores[base + l]);
            }
        }
    }
    if st.can_reduce() {
        consider(Move::Reduce, 0, scores[1 + 2 * labels]);
    }
    best
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
        (0..n)
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
            .collect()
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
        let mut c = Reader { b, at: 0 };
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

/// Labels of the training data: frequent ones as they are, rare subtypes folded into their universal
/// part; always `root` and `dep`; at most [`MAX_LABELS`] (the most frequent).
fn label_inventory(train: &[TreeSentence]) -> Vec<String> {
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
struct Gold {
    toks: Vec<Tok>,
    head: Vec<u32>,
    orig_head: Vec<u32>,
    label: Vec<u8>,
    /// Gold dependents of every token (root included), ascending.
    children: Vec<Vec<u32>>,
}

impl Gold {
    /// None for an empty sentence or one whose heads do not form a tree.
    fn new(s: &TreeSentence, labels: &[String], lex: &Lexicon) -> Option<Gold> {
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
    fn costs(&self, st: &State, in_stack: &[bool], nl: usize, root: usize, out: &mut [u32]) {
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
fn projectivize(head: &mut [usize]) {
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

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.b.len())
            .ok_or_else(|| ModelError(format!("truncated at byte {}", self.at)))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
}

/// Deterministic generator (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
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
mod tests {
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
}
