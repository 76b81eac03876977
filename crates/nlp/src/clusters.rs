//! Word classes learnt from distributional similarity: words used in similar contexts share a class, at three
//! granularities (64, 512 and 4,096 classes, each clustered on its own, so not nested), so the tagger and the recogniser generalise from words seen in
//! training to similar words they never saw ("Toyota" → "Hyundai", "Fallujah" → "Ramadi").
//!
//! The table (`models/word-clusters.tsv`, 200,000 most frequent lowercased words) is built by
//! `scripts/build_word_clusters.py` with spherical k-means over GloVe 6B word vectors (PDDL 1.0) and compiled in.

use crate::perceptron::{feature, FeatureMap};

/// The compiled-in class table: `#` comment lines, then `word<TAB>c64<TAB>c512<TAB>c4096` lines.
pub const WORD_CLUSTERS: &str = include_str!("../models/word-clusters.tsv");

/// Number of granularities per word.
pub const LEVELS: usize = 3;

/// Classes at each granularity, coarse to fine.
const SIZES: [u16; LEVELS] = [64, 512, 4096];

/// A word's classes, coarse to fine.
pub type Classes = [u16; LEVELS];

/// Lowercased word → its classes.
pub struct WordClusters {
    map: FeatureMap<Classes>,
}

/// Hash key of a lowercased word.
fn key(lower: &str) -> u64 {
    feature(300, &[lower])
}

impl WordClusters {
    /// Reads a class table; errors name the line.
    pub fn parse(text: &str) -> Result<WordClusters, String> {
        let mut map = FeatureMap::default();
        map.reserve(text.len() / 18);
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let bad = || {
                format!(
                    "word-clusters.tsv:{}: expected word and 3 class numbers",
                    n + 1
                )
            };
            let mut parts = line.split('\t');
            let word = parts.next().filter(|w| !w.is_empty()).ok_or_else(bad)?;
            let mut classes = [0u16; LEVELS];
            for (c, size) in classes.iter_mut().zip(SIZES) {
                *c = parts
                    .next()
                    .and_then(|p| p.parse::<u16>().ok())
                    .filter(|&c| c < size)
                    .ok_or_else(bad)?;
            }
            if parts.next().is_some() {
                return Err(bad());
            }
            map.insert(key(word), classes);
        }
        Ok(WordClusters { map })
    }

    /// The classes of a lowercased word, if the table has it.
    #[inline]
    pub fn get(&self, lower: &str) -> Option<Classes> {
        self.map.get(&key(lower)).copied()
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The compiled-in table, parsed on first use (empty if it were broken; a test keeps it valid).
pub fn word_clusters() -> &'static WordClusters {
    static TABLE: std::sync::OnceLock<WordClusters> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        WordClusters::parse(WORD_CLUSTERS).unwrap_or(WordClusters {
            map: FeatureMap::default(),
        })
    })
}

/// Feature strings of class numbers ("0" to "4095"), so features can borrow them.
pub fn class_name(class: u16) -> &'static str {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| (0..4096).map(|c| c.to_string()).collect());
    names[usize::from(class).min(names.len() - 1)].as_str()
}

/// Feature string of a word without a class.
pub const UNKNOWN: &str = "?";

/// The class names of a lowercased word at each granularity ([`UNKNOWN`] for words not in the table).
pub fn class_names(lower: &str) -> [&'static str; LEVELS] {
    match word_clusters().get(lower) {
        Some(c) => c.map(class_name),
        None => [UNKNOWN; LEVELS],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_is_valid_and_groups_similar_words() {
        let table = WordClusters::parse(WORD_CLUSTERS).expect("valid table");
        assert!(table.len() > 100_000);
        let (a, b) = (table.get("toyota").unwrap(), table.get("hyundai").unwrap());
        assert_eq!(a[2], b[2]);
        let (c, d) = (table.get("fallujah").unwrap(), table.get("toyota").unwrap());
        assert_ne!(c[2], d[2]);
    }

    #[test]
    fn bad_lines_are_named() {
        let e = WordClusters::parse("# c\nword\t1\t2\n").err().unwrap();
        assert!(e.contains(":2:"), "{e}");
        let e = WordClusters::parse("word\t1\t2\t9999\n").err().unwrap();
        assert!(e.contains(":1:"), "{e}");
    }
}
