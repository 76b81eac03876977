//! Resolution: the readings of a name ranked by the weighted features of [`crate::score`].

use crate::score;
use crate::{bears_name, small_place, Context, PlaceTagger, COUNTY_KM};
use petrel_knowledge::{Place, PlaceKind};
use std::collections::HashMap;

impl PlaceTagger {
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
