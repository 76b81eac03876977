//! The de-duplication rule on hand-built mentions, independent of the coder.

mod common;
use common::*;
use petrel_core::{Date, DatePrecision, Event, Modality};
use petrel_store::EventFilter;

#[test]
fn the_rule_on_known_mentions() {
    let mut s = store("dedup", "rule.db");
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
        "https://www.two.example/b",
        vec![
            // same arrest: the country for the police (prefix), the country for the city (nesting), a day later
            mention("1731", "KAZ", "", 6, "Kazakhstan"),
            // same deployment, with the army named
            mention("150", "RUSMIL", "KAZ", 6, ""),
            // an arrest in another city two days later: not the same
            mention("173", "KAZCOP", "KAZCVL", 8, "Aktau"),
        ],
    ))
    .unwrap();
    b.add_document(&article(
        "c",
        "https://one.example/c",
        vec![
            // the deployment again (same outlet as "a"), twice in the article
            mention("154", "RUS", "KAZ", 6, "Kazakhstan"),
            mention("150", "RUS", "", 6, "Kazakhstan"),
            // a denial is not the act
            Event {
                modality: Modality::Negated,
                ..mention("150", "RUS", "KAZ", 6, "Kazakhstan")
            },
            // different target country: not the same
            mention("150", "RUS", "FRA", 6, "Paris"),
            // nothing in common but the root: no anchor
            mention("170", "", "", 6, ""),
            mention("170", "", "", 6, ""),
        ],
    ))
    .unwrap();
    b.commit().unwrap();

    let ev = s.events(&EventFilter::default(), true).unwrap();
    let find = |cameo: &str, place: &str| {
        ev.iter()
            .filter(|e| {
                e.cameo == cameo && e.place.as_ref().map_or("", |p| p.name.as_str()) == place
            })
            .collect::<Vec<_>>()
    };
    let arrest = find("173", "Almaty");
    assert_eq!(arrest.len(), 1);
    assert_eq!(
        (
            arrest[0].num_mentions,
            arrest[0].num_articles,
            arrest[0].num_sources
        ),
        (2, 2, 2)
    );
    assert_eq!(find("173", "Aktau").len(), 1);

    let deploy = find("150", "Kazakhstan");
    let deploy: Vec<_> = deploy
        .into_iter()
        .filter(|e| e.modality == "asserted")
        .collect();
    assert_eq!(deploy.len(), 1, "{deploy:#?}");
    let d = deploy[0];
    assert_eq!(d.num_mentions, 4, "a, b, and c twice");
    assert_eq!(d.num_articles, 3);
    assert_eq!(d.num_sources, 2, "one.example and two.example");
    assert_eq!(d.mentions.len(), 4);
    assert_eq!(
        d.mentions
            .iter()
            .map(|m| m.doc.as_str())
            .collect::<Vec<_>>(),
        ["a", "b", "c", "c"]
    );

    let negated: Vec<_> = ev.iter().filter(|e| e.modality == "negated").collect();
    assert_eq!(negated.len(), 1);
    assert_eq!(find("150", "Paris").len(), 1);
    assert_eq!(
        ev.iter().filter(|e| e.cameo == "170").count(),
        2,
        "no anchor, no merge"
    );
    let total: i64 = ev.iter().map(|e| e.num_mentions).sum();
    assert_eq!(total, 11);
}

#[test]
fn missing_fields_are_filled_from_later_mentions() {
    let mut s = store("dedup", "fill.db");
    let mut b = s.batch().unwrap();
    let mut first = mention("141", "KAZCVL", "", 5, "");
    first.date_precision = Some(DatePrecision::Week);
    b.add_document(&article("a", "https://one.example/a", vec![first]))
        .unwrap();
    b.add_document(&article(
        "b",
        "https://two.example/b",
        vec![mention("141", "KAZCVL", "KAZGOV", 4, "Almaty")],
    ))
    .unwrap();
    b.commit().unwrap();
    let ev = s.events(&EventFilter::default(), false).unwrap();
    assert_eq!(ev.len(), 1);
    let e = &ev[0];
    assert_eq!(e.target.as_ref().unwrap().code, "KAZGOV");
    assert_eq!(e.place.as_ref().unwrap().name, "Almaty");
    assert_eq!(e.date_precision, "day");
    assert_eq!(e.date, Date::new(2022, 1, 4));
    assert_eq!(e.country.as_deref(), Some("KAZ"));
}

/// A mention with an ACLED coding: actor types, fatalities, precision.
fn acled(e: Event, inter1: Option<u8>, inter2: Option<u8>, fatalities: u64) -> Event {
    Event {
        acled: Some(petrel_core::event::Acled {
            event_type: "Violence against civilians".into(),
            sub_event_type: "Attack".into(),
            inter1,
            inter2,
            interaction: petrel_core::event::acled_interaction(inter1, inter2),
            fatalities,
            time_precision: Some(1),
            geo_precision: Some(1),
        }),
        ..e
    }
}

#[test]
fn an_event_keeps_the_acled_coding_of_its_mentions() {
    let mut s = store("dedup", "acled.db");
    let mut b = s.batch().unwrap();
    b.add_document(&article(
        "a",
        "https://one.example/a",
        // the first report names no attacker and says 5 killed; an attack elsewhere says none
        vec![
            acled(mention("190", "", "KAZCVL", 5, "Almaty"), None, Some(7), 5),
            acled(
                mention("190", "KAZUAF", "KAZCVL", 5, "Aktau"),
                Some(3),
                Some(7),
                0,
            ),
        ],
    ))
    .unwrap();
    b.add_document(&article(
        "b",
        "https://two.example/b",
        vec![
            // a later report names the gunmen and says 3 killed: the lowest figure stands, the gunmen's type is taken
            acled(
                mention("190", "KAZUAF", "KAZCVL", 5, "Almaty"),
                Some(3),
                Some(7),
                3,
            ),
            // and the other attack killed 2 after all
            acled(
                mention("190", "KAZUAF", "KAZCVL", 5, "Aktau"),
                Some(3),
                Some(7),
                2,
            ),
        ],
    ))
    .unwrap();
    b.add_document(&article(
        "c",
        "https://three.example/c",
        // a report with no figure does not lower it to 0
        vec![acled(
            mention("190", "KAZUAF", "KAZCVL", 5, "Almaty"),
            Some(3),
            Some(7),
            0,
        )],
    ))
    .unwrap();
    b.commit().unwrap();
    let ev = s.events(&EventFilter::default(), false).unwrap();
    let at = |place: &str| {
        let e = ev
            .iter()
            .find(|e| e.place.as_ref().is_some_and(|p| p.name == place))
            .unwrap();
        assert_eq!(
            e.acled,
            Some(("Violence against civilians".into(), "Attack".into()))
        );
        e.acled_coding.expect("stored with the event")
    };
    let almaty = at("Almaty");
    assert_eq!(
        (almaty.inter1, almaty.inter2, almaty.interaction),
        (Some(3), Some(7), Some(37))
    );
    assert_eq!(almaty.fatalities, 3);
    assert_eq!(
        (almaty.time_precision, almaty.geo_precision),
        (Some(1), Some(1))
    );
    assert_eq!(at("Aktau").fatalities, 2);
}
