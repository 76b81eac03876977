//! Hand-built stores, actors, places, mentions and articles for the store's tests, independent of the coder.
#![allow(dead_code)] // each test binary uses its own part

use petrel_core::{
    Actor, Date, DatePrecision, Document, Event, EventActor, Location, Metadata, Modality, Plover,
    TextSpan,
};
use petrel_store::{Mode, Store};
use std::collections::HashMap;

/// A fresh store in a folder of this test binary's own (`suite` names it), with the country codes the mentions use.
pub fn store(suite: &str, name: &str) -> Store {
    let dir = std::env::temp_dir().join(format!("petrel-{suite}-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
    }
    let mut s = Store::open(&p, Mode::ReadWrite).unwrap();
    let codes: HashMap<String, String> = [("KZ", "KAZ"), ("RU", "RUS"), ("FR", "FRA")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    s.set_country_codes(codes);
    s
}

/// An actor of this code (a country's ISO3 first, then a sector), or none for "".
pub fn actor(code: &str) -> Option<EventActor> {
    if code.is_empty() {
        return None;
    }
    Some(EventActor {
        text: code.into(),
        start: 0,
        end: 3,
        actor: Actor {
            code: code.into(),
            country: Some(code[..3].into()),
            sector: code.get(3..).filter(|s| !s.is_empty()).map(str::to_string),
            name: code.into(),
        },
    })
}

/// A place of this name, or none for "".
pub fn place(name: &str) -> Option<Location> {
    let (id, country, admin1, lat, lon) = match name {
        "Kazakhstan" => (1522867, "KZ", None, 48.0, 68.0),
        "Almaty" => (1526384, "KZ", Some("Almaty Qalasy"), 43.25, 76.95),
        "Aktau" => (610611, "KZ", Some("Mangghystau"), 43.65, 51.2),
        "Paris" => (2988507, "FR", Some("Île-de-France"), 48.85, 2.35),
        _ => return None,
    };
    Some(Location {
        name: name.into(),
        geonameid: id,
        lat,
        lon,
        country: country.into(),
        admin1: admin1.map(str::to_string),
        basis: "sentence".into(),
    })
}

/// A mention: CAMEO code, source, target, day of January 2022, place.
/// A coded mention: code, source and target actor codes, day of January 2022, place.
pub fn mention(cameo: &str, source: &str, target: &str, day: u32, where_: &str) -> Event {
    Event {
        id: format!(
            "{:016x}",
            petrel_core::event::stable_hash(&[cameo, source, target, where_, &day.to_string()])
        ),
        doc: String::new(),
        sentence: 0,
        text: String::new(),
        trigger: TextSpan {
            text: "x".into(),
            start: 0,
            end: 1,
        },
        source: actor(source),
        target: actor(target),
        cameo: cameo.into(),
        cameo_name: String::new(),
        acled: None,
        same_as: None,
        goldstein: -5.0,
        quad_class: 4,
        plover: Plover {
            kind: Some("TEST".into()),
            mode: None,
            context: None,
        },
        date: Date::new(2022, 1, day),
        date_precision: Some(DatePrecision::Day),
        location: place(where_),
        counts: Vec::new(),
        modality: Modality::Asserted,
        quote: None,
        confidence: 0.9,
        evidence: "test".into(),
    }
}

/// An article with these mentions.
pub fn article(id: &str, url: &str, events: Vec<Event>) -> Document {
    let meta = Metadata {
        id: id.into(),
        url: Some(url.into()),
        date: Date::new(2022, 1, 7),
        source: "test".into(),
        ..Metadata::default()
    };
    let mut d = Document::new(meta, format!("Article {id} text about the events."));
    d.events = events;
    d
}
