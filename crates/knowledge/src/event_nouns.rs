//! Nouns that name an event told before ("condemned the attack"): the antecedent of such an object gives the
//! target (`data/patterns/event-nouns.tsv`).

use crate::source::{DictError, DictFile};
use std::collections::HashMap;

/// Event nouns with the CAMEO roots of the events they can name.
#[derive(Clone, Debug, Default)]
pub struct EventNouns {
    roots: HashMap<String, Vec<String>>,
}

impl EventNouns {
    /// Adds a file's rows (`noun<TAB>roots`); a later row for the same noun replaces the earlier one.
    pub fn load(&mut self, file: DictFile<'_>) -> Result<(), DictError> {
        for row in file.rows(2) {
            let (n, f) = row?;
            let noun = f[0];
            if noun.chars().any(|c| c.is_uppercase() || c.is_whitespace()) {
                return Err(file.error(n, format!("noun {noun:?} must be one lowercase word")));
            }
            let roots: Vec<String> = if f[1] == "-" {
                Vec::new()
            } else {
                f[1].split(',').map(|r| r.trim().to_string()).collect()
            };
            for r in &roots {
                let ok = r.len() == 2 && r.parse::<u8>().is_ok_and(|v| (1..=20).contains(&v));
                if !ok {
                    return Err(file.error(n, format!("{r:?} is not a CAMEO root (01-20)")));
                }
            }
            self.roots.insert(noun.to_string(), roots);
        }
        Ok(())
    }

    /// The roots a noun can name (empty: any), or None when it is not an event noun.
    pub fn roots(&self, noun: &str) -> Option<&[String]> {
        self.roots.get(noun).map(Vec::as_slice)
    }

    /// Whether an event with this CAMEO code can be what the noun names.
    pub fn names(&self, noun: &str, cameo: &str) -> bool {
        self.roots(noun)
            .is_some_and(|r| r.is_empty() || r.iter().any(|r| cameo.starts_with(r.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_checks_roots() {
        let mut nouns = EventNouns::default();
        let file = DictFile {
            name: "event-nouns.tsv",
            text: "# c\nattack\t18,19\nvote\t-\n",
        };
        nouns.load(file).unwrap();
        assert!(nouns.names("attack", "190"));
        assert!(!nouns.names("attack", "111"));
        assert!(nouns.names("vote", "111"));
        assert!(nouns.roots("table").is_none());
        let bad = DictFile {
            name: "event-nouns.tsv",
            text: "attack\t18\nraid\t21\n",
        };
        let err = EventNouns::default().load(bad).unwrap_err();
        assert_eq!(err.line, 2);
    }
}
