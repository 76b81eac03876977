//! Event trigger patterns (`data/patterns/events.txt`): `CODE<TAB>PATTERN`, matched on lowercased tokens.
//!
//! Pattern elements: `word`, `a|b|c`, `{verb}` (every inflection), `noun~` (singular and plural) — the three
//! may be mixed as alternatives (`{give}|{send}`, `protest~|rally~`) —
//! `*` (one token), `...` (0–6 tokens, not across `, ; : " ( )` or a dash).

use crate::ontology::Ontology;
use crate::source::{DictError, DictFile};
use petrel_nlp::{is_irregular_verb_form, noun_forms, verb_forms};
use std::collections::HashMap;

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// Any of these lowercase tokens.
    Word(Vec<String>),
    /// Any of these lowercase tokens where the tagger reads it as a verb (`{support}@V`: "China supports" but
    /// not "China's support"); never matches without a part-of-speech layer.
    Verb(Vec<String>),
    /// Exactly one token.
    Any,
    /// Zero to [`MAX_GAP`] tokens.
    Gap,
}

/// Longest gap `...` may stand for.
pub const MAX_GAP: usize = 6;

/// A trigger pattern and the CAMEO code it gives.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// CAMEO event code.
    pub code: String,
    /// Elements in order.
    pub elements: Vec<Element>,
    /// The pattern as written, for evidence.
    pub source: String,
    /// `file:line` where it was defined.
    pub origin: String,
    /// True when the first element is a verb (see `first_is_verb`): such triggers take a subject.
    pub verbal: bool,
    /// A fallback (`CODE!` in the file): it stands only in a sentence where no other pattern matched ("the
    /// minister said ..." is a statement when nothing else is told).
    pub fallback: bool,
    /// A fallback that stands only where the sentence judges (`CODE?` in the file): a label such as "called
    /// China's move unjustified" or "described the ruling as a disgrace" is a criticism or a praise by the words
    /// of judgement (`evaluation.tsv`), and without them no statement ("a group called Hamas").
    pub judged_only: bool,
}

impl Pattern {
    /// Whether a negation is one of the pattern's own words ("no comment", "could not comment"): then the
    /// negation is what the pattern means, and it does not negate the event.
    pub fn negation_is_its_own(&self) -> bool {
        self.elements.iter().any(|e| match e {
            Element::Word(ws) | Element::Verb(ws) => ws
                .iter()
                .any(|w| matches!(w.as_str(), "not" | "no" | "n't" | "never" | "cannot")),
            _ => false,
        })
    }

    /// Number of non-gap elements: how specific the pattern is.
    pub fn weight(&self) -> usize {
        self.elements
            .iter()
            .filter(|e| !matches!(e, Element::Gap))
            .count()
    }

    /// Tries to match at token `i` of `tokens` (lowercased forms); returns the end (exclusive)
    /// of the shortest match. Also returns the index of the last `Word` token matched, unused by callers
    /// that only need the span.
    pub fn match_at(&self, tokens: &[&str], i: usize) -> Option<usize> {
        match_from(&self.elements, tokens, None, i)
    }

    /// As [`Pattern::match_at`], with `verbs[i]` telling whether the tagger read token `i` as a verb.
    pub fn match_tagged(&self, tokens: &[&str], verbs: &[bool], i: usize) -> Option<usize> {
        match_from(&self.elements, tokens, Some(verbs), i)
    }
}

/// Tokens a gap never crosses: clause punctuation and subordinating words (a pattern stays in one clause).
fn breaks_gap(tok: &str) -> bool {
    matches!(
        tok,
        "," | ";"
            | ":"
            | "\""
            | "("
            | ")"
            | "--"
            | "-"
            | "."
            | "!"
            | "?"
            | "after"
            | "before"
            | "when"
            | "while"
            | "because"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "although"
            | "though"
            | "but"
            | "whereas"
            | "until"
    )
}

fn match_from(
    elements: &[Element],
    tokens: &[&str],
    verbs: Option<&[bool]>,
    i: usize,
) -> Option<usize> {
    let Some((first, rest)) = elements.split_first() else {
        return Some(i);
    };
    match first {
        Element::Word(alts) => {
            let t = tokens.get(i)?;
            if alts.iter().any(|a| a == t) {
                match_from(rest, tokens, verbs, i + 1)
            } else {
                None
            }
        }
        Element::Verb(alts) => {
            let t = tokens.get(i)?;
            let verb = verbs.is_some_and(|v| v.get(i).copied().unwrap_or(false));
            if verb && alts.iter().any(|a| a == t) {
                match_from(rest, tokens, verbs, i + 1)
            } else {
                None
            }
        }
        Element::Any => {
            tokens.get(i)?;
            match_from(rest, tokens, verbs, i + 1)
        }
        Element::Gap => {
            let (mut skip, mut words) = (0, 0);
            loop {
                if let Some(end) = match_from(rest, tokens, verbs, i + skip) {
                    return Some(end);
                }
                let t = tokens.get(i + skip)?;
                // "a 30-day state of emergency": a hyphenated compound is one word of the gap
                if *t == "-" && skip > 0 && tokens.get(i + skip + 1).is_some_and(|n| !breaks_gap(n))
                {
                    skip += 2;
                    continue;
                }
                // "a World Trade Organization (WTO) dispute": a one-word aside in brackets is part of the
                // phrase, not a break
                if *t == "("
                    && skip > 0
                    && tokens.get(i + skip + 2) == Some(&")")
                    && tokens.get(i + skip + 1).is_some_and(|n| !breaks_gap(n))
                {
                    skip += 3;
                    continue;
                }
                if breaks_gap(t) || words == MAX_GAP {
                    return None;
                }
                words += 1;
                skip += 1;
            }
        }
    }
}

/// All patterns, indexed by the tokens their first element accepts.
#[derive(Clone, Debug, Default)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    by_first: HashMap<String, Vec<usize>>,
}

/// A pattern match in a token sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternMatch {
    /// Index of the pattern in the set.
    pub pattern: usize,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

impl PatternSet {
    /// Parses pattern files; every code must exist in the ontology. Later files may add patterns;
    /// a pattern text repeated with another code overrides the earlier definition.
    pub fn load(files: &[DictFile<'_>], ontology: &Ontology) -> Result<PatternSet, DictError> {
        let mut set = PatternSet::default();
        let mut by_text: HashMap<String, usize> = HashMap::new();
        for f in files {
            for (n, line) in f.lines() {
                let Some((code, pat)) = line.split_once('\t') else {
                    return Err(f.error(n, "expected CODE<TAB>PATTERN"));
                };
                let code = code.trim();
                let (code, fallback, judged_only) = match code.strip_suffix('!') {
                    Some(c) => (c, true, false),
                    None => match code.strip_suffix('?') {
                        Some(c) => (c, true, true),
                        None => (code, false, false),
                    },
                };
                if ontology.get(code).is_none() {
                    return Err(f.error(n, format!("unknown CAMEO code {code:?}")));
                }
                let pattern = parse_pattern(pat.trim()).map_err(|m| f.error(n, m))?;
                let p = Pattern {
                    code: code.to_string(),
                    verbal: first_is_verb(pat),
                    fallback,
                    judged_only,
                    elements: pattern,
                    source: pat.trim().to_string(),
                    origin: format!("{}:{}", f.name, n),
                };
                match by_text.get(&p.source) {
                    Some(&i) if set.patterns[i].origin.starts_with(f.name) => {
                        return Err(f.error(
                            n,
                            format!(
                                "duplicate pattern {:?} (first at {})",
                                p.source, set.patterns[i].origin
                            ),
                        ));
                    }
                    Some(&i) => set.patterns[i] = p,
                    None => {
                        by_text.insert(p.source.clone(), set.patterns.len());
                        set.patterns.push(p);
                    }
                }
            }
        }
        for (i, p) in set.patterns.iter().enumerate() {
            if let Some(Element::Word(alts) | Element::Verb(alts)) = p.elements.first() {
                for a in alts {
                    set.by_first.entry(a.clone()).or_default().push(i);
                }
            }
        }
        Ok(set)
    }

    /// The pattern at an index.
    pub fn get(&self, i: usize) -> &Pattern {
        &self.patterns[i]
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every match in a token sequence (lowercased forms); verb-only elements (`@V`) never match.
    pub fn find_all(&self, tokens: &[&str]) -> Vec<PatternMatch> {
        self.find(tokens, None)
    }

    /// Every match in a token sequence, `verbs[i]` telling whether the tagger read token `i` as a verb.
    pub fn find_all_tagged(&self, tokens: &[&str], verbs: &[bool]) -> Vec<PatternMatch> {
        self.find(tokens, Some(verbs))
    }

    fn find(&self, tokens: &[&str], verbs: Option<&[bool]>) -> Vec<PatternMatch> {
        let mut out = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if let Some(ids) = self.by_first.get(*t) {
                for &p in ids {
                    if let Some(end) = match_from(&self.patterns[p].elements, tokens, verbs, i) {
                        out.push(PatternMatch {
                            pattern: p,
                            start: i,
                            end,
                        });
                    }
                }
            }
        }
        out
    }
}

/// True when the pattern begins with a verb: a `{lemma}`, or literal forms among which is a past or
/// progressive form ("banned|banning", "arrested|arrests"). Such triggers take a subject.
fn first_is_verb(pat: &str) -> bool {
    let first = pat.split_whitespace().next().unwrap_or("");
    if first.ends_with("@V") {
        return true;
    }
    first.split('|').any(|a| {
        a.starts_with('{')
            || (!a.ends_with('~')
                && (a.ends_with("ed")
                    || a.ends_with("ing")
                    || a.ends_with("ly")
                    || is_irregular_verb_form(a)
                    || matches!(
                        a,
                        "is" | "are" | "was" | "were" | "been" | "will" | "would" | "has" | "have"
                    )))
    })
}

/// Parses the pattern part of a line into elements.
pub fn parse_pattern(pat: &str) -> Result<Vec<Element>, String> {
    let mut out = Vec::new();
    for raw in pat.split(' ').filter(|s| !s.is_empty()) {
        let el = if raw == "..." {
            Element::Gap
        } else if raw == "*" {
            Element::Any
        } else {
            let (raw, verb_only) = match raw.strip_suffix("@V") {
                Some(r) => (r, true),
                None => (raw, false),
            };
            let mut alts = Vec::new();
            for a in raw.split('|') {
                if let Some(inner) = a.strip_prefix('{') {
                    let lemma = inner
                        .strip_suffix('}')
                        .ok_or_else(|| format!("unclosed verb braces in {raw:?}"))?;
                    if lemma.is_empty() || lemma.contains(['{', '}', '~', ' ']) {
                        return Err(format!(
                            "a verb element holds one lemma, like {{send}}: {raw:?}"
                        ));
                    }
                    alts.extend(verb_forms(lemma));
                    continue;
                }
                if a.is_empty() || a.contains(['{', '}']) || a == "..." || a == "*" {
                    return Err(format!("bad alternative in {raw:?}"));
                }
                match a.strip_suffix('~') {
                    Some(noun) if !noun.is_empty() => alts.extend(noun_forms(noun)),
                    Some(_) => return Err(format!("bad noun element {raw:?}")),
                    None => alts.push(a.to_lowercase()),
                }
            }
            alts.sort();
            alts.dedup();
            if verb_only {
                Element::Verb(alts)
            } else {
                Element::Word(alts)
            }
        };
        out.push(el);
    }
    match (out.first(), out.last()) {
        (None, _) => Err("empty pattern".into()),
        (Some(Element::Gap | Element::Any), _) => {
            Err("a pattern must start with a word or verb".into())
        }
        (_, Some(Element::Gap)) => Err("a pattern cannot end with ...".into()),
        _ => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn matches_gaps_and_inflections() {
        let p = Pattern {
            code: "0234".into(),
            elements: parse_pattern("{request} ... help|assistance").unwrap(),
            source: String::new(),
            origin: String::new(),
            verbal: true,
            fallback: false,
            judged_only: false,
        };
        assert_eq!(p.match_at(&toks("kazakhstan requested help"), 1), Some(3));
        assert_eq!(
            p.match_at(&toks("requests military and police assistance from"), 0),
            Some(5)
        );
        assert_eq!(p.match_at(&toks("requested , however , help"), 0), None);
        assert_eq!(p.match_at(&toks("requested a b c d e f g help"), 0), None);
        // a hyphenated compound is one word of the gap; a dash between words still ends it
        assert_eq!(
            p.match_at(&toks("requested a 30 - day military help"), 0),
            Some(7)
        );
        assert_eq!(p.match_at(&toks("requested - help"), 0), None);
        // so is a one-word aside in brackets; a longer one ends it
        assert_eq!(p.match_at(&toks("requested un ( ocha ) help"), 0), Some(6));
        assert_eq!(
            p.match_at(&toks("requested un ( ocha says ) help"), 0),
            None
        );
        let q = parse_pattern("protest~ {erupt}").unwrap();
        assert_eq!(
            match_from(&q, &toks("the protests erupted"), None, 1),
            Some(3)
        );
    }

    #[test]
    fn verb_only_elements_need_the_tagger() {
        let p = Pattern {
            code: "051".into(),
            elements: parse_pattern("{support}@V").unwrap(),
            source: String::new(),
            origin: String::new(),
            verbal: first_is_verb("{support}@V"),
            fallback: false,
            judged_only: false,
        };
        assert!(p.verbal);
        let t = toks("china supports the plan");
        assert_eq!(p.match_tagged(&t, &[false, true, false, false], 1), Some(2));
        // the noun ("China's support"), or no tagger at all: no match
        assert_eq!(p.match_tagged(&t, &[false, false, false, false], 1), None);
        assert_eq!(p.match_at(&t, 1), None);
        let mut set = PatternSet::default();
        set.patterns.push(p);
        set.by_first.insert("supports".into(), vec![0]);
        assert_eq!(set.find_all(&t).len(), 0);
        assert_eq!(
            set.find_all_tagged(&t, &[false, true, false, false]).len(),
            1
        );
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in [
            "", "... x", "* x", "x ...", "{a|b}", "{send", "a||b", "~", "{}",
        ] {
            assert!(parse_pattern(bad).is_err(), "{bad}");
        }
    }
}
