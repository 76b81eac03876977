//! petrel-geo: places named in the text, resolved in the gazetteer.
//!
//! Reads `tokens`, `sentences` and `entities`; fills `places`. A place is the longest capitalised token
//! sequence that names a gazetteer entry or a country of the actor dictionaries (names, abbreviations such as
//! "UK" and "U.S.", demonyms such as "Kazakh"), also inside hyphenated words ("Berlin-based", "US-led").
//! Not places: sector nouns, role titles, international bodies, known people and any word of their names,
//! and a word inside a longer person name. A town or county under 50,000 people needs evidence that the word
//! is a place (a locative preposition before it, "the city of" before it, ", Region" after it, or the
//! recogniser's LOC label), never follows a lowercase "the" and is never the last word of a longer name
//! the recogniser found ("Trump Tower"). One sense per article: when one mention of a name shows it is a place
//! ("in Nelson"), its small towns are readings of the other mentions too ("Nelson residents"). A union named for
//! its continent ("the EU") is that continent, as geoparsers read it; other international bodies are no places.
//! Among entries of the same name the resolver ([`PlaceTagger::rank_in`]) weighs
//! population, the kind (countries and continents first; a region after a cue such as "the region of X" or
//! "X oblast"), national capitals, whether a small town bears the name or has it only as an alternate name,
//! the countries the article names, the regions its other names name or lie in, and the
//! distance to the towns it names with little doubt; a region or country after a comma ("Gainesville, Va.")
//! keeps only the readings inside it, and after "Place," the region or country that holds the place is meant
//! ("Atlanta, Georgia"). A reading is dropped where a region after the comma holds none of the readings
//! ("Stroud, Ontario": a place the gazetteer lacks), and where it lies in a country nothing else in the article
//! points to while the name is a hamlet or only part of what is written ("West Midlands"). Each place carries
//! the confidence of its reading among the candidates.
//!
//! Evidence: each place lists the ranking's features of its reading with what each added to the score
//! (`PlaceMention::evidence`).
//!
//! One idea per module: `words` (the word lists that tell names and cues), `names` (the readings a name can
//! have and the text around it), `recognise` (the names of a document and one sense per article), `lists`
//! (names of a list read alike), `rank` (the readings of one name ranked by weighted features), `score` (the
//! features, their weights and the feature dump), `resolve` (each name's reading in the article's context),
//! `brackets` (places written with their parents: "in Bulo Burto (Hiraan)"), `tests`.

#![warn(missing_docs)]

use petrel_core::{Document, Stage, Token};
use petrel_knowledge::{Knowledge, LexKind, Place, PlaceKind};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

mod brackets;
mod lists;
mod names;
mod rank;
mod recognise;
mod resolve;
pub mod score;
#[cfg(test)]
mod tests;
mod words;

pub use rank::{km, Reading};
use recognise::Span;

/// The place tagger as a pipeline stage.
#[derive(Clone, Debug)]
pub struct PlaceTagger {
    knowledge: Arc<Knowledge>,
    /// GeoNames ids of the national capitals: the most populous city of the capital's name in its country.
    capitals: Arc<HashSet<u64>>,
    /// Where to write the features of every ambiguous name's readings (`PETREL_GEO_FEATURES`), for
    /// fitting the weights (`scripts/fit_geo_weights.py`); none in normal use.
    dump: Option<Arc<score::FeatureDump>>,
}

/// What the article says around a name, for [`PlaceTagger::rank_in`].
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Mentions per country (ISO alpha-2), from [`PlaceTagger::focus_countries`].
    pub focus: HashMap<String, usize>,
    /// Mentions per (country, region name).
    pub regions: HashMap<(String, String), usize>,
    /// Points (lat, lon) of the towns the article names elsewhere without doubt.
    pub anchors: Vec<(f64, f64)>,
    /// The name being resolved, as a phrase key ("riverdale"); empty when unknown. A town under 50,000
    /// that has this name only as an alternate name ("Riverdale" for Riverdale Park) ranks below one
    /// that bears it.
    pub name: String,
    /// Share of the article's other place names whose first reading lies in each country (ISO alpha-2).
    pub country_places: HashMap<String, f64>,
    /// The country of the outlet's country-code domain ([`score::outlet_country`]), if any.
    pub outlet: Option<String>,
}

impl PlaceTagger {
    /// A tagger over the given knowledge (its gazetteer and country names).
    pub fn new(knowledge: Arc<Knowledge>) -> PlaceTagger {
        let mut capitals = HashSet::new();
        for c in &knowledge.countries {
            let Some(name) = &c.capital else { continue };
            let best = knowledge
                .gazetteer
                .lookup(&petrel_knowledge::phrase_key(name))
                .filter(|p| p.kind == PlaceKind::City && p.country == c.iso2)
                .max_by(|a, b| {
                    a.population
                        .cmp(&b.population)
                        .then(b.geonameid.cmp(&a.geonameid))
                });
            if let Some(p) = best {
                capitals.insert(p.geonameid);
            }
        }
        PlaceTagger {
            knowledge,
            capitals: Arc::new(capitals),
            dump: score::FeatureDump::from_env().map(Arc::new),
        }
    }

    /// ISO alpha-2 codes of the countries the text names (names, adjectives, capitals), with counts.
    pub fn focus_countries(&self, doc: &Document) -> HashMap<String, usize> {
        let mut out = HashMap::new();
        for counts in self.focus_by_name(doc).into_values() {
            for (c, n) in counts {
                *out.entry(c).or_insert(0) += n;
            }
        }
        out
    }

    /// Like [`PlaceTagger::focus_countries`], per name (phrase key) that names the country.
    fn focus_by_name(&self, doc: &Document) -> HashMap<String, HashMap<String, usize>> {
        let k = &self.knowledge;
        let mut out: HashMap<String, HashMap<String, usize>> = HashMap::new();
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
                        *out.entry(key)
                            .or_default()
                            .entry(k.countries[c].iso2.clone())
                            .or_insert(0) += 1;
                        step = len;
                        break;
                    }
                }
                i += step;
            }
        }
        out
    }
}

/// The phrase key of tokens: their lowercase forms joined by spaces, as the gazetteer's index has them.
pub(crate) fn join(toks: &[Token]) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&t.lower);
    }
    s
}

/// Towns smaller than this are taken only with evidence that the word names a place: a locative
/// preposition before it, a ", Region" after it, or the recogniser's LOC label. Small towns share their
/// names with people, things and common words ("Orange", "Levi", "Center", "Star").
pub(crate) const SMALL_TOWN: u64 = 50_000;

/// Towns smaller than this, in a country nothing else in the article points to, are taken for misreadings.
pub(crate) const LONELY_TOWN: u64 = 10_000;

/// A town, or a county or district, under [`SMALL_TOWN`] people.
pub(crate) fn small_place(p: &Place) -> bool {
    matches!(p.kind, PlaceKind::City | PlaceKind::Admin2) && p.population < SMALL_TOWN
}

/// True when `key` is the place's main name, or its main name has letters outside ASCII (whose
/// ASCII spelling may be what the text has: "Zurich").
pub(crate) fn bears_name(p: &Place, key: &str) -> bool {
    !p.name.is_ascii() || petrel_knowledge::phrase_key(&p.name) == key
}

/// How far from a county's point its towns may lie (it has no outline in the gazetteer).
pub(crate) const COUNTY_KM: f64 = 80.0;

/// True when `inner` lies in `outer`: the same place, its region or its country.
pub(crate) fn contains(outer: &Place, inner: &Place) -> bool {
    outer.geonameid == inner.geonameid
        || match outer.kind {
            PlaceKind::Country => inner.country == outer.country,
            // a county's towns: no admin2 column, so those of its region near its point
            PlaceKind::Admin2 => {
                inner.kind == PlaceKind::City
                    && inner.country == outer.country
                    && inner.admin1 == outer.admin1
                    && km(inner.lat, inner.lon, outer.lat, outer.lon) <= COUNTY_KM
            }
            PlaceKind::Admin1 => {
                inner.country == outer.country
                    && inner.admin1.is_some()
                    && inner.admin1 == outer.admin1
            }
            _ => false,
        }
}

impl Stage for PlaceTagger {
    fn name(&self) -> &'static str {
        "places"
    }
    fn process(&self, doc: &mut Document) {
        let focus_names = self.focus_by_name(doc);
        let mut focus: HashMap<String, usize> = HashMap::new();
        for counts in focus_names.values() {
            for (c, n) in counts {
                *focus.entry(c.clone()).or_insert(0) += n;
            }
        }
        let mut spans = self.recognise(doc);
        self.one_kind_per_list(doc, &mut spans);
        let mut places = self.resolve(doc, &spans, &focus, &focus_names);
        self.under_parents(doc, &mut places);
        self.unknown_locations(doc, &mut places);
        places.sort_by_key(|p| p.start);
        doc.places = places;
    }
}
