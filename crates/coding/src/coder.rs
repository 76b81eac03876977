//! The event coder: trigger patterns → events with source, target, date, place, counts, modality, quote.
//!
//! Reads every earlier layer (tokens, sentences, syntax, actors, places, dates, counts, quotes); fills `events`
//! (and `non_events`, through the stage). Per sentence: the triggers (`triggers`), then for each trigger:
//! - roles by word order inside the trigger's clause (`wordorder`: quotes, `;` and dashes bound it): active —
//!   source = the nearest actor before the trigger that is not the object of a preposition (or the antecedent
//!   of "which/who" right before it), target = the first actor after it; passive — target = the actor before,
//!   source = the "by" actor after; a pattern that begins with an actor noun ("paratroopers arrived") takes that
//!   actor as source; coordination ("X and Y", "alongside X and Y") gives one event per source actor;
//! - roles from the parse (`roles`) where word order is blind: no subject found, a verb sharing a coordinated
//!   verb's subject, a participle after a comma, a noun that is a support verb's object ("made a phone call");
//! - roles from context: an object naming an earlier event, a denial answering an accusation, a release asked
//!   of whoever holds the person, casualties of the violence just told, a quoted first-person speaker;
//! - implicit roles, marked `implicit` in the evidence: protests by the focus country's civilians, arrests by
//!   its police, force by unnamed attackers where it happened; an act with no actor named as its object is
//!   aimed at the source's own country (force sent abroad at the country where it happens);
//! - attributes (`attributes`): date, counts, place, modality; conventions (`conventions`): CAMEO recodings,
//!   judged statements, retellings.

use crate::attributes::*;
use crate::conventions::*;
use crate::wordorder::*;
use petrel_core::{
    starting_in, Actor, ActorMention, Date, DatePrecision, Document, Event, EventActor, EventCount,
    EventQuote, Modality, Plover, TextSpan, Token, TokenKind,
};
use petrel_knowledge::Knowledge;

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

/// Words before an event noun that make it refer to an event already told ("the attack", "this move").
pub(crate) const EVENT_DETERMINERS: &[&str] = &[
    "the", "this", "these", "that", "those", "its", "their", "such",
];
/// How many sentences back an event noun may find its antecedent.
pub(crate) const ANTECEDENT_SENTENCES: usize = 6;

/// The article's lead: the sentences where a plain statement ("the minister said ...") is coded as one. Measured
/// on real news: such statements are right 45% of the time in the first six sentences, 19% after the fifteenth;
/// of leads of 4, 6, 8 and 10 sentences, 8 gave the best balance of precision and recall on both development sets.
pub(crate) const LEAD_SENTENCES: usize = 8;

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

/// The day (with its precision) and place of the violence that casualties told after it belong to.
type CauseDayAndPlace = (Option<(Date, DatePrecision)>, Option<petrel_core::Location>);

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
        for si in 0..doc.sentences.len() {
            self.code_sentence(doc, si, focus, filed, &mut events);
        }
        link_retellings(&mut events);
        fold_consequences(&mut events);
        tolls_told_after(doc, &mut events);
        events
    }

    fn code_sentence(
        &self,
        doc: &Document,
        si: usize,
        focus: Option<usize>,
        filed: usize,
        out: &mut Vec<Event>,
    ) {
        let sent = &doc.sentences[si];
        let toks = doc.sentence_tokens(si);
        let lowers: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        if is_headline(toks) {
            return;
        }
        let chosen = self.triggers(doc, si, &lowers);
        if chosen.is_empty() {
            return;
        }
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
        let all_slots = &slots;
        let all_spans: Vec<(usize, usize)> = slots.iter().map(|s| (s.ts, s.te)).collect();
        let tree = crate::roles::Tree::new(doc, si);
        let trigger_starts: Vec<usize> = chosen.iter().map(|c| c.start).collect();
        let trigger_ends: Vec<usize> = chosen.iter().map(|c| c.end).collect();
        let breaks = clause_breaks(&lowers);
        let long_sentence = sent.end - sent.start > MAX_TEXT;
        let sentence_text = if long_sentence {
            String::new()
        } else {
            doc.sentence_text(si).to_string()
        };
        let mut seen: Vec<(String, String, String)> = Vec::new();
        for m in &chosen {
            let pattern = self.k.patterns.get(m.pattern);
            let Some(entry) = self.k.ontology.get(&pattern.code) else {
                continue;
            };
            let (ts, te) = (m.start, m.end);
            // the clause, never wider than WINDOW tokens each side (long lists stay linear)
            let floor = ts.saturating_sub(WINDOW);
            let ceil = (te + WINDOW).min(toks.len());
            let left = (floor..ts)
                .rev()
                .find(|&i| breaks[i])
                .map_or(floor, |i| i + 1);
            let right = (te..ceil).find(|&i| breaks[i]).unwrap_or(ceil);
            let first_slot = slots.partition_point(|s| s.te <= left);
            let last_slot = slots.partition_point(|s| s.ts < right);
            // roles from the dependency parse, when the document has one (over all the sentence's mentions)
            let parsed = tree
                .as_ref()
                .and_then(|t| crate::roles::syntactic_roles(t, ts, te, &all_spans));
            let slots = &slots[first_slot..last_slot.max(first_slot)];
            if self.not_a_report(&lowers, m, &chosen, left, right) {
                continue;
            }
            // a verb form used as a noun ("the clashes", "into calls for reform", "without warning");
            // a gerund after a preposition still acts ("in calling for", "by sending")
            // (and a word the tagger reads as a noun where no determiner shows it: "Trump's visit to Riyadh",
            // "the successful visit by a Japanese delegation")
            let tagged_noun = te == ts + 1
                && !lowers[ts].ends_with("ing")
                && doc
                    .syntax
                    .get(sent.first_token + ts)
                    .filter(|_| doc.syntax.len() == doc.tokens.len())
                    .is_some_and(|x| x.upos == "NOUN");
            let verbal = pattern.verbal
                && !tagged_noun
                && !(ts > 0
                    && (determiner_before(&lowers, ts)
                        || PREPOSITIONS.contains(&lowers[ts - 1]) && !lowers[ts].ends_with("ing")));
            // "the number of people detained reached 3,811": a participle the parse attaches to a noun (`acl`) is
            // a reduced relative, done to that noun
            // (a trigger that spans its own object, "launched air strikes against", is active whatever the parse says)
            let reduced_relative = verbal
                && te == ts + 1
                && lowers[ts].ends_with("ed")
                && matches!(&entry.code[..2], "17" | "18" | "19" | "20")
                && doc
                    .syntax
                    .get(sent.first_token + ts)
                    .filter(|_| doc.syntax.len() == doc.tokens.len())
                    .is_some_and(|x| x.deprel == "acl");
            // a bare past form after a noun reads as a reduced passive by word order ("officers killed in the
            // clashes"); the parse tells an active verb with its own subject ("troops fired on protesters")
            let active_in_parse = parsed
                .as_ref()
                .is_some_and(|r| !r.passive && r.subject_is_own && !r.sources.is_empty());
            // a pattern that tells its own passive ("grenades were hurled", "arms were found") is a passive verb
            // (for force and coercion, whose passive subject is what it is done to)
            let told_passive = matches!(&entry.code[..2], "17" | "18" | "19" | "20")
                && lowers[ts..te].windows(2).any(|w| {
                    matches!(w[0], "was" | "were" | "been")
                        && (w[1].ends_with("ed") || w[1].ends_with("wn") || w[1] == "found")
                });
            // a noun pattern that holds its own verb ("suicide bombings ... killed", "a hand grenade exploded",
            // "mortar rounds have landed") tells the act as done, like a verb
            let told_by_verb = matches!(&entry.code[..2], "14" | "17" | "18" | "19" | "20")
                && doc
                    .syntax
                    .get(sent.first_token + ts + 1..sent.first_token + te)
                    .filter(|_| doc.syntax.len() == doc.tokens.len())
                    .is_some_and(|xs| xs.iter().any(|x| x.upos == "VERB"));
            let verbal = verbal || told_passive;
            let passive = (is_passive(&lowers, ts, te, verbal, &entry.code[..2])
                && !active_in_parse)
                || reduced_relative
                || told_passive;
            let outside = |s: &&Slot<'_>| s.te <= ts || s.ts >= te;
            let mut evidence = vec![format!("pattern {} `{}`", pattern.origin, pattern.source)];
            // the actor noun that begins the trigger ("paratroopers arrived")
            let inside_first = slots.iter().find(|s| s.ts <= ts && s.te > ts && !verbal);
            let before = slots
                .iter()
                .filter(|s| s.te <= ts && s.ts >= left)
                .filter(outside);
            // a named actor inside the trigger's gap ("accused Israel of") can be its target; a sector noun
            // there ("sent troops") is what is acted with, not upon — except for force and coercion ("detained
            // dozens of demonstrators")
            let forceful = matches!(&entry.code[..2], "17" | "18" | "19" | "20");
            let swallowed = |s: &&Slot<'_>| {
                s.ts > ts && s.ts < te && (forceful || !s.m.evidence.starts_with("sector"))
            };
            // a relative clause after the trigger (", which approved sending 200 troops") tells of others: its
            // mentions are no role of this trigger
            let relative = (te..right)
                .find(|&i| {
                    i > 0 && lowers[i - 1] == "," && matches!(lowers[i], "which" | "who" | "whose")
                })
                .unwrap_or(right);
            // (", police said": the speaker of a trailing attribution is no role of what it reports)
            let speaker = |s: &Slot<'_>| {
                s.ts > te
                    && matches!(lowers[s.ts - 1], "," | "\"" | "”")
                    && lowers.get(s.te).is_some_and(|w| {
                        matches!(
                            *w,
                            "said" | "says" | "say" | "told" | "added" | "reported" | "confirmed"
                        )
                    })
            };
            let after: Vec<&Slot<'_>> = slots
                .iter()
                .filter(|s| (s.ts >= te || swallowed(s)) && s.te <= relative && s.ts < te + 15)
                .filter(|s| !speaker(s))
                .collect();
            let (mut sources, mut target): (Vec<EventActor>, Option<EventActor>);
            if !verbal {
                // a nominal trigger takes its actors from its own phrase: the actor it begins with ("Mobs
                // stormed"), a possessor ("Kazakhstan's request"), "by X"; its target follows a preposition
                let possessor = slots
                    .iter()
                    .find(|s| s.te + 1 == ts && lowers[s.te] == "'s");
                let by = after.iter().find(|s| s.ts > 0 && lowers[s.ts - 1] == "by");
                // "an Israeli drone strike", "Russian air strikes", "U.S. sanctions": a country word right before a
                // noun of force or sanction names who used it (not for arrests or deaths, where it is the victim)
                let agentive = matches!(&entry.code[..2], "15" | "16" | "19");
                let modifier = slots.iter().find(|s| {
                    agentive
                        && s.m.evidence == "country"
                        && (s.te == ts || s.te + 1 == ts && toks[s.te].kind == TokenKind::Word)
                        && lowers[s.te] != "'s"
                });
                sources = inside_first
                    .or(possessor)
                    .or(by.copied())
                    .or(modifier)
                    .map(|s| vec![event_actor(s.m)])
                    .unwrap_or_default();
                target = after
                    .iter()
                    .find(|s| {
                        s.ts > 0
                            && matches!(
                                lowers[s.ts - 1],
                                "against"
                                    | "on"
                                    | "with"
                                    | "to"
                                    | "from"
                                    | "at"
                                    | "toward"
                                    | "towards"
                                    | "of"
                            )
                    })
                    .filter(|s| Some(s.m.start) != sources.first().map(|x| x.start))
                    .map(|s| event_actor(s.m));
                evidence.push("nominal".into());
            } else if passive {
                let by = after.iter().find(|s| {
                    s.ts > 0 && lowers[s.ts - 1] == "by"
                        || s.ts > 1 && lowers[s.ts - 1] == "the" && lowers[s.ts - 2] == "by"
                });
                // "diplomats being expelled from the United States": whoever expels or deports from a
                // country is that country
                let from = after
                    .iter()
                    .filter(|_| {
                        ["expel", "deport"]
                            .iter()
                            .any(|w| lowers[ts..te].iter().any(|t| t.starts_with(w)))
                    })
                    .find(|s| {
                        s.ts > 0
                            && (lowers[s.ts - 1] == "from"
                                || s.ts > 1
                                    && lowers[s.ts - 1] == "the"
                                    && lowers[s.ts - 2] == "from")
                            && s.m.actor.country.is_some()
                    });
                sources = by
                    .or(from)
                    .map(|s| vec![event_actor(s.m)])
                    .unwrap_or_default();
                if by.is_none() && from.is_some() {
                    evidence.push("source: the country expelled from".into());
                }
                target = subject_before(&lowers, ts, before.collect(), &trigger_ends)
                    .map(|s| event_actor(s.m));
                evidence.push("passive".into());
            } else {
                let subj = inside_first
                    .copied()
                    .or_else(|| subject_before(&lowers, ts, before.collect(), &trigger_ends));
                sources = subj
                    .map(|s| {
                        let mut v: Vec<EventActor> = coordinated_before(&lowers, slots, &s, left)
                            .into_iter()
                            .map(|c| event_actor(c.m))
                            .collect();
                        v.push(event_actor(s.m));
                        v.extend(
                            coordinated(&lowers, slots, &s, right)
                                .into_iter()
                                .map(|c| event_actor(c.m)),
                        );
                        v
                    })
                    .unwrap_or_default();
                // the first actor after the trigger; one whose country is only the article's focus
                // ("sending 150 troops to Kazakhstan") gives way to a named one close behind
                // "it" refers back to a subject ("said it hoped for"), never to what an action is done to
                let candidates: Vec<&&Slot<'_>> = after
                    .iter()
                    .filter(|s| s.ts == 0 || lowers[s.ts - 1] != "by")
                    .filter(|s| s.m.evidence != "coref:it")
                    .collect();
                let named = candidates.iter().find(|s| {
                    let explicit =
                        !s.m.evidence.contains("country: ") && !s.m.evidence.starts_with("coref");
                    explicit
                        && s.ts > 0
                        && matches!(
                            lowers[s.ts - 1],
                            "to" | "into" | "against" | "toward" | "towards"
                        )
                });
                let first = candidates.first();
                target = match (first, named) {
                    (Some(f), Some(n))
                        if f.m.evidence.contains("country: ") && n.ts <= f.te + 6 =>
                    {
                        Some(event_actor(n.m))
                    }
                    (Some(f), _) => Some(event_actor(f.m)),
                    (None, _) => None,
                };
            }
            // "fighting between the army and M23": the two sides act on each other
            let between = after.iter().position(|s| {
                let at = if s.ts > 1 && lowers[s.ts - 1] == "the" {
                    s.ts - 2
                } else {
                    s.ts.saturating_sub(1)
                };
                lowers[at] == "between" && at + 1 >= ts && at <= te
            });
            if let (true, Some(k)) = (sources.is_empty(), between) {
                let first = after[k];
                if let Some(second) = after
                    .get(k + 1)
                    .filter(|s| lowers[first.te..s.ts].contains(&"and") && s.ts <= first.te + 3)
                {
                    sources = vec![event_actor(first.m), event_actor(second.m)];
                    target = None;
                    evidence.push("actors: the two sides named after \"between\"".into());
                }
            }
            // "alongside units from Armenia and Tajikistan": more sources for the same action
            if let Some(pos) = (te..right)
                .filter(|_| !sources.is_empty())
                .find(|&i| COORDINATORS.contains(&lowers[i]) && is_coordinator(&lowers, i))
            {
                if let Some(first) = slots.iter().find(|s| s.ts > pos && s.ts <= pos + 3) {
                    sources.push(event_actor(first.m));
                    sources.extend(
                        coordinated(&lowers, slots, first, right)
                            .into_iter()
                            .map(|c| event_actor(c.m)),
                    );
                    if target.as_ref().is_some_and(|t| t.start == first.m.start) {
                        target = after
                            .iter()
                            .find(|s| {
                                s.ts > first.te && !sources.iter().any(|x| x.start == s.m.start)
                            })
                            .map(|s| event_actor(s.m));
                    }
                }
            }
            // the actors of mentions the parse points at (indices into the sentence's mentions)
            let mentioned = |ms: &[usize]| -> Vec<EventActor> {
                ms.iter().map(|&m| event_actor(all_slots[m].m)).collect()
            };
            if let Some(r) = &parsed {
                // "France and Germany condemned the sentencing of a journalist and called for her release":
                // a verb right after "and" shares the first verb's subject, which the parse knows; the nearest
                // mention before it is the first verb's object
                let shares_subject = verbal
                    && !passive
                    && ts > 0
                    && matches!(lowers[ts - 1], "and" | "but" | "or" | "then");
                // ", accusing them of ...": a participle after a comma tells more of the main clause's subject
                let participle = verbal
                    && !passive
                    && ts > 0
                    && lowers[ts - 1] == ","
                    && lowers[ts].ends_with("ing");
                if (shares_subject || participle) && !r.sources.is_empty() {
                    sources = mentioned(&r.sources);
                    evidence.push("source: parse, shared with the coordinated verb".into());
                }
                // a verb's sources come from the parse first (its subject, through conj/xcomp/advcl and relative
                // pronouns), word order only where the parse has none; a passive takes only the agent the parse
                // also reads as one ("officers killed in the clashes")
                if !r.sources.is_empty()
                    && (sources.is_empty() || verbal)
                    && (!passive || r.passive)
                {
                    let from_parse = mentioned(&r.sources);
                    if from_parse.first().map(|a| a.start) != sources.first().map(|a| a.start) {
                        evidence.push("source: parse".into());
                    }
                    sources = from_parse;
                }
                // "Trump made a phone call to Putin": a nominal trigger that is a verb's object is done by that
                // verb's subject
                if sources.is_empty() && !verbal {
                    if let Some(g) = tree
                        .as_ref()
                        .and_then(|t| crate::roles::governor_roles(t, ts, te, &all_spans))
                    {
                        if !g.sources.is_empty() {
                            sources = mentioned(&g.sources);
                            evidence.push(
                                "source: parse, subject of the verb governing the noun".into(),
                            );
                        }
                    }
                }
                // a passive's subject is its target already; the parse's object would be someone else
                if let (Some(m), None, false) = (r.target, &target, passive) {
                    let t = event_actor(all_slots[m].m);
                    if target.as_ref().map(|x| x.start) != Some(t.start) {
                        evidence.push("target: parse".into());
                    }
                    target = Some(t);
                }
            }
            // "the two sides held talks": a mention of two countries acts as both
            if let Some(pair) = sources.iter().find_map(|a| {
                let slot = slots
                    .iter()
                    .find(|s| s.m.start == a.start && s.m.end == a.end)?;
                let other = slot.m.evidence.strip_prefix(crate::actors::PAIR_EVIDENCE)?;
                let c = self.k.countries.iter().find(|c| c.iso3 == other)?;
                let sector = a.actor.sector.clone();
                Some(EventActor {
                    actor: Actor {
                        code: format!("{other}{}", sector.as_deref().unwrap_or("")),
                        country: Some(other.to_string()),
                        sector,
                        name: c.name.clone(),
                    },
                    ..a.clone()
                })
            }) {
                if sources.len() == 1 {
                    sources.push(pair);
                    evidence.push("sources: the two countries named last".into());
                }
            }
            // "condemned the attack": an object naming an earlier event points at that event's source (and when
            // none is told, the target is whoever did it: unknown, not the source's own country)
            let names_event = matches!(&entry.code[..2], "10" | "11" | "12" | "13")
                && (ts + 1..(te + 4).min(right).min(lowers.len()))
                    .any(|i| self.k.event_nouns.roots(lowers[i]).is_some());
            let mut from_antecedent = false;
            if verbal && !passive {
                if let Some((at, actor)) =
                    self.antecedent_target(doc, toks, &lowers, ts, te, right, out)
                {
                    if target.as_ref().is_none_or(|t| t.start > at) {
                        evidence.push(format!(
                            "target: source of the earlier event `{}`",
                            lowers[tok_range(toks, at, at + 1).0]
                        ));
                        target = Some(actor);
                        from_antecedent = true;
                    }
                }
            }
            // "called for her release": a release is asked of whoever holds the person — the source of the
            // latest arrest, detention or sentence told before
            if target.is_none() && matches!(entry.code.as_str(), "0253" | "1053") {
                if let Some(h) = earlier_source(out, si, toks[ts].start, "17") {
                    evidence.push("target: who holds them (the arrest told before)".into());
                    target = Some(h);
                    from_antecedent = true;
                }
            }
            // "a charge that Russia denies": a denial answers the accusation told before — its source
            // (and so does a rejection of accusations: "The WHO rejected the accusations")
            let denial = entry.code == "016"
                || matches!(
                    lowers[ts],
                    "deny" | "denies" | "denied" | "denying" | "denial" | "denials"
                )
                || entry.code == "120"
                    && lowers[ts..te].iter().any(|w| {
                        w.starts_with("accusation")
                            || w.starts_with("allegation")
                            || matches!(*w, "charge" | "charges" | "claim" | "claims")
                    });
            if target.is_none() && denial {
                if let Some(a) = earlier_source(out, si, toks[ts].start, "11") {
                    evidence.push("target: the accuser (the accusation told before)".into());
                    target = Some(a);
                    from_antecedent = true;
                }
            }
            // speech in a quotation: "I have given the order ..." → the speaker
            let q = doc.quotes.partition_point(|q| q.end < toks[te - 1].end);
            let quote = doc.quotes[q..]
                .first()
                .filter(|q| q.start <= toks[ts].start && toks[te - 1].end <= q.end);
            if sources.is_empty() {
                if let Some(q) = quote {
                    let first_person = lowers[left..ts].iter().any(|w| matches!(*w, "i" | "we"));
                    if let (true, Some(sp)) = (first_person, &q.speaker) {
                        sources.push(event_actor(sp));
                        evidence.push("source: quoted speaker".into());
                    }
                }
            }
            let plover_type = entry.plover_type.clone();
            // "300 people were detained": arrests and detentions without an agent are the state's, in the
            // article's country — its police; protests without a source are that country's civilians
            // (a conviction, sentence or indictment is its courts': "Shaik was convicted of fraud")
            let judicial = lowers[ts..te].iter().any(|w| {
                [
                    "convict", "sentenc", "indict", "prosecut", "guilty", "jail", "acquit",
                ]
                .iter()
                .any(|stem| w.starts_with(stem))
            }) || lowers[ts].starts_with("charg");
            let implicit_sector = if passive && entry.code.starts_with("17") && judicial {
                Some((
                    "JUD",
                    "source: implicit, the focus country's courts (no agent)",
                ))
            } else if passive && entry.code.starts_with("17") {
                Some((
                    "COP",
                    "source: implicit, the focus country's police (no agent)",
                ))
            } else if plover_type.as_deref() == Some("PROTEST") {
                Some(("CVL", "source: implicit protesters of the focus country"))
            } else {
                None
            };
            if let (true, Some((sector, why)), Some(c)) =
                (sources.is_empty(), implicit_sector, focus)
            {
                let country = &self.k.countries[c];
                let actor = Actor {
                    code: format!("{}{sector}", country.iso3),
                    country: Some(country.iso3.clone()),
                    sector: Some(sector.into()),
                    name: country.name.clone(),
                };
                sources.push(implicit_actor(actor, toks[ts].start));
                evidence.push(why.into());
            }
            // "Russia launched 90 drones at Ukraine. Two people were killed in Kharkiv.": casualties with no
            // agent of their own are the work of the violence just told, within the sentence before
            let violent = |code: &str| matches!(&code[..2], "18" | "19" | "20");
            // (and its day and place, when the sentence gives none of its own: "On 2 March, militants attacked
            // a post in Boulkessi. Five soldiers were killed.")
            let mut from_cause: Option<CauseDayAndPlace> = None;
            if sources.is_empty() && verbal && violent(&entry.code) {
                let here = toks[ts].start;
                let cause = out
                    .iter()
                    .rev()
                    .take_while(|e| e.sentence + 1 >= si)
                    .filter(|e| e.trigger.start < here && violent(&e.cameo))
                    .find(|e| e.source.is_some());
                if let Some(cause) = cause {
                    sources.extend(cause.source.clone());
                    if target.is_none() {
                        target = cause.target.clone();
                    }
                    evidence.push(format!("actors: the violence told before ({})", cause.id));
                    from_cause =
                        Some((cause.date.zip(cause.date_precision), cause.location.clone()));
                }
            }
            // "a car bomb exploded outside a hotel in Mogadishu": force with no one named is by unnamed
            // attackers in the country where it happened, against that country
            let mut modality = modality(&lowers, left, ts, te, quote.is_some());
            // (a verb joined to one under "could" or "might" shares it: "could walk in and say")
            if matches!(modality, Modality::Asserted | Modality::Reported)
                && tree
                    .as_ref()
                    .is_some_and(|t| t.shares_a_possible_modal(ts, te))
            {
                modality = Modality::Hypothetical;
            }
            let told_as_fact = matches!(modality, Modality::Asserted | Modality::Reported);
            // (and a killing told in the passive with no agent, "hundreds of rebels had been killed", is theirs too:
            // the coding guide's "source null or the country")
            let passive_victims = passive && target.is_some();
            if sources.is_empty()
                && (target.is_none() || passive_victims)
                && violent(&entry.code)
                && (verbal || told_by_verb)
                && told_as_fact
            {
                let place = self.event_location(doc, sent, toks[ts].start, None, focus, filed);
                let country = place
                    .as_ref()
                    .and_then(|l| self.k.countries.iter().find(|c| c.iso2 == l.country))
                    .or_else(|| focus.map(|c| &self.k.countries[c]));
                if let Some(c) = country {
                    let actor = self.country_actor(&c.iso3);
                    sources.push(implicit_actor(actor.clone(), toks[ts].start));
                    // (at the trigger's end: an implicit target at the source's offset would read as the source)
                    if target.is_none() {
                        target = Some(implicit_actor(actor, toks[te - 1].end));
                    }
                    evidence.push(
                        "actors: implicit, unnamed attackers in the country where it happened"
                            .into(),
                    );
                }
            }
            // a plain statement that judges ("called China's move unjustified", "said the registrar's move was an
            // abuse of power") is a criticism or an approval: the words of judgement in the sentence decide
            let judged = if pattern.fallback {
                self.judgement(&lowers)
            } else {
                None
            };
            let entry = match judged.and_then(|c| self.k.ontology.get(c)) {
                Some(e) => {
                    evidence.push(format!("recoded 010 -> {}: words of judgement", e.code));
                    e
                }
                None => entry,
            };
            // a plain statement is news in the article's lead (the inverted pyramid: later "X said" lines
            // attribute details); by no one named it tells nothing
            if pattern.fallback && (sources.is_empty() || judged.is_none() && si >= LEAD_SENTENCES)
            {
                continue;
            }
            if sources.is_empty() && target.is_none() && !verbal && !told_by_verb {
                // a bare event noun with no actor is background ("amid calls for reform"), not an event report
                continue;
            }
            if sources.is_empty() {
                sources.push(EventActor {
                    text: String::new(),
                    start: 0,
                    end: 0,
                    actor: Actor::default(),
                });
            }
            let mut date = self.event_date(doc, toks, &lowers, ts, te, filed);
            let own_date = starting_in(&doc.dates, sent.start, sent.end, |d| d.start)
                .iter()
                .any(|d| d.end <= sent.end);
            if let (Some((Some(d), _)), false) = (&from_cause, own_date) {
                date = Some(*d);
                evidence.push("date: the violence told before".into());
            }
            let mut counts = self.event_counts(doc, toks, ts, &trigger_starts);
            // "fatally shot the ambassador", "Police arrested Orujov": a killing or arrest of people named
            // one by one counts them
            if let (Some(kind), Some(t)) = (
                victim_kind(&entry.code, &lowers[ts.saturating_sub(1)..te]),
                tree.as_ref(),
            ) {
                if let Some(c) = counts.iter_mut().find(|c| c.kind == kind) {
                    // "two bombs killed six police officers and a civilian": seven
                    let added = crate::roles::added_victims(t, ts, te);
                    if added > 0 {
                        c.min += added;
                        c.max += added;
                        evidence.push(format!("count: {added} more named one by one"));
                    }
                } else if let Some(n) = crate::roles::victims(t, ts, te) {
                    let (a, b) = (toks[ts].start, toks[te - 1].end);
                    counts.push(EventCount {
                        kind,
                        min: n,
                        max: n,
                        text: doc.slice(a, b).to_string(),
                        start: a,
                        end: b,
                    });
                    evidence.push(format!("count: {n}, the people named as its object"));
                }
            }
            // "will not bow", "would not negotiate": a negation of will is a refusal; "did not release" is not
            let refusal = modality == Modality::Negated
                && lowers[ts.saturating_sub(3)..(ts + 2).min(te)]
                    .iter()
                    .any(|w| matches!(*w, "will" | "would" | "wo" | "shall" | "'ll"));
            // "the 60 Russian diplomats being expelled": the people expelled are diplomats
            let diplomats = lowers[ts.saturating_sub(6)..(te + 6).min(lowers.len())]
                .iter()
                .any(|w| {
                    matches!(
                        *w,
                        "diplomat"
                            | "diplomats"
                            | "envoy"
                            | "envoys"
                            | "ambassador"
                            | "ambassadors"
                    )
                });
            let (ts_c, te_c) = (toks[ts].start, toks[te - 1].end);
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
            let source_spans: Vec<(usize, usize)> =
                sources.iter().map(|s| (s.start, s.end)).collect();
            for (source, partner) in sources.into_iter().zip(partners) {
                let source = (!source.actor.code.is_empty()).then_some(source);
                let (entry, modality, recoded) =
                    self.recode(entry, modality, refusal, diplomats, source.as_ref());
                // (nor is the speaker's own pronoun in what they say: "Trump said he would like to
                // announce", "Paris claims that she was kept")
                let mut target = target.clone().filter(|t| {
                    source.as_ref().is_none_or(|s| {
                        (s.start != t.start || s.end != t.end || s.actor.code != t.actor.code)
                            && !(matches!(
                                t.text.to_lowercase().as_str(),
                                "he" | "she" | "him" | "her"
                            ) && s.actor == t.actor)
                    })
                });
                // "the army defended the strike": an antecedent of one's own is no target (a police arrest
                // condemned by the country's opposition still is)
                if from_antecedent
                    && target.as_ref().map(|t| &t.actor.code)
                        == source.as_ref().map(|s| &s.actor.code)
                {
                    target = None;
                }
                let mut ev = evidence.clone();
                ev.extend(recoded);
                if let Some(p) = partner {
                    target = Some(p);
                    ev.push("target: the other party of a reciprocal act".into());
                }
                // an act with no actor named as its object is domestic, aimed at the source's own country:
                // coercion and protest ("police arrested 40 people", "protests erupted in Mangystau") and any
                // other act ("the parliament refused to consider the bills", "police are investigating the
                // incident"), as CAMEO codes such events
                let coerce = matches!(entry.plover_type.as_deref(), Some("COERCE" | "PROTEST"));
                let location = self.event_location(doc, sent, ts_c, source.as_ref(), focus, filed);
                // no place in the sentence: a government speaks and decides in its capital
                // (so does one whose sentence only names its own country: "China's commerce ministry said")
                let own_country = |l: &petrel_core::Location| {
                    source
                        .as_ref()
                        .and_then(|a| a.actor.country.as_deref())
                        .and_then(|iso3| self.k.country(iso3))
                        .is_some_and(|c| c.iso2 == l.country)
                        && self
                            .k
                            .gazetteer
                            .country(&l.country)
                            .is_some_and(|p| p.geonameid == l.geonameid)
                };
                let location = match location {
                    Some(l)
                        if !matches!(l.basis.as_str(), "document" | "article")
                            && !own_country(&l) =>
                    {
                        Some(l)
                    }
                    l => self.capital_of(&entry.code, source.as_ref()).or(l),
                };
                // casualties of the violence told before happened where it did, when their sentence names no
                // place
                let location = match (location, from_cause.as_ref().and_then(|(_, l)| l.clone())) {
                    (Some(l), Some(c))
                        if matches!(l.basis.as_str(), "document" | "article" | "capital") =>
                    {
                        Some(c)
                    }
                    (None, Some(c)) => Some(c),
                    (l, _) => l,
                };
                // a statement with no object is about the one foreign actor its sentence names ("China's
                // unfair trading actions are damaging", the US official said; "Germany has been one of the most
                // vociferous countries", he said)
                let verbal_act = matches!(
                    &entry.code[..2],
                    "01" | "02" | "03" | "05" | "10" | "11" | "12" | "13"
                );
                if target.is_none() && verbal_act {
                    let own = source.as_ref().and_then(|s| s.actor.country.clone());
                    let foreign: Vec<&Slot<'_>> = all_slots
                        .iter()
                        .filter(|s| {
                            source_spans
                                .iter()
                                .all(|&(a, b)| a == b || b <= s.m.start || a >= s.m.end)
                        })
                        .filter(|s| s.m.actor.country.is_some() && s.m.actor.country != own)
                        .collect();
                    let first = foreign.first().and_then(|f| f.m.actor.country.clone());
                    if own.is_some()
                        && first.is_some()
                        && foreign.iter().all(|s| s.m.actor.country == first)
                    {
                        target = Some(event_actor(foreign[0].m));
                        ev.push(
                            "target: the one foreign actor the statement's sentence names".into(),
                        );
                    }
                }
                if target.is_none() && (coerce || !names_event) {
                    // force sent abroad ("Russian troops arrived in Kazakhstan") and a visit ("Trump's visit to
                    // Riyadh") are aimed at the country where they happen; other acts at home
                    let abroad = location
                        .as_ref()
                        .filter(|l| {
                            !matches!(l.basis.as_str(), "document" | "article")
                                && (matches!(&entry.code[..2], "15" | "18" | "19" | "20")
                                    || entry.code == "042")
                        })
                        .and_then(|l| self.k.countries.iter().find(|c| c.iso2 == l.country))
                        .map(|c| c.iso3.clone());
                    let own = source.as_ref().and_then(|s| s.actor.country.clone());
                    if let Some(country) = abroad.clone().or(own) {
                        target = Some(implicit_actor(self.country_actor(&country), ts_c));
                        ev.push(if abroad.is_some() {
                            "target: implicit, the country where it happened".into()
                        } else if coerce {
                            "target: implicit, the source's own country".into()
                        } else {
                            "target: implicit, the source's own country (no actor named as object)"
                                .into()
                        });
                    }
                }
                // an act with no agent named ("the government has been accused of doing too little", "farmers
                // are urged to watch their animals", "he was released on bail") is by someone of the target's
                // own country, as the coding guide codes an unknown agent: "the country"
                let mut source = source;
                if source.is_none() {
                    if let Some(country) = target.as_ref().and_then(|t| t.actor.country.clone()) {
                        source = Some(implicit_actor(self.country_actor(&country), ts_c));
                        ev.push(
                            "source: implicit, the target's own country (no agent named)".into(),
                        );
                    }
                }
                let key = (
                    entry.code.clone(),
                    source
                        .as_ref()
                        .map_or(String::new(), |s| s.actor.code.clone()),
                    target
                        .as_ref()
                        .map_or(String::new(), |t| t.actor.code.clone()),
                );
                if seen.contains(&key) {
                    // one action told with two verbs ("attacked a police station, killing two officers"): the
                    // event already coded takes the counts the second verb carries
                    if let Some(e) =
                        out.iter_mut()
                            .rev()
                            .take_while(|e| e.sentence == si)
                            .find(|e| {
                                e.cameo == key.0
                                    && e.source.as_ref().map_or("", |s| s.actor.code.as_str())
                                        == key.1
                                    && e.target.as_ref().map_or("", |t| t.actor.code.as_str())
                                        == key.2
                            })
                    {
                        for c in &counts {
                            if !e.counts.iter().any(|x| x.kind == c.kind) {
                                e.counts.push(c.clone());
                            }
                        }
                    }
                    continue;
                }
                seen.push(key);
                let mut confidence: f64 = 0.45;
                confidence += if source.is_some() { 0.2 } else { 0.0 };
                confidence += if target.is_some() { 0.15 } else { 0.0 };
                confidence += if pattern.weight() >= 2 { 0.1 } else { 0.0 };
                let source_id = source
                    .as_ref()
                    .map_or("", |s| s.actor.code.as_str())
                    .to_string();
                let acled = crate::acled::acled_type(
                    self.k,
                    &entry.code,
                    &lowers,
                    source.as_ref().map(|s| &s.actor),
                    target.as_ref().map(|t| &t.actor),
                );
                out.push(Event {
                    id: petrel_core::event::event_id(
                        &doc.meta.id,
                        ts_c,
                        te_c,
                        &format!("{}{}", entry.code, source_id),
                    ),
                    doc: doc.meta.id.clone(),
                    sentence: si,
                    text: if long_sentence {
                        // a run-on "sentence" (a list, a page without full stops): the text around the trigger
                        let from = ts_c.saturating_sub(MAX_TEXT / 2).max(sent.start);
                        doc.slice(from, (te_c + MAX_TEXT / 2).min(sent.end))
                            .to_string()
                    } else {
                        sentence_text.clone()
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
                    counts: counts.clone(),
                    modality,
                    quote: quote.map(|q| EventQuote {
                        speaker: q.speaker.as_ref().map(event_actor),
                        text: q.text.clone(),
                        start: q.start,
                        end: q.end,
                    }),
                    same_as: None,
                    confidence: confidence.min(0.95),
                    evidence: ev.join("; "),
                });
            }
        }
    }

    /// For an object that names an event ("the attack", "this decision") right after the trigger: the noun's
    /// offset and the source of the latest earlier event it can name, within `ANTECEDENT_SENTENCES`.
    #[allow(clippy::too_many_arguments)]
    fn antecedent_target(
        &self,
        doc: &Document,
        toks: &[Token],
        lowers: &[&str],
        ts: usize,
        te: usize,
        right: usize,
        earlier: &[Event],
    ) -> Option<(usize, EventActor)> {
        let end = (te + 4).min(right).min(lowers.len());
        let i = (ts + 1..end).find(|&i| {
            self.k.event_nouns.roots(lowers[i]).is_some()
                && (lowers[i - 1..i]
                    .iter()
                    .chain(lowers[i.saturating_sub(2).max(ts)..i - 1].iter())
                    .any(|w| EVENT_DETERMINERS.contains(w)))
        })?;
        let at = toks[i].start;
        let trigger_start = toks[ts].start;
        let sentence = doc.sentences.partition_point(|s| s.end <= trigger_start);
        earlier
            .iter()
            .rev()
            .take_while(|e| e.sentence + ANTECEDENT_SENTENCES >= sentence)
            .filter(|e| e.trigger.start < trigger_start)
            .find(|e| e.source.is_some() && self.k.event_nouns.names(lowers[i], &e.cameo))
            .and_then(|e| e.source.clone())
            .map(|a| (at, a))
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

/// The source of the latest event of CAMEO root `root` told before offset `here`, within `ANTECEDENT_SENTENCES`
/// of sentence `si`: whoever holds the person a release is asked for (an arrest), whom a denial answers (an
/// accusation).
pub(crate) fn earlier_source(
    out: &[Event],
    si: usize,
    here: usize,
    root: &str,
) -> Option<EventActor> {
    out.iter()
        .rev()
        .take_while(|e| e.sentence + ANTECEDENT_SENTENCES >= si)
        .filter(|e| e.trigger.start < here && e.cameo.starts_with(root))
        .find_map(|e| e.source.clone())
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
