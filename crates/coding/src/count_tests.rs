//! Counts attached to events by the whole pipeline: counts left by a trigger that coded no event, tolls told in
//! the sentences after the act, and the dead of a passive killing.

use crate::acled::tests::annotate;
use petrel_core::CountKind;

/// The counts (kind, lowest figure) of the first event of the text whose trigger starts with `trigger`.
fn counts_of(text: &str, trigger: &str) -> Vec<(CountKind, u64)> {
    let doc = annotate(text);
    let e = doc
        .events
        .iter()
        .find(|e| e.trigger.text.starts_with(trigger))
        .unwrap_or_else(|| panic!("no event {trigger:?} in {:?}", doc.events));
    e.counts.iter().map(|c| (c.kind, c.min)).collect()
}

#[test]
fn a_count_whose_trigger_coded_no_event_goes_to_the_nearest_event() {
    // "clashes" names no one: its wounded are those of the killing
    assert_eq!(
        counts_of(
            "Israeli soldiers killed three Palestinians and wounded 20 in clashes in Gaza.",
            "killed"
        ),
        [(CountKind::Killed, 3), (CountKind::Injured, 20)]
    );
    // a killing with no actor of its own gives its dead to the clash
    assert_eq!(
        counts_of(
            "A man was killed yesterday as villagers clashed using bamboo sticks in Dimla.",
            "clashed"
        ),
        [(CountKind::Killed, 1)]
    );
}

#[test]
fn tolls_told_after_the_act() {
    // told with a statement of its own
    assert_eq!(
        counts_of(
            "Gunmen attacked a church in Kaduna on Sunday. The death toll rose to 44, officials said.",
            "attacked"
        ),
        [(CountKind::Killed, 44)]
    );
    // two sentences on, the one between telling no toll (the place makes the stabbing an event: by unnamed
    // attackers in its country; the police who say so are not its target)
    assert_eq!(
        counts_of(
            "Police in Chicago say a man stabbed Miguel Beedle in an alley on Monday. Beedle collapsed at the \
             corner of State Street, police said. He was pronounced dead at the hospital.",
            "stabbed"
        ),
        [(CountKind::Killed, 1)]
    );
    // the displaced are a toll too
    assert_eq!(
        counts_of(
            "The offensive in eastern Ghouta has killed more than 1600 civilians, rescuers said. The \
             authorities say about 150,000 people have now been displaced from the region.",
            "killed"
        ),
        [(CountKind::Killed, 1601), (CountKind::Displaced, 150_000)]
    );
    // not past a violent act of its own: the toll is the later act's
    let text = "Police stabbed a man in Lagos on Monday. Soldiers attacked a village in Borno on Tuesday. \
                He was pronounced dead at the hospital.";
    assert_eq!(counts_of(text, "stabbed"), []);
    assert_eq!(counts_of(text, "attacked"), [(CountKind::Killed, 1)]);
}

#[test]
fn shot_dead_is_a_killing_of_the_one_shot() {
    assert_eq!(
        counts_of(
            "John Smith was shot dead by police in Lagos on Monday.",
            "was shot"
        ),
        [(CountKind::Killed, 1)]
    );
}

#[test]
fn tolls_of_arrests_and_protests_told_after_the_act() {
    assert_eq!(
        counts_of(
            "Farmers marched on parliament in Nairobi on Monday. Organisers said 5,000 people took part in \
             the march.",
            "Farmers marched"
        ),
        [(CountKind::Protesters, 5000)]
    );
    // the arrests told after an arrest
    assert_eq!(
        counts_of(
            "Police in Cairo arrested the leaders of the strike on Monday. Prosecutors said 40 people remain \
             in custody.",
            "arrested"
        ),
        [(CountKind::Arrested, 40)]
    );
}

#[test]
fn others_are_added_to_those_counted_before() {
    let doc = annotate(
        "Police arrested Ahmed Khan and Ali Shah in Karachi on Monday, while the other three were arrested \
         in Lahore.",
    );
    let arrests: Vec<_> = doc.events.iter().filter(|e| e.cameo == "173").collect();
    assert_eq!(arrests.len(), 2, "{arrests:?}");
    assert_eq!(arrests[0].counts[0].min, 5);
    assert_eq!(arrests[1].same_as.as_ref(), Some(&arrests[0].id));
}

#[test]
fn a_person_named_who_died_is_one_killed() {
    assert_eq!(
        counts_of(
            "Gunmen attacked John Smith outside his home in Lagos on Monday. Smith was pronounced dead at \
             the hospital.",
            "attacked"
        ),
        [(CountKind::Killed, 1)]
    );
}

#[test]
fn a_casualty_left_over_goes_to_no_statement() {
    // "clashes" names no one and codes nothing: its hurt are no count of the criticism
    let text = "Kenya's president criticised the police on Monday after three people were hurt in clashes.";
    let doc = annotate(text);
    let criticism = doc
        .events
        .iter()
        .find(|e| e.cameo == "111")
        .expect("a criticism");
    assert!(criticism.counts.is_empty(), "{:?}", criticism.counts);
}

#[test]
fn a_person_named_past_an_apposition_who_had_injuries() {
    assert_eq!(
        counts_of(
            "A man attacked a bus carrying fighters in Brooklyn on Thursday. Michael Chiesa, another \
             fighter who was set to compete in the weekend's events, had minor injuries.",
            "attacked"
        ),
        [(CountKind::Injured, 1)]
    );
}

#[test]
fn a_part_told_after_its_amount_is_not_added() {
    assert_eq!(
        counts_of(
            "Some 40 people were injured, four of them seriously, when police clashed with protesters in \
             Paris.",
            "clashed"
        ),
        [(CountKind::Injured, 40)]
    );
}

#[test]
fn the_one_named_besides_the_others_and_the_abducted_one_by_one() {
    assert_eq!(
        counts_of(
            "In Iraq his chief aide in Najaf was arrested along with 13 other members of his organization.",
            "arrested"
        ),
        [(CountKind::Arrested, 14)]
    );
    assert_eq!(
        counts_of(
            "Allawi's aged cousin and the man's wife and daughter-in-law were abducted by gunmen in Baghdad.",
            "abducted"
        ),
        [(CountKind::Abducted, 3)]
    );
    // "12 others" with no one named besides them stay 12
    assert_eq!(
        counts_of("Police in Iraq arrested 12 others on Monday.", "arrested"),
        [(CountKind::Arrested, 12)]
    );
}
