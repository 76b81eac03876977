//! Sentence splitting over tokens: line breaks and rules (abbreviations, initials, quotes), then a learnt
//! boundary classifier that also finds the ends web text leaves unpunctuated.
//!
//! This file holds segmentation itself and the pipeline stage; beside it, `rules` (line breaks, abbreviations,
//! initials and quotes), `model` (the learnt boundary classifier and its features), `weights` (its weight
//! table) and `train` (its training).

mod model;
mod rules;
mod train;
mod weights;

pub use self::model::BoundaryModel;
pub use self::train::BoundaryConfig;

use self::model::Scratch;
use self::rules::{blocks, is_closing, is_terminal, split_tokens};
use crate::tokenize::tokenize;
use petrel_core::{Document, Sentence, Stage, Token};
use std::sync::OnceLock;

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
pub(super) fn tokenize_blocks(text: &str, chars: &[char]) -> Vec<Vec<Token>> {
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
pub(super) fn register(blocks: &[Vec<Token>]) -> &'static str {
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

/// The built-in boundary model (`crates/nlp/models/sentences.bin`, trained by `petrel train sentences`), loaded
/// once; `None` if it cannot be read (then the rules split alone).
pub fn builtin_model() -> Option<&'static BoundaryModel> {
    static MODEL: OnceLock<Option<BoundaryModel>> = OnceLock::new();
    MODEL
        .get_or_init(|| BoundaryModel::from_bytes(BUILTIN_MODEL).ok())
        .as_ref()
}

/// The committed boundary model file.
pub const BUILTIN_MODEL: &[u8] = include_bytes!("../../models/sentences.bin");

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
mod tests;
