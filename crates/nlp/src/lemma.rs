//! Lemmatiser: English suffix rules by PTB tag, plus the exceptions learnt from a treebank where the rules
//! disagree with its lemmas ("went" → "go", "n't" → "not", "data" → "datum").

use crate::conllu::TreeSentence;
use petrel_core::fxhash::FxHashMap;
use std::collections::HashMap;

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Strips a verb or adjective ending, undoing doubling ("stopped" → "stop") and restoring a silent e
/// where the stem would otherwise end consonant–vowel–consonant ("created" → "create", "making" → "make").
fn strip(stem: &str, restore_e: bool) -> String {
    let c: Vec<char> = stem.chars().collect();
    let n = c.len();
    if n >= 3
        && c[n - 1] == c[n - 2]
        && !is_vowel(c[n - 1])
        && !matches!(c[n - 1], 'l' | 's' | 'z' | 'f')
    {
        return c[..n - 1].iter().collect();
    }
    if restore_e && n >= 2 {
        let last = c[n - 1];
        let cvc = n >= 3
            && !is_vowel(c[n - 3])
            && is_vowel(c[n - 2])
            && !is_vowel(last)
            && !matches!(last, 'w' | 'x' | 'y');
        let soft = matches!(last, 'v' | 'z')
            || stem.ends_with("at") && n > 4
            || stem.ends_with("iz")
            || stem.ends_with("us")
            || stem.ends_with("uc")
            || stem.ends_with("ag") && n > 4;
        if (cvc && n <= 4) || soft {
            return format!("{stem}e");
        }
    }
    stem.to_string()
}

/// The rule lemma of a form with its PTB tag.
pub fn rule_lemma(form: &str, xpos: &str) -> String {
    if matches!(xpos, "NNP") {
        return form.to_string();
    }
    if xpos == "NNPS" {
        return form
            .strip_suffix('s')
            .filter(|s| !s.is_empty())
            .unwrap_or(form)
            .to_string();
    }
    let w = form.to_lowercase();
    let ends = |s: &str| w.ends_with(s) && w.len() > s.len() + 1;
    match xpos {
        "NNS" => {
            if ends("ies") {
                format!("{}y", &w[..w.len() - 3])
            } else if ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zes") {
                w[..w.len() - 2].to_string()
            } else if ends("s") && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        }
        "VBZ" => {
            if ends("ies") {
                format!("{}y", &w[..w.len() - 3])
            } else if ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("oes") {
                w[..w.len() - 2].to_string()
            } else if ends("s") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        }
        "VBD" | "VBN" => {
            if ends("ied") {
                format!("{}y", &w[..w.len() - 3])
            } else if ends("eed") {
                w[..w.len() - 1].to_string()
            } else if ends("ed") {
                strip(&w[..w.len() - 2], true)
            } else {
                w
            }
        }
        "VBG" => {
            if ends("ying") && w.len() > 5 {
                w[..w.len() - 3].to_string()
            } else if ends("ing") {
                strip(&w[..w.len() - 3], true)
            } else {
                w
            }
        }
        "JJR" | "RBR" => {
            if ends("ier") {
                format!("{}y", &w[..w.len() - 3])
            } else if ends("er") {
                strip(&w[..w.len() - 2], false)
            } else {
                w
            }
        }
        "JJS" | "RBS" => {
            if ends("iest") {
                format!("{}y", &w[..w.len() - 4])
            } else if ends("est") {
                strip(&w[..w.len() - 3], false)
            } else {
                w
            }
        }
        _ => w,
    }
}

/// Rules plus learnt exceptions.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    /// XPOS → form → lemma: nested so that a lookup borrows the token's strings instead of building a key.
    exceptions: FxHashMap<String, FxHashMap<String, String>>,
}

impl Lemmatizer {
    /// Learns the exceptions: (lowercased form, XPOS) pairs whose most frequent treebank lemma differs from the rule.
    pub fn train(train: &[TreeSentence]) -> Lemmatizer {
        let mut counts: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
        for s in train {
            for w in &s.words {
                *counts
                    .entry((w.form.clone(), w.xpos.clone()))
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_default() += 1;
            }
        }
        let mut l = Lemmatizer::default();
        for ((form, xpos), lemmas) in counts {
            let (best, _) = lemmas
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .expect("non-empty");
            if rule_lemma(&form, &xpos) != best {
                l.insert(form, xpos, best);
            }
        }
        l
    }

    /// The lemma of a form with its PTB tag.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        if let Some(forms) = self.exceptions.get(xpos) {
            if let Some(l) = forms.get(form) {
                return l.clone();
            }
            if form.chars().any(char::is_uppercase) {
                if let Some(l) = forms.get(&form.to_lowercase()) {
                    return l.clone();
                }
            }
        }
        rule_lemma(form, xpos)
    }

    fn insert(&mut self, form: String, xpos: String, lemma: String) {
        self.exceptions.entry(xpos).or_default().insert(form, lemma);
    }

    /// Serialises as `form<TAB>xpos<TAB>lemma` lines, sorted.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<String> = self
            .exceptions
            .iter()
            .flat_map(|(x, forms)| forms.iter().map(move |(f, l)| format!("{f}\t{x}\t{l}")))
            .collect();
        rows.sort();
        rows.join("\n").into_bytes()
    }

    /// Reads what [`Lemmatizer::to_bytes`] wrote; malformed lines are an error naming the line.
    pub fn from_bytes(b: &[u8]) -> Result<Lemmatizer, String> {
        let text = std::str::from_utf8(b)
            .map_err(|e| format!("lemma table: invalid UTF-8 at byte {}", e.valid_up_to()))?;
        let mut l = Lemmatizer::default();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 3 {
                return Err(format!("lemma table line {}: expected 3 fields", n + 1));
            }
            l.insert(f[0].to_string(), f[1].to_string(), f[2].to_string());
        }
        Ok(l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        for (form, tag, lemma) in [
            ("protests", "NNS", "protest"),
            ("armies", "NNS", "army"),
            ("churches", "NNS", "church"),
            ("stopped", "VBD", "stop"),
            ("created", "VBN", "create"),
            ("played", "VBD", "play"),
            ("making", "VBG", "make"),
            ("sending", "VBG", "send"),
            ("carries", "VBZ", "carry"),
            ("bigger", "JJR", "big"),
            ("happiest", "JJS", "happy"),
            ("Kazakhstan", "NNP", "Kazakhstan"),
            ("Americans", "NNPS", "American"),
            ("The", "DT", "the"),
            ("used", "VBN", "use"),
        ] {
            assert_eq!(rule_lemma(form, tag), lemma, "{form}");
        }
    }

    #[test]
    fn exceptions_round_trip() {
        let mut l = Lemmatizer::default();
        l.insert("went".into(), "VBD".into(), "go".into());
        let back = Lemmatizer::from_bytes(&l.to_bytes()).unwrap();
        assert_eq!(back.lemma("went", "VBD"), "go");
        assert_eq!(back.lemma("Went", "VBD"), "go");
        assert!(Lemmatizer::from_bytes(b"a\tb").is_err());
    }
}
