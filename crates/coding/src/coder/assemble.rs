//! The last phases of a trigger: a plain statement recoded by its words of judgement and kept only in the lead,
//! then one event per source — CAMEO's recodings for that source, the target it may have, the reciprocal
//! partner, the place, the implicit target and source, de-duplication against the sentence's events already
//! coded, the confidence, the ACLED type and the `Event` record.

use super::context::{Clause, Roles, SentenceCx};
use super::form::Form;
use super::implicit::{Antecedents, CauseDayAndPlace};
use super::{event_actor, EventCoder, MAX_TEXT};
use petrel_core::{
    Actor, Date, DatePrecision, Event, EventActor, EventCount, EventQuote, Location, Modality,
    Plover, Quote, TextSpan,
};
use petrel_knowledge::CameoCode;

/// The article's lead: the sentences where a plain statement ("the minister said ...") is coded as one. Measured
/// on real news: such statements are right 45% of the time in the first six sentences, 19% after the fifteenth;
/// of leads of 4, 6, 8 and 10 sentences, 8 gave the best balance of precision and recall on both development sets.
pub(crate) const LEAD_SENTENCES: usize = 8;

/// What a trigger's events share, whatever their source: the code after judgement, the attributes and what
/// the context phases found.
pub(crate) struct Coded<'a> {
    /// The CAMEO entry after the judgement of a plain statement (before the per-source recodings).
    pub(crate) entry: &'a CameoCode,
    pub(crate) modality: Modality,
    pub(crate) quote: Option<&'a Quote>,
    pub(crate) date: Option<(Date, DatePrecision)>,
    pub(crate) counts: Vec<EventCount>,
    /// The violence told before, when the actors came from it.
    pub(crate) cause: Option<CauseDayAndPlace>,
    pub(crate) antecedents: Antecedents,
}

/// One source's event before it is recorded.
struct Draft<'a> {
    entry: &'a CameoCode,
    modality: Modality,
    source: Option<EventActor>,
    target: Option<EventActor>,
    location: Option<Location>,
    evidence: Vec<String>,
}

impl EventCoder<'_> {
    /// A plain statement that judges ("called China's move unjustified", "said the registrar's move was an
    /// abuse of power") is a criticism or an approval: the words of judgement in the sentence decide. Returns
    /// the entry to code and the code the judgement gave, if any.
    pub(crate) fn judge<'a>(
        &'a self,
        cx: &SentenceCx<'_>,
        c: &Clause<'a>,
        evidence: &mut Vec<String>,
    ) -> (&'a CameoCode, Option<&'static str>) {
        // (a judgement the ontology lacks, from a user's dictionary, judges nothing)
        let judged = if c.pattern.fallback {
            self.judgement(&cx.lowers)
                .filter(|code| self.k.ontology.get(code).is_some())
        } else {
            None
        };
        let entry = match judged.and_then(|code| self.k.ontology.get(code)) {
            Some(e) => {
                evidence.push(format!("recoded 010 -> {}: words of judgement", e.code));
                e
            }
            None => c.entry,
        };
        (entry, judged)
    }
}

/// Whether the trigger tells news worth an event: a plain statement is news in the article's lead (the inverted
/// pyramid: later "X said" lines attribute details), and by no one named it tells nothing; a bare event noun
/// with no actor is background ("amid calls for reform"), not an event report.
pub(crate) fn worth_coding(
    cx: &SentenceCx<'_>,
    c: &Clause<'_>,
    form: &Form,
    judged: Option<&str>,
    roles: &Roles,
) -> bool {
    let (sources, target) = (&roles.sources, &roles.target);
    if c.pattern.fallback && (sources.is_empty() || judged.is_none() && cx.si >= LEAD_SENTENCES) {
        return false;
    }
    // "he said", "she added": a plain statement by a pronoun goes on with a speaker already told, whose news is
    // coded where it was named (measured on the four tuned real-news sets: 8 right of 24)
    let by_pronoun = sources.first().is_some_and(|a| {
        matches!(
            a.text.to_lowercase().as_str(),
            "he" | "she" | "they" | "it" | "we" | "i"
        )
    });
    if c.pattern.fallback && judged.is_none() && by_pronoun {
        return false;
    }
    // "The Straits Times reported that ...", "the news agency reports that": an outlet attributes the news
    // it carries, which is coded by its own trigger; its report is no statement (what state media "warned"
    // or "said" is the state's voice, and stands)
    let by_media = sources
        .first()
        .is_some_and(|a| a.actor.sector.as_deref() == Some("MED"));
    if c.pattern.fallback && judged.is_none() && by_media && cx.lowers[c.ts].starts_with("report") {
        return false;
    }
    // a plain statement told to "me" or "them", or one someone "was told", narrates ("the investigating officer
    // told me that the case was dropped", "he told them"): no statement to the public
    let told = matches!(cx.lowers[c.ts], "told" | "tell" | "tells" | "telling");
    // ("her" only as an object: "told her that", not "told her supporters")
    let after = |k: usize| cx.lowers.get(c.te + k).copied().unwrap_or("");
    let to_a_pronoun = matches!(after(0), "me" | "us" | "him" | "them" | "you")
        || after(0) == "her" && matches!(after(1), "that" | "to" | "," | ".");
    let was_told = c.ts > 0 && matches!(cx.lowers[c.ts - 1], "was" | "were" | "been" | "being");
    if c.pattern.fallback && told && (to_a_pronoun || was_told) {
        return false;
    }
    if sources.is_empty() && target.is_none() && !form.verbal && !form.told_by_verb {
        return false;
    }
    // a company's, an outlet's or a school's dealings with anyone but a state ("the CST has invested $4
    // million into training", "the airline group announced a partnership"): business, not political
    // cooperation (measured on the tuned real-news sets: 3 right of 14)
    fn sector(a: &EventActor) -> &str {
        a.actor.sector.as_deref().unwrap_or("")
    }
    let private = sources
        .first()
        .is_some_and(|a| matches!(sector(a), "BUS" | "MED" | "EDU"));
    let state = target.as_ref().is_some_and(|a| {
        matches!(sector(a), "GOV" | "LEG" | "JUD" | "MIL" | "COP" | "SPY")
            || a.actor.code.starts_with("IGO")
    });
    if private && !state && matches!(c.root(), "02" | "03" | "04" | "05" | "06" | "07" | "08") {
        return false;
    }
    true
}

impl EventCoder<'_> {
    /// Codes the trigger's events, one per source (none named: one with no source), into `out`; `seen` holds
    /// the (code, source, target) of the sentence's events so far.
    pub(crate) fn emit(
        &self,
        cx: &SentenceCx<'_>,
        c: &Clause<'_>,
        roles: Roles,
        coded: &Coded<'_>,
        out: &mut Vec<Event>,
        seen: &mut Vec<(String, String, String)>,
    ) {
        let Roles {
            mut sources,
            target,
            evidence,
        } = roles;
        if sources.is_empty() {
            sources.push(EventActor {
                text: String::new(),
                start: 0,
                end: 0,
                actor: Actor::default(),
            });
        }
        let (lowers, ts, te) = (&cx.lowers, c.ts, c.te);
        let entry = coded.entry;
        // "will not bow", "would not negotiate": a negation of will is a refusal; "did not release" is not
        let refusal = coded.modality == Modality::Negated
            && lowers[ts.saturating_sub(3)..(ts + 2).min(te)]
                .iter()
                .any(|w| matches!(*w, "will" | "would" | "wo" | "shall" | "'ll"));
        // "the 60 Russian diplomats being expelled": the people expelled are diplomats
        let diplomats = lowers[ts.saturating_sub(6)..(te + 6).min(lowers.len())]
            .iter()
            .any(|w| {
                matches!(
                    *w,
                    "diplomat" | "diplomats" | "envoy" | "envoys" | "ambassador" | "ambassadors"
                )
            });
        let ts_c = cx.toks[ts].start;
        let te_c = cx.toks[te - 1].end;
        // "India and Pakistan agreed to restore the ceasefire", "the two armies clashed": two actors of a
        // reciprocal act with no object act on each other
        let reciprocal = target.is_none()
            && sources.len() == 2
            && sources[0].actor.code != sources[1].actor.code
            && matches!(&entry.code[..2], "03" | "04" | "05" | "06" | "08" | "19");
        let partners = if reciprocal {
            vec![Some(sources[1].clone()), Some(sources[0].clone())]
        } else {
            vec![None; sources.len()]
        };
        // (every source's span: a co-subject is no one's target, "the US and Britain have both criticised")
        let source_spans: Vec<(usize, usize)> = sources.iter().map(|s| (s.start, s.end)).collect();
        let mutual = evidence.iter().any(|e| e == super::word_roles::BETWEEN);
        for (source, partner) in sources.into_iter().zip(partners) {
            let source = (!source.actor.code.is_empty()).then_some(source);
            let (entry, modality, recoded) =
                self.recode(entry, coded.modality, refusal, diplomats, source.as_ref());
            let mut target = target_of(
                target.as_ref(),
                source.as_ref(),
                coded.antecedents.from_antecedent,
            )
            // (a co-source is no one's target, "Russian troops arrived alongside units from Armenia", unless
            // both were named after "between")
            .filter(|t| mutual || !source_spans.contains(&(t.start, t.end)));
            let mut ev = evidence.clone();
            ev.extend(recoded);
            if let Some(p) = partner {
                target = Some(p);
                ev.push("target: the other party of a reciprocal act".into());
            }
            let location = self.event_place(
                cx,
                &entry.code,
                source.as_ref(),
                &source_spans,
                coded.cause.as_ref(),
                ts_c,
            );
            Self::one_foreign_actor(
                cx,
                entry,
                source.as_ref(),
                &source_spans,
                &mut target,
                &mut ev,
            );
            self.envoy_host(cx, entry, source.as_ref(), te_c, &mut target, &mut ev);
            self.implicit_target(
                cx.pair,
                entry,
                coded.antecedents.names_event,
                source.as_ref(),
                location.as_ref(),
                ts_c,
                &mut target,
                &mut ev,
            );
            let mut source = source;
            self.implicit_source(&mut source, target.as_ref(), ts_c, &mut ev);
            let draft = Draft {
                entry,
                modality,
                source,
                target,
                location,
                evidence: ev,
            };
            if told_already(&draft, cx.si, &coded.counts, out, seen) {
                continue;
            }
            out.push(self.event_record(cx, c, coded, draft));
        }
    }

    /// The event record of `d`: its id, text, trigger, code and its names, ACLED type, attributes and a
    /// confidence that grows with the roles found and the pattern's weight.
    fn event_record(
        &self,
        cx: &SentenceCx<'_>,
        c: &Clause<'_>,
        coded: &Coded<'_>,
        d: Draft<'_>,
    ) -> Event {
        let (doc, sent, toks) = (cx.doc, cx.sent, cx.toks);
        let (ts_c, te_c) = (toks[c.ts].start, toks[c.te - 1].end);
        let Draft {
            entry,
            modality,
            source,
            target,
            location,
            evidence,
        } = d;
        let mut confidence: f64 = 0.45;
        confidence += if source.is_some() { 0.2 } else { 0.0 };
        confidence += if target.is_some() { 0.15 } else { 0.0 };
        confidence += if c.pattern.weight() >= 2 { 0.1 } else { 0.0 };
        let source_id = source
            .as_ref()
            .map_or("", |s| s.actor.code.as_str())
            .to_string();
        let acled = crate::acled::acled_type(
            self.k,
            &entry.code,
            &cx.lowers,
            source.as_ref().map(|s| &s.actor),
            target.as_ref().map(|t| &t.actor),
        );
        let date = coded.date;
        Event {
            id: petrel_core::event::event_id(
                &doc.meta.id,
                ts_c,
                te_c,
                &format!("{}{}", entry.code, source_id),
            ),
            doc: doc.meta.id.clone(),
            sentence: cx.si,
            text: if cx.long_sentence {
                // a run-on "sentence" (a list, a page without full stops): the text around the trigger
                let from = ts_c.saturating_sub(MAX_TEXT / 2).max(sent.start);
                doc.slice(from, (te_c + MAX_TEXT / 2).min(sent.end))
                    .to_string()
            } else {
                cx.sentence_text.clone()
            },
            trigger: TextSpan {
                text: doc.slice(ts_c, te_c).to_string(),
                start: ts_c,
                end: te_c,
            },
            source,
            target,
            cameo: entry.code.clone(),
            cameo_name: entry.name.clone(),
            goldstein: entry.goldstein,
            quad_class: entry.quad_class,
            plover: Plover {
                kind: entry.plover_type.clone(),
                mode: entry.plover_mode.clone(),
                context: entry.plover_context.clone(),
            },
            acled,
            date: date.map(|d| d.0),
            date_precision: date.map(|d| d.1),
            location,
            counts: coded.counts.clone(),
            modality,
            quote: coded.quote.map(|q| EventQuote {
                speaker: q.speaker.as_ref().map(event_actor),
                text: q.text.clone(),
                start: q.start,
                end: q.end,
            }),
            same_as: None,
            confidence: confidence.min(0.95),
            evidence: evidence.join("; "),
        }
    }
}

/// The trigger's target as `source`'s event sees it: not the source itself, nor the speaker's own pronoun, nor
/// an antecedent of one's own.
fn target_of(
    target: Option<&EventActor>,
    source: Option<&EventActor>,
    from_antecedent: bool,
) -> Option<EventActor> {
    // (nor is the speaker's own pronoun in what they say: "Trump said he would like to
    // announce", "Paris claims that she was kept")
    let mut target = target.cloned().filter(|t| {
        source.is_none_or(|s| {
            (s.start != t.start || s.end != t.end || s.actor.code != t.actor.code)
                && !(matches!(t.text.to_lowercase().as_str(), "he" | "she" | "him" | "her")
                    && s.actor == t.actor)
        })
    });
    // "the army defended the strike": an antecedent of one's own is no target (a police arrest
    // condemned by the country's opposition still is)
    if from_antecedent && target.as_ref().map(|t| &t.actor.code) == source.map(|s| &s.actor.code) {
        target = None;
    }
    target
}

/// Whether the sentence has coded this (code, source, target) already (then the event coded takes the
/// counts); otherwise the key is noted in `seen`.
fn told_already(
    d: &Draft<'_>,
    si: usize,
    counts: &[EventCount],
    out: &mut [Event],
    seen: &mut Vec<(String, String, String)>,
) -> bool {
    let key = (
        d.entry.code.clone(),
        d.source
            .as_ref()
            .map_or(String::new(), |s| s.actor.code.clone()),
        d.target
            .as_ref()
            .map_or(String::new(), |t| t.actor.code.clone()),
    );
    if seen.contains(&key) {
        // one action told with two verbs ("attacked a police station, killing two officers"): the
        // event already coded takes the counts the second verb carries
        if let Some(e) = out
            .iter_mut()
            .rev()
            .take_while(|e| e.sentence == si)
            .find(|e| {
                e.cameo == key.0
                    && e.source.as_ref().map_or("", |s| s.actor.code.as_str()) == key.1
                    && e.target.as_ref().map_or("", |t| t.actor.code.as_str()) == key.2
            })
        {
            for c in counts {
                if !e.counts.iter().any(|x| x.kind == c.kind) {
                    e.counts.push(c.clone());
                }
            }
        }
        return true;
    }
    seen.push(key);
    false
}
