//! BILOU states: the transition constraint, conversion from and to IOB2 labels, what state features know of
//! the previous state, and the Viterbi search for the best sequence that obeys the constraint.

use super::{spans, LABELS, START, STATES, TYPES};

/// Whether a state opens an entity that must go on (B or I).
fn is_open(s: usize) -> bool {
    s != START && s != 0 && matches!(place(s), BEGIN | INSIDE)
}

/// Places of a non-O state in its entity.
const BEGIN: usize = 0;
const INSIDE: usize = 1;
const LAST: usize = 2;
const UNIT: usize = 3;

/// Place (B, I, L, U) of a non-O state.
fn place(s: usize) -> usize {
    (s - 1) % 4
}

/// Type index (0..3) of a non-O state.
fn type_of(s: usize) -> usize {
    (s - 1) / 4
}

/// BILOU transition constraint: an open entity continues with I or L of its type; otherwise O, B or U.
pub(super) fn allowed(prev: usize, next: usize) -> bool {
    if is_open(prev) {
        next != 0 && type_of(next) == type_of(prev) && matches!(place(next), INSIDE | LAST)
    } else {
        next == 0 || matches!(place(next), BEGIN | UNIT)
    }
}

/// BILOU states of IOB2 labels.
pub(super) fn to_states(labels: &[&str]) -> Vec<usize> {
    let mut out = vec![0; labels.len()];
    for (a, b, ty) in spans(labels) {
        let Some(t) = TYPES.iter().position(|x| *x == ty) else {
            continue;
        };
        let base = 1 + 4 * t;
        if b - a == 1 {
            out[a] = base + 3;
        } else {
            out[a] = base;
            for s in &mut out[a + 1..b - 1] {
                *s = base + 1;
            }
            out[b - 1] = base + 2;
        }
    }
    out
}

/// IOB2 labels of BILOU states.
pub(super) fn to_labels(states: &[usize]) -> Vec<&'static str> {
    states
        .iter()
        .map(|&s| {
            if s == 0 || s == START {
                "O"
            } else if matches!(place(s), BEGIN | UNIT) {
                LABELS[1 + 2 * type_of(s)]
            } else {
                LABELS[2 + 2 * type_of(s)]
            }
        })
        .collect()
}

/// Number of [`prev_class`]es.
const PREV_CLASSES: usize = 8;

/// What state features know of the previous state: start, O, inside an entity of a type (B or I), or just
/// after one (L or U). Fewer distinct previous states mean fewer weights to look up per word.
pub(super) fn prev_class(p: usize) -> usize {
    if p == START {
        0
    } else if p == 0 {
        1
    } else if is_open(p) {
        2 + type_of(p)
    } else {
        5 + type_of(p)
    }
}

/// The best state sequence of `n` words (Viterbi over BILOU states). `word(i, out)` gives the scores of word
/// `i`'s own features per state, `state(i, class, out)` those of its features conjoined with the
/// [`prev_class`] of the previous state (extra trailing classes in `out` are ignored).
pub(super) fn viterbi(
    n: usize,
    mut word: impl FnMut(usize, &mut Vec<f32>),
    mut state: impl FnMut(usize, usize, &mut Vec<f32>),
) -> Vec<usize> {
    let k = STATES.len();
    if n == 0 {
        return Vec::new();
    }
    // the transition constraint as a table, once per sentence
    let allow: Vec<Vec<bool>> = (0..=k)
        .map(|p| (0..k).map(|c| allowed(p, c)).collect())
        .collect();
    let mut local = Vec::new();
    let mut dep: Vec<Vec<f32>> = vec![Vec::new(); PREV_CLASSES];
    let mut best = vec![f32::NEG_INFINITY; k];
    let mut next = vec![f32::NEG_INFINITY; k];
    let mut back: Vec<u8> = vec![0; n * k];
    for i in 0..n {
        word(i, &mut local);
        dep.iter_mut().for_each(Vec::clear);
        next.iter_mut().for_each(|v| *v = f32::NEG_INFINITY);
        for p in 0..=k {
            if (i == 0) != (p == START) || (p < k && best[p] == f32::NEG_INFINITY) {
                continue;
            }
            let base = if p == START { 0.0 } else { best[p] };
            let class = prev_class(p);
            if dep[class].is_empty() {
                state(i, class, &mut dep[class]);
            }
            let dep = &dep[class];
            for c in 0..k {
                if !allow[p][c] {
                    continue;
                }
                let v = base + local[c] + dep[c];
                if v > next[c] {
                    next[c] = v;
                    back[i * k + c] = if p == START { 0 } else { p as u8 };
                }
            }
        }
        std::mem::swap(&mut best, &mut next);
    }
    // the sequence must end outside an open entity
    let mut last = 0;
    let mut top = f32::NEG_INFINITY;
    for (c, &v) in best.iter().enumerate() {
        if !is_open(c) && v > top {
            top = v;
            last = c;
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i * k + out[i]] as usize;
    }
    out
}
