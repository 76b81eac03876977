//! Sentence splitting over tokens: line breaks and rules (abbreviations, initials, quotes), then a learnt
//! boundary classifier that also finds the ends web text leaves unpunctuated.

use crate::tokenize::{is_abbreviation, tokenize, TITLE_ABBREVIATIONS};
use petrel_core::fxhash::FxHashMap;
use petrel_core::{Document, Sentence, Stage, Token, TokenKind};
use std::sync::OnceLock;

/// Words that, capitalised after an acronym such as "U.S.", suggest that a new sentence began.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "however",
    "meanwhile",
    "earlier",
    "later",
    "some",
    "many",
    "officials",
    "no",
    "one",
];

/// Opening quotes and brackets that may begin a sentence.
fn is_opening(s: &str) -> bool {
    matches!(s, "\"" | "'" | "(" | "[" | "\u{201c}" | "\u{2018}" | "«")
}

/// Closing quotes and brackets that stay with the sentence they end.
fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "'" | ")" | "]" | "\u{201d}" | "\u{2019}" | "»")
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "..." | "\u{2026}")
        || (s.len() > 1 && s.bytes().all(|b| b == b'.'))
}

/// Splits text into lines that certainly end a sentence: a blank line always does; a single line break does
/// unless the next line starts in lowercase (a hard-wrapped paragraph). Returns code-point ranges.
fn blocks(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let n = chars.len();
    let mut i = 0;
    while i < n {
        if chars[i] == '\n' {
            let next = chars[i + 1..]
                .iter()
                .find(|c| !(c.is_whitespace() && **c != '\n'));
            // a hard-wrapped paragraph: a long line (60 to 100 characters: wrapped text keeps to a width) that
            // does not end a sentence, continued in lowercase; a short line ("teeth"), a longer one or a
            // finished one is a paragraph of its own
            let line = &chars[line_start..i];
            line_start = i + 1;
            let finished = line
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | ':'));
            let wrapped = next.is_some_and(|c| c.is_lowercase())
                && (60..=100).contains(&line.len())
                && !finished;
            if !wrapped {
                out.push((start, i));
                start = i + 1;
            }
        }
        i += 1;
    }
    out.push((start, n));
    out
}

/// Sentence boundaries for the tokens of one block: returns the token index after each sentence's end.
fn split_tokens(tokens: &[Token]) -> Vec<usize> {
    let mut ends = Vec::new();
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = &tokens[i];
        let mut boundary = false;
        let mut after = i + 1;
        if t.kind == TokenKind::Punct && is_terminal(&t.lower) {
            // a closing quote or bracket touches the punctuation it follows; a spaced one opens the next sentence
            while after < n
                && is_closing(&tokens[after].lower)
                && tokens[after].kind == TokenKind::Punct
                && tokens[after].start == tokens[after - 1].end
            {
                after += 1;
            }
            // after a full stop, question or exclamation mark a lowercase word starts a sentence too (web and
            // chat text: "i flew here. are you lying?"); after an ellipsis only a capital does
            let ellipsis = t.lower != "." && t.lower != "?" && t.lower != "!";
            boundary = after >= n
                || starts_sentence(&tokens[after])
                || (!ellipsis
                    && matches!(tokens[after].kind, TokenKind::Word | TokenKind::Number)
                    // "www.example.com", "image001.jpg": no space, no boundary
                    && tokens[after].start > tokens[after - 1].end);
        } else if t.kind == TokenKind::Word && t.lower.ends_with('.') && t.lower.len() > 1 {
            // an abbreviation that kept its dot: titles and initials never end a sentence, acronyms may
            let stem = t.lower.trim_end_matches('.');
            let is_initial = stem.chars().count() == 1;
            if !is_initial && !TITLE_ABBREVIATIONS.contains(&stem) && after < n {
                let next = &tokens[after];
                boundary = next.capitalized && SENTENCE_STARTERS.contains(&next.lower.as_str());
            }
        }
        if boundary && after < n {
            ends.push(after);
        }
        i = after.max(i + 1);
    }
    ends.push(n);
    ends
}

fn starts_sentence(t: &Token) -> bool {
    t.capitalized
        || t.kind == TokenKind::Number
        || is_opening(&t.lower)
        || t.lower == "-"
        || t.lower == "--"
}

/// Tokenizes the text and splits it into sentences with the built-in boundary model; fills `tokens` and
/// `sentences`.
pub fn segment(doc: &mut Document) {
    segment_with(doc, builtin_model());
}

/// Tokenizes the text and splits it into sentences: line breaks by [`blocks`], then within a block the learnt
/// boundary classifier (`model`) or, without one, the rules alone.
pub fn segment_with(doc: &mut Document, model: Option<&BoundaryModel>) {
    let chars: Vec<char> = doc.text.chars().collect();
    let blocks = tokenize_blocks(&doc.text, &chars);
    let register = register(&blocks);
    let mut tokens: Vec<Token> = Vec::new();
    let mut sentences = Vec::new();
    let mut scratch = Scratch::default();
    for (b, block_tokens) in blocks.into_iter().enumerate() {
        let first = tokens.len();
        let ends = match model {
            Some(m) => m.split(&block_tokens, &chars, b == 0, register, &mut scratch, None),
            None => split_tokens(&block_tokens),
        };
        let mut s = 0;
        for e in ends {
            if e > s {
                sentences.push(Sentence {
                    start: block_tokens[s].start,
                    end: block_tokens[e - 1].end,
                    first_token: first + s,
                    end_token: first + e,
                });
            }
            s = e;
        }
        tokens.extend(block_tokens);
    }
    doc.tokens = tokens;
    doc.sentences = sentences;
}

/// The tokens of each block of the text (see [`blocks`]).
fn tokenize_blocks(text: &str, chars: &[char]) -> Vec<Vec<Token>> {
    let mut byte_pos = 0usize;
    let mut char_pos = 0usize;
    blocks(chars)
        .into_iter()
        .map(|(bs, be)| {
            // convert the block's code-point range to bytes incrementally (blocks come in order)
            let start_b = advance(text, &mut byte_pos, &mut char_pos, bs);
            let end_b = advance(text, &mut byte_pos, &mut char_pos, be);
            tokenize(&text[start_b..end_b], bs)
        })
        .collect()
}

/// The register of a document, from how its lines end: "E" (edited: nearly every line of four tokens or more
/// ends with a full stop, question or exclamation mark, or a quote or bracket after one — news, essays), "M"
/// (mixed), "W" (web, mail, lists: most lines end without one), "-" (no such line). Boundaries without
/// punctuation are common in the last and rare in the first.
fn register(blocks: &[Vec<Token>]) -> &'static str {
    let (mut lines, mut finished) = (0usize, 0usize);
    for b in blocks.iter().filter(|b| b.len() >= 4) {
        lines += 1;
        let mut k = b.len() - 1;
        while k > 0 && is_closing(&b[k].lower) {
            k -= 1;
        }
        finished += usize::from(is_terminal(&b[k].lower));
    }
    match lines {
        0 => "-",
        _ if finished * 5 >= lines * 4 => "E",
        _ if finished * 2 >= lines => "M",
        _ => "W",
    }
}

/// The dash closing a dateline ("ALMATY, Kazakhstan (AP) —", "WASHINGTON --") in the first block: one of the
/// first 16 tokens, after names only, before a capitalised word. The coder reads the dateline from the first
/// sentence, so it never ends a sentence.
fn is_dateline_dash(tokens: &[Token], i: usize) -> bool {
    (1..16).contains(&i)
        && matches!(
            tokens[i].lower.as_str(),
            "-" | "--" | "\u{2014}" | "\u{2013}"
        )
        && tokens.get(i + 1).is_some_and(|n| n.capitalized)
        && tokens[..i]
            .iter()
            .all(|t| t.capitalized || !t.lower.chars().next().is_some_and(char::is_alphabetic))
}

/// The built-in boundary model (`crates/nlp/models/sentences.bin`, trained by `petrel train sentences`), loaded
/// once; `None` if it cannot be read (then the rules split alone).
pub fn builtin_model() -> Option<&'static BoundaryModel> {
    static MODEL: OnceLock<Option<BoundaryModel>> = OnceLock::new();
    MODEL
        .get_or_init(|| BoundaryModel::from_bytes(BUILTIN_MODEL).ok())
        .as_ref()
}

/// The committed boundary model file.
pub const BUILTIN_MODEL: &[u8] = include_bytes!("../models/sentences.bin");

/// A learnt sentence-boundary classifier: an averaged perceptron that decides, at the end of every token of a
/// block but the last, whether a sentence ends there. Its features are the tokens around the position (forms,
/// shapes, case), the whitespace between them, whether the rules ([`split_tokens`]) would split there, how far
/// the last boundary is, the next full stop, quote parity and the document's register (see [`register`]).
/// Rules decide three cases: titles ("Gen.") and initials never end a sentence, nor does a dateline's dash; a
/// full stop glued between two words ("Wednesday.The") always does.
pub struct BoundaryModel {
    /// Weights by feature hash, `weight × scale`.
    weights: WeightTable,
    scale: f32,
    /// Score above which a position is a boundary.
    pub threshold: f32,
    /// Score above which a position not after punctuation that may end a sentence (a full stop, question or
    /// exclamation mark, ellipsis, a quote or bracket after one), or before a lowercase word, is a boundary in
    /// edited text (register "E" or "-"):
    /// higher, as news rarely ends a sentence without punctuation, and the web text the model learnt most
    /// of its unpunctuated boundaries from often does.
    pub threshold_bare: f32,
}

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

/// Per-block buffers reused between blocks.
#[derive(Default)]
struct Scratch {
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

/// Weights by feature hash in one open-addressing table (linear probing, at most half full), a slot holding
/// the hash's top 16 bits (its low bits give the slot) and the weight: 4 bytes a slot, so the table stays in
/// cache and a lookup is usually one read — the splitter looks up some thirty features per token.
#[derive(Default)]
struct WeightTable {
    slots: Vec<(u16, i16)>,
    /// The weights by full key, sorted (for saving).
    entries: Vec<(u32, i16)>,
}

impl WeightTable {
    fn new(entries: impl Iterator<Item = (u32, i16)>) -> Result<WeightTable, String> {
        let mut entries: Vec<(u32, i16)> = entries.collect();
        entries.sort_unstable();
        let size = (entries.len() * 2).next_power_of_two().clamp(16, 1 << 16);
        if entries.len() * 4 > size * 3 {
            return Err(format!(
                "sentence model: {} weights (too many)",
                entries.len()
            ));
        }
        let mut slots = vec![(0u16, 0i16); size];
        for &(k, w) in &entries {
            let tag = Self::tag(k);
            let mut at = k as usize & (size - 1);
            while slots[at].0 != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (tag, w);
        }
        Ok(WeightTable { slots, entries })
    }

    /// The stored part of a key: its top 16 bits, never 0 (an empty slot).
    #[inline]
    fn tag(k: u32) -> u16 {
        ((k >> 16) as u16).max(1)
    }

    /// The sum of the weights of the keys. The first slots are read before any is compared, so the reads
    /// overlap; only keys whose first slot holds another key probe further.
    #[inline]
    fn sum(&self, keys: &[u32]) -> i32 {
        if self.slots.is_empty() {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let mut first = [(0u16, 0i16); 64];
        let n = keys.len().min(64);
        for (f, &k) in first.iter_mut().zip(&keys[..n]) {
            *f = self.slots[k as usize & mask];
        }
        let mut sum = 0i32;
        for (&(t, w), &k) in first[..n].iter().zip(keys) {
            let tag = Self::tag(k);
            sum += i32::from(w) * i32::from(t == tag);
            if t != tag && t != 0 {
                sum += i32::from(self.get(k));
            }
        }
        sum + keys[n..]
            .iter()
            .map(|&k| i32::from(self.get(k)))
            .sum::<i32>()
    }

    #[inline]
    fn get(&self, k: u32) -> i16 {
        if self.slots.is_empty() {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let tag = Self::tag(k);
        let mut at = k as usize & mask;
        loop {
            let (t, w) = self.slots[at];
            if t == tag {
                return w;
            }
            if t == 0 {
                return 0;
            }
            at = (at + 1) & mask;
        }
    }
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

/// Whether token `i` is punctuation that may end a sentence, or up to three quotes or brackets right after such.
fn ends_with_stop(tokens: &[Token], i: usize) -> bool {
    let mut k = i;
    while k + 3 > i && k > 0 && is_closing(&tokens[k].lower) && tokens[k].kind == TokenKind::Punct {
        k -= 1;
    }
    tokens[k].kind == TokenKind::Punct && is_terminal(&tokens[k].lower)
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

/// A title ("Gen.", "Mr.") or an initial ("J."): never the end of a sentence.
fn is_title_or_initial(t: &Token) -> bool {
    t.kind == TokenKind::Word
        && t.lower.len() > 1
        && t.lower.ends_with('.')
        && t.lower[..t.lower.len() - 1]
            .chars()
            .all(char::is_alphabetic)
        && {
            let stem = t.lower.trim_end_matches('.');
            stem.chars().count() == 1 || TITLE_ABBREVIATIONS.contains(&stem)
        }
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
    fn split(
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

const MAGIC: &[u8; 8] = b"PTRLSNT1";

/// The perceptron being trained: per feature hash (current weight, running total, step of the last change).
#[derive(Default)]
struct BoundaryTrainer {
    params: FxHashMap<u32, (f32, f64, u64)>,
    step: u64,
    errors: usize,
}

impl BoundaryTrainer {
    /// Predicts with the current weights, updates on a mistake; returns the prediction.
    fn learn(&mut self, feats: &[u32], gold: bool) -> bool {
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

fn advance(text: &str, byte_pos: &mut usize, char_pos: &mut usize, target: usize) -> usize {
    for c in text[*byte_pos..].chars() {
        if *char_pos >= target {
            break;
        }
        *byte_pos += c.len_utf8();
        *char_pos += 1;
    }
    *byte_pos
}

/// The tokenizer and sentence splitter as a pipeline stage.
#[derive(Default, Debug, Clone, Copy)]
pub struct Segmenter;

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn process(&self, doc: &mut Document) {
        segment(doc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Metadata;

    fn sents(text: &str) -> Vec<String> {
        let mut d = Document::new(Metadata::default(), text.to_string());
        segment(&mut d);
        (0..d.sentences.len())
            .map(|i| d.sentence_text(i).to_string())
            .collect()
    }

    #[test]
    fn knows_abbreviations() {
        assert_eq!(
            sents("Gen. Mark Milley met Mr. Li in Jan. 2020. The U.S. Embassy said so. He left for the U.S. The talks ended."),
            ["Gen. Mark Milley met Mr. Li in Jan. 2020.", "The U.S. Embassy said so.", "He left for the U.S.", "The talks ended."]
        );
    }

    #[test]
    fn quotes_and_lines() {
        assert_eq!(
            sents("\"We will stay,\" he said. \"No.\" She left!\nHeadline without stop\nnext line. i was here\nThe protest, which began on Monday in the capital, was the largest in\nyears, organisers said."),
            [
                "\"We will stay,\" he said.",
                "\"No.\"",
                "She left!",
                "Headline without stop",
                "next line.",
                "i was here",
                "The protest, which began on Monday in the capital, was the largest in\nyears, organisers said."
            ]
        );
    }

    #[test]
    fn offsets_point_into_text() {
        let text = "Протесты — 5 January. Troops arrived.";
        let mut d = Document::new(Metadata::default(), text.to_string());
        segment(&mut d);
        assert_eq!(d.sentence_text(1), "Troops arrived.");
        for t in &d.tokens {
            assert!(t.end <= d.char_len());
        }
    }

    #[test]
    fn builtin_model_loads_and_round_trips() {
        let m = builtin_model().expect("built-in sentence model");
        assert!(m.features() > 1000);
        let back = BoundaryModel::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.features(), m.features());
        assert!(BoundaryModel::from_bytes(b"junk").is_err());
        assert!(BoundaryModel::from_bytes(&BUILTIN_MODEL[..BUILTIN_MODEL.len() - 1]).is_err());
    }

    #[test]
    fn news_conventions() {
        assert_eq!(
            sents("ALMATY, Kazakhstan (AP) \u{2014} Troops arrived on Friday. \"We got her!\" officers said. Rep. Ilhan Omar of Minnesota spoke to the U.S. Senate."),
            [
                "ALMATY, Kazakhstan (AP) \u{2014} Troops arrived on Friday.",
                "\"We got her!\" officers said.",
                "Rep. Ilhan Omar of Minnesota spoke to the U.S. Senate."
            ]
        );
        assert_eq!(
            sents("WASHINGTON -- Blinken said so.\nPolice detained him on Wednesday.The stabbing occurred in Berlin."),
            ["WASHINGTON -- Blinken said so.", "Police detained him on Wednesday.", "The stabbing occurred in Berlin."]
        );
    }

    #[test]
    fn mail_and_web_text() {
        // boundaries without punctuation in mail: a signature, a header (name, date and time: EWT's convention)
        let s = sents("Thanks for the update. Let me know if you need anything else. Thanks Vince\nKevin Kindall@ENRON 01/24/2001 03:51 PM Per our conversation yesterday, here is the file.");
        for line in [
            "Let me know if you need anything else.",
            "Kevin Kindall@ENRON",
            "01/24/2001 03:51 PM",
            "Per our conversation yesterday, here is the file.",
        ] {
            assert!(s.contains(&line.to_string()), "{s:?}");
        }
    }

    #[test]
    fn pathological_input_is_linear() {
        // 1 MB without a full stop or a line break, and 1 MB of one "word": seconds would mean quadratic work
        for text in [
            "word, ".repeat(170_000),
            "x".repeat(1_000_000),
            "\n".repeat(1_000_000),
        ] {
            let t0 = std::time::Instant::now();
            let mut d = Document::new(Metadata::default(), text);
            segment(&mut d);
            assert!(t0.elapsed().as_secs_f64() < 5.0);
            assert!(d.sentences.iter().all(|s| s.first_token < s.end_token));
        }
    }

    #[test]
    fn long_text_without_stops() {
        let text = "word ".repeat(200_000);
        let mut d = Document::new(Metadata::default(), text);
        segment(&mut d);
        assert_eq!(d.sentences.len(), 1);
    }
}
