//! The event coder: trigger patterns → events with source, target, date, place, counts, modality, quote.
//!
//! Reads every earlier layer (tokens, sentences, syntax, actors, places, dates, counts, quotes); fills `events`
//! (and `non_events`, through the stage). Per sentence the triggers (`triggers`) and a context built once
//! (`context`: tokens, mentions, parse, clause breaks); then per trigger, in this order (`code_sentence`):
//! 1. its clause (`context`: quotes, `;` and dashes bound it) and how it is told (`form`: verbal or nominal,
//!    active or passive, a noun pattern holding its own verb);
//! 2. roles by word order (`word_roles`, over `wordorder`): active — source = the nearest actor before the
//!    trigger that is not the object of a preposition (or the antecedent of "which/who" right before it),
//!    target = the first actor after it; passive — target = the actor before, source = the "by" actor after; a
//!    noun — its possessor, "by X", a country word before it; coordination ("X and Y", "alongside X and Y")
//!    gives one event per source actor, "between X and Y" both sides;
//! 3. roles from the parse (`roles`, merged by `parse_roles`) where word order is blind: no subject found, a
//!    verb sharing a coordinated verb's subject, a participle after a comma, a noun that is a support verb's
//!    object ("made a phone call"); a mention of two countries acts as both;
//! 4. roles from context (`implicit`): an object naming an earlier event, a denial answering an accusation,
//!    a release asked of whoever holds the person, a quoted first-person speaker, casualties of the violence
//!    just told; implicit roles, marked `implicit` in the evidence: protests by the focus country's civilians,
//!    arrests by its police, force by unnamed attackers where it happened;
//! 5. modality, the judgement of a plain statement and the lead rule (`assemble`), date and counts
//!    (`attributes`);
//! 6. one event per source (`assemble`): CAMEO recodings (`conventions`), the target that source may have,
//!    a reciprocal partner, the place (`attributes`), the one foreign actor of a statement, an act with no
//!    actor named as its object aimed at the source's own country (force sent abroad at the country where it
//!    happens; in an article about two countries, a state's act at the other; a body of no country's at the
//!    country of its place), an act with no agent by the target's country (`implicit`), de-duplication, the
//!    `Event`.
//!
//! After all sentences: retellings, consequences folded into their acts, tolls told after (`conventions`).

mod assemble;
pub(crate) mod context;
mod form;
pub(crate) mod implicit;
mod parse_roles;
mod word_roles;

use crate::attributes::trigger_modality;
use crate::conventions::*;
use assemble::{worth_coding, Coded};
use context::SentenceCx;
use form::trigger_form;
use implicit::{quote_of, quoted_speaker, reported_demand, violence_told_before, Pair};
use parse_roles::merge_parse_roles;
use petrel_core::{Actor, ActorMention, Document, Event, EventActor, Token};
use petrel_knowledge::Knowledge;
use word_roles::word_order_roles;

/// Longest event `text`: a longer sentence is cut to this many code points around the trigger.
pub(crate) const MAX_TEXT: usize = 2000;
/// Farthest an actor, date, count or place may be from its trigger, in tokens.
pub(crate) const WINDOW: usize = 40;
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "some", "many", "all", "both", "other",
    "several",
];
/// Whether the word before token `i` is a determiner of it ("the banned party"), not a floating quantifier
/// after an auxiliary ("have both criticised", "had all fled").
pub(crate) fn determiner_before(lowers: &[&str], i: usize) -> bool {
    i > 0
        && DETERMINERS.contains(&lowers[i - 1])
        && !(matches!(lowers[i - 1], "both" | "all" | "each")
            && i > 1
            && matches!(
                lowers[i - 2],
                "has" | "have" | "had" | "are" | "were" | "is" | "was" | "will" | "would" | "'ve"
            ))
}

pub(crate) const SUBCLAUSE_BREAKS: &[&str] = &[
    ",", ";", "--", "\"", "(", ")", ":", "after", "before", "when", "while", "because", "which",
    "who", "although", "though", "whereas", "since", "as", "and", "but",
];

/// A mention with its token range inside the sentence.
#[derive(Clone, Copy)]
pub(crate) struct Slot<'d> {
    pub(crate) m: &'d ActorMention,
    pub(crate) ts: usize,
    pub(crate) te: usize,
}

/// The event coder.
pub struct EventCoder<'k> {
    pub(crate) k: &'k Knowledge,
}

pub(crate) fn tok_range(toks: &[Token], start: usize, end: usize) -> (usize, usize) {
    let ts = toks.partition_point(|t| t.end <= start);
    let te = toks.partition_point(|t| t.start < end);
    (ts, te.max(ts))
}

pub(crate) fn event_actor(m: &ActorMention) -> EventActor {
    EventActor {
        text: m.text.clone(),
        start: m.start,
        end: m.end,
        actor: m.actor.clone(),
    }
}

pub(crate) fn implicit_actor(actor: Actor, at: usize) -> EventActor {
    EventActor {
        text: String::new(),
        start: at,
        end: at,
        actor,
    }
}

impl<'k> EventCoder<'k> {
    /// A coder over the given knowledge.
    pub fn new(k: &'k Knowledge) -> EventCoder<'k> {
        EventCoder { k }
    }

    /// A country as actor, with no sector: who acted or was acted on when only the country is known.
    fn country_actor(&self, iso3: &str) -> Actor {
        Actor {
            code: iso3.to_string(),
            country: Some(iso3.to_string()),
            sector: None,
            name: self
                .k
                .country(iso3)
                .map_or_else(String::new, |c| c.name.clone()),
        }
    }

    /// Codes every sentence of the document. `focus` is the article's focus country (index into countries).
    pub fn code(&self, doc: &Document, focus: Option<usize>) -> Vec<Event> {
        let mut events = Vec::new();
        // the dateline is found once per article; its date and place are the filing's, not the events'
        let filed = dateline_end(doc);
        let pair = Pair::of(doc);
        for si in 0..doc.sentences.len() {
            self.code_sentence(doc, si, focus, pair.as_ref(), filed, &mut events);
        }
        counts_of_uncoded_triggers(doc, &mut events);
        others_added(doc, &mut events);
        link_retellings(&mut events);
        fold_consequences(&mut events);
        tolls_told_after(doc, &mut events);
        events
    }

    /// Codes the triggers of sentence `si` into `out`, then, where they gave no event, the plain statement held
    /// back behind them.
    fn code_sentence(
        &self,
        doc: &Document,
        si: usize,
        focus: Option<usize>,
        pair: Option<&Pair>,
        filed: usize,
        out: &mut Vec<Event>,
    ) {
        let toks = doc.sentence_tokens(si);
        let lowers: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        if is_headline(toks) {
            return;
        }
        let (chosen, held_back) = self.triggers(doc, si, &lowers);
        if chosen.is_empty() {
            return;
        }
        let before = out.len();
        self.code_triggers(doc, si, lowers.clone(), &chosen, focus, pair, filed, out);
        // a plain statement stands where the sentence's other triggers gave no event ("Nabarro says such
        // vaccination programs are right since slaughtering the animals ..." is his statement), or only what
        // the event stream leaves out: what was not done or only supposed ("said it may stop giving aid"), acts
        // of no one, trips at home
        let none_kept = !out[before..].iter().any(crate::is_event);
        if let (true, Some(m)) = (none_kept, held_back) {
            self.code_triggers(doc, si, lowers, &[m], focus, pair, filed, out);
        }
    }

    /// Codes triggers `chosen` of sentence `si` into `out`. Each trigger goes through the phases in order: its
    /// clause; how it is told; roles by word order, then from the parse; actors from context; modality; the
    /// judgement of a plain statement and the lead rule; date and counts; then one event per source, with
    /// CAMEO's conventions, its place and implicit actors.
    #[allow(clippy::too_many_arguments)]
    fn code_triggers(
        &self,
        doc: &Document,
        si: usize,
        lowers: Vec<&str>,
        chosen: &[petrel_knowledge::PatternMatch],
        focus: Option<usize>,
        pair: Option<&Pair>,
        filed: usize,
        out: &mut Vec<Event>,
    ) {
        let cx = SentenceCx::new(doc, si, lowers, chosen, focus, pair, filed);
        let mut seen: Vec<(String, String, String)> = Vec::new();
        for m in chosen {
            let Some(c) = self.clause(&cx, m) else {
                continue;
            };
            if self.not_a_report(&cx.lowers, m, chosen, c.left, c.right) {
                continue;
            }
            // roles: by word order as the trigger is told, then from the parse
            let form = trigger_form(&cx, &c);
            let mut roles = word_order_roles(&cx, &c, &form);
            merge_parse_roles(&cx, &c, &form, &mut roles);
            self.pair_of_countries(&c, &mut roles);
            // actors from context, where the clause names none
            let antecedents = self.antecedents(&cx, &c, &form, out, &mut roles);
            let quote = quote_of(&cx, &c);
            quoted_speaker(&cx, &c, quote, &mut roles);
            reported_demand(&cx, &c, quote, &mut roles);
            self.implicit_state_sources(&cx, &c, &form, &mut roles);
            let cause = violence_told_before(&cx, &c, &form, out, &mut roles);
            let modality = trigger_modality(&cx, &c, quote.is_some());
            self.unnamed_attackers(&cx, &c, &form, modality, &mut roles);
            // a plain statement: judged, and news only in the lead
            let (entry, judged) = self.judge(&cx, &c, &mut roles.evidence);
            if !worth_coding(&cx, &c, &form, judged, &roles) {
                continue;
            }
            // attributes, then one event per source
            let date = self.trigger_date(&cx, &c, cause.as_ref(), &mut roles.evidence);
            let counts = self.trigger_counts(&cx, &c, &entry.code, &mut roles.evidence);
            let coded = Coded {
                entry,
                modality,
                quote,
                date,
                counts,
                cause,
                antecedents,
            };
            self.emit(&cx, &c, roles, &coded, out, &mut seen);
        }
    }
}

/// End offset of a dateline ("TAIPEI, Sept 10 (Reuters) - China deployed ..."; "WASHINGTON --"), else 0: the
/// place, date and agency there say where and when the story was filed, not where or when its events happened.
/// A dateline opens the text, holds no lowercase word and ends with a dash before a capitalised word.
pub(crate) fn dateline_end(doc: &Document) -> usize {
    if doc.sentences.is_empty() {
        return 0;
    }
    let toks = doc.sentence_tokens(0);
    for (i, t) in toks.iter().enumerate().take(16) {
        let dash = matches!(t.lower.as_str(), "-" | "--" | "\u{2014}" | "\u{2013}");
        if dash && i >= 1 && toks.get(i + 1).is_some_and(|n| n.capitalized) {
            let all_names = toks[..i]
                .iter()
                .all(|t| t.capitalized || !t.lower.chars().next().is_some_and(char::is_alphabetic));
            return if all_names { t.end } else { 0 };
        }
    }
    0
}

/// A headline in title case ("U.S. Has Questions About Kazakhstan's Request"): its events are told in the body.
pub(crate) fn is_headline(toks: &[Token]) -> bool {
    let words: Vec<&Token> = toks
        .iter()
        .filter(|t| t.kind == petrel_core::TokenKind::Word && t.lower.chars().count() >= 4)
        .collect();
    let ends_like_sentence = toks
        .last()
        .is_some_and(|t| matches!(t.lower.as_str(), "." | "!" | "?" | "\"" | "'"));
    words.len() >= 3
        && !ends_like_sentence
        && words.iter().filter(|t| t.capitalized).count() * 10 >= words.len() * 7
}
