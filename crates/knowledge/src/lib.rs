//! petrel-knowledge: what the coder knows, as data files with a documented format.
//!
//! The built-in dictionaries under `data/` are compiled into the binary; users add or override entries with
//! their own files (`--dict FILE`), whose kind is told by the file name's beginning:
//! `countries*`, `country-names*`, `igos*`, `sectors*`, `roles*`, `people*`, `groups*`, `events*` (trigger patterns),
//! `evaluation*` (words of judgement), `gazetteer*` or `acled*` (ACLED conventions).
//! Every loader validates and reports errors as `file:line: problem`.

#![warn(missing_docs)]

pub mod acled;
pub mod actors;
pub mod evaluation;
pub mod event_nouns;
pub use petrel_core::fxhash;
pub mod gazetteer;
pub mod ontology;
pub mod patterns;
pub mod people;
pub mod source;

pub use acled::{AcledConventions, SectorType};
pub use actors::{
    phrase_key, CaseRule, Country, CountryName, Igo, LexEntry, LexKind, Lexicon, Role,
};
pub use evaluation::{Evaluation, Polarity};
pub use event_nouns::EventNouns;
pub use gazetteer::{Gazetteer, Place, PlaceKind};
pub use ontology::{AcledType, CameoCode, Ontology};
pub use patterns::{Element, Pattern, PatternMatch, PatternSet};
pub use people::{PeopleIndex, Person, PersonCode, Tenure};
pub use source::{DictError, DictFile};

use std::path::Path;

/// Built-in dictionary files: (repository path, contents).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "data/actors/countries.tsv",
        include_str!("../../../data/actors/countries.tsv"),
    ),
    (
        "data/actors/country-names.tsv",
        include_str!("../../../data/actors/country-names.tsv"),
    ),
    (
        "data/actors/igos.tsv",
        include_str!("../../../data/actors/igos.tsv"),
    ),
    (
        "data/actors/sectors.tsv",
        include_str!("../../../data/actors/sectors.tsv"),
    ),
    (
        "data/actors/roles.tsv",
        include_str!("../../../data/actors/roles.tsv"),
    ),
    (
        "data/actors/people.tsv",
        include_str!("../../../data/actors/people.tsv"),
    ),
    (
        "data/actors/people-history.tsv",
        include_str!("../../../data/actors/people-history.tsv"),
    ),
    (
        "data/actors/groups.tsv",
        include_str!("../../../data/actors/groups.tsv"),
    ),
    (
        "data/actors/groups-history.tsv",
        include_str!("../../../data/actors/groups-history.tsv"),
    ),
    (
        "data/actors/companies.tsv",
        include_str!("../../../data/actors/companies.tsv"),
    ),
    (
        "data/patterns/events.txt",
        include_str!("../../../data/patterns/events.txt"),
    ),
    (
        "data/patterns/evaluation.tsv",
        include_str!("../../../data/patterns/evaluation.tsv"),
    ),
    (
        "data/geo/gazetteer.tsv",
        include_str!("../../../data/geo/gazetteer.tsv"),
    ),
    (
        "data/geo/gazetteer-names.tsv",
        include_str!("../../../data/geo/gazetteer-names.tsv"),
    ),
    (
        ACLED_CONVENTIONS,
        include_str!("../../../data/ontology/acled-conventions.tsv"),
    ),
];

/// The built-in ACLED conventions file.
const ACLED_CONVENTIONS: &str = "data/ontology/acled-conventions.tsv";

const CAMEO_CODES: (&str, &str) = (
    "data/ontology/cameo-codes.csv",
    include_str!("../../../data/ontology/cameo-codes.csv"),
);
const PLOVER_ROOTS: (&str, &str) = (
    "data/ontology/plover-root-defaults.tsv",
    include_str!("../../../data/ontology/plover-root-defaults.tsv"),
);

const EVENT_NOUNS: (&str, &str) = (
    "data/patterns/event-nouns.tsv",
    include_str!("../../../data/patterns/event-nouns.tsv"),
);
const CAMEO_ACLED: (&str, &str) = (
    "data/ontology/cameo-acled.tsv",
    include_str!("../../../data/ontology/cameo-acled.tsv"),
);

/// The kinds of dictionary file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictKind {
    /// `countries*.tsv`
    Countries,
    /// `country-names*.tsv` dated and foreign-language country names and capitals
    CountryNames,
    /// `igos*.tsv`
    Igos,
    /// `sectors*.tsv`
    Sectors,
    /// `roles*.tsv`
    Roles,
    /// `people*.tsv` people with dated offices; `groups*.tsv` named groups (same format, no dates)
    People,
    /// `events*.txt` trigger patterns
    Events,
    /// `evaluation*.tsv` words of judgement
    Evaluation,
    /// `gazetteer*.tsv`
    Gazetteer,
    /// `acled*.tsv` ACLED conventions: actor types, vague fatalities, precision codes
    Acled,
}

impl DictKind {
    /// The kind a file name announces, if any.
    pub fn of_file(name: &str) -> Option<DictKind> {
        let base = Path::new(name)
            .file_name()?
            .to_string_lossy()
            .to_lowercase();
        [
            ("countries", DictKind::Countries),
            ("country-names", DictKind::CountryNames),
            ("igos", DictKind::Igos),
            ("sectors", DictKind::Sectors),
            ("roles", DictKind::Roles),
            ("people", DictKind::People),
            ("groups", DictKind::People),
            ("companies", DictKind::People),
            ("events", DictKind::Events),
            ("evaluation", DictKind::Evaluation),
            ("gazetteer", DictKind::Gazetteer),
            ("acled", DictKind::Acled),
        ]
        .into_iter()
        .find(|(prefix, _)| base.starts_with(prefix))
        .map(|(_, k)| k)
    }
}

/// Everything the pipeline knows.
#[derive(Clone, Debug)]
pub struct Knowledge {
    /// Countries.
    pub countries: Vec<Country>,
    /// Dated and foreign-language country names and capitals.
    pub country_names: Vec<CountryName>,
    /// International bodies.
    pub igos: Vec<Igo>,
    /// Sector nouns: (lowercase phrase, sector code).
    pub sectors: Vec<(String, String)>,
    /// Role titles.
    pub roles: Vec<Role>,
    /// People with dated offices.
    pub people: Vec<Person>,
    /// People by name and alias.
    pub people_index: PeopleIndex,
    /// Phrase index over countries, IGOs, sectors and roles.
    pub lexicon: Lexicon,
    /// CAMEO codebook with PLOVER mapping.
    pub ontology: Ontology,
    /// Event trigger patterns.
    pub patterns: PatternSet,
    /// Places.
    pub gazetteer: Gazetteer,
    /// Nouns that name an earlier event ("the attack"), for targets by antecedent.
    pub event_nouns: EventNouns,
    /// Words of judgement, which make a statement a criticism or an approval.
    pub evaluation: Evaluation,
    /// ACLED's conventions: actor types, vague fatalities, time and geo precision.
    pub acled: AcledConventions,
}

impl Knowledge {
    /// The built-in dictionaries only.
    pub fn builtin() -> Result<Knowledge, DictError> {
        Knowledge::load(&[])
    }

    /// Built-in dictionaries plus user files `(name, contents)`; user entries override built-in ones.
    pub fn load(extra: &[(String, String)]) -> Result<Knowledge, DictError> {
        let mut files: Vec<(DictKind, DictFile<'_>)> = Vec::new();
        for (name, text) in BUILTIN.iter().copied() {
            let kind = DictKind::of_file(name).ok_or_else(|| DictError {
                file: name.into(),
                line: 0,
                message: "unknown kind".into(),
            })?;
            files.push((kind, DictFile { name, text }));
        }
        for (name, text) in extra {
            let kind = DictKind::of_file(name).ok_or_else(|| DictError {
                file: name.clone(),
                line: 0,
                message: "cannot tell the dictionary kind: the file name must begin with countries, country-names, igos, sectors, roles, people, groups, events, evaluation, gazetteer or acled".into(),
            })?;
            files.push((kind, DictFile { name, text }));
        }
        let of = |k: DictKind| {
            files
                .iter()
                .filter(move |(kind, _)| *kind == k)
                .map(|(_, f)| *f)
        };
        let ontology = Ontology::load(
            DictFile {
                name: CAMEO_CODES.0,
                text: CAMEO_CODES.1,
            },
            DictFile {
                name: PLOVER_ROOTS.0,
                text: PLOVER_ROOTS.1,
            },
            DictFile {
                name: CAMEO_ACLED.0,
                text: CAMEO_ACLED.1,
            },
        )?;
        let mut countries = Vec::new();
        for f in of(DictKind::Countries) {
            actors::load_countries(f, &mut countries)?;
        }
        let mut country_names = Vec::new();
        for f in of(DictKind::CountryNames) {
            actors::load_country_names(f, &countries, &mut country_names)?;
        }
        let mut igos = Vec::new();
        for f in of(DictKind::Igos) {
            actors::load_igos(f, &countries, &mut igos)?;
        }
        let mut sectors = Vec::new();
        for f in of(DictKind::Sectors) {
            actors::load_sectors(f, &mut sectors)?;
        }
        let mut roles = Vec::new();
        for f in of(DictKind::Roles) {
            actors::load_roles(f, &mut roles)?;
        }
        let mut people = Vec::new();
        for f in of(DictKind::People) {
            people::load_people(f, &countries, &igos, &mut people)?;
        }
        let people_index = PeopleIndex::new(&people);
        let pattern_files: Vec<DictFile<'_>> = of(DictKind::Events).collect();
        let patterns = PatternSet::load(&pattern_files, &ontology)?;
        let mut gazetteer = Gazetteer::default();
        for f in of(DictKind::Gazetteer) {
            gazetteer.load(f)?;
        }
        let lexicon =
            actors::build_lexicon(&countries, &igos, &sectors, &roles, &people, &country_names);
        let mut event_nouns = EventNouns::default();
        event_nouns.load(DictFile {
            name: EVENT_NOUNS.0,
            text: EVENT_NOUNS.1,
        })?;
        let mut evaluation = Evaluation::default();
        for f in of(DictKind::Evaluation) {
            evaluation.load(f)?;
        }
        let mut acled = AcledConventions::default();
        for f in of(DictKind::Acled) {
            acled.load(f)?;
        }
        acled.check_complete(ACLED_CONVENTIONS)?;
        Ok(Knowledge {
            acled,
            evaluation,
            event_nouns,
            countries,
            country_names,
            igos,
            sectors,
            roles,
            people,
            people_index,
            lexicon,
            ontology,
            patterns,
            gazetteer,
        })
    }

    /// The country with an ISO alpha-3 code.
    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }
}

/// Dictionary features for the named-entity recogniser: for each token, the kind of the longest dictionary
/// phrase covering it (`COUNTRY`, `DEMONYM`, `CAPITAL`, `IGO`, `ROLE`, `SECTOR`, `PERSON`, `GROUP`, `PLACE`) with its B/I
/// position.
impl petrel_nlp::ner::NerLexicon for Knowledge {
    fn classes(&self, tokens: &[&str]) -> Vec<String> {
        let lower: Vec<String> = tokens.iter().map(|t| t.to_lowercase()).collect();
        let mut out = vec![String::new(); tokens.len()];
        let max = self
            .lexicon
            .max_tokens()
            .max(self.gazetteer.max_tokens())
            .clamp(1, 6);
        let mut i = 0;
        let mut key = String::new();
        while i < tokens.len() {
            let mut step = 1;
            let capitalised = tokens[i].chars().next().is_some_and(char::is_uppercase);
            // only lengths some phrase can have: the lexicon's phrases starting with this word, and place names
            // after a capital (most words start no phrase and cost one lookup)
            let lex_max = self.lexicon.max_tokens_from(&lower[i]);
            let top = if capitalised { max } else { lex_max.min(max) };
            for len in (1..=top.min(tokens.len() - i)).rev() {
                key.clear();
                for (k, w) in lower[i..i + len].iter().enumerate() {
                    if k > 0 {
                        key.push(' ');
                    }
                    key.push_str(w);
                }
                let entries = if len <= lex_max {
                    self.lexicon.get(&key)
                } else {
                    &[]
                };
                // a named group is an organisation, not a person
                let lex = entries
                    .iter()
                    .find(|e| !matches!(e.kind, LexKind::Person(_)))
                    .or(entries.first())
                    .map(|e| match e.kind {
                        LexKind::CountryName(_) => "COUNTRY",
                        LexKind::CountryAdjective(_) => "DEMONYM",
                        LexKind::Capital(_) => "CAPITAL",
                        LexKind::Igo(_) => "IGO",
                        LexKind::Role(_) => "ROLE",
                        LexKind::Sector(_) => "SECTOR",
                        LexKind::Person(i) if self.people[i].is_group() => "GROUP",
                        LexKind::Person(_) => "PERSON",
                    });
                let class = lex.or_else(|| {
                    (capitalised && self.gazetteer.lookup(&key).next().is_some()).then_some("PLACE")
                });
                if let Some(class) = class {
                    for (k, slot) in out[i..i + len].iter_mut().enumerate() {
                        *slot = format!("{}-{class}", if k == 0 { "B" } else { "I" });
                    }
                    step = len;
                    break;
                }
            }
            i += step;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_knows_basics() {
        let k = Knowledge::builtin().unwrap();
        assert!(k.countries.len() > 200);
        assert!(k.ontology.len() >= 300);
        assert!(k.patterns.len() > 100);
        assert!(k
            .igos
            .iter()
            .any(|g| g.code == "IGOCSTO" && g.members.len() == 6));
        let person = |name: &str| k.people.iter().find(|p| p.name == name).unwrap();
        assert!(person("Hamas").is_group());
        assert!(!person("Kassym-Jomart Tokayev").is_group());
        assert_eq!(
            k.ontology.get("0234").unwrap().plover_type.as_deref(),
            Some("REQUEST")
        );
        assert_eq!(
            k.ontology.get("173").unwrap().plover_type.as_deref(),
            Some("COERCE")
        );
        let kaz: Vec<_> = k.lexicon.get("kazakh").to_vec();
        assert!(!kaz.is_empty());
        assert!(k.gazetteer.lookup("almaty").any(|p| p.geonameid == 1526384));
    }

    #[test]
    fn user_files_override_and_errors_name_file_and_line() {
        let extra = vec![(
            "sectors-mine.tsv".to_string(),
            "# mine\nmilitiamen\tUAF\nbandit\tREB\n".to_string(),
        )];
        let k = Knowledge::load(&extra).unwrap();
        assert!(k.sectors.iter().any(|(p, s)| p == "bandit" && s == "REB"));
        let bad = vec![(
            "sectors-bad.tsv".to_string(),
            "ok\tGOV\nnope\tXYZ\n".to_string(),
        )];
        assert_eq!(
            Knowledge::load(&bad).unwrap_err().to_string(),
            "sectors-bad.tsv:2: unknown sector code \"XYZ\""
        );
        let dup = vec![(
            "roles-x.tsv".to_string(),
            "tsar\tGOV\t-\ntsar\tGOV\t-\n".to_string(),
        )];
        assert_eq!(
            Knowledge::load(&dup).unwrap_err().to_string(),
            "roles-x.tsv:2: duplicate key in this file"
        );
        let code = vec![(
            "events-x.txt".to_string(),
            "9999\t{frobnicate}\n".to_string(),
        )];
        assert_eq!(
            Knowledge::load(&code).unwrap_err().to_string(),
            "events-x.txt:1: unknown CAMEO code \"9999\""
        );
        let acled = vec![(
            "acled-conventions-mine.tsv".to_string(),
            "vague\tdozens\t24\n".to_string(),
        )];
        assert_eq!(
            Knowledge::load(&acled).unwrap().acled.vague("dozens"),
            Some(24)
        );
        let acled = vec![("acled-x.tsv".to_string(), "geo\tcity\t0\n".to_string())];
        assert_eq!(
            Knowledge::load(&acled).unwrap_err().to_string(),
            "acled-x.tsv:1: precision \"0\" is not 1-3"
        );
        let unknown = vec![("stuff.tsv".to_string(), String::new())];
        assert!(Knowledge::load(&unknown)
            .unwrap_err()
            .to_string()
            .starts_with("stuff.tsv: cannot tell"));
        // issue 16 row 17: the message names every kind, groups and evaluation too
        let msg = Knowledge::load(&unknown).unwrap_err().to_string();
        assert!(
            msg.contains("people, groups, events, evaluation, gazetteer or acled"),
            "{msg}"
        );
        let people = vec![(
            "people-mine.tsv".to_string(),
            "Antony Blinken\tBlinken\tIGOUNO\tenvoy\t2022-01-01\t-\nAidos Nurlanov\tNurlanov\tKAZGOV\takim\t2020-01-01\t-\n".to_string(),
        )];
        let k = Knowledge::load(&people).unwrap();
        let date = "2022-06-01".parse().ok();
        let blinken = &k.people[k.people_index.find("Blinken").unwrap()];
        assert_eq!(
            blinken.tenures.len(),
            1,
            "the user's rows replace the built-in ones"
        );
        assert_eq!(blinken.code_on(date).code, "IGOUNO");
        // the built-in companies: a company is an actor of its home country
        let bank = &k.people[k.people_index.find("Deutsche Bank").unwrap()];
        assert_eq!(bank.code_on(date).code, "DEUBUS");
        let nurlanov = &k.people[k.people_index.find("nurlanov").unwrap()];
        assert_eq!(nurlanov.code_on(date).code, "KAZGOV");
        let dated = vec![(
            "country-names-x.tsv".to_string(),
            "KAZ\tAkmola\tcapital\ten\t1998-05-06\t1997-12-10\nXXX\tFoo\tname\ten\t-\t-\n"
                .to_string(),
        )];
        assert_eq!(
            Knowledge::load(&dated).unwrap_err().to_string(),
            "country-names-x.tsv:1: bad date range: 1998-05-06 is not before 1997-12-10"
        );
        let unknown_country = vec![(
            "country-names-y.tsv".to_string(),
            "XXX\tFoo\tname\ten\t-\t-\n".to_string(),
        )];
        assert_eq!(
            Knowledge::load(&unknown_country).unwrap_err().to_string(),
            "country-names-y.tsv:1: unknown country \"XXX\""
        );
        let member = vec![(
            "igos-x.tsv".to_string(),
            "IGOXX\tX\t-\tKAZ|ZZZ\n".to_string(),
        )];
        assert_eq!(
            Knowledge::load(&member).unwrap_err().to_string(),
            "igos-x.tsv:1: unknown member country \"ZZZ\""
        );
    }
}
