//! Words of judgement (`data/patterns/evaluation.tsv`): what makes a statement a criticism ("called China's move
//! unjustified") or an approval ("said the sale would contribute to ... security"). The coder reads them in the
//! clause a plain statement reports.

use crate::source::{DictError, DictFile};
use std::collections::HashMap;

/// Whether a word judges for or against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    /// Approval, praise, support (`+`).
    Approve,
    /// Disapproval, criticism, accusation (`-`).
    Disapprove,
}

/// Lowercase words with the judgement they carry.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    words: HashMap<String, Polarity>,
}

impl Evaluation {
    /// Adds a file's rows (`word<TAB>+|-`); a later row for the same word replaces the earlier one.
    pub fn load(&mut self, file: DictFile<'_>) -> Result<(), DictError> {
        for row in file.rows(2) {
            let (n, f) = row?;
            let word = f[0];
            if word.is_empty() || word.chars().any(|c| c.is_uppercase() || c.is_whitespace()) {
                return Err(file.error(n, format!("word {word:?} must be one lowercase token")));
            }
            let polarity = match f[1] {
                "+" => Polarity::Approve,
                "-" => Polarity::Disapprove,
                other => {
                    return Err(file.error(n, format!("polarity {other:?} must be + or -")));
                }
            };
            self.words.insert(word.to_string(), polarity);
        }
        Ok(())
    }

    /// The judgement a lowercase token carries, if any.
    pub fn polarity(&self, word: &str) -> Option<Polarity> {
        self.words.get(word).copied()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_checks_rows() {
        let mut e = Evaluation::default();
        e.load(DictFile {
            name: "evaluation.tsv",
            text: "# c\nunjustified\t-\nconstructive\t+\n",
        })
        .unwrap();
        assert_eq!(e.polarity("unjustified"), Some(Polarity::Disapprove));
        assert_eq!(e.polarity("constructive"), Some(Polarity::Approve));
        assert_eq!(e.polarity("table"), None);
        let err = Evaluation::default()
            .load(DictFile {
                name: "evaluation.tsv",
                text: "unjustified\t-\nfine\t0\n",
            })
            .unwrap_err();
        assert_eq!(err.line, 2);
        assert!(Evaluation::default()
            .load(DictFile {
                name: "evaluation.tsv",
                text: "Unjustified\t-\n",
            })
            .is_err());
    }
}
