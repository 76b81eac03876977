//! The readings of a name: gazetteer entries and country names, with the text around a name that tells
//! which (case, the recogniser's entities, a region after a comma, hyphenated names).

use crate::words::*;
use crate::{bears_name, join, small_place, PlaceTagger, Span};
use petrel_core::{Document, EntityMention, Token};
use petrel_knowledge::{CaseRule, LexEntry, LexKind, Place, PlaceKind};
use std::collections::HashSet;

/// A word written in capitals, of two letters or more ("NATO", "LONDON").
pub(crate) fn all_caps(doc: &Document, t: &Token) -> bool {
    let text = doc.slice(t.start, t.end);
    text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.chars().any(char::is_lowercase)
}

/// Every word of the span capitalised or in capitals ("European Union", "EU"), as a union's name is written.
pub(crate) fn caps_or_titled(doc: &Document, span: &[Token]) -> bool {
    span.iter().all(|t| {
        t.capitalized
            || doc
                .slice(t.start, t.end)
                .chars()
                .all(|c| !c.is_alphabetic())
    })
}

/// The span is written as the dictionary entry's case rule asks ("US" in capitals, a name capitalised).
pub(crate) fn case_ok(doc: &Document, span: &[Token], e: &LexEntry) -> bool {
    match &e.case {
        CaseRule::Any => true,
        CaseRule::Capitalized => span[0].capitalized,
        CaseRule::Exact(form) => {
            let surface: String = span.iter().map(|t| doc.slice(t.start, t.end)).collect();
            surface == form.replace(' ', "")
        }
    }
}

/// The label of the named entity that covers `start..end`, if any.
pub(crate) fn entity_over(entities: &[EntityMention], start: usize, end: usize) -> Option<&str> {
    entities
        .iter()
        .find(|e| e.start <= start && end <= e.end)
        .map(|e| e.label.as_str())
}

/// The entities that can hold the position `start`. When they are in order and do not overlap (as the
/// recogniser makes them: `disjoint`), that is at most the last one starting at or before `start`, found by
/// binary search, so a document's names are looked up in time linear in its length, not its square; else
/// all of them.
pub(crate) fn entities_at(
    entities: &[EntityMention],
    disjoint: bool,
    start: usize,
) -> &[EntityMention] {
    if !disjoint {
        return entities;
    }
    let i = entities.partition_point(|e| e.start <= start);
    match i.checked_sub(1) {
        Some(j) if entities[j].end > start => &entities[j..i],
        _ => &[],
    }
}

impl PlaceTagger {
    /// The places a span's name can mean: gazetteer entries, and the country entry of a country name, alias
    /// or (with `demonyms`) adjective of the actor dictionaries ("UK", "U.S.", "Britain"; "Kazakh").
    pub(crate) fn candidates(
        &self,
        doc: &Document,
        span: &[Token],
        key: &str,
        demonyms: bool,
    ) -> Vec<&Place> {
        let k = &self.knowledge;
        let mut candidates: Vec<&Place> = k.gazetteer.lookup(key).collect();
        let mut country_name = false;
        for e in k.lexicon.get(key) {
            let c = match e.kind {
                LexKind::CountryName(c) => c,
                LexKind::CountryAdjective(c) if demonyms => c,
                _ => continue,
            };
            if !case_ok(doc, span, e) {
                continue;
            }
            country_name = true;
            if let Some(p) = k.gazetteer.country(&k.countries[c].iso2) {
                if !candidates.iter().any(|q| q.geonameid == p.geonameid) {
                    candidates.push(p);
                }
            }
        }
        // a country's name means the country ("Georgia", "Jordan") where the gazetteer has it
        // — unless it is a city-state ("Hong Kong", "Singapore"), whose name means the city of nearly all its
        // people, where its events happen
        if country_name && candidates.iter().any(|p| p.kind == PlaceKind::Country) {
            let city_state = candidates
                .iter()
                .find(|p| {
                    p.kind == PlaceKind::City
                        && candidates.iter().any(|c| {
                            c.kind == PlaceKind::Country
                                && c.country == p.country
                                && c.name == p.name
                                && p.population * 5 >= c.population * 4
                        })
                })
                .map(|p| p.geonameid);
            // (a first-level region of another country that bears the name stays for the ranking to weigh
            // against the article's other places: "the contract lab in Georgia" among Alabama and Iowa)
            let countries: HashSet<&str> = candidates
                .iter()
                .filter(|p| p.kind == PlaceKind::Country)
                .map(|p| p.country.as_str())
                .collect();
            match city_state {
                Some(id) => candidates.retain(|p| p.geonameid == id),
                None => candidates.retain(|p| {
                    p.kind == PlaceKind::Country
                        || p.kind == PlaceKind::Admin1
                            && !countries.contains(p.country.as_str())
                            && bears_name(p, key)
                }),
            }
        }
        candidates
    }

    /// Places inside a hyphenated word: "Berlin-based", "Russia-led", "Amsterdam-London".
    /// The names in a hyphenated word ("Nelson-Creston", "Berlin-based"), as spans resolved with the
    /// article's other names: `spans`, or `pending` when only small towns bear the name (one mention
    /// elsewhere that shows it a place admits them, as for any name).
    pub(crate) fn hyphen_parts<'k>(
        &'k self,
        doc: &Document,
        t: &Token,
        spans: &mut Vec<Span<'k>>,
        pending: &mut Vec<Span<'k>>,
    ) {
        let text: Vec<char> = doc.slice(t.start, t.end).chars().collect();
        let parts: Vec<(usize, usize)> = {
            let mut v = Vec::new();
            let mut from = 0;
            for (i, c) in text.iter().enumerate() {
                if *c == '-' {
                    v.push((from, i));
                    from = i + 1;
                }
            }
            v.push((from, text.len()));
            v
        };
        if parts.len() < 2 {
            return;
        }
        let words: Vec<String> = parts
            .iter()
            .map(|&(a, b)| text[a..b].iter().collect::<String>())
            .collect();
        // every part a capitalised name, or a name + a known affix
        let names: Vec<bool> = words
            .iter()
            .map(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        // a country's name or abbreviation as written ("US-based", "UK-bashing", "Russia-led")
        let lexicon = &self.knowledge.lexicon;
        let country_word = |w: &str| {
            lexicon.get(&w.to_lowercase()).iter().any(|e| {
                matches!(e.kind, LexKind::CountryName(_))
                    && match &e.case {
                        CaseRule::Exact(form) => form == w,
                        _ => w.chars().next().is_some_and(char::is_uppercase),
                    }
            })
        };
        let has_country = words.iter().any(|w| country_word(w));
        let affix_ok = words.iter().zip(&names).all(|(w, &cap)| {
            cap || has_country || PLACE_AFFIXES.contains(&w.to_lowercase().as_str())
        });
        if !affix_ok {
            return;
        }
        for ((&(a, b), w), &cap) in parts.iter().zip(&words).zip(&names) {
            let key = w.to_lowercase();
            if !cap
                || (key.chars().count() < 3 && !country_word(w))
                || COMMON_WORDS.contains(&key.as_str())
            {
                continue;
            }
            let (start, end) = (t.start + a, t.start + b);
            let sub = Token {
                start,
                end,
                lower: key.clone(),
                kind: t.kind,
                capitalized: true,
            };
            let lex = self.knowledge.lexicon.get(&key);
            if lex.iter().any(|e| {
                matches!(
                    e.kind,
                    LexKind::Sector(_) | LexKind::Role(_) | LexKind::Person(_)
                )
            }) {
                continue;
            }
            let mut candidates = self.candidates(doc, std::slice::from_ref(&sub), &key, true);
            // as elsewhere, a small town is taken only with evidence ("Berlin-based" is Germany's Berlin)
            let doubtful: Vec<&Place> = candidates
                .iter()
                .copied()
                .filter(|p| small_place(p))
                .collect();
            candidates.retain(|p| !small_place(p));
            if candidates.is_empty() && doubtful.is_empty() {
                continue;
            }
            let sp = Span {
                start,
                end,
                candidates,
                doubtful,
                cue: false,
                partial: false,
                key,
            };
            if sp.candidates.is_empty() {
                pending.push(sp);
            } else {
                spans.push(sp);
            }
        }
    }
}

/// The US states and Canadian provinces with this two-letter postal code ("wa" → Washington).
pub(crate) fn postal_regions<'g>(g: &'g petrel_knowledge::Gazetteer, key: &str) -> Vec<&'g Place> {
    g.lookup(key)
        .filter(|p| p.kind == PlaceKind::Admin1 && matches!(p.country.as_str(), "US" | "CA"))
        .collect()
}

impl PlaceTagger {
    /// Tokens of the longest name of the people dictionary starting at token `i`.
    pub(crate) fn person_at(&self, doc: &Document, toks: &[Token], i: usize) -> Option<usize> {
        if !toks[i].capitalized {
            return None;
        }
        let lexicon = &self.knowledge.lexicon;
        (1..=lexicon.max_tokens().min(toks.len() - i).min(6))
            .rev()
            .find(|&len| {
                let span = &toks[i..i + len];
                lexicon
                    .get(&join(span))
                    .iter()
                    .any(|e| matches!(e.kind, LexKind::Person(_)) && case_ok(doc, span, e))
            })
    }

    /// The regions or countries a name at token `j` can mean ("Va.", "Kazakhstan", "Mangystau Region"), with
    /// the number of tokens of the name.
    pub(crate) fn region_after(
        &self,
        doc: &Document,
        toks: &[Token],
        j: usize,
    ) -> Option<(Vec<&Place>, usize)> {
        let t = toks.get(j)?;
        if !t.capitalized {
            return None;
        }
        let k = &self.knowledge;
        for len in (1..=3.min(toks.len() - j)).rev() {
            let span = &toks[j..j + len];
            let key = join(span);
            let short = key.chars().filter(|c| c.is_alphabetic()).count() < 3 && !key.contains('.');
            let mut c: Vec<&Place> = if short && all_caps(doc, &span[0]) {
                postal_regions(&k.gazetteer, &key)
            } else {
                self.candidates(doc, span, &key, false)
                    .into_iter()
                    .filter(|p| {
                        matches!(
                            p.kind,
                            PlaceKind::Admin1 | PlaceKind::Admin2 | PlaceKind::Country
                        )
                    })
                    .collect()
            };
            if c.is_empty() && toks.get(j + len).is_some_and(|t| t.lower == ".") {
                c = k
                    .gazetteer
                    .lookup(&format!("{key} ."))
                    .filter(|p| p.kind == PlaceKind::Admin1)
                    .collect();
            }
            if !c.is_empty() {
                return Some((c, len));
            }
        }
        None
    }
}
