//! CAMEO coding conventions applied after the roles: recoding by who acted or by negation, statements judged
//! by their words, retellings of the same event, and the dead of an act told with it or right after it.

use crate::attributes::KILLING_STEMS;
use crate::attributes::NEGATIONS;
use crate::coder::*;
use petrel_core::{
    starting_in, CountKind, Date, Document, Event, EventActor, EventCount, Modality,
};
use petrel_knowledge::Polarity;

impl EventCoder<'_> {
    /// CAMEO conventions that depend on who acted, on whom or on negation: force used by civilians or
    /// protesters is a riot (145), not a military act; an expulsion of `diplomats` reduces relations (161), it
    /// is no deportation (174); a `refusal` (a negation of will: "will not bow to pressure", "will not release
    /// the prisoners") to yield, or of an intent to yield, is a refusal to yield (124) that did happen, one to
    /// meet ("would not negotiate") a refusal to negotiate (125). Returns the code to use, the modality and a
    /// note for the evidence.
    pub(crate) fn recode<'e>(
        &'e self,
        entry: &'e petrel_knowledge::CameoCode,
        modality: Modality,
        refusal: bool,
        diplomats: bool,
        source: Option<&EventActor>,
    ) -> (&'e petrel_knowledge::CameoCode, Modality, Option<String>) {
        let civilian = source.is_some_and(|s| s.actor.sector.as_deref() == Some("CVL"));
        let forceful = entry.code.starts_with("19") || matches!(entry.code.as_str(), "180" | "182");
        let (code, modality, why) = if civilian && forceful {
            ("145", modality, "civilians using force: a riot")
        } else if entry.code.starts_with("174") && diplomats {
            ("161", modality, "diplomats expelled: relations reduced")
        } else if refusal && (entry.code.starts_with("08") || entry.code.starts_with("035")) {
            (
                "124",
                Modality::Asserted,
                "a negated yielding: a refusal to yield",
            )
        } else if refusal && entry.code.starts_with("04") {
            (
                "125",
                Modality::Asserted,
                "a negated meeting or negotiation: a refusal to meet or negotiate",
            )
        } else {
            return (entry, modality, None);
        };
        match self.k.ontology.get(code) {
            Some(e) => (
                e,
                modality,
                Some(format!("recoded {} -> {code}: {why}", entry.code)),
            ),
            None => (entry, modality, None),
        }
    }

    /// The code of a statement judged by its words: more words of disapproval than of approval in the sentence
    /// make it a criticism (111), more of approval a praise (051); a negation before a word turns it. With
    /// neither, a statement of what ought to be done is a demand (100).
    pub(crate) fn judgement(&self, lowers: &[&str]) -> Option<&'static str> {
        let (mut against, mut for_) = (0, 0);
        for (i, w) in lowers.iter().enumerate() {
            let Some(p) = self.k.evaluation.polarity(w) else {
                continue;
            };
            let negated = lowers[i.saturating_sub(2)..i]
                .iter()
                .any(|w| NEGATIONS.contains(w));
            match (p, negated) {
                (Polarity::Disapprove, false) | (Polarity::Approve, true) => against += 1,
                _ => for_ += 1,
            }
        }
        match against.cmp(&for_) {
            std::cmp::Ordering::Greater => Some("111"),
            std::cmp::Ordering::Less => Some("051"),
            // "said Mexico should limit cooperation", "Wang should be released": what ought to be done is
            // asked for
            std::cmp::Ordering::Equal if deontic(lowers) => Some("020"),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// Marks an event that tells again an action the article reported before — same CAMEO code, same source and
/// target codes (both known: "protesters rallied" twice may be two rallies), dates no more than a week apart —
/// with the id of the first telling in `same_as`. Each telling stays a line of its own, with its own evidence;
/// counting tools take the first.
pub(crate) fn link_retellings(events: &mut [Event]) {
    let mut first: std::collections::HashMap<(String, String, String), (String, Option<Date>)> =
        std::collections::HashMap::new();
    for e in events.iter_mut() {
        let (Some(s), Some(t)) = (&e.source, &e.target) else {
            continue;
        };
        if e.modality != Modality::Asserted && e.modality != Modality::Reported {
            continue;
        }
        let key = (e.cameo.clone(), s.actor.code.clone(), t.actor.code.clone());
        match first.get(&key) {
            Some((id, d)) => {
                let apart = match (d, e.date) {
                    (Some(a), Some(b)) => (a.to_days() - b.to_days()).abs(),
                    _ => 0,
                };
                if apart <= 7 {
                    e.same_as = Some(id.clone());
                }
            }
            None => {
                first.insert(key, (e.id.clone(), e.date));
            }
        }
    }
}

/// Folds the deaths a violent act caused into it: "warplanes struck the village, killing six civilians" and "On 2
/// March, militants attacked a post in Boulkessi. Five soldiers were killed." tell one attack with six (five) dead,
/// as the coding guide and ACLED count them, not an attack with no dead and a killing beside it. A killing (a
/// trigger of [`KILLING_STEMS`] in roots 18–20) after a violent act of the same sentence, by the same source or
/// none, or one whose actors came from the violence told just before, gives its counts of killed and injured to that
/// act when the act has none of its own, and is marked as told again (`same_as` the act).
pub(crate) fn fold_consequences(events: &mut [Event]) {
    let violent = |code: &str| matches!(code.get(..2), Some("18" | "19" | "20"));
    for j in 1..events.len() {
        let (before, rest) = events.split_at_mut(j);
        let e = &mut rest[0];
        let trigger = e.trigger.text.to_lowercase();
        let killing = KILLING_STEMS.iter().any(|s| trigger.starts_with(s));
        if !killing || !violent(&e.cameo) || e.counts.is_empty() {
            continue;
        }
        let told_before = |c: &Event| {
            e.evidence
                .contains(&format!("the violence told before ({})", c.id))
        };
        let same_act = |c: &Event| {
            c.sentence == e.sentence
                && c.trigger.end <= e.trigger.start
                && (e.source.is_none()
                    || e.source.as_ref().map(|a| &a.actor.code)
                        == c.source.as_ref().map(|a| &a.actor.code))
        };
        let Some(cause) = before
            .iter()
            .rev()
            .take_while(|c| c.sentence + 1 >= e.sentence)
            .find(|c| violent(&c.cameo) && (same_act(c) || told_before(c)))
        else {
            continue;
        };
        let casualties = |k: &CountKind| matches!(k, CountKind::Killed | CountKind::Injured);
        if cause.counts.iter().any(|c| casualties(&c.kind)) {
            continue;
        }
        let (id, trigger) = (cause.id.clone(), (cause.sentence, cause.trigger.start));
        let dead: Vec<_> = e
            .counts
            .iter()
            .filter(|c| casualties(&c.kind))
            .cloned()
            .collect();
        // (both tellings of a reciprocal act, "the two armies clashed", carry its dead)
        for c in before
            .iter_mut()
            .rev()
            .take_while(|c| c.sentence >= trigger.0)
            .filter(|c| (c.sentence, c.trigger.start) == trigger)
        {
            c.counts.extend(dead.iter().cloned());
        }
        e.same_as = Some(id);
    }
}

/// Whether a sentence says what ought to be done: "should", "must", "ought to", "need(s) to", "has/have to" —
/// by someone other than the speaker's side or a thing ("we have to assume", "it must be", "this needs to"):
/// what the speakers owe themselves is no demand on anyone.
fn deontic(lowers: &[&str]) -> bool {
    lowers.iter().enumerate().any(|(i, w)| {
        let modal = matches!(*w, "should" | "must" | "ought")
            || matches!(*w, "need" | "needs" | "has" | "have")
                && lowers.get(i + 1) == Some(&"to")
                && !lowers[..i]
                    .last()
                    .is_some_and(|p| matches!(*p, "would" | "will"));
        let subject = lowers[..i].iter().rev().find(|p| {
            !matches!(
                **p,
                "also"
                    | "still"
                    | "really"
                    | "certainly"
                    | "definitely"
                    | "not"
                    | "will"
                    | "would"
                    | "may"
                    | "might"
                    | "could"
                    | "probably"
            )
        });
        modal
            && !subject.is_some_and(|p| {
                matches!(
                    *p,
                    "i" | "we" | "it" | "this" | "that" | "there" | "which" | "what"
                )
            })
    })
}

/// The toll told right after an act: "Militants shelled the post. 4 fatalities.", "The attack resulted in five
/// deaths.", "The death toll rose to 44, officials said.", "He was pronounced dead at the hospital."; "Police raided
/// the camp. Twelve people were detained."; "Farmers marched on parliament. Organisers said 5,000 took part." In the
/// sentence after the act — or the one after that, when the sentence between tells no such count — a sentence with
/// no act of the same kind gives its counts to the last act of that kind of the sentence before (and to both
/// tellings of a reciprocal one), each kind of count the act has none of: the killed, injured, displaced and
/// abducted to violence (roots 18–20), the arrested to arrests (17), protesters to protests (14).
pub(crate) fn tolls_told_after(doc: &Document, events: &mut [Event]) {
    let root = |code: &str, roots: &[&str]| code.get(..2).is_some_and(|r| roots.contains(&r));
    let families: [(&[&str], &[CountKind]); 3] = [
        (
            &["18", "19", "20"],
            &[
                CountKind::Killed,
                CountKind::Injured,
                CountKind::Displaced,
                CountKind::Abducted,
            ],
        ),
        (&["17"], &[CountKind::Arrested]),
        (&["14"], &[CountKind::Protesters]),
    ];
    for (roots, kinds) in families {
        let act_of = |e: &Event| root(&e.cameo, roots);
        // (events come in sentence order: each sentence's events are one run, found by binary search, so a long
        // document stays linear in its events)
        let run_of = |events: &[Event], si: usize| {
            let a = events.partition_point(|e| e.sentence < si);
            a..a + events[a..].partition_point(|e| e.sentence == si)
        };
        let mut run_start = 0;
        while run_start < events.len() {
            let here = events[run_start].sentence;
            let run_end = run_start + events[run_start..].partition_point(|e| e.sentence == here);
            let act = events[run_start..run_end]
                .iter()
                .rposition(|e| act_of(e) && e.same_as.is_none())
                .map(|i| run_start + i);
            let told = act.and_then(|_| {
                for si in here + 1..=here + 2 {
                    let sent = doc.sentences.get(si)?;
                    if events[run_of(events, si)].iter().any(act_of) {
                        return None;
                    }
                    let told: Vec<EventCount> =
                        starting_in(&doc.counts, sent.start, sent.end, |c| c.start)
                            .iter()
                            .filter(|c| c.end <= sent.end && kinds.contains(&c.kind))
                            .map(crate::attributes::event_count)
                            .collect();
                    if !told.is_empty() {
                        return Some(told);
                    }
                }
                None
            });
            if let (Some(a), Some(told)) = (act, told) {
                // (killed and injured told with the act already are its toll: "killing three" needs no more dead)
                let casualties =
                    |k: &CountKind| matches!(k, CountKind::Killed | CountKind::Injured);
                let has_casualties = events[a].counts.iter().any(|c| casualties(&c.kind));
                let missing: Vec<EventCount> = told
                    .into_iter()
                    .filter(|c| !events[a].counts.iter().any(|x| x.kind == c.kind))
                    .filter(|c| !(has_casualties && casualties(&c.kind)))
                    .collect();
                let at = events[a].trigger.start;
                for e in events[run_start..run_end]
                    .iter_mut()
                    .filter(|e| e.trigger.start == at)
                {
                    e.counts.extend(missing.iter().cloned());
                }
            }
            run_start = run_end;
        }
    }
}

/// Counts whose nearest trigger coded no event, or one with no actor ("Israeli soldiers killed three Palestinians
/// and wounded 20 in clashes": "clashes" names no one; "A man was killed yesterday as villagers clashed": the
/// killing has no actor of its own), also go to the nearest event of their sentence that has an actor and is an act
/// of force, protest or arrest (roots 14 and 17–20; troops go to any act), when it carries no count of their kind,
/// is told as having happened and lies within 300 characters. Counts an event with
/// an actor carries, merged in a list or not, and those of what is told as not having happened or only supposed,
/// stay where they are. (Events come in sentence order.)
pub(crate) fn counts_of_uncoded_triggers(doc: &Document, events: &mut [Event]) {
    let mut run_start = 0;
    while run_start < events.len() {
        let si = events[run_start].sentence;
        let run_end = run_start + events[run_start..].partition_point(|e| e.sentence == si);
        let Some(sent) = doc.sentences.get(si) else {
            run_start = run_end;
            continue;
        };
        for c in starting_in(&doc.counts, sent.start, sent.end, |c| c.start)
            .iter()
            .filter(|c| c.end <= sent.end)
        {
            let run = &events[run_start..run_end];
            let acted = |e: &&Event| e.source.is_some() || e.target.is_some();
            let supposed =
                |e: &Event| matches!(e.modality, Modality::Negated | Modality::Hypothetical);
            let carried = run.iter().filter(|e| acted(e) || supposed(e)).any(|e| {
                e.counts
                    .iter()
                    .any(|x| x.start <= c.start && c.end <= x.end)
            });
            let apart = |e: &Event| {
                if e.trigger.start >= c.end {
                    e.trigger.start - c.end
                } else {
                    c.start.saturating_sub(e.trigger.end)
                }
            };
            // (a casualty, an arrest or a crowd goes to an act of force, protest or arrest, not to a statement)
            let fits = |e: &&Event| {
                c.kind == CountKind::Troops
                    || matches!(e.cameo.get(..2), Some("14" | "17" | "18" | "19" | "20"))
            };
            let Some(near) = run
                .iter()
                .filter(acted)
                .filter(fits)
                .min_by_key(|e| apart(e))
            else {
                continue;
            };
            if carried
                || apart(near) > 300
                || supposed(near)
                || near.counts.iter().any(|x| x.kind == c.kind)
            {
                continue;
            }
            let at = near.trigger.start;
            for e in events[run_start..run_end]
                .iter_mut()
                .filter(|e| e.trigger.start == at)
            {
                e.counts.push(crate::attributes::event_count(c));
                e.evidence
                    .push_str("; count: its nearest trigger coded no event");
            }
        }
        run_start = run_end;
    }
}

/// Others added to those an act of the sentence counted before: "the NBI arrested Deen and Villanueva ..., while the
/// other three were arrested inside a condo unit" tells five arrested. An event whose count is of "others" ("the other
/// three", "three others", "another three", "three more") adds it to the count of the same kind of the earlier event
/// of its sentence with the same CAMEO root, which then holds the sentence's total, and is marked as told again
/// (`same_as` it) so that the people are counted once.
pub(crate) fn others_added(doc: &Document, events: &mut [Event]) {
    // (the words right before and after a count, inside its sentence)
    let word_before = |si: usize, at: usize| {
        let from = doc
            .sentences
            .get(si)
            .map_or(at, |s| s.start.max(at.saturating_sub(30)));
        doc.slice(from.min(at), at)
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase()
    };
    let word_after = |si: usize, at: usize| {
        let to = doc.sentences.get(si).map_or(at, |s| s.end.min(at + 30));
        doc.slice(at, to.max(at))
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase()
    };
    for j in 1..events.len() {
        let (before, rest) = events.split_at_mut(j);
        let e = &mut rest[0];
        if e.same_as.is_some() {
            continue;
        }
        let Some(c) = e.counts.iter().find(|c| {
            matches!(
                word_before(e.sentence, c.start).as_str(),
                "other" | "another"
            ) || matches!(word_after(e.sentence, c.end).as_str(), "others" | "more")
        }) else {
            continue;
        };
        let root = e.cameo.get(..2);
        let Some(first) = before
            .iter_mut()
            .rev()
            .take_while(|f| f.sentence == e.sentence)
            .filter(|f| f.cameo.get(..2) == root && f.trigger.end <= e.trigger.start)
            .last()
        else {
            continue;
        };
        let Some(fc) = first.counts.iter_mut().find(|x| x.kind == c.kind) else {
            continue;
        };
        fc.min = fc.min.saturating_add(c.min);
        fc.max = fc.max.saturating_add(c.max);
        e.same_as = Some(first.id.clone());
    }
}
