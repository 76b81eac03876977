//! Repairs of parses the greedy parser gets wrong in a known, checkable way.
//!
//! "The rebels threatened to retaliate after troops shelled the town": read word by word, "after troops" looks
//! like a prepositional phrase, and the parser, having attached it, joins "shelled" to "threatened" as a second
//! verb of the rebels. A temporal preposition whose noun is followed at once by a finite verb with no subject
//! of its own opens a clause instead: the noun is that verb's subject, the preposition its marker, and the
//! clause modifies what the phrase modified.

use super::Arc;

/// Prepositions that also open clauses of time.
const CLAUSE_OPENERS: &[&str] = &["after", "before", "since", "until", "till"];

/// Relations of a noun that a clause opener may wrongly have made a phrase of.
const PHRASE_RELATIONS: &[&str] = &["obl", "obl:tmod", "obl:npmod", "nmod"];

/// Rewires "after NOUN VERB" (see the module docs) in a parse of `forms` with tags `upos`/`xpos` (heads 1-based,
/// 0 = root). Keeps the tree a tree: a repair that would make a cycle is not made.
pub(super) fn clauses_after_prepositions(
    forms: &[&str],
    upos: &[&str],
    xpos: &[&str],
    arcs: &mut [Arc],
) {
    let n = arcs.len().min(forms.len()).min(upos.len()).min(xpos.len());
    let head = |arcs: &[Arc], i: usize| arcs[i].head.checked_sub(1);
    for p in 0..n {
        if arcs[p].label != "case"
            || !CLAUSE_OPENERS
                .iter()
                .any(|o| forms[p].eq_ignore_ascii_case(o))
        {
            continue;
        }
        let Some(noun) = head(arcs, p).filter(|&h| h > p && h < n) else {
            continue;
        };
        if !matches!(upos[noun], "NOUN" | "PROPN" | "PRON")
            || !PHRASE_RELATIONS.contains(&arcs[noun].label.as_str())
        {
            continue;
        }
        let Some(outer) = head(arcs, noun) else {
            continue;
        };
        // the noun's phrase ends right before the verb (or the auxiliary of the verb)
        let end = (noun..n)
            .take_while(|&i| i == noun || descends(arcs, i, noun))
            .last()
            .unwrap_or(noun);
        let v = end + 1;
        if v >= n {
            continue;
        }
        let verb = if upos[v] == "VERB" && matches!(xpos[v], "VBD" | "VBZ" | "VBP") {
            v
        } else if upos[v] == "AUX" && matches!(arcs[v].label.as_str(), "aux" | "aux:pass") {
            match head(arcs, v) {
                Some(h) if h > v && h < n && upos[h] == "VERB" => h,
                _ => continue,
            }
        } else {
            continue;
        };
        let children = |arcs: &[Arc], rel: &str| {
            (0..n).any(|c| head(arcs, c) == Some(verb) && arcs[c].label.starts_with(rel))
        };
        if children(arcs, "nsubj") || children(arcs, "csubj") {
            continue;
        }
        let passive = children(arcs, "aux:pass");
        let before = (arcs[p].clone(), arcs[noun].clone(), arcs[verb].clone());
        arcs[noun] = Arc {
            head: verb + 1,
            label: if passive { "nsubj:pass" } else { "nsubj" }.into(),
        };
        arcs[p] = Arc {
            head: verb + 1,
            label: "mark".into(),
        };
        arcs[verb] = Arc {
            head: outer + 1,
            label: "advcl".into(),
        };
        if descends(arcs, outer, verb) || outer == verb {
            (arcs[p], arcs[noun], arcs[verb]) = before;
        }
    }
}

/// Whether `i` lies under `top` (at any depth; not `i == top`).
fn descends(arcs: &[Arc], i: usize, top: usize) -> bool {
    let mut at = i;
    for _ in 0..arcs.len() {
        match arcs[at].head.checked_sub(1) {
            Some(h) if h == top => return true,
            Some(h) => at = h,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arcs(spec: &[(usize, &str)]) -> Vec<Arc> {
        spec.iter()
            .map(|&(head, label)| Arc {
                head,
                label: label.into(),
            })
            .collect()
    }

    #[test]
    fn a_clause_after_a_preposition() {
        // The rebels threatened to retaliate after troops shelled the town .
        let forms = [
            "The",
            "rebels",
            "threatened",
            "to",
            "retaliate",
            "after",
            "troops",
            "shelled",
            "the",
            "town",
            ".",
        ];
        let upos = [
            "DET", "NOUN", "VERB", "PART", "VERB", "ADP", "NOUN", "VERB", "DET", "NOUN", "PUNCT",
        ];
        let xpos = [
            "DT", "NNS", "VBD", "TO", "VB", "IN", "NNS", "VBD", "DT", "NN", ".",
        ];
        // the parser's reading: "after troops" a phrase of "retaliate", "shelled" a second verb of the rebels
        let mut a = arcs(&[
            (2, "det"),
            (3, "nsubj"),
            (0, "root"),
            (5, "mark"),
            (3, "xcomp"),
            (7, "case"),
            (5, "obl"),
            (3, "conj"),
            (10, "det"),
            (8, "obj"),
            (3, "punct"),
        ]);
        clauses_after_prepositions(&forms, &upos, &xpos, &mut a);
        assert_eq!((a[6].head, a[6].label.as_str()), (8, "nsubj"));
        assert_eq!((a[5].head, a[5].label.as_str()), (8, "mark"));
        assert_eq!((a[7].head, a[7].label.as_str()), (5, "advcl"));
        // a phrase that is one stays one: "after the talks in Geneva ."
        let mut b = arcs(&[
            (3, "case"),
            (3, "det"),
            (0, "root"),
            (5, "case"),
            (3, "nmod"),
            (3, "punct"),
        ]);
        let before = b.clone();
        clauses_after_prepositions(
            &["after", "the", "talks", "in", "Geneva", "."],
            &["ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
            &["IN", "DT", "NNS", "IN", "NNP", "."],
            &mut b,
        );
        assert_eq!(b, before);
    }

    #[test]
    fn no_repair_makes_a_cycle() {
        // after troops shelled : "troops" under "shelled" already, the root
        let mut a = arcs(&[(2, "case"), (3, "obl"), (0, "root")]);
        clauses_after_prepositions(
            &["after", "troops", "shelled"],
            &["ADP", "NOUN", "VERB"],
            &["IN", "NNS", "VBD"],
            &mut a,
        );
        assert_eq!(a[2].head, 0);
        assert!((0..3).all(|i| i == 2 || !descends(&a, 2, i)));
    }
}
