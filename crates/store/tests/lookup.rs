//! Reading by id, paging with a cursor and counting by group: what `petrel serve` reads.

mod common;
use common::*;
use petrel_store::{CountBy, EventCursor, EventFilter};

#[test]
fn pages_by_cursor_cover_every_event_once() {
    let mut s = store("lookup", "cursor.db");
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
    let mut s = store("lookup", "byid.db");
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
    let mut s = store("lookup", "counts.db");
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
