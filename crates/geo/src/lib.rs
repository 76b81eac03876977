//! petrel-geo: places named in the text, resolved in the gazetteer.
//!
//! Reads `tokens` and `sentences`; fills `places`. A place is the longest capitalised token sequence that
//! names a gazetteer entry. Among entries of the same name the resolver weighs:
//! a region cue ("the region of X", "X oblast") for first-level regions, the countries the article is about
//! (its country names and demonyms, counted over the whole text), the kind (a country beats a town of the same
//! name) and population.

#![warn(missing_docs)]

use petrel_core::{Document, PlaceMention, Stage, Token};
use petrel_knowledge::{Knowledge, LexKind, Place, PlaceKind};
use std::collections::HashMap;
use std::sync::Arc;

/// Capitalised words that are common English words far more often than place names.
const COMMON_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "and",
    "or",
    "but",
    "as",
    "by",
    "to",
    "for",
    "with",
    "from",
    "he",
    "she",
    "it",
    "we",
    "they",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "more",
    "most",
    "some",
    "many",
    "much",
    "after",
    "before",
    "when",
    "while",
    "if",
    "then",
    "there",
    "here",
    "so",
    "also",
    "more",
    "one",
    "first",
    "last",
    "new",
    "old",
    "police",
    "president",
    "university",
    "mobile",
    "reading",
    "nice",
    "split",
    "male",
    "bath",
    "independence",
    "liberty",
    "union",
    "victoria",
    "young",
    "best",
    "march",
    "may",
    "june",
    "july",
    "august",
    "date",
    "of",
    "deal",
    "hope",
    "opportunity",
    "commerce",
    "justice",
    "republic",
    "federal",
    "central",
    "national",
    "western",
    "eastern",
    "northern",
    "southern",
    "democracy",
    "freedom",
    "progress",
    "unity",
    "paradise",
    "colony",
    "eagle",
    "surprise",
    "friendship",
    "concord",
    "harmony",
    "mission",
    "temple",
    "enterprise",
];

/// Words that announce a first-level region.
const REGION_CUES: &[&str] = &[
    "region",
    "province",
    "oblast",
    "state",
    "governorate",
    "prefecture",
    "county",
    "district",
    "territory",
    "krai",
    "republic",
];

/// The place tagger as a pipeline stage.
#[derive(Clone, Debug)]
pub struct PlaceTagger {
    knowledge: Arc<Knowledge>,
}

impl PlaceTagger {
    /// A tagger over the given knowledge (its gazetteer and country names).
    pub fn new(knowledge: Arc<Knowledge>) -> PlaceTagger {
        PlaceTagger { knowledge }
    }

    /// ISO alpha-2 codes of the countries the text names (names, adjectives, capitals), with counts.
    pub fn focus_countries(&self, doc: &Document) -> HashMap<String, usize> {
        let k = &self.knowledge;
        let mut out = HashMap::new();
        let max = k.lexicon.max_tokens().max(1);
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let mut i = 0;
            while i < toks.len() {
                let mut step = 1;
                for len in (1..=max.min(toks.len() - i)).rev() {
                    let key = join(&toks[i..i + len]);
                    let hit = k.lexicon.get(&key).iter().find_map(|e| match e.kind {
                        LexKind::CountryName(c)
                        | LexKind::CountryAdjective(c)
                        | LexKind::Capital(c)
                            if toks[i].capitalized =>
                        {
                            Some(c)
                        }
                        _ => None,
                    });
                    if let Some(c) = hit {
                        *out.entry(k.countries[c].iso2.clone()).or_insert(0) += 1;
                        step = len;
                        break;
                    }
                }
                i += step;
            }
        }
        out
    }

    /// All readings of a name among `candidates`, best first, each with a confidence (the softmax of the
    /// scores, so the confidences sum to 1). The score weighs population (log10), the share of mentions of the
    /// candidate's country in the article (`focus`, up to +4), the kind (a country +3; a region +1, or +6
    /// after a region cue such as "the region of" or "oblast"). Ties go to the smaller GeoNames id.
    pub fn rank<'k>(
        &'k self,
        candidates: &[&'k Place],
        focus: &HashMap<String, usize>,
        region_cue: bool,
    ) -> Vec<Reading<'k>> {
        let top_focus = focus.values().copied().max().unwrap_or(0).max(1) as f64;
        let score = |p: &Place| {
            let mut s = ((p.population + 1) as f64).log10();
            s += 4.0 * focus.get(&p.country).copied().unwrap_or(0) as f64 / top_focus;
            s += match p.kind {
                PlaceKind::Country => 3.0,
                PlaceKind::Admin1 if region_cue => 6.0,
                PlaceKind::Admin1 => 1.0,
                PlaceKind::City => 0.0,
            };
            s
        };
        let mut out: Vec<Reading<'k>> = candidates
            .iter()
            .map(|&place| Reading {
                place,
                score: score(place),
                confidence: 0.0,
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.place.geonameid.cmp(&b.place.geonameid))
        });
        let top = out.first().map_or(0.0, |r| r.score);
        let total: f64 = out.iter().map(|r| (r.score - top).exp()).sum();
        for r in &mut out {
            r.confidence = (r.score - top).exp() / total;
        }
        out
    }
}

/// One reading of a place name: the place, its score and its confidence among the readings of the name.
#[derive(Clone, Debug)]
pub struct Reading<'k> {
    /// The gazetteer entry.
    pub place: &'k Place,
    /// Resolver score (higher is likelier).
    pub score: f64,
    /// Probability among the candidates, 0–1.
    pub confidence: f64,
}

fn join(toks: &[Token]) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&t.lower);
    }
    s
}

impl Stage for PlaceTagger {
    fn name(&self) -> &'static str {
        "places"
    }
    fn process(&self, doc: &mut Document) {
        let k = &self.knowledge;
        let g = &k.gazetteer;
        let focus = self.focus_countries(doc);
        let max = g.max_tokens().clamp(1, 6);
        let mut places = Vec::new();
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let mut i = 0;
            while i < toks.len() {
                let mut step = 1;
                if toks[i].capitalized {
                    for len in (1..=max.min(toks.len() - i)).rev() {
                        let span = &toks[i..i + len];
                        // every word of a place name is capitalised ("New York", not "new York")
                        if !span.iter().all(|t| {
                            t.capitalized
                                || matches!(
                                    t.lower.as_str(),
                                    "-" | "de" | "al" | "el" | "of" | "la"
                                )
                        }) {
                            continue;
                        }
                        let key = join(span);
                        if len == 1 && COMMON_WORDS.contains(&key.as_str()) {
                            continue;
                        }
                        // a sector noun, role title, demonym or known person is not a place ("Police", "Governor", "Kazakh")
                        let lex = k.lexicon.get(&key);
                        if lex.iter().any(|e| {
                            matches!(
                                e.kind,
                                LexKind::Sector(_)
                                    | LexKind::Role(_)
                                    | LexKind::CountryAdjective(_)
                                    | LexKind::Person(_)
                            )
                        }) {
                            continue;
                        }
                        // part of a longer proper name ("Antony Blinken", "Vladimir Putin", "President Vladimir")
                        let next_cap = toks.get(i + len).is_some_and(|t| {
                            t.capitalized
                                && t.kind == petrel_core::TokenKind::Word
                                && !REGION_CUES.contains(&t.lower.as_str())
                        });
                        let prev_cap = i > 0
                            && toks[i - 1].capitalized
                            && toks[i - 1].kind == petrel_core::TokenKind::Word
                            && i - 1 > 0;
                        if next_cap || prev_cap && k.lexicon.get(&toks[i - 1].lower).is_empty() {
                            continue;
                        }
                        let mut candidates: Vec<&Place> = g.lookup(&key).collect();
                        // a country's name means the country ("Georgia", "Jordan") where the gazetteer has it
                        if lex
                            .iter()
                            .any(|e| matches!(e.kind, LexKind::CountryName(_)))
                            && candidates.iter().any(|p| p.kind == PlaceKind::Country)
                        {
                            candidates.retain(|p| p.kind == PlaceKind::Country);
                        }
                        if candidates.is_empty() {
                            continue;
                        }
                        let before = |n: usize| {
                            if i >= n {
                                toks[i - n].lower.as_str()
                            } else {
                                ""
                            }
                        };
                        let after = toks.get(i + len).map_or("", |t| t.lower.as_str());
                        let cue = REGION_CUES.contains(&after)
                            || (before(1) == "of" && REGION_CUES.contains(&before(2)));
                        let ranked = self.rank(&candidates, &focus, cue);
                        let (p, confidence) = (ranked[0].place, ranked[0].confidence);
                        let (start, end) = (span[0].start, span[len - 1].end);
                        places.push(PlaceMention {
                            start,
                            end,
                            name: p.name.clone(),
                            geonameid: p.geonameid,
                            lat: p.lat,
                            lon: p.lon,
                            country: p.country.clone(),
                            admin1: p.admin1.clone(),
                            kind: p.kind.as_str().to_string(),
                            confidence: (confidence * 1000.0).round() / 1000.0,
                        });
                        step = len;
                        break;
                    }
                }
                i += step;
            }
        }
        doc.places = places;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Metadata;
    use petrel_nlp::Segmenter;

    fn places(k: &Arc<Knowledge>, text: &str) -> Vec<(String, u64, String)> {
        let mut d = Document::new(Metadata::default(), text.to_string());
        Segmenter.process(&mut d);
        PlaceTagger::new(k.clone()).process(&mut d);
        d.places
            .into_iter()
            .map(|p| {
                (
                    d.text.chars().skip(p.start).take(p.end - p.start).collect(),
                    p.geonameid,
                    p.kind,
                )
            })
            .collect()
    }

    #[test]
    fn resolves_regions_cities_and_countries() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        let got = places(&k, "Protests erupted in the western region of Mangystau, spread to Aktau and Almaty, and then across Kazakhstan.");
        let ids: Vec<u64> = got.iter().map(|p| p.1).collect();
        assert_eq!(ids, [608879, 610612, 1526384, 1522867], "{got:?}");
        assert_eq!(got[0].2, "admin1");
        let got = places(
            &k,
            "Police in Shymkent said the city was calm. Georgia and Paris.",
        );
        assert_eq!(got[0].1, 1518980);
        assert!(got.iter().all(|p| p.0 != "Police"));
        assert_eq!(
            got[1].2, "country",
            "Georgia the country, not the U.S. state: {got:?}"
        );
    }
}
