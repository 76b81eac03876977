//! Who acts in real news: what an outlet reports is no act of its own, a title with a surname is the office's
//! holder on the article's day, a body's officer is the body's, a town's crowds and armed groups are of the
//! town's country; the statement forms real news tells events with, and habits that are none.

mod common;

use common::{annotate_on, code_of, expect, expect_actors, expect_on};
use petrel_core::Date;

#[test]
fn an_outlet_reporting_is_no_statement() {
    let doc = annotate_on(
        "The Straits Times reported that about 6,000 pigs had tested positive for the virus.",
        Date::new(2009, 1, 22),
    );
    assert!(
        doc.events.iter().all(|e| !e.cameo.starts_with("01")),
        "{:?}",
        doc.events
    );
    // officials who report are telling news of their own
    let e = expect(
        "Mexican officials reported that at least 100 deaths were likely linked to the swine flu.",
        &["01"],
    );
    assert_eq!(code_of(&e.source), "MEXGOV");
}

#[test]
fn a_title_with_a_surname_is_the_office_holder_of_the_day() {
    let text =
        "In the Chilean capital of Santiago, President Bush visited Chinese President Hu Jintao.";
    let e = expect_on(text, Date::new(2004, 11, 20), &["04"]);
    assert_eq!(code_of(&e.source), "USAGOV", "{e:?}");
}

#[test]
fn an_officer_of_a_body_is_the_body() {
    let e = expect(
        "UN envoy Jan Pronk condemned the attack on the village.",
        &["11"],
    );
    assert!(code_of(&e.source).starts_with("IGOUNO"), "{e:?}");
}

#[test]
fn crowds_and_armed_groups_are_of_the_town_their_sentence_names() {
    let e = expect_on(
        "In Fallujah, hundreds of demonstrators came out against US troops.",
        Date::new(2004, 1, 14),
        &["14"],
    );
    assert_eq!(code_of(&e.source), "IRQCVL", "{e:?}");
    let e = expect_on(
        "In the eastern city of Baqubah, guerrillas detonated a car bomb outside a police station.",
        Date::new(2004, 1, 14),
        &["18"],
    );
    assert_eq!(code_of(&e.source), "IRQREB", "{e:?}");
    // and so are its clergy
    let e = expect_on(
        "In Fallujah, Sunni clerics condemned the killing of eight policemen by US troops.",
        Date::new(2003, 9, 14),
        &["11"],
    );
    assert_eq!(code_of(&e.source), "IRQREL", "{e:?}");
}

#[test]
fn statement_and_protest_forms_of_real_news() {
    // what ought to be done, said by someone: an appeal
    let e = expect(
        "Canada's opposition leader said the government should use the carbon tax money to help families.",
        &["02", "10"],
    );
    assert_eq!(e.cameo, "020");
    expect_actors(
        "Kenyan police issued a statement on Monday.",
        &["01"],
        "KENCOP",
        "KEN",
    );
    let e = expect(
        "In Ramadi, there was a big demonstration against the occupation.",
        &["14"],
    );
    assert_eq!(code_of(&e.source), "IRQCVL");
    expect(
        "Hamas has announced an end to rocket attacks on Israel.",
        &["08"],
    );
    expect("Pyongyang placed its troops on high alert.", &["15"]);
}

#[test]
fn an_appeal_to_the_public_with_no_one_named_is_the_authorities() {
    let e = expect(
        "Floods cut New Orleans off on Tuesday. All survivors are urged to leave the city.",
        &["02"],
    );
    assert_eq!(code_of(&e.source), "USAGOV", "{e:?}");
}

#[test]
fn a_habit_told_by_an_adverb_is_no_event() {
    let doc = annotate_on(
        "Algeria traditionally opposes any Western military presence in the region.",
        Date::new(2018, 4, 5),
    );
    assert!(doc.events.is_empty(), "{:?}", doc.events);
    // (an adverb elsewhere in the sentence says nothing of the act)
    expect(
        "Algeria opposed the Western military presence, which often angers its neighbours.",
        &["11"],
    );
}

#[test]
fn the_speaker_is_not_done_to_in_the_passive_told() {
    let doc = annotate_on(
        "Kenya's interior minister said two suspects were arrested in Nairobi.",
        Date::new(2015, 5, 29),
    );
    let arrest = doc
        .events
        .iter()
        .find(|e| e.cameo.starts_with("17"))
        .unwrap_or_else(|| panic!("{:?}", doc.events));
    assert_ne!(code_of(&arrest.target), "KENGOV", "{arrest:?}");
}

#[test]
fn a_recalled_envoy_aims_at_the_host_country() {
    for text in [
        "Slovenia recalled its ambassador to Moscow.",
        "By recalling its ambassador to Moscow for consultations, Slovenia made a less radical step.",
    ] {
        let e = expect_on(text, Date::new(2018, 3, 22), &["16"]);
        assert_eq!(code_of(&e.source), "SVN", "{e:?}");
        assert_eq!(e.target.as_ref().and_then(|t| t.actor.country.as_deref()), Some("RUS"), "{e:?}");
    }
    let e = expect_on(
        "The Netherlands withdrew its ambassador from Turkey.",
        Date::new(2018, 3, 22),
        &["16"],
    );
    assert_eq!(
        e.target.as_ref().and_then(|t| t.actor.country.as_deref()),
        Some("TUR"),
        "{e:?}"
    );
}

#[test]
fn a_surname_alone_is_the_office_holder_of_the_day() {
    // Ariel Sharon was Israel's prime minister in 2004, and the article names Israel
    let text = "Iraqi political forces condemned Sharon's killing of a Hamas leader in Israel.";
    let e = expect_on(text, Date::new(2004, 3, 24), &["11"]);
    assert_eq!(
        e.target.as_ref().and_then(|t| t.actor.country.as_deref()),
        Some("ISR"),
        "{e:?}"
    );
    // an article that names no office's country gives a surname no office-holder
    let doc = annotate_on(
        "People will be able to visit the Nelson office and get support.",
        Date::new(2018, 3, 24),
    );
    assert!(
        doc.actors
            .iter()
            .all(|a| !a.evidence.starts_with("surname of")),
        "{:?}",
        doc.actors
    );
}

#[test]
fn a_body_whose_name_ends_in_a_country_is_that_countrys() {
    let doc = annotate_on(
        "The Civil Aviation Authority of Nepal suspended all flights on Monday.",
        Date::new(2006, 3, 1),
    );
    assert!(
        doc.actors
            .iter()
            .any(|a| a.text == "Civil Aviation Authority of Nepal" && a.actor.code == "NPLGOV"),
        "{:?}",
        doc.actors
    );
}

#[test]
fn an_office_is_the_known_person_set_beside_it() {
    let doc = annotate_on(
        "Australian health minister Nicola Roxon spoke on Thursday. The federal health minister, Leona \
         Aglukkaq, pledged on Friday to give CA$10.8 million to help fight the flu in Canada.",
        Date::new(2009, 5, 1),
    );
    let e = doc
        .events
        .iter()
        .find(|e| e.trigger.text.starts_with("pledged"))
        .unwrap_or_else(|| panic!("{:?}", doc.events));
    assert_eq!(code_of(&e.source), "CANGOV", "{e:?}");
}

#[test]
fn a_cleric_tells_nothing_of_whose_people_an_article_names() {
    // Pope Francis (VATREL) named twice does not make the family Vatican citizens
    let doc = annotate_on(
        "Pope Francis tweeted his support for Alfie Evans. Pope Francis met the father in Rome. \
         Tom Evans says Alfie's life support could be turned off on Friday.",
        Date::new(2018, 4, 20),
    );
    assert!(
        doc.actors
            .iter()
            .filter(|a| a.text.contains("Evans"))
            .all(|a| a.actor.country.as_deref() != Some("VAT")),
        "{:?}",
        doc.actors
    );
}

#[test]
fn an_inverted_attribution_is_its_speakers() {
    for (text, code) in [
        (
            "The expulsions were unjustified, said Russian Foreign Minister Sergei Lavrov.",
            "RUSGOV",
        ),
        (
            "The expulsions were unjustified, said a spokesman for the Russian foreign ministry.",
            "RUSGOV",
        ),
        (
            "The outbreak is under control, said a statement by the World Health Organisation.",
            "IGOUNOHLHWHO",
        ),
    ] {
        let e = expect_on(text, Date::new(2018, 3, 29), &["01", "11"]);
        assert_eq!(code_of(&e.source), code, "{text}: {e:?}");
    }
}

#[test]
fn a_countrys_ministry_is_the_ministry_told_of_later() {
    let doc = annotate_on(
        "The United States imposed tariffs on steel. China's commerce ministry said on Thursday it had filed a \
         complaint. The ministry said the US action was a serious violation of trade rules. The Ministry of \
         Commerce said the US measures were protectionism.",
        Date::new(2018, 4, 5),
    );
    for text in ["The ministry", "The Ministry of Commerce"] {
        assert!(
            doc.actors
                .iter()
                .any(|a| a.text == text && a.actor.code == "CHNGOV"),
            "{text}: {:?}",
            doc.actors
        );
    }
    // a ministry named anew with its country is that country's
    let doc = annotate_on(
        "China's health ministry reported new cases. The Ministry of Health of Vietnam said it was ready.",
        Date::new(2009, 5, 1),
    );
    assert!(
        doc.actors
            .iter()
            .all(|a| !(a.text.contains("Vietnam") && a.actor.code == "CHNGOV")),
        "{:?}",
        doc.actors
    );
}

#[test]
fn an_office_named_after_a_body_is_the_bodys() {
    for text in [
        "UN envoy for Yemen Martin Griffiths said the talks would resume in Geneva.",
        "UN officials said the talks would resume in Geneva.",
        // (past the office's adjectives)
        "UN humanitarian envoy Jan Egeland said the talks would resume in Geneva.",
    ] {
        let doc = annotate_on(text, Date::new(2018, 9, 5));
        assert!(
            doc.events
                .iter()
                .any(|e| e.source.as_ref().is_some_and(|s| s.actor.code == "IGOUNO")),
            "{text}: {:?}",
            doc.events
        );
    }
    // (not the member states' farmers)
    let doc = annotate_on("EU farmers protested in Brussels.", Date::new(2018, 9, 5));
    assert!(doc
        .actors
        .iter()
        .all(|a| !(a.text == "farmers" && a.actor.code.starts_with("IGO"))));
}

#[test]
fn the_pope_is_the_pope_of_the_day() {
    let e = expect_on(
        "The pope praised Armenia for its faith on Thursday.",
        Date::new(2018, 4, 20),
        &["05"],
    );
    assert_eq!(code_of(&e.source), "VATREL", "{e:?}");
}

#[test]
fn a_name_given_with_an_age_is_a_private_namesake() {
    // (an Ali Ahmad was a Pakistani minister in 2003-2004; a 24-year-old from Manchester is not he)
    let doc = annotate_on(
        "Ali Ahmad, 24, from Manchester, was arrested by police in Manchester on Monday.",
        Date::new(2004, 1, 10),
    );
    assert!(
        doc.actors
            .iter()
            .all(|a| a.actor.country.as_deref() != Some("PAK")),
        "{:?}",
        doc.actors
    );
}

#[test]
fn a_person_given_with_a_hometown_is_of_its_country() {
    let doc = annotate_on(
        "The FBI said the man had tried to buy ricin online. Mohammed Ali, 31, from Liverpool, was convicted \
         at trial.",
        Date::new(2016, 5, 10),
    );
    assert!(
        doc.actors
            .iter()
            .any(|a| a.text == "Mohammed Ali" && a.actor.country.as_deref() == Some("GBR")),
        "{:?}",
        doc.actors
    );
}
