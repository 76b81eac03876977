//! The learnt sentence-boundary classifier: token shapes and hashed features of each position, the decision
//! at every token of a block (with the rules that override it), and the model file.

use super::rules::{
    ends_with_stop, is_dateline_dash, is_terminal, is_title_or_initial, split_tokens,
};
use super::train::BoundaryTrainer;
use super::weights::WeightTable;
use crate::tokenize::is_abbreviation;
use petrel_core::{Token, TokenKind};

/// A learnt sentence-boundary classifier: an averaged perceptron that decides, at the end of every token of a
/// block but the last, whether a sentence ends there. Its features are the tokens around the position (forms,
/// shapes, case), the whitespace between them, whether the rules ([`split_tokens`]) would split there, how far
/// the last boundary is, the next full stop, quote parity and the document's register (see [`register`](super::register)).
/// Rules decide three cases: titles ("Gen.") and initials never end a sentence, nor does a dateline's dash; a
/// full stop glued between two words ("Wednesday.The") always does.
pub struct BoundaryModel {
    /// Weights by feature hash, `weight × scale`.
    pub(super) weights: WeightTable,
    pub(super) scale: f32,
    /// Score above which a position is a boundary.
    pub threshold: f32,
    /// Score above which a position not after punctuation that may end a sentence (a full stop, question or
    /// exclamation mark, ellipsis, a quote or bracket after one), or before a lowercase word, is a boundary in
    /// edited text (register "E" or "-"):
    /// higher, as news rarely ends a sentence without punctuation, and the web text the model learnt most
    /// of its unpunctuated boundaries from often does.
    pub threshold_bare: f32,
}

/// Per-block buffers reused between blocks.
#[derive(Default)]
pub(super) struct Scratch {
    info: Vec<TokInfo>,
    rule: Vec<bool>,
    /// Tokens from each token to the next full stop, question or exclamation mark in the block (or its end).
    next_stop: Vec<usize>,
    feats: Vec<u32>,
}

#[derive(Clone, Copy)]
struct TokInfo {
    /// Hash of the lowercased form.
    word: u64,
    shape: Shape,
    /// Whitespace after the token: 0 none, 1 one character, 2 more.
    gap: u8,
}

/// Token shapes: coarse classes of the surface form.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Lower,
    Capital,
    Upper,
    Letter,
    Mixed,
    Alnum,
    Dotted,
    DotEnd,
    Url,
    Email,
    Digits(u8),
    Punct,
}

impl Shape {
    /// A small number naming the shape in features ("x", "Xx", "XX", "X", "xX", "x0", "x.x", "x.", URL,
    /// e-mail, 1–5 digits, punctuation).
    fn id(self) -> u64 {
        match self {
            Shape::Lower => 1,
            Shape::Capital => 2,
            Shape::Upper => 3,
            Shape::Letter => 4,
            Shape::Mixed => 5,
            Shape::Alnum => 6,
            Shape::Dotted => 7,
            Shape::DotEnd => 8,
            Shape::Url => 9,
            Shape::Email => 10,
            Shape::Digits(n) => 10 + u64::from(n),
            Shape::Punct => 20,
        }
    }
}

/// Feature values standing for the text's edges (word and shape before the first and after the last token).
const BEFORE: u64 = 0x101;
const AFTER: u64 = 0x102;

fn shape_of(surface: &[char], kind: TokenKind) -> Shape {
    match kind {
        TokenKind::Number => Shape::Digits(surface.len().min(5) as u8),
        TokenKind::Punct => Shape::Punct,
        _ => {
            let n = surface.len();
            let has = |c: char| surface.contains(&c);
            if n > 4
                && (surface.starts_with(&['w', 'w', 'w', '.'])
                    || surface.windows(3).any(|w| w == [':', '/', '/']))
            {
                return Shape::Url;
            }
            if has('@') {
                return Shape::Email;
            }
            if surface.last() == Some(&'.') {
                return Shape::DotEnd;
            }
            if surface[..n.saturating_sub(1)].contains(&'.') {
                return Shape::Dotted;
            }
            if surface.iter().any(char::is_ascii_digit) {
                return Shape::Alnum;
            }
            let upper = surface.iter().filter(|c| c.is_uppercase()).count();
            let first = surface.first().is_some_and(|c| c.is_uppercase());
            match (upper, first) {
                (0, _) => Shape::Lower,
                (1, true) if n == 1 => Shape::Letter,
                (1, true) => Shape::Capital,
                (u, true) if u == surface.iter().filter(|c| c.is_alphabetic()).count() => {
                    Shape::Upper
                }
                _ => Shape::Mixed,
            }
        }
    }
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The key of a feature: a template number and its values, hashed to 32 bits (collisions among the few ten
/// thousand features are negligible).
#[inline]
fn key(template: u64, parts: &[u64]) -> u32 {
    let mut h = (template + 1).wrapping_mul(K);
    for p in parts {
        h = (h.rotate_left(23) ^ p).wrapping_mul(K);
    }
    (h >> 32) as u32
}

/// Hash of a token's lowercased form (computed once per token).
fn word_hash(s: &str) -> u64 {
    let mut h = (s.len() as u64).wrapping_mul(K);
    for chunk in s.as_bytes().chunks(8) {
        let mut buf = [0u8; 8];
        buf[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    h
}

/// Distances in features: 0, 1, 2, 3, 4–5, 6–9, 10–19, 20–39, 40+.
fn bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=5 => 4,
        6..=9 => 5,
        10..=19 => 6,
        20..=39 => 7,
        _ => 8,
    }
}

/// A full stop, question or exclamation mark glued between two words, the second capitalised ("on
/// Wednesday.The stabbing"): text run together by extraction. A sentence ends there, whatever the web text
/// the model learnt from says (where "Inc.One" and "Stacey.Richardson" are not boundaries).
fn glued_stop(tokens: &[Token], info: &[TokInfo], i: usize) -> bool {
    i >= 1
        && matches!(tokens[i].lower.as_str(), "." | "!" | "?")
        && info[i - 1].gap == 0
        && info[i].gap == 0
        && tokens[i - 1].lower.chars().count() >= 2
        && matches!(info[i - 1].shape, Shape::Lower | Shape::Capital)
        && info.get(i + 1).is_some_and(|t| t.shape == Shape::Capital && t.gap != 0)
        // a domain ("Newsfeeds.Com")
        && !matches!(
            tokens[i + 1].lower.as_str(),
            "com" | "net" | "org" | "edu" | "gov" | "info" | "biz" | "co" | "uk" | "io"
        )
}

impl BoundaryModel {
    fn prepare(tokens: &[Token], chars: &[char], scratch: &mut Scratch) {
        scratch.info.clear();
        for (i, t) in tokens.iter().enumerate() {
            // a line break inside a block is a hard wrap (see `blocks`): a space like any other
            let gap = tokens
                .get(i + 1)
                .map_or(2, |next| (next.start - t.end).min(2) as u8);
            scratch.info.push(TokInfo {
                word: word_hash(&t.lower),
                shape: shape_of(&chars[t.start..t.end], t.kind),
                gap,
            });
        }
        scratch.next_stop.clear();
        scratch.next_stop.resize(tokens.len(), 0);
        let mut next = tokens.len();
        for (i, t) in tokens.iter().enumerate().rev() {
            if t.kind == TokenKind::Punct && is_terminal(&t.lower) {
                next = i;
            }
            scratch.next_stop[i] = next - i;
        }
        scratch.rule.clear();
        scratch.rule.resize(tokens.len(), false);
        for e in split_tokens(tokens) {
            scratch.rule[e - 1] = true;
        }
    }

    /// Features of the position after token `i` (`i + 1 < tokens.len()`).
    fn fill_features(
        tokens: &[Token],
        scratch: &mut Scratch,
        i: usize,
        since: usize,
        quote_open: bool,
        register: &str,
    ) {
        let info = &scratch.info;
        let f = &mut scratch.feats;
        f.clear();
        let word = |j: usize| info.get(j).map_or(AFTER, |t| t.word);
        let shape = |j: usize| info.get(j).map_or(AFTER, |t| t.shape.id());
        let (l, r) = (word(i), word(i + 1));
        let (ll, lls) = if i > 0 {
            (word(i - 1), shape(i - 1))
        } else {
            (BEFORE, BEFORE)
        };
        let (ls, rs, rrs) = (shape(i), shape(i + 1), shape(i + 2));
        let gap = u64::from(info[i].gap);
        let rule = u64::from(scratch.rule[i]);
        let lower = tokens[i].lower.as_str();
        let abbr = u64::from(
            lower.len() > 1 && lower.ends_with('.') && is_abbreviation(&lower[..lower.len() - 1]),
        );
        let until = bucket(tokens.len() - 1 - i);
        let quote = u64::from(quote_open);
        let since = bucket(since);
        let register = match register {
            "E" => 1,
            "M" => 2,
            "W" => 3,
            _ => 4,
        };
        let ns = bucket(scratch.next_stop[i + 1]);
        f.extend_from_slice(&[
            key(0, &[]),
            key(1, &[l]),
            key(2, &[r]),
            key(3, &[ls]),
            key(4, &[rs]),
            key(5, &[ls, rs]),
            key(6, &[l, rs]),
            key(7, &[ls, r]),
            key(8, &[l, r]),
            key(9, &[ll, l]),
            key(10, &[r, rrs]),
            key(11, &[gap, ls, rs]),
            key(12, &[rule, rs]),
            key(13, &[rule, l]),
            key(14, &[rule, gap]),
            key(15, &[since, ls]),
            key(16, &[until, rs]),
            key(17, &[lls, ls, rs]),
            key(18, &[quote, ls, rs]),
            key(19, &[abbr, rs]),
            key(20, &[since, rule]),
            key(21, &[ll, l, rs]),
            key(22, &[r, rs]),
            key(23, &[since, r]),
            key(24, &[register]),
            key(25, &[register, rule, gap]),
            key(26, &[register, rule, ls, rs]),
            key(27, &[since, lls, ls]),
            key(28, &[ns, ls, rs]),
            key(29, &[bucket(tokens.len()), rs]),
            key(30, &[r, word(i + 2)]),
        ]);
    }

    fn score(&self, feats: &[u32]) -> f32 {
        let sum = self.weights.sum(feats);
        sum as f32 * self.scale
    }

    /// Sentence ends (token index after each sentence, the last being `tokens.len()`) for the tokens of one
    /// block. With `train` = (gold labels per position, trainer), the perceptron learns from its decisions.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn split(
        &self,
        tokens: &[Token],
        chars: &[char],
        first_block: bool,
        register: &'static str,
        scratch: &mut Scratch,
        mut train: Option<(&[bool], &mut BoundaryTrainer)>,
    ) -> Vec<usize> {
        let n = tokens.len();
        let mut ends = Vec::new();
        if n == 0 {
            ends.push(0);
            return ends;
        }
        Self::prepare(tokens, chars, scratch);
        let mut last = 0;
        let mut quote_open = false;
        for i in 0..n - 1 {
            if matches!(tokens[i].lower.as_str(), "\"" | "\u{201c}" | "\u{201d}") {
                quote_open = !quote_open;
            }
            if is_title_or_initial(&tokens[i]) || (first_block && is_dateline_dash(tokens, i)) {
                continue;
            }
            Self::fill_features(tokens, scratch, i, i + 1 - last, quote_open, register);
            let boundary = if glued_stop(tokens, &scratch.info, i) {
                true
            } else {
                match train.as_mut() {
                    Some((gold, trainer)) => trainer.learn(&scratch.feats, gold[i]),
                    None => {
                        // web and mail text often ends a sentence without punctuation or before a lowercase word,
                        // edited text rarely does
                        let web = matches!(register, "M" | "W");
                        let lower_next = scratch.info[i + 1].shape == Shape::Lower;
                        let threshold = if web || (ends_with_stop(tokens, i) && !lower_next) {
                            self.threshold
                        } else {
                            self.threshold_bare
                        };
                        self.score(&scratch.feats) > threshold
                    }
                }
            };
            if boundary {
                ends.push(i + 1);
                last = i + 1;
                quote_open = false;
            }
        }
        ends.push(n);
        ends
    }

    /// Serialises the model: magic, thresholds, scale, then the weights as (feature hash, weight ÷ scale as
    /// i16), by hash.
    pub fn to_bytes(&self) -> Vec<u8> {
        let nonzero = &self.weights.entries;
        let mut out = Vec::with_capacity(24 + nonzero.len() * 6);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&self.threshold_bare.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
        for &(k, w) in nonzero {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads a model written by [`BoundaryModel::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<BoundaryModel, String> {
        let word = |at: usize| -> Result<[u8; 4], String> {
            b.get(at..at + 4)
                .and_then(|s| s.try_into().ok())
                .ok_or_else(|| format!("sentence model truncated at byte {at}"))
        };
        if b.get(..8) != Some(MAGIC.as_slice()) {
            return Err("not a petrel sentence model (magic)".into());
        }
        let threshold = f32::from_le_bytes(word(8)?);
        let threshold_bare = f32::from_le_bytes(word(12)?);
        let scale = f32::from_le_bytes(word(16)?);
        let n = u32::from_le_bytes(word(20)?) as usize;
        if b.len() != 24 + n * 6 {
            return Err(format!("sentence model: {} bytes for {n} weights", b.len()));
        }
        let weights = WeightTable::new(b[24..].chunks_exact(6).map(|e| {
            (
                u32::from_le_bytes([e[0], e[1], e[2], e[3]]),
                i16::from_le_bytes([e[4], e[5]]),
            )
        }))?;
        Ok(BoundaryModel {
            weights,
            scale,
            threshold,
            threshold_bare,
        })
    }

    /// Number of weights.
    pub fn features(&self) -> usize {
        self.weights.entries.len()
    }
}

const MAGIC: &[u8; 8] = b"PTRLSNT1";
