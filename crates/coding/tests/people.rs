//! People of the dictionary are coded by the office they held on the document's date.

use petrel_coding::ActorTagger;
use petrel_core::{Date, Document, Metadata, Stage};
use petrel_knowledge::Knowledge;
use petrel_nlp::Segmenter;

fn codes(k: &Knowledge, text: &str, date: &str) -> Vec<(String, String)> {
    let meta = Metadata {
        date: Some(date.parse::<Date>().unwrap()),
        ..Metadata::default()
    };
    let mut d = Document::new(meta, text.to_string());
    Segmenter.process(&mut d);
    ActorTagger::new(k)
        .tag(&d)
        .into_iter()
        .map(|m| (m.text, m.actor.code))
        .collect()
}

fn code_of(k: &Knowledge, text: &str, date: &str, name: &str) -> String {
    let got = codes(k, text, date);
    got.iter()
        .find(|(t, _)| t.contains(name))
        .unwrap_or_else(|| panic!("{name} not found in {got:?}"))
        .1
        .clone()
}

#[test]
fn offices_valid_on_the_document_date() {
    let k = Knowledge::builtin().unwrap();
    for name in [
        "Toqaev",
        "Tokayev",
        "Kassym-Jomart Tokayev",
        "Qasym-Zhomart Toqaev",
    ] {
        let text = format!("{name} asked the alliance for help.");
        assert_eq!(code_of(&k, &text, "2022-01-07", name), "KAZGOV", "{name}");
    }
    let text = "Nazarbaev was not seen in public.";
    assert_eq!(code_of(&k, text, "2022-01-07", "Nazarbaev"), "KAZELI");
    assert_eq!(code_of(&k, text, "2015-01-01", "Nazarbaev"), "KAZGOV");
    let text = "Antony Blinken said the United States had questions.";
    assert_eq!(code_of(&k, text, "2022-01-07", "Blinken"), "USAGOV");
    // in 2012 Blinken held none of the listed offices yet: the country alone
    assert_eq!(code_of(&k, text, "2012-06-01", "Blinken"), "USA");
    // unless the text names the office he held then: Pence is listed only as vice president (2017-2021)
    let text = "Governor Mike Pence declared a public health emergency.";
    assert_eq!(code_of(&k, text, "2015-03-26", "Pence"), "USAGOV");
    let text = "Former Governor Mike Pence declared a public health emergency.";
    assert_eq!(code_of(&k, text, "2015-03-26", "Pence"), "USAELI");
}

#[test]
fn a_title_before_a_known_name_is_one_mention_and_former_wins() {
    let k = Knowledge::builtin().unwrap();
    let got = codes(
        &k,
        "U.S. Secretary of State Antony Blinken spoke to President Tokayev.",
        "2022-01-07",
    );
    assert!(
        got.contains(&(
            "U.S. Secretary of State Antony Blinken".into(),
            "USAGOV".into()
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&("President Tokayev".into(), "KAZGOV".into())),
        "{got:?}"
    );
    let got = codes(&k, "Former President Putin spoke.", "2022-01-07");
    assert_eq!(
        got,
        [("Former President Putin".to_string(), "RUSELI".to_string())]
    );
}

#[test]
fn unknown_people_are_coded_from_the_text() {
    let k = Knowledge::builtin().unwrap();
    let got = codes(&k, "Kazakh President Aidos Nurlanov spoke.", "2022-01-07");
    assert_eq!(got[0].1, "KAZGOV", "{got:?}");
    let got = codes(
        &k,
        "Aidos Nurlanov, the fugitive former head of Kazakhstan's BTA Bank and outspoken critic of the government, spoke.",
        "2022-01-07",
    );
    assert_eq!(got[0].0, "Aidos Nurlanov", "{got:?}");
    assert!(got[0].1.starts_with("KAZ"), "{got:?}");
    let got = codes(
        &k,
        "Aidos Nurlanov, the top U.S. diplomat, spoke.",
        "2022-01-07",
    );
    assert_eq!(got[0].1, "USAGOV", "{got:?}");
}

#[test]
fn former_capitals_stand_for_the_government_only_in_their_time() {
    let k = Knowledge::builtin().unwrap();
    let text = "Almaty announced new measures.";
    let got = codes(&k, text, "1995-06-01");
    assert_eq!(got, [("Almaty".to_string(), "KAZ".to_string())]);
    let got = codes(&k, text, "2022-01-07");
    assert!(got.iter().all(|(t, _)| t != "Almaty"), "{got:?}");
    let got = codes(&k, "Nur-Sultan announced new measures.", "2020-06-01");
    assert_eq!(got, [("Nur-Sultan".to_string(), "KAZ".to_string())]);
    // a former name still names the country
    let got = codes(&k, "Swaziland announced new measures.", "2022-06-01");
    assert_eq!(got[0].1, "SWZ");
}

#[test]
fn members_of_congress_are_american_by_their_party_state_marker() {
    let k = Knowledge::builtin().unwrap();
    // an article about China would otherwise give the senator its focus
    let text = "China vowed to fight. Sen. Ben Sasse, R-Neb., called the escalation dumb. \
                Rep. Adam Schiff (D-Calif.) agreed. China and Beijing and China said more.";
    assert_eq!(code_of(&k, text, "2018-04-06", "Sasse"), "USALEG");
    assert_eq!(code_of(&k, text, "2018-04-06", "Schiff"), "USALEG");
}

#[test]
fn a_body_owns_its_offices() {
    let k = Knowledge::builtin().unwrap();
    // a role the body's name owns is the body's, whatever place is named between
    for (text, name, code) in [
        (
            "WHO's Beijing spokesman Roy Wadia said the agency was concerned.",
            "spokesman",
            "IGOUNOHLHWHO",
        ),
        (
            "NATO's top commander in Afghanistan said the attack was cowardly.",
            "commander",
            "IGOWSTNAT",
        ),
        (
            "The EU's foreign policy chief Javier Solana met Iranian negotiators.",
            "chief",
            "IGOEUREEC",
        ),
        (
            "UN Secretary General Kofi Annan condemned the attack in Kabul.",
            "Annan",
            "IGOUNO",
        ),
        (
            "NATO Secretary General Jaap Scheffer met Ukrainian President Viktor Yushchenko.",
            "Scheffer",
            "IGOWSTNAT",
        ),
    ] {
        assert_eq!(code_of(&k, text, "2005-03-01", name), code, "{text}");
    }
    // a body's sanctions are no one's office
    let got = codes(
        &k,
        "The UN's sanctions on Iran were criticised by Russia.",
        "2005-03-01",
    );
    assert!(
        got.iter().any(|(t, c)| t == "UN" && c == "IGOUNO"),
        "{got:?}"
    );
}

#[test]
fn a_country_owns_its_offices_past_modifiers() {
    let k = Knowledge::builtin().unwrap();
    for (text, name, code) in [
        (
            "China's commerce ministry said it would retaliate.",
            "ministry",
            "CHNGOV",
        ),
        (
            "Kenya's state-owned broadcaster said 300 attackers raided the village.",
            "broadcaster",
            "KENMED",
        ),
    ] {
        assert_eq!(code_of(&k, text, "2018-03-01", name), code, "{text}");
    }
    // a run of modifiers ends at a function word: no diplomats of China's here
    let got = codes(
        &k,
        "China's decision to expel diplomats angered Washington.",
        "2018-03-01",
    );
    assert!(
        got.iter().any(|(t, c)| t == "China's" && c == "CHN"),
        "{got:?}"
    );
}

#[test]
fn an_origin_phrase_ends_at_the_name() {
    let k = Knowledge::builtin().unwrap();
    let got = codes(
        &k,
        "The Ministry of Commerce said the US measures were protectionism.",
        "2018-03-01",
    );
    assert!(got.iter().all(|(t, _)| !t.contains("said")), "{got:?}");
    assert_eq!(
        code_of(
            &k,
            "More troops from CSTO member Belarus arrived.",
            "2022-01-07",
            "troops"
        ),
        "BLRMIL"
    );
}

#[test]
fn past_office_holders_from_petrarch() {
    let k = Knowledge::builtin().unwrap();
    // data/actors/people-history.tsv: offices dated by PETRARCH-2's country actors
    let text = "Donald Rumsfeld rejected the plan, and Jacques Chirac criticised it.";
    assert_eq!(code_of(&k, text, "2004-07-22", "Rumsfeld"), "USAGOV");
    assert_eq!(code_of(&k, text, "2004-07-22", "Chirac"), "FRAGOV");
    assert_eq!(code_of(&k, text, "2010-07-22", "Rumsfeld"), "USAELI");
    // and officials of international bodies from its international file
    let text = "Margaret Chan urged countries not to squander their medical supplies.";
    assert_eq!(code_of(&k, text, "2009-05-20", "Chan"), "IGOUNOHLHWHO");
}

#[test]
fn a_countrys_named_body_and_the_body_later() {
    let k = Knowledge::builtin().unwrap();
    let text = "The Norwegian Food Safety Authority ordered poultry kept indoors. \
                The authority also asked the border customs to increase inspections. \
                The Vietnamese Ministry of Health called for research. \
                The Ministry of Foreign Affairs of Nepal said so.";
    let got = codes(&k, text, "2006-03-01");
    for (name, code) in [
        ("Norwegian Food Safety Authority", "NORGOV"),
        ("The authority", "NORGOV"),
        ("Vietnamese Ministry of Health", "VNMGOV"),
        ("Ministry of Foreign Affairs of Nepal", "NPLGOV"),
    ] {
        assert!(
            got.iter().any(|(t, c)| t == name && c == code),
            "{name} {code}: {got:?}"
        );
    }
}

#[test]
fn armed_groups_from_petrarch() {
    let k = Knowledge::builtin().unwrap();
    // data/actors/groups-history.tsv
    let text = "The Mahdi Army attacked a police station in Najaf.";
    assert_eq!(code_of(&k, text, "2004-04-05", "Mahdi"), "IRQREB");
    // no group is a date
    let got = codes(&k, "On 21 June the talks resumed.", "2004-04-05");
    assert!(got.is_empty(), "{got:?}");
}
