//! Known people and organisations for the named-entity recogniser's dictionary features: some 31,000 names
//! (politicians, bodies, companies, NGOs, armed groups) from the PETRARCH-2 Phoenix actor dictionaries, built by
//! `scripts/build_entity_names.py` into `models/entity-names.tsv` (`name<TAB>class`, the name lowercased with its
//! words separated by one space, the class `PER` or `ORG`).
//!
//! Unlike petrel's actor dictionaries these names carry no codes and are not curated: they only tell the
//! recogniser that a phrase has been a name, and of what kind.

use crate::perceptron::{feature, FeatureMap};

/// The compiled-in table.
pub const ENTITY_NAMES: &str = include_str!("../models/entity-names.tsv");

/// Classes of the table, in the order of their ids.
const CLASSES: [&str; 2] = ["PER", "ORG"];

/// Feature values per class: `[B-, I-]`.
const TAGS: [[&str; 2]; 2] = [["B-PER", "I-PER"], ["B-ORG", "I-ORG"]];

/// Longest name looked up, in words.
const MAX_WORDS: usize = 8;

/// A table of names.
#[derive(Default, Debug)]
pub struct EntityNames {
    /// Key of a name's words ([`phrase_key`]) → class id.
    phrases: FeatureMap<u8>,
    /// Key of a first word → the most words of a name starting with it.
    first: FeatureMap<u8>,
}

fn phrase_key(words: &[&str]) -> u64 {
    feature(210, words)
}

fn first_key(word: &str) -> u64 {
    feature(211, &[word])
}

impl EntityNames {
    /// Reads a table (`#` comments; errors name the line).
    pub fn parse(text: &str) -> Result<EntityNames, String> {
        let mut names = EntityNames::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = || format!("entity-names.tsv:{}: bad row {line:?}", n + 1);
            let (name, class) = line.split_once('\t').ok_or_else(bad)?;
            let class = CLASSES.iter().position(|c| *c == class).ok_or_else(bad)?;
            let words: Vec<&str> = name.split(' ').collect();
            if words.iter().any(|w| w.is_empty())
                || words.len() > MAX_WORDS
                || name.chars().any(char::is_uppercase)
            {
                return Err(bad());
            }
            names.phrases.insert(phrase_key(&words), class as u8);
            let longest = names.first.entry(first_key(words[0])).or_insert(0);
            *longest = (*longest).max(words.len() as u8);
        }
        Ok(names)
    }

    /// The compiled-in table (empty if it were broken; a test keeps it valid).
    pub fn builtin() -> &'static EntityNames {
        static TABLE: std::sync::OnceLock<EntityNames> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| EntityNames::parse(ENTITY_NAMES).unwrap_or_default())
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// For each word (lowercased), `B-PER`/`I-PER`/`B-ORG`/`I-ORG` when it is part of the longest known name
    /// covering it, else `""`.
    pub fn tags(&self, lower: &[String]) -> Vec<&'static str> {
        let mut out = vec![""; lower.len()];
        let mut i = 0;
        let mut words: Vec<&str> = Vec::with_capacity(MAX_WORDS);
        while i < lower.len() {
            let longest = self.first.get(&first_key(&lower[i])).copied().unwrap_or(0) as usize;
            let mut step = 1;
            for len in (1..=longest.min(lower.len() - i)).rev() {
                words.clear();
                words.extend(lower[i..i + len].iter().map(String::as_str));
                if let Some(&class) = self.phrases.get(&phrase_key(&words)) {
                    let [b, inside] = TAGS[class as usize];
                    out[i] = b;
                    for slot in &mut out[i + 1..i + len] {
                        *slot = inside;
                    }
                    step = len;
                    break;
                }
            }
            i += step;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_lowercase).collect()
    }

    #[test]
    fn longest_names_are_found() {
        let t = EntityNames::parse("# c\nhome depot\tORG\nhome depot inc\tORG\nkofi annan\tPER\n")
            .unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(
            t.tags(&lower("Kofi Annan visited Home Depot Inc today")),
            ["B-PER", "I-PER", "", "B-ORG", "I-ORG", "I-ORG", ""]
        );
        assert_eq!(t.tags(&lower("home")), [""]);
    }

    #[test]
    fn bad_rows_are_named() {
        let e = EntityNames::parse("x\tORG\ny\tPLACE\n").unwrap_err();
        assert!(e.contains(":2:"), "{e}");
        assert!(EntityNames::parse("Upper\tORG\n").is_err());
        assert!(EntityNames::parse("a  b\tORG\n").is_err());
    }

    #[test]
    fn builtin_table_is_valid() {
        EntityNames::parse(ENTITY_NAMES).unwrap();
        assert!(EntityNames::builtin().len() > 20_000);
    }
}
