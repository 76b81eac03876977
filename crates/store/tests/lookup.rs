//! Reading by id, paging with a cursor and counting by group: what `petrel serve` reads.

use petrel_core::{
    Actor, Date, DatePrecision, Document, Event, EventActor, Location, Metadata, Modality, Plover,
    TextSpan,
};
use petrel_store::{CountBy, EventCursor, EventFilter, Mode, Store};
use std::collections::HashMap;

fn store(name: &str) -> Store {
    let dir = std::env::temp_dir().join(format!("petrel-lookup-test-{}", std::process::id()));
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

fn actor(code: &str) -> Option<EventActor> {
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

fn place(name: &str) -> Option<Location> {
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
fn mention(cameo: &str, source: &str, target: &str, day: u32, where_: &str) -> Event {
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

fn article(id: &str, url: &str, events: Vec<Event>) -> Document {
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

#[test]
fn pages_by_cursor_cover_every_event_once() {
    let mut s = store("cursor.db");
    let mut b = s.batch().unwrap();
    for i in 0..12u32 {
        // different places and codes: twelve events; two undated
        let mut e = mention(
            if i % 2 == 0 { "173" } else { "150" },
            "KAZCOP",
            "",
            1 + i % 5,
            ["Almaty", "Aktau", "Paris"][i as usize % 3],
        );
        if i >= 10 {
            e.date = None;
            e.date_precision = None;
        }
        b.add_document(&article(&format!("a{i}"), "https://one.example/a", vec![e]))
            .unwrap();
    }
    b.commit().unwrap();
    let all = s.events(&EventFilter::default(), false).unwrap();
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let f = EventFilter {
            limit: Some(5),
            after,
            ..Default::default()
        };
        let page = s.events(&f, false).unwrap();
        let Some(last) = page.last() else { break };
        after = Some(EventCursor::after(last));
        // the cursor survives its text form
        let text = after.unwrap().to_string();
        assert_eq!(text.parse::<EventCursor>().unwrap(), after.unwrap());
        paged.extend(page.into_iter().map(|e| e.id));
    }
    assert_eq!(paged, all.iter().map(|e| e.id).collect::<Vec<_>>());
    assert!(all.len() >= 8, "{}", all.len());
    assert!(all[0].date.is_none(), "undated events come first");
    assert!("x.1".parse::<EventCursor>().is_err());
    assert!("12".parse::<EventCursor>().is_err());
}

#[test]
fn an_event_and_a_document_by_id() {
    let mut s = store("byid.db");
    let mut b = s.batch().unwrap();
    b.add_document(&article(
        "a",
        "https://one.example/a",
        vec![
            mention("173", "KAZCOP", "KAZCVL", 5, "Almaty"),
            mention("150", "RUS", "KAZ", 6, "Kazakhstan"),
        ],
    ))
    .unwrap();
    b.add_document(&article(
        "b",
        "https://two.example/b",
        vec![mention("150", "RUSMIL", "KAZ", 6, "")],
    ))
    .unwrap();
    b.commit().unwrap();
    let all = s.events(&EventFilter::default(), false).unwrap();
    let deploy = all.iter().find(|e| e.cameo == "150").unwrap();
    let e = s.event(deploy.id).unwrap().unwrap();
    assert_eq!(e.mentions.len(), 2);
    assert_eq!(e.mentions[0].source_span, Some((0, 3)));
    let doc_b = e.mentions[1].document_id;
    assert!(s.event(999_999).unwrap().is_none());

    let d = s.document(doc_b).unwrap().unwrap();
    assert_eq!(d.key, "b");
    assert!(d.text.starts_with("Article b"));
    assert_eq!(d.mentions.len(), 1);
    assert_eq!(d.mentions[0].0, deploy.id);
    assert!(d.layers.get("sentences").is_some());
    assert!(s.document(-1).unwrap().is_none());
    assert_eq!(s.last_document_id().unwrap(), doc_b);
}

#[test]
fn counts_by_day_quad_and_actor_pair() {
    let mut s = store("counts.db");
    let mut b = s.batch().unwrap();
    b.add_document(&article(
        "a",
        "https://one.example/a",
        vec![
            mention("173", "KAZCOP", "KAZCVL", 5, "Almaty"),
            mention("150", "RUS", "KAZ", 6, "Kazakhstan"),
            mention("173", "KAZCOP", "KAZCVL", 9, "Aktau"),
        ],
    ))
    .unwrap();
    b.commit().unwrap();
    let f = EventFilter::default();
    let pairs = s.count_events(&f, CountBy::ActorPair, Some(1)).unwrap();
    assert_eq!(pairs, vec![("KAZCOP KAZCVL".to_string(), 2, 2)]);
    let days = s.count_events(&f, CountBy::DayQuad, None).unwrap();
    assert_eq!(days[0].0, "2022-01-05 4");
    assert_eq!(days.len(), 3);
    // stats is these groupings
    let st = s.stats(&f).unwrap();
    assert_eq!(
        st.by_country,
        s.count_events(&f, CountBy::Country, None).unwrap()
    );
}
