//! Resolution in the article: each name's reading ranked with what the article's other names say (their
//! regions and countries, the towns it names without doubt), and readings nothing else supports dropped.

use crate::recognise::Span;
use crate::{score, small_place, Context, PlaceTagger, Reading, LONELY_TOWN};
use petrel_core::{Document, PlaceMention};
use petrel_knowledge::PlaceKind;
use std::collections::{HashMap, HashSet};

impl PlaceTagger {
    /// A place mention of a reading.
    pub(crate) fn mention(&self, p: &Reading<'_>, start: usize, end: usize) -> PlaceMention {
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
            evidence: score::evidence(&p.features, score::Weights::builtin()),
        }
    }

    /// The places of the recognised names: each name's best reading in the article's context.
    pub(crate) fn resolve(
        &self,
        doc: &Document,
        spans: &[Span<'_>],
        focus: &HashMap<String, usize>,
        focus_names: &HashMap<String, HashMap<String, usize>>,
    ) -> Vec<PlaceMention> {
        let g = &self.knowledge.gazetteer;
        let mut places: Vec<PlaceMention> = Vec::new();
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
        for sp in spans {
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
        places
    }
}
