//! ACLED conventions (`data/ontology/acled-conventions.tsv`): the ACLED actor type ("inter" code) of each CAMEO
//! sector, of actors outside their own country, of words and names that mark identity militias or external forces,
//! of unnamed actors, of crowds in protests and riots and of the targets of some event types; the fatalities of
//! vague amounts; the time precision of a date precision and the geo precision of a kind of place. The coder
//! (`crates/coding/src/acled.rs`) applies them to every event ACLED records. Format: `data/ontology/README.md`.

use crate::actors::SECTORS;
use crate::ontology::{acled_disorder_type, acled_event_type_of};
use crate::source::{DictError, DictFile};
use std::collections::HashMap;

/// An actor type and the actor type it takes when it uses force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectorType {
    /// ACLED actor type (1–8).
    pub inter: u8,
    /// ACLED actor type when it uses force (the source of political violence, either side of a battle).
    pub armed: u8,
}

/// The loaded conventions. Later rows (a user's `--dict acled*` file) replace earlier ones of the same kind and
/// key.
#[derive(Clone, Debug, Default)]
pub struct AcledConventions {
    sectors: HashMap<String, SectorType>,
    abroad: HashMap<String, u8>,
    home: Vec<String>,
    words: Vec<(String, u8)>,
    names: HashMap<String, u8>,
    unnamed_attacker: Option<u8>,
    unnamed_target: Option<u8>,
    crowds: HashMap<String, u8>,
    targets: HashMap<String, Option<u8>>,
    vague: HashMap<String, u64>,
    time: HashMap<String, u8>,
    geo: HashMap<String, u8>,
}

/// What each kind of row holds: its name and its number of fields.
const KINDS: &[(&str, usize)] = &[
    ("sector", 4),
    ("abroad", 3),
    ("home", 2),
    ("word", 3),
    ("name", 3),
    ("unnamed", 3),
    ("crowd", 3),
    ("target", 3),
    ("vague", 3),
    ("time", 3),
    ("geo", 3),
];

/// Date precisions (`petrel_core::DatePrecision`, lowercase) and kinds of place (the gazetteer's) rows may name.
const PRECISIONS: &[&str] = &["day", "week", "month", "year"];
const PLACE_KINDS: &[&str] = &["continent", "country", "admin1", "admin2", "city"];

/// Lowercase words separated by single spaces.
fn phrase(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl AcledConventions {
    /// Adds a file's rows; errors name the file and line. A key given twice in one file is an error.
    pub fn load(&mut self, file: DictFile<'_>) -> Result<(), DictError> {
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for (n, line) in file.lines() {
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            let Some(&(kind, columns)) = KINDS.iter().find(|(k, _)| *k == f[0]) else {
                let kinds: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
                return Err(file.error(
                    n,
                    format!("unknown row kind {:?} (one of {})", f[0], kinds.join(", ")),
                ));
            };
            if f.len() != columns {
                return Err(file.error(
                    n,
                    format!(
                        "a {kind} row has {columns} tab-separated fields, found {}",
                        f.len()
                    ),
                ));
            }
            if let Some(i) = f.iter().position(|x| x.is_empty()) {
                return Err(file.error(n, format!("field {} is empty (write - for none)", i + 1)));
            }
            let key = f[1];
            if let Some(first) = seen.insert((kind.to_string(), phrase(key)), n) {
                return Err(file.error(
                    n,
                    format!("{kind} {key:?} is given twice in this file (line {first})"),
                ));
            }
            let inter = |s: &str| -> Result<u8, DictError> {
                s.parse::<u8>()
                    .ok()
                    .filter(|c| (1..=8).contains(c))
                    .ok_or_else(|| file.error(n, format!("actor type {s:?} is not 1-8")))
            };
            let inter_or_none = |s: &str| -> Result<Option<u8>, DictError> {
                if s == "-" {
                    Ok(None)
                } else {
                    inter(s).map(Some)
                }
            };
            let precision = |s: &str| -> Result<u8, DictError> {
                s.parse::<u8>()
                    .ok()
                    .filter(|c| (1..=3).contains(c))
                    .ok_or_else(|| file.error(n, format!("precision {s:?} is not 1-3")))
            };
            let sector = |s: &str| -> Result<String, DictError> {
                if s == "-" || s == "?" || SECTORS.contains(&s) {
                    Ok(s.to_string())
                } else {
                    Err(file.error(n, format!("unknown sector code {s:?}")))
                }
            };
            let words = |s: &str| -> Result<String, DictError> {
                if s.chars().any(char::is_uppercase) {
                    return Err(file.error(n, format!("{s:?} must be lowercase")));
                }
                Ok(phrase(s))
            };
            match kind {
                "sector" => {
                    let t = inter(f[2])?;
                    let armed = if f[3] == "-" { t } else { inter(f[3])? };
                    self.sectors
                        .insert(sector(key)?, SectorType { inter: t, armed });
                }
                "abroad" => {
                    self.abroad.insert(sector(key)?, inter(f[2])?);
                }
                "home" => {
                    if acled_disorder_type(key).is_none() && acled_event_type_of(key).is_none() {
                        return Err(file.error(
                            n,
                            format!("{key:?} is no ACLED event type or sub-event type"),
                        ));
                    }
                    if !self.home.iter().any(|h| h == key) {
                        self.home.push(key.to_string());
                    }
                }
                "word" => {
                    let w = words(key)?;
                    let t = inter(f[2])?;
                    self.words.retain(|(x, _)| *x != w);
                    self.words.push((w, t));
                }
                "name" => {
                    self.names.insert(phrase(key), inter(f[2])?);
                }
                "unnamed" => {
                    let t = inter_or_none(f[2])?;
                    match key {
                        "attacker" => self.unnamed_attacker = t,
                        "target" => self.unnamed_target = t,
                        other => {
                            return Err(file.error(
                                n,
                                format!("unnamed {other:?}: the key is attacker or target"),
                            ))
                        }
                    }
                }
                "crowd" => {
                    if acled_disorder_type(key).is_none() {
                        return Err(file.error(n, format!("unknown ACLED event type {key:?}")));
                    }
                    self.crowds.insert(key.to_string(), inter(f[2])?);
                }
                "target" => {
                    if acled_disorder_type(key).is_none() && acled_event_type_of(key).is_none() {
                        return Err(file.error(
                            n,
                            format!("{key:?} is no ACLED event type or sub-event type"),
                        ));
                    }
                    self.targets.insert(key.to_string(), inter_or_none(f[2])?);
                }
                "vague" => {
                    let v: u64 = f[2].parse().map_err(|_| {
                        file.error(n, format!("fatalities {:?} is not a number", f[2]))
                    })?;
                    self.vague.insert(words(key)?, v);
                }
                "time" => {
                    if !PRECISIONS.contains(&key) {
                        return Err(file.error(
                            n,
                            format!(
                                "date precision {key:?} is not one of {}",
                                PRECISIONS.join(", ")
                            ),
                        ));
                    }
                    self.time.insert(key.to_string(), precision(f[2])?);
                }
                _ => {
                    if !PLACE_KINDS.contains(&key) {
                        return Err(file.error(
                            n,
                            format!(
                                "place kind {key:?} is not one of {}",
                                PLACE_KINDS.join(", ")
                            ),
                        ));
                    }
                    self.geo.insert(key.to_string(), precision(f[2])?);
                }
            }
        }
        Ok(())
    }

    /// Checks, once every file is loaded, that every CAMEO sector (and `-`, a country named as an actor, and `?`,
    /// an actor known only by its country) has its actor type; the error names `file` (the built-in file).
    pub fn check_complete(&self, file: &str) -> Result<(), DictError> {
        if let Some(s) = ["-", "?"]
            .into_iter()
            .chain(SECTORS.iter().copied())
            .find(|s| !self.sectors.contains_key(*s))
        {
            return Err(DictError {
                file: file.to_string(),
                line: 0,
                message: format!("no sector row for {s:?}: every CAMEO sector needs an actor type"),
            });
        }
        Ok(())
    }

    /// The actor type of a CAMEO sector, `-` (a country named as an actor) or `?` (an actor the dictionaries know
    /// only by its country: a person or group they do not know).
    pub fn sector(&self, sector: &str) -> Option<SectorType> {
        self.sectors.get(sector).copied()
    }

    /// The actor type an actor of this sector (or `-`, `?`) takes outside its own country, if it changes there.
    pub fn abroad(&self, sector: &str) -> Option<u8> {
        self.abroad.get(sector).copied()
    }

    /// Whether actors keep their home type wherever an event of this type or sub-event type happens (a
    /// government signs an agreement abroad as itself).
    pub fn at_home(&self, event_type: &str, sub_event_type: &str) -> bool {
        self.home
            .iter()
            .any(|h| h == event_type || h == sub_event_type)
    }

    /// The words (lowercase, one space between words) that mark an armed group's type, in file order.
    pub fn words(&self) -> impl Iterator<Item = (&str, u8)> {
        self.words.iter().map(|(w, t)| (w.as_str(), *t))
    }

    /// The actor type of an actor by its name (any case), when a row names it.
    pub fn name(&self, name: &str) -> Option<u8> {
        self.names.get(&phrase(name)).copied()
    }

    /// The actor type of an attacker the text does not name.
    pub fn unnamed_attacker(&self) -> Option<u8> {
        self.unnamed_attacker
    }

    /// The actor type of an implied target that is only a country (`None`: no actor 2).
    pub fn unnamed_target(&self) -> Option<u8> {
        self.unnamed_target
    }

    /// The actor type of the unarmed people acting in an event of this ACLED event type (protesters, rioters).
    pub fn crowd(&self, event_type: &str) -> Option<u8> {
        self.crowds.get(event_type).copied()
    }

    /// The actor type of actor 2 of an event of this type whoever its target is: the sub-event type's row, else
    /// the event type's; `Some(None)` when ACLED records no actor 2, `None` when no row says.
    pub fn target(&self, event_type: &str, sub_event_type: &str) -> Option<Option<u8>> {
        self.targets
            .get(sub_event_type)
            .or_else(|| self.targets.get(event_type))
            .copied()
    }

    /// The fatalities a vague amount stands for ("dozens" → 12), by its text (any case and spacing).
    pub fn vague(&self, amount: &str) -> Option<u64> {
        self.vague.get(&phrase(amount)).copied()
    }

    /// The one-word vague amounts ("many", "several"), lowercase.
    pub fn vague_words(&self) -> impl Iterator<Item = &str> {
        self.vague
            .keys()
            .filter(|k| !k.contains(' '))
            .map(String::as_str)
    }

    /// ACLED's time precision of a date precision (`day`, `week`, `month`, `year`).
    pub fn time_precision(&self, precision: &str) -> Option<u8> {
        self.time.get(precision).copied()
    }

    /// ACLED's geo precision of a kind of place (`city`, `admin2`, `admin1`, `country`, `continent`).
    pub fn geo_precision(&self, kind: &str) -> Option<u8> {
        self.geo.get(kind).copied()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.sectors.len()
            + self.abroad.len()
            + self.home.len()
            + self.words.len()
            + self.names.len()
            + usize::from(self.unnamed_attacker.is_some())
            + usize::from(self.unnamed_target.is_some())
            + self.crowds.len()
            + self.targets.len()
            + self.vague.len()
            + self.time.len()
            + self.geo.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILTIN: &str = include_str!("../../../data/ontology/acled-conventions.tsv");

    fn load(text: &str) -> Result<AcledConventions, DictError> {
        let mut c = AcledConventions::default();
        c.load(DictFile {
            name: "acled-x.tsv",
            text,
        })?;
        Ok(c)
    }

    #[test]
    fn the_builtin_file_loads_and_is_complete() {
        let c = load(BUILTIN).unwrap();
        c.check_complete("acled-conventions.tsv").unwrap();
        assert_eq!(c.sector("MIL").unwrap().inter, 1);
        assert_eq!(c.sector("-").unwrap().inter, 1);
        assert_eq!(c.sector("?"), Some(SectorType { inter: 7, armed: 3 }));
        assert_eq!(c.sector("CVL"), Some(SectorType { inter: 7, armed: 5 }));
        assert_eq!(c.sector("IGO").unwrap().inter, 8);
        assert_eq!(c.abroad("MIL"), Some(8));
        assert_eq!(c.abroad("GOV"), None);
        assert!(c.at_home("Strategic developments", "Agreement"));
        assert!(!c.at_home("Battles", "Armed clash"));
        assert_eq!(c.name("wagner group"), Some(8));
        assert_eq!(c.unnamed_attacker(), Some(3));
        assert_eq!(c.unnamed_target(), None);
        assert_eq!(c.crowd("Riots"), Some(5));
        assert_eq!(c.target("Protests", "Peaceful protest"), Some(None));
        assert_eq!(
            c.target("Violence against civilians", "Attack"),
            Some(Some(7))
        );
        assert_eq!(c.target("Battles", "Armed clash"), None);
        assert_eq!(c.vague("Dozens"), Some(12));
        assert_eq!(c.vague("a  few"), Some(3));
        assert!(c.vague_words().any(|w| w == "many"));
        assert_eq!(c.time_precision("week"), Some(2));
        assert_eq!(c.geo_precision("admin2"), Some(2));
        assert!(c.words().any(|(w, t)| w == "clan" && t == 4));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = |text: &str| load(text).unwrap_err().to_string();
        assert_eq!(
            e("# c\nsector\tGOV\t9\t-\n"),
            "acled-x.tsv:2: actor type \"9\" is not 1-8"
        );
        assert_eq!(
            e("sector\tXYZ\t1\t-\n"),
            "acled-x.tsv:1: unknown sector code \"XYZ\""
        );
        assert!(e("inter\tGOV\t1\n").starts_with("acled-x.tsv:1: unknown row kind \"inter\""));
        assert_eq!(
            e("vague\tmany\tten\n"),
            "acled-x.tsv:1: fatalities \"ten\" is not a number"
        );
        assert_eq!(
            e("vague\tmany\t10\nvague\tMany\t12\n"),
            "acled-x.tsv:2: vague \"Many\" is given twice in this file (line 1)"
        );
        assert_eq!(
            e("crowd\tDogfights\t5\n"),
            "acled-x.tsv:1: unknown ACLED event type \"Dogfights\""
        );
        assert_eq!(
            e("time\tday\t4\n"),
            "acled-x.tsv:1: precision \"4\" is not 1-3"
        );
        assert_eq!(
            e("geo\tstreet\t1\n"),
            "acled-x.tsv:1: place kind \"street\" is not one of continent, country, admin1, admin2, city"
        );
        assert_eq!(
            e("word\tclan\n"),
            "acled-x.tsv:1: a word row has 3 tab-separated fields, found 2"
        );
        let incomplete = load("sector\tGOV\t1\t-\n").unwrap();
        assert!(incomplete
            .check_complete("acled-conventions.tsv")
            .unwrap_err()
            .to_string()
            .starts_with("acled-conventions.tsv: no sector row for \"-\""));
    }

    #[test]
    fn later_rows_replace_earlier_ones() {
        let mut c = load(BUILTIN).unwrap();
        c.load(DictFile {
            name: "acled-mine.tsv",
            text: "vague\tmany\t3\nword\tclan\t3\nsector\tCRM\t7\t-\n",
        })
        .unwrap();
        assert_eq!(c.vague("many"), Some(3));
        assert_eq!(c.words().filter(|(w, _)| *w == "clan").count(), 1);
        assert!(c.words().any(|(w, t)| w == "clan" && t == 3));
        assert_eq!(c.sector("CRM"), Some(SectorType { inter: 7, armed: 7 }));
    }
}
