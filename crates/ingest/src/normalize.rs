//! Text normalisation: Unicode NFKC, straight quotes, plain spaces, no control or zero-width characters,
//! trimmed lines and at most one blank line between paragraphs.

use std::borrow::Cow;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Maps typographic quotes to ASCII ones; other characters pass through.
fn straighten(c: char) -> char {
    match c {
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{00ab}' | '\u{00bb}'
        | '\u{2033}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' => '\'',
        _ => c,
    }
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// Normalises text for the pipeline. Paragraphs stay on their own lines.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0usize;
    // most text is already NFKC (all ASCII text is): the quick check spares composing a copy of it
    let text: Cow<str> = if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    };
    // each line is written straight into `out` (a very long line is not held twice), then taken back if blank
    for line in text.split('\n') {
        let mark = out.len();
        if !out.is_empty() {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        let content = out.len();
        let mut last_space = true;
        for c in line.chars().map(straighten) {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() || c.is_control() {
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
                continue;
            }
            out.push(c);
            last_space = false;
        }
        while out.len() > content && out.ends_with(' ') {
            out.pop();
        }
        if out.len() == content {
            out.truncate(mark);
            blank_run += 1;
            continue;
        }
        blank_run = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_quotes_spaces_and_blank_lines() {
        let raw = "  “Shoot to kill,”\u{a0}he said\u{200b}.\r\n\n\n\nNext\tparagraph ’s ﬁne\u{7}";
        assert_eq!(
            normalize(raw),
            "\"Shoot to kill,\" he said.\n\nNext paragraph 's fine"
        );
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \n\t\n"), "");
    }
}
