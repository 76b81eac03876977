//! A rule-based English tokenizer over code points.
//!
//! Conventions (close to UD English so a later statistical tagger can reuse it):
//! words keep inner hyphens and apostrophes ("Russia-led", "O'Brien"); the clitics `'s`, `'re`, `'ve`,
//! `'ll`, `'d`, `'m` and `n't` are split off; dotted acronyms ("U.S.") and known abbreviations
//! ("Gen.", "Jan.") keep their final dot; numbers keep thousands separators and decimals ("3,811", "2.5").

use petrel_core::{Token, TokenKind};

/// Abbreviations that end with a dot which does not end a sentence (lowercase, without the dot).
pub const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "st", "mt", "ft", "pres", "supt", "insp", "amb", "brig",
    "cpl", "pvt", "hon", "messrs",
];

/// Abbreviations that may end a sentence but usually do not (months, corporate suffixes, ...).
pub const OTHER_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "approx", "est", "dept", "univ",
    "assn", "bros", "ave", "blvd", "e.g", "i.e", "al", "fig", "vol", "pp",
    // US states as news abbreviates them ("a Severn, Md. man"); not those that are also words ("Ill.",
    // "Miss.", "Mass.", "Wash.", "Del.", "Ore.", "Ind.", "Pa.", "La.", "Mo.")
    "ala", "ariz", "ark", "calif", "colo", "conn", "fla", "kan", "kans", "ky", "md", "mich", "minn",
    "mont", "neb", "nev", "okla", "tenn", "tex", "vt", "va", "wis", "wyo",
];

/// True when `lower` (without its final dot) is a known abbreviation.
pub fn is_abbreviation(lower: &str) -> bool {
    TITLE_ABBREVIATIONS.contains(&lower) || OTHER_ABBREVIATIONS.contains(&lower)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Splits `text` into tokens with code-point offsets (relative to `text`, plus `base`).
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            // number: digits with separators followed by a digit ("3,811", "2.5", "1990s" becomes a word)
            i += 1;
            while i < n {
                if chars[i].is_ascii_digit() {
                    i += 1;
                } else if (chars[i] == ',' || chars[i] == '.')
                    && i + 1 < n
                    && chars[i + 1].is_ascii_digit()
                {
                    i += 2;
                } else {
                    break;
                }
            }
            let mut kind = TokenKind::Number;
            if i < n && chars[i].is_alphabetic() {
                while i < n && is_word_char(chars[i]) {
                    i += 1;
                }
                kind = TokenKind::Word;
            }
            push(&mut out, &chars, start, i, base, kind);
            continue;
        }
        if is_word_char(c) {
            i += 1;
            loop {
                while i < n && is_word_char(chars[i]) {
                    i += 1;
                }
                // inner hyphen or apostrophe joins two word parts ("Russia-led", "O'Brien"), but not clitics
                if i + 1 < n
                    && (chars[i] == '-' || chars[i] == '\u{2010}' || chars[i] == '\u{2011}')
                    && is_word_char(chars[i + 1])
                {
                    i += 1;
                    continue;
                }
                if i + 1 < n && is_apostrophe(chars[i]) && chars[i + 1].is_alphabetic() {
                    let rest: String = chars[i + 1..]
                        .iter()
                        .take_while(|c| c.is_alphabetic())
                        .collect();
                    let rest = rest.to_lowercase();
                    let negation = rest == "t" && matches!(chars[i - 1], 'n' | 'N');
                    if !negation && !CLITICS.contains(&rest.as_str()) {
                        i += 1;
                        continue;
                    }
                }
                break;
            }
            // "n't": split "don't" into "do" + "n't"
            let word: String = chars[start..i].iter().collect();
            let lower = word.to_lowercase();
            if i + 1 < n
                && is_apostrophe(chars[i])
                && (chars[i + 1] == 't' || chars[i + 1] == 'T')
                && lower.ends_with('n')
                && i - start > 1
                && (i + 2 >= n || !is_word_char(chars[i + 2]))
            {
                push(&mut out, &chars, start, i - 1, base, TokenKind::Word);
                push(&mut out, &chars, i - 1, i + 2, base, TokenKind::Word);
                i += 2;
                continue;
            }
            // dotted acronym "U.S." / "U.N.", an initial "J.", or a known abbreviation "Gen."
            if i < n && chars[i] == '.' {
                let single_letter = i - start == 1;
                let mut j = i;
                while single_letter
                    && j + 2 < n
                    && chars[j + 1].is_alphabetic()
                    && chars[j + 2] == '.'
                {
                    j += 2;
                }
                if j > i {
                    i = j + 1;
                } else if (single_letter && c.is_uppercase())
                    || is_abbreviation_here(&lower, &chars, i + 1)
                {
                    i += 1;
                }
            }
            push(&mut out, &chars, start, i, base, TokenKind::Word);
            continue;
        }
        if is_apostrophe(c) && i + 1 < n && chars[i + 1].is_alphabetic() {
            let rest: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if CLITICS.contains(&rest.to_lowercase().as_str())
                && !out.is_empty()
                && start > 0
                && !chars[start - 1].is_whitespace()
            {
                i += 1 + rest.chars().count();
                push(&mut out, &chars, start, i, base, TokenKind::Word);
                continue;
            }
        }
        // punctuation: runs of the same dash or dot stay together ("--", "...")
        i += 1;
        if c == '-' || c == '.' {
            while i < n && chars[i] == c {
                i += 1;
            }
        }
        push(&mut out, &chars, start, i, base, TokenKind::Punct);
    }
    out
}

/// A known abbreviation; "no" only before a number ("No. 5", not a reply "No.").
fn is_abbreviation_here(lower: &str, chars: &[char], after_dot: usize) -> bool {
    is_abbreviation(lower) && (!matches!(lower, "no" | "nos") || next_is_digit(chars, after_dot))
}

/// "No. 5" is an abbreviation, "No." at the end of a reply is a word and a full stop.
fn next_is_digit(chars: &[char], from: usize) -> bool {
    chars[from.min(chars.len())..]
        .iter()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_ascii_digit())
}

fn push(
    out: &mut Vec<Token>,
    chars: &[char],
    start: usize,
    end: usize,
    base: usize,
    kind: TokenKind,
) {
    let surface = &chars[start..end];
    let capitalized = surface.first().is_some_and(|c| c.is_uppercase());
    // one allocation per token (this runs for every token of every document); `str::to_lowercase` only for
    // a capital sigma, whose lowercase depends on its place in the word
    let mut lower = String::with_capacity(surface.len());
    if surface.contains(&'\u{03a3}') {
        lower = surface.iter().collect::<String>().to_lowercase();
    } else {
        for &c in surface {
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
            } else {
                lower.extend(c.to_lowercase());
            }
        }
    }
    if lower.contains('\u{2019}') {
        lower = lower.replace('\u{2019}', "'");
    }
    out.push(Token {
        start: base + start,
        end: base + end,
        lower,
        kind,
        capitalized,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, 0).into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn splits_clitics_and_keeps_hyphens() {
        assert_eq!(
            words("Kazakhstan's Russia-led bloc didn't act."),
            [
                "kazakhstan",
                "'s",
                "russia-led",
                "bloc",
                "did",
                "n't",
                "act",
                "."
            ]
        );
        assert_eq!(words("O'Brien’s view"), ["o'brien", "'s", "view"]);
    }

    #[test]
    fn numbers_and_acronyms() {
        assert_eq!(
            words("3,811 people, 2.5 km, U.S. troops, Gen. Smith, 1990s."),
            [
                "3,811", "people", ",", "2.5", "km", ",", "u.s.", "troops", ",", "gen.", "smith",
                ",", "1990s", "."
            ]
        );
    }

    #[test]
    fn offsets_are_code_points() {
        let t = tokenize("«Да» — 5 км", 10);
        assert_eq!(t[1].start, 11);
        assert_eq!(t[1].end, 13);
        assert_eq!(t.last().unwrap().start, 19);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in [
            "",
            "'",
            "'s",
            "n't",
            "a'",
            "...",
            "--",
            "\u{0301}x",
            "1,",
            "1.",
            "A.B.",
            "x\u{0000}y",
        ] {
            let _ = tokenize(s, 0);
        }
    }
}
