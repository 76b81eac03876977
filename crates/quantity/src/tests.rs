//! The count tagger's tests.

use super::*;
use petrel_core::{CountKind, Metadata};
use petrel_nlp::Segmenter;

fn counts(text: &str) -> Vec<(CountKind, u64, u64, String)> {
    let mut d = Document::new(Metadata::default(), text.to_string());
    Segmenter.process(&mut d);
    CountTagger.process(&mut d);
    d.counts
        .into_iter()
        .map(|c| (c.kind, c.min, c.max, c.text))
        .collect()
}

/// The kind and minimum of each count in the text.
fn got(text: &str) -> Vec<(CountKind, u64)> {
    counts(text).into_iter().map(|c| (c.0, c.1)).collect()
}

#[test]
fn exact_counts() {
    assert_eq!(
        counts("Police said 18 security officers were killed."),
        [(CountKind::Killed, 18, 18, "18".into())]
    );
    assert_eq!(
        counts("The number of people detained reached 3,811."),
        [(CountKind::Arrested, 3811, 3811, "3,811".into())]
    );
    assert_eq!(
        counts("Tajikistan approved sending 200 troops."),
        [(CountKind::Troops, 200, 200, "200".into())]
    );
    assert_eq!(
        counts("Reporters saw three bodies."),
        [(CountKind::Killed, 3, 3, "three".into())]
    );
    assert_eq!(
        counts("Gunmen killed 12 villagers.")[0],
        (CountKind::Killed, 12, 12, "12".into())
    );
    assert_eq!(
        counts("About 5,000 protesters marched in Minsk.")[0],
        (CountKind::Protesters, 5000, 5000, "5,000".into())
    );
    assert_eq!(
        counts("At least 40 people were wounded in the blast.")[0].0,
        CountKind::Injured
    );
}

#[test]
fn qualified_counts_are_ranges_and_ages_are_no_counts() {
    assert_eq!(
        counts("The offensive has killed more than 1600 civilians.")[0],
        (CountKind::Killed, 1601, 4001, "1600".into())
    );
    assert_eq!(
        counts("At least 12 protesters were arrested.")[0],
        (CountKind::Arrested, 12, 30, "12".into())
    );
    assert_eq!(
        counts("Police arrested over 40 people.")[0],
        (CountKind::Arrested, 41, 101, "40".into())
    );
    // an age counts no one; the man is one arrest
    let one = (CountKind::Arrested, 1, 1, "a".into());
    assert_eq!(
        counts("Police have arrested a 46-year-old man."),
        vec![one.clone()]
    );
    assert_eq!(
        counts("Police arrested a man aged 46 on Friday."),
        vec![one]
    );
    assert!(
        counts("He was arrested on Wednesday around 10:20 a.m. after he was identified.")
            .is_empty()
    );
    assert!(counts("Police arrested him at 5 pm on Friday.").is_empty());
    // a number set off after a name is an age
    assert!(
        counts("Officers arrested Paul Floyd, 47, and charged him.").is_empty(),
        "{:?}",
        counts("Officers arrested Paul Floyd, 47, and charged him.")
    );
    assert_eq!(
        counts("About 150,000 people fled the fighting.")[0],
        (CountKind::Displaced, 150000, 150000, "150,000".into())
    );
}

#[test]
fn coordinated_nouns_and_protesters() {
    assert_eq!(
        counts("At least ten journalists and bloggers are imprisoned.")[0],
        (CountKind::Arrested, 10, 25, "ten".into())
    );
    assert_eq!(
        counts("More than 200 lawyers and activists were detained.")[0].0,
        CountKind::Arrested
    );
    assert_eq!(
        counts("Tens of thousands more residents launched marches.")[0],
        (
            CountKind::Protesters,
            10_000,
            99_999,
            "Tens of thousands".into()
        )
    );
    // people counted with no act of protest are no protesters
    assert!(counts("Tens of thousands of residents live in the valley.").is_empty());
}

#[test]
fn a_list_of_amounts_takes_the_kind_its_last_amount_tells() {
    let got = counts(
        "The group says 24 civilians, 24 Kurdish fighters, and 25 Turkish-backed militiamen have been killed.",
    );
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|c| c.0 == CountKind::Killed), "{got:?}");
    // a list broken by a verb keeps its kinds apart
    let got = counts("Police said 24 civilians fled and 25 soldiers were killed.");
    assert_eq!(
        got.iter().filter(|c| c.0 == CountKind::Killed).count(),
        1,
        "{got:?}"
    );
}

#[test]
fn one_person_and_a_place_after_the_noun() {
    assert_eq!(
        counts("Another man died after he was hit by a brick.")[0],
        (CountKind::Killed, 1, 1, "Another".into())
    );
    assert_eq!(
        counts("Six aid workers in South Sudan were killed on Saturday.")[0],
        (CountKind::Killed, 6, 6, "Six".into())
    );
    assert_eq!(
        counts("More than 600 people are believed to have been killed.")[0].0,
        CountKind::Killed
    );
    // a man nothing happened to is no count
    assert!(counts("A man said the police were late.").is_empty());
}

#[test]
fn vague_counts() {
    assert_eq!(
        counts("Dozens were killed in the clashes."),
        [(CountKind::Killed, 12, 99, "Dozens".into())]
    );
    assert_eq!(
        counts("Russia sent a few thousand troops."),
        [(CountKind::Troops, 2000, 9999, "a few thousand".into())]
    );
    assert_eq!(
        counts("Hundreds of protesters were detained.")[0],
        (CountKind::Arrested, 100, 999, "Hundreds".into())
    );
    assert_eq!(
        counts("Tens of thousands of demonstrators rallied.")[0].1,
        10_000
    );
}

#[test]
fn not_counts() {
    assert!(
        counts("The state's 30 years of independence. It cost $5 million. On January 7 2022.")
            .is_empty()
    );
    assert!(counts("He met three ministers.").is_empty());
    assert_eq!(
        counts("Police arrested 40 protesters.")[0].0,
        CountKind::Arrested
    );
    assert_eq!(
        counts("Police dispersed 500 protesters.")[0].0,
        CountKind::Protesters
    );
}

#[test]
fn kinds_from_gerunds_protest_verbs_and_deployments() {
    let kind = |t: &str| counts(t).first().map(|c| c.0);
    assert_eq!(
        kind("Gunmen attacked the post, killing three soldiers."),
        Some(CountKind::Killed)
    );
    assert_eq!(
        kind("Thousands of people rallied in the capital."),
        Some(CountKind::Protesters)
    );
    assert_eq!(
        kind("Gunmen abducted at least 60 students."),
        Some(CountKind::Abducted)
    );
    assert_eq!(
        kind("Kenya has deployed about 800 police officers to the city."),
        Some(CountKind::Troops)
    );
    assert_eq!(
        kind("Five suspects were arrested by police."),
        Some(CountKind::Arrested)
    );
    assert_eq!(kind("The army deployed 50 tanks."), None);
    assert_eq!(kind("They gathered 5,000 signatures."), None);
    assert_eq!(
        kind("Thousands of people turned out to support Zuma."),
        Some(CountKind::Protesters)
    );
    assert_eq!(kind("Two people turned out to be police officers."), None);
    assert_eq!(
        kind("Millions of South Koreans took to the streets."),
        Some(CountKind::Protesters)
    );
    assert_eq!(
        kind("The army placed over 60,000 security personnel in the area."),
        Some(CountKind::Troops)
    );
}

#[test]
fn fractions_of_a_million_and_a_scale_alone() {
    assert_eq!(
        counts("A quarter of a million people have been driven from their homes.")[0],
        (
            CountKind::Displaced,
            250_000,
            250_000,
            "A quarter of a million".into()
        )
    );
    assert_eq!(
        counts("Half a million people fled.")[0],
        (
            CountKind::Displaced,
            500_000,
            500_000,
            "Half a million".into()
        )
    );
    assert_eq!(
        counts("A hundred protesters marched.")[0],
        (CountKind::Protesters, 100, 100, "A hundred".into())
    );
}

#[test]
fn people_no_list_names_and_compound_nouns() {
    let first = |t: &str| counts(t).first().map(|c| (c.0, c.1));
    // a plural demonym right after the amount; a noun of people after another
    assert_eq!(
        first("Twelve Palestinians were killed in Gaza on Friday."),
        Some((CountKind::Killed, 12))
    );
    assert_eq!(
        first("Two police officers were wounded in the attack."),
        Some((CountKind::Injured, 2))
    );
    // (one of them, in the singular)
    assert_eq!(
        first("The fight left one Iraqi dead."),
        Some((CountKind::Killed, 1))
    );
    assert_eq!(
        first("One American was wounded in the blast."),
        Some((CountKind::Injured, 1))
    );
    // a plural noun no list names, before a passive or a verb people do by themselves
    assert_eq!(
        first("Five herders were killed in the raid."),
        Some((CountKind::Killed, 5))
    );
    assert_eq!(
        first("Seven pilgrims perished in the fire."),
        Some((CountKind::Killed, 7))
    );
    // what did the killing is not counted
    assert_eq!(
        first("Two bombs killed six people."),
        Some((CountKind::Killed, 6))
    );
    assert_eq!(counts("Two bombs killed six people.").len(), 1);
    // people of a group named after "of"
    assert_eq!(
        first("Five members of the security forces were killed in Kabul."),
        Some((CountKind::Killed, 5))
    );
    // a place with its country after the noun
    assert_eq!(
        first("At least two children in Baghdad, Iraq have died after eating the cake."),
        Some((CountKind::Killed, 2))
    );
}

#[test]
fn outcomes_reached_over_adverbs_phrases_and_parentheses() {
    let first = |t: &str| counts(t).first().map(|c| (c.0, c.1));
    assert_eq!(
        first("About 150,000 people have now been displaced from the region."),
        Some((CountKind::Displaced, 150_000))
    );
    assert_eq!(
        first("Three people were taken to hospital after the clash."),
        Some((CountKind::Injured, 3))
    );
    assert_eq!(
        first("Twenty people were taken into custody after the march."),
        Some((CountKind::Arrested, 20))
    );
    assert_eq!(
        first("Seven civilians lost their lives in the attack."),
        Some((CountKind::Killed, 7))
    );
    assert_eq!(
        first("Thousands of villagers were forced from their homes."),
        Some((CountKind::Displaced, 1000))
    );
    let got = counts("Ten people, including four children, were killed in the strike.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0, got[0].1), (CountKind::Killed, 10));
    // a parenthesis that is no description of the people breaks the reading
    assert!(counts("Ten people, the mayor said, were there.").is_empty());
    // the hospital that speaks says nothing of the people after it
    assert!(counts("The hospital said 18 people came for tests.").is_empty());
    // people who lost their jobs are no casualties
    assert!(counts("Seven workers lost their jobs.").is_empty());
}

#[test]
fn one_person_named_by_a_pronoun_or_a_noun_of_service() {
    assert_eq!(
        got("He was pronounced dead at the hospital."),
        [(CountKind::Killed, 1)]
    );
    assert_eq!(
        got("She later died of her injuries."),
        [(CountKind::Killed, 1)]
    );
    assert_eq!(
        got("He was shot dead outside his home."),
        [(CountKind::Killed, 1)]
    );
    assert_eq!(
        got("She was injured in the blast."),
        [(CountKind::Injured, 1)]
    );
    // one who killed, or who died of age, is not counted
    assert!(got("He killed two guards.").len() == 1);
    assert!(got("He died in 2005.").is_empty());
    assert_eq!(
        got("A US serviceman was killed in the blast."),
        [(CountKind::Killed, 1)]
    );
    assert_eq!(
        got("A British national was arrested at the airport."),
        [(CountKind::Arrested, 1)]
    );
}

#[test]
fn passives_weekdays_injuries_suffered_and_outcomes_before_the_noun() {
    let first = |t: &str| counts(t).first().map(|c| (c.0, c.1));
    assert_eq!(
        first("Ten men were shot dead in the village."),
        Some((CountKind::Killed, 10))
    );
    // those who shot are not counted
    assert_eq!(
        counts("Three gunmen shot dead two soldiers.")
            .iter()
            .map(|c| c.1)
            .collect::<Vec<_>>(),
        [2]
    );
    assert_eq!(
        first("At least ten militants on Thursday were killed in the raid."),
        Some((CountKind::Killed, 10))
    );
    assert_eq!(
        first("Seven army men suffered injuries when militants set off a bomb."),
        Some((CountKind::Injured, 7))
    );
    assert_eq!(
        first("The other four succumbed to their injuries."),
        Some((CountKind::Killed, 4))
    );
    assert_eq!(
        first("35 soldiers having been injured, the convoy turned back."),
        Some((CountKind::Injured, 35))
    );
    assert_eq!(
        first("The two other injured soldiers were flown out."),
        Some((CountKind::Injured, 2))
    );
    assert_eq!(
        first("Dozens of arrests have been made."),
        Some((CountKind::Arrested, 12))
    );
    assert_eq!(
        first("Thousands of Sudanese rallied in the capital."),
        Some((CountKind::Protesters, 1000))
    );
    assert_eq!(
        first("Hundreds of Florida high school students rallied in Tallahassee."),
        Some((CountKind::Protesters, 100))
    );
}

#[test]
fn a_demonym_before_the_noun_counted_is_an_adjective() {
    assert_eq!(
        counts("More than 200 Chinese human rights lawyers and activists were detained.")[0].0,
        CountKind::Arrested
    );
    assert_eq!(
        counts("Thousands of Chinese students rallied in Hong Kong.")[0].0,
        CountKind::Protesters
    );
}

#[test]
fn tolls_told_far_back_quoted_outcomes_and_one_more_named() {
    let first = |t: &str| counts(t).first().map(|c| (c.0, c.1));
    assert_eq!(
        first("The number of dead from the attack in Kabul has risen to 30."),
        Some((CountKind::Killed, 30))
    );
    assert_eq!(
        first("The death toll from Sunday's bombing in the northern city of Mosul rose to 44."),
        Some((CountKind::Killed, 44))
    );
    // a toll that is not what the amount is the figure of
    assert!(counts("The toll road in Kabul has 30 gates.").is_empty());
    assert_eq!(
        first("The ministry said 14 militants had been \"neutralised\"."),
        Some((CountKind::Killed, 14))
    );
    // the noun phrase ends at the verb: the police who fired are not counted
    assert_eq!(
        counts("Four people died and dozens were injured when police opened fire.")
            .into_iter()
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
        [(CountKind::Killed, 4), (CountKind::Injured, 12)]
    );
    assert_eq!(
        first("Two injured soldiers were flown out."),
        Some((CountKind::Injured, 2))
    );
    // one named by a pronoun before "and N others"
    assert_eq!(
        first("He and two others were arrested on Monday."),
        Some((CountKind::Arrested, 3))
    );
    assert_eq!(
        first("Police said two others were arrested on Monday."),
        Some((CountKind::Arrested, 2))
    );
}

#[test]
fn one_named_as_an_object_before_others_is_not_one_more() {
    assert_eq!(
        counts("A US soldier died alongside him and five others were wounded in the blast.")
            .into_iter()
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
        [(CountKind::Killed, 1), (CountKind::Injured, 5)]
    );
}

#[test]
fn dozens_of_a_number_tens_with_units_and_strong_forces() {
    assert_eq!(
        got("Police arrested two dozen people."),
        [(CountKind::Arrested, 24)]
    );
    assert_eq!(
        got("Twenty-five people were killed."),
        [(CountKind::Killed, 25)]
    );
    assert_eq!(
        got("Russia sent a 5,000-strong force."),
        [(CountKind::Troops, 5000)]
    );
    assert_eq!(
        got("A 3,000-strong crowd marched to parliament."),
        [(CountKind::Protesters, 3000)]
    );
    assert!(got("A 3,000-strong company was sold.").is_empty());
}

#[test]
fn people_in_custody_are_arrested() {
    assert_eq!(
        counts("Police have three men in custody for questioning.")[0].0,
        CountKind::Arrested
    );
    assert_eq!(
        counts("Five suspects remain in detention.")[0].0,
        CountKind::Arrested
    );
}

#[test]
fn an_amount_alone_as_a_crowd() {
    assert_eq!(
        counts("Thousands took to the streets of Khartoum.")[0].0,
        CountKind::Protesters
    );
    assert_eq!(
        counts("Hundreds staged a sit-in outside parliament.")[0].0,
        CountKind::Protesters
    );
    // months of protests count no protesters
    assert!(counts("After two months of protests the law was dropped.").is_empty());
}

#[test]
fn an_outcome_of_another_clause_says_nothing() {
    let got = counts("Five people lost their lives while over 40 others were affected by the gas.");
    assert_eq!(
        got.iter().map(|c| (c.0, c.1)).collect::<Vec<_>>(),
        [(CountKind::Killed, 5)]
    );
}

#[test]
fn one_person_after_a_possessive_and_a_name_after_the_noun() {
    assert_eq!(
        got("King's four year old son James was injured when a man attacked the car."),
        [(CountKind::Injured, 1)]
    );
    assert_eq!(
        got("Police arrested his brother on Monday."),
        [(CountKind::Arrested, 1)]
    );
    // the one killed and the soldier injured are two counts, not three
    assert_eq!(
        got("Gunmen killed her and injured a soldier."),
        [(CountKind::Injured, 1)]
    );
    // a possessive before no one counts no one
    assert!(got("His car was damaged.").is_empty());
}

#[test]
fn the_noun_phrase_ends_at_a_preposition() {
    assert_eq!(
        got("Another bomber killed four at a displaced persons' camp."),
        [(CountKind::Killed, 4)]
    );
    assert!(
        got("They hurled two of the grenades at soldiers deployed in front of the hall.")
            .is_empty()
    );
    assert!(got("Guatemala's National Institute of Forensic Sciences was closed.").is_empty());
}

#[test]
fn found_dead_held_forced_to_flee_and_crowds() {
    let first = |t: &str| counts(t).first().map(|c| (c.0, c.1));
    assert_eq!(
        first("Six people were found dead in the village."),
        Some((CountKind::Killed, 6))
    );
    assert_eq!(
        first("Two journalists are being held at the airport."),
        Some((CountKind::Arrested, 2))
    );
    assert!(counts("Two meetings were held in the capital.").is_empty());
    assert_eq!(
        first("The fighting forced 5,000 people to flee."),
        Some((CountKind::Displaced, 5000))
    );
    assert_eq!(
        first("A crowd of 5,000 gathered outside parliament."),
        Some((CountKind::Protesters, 5000))
    );
    assert_eq!(
        first("Police dispersed a crowd of about 300."),
        Some((CountKind::Protesters, 300))
    );
}

#[test]
fn people_who_fell_ill_are_injured() {
    let got =
        counts("Two children have died after eating the cake and at least nine others remain ill.");
    assert_eq!(
        got.iter().map(|c| (c.0, c.1)).collect::<Vec<_>>(),
        [(CountKind::Killed, 2), (CountKind::Injured, 9)]
    );
    assert_eq!(
        counts("Forty villagers fell ill after the gas attack.")[0].0,
        CountKind::Injured
    );
}

#[test]
fn one_who_suffered_injuries() {
    assert_eq!(
        counts("She suffered minor injuries in the crash.")
            .into_iter()
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
        [(CountKind::Injured, 1)]
    );
    assert_eq!(
        counts("He had minor injuries.")
            .into_iter()
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
        [(CountKind::Injured, 1)]
    );
    assert!(counts("He had two meetings.").is_empty());
}

#[test]
fn people_by_the_ending_of_their_noun_and_the_captured() {
    let first = |t: &str| counts(t).first().map(|c| (c.0, c.1));
    assert_eq!(
        first("Gunmen kidnapped 20 schoolgirls in Zamfara."),
        Some((CountKind::Abducted, 20))
    );
    assert_eq!(
        first("Authorities said 12 suspected militants had been captured in the raid."),
        Some((CountKind::Arrested, 12))
    );
    // what is captured before it is counted may be a place
    assert!(counts("Rebels captured three towns.").is_empty());
    // a noun ending like a person's that names none ("items") counts no one
    assert!(counts("The army deployed 50 items.").is_empty());
}

#[test]
fn things_captured_are_no_arrests() {
    assert!(counts("In the raid 234 pistols and 17,000 bullets were captured.").is_empty());
    assert_eq!(
        counts("Seven Afghan nationals were captured at the border.")[0].0,
        CountKind::Arrested
    );
}

#[test]
fn a_number_joined_to_one_more_person_and_a_killing_verb_before_it() {
    // "and a civilian" stays in the noun phrase, so that the verb after it tells what happened (the coder adds
    // the one person)
    assert_eq!(
        got("Two police officers and a civilian were killed in Mogadishu."),
        [(CountKind::Killed, 2)]
    );
    // "shot dead two protesters": killed, whatever the noun
    assert_eq!(
        got("Police shot dead two protesters in Baghdad."),
        [(CountKind::Killed, 2)]
    );
    assert_eq!(
        got("The militants beheaded three hostages in Mosul."),
        [(CountKind::Killed, 3)]
    );
}
