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
//! keeps only the readings inside it. Each place carries the confidence of its reading among the candidates.

#![warn(missing_docs)]

use petrel_core::{Document, EntityMention, PlaceMention, Stage, Token, TokenKind};
use petrel_knowledge::{CaseRule, Knowledge, LexEntry, LexKind, Place, PlaceKind};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

mod brackets;
pub mod score;

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
    "north",
    "south",
    "east",
    "west",
    "centre",
    "center",
    "gulf",
    "street",
    "star",
    "post",
    "vice",
    "chamber",
    "metro",
    "city",
    "county",
    "state",
];

/// Words that begin the name of a feature named after a place ("Lake Manassas", "Mount Kenya").
const FEATURE_WORDS: &[&str] = &[
    "lake", "mount", "mt", "camp", "fort", "port", "cape", "point", "south", "north", "east",
    "west", "upper", "lower", "greater", "old", "new",
];

/// Words that end the name of a sea: the words before them ("Indian Ocean") name no place of their own.
const WATER_BODY_WORDS: &[&str] = &["ocean", "sea", "gulf", "strait", "straits"];

/// Nouns after a name that make it a place: "the Riverdale area", "the Nenagh district".
const AREA_NOUNS: &[&str] = &[
    "area",
    "areas",
    "neighborhood",
    "neighbourhood",
    "district",
    "community",
    "suburb",
    "suburbs",
    "estate",
    "township",
    "countryside",
    "region",
];

/// Words before "of" that announce a town ("the city of Salisbury").
const TOWN_CUES: &[&str] = &["city", "town", "village", "suburb", "hamlet", "borough"];

/// Words that announce a region ("Mangystau region", "Guma LGA": a Nigerian local government area).
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
    "lga",
];

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

    /// All readings of a name among `candidates`, best first, each with a confidence (the softmax of the
    /// scores, so the confidences sum to 1). The score weighs population (log10), the share of mentions of the
    /// candidate's country in the article (`focus`, up to +3), the kind (a country or continent +3; a region −1, or +6
    /// after a region cue such as "the region of" or "oblast"). Ties go to the smaller GeoNames id.
    pub fn rank<'k>(
        &'k self,
        candidates: &[&'k Place],
        focus: &HashMap<String, usize>,
        region_cue: bool,
    ) -> Vec<Reading<'k>> {
        self.rank_near(candidates, focus, &HashMap::new(), region_cue)
    }

    /// Like [`PlaceTagger::rank`], with the article's regions: `regions` counts mentions per (country,
    /// region name); a candidate in a region the article names, or that region itself, gets up to +2 ("Riverdale" in an article
    /// about New Jersey is the one in New Jersey).
    pub fn rank_near<'k>(
        &'k self,
        candidates: &[&'k Place],
        focus: &HashMap<String, usize>,
        regions: &HashMap<(String, String), usize>,
        region_cue: bool,
    ) -> Vec<Reading<'k>> {
        let ctx = Context {
            focus: focus.clone(),
            regions: regions.clone(),
            ..Context::default()
        };
        self.rank_in(candidates, &ctx, region_cue)
    }

    /// Like [`PlaceTagger::rank_near`], with the article's other places. The score is the weighted sum of
    /// the features of [`score::FEATURES`], with the weights of `data/geo/rank-weights.tsv` (fitted by
    /// `scripts/fit_geo_weights.py` on the dev sets, from a hand-set prior): population (log10); a town
    /// or region in a region the article names; nearness to the towns the article names elsewhere
    /// without doubt (`ctx.anchors`, exp(−km/250)); a national capital (news names capitals far more often
    /// than their size says: "Washington" the city rather than the state); a town under 50,000 that has
    /// `ctx.name` only as an alternate name ("Riverdale" is the town so named before Riverdale Park); the
    /// share of the article's country words for its country; the share of the article's other names read
    /// in its country (`ctx.country_places`); its kind; a region after a region cue; a region whose own
    /// main town shares its name, without a cue ("New York", "Almaty"; not "Wyoming" the state, whose
    /// namesake town lies elsewhere).
    pub fn rank_in<'k>(
        &'k self,
        candidates: &[&'k Place],
        ctx: &Context,
        region_cue: bool,
    ) -> Vec<Reading<'k>> {
        let (focus, regions) = (&ctx.focus, &ctx.regions);
        let top_focus = focus.values().copied().max().unwrap_or(0).max(1) as f64;
        let top_region = regions.values().copied().max().unwrap_or(0).max(1) as f64;
        // a region with a town of its name inside it: "New York", "Almaty", "Mangystau" (a village)
        let namesake_inside = |r: &Place| {
            candidates.iter().any(|p| {
                p.kind == PlaceKind::City
                    && p.country == r.country
                    && p.admin1 == r.admin1
                    && (r.kind == PlaceKind::Admin1 || km(p.lat, p.lon, r.lat, r.lon) <= COUNTY_KM)
            })
        };
        let weights = score::Weights::builtin();
        let features = |p: &Place| {
            let mut f = [0.0; score::N_FEATURES];
            f[0] = ((p.population + 1) as f64).log10();
            // a town in, or the region itself of, a region the article names elsewhere
            if matches!(
                p.kind,
                PlaceKind::City | PlaceKind::Admin1 | PlaceKind::Admin2
            ) {
                if let Some(a) = &p.admin1 {
                    let n = regions
                        .get(&(p.country.clone(), a.clone()))
                        .copied()
                        .unwrap_or(0);
                    f[1] = n as f64 / top_region;
                }
                // near the other places the article names
                let d = ctx
                    .anchors
                    .iter()
                    .map(|&(lat, lon)| km(p.lat, p.lon, lat, lon))
                    .fold(f64::INFINITY, f64::min);
                if d.is_finite() {
                    f[2] = (-d / 250.0).exp();
                }
            }
            if p.kind == PlaceKind::City && self.capitals.contains(&p.geonameid) {
                f[3] = 1.0;
            }
            // a small town called so only by an alternate name: news names the place that bears it
            if small_place(p) && !ctx.name.is_empty() && !bears_name(p, &ctx.name) {
                f[4] = 1.0;
            }
            // a country named once or twice is weak evidence of what the article is about
            let certainty = (top_focus / 3.0).min(1.0);
            f[5] = certainty * focus.get(&p.country).copied().unwrap_or(0) as f64 / top_focus;
            f[6] = ctx.country_places.get(&p.country).copied().unwrap_or(0.0);
            let region = matches!(p.kind, PlaceKind::Admin1 | PlaceKind::Admin2);
            match p.kind {
                PlaceKind::Continent => f[7] = 1.0,
                PlaceKind::Country => f[8] = 1.0,
                PlaceKind::Admin1 => f[9] = 1.0,
                PlaceKind::Admin2 => f[10] = 1.0,
                PlaceKind::City => {}
            }
            // a region's population is the sum of its towns': without a cue, its main city is meant
            // more often than the region ("New York", "Almaty"), unless the region is far larger
            // than the town ("California" the state, not the town in Maryland)
            if region && region_cue {
                f[11] = 1.0;
            } else if region && namesake_inside(p) {
                f[12] = 1.0;
            }
            if ctx.outlet.as_deref() == Some(p.country.as_str()) {
                f[13] = 1.0;
            }
            f
        };
        let mut out: Vec<Reading<'k>> = candidates
            .iter()
            .map(|&place| {
                let features = features(place);
                Reading {
                    place,
                    score: weights.score(&features),
                    confidence: 0.0,
                    features,
                }
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
    /// The features the score weighs, in the order of [`score::FEATURES`].
    pub features: [f64; score::N_FEATURES],
}

/// Great-circle distance in km.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let r = std::f64::consts::PI / 180.0;
    let h = ((lat2 - lat1) * r / 2.0).sin().powi(2)
        + (lat1 * r).cos() * (lat2 * r).cos() * ((lon2 - lon1) * r / 2.0).sin().powi(2);
    12742.0 * h.min(1.0).sqrt().asin()
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

/// Capitalised words that begin a new phrase rather than continue a name ("in Moscow Thursday", "LONDON The").
const NOT_NAME_PARTS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "april",
    "september",
    "october",
    "november",
    "december",
    "are",
    "is",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "last",
    "next",
    "every",
    "all",
    "no",
    "not",
    "yes",
    "why",
    "what",
    "how",
    "who",
    "where",
    "said",
    "says",
];

/// Prepositions right before a name that say it is a place ("in Maywood", "near Immokalee").
const LOCATIVE_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "outside",
    "around",
    "across",
    "via",
    "toward",
    "towards",
    "into",
    "through",
    "between",
    "inside",
    "within",
    "throughout",
];

/// Towns smaller than this are taken only with evidence that the word names a place: a locative
/// preposition before it, a ", Region" after it, or the recogniser's LOC label. Small towns share their
/// names with people, things and common words ("Orange", "Levi", "Center", "Star").
const SMALL_TOWN: u64 = 50_000;

/// Towns smaller than this, in a country nothing else in the article points to, are taken for misreadings.
const LONELY_TOWN: u64 = 10_000;

/// A town, or a county or district, under [`SMALL_TOWN`] people.
fn small_place(p: &Place) -> bool {
    matches!(p.kind, PlaceKind::City | PlaceKind::Admin2) && p.population < SMALL_TOWN
}

/// True when `key` is the place's main name, or its main name has letters outside ASCII (whose
/// ASCII spelling may be what the text has: "Zurich").
fn bears_name(p: &Place, key: &str) -> bool {
    !p.name.is_ascii() || petrel_knowledge::phrase_key(&p.name) == key
}

/// How far from a county's point its towns may lie (it has no outline in the gazetteer).
const COUNTY_KM: f64 = 80.0;

/// Lowercase words that may join the capitalised words of one place name ("Bosnia and Herzegovina").
const NAME_JOINERS: &[&str] = &[
    "-", "de", "al", "el", "of", "la", "and", "du", "des", "del", "da", "do", "di", "upon", "on",
    "the", "es", "as", "en", "sur", "am", "der", "den", "les", "los", "las", "y", "'s",
];

/// Words before a place name that keep it that place ("Western Kenya", "Greater London", "North Korea").
const DIRECTION_WORDS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "upper",
    "lower",
    "greater",
    "new",
    "old",
    "the",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "mid",
    "inner",
    "outer",
];

/// Suffixes of a hyphenated word whose first part is a place ("Berlin-based", "Russia-led").
const PLACE_AFFIXES: &[&str] = &[
    "based",
    "born",
    "led",
    "backed",
    "bound",
    "owned",
    "made",
    "registered",
    "headquartered",
    "run",
    "controlled",
    "held",
    "allied",
    "area",
    "style",
    "era",
    "wide",
    "linked",
    "focused",
];

fn all_caps(doc: &Document, t: &Token) -> bool {
    let text = doc.slice(t.start, t.end);
    text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.chars().any(char::is_lowercase)
}

/// Every word of the span capitalised or in capitals ("European Union", "EU"), as a union's name is written.
fn caps_or_titled(doc: &Document, span: &[Token]) -> bool {
    span.iter().all(|t| {
        t.capitalized
            || doc
                .slice(t.start, t.end)
                .chars()
                .all(|c| !c.is_alphabetic())
    })
}

fn case_ok(doc: &Document, span: &[Token], e: &LexEntry) -> bool {
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
fn entity_over(entities: &[EntityMention], start: usize, end: usize) -> Option<&str> {
    entities
        .iter()
        .find(|e| e.start <= start && end <= e.end)
        .map(|e| e.label.as_str())
}

/// The entities that can hold the position `start`. When they are in order and do not overlap (as the
/// recogniser makes them: `disjoint`), that is at most the last one starting at or before `start`, found by
/// binary search, so a document's names are looked up in time linear in its length, not its square; else
/// all of them.
fn entities_at(entities: &[EntityMention], disjoint: bool, start: usize) -> &[EntityMention] {
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
    fn candidates(&self, doc: &Document, span: &[Token], key: &str, demonyms: bool) -> Vec<&Place> {
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

    fn mention(&self, p: &Reading<'_>, start: usize, end: usize) -> PlaceMention {
        let place = p.place;
        PlaceMention {
            start,
            end,
            name: place.name.clone(),
            geonameid: place.geonameid,
            lat: place.lat,
            lon: place.lon,
            country: place.country.clone(),
            admin1: place.admin1.clone(),
            kind: place.kind.as_str().to_string(),
            confidence: (p.confidence * 1000.0).round() / 1000.0,
        }
    }

    /// Places inside a hyphenated word: "Berlin-based", "Russia-led", "Amsterdam-London".
    /// The names in a hyphenated word ("Nelson-Creston", "Berlin-based"), as spans resolved with the
    /// article's other names: `spans`, or `pending` when only small towns bear the name (one mention
    /// elsewhere that shows it a place admits them, as for any name).
    fn hyphen_parts<'k>(
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
fn postal_regions<'g>(g: &'g petrel_knowledge::Gazetteer, key: &str) -> Vec<&'g Place> {
    g.lookup(key)
        .filter(|p| p.kind == PlaceKind::Admin1 && matches!(p.country.as_str(), "US" | "CA"))
        .collect()
}

/// A name found in the text with its readings, before resolution.
struct Span<'k> {
    start: usize,
    end: usize,
    candidates: Vec<&'k Place>,
    /// Small towns of the name left out for want of evidence in this mention.
    doubtful: Vec<&'k Place>,
    /// A region cue ("the region of X", "X oblast").
    cue: bool,
    /// The name is only part of what is written: a capitalised word of the same name goes on after it
    /// ("San Fernando Valley", "South West England"), a capitalised direction word comes before it ("West
    /// Midlands", "Central Plateau"), or a region cue follows that none of its readings answers ("Nyanza
    /// province" where the gazetteer knows only a town). Such a reading in a country nothing else in the article
    /// points to is a misreading.
    partial: bool,
    key: String,
}

/// True when `inner` lies in `outer`: the same place, its region or its country.
fn contains(outer: &Place, inner: &Place) -> bool {
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

impl PlaceTagger {
    /// Tokens of the longest name of the people dictionary starting at token `i`.
    fn person_at(&self, doc: &Document, toks: &[Token], i: usize) -> Option<usize> {
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
    fn region_after(
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

impl Stage for PlaceTagger {
    fn name(&self) -> &'static str {
        "places"
    }
    fn process(&self, doc: &mut Document) {
        let k = &self.knowledge;
        let g = &k.gazetteer;
        let focus_names = self.focus_by_name(doc);
        let mut focus: HashMap<String, usize> = HashMap::new();
        for counts in focus_names.values() {
            for (c, n) in counts {
                *focus.entry(c.clone()).or_insert(0) += n;
            }
        }
        let max = g.max_tokens().max(k.lexicon.max_tokens()).clamp(1, 6);
        let mut places: Vec<PlaceMention> = Vec::new();
        let mut spans: Vec<Span<'_>> = Vec::new();
        // names whose only readings were small towns, kept in case another mention shows they are places
        let mut pending: Vec<Span<'_>> = Vec::new();
        // names that some mention shows to be a place (a locative preposition, ", Region", ...)
        let mut evidenced: HashSet<String> = HashSet::new();
        // the last words of the people the recogniser names in full ("Valeska Paris" gives "Paris")
        let surnames: HashSet<&str> = doc
            .entities
            .iter()
            .filter(|e| e.label == "PER")
            .filter_map(|e| {
                doc.slice(e.start, e.end)
                    .rsplit_once(' ')
                    .map(|(_, last)| last)
            })
            .collect();
        let disjoint = doc
            .entities
            .windows(2)
            .all(|w| w[0].start <= w[1].start && w[0].end <= w[1].start);
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let mut i = 0;
            while i < toks.len() {
                let mut step = 1;
                let mut found = false;
                // a known person's name is not a place, nor any word of it ("Antony Blinken", not Antony)
                if let Some(n) = self.person_at(doc, toks, i) {
                    i += n;
                    continue;
                }
                if toks[i].capitalized {
                    for len in (1..=max.min(toks.len() - i)).rev() {
                        let span = &toks[i..i + len];
                        // every word of a place name is capitalised ("New York", not "new York")
                        if !span[len - 1].capitalized
                            || !span
                                .iter()
                                .all(|t| t.capitalized || NAME_JOINERS.contains(&t.lower.as_str()))
                        {
                            continue;
                        }
                        let mut key = join(span);
                        // a name of several words before an affix: "Los Angeles-based", "Abu Dhabi-led"
                        let mut affix_cut = None;
                        if len > 1 {
                            if let Some((head, tail)) = span[len - 1].lower.rsplit_once('-') {
                                if PLACE_AFFIXES.contains(&tail) && !head.is_empty() {
                                    affix_cut = Some(head.chars().count());
                                    key = format!("{} {head}", join(&span[..len - 1]));
                                }
                            }
                        }
                        // (unless a locative preposition comes before it and the recogniser calls it a
                        // place: "seen in Victoria", "the fire in Paradise")
                        if len == 1
                            && COMMON_WORDS.contains(&key.as_str())
                            && !(i > 0
                                && LOCATIVE_PREPS.contains(&toks[i - 1].lower.as_str())
                                && entities_at(&doc.entities, disjoint, span[0].start)
                                    .iter()
                                    .any(|e| {
                                        e.label == "LOC"
                                            && e.start == span[0].start
                                            && e.end == span[0].end
                                    }))
                        {
                            continue;
                        }
                        // a sector noun, role title, known person or international body is not a place
                        // ("Police", "NATO"), but a union that the gazetteer has as its continent's name is
                        // ("the EU" is Europe to a geoparser)
                        let lex = k.lexicon.get(&key);
                        let continent_union = caps_or_titled(doc, span)
                            && g.lookup(&key).any(|p| p.kind == PlaceKind::Continent);
                        if lex.iter().any(|e| {
                            (matches!(
                                e.kind,
                                LexKind::Sector(_) | LexKind::Role(_) | LexKind::Person(_)
                            ) || matches!(e.kind, LexKind::Igo(_)) && !continent_union)
                                && case_ok(doc, span, e)
                        }) {
                            continue;
                        }
                        let (start, end) = match affix_cut {
                            Some(n) => (span[0].start, span[len - 1].start + n),
                            None => (span[0].start, span[len - 1].end),
                        };
                        // the first words of a sea's name: "Indian Ocean", "Arabian Sea", "Persian Gulf"; and
                        // of a township's, which the gazetteer does not have: "Washington Township" is
                        // in New Jersey or Ohio, not the capital
                        if toks.get(i + len).is_some_and(|t| {
                            t.capitalized
                                && (WATER_BODY_WORDS.contains(&t.lower.as_str())
                                    || t.lower == "township")
                        }) {
                            continue;
                        }
                        // every entity the tests below look for holds the position `start`
                        let near = entities_at(&doc.entities, disjoint, start);
                        let entity = entity_over(near, start, end);
                        // a part of a longer name the recogniser found that the gazetteer does not have, after a
                        // word of its own ("Fraser Valley", "Pacific Northwest": not "Western Kenya"). (Before a
                        // feature's head, "Islington Bay", it stays: "Swat Valley" and "Salinas Valley" are
                        // where their towns are, and the gold sets place them there; tried, fewer found.)
                        let part_of_longer = near
                            .iter()
                            .find(|e| {
                                e.start <= start && end <= e.end && e.end - e.start > end - start
                            })
                            .is_some_and(|e| {
                                let left = doc.slice(e.start, start).trim();
                                let left_word = left
                                    .rsplit(' ')
                                    .next()
                                    .unwrap_or("")
                                    .trim_end_matches('.')
                                    .to_lowercase();
                                // (one capitalised word right before: "Fraser Valley"; not a longer
                                // label the recogniser ran together, "the CDC in Atlanta")
                                // (nor an acronym or a kind of place: "CDC Atlanta", "Village Malakal")
                                let one_word = !left.is_empty()
                                    && !left.contains(' ')
                                    && left.chars().next().is_some_and(char::is_uppercase)
                                    && left.chars().any(char::is_lowercase)
                                    && !TOWN_CUES.contains(&left_word.as_str())
                                    && !REGION_CUES.contains(&left_word.as_str())
                                    // (nor a town of 50,000 or more of the same country: "Maiduguri Borno State")
                                    && !g.lookup(&left_word).any(|l| {
                                        !small_place(l)
                                            && g.lookup(&key).any(|c| c.country == l.country)
                                    });
                                one_word
                                    && !DIRECTION_WORDS.contains(&left_word.as_str())
                                    && !FEATURE_WORDS.contains(&left_word.as_str())
                            });
                        // (a country's name keeps its weight: "Air Zimbabwe" still says the story is Zimbabwe's)
                        let a_country = g
                            .lookup(&key)
                            .any(|p| matches!(p.kind, PlaceKind::Country | PlaceKind::Continent))
                            || k.lexicon.get(&key).iter().any(|e| {
                                matches!(
                                    e.kind,
                                    LexKind::CountryName(_) | LexKind::CountryAdjective(_)
                                )
                            });
                        if part_of_longer && !a_country {
                            continue;
                        }
                        // a word inside a longer person name is not a place ("Paris Hilton"); a person label
                        // on the name alone is weaker evidence (the recogniser tags "Africa" PER at times).
                        // No person is "-based" or "-led", and a name in capitals inside a label that is not
                        // is a dateline the recogniser ran into ("Associated Press WASHINGTON")
                        let caps = span.iter().all(|t| all_caps(doc, t));
                        let in_person = affix_cut.is_none()
                            && near.iter().any(|e| {
                                e.label == "PER"
                                    && e.start <= start
                                    && end <= e.end
                                    && e.end - e.start > end - start
                                    && !(caps
                                        && doc
                                            .slice(e.start, e.end)
                                            .chars()
                                            .any(char::is_lowercase))
                            });
                        // a name the recogniser calls a person that is the surname of a person named in full
                        // elsewhere in the article ("Valeska Paris ... Paris claims") is that person
                        // (the recogniser's person is this very name, not a longer one around it)
                        let surname = surnames.contains(doc.slice(start, end))
                            && near
                                .iter()
                                .any(|e| e.label == "PER" && e.start == start && e.end == end);
                        if in_person || surname {
                            continue;
                        }
                        // part of a longer proper name ("Antony Blinken", "President Vladimir"), unless the
                        // recogniser calls it a place or an organisation named after one ("Winnipeg Fire
                        // Service"), or it is an all-capitals dateline ("LONDON The Latest")
                        let next_cap = toks.get(i + len).is_some_and(|t| {
                            t.capitalized
                                && t.kind == TokenKind::Word
                                && !REGION_CUES.contains(&t.lower.as_str())
                                && !NOT_NAME_PARTS.contains(&t.lower.as_str())
                                && !COMMON_WORDS.contains(&t.lower.as_str())
                                && (!caps || all_caps(doc, t))
                        });
                        let prev_cap = i > 1
                            && toks[i - 1].capitalized
                            && toks[i - 1].kind == TokenKind::Word
                            && k.lexicon.get(&toks[i - 1].lower).is_empty()
                            && !COMMON_WORDS.contains(&toks[i - 1].lower.as_str());
                        // ... but a country's name of several words stays one ("the Holy See Mikayel
                        // Minasyan", "South Africa President ...")
                        let country_phrase = len > 1
                            && (g.lookup(&key).any(|p| p.kind == PlaceKind::Country)
                                || lex.iter().any(|e| {
                                    matches!(e.kind, LexKind::CountryName(_))
                                        && case_ok(doc, span, e)
                                }));
                        if (next_cap || prev_cap) && entity.is_none() && !country_phrase {
                            continue;
                        }
                        // a name of one or two letters is a place only as a country's abbreviation ("UK", "US")
                        let short = key.chars().filter(|c| c.is_alphabetic()).count() < 3
                            && !key.contains('.');
                        // ... or a region's postal code right after "Place," ("Seattle, WA")
                        let after_place = i >= 2
                            && toks[i - 1].lower == ","
                            && spans.last().is_some_and(|sp| sp.end == toks[i - 2].end);
                        let mut candidates: Vec<&Place> = if short {
                            let mut c: Vec<&Place> = self
                                .candidates(doc, span, &key, false)
                                .into_iter()
                                .filter(|p| {
                                    p.kind == PlaceKind::Country
                                        || p.kind == PlaceKind::Continent && all_caps(doc, &span[0])
                                })
                                .collect();
                            if c.is_empty() && after_place && all_caps(doc, &span[0]) {
                                c = postal_regions(g, &key);
                            }
                            c
                        } else {
                            self.candidates(doc, span, &key, true)
                        };
                        // an abbreviation whose dot the tokenizer split off at a sentence end ("Calif.")
                        let mut dotted = false;
                        if candidates.is_empty()
                            && toks.get(i + len).is_some_and(|t| t.lower == ".")
                        {
                            candidates = g.lookup(&format!("{key} .")).collect();
                            dotted = !candidates.is_empty();
                        }
                        // "Helena, Mont.": after "Place," a region's dotted abbreviation beats a town
                        // that shares the letters
                        if !dotted
                            && after_place
                            && toks.get(i + len).is_some_and(|t| t.lower == ".")
                            && !candidates.iter().any(|p| p.kind == PlaceKind::Admin1)
                        {
                            let regions: Vec<&Place> = g
                                .lookup(&format!("{key} ."))
                                .filter(|p| p.kind == PlaceKind::Admin1)
                                .collect();
                            if !regions.is_empty() {
                                candidates = regions;
                                dotted = true;
                            }
                        }
                        // "Quebec City", "Kuwait City": the city, not the region or country
                        if key.ends_with(" city")
                            && candidates.iter().any(|p| p.kind == PlaceKind::City)
                        {
                            candidates.retain(|p| p.kind == PlaceKind::City);
                        }
                        // "in Hayes"; ", of Hayes," (where a person lives)
                        let prep = i > 0 && LOCATIVE_PREPS.contains(&toks[i - 1].lower.as_str())
                            || i > 1 && toks[i - 1].lower == "of" && toks[i - 2].lower == ",";
                        // "Columbus, Ohio": a reading inside the region or country after the comma
                        let region_named = if toks.get(i + len).is_some_and(|t| t.lower == ",") {
                            self.region_after(doc, toks, i + len + 1)
                        } else {
                            None
                        };
                        // (the whole name after the comma: not "West" of "Miami, West Palm Beach")
                        // (and, after it, no further name but its own country's: "Stroud, Ontario, Canada";
                        // not a list, "Copenhagen, Hamburg, Brasov")
                        let whole_region = region_named.as_ref().is_some_and(|(w, n)| {
                            let k = i + len + 1 + n;
                            match toks.get(k) {
                                Some(t) if t.lower == "," => {
                                    self.region_after(doc, toks, k + 1).is_some_and(|(c, _)| {
                                        c.iter().any(|c| {
                                            c.kind == PlaceKind::Country
                                                && w.iter().any(|w| w.country == c.country)
                                        })
                                    })
                                }
                                Some(t) => !(t.capitalized && t.kind == TokenKind::Word),
                                None => true,
                            }
                        });
                        let within = region_named.map(|(w, _)| w);
                        let in_region = |p: &Place| {
                            within
                                .as_ref()
                                .is_some_and(|w| w.iter().any(|w| contains(w, p)))
                        };
                        // the recogniser's person label on the name alone: only a region, country or
                        // continent, a city of a million or a national capital, or a locative preposition
                        // or ", Region" after it overrules it ("to Washington", "Austin, Texas")
                        if entity == Some("PER") && !prep {
                            candidates.retain(|p| {
                                !matches!(p.kind, PlaceKind::City | PlaceKind::Admin2)
                                    || p.population >= 1_000_000
                                    || self.capitals.contains(&p.geonameid)
                                    || in_region(p)
                            });
                        }
                        // "the English city of Salisbury": a town
                        let town_cue = i >= 2
                            && toks[i - 1].lower == "of"
                            && TOWN_CUES.contains(&toks[i - 2].lower.as_str());
                        if town_cue && candidates.iter().any(|p| p.kind == PlaceKind::City) {
                            candidates.retain(|p| p.kind == PlaceKind::City);
                        }
                        // the last word of a longer name the recogniser found ("Trump Tower", "Craven
                        // Cottage") is no small town; after a word such as "Lake" or "Mount" it may be
                        let inner_word = i > 0
                            && toks[i - 1].capitalized
                            && toks[i - 1].lower.chars().all(char::is_alphabetic)
                            && !FEATURE_WORDS.contains(&toks[i - 1].lower.as_str())
                            && near.iter().any(|e| e.start < start && end == e.end);
                        // ... nor the first word of a longer place name the recogniser found ("Pearl Harbor",
                        // "Glenrock Lagoon")
                        let first_word = toks.get(i + len).is_some_and(|t| {
                            t.capitalized
                                && !REGION_CUES.contains(&t.lower.as_str())
                                && !AREA_NOUNS.contains(&t.lower.as_str())
                        }) && near
                            .iter()
                            .any(|e| e.label == "LOC" && e.start == start && e.end > end);
                        // "the Riverdale area", "the Crown Heights neighborhood": a place after all
                        let area_after = toks.get(i + len).is_some_and(|t| {
                            !t.capitalized && AREA_NOUNS.contains(&t.lower.as_str())
                        });
                        // a dateline: "IMMOKALEE – Congressman ..."
                        let dateline = i == 0
                            && caps
                            && toks
                                .get(i + len)
                                .is_some_and(|t| matches!(t.lower.as_str(), "-" | "–" | "—" | "("));
                        // a word in capitals inside running text is an acronym ("MOCA", a chemical), not a
                        // town: only a country, continent or large region keeps its reading ("NSW")
                        let running_text =
                            toks.iter().filter(|t| t.capitalized).count() * 2 < toks.len();
                        if caps && len == 1 && i > 0 && running_text && !after_place {
                            candidates.retain(|p| {
                                matches!(p.kind, PlaceKind::Country | PlaceKind::Continent)
                                    || p.kind == PlaceKind::Admin1 && p.population >= 1_000_000
                            });
                        }
                        let evidence = (entity == Some("LOC") && !inner_word)
                            || prep
                            || town_cue
                            || area_after
                            || dateline
                            || (toks.get(i + len).is_some_and(|t| t.lower == ",")
                                && toks.get(i + len + 1).is_some_and(|t| t.capitalized));
                        // towns do not take an article: "the White House", "the Atlantic", "the Capitol"
                        // are a building, an ocean, a seat of government, not the small towns so named
                        let after_the = i > 0
                            && toks[i - 1].lower == "the"
                            && (!toks[i - 1].capitalized || i == 1);
                        let barred = (after_the && !area_after) || inner_word || first_word;
                        // one sense per article: a small town left out here for want of evidence comes
                        // back when another mention of the name has it ("Nelson residents" ... "in Nelson")
                        let mut doubtful = Vec::new();
                        if barred {
                            candidates.retain(|p| !small_place(p));
                        } else if !evidence {
                            doubtful = candidates
                                .iter()
                                .copied()
                                .filter(|p| small_place(p))
                                .collect();
                            candidates.retain(|p| !small_place(p));
                        } else {
                            evidenced.insert(key.clone());
                        }
                        let before = |n: usize| {
                            if i >= n {
                                toks[i - n].lower.as_str()
                            } else {
                                ""
                            }
                        };
                        let after = toks.get(i + len).map_or("", |t| t.lower.as_str());
                        // (a country is a territory or a republic too: "the border territory of Georgia" is
                        // no cue where the name is a country's)
                        let a_country_cue = |w: &str| {
                            matches!(w, "territory" | "republic")
                                && candidates.iter().any(|p| p.kind == PlaceKind::Country)
                        };
                        let cue = REGION_CUES.contains(&after) && !a_country_cue(after)
                            || (before(1) == "of"
                                && REGION_CUES.contains(&before(2))
                                && !a_country_cue(before(2)));
                        let region_reading = candidates
                            .iter()
                            .chain(&doubtful)
                            .any(|p| matches!(p.kind, PlaceKind::Admin1 | PlaceKind::Admin2));
                        let partial = affix_cut.is_none()
                            && toks.get(i + len).is_some_and(|t| {
                                t.capitalized
                                    && t.kind == TokenKind::Word
                                    && !REGION_CUES.contains(&t.lower.as_str())
                            })
                            || (i > 0
                                && toks[i - 1].capitalized
                                && DIRECTION_WORDS.contains(&toks[i - 1].lower.as_str())
                                && toks[i - 1].lower != "the")
                            || (REGION_CUES.contains(&after) && !region_reading);
                        // "Stroud, Ontario": a town after which a first-level region or county is named that
                        // none of its readings lies in is a place the gazetteer lacks, not a namesake abroad
                        // (not an item of a list: "Miami, West Palm Beach, New York, and Detroit")
                        let listed =
                            i > 0 && matches!(toks[i - 1].lower.as_str(), "," | "and" | "&");
                        let outside = whole_region
                            && !listed
                            && !candidates.is_empty()
                            && within.as_ref().is_some_and(|w| {
                                w.iter().all(|w| {
                                    matches!(w.kind, PlaceKind::Admin1 | PlaceKind::Admin2)
                                })
                            })
                            && candidates
                                .iter()
                                .chain(&doubtful)
                                .all(|p| p.kind == PlaceKind::City && !in_region(p));
                        if outside {
                            step = len;
                            found = true;
                            break;
                        }
                        if candidates.is_empty() {
                            if !doubtful.is_empty() {
                                pending.push(Span {
                                    start,
                                    end,
                                    candidates,
                                    doubtful,
                                    cue,
                                    partial,
                                    key,
                                });
                            }
                            continue;
                        }
                        // "Gainesville, Va.", "Aktau, Kazakhstan": the region or country after a comma decides
                        let mut end = end;
                        let inside: Vec<&Place> = candidates
                            .iter()
                            .copied()
                            .filter(|p| in_region(p))
                            .collect();
                        if !inside.is_empty() {
                            candidates = inside;
                        }
                        if dotted {
                            end = toks[i + len].end;
                        }
                        spans.push(Span {
                            start,
                            end,
                            candidates,
                            doubtful,
                            cue,
                            partial,
                            key,
                        });
                        step = len;
                        found = true;
                        break;
                    }
                }
                if !found && toks[i].kind == TokenKind::Word && toks[i].lower.contains('-') {
                    self.hyphen_parts(doc, &toks[i], &mut spans, &mut pending);
                }
                i += step;
            }
        }
        // one sense per article: the small towns of a name that one mention shows to be a place
        for sp in &mut spans {
            if evidenced.contains(&sp.key) {
                sp.candidates.append(&mut sp.doubtful);
            }
        }
        for mut sp in pending {
            let free = |a: usize, b: usize| a >= sp.end || sp.start >= b;
            if evidenced.contains(&sp.key)
                && spans.iter().all(|o| free(o.start, o.end))
                && places.iter().all(|o| free(o.start, o.end))
            {
                sp.candidates = std::mem::take(&mut sp.doubtful);
                spans.push(sp);
            }
        }
        spans.sort_by_key(|sp| sp.start);
        self.one_kind_per_list(doc, &mut spans, &places);
        // the regions the article names: regions themselves, and the regions of places with one reading;
        // counted per name, so that a name's own readings do not vouch for themselves ("Nelson" the New
        // Zealand region making "Nelson" the town there)
        let mut ctx = Context {
            focus: focus.clone(),
            outlet: doc
                .meta
                .url
                .as_deref()
                .and_then(score::outlet_country)
                .filter(|c| g.country(c).is_some()),
            ..Context::default()
        };
        let mut own: HashMap<&str, HashMap<(String, String), usize>> = HashMap::new();
        for sp in &spans {
            ctx.name.clone_from(&sp.key);
            let top = self.rank_in(&sp.candidates, &ctx, sp.cue);
            let p = top[0].place;
            let region = match p.kind {
                PlaceKind::Admin1 => Some(p.admin1.clone().unwrap_or_else(|| p.name.clone())),
                PlaceKind::City | PlaceKind::Admin2 if sp.candidates.len() == 1 => p.admin1.clone(),
                _ => None,
            };
            if let Some(r) = region {
                *own.entry(sp.key.as_str())
                    .or_default()
                    .entry((p.country.clone(), r))
                    .or_insert(0) += 1;
            }
        }
        let mut all_regions: HashMap<(String, String), usize> = HashMap::new();
        for counts in own.values() {
            for (r, n) in counts {
                *all_regions.entry(r.clone()).or_insert(0) += n;
            }
        }
        // the regions named by the other names of the article
        let regions_besides = |key: &str| {
            let mut r = all_regions.clone();
            if let Some(mine) = own.get(key) {
                for (region, n) in mine {
                    if let Some(c) = r.get_mut(region) {
                        *c -= n;
                    }
                }
                r.retain(|_, n| *n > 0);
            }
            r
        };
        // the towns of 50,000 or more the article names without doubt (one reading, perhaps after
        // ", Region") anchor the readings of the others (a village named once is too weak an anchor)
        let firsts: Vec<Reading<'_>> = spans
            .iter()
            .map(|sp| {
                ctx.name.clone_from(&sp.key);
                ctx.regions = regions_besides(&sp.key);
                self.rank_in(&sp.candidates, &ctx, sp.cue).swap_remove(0)
            })
            .collect();
        // each (name, point) once: the ranking takes the nearest anchor, so repeats change nothing, and a
        // name repeated through a long document would make this list as long as the document
        let mut sure: Vec<(&str, (f64, f64))> = Vec::new();
        let mut sure_seen: HashSet<(&str, u64, u64)> = HashSet::new();
        for (sp, r) in spans.iter().zip(&firsts) {
            if r.place.kind == PlaceKind::City && sp.candidates.len() == 1 && !small_place(r.place)
            {
                let (lat, lon) = (r.place.lat, r.place.lon);
                if sure_seen.insert((sp.key.as_str(), lat.to_bits(), lon.to_bits())) {
                    sure.push((sp.key.as_str(), (lat, lon)));
                }
            }
        }
        // the countries the article's places are in, by the first reading of each name
        let mut place_countries: HashMap<&str, HashSet<&str>> = HashMap::new();
        for (sp, r) in spans.iter().zip(&firsts) {
            place_countries
                .entry(r.place.country.as_str())
                .or_default()
                .insert(sp.key.as_str());
        }
        let place_keys: HashSet<&str> = spans.iter().map(|sp| sp.key.as_str()).collect();
        for (sp, first) in spans.iter().zip(firsts) {
            // a small town in a country nothing else in the article points to (no country word, no other
            // place there), while the article names places elsewhere, is a misreading: "Piccadilly" in a
            // London story is not the hamlet in Western Australia
            let reading = if sp.candidates.len() > 1 {
                ctx.name.clone_from(&sp.key);
                ctx.regions = regions_besides(&sp.key);
                ctx.anchors = sure
                    .iter()
                    .filter(|(k, _)| *k != sp.key)
                    .map(|&(_, pt)| pt)
                    .collect();
                // the countries of the article's other names (their first readings), as shares
                let others = place_keys.iter().filter(|k| **k != sp.key).count();
                ctx.country_places = place_countries
                    .iter()
                    .map(|(c, keys)| {
                        let n = keys.iter().filter(|k| **k != sp.key).count();
                        (c.to_string(), n as f64 / others.max(1) as f64)
                    })
                    .filter(|(_, share)| *share > 0.0)
                    .collect();
                // the country words of the article besides this name: "Georgia" does not vouch for itself
                ctx.focus = focus.clone();
                if let Some(mine) = focus_names.get(&sp.key) {
                    for (c, n) in mine {
                        if let Some(f) = ctx.focus.get_mut(c) {
                            *f -= n;
                        }
                    }
                    ctx.focus.retain(|_, n| *n > 0);
                }
                let ranked = self.rank_in(&sp.candidates, &ctx, sp.cue);
                if let Some(dump) = &self.dump {
                    dump.write(doc, sp.start, sp.end, &ranked);
                }
                ranked.into_iter().next().unwrap_or(first)
            } else {
                first
            };
            // (a village, or a name that is only part of what is written, "San Fernando Valley")
            let weak = sp.partial && reading.place.kind != PlaceKind::Country
                || small_place(reading.place)
                    && reading.place.population < LONELY_TOWN
                    && sp.candidates.len() == 1;
            let unsupported = focus.get(&reading.place.country).copied().unwrap_or(0) == 0
                && place_countries
                    .get(reading.place.country.as_str())
                    .is_none_or(|keys| keys.iter().all(|k| *k == sp.key))
                && place_countries.keys().any(|c| *c != reading.place.country);
            if weak && unsupported {
                continue;
            }
            places.push(self.mention(&reading, sp.start, sp.end));
        }
        self.under_parents(doc, &mut places);
        places.sort_by_key(|p| p.start);
        doc.places = places;
    }
}

/// A name of a list: start, end, the span it is (if still to resolve), its readings as (country, kind).
type ListItem<'a> = (usize, usize, Option<usize>, Vec<(&'a str, &'a str)>);

impl PlaceTagger {
    /// "Arizona, Washington, West Virginia and Wyoming", "British Columbia, Alberta, Ontario and New
    /// Brunswick": in a list of three or more names, when two thirds of them (three at least) can be regions
    /// of one country, the names that can be are read so, not as the towns that share their names; in a
    /// list of two, when both can be and one can be nothing else ("New Jersey and New York").
    fn one_kind_per_list(&self, doc: &Document, spans: &mut [Span<'_>], places: &[PlaceMention]) {
        // every name in order: (start, end, the span it is, its readings as (country, kind))
        let mut items: Vec<ListItem<'_>> = spans
            .iter()
            .enumerate()
            .map(|(k, sp)| {
                let readings = sp
                    .candidates
                    .iter()
                    .map(|p| (p.country.as_str(), p.kind.as_str()))
                    .collect();
                (sp.start, sp.end, Some(k), readings)
            })
            .chain(places.iter().map(|p| {
                (
                    p.start,
                    p.end,
                    None,
                    vec![(p.country.as_str(), p.kind.as_str())],
                )
            }))
            .collect();
        items.sort_by_key(|x| x.0);
        let listed = |a: usize, b: usize| {
            a <= b
                && matches!(
                    doc.slice(a, b).trim(),
                    "," | "and" | "or" | ", and" | ", or" | "&"
                )
        };
        let mut lists: Vec<Vec<usize>> = Vec::new();
        for i in 0..items.len() {
            match lists.last_mut() {
                Some(l) if i > 0 && listed(items[i - 1].1, items[i].0) => l.push(i),
                _ => lists.push(vec![i]),
            }
        }
        for list in lists.iter().filter(|l| l.len() >= 2) {
            let mut regions: HashMap<&str, usize> = HashMap::new();
            for &i in list {
                let mut seen: HashSet<&str> = HashSet::new();
                for &(country, kind) in &items[i].3 {
                    if kind == "admin1" && seen.insert(country) {
                        *regions.entry(country).or_default() += 1;
                    }
                }
            }
            let Some((country, n)) = regions.into_iter().max_by_key(|&(c, n)| (n, c)) else {
                continue;
            };
            // two names ("New Jersey and New York", "Kansas and Ohio") are regions only when both can be
            // and one can be nothing else: "New York and Washington" stay the cities
            let pair_of_regions = list.len() == 2
                && n == 2
                && list.iter().any(|&i| {
                    items[i]
                        .3
                        .iter()
                        .all(|&(c, kind)| c == country && kind == "admin1")
                });
            if !pair_of_regions && (n < 3 || n * 3 < list.len() * 2) {
                continue;
            }
            for &i in list {
                if let Some(k) = items[i].2 {
                    let sp = &mut spans[k];
                    if sp
                        .candidates
                        .iter()
                        .any(|p| p.kind == PlaceKind::Admin1 && p.country == country)
                    {
                        sp.candidates
                            .retain(|p| p.kind == PlaceKind::Admin1 && p.country == country);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Metadata;
    use petrel_nlp::Segmenter;

    fn places(k: &Arc<Knowledge>, text: &str) -> Vec<(String, u64, String)> {
        places_with_person(k, text, None)
    }

    /// Places of `text`, with the recogniser's person label on `person` if given.
    fn places_with_person(
        k: &Arc<Knowledge>,
        text: &str,
        person: Option<&str>,
    ) -> Vec<(String, u64, String)> {
        let mut d = Document::new(Metadata::default(), text.to_string());
        Segmenter.process(&mut d);
        if let Some(person) = person {
            let start = text.find(person).expect("the person is in the text");
            d.entities.push(petrel_core::EntityMention {
                start,
                end: start + person.len(),
                text: person.to_string(),
                label: "PER".into(),
            });
        }
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
    fn a_person_label_over_an_affix_or_a_dateline_in_capitals_is_no_person() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        let with_person = |text: &str, person: &str| {
            places_with_person(&k, text, Some(person))
                .into_iter()
                .map(|p| p.0)
                .collect::<Vec<_>>()
        };
        let got = with_person("An Abu Dhabi-based fund bought it.", "Abu Dhabi-based");
        assert_eq!(got, ["Abu Dhabi"]);
        let got = with_person(
            "By Associated Press WASHINGTON The senators met on Monday.",
            "Associated Press WASHINGTON",
        );
        assert_eq!(got, ["WASHINGTON"]);
        // a name inside a person's name stays out
        let got = with_person("Paris Hilton arrived.", "Paris Hilton");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn part_of_a_longer_name_and_names_with_particles() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        // the recogniser's "Fraser Valley": not "The Valley" in Anguilla
        let text = "The cow was found in Fraser Valley, near Vancouver.";
        let mut d = Document::new(Metadata::default(), text.to_string());
        Segmenter.process(&mut d);
        let at = text.find("Fraser Valley").unwrap();
        d.entities.push(petrel_core::EntityMention {
            start: at,
            end: at + "Fraser Valley".len(),
            text: "Fraser Valley".into(),
            label: "LOC".into(),
        });
        PlaceTagger::new(k.clone()).process(&mut d);
        assert!(d.places.iter().all(|p| p.country != "AI"), "{:?}", d.places);
        // "Dar es Salaam" is one name, not "Dar" in Cambodia
        let got = places(&k, "He spoke at a forum in Dar es Salaam on Monday.");
        assert!(
            got.iter().any(|(name, _, _)| name == "Dar es Salaam"),
            "{got:?}"
        );
    }

    #[test]
    fn places_with_their_parents_in_brackets() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        // a spelling the gazetteer lacks, found among the places of the parent region ("Buulo Burte" in
        // Hiiraan, itself written "Hiraan")
        let got = places(
            &k,
            "On 3 May 2020, two soldiers were killed in a clash in Bulo Burto (Hiraan).",
        );
        assert!(
            got.iter().any(|(text, _, _)| text == "Bulo Burto"),
            "{got:?}"
        );
        // a name the gazetteer has nowhere: the parent stands for it
        let got = places(
            &k,
            "Gunmen attacked a checkpoint in Xqzvillage area (Bari).",
        );
        assert!(
            got.iter()
                .any(|(text, _, kind)| text == "Bari" && kind == "admin1"),
            "{got:?}"
        );
        // no place is expected after a name in brackets that is no place
        let got = places(&k, "John Smith (Labour) said so.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_list_of_regions_reads_its_names_as_regions() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        let got = places(
            &k,
            "Illnesses occurred in British Columbia, Alberta, Manitoba, Ontario and New Brunswick.",
        );
        for name in ["Ontario", "New Brunswick"] {
            assert!(
                got.iter()
                    .any(|(text, _, kind)| text == name && kind == "admin1"),
                "{name}: {got:?}"
            );
        }
    }

    #[test]
    fn an_acronym_in_running_text_is_no_town() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        let got = places(
            &k,
            "Workers exposed to MOCA and other chemicals fell ill in Europe.",
        );
        assert!(got.iter().all(|(text, _, _)| text != "MOCA"), "{got:?}");
        assert!(got.iter().any(|(text, _, _)| text == "Europe"), "{got:?}");
    }

    #[test]
    fn a_town_after_which_another_region_is_named_is_no_namesake_abroad() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        // the gazetteer has no Stroud in Ontario: the English town is no reading of it
        let got = places(&k, "He was stopped in Stroud, Ontario, Canada, on Monday.");
        assert!(got.iter().all(|(name, _, _)| name != "Stroud"), "{got:?}");
        assert!(got.iter().any(|(name, _, _)| name == "Ontario"), "{got:?}");
        // where a reading lies in the region, it stays
        let got = places(&k, "He was stopped in Stroud, Gloucestershire, on Monday.");
        assert!(got.iter().any(|(name, _, _)| name == "Stroud"), "{got:?}");
        // an item of a list is no town in the region that follows it
        let got = places(
            &k,
            "The band played in Copenhagen, Hamburg, Berlin and Mannheim this month.",
        );
        assert!(
            got.iter().any(|(name, _, _)| name == "Copenhagen"),
            "{got:?}"
        );
    }

    #[test]
    fn part_of_a_longer_name_in_a_country_nothing_else_names_is_a_misreading() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        // "Midlands" read alone is Zimbabwe's province; "West Midlands" in an English story is not
        let text =
            "Four people in Birmingham, England have died. Deaths in the West Midlands rose to 19.";
        let got = places(&k, text);
        assert!(got.iter().all(|(name, _, _)| name != "Midlands"), "{got:?}");
        assert!(got.iter().any(|(name, _, _)| name == "England"), "{got:?}");
        // the same word in a story about Zimbabwe is the province
        let text = "Cholera spread in Harare, Zimbabwe and in the Midlands province.";
        let got = places(&k, text);
        assert!(got.iter().any(|(name, _, _)| name == "Midlands"), "{got:?}");
    }

    #[test]
    fn a_lonely_hamlet_abroad_is_a_misreading() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        let text = "Police searched a restaurant in Piccadilly and a hotel in London, England.";
        let got = places(&k, text);
        assert!(
            got.iter().all(|(name, _, _)| name != "Piccadilly"),
            "{got:?}"
        );
        assert!(got.iter().any(|(name, _, _)| name == "London"), "{got:?}");
        // alone in its article it stands: nothing says it is elsewhere
        let got = places(&k, "Police searched a restaurant in Piccadilly.");
        assert!(
            got.iter().any(|(name, _, _)| name == "Piccadilly"),
            "{got:?}"
        );
    }

    #[test]
    fn the_surname_of_a_person_named_in_full_is_no_place() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        let text = "Valeska Paris left the church. Paris claims she was held.";
        let mut doc = Document::new(Metadata::default(), text.to_string());
        Segmenter.process(&mut doc);
        for (start, end) in [(0, 13), (31, 36)] {
            doc.entities.push(petrel_core::EntityMention {
                start,
                end,
                text: text[start..end].to_string(),
                label: "PER".into(),
            });
        }
        PlaceTagger::new(k).process(&mut doc);
        assert!(doc.places.is_empty(), "{:?}", doc.places);
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

    #[test]
    fn country_forms_hyphens_context_and_small_towns() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        let got = places(
            &k,
            "The UK and U.S. condemned Kazakh police. A Berlin-based firm.",
        );
        let names: Vec<(&str, u64)> = got.iter().map(|p| (p.0.as_str(), p.1)).collect();
        assert_eq!(
            names,
            [
                ("UK", 2635167),
                ("U.S.", 6252001),
                ("Kazakh", 1522867),
                ("Berlin", 2950159)
            ],
            "{got:?}"
        );
        // Gainesville of Virginia after ", Va.", not the larger one in Florida
        let got = places(&k, "He lives in Gainesville, Va. now.");
        assert_eq!(got[0].0, "Gainesville");
        let va = k
            .gazetteer
            .lookup("virginia")
            .find(|p| p.kind == PlaceKind::Admin1)
            .unwrap();
        let g = k.gazetteer.by_id(got[0].1).unwrap();
        assert_eq!(
            (g.country.as_str(), &g.admin1),
            ("US", &va.admin1),
            "{got:?}"
        );
        assert_eq!(got[1].0, "Va.");
        // a postal code only after "Place,"
        let got = places(&k, "Protests in Seattle, WA spread. WA said.");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].2, "admin1");
        // a small town needs evidence: "Marks" alone is a word or a name, "in Marks" a place
        assert!(places(&k, "Marks said the deal was done.").is_empty());
        assert!(!places(&k, "Police in Marks said the deal was done.").is_empty());
        // not after a lowercase article
        assert!(places(&k, "He spoke at the White House.").is_empty());
    }

    #[test]
    fn capitals_abbreviations_affixes_and_neighbours() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        let kind_of = |text: &str, name: &str| {
            let got = places(&k, text);
            let p = got
                .iter()
                .find(|p| p.0 == name)
                .unwrap_or_else(|| panic!("{got:?}"));
            let g = k.gazetteer.by_id(p.1).unwrap();
            (g.kind, g.country.clone(), g.admin1.clone())
        };
        // a national capital before the state of its name; a state whose namesake town is elsewhere
        let dc = kind_of("The minister left for Washington on Monday.", "Washington");
        assert_eq!((dc.0, dc.1.as_str()), (PlaceKind::City, "US"), "{dc:?}");
        let wy = kind_of("A federal judge in Wyoming halted the rule.", "Wyoming");
        assert_eq!(wy.0, PlaceKind::Admin1, "{wy:?}");
        // a region's abbreviation after "Place,"; a name before "-based"; "X City" is the city
        let mt = kind_of("HELENA, Mont. (AP) - Montana said.", "Mont.");
        assert_eq!(
            (mt.0, mt.2.as_deref()),
            (PlaceKind::Admin1, Some("Montana"))
        );
        let la = kind_of("A Los Angeles-based firm.", "Los Angeles");
        assert_eq!((la.0, la.1.as_str()), (PlaceKind::City, "US"), "{la:?}");
        let qc = kind_of("Reporters in Quebec City heard it.", "Quebec City");
        assert_eq!(qc.0, PlaceKind::City, "{qc:?}");
        // the town near the article's other towns: Charleston of West Virginia, not the larger one of South
        // Carolina, among towns of Virginia
        let ch = kind_of(
            "It was built in Charleston. Offices in Roanoke, Va., and Lynchburg, Va., sell it.",
            "Charleston",
        );
        assert_eq!(ch.2.as_deref(), Some("West Virginia"), "{ch:?}");
    }

    #[test]
    fn counties_villages_and_longer_names() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        // an English county after "Place,", not the town in Illinois
        let got = places(&k, "The race is at Thruxton, Hampshire.");
        let h = got.iter().find(|p| p.0 == "Hampshire").expect("Hampshire");
        assert_eq!(
            (
                h.2.as_str(),
                k.gazetteer.by_id(h.1).unwrap().country.as_str()
            ),
            ("admin2", "GB")
        );
        // a village before "area" after "the"; "the city of X" is a town
        assert!(places(&k, "Burglaries in the Coggeshall area rose.")
            .iter()
            .any(|p| p.0 == "Coggeshall"));
        let got = places(&k, "He lives in the English city of Salisbury.");
        assert!(
            got.iter().any(|p| p.0 == "Salisbury" && p.2 == "city"),
            "{got:?}"
        );
        // a county split into parts keeps its name: "Cheshire" is Cheshire East or Cheshire West, not
        // the town in Connecticut
        let got = places(&k, "The race is at Oulton Park, Cheshire.");
        let c = got.iter().find(|p| p.0 == "Cheshire").expect("Cheshire");
        let c = k.gazetteer.by_id(c.1).unwrap();
        assert_eq!(
            (c.kind, c.country.as_str()),
            (PlaceKind::Admin2, "GB"),
            "{c:?}"
        );
        // ", of Hayes," says where a person lives
        assert!(
            places(&k, "Mohanna Abdhou, of Hayes, was not a target.")
                .iter()
                .any(|p| p.0 == "Hayes"),
            "Hayes"
        );
    }

    #[test]
    fn a_country_name_is_a_region_elsewhere_when_the_other_places_say_so() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        let kind_of = |text: &str| {
            places(&k, text)
                .into_iter()
                .find(|p| p.0 == "Georgia")
                .map(|p| (k.gazetteer.by_id(p.1).unwrap().country.clone(), p.2))
        };
        // the article's other country words and places are of the United States (the name's own
        // mentions do not count for Georgia the country): the state
        let us = kind_of(
            "The United States Department of Agriculture said tests on a cow from a farm in Alabama were \
             done in Ames, Iowa. The contract lab in Georgia confirmed the result. U.S. officials said \
             beef from the United States is safe.",
        );
        assert_eq!(us, Some(("US".to_string(), "admin1".to_string())));
        // in the Caucasus, and after "the border territory of", the country
        let ge = kind_of(
            "Azerbaijan had mined the border territory of Georgia, a spokesman in Baku said. Armenia \
             and Azerbaijan disagreed.",
        );
        assert_eq!(ge, Some(("GE".to_string(), "country".to_string())));
    }

    #[test]
    fn a_township_named_after_a_place_is_not_that_place() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        // (with the recogniser's location label over the whole name, as the pipeline gives it)
        let text = "The dinner is at Seasons restaurant in Washington Township on April 24.";
        let mut d = Document::new(Metadata::default(), text.to_string());
        Segmenter.process(&mut d);
        let start = text.find("Washington").unwrap();
        d.entities.push(petrel_core::EntityMention {
            start,
            end: start + "Washington Township".len(),
            text: "Washington Township".into(),
            label: "LOC".into(),
        });
        PlaceTagger::new(k.clone()).process(&mut d);
        assert!(
            d.places.iter().all(|p| p.name != "Washington"),
            "{:?}",
            d.places
        );
    }

    #[test]
    fn one_sense_per_article_and_names_borne() {
        let k = Arc::new(Knowledge::builtin().unwrap());
        // "Nelson residents" alone would be the New Zealand city; "in Nelson" admits the small towns so
        // named, and Castlegar puts the article in British Columbia, for both mentions
        let got = places(
            &k,
            "Nelson residents welcomed the office. Officials in Castlegar and in Nelson said so.",
        );
        // the regions the article's "Nelson"s are read in
        let nelsons = |got: &[(String, u64, String)]| -> Vec<String> {
            got.iter()
                .filter(|p| p.0 == "Nelson")
                .map(|p| {
                    k.gazetteer
                        .by_id(p.1)
                        .unwrap()
                        .admin1
                        .clone()
                        .unwrap_or_else(|| "-".into())
                })
                .collect()
        };
        assert_eq!(
            nelsons(&got),
            ["British Columbia", "British Columbia"],
            "{got:?}"
        );
        // ... and so does the part of a hyphenated name ("Nelson-Creston", a riding)
        let got = places(
            &k,
            "Michelle Mungall, MLA for Nelson-Creston, spoke. Officials in Castlegar and in Nelson said so.",
        );
        assert_eq!(
            nelsons(&got),
            ["British Columbia", "British Columbia"],
            "{got:?}"
        );
        // a town that bears the name before one that has it only as an alternate name
        let tagger = PlaceTagger::new(k.clone());
        let candidates: Vec<&Place> = k
            .gazetteer
            .lookup("riverdale")
            .filter(|p| {
                p.admin1
                    .as_deref()
                    .is_some_and(|a| a == "Maryland" || a == "New Jersey")
            })
            .collect();
        assert_eq!(candidates.len(), 2, "{candidates:?}");
        let ctx = Context {
            name: "riverdale".into(),
            ..Context::default()
        };
        let best = &tagger.rank_in(&candidates, &ctx, false)[0];
        assert_eq!(best.place.name, "Riverdale", "{:?}", best.place);
        // the EU, written so, is Europe to a geoparser; other international bodies are no places
        let got = places(&k, "Airports in the EU and NATO bases face new rules.");
        let ids: Vec<(&str, u64)> = got.iter().map(|p| (p.0.as_str(), p.1)).collect();
        assert_eq!(ids, [("EU", 6255148)], "{got:?}");
        // the first words of a sea's name are no country
        let got = places(
            &k,
            "Debris washed up on Indian Ocean shores, far from India.",
        );
        let names: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(names, ["India"], "{got:?}");
    }
}
