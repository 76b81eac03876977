//! What the coder knows before it looks for roles: the sentence (built once for all its triggers) and each
//! trigger's clause, and the roles the phases fill in.

use super::implicit::Pair;
use super::{tok_range, EventCoder, Slot, MAX_TEXT, WINDOW};
use crate::roles::{SyntaxRoles, Tree};
use crate::wordorder::clause_breaks;
use petrel_core::{Document, EventActor, Sentence, Token};
use petrel_knowledge::{CameoCode, Pattern, PatternMatch};

/// A sentence as every phase reads it: its tokens, its mentions, its parse, where its clauses break and where
/// its triggers are. Built once per sentence.
pub(crate) struct SentenceCx<'d> {
    pub(crate) doc: &'d Document,
    /// The sentence's index.
    pub(crate) si: usize,
    pub(crate) sent: &'d Sentence,
    pub(crate) toks: &'d [Token],
    pub(crate) lowers: Vec<&'d str>,
    /// The sentence's mentions (not the dateline's), with their token ranges, in text order.
    pub(crate) slots: Vec<Slot<'d>>,
    /// The mentions' token spans, as the parse's roles index them.
    pub(crate) spans: Vec<(usize, usize)>,
    /// The dependency parse, when the document has one.
    pub(crate) tree: Option<Tree<'d>>,
    pub(crate) trigger_starts: Vec<usize>,
    pub(crate) trigger_ends: Vec<usize>,
    /// Whether a clause breaks at each token (`wordorder::clause_breaks`).
    pub(crate) breaks: Vec<bool>,
    /// A sentence longer than `MAX_TEXT`: each event's text is cut around its trigger.
    pub(crate) long_sentence: bool,
    /// The sentence's text (empty for a long sentence).
    pub(crate) sentence_text: String,
    /// The article's focus country (index into countries).
    pub(crate) focus: Option<usize>,
    /// The two countries the article is about, if it is about two (`implicit::Pair`).
    pub(crate) pair: Option<&'d Pair>,
    /// End offset of the dateline (`dateline_end`).
    pub(crate) filed: usize,
}

impl<'d> SentenceCx<'d> {
    /// The context of sentence `si`, whose triggers are `chosen`.
    pub(crate) fn new(
        doc: &'d Document,
        si: usize,
        lowers: Vec<&'d str>,
        chosen: &[PatternMatch],
        focus: Option<usize>,
        pair: Option<&'d Pair>,
        filed: usize,
    ) -> SentenceCx<'d> {
        let sent = &doc.sentences[si];
        let toks = doc.sentence_tokens(si);
        // the layers are sorted by start: take this sentence's part by binary search (linear time overall)
        let in_sentence = |start: usize| start >= sent.start;
        let first_actor = doc.actors.partition_point(|m| !in_sentence(m.start));
        let slots: Vec<Slot<'_>> = doc.actors[first_actor..]
            .iter()
            .take_while(|m| m.start < sent.end)
            // (the dateline, "NAIROBI, May 10 (Wire) -", names where and by whom the story was filed: no role)
            .filter(|m| m.end <= sent.end && m.start >= filed)
            .map(|m| {
                let (ts, te) = tok_range(toks, m.start, m.end);
                Slot { m, ts, te }
            })
            .collect();
        let spans: Vec<(usize, usize)> = slots.iter().map(|s| (s.ts, s.te)).collect();
        let tree = Tree::new(doc, si);
        let trigger_starts: Vec<usize> = chosen.iter().map(|c| c.start).collect();
        let trigger_ends: Vec<usize> = chosen.iter().map(|c| c.end).collect();
        let breaks = clause_breaks(&lowers);
        let long_sentence = sent.end - sent.start > MAX_TEXT;
        let sentence_text = if long_sentence {
            String::new()
        } else {
            doc.sentence_text(si).to_string()
        };
        SentenceCx {
            doc,
            si,
            sent,
            toks,
            lowers,
            slots,
            spans,
            tree,
            trigger_starts,
            trigger_ends,
            breaks,
            long_sentence,
            sentence_text,
            focus,
            pair,
            filed,
        }
    }

    /// Whether the tagger read token `i` of the sentence as `pred` says (false when the document has no syntax).
    pub(crate) fn syntax_at(
        &self,
        i: usize,
        pred: impl Fn(&petrel_core::TokenSyntax) -> bool,
    ) -> bool {
        self.doc
            .syntax
            .get(self.sent.first_token + i)
            .filter(|_| self.doc.syntax.len() == self.doc.tokens.len())
            .is_some_and(pred)
    }
}

/// One trigger in its clause: the pattern, its CAMEO entry, its tokens `[ts, te)`, the clause `[left, right)`
/// and the clause's mentions, and the roles the parse gives it.
pub(crate) struct Clause<'a> {
    pub(crate) pattern: &'a Pattern,
    pub(crate) entry: &'a CameoCode,
    pub(crate) ts: usize,
    pub(crate) te: usize,
    pub(crate) left: usize,
    pub(crate) right: usize,
    /// The mentions inside the clause.
    pub(crate) slots: &'a [Slot<'a>],
    /// Roles from the dependency parse (indices into the sentence's mentions).
    pub(crate) parsed: Option<SyntaxRoles>,
}

impl<'a> Clause<'a> {
    /// The CAMEO root of the trigger's pattern ("17", "19").
    pub(crate) fn root(&self) -> &'a str {
        &self.entry.code[..2]
    }
}

impl EventCoder<'_> {
    /// The clause of trigger `m`: between the nearest clause breaks, never wider than `WINDOW` tokens each side
    /// (long lists stay linear). `None` for a pattern whose code the ontology lacks.
    pub(crate) fn clause<'a>(
        &'a self,
        cx: &'a SentenceCx<'_>,
        m: &'a PatternMatch,
    ) -> Option<Clause<'a>> {
        let pattern = self.k.patterns.get(m.pattern);
        let entry = self.k.ontology.get(&pattern.code)?;
        let (ts, te) = (m.start, m.end);
        // the clause, never wider than WINDOW tokens each side (long lists stay linear)
        let floor = ts.saturating_sub(WINDOW);
        let ceil = (te + WINDOW).min(cx.toks.len());
        let left = (floor..ts)
            .rev()
            .find(|&i| cx.breaks[i])
            .map_or(floor, |i| i + 1);
        let right = (te..ceil).find(|&i| cx.breaks[i]).unwrap_or(ceil);
        let first_slot = cx.slots.partition_point(|s| s.te <= left);
        let last_slot = cx.slots.partition_point(|s| s.ts < right);
        // roles from the dependency parse, when the document has one (over all the sentence's mentions)
        let parsed = cx
            .tree
            .as_ref()
            .and_then(|t| crate::roles::syntactic_roles(t, ts, te, &cx.spans));
        Some(Clause {
            pattern,
            entry,
            ts,
            te,
            left,
            right,
            slots: &cx.slots[first_slot..last_slot.max(first_slot)],
            parsed,
        })
    }
}

/// The roles of a trigger as the phases find them, with the evidence that says how.
pub(crate) struct Roles {
    pub(crate) sources: Vec<EventActor>,
    pub(crate) target: Option<EventActor>,
    pub(crate) evidence: Vec<String>,
}
