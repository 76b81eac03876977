//! `petrel lookup actor|place`: how the dictionaries resolve a name, as JSON, so users can check them.

use petrel_coding::ActorTagger;
use petrel_core::{Date, Document, Metadata, Stage};
use petrel_geo::PlaceTagger;
use petrel_knowledge::{phrase_key, Knowledge, LexKind, Place, PlaceKind};
use petrel_nlp::Segmenter;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// Words after a place name that ask for a first-level region ("Mangystau Region", "Almaty oblast").
const REGION_WORDS: &[&str] = &[
    "region",
    "province",
    "oblast",
    "oblysy",
    "state",
    "governorate",
    "prefecture",
    "county",
    "territory",
    "krai",
];

fn day(d: Option<Date>) -> Value {
    d.map_or(Value::Null, |d| d.to_string().into())
}

/// Everything the dictionaries say about an actor name on `date`: a person's office on that date (and all
/// offices), an international body with its members, a country, a sector noun or a role title; when none
/// matches the whole name, the mentions the actor recogniser finds in it as a text ("Kazakh President X").
/// Returns the JSON report and whether anything was found.
pub fn actor(k: &Arc<Knowledge>, name: &str, date: Option<Date>) -> (Value, bool) {
    let tagger = ActorTagger::new(k);
    let mut matches = Vec::new();
    if let Some(p) = k.people_index.find(name) {
        let person = &k.people[p];
        let (actor, evidence) = tagger.person_actor(p, date);
        let now = person.code_on(date);
        let offices: Vec<Value> = person
            .tenures
            .iter()
            .map(|t| {
                json!({"code": t.code, "role": t.role, "start": day(t.start), "end": day(t.end), "source": t.source})
            })
            .collect();
        matches.push(json!({
            "kind": "person",
            "code": actor.code,
            "country": actor.country,
            "sector": actor.sector,
            "name": person.name,
            "aliases": person.aliases,
            "status": now.status,
            "role": now.tenure.map(|t| t.role.clone()),
            "valid": now.tenure.filter(|_| now.status == "in office").map(|t| json!({"start": day(t.start), "end": day(t.end)})),
            "evidence": evidence,
            "offices": offices,
        }));
    }
    let key = phrase_key(name);
    let mut seen = Vec::new();
    for e in k.lexicon.get(&key) {
        if seen.contains(&e.kind) {
            continue;
        }
        seen.push(e.kind);
        let m = match e.kind {
            LexKind::Igo(g) => {
                let igo = &k.igos[g];
                let members: Vec<Value> = igo
                    .members
                    .iter()
                    .map(|m| {
                        let name = k.country(m).map_or("", |c| c.name.as_str());
                        json!({"code": m, "name": name})
                    })
                    .collect();
                json!({"kind": "igo", "code": igo.code, "name": igo.name, "aliases": igo.aliases, "members": members})
            }
            LexKind::CountryName(c) | LexKind::CountryAdjective(c) | LexKind::Capital(c) => {
                let country = &k.countries[c];
                let how = match e.kind {
                    LexKind::CountryName(_) => "name",
                    LexKind::CountryAdjective(_) => "adjective",
                    _ => "capital (the government, when not a place)",
                };
                let dated: Vec<Value> = k
                    .country_names
                    .iter()
                    .filter(|n| n.iso3 == country.iso3)
                    .map(|n| {
                        json!({"form": n.form, "kind": n.kind, "lang": n.lang, "from": day(n.from),
                               "to": day(n.to), "source": n.source})
                    })
                    .collect();
                json!({"kind": "country", "code": country.iso3, "iso2": country.iso2, "name": country.name,
                       "matched_as": how, "valid_on_date": e.valid_on(date), "aliases": country.aliases,
                       "adjectives": country.adjectives, "capital": country.capital, "names": dated})
            }
            LexKind::Sector(s) => {
                let (phrase, sector) = &k.sectors[s];
                json!({"kind": "sector", "phrase": phrase, "sector": sector,
                       "note": "coded with the country named beside it, else the article's focus country"})
            }
            LexKind::Role(r) => {
                let role = &k.roles[r];
                json!({"kind": "role", "title": role.title, "sector": if role.former { "ELI" } else { role.sector.as_str() },
                       "former": role.former})
            }
            LexKind::Person(_) => continue, // reported above, with the offices
        };
        matches.push(m);
    }
    if matches.is_empty() {
        // resolution from the text itself
        let meta = Metadata {
            date,
            ..Metadata::default()
        };
        let mut doc = Document::new(meta, name.to_string());
        Segmenter.process(&mut doc);
        for m in tagger.tag(&doc) {
            matches.push(json!({"kind": "text", "text": m.text, "code": m.actor.code, "country": m.actor.country,
                                "sector": m.actor.sector, "name": m.actor.name, "evidence": m.evidence}));
        }
    }
    let found = !matches.is_empty();
    (
        json!({"query": name, "date": day(date), "found": found, "matches": matches}),
        found,
    )
}

fn place_json(p: &Place, confidence: f64) -> Value {
    json!({
        "geonameid": p.geonameid,
        "name": p.name,
        "kind": p.kind.as_str(),
        "feature": feature(p.kind),
        "country": p.country,
        "admin1": p.admin1,
        "lat": p.lat,
        "lon": p.lon,
        "population": p.population,
        "confidence": (confidence * 1000.0).round() / 1000.0,
    })
}

/// GeoNames feature class and code of a kind.
fn feature(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Continent => "L.CONT",
        PlaceKind::Country => "A.PCLI",
        PlaceKind::Admin1 => "A.ADM1",
        PlaceKind::Admin2 => "A.ADM2",
        PlaceKind::City => "P.PPL",
    }
}

/// The readings of a place name, best first, with confidences; `country` (ISO2, ISO3 or a country name)
/// keeps that country's places and weighs like an article about it. A trailing region word ("Mangystau
/// Region") asks for a first-level region. Returns the JSON report and whether any place was found.
pub fn place(
    k: &Arc<Knowledge>,
    name: &str,
    country: Option<&str>,
) -> Result<(Value, bool), String> {
    let iso2 = match country {
        None => None,
        Some(c) => {
            let key = phrase_key(c);
            let found = k
                .countries
                .iter()
                .find(|x| {
                    x.iso2.eq_ignore_ascii_case(c)
                        || x.iso3.eq_ignore_ascii_case(c)
                        || phrase_key(&x.name) == key
                        || x.aliases.iter().any(|a| phrase_key(a) == key)
                })
                .ok_or_else(|| format!("unknown country {c:?} (give ISO2, ISO3 or a name)"))?;
            Some(found.iso2.clone())
        }
    };
    let mut key = phrase_key(name);
    let mut cue = false;
    if let Some((head, last)) = key.rsplit_once(' ') {
        if REGION_WORDS.contains(&last) && k.gazetteer.lookup(&key).next().is_none() {
            cue = true;
            key = head.to_string();
        }
    }
    let mut candidates: Vec<&Place> = k.gazetteer.lookup(&key).collect();
    // country names and abbreviations the gazetteer leaves to the actor files ("UK", "U.S.")
    for e in k.lexicon.get(&key) {
        if let LexKind::CountryName(c) = e.kind {
            if let Some(p) = k.gazetteer.country(&k.countries[c].iso2) {
                if !candidates.iter().any(|q| q.geonameid == p.geonameid) {
                    candidates.push(p);
                }
            }
        }
    }
    if let Some(iso2) = &iso2 {
        candidates.retain(|p| &p.country == iso2);
    }
    let focus: HashMap<String, usize> = iso2.iter().map(|c| (c.clone(), 1)).collect();
    let tagger = PlaceTagger::new(k.clone());
    let ranked = tagger.rank(&candidates, &focus, cue);
    let found = !ranked.is_empty();
    let best = ranked
        .first()
        .map_or(Value::Null, |r| place_json(r.place, r.confidence));
    let alternatives: Vec<Value> = ranked
        .iter()
        .skip(1)
        .take(9)
        .map(|r| place_json(r.place, r.confidence))
        .collect();
    Ok((
        json!({"query": name, "country": iso2, "region_cue": cue, "found": found, "best": best,
               "candidates": ranked.len(), "alternatives": alternatives}),
        found,
    ))
}

/// The built-in dictionaries plus `--dict` files, without the statistical models (lookups need none).
pub fn load_knowledge(dicts: &[std::path::PathBuf]) -> Result<Arc<Knowledge>, String> {
    let mut extra = Vec::new();
    for p in dicts {
        let name = p.display().to_string();
        let text = std::fs::read_to_string(p)
            .map_err(|e| format!("dictionary {name}: cannot read: {e}"))?;
        extra.push((name, text));
    }
    Knowledge::load(&extra)
        .map(Arc::new)
        .map_err(|e| format!("dictionary {e}"))
}
