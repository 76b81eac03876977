//! petrel-quantity: counts of people killed, injured, arrested, abducted and displaced, troops and protesters.
//!
//! Reads `tokens`, `sentences` and `dates` (numbers inside dates are not counts); fills `counts`.
//! An amount is a number ("3,811", "18", "1.5 million"), a number word ("three", "two hundred") or a vague
//! amount, read as a range following ACLED's conventions: "dozens" 12–99, "scores" 20–99, "hundreds"
//! 100–999, "thousands" 1,000–9,999, "a few"/"several thousand" 2,000–9,999, "tens of thousands"
//! 10,000–99,999. What it counts comes from the words around it, the nearest outcome word first
//! ("18 security officers killed", "the number of people detained reached 3,811"), then the noun counted
//! ("200 troops", "three bodies").

#![warn(missing_docs)]

mod amount;
mod kind;
mod words;

use amount::{amount, is_age, is_time, qualified};
use kind::{in_list, kind_of, kind_of_noun_phrase_is_people, one_dies, one_person, one_pronoun};
use petrel_core::{starting_in, CountKind, CountMention, Document, Stage, Token};

/// Whether the amount at token `i` (`used` tokens) of `kind` counts "others" after one person named before "and"
/// ("Ahmed Khan and two others were arrested", "he and three other men were killed"): that person is one more.
fn one_more(persons: &Persons, toks: &[Token], i: usize, used: usize, kind: CountKind) -> bool {
    let casualty = matches!(
        kind,
        CountKind::Killed | CountKind::Injured | CountKind::Arrested | CountKind::Abducted
    );
    let others = matches!(
        toks.get(i + used).map(|t| t.lower.as_str()),
        Some("others" | "other")
    );
    if !casualty || !others || i < 2 || toks[i - 1].lower != "and" {
        return false;
    }
    let named = &toks[i - 2];
    // (a subject: "died alongside him and five others were wounded" counts five wounded)
    matches!(named.lower.as_str(), "he" | "she") || persons.ending_at(named.end).is_some()
}

/// The people the document's entities name, by the offset where each name ends (sorted once per document, so
/// each token asks in logarithmic time).
struct Persons(Vec<(usize, usize)>);

impl Persons {
    fn of(doc: &Document) -> Persons {
        let mut v: Vec<(usize, usize)> = doc
            .entities
            .iter()
            .filter(|e| e.label == "PER")
            .map(|e| (e.end, e.start))
            .collect();
        v.sort_unstable();
        Persons(v)
    }

    /// The (start, end) of a person's name ending at `end`.
    fn ending_at(&self, end: usize) -> Option<(usize, usize)> {
        let k = self.0.partition_point(|&(e, _)| e < end);
        self.0
            .get(k)
            .filter(|&&(e, _)| e == end)
            .map(|&(e, s)| (s, e))
    }
}

/// The count tagger as a pipeline stage.
#[derive(Default, Debug, Clone, Copy)]
pub struct CountTagger;

impl Stage for CountTagger {
    fn name(&self) -> &'static str {
        "counts"
    }
    fn process(&self, doc: &mut Document) {
        let mut counts = Vec::new();
        let persons = Persons::of(doc);
        for si in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(si);
            // amounts whose kind nothing near them tells, kept until a later amount of the same list tells it
            // ("24 civilians, 24 Kurdish fighters, and 25 militiamen have been killed")
            let mut pending: Vec<(usize, usize, u64, u64)> = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                // dates are sorted and do not overlap: only the last one starting before the token can hold it
                let before = starting_in(&doc.dates, 0, toks[i].start + 1, |d| d.start);
                let in_date = before.last().is_some_and(|d| toks[i].end <= d.end);
                // a number glued to a unit or money sign is no head count
                let money =
                    i > 0 && matches!(toks[i - 1].lower.as_str(), "$" | "€" | "£" | "us$" | "no.");
                // "a man was arrested": one, when something happened to them (one named in a list, "six
                // officers and a civilian", is added to the list's count by the coder)
                let listed = i > 0 && matches!(toks[i - 1].lower.as_str(), "and" | "," | "or");
                // "he was pronounced dead", "John Smith was shot dead": one
                let named = (i > 0)
                    .then(|| persons.ending_at(toks[i - 1].end))
                    .flatten();
                // (past an apposition set off by commas: "Michael Chiesa, another fighter who was set to
                // compete, had minor injuries")
                let after_apposition = || {
                    (toks[i].lower == ",")
                        .then(|| (i + 2..(i + 20).min(toks.len())).find(|&j| toks[j].lower == ","))
                        .flatten()
                        .and_then(|j| one_dies(toks, j + 1))
                };
                let one = match named {
                    Some((start, end)) => one_dies(toks, i)
                        .or_else(after_apposition)
                        .map(|k| (k, start, end)),
                    None => one_pronoun(toks, i).map(|k| (k, toks[i].start, toks[i].end)),
                };
                if let Some((kind, start, end)) = one {
                    counts.push(one_person_count(doc, start, end, kind));
                    pending.clear();
                    i += 1;
                    continue;
                }
                if let Some(noun) = one_person(toks, i).filter(|_| !listed) {
                    if let Some(kind) = kind_of(toks, i, noun) {
                        counts.push(one_person_count(doc, toks[i].start, toks[i].end, kind));
                    }
                    pending.clear();
                    i += 1;
                    continue;
                }
                match (
                    in_date || money || is_age(toks, i) || is_time(toks, i),
                    amount(toks, i),
                ) {
                    (false, Some((min, max, used))) => {
                        let (min, max) = qualified(toks, i, min, max);
                        // a list breaks at anything but words, commas and "and"
                        if let Some(&(_, last_end, _, _)) = pending.last() {
                            if !in_list(toks, last_end, i) {
                                pending.clear();
                            }
                        }
                        if let Some(kind) = kind_of(toks, i, i + used) {
                            // "Ahmed Khan and two others were arrested": the one named before "and" is one more
                            let (min, max) = if one_more(&persons, toks, i, used, kind) {
                                (min.saturating_add(1), max.saturating_add(1))
                            } else {
                                (min, max)
                            };
                            for (ps, pe, pmin, pmax) in pending.drain(..) {
                                let (start, end) = (toks[ps].start, toks[pe - 1].end);
                                counts.push(CountMention {
                                    start,
                                    end,
                                    text: doc.slice(start, end).to_string(),
                                    kind,
                                    min: pmin,
                                    max: pmax,
                                });
                            }
                            let (start, end) = (toks[i].start, toks[i + used - 1].end);
                            counts.push(CountMention {
                                start,
                                end,
                                text: doc.slice(start, end).to_string(),
                                kind,
                                min,
                                max,
                            });
                        } else if kind_of_noun_phrase_is_people(toks, i + used) {
                            pending.push((i, i + used, min, max));
                        } else {
                            pending.clear();
                        }
                        i += used;
                    }
                    _ => i += 1,
                }
            }
        }
        doc.counts = counts;
    }
}

/// A count of one person ("he was shot dead", "his son James was injured") over text `[start, end)`.
fn one_person_count(doc: &Document, start: usize, end: usize, kind: CountKind) -> CountMention {
    CountMention {
        start,
        end,
        text: doc.slice(start, end).to_string(),
        kind,
        min: 1,
        max: 1,
    }
}

#[cfg(test)]
mod tests;
