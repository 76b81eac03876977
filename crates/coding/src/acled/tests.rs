//! The ACLED coding of events coded from sentences by the whole pipeline, one rule at a time: actor types (state
//! forces at home and abroad, rebels, political and identity militias, rioters, protesters, civilians, external
//! forces), interaction codes, fatalities (exact, summed, vague, implied, never the injured), time and geo precision.

use crate::{ActorStage, EventStage, QuoteStage};
use petrel_core::event::Acled;
use petrel_core::{Actor, Date, Document, Event, Metadata, Stage};
use petrel_knowledge::Knowledge;
use petrel_nlp::models::SyntaxStage;
use petrel_nlp::{Models, Segmenter};
use std::sync::{Arc, OnceLock};

/// The knowledge and the pipeline's stages, in order.
type Stages = (Arc<Knowledge>, Vec<Box<dyn Stage>>);

fn stages() -> &'static Stages {
    static S: OnceLock<Stages> = OnceLock::new();
    S.get_or_init(|| {
        let k = Arc::new(Knowledge::builtin().expect("built-in dictionaries"));
        let models = Arc::new(Models::builtin().expect("built-in models"));
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Segmenter),
            Box::new(SyntaxStage::new(models, k.clone())),
            Box::new(petrel_time::DateTagger),
            Box::new(petrel_quantity::CountTagger),
            Box::new(petrel_geo::PlaceTagger::new(k.clone())),
            Box::new(ActorStage::new(k.clone())),
            Box::new(QuoteStage),
            Box::new(EventStage::new(k.clone())),
        ];
        (k, stages)
    })
}

/// The sentence coded, published on Wednesday 10 May 2023.
pub(crate) fn annotate(text: &str) -> Document {
    let meta = Metadata {
        id: "t".into(),
        date: Date::new(2023, 5, 10),
        source: "test".into(),
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    for s in &stages().1 {
        s.process(&mut doc);
    }
    doc
}

/// The first event of the text with an ACLED type, and its ACLED coding.
fn first(text: &str) -> (Event, Acled) {
    let doc = annotate(text);
    let summary: Vec<String> = doc
        .events
        .iter()
        .map(|e| format!("{} {:?}", e.cameo, e.acled))
        .collect();
    doc.events
        .iter()
        .find_map(|e| Some((e.clone(), e.acled.clone()?)))
        .unwrap_or_else(|| panic!("no ACLED event in {text:?}: {summary:?}"))
}

/// (inter1, inter2, interaction) of the text's first ACLED event.
fn types(text: &str) -> (Option<u8>, Option<u8>, Option<u8>) {
    let (_, a) = first(text);
    (a.inter1, a.inter2, a.interaction)
}

fn fatalities(text: &str) -> u64 {
    first(text).1.fatalities
}

#[test]
fn state_forces_at_home_are_1_and_abroad_external_8() {
    // Turkish troops in Turkey fight a separatist group (rebels)
    assert_eq!(
        types("Turkish troops shelled PKK positions in Hakkari on Monday."),
        (Some(1), Some(2), Some(12))
    );
    // the same troops in Syria are external forces
    assert_eq!(
        types("Turkish troops shelled PKK positions in Afrin in Syria on Monday."),
        (Some(8), Some(2), Some(28))
    );
    // a strike on a country named only as such: one actor, abroad
    assert_eq!(
        types("Turkish warplanes bombed targets in northern Iraq on Monday."),
        (Some(8), None, Some(80))
    );
    // (and on a group named as its target: the group is the second actor)
    assert_eq!(
        types("Turkish warplanes bombed PKK camps in northern Iraq on Monday."),
        (Some(8), Some(2), Some(28))
    );
}

#[test]
fn protesters_are_6_rioters_5_unless_state_forces() {
    // a peaceful protest: protesters alone (ACLED records no actor 2)
    assert_eq!(
        types("Thousands of protesters marched in Nairobi on Monday."),
        (Some(6), None, Some(60))
    );
    // the police breaking it up: state forces against protesters
    assert_eq!(
        types("Police fired tear gas to disperse protesters in Nairobi on Monday."),
        (Some(1), Some(6), Some(16))
    );
    // protesters who throw stones are rioters
    assert_eq!(
        types("Protesters threw stones at police and torched cars in Nairobi on Monday."),
        (Some(5), Some(1), Some(15))
    );
    // a mob is rioters, its victim a civilian
    assert_eq!(
        types("A mob lynched a suspected thief in Lagos on Monday."),
        (Some(5), Some(7), Some(57))
    );
}

#[test]
fn identity_militias_are_4() {
    // words of identity right before the mention
    assert_eq!(
        types("Fulani gunmen killed dozens of farmers in Benue on Monday."),
        (Some(4), Some(7), Some(47))
    );
    assert_eq!(
        types("Clan militias clashed in Galkayo on Monday, leaving several people dead."),
        (Some(3), Some(4), Some(34)),
        "unnamed attackers are an unidentified armed group (3), the clan militia an identity militia"
    );
    // vigilantes (a sector noun) are an identity militia
    let (e, a) = first("Vigilantes killed two suspected thieves in Kano on Monday.");
    assert_eq!(e.source.unwrap().actor.sector.as_deref(), Some("UAF"));
    assert_eq!(a.inter1, Some(4));
    // in a battle, herders named by their community are an identity militia; farmers stay civilians
    assert_eq!(
        types("Soldiers clashed with Fulani herders in Benue on Monday."),
        (Some(1), Some(4), Some(14))
    );
    let (_, a) = first("Fulani gunmen killed dozens of farmers in Benue on Monday, police said.");
    assert_eq!((a.inter1, a.inter2), (Some(4), Some(7)));
    // without such a word, gunmen are political militias
    assert_eq!(
        types("Gunmen killed 12 villagers in Zamfara on Monday."),
        (Some(3), Some(7), Some(37))
    );
}

#[test]
fn civilians_and_arrests() {
    // violence against civilians is against civilians, whoever the target is: here one the coder implies
    let (k, _) = stages();
    let doc = annotate("Gunmen killed 12 villagers in Zamfara on Monday.");
    let mut events = doc.events.clone();
    let e = &mut events[0];
    assert_eq!(
        e.acled.as_ref().unwrap().event_type,
        "Violence against civilians"
    );
    let target = e.target.as_mut().unwrap();
    (target.text, target.actor.sector) = (String::new(), None);
    target.actor.code = "NGA".into();
    super::complete(k, &doc, &mut events);
    let a = events[0].acled.as_ref().unwrap();
    assert_eq!(
        (a.inter1, a.inter2, a.interaction),
        (Some(3), Some(7), Some(37))
    );
    // an attacker the text does not name is an unidentified armed group (3)
    let source = events[0].source.as_mut().unwrap();
    (source.text, source.actor.sector) = (String::new(), None);
    source.actor.code = "NGA".into();
    super::complete(k, &doc, &mut events);
    assert_eq!(events[0].acled.as_ref().unwrap().inter1, Some(3));
    // arrests: state forces and civilians (an opposition's supporters are civilians until they use force)
    assert_eq!(
        types("Police arrested 40 opposition supporters in Harare on Monday."),
        (Some(1), Some(7), Some(17))
    );
}

#[test]
fn international_bodies_and_named_groups_are_external_8() {
    let (k, _) = stages();
    let doc = annotate("Malian troops clashed with jihadists near Gao on Monday.");
    let mut e = doc
        .events
        .iter()
        .find(|e| e.acled.is_some())
        .unwrap()
        .clone();
    assert_eq!(e.acled.as_ref().unwrap().interaction, Some(12));
    // the same clash by a UN mission, then by the Wagner Group
    let source = e.source.as_mut().unwrap();
    source.actor = Actor {
        code: "IGOUNO".into(),
        country: None,
        sector: Some("IGO".into()),
        name: "United Nations".into(),
    };
    let mut events = vec![e.clone()];
    super::complete(k, &doc, &mut events);
    let a = events[0].acled.as_ref().unwrap();
    assert_eq!(
        (a.inter1, a.inter2, a.interaction),
        (Some(8), Some(2), Some(28))
    );
    events[0].source.as_mut().unwrap().actor = Actor {
        code: "RUSUAF".into(),
        country: Some("RUS".into()),
        sector: Some("UAF".into()),
        name: "Wagner Group".into(),
    };
    super::complete(k, &doc, &mut events);
    assert_eq!(events[0].acled.as_ref().unwrap().inter1, Some(8));
}

#[test]
fn fatalities_as_acled_counts_them() {
    // the stated number
    assert_eq!(
        fatalities("Gunmen killed 12 villagers in Zamfara on Monday."),
        12
    );
    // both sides listed, summed
    assert_eq!(
        fatalities("Two soldiers and five militants were killed in a clash near Gao on Monday."),
        7
    );
    // vague amounts at ACLED's figures
    assert_eq!(
        fatalities("Gunmen killed several villagers in Zamfara on Monday."),
        10
    );
    assert_eq!(
        fatalities("Fulani gunmen killed dozens of farmers in Benue on Monday."),
        12
    );
    assert_eq!(
        fatalities("Many people were killed when gunmen attacked the village of Dogo in Plateau state on Monday."),
        10
    );
    // one person named, no number
    assert_eq!(
        fatalities("Soldiers shot dead the rebel commander in Beni on Monday."),
        1
    );
    // never the injured
    assert_eq!(
        fatalities("Jihadists killed 3 Malian soldiers in Mopti on Monday, and wounded 30."),
        3
    );
    assert_eq!(
        fatalities("At least 10 people were killed and 20 injured when gunmen attacked a market in Maiduguri on Monday."),
        10
    );
    // none told: 0
    assert_eq!(
        fatalities("Police fired tear gas to disperse protesters in Nairobi on Monday."),
        0
    );
    // the deaths an attack caused are its own, once ("killing" is no second event to count)
    let doc = annotate("Russian warplanes struck HTS positions near Jisr al-Shughur on Monday, killing 6 militants.");
    let strike = doc
        .events
        .iter()
        .find(|e| e.cameo.starts_with("195"))
        .expect("the air strike");
    assert_eq!(strike.acled.as_ref().map(|a| a.fatalities), Some(6));
    let killing = doc
        .events
        .iter()
        .find(|e| e.trigger.text.starts_with("killing"));
    assert_eq!(
        killing.and_then(|k| k.same_as.clone()),
        Some(strike.id.clone())
    );
    // a part of the dead is no more dead
    assert_eq!(
        fatalities("A suicide bomber blew himself up at a checkpoint in Mogadishu on Monday, killing 4 people including 2 soldiers."),
        4
    );
    // the one person named as the object of joined verbs
    assert_eq!(
        fatalities(
            "On 2 May 2023, unidentified gunmen shot and killed a village chief in Kadugli."
        ),
        1
    );
    // a toll in the next sentence, with no event of its own, or told as a killing with no agent
    assert_eq!(
        fatalities(
            "On 8 May 2023, the Syrian army shelled rebel positions in Kafr Nabl. 4 fatalities."
        ),
        4
    );
    assert_eq!(
        fatalities("On 8 May 2023, two clan militias clashed over grazing land in Galkayo. 5 people were killed."),
        5
    );
    // an amount of places is no toll
    assert_eq!(
        fatalities(
            "On 8 May 2023, ADF militants killed 11 civilians in several villages near Beni."
        ),
        11
    );
}

#[test]
fn time_precision_follows_the_date() {
    let tp = |text: &str| first(text).1.time_precision;
    assert_eq!(
        tp("Gunmen killed 12 villagers in Zamfara on Monday."),
        Some(1)
    );
    // no date told: the article's week
    assert_eq!(tp("Gunmen killed 12 villagers in Zamfara."), Some(2));
    assert_eq!(
        tp("Gunmen killed 12 villagers in Zamfara in March 2022."),
        Some(3)
    );
}

#[test]
fn geo_precision_follows_the_place() {
    let gp = |text: &str| first(text).1.geo_precision;
    assert_eq!(gp("Gunmen killed 4 villagers in Kano on Monday."), Some(1));
    assert_eq!(
        gp("Gunmen killed 4 villagers in Kano Municipal on Monday."),
        Some(2)
    );
    assert_eq!(
        gp("Gunmen killed 4 villagers in Zamfara on Monday."),
        Some(3)
    );
    assert_eq!(gp("Gunmen killed 4 villagers in Mali on Monday."), Some(3));
}

#[test]
fn events_acled_does_not_record_have_no_acled_coding() {
    let doc = annotate("President Ruto praised the police in Nairobi on Monday.");
    assert!(!doc.events.is_empty());
    assert!(doc.events.iter().all(|e| e.acled.is_none()));
}

#[test]
fn armed_groups_attacking_civilian_sites_are_violence_against_civilians() {
    // a mosque, a hotel: civilians, though no victim is named; "police said" reports it, hits nothing
    for text in [
        "Gunmen attacked a mosque in Kano on Friday, killing nine worshippers, police said.",
        "Armed men attacked a hotel in Grand-Bassam on Sunday, police said.",
        "Suspected gunmen shot and killed a village chief in Maiduguri on Monday.",
    ] {
        let (_, a) = first(text);
        assert_eq!(
            (a.event_type.as_str(), a.sub_event_type.as_str()),
            ("Violence against civilians", "Attack"),
            "{text}"
        );
    }
    // soldiers hit: a battle
    let (_, a) =
        first("Gunmen attacked a military base in Borno on Friday, killing five soldiers.");
    assert_eq!(a.event_type, "Battles", "{a:?}");
}

/// The sub-event type of the text's first ACLED event.
fn sub_type(text: &str) -> String {
    first(text).1.sub_event_type
}

#[test]
fn sub_types_from_what_the_sentence_tells() {
    // a protest put down by force, an intervention, a march against violence (no riot)
    assert_eq!(
        sub_type("The authorities violently suppressed a peaceful protest in Minsk on Monday."),
        "Excessive force against protesters"
    );
    assert_eq!(
        sub_type("On 8 July 2023, about 50 women marched in Tunis to demand justice for victims of domestic violence."),
        "Peaceful protest"
    );
    assert_eq!(
        sub_type("Opposition supporters blocked streets in Yerevan on Monday."),
        "Violent demonstration"
    );
    // looting by no crowd is ACLED's looting; by a mob, mob violence
    assert_eq!(
        sub_type("Dozens of foreign-owned shops were looted in Pretoria on Monday night."),
        "Looting/property destruction"
    );
    assert_eq!(
        sub_type("A mob lynched a man suspected of theft in Gitega on Monday."),
        "Mob violence"
    );
    // poison gas is a chemical weapon, whatever fired it
    assert_eq!(
        sub_type("Rebels fired shells with poisonous gas into Aleppo on Monday."),
        "Chemical weapon"
    );
    // a ceasefire signed is an agreement; a quake's dead are no attack
    assert_eq!(
        sub_type("On 2 July 2023, the Myanmar army and the Kachin Independence Army signed a ceasefire in Myitkyina."),
        "Agreement"
    );
    // forces that withdraw reposition, unless another side takes what they left; fighters who defect change sides
    assert_eq!(
        sub_type("Government forces withdrew on Monday from their positions near Gao."),
        "Change to group/activity"
    );
    assert_eq!(
        sub_type("Army troops withdrew from the town of Tessit on Monday, leaving it in the hands of the militants."),
        "Non-violent transfer of territory"
    );
    assert_eq!(
        sub_type("About 300 fighters of the group defected to the government in Juba on Monday."),
        "Change to group/activity"
    );
    // riot police are police; violence denounced is a grievance; a protest told as peaceful is one
    assert_eq!(
        sub_type(
            "Riot police fired tear gas to disperse student protesters in Jakarta on Tuesday."
        ),
        "Protest with intervention"
    );
    assert_eq!(
        sub_type("Demonstrators marched in Tehran on Monday to denounce violence by those who infiltrated the protests."),
        "Peaceful protest"
    );
    assert_eq!(
        sub_type("A peaceful protest took place in Batsari on Monday following the arrest of some local vigilantes."),
        "Peaceful protest"
    );
    assert_eq!(
        sub_type("Black-clad rioters set fire on a street in Hong Kong on Monday."),
        "Violent demonstration"
    );
    // prisoners exchanged and peace talks between a state and armed groups are agreements
    assert_eq!(
        sub_type(
            "On Monday the government and the rebels conducted an exchange of prisoners in Aden."
        ),
        "Agreement"
    );
    assert_eq!(
        sub_type("The rebels started peace talks with the government in Bogota on Monday."),
        "Agreement"
    );
    // weapons found are disrupted weapons use; villages captured are territory, whatever weapons the sentence names
    assert_eq!(
        sub_type("Police found two explosive devices near the bus station in Kano on Monday."),
        "Disrupted weapons use"
    );
    assert_ne!(
        sub_type("Government forces captured five villages near the town where chemical weapons were used in 2017."),
        "Disrupted weapons use"
    );
    // arrests for ordinary crime are no ACLED events; arrests of protesters are
    let doc = annotate("Kolkata police arrested ten persons on Monday and recovered counterfeit notes worth Rs 10 lakh.");
    assert!(
        doc.events.iter().all(|e| e.acled.is_none()),
        "{:?}",
        doc.events
    );
    assert_eq!(
        sub_type("Police arrested ten opposition activists in Kampala on Monday."),
        "Arrests"
    );
    let doc = annotate("Multiple earthquakes - including a 6.9-magnitude tremor - struck Lombok on Sunday, killing at least two people.");
    assert!(
        doc.events.iter().all(|e| e.acled.is_none()),
        "{:?}",
        doc.events
    );
}

#[test]
fn acled_style_notes_are_coded_as_acled_codes_them() {
    // 57 notes in ACLED's own style (crates/coding/tests/data/acled-notes.tsv): the first ACLED event's sub-event
    // type, fatalities, date and country against the coding an ACLED coder would give
    let table = include_str!("../../tests/data/acled-notes.tsv");
    let (mut n, mut coded, mut sub, mut fat, mut dated, mut dates, mut country) =
        (0, 0, 0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "{line}");
        n += 1;
        let doc = annotate(f[0]);
        let Some(e) = doc.events.iter().find(|e| e.acled.is_some()) else {
            misses.push(format!("no ACLED event: {}", f[0]));
            continue;
        };
        coded += 1;
        let a = e.acled.as_ref().expect("found with an ACLED coding");
        if a.event_type == f[1] && a.sub_event_type == f[2] {
            sub += 1;
        } else {
            misses.push(format!(
                "{} / {} for {}: {}",
                a.event_type, a.sub_event_type, f[2], f[0]
            ));
        }
        if a.fatalities.to_string() == f[3] {
            fat += 1;
        } else {
            misses.push(format!("{} dead for {}: {}", a.fatalities, f[3], f[0]));
        }
        if f[4] != "-" {
            dates += 1;
            if e.date.map(|d| d.to_string()).as_deref() == Some(f[4]) {
                dated += 1;
            } else {
                misses.push(format!("date {:?} for {}: {}", e.date, f[4], f[0]));
            }
        }
        if e.location.as_ref().map(|l| l.country.as_str()) == Some(f[5]) {
            country += 1;
        } else {
            misses.push(format!(
                "place {:?} for {}: {}",
                e.location.as_ref().map(|l| &l.name),
                f[5],
                f[0]
            ));
        }
    }
    let summary = format!(
        "{n} notes: coded {coded}, sub-type {sub}, fatalities {fat}, dates {dated}/{dates}, country {country}\n{}",
        misses.join("\n")
    );
    println!("{summary}");
    assert_eq!(n, 57);
    assert_eq!(coded, n, "{summary}");
    assert!(sub >= 52, "{summary}");
    assert!(fat >= 55, "{summary}");
    assert_eq!(dated, dates, "{summary}");
    assert!(country >= 56, "{summary}");
}

#[test]
fn how_an_attack_went_decides_its_type() {
    // a site stormed and its people killed: an attack, not territory taken
    assert_eq!(
        sub_type("Gunmen stormed a school in the city of Kaduna on Monday, killing five pupils."),
        "Attack"
    );
    // an attack to capture positions, beaten back: a battle, not territory regained
    assert_eq!(
        sub_type("A militant attack to capture army positions near Mosul was repelled by the troops on Monday."),
        "Armed clash"
    );
    // rioters are rioters whatever the police did before
    assert_eq!(
        sub_type("Students rioted in Nairobi on Monday after police fatally shot a young man."),
        "Violent demonstration"
    );
    // "sexual" names sexual violence only with a harm ("sexual assault"), not "sexual orientation"
    assert_eq!(
        sub_type("Militants killed two men in Kismayo on Monday over their sexual orientation."),
        "Attack"
    );
    // rebels pushed back lose ground to the side fighting them, told or not: the government regains territory
    assert_eq!(
        sub_type("The rebels were pushed back from their strongholds near Idlib on Monday."),
        "Government regains territory"
    );
    // activists arrested for organising a protest are arrests; protesters arrested in one met an intervention
    assert_eq!(
        sub_type("Police arrested three activists in Harare on Monday for organising an illegal protest."),
        "Arrests"
    );
    // a shoot-out between bandits and soldiers is a battle, even where a civilian died in it
    assert_eq!(
        sub_type("During a shoot-out between bandits and soldiers in Zamfara on Monday, a civilian was killed."),
        "Armed clash"
    );
}
