//! The CAMEO event codebook with Goldstein weights, QuadClass and PLOVER mapping.

use crate::source::{csv_fields, DictError, DictFile};
pub use petrel_core::event::AcledType;
use std::collections::HashMap;

/// One CAMEO event code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code, e.g. `0234`.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Goldstein weight (ICEWS table).
    pub goldstein: f64,
    /// QuadClass 1–4.
    pub quad_class: u8,
    /// PLOVER type (own row, else inherited from the parent code, else the root default).
    pub plover_type: Option<String>,
    /// PLOVER mode, when given.
    pub plover_mode: Option<String>,
    /// PLOVER context, when given.
    pub plover_context: Option<String>,
}

/// The ACLED event types with their disorder type and the sub-event types the mapping file may use (the
/// ACLED Codebook's taxonomy: a vocabulary to check the mapping against, not a mapping).
const ACLED_TYPES: &[(&str, &str, &[&str])] = &[
    (
        "Political violence",
        "Battles",
        &[
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        ],
    ),
    (
        "Political violence",
        "Explosions/Remote violence",
        &[
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
    ),
    (
        "Political violence",
        "Violence against civilians",
        &[
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ],
    ),
    (
        "Demonstrations",
        "Protests",
        &[
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        ],
    ),
    (
        "Demonstrations",
        "Riots",
        &["Violent demonstration", "Mob violence"],
    ),
    (
        "Strategic developments",
        "Strategic developments",
        &[
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    ),
];

/// ACLED's disorder type of one of its event types ("Battles" → "Political violence", "Riots" →
/// "Demonstrations"), from the Codebook's taxonomy; `None` for a name that is no ACLED event type.
pub fn acled_disorder_type(event_type: &str) -> Option<&'static str> {
    ACLED_TYPES
        .iter()
        .find(|(_, kind, _)| *kind == event_type)
        .map(|(disorder, _, _)| *disorder)
}

/// The ACLED event type a sub-event type belongs to ("Mob violence" → "Riots"); `None` for a name that is no ACLED
/// sub-event type.
pub fn acled_event_type_of(sub_event_type: &str) -> Option<&'static str> {
    ACLED_TYPES
        .iter()
        .find(|(_, _, subs)| subs.contains(&sub_event_type))
        .map(|(_, kind, _)| *kind)
}

/// The codebook: code → entry, and the CAMEO → ACLED mapping.
#[derive(Clone, Debug, Default)]
pub struct Ontology {
    codes: HashMap<String, CameoCode>,
    acled: HashMap<String, AcledType>,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "-").then(|| s.to_string())
}

impl Ontology {
    /// Loads `cameo-codes.csv` (header row first), the root defaults for PLOVER types and the CAMEO → ACLED
    /// mapping (`cameo-acled.tsv`: prefix, event type, sub-event type; both checked against ACLED's list).
    pub fn load(
        codes: DictFile<'_>,
        root_defaults: DictFile<'_>,
        acled_map: DictFile<'_>,
    ) -> Result<Ontology, DictError> {
        let mut acled = HashMap::new();
        for row in acled_map.rows(3) {
            let (n, f) = row?;
            let prefix = f[0].trim();
            if !(2..=4).contains(&prefix.len()) || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                return Err(acled_map.error(n, format!("bad CAMEO code prefix {prefix:?}")));
            }
            let (kind, sub) = (f[1].trim(), f[2].trim());
            let Some((_, _, subs)) = ACLED_TYPES.iter().find(|(_, k, _)| *k == kind) else {
                return Err(acled_map.error(n, format!("unknown ACLED event type {kind:?}")));
            };
            if !subs.contains(&sub) {
                return Err(acled_map.error(
                    n,
                    format!("{sub:?} is not an ACLED sub-event type of {kind}"),
                ));
            }
            let entry = AcledType {
                event_type: kind.to_string(),
                sub_event_type: sub.to_string(),
            };
            if acled.insert(prefix.to_string(), entry).is_some() {
                return Err(acled_map.error(n, format!("duplicate prefix {prefix}")));
            }
        }
        let mut defaults = HashMap::new();
        for row in root_defaults.rows(2) {
            let (_, f) = row?;
            defaults.insert(f[0].to_string(), opt(f[1]));
        }
        let mut map: HashMap<String, CameoCode> = HashMap::new();
        let mut header_seen = false;
        for (n, line) in codes.text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
            if line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                if !line.starts_with("code,") {
                    return Err(codes.error(n, "expected the header line code,root,name,..."));
                }
                continue;
            }
            let f = csv_fields(line);
            if f.len() < 8 {
                return Err(codes.error(
                    n,
                    format!(
                        "expected at least 8 comma-separated fields, found {}",
                        f.len()
                    ),
                ));
            }
            let code = f[0].trim().to_string();
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(codes.error(n, format!("bad CAMEO code {code:?}")));
            }
            let goldstein: f64 = f[3]
                .trim()
                .parse()
                .map_err(|_| codes.error(n, format!("bad Goldstein weight {:?}", f[3])))?;
            let quad_class: u8 = f[4]
                .trim()
                .parse()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| codes.error(n, format!("bad quad_class {:?}", f[4])))?;
            let entry = CameoCode {
                code: code.clone(),
                name: f[2].trim().to_string(),
                goldstein,
                quad_class,
                plover_type: opt(&f[5]),
                plover_mode: opt(&f[6]),
                plover_context: opt(&f[7]),
            };
            if map.insert(code.clone(), entry).is_some() {
                return Err(codes.error(n, format!("duplicate CAMEO code {code}")));
            }
        }
        // inherit PLOVER type from the nearest ancestor, then the root default
        let keys: Vec<String> = map.keys().cloned().collect();
        for k in keys {
            if map[&k].plover_type.is_some() {
                continue;
            }
            let mut inherited = None;
            let mut parent = k.clone();
            while parent.len() > 2 && inherited.is_none() {
                parent.pop();
                inherited = map.get(&parent).and_then(|p| p.plover_type.clone());
            }
            let inherited = inherited.or_else(|| defaults.get(&k[..2]).cloned().flatten());
            if let Some(e) = map.get_mut(&k) {
                e.plover_type = inherited;
            }
        }
        Ok(Ontology { codes: map, acled })
    }

    /// The ACLED type of a CAMEO code: the row of its longest listed prefix.
    pub fn acled(&self, code: &str) -> Option<&AcledType> {
        (2..=code.len().min(4))
            .rev()
            .find_map(|n| code.get(..n).and_then(|p| self.acled.get(p)))
    }

    /// The entry for a code.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: &str =
        "code,root,name,goldstein,quad_class,plover_type,plover_mode,plover_context\n\
                         145,14,Protest violently,-7.5,4,PROTEST,riot,\n\
                         1451,14,Violent protest for leadership change,-7.5,4,,,\n\
                         190,19,Use conventional military force,-10,4,ASSAULT,,\n";
    const ROOTS: &str = "14\tPROTEST\n19\tASSAULT\n";

    fn file<'a>(name: &'a str, text: &'a str) -> DictFile<'a> {
        DictFile { name, text }
    }

    #[test]
    fn acled_by_longest_prefix_and_checked_types() {
        let map = "14\tProtests\tPeaceful protest\n145\tRiots\tViolent demonstration\n";
        let o = Ontology::load(
            file("c.csv", CODES),
            file("r.tsv", ROOTS),
            file("a.tsv", map),
        )
        .unwrap();
        assert_eq!(o.acled("1451").unwrap().event_type, "Riots");
        assert_eq!(o.acled("141").unwrap().sub_event_type, "Peaceful protest");
        assert!(o.acled("190").is_none());
        let bad = "14\tProtests\tPeaceful protest\n19\tBattles\tDogfight\n";
        let err = Ontology::load(
            file("c.csv", CODES),
            file("r.tsv", ROOTS),
            file("a.tsv", bad),
        )
        .unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().contains("Dogfight"), "{err}");
    }

    #[test]
    fn every_acled_type_has_its_disorder_type() {
        assert_eq!(acled_disorder_type("Battles"), Some("Political violence"));
        assert_eq!(acled_disorder_type("Riots"), Some("Demonstrations"));
        assert_eq!(
            acled_disorder_type("Strategic developments"),
            Some("Strategic developments")
        );
        assert_eq!(acled_disorder_type("Dogfights"), None);
        assert_eq!(acled_event_type_of("Mob violence"), Some("Riots"));
        assert_eq!(acled_event_type_of("Riots"), None);
    }
}
