//! The gazetteer (`data/geo/gazetteer.tsv`): countries, first-level regions and cities with GeoNames ids.
//!
//! Format: `geonameid name kind country admin1 lat lon population alternate_names`, tab-separated.

use crate::actors::phrase_key;
use crate::source::{multi, DictError, DictFile};
use std::collections::HashMap;

/// What kind of place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A sovereign country or territory (GeoNames PCLI).
    Country,
    /// A first-level administrative region (ADM1).
    Admin1,
    /// A populated place.
    City,
}

impl PlaceKind {
    /// Lowercase name as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::City => "city",
        }
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// GeoNames id.
    pub geonameid: u64,
    /// Preferred name.
    pub name: String,
    /// Kind.
    pub kind: PlaceKind,
    /// ISO alpha-2 country.
    pub country: String,
    /// Region name, when below country level.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population (0 when unknown).
    pub population: u64,
}

/// Places and a name index.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_name: HashMap<String, Vec<usize>>,
    by_id: HashMap<u64, usize>,
    max_tokens: usize,
}

impl Gazetteer {
    /// Adds the places of a file; an id already present is replaced (user files override).
    pub fn load(&mut self, f: DictFile<'_>) -> Result<(), DictError> {
        let first_new = self.places.len();
        for row in f.rows_with(9, true) {
            let (n, c) = row?;
            let geonameid: u64 = c[0]
                .parse()
                .map_err(|_| f.error(n, format!("bad geonameid {:?}", c[0])))?;
            let kind = match c[2] {
                "country" => PlaceKind::Country,
                "admin1" => PlaceKind::Admin1,
                "city" => PlaceKind::City,
                other => {
                    return Err(f.error(
                        n,
                        format!("unknown kind {other:?} (country, admin1 or city)"),
                    ))
                }
            };
            if c[3].len() != 2 || !c[3].bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(f.error(n, format!("bad country code {:?}", c[3])));
            }
            let lat: f64 = c[5]
                .parse()
                .ok()
                .filter(|v: &f64| (-90.0..=90.0).contains(v))
                .ok_or_else(|| f.error(n, format!("bad latitude {:?}", c[5])))?;
            let lon: f64 = c[6]
                .parse()
                .ok()
                .filter(|v: &f64| (-180.0..=180.0).contains(v))
                .ok_or_else(|| f.error(n, format!("bad longitude {:?}", c[6])))?;
            let population: u64 = c[7]
                .parse()
                .map_err(|_| f.error(n, format!("bad population {:?}", c[7])))?;
            let place = Place {
                geonameid,
                name: c[1].to_string(),
                kind,
                country: c[3].to_string(),
                admin1: (c[4] != "-").then(|| c[4].to_string()),
                lat,
                lon,
                population,
            };
            let idx = match self.by_id.get(&geonameid) {
                Some(&i) if i >= first_new => {
                    return Err(f.error(n, format!("duplicate geonameid {geonameid}")))
                }
                Some(&i) => {
                    self.places[i] = place;
                    i
                }
                None => {
                    self.places.push(place);
                    self.by_id.insert(geonameid, self.places.len() - 1);
                    self.places.len() - 1
                }
            };
            let mut names = vec![c[1].to_string()];
            if !c[8].is_empty() {
                names.extend(multi(c[8]));
            }
            for name in names {
                let key = phrase_key(&name);
                if key.is_empty() {
                    continue;
                }
                self.max_tokens = self.max_tokens.max(key.split(' ').count());
                let list = self.by_name.entry(key).or_default();
                if !list.contains(&idx) {
                    list.push(idx);
                }
            }
        }
        Ok(())
    }

    /// Candidate places for a normalised name (see [`phrase_key`]).
    pub fn lookup(&self, key: &str) -> impl Iterator<Item = &Place> {
        self.by_name
            .get(key)
            .into_iter()
            .flatten()
            .map(|&i| &self.places[i])
    }

    /// A place by GeoNames id.
    pub fn by_id(&self, id: u64) -> Option<&Place> {
        self.by_id.get(&id).map(|&i| &self.places[i])
    }

    /// The country entry for an ISO alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<&Place> {
        self.places
            .iter()
            .find(|p| p.kind == PlaceKind::Country && p.country == iso2)
    }

    /// Longest name in tokens.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}
