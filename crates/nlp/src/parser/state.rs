//! The parser's configurations and their features: hashed token attributes (forms, tags, ambiguity
//! classes), the arc-eager transitions, the configuration `State` (stack, buffer front, partial tree
//! with child summaries) with its legal moves, and the feature templates scored at every step.

use super::LEAN;
use crate::perceptron::{feature, FeatureMap};

pub(super) const NO_LABEL: u8 = u8::MAX;

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
pub(super) type Lexicon = FeatureMap<u64>;

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
pub(super) struct Tok {
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
pub(super) fn lexical_hash(form: &str) -> u64 {
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
pub(super) fn tokens(forms: &[&str], upos: &[&str], xpos: &[&str], lex: &Lexicon) -> Vec<Tok> {
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
pub(super) enum Move {
    Shift,
    Left,
    Right,
    Reduce,
}

/// Transitions: SHIFT, LEFT-l for each label, RIGHT-l for each label, REDUCE.
pub(super) const SHIFT: usize = 0;

pub(super) fn transition(m: Move, l: u8, labels: usize) -> usize {
    match m {
        Move::Shift => SHIFT,
        Move::Left => 1 + l as usize,
        Move::Right => 1 + labels + l as usize,
        Move::Reduce => 1 + 2 * labels,
    }
}

pub(super) fn decode_transition(t: usize, labels: usize) -> (Move, u8) {
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
pub(super) const MOVES: usize = 4;

pub(super) fn move_class(t: usize, labels: usize) -> usize {
    decode_transition(t, labels).0 as usize
}

/// Transition scores from class scores: move weights plus the transition's own.
#[inline]
pub(super) fn transition_scores<S: Copy + std::ops::Add<Output = S>>(
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
pub(super) struct State {
    pub(super) n: usize,
    pub(super) stack: Vec<u32>,
    /// Buffer front; the buffer is b..=n (n = root).
    pub(super) b: usize,
    pub(super) head: Vec<u32>,
    pub(super) lab: Vec<u8>,
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
    pub(super) fn new(n: usize, set: u8) -> State {
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

    pub(super) fn has_head(&self, i: usize) -> bool {
        (self.head[i] as usize) <= self.n
    }

    pub(super) fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    pub(super) fn can_shift(&self) -> bool {
        self.b < self.n
    }

    /// LEFT with a non-root label.
    pub(super) fn can_left(&self) -> bool {
        self.b < self.n
            && self
                .stack
                .last()
                .is_some_and(|&s0| !self.has_head(s0 as usize))
    }

    /// RIGHT: b0 under s0, or at the end s0 under s1 when several words still lack a head.
    pub(super) fn can_right(&self) -> bool {
        match self.stack.last() {
            Some(&s0) => self.b < self.n || (!self.has_head(s0 as usize) && self.stack.len() >= 2),
            None => false,
        }
    }

    pub(super) fn can_reduce(&self) -> bool {
        self.b < self.n
            && self
                .stack
                .last()
                .is_some_and(|&s0| self.has_head(s0 as usize))
    }

    /// The only legal transition, when there is just one (the root arc is always forced).
    pub(super) fn forced(&self) -> Option<Move> {
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

    pub(super) fn apply(&mut self, m: Move, label: u8) {
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
    pub(super) fn s(&self, i: usize) -> usize {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i] as usize
        } else {
            self.n + 1
        }
    }

    /// Feature hashes of the configuration.
    pub(super) fn features(&self, tk: &[Tok], out: &mut Vec<u64>) {
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
pub(super) const FEATURES: usize = 160;

/// Best legal transition (labels other than the root label; the root arc is always forced).
pub(super) fn best_transition<S: PartialOrd + Copy>(
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
