//! The rules of sentence splitting: blocks of text that certainly end a sentence (line breaks), and within a
//! block the ends that punctuation, abbreviations, initials, quotes and datelines make or forbid.

use crate::tokenize::TITLE_ABBREVIATIONS;
use petrel_core::{Token, TokenKind};

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
pub(super) fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "'" | ")" | "]" | "\u{201d}" | "\u{2019}" | "»")
}

pub(super) fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "..." | "\u{2026}")
        || (s.len() > 1 && s.bytes().all(|b| b == b'.'))
}

/// Splits text into lines that certainly end a sentence: a blank line always does; a single line break does
/// unless the next line starts in lowercase (a hard-wrapped paragraph). Returns code-point ranges.
pub(super) fn blocks(chars: &[char]) -> Vec<(usize, usize)> {
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
pub(super) fn split_tokens(tokens: &[Token]) -> Vec<usize> {
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

/// The dash closing a dateline ("ALMATY, Kazakhstan (AP) —", "WASHINGTON --") in the first block: one of the
/// first 16 tokens, after names only, before a capitalised word. The coder reads the dateline from the first
/// sentence, so it never ends a sentence.
pub(super) fn is_dateline_dash(tokens: &[Token], i: usize) -> bool {
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

/// Whether token `i` is punctuation that may end a sentence, or up to three quotes or brackets right after such.
pub(super) fn ends_with_stop(tokens: &[Token], i: usize) -> bool {
    let mut k = i;
    while k + 3 > i && k > 0 && is_closing(&tokens[k].lower) && tokens[k].kind == TokenKind::Punct {
        k -= 1;
    }
    tokens[k].kind == TokenKind::Punct && is_terminal(&tokens[k].lower)
}

/// A title ("Gen.", "Mr.") or an initial ("J."): never the end of a sentence.
pub(super) fn is_title_or_initial(t: &Token) -> bool {
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
