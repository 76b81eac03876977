//! Training labels from GUM: its person, place and organisation mentions made into named entities in UNER's
//! convention.

use super::{NerLexicon, TYPES};

/// Honorifics that precede a person's name but are not part of it in UNER's convention ("Dr. Dorn" → "Dorn");
/// role titles ("President") come from the lexicon.
const HONORIFICS: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "lord",
    "lady", "st", "st.", "rev", "rev.", "gen", "gen.", "sen", "sen.", "gov", "gov.", "rep", "rep.",
    "col", "col.", "capt", "capt.", "lt", "lt.", "sgt", "sgt.", "mayor", "judge", "justice",
    "pope", "saint", "uncle", "aunt",
];

/// Words that join proper nouns inside one organisation or place name ("Bank of America", "AT & T").
const NAME_JOINERS: &[&str] = &[
    "of", "&", "de", "for", "du", "la", "der", "von", "van", "al",
];

/// IOB2 labels in UNER's convention for a GUM sentence, from its person/place/organization mentions (the
/// sentence's `entities`, gold UPOS and heads).
///
/// UNER marks named entities only, without determiners or titles, where GUM marks every mention: a mention
/// counts when its head word is a proper noun; its label covers the run of proper nouns around the head
/// (joined by "of", "&" and the like inside organisation and place names), minus leading titles of persons.
/// Overlapping candidates keep the longest.
pub fn gum_labels(s: &crate::conllu::TreeSentence, lexicon: &dyn NerLexicon) -> Vec<String> {
    let n = s.words.len();
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let dict = lexicon.classes(&forms);
    // UD tags "United" in "United States" VERB and "New" in "New York" ADJ: inside a mention, a capitalised
    // content word is part of the name too
    let is_name = |k: usize| {
        let w = &s.words[k];
        w.upos == "PROPN"
            || (matches!(w.upos.as_str(), "ADJ" | "VERB" | "NOUN" | "NUM")
                && w.form.chars().next().is_some_and(char::is_uppercase))
    };
    let is_joiner = |k: usize| NAME_JOINERS.contains(&s.words[k].form.to_lowercase().as_str());
    let is_title = |k: usize| {
        dict[k].ends_with("-ROLE") || HONORIFICS.contains(&s.words[k].form.to_lowercase().as_str())
    };
    let mut candidates: Vec<(usize, usize, &str)> = Vec::new();
    for (a, b, ty) in &s.entities {
        let (a, b) = (*a, (*b).min(n));
        if a >= b {
            continue;
        }
        // the head: the word whose head lies outside the mention
        let Some(h) = (a..b).find(|&k| {
            let hd = s.words[k].head;
            hd == 0 || hd - 1 < a || hd > b
        }) else {
            continue;
        };
        if s.words[h].upos != "PROPN" {
            continue;
        }
        let joins = ty != "PER";
        // "and" joins inside organisation names ("Department of Housing and Urban Development"); between places
        // it is mostly a coordination of two names
        let is_joiner = |k: usize| is_joiner(k) || (ty == "ORG" && s.words[k].form == "and");
        let (mut l, mut r) = (h, h + 1);
        loop {
            if l > a && is_name(l - 1) {
                l -= 1;
            } else if joins && l >= a + 2 && is_joiner(l - 1) && is_name(l - 2) {
                l -= 2;
            } else {
                break;
            }
        }
        loop {
            if r < b && is_name(r) {
                r += 1;
            } else if joins && r + 1 < b && is_joiner(r) && is_name(r + 1) {
                r += 2;
            } else {
                break;
            }
        }
        if ty == "PER" {
            while r - l > 1 && (is_title(l) || dict[l].ends_with("-DEMONYM")) {
                l += 1;
            }
        }
        // UNER's LOC covers countries wherever GUM calls them organisations ("North Korea has the bomb")
        let country = dict[l] == "B-COUNTRY"
            && dict[l + 1..r].iter().all(|d| d == "I-COUNTRY")
            && dict.get(r).is_none_or(|d| d != "I-COUNTRY");
        let ty = if country { "LOC" } else { ty.as_str() };
        let Some(t) = TYPES.iter().find(|t| **t == ty) else {
            continue;
        };
        candidates.push((l, r, t));
    }
    candidates.sort_by(|x, y| (y.1 - y.0).cmp(&(x.1 - x.0)).then(x.0.cmp(&y.0)));
    let mut labels = vec!["O".to_string(); n];
    for (l, r, t) in candidates {
        if labels[l..r].iter().any(|x| x != "O") {
            continue;
        }
        labels[l] = format!("B-{t}");
        for x in &mut labels[l + 1..r] {
            *x = format!("I-{t}");
        }
    }
    labels
}
