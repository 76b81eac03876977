//! Sentence splitting over tokens, aware of abbreviations, initials, quotes and line breaks.

use crate::tokenize::{tokenize, TITLE_ABBREVIATIONS};
use petrel_core::{Document, Sentence, Stage, Token, TokenKind};

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
fn blocks(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let n = chars.len();
    let mut i = 0;
    while i < n {
        if chars[i] == '\n' {
            let next = chars[i + 1..]
                .iter()
                .find(|c| !(c.is_whitespace() && **c != '\n'));
            // a hard-wrapped paragraph: a long line (60+ characters) that does not end a sentence, continued
            // in lowercase; a short line ("teeth") or a finished one is a paragraph of its own
            let line = &chars[start..i];
            let finished = line
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | ':'));
            let wrapped = next.is_some_and(|c| c.is_lowercase()) && line.len() >= 60 && !finished;
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

/// Tokenizes the text and splits it into sentences; fills `tokens` and `sentences`.
pub fn segment(doc: &mut Document) {
    let text = doc.text.clone();
    let mut tokens: Vec<Token> = Vec::new();
    let mut sentences = Vec::new();
    let mut byte_pos = 0usize;
    let mut char_pos = 0usize;
    for (bs, be) in blocks(&text) {
        // convert the block's code-point range to bytes incrementally (blocks come in order)
        let start_b = advance(&text, &mut byte_pos, &mut char_pos, bs);
        let end_b = advance(&text, &mut byte_pos, &mut char_pos, be);
        let block_tokens = tokenize(&text[start_b..end_b], bs);
        let first = tokens.len();
        let mut s = 0;
        for e in split_tokens(&block_tokens) {
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
    fn long_text_without_stops() {
        let text = "word ".repeat(200_000);
        let mut d = Document::new(Metadata::default(), text);
        segment(&mut d);
        assert_eq!(d.sentences.len(), 1);
    }
}
