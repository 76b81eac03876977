//! Source and target from the dependency parse (the `syntax` layer), when it is there.
//!
//! For the trigger's head word: the source is its subject (`nsubj`), or the agent of a passive (`obl:agent`,
//! an `obl` with "by"); the target is its object (`obj`, `iobj`), the passive subject (`nsubj:pass`), or an
//! oblique with to/against/on/into/at/toward/with/from. A verb without a subject borrows one from the verb it
//! depends on (`conj`, `xcomp`, `advcl`: "stormed buildings and looted shops", "while rejecting calls");
//! a relative clause's subject ("which approved") is the noun the clause modifies. A word stands for the actor
//! mention that contains it, else the nearest mention inside its subtree ("units from Armenia"); conjuncts
//! of the subject give more sources ("China and Brazil signed").

use petrel_core::Document;

/// Roles found in the parse: indices into the caller's mention spans.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyntaxRoles {
    /// Source mentions (the subject and its conjuncts, or the passive agent).
    pub sources: Vec<usize>,
    /// Target mention.
    pub target: Option<usize>,
    /// The trigger is passive.
    pub passive: bool,
    /// The source is the trigger's own subject (`nsubj`), not one borrowed from another verb.
    pub subject_is_own: bool,
}

const TARGET_CASES: &[&str] = &[
    "to", "against", "on", "into", "at", "toward", "towards", "with", "from", "upon",
];
const RELATIVES: &[&str] = &["which", "who", "that", "whom"];

/// Dependency view of one sentence: heads and labels by sentence-relative token index. Build it once per
/// sentence ([`Tree::new`]) and ask it about each trigger.
pub struct Tree<'d> {
    heads: Vec<Option<usize>>,
    rels: Vec<&'d str>,
    upos: Vec<&'d str>,
    lowers: Vec<&'d str>,
    children: Vec<Vec<usize>>,
}

impl<'d> Tree<'d> {
    /// The parse of sentence `si`, or `None` when the document has no syntax layer.
    pub fn new(doc: &'d Document, si: usize) -> Option<Tree<'d>> {
        let s = &doc.sentences[si];
        if doc.syntax.len() != doc.tokens.len() || s.end_token > doc.syntax.len() {
            return None;
        }
        let (f, e) = (s.first_token, s.end_token);
        let heads: Vec<Option<usize>> = doc.syntax[f..e]
            .iter()
            .map(|x| x.head.filter(|h| (f..e).contains(h)).map(|h| h - f))
            .collect();
        let rels = doc.syntax[f..e].iter().map(|x| x.deprel.as_str()).collect();
        let upos = doc.syntax[f..e].iter().map(|x| x.upos.as_str()).collect();
        let lowers = doc.tokens[f..e].iter().map(|t| t.lower.as_str()).collect();
        let mut children = vec![Vec::new(); e - f];
        for (i, h) in heads.iter().enumerate() {
            if let Some(h) = h {
                children[*h].push(i);
            }
        }
        Some(Tree {
            heads,
            rels,
            upos,
            lowers,
            children,
        })
    }

    fn child(&self, h: usize, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.children[h]
            .iter()
            .copied()
            .find(|&c| pred(self.rels[c]))
    }

    fn case_of(&self, n: usize) -> Option<&str> {
        self.child(n, |r| r == "case").map(|c| self.lowers[c])
    }

    /// Whether the trigger `[ts, te)` is a verb joined to one under a modal of possibility, with no auxiliary
    /// of its own: "he could even walk in today and say he wants ...", "they might meet and agree".
    pub fn shares_a_possible_modal(&self, ts: usize, te: usize) -> bool {
        if te > self.heads.len() || ts >= te {
            return false;
        }
        let v = span_head(self, ts, te);
        let Some(h) = self.heads[v].filter(|_| self.rels[v] == "conj") else {
            return false;
        };
        self.child(v, |r| r == "aux").is_none()
            && self.children[h].iter().any(|&c| {
                self.rels[c] == "aux" && matches!(self.lowers[c], "could" | "might" | "may" | "can")
            })
    }
}

/// The head word of trigger span `[ts, te)`, or `None` for a span outside the sentence's parse.
fn checked_head(t: &Tree<'_>, ts: usize, te: usize) -> Option<usize> {
    (te <= t.heads.len() && ts < te).then(|| span_head(t, ts, te))
}

/// The head word of a trigger span: the token whose head lies outside the span.
fn span_head(t: &Tree<'_>, ts: usize, te: usize) -> usize {
    (ts..te)
        .find(|&i| t.heads[i].is_none_or(|h| h < ts || h >= te))
        .unwrap_or(ts)
}

/// The mention containing word `w` (mention spans are sorted and do not overlap: binary search).
fn containing(spans: &[(usize, usize)], w: usize) -> Option<usize> {
    let i = spans.partition_point(|&(a, _)| a <= w);
    (i > 0 && w < spans[i - 1].1).then(|| i - 1)
}

/// The mention standing for word `w`: one containing it, else the first one in its subtree (breadth first).
fn mention_of(t: &Tree<'_>, w: usize, spans: &[(usize, usize)]) -> Option<usize> {
    if let Some(m) = containing(spans, w) {
        return Some(m);
    }
    // the phrase's mentions, outside clauses inside it ("a statement urging North Korea" names other people);
    // the one nearest the head word stands for the phrase, a title or modifier before it first ("Chinese Foreign
    // Minister Wang Yi", "Russian troops"), then one after it ("units from Armenia")
    let mut queue = std::collections::VecDeque::from([w]);
    let mut seen = 0;
    let mut best: Option<(usize, usize)> = None;
    while let Some(n) = queue.pop_front() {
        seen += 1;
        if seen > 40 {
            break;
        }
        for &c in &t.children[n] {
            if matches!(
                t.rels[c],
                "acl:relcl" | "acl" | "advcl" | "punct" | "cc" | "conj"
            ) {
                continue;
            }
            if let Some(m) = containing(spans, c) {
                let (a, b) = spans[m];
                let distance = if b <= w { 2 * (w - b) } else { 2 * (a - w) + 1 };
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, m));
                }
                continue;
            }
            queue.push_back(c);
        }
    }
    best.map(|(_, m)| m)
}

/// Source and target of the trigger spanning sentence tokens `[ts, te)` in the sentence's parse, given the
/// mentions' sentence-relative token spans (sorted, not overlapping).
pub fn syntactic_roles(
    t: &Tree<'_>,
    ts: usize,
    te: usize,
    spans: &[(usize, usize)],
) -> Option<SyntaxRoles> {
    let v = checked_head(t, ts, te)?;
    let mut roles = SyntaxRoles::default();
    let passive_subj = t.child(v, |r| r == "nsubj:pass" || r == "csubj:pass");
    let agent = t.child(v, |r| r == "obl:agent").or_else(|| {
        t.child(v, |r| r == "obl")
            .filter(|&o| t.case_of(o) == Some("by"))
    });
    roles.passive =
        passive_subj.is_some() || t.children[v].iter().any(|&c| t.rels[c] == "aux:pass");
    // subject: own, or borrowed up the chain of conj/xcomp/advcl; a relative pronoun stands for its antecedent
    let mut subj = if roles.passive {
        agent
    } else {
        t.child(v, |r| r == "nsubj" || r == "csubj")
    };
    roles.subject_is_own = subj.is_some() && !roles.passive;
    let mut at = v;
    let mut hops = 0;
    while subj.is_none() && hops < 3 && !roles.passive {
        let Some(h) = t.heads[at] else { break };
        match t.rels[at] {
            "conj" | "xcomp" | "advcl" => {
                // "X denied that Y had operated there and accused Z": a bare verb joined to the verb of a
                // reported clause that has its own auxiliary belongs with the reporting verb, as parsers often
                // miss — take the reporting verb's subject
                let reported = t.rels[at] == "conj"
                    && t.rels[h] == "ccomp"
                    && t.child(h, |r| r == "aux").is_some()
                    && t.child(at, |r| r == "aux").is_none();
                let h = match (reported, t.heads[h]) {
                    (true, Some(g)) => g,
                    _ => h,
                };
                subj = t.child(h, |r| r == "nsubj");
                at = h;
            }
            "acl:relcl" | "acl" => {
                subj = Some(h);
                break;
            }
            _ => break,
        }
        hops += 1;
    }
    if let Some(s) = subj {
        let s = if RELATIVES.contains(&t.lowers[s]) {
            t.heads[v].filter(|_| t.rels[v] == "acl:relcl").unwrap_or(s)
        } else {
            s
        };
        if let Some(m) = mention_of(t, s, spans) {
            roles.sources.push(m);
            // conjuncts of the subject: "China and Brazil"
            for &c in &t.children[s] {
                if t.rels[c] == "conj" {
                    if let Some(m2) = mention_of(t, c, spans).filter(|m2| *m2 != m) {
                        roles.sources.push(m2);
                    }
                }
            }
        }
    }
    // target
    let obj = if roles.passive {
        passive_subj
    } else {
        t.child(v, |r| r == "obj" || r == "iobj").or_else(|| {
            t.children[v].iter().copied().find(|&c| {
                t.rels[c].starts_with("obl")
                    && t.case_of(c).is_some_and(|k| TARGET_CASES.contains(&k))
            })
        })
    };
    roles.target = obj
        .and_then(|o| mention_of(t, o, spans))
        .filter(|m| !roles.sources.contains(m));
    // an object that is itself not an actor ("sent troops to Kazakhstan"): the to-oblique of the verb
    if roles.target.is_none() && !roles.passive {
        roles.target = t.children[v]
            .iter()
            .copied()
            .filter(|&c| {
                t.rels[c].starts_with("obl")
                    && t.case_of(c).is_some_and(|k| TARGET_CASES.contains(&k))
            })
            .find_map(|c| mention_of(t, c, spans))
            .filter(|m| !roles.sources.contains(m));
    }
    Some(roles)
}

/// Roles of the verb that governs a nominal trigger as its object ("Trump made a phone call to Putin", "the
/// neighbours struck a deal", "she had a meeting with British Airways"): the support verb's subject is the one
/// who acts. `None` when the trigger's head is not the object of a verb.
pub fn governor_roles(
    t: &Tree<'_>,
    ts: usize,
    te: usize,
    spans: &[(usize, usize)],
) -> Option<SyntaxRoles> {
    let n = checked_head(t, ts, te)?;
    if t.rels[n] != "obj" {
        return None;
    }
    let v = t.heads[n]?;
    let roles = syntactic_roles(t, v, v + 1, spans)?;
    (!roles.passive).then_some(roles)
}

/// Roles of the verb whose setting a nominal trigger is ("In a visit to Tunis on 1 February Macron criticised ...",
/// "During talks with Xi, Biden raised ..."): the verb's subject took part in the meeting or visit. `None` when the
/// trigger's head is not an oblique of time or occasion of an active verb.
pub fn setting_roles(
    t: &Tree<'_>,
    ts: usize,
    te: usize,
    spans: &[(usize, usize)],
) -> Option<SyntaxRoles> {
    let n = checked_head(t, ts, te)?;
    let occasion = t.rels[n].starts_with("obl")
        && t.case_of(n).is_some_and(|k| {
            matches!(
                k,
                "in" | "during" | "on" | "at" | "after" | "following" | "before" | "ahead"
            )
        });
    // ("announced the deal during a meeting with Liu He": the parser may hang a "during" phrase on the
    // object; a time "during" something is the clause's all the same, so the verb above it is the one)
    let during = t.rels[n] == "nmod" && t.case_of(n) == Some("during");
    if !(occasion || during) {
        return None;
    }
    let mut v = t.heads[n]?;
    if during {
        for _ in 0..3 {
            if t.upos[v] == "VERB" {
                break;
            }
            v = t.heads[v]?;
        }
        if t.upos[v] != "VERB" {
            return None;
        }
    }
    let roles = syntactic_roles(t, v, v + 1, spans)?;
    (!roles.passive && roles.subject_is_own).then_some(roles)
}

/// Verb forms that report what someone says or writes, for [`reporting_speaker`].
const REPORTING: &[&str] = &[
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "write", "writes",
    "wrote", "writing", "tweet", "tweets", "tweeted", "state", "states", "stated", "insist",
    "insists", "insisted", "argue", "argues", "argued", "add", "adds", "added", "declare",
    "declares", "declared", "stress", "stresses", "stressed", "warn", "warns", "warned", "believe",
    "believes", "believed",
];

/// The speaker of the clause holding the trigger `[ts, te)` when that clause is what a reporting verb reports:
/// the subject of the verb whose complement (`ccomp`) the trigger's head is ("Trump said Mexico must stop the
/// caravan"), or of a reporting verb set beside it (`parataxis`: "Mexico must stop the caravan, Trump wrote").
/// `None` when no reporting verb governs the clause or it names no speaker among the mentions.
pub fn reporting_speaker(
    t: &Tree<'_>,
    ts: usize,
    te: usize,
    spans: &[(usize, usize)],
) -> Option<usize> {
    let v = checked_head(t, ts, te)?;
    let reporting = |w: usize| t.upos[w] == "VERB" && REPORTING.contains(&t.lowers[w]);
    let speaker = |w: usize| {
        t.child(w, |r| r == "nsubj")
            .and_then(|s| mention_of(t, s, spans))
    };
    // the reporting verb above: the trigger's head is its complement (through one conjunct)
    let mut at = v;
    for _ in 0..2 {
        let Some(h) = t.heads[at] else { break };
        match t.rels[at] {
            "ccomp" | "parataxis" if reporting(h) => return speaker(h),
            "conj" => at = h,
            _ => break,
        }
    }
    // a reporting verb set beside the clause, after it
    t.children[v]
        .iter()
        .copied()
        .find(|&c| t.rels[c] == "parataxis" && reporting(c))
        .and_then(speaker)
}

/// How many people a killing, injury or arrest named without a number was done to: its object (or the subject
/// of a passive) when that is a person named, a singular pronoun or a singular noun phrase, and its
/// conjuncts ("fatally shot the ambassador" 1, "arrested Deen and Villanueva" 2, "his mother, father and sister
/// were detained" 3). `None` for plural or numbered phrases ("40 protesters": the count tagger's), for
/// "them", and when the parse gives no object.
pub fn victims(t: &Tree<'_>, ts: usize, te: usize) -> Option<u64> {
    let v = checked_head(t, ts, te)?;
    // (and the objects of a verb joined to it inside the trigger: "shot and killed a village chief")
    let verbs: Vec<usize> = std::iter::once(v)
        .chain((ts..te).filter(|&i| t.heads[i] == Some(v) && t.rels[i] == "conj"))
        .collect();
    // (a nominal trigger's object follows "of": "the assassination of Sheikh Ahmed Yassin")
    let nominal = t.upos[v] == "NOUN";
    let objects: Vec<usize> = verbs
        .iter()
        .flat_map(|&v| t.children[v].iter().copied())
        .filter(|&c| {
            matches!(t.rels[c], "obj" | "nsubj:pass")
                || nominal
                    && t.rels[c] == "nmod"
                    && t.children[c]
                        .iter()
                        .any(|&d| t.rels[d] == "case" && t.lowers[d] == "of")
        })
        .collect();
    let single = |n: usize| {
        let w = t.lowers[n];
        let numbered = t.children[n]
            .iter()
            .any(|&c| matches!(t.rels[c], "nummod" | "det:predet") || t.lowers[c] == "some");
        !numbered
            && (matches!(w, "him" | "her" | "he" | "she" | "himself" | "herself")
                || t.upos[n] == "PROPN"
                || t.upos[n] == "NOUN"
                    && !w.ends_with('s')
                    && t.children[n].iter().any(|&c| {
                        matches!(t.rels[c], "det" | "nmod:poss")
                            && !matches!(t.lowers[c], "all" | "any" | "no" | "those" | "these")
                            // a title before a name: "killed journalist Daphne Caruana Galizia",
                            // "arrested opposition leader Alexei Navalny"
                            || matches!(t.rels[c], "appos" | "flat") && t.upos[c] == "PROPN"
                    }))
    };
    // (a parse may give two objects, "arts" and "Conor" in "Mixed martial arts fighter Conor McGregor has been
    // arrested": a person named among them is the one)
    let o = objects
        .iter()
        .copied()
        .find(|&o| single(o) && t.upos[o] != "NOUN")
        .or_else(|| objects.first().copied().filter(|&o| single(o)))?;
    // conjuncts share the head's determiner: "his mother, father and sister"
    let conj = t.children[o]
        .iter()
        .filter(|&&c| t.rels[c] == "conj")
        .try_fold(1u64, |n, &c| {
            (single(c) || singular_bare(t, c)).then_some(n + 1)
        })?;
    Some(conj)
}

/// A singular noun with no number or determiner of its own, as a conjunct ("father" in "his mother, father and
/// sister").
fn singular_bare(t: &Tree<'_>, n: usize) -> bool {
    matches!(t.upos[n], "NOUN" | "PROPN")
        && !t.lowers[n].ends_with('s')
        && !t.children[n].iter().any(|&c| t.rels[c] == "nummod")
}

/// People added one by one to a numbered object: "six police officers and a civilian" adds 1 to the six the count
/// tagger read. 0 when the object is not numbered or has no such conjunct.
pub fn added_victims(t: &Tree<'_>, ts: usize, te: usize) -> u64 {
    let Some(v) = checked_head(t, ts, te) else {
        return 0;
    };
    let Some(o) = t.child(v, |r| r == "obj" || r == "nsubj:pass") else {
        return 0;
    };
    if !t.children[o].iter().any(|&c| t.rels[c] == "nummod") {
        return 0;
    }
    let one = |c: usize| {
        t.children[c]
            .iter()
            .any(|&d| t.rels[d] == "det" && matches!(t.lowers[d], "a" | "an" | "one"))
            && !t.lowers[c].ends_with('s')
    };
    let conjuncts = t.children[o]
        .iter()
        .filter(|&&c| t.rels[c] == "conj" && one(c))
        .count();
    // (the parser at times makes the added person a second subject of the verb: "Two soldiers and a civilian
    // were killed")
    let siblings = t.children[v]
        .iter()
        .filter(|&&c| c > o && t.rels[c] == t.rels[o] && one(c))
        .count();
    (conjuncts + siblings) as u64
}
