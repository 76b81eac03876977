//! A sentence's main verb, when the tagger left it none.
//!
//! Greedy tagging reads "Kenyan troops attacked Ugandan positions." as a noun phrase with a participle
//! ("troops [that were] attacked") and "Kenyan police shot demonstrators" as a compound noun ("police shot"), so the
//! parser finds a passive or no verb at all, and the event goes to the wrong side or is lost. A sentence of
//! several words told with a full stop has a finite verb; when the tagger gave it none, the word that can be a
//! verb, follows its subject and takes an object is one in the past tense.

/// Tags that make a clause finite.
const FINITE: &[&str] = &["VBD", "VBZ", "VBP", "MD"];

/// Tags a subject ends with.
const SUBJECT_ENDS: &[&str] = &["NN", "NNS", "NNP", "NNPS", "PRP"];

/// Tags an object starts with.
const OBJECT_STARTS: &[&str] = &["DT", "JJ", "NN", "NNS", "NNP", "NNPS", "CD", "PRP", "PRP$"];

/// The position to retag as a past-tense verb (VERB VBD) in a sentence of `words` tagged `xpos`, if any: only in a
/// sentence with no finite verb that ends with a full stop; the first past participle, or the first noun the
/// lexicon also knows as a verb (`can_be_verb`) ending in a past form, between a subject and an object.
pub(crate) fn missing_main_verb(
    words: &[&str],
    xpos: &[&str],
    can_be_verb: impl Fn(&str) -> bool,
) -> Option<usize> {
    let n = words.len().min(xpos.len());
    if n < 4 || words[n - 1] != "." || xpos[..n].iter().any(|x| FINITE.contains(x)) {
        return None;
    }
    // (a list item or a title with its colon, "- Eligible survivors of ...", "Text in → Structured data out", is
    // no sentence: it keeps its phrases)
    if !words[0].starts_with(|c: char| c.is_alphabetic() || c == '"') || words.contains(&":") {
        return None;
    }
    (1..n - 1).find(|&i| {
        let between = SUBJECT_ENDS.contains(&xpos[i - 1]) && OBJECT_STARTS.contains(&xpos[i + 1]);
        between
            && (xpos[i] == "VBN"
                || matches!(xpos[i], "NN" | "NNS") && past_form(words[i]) && can_be_verb(words[i]))
    })
}

/// Whether a word has the form of a past tense: "-ed", or one of the irregular verbs of force that news uses
/// most.
fn past_form(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    w.ends_with("ed") || matches!(w.as_str(), "shot" | "hit" | "struck" | "beat" | "fought")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_without_a_finite_verb_gets_one() {
        let words = ["Kenyan", "troops", "attacked", "Ugandan", "positions", "."];
        let xpos = ["JJ", "NNS", "VBN", "JJ", "NNS", "."];
        assert_eq!(missing_main_verb(&words, &xpos, |_| true), Some(2));
        let words = [
            "Kenyan",
            "police",
            "shot",
            "demonstrators",
            "in",
            "Nairobi",
            ".",
        ];
        let xpos = ["JJ", "NN", "NN", "NNS", "IN", "NNP", "."];
        assert_eq!(missing_main_verb(&words, &xpos, |_| true), Some(2));
        // (not a word the lexicon never saw as a verb)
        assert_eq!(missing_main_verb(&words, &xpos, |_| false), None);
    }

    #[test]
    fn headlines_and_finite_sentences_stay() {
        // a headline's participle without an object, and a sentence that has its verb
        let words = ["Soldier", "killed", "in", "Syria", "."];
        let xpos = ["NN", "VBN", "IN", "NNP", "."];
        assert_eq!(missing_main_verb(&words, &xpos, |_| true), None);
        let words = ["Troops", "attacked", "by", "rebels", "were", "wounded", "."];
        let xpos = ["NNS", "VBN", "IN", "NNS", "VBD", "VBN", "."];
        assert_eq!(missing_main_verb(&words, &xpos, |_| true), None);
        // no full stop: a title; a list item
        let words = ["Kenyan", "troops", "attacked", "Ugandan", "positions"];
        let xpos = ["JJ", "NNS", "VBN", "JJ", "NNS"];
        assert_eq!(missing_main_verb(&words, &xpos, |_| true), None);
        let words = [
            "-",
            "Eligible",
            "survivors",
            "deceased",
            "service",
            "members",
            ".",
        ];
        let xpos = [":", "JJ", "NNS", "VBN", "NN", "NNS", "."];
        assert_eq!(missing_main_verb(&words, &xpos, |_| true), None);
    }
}
