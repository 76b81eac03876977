//! Places written as conflict reports write them, with their parents in brackets: "in Bulo Burto (Hiraan)",
//! "near Bosaso town (Bari)", "in Shahjadpur Upazila (Shahjadpur, Sirajganj)"; and places of unknown location
//! that take their parent's: "in Kunar area (unknown location) in the district of Dangam".

use crate::words::{LOCATIVE_PREPS, NAME_JOINERS};
use crate::{join, PlaceTagger, Reading};
use petrel_core::{Document, PlaceMention, Token};
use petrel_knowledge::{Place, PlaceKind};

/// Words between a place's name and its parents in brackets: "Bosaso town (Bari)", "Sehi area (...)".
const PARENT_CUES: &[&str] = &[
    "town",
    "village",
    "area",
    "city",
    "district",
    "upazila",
    "county",
    "region",
    "province",
    "camp",
    "locality",
    "subdistrict",
    "sub-district",
    "commune",
    "municipality",
    "neighbourhood",
    "neighborhood",
    "zone",
    "woreda",
    "lga",
];

/// Edits allowed when matching a name of `n` characters to a spelling the gazetteer has.
fn edits_for(n: usize) -> usize {
    match n {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

impl PlaceTagger {
    /// Places written as conflict reports write them, with their parents in brackets: "in Bulo Burto
    /// (Hiraan)", "near Bosaso town (Bari)", "in Shahjadpur Upazila (Shahjadpur, Sirajganj)". The parents
    /// (most general last) are read first, by their spelling or one within a few edits of it; the name is
    /// then looked for among the places inside the most general parent, also by a near spelling; when the
    /// gazetteer has no such place, the most specific parent stands for it.
    pub(crate) fn under_parents(&self, doc: &Document, places: &mut Vec<PlaceMention>) {
        let g = &self.knowledge.gazetteer;
        let mention_at = |places: &Vec<PlaceMention>, start: usize, end: usize| {
            places
                .iter()
                .find(|p| p.start >= start && p.end <= end)
                .and_then(|p| g.by_id(p.geonameid))
        };
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            for open in 1..toks.len() {
                if toks[open].lower != "(" {
                    continue;
                }
                let Some(close) =
                    (open + 1..(open + 12).min(toks.len())).find(|&k| toks[k].lower == ")")
                else {
                    continue;
                };
                // the parents: capitalised names between commas ("(unknown location)" is none)
                let mut groups: Vec<(usize, usize)> = Vec::new();
                let mut from = open + 1;
                for k in open + 1..=close {
                    if toks[k].lower == "," || k == close {
                        groups.push((from, k));
                        from = k + 1;
                    }
                }
                let named = |&(a, b): &(usize, usize)| {
                    b > a
                        && toks[a].capitalized
                        && toks[a..b]
                            .iter()
                            .all(|t| t.capitalized || NAME_JOINERS.contains(&t.lower.as_str()))
                };
                if groups.is_empty() || !groups.iter().all(named) {
                    continue;
                }
                let (start, end) = name_before(toks, open);
                // (only where a place is expected: "in", "near", "at" ... before it; "John Smith (Labour)" is
                // no place)
                if start == end
                    || start == 0
                    || !LOCATIVE_PREPS.contains(&toks[start - 1].lower.as_str())
                {
                    continue;
                }
                // resolve the parents, the most general first
                let mut parent: Option<&Place> = None;
                let mut specific: Option<(&Place, usize, usize)> = None;
                for &(a, b) in groups.iter().rev() {
                    let (ps, pe) = (toks[a].start, toks[b - 1].end);
                    let key = join(&toks[a..b]);
                    let inside = |p: &Place| {
                        matches!(
                            p.kind,
                            PlaceKind::Admin1 | PlaceKind::Admin2 | PlaceKind::City
                        ) && parent.is_none_or(|q| {
                            p.country == q.country
                                && (q.kind == PlaceKind::Country || p.admin1 == q.admin1)
                        })
                    };
                    let found = mention_at(places, ps, pe)
                        .or_else(|| {
                            g.lookup(&key).filter(|p| inside(p)).max_by_key(|p| {
                                (
                                    matches!(p.kind, PlaceKind::Admin1 | PlaceKind::Admin2),
                                    p.population,
                                )
                            })
                        })
                        .or_else(|| {
                            g.fuzzy(&key, edits_for(key.chars().count()), inside)
                                .first()
                                .map(|&(_, p)| p)
                        });
                    if let Some(p) = found {
                        parent.get_or_insert(p);
                        specific = Some((p, ps, pe));
                    }
                }
                let Some(parent) = parent else {
                    continue;
                };
                let (ns, ne) = (toks[start].start, toks[end - 1].end);
                if places.iter().any(|p| p.start < ne && ns < p.end) {
                    continue;
                }
                let key = join(&toks[start..end]);
                let inside = |p: &Place| {
                    p.country == parent.country
                        && (parent.kind == PlaceKind::Country || p.admin1 == parent.admin1)
                        && p.kind != PlaceKind::Country
                };
                let place = g
                    .lookup(&key)
                    .filter(|p| inside(p))
                    .max_by_key(|p| p.population)
                    .or_else(|| {
                        g.fuzzy(&key, edits_for(key.chars().count()), inside)
                            .first()
                            .map(|&(_, p)| p)
                    });
                fn reading(place: &Place) -> Reading<'_> {
                    Reading {
                        place,
                        score: 0.0,
                        confidence: 1.0,
                        features: [0.0; crate::score::N_FEATURES],
                    }
                }
                match (place, specific) {
                    (Some(p), _) => places.push(self.mention(&reading(p), ns, ne)),
                    (None, Some((p, ps, pe))) if mention_at(places, ps, pe).is_none() => {
                        places.push(self.mention(&reading(p), ps, pe));
                    }
                    _ => {}
                }
            }
        }
    }

    /// "in Sehi area (unknown location) in the district of Kalay": a place whose location the report says is
    /// unknown is at the first place named after the bracket in the same sentence (the most specific parent
    /// the gazetteer has), not at a namesake elsewhere (the province "Kunar" for "Kunar area"). A mention of the
    /// name takes that place's reading; where the name was not found, after a locative preposition, one is
    /// added.
    pub(crate) fn unknown_locations(&self, doc: &Document, places: &mut Vec<PlaceMention>) {
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            for open in 1..toks.len().saturating_sub(3) {
                let words: Vec<&str> = toks[open..open + 4]
                    .iter()
                    .map(|t| t.lower.as_str())
                    .collect();
                if !matches!(
                    words.as_slice(),
                    ["(", "unknown", "location", ")"] | ["(", "location", "unknown", ")"]
                ) {
                    continue;
                }
                let close = open + 3;
                // the parent: the first place after the bracket, in this sentence and within a few words
                let limit = toks.get(close + 8).map_or(usize::MAX, |t| t.end);
                let after = toks[close].end;
                let Some(parent) = places
                    .iter()
                    .filter(|p| p.start >= after && p.end <= limit && p.kind != "continent")
                    .min_by_key(|p| p.start)
                    .cloned()
                else {
                    continue;
                };
                let (start, end) = name_before(toks, open);
                if start == end {
                    continue;
                }
                let (ns, ne) = (toks[start].start, toks[end - 1].end);
                let placed = PlaceMention {
                    start: ns,
                    end: ne,
                    ..parent
                };
                match places.iter_mut().find(|p| p.start < ne && ns < p.end) {
                    Some(p) => *p = placed,
                    None if start > 0
                        && LOCATIVE_PREPS.contains(&toks[start - 1].lower.as_str()) =>
                    {
                        places.push(placed);
                    }
                    None => {}
                }
            }
        }
    }
}

/// The capitalised name (up to four words) right before the bracket at `open`, after an optional cue word
/// ("Bosaso town (Bari)"): its token range, empty when there is none.
fn name_before(toks: &[Token], open: usize) -> (usize, usize) {
    let mut end = open;
    if PARENT_CUES.contains(&toks[end - 1].lower.as_str()) {
        end -= 1;
    }
    let start = (end.saturating_sub(4)..end)
        .find(|&k| toks[k..end].iter().all(|t| t.capitalized))
        .unwrap_or(end);
    (start, end)
}
