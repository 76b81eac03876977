//! The gazetteer (`data/geo/gazetteer.tsv`): countries, first-level regions and cities with GeoNames ids.
//!
//! Format: `geonameid name kind country admin1 lat lon population alternate_names`, tab-separated.
//! Kinds: `continent` (country `-`), `country`, `admin1`, `admin2`, `city`.

use crate::actors::phrase_key;
use crate::fxhash::FxHashMap;
use crate::source::{DictError, DictFile};

/// Words after a name that make it a street's ("Victoria St.", "Pennsylvania Avenue"): an address, neither the
/// place nor the country whose capital it names.
pub const STREET_WORDS: &[&str] = &[
    "st",
    "st.",
    "street",
    "avenue",
    "ave",
    "ave.",
    "road",
    "rd",
    "rd.",
    "boulevard",
    "blvd",
    "blvd.",
    "lane",
];

/// What kind of place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A continent (GeoNames CONT); its country code is empty.
    Continent,
    /// A sovereign country or territory (GeoNames PCLI).
    Country,
    /// A first-level administrative region (ADM1).
    Admin1,
    /// A second-level administrative region (ADM2: a county, district); its `admin1` is the region it lies in.
    Admin2,
    /// A populated place.
    City,
}

impl PlaceKind {
    /// Lowercase name as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Continent => "continent",
            PlaceKind::Country => "country",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::Admin2 => "admin2",
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
    by_name: FxHashMap<Box<str>, Ids>,
    by_id: FxHashMap<u64, usize>,
    max_tokens: usize,
    /// The names by first character and length, with their places: built on the first [`Gazetteer::fuzzy`]
    /// call (most runs never make one).
    near_index: std::sync::OnceLock<NearIndex>,
}

/// Names (with their places) by first character and length in characters.
type NearIndex = FxHashMap<(char, usize), Vec<(Box<str>, Ids)>>;

/// The places of one name: most names have one, so it is kept without an allocation.
#[derive(Clone, Debug)]
enum Ids {
    One(u32),
    Many(Vec<u32>),
}

impl Ids {
    fn as_slice(&self) -> &[u32] {
        match self {
            Ids::One(i) => std::slice::from_ref(i),
            Ids::Many(v) => v,
        }
    }
    fn add(&mut self, idx: u32) {
        match self {
            Ids::One(i) if *i == idx => {}
            Ids::One(i) => *self = Ids::Many(vec![*i, idx]),
            Ids::Many(v) => {
                if !v.contains(&idx) {
                    v.push(idx);
                }
            }
        }
    }
}

/// The parts of `s` between the bytes `sep` (an ASCII character, so every cut is a character boundary).
/// Loading the gazetteer's ~1.5 million fields and names depends on a plain byte search here: `str::split`
/// with a char pattern set up a searcher for every short field and took a fifth of the load time.
fn split_ascii(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut from = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rest = &s.as_bytes()[from..];
        match memchr::memchr(sep, rest) {
            Some(i) => {
                let part = &s[from..from + i];
                from += i + 1;
                Some(part)
            }
            None => {
                done = true;
                Some(&s[from..])
            }
        }
    })
}

/// `str::trim`, skipped when the ends are plain ASCII that is no space (nearly every field).
fn trim(s: &str) -> &str {
    let plain = |b: &u8| b.is_ascii() && !b.is_ascii_whitespace();
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if plain(a) && plain(z) => s,
        _ => s.trim(),
    }
}

/// Tab-separated fields of the gazetteer's lines with their numbers; comments start a line with `#`.
/// (Faster than [`DictFile::rows_with`]: no trailing-comment search in lines full of names.)
fn gazetteer_rows<'a>(
    f: &'a DictFile<'a>,
) -> impl Iterator<Item = Result<(usize, [&'a str; 9]), DictError>> + 'a {
    split_ascii(f.text, b'\n')
        .enumerate()
        .filter_map(move |(i, line)| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() || line.starts_with('#') || line.trim().is_empty() {
                return None;
            }
            let n = i + 1;
            let mut fields = [""; 9];
            let mut count = 0;
            for (j, part) in split_ascii(line, b'\t').enumerate() {
                if j < 9 {
                    fields[j] = trim(part);
                }
                count += 1;
            }
            if count == 8 {
                count = 9; // the alternate names may be left out with their tab
            }
            if count != 9 {
                return Some(Err(f.error(
                    n,
                    format!("expected 9 tab-separated fields, found {count}"),
                )));
            }
            if let Some(j) = fields[..8].iter().position(|x| x.is_empty()) {
                return Some(Err(
                    f.error(n, format!("field {} is empty (write - for none)", j + 1))
                ));
            }
            Some(Ok((n, fields)))
        })
}

impl Gazetteer {
    /// Adds the places of a file; an id already present is replaced (user files override).
    pub fn load(&mut self, f: DictFile<'_>) -> Result<(), DictError> {
        let first_new = self.places.len();
        let rows = memchr::memchr_iter(b'\n', f.text.as_bytes()).count() + 1;
        self.places.reserve(rows);
        self.by_id.reserve(rows);
        self.by_name.reserve(rows * 3);
        for row in gazetteer_rows(&f) {
            let (n, c) = row?;
            let geonameid: u64 = c[0]
                .parse()
                .map_err(|_| f.error(n, format!("bad geonameid {:?}", c[0])))?;
            let kind = match c[2] {
                "continent" => PlaceKind::Continent,
                "country" => PlaceKind::Country,
                "admin1" => PlaceKind::Admin1,
                "admin2" => PlaceKind::Admin2,
                "city" => PlaceKind::City,
                other => {
                    return Err(f.error(
                        n,
                        format!(
                            "unknown kind {other:?} (continent, country, admin1, admin2 or city)"
                        ),
                    ))
                }
            };
            let country = if kind == PlaceKind::Continent && c[3] == "-" {
                ""
            } else if c[3].len() == 2 && c[3].bytes().all(|b| b.is_ascii_uppercase()) {
                c[3]
            } else {
                return Err(f.error(
                    n,
                    format!(
                        "bad country code {:?} (ISO alpha-2; - for a continent)",
                        c[3]
                    ),
                ));
            };
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
                country: country.to_string(),
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
            let idx = idx as u32;
            let alternates = split_ascii(c[8], b'|')
                .map(trim)
                .filter(|a| !a.is_empty() && *a != "-");
            for name in std::iter::once(c[1]).chain(alternates) {
                let key = phrase_key(name);
                if key.is_empty() {
                    continue;
                }
                self.max_tokens = self.max_tokens.max(key.split(' ').count());
                match self.by_name.get_mut(key.as_str()) {
                    Some(ids) => ids.add(idx),
                    None => {
                        self.by_name.insert(key.into_boxed_str(), Ids::One(idx));
                    }
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
            .flat_map(Ids::as_slice)
            .map(|&i| &self.places[i as usize])
    }

    /// Places with a name or alias within `max` edits (Levenshtein, over characters) of the normalised name
    /// `key`, kept by `keep`, nearest first: for spellings the gazetteer lacks ("Bulo Burto" for "Buulo
    /// Burte"). The first call indexes the names by first letter and length (under a second); later calls
    /// compare only names of that letter and a near length.
    pub fn fuzzy(
        &self,
        key: &str,
        max: usize,
        keep: impl Fn(&Place) -> bool,
    ) -> Vec<(usize, &Place)> {
        let want: Vec<char> = key.chars().collect();
        let mut out: Vec<(usize, &Place)> = Vec::new();
        let Some(&first) = want.first() else {
            return out;
        };
        let index = self.near_index.get_or_init(|| {
            let mut m = NearIndex::default();
            for (name, ids) in &self.by_name {
                if let Some(c) = name.chars().next() {
                    m.entry((c, name.chars().count()))
                        .or_default()
                        .push((name.clone(), ids.clone()));
                }
            }
            m
        });
        let lens = want.len().saturating_sub(max)..=want.len() + max;
        for (name, ids) in lens.flat_map(|n| index.get(&(first, n)).into_iter().flatten()) {
            let d = edit_distance(&want, name);
            if d > max {
                continue;
            }
            for &i in ids.as_slice() {
                let p = &self.places[i as usize];
                if keep(p) && !out.iter().any(|(_, q)| q.geonameid == p.geonameid) {
                    out.push((d, p));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.population.cmp(&a.1.population)));
        out
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

/// Levenshtein distance between `a` and the characters of `b`.
fn edit_distance(a: &[char], b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distances() {
        let d = |a: &str, b: &str| edit_distance(&a.chars().collect::<Vec<_>>(), b);
        assert_eq!(d("bulo burto", "buulo burte"), 2);
        assert_eq!(d("hiraan", "hiiraan"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("same", "same"), 0);
    }
}
